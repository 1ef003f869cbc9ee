//! 方針案の比較 for a study group: several participants' drafts side by side — who they
//! are, how complete the linkage is, which indicators they chose, their digital targets,
//! and the findings per rule — optionally anonymised (団体A, 団体B, …). Nothing here
//! touches the facilitator's own drafts.

use hoshin_check::Report;
use hoshin_model::templates::{Severity, Templates};
use hoshin_model::{wareki, Draft};
use serde::Serialize;

use super::tables::group_digits;
use super::text::md_escape;

#[derive(Serialize)]
pub struct DraftsDoc {
    pub title: String,
    pub date_label: String,
    pub anonymised: bool,
    /// Column headings: 団体A … or the municipalities' names.
    pub names: Vec<String>,
    pub profiles: Vec<Profile>,
    /// Rule × draft: the open findings per rule.
    pub rules: Vec<RuleRow>,
    /// Catalogue indicator × draft: ○ where chosen.
    pub catalogue: Vec<MarkRow>,
    /// Each draft's own indicators (not from the catalogue), by name.
    pub own_indicators: Vec<OwnIndicators>,
    pub digital: Vec<DigitalRow>,
    pub cover_lines: Vec<String>,
}

#[derive(Serialize)]
pub struct Profile {
    pub name: String,
    pub kind: String,
    pub period: String,
    pub personas: usize,
    pub abilities: usize,
    pub trainings: usize,
    pub hirings: usize,
    pub measures: usize,
    pub indicators: usize,
    pub abilities_percent: u32,
    pub goals_measured_percent: u32,
    pub open_errors: u32,
    pub open_warnings: u32,
}

#[derive(Serialize)]
pub struct RuleRow {
    pub rule: String,
    pub title: String,
    pub severity: String,
    pub counts: Vec<String>,
}

#[derive(Serialize)]
pub struct MarkRow {
    pub name: String,
    pub marks: Vec<String>,
    pub chosen_by: usize,
}

#[derive(Serialize)]
pub struct OwnIndicators {
    pub name: String,
    pub indicators: String,
}

#[derive(Serialize)]
pub struct DigitalRow {
    pub name: String,
    /// 「DX推進リーダー 38人（令和7年度）→120人（令和12年度）」, one line per level.
    pub targets: String,
}

/// 団体A, 団体B, … 団体Z, 団体AA …
fn letter(i: usize) -> String {
    let mut n = i + 1;
    let mut s = Vec::new();
    while n > 0 {
        s.push((b'A' + ((n - 1) % 26) as u8) as char);
        n = (n - 1) / 26;
    }
    format!("団体{}", s.iter().rev().collect::<String>())
}

