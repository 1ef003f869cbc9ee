//! Every use case of Hoshin, written once for both front ends.
//!
//! The desktop app's Tauri commands and the `hoshin` command line convert their arguments,
//! call one method of [`Workspace`] and present the result; neither holds logic of its own.
//! Errors leave this crate as one [`Error`] `{ code, message, hint }`: the UI switches on the
//! code (restore a backup, retry a save, explain a newer database) and the CLI maps it to an
//! exit code. Every file the user chose is written atomically ([`files::write_atomically`]).

pub mod error;
pub mod files;
mod policy;
mod preview;
mod sheet;
mod study;
mod summary;
pub use hoshin_model::progress;
pub mod results;
mod versions;

use std::path::{Path, PathBuf};

use hoshin_check::Report;
use hoshin_export::{ExportOptions, MarkdownRenderer, MarkdownTemplates, Renderer};
use hoshin_model::templates::{self, Templates};
use hoshin_model::{exchange, new_id, now_rfc3339, Draft, FyRange, Governance, Item, StaffScope};
pub use hoshin_store::BackupInfo;
use hoshin_store::{DeleteMode, DraftSummary, MetaPatch, Store, VersionInfo, VersionKind};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use error::{Error, ErrorCode, Result};

pub use hoshin_export::SheetKind;
pub use policy::{read_old_policy, PolicyImport};
pub use preview::{preview_html, preview_user_markdown};
pub use sheet::{PlanApplied, PlanImport};
pub use study::DraftsComparison;
pub use versions::VersionRef;

/// Written into exchange files and snapshots.
pub const GENERATOR: &str = concat!("hoshin ", env!("CARGO_PKG_VERSION"));

/// The output formats of a document or a 新旧対照表.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Format {
    Md,
    Pdf,
    Docx,
    /// The plan tables as an Excel workbook (not for 新旧対照表 or reports).
    Xlsx,
    /// One self-contained HTML file for the municipality's website (no scripts, no external
    /// requests).
    Html,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Xlsx => "xlsx",
            Format::Html => "html",
        }
    }

    /// The name a save dialog shows for this format.
    pub fn filter_name(self) -> &'static str {
        match self {
            Format::Md => "Markdown",
            Format::Pdf => "PDF",
            Format::Docx => "Word",
            Format::Xlsx => "Excel",
            Format::Html => "HTML",
        }
    }

    fn renderer(self) -> Result<Box<dyn Renderer>> {
        Ok(match self {
            Format::Md => Box::new(MarkdownRenderer),
            Format::Pdf => Box::new(hoshin_export::PdfRenderer::shared()?),
            Format::Docx => Box::new(hoshin_export::DocxRenderer::default()),
            Format::Html => Box::new(hoshin_export::HtmlRenderer),
            Format::Xlsx => {
                return Err(Error::invalid(
                    "Excel に書き出せるのは計画の表（研修計画・採用計画・施策・指標）だけです",
                )
                .with_hint(
                    "新旧対照表や年次点検報告は PDF・Word・HTML・Markdown で書き出してください",
                ))
            }
        })
    }
}

/// Where the data lives and whether the store opened (the app's first screen).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct StoreStatus {
    pub data_dir: Option<String>,
    /// `None` when the store is open.
    pub error: Option<Error>,
    /// `wal`, or what SQLite fell back to (e.g. on a network share).
    pub journal_mode: Option<String>,
    /// Backups in the data folder, newest first (offered when the database is damaged).
    pub backups: Vec<BackupInfo>,
}

/// A built-in sample draft for 見本から作成.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SampleInfo {
    pub name: String,
    pub municipality: String,
    pub title: String,
}

/// A rendered document, not yet written anywhere.
pub struct Output {
    pub bytes: Vec<u8>,
    /// A file name to offer (from the municipality and the title).
    pub file_name: String,
    pub pages: Option<usize>,
    /// Japanese notes for the user (template fallbacks, characters missing from fonts …).
    pub warnings: Vec<String>,
    /// Unacknowledged errors of the check that ran first (0 for a 新旧対照表).
    pub open_errors: u32,
    /// For a 新旧対照表: items that changed, and all items compared.
    pub changed: Option<(usize, usize)>,
}

/// An export written to the file the user chose.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ExportDone {
    pub path: String,
    pub file_name: String,
    #[ts(type = "number | null")]
    pub pages: Option<usize>,
    pub warnings: Vec<String>,
    pub open_errors: u32,
}

/// A draft brought in from an exchange file.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Imported {
    pub draft: DraftSummary,
    /// The id in the file, when a draft with that id existed and the import got a new one.
    pub id_in_file: Option<String>,
}

/// Style fixes applied, and the draft's checks after them.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct StyleFixed {
    pub applied: u32,
    pub report: Report,
    pub findings: Vec<hoshin_lint::StyleFinding>,
}

