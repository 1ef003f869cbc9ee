//! Files the user chose: written atomically, read in the encodings Japanese offices use,
//! named so that Windows and Linux accept them.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, ErrorCode, Result};

/// Write `bytes` to `path` so that `path` holds either its previous content or all of the new
/// one, whatever happens (crash, SIGKILL, full disk): a temporary file in the same folder,
/// written and flushed to disk (fsync), then renamed over `path`; on Unix the folder is
/// synced too so the rename itself survives a power cut.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let shown = path.display().to_string();
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(Error::new(
            ErrorCode::IoNotWritable,
            format!("書き出し先のフォルダ {} がありません", dir.display()),
        )
        .with_hint("フォルダがあるか確かめるか、別のフォルダを選んでください"));
    }
    if path.is_dir() {
        return Err(Error::invalid(format!(
            "{shown} はフォルダです。ファイル名を指定してください"
        )));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "hoshin".into());
    let tmp = dir.join(format!(
        ".{name}.{}-{:08x}.partial",
        std::process::id(),
        fastrand::u32(..)
    ));
    let what = format!("{shown} に書き出す");
    let result = (|| -> std::io::Result<()> {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)?;
        #[cfg(unix)]
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        match e.kind() {
            std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
                Error::new(
                    ErrorCode::IoNotWritable,
                    format!(
                        "フォルダ {} に書き込めないため、{name} を書き出せませんでした（読み取り専用か、書き込みの権限がありません）",
                        dir.display()
                    ),
                )
                .with_hint("書き込みが許可された別のフォルダ（ドキュメントなど）を選んで、もう一度書き出してください。書きかけのファイルは残していません")
            }
            _ => Error::io(&what, &e),
        }
    })
}

/// The largest file any reader takes (old policies, workbooks, CSV): a file over it is refused
/// before a byte is read.
pub const MAX_READ_BYTES: u64 = 256 << 20;

/// Read a file the user chose, with a Japanese message when it cannot be read or is larger
/// than [`MAX_READ_BYTES`].
pub fn read(path: &Path) -> Result<Vec<u8>> {
    read_at_most(path, MAX_READ_BYTES, "読み込めるファイル")
}

/// Read an exchange file (`.hoshin.json`): one over the exchange format's limit is refused
/// from its size on disk, before it is read.
pub fn read_exchange(path: &Path) -> Result<Vec<u8>> {
    read_at_most(
        path,
        hoshin_model::exchange::MAX_FILE_BYTES as u64,
        "交換ファイル（.hoshin.json）",
    )
}

/// Read at most `max` bytes: the size on disk is checked first, and the read itself stops
/// past `max` (a file that grows, or a device), so memory stays bounded whatever was chosen.
fn read_at_most(path: &Path, max: u64, what: &str) -> Result<Vec<u8>> {
    use std::io::Read;
    let unreadable = |e: std::io::Error| {
        let code = match e.kind() {
            std::io::ErrorKind::NotFound => ErrorCode::InputNotFound,
            _ => ErrorCode::InputUnreadable,
        };
        Error::new(code, format!("{} を読めません（{e}）", path.display()))
            .with_hint("ファイルの場所と名前を確かめてください")
    };
    let too_large = |size: u64| {
        Error::invalid(format!(
            "{} は大きすぎるため読み込みませんでした（{} MB。{}は {} MB までです）",
            path.display(),
            size.div_ceil(1 << 20),
            what,
            max >> 20
        ))
        .with_hint("選んだファイルが正しいか確かめてください。何も変更していません")
    };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let meta = file.metadata().map_err(unreadable)?;
    if meta.is_dir() {
        return Err(Error::new(
            ErrorCode::InputUnreadable,
            format!("{} はフォルダです", path.display()),
        )
        .with_hint("ファイルを選んでください"));
    }
    if meta.len() > max {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > max {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// A file the user chose, read whole, with the name to mention it by (its last component).
pub fn read_named(path: &Path) -> Result<(String, Vec<u8>)> {
    Ok((last_name(path), read(path)?))
}

fn last_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// An exchange file the user chose, read as [`read_exchange`] does, with its name.
pub fn read_named_exchange(path: &Path) -> Result<(String, Vec<u8>)> {
    Ok((last_name(path), read_exchange(path)?))
}

/// How a text file was encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Utf8Bom,
    /// Shift_JIS as Windows writes it (CP932, with NEC and IBM extensions).
    ShiftJis,
}

/// Text as Japanese Windows and other systems save it: UTF-8 with or without a BOM, else
/// Shift_JIS (CP932). Anything else is refused with a message naming the file.
pub fn decode_text(name: &str, bytes: &[u8]) -> Result<(String, TextEncoding)> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        if let Ok(s) = std::str::from_utf8(rest) {
            return Ok((s.to_string(), TextEncoding::Utf8Bom));
        }
    } else if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_string(), TextEncoding::Utf8));
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(unreadable_text(name, "UTF-16"));
    }
    let (text, _, had_errors) = encoding_rs::SHIFT_JIS.decode(bytes);
    if had_errors {
        return Err(unreadable_text(
            name,
            "UTF-8 でも Shift_JIS でもない文字コード",
        ));
    }
    Ok((text.into_owned(), TextEncoding::ShiftJis))
}

