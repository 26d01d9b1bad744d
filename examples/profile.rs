//! Analyses a file N times without output, for profiling:
//! `cargo run --release --example profile -- FILE [N]`.

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: profile FILE [N]");
    let n: usize = args.next().map_or(1, |s| s.parse().expect("N"));
    let text = std::fs::read_to_string(&path).expect("readable UTF-8 file");
    let rules = claimtrace::RuleSet::default_rules();
    let start = std::time::Instant::now();
    let mut claims = 0;
    for _ in 0..n {
        claims += claimtrace::analyze::analyze(&text, rules).attributions.len();
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = (text.len() * n) as f64 / 1e6;
    eprintln!("{claims} attributions, {mb:.1} MB in {secs:.2} s: {:.1} MB/s", mb / secs);
}