/// Options of a 新旧対照表.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ComparisonOptions {
    /// 改正後／改正前 (after adoption) instead of 改正案／現行.
    pub adopted: bool,
    /// Also list items that did not change.
    pub all: bool,
    /// Add an empty 備考 column for the reviewer's notes.
    #[serde(default)]
    pub remarks: bool,
    /// Landscape pages (Word only; the PDF stays A4 portrait).
    #[serde(default)]
    pub landscape: bool,
}

/// The data folder, its store (opened on first use), and the templates in use (built-ins
/// shadowed by `<data dir>/templates/`).
pub struct Workspace {
    /// The data folder, or why it could not be found (then there is no store).
    dir: Result<PathBuf>,
    store: Option<Result<Store>>,
    templates: Templates,
    markdown: MarkdownTemplates,
    template_warnings: Vec<String>,
    pending_policy: Option<policy::Pending>,
    pending_plan: Option<sheet::Pending>,
    pending_drafts: Option<study::Pending>,
    /// What happened to the database file, for the next save (see [`Workspace::store`]).
    file_notice: Option<Error>,
}

impl Workspace {
    /// The data folder `explicit`, else `HOSHIN_DATA_DIR`, else the OS data folder. Never
    /// fails: a problem with the folder or the store is reported by the first operation
    /// that needs the store, and by [`Workspace::status`].
    pub fn open(explicit: Option<&Path>) -> Workspace {
        let dir = hoshin_store::resolve_data_dir(explicit).map_err(Error::from);
        let user = dir.as_ref().ok().map(|d| d.join("templates"));
        let (templates, warnings) = Templates::load(user.as_deref());
        let markdown = MarkdownTemplates::load(user.as_ref().map(|u| u.join("export")).as_deref());
        let template_warnings = warnings
            .iter()
            .map(|w| format!("注意: ひな形 {w}"))
            .collect();
        Workspace {
            dir,
            store: None,
            templates,
            markdown,
            template_warnings,
            pending_policy: None,
            pending_plan: None,
            pending_drafts: None,
            file_notice: None,
        }
    }

    pub fn data_dir(&self) -> Option<&Path> {
        self.dir.as_deref().ok()
    }

    pub fn templates(&self) -> &Templates {
        &self.templates
    }

    /// The user's template warnings first, then an export's own.
    fn warnings_with(&self, more: Vec<String>) -> Vec<String> {
        let mut all = self.template_warnings.clone();
        all.extend(more);
        all
    }

    /// User template files that could not be used (the built-in ones stand in).
    pub fn template_warnings(&self) -> &[String] {
        &self.template_warnings
    }

    /// The store, opened now if it is not open yet. After a failure the next call tries
    /// again (a lock may have gone, a backup may have been restored).
    ///
    /// An open store is first checked against its file ([`Store::file_state`]): a file deleted
    /// while open is written back from the open connection, one replaced is let go (what was
    /// open kept beside it), one overwritten is checked again. When the store can go on, what
    /// happened is kept for the next save, which answers with it instead of writing (so the
    /// edit in hand stays on screen, is tried again, and the user learns of it even when a
    /// read came first); when it cannot, this call fails with it.
    pub fn store(&mut self) -> Result<&mut Store> {
        let dir = self.dir.clone()?;
        if let Some(Ok(s)) = &self.store {
            let state = s.file_state();
            if state != hoshin_store::FileState::Same {
                let (e, go_on) = self.file_changed(&dir, state);
                if !go_on {
                    return Err(e);
                }
                self.file_notice = Some(e);
            }
        }
        if !matches!(self.store, Some(Ok(_))) {
            self.store = Some(Store::open(&dir).map_err(Error::from));
        }
        match self.store.as_mut().expect("just opened") {
            Ok(s) => Ok(s),
            Err(e) => Err(e.clone()),
        }
    }

    /// The store for a save: as [`Workspace::store`], but a change of the database file found
    /// since the last save is answered first (the save is not made; the autosave retries).
    fn store_for_save(&mut self) -> Result<&mut Store> {
        self.store()?;
        if let Some(e) = self.file_notice.take() {
            return Err(e);
        }
        self.store()
    }

