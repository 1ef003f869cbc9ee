//! A character-level diff that reads naturally in Japanese: whitespace-only changes are
//! ignored, and tiny unchanged islands between changes (a single particle like 「の」) are
//! folded into the change so an underline covers a phrase, not a scatter of characters.

use serde::Serialize;
use similar::{capture_diff_slices, Algorithm, DiffOp};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Segment {
    pub text: String,
    pub changed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TextDiff {
    /// The old text in runs; changed runs were deleted or replaced.
    pub old: Vec<Segment>,
    /// The new text in runs; changed runs were inserted or replacements.
    pub new: Vec<Segment>,
}

impl TextDiff {
    pub fn changed(&self) -> bool {
        self.old.iter().chain(&self.new).any(|s| s.changed)
    }
}

/// Unchanged runs this short between two changes become part of the change.
const ISLAND: usize = 2;

pub fn diff(old: &str, new: &str) -> TextDiff {
    let oc: Vec<char> = old.chars().collect();
    let nc: Vec<char> = new.chars().collect();
    // Compare without whitespace; remember where each compared char sits.
    let oi: Vec<usize> = (0..oc.len()).filter(|i| !oc[*i].is_whitespace()).collect();
    let ni: Vec<usize> = (0..nc.len()).filter(|i| !nc[*i].is_whitespace()).collect();
    let ok: Vec<char> = oi.iter().map(|i| oc[*i]).collect();
    let nk: Vec<char> = ni.iter().map(|i| nc[*i]).collect();
    let mut ochg = vec![false; ok.len()];
    let mut nchg = vec![false; nk.len()];
    // Sentences first, so a moved or rewritten sentence is marked whole; characters within
    // sentences that were edited in place.
    let os = sentences(&ok);
    let ns = sentences(&nk);
    let okeys: Vec<&[char]> = os.iter().map(|r| &ok[r.clone()]).collect();
    let nkeys: Vec<&[char]> = ns.iter().map(|r| &nk[r.clone()]).collect();
    for op in capture_diff_slices(Algorithm::Myers, &okeys, &nkeys) {
        match op {
            DiffOp::Equal { .. } => {}
            DiffOp::Delete {
                old_index, old_len, ..
            } => ochg[span(&os, old_index, old_len)].fill(true),
            DiffOp::Insert {
                new_index, new_len, ..
            } => nchg[span(&ns, new_index, new_len)].fill(true),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                let (o, n) = (span(&os, old_index, old_len), span(&ns, new_index, new_len));
                char_diff(&ok[o.clone()], &nk[n.clone()], &mut ochg[o], &mut nchg[n]);
            }
        }
    }
    fold_islands(&mut ochg);
    fold_islands(&mut nchg);
    TextDiff {
        old: segments(&oc, &oi, &ochg),
        new: segments(&nc, &ni, &nchg),
    }
}

