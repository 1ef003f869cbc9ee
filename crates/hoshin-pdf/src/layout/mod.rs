//! Page layout: Markdown blocks → pages of drawing commands (glyphs, lines, fills,
//! links), in three phases, each in its own module:
//!
//! - [`shaping`]: text → clusters. Grapheme clusters get a font and glyphs (the style's
//!   primary face, then the CJK fallbacks, then 〓 with the character reported missing),
//!   variation sequences and combining marks, and a width in points.
//! - the page engine: [`engine`] breaks shaped clusters into lines (over
//!   [`crate::linebreak`]'s 禁則 rules), places them on the page and breaks pages;
//!   [`flow`] lays out the Markdown blocks with it (paragraphs, headings, lists, quotes,
//!   code); [`pages`] draws what is not body text (cover, contents, footers).
//! - [`chart`]: line charts from `hoshin-chart` blocks, drawn as vector lines.
//! - [`table`]: column widths from content, rows split across pages between lines,
//!   the header row repeated on every page.
//!
//! `write` turns the pages into PDF operations. Coordinates here are in points with y
//! measured from the TOP of the page.

mod chart;
mod engine;
mod flow;
mod pages;
mod shaping;
mod summary;
mod table;
mod tags;

pub(crate) use engine::{Engine, HeadRec};
pub(crate) use shaping::{FaceId, FaceTable, Report};
pub(crate) use tags::{Role, Tree, ARTIFACT};

pub(crate) const PAGE_W: f32 = 595.276;
pub(crate) const PAGE_H: f32 = 841.89;
/// A4 landscape (the 概要版): width and height in points.
pub(crate) const LANDSCAPE: (f32, f32) = (PAGE_H, PAGE_W);
pub(crate) const BODY_SIZE: f32 = 10.5;
/// Line height as a multiple of the em size (not of the font's line metrics).
pub(crate) const LH_RATIO: f32 = 1.75;
pub(crate) const BODY_LH: f32 = BODY_SIZE * LH_RATIO;
/// 44 full-width characters per line: lines of pure Japanese need no justification.
pub(crate) const TEXT_W: f32 = BODY_SIZE * 44.0;
/// ≈ 23.5 mm left and right.
pub(crate) const LEFT: f32 = (PAGE_W - TEXT_W) / 2.0;
pub(crate) const RIGHT: f32 = LEFT + TEXT_W;
/// 25 mm top and bottom margins.
pub(crate) const TOP: f32 = 70.87;
pub(crate) const BOTTOM: f32 = PAGE_H - 70.87;
/// Footer baseline, ≈ 13 mm above the bottom edge.
pub(crate) const FOOTER_BASELINE: f32 = PAGE_H - 37.0;
/// Ideographic em box: the baseline is 0.88 em below its top (BIZ UD, IPAex, Noto CJK).
const ASCENT: f32 = 0.88;

/// Drawing commands (y from the top of the page).
#[derive(Clone, Debug)]
pub(crate) enum Cmd {
    Glyph {
        face: FaceId,
        size: f32,
        x: f32,
        y: f32,
        gid: u16,
        text: String,
        oblique: bool,
        gray: f32,
        /// The structure element the glyph belongs to ([`ARTIFACT`] for decoration).
        tag: u32,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        w: f32,
        gray: f32,
        dotted: bool,
        tag: u32,
    },
    Fill {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        gray: f32,
        tag: u32,
    },
    /// Internal link: `page` is the 0-based index into the final page list.
    Link {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        page: usize,
        dest_y: f32,
        /// The Link element, and what the link leads to (the annotation's /Contents).
        tag: u32,
        contents: String,
    },
}

#[derive(Default, Clone)]
pub(crate) struct Page {
    pub bg: Vec<Cmd>,
    pub fg: Vec<Cmd>,
}

impl Page {
    /// Structure ids moved by `offset` (after [`Tree::graft`]).
    pub(crate) fn shift_tags(&mut self, offset: u32) {
        for c in self.bg.iter_mut().chain(self.fg.iter_mut()) {
            let tag = match c {
                Cmd::Glyph { tag, .. }
                | Cmd::Line { tag, .. }
                | Cmd::Fill { tag, .. }
                | Cmd::Link { tag, .. } => tag,
            };
            if *tag != ARTIFACT && *tag != 0 {
                *tag += offset;
            }
        }
    }
}
