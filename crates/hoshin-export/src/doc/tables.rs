//! The plan tables after the body: one column per plan year (別表1 研修計画 grouped by
//! layer, 別表2 採用計画 grouped by route with yearly totals of planned hires only,
//! 別表3 施策一覧 grouped by pillar), 別表4 指標一覧 and 別表5 デジタル人材の目標.

use std::collections::BTreeSet;

use hoshin_model::templates::Lists;
use hoshin_model::{wareki, CountKind, Direction, Draft, FyRange, Pillar, Training};
use serde::Serialize;

use super::text::{md_escape, names, number, or_dash};

#[derive(Serialize)]
pub struct YearCol {
    pub fy: i32,
    /// R9
    pub short: String,
    /// 令和9年度
    pub label: String,
}

#[derive(Serialize)]
pub struct TrainingGroup {
    pub number: String,
    pub layer: String,
    pub rows: Vec<TrainingRow>,
}

#[derive(Serialize)]
pub struct TrainingRow {
    pub title: String,
    /// 形式／実施主体, e.g. 集合研修／県研修所
    pub format: String,
    /// One mark per plan year: ● when held.
    pub marks: Vec<String>,
    /// 定員 and size, e.g. 30人（1日×2回）
    pub participants: String,
    pub abilities: String,
    pub joint: bool,
}

#[derive(Serialize)]
pub struct HiringGroup {
    pub number: String,
    pub route: String,
    pub rows: Vec<HiringRow>,
}

#[derive(Serialize)]
pub struct HiringRow {
    /// The field, with what the numbers count when they are not hires (（再任用の人数）).
    pub field: String,
    /// The numbers are planned hires (summed into 採用予定数).
    pub hire: bool,
    pub counts: Vec<String>,
    pub total: u32,
    pub abilities: String,
    pub digital: String,
}

#[derive(Serialize)]
pub struct MeasureGroup {
    pub number: String,
    pub pillar: String,
    pub rows: Vec<MeasureRow>,
}

#[derive(Serialize)]
pub struct MeasureRow {
    pub title: String,
    pub owner: String,
    /// One mark per plan year: ● when carried out.
    pub marks: Vec<String>,
    pub budget: String,
    pub goals: String,
}

#[derive(Serialize)]
pub struct DigitalTargetRow {
    pub name: String,
    pub tier: String,
    /// 3人（令和6年度）
    pub baseline: String,
    /// One count per plan year (empty when no target that year).
    pub counts: Vec<String>,
    /// The trainings and hirings that produce them.
    pub means: String,
}

/// One category in one year of the 職員数の見通し.
#[derive(Serialize)]
pub struct WorkforceLine {
    pub category: String,
    pub fy: String,
    /// Counts as 公用文 writes them (1,650).
    pub staff: String,
    /// 「5」 or 「5（推計）」 when derived from the age table.
    pub leavers: String,
    pub hires: String,
    /// 「+2」, 「－」 when none.
    pub reappointed: String,
    pub projected: String,
    pub teiin: String,
}

#[derive(Serialize)]
pub struct IndicatorRow {
    pub name: String,
    pub baseline: String,
    pub target: String,
    pub target_fy: String,
    pub direction: String,
    pub source: String,
    pub owner: String,
    pub goals: String,
}

fn marks(years: &[YearCol], held: &[i32]) -> Vec<String> {
    years
        .iter()
        .map(|y| {
            if held.contains(&y.fy) {
                "●".to_string()
            } else {
                String::new()
            }
        })
        .collect()
}

/// 「1日×2回」, 「3時間」 …: the length and runs of a training, empty when unknown.
fn size(x: &Training) -> String {
    let length = match (x.days, x.hours) {
        (Some(d), _) if d > 0.0 => format!("{}日", number(d)),
        (_, Some(h)) if h > 0.0 => format!("{}時間", number(h)),
        _ => String::new(),
    };
    match (length.is_empty(), x.runs.filter(|r| *r > 0)) {
        (false, Some(r)) => format!("{length}×{r}回"),
        (true, Some(r)) => format!("年{r}回"),
        (false, None) => length,
        (true, None) => String::new(),
    }
}

/// The year columns of the plan period (at most 16).
pub(super) fn years(period: FyRange) -> Vec<YearCol> {
    (period.from..=period.to.min(period.from + 15))
        .map(|fy| YearCol {
            fy,
            short: wareki::fy_short(fy),
            label: wareki::fy(fy),
        })
        .collect()
}

