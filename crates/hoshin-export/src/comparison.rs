//! The 新旧対照表 as the template sees it: two columns per guideline item, headings aligned,
//! changed text underlined with `<u>`, column titles 改正案／現行 (draft) or 改正後／改正前.

use hoshin_model::wareki;
use hoshin_revise::{Row, Segment};
use serde::Serialize;

use crate::md_escape;

/// One side of the comparison: a version's label and when it was saved (RFC 3339).
pub struct Side {
    pub label: String,
    pub at: String,
}

#[derive(Serialize)]
pub struct ComparisonDoc {
    pub title: String,
    pub title_plain: String,
    pub municipality: String,
    pub municipality_plain: String,
    /// 改正案 or 改正後 (left column)
    pub new_title: String,
    /// 現行 or 改正前 (right column)
    pub old_title: String,
    pub new_label: String,
    pub new_date: String,
    pub old_label: String,
    pub old_date: String,
    pub scope: String,
    pub changed: usize,
    pub total: usize,
    /// An empty 備考 column for the reviewer.
    pub remarks: bool,
    pub rows: Vec<CmpRow>,
    pub cover_lines: Vec<String>,
}

#[derive(Serialize)]
pub struct CmpRow {
    pub new_cell: String,
    pub old_cell: String,
}

/// Segments as one table cell: escaped, changed runs in `<u>`, line breaks as `<br>`.
pub fn cell(segments: &[Segment]) -> String {
    let mut out = String::new();
    for s in segments {
        for (i, line) in s.text.split('\n').enumerate() {
            if i > 0 {
                out.push_str("<br>");
            }
            if line.is_empty() {
                continue;
            }
            if s.changed && !line.trim().is_empty() {
                out.push_str("<u>");
                out.push_str(&md_escape(line));
                out.push_str("</u>");
            } else {
                out.push_str(&md_escape(line));
            }
        }
    }
    out
}

/// How a 新旧対照表 is laid out.
#[derive(Debug, Clone, Copy, Default)]
pub struct Layout {
    /// 改正後／改正前 instead of 改正案／現行.
    pub adopted: bool,
    /// Also the items that did not change.
    pub all: bool,
    /// An empty 備考 column.
    pub remarks: bool,
}

pub fn build_comparison(
    title: &str,
    municipality: &str,
    old: &Side,
    new: &Side,
    rows: &[Row],
    layout: Layout,
) -> ComparisonDoc {
    let Layout {
        adopted,
        all,
        remarks,
    } = layout;
    let (new_title, old_title) = if adopted {
        ("改正後", "改正前")
    } else {
        ("改正案", "現行")
    };
    let date = |at: &str| wareki::date_of_rfc3339(at).unwrap_or_default();
    let changed = rows.iter().filter(|r| r.diff.changed()).count();
    let mut out_rows = Vec::new();
    let mut last_pillar = "";
    for r in rows.iter().filter(|r| all || r.diff.changed()) {
        let mut head = String::new();
        if !r.pillar.is_empty() && r.pillar != last_pillar {
            head.push_str(&format!("**{}**<br>", md_escape(&r.pillar)));
            last_pillar = &r.pillar;
        }
        head.push_str(&format!("**{}**<br>", md_escape(&r.heading)));
        let new_cell = if r.new_text.trim().is_empty() {
            "（削除）".to_string()
        } else {
            cell(&r.diff.new)
        };
        let old_cell = if r.old_text.trim().is_empty() {
            "（新設）".to_string()
        } else {
            cell(&r.diff.old)
        };
        out_rows.push(CmpRow {
            new_cell: format!("{head}{new_cell}"),
            old_cell: format!("{head}{old_cell}"),
        });
    }
    let scope = if all {
        "すべての項目".to_string()
    } else {
        "変更のある項目のみ".to_string()
    };
    ComparisonDoc {
        title: md_escape(title),
        title_plain: title.to_string(),
        municipality: md_escape(municipality),
        municipality_plain: municipality.to_string(),
        new_title: new_title.into(),
        old_title: old_title.into(),
        new_label: md_escape(&new.label),
        new_date: date(&new.at),
        old_label: md_escape(&old.label),
        old_date: date(&old.at),
        scope: scope.clone(),
        changed,
        remarks,
        total: rows.len(),
        cover_lines: vec![
            title.to_string(),
            municipality.to_string(),
            format!("{new_title}: {}（{}）", new.label, date(&new.at)),
            format!("{old_title}: {}（{}）", old.label, date(&old.at)),
            format!("{scope}（変更 {changed} 項目／全 {} 項目）", rows.len()),
        ],
        rows: out_rows,
    }
}
