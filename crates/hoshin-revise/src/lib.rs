//! Revising a policy written under the 1997 guideline: read its text into a heading tree,
//! suggest which guideline item each old section belongs to (the user confirms), keep it as
//! the draft's baseline version, and compare any two versions item by item with a diff
//! that reads naturally in Japanese — the rows of a 新旧対照表.

pub mod diff;
pub mod docx;
pub mod outline;

use std::collections::{BTreeMap, HashSet};

use hoshin_model::templates::Templates;
use hoshin_model::Draft;
use serde::Serialize;
use ts_rs::TS;

pub use diff::{diff, Segment, TextDiff};
pub use outline::{parse, parse_with, OldSection, Outline};

/// Prefix of section ids that hold old text no guideline item took.
pub const UNMAPPED_PREFIX: &str = "old.";

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Suggestion {
    /// Index into `Outline::sections`.
    pub section: usize,
    /// The suggested guideline item, when one is similar enough.
    pub item: Option<String>,
    /// 0–1
    pub score: f32,
    /// Next best items with their scores.
    pub alternatives: Vec<(String, f32)>,
}

fn bigrams(s: &str) -> HashSet<(char, char)> {
    let cs: Vec<char> = outline::normalize(s)
        .chars()
        .filter(|c| !c.is_whitespace() && !"、。・（）()「」".contains(*c))
        .collect();
    cs.windows(2).map(|w| (w[0], w[1])).collect()
}

/// Latin words (OJT, DX, IT …) as whole tokens: "OJT" must not match "Off-JT".
fn words(s: &str) -> HashSet<String> {
    outline::normalize(s)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| w.len() >= 2)
        .map(|w| w.to_ascii_uppercase())
        .collect()
}

fn dice(a: &HashSet<(char, char)>, b: &HashSet<(char, char)>) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    2.0 * a.intersection(b).count() as f32 / (a.len() + b.len()) as f32
}

/// Below this score no item is suggested; the user picks one or leaves the section unmapped.
pub const SUGGEST_MIN: f32 = 0.12;

/// Suggest a guideline item for every old section that has text.
pub fn suggest(outline: &Outline, t: &Templates) -> Vec<Suggestion> {
    type Keys = (
        HashSet<(char, char)>,
        HashSet<(char, char)>,
        HashSet<String>,
    );
    let items: Vec<(&str, Keys)> = t
        .pillars
        .iter()
        .flat_map(|p| &p.items)
        .map(|i| {
            (
                i.id.as_str(),
                (
                    bigrams(&i.heading),
                    bigrams(&format!("{}{}", i.heading, i.purpose)),
                    words(&i.heading),
                ),
            )
        })
        .collect();
    outline
        .sections
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.body.trim().is_empty())
        .map(|(idx, s)| {
            let title = bigrams(&s.title);
            let head: String = s.body.chars().take(120).collect();
            // The parent heading says what a short one like 「(2) 専門研修」 is part of.
            let parent = outline.sections[..idx]
                .iter()
                .rev()
                .find(|p| p.level < s.level)
                .map(|p| p.title.as_str())
                .unwrap_or("");
            let context = bigrams(&format!("{parent}{}{head}", s.title));
            let title_words = words(&s.title);
            let mut scored: Vec<(String, f32)> = items
                .iter()
                .map(|(id, (h, hp, w))| {
                    let bonus = if title_words.intersection(w).next().is_some() {
                        0.3
                    } else {
                        0.0
                    };
                    (
                        id.to_string(),
                        (0.7 * dice(&title, h) + 0.3 * dice(&context, hp) + bonus).min(1.0),
                    )
                })
                .collect();
            scored.sort_by(|a, b| b.1.total_cmp(&a.1));
            let best = scored
                .first()
                .filter(|(_, v)| *v >= SUGGEST_MIN)
                .map(|(id, _)| id.clone());
            Suggestion {
                section: idx,
                item: best,
                score: scored.first().map(|x| x.1).unwrap_or(0.0),
                alternatives: scored.into_iter().skip(1).take(3).collect(),
            }
        })
        .collect()
}

/// The draft with its sections replaced by the old policy's text, mapped by `mapping`
/// (section index → guideline item id, or None to keep it as an unmapped old section).
pub fn baseline(current: &Draft, outline: &Outline, mapping: &[(usize, Option<String>)]) -> Draft {
    let mut d = current.clone();
    let mut by_item: BTreeMap<String, Vec<&OldSection>> = BTreeMap::new();
    let mut unmapped: Vec<(usize, &OldSection)> = Vec::new();
    for (idx, item) in mapping {
        let Some(s) = outline.sections.get(*idx) else {
            continue;
        };
        if s.body.trim().is_empty() {
            continue;
        }
        match item {
            Some(id) => by_item.entry(id.clone()).or_default().push(s),
            None => unmapped.push((*idx, s)),
        }
    }
    d.sections.clear();
    if !outline.preamble.trim().is_empty() {
        d.sections
            .insert(format!("{UNMAPPED_PREFIX}0"), outline.preamble.clone());
    }
    for (id, secs) in by_item {
        let text = if secs.len() == 1 {
            secs[0].body.clone()
        } else {
            secs.iter()
                .map(|s| format!("**{}**\n\n{}", heading_line(s), s.body))
                .collect::<Vec<_>>()
                .join("\n\n")
        };
        d.sections.insert(id, text);
    }
    for (idx, s) in unmapped {
        d.sections.insert(
            format!("{UNMAPPED_PREFIX}{}", idx + 1),
            format!("**{}**\n\n{}", heading_line(s), s.body),
        );
    }
    d
}

