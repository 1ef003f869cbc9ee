//! 実績 typed on the command line (`ID=VALUE`) or read from a CSV file (`id,value[,note]`,
//! as Excel saves it: UTF-8 with or without BOM, or Shift_JIS). What VALUE means follows the
//! item: an indicator's 実績値, a training's 受講者数, a 施策・制度's status (未着手, 実施中,
//! 完了, 見直し). Every line is read before anything is stored; the first problems come back
//! together, each naming its line.

use hoshin_model::{Draft, Kind, MeasureState, YearResult};

use crate::error::{Error, Result};

/// One `id`/`value`/`note` as typed, with where it came from (「3行目」, 「--set 2」).
#[derive(Debug, Clone)]
pub struct RawResult {
    pub place: String,
    pub id: String,
    pub value: String,
    pub note: String,
}

/// `INDICATOR_ID=VALUE` pairs from the command line.
pub fn from_pairs(pairs: &[String]) -> Result<Vec<RawResult>> {
    pairs
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let (id, value) = p.split_once('=').ok_or_else(|| {
                Error::invalid(format!("{}番目の --set「{p}」に「=」がありません", i + 1))
                    .with_hint("ID=値 の形で書いてください（例: --set in-overtime=152）")
            })?;
            Ok(RawResult {
                place: format!("{}番目の --set", i + 1),
                id: id.trim().to_string(),
                value: value.trim().to_string(),
                note: String::new(),
            })
        })
        .collect()
}

/// Split one CSV line (quotes as Excel writes them: "a,b" and "" inside quotes).
fn csv_fields(line: &str) -> std::result::Result<Vec<String>, &'static str> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = line.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => cur.push(c),
            (false, '"') if cur.trim().is_empty() => {
                cur.clear();
                quoted = true
            }
            (false, ',') => out.push(std::mem::take(&mut cur)),
            (false, c) => cur.push(c),
        }
    }
    if quoted {
        return Err("引用符（\"）が閉じていません");
    }
    out.push(cur);
    Ok(out)
}

/// The rows of a results CSV: `id,value[,note]`, an optional header line, blank lines skipped.
pub fn from_csv(text: &str) -> Result<Vec<RawResult>> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let place = format!("{}行目", n + 1);
        if line.trim().is_empty() {
            continue;
        }
        let fields = match csv_fields(line) {
            Ok(f) => f,
            Err(why) => {
                problems.push(format!("{place}: {why}"));
                continue;
            }
        };
        let id = fields[0].trim().trim_start_matches('\u{feff}').to_string();
        if n == 0 && id.eq_ignore_ascii_case("id") {
            continue; // the header
        }
        if fields.len() < 2 || fields.len() > 3 {
            problems.push(format!(
                "{place}: 列が{}個あります。「ID,値」か「ID,値,備考」の2～3列にしてください",
                fields.len()
            ));
            continue;
        }
        out.push(RawResult {
            place,
            id,
            value: fields[1].trim().to_string(),
            note: fields
                .get(2)
                .map(|s| s.trim().to_string())
                .unwrap_or_default(),
        });
    }
    if !problems.is_empty() {
        return Err(many(problems));
    }
    Ok(out)
}

fn many(problems: Vec<String>) -> Error {
    let n = problems.len();
    let mut msg = format!("実績を読み込めませんでした（問題 {n} 件）。何も保存していません。");
    for p in problems.iter().take(20) {
        msg.push_str("\n  ");
        msg.push_str(p);
    }
    if n > 20 {
        msg.push_str(&format!("\n  ほか {} 件", n - 20));
    }
    Error::invalid(msg).with_hint("直してから、もう一度読み込んでください")
}

