//! The Tauri commands: each converts its arguments, calls one `hoshin_ops::Workspace`
//! operation and hands back the result or the coded error `{ code, message, hint }`.
//! Files are only written to paths the user chose in a native dialog opened here.

use hoshin_check::Report;
use hoshin_lint::{FixAt, StyleFinding};
use hoshin_model::templates::Templates;
use hoshin_model::{Draft, FyRange, Governance, Item, StaffScope};
use hoshin_ops::{
    files, BackupInfo, ComparisonOptions, DraftsComparison, Error, ExportDone, Format, Imported,
    PlanApplied, PlanImport, PolicyImport, Result, SampleInfo, StoreStatus, StyleFixed, VersionRef,
    Workspace,
};
use hoshin_store::{DraftSummary, MetaPatch, VersionInfo};
use tauri::{AppHandle, Runtime, State};

use crate::state::AppState;

#[tauri::command]
pub fn store_status(state: State<'_, AppState>) -> StoreStatus {
    state.ws(|w| Ok(w.status())).expect("status never fails")
}

#[tauri::command]
pub fn templates(state: State<'_, AppState>) -> Templates {
    state
        .ws(|w| Ok(w.templates().clone()))
        .expect("templates are always loaded")
}

/// The text limits, for refusing an oversized paste before anything is sent.
#[tauri::command]
pub fn text_limits() -> hoshin_model::validate::TextLimits {
    hoshin_model::validate::TEXT_LIMITS
}

#[tauri::command]
pub fn samples() -> Vec<SampleInfo> {
    Workspace::samples()
}

#[tauri::command]
pub async fn list_drafts(state: State<'_, AppState>, trash: bool) -> Result<Vec<DraftSummary>> {
    state.ws(|w| w.list_drafts(trash))
}

#[tauri::command]
pub async fn create_draft(
    state: State<'_, AppState>,
    municipality: String,
    title: String,
    from: i32,
    to: i32,
) -> Result<DraftSummary> {
    state.ws(|w| w.create_draft(&municipality, &title, FyRange { from, to }))
}

#[tauri::command]
pub async fn create_from_sample(state: State<'_, AppState>, name: String) -> Result<DraftSummary> {
    state.ws(|w| w.create_from_sample(&name))
}

#[tauri::command]
pub async fn duplicate_draft(state: State<'_, AppState>, id: String) -> Result<DraftSummary> {
    state.ws(|w| w.duplicate_draft(&id))
}

#[tauri::command]
pub async fn rename_draft(
    state: State<'_, AppState>,
    id: String,
    title: String,
) -> Result<DraftSummary> {
    state.ws(|w| w.rename_draft(&id, &title))
}

#[tauri::command]
pub async fn trash_draft(state: State<'_, AppState>, id: String, trash: bool) -> Result<()> {
    state.ws(|w| w.set_trashed(&id, trash))
}

/// Save the draft as a `.hoshin.json` exchange file (native save dialog; `None` = cancelled).
#[tauri::command]
pub async fn export_exchange<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: String,
) -> Result<Option<String>> {
    let (json, name) = state.ws(|w| w.exchange_file(&id))?;
    let Some(path) = state.save_path(&app, &name, ("Hoshin 下書き", &["json"]))? else {
        return Ok(None);
    };
    files::write_atomically(&path, json.as_bytes())?;
    Ok(Some(path.display().to_string()))
}

/// Read a `.hoshin.json` exchange file (native open dialog) as a new draft.
#[tauri::command]
pub async fn import_exchange<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<Option<Imported>> {
    let Some(path) = state.open_path(&app, ("Hoshin 下書き", &["json"]), None)? else {
        return Ok(None);
    };
    let bytes = files::read_exchange(&path)?;
    state.ws(|w| w.import_exchange(&bytes)).map(Some)
}

#[tauri::command]
pub async fn load_draft(state: State<'_, AppState>, id: String) -> Result<Draft> {
    state.ws(|w| w.load_draft(&id))
}

#[tauri::command]
pub async fn check_draft(state: State<'_, AppState>, id: String) -> Result<Report> {
    state.ws(|w| w.check(&id)).map(|(_, r)| r)
}

