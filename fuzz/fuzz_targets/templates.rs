//! User template files: the TOML files of the template folder (guideline, lists, indicators,
//! walk, rules, workforce, style) through `Templates::load`, and the Tera export templates
//! through `MarkdownTemplates::load`, each then used the way the app uses it (checks,
//! 公用文 check, and rendering the documents that template belongs to, as Markdown).
//!
//! The first byte chooses the file name in the user folder; the rest is its content.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use hoshin_export::comparison::{build_comparison, Layout, Side};
use hoshin_export::{
    build_drafts, build_summary, build_worksheet, export, export_comparison, export_drafts,
    export_review, export_worksheet, summary_markdown, ExportError, ExportOptions,
    MarkdownRenderer, MarkdownTemplates, SheetKind,
};
use hoshin_fuzz::{on_app_stack, sample, templates};
use hoshin_model::templates::Templates;
use libfuzzer_sys::fuzz_target;

const FILES: [&str; 19] = [
    "lists.toml",
    "indicators.toml",
    "walk.toml",
    "rules.toml",
    "workforce.toml",
    "style.toml",
    "guideline/01-kihon.toml",
    "guideline/02-ikusei.toml",
    "guideline/03-kakuho.toml",
    "guideline/04-kankyo.toml",
    "guideline/05-digital.toml",
    "guideline/06-suishin.toml",
    "export/policy.md.tera",
    "export/appendix.md.tera",
    "export/comparison.md.tera",
    "export/review.md.tera",
    "export/drafts.md.tera",
    "export/worksheet.md.tera",
    "export/summary.md.tera",
];

/// The user's template folder (as `<data folder>/templates`), made once per process.
fn folder() -> &'static Path {
    static D: OnceLock<PathBuf> = OnceLock::new();
    D.get_or_init(|| {
        let d = tempfile::Builder::new()
            .prefix("hoshin-fuzz-templates")
            .tempdir()
            .expect("temp dir")
            .keep();
        std::fs::create_dir_all(d.join("guideline")).unwrap();
        std::fs::create_dir_all(d.join("export")).unwrap();
        d
    })
}

const OPTS: ExportOptions = ExportOptions {
    appendix: true,
    date: Some((2027, 4, 1)),
};

fn template_error_is_reported(r: Result<(), ExportError>) {
    match r {
        Ok(()) => {}
        Err(ExportError::Template { file, message, .. }) => {
            assert!(!file.is_empty() && !message.is_empty())
        }
        Err(e) => panic!("Markdown export failed other than by its template: {e}"),
    }
}

fn use_toml(t: &Templates, which: usize) {
    let d = sample(which);
    let _ = t.problems();
    let report = hoshin_check::check(d, t);
    let _ = hoshin_lint::lint(d, t);
    let md = MarkdownTemplates::builtin();
    let out = export(d, t, &md, &MarkdownRenderer, &OPTS).expect("built-in templates export");
    assert!(!out.bytes.is_empty());
    let fy = d.meta.period.from;
    export_review(d, t, &md, &MarkdownRenderer, fy, &OPTS).expect("built-in review exports");
    let _ = report;
}

fn use_tera(md: &MarkdownTemplates, file: &str, which: usize) {
    let t = templates();
    let d = sample(which);
    let r = match file {
        "export/policy.md.tera" | "export/appendix.md.tera" => {
            export(d, t, md, &MarkdownRenderer, &OPTS).map(|_| ())
        }
        "export/review.md.tera" => {
            export_review(d, t, md, &MarkdownRenderer, d.meta.period.from, &OPTS).map(|_| ())
        }
        "export/comparison.md.tera" => {
            let old = sample(which + 1);
            let rows = hoshin_revise::compare(old, d, t);
            let side = |label: &str| Side {
                label: label.into(),
                at: "2027-04-01T09:00:00+09:00".into(),
            };
            let doc = build_comparison(
                &d.meta.title,
                &d.meta.municipality,
                &side("現行"),
                &side("改正案"),
                &rows,
                Layout {
                    adopted: which % 2 == 0,
                    all: true,
                    remarks: true,
                },
            );
            export_comparison(&doc, md, &MarkdownRenderer).map(|_| ())
        }
        "export/drafts.md.tera" => {
            let drafts: Vec<_> = (0..3)
                .map(|i| (sample(i).clone(), hoshin_check::check(sample(i), t)))
                .collect();
            let doc = build_drafts(&drafts, t, which % 2 == 0, (2027, 4, 1));
            export_drafts(&doc, md, &MarkdownRenderer).map(|_| ())
        }
        "export/summary.md.tera" => {
            let doc = build_summary(d, &OPTS);
            summary_markdown(&doc, md).map(|_| ())
        }
        _ => {
            let kind = if which % 2 == 0 {
                SheetKind::Grid
            } else {
                SheetKind::Chain
            };
            let doc = build_worksheet(Some(d), t, kind);
            export_worksheet(&doc, md, &MarkdownRenderer).map(|_| ())
        }
    };
    template_error_is_reported(r);
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let file = FILES[mode as usize % FILES.len()];
    let which = mode as usize / FILES.len();
    let dir = folder();
    let path = dir.join(file);
    std::fs::write(&path, rest).expect("write the template file");
    on_app_stack(|| {
        if file.ends_with(".toml") {
            let (t, warnings) = Templates::load(Some(dir));
            for w in &warnings {
                assert!(!w.file.is_empty() && !w.message.is_empty(), "{w:?}");
            }
            use_toml(&t, which);
        } else {
            let md = MarkdownTemplates::load(Some(&dir.join("export")));
            for w in &md.warnings {
                assert!(!w.file.is_empty() && !w.message.is_empty(), "{w:?}");
            }
            use_tera(&md, file, which);
        }
    });
    std::fs::remove_file(&path).expect("remove the template file");
});
