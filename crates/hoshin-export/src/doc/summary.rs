//! The 概要版: one A4 landscape page from the model (`hoshin_model::summary::plan` decides
//! what fits), as a tagged PDF through hoshin-pdf's summary sheet, or as Markdown through
//! the `summary.md.tera` template. Both show the same selection and the same notes.

use hoshin_model::summary::{plan, LanePlan, SummaryPlan, NOTE_HALF_LINES, TABLE_CELLS};
use hoshin_model::{wareki, Draft};
use hoshin_pdf::summary::{BoxItem, FlowColumn, Lane, SummaryPage, SummaryTable};
use hoshin_pdf::PdfOptions;
use serde::Serialize;

use super::text::md_escape;
use super::{today_jst, ExportOptions};
use crate::{ExportError, MarkdownTemplates, PdfRenderer, Rendered};

/// The sheet's headings.
#[derive(Debug, Clone, Serialize)]
pub struct SummaryLabels {
    pub personas: &'static str,
    pub abilities: &'static str,
    pub actions: &'static str,
    pub trainings: &'static str,
    pub hirings: &'static str,
    pub measures: &'static str,
    pub indicators: &'static str,
    pub head: [&'static str; 3],
}

const LABELS: SummaryLabels = SummaryLabels {
    personas: "目指す職員像",
    abilities: "求められる能力",
    actions: "主な取組",
    trainings: "研修",
    hirings: "採用",
    measures: "施策・制度",
    indicators: "指標と目標値",
    head: ["指標", "現状（年度）", "目標（年度）"],
};

#[derive(Debug, Clone, Serialize)]
pub struct SummaryLane {
    pub items: Vec<String>,
    /// 「ほか 12 件（本編の別表1）」
    pub more: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SummaryRow {
    pub name: String,
    pub now: String,
    pub target: String,
}

/// The 概要版, ready for either output. Text is plain; [`SummaryDoc::escaped`] is the
/// copy the Markdown template gets.
#[derive(Debug, Clone, Serialize)]
pub struct SummaryDoc {
    pub title: String,
    pub municipality: String,
    pub period_label: String,
    pub date_label: String,
    pub labels: SummaryLabels,
    pub personas: SummaryLane,
    pub abilities: SummaryLane,
    pub trainings: SummaryLane,
    pub hirings: SummaryLane,
    pub measures: SummaryLane,
    pub indicators: Vec<SummaryRow>,
    pub indicators_more: Option<String>,
    pub notes: Vec<String>,
    #[serde(skip)]
    pub plan: SummaryPlan,
}

fn lane(l: &LanePlan, where_: &str) -> SummaryLane {
    SummaryLane {
        items: l.items.iter().map(|i| i.text.clone()).collect(),
        more: (l.left_out > 0).then(|| format!("ほか {} 件{where_}", l.left_out)),
    }
}

/// The 概要版 of a draft.
pub fn build_summary(d: &Draft, opts: &ExportOptions) -> SummaryDoc {
    let p = plan(d);
    let (y, m, day) = opts.date.unwrap_or_else(today_jst);
    let mut left: Vec<String> = Vec::new();
    for (label, n) in [
        (LABELS.personas, p.personas.left_out),
        (LABELS.abilities, p.abilities.left_out),
        (LABELS.trainings, p.trainings.left_out),
        (LABELS.hirings, p.hirings.left_out),
        (LABELS.measures, p.measures.left_out),
        ("指標", p.indicators_left_out),
    ] {
        if n > 0 {
            left.push(format!("{label} {n} 件"));
        }
    }
    let mut notes = Vec::new();
    if !left.is_empty() {
        notes.push(format!(
            "※ 1枚に収めるため、{}を載せていません。すべての取組と指標は本編に載っています。",
            left.join("、")
        ));
    }
    if p.shortened() {
        notes.push("※ 長い名称は、末尾を「…」で省いています。".into());
    }
    notes.push("※ 現状は基準年度の値、目標は目標年度の値です（R は令和）。".into());
    SummaryDoc {
        title: format!("{}【概要版】", d.meta.title.trim()),
        municipality: d.meta.municipality.clone(),
        period_label: wareki::fy_range(d.meta.period.from, d.meta.period.to),
        date_label: wareki::date(y, m, day),
        labels: LABELS,
        personas: lane(&p.personas, ""),
        abilities: lane(&p.abilities, "（本編の第1）"),
        trainings: lane(&p.trainings, "（別表1）"),
        hirings: lane(&p.hirings, "（別表2）"),
        measures: lane(&p.measures, "（別表3）"),
        indicators: p
            .indicators
            .iter()
            .map(|r| SummaryRow {
                name: r.name.clone(),
                now: r.now.clone(),
                target: r.target.clone(),
            })
            .collect(),
        indicators_more: (p.indicators_left_out > 0)
            .then(|| format!("ほか {} 指標（別表4）", p.indicators_left_out)),
        notes,
        plan: p,
    }
}

impl SummaryDoc {
    /// The same with every text escaped for Markdown (for the template).
    pub fn escaped(&self) -> SummaryDoc {
        let e = |s: &String| md_escape(s);
        let lane = |l: &SummaryLane| SummaryLane {
            items: l.items.iter().map(e).collect(),
            more: l.more.clone(),
        };
        SummaryDoc {
            title: e(&self.title),
            municipality: e(&self.municipality),
            personas: lane(&self.personas),
            abilities: lane(&self.abilities),
            trainings: lane(&self.trainings),
            hirings: lane(&self.hirings),
            measures: lane(&self.measures),
            indicators: self
                .indicators
                .iter()
                .map(|r| SummaryRow {
                    name: e(&r.name),
                    now: e(&r.now),
                    target: e(&r.target),
                })
                .collect(),
            ..self.clone()
        }
    }

