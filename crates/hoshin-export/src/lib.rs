//! Export for managers: the draft as Markdown through Tera templates (data under
//! `policy-templates/export/`, overridable from the user's template folder) and as PDF
//! through our own layout engine, as Word, and as HTML for the municipality's website. The
//! linkage check always runs first; unresolved errors are printed on the cover.
//!
//! Renderers follow one small trait (like mdBook's): they get the checked, prepared
//! document and return bytes.

mod chart_table;
pub mod comparison;
mod doc;
mod docx;
mod docx_order;
mod html;
mod pdf;

use std::path::Path;

use hoshin_check::Report;
use hoshin_model::templates::{TemplateWarning, Templates};
use hoshin_model::Draft;
use tera::Tera;

pub use doc::drafts::{build_drafts, DraftsDoc};
pub use doc::review::{build_review, review_headings, ReviewDoc};
pub use doc::summary::{build_summary, summary_markdown, summary_pdf, SummaryDoc};
pub use doc::worksheet::{build_worksheet, SheetKind, WorksheetDoc};
pub use doc::{
    build, escape_raw_html, expected_headings, kana, keep_line_breaks, md_escape, nest_markdown,
    today_jst, Doc, ExportOptions,
};
pub use docx::DocxRenderer;
pub use html::{escape as html_escape, HtmlRenderer, CSP as HTML_CSP};
pub use pdf::PdfRenderer;

