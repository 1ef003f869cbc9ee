//! Draft types. Links between items are plain ids; `validate_draft` and the store make sure
//! every id points at an item of the right kind.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Stable identifier of a draft or of an item inside a draft (`[A-Za-z0-9_.-]`, ≤ 64).
pub type Id = String;

/// One whole draft of a 人材育成・確保基本方針.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct Draft {
    pub meta: DraftMeta,
    /// Free text (Markdown) per guideline item id, e.g. `kihon.shokuinzo`.
    #[serde(default)]
    pub sections: BTreeMap<String, String>,
    /// 目指す職員像
    #[serde(default)]
    pub personas: Vec<Persona>,
    /// 求められる能力
    #[serde(default)]
    pub abilities: Vec<Ability>,
    /// 目標・施策 under each pillar
    #[serde(default)]
    pub goals: Vec<Goal>,
    /// 研修計画
    #[serde(default)]
    pub trainings: Vec<Training>,
    /// 採用計画
    #[serde(default)]
    pub hirings: Vec<Hiring>,
    /// 施策・制度 (職場環境の整備 and other measures that are neither training nor hiring)
    #[serde(default)]
    pub measures: Vec<Measure>,
    /// 指標
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    /// デジタル人材の目標: headcount per level (`digital_tiers`) and fiscal year.
    #[serde(default)]
    pub digital_targets: Vec<DigitalTarget>,
    /// 推進体制: who owns the policy and when it is reviewed.
    #[serde(default)]
    pub governance: Governance,
    /// 対象範囲: the 任命権者 and the kinds of staff the policy covers.
    #[serde(default)]
    pub scope: StaffScope,
    /// Checker findings accepted with a written reason (理由を付けて確認済みにする).
    #[serde(default)]
    pub acknowledgements: Vec<Acknowledgement>,
    /// What each link's target said when the link was made or last confirmed; a target
    /// edited since makes the link suspect (要確認).
    #[serde(default)]
    pub link_fingerprints: Vec<LinkFingerprint>,
    /// 実績 per item and fiscal year (PDCA); never part of the policy text.
    #[serde(default)]
    pub results: Vec<crate::results::YearResult>,
    /// 職員数の見通し: the workforce frame behind the hiring plan.
    #[serde(default)]
    pub workforce: crate::workforce::Workforce,
}

/// A finding accepted on purpose, with the reason (e.g. DX talent secured only through
/// the prefecture's pool).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct Acknowledgement {
    /// The finding's key (`rule/location id/field`).
    pub key: String,
    pub rule: String,
    pub reason: String,
    #[serde(default)]
    pub by: String,
    /// RFC 3339
    #[serde(default)]
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct LinkFingerprint {
    pub from: Id,
    pub field: String,
    pub to: Id,
    pub fingerprint: String,
}

