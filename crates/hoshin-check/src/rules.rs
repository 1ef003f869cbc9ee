//! The rules. Each finding names the exact item (and field) to fix.

use std::collections::{HashMap, HashSet};

use hoshin_model::templates::{ListEntry, Lists, Templates};
use hoshin_model::{wareki, Draft, Item, Kind, Pillar, Training};

use crate::{Location, Sink, Target};

fn at(kind: Kind, id: &str, name: &str, field: Option<&str>) -> Location {
    Location {
        target: kind.into(),
        id: id.to_string(),
        field: field.map(str::to_string),
        field_label: None,
        label: format!("{}「{}」", kind.label(), name),
    }
}

fn at_section(templates: &Templates, section: &str) -> Location {
    let heading = templates
        .item(section)
        .map(|i| i.heading.as_str())
        .unwrap_or(section);
    Location {
        target: Target::Section,
        id: section.to_string(),
        field: None,
        field_label: None,
        label: format!("本文「{heading}」"),
    }
}

/// Lookups shared by the rules, built once per check.
struct Index<'a> {
    kinds: HashMap<&'a str, Kind>,
    trained: HashMap<&'a str, Vec<&'a str>>,
    hired: HashMap<&'a str, Vec<&'a str>>,
    ability_type: HashMap<&'a str, &'a str>,
}

impl<'a> Index<'a> {
    fn new(d: &'a Draft) -> Self {
        let mut kinds = HashMap::new();
        let ids = d
            .personas
            .iter()
            .map(|x| (x.id.as_str(), Kind::Persona))
            .chain(d.abilities.iter().map(|x| (x.id.as_str(), Kind::Ability)))
            .chain(d.goals.iter().map(|x| (x.id.as_str(), Kind::Goal)))
            .chain(d.trainings.iter().map(|x| (x.id.as_str(), Kind::Training)))
            .chain(d.hirings.iter().map(|x| (x.id.as_str(), Kind::Hiring)))
            .chain(d.measures.iter().map(|x| (x.id.as_str(), Kind::Measure)))
            .chain(
                d.indicators
                    .iter()
                    .map(|x| (x.id.as_str(), Kind::Indicator)),
            )
            .chain(
                d.digital_targets
                    .iter()
                    .map(|x| (x.id.as_str(), Kind::DigitalTarget)),
            );
        for (id, kind) in ids {
            kinds.entry(id).or_insert(kind);
        }
        // Abilities developed: by trainings and by 施策・制度 (メンター制度 …).
        let mut trained: HashMap<&str, Vec<&str>> = HashMap::new();
        for (id, abilities) in d
            .trainings
            .iter()
            .map(|t| (t.id.as_str(), &t.abilities))
            .chain(d.measures.iter().map(|m| (m.id.as_str(), &m.abilities)))
        {
            for a in abilities {
                trained.entry(a.as_str()).or_default().push(id);
            }
        }
        let mut hired: HashMap<&str, Vec<&str>> = HashMap::new();
        for h in &d.hirings {
            for a in &h.abilities {
                hired.entry(a.as_str()).or_default().push(h.id.as_str());
            }
        }
        let ability_type = d
            .abilities
            .iter()
            .filter_map(|a| a.digital_type.as_deref().map(|t| (a.id.as_str(), t)))
            .collect();
        Index {
            kinds,
            trained,
            hired,
            ability_type,
        }
    }
}

pub(crate) fn run(d: &Draft, t: &Templates, s: &mut Sink) {
    let ix = Index::new(d);
    e1_abilities_developed_or_secured(d, &ix, s);
    e2_trainings(d, s);
    e3_hirings(d, s);
    e4_digital_types(d, t, &ix, s);
    e5_goal_indicators(d, s);
    e6_plan_years(d, s);
    e7_pillars(d, s);
    e8_links(d, &ix, s);
    e9_personas_and_abilities(d, s);
    e10_goal_actions(d, s);
    e11_measures(d, s);
    w1_governance(d, s);
    w2_layers(d, t, s);
    w3_orphans(d, s);
    w4_regional(d, t, s);
    w5_related_plans(d, t, s);
    w6_simplicity(d, s);
    w7_suspect_links(d, s);
    w8_indicator_targets(d, s);
    w9_list_values(d, t, s);
    w10_indicator_sources(d, s);
    w11_digital_targets(d, t, s);
    w12_workforce(d, t, s);
}

fn e1_abilities_developed_or_secured(d: &Draft, ix: &Index, s: &mut Sink) {
    for a in &d.abilities {
        if !ix.trained.contains_key(a.id.as_str()) && !ix.hired.contains_key(a.id.as_str()) {
            s.emit(
                "E1",
                at(Kind::Ability, &a.id, &a.name, None),
                None,
                format!("能力「{}」を育てる研修も施策も、確保する採用もありません。研修計画、施策・制度か採用計画に、この能力につながる取組を加えてください", a.name),
            );
        }
    }
}

