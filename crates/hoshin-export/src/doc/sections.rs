//! The body: one section per pillar (第1, 第2 …) in the order of the guideline, each with
//! its guideline items that have something to say (the user's text, and the personas and
//! abilities tables under the first item that expects them), then its goals with their
//! measures and indicators, then, for 推進体制, the governance summary.

use hoshin_model::templates::{GuideItem, GuidePillar, Lists, Templates, EXPECTS_SCOPE};
use hoshin_model::{wareki, Draft, Goal, Indicator, Pillar};
use serde::Serialize;

use super::text::{labels, md_escape, names, nest_markdown, number, or_dash};

#[derive(Serialize)]
pub struct PillarCtx {
    pub id: String,
    /// 第1
    pub number: String,
    pub heading: String,
    pub items: Vec<ItemCtx>,
    /// Number of the 目標・施策 sub-heading (after the items).
    pub goals_number: String,
    pub goals: Vec<GoalCtx>,
    pub governance: Option<GovernanceCtx>,
    pub governance_number: String,
}

#[derive(Serialize)]
pub struct ItemCtx {
    pub id: String,
    /// 1, 2, 3 …
    pub number: String,
    pub heading: String,
    /// The user's Markdown, headings nested below this item.
    pub text: String,
    pub personas: Vec<PersonaRow>,
    pub abilities: Vec<AbilityRow>,
    /// 対象範囲 (任命権者, 対象職員), under the item that expects `scope`.
    pub scope: Option<ScopeCtx>,
}

#[derive(Serialize)]
pub struct ScopeCtx {
    pub appointers: String,
    pub staff: String,
    pub note: String,
}

#[derive(Serialize)]
pub struct PersonaRow {
    pub number: String,
    pub title: String,
    pub description: String,
}

#[derive(Serialize)]
pub struct AbilityRow {
    pub name: String,
    pub category: String,
    pub layers: String,
    pub digital: String,
    pub description: String,
}

#[derive(Serialize)]
pub struct GoalCtx {
    /// (1), (2) …
    pub number: String,
    pub title: String,
    pub description: String,
    pub abilities: String,
    pub measures: String,
    pub indicators: Vec<String>,
}

#[derive(Serialize)]
pub struct GovernanceCtx {
    pub hr_owner: String,
    pub dx_owner: String,
    pub top_management: String,
    pub review: String,
}

/// Every pillar of the guideline, in order.
pub(super) fn pillars(d: &Draft, t: &Templates) -> Vec<PillarCtx> {
    // The personas and abilities tables go under the first guideline item (of the whole
    // guideline) that expects them, and only there.
    let first_expecting = |what: &str| {
        t.pillars
            .iter()
            .flat_map(|p| &p.items)
            .find(|gi| gi.expects.iter().any(|e| e == what))
    };
    let at = Placement {
        personas: first_expecting("personas"),
        abilities: first_expecting("abilities"),
        scope: first_expecting(EXPECTS_SCOPE),
    };
    t.pillars.iter().map(|p| pillar(d, t, p, &at)).collect()
}

/// The guideline item under which each draft-wide table is printed.
struct Placement<'a> {
    personas: Option<&'a GuideItem>,
    abilities: Option<&'a GuideItem>,
    scope: Option<&'a GuideItem>,
}

fn pillar(d: &Draft, t: &Templates, p: &GuidePillar, at: &Placement) -> PillarCtx {
    let mut items = Vec::new();
    let here = |at: Option<&GuideItem>, gi: &GuideItem| at.is_some_and(|x| std::ptr::eq(x, gi));
    for gi in &p.items {
        let text = d
            .sections
            .get(&gi.id)
            .map(|s| nest_markdown(s))
            .unwrap_or_default();
        let personas = if here(at.personas, gi) {
            persona_rows(d)
        } else {
            Vec::new()
        };
        let abilities = if here(at.abilities, gi) {
            ability_rows(d, &t.lists)
        } else {
            Vec::new()
        };
        let scope = here(at.scope, gi).then(|| scope(d, &t.lists)).flatten();
        if text.is_empty() && personas.is_empty() && abilities.is_empty() && scope.is_none() {
            continue;
        }
        items.push(ItemCtx {
            id: gi.id.clone(),
            number: (items.len() + 1).to_string(),
            heading: md_escape(&gi.heading),
            text,
            personas,
            abilities,
            scope,
        });
    }
    let pillar = Pillar::from_id(&p.id);
    let goals: Vec<GoalCtx> = d
        .goals
        .iter()
        .filter(|g| Some(g.pillar) == pillar)
        .enumerate()
        .map(|(i, g)| goal(d, i, g))
        .collect();
    let governance = (pillar == Some(Pillar::Suishin)).then(|| governance(d));
    let after_items = items.len() + 1;
    let goals_number = after_items.to_string();
    let governance_number = (after_items + usize::from(!goals.is_empty())).to_string();
    PillarCtx {
        id: p.id.clone(),
        number: format!("第{}", p.number),
        heading: md_escape(&p.heading),
        items,
        goals_number,
        goals,
        governance,
        governance_number,
    }
}