/// A short, stable fingerprint of a text (FNV-1a, 64 bit, hex).
pub fn fingerprint(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.as_bytes() {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// 推進体制・進行管理 (who runs the policy, who shares it, when it is reviewed).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct Governance {
    /// 人事担当部署 (e.g. 総務部人事課)
    #[serde(default)]
    pub hr_owner: String,
    /// DX担当部署 sharing the policy (e.g. デジタル推進課)
    #[serde(default)]
    pub dx_owner: String,
    /// トップマネジメントの関与 (e.g. 副市長を本部長とする推進本部)
    #[serde(default)]
    pub top_management: String,
    /// 点検・見直しの時期 (e.g. 毎年度6月に前年度の実績を点検し公表)
    #[serde(default)]
    pub review: String,
}

impl Governance {
    /// The fields in the order a form shows them (labels: [`field_label`]).
    pub const FIELDS: [&'static str; 4] = ["hr_owner", "dx_owner", "top_management", "review"];
}

/// 対象範囲: whom the policy covers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct StaffScope {
    /// Ids from the `appointers` list (任命権者: 市長部局, 教育委員会, 消防本部 …).
    #[serde(default)]
    pub appointers: Vec<String>,
    /// Ids from the `staff_types` list (対象職員: 正規, 再任用, 任期付, 会計年度任用職員).
    #[serde(default)]
    pub staff: Vec<String>,
    /// 補足 (e.g. 教育委員会の教職員は県の方針による)
    #[serde(default)]
    pub note: String,
}

/// The Japanese name of a draft field, as the checker's locations, the editor's labels
/// and the table views' column heads show it. Unknown fields come back unchanged.
pub fn field_label(field: &str) -> &str {
    match field {
        "personas" => "目指す職員像",
        "abilities" => "求められる能力",
        "goals" => "目標・施策",
        "title" | "name" => "名称",
        "description" => "説明",
        "pillar" => "柱",
        "layers" => "対象階層",
        "years" => "実施年度",
        "participants" => "定員",
        "joint" => "共同実施",
        "headcount" => "採用人数",
        "field" => "職種・分野",
        "route" => "採用区分",
        "format" => "研修の形式",
        "category" => "能力の分類",
        "digital_type" => "デジタル人材の類型",
        "unit" => "単位",
        "direction" => "方向",
        "baseline" => "基準値",
        "baseline_fy" => "基準値の年度",
        "target" => "目標値",
        "target_fy" => "目標年度",
        "source" => "出典・把握方法",
        "hr_owner" => "人事担当部署",
        "dx_owner" => "DX担当部署",
        "top_management" => "トップマネジメントの関与",
        "review" => "点検・見直しの時期",
        "catalog_id" => "指標カタログ",
        "measures" => "施策・制度",
        "owner" => "担当課",
        "budget" => "予算（千円）",
        "days" => "日数（1回）",
        "hours" => "時間数（1回）",
        "runs" => "回数（年）",
        "provider" => "実施主体",
        "count_kind" => "数の種類",
        "tier" => "デジタル人材の層",
        "targets" => "目標人数",
        "trainings" => "研修",
        "hirings" => "採用",
        "digital_targets" => "デジタル人材の目標",
        "appointers" => "任命権者",
        "staff" => "対象職員",
        "note" => "補足",
        "job_category" => "職種区分",
        other => other,
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct DraftMeta {
    pub id: Id,
    pub municipality: String,
    pub municipality_kind: MunicipalityKind,
    pub title: String,
    pub period: FyRange,
    pub status: DraftStatus,
    /// RFC 3339, UTC
    pub created_at: String,
    /// RFC 3339, UTC
    pub updated_at: String,
}

/// A span of fiscal years (年度), both ends included, as western years (2025 = 令和7年度).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct FyRange {
    pub from: i32,
    pub to: i32,
}

impl FyRange {
    pub fn contains(&self, fy: i32) -> bool {
        self.from <= fy && fy <= self.to
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MunicipalityKind {
    Prefecture,
    City,
    Ward,
    Town,
    Village,
}

impl MunicipalityKind {
    pub const ALL: [MunicipalityKind; 5] = [
        Self::Prefecture,
        Self::City,
        Self::Ward,
        Self::Town,
        Self::Village,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Self::Prefecture => "都道府県",
            Self::City => "市",
            Self::Ward => "区",
            Self::Town => "町",
            Self::Village => "村",
        }
    }
    /// Guess the kind from the municipality's name (「○○県」→ prefecture, 「○○町」→ town …).
    pub fn guess(name: &str) -> Self {
        let name = name.trim();
        if ["都", "道", "府", "県"].iter().any(|s| name.ends_with(s)) {
            Self::Prefecture
        } else if name.ends_with('町') {
            Self::Town
        } else if name.ends_with('村') {
            Self::Village
        } else if name.ends_with('区') {
            Self::Ward
        } else {
            Self::City
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DraftStatus {
    /// 作成中
    Drafting,
    /// 庁内確認中
    Review,
    /// 策定済み
    Adopted,
}

impl DraftStatus {
    pub fn label(self) -> &'static str {
        match self {
            Self::Drafting => "作成中",
            Self::Review => "庁内確認中",
            Self::Adopted => "策定済み",
        }
    }
}

/// The policy's pillars, in the order of the guideline.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema, TS,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Pillar {
    /// 第1 基本的な考え方
    Kihon,
    /// 第2 人材育成
    Ikusei,
    /// 第3 人材確保
    Kakuho,
    /// 第4 職場環境の整備
    Kankyo,
    /// 第5 デジタル人材の育成・確保
    Digital,
    /// 第6 推進体制
    Suishin,
}

impl Pillar {
    pub const ALL: [Pillar; 6] = [
        Self::Kihon,
        Self::Ikusei,
        Self::Kakuho,
        Self::Kankyo,
        Self::Digital,
        Self::Suishin,
    ];
    pub fn id(self) -> &'static str {
        match self {
            Self::Kihon => "kihon",
            Self::Ikusei => "ikusei",
            Self::Kakuho => "kakuho",
            Self::Kankyo => "kankyo",
            Self::Digital => "digital",
            Self::Suishin => "suishin",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::Kihon => "基本的な考え方",
            Self::Ikusei => "人材育成",
            Self::Kakuho => "人材確保",
            Self::Kankyo => "職場環境の整備",
            Self::Digital => "デジタル人材の育成・確保",
            Self::Suishin => "推進体制",
        }
    }
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.id() == id)
    }
}

/// 目指す職員像
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct Persona {
    pub id: Id,
    pub title: String,
    #[serde(default)]
    pub description: String,
}

/// 求められる能力
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct Ability {
    pub id: Id,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Id from the `ability_categories` list (policy-templates/lists.toml).
    #[serde(default)]
    pub category: String,
    /// Id from the `digital_types` list when this is a digital-talent ability.
    #[serde(default)]
    pub digital_type: Option<String>,
    /// Ids from the `layers` list: the 対象階層 expected to have this ability.
    #[serde(default)]
    pub layers: Vec<String>,
    /// 職員像 this ability serves.
    #[serde(default)]
    pub personas: Vec<Id>,
}

/// 目標・施策: what the organisation will do under one pillar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct Goal {
    pub id: Id,
    pub pillar: Pillar,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Abilities this goal develops or secures.
    #[serde(default)]
    pub abilities: Vec<Id>,
}

