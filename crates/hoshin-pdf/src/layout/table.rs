//! Tables: cells shaped, column widths from content (short columns get their natural
//! width, long ones share the rest; a long header may wrap onto two lines rather than
//! widen a column of short values), rows kept whole when they fit on a fresh page and
//! otherwise split between lines, and the header row repeated after every page break.

use super::engine::{break_clusters, Cx, Engine, Laid, LayOpts};
use super::shaping::{shape_inlines, Cluster};
use super::{Cmd, Role, ARTIFACT, BODY_LH, BOTTOM, TOP};
use crate::linebreak::{self, BreakItem, BreakOpts};
use crate::markdown::{Align, Inline, Style};

impl Engine<'_, '_> {
    pub(super) fn table(
        &mut self,
        aligns: &[Align],
        head: &[Vec<Inline>],
        rows: &[Vec<Vec<Inline>>],
        weights: Option<&[f32]>,
        cx: Cx,
    ) {
        let size = 10.0;
        let lh = size * 1.5;
        let px = 4.0;
        let py = 3.0;
        let ncols = head
            .len()
            .max(rows.iter().map(|r| r.len()).max().unwrap_or(0));
        if ncols == 0 {
            return;
        }
        let hstyle = Style {
            gothic: true,
            ..Style::default()
        };
        let head_cl: Vec<Vec<Cluster>> = (0..ncols)
            .map(|c| {
                head.get(c)
                    .map(|i| shape_inlines(self.ft, self.rep, i, size, hstyle))
                    .unwrap_or_default()
            })
            .collect();
        let body_cl: Vec<Vec<Vec<Cluster>>> = rows
            .iter()
            .map(|r| {
                (0..ncols)
                    .map(|c| {
                        r.get(c)
                            .map(|i| shape_inlines(self.ft, self.rep, i, size, Style::default()))
                            .unwrap_or_default()
                    })
                    .collect()
            })
            .collect();
        // Column widths from content: (min = widest unbreakable chunk, max = natural width).
        let mut minw = vec![size * 2.0; ncols];
        let mut maxw = vec![size * 2.0; ncols];
        for row in body_cl.iter() {
            for (c, cell) in row.iter().enumerate() {
                let (mn, mx) = measure(cell, size);
                minw[c] = minw[c].max(mn.min(size * 8.0));
                maxw[c] = maxw[c].max(mx);
            }
        }
        // A long header may wrap onto two lines rather than widen a column of short
        // values; short headers (≤ 4 em) never wrap.
        for (c, cell) in head_cl.iter().enumerate() {
            let (mn, mx) = measure(cell, size);
            minw[c] = minw[c].max(mn.min(size * 8.0));
            let want = if mx <= size * 4.0 {
                mx
            } else {
                two_line_width(cell, size, mx)
            };
            maxw[c] = maxw[c].max(want);
        }
        let avail = cx.width - ncols as f32 * 2.0 * px;
        let widths = if let Some(w) = weights {
            crate::markdown::weighted_widths(w, ncols, avail)
        } else {
            column_widths(&minw, &maxw, avail)
        };
        let align = |c: usize| aligns.get(c).copied().unwrap_or(Align::Left);
        let lay_cell = |cl: Vec<Cluster>, c: usize| {
            let w = widths[c];
            // Justify only wide cells: in a narrow one a short wrapped line would be letter-spaced.
            let justify = align(c) == Align::Left && w >= size * 12.0;
            break_clusters(
                cl,
                size,
                LayOpts {
                    first_width: w,
                    width: w,
                    justify,
                    hanging: false,
                },
            )
        };
        let head_laid: Vec<Laid> = head_cl
            .into_iter()
            .enumerate()
            .map(|(c, cl)| lay_cell(cl, c))
            .collect();
        let body_laid: Vec<Vec<Laid>> = body_cl
            .into_iter()
            .map(|r| {
                r.into_iter()
                    .enumerate()
                    .map(|(c, cl)| lay_cell(cl, c))
                    .collect()
            })
            .collect();
        let nlines = |r: &[Laid]| r.iter().map(|l| l.lines.len()).max().unwrap_or(0).max(1);
        let head_n = nlines(&head_laid);
        let head_h = head_n as f32 * lh + 2.0 * py;
        let geo = TableGeo {
            x: cx.left,
            widths: widths.clone(),
            px,
            py,
            lh,
            aligns: (0..ncols).map(align).collect(),
        };

        // The structure: the header row once (its repeats after a page break are
        // decoration), then one row per body row, whose cells may span pages.
        let table = self.enter(Role::Table);
        let row_tags = |e: &mut Self, role: Role| -> Vec<u32> {
            let tr = e.tree.add(e.parent, Role::TR);
            (0..ncols).map(|_| e.tree.add(tr, role)).collect()
        };
        let head_tags = if head.is_empty() {
            vec![]
        } else {
            row_tags(self, Role::TH)
        };
        self.gap(BODY_LH * 0.35);
        let first_h = body_laid
            .first()
            .map(|r| (nlines(r).min(2)) as f32 * lh + 2.0 * py)
            .unwrap_or(0.0);
        self.need(head_h + first_h);
        self.table_row(&geo, &head_laid, 0, head_n, true, &head_tags);
        let page_room = BOTTOM - TOP - head_h;
        for row in &body_laid {
            let tags = row_tags(self, Role::TD);
            let total = nlines(row);
            let mut from = 0;
            // Right after a page break (header drawn) at least one line is placed, so even
            // a header or a row taller than a page cannot loop forever.
            let mut after_break = false;
            loop {
                let remaining = total - from;
                let pend = if self.fresh { 0.0 } else { self.pending };
                let room = BOTTOM - (self.y + pend);
                let mut fit = ((room - 2.0 * py) / lh + 0.001).floor().max(0.0) as usize;
                if after_break {
                    fit = fit.max(1);
                }
                if fit >= remaining {
                    self.table_row(&geo, row, from, total, false, &tags);
                    break;
                }
                let whole_fits_fresh = remaining as f32 * lh + 2.0 * py <= page_room;
                if !after_break && ((from == 0 && whole_fits_fresh) || fit == 0) {
                    self.new_page();
                    self.table_row(&geo, &head_laid, 0, head_n, true, &[]);
                    after_break = true;
                    continue;
                }
                // A row taller than the rest of the page: split it between lines.
                self.table_row(&geo, row, from, from + fit, false, &tags);
                from += fit;
                self.new_page();
                self.table_row(&geo, &head_laid, 0, head_n, true, &[]);
                after_break = true;
            }
        }
        self.leave(table);
        self.gap(BODY_LH * 0.5);
    }