fn e2_trainings(d: &Draft, s: &mut Sink) {
    for t in &d.trainings {
        if t.goals.is_empty() {
            s.emit("E2", at(Kind::Training, &t.id, &t.title, Some("goals")), None, format!("研修「{}」がどの目標・施策のためのものか決まっていません。つながる目標・施策を選んでください", t.title));
        }
        if t.abilities.is_empty() {
            s.emit(
                "E2",
                at(Kind::Training, &t.id, &t.title, Some("abilities")),
                None,
                format!(
                    "研修「{}」で育てる能力が選ばれていません。求められる能力から選んでください",
                    t.title
                ),
            );
        }
        if t.layers.is_empty() {
            s.emit(
                "E2",
                at(Kind::Training, &t.id, &t.title, Some("layers")),
                None,
                format!("研修「{}」の対象階層が選ばれていません", t.title),
            );
        }
    }
}

fn e3_hirings(d: &Draft, s: &mut Sink) {
    for h in &d.hirings {
        let name = if h.field.trim().is_empty() {
            h.id.as_str()
        } else {
            h.field.as_str()
        };
        if h.field.trim().is_empty() {
            s.emit(
                "E3",
                at(Kind::Hiring, &h.id, name, Some("field")),
                None,
                "採用する職種・分野が書かれていません".into(),
            );
        }
        if h.abilities.is_empty() {
            s.emit("E3", at(Kind::Hiring, &h.id, name, Some("abilities")), None, format!("採用「{name}」で確保する能力が選ばれていません。求められる能力から選んでください"));
        }
        if h.total_headcount() == 0 {
            s.emit(
                "E3",
                at(Kind::Hiring, &h.id, name, Some("headcount")),
                None,
                format!(
                    "採用「{name}」の採用人数が決まっていません。年度ごとの人数を入れてください"
                ),
            );
        }
    }
}

fn e4_digital_types(d: &Draft, t: &Templates, ix: &Index, s: &mut Sink) {
    // Types in use, in first-use order.
    let mut used: Vec<&str> = Vec::new();
    for ty in d
        .abilities
        .iter()
        .filter_map(|a| a.digital_type.as_deref())
        .chain(d.hirings.iter().filter_map(|h| h.digital_type.as_deref()))
    {
        if !used.contains(&ty) {
            used.push(ty);
        }
    }
    for ty in used {
        let developed = d.trainings.iter().any(|tr| {
            tr.abilities
                .iter()
                .any(|a| ix.ability_type.get(a.as_str()) == Some(&ty))
        });
        let secured = d.hirings.iter().any(|h| {
            h.digital_type.as_deref() == Some(ty)
                || h.abilities
                    .iter()
                    .any(|a| ix.ability_type.get(a.as_str()) == Some(&ty))
        });
        let label = Lists::label(&t.lists.digital_types, ty);
        // Point at the first ability (or hiring) that uses the type.
        let loc = d
            .abilities
            .iter()
            .find(|a| a.digital_type.as_deref() == Some(ty))
            .map(|a| at(Kind::Ability, &a.id, &a.name, Some("digital_type")))
            .or_else(|| {
                d.hirings
                    .iter()
                    .find(|h| h.digital_type.as_deref() == Some(ty))
                    .map(|h| at(Kind::Hiring, &h.id, &h.field, Some("digital_type")))
            })
            .expect("a used type has a user");
        let mut loc = loc;
        loc.target = Target::DigitalType;
        loc.id = format!("digital:{ty}");
        loc.label = format!("デジタル人材「{label}」");
        if !developed {
            s.emit("E4", loc.clone(), Some("develop"), format!("デジタル人材「{label}」を育てる研修がありません。この類型の能力につながる研修を加えてください"));
        }
        if !secured {
            s.emit("E4", loc, Some("secure"), format!("デジタル人材「{label}」を確保する採用や外部人材の活用がありません。採用計画に加えてください。県の人材プールや広域での確保に頼るときは、採用計画に採用区分「広域・共同採用」、数の種類「県・広域で確保する人数」で記録すれば確保の手段になります"));
        }
    }
}

