//! Render a Markdown file to PDF and print timings:
//! `cargo run -p hoshin-pdf --release --example render_fixture -- IN.md OUT.pdf`
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let input = args
        .get(1)
        .map(String::as_str)
        .unwrap_or("crates/hoshin-pdf/tests/fixtures/houshin.md");
    let output = args
        .get(2)
        .map(String::as_str)
        .unwrap_or("/tmp/houshin.pdf");
    let md = std::fs::read_to_string(input).expect("read input");
    let t0 = Instant::now();
    let fonts = hoshin_pdf::Fonts::shared().unwrap_or_else(|e| panic!("{e}"));
    let t_fonts = t0.elapsed();
    println!("{}", fonts.describe());
    let opts = hoshin_pdf::PdfOptions {
        title: "〇〇市人材育成・確保基本方針（案）".into(),
        author: "〇〇市".into(),
        subject: "人材育成・確保基本方針".into(),
        toc: true,
        cover: Some(hoshin_pdf::Cover {
            title: "〇〇市人材育成・確保基本方針（案）".into(),
            lines: vec![
                "〇〇市 総務部人事課".into(),
                "令和7年3月".into(),
                "検討用資料（未決定）".into(),
                "整合性チェック: 未解決 3 件".into(),
            ],
        }),
        footer_left: "〇〇市 人材育成・確保基本方針（案）".into(),
        ..Default::default()
    };
    let mut times = Vec::new();
    let mut out = None;
    for _ in 0..5 {
        let t = Instant::now();
        out = Some(hoshin_pdf::render(&md, &opts, fonts).unwrap_or_else(|e| panic!("{e}")));
        times.push(t.elapsed());
    }
    let out = out.unwrap();
    std::fs::write(output, &out.bytes).expect("write");
    println!("fonts: {:?}; render runs: {:?}", t_fonts, times);
    println!(
        "pages: {}, size: {} bytes, missing: {:?}",
        out.pages,
        out.bytes.len(),
        out.missing
    );
    for w in &out.warnings {
        println!("warning: {w}");
    }
    println!("{}", fonts.describe());
}
