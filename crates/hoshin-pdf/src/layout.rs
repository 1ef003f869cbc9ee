//! Page layout: blocks → pages of drawing commands (glyphs, lines, fills, links).
//! Coordinates here are in points with y measured from the TOP of the page.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

use crate::fonts::{Fonts, LoadedFace};
use crate::linebreak::{self, BreakItem, BreakOpts, LineOut};
use crate::markdown::{plain_text, Align, Block, Inline, Style};

pub(crate) const PAGE_W: f32 = 595.276;
pub(crate) const PAGE_H: f32 = 841.89;
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

pub(crate) type FaceId = usize;

pub(crate) struct FaceEntry<'f> {
    pub lf: &'f LoadedFace,
    pub face: ttf_parser::Face<'f>,
    upem: f32,
    pub used: bool,
}

impl FaceEntry<'_> {
    fn gid(&self, c: char) -> Option<u16> {
        self.face.glyph_index(c).map(|g| g.0).filter(|&g| g != 0)
    }
    fn var_gid(&self, c: char, vs: char) -> Option<u16> {
        self.face
            .glyph_variation_index(c, vs)
            .map(|g| g.0)
            .filter(|&g| g != 0)
    }
    /// Advance in em.
    fn adv(&self, gid: u16) -> f32 {
        self.face
            .glyph_hor_advance(ttf_parser::GlyphId(gid))
            .unwrap_or(0) as f32
            / self.upem
    }
}

/// Per-render view of the fonts: ttf-parser faces (cheap to build) plus lookup caches.
pub(crate) struct FaceTable<'f> {
    fonts: &'f Fonts,
    pub entries: Vec<FaceEntry<'f>>,
    mincho: FaceId,
    gothic: FaceId,
    slot_ids: HashMap<usize, Option<FaceId>>,
    cache: HashMap<(bool, char), Option<(FaceId, u16)>>,
}

impl<'f> FaceTable<'f> {
    pub fn new(fonts: &'f Fonts) -> Option<Self> {
        let mut t = FaceTable {
            fonts,
            entries: Vec::new(),
            mincho: 0,
            gothic: 0,
            slot_ids: HashMap::new(),
            cache: HashMap::new(),
        };
        t.mincho = t.push(&fonts.mincho)?;
        t.gothic = if std::sync::Arc::ptr_eq(&fonts.mincho, &fonts.gothic) {
            t.mincho
        } else {
            t.push(&fonts.gothic)?
        };
        Some(t)
    }

    fn push(&mut self, lf: &'f LoadedFace) -> Option<FaceId> {
        let face = lf.face()?;
        let upem = face.units_per_em() as f32;
        self.entries.push(FaceEntry {
            lf,
            face,
            upem,
            used: false,
        });
        Some(self.entries.len() - 1)
    }

    fn slot(&mut self, si: usize) -> Option<FaceId> {
        if let Some(id) = self.slot_ids.get(&si) {
            return *id;
        }
        let fonts: &'f Fonts = self.fonts;
        let id = fonts.fallbacks[si].get().and_then(|lf| self.push(lf));
        self.slot_ids.insert(si, id);
        id
    }

    fn primary(&self, gothic: bool) -> FaceId {
        if gothic {
            self.gothic
        } else {
            self.mincho
        }
    }

    /// The first face of the style's chain that has `c`.
    fn lookup(&mut self, gothic: bool, c: char) -> Option<(FaceId, u16)> {
        if let Some(r) = self.cache.get(&(gothic, c)) {
            return *r;
        }
        let p = self.primary(gothic);
        let mut r = self.entries[p].gid(c).map(|g| (p, g));
        if r.is_none() {
            for si in self.fonts.fallback_order(gothic) {
                if let Some(fid) = self.slot(si) {
                    if let Some(g) = self.entries[fid].gid(c) {
                        r = Some((fid, g));
                        break;
                    }
                }
            }
        }
        self.cache.insert((gothic, c), r);
        r
    }

    /// A variation sequence (IVS/SVS): the first face that maps it.
    fn lookup_var(&mut self, gothic: bool, c: char, vs: char) -> Option<(FaceId, u16)> {
        let p = self.primary(gothic);
        if let Some(g) = self.entries[p].var_gid(c, vs) {
            return Some((p, g));
        }
        for si in self.fonts.fallback_order(gothic) {
            if let Some(fid) = self.slot(si) {
                if let Some(g) = self.entries[fid].var_gid(c, vs) {
                    return Some((fid, g));
                }
            }
        }
        None
    }

