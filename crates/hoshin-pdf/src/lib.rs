//! Hoshin's PDF engine: Japanese Markdown → A4 PDF.
//!
//! Own layout (Japanese line breaking with 禁則, hanging punctuation, justification,
//! 和欧間, tables with repeated headers, TOC, outline) over printpdf's low-level ops.
//! Fonts are discovered once ([`Fonts::shared`]); characters missing from the body font
//! fall back to another installed CJK font, and anything still missing is reported in
//! [`PdfOutput::missing`] — never silently dropped.
//!
//! Every PDF is tagged (PDF/UA-1): the layout builds a structure tree beside the pages
//! (headings, paragraphs, lists, tables with column headers, contents, links, figures
//! with a description), all drawing is marked content or an artifact, and the catalogue
//! carries /MarkInfo, /Lang ja-JP, DisplayDocTitle and XMP with `pdfuaid:part` 1.
//!
//! ```no_run
//! let fonts = hoshin_pdf::Fonts::shared()?;
//! let opts = hoshin_pdf::PdfOptions { title: "人材育成・確保基本方針（案）".into(), ..Default::default() };
//! let out = hoshin_pdf::render("# 第1 基本的な考え方\n\n本文。", &opts, fonts)?;
//! std::fs::write("draft.pdf", &out.bytes)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod chart;
mod fonts;
mod layout;
pub mod linebreak;
pub mod markdown;
pub mod summary;
mod tagged;
mod write;

pub use fonts::Fonts;

/// Errors, with messages in Japanese for the user.
#[derive(Debug, Clone, thiserror::Error)]
pub enum PdfError {
    #[error(
        "日本語フォントが見つからないため PDF を作成できません（検索した場所: {searched}）。\
         Debian/Ubuntu では `sudo apt install fonts-morisawa-bizud-mincho fonts-morisawa-bizud-gothic`\
         （または `fonts-ipaexfont`）を実行してください。Windows 10 以降には BIZ UD明朝・BIZ UDゴシックが\
         標準で入っています（C:\\Windows\\Fonts\\BIZ-UD*.ttc）。フォントのフォルダーを環境変数 \
         HOSHIN_PDF_FONT_DIR で指定することもできます。"
    )]
    NoJapaneseFont { searched: String },
    #[error("指定されたフォント「{path}」を使えません: {reason}")]
    FontOverride { path: String, reason: String },
    #[error("フォント「{path}」を読み込めません: {reason}")]
    FontLoad { path: String, reason: String },
    #[error("PDF の作成に失敗しました: {0}")]
    Write(String),
}

/// Document options.
#[derive(Debug, Clone, Default)]
pub struct PdfOptions {
    /// Document title (PDF metadata).
    pub title: String,
    /// Author: the municipality.
    pub author: String,
    pub subject: String,
    /// Insert a table of contents (H1 and H2, page numbers, links).
    pub toc: bool,
    pub cover: Option<Cover>,
    /// Small text on the left of every footer (e.g. 「〇〇市 人事課 — 案」).
    pub footer_left: String,
    /// Leave out the structure tree and marked content (for comparing speed only: every
    /// PDF the app writes is tagged).
    pub untagged: bool,
}

/// Cover page: the title large, then lines (municipality, 和暦 date, status,
/// 「整合性チェック: 未解決 3 件」…).
#[derive(Debug, Clone, Default)]
pub struct Cover {
    pub title: String,
    pub lines: Vec<String>,
}

/// The rendered document.
#[derive(Debug, Clone)]
pub struct PdfOutput {
    pub bytes: Vec<u8>,
    /// Total pages including cover and TOC.
    pub pages: usize,
    /// Characters no installed font could draw (shown as 〓, kept in the text layer).
    pub missing: Vec<char>,
    /// Warnings for the user, in Japanese.
    pub warnings: Vec<String>,
}

/// Render Markdown to PDF.
pub fn render(markdown: &str, opts: &PdfOptions, fonts: &Fonts) -> Result<PdfOutput, PdfError> {
    write::render(markdown, opts, fonts)
}
