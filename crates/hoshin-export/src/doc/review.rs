//! 年次点検報告: one fiscal year of the policy in operation, as the template sees it.
//! Per pillar each goal with what serves it (研修, 採用, 施策・制度) and how it stood that
//! year; every indicator's results against the straight path to its target, with a chart;
//! training delivered against plan; the workforce projection against the staff actually in
//! post; and the check's open findings. Nothing here changes the adopted policy text.

use hoshin_check::Report;
use hoshin_model::progress::{indicator_progress, IndicatorProgress};
use hoshin_model::templates::{Lists, Templates};
use hoshin_model::workforce::{project, ProjectionRow};
use hoshin_model::{wareki, CountKind, Draft, Pillar, Progress};
use hoshin_pdf::chart::{Chart, Series, SeriesStyle};
use serde::Serialize;

use super::appendix::{open_rows, FindingRow};
use super::text::{md_escape, number, or_dash};
use super::{check_label, today_jst, ExportOptions};

#[derive(Serialize)]
pub struct ReviewDoc {
    /// 令和10年度 年次点検報告
    pub title: String,
    pub policy_title: String,
    pub municipality: String,
    /// 令和10年度
    pub fy_label: String,
    /// 2028(令和10)年度
    pub fy_western: String,
    pub period_label: String,
    /// 計画期間4年のうち2年目
    pub year_of_plan: String,
    pub date_label: String,
    pub check_label: String,
    /// No result of any kind is recorded for the year.
    pub no_results: bool,
    /// 第1 点検の概要: one line each.
    pub summary: Vec<String>,
    pub pillars: Vec<ReviewPillar>,
    /// The plan years up to the reviewed one (columns of the indicator table).
    pub years: Vec<ReviewYear>,
    pub indicators: Vec<ReviewIndicator>,
    pub trainings: Vec<ReviewTraining>,
    pub workforce: Vec<ReviewCategory>,
    pub findings: Vec<FindingRow>,
    pub cover_lines: Vec<String>,
}

#[derive(Serialize)]
pub struct ReviewYear {
    pub fy: i32,
    pub short: String,
}

#[derive(Serialize)]
pub struct ReviewPillar {
    /// 1, 2, …
    pub number: String,
    pub label: String,
    pub goals: Vec<ReviewGoal>,
}

#[derive(Serialize)]
pub struct ReviewGoal {
    /// (1), (2), …
    pub number: String,
    pub title: String,
    pub works: Vec<WorkRow>,
    /// 「名称　68.2%（やや遅れ）」
    pub indicators: Vec<String>,
}

/// One 取組 serving a goal, and how it stood in the year.
#[derive(Serialize)]
pub struct WorkRow {
    /// 研修, 採用 or 施策・制度
    pub kind: String,
    pub name: String,
    pub state: String,
    pub note: String,
}

#[derive(Serialize)]
pub struct ReviewIndicator {
    pub number: String,
    pub name: String,
    pub baseline: String,
    /// One per [`ReviewDoc::years`]: the result, or 「－」.
    pub actuals: Vec<String>,
    /// Where the straight path expects it in the reviewed year.
    pub expected: String,
    pub target: String,
    /// 達成, 順調, やや遅れ, 遅れ, or 実績なし (in the reviewed year).
    pub status: String,
    pub owner: String,
    /// The chart as a `hoshin-chart` block (PDF).
    pub chart_pdf: String,
    /// The chart as a Mermaid `xychart-beta` block (Markdown viewers that draw Mermaid).
    pub chart_md: String,
    /// Notes recorded with the results, 「令和9年度: …」.
    pub notes: Vec<String>,
}

#[derive(Serialize)]
pub struct ReviewTraining {
    pub title: String,
    pub layers: String,
    /// 「2回・30人」 or 「実施予定なし」
    pub planned: String,
    pub held: String,
    /// Participants against 定員, 「93%」 or 「－」.
    pub rate: String,
    pub note: String,
}