    fn lookup_in(&mut self, fid: FaceId, gothic: bool, c: char) -> Option<(FaceId, u16)> {
        if let Some(g) = self.entries[fid].gid(c) {
            return Some((fid, g));
        }
        self.lookup(gothic, c)
    }

    fn adv(&self, fid: FaceId, gid: u16) -> f32 {
        self.entries[fid].adv(gid)
    }
}

/// Problems found while shaping, reported to the user.
#[derive(Default)]
pub(crate) struct Report {
    pub missing: Vec<char>,
    pub vs_dropped: Vec<(char, char)>,
}

#[derive(Clone, Debug)]
pub(crate) struct Glyph {
    pub face: FaceId,
    pub gid: u16,
    /// Offset from the cluster's x, in points.
    pub dx: f32,
    /// The text this glyph stands for (ToUnicode).
    pub text: String,
}

#[derive(Clone, Debug)]
pub(crate) struct Cluster {
    pub text: String,
    pub width: f32,
    pub glyphs: Vec<Glyph>,
    pub style: Style,
    pub size: f32,
    pub hard: bool,
}

impl Cluster {
    fn is_space(&self) -> bool {
        self.text.chars().all(|c| c == ' ' || c == '\u{a0}') && !self.hard
    }
}

fn is_variation_selector(c: char) -> bool {
    matches!(c as u32, 0xFE00..=0xFE0F | 0xE0100..=0xE01EF | 0x180B..=0x180D)
}

fn is_ignorable(c: char) -> bool {
    is_variation_selector(c)
        || matches!(c as u32, 0x200B..=0x200F | 0x2060..=0x2064 | 0xFEFF | 0xE0000..=0xE007F | 0x00AD | 0x034F)
}

/// Shape one grapheme cluster at `size` points.
fn shape_cluster(
    ft: &mut FaceTable,
    rep: &mut Report,
    text: &str,
    style: Style,
    size: f32,
) -> Option<Cluster> {
    let gothic = style.gothic || style.code;
    let mut chars = text.chars();
    let base = chars.next()?;
    if base.is_control() {
        return None;
    }
    let rest: Vec<char> = chars.collect();
    if is_ignorable(base) && rest.is_empty() {
        return None;
    }
    let mut glyphs = Vec::new();
    let marks: Vec<char> = rest
        .iter()
        .copied()
        .filter(|&c| unicode_normalization::char::is_combining_mark(c) && !is_variation_selector(c))
        .collect();
    let vs = rest.iter().copied().find(|&c| is_variation_selector(c));

    // Precomposed form when the font has it (e + U+0301 → é).
    if !marks.is_empty() {
        let nfc: String = text.nfc().collect();
        let mut it = nfc.chars();
        if let (Some(c), None) = (it.next(), it.next()) {
            if let Some((f, g)) = ft.lookup(gothic, c) {
                let w = ft.adv(f, g) * size;
                glyphs.push(Glyph {
                    face: f,
                    gid: g,
                    dx: 0.0,
                    text: text.to_string(),
                });
                return Some(Cluster {
                    text: text.to_string(),
                    width: w,
                    glyphs,
                    style,
                    size,
                    hard: false,
                });
            }
        }
    }

    let mut var_used = false;
    let found = match vs {
        Some(v) => match ft.lookup_var(gothic, base, v) {
            Some(x) => {
                var_used = true;
                Some(x)
            }
            None => {
                // Emoji/text presentation selectors (FE0E/FE0F) only choose a style: no warning.
                let ivs_or_svs = !matches!(v, '\u{FE0E}' | '\u{FE0F}');
                if ivs_or_svs && !rep.vs_dropped.contains(&(base, v)) {
                    rep.vs_dropped.push((base, v));
                }
                ft.lookup(gothic, base)
            }
        },
        None => ft.lookup(gothic, base),
    };
    let (bf, bw) = match found {
        Some((f, g)) => {
            let t = if var_used {
                format!("{base}{}", vs.unwrap())
            } else {
                base.to_string()
            };
            let w = ft.adv(f, g) * size;
            glyphs.push(Glyph {
                face: f,
                gid: g,
                dx: 0.0,
                text: t,
            });
            (f, w)
        }
        None => {
            if !rep.missing.contains(&base) {
                rep.missing.push(base);
            }
            // 〓 (geta), the conventional placeholder for an unavailable character;
            // the text layer still carries the real character.
            let p = ft.primary(gothic);
            let g = ft.entries[p].gid('〓').unwrap_or(0);
            glyphs.push(Glyph {
                face: p,
                gid: g,
                dx: 0.0,
                text: base.to_string(),
            });
            (p, size)
        }
    };
    let mut x = bw;
    for &c in &rest {
        if is_ignorable(c) {
            continue;
        }
        let is_mark = marks.contains(&c);
        match ft.lookup_in(bf, gothic, c) {
            Some((f, g)) => {
                let a = ft.adv(f, g) * size;
                if is_mark {
                    // No GPOS: zero-width marks attach to the left of their origin;
                    // spacing marks are centred over the base.
                    let dx = if a < 0.05 * size { bw } else { (bw - a) / 2.0 };
                    glyphs.push(Glyph {
                        face: f,
                        gid: g,
                        dx,
                        text: c.to_string(),
                    });
                } else {
                    glyphs.push(Glyph {
                        face: f,
                        gid: g,
                        dx: x,
                        text: c.to_string(),
                    });
                    x += a;
                }
            }
            None => {
                if !rep.missing.contains(&c) {
                    rep.missing.push(c);
                }
            }
        }
    }
    Some(Cluster {
        text: text.to_string(),
        width: x,
        glyphs,
        style,
        size,
        hard: false,
    })
}

