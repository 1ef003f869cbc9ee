//! PDF export checked with real tools (poppler-utils and qpdf, installed by
//! scripts/setup-debian.sh): every sample and a 新旧対照表.

use std::path::Path;
use std::process::Command;

use hoshin_export::*;
use hoshin_model::templates::{self, Templates};

mod common;

fn tool(cmd: &str, args: &[&str]) -> String {
    let o = Command::new(cmd).args(args).output().unwrap_or_else(|e| {
        panic!("{cmd} is needed for this test (apt install poppler-utils qpdf): {e}")
    });
    assert!(
        o.status.success(),
        "{cmd} {args:?} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Plain paragraphs of a section text (Markdown emphasis and list marks removed).
fn paragraphs(md: &str) -> Vec<String> {
    md.split("\n\n")
        .map(|p| {
            p.lines()
                .map(|l| l.trim_start_matches(['-', '*', '・', ' ']).to_string())
                .collect::<Vec<_>>()
                .join("")
        })
        .map(|p| p.replace("**", ""))
        .filter(|p| !p.trim().is_empty())
        .collect()
}

fn check_pdf(path: &Path) -> (String, usize) {
    let p = path.to_str().unwrap();
    tool("qpdf", &["--check", p]);
    let fonts = tool("pdffonts", &[p]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "no fonts listed: {fonts}");
    for r in &rows {
        let cols: Vec<&str> = r.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(
            (cols[n - 5], cols[n - 4]),
            ("yes", "yes"),
            "font not embedded and subset: {r}"
        );
        assert!(
            cols[0].len() > 7 && cols[0].as_bytes()[6] == b'+',
            "subset name prefix: {r}"
        );
    }
    let info = tool("pdfinfo", &[p]);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    (tool("pdftotext", &["-raw", p, "-"]), pages)
}

fn outline_titles(path: &Path) -> Vec<String> {
    let json = tool(
        "qpdf",
        &["--json", "--json-key=outlines", path.to_str().unwrap()],
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        for o in v.as_array().into_iter().flatten() {
            out.push(o["title"].as_str().unwrap_or_default().to_string());
            walk(&o["kids"], out);
        }
    }
    let mut out = Vec::new();
    walk(&v["outlines"], &mut out);
    out
}

/// The headings of a tagged PDF as poppler's structure dump lists them: (level, text).
fn struct_headings(path: &Path) -> Vec<(u8, String)> {
    let dump = tool("pdfinfo", &["-struct-text", path.to_str().unwrap()]);
    let mut out: Vec<(u8, String)> = Vec::new();
    let mut in_heading = false;
    for line in dump.lines() {
        let t = line.trim();
        if let Some(text) = t.strip_prefix('"').and_then(|x| x.strip_suffix('"')) {
            if in_heading {
                out.last_mut().unwrap().1.push_str(text);
            }
            continue;
        }
        let role = t.split_whitespace().next().unwrap_or("");
        in_heading = role.len() == 2 && role.starts_with('H') && role[1..].parse::<u8>().is_ok();
        if in_heading {
            out.push((role[1..].parse().unwrap(), String::new()));
        }
    }
    out
}

/// Tagged (pdfinfo), PDF/UA checker clean, and the headings in the structure tree are the
/// expected ones in order: the cover title as H1, 目次 and the body's headings below it.
fn check_tagged(path: &Path, title: &str, toc: bool, body: &[(u8, String)]) {
    let info = tool("pdfinfo", &[path.to_str().unwrap()]);
    assert!(
        info.lines()
            .any(|l| l.starts_with("Tagged:") && l.ends_with("yes")),
        "{info}"
    );
    hoshin_tests::pdfua(path);
    let top = body.iter().map(|(l, _)| *l).min().unwrap_or(2);
    let mut want = vec![(1u8, squash(title))];
    if toc {
        want.push((2, "目次".into()));
    }
    want.extend(
        body.iter()
            .map(|(l, s)| (l - top + 2, squash(&s.replace('\\', "")))),
    );
    let got: Vec<(u8, String)> = struct_headings(path)
        .into_iter()
        .map(|(l, s)| (l, squash(&s)))
        .collect();
    assert_eq!(got, want, "headings of the structure tree, in order");
}

#[test]
fn every_sample_exports_a_sound_searchable_pdf() {
    let t = Templates::builtin();
    let renderer =
        PdfRenderer::shared().expect("a Japanese font is installed (scripts/setup-debian.sh)");
    let dir = tempfile::tempdir().unwrap();
    for (name, _) in templates::SAMPLES {
        let d = templates::sample(name).unwrap();
        let opts = ExportOptions {
            appendix: true,
            date: Some((2026, 11, 22)),
        };
        let out = export(&d, &t, &MarkdownTemplates::builtin(), &renderer, &opts).unwrap();
        assert!(out.bytes.starts_with(b"%PDF-"));
        let path = dir.path().join(format!("{name}.pdf"));
        std::fs::write(&path, &out.bytes).unwrap();
        let (text, pages) = check_pdf(&path);
        assert_eq!(Some(pages), out.pages);
        assert!((8..=80).contains(&pages), "{name}: {pages} pages");
        let mut flat = squash(&text);
        assert!(flat.contains(&squash(&d.meta.title)));
        // Paragraphs may cross a page break: take out the footers (text, page number) first.
        for n in (1..=pages).rev() {
            let m = squash(&d.meta.municipality);
            flat = flat
                .replace(&format!("{m}-{n}-"), "")
                .replace(&format!("-{n}-{m}"), "")
                .replace(&format!("-{n}-"), "");
        }
        for (id, body) in &d.sections {
            for para in paragraphs(body) {
                assert!(
                    flat.contains(&squash(&para)),
                    "{name}: paragraph of {id} missing from the PDF text: {para}"
                );
            }
        }
        if *name == "town-8000" {
            assert!(
                flat.contains("整合性チェック:未解決2件"),
                "the cover says the check is unresolved"
            );
        }
        // One outline entry per section (第1…第6, 別表, 付録).
        let report = hoshin_check::check(&d, &t);
        let doc = build(&d, &t, &report, &opts);
        let headings = expected_headings(&doc, true);
        // The outline: every top heading with the next level under it, in order.
        let want: Vec<String> = headings
            .iter()
            .filter(|(l, _)| *l <= 3)
            .map(|(_, s)| squash(&s.replace('\\', "")))
            .collect();
        let got: Vec<String> = outline_titles(&path).iter().map(|g| squash(g)).collect();
        assert_eq!(got, want, "{name}: outline");
        check_tagged(&path, &d.meta.title, true, &headings);
        let info = tool("pdfinfo", &[path.to_str().unwrap()]);
        assert!(
            info.contains(&d.meta.municipality),
            "author is the municipality: {info}"
        );
    }
}

#[test]
fn a_comparison_table_pdf_shows_both_columns() {
    let doc = common::town_comparison(hoshin_export::comparison::Layout::default());
    assert_eq!(doc.rows.len(), 2, "only changed sections by default");
    let out = export_comparison(
        &doc,
        &MarkdownTemplates::builtin(),
        &PdfRenderer::shared().unwrap(),
    )
    .unwrap();
    let (bytes, pages) = (out.bytes, out.pages);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cmp.pdf");
    std::fs::write(&path, &bytes).unwrap();
    let (text, n) = check_pdf(&path);
    assert_eq!(Some(n), pages);
    let flat = squash(&text);
    assert!(flat.contains("改正案") && flat.contains("現行"));
    assert!(
        flat.contains(&squash("町民の立場で考え、行動する職員とする。")),
        "old column text"
    );
    assert!(
        flat.contains(&squash("住民の声を直接聴き")),
        "new column text"
    );
    assert!(flat.contains("平成18年3月31日"), "old version date in 和暦");
    assert!(
        !flat.contains("<br>") && !flat.contains("<u>"),
        "markup is drawn, not printed"
    );
    let dump = tool("pdfinfo", &["-struct-text", path.to_str().unwrap()]);
    assert!(
        dump.contains("/Scope /Column") && dump.contains("TD"),
        "the table is tagged with header cells: {dump}"
    );
    hoshin_tests::pdfua(&path);
}
