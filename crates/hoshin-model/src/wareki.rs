//! Japanese era (和暦) labels for fiscal years and dates.

const ERAS: [(&str, (i32, u8, u8)); 3] = [
    ("令和", (2019, 5, 1)),
    ("平成", (1989, 1, 8)),
    ("昭和", (1926, 12, 25)),
];

fn era_year(name: &str, start_year: i32, year: i32) -> String {
    let n = year - start_year + 1;
    if n == 1 {
        format!("{name}元")
    } else {
        format!("{name}{n}")
    }
}

/// The era a fiscal year is named after (see [`fy`]) and the era's first year.
fn fy_era(year: i32) -> Option<(&'static str, i32)> {
    if year >= 2019 {
        Some(("令和", 2019))
    } else if year >= 1989 {
        Some(("平成", 1989))
    } else if year >= 1927 {
        Some(("昭和", 1926))
    } else {
        None
    }
}

/// 「令和7年度」 for fiscal year 2025. A fiscal year is named after the era in force
/// on 1 April of that year, except that 2019 is 令和元年度 by common usage.
pub fn fy(year: i32) -> String {
    match fy_era(year) {
        Some((name, start)) => format!("{}年度", era_year(name, start, year)),
        None => format!("{year}年度"),
    }
}

/// 「R7」 for fiscal year 2025 (「R1」 for 2019): the short label of a plan year in table
/// headings. Years before 令和 keep their western number (「2018」).
pub fn fy_short(year: i32) -> String {
    match fy_era(year) {
        Some(("令和", start)) => format!("R{}", year - start + 1),
        _ => year.to_string(),
    }
}

/// 「2025(令和7)年度」.
pub fn fy_with_western(year: i32) -> String {
    let label = fy(year);
    match label.strip_suffix("年度") {
        Some(era) if era.chars().next().is_some_and(|c| !c.is_ascii_digit()) => {
            format!("{year}({era})年度")
        }
        _ => label,
    }
}

/// 「令和7年度～令和11年度」.
pub fn fy_range(from: i32, to: i32) -> String {
    if from == to {
        fy(from)
    } else {
        format!("{}～{}", fy(from), fy(to))
    }
}

/// 「令和7年3月1日」 for 2025-03-01.
pub fn date(year: i32, month: u8, day: u8) -> String {
    for (name, (y, m, d)) in ERAS {
        if (year, month, day) >= (y, m, d) {
            return format!("{}年{}月{}日", era_year(name, y, year), month, day);
        }
    }
    format!("{year}年{month}月{day}日")
}

/// 和暦 date of an RFC 3339 timestamp, in Japan time (UTC+9).
pub fn date_of_rfc3339(ts: &str) -> Option<String> {
    let t = time::OffsetDateTime::parse(ts, &time::format_description::well_known::Rfc3339).ok()?;
    let jst = t.to_offset(time::UtcOffset::from_hms(9, 0, 0).ok()?);
    Some(date(jst.year(), jst.month() as u8, jst.day()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fiscal_years() {
        assert_eq!(fy(2025), "令和7年度");
        assert_eq!(fy(2019), "令和元年度");
        assert_eq!(fy(2018), "平成30年度");
        assert_eq!(fy(1989), "平成元年度");
        assert_eq!(fy(1988), "昭和63年度");
        assert_eq!(fy_with_western(2029), "2029(令和11)年度");
        assert_eq!(fy_range(2025, 2029), "令和7年度～令和11年度");
    }

    #[test]
    fn short_fiscal_years() {
        assert_eq!(fy_short(2027), "R9");
        assert_eq!(fy_short(2019), "R1");
        assert_eq!(fy_short(2018), "2018");
        assert_eq!(fy_short(1989), "1989");
    }

    #[test]
    fn dates_switch_era_on_the_day() {
        assert_eq!(date(2019, 4, 30), "平成31年4月30日");
        assert_eq!(date(2019, 5, 1), "令和元年5月1日");
        assert_eq!(date(2023, 12, 22), "令和5年12月22日");
        assert_eq!(
            date_of_rfc3339("2025-03-31T16:00:00Z").as_deref(),
            Some("令和7年4月1日")
        );
    }
}
