//! Hoshin's desktop shell: opens the store once, then adapts Tauri commands to it.
//!
//! Every command is a few lines: convert the arguments, call `hoshin_store` /
//! `hoshin_check` / `hoshin_export`, and hand an error to the UI as its Japanese message.
//! If the store cannot be opened (corrupt file, written by a newer Hoshin, no permission),
//! the window still opens: `store_status` carries the message and every other command
//! answers with it.
//!
//! Every autosave command answers with the fresh `hoshin_check::Report`, so the UI's
//! linkage panel is never older than the last saved keystroke.
//!
//! Files are only ever written to paths the user chose in a native dialog opened here,
//! in Rust: the UI never supplies a path to write.
//!
//! ## End-to-end tests
//! When the environment variable `HOSHIN_E2E_SAVE_DIR` is set at start, save dialogs are
//! skipped: exported files go straight into that folder under their suggested name, and
//! 「フォルダを開く」 does nothing. Likewise `HOSHIN_E2E_OPEN_FILE` names the file that
//! 「現行方針の取り込み」 reads instead of showing the open dialog. Only the WebDriver tests
//! in `tests/e2e` set them.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use hoshin_check::Report;
use hoshin_export::{ExportOptions, MarkdownRenderer, MarkdownTemplates, Renderer};
use hoshin_model::templates::Templates;
use hoshin_model::{Draft, FyRange, Governance, Item};
use hoshin_store::{
    DeleteMode, DraftSummary, MetaPatch, Store, StoreError, VersionInfo, VersionKind,
};
use serde::Serialize;
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;

/// The app's state: the open store, or the Japanese reason it could not be opened.
pub struct AppState {
    data_dir: Option<PathBuf>,
    store: Result<Mutex<Store>, String>,
    templates: Templates,
    /// `HOSHIN_E2E_SAVE_DIR`: tests only, see the module docs.
    e2e_save_dir: Option<PathBuf>,
    /// `HOSHIN_E2E_OPEN_FILE`: tests only, see the module docs.
    e2e_open_file: Option<PathBuf>,
    /// The last file written by an export, for 「フォルダを開く」.
    last_export: Mutex<Option<PathBuf>>,
    /// The old policy read by `pick_old_policy`, until `import_policy` stores it:
    /// (token, file name, outline). The UI only ever holds the token.
    pending_policy: Mutex<Option<(u32, String, hoshin_revise::Outline)>>,
}

impl AppState {
    /// Open the store in `HOSHIN_DATA_DIR` or the OS data folder. Never panics.
    pub fn open() -> AppState {
        let e2e_save_dir = std::env::var_os("HOSHIN_E2E_SAVE_DIR")
            .filter(|s| !s.is_empty())
            .map(PathBuf::from);
        let e2e_open_file = std::env::var_os("HOSHIN_E2E_OPEN_FILE")
            .filter(|s| !s.is_empty())
            .map(PathBuf::from);
        let (data_dir, store) = match hoshin_store::resolve_data_dir(None) {
            Ok(d) => {
                let store = Store::open(&d).map(Mutex::new).map_err(|e| {
                    eprintln!("hoshin-app: {e}");
                    e.to_string()
                });
                (Some(d), store)
            }
            Err(e) => (None, Err(e.to_string())),
        };
        let (templates, warnings) =
            Templates::load(data_dir.as_deref().map(|d| d.join("templates")).as_deref());
        for w in warnings {
            eprintln!("hoshin-app: {}:{}: {}", w.file, w.line, w.message);
        }
        AppState {
            data_dir,
            store,
            templates,
            e2e_save_dir,
            e2e_open_file,
            last_export: Mutex::new(None),
            pending_policy: Mutex::new(None),
        }
    }

