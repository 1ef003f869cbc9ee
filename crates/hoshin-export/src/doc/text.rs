//! Text as the templates need it: Markdown escaping, kept line breaks, nested headings,
//! numbers, and the 「、」-joined names and labels of linked items (「－」 when none).

use hoshin_model::templates::{ListEntry, Lists};
use hoshin_model::Draft;

/// ア, イ, ウ … for the fourth numbering level.
const KANA: &[&str] = &[
    "ア", "イ", "ウ", "エ", "オ", "カ", "キ", "ク", "ケ", "コ", "サ", "シ", "ス", "セ", "ソ", "タ",
    "チ", "ツ", "テ", "ト", "ナ", "ニ", "ヌ", "ネ", "ノ", "ハ", "ヒ", "フ", "ヘ", "ホ", "マ", "ミ",
    "ム", "メ", "モ", "ヤ", "ユ", "ヨ", "ラ", "リ", "ル", "レ", "ロ", "ワ",
];

pub fn kana(i: usize) -> String {
    KANA.get(i)
        .map(|s| s.to_string())
        .unwrap_or_else(|| format!("{}", i + 1))
}

/// Escape text that must stay literal inside Markdown (names, headings).
pub fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '!' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    // A line that starts like a list item or a numbered list must stay text.
    if let Some(first) = out.chars().next() {
        if matches!(first, '-' | '+' | '=')
            || (first.is_ascii_digit()
                && out
                    .trim_start_matches(|c: char| c.is_ascii_digit())
                    .starts_with(['.', ')']))
        {
            out.insert(0, '\\');
        }
    }
    out
}

/// Does this line start a block of its own (so the line before it needs no hard break)?
fn starts_block(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with(['#', '|', '>', '-', '*', '+'])
        || t.starts_with("```")
        || t.starts_with("~~~")
        || {
            let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
            digits > 0 && t[digits..].starts_with(['.', ')'])
        }
}

/// A line break typed inside a paragraph stays a line break (as people expect from a
/// text box): continuation lines get a Markdown hard break. Code, tables, lists and
/// headings are left as they are. Used by the export and by the app's preview.
pub fn keep_line_breaks(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::with_capacity(text.len() + 16);
    let mut fence: Option<&str> = None;
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim_start();
        if let Some(f) = fence {
            if t.starts_with(f) {
                fence = None;
            }
        } else if t.starts_with("```") || t.starts_with("~~~") {
            fence = Some(&t[..3]);
        }
        out.push_str(line.trim_end());
        let next = lines.get(i + 1).copied().unwrap_or("");
        let continues = fence.is_none()
            && !t.is_empty()
            && !starts_block(line)
            && !next.trim().is_empty()
            && !starts_block(next);
        if continues && !line.trim_end().ends_with('\\') {
            out.push('\\');
        }
        out.push('\n');
    }
    out.trim_end().to_string()
}

