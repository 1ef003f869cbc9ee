//! Semantic validation of a draft: ids, links, text limits, years. Every problem carries the
//! JSON path of the offending value and a Japanese message that says what to fix.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use serde_json::Value;

use crate::draft::{Draft, Item, Kind};

/// Longest text of one guideline section, in characters.
pub const MAX_SECTION_CHARS: usize = 100_000;
/// Longest description of one item, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 20_000;
/// Longest short field (names, titles, units …), in characters.
pub const MAX_SHORT_CHARS: usize = 1_000;
/// Earliest and latest fiscal year accepted anywhere in a draft.
pub const FY_MIN: i32 = 1989;
pub const FY_MAX: i32 = 2100;

/// The text limits above, for the UI: a paste that would take a field past its limit is
/// refused there, before a single character is sent to be saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct TextLimits {
    /// A guideline section's text.
    pub section: usize,
    /// Descriptions, notes and reasons (multi-line fields).
    pub description: usize,
    /// Names, titles, labels (one-line fields).
    pub short: usize,
}

/// The limits every text of a draft is checked against.
pub const TEXT_LIMITS: TextLimits = TextLimits {
    section: MAX_SECTION_CHARS,
    description: MAX_DESCRIPTION_CHARS,
    short: MAX_SHORT_CHARS,
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Problem {
    /// JSON path, e.g. `$.draft.abilities[2].name`
    pub path: String,
    pub message: String,
}

impl Problem {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Is this a well-formed id (`[A-Za-z0-9_.-]`, 1–64 characters)?
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
}

fn id_problem(path: &str, id: &str) -> Option<Problem> {
    (!is_valid_id(id)).then(|| {
        Problem::new(
            path,
            format!(
                "ID「{}」は使えません。半角英数字と - _ . だけで、1～64文字にしてください",
                truncate(id, 40)
            ),
        )
    })
}

fn truncate(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        out.push('…');
    }
    out
}

/// The limit for a text field of an item, by its key.
pub fn text_limit(key: &str) -> usize {
    if key == "description" {
        MAX_DESCRIPTION_CHARS
    } else {
        MAX_SHORT_CHARS
    }
}

/// Check one text value: control characters and length.
pub fn check_text(path: &str, text: &str, limit: usize) -> Option<Problem> {
    if let Some(c) = text.chars().find(|c| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || *c == '\u{FFFE}' || *c == '\u{FFFF}'
    }) {
        let what = if c == '\0' {
            "NUL 文字（U+0000）".to_string()
        } else {
            format!("制御文字（U+{:04X}）", c as u32)
        };
        return Some(Problem::new(
            path,
            format!("{what}が含まれています。取り除いてから読み込んでください"),
        ));
    }
    // Cheap upper bound first: a string of ≤ limit bytes has ≤ limit characters.
    if text.len() > limit {
        let n = text.chars().count();
        if n > limit {
            return Some(Problem::new(
                path,
                format!("文字数が多すぎます（{n}文字。上限は{limit}文字です）。内容を分けるか短くしてください"),
            ));
        }
    }
    None
}