fn e5_goal_indicators(d: &Draft, s: &mut Sink) {
    let mut measured: HashSet<&str> = HashSet::new();
    for i in &d.indicators {
        for g in &i.goals {
            measured.insert(g.as_str());
        }
    }
    for g in &d.goals {
        if !measured.contains(g.id.as_str()) {
            s.emit("E5", at(Kind::Goal, &g.id, &g.title, None), None, format!("目標・施策「{}」に指標がありません。達成度を測る指標を加え、この目標につないでください", g.title));
        }
    }
    for i in &d.indicators {
        if i.goals.is_empty() {
            s.emit("E5", at(Kind::Indicator, &i.id, &i.name, Some("goals")), None, format!("指標「{}」がどの目標・施策も測っていません。測る目標・施策を選ぶか、要らなければ指標を削除してください", i.name));
        }
        let missing: Vec<(&str, &str)> = [
            ("baseline", "基準値", i.baseline.is_none()),
            ("baseline_fy", "基準値の年度", i.baseline_fy.is_none()),
            ("target", "目標値", i.target.is_none()),
            ("target_fy", "目標年度", i.target_fy.is_none()),
        ]
        .into_iter()
        .filter(|(_, _, m)| *m)
        .map(|(f, l, _)| (f, l))
        .collect();
        if let Some((field, _)) = missing.first() {
            let what: Vec<&str> = missing.iter().map(|(_, l)| *l).collect();
            s.emit(
                "E5",
                at(Kind::Indicator, &i.id, &i.name, Some(field)),
                None,
                format!("指標「{}」の{}が入っていません", i.name, what.join("、")),
            );
        }
    }
}

/// Years of trainings, hirings, 施策・制度 and digital targets outside the plan period.
fn e6_plan_years(d: &Draft, s: &mut Sink) {
    let p = d.meta.period;
    let span = wareki::fy_range(p.from, p.to);
    // (kind, id, name, field, what the years are, the years)
    let dated = d
        .trainings
        .iter()
        .map(|t| {
            (
                Kind::Training,
                &t.id,
                &t.title,
                "years",
                "実施年度",
                t.years.clone(),
            )
        })
        .chain(d.hirings.iter().map(|h| {
            let years = h.headcount.iter().map(|y| y.fy).collect();
            (Kind::Hiring, &h.id, &h.field, "headcount", "年度", years)
        }))
        .chain(d.measures.iter().map(|m| {
            (
                Kind::Measure,
                &m.id,
                &m.title,
                "years",
                "実施年度",
                m.years.clone(),
            )
        }))
        .chain(d.digital_targets.iter().map(|t| {
            let years = t.targets.iter().map(|y| y.fy).collect();
            (
                Kind::DigitalTarget,
                &t.id,
                &t.name,
                "targets",
                "年度",
                years,
            )
        }));
    for (kind, id, name, field, what, years) in dated {
        let out: Vec<String> = years
            .into_iter()
            .filter(|y| !p.contains(*y))
            .map(wareki::fy)
            .collect();
        if !out.is_empty() {
            s.emit(
                "E6",
                at(kind, id, name, Some(field)),
                None,
                format!(
                    "{}「{name}」の{what}（{}）が計画期間（{span}）の外です",
                    kind.label(),
                    out.join("、")
                ),
            );
        }
    }
}

fn e7_pillars(d: &Draft, s: &mut Sink) {
    for p in [
        Pillar::Ikusei,
        Pillar::Kakuho,
        Pillar::Kankyo,
        Pillar::Digital,
    ] {
        if !d.goals.iter().any(|g| g.pillar == p) {
            s.emit(
                "E7",
                Location { target: Target::Pillar, id: p.id().into(), field: None, field_label: None, label: format!("柱「{}」", p.label()) },
                None,
                format!("「{}」の目標・施策が一つもありません。指針は育成・確保・職場環境・デジタルを一体で扱うことを求めています", p.label()),
            );
        }
    }
}

fn e8_links(d: &Draft, ix: &Index, s: &mut Sink) {
    for item in d.items() {
        for (field, want) in item.kind().link_fields() {
            let mut seen = HashSet::new();
            for to in item.links(field) {
                let problem = match ix.kinds.get(to.as_str()) {
                    _ if to == item.id() => Some(format!("{}「{}」が自分自身につながっています。つながりを外してください", item.kind().label(), item.name())),
                    None => Some(format!("{}「{}」が存在しない項目「{to}」につながっています。つながりを外すか選び直してください", item.kind().label(), item.name())),
                    Some(k) if k != want => Some(format!("{}「{}」の{}に{}「{to}」が入っています。{}を選び直してください", item.kind().label(), item.name(), want.label(), k.label(), want.label())),
                    _ if !seen.insert(to.as_str()) => Some(format!("{}「{}」から「{to}」へのつながりが重複しています", item.kind().label(), item.name())),
                    _ => None,
                };
                if let Some(m) = problem {
                    s.emit(
                        "E8",
                        at(item.kind(), item.id(), item.name(), Some(field)),
                        Some(to),
                        m,
                    );
                }
            }
        }
    }
}