/// One line of the 研修計画.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct Training {
    pub id: Id,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Id from the `training_formats` list.
    #[serde(default)]
    pub format: String,
    /// Ids from the `layers` list (対象階層).
    #[serde(default)]
    pub layers: Vec<String>,
    /// Fiscal years in which it is held.
    #[serde(default)]
    pub years: Vec<i32>,
    /// 定員: planned participants per year (all runs together).
    #[serde(default)]
    pub participants: Option<u32>,
    /// Length of one run in days (for multi-day courses).
    #[serde(default)]
    pub days: Option<f64>,
    /// Length of one run in hours (for short courses).
    #[serde(default)]
    pub hours: Option<f64>,
    /// Runs per year.
    #[serde(default)]
    pub runs: Option<u32>,
    /// Id from the `training_providers` list (庁内, 県研修所, 広域連合, 外部).
    #[serde(default)]
    pub provider: String,
    /// Budget per year, in thousands of yen (千円).
    #[serde(default)]
    pub budget: Option<u64>,
    /// Held jointly with the prefecture or other municipalities (広域・共同実施).
    #[serde(default)]
    pub joint: bool,
    /// Abilities it develops.
    #[serde(default)]
    pub abilities: Vec<Id>,
    /// Goals it serves.
    #[serde(default)]
    pub goals: Vec<Id>,
}

/// Headcount planned for one fiscal year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct YearCount {
    pub fy: i32,
    pub count: u32,
}

