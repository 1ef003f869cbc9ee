//! 年次点検報告: what a 人事課 reads in the yearly review, as Markdown and as a PDF checked
//! with real tools (qpdf, pdffonts, pdftotext, pdfinfo).

use std::process::Command;

use hoshin_export::*;
use hoshin_model::progress::indicator_progress;
use hoshin_model::templates::{self, Templates};
use hoshin_model::{wareki, Draft, Progress};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

fn opts() -> ExportOptions {
    ExportOptions {
        appendix: false,
        date: Some((2029, 6, 30)),
    }
}

fn review_md(d: &Draft, fy: i32) -> String {
    let t = Templates::builtin();
    let out = export_review(
        d,
        &t,
        &MarkdownTemplates::builtin(),
        &MarkdownRenderer,
        fy,
        &opts(),
    )
    .unwrap();
    String::from_utf8(out.bytes).unwrap()
}

fn headings(md: &str) -> Vec<(u8, String)> {
    let mut out = Vec::new();
    let mut cur: Option<(u8, String)> = None;
    for ev in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match ev {
            Event::Start(Tag::Heading { level, .. }) => {
                let l = match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    _ => 4,
                };
                cur = Some((l, String::new()));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, s)) = cur.as_mut() {
                    s.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => out.extend(cur.take()),
            _ => {}
        }
    }
    out
}

fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\\')
        .collect()
}

fn tool(cmd: &str, args: &[&str]) -> String {
    let o = Command::new(cmd).args(args).output().unwrap_or_else(|e| {
        panic!("{cmd} is needed for this test (apt install poppler-utils qpdf): {e}")
    });
    assert!(
        o.status.success(),
        "{cmd} {args:?} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The table row of a Markdown text whose first cells are `cells`.
fn row<'a>(md: &'a str, cells: &[&str]) -> Option<&'a str> {
    let want = format!("| {} |", cells.join(" | "));
    md.lines().find(|l| l.starts_with(&want))
}

#[test]
fn the_city_review_reports_each_goal_indicator_training_and_category() {
    let d = templates::sample("city-300000").unwrap();
    let t = Templates::builtin();
    let fy = 2028;
    let md = review_md(&d, fy);
    // The heading tree is the one the document promises, in order.
    let report = hoshin_check::check(&d, &t);
    let doc = build_review(&d, &t, &report, fy, &opts());
    let want: Vec<(u8, String)> = review_headings(&doc, false)
        .into_iter()
        .map(|(l, s)| (l, s.replace('\\', "")))
        .collect();
    assert_eq!(headings(&md), want);
    assert!(md.starts_with("# 令和10年度 年次点検報告"), "{md}");
    assert!(md.contains("| 点検の対象 | 2028(令和10)年度（計画期間4年のうち2年目） |"));

    // Every indicator: its R9 and R10 results and the status the progress rule gives.
    let progress = indicator_progress(&d, &t);
    assert!(progress.len() >= 10);
    let mut seen_behind = false;
    for (i, p) in progress.iter().enumerate() {
        let r10 = p.years.iter().find(|y| y.fy == fy).unwrap();
        let status = r10.progress.map(Progress::label).unwrap_or("実績なし");
        seen_behind |= r10.progress == Some(Progress::Behind);
        let line = row(&md, &[&(i + 1).to_string()]).unwrap_or_else(|| panic!("row {i}"));
        assert!(squash(line).contains(&squash(&p.name)), "{line}");
        assert!(
            line.trim_end().ends_with(&format!("| {status} |")),
            "{line}"
        );
        for y in p.years.iter().filter(|y| y.fy <= fy) {
            let a = y.actual.unwrap();
            let shown = format!("{}{}", a, p.unit);
            assert!(line.contains(&shown), "{shown} not in {line}");
        }
        // Its chart: a Mermaid line chart from the baseline year to the end of the plan.
        assert!(md.contains(&format!("title \"{}（{}）\"", p.name, p.unit)));
    }
    assert!(seen_behind, "the sample has indicators behind");
    // Markdown carries no PDF chart block.
    assert!(!md.contains("hoshin-chart"));
    assert!(md.contains("```mermaid\nxychart-beta"));

    // Training: planned against delivered, with the participation rate.
    let tr = d
        .trainings
        .iter()
        .find(|x| x.years.contains(&fy) && x.participants.is_some())
        .unwrap();
    let res = d
        .results
        .iter()
        .find(|r| r.item == tr.id && r.fy == fy)
        .unwrap();
    let line = md
        .lines()
        .find(|l| l.starts_with(&format!("| {} |", tr.title)) && l.contains('%'))
        .unwrap();
    let rate = (res.participants.unwrap() as f64 * 100.0 / tr.participants.unwrap() as f64).round();
    assert!(line.contains(&format!("| {rate}% |")), "{line}");

    // Measures: the status recorded for the year, beside its goal.
    let m = d
        .results
        .iter()
        .find(|r| r.fy == fy && r.status.is_some())
        .unwrap();
    let measure = d.measures.iter().find(|x| x.id == m.item).unwrap();
    assert!(
        row(
            &md,
            &["施策・制度", &measure.title, m.status.unwrap().label()]
        )
        .is_some(),
        "{} with {}",
        measure.title,
        m.status.unwrap().label()
    );

    // Workforce: projection against 実員 (一般行政 令和10年度: 1,653 projected, 1,648 in post).
    assert!(
        row(&md, &["令和10年度", "1,653", "1,648", "-5", "1,660", "-12"]).is_some(),
        "{md}"
    );
    assert!(md.contains("職員数: 年度末見込み"));
    assert!(
        md.contains("未解決の指摘はない") || md.contains("| 要対応 |") || md.contains("| 注意 |")
    );
}

