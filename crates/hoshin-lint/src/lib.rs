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
