//! Every check firing and not firing, through the library: analysis →
//! policy evaluation, one check turned on at a time.

use claimtrace::policy::{CheckConfig, CheckId, Finding, Level, Policy, evaluate, load_str};
use claimtrace::{HedgeLevel, markup};

fn run_with(
    id: CheckId,
    text: &str,
    tweak: impl FnOnce(&mut CheckConfig, &mut Policy),
) -> Vec<Finding> {
    let mut policy = Policy::none();
    let mut config = CheckConfig::base(id);
    config.level = Level::Warning;
    tweak(&mut config, &mut policy);
    policy.checks.insert(id, config);
    let analysis = claimtrace::analyze(text);
    evaluate(&policy, &analysis, text)
}

fn run(id: CheckId, text: &str) -> Vec<Finding> {
    run_with(id, text, |_, _| {})
}

fn texts<'a>(text: &'a str, findings: &[Finding]) -> Vec<&'a str> {
    findings
        .iter()
        .map(|f| f.span.map_or("(document)", |s| &text[s.start..s.end]))
        .collect()
}

#[test]
fn vague_source() {
    let t = "Analysts say the reform will fail.";
    let f = run(CheckId::VagueSource, t);
    assert_eq!(texts(t, &f), ["Analysts"]);
    assert_eq!(f[0].message, "vague source “Analysts”: say who");
    assert_eq!(f[0].item.as_deref(), Some("a1"));
    assert!(
        run(
            CheckId::VagueSource,
            "Finance Minister Clara Vendt said the reform will fail."
        )
        .is_empty()
    );
    let allowed = run_with(CheckId::VagueSource, t, |c, _| {
        c.allow = vec!["analysts".into()]
    });
    assert!(allowed.is_empty());
}

#[test]
fn weasel_checks_stay_out_of_quoted_speech_unless_asked() {
    let t = "“Analysts say the reform will fail,” Vendt said.";
    assert!(run(CheckId::VagueSource, t).is_empty());
    let f = run_with(CheckId::VagueSource, t, |_, p| p.include_quotes = true);
    assert_eq!(texts(t, &f), ["Analysts"]);
    let f = run_with(CheckId::VagueSource, t, |c, _| {
        c.include_quotes = Some(true)
    });
    assert_eq!(texts(t, &f), ["Analysts"]);
}

#[test]
fn anonymous_source_needs_a_reason() {
    let t = "A source familiar with the talks said a deal was close.";
    let f = run(CheckId::AnonymousSource, t);
    assert_eq!(texts(t, &f), ["A source familiar with the talks"]);
    let reasoned = "An official, who spoke on condition of anonymity because he was not authorized to discuss the talks, said a deal was close.";
    assert!(run(CheckId::AnonymousSource, reasoned).is_empty());
    let next = "A source familiar with the talks said a deal was close. The source asked not to be named for fear of reprisals.";
    assert!(run(CheckId::AnonymousSource, next).is_empty());
    let custom = run_with(CheckId::AnonymousSource, next, |c, _| {
        c.reasons = vec!["because".into()]
    });
    assert!(!custom.is_empty());
}

#[test]
fn unattributed_claim() {
    let t = "The port handled 2.3 million containers last year.";
    let f = run(CheckId::UnattributedClaim, t);
    assert_eq!(texts(t, &f), [t]);
    assert_eq!(f[0].item.as_deref(), Some("u1"));
    assert!(
        run(
            CheckId::UnattributedClaim,
            "The port handled 2.3 million containers last year, the authority said."
        )
        .is_empty()
    );
    assert!(run_with(CheckId::UnattributedClaim, t, |c, _| c.min_words = 20).is_empty());
}