#[derive(Serialize)]
pub struct ReviewCategory {
    pub number: String,
    pub category: String,
    pub rows: Vec<WorkforceYear>,
    pub chart_pdf: String,
    pub chart_md: String,
}

#[derive(Serialize)]
pub struct WorkforceYear {
    pub fy: String,
    pub projected: String,
    pub actual: String,
    /// 実員 − 見込み, 「+4」「-5」「±0」 or 「－」.
    pub diff: String,
    pub teiin: String,
    /// 実員 − 定員.
    pub diff_teiin: String,
}

fn signed(n: i64) -> String {
    match n {
        0 => "±0".into(),
        n if n > 0 => format!("+{}", super::tables::group_digits(n as u64)),
        n => format!("-{}", super::tables::group_digits(n.unsigned_abs())),
    }
}

fn count(n: u32) -> String {
    super::tables::group_digits(n as u64)
}

fn with_unit(v: f64, unit: &str) -> String {
    format!("{}{}", number(v), md_escape(unit))
}

/// The x labels and series of one indicator's chart: the baseline year first when it lies
/// before the plan, then every plan year; 実績 only up to the reviewed year.
fn indicator_chart(p: &IndicatorProgress, fy: i32) -> Chart {
    let mut labels = Vec::new();
    let mut path = Vec::new();
    let mut actual = Vec::new();
    if let (Some(b), Some(bfy)) = (p.baseline, p.baseline_fy) {
        if p.years.first().is_some_and(|y| bfy < y.fy) {
            labels.push(format!("基準 {}", wareki::fy_short(bfy)));
            path.push(Some(b));
            actual.push(Some(b));
        }
    }
    for y in &p.years {
        labels.push(wareki::fy_short(y.fy));
        path.push(y.expected);
        actual.push(if y.fy <= fy { y.actual } else { None });
    }
    let title = if p.unit.trim().is_empty() {
        p.name.clone()
    } else {
        format!("{}（{}）", p.name, p.unit)
    };
    Chart {
        title,
        labels,
        series: vec![
            Series {
                name: "目標への道筋（基準値から目標値への直線）".into(),
                style: SeriesStyle::Dotted,
                values: path,
            },
            Series {
                name: "実績".into(),
                style: SeriesStyle::Solid,
                values: actual,
            },
        ],
    }
}

/// A Mermaid xychart (lines only; Mermaid has no legend, so the names go in a line above).
fn mermaid(c: &Chart) -> String {
    let q = |s: &str| s.replace(['"', '\n', '\r'], " ");
    let mut s = String::from("```mermaid\nxychart-beta\n");
    s.push_str(&format!("    title \"{}\"\n", q(&c.title)));
    let labels: Vec<String> = c.labels.iter().map(|l| format!("\"{}\"", q(l))).collect();
    s.push_str(&format!("    x-axis [{}]\n", labels.join(", ")));
    for se in &c.series {
        // Mermaid cannot leave gaps: a series stops at its last value, and leading or
        // inner gaps are not drawn at all.
        let vals: Vec<f64> = se.values.iter().map_while(|v| *v).collect();
        if vals.len() < se.values.iter().flatten().count() || vals.is_empty() {
            continue;
        }
        let v: Vec<String> = vals.iter().map(|v| number(*v)).collect();
        s.push_str(&format!("    line [{}]\n", v.join(", ")));
    }
    s.push_str("```\n");
    s
}

fn legend(c: &Chart) -> String {
    let names: Vec<String> = c
        .series
        .iter()
        .enumerate()
        .map(|(i, s)| format!("{}本目の線＝{}", i + 1, s.name))
        .collect();
    names.join("、")
}

