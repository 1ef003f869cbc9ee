//! 職員数の見通し: the workforce frame behind the hiring plan. Per job category, the staff at
//! the base date, 定員 per fiscal year (from the 定員管理計画) and expected leavers, typed in
//! or derived from an age table and the 定年 schedule; the projection adds the planned hires
//! of the hiring plan.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::draft::{CountKind, Draft, YearCount};

/// One job category of the frame (e.g. 土木・建築等技術).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct WorkforceRow {
    /// Id from the `job_categories` list.
    pub category: String,
    /// 職員数 at the start of the plan's first fiscal year (before its hires).
    pub staff: u32,
    /// 定員 per fiscal year (定員管理計画).
    #[serde(default)]
    pub teiin: Vec<YearCount>,
    /// Expected leavers per fiscal year, when typed in; otherwise derived from `ages`.
    #[serde(default)]
    pub leavers: Vec<YearCount>,
    /// Staff by fiscal year of birth (生年度: April to March), for the 定年 schedule.
    #[serde(default)]
    pub ages: Vec<YearCount>,
    /// 再任用 staying on (+) or ending (−) per fiscal year, net.
    #[serde(default)]
    pub reappointed: Vec<YearDelta>,
    /// 実員: staff actually in post at the end of a fiscal year (翌年4月1日現在), recorded
    /// in the yearly review to set against the projection.
    #[serde(default)]
    pub actual: Vec<YearCount>,
}

/// A signed change in one fiscal year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct YearDelta {
    pub fy: i32,
    pub delta: i32,
}

/// The workforce frame of a draft.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct Workforce {
    #[serde(default)]
    pub rows: Vec<WorkforceRow>,
    /// Share of staff leaving each year for reasons other than 定年 (e.g. 0.015), used when
    /// leavers are derived from ages.
    #[serde(default)]
    pub other_leaver_rate: Option<f64>,
}

/// One step of the 定年 schedule: from `from_fy` on, the retirement age is `age`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct TeinenStep {
    pub from_fy: i32,
    pub age: i32,
}

/// The retirement age in `fy` under `schedule` (steps in any order; 60 before the first).
pub fn teinen_age(schedule: &[TeinenStep], fy: i32) -> i32 {
    schedule
        .iter()
        .filter(|s| s.from_fy <= fy)
        .max_by_key(|s| s.from_fy)
        .map(|s| s.age)
        .unwrap_or(60)
}

/// The fiscal year at whose end staff born in fiscal year `born` retire: the first year in
/// which their age (reached during that year) is at least the 定年 of that year.
pub fn retirement_fy(schedule: &[TeinenStep], born: i32) -> i32 {
    let mut fy = born + 55;
    while fy - born < teinen_age(schedule, fy) {
        fy += 1;
        if fy > born + 80 {
            break; // a schedule that never ends: nobody retires
        }
    }
    fy
}

/// One category in one fiscal year of the projection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProjectionRow {
    pub category: String,
    pub fy: i32,
    /// Staff at the start of the year, before its hires.
    pub staff: u32,
    /// Leavers during the year (定年 at its end and others).
    pub leavers: u32,
    /// Planned hires (採用予定数 of the hiring plan lines in this category).
    pub hires: u32,
    /// Net 再任用.
    pub reappointed: i32,
    /// Staff at the end of the year: staff + hires + reappointed − leavers.
    pub projected: u32,
    /// 定員 of the year, when set.
    pub teiin: Option<u32>,
    /// 実員 at the end of the year, when recorded.
    pub actual: Option<u32>,
    /// Leavers came from the age table and the 定年 schedule (not typed in).
    pub derived: bool,
}

fn count(list: &[YearCount], fy: i32) -> Option<u32> {
    list.iter().find(|y| y.fy == fy).map(|y| y.count)
}

/// Planned hires of `category` in `fy` (採用予定数 only).
pub fn planned_hires(d: &Draft, category: &str, fy: i32) -> u32 {
    d.hirings
        .iter()
        .filter(|h| h.job_category == category && h.count_kind == CountKind::Hire)
        .flat_map(|h| h.headcount.iter())
        .filter(|y| y.fy == fy)
        .fold(0u32, |n, y| n.saturating_add(y.count))
}