    /// Run `f` on the store; errors become the Japanese message shown to the user.
    fn with<T>(&self, f: impl FnOnce(&mut Store) -> Result<T, StoreError>) -> Result<T, String> {
        let store = self.store.as_ref().map_err(Clone::clone)?;
        // A panic in an earlier command rolled its transaction back; the connection is usable.
        let mut guard = store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut guard).map_err(|e| e.to_string())
    }

    /// Run `f` (a change), then check the draft as saved.
    fn change(
        &self,
        draft_id: &str,
        f: impl FnOnce(&mut Store) -> Result<(), StoreError>,
    ) -> Result<Report, String> {
        let draft = self.with(|s| {
            f(s)?;
            s.load_draft(draft_id)
        })?;
        Ok(hoshin_check::check(&draft, &self.templates))
    }

    /// Where a file goes: the user's choice in a native save dialog (None = cancelled),
    /// or the E2E folder.
    fn save_path(
        &self,
        app: &AppHandle,
        name: &str,
        filter: (&str, &[&str]),
    ) -> Result<Option<PathBuf>, String> {
        if let Some(dir) = &self.e2e_save_dir {
            return Ok(Some(dir.join(name)));
        }
        let picked = app
            .dialog()
            .file()
            .set_file_name(name)
            .add_filter(filter.0, filter.1)
            .blocking_save_file();
        picked
            .map(|p| p.into_path().map_err(|e| e.to_string()))
            .transpose()
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
    /// PDF export is compiled in (feature `pdf`).
    pub pdf: bool,
}

/// A built-in sample draft for 見本から作成.
#[derive(Debug, Clone, Serialize)]
pub struct SampleInfo {
    pub name: String,
    pub municipality: String,
    pub title: String,
}

/// The result of an export (`None` from the command when the user cancelled the dialog).
#[derive(Debug, Clone, Serialize)]
pub struct ExportDone {
    pub path: String,
    pub file_name: String,
    pub pages: Option<usize>,
    pub warnings: Vec<String>,
    pub open_errors: u32,
}

/// A file name without characters that Windows or Linux refuse.
fn file_name(stem: &str, ext: &str) -> String {
    let clean: String = stem
        .chars()
        .map(|c| {
            if "\\/:*?\"<>|\0".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let clean = clean.trim().trim_matches('.');
    format!("{}.{ext}", if clean.is_empty() { "hoshin" } else { clean })
}

/// Markdown → HTML for the preview: pulldown-cmark, then ammonia (no scripts, handlers,
/// styles or images; links keep only safe schemes).
/// The export templates: built-ins, shadowed by `<data dir>/templates/export/` (as the CLI).
fn export_templates(state: &AppState) -> MarkdownTemplates {
    MarkdownTemplates::load(
        state
            .data_dir
            .as_deref()
            .map(|d| d.join("templates").join("export"))
            .as_deref(),
    )
}

fn safe_html(markdown: &str) -> String {
    let opts =
        pulldown_cmark::Options::ENABLE_TABLES | pulldown_cmark::Options::ENABLE_STRIKETHROUGH;
    let mut html = String::new();
    // Line breaks typed in a paragraph stay, exactly as in the exported document.
    let markdown = hoshin_export::keep_line_breaks(markdown);
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new_ext(&markdown, opts));
    ammonia::Builder::default()
        .rm_tags(&["img"])
        .clean(&html)
        .to_string()
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes)
        .map_err(|e| format!("{} に書き込めませんでした（{e}）", path.display()))
}

/// An old policy's text as a heading tree: `.docx` when the bytes start with "PK" (a zip),
/// else UTF-8 text (Markdown or plain). Same rules as `hoshin import-policy`.
fn read_policy(name: &str, bytes: &[u8]) -> Result<hoshin_revise::Outline, String> {
    let outline = if bytes.starts_with(b"PK") {
        hoshin_revise::parse_with(&hoshin_revise::docx::to_text(bytes)?, false)
    } else {
        let text = std::str::from_utf8(bytes).map_err(|_| {
            format!("{name} は UTF-8 のテキストではありません。Markdown かテキスト（UTF-8）で保存し直すか、Word 文書（.docx）を選んでください")
        })?;
        hoshin_revise::parse(text.strip_prefix('\u{feff}').unwrap_or(text))
    };
    if outline.sections.iter().all(|s| s.body.trim().is_empty()) {
        return Err(format!("{name} に見出し（第1、1、(1) など）が見つかりません。番号付きの見出しがある方針の本文を選んでください"));
    }
    Ok(outline)
}

