//! The 公用文 style check: every text of a draft (section bodies, item names and
//! descriptions, 推進体制, 対象範囲) against 「公用文作成の考え方」 (令和4年). Rules, their
//! severity, the sentence length and the 用字 list are data (`policy-templates/style.toml`,
//! overridable like the other templates). Each finding carries the exact span (item, field,
//! character offsets), the text found, a suggested fix and whether the fix is safe to apply
//! without reading the context.
//!
//! Left alone on purpose: Markdown tables (lines starting with `|`), quotations in 「」 and
//! 『』, code, and western years (2025年, 2025(令和7)年度) — see [`mask`].

mod rules;

use hoshin_check::{Location, Target};
use hoshin_model::templates::{Severity, Templates};
use hoshin_model::Draft;
use serde::Serialize;
use ts_rs::TS;

pub use rules::{lint_text, Hit};

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct StyleFinding {
    /// S1…S9 (style.toml lists them).
    pub rule: String,
    pub severity: Severity,
    pub title: String,
    /// What is wrong and what to write instead, in Japanese.
    pub message: String,
    pub location: Location,
    /// Character offsets (Unicode scalar values) of the span in the field's text.
    pub start: u32,
    pub end: u32,
    /// The text of the span.
    pub found: String,
    /// The text to put in its place, when there is one.
    pub fix: Option<String>,
    /// The fix can be applied without reading the sentence (offered as 「すべて修正」).
    pub safe: bool,
}

/// One text of the draft with where it lives.
pub struct Text {
    pub location: Location,
    pub text: String,
}

fn item_field_label(field: &str) -> &'static str {
    match field {
        "title" | "name" | "field" => "名前",
        "description" => "説明",
        "owner" => "担当課",
        "source" => "出典",
        _ => "",
    }
}

/// Every text of the draft a reader sees, in document order.
pub fn texts(d: &Draft, t: &Templates) -> Vec<Text> {
    let mut out = Vec::new();
    for p in &t.pillars {
        for it in &p.items {
            if let Some(body) = d.sections.get(&it.id) {
                out.push(Text {
                    location: Location {
                        target: Target::Section,
                        id: it.id.clone(),
                        field: None,
                        field_label: None,
                        label: format!("本文「{}」", it.heading),
                    },
                    text: body.clone(),
                });
            }
        }
    }
    for item in d.items() {
        let kind = item.kind();
        let v = serde_json::to_value(&item).unwrap_or_default();
        let name = item.name().to_string();
        for field in ["title", "name", "field", "description", "owner", "source"] {
            if let Some(s) = v.get(field).and_then(|x| x.as_str()) {
                if s.trim().is_empty() {
                    continue;
                }
                out.push(Text {
                    location: Location {
                        target: kind.into(),
                        id: item.id().to_string(),
                        field: Some(field.to_string()),
                        field_label: Some(item_field_label(field).to_string()),
                        label: format!("{}「{}」", kind.label(), name),
                    },
                    text: s.to_string(),
                });
            }
        }
    }
    let g = serde_json::to_value(&d.governance).unwrap_or_default();
    for field in hoshin_model::Governance::FIELDS {
        if let Some(s) = g
            .get(field)
            .and_then(|x| x.as_str())
            .filter(|s| !s.trim().is_empty())
        {
            out.push(Text {
                location: Location {
                    target: Target::Governance,
                    id: "governance".into(),
                    field: Some(field.to_string()),
                    field_label: t.field_labels.get(field).cloned(),
                    label: "推進体制".into(),
                },
                text: s.to_string(),
            });
        }
    }
    out
}

