//! HTML for the website, as the `hoshin` binary writes it: the three samples, the city's
//! 年次点検報告, the town's 新旧対照表 against its 2006 policy, a worksheet and a 方針案の比較,
//! each checked in Debian's Chromium by axe-core (WCAG 2.0/2.1 A and AA: no violation), with
//! no request beyond the file itself and no console error, and by html-validate (no error,
//! no warning).
//! `tests/html/check.mjs` does the checking (`bash scripts/setup-html-check.sh` installs it);
//! a deliberately bad page shows that the checker does find problems.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::Value;

mod common;
use common::ok;

/// Run an export command writing `file`; how long it took.
fn timed(dir: &Path, args: &[&str]) -> Duration {
    let t = Instant::now();
    ok(dir, args);
    t.elapsed()
}

/// What the checker found in one file, in words; empty when nothing.
fn findings(f: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for v in f["axe"]["violations"].as_array().into_iter().flatten() {
        out.push(format!(
            "axe {} ({}, {} elements): {}",
            v["id"].as_str().unwrap_or(""),
            v["impact"].as_str().unwrap_or(""),
            v["count"],
            v["help"].as_str().unwrap_or("")
        ));
        for n in v["nodes"].as_array().into_iter().flatten() {
            out.push(format!(
                "    at {}: {}",
                n["target"].as_str().unwrap_or(""),
                n["summary"].as_str().unwrap_or("").replace('\n', " ")
            ));
        }
    }
    for kind in ["errors", "warnings"] {
        for e in f["validator"][kind].as_array().into_iter().flatten() {
            out.push(format!(
                "html-validate {} {}:{}:{} {}",
                e["rule"].as_str().unwrap_or(""),
                kind.trim_end_matches('s'),
                e["line"],
                e["column"],
                e["message"].as_str().unwrap_or("")
            ));
        }
    }
    for r in f["requests"].as_array().into_iter().flatten() {
        out.push(format!("request to {}", r.as_str().unwrap_or("")));
    }
    for c in f["console"].as_array().into_iter().flatten() {
        out.push(format!("console {}", c.as_str().unwrap_or("")));
    }
    out
}

