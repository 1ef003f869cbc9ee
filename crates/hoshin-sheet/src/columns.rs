//! The sheets and their columns: for each column its heading, how an item's field is shown
//! in a cell, how a cell is read back into the field (with a Japanese message when it
//! cannot be), and the choices of its drop-down list.

use hoshin_model::templates::{ListEntry, Lists};
use hoshin_model::{wareki, CountKind, Direction, Draft, FyRange, Item, Kind, Pillar, YearCount};

/// A cell's value as read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum In {
    Empty,
    Text(String),
    Num(f64),
}

/// A cell's value as written.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Out {
    Text(String),
    Num(f64),
}

impl Out {
    /// As the dry run shows it.
    pub fn shown(&self) -> String {
        match self {
            Out::Text(s) => s.clone(),
            Out::Num(v) => number(*v),
        }
    }
}

pub(crate) fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

pub(crate) struct Ctx<'a> {
    pub d: &'a Draft,
    pub l: &'a Lists,
    pub period: FyRange,
    /// Item ids by kind and name, built once for reading linked items by name.
    pub names: std::collections::HashMap<(Kind, String), Vec<String>>,
}

impl<'a> Ctx<'a> {
    pub fn new(d: &'a Draft, l: &'a Lists) -> Ctx<'a> {
        let mut names: std::collections::HashMap<(Kind, String), Vec<String>> =
            std::collections::HashMap::new();
        for i in d.items() {
            let name = i.name().trim().to_string();
            if !name.is_empty() {
                names
                    .entry((i.kind(), name))
                    .or_default()
                    .push(i.id().to_string());
            }
        }
        Ctx {
            d,
            l,
            period: d.meta.period,
            names,
        }
    }
}

type Show = Box<dyn Fn(&Item, &Ctx) -> Out>;
type Set = Box<dyn Fn(&mut Item, &In, &Ctx) -> Result<(), String>>;

pub(crate) struct Col {
    pub head: String,
    /// Drop-down choices (labels); a cell may still hold several, 「、」-separated, where
    /// the field takes several.
    pub choices: Option<Vec<String>>,
    /// Several choices may be typed in one cell (the drop-down only warns).
    pub multi: bool,
    /// The column holds a number (right-aligned, number format).
    pub numeric: bool,
    pub show: Show,
    pub set: Set,
}

pub(crate) struct Sheet {
    pub name: &'static str,
    pub kind: Kind,
    pub cols: Vec<Col>,
}

impl Sheet {
    pub fn items(&self, d: &Draft) -> Vec<Item> {
        d.items()
            .into_iter()
            .filter(|i| i.kind() == self.kind)
            .collect()
    }
}

// ---- reading cells -----------------------------------------------------------------------

/// Full-width digits and signs to ASCII, thousands separators and surrounding blanks gone.
fn ascii_number(s: &str) -> String {
    s.trim()
        .chars()
        .filter(|c| *c != ',' && *c != '，')
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            '－' | '−' | 'ー' => '-',
            _ => c,
        })
        .collect()
}

fn text_of(v: &In) -> String {
    match v {
        In::Empty => String::new(),
        In::Text(s) => s.trim().to_string(),
        In::Num(n) => number(*n),
    }
}

fn num_of(v: &In) -> Result<Option<f64>, String> {
    match v {
        In::Empty => Ok(None),
        In::Num(n) if n.is_finite() => Ok(Some(*n)),
        In::Num(_) => Err("数値として読めません".into()),
        In::Text(s) if s.trim().is_empty() => Ok(None),
        In::Text(s) => ascii_number(s)
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .map(Some)
            .ok_or_else(|| {
                format!(
                    "「{}」は数値として読めません。数字だけを入力してください",
                    s.trim()
                )
            }),
    }
}

fn count_of(v: &In) -> Result<Option<u32>, String> {
    match num_of(v)? {
        None => Ok(None),
        Some(n) if n >= 0.0 && n.fract() == 0.0 && n <= u32::MAX as f64 => Ok(Some(n as u32)),
        Some(n) => Err(format!(
            "{}は使えません。0以上の整数を入力してください",
            number(n)
        )),
    }
}

