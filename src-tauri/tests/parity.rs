//! Each operation exists once: the same inputs through the `hoshin` binary and through the
//! app's Tauri commands (called over Tauri's IPC on the mock runtime, arguments and results
//! as JSON, exactly as the UI sends them) give the same result.
//!
//! Needs the CLI binary (`cargo build -p hoshin-cli`; `cargo test` at the root builds it).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use hoshin_app_lib::{handler, AppState};
use hoshin_ops::Workspace;
use serde_json::{json, Value};
use tauri::test::{mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::WebviewWindow;

fn cli_binary() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    let bin = target.join("debug/hoshin");
    assert!(
        bin.exists(),
        "{} is missing: build it first with `cargo build -p hoshin-cli`",
        bin.display()
    );
    bin
}

fn cli(data: &Path, args: &[&str]) -> Output {
    Command::new(cli_binary())
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .output()
        .expect("run hoshin")
}

fn cli_ok(data: &Path, args: &[&str]) -> String {
    let o = cli(data, args);
    assert!(
        o.status.success(),
        "hoshin {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}

/// The CLI's failure: (exit code, error code printed last on stderr).
fn cli_err(data: &Path, args: &[&str]) -> (i32, String) {
    let o = cli(data, args);
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    let code = err
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix('（').and_then(|l| l.strip_suffix('）')))
        .unwrap_or_default()
        .to_string();
    (o.status.code().unwrap_or(-1), code)
}

/// The app with its own data folder, the E2E save folder and an optional file to "open".
struct App {
    _app: tauri::App<MockRuntime>,
    webview: WebviewWindow<MockRuntime>,
}

impl App {
    fn new(data: &Path, save: &Path, open: Option<&Path>) -> App {
        App::with_state(AppState::new(
            Workspace::open(Some(data)),
            Some(save.to_path_buf()),
            open.map(Path::to_path_buf),
        ))
    }

    /// The app whose multiple-file open dialog "picks" `files`.
    fn picking(data: &Path, save: &Path, files: &[PathBuf]) -> App {
        App::with_state(
            AppState::new(Workspace::open(Some(data)), Some(save.to_path_buf()), None)
                .with_open_files(files.to_vec()),
        )
    }

    fn with_state(state: AppState) -> App {
        let app = mock_builder()
            .manage(state)
            .invoke_handler(handler())
            // The app's own context: its capabilities decide which commands the window may call.
            .build(tauri::generate_context!(test = true))
            .expect("mock app");
        let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .expect("mock window");
        App { _app: app, webview }
    }

    /// Invoke a command as the UI does; `Err` holds the serialised error.
    fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        tauri::test::get_ipc_response(
            &self.webview,
            InvokeRequest {
                cmd: cmd.into(),
                callback: tauri::ipc::CallbackFn(0),
                error: tauri::ipc::CallbackFn(1),
                url: "tauri://localhost".parse().unwrap(),
                body: tauri::ipc::InvokeBody::Json(args),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            },
        )
        .map(|b| b.deserialize::<Value>().expect("json"))
    }

    fn ok(&self, cmd: &str, args: Value) -> Value {
        self.call(cmd, args.clone())
            .unwrap_or_else(|e| panic!("{cmd} {args}: {e}"))
    }
}

struct Both {
    _dirs: tempfile::TempDir,
    cli_data: PathBuf,
    app_data: PathBuf,
    save: PathBuf,
}

fn both() -> Both {
    let dirs = tempfile::tempdir().unwrap();
    let b = Both {
        cli_data: dirs.path().join("cli"),
        app_data: dirs.path().join("app"),
        save: dirs.path().join("save"),
        _dirs: dirs,
    };
    std::fs::create_dir_all(&b.save).unwrap();
    b
}

/// The same sample taken once through the CLI and once through the app: (CLI id, app id).
fn sample_in_both(b: &Both, app: &App, name: &str) -> (String, String) {
    let cid = cli_ok(&b.cli_data, &["new", "--from-sample", name]);
    let aid = app.ok("create_from_sample", json!({ "name": name }))["id"]
        .as_str()
        .unwrap()
        .to_string();
    (cid, aid)
}

