//! Editorial policies: which checks run on an analysis, at what level, with
//! what message. A policy is YAML (`.claimtrace.yaml`); the built-in ones
//! (`default`, `strict`, `wikipedia`) live in `rules/policies/`.
//!
//! Loading is pure: files a policy `extends` are read through a function the
//! caller passes, so the library itself does no I/O. Evaluation
//! ([`evaluate`]) is a pure function of the analysis, its text and the
//! policy.

mod checks;
mod suppress;

pub use checks::{Finding, evaluate, evaluate_document};
pub use suppress::{
    BASELINE_SCHEMA, Baseline, BaselineEntry, Suppressed, apply_directives, fingerprint, normalise,
};

use crate::model::HedgeLevel;
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// The built-in policies, embedded at build time.
pub const BUILTIN: &[(&str, &str)] = &[
    ("default", include_str!("../../rules/policies/default.yaml")),
    ("strict", include_str!("../../rules/policies/strict.yaml")),
    (
        "wikipedia",
        include_str!("../../rules/policies/wikipedia.yaml"),
    ),
];

const MAX_EXTENDS_DEPTH: usize = 8;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Off,
    Info,
    Warning,
    Error,
}

impl Level {
    pub fn as_str(&self) -> &'static str {
        match self {
            Level::Off => "off",
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! check_ids {
    ($($variant:ident = $id:literal, $field:ident, $title:literal, $doc:literal;)*) => {
        /// Every check a policy can configure.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum CheckId { $($variant),* }

        impl CheckId {
            pub const ALL: &'static [CheckId] = &[$(CheckId::$variant),*];
            /// The stable id used in policies, directives, reports and SARIF.
            pub fn as_str(&self) -> &'static str {
                match self { $(CheckId::$variant => $id),* }
            }
            /// A short title.
            pub fn title(&self) -> &'static str {
                match self { $(CheckId::$variant => $title),* }
            }
            /// What the check finds and why it matters.
            pub fn description(&self) -> &'static str {
                match self { $(CheckId::$variant => $doc),* }
            }
            pub fn from_id(id: &str) -> Option<CheckId> {
                match id { $($id => Some(CheckId::$variant),)* _ => None }
            }
            /// The options of this check besides the settings every check
            /// has (`level`, `message`, `link`, `include_quotes`).
            pub fn options(&self) -> &'static [&'static str] {
                match self { $(CheckId::$variant => check_files::$variant::OPTIONS),* }
            }
        }

        /// The `checks:` section of a policy file.
        #[derive(Debug, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct ChecksFile {
            $(#[serde(rename = $id, default)] $field: Option<Spanned<check_files::$variant>>,)*
        }

        impl ChecksFile {
            fn into_overrides(self) -> Vec<(CheckId, Spanned<Override>)> {
                let mut out = Vec::new();
                $(if let Some(c) = self.$field {
                    out.push((CheckId::$variant, Spanned::new(c.value.into(), c.referenced, c.defined)));
                })*
                out
            }
        }
    };
}

