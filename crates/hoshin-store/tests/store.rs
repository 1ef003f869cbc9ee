use std::path::Path;
use std::time::Duration;

use hoshin_model::*;
use hoshin_store::*;
use serde_json::json;

fn open(dir: &Path) -> Store {
    Store::open(dir).expect("open store")
}

fn ability(id: &str, name: &str) -> Item {
    Item::Ability(Ability {
        id: id.into(),
        name: name.into(),
        description: String::new(),
        category: "digital".into(),
        digital_type: None,
        layers: vec![],
        personas: vec![],
    })
}

fn training(id: &str, title: &str, abilities: &[&str]) -> Item {
    Item::Training(Training {
        id: id.into(),
        title: title.into(),
        description: String::new(),
        format: "group".into(),
        layers: vec!["all".into()],
        years: vec![2025],
        participants: Some(30),
        days: Some(1.0),
        hours: None,
        runs: Some(1),
        provider: "internal".into(),
        budget: None,
        joint: false,
        abilities: abilities.iter().map(|s| s.to_string()).collect(),
        goals: vec![],
    })
}

fn period() -> FyRange {
    FyRange {
        from: 2025,
        to: 2029,
    }
}

#[test]
fn drafts_create_list_rename_duplicate_trash_restore_purge() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(dir.path());
    let a = s
        .create_draft("みどり町", "人材育成・確保基本方針", period())
        .unwrap();
    assert_eq!(a.meta.municipality_kind, MunicipalityKind::Town);
    let b = s
        .create_draft("青葉市", "青葉市人材育成・確保基本方針", period())
        .unwrap();
    assert_eq!(s.list_drafts(false).unwrap().len(), 2);

    std::thread::sleep(Duration::from_millis(3));
    let renamed = s
        .rename_draft(&a.meta.id, "  みどり町 人材方針（案） ")
        .unwrap();
    assert_eq!(renamed.title, "みどり町 人材方針（案）");
    assert_eq!(
        s.list_drafts(false).unwrap()[0].id,
        a.meta.id,
        "most recently edited first"
    );
    assert!(matches!(
        s.rename_draft(&a.meta.id, "   "),
        Err(StoreError::Invalid(_))
    ));

    s.put_item(&a.meta.id, &ability("ab-1", "対話する力"))
        .unwrap();
    let copy = s.duplicate_draft(&a.meta.id).unwrap();
    assert_ne!(copy.meta.id, a.meta.id);
    assert_eq!(copy.meta.title, "みどり町 人材方針（案）（複製）");
    assert_eq!(
        s.load_draft(&copy.meta.id).unwrap().abilities[0].name,
        "対話する力"
    );

    s.trash_draft(&b.meta.id).unwrap();
    let live: Vec<_> = s
        .list_drafts(false)
        .unwrap()
        .into_iter()
        .map(|d| d.id)
        .collect();
    assert!(!live.contains(&b.meta.id));
    assert_eq!(s.list_drafts(true).unwrap()[0].id, b.meta.id);
    // Only trashed drafts can be purged.
    assert!(matches!(
        s.purge_draft(&a.meta.id),
        Err(StoreError::Invalid(_))
    ));
    s.untrash_draft(&b.meta.id).unwrap();
    assert!(s.list_drafts(true).unwrap().is_empty());
    s.trash_draft(&b.meta.id).unwrap();
    s.purge_draft(&b.meta.id).unwrap();
    assert!(matches!(
        s.load_draft(&b.meta.id),
        Err(StoreError::DraftNotFound(_))
    ));
}

#[test]
fn everything_survives_reopening_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let id = {
        let mut s = open(dir.path());
        let d = s.create_draft("みどり町", "方針", period()).unwrap();
        s.set_section(&d.meta.id, "kihon.shokuinzo", "町民とともに考える職員")
            .unwrap();
        s.put_item(&d.meta.id, &ability("ab-1", "対話する力"))
            .unwrap();
        s.put_item(&d.meta.id, &training("tr-1", "対話研修", &["ab-1"]))
            .unwrap();
        s.set_governance(
            &d.meta.id,
            &Governance {
                hr_owner: "総務課".into(),
                ..Default::default()
            },
        )
        .unwrap();
        d.meta.id
    };
    let s = open(dir.path());
    let d = s.load_draft(&id).unwrap();
    assert_eq!(d.sections["kihon.shokuinzo"], "町民とともに考える職員");
    assert_eq!(d.trainings[0].abilities, vec!["ab-1".to_string()]);
    assert_eq!(s.integrity_check().unwrap(), "ok");
    assert_eq!(s.journal_mode(), "wal");
    assert_eq!(d.governance.hr_owner, "総務課");
}

