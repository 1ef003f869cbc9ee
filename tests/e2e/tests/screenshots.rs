//! Screenshots for docs/screenshots/ from the real window under Xvfb (not a test of
//! behaviour; ignored by default). Run:
//!   xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
//!     cargo test -p hoshin-e2e --test screenshots -- --ignored --test-threads=1

mod common;

use std::path::Path;
use std::time::Duration;

use common::{dirs, App, R};

fn shoot(name: &str) -> R {
    // HOSHIN_SHOTS_DIR: somewhere else than docs/screenshots (for a look without committing).
    let out = std::env::var_os("HOSHIN_SHOTS_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/screenshots"));
    std::fs::create_dir_all(&out)?;
    let full = out.join(format!("{name}.full.png"));
    let st = std::process::Command::new("import")
        .args(["-window", "root"])
        .arg(&full)
        .status()?;
    assert!(st.success(), "import failed");
    let st = std::process::Command::new("convert")
        .arg(&full)
        .args(["-resize", "1024x", "-strip", "-colors", "256"])
        .arg(out.join(format!("{name}.png")))
        .status()?;
    assert!(st.success(), "convert failed");
    std::fs::remove_file(full)?;
    Ok(())
}

#[tokio::test]
#[ignore]
async fn screenshots() -> R {
    let d = dirs();
    let app = App::start(d.data.path(), d.save.path()).await?;
    app.create_sample_named("city-300000").await?;
    app.create_sample_named("town-8000").await?;
    // A third, blank draft so the list shows a new one too.
    let m = app.css("#new-municipality").await?;
    m.send_keys("桜町").await?;
    app.click("form.new-draft button[type=submit]").await?;
    app.wait_js(
        "return document.querySelectorAll('[data-draft-id]').length === 3",
        "three drafts",
    )
    .await?;
    tokio::time::sleep(Duration::from_millis(400)).await;
    shoot("home")?;

    // The town with its two teaching gaps, at the item where one of them is fixed.
    app.open_draft_of("やまびこ町").await?;
    app.open_guide("kihon.noryoku").await?;
    app.click("[data-tab=\"check\"]").await?;
    app.wait_js(
        "return document.querySelectorAll('#check-panel .finding').length > 0",
        "findings",
    )
    .await?;
    tokio::time::sleep(Duration::from_millis(400)).await;
    shoot("walk")?;

    app.click("#coverage-open").await?;
    app.css("table.heat").await?;
    tokio::time::sleep(Duration::from_millis(400)).await;
    shoot("coverage")?;

    // The city (no findings) for the plan tables.
    app.click("[data-action=\"back\"]").await?;
    app.open_draft_of("あおば市").await?;

    // The 研修計画 table, sorted by layer, with one cell being edited.
    app.click("[data-view=\"training\"]").await?;
    app.css("[data-table=\"training\"] table").await?;
    app.click("[data-sort=\"layers\"]").await?;
    tokio::time::sleep(Duration::from_millis(400)).await;
    shoot("table")?;

    // The walk at 仕事と生活の両立支援, scrolled to its 施策・制度 cards.
    app.open_guide("kankyo.ryoritsu").await?;
    app.css("[data-card-list=\"measures\"] [data-item-id]")
        .await?;
    app.js(
        "document.querySelector('[data-card-list=\"measures\"]').scrollIntoView({block: 'start'}); return true",
        vec![],
    )
    .await?;
    tokio::time::sleep(Duration::from_millis(400)).await;
    shoot("measures")?;

    // デジタル人材の目標: level × fiscal year.
    app.click("[data-view=\"digital_target\"]").await?;
    app.css("[data-table=\"digital_target\"] table").await?;
    tokio::time::sleep(Duration::from_millis(400)).await;
    shoot("digital-targets")?;

    // 実績・進捗 of the city: two years typed, one indicator behind.
    app.click("#progress-open").await?;
    app.css("[data-progress] tr[data-indicator]").await?;
    app.js(
        "const put = (id, v) => { const e = document.querySelector(`tr[data-indicator=\"${id}\"] [data-actual]`); if (e) { e.value = v; e.dispatchEvent(new Event('change', {bubbles: true})); } };
         const rows = [...document.querySelectorAll('tr[data-indicator]')].slice(0, 6);
         rows.forEach((r, i) => put(r.dataset.indicator, r.querySelector('td:nth-child(4)').textContent.replace(/[^0-9.]/g, '') * (i % 3 === 2 ? 0.5 : 1)));
         return true",
        vec![],
    )
    .await?;
    tokio::time::sleep(Duration::from_millis(1200)).await;
    shoot("progress")?;

    // 職員数の見通し of the city: 一般行政 with its table and chart (実員 for two years).
    app.click("#workforce-open").await?;
    app.css("[data-wf-category=\"general\"] svg[role=img]")
        .await?;
    app.wait_js(
        "return document.querySelector('[data-wf-category=\"general\"] td[data-col=\"projected\"]')?.textContent.trim() === '1,669'",
        "the projection",
    )
    .await?;
    tokio::time::sleep(Duration::from_millis(400)).await;
    shoot("workforce")?;
    if std::env::var_os("HOSHIN_SHOTS_MORE").is_none() {
        return app.quit().await;
    }
    app.click("#export-open").await?;
    app.css("#export-run").await?;
    tokio::time::sleep(Duration::from_millis(400)).await;
    shoot("export")?;
    app.click("dialog .close").await?;
    app.click("[data-guide=\"kihon.noryoku\"]").await?;
    app.click("[data-item-id] .picker-open").await?;
    tokio::time::sleep(Duration::from_millis(400)).await;
    shoot("picker")?;
    app.js(
        "document.querySelector('.picker-open').click(); return true",
        vec![],
    )
    .await?;
    app.click("[data-action=\"facilitator\"]").await?;
    app.css(".facilitator").await?;
    tokio::time::sleep(Duration::from_millis(600)).await;
    shoot("facilitator")?;
    // The walk for an online session, at a step with group work.
    app.js(
        "const b = t => [...document.querySelectorAll('.facilitator button')].find(x => x.textContent.trim().startsWith(t)); b('勉強会の進行').click(); return true",
        vec![],
    )
    .await?;
    tokio::time::sleep(Duration::from_millis(200)).await;
    app.js(
        "const b = t => [...document.querySelectorAll('.facilitator button')].find(x => x.textContent.trim().startsWith(t)); b('オンライン').click(); b('次へ').click(); return true",
        vec![],
    )
    .await?;
    app.css(".fac-group-badge").await?;
    tokio::time::sleep(Duration::from_millis(400)).await;
    shoot("facilitator-walk")?;
    app.quit().await
}

