//! Style fixes through the operations layer, on a real store: one rule's safe fixes at once,
//! one chosen finding, and a fix whose text changed since the check is left alone.

use hoshin_lint::{FixAt, FixRef};
use hoshin_ops::Workspace;

#[test]
fn fixes_are_applied_where_the_text_still_reads_as_found() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(Some(dir.path()));
    let id = ws.create_from_sample("town-8000").unwrap().id;
    let section = "kihon.shokuinzo";
    ws.set_section(
        &id,
        section,
        "すべての職員が３ヶ月ごとに研修を受ける。\n\n6ヶ月後に振り返る。",
    )
    .unwrap();
    let before = ws.lint(&id).unwrap();
    assert_eq!(before.iter().filter(|f| f.rule == "S4").count(), 2);

    // 「すべて修正」 for S4 fixes both か月 and nothing else.
    let done = ws.fix_style(&id, Some("S4"), &[]).unwrap();
    assert_eq!(done.applied, 2);
    let text = ws.load_draft(&id).unwrap().sections[section].clone();
    assert_eq!(
        text,
        "すべての職員が３か月ごとに研修を受ける。\n\n6か月後に振り返る。"
    );
    assert!(done.findings.iter().all(|f| f.rule != "S4"));
    assert!(done.findings.iter().any(|f| f.rule == "S6"));

    // One chosen finding, as the app sends it.
    let s6 = done.findings.iter().find(|f| f.rule == "S6").unwrap();
    let at = FixAt {
        target: s6.location.target,
        id: s6.location.id.clone(),
        field: s6.location.field.clone(),
        fix: FixRef {
            start: s6.start,
            end: s6.end,
            found: s6.found.clone(),
            fix: s6.fix.clone().unwrap(),
        },
    };
    assert_eq!(
        ws.fix_style(&id, None, std::slice::from_ref(&at))
            .unwrap()
            .applied,
        1
    );
    assert!(ws.load_draft(&id).unwrap().sections[section].starts_with("全ての職員"));
    // Sent again, the text no longer reads 「すべて」 there: nothing changes.
    assert_eq!(ws.fix_style(&id, None, &[at]).unwrap().applied, 0);

    // An item's description is fixed in its field.
    let mut d = ws.load_draft(&id).unwrap();
    let mut tr = d.trainings.remove(0);
    tr.description = "年２回実施する。".into();
    ws.put_item(&id, &hoshin_model::Item::Training(tr.clone()))
        .unwrap();
    let done = ws.fix_style(&id, Some("S2"), &[]).unwrap();
    assert!(done.applied >= 1);
    let d = ws.load_draft(&id).unwrap();
    assert_eq!(
        d.trainings
            .iter()
            .find(|t| t.id == tr.id)
            .unwrap()
            .description,
        "年2回実施する。"
    );
}