#[tauri::command]
pub async fn set_section(
    state: State<'_, AppState>,
    draft_id: String,
    section_id: String,
    text: String,
) -> Result<Report> {
    state.ws(|w| w.set_section(&draft_id, &section_id, &text))
}

#[tauri::command]
pub async fn put_item(state: State<'_, AppState>, draft_id: String, item: Item) -> Result<Report> {
    state.ws(|w| w.put_item(&draft_id, &item))
}

#[tauri::command]
pub async fn delete_item(
    state: State<'_, AppState>,
    draft_id: String,
    item_id: String,
) -> Result<Report> {
    state.ws(|w| w.delete_item(&draft_id, &item_id))
}

#[tauri::command]
pub async fn set_governance(
    state: State<'_, AppState>,
    draft_id: String,
    governance: Governance,
) -> Result<Report> {
    state.ws(|w| w.set_governance(&draft_id, &governance))
}

#[tauri::command]
pub async fn progress(
    state: State<'_, AppState>,
    draft_id: String,
) -> Result<Vec<hoshin_ops::progress::IndicatorProgress>> {
    state.ws(|w| w.progress(&draft_id))
}

#[tauri::command]
pub async fn set_results(
    state: State<'_, AppState>,
    draft_id: String,
    results: Vec<hoshin_model::YearResult>,
) -> Result<Report> {
    state.ws(|w| w.set_results(&draft_id, &results))
}

#[tauri::command]
pub async fn workforce(
    state: State<'_, AppState>,
    draft_id: String,
) -> Result<Vec<hoshin_model::workforce::ProjectionRow>> {
    state.ws(|w| w.workforce(&draft_id))
}

#[tauri::command]
pub async fn set_workforce(
    state: State<'_, AppState>,
    draft_id: String,
    workforce: hoshin_model::Workforce,
) -> Result<Report> {
    state.ws(|w| w.set_workforce(&draft_id, &workforce))
}

#[tauri::command]
pub async fn set_scope(
    state: State<'_, AppState>,
    draft_id: String,
    scope: StaffScope,
) -> Result<Report> {
    state.ws(|w| w.set_scope(&draft_id, &scope))
}

#[tauri::command]
pub async fn update_meta(
    state: State<'_, AppState>,
    draft_id: String,
    patch: MetaPatch,
) -> Result<DraftSummary> {
    state.ws(|w| w.update_meta(&draft_id, &patch))
}

/// Accept a finding with a reason (the rule comes from the finding itself).
#[tauri::command]
pub async fn acknowledge(
    state: State<'_, AppState>,
    draft_id: String,
    key: String,
    reason: String,
) -> Result<Report> {
    state.ws(|w| w.acknowledge(&draft_id, &key, &reason, ""))
}

#[tauri::command]
pub async fn unacknowledge(
    state: State<'_, AppState>,
    draft_id: String,
    key: String,
) -> Result<Report> {
    state.ws(|w| w.unacknowledge(&draft_id, &key))
}

#[tauri::command]
pub async fn confirm_links(
    state: State<'_, AppState>,
    draft_id: String,
    item_id: String,
) -> Result<Report> {
    state.ws(|w| w.confirm_links(&draft_id, &item_id))
}

/// The 公用文 style check of every text in the draft.
#[tauri::command]
pub async fn lint(state: State<'_, AppState>, draft_id: String) -> Result<Vec<StyleFinding>> {
    state.ws(|w| w.lint(&draft_id))
}

/// Apply style fixes: every safe fix of `rule` (「すべて修正」), or else the `fixes` chosen.
#[tauri::command]
pub async fn fix_style(
    state: State<'_, AppState>,
    draft_id: String,
    rule: Option<String>,
    fixes: Vec<FixAt>,
) -> Result<StyleFixed> {
    state.ws(|w| w.fix_style(&draft_id, rule.as_deref(), &fixes))
}

#[tauri::command]
pub async fn snapshot(
    state: State<'_, AppState>,
    draft_id: String,
    label: String,
) -> Result<VersionInfo> {
    state.ws(|w| w.snapshot(&draft_id, &label))
}

#[tauri::command]
pub async fn versions(state: State<'_, AppState>, draft_id: String) -> Result<Vec<VersionInfo>> {
    state.ws(|w| w.versions(&draft_id))
}

