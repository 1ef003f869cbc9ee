//! 実績: what happened in each fiscal year of the plan (PDCA). Results sit beside the
//! adopted policy and never change its text: per indicator the measured value, per training
//! the runs and participants delivered, per 施策・制度 its status.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::draft::{Direction, Id, Indicator};

/// The state of a 施策・制度 in one fiscal year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MeasureState {
    /// 未着手
    NotStarted,
    /// 実施中
    InProgress,
    /// 完了
    Done,
    /// 見直し
    Revised,
}

impl MeasureState {
    pub const ALL: [MeasureState; 4] = [
        Self::NotStarted,
        Self::InProgress,
        Self::Done,
        Self::Revised,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Self::NotStarted => "未着手",
            Self::InProgress => "実施中",
            Self::Done => "完了",
            Self::Revised => "見直し",
        }
    }
    /// Read a status as a person types it (the label or the id).
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        Self::ALL.into_iter().find(|m| {
            m.label() == s
                || serde_json::to_value(m)
                    .ok()
                    .and_then(|v| v.as_str().map(|x| x == s))
                    .unwrap_or(false)
        })
    }
}

/// One item's result in one fiscal year. Which fields apply depends on the item's kind:
/// an indicator has `value` (and when and by whom it was measured), a training `runs` and
/// `participants`, a 施策・制度 `status`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct YearResult {
    /// The indicator, training or 施策・制度.
    pub item: Id,
    pub fy: i32,
    /// 実績値 of an indicator.
    #[serde(default)]
    pub value: Option<f64>,
    /// When the value was measured (YYYY-MM-DD).
    #[serde(default)]
    pub measured_on: String,
    /// 担当課 that reported it.
    #[serde(default)]
    pub owner: String,
    /// Runs of a training actually held.
    #[serde(default)]
    pub runs: Option<u32>,
    /// Participants of a training actually trained.
    #[serde(default)]
    pub participants: Option<u32>,
    /// Status of a 施策・制度.
    #[serde(default)]
    pub status: Option<MeasureState>,
    #[serde(default)]
    pub note: String,
}

impl YearResult {
    pub fn new(item: &str, fy: i32) -> Self {
        YearResult {
            item: item.to_string(),
            fy,
            value: None,
            measured_on: String::new(),
            owner: String::new(),
            runs: None,
            participants: None,
            status: None,
            note: String::new(),
        }
    }
}

/// How an indicator stands against the straight path from its baseline to its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Progress {
    /// 達成: the target is reached.
    Achieved,
    /// 順調
    OnTrack,
    /// やや遅れ
    SlightlyBehind,
    /// 遅れ
    Behind,
}

impl Progress {
    pub fn label(self) -> &'static str {
        match self {
            Self::Achieved => "達成",
            Self::OnTrack => "順調",
            Self::SlightlyBehind => "やや遅れ",
            Self::Behind => "遅れ",
        }
    }
}

/// Where 順調 ends and やや遅れ begins: shares of the way the straight path expects by then
/// (policy-templates/rules.toml `[params]`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProgressThresholds {
    /// At least this share of the expected way: 順調 (default 0.9).
    pub on_track: f64,
    /// At least this share: やや遅れ; below it: 遅れ (default 0.6).
    pub slightly_behind: f64,
}

impl Default for ProgressThresholds {
    fn default() -> Self {
        ProgressThresholds {
            on_track: 0.9,
            slightly_behind: 0.6,
        }
    }
}

/// The value the straight path from baseline to target expects in `fy`, when the indicator
/// has both ends.
pub fn expected_value(ind: &Indicator, fy: i32) -> Option<f64> {
    let (b, bfy, t, tfy) = (ind.baseline?, ind.baseline_fy?, ind.target?, ind.target_fy?);
    if tfy <= bfy {
        return Some(t);
    }
    let share = ((fy - bfy) as f64 / (tfy - bfy) as f64).clamp(0.0, 1.0);
    Some(b + (t - b) * share)
}