#[test]
fn quote_without_speaker() {
    let t = "The union met on Monday.\n\n“This is the worst dispute in a decade.”";
    let f = run(CheckId::QuoteWithoutSpeaker, t);
    assert_eq!(f.len(), 1);
    assert!(
        f[0].message
            .contains("“This is the worst dispute in a decade.”"),
        "{}",
        f[0].message
    );
    let said = "“This is the worst dispute in a decade,” union leader Petra Holm said.";
    assert!(run(CheckId::QuoteWithoutSpeaker, said).is_empty());
    let anon = "“This is the worst dispute in a decade,” a source familiar with the talks said.";
    assert!(run(CheckId::QuoteWithoutSpeaker, anon).is_empty());
    let f = run_with(CheckId::QuoteWithoutSpeaker, anon, |c, _| c.named = true);
    assert_eq!(f.len(), 1);
    assert!(
        f[0].message
            .contains("credited to “a source familiar with the talks”"),
        "{}",
        f[0].message
    );
}

#[test]
fn loaded_cue_verb() {
    let t = "The company claimed the figures were wrong.";
    let f = run(CheckId::LoadedCueVerb, t);
    assert_eq!(texts(t, &f), ["claimed"]);
    assert!(
        run(
            CheckId::LoadedCueVerb,
            "The company said the figures were wrong."
        )
        .is_empty()
    );
    assert!(
        run_with(CheckId::LoadedCueVerb, t, |c, _| c.allow =
            vec!["claimed".into()])
        .is_empty()
    );
}

#[test]
fn hedged_without_source() {
    let t = "The drug may possibly reduce the risk of stroke.";
    let f = run(CheckId::HedgedWithoutSource, t);
    assert_eq!(f.len(), 1);
    assert!(
        f[0].message.contains("“may”, “possibly”"),
        "{}",
        f[0].message
    );
    assert!(
        run(
            CheckId::HedgedWithoutSource,
            "The drug reduces the risk of stroke."
        )
        .is_empty()
    );
    // The hedge belongs to a source: not the author's voice.
    assert!(
        run(
            CheckId::HedgedWithoutSource,
            "Doctors said the drug may possibly reduce the risk of stroke."
        )
        .is_empty()
    );
    let may = "The drug may reduce the risk of stroke.";
    assert_eq!(run(CheckId::HedgedWithoutSource, may).len(), 1);
    assert!(
        run_with(CheckId::HedgedWithoutSource, may, |c, _| c.min_level =
            HedgeLevel::High)
        .is_empty()
    );
    let quoted = "The trial ended in May.\n\n“The drug may possibly reduce the risk of stroke.”";
    assert!(run(CheckId::HedgedWithoutSource, quoted).is_empty());
    assert_eq!(
        run_with(CheckId::HedgedWithoutSource, quoted, |_, p| p
            .include_quotes =
            true)
        .len(),
        1
    );
}

#[test]
fn agentless_attribution() {
    let t = "It is believed that the minister will resign.";
    let f = run(CheckId::AgentlessAttribution, t);
    assert_eq!(texts(t, &f), ["is believed"]);
    assert!(
        run(
            CheckId::AgentlessAttribution,
            "Aides to the minister said that she will resign."
        )
        .is_empty()
    );
}

const ONE_SOURCE: &str = "Finance Minister Clara Vendt said the deficit had fallen. Vendt said taxes would not rise. She added that hospitals would be spared.";
const TWO_SOURCES: &str = "Finance Minister Clara Vendt said the deficit had fallen. Opposition spokesman Oskar Lind said the budget was a trick. Vendt said taxes would not rise.";

#[test]
fn single_source_article() {
    let f = run(CheckId::SingleSourceArticle, ONE_SOURCE);
    assert_eq!(f.len(), 1);
    assert!(f[0].span.is_none());
    assert!(f[0].message.contains("Clara Vendt"), "{}", f[0].message);
    assert!(run(CheckId::SingleSourceArticle, TWO_SOURCES).is_empty());
    assert!(
        run_with(CheckId::SingleSourceArticle, ONE_SOURCE, |c, _| c
            .min_claims =
            5)
        .is_empty()
    );
}