#[test]
fn drafts_from_a_sample_get_fresh_ids_in_both() {
    let b = both();
    let app = App::new(&b.app_data, &b.save, None);
    let sample_id = hoshin_model::templates::sample("town-8000")
        .unwrap()
        .meta
        .id;

    let c1 = cli_ok(&b.cli_data, &["new", "--from-sample", "town-8000"]);
    let c2 = cli_ok(&b.cli_data, &["new", "--from-sample", "town-8000"]);
    let a1 = app.ok("create_from_sample", json!({ "name": "town-8000" }));
    let a2 = app.ok("create_from_sample", json!({ "name": "town-8000" }));
    let (a1, a2) = (a1["id"].as_str().unwrap(), a2["id"].as_str().unwrap());
    for id in [c1.as_str(), c2.as_str(), a1, a2] {
        assert_ne!(id, sample_id, "a copy keeps the sample's id");
    }
    assert_ne!(c1, c2);
    assert_ne!(a1, a2);

    // An unknown sample: the same code from both.
    let (exit, code) = cli_err(&b.cli_data, &["new", "--from-sample", "nowhere"]);
    let e = app
        .call("create_from_sample", json!({ "name": "nowhere" }))
        .unwrap_err();
    assert_eq!((exit, code.as_str()), (2, "input.not_found"));
    assert_eq!(e["code"], "input.not_found");
}

