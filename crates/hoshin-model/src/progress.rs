//! 進捗: each indicator's results against the straight path from its baseline to its target,
//! year by year, as the progress view and the 年次点検報告 show them. Computed here once.

use crate::results::{expected_value, progress};
use crate::templates::Templates;
use crate::{Direction, Draft, Pillar, Progress};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ProgressYear {
    pub fy: i32,
    /// Where the straight path from baseline to target is in this year.
    pub expected: Option<f64>,
    /// The recorded 実績値.
    pub actual: Option<f64>,
    pub progress: Option<Progress>,
    pub measured_on: String,
    pub owner: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct IndicatorProgress {
    pub id: String,
    pub name: String,
    pub unit: String,
    pub direction: Direction,
    /// The pillars of the goals it measures, in guideline order.
    pub pillars: Vec<Pillar>,
    pub owner: String,
    pub baseline: Option<f64>,
    pub baseline_fy: Option<i32>,
    pub target: Option<f64>,
    pub target_fy: Option<i32>,
    /// Every fiscal year of the plan period.
    pub years: Vec<ProgressYear>,
    /// The progress of the latest year with a result.
    pub latest: Option<Progress>,
}

/// Every indicator of the draft with its results and progress per plan year.
pub fn indicator_progress(d: &Draft, t: &Templates) -> Vec<IndicatorProgress> {
    let th = t.rules.params().progress();
    let p = d.meta.period;
    d.indicators
        .iter()
        .map(|ind| {
            let mut pillars: Vec<Pillar> = d
                .goals
                .iter()
                .filter(|g| ind.goals.contains(&g.id))
                .map(|g| g.pillar)
                .collect();
            pillars.sort();
            pillars.dedup();
            let years: Vec<ProgressYear> = (p.from..=p.to)
                .map(|fy| {
                    let r = d.results.iter().find(|r| r.item == ind.id && r.fy == fy);
                    let actual = r.and_then(|r| r.value);
                    ProgressYear {
                        fy,
                        expected: expected_value(ind, fy),
                        actual,
                        progress: actual.and_then(|a| progress(ind, fy, a, th)),
                        measured_on: r.map(|r| r.measured_on.clone()).unwrap_or_default(),
                        owner: r.map(|r| r.owner.clone()).unwrap_or_default(),
                        note: r.map(|r| r.note.clone()).unwrap_or_default(),
                    }
                })
                .collect();
            let latest = years.iter().rev().find_map(|y| y.progress);
            IndicatorProgress {
                id: ind.id.clone(),
                name: ind.name.clone(),
                unit: ind.unit.clone(),
                direction: ind.direction,
                pillars,
                owner: ind.owner.clone(),
                baseline: ind.baseline,
                baseline_fy: ind.baseline_fy,
                target: ind.target,
                target_fy: ind.target_fy,
                years,
                latest,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::YearResult;

    #[test]
    fn each_plan_year_has_its_expected_value_and_the_latest_result_decides() {
        let mut d = crate::templates::sample("town-8000").unwrap();
        let t = Templates::builtin();
        let ind = d
            .indicators
            .iter()
            .find(|i| i.id == "in-overtime")
            .unwrap()
            .clone();
        let fy = d.meta.period.from;
        let mut r = YearResult::new("in-overtime", fy + 1);
        // Far from the path: 遅れ.
        r.value = ind.baseline;
        d.results.push(r);
        let rows = indicator_progress(&d, &t);
        let row = rows.iter().find(|x| x.id == "in-overtime").unwrap();
        assert_eq!(
            row.years.len() as i32,
            d.meta.period.to - d.meta.period.from + 1
        );
        assert!(row.years.iter().all(|y| y.expected.is_some()));
        assert_eq!(row.latest, Some(Progress::Behind));
        assert_eq!(row.pillars, [Pillar::Kankyo]);
        // The target reached a year later: 達成 is what counts now.
        let mut r = YearResult::new("in-overtime", fy + 2);
        r.value = ind.target;
        d.results.push(r);
        let rows = indicator_progress(&d, &t);
        let row = rows.iter().find(|x| x.id == "in-overtime").unwrap();
        assert_eq!(row.latest, Some(Progress::Achieved));
    }
}