/// The yearly review of fiscal year `fy` (a year of the plan period; the caller checks).
pub fn build_review(
    d: &Draft,
    t: &Templates,
    report: &Report,
    fy: i32,
    opts: &ExportOptions,
) -> ReviewDoc {
    let l = &t.lists;
    let period = d.meta.period;
    let (y, m, day) = opts.date.unwrap_or_else(today_jst);
    let progress = indicator_progress(d, t);
    let projection = project(d, &t.teinen);
    let result = |item: &str| d.results.iter().find(|r| r.item == item && r.fy == fy);

    // 第2: goals by pillar.
    let mut pillars = Vec::new();
    for p in Pillar::ALL {
        let goals: Vec<ReviewGoal> = d
            .goals
            .iter()
            .filter(|g| g.pillar == p)
            .enumerate()
            .map(|(i, g)| {
                let mut works = Vec::new();
                for x in d.trainings.iter().filter(|x| x.goals.contains(&g.id)) {
                    let r = result(&x.id);
                    let planned = x.years.contains(&fy);
                    let state = match (r.and_then(|r| r.participants), r.and_then(|r| r.runs)) {
                        (Some(n), Some(runs)) => format!("実施（{runs}回・{}人）", count(n)),
                        (Some(n), None) => format!("実施（{}人）", count(n)),
                        (None, Some(runs)) => format!("実施（{runs}回）"),
                        (None, None) if planned => "実績未記録".into(),
                        (None, None) => "この年度は実施予定なし".into(),
                    };
                    works.push(WorkRow {
                        kind: "研修".into(),
                        name: md_escape(&x.title),
                        state,
                        note: or_dash(md_escape(r.map(|r| r.note.as_str()).unwrap_or(""))),
                    });
                }
                for x in d.hirings.iter().filter(|x| x.goals.contains(&g.id)) {
                    let n: u32 = x
                        .headcount
                        .iter()
                        .filter(|c| c.fy == fy)
                        .map(|c| c.count)
                        .sum();
                    let what = if x.count_kind == CountKind::Hire {
                        "採用予定".to_string()
                    } else {
                        x.count_kind.label().to_string()
                    };
                    works.push(WorkRow {
                        kind: "採用".into(),
                        name: md_escape(&x.field),
                        state: if n > 0 {
                            format!("{what} {}人", count(n))
                        } else {
                            "この年度の予定なし".into()
                        },
                        note: "－".into(),
                    });
                }
                for x in d.measures.iter().filter(|x| x.goals.contains(&g.id)) {
                    let r = result(&x.id);
                    works.push(WorkRow {
                        kind: "施策・制度".into(),
                        name: md_escape(&x.title),
                        state: match r.and_then(|r| r.status) {
                            Some(s) => s.label().into(),
                            None if x.years.contains(&fy) || x.years.is_empty() => {
                                "状態未記録".into()
                            }
                            None => "この年度は実施予定なし".into(),
                        },
                        note: or_dash(md_escape(r.map(|r| r.note.as_str()).unwrap_or(""))),
                    });
                }
                let indicators = progress
                    .iter()
                    .filter(|p| {
                        d.indicators
                            .iter()
                            .any(|i| i.id == p.id && i.goals.contains(&g.id))
                    })
                    .map(|p| {
                        let yr = p.years.iter().find(|y| y.fy == fy);
                        match yr.and_then(|y| y.actual.map(|a| (a, y.progress))) {
                            Some((a, pr)) => format!(
                                "{}　{}（{}）",
                                md_escape(&p.name),
                                with_unit(a, &p.unit),
                                pr.map(Progress::label).unwrap_or("判定できない")
                            ),
                            None => format!("{}　実績なし", md_escape(&p.name)),
                        }
                    })
                    .collect();
                ReviewGoal {
                    number: format!("({})", i + 1),
                    title: md_escape(&g.title),
                    works,
                    indicators,
                }
            })
            .collect();
        if !goals.is_empty() {
            pillars.push(ReviewPillar {
                number: (pillars.len() + 1).to_string(),
                label: p.label().into(),
                goals,
            });
        }
    }

    // 第3: indicators.
    let years: Vec<ReviewYear> = (period.from..=fy)
        .map(|fy| ReviewYear {
            fy,
            short: wareki::fy_short(fy),
        })
        .collect();
    let mut counts = [0usize; 5]; // 達成, 順調, やや遅れ, 遅れ, 実績なし
    let indicators: Vec<ReviewIndicator> = progress
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let yr = p.years.iter().find(|y| y.fy == fy);
            let status = match yr.and_then(|y| y.actual.map(|_| y.progress)) {
                Some(Some(pr)) => {
                    counts[match pr {
                        Progress::Achieved => 0,
                        Progress::OnTrack => 1,
                        Progress::SlightlyBehind => 2,
                        Progress::Behind => 3,
                    }] += 1;
                    pr.label().to_string()
                }
                Some(None) => {
                    counts[4] += 1;
                    "判定できない（基準値か目標値がない）".into()
                }
                None => {
                    counts[4] += 1;
                    "実績なし".into()
                }
            };
            let chart = indicator_chart(p, fy);
            ReviewIndicator {
                number: (i + 1).to_string(),
                name: md_escape(&p.name),
                baseline: match (p.baseline, p.baseline_fy) {
                    (Some(b), Some(bfy)) => {
                        format!("{}（{}）", with_unit(b, &p.unit), wareki::fy_short(bfy))
                    }
                    (Some(b), None) => with_unit(b, &p.unit),
                    _ => "－".into(),
                },
                actuals: years
                    .iter()
                    .map(|y| {
                        p.years
                            .iter()
                            .find(|x| x.fy == y.fy)
                            .and_then(|x| x.actual)
                            .map(|a| with_unit(a, &p.unit))
                            .unwrap_or_else(|| "－".into())
                    })
                    .collect(),
                expected: yr
                    .and_then(|y| y.expected)
                    .map(|e| with_unit(e, &p.unit))
                    .unwrap_or_else(|| "－".into()),
                target: match (p.target, p.target_fy) {
                    (Some(t), Some(tfy)) => {
                        format!("{}（{}）", with_unit(t, &p.unit), wareki::fy_short(tfy))
                    }
                    (Some(t), None) => with_unit(t, &p.unit),
                    _ => "－".into(),
                },
                status,
                owner: or_dash(md_escape(&p.owner)),
                chart_md: format!("{}\n\n{}", md_escape(&legend(&chart)), mermaid(&chart)),
                chart_pdf: chart.to_fence(),
                notes: p
                    .years
                    .iter()
                    .filter(|y| y.fy <= fy && !y.note.trim().is_empty())
                    .map(|y| format!("{}: {}", wareki::fy(y.fy), md_escape(&y.note)))
                    .collect(),
            }
        })
        .collect();

    // 第4: trainings planned or held in the year.
    let mut planned_runs = 0u32;
    let mut held_runs = 0u32;
    let mut seats = 0u32;
    let mut trained = 0u32;
    let trainings: Vec<ReviewTraining> = d
        .trainings
        .iter()
        .filter_map(|x| {
            let r = result(&x.id);
            let planned = x.years.contains(&fy);
            if !planned && r.is_none() {
                return None;
            }
            let runs = x.runs.unwrap_or(1);
            if planned {
                planned_runs += runs;
                seats += x.participants.unwrap_or(0);
            }
            let (r_runs, r_part) = (r.and_then(|r| r.runs), r.and_then(|r| r.participants));
            held_runs += r_runs.unwrap_or(0);
            trained += r_part.unwrap_or(0);
            let planned_s = if planned {
                match x.participants {
                    Some(p) => format!("{runs}回・{}人", count(p)),
                    None => format!("{runs}回"),
                }
            } else {
                "実施予定なし".into()
            };
            let held = match (r_runs, r_part) {
                (Some(a), Some(b)) => format!("{a}回・{}人", count(b)),
                (Some(a), None) => format!("{a}回"),
                (None, Some(b)) => format!("{}人", count(b)),
                (None, None) => "未記録".into(),
            };
            let rate = match (planned.then_some(x.participants).flatten(), r_part) {
                (Some(s), Some(p)) if s > 0 => {
                    format!("{}%", (p as f64 * 100.0 / s as f64).round())
                }
                _ => "－".into(),
            };
            let layers: Vec<&str> = x
                .layers
                .iter()
                .map(|id| Lists::label(&l.layers, id))
                .collect();
            Some(ReviewTraining {
                title: md_escape(&x.title),
                layers: or_dash(md_escape(&layers.join("、"))),
                planned: planned_s,
                held,
                rate,
                note: or_dash(md_escape(r.map(|r| r.note.as_str()).unwrap_or(""))),
            })
        })
        .collect();

    // 第5: workforce projection against 実員.
    let mut workforce = Vec::new();
    let mut categories: Vec<&str> = Vec::new();
    for r in &projection {
        if !categories.contains(&r.category.as_str()) {
            categories.push(&r.category);
        }
    }
    let (mut proj_total, mut actual_total, mut any_actual) = (0i64, 0i64, false);
    for (i, cat) in categories.iter().enumerate() {
        let rows: Vec<&ProjectionRow> = projection.iter().filter(|r| r.category == *cat).collect();
        if let Some(r) = rows.iter().find(|r| r.fy == fy) {
            proj_total += r.projected as i64;
            if let Some(a) = r.actual {
                actual_total += a as i64;
                any_actual = true;
            }
        }
        let label = Lists::label(&l.job_categories, cat).to_string();
        let chart = Chart {
            title: format!("{label}の職員数（人）"),
            labels: rows.iter().map(|r| wareki::fy_short(r.fy)).collect(),
            series: vec![
                Series {
                    name: "年度末見込み".into(),
                    style: SeriesStyle::Solid,
                    values: rows.iter().map(|r| Some(r.projected as f64)).collect(),
                },
                Series {
                    name: "定員".into(),
                    style: SeriesStyle::Dotted,
                    values: rows.iter().map(|r| r.teiin.map(f64::from)).collect(),
                },
                Series {
                    name: "実員".into(),
                    style: SeriesStyle::Points,
                    values: rows
                        .iter()
                        .map(|r| r.actual.filter(|_| r.fy <= fy).map(f64::from))
                        .collect(),
                },
            ],
        };
        workforce.push(ReviewCategory {
            number: (i + 1).to_string(),
            category: md_escape(&label),
            rows: rows
                .iter()
                .filter(|r| r.fy <= fy)
                .map(|r| {
                    let actual = r.actual;
                    WorkforceYear {
                        fy: wareki::fy(r.fy),
                        projected: count(r.projected),
                        actual: actual.map(count).unwrap_or_else(|| "－".into()),
                        diff: actual
                            .map(|a| signed(a as i64 - r.projected as i64))
                            .unwrap_or_else(|| "－".into()),
                        teiin: r.teiin.map(count).unwrap_or_else(|| "－".into()),
                        diff_teiin: match (actual, r.teiin) {
                            (Some(a), Some(t)) => signed(a as i64 - t as i64),
                            _ => "－".into(),
                        },
                    }
                })
                .collect(),
            chart_md: format!("{}\n\n{}", md_escape(&legend(&chart)), mermaid(&chart)),
            chart_pdf: chart.to_fence(),
        });
    }

    // 第1: the summary.
    let mut summary = vec![format!(
        "指標 {} 件: 達成 {}、順調 {}、やや遅れ {}、遅れ {}、実績なし・判定できない {}",
        indicators.len(),
        counts[0],
        counts[1],
        counts[2],
        counts[3],
        counts[4]
    )];
    if !trainings.is_empty() {
        summary.push(format!(
            "研修: 計画 {planned_runs}回・定員 {}人に対し、実施 {held_runs}回・受講者 {}人",
            count(seats),
            count(trained)
        ));
    }
    let fy_measures: Vec<_> = d
        .measures
        .iter()
        .filter(|x| x.years.contains(&fy) || result(&x.id).is_some())
        .collect();
    if !fy_measures.is_empty() {
        let mut parts: Vec<String> = hoshin_model::MeasureState::ALL
            .iter()
            .map(|s| {
                let n = fy_measures
                    .iter()
                    .filter(|x| result(&x.id).and_then(|r| r.status) == Some(*s))
                    .count();
                format!("{} {n}", s.label())
            })
            .collect();
        let none = fy_measures
            .iter()
            .filter(|x| result(&x.id).and_then(|r| r.status).is_none())
            .count();
        parts.push(format!("未記録 {none}"));
        summary.push(format!(
            "施策・制度 {} 件: {}",
            fy_measures.len(),
            parts.join("、")
        ));
    }
    if !workforce.is_empty() {
        summary.push(if any_actual {
            format!(
                "職員数: 年度末見込み {}人に対し、実員 {}人（{}）",
                count(proj_total as u32),
                count(actual_total as u32),
                signed(actual_total - proj_total)
            )
        } else {
            format!(
                "職員数: 年度末見込み {}人（実員は未記録）",
                count(proj_total as u32)
            )
        });
    }
    let open = open_rows(report);
    summary.push(if open.is_empty() {
        "整合性チェック: 未解決の指摘なし".into()
    } else {
        format!(
            "整合性チェック: 未解決の指摘 {} 件（要対応 {} 件）",
            open.len(),
            report.open_errors
        )
    });

    let fy_label = wareki::fy(fy);
    let title = format!("{fy_label} 年次点検報告");
    let nth = fy - period.from + 1;
    let total_years = period.to - period.from + 1;
    let date_label = wareki::date(y, m, day);
    ReviewDoc {
        cover_lines: vec![
            d.meta.title.clone(),
            d.meta.municipality.clone(),
            format!(
                "点検の対象　{}（計画期間 {} の{nth}年目）",
                wareki::fy_with_western(fy),
                wareki::fy_range(period.from, period.to)
            ),
            format!("作成日　{date_label}"),
            check_label(report),
        ],
        title: md_escape(&title),
        policy_title: md_escape(&d.meta.title),
        municipality: md_escape(&d.meta.municipality),
        fy_label,
        fy_western: wareki::fy_with_western(fy),
        period_label: wareki::fy_range(period.from, period.to),
        year_of_plan: format!("計画期間{total_years}年のうち{nth}年目"),
        date_label,
        check_label: check_label(report),
        no_results: !d.results.iter().any(|r| r.fy == fy),
        summary,
        pillars,
        years,
        indicators,
        trainings,
        workforce,
        findings: open,
    }
}