/// docs/screenshots/excel-import.png: the dry run of 「Excelから取り込む」 for the city, with
/// a training's 定員 changed, a training added, an indicator's target raised and one
/// 施策・制度 row removed in the workbook (openpyxl, `bash scripts/setup-readers.sh`). Run
/// alone with `excel_import_screenshot`; HOSHIN_SHOTS_DIR as above.
#[tokio::test]
#[ignore]
async fn excel_import_screenshot() -> R {
    let d = dirs();
    let edited = d.save.path().join("あおば市_計画の表_人事課.xlsx");
    std::env::set_var("HOSHIN_E2E_OPEN_FILE", &edited);
    let app = App::start(d.data.path(), d.save.path()).await?;
    app.create_sample_named("city-300000").await?;
    app.open_draft_of("あおば市").await?;
    app.click("#export-open").await?;
    app.click("input[name=format][value=xlsx]").await?;
    app.click("#export-run").await?;
    app.css("#export-done").await?;
    app.click("dialog .close").await?;
    let xlsx = std::fs::read_dir(d.save.path())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.to_string_lossy().ends_with("_計画の表.xlsx"))
        .ok_or("no workbook in the save folder")?;
    let python = std::env::var_os("HOSHIN_PYTHON")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/pyreaders/bin/python")
        });
    // Cells of the sample's workbook: tr-mentor is row 3 (J 定員), in-women-manager
    // row 3 of 指標 (G 目標値), ms-soudan row 6 of 施策・制度.
    let edits = r#"[{"sheet":"研修計画","cell":"J3","value":222},
        {"sheet":"研修計画","append":[null,"生成AI活用研修","集合研修",null,"全職員"]},
        {"sheet":"指標","cell":"G3","value":30},{"sheet":"施策・制度","delete_row":6}]"#;
    let st = std::process::Command::new(python)
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("../readers/xlsx_edit.py"))
        .arg(&xlsx)
        .arg(&edited)
        .arg(edits)
        .status()?;
    assert!(st.success(), "xlsx_edit.py failed");
    app.click("#plan-import-open").await?;
    app.click("#plan-pick").await?;
    app.css("tr[data-cell=\"研修計画!J3\"]").await?;
    // WebKitGTK under Xvfb keeps the overlay scrollbars of the panes behind the dialog drawn
    // on top of it (thin lines across the table): stop those panes scrolling for the picture.
    app.js(
        "document.activeElement?.blur();
         for (const e of document.querySelectorAll('body *')) {
           if (e.closest('dialog')) continue;
           const o = getComputedStyle(e).overflowY;
           if ((o === 'auto' || o === 'scroll') && e.scrollHeight > e.clientHeight) e.style.overflow = 'hidden';
         }
         return true",
        vec![],
    )
    .await?;
    tokio::time::sleep(Duration::from_millis(600)).await;
    shoot("excel-import")?;
    app.quit().await
}

