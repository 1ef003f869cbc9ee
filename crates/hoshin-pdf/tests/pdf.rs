//! Integration tests: real PDFs checked with real tools (qpdf, poppler-utils).
//! Needs: `apt install poppler-utils qpdf fonts-morisawa-bizud-mincho
//! fonts-morisawa-bizud-gothic fonts-noto-cjk fonts-ipaexfont` (scripts/setup-debian.sh).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Instant;

use hoshin_pdf::{render, Cover, Fonts, PdfOptions, PdfOutput};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

const FIXTURE: &str = include_str!("fixtures/houshin.md");

fn fonts() -> &'static Fonts {
    Fonts::shared().unwrap_or_else(|e| panic!("{e}"))
}

fn opts() -> PdfOptions {
    PdfOptions {
        title: "〇〇市人材育成・確保基本方針（案）".into(),
        author: "〇〇市".into(),
        subject: "人材育成・確保基本方針".into(),
        toc: true,
        cover: Some(Cover {
            title: "〇〇市人材育成・確保基本方針（案）".into(),
            lines: vec![
                "〇〇市 総務部人事課".into(),
                "令和7年3月".into(),
                "整合性チェック: 未解決 3 件".into(),
            ],
        }),
        footer_left: "〇〇市 人材育成・確保基本方針（案）".into(),
        ..Default::default()
    }
}

struct Rendered {
    _dir: tempfile::TempDir,
    path: PathBuf,
    out: PdfOutput,
}

/// The fixture, rendered once for all tests.
fn fixture() -> &'static Rendered {
    static R: OnceLock<Rendered> = OnceLock::new();
    R.get_or_init(|| {
        let t = Instant::now();
        let out = render(FIXTURE, &opts(), fonts()).unwrap_or_else(|e| panic!("{e}"));
        eprintln!(
            "fixture rendered: {} pages, {} bytes in {:?}",
            out.pages,
            out.bytes.len(),
            t.elapsed()
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("houshin.pdf");
        std::fs::write(&path, &out.bytes).unwrap();
        if let Ok(keep) = std::env::var("HOSHIN_PDF_KEEP") {
            std::fs::write(keep, &out.bytes).unwrap();
        }
        Rendered {
            _dir: dir,
            path,
            out,
        }
    })
}

fn tool(name: &str, args: &[&str], pdf: &Path) -> (bool, String) {
    let out = Command::new(name)
        .args(args)
        .arg(pdf)
        .output()
        .unwrap_or_else(|e| panic!("`{name}` not runnable ({e}): apt install poppler-utils qpdf"));
    let mut s = String::from_utf8_lossy(&out.stdout).to_string();
    s.push_str(&String::from_utf8_lossy(&out.stderr));
    (out.status.success(), s)
}

fn text_of(pdf: &Path, page: Option<usize>) -> String {
    let mut args: Vec<String> = vec!["-raw".into(), "-enc".into(), "UTF-8".into()];
    if let Some(p) = page {
        args.extend(["-f".into(), p.to_string(), "-l".into(), p.to_string()]);
    }
    let mut cmd = Command::new("pdftotext");
    cmd.args(&args).arg(pdf).arg("-");
    let out = cmd.output().expect("pdftotext (apt install poppler-utils)");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// Normalised text of all pages, with each page's footer ("- N -" and `footer_left`,
/// drawn last on the page) removed so paragraphs crossing a page break stay contiguous.
fn body_text(pdf: &Path, pages: usize, footer_left: &str) -> String {
    let left = norm(footer_left);
    let mut all = String::new();
    for p in 1..=pages {
        let mut t = norm(&text_of(pdf, Some(p)));
        if !left.is_empty() && t.ends_with(&left) {
            t.truncate(t.len() - left.len());
        }
        if t.ends_with('-') {
            let body = &t[..t.len() - 1];
            let digits = body
                .chars()
                .rev()
                .take_while(|c| c.is_ascii_digit())
                .count();
            if digits > 0 && body[..body.len() - digits].ends_with('-') {
                t.truncate(body.len() - digits - 1);
            }
        }
        all.push_str(&t);
    }
    all
}

/// Remove all whitespace (and variation selectors, which text extraction may drop).
fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(*c as u32, 0xFE00..=0xFE0F | 0xE0100..=0xE01EF))
        .collect()
}