    /// Lines `from..to` of a row; `tags` are its cells' elements (none for a header
    /// row repeated after a page break).
    fn table_row(
        &mut self,
        g: &TableGeo,
        cells: &[Laid],
        from: usize,
        to: usize,
        header: bool,
        tags: &[u32],
    ) {
        let n = to - from;
        let h = n as f32 * g.lh + 2.0 * g.py;
        // Place without re-checking the page (the caller decided).
        let saved_fresh = self.fresh;
        self.fresh = true;
        if !saved_fresh {
            self.y += self.pending;
        }
        self.pending = 0.0;
        let y = self.place(h);
        self.draw_markers(y + g.py, g.lh);
        let total_w: f32 = g.widths.iter().map(|w| w + 2.0 * g.px).sum();
        if header {
            self.page().bg.push(Cmd::Fill {
                x: g.x,
                y,
                w: total_w,
                h,
                gray: 0.9,
                tag: ARTIFACT,
            });
        }
        let mut x = g.x;
        for (c, laid) in cells.iter().enumerate() {
            let w = g.widths[c];
            self.tag = tags.get(c).copied().unwrap_or(ARTIFACT);
            for (k, li) in (from..to.min(laid.lines.len())).enumerate() {
                let line = laid.lines[li].clone();
                let off = match g.aligns[c] {
                    Align::Left => 0.0,
                    Align::Center => (w - line.width) / 2.0,
                    Align::Right => w - line.width,
                };
                self.draw_line(
                    laid,
                    &line,
                    x + g.px + off.max(0.0),
                    y + g.py + k as f32 * g.lh,
                    g.lh,
                );
            }
            x += w + 2.0 * g.px;
        }
        let bw = 0.5;
        let p = self.page();
        p.fg.push(Cmd::Line {
            x1: g.x,
            y1: y,
            x2: g.x + total_w,
            y2: y,
            w: bw,
            gray: 0.0,
            dotted: false,
            tag: ARTIFACT,
        });
        p.fg.push(Cmd::Line {
            x1: g.x,
            y1: y + h,
            x2: g.x + total_w,
            y2: y + h,
            w: bw,
            gray: 0.0,
            dotted: false,
            tag: ARTIFACT,
        });
        let mut x = g.x;
        p.fg.push(Cmd::Line {
            x1: x,
            y1: y,
            x2: x,
            y2: y + h,
            w: bw,
            gray: 0.0,
            dotted: false,
            tag: ARTIFACT,
        });
        for w in &g.widths {
            x += w + 2.0 * g.px;
            p.fg.push(Cmd::Line {
                x1: x,
                y1: y,
                x2: x,
                y2: y + h,
                w: bw,
                gray: 0.0,
                dotted: false,
                tag: ARTIFACT,
            });
        }
    }
}

struct TableGeo {
    x: f32,
    widths: Vec<f32>,
    px: f32,
    py: f32,
    lh: f32,
    aligns: Vec<Align>,
}

