//! The `hoshin` contract, exercised on the real binary and a real data folder.

use std::path::Path;

mod common;
use common::{fails, hoshin, ok, sample};

#[test]
fn new_list_export_import_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let id = ok(
        d,
        &[
            "new",
            "--municipality",
            "みどり町",
            "--title",
            "みどり町人材育成・確保基本方針",
            "--from",
            "2025",
            "--to",
            "2029",
        ],
    )
    .trim()
    .to_string();
    assert!(id.starts_with("d-"), "{id}");

    let list = ok(d, &["list"]);
    let cols: Vec<&str> = list.lines().next().unwrap().split('\t').collect();
    assert_eq!(cols.len(), 4);
    assert_eq!(
        &cols[..3],
        [id.as_str(), "みどり町", "みどり町人材育成・確保基本方針"]
    );
    assert!(
        cols[3].starts_with("20") && cols[3].ends_with('Z'),
        "{}",
        cols[3]
    );

    let file = d.join("out.hoshin.json");
    ok(d, &["export-json", &id, "-o", file.to_str().unwrap()]);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("\"format_version\": 2") && text.contains("みどり町"));

    // Into an empty data folder: the same id comes back.
    let other = tempfile::tempdir().unwrap();
    assert_eq!(
        ok(other.path(), &["import", file.to_str().unwrap()]).trim(),
        id
    );
    // Into the original: never overwritten, a new id is printed and stderr says why.
    let o = hoshin(d, &["import", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    let new_id = String::from_utf8(o.stdout).unwrap().trim().to_string();
    assert_ne!(new_id, id);
    assert!(String::from_utf8_lossy(&o.stderr).contains("上書きせずに"));
    assert_eq!(ok(d, &["list"]).lines().count(), 2);
}

#[test]
fn versions_snapshot_restore() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let id = ok(
        d,
        &[
            "new",
            "--municipality",
            "青葉市",
            "--title",
            "第一稿",
            "--from",
            "2025",
            "--to",
            "2029",
        ],
    )
    .trim()
    .to_string();
    assert_eq!(
        ok(d, &["snapshot", &id, "--label", "課長確認用"]).trim(),
        "1"
    );
    ok(d, &["rename", &id, "--title", "第二稿"]);
    let v = ok(d, &["versions", &id]);
    let cols: Vec<&str> = v.lines().next().unwrap().split('\t').collect();
    assert_eq!((cols[0], cols[2]), ("1", "課長確認用"));

    let o = hoshin(d, &["restore", &id, "1"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stderr).contains("版 2"));
    assert!(ok(d, &["list"]).contains("第一稿"));
    assert!(ok(d, &["versions", &id]).contains("版 1 を復元する前の状態"));
    fails(d, &["restore", &id, "42"], 2);
}

#[test]
fn bad_usage_and_bad_input_exit_2_with_japanese_messages() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(fails(d, &["new", "--municipality", "町"], 2).contains("必須の引数が足りません"));
    assert!(fails(
        d,
        &[
            "new",
            "--municipality",
            "町",
            "--title",
            "t",
            "--from",
            "令和7",
            "--to",
            "2029"
        ],
        2
    )
    .contains("値が正しくありません"));
    assert!(fails(d, &["frobnicate"], 2).contains("知らないサブコマンド"));
    assert!(fails(
        d,
        &[
            "new",
            "--municipality",
            "町",
            "--title",
            "t",
            "--from",
            "2030",
            "--to",
            "2025"
        ],
        2
    )
    .contains("計画期間の始まり"));
    assert!(fails(d, &["export-json", "d-nothere", "-o", "x.json"], 2).contains("見つかりません"));
    assert!(fails(d, &["import", "/nonexistent/file.hoshin.json"], 2).contains("読めません"));

    let bad = d.join("bad.hoshin.json");
    std::fs::write(
        &bad,
        r#"{"format_version": 1, "draft": {"meta": {"id": "d-1", "municipality": 3}}}"#,
    )
    .unwrap();
    let msg = fails(d, &["import", bad.to_str().unwrap()], 2);
    assert!(
        msg.contains("$.draft.meta.municipality: 文字列であるべきところに整数"),
        "{msg}"
    );
    assert!(
        msg.contains("$.draft.meta: 必須の項目「title」がありません"),
        "{msg}"
    );
    assert!(ok(d, &["list"]).is_empty(), "nothing half-imported");
    assert_eq!(hoshin(d, &["--help"]).status.code(), Some(0));
}