/// Every finding of every enabled rule, in document order.
pub fn lint(d: &Draft, t: &Templates) -> Vec<StyleFinding> {
    let style = &t.style;
    let params = style.params();
    let all = texts(d, t);
    // S7 looks at the whole document: which sentence style is the usual one.
    let (polite, plain) = all
        .iter()
        .map(|x| rules::sentence_styles(&x.text))
        .fold((0, 0), |(a, b), (p, q)| (a + p, b + q));
    let usual_polite = polite > plain;
    let mut out = Vec::new();
    for x in &all {
        for h in lint_text(&x.text, style, &params, usual_polite) {
            let Some(cfg) = style.get(h.rule).filter(|c| c.enabled) else {
                continue;
            };
            out.push(StyleFinding {
                rule: h.rule.to_string(),
                severity: cfg.severity,
                title: cfg.title.clone(),
                message: h.message,
                location: x.location.clone(),
                start: h.start as u32,
                end: h.end as u32,
                found: h.found,
                fix: h.fix,
                safe: h.safe,
            });
        }
    }
    out
}

/// Findings of error level (要対応).
pub fn errors(findings: &[StyleFinding]) -> usize {
    findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count()
}

/// One fix to apply: the span as found (it must still read `found`) and its replacement.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, Serialize, TS)]
#[ts(export)]
pub struct FixRef {
    pub start: u32,
    pub end: u32,
    pub found: String,
    pub fix: String,
}

/// `text` with the fixes applied (from the end, so earlier offsets stay valid). A fix whose
/// span no longer reads what was found, or that overlaps another, is skipped. Returns the
/// new text and how many fixes were applied.
pub fn apply_fixes(text: &str, fixes: &[FixRef]) -> (String, usize) {
    let mut chars: Vec<char> = text.chars().collect();
    let mut sorted: Vec<&FixRef> = fixes.iter().collect();
    sorted.sort_by_key(|f| std::cmp::Reverse(f.start));
    let mut applied = 0;
    let mut limit = usize::MAX;
    for f in sorted {
        let (a, b) = (f.start as usize, f.end as usize);
        if a > b || b > chars.len() || b > limit {
            continue;
        }
        let span: String = chars[a..b].iter().collect();
        if span != f.found {
            continue;
        }
        chars.splice(a..b, f.fix.chars());
        applied += 1;
        limit = a;
    }
    (chars.into_iter().collect(), applied)
}

/// A fix chosen in the app: the field it belongs to and the span.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, Serialize, TS)]
#[ts(export)]
pub struct FixAt {
    pub target: Target,
    pub id: String,
    pub field: Option<String>,
    pub fix: FixRef,
}

/// The fixes to apply for a request: one rule's safe fixes everywhere (「すべて修正」), or
/// the findings given.
pub fn fixes_for_rule(findings: &[StyleFinding], rule: &str) -> Vec<StyleFinding> {
    findings
        .iter()
        .filter(|f| f.rule == rule && f.safe && f.fix.is_some())
        .cloned()
        .collect()
}

#[cfg(test)]
mod fix_tests {
    use super::*;

    fn fx(start: u32, end: u32, found: &str, fix: &str) -> FixRef {
        FixRef {
            start,
            end,
            found: found.into(),
            fix: fix.into(),
        }
    }

    #[test]
    fn fixes_apply_from_the_end_and_stale_ones_are_skipped() {
        let t = "すべての職員が３ヶ月ごとに研修を受ける。";
        let (out, n) = apply_fixes(
            t,
            &[
                fx(0, 3, "すべて", "全て"),
                fx(7, 8, "３", "3"),
                fx(8, 10, "ヶ月", "か月"),
            ],
        );
        assert_eq!(out, "全ての職員が3か月ごとに研修を受ける。");
        assert_eq!(n, 3);
        // The text changed since the check: that fix is not applied.
        let (out, n) = apply_fixes("全ての職員", &[fx(0, 3, "すべて", "全て")]);
        assert_eq!((out.as_str(), n), ("全ての職員", 0));
        // Overlapping fixes: only one of them.
        let (_, n) = apply_fixes("ヶ月", &[fx(0, 2, "ヶ月", "か月"), fx(1, 2, "月", "月")]);
        assert_eq!(n, 1);
    }
}