/// Text of every paragraph, heading, list item and table cell of the Markdown, without
/// Markdown syntax (inline HTML other than `<u>` is printed literally, so it is kept).
fn source_paragraphs(md: &str) -> Vec<String> {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    let mut out = Vec::new();
    let mut cur = String::new();
    for e in Parser::new_ext(md, opts) {
        match e {
            Event::Text(t) | Event::Code(t) => cur.push_str(&t),
            Event::InlineHtml(h) => {
                let l = h.to_ascii_lowercase();
                if l != "<u>" && l != "</u>" {
                    cur.push_str(&h);
                }
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell | TagEnd::Item,
            )
            | Event::Start(Tag::List(_) | Tag::Paragraph) => {
                if !norm(&cur).is_empty() {
                    out.push(norm(&cur));
                }
                cur.clear();
            }
            _ => {}
        }
    }
    out
}

#[test]
fn qpdf_check_passes() {
    let r = fixture();
    let (ok, s) = tool("qpdf", &["--check"], &r.path);
    assert!(ok, "qpdf --check failed:\n{s}");
    assert!(s.contains("No syntax or stream encoding errors"), "{s}");
}

#[test]
fn fonts_are_embedded_subsets() {
    let r = fixture();
    let (ok, s) = tool("pdffonts", &[], &r.path);
    assert!(ok, "{s}");
    let rows: Vec<&str> = s.lines().skip(2).filter(|l| !l.trim().is_empty()).collect();
    assert!(rows.len() >= 2, "expected 明朝 and ゴシック at least:\n{s}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let name = cols[0];
        let (tag, _) = name
            .split_once('+')
            .unwrap_or_else(|| panic!("no subset tag: {row}"));
        assert!(
            tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "{row}"
        );
        // name type... encoding emb sub uni objnum gen: emb/sub/uni are columns -5..-3.
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            &["yes", "yes", "yes"],
            "not embedded+subset+ToUnicode: {row}"
        );
    }
}

#[test]
fn every_paragraph_is_in_the_text_layer() {
    let r = fixture();
    let text = body_text(&r.path, r.out.pages, &opts().footer_left);
    let paras = source_paragraphs(FIXTURE);
    assert!(paras.len() > 100, "{}", paras.len());
    let mut missing = Vec::new();
    for p in &paras {
        if !text.contains(p.as_str()) {
            missing.push(p.clone());
        }
    }
    assert!(
        missing.is_empty(),
        "{} paragraphs not found in pdftotext -raw output, e.g. {:?}",
        missing.len(),
        &missing[..missing.len().min(3)]
    );
}

#[test]
fn rare_characters_are_drawn_or_reported() {
    let r = fixture();
    let text = text_of(&r.path, None);
    // 𠮷 is not in BIZ UD明朝: it must come from the fallback font (or be reported).
    assert!(
        text.contains('𠮷') || r.out.missing.contains(&'𠮷'),
        "𠮷 lost"
    );
    assert!(
        text.contains('𠮷'),
        "fallback font (Noto CJK) should draw 𠮷; missing = {:?}",
        r.out.missing
    );
    assert!(text.contains("葛"), "葛 of 葛󠄀 lost");
    assert!(
        r.out.missing.is_empty(),
        "{:?} / {:?}",
        r.out.missing,
        r.out.warnings
    );
    // The fallback font is embedded too.
    let (_, fonts) = tool("pdffonts", &[], &r.path);
    assert!(fonts.contains("Noto"), "{fonts}");
}

#[test]
fn table_header_repeats_on_every_page_the_table_spans() {
    let r = fixture();
    let pages: Vec<String> = (1..=r.out.pages)
        .map(|p| norm(&text_of(&r.path, Some(p))))
        .collect();
    let first = pages
        .iter()
        .position(|t| t.contains("1職員1人当たり年間時間外勤務時間"))
        .expect("first row");
    let last = pages
        .iter()
        .position(|t| t.contains("35時間外勤務が月45時間を超えた職員数"))
        .expect("last row");
    assert!(
        last > first,
        "the fixture's table should cross a page break ({first}..{last})"
    );
    for (i, t) in pages.iter().enumerate().take(last + 1).skip(first) {
        assert!(
            t.contains("番号指標名単位基準値"),
            "header missing on page {}",
            i + 1
        );
    }
}