/// Walk every string in a JSON value, checking control characters and length limits.
fn check_strings(v: &Value, path: &mut String, key: &str, out: &mut Vec<Problem>) {
    match v {
        Value::String(s) => out.extend(check_text(path, s, text_limit(key))),
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                check_strings(x, path, key, out);
                path.truncate(len);
            }
        }
        Value::Object(m) => {
            for (k, x) in m {
                let len = path.len();
                push_key(path, k);
                out.extend(
                    check_text(path, k, MAX_SHORT_CHARS)
                        .map(|p| Problem::new(p.path, format!("キー名に{}", p.message))),
                );
                check_strings(x, path, k, out);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

/// Append `.key` (or `["key"]` where the key is not a plain identifier) to a JSON path.
pub fn push_key(path: &mut String, key: &str) {
    if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        path.push('.');
        path.push_str(key);
    } else {
        path.push_str(&format!(
            "[{}]",
            serde_json::to_string(key).unwrap_or_default()
        ));
    }
}

fn check_fy(path: String, fy: i32, out: &mut Vec<Problem>) {
    if !(FY_MIN..=FY_MAX).contains(&fy) {
        out.push(Problem::new(
            path,
            format!("年度 {fy} は範囲外です。{FY_MIN}～{FY_MAX} の西暦で入力してください"),
        ));
    }
}

fn year_counts(list: &[crate::YearCount], path: &str, what: &str, out: &mut Vec<Problem>) {
    let mut seen = HashSet::new();
    for (i, y) in list.iter().enumerate() {
        check_fy(format!("{path}[{i}].fy"), y.fy, out);
        if !seen.insert(y.fy) {
            out.push(Problem::new(
                format!("{path}[{i}].fy"),
                format!(
                    "{}年度の{what}が二度書かれています。一つにまとめてください",
                    y.fy
                ),
            ));
        }
    }
}

/// Field-level checks of one item that need no other item: id, texts, years, duplicate links.
pub fn validate_item(item: &Item, path: &str) -> Vec<Problem> {
    let mut out = Vec::new();
    out.extend(id_problem(&format!("{path}.id"), item.id()));
    if item.name().trim().is_empty() {
        let field = item.kind().name_field();
        out.push(Problem::new(
            format!("{path}.{field}"),
            format!(
                "{}の名前が空です。名前を入力してください",
                item.kind().label()
            ),
        ));
    }
    if let Ok(v) = serde_json::to_value(item) {
        let mut p = path.to_string();
        check_strings(&v, &mut p, "", &mut out);
    }
    match item {
        Item::Training(t) => {
            for (i, fy) in t.years.iter().enumerate() {
                check_fy(format!("{path}.years[{i}]"), *fy, &mut out);
            }
        }
        Item::Hiring(h) => year_counts(
            &h.headcount,
            &format!("{path}.headcount"),
            "採用人数",
            &mut out,
        ),
        Item::Measure(m) => {
            for (i, fy) in m.years.iter().enumerate() {
                check_fy(format!("{path}.years[{i}]"), *fy, &mut out);
            }
        }
        Item::DigitalTarget(t) => {
            year_counts(&t.targets, &format!("{path}.targets"), "目標人数", &mut out);
            if let Some(fy) = t.baseline_fy {
                check_fy(format!("{path}.baseline_fy"), fy, &mut out);
            }
        }
        Item::Indicator(x) => {
            if let Some(fy) = x.baseline_fy {
                check_fy(format!("{path}.baseline_fy"), fy, &mut out);
            }
            if let Some(fy) = x.target_fy {
                check_fy(format!("{path}.target_fy"), fy, &mut out);
            }
            for (field, v) in [("baseline", x.baseline), ("target", x.target)] {
                if v.is_some_and(|v| !v.is_finite()) {
                    out.push(Problem::new(
                        format!("{path}.{field}"),
                        "数値として扱えない値です",
                    ));
                }
            }
        }
        _ => {}
    }
    for (field, _) in item.kind().link_fields() {
        let mut seen = HashSet::new();
        for (i, id) in item.links(field).iter().enumerate() {
            if !seen.insert(id) {
                out.push(Problem::new(
                    format!("{path}.{field}[{i}]"),
                    format!(
                        "「{}」へのつながりが重複しています。一つにしてください",
                        truncate(id, 40)
                    ),
                ));
            }
        }
    }
    out
}

/// Validate a whole draft. `base` is the JSON path of the draft (e.g. `$.draft`).
pub fn validate_draft(d: &Draft, base: &str) -> Vec<Problem> {
    let mut out = Vec::new();
    let m = &d.meta;
    out.extend(id_problem(&format!("{base}.meta.id"), &m.id));
    for (field, v) in [("municipality", &m.municipality), ("title", &m.title)] {
        let path = format!("{base}.meta.{field}");
        if v.trim().is_empty() {
            let what = if field == "title" {
                "表題"
            } else {
                "団体名"
            };
            out.push(Problem::new(
                path.clone(),
                format!("{what}が空です。入力してください"),
            ));
        }
        out.extend(check_text(&path, v, MAX_SHORT_CHARS));
    }
    check_fy(format!("{base}.meta.period.from"), m.period.from, &mut out);
    check_fy(format!("{base}.meta.period.to"), m.period.to, &mut out);
    if m.period.from > m.period.to {
        out.push(Problem::new(
            format!("{base}.meta.period"),
            format!(
                "計画期間の始まり（{}年度）が終わり（{}年度）より後です",
                m.period.from, m.period.to
            ),
        ));
    } else if m.period.to - m.period.from >= 30 {
        out.push(Problem::new(
            format!("{base}.meta.period"),
            "計画期間が30年以上あります。年度を確かめてください",
        ));
    }

    for (field, v) in [
        ("hr_owner", &d.governance.hr_owner),
        ("dx_owner", &d.governance.dx_owner),
        ("top_management", &d.governance.top_management),
        ("review", &d.governance.review),
    ] {
        out.extend(check_text(
            &format!("{base}.governance.{field}"),
            v,
            MAX_SHORT_CHARS,
        ));
    }
    for (field, list) in [
        ("appointers", &d.scope.appointers),
        ("staff", &d.scope.staff),
    ] {
        for (i, v) in list.iter().enumerate() {
            out.extend(check_text(
                &format!("{base}.scope.{field}[{i}]"),
                v,
                MAX_SHORT_CHARS,
            ));
        }
    }
    out.extend(check_text(
        &format!("{base}.scope.note"),
        &d.scope.note,
        MAX_DESCRIPTION_CHARS,
    ));
    for (sid, text) in &d.sections {
        let mut path = format!("{base}.sections");
        push_key(&mut path, sid);
        if !is_valid_id(sid) {
            out.push(Problem::new(
                path.clone(),
                format!(
                    "項目ID「{}」は使えません。半角英数字と - _ . だけにしてください",
                    truncate(sid, 40)
                ),
            ));
        }
        out.extend(check_text(&path, text, MAX_SECTION_CHARS));
    }

    // Ids: unique across the whole draft.
    let mut kinds: HashMap<&str, (Kind, String)> = HashMap::new();
    let items = d.items();
    let mut index_in_kind: HashMap<Kind, usize> = HashMap::new();
    let mut paths = Vec::with_capacity(items.len());
    for item in &items {
        let k = item.kind();
        let i = index_in_kind.entry(k).or_insert(0);
        let path = format!("{base}.{}[{}]", k.list_field(), *i);
        *i += 1;
        out.extend(validate_item(item, &path));
        if let Some((_, first)) = kinds.get(item.id()) {
            out.push(Problem::new(format!("{path}.id"), format!("ID「{}」は {first} でも使われています。IDは下書きの中で重ならないようにしてください", item.id())));
        } else {
            kinds.insert(item.id(), (k, path.clone()));
        }
        paths.push(path);
    }

    for (i, a) in d.acknowledgements.iter().enumerate() {
        let path = format!("{base}.acknowledgements[{i}]");
        if a.reason.trim().is_empty() {
            out.push(Problem::new(
                format!("{path}.reason"),
                "確認済みにする理由が空です。理由を書いてください",
            ));
        }
        for (field, v, limit) in [
            ("key", &a.key, MAX_SHORT_CHARS),
            ("rule", &a.rule, MAX_SHORT_CHARS),
            ("reason", &a.reason, MAX_DESCRIPTION_CHARS),
            ("by", &a.by, MAX_SHORT_CHARS),
        ] {
            out.extend(check_text(&format!("{path}.{field}"), v, limit));
        }
    }
    for (i, f) in d.link_fingerprints.iter().enumerate() {
        let linked = items
            .iter()
            .any(|it| it.id() == f.from && it.links(&f.field).contains(&f.to));
        if !linked {
            out.push(Problem::new(
                format!("{base}.link_fingerprints[{i}]"),
                format!(
                    "「{}」から「{}」へのつながりはありません",
                    truncate(&f.from, 40),
                    truncate(&f.to, 40)
                ),
            ));
        }
    }

    validate_results(d, base, &kinds, &mut out);
    validate_workforce(d, base, &mut out);

    // Links: every id exists and names an item of the right kind.
    for (item, path) in items.iter().zip(&paths) {
        for (field, want) in item.kind().link_fields() {
            for (i, target) in item.links(field).iter().enumerate() {
                let p = format!("{path}.{field}[{i}]");
                match kinds.get(target.as_str()) {
                    None => out.push(Problem::new(p, format!("存在しない項目「{}」を参照しています。つながり先を選び直すか、参照を外してください", truncate(target, 40)))),
                    Some((k, _)) if k != want => out.push(Problem::new(
                        p,
                        format!("「{}」は{}ではなく{}です。{}を選んでください", truncate(target, 40), want.label(), k.label(), want.label()),
                    )),
                    Some(_) if target == item.id() => out.push(Problem::new(p, "自分自身を参照しています")),
                    _ => {}
                }
            }
        }
    }
    out
}

/// 実績: each names an indicator, training or 施策・制度 of the draft, a fiscal year of the
/// plan period (once per item and year), and only the fields that kind has.
fn validate_results(
    d: &Draft,
    base: &str,
    kinds: &HashMap<&str, (Kind, String)>,
    out: &mut Vec<Problem>,
) {
    let period = d.meta.period;
    let mut seen = HashSet::new();
    for (i, r) in d.results.iter().enumerate() {
        let path = format!("{base}.results[{i}]");
        let kind = kinds.get(r.item.as_str()).map(|(k, _)| *k);
        match kind {
            None => out.push(Problem::new(
                format!("{path}.item"),
                format!(
                    "実績の項目「{}」が下書きにありません。指標、研修、施策・制度の ID を指定してください",
                    truncate(&r.item, 40)
                ),
            )),
            Some(Kind::Indicator | Kind::Training | Kind::Measure) => {}
            Some(k) => out.push(Problem::new(
                format!("{path}.item"),
                format!(
                    "「{}」は{}です。実績を記録できるのは指標、研修、施策・制度です",
                    truncate(&r.item, 40),
                    k.label()
                ),
            )),
        }
        if !period.contains(r.fy) {
            out.push(Problem::new(
                format!("{path}.fy"),
                format!(
                    "{}年度は計画期間（{}～{}年度）の外です。計画期間の年度を指定してください",
                    r.fy, period.from, period.to
                ),
            ));
        }
        if !seen.insert((r.item.as_str(), r.fy)) {
            out.push(Problem::new(
                format!("{path}.fy"),
                format!(
                    "「{}」の{}年度の実績が二度書かれています。一つにまとめてください",
                    truncate(&r.item, 40),
                    r.fy
                ),
            ));
        }
        if r.value.is_some_and(|v| !v.is_finite()) {
            out.push(Problem::new(
                format!("{path}.value"),
                "数値として扱えない値です",
            ));
        }
        let wrong = |field: &str, what: &str, out: &mut Vec<Problem>| {
            out.push(Problem::new(
                format!("{path}.{field}"),
                format!(
                    "{what}は{}の実績にはありません",
                    kind.map(Kind::label).unwrap_or("この項目")
                ),
            ))
        };
        if kind.is_some_and(|k| k != Kind::Indicator) && r.value.is_some() {
            wrong("value", "実績値", out);
        }
        if kind.is_some_and(|k| k != Kind::Training)
            && (r.runs.is_some() || r.participants.is_some())
        {
            wrong("participants", "実施回数と受講者数", out);
        }
        if kind.is_some_and(|k| k != Kind::Measure) && r.status.is_some() {
            wrong("status", "進み具合", out);
        }
        let date_ok = r.measured_on.is_empty()
            || (r.measured_on.len() == 10
                && r.measured_on.bytes().enumerate().all(|(i, b)| {
                    if i == 4 || i == 7 {
                        b == b'-'
                    } else {
                        b.is_ascii_digit()
                    }
                }));
        if !date_ok {
            out.push(Problem::new(
                format!("{path}.measured_on"),
                format!(
                    "測定日「{}」は 2026-05-31 の形で書いてください",
                    truncate(&r.measured_on, 20)
                ),
            ));
        }
        for (field, v, limit) in [
            ("owner", &r.owner, MAX_SHORT_CHARS),
            ("note", &r.note, MAX_DESCRIPTION_CHARS),
        ] {
            out.extend(check_text(&format!("{path}.{field}"), v, limit));
        }
    }
}

/// 職員数の見通し: one row per category, years in range once each, a sane leaver rate.
fn validate_workforce(d: &Draft, base: &str, out: &mut Vec<Problem>) {
    let w = &d.workforce;
    let mut seen = HashSet::new();
    for (i, row) in w.rows.iter().enumerate() {
        let path = format!("{base}.workforce.rows[{i}]");
        out.extend(check_text(
            &format!("{path}.category"),
            &row.category,
            MAX_SHORT_CHARS,
        ));
        if row.category.trim().is_empty() {
            out.push(Problem::new(
                format!("{path}.category"),
                "職種区分が空です。一覧から選んでください",
            ));
        } else if !seen.insert(row.category.as_str()) {
            out.push(Problem::new(
                format!("{path}.category"),
                format!(
                    "職種区分「{}」の行が二つあります。一つにまとめてください",
                    truncate(&row.category, 40)
                ),
            ));
        }
        year_counts(&row.teiin, &format!("{path}.teiin"), "定員", out);
        year_counts(&row.leavers, &format!("{path}.leavers"), "退職者数", out);
        year_counts(&row.actual, &format!("{path}.actual"), "実員", out);
        for (j, a) in row.ages.iter().enumerate() {
            if !(1930..=2020).contains(&a.fy) {
                out.push(Problem::new(
                    format!("{path}.ages[{j}].fy"),
                    format!(
                        "生年度 {} は範囲外です。1930～2020 の西暦で入力してください",
                        a.fy
                    ),
                ));
            }
        }
        let mut years = HashSet::new();
        for (j, r) in row.reappointed.iter().enumerate() {
            check_fy(format!("{path}.reappointed[{j}].fy"), r.fy, out);
            if !years.insert(r.fy) {
                out.push(Problem::new(
                    format!("{path}.reappointed[{j}].fy"),
                    format!("{}年度の再任用の増減が二度書かれています", r.fy),
                ));
            }
        }
    }
    if let Some(r) = w.other_leaver_rate {
        if !r.is_finite() || !(0.0..=1.0).contains(&r) {
            out.push(Problem::new(
                format!("{base}.workforce.other_leaver_rate"),
                "定年以外の退職率は 0～1 の小数で入力してください（例: 0.015 は1.5％）",
            ));
        }
    }
}