check_ids! {
    VagueSource = "vague-source", vague_source, "Vague source",
        "A claim credited to an unspecified group: \"analysts say\", \"critics argue\", \"some believe\". Readers cannot tell who is speaking or weigh their authority.";
    AnonymousSource = "anonymous-source", anonymous_source, "Anonymous source without a reason",
        "A claim credited to a deliberately unnamed source (\"sources\", \"a person familiar with the talks\") when the text does not say why the source was granted anonymity.";
    UnattributedClaim = "unattributed-claim", unattributed_claim, "Unattributed claim",
        "A sentence or clause asserted in the author's own voice with no source.";
    QuoteWithoutSpeaker = "quote-without-speaker", quote_without_speaker, "Quotation without a speaker",
        "A quotation that no speaker is credited with (with `named: true`, also one credited to an unnamed source).";
    LoadedCueVerb = "loaded-cue-verb", loaded_cue_verb, "Loaded attribution verb",
        "An attribution verb that editorialises (\"claimed\", \"admitted\", \"insisted\") where a neutral one (\"said\") would report.";
    HedgedWithoutSource = "hedged-without-source", hedged_without_source, "Hedged claim without a source",
        "A claim in the author's own voice that is hedged (\"may\", \"reportedly\", \"it seems\"): speculation nobody is credited with.";
    AgentlessAttribution = "agentless-attribution", agentless_attribution, "Attribution without an agent",
        "An attribution with no one attributing: \"it is believed that\", \"X is said to\", \"amid reports that\".";
    SingleSourceArticle = "single-source-article", single_source_article, "Single-source article",
        "Every attributed claim of the document comes from one source.";
    MaxUnattributedShare = "max-unattributed-share", max_unattributed_share, "Too many unattributed claims",
        "The share of the document's claims that have no source is above the policy's maximum.";
    MinNamedShare = "min-named-share", min_named_share, "Too few named sources",
        "The share of attributed claims whose source is named (a person, organization or media outlet) is below the policy's minimum.";
    MinDistinctSources = "min-distinct-sources", min_distinct_sources, "Too few distinct sources",
        "The document cites fewer distinct sources than the policy's minimum.";
    WordsToWatch = "words-to-watch", words_to_watch, "Word to watch",
        "A word from the policy's list (\"so-called\", \"purported\", \"clearly\") in the author's own voice: expressions of doubt, editorialising and puffery.";
}

impl fmt::Display for CheckId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The settings of one check after merging a policy and what it extends.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckConfig {
    pub level: Level,
    /// Replaces the built-in message; `{text}`, `{value}` and `{limit}` are
    /// filled in.
    pub message: Option<String>,
    /// A help link shown with every finding.
    pub link: Option<String>,
    /// Overrides the policy's `include_quotes` for this check.
    pub include_quotes: Option<bool>,
    /// anonymous-source: phrases that give a reason for anonymity.
    pub reasons: Vec<String>,
    /// loaded-cue-verb: cue words accepted anyway; vague-source: source
    /// words accepted anyway.
    pub allow: Vec<String>,
    /// words-to-watch: the words and phrases to flag.
    pub words: Vec<String>,
    /// hedged-without-source: the lowest hedge level flagged.
    pub min_level: HedgeLevel,
    /// unattributed-claim: claims shorter than this are not flagged.
    pub min_words: usize,
    /// quote-without-speaker: also flag quotations credited to an unnamed
    /// (anonymous, vague, official) source.
    pub named: bool,
    /// max-unattributed-share: the largest share allowed.
    pub max: f64,
    /// min-named-share: the smallest share; min-distinct-sources: the
    /// smallest count.
    pub min: f64,
    /// Document checks: documents with fewer claims are not judged.
    pub min_claims: usize,
}

impl CheckConfig {
    /// The settings a check has before any policy sets its level.
    pub fn base(id: CheckId) -> CheckConfig {
        let mut c = CheckConfig {
            level: Level::Off,
            message: None,
            link: None,
            include_quotes: None,
            reasons: Vec::new(),
            allow: Vec::new(),
            words: Vec::new(),
            min_level: HedgeLevel::Medium,
            min_words: 0,
            named: false,
            max: 1.0,
            min: 0.0,
            min_claims: 0,
        };
        match id {
            CheckId::MaxUnattributedShare => {
                c.max = 0.3;
                c.min_claims = 5;
            }
            CheckId::MinNamedShare => {
                c.min = 0.5;
                c.min_claims = 3;
            }
            CheckId::MinDistinctSources => {
                c.min = 2.0;
                c.min_claims = 3;
            }
            CheckId::SingleSourceArticle => c.min_claims = 3,
            CheckId::AnonymousSource => {
                c.reasons = DEFAULT_REASONS.iter().map(|r| r.to_string()).collect();
            }
            _ => {}
        }
        c
    }
}

/// Phrases that, near an anonymous source, say why it is unnamed (AP:
/// "explain why the source requested anonymity").
pub const DEFAULT_REASONS: &[&str] = &[
    "because",
    "in order to",
    "for fear",
    "fearing",
    "to protect",
    "not authorized",
    "not authorised",
    "not allowed to",
    "not permitted",
    "not cleared",
    "sensitivity of",
    "sensitive nature",
    "to avoid",
    "due to",
    "as a condition",
    "in exchange for",
];

