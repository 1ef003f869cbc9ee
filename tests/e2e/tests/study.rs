//! 研究会モード「方針案を比べる」 in the real window: two participants' exchange files (made
//! with the CLI from the samples) are picked through `HOSHIN_E2E_OPEN_FILES` (set here,
//! inherited by tauri-driver and the app; each test file is its own process), shown side by
//! side, shown again with the names hidden, and exported as PDF into the save folder.

mod common;

use std::path::{Path, PathBuf};

use common::{dirs, App, R};

fn cli_binary() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    target.join("debug/hoshin")
}

fn cli(data: &Path, args: &[&str]) -> R<String> {
    let out = std::process::Command::new(cli_binary())
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .output()
        .map_err(|e| format!("hoshin を起動できません（{e}）: `cargo build -p hoshin-cli`"))?;
    if !out.status.success() {
        return Err(format!("hoshin {args:?}: {}", String::from_utf8_lossy(&out.stderr)).into());
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Drafts from two samples in `data` (the facilitator's own data folder), each saved as the
/// exchange file a participant would send, into `to`.
fn participants(data: &Path, to: &Path) -> R<Vec<PathBuf>> {
    let mut files = Vec::new();
    for (sample, file) in [
        ("town-8000", "やまびこ町_人材育成・確保基本方針.hoshin.json"),
        ("city-300000", "あおば市_人材育成・確保基本方針.hoshin.json"),
    ] {
        let id = cli(data, &["new", "--from-sample", sample])?;
        let path = to.join(file);
        cli(data, &["export-json", &id, "-o", path.to_str().unwrap()])?;
        files.push(path);
    }
    Ok(files)
}

const PREVIEW_HAS: &str = "const p = document.querySelector('#drafts-preview'); return !!p && [...arguments].every(s => p.textContent.includes(s))";

#[tokio::test]
async fn participants_drafts_side_by_side_with_names_hidden_and_as_pdf() -> R {
    let d = dirs();
    let inbox = tempfile::tempdir()?;
    let files = participants(d.data.path(), inbox.path())?;
    let before = cli(d.data.path(), &["list"])?;
    std::env::set_var("HOSHIN_E2E_OPEN_FILES", std::env::join_paths(&files)?);
    let app = App::start(d.data.path(), d.save.path()).await?;
    app.open_draft_of("やまびこ町").await?;
    app.click("[data-action=\"facilitator\"]").await?;
    app.click(".facilitator [data-mode=\"drafts\"]").await?;
    app.click("#drafts-pick").await?;
    app.wait_js_args(
        PREVIEW_HAS,
        vec![
            "やまびこ町".into(),
            "あおば市".into(),
            "方針案の比較".into(),
        ],
        "both municipalities in the comparison",
    )
    .await?;
    let headers = app
        .js(
            "return [...document.querySelectorAll('#drafts-preview table th')].map(t => t.textContent.trim())",
            vec![],
        )
        .await?;
    let headers: Vec<String> = serde_json::from_value(headers)?;
    assert!(headers.iter().any(|h| h == "やまびこ町"), "{headers:?}");
    assert!(headers.iter().any(|h| h == "あおば市"), "{headers:?}");
    let listed = app
        .js(
            "return document.querySelector('#drafts-files').textContent",
            vec![],
        )
        .await?;
    assert!(
        listed
            .as_str()
            .unwrap()
            .contains("あおば市_人材育成・確保基本方針.hoshin.json"),
        "{listed}"
    );

    app.click("#drafts-anonymise").await?;
    app.wait_js_args(
        PREVIEW_HAS,
        vec!["団体A".into(), "団体B".into()],
        "団体A and 団体B",
    )
    .await?;
    let shown = app
        .js(
            "return document.querySelector('.facilitator').innerText",
            vec![],
        )
        .await?;
    let shown = shown.as_str().unwrap();
    assert!(
        !shown.contains("やまびこ町") && !shown.contains("あおば市"),
        "names hidden, in the table and the file list: {shown}"
    );

    app.click(".fac-drafts-export button[data-format=\"pdf\"]")
        .await?;
    app.wait_js(
        "return !!document.querySelector('#drafts-done')",
        "the PDF export to finish",
    )
    .await?;
    let pdf = d.save.path().join("方針案の比較.pdf");
    assert!(pdf.exists(), "{} is missing", pdf.display());
    let out = std::process::Command::new("pdftotext")
        .args(["-raw", pdf.to_str().unwrap(), "-"])
        .output()?;
    let text: String = String::from_utf8_lossy(&out.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(text.contains("方針案の比較"), "{text}");
    assert!(text.contains("団体A"), "{text}");
    assert!(
        !text.contains("やまびこ町"),
        "names hidden in the PDF too: {text}"
    );
    // Nothing was imported: still the two drafts made for the participants.
    assert_eq!(cli(d.data.path(), &["list"])?, before);
    app.quit().await
}
