//! Japanese line breaking — a pure function over measured items, no PDF involved.
//!
//! Rules (JIS X 4051 simplified):
//! - a break is allowed between any two CJK characters, and wherever UAX #14
//!   (`unicode-linebreak`) allows one for the rest (Latin words and numbers stay whole);
//! - 行頭禁則 / 行末禁則: no line starts with [`NO_START`], none ends with [`NO_END`];
//! - 分離禁止: `――`, `……`, `‥‥` are not split;
//! - a break between a Latin word/number and the Japanese that follows it is allowed but
//!   discouraged ("DX推進計画" stays on one line when that costs at most 2 em);
//! - hanging punctuation: `、。，．` may protrude into the right margin;
//! - 和欧間: a quarter-em between Japanese and Latin letters/digits;
//! - consecutive punctuation (`」。`, `。」`, `）「`, `（「`) is squeezed by half an em;
//! - lines are justified (extra space distributed between characters) except the last;
//! - a run with no break opportunity longer than the line is broken anywhere (forced), in
//!   linear time.

use unicode_segmentation::UnicodeSegmentation;

/// Characters that must not start a line (行頭禁則).
pub const NO_START: &str = "、。，．,.・：；:;？！?!‼⁇⁈⁉ー－―‐〜～…‥）」』】〕〉》］｝〙〗〟’”)]}｠»›ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ々〻ゝゞヽヾ゛゜％%℃°′″¢‰｡､･ｰｧｨｩｪｫｯｬｭｮ｣";
/// Characters that must not end a line (行末禁則).
pub const NO_END: &str = "（「『【〔〈《［｛〘〖〝‘“([{｟«‹｢￥＄＃＠＼";
/// Characters that may hang into the right margin (ぶら下げ).
pub const HANGING: &str = "、。，．";
/// Pairs of identical characters that are never split (分離禁止).
const INSEPARABLE: &str = "―…‥—";
/// Fullwidth punctuation whose glyph sits in the left half of the em box.
const CLOSING_PUNCT: &str = "、。，．）」』】〕〉》］｝〙〗〟";
/// Fullwidth punctuation whose glyph sits in the right half of the em box.
const OPENING_PUNCT: &str = "（「『【〔〈《［｛〘〖〝";

/// Kind of break opportunity after an item (between item `i` and `i + 1`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Brk {
    /// No break allowed here.
    No,
    /// A normal break opportunity.
    Allowed,
    /// Allowed, but only used when no normal opportunity is close (Latin ↔ Japanese).
    Discouraged,
}

/// One measured unit for the breaker: a grapheme cluster (base + combining marks,
/// variation selectors, …) and its advance width.
#[derive(Clone, Debug)]
pub struct BreakItem<'a> {
    pub text: &'a str,
    pub width: f32,
}

/// One output line: items `start..end` with their x positions (relative to the line start,
/// after 和欧間, squeezing and justification).
#[derive(Clone, Debug, PartialEq)]
pub struct LineOut {
    pub start: usize,
    pub end: usize,
    /// `xs[k]` is the x of item `start + k`.
    pub xs: Vec<f32>,
    /// Width actually used inside the measure (excludes trailing spaces and a hanging mark).
    pub width: f32,
    /// The last item hangs into the right margin.
    pub hanging: bool,
    /// The line was justified.
    pub justified: bool,
    /// The line was broken where no break is allowed (overlong run).
    pub forced: bool,
}

/// Options for [`break_lines`].
#[derive(Clone, Copy, Debug)]
pub struct BreakOpts {
    /// Font size (1 em) in the same unit as the widths.
    pub em: f32,
    /// Measure of the first line (after a first-line indent).
    pub first_width: f32,
    /// Measure of the following lines.
    pub width: f32,
    /// Justify all lines but the last.
    pub justify: bool,
    /// Allow 、。 to hang into the right margin.
    pub hanging: bool,
}

#[inline]
fn in_set(set: &str, c: char) -> bool {
    set.contains(c)
}

