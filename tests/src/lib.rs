//! Shared helpers for Hoshin's cross-crate tests.

use std::path::PathBuf;

/// The repository's root folder.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// A fixture file under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    repo_root().join("tests/fixtures").join(name)
}

/// The Python with the test-only readers for Word and Excel (python-docx, openpyxl):
/// `HOSHIN_PYTHON`, else the venv that `bash scripts/setup-readers.sh` makes under target/.
pub fn python() -> PathBuf {
    if let Some(p) = std::env::var_os("HOSHIN_PYTHON") {
        return p.into();
    }
    let p = repo_root().join("target/pyreaders/bin/python");
    assert!(
        p.exists(),
        "python-docx and openpyxl are needed: run `bash scripts/setup-readers.sh` (or set HOSHIN_PYTHON)"
    );
    p
}

/// Run the PDF/UA checker (`pdfua check`, from the readers' venv) on a PDF; returns its
/// report, and fails the test with it unless there are no errors, no warnings and no rule
/// that could not be evaluated.
pub fn pdfua(pdf: &std::path::Path) -> String {
    let bin = python().with_file_name("pdfua");
    let o = std::process::Command::new(&bin)
        .arg("check")
        .arg(pdf)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "{} is needed: run `bash scripts/setup-readers.sh` ({e})",
                bin.display()
            )
        });
    let report = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        o.status.success() && report.contains("errors=0 warnings=0") && !report.contains("[skip"),
        "pdfua found problems in {}:\n{report}{}",
        pdf.display(),
        String::from_utf8_lossy(&o.stderr)
    );
    report
}

