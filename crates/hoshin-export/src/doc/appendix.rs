//! 付録 整合性チェックの結果 (with `--appendix`): coverage in percent, the table of
//! which trainings and hirings develop or secure each ability, the open findings and
//! the findings acknowledged with a reason.

use hoshin_check::{Finding, Report};
use hoshin_model::templates::{Severity, Templates};
use hoshin_model::{wareki, Draft};
use serde::Serialize;

use super::text::{md_escape, names, or_dash};

#[derive(Serialize)]
pub struct Appendix {
    pub abilities_percent: u32,
    pub goals_measured_percent: u32,
    pub pillars: Vec<PillarCoverage>,
    pub matrix: Vec<MatrixRow>,
    pub open: Vec<FindingRow>,
    pub acknowledged: Vec<FindingRow>,
    /// The 公用文 style check's findings.
    pub style: Vec<StyleRow>,
}

#[derive(Serialize)]
pub struct StyleRow {
    pub severity: String,
    pub rule: String,
    pub place: String,
    /// 「３ヶ月」→「3か月」, or the text found.
    pub span: String,
    pub message: String,
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
    pub measures: String,
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

/// One finding as a table row (place and message escaped, the acknowledgement if any).
fn row(f: &Finding) -> FindingRow {
    FindingRow {
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
    }
}

/// The open findings of a check, errors first, as table rows.
pub(super) fn open_rows(r: &Report) -> Vec<FindingRow> {
    let mut open: Vec<&Finding> = r
        .findings
        .iter()
        .filter(|f| f.acknowledgement.is_none())
        .collect();
    open.sort_by_key(|f| f.severity != Severity::Error);
    open.into_iter().map(row).collect()
}

/// The appendix from the check's report: coverage, the ability matrix, open findings
/// (errors first) and acknowledged ones with their reasons, and the style check.
pub(super) fn appendix(d: &Draft, r: &Report, t: &Templates) -> Appendix {
    let c = &r.coverage;
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
                measures: names(d, &a.measures),
                mark: if a.covered() {
                    "○".into()
                } else {
                    "×".into()
                },
            })
            .collect(),
        open: open_rows(r),
        acknowledged: r
            .findings
            .iter()
            .filter(|f| f.acknowledgement.is_some())
            .map(row)
            .collect(),
        style: hoshin_lint::lint(d, t)
            .into_iter()
            .map(|f| StyleRow {
                severity: match f.severity {
                    Severity::Error => "要対応".into(),
                    Severity::Warning => "注意".into(),
                },
                rule: format!("{} {}", f.rule, md_escape(&f.title)),
                place: match &f.location.field_label {
                    Some(l) if !l.is_empty() => {
                        format!("{}（{}）", md_escape(&f.location.label), md_escape(l))
                    }
                    _ => md_escape(&f.location.label),
                },
                span: match &f.fix {
                    Some(x) => format!("「{}」→「{}」", md_escape(&f.found), md_escape(x)),
                    None => format!("「{}」", md_escape(&f.found)),
                },
                message: md_escape(&f.message),
            })
            .collect(),
    }
}
