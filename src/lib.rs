//! claimtrace: trace every claim in a news text to its source.
//!
//! ```
//! let analysis = claimtrace::analyze("Analysts say the deal could collapse.");
//! let a = &analysis.attributions[0];
//! assert_eq!(a.source.as_ref().unwrap().text, "Analysts");
//! assert_eq!(a.cue.text, "say");
//! assert_eq!(a.content.text, "the deal could collapse");
//! assert_eq!(a.source_type, claimtrace::SourceType::Vague);
//! assert_eq!(a.hedge.level, claimtrace::HedgeLevel::Medium);
//! ```

#[cfg(feature = "mimalloc")]
pub mod allocator;
pub mod analyze;
pub mod eval;
pub mod examples;
pub mod grammar;
pub mod hedge;
mod lanes;
pub mod lexicon;
pub mod markup;
pub mod model;
pub mod pattern;
pub mod policy;
pub mod position;
pub mod ruleset;
pub mod sources;
pub mod text;

pub use lexicon::RuleSet;
pub use model::*;
pub use ruleset::{RuleError, RuleSource};

/// Analyses a text with the embedded default rule set.
pub fn analyze(text: &str) -> Analysis {
    analyze::analyze(text, RuleSet::default_rules())
}

/// Every hedge and booster cue in a text, wherever it stands (claims of the
/// author as well as attributed ones), with the default rule set.
///
/// ```
/// let cues = claimtrace::hedge_cues("The drug may reduce the risk.");
/// assert_eq!(cues[0].text, "may");
/// ```
pub fn hedge_cues(text: &str) -> Vec<HedgeCue> {
    hedge::cues_in_text(text, RuleSet::default_rules())
}
