//! Rule sets: the YAML schema, loading with `extends:`, merging, and the
//! errors a broken rule file gets (file, line, column, what is wrong).

use crate::model::{HedgeLevel, Kind, SourceType, Tone};
use crate::pattern::{self, Pattern};
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The default rule set, embedded at build time. Order matters only for
/// error messages; sections are merged by rule id.
pub const DEFAULT_FILES: &[(&str, &str)] = &[
    (
        "rules/default/words.yaml",
        include_str!("../rules/default/words.yaml"),
    ),
    (
        "rules/default/cues.yaml",
        include_str!("../rules/default/cues.yaml"),
    ),
    (
        "rules/default/cues-mined.yaml",
        include_str!("../rules/default/cues-mined.yaml"),
    ),
    (
        "rules/default/sources.yaml",
        include_str!("../rules/default/sources.yaml"),
    ),
    (
        "rules/default/hedges.yaml",
        include_str!("../rules/default/hedges.yaml"),
    ),
    (
        "rules/default/patterns.yaml",
        include_str!("../rules/default/patterns.yaml"),
    ),
];

/// Largest rule file accepted, to fail clearly instead of exhausting memory.
pub const MAX_RULE_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// What loading one rule file may cost; docs/reliability.md lists the
/// defaults and how the binary changes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest rule file, in bytes.
    pub max_file_bytes: u64,
    /// Deepest YAML nesting of sequences and mappings (the schema needs 5).
    pub max_depth: usize,
    /// Most YAML aliases (`*name`) in one file, so an alias bomb stays small.
    pub max_aliases: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: MAX_RULE_FILE_BYTES,
            max_depth: 32,
            max_aliases: 10_000,
        }
    }
}

impl Limits {
    /// serde-saphyr's own budget enforces the limits while it parses.
    pub(crate) fn yaml_options(&self) -> serde_saphyr::Options {
        let mut budget = serde_saphyr::Budget::default();
        budget.max_depth = self.max_depth;
        budget.flow_nesting_limit = self.max_depth;
        budget.max_aliases = self.max_aliases;
        budget.max_total_scalar_bytes = usize::try_from(self.max_file_bytes).unwrap_or(usize::MAX);
        let mut options = serde_saphyr::Options::default();
        options.budget = Some(budget);
        options
    }
}
const MAX_EXTENDS_DEPTH: usize = 8;

#[derive(Debug, thiserror::Error)]
pub enum RuleError {
    #[error("{file}:{line}:{column}: {message}")]
    Syntax {
        file: String,
        line: u64,
        column: u64,
        message: String,
    },
    #[error("{file}: {message}")]
    File { file: String, message: String },
    #[error("{file}:{line}:{column}: rule `{rule}`: {message}")]
    Rule {
        file: String,
        rule: String,
        line: u64,
        column: u64,
        message: String,
    },
}

/// One rule file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    /// `default` (the embedded rule set) or a path relative to this file.
    #[serde(default)]
    pub extends: Option<String>,
    /// Rule ids (`cues.say`, `hedges.modal`) removed from what this file extends.
    #[serde(default)]
    pub disable: Vec<String>,
    #[serde(default)]
    pub words: WordLists,
    #[serde(default)]
    pub cues: BTreeMap<String, CueRule>,
    #[serde(default)]
    pub sources: BTreeMap<String, SourceRule>,
    #[serde(default)]
    pub hedges: BTreeMap<String, HedgeRule>,
    #[serde(default)]
    pub patterns: BTreeMap<String, PatternRule>,
}

/// Closed-class word lists used by the grammar. A list given in a file
/// replaces the one it extends.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WordLists {
    pub determiners: Option<Vec<String>>,
    pub auxiliaries: Option<Vec<String>>,
    pub adverbs: Option<Vec<String>>,
    pub negations: Option<Vec<String>>,
    pub function_words: Option<Vec<String>>,
    pub prepositions: Option<Vec<String>>,
    pub time_words: Option<Vec<String>>,
    pub pronouns_person: Option<Vec<String>>,
    pub pronouns_group: Option<Vec<String>>,
    pub pronouns_thing: Option<Vec<String>>,
    pub relative_pronouns: Option<Vec<String>>,
    pub connectors: Option<Vec<String>>,
    pub titles: Option<Vec<String>>,
    pub months: Option<Vec<String>>,
    /// Words that make a clause conditional ("if", "unless").
    pub conditionals: Option<Vec<String>>,
    /// Labels that open a line like a speaker but are none ("Update:",
    /// "Editor's note:", "Related:").
    pub labels: Option<Vec<String>>,
    /// Phrases that continue a source after its head ("familiar with").
    pub post_modifiers: Option<Vec<String>>,
    /// Irregular past forms of verbs ("made", "broke"), which end a noun
    /// phrase read rightwards ("Mr. Trump struck a softer tone").
    pub past_verbs: Option<Vec<String>>,
    /// Words that make a plural noun a group ("many", "both", "several").
    pub quantifiers: Option<Vec<String>>,
    /// Forms of "be" that make a participle passive.
    pub be_forms: Option<Vec<String>>,
    /// Plurals without -s that can head a group source.
    pub irregular_plurals: Option<Vec<String>>,
    /// Words before a month name that make it a date.
    pub date_prepositions: Option<Vec<String>>,
    /// Abbreviations that keep their dot before a name (case-sensitive).
    pub abbreviations: Option<Vec<String>>,
}