/// One line of the 採用計画.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct Hiring {
    pub id: Id,
    /// 職種・分野 (e.g. 土木, 保健師, デジタル).
    pub field: String,
    #[serde(default)]
    pub description: String,
    /// Id from the `hiring_routes` list.
    #[serde(default)]
    pub route: String,
    #[serde(default)]
    pub headcount: Vec<YearCount>,
    /// What the numbers count: planned hires (採用予定数) or something kept apart from them.
    #[serde(default)]
    pub count_kind: CountKind,
    /// Id from the `job_categories` list: the workforce category these hires join.
    #[serde(default)]
    pub job_category: String,
    /// Id from the `digital_types` list when digital talent is hired.
    #[serde(default)]
    pub digital_type: Option<String>,
    /// Abilities it secures.
    #[serde(default)]
    pub abilities: Vec<Id>,
    /// Goals it serves.
    #[serde(default)]
    pub goals: Vec<Id>,
}

impl Hiring {
    pub fn total_headcount(&self) -> u32 {
        self.headcount
            .iter()
            .fold(0u32, |n, y| n.saturating_add(y.count))
    }
    /// Planned hires in the plan period; 0 for numbers that are not hires.
    pub fn hires_in(&self, period: FyRange) -> u32 {
        if self.count_kind != CountKind::Hire {
            return 0;
        }
        self.headcount
            .iter()
            .filter(|y| period.contains(y.fy))
            .fold(0u32, |n, y| n.saturating_add(y.count))
    }
}

/// What a hiring line's numbers count. Only `hire` adds up to 採用予定数.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CountKind {
    /// 採用予定数 (this body's own hires)
    #[default]
    Hire,
    /// 再任用・暫定再任用の人数 (staff kept on, not new hires)
    Reappointment,
    /// 県・広域の人材プール等で確保する人数 (registrations, secondments received)
    Pool,
    /// 共同試験全体の数 (all bodies of a joint exam together)
    JointTotal,
}

impl CountKind {
    pub const ALL: [CountKind; 4] = [
        Self::Hire,
        Self::Reappointment,
        Self::Pool,
        Self::JointTotal,
    ];
    pub fn id(self) -> &'static str {
        match self {
            Self::Hire => "hire",
            Self::Reappointment => "reappointment",
            Self::Pool => "pool",
            Self::JointTotal => "joint_total",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::Hire => "採用予定数",
            Self::Reappointment => "再任用の人数",
            Self::Pool => "県・広域で確保する人数",
            Self::JointTotal => "共同試験全体の数",
        }
    }
}

/// 施策・制度: a measure that is neither training nor hiring (テレワーク, 両立支援制度,
/// メンター制度, 人事評価制度の改正 …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct Measure {
    pub id: Id,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub pillar: Pillar,
    /// 担当課
    #[serde(default)]
    pub owner: String,
    /// Fiscal years in which it is carried out.
    #[serde(default)]
    pub years: Vec<i32>,
    /// Budget per year, in thousands of yen (千円).
    #[serde(default)]
    pub budget: Option<u64>,
    /// Goals it serves.
    #[serde(default)]
    pub goals: Vec<Id>,
    /// Abilities it develops or secures (optional).
    #[serde(default)]
    pub abilities: Vec<Id>,
}

/// デジタル人材の目標: how many staff of one level (`digital_tiers`) the body aims to have,
/// and which trainings and hirings produce them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct DigitalTarget {
    pub id: Id,
    /// The name shown (by default the level's label).
    pub name: String,
    /// Id from the `digital_tiers` list.
    #[serde(default)]
    pub tier: String,
    #[serde(default)]
    pub description: String,
    /// Staff of this level now.
    #[serde(default)]
    pub baseline: Option<u32>,
    #[serde(default)]
    pub baseline_fy: Option<i32>,
    /// Target headcount by fiscal year (cumulative: staff of this level in that year).
    #[serde(default)]
    pub targets: Vec<YearCount>,
    /// Trainings that bring staff to this level.
    #[serde(default)]
    pub trainings: Vec<Id>,
    /// Hirings that bring in staff of this level.
    #[serde(default)]
    pub hirings: Vec<Id>,
}

