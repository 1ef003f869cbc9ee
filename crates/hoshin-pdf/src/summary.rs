//! A one-page A4 landscape summary sheet (概要版): a title band, a flow of columns of
//! boxes joined by arrows (目指す職員像 → 求められる能力 → 主な取組), a compact table
//! split into two halves side by side (指標と目標値), and notes. Tagged like the rest.
//!
//! The caller decides what goes on the page and how many lines each box gets, in the
//! half-width character cells and half-lines (see [`box_half_lines`]), so that whether
//! it fits is known without fonts; the layout draws exactly that, and a text that
//! needs more lines than planned with these fonts is cut with 「…」 rather than
//! pushing anything off the page.

use crate::layout::{Engine, FaceTable, Report};
use crate::write::{assemble, Laid};
use crate::{Fonts, PdfError, PdfOptions, PdfOutput};

/// Half-lines a box (or table row) of `lines` lines takes, its padding and the gap after
/// it included.
pub const fn box_half_lines(lines: u32) -> u32 {
    2 * lines + 1
}

/// Half-lines a lane heading, a table header row or a 「ほか N 件」 line takes.
pub const NOTE_HALF_LINES: u32 = 3;
/// The most half-lines there is room for under a flow column's heading.
pub const MAX_FLOW_HALF_LINES: u32 = 40;
/// The most half-lines there is room for in each half of the table.
pub const MAX_TABLE_HALF_LINES: u32 = 38;

#[derive(Debug, Clone, Default)]
pub struct SummaryPage {
    /// 「〇〇市人材育成・確保基本方針【概要版】」
    pub title: String,
    /// Half-lines planned for the flow lanes and for each half of the table (at most
    /// [`MAX_FLOW_HALF_LINES`] and [`MAX_TABLE_HALF_LINES`]).
    pub flow_half_lines: u32,
    pub table_half_lines: u32,
    /// Small lines at the top right (団体名, 計画期間, 作成日).
    pub subtitle: Vec<String>,
    /// Left to right, joined by arrows.
    pub columns: Vec<FlowColumn>,
    pub table: SummaryTable,
    /// Lines at the foot of the page (what was left out, where the rest is).
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct FlowColumn {
    pub heading: String,
    /// Side by side under the heading.
    pub lanes: Vec<Lane>,
}

#[derive(Debug, Clone, Default)]
pub struct Lane {
    pub heading: Option<String>,
    /// Width of a line in half-width character cells (a Japanese character takes two).
    pub cells: u32,
    pub items: Vec<BoxItem>,
    /// 「ほか 12 件」 under the boxes.
    pub more: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct BoxItem {
    pub text: String,
    /// Lines planned for it.
    pub lines: u32,
}

#[derive(Debug, Clone, Default)]
pub struct SummaryTable {
    pub heading: String,
    pub head: Vec<String>,
    /// Relative column widths in half-width cells.
    pub cells: Vec<u32>,
    /// Rows with the lines planned for each; rows `..split` go left, the rest right.
    pub rows: Vec<(Vec<String>, u32)>,
    pub split: usize,
    /// 「ほか 3 指標」 under the right half.
    pub more: Option<String>,
}

/// Render the sheet as a one-page tagged PDF.
pub fn render_summary(
    page: &SummaryPage,
    opts: &PdfOptions,
    fonts: &Fonts,
) -> Result<PdfOutput, PdfError> {
    let mut ft =
        FaceTable::new(fonts).ok_or_else(|| PdfError::Write("フォントを解析できません".into()))?;
    let mut rep = Report::default();
    let (pages, mut tree) = {
        let mut e = Engine::new(&mut ft, &mut rep);
        e.summary(page, &opts.footer_left);
        (std::mem::take(&mut e.pages), std::mem::take(&mut e.tree))
    };
    tree.settle_headings(2, true);
    let laid = Laid {
        pages,
        tree,
        heads: vec![],
        body_offset: 0,
        cover_len: 0,
        size: crate::layout::LANDSCAPE,
    };
    assemble(laid, &ft, rep, opts)
}