/// One side of a comparison: a saved version, or the current draft (`None`).
fn comparison_side(
    s: &mut Store,
    draft_id: &str,
    version: Option<i64>,
) -> Result<(Draft, hoshin_export::comparison::Side), StoreError> {
    use hoshin_export::comparison::Side;
    Ok(match version {
        None => {
            let d = s.load_draft(draft_id)?;
            let at = d.meta.updated_at.clone();
            (
                d,
                Side {
                    label: "現在の下書き".into(),
                    at,
                },
            )
        }
        Some(n) => {
            let v = s
                .versions(draft_id)?
                .into_iter()
                .find(|v| v.id == n)
                .ok_or_else(|| StoreError::VersionNotFound(draft_id.to_string(), n))?;
            let label = format!("版 {} {}", v.id, v.label);
            (
                s.version_draft(draft_id, n)?,
                Side {
                    label,
                    at: v.created_at,
                },
            )
        }
    })
}

/// What the mapping step of 「現行方針の取り込み」 shows.
#[derive(Debug, Clone, Serialize)]
pub struct PolicyImport {
    /// Hand back to `import_policy`; the outline stays in Rust.
    pub token: u32,
    pub file_name: String,
    pub outline: hoshin_revise::Outline,
    pub suggestions: Vec<hoshin_revise::Suggestion>,
}

#[tauri::command]
fn store_status(state: State<'_, AppState>) -> StoreStatus {
    StoreStatus {
        data_dir: state.data_dir.as_ref().map(|d| d.display().to_string()),
        error: state.store.as_ref().err().cloned(),
        journal_mode: state.with(|s| Ok(s.journal_mode().to_string())).ok(),
        pdf: cfg!(feature = "pdf"),
    }
}

#[tauri::command]
fn templates(state: State<'_, AppState>) -> Templates {
    state.templates.clone()
}

#[tauri::command]
fn samples() -> Vec<SampleInfo> {
    hoshin_model::templates::SAMPLES
        .iter()
        .filter_map(|(name, _)| hoshin_model::templates::sample(name).map(|d| (name, d)))
        .map(|(name, d)| SampleInfo {
            name: name.to_string(),
            municipality: d.meta.municipality,
            title: d.meta.title,
        })
        .collect()
}

#[tauri::command]
async fn list_drafts(state: State<'_, AppState>, trash: bool) -> Result<Vec<DraftSummary>, String> {
    state.with(|s| s.list_drafts(trash))
}

#[tauri::command]
async fn create_draft(
    state: State<'_, AppState>,
    municipality: String,
    title: String,
    from: i32,
    to: i32,
) -> Result<DraftSummary, String> {
    state.with(|s| {
        let d = s.create_draft(&municipality, &title, FyRange { from, to })?;
        s.draft_summary(&d.meta.id)
    })
}

#[tauri::command]
async fn create_from_sample(
    state: State<'_, AppState>,
    name: String,
) -> Result<DraftSummary, String> {
    let sample = hoshin_model::templates::sample(&name)
        .ok_or_else(|| format!("見本「{name}」が見つかりません"))?;
    state.with(|s| {
        let d = s.import_draft(&sample)?;
        s.draft_summary(&d.meta.id)
    })
}

#[tauri::command]
async fn duplicate_draft(state: State<'_, AppState>, id: String) -> Result<DraftSummary, String> {
    state.with(|s| {
        let d = s.duplicate_draft(&id)?;
        s.draft_summary(&d.meta.id)
    })
}

#[tauri::command]
async fn rename_draft(
    state: State<'_, AppState>,
    id: String,
    title: String,
) -> Result<DraftSummary, String> {
    state.with(|s| s.rename_draft(&id, &title))
}

