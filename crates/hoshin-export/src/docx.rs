//! Word (.docx) through docx-rs, from the same Markdown body the PDF is laid out from (read
//! with hoshin-pdf's parser, so `<u>`, `<br>`, equal columns and charts mean the same):
//! a cover, a contents field, headings in Word's built-in heading styles (見出し 1–3) with
//! the official numbering kept as text, tables as Word tables whose header row repeats on
//! every page, page numbers in the footer, A4 (or landscape), and fonts named in the
//! styles (BIZ UD明朝 for text, BIZ UDゴシック for headings, both on Windows 10 and later;
//! the font table names ＭＳ 明朝 and ＭＳ ゴシック as their fallbacks).
//! A chart becomes a small table of its values: Word readers get the numbers.

use docx_rs::{
    AlignmentType, BreakType, Docx, FieldCharType, Footer, Hyperlink, HyperlinkType, InstrText,
    InstrToC, LineSpacing, LineSpacingType, PageMargin, PageOrientationType, Paragraph, Run,
    RunFonts, Shading, ShdType, SpecialIndentType, Style, StyleType, Table, TableCell,
    TableCellMargins, TableLayoutType, TableRow, WidthType,
};
use hoshin_pdf::chart::Chart;
use hoshin_pdf::markdown::{self as md, ordered_marker, plain_text, wants_indent, Block, Inline};

use crate::chart_table::{chart_table, ChartTable};
use crate::{ExportError, Prepared, Rendered, Renderer};

const MINCHO: &str = "BIZ UD明朝";
const GOTHIC: &str = "BIZ UDゴシック";
/// A4 in twentieths of a point.
const A4_W: u32 = 11906;
const A4_H: u32 = 16838;
/// 25 mm top and bottom, 23.5 mm left and right (as the PDF).
const MARGIN_TB: i32 = 1418;
const MARGIN_LR: i32 = 1332;
/// The plain Normal style docx-rs writes before the styles it is given.
const BARE_NORMAL: &str = r#"<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal" /><w:rPr /><w:pPr><w:rPr /></w:pPr><w:qFormat /></w:style>"#;
/// Half-points.
const BODY_HALF_PT: usize = 21;
const TABLE_HALF_PT: usize = 19;
/// One full-width character of body text in twips (10.5 pt).
const EM: i32 = 210;

/// Word output; `landscape` turns the pages (for a wide 新旧対照表).
#[derive(Debug, Clone, Copy, Default)]
pub struct DocxRenderer {
    pub landscape: bool,
}

impl Renderer for DocxRenderer {
    fn extension(&self) -> &'static str {
        "docx"
    }

    fn render(&self, doc: &Prepared) -> Result<Rendered, ExportError> {
        let bytes = write(doc, self.landscape)?;
        Ok(Rendered {
            bytes,
            warnings: vec![],
            pages: None,
        })
    }
}

fn fonts(face: &str) -> RunFonts {
    RunFonts::new()
        .ascii(face)
        .hi_ansi(face)
        .east_asia(face)
        .cs(face)
}

fn styles(docx: Docx) -> Docx {
    let heading = |id: &str, name: &str, size: usize, level: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .ui_priority(9)
            .fonts(fonts(GOTHIC))
            .size(size)
            .outline_lvl(level)
            .line_spacing(LineSpacing::new().before(240 - 60 * level as u32).after(80))
    };
    let toc = |id: &str, name: &str, level: i32| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .ui_priority(39)
            .indent(Some(EM * 2 * level), None, None, None)
    };
    docx.default_fonts(fonts(MINCHO))
        .default_size(BODY_HALF_PT)
        .add_style(
            Style::new("Normal", StyleType::Paragraph)
                .name("Normal")
                .q_format(true)
                .fonts(fonts(MINCHO))
                .size(BODY_HALF_PT)
                .align(AlignmentType::Both)
                .line_spacing(
                    LineSpacing::new()
                        .line_rule(LineSpacingType::Auto)
                        .line(300)
                        .after(60),
                ),
        )
        .add_style(heading("Heading1", "heading 1", 28, 0))
        .add_style(heading("Heading2", "heading 2", 24, 1))
        .add_style(heading("Heading3", "heading 3", 22, 2))
        .add_style(heading("Heading4", "heading 4", 21, 3))
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .based_on("Normal")
                .q_format(true)
                .fonts(fonts(GOTHIC))
                .size(40)
                .align(AlignmentType::Center),
        )
        .add_style(toc("TOC1", "toc 1", 0))
        .add_style(toc("TOC2", "toc 2", 1))
        .add_style(
            Style::new("TableText", StyleType::Paragraph)
                .name("Table Text")
                .based_on("Normal")
                .size(TABLE_HALF_PT)
                .align(AlignmentType::Left)
                .line_spacing(
                    LineSpacing::new()
                        .line_rule(LineSpacingType::Auto)
                        .line(240)
                        .after(0),
                ),
        )
}

