//! The 概要版 sheet drawn on one A4 landscape page at fixed positions: title band,
//! flow columns of boxes with arrows between them, the two halves of the table, notes.
//! Each box gets the lines its plan gave it; a text that needs more is cut with 「…」.

use super::engine::{Engine, Laid, LayOpts};
use super::{Cmd, Role, ARTIFACT, LANDSCAPE};
use crate::markdown::{Inline, Style};
use crate::summary::{
    box_half_lines, Lane, SummaryPage, SummaryTable, MAX_FLOW_HALF_LINES, MAX_TABLE_HALF_LINES,
    NOTE_HALF_LINES,
};

const MARGIN: f32 = 28.35;
const SIZE: f32 = 8.5;
const LH: f32 = 11.5;
const HALF: f32 = LH / 2.0;
/// Inner padding of a box, left and right.
const PAD_X: f32 = 4.0;
/// A box is drawn this much taller than its lines (the rest of its half-line is the gap).
const BOX_EXTRA: f32 = 3.5;
const ARROW_W: f32 = 20.0;
const LANE_GAP: f32 = 5.0;
const BAR_H: f32 = 18.0;
const FLOW_TOP: f32 = 58.0;
const TABLE_BAR_TOP: f32 = 318.0;
const TABLE_SIZE: f32 = 8.0;
const TABLE_GAP: f32 = 14.0;

impl Engine<'_, '_> {
    /// Lines of `text` broken to `width`, at most `max` of them; the last is cut with
    /// 「…」 when the text needs more.
    fn fit_lines(&mut self, text: &str, size: f32, gothic: bool, width: f32, max: u32) -> Laid {
        let style = Style {
            gothic,
            ..Style::default()
        };
        let o = LayOpts {
            first_width: width,
            width,
            justify: false,
            hanging: true,
        };
        let lay =
            |e: &mut Self, s: &str| e.lay(&[Inline::Text(s.to_string(), style)], size, style, o);
        let max = max.max(1) as usize;
        let laid = lay(self, text);
        if laid.lines.len() <= max {
            return laid;
        }
        let chars: Vec<char> = text.chars().collect();
        let mut n = laid.lines[..max]
            .iter()
            .map(|l| {
                laid.clusters[l.start..l.end]
                    .iter()
                    .map(|c| c.text.chars().count())
                    .sum::<usize>()
            })
            .sum::<usize>()
            .min(chars.len());
        loop {
            let cut: String = chars[..n].iter().collect::<String>() + "…";
            let laid = lay(self, &cut);
            if laid.lines.len() <= max || n == 0 {
                return laid;
            }
            n -= 1;
        }
    }