/// Column widths from content. Columns whose natural width fits in an equal share of
/// what is left get it (repeatedly); the rest share the remainder in proportion to their
/// natural width, never below their widest unbreakable chunk when that is possible.
fn column_widths(minw: &[f32], maxw: &[f32], avail: f32) -> Vec<f32> {
    let n = minw.len();
    let smin: f32 = minw.iter().sum();
    if smin >= avail {
        return minw.iter().map(|w| w * avail / smin).collect();
    }
    let smax: f32 = maxw.iter().sum();
    if smax <= avail {
        // Everything fits: widen in proportion to fill the measure.
        return maxw.iter().map(|w| w + (avail - smax) * w / smax).collect();
    }
    let mut width: Vec<Option<f32>> = vec![None; n];
    let mut left = avail;
    loop {
        let open: Vec<usize> = (0..n).filter(|&c| width[c].is_none()).collect();
        if open.is_empty() {
            break;
        }
        let share = left / open.len() as f32;
        let fixed: Vec<usize> = open.iter().copied().filter(|&c| maxw[c] <= share).collect();
        if fixed.is_empty() {
            // Proportional to natural width, respecting minimums.
            let sum: f32 = open.iter().map(|&c| maxw[c]).sum();
            let mut ws: Vec<(usize, f32)> =
                open.iter().map(|&c| (c, left * maxw[c] / sum)).collect();
            let deficit: f32 = ws.iter().map(|&(c, w)| (minw[c] - w).max(0.0)).sum();
            if deficit > 0.0 {
                let surplus: f32 = ws.iter().map(|&(c, w)| (w - minw[c]).max(0.0)).sum();
                for (c, w) in ws.iter_mut() {
                    if *w < minw[*c] {
                        *w = minw[*c];
                    } else if surplus > 0.0 {
                        *w -= deficit * (*w - minw[*c]) / surplus;
                    }
                }
            }
            for (c, w) in ws {
                width[c] = Some(w);
            }
            break;
        }
        for c in fixed {
            width[c] = Some(maxw[c]);
            left -= maxw[c];
        }
    }
    width.into_iter().map(|w| w.unwrap_or(0.0)).collect()
}

/// The narrowest width (in ½-em steps from half the natural width) at which a cell
/// breaks into at most two lines.
fn two_line_width(cells: &[Cluster], size: f32, natural: f32) -> f32 {
    let items: Vec<BreakItem> = cells
        .iter()
        .filter(|c| !c.hard)
        .map(|c| BreakItem {
            text: c.text.as_str(),
            width: c.width,
        })
        .collect();
    let mut w = (natural / 2.0).max(size * 4.0);
    while w < natural {
        let o = BreakOpts {
            em: size,
            first_width: w,
            width: w,
            justify: false,
            hanging: false,
        };
        let lines = linebreak::break_lines(&items, &o);
        if lines.len() <= 2 {
            return lines.iter().map(|l| l.width).fold(0.0, f32::max);
        }
        w += size * 0.5;
    }
    natural
}

/// (widest unbreakable chunk, widest hard-break segment) of a cell.
fn measure(cells: &[Cluster], size: f32) -> (f32, f32) {
    let mut mn = 0.0f32;
    let mut mx = 0.0f32;
    for seg in cells.split(|c| c.hard) {
        if seg.is_empty() {
            continue;
        }
        let items: Vec<BreakItem> = seg
            .iter()
            .map(|c| BreakItem {
                text: c.text.as_str(),
                width: c.width,
            })
            .collect();
        let natural = linebreak::break_lines(
            &items,
            &BreakOpts {
                em: size,
                first_width: 1e7,
                width: 1e7,
                justify: false,
                hanging: false,
            },
        );
        for l in &natural {
            mx = mx.max(l.width);
        }
        let brk = linebreak::opportunities(&items);
        let mut acc = 0.0;
        for (i, it) in items.iter().enumerate() {
            acc += it.width;
            if brk[i] != linebreak::Brk::No || i + 1 == items.len() {
                mn = mn.max(acc);
                acc = 0.0;
            }
        }
    }
    (mn, mx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_widths_fit_short_columns_first() {
        // A long name column must not squeeze the short ones.
        let minw = [20.0, 80.0, 20.0, 40.0];
        let maxw = [20.0, 900.0, 20.0, 70.0];
        let w = column_widths(&minw, &maxw, 400.0);
        assert_eq!(w[0], 20.0);
        assert_eq!(w[2], 20.0);
        assert_eq!(w[3], 70.0);
        assert!((w.iter().sum::<f32>() - 400.0).abs() < 0.01, "{w:?}");
        // Everything fits: widened proportionally to the full measure.
        let w = column_widths(&[10.0, 10.0], &[50.0, 150.0], 400.0);
        assert_eq!(w, vec![100.0, 300.0]);
        // Not even the minimums fit: scaled down.
        let w = column_widths(&[300.0, 300.0], &[300.0, 300.0], 400.0);
        assert_eq!(w, vec![200.0, 200.0]);
    }
}