const MARKS: [&str; 10] = ["○", "〇", "◯", "●", "◎", "1", "x", "X", "✓", "レ"];

fn mark_of(v: &In) -> Result<bool, String> {
    match v {
        In::Empty => Ok(false),
        In::Num(n) if *n == 0.0 => Ok(false),
        In::Num(n) if *n == 1.0 => Ok(true),
        In::Text(s) if s.trim().is_empty() => Ok(false),
        In::Text(s) if MARKS.contains(&s.trim()) => Ok(true),
        other => Err(format!(
            "「{}」は印として読めません。実施する年度には ○ を入れ、しない年度は空欄にしてください",
            text_of(other)
        )),
    }
}

/// A fiscal year typed as 2025, 「2025年度」, 「令和7年度」, 「令和7」 or 「R7」.
pub(crate) fn year_of(v: &In) -> Result<Option<i32>, String> {
    let s = match v {
        In::Empty => return Ok(None),
        In::Num(n) if n.fract() == 0.0 => return check_year(*n as i64).map(Some),
        In::Num(n) => return Err(format!("{}は年度として読めません", number(*n))),
        In::Text(s) => ascii_number(s),
    };
    let s = s.trim().trim_end_matches("年度").trim_end_matches('年');
    if s.is_empty() {
        return Ok(None);
    }
    if let Ok(n) = s.parse::<i64>() {
        return check_year(n).map(Some);
    }
    let eras = [
        ("令和", 2018),
        ("R", 2018),
        ("r", 2018),
        ("平成", 1988),
        ("H", 1988),
        ("h", 1988),
    ];
    for (name, base) in eras {
        if let Some(rest) = s.strip_prefix(name) {
            let rest = rest.trim();
            let n = if rest == "元" {
                Some(1)
            } else {
                rest.parse::<i64>().ok()
            };
            if let Some(n) = n.filter(|n| *n >= 1) {
                return check_year(base + n).map(Some);
            }
        }
    }
    Err(format!(
        "「{}」は年度として読めません。2027 や 令和9年度 のように入力してください",
        text_of(v)
    ))
}

fn check_year(n: i64) -> Result<i32, String> {
    if (1989..=2100).contains(&n) {
        Ok(n as i32)
    } else {
        Err(format!(
            "{n}年度は範囲外です。1989～2100 の西暦か、令和の年度で入力してください"
        ))
    }
}

fn split_names(s: &str) -> Vec<String> {
    s.split(['、', ',', '，', '\n', ';', '；'])
        .map(|x| x.trim().to_string())
        .filter(|x| !x.is_empty())
        .collect()
}

fn choice_of(list: &[ListEntry], v: &In, what: &str) -> Result<String, String> {
    let t = text_of(v);
    if t.is_empty() {
        return Ok(String::new());
    }
    list.iter()
        .find(|e| e.label == t || e.id == t)
        .map(|e| e.id.clone())
        .ok_or_else(|| {
            let labels: Vec<&str> = list.iter().map(|e| e.label.as_str()).collect();
            format!(
                "「{t}」は{what}の一覧にありません（選べるのは: {}）",
                labels.join("、")
            )
        })
}

fn choices_of(list: &[ListEntry], v: &In, what: &str) -> Result<Vec<String>, String> {
    split_names(&text_of(v))
        .into_iter()
        .map(|n| choice_of(list, &In::Text(n), what))
        .collect()
}

const SEPARATORS: [char; 7] = ['、', ',', '，', '\n', ';', '；', '\r'];

