//! Recognise the official numbering of a Japanese policy text (第1 → 1 → (1) → ア → (ア),
//! half- or full-width, kanji numerals, half-width katakana, Markdown headings) and turn
//! the text into a heading tree with bodies.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct OldSection {
    /// 1 = 第1, 2 = 1, 3 = (1), 4 = ア, 5 = (ア).
    pub level: u8,
    /// The number as written in half-width form (第1, 1, (1), ア, (ア)), if any.
    pub number: Option<String>,
    pub title: String,
    /// Body text up to the next heading, paragraphs separated by blank lines.
    pub body: String,
    /// 1-based line of the heading in the source.
    pub line: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Outline {
    /// Text before the first heading (e.g. a title and a date).
    pub preamble: String,
    pub sections: Vec<OldSection>,
}

/// Full-width digits, letters, parentheses and spaces to half-width; half-width katakana
/// to full-width (only what numbering needs).
pub fn normalize(s: &str) -> String {
    const HALF_KANA: &str = "ｦｧｨｩｪｫｬｭｮｯｰｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝ";
    const FULL_KANA: &str = "ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン";
    let half: Vec<char> = HALF_KANA.chars().collect();
    let full: Vec<char> = FULL_KANA.chars().collect();
    s.chars()
        .map(|c| match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            '（' => '(',
            '）' => ')',
            '．' => '.',
            _ => half
                .iter()
                .position(|h| *h == c)
                .map(|i| full[i])
                .unwrap_or(c),
        })
        .collect()
}

fn kanji_number(s: &str) -> Option<u32> {
    let digit = |c: char| {
        "〇一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|i| i as u32)
    };
    let mut total = 0;
    let mut cur = None;
    for c in s.chars() {
        if c == '十' {
            total += cur.unwrap_or(1) * 10;
            cur = None;
        } else {
            cur = Some(digit(c)?);
        }
    }
    let n = total + cur.unwrap_or(0);
    (n > 0).then_some(n)
}

/// Does the rest of a numbered line read like a heading rather than a numbered sentence?
fn heading_like(rest: &str) -> bool {
    let r = rest.trim();
    !r.is_empty() && r.chars().count() <= 40 && !r.ends_with('。') && !r.ends_with('.')
}

fn split_space(s: &str) -> Option<(&str, &str)> {
    let i = s.find([' ', '\u{3000}', '\t'])?;
    Some((&s[..i], s[i..].trim_start_matches([' ', '\u{3000}', '\t'])))
}

/// Recognise a heading line: (level, number, title).
fn heading(line: &str) -> Option<(u8, Option<String>, String)> {
    let raw = line.trim();
    if raw.is_empty() {
        return None;
    }
    let n = normalize(raw);
    if let Some(rest) = n.strip_prefix('#') {
        let level = 1 + rest.chars().take_while(|c| *c == '#').count();
        let text = rest.trim_start_matches('#');
        if level <= 6 && text.starts_with(' ') {
            let text = text.trim();
            return Some(match heading(text) {
                Some((_, num, title)) => (level.min(5) as u8, num, title),
                None => (level.min(5) as u8, None, text.to_string()),
            });
        }
        return None;
    }
    if let Some(rest) = n.strip_prefix('第') {
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || "〇一二三四五六七八九十".contains(c)))
            .unwrap_or(rest.len());
        let (num, mut tail) = rest.split_at(end);
        let value = num.parse::<u32>().ok().or_else(|| kanji_number(num))?;
        tail = tail.strip_prefix('章').unwrap_or(tail);
        let title = tail.trim_start_matches([' ', '\u{3000}', '　']).trim();
        if title.chars().count() <= 40 && !title.ends_with('。') {
            return Some((1, Some(format!("第{value}")), title.to_string()));
        }
        return None;
    }
    if let Some(rest) = n.strip_prefix('(') {
        let close = rest.find(')')?;
        let inner = &rest[..close];
        let title = rest[close + 1..].trim_start_matches([' ', '\u{3000}']);
        if let Ok(v) = inner.parse::<u32>() {
            return heading_like(title)
                .then(|| (3, Some(format!("({v})")), title.trim().to_string()));
        }
        let mut cs = inner.chars();
        if let (Some(c), None) = (cs.next(), cs.next()) {
            if ('ア'..='ン').contains(&c) {
                return heading_like(title)
                    .then(|| (5, Some(format!("({c})")), title.trim().to_string()));
            }
        }
        return None;
    }
    let (head, title) = split_space(&n)?;
    let head = head.trim_end_matches(['.', '、']);
    if !head.is_empty() && head.len() <= 2 && head.chars().all(|c| c.is_ascii_digit()) {
        return heading_like(title).then(|| (2, Some(head.to_string()), title.trim().to_string()));
    }
    let mut cs = head.chars();
    if let (Some(c), None) = (cs.next(), cs.next()) {
        if ('ア'..='ン').contains(&c) {
            return heading_like(title).then(|| (4, Some(c.to_string()), title.trim().to_string()));
        }
    }
    None
}

/// A short line on its own that names a part (はじめに, 策定の趣旨 …).
fn unnumbered_heading(line: &str, prev_blank: bool, next_blank_or_end: bool) -> bool {
    let t = line.trim();
    let len = t.chars().count();
    prev_blank
        && (2..=20).contains(&len)
        && !t.contains(['。', '、', '，', '：', ':', '・'])
        && !t.starts_with(['-', '*', '・', '※', '○', '●', '◯', '(', '（', '「'])
        && !t.chars().next().is_some_and(|c| c.is_ascii_digit())
        && next_blank_or_end
}

