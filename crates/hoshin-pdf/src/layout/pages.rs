//! What is not body text: the cover page (title and lines centred), the table of
//! contents (H1 and H2 with dot leaders, page numbers and links) and the footers (page
//! number centred, a small note on the left).

use super::engine::{Engine, HeadRec, Laid, LayOpts};
use super::{
    Cmd, Role, ARTIFACT, ASCENT, BODY_LH, BODY_SIZE, FOOTER_BASELINE, LEFT, PAGE_H, PAGE_W, RIGHT,
    TEXT_W,
};
use crate::linebreak::LineOut;
use crate::markdown::{Inline, Style};

/// More characters than the footer's one line can hold at 8 pt, however narrow the glyphs.
const FOOTER_LEFT_CHARS: usize = 512;
impl Engine<'_, '_> {
    /// Width for centring: a closing bracket or 、。 at the end counts half (its glyph
    /// sits in the left half of the em box).
    fn visual_width(laid: &Laid, line: &LineOut) -> f32 {
        let mut w = line.width;
        if line.end > line.start {
            let c = &laid.clusters[line.end - 1];
            let ch = c.text.chars().next().unwrap_or(' ');
            if "、。，．）」』】〕〉》］｝".contains(ch) && c.width >= 0.9 * c.size {
                w -= 0.5 * c.size;
            }
        }
        w
    }

    /// Footer: page number centred, `left` text small on the left.
    pub fn footer(&mut self, page: usize, number: usize, left: &str) {
        let saved = (self.cur, self.tag);
        self.cur = page;
        self.tag = ARTIFACT;
        let laid = self.lay_str(&format!("- {number} -"), 9.0, false);
        if let Some(line) = laid.lines.first().cloned() {
            let x = (PAGE_W - line.width) / 2.0;
            self.draw_line_gray(&laid, &line, x, FOOTER_BASELINE - ASCENT * 9.0, 9.0, 0.2);
        }
        if !left.is_empty() {
            // Only the first line is drawn: lay out no more than a line can hold (a footer of
            // tens of thousands of characters was laid out whole on every page).
            let left = match left.char_indices().nth(FOOTER_LEFT_CHARS) {
                Some((end, _)) => &left[..end],
                None => left,
            };
            let laid = self.lay_str(left, 8.0, false);
            if let Some(line) = laid.lines.first().cloned() {
                self.draw_line_gray(
                    &laid,
                    &line,
                    LEFT,
                    FOOTER_BASELINE - ASCENT * 8.0,
                    8.0,
                    0.35,
                );
            }
        }
        (self.cur, self.tag) = saved;
    }

    /// A cover page: title large, lines below, centred.
    pub fn cover(&mut self, title: &str, lines: &[String]) {
        self.y = PAGE_H * 0.28;
        self.fresh = false;
        // The title is the document's first heading (`write` makes it H1).
        self.leaf(Role::H(0));
        let size = 22.0;
        let t = vec![Inline::Text(title.to_string(), Style::default())];
        let laid = self.lay(
            &t,
            size,
            Style {
                gothic: true,
                ..Style::default()
            },
            LayOpts {
                first_width: TEXT_W,
                width: TEXT_W,
                justify: false,
                hanging: false,
            },
        );
        for line in laid.lines.clone() {
            let y = self.place(size * 1.5);
            self.draw_line(
                &laid,
                &line,
                LEFT + (TEXT_W - Self::visual_width(&laid, &line)) / 2.0,
                y,
                size * 1.5,
            );
        }
        let y = self.y + 10.0;
        self.page().fg.push(Cmd::Line {
            x1: LEFT + TEXT_W * 0.15,
            y1: y,
            x2: RIGHT - TEXT_W * 0.15,
            y2: y,
            w: 0.8,
            gray: 0.3,
            dotted: false,
            tag: ARTIFACT,
        });
        self.y += PAGE_H * 0.08;
        for l in lines {
            self.leaf(Role::P);
            let inl = vec![Inline::Text(l.clone(), Style::default())];
            let laid = self.lay(
                &inl,
                12.0,
                Style::default(),
                LayOpts {
                    first_width: TEXT_W,
                    width: TEXT_W,
                    justify: false,
                    hanging: false,
                },
            );
            for line in laid.lines.clone() {
                let y = self.place(12.0 * 1.9);
                self.draw_line(
                    &laid,
                    &line,
                    LEFT + (TEXT_W - Self::visual_width(&laid, &line)) / 2.0,
                    y,
                    12.0 * 1.9,
                );
            }
        }
    }