#[test]
fn page_count_metadata_and_labels() {
    let r = fixture();
    assert!((8..=16).contains(&r.out.pages), "pages = {}", r.out.pages);
    let (ok, info) = tool("pdfinfo", &[], &r.path);
    assert!(ok);
    assert!(
        info.contains("〇〇市人材育成・確保基本方針（案）"),
        "{info}"
    );
    assert!(
        info.lines()
            .any(|l| l.starts_with("Author:") && l.contains("〇〇市")),
        "{info}"
    );
    assert!(
        info.lines()
            .any(|l| l.starts_with("Pages:") && l.contains(&r.out.pages.to_string())),
        "{info}"
    );
    assert!(!info.contains("1970"), "dates must be set: {info}");
    // Footer of the first body page and page labels.
    let body_first = norm(&text_of(&r.path, Some(3)));
    assert!(body_first.contains("-1-"), "{body_first}");
}

#[test]
fn outline_has_one_entry_per_h1_and_h2() {
    let r = fixture();
    let expected: Vec<String> = FIXTURE
        .lines()
        .filter(|l| l.starts_with("# ") || l.starts_with("## "))
        .map(|l| l.trim_start_matches('#').trim().to_string())
        .collect();
    let doc = lopdf::Document::load_mem(&r.out.bytes).unwrap();
    let catalog = doc.catalog().unwrap();
    let root = doc
        .get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap())
        .unwrap();
    let mut titles = Vec::new();
    fn walk(
        doc: &lopdf::Document,
        first: Option<lopdf::ObjectId>,
        depth: usize,
        out: &mut Vec<(usize, String)>,
    ) {
        let mut cur = first;
        while let Some(id) = cur {
            let d = doc.get_dictionary(id).unwrap();
            let t = d.get(b"Title").unwrap().as_str().unwrap();
            let u16s: Vec<u16> = t[2..]
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            out.push((depth, String::from_utf16(&u16s).unwrap()));
            assert!(d.get(b"Dest").is_ok());
            walk(
                doc,
                d.get(b"First").ok().and_then(|o| o.as_reference().ok()),
                depth + 1,
                out,
            );
            cur = d.get(b"Next").ok().and_then(|o| o.as_reference().ok());
        }
    }
    walk(
        &doc,
        root.get(b"First").ok().and_then(|o| o.as_reference().ok()),
        0,
        &mut titles,
    );
    let got: Vec<String> = titles.iter().map(|(_, t)| t.clone()).collect();
    assert_eq!(got, expected);
    // H1 at depth 0, H2 nested below.
    assert!(titles.iter().all(|(d, t)| (*d == 0) == t.starts_with('第')));
    // The TOC page links every entry to the same place as the outline.
    let pages = doc.get_pages();
    let toc_page = doc.get_dictionary(pages[&2]).unwrap();
    let annots = toc_page.get(b"Annots").unwrap().as_array().unwrap();
    assert_eq!(annots.len(), expected.len());
    let body_start = pages[&3];
    let first = match &annots[0] {
        lopdf::Object::Reference(r) => doc.get_dictionary(*r).unwrap(),
        lopdf::Object::Dictionary(d) => d,
        o => panic!("{o:?}"),
    };
    let dest = first
        .get(b"A")
        .unwrap()
        .as_dict()
        .unwrap()
        .get(b"D")
        .unwrap()
        .as_array()
        .unwrap();
    assert_eq!(
        dest[0].as_reference().unwrap(),
        body_start,
        "第1 is on the first body page"
    );
    // qpdf agrees.
    let (ok, json) = tool("qpdf", &["--json", "--json-key=outlines"], &r.path);
    assert!(ok);
    assert_eq!(json.matches("\"title\"").count(), expected.len(), "{json}");
}

