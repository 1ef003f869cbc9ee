//! Markdown → a standalone A4 HTML page (for the PDF benchmark's Chromium side).
//! usage: md_to_html IN.md OUT.html

use pulldown_cmark::{html, Options, Parser};

const CSS: &str = "@page { size: A4; margin: 22mm 20mm; }
body { font-family: 'BIZ UDMincho', 'IPAexMincho', 'Noto Serif CJK JP', serif; font-size: 10.5pt; line-height: 1.75; text-align: justify; }
h1, h2, h3, h4 { font-family: 'BIZ UDGothic', 'IPAexGothic', 'Noto Sans CJK JP', sans-serif; break-after: avoid; }
h2 { break-before: page; font-size: 15pt; } h3 { font-size: 12.5pt; } h4 { font-size: 11pt; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; } th, td { border: 0.5pt solid #444; padding: 2pt 4pt; vertical-align: top; }
thead { display: table-header-group; } hr { break-after: page; border: 0; }";

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let md = std::fs::read_to_string(&args[1]).expect("read markdown");
    let mut body = String::new();
    html::push_html(&mut body, Parser::new_ext(&md, Options::ENABLE_TABLES));
    let page = format!("<!doctype html><html lang=\"ja\"><head><meta charset=\"utf-8\"><style>{CSS}</style></head><body>{body}</body></html>");
    std::fs::write(&args[2], page).expect("write html");
}
