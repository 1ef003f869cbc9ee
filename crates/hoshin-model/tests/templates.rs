use hoshin_model::templates::{Basis, Templates};
use hoshin_model::Pillar;

#[test]
fn every_builtin_file_loads_complete_and_consistent() {
    let t = Templates::builtin();
    assert_eq!(t.problems(), Vec::<String>::new());
    let ids: Vec<&str> = t.pillars.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids,
        Pillar::ALL.iter().map(|p| p.id()).collect::<Vec<_>>(),
        "one file per pillar, in guideline order"
    );
    for p in &t.pillars {
        assert!(p.items.len() >= 4, "{} has {} items", p.id, p.items.len());
        for i in &p.items {
            assert!(
                i.questions.len() >= 2
                    && !i.example_small.is_empty()
                    && !i.example_large.is_empty()
                    && !i.guidance.is_empty()
                    && !i.purpose.is_empty(),
                "{}",
                i.id
            );
        }
    }
    // The five basic-approach items follow the guideline's verified wording.
    let verified = t.pillars[0]
        .items
        .iter()
        .filter(|i| i.basis == Basis::Guideline)
        .count();
    assert_eq!(verified, 5);
    assert!(t.indicators.len() >= 20);
    for p in Pillar::ALL.iter().filter(|p| **p != Pillar::Suishin) {
        assert!(
            t.indicators.iter().any(|i| i.pillar == *p),
            "no indicator for {}",
            p.id()
        );
    }
    for (name, list) in t.lists.all() {
        assert!(!list.is_empty(), "list {name} is empty");
    }
    for must in [
        "producer",
        "project-manager",
        "service-designer",
        "engineer",
    ] {
        assert!(t.lists.digital_types.iter().any(|e| e.id == must), "{must}");
    }
    assert_eq!(t.walk.minutes, 120);
    assert_eq!(t.walk.steps.iter().map(|s| s.minutes).sum::<u32>(), 120);
}

#[test]
fn a_user_folder_shadows_item_by_item() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("guideline")).unwrap();
    std::fs::write(
        dir.path().join("guideline/my-kihon.toml"),
        r#"id = "kihon"
number = 1
heading = ""
purpose = ""

[[items]]
id = "kihon.shokuinzo"
heading = "本町が目指す職員像"
basis = "practice"
purpose = "p"
guidance = "g"
questions = ["q1", "q2"]
example_small = "s"
example_large = "l"
"#,
    )
    .unwrap();
    std::fs::write(dir.path().join("lists.toml"), "[[layers]]\nid = \"young\"\nlabel = \"若手職員（採用5年目まで）\"\n\n[[layers]]\nid = \"fire\"\nlabel = \"消防職員\"\n").unwrap();
    let (t, warnings) = Templates::load(Some(dir.path()));
    assert!(warnings.is_empty(), "{warnings:?}");
    let builtin = Templates::builtin();
    assert_eq!(
        t.item("kihon.shokuinzo").unwrap().heading,
        "本町が目指す職員像"
    );
    assert_eq!(
        t.item("kihon.noryoku"),
        builtin.item("kihon.noryoku"),
        "other items stay built-in"
    );
    assert_eq!(t.pillars[0].heading, "基本的な考え方");
    assert_eq!(t.pillars[0].items.len(), builtin.pillars[0].items.len());
    assert_eq!(
        t.lists
            .layers
            .iter()
            .find(|l| l.id == "young")
            .unwrap()
            .label,
        "若手職員（採用5年目まで）"
    );
    assert_eq!(t.lists.layers.len(), builtin.lists.layers.len() + 1);
}

#[test]
fn a_malformed_user_file_names_file_and_line_and_the_builtin_stays() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("guideline")).unwrap();
    std::fs::write(
        dir.path().join("guideline/01-kihon.toml"),
        "id = \"kihon\"\nnumber = 1\nheading = = \"基本的な考え方\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("indicators.toml"), "[[indicators]]\nid = \"x\"\nname = \"職員数\"\n\nunit = \"人\"\ndirection = \"up\"\nsource = \"s\"\npillar = \"kihon\"\n").unwrap();
    std::fs::write(
        dir.path().join("walk.toml"),
        "title = \"t\"\nminutes = 60\n\n[[steps]]\nitem = \"kihon.shokuinzo\"\n",
    )
    .unwrap();
    let (t, warnings) = Templates::load(Some(dir.path()));
    let builtin = Templates::builtin();
    assert_eq!(warnings.len(), 3, "{warnings:#?}");
    let g = warnings
        .iter()
        .find(|w| w.file.ends_with("guideline/01-kihon.toml"))
        .unwrap();
    assert_eq!(g.line, 3, "{g}");
    assert!(g.file.starts_with(&dir.path().display().to_string()));
    assert!(
        g.to_string().contains("3行目")
            && g.message.contains("TOML として読めません")
            && g.message.contains("組み込みのひな形を使います"),
        "{g}"
    );
    let i = warnings
        .iter()
        .find(|w| w.file.ends_with("indicators.toml"))
        .unwrap();
    assert_eq!(i.line, 6, "the bad direction value: {i}");
    assert!(i.message.contains("使えない値"), "{i}");
    let w = warnings
        .iter()
        .find(|w| w.file.ends_with("walk.toml"))
        .unwrap();
    assert!(
        w.message.contains("必要な項目がありません") && w.line >= 4,
        "{w}"
    );
    assert_eq!(t, builtin, "the built-in set stays in use");
}
