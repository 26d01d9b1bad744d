//! The sample corpus: each `corpus/NN-*.txt` against its hand analysis in
//! `corpus/NN-*.expected.yaml` (format in corpus/README.md).
//!
//! An expected attribution is found when a reported one has the same cue and
//! content; it is correct when source, type, entity, kind, hedge and chain
//! agree too. Reported attributions and unattributed claims that the hand
//! analysis does not list count against precision. The test prints every
//! difference and fails on any.

use claimtrace::{Analysis, Attribution};
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
struct Expected {
    #[serde(default)]
    attributions: Vec<Exp>,
    #[serde(default)]
    unattributed: Vec<String>,
    #[serde(default)]
    credits: Vec<ExpCredit>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Text {
    One(String),
    Pieces(Vec<String>),
}

#[derive(Deserialize)]
struct Exp {
    kind: String,
    source: Option<String>,
    source_type: String,
    entity: Option<String>,
    cue: String,
    content: Text,
    hedge: String,
    #[serde(default)]
    chain: Vec<String>,
}

#[derive(Deserialize)]
struct ExpCredit {
    text: String,
    source: String,
}

fn norm(s: &str) -> String {
    s.trim_matches(|c: char| c.is_whitespace() || ".,;:\"“”'’‘".contains(c))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn pieces(a: &Attribution, text: &str) -> Vec<String> {
    a.content
        .spans
        .iter()
        .map(|s| norm(&text[s.start..s.end]))
        .collect()
}

fn content_matches(a: &Attribution, text: &str, e: &Text) -> bool {
    match e {
        Text::One(s) => norm(&a.content.text) == norm(s),
        Text::Pieces(p) => pieces(a, text) == p.iter().map(|s| norm(s)).collect::<Vec<_>>(),
    }
}

fn differences(a: &Attribution, e: &Exp) -> Vec<String> {
    let mut d = Vec::new();
    let src = a.source.as_ref().map(|s| norm(&s.text));
    if src != e.source.as_deref().map(norm) {
        d.push(format!("source {:?} want {:?}", src, e.source));
    }
    if a.source_type.as_str() != e.source_type {
        d.push(format!("type {} want {}", a.source_type, e.source_type));
    }
    if let Some(want) = &e.entity
        && a.entity.as_deref() != Some(want.as_str())
    {
        d.push(format!("entity {:?} want {want:?}", a.entity));
    }
    if a.kind.as_str() != e.kind {
        d.push(format!("kind {} want {}", a.kind.as_str(), e.kind));
    }
    if a.hedge.level.as_str() != e.hedge {
        d.push(format!("hedge {} want {}", a.hedge.level, e.hedge));
    }
    if !e.chain.is_empty() && a.chain != e.chain {
        d.push(format!("chain {:?} want {:?}", a.chain, e.chain));
    }
    d
}

#[derive(Default)]
struct Tally {
    expected: usize,
    found: usize,
    correct: usize,
    reported: usize,
    unattributed: usize,
    unattributed_found: usize,
    unattributed_reported: usize,
    unattributed_correct: usize,
    credits: usize,
    credits_found: usize,
}

fn score(
    name: &str,
    text: &str,
    analysis: &Analysis,
    exp: &Expected,
    t: &mut Tally,
    log: &mut Vec<String>,
) {
    t.expected += exp.attributions.len();
    t.reported += analysis.attributions.len();
    for e in &exp.attributions {
        let hit = analysis.attributions.iter().find(|a| {
            norm(&a.cue.text).to_lowercase() == norm(&e.cue).to_lowercase()
                && content_matches(a, text, &e.content)
        });
        match hit {
            None => {
                let content = match &e.content {
                    Text::One(s) => s.clone(),
                    Text::Pieces(p) => p.join(" | "),
                };
                log.push(format!(
                    "{name}: MISSED {:?} {:?} {:?}",
                    e.source, e.cue, content
                ));
            }
            Some(a) => {
                t.found += 1;
                let d = differences(a, e);
                if d.is_empty() {
                    t.correct += 1;
                } else {
                    log.push(format!("{name}: {} {:?}: {}", a.id, e.cue, d.join("; ")));
                }
            }
        }
    }
    for a in &analysis.attributions {
        let expected = exp.attributions.iter().any(|e| {
            norm(&a.cue.text).to_lowercase() == norm(&e.cue).to_lowercase()
                && content_matches(a, text, &e.content)
        });
        if !expected {
            log.push(format!(
                "{name}: EXTRA {} {:?} {:?} {:?}",
                a.id,
                a.source.as_ref().map(|s| &s.text),
                a.cue.text,
                a.content.text
            ));
        }
    }
    for u in &exp.unattributed {
        t.unattributed += 1;
        if analysis
            .unattributed
            .iter()
            .any(|c| norm(&c.text) == norm(u))
        {
            t.unattributed_found += 1;
        } else {
            log.push(format!("{name}: unattributed not reported: {u:?}"));
        }
    }
    for c in &analysis.unattributed {
        t.unattributed_reported += 1;
        if !exp.unattributed.iter().any(|u| norm(&c.text) == norm(u)) {
            log.push(format!("{name}: EXTRA unattributed {:?}", c.text));
        } else {
            t.unattributed_correct += 1;
        }
    }
    for c in &exp.credits {
        t.credits += 1;
        if analysis
            .credits
            .iter()
            .any(|x| norm(&x.source) == norm(&c.source))
        {
            t.credits_found += 1;
        } else {
            log.push(format!("{name}: credit not reported: {:?}", c.text));
        }
    }
}

#[test]
fn corpus_articles_match_their_expected_analyses() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(files.len() >= 12, "corpus has {} articles", files.len());
    let mut tally = Tally::default();
    let mut log = Vec::new();
    for txt in &files {
        let name = txt.file_stem().unwrap().to_string_lossy().to_string();
        let yaml = txt.with_file_name(format!("{name}.expected.yaml"));
        let text = std::fs::read_to_string(txt).unwrap();
        let exp: Expected = serde_saphyr::from_str(&std::fs::read_to_string(&yaml).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", yaml.display()));
        let analysis = claimtrace::analyze(&text);
        score(&name, &text, &analysis, &exp, &mut tally, &mut log);
    }
    let pct = |n: usize, d: usize| {
        if d == 0 {
            100.0
        } else {
            100.0 * n as f64 / d as f64
        }
    };
    let found = pct(tally.found, tally.expected);
    let correct = pct(tally.correct, tally.expected);
    let precision = pct(tally.found, tally.reported);
    let unattributed = pct(tally.unattributed_found, tally.unattributed);
    let credits = pct(tally.credits_found, tally.credits);
    let unattributed_precision = pct(tally.unattributed_correct, tally.unattributed_reported);
    println!("{}", log.join("\n"));
    println!(
        "corpus: {} expected attributions, {found:.1}% found (cue + content), {correct:.1}% fully correct, \
         {precision:.1}% of {} reported are expected; unattributed {unattributed:.1}% of {} ({unattributed_precision:.1}% of reported are expected); credits {credits:.1}% of {}",
        tally.expected, tally.reported, tally.unattributed, tally.credits
    );
    // Every expected item must hold: the corpus is small and hand-checked.
    assert!(found >= FLOOR_FOUND, "found {found:.1}% < {FLOOR_FOUND}%");
    assert!(
        correct >= FLOOR_CORRECT,
        "correct {correct:.1}% < {FLOOR_CORRECT}%"
    );
    assert!(
        precision >= FLOOR_PRECISION,
        "precision {precision:.1}% < {FLOOR_PRECISION}%"
    );
    assert!(
        unattributed >= FLOOR_UNATTRIBUTED,
        "unattributed {unattributed:.1}% < {FLOOR_UNATTRIBUTED}%"
    );
    assert!(
        credits >= FLOOR_CREDITS,
        "credits {credits:.1}% < {FLOOR_CREDITS}%"
    );
}

const FLOOR_FOUND: f64 = 100.0;
const FLOOR_CORRECT: f64 = 100.0;
const FLOOR_PRECISION: f64 = 100.0;
const FLOOR_UNATTRIBUTED: f64 = 100.0;
const FLOOR_CREDITS: f64 = 100.0;
