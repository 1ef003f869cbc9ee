//! Every earlier schema migrates: a real database of each older version (kept as SQL under
//! tests/fixtures/schema-vN.sql) opens with the current store and keeps all its contents.

use hoshin_model::{exchange, Item};
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
    // moved on since).
    let town = exchange::parse(
        &std::fs::read_to_string(fixture("exchange-v1-town.hoshin.json")).unwrap(),
    )
    .unwrap();
    for version in 1..SCHEMA_VERSION {
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
        assert_eq!(s.load_draft(&d.meta.id).unwrap().acknowledgements.len(), 1);
        let tr = d.trainings[0].clone();
        s.put_item(&d.meta.id, &Item::Training(tr)).unwrap();
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