/// A resolved policy.
#[derive(Debug, Clone)]
pub struct Policy {
    /// The file or built-in name it was loaded from.
    pub name: String,
    /// A rule set to analyse with, relative paths resolved against the
    /// policy file's directory.
    pub rules: Option<PathBuf>,
    /// Whether hedge and weasel checks look inside quoted speech.
    pub include_quotes: bool,
    /// The lowest level that fails the run (the command line may override).
    pub fail_on: Option<Level>,
    /// Path globs never checked (gitignore-like, relative to `root`).
    pub exclude: Vec<String>,
    pub exclude_set: globset::GlobSet,
    /// Directory the policy's relative paths are resolved against.
    pub root: Option<PathBuf>,
    pub checks: BTreeMap<CheckId, CheckConfig>,
}

impl Policy {
    /// An empty policy: every check off.
    pub fn none() -> Policy {
        Policy {
            name: "none".into(),
            rules: None,
            include_quotes: false,
            fail_on: None,
            exclude: Vec::new(),
            exclude_set: globset::GlobSet::empty(),
            root: None,
            checks: CheckId::ALL
                .iter()
                .map(|&id| (id, CheckConfig::base(id)))
                .collect(),
        }
    }

    /// A built-in policy by name (`default`, `strict`, `wikipedia`).
    pub fn builtin(name: &str) -> Option<Policy> {
        let (file, text) = BUILTIN.iter().find(|(n, _)| *n == name)?;
        let path = format!("rules/policies/{file}.yaml");
        // The embedded policies are tested; a failure here is a build bug.
        Some(
            load_str(&path, text, None, &mut |_| {
                Err(std::io::Error::other(
                    "built-in policies extend built-ins only",
                ))
            })
            .unwrap_or_else(|e| panic!("built-in policy {name}: {e}")),
        )
    }

    pub fn check(&self, id: CheckId) -> &CheckConfig {
        &self.checks[&id]
    }

    /// True when `relative` (a path relative to the policy's root, `/`
    /// separated) is excluded.
    pub fn excludes(&self, relative: &str) -> bool {
        let relative = relative.strip_prefix("./").unwrap_or(relative);
        self.exclude_set.is_match(relative)
    }
}

/// A policy file that could not be used.
#[derive(Debug, thiserror::Error)]
pub enum PolicyError {
    #[error("{file}:{line}:{column}: {message}")]
    At {
        file: String,
        line: u64,
        column: u64,
        message: String,
    },
    #[error("{file}: {message}")]
    File { file: String, message: String },
}

/// A policy file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyFile {
    /// `default` (when absent), `strict`, `wikipedia`, `none`, or a path
    /// relative to this file.
    #[serde(default)]
    extends: Option<Spanned<String>>,
    #[serde(default)]
    rules: Option<String>,
    #[serde(default)]
    include_quotes: Option<bool>,
    #[serde(default)]
    fail_on: Option<Level>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    checks: ChecksFile,
}

/// One check's settings as written: every field optional.
#[derive(Debug, Default, Clone)]
struct Override {
    level: Option<Level>,
    message: Option<String>,
    link: Option<String>,
    include_quotes: Option<bool>,
    reasons: Option<Vec<String>>,
    allow: Option<Vec<String>>,
    words: Option<Vec<String>>,
    min_level: Option<HedgeLevel>,
    min_words: Option<usize>,
    named: Option<bool>,
    max: Option<f64>,
    min: Option<f64>,
    min_claims: Option<usize>,
}

/// Per-check file structs: each accepts the common fields and its own
/// options, so an unknown option is an error that lists the valid ones.
mod check_files {
    use super::{Level, Override};
    use crate::model::HedgeLevel;
    use serde::Deserialize;

