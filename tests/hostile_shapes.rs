//! Hostile shapes keep their work bounded (structure, not timing: the
//! speed itself is measured by `benches/hostile.rs`).

use claimtrace::RuleSet;
use claimtrace::analyze::analyze;

// The benches' reader of `corpus/` (its `corpus_text` is theirs alone).
#[allow(dead_code)]
#[path = "../benches/support/mod.rs"]
mod support;

/// "The mayor said that officials told reporters that officials claimed
/// that …": every cue's content would run to the sentence end, so the work
/// and the output would grow with the square of the cues. A content is
/// capped (512 tokens), and the cues still each get their attribution.
#[test]
fn contents_in_a_sentence_of_many_cues_are_bounded() {
    let mut text = String::from("The mayor ");
    for i in 0..400 {
        text.push_str(["said", "told reporters", "claimed", "argued"][i % 4]);
        text.push_str(" that officials ");
    }
    text.push_str("said the bridge would reopen.");
    let analysis = analyze(&text, RuleSet::default_rules());
    assert!(
        analysis.attributions.len() >= 400,
        "{}",
        analysis.attributions.len()
    );
    let longest = analysis
        .attributions
        .iter()
        .map(|a| {
            let span = a.content.extent();
            text[span.start..span.end].split_whitespace().count()
        })
        .max()
        .unwrap();
    assert!(longest <= 512, "a content of {longest} words");
    // The first content is cut by the cap, the last reaches the end.
    let last = analysis
        .attributions
        .iter()
        .map(|a| a.content.extent().end)
        .max();
    assert_eq!(last, Some(text.len() - 1));
}

/// 30,000 quote marks that never pair, in one paragraph of 150 KB: sentencex
/// pairs quotation marks in time quadratic in their number, so the
/// paragraph is segmented in windows; every sentence is still found.
#[test]
fn a_paragraph_of_unmatched_quote_marks_is_segmented() {
    let kinds = ["\"", "“", "«", "'", "”"];
    let mut text = String::new();
    for i in 0..30_000 {
        text.push_str(kinds[i % kinds.len()]);
        text.push_str(if i % 7 == 6 { "Ana said it. " } else { "word " });
    }
    let analysis = analyze(&text, RuleSet::default_rules());
    assert!(
        analysis.attributions.len() > 1_000,
        "{}",
        analysis.attributions.len()
    );
    for a in &analysis.attributions {
        let span = a.content.extent();
        assert!(span.end <= text.len() && text.is_char_boundary(span.start));
    }
}

/// A text may stop anywhere: an archive holds truncated articles, and a
/// paste may end mid-sentence. Every prefix of every corpus article, cut at
/// each word's end (so the last token is the text's last, with no full stop
/// after it), analyses without a panic. Two lookups one token past the end
/// of the text were found this way.
#[test]
fn every_prefix_of_the_corpus_articles_analyses() {
    let articles = support::corpus_articles();
    assert!(articles.len() >= 10);
    let rules = RuleSet::default_rules();
    let mut prefixes = 0;
    for text in articles {
        for (end, _) in text.char_indices().filter(|&(i, c)| {
            !c.is_alphanumeric() && i > 0 && text[..i].ends_with(char::is_alphanumeric)
        }) {
            analyze(&text[..end], rules);
            prefixes += 1;
        }
    }
    assert!(prefixes > 2_000, "{prefixes}");
}