impl DigitalTarget {
    /// The last (highest-year) target.
    pub fn final_target(&self) -> Option<YearCount> {
        self.targets.iter().copied().max_by_key(|y| y.fy)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Direction {
    /// 増やす
    Increase,
    /// 減らす
    Decrease,
}

/// 指標 (KPI).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct Indicator {
    pub id: Id,
    pub name: String,
    #[serde(default)]
    pub unit: String,
    pub direction: Direction,
    #[serde(default)]
    pub baseline: Option<f64>,
    /// Fiscal year the baseline was measured in.
    #[serde(default)]
    pub baseline_fy: Option<i32>,
    #[serde(default)]
    pub target: Option<f64>,
    #[serde(default)]
    pub target_fy: Option<i32>,
    /// データの出典
    #[serde(default)]
    pub source: String,
    /// 担当課: who measures and reports it.
    #[serde(default)]
    pub owner: String,
    /// Id in the indicator catalogue (policy-templates/indicators.toml), if taken from it.
    #[serde(default)]
    pub catalog_id: Option<String>,
    /// Goals it measures.
    #[serde(default)]
    pub goals: Vec<Id>,
}

/// The kinds of linked items.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema, TS,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Kind {
    Persona,
    Ability,
    Goal,
    Training,
    Hiring,
    Measure,
    Indicator,
    DigitalTarget,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Self::Persona,
        Self::Ability,
        Self::Goal,
        Self::Training,
        Self::Hiring,
        Self::Measure,
        Self::Indicator,
        Self::DigitalTarget,
    ];
    pub fn id(self) -> &'static str {
        match self {
            Self::Persona => "persona",
            Self::Ability => "ability",
            Self::Goal => "goal",
            Self::Training => "training",
            Self::Hiring => "hiring",
            Self::Measure => "measure",
            Self::Indicator => "indicator",
            Self::DigitalTarget => "digital_target",
        }
    }
    pub fn from_id(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.id() == s)
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::Persona => "目指す職員像",
            Self::Ability => "求められる能力",
            Self::Goal => "目標・施策",
            Self::Training => "研修",
            Self::Hiring => "採用",
            Self::Measure => "施策・制度",
            Self::Indicator => "指標",
            Self::DigitalTarget => "デジタル人材の目標",
        }
    }
    /// The draft's list field holding items of this kind.
    pub fn list_field(self) -> &'static str {
        match self {
            Self::Persona => "personas",
            Self::Ability => "abilities",
            Self::Goal => "goals",
            Self::Training => "trainings",
            Self::Hiring => "hirings",
            Self::Measure => "measures",
            Self::Indicator => "indicators",
            Self::DigitalTarget => "digital_targets",
        }
    }
    /// The id prefix of generated ids.
    pub fn prefix(self) -> &'static str {
        match self {
            Self::Persona => "ps",
            Self::Ability => "ab",
            Self::Goal => "gl",
            Self::Training => "tr",
            Self::Hiring => "hr",
            Self::Measure => "ms",
            Self::Indicator => "in",
            Self::DigitalTarget => "dt",
        }
    }
    /// The heading of the whole list (e.g. 研修計画 for trainings).
    pub fn list_label(self) -> &'static str {
        match self {
            Self::Training => "研修計画",
            Self::Hiring => "採用計画",
            Self::Measure => "施策一覧",
            other => other.label(),
        }
    }
    /// The field holding the name a person knows an item by.
    pub fn name_field(self) -> &'static str {
        match self {
            Self::Persona | Self::Goal | Self::Training | Self::Measure => "title",
            Self::Ability | Self::Indicator | Self::DigitalTarget => "name",
            Self::Hiring => "field",
        }
    }
    /// The link fields of this kind: (field name, kind of the target).
    pub fn link_fields(self) -> &'static [(&'static str, Kind)] {
        match self {
            Self::Persona => &[],
            Self::Ability => &[("personas", Kind::Persona)],
            Self::Goal => &[("abilities", Kind::Ability)],
            Self::Training | Self::Hiring | Self::Measure => {
                &[("abilities", Kind::Ability), ("goals", Kind::Goal)]
            }
            Self::Indicator => &[("goals", Kind::Goal)],
            Self::DigitalTarget => &[("trainings", Kind::Training), ("hirings", Kind::Hiring)],
        }
    }
}

