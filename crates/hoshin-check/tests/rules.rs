//! One test per rule: the clean fixture has no finding of the rule, the rule's fixture (the
//! clean one with exactly that gap) has it, at the exact item and field. Fixtures are small
//! exchange files under tests/fixtures/check/, read through the same import path users use.

use hoshin_check::{check, Finding, Target};
use hoshin_model::templates::{Severity, Templates};
use hoshin_model::{exchange, CountKind, Draft, YearCount};
use hoshin_tests::fixture;

fn load(name: &str) -> Draft {
    let path = fixture(&format!("check/{name}.hoshin.json"));
    exchange::parse(&std::fs::read_to_string(&path).unwrap())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn findings(d: &Draft) -> Vec<Finding> {
    check(d, &Templates::builtin()).findings
}

/// The rule fires on `file` at (target, id, field) and not on the clean fixture.
fn fires(file: &str, rule: &str, target: Target, id: &str, field: Option<&str>) -> Finding {
    let clean = findings(&load("clean"));
    assert!(
        clean.iter().all(|f| f.rule != rule),
        "clean fixture already has {rule}: {clean:#?}"
    );
    let got = findings(&load(file));
    let hit = got
        .iter()
        .find(|f| {
            f.rule == rule
                && f.location.target == target
                && f.location.id == id
                && f.location.field.as_deref() == field
        })
        .unwrap_or_else(|| panic!("{file}: no {rule} at {id}/{field:?}; got {got:#?}"))
        .clone();
    assert!(
        !hit.message.is_empty() && hit.message.chars().any(|c| c > '\u{3000}'),
        "Japanese message: {}",
        hit.message
    );
    hit
}

#[test]
fn clean_fixture_has_no_findings() {
    let r = check(&load("clean"), &Templates::builtin());
    assert!(r.findings.is_empty(), "{:#?}", r.findings);
    assert_eq!(r.coverage.abilities_percent, 100);
    assert!(r
        .coverage
        .pillars
        .iter()
        .filter(|p| p.goals > 0)
        .all(|p| p.percent == 100));
}

#[test]
fn e1_ability_never_trained_nor_hired() {
    let f = fires("E1", "E1", Target::Ability, "ab-orphan", None);
    assert_eq!(f.severity, Severity::Error);
    assert!(f.message.contains("施設を長く使う技術"));
    assert_eq!(f.key, "E1/ab-orphan/");
}

#[test]
fn e2_training_without_goal() {
    fires("E2", "E2", Target::Training, "tr-dialog", Some("goals"));
}

#[test]
fn e3_hiring_without_headcount() {
    fires("E3", "E3", Target::Hiring, "hr-it", Some("headcount"));
}

#[test]
fn e4_digital_type_developed_but_not_secured() {
    let f = fires(
        "E4",
        "E4",
        Target::DigitalType,
        "digital:engineer",
        Some("digital_type"),
    );
    assert!(f.key.ends_with(":secure"), "{}", f.key);
    assert!(f.message.contains("エンジニア"), "{}", f.message);
}

#[test]
fn e5_goal_without_indicator() {
    fires("E5", "E5", Target::Goal, "gl-kankyo", None);
}

#[test]
fn e6_training_year_outside_the_period() {
    let f = fires("E6", "E6", Target::Training, "tr-data", Some("years"));
    assert!(
        f.message.contains("令和13年度") && f.message.contains("令和7年度～令和11年度"),
        "{}",
        f.message
    );
}

#[test]
fn e7_a_pillar_without_goals() {
    fires("E7", "E7", Target::Pillar, "kankyo", None);
}

#[test]
fn e8_links_to_the_wrong_kind_or_nowhere() {
    // The import path refuses such links, so the draft is damaged after loading
    // (defence in depth: the checker must still report it).
    let mut d = load("clean");
    assert!(findings(&d).iter().all(|f| f.rule != "E8"));
    d.trainings[0].abilities.push("gl-ikusei".into());
    d.trainings[1].goals.push("gl-gone".into());
    d.hirings[0].abilities.push("ab-data".into());
    let got = findings(&d);
    let e8: Vec<_> = got.iter().filter(|f| f.rule == "E8").collect();
    assert_eq!(e8.len(), 3, "{e8:#?}");
    assert!(e8
        .iter()
        .any(|f| f.location.id == "tr-dialog" && f.location.field.as_deref() == Some("abilities")));
    assert!(e8
        .iter()
        .any(|f| f.location.id == "tr-data" && f.message.contains("存在しない項目「gl-gone」")));
    assert!(e8
        .iter()
        .any(|f| f.location.id == "hr-it" && f.message.contains("重複")));
}

#[test]
fn e4_a_type_secured_through_the_prefecture_pool_is_not_a_finding() {
    // The E4 fixture plus one hiring line: route 広域・共同採用, counted as 県・広域で確保.
    let got = findings(&load("E4-pool"));
    assert!(got.iter().all(|f| f.rule != "E4"), "{got:#?}");
}

#[test]
fn e5_indicator_measuring_no_goal() {
    fires(
        "E5-orphan",
        "E5",
        Target::Indicator,
        "in-orphan",
        Some("goals"),
    );
}

#[test]
fn e6_measure_and_digital_target_years_outside_the_period() {
    let mut d = load("clean");
    d.measures[0].years.push(2031);
    d.digital_targets[0].targets.push(YearCount {
        fy: 2030,
        count: 40,
    });
    let got = findings(&d);
    for (id, field) in [("ms-ryoritsu", "years"), ("dt-leader", "targets")] {
        assert!(
            got.iter().any(|f| f.rule == "E6"
                && f.location.id == id
                && f.location.field.as_deref() == Some(field)),
            "{id}: {got:#?}"
        );
    }
}

#[test]
fn e9_persona_without_ability_and_ability_without_persona() {
    let f = fires("E9", "E9", Target::Persona, "ps-2", None);
    assert!(f.message.contains("地域の未来を描く職員"));
    fires("E9", "E9", Target::Ability, "ab-dialog", Some("personas"));
}

#[test]
fn e10_goal_without_any_action() {
    let f = fires("E10", "E10", Target::Goal, "gl-kankyo", None);
    assert!(f.message.contains("施策・制度"), "{}", f.message);
}

#[test]
fn e11_measure_without_owner_or_goal() {
    fires("E11", "E11", Target::Measure, "ms-ryoritsu", Some("owner"));
    let mut d = load("clean");
    d.measures[0].goals.clear();
    let got = findings(&d);
    assert!(got.iter().any(|f| f.rule == "E11"
        && f.location.id == "ms-ryoritsu"
        && f.location.field.as_deref() == Some("goals")));
    // Without its measure the goal has no action left either.
    assert!(got
        .iter()
        .any(|f| f.rule == "E10" && f.location.id == "gl-kankyo"));
}

#[test]
fn a_measure_develops_an_ability_for_e1() {
    let mut d = load("E1");
    assert!(findings(&d).iter().any(|f| f.rule == "E1"));
    d.measures[0].abilities.push("ab-orphan".into());
    assert!(findings(&d).iter().all(|f| f.rule != "E1"));
}

#[test]
fn w1_placeholder_is_not_a_decision() {
    let f = fires(
        "W1-placeholder",
        "W1",
        Target::Governance,
        "governance",
        Some("review"),
    );
    assert!(f.message.contains("検討中"), "{}", f.message);
    let mut d = load("clean");
    for v in ["未定", "TBD", "－", "調整中。", "（未定）"] {
        d.governance.hr_owner = v.into();
        assert!(
            findings(&d)
                .iter()
                .any(|f| f.rule == "W1" && f.location.field.as_deref() == Some("hr_owner")),
            "{v}"
        );
    }
    d.governance.hr_owner = "未定の事項は人事係が調整する総務課".into();
    assert!(findings(&d).iter().all(|f| f.rule != "W1"));
}

#[test]
fn w2_an_all_staff_training_covers_only_the_abilities_it_develops() {
    let f = fires(
        "W2-all-staff",
        "W2",
        Target::Ability,
        "ab-law",
        Some("layers"),
    );
    assert!(f.message.contains("係長級"), "{}", f.message);
    assert_eq!(f.key, "W2/ab-law/layers:chief");
}

#[test]
fn w10_indicator_source_owner_and_baseline_year() {
    fires(
        "W10",
        "W10",
        Target::Indicator,
        "in-ikusei",
        Some("baseline_fy"),
    );
    fires("W10", "W10", Target::Indicator, "in-kakuho", Some("source"));
    let mut d = load("clean");
    d.indicators[2].owner = String::new();
    assert!(findings(&d).iter().any(|f| f.rule == "W10"
        && f.location.id == "in-kankyo"
        && f.location.field.as_deref() == Some("owner")));
}

#[test]
fn w11_digital_target_out_of_reach_of_its_trainings_and_hirings() {
    let f = fires(
        "W11",
        "W11",
        Target::DigitalTarget,
        "dt-leader",
        Some("trainings"),
    );
    assert!(f.message.contains("98人"), "{}", f.message);
    assert!(f.message.contains("延べ40人"), "{}", f.message);
    // A planned hire counts; a pool registration does not.
    let mut d = load("W11");
    d.hirings[0].headcount = vec![YearCount {
        fy: 2027,
        count: 58,
    }];
    d.digital_targets[0].hirings.push("hr-it".into());
    assert!(findings(&d).iter().all(|f| f.rule != "W11"));
    d.hirings[0].count_kind = CountKind::Pool;
    assert!(findings(&d).iter().any(|f| f.rule == "W11"));
}

#[test]
fn w9_provider_tier_and_scope_values_missing_from_the_lists() {
    let mut d = load("clean");
    d.trainings[0].provider = "somewhere".into();
    d.digital_targets[0].tier = "core".into();
    d.scope.staff.push("part-timer".into());
    let got = findings(&d);
    for (id, field) in [
        ("tr-dialog", "provider"),
        ("dt-leader", "tier"),
        ("scope", "staff"),
    ] {
        assert!(
            got.iter().any(|f| f.rule == "W9"
                && f.location.id == id
                && f.location.field.as_deref() == Some(field)),
            "{id}: {got:#?}"
        );
    }
}

#[test]
fn w12_workforce_projection_against_teiin_and_the_hiring_plan() {
    use hoshin_model::workforce::{Workforce, WorkforceRow};
    let mut d = load("clean");
    assert!(
        findings(&d).iter().all(|f| f.rule != "W12"),
        "no frame, no W12"
    );
    // hr-it: 1 digital hire in 令和8年度, counted in 一般行政.
    d.hirings[0].job_category = "general".into();
    d.workforce = Workforce {
        rows: vec![WorkforceRow {
            category: "general".into(),
            staff: 40,
            teiin: (2025..=2029)
                .map(|fy| YearCount { fy, count: 40 })
                .collect(),
            leavers: vec![YearCount { fy: 2025, count: 1 }],
            ages: vec![],
            reappointed: vec![],
            actual: vec![],
        }],
        other_leaver_rate: None,
    };
    // 40 → 39 in R7, +1 in R8 → 40: within 3 %.
    assert!(
        findings(&d).iter().all(|f| f.rule != "W12"),
        "{:#?}",
        findings(&d)
    );
    // Ten leave in R9 with no hires: 30 against 40 is a finding at the category.
    d.workforce.rows[0].leavers.push(YearCount {
        fy: 2027,
        count: 10,
    });
    let got = findings(&d);
    let f = got
        .iter()
        .find(|f| f.rule == "W12" && f.location.id == "workforce:general")
        .unwrap_or_else(|| panic!("{got:#?}"));
    assert_eq!(f.location.field.as_deref(), Some("teiin"));
    assert!(
        f.message.contains("一般行政") && f.message.contains("令和9年度"),
        "{}",
        f.message
    );
    // A hire in a category the frame lacks: a finding at the hiring line.
    d.workforce.rows[0].leavers.pop();
    d.hirings[0].job_category = "technical".into();
    assert!(findings(&d).iter().any(|f| f.rule == "W12"
        && f.location.id == "hr-it"
        && f.location.field.as_deref() == Some("job_category")));
    // Hires where nobody leaves and 定員 does not grow.
    d.hirings[0].job_category = "general".into();
    d.workforce.rows[0].leavers.clear();
    d.workforce.rows[0].teiin = (2025..=2029)
        .map(|fy| YearCount { fy, count: 41 })
        .collect();
    assert!(findings(&d)
        .iter()
        .any(|f| f.rule == "W12" && f.key.ends_with(":hires-2026")));
}

#[test]
fn w1_governance_without_dx_co_owner() {
    fires(
        "W1",
        "W1",
        Target::Governance,
        "governance",
        Some("dx_owner"),
    );
}

#[test]
fn w2_layers_both_ways() {
    let f = fires(
        "W2-ability",
        "W2",
        Target::Ability,
        "ab-dialog",
        Some("layers"),
    );
    assert!(f.message.contains("係長"), "{}", f.message);
    let f = fires(
        "W2-training",
        "W2",
        Target::Training,
        "tr-dialog",
        Some("layers"),
    );
    assert!(f.message.contains("幹部"), "{}", f.message);
}

#[test]
fn w3_orphan_training() {
    fires("W3", "W3", Target::Training, "tr-loose", None);
}

#[test]
fn w4_regional_cooperation_without_a_joint_measure() {
    fires("W4", "W4", Target::Section, "kihon.koiki", None);
}

#[test]
fn w5_gender_indicator_without_the_action_plan() {
    let f = fires("W5", "W5", Target::Section, "kihon.keikaku-renkei", None);
    assert!(f.message.contains("特定事業主行動計画"));
}

#[test]
fn w6_summary_longer_than_two_pages() {
    fires("W6", "W6", Target::Draft, "d-fixture", None);
}

#[test]
fn w7_link_to_an_edited_target_is_suspect() {
    let f = fires("W7", "W7", Target::Training, "tr-dialog", Some("abilities"));
    assert!(f.message.contains("要確認"));
}

#[test]
fn w8_target_not_better_than_baseline() {
    fires("W8", "W8", Target::Indicator, "in-ikusei", Some("target"));
}

#[test]
fn w9_value_missing_from_the_lists() {
    fires("W9", "W9", Target::Training, "tr-dialog", Some("format"));
}

#[test]
fn w9_indicator_not_in_the_catalogue() {
    let mut d = load("clean");
    d.indicators[0].catalog_id = Some("overtime-hours".into());
    assert!(
        findings(&d).is_empty(),
        "a catalogue id that exists is fine"
    );
    d.indicators[0].catalog_id = Some("no-such-indicator".into());
    let got = findings(&d);
    assert!(
        got.iter().any(|f| f.rule == "W9"
            && f.location.id == "in-ikusei"
            && f.location.field.as_deref() == Some("catalog_id")),
        "{got:#?}"
    );
}

#[test]
fn acknowledged_findings_stay_visible_but_do_not_count_as_open() {
    let r = check(&load("E1-acknowledged"), &Templates::builtin());
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "E1")
        .expect("still listed");
    let a = f.acknowledgement.as_ref().expect("acknowledged");
    assert!(a.reason.contains("県の技術職員派遣"));
    assert!(!f.is_open_error());
    assert_eq!((r.open_errors, r.acknowledged), (0, 1));
    let r = check(&load("E1"), &Templates::builtin());
    assert_eq!(r.open_errors, 1);
}

#[test]
fn rules_can_be_disabled_or_change_severity_through_the_templates() {
    let mut t = Templates::builtin();
    t.rules
        .rules
        .iter_mut()
        .find(|r| r.id == "E1")
        .unwrap()
        .enabled = false;
    t.rules
        .rules
        .iter_mut()
        .find(|r| r.id == "W1")
        .unwrap()
        .severity = Severity::Error;
    assert!(check(&load("E1"), &t).findings.is_empty());
    let r = check(&load("W1"), &t);
    assert_eq!(r.findings[0].severity, Severity::Error);
    assert_eq!(r.open_errors, 1);
}

#[test]
fn every_rule_in_the_config_is_exercised_here() {
    let ids: Vec<String> = Templates::builtin()
        .rules
        .rules
        .iter()
        .map(|r| r.id.clone())
        .collect();
    assert_eq!(
        ids,
        [
            "E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "E9", "E10", "E11", "W1", "W2", "W3",
            "W4", "W5", "W6", "W7", "W8", "W9", "W10", "W11", "W12"
        ]
    );
}
