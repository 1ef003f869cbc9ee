//! Line charts inside the Markdown: a fenced block with the info string `hoshin-chart`,
//! written by [`Chart::to_fence`] and read back by [`Chart::parse`], which the layout draws
//! as vector lines (no images, so the chart stays sharp and small). The series are told
//! apart by line style, not by colour alone: solid with square markers, dotted, or
//! markers only.
//!
//! ~~~text
//! ```hoshin-chart
//! title: 時間外勤務の月平均（時間）
//! x: 令和9年度|令和10年度|令和11年度
//! series: solid|実績|19.1|18.2|
//! series: dotted|目標への道筋|19|17.5|16
//! ```
//! ~~~
//!
//! Anything the parser does not understand makes the block an ordinary code block.

/// The fenced block's info string.
pub const CHART_INFO: &str = "hoshin-chart";

/// How a series is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesStyle {
    /// A solid line with a square marker at every value.
    Solid,
    /// A dotted line, no markers.
    Dotted,
    /// Markers (hollow squares) only.
    Points,
}

impl SeriesStyle {
    fn name(self) -> &'static str {
        match self {
            SeriesStyle::Solid => "solid",
            SeriesStyle::Dotted => "dotted",
            SeriesStyle::Points => "points",
        }
    }
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "solid" => SeriesStyle::Solid,
            "dotted" => SeriesStyle::Dotted,
            "points" => SeriesStyle::Points,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub style: SeriesStyle,
    /// One value per x label; `None` leaves a gap.
    pub values: Vec<Option<f64>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub title: String,
    /// The categories along the x axis (fiscal years).
    pub labels: Vec<String>,
    pub series: Vec<Series>,
}

/// More labels or series than this is not a chart anyone can read; refused.
const MAX_LABELS: usize = 40;
const MAX_SERIES: usize = 6;

/// One line of the block: no line breaks, and `|` (the separator) replaced.
fn field(s: &str) -> String {
    s.replace(['\n', '\r'], " ").replace('|', "｜")
}

impl Chart {
    /// The fenced block, ready to put into Markdown.
    pub fn to_fence(&self) -> String {
        let mut s = format!("```{CHART_INFO}\ntitle: {}\nx: ", field(&self.title));
        let labels: Vec<String> = self.labels.iter().map(|l| field(l)).collect();
        s.push_str(&labels.join("|"));
        s.push('\n');
        for se in &self.series {
            s.push_str(&format!("series: {}|{}", se.style.name(), field(&se.name)));
            for v in &se.values {
                s.push('|');
                if let Some(v) = v.filter(|v| v.is_finite()) {
                    s.push_str(&format!("{v}"));
                }
            }
            s.push('\n');
        }
        s.push_str("```\n");
        s
    }

    /// The chart in a fenced block's text, or `None` when it is not a well-formed chart.
    pub fn parse(src: &str) -> Option<Chart> {
        let mut title = String::new();
        let mut labels: Option<Vec<String>> = None;
        let mut series = Vec::new();
        for line in src.lines() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            let (key, rest) = line.split_once(':')?;
            let rest = rest.trim_start();
            match key.trim() {
                "title" => title = rest.to_string(),
                "x" => labels = Some(rest.split('|').map(|l| l.trim().to_string()).collect()),
                "series" => {
                    let mut parts = rest.split('|');
                    let style = SeriesStyle::parse(parts.next()?.trim())?;
                    let name = parts.next()?.trim().to_string();
                    let mut values = Vec::new();
                    for p in parts {
                        let p = p.trim();
                        values.push(if p.is_empty() {
                            None
                        } else {
                            Some(p.parse::<f64>().ok().filter(|v| v.is_finite())?)
                        });
                    }
                    series.push(Series {
                        name,
                        style,
                        values,
                    });
                }
                _ => return None,
            }
        }
        let labels = labels?;
        if labels.is_empty()
            || labels.len() > MAX_LABELS
            || series.is_empty()
            || series.len() > MAX_SERIES
            || series.iter().any(|s| s.values.len() > labels.len())
        {
            return None;
        }
        Some(Chart {
            title,
            labels,
            series,
        })
    }

    /// Every value is a whole number (counts of people): no fractional ticks.
    pub(crate) fn whole(&self) -> bool {
        self.series
            .iter()
            .flat_map(|s| s.values.iter().flatten())
            .all(|v| v.fract() == 0.0)
    }

    /// The chart in words, for those who cannot see it (a tagged PDF's figure text, an
    /// image description): its title, then each series with its values by label.
    pub fn describe(&self) -> String {
        let mut s = if self.title.is_empty() {
            "折れ線グラフ。".to_string()
        } else {
            format!("折れ線グラフ「{}」。", self.title)
        };
        for series in &self.series {
            let values: Vec<String> = self
                .labels
                .iter()
                .zip(&series.values)
                .map(|(l, v)| match v {
                    Some(v) => format!("{l} {}", tick_label(*v)),
                    None => format!("{l} 値なし"),
                })
                .collect();
            s.push_str(&format!("{}: {}。", series.name, values.join("、")));
        }
        s
    }

    /// The lowest and highest value of all series, when there is any.
    pub(crate) fn range(&self) -> Option<(f64, f64)> {
        let mut it = self.series.iter().flat_map(|s| s.values.iter().flatten());
        let first = *it.next()?;
        Some(it.fold((first, first), |(lo, hi), v| (lo.min(*v), hi.max(*v))))
    }
}