/// 研修計画 grouped by layer, in the order of the layers list; a training for several
/// layers appears under each, trainings without a layer come last. Within a group the
/// earliest year comes first.
pub(super) fn trainings_by_layer(d: &Draft, l: &Lists, years: &[YearCol]) -> Vec<TrainingGroup> {
    let mut layer_order: Vec<String> = l.layers.iter().map(|e| e.id.clone()).collect();
    let used: BTreeSet<&str> = d
        .trainings
        .iter()
        .flat_map(|x| x.layers.iter().map(String::as_str))
        .collect();
    for u in &used {
        if !layer_order.iter().any(|x| x == u) {
            layer_order.push(u.to_string());
        }
    }
    let mut groups: Vec<(String, Vec<&Training>)> = layer_order
        .iter()
        .filter(|x| used.contains(x.as_str()))
        .map(|layer| {
            (
                md_escape(Lists::label(&l.layers, layer)),
                d.trainings
                    .iter()
                    .filter(|x| x.layers.contains(layer))
                    .collect(),
            )
        })
        .collect();
    let unassigned: Vec<&Training> = d.trainings.iter().filter(|x| x.layers.is_empty()).collect();
    if !unassigned.is_empty() {
        groups.push(("対象階層が未定のもの".into(), unassigned));
    }
    groups
        .into_iter()
        .enumerate()
        .map(|(i, (layer, mut list))| {
            list.sort_by_key(|x| x.years.iter().min().copied().unwrap_or(i32::MAX));
            TrainingGroup {
                number: format!("({})", i + 1),
                layer,
                rows: list
                    .into_iter()
                    .map(|x| training_row(d, l, years, x))
                    .collect(),
            }
        })
        .collect()
}

fn training_row(d: &Draft, l: &Lists, years: &[YearCol], x: &Training) -> TrainingRow {
    TrainingRow {
        title: if x.joint {
            format!("{}（共同）", md_escape(&x.title))
        } else {
            md_escape(&x.title)
        },
        format: {
            let parts: Vec<String> = [
                Lists::label(&l.training_formats, &x.format),
                Lists::label(&l.training_providers, &x.provider),
            ]
            .into_iter()
            .filter(|s| !s.trim().is_empty())
            .map(md_escape)
            .collect();
            or_dash(parts.join("／"))
        },
        marks: marks(years, &x.years),
        participants: {
            let size = size(x);
            match (x.participants, size.is_empty()) {
                (Some(p), false) => format!("{p}人（{size}）"),
                (Some(p), true) => format!("{p}人"),
                (None, false) => size,
                (None, true) => "－".into(),
            }
        },
        abilities: names(d, &x.abilities),
        joint: x.joint,
    }
}

/// 採用計画 grouped by route, in the order of the routes list, unknown routes after.
pub(super) fn hirings_by_route(d: &Draft, l: &Lists, years: &[YearCol]) -> Vec<HiringGroup> {
    let mut route_order: Vec<String> = l.hiring_routes.iter().map(|e| e.id.clone()).collect();
    for h in &d.hirings {
        if !route_order.contains(&h.route) {
            route_order.push(h.route.clone());
        }
    }
    let mut hirings_by_route = Vec::new();
    for route in &route_order {
        let rows: Vec<HiringRow> = d
            .hirings
            .iter()
            .filter(|h| &h.route == route)
            .map(|h| HiringRow {
                field: if h.count_kind == CountKind::Hire {
                    md_escape(&h.field)
                } else {
                    format!("{}（{}）", md_escape(&h.field), h.count_kind.label())
                },
                hire: h.count_kind == CountKind::Hire,
                counts: years
                    .iter()
                    .map(|y| {
                        h.headcount
                            .iter()
                            .filter(|c| c.fy == y.fy)
                            .map(|c| c.count)
                            .sum::<u32>()
                    })
                    .map(|n| if n == 0 { String::new() } else { n.to_string() })
                    .collect(),
                total: h.total_headcount(),
                abilities: names(d, &h.abilities),
                digital: h
                    .digital_type
                    .as_deref()
                    .map(|x| md_escape(Lists::label(&l.digital_types, x)))
                    .unwrap_or_else(|| "－".into()),
            })
            .collect();
        if !rows.is_empty() {
            let label = if route.is_empty() {
                "採用区分が未定のもの".to_string()
            } else {
                md_escape(Lists::label(&l.hiring_routes, route))
            };
            hirings_by_route.push(HiringGroup {
                number: format!("({})", hirings_by_route.len() + 1),
                route: label,
                rows,
            });
        }
    }
    hirings_by_route
}