    macro_rules! check_file {
        ($($name:ident { $($field:ident : $ty:ty),* })*) => {$(
            #[derive(Debug, Default, Clone, Deserialize)]
            #[serde(deny_unknown_fields)]
            pub struct $name {
                #[serde(default)] pub level: Option<Level>,
                #[serde(default)] pub message: Option<String>,
                #[serde(default)] pub link: Option<String>,
                #[serde(default)] pub include_quotes: Option<bool>,
                $(#[serde(default)] pub $field: Option<$ty>,)*
            }
            impl $name {
                pub const OPTIONS: &'static [&'static str] = &[$(stringify!($field)),*];
            }
            impl From<$name> for Override {
                fn from(f: $name) -> Override {
                    Override {
                        level: f.level,
                        message: f.message,
                        link: f.link,
                        include_quotes: f.include_quotes,
                        $($field: f.$field,)*
                        ..Override::default()
                    }
                }
            }
        )*};
    }

    check_file! {
        VagueSource { allow: Vec<String> }
        AnonymousSource { reasons: Vec<String> }
        UnattributedClaim { min_words: usize }
        QuoteWithoutSpeaker { named: bool }
        LoadedCueVerb { allow: Vec<String> }
        HedgedWithoutSource { min_level: HedgeLevel }
        AgentlessAttribution { }
        SingleSourceArticle { min_claims: usize }
        MaxUnattributedShare { max: f64, min_claims: usize }
        MinNamedShare { min: f64, min_claims: usize }
        MinDistinctSources { min: f64, min_claims: usize }
        WordsToWatch { words: Vec<String> }
    }
}

impl Override {
    fn apply(self, c: &mut CheckConfig) {
        macro_rules! set {
            ($($f:ident),*) => { $(if let Some(v) = self.$f { c.$f = v; })* };
        }
        set!(
            level, reasons, allow, words, min_level, min_words, named, max, min, min_claims
        );
        if self.message.is_some() {
            c.message = self.message;
        }
        if self.link.is_some() {
            c.link = self.link;
        }
        if self.include_quotes.is_some() {
            c.include_quotes = self.include_quotes;
        }
    }
}

/// Loads a policy from its text. `base_dir` resolves `extends:` and `rules:`
/// paths; `read` reads the files it extends.
pub fn load_str(
    name: &str,
    text: &str,
    base_dir: Option<&Path>,
    read: &mut dyn FnMut(&Path) -> std::io::Result<String>,
) -> Result<Policy, PolicyError> {
    load_at(name, text, base_dir, read, 0)
}

