//! Guideline templates (policy-templates/): the guideline's structure with guidance,
//! questions and examples, the editable lists, the indicator catalogue, the facilitator
//! walk and the sample drafts.
//!
//! The built-in set is compiled into the program. A user folder (`<data dir>/templates/`,
//! same layout) shadows it entry by entry: an item, list entry or indicator with the same
//! id replaces the built-in one, a new id is added. A user file that cannot be read is
//! reported with its file and line, and the built-in entries stay in use.

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::draft::{field_label, CountKind, Governance, Item, Kind};

/// `expects` marker: the 推進体制 fields are edited in this guideline item.
pub const EXPECTS_GOVERNANCE: &str = "governance";
/// `expects` marker: findings about digital-talent types are shown in this guideline item.
pub const EXPECTS_DIGITAL_TYPES: &str = "digital_types";
/// `expects` marker: the staff scope (任命権者, 対象職員) is edited in this guideline item.
pub const EXPECTS_SCOPE: &str = "scope";
/// Every `expects` marker (the other `expects` values are list fields).
pub const EXPECTS_MARKERS: [&str; 3] = [EXPECTS_GOVERNANCE, EXPECTS_DIGITAL_TYPES, EXPECTS_SCOPE];

macro_rules! builtin {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!("../../../policy-templates/", $path)))),*]
    };
}

/// Every built-in template file: (path under policy-templates/, text).
pub const BUILTIN_FILES: &[(&str, &str)] = builtin![
    "guideline/01-kihon.toml",
    "guideline/02-ikusei.toml",
    "guideline/03-kakuho.toml",
    "guideline/04-kankyo.toml",
    "guideline/05-digital.toml",
    "guideline/06-suishin.toml",
    "lists.toml",
    "indicators.toml",
    "walk.toml",
    "rules.toml",
    "workforce.toml",
    "style.toml",
];

/// A sample draft shipped with the program: (name, exchange file text).
pub const SAMPLES: &[(&str, &str)] = &[
    (
        "town-8000",
        include_str!("../../../policy-templates/samples/town-8000.hoshin.json"),
    ),
    (
        "city-300000",
        include_str!("../../../policy-templates/samples/city-300000.hoshin.json"),
    ),
    (
        "prefecture",
        include_str!("../../../policy-templates/samples/prefecture.hoshin.json"),
    ),
];