#[test]
fn autosave_single_fields_and_items() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(dir.path());
    let id = s
        .create_draft("みどり町", "方針", period())
        .unwrap()
        .meta
        .id;
    let rev0 = s.draft_summary(&id).unwrap().revision;
    s.put_item(&id, &ability("ab-1", "対話する力")).unwrap();
    s.put_item(&id, &ability("ab-2", "データを読む力")).unwrap();
    s.put_item(&id, &training("tr-1", "対話研修", &["ab-1"]))
        .unwrap();

    let t = s
        .set_item_field(&id, "tr-1", "abilities", json!(["ab-2", "ab-1"]))
        .unwrap();
    assert!(matches!(&t, Item::Training(t) if t.abilities == ["ab-2", "ab-1"]));
    s.set_item_field(&id, "tr-1", "title", json!("対話とデータ活用研修"))
        .unwrap();
    s.set_item_field(&id, "ab-1", "name", json!("住民と対話する力"))
        .unwrap();
    let d = s.load_draft(&id).unwrap();
    assert_eq!(d.trainings[0].title, "対話とデータ活用研修");
    assert_eq!(
        d.trainings[0].abilities,
        vec!["ab-2".to_string(), "ab-1".to_string()],
        "link order is kept"
    );
    assert_eq!(
        d.abilities
            .iter()
            .map(|a| a.id.as_str())
            .collect::<Vec<_>>(),
        ["ab-1", "ab-2"],
        "item order is kept"
    );
    assert_eq!(s.draft_summary(&id).unwrap().revision, rev0 + 6);

    // Bad values are refused with the field's path; the stored item is unchanged.
    let e = s
        .set_item_field(&id, "tr-1", "years", json!("2025"))
        .unwrap_err();
    assert!(e.to_string().contains("$.years"), "{e}");
    let e = s
        .set_item_field(&id, "tr-1", "abilities", json!(["ab-missing"]))
        .unwrap_err();
    assert!(
        e.to_string().contains("存在しない項目「ab-missing」"),
        "{e}"
    );
    let e = s
        .set_item_field(&id, "tr-1", "nonsense", json!(1))
        .unwrap_err();
    assert!(e.is_input_error());
    assert_eq!(s.load_draft(&id).unwrap().trainings[0].abilities.len(), 2);

    // Sections: set, replace, clear; a huge paste is refused with a clear message.
    s.set_section(&id, "ikusei.ojt", "職場で育てる").unwrap();
    s.set_section(&id, "ikusei.ojt", "職場で育て合う").unwrap();
    assert_eq!(
        s.load_draft(&id).unwrap().sections["ikusei.ojt"],
        "職場で育て合う"
    );
    let e = s
        .set_section(&id, "ikusei.ojt", &"あ".repeat(200_000))
        .unwrap_err();
    assert!(e.to_string().contains("文字数が多すぎます"), "{e}");
    let e = s.set_section(&id, "ikusei.ojt", "a\0b").unwrap_err();
    assert!(e.to_string().contains("NUL"), "{e}");
    assert_eq!(
        s.load_draft(&id).unwrap().sections["ikusei.ojt"],
        "職場で育て合う"
    );
    s.set_section(&id, "ikusei.ojt", "").unwrap();
    assert!(!s
        .load_draft(&id)
        .unwrap()
        .sections
        .contains_key("ikusei.ojt"));

    // Meta
    let m = s
        .update_meta(
            &id,
            &MetaPatch {
                period: Some(FyRange {
                    from: 2026,
                    to: 2030,
                }),
                status: Some(DraftStatus::Review),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!((m.period.from, m.status), (2026, DraftStatus::Review));
    assert!(s
        .update_meta(
            &id,
            &MetaPatch {
                period: Some(FyRange {
                    from: 2030,
                    to: 2026
                }),
                ..Default::default()
            }
        )
        .is_err());
}

#[test]
fn deleting_a_linked_item_is_refused_with_names_or_unlinks() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(dir.path());
    let id = s
        .create_draft("みどり町", "方針", period())
        .unwrap()
        .meta
        .id;
    s.put_item(&id, &ability("ab-1", "対話する力")).unwrap();
    s.put_item(&id, &training("tr-1", "対話研修", &["ab-1"]))
        .unwrap();
    s.put_item(&id, &training("tr-2", "ファシリテーション研修", &["ab-1"]))
        .unwrap();

    let e = s.delete_item(&id, "ab-1", DeleteMode::Refuse).unwrap_err();
    let msg = e.to_string();
    assert!(
        msg.contains("求められる能力「対話する力」")
            && msg.contains("研修「対話研修」")
            && msg.contains("研修「ファシリテーション研修」"),
        "{msg}"
    );
    assert_eq!(s.load_draft(&id).unwrap().abilities.len(), 1);

    let unlinked = s.delete_item(&id, "ab-1", DeleteMode::Unlink).unwrap();
    assert_eq!(unlinked.len(), 2);
    let d = s.load_draft(&id).unwrap();
    assert!(d.abilities.is_empty());
    assert!(
        d.trainings.iter().all(|t| t.abilities.is_empty()),
        "no dangling ids remain"
    );
    assert!(validate_draft(&d, "$").is_empty());
    // Deleting an unlinked item just works.
    s.delete_item(&id, "tr-2", DeleteMode::Refuse).unwrap();
    assert_eq!(s.load_draft(&id).unwrap().trainings.len(), 1);
}

