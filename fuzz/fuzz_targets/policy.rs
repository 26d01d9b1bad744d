//! The policy loader on arbitrary YAML; files it names are never read.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mut read = |_: &std::path::Path| Err(std::io::Error::other("no files while fuzzing"));
    let _ = claimtrace::policy::load_str(".claimtrace.yaml", text, None, &mut read);
});
