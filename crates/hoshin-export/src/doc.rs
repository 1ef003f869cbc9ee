//! The document as the export templates see it: every label already in Japanese, years in
//! 和暦, numbers in the official style (第1 → 1 → (1) → ア), literal text escaped.

use std::collections::BTreeSet;

use hoshin_check::Report;
use hoshin_model::templates::{Lists, Severity, Templates};
use hoshin_model::{wareki, Direction, Draft, Pillar};
use serde::Serialize;

/// ア, イ, ウ … for the fourth numbering level.
const KANA: &[&str] = &[
    "ア", "イ", "ウ", "エ", "オ", "カ", "キ", "ク", "ケ", "コ", "サ", "シ", "ス", "セ", "ソ", "タ",
    "チ", "ツ", "テ", "ト", "ナ", "ニ", "ヌ", "ネ", "ノ", "ハ", "ヒ", "フ", "ヘ", "ホ", "マ", "ミ",
    "ム", "メ", "モ", "ヤ", "ユ", "ヨ", "ラ", "リ", "ル", "レ", "ロ", "ワ",
];

pub fn kana(i: usize) -> String {
    KANA.get(i)
        .map(|s| s.to_string())
        .unwrap_or_else(|| format!("{}", i + 1))
}

/// Escape text that must stay literal inside Markdown (names, headings).
pub fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    // A line that starts like a list item or a numbered list must stay text.
    if let Some(first) = out.chars().next() {
        if matches!(first, '-' | '+' | '=')
            || (first.is_ascii_digit()
                && out
                    .trim_start_matches(|c: char| c.is_ascii_digit())
                    .starts_with(['.', ')']))
        {
            out.insert(0, '\\');
        }
    }
    out
}

/// Does this line start a block of its own (so the line before it needs no hard break)?
fn starts_block(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with(['#', '|', '>', '-', '*', '+'])
        || t.starts_with("```")
        || t.starts_with("~~~")
        || {
            let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
            digits > 0 && t[digits..].starts_with(['.', ')'])
        }
}

/// A line break typed inside a paragraph stays a line break (as people expect from a
/// text box): continuation lines get a Markdown hard break. Code, tables, lists and
/// headings are left as they are. Used by the export and by the app's preview.
pub fn keep_line_breaks(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::with_capacity(text.len() + 16);
    let mut fence: Option<&str> = None;
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim_start();
        if let Some(f) = fence {
            if t.starts_with(f) {
                fence = None;
            }
        } else if t.starts_with("```") || t.starts_with("~~~") {
            fence = Some(&t[..3]);
        }
        out.push_str(line.trim_end());
        let next = lines.get(i + 1).copied().unwrap_or("");
        let continues = fence.is_none()
            && !t.is_empty()
            && !starts_block(line)
            && !next.trim().is_empty()
            && !starts_block(next);
        if continues && !line.trim_end().ends_with('\\') {
            out.push('\\');
        }
        out.push('\n');
    }
    out.trim_end().to_string()
}

