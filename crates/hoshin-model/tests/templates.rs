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
    assert_eq!(
        t.walk.steps.iter().map(|s| s.minutes).sum::<u32>() + t.walk.break_minutes,
        120
    );
}

#[test]
fn the_walk_runs_in_four_blocks_with_top_management_first_and_an_online_variant() {
    let t = Templates::builtin();
    let w = &t.walk;
    assert!(t.problems().is_empty(), "{:?}", t.problems());
    assert_eq!(w.blocks.len(), 4);
    for (k, b) in w.blocks.iter().enumerate() {
        assert!(
            (20..=30).contains(&b.minutes),
            "block {} is about 25 minutes",
            k + 1
        );
        let steps: Vec<_> = w.steps.iter().filter(|s| s.block == k as u32 + 1).collect();
        assert!(
            steps.iter().any(|s| s.breakout),
            "block {} has group work",
            k + 1
        );
        assert!(
            steps.iter().all(|s| !s.online.trim().is_empty()),
            "online variant"
        );
    }
    assert_eq!(
        w.steps[0].item, "kihon.suishin-taisei",
        "top management first"
    );
    for must in [
        "kihon.suishin-taisei",
        "kihon.koiki",
        "ikusei.koreiki",
        "suishin.tenken",
    ] {
        assert!(w.steps.iter().any(|s| s.item == must), "{must}");
    }
    assert!(w.preparation.len() >= 5 && w.online_preparation.len() >= 4);
    // A block whose steps do not add up is reported.
    let mut broken = t.clone();
    broken.walk.blocks[0].minutes += 5;
    assert!(broken.problems().iter().any(|p| p.contains("ブロック1")));
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

/// The UI reads kinds, field names and where 推進体制 / digital types are edited from the
/// templates; a user file can move the 推進体制 fields to another item by its `expects`.
#[test]
fn the_ui_tables_come_from_the_model_and_markers_move_with_user_files() {
    use hoshin_model::templates::{EXPECTS_DIGITAL_TYPES, EXPECTS_GOVERNANCE};
    use hoshin_model::{Item, Kind};
    let t = Templates::builtin();
    let lists: Vec<&str> = t.kinds.iter().map(|k| k.list.as_str()).collect();
    assert_eq!(
        lists,
        [
            "personas",
            "abilities",
            "goals",
            "trainings",
            "hirings",
            "measures",
            "indicators",
            "digital_targets"
        ]
    );
    let ms = t.kinds.iter().find(|k| k.kind == Kind::Measure).unwrap();
    assert_eq!(
        (
            ms.label.as_str(),
            ms.list_label.as_str(),
            ms.id_prefix.as_str()
        ),
        ("施策・制度", "施策一覧", "ms")
    );
    // 採用予定数 is the only count kind summed; the UI shows them all by label.
    let kinds: Vec<&str> = t.count_kinds.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(kinds[0], "採用予定数");
    assert_eq!(kinds.len(), 4);
    // Required items say so; the smallest body's shortest path starts from them.
    let required: Vec<&str> = t
        .pillars
        .iter()
        .flat_map(|p| &p.items)
        .filter(|i| i.required)
        .map(|i| i.id.as_str())
        .collect();
    assert!(required.contains(&"kihon.shokuinzo") && required.contains(&"suishin.tenken"));
    assert!(
        t.pillars.iter().all(|p| p.items.iter().any(|i| i.required)),
        "every pillar has a required item"
    );
    let tr = t.kinds.iter().find(|k| k.kind == Kind::Training).unwrap();
    assert_eq!(
        (
            tr.label.as_str(),
            tr.list_label.as_str(),
            tr.name_field.as_str(),
            tr.id_prefix.as_str()
        ),
        ("研修", "研修計画", "title", "tr")
    );
    let links: Vec<&str> = tr.link_fields.iter().map(|l| l.field.as_str()).collect();
    assert_eq!(links, ["abilities", "goals"]);
    // The blank item is what the store accepts once it has a name and an id.
    for k in &t.kinds {
        let mut v = serde_json::to_value(&k.blank).unwrap();
        v["id"] = "x-1".into();
        v[k.name_field.as_str()] = "名前".into();
        let item: Item = serde_json::from_value(v).unwrap();
        assert_eq!((item.kind(), item.name()), (k.kind, "名前"));
    }
    assert_eq!(t.field_labels["layers"], "対象階層");
    assert_eq!(t.field_labels["hr_owner"], "人事担当部署");
    assert_eq!(
        t.governance_fields,
        ["hr_owner", "dx_owner", "top_management", "review"]
    );
    let with = |m: &str, t: &Templates| -> Vec<String> {
        t.pillars
            .iter()
            .flat_map(|p| &p.items)
            .filter(|i| i.expects.iter().any(|e| e == m))
            .map(|i| i.id.clone())
            .collect()
    };
    assert_eq!(
        with(EXPECTS_GOVERNANCE, &t),
        ["kihon.suishin-taisei", "suishin.taisei"]
    );
    assert_eq!(with(EXPECTS_DIGITAL_TYPES, &t), ["digital.jinzaizo"]);

    // A user file that edits 推進体制 under 推進の手順 instead of 推進体制.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("guideline")).unwrap();
    let item = |id: &str, expects: &str| {
        format!("[[items]]\nid = \"{id}\"\nheading = \"h\"\nbasis = \"practice\"\npurpose = \"p\"\nguidance = \"g\"\nquestions = [\"q1\", \"q2\"]\nexample_small = \"s\"\nexample_large = \"l\"\nexpects = {expects}\n\n")
    };
    std::fs::write(
        dir.path().join("guideline/06-suishin.toml"),
        format!(
            "id = \"suishin\"\nnumber = 6\nheading = \"\"\npurpose = \"\"\n\n{}{}",
            item("suishin.taisei", "[]"),
            item(
                "suishin.tenken",
                "[\"goals\", \"indicators\", \"governance\"]"
            )
        ),
    )
    .unwrap();
    let (u, warnings) = Templates::load(Some(dir.path()));
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(u.problems(), Vec::<String>::new());
    assert_eq!(
        with(EXPECTS_GOVERNANCE, &u),
        ["kihon.suishin-taisei", "suishin.tenken"]
    );
    assert_eq!(u.kinds, t.kinds, "kinds follow the model, not the files");

    // A misspelt marker is named.
    let mut bad = t.clone();
    bad.pillars[0].items[0].expects.push("govrnance".into());
    assert!(
        bad.problems().iter().any(|p| p.contains("govrnance")),
        "{:?}",
        bad.problems()
    );
}

/// The UI's tests run on the real built-in templates: this writes them next to the
/// TypeScript bindings (`ui/src/generated/`, like ts-rs), and `scripts/test.sh` fails
/// when the committed copy is stale.
#[test]
fn builtin_templates_are_exported_for_the_ui_tests() {
    let Some(dir) = std::env::var_os("TS_RS_EXPORT_DIR") else {
        return;
    };
    let path = std::path::Path::new(&dir).join("templates.builtin.json");
    let text = serde_json::to_string_pretty(&Templates::builtin()).unwrap() + "\n";
    if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(&path, text).unwrap();
    }
}

#[test]
fn progress_thresholds_are_data_and_stay_in_order() {
    let t = Templates::builtin();
    let p = t.rules.params().progress();
    assert_eq!((p.on_track, p.slightly_behind), (0.9, 0.6));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("rules.toml"),
        "[params]\nsummary_max_lines = 72\nsummary_line_chars = 38\nprogress_on_track = 0.8\nprogress_slightly_behind = 0.95\n",
    )
    .unwrap();
    let (t, warnings) = Templates::load(Some(dir.path()));
    assert!(warnings.is_empty(), "{warnings:?}");
    let p = t.rules.params().progress();
    assert_eq!(
        (p.on_track, p.slightly_behind),
        (0.8, 0.8),
        "やや遅れ is never above 順調"
    );
}
