//! One error at the edge: a stable code the front ends switch on, a Japanese message that
//! says what happened, and a hint that says what to do. Crate errors convert with `From`.

use std::io::ErrorKind;

use hoshin_export::ExportError;
use hoshin_model::exchange::ImportError;
use hoshin_pdf::PdfError;
use hoshin_store::StoreError;
use rusqlite::ErrorCode as Sqlite;
use serde::Serialize;
use ts_rs::TS;

/// What went wrong, as the UI and the CLI act on it. The strings are stable: the UI switches
/// on them and scripts may read them (`hoshin … --json` in the future).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[ts(export)]
pub enum ErrorCode {
    /// The database file is damaged: offer to restore a backup.
    #[serde(rename = "store.corrupt")]
    StoreCorrupt,
    /// The database was written by a newer Hoshin: nothing was touched.
    #[serde(rename = "store.newer_version")]
    StoreNewerVersion,
    /// The disk is full: nothing of the last change was written; retry once there is space.
    #[serde(rename = "store.disk_full")]
    StoreDiskFull,
    /// Another process holds the database (another Hoshin, a network share's lock).
    #[serde(rename = "store.locked")]
    StoreLocked,
    /// The database or its folder cannot be written.
    #[serde(rename = "store.read_only")]
    StoreReadOnly,
    /// The database cannot be opened or read for another reason.
    #[serde(rename = "store.unavailable")]
    StoreUnavailable,
    /// Input the user can correct (a value, a file's content, a mapping, a reason).
    #[serde(rename = "input.invalid")]
    InputInvalid,
    /// A draft, item, version, sample, finding or backup that does not exist.
    #[serde(rename = "input.not_found")]
    InputNotFound,
    /// An item cannot be deleted while others link to it.
    #[serde(rename = "input.linked")]
    InputLinked,
    /// A file that cannot be read as what it should be (encoding, broken .docx, …).
    #[serde(rename = "input.unreadable")]
    InputUnreadable,
    /// No Japanese font for PDF output.
    #[serde(rename = "export.font_missing")]
    ExportFontMissing,
    /// A user's export template does not work.
    #[serde(rename = "export.template")]
    ExportTemplate,
    /// Rendering failed for another reason.
    #[serde(rename = "export.failed")]
    ExportFailed,
    /// A file or folder the user chose cannot be written (permission, missing folder).
    #[serde(rename = "io.not_writable")]
    IoNotWritable,
    /// The disk is full while writing a file the user chose; the previous file is untouched.
    #[serde(rename = "io.disk_full")]
    IoDiskFull,
    /// A file cannot be read or written for another reason.
    #[serde(rename = "io.failed")]
    IoFailed,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::StoreCorrupt => "store.corrupt",
            Self::StoreNewerVersion => "store.newer_version",
            Self::StoreDiskFull => "store.disk_full",
            Self::StoreLocked => "store.locked",
            Self::StoreReadOnly => "store.read_only",
            Self::StoreUnavailable => "store.unavailable",
            Self::InputInvalid => "input.invalid",
            Self::InputNotFound => "input.not_found",
            Self::InputLinked => "input.linked",
            Self::InputUnreadable => "input.unreadable",
            Self::ExportFontMissing => "export.font_missing",
            Self::ExportTemplate => "export.template",
            Self::ExportFailed => "export.failed",
            Self::IoNotWritable => "io.not_writable",
            Self::IoDiskFull => "io.disk_full",
            Self::IoFailed => "io.failed",
        }
    }

    /// The CLI's exit code: 2 for what the user can fix in the command or its input
    /// (including a missing font), 3 for storage and file-system failures.
    pub fn exit_code(self) -> u8 {
        match self {
            Self::InputInvalid
            | Self::InputNotFound
            | Self::InputLinked
            | Self::InputUnreadable
            | Self::ExportFontMissing
            | Self::ExportTemplate
            | Self::ExportFailed => 2,
            Self::StoreCorrupt
            | Self::StoreNewerVersion
            | Self::StoreDiskFull
            | Self::StoreLocked
            | Self::StoreReadOnly
            | Self::StoreUnavailable
            | Self::IoNotWritable
            | Self::IoDiskFull
            | Self::IoFailed => 3,
        }
    }

    /// Worth trying the same thing again later without changing anything (autosave retries).
    pub fn is_transient(self) -> bool {
        matches!(
            self,
            Self::StoreDiskFull | Self::StoreLocked | Self::IoDiskFull
        )
    }
}