    /// The sheet for hoshin-pdf, with the plan's lines.
    pub fn page(&self) -> SummaryPage {
        let p = &self.plan;
        let boxes = |l: &LanePlan| -> Vec<BoxItem> {
            l.items
                .iter()
                .map(|i| BoxItem {
                    text: i.text.clone(),
                    lines: i.lines,
                })
                .collect()
        };
        let one = |heading: Option<&str>, l: &LanePlan, s: &SummaryLane| Lane {
            heading: heading.map(str::to_string),
            cells: l.cells,
            items: boxes(l),
            more: s.more.clone(),
        };
        SummaryPage {
            title: self.title.clone(),
            flow_half_lines: hoshin_model::summary::FLOW_HALF_LINES,
            table_half_lines: hoshin_model::summary::TABLE_HALF_LINES,
            subtitle: vec![
                self.municipality.clone(),
                format!("計画期間　{}", self.period_label),
                self.date_label.clone(),
            ],
            columns: vec![
                FlowColumn {
                    heading: LABELS.personas.into(),
                    lanes: vec![one(None, &p.personas, &self.personas)],
                },
                FlowColumn {
                    heading: LABELS.abilities.into(),
                    lanes: vec![one(None, &p.abilities, &self.abilities)],
                },
                FlowColumn {
                    heading: format!(
                        "{}（{}・{}・{}）",
                        LABELS.actions, LABELS.trainings, LABELS.hirings, LABELS.measures
                    ),
                    lanes: vec![
                        one(Some(LABELS.trainings), &p.trainings, &self.trainings),
                        one(Some(LABELS.hirings), &p.hirings, &self.hirings),
                        one(Some(LABELS.measures), &p.measures, &self.measures),
                    ],
                },
            ],
            table: SummaryTable {
                heading: LABELS.indicators.into(),
                head: LABELS.head.iter().map(|s| s.to_string()).collect(),
                cells: TABLE_CELLS.to_vec(),
                rows: p
                    .indicators
                    .iter()
                    .map(|r| {
                        (
                            vec![r.name.clone(), r.now.clone(), r.target.clone()],
                            r.lines,
                        )
                    })
                    .collect(),
                split: p.split,
                more: self.indicators_more.clone(),
            },
            notes: self.notes.clone(),
        }
    }
}

// The sheet's measures are the model's; hoshin-pdf draws with the same rule.
const _: () = assert!(NOTE_HALF_LINES == hoshin_pdf::summary::NOTE_HALF_LINES);
const _: () =
    assert!(hoshin_model::summary::box_half_lines(2) == hoshin_pdf::summary::box_half_lines(2));
const _: () =
    assert!(hoshin_model::summary::FLOW_HALF_LINES <= hoshin_pdf::summary::MAX_FLOW_HALF_LINES);
const _: () =
    assert!(hoshin_model::summary::TABLE_HALF_LINES <= hoshin_pdf::summary::MAX_TABLE_HALF_LINES);

/// The 概要版 as Markdown (template `summary.md.tera`); returns the text and warnings.
pub fn summary_markdown(
    doc: &SummaryDoc,
    markdown: &MarkdownTemplates,
) -> Result<(String, Vec<String>), ExportError> {
    markdown.render("summary.md.tera", "sum", &doc.escaped(), false)
}

/// The 概要版 as a one-page, tagged A4 landscape PDF.
pub fn summary_pdf(doc: &SummaryDoc, renderer: &PdfRenderer) -> Result<Rendered, ExportError> {
    let opts = PdfOptions {
        title: doc.title.clone(),
        author: doc.municipality.clone(),
        subject: "人材育成・確保基本方針 概要版".into(),
        footer_left: doc.municipality.clone(),
        ..Default::default()
    };
    let out = hoshin_pdf::summary::render_summary(&doc.page(), &opts, renderer.fonts())
        .map_err(ExportError::Pdf)?;
    Ok(Rendered {
        bytes: out.bytes,
        warnings: out.warnings,
        pages: Some(out.pages),
    })
}
