//! Inputs the fuzzers (fuzz/) found crashing, kept so they never return.

use claimtrace::markup::{self, Markup};

/// Analyses a markup file's prose and maps the spans back, as the binary does.
fn analyze_markup(kind: Markup, source: &str) -> claimtrace::Analysis {
    let prose = markup::extract(kind, source);
    let mut analysis = claimtrace::analyze(&prose.text);
    prose.remap(&mut analysis);
    for at in &analysis.attributions {
        for s in at.cue.spans.iter().chain(&at.content.spans) {
            assert!(s.end <= source.len() && source.is_char_boundary(s.start));
        }
    }
    analysis
}

#[test]
fn html_with_a_nul_and_a_lone_dash() {
    // fuzz/artifacts/markup/crash-4604ad0a647603c0d68ceffcba5fa2ad65376bd1
    let a = analyze_markup(Markup::Html, "\u{13}<\u{0}-,");
    assert!(a.attributions.is_empty());
}
