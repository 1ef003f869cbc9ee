//! The rules over one text. Offsets are in characters.

use hoshin_model::templates::{StyleParams, StyleRules};

/// One finding in one text, before the rule's configuration is applied.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub rule: &'static str,
    pub start: usize,
    pub end: usize,
    pub found: String,
    pub fix: Option<String>,
    pub safe: bool,
    pub message: String,
}

/// Characters the digit and 用字 rules leave alone: Markdown table lines, code (fenced and
/// inline), and quotations in 「」『』 (nested ones too).
pub(crate) fn mask(chars: &[char]) -> Vec<bool> {
    let mut out = vec![false; chars.len()];
    let mut line_start = 0;
    let mut in_fence = false;
    let mut i = 0;
    while i <= chars.len() {
        if i == chars.len() || chars[i] == '\n' {
            let line: String = chars[line_start..i].iter().collect();
            let t = line.trim_start();
            let fence = t.starts_with("```") || t.starts_with("~~~");
            if in_fence || fence || t.starts_with('|') {
                out[line_start..i].iter_mut().for_each(|m| *m = true);
            }
            if fence {
                in_fence = !in_fence;
            }
            line_start = i + 1;
        }
        i += 1;
    }
    let mut depth = 0usize;
    let mut code = false;
    for (k, c) in chars.iter().enumerate() {
        match c {
            '「' | '『' => depth += 1,
            '」' | '』' => depth = depth.saturating_sub(1),
            '`' => code = !code,
            '\n' => code = false,
            _ => {}
        }
        if depth > 0 || code {
            out[k] = true;
        }
    }
    out
}

fn is_kanji(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '々')
}

fn s(chars: &[char], a: usize, b: usize) -> String {
    chars[a..b].iter().collect()
}

/// 12000 → 12,000.
fn grouped(digits: &str) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

const MAN_OKU: &str = "大きな数は「万」「億」を使って書くと読みやすくなります";

/// 120000000 → 「1億2,000万」: a number of at least 10万 that is a whole number of 万.
fn man_oku(v: u128) -> Option<String> {
    if v < 100_000 || !v.is_multiple_of(10_000) {
        return None;
    }
    let oku = v / 100_000_000;
    let man = (v % 100_000_000) / 10_000;
    let mut out = String::new();
    if oku > 0 {
        out.push_str(&grouped(&oku.to_string()));
        out.push('億');
    }
    if man > 0 {
        out.push_str(&grouped(&man.to_string()));
        out.push('万');
    }
    Some(out)
}

const POLITE: [&str; 8] = [
    "です",
    "ます",
    "ました",
    "でした",
    "ません",
    "ましょう",
    "ください",
    "でしょう",
];

/// Sentences ending in 。 as (start, end of the ending, polite?) — plain when the sentence
/// ends in hiragana without a polite ending, none for a noun (体言止め).
fn sentences(chars: &[char]) -> Vec<(usize, usize, Option<bool>)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in chars.iter().enumerate() {
        if *c == '\n' {
            start = i + 1;
            continue;
        }
        if *c != '。' {
            continue;
        }
        let before: String = chars[start..i].iter().collect();
        let before = before.trim_end_matches(['）', ')', '」']);
        let style = if POLITE.iter().any(|p| before.ends_with(p)) {
            Some(true)
        } else if before
            .chars()
            .last()
            .is_some_and(|c| ('\u{3041}'..='\u{3096}').contains(&c))
        {
            Some(false)
        } else {
            None
        };
        out.push((start, i, style));
        start = i + 1;
    }
    out
}

/// How many sentences of a text are polite (です・ます) and plain (である・する).
pub(crate) fn sentence_styles(text: &str) -> (usize, usize) {
    let chars: Vec<char> = text.chars().collect();
    let m = mask(&chars);
    sentences(&chars)
        .into_iter()
        .filter(|(a, _, _)| !m.get(*a).copied().unwrap_or(false))
        .fold((0, 0), |(p, q), (_, _, st)| match st {
            Some(true) => (p + 1, q),
            Some(false) => (p, q + 1),
            None => (p, q),
        })
}

