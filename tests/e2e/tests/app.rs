//! The real app binary, driven over WebDriver. See common/mod.rs for the harness.

mod common;

use std::time::{Duration, Instant};

use common::{dirs, App, R};
use serde_json::json;

const E1_FOR: &str = "return [...document.querySelectorAll('#check-panel .finding[data-rule=\"E1\"]')].some(f => f.textContent.includes(arguments[0]))";

/// (a) An ability without training or hiring is an E1 finding; linking a training to it
/// through the chip picker (two clicks) clears it.
#[tokio::test]
async fn ability_without_training_is_e1_until_linked() -> R {
    let d = dirs();
    let app = App::start(d.data.path(), d.save.path()).await?;
    app.create_and_open("E2E町").await?;
    app.open_guide("kihon.noryoku").await?;
    app.add_item("abilities", "住民対話力").await?;
    app.click("[data-tab=\"check\"]").await?;
    app.wait_js_args(E1_FOR, vec![json!("住民対話力")], "the E1 finding")
        .await?;

    app.open_guide("ikusei.ojt").await?;
    let tr = app.add_item("trainings", "対話研修").await?;
    app.click(&format!(
        "[data-item-id=\"{tr}\"] [data-picker=\"abilities\"] .picker-open"
    ))
    .await?;
    app.click(&format!("[data-item-id=\"{tr}\"] [data-picker=\"abilities\"] [role=option][data-name=\"住民対話力\"]")).await?;
    app.wait_saved().await?;
    app.click("[data-tab=\"check\"]").await?;
    app.wait_js_args(
        &format!("return !({})", E1_FOR.trim_start_matches("return ")),
        vec![json!("住民対話力")],
        "the E1 finding to disappear",
    )
    .await?;
    // The chip shows the ability by name.
    let chip = app.js(&format!("return document.querySelector('[data-item-id=\"{tr}\"] [data-picker=\"abilities\"] .chip')?.textContent ?? ''"), vec![]).await?;
    assert!(
        chip.as_str().unwrap_or("").contains("住民対話力"),
        "chip: {chip}"
    );
    app.quit().await
}

/// (b) PDF export writes a file whose text layer has the ability's name.
#[tokio::test]
async fn export_pdf_has_the_ability() -> R {
    let d = dirs();
    let app = App::start(d.data.path(), d.save.path()).await?;
    app.create_and_open("PDF町").await?;
    app.open_guide("kihon.noryoku").await?;
    app.add_item("abilities", "課題発見力").await?;
    app.click("#export-open").await?;
    app.click("input[name=format][value=pdf]").await?;
    app.click("#export-run").await?;
    app.wait_js(
        "return !!document.querySelector('#export-done')",
        "the export to finish",
    )
    .await?;
    let path = std::fs::read_dir(d.save.path())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "pdf"))
        .ok_or("no PDF in the save folder")?;
    let out = std::process::Command::new("pdftotext")
        .args(["-raw", path.to_str().unwrap(), "-"])
        .output()?;
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("課題発見力"), "pdftotext: {text}");
    app.quit().await
}

/// (c) Quit and start again: the draft and its items are still there.
#[tokio::test]
async fn draft_survives_restart() -> R {
    let d = dirs();
    let app = App::start(d.data.path(), d.save.path()).await?;
    app.create_and_open("再起動町").await?;
    app.open_guide("kihon.noryoku").await?;
    let ab = app.add_item("abilities", "政策形成力").await?;
    app.type_into("[data-section-editor]", "能力の本文です。")
        .await?;
    app.wait_saved().await?;
    app.quit().await?;

    let app = App::start(d.data.path(), d.save.path()).await?;
    app.wait_js("return [...document.querySelectorAll('table.drafts td')].some(td => td.textContent.includes('再起動町'))", "the draft after restart").await?;
    app.click("[data-draft-id]").await?;
    app.open_guide("kihon.noryoku").await?;
    let name = app.js(&format!("return document.querySelector('[data-item-id=\"{ab}\"] [data-name-input]')?.value ?? null"), vec![]).await?;
    assert_eq!(name, json!("政策形成力"));
    let text = app
        .js(
            "return document.querySelector('[data-section-editor]').value",
            vec![],
        )
        .await?;
    assert_eq!(text, json!("能力の本文です。"));
    app.quit().await
}

