//! The JSONL line parser of the binary (`src/cli/jsonl.rs`), compiled in
//! here as it is: a line becomes a document or says why it is none.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "../../src/cli/jsonl.rs"]
#[allow(dead_code)]
mod jsonl;

fuzz_target!(|line: &str| {
    match jsonl::Fields::parse(line) {
        Ok(fields) => {
            if let Ok(doc) = jsonl::document(fields) {
                let _ = claimtrace::analyze(&doc.text);
            }
        }
        Err(message) => assert!(message.starts_with("invalid JSON")),
    }
});