/// Build the comparison of `drafts` (each with its check report). With `anonymise`, every
/// municipality is 団体A, 団体B, … and its name is replaced wherever it appears in the
/// texts shown (indicator names, digital targets).
pub fn build_drafts(
    drafts: &[(Draft, Report)],
    t: &Templates,
    anonymise: bool,
    date: (i32, u8, u8),
) -> DraftsDoc {
    let names: Vec<String> = drafts
        .iter()
        .enumerate()
        .map(|(i, (d, _))| {
            if anonymise {
                letter(i)
            } else {
                md_escape(&d.meta.municipality)
            }
        })
        .collect();
    // Every municipality's name, to scrub from shown texts when anonymising.
    let scrub = |s: &str| -> String {
        let mut out = s.to_string();
        if anonymise {
            for (i, (d, _)) in drafts.iter().enumerate() {
                let m = d.meta.municipality.trim();
                if !m.is_empty() {
                    out = out.replace(m, &letter(i));
                }
            }
        }
        md_escape(&out)
    };
    let profiles = drafts
        .iter()
        .zip(&names)
        .map(|((d, r), name)| Profile {
            name: name.clone(),
            kind: d.meta.municipality_kind.label().into(),
            period: wareki::fy_range(d.meta.period.from, d.meta.period.to),
            personas: d.personas.len(),
            abilities: d.abilities.len(),
            trainings: d.trainings.len(),
            hirings: d.hirings.len(),
            measures: d.measures.len(),
            indicators: d.indicators.len(),
            abilities_percent: r.coverage.abilities_percent,
            goals_measured_percent: r.coverage.goals_measured_percent,
            open_errors: r.open_errors,
            open_warnings: r.open_warnings,
        })
        .collect();
    let rules = t
        .rules
        .rules
        .iter()
        .filter(|c| c.enabled)
        .filter_map(|c| {
            let counts: Vec<usize> = drafts
                .iter()
                .map(|(_, r)| {
                    r.findings
                        .iter()
                        .filter(|f| f.rule == c.id && f.acknowledgement.is_none())
                        .count()
                })
                .collect();
            counts.iter().any(|n| *n > 0).then(|| RuleRow {
                rule: c.id.clone(),
                title: md_escape(&c.title),
                severity: match c.severity {
                    Severity::Error => "要対応".into(),
                    Severity::Warning => "注意".into(),
                },
                counts: counts.iter().map(|n| n.to_string()).collect(),
            })
        })
        .collect();
    let mut catalogue: Vec<MarkRow> = t
        .indicators
        .iter()
        .filter_map(|ci| {
            let marks: Vec<String> = drafts
                .iter()
                .map(|(d, _)| {
                    if d.indicators
                        .iter()
                        .any(|i| i.catalog_id.as_deref() == Some(ci.id.as_str()))
                    {
                        "○".to_string()
                    } else {
                        String::new()
                    }
                })
                .collect();
            let chosen_by = marks.iter().filter(|m| !m.is_empty()).count();
            (chosen_by > 0).then(|| MarkRow {
                name: md_escape(&ci.name),
                marks,
                chosen_by,
            })
        })
        .collect();
    catalogue.sort_by_key(|r| std::cmp::Reverse(r.chosen_by));
    let own_indicators = drafts
        .iter()
        .zip(&names)
        .map(|((d, _), name)| {
            let own: Vec<String> = d
                .indicators
                .iter()
                .filter(|i| i.catalog_id.is_none())
                .map(|i| scrub(&i.name))
                .collect();
            OwnIndicators {
                name: name.clone(),
                indicators: if own.is_empty() {
                    "－".into()
                } else {
                    own.join("<br>")
                },
            }
        })
        .collect();
    let digital = drafts
        .iter()
        .zip(&names)
        .map(|((d, _), name)| {
            let lines: Vec<String> = d
                .digital_targets
                .iter()
                .map(|x| {
                    let base = match (x.baseline, x.baseline_fy) {
                        (Some(b), Some(fy)) => {
                            format!("{}人（{}）", group_digits(b as u64), wareki::fy(fy))
                        }
                        (Some(b), None) => format!("{}人", group_digits(b as u64)),
                        _ => "－".into(),
                    };
                    let last = x
                        .targets
                        .iter()
                        .max_by_key(|t| t.fy)
                        .map(|t| {
                            format!("{}人（{}）", group_digits(t.count as u64), wareki::fy(t.fy))
                        })
                        .unwrap_or_else(|| "－".into());
                    format!("{} {base}→{last}", scrub(&x.name))
                })
                .collect();
            DigitalRow {
                name: name.clone(),
                targets: if lines.is_empty() {
                    "－".into()
                } else {
                    lines.join("<br>")
                },
            }
        })
        .collect();
    let (y, m, day) = date;
    let date_label = wareki::date(y, m, day);
    let count = drafts.len();
    DraftsDoc {
        title: "方針案の比較（研究会用）".into(),
        cover_lines: vec![
            format!("{count} 団体の方針案"),
            if anonymise {
                "団体名は伏せて、団体A、団体B … としている".into()
            } else {
                names.join("、").replace('\\', "")
            },
            format!("作成日　{date_label}"),
        ],
        date_label,
        anonymised: anonymise,
        names,
        profiles,
        rules,
        catalogue,
        own_indicators,
        digital,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anonymous_names_run_a_to_z_then_aa() {
        assert_eq!(letter(0), "団体A");
        assert_eq!(letter(25), "団体Z");
        assert_eq!(letter(26), "団体AA");
    }
}
