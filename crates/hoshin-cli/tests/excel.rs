//! The Excel round trip as a 人事課 does it: export the plan tables, edit cells in the
//! workbook (openpyxl, from `bash scripts/setup-readers.sh`), see the dry run, apply, and
//! find exactly those changes in the draft; a broken cell changes nothing and is named.
//! LibreOffice Calc opens the exported workbook.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};

mod common;
use common::{hoshin, ok};

fn edit(src: &Path, dst: &Path, edits: Value) {
    let e = edits.to_string();
    hoshin_tests::run_reader(
        "xlsx_edit.py",
        &[src.as_os_str(), dst.as_os_str(), std::ffi::OsStr::new(&e)],
    );
}

fn facts(path: &Path) -> Value {
    serde_json::from_slice(&hoshin_tests::run_reader(
        "xlsx_facts.py",
        &[path.as_os_str()],
    ))
    .unwrap()
}

fn draft(dir: &Path, id: &str) -> Value {
    let f = dir.join(format!("{id}.hoshin.json"));
    ok(dir, &["export-json", id, "-o", f.to_str().unwrap()]);
    let v: Value = serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
    v["draft"].clone()
}

fn item<'a>(d: &'a Value, list: &str, id: &str) -> &'a Value {
    d[list]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == id)
        .unwrap_or_else(|| panic!("{id} in {list}"))
}

