//! Analyses a file (or every `.txt` in a directory, each as a document) N
//! times without output, for profiling:
//! `cargo run --release --example profile -- FILE|DIR [N]`.

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: profile FILE [N]");
    let n: usize = args.next().map_or(1, |s| s.parse().expect("N"));
    if std::path::Path::new(&path).is_dir() {
        return articles(&path, n);
    }
    let text = std::fs::read_to_string(&path).expect("readable UTF-8 file");
    if std::env::var_os("STAGES").is_some() {
        stages(&text);
    }
    let rules = claimtrace::RuleSet::default_rules();
    let start = std::time::Instant::now();
    let mut claims = 0;
    for _ in 0..n {
        claims += claimtrace::analyze::analyze(&text, rules)
            .attributions
            .len();
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = (text.len() * n) as f64 / 1e6;
    eprintln!(
        "{claims} attributions, {mb:.1} MB in {secs:.2} s: {:.1} MB/s",
        mb / secs
    );
}

/// Every `.txt` in a directory, each analysed as its own document, N times.
fn articles(dir: &str, n: usize) {
    let mut texts = Vec::new();
    for entry in std::fs::read_dir(dir).expect("directory") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            texts.push(std::fs::read_to_string(&path).expect("UTF-8 file"));
        }
    }
    let rules = claimtrace::RuleSet::default_rules();
    let start = std::time::Instant::now();
    let mut bytes = 0;
    for _ in 0..n {
        for t in &texts {
            bytes += t.len();
            std::hint::black_box(claimtrace::analyze::analyze(t, rules));
        }
    }
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "{} documents, {:.1} MB in {secs:.2} s: {:.1} MB/s",
        texts.len() * n,
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs
    );
}

#[allow(dead_code)]
fn stages(text: &str) {
    use std::time::Instant;
    let rules = claimtrace::RuleSet::default_rules();
    let t = Instant::now();
    use sentencex::languages::Language;
    let mut n = 0;
    for para in text.split("\n\n") {
        n += sentencex::languages::English {}
            .get_sentence_boundaries(para)
            .len();
    }
    eprintln!("sentencex alone {:?} ({n} sentences)", t.elapsed());
    let t = Instant::now();
    let whole = sentencex::languages::English {}.segment(text).len();
    eprintln!(
        "sentencex on the whole text {:?} ({whole} pieces)",
        t.elapsed()
    );
    let t = Instant::now();
    let doc = claimtrace::text::Document::new(text, &rules.abbreviations);
    let seg = t.elapsed();
    let t = Instant::now();
    let hits = rules.scan(&doc);
    let scan = t.elapsed();
    let t = Instant::now();
    let g = claimtrace::grammar::Grammar::new(&doc, &hits, rules);
    let mut found = Vec::new();
    for s in 0..doc.sentences.len() {
        g.sentence(s, &mut found);
    }
    let gram = t.elapsed();
    let t = Instant::now();
    let _ = claimtrace::analyze::analyze(text, rules);
    let all = t.elapsed();
    eprintln!("segment {seg:?}, scan {scan:?}, grammar {gram:?}, whole {all:?}");
}

#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: claimtrace::allocator::Mimalloc = claimtrace::allocator::Mimalloc;
