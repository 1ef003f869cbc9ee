//! The sample drafts load through the import path and the checker finds exactly the
//! teaching gaps each sample documents in its `*.gaps.toml` (none for city and prefecture).

use std::collections::BTreeSet;

use hoshin_check::check;
use hoshin_model::exchange;
use hoshin_model::templates::Templates;
use hoshin_tests::repo_root;

#[derive(serde::Deserialize)]
struct Gaps {
    gaps: Vec<Gap>,
}
#[derive(serde::Deserialize)]
struct Gap {
    rule: String,
    item: String,
    why: String,
}

#[test]
fn every_sample_has_exactly_its_documented_gaps() {
    let dir = repo_root().join("policy-templates/samples");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let Some(name) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".hoshin.json"))
        else {
            continue;
        };
        seen += 1;
        let draft = exchange::parse(&std::fs::read_to_string(&path).unwrap())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let gaps: Gaps = toml::from_str(
            &std::fs::read_to_string(dir.join(format!("{name}.gaps.toml"))).unwrap(),
        )
        .unwrap();
        let expected: BTreeSet<(String, String)> = gaps
            .gaps
            .iter()
            .map(|g| {
                assert!(
                    !g.why.trim().is_empty(),
                    "{name}: gap {} needs an explanation",
                    g.rule
                );
                let id = if g.rule == "E4" {
                    format!("digital:{}", g.item)
                } else {
                    g.item.clone()
                };
                (g.rule.clone(), id)
            })
            .collect();
        let report = check(&draft, &Templates::builtin());
        let found: BTreeSet<(String, String)> = report
            .findings
            .iter()
            .map(|f| (f.rule.clone(), f.location.id.clone()))
            .collect();
        assert_eq!(found, expected, "{name}: findings {:#?}", report.findings);
    }
    assert_eq!(seen, 3, "three samples");
}