/// Turn typed rows into results for `fy`, keeping what is already recorded for the same item
/// and year (a date or owner set earlier stays). Every problem is reported at once.
pub fn to_results(d: &Draft, fy: i32, rows: &[RawResult]) -> Result<Vec<YearResult>> {
    let mut problems = Vec::new();
    let p = d.meta.period;
    if !p.contains(fy) {
        return Err(Error::invalid(format!(
            "{}（{fy}年度）は計画期間（{}）の外です",
            hoshin_model::wareki::fy(fy),
            hoshin_model::wareki::fy_range(p.from, p.to)
        ))
        .with_hint("--fy に計画期間の年度を西暦で指定してください"));
    }
    let mut out: Vec<YearResult> = Vec::new();
    for r in rows {
        let Some((kind, name)) = d.find(&r.id) else {
            problems.push(format!(
                "{}: ID「{}」の指標、研修、施策・制度はこの下書きにありません",
                r.place, r.id
            ));
            continue;
        };
        let mut res = d
            .results
            .iter()
            .find(|x| x.item == r.id && x.fy == fy)
            .cloned()
            .unwrap_or_else(|| YearResult::new(&r.id, fy));
        let number = || -> Option<f64> {
            let s: String = r
                .value
                .chars()
                .map(|c| match c {
                    '０'..='９' => {
                        char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c)
                    }
                    '．' => '.',
                    '－' | 'ー' | '−' => '-',
                    c => c,
                })
                .filter(|c| *c != ',' && *c != '，')
                .collect();
            s.trim().parse::<f64>().ok().filter(|v| v.is_finite())
        };
        match kind {
            Kind::Indicator => match number() {
                Some(v) => res.value = Some(v),
                None => problems.push(format!(
                    "{}: 指標「{name}」の実績値「{}」は数値ではありません（例: 42.5）",
                    r.place, r.value
                )),
            },
            Kind::Training => match number().filter(|v| *v >= 0.0 && v.fract() == 0.0 && *v <= u32::MAX as f64) {
                Some(v) => res.participants = Some(v as u32),
                None => problems.push(format!(
                    "{}: 研修「{name}」の受講者数「{}」は0以上の整数で書いてください",
                    r.place, r.value
                )),
            },
            Kind::Measure => match MeasureState::parse(&r.value) {
                Some(s) => res.status = Some(s),
                None => problems.push(format!(
                    "{}: 施策・制度「{name}」の状態「{}」は、未着手、実施中、完了、見直しのどれかにしてください",
                    r.place, r.value
                )),
            },
            other => problems.push(format!(
                "{}: 「{}」は{}です。実績を記録できるのは指標、研修、施策・制度です",
                r.place,
                r.id,
                other.label()
            )),
        }
        if !r.note.is_empty() {
            res.note = r.note.clone();
        }
        if let Some(i) = out.iter().position(|x| x.item == res.item) {
            problems.push(format!(
                "{}: ID「{}」が二度出てきます（一つにしてください）",
                r.place, r.id
            ));
            out[i] = res;
        } else {
            out.push(res);
        }
    }
    if !problems.is_empty() {
        return Err(many(problems));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn town() -> Draft {
        hoshin_model::templates::sample("town-8000").unwrap()
    }

    #[test]
    fn reads_excel_csv_with_header_quotes_and_full_width_digits() {
        let rows = from_csv("id,value,note\nin-overtime,\"1,52\",\"会議の見直し, 効果あり\"\n\nin-growth,６２．５\n").unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].place, "2行目");
        assert_eq!(rows[0].note, "会議の見直し, 効果あり");
        let d = town();
        let fy = d.meta.period.from;
        let r = to_results(&d, fy, &rows).unwrap();
        assert_eq!(r[0].value, Some(152.0));
        assert_eq!(r[1].value, Some(62.5));
    }

    #[test]
    fn every_bad_line_is_named_and_nothing_comes_back() {
        let d = town();
        let fy = d.meta.period.from;
        let ms = d.measures[0].id.clone();
        let tr = d.trainings[0].id.clone();
        let text = format!("in-overtime,たくさん\nin-nowhere,3\n{tr},12.5\n{ms},やった\nps-1,1\n\"unclosed,1\nin-growth,1,2,3\n");
        let err = from_csv(&text).unwrap_err();
        assert!(
            err.message.contains("6行目") && err.message.contains("7行目"),
            "{}",
            err.message
        );
        let text: String = text.lines().take(5).map(|l| format!("{l}\n")).collect();
        let err = to_results(&d, fy, &from_csv(&text).unwrap()).unwrap_err();
        for what in [
            "1行目",
            "2行目",
            "3行目",
            "4行目",
            "5行目",
            "何も保存していません",
        ] {
            assert!(err.message.contains(what), "{what}: {}", err.message);
        }
        assert_eq!(err.code, crate::ErrorCode::InputInvalid);
    }

    #[test]
    fn a_year_outside_the_plan_is_refused() {
        let d = town();
        let rows = from_pairs(&["in-overtime=150".into()]).unwrap();
        let err = to_results(&d, d.meta.period.to + 1, &rows).unwrap_err();
        assert!(err.message.contains("計画期間"), "{}", err.message);
        assert!(from_pairs(&["in-overtime".into()]).is_err());
    }

    #[test]
    fn statuses_and_participants_go_where_they_belong() {
        let d = town();
        let fy = d.meta.period.from;
        let rows = from_pairs(&[
            format!("{}=実施中", d.measures[0].id),
            format!("{}=24", d.trainings[0].id),
        ])
        .unwrap();
        let r = to_results(&d, fy, &rows).unwrap();
        assert_eq!(r[0].status, Some(MeasureState::InProgress));
        assert_eq!(r[1].participants, Some(24));
        assert_eq!(r[1].value, None);
    }
}