#[test]
fn min_distinct_sources() {
    let f = run(CheckId::MinDistinctSources, ONE_SOURCE);
    assert_eq!(f.len(), 1);
    assert!(
        f[0].message.starts_with("1 distinct sources"),
        "{}",
        f[0].message
    );
    assert!(run(CheckId::MinDistinctSources, TWO_SOURCES).is_empty());
    assert_eq!(
        run_with(CheckId::MinDistinctSources, TWO_SOURCES, |c, _| c.min = 3.0).len(),
        1
    );
}

#[test]
fn max_unattributed_share() {
    let t = "The port opened in 1850. It handles two million containers a year. Its cranes are the tallest in the country. Port director Lena Berg said the strike was costly. Trade has doubled since 2000.";
    let f = run(CheckId::MaxUnattributedShare, t);
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(
        f[0].message.starts_with("80% of the claims"),
        "{}",
        f[0].message
    );
    assert!(run_with(CheckId::MaxUnattributedShare, t, |c, _| c.max = 0.8).is_empty());
    assert!(run_with(CheckId::MaxUnattributedShare, t, |c, _| c.min_claims = 6).is_empty());
}

#[test]
fn min_named_share() {
    let t = "Analysts said the plan would fail. Critics said it was too late. Experts said it was costly. Vendt said it would work.";
    let f = run(CheckId::MinNamedShare, t);
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(
        f[0].message.starts_with("25% of the attributed claims"),
        "{}",
        f[0].message
    );
    assert!(run_with(CheckId::MinNamedShare, t, |c, _| c.min = 0.25).is_empty());
    assert!(run(CheckId::MinNamedShare, TWO_SOURCES).is_empty());
}

#[test]
fn words_to_watch() {
    let words =
        |c: &mut CheckConfig, _: &mut Policy| c.words = vec!["so-called".into(), "clearly".into()];
    let t = "The so-called reform was clearly a failure.";
    let f = run_with(CheckId::WordsToWatch, t, words);
    assert_eq!(texts(t, &f), ["so-called", "clearly"]);
    assert!(run_with(CheckId::WordsToWatch, "The reform was a failure.", words).is_empty());
    let quoted = "“The so-called reform failed,” Vendt said.";
    assert!(run_with(CheckId::WordsToWatch, quoted, words).is_empty());
}

#[test]
fn messages_and_links_come_from_the_policy() {
    let policy = load_str(
        "p.yaml",
        "extends: none\nchecks:\n  vague-source:\n    level: error\n    message: \"name them, not {text}\"\n    link: https://example.org/style#sources\n",
        None,
        &mut |_| unreachable!(),
    )
    .unwrap();
    let t = "Analysts say the reform will fail.";
    let f = evaluate(&policy, &claimtrace::analyze(t), t);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].level, Level::Error);
    assert_eq!(f[0].message, "name them, not Analysts");
    assert_eq!(
        f[0].link.as_deref(),
        Some("https://example.org/style#sources")
    );
}

#[test]
fn markdown_findings_point_into_the_original_file() {
    let src = "---\ntitle: x\n---\n\n*Analysts* say the [reform](https://x.test) will fail.\n";
    let prose = markup::extract(markup::Markup::Markdown, src);
    let policy = Policy::builtin("default").unwrap();
    let analysis = claimtrace::analyze::analyze(&prose.text, claimtrace::RuleSet::default_rules());
    let f = evaluate(&policy, &analysis, &prose.text);
    let vague = f
        .iter()
        .find(|f| f.check == CheckId::VagueSource)
        .expect("vague-source");
    let s = prose.to_original(vague.span.unwrap());
    assert_eq!(&src[s.start..s.end], "Analysts");
}

