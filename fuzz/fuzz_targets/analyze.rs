//! The whole analysis of arbitrary bytes, as the binary reads a text file.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let analysis = claimtrace::analyze(text);
        for at in &analysis.attributions {
            for s in at.cue.spans.iter().chain(&at.content.spans) {
                assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            }
        }
        let index = claimtrace::position::LineIndex::new(text);
        for c in &analysis.unattributed {
            index.line_col(c.span.start);
        }
    }
});