#[test]
fn versions_snapshot_list_restore_never_lose_the_current_state() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(dir.path());
    let id = s
        .create_draft("みどり町", "方針", period())
        .unwrap()
        .meta
        .id;
    s.put_item(&id, &ability("ab-1", "対話する力")).unwrap();
    s.set_section(&id, "kihon.shokuinzo", "第一稿").unwrap();
    let v1 = s.snapshot(&id, "課長確認用", VersionKind::Manual).unwrap();

    s.set_section(&id, "kihon.shokuinzo", "第二稿").unwrap();
    s.put_item(&id, &ability("ab-2", "データを読む力")).unwrap();
    s.rename_draft(&id, "方針（第二稿）").unwrap();

    assert_eq!(
        s.version_draft(&id, v1.id).unwrap().sections["kihon.shokuinzo"],
        "第一稿"
    );
    let saved = s.restore_version(&id, v1.id).unwrap();
    assert_eq!(saved.kind, VersionKind::BeforeRestore);

    let d = s.load_draft(&id).unwrap();
    assert_eq!(d.sections["kihon.shokuinzo"], "第一稿");
    assert_eq!(d.abilities.len(), 1);
    assert_eq!(d.meta.title, "方針");
    assert_eq!(d.meta.id, id);

    let vs = s.versions(&id).unwrap();
    assert_eq!(
        vs.iter().map(|v| v.label.as_str()).collect::<Vec<_>>(),
        ["課長確認用", "版 1 を復元する前の状態"]
    );
    let before = s.version_draft(&id, saved.id).unwrap();
    assert_eq!(before.sections["kihon.shokuinzo"], "第二稿");
    assert_eq!(before.abilities.len(), 2);
    assert_eq!(before.meta.title, "方針（第二稿）");

    assert!(matches!(
        s.restore_version(&id, 999),
        Err(StoreError::VersionNotFound(..))
    ));
}

#[test]
fn import_never_overwrites_and_leaves_nothing_when_invalid() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(dir.path());
    let id = s
        .create_draft("みどり町", "方針", period())
        .unwrap()
        .meta
        .id;
    s.put_item(&id, &ability("ab-1", "対話する力")).unwrap();
    let text = exchange::to_json(&s.load_draft(&id).unwrap(), "test");

    let again = s.import_draft(&exchange::parse(&text).unwrap()).unwrap();
    assert_ne!(again.meta.id, id, "same id → imported under a new id");
    assert_eq!(s.load_draft(&id).unwrap().abilities[0].name, "対話する力");
    assert_eq!(s.list_drafts(false).unwrap().len(), 2);

    let mut bad = exchange::parse(&text).unwrap();
    bad.meta.id = "d-fresh".into();
    bad.trainings
        .push(match training("tr-x", "研修", &["ab-nowhere"]) {
            Item::Training(t) => t,
            _ => unreachable!(),
        });
    let e = s.import_draft(&bad).unwrap_err();
    assert!(
        e.to_string().contains("$.draft.trainings[0].abilities[0]"),
        "{e}"
    );
    assert_eq!(s.list_drafts(false).unwrap().len(), 2, "no partial draft");
    assert!(matches!(
        s.load_draft("d-fresh"),
        Err(StoreError::DraftNotFound(_))
    ));
}