#[test]
fn acknowledgements_are_validated_the_same_way() {
    let b = both();
    let app = App::new(&b.app_data, &b.save, None);
    let (cid, aid) = sample_in_both(&b, &app, "town-8000");
    let report: Value = serde_json::from_str(&String::from_utf8_lossy(
        &cli(&b.cli_data, &["check", &cid, "--json"]).stdout,
    ))
    .unwrap();
    let key = report["findings"][0]["key"].as_str().unwrap().to_string();
    let app_report = app.ok("check_draft", json!({ "id": aid }));
    assert_eq!(
        app_report["findings"][0]["key"], key,
        "same draft, same findings"
    );

    // An empty reason.
    let (exit, code) = cli_err(&b.cli_data, &["acknowledge", &cid, &key, "--reason", "  "]);
    let e = app
        .call(
            "acknowledge",
            json!({ "draftId": aid, "key": key, "reason": "  " }),
        )
        .unwrap_err();
    assert_eq!((exit, code.as_str()), (2, "input.invalid"));
    assert_eq!(e["code"], "input.invalid");

    // A key the draft does not have.
    let (exit, code) = cli_err(
        &b.cli_data,
        &["acknowledge", &cid, "E9/none/", "--reason", "理由"],
    );
    let e = app
        .call(
            "acknowledge",
            json!({ "draftId": aid, "key": "E9/none/", "reason": "理由" }),
        )
        .unwrap_err();
    assert_eq!((exit, code.as_str()), (2, "input.not_found"));
    assert_eq!(e["code"], "input.not_found");

    // A good one: both count it, with the rule taken from the finding.
    cli_ok(
        &b.cli_data,
        &[
            "acknowledge",
            &cid,
            &key,
            "--reason",
            "県の人材プールで確保する",
        ],
    );
    let r = app.ok(
        "acknowledge",
        json!({ "draftId": aid, "key": key, "reason": "県の人材プールで確保する" }),
    );
    let cli_report: Value = serde_json::from_str(&String::from_utf8_lossy(
        &cli(&b.cli_data, &["check", &cid, "--json"]).stdout,
    ))
    .unwrap();
    assert_eq!(cli_report["acknowledged"], 1);
    assert_eq!(r["acknowledged"], 1);
    let rule = |r: &Value| {
        r["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["key"] == key)
            .unwrap()["acknowledgement"]["rule"]
            .clone()
    };
    assert_eq!(rule(&cli_report), rule(&r));
    assert_eq!(rule(&r), key.split('/').next().unwrap());
}

/// The table rows of a Markdown 新旧対照表 (the cover carries times that differ).
fn table_rows(md: &str) -> Vec<String> {
    md.lines()
        .filter(|l| l.starts_with('|'))
        .map(str::to_string)
        .collect()
}

fn old_policy_round(file_name: &str, bytes: &[u8]) {
    let b = both();
    let file = b.save.join(file_name);
    std::fs::write(&file, bytes).unwrap();
    let file_s = file.to_str().unwrap();

    // CLI: import the old policy as the baseline, then compare baseline → current.
    let cid = cli_ok(&b.cli_data, &["new", "--from-sample", "town-8000"]);
    let version = cli_ok(&b.cli_data, &["import-policy", &cid, file_s]);
    let cli_md = b.save.join("cli.md");
    cli_ok(
        &b.cli_data,
        &[
            "compare",
            &cid,
            "--from",
            "baseline",
            "--to",
            "current",
            "--format",
            "md",
            "-o",
            cli_md.to_str().unwrap(),
        ],
    );

    // App: the same file through the import wizard's two commands, then the export.
    let app = App::new(&b.app_data, &b.save, Some(&file));
    let aid = app.ok("create_from_sample", json!({ "name": "town-8000" }))["id"]
        .as_str()
        .unwrap()
        .to_string();
    let picked = app.ok("pick_old_policy", json!({}));
    let mapping: Vec<Value> = picked["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| json!([s["section"], s["item"]]))
        .collect();
    let v = app.ok(
        "import_policy",
        json!({ "draftId": aid, "token": picked["token"], "mapping": mapping }),
    );
    assert_eq!(
        v["id"].to_string(),
        version,
        "the baseline is the first version in both"
    );
    assert_eq!(v["kind"], "baseline");
    let done = app.ok(
        "export_comparison",
        json!({
            "draftId": aid, "old": "baseline", "new": "current", "format": "md",
            "options": { "adopted": false, "all": false }
        }),
    );
    let app_md = std::fs::read_to_string(done["path"].as_str().unwrap()).unwrap();
    let cli_md = std::fs::read_to_string(&cli_md).unwrap();
    let rows = table_rows(&cli_md);
    assert!(rows.len() > 3, "{cli_md}");
    assert!(
        rows.iter().any(|r| r.contains("町民の立場")),
        "the old text is in the 現行 column: {cli_md}"
    );
    assert_eq!(table_rows(&app_md), rows);

    // The rows the compare view shows, by `baseline` and by number, agree.
    let by_name = app.ok(
        "compare_versions",
        json!({ "draftId": aid, "old": "baseline", "new": "current" }),
    );
    let by_number = app.ok(
        "compare_versions",
        json!({ "draftId": aid, "old": { "number": v["id"] }, "new": "current" }),
    );
    assert_eq!(by_name, by_number);
}

const OLD_POLICY: &str = "みどり町人材育成基本方針（平成18年）\n\n第１　目指すべき職員像\n\n　町民の立場で考え、行動する職員を目指す。\n\n第２　人材育成の方策\n\n１　職場研修\n\n　職場の上司が日常の業務を通じて部下を育てる。\n";

#[test]
fn an_old_policy_with_a_bom_reads_the_same_in_both() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(OLD_POLICY.as_bytes());
    old_policy_round("bom.txt", &bytes);
}

#[test]
fn an_old_policy_in_shift_jis_reads_the_same_in_both() {
    let (sjis, _, bad) = encoding_rs::SHIFT_JIS.encode(OLD_POLICY);
    assert!(!bad);
    old_policy_round("sjis.txt", &sjis);
}

#[test]
fn a_missing_baseline_is_the_same_error_in_both() {
    let b = both();
    let app = App::new(&b.app_data, &b.save, None);
    let (cid, aid) = sample_in_both(&b, &app, "city-300000");
    let out = b.save.join("x.md");
    let (exit, code) = cli_err(
        &b.cli_data,
        &[
            "compare",
            &cid,
            "--from",
            "baseline",
            "--to",
            "current",
            "--format",
            "md",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    let e = app
        .call(
            "compare_versions",
            json!({ "draftId": aid, "old": "baseline", "new": "current" }),
        )
        .unwrap_err();
    assert_eq!((exit, code.as_str()), (2, "input.not_found"));
    assert_eq!(e["code"], "input.not_found");
    assert!(!out.exists(), "nothing is written on failure");
}

#[test]
fn results_are_stored_and_refused_the_same_way() {
    let b = both();
    let app = App::new(&b.app_data, &b.save, None);
    let (cid, aid) = sample_in_both(&b, &app, "town-8000");
    let result = |fy: i32, value: f64| {
        json!([{ "item": "in-overtime", "fy": fy, "value": value, "measured_on": "", "owner": "",
                 "runs": null, "participants": null, "status": null, "note": "" }])
    };

    // A year outside the plan (令和9～13年度): input.invalid from both, nothing stored.
    let (exit, code) = cli_err(
        &b.cli_data,
        &["results", &cid, "--fy", "2040", "--set", "in-overtime=100"],
    );
    let e = app
        .call(
            "set_results",
            json!({ "draftId": aid, "results": result(2040, 100.0) }),
        )
        .unwrap_err();
    assert_eq!((exit, code.as_str()), (2, "input.invalid"));
    assert_eq!(e["code"], "input.invalid");

    // A good one: the same progress in both.
    cli_ok(
        &b.cli_data,
        &["results", &cid, "--fy", "2027", "--set", "in-overtime=120"],
    );
    app.ok(
        "set_results",
        json!({ "draftId": aid, "results": result(2027, 120.0) }),
    );
    let export = |id: &str| -> Value {
        let f = b.save.join(format!("{id}.hoshin.json"));
        cli_ok(&b.cli_data, &["export-json", id, "-o", f.to_str().unwrap()]);
        serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap()
    };
    let cli_results = export(&cid)["draft"]["results"].clone();
    let app_progress = app.ok("progress", json!({ "draftId": aid }));
    let row = app_progress
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "in-overtime")
        .unwrap();
    let year = row["years"]
        .as_array()
        .unwrap()
        .iter()
        .find(|y| y["fy"] == 2027)
        .unwrap();
    assert_eq!(year["actual"], cli_results[0]["value"]);
    assert_eq!(year["progress"], "behind");
}

#[test]
fn the_workforce_projection_is_the_same_in_both() {
    let b = both();
    let app = App::new(&b.app_data, &b.save, None);
    let (cid, aid) = sample_in_both(&b, &app, "city-300000");
    let cli_rows = |data: &Path, id: &str| -> Value {
        serde_json::from_str(&cli_ok(data, &["workforce", id, "--json"])).expect("json")
    };

    // The sample's frame, projected with its hiring plan: the same rows from both.
    let from_cli = cli_rows(&b.cli_data, &cid);
    let from_app = app.ok("workforce", json!({ "draftId": aid }));
    assert!(
        from_cli.as_array().is_some_and(|r| r.len() > 4),
        "{from_cli}"
    );
    assert_eq!(from_app, from_cli);

    // A draft that does not exist: the same code from both.
    let (exit, code) = cli_err(&b.cli_data, &["workforce", "nowhere", "--json"]);
    let e = app
        .call("workforce", json!({ "draftId": "nowhere" }))
        .unwrap_err();
    assert_eq!((exit, code.as_str()), (2, "input.not_found"));
    assert_eq!(e["code"], "input.not_found");

    // The frame as the app edits it: a 定年以外の退職率 above 100 % is refused and nothing
    // changes; a new 定員 is saved, and the CLI reads it back from the app's data folder.
    let draft = app.ok("load_draft", json!({ "id": aid }));
    let mut frame = draft["workforce"].clone();
    frame["other_leaver_rate"] = json!(1.5);
    let e = app
        .call(
            "set_workforce",
            json!({ "draftId": aid, "workforce": frame }),
        )
        .unwrap_err();
    assert_eq!(e["code"], "input.invalid");
    assert_eq!(cli_rows(&b.app_data, &aid), from_cli);

    frame["other_leaver_rate"] = json!(0.01);
    let general = frame["rows"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|r| r["category"] == "general")
        .unwrap();
    general["teiin"][0]["count"] = json!(1700);
    app.ok(
        "set_workforce",
        json!({ "draftId": aid, "workforce": frame }),
    );
    let after = cli_rows(&b.app_data, &aid);
    assert_eq!(after, app.ok("workforce", json!({ "draftId": aid })));
    let first = after
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["category"] == "general")
        .unwrap();
    assert_eq!(first["teiin"], 1700);
}

fn python_reader(script: &str, args: &[&std::ffi::OsStr]) -> Vec<u8> {
    hoshin_tests::run_reader(script, args)
}

/// The cell of `column` in the row of `id` on sheet `sheet`, found from the header row and
/// column A as openpyxl reads them (「研修計画!J3」 → ("J3")).
fn cell_of(xlsx: &Path, sheet: &str, column: &str, id: &str) -> String {
    let facts: Value =
        serde_json::from_slice(&python_reader("xlsx_facts.py", &[xlsx.as_os_str()])).unwrap();
    let s = facts["sheets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == sheet)
        .unwrap_or_else(|| panic!("sheet {sheet}"));
    let col = s["headers"]
        .as_array()
        .unwrap()
        .iter()
        .position(|h| h == column)
        .unwrap_or_else(|| panic!("column {column}"));
    let row = s["ids"]
        .as_array()
        .unwrap()
        .iter()
        .position(|x| x == id)
        .unwrap()
        + 2;
    format!("{}{row}", (b'A' + col as u8) as char)
}

fn edit_cell(src: &Path, dst: &Path, sheet: &str, cell: &str, value: Value) {
    let edits = json!([{ "sheet": sheet, "cell": cell, "value": value }]).to_string();
    python_reader(
        "xlsx_edit.py",
        &[
            src.as_os_str(),
            dst.as_os_str(),
            std::ffi::OsStr::new(&edits),
        ],
    );
}

/// The changed cells of a dry run as the CLI prints them (`\t研修計画!J3\t定員（人/年）: 30 → 222`).
fn cli_cells(out: &str) -> Vec<String> {
    out.lines()
        .filter(|l| l.starts_with('\t'))
        .map(|l| l.trim_start().to_string())
        .collect()
}

/// The same lines from the app's dry run (empty values shown as the CLI shows them).
fn app_cells(picked: &Value) -> Vec<String> {
    let shown = |v: &Value| match v.as_str().unwrap_or_default() {
        "" => "（空欄）".to_string(),
        s => s.to_string(),
    };
    picked["changes"]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["cells"].as_array().unwrap().iter())
        .map(|c| {
            format!(
                "{}\t{}: {} → {}",
                c["cell"].as_str().unwrap(),
                c["column"].as_str().unwrap(),
                shown(&c["old"]),
                shown(&c["new"])
            )
        })
        .collect()
}

fn participants(data: &Path, save: &Path, id: &str, training: &str) -> Value {
    let f = save.join(format!("{id}.hoshin.json"));
    cli_ok(data, &["export-json", id, "-o", f.to_str().unwrap()]);
    let v: Value = serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
    v["draft"]["trainings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == training)
        .unwrap_or_else(|| panic!("{training}"))["participants"]
        .clone()
}

/// 「Excelから取り込む」: the plan tables exported by each, one cell edited the same way, give
/// the same dry run (`hoshin import-plan` and `pick_plan_workbook`), the same refusal of a
/// broken cell, and the same draft once applied; an unknown token is `input.not_found`.
#[test]
fn an_edited_plan_workbook_reads_and_applies_the_same_in_both() {
    let b = both();
    let app_edited = b.save.join("app-edited.xlsx");
    let app = App::new(&b.app_data, &b.save, Some(&app_edited));
    let (cid, aid) = sample_in_both(&b, &app, "city-300000");

    // Export: the CLI to a file, the app through its export command (E2E save folder).
    let cli_xlsx = b.save.join("cli.xlsx");
    cli_ok(
        &b.cli_data,
        &[
            "export",
            &cid,
            "--format",
            "xlsx",
            "-o",
            cli_xlsx.to_str().unwrap(),
        ],
    );
    let done = app.ok(
        "export_document",
        json!({ "draftId": aid, "format": "xlsx", "appendix": false }),
    );
    let app_xlsx = PathBuf::from(done["path"].as_str().unwrap());
    assert!(
        done["file_name"]
            .as_str()
            .unwrap()
            .ends_with("_計画の表.xlsx"),
        "{done}"
    );
    let cell = cell_of(&app_xlsx, "研修計画", "定員（人/年）", "tr-mentor");
    assert_eq!(
        cell,
        cell_of(&cli_xlsx, "研修計画", "定員（人/年）", "tr-mentor")
    );

    // A broken cell: input.invalid from the CLI; the app lists it at its cell and refuses.
    let cli_broken = b.save.join("cli-broken.xlsx");
    edit_cell(&cli_xlsx, &cli_broken, "研修計画", &cell, json!("たくさん"));
    edit_cell(&app_xlsx, &app_edited, "研修計画", &cell, json!("たくさん"));
    let (exit, code) = cli_err(
        &b.cli_data,
        &["import-plan", &cid, cli_broken.to_str().unwrap()],
    );
    assert_eq!((exit, code.as_str()), (2, "input.invalid"));
    let picked = app.ok("pick_plan_workbook", json!({ "draftId": aid }));
    let errors = picked["changes"]["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{picked}");
    assert_eq!(errors[0]["cell"], format!("研修計画!{cell}"));
    let e = app
        .call(
            "apply_plan_workbook",
            json!({ "draftId": aid, "token": picked["token"], "deleteRemoved": false }),
        )
        .unwrap_err();
    assert_eq!(e["code"], "input.invalid");
    assert!(e["message"].as_str().unwrap().contains(&cell), "{e}");

    // 222 seats a year for the mentor training: the same changed cells in both dry runs.
    let cli_edited = b.save.join("cli-edited.xlsx");
    edit_cell(&cli_xlsx, &cli_edited, "研修計画", &cell, json!(222));
    edit_cell(&app_xlsx, &app_edited, "研修計画", &cell, json!(222));
    let dry = cli_ok(
        &b.cli_data,
        &["import-plan", &cid, cli_edited.to_str().unwrap()],
    );
    let picked = app.ok("pick_plan_workbook", json!({ "draftId": aid }));
    let cells = cli_cells(&dry);
    assert_eq!(cells.len(), 1, "{dry}");
    assert!(
        cells[0].starts_with(&format!("研修計画!{cell}\t定員（人/年）: "))
            && cells[0].ends_with("→ 222"),
        "{dry}"
    );
    assert_eq!(app_cells(&picked), cells);
    assert_eq!(picked["file_name"], "app-edited.xlsx");
    assert_eq!(picked["changes"]["errors"], json!([]));

    // A token the app never gave out changes nothing.
    let token = picked["token"].as_u64().unwrap() as u32;
    let e = app
        .call(
            "apply_plan_workbook",
            json!({ "draftId": aid, "token": token.wrapping_add(1).max(1), "deleteRemoved": false }),
        )
        .unwrap_err();
    assert_eq!(e["code"], "input.not_found");
    assert_ne!(
        participants(&b.app_data, &b.save, &aid, "tr-mentor"),
        json!(222)
    );

    // Applied: a version first, then the same draft in both.
    let applied = app.ok(
        "apply_plan_workbook",
        json!({ "draftId": aid, "token": token, "deleteRemoved": false }),
    );
    assert_eq!(applied["version"]["kind"], "before_restore", "{applied}");
    cli_ok(
        &b.cli_data,
        &["import-plan", &cid, cli_edited.to_str().unwrap(), "--apply"],
    );
    assert_eq!(
        participants(&b.cli_data, &b.save, &cid, "tr-mentor"),
        json!(222)
    );
    assert_eq!(
        participants(&b.app_data, &b.save, &aid, "tr-mentor"),
        json!(222)
    );

    // The token is used up.
    let e = app
        .call(
            "apply_plan_workbook",
            json!({ "draftId": aid, "token": token, "deleteRemoved": false }),
        )
        .unwrap_err();
    assert_eq!(e["code"], "input.not_found");
}

/// The 公用文 style check: the town sample whose section reads 「すべての職員が３ヶ月ごとに
/// 研修を受ける。」 gives the same findings from `hoshin lint ID --json` and the
/// `lint` command; `fix_style` then fixes one rule (「すべて修正」) and one chosen finding.
#[test]
fn style_findings_are_the_same_in_both() {
    let b = both();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../policy-templates/samples/town-8000.hoshin.json");
    let mut file: Value = serde_json::from_slice(&std::fs::read(sample).unwrap()).unwrap();
    const TEXT: &str = "すべての職員が３ヶ月ごとに研修を受ける。";
    file["draft"]["sections"]["kihon.shokuinzo"] = json!(TEXT);
    let path = b.save.join("style.hoshin.json");
    std::fs::write(&path, serde_json::to_vec_pretty(&file).unwrap()).unwrap();

    // CLI: the sample with that text, as an exchange file; app: the sample, then the text
    // typed into the section (as the editor saves it).
    let cid = cli_ok(&b.cli_data, &["import", path.to_str().unwrap()]);
    let app = App::new(&b.app_data, &b.save, None);
    let aid = app.ok("create_from_sample", json!({ "name": "town-8000" }))["id"]
        .as_str()
        .unwrap()
        .to_string();
    app.ok(
        "set_section",
        json!({ "draftId": aid, "sectionId": "kihon.shokuinzo", "text": TEXT }),
    );

    // `hoshin lint` exits 1 when a finding is 要対応; its JSON is on stdout either way.
    let out = cli(&b.cli_data, &["lint", &cid, "--json"]);
    let cli_findings: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    let app_findings = app.ok("lint", json!({ "draftId": aid }));
    assert_eq!(app_findings, cli_findings);
    let rules = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .filter(|f| f["location"]["id"] == "kihon.shokuinzo")
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect()
    };
    let mut here = rules(&app_findings);
    here.sort();
    assert_eq!(here, ["S2", "S4", "S6"], "{app_findings:#}");

    // 「すべて修正」 of S4, then the S2 finding alone, as the panel sends them.
    let fixed = app.ok(
        "fix_style",
        json!({ "draftId": aid, "rule": "S4", "fixes": [] }),
    );
    assert_eq!(fixed["applied"], 1);
    let s2 = fixed["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "S2" && f["location"]["id"] == "kihon.shokuinzo")
        .expect("S2 is still there")
        .clone();
    let fix_at = json!({
        "target": s2["location"]["target"], "id": s2["location"]["id"], "field": s2["location"]["field"],
        "fix": { "start": s2["start"], "end": s2["end"], "found": s2["found"], "fix": s2["fix"] }
    });
    let fixed = app.ok(
        "fix_style",
        json!({ "draftId": aid, "rule": null, "fixes": [fix_at.clone()] }),
    );
    assert_eq!(fixed["applied"], 1);
    assert_eq!(fixed["findings"], app.ok("lint", json!({ "draftId": aid })));
    assert_eq!(rules(&fixed["findings"]), ["S6"]);
    let draft = app.ok("load_draft", json!({ "id": aid }));
    assert_eq!(
        draft["sections"]["kihon.shokuinzo"],
        "すべての職員が3か月ごとに研修を受ける。"
    );
    // The same fix again: the text no longer reads 「３」 there, so nothing is applied.
    let again = app.ok(
        "fix_style",
        json!({ "draftId": aid, "rule": null, "fixes": [fix_at] }),
    );
    assert_eq!(again["applied"], 0);
}

fn sample_file(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("../policy-templates/samples/{name}.hoshin.json"))
}

#[test]
fn participants_drafts_compare_the_same_in_both() {
    let b = both();
    let files = [sample_file("town-8000"), sample_file("city-300000")];
    let app = App::picking(&b.app_data, &b.save, &files);
    let picked = app.ok("pick_drafts_to_compare", json!({ "anonymise": false }));
    let html = picked["html"].as_str().unwrap();
    assert!(html.contains("やまびこ町") && html.contains("あおば市") && html.contains("<table>"));
    assert_eq!(
        picked["files"],
        json!(["town-8000.hoshin.json", "city-300000.hoshin.json"])
    );
    let token = picked["token"].clone();
    let anon = app.ok(
        "drafts_preview",
        json!({ "token": token, "anonymise": true }),
    );
    let anon_html = anon["html"].as_str().unwrap();
    assert!(anon_html.contains("団体A") && !anon_html.contains("やまびこ町"));

    // The export with names hidden is the CLI's file, byte for byte.
    let done = app.ok(
        "export_drafts",
        json!({ "token": token, "anonymise": true, "format": "md" }),
    );
    let from_app = std::fs::read(b.save.join(done["file_name"].as_str().unwrap())).unwrap();
    let out = b.save.join("cli.md");
    cli_ok(
        &b.cli_data,
        &[
            "compare-drafts",
            files[0].to_str().unwrap(),
            files[1].to_str().unwrap(),
            "--anonymise",
            "--format",
            "md",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(
        String::from_utf8(from_app).unwrap(),
        std::fs::read_to_string(&out).unwrap()
    );

    // A comparison that was never staged is not found.
    let stale = app
        .call(
            "drafts_preview",
            json!({ "token": token.as_u64().unwrap() + 1, "anonymise": false }),
        )
        .unwrap_err();
    assert_eq!(stale["code"], "input.not_found");
}

#[test]
fn a_file_that_is_not_an_exchange_file_is_named_the_same_way_in_both() {
    let b = both();
    let memo = b.save.join("memo.json");
    std::fs::write(&memo, "{\"note\": 1}").unwrap();
    let files = [sample_file("town-8000"), memo.clone()];
    let out = b.save.join("cli.md");
    let o = cli(
        &b.cli_data,
        &[
            "compare-drafts",
            files[0].to_str().unwrap(),
            files[1].to_str().unwrap(),
            "--format",
            "md",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    let (exit, code) = cli_err(
        &b.cli_data,
        &[
            "compare-drafts",
            files[0].to_str().unwrap(),
            files[1].to_str().unwrap(),
            "--format",
            "md",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    let app = App::picking(&b.app_data, &b.save, &files);
    let e = app
        .call("pick_drafts_to_compare", json!({ "anonymise": false }))
        .unwrap_err();
    assert_eq!(exit, 2);
    assert!(code.starts_with("input."), "{code}");
    assert_eq!(e["code"].as_str().unwrap(), code);
    assert!(
        e["message"].as_str().unwrap().starts_with("memo.json: "),
        "{e}"
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("memo.json: "));
    assert!(!out.exists(), "nothing is written on failure");
}

/// HTML for the website: `hoshin export --format html` and the export command (as the dialog's
/// 「HTML（ウェブサイト掲載用）」 sends it) write the same page, offered as `.html`.
#[test]
fn a_document_exports_as_the_same_html_in_both() {
    let b = both();
    let app = App::new(&b.app_data, &b.save, None);
    let (cid, aid) = sample_in_both(&b, &app, "city-300000");
    let cli_html = b.save.join("cli.html");
    cli_ok(
        &b.cli_data,
        &[
            "export",
            &cid,
            "--format",
            "html",
            "--appendix",
            "-o",
            cli_html.to_str().unwrap(),
        ],
    );
    let done = app.ok(
        "export_document",
        json!({ "draftId": aid, "format": "html", "appendix": true }),
    );
    assert!(
        done["file_name"].as_str().unwrap().ends_with(".html"),
        "{done}"
    );
    let app_html = std::fs::read_to_string(done["path"].as_str().unwrap()).unwrap();
    let cli_html = std::fs::read_to_string(&cli_html).unwrap();
    assert!(cli_html.starts_with("<!DOCTYPE html>\n<html lang=\"ja\">"));
    // The cover carries today's date; everything from the contents on is the same.
    let from_nav = |s: &str| s[s.find("<nav").unwrap()..].to_string();
    assert_eq!(from_nav(&app_html), from_nav(&cli_html));
}

/// The 概要版: `hoshin export --summary` and the export dialog's 「概要版を書き出す…」 write the
/// same Markdown and a one-page PDF; Word is refused in both with the same message, and
/// nothing is written.
#[test]
fn the_summary_exports_the_same_in_both() {
    let b = both();
    let app = App::new(&b.app_data, &b.save, None);
    let (cid, aid) = sample_in_both(&b, &app, "prefecture");
    let cli_md = b.save.join("cli-summary.md");
    cli_ok(
        &b.cli_data,
        &[
            "export",
            &cid,
            "--summary",
            "--format",
            "md",
            "-o",
            cli_md.to_str().unwrap(),
        ],
    );
    let done = app.ok("export_summary", json!({ "draftId": aid, "format": "md" }));
    assert!(
        done["file_name"].as_str().unwrap().ends_with("_概要版.md"),
        "{done}"
    );
    let app_md = std::fs::read_to_string(done["path"].as_str().unwrap()).unwrap();
    assert_eq!(app_md, std::fs::read_to_string(&cli_md).unwrap());

    let done = app.ok("export_summary", json!({ "draftId": aid, "format": "pdf" }));
    assert_eq!(done["pages"], 1, "{done}");
    let pdf = std::fs::read(done["path"].as_str().unwrap()).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));

    let err = app
        .call(
            "export_summary",
            json!({ "draftId": aid, "format": "docx" }),
        )
        .unwrap_err();
    assert_eq!(err["code"], "input.invalid");
    let cli_docx = b.save.join("cli-summary.docx");
    let o = cli(
        &b.cli_data,
        &[
            "export",
            &cid,
            "--summary",
            "--format",
            "docx",
            "-o",
            cli_docx.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let message = err["message"].as_str().unwrap();
    assert!(
        message.contains("概要版は Word では書き出せません"),
        "{err}"
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains(message));
    assert!(!cli_docx.exists());
}