/// How `actual` (measured in `fy`) stands; None when the indicator lacks a baseline or a
/// target, or the value is not a number.
pub fn progress(ind: &Indicator, fy: i32, actual: f64, th: ProgressThresholds) -> Option<Progress> {
    if !actual.is_finite() {
        return None;
    }
    let (b, t) = (ind.baseline?, ind.target?);
    let expected = expected_value(ind, fy)?;
    // Gains in the wanted direction are positive.
    let sign = match ind.direction {
        Direction::Increase => 1.0,
        Direction::Decrease => -1.0,
    };
    let gained = (actual - b) * sign;
    if (actual - t) * sign >= 0.0 && (t - b) * sign > 0.0 {
        return Some(Progress::Achieved);
    }
    let due = (expected - b) * sign;
    if due <= 0.0 {
        // Nothing is due yet (the baseline year): on track unless it went the wrong way.
        return Some(if gained >= 0.0 {
            Progress::OnTrack
        } else {
            Progress::Behind
        });
    }
    let share = gained / due;
    Some(if share >= th.on_track {
        Progress::OnTrack
    } else if share >= th.slightly_behind {
        Progress::SlightlyBehind
    } else {
        Progress::Behind
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::Item;
    use crate::Kind;

    fn indicator(dir: Direction, b: f64, t: f64) -> Indicator {
        let Item::Indicator(mut i) = Item::blank(Kind::Indicator, "in-1".into()) else {
            unreachable!()
        };
        i.direction = dir;
        i.baseline = Some(b);
        i.baseline_fy = Some(2025);
        i.target = Some(t);
        i.target_fy = Some(2030);
        i
    }

    #[test]
    fn thresholds_split_the_straight_path() {
        // 20 → 70 over five years: 10 a year is due.
        let i = indicator(Direction::Increase, 20.0, 70.0);
        let th = ProgressThresholds::default();
        assert_eq!(expected_value(&i, 2027), Some(40.0));
        let at = |v| progress(&i, 2027, v, th).unwrap();
        assert_eq!(at(40.0), Progress::OnTrack);
        assert_eq!(at(38.0), Progress::OnTrack); // 18 of 20 due = 0.9
        assert_eq!(at(37.9), Progress::SlightlyBehind);
        assert_eq!(at(32.0), Progress::SlightlyBehind); // 0.6
        assert_eq!(at(31.9), Progress::Behind);
        assert_eq!(at(15.0), Progress::Behind);
        assert_eq!(at(70.0), Progress::Achieved);
        assert_eq!(at(75.0), Progress::Achieved);
        // In the baseline year nothing is due yet.
        assert_eq!(progress(&i, 2025, 20.0, th), Some(Progress::OnTrack));
        assert_eq!(progress(&i, 2025, 19.0, th), Some(Progress::Behind));
    }

    #[test]
    fn a_decreasing_indicator_gains_by_going_down() {
        // Overtime 180 → 120 hours: 12 a year less is due.
        let i = indicator(Direction::Decrease, 180.0, 120.0);
        let th = ProgressThresholds {
            on_track: 0.8,
            slightly_behind: 0.5,
        };
        assert_eq!(progress(&i, 2026, 168.0, th), Some(Progress::OnTrack));
        assert_eq!(
            progress(&i, 2026, 174.0, th),
            Some(Progress::SlightlyBehind)
        );
        assert_eq!(progress(&i, 2026, 185.0, th), Some(Progress::Behind));
        assert_eq!(progress(&i, 2028, 119.0, th), Some(Progress::Achieved));
    }

    #[test]
    fn no_progress_without_both_ends_or_a_number() {
        let mut i = indicator(Direction::Increase, 20.0, 70.0);
        assert_eq!(progress(&i, 2027, f64::NAN, Default::default()), None);
        i.target = None;
        assert_eq!(progress(&i, 2027, 40.0, Default::default()), None);
    }

    #[test]
    fn statuses_read_as_typed() {
        assert_eq!(
            MeasureState::parse(" 実施中"),
            Some(MeasureState::InProgress)
        );
        assert_eq!(MeasureState::parse("done"), Some(MeasureState::Done));
        assert_eq!(MeasureState::parse("やった"), None);
    }
}
