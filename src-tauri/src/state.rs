//! The app's state: one [`Workspace`] behind a mutex, and where files go (native dialogs,
//! or the folders the end-to-end tests set).

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use hoshin_ops::{Error, ExportDone, Format, Result, Workspace};
use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;

pub struct AppState {
    ws: Mutex<Workspace>,
    /// `HOSHIN_E2E_SAVE_DIR`: exports go straight into this folder (tests only).
    pub e2e_save_dir: Option<PathBuf>,
    /// `HOSHIN_E2E_OPEN_FILE`: the file 「現行方針の取り込み」 and 「Excelから取り込む」 read (tests only).
    pub e2e_open_file: Option<PathBuf>,
    /// `HOSHIN_E2E_OPEN_FILES`: the files 「交換ファイルを選ぶ…」 (研究会モード, 方針案を比べる)
    /// reads, several paths joined by the OS path-list separator (`:` on Linux and macOS,
    /// `;` on Windows) like `PATH` (tests only).
    pub e2e_open_files: Vec<PathBuf>,
    /// The last file written by an export, for 「フォルダを開く」.
    pub last_export: Mutex<Option<PathBuf>>,
}

fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|s| !s.is_empty())
        .map(PathBuf::from)
}

impl AppState {
    /// The data folder from `HOSHIN_DATA_DIR` or the OS; the test folders from the environment.
    pub fn from_env() -> AppState {
        AppState::new(
            Workspace::open(None),
            env_path("HOSHIN_E2E_SAVE_DIR"),
            env_path("HOSHIN_E2E_OPEN_FILE"),
        )
        .with_open_files(
            std::env::var_os("HOSHIN_E2E_OPEN_FILES")
                .map(|v| {
                    std::env::split_paths(&v)
                        .filter(|p| !p.as_os_str().is_empty())
                        .collect()
                })
                .unwrap_or_default(),
        )
    }

    pub fn new(ws: Workspace, save_dir: Option<PathBuf>, open_file: Option<PathBuf>) -> AppState {
        for w in ws.template_warnings() {
            eprintln!("hoshin-app: {w}");
        }
        AppState {
            ws: Mutex::new(ws),
            e2e_save_dir: save_dir,
            e2e_open_file: open_file,
            e2e_open_files: Vec::new(),
            last_export: Mutex::new(None),
        }
    }

    /// The files a multiple-file open dialog "picks" (tests only; see `e2e_open_files`).
    pub fn with_open_files(mut self, files: Vec<PathBuf>) -> AppState {
        self.e2e_open_files = files;
        self
    }

    /// Run one operation. A panic in an earlier command rolled its transaction back, so a
    /// poisoned lock still guards a usable workspace.
    pub fn ws<T>(&self, f: impl FnOnce(&mut Workspace) -> Result<T>) -> Result<T> {
        let mut guard = self.ws.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut guard)
    }

    /// An export of `format`: ask where to save it (offering `name`), write it with `export`,
    /// and remember the file for 「フォルダを開く」. `None` when the dialog was cancelled.
    pub fn export_to<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        name: &str,
        format: Format,
        export: impl FnOnce(&mut Workspace, &Path) -> Result<ExportDone>,
    ) -> Result<Option<ExportDone>> {
        let filter = (format.filter_name(), &[format.extension()][..]);
        let Some(path) = self.save_path(app, name, filter)? else {
            return Ok(None);
        };
        let done = self.ws(|w| export(w, &path))?;
        self.remember_export(&path);
        Ok(Some(done))
    }

    /// Where to save: the user's choice in a native save dialog (`None` = cancelled).
    pub fn save_path<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        name: &str,
        filter: (&str, &[&str]),
    ) -> Result<Option<PathBuf>> {
        if let Some(dir) = &self.e2e_save_dir {
            return Ok(Some(dir.join(name)));
        }
        let picked = app
            .dialog()
            .file()
            .set_file_name(name)
            .add_filter(filter.0, filter.1)
            .blocking_save_file();
        picked.map(into_path).transpose()
    }

    /// What to open: the user's choice in a native open dialog (`None` = cancelled).
    pub fn open_path<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        filter: (&str, &[&str]),
        e2e: Option<&PathBuf>,
    ) -> Result<Option<PathBuf>> {
        if let Some(p) = e2e {
            return Ok(Some(p.clone()));
        }
        let picked = app
            .dialog()
            .file()
            .add_filter(filter.0, filter.1)
            .blocking_pick_file();
        picked.map(into_path).transpose()
    }

    /// What to open, several files at once: the user's choice in a native open dialog that
    /// allows choosing more than one file (`None` = cancelled). With `HOSHIN_E2E_OPEN_FILES`
    /// set, those files are taken without a dialog.
    pub fn open_paths<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        filter: (&str, &[&str]),
    ) -> Result<Option<Vec<PathBuf>>> {
        if !self.e2e_open_files.is_empty() {
            return Ok(Some(self.e2e_open_files.clone()));
        }
        let picked = app
            .dialog()
            .file()
            .add_filter(filter.0, filter.1)
            .blocking_pick_files();
        picked
            .map(|ps| ps.into_iter().map(into_path).collect())
            .transpose()
    }

    pub fn remember_export(&self, path: &std::path::Path) {
        *self.last_export.lock().unwrap_or_else(|p| p.into_inner()) = Some(path.to_path_buf());
    }
}

fn into_path(p: tauri_plugin_dialog::FilePath) -> Result<PathBuf> {
    p.into_path().map_err(|_| {
        Error::invalid("選んだ場所はこの PC のフォルダではないため使えません")
            .with_hint("PC 上のフォルダ（ドキュメントなど）を選んでください")
    })
}
