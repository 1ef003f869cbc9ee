//! Purging a draft from the trash, whatever it holds.

use hoshin_store::{Store, StoreError};

/// Fuzzing (fuzz/, target exchange, which purges every draft it imports): a sample draft
/// with 実績 could not be purged. Its results rows do not cascade with the items, so the
/// delete failed with 「データベースの処理に失敗しました: FOREIGN KEY constraint failed」.
#[test]
fn a_draft_with_results_can_be_purged() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(dir.path()).unwrap();
    let mut with_results = 0;
    for name in ["town-8000", "city-300000", "prefecture"] {
        let d = hoshin_model::templates::sample(name).unwrap();
        with_results += d.results.len();
        let stored = s.import_draft(&d).unwrap();
        let id = stored.meta.id;
        s.trash_draft(&id).unwrap();
        s.purge_draft(&id)
            .unwrap_or_else(|e| panic!("purge {name}: {e}"));
        assert!(matches!(
            s.load_draft(&id),
            Err(StoreError::DraftNotFound(_))
        ));
    }
    assert!(
        with_results > 0,
        "no sample has results: the test proves nothing"
    );
    assert!(s.list_drafts(true).unwrap().is_empty());
}
