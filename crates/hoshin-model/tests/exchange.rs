use hoshin_model::exchange::{self, FORMAT_VERSION};
use hoshin_model::*;
use serde_json::{json, Value};

fn sample() -> Draft {
    let mut d = Draft::new(
        "d-test0001".into(),
        "みどり町",
        "みどり町人材育成・確保基本方針",
        FyRange {
            from: 2025,
            to: 2029,
        },
        "2025-04-01T00:00:00Z",
    );
    d.sections.insert(
        "kihon.shokuinzo".into(),
        "町民と**ともに考え**、行動する職員".into(),
    );
    d.personas.push(Persona {
        id: "ps-1".into(),
        title: "町民とともに考える職員".into(),
        description: String::new(),
    });
    d.abilities.push(Ability {
        id: "ab-1".into(),
        name: "デジタル技術を業務改善に生かす力".into(),
        description: "".into(),
        category: "digital".into(),
        digital_type: Some("engineer".into()),
        layers: vec!["all".into()],
        personas: vec!["ps-1".into()],
    });
    d.goals.push(Goal {
        id: "gl-1".into(),
        pillar: Pillar::Digital,
        title: "全職員のデジタル活用".into(),
        description: "".into(),
        abilities: vec!["ab-1".into()],
    });
    d.trainings.push(Training {
        id: "tr-1".into(),
        title: "業務改善とデジタル活用研修".into(),
        description: "".into(),
        format: "group".into(),
        layers: vec!["all".into()],
        years: vec![2025, 2026],
        participants: Some(40),
        days: None,
        hours: Some(3.0),
        runs: Some(2),
        provider: "internal".into(),
        budget: Some(150),
        joint: false,
        abilities: vec!["ab-1".into()],
        goals: vec!["gl-1".into()],
    });
    d.hirings.push(Hiring {
        id: "hr-1".into(),
        field: "デジタル（情報）".into(),
        description: "".into(),
        route: "experienced".into(),
        headcount: vec![YearCount { fy: 2026, count: 1 }],
        count_kind: CountKind::Hire,
        job_category: String::new(),
        digital_type: Some("engineer".into()),
        abilities: vec!["ab-1".into()],
        goals: vec![],
    });
    d.governance.hr_owner = "総務課".into();
    d.indicators.push(Indicator {
        id: "in-1".into(),
        name: "デジタル研修の受講者数".into(),
        unit: "人".into(),
        direction: Direction::Increase,
        baseline: Some(12.0),
        baseline_fy: Some(2024),
        target: Some(120.0),
        target_fy: Some(2029),
        source: "研修受講記録".into(),
        owner: "総務課".into(),
        catalog_id: None,
        goals: vec!["gl-1".into()],
    });
    d.measures.push(Measure {
        id: "ms-1".into(),
        title: "テレワークの全課展開".into(),
        description: "".into(),
        pillar: Pillar::Kankyo,
        owner: "総務課".into(),
        years: vec![2025, 2026],
        budget: Some(2400),
        goals: vec!["gl-1".into()],
        abilities: vec![],
    });
    d.digital_targets.push(DigitalTarget {
        id: "dt-1".into(),
        name: "DX推進リーダー".into(),
        tier: "dx-leader".into(),
        description: "".into(),
        baseline: Some(3),
        baseline_fy: Some(2024),
        targets: vec![YearCount {
            fy: 2029,
            count: 20,
        }],
        trainings: vec!["tr-1".into()],
        hirings: vec!["hr-1".into()],
    });
    d.scope.appointers = vec!["mayor".into(), "board-of-education".into()];
    d.scope.staff = vec!["regular".into(), "fiscal-year".into()];
    d
}

fn file_value() -> Value {
    serde_json::from_str(&exchange::to_json(&sample(), "test")).unwrap()
}

fn problems(text: &str) -> Vec<Problem> {
    exchange::parse(text)
        .expect_err("should be rejected")
        .problems
}