impl ReviewDoc {
    /// 「令和10年度 年次点検報告」 without Markdown escapes.
    pub fn title_plain(&self) -> String {
        format!("{} 年次点検報告", self.fy_label)
    }
}

/// The headings of a review as (level, text), in order (for tests).
pub fn review_headings(doc: &ReviewDoc, for_pdf: bool) -> Vec<(u8, String)> {
    let mut h = Vec::new();
    if !for_pdf {
        h.push((1, doc.title.clone()));
        h.push((2, "目次".into()));
    }
    h.push((2, "第1 点検の概要".into()));
    h.push((2, "第2 目標と取組の状況".into()));
    for p in &doc.pillars {
        h.push((3, format!("{} {}", p.number, p.label)));
        for g in &p.goals {
            h.push((4, format!("{} {}", g.number, g.title)));
        }
    }
    h.push((2, "第3 指標の進捗".into()));
    for i in &doc.indicators {
        h.push((3, format!("{} {}", i.number, i.name)));
    }
    h.push((2, "第4 研修の実施状況".into()));
    h.push((2, "第5 職員数の見通しと実員".into()));
    for c in &doc.workforce {
        h.push((3, format!("{} {}", c.number, c.category)));
    }
    h.push((2, "第6 未解決の指摘".into()));
    h
}