/// Linked items typed by name, one per line or 「、」-separated. Names may themselves hold a
/// 「、」, so at each piece the longest run of pieces that is a known name wins; each name
/// must be exactly one item of the allowed kinds. Names are looked up in [`Ctx::names`], so a
/// cell costs a few lookups however large the draft.
fn links_of(c: &Ctx, kinds: &[Kind], v: &In) -> Result<Vec<String>, String> {
    /// A name with 「、」 inside spans at most this many pieces.
    const MAX_PIECES: usize = 6;
    let text = text_of(v);
    let what: Vec<&str> = kinds.iter().map(|k| k.label()).collect();
    // The pieces between separators, as byte ranges of `text`.
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (at, ch) in text
        .char_indices()
        .chain(std::iter::once((text.len(), '\n')))
    {
        let sep = SEPARATORS.contains(&ch);
        match (start, sep) {
            (None, false) => start = Some(at),
            (Some(st), true) => {
                pieces.push((st, at));
                start = None;
            }
            _ => {}
        }
    }
    let pieces: Vec<(usize, usize)> = pieces
        .into_iter()
        .filter(|(a, b)| !text[*a..*b].trim().is_empty())
        .collect();
    let lookup = |name: &str| -> Option<&Vec<String>> {
        kinds
            .iter()
            .find_map(|k| c.names.get(&(*k, name.to_string())))
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        let longest = (i + 1..=(i + MAX_PIECES).min(pieces.len()))
            .rev()
            .find_map(|j| {
                let name = text[pieces[i].0..pieces[j - 1].1].trim();
                lookup(name).map(|ids| (j, name.to_string(), ids))
            });
        match longest {
            Some((_, name, ids)) if ids.len() > 1 => {
                return Err(format!(
                    "「{name}」という名前の{}が二つ以上あります。Hoshin で名前を分けてから取り込んでください",
                    what.join("・")
                ))
            }
            Some((j, _, ids)) => {
                if !out.contains(&ids[0]) {
                    out.push(ids[0].clone());
                }
                i = j;
            }
            None => {
                return Err(format!(
                    "「{}」という名前の{}はありません。Hoshin にある名前で書いてください（複数は改行か「、」で区切ります）",
                    text[pieces[i].0..pieces[i].1].trim(),
                    what.join("・")
                ))
            }
        }
    }
    Ok(out)
}

/// Linked items by name, one per line (names may hold a 「、」).
fn names_of(d: &Draft, ids: &[String]) -> Out {
    let v: Vec<&str> = ids
        .iter()
        .filter_map(|id| d.find(id).map(|(_, n)| n))
        .collect();
    Out::Text(v.join("\n"))
}

fn labels(list: &[ListEntry]) -> Vec<String> {
    list.iter().map(|e| e.label.clone()).collect()
}

fn opt_num(v: Option<f64>) -> Out {
    v.map(Out::Num).unwrap_or(Out::Text(String::new()))
}

// ---- the columns ---------------------------------------------------------------------------

macro_rules! as_kind {
    ($item:expr, $variant:ident) => {
        match $item {
            Item::$variant(x) => x,
            _ => unreachable!("a {} sheet holds only its own kind", stringify!($variant)),
        }
    };
}

fn col(head: &str, show: Show, set: Set) -> Col {
    Col {
        head: head.to_string(),
        choices: None,
        multi: false,
        numeric: false,
        show,
        set,
    }
}

impl Col {
    fn choices(mut self, c: Vec<String>, multi: bool) -> Col {
        self.choices = Some(c);
        self.multi = multi;
        self
    }
    fn numeric(mut self) -> Col {
        self.numeric = true;
        self
    }
}

/// The name column: required on new rows (a row without a name and an ID is skipped).
macro_rules! text_col {
    ($head:expr, $variant:ident, $field:ident) => {
        col(
            $head,
            Box::new(|i, _| Out::Text(as_kind!(i, $variant).$field.clone())),
            Box::new(|i, v, _| {
                as_kind!(i, $variant).$field = text_of(v);
                Ok(())
            }),
        )
    };
}

macro_rules! links_col {
    ($head:expr, $variant:ident, $field:ident, $kinds:expr) => {
        col(
            $head,
            Box::new(|i, c| names_of(c.d, &as_kind!(i, $variant).$field)),
            Box::new(|i, v, c| {
                as_kind!(i, $variant).$field = links_of(c, $kinds, v)?;
                Ok(())
            }),
        )
    };
}

