//! The document as the export templates see it: every label already in Japanese, years in
//! 和暦, numbers in the official style (第1 → 1 → (1) → ア), literal text escaped.
//!
//! [`build`] assembles it from parts that can be read alone: the cover (here),
//! [`sections`] (the body, pillar by pillar), [`tables`] (研修計画, 採用計画, 指標一覧),
//! [`appendix`] (the check's results) and [`text`] (escaping and formatting helpers).

mod appendix;
pub mod drafts;
pub mod review;
mod sections;
pub mod summary;
mod tables;
mod text;
pub mod worksheet;

use hoshin_check::Report;
use hoshin_model::templates::Templates;
use hoshin_model::{wareki, CountKind, Draft};
use serde::Serialize;

use appendix::Appendix;
use sections::PillarCtx;
use tables::{
    DigitalTargetRow, HiringGroup, IndicatorRow, MeasureGroup, TrainingGroup, WorkforceLine,
    YearCol,
};
pub use text::{escape_raw_html, kana, keep_line_breaks, md_escape, nest_markdown};

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
    /// 採用予定数 per plan year (hires only).
    pub hiring_totals: Vec<String>,
    pub hiring_total: u32,
    /// Some hiring lines count something other than hires (再任用 …).
    pub hiring_others: bool,
    pub measures_by_pillar: Vec<MeasureGroup>,
    pub indicators: Vec<IndicatorRow>,
    pub digital_targets: Vec<DigitalTargetRow>,
    /// 職員数の見通し (empty when the draft has no workforce frame).
    pub workforce: Vec<WorkforceLine>,
    pub appendix: Option<Appendix>,
}

/// Export settings.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// Add the linkage appendix (coverage, open findings, acknowledged exceptions).
    pub appendix: bool,
    /// The date printed on the cover (year, month, day); today in Japan when None.
    pub date: Option<(i32, u8, u8)>,
}

/// Today in Japan (year, month, day).
pub fn today_jst() -> (i32, u8, u8) {
    let now = time::OffsetDateTime::now_utc()
        .to_offset(time::UtcOffset::from_hms(9, 0, 0).expect("valid offset"));
    (now.year(), now.month() as u8, now.day())
}

/// The render-ready document of a checked draft.
pub fn build(d: &Draft, t: &Templates, report: &Report, opts: &ExportOptions) -> Doc {
    let l = &t.lists;
    let period = d.meta.period;
    let (y, m, day) = opts.date.unwrap_or_else(today_jst);
    let years = tables::years(period);
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
        check_label: check_label(report),
        pillars: sections::pillars(d, t),
        trainings_by_layer: tables::trainings_by_layer(d, l, &years),
        hirings_by_route: tables::hirings_by_route(d, l, &years),
        hiring_totals: tables::hiring_totals(d, &years),
        hiring_total: d
            .hirings
            .iter()
            .filter(|h| h.count_kind == CountKind::Hire)
            .fold(0u32, |n, h| n.saturating_add(h.total_headcount())),
        hiring_others: d.hirings.iter().any(|h| h.count_kind != CountKind::Hire),
        measures_by_pillar: tables::measures_by_pillar(d, &years),
        indicators: tables::indicators(d),
        digital_targets: tables::digital_targets(d, l, &years),
        workforce: tables::workforce(d, t),
        appendix: opts.appendix.then(|| appendix::appendix(d, report, t)),
        years,
    }
}

/// The check's result for the cover: 「整合性チェック: 未解決 3 件」, 「…: 要対応なし（注意 2 件）」
/// or 「…: 問題なし」.
fn check_label(report: &Report) -> String {
    if report.open_errors > 0 {
        format!("整合性チェック: 未解決 {} 件", report.open_errors)
    } else if report.open_warnings > 0 {
        format!(
            "整合性チェック: 要対応なし（注意 {} 件）",
            report.open_warnings
        )
    } else {
        "整合性チェック: 問題なし".into()
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
    h.push((2, "別表3 施策一覧".into()));
    for g in &doc.measures_by_pillar {
        h.push((3, format!("{} {}", g.number, g.pillar)));
    }
    h.push((2, "別表4 指標一覧".into()));
    h.push((2, "別表5 デジタル人材の目標".into()));
    if !doc.workforce.is_empty() {
        h.push((2, "別表6 職員数の見通し".into()));
    }
    if doc.appendix.is_some() {
        h.push((2, "付録 整合性チェックの結果".into()));
        for s in [
            "(1) 概要",
            "(2) 能力の育成・確保の対応表",
            "(3) 未解決の指摘",
            "(4) 理由を付けて確認済みにした指摘",
            "(5) 公用文の点検",
        ] {
            h.push((3, s.into()));
        }
    }
    h
}
