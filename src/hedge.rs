//! Hedging: hedge and booster cues found in a claim's tokens, filtered by
//! their guards (the month May, future-in-the-past "would"), negation
//! applied, combined into a score and a level.

use crate::lexicon::{Entry, HedgeInfo, Hits, RuleSet, flag};
use crate::model::{Hedge, HedgeCue, HedgeLevel};
use crate::ruleset::HedgeGuard;
use crate::text::Document;

/// What the hedge scorer needs to know about the claim around a cue.
pub struct Context<'a> {
    /// Token ranges `[first, end)` of the claim's content.
    pub content: &'a [(usize, usize)],
    /// Token range of the cue and the words before it ("reportedly said").
    pub cue_region: Option<(usize, usize)>,
    /// Token range of the cue word itself: its own hedge weight (in the cue
    /// lexicon) stands for it, so the hedge lexicon does not count it again.
    pub cue_head: Option<(usize, usize)>,
    /// The cue is a reporting verb: a "would" right after its subject
    /// pronoun is future-in-the-past ("announced they would").
    pub reported: bool,
}

pub fn score(doc: &Document, hits: &Hits, rules: &RuleSet, ctx: &Context) -> Hedge {
    let mut found: Vec<(usize, usize, usize)> = Vec::new(); // (first, len, rule)
    let ranges = ctx.content.iter().chain(ctx.cue_region.iter());
    for &(first, end) in ranges {
        for k in hits.hedge_starts_in(first, end) {
            for h in hits.at(k) {
                let on_cue = ctx.cue_head.is_some_and(|(f, e)| k >= f && k < e);
                if let Entry::Hedge(r) = h.entry
                    && k + h.len <= end
                    && !on_cue
                {
                    found.push((k, h.len, r as usize));
                }
            }
        }
    }
    // Keep the longest of overlapping cues ("not clear whether" over "clear").
    // In order of start, a cue overlaps a kept one exactly when it starts
    // before the furthest kept end.
    found.sort_by_key(|&(f, l, _)| (f, std::cmp::Reverse(l)));
    let mut kept_end = 0;
    found.retain(|&(first, len, _)| {
        let keep = first >= kept_end;
        if keep {
            kept_end = first + len;
        }
        keep
    });
    let mut cues = Vec::with_capacity(found.len());
    for (first, len, r) in found {
        let info = &rules.hedges[r];
        if !guard_allows(doc, hits, info.guard, first, ctx)
            || !context_allows(doc, info, first, len)
        {
            continue;
        }
        let negated = (first.saturating_sub(2)..first).any(|k| {
            hits.has(k, flag::NEG) && doc.tokens[k].sentence == doc.tokens[first].sentence
        });
        let weight = match (negated, info.negated_weight) {
            (true, Some(w)) => w,
            _ => info.weight,
        };
        let span = doc.tokens_span(first, first + len);
        cues.push(HedgeCue {
            text: doc.slice(span).to_string(),
            span,
            weight,
            rule: info.id.clone(),
        });
    }
    combine(cues)
}

/// Every hedge and booster cue in a whole text, as if it were one claim
/// spoken in the author's voice.
pub fn cues_in_text(text: &str, rules: &RuleSet) -> Vec<HedgeCue> {
    let doc = Document::new(text, &rules.abbreviations);
    let hits = rules.scan(&doc);
    let all = [(0, doc.tokens.len())];
    let ctx = Context {
        content: &all,
        cue_region: None,
        cue_head: None,
        reported: false,
    };
    score(&doc, &hits, rules, &ctx).cues
}

/// Combines cue weights: hedges as independent evidence (1 - prod(1 - w)),
/// boosters scaling the result down.
pub fn combine(mut cues: Vec<HedgeCue>) -> Hedge {
    cues.sort_by_key(|c| c.span);
    let mut keep = 1.0f64;
    let mut damp = 1.0f64;
    for c in &cues {
        if c.weight > 0.0 {
            keep *= 1.0 - c.weight.min(1.0);
        } else {
            damp *= 1.0 + c.weight.max(-1.0);
        }
    }
    let score = ((1.0 - keep) * damp * 100.0).round() / 100.0;
    Hedge {
        level: HedgeLevel::from_score(score),
        score,
        cues,
    }
}