/// The 対象範囲 table, when the draft says anything about its scope.
fn scope(d: &Draft, l: &Lists) -> Option<ScopeCtx> {
    let s = &d.scope;
    if s.appointers.is_empty() && s.staff.is_empty() && s.note.trim().is_empty() {
        return None;
    }
    Some(ScopeCtx {
        appointers: labels(&l.appointers, &s.appointers),
        staff: labels(&l.staff_types, &s.staff),
        note: or_dash(md_escape(s.note.trim())),
    })
}

fn persona_rows(d: &Draft) -> Vec<PersonaRow> {
    d.personas
        .iter()
        .enumerate()
        .map(|(i, x)| PersonaRow {
            number: format!("({})", i + 1),
            title: md_escape(&x.title),
            description: or_dash(md_escape(x.description.trim())),
        })
        .collect()
}

fn ability_rows(d: &Draft, l: &Lists) -> Vec<AbilityRow> {
    d.abilities
        .iter()
        .map(|a| AbilityRow {
            name: md_escape(&a.name),
            category: or_dash(md_escape(Lists::label(&l.ability_categories, &a.category))),
            layers: labels(&l.layers, &a.layers),
            digital: a
                .digital_type
                .as_deref()
                .map(|x| md_escape(Lists::label(&l.digital_types, x)))
                .unwrap_or_else(|| "－".into()),
            description: md_escape(&a.description),
        })
        .collect()
}

/// The `i`-th goal of its pillar, with the trainings, hirings and 施策・制度 that serve it.
fn goal(d: &Draft, i: usize, g: &Goal) -> GoalCtx {
    let measures: Vec<String> = d
        .trainings
        .iter()
        .filter(|x| x.goals.contains(&g.id))
        .map(|x| format!("研修「{}」", md_escape(&x.title)))
        .chain(
            d.hirings
                .iter()
                .filter(|x| x.goals.contains(&g.id))
                .map(|x| format!("採用「{}」", md_escape(&x.field))),
        )
        .chain(
            d.measures
                .iter()
                .filter(|x| x.goals.contains(&g.id))
                .map(|x| format!("施策「{}」", md_escape(&x.title))),
        )
        .collect();
    GoalCtx {
        number: format!("({})", i + 1),
        title: md_escape(&g.title),
        description: nest_markdown(&g.description),
        abilities: names(d, &g.abilities),
        measures: if measures.is_empty() {
            "－".into()
        } else {
            measures.join("、")
        },
        indicators: d
            .indicators
            .iter()
            .filter(|x| x.goals.contains(&g.id))
            .map(indicator_line)
            .collect(),
    }
}

fn governance(d: &Draft) -> GovernanceCtx {
    GovernanceCtx {
        hr_owner: or_dash(md_escape(&d.governance.hr_owner)),
        dx_owner: or_dash(md_escape(&d.governance.dx_owner)),
        top_management: or_dash(md_escape(&d.governance.top_management)),
        review: or_dash(md_escape(&d.governance.review)),
    }
}

/// 「名称：50%（令和6年度）→70%（令和11年度）」: an indicator under its goal.
fn indicator_line(x: &Indicator) -> String {
    let mut s = md_escape(&x.name);
    if let (Some(t), Some(fy)) = (x.target, x.target_fy) {
        let from = match (x.baseline, x.baseline_fy) {
            (Some(b), Some(bfy)) => format!(
                "{}{}（{}）→",
                number(b),
                md_escape(&x.unit),
                wareki::fy(bfy)
            ),
            _ => String::new(),
        };
        s.push_str(&format!(
            "：{from}{}{}（{}）",
            number(t),
            md_escape(&x.unit),
            wareki::fy(fy)
        ));
    }
    s
}