#[test]
fn every_weasel_and_hedge_check_stays_out_of_quotes_unless_asked() {
    let cases: &[(CheckId, &str, &str)] = &[
        (
            CheckId::VagueSource,
            "“Analysts say the reform will fail,” Vendt said.",
            "Analysts",
        ),
        (
            CheckId::AnonymousSource,
            "“A source familiar with the talks said a deal was close,” Vendt said.",
            "A source familiar with the talks",
        ),
        (
            CheckId::AgentlessAttribution,
            "“It is believed that the minister will resign,” Vendt said.",
            "is believed",
        ),
        (
            CheckId::LoadedCueVerb,
            "“The company claimed the figures were wrong,” Vendt said.",
            "claimed",
        ),
        (
            CheckId::WordsToWatch,
            "“The so-called reform failed,” Vendt said.",
            "so-called",
        ),
    ];
    for &(id, text, expected) in cases {
        let words = |c: &mut CheckConfig| c.words = vec!["so-called".into()];
        let quiet = run_with(id, text, |c, _| words(c));
        assert!(quiet.is_empty(), "{id}: {quiet:?}");
        let loud = run_with(id, text, |c, _| {
            words(c);
            c.include_quotes = Some(true);
        });
        assert_eq!(texts(text, &loud), [expected], "{id}");
    }
    // hedged-without-source: the quotation is the speaker's own claim.
    let quoted = "The trial ended in May.\n\n“The drug may possibly reduce the risk of stroke.”";
    assert!(run(CheckId::HedgedWithoutSource, quoted).is_empty());
    let f = run_with(CheckId::HedgedWithoutSource, quoted, |c, _| {
        c.include_quotes = Some(true)
    });
    assert_eq!(f.len(), 1);
}

/// The fenced blocks of a Markdown file tagged `lang`, with the heading
/// they stand under.
fn yaml_blocks(markdown: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut heading = String::new();
    let mut block: Option<String> = None;
    for line in markdown.lines() {
        match &mut block {
            Some(body) if line.trim() == "```" => {
                out.push((heading.clone(), std::mem::take(body)));
                block = None;
            }
            Some(body) => {
                body.push_str(line);
                body.push('\n');
            }
            None if line.trim() == "```yaml" => block = Some(String::new()),
            None if line.starts_with('#') => heading = line.to_string(),
            None => {}
        }
    }
    out
}

fn policies_md() -> String {
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/policies.md"),
    )
    .unwrap()
}

#[test]
fn every_yaml_example_in_docs_policies_md_loads() {
    let blocks = yaml_blocks(&policies_md());
    assert!(blocks.len() > 12, "{}", blocks.len());
    for (heading, yaml) in &blocks {
        load_str("example.yaml", yaml, None, &mut |_| {
            Err(std::io::Error::other("examples extend built-ins only"))
        })
        .unwrap_or_else(|e| panic!("{heading}: {e}\n{yaml}"));
    }
}

#[test]
fn every_policy_option_is_documented_with_an_example() {
    let doc = policies_md();
    let blocks = yaml_blocks(&doc);
    let anywhere = |needle: &str| blocks.iter().any(|(_, y)| y.contains(needle));
    for key in [
        "extends",
        "rules",
        "include_quotes",
        "fail_on",
        "exclude",
        "checks",
    ] {
        assert!(
            blocks
                .iter()
                .any(|(_, y)| y.lines().any(|l| l.starts_with(&format!("{key}:")))),
            "top-level `{key}` has no example"
        );
        assert!(
            doc.contains(&format!("| `{key}` |")),
            "`{key}` is not in the table"
        );
    }
    for setting in ["level", "message", "link", "include_quotes"] {
        assert!(
            anywhere(&format!("\n    {setting}:")),
            "check setting `{setting}` has no example"
        );
    }
    for id in CheckId::ALL {
        let heading = format!("### `{id}`");
        let examples: Vec<&String> = blocks
            .iter()
            .filter(|(h, _)| h.starts_with(&heading))
            .map(|(_, y)| y)
            .collect();
        assert!(
            examples.iter().any(|y| y.contains(&format!("  {id}:"))),
            "{id} has no example under its heading"
        );
        for option in id.options() {
            assert!(
                examples
                    .iter()
                    .any(|y| y.contains(&format!("    {option}:"))),
                "{id}: option `{option}` has no example"
            );
            assert!(
                doc.contains(&format!("| `{option}` |")),
                "{id}: option `{option}` is not in a table"
            );
        }
    }
}
