//! Word export checked by real readers: python-docx (styles, headings, table rows, repeating
//! header rows, page setup; `bash scripts/setup-readers.sh` makes its venv) and LibreOffice
//! (headless, from Debian), whose PDF of each file must carry every heading and table cell
//! of the Markdown export.

use std::path::{Path, PathBuf};
use std::process::Command;

use hoshin_export::comparison::Layout;
use hoshin_export::*;
use hoshin_model::templates::{self, Templates};
use hoshin_pdf::markdown::{parse, plain_text, Block};
use serde_json::Value;

mod common;

fn facts(path: &Path) -> Value {
    serde_json::from_slice(&hoshin_tests::run_reader(
        "docx_facts.py",
        &[path.as_os_str()],
    ))
    .unwrap()
}

/// LibreOffice converts the files to PDF in one run (its own profile, so tests running at the
/// same time do not share a lock); the text of each, by file stem.
fn libreoffice_text(files: &[PathBuf], out: &Path) -> Vec<String> {
    let profile = out.join("lo-profile");
    let o = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(out)
        .args(files)
        .output()
        .expect("LibreOffice is needed (apt install libreoffice-writer-nogui)");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    files
        .iter()
        .map(|f| {
            let pdf = out.join(f.with_extension("pdf").file_name().unwrap());
            assert!(pdf.exists(), "LibreOffice made no PDF of {}", f.display());
            let t = Command::new("pdftotext")
                .args(["-raw"])
                .arg(&pdf)
                .arg("-")
                .output()
                .expect("pdftotext");
            String::from_utf8_lossy(&t.stdout).into_owned()
        })
        .collect()
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The text without the footers' page numbers (「- 3 -」), which a row split across pages
/// puts in the middle of a cell.
fn without_page_numbers(flat: &str, pages: usize) -> String {
    let mut s = flat.to_string();
    for n in (1..=pages + 2).rev() {
        s = s.replace(&format!("-{n}-"), "");
    }
    s
}

/// Whether `cell` is in `flat` as a few line-long pieces: a table row that wraps beside
/// other wrapping cells, or is split by a page break (with the footer and the repeated header
/// row in between), comes out of pdftotext one line of each cell at a time. Greedy: the
/// longest prefix found, then the rest; no piece may be shorter than a wrapped line allows.
fn in_pieces(flat: &str, cell: &str) -> bool {
    let chars: Vec<char> = cell.chars().collect();
    let mut at = 0;
    let mut pieces = 0;
    while at < chars.len() {
        let mut best = 0;
        for end in (at + 1..=chars.len()).rev() {
            let piece: String = chars[at..end].iter().collect();
            if flat.contains(&piece) {
                best = end - at;
                break;
            }
        }
        if best == 0 {
            return false;
        }
        at += best;
        pieces += 1;
    }
    pieces <= chars.len() / 5 + 1
}

/// A table as rows of cell texts (the header row first).
type TextTable = Vec<Vec<String>>;

/// Headings and table cells of a Markdown body, as plain text.
fn outline(md: &str) -> (Vec<(u8, String)>, Vec<TextTable>) {
    fn walk(b: &[Block], h: &mut Vec<(u8, String)>, t: &mut Vec<TextTable>) {
        for x in b {
            match x {
                Block::Heading { level, content } => h.push((*level, plain_text(content))),
                Block::Table { head, rows, .. } => {
                    let mut all = vec![head.iter().map(|c| plain_text(c)).collect()];
                    all.extend(
                        rows.iter()
                            .map(|r| r.iter().map(|c| plain_text(c)).collect::<Vec<_>>()),
                    );
                    t.push(all);
                }
                Block::List { items, .. } => items.iter().for_each(|i| walk(i, h, t)),
                Block::Quote(i) => walk(i, h, t),
                _ => {}
            }
        }
    }
    let (mut h, mut t) = (vec![], vec![]);
    walk(&parse(md), &mut h, &mut t);
    (h, t)
}

fn prepared_body(d: &hoshin_model::Draft, t: &Templates) -> String {
    // The Markdown body the Word renderer reads is the PDF body: no cover block, no contents.
    let report = hoshin_check::check(d, t);
    let doc = build(
        d,
        t,
        &report,
        &ExportOptions {
            appendix: true,
            date: Some((2026, 11, 22)),
        },
    );
    MarkdownTemplates::builtin()
        .render("policy.md.tera", "doc", &doc, true)
        .unwrap()
        .0
}

#[test]
fn cells_split_into_lines_are_found_and_missing_text_is_not() {
    let flat = "高度専門人材6人（令和79121620民間企業・国への派遣研修（デジタル分-17-層現在R9年度）野）、デジタル職";
    assert!(in_pieces(
        flat,
        "民間企業・国への派遣研修（デジタル分野）、デジタル職"
    ));
    assert!(!in_pieces(
        flat,
        "民間企業・国への派遣研修（デジタル分野）、デジタル職員"
    ));
    assert!(
        !in_pieces("あいうえお", "あかいかうかえかお"),
        "single letters are not a cell"
    );
}

#[test]
fn every_sample_as_word_has_its_headings_tables_and_page_setup() {
    let t = Templates::builtin();
    let dir = tempfile::tempdir().unwrap();
    let opts = ExportOptions {
        appendix: true,
        date: Some((2026, 11, 22)),
    };
    let mut files = vec![];
    let mut expected = vec![];
    for (name, _) in templates::SAMPLES {
        let d = templates::sample(name).unwrap();
        let out = export(
            &d,
            &t,
            &MarkdownTemplates::builtin(),
            &DocxRenderer::default(),
            &opts,
        )
        .unwrap();
        let path = dir.path().join(format!("{name}.docx"));
        std::fs::write(&path, &out.bytes).unwrap();
        let f = facts(&path);
        assert_eq!(f["title"], d.meta.title.as_str());
        assert_eq!(f["author"], d.meta.municipality.as_str());
        assert_eq!(f["page"]["width_mm"], 210, "A4");
        assert_eq!(f["page"]["height_mm"], 297, "A4 portrait");
        assert_eq!(f["footer_fields"][0].as_str().map(str::trim), Some("PAGE"));
        assert!(
            f["fields"].as_array().unwrap().iter().any(|x| x
                .as_str()
                .unwrap_or("")
                .trim_start()
                .starts_with("TOC")),
            "a contents field"
        );
        assert_eq!(f["styles"]["Normal"]["east_asia"], "BIZ UD明朝");
        assert_eq!(f["styles"]["Heading 1"]["east_asia"], "BIZ UDゴシック");

        let (heads, tables) = outline(&prepared_body(&d, &t));
        // Headings: ## → 見出し 1, ### → 見出し 2, #### → 見出し 3, numbering kept as text.
        let got: Vec<(String, String)> = f["paragraphs"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["style"].as_str().unwrap().starts_with("Heading"))
            .map(|p| {
                (
                    p["style"].as_str().unwrap().to_string(),
                    p["text"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        let want: Vec<(String, String)> = heads
            .iter()
            .map(|(l, s)| (format!("Heading {}", (l.max(&2) - 1).min(4)), s.clone()))
            .collect();
        assert_eq!(got, want, "{name}: headings");
        assert!(got.iter().any(|(_, s)| s.starts_with("第1 ")), "{name}");

        // Tables: the same rows and cells; only the first row repeats as a header.
        let word = f["tables"].as_array().unwrap();
        assert_eq!(word.len(), tables.len(), "{name}: number of tables");
        for (wt, mt) in word.iter().zip(&tables) {
            let rows = wt.as_array().unwrap();
            assert_eq!(rows.len(), mt.len(), "{name}: rows of a table");
            for (i, (wr, mr)) in rows.iter().zip(mt).enumerate() {
                assert_eq!(wr["header"], i == 0, "{name}: header flag of row {i}");
                let cells: Vec<String> = wr["cells"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| squash(c.as_str().unwrap()))
                    .collect();
                let want: Vec<String> = mr.iter().map(|c| squash(c)).collect();
                assert_eq!(cells[..want.len()], want[..], "{name}: row {i}");
            }
        }
        files.push(path);
        expected.push((name.to_string(), heads, tables));
    }

    // LibreOffice opens every file; its PDF has every heading and table cell.
    for (text, (name, heads, tables)) in libreoffice_text(&files, dir.path()).iter().zip(&expected)
    {
        let flat = without_page_numbers(&squash(text), 200);
        for (_, h) in heads {
            assert!(
                flat.contains(&squash(h)),
                "{name}: heading {h} missing after LibreOffice"
            );
        }
        for c in tables.iter().flatten().flatten() {
            assert!(
                in_pieces(&flat, &squash(c)),
                "{name}: cell {c} missing after LibreOffice"
            );
        }
    }
}

#[test]
fn the_comparison_as_word_is_a_landscape_table_with_underlines_and_remarks() {
    let doc = common::town_comparison(Layout {
        remarks: true,
        ..Layout::default()
    });
    let out = export_comparison(
        &doc,
        &MarkdownTemplates::builtin(),
        &DocxRenderer { landscape: true },
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cmp.docx");
    std::fs::write(&path, &out.bytes).unwrap();
    let f = facts(&path);
    assert_eq!(
        (
            f["page"]["width_mm"].as_u64(),
            f["page"]["height_mm"].as_u64()
        ),
        (Some(297), Some(210)),
        "landscape A4"
    );
    let table = f["tables"][0].as_array().unwrap();
    assert_eq!(
        table[0]["cells"],
        serde_json::json!(["改正案", "現行", "備考"])
    );
    assert_eq!(table[0]["header"], true);
    assert_eq!(table.len(), 1 + doc.rows.len());
    let body: Vec<&Value> = table[1..].iter().collect();
    // （新設） where the old policy had no text, changed text underlined, 備考 left empty.
    assert!(body
        .iter()
        .any(|r| r["cells"][1].as_str().unwrap().contains("（新設）")));
    assert!(body.iter().all(|r| r["cells"][2] == ""));
    let underlined: String = f["underlined"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect();
    assert!(underlined.contains("町民の立場で考え"), "{underlined}");
    let text = &libreoffice_text(&[path], dir.path())[0];
    assert!(squash(text).contains(&squash("町民の立場で考え、行動する職員とする。")));
}

#[test]
fn the_yearly_review_as_word_turns_each_chart_into_a_table_of_values() {
    let d = templates::sample("city-300000").unwrap();
    let t = Templates::builtin();
    let out = export_review(
        &d,
        &t,
        &MarkdownTemplates::builtin(),
        &DocxRenderer::default(),
        2028,
        &ExportOptions::default(),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("review.docx");
    std::fs::write(&path, &out.bytes).unwrap();
    let f = facts(&path);
    let tables = f["tables"].as_array().unwrap();
    let charts: Vec<&Value> = tables
        .iter()
        .filter(|t| {
            t[1]["cells"][0]
                .as_str()
                .is_some_and(|s| s.starts_with("目標への道筋"))
        })
        .collect();
    assert_eq!(
        charts.len(),
        d.indicators.len(),
        "one chart table per indicator"
    );
    // 研修で学んだ内容を業務に活用した受講者の割合: R9 64.8 and R10 68.2 in the 実績 row.
    let r = charts
        .iter()
        .find(|t| {
            t[2]["cells"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c == "64.8")
        })
        .expect("the chart with 64.8");
    assert!(r[2]["cells"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c == "68.2"));
    assert_eq!(r[2]["cells"][0], "実績");
    assert!(f["title"].as_str().unwrap().contains("年次点検報告"));
    // LibreOffice opens it too, with every indicator and the 実績 values.
    let text = squash(&libreoffice_text(&[path], dir.path())[0]);
    for ind in &d.indicators {
        assert!(in_pieces(&text, &squash(&ind.name)), "{}", ind.name);
    }
    assert!(text.contains("68.2"));
}

#[test]
fn the_package_has_one_normal_style_and_properties_in_schema_order() {
    let d = templates::sample("town-8000").unwrap();
    let t = Templates::builtin();
    let out = export(
        &d,
        &t,
        &MarkdownTemplates::builtin(),
        &DocxRenderer::default(),
        &ExportOptions::default(),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("town.docx");
    std::fs::write(&path, &out.bytes).unwrap();
    let part = |name: &str| {
        use std::io::Read;
        let mut z = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
        let mut s = String::new();
        z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let styles = part("word/styles.xml");
    assert_eq!(
        styles.matches(r#"w:styleId="Normal""#).count(),
        1,
        "one Normal style"
    );
    assert!(styles.contains(r#"w:default="1" w:styleId="Normal""#));
    let doc = part("word/document.xml");
    // A paragraph's style comes first in its properties, a run's fonts before its size,
    // and a section's footers before its page size (ECMA-376 order, which Word relies on).
    assert!(!doc.contains("<w:pPr><w:rPr /><w:pStyle"), "pStyle first");
    assert!(doc.contains(r#"<w:pPr><w:pStyle w:val="Heading1" />"#));
    assert!(!doc.contains("<w:sz w:val=\"28\" /><w:szCs w:val=\"28\" /><w:rFonts"));
    let sect = &doc[doc.rfind("<w:sectPr>").unwrap()..];
    assert!(
        sect.find("<w:footerReference").unwrap() < sect.find("<w:pgSz").unwrap(),
        "{sect}"
    );
    assert!(styles.find("<w:basedOn").unwrap() < styles.rfind("<w:rPr>").unwrap());
    // The fallbacks Word uses where BIZ UD is not installed.
    let fonts = part("word/fontTable.xml");
    assert!(
        fonts.contains(r#"<w:font w:name="BIZ UD明朝"><w:altName w:val="ＭＳ 明朝" />"#),
        "{fonts}"
    );
    assert!(fonts.contains(r#"<w:altName w:val="ＭＳ ゴシック" />"#));
}