/// The built-in export templates: (name, text).
pub const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    (
        "policy.md.tera",
        include_str!("../../../policy-templates/export/policy.md.tera"),
    ),
    (
        "appendix.md.tera",
        include_str!("../../../policy-templates/export/appendix.md.tera"),
    ),
    (
        "comparison.md.tera",
        include_str!("../../../policy-templates/export/comparison.md.tera"),
    ),
    (
        "summary.md.tera",
        include_str!("../../../policy-templates/export/summary.md.tera"),
    ),
    (
        "review.md.tera",
        include_str!("../../../policy-templates/export/review.md.tera"),
    ),
    (
        "drafts.md.tera",
        include_str!("../../../policy-templates/export/drafts.md.tera"),
    ),
    (
        "worksheet.md.tera",
        include_str!("../../../policy-templates/export/worksheet.md.tera"),
    ),
];

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("書き出し用のひな形 {file} を使えません: {message}")]
    Template {
        file: String,
        line: u32,
        message: String,
    },
    /// The PDF engine failed (a missing Japanese font above all); the caller can tell which.
    #[error("{0}")]
    Pdf(#[from] hoshin_pdf::PdfError),
    #[error("Word ファイルを作れませんでした（{0}）")]
    Word(#[from] docx::WordError),
}

/// What an export produced.
pub struct Exported {
    pub bytes: Vec<u8>,
    /// The check that ran before the export.
    pub report: Report,
    /// Japanese notes for the user (template fallbacks, characters missing from fonts …).
    pub warnings: Vec<String>,
    /// Pages, for PDF.
    pub pages: Option<usize>,
}

/// A document ready for any renderer.
pub struct Prepared {
    /// The whole document as Markdown, with its own cover block and contents list.
    pub markdown: String,
    /// The body without cover block and contents list (the PDF engine draws those itself).
    pub body: String,
    pub title: String,
    /// The title on a PDF cover page, when shorter than the document title.
    pub cover_title: Option<String>,
    pub author: String,
    pub subject: String,
    /// Lines under the title on a PDF cover page.
    pub cover_lines: Vec<String>,
    /// Whether a PDF gets a contents page.
    pub toc: bool,
    /// Whether a PDF or Word file starts with a cover page.
    pub cover: bool,
}

pub struct Rendered {
    pub bytes: Vec<u8>,
    pub warnings: Vec<String>,
    pub pages: Option<usize>,
}

/// One output format.
pub trait Renderer {
    /// File extension without the dot.
    fn extension(&self) -> &'static str;
    fn render(&self, doc: &Prepared) -> Result<Rendered, ExportError>;
}

/// The Markdown templates in use: the built-ins, or a user's file where it parses.
pub struct MarkdownTemplates {
    tera: Tera,
    /// Problems with user template files; the built-in version is used for those.
    pub warnings: Vec<TemplateWarning>,
    /// Names of the templates taken from the user folder.
    pub overridden: Vec<String>,
}

fn line_in(message: &str) -> u32 {
    // Tera's parse errors carry " --> LINE:COL".
    message
        .split("--> ")
        .nth(1)
        .and_then(|r| r.split(':').next())
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

fn error_chain(e: &tera::Error) -> String {
    let mut s = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(x) = src {
        s.push_str(": ");
        s.push_str(&x.to_string());
        src = x.source();
    }
    s
}

fn tera_with(files: &[(String, String)]) -> Result<Tera, tera::Error> {
    let mut t = Tera::default();
    t.autoescape_on(vec![]);
    t.add_raw_templates(files.iter().map(|(n, s)| (n.as_str(), s.as_str())))?;
    Ok(t)
}

impl MarkdownTemplates {
    /// The built-in templates only.
    pub fn builtin() -> MarkdownTemplates {
        let files: Vec<(String, String)> = BUILTIN_TEMPLATES
            .iter()
            .map(|(n, s)| (n.to_string(), s.to_string()))
            .collect();
        MarkdownTemplates {
            tera: tera_with(&files).expect("built-in export templates parse"),
            warnings: vec![],
            overridden: vec![],
        }
    }

    /// Built-ins, each replaced by `<user_dir>/<name>` when that file exists and parses.
    /// A broken user file is reported (file and line) and the built-in one stays in use.
    pub fn load(user_dir: Option<&Path>) -> MarkdownTemplates {
        let mut files: Vec<(String, String)> = BUILTIN_TEMPLATES
            .iter()
            .map(|(n, s)| (n.to_string(), s.to_string()))
            .collect();
        let mut warnings = Vec::new();
        let mut overridden = Vec::new();
        if let Some(dir) = user_dir {
            for i in 0..files.len() {
                let path = dir.join(&files[i].0);
                let Ok(text) = std::fs::read_to_string(&path) else {
                    continue;
                };
                let mut trial = files.clone();
                trial[i].1 = text;
                match tera_with(&trial) {
                    Ok(_) => {
                        files = trial;
                        overridden.push(files[i].0.clone());
                    }
                    Err(e) => {
                        let msg = error_chain(&e);
                        warnings.push(TemplateWarning {
                            file: path.display().to_string(),
                            line: line_in(&msg),
                            message: format!(
                                "ひな形として読めません（{}）。組み込みのひな形を使います",
                                msg.replace('\n', " ")
                            ),
                        });
                    }
                }
            }
        }
        MarkdownTemplates {
            tera: tera_with(&files).expect("checked above"),
            warnings,
            overridden,
        }
    }

    /// Render one template with `name` bound to `value`. A user template that fails while
    /// rendering is reported and the built-in one is used instead.
    pub fn render<T: serde::Serialize>(
        &self,
        template: &str,
        name: &str,
        value: &T,
        for_pdf: bool,
    ) -> Result<(String, Vec<String>), ExportError> {
        let mut cx = tera::Context::new();
        cx.insert(name, value);
        cx.insert("for_pdf", &for_pdf);
        match self.tera.render(template, &cx) {
            Ok(s) => Ok((tidy(&s), vec![])),
            Err(e) if !self.overridden.is_empty() => {
                let note = format!("利用者のひな形（{}）で書き出せませんでした（{}）。組み込みのひな形で書き出しました", self.overridden.join("、"), error_chain(&e));
                let s = MarkdownTemplates::builtin()
                    .tera
                    .render(template, &cx)
                    .map_err(|e| template_error(template, &e))?;
                Ok((tidy(&s), vec![note]))
            }
            Err(e) => Err(template_error(template, &e)),
        }
    }

    /// The standalone and the PDF-body rendering of one template.
    fn both<T: serde::Serialize>(
        &self,
        template: &str,
        name: &str,
        value: &T,
    ) -> Result<(String, String, Vec<String>), ExportError> {
        let (full, mut w) = self.render(template, name, value, false)?;
        let (body, w2) = self.render(template, name, value, true)?;
        for x in w2 {
            if !w.contains(&x) {
                w.push(x);
            }
        }
        Ok((full, body, w))
    }
}

fn template_error(file: &str, e: &tera::Error) -> ExportError {
    let msg = error_chain(e);
    ExportError::Template {
        file: file.into(),
        line: line_in(&msg),
        message: msg,
    }
}

/// Collapse runs of blank lines the template's control blocks leave behind.
fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = 0;
    for line in s.lines() {
        if line.trim().is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.trim_start_matches('\n').to_string()
}

/// Markdown for people who keep the policy as text.
pub struct MarkdownRenderer;

impl Renderer for MarkdownRenderer {
    fn extension(&self) -> &'static str {
        "md"
    }
    fn render(&self, doc: &Prepared) -> Result<Rendered, ExportError> {
        Ok(Rendered {
            bytes: doc.markdown.clone().into_bytes(),
            warnings: vec![],
            pages: None,
        })
    }
}

fn finish(
    prepared: &Prepared,
    renderer: &dyn Renderer,
    markdown: &MarkdownTemplates,
    mut warnings: Vec<String>,
) -> Result<(Rendered, Vec<String>), ExportError> {
    let r = renderer.render(prepared)?;
    let mut all: Vec<String> = markdown
        .warnings
        .iter()
        .map(|w| format!("注意: ひな形 {w}"))
        .collect();
    all.append(&mut warnings);
    all.extend(r.warnings.iter().cloned());
    Ok((r, all))
}

/// What a document says about itself besides its body: metadata and the cover.
struct Front {
    title: String,
    cover_title: Option<String>,
    author: String,
    subject: &'static str,
    cover_lines: Vec<String>,
    toc: bool,
    cover: bool,
}

/// Render `template` with `value` bound to `name`, then through `renderer`.
fn render_doc<T: serde::Serialize>(
    markdown: &MarkdownTemplates,
    renderer: &dyn Renderer,
    template: &str,
    name: &str,
    value: &T,
    front: Front,
) -> Result<Rendered, ExportError> {
    let (full, body, warnings) = markdown.both(template, name, value)?;
    let prepared = Prepared {
        markdown: full,
        body,
        title: front.title,
        cover_title: front.cover_title,
        author: front.author,
        subject: front.subject.into(),
        cover_lines: front.cover_lines,
        toc: front.toc,
        cover: front.cover,
    };
    let (r, warnings) = finish(&prepared, renderer, markdown, warnings)?;
    Ok(Rendered {
        bytes: r.bytes,
        warnings,
        pages: r.pages,
    })
}

/// Check, prepare and render a draft.
pub fn export(
    draft: &Draft,
    templates: &Templates,
    markdown: &MarkdownTemplates,
    renderer: &dyn Renderer,
    opts: &ExportOptions,
) -> Result<Exported, ExportError> {
    let report = hoshin_check::check(draft, templates);
    let doc = build(draft, templates, &report, opts);
    let front = Front {
        title: draft.meta.title.clone(),
        cover_title: None,
        author: draft.meta.municipality.clone(),
        subject: "人材育成・確保基本方針",
        cover_lines: vec![
            draft.meta.municipality.clone(),
            format!("計画期間　{}", doc.period_label),
            format!("{}　{}", doc.date_label, doc.status_label),
            doc.check_label.clone(),
        ],
        toc: true,
        cover: true,
    };
    let r = render_doc(markdown, renderer, "policy.md.tera", "doc", &doc, front)?;
    Ok(Exported {
        bytes: r.bytes,
        report,
        warnings: r.warnings,
        pages: r.pages,
    })
}

/// Render a 新旧対照表 (rows from `hoshin_revise::compare`).
pub fn export_comparison(
    cmp: &comparison::ComparisonDoc,
    markdown: &MarkdownTemplates,
    renderer: &dyn Renderer,
) -> Result<Rendered, ExportError> {
    let front = Front {
        title: format!("新旧対照表（{}）", cmp.title_plain),
        cover_title: None,
        author: cmp.municipality_plain.clone(),
        subject: "新旧対照表",
        cover_lines: cmp.cover_lines.clone(),
        toc: false,
        cover: true,
    };
    render_doc(markdown, renderer, "comparison.md.tera", "cmp", cmp, front)
}

/// Check, then render the 年次点検報告 of fiscal year `fy` (a plan year: the caller checks).
pub fn export_review(
    draft: &Draft,
    templates: &Templates,
    markdown: &MarkdownTemplates,
    renderer: &dyn Renderer,
    fy: i32,
    opts: &ExportOptions,
) -> Result<Exported, ExportError> {
    let report = hoshin_check::check(draft, templates);
    let review = build_review(draft, templates, &report, fy, opts);
    let front = Front {
        title: format!("{} {}", draft.meta.title, review.title_plain()),
        cover_title: Some(review.title_plain()),
        author: draft.meta.municipality.clone(),
        subject: "年次点検報告",
        cover_lines: review.cover_lines.clone(),
        toc: true,
        cover: true,
    };
    let r = render_doc(
        markdown,
        renderer,
        "review.md.tera",
        "review",
        &review,
        front,
    )?;
    Ok(Exported {
        bytes: r.bytes,
        report,
        warnings: r.warnings,
        pages: r.pages,
    })
}

/// Render a 方針案の比較 of several drafts (built with [`build_drafts`]).
pub fn export_drafts(
    cmp: &DraftsDoc,
    markdown: &MarkdownTemplates,
    renderer: &dyn Renderer,
) -> Result<Rendered, ExportError> {
    let front = Front {
        title: cmp.title.clone(),
        cover_title: None,
        author: String::new(),
        subject: "方針案の比較",
        cover_lines: cmp.cover_lines.clone(),
        toc: false,
        cover: true,
    };
    render_doc(markdown, renderer, "drafts.md.tera", "cmp", cmp, front)
}

/// Render a worksheet for a study session (built with [`build_worksheet`]): no cover, so it
/// prints as the sheet itself.
pub fn export_worksheet(
    ws: &WorksheetDoc,
    markdown: &MarkdownTemplates,
    renderer: &dyn Renderer,
) -> Result<Rendered, ExportError> {
    let front = Front {
        title: ws.title.clone(),
        cover_title: None,
        author: String::new(),
        subject: "ワークシート",
        cover_lines: ws.cover_lines.clone(),
        toc: false,
        cover: false,
    };
    render_doc(markdown, renderer, "worksheet.md.tera", "ws", ws, front)
}