/// A saved version, rendered read-only (the Markdown export as sanitised HTML).
#[tauri::command]
pub async fn version_preview(
    state: State<'_, AppState>,
    draft_id: String,
    version: i64,
) -> Result<String> {
    state.ws(|w| w.version_preview(&draft_id, version))
}

/// Restore a version (the state before is saved as a version first).
#[tauri::command]
pub async fn restore_version(
    state: State<'_, AppState>,
    draft_id: String,
    version: i64,
) -> Result<Draft> {
    state.ws(|w| {
        w.restore_version(&draft_id, version)?;
        w.load_draft(&draft_id)
    })
}

/// The preview of a section as typed: markup shows as text, Markdown formatting renders.
#[tauri::command]
pub fn render_markdown(text: String) -> String {
    hoshin_ops::preview_user_markdown(&text)
}

/// Export the draft to a file chosen in a native save dialog (`None` = cancelled).
#[tauri::command]
pub async fn export_document<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    draft_id: String,
    format: Format,
    appendix: bool,
) -> Result<Option<ExportDone>> {
    let name = state.ws(|w| w.document_file_name(&draft_id, format))?;
    state.export_to(&app, &name, format, |w, path| {
        w.export_document(&draft_id, format, appendix, path)
    })
}

/// Export the 年次点検報告 of fiscal year `fy` to a file chosen in a save dialog.
#[tauri::command]
pub async fn export_review<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    draft_id: String,
    fy: i32,
    format: Format,
) -> Result<Option<ExportDone>> {
    let name = state.ws(|w| w.review_file_name(&draft_id, fy, format))?;
    state.export_to(&app, &name, format, |w, path| {
        w.export_review(&draft_id, fy, format, path)
    })
}

/// Export the 概要版 (one A4 landscape page; PDF or Markdown) to a file chosen in a save dialog.
#[tauri::command]
pub async fn export_summary<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    draft_id: String,
    format: Format,
) -> Result<Option<ExportDone>> {
    let name = state.ws(|w| w.summary_file_name(&draft_id, format))?;
    state.export_to(&app, &name, format, |w, path| {
        w.export_summary(&draft_id, format, path)
    })
}

/// 「現行方針の取り込み」 step 1: pick the old policy, read it and suggest a mapping.
#[tauri::command]
pub async fn pick_old_policy<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<Option<PolicyImport>> {
    let filter = (
        "現行の方針（Word・テキスト・Markdown）",
        &["docx", "txt", "md"][..],
    );
    let Some(path) = state.open_path(&app, filter, state.e2e_open_file.as_ref())? else {
        return Ok(None);
    };
    let (name, bytes) = files::read_named(&path)?;
    state.ws(|w| w.stage_policy(&name, &bytes)).map(Some)
}

/// 「現行方針の取り込み」 step 2: store it with the mapping the user confirmed
/// (section index → guideline item id, `null` = 対応なし) as the baseline version.
#[tauri::command]
pub async fn import_policy(
    state: State<'_, AppState>,
    draft_id: String,
    token: u32,
    mapping: Vec<(usize, Option<String>)>,
) -> Result<VersionInfo> {
    state.ws(|w| w.import_staged_policy(&draft_id, token, &mapping))
}

/// 「Excelから取り込む」 step 1: pick an edited plan workbook, keep it in Rust and return the
/// dry run (the changed cells, the items no row names, every problem at its cell).
#[tauri::command]
pub async fn pick_plan_workbook<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    draft_id: String,
) -> Result<Option<PlanImport>> {
    let filter = ("Excel の計画の表（.xlsx）", &["xlsx"][..]);
    let Some(path) = state.open_path(&app, filter, state.e2e_open_file.as_ref())? else {
        return Ok(None);
    };
    let (name, bytes) = files::read_named(&path)?;
    state
        .ws(|w| w.stage_plan(&draft_id, &name, bytes))
        .map(Some)
}

/// 「Excelから取り込む」 step 2: apply the staged workbook after saving a version of the draft.
#[tauri::command]
pub async fn apply_plan_workbook(
    state: State<'_, AppState>,
    draft_id: String,
    token: u32,
    delete_removed: bool,
) -> Result<PlanApplied> {
    state.ws(|w| w.apply_staged_plan(&draft_id, token, delete_removed))
}

