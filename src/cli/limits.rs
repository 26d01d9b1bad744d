//! Resource limits, set from the environment so that every subcommand
//! shares them (docs/reliability.md lists the names and defaults).

use anyhow::{Context, Result};
use claimtrace::ruleset;
use std::sync::OnceLock;

/// Largest input by default: a file, standard input or one JSONL line. A
/// document's analysis is held whole, about 28 bytes a byte of news and up
/// to 55 for text that is all claims, so 64 MiB stays under 4 GiB; more
/// is allowed by `CLAIMTRACE_MAX_INPUT_BYTES`.
const DEFAULT_INPUT_BYTES: u64 = 64 * 1024 * 1024;

pub struct Limits {
    /// Largest input: a file, standard input or one JSONL line.
    pub input_bytes: u64,
    /// Rule files (and the policy file's size).
    pub rules: ruleset::Limits,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            input_bytes: DEFAULT_INPUT_BYTES,
            rules: ruleset::Limits::default(),
        }
    }
}

/// The variable that sets `Limits::input_bytes`, named in the errors it causes.
pub const INPUT_BYTES_VAR: &str = "CLAIMTRACE_MAX_INPUT_BYTES";

static LIMITS: OnceLock<Limits> = OnceLock::new();

/// Reads the limits from the environment once, at start-up, so that a bad
/// value stops the run before any input is read.
pub fn init() -> Result<()> {
    let mut limits = Limits::default();
    if let Some(v) = var(INPUT_BYTES_VAR)? {
        // A token's offsets are 32-bit (`claimtrace::text::Document::new`).
        anyhow::ensure!(
            v <= u64::from(u32::MAX),
            "{INPUT_BYTES_VAR}={v}: at most {} (4 GiB): byte offsets inside a document are 32-bit",
            u32::MAX
        );
        limits.input_bytes = v;
    }
    if let Some(v) = var("CLAIMTRACE_MAX_RULE_BYTES")? {
        limits.rules.max_file_bytes = v;
    }
    if let Some(v) = var("CLAIMTRACE_MAX_YAML_DEPTH")? {
        limits.rules.max_depth = usize::try_from(v)?;
    }
    if let Some(v) = var("CLAIMTRACE_MAX_YAML_ALIASES")? {
        limits.rules.max_aliases = usize::try_from(v)?;
    }
    // A second call (tests in one process) keeps the first values.
    let _ = LIMITS.set(limits);
    Ok(())
}

/// The limits in force (the defaults if `init` was not called).
pub fn get() -> &'static Limits {
    LIMITS.get_or_init(Limits::default)
}

/// A positive whole number from the environment, if set.
fn var(name: &str) -> Result<Option<u64>> {
    let Ok(text) = std::env::var(name) else {
        return Ok(None);
    };
    let value: u64 = text
        .trim()
        .parse()
        .ok()
        .filter(|&v| v > 0)
        .with_context(|| format!("{name}={text:?}: expected a positive whole number"))?;
    Ok(Some(value))
}