/// Resolve soft breaks: nothing between Japanese characters, a space between Latin words.
fn resolve_soft(inl: &[Inline]) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(inl.len());
    for (k, i) in inl.iter().enumerate() {
        match i {
            Inline::Soft => {
                let prev = out.iter().rev().find_map(|x| match x {
                    Inline::Text(t, _) => t.chars().last(),
                    _ => None,
                });
                let next = inl[k + 1..].iter().find_map(|x| match x {
                    Inline::Text(t, _) => t.chars().next(),
                    _ => None,
                });
                let wide =
                    |c: Option<char>| c.is_none_or(|c| linebreak::is_wide(c) || c.is_whitespace());
                if !wide(prev) && !wide(next) {
                    let st = match out.last() {
                        Some(Inline::Text(_, s)) => *s,
                        _ => Style::default(),
                    };
                    out.push(Inline::Text(" ".into(), st));
                }
            }
            other => out.push(other.clone()),
        }
    }
    out
}

pub(crate) fn shape_inlines(
    ft: &mut FaceTable,
    rep: &mut Report,
    inl: &[Inline],
    size: f32,
    base: Style,
) -> Vec<Cluster> {
    let mut out = Vec::new();
    for i in resolve_soft(inl) {
        match i {
            Inline::Text(t, s) => {
                let st = Style {
                    gothic: s.gothic || base.gothic,
                    italic: s.italic || base.italic,
                    code: s.code || base.code,
                    underline: s.underline || base.underline,
                    strike: s.strike || base.strike,
                };
                for g in linebreak::clusters(&t) {
                    if let Some(c) = shape_cluster(ft, rep, &g, st, size) {
                        out.push(c);
                    }
                }
            }
            Inline::Hard => out.push(Cluster {
                text: String::new(),
                width: 0.0,
                glyphs: vec![],
                style: base,
                size,
                hard: true,
            }),
            Inline::Soft => {}
        }
    }
    out
}

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
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        w: f32,
        gray: f32,
        dotted: bool,
    },
    Fill {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        gray: f32,
    },
    /// Internal link: `page` is the 0-based index into the final page list.
    Link {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        page: usize,
        dest_y: f32,
    },
}

#[derive(Default, Clone)]
pub(crate) struct Page {
    pub bg: Vec<Cmd>,
    pub fg: Vec<Cmd>,
}

#[derive(Clone, Debug)]
pub(crate) struct HeadRec {
    pub level: u8,
    pub text: String,
    /// Index of the page in the body page list.
    pub page: usize,
    pub y: f32,
}

#[derive(Clone, Copy)]
struct Cx {
    left: f32,
    width: f32,
    top_level: bool,
    ord_depth: usize,
}

struct Bar {
    x: f32,
    seg: Option<(f32, f32)>,
}

