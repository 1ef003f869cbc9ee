//! A [`Chart`] drawn with the page engine: title, horizontal grid with round ticks, one
//! slot per x label, the series as lines and markers, and a legend that names each line
//! by its look. Kept on one page (it is placed as a single piece).

use super::engine::{Cx, Engine};
use super::{Cmd, Role, BODY_LH};
use crate::chart::{tick_label, ticks, Chart, SeriesStyle};

/// The height a chart takes on the page (title, plot, x labels, legend).
pub(super) const CHART_H: f32 = TITLE_H + 4.0 + PLOT_H + LABEL_H + LEGEND_H;
const TITLE_SIZE: f32 = 9.5;
const TITLE_H: f32 = 15.0;
const PLOT_H: f32 = 104.0;
const LABEL_SIZE: f32 = 8.0;
const LABEL_H: f32 = 13.0;
const LEGEND_H: f32 = 14.0;
const MARK: f32 = 4.2;

impl Engine<'_, '_> {
    /// Text of one line with its top-left at (x, y); returns its width.
    fn text_at(&mut self, s: &str, size: f32, gothic: bool, x: f32, y: f32, h: f32) -> f32 {
        let laid = self.lay_str(s, size, gothic);
        match laid.lines.first().cloned() {
            Some(line) => {
                self.draw_line_gray(&laid, &line, x, y, h, 0.0);
                line.width
            }
            None => 0.0,
        }
    }

    fn text_width(&mut self, s: &str, size: f32) -> f32 {
        self.lay_str(s, size, false)
            .lines
            .first()
            .map(|l| l.width)
            .unwrap_or(0.0)
    }

    fn line(
        &mut self,
        (x1, y1): (f32, f32),
        (x2, y2): (f32, f32),
        w: f32,
        gray: f32,
        dotted: bool,
    ) {
        let tag = self.tag;
        self.page().fg.push(Cmd::Line {
            x1,
            y1,
            x2,
            y2,
            w,
            gray,
            dotted,
            tag,
        });
    }

    fn marker(&mut self, style: SeriesStyle, x: f32, y: f32) {
        let h = MARK / 2.0;
        let tag = self.tag;
        match style {
            // Fills are drawn under the page's lines and text (the line passes through).
            SeriesStyle::Solid => self.page().bg.push(Cmd::Fill {
                x: x - h,
                y: y - h,
                w: MARK,
                h: MARK,
                gray: 0.0,
                tag,
            }),
            SeriesStyle::Points => {
                let h = h + 0.6;
                let (l, r, t, b) = (x - h, x + h, y - h, y + h);
                for (a, z) in [
                    ((l, t), (r, t)),
                    ((r, t), (r, b)),
                    ((r, b), (l, b)),
                    ((l, b), (l, t)),
                ] {
                    self.line(a, z, 0.9, 0.0, false);
                }
            }
            SeriesStyle::Dotted => {}
        }
    }

    /// Place and draw a chart across the measure.
    pub(super) fn chart(&mut self, c: &Chart, cx: Cx) {
        self.gap(BODY_LH * 0.5);
        let top = self.place(CHART_H);
        // One figure: its text, lines and markers, described in words.
        let fig = self.leaf(Role::Figure);
        self.tree.nodes[fig as usize].alt = Some(c.describe());
        if !c.title.is_empty() {
            self.text_at(&c.title, TITLE_SIZE, true, cx.left, top, TITLE_H);
        }
        let plot_top = top + TITLE_H + 4.0;
        let plot_bottom = plot_top + PLOT_H;
        let (lo, hi) = c.range().unwrap_or((0.0, 1.0));
        let ts = ticks(lo, hi, c.whole());
        let (t0, t1) = (ts[0], *ts.last().unwrap_or(&ts[0]));
        let span = if t1 > t0 { t1 - t0 } else { 1.0 };
        let labels: Vec<String> = ts.iter().map(|v| tick_label(*v)).collect();
        let label_w = labels
            .iter()
            .map(|l| self.text_width(l, LABEL_SIZE))
            .fold(0.0f32, f32::max);
        let px0 = cx.left + label_w + 6.0;
        let px1 = cx.left + cx.width - 4.0;
        let y_of = |v: f64| plot_bottom - ((v - t0) / span) as f32 * PLOT_H;
        // Grid and y labels.
        for (i, (v, l)) in ts.iter().zip(&labels).enumerate() {
            let y = y_of(*v);
            let (w, g) = if i == 0 { (0.7, 0.35) } else { (0.4, 0.8) };
            self.line((px0, y), (px1, y), w, g, false);
            let lw = self.text_width(l, LABEL_SIZE);
            self.text_at(
                l,
                LABEL_SIZE,
                false,
                px0 - 4.0 - lw,
                y - LABEL_H / 2.0,
                LABEL_H,
            );
        }
        // X slots and labels (smaller type when the labels are crowded).
        let n = c.labels.len().max(1);
        let slot = (px1 - px0) / n as f32;
        let x_of = |i: usize| px0 + (i as f32 + 0.5) * slot;
        let widest = c
            .labels
            .iter()
            .map(|l| self.text_width(l, LABEL_SIZE))
            .fold(0.0f32, f32::max);
        let size = if widest > slot - 2.0 && widest > 0.0 {
            (LABEL_SIZE * (slot - 2.0) / widest).max(5.0)
        } else {
            LABEL_SIZE
        };
        for (i, l) in c.labels.iter().enumerate() {
            let w = self.text_width(l, size);
            self.text_at(
                l,
                size,
                false,
                x_of(i) - w / 2.0,
                plot_bottom + 1.0,
                LABEL_H,
            );
        }
        // Series: lines between neighbouring values, then markers on top.
        for s in &c.series {
            let pts: Vec<Option<(f32, f32)>> = s
                .values
                .iter()
                .enumerate()
                .map(|(i, v)| v.map(|v| (x_of(i), y_of(v))))
                .collect();
            let (w, g, dotted) = match s.style {
                SeriesStyle::Solid => (1.4, 0.0, false),
                SeriesStyle::Dotted => (1.3, 0.3, true),
                SeriesStyle::Points => (0.0, 0.0, false),
            };
            if w > 0.0 {
                for pair in pts.windows(2) {
                    if let [Some(a), Some(b)] = pair {
                        self.line(*a, *b, w, g, dotted);
                    }
                }
            }
            for p in pts.iter().flatten() {
                self.marker(s.style, p.0, p.1);
            }
        }
        // Legend: a sample of each line, then its name.
        let ly = plot_bottom + LABEL_H + 1.0;
        let mid = ly + LEGEND_H / 2.0;
        let mut x = px0;
        for s in &c.series {
            match s.style {
                SeriesStyle::Solid => {
                    self.line((x, mid), (x + 18.0, mid), 1.4, 0.0, false);
                    self.marker(s.style, x + 9.0, mid);
                }
                SeriesStyle::Dotted => self.line((x, mid), (x + 18.0, mid), 1.3, 0.3, true),
                SeriesStyle::Points => self.marker(s.style, x + 9.0, mid),
            }
            x += 22.0;
            x += self.text_at(&s.name, LABEL_SIZE, false, x, ly, LEGEND_H) + 14.0;
        }
        self.gap(BODY_LH * 0.5);
    }
}