const LEVEL_NAMES: [&str; 7] = ["第1", "1", "(1)", "ア", "(ア)", "a", "(a)"];

/// The numbering at the start of a line: (level, number, length in characters), where
/// levels go 第1 → 1 → (1) → ア → (ア) → a → (a).
fn number_at(line: &[char]) -> Option<(usize, u32, usize)> {
    const KANA: &str = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン";
    let digit = |c: char| {
        c.to_digit(10)
            .or_else(|| ('０'..='９').contains(&c).then(|| c as u32 - '０' as u32))
    };
    let gap = |c: Option<&char>| matches!(c, Some(' ') | Some('\u{3000}'));
    let digits = |from: usize| {
        let mut k = from;
        let mut n = 0u32;
        while let Some(d) = line.get(k).and_then(|c| digit(*c)) {
            n = n.saturating_mul(10).saturating_add(d);
            k += 1;
        }
        (k > from).then_some((n, k))
    };
    let open = |c: Option<&char>| matches!(c, Some('(') | Some('（'));
    let close = |c: Option<&char>| matches!(c, Some(')') | Some('）'));
    let c0 = *line.first()?;
    if c0 == '第' {
        let (n, k) = digits(1)?;
        return gap(line.get(k)).then_some((0, n, k));
    }
    if let Some((n, k)) = digits(0) {
        return gap(line.get(k)).then_some((1, n, k));
    }
    if open(Some(&c0)) {
        if let Some((n, k)) = digits(1) {
            return close(line.get(k)).then_some((2, n, k + 1));
        }
        let c1 = *line.get(1)?;
        if close(line.get(2)) {
            if let Some(p) = KANA.chars().position(|k| k == c1) {
                return Some((4, p as u32 + 1, 3));
            }
            if c1.is_ascii_lowercase() {
                return Some((6, c1 as u32 - 'a' as u32 + 1, 3));
            }
        }
        return None;
    }
    if gap(line.get(1)) {
        if let Some(p) = KANA.chars().position(|k| k == c0) {
            return Some((3, p as u32 + 1, 1));
        }
        if c0.is_ascii_lowercase() {
            return Some((5, c0 as u32 - 'a' as u32 + 1, 1));
        }
    }
    None
}