/// One ○ column per plan year for a `years: Vec<i32>` field.
macro_rules! year_marks {
    ($cols:expr, $c:expr, $variant:ident) => {
        for fy in $c.period.from..=$c.period.to {
            $cols.push(
                col(
                    &wareki::fy_short(fy),
                    Box::new(move |i, _| {
                        Out::Text(if as_kind!(i, $variant).years.contains(&fy) {
                            "○".into()
                        } else {
                            String::new()
                        })
                    }),
                    Box::new(move |i, v, _| {
                        let x = as_kind!(i, $variant);
                        let held = mark_of(v)?;
                        x.years.retain(|y| *y != fy);
                        if held {
                            x.years.push(fy);
                            x.years.sort();
                        }
                        Ok(())
                    }),
                )
                .choices(vec!["○".into()], false),
            );
        }
    };
}

pub(crate) fn sheets(c: &Ctx) -> Vec<Sheet> {
    vec![trainings(c), hirings(c), measures(c), indicators(c)]
}

fn trainings(c: &Ctx) -> Sheet {
    let mut cols = vec![
        text_col!("研修名", Training, title),
        col(
            "形式",
            Box::new(|i, c| {
                Out::Text(
                    Lists::label(&c.l.training_formats, &as_kind!(i, Training).format).to_string(),
                )
            }),
            Box::new(|i, v, c| {
                as_kind!(i, Training).format = choice_of(&c.l.training_formats, v, "形式")?;
                Ok(())
            }),
        )
        .choices(labels(&c.l.training_formats), false),
        col(
            "実施主体",
            Box::new(|i, c| {
                Out::Text(
                    Lists::label(&c.l.training_providers, &as_kind!(i, Training).provider)
                        .to_string(),
                )
            }),
            Box::new(|i, v, c| {
                as_kind!(i, Training).provider = choice_of(&c.l.training_providers, v, "実施主体")?;
                Ok(())
            }),
        )
        .choices(labels(&c.l.training_providers), false),
        col(
            "対象階層",
            Box::new(|i, c| {
                let v: Vec<&str> = as_kind!(i, Training)
                    .layers
                    .iter()
                    .map(|x| Lists::label(&c.l.layers, x))
                    .collect();
                Out::Text(v.join("、"))
            }),
            Box::new(|i, v, c| {
                as_kind!(i, Training).layers = choices_of(&c.l.layers, v, "対象階層")?;
                Ok(())
            }),
        )
        .choices(labels(&c.l.layers), true),
    ];
    year_marks!(cols, c, Training);
    cols.extend([
        col(
            "定員（人/年）",
            Box::new(|i, _| opt_num(as_kind!(i, Training).participants.map(f64::from))),
            Box::new(|i, v, _| {
                as_kind!(i, Training).participants = count_of(v)?;
                Ok(())
            }),
        )
        .numeric(),
        col(
            "日数",
            Box::new(|i, _| opt_num(as_kind!(i, Training).days)),
            Box::new(|i, v, _| {
                as_kind!(i, Training).days = num_of(v)?;
                Ok(())
            }),
        )
        .numeric(),
        col(
            "時間",
            Box::new(|i, _| opt_num(as_kind!(i, Training).hours)),
            Box::new(|i, v, _| {
                as_kind!(i, Training).hours = num_of(v)?;
                Ok(())
            }),
        )
        .numeric(),
        col(
            "回数（回/年）",
            Box::new(|i, _| opt_num(as_kind!(i, Training).runs.map(f64::from))),
            Box::new(|i, v, _| {
                as_kind!(i, Training).runs = count_of(v)?;
                Ok(())
            }),
        )
        .numeric(),
        col(
            "予算（千円）",
            Box::new(|i, _| opt_num(as_kind!(i, Training).budget.map(|b| b as f64))),
            Box::new(|i, v, _| {
                as_kind!(i, Training).budget = count_of(v)?.map(u64::from);
                Ok(())
            }),
        )
        .numeric(),
        col(
            "共同実施",
            Box::new(|i, _| {
                Out::Text(if as_kind!(i, Training).joint {
                    "○".into()
                } else {
                    String::new()
                })
            }),
            Box::new(|i, v, _| {
                as_kind!(i, Training).joint = mark_of(v)?;
                Ok(())
            }),
        )
        .choices(vec!["○".into()], false),
        links_col!("育てる能力", Training, abilities, &[Kind::Ability]),
        links_col!("目標", Training, goals, &[Kind::Goal]),
        text_col!("説明", Training, description),
    ]);
    Sheet {
        name: "研修計画",
        kind: Kind::Training,
        cols,
    }
}

