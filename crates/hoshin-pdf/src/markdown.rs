//! Markdown → a small block tree (pulldown-cmark, tables + strikethrough), shared by the PDF
//! layout and the Word renderer so both read the same dialect (`<u>`, `<br>`, charts).

use pulldown_cmark::{Alignment, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Style {
    pub gothic: bool,
    pub italic: bool,
    pub code: bool,
    pub underline: bool,
    pub strike: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Inline {
    Text(String, Style),
    /// A source line break inside a paragraph: nothing between Japanese, a space otherwise.
    Soft,
    /// A forced line break.
    Hard,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

#[derive(Clone, Debug)]
pub enum Block {
    Heading {
        level: u8,
        content: Vec<Inline>,
    },
    Para(Vec<Inline>),
    List {
        ordered: bool,
        start: u64,
        items: Vec<Vec<Block>>,
    },
    Quote(Vec<Block>),
    Code(String),
    /// A `hoshin-chart` fenced block that parsed as a chart.
    Chart(crate::chart::Chart),
    /// `weights`: the columns share the width in these proportions instead of by content
    /// (set by `<!-- hoshin:equal-columns -->` or `<!-- hoshin:column-weights 5 5 2 -->`
    /// right before the table, e.g. for the columns of a 新旧対照表).
    Table {
        aligns: Vec<Align>,
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
        weights: Option<Vec<f32>>,
    },
    PageBreak,
}

pub fn parse(md: &str) -> Vec<Block> {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    let events: Vec<Event> = Parser::new_ext(md, opts).collect();
    let mut p = P {
        ev: events,
        i: 0,
        weights_next: None,
    };
    p.blocks(None)
}

struct P<'a> {
    ev: Vec<Event<'a>>,
    i: usize,
    /// The next table's column proportions.
    weights_next: Option<Vec<f32>>,
}

/// An HTML comment that asks for equal column widths in the table that follows.
pub const EQUAL_COLUMNS: &str = "<!-- hoshin:equal-columns -->";

/// `<!-- hoshin:column-weights 5 5 2 -->`: the proportions of the next table's columns.
fn column_weights(raw: &str) -> Option<Vec<f32>> {
    if raw == EQUAL_COLUMNS {
        return Some(vec![]);
    }
    let inner = raw
        .strip_prefix("<!-- hoshin:column-weights ")?
        .strip_suffix("-->")?;
    let w: Vec<f32> = inner
        .split_whitespace()
        .map(|x| {
            x.parse::<f32>()
                .ok()
                .filter(|v| v.is_finite() && *v > 0.0 && *v <= 100.0)
        })
        .collect::<Option<_>>()?;
    (!w.is_empty() && w.len() <= 64).then_some(w)
}

/// Widths of `n` columns sharing `total` in the given proportions (missing ones count 1).
pub fn weighted_widths(weights: &[f32], n: usize, total: f32) -> Vec<f32> {
    let w: Vec<f32> = (0..n)
        .map(|i| weights.get(i).copied().unwrap_or(1.0))
        .collect();
    let sum: f32 = w.iter().sum::<f32>().max(f32::EPSILON);
    w.iter().map(|x| total * x / sum).collect()
}

fn is_inline(e: &Event) -> bool {
    match e {
        Event::Text(_)
        | Event::Code(_)
        | Event::InlineHtml(_)
        | Event::InlineMath(_)
        | Event::FootnoteReference(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::TaskListMarker(_) => true,
        Event::Start(t) => matches!(
            t,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Link { .. }
                | Tag::Image { .. }
                | Tag::Superscript
                | Tag::Subscript
        ),
        _ => false,
    }
}

/// Split raw HTML into literal text and the only tags we honour: `<u>` / `</u>` (underline,
/// for 新旧対照表) and `<br>` (`<br/>`, `<br />`: a line break, the only way to break a
/// line inside a GFM table cell). Any other tag is literal text.
fn html_pieces(raw: &str, style: &mut Style, out: &mut Vec<Inline>) {
    const TAGS: [(&str, Tag2); 5] = [
        ("<u>", Tag2::UOn),
        ("</u>", Tag2::UOff),
        ("<br>", Tag2::Br),
        ("<br/>", Tag2::Br),
        ("<br />", Tag2::Br),
    ];
    let mut rest = raw;
    let mut lit = String::new();
    while let Some(pos) = rest.find('<') {
        let (before, at) = rest.split_at(pos);
        lit.push_str(before);
        let lower = at.get(..6.min(at.len())).unwrap_or(at).to_ascii_lowercase();
        match TAGS.iter().find(|(t, _)| lower.starts_with(t)) {
            Some((t, tag)) => {
                push_text(out, &lit, *style);
                lit.clear();
                match tag {
                    Tag2::UOn => style.underline = true,
                    Tag2::UOff => style.underline = false,
                    Tag2::Br => out.push(Inline::Hard),
                }
                rest = &at[t.len()..];
            }
            None => {
                lit.push('<');
                rest = &at[1..];
            }
        }
    }
    lit.push_str(rest);
    push_text(out, &lit, *style);
}

#[derive(Clone, Copy)]
enum Tag2 {
    UOn,
    UOff,
    Br,
}

fn push_text(out: &mut Vec<Inline>, s: &str, style: Style) {
    if s.is_empty() {
        return;
    }
    // HTML block text keeps its line structure as forced breaks.
    let mut first = true;
    for line in s.split('\n') {
        if !first {
            out.push(Inline::Hard);
        }
        first = false;
        if !line.is_empty() {
            if let Some(Inline::Text(t, st)) = out.last_mut() {
                if *st == style {
                    t.push_str(line);
                    continue;
                }
            }
            out.push(Inline::Text(line.to_string(), style));
        }
    }
}

impl<'a> P<'a> {
    fn peek(&self) -> Option<&Event<'a>> {
        self.ev.get(self.i)
    }

    /// Parse blocks until `end` (consumed) or the end of input.
    fn blocks(&mut self, end: Option<TagEnd>) -> Vec<Block> {
        let mut out = Vec::new();
        while let Some(e) = self.peek() {
            if let Event::End(t) = e {
                let t = *t;
                self.i += 1;
                if Some(t) == end {
                    break;
                }
                continue;
            }
            if is_inline(e) {
                // Tight list items: inline content directly inside the item.
                let inl = self.inlines_loose();
                if !inl.is_empty() {
                    out.push(Block::Para(inl));
                }
                continue;
            }
            let e = self.ev[self.i].clone();
            self.i += 1;
            match e {
                Event::Start(Tag::Paragraph) => {
                    let inl = self.inlines(TagEnd::Paragraph);
                    if !inl.is_empty() {
                        out.push(Block::Para(inl));
                    }
                }
                Event::Start(Tag::Heading { level, .. }) => {
                    let content = self.inlines(TagEnd::Heading(level));
                    let level = match level {
                        HeadingLevel::H1 => 1,
                        HeadingLevel::H2 => 2,
                        HeadingLevel::H3 => 3,
                        _ => 4,
                    };
                    out.push(Block::Heading { level, content });
                }
                Event::Start(Tag::BlockQuote(k)) => {
                    let inner = self.blocks(Some(TagEnd::BlockQuote(k)));
                    out.push(Block::Quote(inner));
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    let chart = matches!(&kind, pulldown_cmark::CodeBlockKind::Fenced(info) if info.trim() == crate::chart::CHART_INFO);
                    let mut s = String::new();
                    while let Some(e) = self.peek() {
                        match e {
                            Event::End(TagEnd::CodeBlock) => {
                                self.i += 1;
                                break;
                            }
                            Event::Text(t) | Event::Html(t) => s.push_str(t),
                            _ => {}
                        }
                        self.i += 1;
                    }
                    match chart.then(|| crate::chart::Chart::parse(&s)).flatten() {
                        Some(c) => out.push(Block::Chart(c)),
                        None => out.push(Block::Code(s)),
                    }
                }
                Event::Start(Tag::HtmlBlock) => {
                    let mut raw = String::new();
                    while let Some(e) = self.peek() {
                        match e {
                            Event::End(TagEnd::HtmlBlock) => {
                                self.i += 1;
                                break;
                            }
                            Event::Html(t) | Event::Text(t) => raw.push_str(t),
                            _ => {}
                        }
                        self.i += 1;
                    }
                    if let Some(w) = column_weights(raw.trim()) {
                        self.weights_next = Some(w);
                        continue;
                    }
                    let mut style = Style::default();
                    let mut inl = Vec::new();
                    html_pieces(raw.trim_end_matches('\n'), &mut style, &mut inl);
                    if !inl.is_empty() {
                        out.push(Block::Para(inl));
                    }
                }
                Event::Start(Tag::List(start)) => {
                    let ordered = start.is_some();
                    let mut items = Vec::new();
                    while let Some(e) = self.peek() {
                        match e {
                            Event::Start(Tag::Item) => {
                                self.i += 1;
                                items.push(self.blocks(Some(TagEnd::Item)));
                            }
                            Event::End(TagEnd::List(_)) => {
                                self.i += 1;
                                break;
                            }
                            _ => self.i += 1,
                        }
                    }
                    out.push(Block::List {
                        ordered,
                        start: start.unwrap_or(1),
                        items,
                    });
                }
                Event::Start(Tag::Table(al)) => {
                    let aligns = al
                        .iter()
                        .map(|a| match a {
                            Alignment::Center => Align::Center,
                            Alignment::Right => Align::Right,
                            _ => Align::Left,
                        })
                        .collect();
                    let mut head = Vec::new();
                    let mut rows: Vec<Vec<Vec<Inline>>> = Vec::new();
                    let mut in_head = false;
                    while let Some(e) = self.peek() {
                        match e {
                            Event::Start(Tag::TableHead) => {
                                in_head = true;
                                self.i += 1;
                            }
                            Event::End(TagEnd::TableHead) => {
                                in_head = false;
                                self.i += 1;
                            }
                            Event::Start(Tag::TableRow) => {
                                if !in_head {
                                    rows.push(Vec::new());
                                }
                                self.i += 1;
                            }
                            Event::Start(Tag::TableCell) => {
                                self.i += 1;
                                let c = self.inlines(TagEnd::TableCell);
                                if in_head {
                                    head.push(c);
                                } else {
                                    if rows.is_empty() {
                                        rows.push(Vec::new());
                                    }
                                    rows.last_mut().unwrap().push(c);
                                }
                            }
                            Event::End(TagEnd::Table) => {
                                self.i += 1;
                                break;
                            }
                            _ => self.i += 1,
                        }
                    }
                    let weights = self.weights_next.take();
                    out.push(Block::Table {
                        aligns,
                        head,
                        rows,
                        weights,
                    });
                }
                Event::Rule => out.push(Block::PageBreak),
                Event::Html(t) => {
                    let mut style = Style::default();
                    let mut inl = Vec::new();
                    html_pieces(&t, &mut style, &mut inl);
                    if !inl.is_empty() {
                        out.push(Block::Para(inl));
                    }
                }
                Event::DisplayMath(t) => out.push(Block::Para(vec![Inline::Text(
                    t.to_string(),
                    Style::default(),
                )])),
                Event::Start(t) => {
                    // Footnote definitions, definition lists, metadata: keep their content.
                    let inner = self.blocks(Some(t.to_end()));
                    out.extend(inner);
                }
                _ => {}
            }
        }
        out
    }

    /// Inline events until the next non-inline event (not consumed).
    fn inlines_loose(&mut self) -> Vec<Inline> {
        let mut out = Vec::new();
        let mut stack = vec![Style::default()];
        while let Some(e) = self.peek() {
            if !is_inline(e)
                && !matches!(
                    e,
                    Event::End(
                        TagEnd::Emphasis
                            | TagEnd::Strong
                            | TagEnd::Strikethrough
                            | TagEnd::Link
                            | TagEnd::Image
                            | TagEnd::Superscript
                            | TagEnd::Subscript
                    )
                )
            {
                break;
            }
            let e = self.ev[self.i].clone();
            self.i += 1;
            self.inline_event(e, &mut stack, &mut out);
        }
        out
    }

    /// Inline events until `end` (consumed).
    fn inlines(&mut self, end: TagEnd) -> Vec<Inline> {
        let mut out = Vec::new();
        let mut stack = vec![Style::default()];
        while let Some(e) = self.peek() {
            if let Event::End(t) = e {
                if *t == end {
                    self.i += 1;
                    break;
                }
            }
            let e = self.ev[self.i].clone();
            self.i += 1;
            self.inline_event(e, &mut stack, &mut out);
        }
        out
    }

    fn inline_event(&mut self, e: Event<'a>, stack: &mut Vec<Style>, out: &mut Vec<Inline>) {
        let cur = *stack.last().unwrap();
        match e {
            Event::Text(t) => push_text(out, &t, cur),
            Event::Code(t) => push_text(out, &t, Style { code: true, ..cur }),
            Event::InlineMath(t) => push_text(out, &t, cur),
            Event::FootnoteReference(t) => push_text(out, &format!("[^{t}]"), cur),
            Event::SoftBreak => out.push(Inline::Soft),
            Event::HardBreak => out.push(Inline::Hard),
            Event::TaskListMarker(done) => push_text(out, if done { "☑ " } else { "☐ " }, cur),
            Event::InlineHtml(h) => {
                let mut st = cur;
                html_pieces(&h, &mut st, out);
                // `<u>` / `</u>` change the style of what follows.
                if let Some(top) = stack.last_mut() {
                    top.underline = st.underline;
                }
            }
            Event::Html(h) => push_text(out, &h, cur),
            Event::Start(t) => {
                let mut st = cur;
                match &t {
                    Tag::Strong => st.gothic = true,
                    Tag::Emphasis => st.italic = true,
                    Tag::Strikethrough => st.strike = true,
                    Tag::Image { .. } => push_text(out, "［図：", cur),
                    _ => {}
                }
                stack.push(st);
            }
            Event::End(t) => {
                if stack.len() > 1 {
                    let popped = stack.pop().unwrap();
                    // An underline opened inside a span stays open after it.
                    if let Some(top) = stack.last_mut() {
                        top.underline = popped.underline;
                    }
                }
                if t == TagEnd::Image {
                    push_text(out, "］", *stack.last().unwrap());
                }
            }
            _ => {}
        }
    }
}

fn katakana(n: u64) -> Option<char> {
    const K: &str = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン";
    K.chars().nth((n as usize).checked_sub(1)?)
}

/// 第1 → 1 → (1) → ア → (ア) → a → (a): the marker of item `n` of an ordered list at `depth`
/// (0 = top level, which the headings already number 第1 and 1), as PDF and Word print it.
pub fn ordered_marker(depth: usize, n: u64) -> String {
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

/// Does a paragraph start with something that should not get the 1-character indent
/// (brackets, bullets, numbering like "(1)", "ア ", "1 ")?
pub fn wants_indent(inl: &[Inline]) -> bool {
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

/// Plain text of inline content (for the TOC and the outline).
pub fn plain_text(inl: &[Inline]) -> String {
    let mut s = String::new();
    for i in inl {
        match i {
            Inline::Text(t, _) => s.push_str(t),
            Inline::Soft | Inline::Hard => s.push(' '),
        }
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn underline_only_u_tag() {
        let b = parse("改正後は<u>新しい</u>文です。<b>太字</b>");
        let Block::Para(inl) = &b[0] else {
            panic!("{b:?}")
        };
        let u: Vec<_> = inl
            .iter()
            .filter_map(|i| match i {
                Inline::Text(t, s) => Some((t.as_str(), s.underline)),
                _ => None,
            })
            .collect();
        assert_eq!(
            u,
            vec![
                ("改正後は", false),
                ("新しい", true),
                ("文です。<b>太字</b>", false)
            ]
        );
    }

    #[test]
    fn br_is_a_line_break_in_table_cells() {
        let b = parse(
            "| 改正案 | 現行 |\n|---|---|\n| **第1**<br>本文<BR/>次<br />末 | <span>x</span> |\n",
        );
        let Block::Table { rows, .. } = &b[0] else {
            panic!("{b:?}")
        };
        let hard = rows[0][0]
            .iter()
            .filter(|i| matches!(i, Inline::Hard))
            .count();
        assert_eq!(hard, 3, "{:?}", rows[0][0]);
        assert_eq!(plain_text(&rows[0][1]), "<span>x</span>");
    }

    #[test]
    fn blocks_parse() {
        let md = "# 第1 見出し\n\n本文\n\n- a\n  - b\n1. c\n\n> 引用\n\n---\n\n| A | B |\n|---|:-:|\n| 1 | 2 |\n";
        let b = parse(md);
        assert!(matches!(b[0], Block::Heading { level: 1, .. }));
        assert!(matches!(b[1], Block::Para(_)));
        assert!(matches!(b[2], Block::List { ordered: false, .. }));
        assert!(matches!(b[3], Block::List { ordered: true, .. }));
        assert!(matches!(b[4], Block::Quote(_)));
        assert!(matches!(b[5], Block::PageBreak));
        let Block::Table {
            aligns, head, rows, ..
        } = &b[6]
        else {
            panic!()
        };
        assert_eq!(aligns, &vec![Align::Left, Align::Center]);
        assert_eq!(head.len(), 2);
        assert_eq!(rows.len(), 1);
    }

    #[test]
    fn column_weights_set_proportions_and_bad_ones_are_ignored() {
        let b = parse("<!-- hoshin:column-weights 5 5 2 -->\n\n| 新 | 旧 | 備考 |\n|---|---|---|\n| あ | い | う |\n");
        let w = b.iter().find_map(|x| match x {
            Block::Table { weights, .. } => Some(weights.clone()),
            _ => None,
        });
        assert_eq!(w, Some(Some(vec![5.0, 5.0, 2.0])));
        assert_eq!(
            weighted_widths(&[5.0, 5.0, 2.0], 3, 120.0),
            vec![50.0, 50.0, 20.0]
        );
        // Missing weights count one; a malformed comment is just a comment.
        assert_eq!(weighted_widths(&[3.0], 2, 100.0), vec![75.0, 25.0]);
        for bad in [
            "<!-- hoshin:column-weights 5 x -->",
            "<!-- hoshin:column-weights -1 2 -->",
        ] {
            let b = parse(&format!("{bad}\n\n| a | b |\n|---|---|\n| c | d |\n"));
            assert!(
                b.iter()
                    .any(|x| matches!(x, Block::Table { weights: None, .. })),
                "{bad}"
            );
        }
    }

    #[test]
    fn equal_columns_hint_applies_to_the_next_table_only() {
        let b = parse("<!-- hoshin:equal-columns -->\n\n| 新 | 旧 |\n|---|---|\n| あ | い |\n\n| a | b |\n|---|---|\n| c | d |\n");
        let flags: Vec<bool> = b
            .iter()
            .filter_map(|x| {
                if let Block::Table { weights, .. } = x {
                    Some(weights.is_some())
                } else {
                    None
                }
            })
            .collect();
        assert_eq!(flags, [true, false]);
        assert_eq!(b.len(), 2, "the hint itself is not printed: {b:?}");
    }
}
