//! Markdown export: golden files per sample, the heading tree survives a round trip
//! through pulldown-cmark, literal text is escaped, templates can be overridden.

use hoshin_export::*;
use hoshin_model::templates::{self, Templates};
use hoshin_model::Draft;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

fn opts(appendix: bool) -> ExportOptions {
    ExportOptions {
        appendix,
        date: Some((2026, 11, 22)),
    }
}

fn md(d: &Draft, appendix: bool) -> String {
    let t = Templates::builtin();
    let out = export(
        d,
        &t,
        &MarkdownTemplates::builtin(),
        &MarkdownRenderer,
        &opts(appendix),
    )
    .unwrap();
    String::from_utf8(out.bytes).unwrap()
}

/// Headings of a Markdown text as (level, plain text).
fn headings(md: &str) -> Vec<(u8, String)> {
    let mut out = Vec::new();
    let mut cur: Option<(u8, String)> = None;
    for ev in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match ev {
            Event::Start(Tag::Heading { level, .. }) => {
                let l = match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    HeadingLevel::H4 => 4,
                    HeadingLevel::H5 => 5,
                    HeadingLevel::H6 => 6,
                };
                cur = Some((l, String::new()));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, s)) = cur.as_mut() {
                    s.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => out.extend(cur.take()),
            _ => {}
        }
    }
    out
}

fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut esc = false;
    for c in s.chars() {
        if c == '\\' && !esc {
            esc = true;
            continue;
        }
        esc = false;
        out.push(c);
    }
    out
}

#[test]
fn golden_markdown_for_every_sample() {
    for (name, _) in templates::SAMPLES {
        let d = templates::sample(name).unwrap();
        insta::assert_snapshot!(format!("{name}"), md(&d, true));
    }
}

#[test]
fn the_heading_tree_parses_back_unchanged() {
    let t = Templates::builtin();
    for (name, _) in templates::SAMPLES {
        let d = templates::sample(name).unwrap();
        for appendix in [false, true] {
            let text = md(&d, appendix);
            let report = hoshin_check::check(&d, &t);
            let doc = build(&d, &t, &report, &opts(appendix));
            let want: Vec<(u8, String)> = expected_headings(&doc, false)
                .into_iter()
                .map(|(l, s)| (l, unescape(&s)))
                .collect();
            assert_eq!(headings(&text), want, "{name} appendix={appendix}");
        }
    }
}

#[test]
fn cover_numbering_wareki_and_check_status() {
    let d = templates::sample("town-8000").unwrap();
    let text = md(&d, true);
    assert!(text.starts_with("# やまびこ町人材育成・確保基本方針"));
    assert!(
        text.contains("| 計画期間 | 令和9年度～令和13年度（2027(令和9)年度～2031(令和13)年度） |"),
        "{}",
        &text[..600]
    );
    assert!(text.contains("| 作成日 | 令和8年11月22日 |"));
    assert!(text.contains("| 整合性 | 整合性チェック: 未解決 2 件 |"));
    assert!(
        text.contains("\n## 第1 基本的な考え方\n")
            && text.contains("\n### 1 求められる職員像の明確化\n")
    );
    assert!(text.contains("\n## 第6 "), "six pillars");
    assert!(text.contains("R9＝令和9年度"));
    // The appendix lists the open findings and the matrix.
    assert!(
        text.contains("| 要対応 | E1 | 求められる能力「施設・インフラの維持管理に関する技術力」 |"),
        "appendix rows"
    );
    let city = md(&templates::sample("city-300000").unwrap(), false);
    assert!(city.contains("整合性チェック: 問題なし"));
    assert!(!city.contains("付録"));
}

#[test]
fn literal_text_is_escaped_and_user_markdown_is_kept() {
    let mut d = templates::sample("city-300000").unwrap();
    d.abilities[0].name = "表計算 | *集計* と <img src=x onerror=alert(1)> #1".into();
    d.sections.insert(
        "kihon.shokuinzo".into(),
        "# 小見出し\n\n**強調**はそのまま".into(),
    );
    let text = md(&d, false);
    assert!(
        text.contains("表計算 \\| \\*集計\\* と \\<img src=x onerror=alert(1)\\> \\#1"),
        "table cell escaped"
    );
    assert!(
        text.contains("\n#### 小見出し\n"),
        "user headings nest below the item"
    );
    assert!(text.contains("**強調**はそのまま"));
    // Escaped names still parse into one table row per ability.
    let rows = text.lines().filter(|l| l.starts_with("| 表計算")).count();
    assert_eq!(rows, 1);
}

#[test]
fn numbering_helpers() {
    assert_eq!(kana(0), "ア");
    assert_eq!(kana(4), "オ");
    assert_eq!(kana(43), "ワ");
    assert_eq!(
        nest_markdown("# a\n## b\n```\n# code\n```\n#no"),
        "#### a\n##### b\n```\n# code\n```\n#no"
    );
    assert_eq!(
        nest_markdown("1 一行目\n2 二行目\n\n- 項目\n- 項目\n| a |\n| b |"),
        "1 一行目\\\n2 二行目\n\n- 項目\n- 項目\n| a |\n| b |"
    );
    assert_eq!(md_escape("1. 一つ目"), "\\1. 一つ目");
    assert_eq!(md_escape("- 項目"), "\\- 項目");
}