/// CJK and other "wide" characters between which a line may break.
pub fn is_wide(c: char) -> bool {
    let u = c as u32;
    matches!(u,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA960..=0xA97F
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE10..=0xFE19
        | 0xFE30..=0xFE6F
        | 0xFF00..=0xFF60
        | 0xFF61..=0xFF9F
        | 0xFFE0..=0xFFE6
        | 0x1F000..=0x1FAFF
        | 0x20000..=0x3FFFD
    ) || matches!(
        c,
        '※' | '〓'
            | '○'
            | '●'
            | '◎'
            | '◇'
            | '◆'
            | '□'
            | '■'
            | '△'
            | '▲'
            | '▽'
            | '▼'
            | '☆'
            | '★'
            | '→'
            | '←'
            | '↑'
            | '↓'
    )
}

/// Japanese letters (kanji, kana) — one side of 和欧間 spacing.
pub fn is_cjk_letter(c: char) -> bool {
    let u = c as u32;
    matches!(u,
        0x3005..=0x3007 // 々〆〇
        | 0x3041..=0x309F
        | 0x30A1..=0x30FA
        | 0x30FC..=0x30FF
        | 0x31F0..=0x31FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0x20000..=0x3FFFD
    )
}

/// Latin letters and digits (not wide) — the other side of 和欧間 spacing.
pub fn is_latin_alnum(c: char) -> bool {
    c.is_alphanumeric() && !is_wide(c)
}

fn is_space(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c == ' ' || c == '\u{a0}')
}

fn first_char(s: &str) -> char {
    s.chars().next().unwrap_or(' ')
}

/// Break opportunities after each item (the entry for the last item is [`Brk::No`]).
pub fn opportunities(items: &[BreakItem]) -> Vec<Brk> {
    let n = items.len();
    let mut out = vec![Brk::No; n];
    if n < 2 {
        return out;
    }
    // UAX #14 over the whole run, keyed by item boundary.
    let mut joined = String::with_capacity(items.iter().map(|i| i.text.len()).sum());
    let mut starts = Vec::with_capacity(n);
    for it in items {
        starts.push(joined.len());
        joined.push_str(it.text);
    }
    let mut uax = vec![false; n];
    {
        let mut k = 0usize;
        for (idx, _) in unicode_linebreak::linebreaks(&joined) {
            while k < n && starts[k] < idx {
                k += 1;
            }
            if k < n && starts[k] == idx {
                uax[k] = true; // break allowed before item k
            }
        }
    }
    for i in 0..n - 1 {
        let a = first_char(items[i].text);
        let b = first_char(items[i + 1].text);
        let a_space = is_space(items[i].text);
        let b_space = is_space(items[i + 1].text);
        let mut allowed = if b_space {
            false
        } else if a_space {
            true
        } else {
            uax[i + 1] || is_wide(a) || is_wide(b)
        };
        if allowed && (in_set(NO_START, b) || in_set(NO_END, a)) {
            allowed = false;
        }
        if allowed && a == b && in_set(INSEPARABLE, a) {
            allowed = false;
        }
        out[i] = if !allowed {
            Brk::No
        } else if is_latin_alnum(a) && is_cjk_letter(b) {
            // A Latin abbreviation or number usually belongs to the Japanese word that
            // follows it (DX推進, IT人材, 3件, 7年度).
            Brk::Discouraged
        } else {
            Brk::Allowed
        };
    }
    out
}

/// Spacing adjustment placed before item `i` when `i - 1` is on the same line:
/// + 和欧間 quarter-em, − half-em squeeze of consecutive punctuation.
fn adjust_before(items: &[BreakItem], i: usize, em: f32) -> f32 {
    let a = first_char(items[i - 1].text);
    let b = first_char(items[i].text);
    let mut adj = 0.0;
    if (is_cjk_letter(a) && is_latin_alnum(b)) || (is_latin_alnum(a) && is_cjk_letter(b)) {
        adj += em * 0.25;
    }
    let full = |w: f32| w >= em * 0.9;
    if full(items[i - 1].width) && full(items[i].width) {
        let a_close = in_set(CLOSING_PUNCT, a);
        let b_punct = in_set(CLOSING_PUNCT, b) || in_set(OPENING_PUNCT, b);
        let a_open = in_set(OPENING_PUNCT, a);
        let b_open = in_set(OPENING_PUNCT, b);
        if (a_close && b_punct) || (a_open && b_open) {
            adj -= em * 0.5;
        }
    }
    adj
}

