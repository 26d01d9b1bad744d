//! How far a content reaches to the right of its cue: to the end of the
//! sentence, or to the first token that stops it. Most sentences have a cue
//! or two, and each content is read token by token from its start. A
//! sentence with many cues (a hostile one has thousands) would make that
//! quadratic, so after a few contents the sentence's stops are indexed once
//! and each later content jumps from one possible stop to the next: its
//! work is the commas, coordinators and closing quotes it passes, not its
//! length (issue 6). Both ways ask the same questions of each token
//! (`stop_bits`) and decide the same way (`Grammar::stop_at`). The index
//! judges its look-aheads to the sentence end; a content cut at
//! `MAX_CONTENT` tokens reads them only to the cut, so the two can differ
//! within a few tokens of such a cut, which only hostile sentences reach.

use super::{Bounds, Grammar};
use crate::lexicon::flag;
use crate::ruleset::CueClass;
use crate::text::TokenKind;

/// A new attribution starts here: `Grammar::opens_next_attribution`.
const NEXT_ATTRIBUTION: u8 = 1;
/// "and"/"but" before a verb: ends a noun-phrase content ("backed gay
/// rights and extended benefits").
const COORDINATED_VERB: u8 = 2;
/// A closing quotation mark: ends a content that opened inside its quote.
const CLOSE_QUOTE: u8 = 4;
/// A comma, semicolon or dash before a clause of another cue (", adding
/// that", ", according to").
const CLAUSE_COMMA: u8 = 8;

/// Contents read token by token in one sentence before its stops are indexed.
const DIRECT_SCANS: u32 = 8;

impl Grammar<'_> {
    /// The end of a content that starts at `start` and may run to `limit`.
    pub(super) fn content_right(&self, start: usize, limit: usize, b: &Bounds) -> Option<usize> {
        // Whether the content so far is a bare noun phrase: no verb group
        // and not a "that" clause.
        let mut noun_phrase = start < limit && self.lower(start) != "that";
        if let Some(stops) = self.indexed_stops(b) {
            let clause_from = stops.next_clause_word(start);
            let mut i = stops.next_stop(start);
            while i < limit {
                let noun_phrase = noun_phrase && clause_from > i;
                if let Some(end) = self.stop_at(stops.bits(i), i, start, limit, noun_phrase) {
                    return Some(end);
                }
                i = stops.next_stop(i + 1);
            }
        } else {
            for i in start..limit {
                if self.is_clause_word(i) {
                    noun_phrase = false;
                }
                let bits = stop_bits(self, i, limit);
                if bits != 0
                    && let Some(end) = self.stop_at(bits, i, start, limit, noun_phrase)
                {
                    return Some(end);
                }
            }
        }
        (limit > start).then_some(limit)
    }

    /// The sentence's stop index, once more than `DIRECT_SCANS` contents
    /// have been read in it.
    fn indexed_stops<'b>(&self, b: &'b Bounds) -> Option<&'b ContentStops> {
        let scans = b.content_scans.get() + 1;
        b.content_scans.set(scans);
        if scans <= DIRECT_SCANS {
            return None;
        }
        let stops = b
            .content_stops
            .get_or_init(|| ContentStops::new(self, b.first, b.end));
        stops.covers(b.first, b.end).then_some(stops)
    }

    /// Where the content from `start` ends if token `i`, with stop `bits`,
    /// ends it. `noun_phrase`: the content up to and with `i` is a bare
    /// noun phrase.
    fn stop_at(
        &self,
        bits: u8,
        i: usize,
        start: usize,
        limit: usize,
        noun_phrase: bool,
    ) -> Option<usize> {
        if bits & NEXT_ATTRIBUTION != 0 && i > start + 1 {
            return Some(i);
        }
        // "backed gay rights and extended benefits": after a noun-phrase
        // object, "and"/"but" before a verb goes back to the subject.
        if bits & COORDINATED_VERB != 0 && noun_phrase && i > start + 1 {
            return Some(if self.is_punct(i - 1, ",") { i - 1 } else { i });
        }
        // A cue inside a quotation reports no further than its close.
        if bits & CLOSE_QUOTE != 0
            && self
                .doc
                .quote_of_mark(i)
                .is_some_and(|q| self.doc.quotes[q as usize].open < start)
        {
            return Some(i);
        }
        if bits & CLAUSE_COMMA != 0 && i + 1 < limit && i > start {
            return Some(i);
        }
        None
    }

    /// A word that makes a content a clause rather than a noun phrase: an
    /// auxiliary, a pronoun or a verb cue.
    fn is_clause_word(&self, i: usize) -> bool {
        self.has(i, flag::AUX | flag::PRONOUN) || self.is_verb_cue(i)
    }
}

/// The possible content stops of one sentence, `[first, end)`.
pub(super) struct ContentStops {
    first: usize,
    end: usize,
    /// Per token: which stops it may be (the bits above).
    bits: Vec<u8>,
    /// Per token (and `end`): the nearest token at or after it with a bit set.
    next_stop: Vec<u32>,
    /// Per token (and `end`): the nearest clause word at or after it.
    next_clause_word: Vec<u32>,
}

impl ContentStops {
    /// The stops of the sentence `[first, end)`, judged with the sentence end
    /// as the limit of every look-ahead.
    fn new(g: &Grammar, first: usize, end: usize) -> Self {
        let n = end.saturating_sub(first);
        let bits: Vec<u8> = (first..first + n).map(|i| stop_bits(g, i, end)).collect();
        let mut next_stop = vec![end as u32; n + 1];
        let mut next_clause_word = vec![end as u32; n + 1];
        for offset in (0..n).rev() {
            let i = first + offset;
            next_stop[offset] = if bits[offset] != 0 {
                i as u32
            } else {
                next_stop[offset + 1]
            };
            next_clause_word[offset] = if g.is_clause_word(i) {
                i as u32
            } else {
                next_clause_word[offset + 1]
            };
        }
        ContentStops {
            first,
            end,
            bits,
            next_stop,
            next_clause_word,
        }
    }