fn has(ps: &[Problem], path: &str, words: &str) -> bool {
    ps.iter()
        .any(|p| p.path == path && p.message.contains(words))
}

#[test]
fn round_trip_keeps_every_field() {
    let d = sample();
    let text = exchange::to_json(&d, "hoshin test");
    assert!(text.contains("\"format_version\": 2"));
    assert_eq!(exchange::parse(&text).unwrap(), d);
    // A byte-order mark (Windows Notepad) is accepted.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    assert_eq!(exchange::parse_bytes(&bom).unwrap(), d);
}

#[test]
fn a_format_1_file_from_the_previous_version_still_opens() {
    // The town sample as the previous version wrote it: no measures, no digital targets,
    // no scope, no training plan fields, no count kinds, no indicator owners.
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/exchange-v1-town.hoshin.json"),
    )
    .unwrap();
    assert!(text.contains("\"format_version\": 1"));
    let d = exchange::parse(&text).unwrap();
    assert!(d.measures.is_empty() && d.digital_targets.is_empty());
    assert_eq!(d.scope, StaffScope::default());
    assert!(d.hirings.iter().all(|h| h.count_kind == CountKind::Hire));
    assert!(!d.trainings.is_empty());
    // Written again, it is a format 2 file that reads back the same.
    let again = exchange::to_json(&d, "test");
    assert_eq!(exchange::parse(&again).unwrap(), d);
}

#[test]
fn truncated_json_names_the_place_it_stops() {
    let text = exchange::to_json(&sample(), "t");
    let cut = &text[..text.find("業務改善とデジタル").unwrap() + 3];
    let ps = problems(cut);
    assert_eq!(ps.len(), 1);
    assert_eq!(ps[0].path, "$.draft.trainings[0].title");
    assert!(
        ps[0].message.contains("途中で終わっています"),
        "{}",
        ps[0].message
    );
}

#[test]
fn every_wrong_type_is_reported_with_its_path() {
    let mut v = file_value();
    v["draft"]["abilities"][0]["name"] = json!(5);
    v["draft"]["trainings"][0]["years"] = json!("2025");
    v["draft"]["meta"]["period"]["from"] = json!("令和7");
    v["draft"]["indicators"][0]["direction"] = json!("up");
    v["draft"]["hirings"][0]["headcount"][0]["count"] = json!(-1);
    v["draft"]["goals"][0]
        .as_object_mut()
        .unwrap()
        .remove("pillar");
    let ps = problems(&v.to_string());
    assert!(
        has(
            &ps,
            "$.draft.abilities[0].name",
            "文字列であるべきところに整数"
        ),
        "{ps:#?}"
    );
    assert!(
        has(
            &ps,
            "$.draft.trainings[0].years",
            "配列であるべきところに文字列"
        ),
        "{ps:#?}"
    );
    assert!(
        has(
            &ps,
            "$.draft.meta.period.from",
            "整数であるべきところに文字列"
        ),
        "{ps:#?}"
    );
    assert!(
        has(&ps, "$.draft.indicators[0].direction", "使えない値"),
        "{ps:#?}"
    );
    assert!(
        has(&ps, "$.draft.hirings[0].headcount[0].count", "範囲外"),
        "{ps:#?}"
    );
    assert!(
        has(&ps, "$.draft.goals[0]", "「pillar」がありません"),
        "{ps:#?}"
    );
    assert_eq!(ps.len(), 6, "{ps:#?}");
}

#[test]
fn unknown_format_versions_are_refused() {
    let mut v = file_value();
    v["format_version"] = json!(FORMAT_VERSION + 1);
    let ps = problems(&v.to_string());
    assert!(has(&ps, "$.format_version", "新しい版の Hoshin"), "{ps:#?}");
    v["format_version"] = json!(0);
    assert!(has(
        &problems(&v.to_string()),
        "$.format_version",
        "対応していません"
    ));
    v.as_object_mut().unwrap().remove("format_version");
    assert!(problems(&v.to_string())[0]
        .message
        .contains("format_version"));
}

