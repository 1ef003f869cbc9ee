//! HTML for a municipality's website: one self-contained file (no scripts, no external
//! requests: the styles are inline, no web fonts, charts are inline SVG), from the same
//! Markdown body the PDF is laid out from (read with hoshin-pdf's parser, so `<u>`, `<br>`,
//! column weights and charts mean the same).
//!
//! - `lang="ja"`, a strict Content-Security-Policy in a `<meta>`, the municipality as author;
//! - one `<h1>` (the title; with the cover lines when the document has a cover), the body's
//!   `##`/`###`/`####` as `<h2>`–`<h4>`, never skipping a level;
//! - the contents as `<nav aria-labelledby>` linking to the `##` headings (as the PDF's);
//! - tables with `<th scope="col">` header cells (`scope="row"` where the first column names
//!   the row: key–value tables and chart values) and an accessible name (a caption where the
//!   table has a title of its own, else the heading it stands under);
//! - a chart as an inline SVG (`role="img"` with a `<title>`) plus a table of its values;
//! - the changed text of a 新旧対照表 underlined, with hidden words saying where a change
//!   starts and ends for screen readers;
//! - print styles for A4 (no contents, headings kept with what follows, rows not split).
//!
//! Every piece of text is escaped here (`&`, `<`, `>`, `"`, `'`): what a user typed is
//! always text, never markup.

use std::fmt::Write as _;

use hoshin_pdf::chart::{self, Chart, SeriesStyle};
use hoshin_pdf::markdown::{
    self as md, ordered_marker, plain_text, wants_indent, Align, Block, Inline,
};

use crate::chart_table::{chart_table, ChartTable};
use crate::{ExportError, Prepared, Rendered, Renderer};

/// HTML for publishing on a website.
#[derive(Debug, Clone, Copy, Default)]
pub struct HtmlRenderer;

impl Renderer for HtmlRenderer {
    fn extension(&self) -> &'static str {
        "html"
    }

    fn render(&self, doc: &Prepared) -> Result<Rendered, ExportError> {
        Ok(Rendered {
            bytes: write(doc).into_bytes(),
            warnings: vec![],
            pages: None,
        })
    }
}

/// The page's policy: nothing may load or run; only the inline styles and `data:` images
/// (none today) apply.
pub const CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/// Headers of a first column that names its rows (the templates' key–value tables).
const ROW_HEADER_COLUMNS: &[&str] = &["項目", "役割", "対象範囲"];

/// Append `s` with the five HTML-significant characters escaped (safe in text and in
/// quoted attribute values).
fn push_esc(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

/// `s` escaped for HTML text or a quoted attribute value.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    push_esc(&mut out, s);
    out
}

fn wide(c: char) -> bool {
    !c.is_ascii()
}

