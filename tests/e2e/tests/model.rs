//! The whole policy in the real window: a goal under 職場環境の整備 is served by a 施策・制度
//! (no training needed), the staff scope is ticked and kept, and a デジタル人材の目標 out of
//! reach of its trainings is a W11 finding until a training with enough seats is linked.
//! 実績 are typed in the progress view, and the workforce frame (職員数の見通し) in its own.

mod common;

use common::{dirs, App, R};
use serde_json::json;
use thirtyfour::Key;

const FINDING: &str = "return [...document.querySelectorAll('#check-panel .finding')].some(f => f.dataset.rule === arguments[0] && f.textContent.includes(arguments[1]))";

async fn pick(app: &App, card: &str, field: &str, name: &str) -> R {
    app.click(&format!(
        "[data-item-id=\"{card}\"] [data-picker=\"{field}\"] .picker-open"
    ))
    .await?;
    app.click(&format!(
        "[data-item-id=\"{card}\"] [data-picker=\"{field}\"] [role=option][data-name=\"{name}\"]"
    ))
    .await
}

async fn finding(app: &App, rule: &str, text: &str, present: bool) -> R {
    app.click("[data-tab=\"check\"]").await?;
    let script = if present {
        FINDING.to_string()
    } else {
        format!("return !({})", FINDING.trim_start_matches("return "))
    };
    app.wait_js_args(
        &script,
        vec![json!(rule), json!(text)],
        &format!(
            "{rule} about {text} to be {}",
            if present { "shown" } else { "gone" }
        ),
    )
    .await
}

#[tokio::test]
async fn measures_scope_and_digital_targets() -> R {
    let d = dirs();
    let app = App::start(d.data.path(), d.save.path()).await?;
    app.create_and_open("E2E町").await?;

    // A goal under 第4 with nothing serving it: E10. A 施策・制度 linked to it clears it.
    app.open_guide("kankyo.ryoritsu").await?;
    let order = app
        .js("return [...document.querySelectorAll('[data-card-list]')].map(e => e.dataset.cardList)", vec![])
        .await?;
    assert_eq!(
        order,
        json!(["goals", "measures", "indicators"]),
        "goal, then what serves it: {order}"
    );
    app.add_item("goals", "子育てと仕事を両立できる職場")
        .await?;
    finding(&app, "E10", "子育てと仕事を両立できる職場", true).await?;
    let ms = app
        .add_item("measures", "男性職員の育児休業の取得前面談")
        .await?;
    app.type_into(
        &format!("[data-item-id=\"{ms}\"] [data-field=\"owner\"]"),
        "総務課人事係",
    )
    .await?;
    pick(&app, &ms, "goals", "子育てと仕事を両立できる職場").await?;
    app.wait_saved().await?;
    finding(&app, "E10", "子育てと仕事を両立できる職場", false).await?;
    finding(&app, "E11", "男性職員の育児休業の取得前面談", false).await?;

    // The staff scope: ticked in 計画期間と対象範囲, saved, and still there after a reload.
    app.open_guide("kihon.kikan").await?;
    app.click("[data-scope-field=\"staff\"] input[value=\"fiscal-year\"]")
        .await?;
    app.click("[data-scope-field=\"appointers\"] input[value=\"mayor\"]")
        .await?;
    app.wait_saved().await?;
    app.click("[data-action=\"back\"]").await?;
    app.open_draft_of("E2E町").await?;
    app.open_guide("kihon.kikan").await?;
    let ticked = app
        .js(
            "return [...document.querySelectorAll('[data-scope] input:checked')].map(i => i.value)",
            vec![],
        )
        .await?;
    assert_eq!(ticked, json!(["mayor", "fiscal-year"]));

    // デジタル人材の目標: 2 → 30 DX推進リーダー, linked to a training of 10 seats in one year.
    app.open_guide("digital.literacy").await?;
    let tr = app.add_item("trainings", "DX推進リーダー養成講座").await?;
    app.type_into(
        &format!("[data-item-id=\"{tr}\"] [data-field=\"participants\"]"),
        "10",
    )
    .await?;
    app.js(
        &format!("document.querySelector('[data-item-id=\"{tr}\"] [data-field=\"participants\"]').dispatchEvent(new Event('change', {{bubbles: true}})); return true"),
        vec![],
    )
    .await?;
    app.click(&format!(
        "[data-item-id=\"{tr}\"] [data-field=\"years\"] input"
    ))
    .await?;
    app.open_guide("digital.jinzaizo").await?;
    let dt = app.add_item("digital_targets", "DX推進リーダー").await?;
    app.js(
        &format!(
            "const c = document.querySelector('[data-item-id=\"{dt}\"]');
             const set = (sel, v) => {{ const e = c.querySelector(sel); e.value = v; e.dispatchEvent(new Event('change', {{bubbles: true}})); }};
             set('[data-field=\"baseline\"]', '2');
             const years = c.querySelectorAll('[data-field=\"targets\"] input');
             set('[data-field=\"targets\"] label:last-of-type input', '30');
             return years.length"
        ),
        vec![],
    )
    .await?;
    pick(&app, &dt, "trainings", "DX推進リーダー養成講座").await?;
    app.wait_saved().await?;
    finding(&app, "W11", "DX推進リーダー", true).await?;
    let text = app
        .js("return [...document.querySelectorAll('#check-panel .finding[data-rule=\"W11\"]')].map(f => f.textContent).join(' ')", vec![])
        .await?;
    assert!(text.as_str().unwrap_or("").contains("28人"), "{text}");

    // Enough seats: 30 a year in the one year held.
    app.open_guide("digital.literacy").await?;
    app.js(
        &format!("const e = document.querySelector('[data-item-id=\"{tr}\"] [data-field=\"participants\"]'); e.value = '30'; e.dispatchEvent(new Event('change', {{bubbles: true}})); return true"),
        vec![],
    )
    .await?;
    app.wait_saved().await?;
    app.open_guide("digital.jinzaizo").await?;
    finding(&app, "W11", "DX推進リーダー", false).await?;
    app.quit().await
}

