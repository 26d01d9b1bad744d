//! The seed article against its hand analysis in ../shared/seed/expected.yaml:
//! every attribution's spans, types, entity, chain and hedge level, the
//! unattributed sentences and the photo credit.

use claimtrace::{Analysis, Attribution, Span};
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
struct Expected {
    attributions: Vec<ExpAttribution>,
    unattributed: Vec<ExpSpan>,
    credits: Vec<ExpCredit>,
}

#[derive(Deserialize)]
struct ExpAttribution {
    id: String,
    kind: String,
    source: ExpSource,
    cue: ExpSpan,
    content: ExpSpan,
    hedge: String,
    #[serde(default)]
    chain: Vec<String>,
}

#[derive(Deserialize)]
struct ExpSource {
    text: String,
    span: [usize; 2],
    #[serde(rename = "type")]
    types: Vec<String>,
    entity: Option<String>,
}

#[derive(Deserialize)]
struct ExpSpan {
    text: String,
    span: [usize; 2],
}

#[derive(Deserialize)]
struct ExpCredit {
    span: [usize; 2],
    source: String,
    #[serde(rename = "type")]
    source_type: String,
}

fn seed() -> Option<(String, Expected)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed");
    let text = std::fs::read_to_string(dir.join("article.txt")).ok()?;
    let yaml = std::fs::read_to_string(dir.join("expected.yaml")).ok()?;
    let expected: Expected = serde_saphyr::from_str(&yaml).expect("expected.yaml parses");
    Some((text, expected))
}

fn span(s: [usize; 2]) -> Span {
    Span::new(s[0], s[1])
}

fn find<'a>(analysis: &'a Analysis, e: &ExpAttribution) -> Option<&'a Attribution> {
    analysis.attributions.iter().find(|a| {
        a.cue.spans == vec![span(e.cue.span)]
            && a.source.as_ref().map(|s| s.spans.clone()) == Some(vec![span(e.source.span)])
    })
}

#[test]
fn seed_article_matches_the_hand_analysis() {
    let Some((text, expected)) = seed() else {
        eprintln!("skipped: ../shared/seed is not present");
        return;
    };
    let analysis = claimtrace::analyze(&text);
    let mut problems = Vec::new();
    for e in &expected.attributions {
        let Some(a) = find(&analysis, e) else {
            problems.push(format!(
                "{}: no attribution with source {:?} and cue {:?}",
                e.id, e.source.text, e.cue.text
            ));
            continue;
        };
        let mut check = |ok: bool, what: String| {
            if !ok {
                problems.push(format!("{} ({}): {what}", e.id, a.id));
            }
        };
        check(
            a.content.spans == vec![span(e.content.span)],
            format!(
                "content {:?} {:?}, want {:?} {:?}",
                a.content.text, a.content.spans, e.content.text, e.content.span
            ),
        );
        check(
            a.kind.as_str() == e.kind,
            format!("kind {}, want {}", a.kind.as_str(), e.kind),
        );
        check(
            e.source.types.iter().any(|t| t == a.source_type.as_str()),
            format!("type {}, want one of {:?}", a.source_type, e.source.types),
        );
        check(
            a.hedge.level.as_str() == e.hedge,
            format!("hedge {}, want {}", a.hedge.level, e.hedge),
        );
        if let Some(entity) = &e.source.entity {
            check(
                a.entity.as_deref() == Some(entity.as_str()),
                format!("entity {:?}, want {entity:?}", a.entity),
            );
        }
        if !e.chain.is_empty() {
            check(
                a.chain == e.chain,
                format!("chain {:?}, want {:?}", a.chain, e.chain),
            );
        }
    }
    for u in &expected.unattributed {
        if !analysis.unattributed.iter().any(|c| c.span == span(u.span)) {
            problems.push(format!(
                "unattributed {:?} {:?} not reported",
                u.text, u.span
            ));
        }
    }
    for c in &expected.credits {
        let ok = analysis.credits.iter().any(|x| {
            x.span == span(c.span)
                && x.source == c.source
                && x.source_type.as_str() == c.source_type
        });
        if !ok {
            problems.push(format!(
                "credit {:?} not reported as {:?}",
                c.span, c.source
            ));
        }
    }
    // Nothing claimed twice: every reported attribution is an expected one.
    for a in &analysis.attributions {
        let expected_one = expected
            .attributions
            .iter()
            .any(|e| find(&analysis, e).is_some_and(|x| x.id == a.id));
        if !expected_one {
            problems.push(format!(
                "unexpected attribution {}: {:?} {:?} {:?}",
                a.id,
                a.source.as_ref().map(|s| &s.text),
                a.cue.text,
                a.content.text
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn seed_positions_are_on_the_right_lines() {
    let Some((text, _)) = seed() else {
        return;
    };
    let analysis = claimtrace::analyze(&text);
    let index = claimtrace::position::LineIndex::new(&text);
    let analysts = analysis
        .attributions
        .iter()
        .find(|a| a.cue.text == "say" && a.source.as_ref().is_some_and(|s| s.text == "Analysts"))
        .expect("the analysts' claim");
    let (line, column) = index.line_col(analysts.source.as_ref().unwrap().start());
    assert_eq!((line, column), (19, 1));
}
