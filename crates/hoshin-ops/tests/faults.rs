//! The database file changing under an open workspace (the app's failure paths without the
//! window; `tests/e2e/tests/faults.rs` drives the same through the real app).

use hoshin_model::FyRange;
use hoshin_ops::{ErrorCode, Workspace};
use hoshin_store::DB_FILE;

const SECTION: &str = "kihon.noryoku";

/// Overwrite the database file's header in place, as another program might.
fn damage_header(dir: &std::path::Path) {
    use std::io::{Seek, SeekFrom, Write};
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .open(dir.join(DB_FILE))
        .unwrap();
    f.seek(SeekFrom::Start(0)).unwrap();
    f.write_all(b"this is no longer a database!!!!").unwrap();
}

fn workspace_with_draft(dir: &std::path::Path) -> (Workspace, String) {
    let mut ws = Workspace::open(Some(dir));
    let d = ws
        .create_draft(
            "みどり町",
            "方針",
            FyRange {
                from: 2025,
                to: 2029,
            },
        )
        .unwrap();
    ws.set_section(&d.id, SECTION, "一つ目。").unwrap();
    (ws, d.id)
}

#[test]
fn a_database_deleted_while_open_is_written_back_and_nothing_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, id) = workspace_with_draft(dir.path());
    for side in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(dir.path().join(format!("{DB_FILE}{side}")));
    }
    // A read comes first (the app re-checks, lints, previews): it is answered from the file
    // written back, and the next save is the one told what happened.
    assert_eq!(ws.load_draft(&id).unwrap().sections[SECTION], "一つ目。");
    let e = ws.set_section(&id, SECTION, "二つ目。").unwrap_err();
    assert_eq!(e.code, ErrorCode::StoreUnavailable);
    assert!(e.retry, "the autosave tries again");
    assert!(
        e.message.contains("削除されていました") && e.message.contains("作り直しました"),
        "{}",
        e.message
    );
    assert!(dir.path().join(DB_FILE).exists(), "written back");
    // The retry goes into the file written back, which holds everything saved before.
    ws.set_section(&id, SECTION, "一つ目。二つ目。").unwrap();
    drop(ws);
    let mut again = Workspace::open(Some(dir.path()));
    let d = again.load_draft(&id).unwrap();
    assert_eq!(d.sections[SECTION], "一つ目。二つ目。");
    assert_eq!(again.store().unwrap().integrity_check().unwrap(), "ok");
}

#[test]
fn a_database_overwritten_while_open_is_reported_as_damaged_with_its_backups() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, id) = workspace_with_draft(dir.path());
    ws.store().unwrap().backup_now("auto", 10).unwrap();
    // Everything in the file itself (the write-ahead log folded in), then damaged.
    rusqlite::Connection::open(dir.path().join(DB_FILE))
        .unwrap()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
    damage_header(dir.path());
    let e = ws.set_section(&id, SECTION, "二つ目。").unwrap_err();
    assert_eq!(e.code, ErrorCode::StoreCorrupt);
    assert!(!e.retry);
    assert!(e.message.contains("壊れています"), "{}", e.message);
    assert!(e.hint.contains("バックアップから復元"), "{}", e.hint);
    // The app's first screen now offers the backups; a restore brings the draft back.
    let status = ws.status();
    assert_eq!(status.error.map(|e| e.code), Some(ErrorCode::StoreCorrupt));
    assert_eq!(status.backups.len(), 1);
    ws.restore_backup(None).unwrap();
    assert_eq!(ws.load_draft(&id).unwrap().sections[SECTION], "一つ目。");
}

#[test]
fn a_database_replaced_while_open_keeps_what_was_open_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, id) = workspace_with_draft(dir.path());
    // Another program puts a different (sound) database in its place.
    let other = tempfile::tempdir().unwrap();
    drop(Workspace::open(Some(other.path())).store().map(|_| ()));
    let db = dir.path().join(DB_FILE);
    std::fs::remove_file(&db).unwrap();
    std::fs::copy(other.path().join(DB_FILE), &db).unwrap();

    let e = ws.set_section(&id, SECTION, "二つ目。").unwrap_err();
    assert_eq!(e.code, ErrorCode::StoreUnavailable);
    assert!(e.message.contains("置き換えられました"), "{}", e.message);
    let kept: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains(".rescued-"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    let conn = rusqlite::Connection::open(&kept[0]).unwrap();
    let text: String = conn
        .query_row(
            "SELECT body FROM sections WHERE draft_id = ?1 AND section_id = ?2",
            [&id, SECTION],
            |r| r.get(0),
        )
        .unwrap_or_default();
    assert_eq!(text, "一つ目。", "what was open is kept");
    assert!(message_names(&e.message, &kept[0]));
}

#[test]
fn a_header_overwritten_while_its_first_page_is_in_the_log_is_written_back() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, id) = workspace_with_draft(dir.path());
    // The last save put the first page in the write-ahead log; the file's header is damaged.
    damage_header(dir.path());
    let e = ws
        .set_section(&id, SECTION, "一つ目。二つ目。")
        .unwrap_err();
    match e.code {
        // Folded back in from the log: said so, and the retry saves.
        ErrorCode::StoreUnavailable => {
            assert!(e.retry && e.message.contains("書き戻し"), "{}", e.message);
            ws.set_section(&id, SECTION, "一つ目。二つ目。").unwrap();
            assert_eq!(
                ws.load_draft(&id).unwrap().sections[SECTION],
                "一つ目。二つ目。"
            );
            assert_eq!(ws.store().unwrap().integrity_check().unwrap(), "ok");
        }
        // The first page was not in the log after all: damaged, as in the test above.
        ErrorCode::StoreCorrupt => assert!(!e.retry),
        other => panic!("unexpected {other:?}: {}", e.message),
    }
}

fn message_names(message: &str, path: &std::path::Path) -> bool {
    message.contains(&path.display().to_string())
}