/// Axis ticks: about four round steps (1, 2, 2.5 or 5 × 10ⁿ) covering `lo..=hi`, starting at
/// zero when the values are all positive and zero is near enough to keep the scale honest.
/// With `whole`, the values are counts and the step is at least 1.
pub fn ticks(lo: f64, hi: f64, whole: bool) -> Vec<f64> {
    let (mut lo, mut hi) = (lo, hi);
    if lo >= 0.0 && lo <= hi * 0.5 {
        lo = 0.0;
    }
    if (hi - lo).abs() < f64::EPSILON * hi.abs().max(1.0) {
        let pad = if hi == 0.0 { 1.0 } else { hi.abs() * 0.1 };
        lo -= pad;
        hi += pad;
    }
    let raw = (hi - lo) / 4.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .filter(|s| !whole || (*s >= 1.0 && s.fract() == 0.0))
        .find(|s| *s >= raw)
        .unwrap_or(if whole {
            (10.0 * mag).max(1.0)
        } else {
            10.0 * mag
        });
    let start = (lo / step).floor() * step;
    let mut out = Vec::new();
    let mut v = start;
    while v < hi + step * 0.999 && out.len() < 12 {
        out.push(if v.abs() < step * 1e-9 { 0.0 } else { v });
        v += step;
    }
    out
}

/// A tick label: no trailing zeros, thousands separated.
pub fn tick_label(v: f64) -> String {
    let s = format!("{:.2}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.').to_string();
    let (sign, s) = match s.strip_prefix('-') {
        Some(r) => ("-", r.to_string()),
        None => ("", s),
    };
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), format!(".{f}")),
        None => (s.clone(), String::new()),
    };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if grouped == "0" && frac.is_empty() {
        return "0".into();
    }
    format!("{sign}{grouped}{frac}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_survives_its_own_fence_and_odd_text_stays_in_its_field() {
        let c = Chart {
            title: "時間外|勤務\n（時間）".into(),
            labels: vec!["令和9年度".into(), "令和10年度".into(), "令和11年度".into()],
            series: vec![
                Series {
                    name: "実績".into(),
                    style: SeriesStyle::Solid,
                    values: vec![Some(19.1), None, Some(1234.5)],
                },
                Series {
                    name: "目標への道筋".into(),
                    style: SeriesStyle::Dotted,
                    values: vec![Some(19.0), Some(17.5), Some(-2.0)],
                },
            ],
        };
        let fence = c.to_fence();
        let body = fence
            .strip_prefix("```hoshin-chart\n")
            .and_then(|s| s.strip_suffix("```\n"))
            .unwrap();
        let back = Chart::parse(body).unwrap();
        assert_eq!(back.title, "時間外｜勤務 （時間）");
        assert_eq!(back.labels, c.labels);
        assert_eq!(back.series, c.series);
    }

    #[test]
    fn anything_malformed_is_not_a_chart() {
        for bad in [
            "",
            "title: t",
            "x: a|b",
            "x: a|b\nseries: wavy|s|1|2",
            "x: a|b\nseries: solid|s|1|zwei",
            "x: a|b\nseries: solid|s|1|2|3",
            "x: a\nseries: solid|s|NaN",
            "x: a\nseries: solid|s|inf",
            "x: a\nunknown: 1\nseries: solid|s|1",
            "just some code",
        ] {
            assert_eq!(Chart::parse(bad), None, "{bad:?}");
        }
        assert!(Chart::parse("x: a\nseries: points|s|").is_some());
    }

    #[test]
    fn ticks_are_round_and_cover_the_values() {
        assert_eq!(ticks(64.8, 80.0, false), vec![60.0, 65.0, 70.0, 75.0, 80.0]);
        // Small positive values start at zero.
        assert_eq!(ticks(3.0, 10.0, false), vec![0.0, 2.5, 5.0, 7.5, 10.0]);
        // Counts of people: 180, 181, 182, never 180.5.
        assert_eq!(ticks(180.0, 182.0, true), vec![180.0, 181.0, 182.0]);
        assert_eq!(ticks(3.0, 10.0, true), vec![0.0, 5.0, 10.0]);
        let t = ticks(1648.0, 1669.0, true);
        assert!(t[0] <= 1648.0 && *t.last().unwrap() >= 1669.0, "{t:?}");
        assert!(t.len() >= 3 && t.len() <= 7, "{t:?}");
        // A flat series still gets an axis.
        let t = ticks(5.0, 5.0, false);
        assert!(t[0] < 5.0 && *t.last().unwrap() > 5.0, "{t:?}");
        let t = ticks(-3.0, 4.0, false);
        assert!(t.contains(&0.0), "{t:?}");
        assert_eq!(tick_label(1660.0), "1,660");
        assert_eq!(tick_label(2.5), "2.5");
        assert_eq!(tick_label(-1250.0), "-1,250");
        assert_eq!(tick_label(0.0), "0");
    }
}