fn file_bytes(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap()
}

#[test]
fn a_database_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut s = open(dir.path());
        s.create_draft("みどり町", "方針", period()).unwrap();
    }
    let db = dir.path().join(DB_FILE);
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.pragma_update(None, "user_version", SCHEMA_VERSION + 5)
            .unwrap();
        c.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let before = file_bytes(&db);
    let e = Store::open(dir.path()).err().expect("refused");
    assert!(matches!(e, StoreError::Newer { found, .. } if found == SCHEMA_VERSION + 5));
    assert!(e.to_string().contains("新しい版の Hoshin"), "{e}");
    assert_eq!(file_bytes(&db), before, "file untouched");
    assert!(!dir.path().join(format!("{DB_FILE}-wal")).exists());
}

#[test]
fn corruption_is_detected_and_restored_from_the_newest_backup() {
    let dir = tempfile::tempdir().unwrap();
    let opts = OpenOptions {
        backup_interval: Duration::ZERO,
        keep_backups: 3,
    };
    let id = {
        let mut s = Store::open_with(dir.path(), &opts).unwrap();
        let d = s.create_draft("みどり町", "方針", period()).unwrap();
        s.put_item(&d.meta.id, &ability("ab-1", "対話する力"))
            .unwrap();
        for i in 0..200 {
            s.set_section(&d.meta.id, &format!("s{i}"), &"本文".repeat(200))
                .unwrap();
        }
        d.meta.id
    };
    // Reopen: a backup is taken of the file as it is.
    drop(Store::open_with(dir.path(), &opts).unwrap());
    assert_eq!(list_backups(dir.path()).unwrap().len(), 1);

    // Scribble over the middle of the file (as a failing disk would).
    let db = dir.path().join(DB_FILE);
    let mut bytes = file_bytes(&db);
    let mid = bytes.len() / 2;
    for b in &mut bytes[mid..mid + 8192] {
        *b = 0xA5;
    }
    std::fs::write(&db, &bytes).unwrap();

    let e = Store::open(dir.path()).err().expect("corruption detected");
    assert!(matches!(e, StoreError::Corrupt { .. }), "{e}");
    assert!(
        e.to_string().contains("バックアップから復元できます"),
        "{e}"
    );

    let used = restore_backup(dir.path(), None).unwrap();
    assert!(used.file_name.starts_with("hoshin-"));
    let s = open(dir.path());
    let d = s.load_draft(&id).unwrap();
    assert_eq!(d.abilities[0].name, "対話する力");
    assert_eq!(d.sections.len(), 200);
    let kept: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".replaced-"))
        .collect();
    assert!(!kept.is_empty(), "the damaged file is kept, not deleted");
}

#[test]
fn a_file_that_is_not_a_database_is_reported_as_corrupt() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(DB_FILE),
        "これはデータベースではありません".repeat(300),
    )
    .unwrap();
    let e = Store::open(dir.path()).err().expect("refused");
    assert!(matches!(e, StoreError::Corrupt { .. }), "{e}");
    assert!(e.to_string().contains("バックアップがありません"), "{e}");
}

#[test]
fn backups_roll_keeping_the_last_n() {
    let dir = tempfile::tempdir().unwrap();
    let opts = OpenOptions {
        backup_interval: Duration::ZERO,
        keep_backups: 3,
    };
    {
        let mut s = Store::open_with(dir.path(), &opts).unwrap();
        s.create_draft("みどり町", "方針", period()).unwrap();
    }
    for _ in 0..6 {
        drop(Store::open_with(dir.path(), &opts).unwrap());
        std::thread::sleep(Duration::from_millis(5));
    }
    let b = list_backups(dir.path()).unwrap();
    assert_eq!(b.len(), 3);
    for x in &b {
        let c = rusqlite::Connection::open(&x.path).unwrap();
        let n: i64 = c
            .query_row("SELECT COUNT(*) FROM drafts", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 1, "each backup is a complete database");
    }
    // A default open within the hour makes no new backup.
    drop(Store::open(dir.path()).unwrap());
    assert_eq!(list_backups(dir.path()).unwrap().len(), 3);
}