/// Inline Markdown as runs in `size` (half-points), `bold` for header cells.
fn runs(mut p: Paragraph, inl: &[Inline], bold: bool) -> Paragraph {
    let mut last_wide = false;
    for (i, x) in inl.iter().enumerate() {
        match x {
            Inline::Text(t, st) => {
                let mut r = Run::new().add_text(t.as_str());
                if st.gothic || st.code || bold {
                    r = r.fonts(fonts(GOTHIC));
                }
                if st.italic {
                    r = r.italic();
                }
                if st.underline {
                    r = r.underline("single");
                }
                if st.strike {
                    r = r.strike();
                }
                last_wide = t.chars().last().is_some_and(|c| !c.is_ascii());
                p = p.add_run(r);
            }
            Inline::Soft => {
                // A source line break: nothing between Japanese text, a space otherwise.
                let next_wide = match inl.get(i + 1) {
                    Some(Inline::Text(t, _)) => t.chars().next().is_some_and(|c| !c.is_ascii()),
                    _ => true,
                };
                if !(last_wide || next_wide) {
                    p = p.add_run(Run::new().add_text(" "));
                }
            }
            Inline::Hard => {
                p = p.add_run(Run::new().add_break(BreakType::TextWrapping));
            }
        }
    }
    p
}

/// Where blocks go: left indent in twips, top level (paragraph indents), ordered-list depth.
#[derive(Clone, Copy)]
struct Cx {
    left: i32,
    top_level: bool,
    ord_depth: usize,
}

struct Writer {
    docx: Docx,
    /// Bookmarks given so far (the contents link to `_Toc` + the number).
    bookmark: usize,
    text_width: u32,
}

impl Writer {
    fn para(&mut self, p: Paragraph) {
        let docx = std::mem::take(&mut self.docx);
        self.docx = docx.add_paragraph(p);
    }

    fn table(&mut self, t: Table) {
        let docx = std::mem::take(&mut self.docx);
        self.docx = docx.add_table(t);
    }

    fn heading(&mut self, level: u8, content: &[Inline]) {
        let word = word_level(level);
        let mut p = Paragraph::new()
            .style(&format!("Heading{word}"))
            .keep_next(true);
        if word == 1 {
            self.bookmark += 1;
            p = p.add_bookmark_start(self.bookmark, bookmark_name(self.bookmark));
            p = runs(p, content, false);
            p = p.add_bookmark_end(self.bookmark);
        } else {
            p = runs(p, content, false);
        }
        self.para(p);
    }

