//! The linkage checker: finds every gap between the policy's goals and abilities, the
//! training plan, the hiring plan and the indicators. Like a compiler it collects all
//! findings at once, each with rule id, severity, a Japanese message that says what to
//! fix, and the exact location (item and field) so the UI can jump there.
//!
//! No I/O: the caller hands in the draft and the templates (lists and rule config).

mod coverage;
mod rules;

use std::collections::HashMap;

use hoshin_model::templates::{Severity, Templates};
use hoshin_model::{Acknowledgement, Draft, Kind};
use serde::Serialize;
use ts_rs::TS;

pub use coverage::{AbilityRow, Coverage, GoalRow, PillarRow};

/// What a finding points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Target {
    Persona,
    Ability,
    Goal,
    Training,
    Hiring,
    Measure,
    Indicator,
    DigitalTarget,
    /// A guideline section's text (id = guideline item id).
    Section,
    /// The 推進体制 fields.
    Governance,
    /// The staff scope (任命権者, 対象職員).
    Scope,
    /// 職員数の見通し (id `workforce` or `workforce:<category>`).
    Workforce,
    /// A pillar (id = pillar id).
    Pillar,
    /// A digital-talent type (id = list id).
    DigitalType,
    /// The draft as a whole.
    Draft,
}

impl From<Kind> for Target {
    fn from(k: Kind) -> Self {
        match k {
            Kind::Persona => Target::Persona,
            Kind::Ability => Target::Ability,
            Kind::Goal => Target::Goal,
            Kind::Training => Target::Training,
            Kind::Hiring => Target::Hiring,
            Kind::Measure => Target::Measure,
            Kind::Indicator => Target::Indicator,
            Kind::DigitalTarget => Target::DigitalTarget,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Location {
    pub target: Target,
    pub id: String,
    /// The field to jump to, when the finding concerns one.
    pub field: Option<String>,
    /// The field's Japanese name (e.g. 対象階層).
    pub field_label: Option<String>,
    /// How a person names the place, e.g. 研修「対話研修」.
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Finding {
    /// Rule id: E1…E11, W1…W11 (rules.toml lists them).
    pub rule: String,
    pub severity: Severity,
    /// The rule's title.
    pub title: String,
    /// What is wrong and what to do, in Japanese.
    pub message: String,
    pub location: Location,
    /// Stable key for acknowledgements: `rule/location id/field[:detail]`.
    pub key: String,
    /// Set when the finding was accepted with a written reason.
    pub acknowledgement: Option<Acknowledgement>,
}

impl Finding {
    /// An error that has not been acknowledged blocks a clean export.
    pub fn is_open_error(&self) -> bool {
        self.severity == Severity::Error && self.acknowledgement.is_none()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Report {
    pub findings: Vec<Finding>,
    pub coverage: Coverage,
    /// Unacknowledged errors (要対応).
    pub open_errors: u32,
    /// Unacknowledged warnings (注意).
    pub open_warnings: u32,
    pub acknowledged: u32,
}

impl Report {
    /// Findings located at one item (for the item's panel in the UI).
    pub fn for_id<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Finding> + 'a {
        self.findings.iter().filter(move |f| f.location.id == id)
    }
}

/// Collects findings and applies the rule configuration and acknowledgements.
pub(crate) struct Sink<'a> {
    templates: &'a Templates,
    acks: HashMap<&'a str, &'a Acknowledgement>,
    pub(crate) findings: Vec<Finding>,
}

impl<'a> Sink<'a> {
    pub(crate) fn enabled(&self, rule: &str) -> bool {
        self.templates.rules.get(rule).is_none_or(|r| r.enabled)
    }

    /// Record a finding. `detail` distinguishes several findings of one rule at one field.
    pub(crate) fn emit(
        &mut self,
        rule: &'static str,
        mut location: Location,
        detail: Option<&str>,
        message: String,
    ) {
        location.field_label = location
            .field
            .as_deref()
            .map(|f| field_label(f).to_string());
        let config = self.templates.rules.get(rule);
        if config.is_some_and(|c| !c.enabled) {
            return;
        }
        let severity = config
            .map(|c| c.severity)
            .unwrap_or(if rule.starts_with('E') {
                Severity::Error
            } else {
                Severity::Warning
            });
        let mut key = format!(
            "{rule}/{}/{}",
            location.id,
            location.field.as_deref().unwrap_or("")
        );
        if let Some(d) = detail {
            key.push(':');
            key.push_str(d);
        }
        let acknowledgement = self.acks.get(key.as_str()).map(|a| (*a).clone());
        self.findings.push(Finding {
            rule: rule.to_string(),
            severity,
            title: config.map(|c| c.title.clone()).unwrap_or_default(),
            message,
            location,
            key,
            acknowledgement,
        });
    }
}

/// The Japanese name of a draft field (one table in the model, shared with the UI).
pub use hoshin_model::field_label;

/// Run every enabled rule over a draft.
pub fn check(draft: &Draft, templates: &Templates) -> Report {
    let mut sink = Sink {
        templates,
        acks: draft
            .acknowledgements
            .iter()
            .map(|a| (a.key.as_str(), a))
            .collect(),
        findings: Vec::new(),
    };
    rules::run(draft, templates, &mut sink);
    let findings = sink.findings;
    let count = |sev: Severity| {
        findings
            .iter()
            .filter(|f| f.severity == sev && f.acknowledgement.is_none())
            .count() as u32
    };
    Report {
        open_errors: count(Severity::Error),
        open_warnings: count(Severity::Warning),
        acknowledged: findings
            .iter()
            .filter(|f| f.acknowledgement.is_some())
            .count() as u32,
        coverage: coverage::compute(draft),
        findings,
    }
}