#[test]
fn dangling_and_wrong_kind_links_are_refused() {
    let mut v = file_value();
    v["draft"]["trainings"][0]["abilities"] = json!(["ab-1", "ab-gone"]);
    v["draft"]["hirings"][0]["goals"] = json!(["ab-1"]);
    let ps = problems(&v.to_string());
    assert!(
        has(
            &ps,
            "$.draft.trainings[0].abilities[1]",
            "存在しない項目「ab-gone」"
        ),
        "{ps:#?}"
    );
    assert!(
        has(
            &ps,
            "$.draft.hirings[0].goals[0]",
            "目標・施策ではなく求められる能力"
        ),
        "{ps:#?}"
    );
}

#[test]
fn duplicate_ids_are_refused() {
    let mut v = file_value();
    v["draft"]["goals"][0]["id"] = json!("ab-1");
    let ps = problems(&v.to_string());
    assert!(
        has(
            &ps,
            "$.draft.goals[0].id",
            "$.draft.abilities[0] でも使われています"
        ),
        "{ps:#?}"
    );
}

#[test]
fn ten_megabyte_strings_are_refused() {
    let mut v = file_value();
    v["draft"]["sections"]["kihon.shokuinzo"] = json!("あ".repeat(10 * 1024 * 1024 / 3));
    v["draft"]["abilities"][0]["name"] = json!("x".repeat(10 * 1024 * 1024));
    let ps = problems(&v.to_string());
    assert!(
        has(
            &ps,
            "$.draft.sections[\"kihon.shokuinzo\"]",
            "文字数が多すぎます"
        ),
        "{ps:#?}"
    );
    assert!(
        has(&ps, "$.draft.abilities[0].name", "上限は1000文字"),
        "{ps:#?}"
    );
}

#[test]
fn nul_and_lone_surrogate_escapes_are_refused() {
    let text =
        exchange::to_json(&sample(), "t").replace("町民とともに考える職員", "町民と\\u0000考える");
    let ps = problems(&text);
    assert!(has(&ps, "$.draft.personas[0].title", "NUL 文字"), "{ps:#?}");

    let text =
        exchange::to_json(&sample(), "t").replace("デジタル研修の受講者数", "受講者\\ud800数");
    let ps = problems(&text);
    assert_eq!(ps.len(), 1);
    assert_eq!(ps[0].path, "$.draft.indicators[0].name");
    assert!(ps[0].message.contains("サロゲート"), "{}", ps[0].message);
}

#[test]
fn not_a_hoshin_file() {
    assert!(problems("[1,2,3]")[0]
        .message
        .contains("オブジェクトではありません"));
    assert!(problems("").iter().any(|p| p.message.contains("空です")));
    let e = exchange::parse_bytes(b"\xff\xfe{}").unwrap_err();
    assert!(e.problems[0].message.contains("UTF-8"));
}

#[test]
fn error_display_lists_every_problem() {
    let mut v = file_value();
    v["draft"]["abilities"][0]["name"] = json!(1);
    v["draft"]["personas"][0]["title"] = json!(2);
    let e = exchange::parse(&v.to_string()).unwrap_err();
    let s = e.to_string();
    assert!(
        s.contains("問題 2 件")
            && s.contains("$.draft.abilities[0].name")
            && s.contains("$.draft.personas[0].title"),
        "{s}"
    );
}

/// The published schema (docs/hoshin-exchange.schema.json) is generated from the types, like
/// the UI's TypeScript bindings; CI fails when the committed copy is stale.
#[test]
fn published_schema_is_generated_from_the_types() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../docs/hoshin-exchange.schema.json");
    let text = serde_json::to_string_pretty(&exchange::schema()).unwrap() + "\n";
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
        std::fs::write(&path, &text).unwrap();
    }
    assert!(text.contains("\"format_version\""));
}