#[test]
fn every_html_export_passes_axe_in_chromium_and_the_validator() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut files: Vec<(String, PathBuf, Duration)> = Vec::new();
    let mut ids = Vec::new();
    for name in ["town-8000", "city-300000", "prefecture"] {
        let id = ok(d, &["new", "--from-sample", name]).trim().to_string();
        let out = d.join(format!("{name}.html"));
        let t = timed(
            d,
            &[
                "export",
                &id,
                "--format",
                "html",
                "-o",
                out.to_str().unwrap(),
                "--appendix",
            ],
        );
        files.push((name.to_string(), out, t));
        ids.push(id);
    }
    // The city's review of 令和10年度 (results, charts).
    let review = d.join("review.html");
    let t = timed(
        d,
        &[
            "report",
            &ids[1],
            "--fy",
            "2028",
            "--format",
            "html",
            "-o",
            review.to_str().unwrap(),
        ],
    );
    files.push(("年次点検報告 (city, 2028)".into(), review, t));
    // The town's 新旧対照表 against the 2006 policy, with the 備考 column.
    let old = hoshin_tests::repo_root().join("tests/fixtures/revise/yamabiko-2006.txt");
    ok(
        d,
        &[
            "import-policy",
            &ids[0],
            old.to_str().unwrap(),
            "--map",
            "7=ikusei.off-jt",
        ],
    );
    let cmp = d.join("comparison.html");
    let t = timed(
        d,
        &[
            "compare",
            &ids[0],
            "--from",
            "baseline",
            "--to",
            "current",
            "--format",
            "html",
            "--remarks",
            "-o",
            cmp.to_str().unwrap(),
        ],
    );
    files.push(("新旧対照表 (town)".into(), cmp, t));
    // The study group's papers share the pipeline: a filled worksheet (no cover) and two
    // drafts side by side.
    let sheet = d.join("worksheet.html");
    let t = timed(
        d,
        &[
            "worksheet",
            "chain",
            "--from",
            &ids[0],
            "--format",
            "html",
            "-o",
            sheet.to_str().unwrap(),
        ],
    );
    files.push(("ワークシート (chain, town)".into(), sheet, t));
    let mut exchange = Vec::new();
    for id in &ids[..2] {
        let f = d.join(format!("{id}.hoshin.json"));
        ok(d, &["export-json", id, "-o", f.to_str().unwrap()]);
        exchange.push(f);
    }
    let drafts = d.join("drafts.html");
    let t = timed(
        d,
        &[
            "compare-drafts",
            exchange[0].to_str().unwrap(),
            exchange[1].to_str().unwrap(),
            "--format",
            "html",
            "-o",
            drafts.to_str().unwrap(),
        ],
    );
    files.push(("方針案の比較 (town, city)".into(), drafts, t));

    // A control: the checker must see what is wrong with this page.
    let bad = d.join("bad.html");
    std::fs::write(
        &bad,
        "<!DOCTYPE html><html><head><title>x</title></head><body>\
         <img src=\"https://example.invalid/logo.png\"><h3>見出し</h3>\
         <p style=\"color:#bbb\">薄い文字</p><table><tr><td>1</td></tr></table><div><p>閉じない</div>\
         </body></html>",
    )
    .unwrap();

    let mut paths: Vec<&Path> = files.iter().map(|(_, p, _)| p.as_path()).collect();
    paths.push(&bad);
    let report = hoshin_tests::html_check(&paths);
    let checked = report["files"].as_array().unwrap();
    assert_eq!(checked.len(), files.len() + 1);

    let control = &checked[files.len()];
    let c = findings(control);
    assert!(
        !control["axe"]["violations"].as_array().unwrap().is_empty()
            && !control["validator"]["errors"]
                .as_array()
                .unwrap()
                .is_empty()
            && control["requests"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r.as_str().unwrap().starts_with("https://example.invalid/")),
        "the checker missed the bad page's problems: {c:#?}"
    );
    println!(
        "control page: {} findings, e.g. {}",
        c.len(),
        c.iter()
            .filter(|l| !l.starts_with(' '))
            .take(4)
            .cloned()
            .collect::<Vec<_>>()
            .join(" | ")
    );

    println!(
        "Chromium {}, axe-core {}, html-validate {}",
        report["chromium"].as_str().unwrap_or("?"),
        report["axe"].as_str().unwrap_or("?"),
        report["htmlValidate"].as_str().unwrap_or("?")
    );
    let mut failed = Vec::new();
    for ((what, path, took), f) in files.iter().zip(checked) {
        let found = findings(f);
        println!(
            "{what}: {} bytes, exported in {} ms; axe violations {}, rules passed {}, \
             needing review {}; validator errors {}, warnings {}; requests {}; console {}",
            std::fs::metadata(path).unwrap().len(),
            took.as_millis(),
            f["axe"]["violations"].as_array().unwrap().len(),
            f["axe"]["passes"],
            f["axe"]["incomplete"].as_array().unwrap().len(),
            f["validator"]["errors"].as_array().unwrap().len(),
            f["validator"]["warnings"].as_array().unwrap().len(),
            f["requests"].as_array().unwrap().len(),
            f["console"].as_array().unwrap().len(),
        );
        assert_eq!(f["lang"], "ja", "{what}");
        assert!(!f["title"].as_str().unwrap_or("").is_empty(), "{what}");
        if !found.is_empty() {
            failed.push(format!(
                "{what} ({}):\n  {}",
                path.display(),
                found.join("\n  ")
            ));
        }
    }
    assert!(
        failed.is_empty(),
        "the HTML check found problems:\n{}",
        failed.join("\n")
    );
}