/// Sentence ranges: each ends after 。！？!? (or at the end).
fn sentences(chars: &[char]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in chars.iter().enumerate() {
        if matches!(c, '。' | '！' | '？' | '!' | '?') {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < chars.len() {
        out.push(start..chars.len());
    }
    out
}

fn span(r: &[std::ops::Range<usize>], index: usize, len: usize) -> std::ops::Range<usize> {
    if len == 0 {
        return 0..0;
    }
    r[index].start..r[index + len - 1].end
}

/// When less than this share of a rewritten passage survives, it is marked whole: scattered
/// common characters (「の」「する」) would only make confetti of the underline.
const KEEP_MIN: f32 = 0.5;

fn char_diff(o: &[char], n: &[char], ochg: &mut [bool], nchg: &mut [bool]) {
    let ops = capture_diff_slices(Algorithm::Myers, o, n);
    let kept: usize = ops
        .iter()
        .map(|op| {
            if let DiffOp::Equal { len, .. } = op {
                *len
            } else {
                0
            }
        })
        .sum();
    if (kept as f32) < KEEP_MIN * o.len().max(n.len()) as f32 {
        ochg.fill(true);
        nchg.fill(true);
        return;
    }
    for op in ops {
        match op {
            DiffOp::Equal { .. } => {}
            DiffOp::Delete {
                old_index, old_len, ..
            } => ochg[old_index..old_index + old_len].fill(true),
            DiffOp::Insert {
                new_index, new_len, ..
            } => nchg[new_index..new_index + new_len].fill(true),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                ochg[old_index..old_index + old_len].fill(true);
                nchg[new_index..new_index + new_len].fill(true);
            }
        }
    }
}

fn fold_islands(chg: &mut [bool]) {
    let mut i = 0;
    while i < chg.len() {
        if chg[i] {
            i += 1;
            continue;
        }
        let start = i;
        while i < chg.len() && !chg[i] {
            i += 1;
        }
        if start > 0 && i < chg.len() && i - start <= ISLAND {
            chg[start..i].fill(true);
        }
    }
}

/// Runs over the original text; whitespace takes the flag of its surroundings (changed only
/// when both neighbours are changed), so a whitespace-only edit marks nothing.
fn segments(chars: &[char], kept: &[usize], chg: &[bool]) -> Vec<Segment> {
    let mut flag = vec![false; chars.len()];
    for (k, i) in kept.iter().enumerate() {
        flag[*i] = chg[k];
    }
    let mut prev: Option<bool> = None;
    for i in 0..chars.len() {
        if chars[i].is_whitespace() {
            let next = (i + 1..chars.len())
                .find(|j| !chars[*j].is_whitespace())
                .map(|j| flag[j]);
            flag[i] = prev.unwrap_or(false) && next.unwrap_or(false);
        } else {
            prev = Some(flag[i]);
        }
    }
    let mut out: Vec<Segment> = Vec::new();
    for (c, f) in chars.iter().zip(flag) {
        match out.last_mut() {
            Some(s) if s.changed == f => s.text.push(*c),
            _ => out.push(Segment {
                text: c.to_string(),
                changed: f,
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The changed runs of one side, as text.
    fn marked(segs: &[Segment]) -> Vec<&str> {
        segs.iter()
            .filter(|s| s.changed)
            .map(|s| s.text.as_str())
            .collect()
    }

    #[test]
    fn insertion_and_deletion() {
        let d = diff("職員の能力を高める。", "職員の能力と意欲を高める。");
        assert_eq!(marked(&d.new), ["と意欲"]);
        assert!(marked(&d.old).is_empty());
        let d = diff("計画的かつ体系的に研修を行う。", "体系的に研修を行う。");
        assert_eq!(marked(&d.old), ["計画的かつ"]);
        assert!(marked(&d.new).is_empty());
    }

    #[test]
    fn replacement_marks_both_sides_as_phrases() {
        let d = diff(
            "人材育成基本方針を策定する。",
            "人材育成・確保基本方針を改定する。",
        );
        assert_eq!(marked(&d.new), ["・確保", "改"]);
        assert_eq!(marked(&d.old), ["策"]);
        // A one-character island between two changes is folded into one underline.
        let d = diff("ＡのＢ", "ＣのＤ");
        assert_eq!(marked(&d.new), ["ＣのＤ"]);
    }

    #[test]
    fn moved_sentence_is_deleted_and_inserted() {
        let d = diff("研修を行う。評価を行う。", "評価を行う。研修を行う。");
        assert!(d.changed());
        // One sentence stays, the other is marked whole on both sides.
        let moved = marked(&d.old);
        assert_eq!(moved, marked(&d.new));
        assert!(
            moved == ["研修を行う。"] || moved == ["評価を行う。"],
            "{moved:?}"
        );
    }

    #[test]
    fn a_rewritten_sentence_is_marked_whole() {
        let d = diff(
            "本町が目指す職員像は、次のとおりとする。",
            "本町は、人口減少の中で住民の暮らしを支える職員像を次の2点とする。",
        );
        assert_eq!(
            marked(&d.new),
            ["本町は、人口減少の中で住民の暮らしを支える職員像を次の2点とする。"]
        );
        assert_eq!(marked(&d.old), ["本町が目指す職員像は、次のとおりとする。"]);
    }

    #[test]
    fn whitespace_only_changes_are_ignored() {
        let d = diff("職員の 育成\nを行う。", "職員の育成を　行う。");
        assert!(!d.changed(), "{d:?}");
        let joined: String = d.new.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            joined, "職員の育成を　行う。",
            "the text itself is kept as written"
        );
    }

    #[test]
    fn identical_and_empty() {
        assert!(!diff("同じ", "同じ").changed());
        let d = diff("", "新しい項目");
        assert_eq!(marked(&d.new), ["新しい項目"]);
        assert!(d.old.is_empty());
    }
}
