//! Typed markup is text in every output (issue 15): the corpus of markup vectors in
//! `tests/fixtures/markup-vectors.json`, typed into every text of a draft, leaves no raw HTML
//! and no unsafe link in the Markdown, and every vector is shown as typed in the Markdown
//! (read back by pulldown-cmark, as every renderer and viewer reads it), in the PDF's text
//! layer and in the Word file (python-docx). The 新旧対照表's own `<u>` and `<br>` still work.

use hoshin_export::comparison::{build_comparison, Layout, Side};
use hoshin_export::*;
use hoshin_model::templates::{self, Templates};
use hoshin_model::{Acknowledgement, Draft};
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use serde_json::Value;

use hoshin_tests::markup_vectors as corpus;

fn opts() -> ExportOptions {
    ExportOptions {
        appendix: true,
        date: Some((2026, 12, 1)),
    }
}

/// Keys of a draft's JSON whose string values are text a user types on one line.
const LINE_FIELDS: &[&str] = &[
    "title",
    "name",
    "field",
    "unit",
    "source",
    "owner",
    "provider",
    "note",
    "hr_owner",
    "dx_owner",
    "top_management",
    "review",
    "municipality",
];

/// The town sample with the corpus everywhere: all of it in one section (one vector a
/// paragraph), one vector a line in another, each one-line text (names, titles, units,
/// governance, municipality) and each description a vector in turn, and findings
/// acknowledged with vectors as reasons. Returns the draft and the vectors given to
/// one-line fields that the policy prints (names and titles).
fn hostile_draft(vectors: &[String]) -> (Draft, Vec<String>) {
    let d = templates::sample("town-8000").unwrap();
    let mut v = serde_json::to_value(&d).unwrap();
    let mut next = 0usize;
    let mut named = Vec::new();
    fn walk(
        v: &mut Value,
        key: &str,
        vectors: &[String],
        next: &mut usize,
        named: &mut Vec<String>,
    ) {
        match v {
            Value::Object(m) => {
                for (k, x) in m.iter_mut() {
                    if k == "sections" || k == "acknowledgements" {
                        continue;
                    }
                    walk(x, k, vectors, next, named);
                }
            }
            Value::Array(a) => a
                .iter_mut()
                .for_each(|x| walk(x, key, vectors, next, named)),
            Value::String(s)
                if LINE_FIELDS.contains(&key) || (key == "description" && !s.is_empty()) =>
            {
                let vec = &vectors[*next % vectors.len()];
                *next += 1;
                if matches!(key, "name" | "title") {
                    named.push(vec.clone());
                }
                *s = format!("{s}{vec}");
            }
            _ => {}
        }
    }
    walk(&mut v, "", vectors, &mut next, &mut named);
    let mut d: Draft = serde_json::from_value(v).unwrap();
    d.sections.insert(
        "kihon.shokuinzo".into(),
        format!("本文の前。\n\n{}\n\n本文の後。", vectors.join("\n\n")),
    );
    d.sections
        .insert("kihon.noryoku".into(), vectors.join("\n"));
    let report = hoshin_check::check(&d, &Templates::builtin());
    for (f, reason) in report.findings.iter().zip(vectors.iter().rev()) {
        d.acknowledgements.push(Acknowledgement {
            key: f.key.clone(),
            rule: f.rule.clone(),
            reason: reason.clone(),
            by: String::new(),
            at: String::new(),
        });
    }
    (d, named)
}

/// What a Markdown viewer makes of a text: the raw HTML it would pass on, the links and
/// images it would make (with their destinations), and the text it shows, one line per
/// paragraph, heading or table cell.
struct Read {
    html: Vec<String>,
    links: Vec<String>,
    text: String,
}

fn read(md: &str) -> Read {
    let mut r = Read {
        html: vec![],
        links: vec![],
        text: String::new(),
    };
    for ev in Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match ev {
            Event::Html(h) | Event::InlineHtml(h) => r.html.push(h.to_string()),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) if link_type != LinkType::Email => r.links.push(dest_url.to_string()),
            Event::Start(Tag::Image { dest_url, .. }) => r.links.push(dest_url.to_string()),
            Event::Text(t) | Event::Code(t) => r.text.push_str(&t),
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::TableCell
                | TagEnd::Item
                | TagEnd::CodeBlock,
            ) => r.text.push('\n'),
            _ => {}
        }
    }
    r
}

