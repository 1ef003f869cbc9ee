//! HTML export, read back as markup: typed markup stays text, one `<h1>` and no skipped
//! heading level, the same headings in the same order as the PDF body, every table with
//! header cells that say what they head, contents links that land. (Chromium's accessibility
//! check and the HTML validator run on the real CLI's files: hoshin-cli/tests/html.rs.)

use std::cell::RefCell;

use hoshin_export::comparison::Layout;
use hoshin_export::*;
use hoshin_model::templates::{self, Templates};
use hoshin_model::Draft;
use hoshin_pdf::markdown::{parse, plain_text, Block};

mod common;

fn opts(appendix: bool) -> ExportOptions {
    ExportOptions {
        appendix,
        date: Some((2026, 11, 22)),
    }
}

/// The HTML renderer, keeping the Markdown body it was given (the PDF's body).
#[derive(Default)]
struct Keep {
    body: RefCell<String>,
}

impl Renderer for Keep {
    fn extension(&self) -> &'static str {
        "html"
    }
    fn render(&self, doc: &Prepared) -> Result<Rendered, ExportError> {
        *self.body.borrow_mut() = doc.body.clone();
        HtmlRenderer.render(doc)
    }
}

/// (HTML, Markdown body) of a draft's export.
fn policy(d: &Draft, appendix: bool) -> (String, String) {
    let keep = Keep::default();
    let out = export(
        d,
        &Templates::builtin(),
        &MarkdownTemplates::builtin(),
        &keep,
        &opts(appendix),
    )
    .unwrap();
    (
        String::from_utf8(out.bytes).unwrap(),
        keep.body.into_inner(),
    )
}

fn review(d: &Draft, fy: i32) -> (String, String) {
    let keep = Keep::default();
    let out = export_review(
        d,
        &Templates::builtin(),
        &MarkdownTemplates::builtin(),
        &keep,
        fy,
        &opts(false),
    )
    .unwrap();
    (
        String::from_utf8(out.bytes).unwrap(),
        keep.body.into_inner(),
    )
}

fn comparison() -> (String, String) {
    let doc = common::town_comparison(Layout {
        remarks: true,
        ..Layout::default()
    });
    let keep = Keep::default();
    let out = export_comparison(&doc, &MarkdownTemplates::builtin(), &keep).unwrap();
    (
        String::from_utf8(out.bytes).unwrap(),
        keep.body.into_inner(),
    )
}

// ---- reading the markup back ------------------------------------------------------------

#[derive(Debug)]
struct Tag {
    name: String,
    attrs: String,
    closing: bool,
    /// Byte offset of the `<` and just after the `>`.
    start: usize,
    end: usize,
}

impl Tag {
    fn attr(&self, name: &str) -> Option<String> {
        let key = format!(" {name}=\"");
        let at = self.attrs.find(&key)? + key.len();
        let len = self.attrs[at..].find('"')?;
        Some(decode(&self.attrs[at..at + len]))
    }
}

/// Every tag of the page (the text between tags never holds a `<`: it is escaped). The
/// doctype is left out.
fn tags(html: &str) -> Vec<Tag> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(p) = html[at..].find('<') {
        let start = at + p;
        let len = html[start..].find('>').expect("every tag closes");
        let inner = &html[start + 1..start + len];
        at = start + len + 1;
        if inner.starts_with('!') {
            continue;
        }
        let closing = inner.starts_with('/');
        let inner = inner.trim_start_matches('/').trim_end_matches('/');
        let name_len = inner
            .find(|c: char| c.is_whitespace())
            .unwrap_or(inner.len());
        out.push(Tag {
            name: inner[..name_len].to_ascii_lowercase(),
            attrs: inner[name_len..].to_string(),
            closing,
            start,
            end: at,
        });
    }
    out
}

fn decode(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The text of a piece of markup, tags removed, entities decoded.
fn text_of(html: &str) -> String {
    let mut s = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => s.push(c),
            _ => {}
        }
    }
    decode(&s)
}