struct Marker {
    laid: Laid,
    x: f32,
}

pub(crate) struct Engine<'a, 'f> {
    pub ft: &'a mut FaceTable<'f>,
    pub rep: &'a mut Report,
    pub pages: Vec<Page>,
    /// Page that drawing goes to (the last one, except for footers).
    cur: usize,
    y: f32,
    fresh: bool,
    pending: f32,
    bars: Vec<Bar>,
    markers: Vec<Marker>,
    pub heads: Vec<HeadRec>,
}

/// Does a paragraph start with something that should not get the 1-character indent
/// (brackets, bullets, numbering like "(1)", "ア ", "1 ")?
fn wants_indent(inl: &[Inline]) -> bool {
    let t = plain_text(inl);
    let mut cs = t.chars();
    let Some(c0) = cs.next() else { return false };
    if "「『（(【〔［[〈《・※○●◎■□◆◇▶▷→＊*-－─―".contains(c0)
        || c0.is_whitespace()
        || c0 == '\u{3000}'
    {
        return false;
    }
    // "ア ", "1 ", "a ", "第1 " numbering followed by a space.
    let head: String = t
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect();
    let short = head.chars().count() <= 4;
    let followed_by_space = t[head.len()..].starts_with([' ', '\u{3000}']);
    if short && followed_by_space {
        return false;
    }
    true
}

fn katakana(n: u64) -> Option<char> {
    const K: &str = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン";
    K.chars().nth((n as usize).checked_sub(1)?)
}