#[test]
fn pages_render_with_pdftoppm() {
    let r = fixture();
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("p");
    let st = Command::new("pdftoppm")
        .args(["-r", "40", "-png", "-f", "3", "-l", "4"])
        .arg(&r.path)
        .arg(&prefix)
        .status()
        .expect("pdftoppm");
    assert!(st.success());
    assert!(std::fs::read_dir(dir.path()).unwrap().count() >= 2);
}

#[test]
fn missing_characters_are_reported_not_lost() {
    // U+E000 (private use) and an unassigned-in-most-fonts emoji: no installed font has them.
    let md = "私用領域の文字\u{E000}と絵文字😀を含む段落。";
    let out = render(md, &PdfOptions::default(), fonts()).unwrap();
    assert!(out.missing.contains(&'\u{E000}'), "{:?}", out.missing);
    assert!(
        out.warnings.iter().any(|w| w.contains("U+E000")),
        "{:?}",
        out.warnings
    );
    // The emoji: drawn by some installed font or reported.
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("m.pdf");
    std::fs::write(&p, &out.bytes).unwrap();
    let text = text_of(&p, None);
    assert!(text.contains('😀') || out.missing.contains(&'😀'));
    // The placeholder keeps the real character in the text layer.
    assert!(norm(&text).contains("私用領域の文字"), "{text}");
}

#[test]
fn pathological_input_terminates() {
    let long: String = "a".repeat(10_000);
    let kana: String = "ー".repeat(10_000);
    let tall_cell = "長い説明文です。".repeat(600);
    let md = format!(
        "{long}\n\n{kana}\n\n| 項目 | 内容 |\n|---|---|\n| 1 | {tall_cell} |\n| 2 | 短い |\n\n- \n\n>\n\n```\n\tcode\twith tabs\n```\n\n<div>HTML ブロック</div>\n\n<u>下線</u>だけ"
    );
    let t = Instant::now();
    let out = render(
        &md,
        &PdfOptions {
            toc: true,
            ..Default::default()
        },
        fonts(),
    )
    .unwrap();
    assert!(t.elapsed().as_secs() < 30);
    assert!(out.pages >= 4, "{}", out.pages);
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("x.pdf");
    std::fs::write(&p, &out.bytes).unwrap();
    let (ok, s) = tool("qpdf", &["--check"], &p);
    assert!(ok, "{s}");
    let text = body_text(&p, out.pages, "");
    assert!(text.contains(&long));
    assert!(text.contains(&kana));
    assert!(
        text.contains("<div>HTMLブロック</div>"),
        "other HTML is printed literally"
    );
    assert!(text.contains("code") && text.contains("withtabs"));
}

#[test]
fn empty_document_is_one_page() {
    let out = render("", &PdfOptions::default(), fonts()).unwrap();
    assert_eq!(out.pages, 1);
    assert!(out.bytes.starts_with(b"%PDF-"));
}

#[test]
fn fonts_describe_and_override_errors() {
    let f = fonts();
    let d = f.describe();
    assert!(d.contains("本文") && d.contains(".tt"), "{d}");
    let err = Fonts::discover(Some(Path::new("/nonexistent/fonts"))).unwrap_err();
    assert!(err.to_string().contains("/nonexistent/fonts"), "{err}");
    let empty = tempfile::tempdir().unwrap();
    let err = Fonts::discover(Some(empty.path())).unwrap_err();
    assert!(err.to_string().contains("日本語フォント"), "{err}");
    // A single font file as override becomes the body font.
    let ipa = Path::new("/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf");
    if ipa.exists() {
        let f = Fonts::discover(Some(ipa)).unwrap();
        assert!(
            f.describe().starts_with("本文（明朝）: IPAex"),
            "{}",
            f.describe()
        );
        let out = render("# 見出し\n\n本文です。", &PdfOptions::default(), &f).unwrap();
        assert!(out.missing.is_empty());
    }
}

