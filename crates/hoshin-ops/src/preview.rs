//! Markdown → HTML for the app's previews. pulldown-cmark's output is not safe on its own;
//! ammonia removes scripts, event handlers, styles and images, and keeps only safe link
//! schemes.

/// Safe HTML for a preview of `markdown`; a line break typed inside a paragraph stays a line
/// break, as in the exported document.
pub fn preview_html(markdown: &str) -> String {
    let opts =
        pulldown_cmark::Options::ENABLE_TABLES | pulldown_cmark::Options::ENABLE_STRIKETHROUGH;
    let mut html = String::new();
    let markdown = hoshin_export::keep_line_breaks(markdown);
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new_ext(&markdown, opts));
    ammonia::Builder::default()
        .rm_tags(&["img"])
        .clean(&html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_typed_line_breaks_like_the_export() {
        let html = preview_html("1 住民の声を聴く職員\n2 挑戦する職員\n\n次の段落");
        assert!(html.contains("職員<br"), "{html}");
        assert_eq!(html.matches("<p>").count(), 2, "{html}");
    }

    #[test]
    fn drops_scripts_and_handlers() {
        let html = preview_html(
            "# 見出し\n\n<img src=x onerror=alert(1)><script>alert(2)</script>\n\n[a](javascript:alert(3))",
        );
        assert!(html.contains("<h1>見出し</h1>"), "{html}");
        assert!(
            !html.contains("onerror")
                && !html.contains("<img")
                && !html.contains("<script")
                && !html.contains("javascript:"),
            "{html}"
        );
    }
}
