//! The Markdown and HTML mappers: prose extraction, then every span of its
//! analysis mapped back into the file.
#![no_main]
use claimtrace::markup::{self, Markup};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let Ok(source) = std::str::from_utf8(rest) else {
        return;
    };
    let kind = if first & 1 == 0 {
        Markup::Markdown
    } else {
        Markup::Html
    };
    let prose = markup::extract(kind, source);
    let mut analysis = claimtrace::analyze(&prose.text);
    prose.remap(&mut analysis);
    for at in &analysis.attributions {
        for s in at.cue.spans.iter().chain(&at.content.spans) {
            assert!(s.start <= s.end && s.end <= source.len());
            assert!(source.is_char_boundary(s.start) && source.is_char_boundary(s.end));
        }
    }
});
