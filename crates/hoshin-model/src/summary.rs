//! The 概要版: what goes on the one-page A4 landscape summary, decided by rule so that it
//! always fits and the check (W6) knows without fonts whether anything had to give.
//!
//! The sheet has a flow of lanes of boxes (目指す職員像 → 求められる能力 → 主な取組: 研修,
//! 採用, 施策・制度) and a table of indicators in two halves. Heights are counted in
//! half-lines, widths in half-width character cells (a Japanese character takes two). A
//! lane that does not fit first gives each box one line (cutting long names with 「…」,
//! where the lane may be shortened), then leaves out its lowest boxes behind a line
//! 「ほか N 件」. 職員像 and indicator names are never cut, only left out.
//! hoshin-pdf's summary layout draws with the same measures.

use serde::Serialize;

use crate::wareki;
use crate::Draft;

/// Half-lines under a flow column's heading.
pub const FLOW_HALF_LINES: u32 = 40;
/// Half-lines of each half of the table, its header row included.
pub const TABLE_HALF_LINES: u32 = 36;
/// A lane heading, a table header row or a 「ほか N 件」 line.
pub const NOTE_HALF_LINES: u32 = 3;
/// Line widths in half-width cells.
pub const PERSONA_CELLS: u32 = 30;
pub const ABILITY_CELLS: u32 = 36;
pub const ACTION_CELLS: u32 = 30;
/// The table's columns: name, 現状, 目標.
pub const TABLE_CELLS: [u32; 3] = [58, 17, 17];

/// Half-lines a box (or table row) of `lines` lines takes, padding and gap included.
pub const fn box_half_lines(lines: u32) -> u32 {
    2 * lines + 1
}

/// Width of `s` in half-width cells: wide characters 2, ASCII 1 (capitals and m, w 1.5,
/// since the Latin letters of the Japanese fonts are proportional).
pub fn cells(s: &str) -> f32 {
    s.chars()
        .map(|c| {
            if c.is_ascii_uppercase() || c == 'm' || c == 'w' {
                1.5
            } else if c.is_ascii() || ('\u{FF61}'..='\u{FF9F}').contains(&c) {
                1.0
            } else {
                2.0
            }
        })
        .sum()
}

