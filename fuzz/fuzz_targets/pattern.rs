//! The pattern-language parser on arbitrary text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = claimtrace::pattern::parse(text);
});
