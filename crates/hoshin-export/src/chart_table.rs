//! A chart's values as a table (one row per series, one column per x label), for the
//! formats that give readers the numbers: Word (instead of the chart) and HTML (beside it).

use hoshin_pdf::chart::Chart;
use hoshin_pdf::markdown::{Align, Inline, Style};

/// Column alignments, the header row (an empty corner, then the x labels) and one row per
/// series (its name, then its values; 「－」 where there is none).
pub(crate) struct ChartTable {
    pub aligns: Vec<Align>,
    pub head: Vec<Vec<Inline>>,
    pub rows: Vec<Vec<Vec<Inline>>>,
}

fn text(s: &str) -> Vec<Inline> {
    vec![Inline::Text(s.to_string(), Style::default())]
}

/// A value as the table prints it: at most two decimals, no trailing zeros.
fn value_text(v: Option<f64>) -> String {
    v.map(|v| format!("{}", (v * 100.0).round() / 100.0))
        .unwrap_or_else(|| "－".into())
}

pub(crate) fn chart_table(c: &Chart) -> ChartTable {
    let mut head = vec![text("")];
    head.extend(c.labels.iter().map(|l| text(l)));
    let rows = c
        .series
        .iter()
        .map(|s| {
            let mut r = vec![text(&s.name)];
            r.extend(
                (0..c.labels.len()).map(|i| text(&value_text(s.values.get(i).copied().flatten()))),
            );
            r
        })
        .collect();
    let mut aligns = vec![Align::Left];
    aligns.extend(c.labels.iter().map(|_| Align::Right));
    ChartTable { aligns, head, rows }
}
