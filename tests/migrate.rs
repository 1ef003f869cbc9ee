//! Every earlier schema migrates: a real database of each older version (kept as SQL under
//! tests/fixtures/schema-vN.sql) opens with the current store and keeps all its contents.

use hoshin_model::{exchange, Item, Kind, StaffScope, YearResult};
use hoshin_store::{list_backups, Store, VersionKind, DB_FILE, SCHEMA_VERSION};
use hoshin_tests::fixture;

fn build_from_fixture(version: i64) -> tempfile::TempDir {
    let path = fixture(&format!("schema-v{version}.sql"));
    let sql = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "schema {version} has no fixture at {}: dump one before changing the schema",
            path.display()
        )
    });
    let dir = tempfile::tempdir().unwrap();
    let c = rusqlite::Connection::open(dir.path().join(DB_FILE)).unwrap();
    c.execute_batch(&sql).unwrap();
    let v: i64 = c
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, version);
    dir
}

#[test]
fn every_older_schema_migrates_with_all_its_contents() {
    // The town sample as it was when these databases were made (the sample itself has
    // moved on since): format 1 for schemas 1 and 2, format 2 for schema 3.
    let town_of = |version: i64| {
        let file = if version <= 2 {
            "exchange-v1-town.hoshin.json"
        } else {
            "exchange-v2-town.hoshin.json"
        };
        exchange::parse(&std::fs::read_to_string(fixture(file)).unwrap()).unwrap()
    };
    for version in 1..SCHEMA_VERSION {
        let town = town_of(version);
        let dir = build_from_fixture(version);
        let mut s = Store::open(dir.path()).unwrap_or_else(|e| panic!("v{version}: {e}"));
        assert_eq!(s.integrity_check().unwrap(), "ok");
        let v: i64 = rusqlite::Connection::open(dir.path().join(DB_FILE))
            .unwrap()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(
            v, SCHEMA_VERSION,
            "v{version} migrated to the current schema"
        );
        assert!(
            list_backups(dir.path())
                .unwrap()
                .iter()
                .any(|b| b.file_name.contains(&format!("migrate-from-v{version}"))),
            "a backup is taken before migrating"
        );

        // Contents: the imported town sample, its version, the draft in the trash.
        let live = s.list_drafts(false).unwrap();
        assert_eq!(live.len(), 1);
        let d = s.load_draft(&live[0].id).unwrap();
        assert_eq!(d.sections, town.sections);
        assert_eq!(d.abilities, town.abilities);
        assert_eq!(d.trainings, town.trainings);
        assert_eq!(d.hirings, town.hirings);
        assert_eq!(d.indicators, town.indicators);
        assert_eq!(d.governance, town.governance);
        assert_eq!(s.versions(&d.meta.id).unwrap()[0].label, "課長確認用");
        assert_eq!(s.version_draft(&d.meta.id, 1).unwrap().goals, town.goals);
        assert_eq!(s.list_drafts(true).unwrap().len(), 1);

        // What the new schema adds works on migrated data.
        s.acknowledge(
            &d.meta.id,
            "E1/ab-infra/",
            "E1",
            "施設管理は県の技術支援で補うため",
            "人事係",
        )
        .unwrap();
        // Schema 2 databases already hold one (the E4 pool reason); none before that.
        let acks = s.load_draft(&d.meta.id).unwrap().acknowledgements;
        assert_eq!(acks.len(), d.acknowledgements.len() + 1);
        assert!(acks.iter().any(|a| a.key == "E1/ab-infra/"));
        if version == 2 {
            assert!(d.acknowledgements[0].reason.contains("県の人材プール"));
        }
        let tr = d.trainings[0].clone();
        s.put_item(&d.meta.id, &Item::Training(tr)).unwrap();
        // Schema 3: the staff scope, and the new kinds linked like any other item.
        assert_eq!(
            d.scope, town.scope,
            "no scope before schema 3, the town's after"
        );
        assert_eq!(d.measures, town.measures);
        assert_eq!(d.digital_targets, town.digital_targets);
        let scope = StaffScope {
            appointers: vec!["mayor".into()],
            staff: vec!["regular".into(), "fiscal-year".into()],
            note: "会計年度任用職員も研修の対象とする".into(),
        };
        s.set_scope(&d.meta.id, &scope).unwrap();
        let mut m = match Item::blank(Kind::Measure, "ms-telework".into()) {
            Item::Measure(m) => m,
            _ => unreachable!(),
        };
        m.title = "テレワークの全課展開".into();
        m.owner = "総務課".into();
        m.goals = vec![d.goals[0].id.clone()];
        s.put_item(&d.meta.id, &Item::Measure(m)).unwrap();
        let after = s.load_draft(&d.meta.id).unwrap();
        assert_eq!(after.scope, scope);
        // And it checks under the current rules: the old town had no staff scope, no
        // indicator owners and its engineer unsecured, which the check now says.
        let report = hoshin_check::check(&after, &hoshin_model::templates::Templates::builtin());
        let expected: &[(&str, &str)] = if version <= 2 {
            &[("E4", "digital:engineer"), ("W10", "in-growth")]
        } else {
            &[("E5", "gl-koreiki"), ("E1", "ab-infra")]
        };
        for (rule, id) in expected.iter().copied() {
            assert!(
                report
                    .findings
                    .iter()
                    .any(|f| f.rule == rule && f.location.id == id),
                "v{version}: {rule} at {id}: {:#?}",
                report.findings
            );
        }
        assert_eq!(after.measures.len(), town.measures.len() + 1);
        assert_eq!(
            after.measures.last().unwrap().goals,
            [d.goals[0].id.clone()]
        );
        // The goal is now linked: deleting it names the measure.
        let refused = s
            .delete_item(&d.meta.id, &d.goals[0].id, hoshin_store::DeleteMode::Refuse)
            .unwrap_err();
        assert!(
            refused.to_string().contains("テレワークの全課展開"),
            "{refused}"
        );
        // Schema 4: 実績 per item and year; an indicator with results is not deleted.
        let fy = d.meta.period.from;
        let mut r = YearResult::new("in-growth", fy);
        r.value = Some(55.0);
        s.set_results(&d.meta.id, std::slice::from_ref(&r)).unwrap();
        assert_eq!(s.load_draft(&d.meta.id).unwrap().results, [r]);
        let refused = s
            .delete_item(&d.meta.id, "in-growth", hoshin_store::DeleteMode::Unlink)
            .unwrap_err();
        assert!(refused.to_string().contains("令和9年度の実績"), "{refused}");
        let mut outside = YearResult::new("in-growth", d.meta.period.to + 1);
        outside.value = Some(1.0);
        assert!(s.set_results(&d.meta.id, &[outside]).is_err());
        s.snapshot(&d.meta.id, "移行後", VersionKind::Manual)
            .unwrap();
    }
}

#[test]
fn a_fresh_file_gets_the_current_schema() {
    let dir = tempfile::tempdir().unwrap();
    drop(Store::open(dir.path()).unwrap());
    let c = rusqlite::Connection::open(dir.path().join(DB_FILE)).unwrap();
    let v: i64 = c
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, SCHEMA_VERSION);
    assert!(
        list_backups(dir.path()).unwrap().is_empty(),
        "nothing to back up in a new file"
    );
}
