//! Hoshin's desktop shell: setup, window events and the command adapters in `commands`.
//! Every operation lives in `hoshin_ops`; a command converts its arguments and delegates.
//!
//! If the store cannot be opened (corrupt file, written by a newer Hoshin, locked), the
//! window still opens: `store_status` carries the coded error, so the UI can offer to restore
//! a backup or explain what is needed.
//!
//! ## End-to-end tests
//! When `HOSHIN_E2E_SAVE_DIR` is set at start, save dialogs are skipped: exported files go
//! straight into that folder under their suggested name, and 「フォルダを開く」 does nothing.
//! Likewise `HOSHIN_E2E_OPEN_FILE` names the file that 「現行方針の取り込み」 and
//! 「Excelから取り込む」 read instead of showing the open dialog, and `HOSHIN_E2E_OPEN_FILES` (paths
//! joined by the OS path-list separator, like `PATH`) the files 「交換ファイルを選ぶ…」 of
//! 研究会モード reads. Only the WebDriver tests in `tests/e2e` set them.

pub mod commands;
pub mod state;

use tauri::{ipc::Invoke, Manager, Runtime};

pub use state::AppState;

/// Every command the UI may call (each also needs its `allow-…` permission in
/// `capabilities/main.json`).
pub fn handler<R: Runtime>() -> impl Fn(Invoke<R>) -> bool + Send + Sync + 'static {
    use commands::*;
    tauri::generate_handler![
        store_status,
        templates,
        samples,
        text_limits,
        list_drafts,
        create_draft,
        create_from_sample,
        duplicate_draft,
        rename_draft,
        trash_draft,
        export_exchange,
        import_exchange,
        load_draft,
        check_draft,
        set_section,
        put_item,
        delete_item,
        set_governance,
        set_scope,
        progress,
        set_results,
        workforce,
        set_workforce,
        update_meta,
        acknowledge,
        unacknowledge,
        confirm_links,
        lint,
        fix_style,
        snapshot,
        versions,
        version_preview,
        restore_version,
        render_markdown,
        export_document,
        export_review,
        export_summary,
        reveal_export,
        pick_old_policy,
        import_policy,
        pick_plan_workbook,
        apply_plan_workbook,
        compare_versions,
        export_comparison,
        pick_drafts_to_compare,
        drafts_preview,
        export_drafts,
        export_worksheet,
        backups,
        restore_backup,
    ]
}

pub fn run() {
    // WebKitGTK ≥ 2.42 can show a blank window with its DMA-BUF renderer on some drivers.
    // Set before any thread starts; a user's own setting wins.
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_DMABUF_RENDERER").is_none() {
        std::env::set_var("WEBKIT_DISABLE_DMABUF_RENDERER", "1");
    }

    let result = tauri::Builder::default()
        // First: a second start only focuses the window that is already open.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.show();
                let _ = w.set_focus();
            }
        }))
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(AppState::from_env())
        .invoke_handler(handler())
        .build(tauri::generate_context!());
    let app = match result {
        Ok(app) => app,
        Err(e) => {
            eprintln!("hoshin-app: ウィンドウを開けませんでした: {e}");
            std::process::exit(1);
        }
    };
    app.run(|_app, event| {
        // Every autosave is its own committed transaction, so nothing is pending in Rust.
        // The UI flushes its debounced edit in `onCloseRequested` before the window goes;
        // the store's connection is closed (WAL checkpointed) when the state is dropped.
        if let tauri::RunEvent::ExitRequested { .. } = event {}
    });
}
