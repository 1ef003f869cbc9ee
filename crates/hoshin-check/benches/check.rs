//! A full check of a generated draft of 1,000 linked items
//! (200 abilities, 500 trainings, 200 hirings, 100 indicators). Target: < 2 ms.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use hoshin_model::templates::Templates;

fn bench(c: &mut Criterion) {
    let t = Templates::builtin();
    let d = hoshin_tests::generated_draft(200, 500, 200, 100);
    assert!(hoshin_model::validate_draft(&d, "$").is_empty());
    let report = hoshin_check::check(&d, &t);
    eprintln!(
        "generated draft: {} items, {} findings",
        d.items().len(),
        report.findings.len()
    );
    c.bench_function("check 1000 linked items", |b| {
        b.iter(|| hoshin_check::check(black_box(&d), black_box(&t)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