/// Read a plain-text or Markdown policy; short lines standing alone (はじめに …) count as
/// unnumbered headings.
pub fn parse(text: &str) -> Outline {
    parse_with(text, true)
}

/// As `parse`; with `guess_unnumbered` false only numbered lines and Markdown headings are
/// headings (for sources such as Word files whose heading styles are already marked).
pub fn parse_with(text: &str, guess_unnumbered: bool) -> Outline {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Outline::default();
    let mut body: Vec<&str> = Vec::new();
    let mut current: Option<OldSection> = None;
    let mut last_level = 0u8;
    let flush = |cur: &mut Option<OldSection>, body: &mut Vec<&str>, out: &mut Outline| {
        let text = tidy(body);
        body.clear();
        match cur.take() {
            Some(mut s) => {
                s.body = text;
                out.sections.push(s);
            }
            None => out.preamble = text,
        }
    };
    for (i, line) in lines.iter().enumerate() {
        let prev_blank = i == 0 || lines[i - 1].trim().is_empty();
        let next_blank = i + 1 >= lines.len() || lines[i + 1].trim().is_empty();
        let found = heading(line).or_else(|| {
            (guess_unnumbered && unnumbered_heading(line, prev_blank, next_blank)).then(|| {
                (
                    (if last_level == 0 {
                        1
                    } else {
                        last_level.min(2)
                    }),
                    None,
                    line.trim().to_string(),
                )
            })
        });
        match found {
            Some((level, number, title)) => {
                flush(&mut current, &mut body, &mut out);
                last_level = level;
                current = Some(OldSection {
                    level,
                    number,
                    title,
                    body: String::new(),
                    line: i + 1,
                });
            }
            None => body.push(line),
        }
    }
    flush(&mut current, &mut body, &mut out);
    out
}

/// Trim paragraph indents (字下げ), keep list nesting, drop runs of blank lines.
fn tidy(lines: &[&str]) -> String {
    let mut out: Vec<String> = Vec::new();
    for l in lines {
        let t = l.trim_end();
        if t.trim().is_empty() {
            if out.last().is_some_and(|x| !x.is_empty()) {
                out.push(String::new());
            }
        } else {
            let stripped = t.trim_start_matches(['\u{3000}', ' ', '\t']);
            let indent = t.chars().count() - stripped.chars().count();
            if indent > 0 && stripped.starts_with(['・', '-', '*', '○', '●']) {
                out.push(format!("{}{stripped}", "  ".repeat(indent.min(3))));
            } else {
                out.push(stripped.to_string());
            }
        }
    }
    while out.last().is_some_and(|x| x.is_empty()) {
        out.pop();
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heads(o: &Outline) -> Vec<(u8, Option<&str>, &str)> {
        o.sections
            .iter()
            .map(|s| (s.level, s.number.as_deref(), s.title.as_str()))
            .collect()
    }

    #[test]
    fn half_and_full_width_numbering() {
        let text = "○○市人材育成基本方針\n平成18年3月\n\nはじめに\n\n　本方針は、職員の育成について定める。\n\n第１　目指す職員像\n\n１　求められる職員像\n　市民の視点に立つ職員。\n\n（１）意識改革\n　前例にとらわれない。\n\nｱ　研修の充実\n　研修を体系化する。\n\n（ｲ）　派遣研修\n　国や県へ派遣する。\n\n\n\n第2 人材育成の方策\n1. 職場研修\n本文。\n";
        let o = parse(text);
        assert_eq!(o.preamble, "○○市人材育成基本方針\n平成18年3月");
        assert_eq!(
            heads(&o),
            vec![
                (1, None, "はじめに"),
                (1, Some("第1"), "目指す職員像"),
                (2, Some("1"), "求められる職員像"),
                (3, Some("(1)"), "意識改革"),
                (4, Some("ア"), "研修の充実"),
                (5, Some("(イ)"), "派遣研修"),
                (1, Some("第2"), "人材育成の方策"),
                (2, Some("1"), "職場研修"),
            ]
        );
        assert_eq!(o.sections[2].body, "市民の視点に立つ職員。");
        assert_eq!(o.sections[6].line, 24);
    }

    #[test]
    fn kanji_numerals_markdown_and_numbered_sentences() {
        let o = parse("# 第一章 総則\n\n第十二 雑則\n\n## 研修の体系\n\n1 職員は、自ら学ぶ意欲を持ち、日々の業務を通じて能力を高めることが求められる。\n\nア アンケート結果を活用する\n\nアンケートの結果を見る。\n");
        assert_eq!(
            heads(&o),
            vec![
                (1, Some("第1"), "総則"),
                (1, Some("第12"), "雑則"),
                (2, None, "研修の体系"),
                (4, Some("ア"), "アンケート結果を活用する")
            ]
        );
        assert!(
            o.sections[2].body.starts_with("1 職員は、"),
            "a numbered sentence stays body text"
        );
        assert_eq!(
            o.sections[3].body, "アンケートの結果を見る。",
            "a word starting with ア is not a heading"
        );
    }

    #[test]
    fn nested_lists_stay_in_the_body() {
        let o = parse("第1 研修\n\n・階層別研修\n　・新規採用職員研修\n- 専門研修\n");
        assert_eq!(o.sections.len(), 1);
        assert_eq!(
            o.sections[0].body,
            "・階層別研修\n  ・新規採用職員研修\n- 専門研修"
        );
    }
}