fn load_at(
    name: &str,
    text: &str,
    base_dir: Option<&Path>,
    read: &mut dyn FnMut(&Path) -> std::io::Result<String>,
    depth: usize,
) -> Result<Policy, PolicyError> {
    let file = parse(name, text)?;
    let at = |s: &Spanned<String>, message: String| PolicyError::At {
        file: name.to_string(),
        line: s.referenced.line(),
        column: s.referenced.column(),
        message,
    };
    if depth > MAX_EXTENDS_DEPTH {
        return Err(PolicyError::File {
            file: name.into(),
            message: format!("`extends:` goes deeper than {MAX_EXTENDS_DEPTH} files (a cycle?)"),
        });
    }
    let mut policy = match &file.extends {
        None => Policy::builtin("default").unwrap_or_else(Policy::none),
        Some(p) if p.value == "none" => Policy::none(),
        Some(p) if BUILTIN.iter().any(|(n, _)| *n == p.value) => {
            if base_dir.is_none() && name == format!("rules/policies/{}.yaml", p.value) {
                return Err(at(p, "a policy cannot extend itself".into()));
            }
            builtin_at(&p.value, read, depth)?
        }
        Some(p) => {
            let looks_like_path = p.value.contains(['/', '\\', '.']);
            if !looks_like_path {
                return Err(at(
                    p,
                    format!(
                        "unknown policy `{}`; built-in policies are {}, or `none`, or give a path to a policy file",
                        p.value,
                        BUILTIN
                            .iter()
                            .map(|(n, _)| format!("`{n}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            }
            let path = base_dir.unwrap_or(Path::new(".")).join(&p.value);
            let parent_text =
                read(&path).map_err(|e| at(p, format!("cannot read {}: {e}", path.display())))?;
            load_at(
                &path.display().to_string(),
                &parent_text,
                path.parent(),
                read,
                depth + 1,
            )?
        }
    };
    policy.name = name.to_string();
    if let Some(r) = file.rules {
        policy.rules = Some(match base_dir {
            Some(d) => d.join(r),
            None => PathBuf::from(r),
        });
    }
    if let Some(q) = file.include_quotes {
        policy.include_quotes = q;
    }
    if let Some(f) = file.fail_on {
        policy.fail_on = Some(f);
    }
    if !file.exclude.is_empty() {
        let mut builder = globset::GlobSetBuilder::new();
        for g in &policy.exclude {
            for one in globs(g).map_err(|e| PolicyError::File {
                file: name.into(),
                message: e.to_string(),
            })? {
                builder.add(one);
            }
        }
        for g in &file.exclude {
            for one in globs(&g.value).map_err(|e| at(g, format!("bad exclude glob: {e}")))? {
                builder.add(one);
            }
            policy.exclude.push(g.value.clone());
        }
        policy.exclude_set = builder.build().map_err(|e| PolicyError::File {
            file: name.into(),
            message: e.to_string(),
        })?;
    }
    if base_dir.is_some() {
        policy.root = base_dir.map(Path::to_path_buf);
    }
    for (id, o) in file.checks.into_overrides() {
        let check = |what: &str, v: f64, ok: bool| -> Result<(), PolicyError> {
            if ok {
                Ok(())
            } else {
                Err(PolicyError::At {
                    file: name.to_string(),
                    line: o.referenced.line(),
                    column: o.referenced.column(),
                    message: format!(
                        "check `{id}`: `{what}: {v}` is out of range ({})",
                        range_of(id)
                    ),
                })
            }
        };
        if let Some(v) = o.value.max {
            check("max", v, (0.0..=1.0).contains(&v))?;
        }
        if let Some(v) = o.value.min {
            let ok = match id {
                CheckId::MinDistinctSources => v >= 0.0 && v.fract() == 0.0,
                _ => (0.0..=1.0).contains(&v),
            };
            check("min", v, ok)?;
        }
        let entry = policy
            .checks
            .entry(id)
            .or_insert_with(|| CheckConfig::base(id));
        o.value.apply(entry);
    }
    Ok(policy)
}

fn range_of(id: CheckId) -> &'static str {
    match id {
        CheckId::MinDistinctSources => "a whole number of sources, 0 or more",
        _ => "a share between 0 and 1, e.g. 0.3 for 30%",
    }
}

fn builtin_at(
    name: &str,
    read: &mut dyn FnMut(&Path) -> std::io::Result<String>,
    depth: usize,
) -> Result<Policy, PolicyError> {
    let (n, text) = BUILTIN
        .iter()
        .find(|(n, _)| *n == name)
        .expect("caller checked the name");
    load_at(
        &format!("rules/policies/{n}.yaml"),
        text,
        None,
        read,
        depth + 1,
    )
}

/// A gitignore-like glob: `*` stays inside one path component, `**` crosses
/// them; a pattern without `/` matches a file or directory name anywhere; a
/// directory covers everything under it.
fn globs(pattern: &str) -> Result<Vec<globset::Glob>, globset::Error> {
    let p = pattern.trim_start_matches("./").trim_end_matches('/');
    let p = match p.strip_prefix('/') {
        Some(rooted) => rooted.to_string(),
        None if !p.contains('/') => format!("**/{p}"),
        None => p.to_string(),
    };
    let one = |g: &str| globset::GlobBuilder::new(g).literal_separator(true).build();
    Ok(vec![one(&p)?, one(&format!("{p}/**"))?])
}

fn parse(name: &str, text: &str) -> Result<PolicyFile, PolicyError> {
    if text.trim().is_empty() {
        // An empty file is the default policy.
        return Ok(PolicyFile {
            extends: None,
            rules: None,
            include_quotes: None,
            fail_on: None,
            exclude: Vec::new(),
            checks: ChecksFile::default(),
        });
    }
    serde_saphyr::from_str_with_options::<PolicyFile>(
        text,
        crate::ruleset::Limits::default().yaml_options(),
    )
    .map_err(|e| {
        let (line, column, message) = crate::ruleset::yaml_error(&e, "invalid policy file");
        // serde-saphyr's terse type errors, said in the policy's terms.
        let message = match message.as_str() {
            "expected sequence start" => {
                "expected a list, e.g. `[so-called, clearly]` or one `- item` a line".to_string()
            }
            "invalid boolean" => "expected `true` or `false`".to_string(),
            _ => message,
        };
        PolicyError::At {
            file: name.to_string(),
            line,
            column,
            message,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_files(_: &Path) -> std::io::Result<String> {
        Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "no files in tests",
        ))
    }

    #[test]
    fn builtins_load_and_default_levels_match_the_issue() {
        let d = Policy::builtin("default").unwrap();
        assert_eq!(d.check(CheckId::VagueSource).level, Level::Warning);
        assert_eq!(d.check(CheckId::AgentlessAttribution).level, Level::Warning);
        assert_eq!(d.check(CheckId::QuoteWithoutSpeaker).level, Level::Warning);
        for id in [
            CheckId::AnonymousSource,
            CheckId::UnattributedClaim,
            CheckId::LoadedCueVerb,
            CheckId::HedgedWithoutSource,
            CheckId::SingleSourceArticle,
            CheckId::MaxUnattributedShare,
            CheckId::MinNamedShare,
            CheckId::MinDistinctSources,
            CheckId::WordsToWatch,
        ] {
            assert_eq!(d.check(id).level, Level::Info, "{id}");
        }
        assert!(Policy::builtin("strict").is_some());
        assert!(Policy::builtin("wikipedia").is_some());
        assert!(Policy::builtin("nope").is_none());
    }

    #[test]
    fn a_file_extends_default_and_overrides_fields() {
        let p = load_str(
            "p.yaml",
            "checks:\n  loaded-cue-verb:\n    level: error\n    allow: [admitted]\n",
            None,
            &mut no_files,
        )
        .unwrap();
        let c = p.check(CheckId::LoadedCueVerb);
        assert_eq!(c.level, Level::Error);
        assert_eq!(c.allow, vec!["admitted".to_string()]);
        assert_eq!(p.check(CheckId::VagueSource).level, Level::Warning);
    }

    #[test]
    fn a_bad_level_lists_the_choices_with_a_position() {
        let err = load_str(
            "p.yaml",
            "checks:\n  vague-source:\n    level: fatal\n",
            None,
            &mut no_files,
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("p.yaml:3:"), "{err}");
        assert!(
            err.contains("error") && err.contains("warning") && err.contains("off"),
            "{err}"
        );
    }

    #[test]
    fn unknown_checks_and_options_list_the_valid_ones() {
        let err = load_str(
            "p.yaml",
            "checks:\n  vage-source: {}\n",
            None,
            &mut no_files,
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("p.yaml:2:"), "{err}");
        assert!(err.contains("vague-source"), "{err}");
        let err = load_str(
            "p.yaml",
            "checks:\n  vague-source:\n    max: 0.3\n",
            None,
            &mut no_files,
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("p.yaml:3:"), "{err}");
        assert!(err.contains("allow"), "{err}");
    }

    #[test]
    fn out_of_range_thresholds_and_unknown_bases_are_errors() {
        let err = load_str(
            "p.yaml",
            "checks:\n  max-unattributed-share:\n    max: 30\n",
            None,
            &mut no_files,
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with("p.yaml:3:") && err.contains("between 0 and 1"),
            "{err}"
        );
        let err = load_str("p.yaml", "extends: strcit\n", None, &mut no_files)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("p.yaml:1:10") && err.contains("`strict`"),
            "{err}"
        );
    }

    #[test]
    fn excludes_are_gitignore_like() {
        let p = load_str(
            "p.yaml",
            "exclude: [drafts/, \"*.draft.md\", /README.md]\n",
            None,
            &mut no_files,
        )
        .unwrap();
        assert!(p.excludes("drafts/a.md"));
        assert!(p.excludes("drafts/deep/a.md"));
        assert!(p.excludes("news/x.draft.md"));
        assert!(p.excludes("README.md"));
        assert!(!p.excludes("news/README.md"));
        assert!(!p.excludes("news/a.md"));
    }
}