/// Whether justification may add space between items `i - 1` and `i`.
fn stretchable(items: &[BreakItem], i: usize) -> bool {
    let a = first_char(items[i - 1].text);
    let b = first_char(items[i].text);
    let latin = |c: char, s: &str| !is_wide(c) && !is_space(s);
    // Never letter-space inside a Latin word or number.
    !(latin(a, items[i - 1].text) && latin(b, items[i].text))
}

const EPS: f32 = 0.01;

/// Break `items` into lines. Runs in time linear in the number of items (each item is
/// measured at most a bounded number of times per line it could end).
pub fn break_lines(items: &[BreakItem], opts: &BreakOpts) -> Vec<LineOut> {
    let n = items.len();
    let mut lines = Vec::new();
    if n == 0 {
        return lines;
    }
    let em = opts.em;
    let brk = opportunities(items);
    let adj: Vec<f32> = (0..n)
        .map(|i| {
            if i == 0 {
                0.0
            } else {
                adjust_before(items, i, em)
            }
        })
        .collect();

    let mut start = 0usize;
    while start < n {
        let first = lines.is_empty();
        if !first {
            while start < n && is_space(items[start].text) {
                start += 1;
            }
            if start >= n {
                break;
            }
        }
        let maxw = if first { opts.first_width } else { opts.width }.max(em);
        let mut x = 0.0f32;
        // (index of last item on the line, width up to it excluding trailing spaces)
        let mut best: Option<(usize, f32)> = None;
        let mut disc: Option<(usize, f32)> = None;
        let mut x_content = 0.0f32; // x without trailing spaces
        let mut i = start;
        let mut end_incl;
        let mut hanging = false;
        let mut forced = false;
        let mut last_line = false;
        loop {
            if i == n {
                end_incl = n - 1;
                last_line = true;
                break;
            }
            let w = items[i].width + if i > start { adj[i] } else { 0.0 };
            let space = is_space(items[i].text);
            if !space && i > start && x + w > maxw + EPS {
                // Overflow at item i.
                let c = first_char(items[i].text);
                if opts.hanging
                    && in_set(HANGING, c)
                    && x <= maxw + EPS
                    && (i + 1 == n || brk[i] != Brk::No)
                {
                    end_incl = i;
                    hanging = true;
                    if i + 1 == n {
                        last_line = true;
                    }
                    break;
                }
                let choice = match (best, disc) {
                    (Some(b), Some(d)) => {
                        if d.0 < b.0 || maxw - b.1 <= 2.0 * em {
                            Some(b)
                        } else {
                            Some(d)
                        }
                    }
                    (Some(b), None) => Some(b),
                    (None, Some(d)) => Some(d),
                    (None, None) => None,
                };
                match choice {
                    Some((e, _)) => end_incl = e,
                    None => {
                        // Forced break: no opportunity fits. Try not to violate 禁則
                        // by moving back a little; never produce an empty line.
                        forced = true;
                        end_incl = i - 1;
                        for k in 0..4usize {
                            if i < 1 + k || i - 1 - k < start {
                                break;
                            }
                            let e = i - 1 - k;
                            let a = first_char(items[e].text);
                            let b = first_char(items[e + 1].text);
                            if !(in_set(NO_START, b) || in_set(NO_END, a)) {
                                end_incl = e;
                                break;
                            }
                        }
                    }
                }
                break;
            }
            x += w;
            if !space {
                x_content = x;
            }
            if i + 1 < n {
                match brk[i] {
                    Brk::Allowed => best = Some((i, x_content)),
                    Brk::Discouraged => disc = Some((i, x_content)),
                    Brk::No => {}
                }
            }
            i += 1;
        }
        lines.push(finish_line(
            items, &adj, &brk, start, end_incl, maxw, opts, hanging, last_line, forced,
        ));
        start = end_incl + 1;
    }
    lines
}