/// The headings inside <main> as (level, text), in order.
fn headings(html: &str) -> Vec<(u8, String)> {
    let main = &html[html.find("<main").unwrap()..];
    let ts = tags(main);
    let mut out = Vec::new();
    for (i, t) in ts.iter().enumerate() {
        let level = t.name.strip_prefix('h').and_then(|l| l.parse::<u8>().ok());
        if let (false, Some(level)) = (t.closing, level) {
            let end = ts[i..]
                .iter()
                .find(|x| x.closing && x.name == t.name)
                .unwrap();
            out.push((level, text_of(&main[t.end..end.start])));
        }
    }
    out
}

/// Headings of a Markdown body as the PDF reads it.
fn body_headings(md: &str) -> Vec<String> {
    fn walk(b: &[Block], out: &mut Vec<String>) {
        for x in b {
            match x {
                Block::Heading { content, .. } => out.push(plain_text(content)),
                Block::List { items, .. } => items.iter().for_each(|i| walk(i, out)),
                Block::Quote(i) => walk(i, out),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(&parse(md), &mut out);
    out
}

/// The structural rules every exported page keeps; `what` names it in failures.
fn assert_sound(html: &str, what: &str) {
    assert!(
        html.starts_with("<!DOCTYPE html>\n<html lang=\"ja\">"),
        "{what}"
    );
    assert!(html.contains("<meta charset=\"utf-8\">"), "{what}");
    assert!(
        html.contains(&format!(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"{HTML_CSP}\">"
        )),
        "{what}: the page's policy"
    );
    let ts = tags(html);
    const ALLOWED: &[&str] = &[
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
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "p",
        "ol",
        "ul",
        "li",
        "span",
        "strong",
        "em",
        "code",
        "s",
        "u",
        "br",
        "hr",
        "pre",
        "blockquote",
        "table",
        "caption",
        "colgroup",
        "col",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "figure",
        "figcaption",
        "svg",
        "title",
        "line",
        "text",
        "polyline",
        "rect",
        "circle",
    ];
    for t in &ts {
        assert!(
            ALLOWED.contains(&t.name.as_str()),
            "{what}: unexpected element <{}{}>",
            t.name,
            t.attrs
        );
        let lower = t.attrs.to_ascii_lowercase();
        assert!(
            !lower
                .split_whitespace()
                .any(|a| a.starts_with("on") && a.contains('=')),
            "{what}: event handler in <{}{}>",
            t.name,
            t.attrs
        );
        for key in ["href", "src", "xlink:href", "action"] {
            if let Some(v) = t.attr(key) {
                assert!(
                    v.starts_with('#') || v == "data:,",
                    "{what}: <{} {key}=\"{v}\"> points outside the page",
                    t.name
                );
            }
        }
    }
    assert_eq!(
        ts.iter()
            .filter(|t| t.name == "style" && !t.closing)
            .count(),
        1,
        "{what}: one style sheet"
    );
    // One <h1>; no heading deeper than one below the one before it.
    let hs: Vec<u8> = ts
        .iter()
        .filter(|t| !t.closing && t.name.len() == 2 && t.name.starts_with('h'))
        .filter_map(|t| t.name[1..].parse().ok())
        .collect();
    assert_eq!(
        hs.iter().filter(|l| **l == 1).count(),
        1,
        "{what}: one <h1>"
    );
    assert_eq!(
        hs.first(),
        Some(&1),
        "{what}: the page opens with its title"
    );
    for w in hs.windows(2) {
        assert!(
            w[1] <= w[0] + 1,
            "{what}: heading level {} after {}",
            w[1],
            w[0]
        );
    }
    // Tables: a name, header cells, and every header cell says what it heads.
    let mut i = 0;
    let mut tables = 0;
    while i < ts.len() {
        if ts[i].name == "table" && !ts[i].closing {
            tables += 1;
            let end = i + ts[i..]
                .iter()
                .position(|t| t.name == "table" && t.closing)
                .unwrap();
            let inner = &ts[i..end];
            let named = ts[i].attr("aria-label").is_some_and(|l| !l.is_empty())
                || inner.iter().any(|t| t.name == "caption");
            assert!(named, "{what}: table {tables} has no name");
            let th: Vec<&Tag> = inner
                .iter()
                .filter(|t| t.name == "th" && !t.closing)
                .collect();
            assert!(!th.is_empty(), "{what}: table {tables} has no header cell");
            for t in th {
                let scope = t.attr("scope");
                assert!(
                    matches!(scope.as_deref(), Some("col") | Some("row")),
                    "{what}: <th{}> in table {tables}",
                    t.attrs
                );
            }
            assert!(
                inner.iter().any(|t| t.name == "thead"),
                "{what}: table {tables} has no header row"
            );
            i = end;
        }
        i += 1;
    }
    // Every id once; every link into the page lands.
    let ids: Vec<String> = ts.iter().filter_map(|t| t.attr("id")).collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "{what}: duplicate ids");
    for t in ts.iter().filter(|t| t.name == "a") {
        if let Some(h) = t.attr("href") {
            assert!(
                ids.contains(&h[1..].to_string()),
                "{what}: link {h} lands nowhere"
            );
        }
    }
}

// ---- tests ------------------------------------------------------------------------------

#[test]
fn every_sample_keeps_the_pdfs_headings_in_order_under_one_title() {
    for (name, _) in templates::SAMPLES {
        let d = templates::sample(name).unwrap();
        let (html, body) = policy(&d, true);
        assert_sound(&html, name);
        let got: Vec<String> = headings(&html).into_iter().map(|(_, t)| t).collect();
        assert_eq!(got, body_headings(&body), "{name}: headings");
        // The document's own list of headings (as the templates promise them), in order.
        let want: Vec<String> = expected_headings(
            &build(
                &d,
                &Templates::builtin(),
                &hoshin_check::check(&d, &Templates::builtin()),
                &opts(true),
            ),
            true,
        )
        .into_iter()
        .map(|(_, t)| decode(&t.replace('\\', "")))
        .collect();
        let mut at = 0;
        for w in &want {
            let found = got[at..].iter().position(|g| g == w);
            assert!(
                found.is_some(),
                "{name}: heading {w} missing or out of order"
            );
            at += found.unwrap() + 1;
        }
        // The title once, as <h1>, and the cover lines under it.
        let h1 = format!("<h1 id=\"title\">{}</h1>", html_escape(&d.meta.title));
        assert_eq!(html.matches(&h1).count(), 1, "{name}");
        assert!(html.contains(&format!(
            "<meta name=\"author\" content=\"{}\">",
            html_escape(&d.meta.municipality)
        )));
        // Contents: one link per chapter (## in the body), as in the PDF.
        let nav = &html[html.find("<nav").unwrap()..html.find("</nav>").unwrap()];
        let chapters = headings(&html).iter().filter(|(l, _)| *l == 2).count();
        assert_eq!(nav.matches("<li><a href=\"#h").count(), chapters, "{name}");
        assert!(nav.contains(">第1 "), "{name}: {nav}");
        assert!(html.contains("<nav class=\"toc\" aria-labelledby=\"toc-title\">"));
        // Key-value tables name their rows.
        assert!(html.contains("<th scope=\"row\""), "{name}: row headers");
    }
}

#[test]
fn typed_markup_stays_text() {
    const VECTORS: &[&str] = &[
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(2)>",
        "<svg onload=alert(3)>",
        "<style>body{display:none}</style>",
        "<iframe src=\"javascript:alert(4)\"></iframe>",
        "<a href=\"javascript:alert(5)\">リンク</a>",
        "<u>下線のつもり</u>",
        "javascript:alert(6)",
        "' \" & ＜全角＞",
    ];
    let mut d = templates::sample("town-8000").unwrap();
    d.sections.insert(
        "kihon.shokuinzo".into(),
        format!(
            "本文の前。\n\n{}\n\n[押してください](javascript:alert(7))\n\n本文の後。",
            VECTORS.join("\n\n")
        ),
    );
    d.goals[0].description = "目標の説明<img src=y onerror=alert(8)>".into();
    d.abilities[0].name = "能力 <script>alert(9)</script> | \"引用\"".into();
    d.meta.title = "方針 <script>alert(10)</script>".into();
    d.meta.municipality = "\"><script>alert(11)</script>町".into();
    let (html, _) = policy(&d, true);
    assert_sound(&html, "typed markup");
    let text = text_of(&html);
    for v in VECTORS {
        assert!(text.contains(v), "{v} not shown as text");
    }
    for v in [
        "目標の説明<img src=y onerror=alert(8)>",
        "能力 <script>alert(9)</script> | \"引用\"",
        "押してください",
        "本文の後。",
    ] {
        assert!(text.contains(v), "{v} not shown as text");
    }
    assert!(html.contains("<title>方針 &lt;script&gt;alert(10)&lt;/script&gt;</title>"));
    assert!(html.contains(
        "<meta name=\"author\" content=\"&quot;&gt;&lt;script&gt;alert(11)&lt;/script&gt;町\">"
    ));
    // A typed Markdown link is text like the rest: shown, never a link to follow.
    assert!(text.contains("[押してください](javascript:alert(7))"));
    assert!(!html.to_ascii_lowercase().contains("href=\"javascript:"));
    // A typed <u> is text, not the 新旧対照表's change marking.
    assert!(!html.contains("<u class=\"chg\">"));
}

#[test]
fn the_yearly_review_draws_each_chart_and_gives_its_values_as_a_table() {
    let d = templates::sample("city-300000").unwrap();
    let (html, body) = review(&d, 2028);
    assert_sound(&html, "review");
    let got: Vec<String> = headings(&html).into_iter().map(|(_, t)| t).collect();
    assert_eq!(got, body_headings(&body));
    let charts = body.matches("```hoshin-chart").count();
    assert!(charts > 0);
    assert_eq!(html.matches("<figure class=\"chart\">").count(), charts);
    assert_eq!(
        html.matches("<svg class=\"chart-svg\" role=\"img\" aria-labelledby=\"chart")
            .count(),
        charts
    );
    assert_eq!(html.matches("<table class=\"values\">").count(), charts);
    assert_eq!(html.matches("<caption class=\"vh\">").count(), charts);
    // A series is a row named by its first cell; the cells are the numbers of the PDF's
    // chart block.
    let first = &body[body.find("```hoshin-chart").unwrap()..];
    let series = first
        .lines()
        .find(|l| l.starts_with("series: "))
        .unwrap()
        .split('|')
        .collect::<Vec<_>>();
    let name = series[1];
    let row_at = html.find(&format!("<th scope=\"row\">{}</th>", html_escape(name)));
    assert!(row_at.is_some(), "series {name} as a row header");
    let row = &html[row_at.unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    for v in series[2..].iter().filter(|v| !v.is_empty()) {
        let v: f64 = v.parse().unwrap();
        assert!(
            row.contains(&format!(">{}</td>", (v * 100.0).round() / 100.0)),
            "{v} in {row}"
        );
    }
}

#[test]
fn the_comparison_marks_changes_in_words_too() {
    let (html, body) = comparison();
    assert_sound(&html, "comparison");
    let got: Vec<String> = headings(&html).into_iter().map(|(_, t)| t).collect();
    assert_eq!(got, body_headings(&body));
    assert!(!html.contains("<nav"), "no contents, as in the PDF");
    // The three columns in the proportions of the PDF (5 : 5 : 2).
    assert!(html.contains(
        "<thead>\n<tr><th scope=\"col\" class=\"nw\">改正案</th><th scope=\"col\" class=\"nw\">現行</th><th scope=\"col\" class=\"nw\">備考</th></tr>"
    ));
    assert!(html.contains(".cw0 col:nth-child(1) { width: 41.67%; }"));
    assert!(html.contains(".cw0 col:nth-child(3) { width: 16.67%; }"));
    // Changed text underlined, its start and end said in words for screen readers.
    let u = html.matches("<u class=\"chg\">").count();
    assert!(u > 0);
    assert_eq!(html.matches("［変更箇所：").count(), u);
    assert_eq!(html.matches("：変更箇所ここまで］").count(), u);
    assert!(text_of(&html).contains("町民の立場で考え、行動する職員とする。"));
    assert!(html.contains("（新設）"));
}

#[test]
fn a_worksheet_without_cover_uses_its_own_heading_as_the_title() {
    let ws = build_worksheet(None, &Templates::builtin(), SheetKind::Grid);
    let out = export_worksheet(&ws, &MarkdownTemplates::builtin(), &HtmlRenderer).unwrap();
    let html = String::from_utf8(out.bytes).unwrap();
    assert_sound(&html, "worksheet");
    assert!(html.contains(&format!("<h1 id=\"title\">{}</h1>", html_escape(&ws.title))));
    assert!(!html.contains("<header"), "no cover");
}
