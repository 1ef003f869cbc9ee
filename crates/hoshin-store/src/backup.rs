//! Rolling backups with SQLite's online backup API, and restoring the main file from one.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use rusqlite::{backup::Backup, Connection, OpenFlags};

use crate::{Result, Store, StoreError, DB_FILE};

const DIR: &str = "backups";

/// One backup file in `<data dir>/backups/`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct BackupInfo {
    pub file_name: String,
    #[serde(skip)]
    #[ts(skip)]
    pub path: PathBuf,
    #[ts(type = "number")]
    pub bytes: u64,
    /// When it was taken (UTC, RFC 3339), read from its name; `None` for a file named otherwise.
    pub created_at: Option<String>,
    /// Why: `auto` (hourly on open), `migrate-from-vN`, `before-restore`, … (from its name).
    pub reason: String,
}

/// `hoshin-20261202-115329-123-auto.sqlite` → (`2026-12-02T11:53:29Z`, `auto`).
fn parse_name(name: &str) -> (Option<String>, String) {
    let stem = name
        .strip_prefix("hoshin-")
        .and_then(|s| s.strip_suffix(".sqlite"))
        .unwrap_or("");
    let parts: Vec<&str> = stem.splitn(4, '-').collect();
    let at = match parts.as_slice() {
        [d, t, ms, ..]
            if d.len() == 8
                && t.len() == 6
                && ms.len() == 3
                && d.chars().chain(t.chars()).all(|c| c.is_ascii_digit()) =>
        {
            Some(format!(
                "{}-{}-{}T{}:{}:{}Z",
                &d[0..4],
                &d[4..6],
                &d[6..8],
                &t[0..2],
                &t[2..4],
                &t[4..6]
            ))
        }
        _ => None,
    };
    let reason = parts.get(3).copied().unwrap_or("").to_string();
    (at, reason)
}

impl BackupInfo {
    fn of(path: PathBuf) -> BackupInfo {
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (created_at, reason) = parse_name(&file_name);
        BackupInfo {
            bytes: std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0),
            file_name,
            path,
            created_at,
            reason,
        }
    }
}

fn backup_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(DIR)
}

/// Backups, newest first (names sort by time).
pub fn list_backups(data_dir: &Path) -> Result<Vec<BackupInfo>> {
    let dir = backup_dir(data_dir);
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(vec![]),
        Err(e) => {
            return Err(StoreError::io(
                format!("バックアップフォルダ {}", dir.display()),
                e,
            ))
        }
    };
    let mut out: Vec<BackupInfo> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name.starts_with("hoshin-") && name.ends_with(".sqlite"))
                .then(|| BackupInfo::of(e.path()))
        })
        .collect();
    out.sort_by(|a, b| b.file_name.cmp(&a.file_name));
    Ok(out)
}

pub(crate) fn newest_age(data_dir: &Path) -> Option<Duration> {
    let newest = list_backups(data_dir).ok()?.into_iter().next()?;
    let modified = std::fs::metadata(&newest.path).ok()?.modified().ok()?;
    Some(
        SystemTime::now()
            .duration_since(modified)
            .unwrap_or_default(),
    )
}

fn stamp() -> String {
    let t = time::OffsetDateTime::now_utc();
    format!(
        "{:04}{:02}{:02}-{:02}{:02}{:02}-{:03}",
        t.year(),
        t.month() as u8,
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.millisecond()
    )
}

impl Store {
    /// Copy the live database into `backups/` and drop all but the newest `keep`.
    pub fn backup_now(&self, reason: &str, keep: usize) -> Result<BackupInfo> {
        let dir = backup_dir(&self.data_dir);
        std::fs::create_dir_all(&dir)
            .map_err(|e| StoreError::io(format!("バックアップフォルダ {}", dir.display()), e))?;
        let name = format!("hoshin-{}-{}.sqlite", stamp(), reason);
        let path = dir.join(&name);
        let tmp = dir.join(format!("{name}.partial"));
        {
            let mut dst = Connection::open(&tmp)?;
            let b = Backup::new(&self.conn, &mut dst)?;
            b.run_to_completion(256, Duration::from_millis(0), None)?;
        }
        std::fs::rename(&tmp, &path)
            .map_err(|e| StoreError::io(format!("バックアップ {}", path.display()), e))?;
        for old in list_backups(&self.data_dir)?.into_iter().skip(keep.max(1)) {
            let _ = std::fs::remove_file(old.path);
        }
        Ok(BackupInfo::of(path))
    }
}

/// Put a backup in place of the main database. The current file (corrupt or not) is kept
/// beside it as `hoshin.sqlite.replaced-<time>`; nothing is deleted. With `backup` None the
/// newest sound backup is used. Returns the backup that was restored.
pub fn restore_backup(data_dir: &Path, backup: Option<&Path>) -> Result<BackupInfo> {
    let candidates = match backup {
        Some(p) => {
            std::fs::metadata(p)
                .map_err(|e| StoreError::io(format!("バックアップ {}", p.display()), e))?;
            vec![BackupInfo::of(p.to_path_buf())]
        }
        None => list_backups(data_dir)?,
    };
    let chosen = candidates
        .into_iter()
        .find(|b| backup_is_sound(&b.path))
        .ok_or_else(|| {
            StoreError::io(
                "バックアップ",
                std::io::Error::other("使える（壊れていない）バックアップが見つかりません"),
            )
        })?;

    let main = data_dir.join(DB_FILE);
    let aside = data_dir.join(format!("{DB_FILE}.replaced-{}", stamp()));
    for suffix in ["", "-wal", "-shm"] {
        let from = PathBuf::from(format!("{}{suffix}", main.display()));
        if from.exists() {
            let to = PathBuf::from(format!("{}{suffix}", aside.display()));
            std::fs::rename(&from, &to)
                .map_err(|e| StoreError::io(format!("{}", from.display()), e))?;
        }
    }
    let tmp = data_dir.join(format!("{DB_FILE}.restoring"));
    std::fs::copy(&chosen.path, &tmp)
        .map_err(|e| StoreError::io(format!("バックアップ {}", chosen.path.display()), e))?;
    std::fs::rename(&tmp, &main).map_err(|e| StoreError::io(format!("{}", main.display()), e))?;
    Ok(chosen)
}

fn backup_is_sound(path: &Path) -> bool {
    Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .and_then(|c| crate::schema::quick_check(&c))
        .is_ok_and(|r| r == "ok")
}

#[cfg(test)]
mod tests {
    use super::parse_name;

    #[test]
    fn a_backup_name_gives_its_time_and_reason() {
        assert_eq!(
            parse_name("hoshin-20261202-115329-123-auto.sqlite"),
            (Some("2026-12-02T11:53:29Z".into()), "auto".into())
        );
        assert_eq!(
            parse_name("hoshin-20261202-115329-123-migrate-from-v1.sqlite").1,
            "migrate-from-v1"
        );
        assert_eq!(parse_name("hoshin-copy.sqlite").0, None);
    }
}