/// Typed markup stays text. In a user's Markdown (section bodies, descriptions) the parts
/// that a Markdown viewer would turn into HTML of the user's making are written so that every
/// viewer shows them as typed and none of them runs:
/// - raw HTML (tags, comments, CDATA, processing instructions, inline or as a block),
/// - links and autolinks whose destination is not `http:`, `https:`, `mailto:` or relative
///   (`javascript:`, `data:`, `vbscript:` …), and reference definitions that point to one,
/// - images, whatever their source: the app is offline and has no pictures to show, and a
///   viewer would fetch the source (a tracking pixel) or hide the text behind it,
/// - every other `<` and `&` of the text: a `<` that CommonMark does not take for a tag
///   (`<img src=x onerror=a=1>`) may still be one to a laxer viewer, and a character
///   reference (`&lt;`, `&#60;`, `&nbsp;`) is shown as typed, not as the character it names.
///
/// Such a part gets a backslash before each ASCII punctuation character (CommonMark's own
/// escape, which every renderer here — pulldown-cmark for the preview, PDF, Word and HTML —
/// and every Markdown viewer reads back as the character). Markdown formatting, safe links,
/// code spans and code blocks are left as they are.
pub fn escape_raw_html(text: &str) -> String {
    use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
    enum Mode {
        /// Every ASCII punctuation character escaped.
        Literal,
        /// Only `<` and `&` escaped (text outside code and autolinks).
        Text,
    }
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let parser = Parser::new_ext(text, opts);
    let mut edits: Vec<(std::ops::Range<usize>, Mode)> = parser
        .reference_definitions()
        .iter()
        .filter(|(_, def)| !safe_destination(&def.dest))
        .map(|(_, def)| (def.span.clone(), Mode::Literal))
        .collect();
    let mut in_code_block = false;
    let mut in_autolink = false;
    for (event, range) in parser.into_offset_iter() {
        match event {
            Event::Html(_) | Event::InlineHtml(_) => edits.push((range, Mode::Literal)),
            Event::Start(Tag::Link {
                link_type: LinkType::Email,
                ..
            }) => in_autolink = true,
            Event::Start(Tag::Link {
                link_type: LinkType::Autolink,
                dest_url,
                ..
            }) if safe_destination(&dest_url) => in_autolink = true,
            Event::End(TagEnd::Link) => in_autolink = false,
            Event::Start(Tag::Link { dest_url, .. }) if !safe_destination(&dest_url) => {
                edits.push((range, Mode::Literal))
            }
            Event::Start(Tag::Image { .. }) => edits.push((range, Mode::Literal)),
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            Event::Text(_)
                if !in_code_block && !in_autolink && text[range.clone()].contains(['<', '&']) =>
            {
                edits.push((range, Mode::Text))
            }
            _ => {}
        }
    }
    if edits.is_empty() {
        return text.to_string();
    }
    // Outermost first: a part inside one already written literally is skipped.
    edits.sort_by(|a, b| a.0.start.cmp(&b.0.start).then(b.0.end.cmp(&a.0.end)));
    let mut out = String::with_capacity(text.len() + 32);
    let mut at = 0;
    for (r, mode) in edits {
        if r.start < at {
            continue;
        }
        out.push_str(&text[at..r.start]);
        let escaped_before = |i: usize| {
            text.as_bytes()[..i]
                .iter()
                .rev()
                .take_while(|b| **b == b'\\')
                .count()
                % 2
                == 1
        };
        for (i, c) in text[r.clone()].char_indices() {
            let i = r.start + i;
            let escape = match mode {
                // The backslashes too, so nothing typed escapes what follows it.
                Mode::Literal => c.is_ascii_punctuation(),
                // Only a `<` or `&` that is not escaped already.
                Mode::Text => matches!(c, '<' | '&') && !escaped_before(i),
            };
            if escape {
                out.push('\\');
            }
            out.push(c);
        }
        at = r.end;
    }
    out.push_str(&text[at..]);
    out
}

/// May a link in a user's text keep its destination? Relative ones and `http:`, `https:`,
/// `mailto:` may; any other scheme (`javascript:`, `data:`, `file:` …) may not. Whitespace
/// and control characters are ignored, as browsers ignore them.
fn safe_destination(dest: &str) -> bool {
    let d: String = dest
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    match d.find(':') {
        Some(colon) if !d[..colon].contains(['/', '?', '#']) => matches!(
            d[..colon].to_ascii_lowercase().as_str(),
            "http" | "https" | "mailto"
        ),
        _ => true,
    }
}

/// User Markdown placed under a level-3 heading: line breaks kept (see
/// `keep_line_breaks`), and its own headings moved three levels down (`#` → `####`,
/// capped at 6) so the document's heading tree stays intact.
pub fn nest_markdown(text: &str) -> String {
    let kept = keep_line_breaks(&escape_raw_html(text));
    let mut out = String::with_capacity(kept.len() + 16);
    let mut fence: Option<&str> = None;
    for line in kept.lines() {
        let t = line.trim_start();
        if let Some(f) = fence {
            if t.starts_with(f) {
                fence = None;
            }
        } else if t.starts_with("```") || t.starts_with("~~~") {
            fence = Some(&t[..3]);
        } else if line.starts_with('#') {
            let level = line.chars().take_while(|c| *c == '#').count();
            let rest = &line[level..];
            if level <= 6 && (rest.is_empty() || rest.starts_with(' ')) {
                out.push_str(&"#".repeat((level + 3).min(6)));
                out.push_str(rest);
                out.push('\n');
                continue;
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    out.trim_end().to_string()
}

/// A number as printed: no decimals for whole numbers, at most two otherwise.
pub(super) fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// The names of linked items, 「、」-separated; 「－」 when none.
pub(super) fn names(d: &Draft, ids: &[String]) -> String {
    let v: Vec<String> = ids
        .iter()
        .filter_map(|id| d.find(id).map(|(_, n)| md_escape(n)))
        .collect();
    if v.is_empty() {
        "－".into()
    } else {
        v.join("、")
    }
}

/// The Japanese labels of list ids, 「、」-separated; 「－」 when none.
pub(super) fn labels(list: &[ListEntry], ids: &[String]) -> String {
    if ids.is_empty() {
        return "－".into();
    }
    ids.iter()
        .map(|i| md_escape(Lists::label(list, i)))
        .collect::<Vec<_>>()
        .join("、")
}

/// 「－」 for empty text.
pub(super) fn or_dash(s: String) -> String {
    if s.trim().is_empty() {
        "－".into()
    } else {
        s
    }
}
