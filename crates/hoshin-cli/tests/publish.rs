//! Publishable output from the CLI: the policy PDF is tagged by default, and the 概要版
//! comes out as one A4 landscape page (PDF) or Markdown, nothing else.

use std::path::Path;
use std::process::Command;

mod common;
use common::{hoshin, ok};

fn pdfinfo(path: &Path) -> String {
    let o = Command::new("pdfinfo")
        .arg(path)
        .output()
        .expect("pdfinfo (poppler-utils)");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn export_pdf_is_tagged_and_the_summary_is_one_landscape_page() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let id = ok(d, &["new", "--from-sample", "town-8000"])
        .trim()
        .to_string();

    let pdf = d.join("policy.pdf");
    ok(
        d,
        &[
            "export",
            &id,
            "--format",
            "pdf",
            "-o",
            pdf.to_str().unwrap(),
        ],
    );
    let info = pdfinfo(&pdf);
    assert!(
        info.lines()
            .any(|l| l.starts_with("Tagged:") && l.ends_with("yes")),
        "{info}"
    );
    hoshin_tests::pdfua(&pdf);

    let sum = d.join("summary.pdf");
    ok(
        d,
        &[
            "export",
            &id,
            "--summary",
            "--format",
            "pdf",
            "-o",
            sum.to_str().unwrap(),
        ],
    );
    let info = pdfinfo(&sum);
    assert!(info.contains("Pages:           1"), "{info}");
    assert!(info.contains("Page size:       841.8"), "landscape: {info}");
    assert!(
        info.lines()
            .any(|l| l.starts_with("Tagged:") && l.ends_with("yes")),
        "{info}"
    );
    hoshin_tests::pdfua(&sum);

    let md = ok(
        d,
        &["export", &id, "--summary", "--format", "md", "-o", "-"],
    );
    assert!(md.starts_with("# やまびこ町人材育成・確保基本方針"), "{md}");
    assert!(md.contains("【概要版】") && md.contains("## 目指す職員像"));
    assert!(md.contains("| 指標 | 現状（年度） | 目標（年度） |"));

    // Word is not a format of the 概要版: exit 2, a Japanese message, no file.
    let docx = d.join("summary.docx");
    let o = hoshin(
        d,
        &[
            "export",
            &id,
            "--summary",
            "--format",
            "docx",
            "-o",
            docx.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("概要版は Word では書き出せません"), "{err}");
    assert!(!docx.exists());
    let o = hoshin(
        d,
        &[
            "export",
            &id,
            "--summary",
            "--appendix",
            "--format",
            "pdf",
            "-o",
            "x.pdf",
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(2),
        "--summary and --appendix do not go together"
    );
}