fn e9_personas_and_abilities(d: &Draft, s: &mut Sink) {
    let served: HashSet<&str> = d
        .abilities
        .iter()
        .flat_map(|a| a.personas.iter().map(String::as_str))
        .collect();
    for p in d
        .personas
        .iter()
        .filter(|p| !served.contains(p.id.as_str()))
    {
        s.emit(
            "E9",
            at(Kind::Persona, &p.id, &p.title, None),
            None,
            format!("職員像「{}」を支える能力がありません。求められる能力の「目指す職員像」でこの職員像を選ぶか、能力を加えてください", p.title),
        );
    }
    for a in d.abilities.iter().filter(|a| a.personas.is_empty()) {
        s.emit(
            "E9",
            at(Kind::Ability, &a.id, &a.name, Some("personas")),
            None,
            format!(
                "能力「{}」がどの職員像のためのものか決まっていません。目指す職員像を選んでください",
                a.name
            ),
        );
    }
}

fn e10_goal_actions(d: &Draft, s: &mut Sink) {
    let served: HashSet<&str> = d
        .trainings
        .iter()
        .flat_map(|t| t.goals.iter())
        .chain(d.hirings.iter().flat_map(|h| h.goals.iter()))
        .chain(d.measures.iter().flat_map(|m| m.goals.iter()))
        .map(String::as_str)
        .collect();
    for g in d.goals.iter().filter(|g| !served.contains(g.id.as_str())) {
        s.emit(
            "E10",
            at(Kind::Goal, &g.id, &g.title, None),
            None,
            format!("目標・施策「{}」を進める取組（研修、採用、施策・制度）がありません。取組を加えて、この目標につないでください", g.title),
        );
    }
}

fn e11_measures(d: &Draft, s: &mut Sink) {
    for m in &d.measures {
        if m.goals.is_empty() {
            s.emit(
                "E11",
                at(Kind::Measure, &m.id, &m.title, Some("goals")),
                None,
                format!("施策・制度「{}」がどの目標・施策のためのものか決まっていません。つながる目標・施策を選んでください", m.title),
            );
        }
        if m.owner.trim().is_empty() || is_placeholder(&m.owner) {
            s.emit(
                "E11",
                at(Kind::Measure, &m.id, &m.title, Some("owner")),
                None,
                format!("施策・制度「{}」の担当課が決まっていません。実施に責任を持つ課を書いてください", m.title),
            );
        }
    }
}

/// Words that stand in for a decision not yet made (未定, 検討中 …); a field holding only
/// one of them is as good as empty.
const PLACEHOLDERS: &[&str] = &[
    "未定",
    "検討中",
    "調整中",
    "未記入",
    "今後検討",
    "別途定める",
    "tbd",
    "tba",
    "n/a",
    "-",
    "－",
    "―",
    "ー",
    "—",
    "…",
    "...",
    "?",
    "？",
    "○○",
    "〇〇",
    "××",
];

pub(crate) fn is_placeholder(text: &str) -> bool {
    let t = text
        .trim()
        .trim_matches(|c: char| c.is_whitespace() || "。．.、（）()「」".contains(c));
    let lower = t.to_lowercase();
    PLACEHOLDERS.contains(&lower.as_str())
        || (!t.is_empty() && t.chars().all(|c| "-－―ー—…・?？○〇×".contains(c)))
}

fn w1_governance(d: &Draft, s: &mut Sink) {
    let g = &d.governance;
    for (field, value, what) in [
        ("hr_owner", &g.hr_owner, "人事担当部署"),
        (
            "dx_owner",
            &g.dx_owner,
            "DX担当部署（人事と共に進める部署）",
        ),
        (
            "top_management",
            &g.top_management,
            "トップマネジメントの関与",
        ),
        ("review", &g.review, "点検・見直しの時期"),
    ] {
        let placeholder = is_placeholder(value);
        if value.trim().is_empty() || placeholder {
            let message = if placeholder {
                format!(
                    "推進体制の{what}が「{}」のままです。決まった内容を書いてください",
                    value.trim()
                )
            } else {
                format!("推進体制に{what}が書かれていません")
            };
            s.emit(
                "W1",
                Location {
                    target: Target::Governance,
                    id: "governance".into(),
                    field: Some(field.into()),
                    field_label: None,
                    label: "推進体制".into(),
                },
                None,
                message,
            );
        }
    }
}

const ALL_LAYERS: &str = "all";

