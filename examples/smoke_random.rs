//! Analyses many random texts built from news-like pieces and hostile
//! characters, to catch panics early: `cargo run --release --example
//! smoke_random -- [N] [SEED]`. (Issue 6 brings real fuzzing.)

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().map_or(20_000, |s| s.parse().expect("N"));
    let mut seed: u64 = args.next().map_or(42, |s| s.parse().expect("SEED"));
    let pieces = [
        "said",
        "told",
        "according to",
        "Smith",
        "the official",
        "“",
        "”",
        "\"",
        "'",
        "’",
        ",",
        ".",
        " ",
        "\n",
        "\n\n",
        "\r",
        "(",
        ")",
        "-",
        "—",
        "that",
        "It is believed",
        "may",
        "would",
        "Reuters",
        "(Photo by AP)",
        "ANKARA (Reuters) - ",
        "Dr.",
        "U.S.",
        "é",
        "İ",
        "…",
        "?",
        "!",
        ":",
        ";",
        "Analysts say",
        "citing",
        "adding that",
        "who",
        "which",
        "Both men",
        "the",
        "a",
        "reports",
        "in a statement",
        "Sen.",
        "\u{feff}",
        "\t",
        "'s",
        "s'",
        "and",
        "of",
    ];
    let rules = claimtrace::RuleSet::default_rules();
    for k in 0..n {
        let mut text = String::new();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let len = (seed % 60) as usize;
        for _ in 0..len {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            if seed.is_multiple_of(3) {
                text.push(' ');
            }
        }
        let result = std::panic::catch_unwind(|| claimtrace::analyze::analyze(&text, rules));
        match result {
            Ok(a) => {
                for x in &a.attributions {
                    for s in x.content.spans.iter().chain(&x.cue.spans) {
                        assert!(
                            text.is_char_boundary(s.start)
                                && text.is_char_boundary(s.end)
                                && s.end <= text.len(),
                            "{text:?}"
                        );
                    }
                }
            }
            Err(_) => {
                eprintln!("PANIC on case {k}: {text:?}");
                std::process::exit(1);
            }
        }
    }
    eprintln!("{n} random texts, no panic");
}
