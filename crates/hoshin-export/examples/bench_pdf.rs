//! What tagging costs: the city sample exported as PDF, tagged and untagged, interleaved
//! `N` times in one process (fonts loaded once, as in the app); prints the medians and
//! writes the tagged PDF. Run by `scripts/bench-pdf.sh` (release build).
//!
//!     cargo run --release -p hoshin-export --example bench_pdf -- 15 /tmp/city.pdf

use std::time::{Duration, Instant};

use hoshin_export::{export, ExportOptions, MarkdownTemplates, PdfRenderer};
use hoshin_model::templates::{self, Templates};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(15);
    let out = args.next().unwrap_or_else(|| "/tmp/bench-city.pdf".into());
    let d = templates::sample("city-300000").expect("city sample");
    let t = Templates::builtin();
    let md = MarkdownTemplates::builtin();
    let tagged = PdfRenderer::shared().unwrap_or_else(|e| panic!("{e}"));
    let untagged = PdfRenderer::shared()
        .unwrap_or_else(|e| panic!("{e}"))
        .untagged_for_benchmarks();
    let opts = ExportOptions::default();
    // Warm-up (font parsing, first allocations).
    let first = export(&d, &t, &md, &tagged, &opts).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&out, &first.bytes).expect("write the PDF");
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for _ in 0..n {
        let s = Instant::now();
        export(&d, &t, &md, &tagged, &opts).unwrap();
        a.push(s.elapsed());
        let s = Instant::now();
        export(&d, &t, &md, &untagged, &opts).unwrap();
        b.push(s.elapsed());
    }
    let (ta, tb) = (median(a), median(b));
    println!(
        "tagged_ms {:.1}\nuntagged_ms {:.1}\nratio {:.3}\npages {}\nbytes {}",
        ta.as_secs_f64() * 1e3,
        tb.as_secs_f64() * 1e3,
        ta.as_secs_f64() / tb.as_secs_f64(),
        first.pages.unwrap_or(0),
        first.bytes.len()
    );
}