#[allow(clippy::too_many_arguments)]
fn finish_line(
    items: &[BreakItem],
    adj: &[f32],
    _brk: &[Brk],
    start: usize,
    end_incl: usize,
    maxw: f32,
    opts: &BreakOpts,
    hanging: bool,
    last_line: bool,
    forced: bool,
) -> LineOut {
    let mut xs = Vec::with_capacity(end_incl + 1 - start);
    let mut x = 0.0f32;
    for j in start..=end_incl {
        if j > start {
            x += adj[j];
        }
        xs.push(x);
        x += items[j].width;
    }
    // Content end: drop trailing spaces and the hanging mark.
    let mut content_end = end_incl; // inclusive
    if hanging && content_end > start {
        content_end -= 1;
    }
    while content_end > start && is_space(items[content_end].text) {
        content_end -= 1;
    }
    let natural = xs[content_end - start] + items[content_end].width;
    let mut width = natural;
    let mut justified = false;
    if opts.justify && !last_line && natural < maxw - EPS && content_end > start {
        let slots: Vec<usize> = (start + 1..=content_end)
            .filter(|&j| stretchable(items, j))
            .collect();
        if !slots.is_empty() {
            let extra = maxw - natural;
            let per = extra / slots.len() as f32;
            if per <= opts.em {
                let mut shift = 0.0;
                let mut si = 0;
                for j in start + 1..=end_incl {
                    if si < slots.len() && slots[si] == j {
                        shift += per;
                        si += 1;
                    }
                    xs[j - start] += shift;
                }
                width = maxw;
                justified = true;
            }
        }
    }
    if hanging {
        // The hanging mark follows the justified content directly.
        let k = end_incl - start;
        let prev = content_end - start;
        let after_prev = xs[prev] + items[content_end].width + adj[end_incl];
        xs[k] = after_prev.max(xs[prev]);
    }
    LineOut {
        start,
        end: end_incl + 1,
        xs,
        width,
        hanging,
        justified,
        forced,
    }
}

/// Split `text` into grapheme clusters (tabs become four spaces; combining marks and
/// variation selectors stay with their base).
pub fn clusters(text: &str) -> Vec<String> {
    let expanded;
    let t = if text.contains('\t') {
        expanded = text.replace('\t', "    ");
        expanded.as_str()
    } else {
        text
    };
    t.graphemes(true).map(|g| g.to_string()).collect()
}