    /// The open store's file went away or changed under it (see [`Workspace::store`]).
    /// What to tell, and whether the store can go on (a sound file is open again).
    fn file_changed(&mut self, dir: &Path, state: hoshin_store::FileState) -> (Error, bool) {
        use hoshin_store::FileState;
        let path = dir.join(hoshin_store::DB_FILE);
        let stamp = now_rfc3339().replace([':', '.'], "");
        match state {
            FileState::Same => unreachable!("only called for a changed file"),
            FileState::Missing => match self.rescue_missing(dir, &path, &stamp) {
                Ok(()) => (Error::new(
                    ErrorCode::StoreUnavailable,
                    format!(
                        "データベースファイル {} が、開いている間に削除されていました。開いていた内容から同じ場所に作り直しました（失われたものはありません）",
                        path.display()
                    ),
                )
                .with_hint("入力した内容は画面に残っていて、すぐに保存し直します。消した覚えがなければ、同期ソフトやウイルス対策ソフトの設定を確かめてください")
                .retrying(), true),
                Err(e) => (Error::new(
                    ErrorCode::StoreUnavailable,
                    format!(
                        "データベースファイル {} が、開いている間に削除されました。開いていた内容から作り直そうとしましたが、できませんでした（{}）",
                        path.display(),
                        e.message
                    ),
                )
                .with_hint("Hoshin を閉じずに、データフォルダがあって書き込めるか確かめてください。内容はまだ Hoshin の中にあり、直れば自動で作り直して保存します")
                .retrying(), false),
            },
            FileState::Replaced => {
                let Some(Ok(old)) = self.store.take() else {
                    unreachable!("checked open")
                };
                let kept = dir.join(format!("{}.rescued-{stamp}", hoshin_store::DB_FILE));
                let kept_text = match old.rescue_to(&kept) {
                    Ok(()) => format!(
                        "開いていた内容は {} に残しました",
                        kept.display()
                    ),
                    Err(e) => format!("開いていた内容は残せませんでした（{e}）"),
                };
                drop(old);
                let e = Error::new(
                    ErrorCode::StoreUnavailable,
                    format!(
                        "データベースファイル {} が、開いている間にほかのプログラムで別のファイルに置き換えられました。{kept_text}",
                        path.display()
                    ),
                )
                .with_hint("下書き一覧に戻って開き直してください。画面の入力はまだ保存されていないので、必要ならコピーしておいてください");
                // The new file is opened by the caller; the next save answers with this.
                (e, self.open_again(dir))
            }
            FileState::Damaged => {
                // Closing folds the write-ahead log into the file: when it held the first
                // page, that writes the header back. Open again (read-only checks first) to
                // see whether the file is sound now.
                self.store = None;
                match Store::open(dir) {
                    Ok(s) => {
                        self.store = Some(Ok(s));
                        (Error::new(
                            ErrorCode::StoreUnavailable,
                            format!(
                                "データベースファイル {} の先頭が、開いている間にほかのプログラムで書き換えられていました。開いていた内容で書き戻し、検査で問題がないことを確かめました",
                                path.display()
                            ),
                        )
                        .with_hint("入力した内容は画面に残っていて、すぐに保存し直します。データフォルダを書き換えるソフト（同期ソフトなど）がないか確かめてください")
                        .retrying(), true)
                    }
                    Err(e) => {
                        let e = Error::from(e);
                        self.store = Some(Err(e.clone()));
                        (e, false)
                    }
                }
            }
        }
    }

    /// Open the store in `dir` again; whether it opened.
    fn open_again(&mut self, dir: &Path) -> bool {
        self.store = Some(Store::open(dir).map_err(Error::from));
        matches!(self.store, Some(Ok(_)))
    }