#[test]
fn storage_errors_exit_3() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("hoshin.sqlite"),
        "not a database at all, just text. ".repeat(200),
    )
    .unwrap();
    let msg = fails(dir.path(), &["list"], 3);
    assert!(msg.contains("壊れています"), "{msg}");

    // A data folder path that is a file cannot be created.
    let file = dir.path().join("plain-file");
    std::fs::write(&file, "x").unwrap();
    let msg = fails(&file, &["list"], 3);
    assert!(msg.contains("データフォルダ"), "{msg}");
}

#[test]
fn newer_database_is_refused_with_exit_3_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    ok(
        dir.path(),
        &[
            "new",
            "--municipality",
            "みどり町",
            "--title",
            "方針",
            "--from",
            "2025",
            "--to",
            "2029",
        ],
    );
    let db = dir.path().join("hoshin.sqlite");
    // Bump user_version far beyond this build with SQLite's own header field (offset 60).
    let mut bytes = std::fs::read(&db).unwrap();
    bytes[60..64].copy_from_slice(&999u32.to_be_bytes());
    std::fs::write(&db, &bytes).unwrap();
    let _ = std::fs::remove_file(dir.path().join("hoshin.sqlite-wal"));
    let msg = fails(dir.path(), &["list"], 3);
    assert!(msg.contains("新しい版の Hoshin"), "{msg}");
    assert_eq!(std::fs::read(&db).unwrap(), bytes);
}

#[test]
fn backup_restore_from_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let id = ok(
        d,
        &[
            "new",
            "--municipality",
            "みどり町",
            "--title",
            "方針",
            "--from",
            "2025",
            "--to",
            "2029",
        ],
    )
    .trim()
    .to_string();
    ok(d, &["list"]); // the second open makes the first backup
    assert_eq!(ok(d, &["backups"]).lines().count(), 1);
    std::fs::write(d.join("hoshin.sqlite"), "garbage ".repeat(1000)).unwrap();
    let _ = std::fs::remove_file(d.join("hoshin.sqlite-wal"));
    fails(d, &["list"], 3);
    let o = hoshin(d, &["restore-backup"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(ok(d, &["list"]).contains(&id));
}

#[test]
fn samples_and_check_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let list = ok(d, &["samples"]);
    assert_eq!(list.lines().count(), 3);
    assert!(list.contains("town-8000\t"));

    let town = sample(d, "town-8000");
    let again = sample(d, "town-8000");
    assert_ne!(town, again, "each copy of a sample is its own draft");
    assert!(fails(d, &["new", "--from-sample", "nowhere"], 2).contains("使える見本"));

    // The town keeps two teaching gaps: errors → exit 1, the report on stdout.
    let o = hoshin(d, &["check", &town]);
    assert_eq!(o.status.code(), Some(1));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("要対応 2 件"), "{text}");
    assert!(
        text.contains("[要対応] E1") && text.contains("[要対応] E5"),
        "{text}"
    );
    // Its engineer comes from the prefecture's pool: a recorded way, not an E4 finding.
    assert!(!text.contains("E4"), "{text}");

    let o = hoshin(d, &["check", &town, "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["open_errors"], 2);
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "E1")
        .unwrap();
    assert_eq!(f["location"]["target"], "ability");
    assert_eq!(f["location"]["id"], "ab-infra");

    let city = sample(d, "city-300000");
    assert!(ok(d, &["check", &city]).contains("要対応 0 件"));
    fails(d, &["check", "d-none"], 2);
}

