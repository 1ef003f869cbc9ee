//! Markdown → PDF (`hoshin_pdf::render` with the installed fonts).
//!
//! The first byte chooses the input kind: below 0x80 the rest is Markdown as it is (any
//! Unicode, lossily decoded); otherwise the rest drives a structured generator that writes
//! the dialect the exporters write and then some: huge paragraphs, deeply nested lists and
//! quotes, wide tables with column weights, `hoshin-chart` blocks with extreme values,
//! `<u>`/`<br>` inline HTML and awkward characters (禁則, IVS, emoji, RTL, controls).
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use hoshin_fuzz::on_app_stack;
use hoshin_pdf::{Cover, Fonts, PdfOptions};
use libfuzzer_sys::fuzz_target;

/// The generated Markdown stops growing here (a policy runs to ~60 KB; this is 4×).
const MAX_MARKDOWN: usize = 256 * 1024;

/// Characters and fragments that stress line breaking, shaping and font fallback.
const POOL: &[&str] = &[
    "人材育成・確保基本方針",
    "「職員一人ひとりが、」（能力）を発揮できる。",
    "、。」』）】〕ー々ぁぃっゃゅょァィッャュョ！？",
    "「『（【〔",
    "ＡＢＣ１２３ｱｲｳｴｵﾟﾞ",
    "葛󠄀飾区の辻󠄀さん",
    "𠮷野家𩸽",
    "👩\u{200d}👩\u{200d}👧\u{200d}👦🇯🇵",
    "e\u{301}\u{302}\u{303}",
    "مرحبا بالعالم",
    "\u{202e}逆向き\u{202c}",
    "\t\u{00a0}\u{3000}\u{2028}\u{2029}\u{feff}\u{200b}",
    "\u{0}\u{1}\u{7f}\u{85}",
    "〓□■",
    "https://example.jp/very/long/path/without/any/break/opportunity/at/all/index.html?a=1&b=2",
    "Supercalifragilisticexpialidocious",
    "1,234.5",
    "令和9年度〜令和13年度",
    "＊*_`~\\|<>&#",
    "<b>太字</b><span>x</span><!-- c -->",
    "&amp;&lt;&#x3042;&#0;&#xFFFFFF;",
    "①②③⑴⑵ⅠⅡ㈱",
    "\u{fffd}\u{ffff}\u{e000}",
];

#[derive(Arbitrary, Debug)]
enum Text {
    Pool(u8),
    Any(String),
    /// A pool entry many times over (huge paragraphs, cells that never fit).
    Repeat(u8, u16),
    Ascii(u8, u16),
}

#[derive(Arbitrary, Debug)]
enum Inline {
    T(Text),
    Bold(Text),
    Italic(Text),
    Code(Text),
    Strike(Text),
    Underline(Text),
    Br,
    SoftBreak,
    HardBreak,
    Link(Text),
    OpenU,
    CloseU,
}

#[derive(Arbitrary, Debug)]
enum Value {
    Int(i32),
    Float(f64),
    Gap,
    Huge(bool),
    Tiny,
    Junk(Text),
}

#[derive(Arbitrary, Debug)]
enum Block {
    Heading(u8, Vec<Inline>),
    Para(Vec<Inline>),
    /// A paragraph repeated up to 65535 times.
    HugePara(Vec<Inline>, u16),
    List {
        ordered: bool,
        start: u32,
        depth: u8,
        items: Vec<Vec<Inline>>,
    },
    Quote(u8, Vec<Inline>),
    Table {
        cols: u8,
        aligns: Vec<u8>,
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
        weights: Option<Vec<u16>>,
        equal: bool,
    },
    Chart {
        title: Text,
        labels: Vec<Text>,
        series: Vec<(u8, Text, Vec<Value>)>,
        extra: Option<Text>,
    },
    Code(Option<Text>, Text),
    Rule,
    Html(Text),
}

#[derive(Arbitrary, Debug)]
struct Doc {
    toc: bool,
    cover: Option<(Text, Vec<Text>)>,
    title: Text,
    footer: Text,
    blocks: Vec<Block>,
}