    /// Table of contents for H1/H2; `target(h)` gives the final page index of a heading.
    pub fn toc(&mut self, heads: &[HeadRec], target: impl Fn(&HeadRec) -> usize) {
        // 「目次」 is a heading at the level of the body's top headings.
        let top = heads.iter().map(|h| h.level).min().unwrap_or(1);
        self.leaf(Role::H(top));
        let title = self.lay_str("目次", 14.0, true);
        if let Some(line) = title.lines.first().cloned() {
            let y = self.place(14.0 * 2.0);
            self.draw_line(
                &title,
                &line,
                LEFT + (TEXT_W - line.width) / 2.0,
                y,
                14.0 * 2.0,
            );
        }
        self.gap(BODY_LH);
        let size = BODY_SIZE;
        let lh = size * 1.7;
        let toc = self.enter(Role::TOC);
        for h in heads.iter().filter(|h| h.level <= 2) {
            let item = self.enter(Role::TOCI);
            let link = self.leaf(Role::Link);
            let indent = if h.level == 1 { 0.0 } else { size * 1.5 };
            if h.level == 1 {
                self.gap(lh * 0.4);
            }
            let num = (h.page + 1).to_string();
            let num_laid = self.lay_str(&num, size, false);
            let numw = num_laid.lines.first().map(|l| l.width).unwrap_or(0.0);
            let w = TEXT_W - indent - size * 3.0;
            let inl = vec![Inline::Text(h.text.clone(), Style::default())];
            let laid = self.lay(
                &inl,
                size,
                Style {
                    gothic: h.level == 1,
                    ..Style::default()
                },
                LayOpts {
                    first_width: w,
                    width: w,
                    justify: false,
                    hanging: true,
                },
            );
            let n = laid.lines.len();
            self.need(n as f32 * lh);
            let mut y0 = None;
            let mut last_end = LEFT + indent;
            let mut y_last = self.y;
            for line in laid.lines.clone() {
                let y = self.place(lh);
                y0.get_or_insert(y);
                self.draw_line(&laid, &line, LEFT + indent, y, lh);
                last_end = LEFT + indent + line.width + if line.hanging { size } else { 0.0 };
                y_last = y;
            }
            let baseline = y_last + (lh - size) / 2.0 + ASCENT * size;
            if let Some(line) = num_laid.lines.first().cloned() {
                self.draw_line(&num_laid, &line, RIGHT - numw, y_last, lh);
            }
            let (a, b) = (last_end + size * 0.5, RIGHT - numw - size * 0.5);
            if b > a {
                self.page().fg.push(Cmd::Line {
                    x1: a,
                    y1: baseline - 1.0,
                    x2: b,
                    y2: baseline - 1.0,
                    w: 1.0,
                    gray: 0.3,
                    dotted: true,
                    tag: ARTIFACT,
                });
            }
            let y0 = y0.unwrap_or(y_last);
            let page = target(h);
            self.page().fg.push(Cmd::Link {
                x: LEFT,
                y: y0,
                w: TEXT_W,
                h: y_last + lh - y0,
                page,
                dest_y: h.y,
                tag: link,
                contents: format!("{}（{}ページ）", h.text, h.page + 1),
            });
            self.leave(item);
        }
        self.leave(toc);
    }
}
