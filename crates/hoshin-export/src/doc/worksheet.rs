//! Worksheets for a study session: the 能力 × 研修 × 採用 grid and the chain 職員像 → 能力 →
//! 取組 → 指標, printed blank for the room or filled from a draft to discuss.

use hoshin_model::templates::{Lists, Templates};
use hoshin_model::{wareki, CountKind, Draft};
use serde::Serialize;

use super::text::{md_escape, number};

/// Which sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetKind {
    /// 能力 × 研修 × 採用
    Grid,
    /// 職員像 → 能力 → 取組 → 指標
    Chain,
}

impl SheetKind {
    /// The sheet's title, as printed and in file names.
    pub fn title(self) -> &'static str {
        match self {
            SheetKind::Grid => "ワークシート1 能力と研修・採用の対応表",
            SheetKind::Chain => "ワークシート2 職員像から指標までのつながり",
        }
    }

    /// `grid` or `chain`, as the command line and the app name them.
    pub fn parse(s: &str) -> Option<SheetKind> {
        match s {
            "grid" => Some(SheetKind::Grid),
            "chain" => Some(SheetKind::Chain),
            _ => None,
        }
    }
}

#[derive(Serialize)]
pub struct WorksheetDoc {
    pub title: String,
    pub kind: String,
    /// 「あおば市の方針案から」 or empty for a blank sheet.
    pub source: String,
    pub blank: bool,
    pub instructions: Vec<String>,
    pub grid: Vec<GridRow>,
    pub chain: Vec<ChainRow>,
    pub cover_lines: Vec<String>,
}

#[derive(Serialize)]
pub struct GridRow {
    pub ability: String,
    pub layers: String,
    pub trainings: String,
    pub hirings: String,
    pub measures: String,
    pub memo: String,
}

#[derive(Serialize)]
pub struct ChainRow {
    pub persona: String,
    pub ability: String,
    pub works: String,
    pub indicators: String,
}

/// Room to write in a blank cell.
const BLANK: &str = "<br><br>";
const BLANK_ROWS: usize = 10;

fn join(v: Vec<String>) -> String {
    if v.is_empty() {
        "－".into()
    } else {
        v.join("<br>")
    }
}