#[tauri::command]
async fn trash_draft(state: State<'_, AppState>, id: String, trash: bool) -> Result<(), String> {
    state.with(|s| {
        if trash {
            s.trash_draft(&id)
        } else {
            s.untrash_draft(&id)
        }
    })
}

/// Save the draft as a `.hoshin.json` exchange file (native save dialog).
#[tauri::command]
async fn export_exchange(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
) -> Result<Option<String>, String> {
    let draft = state.with(|s| s.load_draft(&id))?;
    let name = file_name(
        &format!("{}_{}", draft.meta.municipality, draft.meta.title),
        "hoshin.json",
    );
    let Some(path) = state.save_path(&app, &name, ("Hoshin 下書き", &["json"]))? else {
        return Ok(None);
    };
    write_file(
        &path,
        hoshin_model::exchange::to_json(&draft, concat!("hoshin ", env!("CARGO_PKG_VERSION")))
            .as_bytes(),
    )?;
    Ok(Some(path.display().to_string()))
}

/// Read a `.hoshin.json` exchange file (native open dialog) as a new draft.
#[tauri::command]
async fn import_exchange(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<DraftSummary>, String> {
    let picked = app
        .dialog()
        .file()
        .add_filter("Hoshin 下書き", &["json"])
        .blocking_pick_file();
    let Some(path) = picked
        .map(|p| p.into_path().map_err(|e| e.to_string()))
        .transpose()?
    else {
        return Ok(None);
    };
    let bytes = std::fs::read(&path)
        .map_err(|e| format!("{} を読めませんでした（{e}）", path.display()))?;
    let draft = hoshin_model::exchange::parse_bytes(&bytes).map_err(|e| e.to_string())?;
    state.with(|s| {
        let d = s.import_draft(&draft)?;
        s.draft_summary(&d.meta.id).map(Some)
    })
}

#[tauri::command]
async fn load_draft(state: State<'_, AppState>, id: String) -> Result<Draft, String> {
    state.with(|s| s.load_draft(&id))
}

#[tauri::command]
async fn check_draft(state: State<'_, AppState>, id: String) -> Result<Report, String> {
    state.change(&id, |_| Ok(()))
}

#[tauri::command]
async fn set_section(
    state: State<'_, AppState>,
    draft_id: String,
    section_id: String,
    text: String,
) -> Result<Report, String> {
    state.change(&draft_id, |s| s.set_section(&draft_id, &section_id, &text))
}

#[tauri::command]
async fn put_item(
    state: State<'_, AppState>,
    draft_id: String,
    item: Item,
) -> Result<Report, String> {
    state.change(&draft_id, |s| s.put_item(&draft_id, &item))
}

/// Delete an item; links to it from other items are removed first.
#[tauri::command]
async fn delete_item(
    state: State<'_, AppState>,
    draft_id: String,
    item_id: String,
) -> Result<Report, String> {
    state.change(&draft_id, |s| {
        s.delete_item(&draft_id, &item_id, DeleteMode::Unlink)
            .map(drop)
    })
}

#[tauri::command]
async fn set_governance(
    state: State<'_, AppState>,
    draft_id: String,
    governance: Governance,
) -> Result<Report, String> {
    state.change(&draft_id, |s| s.set_governance(&draft_id, &governance))
}

#[tauri::command]
async fn update_meta(
    state: State<'_, AppState>,
    draft_id: String,
    patch: MetaPatch,
) -> Result<DraftSummary, String> {
    state.with(|s| s.update_meta(&draft_id, &patch))
}

#[tauri::command]
async fn acknowledge(
    state: State<'_, AppState>,
    draft_id: String,
    key: String,
    rule: String,
    reason: String,
) -> Result<Report, String> {
    if reason.trim().is_empty() {
        return Err("確認済みにする理由を書いてください".into());
    }
    state.change(&draft_id, |s| {
        s.acknowledge(&draft_id, &key, &rule, reason.trim(), "")
            .map(drop)
    })
}

#[tauri::command]
async fn unacknowledge(
    state: State<'_, AppState>,
    draft_id: String,
    key: String,
) -> Result<Report, String> {
    state.change(&draft_id, |s| s.unacknowledge(&draft_id, &key))
}

#[tauri::command]
async fn confirm_links(
    state: State<'_, AppState>,
    draft_id: String,
    item_id: String,
) -> Result<Report, String> {
    state.change(&draft_id, |s| s.confirm_links(&draft_id, &item_id))
}

#[tauri::command]
async fn snapshot(
    state: State<'_, AppState>,
    draft_id: String,
    label: String,
) -> Result<VersionInfo, String> {
    state.with(|s| s.snapshot(&draft_id, label.trim(), VersionKind::Manual))
}

#[tauri::command]
async fn versions(
    state: State<'_, AppState>,
    draft_id: String,
) -> Result<Vec<VersionInfo>, String> {
    state.with(|s| s.versions(&draft_id))
}

/// A saved version, rendered read-only (the Markdown export as sanitised HTML).
#[tauri::command]
async fn version_preview(
    state: State<'_, AppState>,
    draft_id: String,
    version: i64,
) -> Result<String, String> {
    let d = state.with(|s| s.version_draft(&draft_id, version))?;
    let md = hoshin_export::export(
        &d,
        &state.templates,
        &MarkdownTemplates::builtin(),
        &MarkdownRenderer,
        &ExportOptions::default(),
    )
    .map_err(|e| e.to_string())?;
    Ok(safe_html(&String::from_utf8_lossy(&md.bytes)))
}

/// Restore a version (the store saves the current state as a version first).
#[tauri::command]
async fn restore_version(
    state: State<'_, AppState>,
    draft_id: String,
    version: i64,
) -> Result<Draft, String> {
    state.with(|s| {
        s.restore_version(&draft_id, version)?;
        s.load_draft(&draft_id)
    })
}

#[tauri::command]
fn render_markdown(text: String) -> String {
    safe_html(&text)
}

fn renderer(format: &str) -> Result<Box<dyn Renderer>, String> {
    match format {
        "md" => Ok(Box::new(MarkdownRenderer)),
        #[cfg(feature = "pdf")]
        "pdf" => Ok(Box::new(
            hoshin_export::PdfRenderer::shared().map_err(|e| e.to_string())?,
        )),
        #[cfg(not(feature = "pdf"))]
        "pdf" => {
            Err("この版の Hoshin では PDF を書き出せません。Markdown で書き出してください".into())
        }
        other => Err(format!("書き出し形式「{other}」には対応していません")),
    }
}

/// Export the draft as Markdown or PDF to a file chosen in a native save dialog.
#[tauri::command]
async fn export_document(
    app: AppHandle,
    state: State<'_, AppState>,
    draft_id: String,
    format: String,
    appendix: bool,
) -> Result<Option<ExportDone>, String> {
    let renderer = renderer(&format)?;
    let draft = state.with(|s| s.load_draft(&draft_id))?;
    let name = file_name(
        &format!("{}_{}", draft.meta.municipality, draft.meta.title),
        renderer.extension(),
    );
    let filter = if format == "pdf" {
        ("PDF", &["pdf"][..])
    } else {
        ("Markdown", &["md"][..])
    };
    let Some(path) = state.save_path(&app, &name, filter)? else {
        return Ok(None);
    };
    let markdown = export_templates(&state);
    let out = hoshin_export::export(
        &draft,
        &state.templates,
        &markdown,
        renderer.as_ref(),
        &ExportOptions {
            appendix,
            date: None,
        },
    )
    .map_err(|e| e.to_string())?;
    write_file(&path, &out.bytes)?;
    *state.last_export.lock().unwrap_or_else(|p| p.into_inner()) = Some(path.clone());
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Some(ExportDone {
        path: path.display().to_string(),
        file_name,
        pages: out.pages,
        warnings: out.warnings,
        open_errors: out.report.open_errors,
    }))
}

