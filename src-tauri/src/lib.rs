//! Hoshin's desktop shell: opens the store once, then adapts Tauri commands to it.
//!
//! Every command is a few lines: convert the arguments, call `hoshin_store`, and hand a
//! store error to the UI as its Japanese message (`StoreError::to_string()`).
//! If the store cannot be opened (corrupt file, written by a newer Hoshin, no permission),
//! the window still opens: `store_status` carries the message and every other command
//! answers with it.

use std::path::PathBuf;
use std::sync::Mutex;

use hoshin_model::{Draft, FyRange};
use hoshin_store::{DraftSummary, Store, StoreError};
use serde::Serialize;
use tauri::State;

/// The app's state: the open store, or the Japanese reason it could not be opened.
pub struct AppState {
    data_dir: Option<PathBuf>,
    store: Result<Mutex<Store>, String>,
}

impl AppState {
    /// Open the store in `HOSHIN_DATA_DIR` or the OS data folder. Never panics.
    pub fn open() -> AppState {
        let data_dir = match hoshin_store::resolve_data_dir(None) {
            Ok(d) => d,
            Err(e) => return AppState { data_dir: None, store: Err(e.to_string()) },
        };
        let store = Store::open(&data_dir).map(Mutex::new).map_err(|e| {
            eprintln!("hoshin-app: {e}");
            e.to_string()
        });
        AppState { data_dir: Some(data_dir), store }
    }

    /// Run `f` on the store; errors become the Japanese message shown to the user.
    fn with<T>(&self, f: impl FnOnce(&mut Store) -> Result<T, StoreError>) -> Result<T, String> {
        let store = self.store.as_ref().map_err(Clone::clone)?;
        // A panic in an earlier command rolled its transaction back; the connection is usable.
        let mut guard = store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut guard).map_err(|e| e.to_string())
    }
}

/// What the UI shows before anything else: where the data lives and whether it opened.
#[derive(Debug, Clone, Serialize)]
pub struct StoreStatus {
    pub data_dir: Option<String>,
    /// `None` when the store is open; else the Japanese message to show.
    pub error: Option<String>,
    /// `wal`, or what SQLite fell back to (e.g. on a network share).
    pub journal_mode: Option<String>,
}

#[tauri::command]
fn store_status(state: State<'_, AppState>) -> StoreStatus {
    StoreStatus {
        data_dir: state.data_dir.as_ref().map(|d| d.display().to_string()),
        error: state.store.as_ref().err().cloned(),
        journal_mode: state.with(|s| Ok(s.journal_mode().to_string())).ok(),
    }
}

#[tauri::command]
async fn list_drafts(state: State<'_, AppState>, trash: bool) -> Result<Vec<DraftSummary>, String> {
    state.with(|s| s.list_drafts(trash))
}

#[tauri::command]
async fn create_draft(state: State<'_, AppState>, municipality: String, title: String, from: i32, to: i32) -> Result<DraftSummary, String> {
    state.with(|s| {
        let d = s.create_draft(&municipality, &title, FyRange { from, to })?;
        s.draft_summary(&d.meta.id)
    })
}

#[tauri::command]
async fn load_draft(state: State<'_, AppState>, id: String) -> Result<Draft, String> {
    state.with(|s| s.load_draft(&id))
}

pub fn run() {
    // WebKitGTK ≥ 2.42 can show a blank window with its DMA-BUF renderer on some drivers.
    // Set before any thread starts; a user's own setting wins.
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_DMABUF_RENDERER").is_none() {
        std::env::set_var("WEBKIT_DISABLE_DMABUF_RENDERER", "1");
    }

    let state = AppState::open();
    let result = tauri::Builder::default()
        .manage(state)
        .invoke_handler(tauri::generate_handler![store_status, list_drafts, create_draft, load_draft])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("hoshin-app: ウィンドウを開けませんでした: {e}");
        std::process::exit(1);
    }
}
