//! The 概要版 of every sample: one A4 landscape page, tagged and PDF/UA-clean, with every
//! 職員像 and every indicator on it (or counted in the note), and the same selection in
//! Markdown.

use std::path::Path;
use std::process::Command;

use hoshin_export::*;
use hoshin_model::templates;

fn tool(cmd: &str, args: &[&str]) -> String {
    let o = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} is needed for this test: {e}"));
    assert!(
        o.status.success(),
        "{cmd} {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn opts() -> ExportOptions {
    ExportOptions {
        appendix: false,
        date: Some((2026, 12, 3)),
    }
}

#[test]
fn every_sample_fits_one_landscape_page_with_every_persona_and_indicator() {
    let renderer = PdfRenderer::shared().expect("a Japanese font is installed");
    let dir = tempfile::tempdir().unwrap();
    for (name, _) in templates::SAMPLES {
        let d = templates::sample(name).unwrap();
        let doc = build_summary(&d, &opts());
        let out = summary_pdf(&doc, &renderer).unwrap();
        assert_eq!(out.pages, Some(1), "{name}");
        assert!(out.warnings.is_empty(), "{name}: {:?}", out.warnings);
        let path = dir.path().join(format!("{name}.pdf"));
        std::fs::write(&path, &out.bytes).unwrap();
        let p = path.to_str().unwrap();
        tool("qpdf", &["--check", p]);
        let info = tool("pdfinfo", &[p]);
        assert!(info.contains("Pages:           1"), "{info}");
        assert!(
            info.contains("x 595.276 pts (A4)") && info.contains("Page size:       841.8"),
            "A4 landscape: {info}"
        );
        assert!(
            info.lines()
                .any(|l| l.starts_with("Tagged:") && l.ends_with("yes")),
            "{info}"
        );
        hoshin_tests::pdfua(&path);
        if std::env::var_os("HOSHIN_SUMMARY_PNG").is_some() {
            let out = Path::new("/tmp").join(format!("summary-{name}"));
            tool(
                "pdftoppm",
                &["-r", "80", "-png", "-singlefile", p, out.to_str().unwrap()],
            );
        }
        let text = squash(&tool("pdftotext", &["-layout", p, "-"]));
        // A name may wrap inside its box, and a line of the page crosses the columns, so
        // names are looked for in the text of the structure tree, box by box.
        let dump = squash(&tool("pdfinfo", &["-struct-text", p]).replace('"', ""));
        for x in &d.personas {
            assert!(
                dump.contains(&squash(&x.title)),
                "{name}: 職員像「{}」",
                x.title
            );
        }
        assert_eq!(
            doc.plan.indicators_left_out, 0,
            "{name}: every indicator fits"
        );
        for i in &d.indicators {
            assert!(
                dump.contains(&squash(&i.name)),
                "{name}: 指標「{}」",
                i.name
            );
        }
        // What was left out is counted on the page.
        for (lane, left) in [
            (&doc.trainings, doc.plan.trainings.left_out),
            (&doc.measures, doc.plan.measures.left_out),
        ] {
            if left > 0 {
                let more = lane.more.as_deref().unwrap();
                assert!(text.contains(&squash(more)), "{name}: {more}");
                assert!(text.contains("載せていません"), "{name}: the note");
            }
        }
        // The headings in reading order.
        let dump = tool("pdfinfo", &["-struct-text", p]);
        let heads: Vec<&str> = dump
            .lines()
            .map(str::trim)
            .filter(|l| l.starts_with("H1") || l.starts_with("H2"))
            .collect();
        assert_eq!(
            heads.len(),
            5,
            "{name}: title and four column headings: {heads:?}"
        );

        // Markdown: the same selection.
        let (md, warnings) = summary_markdown(&doc, &MarkdownTemplates::builtin()).unwrap();
        assert!(warnings.is_empty());
        assert!(md.starts_with(&format!("# {}【概要版】", d.meta.title)));
        for x in &doc.personas.items {
            assert!(md.contains(&format!("- {x}")), "{name}: {x}");
        }
        for r in &doc.indicators {
            let row = format!(
                "| {} | {} | {} |",
                md_escape(&r.name),
                md_escape(&r.now),
                md_escape(&r.target)
            );
            assert!(md.contains(&row), "{name}: {row}");
        }
        if let Some(more) = &doc.trainings.more {
            assert!(md.contains(more));
        }
    }
}

#[test]
fn a_draft_too_large_for_one_page_leaves_out_the_lowest_rows_and_says_so() {
    let renderer = PdfRenderer::shared().unwrap();
    let mut d = templates::sample("city-300000").unwrap();
    let extra: Vec<_> = (0..40)
        .map(|i| {
            let mut x = d.indicators[0].clone();
            x.id = format!("ind-extra-{i}");
            x.name = format!("追加の指標その{i}");
            x
        })
        .collect();
    d.indicators.extend(extra);
    let mut p = d.personas[0].clone();
    p.title = "とても長い職員像の名前で、一行にも二行にも収まらないほど続いていくが、それでも省略はしない職員".into();
    d.personas.push(p);
    let doc = build_summary(&d, &opts());
    assert!(doc.plan.indicators_left_out > 0);
    let out = summary_pdf(&doc, &renderer).unwrap();
    assert_eq!(out.pages, Some(1));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.pdf");
    std::fs::write(&path, &out.bytes).unwrap();
    let text = squash(&tool(
        "pdftotext",
        &["-layout", path.to_str().unwrap(), "-"],
    ));
    let more = doc.indicators_more.clone().unwrap();
    assert!(text.contains(&squash(&more)), "{more} on the page");
    assert!(text.contains(&format!(
        "指標{}件を載せていません",
        doc.plan.indicators_left_out
    )));
    let dump = squash(&tool("pdfinfo", &["-struct-text", path.to_str().unwrap()]).replace('"', ""));
    assert!(
        dump.contains("とても長い職員像の名前で、一行にも二行にも収まらないほど続いていくが、それでも省略はしない職員"),
        "a 職員像 is never cut"
    );
    let last = doc.indicators.last().unwrap();
    assert!(
        dump.contains(&squash(&last.name)),
        "the last row shown is drawn"
    );
    hoshin_tests::pdfua(&path);
}
