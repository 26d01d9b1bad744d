//! Hedge accuracy against sentences with gold speculation cues, one JSON
//! object a line (the format of the Szeged Uncertainty Corpus export in
//! `../shared/corpora/szeged-wiki/dev.jsonl`):
//! `{"doc": …, "id": …, "text": …, "cues": [{"start", "end", "type", "text"}]}`
//! with character offsets.
//!
//! Every sentence is analysed on its own, as a paragraph, with
//! [`crate::hedge::cues_in_text`]; only cues of positive weight are hedges
//! (negative weights are boosters). Figures:
//!
//! - **sentence**: P/R/F1 of "hedged" (at least one cue), per sentence;
//! - **cue exact**: distinct cue spans of a sentence, equal start and end;
//! - **cue overlap**: the same units paired one-to-one when they share a
//!   character, greedily by the largest overlap.

use super::chars::{CharIndex, char_len};
use super::metrics::{Counts, greedy_match};
use super::{EvalError, read_text};
use crate::{RuleSet, Span};
use serde::Deserialize;
use std::path::Path;

/// One gold sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HedgeSentence {
    pub doc: String,
    pub id: String,
    pub text: String,
    /// Gold cue spans (byte offsets), sorted and distinct.
    pub cues: Vec<Span>,
    /// The sentence's line in the file (1-based).
    pub line: usize,
}

#[derive(Deserialize)]
struct RawSentence {
    #[serde(default)]
    doc: String,
    #[serde(default)]
    id: String,
    text: String,
    #[serde(default)]
    cues: Vec<RawCue>,
}

#[derive(Deserialize)]
struct RawCue {
    start: usize,
    end: usize,
    #[serde(default)]
    text: Option<String>,
}

/// Parses JSONL sentences; errors carry the 1-based line.
pub fn parse(src: &str) -> Result<Vec<HedgeSentence>, (usize, String)> {
    let mut out = Vec::new();
    for (n, line) in src.lines().enumerate() {
        let n = n + 1;
        if line.trim().is_empty() {
            continue;
        }
        let raw: RawSentence = serde_json::from_str(line).map_err(|e| (n, e.to_string()))?;
        let index = CharIndex::new(&raw.text);
        let mut cues = Vec::with_capacity(raw.cues.len());
        for c in &raw.cues {
            let span = index.span(c.start, c.end).ok_or_else(|| {
                (
                    n,
                    format!(
                        "cue offsets {} {} lie outside the sentence ({} characters)",
                        c.start,
                        c.end,
                        index.chars()
                    ),
                )
            })?;
            if let Some(t) = &c.text
                && *t != raw.text[span.start..span.end]
            {
                return Err((
                    n,
                    format!(
                        "cue text {t:?} differs from the sentence at {} {}",
                        c.start, c.end
                    ),
                ));
            }
            cues.push(span);
        }
        cues.sort();
        cues.dedup();
        out.push(HedgeSentence {
            doc: raw.doc,
            id: raw.id,
            text: raw.text,
            cues,
            line: n,
        });
    }
    Ok(out)
}

/// Reads a JSONL file of gold sentences; errors name the file and line.
pub fn load(path: &Path) -> Result<Vec<HedgeSentence>, EvalError> {
    let src = read_text(path)?;
    parse(&src).map_err(|(line, message)| EvalError::parse(path, line, message))
}

/// A sentence the engine got wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HedgeError {
    /// Index into the evaluated sentences.
    pub sentence: usize,
    /// The engine's hedge cues (positive weight), byte spans.
    pub predicted: Vec<Span>,
}

/// The hedge figures.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HedgeReport {
    pub sentences: usize,
    pub sentence: Counts,
    pub cue_exact: Counts,
    pub cue_overlap: Counts,
    /// Sentences whose cues differ from the gold ones (with errors asked for).
    pub errors: Vec<HedgeError>,
}

/// The distinct spans of the positive-weight cues the engine finds in `text`.
pub fn predicted_cues(text: &str, rules: &RuleSet) -> Vec<Span> {
    let mut spans: Vec<Span> = crate::hedge::cues_in_text(text, rules)
        .into_iter()
        .filter(|c| c.weight > 0.0)
        .map(|c| c.span)
        .collect();
    spans.sort();
    spans.dedup();
    spans
}