/// Any one linked item, tagged by kind (used by the store and the app's editors).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum Item {
    Persona(Persona),
    Ability(Ability),
    Goal(Goal),
    Training(Training),
    Hiring(Hiring),
    Measure(Measure),
    Indicator(Indicator),
    DigitalTarget(DigitalTarget),
}

impl Item {
    /// A new, empty item of `kind` as the editor adds it (a goal starts under 基本的な考え方).
    pub fn blank(kind: Kind, id: Id) -> Item {
        match kind {
            Kind::Persona => Item::Persona(Persona {
                id,
                title: String::new(),
                description: String::new(),
            }),
            Kind::Ability => Item::Ability(Ability {
                id,
                name: String::new(),
                description: String::new(),
                category: String::new(),
                digital_type: None,
                layers: vec![],
                personas: vec![],
            }),
            Kind::Goal => Item::Goal(Goal {
                id,
                pillar: Pillar::Kihon,
                title: String::new(),
                description: String::new(),
                abilities: vec![],
            }),
            Kind::Training => Item::Training(Training {
                id,
                title: String::new(),
                description: String::new(),
                format: String::new(),
                layers: vec![],
                years: vec![],
                participants: None,
                days: None,
                hours: None,
                runs: None,
                provider: String::new(),
                budget: None,
                joint: false,
                abilities: vec![],
                goals: vec![],
            }),
            Kind::Hiring => Item::Hiring(Hiring {
                id,
                field: String::new(),
                description: String::new(),
                route: String::new(),
                headcount: vec![],
                count_kind: CountKind::Hire,
                job_category: String::new(),
                digital_type: None,
                abilities: vec![],
                goals: vec![],
            }),
            Kind::Indicator => Item::Indicator(Indicator {
                id,
                name: String::new(),
                unit: String::new(),
                direction: Direction::Increase,
                baseline: None,
                baseline_fy: None,
                target: None,
                target_fy: None,
                source: String::new(),
                owner: String::new(),
                catalog_id: None,
                goals: vec![],
            }),
            Kind::Measure => Item::Measure(Measure {
                id,
                title: String::new(),
                description: String::new(),
                pillar: Pillar::Kankyo,
                owner: String::new(),
                years: vec![],
                budget: None,
                goals: vec![],
                abilities: vec![],
            }),
            Kind::DigitalTarget => Item::DigitalTarget(DigitalTarget {
                id,
                name: String::new(),
                tier: String::new(),
                description: String::new(),
                baseline: None,
                baseline_fy: None,
                targets: vec![],
                trainings: vec![],
                hirings: vec![],
            }),
        }
    }

