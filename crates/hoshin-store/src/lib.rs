//! Hoshin's local store: one SQLite file in the user's data folder.
//!
//! - WAL, `synchronous=NORMAL`, foreign keys, busy timeout; every write is one transaction.
//! - Autosave-sized writes: one section, one meta field, one item or one item field.
//! - Named versions, trash, duplicate, import/export of exchange files.
//! - Schema migrations by `PRAGMA user_version`; a file from a newer Hoshin is refused untouched.
//! - `quick_check` on open; rolling backups with SQLite's backup API; restore from a backup.

mod backup;
mod drafts;
mod error;
mod items;
mod schema;
mod versions;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

pub use backup::{list_backups, restore_backup, BackupInfo};
pub use drafts::{DraftSummary, MetaPatch};
pub use error::{Linker, StoreError};
pub use items::DeleteMode;
pub use schema::SCHEMA_VERSION;
pub use versions::{VersionInfo, VersionKind};

pub type Result<T> = std::result::Result<T, StoreError>;

/// The database file's name inside the data folder.
pub const DB_FILE: &str = "hoshin.sqlite";

/// Tunables for opening a store.
#[derive(Debug, Clone)]
pub struct OpenOptions {
    /// Make a backup on open when the newest one is older than this.
    pub backup_interval: Duration,
    /// How many rolling backups to keep.
    pub keep_backups: usize,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions {
            backup_interval: Duration::from_secs(60 * 60),
            keep_backups: 10,
        }
    }
}

pub struct Store {
    conn: Connection,
    data_dir: PathBuf,
    journal_mode: String,
}

/// The data folder: `--data-dir`, else `HOSHIN_DATA_DIR`, else the OS data folder
/// (`~/.local/share/hoshin`, `%APPDATA%\hoshin\data`, …).
pub fn resolve_data_dir(explicit: Option<&Path>) -> Result<PathBuf> {
    if let Some(p) = explicit {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os("HOSHIN_DATA_DIR").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    directories::ProjectDirs::from("jp", "hoshin", "hoshin")
        .map(|d| d.data_dir().to_path_buf())
        .ok_or_else(|| StoreError::Io {
            what: "データフォルダの場所".into(),
            source: std::io::Error::other("ホームフォルダが見つかりません。--data-dir か HOSHIN_DATA_DIR でフォルダを指定してください"),
        })
}

impl Store {
    /// Open (or create) the store in `data_dir` with default options.
    pub fn open(data_dir: &Path) -> Result<Store> {
        Self::open_with(data_dir, &OpenOptions::default())
    }

    pub fn open_with(data_dir: &Path, opts: &OpenOptions) -> Result<Store> {
        std::fs::create_dir_all(data_dir)
            .map_err(|e| StoreError::io(format!("データフォルダ {}", data_dir.display()), e))?;
        let path = data_dir.join(DB_FILE);
        let existed = path.exists();
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| StoreError::from_open(&path, e))?;
        conn.busy_timeout(Duration::from_secs(5))?;

        // Read-only checks first: nothing is written before we know the file is ours and sound.
        let version = schema::user_version(&conn).map_err(|e| StoreError::from_open(&path, e))?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::Newer {
                path,
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        if existed {
            let report = schema::quick_check(&conn).map_err(|e| StoreError::from_open(&path, e))?;
            if report != "ok" {
                return Err(StoreError::Corrupt {
                    path: path.clone(),
                    detail: report,
                    backups: list_backups(data_dir).unwrap_or_default(),
                });
            }
        }

        let journal_mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        conn.execute_batch("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;")?;
        let mut store = Store {
            conn,
            data_dir: data_dir.to_path_buf(),
            journal_mode,
        };

        if existed && version > 0 && version < SCHEMA_VERSION {
            store.backup_now(&format!("migrate-from-v{version}"), opts.keep_backups)?;
        }
        schema::migrate(&mut store.conn, version)?;
        if existed && backup::newest_age(data_dir).is_none_or(|age| age >= opts.backup_interval) {
            store.backup_now("auto", opts.keep_backups)?;
        }
        Ok(store)
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub fn db_path(&self) -> PathBuf {
        self.data_dir.join(DB_FILE)
    }

    /// `wal`, or the mode SQLite fell back to (e.g. on a network share).
    pub fn journal_mode(&self) -> &str {
        &self.journal_mode
    }

    /// Cap the database at `pages` pages, so that writes beyond it fail exactly as on a
    /// full disk (SQLITE_FULL). For tests of the full-disk path; `None` lifts the cap.
    #[doc(hidden)]
    pub fn simulate_full_disk(&self, pages: Option<u64>) -> Result<()> {
        let n: i64 = match pages {
            Some(p) => p as i64,
            None => 1_073_741_823,
        };
        let _: i64 = self
            .conn
            .query_row(&format!("PRAGMA max_page_count = {n}"), [], |r| r.get(0))?;
        Ok(())
    }

    /// Pages the database file uses now.
    #[doc(hidden)]
    pub fn page_count(&self) -> Result<u64> {
        Ok(self
            .conn
            .query_row("PRAGMA page_count", [], |r| r.get::<_, i64>(0))? as u64)
    }

    /// Run `PRAGMA integrity_check`; `"ok"` when sound.
    pub fn integrity_check(&self) -> Result<String> {
        let rows: Vec<String> = self
            .conn
            .prepare("PRAGMA integrity_check")?
            .query_map([], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        Ok(rows.join("\n"))
    }
}