/// 第1 → 1 → (1) → ア → (ア) → a → (a): list numbering by ordered-list depth.
fn ordered_marker(depth: usize, n: u64) -> String {
    let lat = |n: u64| {
        if (1..=26).contains(&n) {
            Some((b'a' + (n - 1) as u8) as char)
        } else {
            None
        }
    };
    match depth % 5 {
        0 => format!("({n})"),
        1 => katakana(n)
            .map(|c| c.to_string())
            .unwrap_or_else(|| n.to_string()),
        2 => katakana(n)
            .map(|c| format!("({c})"))
            .unwrap_or_else(|| format!("({n})")),
        3 => lat(n)
            .map(|c| c.to_string())
            .unwrap_or_else(|| n.to_string()),
        _ => lat(n)
            .map(|c| format!("({c})"))
            .unwrap_or_else(|| format!("({n})")),
    }
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
        }
    }

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

    pub fn lay(&mut self, inl: &[Inline], size: f32, style: Style, o: LayOpts) -> Laid {
        let cl = shape_inlines(self.ft, self.rep, inl, size, style);
        break_clusters(cl, size, o)
    }

    fn lay_str(&mut self, s: &str, size: f32, gothic: bool) -> Laid {
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

    fn page(&mut self) -> &mut Page {
        &mut self.pages[self.cur]
    }

    fn flush_bars(&mut self) {
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

    fn gap(&mut self, h: f32) {
        self.pending = self.pending.max(h);
    }

    /// Break the page unless `h` (plus the pending gap) fits.
    fn need(&mut self, h: f32) {
        if !self.fresh && self.y + self.pending + h > BOTTOM + 0.01 {
            self.new_page();
        }
    }

    /// Reserve `h` points of height; returns the top y.
    fn place(&mut self, h: f32) -> f32 {
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

    fn draw_markers(&mut self, y_top: f32, line_h: f32) {
        let markers = std::mem::take(&mut self.markers);
        for m in markers {
            if let Some(line) = m.laid.lines.first() {
                let line = line.clone();
                self.draw_line(&m.laid, &line, m.x, y_top, line_h);
            }
        }
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
            });
        }
        self.page().fg.extend(cmds);
    }

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
                    // Keep the heading with what follows: two lines of text, or a table's
                    // header and first row, or the next heading and its first lines.
                    let keep = match blocks.get(i + 1) {
                        Some(Block::Table { .. }) => 4.0 * BODY_LH,
                        Some(Block::Heading { .. }) => 4.0 * BODY_LH,
                        _ => 2.0 * BODY_LH,
                    };
                    self.heading(*level, content, cx, keep)
                }
                Block::Para(inl) => {
                    let indent = if cx.top_level && wants_indent(inl) {
                        BODY_SIZE
                    } else {
                        0.0
                    };
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
                        });
                    }
                    self.gap(BODY_LH * 0.35);
                }
                Block::Code(src) => self.code(src, cx),
                Block::Table {
                    aligns,
                    head,
                    rows,
                    equal,
                } => self.table(aligns, head, rows, *equal, cx),
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
        for (item, m) in items.iter().zip(laid) {
            self.markers.push(Marker {
                laid: m,
                x: cx.left,
            });
            self.blocks_in(item, inner);
            if !self.markers.is_empty() {
                // Empty item: the marker alone.
                let y = self.place(BODY_LH);
                self.draw_markers(y, BODY_LH);
            }
            self.gap(BODY_LH * 0.1);
        }
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
                });
                self.draw_line(&laid, line, cx.left + pad, y, line_h);
            }
        }
        self.gap(BODY_LH * 0.35);
    }

    fn table(
        &mut self,
        aligns: &[Align],
        head: &[Vec<Inline>],
        rows: &[Vec<Vec<Inline>>],
        equal: bool,
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
        let widths = if equal {
            vec![avail / ncols.max(1) as f32; ncols]
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

        self.gap(BODY_LH * 0.35);
        let first_h = body_laid
            .first()
            .map(|r| (nlines(r).min(2)) as f32 * lh + 2.0 * py)
            .unwrap_or(0.0);
        self.need(head_h + first_h);
        self.table_row(&geo, &head_laid, 0, head_n, true);
        let page_room = BOTTOM - TOP - head_h;
        for row in &body_laid {
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
                    self.table_row(&geo, row, from, total, false);
                    break;
                }
                let whole_fits_fresh = remaining as f32 * lh + 2.0 * py <= page_room;
                if !after_break && ((from == 0 && whole_fits_fresh) || fit == 0) {
                    self.new_page();
                    self.table_row(&geo, &head_laid, 0, head_n, true);
                    after_break = true;
                    continue;
                }
                // A row taller than the rest of the page: split it between lines.
                self.table_row(&geo, row, from, from + fit, false);
                from += fit;
                self.new_page();
                self.table_row(&geo, &head_laid, 0, head_n, true);
                after_break = true;
            }
        }
        self.gap(BODY_LH * 0.5);
    }

    fn table_row(&mut self, g: &TableGeo, cells: &[Laid], from: usize, to: usize, header: bool) {
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
            });
        }
        let mut x = g.x;
        for (c, laid) in cells.iter().enumerate() {
            let w = g.widths[c];
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
        });
        p.fg.push(Cmd::Line {
            x1: g.x,
            y1: y + h,
            x2: g.x + total_w,
            y2: y + h,
            w: bw,
            gray: 0.0,
            dotted: false,
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
            });
        }
    }

    /// Footer: page number centred, `left` text small on the left.
    pub fn footer(&mut self, page: usize, number: usize, left: &str) {
        let saved = self.cur;
        self.cur = page;
        let laid = self.lay_str(&format!("- {number} -"), 9.0, false);
        if let Some(line) = laid.lines.first().cloned() {
            let x = (PAGE_W - line.width) / 2.0;
            self.draw_line_gray(&laid, &line, x, FOOTER_BASELINE - ASCENT * 9.0, 9.0, 0.2);
        }
        if !left.is_empty() {
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
        self.cur = saved;
    }

    /// A cover page: title large, lines below, centred.
    pub fn cover(&mut self, title: &str, lines: &[String]) {
        self.y = PAGE_H * 0.28;
        self.fresh = false;
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
        });
        self.y += PAGE_H * 0.08;
        for l in lines {
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
        for h in heads.iter().filter(|h| h.level <= 2) {
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
    fn numbering_follows_municipal_convention() {
        assert_eq!(ordered_marker(0, 1), "(1)");
        assert_eq!(ordered_marker(1, 2), "イ");
        assert_eq!(ordered_marker(2, 1), "(ア)");
        assert_eq!(ordered_marker(3, 3), "c");
        assert_eq!(ordered_marker(4, 1), "(a)");
    }

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

    #[test]
    fn indent_rules() {
        let p = |s: &str| vec![Inline::Text(s.into(), Style::default())];
        assert!(wants_indent(&p("本市では、")));
        assert!(!wants_indent(&p("「人材」とは")));
        assert!(!wants_indent(&p("ア 研修の充実")));
        assert!(!wants_indent(&p("(1) 研修")));
    }
}