fn hirings(c: &Ctx) -> Sheet {
    let mut cols = vec![
        text_col!("職種・分野", Hiring, field),
        col(
            "採用区分",
            Box::new(|i, c| {
                Out::Text(Lists::label(&c.l.hiring_routes, &as_kind!(i, Hiring).route).to_string())
            }),
            Box::new(|i, v, c| {
                as_kind!(i, Hiring).route = choice_of(&c.l.hiring_routes, v, "採用区分")?;
                Ok(())
            }),
        )
        .choices(labels(&c.l.hiring_routes), false),
        col(
            "数の種類",
            Box::new(|i, _| Out::Text(as_kind!(i, Hiring).count_kind.label().to_string())),
            Box::new(|i, v, _| {
                let t = text_of(v);
                as_kind!(i, Hiring).count_kind = if t.is_empty() {
                    CountKind::Hire
                } else {
                    CountKind::ALL
                        .into_iter()
                        .find(|k| k.label() == t || k.id() == t)
                        .ok_or_else(|| {
                            let l: Vec<&str> = CountKind::ALL.iter().map(|k| k.label()).collect();
                            format!(
                                "「{t}」は数の種類にありません（選べるのは: {}）",
                                l.join("、")
                            )
                        })?
                };
                Ok(())
            }),
        )
        .choices(
            CountKind::ALL
                .iter()
                .map(|k| k.label().to_string())
                .collect(),
            false,
        ),
        col(
            "職種区分",
            Box::new(|i, c| {
                Out::Text(
                    Lists::label(&c.l.job_categories, &as_kind!(i, Hiring).job_category)
                        .to_string(),
                )
            }),
            Box::new(|i, v, c| {
                as_kind!(i, Hiring).job_category = choice_of(&c.l.job_categories, v, "職種区分")?;
                Ok(())
            }),
        )
        .choices(labels(&c.l.job_categories), false),
        col(
            "デジタル人材の類型",
            Box::new(|i, c| {
                Out::Text(
                    as_kind!(i, Hiring)
                        .digital_type
                        .as_deref()
                        .map(|x| Lists::label(&c.l.digital_types, x).to_string())
                        .unwrap_or_default(),
                )
            }),
            Box::new(|i, v, c| {
                let id = choice_of(&c.l.digital_types, v, "デジタル人材の類型")?;
                as_kind!(i, Hiring).digital_type = (!id.is_empty()).then_some(id);
                Ok(())
            }),
        )
        .choices(labels(&c.l.digital_types), false),
    ];
    for fy in c.period.from..=c.period.to {
        cols.push(
            col(
                &format!("{}（人）", wareki::fy_short(fy)),
                Box::new(move |i, _| {
                    opt_num(
                        as_kind!(i, Hiring)
                            .headcount
                            .iter()
                            .find(|y| y.fy == fy)
                            .map(|y| f64::from(y.count)),
                    )
                }),
                Box::new(move |i, v, _| {
                    let h = as_kind!(i, Hiring);
                    let n = count_of(v)?;
                    h.headcount.retain(|y| y.fy != fy);
                    if let Some(count) = n.filter(|n| *n > 0) {
                        h.headcount.push(YearCount { fy, count });
                        h.headcount.sort_by_key(|y| y.fy);
                    }
                    Ok(())
                }),
            )
            .numeric(),
        );
    }
    cols.extend([
        links_col!("確保する能力", Hiring, abilities, &[Kind::Ability]),
        links_col!("目標", Hiring, goals, &[Kind::Goal]),
        text_col!("説明", Hiring, description),
    ]);
    Sheet {
        name: "採用計画",
        kind: Kind::Hiring,
        cols,
    }
}