/// The column letter of a heading in a sheet, as the facts list them.
fn column(f: &Value, sheet: &str, head: &str) -> String {
    let s = f["sheets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == sheet)
        .unwrap();
    let i = s["headers"]
        .as_array()
        .unwrap()
        .iter()
        .position(|h| h == head)
        .unwrap();
    ((b'A' + i as u8) as char).to_string()
}

fn row_of(f: &Value, sheet: &str, id: &str) -> usize {
    let s = f["sheets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == sheet)
        .unwrap();
    s["ids"]
        .as_array()
        .unwrap()
        .iter()
        .position(|x| x == id)
        .unwrap()
        + 2
}

#[test]
fn export_edit_dry_run_apply_and_a_broken_cell_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let city = ok(d, &["new", "--from-sample", "city-300000"])
        .trim()
        .to_string();
    let xlsx = d.join("plan.xlsx");
    ok(
        d,
        &[
            "export",
            &city,
            "--format",
            "xlsx",
            "-o",
            xlsx.to_str().unwrap(),
        ],
    );

    // The workbook: one sheet per table, IDs in column A, frozen header, drop-downs from a
    // hidden sheet of choices.
    let f = facts(&xlsx);
    let names: Vec<&str> = f["sheets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "研修計画",
            "採用計画",
            "施策・制度",
            "指標",
            "実績",
            "使い方",
            "選択肢"
        ]
    );
    let before = draft(d, &city);
    for (sheet, list) in [
        ("研修計画", "trainings"),
        ("採用計画", "hirings"),
        ("施策・制度", "measures"),
        ("指標", "indicators"),
    ] {
        let s = f["sheets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["name"] == sheet)
            .unwrap();
        assert_eq!(s["freeze"], "C2", "{sheet}: header and ID frozen");
        let ids: Vec<&str> = s["ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap())
            .collect();
        let want: Vec<&str> = before[list]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, want, "{sheet}: one row per item, by id");
        assert!(
            s["widths"]["B"].as_f64().unwrap() > 20.0,
            "{sheet}: the name column is fitted"
        );
    }
    let tr = &f["sheets"][0];
    let formats = tr["validations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| {
            v["sqref"]
                .as_str()
                .unwrap()
                .starts_with(&format!("{}2", column(&f, "研修計画", "形式")))
        })
        .expect("形式 has a drop-down");
    assert!(
        formats["formula"].as_str().unwrap().contains("選択肢"),
        "{formats}"
    );
    assert_eq!(f["sheets"][6]["state"], "hidden");
    // 実績: the recorded values per plan year (令和10年度 of the first indicator: 68.2).
    let res = &f["sheets"][4];
    let r10 = res["headers"]
        .as_array()
        .unwrap()
        .iter()
        .position(|h| h == "R10実績")
        .unwrap();
    let ri = res["ids"]
        .as_array()
        .unwrap()
        .iter()
        .position(|x| x == "in-training-applied")
        .unwrap();
    assert_eq!(res["rows"][ri][r10], 68.2);
    let r11_cell = format!("{}{}", (b'A' + r10 as u8 + 1) as char, ri + 2);
    // Linked items are shown by name.
    let abil = column(&f, "研修計画", "育てる能力");
    let r = row_of(&f, "研修計画", "tr-mentor");
    let cell = &tr["rows"][r - 2][(abil.as_bytes()[0] - b'A') as usize];
    let first_ability = item(
        &before,
        "abilities",
        before["trainings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["id"] == "tr-mentor")
            .unwrap()["abilities"][0]
            .as_str()
            .unwrap(),
    )["name"]
        .as_str()
        .unwrap();
    assert!(cell.as_str().unwrap().contains(first_ability), "{cell}");

    // Untouched, the workbook changes nothing.
    assert!(ok(d, &["import-plan", &city, xlsx.to_str().unwrap()]).contains("変更はありません"));

    // Edit: a 定員, a year mark, a new training row, and a hiring removed from its sheet.
    let teiin = format!("{}{}", column(&f, "研修計画", "定員（人/年）"), r);
    let r12 = format!("{}{}", column(&f, "研修計画", "R12"), r);
    let hire_row = row_of(&f, "採用計画", "hr-cio-hosakan");
    let edited = d.join("edited.xlsx");
    edit(
        &xlsx,
        &edited,
        json!([
            {"sheet": "研修計画", "cell": teiin, "value": 222},
            {"sheet": "研修計画", "cell": r12, "value": null},
            {"sheet": "研修計画", "append": [null, "窓口対応研修", "集合研修"]},
            {"sheet": "採用計画", "delete_row": hire_row},
            {"sheet": "実績", "cell": r11_cell, "value": 71.5},
        ]),
    );
    let dry = ok(d, &["import-plan", &city, edited.to_str().unwrap()]);
    assert!(
        dry.contains(&format!("研修計画!{teiin}\t定員（人/年）: ")),
        "{dry}"
    );
    assert!(dry.contains("→ 222"), "{dry}");
    assert!(
        dry.contains(&format!("研修計画!{r12}\tR12: ○ → （空欄）")),
        "{dry}"
    );
    assert!(
        dry.contains("追加\t研修計画") && dry.contains("窓口対応研修"),
        "{dry}"
    );
    assert!(
        dry.contains("シートにない\t採用計画") && dry.contains("hr-cio-hosakan"),
        "{dry}"
    );
    assert!(
        dry.contains(&format!("実績!{r11_cell}\tR11実績: （空欄） → 71.5")),
        "{dry}"
    );
    assert!(dry.contains("--apply"), "{dry}");
    // The dry run stored nothing.
    assert_eq!(draft(d, &city)["trainings"], before["trainings"]);

    let applied = ok(
        d,
        &["import-plan", &city, edited.to_str().unwrap(), "--apply"],
    );
    assert!(applied.contains("反映しました"), "{applied}");
    let after = draft(d, &city);
    let m = item(&after, "trainings", "tr-mentor");
    assert_eq!(m["participants"], 222);
    assert!(!m["years"].as_array().unwrap().contains(&json!(2030)));
    // Everything else about it is as it was.
    let mut m_before = item(&before, "trainings", "tr-mentor").clone();
    m_before["participants"] = json!(222);
    m_before["years"] = json!(m_before["years"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|y| **y != json!(2030))
        .cloned()
        .collect::<Vec<_>>());
    assert_eq!(m, &m_before);
    let new = after["trainings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["title"] == "窓口対応研修")
        .expect("the new row");
    assert_eq!(new["format"], "group");
    // The 実績 of 令和11年度 is recorded; the other years keep theirs.
    let results = after["results"].as_array().unwrap();
    let recorded = results
        .iter()
        .find(|x| x["item"] == "in-training-applied" && x["fy"] == 2029)
        .unwrap();
    assert_eq!(recorded["value"], 71.5);
    assert_eq!(
        results.len(),
        before["results"].as_array().unwrap().len() + 1
    );
    // The removed row was reported, not deleted.
    item(&after, "hirings", "hr-cio-hosakan");
    assert_eq!(
        after["trainings"].as_array().unwrap().len(),
        before["trainings"].as_array().unwrap().len() + 1
    );
    // A version of the draft as it was is saved first.
    assert!(ok(d, &["versions", &city]).contains("Excel 取り込みの前（edited.xlsx）"));

    // Broken cells: text in a number cell, an unknown ability, an unknown id. Exit 2, each
    // cell named, nothing applied.
    let broken = d.join("broken.xlsx");
    edit(
        &xlsx,
        &broken,
        json!([
            {"sheet": "研修計画", "cell": teiin, "value": "三十人"},
            {"sheet": "研修計画", "cell": format!("{abil}{r}"), "value": "存在しない能力"},
            {"sheet": "指標", "cell": "A2", "value": "in-nowhere"},
            {"sheet": "実績", "cell": r11_cell, "value": "未集計"},
        ]),
    );
    let o = hoshin(
        d,
        &["import-plan", &city, broken.to_str().unwrap(), "--apply"],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(&format!("研修計画!{teiin}")) && err.contains("三十人"),
        "{err}"
    );
    assert!(
        err.contains(&format!("研修計画!{abil}{r}")) && err.contains("存在しない能力"),
        "{err}"
    );
    assert!(
        err.contains("指標!A2") && err.contains("in-nowhere"),
        "{err}"
    );
    assert!(
        err.contains(&format!("実績!{r11_cell}")) && err.contains("未集計"),
        "{err}"
    );
    assert_eq!(
        draft(d, &city)["trainings"],
        after["trainings"],
        "nothing applied"
    );

    // Deleting removed rows is explicit. An item others link to is refused, and then nothing
    // of the import is applied (CIO補佐官 is linked from a デジタル人材の目標).
    let o = hoshin(
        d,
        &[
            "import-plan",
            &city,
            edited.to_str().unwrap(),
            "--apply",
            "--delete-removed",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("参照されている"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(draft(d, &city)["hirings"], after["hirings"]);
    // An unlinked row taken out of a fresh export is deleted when asked.
    let again = d.join("again.xlsx");
    ok(
        d,
        &[
            "export",
            &city,
            "--format",
            "xlsx",
            "-o",
            again.to_str().unwrap(),
        ],
    );
    let f2 = facts(&again);
    let new_id = new["id"].as_str().unwrap();
    let gone = d.join("gone.xlsx");
    edit(
        &again,
        &gone,
        json!([{"sheet": "研修計画", "delete_row": row_of(&f2, "研修計画", new_id)}]),
    );
    ok(
        d,
        &[
            "import-plan",
            &city,
            gone.to_str().unwrap(),
            "--apply",
            "--delete-removed",
        ],
    );
    let last = draft(d, &city);
    assert!(last["trainings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["id"] != new_id));
    assert_eq!(
        last["trainings"].as_array().unwrap().len(),
        before["trainings"].as_array().unwrap().len()
    );
}

#[test]
fn libreoffice_calc_opens_the_workbook_and_a_non_workbook_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let town = ok(d, &["new", "--from-sample", "town-8000"])
        .trim()
        .to_string();
    let xlsx = d.join("town.xlsx");
    ok(
        d,
        &[
            "export",
            &town,
            "--format",
            "xlsx",
            "-o",
            xlsx.to_str().unwrap(),
        ],
    );
    let profile = d.join("lo-profile");
    let o = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
            "--outdir",
        ])
        .arg(d)
        .arg(&xlsx)
        .output()
        .expect("LibreOffice is needed (apt install libreoffice-calc-nogui)");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // Every sheet is written as its own CSV; the training sheet carries the ids and names.
    let csvs: Vec<PathBuf> = std::fs::read_dir(d)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .collect();
    let all: String = csvs
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap_or_default())
        .collect();
    let draft = draft(d, &town);
    for t in draft["trainings"].as_array().unwrap() {
        assert!(all.contains(t["id"].as_str().unwrap()), "{t}");
        assert!(all.contains(t["title"].as_str().unwrap()), "{t}");
    }
    // A text file named .xlsx, and a zip that is not a workbook: exit 2, nothing changes.
    let fake = d.join("fake.xlsx");
    std::fs::write(&fake, "これは表ではない").unwrap();
    let o = hoshin(d, &["import-plan", &town, fake.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("fake.xlsx"));
    let docx = d.join("policy.docx");
    ok(
        d,
        &[
            "export",
            &town,
            "--format",
            "docx",
            "-o",
            docx.to_str().unwrap(),
        ],
    );
    let o = hoshin(d, &["import-plan", &town, docx.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("Excel のブックではありません"));
}

#[test]
fn worksheets_also_come_as_excel_blank_or_filled() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let town = ok(d, &["new", "--from-sample", "town-8000"])
        .trim()
        .to_string();
    let blank = d.join("blank.xlsx");
    ok(
        d,
        &[
            "worksheet",
            "grid",
            "--format",
            "xlsx",
            "-o",
            blank.to_str().unwrap(),
        ],
    );
    let f = facts(&blank);
    let s = &f["sheets"][0];
    assert_eq!(s["name"], "ワークシート");
    let rows = s["rows"].as_array().unwrap();
    let header = rows
        .iter()
        .position(|r| r[0] == "求められる能力")
        .expect("the header row");
    assert_eq!(rows[header][5], "メモ");
    // Ten empty rows to write in.
    assert_eq!(rows.len() - header - 1, 10);
    let filled = d.join("chain.xlsx");
    ok(
        d,
        &[
            "worksheet",
            "chain",
            "--from",
            &town,
            "--format",
            "xlsx",
            "-o",
            filled.to_str().unwrap(),
        ],
    );
    let f = facts(&filled);
    let all = f["sheets"][0]["rows"].to_string();
    let draft = draft(d, &town);
    for a in draft["abilities"].as_array().unwrap() {
        assert!(all.contains(a["name"].as_str().unwrap()), "{a}");
    }
    assert!(all.contains("やまびこ町の方針案から"));
}

/// Typed markup in the plan tables: every name, title and description in the workbook is
/// the corpus vector typed into it, character for character, as openpyxl reads the cells
/// (a text cell, never a formula or markup).
#[test]
fn the_workbook_holds_typed_markup_as_typed() {
    let vectors = hoshin_tests::markup_vectors();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let id = ok(&data, &["new", "--from-sample", "city-300000"])
        .trim()
        .to_string();
    let mut d = draft(&data, &id);
    let mut given = Vec::new();
    let mut next = 0;
    for list in ["trainings", "hirings", "measures", "indicators"] {
        for it in d[list].as_array_mut().unwrap() {
            for key in ["title", "name", "description"] {
                if it.get(key).is_some_and(|x| x.is_string()) {
                    let vec = &vectors[next % vectors.len()];
                    next += 1;
                    it[key] = json!(vec);
                    given.push(vec.clone());
                }
            }
        }
    }
    assert!(next >= vectors.len(), "every vector is used: {next}");
    let file = dir.path().join("markup.hoshin.json");
    std::fs::write(
        &file,
        json!({ "format_version": 2, "draft": d }).to_string(),
    )
    .unwrap();
    let id2 = ok(&data, &["import", file.to_str().unwrap()])
        .trim()
        .to_string();
    let xlsx = dir.path().join("markup.xlsx");
    ok(
        &data,
        &[
            "export",
            &id2,
            "--format",
            "xlsx",
            "-o",
            xlsx.to_str().unwrap(),
        ],
    );
    let f = facts(&xlsx);
    let cells: Vec<String> = f["sheets"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["rows"].as_array().unwrap().iter())
        .flat_map(|r| r.as_array().unwrap().iter())
        .filter_map(|c| c.as_str().map(str::to_string))
        .collect();
    for g in &given {
        assert!(
            cells.iter().any(|c| c == g),
            "{g} is not a cell of the workbook as typed"
        );
    }
}