/// The templates' own directives to the renderers (`<!-- hoshin:equal-columns -->`).
fn own_markup(html: &str) -> bool {
    html.starts_with("<!-- hoshin:")
}

fn unsafe_link(dest: &str) -> bool {
    let d: String = dest
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    match d.find(':') {
        Some(c) if !d[..c].contains(['/', '?', '#']) => {
            !matches!(&d[..c], "http" | "https" | "mailto")
        }
        _ => false,
    }
}

fn markdown(d: &Draft) -> String {
    let out = export(
        d,
        &Templates::builtin(),
        &MarkdownTemplates::builtin(),
        &MarkdownRenderer,
        &opts(),
    )
    .unwrap();
    String::from_utf8(out.bytes).unwrap()
}

#[test]
fn the_markdown_export_has_no_raw_tag_and_shows_every_vector() {
    let vectors = corpus();
    let (d, named) = hostile_draft(&vectors);
    let md = markdown(&d);
    let r = read(&md);
    let typed: Vec<&String> = r.html.iter().filter(|h| !own_markup(h)).collect();
    assert!(typed.is_empty(), "raw HTML left in the Markdown: {typed:?}");
    let bad: Vec<&String> = r.links.iter().filter(|l| unsafe_link(l)).collect();
    assert!(bad.is_empty(), "unsafe links: {bad:?}");
    // Every vector of the body, each on its own line, exactly as typed.
    let lines: Vec<&str> = r.text.lines().collect();
    for v in &vectors {
        assert!(
            lines.contains(&v.as_str()),
            "{v} is not shown as typed; the lines are: {:#?}",
            lines
                .iter()
                .filter(|l| l.contains(&v[..v.len().min(6)]))
                .collect::<Vec<_>>()
        );
    }
    assert!(
        r.text.contains("本文の後。"),
        "nothing after a vector is lost"
    );
    // Names and titles printed in the policy (tables, headings) are shown as typed too.
    for v in &named {
        assert!(
            r.text.contains(v.as_str()),
            "the name {v} is not shown as typed"
        );
    }
    // Acknowledgement reasons in the appendix.
    for a in &d.acknowledgements {
        assert!(
            r.text.contains(&a.reason),
            "the reason {} is missing",
            a.reason
        );
    }
    // No raw tag by a plain look at the file either: every `<` of user text is escaped.
    for (i, _) in md.match_indices('<') {
        assert!(
            md[..i].ends_with('\\') || md[i..].starts_with("<!-- hoshin:"),
            "an unescaped < at {i}: {}",
            &md[i.saturating_sub(40)..(i + 40).min(md.len())]
        );
    }
}

#[test]
fn escaping_keeps_markdown_and_safe_links_and_neutralises_the_rest() {
    let cases = [
        // (typed, shown as text)
        ("**太字**と<b>太字</b>", "太字と<b>太字</b>"),
        ("[市のサイト](https://example.jp/)", "市のサイト"),
        ("[押す](javascript:alert(1))", "[押す](javascript:alert(1))"),
        (
            "[押す](JAVA\tSCRIPT:alert(1))",
            "[押す](JAVA\tSCRIPT:alert(1))",
        ),
        ("<javascript:alert(1)>", "<javascript:alert(1)>"),
        ("<https://example.jp/>", "https://example.jp/"),
        (
            "![図](data:image/png;base64,AAAA)",
            "![図](data:image/png;base64,AAAA)",
        ),
        (
            "[参照][x]\n\n[x]: javascript:alert(1)",
            "[参照][x]\n[x]: javascript:alert(1)",
        ),
        ("`<script>` はコード", "<script> はコード"),
        ("```\n<script>&amp;\n```", "<script>&amp;\n"),
        ("&lt;b&gt; &amp; &#60; AT&T", "&lt;b&gt; &amp; &#60; AT&T"),
        ("\\&amp; と \\<b>", "&amp; と <b>"),
        (
            "<a title=\"*x*\\\">斜体にならない",
            "<a title=\"*x*\\\">斜体にならない",
        ),
        ("<div>\n*x*\n</div>", "<div>\n*x*\n</div>"),
    ];
    for (typed, shown) in cases {
        let esc = escape_raw_html(typed);
        let r = read(&esc);
        assert!(
            r.html.is_empty(),
            "{typed:?} → {esc:?}: raw HTML {:?}",
            r.html
        );
        assert!(
            !r.links.iter().any(|l| unsafe_link(l)),
            "{typed:?} → {esc:?}: {:?}",
            r.links
        );
        assert_eq!(r.text.trim_end(), shown.trim_end(), "{typed:?} → {esc:?}");
    }
    // Text without any of it is left alone.
    let plain = "# 見出し\n\n- 項目\n\n| a | b |\n|---|---|\n| 1 | 2 |";
    assert_eq!(escape_raw_html(plain), plain);
}

