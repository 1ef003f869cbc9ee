//! The plan tables after the body: one column per plan year (別表1 研修計画 grouped by
//! layer, 別表2 採用計画 grouped by route with yearly totals) and 別表3 指標一覧.

use std::collections::BTreeSet;

use hoshin_model::templates::Lists;
use hoshin_model::{wareki, Direction, Draft, FyRange, Training};
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
    pub format: String,
    /// One mark per plan year: ● when held.
    pub marks: Vec<String>,
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
    pub field: String,
    pub counts: Vec<String>,
    pub total: u32,
    pub abilities: String,
    pub digital: String,
}

#[derive(Serialize)]
pub struct IndicatorRow {
    pub name: String,
    pub baseline: String,
    pub target: String,
    pub target_fy: String,
    pub direction: String,
    pub source: String,
    pub goals: String,
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
        format: or_dash(md_escape(Lists::label(&l.training_formats, &x.format))),
        marks: years
            .iter()
            .map(|y| {
                if x.years.contains(&y.fy) {
                    "●".to_string()
                } else {
                    String::new()
                }
            })
            .collect(),
        participants: x
            .participants
            .map(|p| format!("{p}人"))
            .unwrap_or_else(|| "－".into()),
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
                field: md_escape(&h.field),
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

/// Planned hirings of all routes, per plan year.
pub(super) fn hiring_totals(d: &Draft, years: &[YearCol]) -> Vec<String> {
    years
        .iter()
        .map(|y| {
            d.hirings
                .iter()
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
            goals: names(d, &x.goals),
        })
        .collect()
}