#[test]
fn user_templates_override_and_broken_ones_name_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("appendix.md.tera"),
        "## 付録 整合性チェックの結果\n\n独自の付録（未解決 {{ doc.open_errors }} 件）\n",
    )
    .unwrap();
    let m = MarkdownTemplates::load(Some(dir.path()));
    assert!(m.warnings.is_empty());
    let d = templates::sample("town-8000").unwrap();
    let out = export(
        &d,
        &Templates::builtin(),
        &m,
        &MarkdownRenderer,
        &opts(true),
    )
    .unwrap();
    assert!(String::from_utf8(out.bytes)
        .unwrap()
        .contains("独自の付録（未解決 2 件）"));

    std::fs::write(
        dir.path().join("policy.md.tera"),
        "# {{ doc.title }}\n\n本文\n\n見出し {{ doc.title | }}\n\n終わり\n",
    )
    .unwrap();
    let m = MarkdownTemplates::load(Some(dir.path()));
    assert_eq!(m.warnings.len(), 1);
    let w = &m.warnings[0];
    assert!(w.file.ends_with("policy.md.tera"));
    assert_eq!(w.line, 5, "{w}");
    let out = export(
        &d,
        &Templates::builtin(),
        &m,
        &MarkdownRenderer,
        &opts(false),
    )
    .unwrap();
    assert!(
        String::from_utf8(out.bytes)
            .unwrap()
            .contains("## 第1 基本的な考え方"),
        "the built-in template is used"
    );
    assert!(
        out.warnings
            .iter()
            .any(|x| x.contains("policy.md.tera") && x.contains("5行目")),
        "{:?}",
        out.warnings
    );
}

#[test]
fn the_appendix_lists_the_style_findings_with_their_place_and_fix() {
    let mut d = templates::sample("town-8000").unwrap();
    d.sections.insert(
        "kihon.shokuinzo".into(),
        "研修は３ヶ月ごとに見直す。".into(),
    );
    let text = md(&d, true);
    let section = text.split("### (5) 公用文の点検").nth(1).unwrap();
    assert!(
        section.contains(
            "| 要対応 | S4 「か月」 | 本文「求められる職員像の明確化」 | 「ヶ月」→「か月」 |"
        ),
        "{section}"
    );
    assert!(
        section.contains("| 要対応 | S2 算用数字は半角 |"),
        "{section}"
    );
    // Without the appendix, no style section.
    assert!(!md(&d, false).contains("公用文の点検"));
}

/// Markup typed into a section: none of it may reach a Markdown viewer as HTML, and every
/// character stays in the document as text.
const VECTORS: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "<svg onload=alert(3)>",
    "<math><style>x</style></math>",
    "<style>",
    "<iframe src=\"javascript:alert(4)\"></iframe>",
    "<a href=\"javascript:alert(5)\">リンク</a>",
    "<details open ontoggle=alert(6)>",
    "<div><p>入れ子</div></p>",
    "<!-- 注釈 -->",
    "&lt;b&gt; と &amp;",
];

#[test]
fn typed_markup_reaches_no_viewer_as_html_and_stays_visible() {
    let mut d = templates::sample("town-8000").unwrap();
    let body = VECTORS.join("\n\n");
    d.sections.insert(
        "kihon.shokuinzo".into(),
        format!("本文の前。\n\n{body}\n\n本文の後。"),
    );
    d.goals[0].description = "目標の説明<img src=y onerror=alert(7)>".into();
    let text = md(&d, false);
    let mut html_events = vec![];
    let mut plain = String::new();
    for ev in Parser::new_ext(&text, Options::ENABLE_TABLES) {
        match ev {
            Event::Html(h) | Event::InlineHtml(h) => html_events.push(h.to_string()),
            Event::Text(t) => plain.push_str(&t),
            _ => {}
        }
    }
    assert!(html_events.is_empty(), "raw HTML left: {html_events:?}");
    for v in VECTORS.iter().take(10) {
        assert!(plain.contains(v), "{v} not visible as text");
    }
    assert!(plain.contains("<img src=y onerror=alert(7)>"));
    assert!(
        plain.contains("本文の後。"),
        "nothing after an unclosed tag is lost"
    );
    // The PDF draws the same characters.
    let renderer = PdfRenderer::shared().unwrap();
    let out = export(
        &d,
        &Templates::builtin(),
        &MarkdownTemplates::builtin(),
        &renderer,
        &opts(false),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("m.pdf");
    std::fs::write(&p, &out.bytes).unwrap();
    let o = std::process::Command::new("pdftotext")
        .args(["-raw", p.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    let pdf: String = String::from_utf8_lossy(&o.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    for v in [
        "<script>alert(1)</script>",
        "<imgsrc=xonerror=alert(2)>",
        "本文の後。",
    ] {
        assert!(pdf.contains(v), "{v} missing from the PDF");
    }
}
