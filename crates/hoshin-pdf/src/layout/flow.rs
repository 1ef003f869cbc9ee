//! Block flow: the Markdown blocks laid out one after another with the page engine.
//! Paragraphs (justified, a 1-character indent unless they start with a bracket, a
//! bullet or their own numbering), headings kept with what follows them, lists
//! numbered the municipal way (第1 → 1 → (1) → ア → (ア) → a → (a)), block quotes
//! with a bar, code on a grey ground, and explicit page breaks. Tables are in
//! [`super::table`].

use super::engine::{Bar, Cx, Engine, HeadRec, Laid, LayOpts, Marker};
use super::{Cmd, Role, ARTIFACT, BODY_LH, BODY_SIZE, LEFT, TEXT_W};
use crate::linebreak::LineOut;
use crate::markdown::{ordered_marker, plain_text, wants_indent, Block, Inline, Style};

/// How much of what follows a heading must fit on its page: two lines of text, a table's
/// header and first row, a chart, or, for a heading that follows, that heading and what it keeps.
fn keep_after(blocks: &[Block], i: usize) -> f32 {
    match blocks.get(i) {
        Some(Block::Table { .. }) => 4.0 * BODY_LH,
        Some(Block::Chart(_)) => super::chart::CHART_H + BODY_LH,
        Some(Block::Heading { .. }) => 2.0 * BODY_LH + keep_after(blocks, i + 1),
        _ => 2.0 * BODY_LH,
    }
}

impl Engine<'_, '_> {
    /// Lay out and place a paragraph.
    #[allow(clippy::too_many_arguments)]
    fn para(
        &mut self,
        inl: &[Inline],
        cx: Cx,
        size: f32,
        line_h: f32,
        style: Style,
        indent: f32,
        justify: bool,
    ) {
        let laid = self.lay(
            inl,
            size,
            style,
            LayOpts {
                first_width: cx.width - indent,
                width: cx.width,
                justify,
                hanging: true,
            },
        );
        let lines = laid.lines.clone();
        for (k, line) in lines.iter().enumerate() {
            let y = self.place(line_h);
            self.draw_markers(y, line_h);
            let x0 = cx.left + if k == 0 { indent } else { 0.0 };
            self.draw_line(&laid, line, x0, y, line_h);
        }
    }

    pub fn blocks(&mut self, blocks: &[Block]) {
        let cx = Cx {
            left: LEFT,
            width: TEXT_W,
            top_level: true,
            ord_depth: 0,
        };
        self.blocks_in(blocks, cx);
        self.flush_bars();
    }

    fn blocks_in(&mut self, blocks: &[Block], cx: Cx) {
        for (i, b) in blocks.iter().enumerate() {
            match b {
                Block::Heading { level, content } => {
                    self.heading(*level, content, cx, keep_after(blocks, i + 1))
                }
                Block::Para(inl) => {
                    let indent = if cx.top_level && wants_indent(inl) {
                        BODY_SIZE
                    } else {
                        0.0
                    };
                    self.leaf(Role::P);
                    self.para(inl, cx, BODY_SIZE, BODY_LH, Style::default(), indent, true);
                    self.gap(BODY_LH * 0.35);
                }
                Block::List {
                    ordered,
                    start,
                    items,
                } => self.list(*ordered, *start, items, cx),
                Block::Quote(inner) => {
                    self.gap(BODY_LH * 0.35);
                    let ind = BODY_SIZE * 1.5;
                    let saved = self.enter(Role::BlockQuote);
                    self.bars.push(Bar {
                        x: cx.left + BODY_SIZE * 0.4,
                        seg: None,
                    });
                    let inner_cx = Cx {
                        left: cx.left + ind,
                        width: cx.width - ind,
                        top_level: false,
                        ord_depth: cx.ord_depth,
                    };
                    self.blocks_in(inner, inner_cx);
                    self.leave(saved);
                    let bar = self.bars.pop().unwrap();
                    if let Some((t, btm)) = bar.seg {
                        self.page().fg.push(Cmd::Line {
                            x1: bar.x,
                            y1: t,
                            x2: bar.x,
                            y2: btm,
                            w: 1.5,
                            gray: 0.65,
                            dotted: false,
                            tag: ARTIFACT,
                        });
                    }
                    self.gap(BODY_LH * 0.35);
                }
                Block::Code(src) => self.code(src, cx),
                Block::Chart(c) => self.chart(c, cx),
                Block::Table {
                    aligns,
                    head,
                    rows,
                    weights,
                } => self.table(aligns, head, rows, weights.as_deref(), cx),
                Block::PageBreak => {
                    if !self.fresh {
                        self.new_page();
                    }
                }
            }
        }
    }

