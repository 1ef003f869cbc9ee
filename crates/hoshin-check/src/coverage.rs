//! Coverage figures: ability × (training, hiring), goal × indicator, per-pillar percentages.
//! The same structure feeds the UI's 整合マップ and the export's appendix.

use std::collections::HashMap;

use hoshin_model::{Draft, Pillar};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct AbilityRow {
    pub id: String,
    pub name: String,
    pub digital_type: Option<String>,
    /// Training ids that develop it.
    pub trainings: Vec<String>,
    /// Hiring ids that secure it.
    pub hirings: Vec<String>,
    /// 施策・制度 ids that develop or secure it.
    pub measures: Vec<String>,
}

impl AbilityRow {
    pub fn covered(&self) -> bool {
        !self.trainings.is_empty() || !self.hirings.is_empty() || !self.measures.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct GoalRow {
    pub id: String,
    pub title: String,
    pub pillar: Pillar,
    /// Indicator ids that measure it.
    pub indicators: Vec<String>,
    /// At least one of them has baseline, target and target year.
    pub measured: bool,
    /// Every ability it names is developed or secured.
    pub abilities_covered: bool,
    /// Trainings, hirings and 施策・制度 that serve it (取組), by id.
    pub trainings: Vec<String>,
    pub hirings: Vec<String>,
    pub measures: Vec<String>,
}

impl GoalRow {
    /// At least one training, hiring or 施策 serves it.
    pub fn has_action(&self) -> bool {
        !self.trainings.is_empty() || !self.hirings.is_empty() || !self.measures.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PillarRow {
    pub pillar: Pillar,
    pub label: String,
    pub goals: u32,
    /// Goals that are measured, served by an action, and whose abilities are all covered.
    pub goals_covered: u32,
    /// goals_covered / goals, 0–100 (0 when there are no goals).
    pub percent: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Coverage {
    pub abilities: Vec<AbilityRow>,
    pub goals: Vec<GoalRow>,
    pub pillars: Vec<PillarRow>,
    /// Abilities developed or secured, 0–100.
    pub abilities_percent: u32,
    /// Goals with a complete indicator, 0–100.
    pub goals_measured_percent: u32,
}

fn percent(part: usize, whole: usize) -> u32 {
    (part * 100 + whole / 2).checked_div(whole).unwrap_or(0) as u32
}

pub(crate) fn compute(d: &Draft) -> Coverage {
    let mut trained: HashMap<&str, Vec<String>> = HashMap::new();
    for t in &d.trainings {
        for a in &t.abilities {
            trained.entry(a.as_str()).or_default().push(t.id.clone());
        }
    }
    let mut hired: HashMap<&str, Vec<String>> = HashMap::new();
    for h in &d.hirings {
        for a in &h.abilities {
            hired.entry(a.as_str()).or_default().push(h.id.clone());
        }
    }
    let mut by_measure: HashMap<&str, Vec<String>> = HashMap::new();
    for m in &d.measures {
        for a in &m.abilities {
            by_measure.entry(a.as_str()).or_default().push(m.id.clone());
        }
    }
    let mut serving: HashMap<&str, [Vec<String>; 3]> = HashMap::new();
    for t in &d.trainings {
        for g in &t.goals {
            serving.entry(g.as_str()).or_default()[0].push(t.id.clone());
        }
    }
    for h in &d.hirings {
        for g in &h.goals {
            serving.entry(g.as_str()).or_default()[1].push(h.id.clone());
        }
    }
    for m in &d.measures {
        for g in &m.goals {
            serving.entry(g.as_str()).or_default()[2].push(m.id.clone());
        }
    }
    let abilities: Vec<AbilityRow> = d
        .abilities
        .iter()
        .map(|a| AbilityRow {
            id: a.id.clone(),
            name: a.name.clone(),
            digital_type: a.digital_type.clone(),
            trainings: trained.remove(a.id.as_str()).unwrap_or_default(),
            hirings: hired.remove(a.id.as_str()).unwrap_or_default(),
            measures: by_measure.remove(a.id.as_str()).unwrap_or_default(),
        })
        .collect();
    let covered: HashMap<&str, bool> = abilities
        .iter()
        .map(|a| (a.id.as_str(), a.covered()))
        .collect();

    let mut measuring: HashMap<&str, (Vec<String>, bool)> = HashMap::new();
    for i in &d.indicators {
        let complete = i.baseline.is_some()
            && i.baseline_fy.is_some()
            && i.target.is_some()
            && i.target_fy.is_some();
        for g in &i.goals {
            let e = measuring.entry(g.as_str()).or_default();
            e.0.push(i.id.clone());
            e.1 |= complete;
        }
    }
    let goals: Vec<GoalRow> = d
        .goals
        .iter()
        .map(|g| {
            let (indicators, measured) = measuring.remove(g.id.as_str()).unwrap_or_default();
            let [trainings, hirings, measures] = serving.remove(g.id.as_str()).unwrap_or_default();
            GoalRow {
                trainings,
                hirings,
                measures,
                id: g.id.clone(),
                title: g.title.clone(),
                pillar: g.pillar,
                indicators,
                measured,
                abilities_covered: g
                    .abilities
                    .iter()
                    .all(|a| covered.get(a.as_str()).copied().unwrap_or(false)),
            }
        })
        .collect();
    let pillars = Pillar::ALL
        .iter()
        .map(|p| {
            let in_pillar: Vec<&GoalRow> = goals.iter().filter(|g| g.pillar == *p).collect();
            let ok = in_pillar
                .iter()
                .filter(|g| g.measured && g.abilities_covered && g.has_action())
                .count();
            PillarRow {
                pillar: *p,
                label: p.label().into(),
                goals: in_pillar.len() as u32,
                goals_covered: ok as u32,
                percent: percent(ok, in_pillar.len()),
            }
        })
        .collect();
    Coverage {
        abilities_percent: percent(
            abilities.iter().filter(|a| a.covered()).count(),
            abilities.len(),
        ),
        goals_measured_percent: percent(goals.iter().filter(|g| g.measured).count(), goals.len()),
        abilities,
        goals,
        pillars,
    }
}