/// 実績 typed in the progress view are saved, judged against the straight path, kept after
/// leaving the draft, and leave the policy text alone.
#[tokio::test]
async fn results_in_the_progress_view() -> R {
    let d = dirs();
    let app = App::start(d.data.path(), d.save.path()).await?;
    app.create_sample_named("town-8000").await?;
    app.open_draft_of("やまびこ町").await?;
    app.click("#progress-open").await?;
    app.css("[data-progress] tr[data-indicator=\"in-overtime\"]")
        .await?;
    // 120 hours in 令和7年度, 90 by 令和13年度: still 120 in 令和9年度 is 遅れ.
    app.js(
        "const e = document.querySelector('tr[data-indicator=\"in-overtime\"] [data-actual]'); e.value = '120'; e.dispatchEvent(new Event('change', {bubbles: true})); return true",
        vec![],
    )
    .await?;
    app.wait_js(
        "return document.querySelector('tr[data-indicator=\"in-overtime\"] [data-status]')?.textContent === '遅れ'",
        "遅れ for in-overtime",
    )
    .await?;
    app.click("[data-action=\"back\"]").await?;
    app.open_draft_of("やまびこ町").await?;
    app.click("#progress-open").await?;
    app.wait_js(
        "return document.querySelector('tr[data-indicator=\"in-overtime\"] [data-actual]')?.value === '120'",
        "the saved value after reopening",
    )
    .await?;
    let status = app
        .js("return document.querySelector('tr[data-indicator=\"in-overtime\"] [data-status]').dataset.status", vec![])
        .await?;
    assert_eq!(status, json!("behind"));
    app.quit().await
}

/// The `hoshin` CLI built beside the app (`cargo build -p hoshin-cli`).
fn cli_binary() -> std::path::PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    target.join("debug/hoshin")
}

/// One cell of the 一般行政 table (`arguments`: fiscal year, column): an input's value or the
/// cell's text.
const WF_CELL: &str = "const c = document.querySelector(`[data-wf-category=\"general\"] tr[data-fy=\"${arguments[0]}\"] td[data-col=\"${arguments[1]}\"]`); if (!c) return null; const i = c.querySelector('input'); return (i ? i.value : c.textContent).trim()";

