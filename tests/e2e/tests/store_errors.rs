//! The app's first screen when the database cannot be used: a damaged file offers its backups
//! and a restore reopens the drafts; a file from a newer Hoshin is refused, its version named,
//! and left untouched.

mod common;

use common::{dirs, App, R};
use hoshin_store::{Store, DB_FILE};
use serde_json::json;

/// A store holding one draft (from a sample) and one backup of it.
fn store_with_backup(data: &std::path::Path) -> String {
    let mut s = Store::open(data).unwrap();
    let d = hoshin_model::templates::sample("town-8000").unwrap();
    let municipality = s.import_draft(&d).unwrap().meta.municipality;
    s.backup_now("auto", 10).unwrap();
    municipality
}

#[tokio::test]
async fn a_corrupt_database_offers_its_backups_and_a_restore_reopens_the_drafts() -> R {
    let d = dirs();
    let municipality = store_with_backup(d.data.path());
    // Damage the file: the header no longer says SQLite.
    let db = d.data.path().join(DB_FILE);
    let mut bytes = std::fs::read(&db)?;
    bytes[..32].copy_from_slice(b"this is no longer a database!!!!");
    std::fs::write(&db, &bytes)?;
    for side in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(d.data.path().join(format!("{DB_FILE}{side}")));
    }

    let app = App::start(d.data.path(), d.save.path()).await?;
    app.css("[data-store-error=\"store.corrupt\"]").await?;
    let text = app
        .js(
            "return document.querySelector('[data-store-error]').innerText",
            vec![],
        )
        .await?;
    let text = text.as_str().unwrap_or_default();
    assert!(
        text.contains("壊れています") && text.contains("バックアップから復元"),
        "{text}"
    );
    // The backup is listed with its date, and chosen.
    app.wait_js(
        "return document.querySelectorAll('[data-backup]').length === 1 && document.querySelector('[data-backup]').checked",
        "the backup, chosen",
    )
    .await?;
    assert!(
        !text.contains("hoshin restore-backup"),
        "no terminal command for desktop users: {text}"
    );

    app.click("#restore-backup").await?;
    app.click("#restore-confirm").await?;
    app.wait_js_args(
        "return !!document.querySelector(`[data-draft-id][data-municipality=\"${arguments[0]}\"]`)",
        vec![json!(municipality)],
        "the drafts list after the restore",
    )
    .await?;
    let notice = app
        .js(
            "return document.querySelector('.notice')?.textContent ?? ''",
            vec![],
        )
        .await?;
    assert!(
        notice.as_str().unwrap_or_default().contains("復元しました"),
        "{notice}"
    );
    app.quit().await?;
    // The damaged file is kept beside the restored one.
    assert!(
        common::damaged_file_kept(d.data.path()),
        "the damaged file is kept"
    );
    Ok(())
}

#[tokio::test]
async fn a_newer_database_is_refused_with_its_version_and_left_untouched() -> R {
    let d = dirs();
    store_with_backup(d.data.path());
    let db = d.data.path().join(DB_FILE);
    {
        let c = rusqlite::Connection::open(&db)?;
        c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA user_version = 99;")?;
    }
    let before = std::fs::read(&db)?;

    let app = App::start(d.data.path(), d.save.path()).await?;
    app.css("[data-store-error=\"store.newer_version\"]")
        .await?;
    let text = app
        .js(
            "return document.querySelector('[data-store-error]').innerText",
            vec![],
        )
        .await?;
    let text = text.as_str().unwrap_or_default().to_string();
    assert!(
        text.contains("形式 99"),
        "the version found is named: {text}"
    );
    assert!(text.contains("新しい版の Hoshin"), "{text}");
    assert!(
        app.js(
            "return document.querySelectorAll('#restore-backup').length",
            vec![]
        )
        .await?
            == json!(0),
        "no restore is offered for a newer file"
    );
    app.quit().await?;
    assert_eq!(std::fs::read(&db)?, before, "the file is untouched");
    Ok(())
}
