//! `cargo run -p hoshin-pdf --example md2pdf -- IN.md OUT.pdf` (no cover, with TOC)
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let md = std::fs::read_to_string(&a[1]).unwrap();
    let fonts = hoshin_pdf::Fonts::shared().unwrap_or_else(|e| panic!("{e}"));
    let out = hoshin_pdf::render(
        &md,
        &hoshin_pdf::PdfOptions {
            toc: true,
            ..Default::default()
        },
        fonts,
    )
    .unwrap();
    std::fs::write(&a[2], &out.bytes).unwrap();
    println!(
        "pages {} missing {:?} warnings {:?}",
        out.pages, out.missing, out.warnings
    );
}