/// 職員数の見通し of the city: the 一般行政 table for 令和9年度 from the projection; a changed
/// 定員 moves 差 and is saved (the CLI reads it back from the same data folder, and the view
/// shows it again after leaving the draft).
#[tokio::test]
async fn the_workforce_frame_in_its_view() -> R {
    let d = dirs();
    let app = App::start(d.data.path(), d.save.path()).await?;
    app.create_sample_named("city-300000").await?;
    let id = app
        .js("return document.querySelector('[data-draft-id][data-municipality=\"あおば市\"]').dataset.draftId", vec![])
        .await?;
    let id = id.as_str().ok_or("no draft id")?.to_string();
    app.open_draft_of("あおば市").await?;
    app.click("#workforce-open").await?;
    app.css("[data-wf-category=\"general\"] tr[data-fy=\"2027\"]")
        .await?;
    let heading = app
        .js("return document.querySelector('[data-wf-category=\"general\"] h3').textContent + ' ' + document.querySelector('[data-wf-category=\"general\"] tr[data-fy=\"2027\"] th[scope=row]').textContent", vec![])
        .await?;
    assert_eq!(heading, json!("一般行政 令和9年度"));
    // Wait for the projection, then read the whole row.
    app.wait_js_args(
        &format!("return (() => {{ {WF_CELL} }})() === '1,669'"),
        vec![json!(2027), json!("projected")],
        "年度末見込み 1,669",
    )
    .await?;
    for (col, want) in [
        ("staff", "1650"),
        ("hires", "59"),
        ("projected", "1,669"),
        ("teiin", "1660"),
        ("actual", "1664"),
        ("diff", "+9"),
    ] {
        let got = app.js(WF_CELL, vec![json!(2027), json!(col)]).await?;
        assert_eq!(got, json!(want), "令和9年度 {col}");
    }

    // 定員 1,700 for 令和9年度, typed as a user does: 差 becomes −31 and it is saved.
    let teiin = "[data-wf-category=\"general\"] tr[data-fy=\"2027\"] td[data-col=\"teiin\"] input";
    app.js(
        "document.querySelector(arguments[0]).value = ''; return true",
        vec![json!(teiin)],
    )
    .await?;
    app.type_into(teiin, "1700").await?;
    app.css(teiin).await?.send_keys(Key::Tab).await?; // leaving the field takes the value
    app.wait_js_args(
        &format!("return (() => {{ {WF_CELL} }})() === '−31'"),
        vec![json!(2027), json!("diff")],
        "差 −31",
    )
    .await?;
    app.wait_saved().await?;

    // The CLI reads the same data folder: the new 定員 is stored, the projection unchanged.
    let out = std::process::Command::new(cli_binary())
        .arg("--data-dir")
        .arg(d.data.path())
        .args(["workforce", &id, "--json"])
        .output()?;
    assert!(
        out.status.success(),
        "hoshin workforce: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    let general = rows
        .as_array()
        .ok_or("rows")?
        .iter()
        .find(|r| r["category"] == "general" && r["fy"] == 2027)
        .ok_or("general 2027")?;
    assert_eq!(
        (general["teiin"].clone(), general["projected"].clone()),
        (json!(1700), json!(1669))
    );

    // And the view shows it again after leaving the draft.
    app.click("[data-action=\"back\"]").await?;
    app.open_draft_of("あおば市").await?;
    app.click("#workforce-open").await?;
    app.wait_js_args(
        &format!("return (() => {{ {WF_CELL} }})() === '−31'"),
        vec![json!(2027), json!("diff")],
        "差 −31 after reopening",
    )
    .await?;
    assert_eq!(
        app.js(WF_CELL, vec![json!(2027), json!("teiin")]).await?,
        json!("1700")
    );
    app.quit().await
}

/// The export dialog writes the policy as Word and the 年次点検報告 of the year with results:
/// both land in the save folder, the Word file is a real package with the policy's
/// headings, and the review's text layer names the year and the indicators.
#[tokio::test]
async fn word_export_and_the_yearly_review_from_the_export_dialog() -> R {
    let d = dirs();
    let app = App::start(d.data.path(), d.save.path()).await?;
    app.create_sample_named("city-300000").await?;
    app.open_draft_of("あおば市").await?;
    app.click("#export-open").await?;
    app.click("input[name=format][value=docx]").await?;
    app.click("#export-run").await?;
    app.wait_js(
        "return !!document.querySelector('#export-done')",
        "the Word export to finish",
    )
    .await?;
    let files = || -> Vec<std::path::PathBuf> {
        std::fs::read_dir(d.save.path())
            .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default()
    };
    let docx = files()
        .into_iter()
        .find(|p| p.extension().is_some_and(|x| x == "docx"))
        .ok_or("no .docx in the save folder")?;
    let bytes = std::fs::read(&docx)?;
    assert!(bytes.starts_with(b"PK"), "a zip package");
    let xml = String::from_utf8_lossy(&bytes).to_string();
    assert!(xml.contains("word/document.xml"), "a Word document part");

    // The year offered first is the latest with results (令和10年度 in the sample).
    let fy = app
        .js("return document.querySelector('#review-fy').value", vec![])
        .await?;
    assert_eq!(fy, json!("2028"));
    app.click("input[name=format][value=pdf]").await?;
    app.click("#export-review").await?;
    let started = std::time::Instant::now();
    let pdf = loop {
        let found = files().into_iter().find(|p| {
            p.extension().is_some_and(|x| x == "pdf")
                && p.to_string_lossy().contains("年次点検報告")
        });
        match found {
            Some(p) => break p,
            None if started.elapsed() > std::time::Duration::from_secs(30) => {
                return Err("no 年次点検報告 PDF in the save folder".into())
            }
            None => tokio::time::sleep(std::time::Duration::from_millis(200)).await,
        }
    };
    app.wait_js(
        "return !!document.querySelector('#export-done')",
        "the review export to finish",
    )
    .await?;
    let out = std::process::Command::new("pdftotext")
        .args(["-raw", pdf.to_str().unwrap(), "-"])
        .output()?;
    let text: String = String::from_utf8_lossy(&out.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(text.contains("令和10年度年次点検報告"), "{text}");
    assert!(text.contains("管理職に占める女性職員の割合"), "{text}");
    app.quit().await
}

fn python_reader(script: &str, args: &[&std::ffi::OsStr]) -> R<Vec<u8>> {
    Ok(hoshin_tests::run_reader(script, args))
}

/// 「Excelから取り込む」 as a 人事課 does it: the city's plan tables written as Excel from the
/// export dialog, the mentor training's 定員 changed to 222 in the workbook (openpyxl), the
/// dry run names that cell with old and new values, and once applied the draft holds 222 (in
/// the 研修計画 table and for the CLI reading the same data folder).
#[tokio::test]
async fn excel_round_trip_through_the_dialogs() -> R {
    let d = dirs();
    let edited_dir = tempfile::tempdir()?;
    let edited = edited_dir.path().join("あおば市_計画の表_人事課.xlsx");
    // The file the open dialog "returns"; written below, before it is picked.
    std::env::set_var("HOSHIN_E2E_OPEN_FILE", &edited);
    let app = App::start(d.data.path(), d.save.path()).await?;
    app.create_sample_named("city-300000").await?;
    let id = app
        .js("return document.querySelector('[data-draft-id][data-municipality=\"あおば市\"]').dataset.draftId", vec![])
        .await?;
    let id = id.as_str().ok_or("no draft id")?.to_string();
    app.open_draft_of("あおば市").await?;

    // Excel from the export dialog: no appendix, no 年次点検報告 for it.
    app.click("#export-open").await?;
    app.click("input[name=format][value=xlsx]").await?;
    let off = app
        .js("return [document.querySelector('#export-appendix').disabled, document.querySelector('#export-review')?.disabled ?? true]", vec![])
        .await?;
    assert_eq!(off, json!([true, true]));
    app.click("#export-run").await?;
    app.wait_js(
        "return !!document.querySelector('#export-done')",
        "the Excel export",
    )
    .await?;
    let xlsx = std::fs::read_dir(d.save.path())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "xlsx"))
        .ok_or("no .xlsx in the save folder")?;
    assert!(
        xlsx.to_string_lossy().ends_with("_計画の表.xlsx"),
        "{}",
        xlsx.display()
    );
    app.click("dialog .close").await?;

    // The cell: 定員（人/年） in the row of tr-mentor, from the header row and column A.
    let facts: serde_json::Value =
        serde_json::from_slice(&python_reader("xlsx_facts.py", &[xlsx.as_os_str()])?)?;
    let sheet = facts["sheets"]
        .as_array()
        .ok_or("sheets")?
        .iter()
        .find(|s| s["name"] == "研修計画")
        .ok_or("研修計画")?;
    let col = sheet["headers"]
        .as_array()
        .ok_or("headers")?
        .iter()
        .position(|h| h == "定員（人/年）")
        .ok_or("定員（人/年）")?;
    let row = sheet["ids"]
        .as_array()
        .ok_or("ids")?
        .iter()
        .position(|x| x == "tr-mentor")
        .ok_or("tr-mentor")?
        + 2;
    let old = sheet["rows"][row - 2][col].clone();
    let cell = format!("{}{row}", (b'A' + col as u8) as char);
    let edits = json!([{ "sheet": "研修計画", "cell": cell, "value": 222 }]).to_string();
    python_reader(
        "xlsx_edit.py",
        &[
            xlsx.as_os_str(),
            edited.as_os_str(),
            std::ffi::OsStr::new(&edits),
        ],
    )?;

    // The dry run: one changed row, the cell with its old and new value, nothing applied yet.
    app.click("#plan-import-open").await?;
    app.click("#plan-pick").await?;
    let line = format!("tr[data-cell=\"研修計画!{cell}\"]");
    app.css(&line).await?;
    let tds = app
        .js(
            "return [...document.querySelector(arguments[0]).querySelectorAll('td')].map(td => td.textContent.trim())",
            vec![json!(line)],
        )
        .await?;
    let tds: Vec<String> = serde_json::from_value(tds)?;
    assert_eq!(tds.len(), 5, "{tds:?}");
    assert_eq!(tds[0], cell);
    assert!(tds[1].contains("メンター"), "{tds:?}");
    assert_eq!(tds[2], "定員（人/年）");
    assert_eq!(tds[3], old.to_string().trim_matches('"'), "{tds:?}");
    assert_eq!(tds[4], "222");
    let summary = app
        .js(
            "return document.querySelector('#plan-summary').textContent",
            vec![],
        )
        .await?;
    assert_eq!(
        summary,
        json!("追加 0 行、変更 1 行、シートにない項目 0 件")
    );
    assert_eq!(
        app.js(
            "return document.querySelector('#plan-errors') === null",
            vec![]
        )
        .await?,
        json!(true)
    );

    // Applied: the confirmation names the version saved before; the editor shows 222.
    app.click("#plan-apply").await?;
    app.wait_js(
        "return document.querySelector('#plan-done')?.textContent.includes('反映しました。反映前の状態を版「Excel 取り込みの前') ?? false",
        "the confirmation",
    )
    .await?;
    app.click("#plan-close").await?;
    app.click("[data-view=\"training\"]").await?;
    app.wait_js(
        "return document.querySelector('[data-table=\"training\"] tr[data-row-id=\"tr-mentor\"] [data-field=\"participants\"]')?.textContent.includes('222') ?? false",
        "222 in the 研修計画 table",
    )
    .await?;

    // The CLI reads the same data folder: tr-mentor has 222 seats a year.
    let out_file = d.save.path().join("after.hoshin.json");
    let out = std::process::Command::new(cli_binary())
        .arg("--data-dir")
        .arg(d.data.path())
        .args(["export-json", &id, "-o"])
        .arg(&out_file)
        .output()?;
    assert!(
        out.status.success(),
        "hoshin export-json: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out_file)?)?;
    let mentor = v["draft"]["trainings"]
        .as_array()
        .ok_or("trainings")?
        .iter()
        .find(|t| t["id"] == "tr-mentor")
        .ok_or("tr-mentor")?;
    assert_eq!(mentor["participants"], json!(222));
    app.quit().await
}

/// 研究会モード hands out the worksheets: from the walk's 持ち物・事前準備 panel, the blank
/// grid as PDF, then the chain filled from the open draft as Excel.
#[tokio::test]
async fn worksheets_from_the_walk_preparation_panel() -> R {
    let d = dirs();
    let app = App::start(d.data.path(), d.save.path()).await?;
    app.create_sample_named("town-8000").await?;
    app.open_draft_of("やまびこ町").await?;
    app.click("[data-action=\"facilitator\"]").await?;
    app.css(".facilitator").await?;
    let click = |label: &str, within: &str| {
        format!("const b = [...document.querySelectorAll('{within} button')].find(x => x.textContent.trim().startsWith('{label}')); b.click(); return true")
    };
    app.js(&click("勉強会の進行", ".facilitator"), vec![])
        .await?;
    app.js(&click("持ち物・事前準備", ".facilitator"), vec![])
        .await?;
    app.css("[data-sheet=\"grid\"]").await?;
    app.js(&click("PDF", "[data-sheet=\"grid\"]"), vec![])
        .await?;
    app.wait_js(
        "return !!document.querySelector('#worksheet-done')",
        "the worksheet",
    )
    .await?;
    app.click("#sheet-filled").await?;
    app.js(&click("Excel", "[data-sheet=\"chain\"]"), vec![])
        .await?;
    let started = std::time::Instant::now();
    loop {
        let names: Vec<String> = std::fs::read_dir(d.save.path())?
            .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect();
        let pdf = names
            .iter()
            .any(|n| n.ends_with(".pdf") && n.contains("能力と研修"));
        let xlsx = names
            .iter()
            .any(|n| n.ends_with(".xlsx") && n.contains("やまびこ町") && n.contains("職員像"));
        if pdf && xlsx {
            break;
        }
        if started.elapsed() > std::time::Duration::from_secs(30) {
            return Err(format!("worksheets not written: {names:?}").into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    app.quit().await
}