#[test]
fn acknowledging_every_error_makes_the_check_pass() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let town = sample(d, "town-8000");
    let o = hoshin(d, &["check", &town, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let keys: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["key"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(keys.len(), 2);
    assert!(fails(
        d,
        &["acknowledge", &town, "E1/nowhere/", "--reason", "理由"],
        2
    )
    .contains("ありません"));
    assert!(fails(d, &["acknowledge", &town, &keys[0], "--reason", "  "], 2).contains("理由"));
    for k in &keys {
        ok(
            d,
            &[
                "acknowledge",
                &town,
                k,
                "--reason",
                "県の支援で補うため",
                "--by",
                "総務課",
            ],
        );
    }
    let text = ok(d, &["check", &town]);
    assert!(
        text.contains("要対応 0 件")
            && text.contains("確認済み 2 件")
            && text.contains("理由: 県の支援で補うため（総務課"),
        "{text}"
    );
    ok(d, &["unacknowledge", &town, &keys[0]]);
    assert_eq!(hoshin(d, &["check", &town]).status.code(), Some(1));
}

#[test]
fn import_an_old_policy_and_export_a_comparison_table() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let old = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/revise/yamabiko-2006.txt");
    let town = sample(d, "town-8000");

    let o = hoshin(
        d,
        &[
            "import-policy",
            &town,
            old.to_str().unwrap(),
            "--map",
            "7=ikusei.off-jt",
            "--map",
            "8=ikusei.off-jt",
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let version = String::from_utf8(o.stdout).unwrap().trim().to_string();
    let mapping = String::from_utf8(o.stderr).unwrap();
    assert!(
        mapping.contains("第1 目指すべき職員像\t→ 求められる職員像の明確化（kihon.shokuinzo）"),
        "{mapping}"
    );
    assert!(
        mapping.contains("(2) 専門研修\t→ 職場外研修（Off-JT）の体系化（ikusei.off-jt）"),
        "--map overrides: {mapping}"
    );
    assert!(ok(d, &["versions", &town]).contains(&format!("{version}\t")));

    let md = d.join("cmp.md");
    let o = hoshin(
        d,
        &[
            "compare",
            &town,
            "--from",
            "baseline",
            "--to",
            "current",
            "--format",
            "md",
            "-o",
            md.to_str().unwrap(),
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(text.starts_with("# 新旧対照表"));
    assert!(
        text.contains("| 改正案 | 現行 |") && text.contains("<u>"),
        "{}",
        &text[..400.min(text.len())]
    );
    assert!(
        text.contains("町民の立場で考え") && text.contains("（新設）"),
        "old text and new sections"
    );

    ok(
        d,
        &[
            "compare",
            &town,
            "--from",
            "baseline",
            "--to",
            "current",
            "--format",
            "md",
            "-o",
            md.to_str().unwrap(),
            "--adopted",
            "--all",
        ],
    );
    assert!(std::fs::read_to_string(&md)
        .unwrap()
        .contains("| 改正後 | 改正前 |"));
    assert!(fails(
        d,
        &[
            "compare",
            &town,
            "--from",
            "99",
            "--to",
            "current",
            "--format",
            "md",
            "-o",
            md.to_str().unwrap()
        ],
        2
    )
    .contains("版 99"));
    let junk = d.join("junk.bin");
    std::fs::write(&junk, [0xffu8, 0xfe, 0x00, 0x41]).unwrap();
    assert!(fails(d, &["import-policy", &town, junk.to_str().unwrap()], 2).contains("UTF-8"));
    let fresh = ok(
        d,
        &[
            "new",
            "--municipality",
            "町",
            "--title",
            "t",
            "--from",
            "2026",
            "--to",
            "2030",
        ],
    )
    .trim()
    .to_string();
    assert!(fails(
        d,
        &[
            "compare",
            &fresh,
            "--from",
            "baseline",
            "--to",
            "current",
            "--format",
            "md",
            "-o",
            md.to_str().unwrap()
        ],
        2
    )
    .contains("import-policy"));
}

#[test]
fn results_are_recorded_all_or_nothing_from_set_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let town = sample(d, "town-8000");
    let json = |d: &Path| -> serde_json::Value {
        let f = d.join("x.hoshin.json");
        ok(d, &["export-json", &town, "-o", f.to_str().unwrap()]);
        serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap()
    };
    let text = ok(
        d,
        &[
            "results",
            &town,
            "--fy",
            "2027",
            "--set",
            "in-overtime=152",
            "--set",
            "in-growth=55.5",
        ],
    );
    assert!(
        text.contains("令和9年度の実績を 2 件保存しました"),
        "{text}"
    );
    let v = json(d);
    let r = v["draft"]["results"].as_array().unwrap();
    assert_eq!(r.len(), 2);
    assert!(r
        .iter()
        .any(|x| x["item"] == "in-overtime" && x["value"] == 152.0 && x["fy"] == 2027));

    // A CSV (Shift_JIS, as Excel saves it) with one bad value and one unknown id: exit 2,
    // both lines named, and nothing of the file stored.
    let csv = "id,value,note\nin-overtime,140,会議の見直し\nin-growth,たくさん\nin-nowhere,3\n";
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(csv);
    let file = d.join("results.csv");
    std::fs::write(&file, &sjis).unwrap();
    let err = fails(
        d,
        &[
            "results",
            &town,
            "--fy",
            "2027",
            "--import",
            file.to_str().unwrap(),
        ],
        2,
    );
    assert!(
        err.contains("3行目") && err.contains("4行目") && err.contains("何も保存していません"),
        "{err}"
    );
    assert!(json(d)["draft"]["results"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["item"] == "in-overtime" && x["value"] == 152.0));

    // Fixed, it goes in; the note is kept.
    let csv = "id,value,note\nin-overtime,140,会議の見直し\nin-growth,58\n";
    std::fs::write(&file, encoding_rs::SHIFT_JIS.encode(csv).0).unwrap();
    ok(
        d,
        &[
            "results",
            &town,
            "--fy",
            "2027",
            "--import",
            file.to_str().unwrap(),
        ],
    );
    let v = json(d);
    let over = v["draft"]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["item"] == "in-overtime")
        .unwrap()
        .clone();
    assert_eq!(
        (over["value"].as_f64(), over["note"].as_str()),
        (Some(140.0), Some("会議の見直し"))
    );

    // A year outside the plan and a missing value are refused the same way.
    assert!(fails(
        d,
        &["results", &town, "--fy", "2035", "--set", "in-overtime=1"],
        2
    )
    .contains("計画期間"));
    fails(d, &["results", &town, "--fy", "2027"], 2);
    fails(
        d,
        &["results", &town, "--fy", "2027", "--set", "in-overtime"],
        2,
    );
}

#[test]
fn workforce_json_takes_its_hires_from_the_hiring_plan() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let city = sample(d, "city-300000");
    let rows: serde_json::Value =
        serde_json::from_str(&ok(d, &["workforce", &city, "--json"])).unwrap();
    let rows = rows.as_array().unwrap();
    assert!(!rows.is_empty());
    for key in [
        "category",
        "fy",
        "staff",
        "leavers",
        "hires",
        "projected",
        "teiin",
    ] {
        assert!(rows.iter().all(|r| r.get(key).is_some()), "{key}");
    }
    // The hiring plan, summed per category and year (採用予定数 lines only).
    let f = d.join("c.hoshin.json");
    ok(d, &["export-json", &city, "-o", f.to_str().unwrap()]);
    let draft: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
    for r in rows {
        let want: u64 = draft["draft"]["hirings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|h| h["job_category"] == r["category"] && h["count_kind"] == "hire")
            .flat_map(|h| h["headcount"].as_array().unwrap().clone())
            .filter(|y| y["fy"] == r["fy"])
            .map(|y| y["count"].as_u64().unwrap())
            .sum();
        assert_eq!(r["hires"].as_u64().unwrap(), want, "{r}");
    }
    // Text output: one line per category and year, in 和暦.
    let text = ok(d, &["workforce", &city]);
    assert!(text.contains("一般行政\t令和9年度\t1650"), "{text}");
    assert!(
        text.contains("（推計）"),
        "derived leavers are marked: {text}"
    );
}

#[test]
fn the_yearly_review_is_written_as_markdown_and_pdf_for_a_plan_year_only() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let city = sample(d, "city-300000");
    let md = d.join("review.md");
    ok(
        d,
        &[
            "report",
            &city,
            "--fy",
            "2028",
            "--format",
            "md",
            "-o",
            md.to_str().unwrap(),
        ],
    );
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(text.starts_with("# 令和10年度 年次点検報告"), "{text}");
    assert!(text.contains("## 第3 指標の進捗"));
    let pdf = d.join("review.pdf");
    ok(
        d,
        &[
            "report",
            &city,
            "--fy",
            "2028",
            "--format",
            "pdf",
            "-o",
            pdf.to_str().unwrap(),
        ],
    );
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    // Recording a result shows up in the next review.
    ok(
        d,
        &[
            "results",
            &city,
            "--fy",
            "2029",
            "--set",
            "in-overtime=141.5",
        ],
    );
    let out = ok(
        d,
        &["report", &city, "--fy", "2029", "--format", "md", "-o", "-"],
    );
    assert!(out.contains("141.5時間"), "{out}");
    // A year outside the plan: exit 2, a message naming the period, no file.
    let outside = d.join("outside.pdf");
    let err = fails(
        d,
        &[
            "report",
            &city,
            "--fy",
            "2031",
            "--format",
            "pdf",
            "-o",
            outside.to_str().unwrap(),
        ],
        2,
    );
    assert!(
        err.contains("計画期間") && err.contains("2027～2030"),
        "{err}"
    );
    assert!(!outside.exists());
    fails(
        d,
        &["report", &city, "--fy", "R10", "--format", "md", "-o", "-"],
        2,
    );
    // The text projection carries 実員 where recorded.
    let wf = ok(d, &["workforce", &city]);
    assert!(
        wf.contains("一般行政\t令和10年度\t1669\t75\t59\t+0\t1653\t1660\t1648"),
        "{wf}"
    );
}

#[test]
fn lint_passes_the_samples_and_exits_1_while_style_errors_remain() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let town = sample(d, "town-8000");
    assert!(ok(d, &["lint", &town]).contains("指摘はありません"));
    // The same draft with a paragraph written against the 公用文 rules.
    let f = d.join("t.hoshin.json");
    ok(d, &["export-json", &town, "-o", f.to_str().unwrap()]);
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
    let sections = v["draft"]["sections"].as_object_mut().unwrap();
    let key = sections.keys().next().unwrap().clone();
    sections.insert(key.clone(), serde_json::json!("研修は３ヶ月ごとに見直す。"));
    std::fs::write(&f, serde_json::to_string(&v).unwrap()).unwrap();
    let bad = ok(d, &["import", f.to_str().unwrap()]).trim().to_string();
    let o = hoshin(d, &["lint", &bad]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        out.contains("S2\t要対応") && out.contains("「３」→「3」"),
        "{out}"
    );
    assert!(
        out.contains("S4\t要対応") && out.contains("「ヶ月」→「か月」"),
        "{out}"
    );
    let o = hoshin(d, &["lint", &bad, "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let s4 = json
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["rule"] == "S4")
        .unwrap();
    assert_eq!(
        (s4["start"].as_u64(), s4["end"].as_u64()),
        (Some(4), Some(6))
    );
    assert_eq!(s4["location"]["id"], key.as_str());
    assert_eq!(s4["safe"], true);
}

#[test]
fn compare_drafts_puts_exchange_files_side_by_side_without_importing_them() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut files = vec![];
    for s in ["city-300000", "town-8000", "prefecture"] {
        let id = sample(d, s);
        let f = d.join(format!("{s}.hoshin.json"));
        ok(d, &["export-json", &id, "-o", f.to_str().unwrap()]);
        files.push(f);
    }
    let drafts_before = ok(d, &["list"]);
    let args = |extra: &[&str]| -> Vec<String> {
        let mut a = vec!["compare-drafts".to_string()];
        a.extend(files.iter().map(|f| f.to_str().unwrap().to_string()));
        a.extend(extra.iter().map(|s| s.to_string()));
        a
    };
    let named: Vec<String> = args(&["--format", "md", "-o", "-"]);
    let out = ok(d, &named.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(
        out.contains("| 項目 | あおば市 | やまびこ町 | みなみ県 |"),
        "{out}"
    );
    // The town's two teaching gaps show up per rule.
    assert!(
        out.contains("| E1 能力の育成・確保 | 要対応 | 0 | 1 | 0 |"),
        "{out}"
    );
    assert!(
        out.contains("| 全職員向けデジタルリテラシー研修の修了率 | ○ | ○ | ○ |"),
        "{out}"
    );
    assert!(
        out.contains("1,460人（令和7年度）→2,400人（令和12年度）"),
        "{out}"
    );
    // Anonymised: no municipality's name anywhere.
    let anon: Vec<String> = args(&["--anonymise", "--format", "md", "-o", "-"]);
    let out = ok(d, &anon.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(out.contains("| 項目 | 団体A | 団体B | 団体C |"), "{out}");
    for name in ["あおば市", "やまびこ町", "みなみ県"] {
        assert!(!out.contains(name), "{name} in {out}");
    }
    let pdf = d.join("cmp.pdf");
    let a: Vec<String> = args(&["--format", "pdf", "-o", pdf.to_str().unwrap()]);
    ok(d, &a.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    // Nothing was imported.
    assert_eq!(ok(d, &["list"]), drafts_before);
    // A broken file is named; one file is not a comparison.
    let bad = d.join("bad.hoshin.json");
    std::fs::write(&bad, "{").unwrap();
    let err = fails(
        d,
        &[
            "compare-drafts",
            files[0].to_str().unwrap(),
            bad.to_str().unwrap(),
            "--format",
            "md",
            "-o",
            "-",
        ],
        2,
    );
    assert!(err.contains("bad.hoshin.json"), "{err}");
    fails(
        d,
        &[
            "compare-drafts",
            files[0].to_str().unwrap(),
            "--format",
            "md",
            "-o",
            "-",
        ],
        2,
    );
}

#[test]
fn worksheets_print_blank_or_filled_from_a_draft() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let blank = ok(d, &["worksheet", "grid", "--format", "md", "-o", "-"]);
    assert!(blank
        .contains("| 求められる能力 | 対象階層 | 育てる研修 | 確保する採用 | 施策・制度 | メモ |"));
    assert_eq!(
        blank
            .lines()
            .filter(|l| l.starts_with("| <br><br> |"))
            .count(),
        10,
        "{blank}"
    );
    assert!(blank.contains("記入日"));
    let town = sample(d, "town-8000");
    let f = d.join("t.hoshin.json");
    ok(d, &["export-json", &town, "-o", f.to_str().unwrap()]);
    let draft: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
    let grid = ok(
        d,
        &[
            "worksheet",
            "grid",
            "--from",
            &town,
            "--format",
            "md",
            "-o",
            "-",
        ],
    );
    for a in draft["draft"]["abilities"].as_array().unwrap() {
        assert!(
            grid.contains(&format!("| {} |", a["name"].as_str().unwrap())),
            "{a}"
        );
    }
    // The town's teaching gap: an ability with nothing that develops or secures it.
    assert!(grid.contains("| 取組がない |"), "{grid}");
    let chain = ok(
        d,
        &[
            "worksheet",
            "chain",
            "--from",
            &town,
            "--format",
            "md",
            "-o",
            "-",
        ],
    );
    assert!(chain.contains(
        "| 目指す職員像 | 求められる能力 | 取組（研修・採用・施策） | 指標（基準値→目標値） |"
    ));
    assert!(chain.contains("研修「"), "{chain}");
    let pdf = d.join("w.pdf");
    ok(
        d,
        &[
            "worksheet",
            "chain",
            "--from",
            &town,
            "--format",
            "pdf",
            "-o",
            pdf.to_str().unwrap(),
        ],
    );
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    let docx = d.join("w.docx");
    ok(
        d,
        &[
            "worksheet",
            "grid",
            "--format",
            "docx",
            "-o",
            docx.to_str().unwrap(),
        ],
    );
    assert!(std::fs::read(&docx).unwrap().starts_with(b"PK"));
}
