//! The plan tables as an Excel workbook, and an edited workbook read back safely.
//!
//! [`export_plan`] writes one sheet each for 研修計画, 採用計画, 施策・制度 and 指標 (and the
//! indicators' 実績 per plan year on a 実績 sheet): a
//! stable ID column, a frozen header row, widths fitted to the text, drop-down lists for
//! the values that come from lists (形式, 実施主体, 採用区分, 柱 …; the choices live on a
//! hidden sheet), and linked items shown by name.
//!
//! [`read_plan`] reads a workbook that a 人事課 edited and returns what it would change,
//! cell by cell ([`PlanChanges`]), or every problem found, each with its cell (「研修計画!F5」)
//! and a Japanese message. Nothing is applied here: the caller shows the dry run, then
//! applies [`PlanChanges::puts`] in one transaction. Rows missing from a sheet are reported
//! as removed and only deleted when the caller asks for it.

mod columns;
mod read;
mod write;

use serde::Serialize;
use ts_rs::TS;

pub use read::read_plan;
pub use write::{export_plan, table_workbook};

/// What an edited workbook would change in the draft.
#[derive(Debug, Clone, Default, Serialize, TS)]
#[ts(export)]
pub struct PlanChanges {
    /// Rows that add an item or change one, with the cells that differ.
    pub changes: Vec<RowChange>,
    /// Items of the draft that no row of their sheet names any more.
    pub removed: Vec<Removed>,
    /// Problems, each at its cell; nothing may be applied while there is one.
    pub errors: Vec<CellError>,
    /// The items as they would be stored (added and changed ones), for the caller to apply.
    #[serde(skip)]
    #[ts(skip)]
    pub puts: Vec<hoshin_model::Item>,
    /// The 実績 as they would be stored (changed values of the 実績 sheet).
    #[serde(skip)]
    #[ts(skip)]
    pub results: Vec<hoshin_model::YearResult>,
}

impl PlanChanges {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.removed.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct RowChange {
    pub sheet: String,
    /// 1-based row number as Excel shows it.
    pub row: u32,
    pub id: String,
    pub name: String,
    /// The row adds a new item (its ID cell was empty).
    pub added: bool,
    pub cells: Vec<CellChange>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CellChange {
    /// 「研修計画!F5」
    pub cell: String,
    /// The column's heading (定員).
    pub column: String,
    pub old: String,
    pub new: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Removed {
    pub sheet: String,
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CellError {
    /// 「研修計画!F5」, or the sheet alone when the problem is the whole sheet.
    pub cell: String,
    pub message: String,
}

#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    /// Not a workbook we can read (not xlsx, damaged, too large when unpacked).
    #[error("{0}")]
    Unreadable(String),
    #[error("Excel ファイルを作れませんでした（{0}）")]
    Write(String),
}

/// Excel's name of a cell: column index (0-based) and row (1-based) → 「F5」.
pub fn cell_name(col: usize, row: u32) -> String {
    let mut n = col + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        letters.push((b'A' + r as u8) as char);
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &row.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_excel_names_them() {
        assert_eq!(cell_name(0, 1), "A1");
        assert_eq!(cell_name(5, 5), "F5");
        assert_eq!(cell_name(25, 2), "Z2");
        assert_eq!(cell_name(26, 2), "AA2");
        assert_eq!(cell_name(27, 10), "AB10");
    }
}
