//! Throughput of the whole analysis on a few MB of news text built from the
//! corpus articles (MB/s on one core): as an archive of separate articles,
//! and as one long document; and the archive on every core (rayon).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;

mod support;
use support::{corpus_articles, corpus_text};

// The binary's allocator, so the figures are the CLI's.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: claimtrace::allocator::Mimalloc = claimtrace::allocator::Mimalloc;

fn bench(c: &mut Criterion) {
    let rules = claimtrace::RuleSet::default_rules();
    let articles = corpus_articles();
    // An archive: the corpus articles repeated to 4 MB, each its own document.
    let mut archive: Vec<&str> = Vec::new();
    let mut archive_bytes = 0;
    while archive_bytes < 4 * 1024 * 1024 {
        for a in &articles {
            archive.push(a);
            archive_bytes += a.len();
        }
    }
    // A stress case: the same text as one 4 MB document.
    let one_document = corpus_text(4 * 1024 * 1024);
    let mut group = c.benchmark_group("analyze");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(archive_bytes as u64));
    group.bench_function("4MB-archive-of-articles", |b| {
        b.iter(|| {
            for a in &archive {
                black_box(claimtrace::analyze::analyze(black_box(a), rules));
            }
        })
    });
    // Real news, when the shared corpora are present: PolNeAR dev articles.
    let polnear = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/polnear/dev/text");
    if let Ok(entries) = std::fs::read_dir(&polnear) {
        let mut news: Vec<String> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .collect();
        news.sort();
        let bytes: usize = news.iter().map(String::len).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function("polnear-dev-articles", |b| {
            b.iter(|| {
                for a in &news {
                    black_box(claimtrace::analyze::analyze(black_box(a), rules));
                }
            })
        });
        // The same articles, each analysed 32 times in a row: the same
        // instructions a byte as above, but over the passes the processor
        // learns an article's branches and runs it faster (about twice as
        // fast after hundreds). Only distinct documents measure an archive
        // (the 4 MB archive above repeats 12 articles, so it reads high).
        group.throughput(Throughput::Bytes(32 * bytes as u64));
        group.bench_function("polnear-dev-each-article-32-times", |b| {
            b.iter(|| {
                for a in &news {
                    for _ in 0..32 {
                        black_box(claimtrace::analyze::analyze(black_box(a), rules));
                    }
                }
            })
        });
    }
    // The archive on every core: the rule set shared, documents spread by
    // rayon, each result dropped where it was made (as in the one-core case).
    group.throughput(Throughput::Bytes(archive_bytes as u64));
    group.bench_function("4MB-archive-all-cores", |b| {
        use rayon::prelude::*;
        b.iter(|| {
            archive.par_iter().for_each(|a| {
                black_box(claimtrace::analyze::analyze(black_box(a), rules));
            })
        })
    });
    group.throughput(Throughput::Bytes(one_document.len() as u64));
    group.bench_function("4MB-single-document", |b| {
        b.iter(|| claimtrace::analyze::analyze(black_box(&one_document), rules))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