/// The sample draft called `name`, read through the exchange-file import path.
pub fn sample(name: &str) -> Option<crate::Draft> {
    SAMPLES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| crate::exchange::parse(text).expect("built-in samples are valid"))
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct GuidePillar {
    pub id: String,
    /// The 第N number.
    pub number: u32,
    pub heading: String,
    pub purpose: String,
    #[serde(default)]
    pub items: Vec<GuideItem>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Basis {
    /// Follows the ministry guideline's wording.
    Guideline,
    /// Common practice in municipal policies.
    Practice,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct GuideItem {
    pub id: String,
    pub heading: String,
    pub basis: Basis,
    /// Every policy should have this item (on `basis`: the guideline asks for it, or
    /// practice makes it necessary); the others are chosen as the body needs them.
    #[serde(default)]
    pub required: bool,
    pub purpose: String,
    pub guidance: String,
    pub questions: Vec<String>,
    pub example_small: String,
    pub example_large: String,
    /// What is edited in this section: list field names (`abilities`, …) and the markers
    /// `governance` (the 推進体制 fields) and `digital_types` (digital-talent findings).
    #[serde(default)]
    pub expects: Vec<String>,
}

/// One kind of linked item as the UI needs to know it; built from [`Kind`], so the UI
/// copies nothing by hand.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct KindInfo {
    pub kind: Kind,
    /// The draft's list field (`trainings`).
    pub list: String,
    /// What one item is called (研修).
    pub label: String,
    /// What the whole list is called (研修計画).
    pub list_label: String,
    /// The field holding the item's name (`title`).
    pub name_field: String,
    pub link_fields: Vec<LinkField>,
    /// Prefix of new ids (`tr` → `tr-k3v9q2mx`).
    pub id_prefix: String,
    /// A new, empty item of this kind (id empty).
    pub blank: Item,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct LinkField {
    pub field: String,
    /// The kind the field links to.
    pub kind: Kind,
}

impl KindInfo {
    pub fn of(kind: Kind) -> KindInfo {
        KindInfo {
            kind,
            list: kind.list_field().into(),
            label: kind.label().into(),
            list_label: kind.list_label().into(),
            name_field: kind.name_field().into(),
            link_fields: kind
                .link_fields()
                .iter()
                .map(|(f, k)| LinkField {
                    field: (*f).into(),
                    kind: *k,
                })
                .collect(),
            id_prefix: kind.prefix().into(),
            blank: Item::blank(kind, String::new()),
        }
    }
}

/// Every draft field that has a Japanese name, with that name.
const LABELLED_FIELDS: &[&str] = &[
    "personas",
    "abilities",
    "goals",
    "title",
    "name",
    "description",
    "pillar",
    "layers",
    "years",
    "participants",
    "joint",
    "headcount",
    "field",
    "route",
    "format",
    "category",
    "digital_type",
    "unit",
    "direction",
    "baseline",
    "baseline_fy",
    "target",
    "target_fy",
    "source",
    "hr_owner",
    "dx_owner",
    "top_management",
    "review",
    "catalog_id",
    "measures",
    "owner",
    "budget",
    "days",
    "hours",
    "runs",
    "provider",
    "count_kind",
    "tier",
    "targets",
    "trainings",
    "hirings",
    "digital_targets",
    "appointers",
    "staff",
    "note",
    "job_category",
];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ListEntry {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Lists {
    #[serde(default)]
    pub digital_types: Vec<ListEntry>,
    #[serde(default)]
    pub digital_tiers: Vec<ListEntry>,
    #[serde(default)]
    pub layers: Vec<ListEntry>,
    #[serde(default)]
    pub hiring_routes: Vec<ListEntry>,
    #[serde(default)]
    pub training_formats: Vec<ListEntry>,
    #[serde(default)]
    pub ability_categories: Vec<ListEntry>,
    /// 研修の実施主体 (庁内, 県研修所, 広域連合, 外部)
    #[serde(default)]
    pub training_providers: Vec<ListEntry>,
    /// 任命権者 (市長部局, 教育委員会, 消防本部 …)
    #[serde(default)]
    pub appointers: Vec<ListEntry>,
    /// 対象職員の種類 (正規, 再任用, 任期付, 会計年度任用職員)
    #[serde(default)]
    pub staff_types: Vec<ListEntry>,
    /// 職員数の見通しの職種区分 (一般行政, 土木・建築等技術 …)
    #[serde(default)]
    pub job_categories: Vec<ListEntry>,
}

impl Lists {
    fn all_mut(&mut self) -> [(&'static str, &mut Vec<ListEntry>); 10] {
        [
            ("digital_types", &mut self.digital_types),
            ("digital_tiers", &mut self.digital_tiers),
            ("layers", &mut self.layers),
            ("hiring_routes", &mut self.hiring_routes),
            ("training_formats", &mut self.training_formats),
            ("ability_categories", &mut self.ability_categories),
            ("training_providers", &mut self.training_providers),
            ("appointers", &mut self.appointers),
            ("staff_types", &mut self.staff_types),
            ("job_categories", &mut self.job_categories),
        ]
    }
    pub fn all(&self) -> [(&'static str, &Vec<ListEntry>); 10] {
        [
            ("digital_types", &self.digital_types),
            ("digital_tiers", &self.digital_tiers),
            ("layers", &self.layers),
            ("hiring_routes", &self.hiring_routes),
            ("training_formats", &self.training_formats),
            ("ability_categories", &self.ability_categories),
            ("training_providers", &self.training_providers),
            ("appointers", &self.appointers),
            ("staff_types", &self.staff_types),
            ("job_categories", &self.job_categories),
        ]
    }
    /// The label of a list value, or the id itself when unknown.
    pub fn label<'a>(list: &'a [ListEntry], id: &'a str) -> &'a str {
        list.iter()
            .find(|e| e.id == id)
            .map(|e| e.label.as_str())
            .unwrap_or(id)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct CatalogIndicator {
    pub id: String,
    pub name: String,
    pub unit: String,
    pub direction: crate::Direction,
    pub source: String,
    pub pillar: crate::Pillar,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Walk {
    pub title: String,
    pub minutes: u32,
    #[serde(default)]
    pub description: String,
    /// 持ち物・事前準備 for a session in a room.
    #[serde(default)]
    pub preparation: Vec<String>,
    /// 事前準備 for an online session (breakout rooms, shared screen).
    #[serde(default)]
    pub online_preparation: Vec<String>,
    /// The blocks of the session (about 25 minutes each); steps name theirs by number.
    #[serde(default)]
    pub blocks: Vec<WalkBlock>,
    /// A break (休憩) inside the session, counted in `minutes`.
    #[serde(default)]
    pub break_minutes: u32,
    pub steps: Vec<WalkStep>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct WalkBlock {
    pub title: String,
    pub minutes: u32,
    /// What the block is for, in a sentence.
    #[serde(default)]
    pub purpose: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct WalkStep {
    pub item: String,
    pub minutes: u32,
    #[serde(default)]
    pub questions: Vec<String>,
    /// How to run the step in a room.
    #[serde(default)]
    pub note: String,
    /// How to run it online, when that differs.
    #[serde(default)]
    pub online: String,
    /// Discussed in small groups (breakout rooms online).
    #[serde(default)]
    pub breakout: bool,
    /// 1-based number of the block it belongs to (0 when the walk has no blocks).
    #[serde(default)]
    pub block: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Severity {
    /// 要対応: blocks a clean export.
    Error,
    /// 注意
    Warning,
}

/// How one checker rule is configured (policy-templates/rules.toml).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct RuleConfig {
    pub id: String,
    #[serde(default = "yes")]
    pub enabled: bool,
    pub severity: Severity,
    pub title: String,
    #[serde(default)]
    pub description: String,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct RuleParams {
    /// No longer used (W6 asks whether the 概要版 fits); still read so that older
    /// rules.toml files load.
    #[serde(default)]
    pub summary_max_lines: u32,
    #[serde(default)]
    pub summary_line_chars: u32,
    /// 実績の進み具合: at least this share of the way the straight path expects is 順調.
    #[serde(default = "on_track")]
    pub progress_on_track: f64,
    /// At least this share is やや遅れ; below it, 遅れ.
    #[serde(default = "slightly_behind")]
    pub progress_slightly_behind: f64,
    /// 職員数の見通し: a projection more than this share above or below 定員 is a finding.
    #[serde(default = "workforce_tolerance")]
    pub workforce_tolerance: f64,
}

fn workforce_tolerance() -> f64 {
    0.03
}

fn on_track() -> f64 {
    crate::ProgressThresholds::default().on_track
}
fn slightly_behind() -> f64 {
    crate::ProgressThresholds::default().slightly_behind
}

impl Default for RuleParams {
    fn default() -> Self {
        RuleParams {
            summary_max_lines: 72,
            summary_line_chars: 38,
            progress_on_track: on_track(),
            progress_slightly_behind: slightly_behind(),
            workforce_tolerance: workforce_tolerance(),
        }
    }
}

impl RuleParams {
    /// The progress thresholds, kept in order (やや遅れ never above 順調) and within 0–1.
    pub fn progress(&self) -> crate::ProgressThresholds {
        let on = self.progress_on_track.clamp(0.0, 1.0);
        crate::ProgressThresholds {
            on_track: on,
            slightly_behind: self.progress_slightly_behind.clamp(0.0, on),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Rules {
    #[serde(default)]
    pub rules: Vec<RuleConfig>,
    #[serde(default)]
    pub params: Option<RuleParams>,
}

impl Rules {
    pub fn get(&self, id: &str) -> Option<&RuleConfig> {
        self.rules.iter().find(|r| r.id == id)
    }
    pub fn params(&self) -> RuleParams {
        self.params.clone().unwrap_or_default()
    }
}

/// The 公用文 style check (policy-templates/style.toml): rules by id, parameters, and the
/// 用字 list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct StyleRules {
    #[serde(default)]
    pub params: Option<StyleParams>,
    #[serde(default)]
    pub rules: Vec<RuleConfig>,
    #[serde(default)]
    pub yoji: Vec<Yoji>,
}

impl StyleRules {
    pub fn get(&self, id: &str) -> Option<&RuleConfig> {
        self.rules.iter().find(|r| r.id == id)
    }
    pub fn params(&self) -> StyleParams {
        self.params.clone().unwrap_or_default()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct StyleParams {
    /// 句読点: `maru` (「、」「。」) or `comma` (「，」「。」).
    #[serde(default = "maru")]
    pub punctuation: String,
    /// A sentence longer than this many characters is a finding.
    #[serde(default = "max_sentence")]
    pub max_sentence: u32,
}

fn maru() -> String {
    "maru".into()
}

fn max_sentence() -> u32 {
    120
}

impl Default for StyleParams {
    fn default() -> Self {
        StyleParams {
            punctuation: maru(),
            max_sentence: max_sentence(),
        }
    }
}

/// One 用字 entry: `from` becomes `to`, only right after one of `after` when given, and not
/// when a kanji follows unless `kanji_next`. `safe` entries may be fixed all at once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Yoji {
    pub from: String,
    pub to: String,
    #[serde(default)]
    pub after: Vec<String>,
    #[serde(default = "yes")]
    pub kanji_next: bool,
    #[serde(default)]
    pub safe: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WorkforceFile {
    #[serde(default)]
    teinen: Vec<crate::workforce::TeinenStep>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct IndicatorFile {
    #[serde(default)]
    indicators: Vec<CatalogIndicator>,
}

/// Everything under policy-templates/, merged with the user's overrides.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Templates {
    pub pillars: Vec<GuidePillar>,
    pub lists: Lists,
    pub indicators: Vec<CatalogIndicator>,
    pub walk: Walk,
    pub rules: Rules,
    /// The item kinds, in draft order (not overridable: they follow the model).
    pub kinds: Vec<KindInfo>,
    /// Japanese field names by field (`layers` → 対象階層).
    pub field_labels: std::collections::BTreeMap<String, String>,
    /// The 推進体制 fields in form order.
    pub governance_fields: Vec<String>,
    /// What a hiring line's numbers can count (fixed by the model; only 採用予定数 is summed).
    pub count_kinds: Vec<ListEntry>,
    /// The 定年 schedule for the workforce projection (workforce.toml).
    pub teinen: Vec<crate::workforce::TeinenStep>,
    /// The 公用文 style check (style.toml).
    pub style: StyleRules,
}

/// A user template file that could not be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TemplateWarning {
    pub file: String,
    /// 1-based; 0 when the problem is not tied to a line.
    pub line: u32,
    pub message: String,
}

impl std::fmt::Display for TemplateWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line > 0 {
            write!(f, "{}（{}行目）: {}", self.file, self.line, self.message)
        } else {
            write!(f, "{}: {}", self.file, self.message)
        }
    }
}

fn line_of(text: &str, offset: usize) -> u32 {
    text[..offset.min(text.len())]
        .bytes()
        .filter(|b| *b == b'\n')
        .count() as u32
        + 1
}

fn parse<T: for<'de> Deserialize<'de>>(file: &str, text: &str) -> Result<T, TemplateWarning> {
    toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(0);
        let detail = e.message().trim().to_string();
        let why = if detail.contains("missing field") {
            format!("必要な項目がありません（{detail}）")
        } else if detail.contains("unknown field") {
            format!("知らない項目名があります（{detail}）。綴りを確かめてください")
        } else if detail.contains("unknown variant") {
            format!("使えない値があります（{detail}）")
        } else if detail.contains("invalid type") || detail.contains("invalid value") {
            format!("値の形が正しくありません（{detail}）")
        } else {
            format!("TOML として読めません（{detail}）")
        };
        TemplateWarning {
            file: file.to_string(),
            line,
            message: format!("{why}。このファイルは使わず、組み込みのひな形を使います"),
        }
    })
}

/// Replace entries with the same id, append new ones.
fn shadow<T: Clone>(base: &mut Vec<T>, over: &[T], id: impl Fn(&T) -> &str) {
    for o in over {
        match base.iter_mut().find(|b| id(b) == id(o)) {
            Some(b) => *b = o.clone(),
            None => base.push(o.clone()),
        }
    }
}

impl Templates {
    /// The built-in templates only.
    pub fn builtin() -> Templates {
        let mut sources: Vec<(String, String)> = BUILTIN_FILES
            .iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect();
        sources.sort();
        let (t, warnings) = Self::merge(&sources, &[]);
        assert!(
            warnings.is_empty(),
            "built-in templates must load: {warnings:?}"
        );
        t
    }

    /// The built-ins shadowed by the files in `user_dir` (if it exists). Problems with user
    /// files come back as warnings; the built-in entries stay in use for those files.
    pub fn load(user_dir: Option<&Path>) -> (Templates, Vec<TemplateWarning>) {
        let builtin: Vec<(String, String)> = BUILTIN_FILES
            .iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect();
        let mut user = Vec::new();
        let mut warnings = Vec::new();
        if let Some(dir) = user_dir.filter(|d| d.is_dir()) {
            let mut files: Vec<_> = [
                "lists.toml",
                "indicators.toml",
                "walk.toml",
                "rules.toml",
                "workforce.toml",
                "style.toml",
            ]
            .iter()
            .map(|f| dir.join(f))
            .collect();
            if let Ok(rd) = std::fs::read_dir(dir.join("guideline")) {
                let mut g: Vec<_> = rd
                    .filter_map(|e| e.ok())
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                    .collect();
                g.sort();
                files.extend(g);
            }
            for path in files.into_iter().filter(|p| p.is_file()) {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .replace('\\', "/");
                match std::fs::read(&path) {
                    Ok(bytes) => match String::from_utf8(bytes) {
                        Ok(text) => user.push((rel, text)),
                        Err(_) => warnings.push(TemplateWarning { file: path.display().to_string(), line: 0, message: "UTF-8 のテキストではありません。このファイルは使わず、組み込みのひな形を使います".into() }),
                    },
                    Err(e) => warnings.push(TemplateWarning { file: path.display().to_string(), line: 0, message: format!("読めません（{e}）") }),
                }
            }
            // Name user files by their full path in messages.
            for (rel, _) in user.iter_mut() {
                *rel = format!("{}/{}", dir.display(), rel);
            }
        }
        let (t, mut w) = Self::merge(&builtin, &user);
        warnings.append(&mut w);
        (t, warnings)
    }

    fn merge(
        builtin: &[(String, String)],
        user: &[(String, String)],
    ) -> (Templates, Vec<TemplateWarning>) {
        let mut warnings = Vec::new();
        let mut t = Templates {
            pillars: vec![],
            lists: Lists::default(),
            indicators: vec![],
            walk: Walk {
                title: String::new(),
                minutes: 0,
                description: String::new(),
                preparation: vec![],
                online_preparation: vec![],
                blocks: vec![],
                break_minutes: 0,
                steps: vec![],
            },
            rules: Rules::default(),
            kinds: Kind::ALL.into_iter().map(KindInfo::of).collect(),
            field_labels: LABELLED_FIELDS
                .iter()
                .map(|f| (f.to_string(), field_label(f).to_string()))
                .collect(),
            governance_fields: Governance::FIELDS.iter().map(|f| f.to_string()).collect(),
            teinen: vec![],
            style: StyleRules::default(),
            count_kinds: CountKind::ALL
                .iter()
                .map(|k| ListEntry {
                    id: k.id().into(),
                    label: k.label().into(),
                    description: String::new(),
                })
                .collect(),
        };
        for (is_user, (file, text)) in builtin
            .iter()
            .map(|f| (false, f))
            .chain(user.iter().map(|f| (true, f)))
        {
            let name = file.rsplit('/').next().unwrap_or(file);
            let result = if file.contains("guideline/") {
                parse::<GuidePillar>(file, text).and_then(|p| {
                    if is_user && t.pillars.iter().all(|b| b.id != p.id) {
                        return Err(TemplateWarning { file: file.clone(), line: 0, message: format!("柱の id「{}」は組み込みのひな形にありません。kihon、ikusei、kakuho、kankyo、digital、suishin のどれかにしてください", p.id) });
                    }
                    match t.pillars.iter_mut().find(|b| b.id == p.id) {
                        Some(b) => {
                            if !p.heading.is_empty() {
                                b.heading = p.heading.clone();
                            }
                            if !p.purpose.is_empty() {
                                b.purpose = p.purpose.clone();
                            }
                            shadow(&mut b.items, &p.items, |i| &i.id);
                        }
                        None => t.pillars.push(p),
                    }
                    Ok(())
                })
            } else if name == "lists.toml" {
                parse::<Lists>(file, text).map(|mut l| {
                    for ((_, base), (_, over)) in t.lists.all_mut().into_iter().zip(l.all_mut()) {
                        shadow(base, over, |e| &e.id);
                    }
                })
            } else if name == "indicators.toml" {
                parse::<IndicatorFile>(file, text)
                    .map(|f| shadow(&mut t.indicators, &f.indicators, |i| &i.id))
            } else if name == "style.toml" {
                parse::<StyleRules>(file, text).map(|r| {
                    shadow(&mut t.style.rules, &r.rules, |x| &x.id);
                    shadow(&mut t.style.yoji, &r.yoji, |y| &y.from);
                    if r.params.is_some() {
                        t.style.params = r.params;
                    }
                })
            } else if name == "workforce.toml" {
                parse::<WorkforceFile>(file, text).map(|w| t.teinen = w.teinen)
            } else if name == "walk.toml" {
                parse::<Walk>(file, text).map(|w| t.walk = w)
            } else if name == "rules.toml" {
                parse::<Rules>(file, text).map(|r| {
                    shadow(&mut t.rules.rules, &r.rules, |x| &x.id);
                    if r.params.is_some() {
                        t.rules.params = r.params;
                    }
                })
            } else {
                Ok(())
            };
            if let Err(w) = result {
                warnings.push(w);
            }
        }
        t.pillars.sort_by_key(|p| p.number);
        (t, warnings)
    }

    pub fn item(&self, id: &str) -> Option<&GuideItem> {
        self.pillars
            .iter()
            .flat_map(|p| &p.items)
            .find(|i| i.id == id)
    }

    /// Problems in the merged set: duplicate ids, incomplete items, unknown references.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for p in &self.pillars {
            for i in &p.items {
                if !seen.insert(i.id.as_str()) {
                    out.push(format!("項目 id「{}」が重複しています", i.id));
                }
                if !i.id.starts_with(&format!("{}.", p.id)) {
                    out.push(format!(
                        "項目 id「{}」は「{}.」で始めてください",
                        i.id, p.id
                    ));
                }
                for (what, v) in [
                    ("purpose", &i.purpose),
                    ("guidance", &i.guidance),
                    ("example_small", &i.example_small),
                    ("example_large", &i.example_large),
                    ("heading", &i.heading),
                ] {
                    if v.trim().is_empty() {
                        out.push(format!("項目「{}」の {what} が空です", i.id));
                    }
                }
                if !(2..=4).contains(&i.questions.len()) {
                    out.push(format!(
                        "項目「{}」の問いは2～4個にしてください（{}個）",
                        i.id,
                        i.questions.len()
                    ));
                }
                for e in &i.expects {
                    let marker = EXPECTS_MARKERS.contains(&e.as_str());
                    if !marker && !Kind::ALL.iter().any(|k| k.list_field() == e) {
                        out.push(format!(
                            "項目「{}」の expects にある「{e}」は使えません",
                            i.id
                        ));
                    }
                }
            }
        }
        for marker in EXPECTS_MARKERS {
            if !self
                .pillars
                .iter()
                .flat_map(|p| &p.items)
                .any(|i| i.expects.iter().any(|e| e == marker))
            {
                out.push(format!(
                    "expects に「{marker}」を持つ項目がありません。どこかの項目に加えてください"
                ));
            }
        }
        for (name, list) in self.lists.all() {
            let mut ids = std::collections::HashSet::new();
            for e in list {
                if !ids.insert(e.id.as_str()) {
                    out.push(format!("一覧 {name} の id「{}」が重複しています", e.id));
                }
            }
        }
        let mut ids = std::collections::HashSet::new();
        for i in &self.indicators {
            if !ids.insert(i.id.as_str()) {
                out.push(format!("指標カタログの id「{}」が重複しています", i.id));
            }
        }
        let w = &self.walk;
        let total: u32 = w.steps.iter().map(|s| s.minutes).sum::<u32>() + w.break_minutes;
        if total != w.minutes {
            out.push(format!(
                "進行例の時間の合計（{total}分、休憩を含む）が全体（{}分）と合いません",
                w.minutes
            ));
        }
        if !w.blocks.is_empty() {
            for (k, b) in w.blocks.iter().enumerate() {
                let n = k as u32 + 1;
                let sum: u32 = w
                    .steps
                    .iter()
                    .filter(|s| s.block == n)
                    .map(|s| s.minutes)
                    .sum();
                if sum != b.minutes {
                    out.push(format!(
                        "進行例のブロック{n}「{}」の時間（{}分）が、その項目の合計（{sum}分）と合いません",
                        b.title, b.minutes
                    ));
                }
            }
            for s in &w.steps {
                if s.block == 0 || s.block as usize > w.blocks.len() {
                    out.push(format!(
                        "進行例の項目「{}」のブロック番号 {} がありません（1～{}）",
                        s.item,
                        s.block,
                        w.blocks.len()
                    ));
                }
            }
            if w.steps.windows(2).any(|p| p[0].block > p[1].block) {
                out.push("進行例の項目はブロックの順に並べてください".into());
            }
        }
        for s in &self.walk.steps {
            if self.item(&s.item).is_none() {
                out.push(format!("進行例の項目「{}」がひな形にありません", s.item));
            }
        }
        out
    }
}
