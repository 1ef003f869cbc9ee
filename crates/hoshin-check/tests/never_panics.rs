//! The checker never panics on any draft, valid or not (random drafts with random links,
//! duplicate ids, odd numbers and years), and every finding points at something that exists.

use hoshin_check::{check, Target};
use hoshin_model::templates::Templates;
use hoshin_model::*;
use proptest::prelude::*;

fn id_from(pool: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::sample::select(pool).prop_map(str::to_string)
}

const IDS: &[&str] = &[
    "a", "b", "c", "g1", "g2", "t1", "h1", "i1", "ps", "", "x y", "日本",
];
const LISTS: &[&str] = &[
    "all", "young", "engineer", "producer", "joint", "group", "", "??",
];

fn ids() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(id_from(IDS), 0..4)
}

fn text() -> impl Strategy<Value = String> {
    prop::sample::select(
        &[
            "",
            "対話",
            "女性職員の割合",
            "𠮷野家と葛󠄀飾",
            "a\u{0301}",
            "\t",
        ][..],
    )
    .prop_map(str::to_string)
}

fn year() -> impl Strategy<Value = i32> {
    prop_oneof![2020..2035i32, Just(i32::MIN), Just(i32::MAX), Just(0)]
}

fn number() -> impl Strategy<Value = Option<f64>> {
    prop_oneof![
        Just(None),
        (-1e9..1e9f64).prop_map(Some),
        Just(Some(f64::NAN)),
        Just(Some(f64::INFINITY))
    ]
}

