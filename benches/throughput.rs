//! Throughput of the whole analysis on a few MB of news text built from the
//! corpus articles (MB/s on one core).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;

fn corpus_text(target_bytes: usize) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let articles: Vec<String> = files
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("article"))
        .collect();
    let mut text = String::with_capacity(target_bytes + 8192);
    while text.len() < target_bytes {
        for a in &articles {
            text.push_str(a);
            text.push_str("\n\n");
        }
    }
    text
}

fn bench(c: &mut Criterion) {
    let rules = claimtrace::RuleSet::default_rules();
    let article = corpus_text(1);
    let archive = corpus_text(4 * 1024 * 1024);
    let mut group = c.benchmark_group("analyze");
    group.throughput(Throughput::Bytes(article.len() as u64));
    group.bench_function("corpus-once", |b| {
        b.iter(|| claimtrace::analyze::analyze(black_box(&article), rules))
    });
    group.throughput(Throughput::Bytes(archive.len() as u64));
    group.sample_size(10);
    group.bench_function("4MB-news", |b| {
        b.iter(|| claimtrace::analyze::analyze(black_box(&archive), rules))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