fn unreadable_text(name: &str, what: &str) -> Error {
    Error::new(
        ErrorCode::InputUnreadable,
        format!("{name} は {what} で書かれているため読めません"),
    )
    .with_hint("メモ帳などで「UTF-8」を選んで保存し直すか、Word 文書（.docx）のまま選んでください")
}

/// A file name from a document's name: characters that Windows or Linux refuse become `_`,
/// leading and trailing dots and spaces go, and an empty result becomes `hoshin`.
pub fn file_name(stem: &str, ext: &str) -> String {
    let clean: String = stem
        .chars()
        .map(|c| {
            if "\\/:*?\"<>|".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let clean = clean.trim().trim_matches('.').trim();
    // Windows refuses these names whatever the extension.
    let reserved = matches!(
        clean.to_ascii_uppercase().as_str(),
        "CON" | "PRN" | "AUX" | "NUL" | "COM1" | "COM2" | "COM3" | "LPT1" | "LPT2" | "LPT3"
    );
    // Keep names well under the 255-byte limit of most file systems.
    let mut short = String::new();
    for c in clean.chars() {
        if short.len() + c.len_utf8() > 180 {
            break;
        }
        short.push(c);
    }
    let stem = if short.is_empty() || reserved {
        "hoshin"
    } else {
        &short
    };
    format!("{stem}.{ext}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_with_and_without_bom_and_shift_jis() {
        let (s, e) = decode_text("a.txt", "第1　職員像".as_bytes()).unwrap();
        assert_eq!((s.as_str(), e), ("第1　職員像", TextEncoding::Utf8));
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice("第1".as_bytes());
        assert_eq!(
            decode_text("b.txt", &bom).unwrap(),
            ("第1".to_string(), TextEncoding::Utf8Bom)
        );
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("第１　目指すべき職員像①");
        let (s, e) = decode_text("c.txt", &sjis).unwrap();
        assert_eq!(
            (s.as_str(), e),
            ("第１　目指すべき職員像①", TextEncoding::ShiftJis)
        );
        let err = decode_text("d.txt", &[0xFF, 0xFE, 0x2C, 0x7B]).unwrap_err();
        assert_eq!(err.code, ErrorCode::InputUnreadable);
        assert!(err.message.contains("d.txt") && err.hint.contains("UTF-8"));
        let err = decode_text("e.txt", &[0x82, 0xA0, 0xFF, 0xFF]).unwrap_err();
        assert!(err.message.contains("Shift_JIS"), "{}", err.message);
    }

    #[test]
    fn file_names_are_safe_everywhere() {
        assert_eq!(file_name("○○町/方針: 案?", "pdf"), "○○町_方針_ 案_.pdf");
        assert_eq!(file_name("..", "md"), "hoshin.md");
        assert_eq!(file_name("CON", "md"), "hoshin.md");
        let long = "あ".repeat(200);
        assert!(file_name(&long, "pdf").len() < 200);
    }

    #[test]
    fn atomic_write_replaces_whole_files_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("方針.md");
        write_atomically(&p, b"old").unwrap();
        write_atomically(&p, b"new content").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"new content");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
        let e = write_atomically(&dir.path().join("nowhere/x.md"), b"x").unwrap_err();
        assert_eq!(e.code, ErrorCode::IoNotWritable);
    }
}