    /// Write the still-open database back to `path` (deleted under it): `VACUUM INTO` a
    /// temporary file, close the old connection (its write-ahead log goes with it), rename
    /// into place, open again. On failure the old connection stays open, holding the data.
    fn rescue_missing(&mut self, dir: &Path, path: &Path, stamp: &str) -> Result<()> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io("データフォルダを作り直す", &e))?;
        let tmp = dir.join(format!("{}.rescue-{stamp}", hoshin_store::DB_FILE));
        let _ = std::fs::remove_file(&tmp);
        let Some(Ok(old)) = &self.store else {
            unreachable!("checked open")
        };
        if let Err(e) = old.rescue_to(&tmp) {
            let _ = std::fs::remove_file(&tmp);
            return Err(e.into());
        }
        self.store = None; // closes the old connection
        for side in ["-wal", "-shm"] {
            let mut p = path.as_os_str().to_owned();
            p.push(side);
            let _ = std::fs::remove_file(std::path::PathBuf::from(p));
        }
        std::fs::rename(&tmp, path).map_err(|e| Error::io("データベースファイルを作り直す", &e))?;
        self.store = Some(Store::open(dir).map_err(Error::from));
        match &self.store {
            Some(Err(e)) => Err(e.clone()),
            _ => Ok(()),
        }
    }

    /// Close the store (the next operation opens it again).
    pub fn close(&mut self) {
        self.store = None;
    }

    pub fn status(&mut self) -> StoreStatus {
        let (error, journal_mode) = match self.store() {
            Ok(s) => (None, Some(s.journal_mode().to_string())),
            Err(e) => (Some(e), None),
        };
        StoreStatus {
            data_dir: self.data_dir().map(|d| d.display().to_string()),
            error,
            journal_mode,
            backups: self.backups().unwrap_or_default(),
        }
    }

    // ---- drafts -----------------------------------------------------------------------

    pub fn samples() -> Vec<SampleInfo> {
        templates::SAMPLES
            .iter()
            .filter_map(|(name, _)| templates::sample(name).map(|d| (name, d)))
            .map(|(name, d)| SampleInfo {
                name: name.to_string(),
                municipality: d.meta.municipality,
                title: d.meta.title,
            })
            .collect()
    }

    pub fn list_drafts(&mut self, trash: bool) -> Result<Vec<DraftSummary>> {
        Ok(self.store()?.list_drafts(trash)?)
    }

    pub fn create_draft(
        &mut self,
        municipality: &str,
        title: &str,
        period: FyRange,
    ) -> Result<DraftSummary> {
        let s = self.store()?;
        let d = s.create_draft(municipality, title, period)?;
        Ok(s.draft_summary(&d.meta.id)?)
    }

    /// A new draft from a built-in sample: a fresh id and creation time, so the same sample
    /// can be taken twice and never collides with an earlier copy.
    pub fn create_from_sample(&mut self, name: &str) -> Result<DraftSummary> {
        let mut d = templates::sample(name).ok_or_else(|| {
            let names: Vec<&str> = templates::SAMPLES.iter().map(|(n, _)| *n).collect();
            Error::not_found(format!("見本「{name}」はありません"))
                .with_hint(format!("使える見本: {}", names.join("、")))
        })?;
        d.meta.id = new_id("d");
        d.meta.created_at = now_rfc3339();
        let s = self.store()?;
        let stored = s.import_draft(&d)?;
        Ok(s.draft_summary(&stored.meta.id)?)
    }

    pub fn duplicate_draft(&mut self, id: &str) -> Result<DraftSummary> {
        let s = self.store()?;
        let d = s.duplicate_draft(id)?;
        Ok(s.draft_summary(&d.meta.id)?)
    }

    pub fn rename_draft(&mut self, id: &str, title: &str) -> Result<DraftSummary> {
        let title = title.trim();
        if title.is_empty() {
            return Err(Error::invalid("表題が空です").with_hint("新しい表題を書いてください"));
        }
        Ok(self.store()?.rename_draft(id, title)?)
    }

    pub fn set_trashed(&mut self, id: &str, trash: bool) -> Result<()> {
        let s = self.store()?;
        if trash {
            s.trash_draft(id)?
        } else {
            s.untrash_draft(id)?
        }
        Ok(())
    }

    /// Bring in an exchange file (`.hoshin.json`) as a new draft; never overwrites.
    pub fn import_exchange(&mut self, bytes: &[u8]) -> Result<Imported> {
        let draft = exchange::parse_bytes(bytes)?;
        let s = self.store()?;
        let stored = s.import_draft(&draft)?;
        Ok(Imported {
            draft: s.draft_summary(&stored.meta.id)?,
            id_in_file: (stored.meta.id != draft.meta.id).then(|| draft.meta.id.clone()),
        })
    }

    /// The draft as an exchange file, and the file name to offer.
    pub fn exchange_file(&mut self, id: &str) -> Result<(String, String)> {
        let d = self.store()?.load_draft(id)?;
        let name = files::file_name(&document_stem(&d), "hoshin.json");
        Ok((exchange::to_json(&d, GENERATOR), name))
    }

    pub fn load_draft(&mut self, id: &str) -> Result<Draft> {
        Ok(self.store()?.load_draft(id)?)
    }

    // ---- editing (each answers with the fresh check of the draft as saved) --------------

    pub fn check(&mut self, id: &str) -> Result<(Draft, Report)> {
        let d = self.store()?.load_draft(id)?;
        let r = hoshin_check::check(&d, &self.templates);
        Ok((d, r))
    }

    fn change(
        &mut self,
        id: &str,
        f: impl FnOnce(&mut Store) -> hoshin_store::Result<()>,
    ) -> Result<Report> {
        let s = self.store_for_save()?;
        f(s)?;
        let d = s.load_draft(id)?;
        Ok(hoshin_check::check(&d, &self.templates))
    }

    pub fn set_section(&mut self, id: &str, section: &str, text: &str) -> Result<Report> {
        self.change(id, |s| s.set_section(id, section, text))
    }

    pub fn put_item(&mut self, id: &str, item: &Item) -> Result<Report> {
        self.change(id, |s| s.put_item(id, item))
    }

    /// Delete an item; links to it from other items are removed with it.
    pub fn delete_item(&mut self, id: &str, item_id: &str) -> Result<Report> {
        self.change(id, |s| {
            s.delete_item(id, item_id, DeleteMode::Unlink).map(drop)
        })
    }

    pub fn set_governance(&mut self, id: &str, g: &Governance) -> Result<Report> {
        self.change(id, |s| s.set_governance(id, g))
    }

    pub fn set_scope(&mut self, id: &str, scope: &StaffScope) -> Result<Report> {
        self.change(id, |s| s.set_scope(id, scope))
    }

    /// 職員数の見通し: the projection per job category and plan year.
    pub fn workforce(&mut self, id: &str) -> Result<Vec<hoshin_model::workforce::ProjectionRow>> {
        let d = self.store()?.load_draft(id)?;
        Ok(hoshin_model::workforce::project(&d, &self.templates.teinen))
    }

    pub fn set_workforce(&mut self, id: &str, w: &hoshin_model::Workforce) -> Result<Report> {
        self.change(id, |s| s.set_workforce(id, w))
    }

    /// Each indicator's results and progress per plan year (the progress view).
    pub fn progress(&mut self, id: &str) -> Result<Vec<progress::IndicatorProgress>> {
        let d = self.store()?.load_draft(id)?;
        Ok(progress::indicator_progress(&d, &self.templates))
    }

    /// Record 実績 as the app edits them (one or a few at a time), validated by the store.
    pub fn set_results(
        &mut self,
        id: &str,
        entries: &[hoshin_model::YearResult],
    ) -> Result<Report> {
        self.change(id, |s| s.set_results(id, entries))
    }

    /// Record 実績 for `fy` from typed rows (`ID=VALUE` or CSV lines); all or nothing.
    /// Returns the results stored.
    pub fn record_results(
        &mut self,
        id: &str,
        fy: i32,
        rows: &[results::RawResult],
    ) -> Result<Vec<hoshin_model::YearResult>> {
        let d = self.store()?.load_draft(id)?;
        let entries = results::to_results(&d, fy, rows)?;
        self.store()?.set_results(id, &entries)?;
        Ok(entries)
    }

    /// The 公用文 style check of every text of the draft (rules in style.toml).
    pub fn lint(&mut self, id: &str) -> Result<Vec<hoshin_lint::StyleFinding>> {
        let d = self.store()?.load_draft(id)?;
        Ok(hoshin_lint::lint(&d, &self.templates))
    }

    /// Apply style fixes: `rule` alone fixes every safe finding of that rule (「すべて修正」);
    /// otherwise the findings given (each at its field, checked against the text first).
    /// Returns the number of fixes applied and the linkage check after them.
    pub fn fix_style(
        &mut self,
        id: &str,
        rule: Option<&str>,
        given: &[hoshin_lint::FixAt],
    ) -> Result<StyleFixed> {
        let d = self.store()?.load_draft(id)?;
        let chosen: Vec<hoshin_lint::FixAt> = match rule {
            Some(r) => hoshin_lint::fixes_for_rule(&hoshin_lint::lint(&d, &self.templates), r)
                .into_iter()
                .filter_map(|f| {
                    Some(hoshin_lint::FixAt {
                        target: f.location.target,
                        id: f.location.id.clone(),
                        field: f.location.field.clone(),
                        fix: hoshin_lint::FixRef {
                            start: f.start,
                            end: f.end,
                            found: f.found.clone(),
                            fix: f.fix.clone()?,
                        },
                    })
                })
                .collect(),
            None => given.to_vec(),
        };
        let mut applied = 0;
        // Group by the text they belong to: (target, id, field).
        type Place = (hoshin_check::Target, String, Option<String>);
        let mut places: Vec<(Place, Vec<hoshin_lint::FixRef>)> = Vec::new();
        for f in chosen {
            let key = (f.target, f.id.clone(), f.field.clone());
            match places.iter_mut().find(|(k, _)| *k == key) {
                Some((_, v)) => v.push(f.fix),
                None => places.push((key, vec![f.fix])),
            }
        }
        let texts = hoshin_lint::texts(&d, &self.templates);
        for ((target, item, field), fixes) in places {
            let Some(current) = texts.iter().find(|t| {
                t.location.target == target && t.location.id == item && t.location.field == field
            }) else {
                continue;
            };
            let (new, n) = hoshin_lint::apply_fixes(&current.text, &fixes);
            if n == 0 {
                continue;
            }
            let s = self.store()?;
            match (target, field.as_deref()) {
                (hoshin_check::Target::Section, _) => s.set_section(id, &item, &new)?,
                (hoshin_check::Target::Governance, Some(field)) => {
                    let mut g = serde_json::to_value(&d.governance).unwrap_or_default();
                    g[field] = serde_json::Value::String(new);
                    let g: Governance = serde_json::from_value(g)
                        .map_err(|e| Error::invalid(format!("推進体制を直せません（{e}）")))?;
                    s.set_governance(id, &g)?;
                }
                (_, Some(field)) => {
                    s.set_item_field(id, &item, field, serde_json::Value::String(new))?;
                }
                _ => continue,
            }
            applied += n;
        }
        let d = self.store()?.load_draft(id)?;
        Ok(StyleFixed {
            applied: applied as u32,
            report: hoshin_check::check(&d, &self.templates),
            findings: hoshin_lint::lint(&d, &self.templates),
        })
    }

    pub fn update_meta(&mut self, id: &str, patch: &MetaPatch) -> Result<DraftSummary> {
        Ok(self.store_for_save()?.update_meta(id, patch)?)
    }

    /// Accept a finding of the check with a written reason. The finding must exist in the
    /// draft now (its rule is taken from it) and the reason must not be empty.
    pub fn acknowledge(&mut self, id: &str, key: &str, reason: &str, by: &str) -> Result<Report> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(Error::invalid("確認済みにする理由が空です").with_hint(
                "なぜこのままでよいのかを書いてください（例: 県の人材プールで確保するため）",
            ));
        }
        let (_, report) = self.check(id)?;
        let finding = report.findings.iter().find(|f| f.key == key).ok_or_else(|| {
            Error::not_found(format!("指摘「{key}」はこの下書きにありません"))
                .with_hint("整合性チェックをやり直して、今ある指摘から選んでください（CLI では `hoshin check ID --json` の key）")
        })?;
        let rule = finding.rule.clone();
        self.change(id, |s| s.acknowledge(id, key, &rule, reason, by).map(drop))
    }

    pub fn unacknowledge(&mut self, id: &str, key: &str) -> Result<Report> {
        self.change(id, |s| s.unacknowledge(id, key))
    }

    /// Mark an item's links as still right after their targets were edited (W7).
    pub fn confirm_links(&mut self, id: &str, item_id: &str) -> Result<Report> {
        self.change(id, |s| s.confirm_links(id, item_id))
    }

    // ---- versions ---------------------------------------------------------------------

    pub fn snapshot(&mut self, id: &str, label: &str) -> Result<VersionInfo> {
        Ok(self.store()?.snapshot(id, label, VersionKind::Manual)?)
    }

    pub fn versions(&mut self, id: &str) -> Result<Vec<VersionInfo>> {
        Ok(self.store()?.versions(id)?)
    }

    /// Make a version the current state; returns the version that keeps the state before.
    pub fn restore_version(&mut self, id: &str, version: i64) -> Result<VersionInfo> {
        Ok(self.store()?.restore_version(id, version)?)
    }

    /// A saved version, read-only, as the export shows it (sanitised HTML).
    pub fn version_preview(&mut self, id: &str, version: i64) -> Result<String> {
        let d = self.store()?.version_draft(id, version)?;
        let md = hoshin_export::export(
            &d,
            &self.templates,
            &self.markdown,
            &MarkdownRenderer,
            &ExportOptions::default(),
        )?;
        Ok(preview_html(&String::from_utf8_lossy(&md.bytes)))
    }

    // ---- export -----------------------------------------------------------------------

    /// Check, then render the draft (the check's result goes on the cover). As Excel, the
    /// plan tables (研修計画, 採用計画, 施策・制度, 指標) for editing and importing back.
    pub fn render_document(&mut self, id: &str, format: Format, appendix: bool) -> Result<Output> {
        if format == Format::Xlsx {
            let draft = self.store()?.load_draft(id)?;
            let bytes = hoshin_sheet::export_plan(&draft, &self.templates.lists)?;
            let report = hoshin_check::check(&draft, &self.templates);
            return Ok(Output {
                bytes,
                file_name: files::file_name(&format!("{}_計画の表", document_stem(&draft)), "xlsx"),
                pages: None,
                warnings: self.warnings_with(vec![]),
                open_errors: report.open_errors,
                changed: None,
            });
        }
        let renderer = format.renderer()?;
        let draft = self.store()?.load_draft(id)?;
        let out = hoshin_export::export(
            &draft,
            &self.templates,
            &self.markdown,
            renderer.as_ref(),
            &ExportOptions {
                appendix,
                date: None,
            },
        )?;
        let warnings = self.warnings_with(out.warnings);
        Ok(Output {
            bytes: out.bytes,
            file_name: files::file_name(&document_stem(&draft), format.extension()),
            pages: out.pages,
            warnings,
            open_errors: out.report.open_errors,
            changed: None,
        })
    }

    /// The file name a save dialog offers for the draft's export.
    pub fn document_file_name(&mut self, id: &str, format: Format) -> Result<String> {
        let d = self.store()?.load_draft(id)?;
        Ok(match format {
            Format::Xlsx => files::file_name(&format!("{}_計画の表", document_stem(&d)), "xlsx"),
            _ => files::file_name(&document_stem(&d), format.extension()),
        })
    }

    /// Render and write atomically to `path`.
    pub fn export_document(
        &mut self,
        id: &str,
        format: Format,
        appendix: bool,
        path: &Path,
    ) -> Result<ExportDone> {
        let out = self.render_document(id, format, appendix)?;
        write_output(out, path)
    }

    /// The 年次点検報告 of fiscal year `fy`, a year of the plan period.
    pub fn render_review(&mut self, id: &str, fy: i32, format: Format) -> Result<Output> {
        let renderer = format.renderer()?;
        let draft = self.store()?.load_draft(id)?;
        let p = draft.meta.period;
        if !(p.from..=p.to).contains(&fy) {
            return Err(Error::invalid(format!(
                "{}は計画期間（{}）の外です",
                hoshin_model::wareki::fy_with_western(fy),
                hoshin_model::wareki::fy_range(p.from, p.to)
            ))
            .with_hint(format!(
                "点検する年度を {}～{} の西暦で指定してください",
                p.from, p.to
            )));
        }
        let out = hoshin_export::export_review(
            &draft,
            &self.templates,
            &self.markdown,
            renderer.as_ref(),
            fy,
            &ExportOptions::default(),
        )?;
        let warnings = self.warnings_with(out.warnings);
        Ok(Output {
            bytes: out.bytes,
            file_name: files::file_name(&review_stem(&draft, fy), format.extension()),
            pages: out.pages,
            warnings,
            open_errors: out.report.open_errors,
            changed: None,
        })
    }

    /// The file name a save dialog offers for a 年次点検報告.
    pub fn review_file_name(&mut self, id: &str, fy: i32, format: Format) -> Result<String> {
        let d = self.store()?.load_draft(id)?;
        Ok(files::file_name(&review_stem(&d, fy), format.extension()))
    }

    /// Render the 年次点検報告 and write it atomically to `path`.
    pub fn export_review(
        &mut self,
        id: &str,
        fy: i32,
        format: Format,
        path: &Path,
    ) -> Result<ExportDone> {
        let out = self.render_review(id, fy, format)?;
        write_output(out, path)
    }

    /// 方針案の比較 for a study group: several participants' exchange files side by side
    /// (nothing is imported). Each file is read and checked; a file that cannot be read is
    /// named in the error.
    pub fn compare_drafts(
        &mut self,
        files: &[(String, Vec<u8>)],
        anonymise: bool,
        format: Format,
    ) -> Result<Output> {
        if files.len() < 2 {
            return Err(Error::invalid(
                "比べる交換ファイルは二つ以上指定してください",
            ));
        }
        let renderer = format.renderer()?;
        let mut drafts = Vec::new();
        for (name, bytes) in files {
            let d = exchange::parse_bytes(bytes).map_err(|e| {
                let mut err = Error::from(e);
                err.message = format!("{name}: {}", err.message);
                err
            })?;
            let report = hoshin_check::check(&d, &self.templates);
            drafts.push((d, report));
        }
        let doc = hoshin_export::build_drafts(
            &drafts,
            &self.templates,
            anonymise,
            hoshin_export::today_jst(),
        );
        let out = hoshin_export::export_drafts(&doc, &self.markdown, renderer.as_ref())?;
        let warnings = self.warnings_with(out.warnings);
        Ok(Output {
            bytes: out.bytes,
            file_name: files::file_name("方針案の比較", format.extension()),
            pages: out.pages,
            warnings,
            open_errors: 0,
            changed: None,
        })
    }

    /// Render a worksheet and write it atomically to `path`.
    pub fn export_worksheet(
        &mut self,
        kind: hoshin_export::SheetKind,
        from: Option<&str>,
        format: Format,
        path: &Path,
    ) -> Result<ExportDone> {
        let out = self.render_worksheet(kind, from, format)?;
        write_output(out, path)
    }

    /// The file name a save dialog offers for a worksheet.
    pub fn worksheet_file_name(
        &mut self,
        kind: hoshin_export::SheetKind,
        from: Option<&str>,
        format: Format,
    ) -> Result<String> {
        let title = kind.title().to_string();
        let stem = match from {
            Some(id) => format!(
                "{}_{title}",
                self.store()?.load_draft(id)?.meta.municipality
            ),
            None => title,
        };
        Ok(files::file_name(&stem, format.extension()))
    }

    /// A worksheet for a study session, blank or filled from draft `from`.
    pub fn render_worksheet(
        &mut self,
        kind: hoshin_export::SheetKind,
        from: Option<&str>,
        format: Format,
    ) -> Result<Output> {
        let draft = match from {
            Some(id) => Some(self.store()?.load_draft(id)?),
            None => None,
        };
        let ws = hoshin_export::build_worksheet(draft.as_ref(), &self.templates, kind);
        let stem = match &draft {
            Some(d) => format!("{}_{}", d.meta.municipality, ws.title),
            None => ws.title.clone(),
        };
        if format == Format::Xlsx {
            let (headers, rows) = ws.plain_table();
            let mut notes = ws.instructions.clone();
            notes.insert(
                0,
                draft
                    .as_ref()
                    .map(|d| format!("{}の方針案から", d.meta.municipality))
                    .unwrap_or_else(|| "記入日　　年　　月　　日　　団体名・グループ名".into()),
            );
            let bytes = hoshin_sheet::table_workbook(&ws.title, &notes, &headers, &rows)?;
            return Ok(Output {
                bytes,
                file_name: files::file_name(&stem, "xlsx"),
                pages: None,
                warnings: self.warnings_with(vec![]),
                open_errors: 0,
                changed: None,
            });
        }
        let renderer = format.renderer()?;
        let out = hoshin_export::export_worksheet(&ws, &self.markdown, renderer.as_ref())?;
        let warnings = self.warnings_with(out.warnings);
        Ok(Output {
            bytes: out.bytes,
            file_name: files::file_name(&stem, format.extension()),
            pages: out.pages,
            warnings,
            open_errors: 0,
            changed: None,
        })
    }

    /// The rows of a 新旧対照表 between two versions.
    pub fn compare(
        &mut self,
        id: &str,
        old: &VersionRef,
        new: &VersionRef,
    ) -> Result<Vec<hoshin_revise::Row>> {
        let s = self.store()?;
        let (o, _) = versions::resolve(s, id, old)?;
        let (n, _) = versions::resolve(s, id, new)?;
        Ok(hoshin_revise::compare(&o, &n, &self.templates))
    }

    pub fn render_comparison(
        &mut self,
        id: &str,
        old: &VersionRef,
        new: &VersionRef,
        format: Format,
        opts: ComparisonOptions,
    ) -> Result<Output> {
        let renderer: Box<dyn Renderer> = match format {
            Format::Docx => Box::new(hoshin_export::DocxRenderer {
                landscape: opts.landscape,
            }),
            _ => format.renderer()?,
        };
        let s = self.store()?;
        let (o, o_side) = versions::resolve(s, id, old)?;
        let (n, n_side) = versions::resolve(s, id, new)?;
        let rows = hoshin_revise::compare(&o, &n, &self.templates);
        let doc = hoshin_export::comparison::build_comparison(
            &n.meta.title,
            &n.meta.municipality,
            &o_side,
            &n_side,
            &rows,
            hoshin_export::comparison::Layout {
                adopted: opts.adopted,
                all: opts.all,
                remarks: opts.remarks,
            },
        );
        let out = hoshin_export::export_comparison(&doc, &self.markdown, renderer.as_ref())?;
        let warnings = self.warnings_with(out.warnings);
        Ok(Output {
            bytes: out.bytes,
            file_name: files::file_name(&comparison_stem(&n), format.extension()),
            pages: out.pages,
            warnings,
            open_errors: 0,
            changed: Some((doc.changed, doc.total)),
        })
    }

    pub fn comparison_file_name(&mut self, id: &str, format: Format) -> Result<String> {
        let d = self.store()?.load_draft(id)?;
        Ok(files::file_name(&comparison_stem(&d), format.extension()))
    }

    pub fn export_comparison(
        &mut self,
        id: &str,
        old: &VersionRef,
        new: &VersionRef,
        format: Format,
        opts: ComparisonOptions,
        path: &Path,
    ) -> Result<ExportDone> {
        let out = self.render_comparison(id, old, new, format, opts)?;
        write_output(out, path)
    }

    // ---- backups ----------------------------------------------------------------------

    /// Backups in the data folder, newest first.
    pub fn backups(&self) -> Result<Vec<BackupInfo>> {
        match self.data_dir() {
            Some(d) => Ok(hoshin_store::list_backups(d)?),
            None => Ok(vec![]),
        }
    }

    /// Put a backup (by its file name in the backups folder; `None` = the newest sound one)
    /// in place of the database, keep the replaced file beside it, and open the store again.
    pub fn restore_backup(&mut self, file_name: Option<&str>) -> Result<BackupInfo> {
        let chosen = match file_name {
            Some(name) => Some(
                self.backups()?
                    .into_iter()
                    .find(|b| b.file_name == name)
                    .ok_or_else(|| {
                        Error::not_found(format!("バックアップ「{name}」が見つかりません"))
                            .with_hint("バックアップの一覧から選び直してください")
                    })?
                    .path,
            ),
            None => None,
        };
        self.restore_from(chosen.as_deref())
    }

    /// As [`Workspace::restore_backup`], from a backup file anywhere (a copy kept elsewhere).
    pub fn restore_backup_file(&mut self, path: &Path) -> Result<BackupInfo> {
        self.restore_from(Some(path))
    }

    fn restore_from(&mut self, path: Option<&Path>) -> Result<BackupInfo> {
        let dir = self.dir.clone()?;
        self.close();
        let used = hoshin_store::restore_backup(&dir, path)?;
        self.store()?;
        Ok(used)
    }
}

/// 「みどり町_人材育成・確保基本方針」
fn document_stem(d: &Draft) -> String {
    format!("{}_{}", d.meta.municipality, d.meta.title)
}

/// 「みどり町_人材育成・確保基本方針_令和10年度年次点検報告」
fn review_stem(d: &Draft, fy: i32) -> String {
    format!(
        "{}_{}年次点検報告",
        document_stem(d),
        hoshin_model::wareki::fy(fy)
    )
}

/// 「みどり町_人材育成・確保基本方針_新旧対照表」
fn comparison_stem(d: &Draft) -> String {
    format!("{}_新旧対照表", document_stem(d))
}

fn write_output(out: Output, path: &Path) -> Result<ExportDone> {
    files::write_atomically(path, &out.bytes)?;
    Ok(ExportDone {
        path: path.display().to_string(),
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or(out.file_name),
        pages: out.pages,
        warnings: out.warnings,
        open_errors: out.open_errors,
    })
}