fn heading_line(s: &OldSection) -> String {
    match &s.number {
        Some(n) => format!("{n} {}", s.title),
        None => s.title.clone(),
    }
}

/// One row of a 新旧対照表: a guideline item (or an unmapped old section) in both versions.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Row {
    pub item: String,
    /// 第1 基本的な考え方 (empty for unmapped old sections)
    pub pillar: String,
    /// 1 求められる職員像の明確化
    pub heading: String,
    pub old_text: String,
    pub new_text: String,
    pub diff: TextDiff,
}

/// Compare two versions section by section, aligned by guideline item in the guideline's
/// order; sections only one side has come out as pure insertions or deletions.
pub fn compare(old: &Draft, new: &Draft, t: &Templates) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for p in &t.pillars {
        for (i, item) in p.items.iter().enumerate() {
            seen.insert(item.id.as_str());
            let o = old.sections.get(&item.id).map(String::as_str).unwrap_or("");
            let n = new.sections.get(&item.id).map(String::as_str).unwrap_or("");
            if o.trim().is_empty() && n.trim().is_empty() {
                continue;
            }
            rows.push(Row {
                item: item.id.clone(),
                pillar: format!("第{} {}", p.number, p.heading),
                heading: format!("{} {}", i + 1, item.heading),
                old_text: o.to_string(),
                new_text: n.to_string(),
                diff: diff(o, n),
            });
        }
    }
    let extra: BTreeMap<&str, ()> = old
        .sections
        .keys()
        .chain(new.sections.keys())
        .filter(|k| !seen.contains(k.as_str()))
        .map(|k| (k.as_str(), ()))
        .collect();
    for id in extra.keys() {
        let o = old.sections.get(*id).map(String::as_str).unwrap_or("");
        let n = new.sections.get(*id).map(String::as_str).unwrap_or("");
        let heading = if id.starts_with(UNMAPPED_PREFIX) {
            "（指針の項目に対応しない旧方針の記述）".to_string()
        } else {
            format!("（項目 {id}）")
        };
        rows.push(Row {
            item: id.to_string(),
            pillar: String::new(),
            heading,
            old_text: o.to_string(),
            new_text: n.to_string(),
            diff: diff(o, n),
        });
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use hoshin_model::FyRange;

    const OLD: &str = "\
はじめに

　この方針は、職員の育成の基本的な考え方を定めるものである。

第１　目指すべき職員像

　市民の立場で考え、行動する職員を目指す。

第２　人材育成の方策

１　職場研修（ＯＪＴ）の推進

　上司が日常の業務を通じて部下を指導する。

２　職員研修の充実

　階層別研修と専門研修を計画的に行う。

３　人事評価制度の活用

　評価の結果を育成に生かす。
";

    #[test]
    fn suggestions_follow_the_headings() {
        let t = Templates::builtin();
        let o = parse(OLD);
        let s = suggest(&o, &t);
        let pick = |title: &str| {
            s.iter()
                .find(|x| o.sections[x.section].title == title)
                .and_then(|x| x.item.clone())
        };
        assert_eq!(pick("目指すべき職員像").as_deref(), Some("kihon.shokuinzo"));
        assert_eq!(pick("職場研修(OJT)の推進").as_deref(), Some("ikusei.ojt"));
        assert_eq!(
            pick("人事評価制度の活用").as_deref(),
            Some("ikusei.jinji-hyoka")
        );
        assert!(s.iter().all(|x| x.score <= 1.0));
    }

    #[test]
    fn baseline_holds_mapped_and_unmapped_text() {
        let t = Templates::builtin();
        let o = parse(OLD);
        let mapping: Vec<(usize, Option<String>)> = suggest(&o, &t)
            .into_iter()
            .map(|s| {
                (
                    s.section,
                    if o.sections[s.section].title == "はじめに" {
                        None
                    } else {
                        s.item
                    },
                )
            })
            .collect();
        let current = Draft::new(
            "d-1".into(),
            "○○市",
            "方針",
            FyRange {
                from: 2026,
                to: 2030,
            },
            "",
        );
        let b = baseline(&current, &o, &mapping);
        assert_eq!(
            b.sections["kihon.shokuinzo"],
            "市民の立場で考え、行動する職員を目指す。"
        );
        assert!(b.sections["old.1"].starts_with("**はじめに**"));

        let mut new = b.clone();
        new.sections.insert(
            "kihon.shokuinzo".into(),
            "市民の立場で考え、挑戦し、行動する職員を目指す。".into(),
        );
        new.sections.insert(
            "digital.literacy".into(),
            "全職員がデジタル技術の基礎を身に付ける。".into(),
        );
        new.sections.remove("old.1");
        let rows = compare(&b, &new, &t);
        let r = rows.iter().find(|r| r.item == "kihon.shokuinzo").unwrap();
        assert_eq!(r.pillar, "第1 基本的な考え方");
        assert!(r
            .diff
            .new
            .iter()
            .any(|s| s.changed && s.text.contains("挑戦し")));
        let added = rows.iter().find(|r| r.item == "digital.literacy").unwrap();
        assert!(added.old_text.is_empty() && added.diff.changed());
        let removed = rows.iter().find(|r| r.item == "old.1").unwrap();
        assert_eq!(removed.heading, "（指針の項目に対応しない旧方針の記述）");
        assert!(removed.new_text.is_empty());
        let unchanged = rows
            .iter()
            .find(|r| r.item == "ikusei.jinji-hyoka")
            .unwrap();
        assert!(!unchanged.diff.changed());
    }
}
