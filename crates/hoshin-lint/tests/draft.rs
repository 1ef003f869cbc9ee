//! The style check over whole drafts: the samples are clean, and each finding points at the
//! exact characters of the right field.

use hoshin_check::Target;
use hoshin_lint::{errors, lint};
use hoshin_model::templates::{self, Severity, Templates};

#[test]
fn every_sample_passes_with_no_finding() {
    let t = Templates::builtin();
    for (name, _) in templates::SAMPLES {
        let d = templates::sample(name).unwrap();
        let f = lint(&d, &t);
        assert!(f.is_empty(), "{name}: {f:#?}");
    }
}

#[test]
fn findings_name_the_field_and_the_characters() {
    let t = Templates::builtin();
    let mut d = templates::sample("town-8000").unwrap();
    let (section, body) = d
        .sections
        .iter()
        .next()
        .map(|(k, v)| (k.clone(), v.clone()))
        .unwrap();
    let added = "すべての職員が３ヶ月ごとに研修を受けます。";
    let text = format!("{body}\n\n{added}");
    d.sections.insert(section.clone(), text.clone());
    d.trainings[0].description = "①基礎編と②応用編に分ける。".into();
    let f = lint(&d, &t);
    let chars: Vec<char> = text.chars().collect();
    let at = |rule: &str| {
        f.iter()
            .find(|x| x.rule == rule && x.location.id == section)
            .unwrap_or_else(|| panic!("{rule}: {f:#?}"))
    };
    for (rule, found, fix) in [
        ("S6", "すべて", Some("全て")),
        ("S2", "３", Some("3")),
        ("S4", "ヶ月", Some("か月")),
    ] {
        let x = at(rule);
        assert_eq!(x.location.target, Target::Section);
        let span: String = chars[x.start as usize..x.end as usize].iter().collect();
        assert_eq!(span, found, "{rule}");
        assert_eq!(x.found, found);
        assert_eq!(x.fix.as_deref(), fix, "{rule}");
    }
    assert!(at("S6").safe && at("S4").safe);
    // The town writes である: a です・ます sentence is the odd one out.
    assert!(at("S7").found.ends_with("ます"));
    let circled: Vec<_> = f.iter().filter(|x| x.rule == "S5").collect();
    assert_eq!(circled.len(), 2);
    assert_eq!(circled[0].location.target, Target::Training);
    assert_eq!(circled[0].location.id, d.trainings[0].id);
    assert_eq!(circled[0].location.field.as_deref(), Some("description"));
    assert_eq!((circled[0].start, circled[0].end), (0, 1));
    assert!(errors(&f) >= 3);
    // A rule switched off in the (user's) style.toml reports nothing.
    let mut t2 = t.clone();
    t2.style
        .rules
        .iter_mut()
        .find(|r| r.id == "S5")
        .unwrap()
        .enabled = false;
    assert!(lint(&d, &t2).iter().all(|x| x.rule != "S5"));
    // Severity comes from the data.
    t2.style
        .rules
        .iter_mut()
        .find(|r| r.id == "S6")
        .unwrap()
        .severity = Severity::Error;
    assert_eq!(
        lint(&d, &t2)
            .iter()
            .find(|x| x.rule == "S6")
            .unwrap()
            .severity,
        Severity::Error
    );
}