struct W {
    s: String,
}

impl W {
    fn full(&self) -> bool {
        self.s.len() >= MAX_MARKDOWN
    }
    fn push(&mut self, x: &str) {
        if !self.full() {
            self.s.push_str(x);
        }
    }
}

fn text(t: &Text) -> String {
    let pool = |i: u8| POOL[i as usize % POOL.len()];
    match t {
        Text::Pool(i) => pool(*i).to_string(),
        Text::Any(s) => s.clone(),
        Text::Repeat(i, n) => pool(*i).repeat(*n as usize % 4000),
        Text::Ascii(c, n) => {
            let c = (b'a' + c % 26) as char;
            std::iter::repeat_n(c, *n as usize).collect()
        }
    }
}

fn inline(w: &mut W, i: &Inline) {
    match i {
        Inline::T(t) => w.push(&text(t)),
        Inline::Bold(t) => w.push(&format!("**{}**", text(t))),
        Inline::Italic(t) => w.push(&format!("*{}*", text(t))),
        Inline::Code(t) => w.push(&format!("`{}`", text(t))),
        Inline::Strike(t) => w.push(&format!("~~{}~~", text(t))),
        Inline::Underline(t) => w.push(&format!("<u>{}</u>", text(t))),
        Inline::Br => w.push("<br>"),
        Inline::SoftBreak => w.push("\n"),
        Inline::HardBreak => w.push("  \n"),
        Inline::Link(t) => w.push(&format!("[{}](https://example.jp/{})", text(t), text(t))),
        Inline::OpenU => w.push("<u>"),
        Inline::CloseU => w.push("</u>"),
    }
}

fn inlines(w: &mut W, xs: &[Inline]) {
    for x in xs {
        inline(w, x);
    }
}

/// Table cells: one line, pipes escaped as the exporters escape them.
fn cell(xs: &[Inline]) -> String {
    let mut w = W { s: String::new() };
    inlines(&mut w, xs);
    w.s.replace(['\n', '\r'], " ").replace('|', "\\|")
}

fn value(v: &Value) -> String {
    match v {
        Value::Int(i) => i.to_string(),
        Value::Float(f) => f.to_string(),
        Value::Gap => String::new(),
        Value::Huge(neg) => if *neg {
            "-1.7976931348623157e308"
        } else {
            "1.7976931348623157e308"
        }
        .into(),
        Value::Tiny => "5e-324".into(),
        Value::Junk(t) => text(t),
    }
}