fn draft() -> impl Strategy<Value = Draft> {
    let abilities = prop::collection::vec(
        (
            id_from(IDS),
            text(),
            prop::option::of(id_from(LISTS)),
            prop::collection::vec(id_from(LISTS), 0..3),
            ids(),
        ),
        0..6,
    );
    let goals = prop::collection::vec((id_from(IDS), 0..6usize, text(), ids()), 0..6);
    let trainings = prop::collection::vec(
        (
            id_from(IDS),
            text(),
            prop::collection::vec(id_from(LISTS), 0..3),
            prop::collection::vec(year(), 0..3),
            any::<bool>(),
            ids(),
            ids(),
        ),
        0..6,
    );
    let hirings = prop::collection::vec(
        (
            id_from(IDS),
            text(),
            id_from(LISTS),
            prop::collection::vec((year(), 0..5u32), 0..3),
            prop::option::of(id_from(LISTS)),
            ids(),
            ids(),
        ),
        0..6,
    );
    let indicators = prop::collection::vec(
        (
            id_from(IDS),
            text(),
            any::<bool>(),
            number(),
            number(),
            prop::option::of(year()),
            ids(),
        ),
        0..6,
    );
    let measures = prop::collection::vec(
        (
            id_from(IDS),
            text(),
            prop::collection::vec(year(), 0..3),
            text(),
            ids(),
            ids(),
        ),
        0..4,
    );
    let targets = prop::collection::vec(
        (
            id_from(IDS),
            id_from(LISTS),
            prop::option::of(any::<u32>()),
            prop::collection::vec((year(), any::<u32>()), 0..3),
            ids(),
            ids(),
            prop::option::of(any::<u32>()),
        ),
        0..4,
    );
    let fingerprints = prop::collection::vec(
        (
            id_from(IDS),
            prop::sample::select(&["abilities", "goals", "personas", "x"][..]),
            id_from(IDS),
        ),
        0..4,
    );
    (
        abilities,
        goals,
        trainings,
        hirings,
        indicators,
        fingerprints,
        year(),
        year(),
        prop::collection::vec((text(), text()), 0..3),
        (measures, targets),
    )
        .prop_map(
            |(
                abilities,
                goals,
                trainings,
                hirings,
                indicators,
                fps,
                from,
                to,
                sections,
                (measures, targets),
            )| {
                let mut d = Draft::new("d-p".into(), "町", "方針", FyRange { from, to }, "");
                for (k, v) in sections {
                    d.sections.insert(format!("kihon.{k}"), v);
                }
                d.sections.insert("kihon.koiki".into(), "連携".into());
                for (id, name, dt, layers, personas) in abilities {
                    d.abilities.push(Ability {
                        id,
                        name,
                        description: String::new(),
                        category: "x".into(),
                        digital_type: dt,
                        layers,
                        personas,
                    });
                }
                for (id, p, title, abilities) in goals {
                    d.goals.push(Goal {
                        id,
                        pillar: Pillar::ALL[p],
                        title,
                        description: String::new(),
                        abilities,
                    });
                }
                for (id, title, layers, years, joint, abilities, goals) in trainings {
                    d.trainings.push(Training {
                        id,
                        title,
                        description: String::new(),
                        format: "??".into(),
                        layers,
                        years,
                        participants: None,
                        days: None,
                        hours: None,
                        runs: None,
                        provider: "??".into(),
                        budget: None,
                        joint,
                        abilities,
                        goals,
                    });
                }
                for (id, field, route, hc, dt, abilities, goals) in hirings {
                    let headcount = hc
                        .into_iter()
                        .map(|(fy, count)| YearCount { fy, count })
                        .collect();
                    d.hirings.push(Hiring {
                        id,
                        field,
                        description: String::new(),
                        route,
                        headcount,
                        count_kind: CountKind::Hire,
                        job_category: String::new(),
                        digital_type: dt,
                        abilities,
                        goals,
                    });
                }
                for (id, name, inc, baseline, target, target_fy, goals) in indicators {
                    let direction = if inc {
                        Direction::Increase
                    } else {
                        Direction::Decrease
                    };
                    d.indicators.push(Indicator {
                        id,
                        name,
                        unit: String::new(),
                        direction,
                        baseline,
                        baseline_fy: None,
                        target,
                        target_fy,
                        source: String::new(),
                        owner: "未定".into(),
                        catalog_id: None,
                        goals,
                    });
                }
                for (id, title, years, owner, goals, abilities) in measures {
                    d.measures.push(Measure {
                        id,
                        title,
                        description: String::new(),
                        pillar: Pillar::Kankyo,
                        owner,
                        years,
                        budget: None,
                        goals,
                        abilities,
                    });
                }
                for (i, (id, tier, baseline, targets, trainings, hirings, cap)) in
                    targets.into_iter().enumerate()
                {
                    // Huge capacities must not overflow the reachability sum.
                    if let (Some(c), Some(t)) = (cap, d.trainings.get_mut(i)) {
                        t.participants = Some(c);
                    }
                    d.digital_targets.push(DigitalTarget {
                        id,
                        name: "層".into(),
                        tier,
                        description: String::new(),
                        baseline,
                        baseline_fy: None,
                        targets: targets
                            .into_iter()
                            .map(|(fy, count)| YearCount { fy, count })
                            .collect(),
                        trainings,
                        hirings,
                    });
                }
                for (from, field, to) in fps {
                    d.link_fingerprints.push(LinkFingerprint {
                        from,
                        field: field.into(),
                        to,
                        fingerprint: "0".into(),
                    });
                }
                d
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]
    #[test]
    fn checker_never_panics_and_points_at_real_places(d in draft()) {
        let t = Templates::builtin();
        let r = check(&d, &t);
        let items = d.items();
        for f in &r.findings {
            match f.location.target {
                Target::Persona | Target::Ability | Target::Goal | Target::Training | Target::Hiring
                | Target::Measure | Target::Indicator | Target::DigitalTarget =>
                    prop_assert!(items.iter().any(|i| i.id() == f.location.id), "{:?}", f),
                Target::Section => prop_assert!(t.item(&f.location.id).is_some()),
                Target::Pillar => prop_assert!(Pillar::from_id(&f.location.id).is_some()),
                Target::DigitalType => prop_assert!(f.location.id.starts_with("digital:")),
                Target::Governance | Target::Scope | Target::Draft => {}
                Target::Workforce => prop_assert!(f.location.id.starts_with("workforce")),
            }
            prop_assert!(!f.message.is_empty());
        }
        prop_assert_eq!(r.open_errors as usize, r.findings.iter().filter(|f| f.is_open_error()).count());
    }
}