    /// Whether these are the stops of the sentence `[first, end)`.
    fn covers(&self, first: usize, end: usize) -> bool {
        self.first == first && self.end == end
    }

    fn bits(&self, i: usize) -> u8 {
        self.bits[i - self.first]
    }

    /// The nearest possible stop at or after `i` (the sentence end if none).
    fn next_stop(&self, i: usize) -> usize {
        self.next_stop[i.min(self.end) - self.first] as usize
    }

    /// The nearest clause word at or after `i` (the sentence end if none).
    fn next_clause_word(&self, i: usize) -> usize {
        self.next_clause_word[i.min(self.end) - self.first] as usize
    }
}

/// The stops token `i` may be, with `limit` as the end of look-aheads.
#[inline(always)]
fn stop_bits(g: &Grammar, i: usize, limit: usize) -> u8 {
    // Most tokens are words that coordinate nothing: no stop at all, and
    // no call (with `#[inline]` it stayed a call for each of them).
    if g.is_word(i) && !g.is_coordinator(i) {
        return 0;
    }
    stop_bits_of_mark(g, i, limit)
}

/// `stop_bits` of a punctuation or quotation mark or a coordinator.
#[inline(never)]
fn stop_bits_of_mark(g: &Grammar, i: usize, limit: usize) -> u8 {
    let mut bits = 0;
    let punct = g.is_punct(i, ",;—–");
    let coordinator = g.is_word(i) && g.is_coordinator(i);
    if (punct || coordinator) && g.opens_next_attribution(i, limit) {
        bits |= NEXT_ATTRIBUTION;
    }
    if coordinator && matches!(g.lower(i), "and" | "but") && coordinated_verb(g, i, limit) {
        bits |= COORDINATED_VERB;
    }
    if g.doc.tokens[i].kind == TokenKind::CloseQuote && g.doc.quote_of_mark(i).is_some() {
        bits |= CLOSE_QUOTE;
    }
    if punct && i + 1 < limit {
        let next = i + 1;
        let opens_clause = g.has(next, flag::CUE)
            && g.cue_hits(next).any(|(r, _)| {
                let c = &g.rules.cues[r];
                c.class == CueClass::Prep
                    || (c.class == CueClass::Verb && g.lower(next).ends_with("ing"))
            });
        if opens_clause {
            bits |= CLAUSE_COMMA;
        }
    }
    bits
}

/// "and"/"but" at `i`, then (past "also", "still" ...) a lowercase
/// auxiliary or past form: a verb going back to the subject.
fn coordinated_verb(g: &Grammar, i: usize, limit: usize) -> bool {
    let mut k = i + 1;
    // Unbounded, but linear over a sentence: the next "and" ends a run.
    while k < limit && matches!(g.lower(k), "also" | "still" | "then" | "later" | "since") {
        k += 1;
    }
    k < limit && !g.doc.tokens[k].capitalized && (g.has(k, flag::AUX) || g.lower(k).ends_with("ed"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::RuleSet;
    use crate::text::Document;

    /// Every content end the index gives, from every start in every
    /// sentence of `text`, is the one the token-by-token scan gives.
    fn index_agrees_with_scan(text: &str) -> usize {
        let rules = RuleSet::default_rules();
        let doc = Document::new(text, &rules.abbreviations);
        let hits = rules.scan(&doc);
        let g = Grammar::new(&doc, &hits, rules);
        let mut checked = 0;
        for sent in &doc.sentences {
            let direct = Bounds::plain(sent.first, sent.end);
            let indexed = Bounds::plain(sent.first, sent.end);
            indexed.content_scans.set(DIRECT_SCANS);
            for start in sent.first..sent.end {
                direct.content_scans.set(0);
                let want = g.content_right(start, sent.end, &direct);
                let got = g.content_right(start, sent.end, &indexed);
                assert_eq!(
                    got,
                    want,
                    "content from token {start} in {:?}",
                    doc.slice(sent.span)
                );
                checked += 1;
            }
        }
        checked
    }

    #[test]
    fn index_agrees_with_scan_on_the_corpus() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
        let mut checked = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                checked += index_agrees_with_scan(&std::fs::read_to_string(path).unwrap());
            }
        }
        assert!(checked > 1000, "{checked}");
    }

    #[test]
    fn index_agrees_with_scan_on_stops_of_every_kind() {
        let text = "The senator said the plan, which she backed, and said it would pass. \
                    Officials backed the deal and extended benefits, but he said “it failed,” \
                    adding that, according to aides, the vote “was close” while others \
                    disagreed; the mayor said so — citing “sources,” he told reporters.";
        assert!(index_agrees_with_scan(text) > 60);
    }

    /// PolNeAR's dev articles, when the shared corpora are present.
    #[test]
    fn index_agrees_with_scan_on_polnear_dev() {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/corpora/polnear/dev/text"
        );
        let Ok(entries) = std::fs::read_dir(dir) else {
            eprintln!("skipped: no {dir}");
            return;
        };
        let mut checked = 0;
        for entry in entries {
            let path = entry.unwrap().path();
            checked += index_agrees_with_scan(&std::fs::read_to_string(path).unwrap());
        }
        assert!(checked > 50_000, "{checked}");
    }
}