/// Run a reader script of `tests/readers/` with `args` and return what it printed; a failing
/// script fails the test with its error output.
pub fn run_reader(script: &str, args: &[&std::ffi::OsStr]) -> Vec<u8> {
    let o = std::process::Command::new(python())
        .arg(repo_root().join("tests/readers").join(script))
        .args(args)
        .output()
        .expect("run python");
    assert!(
        o.status.success(),
        "{script}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o.stdout
}

/// Check HTML files with `tests/html/check.mjs`: axe-core (WCAG 2.0/2.1 A and AA) in Debian's
/// Chromium through playwright-core, the requests and console errors of each page, and
/// html-validate. Returns its JSON report. Needs `bash scripts/setup-html-check.sh` (the npm
/// packages) and Chromium (`HOSHIN_CHROMIUM`, else /usr/bin/chromium); Node is `HOSHIN_NODE`,
/// else `node`.
pub fn html_check(files: &[&std::path::Path]) -> serde_json::Value {
    let dir = repo_root().join("tests/html");
    assert!(
        dir.join("node_modules/axe-core").exists(),
        "the HTML check's npm packages are missing: run `bash scripts/setup-html-check.sh`"
    );
    let node = std::env::var_os("HOSHIN_NODE").unwrap_or_else(|| "node".into());
    let o = std::process::Command::new(&node)
        .arg(dir.join("check.mjs"))
        .args(files)
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
        .output()
        .unwrap_or_else(|e| panic!("Node.js is needed for the HTML check ({e})"));
    assert!(
        o.status.success(),
        "check.mjs: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).expect("check.mjs prints JSON")
}

use hoshin_model::*;

/// A large, fully linked draft for benchmarks: `abilities` abilities, one goal per four
/// abilities spread over the pillars, `trainings` trainings and `hirings` hirings each
/// linked to abilities and goals, `indicators` indicators measuring the goals.
pub fn generated_draft(
    abilities: usize,
    trainings: usize,
    hirings: usize,
    indicators: usize,
) -> Draft {
    let mut d = Draft::new(
        "d-bench".into(),
        "ベンチ市",
        "生成した下書き",
        FyRange {
            from: 2025,
            to: 2029,
        },
        "2025-04-01T00:00:00.000Z",
    );
    let types = [
        "producer",
        "project-manager",
        "service-designer",
        "engineer",
    ];
    let layers = ["new-hire", "young", "mid", "chief", "manager", "all"];
    d.personas.push(Persona {
        id: "ps-0".into(),
        title: "挑戦する職員".into(),
        description: String::new(),
    });
    for i in 0..abilities {
        d.abilities.push(Ability {
            id: format!("ab-{i}"),
            name: format!("能力{i}"),
            description: "説明".into(),
            category: "basic".into(),
            digital_type: (i % 10 == 0).then(|| types[(i / 10) % 4].to_string()),
            layers: vec![layers[i % layers.len()].into()],
            personas: vec!["ps-0".into()],
        });
    }
    let goals = (abilities / 4).max(4);
    let pillars = [
        Pillar::Ikusei,
        Pillar::Kakuho,
        Pillar::Kankyo,
        Pillar::Digital,
    ];
    for g in 0..goals {
        d.goals.push(Goal {
            id: format!("gl-{g}"),
            pillar: pillars[g % 4],
            title: format!("目標{g}"),
            description: String::new(),
            abilities: vec![format!("ab-{}", (g * 4) % abilities.max(1))],
        });
    }
    for t in 0..trainings {
        d.trainings.push(Training {
            id: format!("tr-{t}"),
            title: format!("研修{t}"),
            description: String::new(),
            format: "group".into(),
            layers: vec![layers[t % layers.len()].into()],
            years: vec![2025 + (t % 5) as i32],
            participants: Some(20),
            days: Some(1.0),
            hours: None,
            runs: Some(1),
            provider: "internal".into(),
            budget: None,
            joint: t % 7 == 0,
            abilities: vec![
                format!("ab-{}", t % abilities.max(1)),
                format!("ab-{}", (t * 7 + 3) % abilities.max(1)),
            ]
            .into_iter()
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect(),
            goals: vec![format!("gl-{}", t % goals)],
        });
    }
    for h in 0..hirings {
        d.hirings.push(Hiring {
            id: format!("hr-{h}"),
            field: format!("職種{h}"),
            description: String::new(),
            route: "experienced".into(),
            headcount: vec![YearCount {
                fy: 2025 + (h % 5) as i32,
                count: 1 + (h % 3) as u32,
            }],
            count_kind: Default::default(),
            job_category: String::new(),
            digital_type: (h % 10 == 0).then(|| types[(h / 10) % 4].to_string()),
            abilities: vec![format!("ab-{}", (h * 3) % abilities.max(1))],
            goals: vec![format!("gl-{}", h % goals)],
        });
    }
    for i in 0..indicators {
        d.indicators.push(Indicator {
            id: format!("in-{i}"),
            name: format!("指標{i}"),
            unit: "%".into(),
            direction: Direction::Increase,
            baseline: Some(10.0),
            baseline_fy: Some(2024),
            target: Some(20.0),
            target_fy: Some(2029),
            source: "調査".into(),
            owner: "人事課".into(),
            catalog_id: None,
            goals: vec![
                format!("gl-{}", i % goals),
                format!("gl-{}", (i + goals / 2) % goals),
            ]
            .into_iter()
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect(),
        });
    }
    d
}

/// A new empty draft (みどり町, 令和7〜11年度) in the store under `dir`, made the way the
/// crash tests' children expect to find it; its id.
pub fn store_with_draft(dir: &std::path::Path) -> String {
    hoshin_store::Store::open(dir)
        .expect("open the store")
        .create_draft(
            "みどり町",
            "方針",
            hoshin_model::FyRange {
                from: 2025,
                to: 2029,
            },
        )
        .expect("create a draft")
        .meta
        .id
}

/// The typed-markup corpus, `tests/fixtures/markup-vectors.json`: strings a user might type
/// that look like HTML, links, styles or template syntax (those that could run set
/// `window.__pwned`). At least 50 of them.
pub fn markup_vectors() -> Vec<String> {
    let text = std::fs::read_to_string(fixture("markup-vectors.json")).expect("read the corpus");
    let v: serde_json::Value = serde_json::from_str(&text).expect("the corpus is JSON");
    let out: Vec<String> = v["vectors"]
        .as_array()
        .expect("a `vectors` array")
        .iter()
        .map(|s| s.as_str().expect("each vector is a string").to_string())
        .collect();
    assert!(out.len() >= 50, "the corpus has {} vectors", out.len());
    out
}