pub fn build_worksheet(d: Option<&Draft>, t: &Templates, kind: SheetKind) -> WorksheetDoc {
    let l: &Lists = &t.lists;
    let (title, kind_name, instructions) = match kind {
        SheetKind::Grid => (
            kind.title(),
            "grid",
            vec![
                "求められる能力を1行に一つ書き、その能力を育てる研修、確保する採用、支える施策・制度を書き込む。".to_string(),
                "研修も採用もない能力、どの能力にも結び付かない研修には印を付け、後で話し合う。".to_string(),
            ],
        ),
        SheetKind::Chain => (
            kind.title(),
            "chain",
            vec![
                "目指す職員像ごとに、求められる能力、その能力を伸ばす取組（研修・採用・施策）、成果を測る指標を左から右へ書く。".to_string(),
                "指標には基準値と目標値、目標年度を書く。つながらない欄が見つかれば、そこが方針の見直しどころである。".to_string(),
            ],
        ),
    };
    let mut grid = Vec::new();
    let mut chain = Vec::new();
    match d {
        None => {
            for _ in 0..BLANK_ROWS {
                match kind {
                    SheetKind::Grid => grid.push(GridRow {
                        ability: BLANK.into(),
                        layers: String::new(),
                        trainings: String::new(),
                        hirings: String::new(),
                        measures: String::new(),
                        memo: String::new(),
                    }),
                    SheetKind::Chain => chain.push(ChainRow {
                        persona: BLANK.into(),
                        ability: String::new(),
                        works: String::new(),
                        indicators: String::new(),
                    }),
                }
            }
        }
        Some(d) => {
            let name = |id: &String| d.find(id).map(|(_, n)| md_escape(n));
            for a in &d.abilities {
                let trainings: Vec<String> = d
                    .trainings
                    .iter()
                    .filter(|x| x.abilities.contains(&a.id))
                    .map(|x| md_escape(&x.title))
                    .collect();
                let hirings: Vec<String> = d
                    .hirings
                    .iter()
                    .filter(|x| x.abilities.contains(&a.id) && x.count_kind == CountKind::Hire)
                    .map(|x| md_escape(&x.field))
                    .collect();
                let measures: Vec<String> = d
                    .measures
                    .iter()
                    .filter(|x| x.abilities.contains(&a.id))
                    .map(|x| md_escape(&x.title))
                    .collect();
                if kind == SheetKind::Grid {
                    let layers: Vec<&str> = a
                        .layers
                        .iter()
                        .map(|x| Lists::label(&l.layers, x))
                        .collect();
                    grid.push(GridRow {
                        ability: md_escape(&a.name),
                        layers: md_escape(&layers.join("、")),
                        memo: if trainings.is_empty() && hirings.is_empty() && measures.is_empty() {
                            "取組がない".into()
                        } else {
                            String::new()
                        },
                        trainings: join(trainings),
                        hirings: join(hirings),
                        measures: join(measures),
                    });
                } else {
                    // Goals that the ability serves, and the indicators that measure them.
                    let goals: Vec<&String> = d
                        .goals
                        .iter()
                        .filter(|g| g.abilities.contains(&a.id))
                        .map(|g| &g.id)
                        .collect();
                    let indicators: Vec<String> = d
                        .indicators
                        .iter()
                        .filter(|i| i.goals.iter().any(|g| goals.contains(&g)))
                        .map(|i| match (i.baseline, i.target, i.target_fy) {
                            (Some(b), Some(t), Some(fy)) => format!(
                                "{}（{}{u}→{}{u}、{}）",
                                md_escape(&i.name),
                                number(b),
                                number(t),
                                wareki::fy(fy),
                                u = md_escape(&i.unit)
                            ),
                            _ => md_escape(&i.name),
                        })
                        .collect();
                    let mut works: Vec<String> =
                        trainings.iter().map(|x| format!("研修「{x}」")).collect();
                    works.extend(hirings.iter().map(|x| format!("採用「{x}」")));
                    works.extend(measures.iter().map(|x| format!("施策「{x}」")));
                    let personas: Vec<String> = a.personas.iter().filter_map(name).collect();
                    chain.push(ChainRow {
                        persona: join(personas),
                        ability: md_escape(&a.name),
                        works: join(works),
                        indicators: join(indicators),
                    });
                }
            }
        }
    }
    let source = d
        .map(|d| format!("{}の方針案から", d.meta.municipality))
        .unwrap_or_default();
    WorksheetDoc {
        title: title.into(),
        kind: kind_name.into(),
        cover_lines: if source.is_empty() {
            vec!["記入用（白紙）".into()]
        } else {
            vec![source.clone()]
        },
        source: md_escape(&source),
        blank: d.is_none(),
        instructions,
        grid,
        chain,
    }
}

/// A cell's Markdown as plain text: line breaks for `<br>`, escapes removed.
fn plain(s: &str) -> String {
    let s = s.replace("<br>", "\n");
    let mut out = String::with_capacity(s.len());
    let mut esc = false;
    for c in s.chars() {
        if c == '\\' && !esc {
            esc = true;
            continue;
        }
        esc = false;
        out.push(c);
    }
    out.trim().to_string()
}

impl WorksheetDoc {
    /// The sheet as plain text for a spreadsheet: the column headings and the rows.
    pub fn plain_table(&self) -> (Vec<&'static str>, Vec<Vec<String>>) {
        if self.kind == "grid" {
            (
                vec![
                    "求められる能力",
                    "対象階層",
                    "育てる研修",
                    "確保する採用",
                    "施策・制度",
                    "メモ",
                ],
                self.grid
                    .iter()
                    .map(|r| {
                        [
                            &r.ability,
                            &r.layers,
                            &r.trainings,
                            &r.hirings,
                            &r.measures,
                            &r.memo,
                        ]
                        .iter()
                        .map(|c| plain(c))
                        .collect()
                    })
                    .collect(),
            )
        } else {
            (
                vec![
                    "目指す職員像",
                    "求められる能力",
                    "取組（研修・採用・施策）",
                    "指標（基準値→目標値）",
                ],
                self.chain
                    .iter()
                    .map(|r| {
                        [&r.persona, &r.ability, &r.works, &r.indicators]
                            .iter()
                            .map(|c| plain(c))
                            .collect()
                    })
                    .collect(),
            )
        }
    }
}