#[test]
fn timing_and_size() {
    // Release numbers: `cargo test -p hoshin-pdf --release -- --nocapture timing`.
    let f = fonts();
    let _ = render(FIXTURE, &opts(), f).unwrap(); // warm (fallback fonts parsed once)
    let mut best = std::time::Duration::MAX;
    let mut out = None;
    for _ in 0..3 {
        let t = Instant::now();
        out = Some(render(FIXTURE, &opts(), f).unwrap());
        best = best.min(t.elapsed());
    }
    let out = out.unwrap();
    eprintln!(
        "timing: fixture → {} pages, {} KB, best of 3: {:?}",
        out.pages,
        out.bytes.len() / 1024,
        best
    );
    assert!(
        out.bytes.len() < 1_500_000,
        "subsetting must work: {} bytes",
        out.bytes.len()
    );
}

/// Lines of each page rebuilt from `pdftotext -bbox` words (grouped by baseline).
fn bbox_lines(pdf: &Path, page: usize) -> Vec<(f32, f32, String)> {
    let out = Command::new("pdftotext")
        .args(["-bbox", "-f", &page.to_string(), "-l", &page.to_string()])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    let html = String::from_utf8(out.stdout).unwrap();
    let mut words: Vec<(f32, f32, f32, String)> = Vec::new(); // (yMax, xMin, xMax, text)
    for part in html.split("<word ").skip(1) {
        let attr = |name: &str| -> f32 {
            let k = format!("{name}=\"");
            let i = part.find(&k).unwrap() + k.len();
            part[i..].split('"').next().unwrap().parse().unwrap()
        };
        let text = part.split('>').nth(1).unwrap().split('<').next().unwrap();
        let text = text
            .replace("&amp;", "&")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"");
        words.push((attr("yMax"), attr("xMin"), attr("xMax"), text));
    }
    words.sort_by(|a, b| {
        a.0.partial_cmp(&b.0)
            .unwrap()
            .then(a.1.partial_cmp(&b.1).unwrap())
    });
    let mut lines: Vec<(f32, f32, f32, String)> = Vec::new();
    for (y, x0, x1, t) in words {
        match lines.last_mut() {
            Some(l) if (l.0 - y).abs() < 1.0 => {
                l.2 = l.2.max(x1);
                l.3.push_str(&t);
            }
            _ => lines.push((y, x0, x1, t)),
        }
    }
    lines.into_iter().map(|(_, a, b, t)| (a, b, t)).collect()
}

