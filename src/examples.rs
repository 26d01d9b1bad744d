//! Runs every rule's `examples:`: each must produce what it says (or, with
//! `no_match`, the rule must not fire anywhere in its text).

use crate::analyze::analyze;
use crate::lexicon::RuleSet;
use crate::model::{Analysis, Attribution};
use crate::ruleset::Example;

/// One failed example.
#[derive(Debug, Clone)]
pub struct Failure {
    pub rule: String,
    pub file: String,
    pub text: String,
    pub problem: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: rule `{}`: example {:?}: {}",
            self.file, self.rule, self.text, self.problem
        )
    }
}

/// Outcome of running a rule set's examples.
#[derive(Debug, Default)]
pub struct Report {
    pub passed: usize,
    pub failures: Vec<Failure>,
}

fn norm(s: &str) -> String {
    s.trim_matches(|c: char| c.is_whitespace() || ".,;:\"“”'’‘".contains(c))
        .to_string()
}

fn fired(analysis: &Analysis, rule: &str) -> bool {
    analysis
        .attributions
        .iter()
        .any(|a| &*a.rule == rule || a.rules.iter().any(|r| &**r == rule))
        || analysis.credits.iter().any(|c| &*c.rule == rule)
        || analysis
            .unattributed
            .iter()
            .any(|c| c.hedge.cues.iter().any(|h| &*h.rule == rule))
}

fn mismatch(a: &Attribution, ex: &Example) -> Option<String> {
    let mut problems = Vec::new();
    let src = a.source.as_ref().map(|s| s.text.as_str());
    if let Some(want) = &ex.source
        && src.map(norm) != Some(norm(want))
    {
        problems.push(format!("source {src:?}, want {want:?}"));
    }
    if ex.no_source && src.is_some() {
        problems.push(format!("source {src:?}, want none"));
    }
    if let Some(want) = &ex.cue
        && norm(&a.cue.text).to_lowercase() != norm(want).to_lowercase()
    {
        problems.push(format!("cue {:?}, want {want:?}", a.cue.text));
    }
    if let Some(want) = &ex.content
        && norm(&a.content.text) != norm(want)
    {
        problems.push(format!("content {:?}, want {want:?}", a.content.text));
    }
    if let Some(want) = ex.kind
        && a.kind != want
    {
        problems.push(format!("kind {:?}, want {want:?}", a.kind));
    }
    if let Some(want) = ex.source_type
        && a.source_type != want
    {
        problems.push(format!("source type {}, want {want}", a.source_type));
    }
    if let Some(want) = &ex.entity
        && a.entity.as_deref() != Some(want.as_str())
    {
        problems.push(format!("entity {:?}, want {want:?}", a.entity));
    }
    if let Some(want) = ex.hedge
        && a.hedge.level != want
    {
        problems.push(format!("hedge {}, want {want}", a.hedge.level));
    }
    (!problems.is_empty()).then(|| problems.join("; "))
}

/// Checks one example of rule `rule` against the analysis of its text.
pub fn check(rules: &RuleSet, rule: &str, ex: &Example) -> Result<(), String> {
    let analysis = analyze(&ex.text, rules);
    if ex.no_match {
        return if fired(&analysis, rule) {
            Err("the rule fired but the example says it must not".into())
        } else {
            Ok(())
        };
    }
    if let Some(want) = &ex.credit {
        let by_rule =
            |c: &&crate::model::Credit| &*c.rule == rule || !rule.starts_with("patterns.");
        return if analysis
            .credits
            .iter()
            .filter(by_rule)
            .any(|c| norm(&c.source) == norm(want))
        {
            Ok(())
        } else {
            Err(format!(
                "no credit to {want:?}; credits: {:?}",
                analysis
                    .credits
                    .iter()
                    .map(|c| &c.source)
                    .collect::<Vec<_>>()
            ))
        };
    }
    let only_hedge =
        ex.source.is_none() && ex.cue.is_none() && ex.content.is_none() && !ex.no_source;
    if only_hedge && ex.hedge.is_some() && analysis.attributions.is_empty() {
        let hedging = ex.hedge != Some(crate::model::HedgeLevel::None);
        if rule.starts_with("hedges.") && hedging && !fired(&analysis, rule) {
            return Err("the rule did not fire".into());
        }
        let got = analysis.unattributed.iter().map(|c| c.hedge.level).max();
        return if got == ex.hedge {
            Ok(())
        } else {
            Err(format!("hedge {got:?}, want {:?}", ex.hedge))
        };
    }
    if analysis.attributions.is_empty() {
        return Err("no attribution found".into());
    }
    let mut reasons = Vec::new();
    // The example must be matched by an attribution this rule took part in
    // (a booster that only lowers the score need not appear).
    let took_part = |a: &Attribution| {
        &*a.rule == rule
            || a.rules.iter().any(|r| &**r == rule)
            || a.hedge.cues.iter().any(|c| &*c.rule == rule)
            || (rule.starts_with("hedges.") && ex.hedge == Some(crate::model::HedgeLevel::None))
    };
    for a in &analysis.attributions {
        if !took_part(a) {
            reasons.push(format!(
                "{} [{}]: rule `{rule}` did not take part",
                a.id, a.rule
            ));
            continue;
        }
        match mismatch(a, ex) {
            None => return Ok(()),
            Some(p) => reasons.push(format!("{} [{}]: {p}", a.id, a.rule)),
        }
    }
    Err(reasons.join(" | "))
}

/// Runs every example of every rule.
pub fn run(rules: &RuleSet) -> Report {
    let mut report = Report::default();
    let src = &rules.source;
    let mut all: Vec<(String, String, &Vec<Example>)> = Vec::new();
    for (id, (r, o)) in &src.cues {
        all.push((format!("cues.{id}"), o.file.clone(), &r.examples));
    }
    for (id, (r, o)) in &src.sources {
        all.push((format!("sources.{id}"), o.file.clone(), &r.examples));
    }
    for (id, (r, o)) in &src.hedges {
        all.push((format!("hedges.{id}"), o.file.clone(), &r.examples));
    }
    for (id, (r, o, _)) in &src.patterns {
        all.push((format!("patterns.{id}"), o.file.clone(), &r.examples));
    }
    for (rule, file, examples) in all {
        for ex in examples {
            match check(rules, &rule, ex) {
                Ok(()) => report.passed += 1,
                Err(problem) => report.failures.push(Failure {
                    rule: rule.clone(),
                    file: file.clone(),
                    text: ex.text.clone(),
                    problem,
                }),
            }
        }
    }
    report
}
