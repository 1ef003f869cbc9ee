//! Shaping: text → clusters. Each grapheme cluster gets its font and glyphs (the
//! style's primary face, then the installed CJK fallbacks; 〓 and a report entry when
//! no font has it), variation sequences (IVS/SVS) when a face maps them, combining
//! marks (precomposed when the font has the composed form), and its width in points.
//! Soft line breaks are resolved here too: nothing between Japanese characters, a space
//! between Latin words.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

use crate::fonts::{Fonts, LoadedFace};
use crate::linebreak;
use crate::markdown::{Inline, Style};

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
    pub(super) fn is_space(&self) -> bool {
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