#[test]
fn kinsoku_and_margins_hold_in_the_rendered_pdf() {
    use hoshin_pdf::linebreak::{NO_END, NO_START};
    let r = fixture();
    let right = 595.276 - (595.276 - 462.0) / 2.0;
    let mut checked = 0;
    for page in 3..=r.out.pages {
        for (x0, x1, text) in bbox_lines(&r.path, page) {
            let first = text.chars().next().unwrap();
            let last = text.chars().last().unwrap();
            // List bullets "・" legitimately start a line.
            if first != '・' {
                assert!(
                    !NO_START.contains(first),
                    "page {page}: line starts with {first:?}: {text}"
                );
            }
            assert!(
                !NO_END.contains(last),
                "page {page}: line ends with {last:?}: {text}"
            );
            assert!(x0 >= 66.0, "page {page}: text left of the margin: {text}");
            // Only hanging 、。 may protrude, by less than one em.
            assert!(
                x1 <= right + 10.6,
                "page {page}: text overflows the right margin ({x1}): {text}"
            );
            if x1 > right + 0.5 {
                assert!(
                    "、。，．".contains(last),
                    "page {page}: non-hanging protrusion: {text}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 150, "{checked}");
}

#[test]
fn no_heading_at_the_bottom_of_a_page() {
    let r = fixture();
    let headings: Vec<String> = FIXTURE
        .lines()
        .filter(|l| l.starts_with('#'))
        .map(|l| norm(l.trim_start_matches('#')))
        .collect();
    for page in 3..=r.out.pages {
        let lines = bbox_lines(&r.path, page);
        // The last line is the footer; the one before is the last line of the body.
        let body: Vec<&(f32, f32, String)> =
            lines.iter().filter(|l| !l.2.starts_with('〇')).collect();
        let last = norm(&body[body.len() - 1].2);
        assert!(
            !headings.contains(&last),
            "page {page} ends with the heading {last}"
        );
    }
}

#[test]
fn headings_keep_with_next_near_the_page_end() {
    // Push a heading toward the bottom line by line: it must always share its page with
    // the first line of what follows (text, or the table header and first row).
    let dir = tempfile::tempdir().unwrap();
    for follow in [
        "本文の一行目です。",
        "| 項目 | 内容 |\n|---|---|\n| 行1 | 値1 |\n| 行2 | 値2 |",
    ] {
        for k in 18..30 {
            let filler = "本市の人材育成に関する記述です。\n\n".repeat(k);
            let md = format!("{filler}## 見出しの例\n\n{follow}\n");
            let out = render(&md, &PdfOptions::default(), fonts()).unwrap();
            let p = dir.path().join(format!("k{k}.pdf"));
            std::fs::write(&p, &out.bytes).unwrap();
            let first_of_next = if follow.starts_with('|') {
                "行1"
            } else {
                "本文の一行目"
            };
            let page_of = |needle: &str| {
                (1..=out.pages)
                    .find(|&i| norm(&text_of(&p, Some(i))).contains(needle))
                    .unwrap()
            };
            assert_eq!(
                page_of("見出しの例"),
                page_of(first_of_next),
                "k = {k}, follow = {follow}"
            );
        }
    }
}

#[test]
fn a_chart_block_is_drawn_with_its_labels_and_a_broken_one_stays_text() {
    use hoshin_pdf::chart::{Chart, Series, SeriesStyle};
    let chart = Chart {
        title: "時間外勤務の月平均（時間）".into(),
        labels: (9..=12).map(|n| format!("令和{n}年度")).collect(),
        series: vec![
            Series {
                name: "実績".into(),
                style: SeriesStyle::Solid,
                values: vec![Some(19.1), Some(18.2), None, None],
            },
            Series {
                name: "目標への道筋".into(),
                style: SeriesStyle::Dotted,
                values: vec![Some(19.0), Some(17.5), Some(16.0), Some(14.5)],
            },
        ],
    };
    let md = format!(
        "# 指標\n\n前の段落。\n\n{}\n後の段落。\n\n```hoshin-chart\nx: a|b\nseries: wavy|壊れた系列|1|2\n```\n",
        chart.to_fence()
    );
    let out = render(&md, &PdfOptions::default(), fonts()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("chart.pdf");
    std::fs::write(&p, &out.bytes).unwrap();
    let (ok, s) = tool("qpdf", &["--check"], &p);
    assert!(ok, "{s}");
    let text = norm(&text_of(&p, None));
    for want in [
        "時間外勤務の月平均（時間）",
        "令和9年度",
        "令和12年度",
        "実績",
        "目標への道筋",
        "前の段落。",
        "後の段落。",
    ] {
        assert!(text.contains(&norm(want)), "{want} missing from {text}");
    }
    // Round ticks around 14.5 … 19.1 (the axis starts at 14 and ends at 20).
    assert!(text.contains("14") && text.contains("20"), "{text}");
    // The fence itself is not printed; the malformed block is, as code.
    assert!(!text.contains("series:solid"), "{text}");
    assert!(text.contains("wavy|壊れた系列"), "{text}");
}

/// Fuzzing (fuzz/, target pdf_layout): a footer text of 65,535 characters was laid out whole
/// on every page (35 s for a 60-page document under the fuzzer). Only what one footer line
/// can hold is laid out now; the document comes out the same.
#[test]
fn a_huge_footer_text_is_laid_out_once_per_line_not_whole() {
    let md = "## 本文\n\n".to_string() + &"職員の育成に取り組みます。".repeat(3000);
    let short = PdfOptions {
        footer_left: "みどり町 人事課 — 案".repeat(20),
        ..Default::default()
    };
    let huge = PdfOptions {
        footer_left: "みどり町 人事課 — 案".repeat(20) + &"k".repeat(200_000),
        ..Default::default()
    };
    let a = hoshin_pdf::render(&md, &short, fonts()).unwrap();
    let started = std::time::Instant::now();
    let b = hoshin_pdf::render(&md, &huge, fonts()).unwrap();
    let took = started.elapsed();
    assert!(a.pages >= 10, "{}", a.pages);
    assert_eq!(a.pages, b.pages);
    assert!(
        took < std::time::Duration::from_secs(20),
        "{took:?} for {} pages",
        b.pages
    );
}