/// Planned hires (採用予定数) of all routes, per plan year; numbers that are not hires
/// (再任用, 県・広域で確保, 共同試験全体) are left out.
pub(super) fn hiring_totals(d: &Draft, years: &[YearCol]) -> Vec<String> {
    years
        .iter()
        .map(|y| {
            d.hirings
                .iter()
                .filter(|h| h.count_kind == CountKind::Hire)
                .flat_map(|h| &h.headcount)
                .filter(|c| c.fy == y.fy)
                .map(|c| c.count)
                .sum::<u32>()
                .to_string()
        })
        .collect()
}

/// 指標一覧: one row per indicator.
pub(super) fn indicators(d: &Draft) -> Vec<IndicatorRow> {
    d.indicators
        .iter()
        .map(|x| IndicatorRow {
            name: md_escape(&x.name),
            baseline: match (x.baseline, x.baseline_fy) {
                (Some(b), Some(fy)) => {
                    format!("{}{}（{}）", number(b), md_escape(&x.unit), wareki::fy(fy))
                }
                (Some(b), None) => format!("{}{}", number(b), md_escape(&x.unit)),
                _ => "－".into(),
            },
            target: x
                .target
                .map(|t| format!("{}{}", number(t), md_escape(&x.unit)))
                .unwrap_or_else(|| "－".into()),
            target_fy: x.target_fy.map(wareki::fy).unwrap_or_else(|| "－".into()),
            direction: match x.direction {
                Direction::Increase => "増加".into(),
                Direction::Decrease => "減少".into(),
            },
            source: or_dash(md_escape(&x.source)),
            owner: or_dash(md_escape(&x.owner)),
            goals: names(d, &x.goals),
        })
        .collect()
}

/// 施策一覧 grouped by pillar, in the guideline's order.
pub(super) fn measures_by_pillar(d: &Draft, years: &[YearCol]) -> Vec<MeasureGroup> {
    Pillar::ALL
        .iter()
        .filter_map(|p| {
            let rows: Vec<MeasureRow> = d
                .measures
                .iter()
                .filter(|m| m.pillar == *p)
                .map(|m| MeasureRow {
                    title: md_escape(&m.title),
                    owner: or_dash(md_escape(&m.owner)),
                    marks: marks(years, &m.years),
                    budget: m
                        .budget
                        .map(|b| format!("{}千円", group_digits(b)))
                        .unwrap_or_else(|| "－".into()),
                    goals: names(d, &m.goals),
                })
                .collect();
            (!rows.is_empty()).then_some((p, rows))
        })
        .enumerate()
        .map(|(i, (p, rows))| MeasureGroup {
            number: format!("({})", i + 1),
            pillar: p.label().into(),
            rows,
        })
        .collect()
}

/// デジタル人材の目標: one row per level, one column per plan year.
pub(super) fn digital_targets(d: &Draft, l: &Lists, years: &[YearCol]) -> Vec<DigitalTargetRow> {
    d.digital_targets
        .iter()
        .map(|x| DigitalTargetRow {
            name: md_escape(&x.name),
            tier: or_dash(md_escape(Lists::label(&l.digital_tiers, &x.tier))),
            baseline: match (x.baseline, x.baseline_fy) {
                (Some(b), Some(fy)) => format!("{b}人（{}）", wareki::fy(fy)),
                (Some(b), None) => format!("{b}人"),
                _ => "－".into(),
            },
            counts: years
                .iter()
                .map(|y| {
                    x.targets
                        .iter()
                        .find(|t| t.fy == y.fy)
                        .map(|t| t.count.to_string())
                        .unwrap_or_default()
                })
                .collect(),
            means: {
                let mut ids = x.trainings.clone();
                ids.extend(x.hirings.iter().cloned());
                names(d, &ids)
            },
        })
        .collect()
}

/// 12,345: thousands separated by commas, as 公用文 writes numbers.
pub(super) fn group_digits(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// 職員数の見通し: every category and plan year of the projection.
pub(super) fn workforce(d: &Draft, t: &hoshin_model::templates::Templates) -> Vec<WorkforceLine> {
    hoshin_model::workforce::project(d, &t.teinen)
        .into_iter()
        .map(|r| WorkforceLine {
            category: md_escape(Lists::label(&t.lists.job_categories, &r.category)),
            fy: wareki::fy(r.fy),
            staff: group_digits(r.staff.into()),
            leavers: if r.derived {
                format!("{}（推計）", group_digits(r.leavers.into()))
            } else {
                group_digits(r.leavers.into())
            },
            hires: group_digits(r.hires.into()),
            reappointed: if r.reappointed == 0 {
                "－".into()
            } else {
                format!("{:+}", r.reappointed)
            },
            projected: group_digits(r.projected.into()),
            teiin: r
                .teiin
                .map(|t| group_digits(t.into()))
                .unwrap_or_else(|| "－".into()),
        })
        .collect()
}