fn measures(c: &Ctx) -> Sheet {
    let mut cols = vec![
        text_col!("施策・制度", Measure, title),
        col(
            "柱",
            Box::new(|i, _| Out::Text(as_kind!(i, Measure).pillar.label().to_string())),
            Box::new(|i, v, _| {
                let t = text_of(v);
                as_kind!(i, Measure).pillar = Pillar::ALL
                    .into_iter()
                    .find(|p| p.label() == t || p.id() == t)
                    .ok_or_else(|| {
                        let l: Vec<&str> = Pillar::ALL.iter().map(|p| p.label()).collect();
                        format!(
                            "「{t}」は柱の一覧にありません（選べるのは: {}）",
                            l.join("、")
                        )
                    })?;
                Ok(())
            }),
        )
        .choices(
            Pillar::ALL.iter().map(|p| p.label().to_string()).collect(),
            false,
        ),
        text_col!("担当課", Measure, owner),
    ];
    year_marks!(cols, c, Measure);
    cols.extend([
        col(
            "予算（千円）",
            Box::new(|i, _| opt_num(as_kind!(i, Measure).budget.map(|b| b as f64))),
            Box::new(|i, v, _| {
                as_kind!(i, Measure).budget = count_of(v)?.map(u64::from);
                Ok(())
            }),
        )
        .numeric(),
        links_col!("目標", Measure, goals, &[Kind::Goal]),
        links_col!("能力", Measure, abilities, &[Kind::Ability]),
        text_col!("説明", Measure, description),
    ]);
    Sheet {
        name: "施策・制度",
        kind: Kind::Measure,
        cols,
    }
}