fn lines_for(s: &str, cells_per_line: u32) -> u32 {
    ((cells(s) / cells_per_line as f32).ceil() as u32).max(1)
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Planned {
    pub text: String,
    pub lines: u32,
    /// The text needs more lines than it gets: it is cut with 「…」.
    pub shortened: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LanePlan {
    pub cells: u32,
    pub items: Vec<Planned>,
    /// How many of the lane's items are not on the sheet.
    pub left_out: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorRow {
    pub name: String,
    /// 「64.8%（R7）」, or 「－」.
    pub now: String,
    /// 「75%（R12）」, or 「－」.
    pub target: String,
    pub lines: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SummaryPlan {
    pub personas: LanePlan,
    pub abilities: LanePlan,
    pub trainings: LanePlan,
    pub hirings: LanePlan,
    pub measures: LanePlan,
    /// On the sheet: rows `..split` in the left half, the rest in the right.
    pub indicators: Vec<IndicatorRow>,
    pub split: usize,
    pub indicators_left_out: usize,
}

impl SummaryPlan {
    /// Whether 職員像, 能力 and 指標 are all on the sheet, whole (the 主な取組 are a
    /// selection by nature).
    pub fn core_fits(&self) -> bool {
        self.personas.left_out == 0
            && self.abilities.left_out == 0
            && self.indicators_left_out == 0
            && !self.abilities.items.iter().any(|i| i.shortened)
    }

    /// Any name cut with 「…」.
    pub fn shortened(&self) -> bool {
        [
            &self.personas,
            &self.abilities,
            &self.trainings,
            &self.hirings,
            &self.measures,
        ]
        .iter()
        .any(|l| l.items.iter().any(|i| i.shortened))
    }
}

/// Fit `texts` into a lane of `budget` half-lines: whole (up to `max_lines` each), then
/// one line each when `may_shorten`, then the top ones with a 「ほか N 件」 line.
fn fit_lane(
    texts: Vec<String>,
    cells_per_line: u32,
    budget: u32,
    max_lines: u32,
    may_shorten: bool,
) -> LanePlan {
    let need: Vec<u32> = texts.iter().map(|t| lines_for(t, cells_per_line)).collect();
    let plan = |cap: u32| -> Vec<Planned> {
        texts
            .iter()
            .zip(&need)
            .map(|(t, n)| Planned {
                text: t.clone(),
                lines: (*n).min(cap),
                shortened: *n > cap,
            })
            .collect()
    };
    let cost = |items: &[Planned]| items.iter().map(|i| box_half_lines(i.lines)).sum::<u32>();
    let mut items = plan(max_lines);
    if cost(&items) > budget && may_shorten {
        items = plan(1);
    }
    let mut left_out = 0;
    if cost(&items) > budget {
        let mut used = NOTE_HALF_LINES;
        let keep = items
            .iter()
            .take_while(|i| {
                used += box_half_lines(i.lines);
                used <= budget
            })
            .count();
        left_out = items.len() - keep;
        items.truncate(keep);
    }
    LanePlan {
        cells: cells_per_line,
        items,
        left_out,
    }
}

/// A value with its unit and year: 「64.8%（R7）」.
fn value(v: Option<f64>, unit: &str, fy: Option<i32>) -> String {
    let Some(v) = v else {
        return "－".into();
    };
    let n = if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    match fy {
        Some(y) => format!("{n}{unit}（{}）", wareki::fy_short(y)),
        None => format!("{n}{unit}"),
    }
}

/// What goes on the 概要版 of `d`.
pub fn plan(d: &Draft) -> SummaryPlan {
    let personas = fit_lane(
        d.personas
            .iter()
            .map(|p| p.title.trim().to_string())
            .collect(),
        PERSONA_CELLS,
        FLOW_HALF_LINES,
        u32::MAX,
        false,
    );
    let abilities = fit_lane(
        d.abilities
            .iter()
            .map(|a| a.name.trim().to_string())
            .collect(),
        ABILITY_CELLS,
        FLOW_HALF_LINES,
        2,
        true,
    );
    let lane_budget = FLOW_HALF_LINES - NOTE_HALF_LINES;
    let trainings = fit_lane(
        d.trainings
            .iter()
            .map(|t| t.title.trim().to_string())
            .collect(),
        ACTION_CELLS,
        lane_budget,
        2,
        true,
    );
    let hirings = fit_lane(
        d.hirings
            .iter()
            .map(|h| h.field.trim().to_string())
            .collect(),
        ACTION_CELLS,
        lane_budget,
        2,
        true,
    );
    let measures = fit_lane(
        d.measures
            .iter()
            .map(|m| m.title.trim().to_string())
            .collect(),
        ACTION_CELLS,
        lane_budget,
        2,
        true,
    );

    let rows: Vec<IndicatorRow> = d
        .indicators
        .iter()
        .map(|i| IndicatorRow {
            name: i.name.trim().to_string(),
            now: value(i.baseline, &i.unit, i.baseline_fy),
            target: value(i.target, &i.unit, i.target_fy),
            lines: lines_for(i.name.trim(), TABLE_CELLS[0]),
        })
        .collect();
    let half = TABLE_HALF_LINES - NOTE_HALF_LINES;
    let take = |rows: &[IndicatorRow], budget: u32| -> usize {
        let mut used = 0;
        rows.iter()
            .take_while(|r| {
                used += box_half_lines(r.lines);
                used <= budget
            })
            .count()
    };
    let cost = |rows: &[IndicatorRow]| rows.iter().map(|r| box_half_lines(r.lines)).sum::<u32>();
    let (split, right) = if cost(&rows) <= 2 * half {
        // Everything fits: halves as even as the rows allow.
        let best = (0..=rows.len())
            .filter(|k| cost(&rows[..*k]) <= half && cost(&rows[*k..]) <= half)
            .min_by_key(|k| cost(&rows[..*k]).max(cost(&rows[*k..])))
            .unwrap_or(rows.len());
        (best, rows.len() - best)
    } else {
        let split = take(&rows, half);
        (split, take(&rows[split..], half - NOTE_HALF_LINES))
    };
    let shown = split + right;
    let indicators_left_out = rows.len() - shown;
    let mut indicators = rows;
    indicators.truncate(shown);
    SummaryPlan {
        personas,
        abilities,
        trainings,
        hirings,
        measures,
        indicators,
        split,
        indicators_left_out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(prefix: &str, n: usize, len: usize) -> Vec<String> {
        (0..n)
            .map(|i| format!("{prefix}{i:02}{}", "あ".repeat(len)))
            .collect()
    }

    #[test]
    fn a_lane_that_fits_is_whole() {
        let l = fit_lane(names("研修", 5, 20), ACTION_CELLS, 37, 2, true);
        assert_eq!(l.left_out, 0);
        assert!(l.items.iter().all(|i| i.lines == 2 && !i.shortened));
    }

    #[test]
    fn a_long_lane_is_shortened_before_anything_is_left_out() {
        // 8 two-line boxes: 40 half-lines > 37; one line each: 24.
        let l = fit_lane(names("研修", 8, 20), ACTION_CELLS, 37, 2, true);
        assert_eq!(l.left_out, 0);
        assert!(l.items.iter().all(|i| i.lines == 1 && i.shortened));
    }

    #[test]
    fn then_the_lowest_boxes_give_way_to_a_count() {
        let l = fit_lane(names("研修", 20, 5), ACTION_CELLS, 37, 2, true);
        // one-line boxes take 3 half-lines; 3 for 「ほか N 件」: 11 boxes fit in 37.
        assert_eq!((l.items.len(), l.left_out), (11, 9));
        assert_eq!(l.items[0].text, "研修00あああああ", "the top rows stay");
    }

    #[test]
    fn persona_names_are_never_cut() {
        let l = fit_lane(names("像", 6, 60), PERSONA_CELLS, 40, u32::MAX, false);
        assert!(l.items.iter().all(|i| !i.shortened));
        assert!(l.left_out > 0);
    }

    #[test]
    fn indicator_rows_fill_the_left_half_then_the_right_and_count_the_rest() {
        let mut d = crate::templates::sample("city-300000").unwrap();
        let mut one = d.indicators[0].clone();
        (one.unit, one.baseline, one.baseline_fy) = ("%".into(), Some(64.8), Some(2025));
        (one.target, one.target_fy) = (Some(75.0), Some(2030));
        d.indicators = (0..30)
            .map(|i| {
                let mut x = one.clone();
                x.name = format!("指標{i}");
                x
            })
            .collect();
        let p = plan(&d);
        // (36 - 3) / 3 = 11 rows on the left; the right keeps room for the count: 10.
        assert_eq!(p.split, 11);
        assert_eq!(p.indicators.len(), 21);
        assert_eq!(p.indicators_left_out, 9);
        assert_eq!(p.indicators[0].now, "64.8%（R7）");
        assert_eq!(p.indicators[0].target, "75%（R12）");
        assert!(!p.core_fits());
    }

    #[test]
    fn rows_that_fit_are_shared_evenly_between_the_halves() {
        let mut d = crate::templates::sample("city-300000").unwrap();
        d.indicators.truncate(7);
        let p = plan(&d);
        assert_eq!(p.indicators.len(), 7);
        assert!((3..=4).contains(&p.split), "split {}", p.split);
        assert_eq!(p.indicators_left_out, 0);
    }

    #[test]
    fn cells_count_wide_characters_twice() {
        assert_eq!(cells("職員abc"), 7.0);
        assert_eq!(cells("ICT"), 4.5);
    }
}