/// docs/screenshots/style-check.png: the 「公用文」 tab of the town with a paragraph that
/// breaks several rules (丸数字, 用字, 半角数字, か月, 元年, 文体の混在), the か月 finding
/// selected in the text by 「移動」. Run alone with `style_check_screenshot`; HOSHIN_SHOTS_DIR
/// as above.
#[tokio::test]
#[ignore]
async fn style_check_screenshot() -> R {
    let d = dirs();
    let app = App::start(d.data.path(), d.save.path()).await?;
    app.create_sample_named("town-8000").await?;
    app.open_draft_of("やまびこ町").await?;
    app.open_guide("kihon.shokuinzo").await?;
    let text = "本町は、人口約8,000人の町として、限られた職員数で住民の暮らしを支え続けることが求められている。このため、目指す職員像を次の2点とする。\n\n①住民の声を直接聴き、現場で考えて行動する職員\n②課や係の枠を越えて支え合い、デジタル技術も生かして変化に挑む職員\n\nすべての職員が３ヶ月ごとに上司と面談し、令和1年度に定めた人事評価の着眼点に沿って行動を振り返ります。";
    app.js(
        "const e = document.querySelector('#section-text'); e.value = arguments[0]; e.dispatchEvent(new Event('input', {bubbles: true})); return true",
        vec![serde_json::json!(text)],
    )
    .await?;
    app.wait_saved().await?;
    app.click("[data-tab=\"style\"]").await?;
    app.css("#style-panel [data-style-rule=\"S4\"] .finding")
        .await?;
    app.click("#style-panel [data-style-rule=\"S4\"] .finding [data-action=\"jump\"]")
        .await?;
    app.js(
        "document.querySelector('#panel-right').scrollTop = 0; return true",
        vec![],
    )
    .await?;
    tokio::time::sleep(Duration::from_millis(600)).await;
    shoot("style-check")?;
    app.quit().await
}

/// docs/screenshots/compare-drafts.png: 研究会モード「方針案を比べる」 with the town's and the
/// city's exchange files (made with the CLI from the samples) side by side. Run alone with
/// `compare_drafts_screenshot`; HOSHIN_SHOTS_DIR as above.
#[tokio::test]
#[ignore]
async fn compare_drafts_screenshot() -> R {
    let d = dirs();
    let inbox = tempfile::tempdir()?;
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    let mut files = Vec::new();
    for (sample, file) in [
        ("town-8000", "やまびこ町_人材育成・確保基本方針.hoshin.json"),
        ("city-300000", "あおば市_人材育成・確保基本方針.hoshin.json"),
    ] {
        let hoshin = |args: &[&str]| -> R<String> {
            let out = std::process::Command::new(target.join("debug/hoshin"))
                .arg("--data-dir")
                .arg(d.data.path())
                .args(args)
                .output()?;
            assert!(out.status.success(), "hoshin {args:?}");
            Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
        };
        let id = hoshin(&["new", "--from-sample", sample])?;
        let path = inbox.path().join(file);
        hoshin(&["export-json", &id, "-o", path.to_str().unwrap()])?;
        files.push(path);
    }
    std::env::set_var("HOSHIN_E2E_OPEN_FILES", std::env::join_paths(&files)?);
    let app = App::start(d.data.path(), d.save.path()).await?;
    app.open_draft_of("やまびこ町").await?;
    app.click("[data-action=\"facilitator\"]").await?;
    app.click(".facilitator [data-mode=\"drafts\"]").await?;
    app.click("#drafts-pick").await?;
    app.css("#drafts-preview table").await?;
    tokio::time::sleep(Duration::from_millis(600)).await;
    shoot("compare-drafts")?;
    app.quit().await
}