/// The projection of every category over the plan period.
pub fn project(d: &Draft, schedule: &[TeinenStep]) -> Vec<ProjectionRow> {
    let p = d.meta.period;
    let rate = d
        .workforce
        .other_leaver_rate
        .filter(|r| r.is_finite() && *r >= 0.0)
        .unwrap_or(0.0)
        .min(1.0);
    let mut out = Vec::new();
    for row in &d.workforce.rows {
        let mut staff = row.staff;
        for fy in p.from..=p.to {
            let hires = planned_hires(d, &row.category, fy);
            let reappointed = row
                .reappointed
                .iter()
                .filter(|r| r.fy == fy)
                .map(|r| r.delta)
                .sum::<i32>();
            let (leavers, derived) = match count(&row.leavers, fy) {
                Some(n) => (n, false),
                None if !row.ages.is_empty() => {
                    let retiring = row
                        .ages
                        .iter()
                        .filter(|a| retirement_fy(schedule, a.fy) == fy)
                        .fold(0u32, |n, a| n.saturating_add(a.count));
                    let others = (staff as f64 * rate).round() as u32;
                    (retiring.saturating_add(others), true)
                }
                None => (0, false),
            };
            let projected = (staff as i64 + hires as i64 + reappointed as i64 - leavers as i64)
                .clamp(0, u32::MAX as i64) as u32;
            out.push(ProjectionRow {
                category: row.category.clone(),
                fy,
                staff,
                leavers,
                hires,
                reappointed,
                projected,
                teiin: count(&row.teiin, fy),
                actual: count(&row.actual, fy),
                derived,
            });
            staff = projected;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 定年 60 → 65, one year every two years from 令和5年度 (2023).
    fn schedule() -> Vec<TeinenStep> {
        [(2023, 61), (2025, 62), (2027, 63), (2029, 64), (2031, 65)]
            .into_iter()
            .map(|(from_fy, age)| TeinenStep { from_fy, age })
            .collect()
    }

    #[test]
    fn regular_retirements_fall_only_in_alternate_years_until_reiwa_13() {
        let s = schedule();
        assert_eq!(teinen_age(&s, 2022), 60);
        assert_eq!(teinen_age(&s, 2024), 61);
        assert_eq!(teinen_age(&s, 2031), 65);
        assert_eq!(teinen_age(&s, 2040), 65);
        // Born in 昭和37年度 (1962): 60 in 2022, when 定年 was still 60.
        assert_eq!(retirement_fy(&s, 1962), 2022);
        assert_eq!(retirement_fy(&s, 1963), 2024);
        assert_eq!(retirement_fy(&s, 1964), 2026);
        assert_eq!(retirement_fy(&s, 1965), 2028);
        assert_eq!(retirement_fy(&s, 1966), 2030);
        assert_eq!(retirement_fy(&s, 1967), 2032);
        assert_eq!(retirement_fy(&s, 1968), 2033);
        let years: Vec<i32> = (1962..=1968).map(|b| retirement_fy(&s, b)).collect();
        for fy in [2023, 2025, 2027, 2029, 2031] {
            assert!(!years.contains(&fy), "no regular retirements in {fy}");
        }
    }

    #[test]
    fn the_projection_adds_planned_hires_and_takes_leavers_away() {
        let mut d = crate::templates::sample("town-8000").unwrap();
        let first = d.meta.period.from; // 2027
        for h in &mut d.hirings {
            h.job_category.clear();
        }
        d.hirings[0].job_category = "general".into();
        d.hirings[0].count_kind = CountKind::Hire;
        d.hirings[0].headcount = vec![
            YearCount {
                fy: first,
                count: 2,
            },
            YearCount {
                fy: first + 1,
                count: 3,
            },
        ];
        d.workforce = Workforce {
            rows: vec![WorkforceRow {
                category: "general".into(),
                staff: 50,
                teiin: vec![YearCount {
                    fy: first,
                    count: 50,
                }],
                leavers: vec![],
                // Born 1964 (retire end of 2026, before the plan), 1965 (end of 2028).
                ages: vec![
                    YearCount { fy: 1964, count: 4 },
                    YearCount { fy: 1965, count: 3 },
                ],
                reappointed: vec![YearDelta {
                    fy: first + 1,
                    delta: 1,
                }],
                actual: vec![],
            }],
            other_leaver_rate: Some(0.02),
        };
        let rows = project(&d, &schedule());
        let r0 = &rows[0];
        assert_eq!((r0.fy, r0.staff, r0.hires, r0.leavers), (first, 50, 2, 1)); // 2% of 50
        assert_eq!(r0.projected, 51);
        let r1 = &rows[1];
        // 2028: 3 hires, +1 再任用, 3 retire (born 1965) + 1 other.
        assert_eq!(
            (r1.staff, r1.hires, r1.reappointed, r1.leavers),
            (51, 3, 1, 4)
        );
        assert_eq!(r1.projected, 51);
        assert!(r1.derived);
        assert_eq!(r0.teiin, Some(50));
        assert_eq!(r1.teiin, None);
    }
}