fn w2_layers(d: &Draft, t: &Templates, s: &mut Sink) {
    let named: HashSet<&str> = d
        .abilities
        .iter()
        .flat_map(|a| a.layers.iter().map(String::as_str))
        .collect();
    if named.is_empty() {
        return; // the policy names no layers: nothing to compare
    }
    let label = |l: &str| Lists::label(&t.lists.layers, l).to_string();
    // Trainings by the abilities they develop, and the abilities hiring secures: built once,
    // so a draft of thousands of items is checked in linear time.
    let mut developers: HashMap<&str, Vec<&Training>> = HashMap::new();
    for tr in &d.trainings {
        for a in &tr.abilities {
            developers.entry(a.as_str()).or_default().push(tr);
        }
    }
    let secured: HashSet<&str> = d
        .hirings
        .iter()
        .flat_map(|h| h.abilities.iter().map(String::as_str))
        .collect();
    for a in &d.abilities {
        // Trainings that develop this ability; a layer is covered by one of them held for
        // that layer or for all staff.
        let developing = developers
            .get(a.id.as_str())
            .map(Vec::as_slice)
            .unwrap_or_default();
        if developing.is_empty() && !secured.contains(a.id.as_str()) {
            continue; // neither developed nor secured: E1 says so once
        }
        for l in &a.layers {
            let covered = developing
                .iter()
                .any(|tr| tr.layers.iter().any(|x| x == l || x == ALL_LAYERS));
            if !covered {
                s.emit(
                    "W2",
                    at(Kind::Ability, &a.id, &a.name, Some("layers")),
                    Some(l),
                    format!(
                        "能力「{}」を求めている対象階層「{}」に、この能力を育てる研修がありません。研修を加えるか、研修の対象階層にこの階層を含めてください",
                        a.name,
                        label(l)
                    ),
                );
            }
        }
    }
    if named.contains(ALL_LAYERS) {
        return; // an ability asked of every layer makes every trained layer named
    }
    for tr in &d.trainings {
        for l in tr
            .layers
            .iter()
            .filter(|l| *l != ALL_LAYERS && !named.contains(l.as_str()))
        {
            s.emit(
                "W2",
                at(Kind::Training, &tr.id, &tr.title, Some("layers")),
                Some(l),
                format!(
                    "研修「{}」の対象階層「{}」は、方針の求められる能力のどこにも挙がっていません",
                    tr.title,
                    label(l)
                ),
            );
        }
    }
}

fn w3_orphans(d: &Draft, s: &mut Sink) {
    for t in d
        .trainings
        .iter()
        .filter(|t| t.abilities.is_empty() && t.goals.is_empty())
    {
        s.emit("W3", at(Kind::Training, &t.id, &t.title, None), None, format!("研修「{}」は能力にも目標・施策にもつながっていません。方針の中での位置付けを決めてください", t.title));
    }
    for h in d
        .hirings
        .iter()
        .filter(|h| h.abilities.is_empty() && h.goals.is_empty())
    {
        s.emit(
            "W3",
            at(Kind::Hiring, &h.id, &h.field, None),
            None,
            format!(
                "採用「{}」は能力にも目標・施策にもつながっていません",
                h.field
            ),
        );
    }
}

const REGIONAL_SECTION: &str = "kihon.koiki";
const PLANS_SECTION: &str = "kihon.keikaku-renkei";

fn w4_regional(d: &Draft, t: &Templates, s: &mut Sink) {
    let mentioned = d
        .sections
        .get(REGIONAL_SECTION)
        .is_some_and(|x| !x.trim().is_empty());
    let joint = d.trainings.iter().any(|t| t.joint) || d.hirings.iter().any(|h| h.route == "joint");
    if mentioned && !joint {
        s.emit("W4", at_section(t, REGIONAL_SECTION), None, "広域的な連携を書いていますが、共同で行う研修（「広域・共同実施」）や共同採用がありません。具体的な取組を一つ以上加えてください".into());
    }
}

fn w5_related_plans(d: &Draft, t: &Templates, s: &mut Sink) {
    let text = d
        .sections
        .get(PLANS_SECTION)
        .map(String::as_str)
        .unwrap_or("");
    if !d.hirings.is_empty() && !text.contains("定員管理計画") {
        s.emit(
            "W5",
            at_section(t, PLANS_SECTION),
            Some("teiin"),
            "採用計画があります。「中長期的な計画との連携」で定員管理計画との関係に触れてください"
                .into(),
        );
    }
    let gender = d.indicators.iter().any(|i| {
        ["女性", "男性", "育児休業"]
            .iter()
            .any(|w| i.name.contains(w))
    });
    if gender && !text.contains("特定事業主行動計画") {
        s.emit("W5", at_section(t, PLANS_SECTION), Some("tokutei"), "男女に関わる指標があります。「中長期的な計画との連携」で特定事業主行動計画との関係に触れてください".into());
    }
}

