use std::path::{Path, PathBuf};

use hoshin_model::{Kind, Problem};
use rusqlite::ErrorCode;

/// An item that links to the one being deleted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Linker {
    pub kind: Kind,
    pub id: String,
    pub name: String,
    pub field: String,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("データベース {path} は新しい版の Hoshin（形式 {found}）で書かれています。この Hoshin が扱えるのは形式 {supported} までです。ファイルには手を付けていません。新しい版の Hoshin で開いてください")]
    Newer {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    #[error("データベース {path} が壊れています（{detail}）。{}", backups_text(.backups))]
    Corrupt {
        path: PathBuf,
        detail: String,
        backups: Vec<crate::BackupInfo>,
    },

    #[error("下書き「{0}」が見つかりません")]
    DraftNotFound(String),

    #[error("下書きに項目「{0}」が見つかりません")]
    ItemNotFound(String),

    #[error("版 {1} は下書き「{0}」にありません")]
    VersionNotFound(String, i64),

    #[error("{}", problems_text(.0))]
    Invalid(Vec<Problem>),

    #[error("{kind_label}「{name}」は次の項目から参照されているため削除できません: {}。先に参照を外すか、参照ごと削除してください", linkers_text(.by))]
    Linked {
        kind_label: &'static str,
        name: String,
        by: Vec<Linker>,
    },

    #[error("{kind_label}「{name}」には{}の実績が記録されているため削除できません。実績を残すなら項目も残し、要らなくなったことは説明に書いてください", years_text(.years))]
    HasResults {
        kind_label: &'static str,
        name: String,
        years: Vec<i32>,
    },

    #[error("データフォルダ {dir} に書き込めないため、データベースを開きませんでした（読み取り専用か、書き込みの権限がありません: {source}）。ファイルには何も書き込んでいません")]
    ReadOnly {
        dir: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("{what}を読み書きできません: {source}")]
    Io {
        what: String,
        #[source]
        source: std::io::Error,
    },

    #[error("{}", sqlite_text(.0))]
    Sqlite(#[from] rusqlite::Error),
}

impl StoreError {
    pub(crate) fn io(what: impl Into<String>, source: std::io::Error) -> Self {
        StoreError::Io {
            what: what.into(),
            source,
        }
    }

    /// An error while opening or first reading a file: "not a database" means corrupt.
    pub(crate) fn from_open(path: &Path, e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) | Some(ErrorCode::DatabaseCorrupt) => {
                StoreError::Corrupt {
                    path: path.to_path_buf(),
                    detail: "SQLite のデータベースとして読めません".into(),
                    backups: path
                        .parent()
                        .and_then(|d| crate::list_backups(d).ok())
                        .unwrap_or_default(),
                }
            }
            _ => StoreError::Sqlite(e),
        }
    }

    /// Input the user can fix (exit code 2), as opposed to a storage failure (exit code 3).
    pub fn is_input_error(&self) -> bool {
        matches!(
            self,
            StoreError::DraftNotFound(_)
                | StoreError::ItemNotFound(_)
                | StoreError::VersionNotFound(..)
                | StoreError::Invalid(_)
                | StoreError::Linked { .. }
                | StoreError::HasResults { .. }
        )
    }
}

fn backups_text(backups: &[crate::BackupInfo]) -> String {
    match backups.first() {
        Some(b) => format!(
            "バックアップが {} 件あります（最新: {}）。バックアップから復元できます。壊れたファイルは消さずに残します",
            backups.len(),
            b.file_name
        ),
        None => "バックアップがありません。ファイルを別の場所にコピーしてから、情報システム担当に相談してください".into(),
    }
}

fn problems_text(ps: &[Problem]) -> String {
    let mut s = String::from("入力に問題があります。");
    for p in ps.iter().take(20) {
        s.push_str("\n  ");
        s.push_str(&p.to_string());
    }
    if ps.len() > 20 {
        s.push_str(&format!("\n  ほか {} 件", ps.len() - 20));
    }
    s
}

fn linkers_text(by: &[Linker]) -> String {
    by.iter()
        .map(|l| format!("{}「{}」", l.kind.label(), l.name))
        .collect::<Vec<_>>()
        .join("、")
}

fn sqlite_text(e: &rusqlite::Error) -> String {
    match e.sqlite_error_code() {
        Some(ErrorCode::DiskFull) => "ディスクの空きが足りないため保存できませんでした。直前の変更は保存されていません。空きを作ってから、もう一度保存してください".into(),
        Some(ErrorCode::ReadOnly) => "データベースが読み取り専用のため保存できません。フォルダの書き込み権限を確かめてください".into(),
        Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => "データベースを他のプログラム（別の Hoshin など）が使用中のため、保存できませんでした".into(),
        Some(ErrorCode::NotADatabase) | Some(ErrorCode::DatabaseCorrupt) => "データベースファイルが壊れているため、読み書きできませんでした".into(),
        Some(ErrorCode::CannotOpen) => "データベースを開けません。フォルダの場所と権限を確かめてください".into(),
        Some(ErrorCode::PermissionDenied) => "データベースへのアクセスが拒否されました。権限を確かめてください".into(),
        Some(ErrorCode::SystemIoFailure) => format!("ディスクの読み書きに失敗しました（{e}）"),
        _ => format!("データベースの処理に失敗しました: {e}"),
    }
}

fn years_text(years: &[i32]) -> String {
    years
        .iter()
        .map(|y| hoshin_model::wareki::fy(*y))
        .collect::<Vec<_>>()
        .join("・")
}
