//! The page engine: shaped clusters broken into lines (with [`crate::linebreak`]'s 禁則,
//! hanging punctuation and justification), lines placed top to bottom with gaps that
//! collapse at a page break, pages broken when the next piece does not fit, and lines
//! drawn as glyph and decoration commands. [`super::flow`], [`super::table`] and
//! [`super::pages`] build on these primitives.

use super::shaping::{shape_inlines, Cluster, FaceTable, Report};
use super::{Cmd, Page, Role, Tree, ARTIFACT, ASCENT, BOTTOM, TOP};
use crate::linebreak::{self, BreakItem, BreakOpts, LineOut};
use crate::markdown::{Inline, Style};

/// A paragraph broken into lines.
pub(crate) struct Laid {
    pub clusters: Vec<Cluster>,
    pub lines: Vec<LineOut>,
    pub size: f32,
}

#[derive(Clone, Copy)]
pub(crate) struct LayOpts {
    pub first_width: f32,
    pub width: f32,
    pub justify: bool,
    pub hanging: bool,
}

pub(crate) fn break_clusters(clusters: Vec<Cluster>, size: f32, o: LayOpts) -> Laid {
    let mut lines = Vec::new();
    let mut seg_start = 0;
    let n = clusters.len();
    let mut first = true;
    for k in 0..=n {
        if k < n && !clusters[k].hard {
            continue;
        }
        let seg = &clusters[seg_start..k];
        if seg.is_empty() {
            if k < n || seg_start == 0 && n > 0 {
                lines.push(LineOut {
                    start: seg_start,
                    end: seg_start,
                    xs: vec![],
                    width: 0.0,
                    hanging: false,
                    justified: false,
                    forced: false,
                });
            }
        } else {
            let items: Vec<BreakItem> = seg
                .iter()
                .map(|c| BreakItem {
                    text: c.text.as_str(),
                    width: c.width,
                })
                .collect();
            let opts = BreakOpts {
                em: size,
                first_width: if first { o.first_width } else { o.width },
                width: o.width,
                justify: o.justify,
                hanging: o.hanging,
            };
            for mut l in linebreak::break_lines(&items, &opts) {
                l.start += seg_start;
                l.end += seg_start;
                lines.push(l);
            }
        }
        first = false;
        seg_start = k + 1;
    }
    Laid {
        clusters,
        lines,
        size,
    }
}

/// A heading as placed, for the contents and the PDF outline.
#[derive(Clone, Debug)]
pub(crate) struct HeadRec {
    pub level: u8,
    pub text: String,
    /// Index of the page in the body page list.
    pub page: usize,
    pub y: f32,
}

/// Where blocks go: the left edge and width of the measure, whether at the top level
/// (paragraph indents), and the depth of ordered lists (numbering style).
#[derive(Clone, Copy)]
pub(super) struct Cx {
    pub left: f32,
    pub width: f32,
    pub top_level: bool,
    pub ord_depth: usize,
}

/// A block quote's bar: its x and the segment drawn so far on the current page.
pub(super) struct Bar {
    pub x: f32,
    pub seg: Option<(f32, f32)>,
}

/// A list item's marker, drawn with the first line placed after it.
pub(super) struct Marker {
    pub laid: Laid,
    pub x: f32,
    /// Its Lbl element.
    pub tag: u32,
}

pub(crate) struct Engine<'a, 'f> {
    pub ft: &'a mut FaceTable<'f>,
    pub rep: &'a mut Report,
    pub pages: Vec<Page>,
    /// Page that drawing goes to (the last one, except for footers).
    pub(super) cur: usize,
    /// Bottom of what is placed on the current page (the next piece goes below it,
    /// after the pending gap).
    pub(super) y: f32,
    /// Nothing placed on this page yet (a gap at the top of a page is dropped).
    pub(super) fresh: bool,
    /// Gap before the next placed piece (the larger of consecutive gaps wins).
    pub(super) pending: f32,
    pub(super) bars: Vec<Bar>,
    pub(super) markers: Vec<Marker>,
    pub heads: Vec<HeadRec>,
    /// The logical structure of what is drawn.
    pub tree: Tree,
    /// The element new elements go into.
    pub(super) parent: u32,
    /// The element that drawn glyphs belong to.
    pub(super) tag: u32,
}

impl<'a, 'f> Engine<'a, 'f> {
    pub fn new(ft: &'a mut FaceTable<'f>, rep: &'a mut Report) -> Self {
        Engine {
            ft,
            rep,
            pages: vec![Page::default()],
            cur: 0,
            y: TOP,
            fresh: true,
            pending: 0.0,
            bars: vec![],
            markers: vec![],
            heads: vec![],
            tree: Tree::default(),
            parent: 0,
            tag: ARTIFACT,
        }
    }

    /// A new element in the current one; glyphs drawn from now on belong to it.
    pub(super) fn leaf(&mut self, role: Role) -> u32 {
        self.tag = self.tree.add(self.parent, role);
        self.tag
    }

    /// A new container element that the next elements go into; returns the one to go
    /// back to ([`Engine::leave`]).
    pub(super) fn enter(&mut self, role: Role) -> u32 {
        let saved = self.parent;
        self.parent = self.tree.add(self.parent, role);
        saved
    }