    fn blocks(&mut self, blocks: &[Block], cx: Cx) {
        for b in blocks {
            match b {
                Block::Heading { level, content } => self.heading(*level, content),
                Block::Para(inl) => {
                    let mut p = Paragraph::new();
                    let first = if cx.top_level && wants_indent(inl) {
                        Some(SpecialIndentType::FirstLine(EM))
                    } else {
                        None
                    };
                    if cx.left > 0 || first.is_some() {
                        p = p.indent(Some(cx.left), first, None, None);
                    }
                    self.para(runs(p, inl, false));
                }
                Block::List {
                    ordered,
                    start,
                    items,
                } => {
                    for (k, item) in items.iter().enumerate() {
                        let marker = if *ordered {
                            ordered_marker(cx.ord_depth, start + k as u64)
                        } else {
                            "・".to_string()
                        };
                        let hang = EM * 2;
                        let inner = Cx {
                            left: cx.left + hang,
                            top_level: false,
                            ord_depth: cx.ord_depth + usize::from(*ordered),
                        };
                        let (first, rest) = match item.split_first() {
                            Some((Block::Para(inl), rest)) => (Some(inl), rest),
                            _ => (None, &item[..]),
                        };
                        let mut p = Paragraph::new()
                            .indent(
                                Some(inner.left),
                                Some(SpecialIndentType::Hanging(hang)),
                                None,
                                None,
                            )
                            .add_run(Run::new().add_text(marker).add_tab());
                        if let Some(inl) = first {
                            p = runs(p, inl, false);
                        }
                        self.para(p);
                        self.blocks(rest, inner);
                    }
                }
                Block::Quote(inner) => self.blocks(
                    inner,
                    Cx {
                        left: cx.left + EM * 2,
                        top_level: false,
                        ord_depth: cx.ord_depth,
                    },
                ),
                Block::Code(src) => {
                    for line in src.trim_end_matches('\n').split('\n') {
                        let p = Paragraph::new()
                            .style("TableText")
                            .indent(Some(cx.left), None, None, None)
                            .add_run(Run::new().fonts(fonts(GOTHIC)).add_text(line));
                        self.para(p);
                    }
                }
                Block::Table {
                    aligns,
                    head,
                    rows,
                    weights,
                } => {
                    let t = self.word_table(aligns, head, rows, weights.as_deref(), cx.left);
                    self.table(t);
                    // Word joins two tables that touch; a paragraph keeps them apart.
                    self.para(Paragraph::new().style("TableText"));
                }
                Block::Chart(c) => self.chart(c, cx),
                Block::PageBreak => {
                    self.para(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)))
                }
            }
        }
    }

    fn word_table(
        &self,
        aligns: &[md::Align],
        head: &[Vec<Inline>],
        rows: &[Vec<Vec<Inline>>],
        weights: Option<&[f32]>,
        left: i32,
    ) -> Table {
        let n = head
            .len()
            .max(rows.iter().map(Vec::len).max().unwrap_or(0))
            .max(1);
        let width = self.text_width.saturating_sub(left.max(0) as u32);
        let widths = column_widths(head, rows, n, width, weights);
        let cell =
            |inl: Option<&Vec<Inline>>, w: usize, align: Option<&md::Align>, header: bool| {
                let mut p = Paragraph::new().style("TableText");
                p = match align {
                    Some(md::Align::Center) => p.align(AlignmentType::Center),
                    Some(md::Align::Right) => p.align(AlignmentType::Right),
                    _ => p,
                };
                if let Some(inl) = inl {
                    p = runs(p, inl, header);
                }
                let mut c = TableCell::new().add_paragraph(p).width(w, WidthType::Dxa);
                if header {
                    c = c.shading(Shading::new().shd_type(ShdType::Clear).fill("E7E6E6"));
                }
                c
            };
        let mut out = Vec::with_capacity(rows.len() + 1);
        if !head.is_empty() {
            let cells = (0..n)
                .map(|i| cell(head.get(i), widths[i], aligns.get(i), true))
                .collect();
            // `cant_split` marks the header row; [`write`] turns it into a repeating one.
            out.push(TableRow::new(cells).cant_split());
        }
        for r in rows {
            let cells = (0..n)
                .map(|i| cell(r.get(i), widths[i], aligns.get(i), false))
                .collect();
            out.push(TableRow::new(cells));
        }
        let mut t = Table::new(out)
            .set_grid(widths.clone())
            .layout(TableLayoutType::Fixed)
            .margins(TableCellMargins::new().margin(40, 80, 40, 80))
            .width(widths.iter().sum(), WidthType::Dxa);
        if left > 0 {
            t = t.indent(left);
        }
        t
    }

    /// A chart as its title and a table of values (series by year).
    fn chart(&mut self, c: &Chart, cx: Cx) {
        if !c.title.is_empty() {
            self.para(
                Paragraph::new()
                    .keep_next(true)
                    .indent(Some(cx.left), None, None, None)
                    .add_run(Run::new().fonts(fonts(GOTHIC)).add_text(c.title.as_str())),
            );
        }
        let ChartTable { aligns, head, rows } = chart_table(c);
        let t = self.word_table(&aligns, &head, &rows, None, cx.left);
        self.table(t);
        self.para(Paragraph::new().style("TableText"));
    }
}

/// The body starts at ## (第1 …): ## → 見出し 1, ### → 見出し 2, #### → 見出し 3.
fn word_level(md_level: u8) -> usize {
    (md_level.max(2) - 1).min(4) as usize
}

fn bookmark_name(n: usize) -> String {
    format!("_Toc{n:08}")
}

/// The headings the contents lists (見出し 1, as the PDF's contents), (Word level, text,
/// bookmark), in the order [`Writer`] meets them.
fn headings(blocks: &[Block], out: &mut Vec<(usize, String, String)>) {
    for b in blocks {
        match b {
            Block::Heading { level, content } if word_level(*level) == 1 => {
                let n = out.len() + 1;
                out.push((word_level(*level), plain_text(content), bookmark_name(n)));
            }
            Block::List { items, .. } => {
                for item in items {
                    headings(item, out);
                }
            }
            Block::Quote(inner) => headings(inner, out),
            _ => {}
        }
    }
}

