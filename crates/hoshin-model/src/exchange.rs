//! The `*.hoshin.json` exchange file: moves one draft between offline PCs.
//!
//! Reading never stops at the first problem: syntax errors name the JSON path they occur
//! in, then the whole value is checked against the schema derived from the model types,
//! then the draft's links and limits are validated. Every problem comes back at once.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::draft::Draft;
use crate::json_path;
use crate::schema_check::Checker;
use crate::validate::{validate_draft, Problem};

/// The format version this build writes. Version 2 added 施策・制度, デジタル人材の目標 and
/// the staff scope; version 1 files (which lack them) are read as they are.
pub const FORMAT_VERSION: u32 = 2;
/// The oldest format version this build reads.
pub const OLDEST_FORMAT_VERSION: u32 = 1;
/// Largest exchange file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
/// The file name suffix.
pub const SUFFIX: &str = ".hoshin.json";

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct ExchangeFile {
    /// 2 for files written by this version (1 for older files, still read).
    pub format_version: u32,
    /// The program that wrote the file, e.g. `hoshin 0.1.0`.
    #[serde(default)]
    pub generator: String,
    /// RFC 3339
    #[serde(default)]
    pub exported_at: String,
    pub draft: Draft,
}

/// Write a draft as a pretty-printed exchange file.
pub fn to_json(draft: &Draft, generator: &str) -> String {
    let file = ExchangeFile {
        format_version: FORMAT_VERSION,
        generator: generator.to_string(),
        exported_at: crate::draft::now_rfc3339(),
        draft: draft.clone(),
    };
    let mut s = serde_json::to_string_pretty(&file).expect("a draft always serialises");
    s.push('\n');
    s
}

/// The JSON Schema of the exchange file (published for IT staff and used for checking).
pub fn schema() -> Value {
    schemars::schema_for!(ExchangeFile).to_value()
}

/// Why a file could not be read: every problem found, each with its JSON path.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", render(.problems))]
pub struct ImportError {
    pub problems: Vec<Problem>,
}

fn render(problems: &[Problem]) -> String {
    let mut s = format!("読み込めませんでした（問題 {} 件）。", problems.len());
    for p in problems.iter().take(50) {
        s.push_str("\n  ");
        s.push_str(&p.to_string());
    }
    if problems.len() > 50 {
        s.push_str(&format!("\n  ほか {} 件", problems.len() - 50));
    }
    s
}

fn fail(path: impl Into<String>, message: impl Into<String>) -> ImportError {
    ImportError {
        problems: vec![Problem::new(path, message)],
    }
}

/// Read an exchange file from raw bytes.
pub fn parse_bytes(bytes: &[u8]) -> Result<Draft, ImportError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(fail(
            "$",
            format!(
                "ファイルが大きすぎます（{} MB。上限は {} MB です）",
                bytes.len() / 1_048_576,
                MAX_FILE_BYTES / 1_048_576
            ),
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        fail("$", format!("UTF-8 のテキストではありません（{} バイト目）。Hoshin で書き出した .hoshin.json を選んでください", e.valid_up_to() + 1))
    })?;
    parse(text)
}

/// Read an exchange file.
pub fn parse(text: &str) -> Result<Draft, ImportError> {
    if text.trim().is_empty() {
        return Err(fail("$", "ファイルが空です"));
    }
    let value: Value = serde_json::from_str(text).map_err(|e| syntax_error(text, &e))?;

    let Some(obj) = value.as_object() else {
        return Err(fail("$", "ファイルの中身が JSON のオブジェクトではありません。Hoshin で書き出した .hoshin.json を選んでください"));
    };
    match obj.get("format_version") {
        None => return Err(fail("$", "「format_version」がありません。Hoshin の交換ファイル（.hoshin.json）ではないようです")),
        Some(v) => match v.as_u64() {
            Some(n) if (OLDEST_FORMAT_VERSION as u64..=FORMAT_VERSION as u64).contains(&n) => {}
            Some(n) if n > FORMAT_VERSION as u64 => {
                return Err(fail(
                    "$.format_version",
                    format!("形式バージョン {n} のファイルです。この Hoshin が読めるのは {FORMAT_VERSION} までです。新しい版の Hoshin で開くか、書き出した側で古い形式を選んでください"),
                ))
            }
            _ => return Err(fail("$.format_version", format!("形式バージョン {v} には対応していません（対応しているのは {OLDEST_FORMAT_VERSION}～{FORMAT_VERSION}）"))),
        },
    }

    let schema = schema();
    let mut problems = Vec::new();
    Checker::new(&schema).check(&schema, &value, &mut "$".to_string(), &mut problems);
    if !problems.is_empty() {
        return Err(ImportError { problems });
    }
    // After the schema check a typed read should not fail; if it does, say so plainly.
    let file: ExchangeFile = serde_json::from_value(value)
        .map_err(|e| fail("$", format!("内容を読み取れませんでした: {e}")))?;
    let problems = validate_draft(&file.draft, "$.draft");
    if !problems.is_empty() {
        return Err(ImportError { problems });
    }
    Ok(file.draft)
}

fn syntax_error(text: &str, e: &serde_json::Error) -> ImportError {
    let offset = json_path::offset_of(text, e.line(), e.column());
    let path = json_path::path_at(text, offset);
    let detail = e.to_string();
    let why = if e.is_eof() {
        "ファイルが途中で終わっています（書き出しやコピーが途中で切れた可能性があります）。元のファイルをもう一度書き出してください".to_string()
    } else if ["surrogate", "end of hex escape", "unicode code point"]
        .iter()
        .any(|w| detail.contains(w))
    {
        "文字列に単独のサロゲート（\\uD800～\\uDFFF の片方だけ）が含まれています。文字化けした部分を直してください".to_string()
    } else if detail.contains("control character") {
        "文字列の中に改行などの制御文字がそのまま入っています".to_string()
    } else if detail.contains("invalid escape") {
        "文字列の中に不正なエスケープ（\\ の後ろ）があります".to_string()
    } else if detail.contains("trailing") {
        "JSON の後ろに余分な文字があります".to_string()
    } else if detail.contains("recursion limit") {
        "入れ子が深すぎます".to_string()
    } else {
        "JSON の書き方が正しくありません".to_string()
    };
    fail(path, format!("{why}（{} 行 {} 列）", e.line(), e.column()))
}