fn block(w: &mut W, b: &Block) {
    match b {
        Block::Heading(level, xs) => {
            w.push(&"#".repeat(1 + *level as usize % 6));
            w.push(" ");
            inlines(w, xs);
        }
        Block::Para(xs) => inlines(w, xs),
        Block::HugePara(xs, n) => {
            let mut one = W { s: String::new() };
            inlines(&mut one, xs);
            let one = one.s.replace("\n\n", "\n");
            for _ in 0..*n {
                if w.full() || one.is_empty() {
                    break;
                }
                w.push(&one);
            }
        }
        Block::List {
            ordered,
            start,
            depth,
            items,
        } => {
            let depth = *depth as usize % 120;
            for (k, item) in items.iter().enumerate() {
                // Items walk down to `depth` and back, each level indented under the last.
                let level = if depth == 0 { 0 } else { k % (depth + 1) };
                let indent = "    ".repeat(level);
                let marker = if *ordered {
                    format!("{}.", (*start as u64 + k as u64) % 1_000_000_000)
                } else {
                    "-".into()
                };
                w.push(&format!("{indent}{marker} "));
                w.push(&cell(item));
                w.push("\n");
            }
        }
        Block::Quote(depth, xs) => {
            w.push(&"> ".repeat(1 + *depth as usize));
            inlines(w, xs);
        }
        Block::Table {
            cols,
            aligns,
            head,
            rows,
            weights,
            equal,
        } => {
            let n = 1 + *cols as usize % 80;
            if *equal {
                w.push("<!-- hoshin:equal-columns -->\n\n");
            } else if let Some(ws) = weights {
                let ws: Vec<String> = ws.iter().map(|x| (x % 1000).to_string()).collect();
                w.push(&format!(
                    "<!-- hoshin:column-weights {} -->\n\n",
                    ws.join(" ")
                ));
            }
            let row = |w: &mut W, cells: &[Vec<Inline>]| {
                w.push("|");
                for c in 0..n {
                    w.push(" ");
                    w.push(&cells.get(c).map(|x| cell(x)).unwrap_or_default());
                    w.push(" |");
                }
                w.push("\n");
            };
            row(w, head);
            w.push("|");
            for c in 0..n {
                w.push(match aligns.get(c).map(|a| a % 4) {
                    Some(1) => ":---|",
                    Some(2) => ":---:|",
                    Some(3) => "---:|",
                    _ => "---|",
                });
            }
            w.push("\n");
            for r in rows {
                row(w, r);
            }
        }
        Block::Chart {
            title,
            labels,
            series,
            extra,
        } => {
            w.push("```hoshin-chart\n");
            w.push(&format!("title: {}\n", text(title).replace('\n', " ")));
            let labels: Vec<String> = labels
                .iter()
                .map(|l| text(l).replace(['\n', '|'], " "))
                .collect();
            w.push(&format!("x: {}\n", labels.join("|")));
            for (style, name, values) in series {
                let style = ["solid", "dotted", "points"][*style as usize % 3];
                let values: Vec<String> = values.iter().map(value).collect();
                w.push(&format!(
                    "series: {style}|{}|{}\n",
                    text(name).replace(['\n', '|'], " "),
                    values.join("|")
                ));
            }
            if let Some(x) = extra {
                w.push(&text(x));
                w.push("\n");
            }
            w.push("```");
        }
        Block::Code(info, body) => {
            w.push(&format!(
                "```{}\n{}\n```",
                info.as_ref()
                    .map(text)
                    .unwrap_or_default()
                    .replace(['\n', '`'], ""),
                text(body)
            ));
        }
        Block::Rule => w.push("---"),
        Block::Html(t) => w.push(&text(t)),
    }
    w.push("\n\n");
}

fn generate(u: &mut Unstructured) -> arbitrary::Result<(String, PdfOptions)> {
    let doc = Doc::arbitrary(u)?;
    let mut w = W { s: String::new() };
    for b in &doc.blocks {
        if w.full() {
            break;
        }
        block(&mut w, b);
    }
    let opts = PdfOptions {
        title: text(&doc.title),
        author: "みどり町".into(),
        subject: "人材育成・確保基本方針".into(),
        toc: doc.toc,
        cover: doc.cover.as_ref().map(|(t, lines)| Cover {
            title: text(t),
            lines: lines.iter().map(text).collect(),
        }),
        footer_left: text(&doc.footer),
        ..Default::default()
    };
    Ok((w.s, opts))
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let (markdown, opts) = if mode < 0x80 {
        let opts = PdfOptions {
            title: "方針".into(),
            toc: mode & 1 == 1,
            cover: (mode & 2 == 2).then(|| Cover {
                title: "人材育成・確保基本方針".into(),
                lines: vec!["みどり町".into()],
            }),
            ..Default::default()
        };
        (String::from_utf8_lossy(rest).into_owned(), opts)
    } else {
        match generate(&mut Unstructured::new(rest)) {
            Ok(x) => x,
            Err(_) => return,
        }
    };
    // Triage: HOSHIN_FUZZ_DUMP=<file> writes the Markdown an input stands for.
    if let Some(path) = std::env::var_os("HOSHIN_FUZZ_DUMP") {
        std::fs::write(path, &markdown).expect("write the dump");
        eprintln!("options: {opts:?}");
    }
    let fonts = Fonts::shared().expect("a Japanese font is installed");
    on_app_stack(|| {
        let out = hoshin_pdf::render(&markdown, &opts, fonts)
            .unwrap_or_else(|e| panic!("render failed: {e}"));
        assert!(out.bytes.starts_with(b"%PDF-"));
        assert!(out.pages >= 1);
    });
});