/// Column widths in twips: in the given proportions, else by the longest line of each column
/// (a full-width character counts two), every column at least four characters wide.
fn column_widths(
    head: &[Vec<Inline>],
    rows: &[Vec<Vec<Inline>>],
    n: usize,
    total: u32,
    weights: Option<&[f32]>,
) -> Vec<usize> {
    if let Some(w) = weights {
        return md::weighted_widths(w, n, total as f32)
            .into_iter()
            .map(|x| x as usize)
            .collect();
    }
    let total = total as usize;
    let len = |inl: &Vec<Inline>| -> usize {
        plain_text(inl)
            .split(' ')
            .map(|w| {
                w.chars()
                    .map(|c| if c.is_ascii() { 1 } else { 2 })
                    .sum::<usize>()
            })
            .sum::<usize>()
            .min(60)
    };
    let mut want = vec![8usize; n];
    for r in std::iter::once(head).chain(rows.iter().map(Vec::as_slice)) {
        for (i, c) in r.iter().enumerate().take(n) {
            want[i] = want[i].max(len(c) + 2);
        }
    }
    let sum: usize = want.iter().sum();
    let mut w: Vec<usize> = want.iter().map(|x| total * x / sum).collect();
    // Columns narrower than four characters borrow from the widest.
    let min = (EM as usize) * 2;
    for i in 0..n {
        if w[i] < min {
            let widest = (0..n).max_by_key(|j| w[*j]).unwrap_or(0);
            let need = min - w[i];
            if w[widest] > need + min {
                w[widest] -= need;
                w[i] = min;
            }
        }
    }
    w
}

/// The contents: a TOC field whose entries are filled in already (headings, linked to their
/// bookmarks). Word adds page numbers when the field is updated.
fn contents(mut docx: Docx, toc: &[(usize, String, String)]) -> Docx {
    docx = docx.add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(Run::new().fonts(fonts(GOTHIC)).size(28).add_text("目次")),
    );
    let instr = InstrToC::new().heading_styles_range(1, 1).hyperlink();
    for (i, (level, text, bookmark)) in toc.iter().enumerate() {
        let mut p = Paragraph::new().style(&format!("TOC{level}"));
        if i == 0 {
            p = p.add_run(
                Run::new()
                    .add_field_char(FieldCharType::Begin, false)
                    .add_instr_text(InstrText::TOC(instr.clone()))
                    .add_field_char(FieldCharType::Separate, false),
            );
        }
        p = p.add_hyperlink(
            Hyperlink::new(bookmark, HyperlinkType::Anchor).add_run(Run::new().add_text(text)),
        );
        if i + 1 == toc.len() {
            p = p.add_run(Run::new().add_field_char(FieldCharType::End, false));
        }
        docx = docx.add_paragraph(p);
    }
    docx.add_paragraph(Paragraph::new().add_run(
        Run::new().size(18).color("595959").add_text(
            "ページ番号は、Word で目次を右クリックし「フィールド更新」を選ぶと入ります。",
        ),
    ))
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Title and author in docProps/core.xml (docx-rs writes 「unknown」 and has no setter).
fn core_props(core: &[u8], title: &str, author: &str) -> Vec<u8> {
    let author = xml_escape(author);
    let mut s = String::from_utf8_lossy(core)
        .replace(
            "<dc:creator>unknown</dc:creator>",
            &format!("<dc:creator>{author}</dc:creator>"),
        )
        .replace(
            "<cp:lastModifiedBy>unknown</cp:lastModifiedBy>",
            &format!("<cp:lastModifiedBy>{author}</cp:lastModifiedBy>"),
        );
    if let Some(at) = s.rfind("</cp:coreProperties>") {
        if !s.contains("<dc:title") {
            s.insert_str(at, &format!("<dc:title>{}</dc:title>", xml_escape(title)));
        }
    }
    s.into_bytes()
}

/// What can go wrong while packing the Word file (in memory, so only a broken package).
#[derive(Debug, thiserror::Error)]
pub enum WordError {
    #[error("zip: {0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// docx-rs's own packing (another zip version, so only its message travels).
    #[error("docx-rs: {0}")]
    Pack(String),
}

/// docx-rs stores every part uncompressed; a file sent by mail should be small, so the
/// parts are packed again with deflate (same names, same order).
fn deflate(stored: &[u8]) -> Result<Vec<u8>, WordError> {
    use std::io::{Read, Write};
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(stored))?;
    let mut zout = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zin.len() {
        let mut f = zin.by_index(i)?;
        let name = f.name().to_string();
        if f.is_dir() {
            zout.add_directory(name, opts)?;
            continue;
        }
        let mut buf = Vec::with_capacity(f.size() as usize);
        f.read_to_end(&mut buf)?;
        zout.start_file(name, opts)?;
        zout.write_all(&buf)?;
    }
    Ok(zout.finish()?.into_inner())
}