/// User Markdown placed under a level-3 heading: line breaks kept (see
/// `keep_line_breaks`), and its own headings moved three levels down (`#` → `####`,
/// capped at 6) so the document's heading tree stays intact.
pub fn nest_markdown(text: &str) -> String {
    let kept = keep_line_breaks(text);
    let mut out = String::with_capacity(kept.len() + 16);
    let mut fence: Option<&str> = None;
    for line in kept.lines() {
        let t = line.trim_start();
        if let Some(f) = fence {
            if t.starts_with(f) {
                fence = None;
            }
        } else if t.starts_with("```") || t.starts_with("~~~") {
            fence = Some(&t[..3]);
        } else if line.starts_with('#') {
            let level = line.chars().take_while(|c| *c == '#').count();
            let rest = &line[level..];
            if level <= 6 && (rest.is_empty() || rest.starts_with(' ')) {
                out.push_str(&"#".repeat((level + 3).min(6)));
                out.push_str(rest);
                out.push('\n');
                continue;
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    out.trim_end().to_string()
}

fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

#[derive(Serialize)]
pub struct Doc {
    pub title: String,
    pub municipality: String,
    pub kind_label: String,
    pub period_label: String,
    pub period_western: String,
    pub date_label: String,
    pub status_label: String,
    pub open_errors: u32,
    pub open_warnings: u32,
    pub acknowledged: u32,
    /// 「整合性チェック: 未解決 3 件」 or 「整合性チェック: 問題なし」
    pub check_label: String,
    pub pillars: Vec<PillarCtx>,
    pub years: Vec<YearCol>,
    pub trainings_by_layer: Vec<TrainingGroup>,
    pub hirings_by_route: Vec<HiringGroup>,
    pub hiring_totals: Vec<String>,
    pub hiring_total: u32,
    pub indicators: Vec<IndicatorRow>,
    pub appendix: Option<Appendix>,
}

#[derive(Serialize)]
pub struct YearCol {
    pub fy: i32,
    /// R9
    pub short: String,
    /// 令和9年度
    pub label: String,
}

#[derive(Serialize)]
pub struct PillarCtx {
    pub id: String,
    /// 第1
    pub number: String,
    pub heading: String,
    pub items: Vec<ItemCtx>,
    /// Number of the 目標・施策 sub-heading (after the items).
    pub goals_number: String,
    pub goals: Vec<GoalCtx>,
    pub governance: Option<GovernanceCtx>,
    pub governance_number: String,
}

#[derive(Serialize)]
pub struct ItemCtx {
    pub id: String,
    /// 1, 2, 3 …
    pub number: String,
    pub heading: String,
    /// The user's Markdown, headings nested below this item.
    pub text: String,
    pub personas: Vec<PersonaRow>,
    pub abilities: Vec<AbilityRow>,
}

#[derive(Serialize)]
pub struct PersonaRow {
    pub number: String,
    pub title: String,
    pub description: String,
}

#[derive(Serialize)]
pub struct AbilityRow {
    pub name: String,
    pub category: String,
    pub layers: String,
    pub digital: String,
    pub description: String,
}

#[derive(Serialize)]
pub struct GoalCtx {
    /// (1), (2) …
    pub number: String,
    pub title: String,
    pub description: String,
    pub abilities: String,
    pub measures: String,
    pub indicators: Vec<String>,
}

#[derive(Serialize)]
pub struct GovernanceCtx {
    pub hr_owner: String,
    pub dx_owner: String,
    pub top_management: String,
    pub review: String,
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

#[derive(Serialize)]
pub struct Appendix {
    pub abilities_percent: u32,
    pub goals_measured_percent: u32,
    pub pillars: Vec<PillarCoverage>,
    pub matrix: Vec<MatrixRow>,
    pub open: Vec<FindingRow>,
    pub acknowledged: Vec<FindingRow>,
}

#[derive(Serialize)]
pub struct PillarCoverage {
    pub label: String,
    pub goals: u32,
    pub covered: u32,
    pub percent: u32,
}

#[derive(Serialize)]
pub struct MatrixRow {
    pub ability: String,
    pub trainings: String,
    pub hirings: String,
    pub mark: String,
}

#[derive(Serialize)]
pub struct FindingRow {
    pub severity: String,
    pub rule: String,
    pub place: String,
    pub message: String,
    pub reason: String,
    pub by: String,
}

/// Export settings.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// Add the linkage appendix (coverage, open findings, acknowledged exceptions).
    pub appendix: bool,
    /// The date printed on the cover (year, month, day); today in Japan when None.
    pub date: Option<(i32, u8, u8)>,
}

fn today_jst() -> (i32, u8, u8) {
    let now = time::OffsetDateTime::now_utc()
        .to_offset(time::UtcOffset::from_hms(9, 0, 0).expect("valid offset"));
    (now.year(), now.month() as u8, now.day())
}

fn names(d: &Draft, ids: &[String]) -> String {
    let v: Vec<String> = ids
        .iter()
        .filter_map(|id| d.find(id).map(|(_, n)| md_escape(n)))
        .collect();
    if v.is_empty() {
        "－".into()
    } else {
        v.join("、")
    }
}

fn labels(list: &[hoshin_model::templates::ListEntry], ids: &[String]) -> String {
    if ids.is_empty() {
        return "－".into();
    }
    ids.iter()
        .map(|i| md_escape(Lists::label(list, i)))
        .collect::<Vec<_>>()
        .join("、")
}

fn or_dash(s: String) -> String {
    if s.trim().is_empty() {
        "－".into()
    } else {
        s
    }
}

pub fn build(d: &Draft, t: &Templates, report: &Report, opts: &ExportOptions) -> Doc {
    let l = &t.lists;
    let period = d.meta.period;
    let (y, m, day) = opts.date.unwrap_or_else(today_jst);
    let check_label = if report.open_errors > 0 {
        format!("整合性チェック: 未解決 {} 件", report.open_errors)
    } else if report.open_warnings > 0 {
        format!(
            "整合性チェック: 要対応なし（注意 {} 件）",
            report.open_warnings
        )
    } else {
        "整合性チェック: 問題なし".into()
    };

    let mut personas_done = false;
    let mut abilities_done = false;
    let pillars = t
        .pillars
        .iter()
        .map(|p| {
            let mut items = Vec::new();
            for gi in &p.items {
                let text = d
                    .sections
                    .get(&gi.id)
                    .map(|s| nest_markdown(s))
                    .unwrap_or_default();
                let mut personas = Vec::new();
                let mut abilities = Vec::new();
                if gi.expects.iter().any(|e| e == "personas") && !personas_done {
                    personas_done = true;
                    personas = d
                        .personas
                        .iter()
                        .enumerate()
                        .map(|(i, x)| PersonaRow {
                            number: format!("({})", i + 1),
                            title: md_escape(&x.title),
                            description: or_dash(md_escape(x.description.trim())),
                        })
                        .collect();
                }
                if gi.expects.iter().any(|e| e == "abilities") && !abilities_done {
                    abilities_done = true;
                    abilities = d
                        .abilities
                        .iter()
                        .map(|a| AbilityRow {
                            name: md_escape(&a.name),
                            category: or_dash(md_escape(Lists::label(
                                &l.ability_categories,
                                &a.category,
                            ))),
                            layers: labels(&l.layers, &a.layers),
                            digital: a
                                .digital_type
                                .as_deref()
                                .map(|x| md_escape(Lists::label(&l.digital_types, x)))
                                .unwrap_or_else(|| "－".into()),
                            description: md_escape(&a.description),
                        })
                        .collect();
                }
                if text.is_empty() && personas.is_empty() && abilities.is_empty() {
                    continue;
                }
                items.push(ItemCtx {
                    id: gi.id.clone(),
                    number: (items.len() + 1).to_string(),
                    heading: md_escape(&gi.heading),
                    text,
                    personas,
                    abilities,
                });
            }
            let pillar = Pillar::from_id(&p.id);
            let goals: Vec<GoalCtx> = d
                .goals
                .iter()
                .filter(|g| Some(g.pillar) == pillar)
                .enumerate()
                .map(|(i, g)| {
                    let measures: Vec<String> = d
                        .trainings
                        .iter()
                        .filter(|x| x.goals.contains(&g.id))
                        .map(|x| format!("研修「{}」", md_escape(&x.title)))
                        .chain(
                            d.hirings
                                .iter()
                                .filter(|x| x.goals.contains(&g.id))
                                .map(|x| format!("採用「{}」", md_escape(&x.field))),
                        )
                        .collect();
                    GoalCtx {
                        number: format!("({})", i + 1),
                        title: md_escape(&g.title),
                        description: nest_markdown(&g.description),
                        abilities: names(d, &g.abilities),
                        measures: if measures.is_empty() {
                            "－".into()
                        } else {
                            measures.join("、")
                        },
                        indicators: d
                            .indicators
                            .iter()
                            .filter(|x| x.goals.contains(&g.id))
                            .map(indicator_line)
                            .collect(),
                    }
                })
                .collect();
            let governance = (pillar == Some(Pillar::Suishin)).then(|| GovernanceCtx {
                hr_owner: or_dash(md_escape(&d.governance.hr_owner)),
                dx_owner: or_dash(md_escape(&d.governance.dx_owner)),
                top_management: or_dash(md_escape(&d.governance.top_management)),
                review: or_dash(md_escape(&d.governance.review)),
            });
            let after_items = items.len() + 1;
            let goals_number = after_items.to_string();
            let governance_number = (after_items + usize::from(!goals.is_empty())).to_string();
            PillarCtx {
                id: p.id.clone(),
                number: format!("第{}", p.number),
                heading: md_escape(&p.heading),
                items,
                goals_number,
                goals,
                governance,
                governance_number,
            }
        })
        .collect();

    let years: Vec<YearCol> = (period.from..=period.to.min(period.from + 15))
        .map(|fy| {
            let label = wareki::fy(fy);
            let short = if fy >= 2019 {
                format!("R{}", fy - 2018)
            } else {
                fy.to_string()
            };
            YearCol { fy, short, label }
        })
        .collect();

    // 研修計画 grouped by layer, in the order of the layers list; a training for several
    // layers appears under each.
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
    let row = |x: &hoshin_model::Training| TrainingRow {
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
    };
    let mut groups: Vec<(String, Vec<&hoshin_model::Training>)> = layer_order
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
    let unassigned: Vec<&hoshin_model::Training> =
        d.trainings.iter().filter(|x| x.layers.is_empty()).collect();
    if !unassigned.is_empty() {
        groups.push(("対象階層が未定のもの".into(), unassigned));
    }
    let trainings_by_layer: Vec<TrainingGroup> = groups
        .into_iter()
        .enumerate()
        .map(|(i, (layer, mut list))| {
            list.sort_by_key(|x| x.years.iter().min().copied().unwrap_or(i32::MAX));
            TrainingGroup {
                number: format!("({})", i + 1),
                layer,
                rows: list.into_iter().map(row).collect(),
            }
        })
        .collect();

    // 採用計画 grouped by route.
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
    let hiring_totals = years
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
        .collect();

    let indicators = d
        .indicators
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
        .collect();

    let appendix = opts.appendix.then(|| appendix(d, report));

    Doc {
        title: md_escape(&d.meta.title),
        municipality: md_escape(&d.meta.municipality),
        kind_label: d.meta.municipality_kind.label().into(),
        period_label: wareki::fy_range(period.from, period.to),
        period_western: format!(
            "{}～{}",
            wareki::fy_with_western(period.from),
            wareki::fy_with_western(period.to)
        ),
        date_label: wareki::date(y, m, day),
        status_label: d.meta.status.label().into(),
        open_errors: report.open_errors,
        open_warnings: report.open_warnings,
        acknowledged: report.acknowledged,
        check_label,
        pillars,
        years,
        trainings_by_layer,
        hirings_by_route,
        hiring_totals,
        hiring_total: d.hirings.iter().map(|h| h.total_headcount()).sum(),
        indicators,
        appendix,
    }
}

fn indicator_line(x: &hoshin_model::Indicator) -> String {
    let mut s = md_escape(&x.name);
    if let (Some(t), Some(fy)) = (x.target, x.target_fy) {
        let from = match (x.baseline, x.baseline_fy) {
            (Some(b), Some(bfy)) => format!(
                "{}{}（{}）→",
                number(b),
                md_escape(&x.unit),
                wareki::fy(bfy)
            ),
            _ => String::new(),
        };
        s.push_str(&format!(
            "：{from}{}{}（{}）",
            number(t),
            md_escape(&x.unit),
            wareki::fy(fy)
        ));
    }
    s
}

fn appendix(d: &Draft, r: &Report) -> Appendix {
    let c = &r.coverage;
    let row = |f: &hoshin_check::Finding| FindingRow {
        severity: match f.severity {
            Severity::Error => "要対応".into(),
            Severity::Warning => "注意".into(),
        },
        rule: f.rule.clone(),
        place: {
            let mut p = md_escape(&f.location.label);
            if let Some(fl) = &f.location.field_label {
                p.push_str(&format!("（{}）", md_escape(fl)));
            }
            p
        },
        message: md_escape(&f.message),
        reason: f
            .acknowledgement
            .as_ref()
            .map(|a| md_escape(&a.reason))
            .unwrap_or_default(),
        by: f
            .acknowledgement
            .as_ref()
            .map(|a| {
                let date = wareki::date_of_rfc3339(&a.at).unwrap_or_default();
                or_dash(md_escape(format!("{} {}", a.by, date).trim()))
            })
            .unwrap_or_default(),
    };
    let mut open: Vec<&hoshin_check::Finding> = r
        .findings
        .iter()
        .filter(|f| f.acknowledgement.is_none())
        .collect();
    open.sort_by_key(|f| f.severity != Severity::Error);
    Appendix {
        abilities_percent: c.abilities_percent,
        goals_measured_percent: c.goals_measured_percent,
        pillars: c
            .pillars
            .iter()
            .filter(|p| p.goals > 0)
            .map(|p| PillarCoverage {
                label: p.label.clone(),
                goals: p.goals,
                covered: p.goals_covered,
                percent: p.percent,
            })
            .collect(),
        matrix: c
            .abilities
            .iter()
            .map(|a| MatrixRow {
                ability: md_escape(&a.name),
                trainings: names(d, &a.trainings),
                hirings: names(d, &a.hirings),
                mark: if a.covered() {
                    "○".into()
                } else {
                    "×".into()
                },
            })
            .collect(),
        open: open.into_iter().map(row).collect(),
        acknowledged: r
            .findings
            .iter()
            .filter(|f| f.acknowledgement.is_some())
            .map(row)
            .collect(),
    }
}

/// The document's headings as (level, text), in order, as the template lays them out:
/// used by tests to compare against the parsed Markdown.
pub fn expected_headings(doc: &Doc, for_pdf: bool) -> Vec<(u8, String)> {
    let mut h = Vec::new();
    if !for_pdf {
        h.push((1, doc.title.clone()));
        h.push((2, "目次".into()));
    }
    for p in &doc.pillars {
        h.push((2, format!("{} {}", p.number, p.heading)));
        for it in &p.items {
            h.push((3, format!("{} {}", it.number, it.heading)));
        }
        if !p.goals.is_empty() {
            h.push((3, format!("{} 目標・施策と指標", p.goals_number)));
            for g in &p.goals {
                h.push((4, format!("{} {}", g.number, g.title)));
            }
        }
        if p.governance.is_some() {
            h.push((3, format!("{} 推進体制の概要", p.governance_number)));
        }
    }
    h.push((2, "別表1 研修計画".into()));
    for g in &doc.trainings_by_layer {
        h.push((3, format!("{} {}", g.number, g.layer)));
    }
    h.push((2, "別表2 採用計画".into()));
    for g in &doc.hirings_by_route {
        h.push((3, format!("{} {}", g.number, g.route)));
    }
    h.push((2, "別表3 指標一覧".into()));
    if doc.appendix.is_some() {
        h.push((2, "付録 整合性チェックの結果".into()));
        for s in [
            "(1) 概要",
            "(2) 能力の育成・確保の対応表",
            "(3) 未解決の指摘",
            "(4) 理由を付けて確認済みにした指摘",
        ] {
            h.push((3, s.into()));
        }
    }
    h
}