/// 「現行方針の取り込み」 step 1: pick the old policy (native open dialog), read and parse it,
/// and suggest a guideline item for each section. `None` when the dialog was cancelled.
#[tauri::command]
async fn pick_old_policy(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<PolicyImport>, String> {
    let path = match &state.e2e_open_file {
        Some(p) => p.clone(),
        None => {
            let picked = app
                .dialog()
                .file()
                .add_filter(
                    "現行の方針（Markdown・テキスト・Word）",
                    &["md", "txt", "docx"],
                )
                .blocking_pick_file();
            match picked
                .map(|p| p.into_path().map_err(|e| e.to_string()))
                .transpose()?
            {
                Some(p) => p,
                None => return Ok(None),
            }
        }
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let bytes = std::fs::read(&path)
        .map_err(|e| format!("{} を読めませんでした（{e}）", path.display()))?;
    let outline = read_policy(&file_name, &bytes)?;
    let suggestions = hoshin_revise::suggest(&outline, &state.templates);
    let token = new_token();
    *state
        .pending_policy
        .lock()
        .unwrap_or_else(|p| p.into_inner()) = Some((token, file_name.clone(), outline.clone()));
    Ok(Some(PolicyImport {
        token,
        file_name,
        outline,
        suggestions,
    }))
}

fn new_token() -> u32 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default(),
    );
    h.finish() as u32
}

