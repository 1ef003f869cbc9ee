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
    /// The database file's identity when it was opened (device, inode), to notice a file
    /// deleted or replaced behind the open connection.
    file_id: Option<(u64, u64)>,
}

/// What became of the database file since the store opened it (see [`Store::file_state`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileState {
    /// The same file, still starting with SQLite's header.
    Same,
    /// No file at the path any more (deleted, or its folder moved): the open connection still
    /// holds everything, so it can be written back ([`Store::rescue_to`]).
    Missing,
    /// Another file at the path (copied or restored over it by another program).
    Replaced,
    /// The same file, but its first bytes are no longer SQLite's header (overwritten).
    Damaged,
}

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Whether `path` starts with SQLite's header (an empty file counts: SQLite makes it a
/// database). A file that cannot be read counts as sound here; opening it reports why.
fn has_sqlite_header(path: &Path) -> bool {
    use std::io::Read;
    let Ok(mut f) = std::fs::File::open(path) else {
        return true;
    };
    let mut head = Vec::with_capacity(16);
    match f.by_ref().take(16).read_to_end(&mut head) {
        Ok(0) => true,
        Ok(_) => head.as_slice() == SQLITE_HEADER,
        Err(_) => true,
    }
}

#[cfg(unix)]
fn file_id(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn file_id(_path: &Path) -> Option<(u64, u64)> {
    None
}

/// Refuse a data folder (or database file) that cannot be written before anything is opened:
/// a read-only folder would otherwise open half-way and fail at the first autosave.
fn check_writable(data_dir: &Path, db: &Path) -> Result<()> {
    use std::io::ErrorKind;
    let read_only = |e: &std::io::Error| {
        matches!(
            e.kind(),
            ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem
        )
    };
    let probe = data_dir.join(format!(".hoshin-write-test-{}", std::process::id()));
    match std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(&probe)
    {
        Ok(f) => {
            drop(f);
            let _ = std::fs::remove_file(&probe);
        }
        Err(e) if read_only(&e) => {
            return Err(StoreError::ReadOnly {
                dir: data_dir.to_path_buf(),
                source: e,
            })
        }
        Err(_) => {} // a full disk or the like: opening (and reading) may still work
    }
    if db.exists() {
        if let Err(e) = std::fs::OpenOptions::new().read(true).write(true).open(db) {
            if read_only(&e) {
                return Err(StoreError::ReadOnly {
                    dir: data_dir.to_path_buf(),
                    source: e,
                });
            }
        }
    }
    Ok(())
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
        check_writable(data_dir, &path)?;
        let existed = path.exists();
        if existed && !has_sqlite_header(&path) {
            // SQLite could still read it through its write-ahead log until the next
            // checkpoint, but the file itself (and any copy of it) is broken.
            return Err(StoreError::Corrupt {
                path: path.clone(),
                detail: "ファイルの先頭が SQLite のデータベースの形ではありません".into(),
                backups: list_backups(data_dir).unwrap_or_default(),
            });
        }
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
            file_id: file_id(&path),
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

    /// Whether the database file is still the one this store opened. Cheap (one `stat` and
    /// 16 bytes read): the operations layer asks before every use, so a file deleted,
    /// replaced or overwritten while the app is open is noticed at the next save instead of
    /// the save going into a file nobody will see again.
    pub fn file_state(&self) -> FileState {
        let path = self.db_path();
        let now = match std::fs::metadata(&path) {
            Ok(_) => file_id(&path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return FileState::Missing,
            Err(_) => return FileState::Same, // cannot tell; SQLite will report real trouble
        };
        if self.file_id.is_some() && now != self.file_id {
            return FileState::Replaced;
        }
        if has_sqlite_header(&path) {
            FileState::Same
        } else {
            FileState::Damaged
        }
    }

    /// Write everything the open connection holds into a new database file at `dest` (which
    /// must not exist), with `VACUUM INTO`: the way back when the file was deleted under it.
    pub fn rescue_to(&self, dest: &Path) -> Result<()> {
        let dest_text = dest.to_str().ok_or_else(|| StoreError::Io {
            what: dest.display().to_string(),
            source: std::io::Error::other("パスを UTF-8 で表せません"),
        })?;
        self.conn.execute("VACUUM INTO ?1", [dest_text])?;
        Ok(())
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