    pub fn kind(&self) -> Kind {
        match self {
            Item::Persona(_) => Kind::Persona,
            Item::Ability(_) => Kind::Ability,
            Item::Goal(_) => Kind::Goal,
            Item::Training(_) => Kind::Training,
            Item::Hiring(_) => Kind::Hiring,
            Item::Measure(_) => Kind::Measure,
            Item::Indicator(_) => Kind::Indicator,
            Item::DigitalTarget(_) => Kind::DigitalTarget,
        }
    }
    pub fn id(&self) -> &str {
        match self {
            Item::Persona(x) => &x.id,
            Item::Ability(x) => &x.id,
            Item::Goal(x) => &x.id,
            Item::Training(x) => &x.id,
            Item::Hiring(x) => &x.id,
            Item::Measure(x) => &x.id,
            Item::Indicator(x) => &x.id,
            Item::DigitalTarget(x) => &x.id,
        }
    }
    /// The name a person knows the item by.
    pub fn name(&self) -> &str {
        match self {
            Item::Persona(x) => &x.title,
            Item::Ability(x) => &x.name,
            Item::Goal(x) => &x.title,
            Item::Training(x) => &x.title,
            Item::Hiring(x) => &x.field,
            Item::Measure(x) => &x.title,
            Item::Indicator(x) => &x.name,
            Item::DigitalTarget(x) => &x.name,
        }
    }
    /// The text a link to this item depends on: editing it makes links suspect.
    pub fn fingerprint(&self) -> String {
        let desc = match self {
            Item::Persona(x) => &x.description,
            Item::Ability(x) => &x.description,
            Item::Goal(x) => &x.description,
            Item::Training(x) => &x.description,
            Item::Hiring(x) => &x.description,
            Item::Measure(x) => &x.description,
            Item::Indicator(x) => &x.source,
            Item::DigitalTarget(x) => &x.description,
        };
        fingerprint(&format!("{}\n{}", self.name(), desc))
    }

    /// The ids in one link field (empty for a field the kind does not have).
    pub fn links(&self, field: &str) -> &[Id] {
        match (self, field) {
            (Item::Ability(x), "personas") => &x.personas,
            (Item::Goal(x), "abilities") => &x.abilities,
            (Item::Training(x), "abilities") => &x.abilities,
            (Item::Training(x), "goals") => &x.goals,
            (Item::Hiring(x), "abilities") => &x.abilities,
            (Item::Hiring(x), "goals") => &x.goals,
            (Item::Measure(x), "abilities") => &x.abilities,
            (Item::Measure(x), "goals") => &x.goals,
            (Item::Indicator(x), "goals") => &x.goals,
            (Item::DigitalTarget(x), "trainings") => &x.trainings,
            (Item::DigitalTarget(x), "hirings") => &x.hirings,
            _ => &[],
        }
    }
    pub fn links_mut(&mut self, field: &str) -> Option<&mut Vec<Id>> {
        match (self, field) {
            (Item::Ability(x), "personas") => Some(&mut x.personas),
            (Item::Goal(x), "abilities") => Some(&mut x.abilities),
            (Item::Training(x), "abilities") => Some(&mut x.abilities),
            (Item::Training(x), "goals") => Some(&mut x.goals),
            (Item::Hiring(x), "abilities") => Some(&mut x.abilities),
            (Item::Hiring(x), "goals") => Some(&mut x.goals),
            (Item::Measure(x), "abilities") => Some(&mut x.abilities),
            (Item::Measure(x), "goals") => Some(&mut x.goals),
            (Item::Indicator(x), "goals") => Some(&mut x.goals),
            (Item::DigitalTarget(x), "trainings") => Some(&mut x.trainings),
            (Item::DigitalTarget(x), "hirings") => Some(&mut x.hirings),
            _ => None,
        }
    }
}

impl Draft {
    /// A new, empty draft.
    pub fn new(id: Id, municipality: &str, title: &str, period: FyRange, now: &str) -> Self {
        Draft {
            meta: DraftMeta {
                id,
                municipality: municipality.to_string(),
                municipality_kind: MunicipalityKind::guess(municipality),
                title: title.to_string(),
                period,
                status: DraftStatus::Drafting,
                created_at: now.to_string(),
                updated_at: now.to_string(),
            },
            sections: BTreeMap::new(),
            personas: vec![],
            abilities: vec![],
            goals: vec![],
            trainings: vec![],
            hirings: vec![],
            measures: vec![],
            indicators: vec![],
            digital_targets: vec![],
            governance: Governance::default(),
            scope: StaffScope::default(),
            acknowledgements: vec![],
            link_fingerprints: vec![],
            results: vec![],
            workforce: Default::default(),
        }
    }