#[test]
fn editing_a_link_target_leaves_the_old_fingerprint_until_confirmed() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(dir.path());
    let id = s
        .create_draft("みどり町", "方針", period())
        .unwrap()
        .meta
        .id;
    s.put_item(&id, &ability("ab-1", "対話する力")).unwrap();
    s.put_item(&id, &training("tr-1", "対話研修", &["ab-1"]))
        .unwrap();
    let current = |s: &Store| {
        let d = s.load_draft(&id).unwrap();
        let now = d
            .items()
            .iter()
            .find(|i| i.id() == "ab-1")
            .unwrap()
            .fingerprint();
        (d.link_fingerprints[0].fingerprint.clone(), now)
    };
    let (stored, now) = current(&s);
    assert_eq!(stored, now, "a new link records its target as it reads");
    // Editing the training (not the target) keeps the link's fingerprint.
    s.set_item_field(&id, "tr-1", "title", json!("対話と傾聴の研修"))
        .unwrap();
    assert_eq!(current(&s).0, stored);
    // Editing the target makes the stored fingerprint stale …
    s.set_item_field(&id, "ab-1", "name", json!("住民と対話し合意をつくる力"))
        .unwrap();
    let (stored2, now2) = current(&s);
    assert_eq!(stored2, stored);
    assert_ne!(stored2, now2);
    // … until the user confirms the links.
    s.confirm_links(&id, "tr-1").unwrap();
    let (stored3, now3) = current(&s);
    assert_eq!(stored3, now3);
}

#[test]
fn acknowledgements_are_stored_replaced_withdrawn_and_travel_with_versions() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(dir.path());
    let id = s
        .create_draft("みどり町", "方針", period())
        .unwrap()
        .meta
        .id;
    assert!(
        s.acknowledge(&id, "E4/digital:engineer/securing", "E4", "   ", "")
            .is_err(),
        "a reason is required"
    );
    s.acknowledge(
        &id,
        "E4/digital:engineer/securing",
        "E4",
        "県の人材プールで確保する",
        "人事係 山田",
    )
    .unwrap();
    s.acknowledge(
        &id,
        "E4/digital:engineer/securing",
        "E4",
        "県の人材プールと共同採用で確保する",
        "人事係 山田",
    )
    .unwrap();
    let d = s.load_draft(&id).unwrap();
    assert_eq!(d.acknowledgements.len(), 1);
    assert_eq!(
        d.acknowledgements[0].reason,
        "県の人材プールと共同採用で確保する"
    );
    let v = s.snapshot(&id, "確認後", VersionKind::Manual).unwrap();
    s.unacknowledge(&id, "E4/digital:engineer/securing")
        .unwrap();
    assert!(s.load_draft(&id).unwrap().acknowledgements.is_empty());
    s.restore_version(&id, v.id).unwrap();
    assert_eq!(s.load_draft(&id).unwrap().acknowledgements.len(), 1);
}

#[test]
fn a_full_disk_refuses_the_save_clearly_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(dir.path());
    let id = s
        .create_draft("みどり町", "方針", period())
        .unwrap()
        .meta
        .id;
    s.set_section(&id, "kihon.shokuinzo", "保存済みの本文")
        .unwrap();
    s.simulate_full_disk(Some(s.page_count().unwrap())).unwrap();
    let e = s
        .set_section(&id, "ikusei.ojt", &"長い本文。".repeat(10_000))
        .unwrap_err();
    assert!(
        !e.is_input_error(),
        "a storage error (exit 3), not bad input"
    );
    assert!(
        e.to_string().contains("ディスクの空きが足りない")
            && e.to_string().contains("保存されていません"),
        "{e}"
    );
    let d = s.load_draft(&id).unwrap();
    assert_eq!(d.sections["kihon.shokuinzo"], "保存済みの本文");
    assert!(
        !d.sections.contains_key("ikusei.ojt"),
        "the failed transaction left nothing half-written"
    );
    assert_eq!(s.integrity_check().unwrap(), "ok");
    s.simulate_full_disk(None).unwrap();
    s.set_section(&id, "ikusei.ojt", &"長い本文。".repeat(10_000))
        .unwrap();
    assert_eq!(
        s.load_draft(&id).unwrap().sections["ikusei.ojt"]
            .chars()
            .count(),
        50_000
    );
}