/// The error both front ends receive: `{ code, message, hint }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[ts(export)]
#[error("{message}")]
pub struct Error {
    pub code: ErrorCode,
    /// What happened, in Japanese.
    pub message: String,
    /// What to do about it, in Japanese (empty when the message already says it).
    pub hint: String,
    /// Trying the same thing again later may succeed without changing anything (a full disk,
    /// a lock): the app keeps the typed text and retries its save.
    pub retry: bool,
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Error {
        Error {
            code,
            message: message.into(),
            hint: String::new(),
            retry: code.is_transient(),
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Error {
        self.hint = hint.into();
        self
    }

    /// Mark as worth trying again unchanged (the autosave keeps the edit and retries).
    pub fn retrying(mut self) -> Error {
        self.retry = true;
        self
    }

    pub fn invalid(message: impl Into<String>) -> Error {
        Error::new(ErrorCode::InputInvalid, message)
    }

    pub fn not_found(message: impl Into<String>) -> Error {
        Error::new(ErrorCode::InputNotFound, message)
    }

    /// A file-system error while doing `what` (e.g. 「○○.pdf に書き出す」).
    pub fn io(what: &str, e: &std::io::Error) -> Error {
        let (code, hint) = match e.kind() {
            ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => (
                ErrorCode::IoNotWritable,
                "書き込みが許可された別のフォルダ（ドキュメントなど）を選んでください",
            ),
            ErrorKind::NotFound => (
                ErrorCode::IoNotWritable,
                "フォルダがあるか確かめるか、別のフォルダを選んでください",
            ),
            ErrorKind::StorageFull | ErrorKind::QuotaExceeded => (
                ErrorCode::IoDiskFull,
                "ディスクに空きを作るか、別のドライブを選んでから、もう一度試してください。元のファイルはそのままです",
            ),
            _ => (ErrorCode::IoFailed, ""),
        };
        Error::new(code, format!("{what}ことができませんでした（{e}）")).with_hint(hint)
    }
}

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Error {
        let message = e.to_string();
        let (code, hint): (ErrorCode, String) = match &e {
            StoreError::Newer {
                found, supported, ..
            } => (
                ErrorCode::StoreNewerVersion,
                format!(
                    "データベースの形式 {found} に対応した新しい版の Hoshin で開いてください（この Hoshin {} は形式 {supported} まで）。ファイルはそのまま残っています",
                    env!("CARGO_PKG_VERSION")
                ),
            ),
            StoreError::Corrupt { backups, .. } => (
                ErrorCode::StoreCorrupt,
                if backups.is_empty() {
                    "ファイルを別の場所にコピーしてから、情報システム担当に相談してください".into()
                } else {
                    "バックアップから復元してください。壊れたファイルは消さずに残します".into()
                },
            ),
            StoreError::DraftNotFound(_)
            | StoreError::ItemNotFound(_)
            | StoreError::VersionNotFound(..) => (ErrorCode::InputNotFound, String::new()),
            StoreError::Invalid(_) => (
                ErrorCode::InputInvalid,
                "示された箇所を直してから、もう一度試してください".into(),
            ),
            StoreError::Linked { .. } | StoreError::HasResults { .. } => {
                (ErrorCode::InputLinked, String::new())
            }
            StoreError::ReadOnly { .. } => (
                ErrorCode::StoreReadOnly,
                "フォルダが読み取り専用になっていないか、書き込みの権限があるか（ネットワークドライブなら接続も）を確かめてから「もう一度開く」を押してください。分からなければ情報システム担当に相談してください".into(),
            ),
            StoreError::Io { source, .. } => match source.kind() {
                ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => (
                    ErrorCode::StoreReadOnly,
                    "データフォルダの書き込み権限を確かめてください".into(),
                ),
                ErrorKind::StorageFull | ErrorKind::QuotaExceeded => (
                    ErrorCode::StoreDiskFull,
                    "ディスクに空きを作ってください。入力した内容は画面に残っています".into(),
                ),
                _ => (ErrorCode::StoreUnavailable, String::new()),
            },
            StoreError::Sqlite(s) => match s.sqlite_error_code() {
                Some(Sqlite::DiskFull) => (
                    ErrorCode::StoreDiskFull,
                    "ディスクに空きを作ってください。入力した内容は画面に残り、空きができれば保存されます".into(),
                ),
                Some(Sqlite::DatabaseBusy) | Some(Sqlite::DatabaseLocked) => (
                    ErrorCode::StoreLocked,
                    "使っているプログラム（ほかの PC から同じフォルダを開いている Hoshin も）を閉じてから、もう一度試してください。入力した内容は画面に残り、少しあとに自動で保存し直します".into(),
                ),
                Some(Sqlite::ReadOnly) | Some(Sqlite::PermissionDenied) => (
                    ErrorCode::StoreReadOnly,
                    "データフォルダの書き込み権限を確かめてください".into(),
                ),
                Some(Sqlite::NotADatabase) | Some(Sqlite::DatabaseCorrupt) => (
                    ErrorCode::StoreCorrupt,
                    "バックアップから復元してください".into(),
                ),
                _ => (ErrorCode::StoreUnavailable, String::new()),
            },
        };
        Error::new(code, message).with_hint(hint)
    }
}

impl From<ImportError> for Error {
    fn from(e: ImportError) -> Error {
        Error::invalid(e.to_string()).with_hint(
            "示された箇所（JSON の位置）を直すか、Hoshin で書き出し直したファイルを選んでください",
        )
    }
}

impl From<PdfError> for Error {
    fn from(e: PdfError) -> Error {
        let code = match e {
            PdfError::NoJapaneseFont { .. }
            | PdfError::FontOverride { .. }
            | PdfError::FontLoad { .. } => ErrorCode::ExportFontMissing,
            PdfError::Write(_) => ErrorCode::ExportFailed,
        };
        let hint = if code == ErrorCode::ExportFontMissing {
            "フォントを入れるまでは Markdown で書き出せます"
        } else {
            ""
        };
        Error::new(code, e.to_string()).with_hint(hint)
    }
}

impl From<hoshin_sheet::SheetError> for Error {
    fn from(e: hoshin_sheet::SheetError) -> Error {
        match e {
            hoshin_sheet::SheetError::Unreadable(_) => {
                Error::new(ErrorCode::InputUnreadable, e.to_string())
            }
            hoshin_sheet::SheetError::Write(_) => Error::new(
                ErrorCode::ExportFailed,
                e.to_string(),
            )
            .with_hint(
                "PDF か Word で書き出せるか試し、続くようならこの文面を添えて問い合わせてください",
            ),
        }
    }
}

impl From<ExportError> for Error {
    fn from(e: ExportError) -> Error {
        match e {
            ExportError::Pdf(p) => p.into(),
            ExportError::Template { .. } => Error::new(ErrorCode::ExportTemplate, e.to_string())
                .with_hint("データフォルダの templates/export にあるひな形を直すか、そのファイルを外すと組み込みのひな形で書き出せます"),
            ExportError::Word(_) => Error::new(ErrorCode::ExportFailed, e.to_string())
                .with_hint("PDF か Markdown で書き出せるか試し、続くようならこの文面を添えて問い合わせてください"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_serialise_as_their_stable_strings() {
        for code in [
            ErrorCode::StoreCorrupt,
            ErrorCode::StoreNewerVersion,
            ErrorCode::StoreDiskFull,
            ErrorCode::StoreLocked,
            ErrorCode::InputInvalid,
            ErrorCode::ExportFontMissing,
            ErrorCode::IoNotWritable,
        ] {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
        }
        let e = Error::invalid("理由を書いてください").with_hint("例: 県の人材プールで確保する");
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["code"], "input.invalid");
        assert_eq!(v["message"], "理由を書いてください");
        assert_eq!(v["hint"], "例: 県の人材プールで確保する");
        assert_eq!(v["retry"], false);
    }

    #[test]
    fn a_full_disk_and_a_lock_are_storage_errors_worth_retrying() {
        let full = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_FULL),
            None,
        );
        let e = Error::from(StoreError::Sqlite(full));
        assert_eq!(e.code, ErrorCode::StoreDiskFull);
        assert!(e.retry && e.code.exit_code() == 3);
        let busy = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
            None,
        );
        let e = Error::from(StoreError::Sqlite(busy));
        assert_eq!(e.code, ErrorCode::StoreLocked);
        assert!(e.message.contains("使用中"), "{}", e.message);
    }

    #[test]
    fn a_missing_font_is_its_own_code_with_a_way_out() {
        let e = Error::from(ExportError::Pdf(PdfError::NoJapaneseFont {
            searched: "/usr/share/fonts".into(),
        }));
        assert_eq!(e.code, ErrorCode::ExportFontMissing);
        assert!(e.hint.contains("Markdown"));
        assert_eq!(e.code.exit_code(), 2);
    }
}
