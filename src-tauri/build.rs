fn main() {
    // Declaring the app's commands makes tauri-build generate an `allow-<command>` permission
    // for each; only the ones granted in capabilities/ can be invoked from the webview.
    let manifest = tauri_build::AppManifest::new().commands(&[
        "store_status",
        "templates",
        "samples",
        "list_drafts",
        "create_draft",
        "create_from_sample",
        "duplicate_draft",
        "rename_draft",
        "trash_draft",
        "export_exchange",
        "import_exchange",
        "load_draft",
        "check_draft",
        "set_section",
        "put_item",
        "delete_item",
        "set_governance",
        "set_scope",
        "update_meta",
        "acknowledge",
        "unacknowledge",
        "confirm_links",
        "snapshot",
        "versions",
        "version_preview",
        "restore_version",
        "render_markdown",
        "export_document",
        "reveal_export",
        "pick_old_policy",
        "import_policy",
        "compare_versions",
        "export_comparison",
        "backups",
        "restore_backup",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri-build failed");
}
