//! Fixtures shared by the export test files.
#![allow(dead_code)] // each test file uses its own part of these

use hoshin_export::comparison::{build_comparison, ComparisonDoc, Layout, Side};
use hoshin_model::templates::{self, Templates};

/// The town sample's 新旧対照表 against its 2006 policy: the 職員像 reworded and the digital
/// section new, so two changed sections.
pub fn town_comparison(layout: Layout) -> ComparisonDoc {
    let t = Templates::builtin();
    let new = templates::sample("town-8000").unwrap();
    let mut old = new.clone();
    old.sections.insert(
        "kihon.shokuinzo".into(),
        "本町が目指す職員像は、町民の立場で考え、行動する職員とする。".into(),
    );
    old.sections.remove("digital.literacy");
    let rows = hoshin_revise::compare(&old, &new, &t);
    let side = |label: &str, at: &str| Side {
        label: label.into(),
        at: at.into(),
    };
    build_comparison(
        &new.meta.title,
        &new.meta.municipality,
        &side("平成18年方針", "2006-03-31T00:00:00.000Z"),
        &side("改正案", "2026-11-22T00:00:00.000Z"),
        &rows,
        layout,
    )
}