    /// Every linked item, in kind order then list order.
    pub fn items(&self) -> Vec<Item> {
        let mut out = Vec::with_capacity(
            self.personas.len()
                + self.abilities.len()
                + self.goals.len()
                + self.trainings.len()
                + self.hirings.len()
                + self.measures.len()
                + self.indicators.len()
                + self.digital_targets.len(),
        );
        out.extend(self.personas.iter().cloned().map(Item::Persona));
        out.extend(self.abilities.iter().cloned().map(Item::Ability));
        out.extend(self.goals.iter().cloned().map(Item::Goal));
        out.extend(self.trainings.iter().cloned().map(Item::Training));
        out.extend(self.hirings.iter().cloned().map(Item::Hiring));
        out.extend(self.measures.iter().cloned().map(Item::Measure));
        out.extend(self.indicators.iter().cloned().map(Item::Indicator));
        out.extend(
            self.digital_targets
                .iter()
                .cloned()
                .map(Item::DigitalTarget),
        );
        out
    }

    /// Append an item to its list.
    pub fn push(&mut self, item: Item) {
        match item {
            Item::Persona(x) => self.personas.push(x),
            Item::Ability(x) => self.abilities.push(x),
            Item::Goal(x) => self.goals.push(x),
            Item::Training(x) => self.trainings.push(x),
            Item::Hiring(x) => self.hirings.push(x),
            Item::Measure(x) => self.measures.push(x),
            Item::Indicator(x) => self.indicators.push(x),
            Item::DigitalTarget(x) => self.digital_targets.push(x),
        }
    }

    /// Kind and name of the item with this id.
    pub fn find(&self, id: &str) -> Option<(Kind, &str)> {
        fn hit<'a, T>(
            k: Kind,
            list: &'a [T],
            id: &str,
            f: impl Fn(&'a T) -> (&'a str, &'a str),
        ) -> Option<(Kind, &'a str)> {
            list.iter()
                .map(f)
                .find(|(i, _)| *i == id)
                .map(|(_, n)| (k, n))
        }
        hit(Kind::Persona, &self.personas, id, |x| (&x.id, &x.title))
            .or_else(|| hit(Kind::Ability, &self.abilities, id, |x| (&x.id, &x.name)))
            .or_else(|| hit(Kind::Goal, &self.goals, id, |x| (&x.id, &x.title)))
            .or_else(|| hit(Kind::Training, &self.trainings, id, |x| (&x.id, &x.title)))
            .or_else(|| hit(Kind::Hiring, &self.hirings, id, |x| (&x.id, &x.field)))
            .or_else(|| hit(Kind::Measure, &self.measures, id, |x| (&x.id, &x.title)))
            .or_else(|| hit(Kind::Indicator, &self.indicators, id, |x| (&x.id, &x.name)))
            .or_else(|| {
                hit(Kind::DigitalTarget, &self.digital_targets, id, |x| {
                    (&x.id, &x.name)
                })
            })
    }
}

/// A fresh random id with the kind's prefix, e.g. `ab-k3v9q2mx`.
pub fn new_id(prefix: &str) -> Id {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut s = String::with_capacity(prefix.len() + 9);
    s.push_str(prefix);
    s.push('-');
    for _ in 0..8 {
        s.push(ALPHABET[fastrand::usize(..ALPHABET.len())] as char);
    }
    s
}

/// Current time as RFC 3339 in UTC with exactly three fractional digits
/// (`2025-04-01T09:30:00.250Z`), so that timestamps sort as text and edits within a
/// second keep their order.
pub fn now_rfc3339() -> String {
    let fmt = time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z"
    );
    time::OffsetDateTime::now_utc()
        .format(&fmt)
        .unwrap_or_else(|_| "1970-01-01T00:00:00.000Z".into())
}
