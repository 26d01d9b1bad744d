//! Suppression: inline directive comments and the baseline file.

use super::{CheckId, Finding};
use crate::markup::{Directive, DirectiveKind};
use crate::model::Span;
use crate::position::LineIndex;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The baseline file's schema id.
pub const BASELINE_SCHEMA: &str = "claimtrace-baseline/1";

/// Findings that a directive or the baseline took out of the report.
#[derive(Debug, Default)]
pub struct Suppressed {
    /// Silenced by a `claimtrace-disable…` comment.
    pub by_comment: Vec<Finding>,
    /// Directive problems: an unknown check id, as (comment span, message).
    pub problems: Vec<(Span, String)>,
}

/// Splits findings (spans into `text`, the original file) into those the
/// file's directives leave and those they silence.
pub fn apply_directives(
    findings: Vec<Finding>,
    directives: &[Directive],
    text: &str,
) -> (Vec<Finding>, Suppressed) {
    let mut suppressed = Suppressed::default();
    for d in directives {
        for c in &d.checks {
            if CheckId::from_id(c).is_none() {
                suppressed.problems.push((
                    d.comment,
                    format!(
                        "unknown check `{c}` in `{}`; checks are {}",
                        d.kind.as_str(),
                        CheckId::ALL
                            .iter()
                            .map(|c| c.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            }
        }
    }
    if directives.is_empty() {
        return (findings, suppressed);
    }
    let index = LineIndex::new(text);
    let names = |d: &Directive, id: CheckId| {
        d.checks.is_empty() || d.checks.iter().any(|c| c == id.as_str())
    };
    // Line each next-line directive points at: the first non-blank line
    // after the comment.
    let lines: Vec<&str> = text.split('\n').collect();
    let targets: Vec<Option<usize>> = directives
        .iter()
        .map(|d| match d.kind {
            DirectiveKind::DisableNextLine => {
                let (end_line, _) = index.line_col(d.comment.end);
                (end_line..lines.len())
                    .find(|&l| !lines[l].trim().is_empty())
                    .map(|l| l + 1)
            }
            DirectiveKind::DisableLine => Some(index.line_col(d.comment.start).0),
            _ => None,
        })
        .collect();
    let mut kept = Vec::with_capacity(findings.len());
    for f in findings {
        let silenced = match f.span {
            None => directives
                .iter()
                .any(|d| d.kind == DirectiveKind::Disable && names(d, f.check)),
            Some(span) => {
                let (line, _) = index.line_col(span.start);
                let mut off = false;
                for (d, target) in directives.iter().zip(&targets) {
                    if !names(d, f.check) {
                        continue;
                    }
                    match d.kind {
                        DirectiveKind::Disable if d.comment.start <= span.start => off = true,
                        DirectiveKind::Enable if d.comment.start <= span.start => off = false,
                        DirectiveKind::DisableNextLine | DirectiveKind::DisableLine
                            if *target == Some(line) =>
                        {
                            off = true;
                            break;
                        }
                        _ => {}
                    }
                }
                off
            }
        };
        if silenced {
            suppressed.by_comment.push(f);
        } else {
            kept.push(f);
        }
    }
    (kept, suppressed)
}

/// Text as compared for fingerprints: lowercase letters and digits, every
/// other run (spaces, punctuation, quotation marks) one space.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.extend(c.to_lowercase());
        } else {
            gap = true;
        }
    }
    out
}

/// A finding's fingerprint: FNV-1a (64 bits, hex) of its check and its
/// normalised subject. Line numbers are not part of it, so edits elsewhere
/// in the file keep it.
pub fn fingerprint(check: CheckId, subject: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in check
        .as_str()
        .bytes()
        .chain([0])
        .chain(normalise(subject).bytes())
    {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Findings recorded by `--write-baseline`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub schema: String,
    pub findings: Vec<BaselineEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineEntry {
    /// The path as reported (relative, `/`-separated).
    pub path: String,
    pub rule: String,
    pub fingerprint: String,
    /// The subject, for people reading the file; not compared.
    pub text: String,
}

impl Baseline {
    /// A baseline of these findings, sorted so the file diffs well.
    pub fn new(mut findings: Vec<BaselineEntry>) -> Baseline {
        findings.sort();
        Baseline {
            schema: BASELINE_SCHEMA.into(),
            findings,
        }
    }

    pub fn entry(path: &str, f: &Finding) -> BaselineEntry {
        BaselineEntry {
            path: path.to_string(),
            rule: f.check.as_str().to_string(),
            fingerprint: fingerprint(f.check, &f.subject),
            text: f.subject.chars().take(200).collect(),
        }
    }

    /// Splits one file's findings into new ones and ones the baseline
    /// knows. A fingerprint recorded n times absorbs n findings.
    pub fn split(&self, path: &str, findings: Vec<Finding>) -> (Vec<Finding>, Vec<Finding>) {
        let mut budget: HashMap<(String, String), usize> = HashMap::new();
        for e in self.findings.iter().filter(|e| e.path == path) {
            *budget
                .entry((e.rule.clone(), e.fingerprint.clone()))
                .or_default() += 1;
        }
        let (mut new, mut known) = (Vec::new(), Vec::new());
        for f in findings {
            let fp = fingerprint(f.check, &f.subject);
            match budget.get_mut(&(f.check.as_str().to_string(), fp)) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    known.push(f);
                }
                _ => new.push(f),
            }
        }
        (new, known)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Level;

    fn finding(check: CheckId, start: usize, subject: &str) -> Finding {
        Finding {
            check,
            level: Level::Warning,
            message: String::new(),
            span: Some(Span::new(start, start + 1)),
            subject: subject.into(),
            link: None,
            item: None,
        }
    }

    #[test]
    fn fingerprints_ignore_case_spacing_and_punctuation() {
        let a = fingerprint(CheckId::VagueSource, "Analysts  said “the plan” failed.");
        let b = fingerprint(CheckId::VagueSource, "analysts said \"the plan\"\nfailed");
        assert_eq!(a, b);
        assert_ne!(
            a,
            fingerprint(CheckId::LoadedCueVerb, "analysts said the plan failed")
        );
    }

    #[test]
    fn baseline_absorbs_as_many_findings_as_it_recorded() {
        let f = finding(CheckId::VagueSource, 0, "x");
        let base = Baseline::new(vec![Baseline::entry("a.md", &f)]);
        let (new, known) = base.split("a.md", vec![f.clone(), f.clone()]);
        assert_eq!((new.len(), known.len()), (1, 1));
        let (new, _) = base.split("b.md", vec![f]);
        assert_eq!(new.len(), 1);
    }

    #[test]
    fn directives_disable_enable_and_next_line() {
        let text = "a\n<!-- claimtrace-disable vague-source -->\nb\n<!-- claimtrace-enable -->\nc\n<!-- claimtrace-disable-next-line -->\n\nd\ne <!-- claimtrace-disable-line loaded-cue-verb -->\n";
        let p = crate::markup::extract(crate::markup::Markup::Text, text);
        let at = |s: &str| text.find(s).unwrap();
        let findings = vec![
            finding(CheckId::VagueSource, at("a\n"), "a"),
            finding(CheckId::VagueSource, at("b\n"), "b"),
            finding(CheckId::LoadedCueVerb, at("b\n"), "b"),
            finding(CheckId::VagueSource, at("c\n"), "c"),
            finding(CheckId::VagueSource, at("d\n"), "d"),
            finding(CheckId::LoadedCueVerb, at("e <"), "e"),
            finding(CheckId::VagueSource, at("e <"), "e"),
        ];
        let (kept, s) = apply_directives(findings, &p.directives, text);
        let kept: Vec<_> = kept.iter().map(|f| (f.subject.as_str(), f.check)).collect();
        assert_eq!(
            kept,
            [
                ("a", CheckId::VagueSource),
                ("b", CheckId::LoadedCueVerb),
                ("c", CheckId::VagueSource),
                ("e", CheckId::VagueSource)
            ]
        );
        assert_eq!(s.by_comment.len(), 3);
        assert!(s.problems.is_empty());
    }

    #[test]
    fn unknown_checks_in_directives_are_reported() {
        let text = "<!-- claimtrace-disable vage-source -->\n";
        let p = crate::markup::extract(crate::markup::Markup::Text, text);
        let (_, s) = apply_directives(vec![], &p.directives, text);
        assert_eq!(s.problems.len(), 1);
        assert!(s.problems[0].1.contains("vague-source"));
    }
}