/// The rows of a 新旧対照表 between two versions.
#[tauri::command]
pub async fn compare_versions(
    state: State<'_, AppState>,
    draft_id: String,
    old: VersionRef,
    new: VersionRef,
) -> Result<Vec<hoshin_revise::Row>> {
    state.ws(|w| w.compare(&draft_id, &old, &new))
}

/// Export the 新旧対照表 to a file chosen in a native save dialog (`None` = cancelled).
#[tauri::command]
pub async fn export_comparison<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    draft_id: String,
    old: VersionRef,
    new: VersionRef,
    format: Format,
    options: ComparisonOptions,
) -> Result<Option<ExportDone>> {
    let name = state.ws(|w| w.comparison_file_name(&draft_id, format))?;
    state.export_to(&app, &name, format, |w, path| {
        w.export_comparison(&draft_id, &old, &new, format, options, path)
    })
}

/// Show the last exported file in the system's file manager (the UI never names a path).
#[tauri::command]
pub async fn reveal_export(state: State<'_, AppState>) -> Result<()> {
    let path = state
        .last_export
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone()
        .ok_or_else(|| Error::not_found("まだ書き出していません"))?;
    if state.e2e_save_dir.is_some() {
        return Ok(());
    }
    tauri_plugin_opener::reveal_item_in_dir(&path).map_err(|e| {
        Error::new(
            hoshin_ops::ErrorCode::IoFailed,
            format!("フォルダを開けませんでした（{e}）"),
        )
        .with_hint(format!(
            "書き出したファイルは {} にあります",
            path.display()
        ))
    })
}

/// Backups in the data folder, newest first.
#[tauri::command]
pub async fn backups(state: State<'_, AppState>) -> Result<Vec<BackupInfo>> {
    state.ws(|w| w.backups())
}

/// Put a backup in place of the database (the replaced file is kept) and open it again.
#[tauri::command]
pub async fn restore_backup(state: State<'_, AppState>, file_name: String) -> Result<StoreStatus> {
    state.ws(|w| {
        w.restore_backup(Some(&file_name))?;
        Ok(w.status())
    })
}

/// 研究会モード「方針案を比べる」: pick participants' exchange files (several at once in the
/// open dialog) and show them side by side. Nothing is imported.
#[tauri::command]
pub async fn pick_drafts_to_compare<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    anonymise: bool,
) -> Result<Option<DraftsComparison>> {
    let filter = ("交換ファイル（.hoshin.json）", &["json"][..]);
    let Some(paths) = state.open_paths(&app, filter)? else {
        return Ok(None);
    };
    let inputs = paths
        .iter()
        .map(|p| files::read_named_exchange(p))
        .collect::<Result<Vec<_>>>()?;
    state.ws(|w| w.stage_drafts(inputs, anonymise)).map(Some)
}

/// The picked drafts' comparison again (e.g. with 団体名を伏せる switched).
#[tauri::command]
pub async fn drafts_preview(
    state: State<'_, AppState>,
    token: u32,
    anonymise: bool,
) -> Result<DraftsComparison> {
    state.ws(|w| w.drafts_preview(token, anonymise))
}

/// Export the picked drafts' comparison to a file chosen in a save dialog.
#[tauri::command]
pub async fn export_drafts<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    token: u32,
    anonymise: bool,
    format: Format,
) -> Result<Option<ExportDone>> {
    let name = state.ws(|w| Ok(w.drafts_file_name(format)))?;
    state.export_to(&app, &name, format, |w, path| {
        w.export_drafts(token, anonymise, format, path)
    })
}

/// A worksheet for the room (`grid` or `chain`), blank or filled from a draft, to a file
/// chosen in a save dialog.
#[tauri::command]
pub async fn export_worksheet<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    kind: String,
    draft_id: Option<String>,
    format: Format,
) -> Result<Option<ExportDone>> {
    let kind = hoshin_ops::SheetKind::parse(&kind).ok_or_else(|| {
        Error::invalid(format!(
            "ワークシート「{kind}」はありません（grid か chain）"
        ))
    })?;
    let from = draft_id.as_deref();
    let name = state.ws(|w| w.worksheet_file_name(kind, from, format))?;
    state.export_to(&app, &name, format, |w, path| {
        w.export_worksheet(kind, from, format, path)
    })
}