/// Convenience for tests and previews: break `text` with synthetic widths
/// (wide characters 1 em, combining-only clusters 0, others ½ em, spaces ¼ em).
/// Returns the text of each line (trailing spaces removed).
pub fn break_plain(text: &str, em: f32, width: f32) -> Vec<String> {
    let cl = clusters(text);
    let items: Vec<BreakItem> = cl
        .iter()
        .map(|c| {
            let f = first_char(c);
            let w = if is_space(c) {
                em * 0.25
            } else if is_wide(f) {
                em
            } else {
                em * 0.5
            };
            BreakItem {
                text: c.as_str(),
                width: w,
            }
        })
        .collect();
    let opts = BreakOpts {
        em,
        first_width: width,
        width,
        justify: true,
        hanging: true,
    };
    break_lines(&items, &opts)
        .into_iter()
        .map(|l| {
            let s: String = cl[l.start..l.end].concat();
            s.trim_end_matches(' ').to_string()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const EM: f32 = 10.0;

    fn lines(text: &str, chars: f32) -> Vec<String> {
        break_plain(text, EM, chars * EM)
    }

    fn assert_kinsoku(ls: &[String]) {
        for (k, l) in ls.iter().enumerate() {
            let f = l.chars().next().unwrap();
            let last = l.chars().last().unwrap();
            if k > 0 {
                assert!(!NO_START.contains(f), "line {k} starts with {f:?}: {ls:?}");
            }
            if k + 1 < ls.len() {
                assert!(
                    !NO_END.contains(last),
                    "line {k} ends with {last:?}: {ls:?}"
                );
            }
        }
    }

    #[test]
    fn breaks_between_any_cjk() {
        let ls = lines("あいうえおかきくけこさしすせそ", 5.0);
        assert_eq!(ls, vec!["あいうえお", "かきくけこ", "さしすせそ"]);
    }

    #[test]
    fn no_line_starts_with_ten_or_maru_hangs_instead() {
        // 、 would start line 2 → it hangs at the end of line 1.
        let ls = lines("あいうえお、かきくけこ。さしすせそ", 5.0);
        assert_eq!(ls[0], "あいうえお、");
        assert_kinsoku(&ls);
        let ls = lines("あいうえお。", 5.0);
        assert_eq!(ls, vec!["あいうえお。"]);
    }

    #[test]
    fn each_no_start_char_is_pushed_back() {
        // Without hanging, each NO_START char at the would-be line start pulls the
        // previous character down with it (追い出し).
        for c in NO_START.chars() {
            if HANGING.contains(c) {
                continue;
            }
            let text = format!("あいうえお{c}かきくけこ");
            let ls = lines(&text, 5.0);
            assert_kinsoku(&ls);
            assert!(ls.iter().all(|l| !l.starts_with(c)), "{c:?}: {ls:?}");
            assert_eq!(ls.concat(), text);
        }
    }

    #[test]
    fn each_no_end_char_moves_to_next_line() {
        for c in NO_END.chars() {
            let text = format!("あいうえ{c}かきくけこさしすせそ");
            let ls = lines(&text, 5.0);
            assert_kinsoku(&ls);
            assert!(!ls[0].ends_with(c), "{c:?}: {ls:?}");
            assert_eq!(ls.concat(), text);
        }
    }

    #[test]
    fn no_line_ends_with_kagi_open() {
        let ls = lines("あいうえ「かきくけこ」さしすせそ", 5.0);
        assert_eq!(ls[0], "あいうえ");
        assert_eq!(ls[1], "「かきくけ");
        assert_kinsoku(&ls);
    }

    #[test]
    fn small_kana_and_choon_do_not_start_lines() {
        for t in [
            "あいうえおっかきくけこ",
            "あいうえおーかきくけこ",
            "アイウエオャカキクケコ",
            "あいうえお々かきくけこ",
        ] {
            let ls = lines(t, 5.0);
            assert_kinsoku(&ls);
            assert_eq!(ls[0].chars().count(), 4, "{t}: {ls:?}");
        }
    }

    #[test]
    fn closing_then_maru_does_not_split() {
        // 」。 squeezed and kept together; neither starts a line.
        let ls = lines("あいうえ「かき」。くけこさしすせそ", 8.0);
        assert_kinsoku(&ls);
        let ls = lines("あいうえおかき」。くけこ", 7.0);
        assert_kinsoku(&ls);
    }

    #[test]
    fn long_paragraph_without_opportunity_is_forced_and_fast() {
        let text = "a".repeat(10_000);
        let t0 = std::time::Instant::now();
        let ls = lines(&text, 40.0);
        assert!(t0.elapsed().as_secs() < 2);
        assert_eq!(ls.concat(), text);
        assert!(ls.iter().all(|l| l.chars().count() <= 80));
        assert_eq!(ls.len(), 125);
        // Also for characters that can never start a line.
        let text = "ー".repeat(10_000);
        let ls = lines(&text, 40.0);
        assert_eq!(ls.concat(), text);
        assert!(ls.iter().all(|l| l.chars().count() <= 40));
        let text = "。".repeat(10_000);
        let ls = lines(&text, 40.0);
        assert_eq!(ls.concat(), text);
        // Consecutive 。 are squeezed to half width, so 80 fit on a 40-em line.
        assert!(ls.iter().all(|l| l.chars().count() <= 81));
    }

    #[test]
    fn latin_words_stay_whole() {
        // "DX推進計画" would break after D or X on a pure character basis.
        let text = "これからのDX推進計画とITパスポートの取得について";
        for w in 4..20 {
            let ls = lines(text, w as f32);
            assert_eq!(ls.concat(), text);
            for l in &ls {
                assert!(!l.ends_with('D') && !l.starts_with('X'), "{w}: {ls:?}");
                assert!(!l.ends_with('I') && !l.starts_with('T'), "{w}: {ls:?}");
            }
            assert_kinsoku(&ls);
        }
        // Where possible, the whole compound stays together: a measure where the
        // discouraged break after "DX" would be used by a naive breaker.
        let ls = lines("あいうえおかきくけこさしすDX推進計画", 15.0);
        assert_eq!(ls, vec!["あいうえおかきくけこさしす", "DX推進計画"]);
    }

    #[test]
    fn https_is_never_split_unless_longer_than_line() {
        let text = "詳細は https://www.soumu.go.jp/main_sosiki/jichi_gyousei/ を参照";
        for w in 6..30 {
            let ls = lines(text, w as f32);
            let joined = ls.concat().replace(' ', "");
            assert_eq!(joined, text.replace(' ', ""));
            // "https" is 2.5 em wide: it fits on any of these lines, so it stays whole.
            assert!(ls.iter().any(|l| l.contains("https://")), "{w}: {ls:?}");
        }
        // A URL longer than the line is broken anywhere but nothing is lost.
        let url = "https://example.jp/".to_string() + &"abcdefghij".repeat(20);
        let ls = lines(&url, 20.0);
        assert!(ls.len() > 1);
        assert_eq!(ls.concat(), url);
        assert!(ls.iter().all(|l| l.chars().count() <= 40));
    }

    #[test]
    fn emoji_and_combining_marks_are_single_clusters() {
        let cl = clusters("e\u{301}👍🏻葛\u{E0100}👨‍👩‍👧");
        assert_eq!(cl, vec!["e\u{301}", "👍🏻", "葛\u{E0100}", "👨‍👩‍👧"]);
        let text = "café\u{301}とe\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}";
        for w in 2..10 {
            let ls = lines(text, w as f32);
            for l in &ls {
                assert!(!l.starts_with('\u{301}'), "{ls:?}");
            }
            assert_eq!(ls.concat(), text);
        }
        let ls = lines("絵文字😀😀😀😀😀😀😀です", 4.0);
        assert_eq!(ls.concat(), "絵文字😀😀😀😀😀😀😀です");
        assert!(ls.len() >= 3);
    }

    #[test]
    fn tabs_become_spaces() {
        assert_eq!(clusters("a\tb"), vec!["a", " ", " ", " ", " ", "b"]);
        let ls = lines("項目\t内容\tその他の説明文です", 10.0);
        assert!(ls.iter().all(|l| !l.contains('\t')));
    }

    #[test]
    fn justification_fills_the_measure_and_hanging_protrudes() {
        let cl = clusters("あいうえおabc かきくけこさしすせそたちつてと、なにぬねの");
        let items: Vec<BreakItem> = cl
            .iter()
            .map(|c| BreakItem {
                text: c,
                width: if is_wide(first_char(c)) { 10.0 } else { 5.0 },
            })
            .collect();
        let opts = BreakOpts {
            em: 10.0,
            first_width: 103.0,
            width: 103.0,
            justify: true,
            hanging: true,
        };
        let out = break_lines(&items, &opts);
        for l in &out[..out.len() - 1] {
            assert!(l.justified || l.hanging, "{l:?}");
            assert!((l.width - 103.0).abs() < 0.02, "{l:?}");
        }
        let last = out.last().unwrap();
        assert!(!last.justified);
        // Latin letters inside "abc" are not letter-spaced.
        let l0 = &out[0];
        let a = cl.iter().position(|c| c == "a").unwrap();
        assert!((l0.xs[a + 1] - l0.xs[a] - 5.0).abs() < 0.001);
        // 和欧間: a quarter em between お and a (before justification).
        let natural = break_lines(
            &items,
            &BreakOpts {
                justify: false,
                ..opts
            },
        );
        assert!((natural[0].xs[a] - natural[0].xs[a - 1] - 12.5).abs() < 0.001);
    }

    #[test]
    fn squeezes_consecutive_punctuation() {
        let cl = clusters("「あ」。");
        let items: Vec<BreakItem> = cl
            .iter()
            .map(|c| BreakItem {
                text: c,
                width: 10.0,
            })
            .collect();
        let out = break_lines(
            &items,
            &BreakOpts {
                em: 10.0,
                first_width: 100.0,
                width: 100.0,
                justify: true,
                hanging: true,
            },
        );
        assert_eq!(out[0].xs, vec![0.0, 10.0, 20.0, 25.0]);
    }
}