/// 「現行方針の取り込み」 step 2: store the old policy, mapped as the user confirmed
/// (section index → guideline item id or `null` for 対応なし), as the draft's baseline version.
#[tauri::command]
async fn import_policy(
    state: State<'_, AppState>,
    draft_id: String,
    token: u32,
    mapping: Vec<(usize, Option<String>)>,
) -> Result<VersionInfo, String> {
    let (file_name, outline) = match &*state
        .pending_policy
        .lock()
        .unwrap_or_else(|p| p.into_inner())
    {
        Some((t, name, outline)) if *t == token => (name.clone(), outline.clone()),
        _ => {
            return Err(
                "取り込むファイルの情報が見つかりません。もう一度ファイルを選んでください".into(),
            )
        }
    };
    if let Some(id) = mapping
        .iter()
        .filter_map(|(_, i)| i.as_deref())
        .find(|i| state.templates.item(i).is_none())
    {
        return Err(format!("指針の項目「{id}」はありません"));
    }
    let v = state.with(|s| {
        let draft = s.load_draft(&draft_id)?;
        let base = hoshin_revise::baseline(&draft, &outline, &mapping);
        s.add_version(
            &draft_id,
            &base,
            &format!("現行方針（{file_name} から取り込み）"),
            VersionKind::Baseline,
        )
    })?;
    *state
        .pending_policy
        .lock()
        .unwrap_or_else(|p| p.into_inner()) = None;
    Ok(v)
}

/// The rows of a 新旧対照表 between two versions (`null` = the current draft).
#[tauri::command]
async fn compare_versions(
    state: State<'_, AppState>,
    draft_id: String,
    old: Option<i64>,
    new: Option<i64>,
) -> Result<Vec<hoshin_revise::Row>, String> {
    let (o, n) = state.with(|s| {
        Ok((
            comparison_side(s, &draft_id, old)?.0,
            comparison_side(s, &draft_id, new)?.0,
        ))
    })?;
    Ok(hoshin_revise::compare(&o, &n, &state.templates))
}