fn w6_simplicity(d: &Draft, s: &mut Sink) {
    // The 概要版 (one A4 landscape page) is planned by rule, so whether it fits is known here.
    let p = hoshin_model::summary::plan(d);
    if p.core_fits() {
        return;
    }
    let mut parts = Vec::new();
    if p.personas.left_out > 0 {
        parts.push(format!("職員像 {} 件", p.personas.left_out));
    }
    if p.abilities.left_out > 0 {
        parts.push(format!("能力 {} 件", p.abilities.left_out));
    }
    if p.indicators_left_out > 0 {
        parts.push(format!("指標 {} 件", p.indicators_left_out));
    }
    let cut = p.abilities.items.iter().filter(|i| i.shortened).count();
    let what = if parts.is_empty() {
        format!("能力 {cut} 件の名前が長く、概要版（A4横1枚）では末尾を省くことになります")
    } else {
        format!(
            "概要版（A4横1枚）に載りきらず、{}を省くことになります",
            parts.join("、")
        )
    };
    s.emit(
        "W6",
        Location {
            target: Target::Draft,
            id: d.meta.id.clone(),
            field: None,
            field_label: None,
            label: "下書き全体".into(),
        },
        None,
        format!("{what}。職員像・能力・指標を絞り込むか、まとめるか、名前を短くしてください"),
    );
}

fn w7_suspect_links(d: &Draft, s: &mut Sink) {
    if d.link_fingerprints.is_empty() {
        return;
    }
    let items = d.items();
    let by_id: HashMap<&str, &Item> = items.iter().map(|i| (i.id(), i)).collect();
    for f in &d.link_fingerprints {
        let (Some(from), Some(to)) = (by_id.get(f.from.as_str()), by_id.get(f.to.as_str())) else {
            continue;
        };
        if !from.links(&f.field).contains(&f.to) || to.fingerprint() == f.fingerprint {
            continue;
        }
        s.emit(
            "W7",
            at(from.kind(), from.id(), from.name(), Some(&f.field)),
            Some(&f.to),
            format!("つながり先の{}「{}」が書き換えられました。{}「{}」とのつながりが今も正しいか確かめて、確認済みにしてください（要確認）", to.kind().label(), to.name(), from.kind().label(), from.name()),
        );
    }
}

fn w8_indicator_targets(d: &Draft, s: &mut Sink) {
    let p = d.meta.period;
    for i in &d.indicators {
        if let Some(fy) = i.target_fy.filter(|fy| !p.contains(*fy)) {
            s.emit(
                "W8",
                at(Kind::Indicator, &i.id, &i.name, Some("target_fy")),
                None,
                format!(
                    "指標「{}」の目標年度（{}）が計画期間（{}）の外です",
                    i.name,
                    wareki::fy(fy),
                    wareki::fy_range(p.from, p.to)
                ),
            );
        }
        if let (Some(b), Some(t)) = (i.baseline, i.target) {
            let better = match i.direction {
                hoshin_model::Direction::Increase => t > b,
                hoshin_model::Direction::Decrease => t < b,
            };
            if !better {
                let dir = match i.direction {
                    hoshin_model::Direction::Increase => "増やす",
                    hoshin_model::Direction::Decrease => "減らす",
                };
                s.emit(
                    "W8",
                    at(Kind::Indicator, &i.id, &i.name, Some("target")),
                    None,
                    format!("指標「{}」は{dir}指標ですが、目標値（{t}）が基準値（{b}）より望ましい方向にありません。目標値か向きを確かめてください", i.name),
                );
            }
        }
    }
}