    fn draw_laid(&mut self, laid: &Laid, x: f32, y: f32, lh: f32, max: u32, gray: f32) {
        for (k, line) in laid.lines.iter().take(max.max(1) as usize).enumerate() {
            let line = line.clone();
            self.draw_line_gray(laid, &line, x, y + k as f32 * lh, lh, gray);
        }
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: Option<f32>, stroke: Option<f32>) {
        if let Some(g) = fill {
            self.page().bg.push(Cmd::Fill {
                x,
                y,
                w,
                h,
                gray: g,
                tag: ARTIFACT,
            });
        }
        if let Some(g) = stroke {
            for (x1, y1, x2, y2) in [
                (x, y, x + w, y),
                (x + w, y, x + w, y + h),
                (x + w, y + h, x, y + h),
                (x, y + h, x, y),
            ] {
                self.page().fg.push(Cmd::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    w: 0.6,
                    gray: g,
                    dotted: false,
                    tag: ARTIFACT,
                });
            }
        }
    }

    /// A heading bar: grey ground, the text in Gothic, as a heading element.
    fn bar(&mut self, text: &str, x: f32, y: f32, w: f32, level: u8) {
        self.rect(x, y, w, BAR_H, Some(0.86), None);
        self.leaf(Role::H(level));
        let laid = self.fit_lines(text, 10.0, true, w - 2.0 * PAD_X, 1);
        self.draw_laid(&laid, x + PAD_X, y, BAR_H, 1, 0.0);
    }

    fn lane(&mut self, lane: &Lane, x: f32, w: f32, half_lines: u32) {
        let mut y = FLOW_TOP + BAR_H + 4.0;
        let bottom = y + half_lines.min(MAX_FLOW_HALF_LINES) as f32 * HALF;
        if let Some(h) = &lane.heading {
            self.leaf(Role::H(3));
            let laid = self.fit_lines(h, 8.5, true, w, 1);
            self.draw_laid(&laid, x, y, LH, 1, 0.0);
            y += NOTE_HALF_LINES as f32 * HALF;
        }
        let list = self.enter(Role::L);
        for item in &lane.items {
            let h = box_half_lines(item.lines) as f32 * HALF;
            if y + h > bottom + 0.01 {
                break;
            }
            let li = self.enter(Role::LI);
            self.leaf(Role::LBody);
            self.rect(
                x,
                y,
                w,
                item.lines as f32 * LH + BOX_EXTRA,
                Some(1.0),
                Some(0.45),
            );
            let laid = self.fit_lines(&item.text, SIZE, false, w - 2.0 * PAD_X, item.lines);
            self.draw_laid(&laid, x + PAD_X, y + BOX_EXTRA / 2.0, LH, item.lines, 0.0);
            self.leave(li);
            y += h;
        }
        self.leave(list);
        if let Some(m) = &lane.more {
            self.leaf(Role::P);
            let laid = self.fit_lines(m, 8.0, false, w, 1);
            self.draw_laid(&laid, x, y, LH, 1, 0.2);
        }
    }

    fn arrow(&mut self, x: f32, y: f32) {
        for (x1, y1, x2, y2) in [(x, y - 7.0, x + 8.0, y), (x + 8.0, y, x, y + 7.0)] {
            self.page().fg.push(Cmd::Line {
                x1,
                y1,
                x2,
                y2,
                w: 2.2,
                gray: 0.45,
                dotted: false,
                tag: ARTIFACT,
            });
        }
    }

    fn half_table(
        &mut self,
        t: &SummaryTable,
        rows: &[(Vec<String>, u32)],
        (x, w): (f32, f32),
        top: f32,
        half_lines: u32,
    ) -> f32 {
        let total: u32 = t.cells.iter().sum::<u32>().max(1);
        let widths: Vec<f32> = t
            .cells
            .iter()
            .map(|c| w * *c as f32 / total as f32)
            .collect();
        let table = self.enter(Role::Table);
        let mut y = top;
        let row = |e: &mut Self, cells: &[String], lines: u32, header: bool, y: f32| -> f32 {
            let h = lines as f32 * LH + HALF;
            if header {
                e.rect(x, y, w, h, Some(0.86), None);
            }
            let tr = e.tree.add(e.parent, Role::TR);
            let mut cx = x;
            for (c, cw) in widths.iter().enumerate() {
                e.tag = e.tree.add(tr, if header { Role::TH } else { Role::TD });
                let text = cells.get(c).map(String::as_str).unwrap_or("");
                let laid = e.fit_lines(text, TABLE_SIZE, header, cw - 2.0 * PAD_X, lines);
                e.draw_laid(&laid, cx + PAD_X, y + HALF / 2.0, LH, lines, 0.0);
                cx += cw;
            }
            // Rules: below the row, and the column lines.
            e.page().fg.push(Cmd::Line {
                x1: x,
                y1: y + h,
                x2: x + w,
                y2: y + h,
                w: if header { 0.8 } else { 0.4 },
                gray: 0.3,
                dotted: false,
                tag: ARTIFACT,
            });
            let mut cx = x;
            for cw in &widths[..widths.len().saturating_sub(1)] {
                cx += cw;
                e.page().fg.push(Cmd::Line {
                    x1: cx,
                    y1: y,
                    x2: cx,
                    y2: y + h,
                    w: 0.4,
                    gray: 0.55,
                    dotted: false,
                    tag: ARTIFACT,
                });
            }
            y + h
        };
        y = row(self, &t.head, 1, true, y);
        let bottom = top + half_lines.min(MAX_TABLE_HALF_LINES) as f32 * HALF;
        for (cells, lines) in rows {
            let h = *lines as f32 * LH + HALF;
            if y + h > bottom + 0.01 {
                break;
            }
            y = row(self, cells, *lines, false, y);
        }
        self.leave(table);
        y
    }

    /// The whole sheet on the first (only) page.
    pub fn summary(&mut self, s: &SummaryPage, footer: &str) {
        let (pw, ph) = LANDSCAPE;
        let right = pw - MARGIN;
        // Title band.
        self.leaf(Role::H(0));
        let title_w = pw * 0.68;
        let mut laid = self.fit_lines(&s.title, 15.0, true, title_w, 1);
        for size in [13.0, 11.0] {
            if laid.clusters.iter().all(|c| c.text != "…") || s.title.ends_with('…') {
                break;
            }
            laid = self.fit_lines(&s.title, size, true, title_w, 1);
        }
        self.draw_laid(&laid, MARGIN, 22.0, 22.0, 1, 0.0);
        let mut y = 13.0;
        for line in s.subtitle.iter().take(3) {
            self.leaf(Role::P);
            let laid = self.fit_lines(line, 8.5, false, pw * 0.3, 1);
            let lw = laid.lines.first().map(|l| l.width).unwrap_or(0.0);
            self.draw_laid(&laid, right - lw, y, 10.5, 1, 0.15);
            y += 10.5;
        }
        self.page().fg.push(Cmd::Line {
            x1: MARGIN,
            y1: 50.0,
            x2: right,
            y2: 50.0,
            w: 1.2,
            gray: 0.2,
            dotted: false,
            tag: ARTIFACT,
        });

        // Flow: columns of lanes, arrows between, centred in the measure.
        let lane_w = |l: &Lane| l.cells as f32 * SIZE / 2.0 + 2.0 * PAD_X;
        let col_w: Vec<f32> = s
            .columns
            .iter()
            .map(|c| {
                c.lanes.iter().map(lane_w).sum::<f32>()
                    + LANE_GAP * c.lanes.len().saturating_sub(1) as f32
            })
            .collect();
        let natural = col_w.iter().sum::<f32>() + ARROW_W * col_w.len().saturating_sub(1) as f32;
        let avail = right - MARGIN;
        let scale = if natural > 0.0 {
            (avail / natural).min(1.25)
        } else {
            1.0
        };
        let mut x = MARGIN + (avail - natural * scale).max(0.0) / 2.0;
        let mid =
            FLOW_TOP + BAR_H + 4.0 + s.flow_half_lines.min(MAX_FLOW_HALF_LINES) as f32 * HALF / 2.0;
        for (i, col) in s.columns.iter().enumerate() {
            if i > 0 {
                self.arrow(x + ARROW_W * scale / 2.0 - 4.0, mid);
                x += ARROW_W * scale;
            }
            let w = col_w[i] * scale;
            let sect = self.enter(Role::Sect);
            self.bar(&col.heading, x, FLOW_TOP, w, 2);
            let mut lx = x;
            for lane in &col.lanes {
                let lw = lane_w(lane) * scale;
                self.lane(lane, lx, lw, s.flow_half_lines);
                lx += lw + LANE_GAP * scale;
            }
            self.leave(sect);
            x += w;
        }

        // The table, in two halves side by side.
        let sect = self.enter(Role::Sect);
        self.bar(&s.table.heading, MARGIN, TABLE_BAR_TOP, avail, 2);
        let half_w = (avail - TABLE_GAP) / 2.0;
        let top = TABLE_BAR_TOP + BAR_H + 4.0;
        let split = s.table.split.min(s.table.rows.len());
        let (left, rest) = s.table.rows.split_at(split);
        self.half_table(&s.table, left, (MARGIN, half_w), top, s.table_half_lines);
        let mut bottom = top;
        if !rest.is_empty() {
            bottom = self.half_table(
                &s.table,
                rest,
                (MARGIN + half_w + TABLE_GAP, half_w),
                top,
                s.table_half_lines,
            );
        }
        if let Some(m) = &s.table.more {
            self.leaf(Role::P);
            let laid = self.fit_lines(m, 8.0, false, half_w, 1);
            self.draw_laid(&laid, MARGIN + half_w + TABLE_GAP, bottom + 2.0, LH, 1, 0.2);
        }
        self.leave(sect);

        // Notes at the foot, the footer text at the bottom right.
        let notes_top = TABLE_BAR_TOP
            + BAR_H
            + 4.0
            + s.table_half_lines.min(MAX_TABLE_HALF_LINES) as f32 * HALF
            + 4.0;
        let mut y = notes_top;
        for n in s
            .notes
            .iter()
            .take(((ph - 8.0 - notes_top) / 10.5) as usize)
        {
            self.leaf(Role::P);
            let laid = self.fit_lines(n, 7.5, false, avail * 0.78, 1);
            self.draw_laid(&laid, MARGIN, y, 10.5, 1, 0.15);
            y += 10.5;
        }
        if !footer.is_empty() {
            self.tag = ARTIFACT;
            let laid = self.fit_lines(footer, 7.5, false, avail * 0.2, 1);
            let lw = laid.lines.first().map(|l| l.width).unwrap_or(0.0);
            self.draw_laid(&laid, right - lw, notes_top, 10.5, 1, 0.35);
        }
    }
}
