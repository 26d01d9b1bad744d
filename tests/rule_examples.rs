//! Every rule in the default rule set carries examples; each must hold.

#[test]
fn every_default_rule_example_holds() {
    let report = claimtrace::examples::run(claimtrace::RuleSet::default_rules());
    let failures: Vec<String> = report.failures.iter().map(ToString::to_string).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(report.passed > 50, "only {} examples ran", report.passed);
}

#[test]
fn every_default_rule_has_an_example() {
    let src = &claimtrace::RuleSet::default_rules().source;
    let mut missing = Vec::new();
    for (id, (r, _)) in &src.cues {
        if r.examples.is_empty() {
            missing.push(format!("cues.{id}"));
        }
    }
    for (id, (r, _)) in &src.sources {
        if r.examples.is_empty() {
            missing.push(format!("sources.{id}"));
        }
    }
    for (id, (r, _)) in &src.hedges {
        if r.examples.is_empty() {
            missing.push(format!("hedges.{id}"));
        }
    }
    for (id, (r, _, _)) in &src.patterns {
        if r.examples.is_empty() {
            missing.push(format!("patterns.{id}"));
        }
    }
    assert!(missing.is_empty(), "rules without examples: {missing:?}");
}