/// Inline content: styles as elements, forced breaks as `<br>`, source line breaks as
/// nothing between Japanese text and a space otherwise (as the PDF and Word do).
fn inlines(out: &mut String, inl: &[Inline]) {
    let mut last_wide = false;
    let mut in_change = false;
    for (i, x) in inl.iter().enumerate() {
        match x {
            Inline::Text(t, st) => {
                if st.underline && !in_change {
                    out.push_str(r#"<u class="chg"><span class="vh">［変更箇所：</span>"#);
                    in_change = true;
                } else if !st.underline && in_change {
                    out.push_str(r#"<span class="vh">：変更箇所ここまで］</span></u>"#);
                    in_change = false;
                }
                let mut close = Vec::new();
                for (on, open, end) in [
                    (st.gothic, "<strong>", "</strong>"),
                    (st.italic, "<em>", "</em>"),
                    (st.code, "<code>", "</code>"),
                    (st.strike, "<s>", "</s>"),
                ] {
                    if on {
                        out.push_str(open);
                        close.push(end);
                    }
                }
                push_esc(out, t);
                for end in close.iter().rev() {
                    out.push_str(end);
                }
                last_wide = t.chars().last().is_some_and(wide);
            }
            Inline::Soft => {
                let next_wide = match inl.get(i + 1) {
                    Some(Inline::Text(t, _)) => t.chars().next().is_some_and(wide),
                    _ => true,
                };
                if !(last_wide || next_wide) {
                    out.push(' ');
                }
            }
            Inline::Hard => out.push_str("<br>"),
        }
    }
    if in_change {
        out.push_str(r#"<span class="vh">：変更箇所ここまで］</span></u>"#);
    }
}

/// How a table is named for assistive technology.
enum TableName {
    /// A caption only screen readers read (the title is already shown above the table).
    HiddenCaption(String),
    /// `aria-label` (no title of its own: the heading it stands under).
    Label(String),
}

struct Writer {
    out: String,
    /// Heading ids given so far.
    headings: usize,
    /// The level of the last heading written (1 = the title).
    level: u8,
    /// The `<h2>` headings: (id, text), for the contents.
    toc: Vec<(String, String)>,
    /// Column proportions of weighted tables, in percent; the table's class is `cw` + index.
    weights: Vec<Vec<f32>>,
    /// The text of the last heading (a table's name), and how often each name was given.
    section: String,
    names: std::collections::HashMap<String, usize>,
    tables: usize,
    charts: usize,
}

impl Writer {
    fn new() -> Writer {
        Writer {
            out: String::new(),
            headings: 0,
            level: 1,
            toc: Vec::new(),
            weights: Vec::new(),
            section: String::new(),
            names: std::collections::HashMap::new(),
            tables: 0,
            charts: 0,
        }
    }

    fn heading(&mut self, md_level: u8, content: &[Inline]) {
        // `#` and `##` are both a chapter (the title is the only <h1>); never deeper than one
        // below the last heading.
        let level = md_level.clamp(2, 6).min(self.level + 1);
        self.level = level;
        self.headings += 1;
        let id = format!("h{}", self.headings);
        let text = plain_text(content);
        if level == 2 {
            self.toc.push((id.clone(), text.clone()));
        }
        self.section = text;
        let _ = write!(self.out, "<h{level} id=\"{id}\">");
        inlines(&mut self.out, content);
        let _ = writeln!(self.out, "</h{level}>");
    }

    fn blocks(&mut self, blocks: &[Block], top_level: bool, ord_depth: usize) {
        for b in blocks {
            match b {
                Block::Heading { level, content } => self.heading(*level, content),
                Block::Para(inl) => {
                    if top_level && wants_indent(inl) {
                        self.out.push_str("<p class=\"ind\">");
                    } else {
                        self.out.push_str("<p>");
                    }
                    inlines(&mut self.out, inl);
                    self.out.push_str("</p>\n");
                }
                Block::List {
                    ordered,
                    start,
                    items,
                } => {
                    // The markers are text, as in the PDF ((1), ア, (ア) …): people cite them.
                    self.out.push_str(if *ordered {
                        "<ol class=\"mk\">\n"
                    } else {
                        "<ul>\n"
                    });
                    for (k, item) in items.iter().enumerate() {
                        self.out.push_str("<li>");
                        if *ordered {
                            self.out.push_str("<span class=\"mk\">");
                            push_esc(&mut self.out, &ordered_marker(ord_depth, start + k as u64));
                            self.out.push_str("</span>");
                        }
                        let rest = match item.split_first() {
                            Some((Block::Para(inl), rest)) => {
                                inlines(&mut self.out, inl);
                                rest
                            }
                            _ => &item[..],
                        };
                        if !rest.is_empty() {
                            self.out.push('\n');
                            self.blocks(rest, false, ord_depth + usize::from(*ordered));
                        }
                        self.out.push_str("</li>\n");
                    }
                    self.out
                        .push_str(if *ordered { "</ol>\n" } else { "</ul>\n" });
                }
                Block::Quote(inner) => {
                    self.out.push_str("<blockquote>\n");
                    self.blocks(inner, false, ord_depth);
                    self.out.push_str("</blockquote>\n");
                }
                Block::Code(src) => {
                    self.out.push_str("<pre><code>");
                    push_esc(&mut self.out, src.trim_end_matches('\n'));
                    self.out.push_str("</code></pre>\n");
                }
                Block::Table {
                    aligns,
                    head,
                    rows,
                    weights,
                } => {
                    // Named after the heading it stands under; a second table under the same
                    // name is told apart by its number.
                    self.tables += 1;
                    let name = if self.section.is_empty() {
                        format!("表{}", self.tables)
                    } else {
                        let seen = self.names.entry(self.section.clone()).or_default();
                        *seen += 1;
                        if *seen > 1 {
                            format!("{}（表{seen}）", self.section)
                        } else {
                            self.section.clone()
                        }
                    };
                    let row_headers = head
                        .first()
                        .is_some_and(|h| ROW_HEADER_COLUMNS.contains(&plain_text(h).as_str()));
                    self.table(
                        aligns,
                        head,
                        rows,
                        weights.as_deref(),
                        TableName::Label(name),
                        row_headers,
                        "",
                    );
                }
                Block::Chart(c) => self.chart(c),
                Block::PageBreak => self.out.push_str("<hr class=\"page\">\n"),
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn table(
        &mut self,
        aligns: &[Align],
        head: &[Vec<Inline>],
        rows: &[Vec<Vec<Inline>>],
        weights: Option<&[f32]>,
        name: TableName,
        row_headers: bool,
        class: &str,
    ) {
        let n = head
            .len()
            .max(rows.iter().map(Vec::len).max().unwrap_or(0))
            .max(1);
        let mut classes: Vec<String> = Vec::new();
        if !class.is_empty() {
            classes.push(class.to_string());
        }
        if let Some(w) = weights {
            classes.push(format!("cw cw{}", self.weights.len()));
            self.weights.push(md::weighted_widths(w, n, 100.0));
        }
        // A wide table scrolls inside its own box on a narrow screen (not the whole page); the
        // box can take the keyboard focus, so it can be scrolled without a mouse.
        let (TableName::HiddenCaption(label) | TableName::Label(label)) = &name;
        self.out
            .push_str("<div class=\"tw\" role=\"group\" tabindex=\"0\" aria-label=\"");
        push_esc(&mut self.out, label);
        self.out.push_str("\">\n<table");
        if !classes.is_empty() {
            let _ = write!(self.out, " class=\"{}\"", classes.join(" "));
        }
        if let TableName::Label(l) = &name {
            self.out.push_str(" aria-label=\"");
            push_esc(&mut self.out, l);
            self.out.push('"');
        }
        self.out.push_str(">\n");
        match &name {
            TableName::HiddenCaption(c) => {
                self.out.push_str("<caption class=\"vh\">");
                push_esc(&mut self.out, c);
                self.out.push_str("</caption>\n");
            }
            TableName::Label(_) => {}
        }
        if weights.is_some() {
            self.out.push_str("<colgroup>");
            for _ in 0..n {
                self.out.push_str("<col>");
            }
            self.out.push_str("</colgroup>\n");
        }
        // Alignment, and no line break inside a short cell (a number, 「番号」): Japanese
        // may break between any two characters, which would stack such a cell letter by letter.
        let class = |i: usize, cell: &[Inline]| {
            let mut c: Vec<&str> = Vec::new();
            match aligns.get(i) {
                Some(Align::Right) => c.push("r"),
                Some(Align::Center) => c.push("c"),
                _ => {}
            }
            if plain_text(cell).chars().count() <= 5 {
                c.push("nw");
            }
            if c.is_empty() {
                String::new()
            } else {
                format!(" class=\"{}\"", c.join(" "))
            }
        };
        if !head.is_empty() {
            self.out.push_str("<thead>\n<tr>");
            for i in 0..n {
                let cell = head.get(i).map(Vec::as_slice).unwrap_or(&[]);
                if plain_text(cell).is_empty() {
                    // An empty corner names nothing: a data cell, not a header.
                    let _ = write!(self.out, "<td{}></td>", class(i, cell));
                } else {
                    let _ = write!(self.out, "<th scope=\"col\"{}>", class(i, cell));
                    inlines(&mut self.out, cell);
                    self.out.push_str("</th>");
                }
            }
            self.out.push_str("</tr>\n</thead>\n");
        }
        self.out.push_str("<tbody>\n");
        for r in rows {
            self.out.push_str("<tr>");
            for i in 0..n {
                let cell = r.get(i).map(Vec::as_slice).unwrap_or(&[]);
                if i == 0 && row_headers && !plain_text(cell).is_empty() {
                    let _ = write!(self.out, "<th scope=\"row\"{}>", class(i, cell));
                    inlines(&mut self.out, cell);
                    self.out.push_str("</th>");
                } else {
                    let _ = write!(self.out, "<td{}>", class(i, cell));
                    inlines(&mut self.out, cell);
                    self.out.push_str("</td>");
                }
            }
            self.out.push_str("</tr>\n");
        }
        self.out.push_str("</tbody>\n</table>\n</div>\n");
    }

    /// A chart: its title, the lines as SVG, and the values as a table.
    fn chart(&mut self, c: &Chart) {
        self.charts += 1;
        let id = format!("chart{}", self.charts);
        self.out.push_str("<figure class=\"chart\">\n");
        if !c.title.is_empty() {
            self.out.push_str("<figcaption>");
            push_esc(&mut self.out, &c.title);
            self.out.push_str("</figcaption>\n");
        }
        svg(&mut self.out, c, &id);
        let ChartTable { aligns, head, rows } = chart_table(c);
        let caption = if c.title.is_empty() {
            "グラフの値".to_string()
        } else {
            format!("{}（グラフの値）", c.title)
        };
        self.table(
            &aligns,
            &head,
            &rows,
            None,
            TableName::HiddenCaption(caption),
            true,
            "values",
        );
        self.out.push_str("</figure>\n");
    }
}

// ---- charts as SVG ---------------------------------------------------------------------

const SVG_W: f64 = 640.0;
const PLOT_TOP: f64 = 14.0;
const PLOT_H: f64 = 200.0;
const FONT: f64 = 13.0;
/// Colours of the series (each at least 7:1 on white); the line style tells them apart too.
const INKS: [&str; 6] = [
    "#1a1a1a", "#1f4e8c", "#8a4b08", "#5b2a86", "#2d6a2d", "#7a1f3d",
];

/// Rough width of a text in the chart's units (full-width characters 1 em, others 0.6).
fn text_w(s: &str, size: f64) -> f64 {
    s.chars()
        .map(|c| if wide(c) { size } else { size * 0.6 })
        .sum()
}

fn svg(out: &mut String, c: &Chart, id: &str) {
    let values = c.series.iter().flat_map(|s| s.values.iter().flatten());
    let (lo, hi) = values
        .clone()
        .fold(None, |acc: Option<(f64, f64)>, v| match acc {
            None => Some((*v, *v)),
            Some((a, b)) => Some((a.min(*v), b.max(*v))),
        })
        .unwrap_or((0.0, 1.0));
    let whole = values.clone().all(|v| v.fract() == 0.0);
    // The PDF's axis rule and labels, so both show the same scale.
    let ts = chart::ticks(lo, hi, whole);
    let (t0, t1) = (ts[0], *ts.last().unwrap_or(&ts[0]));
    let span = if t1 > t0 { t1 - t0 } else { 1.0 };
    let labels: Vec<String> = ts.iter().map(|v| chart::tick_label(*v)).collect();
    let label_w = labels
        .iter()
        .map(|l| text_w(l, FONT))
        .fold(0.0f64, f64::max);
    let px0 = (label_w + 10.0).ceil();
    let px1 = SVG_W - 8.0;
    let n = c.labels.len().max(1);
    let slot = (px1 - px0) / n as f64;
    let x_of = |i: usize| px0 + slot * (i as f64 + 0.5);
    let plot_bottom = PLOT_TOP + PLOT_H;
    let y_of = |v: f64| plot_bottom - (v - t0) / span * PLOT_H;

    // Legend rows: a sample of each line, then its name; wrapped to the width.
    let mut legend: Vec<(f64, f64, usize)> = Vec::new();
    let (mut lx, mut row) = (px0, 0usize);
    for (k, s) in c.series.iter().enumerate() {
        let w = 36.0 + text_w(&s.name, FONT) + 20.0;
        if lx > px0 && lx + w > SVG_W {
            lx = px0;
            row += 1;
        }
        legend.push((lx, plot_bottom + 48.0 + 22.0 * row as f64, k));
        lx += w;
    }
    let height = plot_bottom + 48.0 + 22.0 * (row as f64 + 1.0);

    let mut title = String::from("折れ線グラフ");
    if !c.title.is_empty() {
        title.push_str(&format!("「{}」", c.title));
    }
    title.push_str("。値は次の表のとおり");
    let _ = writeln!(
        out,
        "<svg class=\"chart-svg\" role=\"img\" aria-labelledby=\"{id}-t\" viewBox=\"0 0 {SVG_W} {height}\" width=\"{SVG_W}\" height=\"{height}\" font-size=\"{FONT}\">"
    );
    let _ = write!(out, "<title id=\"{id}-t\">");
    push_esc(out, &title);
    out.push_str("</title>\n");

    // Grid and y labels.
    for (i, (v, l)) in ts.iter().zip(&labels).enumerate() {
        let y = y_of(*v);
        let (stroke, w) = if i == 0 {
            ("#595959", 1.2)
        } else {
            ("#d0d0d0", 1.0)
        };
        let _ = writeln!(
            out,
            "<line x1=\"{px0:.1}\" y1=\"{y:.1}\" x2=\"{px1:.1}\" y2=\"{y:.1}\" stroke=\"{stroke}\" stroke-width=\"{w}\"/>"
        );
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#1a1a1a\">",
            px0 - 6.0,
            y + FONT * 0.35
        );
        push_esc(out, l);
        out.push_str("</text>\n");
    }
    // X labels: smaller when crowded, and only every k-th when still too many.
    let widest = c
        .labels
        .iter()
        .map(|l| text_w(l, FONT))
        .fold(0.0f64, f64::max);
    let size = if widest + 6.0 > slot { 11.0 } else { FONT };
    let every = ((widest * size / FONT + 6.0) / slot).ceil().max(1.0) as usize;
    for (i, l) in c.labels.iter().enumerate() {
        if i % every != 0 {
            continue;
        }
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"{size}\" fill=\"#1a1a1a\">",
            x_of(i),
            plot_bottom + 20.0
        );
        push_esc(out, l);
        out.push_str("</text>\n");
    }
    // Series: lines over runs of values (a missing value leaves a gap), then markers.
    for (k, s) in c.series.iter().enumerate() {
        let ink = INKS[k % INKS.len()];
        let pts: Vec<Option<(f64, f64)>> = (0..c.labels.len())
            .map(|i| {
                s.values
                    .get(i)
                    .copied()
                    .flatten()
                    .map(|v| (x_of(i), y_of(v)))
            })
            .collect();
        if s.style != SeriesStyle::Points {
            let dash = if s.style == SeriesStyle::Dotted {
                " stroke-dasharray=\"1 5\" stroke-linecap=\"round\""
            } else {
                ""
            };
            let width = if s.style == SeriesStyle::Dotted {
                3.0
            } else {
                2.0
            };
            for run in pts.split(Option::is_none) {
                let run: Vec<(f64, f64)> = run.iter().flatten().copied().collect();
                if run.len() >= 2 {
                    let p: Vec<String> =
                        run.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
                    let _ = writeln!(
                        out,
                        "<polyline points=\"{}\" fill=\"none\" stroke=\"{ink}\" stroke-width=\"{width}\"{dash}/>",
                        p.join(" ")
                    );
                } else if let Some((x, y)) = run.first() {
                    if s.style == SeriesStyle::Dotted {
                        let _ = writeln!(
                            out,
                            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"2.5\" fill=\"{ink}\"/>"
                        );
                    }
                }
            }
        }
        for (x, y) in pts.iter().flatten() {
            marker(out, s.style, *x, *y, ink);
        }
    }
    // Legend.
    for (x, y, k) in legend {
        let s = &c.series[k];
        let ink = INKS[k % INKS.len()];
        let ly = y - FONT * 0.35;
        match s.style {
            SeriesStyle::Solid => {
                let _ = writeln!(
                    out,
                    "<line x1=\"{x:.1}\" y1=\"{ly:.1}\" x2=\"{:.1}\" y2=\"{ly:.1}\" stroke=\"{ink}\" stroke-width=\"2\"/>",
                    x + 28.0
                );
            }
            SeriesStyle::Dotted => {
                let _ = writeln!(
                    out,
                    "<line x1=\"{x:.1}\" y1=\"{ly:.1}\" x2=\"{:.1}\" y2=\"{ly:.1}\" stroke=\"{ink}\" stroke-width=\"3\" stroke-dasharray=\"1 5\" stroke-linecap=\"round\"/>",
                    x + 28.0
                );
            }
            SeriesStyle::Points => {}
        }
        marker(out, s.style, x + 14.0, ly, ink);
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{y:.1}\" fill=\"#1a1a1a\">",
            x + 36.0
        );
        push_esc(out, &s.name);
        out.push_str("</text>\n");
    }
    out.push_str("</svg>\n");
}

fn marker(out: &mut String, style: SeriesStyle, x: f64, y: f64, ink: &str) {
    match style {
        SeriesStyle::Solid => {
            let _ = writeln!(
                out,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"7\" height=\"7\" fill=\"{ink}\"/>",
                x - 3.5,
                y - 3.5
            );
        }
        SeriesStyle::Points => {
            let _ = writeln!(
                out,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"8\" height=\"8\" fill=\"#fff\" stroke=\"{ink}\" stroke-width=\"1.6\"/>",
                x - 4.0,
                y - 4.0
            );
        }
        SeriesStyle::Dotted => {}
    }
}

// ---- the page ------------------------------------------------------------------------

const CSS: &str = r#"
:root { color-scheme: light; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; background: #fff; color: #1a1a1a;
  font-family: "BIZ UDPGothic", "BIZ UDPゴシック", "BIZ UDGothic", "BIZ UDゴシック",
    "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Yu Gothic UI", "Yu Gothic", YuGothic,
    Meiryo, "Noto Sans CJK JP", "Noto Sans JP", "IPAexGothic", sans-serif;
  font-size: 1rem; line-height: 1.85; letter-spacing: 0.02em;
  line-break: strict; overflow-wrap: break-word;
}
body > header, body > nav, main { width: calc(100% - 2.5rem); max-width: 46rem; margin: 0 auto; }
.skip { position: absolute; left: -10000px; top: 0; }
.skip:focus { left: 1rem; top: 1rem; z-index: 1; background: #fff; padding: 0.25em 0.75em; }
a { color: #1a4f8b; text-underline-offset: 0.2em; }
a:focus-visible, .skip:focus { outline: 3px solid #1a4f8b; outline-offset: 2px; }
.cover { padding-top: 2.5rem; padding-bottom: 1.5rem; border-bottom: 1px solid #8c8c8c; margin-bottom: 1.5rem; }
.cover p { margin: 0.2em 0; }
h1, h2, h3, h4, figcaption { line-height: 1.5; font-weight: 700; word-break: keep-all; text-wrap: balance; }
h1 { font-size: 1.8rem; margin: 0 0 0.8em; }
h2 { font-size: 1.4rem; margin: 2.2em 0 0.7em; padding-bottom: 0.2em; border-bottom: 2px solid #1a1a1a; }
h3 { font-size: 1.2rem; margin: 1.8em 0 0.5em; }
h4 { font-size: 1.05rem; margin: 1.5em 0 0.4em; }
p { margin: 0 0 0.7em; }
p.ind { text-indent: 1em; }
ul, ol { margin: 0 0 0.8em; padding-left: 1.5em; }
ul { list-style-type: "・"; }
ol.mk { list-style: none; padding-left: 2.5em; }
ol.mk > li > .mk { display: inline-block; min-width: 2.5em; margin-left: -2.5em; }
blockquote { margin: 0.5em 0 1em; padding-left: 1em; border-left: 4px solid #8c8c8c; }
pre { white-space: pre-wrap; background: #f4f4f4; padding: 0.6em 0.8em; line-height: 1.6; }
code, pre { font-family: "BIZ UDGothic", "BIZ UDゴシック", "Noto Sans Mono CJK JP", monospace; }
nav.toc { margin: 0 auto 2rem; }
nav.toc > div { background: #f4f4f4; border: 1px solid #c8c8c8; padding: 0.5rem 1.25rem 0.75rem; }
nav.toc h2 { font-size: 1.2rem; margin: 0.4em 0; border: 0; }
nav.toc ol { list-style: none; padding-left: 0; margin: 0; }
nav.toc li { margin: 0.15em 0; }
.tw { overflow-x: auto; margin: 0.6em 0 1.4em; }
.tw:focus-visible { outline: 3px solid #1a4f8b; outline-offset: 2px; }
table { border-collapse: collapse; width: 100%; margin: 0; font-size: 0.9375rem; line-height: 1.6; font-variant-numeric: tabular-nums; }
table.cw { table-layout: fixed; }
th, td { border: 1px solid #8c8c8c; padding: 0.35em 0.5em; vertical-align: top; text-align: left; }
thead th, thead td { background: #e8e8e8; }
tbody th { background: #f4f4f4; font-weight: 700; }
.r { text-align: right; }
.c { text-align: center; }
.nw { white-space: nowrap; }
th:not(.nw), td:not(.nw) { min-width: 5em; }
u.chg { text-decoration-thickness: 2px; text-underline-offset: 0.25em; }
hr.page { border: 0; border-top: 1px solid #8c8c8c; margin: 3em 0 1em; }
figure.chart { margin: 1em 0 1.5em; }
figure.chart figcaption { margin-bottom: 0.3em; }
.chart-svg { display: block; width: 100%; max-width: 40rem; height: auto; }
table.values { width: auto; min-width: 50%; font-size: 0.875rem; }
.vh { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
@page { size: A4; margin: 20mm 18mm; }
@media print {
  body {
    font-size: 10.5pt; line-height: 1.7; letter-spacing: 0;
    font-family: "BIZ UDPMincho", "BIZ UDP明朝", "BIZ UDMincho", "BIZ UD明朝", "Hiragino Mincho ProN",
      "Yu Mincho", YuMincho, "Noto Serif CJK JP", "IPAexMincho", serif;
  }
  h1, h2, h3, h4, figcaption, th, .cover {
    font-family: "BIZ UDPGothic", "BIZ UDPゴシック", "BIZ UDGothic", "BIZ UDゴシック", "Hiragino Sans",
      "Yu Gothic", YuGothic, Meiryo, "Noto Sans CJK JP", "IPAexGothic", sans-serif;
  }
  body > header, body > nav, main { width: auto; max-width: none; }
  .skip, nav.toc { display: none; }
  .cover { min-height: 230mm; display: flex; flex-direction: column; justify-content: center; text-align: center; border: 0; padding: 0; margin: 0; break-after: page; page-break-after: always; }
  .cover h1 { font-size: 20pt; margin-bottom: 2em; }
  h2 { font-size: 14pt; margin-top: 1.6em; }
  h3 { font-size: 12pt; }
  h4 { font-size: 10.5pt; }
  h1, h2, h3, h4, figcaption { break-after: avoid; page-break-after: avoid; break-inside: avoid; page-break-inside: avoid; }
  tr, figure, pre, blockquote, .chart-svg { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  .tw { overflow: visible; }
  table { font-size: 9pt; }
  thead th, thead td, tbody th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  hr.page { border: 0; margin: 0; break-after: page; page-break-after: always; }
  a { color: inherit; text-decoration: none; }
}
"#;

fn write(doc: &Prepared) -> String {
    let blocks = md::parse(&doc.body);
    let title = doc.cover_title.as_deref().unwrap_or(&doc.title);
    // Without a cover (a worksheet), a body that opens with the title uses it as the <h1>.
    let opens_with_title = !doc.cover
        && matches!(blocks.first(), Some(Block::Heading { content, .. })
            if plain_text(content) == doc.title || plain_text(content) == title);
    let mut body = Writer::new();
    if opens_with_title {
        if let Some(Block::Heading { content, .. }) = blocks.first() {
            body.out.push_str("<h1 id=\"title\">");
            inlines(&mut body.out, content);
            body.out.push_str("</h1>\n");
        }
        body.blocks(&blocks[1..], true, 0);
    } else {
        body.blocks(&blocks, true, 0);
    }

    let mut out = String::with_capacity(body.out.len() + CSS.len() + 4096);
    out.push_str("<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">"
    );
    out.push_str("<title>");
    push_esc(&mut out, &doc.title);
    out.push_str("</title>\n");
    if !doc.author.is_empty() {
        out.push_str("<meta name=\"author\" content=\"");
        push_esc(&mut out, &doc.author);
        out.push_str("\">\n");
    }
    if !doc.subject.is_empty() {
        out.push_str("<meta name=\"description\" content=\"");
        push_esc(&mut out, &doc.subject);
        if !doc.author.is_empty() {
            out.push('（');
            push_esc(&mut out, &doc.author);
            out.push('）');
        }
        out.push_str("\">\n");
    }
    let _ = writeln!(
        out,
        "<meta name=\"generator\" content=\"Hoshin {}\">",
        env!("CARGO_PKG_VERSION")
    );
    // No favicon request: the icon is empty and inline.
    out.push_str("<link rel=\"icon\" href=\"data:,\">\n<style>");
    out.push_str(CSS);
    for (k, w) in body.weights.iter().enumerate() {
        for (i, p) in w.iter().enumerate() {
            let _ = writeln!(out, ".cw{k} col:nth-child({}) {{ width: {p:.2}%; }}", i + 1);
        }
    }
    out.push_str("</style>\n</head>\n<body>\n");
    out.push_str("<a class=\"skip\" href=\"#main\">本文へ移動</a>\n");
    if !opens_with_title {
        out.push_str(if doc.cover {
            "<header class=\"cover\">\n"
        } else {
            "<header>\n"
        });
        out.push_str("<h1 id=\"title\">");
        push_esc(&mut out, title);
        out.push_str("</h1>\n");
        if doc.cover {
            for l in &doc.cover_lines {
                out.push_str("<p>");
                push_esc(&mut out, l);
                out.push_str("</p>\n");
            }
        }
        out.push_str("</header>\n");
    }
    if doc.toc && !body.toc.is_empty() {
        out.push_str(
            "<nav class=\"toc\" aria-labelledby=\"toc-title\">\n<div>\n<h2 id=\"toc-title\">目次</h2>\n<ol>\n",
        );
        for (id, text) in &body.toc {
            let _ = write!(out, "<li><a href=\"#{id}\">");
            push_esc(&mut out, text);
            out.push_str("</a></li>\n");
        }
        out.push_str("</ol>\n</div>\n</nav>\n");
    }
    out.push_str("<main id=\"main\">\n");
    out.push_str(&body.out);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prepared(body: &str, cover: bool, toc: bool) -> Prepared {
        Prepared {
            markdown: String::new(),
            body: body.into(),
            title: "人材育成・確保基本方針 <案>".into(),
            cover_title: None,
            author: "やまびこ町 \"テスト\" & 'x'".into(),
            subject: "人材育成・確保基本方針".into(),
            cover_lines: vec!["計画期間　令和8年度～令和12年度".into()],
            toc,
            cover,
        }
    }

    fn html(body: &str) -> String {
        write(&prepared(body, true, true))
    }

    #[test]
    fn escape_covers_the_five_characters() {
        assert_eq!(
            escape(r#"<a href="x" title='y'>&amp;</a>"#),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;"
        );
    }

    fn levels(h: &str) -> Vec<u8> {
        h.match_indices("<h")
            .filter_map(|(i, _)| h[i + 2..i + 3].parse().ok())
            .collect()
    }

    #[test]
    fn headings_never_skip_a_level_and_the_title_is_the_only_h1() {
        let h = html(
            "# 章のつもり\n\n#### 深すぎる見出し\n\n## 第2\n\n### 1 項目\n\n#### (1) 目標\n\n## 第3\n\n#### いきなり深い\n",
        );
        // The title, the contents' heading, then the body.
        assert_eq!(levels(&h), [1, 2, 2, 3, 2, 3, 4, 2, 3]);
        assert!(h.contains("<h1 id=\"title\">人材育成・確保基本方針 &lt;案&gt;</h1>"));
        // Contents: the chapters, linked.
        for (id, t) in [("h1", "章のつもり"), ("h3", "第2"), ("h6", "第3")] {
            assert!(
                h.contains(&format!("<li><a href=\"#{id}\">{t}</a></li>")),
                "{t}"
            );
        }
        // Without a cover there are no cover lines; without contents no <nav>.
        let bare = write(&prepared("## 第1\n\n本文。\n", false, false));
        assert!(!bare.contains("計画期間") && !bare.contains("<nav"));
        assert_eq!(levels(&bare), [1, 2]);
    }

    #[test]
    fn tables_head_their_columns_and_key_value_tables_their_rows() {
        let h = html(
            "## 第1 基本\n\n| 項目 | 内容 |\n|---|---:|\n| 団体名 | <u>やまびこ</u>町<br>二行目 |\n\n| 研修 | 回数 |\n|---|---|\n| 新任研修 | 2 |\n",
        );
        assert!(h.contains("<table aria-label=\"第1 基本\">"));
        assert!(h.contains("<table aria-label=\"第1 基本（表2）\">"));
        assert!(h.contains(
            "<tr><th scope=\"col\" class=\"nw\">項目</th><th scope=\"col\" class=\"r nw\">内容</th></tr>"
        ));
        // 項目 names the rows; 研修 is data.
        assert!(h.contains("<th scope=\"row\" class=\"nw\">団体名</th>"));
        assert!(h.contains("<td class=\"nw\">新任研修</td>"));
        // The change and the line break of the cell survive.
        assert!(h.contains(
            "<td class=\"r\"><u class=\"chg\"><span class=\"vh\">［変更箇所：</span>やまびこ<span class=\"vh\">：変更箇所ここまで］</span></u>町<br>二行目</td>"
        ));
    }

    #[test]
    fn metadata_is_escaped_and_the_page_is_self_contained() {
        let h = html("## 第1 基本的な考え方\n\n本文。\n");
        assert!(h.starts_with("<!DOCTYPE html>\n<html lang=\"ja\">"));
        assert!(h.contains("<meta charset=\"utf-8\">"));
        assert!(h.contains(&format!("content=\"{CSP}\"")));
        assert!(h.contains("<title>人材育成・確保基本方針 &lt;案&gt;</title>"));
        assert!(h.contains(
            "<meta name=\"author\" content=\"やまびこ町 &quot;テスト&quot; &amp; &#39;x&#39;\">"
        ));
        for banned in [
            "<script",
            "http://",
            "https://",
            "@import",
            "url(",
            "<img",
            "<link rel=\"stylesheet\"",
        ] {
            assert!(!h.contains(banned), "{banned} in the page");
        }
    }
}