fn indicators(_c: &Ctx) -> Sheet {
    let cols = vec![
        text_col!("指標", Indicator, name),
        text_col!("単位", Indicator, unit),
        col(
            "向き",
            Box::new(|i, _| {
                Out::Text(match as_kind!(i, Indicator).direction {
                    Direction::Increase => "増加".into(),
                    Direction::Decrease => "減少".into(),
                })
            }),
            Box::new(|i, v, _| {
                as_kind!(i, Indicator).direction = match text_of(v).as_str() {
                    "増加" | "increase" | "" => Direction::Increase,
                    "減少" | "decrease" => Direction::Decrease,
                    t => return Err(format!("「{t}」は向きとして読めません（増加 か 減少）")),
                };
                Ok(())
            }),
        )
        .choices(vec!["増加".into(), "減少".into()], false),
        col(
            "基準値",
            Box::new(|i, _| opt_num(as_kind!(i, Indicator).baseline)),
            Box::new(|i, v, _| {
                as_kind!(i, Indicator).baseline = num_of(v)?;
                Ok(())
            }),
        )
        .numeric(),
        col(
            "基準年度（西暦）",
            Box::new(|i, _| opt_num(as_kind!(i, Indicator).baseline_fy.map(f64::from))),
            Box::new(|i, v, _| {
                as_kind!(i, Indicator).baseline_fy = year_of(v)?;
                Ok(())
            }),
        )
        .numeric(),
        col(
            "目標値",
            Box::new(|i, _| opt_num(as_kind!(i, Indicator).target)),
            Box::new(|i, v, _| {
                as_kind!(i, Indicator).target = num_of(v)?;
                Ok(())
            }),
        )
        .numeric(),
        col(
            "目標年度（西暦）",
            Box::new(|i, _| opt_num(as_kind!(i, Indicator).target_fy.map(f64::from))),
            Box::new(|i, v, c| {
                let fy = year_of(v)?;
                if let Some(y) = fy {
                    if !(c.period.from..=c.period.to).contains(&y) {
                        return Err(format!(
                            "{}は計画期間（{}）の外です。期間の中の年度にしてください",
                            wareki::fy_with_western(y),
                            wareki::fy_range(c.period.from, c.period.to)
                        ));
                    }
                }
                as_kind!(i, Indicator).target_fy = fy;
                Ok(())
            }),
        )
        .numeric(),
        text_col!("出典", Indicator, source),
        text_col!("担当課", Indicator, owner),
        links_col!("目標", Indicator, goals, &[Kind::Goal]),
    ];
    Sheet {
        name: "指標",
        kind: Kind::Indicator,
        cols,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_read_in_western_and_japanese_forms() {
        for (v, want) in [
            (In::Num(2027.0), 2027),
            (In::Text("２０２７".into()), 2027),
            (In::Text("2027年度".into()), 2027),
            (In::Text("令和9年度".into()), 2027),
            (In::Text("R9".into()), 2027),
            (In::Text("令和元年度".into()), 2019),
            (In::Text("平成30年度".into()), 2018),
        ] {
            assert_eq!(year_of(&v), Ok(Some(want)), "{v:?}");
        }
        assert_eq!(year_of(&In::Empty), Ok(None));
        assert!(year_of(&In::Text("来年".into())).is_err());
        assert!(year_of(&In::Num(1850.0)).is_err());
        assert!(year_of(&In::Num(2027.5)).is_err());
    }

    #[test]
    fn linked_names_may_hold_the_separator_and_must_name_one_item() {
        let d = hoshin_model::templates::sample("city-300000").unwrap();
        let l = hoshin_model::templates::Templates::builtin().lists;
        let c = Ctx::new(&d, &l);
        let goals: Vec<&hoshin_model::Goal> = d
            .goals
            .iter()
            .filter(|g| g.title.contains('、'))
            .take(2)
            .collect();
        assert_eq!(
            goals.len(),
            2,
            "the city's goals have 「、」 in their titles"
        );
        // Two goals, one per line, and the same two 「、」-separated.
        for sep in ["\n", "、"] {
            let cell = In::Text(format!("{}{sep}{}", goals[0].title, goals[1].title));
            assert_eq!(
                links_of(&c, &[Kind::Goal], &cell),
                Ok(vec![goals[0].id.clone(), goals[1].id.clone()]),
                "{sep:?}"
            );
        }
        let e = links_of(
            &c,
            &[Kind::Goal],
            &In::Text(format!("{}、架空の目標", goals[0].title)),
        )
        .unwrap_err();
        assert!(e.contains("架空の目標"), "{e}");
        assert_eq!(links_of(&c, &[Kind::Goal], &In::Empty), Ok(vec![]));
        // Two abilities with one name cannot be told apart.
        let mut d2 = d.clone();
        let mut twin = d2.abilities[0].clone();
        twin.id = "ab-twin".into();
        d2.abilities.push(twin);
        let c2 = Ctx::new(&d2, &l);
        let e = links_of(
            &c2,
            &[Kind::Ability],
            &In::Text(d2.abilities[0].name.clone()),
        )
        .unwrap_err();
        assert!(e.contains("二つ以上"), "{e}");
    }

    #[test]
    fn numbers_and_marks_as_people_type_them() {
        assert_eq!(num_of(&In::Text("１，２００".into())), Ok(Some(1200.0)));
        assert_eq!(count_of(&In::Num(30.0)), Ok(Some(30)));
        assert!(count_of(&In::Num(2.5)).is_err());
        assert!(count_of(&In::Num(-1.0)).is_err());
        let e = num_of(&In::Text("三十".into())).unwrap_err();
        assert!(e.contains("三十"), "{e}");
        assert_eq!(mark_of(&In::Text("○".into())), Ok(true));
        assert_eq!(mark_of(&In::Empty), Ok(false));
        assert!(mark_of(&In::Text("予定".into())).is_err());
    }
}