    pub(super) fn leave(&mut self, saved: u32) {
        self.parent = saved;
    }

    pub fn lay(&mut self, inl: &[Inline], size: f32, style: Style, o: LayOpts) -> Laid {
        let cl = shape_inlines(self.ft, self.rep, inl, size, style);
        break_clusters(cl, size, o)
    }

    pub(super) fn lay_str(&mut self, s: &str, size: f32, gothic: bool) -> Laid {
        let inl = vec![Inline::Text(s.to_string(), Style::default())];
        let style = Style {
            gothic,
            ..Style::default()
        };
        self.lay(
            &inl,
            size,
            style,
            LayOpts {
                first_width: 1e6,
                width: 1e6,
                justify: false,
                hanging: false,
            },
        )
    }

    pub(super) fn page(&mut self) -> &mut Page {
        &mut self.pages[self.cur]
    }

    pub(super) fn flush_bars(&mut self) {
        let mut lines = Vec::new();
        for b in &mut self.bars {
            if let Some((t, btm)) = b.seg.take() {
                lines.push(Cmd::Line {
                    x1: b.x,
                    y1: t,
                    x2: b.x,
                    y2: btm,
                    w: 1.5,
                    gray: 0.65,
                    dotted: false,
                    tag: ARTIFACT,
                });
            }
        }
        self.page().fg.extend(lines);
    }

    pub fn new_page(&mut self) {
        self.flush_bars();
        self.pages.push(Page::default());
        self.cur = self.pages.len() - 1;
        self.y = TOP;
        self.fresh = true;
        self.pending = 0.0;
    }

    pub(super) fn gap(&mut self, h: f32) {
        self.pending = self.pending.max(h);
    }

    /// Break the page unless `h` (plus the pending gap) fits.
    pub(super) fn need(&mut self, h: f32) {
        if !self.fresh && self.y + self.pending + h > BOTTOM + 0.01 {
            self.new_page();
        }
    }

    /// Reserve `h` points of height; returns the top y.
    pub(super) fn place(&mut self, h: f32) -> f32 {
        self.need(h);
        if !self.fresh {
            self.y += self.pending;
        }
        self.pending = 0.0;
        let top = self.y;
        self.y += h;
        self.fresh = false;
        for b in &mut self.bars {
            b.seg = Some(match b.seg {
                Some((t, _)) => (t, self.y),
                None => (top, self.y),
            });
        }
        top
    }

    pub(super) fn draw_markers(&mut self, y_top: f32, line_h: f32) {
        let markers = std::mem::take(&mut self.markers);
        let saved = self.tag;
        for m in markers {
            if let Some(line) = m.laid.lines.first() {
                let line = line.clone();
                self.tag = m.tag;
                self.draw_line(&m.laid, &line, m.x, y_top, line_h);
            }
        }
        self.tag = saved;
    }

    /// Draw one laid line with its top at `y_top`.
    pub fn draw_line(&mut self, laid: &Laid, line: &LineOut, x0: f32, y_top: f32, line_h: f32) {
        self.draw_line_gray(laid, line, x0, y_top, line_h, 0.0)
    }

    pub fn draw_line_gray(
        &mut self,
        laid: &Laid,
        line: &LineOut,
        x0: f32,
        y_top: f32,
        line_h: f32,
        gray: f32,
    ) {
        let size = laid.size;
        let baseline = y_top + (line_h - size) / 2.0 + ASCENT * size;
        let mut cmds = Vec::new();
        // Trailing spaces are not drawn.
        let mut end = line.end;
        while end > line.start && laid.clusters[end - 1].is_space() {
            end -= 1;
        }
        let mut deco: Vec<(bool, f32, f32)> = Vec::new(); // (underline?, x1, x2)
        let mut run: [Option<(f32, f32)>; 2] = [None, None];
        for (k, idx) in (line.start..end).enumerate() {
            let c = &laid.clusters[idx];
            let x = x0 + line.xs[k];
            for g in &c.glyphs {
                self.ft.entries[g.face].used = true;
                cmds.push(Cmd::Glyph {
                    face: g.face,
                    size: c.size,
                    x: x + g.dx,
                    y: baseline,
                    gid: g.gid,
                    text: g.text.clone(),
                    oblique: c.style.italic,
                    gray,
                    tag: self.tag,
                });
            }
            for (slot, on) in [(0usize, c.style.underline), (1, c.style.strike)] {
                if on {
                    run[slot] = Some(match run[slot] {
                        Some((a, _)) => (a, x + c.width),
                        None => (x, x + c.width),
                    });
                } else if let Some((a, b)) = run[slot].take() {
                    deco.push((slot == 0, a, b));
                }
            }
        }
        for (slot, r) in run.iter().enumerate() {
            if let Some((a, b)) = r {
                deco.push((slot == 0, *a, *b));
            }
        }
        for (under, a, b) in deco {
            let y = if under {
                baseline + 0.15 * size
            } else {
                baseline - 0.33 * size
            };
            cmds.push(Cmd::Line {
                x1: a,
                y1: y,
                x2: b,
                y2: y,
                w: (0.06 * size).max(0.5),
                gray,
                dotted: false,
                tag: ARTIFACT,
            });
        }
        self.page().fg.extend(cmds);
    }
}
