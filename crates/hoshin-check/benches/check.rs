//! A full check of generated drafts: 1,000 linked items (200 abilities, 500 trainings,
//! 200 hirings, 100 indicators; target < 2 ms) and ten times that, 10,000 items (the limit
//! issue 15 names; target < 20 ms, the check runs on every edit).

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use hoshin_model::templates::Templates;

fn bench(c: &mut Criterion) {
    let t = Templates::builtin();
    for (name, scale) in [
        ("check 1000 linked items", 1),
        ("check 10000 linked items", 10),
    ] {
        let d = hoshin_tests::generated_draft(200 * scale, 500 * scale, 200 * scale, 100 * scale);
        assert!(hoshin_model::validate_draft(&d, "$").is_empty());
        let report = hoshin_check::check(&d, &t);
        eprintln!(
            "generated draft: {} items, {} findings",
            d.items().len(),
            report.findings.len()
        );
        c.bench_function(name, |b| {
            b.iter(|| hoshin_check::check(black_box(&d), black_box(&t)))
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