#[test]
fn an_earlier_year_shows_only_its_own_results_and_a_year_without_any_says_so() {
    let d = templates::sample("city-300000").unwrap();
    let md = review_md(&d, 2027);
    assert!(md.contains("| R9実績 |") && !md.contains("R10実績"));
    // The 令和10年度 results stay out of the 令和9年度 review.
    let r10 = d
        .results
        .iter()
        .find(|r| r.fy == 2028 && r.value.is_some())
        .unwrap();
    let ind = d.indicators.iter().find(|i| i.id == r10.item).unwrap();
    let line = md
        .lines()
        .find(|l| l.starts_with("| ") && l.contains(&format!("| {} |", ind.name)))
        .unwrap();
    assert!(!line.contains(&format!("{}{}", r10.value.unwrap(), ind.unit)));

    let town = templates::sample("town-8000").unwrap();
    let fy = town.meta.period.from;
    let md = review_md(&town, fy);
    assert!(md.contains("この年度の実績はまだ記録されていない。"));
    assert!(md.contains(&format!("# {} 年次点検報告", wareki::fy(fy))));
    for ind in &town.indicators {
        assert!(
            md.lines()
                .any(|l| l.contains(&format!("| {} |", ind.name)) && l.ends_with("| 実績なし |")),
            "{}",
            ind.name
        );
    }
}

#[test]
fn the_review_pdf_is_sound_searchable_and_has_a_chart_per_indicator() {
    let d = templates::sample("city-300000").unwrap();
    let t = Templates::builtin();
    let renderer =
        PdfRenderer::shared().expect("a Japanese font is installed (scripts/setup-debian.sh)");
    let out = export_review(
        &d,
        &t,
        &MarkdownTemplates::builtin(),
        &renderer,
        2028,
        &opts(),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("review.pdf");
    std::fs::write(&path, &out.bytes).unwrap();
    let p = path.to_str().unwrap();
    tool("qpdf", &["--check", p]);
    let fonts = tool("pdffonts", &[p]);
    for r in fonts.lines().skip(2) {
        let cols: Vec<&str> = r.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(
            (cols[n - 5], cols[n - 4]),
            ("yes", "yes"),
            "font not embedded and subset: {r}"
        );
    }
    let info = tool("pdfinfo", &[p]);
    assert!(
        info.contains("年次点検報告") && info.contains(&d.meta.municipality),
        "{info}"
    );
    let text = squash(&tool("pdftotext", &["-raw", p, "-"]));
    assert!(text.contains("令和10年度年次点検報告"));
    assert!(!text.contains("hoshin-chart") && !text.contains("series:"));
    for ind in &d.indicators {
        // The heading, the table row and the chart's title each carry the name.
        let n = text.matches(&squash(&ind.name)).count();
        assert!(n >= 3, "{}: {n} times", ind.name);
    }
    for legend in ["目標への道筋", "実績", "年度末見込み", "定員", "実員"] {
        assert!(text.contains(legend), "{legend}");
    }
    for h in [
        "第1点検の概要",
        "第4研修の実施状況",
        "第5職員数の見通しと実員",
        "第6未解決の指摘",
    ] {
        assert!(text.contains(h), "{h}");
    }
}