    fn heading(&mut self, level: u8, content: &[Inline], cx: Cx, keep: f32) {
        let (size, before, after) = match level {
            1 => (15.0, BODY_LH * 1.2, BODY_LH * 0.5),
            2 => (13.0, BODY_LH * 0.9, BODY_LH * 0.3),
            3 => (11.5, BODY_LH * 0.6, BODY_LH * 0.15),
            _ => (BODY_SIZE, BODY_LH * 0.5, BODY_LH * 0.1),
        };
        let line_h = size * 1.5;
        let style = Style {
            gothic: true,
            ..Style::default()
        };
        let laid = self.lay(
            content,
            size,
            style,
            LayOpts {
                first_width: cx.width,
                width: cx.width,
                justify: false,
                hanging: true,
            },
        );
        let n = laid.lines.len().max(1) as f32;
        self.leaf(Role::H(level));
        self.gap(before);
        self.need(n * line_h + after + keep);
        let mut first_y = None;
        for line in laid.lines.clone().iter() {
            let y = self.place(line_h);
            first_y.get_or_insert(y);
            self.draw_markers(y, line_h);
            self.draw_line(&laid, line, cx.left, y, line_h);
        }
        let y0 = first_y.unwrap_or(self.y);
        if level == 1 {
            let y = self.y + 1.5;
            self.page().fg.push(Cmd::Line {
                x1: cx.left,
                y1: y,
                x2: cx.left + cx.width,
                y2: y,
                w: 0.6,
                gray: 0.3,
                dotted: false,
                tag: ARTIFACT,
            });
        }
        self.heads.push(HeadRec {
            level,
            text: plain_text(content),
            page: self.pages.len() - 1,
            y: y0,
        });
        self.gap(after);
    }

    fn list(&mut self, ordered: bool, start: u64, items: &[Vec<Block>], cx: Cx) {
        let markers: Vec<String> = (0..items.len() as u64)
            .map(|k| {
                if ordered {
                    ordered_marker(cx.ord_depth, start + k)
                } else {
                    "・".to_string()
                }
            })
            .collect();
        let laid: Vec<Laid> = markers
            .iter()
            .map(|m| self.lay_str(m, BODY_SIZE, false))
            .collect();
        let maxw = laid
            .iter()
            .filter_map(|l| l.lines.first().map(|x| x.width))
            .fold(0.0f32, f32::max);
        let bx = if ordered {
            (maxw + BODY_SIZE * 0.5).max(BODY_SIZE)
        } else {
            BODY_SIZE
        };
        let inner = Cx {
            left: cx.left + bx,
            width: cx.width - bx,
            top_level: false,
            ord_depth: cx.ord_depth + usize::from(ordered),
        };
        let list = self.enter(Role::L);
        for (item, m) in items.iter().zip(laid) {
            let li = self.enter(Role::LI);
            let tag = self.tree.add(self.parent, Role::Lbl);
            self.markers.push(Marker {
                laid: m,
                x: cx.left,
                tag,
            });
            let body = self.enter(Role::LBody);
            self.blocks_in(item, inner);
            self.leave(body);
            self.leave(li);
            if !self.markers.is_empty() {
                // Empty item: the marker alone.
                let y = self.place(BODY_LH);
                self.draw_markers(y, BODY_LH);
            }
            self.gap(BODY_LH * 0.1);
        }
        self.leave(list);
        self.gap(BODY_LH * 0.35);
    }

    fn code(&mut self, src: &str, cx: Cx) {
        let size = 9.0;
        let line_h = size * 1.5;
        self.gap(BODY_LH * 0.3);
        let pad = 4.0;
        let style = Style {
            code: true,
            ..Style::default()
        };
        let text = src.strip_suffix('\n').unwrap_or(src);
        self.leaf(Role::P);
        for src_line in text.split('\n') {
            let inl = vec![Inline::Text(src_line.to_string(), Style::default())];
            let laid = self.lay(
                &inl,
                size,
                style,
                LayOpts {
                    first_width: cx.width - 2.0 * pad,
                    width: cx.width - 2.0 * pad,
                    justify: false,
                    hanging: false,
                },
            );
            let lines = if laid.lines.is_empty() {
                vec![LineOut {
                    start: 0,
                    end: 0,
                    xs: vec![],
                    width: 0.0,
                    hanging: false,
                    justified: false,
                    forced: false,
                }]
            } else {
                laid.lines.clone()
            };
            for line in &lines {
                let y = self.place(line_h);
                self.draw_markers(y, line_h);
                self.page().bg.push(Cmd::Fill {
                    x: cx.left,
                    y,
                    w: cx.width,
                    h: line_h,
                    gray: 0.94,
                    tag: ARTIFACT,
                });
                self.draw_line(&laid, line, cx.left + pad, y, line_h);
            }
        }
        self.gap(BODY_LH * 0.35);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_follows_municipal_convention() {
        assert_eq!(ordered_marker(0, 1), "(1)");
        assert_eq!(ordered_marker(1, 2), "イ");
        assert_eq!(ordered_marker(2, 1), "(ア)");
        assert_eq!(ordered_marker(3, 3), "c");
        assert_eq!(ordered_marker(4, 1), "(a)");
    }

    #[test]
    fn indent_rules() {
        let p = |s: &str| vec![Inline::Text(s.into(), Style::default())];
        assert!(wants_indent(&p("本市では、")));
        assert!(!wants_indent(&p("「人材」とは")));
        assert!(!wants_indent(&p("ア 研修の充実")));
        assert!(!wants_indent(&p("(1) 研修")));
    }
}