fn w9_list_values(d: &Draft, t: &Templates, s: &mut Sink) {
    if !s.enabled("W9") {
        return;
    }
    let known = |list: &[ListEntry], v: &str| v.is_empty() || list.iter().any(|e| e.id == v);
    let l = &t.lists;
    let report = |s: &mut Sink, loc: Location, v: &str, what: &str| {
        s.emit("W9", loc, Some(v), format!("{what}「{v}」は一覧にありません。一覧から選び直すか、ひな形の一覧（lists.toml）に加えてください"));
    };
    for a in &d.abilities {
        if !known(&l.ability_categories, &a.category) {
            report(
                s,
                at(Kind::Ability, &a.id, &a.name, Some("category")),
                &a.category,
                "能力の分類",
            );
        }
        if let Some(ty) = a
            .digital_type
            .as_deref()
            .filter(|ty| !known(&l.digital_types, ty))
        {
            report(
                s,
                at(Kind::Ability, &a.id, &a.name, Some("digital_type")),
                ty,
                "デジタル人材の類型",
            );
        }
        for v in a.layers.iter().filter(|v| !known(&l.layers, v)) {
            report(
                s,
                at(Kind::Ability, &a.id, &a.name, Some("layers")),
                v,
                "対象階層",
            );
        }
    }
    for tr in &d.trainings {
        if !known(&l.training_formats, &tr.format) {
            report(
                s,
                at(Kind::Training, &tr.id, &tr.title, Some("format")),
                &tr.format,
                "研修の形式",
            );
        }
        for v in tr.layers.iter().filter(|v| !known(&l.layers, v)) {
            report(
                s,
                at(Kind::Training, &tr.id, &tr.title, Some("layers")),
                v,
                "対象階層",
            );
        }
    }
    for tr in &d.trainings {
        if !known(&l.training_providers, &tr.provider) {
            report(
                s,
                at(Kind::Training, &tr.id, &tr.title, Some("provider")),
                &tr.provider,
                "研修の実施主体",
            );
        }
    }
    for dt in &d.digital_targets {
        if !known(&l.digital_tiers, &dt.tier) {
            report(
                s,
                at(Kind::DigitalTarget, &dt.id, &dt.name, Some("tier")),
                &dt.tier,
                "デジタル人材の層",
            );
        }
    }
    for (field, list, what) in [
        ("appointers", &d.scope.appointers, &l.appointers),
        ("staff", &d.scope.staff, &l.staff_types),
    ] {
        for v in list.iter().filter(|v| !known(what, v)) {
            report(
                s,
                Location {
                    target: Target::Scope,
                    id: "scope".into(),
                    field: Some(field.into()),
                    field_label: None,
                    label: "対象範囲".into(),
                },
                v,
                if field == "staff" {
                    "対象職員"
                } else {
                    "任命権者"
                },
            );
        }
    }
    for i in &d.indicators {
        if let Some(c) = i
            .catalog_id
            .as_deref()
            .filter(|c| !t.indicators.iter().any(|x| x.id == *c))
        {
            report(
                s,
                at(Kind::Indicator, &i.id, &i.name, Some("catalog_id")),
                c,
                "指標カタログの項目",
            );
        }
    }
    for h in &d.hirings {
        if !known(&l.hiring_routes, &h.route) {
            report(
                s,
                at(Kind::Hiring, &h.id, &h.field, Some("route")),
                &h.route,
                "採用区分",
            );
        }
        if !known(&l.job_categories, &h.job_category) {
            report(
                s,
                at(Kind::Hiring, &h.id, &h.field, Some("job_category")),
                &h.job_category,
                "職種区分",
            );
        }
        if let Some(ty) = h
            .digital_type
            .as_deref()
            .filter(|ty| !known(&l.digital_types, ty))
        {
            report(
                s,
                at(Kind::Hiring, &h.id, &h.field, Some("digital_type")),
                ty,
                "デジタル人材の類型",
            );
        }
    }
}

fn w10_indicator_sources(d: &Draft, s: &mut Sink) {
    let start = d.meta.period.from;
    for i in &d.indicators {
        for (field, value, what) in [
            ("source", &i.source, "出典・把握方法"),
            ("owner", &i.owner, "担当課"),
        ] {
            if value.trim().is_empty() || is_placeholder(value) {
                s.emit(
                    "W10",
                    at(Kind::Indicator, &i.id, &i.name, Some(field)),
                    None,
                    format!("指標「{}」の{what}が決まっていません。毎年度だれが何から数値を取るかを書いてください", i.name),
                );
            }
        }
        if let Some(fy) = i.baseline_fy.filter(|fy| *fy > start) {
            s.emit(
                "W10",
                at(Kind::Indicator, &i.id, &i.name, Some("baseline_fy")),
                None,
                format!(
                    "指標「{}」の基準値の年度（{}）が計画期間の始まり（{}）より後です。計画の始まる前に測った値を基準値にしてください",
                    i.name,
                    wareki::fy(fy),
                    wareki::fy(start)
                ),
            );
        }
    }
}

fn w11_digital_targets(d: &Draft, t: &Templates, s: &mut Sink) {
    let p = d.meta.period;
    let years_in_period = |years: &[i32]| years.iter().filter(|y| p.contains(**y)).count() as u32;
    for dt in &d.digital_targets {
        let Some(goal) = dt.final_target() else {
            s.emit(
                "W11",
                at(Kind::DigitalTarget, &dt.id, &dt.name, Some("targets")),
                None,
                format!(
                    "デジタル人材の目標「{}」に年度ごとの目標人数がありません",
                    dt.name
                ),
            );
            continue;
        };
        let Some(base) = dt.baseline else {
            s.emit(
                "W11",
                at(Kind::DigitalTarget, &dt.id, &dt.name, Some("baseline")),
                None,
                format!("デジタル人材の目標「{}」に現在の人数（基準値）がありません。目標までの差が分かるよう、今の人数を入れてください", dt.name),
            );
            continue;
        };
        let need = goal.count.saturating_sub(base);
        if need == 0 {
            continue;
        }
        let trained: u32 = d
            .trainings
            .iter()
            .filter(|tr| dt.trainings.contains(&tr.id))
            .map(|tr| {
                tr.participants
                    .unwrap_or(0)
                    .saturating_mul(years_in_period(&tr.years))
            })
            .fold(0u32, u32::saturating_add);
        let hired: u32 = d
            .hirings
            .iter()
            .filter(|h| dt.hirings.contains(&h.id))
            .map(|h| h.hires_in(p))
            .fold(0u32, u32::saturating_add);
        let capacity = trained.saturating_add(hired);
        if capacity < need {
            let tier = Lists::label(&t.lists.digital_tiers, &dt.tier);
            let field = if dt.trainings.is_empty() && dt.hirings.is_empty() {
                "trainings"
            } else if dt.trainings.is_empty() {
                "hirings"
            } else {
                "trainings"
            };
            s.emit(
                "W11",
                at(Kind::DigitalTarget, &dt.id, &dt.name, Some(field)),
                None,
                format!(
                    "デジタル人材の目標「{}」（{tier}）は{}までに{}人増やす計画ですが、つないだ研修の定員（計画期間で延べ{trained}人）と採用予定数（{hired}人）を合わせても{capacity}人で届きません。研修の定員を増やすか、研修や採用をつなぐか、目標を見直してください",
                    dt.name,
                    wareki::fy(goal.fy),
                    need
                ),
            );
        }
    }
}