/// The PDF's text layer and the Word file carry every vector as typed.
#[test]
fn pdf_and_word_show_every_vector_as_typed() {
    let vectors = corpus();
    let (d, _) = hostile_draft(&vectors);
    let dir = tempfile::tempdir().unwrap();
    let squash = |s: &str| -> String { s.chars().filter(|c| !c.is_whitespace()).collect() };

    let pdf = export(
        &d,
        &Templates::builtin(),
        &MarkdownTemplates::builtin(),
        &PdfRenderer::shared().unwrap(),
        &opts(),
    )
    .unwrap();
    let p = dir.path().join("m.pdf");
    std::fs::write(&p, &pdf.bytes).unwrap();
    let o = std::process::Command::new("pdftotext")
        .args(["-raw", p.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils)");
    let text = squash(&String::from_utf8_lossy(&o.stdout));
    for v in &vectors {
        assert!(
            text.contains(&squash(v)),
            "{v} is missing from the PDF's text"
        );
    }

    let docx = export(
        &d,
        &Templates::builtin(),
        &MarkdownTemplates::builtin(),
        &DocxRenderer::default(),
        &opts(),
    )
    .unwrap();
    let p = dir.path().join("m.docx");
    std::fs::write(&p, &docx.bytes).unwrap();
    let facts: Value =
        serde_json::from_slice(&hoshin_tests::run_reader("docx_facts.py", &[p.as_os_str()]))
            .unwrap();
    let paragraphs: Vec<&str> = facts["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    for v in &vectors {
        assert!(
            paragraphs.iter().any(|p| *p == v),
            "{v} is not a paragraph of the Word file as typed"
        );
    }
    let cells = facts["tables"].to_string();
    for a in &d.acknowledgements {
        let quoted = serde_json::to_string(&a.reason).unwrap();
        assert!(
            cells.contains(quoted.trim_matches('"')),
            "the reason {} is not in a Word table",
            a.reason
        );
    }
}

/// The 新旧対照表 shows typed markup as text while its own `<u>` (changes) and `<br>` (lines)
/// stay markup in the Markdown, the PDF and Word.
#[test]
fn the_comparison_keeps_its_own_markup_and_shows_typed_markup() {
    let vectors = corpus();
    let old = "研修を実施する。\n<u>下線に見せかけ</u>と<br>改行".to_string();
    let new = format!("研修を充実する。\n{}", vectors[..10].join("\n"));
    let t = Templates::builtin();
    let mut before = templates::sample("town-8000").unwrap();
    before.sections.insert("kihon.shokuinzo".into(), old);
    let mut after = before.clone();
    after.sections.insert("kihon.shokuinzo".into(), new);
    let rows = hoshin_revise::compare(&before, &after, &t);
    let cmp = build_comparison(
        "方針<script>window.__pwned=1</script>",
        "<img src=x onerror=window.__pwned=1>町",
        &Side {
            label: "<svg onload=window.__pwned=1>".into(),
            at: "2026-12-01T00:00:00+09:00".into(),
        },
        &Side {
            label: "改正案&lt;b&gt;".into(),
            at: "2026-12-01T00:00:00+09:00".into(),
        },
        &rows,
        Layout::default(),
    );
    let md = String::from_utf8(
        export_comparison(&cmp, &MarkdownTemplates::builtin(), &MarkdownRenderer)
            .unwrap()
            .bytes,
    )
    .unwrap();
    let r = read(&md);
    let own: Vec<&String> = r
        .html
        .iter()
        .filter(|h| !matches!(h.as_str(), "<u>" | "</u>" | "<br>") && !own_markup(h))
        .collect();
    assert!(own.is_empty(), "raw HTML other than <u>/<br>: {own:?}");
    assert!(
        r.html.iter().any(|h| h == "<u>"),
        "the changes are underlined"
    );
    for v in &vectors[..10] {
        assert!(r.text.contains(v.as_str()), "{v} is not shown as typed");
    }
    for v in [
        "<u>下線に見せかけ</u>と<br>改行",
        "方針<script>window.__pwned=1</script>",
        "<svg onload=window.__pwned=1>",
        "改正案&lt;b&gt;",
    ] {
        assert!(r.text.contains(v), "{v} is not shown as typed");
    }
    let docx = export_comparison(
        &cmp,
        &MarkdownTemplates::builtin(),
        &DocxRenderer::default(),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("c.docx");
    std::fs::write(&p, &docx.bytes).unwrap();
    let facts: Value =
        serde_json::from_slice(&hoshin_tests::run_reader("docx_facts.py", &[p.as_os_str()]))
            .unwrap();
    let underlined: Vec<&str> = facts["underlined"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u.as_str().unwrap())
        .collect();
    assert!(!underlined.is_empty(), "Word underlines the changes");
    // The typed <u> and <br> of the old text are characters of its (removed, so underlined)
    // run, not a change marking or a line break of their own.
    assert!(
        underlined.contains(&"<u>下線に見せかけ</u>と<br>改行"),
        "a typed <u> is text: {underlined:?}"
    );
    let cells = facts["tables"].to_string();
    assert!(
        cells.contains("<script>window.__pwned=1</script>"),
        "{cells}"
    );
}

/// The HTML for the website: the whole corpus in the policy leaves only the renderer's own
/// elements (no script, no handler, no loading element, no unsafe link), and every vector
/// given to a name or title is in the page as escaped text.
#[test]
fn the_html_export_shows_every_vector_as_text() {
    let vectors = corpus();
    let (d, named) = hostile_draft(&vectors);
    let out = export(
        &d,
        &Templates::builtin(),
        &MarkdownTemplates::builtin(),
        &HtmlRenderer,
        &opts(),
    )
    .unwrap();
    let html = String::from_utf8(out.bytes).unwrap();
    // Every tag of the page, by name, with its attributes.
    let mut tags = Vec::new();
    let mut rest = html.as_str();
    while let Some(i) = rest.find('<') {
        let end = rest[i..].find('>').map(|e| i + e).unwrap();
        tags.push(rest[i + 1..end].to_string());
        rest = &rest[end + 1..];
    }
    const OWN: &[&str] = &[
        "!DOCTYPE",
        "html",
        "head",
        "meta",
        "title",
        "link",
        "style",
        "body",
        "a",
        "header",
        "nav",
        "main",
        "footer",
        "section",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "p",
        "ul",
        "ol",
        "li",
        "table",
        "caption",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "strong",
        "em",
        "u",
        "br",
        "hr",
        "span",
        "div",
        "figure",
        "figcaption",
        "svg",
        "g",
        "line",
        "polyline",
        "circle",
        "text",
        "title",
        "desc",
        "path",
        "rect",
        "blockquote",
        "code",
        "pre",
        "dl",
        "dt",
        "dd",
        "del",
        "s",
        "small",
        "sup",
        "sub",
        "colgroup",
        "col",
    ];
    for t in &tags {
        let name = t
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap();
        assert!(
            OWN.contains(&name),
            "an element the renderer does not write: <{t}>"
        );
        for (attr, value) in attributes(t) {
            let attr = attr.to_ascii_lowercase();
            assert!(!attr.starts_with("on"), "a handler: <{t}>");
            assert!(
                !matches!(
                    attr.as_str(),
                    "src" | "srcset" | "action" | "formaction" | "style"
                ),
                "an attribute that loads or styles from outside the page: <{t}>"
            );
            if attr == "href" || attr == "xlink:href" {
                assert!(
                    value.starts_with('#') || (name == "link" && value == "data:,"),
                    "a link out of the page: <{t}>"
                );
            }
        }
    }
    assert!(!html.contains("<script"), "no script at all");
    for v in &named {
        assert!(
            html.contains(&html_escape(v)),
            "the name {v} is not in the page as text"
        );
    }
}

/// The attributes of a tag as the renderer writes them (`name="value"`, quotes in values
/// escaped), in order; `<!DOCTYPE html>` has none.
fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let Some((_, mut rest)) = tag.split_once(char::is_whitespace) else {
        return out;
    };
    loop {
        rest = rest.trim_start().trim_start_matches('/').trim_start();
        if rest.is_empty() {
            return out;
        }
        let end = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        let name = rest[..end].to_string();
        rest = &rest[end..];
        if let Some(r) = rest.strip_prefix("=\"") {
            let close = r.find('"').expect("a closing quote");
            out.push((name, r[..close].to_string()));
            rest = &r[close + 1..];
        } else {
            out.push((name, String::new()));
        }
    }
}
