fn main() {
    // Declaring the app's commands makes tauri-build generate an `allow-<command>` permission
    // for each; only the ones granted in capabilities/ can be invoked from the webview.
    let manifest = tauri_build::AppManifest::new().commands(&["store_status", "list_drafts", "create_draft", "load_draft"]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest)).expect("tauri-build failed");
}