impl WordLists {
    fn merge(&mut self, other: WordLists) {
        macro_rules! take {
            ($($f:ident),*) => { $( if other.$f.is_some() { self.$f = other.$f; } )* };
        }
        take!(
            determiners,
            auxiliaries,
            adverbs,
            negations,
            function_words,
            prepositions,
            time_words,
            pronouns_person,
            pronouns_group,
            pronouns_thing,
            relative_pronouns,
            connectors,
            titles,
            months,
            conditionals,
            labels,
            post_modifiers,
            past_verbs,
            quantifiers,
            be_forms,
            irregular_plurals,
            date_prepositions,
            abbreviations
        );
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CueClass {
    /// A reporting verb: say, announce, believe, deny.
    Verb,
    /// A reporting noun: reports (that), claim (that), statement.
    Noun,
    /// A prepositional cue: according to, citing, as reported by.
    Prep,
    /// A passive participle of agentless attribution: believed, reported.
    Passive,
    /// A photo credit word: photo, photograph.
    Credit,
    /// The dash after a wire credit ("(Reuters) -") or before the speaker
    /// of a quotation ("“…” ― Ana Ruiz").
    Dash,
    /// A colon after a speaker: transcripts ("PENCE: Well, ...") and
    /// headlines ("Poll: Clinton and Trump tied").
    Colon,
}

impl CueClass {
    pub fn as_str(&self) -> &'static str {
        match self {
            CueClass::Verb => "verb",
            CueClass::Noun => "noun",
            CueClass::Prep => "prep",
            CueClass::Passive => "passive",
            CueClass::Credit => "credit",
            CueClass::Dash => "dash",
            CueClass::Colon => "colon",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CueRule {
    pub class: CueClass,
    #[serde(default = "neutral")]
    pub tone: Tone,
    /// Every inflected form, lowercase; several words for a phrase.
    pub forms: Vec<String>,
    /// Hedge weight the cue itself adds to its claim ("indicate": weaker than "say").
    #[serde(default)]
    pub hedge: f64,
    /// The verb takes an addressee before its content ("told the meeting that").
    #[serde(default)]
    pub takes_object: bool,
    /// Counts only after an auxiliary ("has learned", not "learned to swim").
    #[serde(default)]
    pub needs_auxiliary: bool,
    /// The source is one the clause's reporter cites ("X, the paper reported,
    /// citing Y"): the claim is nested under the reporter's.
    #[serde(default)]
    pub cites: bool,
    /// The verb is one of plain speech ("said", "told"): whatever noun phrase
    /// stands before it is its speaker ("the lawyer said he would go"), not
    /// only names, titles and source words.
    #[serde(default)]
    pub speech: bool,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub examples: Vec<Example>,
}

fn neutral() -> Tone {
    Tone::Neutral
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRule {
    #[serde(rename = "type")]
    pub source_type: SourceType,
    /// Lowercase head nouns: the last word of the source phrase.
    #[serde(default)]
    pub heads: Vec<String>,
    /// Lowercase words or phrases anywhere in the phrase or right after it
    /// ("familiar with", "on condition of anonymity").
    #[serde(default)]
    pub markers: Vec<String>,
    /// Proper names, case-sensitive ("Reuters", "Associated Press").
    #[serde(default)]
    pub names: Vec<String>,
    /// Higher wins when several rules match one source.
    #[serde(default)]
    pub priority: i32,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub examples: Vec<Example>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HedgeGuard {
    /// "would" hedges only in a conditional, not as future-in-the-past after a
    /// reporting verb whose own subject it continues ("they said they would").
    Conditional,
    /// "May" the month is not a hedge.
    NotMonth,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HedgeRule {
    /// Positive for hedges, negative for boosters.
    pub weight: f64,
    /// Lowercase words or phrases.
    pub words: Vec<String>,
    #[serde(default)]
    pub guard: Option<HedgeGuard>,
    /// Weight when negated ("not certain" hedges although "certain" boosts).
    #[serde(default)]
    pub negated_weight: Option<f64>,
    /// The cue hedges only when the next word is one of these ("appeared
    /// to", not "appeared in the film").
    #[serde(default)]
    pub followed_by: Vec<String>,
    /// The cue does not hedge when the next word is one of these ("could
    /// not", "possible to").
    #[serde(default)]
    pub not_followed_by: Vec<String>,
    /// The cue does not hedge after one of these words ("as possible",
    /// "even if").
    #[serde(default)]
    pub not_preceded_by: Vec<String>,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub examples: Vec<Example>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PatternKind {
    AccordingTo,
    Indirect,
    Direct,
    Agentless,
    Noun,
    /// A photo or wire credit rather than a claim.
    Credit,
}

impl PatternKind {
    pub fn claim_kind(&self) -> Option<Kind> {
        match self {
            PatternKind::AccordingTo => Some(Kind::AccordingTo),
            PatternKind::Indirect => Some(Kind::Indirect),
            PatternKind::Direct => Some(Kind::Direct),
            PatternKind::Agentless => Some(Kind::Agentless),
            PatternKind::Noun => Some(Kind::Noun),
            PatternKind::Credit => None,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatternRule {
    pub kind: PatternKind,
    pub pattern: Spanned<String>,
    /// Higher is tried first on each cue.
    #[serde(default)]
    pub priority: i32,
    /// No source slot: the source is the one of the clause this attaches to
    /// ("..., adding that ...").
    #[serde(default)]
    pub inherit_source: bool,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub examples: Vec<Example>,
}

/// Text a rule must (or must not) match, with what the analysis must report.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub text: String,
    /// The rule must not fire anywhere in `text`.
    #[serde(default)]
    pub no_match: bool,
    pub source: Option<String>,
    /// The attribution has no source (agentless).
    #[serde(default)]
    pub no_source: bool,
    pub cue: Option<String>,
    pub content: Option<String>,
    pub kind: Option<Kind>,
    pub source_type: Option<SourceType>,
    pub entity: Option<String>,
    pub hedge: Option<HedgeLevel>,
    /// For credit rules: the credited source.
    pub credit: Option<String>,
}

/// Where a rule came from, for error messages.
#[derive(Debug, Clone)]
pub struct Origin {
    pub file: String,
}

/// A merged, not yet compiled rule set.
#[derive(Debug, Default, Clone)]
pub struct RuleSource {
    pub words: WordLists,
    pub cues: BTreeMap<String, (CueRule, Origin)>,
    pub sources: BTreeMap<String, (SourceRule, Origin)>,
    pub hedges: BTreeMap<String, (HedgeRule, Origin)>,
    pub patterns: BTreeMap<String, (PatternRule, Origin, Pattern)>,
}

impl RuleSource {
    /// The embedded default rule set.
    pub fn embedded() -> Result<Self, RuleError> {
        // Parsing the YAML is most of a run's start-up, and the files are
        // independent: each is parsed on a thread of its own (or here, if
        // no thread can be started), then merged in order, so the result
        // and the first error are the sequential ones.
        let parse = |&(name, text): &(&str, &str)| parse_file(name, text, &Limits::default());
        let parsed: Vec<_> = std::thread::scope(|scope| {
            let (first, rest) = DEFAULT_FILES.split_first().expect("default rule files");
            let started: Vec<_> = rest
                .iter()
                .map(|f| {
                    std::thread::Builder::new()
                        .spawn_scoped(scope, move || parse(f))
                        .map_err(|_| f)
                })
                .collect();
            std::iter::once(parse(first))
                .chain(started.into_iter().map(|thread| {
                    match thread {
                        Ok(handle) => handle
                            .join()
                            .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                        Err(f) => parse(f),
                    }
                }))
                .collect()
        });
        let mut set = RuleSource::default();
        for ((name, text), file) in DEFAULT_FILES.iter().zip(parsed) {
            set.merge(name, text, file?)?;
        }
        Ok(set)
    }

    /// Loads a rule file and everything it extends.
    pub fn from_path(path: &Path) -> Result<Self, RuleError> {
        Self::from_path_with(path, &Limits::default())
    }

    /// As [`RuleSource::from_path`], with other limits for every file read.
    pub fn from_path_with(path: &Path, limits: &Limits) -> Result<Self, RuleError> {
        load(path, 0, limits)
    }

    /// Loads rules from a string (`name` is used in messages).
    pub fn from_yaml(name: &str, text: &str, base_dir: Option<&Path>) -> Result<Self, RuleError> {
        Self::from_yaml_with(name, text, base_dir, &Limits::default())
    }

    /// As [`RuleSource::from_yaml`], with other limits.
    pub fn from_yaml_with(
        name: &str,
        text: &str,
        base_dir: Option<&Path>,
        limits: &Limits,
    ) -> Result<Self, RuleError> {
        if text.len() as u64 > limits.max_file_bytes {
            return Err(too_big(name, text.len() as u64, limits));
        }
        let file = parse_file(name, text, limits)?;
        let mut set = match &file.extends {
            None => RuleSource::default(),
            Some(parent) => resolve_extends(name, parent, base_dir, 1, limits)?,
        };
        set.merge(name, text, file)?;
        Ok(set)
    }

    fn merge(&mut self, name: &str, text: &str, file: RuleFile) -> Result<(), RuleError> {
        let origin = Origin {
            file: name.to_string(),
        };
        for id in &file.disable {
            let removed = match id.split_once('.') {
                Some(("cues", r)) => self.cues.remove(r).is_some(),
                Some(("sources", r)) => self.sources.remove(r).is_some(),
                Some(("hedges", r)) => self.hedges.remove(r).is_some(),
                Some(("patterns", r)) => self.patterns.remove(r).is_some(),
                _ => false,
            };
            if !removed {
                return Err(RuleError::File {
                    file: name.to_string(),
                    message: format!(
                        "`disable: {id}` names no rule it extends (ids look like cues.say, sources.vague, hedges.modal, patterns.subject-verb)"
                    ),
                });
            }
        }
        self.words.merge(file.words);
        for (id, rule) in file.cues {
            self.cues.insert(id, (rule, origin.clone()));
        }
        for (id, rule) in file.sources {
            self.sources.insert(id, (rule, origin.clone()));
        }
        for (id, rule) in file.hedges {
            self.hedges.insert(id, (rule, origin.clone()));
        }
        for (id, rule) in file.patterns {
            let parsed = pattern::parse(&rule.pattern.value).map_err(|e| RuleError::Rule {
                file: name.to_string(),
                rule: format!("patterns.{id}"),
                line: rule.pattern.referenced.line(),
                column: pattern_column(text, &rule.pattern, e.column),
                message: e.message.clone(),
            })?;
            self.patterns.insert(id, (rule, origin.clone(), parsed));
        }
        Ok(())
    }
}

/// The file column of character `column` (1-based) of a pattern: after the
/// opening quote when the YAML scalar is quoted.
fn pattern_column(text: &str, pattern: &Spanned<String>, column: usize) -> u64 {
    let start = pattern.referenced.column();
    let line = text
        .lines()
        .nth(pattern.referenced.line().saturating_sub(1) as usize);
    let quoted = line
        .and_then(|l| l.chars().nth(start.saturating_sub(1) as usize))
        .is_some_and(|c| c == '"' || c == '\'');
    start + column as u64 - u64::from(!quoted)
}

fn parse_file(name: &str, text: &str, limits: &Limits) -> Result<RuleFile, RuleError> {
    if text.trim().is_empty() {
        return Err(RuleError::File {
            file: name.to_string(),
            message: "the rule file is empty".into(),
        });
    }
    serde_saphyr::from_str_with_options::<RuleFile>(text, limits.yaml_options()).map_err(|e| {
        let (line, column, message) = yaml_error(&e, "invalid rule file");
        RuleError::Syntax {
            file: name.to_string(),
            line,
            column,
            message,
        }
    })
}

/// Line, column and message of a YAML error (rule sets and policies alike);
/// `fallback` stands in for an empty message.
pub(crate) fn yaml_error(e: &serde_saphyr::Error, fallback: &str) -> (u64, u64, String) {
    let (line, column) = e
        .location()
        .map(|l| (l.line(), l.column()))
        .unwrap_or((1, 1));
    // serde-saphyr wraps the error it met in snippet and alias layers.
    let mut inner = e;
    while let serde_saphyr::Error::WithSnippet { error, .. }
    | serde_saphyr::Error::AliasError { error, .. } = inner
    {
        inner = error;
    }
    let message = match inner {
        serde_saphyr::Error::Budget { breach, .. } => budget_message(breach),
        _ => first_line(&e.to_string(), fallback),
    };
    (line, column, message)
}

/// A breached YAML budget in words (serde-saphyr prints the Debug form).
fn budget_message(breach: &serde_saphyr::budget::BudgetBreach) -> String {
    use serde_saphyr::budget::BudgetBreach as B;
    match breach {
        B::Aliases { aliases } => format!("over the YAML alias limit ({aliases} aliases `*name`)"),
        B::Depth { depth } => format!("over the YAML nesting limit (depth {depth})"),
        other => format!("over a YAML size limit: {other:?}"),
    }
}

fn too_big(name: &str, bytes: u64, limits: &Limits) -> RuleError {
    RuleError::File {
        file: name.to_string(),
        message: format!(
            "rule file is {bytes} bytes; the limit is {}",
            limits.max_file_bytes
        ),
    }
}

/// serde-saphyr renders a snippet under the message; the first line says what is wrong.
fn first_line(message: &str, fallback: &str) -> String {
    let line = message
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or(fallback)
        .trim();
    // The position is reported separately: drop "error: line L column C: ".
    let line = line.strip_prefix("error: ").unwrap_or(line);
    match line
        .strip_prefix("line ")
        .and_then(|rest| rest.split_once(": "))
    {
        Some((position, rest)) if position.contains("column") => rest.to_string(),
        _ => line.to_string(),
    }
}

fn load(path: &Path, depth: usize, limits: &Limits) -> Result<RuleSource, RuleError> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| RuleError::File {
        file: name.clone(),
        message: e.to_string(),
    })?;
    if meta.len() > limits.max_file_bytes {
        return Err(too_big(&name, meta.len(), limits));
    }
    let bytes = std::fs::read(path).map_err(|e| RuleError::File {
        file: name.clone(),
        message: e.to_string(),
    })?;
    let text = String::from_utf8(bytes).map_err(|e| RuleError::File {
        file: name.clone(),
        message: format!("not valid UTF-8 at byte {}", e.utf8_error().valid_up_to()),
    })?;
    let file = parse_file(&name, &text, limits)?;
    let mut set = match &file.extends {
        None => RuleSource::default(),
        Some(parent) => resolve_extends(&name, parent, path.parent(), depth + 1, limits)?,
    };
    set.merge(&name, &text, file)?;
    Ok(set)
}

fn resolve_extends(
    name: &str,
    parent: &str,
    base_dir: Option<&Path>,
    depth: usize,
    limits: &Limits,
) -> Result<RuleSource, RuleError> {
    if depth > MAX_EXTENDS_DEPTH {
        return Err(RuleError::File {
            file: name.to_string(),
            message: format!("`extends:` goes deeper than {MAX_EXTENDS_DEPTH} files (a cycle?)"),
        });
    }
    if parent == "default" {
        return RuleSource::embedded();
    }
    let path: PathBuf = base_dir.unwrap_or(Path::new(".")).join(parent);
    load(&path, depth, limits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_rule_set_loads() {
        let set = RuleSource::embedded().unwrap();
        assert!(set.cues.contains_key("say"));
        assert!(!set.patterns.is_empty());
    }

    #[test]
    fn unknown_keys_are_errors_with_a_position() {
        let err = RuleSource::from_yaml(
            "user.yaml",
            "cues:\n  say:\n    class: verb\n    forms: [say]\n    colour: red\n",
            None,
        )
        .unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("user.yaml:5:"), "{msg}");
        assert!(msg.contains("colour"), "{msg}");
    }

    #[test]
    fn a_bad_pattern_names_rule_line_and_column() {
        let yaml =
            "patterns:\n  mine:\n    kind: indirect\n    pattern: \"{source} {cue} {nope}\"\n";
        let err = RuleSource::from_yaml("p.yaml", yaml, None).unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("p.yaml:4:"), "{msg}");
        assert!(msg.contains("patterns.mine"), "{msg}");
    }

    #[test]
    fn extends_default_then_overrides_and_disables() {
        let yaml = "extends: default\ndisable: [cues.say]\ncues:\n  opine:\n    class: verb\n    tone: loaded\n    forms: [opined]\n";
        let set = RuleSource::from_yaml("u.yaml", yaml, None).unwrap();
        assert!(!set.cues.contains_key("say"));
        assert!(set.cues.contains_key("opine"));
        assert!(set.patterns.contains_key("subject-verb"));
    }

    #[test]
    fn disabling_an_unknown_rule_is_an_error() {
        let err = RuleSource::from_yaml(
            "u.yaml",
            "extends: default\ndisable: [cues.nothing]\n",
            None,
        )
        .unwrap_err();
        assert!(err.to_string().contains("cues.nothing"));
    }
}