/// (d) Markup typed into fields and shown in the preview runs nothing.
#[tokio::test]
async fn typed_markup_runs_nothing() -> R {
    const XSS: &str = "<img src=x onerror=alert(1)><img src=y onerror=\"window.__xss=1;document.title='XSS'\"><script>window.__xss=2</script>";
    let d = dirs();
    let app = App::start(d.data.path(), d.save.path()).await?;
    let title = app.driver.title().await?;
    app.create_and_open("安全町").await?;
    app.open_guide("kihon.noryoku").await?;
    app.add_item("abilities", XSS).await?;
    app.type_into("[data-section-editor]", &format!("本文 {XSS}\n\n**太字**"))
        .await?;
    app.wait_saved().await?;
    app.click("#preview-toggle").await?;
    app.wait_js(
        "return !!document.querySelector('.preview strong')",
        "the preview",
    )
    .await?;
    app.click("[data-tab=\"check\"]").await?;
    let start = Instant::now();
    while start.elapsed() < Duration::from_millis(800) {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let r = app
        .js(
            "return { xss: window.__xss ?? null, title: document.title, imgs: document.querySelectorAll('img[onerror]').length, scripts: [...document.querySelectorAll('script')].filter(s => s.textContent.includes('__xss')).length, text: document.querySelector('.preview').textContent }",
            vec![],
        )
        .await?;
    assert_eq!(r["xss"], json!(null), "{r}");
    assert_eq!(r["title"], json!(title), "{r}");
    assert_eq!(r["imgs"], json!(0), "{r}");
    assert_eq!(r["scripts"], json!(0), "{r}");
    // The preview shows what was typed, markup included, as text.
    let shown = r["text"].as_str().unwrap_or("");
    assert!(
        shown.contains("<img src=x onerror=alert(1)>")
            && shown.contains("<script>window.__xss=2</script>"),
        "{r}"
    );
    // The literal text stays visible as text where it was typed.
    let name = app
        .js(
            "return [...document.querySelectorAll('[data-name-input]')].map(e => e.value).join()",
            vec![],
        )
        .await?;
    assert!(name.as_str().unwrap_or("").contains("onerror"), "{name}");
    app.quit().await
}

/// (e) 版を保存 with Ctrl+S and a label, then この版に戻す brings the text back (and the
/// state before the restore is kept as a version).
#[tokio::test]
async fn save_version_and_restore() -> R {
    use thirtyfour::prelude::*;
    let d = dirs();
    let app = App::start(d.data.path(), d.save.path()).await?;
    app.create_and_open("版町").await?;
    app.open_guide("kihon.shokuinzo").await?;
    app.type_into("[data-section-editor]", "初版の本文").await?;
    app.wait_saved().await?;
    let editor = app.css("[data-section-editor]").await?;
    editor.send_keys(Key::Control + "s").await?;
    app.type_into("#snap-label", "第1版").await?;
    app.click("dialog form button[type=submit]").await?;
    app.wait_js(
        "return !document.querySelector('#snap-label')",
        "the dialog to close",
    )
    .await?;
    app.type_into("[data-section-editor]", "・追記").await?;
    app.wait_saved().await?;
    app.click("[data-action=\"versions\"]").await?;
    app.click("[data-version-label=\"第1版\"] [data-action=\"restore\"]")
        .await?;
    app.click("[data-version-label=\"第1版\"] [data-action=\"restore-confirm\"]")
        .await?;
    app.wait_js(
        "return document.querySelector('[data-section-editor]')?.value === '初版の本文'",
        "the restored text",
    )
    .await?;
    app.click("[data-action=\"versions\"]").await?;
    app.wait_js("return document.querySelectorAll('.version-list li').length === 2 && document.body.textContent.includes('戻す前の自動保存')", "the automatic version").await?;
    app.quit().await
}

/// (f) 「移動」 jumps to the item and focuses the field; 理由を付けて確認済みにする: the reason is required, then the finding is shown as
/// 確認済み with its reason and no longer counts as 要対応.
#[tokio::test]
async fn acknowledge_with_reason() -> R {
    let d = dirs();
    let app = App::start(d.data.path(), d.save.path()).await?;
    app.create_and_open("確認町").await?;
    app.open_guide("kihon.noryoku").await?;
    app.add_item("abilities", "法務能力").await?;
    app.click("[data-tab=\"check\"]").await?;
    app.wait_js_args(E1_FOR, vec![json!("法務能力")], "the E1 finding")
        .await?;
    // 移動 from another item: back to 求められる能力, with the ability's name field focused.
    app.open_guide("ikusei.ojt").await?;
    app.click("[data-tab=\"check\"]").await?;
    app.js("const f = [...document.querySelectorAll('#check-panel .finding[data-rule=\"E1\"]')].find(f => f.textContent.includes('法務能力')); f.querySelector('[data-action=\"jump\"]').click(); return true", vec![]).await?;
    app.wait_js("return document.querySelector('[data-current-guide]').dataset.currentGuide === 'kihon.noryoku' && document.activeElement?.matches('[data-name-input]') && document.activeElement.value === '法務能力'", "the jump to the ability").await?;
    app.js("const f = [...document.querySelectorAll('#check-panel .finding[data-rule=\"E1\"]')].find(f => f.textContent.includes('法務能力')); f.querySelector('[data-action=\"ack\"]').click(); return true", vec![]).await?;
    let submit = app.css("dialog form.ack button[type=submit]").await?;
    assert!(
        !submit.is_enabled().await?,
        "an empty reason cannot be submitted"
    );
    app.type_into("#ack-reason", "令和9年度の研修計画で対応する")
        .await?;
    app.click("dialog form.ack button[type=submit]").await?;
    app.wait_js(
        "const f = [...document.querySelectorAll('#check-panel .finding[data-rule=\"E1\"]')].find(f => f.textContent.includes('法務能力')); return !!f && f.classList.contains('sev-ack') && f.textContent.includes('令和9年度の研修計画で対応する')",
        "the acknowledged finding",
    )
    .await?;
    app.quit().await
}

/// (g) The 研修計画 table of the city sample: sort by name, edit a cell with the keyboard,
/// and the value is in the store when the draft is opened again.
#[tokio::test]
async fn plan_table_sorts_and_saves_a_cell() -> R {
    use thirtyfour::prelude::*;
    let d = dirs();
    let app = App::start(d.data.path(), d.save.path()).await?;
    app.create_sample_named("city-300000").await?;
    app.open_draft_of("あおば市").await?;
    app.click("[data-view=\"training\"]").await?;
    app.css("[data-table=\"training\"] table").await?;
    let count = app
        .js(
            "return document.querySelectorAll('[data-table=\"training\"] tbody tr[data-row-id]').length",
            vec![],
        )
        .await?;
    assert!(count.as_u64().unwrap_or(0) >= 19, "rows: {count}");

    // Sorted by name, in Japanese collation, ascending then descending.
    const TITLES: &str = "return [...document.querySelectorAll('[data-table=\"training\"] tbody td[data-col=\"title\"]')].map(td => td.textContent.trim())";
    app.click("[data-sort=\"title\"]").await?;
    let asc: Vec<String> = serde_json::from_value(app.js(TITLES, vec![]).await?)?;
    let sorted = app
        .js(
            "return [...arguments[0]].sort((a, b) => a.localeCompare(b, 'ja'))",
            vec![json!(asc)],
        )
        .await?;
    assert_eq!(json!(asc), sorted);
    app.click("[data-sort=\"title\"]").await?;
    let desc: Vec<String> = serde_json::from_value(app.js(TITLES, vec![]).await?)?;
    assert_eq!(desc, asc.iter().rev().cloned().collect::<Vec<_>>());

    // The first row after sorting: its 定員 cell, edited with real keys.
    let id = app
        .js("return document.querySelector('[data-table=\"training\"] tbody tr[data-row-id]').dataset.rowId", vec![])
        .await?;
    let id = id.as_str().ok_or("no row")?.to_string();
    let cell = format!("tr[data-row-id=\"{id}\"] td[data-col=\"participants\"]");
    app.click(&cell).await?;
    let td = app.css(&cell).await?;
    td.send_keys(Key::Enter).await?;
    let input = app.css(&format!("{cell} input")).await?;
    input.send_keys(Key::Control + "a").await?;
    input.send_keys("321").await?;
    input.send_keys(Key::Enter).await?;
    app.wait_js_args(
        "const td = document.querySelector(arguments[0]); return !!td && !td.querySelector('input') && td.textContent.trim() === '321'",
        vec![json!(cell)],
        "the edited cell",
    )
    .await?;
    app.wait_saved().await?;

    // Back to the list and open the draft again: it comes from the store.
    app.click("[data-action=\"back\"]").await?;
    app.open_draft_of("あおば市").await?;
    app.click("[data-view=\"training\"]").await?;
    app.wait_js_args(
        "return document.querySelector(arguments[0])?.textContent.trim() === '321'",
        vec![json!(cell)],
        "the saved 定員 after reopening",
    )
    .await?;
    app.quit().await
}

/// The harness itself: a test that fails before `quit` drops its `App`; that must not leave
/// the app running (it would hold the single-instance name, and the next test's start would
/// only hand over to the stale window).
#[tokio::test]
async fn an_app_dropped_without_quit_leaves_nothing_running() -> R {
    let d = dirs();
    let app = App::start(d.data.path(), d.save.path()).await?;
    assert_eq!(
        common::running_apps().len(),
        1,
        "one app while the test runs"
    );
    let t = Instant::now();
    drop(app);
    assert!(
        common::running_apps().is_empty(),
        "the app outlived its test"
    );
    assert!(t.elapsed() < Duration::from_secs(15), "{:?}", t.elapsed());
    // The next test starts its own window, with its own data folder.
    let d2 = dirs();
    let again = App::start(d2.data.path(), d2.save.path()).await?;
    again.create_and_open("次の町").await?;
    again.quit().await
}