/// Export the 新旧対照表 as Markdown or PDF to a file chosen in a native save dialog.
#[tauri::command]
#[allow(clippy::too_many_arguments)]
async fn export_comparison(
    app: AppHandle,
    state: State<'_, AppState>,
    draft_id: String,
    old: Option<i64>,
    new: Option<i64>,
    format: String,
    adopted: bool,
    all: bool,
) -> Result<Option<ExportDone>, String> {
    let renderer = renderer(&format)?;
    let ((o, o_side), (n, n_side)) = state.with(|s| {
        Ok((
            comparison_side(s, &draft_id, old)?,
            comparison_side(s, &draft_id, new)?,
        ))
    })?;
    let name = file_name(
        &format!("{}_{}_新旧対照表", n.meta.municipality, n.meta.title),
        renderer.extension(),
    );
    let filter = if format == "pdf" {
        ("PDF", &["pdf"][..])
    } else {
        ("Markdown", &["md"][..])
    };
    let Some(path) = state.save_path(&app, &name, filter)? else {
        return Ok(None);
    };
    let rows = hoshin_revise::compare(&o, &n, &state.templates);
    let doc = hoshin_export::comparison::build_comparison(
        &n.meta.title,
        &n.meta.municipality,
        &o_side,
        &n_side,
        &rows,
        adopted,
        all,
    );
    let markdown = export_templates(&state);
    let out = hoshin_export::export_comparison(&doc, &markdown, renderer.as_ref())
        .map_err(|e| e.to_string())?;
    write_file(&path, &out.bytes)?;
    *state.last_export.lock().unwrap_or_else(|p| p.into_inner()) = Some(path.clone());
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Some(ExportDone {
        path: path.display().to_string(),
        file_name,
        pages: out.pages,
        warnings: out.warnings,
        open_errors: 0,
    }))
}

/// Show the last exported file in the system's file manager (the UI never names a path).
#[tauri::command]
async fn reveal_export(state: State<'_, AppState>) -> Result<(), String> {
    let path = state
        .last_export
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone()
        .ok_or("まだ書き出していません")?;
    if state.e2e_save_dir.is_some() {
        return Ok(());
    }
    tauri_plugin_opener::reveal_item_in_dir(&path)
        .map_err(|e| format!("フォルダを開けませんでした（{e}）"))
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
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            store_status,
            templates,
            samples,
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
            update_meta,
            acknowledge,
            unacknowledge,
            confirm_links,
            snapshot,
            versions,
            version_preview,
            restore_version,
            render_markdown,
            export_document,
            reveal_export,
            pick_old_policy,
            import_policy,
            compare_versions,
            export_comparison,
        ])
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preview_keeps_typed_line_breaks_like_the_export() {
        let html = safe_html("1 住民の声を聴く職員\n2 挑戦する職員\n\n次の段落");
        assert!(html.contains("職員<br"), "{html}");
        assert_eq!(html.matches("<p>").count(), 2, "{html}");
    }

    #[test]
    fn preview_drops_scripts_and_handlers() {
        let html = safe_html("# 見出し\n\n<img src=x onerror=alert(1)><script>alert(2)</script>\n\n[a](javascript:alert(3))");
        assert!(html.contains("<h1>見出し</h1>"), "{html}");
        assert!(
            !html.contains("onerror")
                && !html.contains("<img")
                && !html.contains("<script")
                && !html.contains("javascript:"),
            "{html}"
        );
    }

    #[test]
    fn old_policies_are_read_as_text_or_refused() {
        let o = read_policy(
            "a.txt",
            "\u{feff}第１　目指すべき職員像\n\n　町民の立場で考える職員。\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(o.sections[0].title, "目指すべき職員像");
        let e = read_policy("b.txt", &[0x82, 0xa0, 0xff]).unwrap_err();
        assert!(e.contains("UTF-8"), "{e}");
        let e = read_policy("c.txt", "見出しのない文章".as_bytes()).unwrap_err();
        assert!(e.contains("見出し"), "{e}");
        let e = read_policy("d.docx", b"PK\x03\x04broken").unwrap_err();
        assert!(!e.is_empty());
    }

    #[test]
    fn file_names_are_safe() {
        assert_eq!(file_name("○○町/方針: 案?", "pdf"), "○○町_方針_ 案_.pdf");
        assert_eq!(file_name("..", "md"), "hoshin.md");
    }
}
