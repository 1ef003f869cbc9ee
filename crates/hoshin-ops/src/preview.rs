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

/// The preview of text a user typed: HTML they typed is shown as text (never run, never
/// hidden), Markdown formatting still renders.
pub fn preview_user_markdown(text: &str) -> String {
    preview_html(&hoshin_export::escape_raw_html(text))
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
    fn typed_markup_is_shown_as_text_in_a_user_preview() {
        let html = preview_user_markdown(
            "**太字**と<style>本文が消える\n\n<img src=x onerror=alert(1)>のあとも<b>続く</b>",
        );
        // Everything typed is visible; nothing is an element.
        assert!(html.contains("<strong>太字</strong>"), "{html}");
        assert!(
            html.contains("&lt;style&gt;本文が消える") || html.contains("&lt;style>本文が消える"),
            "{html}"
        );
        assert!(html.contains("onerror=alert(1)"), "shown as text: {html}");
        assert!(!html.contains("<img") && !html.contains("<b>"), "{html}");
        assert!(html.contains("続く"), "{html}");
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