/// Scores one sentence: (sentence, cue exact, cue overlap) counts.
pub fn score_sentence(text: &str, gold: &[Span], pred: &[Span]) -> [Counts; 3] {
    let sentence = Counts::new(
        usize::from(!gold.is_empty() && !pred.is_empty()),
        usize::from(!pred.is_empty()),
        usize::from(!gold.is_empty()),
    );
    let exact = gold.iter().filter(|g| pred.contains(g)).count();
    let pairs = greedy_match(gold.len(), pred.len(), |a, b| {
        let (g, p) = (gold[a], pred[b]);
        if g.overlaps(p) {
            char_len(text, Span::new(g.start.max(p.start), g.end.min(p.end)))
        } else {
            0
        }
    });
    let overlap = pairs.iter().flatten().count();
    [
        sentence,
        Counts::new(exact, pred.len(), gold.len()),
        Counts::new(overlap, pred.len(), gold.len()),
    ]
}

/// Runs the engine on every sentence and scores it.
pub fn evaluate(sentences: &[HedgeSentence], rules: &RuleSet, with_errors: bool) -> HedgeReport {
    let mut r = HedgeReport {
        sentences: sentences.len(),
        ..HedgeReport::default()
    };
    for (i, s) in sentences.iter().enumerate() {
        let pred = predicted_cues(&s.text, rules);
        let [sentence, exact, overlap] = score_sentence(&s.text, &s.cues, &pred);
        r.sentence.add(sentence);
        r.cue_exact.add(exact);
        r.cue_overlap.add(overlap);
        if with_errors && pred != s.cues {
            r.errors.push(HedgeError {
                sentence: i,
                predicted: pred,
            });
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_character_offsets_into_byte_spans() {
        let src = concat!(
            r#"{"doc": "d", "id": "S1", "text": "Café owners may close.", "cues": [{"start": 12, "end": 15, "type": "speculation_modal_probable", "text": "may"}]}"#,
            "\n\n",
            r#"{"doc": "d", "id": "S2", "text": "No cue.", "cues": []}"#,
            "\n"
        );
        let s = parse(src).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].cues, [Span::new(13, 16)]);
        assert_eq!(&s[0].text[13..16], "may");
        assert_eq!(s[1].line, 3);
    }

    #[test]
    fn bad_lines_are_named() {
        let (line, msg) = parse("{\"text\": \"a\"}\n{oops").unwrap_err();
        assert_eq!(line, 2);
        assert!(!msg.is_empty());
        let (_, msg) = parse(r#"{"text": "ab", "cues": [{"start": 1, "end": 5}]}"#).unwrap_err();
        assert!(msg.contains("outside"), "{msg}");
        let (_, msg) =
            parse(r#"{"text": "ab", "cues": [{"start": 0, "end": 1, "text": "b"}]}"#).unwrap_err();
        assert!(msg.contains("differs"), "{msg}");
    }

    #[test]
    fn sentence_and_cue_counts() {
        let text = "It may or may not be so, if ever.";
        let may = Span::new(3, 6);
        let may_or = Span::new(3, 17);
        let if_ = Span::new(25, 27);
        let [s, e, o] = score_sentence(text, &[may_or, if_], &[may]);
        assert_eq!(s, Counts::new(1, 1, 1));
        assert_eq!(e, Counts::new(0, 1, 2));
        assert_eq!(o, Counts::new(1, 1, 2));
        let [s, _, _] = score_sentence(text, &[], &[may]);
        assert_eq!(s, Counts::new(0, 1, 0));
        let [s, e, _] = score_sentence(text, &[], &[]);
        assert_eq!((s, e), (Counts::default(), Counts::default()));
    }

    #[test]
    fn boosters_are_not_hedges() {
        let rules = RuleSet::default_rules();
        let text = "The drug may reduce the risk.";
        assert_eq!(predicted_cues(text, rules), [Span::new(9, 12)]);
        // Whatever the rules call boosters (negative weight) never appears.
        let cues = crate::hedge::cues_in_text("It is certainly true.", rules);
        let hedges = predicted_cues("It is certainly true.", rules);
        assert_eq!(hedges.len(), cues.iter().filter(|c| c.weight > 0.0).count());
    }
}