fn now_w3cdtf() -> String {
    time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

fn write(doc: &Prepared, landscape: bool) -> Result<Vec<u8>, WordError> {
    let (w, h) = if landscape {
        (A4_H, A4_W)
    } else {
        (A4_W, A4_H)
    };
    let text_width = w - 2 * MARGIN_LR as u32;
    let now = now_w3cdtf();
    let mut docx = styles(Docx::new())
        .created_at(&now)
        .updated_at(&now)
        .page_size(w, h)
        .page_margin(
            PageMargin::new()
                .top(MARGIN_TB)
                .bottom(MARGIN_TB)
                .left(MARGIN_LR)
                .right(MARGIN_LR)
                .header(850)
                .footer(567),
        )
        // No page number on the cover.
        .title_pg()
        .first_footer(Footer::new().add_paragraph(Paragraph::new()))
        .footer(
            Footer::new().add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Center)
                    .add_run(Run::new().add_text("- "))
                    .add_page_num(docx_rs::PageNum::new())
                    .add_run(Run::new().add_text(" -")),
            ),
        );
    if landscape {
        docx = docx.page_orient(PageOrientationType::Landscape);
    }
    // Cover.
    if doc.cover {
        let cover_title = doc.cover_title.as_deref().unwrap_or(&doc.title);
        for _ in 0..6 {
            docx = docx.add_paragraph(Paragraph::new());
        }
        docx = docx.add_paragraph(
            Paragraph::new()
                .style("Title")
                .add_run(Run::new().add_text(cover_title)),
        );
        docx = docx.add_paragraph(Paragraph::new());
        for l in &doc.cover_lines {
            docx = docx.add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Center)
                    .add_run(Run::new().add_text(l.as_str())),
            );
        }
        docx = docx.add_paragraph(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)));
    }
    let blocks = md::parse(&doc.body);
    let mut toc = Vec::new();
    headings(&blocks, &mut toc);
    if doc.toc && !toc.is_empty() {
        docx = contents(docx, &toc);
        docx = docx.add_paragraph(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)));
    }
    let mut body = Writer {
        docx,
        bookmark: 0,
        text_width,
    };
    body.blocks(
        &blocks,
        Cx {
            left: 0,
            top_level: true,
            ord_depth: 0,
        },
    );
    let docx = body.docx;

    let mut xml = docx.build();
    // The header row of every table repeats on each page (docx-rs has no setter for
    // w:tblHeader; the header rows are the only ones marked cantSplit).
    let document = String::from_utf8_lossy(&xml.document)
        .replace("<w:cantSplit />", "<w:cantSplit /><w:tblHeader />");
    xml.document = crate::docx_order::canonical(&document).into_bytes();
    // docx-rs always writes a bare "Normal" first; ours (fonts, size, spacing) replaces it,
    // so the style id is defined once, and it is the default paragraph style.
    let styles = String::from_utf8_lossy(&xml.styles)
        .replacen(BARE_NORMAL, "", 1)
        .replacen(
            r#"<w:style w:type="paragraph" w:styleId="Normal">"#,
            r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal">"#,
            1,
        );
    xml.styles = crate::docx_order::canonical(&styles).into_bytes();
    // The fonts the styles name, with the Japanese fonts every Windows has as fallbacks
    // (Word uses w:altName when BIZ UD is not installed, e.g. before Windows 10).
    let fonts = String::from_utf8_lossy(&xml.font_table).replacen(
        "</w:fonts>",
        &format!(
            r#"<w:font w:name="{MINCHO}"><w:altName w:val="ＭＳ 明朝" /><w:charset w:val="80" /><w:family w:val="roman" /><w:pitch w:val="fixed" /></w:font><w:font w:name="{GOTHIC}"><w:altName w:val="ＭＳ ゴシック" /><w:charset w:val="80" /><w:family w:val="modern" /><w:pitch w:val="fixed" /></w:font></w:fonts>"#
        ),
        1,
    );
    xml.font_table = fonts.into_bytes();
    for f in xml.footers.iter_mut().chain(xml.headers.iter_mut()) {
        *f = crate::docx_order::canonical(&String::from_utf8_lossy(f)).into_bytes();
    }
    xml.doc_props.core = core_props(&xml.doc_props.core, &doc.title, &doc.author);
    let mut out = std::io::Cursor::new(Vec::new());
    xml.pack(&mut out)
        .map_err(|e| WordError::Pack(format!("{e}")))?;
    deflate(&out.into_inner())
}
