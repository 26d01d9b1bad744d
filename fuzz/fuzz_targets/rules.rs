//! The rule-set loader and compiler on arbitrary YAML.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    // No base directory: `extends:` a path fails cleanly, `default` loads.
    if let Ok(source) = claimtrace::RuleSource::from_yaml("fuzz.yaml", text, None) {
        let _ = claimtrace::RuleSet::compile(source);
    }
});