fn guard_allows(
    doc: &Document,
    hits: &Hits,
    guard: Option<HedgeGuard>,
    at: usize,
    ctx: &Context,
) -> bool {
    match guard {
        None => true,
        Some(HedgeGuard::NotMonth) => !is_month(doc, hits, at),
        Some(HedgeGuard::Conditional) => {
            in_conditional_sentence(doc, hits, at)
                || ctx.reported && !future_in_the_past(doc, hits, at, ctx)
        }
    }
}

/// The rule's word-context conditions: the words right after and before
/// the cue, within its sentence.
fn context_allows(doc: &Document, info: &HedgeInfo, first: usize, len: usize) -> bool {
    let sentence = &doc.sentences[doc.tokens[first].sentence as usize];
    let word_at = |k: usize| {
        (k >= sentence.first && k < sentence.end && doc.tokens[k].is_word()).then(|| doc.lower(k))
    };
    let next = word_at(first + len);
    let prev = first.checked_sub(1).and_then(word_at);
    let listed = |list: &[String], w: Option<&str>| w.is_some_and(|w| list.iter().any(|x| x == w));
    (info.followed_by.is_empty() || listed(&info.followed_by, next))
        && !listed(&info.not_followed_by, next)
        && !listed(&info.not_preceded_by, prev)
}

/// "May" capitalised mid-sentence, or next to a number or a date preposition.
fn is_month(doc: &Document, hits: &Hits, at: usize) -> bool {
    let t = &doc.tokens[at];
    let sentence_start = doc.sentences[t.sentence as usize].first == at;
    let next_is_number = doc
        .tokens
        .get(at + 1)
        .is_some_and(|n| doc.text[n.span().start..].starts_with(|c: char| c.is_ascii_digit()));
    let prev_is_date_word = at > 0 && hits.has(at - 1, flag::DATE_PREP);
    hits.has(at, flag::MONTH)
        && ((t.capitalized && !sentence_start) || next_is_number || prev_is_date_word)
}

/// The sentence holds a conditional word ("if", "unless").
fn in_conditional_sentence(doc: &Document, hits: &Hits, at: usize) -> bool {
    hits.sentence_has(doc.tokens[at].sentence as usize, flag::CONDITIONAL)
}

/// "they would reassess" after "announced": the subject of "would" is a
/// bare pronoun at the start of reported content.
fn future_in_the_past(doc: &Document, hits: &Hits, at: usize, ctx: &Context) -> bool {
    if !ctx.reported {
        return false;
    }
    ctx.content.iter().any(|&(first, end)| {
        if at < first || at >= end {
            return false;
        }
        let mut k = first;
        while k < at && (doc.lower(k) == "that" || !doc.tokens[k].is_word()) {
            k += 1;
        }
        at == k + 1 && hits.has(k, flag::PRONOUN)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    fn cue(w: f64) -> HedgeCue {
        HedgeCue {
            text: String::new(),
            span: Span::new(0, 0),
            weight: w,
            rule: "test".into(),
        }
    }

    #[test]
    fn weights_combine_into_levels() {
        assert_eq!(combine(vec![]).level, HedgeLevel::None);
        assert_eq!(combine(vec![cue(0.3)]).level, HedgeLevel::Low);
        assert_eq!(combine(vec![cue(0.5)]).level, HedgeLevel::Medium);
        assert_eq!(combine(vec![cue(0.5), cue(0.5)]).level, HedgeLevel::High);
        assert_eq!(combine(vec![cue(0.3), cue(0.3)]).level, HedgeLevel::Medium);
    }

    #[test]
    fn boosters_damp_and_never_hedge_alone() {
        assert_eq!(combine(vec![cue(-0.5)]).level, HedgeLevel::None);
        assert_eq!(combine(vec![cue(0.5), cue(-0.5)]).level, HedgeLevel::Low);
    }
}