fn w12_workforce(d: &Draft, t: &Templates, s: &mut Sink) {
    if d.workforce.rows.is_empty() {
        return; // no frame yet: nothing to compare the hiring plan with
    }
    let tol = t.rules.params().workforce_tolerance.clamp(0.0, 1.0);
    let label = |c: &str| Lists::label(&t.lists.job_categories, c).to_string();
    let frame = || Location {
        target: Target::Workforce,
        id: "workforce".into(),
        field: None,
        field_label: None,
        label: "職員数の見通し".into(),
    };
    let rows = hoshin_model::workforce::project(d, &t.teinen);
    for r in &rows {
        let Some(teiin) = r.teiin.filter(|t| *t > 0) else {
            continue;
        };
        let off = (r.projected as f64 - teiin as f64) / teiin as f64;
        if off.abs() > tol {
            let mut loc = frame();
            loc.id = format!("workforce:{}", r.category);
            loc.field = Some("teiin".into());
            s.emit(
                "W12",
                loc,
                Some(&r.fy.to_string()),
                format!(
                    "職種区分「{}」の{}末の職員数の見込み（{}人）が定員（{}人）より{}人{}、差が{:.0}％あります。採用人数か退職の見込み、定員を確かめてください",
                    label(&r.category),
                    wareki::fy(r.fy),
                    r.projected,
                    teiin,
                    (r.projected as i64 - teiin as i64).abs(),
                    if off > 0.0 { "多く" } else { "少なく" },
                    off.abs() * 100.0
                ),
            );
        }
    }
    let in_frame: HashSet<&str> = d
        .workforce
        .rows
        .iter()
        .map(|r| r.category.as_str())
        .collect();
    for h in d
        .hirings
        .iter()
        .filter(|h| h.count_kind == hoshin_model::CountKind::Hire && h.total_headcount() > 0)
    {
        // Lines without a category (副業・兼業, 委託の外部人材 …) join no staff count.
        if !h.job_category.is_empty() && !in_frame.contains(h.job_category.as_str()) {
            s.emit(
                "W12",
                at(Kind::Hiring, &h.id, &h.field, Some("job_category")),
                None,
                format!(
                    "採用「{}」の職種区分「{}」には職員数の見通しがありません。見通しにこの区分の行を加えるか、職種区分を選び直してください",
                    h.field,
                    label(&h.job_category)
                ),
            );
        }
    }
    for row in &d.workforce.rows {
        let teiin = |fy: i32| row.teiin.iter().find(|y| y.fy == fy).map(|y| y.count);
        for r in rows
            .iter()
            .filter(|r| r.category == row.category && r.hires > 0)
        {
            let growth = match (teiin(r.fy), teiin(r.fy - 1)) {
                (Some(now), Some(before)) => now > before,
                _ => false,
            };
            let left_before = rows
                .iter()
                .find(|p| p.category == r.category && p.fy == r.fy - 1)
                .map(|p| p.leavers)
                .unwrap_or(0);
            if r.leavers == 0 && left_before == 0 && !growth {
                let mut loc = frame();
                loc.id = format!("workforce:{}", r.category);
                loc.field = Some("leavers".into());
                s.emit(
                    "W12",
                    loc,
                    Some(&format!("hires-{}", r.fy)),
                    format!(
                        "職種区分「{}」は{}に{}人を採用する計画ですが、その年度と前年度に退職の見込みがなく、定員も増えていません。退職の見込みか採用の年度を確かめてください",
                        label(&r.category),
                        wareki::fy(r.fy),
                        r.hires
                    ),
                );
            }
        }
    }
}