/// Numbered lines of a text must go down one level at a time and count on from 1.
fn numbering(
    chars: &[char],
    masked: &[bool],
    hit: &mut impl FnMut(&'static str, usize, usize, Option<String>, bool, String),
) {
    // (level, last number) of the open levels, outermost first.
    let mut stack: Vec<(usize, u32)> = Vec::new();
    let mut start = 0;
    for end in (0..=chars.len()).filter(|k| *k == chars.len() || chars[*k] == '\n') {
        let line = &chars[start..end];
        let lead = line.iter().take_while(|c| c.is_whitespace()).count();
        let at = start + lead;
        if !masked.get(at).copied().unwrap_or(true) {
            if let Some((level, n, len)) = number_at(&line[lead..]) {
                while stack.last().is_some_and(|(l, _)| *l > level) {
                    stack.pop();
                }
                let name = |l: usize| LEVEL_NAMES[l];
                let problem = match stack.last().copied() {
                    Some((l, last)) if l == level && n != last + 1 => Some(format!(
                        "番号が続いていません（前の番号の次は {}）",
                        last + 1
                    )),
                    Some((l, _)) if l < level && level != l + 1 => Some(format!(
                        "「{}」の下は「{}」の階層です（階層が飛んでいます）",
                        name(l),
                        name(l + 1)
                    )),
                    Some((l, _)) if l < level && n != 1 => {
                        Some("下の階層の番号は 1 から始めます".to_string())
                    }
                    None if n != 1 => Some("番号は 1 から始めます".to_string()),
                    _ => None,
                };
                if let Some(m) = problem {
                    hit("S10", at, at + len, None, false, m);
                }
                match stack.last_mut() {
                    Some((l, last)) if *l == level => *last = n,
                    _ => stack.push((level, n)),
                }
            }
        }
        start = end + 1;
    }
}

/// Every hit of every rule in one text. `usual_polite` is the document's usual sentence
/// style (for S7).
pub fn lint_text(
    text: &str,
    style: &StyleRules,
    params: &StyleParams,
    usual_polite: bool,
) -> Vec<Hit> {
    let chars: Vec<char> = text.chars().collect();
    let masked = mask(&chars);
    let n = chars.len();
    let mut out = Vec::new();
    let mut hit = |rule, a: usize, b: usize, fix: Option<String>, safe, message: String| {
        out.push(Hit {
            rule,
            start: a,
            end: b,
            found: s(&chars, a, b),
            fix,
            safe,
            message,
        });
    };

    for i in 0..n {
        let c = chars[i];
        if masked[i] {
            continue;
        }
        // S1 句読点
        let comma_style = params.punctuation == "comma";
        match (c, comma_style) {
            ('，', false) => hit(
                "S1",
                i,
                i + 1,
                Some("、".into()),
                true,
                "読点は「、」にそろえます".into(),
            ),
            ('、', true) => hit(
                "S1",
                i,
                i + 1,
                Some("，".into()),
                true,
                "読点は「，」にそろえます".into(),
            ),
            ('．', _) => hit(
                "S1",
                i,
                i + 1,
                Some("。".into()),
                true,
                "句点は「。」にします".into(),
            ),
            _ => {}
        }
        // S5 丸数字・ローマ数字
        let circled = match c {
            '\u{2460}'..='\u{2473}' => Some(c as u32 - 0x2460 + 1),
            '\u{3251}'..='\u{325F}' => Some(c as u32 - 0x3251 + 21),
            '\u{32B1}'..='\u{32BF}' => Some(c as u32 - 0x32B1 + 36),
            _ => None,
        };
        if let Some(k) = circled {
            hit(
                "S5",
                i,
                i + 1,
                Some(format!("({k})")),
                false,
                format!("丸数字「{c}」は使わず、(1)、(2) のような番号にします"),
            );
        }
        let roman = match c {
            '\u{2160}'..='\u{216B}' => Some(c as u32 - 0x2160 + 1),
            '\u{2170}'..='\u{217B}' => Some(c as u32 - 0x2170 + 1),
            _ => None,
        };
        if let Some(k) = roman {
            hit(
                "S5",
                i,
                i + 1,
                Some(k.to_string()),
                false,
                format!("ローマ数字「{c}」は使わず、算用数字の番号にします"),
            );
        }
    }

    // S2 全角数字 and S3 位取り, over runs of digits.
    let mut i = 0;
    while i < n {
        let c = chars[i];
        if masked[i] || !(c.is_ascii_digit() || ('０'..='９').contains(&c)) {
            i += 1;
            continue;
        }
        let a = i;
        while i < n
            && (chars[i].is_ascii_digit() || ('０'..='９').contains(&chars[i]))
            && !masked[i]
        {
            i += 1;
        }
        let run: String = chars[a..i].iter().collect();
        if run.chars().any(|c| ('０'..='９').contains(&c)) {
            let half: String = run
                .chars()
                .map(|c| {
                    if ('０'..='９').contains(&c) {
                        char::from(b'0' + (c as u32 - '０' as u32) as u8)
                    } else {
                        c
                    }
                })
                .collect();
            hit(
                "S2",
                a,
                i,
                Some(half),
                true,
                "算用数字は半角で書きます".into(),
            );
            continue;
        }
        // Not a quantity: part of a code or decimal, a year, a number in a series.
        let prev = a.checked_sub(1).map(|k| chars[k]);
        let next: String = chars[i..n.min(i + 3)].iter().collect();
        let part_of_something = prev.is_some_and(|p| {
            p.is_ascii_alphanumeric() || matches!(p, '.' | ',' | '-' | '_' | '/' | '#' | '第' | '№')
        }) || next.starts_with('.')
            && next.chars().nth(1).is_some_and(|c| c.is_ascii_digit())
            || next.starts_with(',');
        let year = run.len() == 4
            && (next.starts_with('年')
                || next.starts_with('(')
                || next.starts_with('（')
                || next.starts_with('～')
                || next.starts_with('〜')
                || next.starts_with('-')
                || next.starts_with('～'));
        if run.len() >= 4 && !part_of_something && !year && !next.starts_with('号') {
            match run.parse::<u128>().ok().and_then(man_oku) {
                Some(units) => hit("S3", a, i, Some(units), false, MAN_OKU.into()),
                None => hit(
                    "S3",
                    a,
                    i,
                    Some(grouped(&run)),
                    true,
                    "4桁以上の数は3桁ごとにコンマで区切ります".into(),
                ),
            }
        }
    }

    // S3, large numbers already grouped (120,000,000): 万・億 read better.
    let mut i = 0;
    while i < n {
        let starts = chars[i].is_ascii_digit()
            && !masked[i]
            && !i
                .checked_sub(1)
                .is_some_and(|k| chars[k].is_ascii_alphanumeric() || matches!(chars[k], ',' | '.'));
        if !starts {
            i += 1;
            continue;
        }
        let a = i;
        while i < n && (chars[i].is_ascii_digit() || chars[i] == ',') {
            i += 1;
        }
        let token: String = chars[a..i].iter().collect();
        let token = token.trim_end_matches(',');
        let groups: Vec<&str> = token.split(',').collect();
        let well_grouped = groups.len() > 1
            && (1..=3).contains(&groups[0].len())
            && groups[1..].iter().all(|g| g.len() == 3);
        if well_grouped {
            if let Some(units) = token
                .replace(',', "")
                .parse::<u128>()
                .ok()
                .and_then(man_oku)
            {
                hit(
                    "S3",
                    a,
                    a + token.chars().count(),
                    Some(units),
                    false,
                    MAN_OKU.into(),
                );
            }
        }
    }

    // S4 か月 and S9 元年.
    for (pat, len) in [
        ("ヶ月", 2),
        ("ケ月", 2),
        ("カ月", 2),
        ("箇月", 2),
        ("ヵ月", 2),
        ("ヶ年", 2),
    ] {
        let p: Vec<char> = pat.chars().collect();
        for k in 0..n.saturating_sub(len - 1) {
            if chars[k..k + len] == p[..] && !masked[k] {
                let prev_num = k
                    .checked_sub(1)
                    .map(|j| {
                        chars[j].is_ascii_digit()
                            || ('０'..='９').contains(&chars[j])
                            || "一二三四五六七八九十数何".contains(chars[j])
                    })
                    .unwrap_or(false);
                if prev_num {
                    let fix = if pat.ends_with('年') {
                        "か年"
                    } else {
                        "か月"
                    };
                    hit(
                        "S4",
                        k,
                        k + len,
                        Some(fix.into()),
                        true,
                        format!("「{pat}」ではなく「{fix}」と書きます"),
                    );
                }
            }
        }
    }
    for era in ["令和", "平成", "昭和"] {
        let e: Vec<char> = era.chars().collect();
        for k in 0..n.saturating_sub(3) {
            if chars[k..k + 2] == e[..]
                && matches!(chars[k + 2], '1' | '１')
                && chars.get(k + 3) == Some(&'年')
            {
                hit(
                    "S9",
                    k,
                    k + 3,
                    Some(format!("{era}元")),
                    true,
                    format!("{era}の最初の年は「{era}元年」と書きます"),
                );
            }
        }
    }

    // S6 用字
    for y in &style.yoji {
        let f: Vec<char> = y.from.chars().collect();
        if f.is_empty() || f == y.to.chars().collect::<Vec<_>>() {
            continue;
        }
        let mut k = 0;
        while k + f.len() <= n {
            if chars[k..k + f.len()] != f[..] || masked[k] {
                k += 1;
                continue;
            }
            let before: String = chars[k.saturating_sub(4)..k].iter().collect();
            let after_ok =
                y.after.is_empty() || y.after.iter().any(|a| before.ends_with(a.as_str()));
            let next_ok = y.kanji_next || !chars.get(k + f.len()).copied().is_some_and(is_kanji);
            // A kanji compound around the word (「事」 in 「仕事」) is another word.
            let prev_ok = y.after.is_empty() && f.len() == 1 && k > 0 && is_kanji(chars[k - 1]);
            if after_ok && next_ok && !prev_ok {
                hit(
                    "S6",
                    k,
                    k + f.len(),
                    Some(y.to.clone()),
                    y.safe,
                    format!("「{}」は「{}」と書きます", y.from, y.to),
                );
                k += f.len();
            } else {
                k += 1;
            }
        }
    }

    // S10 番号の階層
    numbering(&chars, &masked, &mut hit);

    // S7 文体の混在 and S8 長い文.
    for (a, b, st) in sentences(&chars) {
        if masked.get(a).copied().unwrap_or(false) {
            continue;
        }
        let body = s(&chars, a, b);
        let lead = body.len() - body.trim_start().len();
        let a = a + body[..lead].chars().count();
        let len = b - a;
        if len > params.max_sentence as usize {
            hit("S8", a, b + 1, None, false, format!("一文が{len}字あります（目安は{}字まで）。二つ以上の文に分けられないか見直してください", params.max_sentence));
        }
        if let Some(polite) = st {
            if polite != usual_polite {
                let tail = b.saturating_sub(4).max(a);
                let (this, usual) = if polite {
                    ("です・ます", "である")
                } else {
                    ("である", "です・ます")
                };
                hit("S7", tail, b, None, false, format!("この文は「{this}」体ですが、文書の多くは「{usual}」体です。どちらかにそろえてください"));
            }
        }
    }
    out.sort_by_key(|h| (h.start, h.rule));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use hoshin_model::templates::Templates;

    fn run(text: &str) -> Vec<Hit> {
        let t = Templates::builtin();
        lint_text(text, &t.style, &t.style.params(), false)
    }

    fn only(text: &str, rule: &str) -> Vec<(usize, usize, String, Option<String>)> {
        run(text)
            .into_iter()
            .filter(|h| h.rule == rule)
            .map(|h| (h.start, h.end, h.found, h.fix))
            .collect()
    }

    #[test]
    fn s1_punctuation_follows_the_setting() {
        assert_eq!(
            only("研修を行い，評価する．", "S1"),
            vec![
                (5, 6, "，".into(), Some("、".into())),
                (10, 11, "．".into(), Some("。".into())),
            ]
        );
        assert!(only("研修を行い、評価する。", "S1").is_empty());
        let t = Templates::builtin();
        let mut p = t.style.params();
        p.punctuation = "comma".into();
        let h = lint_text("研修を行い、評価する。", &t.style, &p, false);
        assert_eq!(
            h.iter()
                .filter(|h| h.rule == "S1")
                .map(|h| h.start)
                .collect::<Vec<_>>(),
            [5]
        );
    }

    #[test]
    fn s2_s3_digits_are_half_width_and_grouped_but_years_tables_and_quotes_are_left_alone() {
        assert_eq!(
            only("職員は１２０人である。", "S2"),
            vec![(3, 6, "１２０".into(), Some("120".into()))]
        );
        assert_eq!(
            only("予算は12000千円とする。", "S3"),
            vec![(3, 8, "12000".into(), Some("12,000".into()))]
        );
        for fine in [
            "2025(令和7)年度から実施する。",
            "2025年度から2030年度までとする。",
            "2027～2030年度の計画とする。",
            "予算は1,200千円とする。",
            "ISO27001を取得する。",
            "第1000号の通知による。",
            "| 研修 | 12000 |",
            "「定員1000人」と記す。",
            "比率は0.1234である。",
            "職員は120人である。",
        ] {
            assert!(
                only(fine, "S3").is_empty() && only(fine, "S2").is_empty(),
                "{fine}: {:?}",
                run(fine)
            );
        }
    }

    #[test]
    fn s4_s5_s9_months_circled_numbers_and_the_first_year() {
        assert_eq!(
            only("3ヶ月ごとに点検する。", "S4"),
            vec![(1, 3, "ヶ月".into(), Some("か月".into()))]
        );
        assert_eq!(only("六カ月の研修とする。", "S4").len(), 1);
        assert!(only("3か月ごとに点検する。", "S4").is_empty());
        assert!(only("カ月という語", "S4").is_empty(), "no number before");
        assert_eq!(
            only("①研修の見直し", "S5"),
            vec![(0, 1, "①".into(), Some("(1)".into()))]
        );
        assert_eq!(only("第Ⅱ期計画", "S5").len(), 1);
        assert_eq!(
            only("令和1年5月1日に改元", "S9"),
            vec![(0, 3, "令和1".into(), Some("令和元".into()))]
        );
        assert!(only("令和10年度から", "S9").is_empty());
        assert!(only("令和元年から", "S9").is_empty());
    }

    #[test]
    fn s6_yoji_from_the_list_in_context_only() {
        assert_eq!(
            only("すべての職員が参加する。", "S6"),
            vec![(0, 3, "すべて".into(), Some("全て".into()))]
        );
        assert!(
            only("全ての職員が参加する。", "S6").is_empty(),
            "already right"
        );
        assert_eq!(only("研修に参加して下さい。", "S6").len(), 1, "補助動詞");
        assert!(only("辞令を下さい。", "S6").is_empty(), "not after て/で");
        assert_eq!(
            only("目標を達成する事が大切である。", "S6"),
            vec![(7, 8, "事".into(), Some("こと".into()))]
        );
        for fine in [
            "人材育成を支援する事業を行う。",
            "仕事の進め方を見直す。",
            "事務を改善する。",
            "研修の時間を確保する。",
            "同時に実施する。",
            "「すべて」と書いてある。",
        ] {
            assert!(
                only(fine, "S6").is_empty(),
                "{fine}: {:?}",
                only(fine, "S6")
            );
        }
        assert_eq!(only("異動した時に引き継ぐ。", "S6").len(), 1);
        assert_eq!(
            only("研修が出来る環境", "S6"),
            vec![(3, 6, "出来る".into(), Some("できる".into()))]
        );
        assert!(only("出来事を振り返る。", "S6").is_empty());
    }

    #[test]
    fn s10_numbering_goes_down_one_level_at_a_time_and_counts_on() {
        let good = "（1）住民の声を聴く職員\n（2）変化に挑む職員\nア 対話の力\nイ 実行の力\n（3）専門性を磨く職員";
        assert!(only(good, "S10").is_empty(), "{:?}", only(good, "S10"));
        let skipped = "（1）住民の声を聴く職員\n（3）変化に挑む職員";
        assert_eq!(only(skipped, "S10"), vec![(13, 16, "（3）".into(), None)]);
        let jump = "（1）住民の声を聴く職員\n（ア）対話の力";
        let h = run(jump);
        let s10: Vec<_> = h.iter().filter(|h| h.rule == "S10").collect();
        assert_eq!(s10.len(), 1);
        assert!(s10[0].message.contains("ア"), "{}", s10[0].message);
        assert!(only("本文に番号はない。\n2025年度から始める。", "S10").is_empty());
        assert!(only("| (2) | 表の中 |", "S10").is_empty());
    }

    #[test]
    fn s7_s8_sentence_style_and_length() {
        let t = Templates::builtin();
        let mixed = "研修を見直す。職員の声を聞きます。評価を行う。";
        assert_eq!(sentence_styles(mixed), (1, 2));
        let h = lint_text(mixed, &t.style, &t.style.params(), false);
        let s7: Vec<_> = h.iter().filter(|h| h.rule == "S7").collect();
        assert_eq!(s7.len(), 1);
        assert!(s7[0].found.ends_with("ます"), "{:?}", s7[0]);
        // Nouns at the end (体言止め) are neither.
        assert_eq!(sentence_styles("研修の充実。採用の強化。"), (0, 0));
        let long = format!("{}である。", "あ".repeat(130));
        let s8: Vec<_> = lint_text(&long, &t.style, &t.style.params(), false)
            .into_iter()
            .filter(|h| h.rule == "S8")
            .collect();
        assert_eq!((s8[0].start, s8[0].end), (0, 134));
        assert!(only(&format!("{}である。", "あ".repeat(100)), "S8").is_empty());
    }
}
