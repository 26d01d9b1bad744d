//! The pipeline: segments → cues → grammar → sources → hedges → claims.
//! Text in, [`Analysis`] out; no I/O.

use crate::grammar::{Found, Grammar, NounPhrase, merge_token_spans};
use crate::hedge;
use crate::lexicon::{Hits, RuleSet, flag};
use crate::model::*;
use crate::ruleset::{CueClass, PatternKind};
use crate::sources::{Mention, MentionName, Sources, resolve_pronoun};
use crate::text::{Document, Sentence, trim_span};

/// Analyses one document with a rule set.
pub fn analyze(text: &str, rules: &RuleSet) -> Analysis {
    analyze_document(&Document::new(text, &rules.abbreviations), rules)
}

/// Analyses a document already segmented (with `rules.abbreviations`), for
/// callers that read its sentences and quotations too, such as `check`.
pub fn analyze_document(doc: &Document, rules: &RuleSet) -> Analysis {
    let hits = rules.scan(doc);
    let grammar = Grammar::new(doc, &hits, rules);
    // Sized once: news runs to about one attribution a sentence.
    let mut found = Vec::with_capacity(doc.sentences.len());
    for s in 0..doc.sentences.len() {
        grammar.sentence(s, &mut found);
    }
    // Credits are few: taken out, they leave the rest in place rather
    // than moving every attribution (232 bytes each) into a second list.
    let credit_found: Vec<Found> = found
        .extract_if(.., |f| f.kind == PatternKind::Credit)
        .collect();
    let mut sources = Sources::new(doc, &hits, rules);
    let credits = credits(doc, rules, &sources, &credit_found);
    drop_cues_in_adjuncts(&mut found);
    take_reporter_content(rules, &mut found);
    inherit_sources(&grammar, &mut found);
    continue_quotes(doc, &hits, &mut found);
    let mut attributions = build_attributions(doc, &hits, rules, &mut sources, &mut found);
    link_chains(&mut attributions);
    let unattributed = unattributed(doc, &hits, rules, &attributions, &credits);
    let entities = entities(&attributions);
    Analysis {
        attributions,
        unattributed,
        credits,
        entities,
    }
}

fn credits(doc: &Document, rules: &RuleSet, sources: &Sources, found: &[Found]) -> Vec<Credit> {
    found
        .iter()
        .filter_map(|f| {
            let np = f.source.as_ref()?;
            let first = doc.sentences[f.sentence].first.min(np.first);
            // The credit runs from its opening bracket (or dateline) to the cue.
            let open = (doc.sentences[f.sentence].first..np.first)
                .rev()
                .find(|&k| doc.token_text(k) == "(")
                .unwrap_or(first);
            let is_wire = f.cue_token > np.end;
            let start = if is_wire {
                doc.sentences[f.sentence].first
            } else {
                open
            };
            let end = if is_wire {
                doc.tokens[f.cue_token - 1].span().end
            } else {
                let close = (np.end..doc.sentences[f.sentence].end)
                    .find(|&k| doc.token_text(k) == ")")
                    .unwrap_or(np.end - 1);
                doc.tokens[close].span().end
            };
            let span = Span::new(doc.tokens[start].span().start, end);
            let typed = sources.classify(np);
            let source_type = if typed.rule.is_some() {
                typed.source_type
            } else {
                SourceType::Media
            };
            Some(Credit {
                kind: if is_wire {
                    CreditKind::Wire
                } else {
                    CreditKind::Photo
                },
                text: doc.slice(span).to_string(),
                span,
                source: doc.slice(doc.tokens_span(np.first, np.end)).to_string(),
                source_type,
                rule: rules.patterns[f.pattern].id.clone(),
            })
        })
        .collect()
}

/// "Citing two people, the daily reported that X": the cited source's claim
/// is X, the reporter's content, not the reporter's whole clause.
fn take_reporter_content(rules: &RuleSet, found: &mut [Found]) {
    for i in 0..found.len() {
        if !rules.cues[found[i].cue_rule].cites {
            continue;
        }
        let Some(&(content_first, _)) = found[i].content_tokens.first() else {
            continue;
        };
        // `found` is in sentence order: look in this sentence only (a scan
        // of the whole document per citing cue was quadratic in its length).
        let sentence = found[i].sentence;
        let from = found.partition_point(|g| g.sentence < sentence);
        let reporter = found[from..]
            .iter()
            .take_while(|g| g.sentence == sentence)
            .position(|g| {
                g.source
                    .as_ref()
                    .is_some_and(|np| np.first == content_first)
            })
            .map(|k| from + k);
        if let Some(j) = reporter {
            found[i].content = found[j].content.clone();
            found[i].content_tokens = found[j].content_tokens.clone();
        }
    }
}

/// "said in a statement that ...": a cue word between another cue and its
/// content ("statement") is part of that attribution, not one of its own.
/// So is a cue word that modifies another attribution's source ("Turkish
/// state media had reported"), though the source's head may be one
/// ("reports"). Each sentence is one sweep over its tokens, so a sentence
/// with thousands of cues stays linear.
fn drop_cues_in_adjuncts(found: &mut Vec<Found>) {
    let mut keep = vec![true; found.len()];
    // `found` is in sentence order, so each sentence's attributions are a run.
    let mut lo = 0;
    while lo < found.len() {
        let sentence = found[lo].sentence;
        let hi = lo
            + found[lo..]
                .iter()
                .position(|f| f.sentence != sentence)
                .unwrap_or(found.len() - lo);
        mark_cues_in_adjuncts(&found[lo..hi], &mut keep[lo..hi]);
        lo = hi;
    }
    let mut k = 0;
    found.retain(|_| {
        k += 1;
        keep[k - 1]
    });
}

/// The tokens of `g`'s adjunct, strictly between its cue and its content
/// ("said in a statement that"), when anything stands between them.
fn adjunct_range(g: &Found) -> Option<(usize, usize)> {
    let content_first = g.content_tokens.iter().map(|c| c.0).min()?;
    (content_first > g.cue_token + 1).then_some((g.cue_token + 1, content_first))
}

/// Clears `keep` for each attribution of one sentence whose cue lies in
/// another's adjunct (`adjunct_range`), or inside another's source other
/// than at its head.
fn mark_cues_in_adjuncts(run: &[Found], keep: &mut [bool]) {
    // A news sentence has a few attributions: testing every pair is cheaper
    // than the sweep below, which is for hostile sentences of hundreds.
    if run.len() <= 16 {
        for (f, keep) in run.iter().zip(keep) {
            let t = f.cue_token;
            *keep = run.iter().all(|g| {
                let in_adjunct = adjunct_range(g).is_some_and(|(a, b)| a <= t && t < b);
                let in_source = g
                    .source
                    .as_ref()
                    .is_some_and(|np| np.first <= t && t < np.end && t != np.head);
                !in_adjunct && !in_source
            });
        }
        return;
    }
    // Token ranges covered, as differences over the sentence's tokens.
    let base = run.iter().map(|f| f.cue_token).min().unwrap_or(0);
    let top = run
        .iter()
        .flat_map(|g| {
            let source_end = g.source.as_ref().map_or(0, |np| np.end);
            let adjunct_end = adjunct_range(g).map_or(0, |(_, b)| b);
            [g.cue_token + 1, source_end, adjunct_end]
        })
        .max()
        .unwrap_or(0);
    let len = top.saturating_sub(base) + 1;
    let mut adjunct = vec![0i32; len + 1];
    let mut source = vec![0i32; len + 1];
    let mut heads = vec![0i32; len];
    let add = |cover: &mut Vec<i32>, from: usize, to: usize| {
        let (from, to) = (from.max(base) - base, to.max(base) - base);
        if from < to {
            cover[from] += 1;
            cover[to] -= 1;
        }
    };
    for g in run {
        if let Some((a, b)) = adjunct_range(g) {
            add(&mut adjunct, a, b);
        }
        if let Some(np) = &g.source {
            add(&mut source, np.first, np.end);
            if np.head >= np.first.max(base) && np.head < np.end {
                heads[np.head - base] += 1;
            }
        }
    }
    let (mut in_adjunct, mut in_source) = (0, 0);
    let mut covered = vec![false; len];
    for p in 0..len {
        in_adjunct += adjunct[p];
        in_source += source[p];
        covered[p] = in_adjunct > 0 || in_source - heads[p] > 0;
    }
    for (f, keep) in run.iter().zip(keep) {
        *keep = !covered[f.cue_token - base];
    }
}

/// "..., adding that ...": the source is that of the attribution the
/// clause follows in the same sentence, or else the sentence's subject.
fn inherit_sources(grammar: &Grammar, found: &mut Vec<Found>) {
    for i in 0..found.len() {
        if !found[i].inherit_source {
            continue;
        }
        let s = found[i].sentence;
        let previous = (0..i)
            .rev()
            .take_while(|&j| found[j].sentence == s)
            .find(|&j| found[j].source.is_some() && found[j].cue_token < found[i].cue_token)
            .and_then(|j| found[j].source.clone());
        let source = previous.or_else(|| {
            let sent = &grammar.doc.sentences[s];
            let first = grammar.after_dateline(sent.first, sent.end);
            grammar.clause_subject(first, found[i].cue_token)
        });
        found[i].source = source;
    }
    found.retain(|f| !f.inherit_source || f.source.is_some());
}

/// A quotation with no speaker of its own that follows a direct quote in the
/// same paragraph, with nothing but punctuation between, continues it; so
/// does one opening the next sentence or paragraph (`opens_sentence_after`).
fn continue_quotes(doc: &Document, hits: &Hits, found: &mut [Found]) {
    let used: rustc_hash::FxHashSet<usize> = found.iter().filter_map(|f| f.quote).collect();
    // Every content span, by start, to tell whether a quote is already inside one.
    let mut contents: Vec<Span> = found
        .iter()
        .flat_map(|f| f.content.iter().copied())
        .collect();
    contents.sort_unstable();
    // Direct quotes by where they end; quotes are visited in text order, and
    // the one extended last is tracked because its end has moved.
    let mut directs: Vec<(usize, usize)> = found
        .iter()
        .enumerate()
        .filter(|(_, f)| f.kind == PatternKind::Direct)
        .map(|(i, f)| (attribution_end(doc, f), i))
        .collect();
    directs.sort_unstable();
    let mut extended: Option<(usize, usize)> = None; // (end, index)
    for (q, quote) in doc.quotes.iter().enumerate() {
        let first = quote.spans[0];
        let inside = contents[..contents.partition_point(|c| c.start <= first.start)]
            .iter()
            .rev()
            .take(64)
            .any(|c| c.contains(first));
        if used.contains(&q) || inside {
            continue;
        }
        let para = doc.sentences[doc.tokens[quote.open].sentence as usize].paragraph;
        let open_at = doc.tokens[quote.open].span().start;
        let before = directs.partition_point(|&(end, _)| end <= open_at);
        let from_list = before.checked_sub(1).map(|k| directs[k]);
        let prev = match (from_list, extended) {
            (Some(a), Some(b)) if b.0 <= open_at => Some(if b.0 >= a.0 { b } else { a }),
            (a, Some(b)) if b.0 <= open_at => a.or(Some(b)),
            (a, _) => a,
        };
        let Some((gap_start, prev)) = prev else {
            continue;
        };
        // A quotation opening the next paragraph continues it too.
        let prev_para = doc.sentences[found[prev].sentence].paragraph;
        let opens_paragraph = para == prev_para + 1
            && doc.paragraphs[para].first_sentence == doc.tokens[quote.open].sentence as usize
            && doc.sentences[doc.paragraphs[para].first_sentence].first == quote.open;
        if prev_para != para && !opens_paragraph {
            continue;
        }
        // A quotation right after the verb, with no mark between, is what
        // it takes ("told “Fox and Friends”"), not more of what was said.
        let gap = &doc.text[gap_start..open_at];
        let marks_only =
            gap.chars().all(|c| !c.is_alphanumeric()) && !gap.chars().all(char::is_whitespace);
        if marks_only || opens_sentence_after(doc, hits, gap_start, quote.open) {
            let prev_found = &mut found[prev];
            for span in &quote.spans {
                let t = crate::grammar::trim_content(doc.text, *span);
                if !t.is_empty() {
                    prev_found.content.push(t);
                }
            }
            let close = quote.close.unwrap_or(quote.open);
            prev_found.content_tokens.push((quote.open, close + 1));
            extended = Some((attribution_end(doc, prev_found), prev));
        }
    }
}

/// "“…,” Reid told reporters in Washington. “Bernie’s a good man …”":
/// a quotation that opens the sentence after the one the attribution ends
/// in (at byte `end`, its `attribution_end`) continues it, when the rest of
/// that sentence holds no other cue nor quotation mark (the speaker's
/// description, the occasion).
fn opens_sentence_after(doc: &Document, hits: &Hits, end: usize, open: usize) -> bool {
    let s = doc.tokens[open].sentence as usize;
    if s == 0 || doc.sentences[s].first != open {
        return false;
    }
    let sentence = &doc.sentences[s - 1];
    if sentence.span.start > end || sentence.span.end < end {
        return false;
    }
    // A cue after a name or a pronoun is a clause of its own ("…,” he
    // said, and Smith agreed.); one in a description is not ("who runs
    // a group that supports …").
    let clause_of_its_own = |k: usize| {
        hits.has(k, flag::CUE)
            && k > sentence.first
            && (doc.tokens[k - 1].capitalized || hits.has(k - 1, flag::PRONOUN))
            && doc.tokens[k - 1].is_word()
    };
    (sentence.first..sentence.end)
        .filter(|&k| doc.tokens[k].span().start >= end)
        .all(|k| !doc.tokens[k].is_quote() && !clause_of_its_own(k))
}

fn attribution_end(doc: &Document, f: &Found) -> usize {
    let mut end = f.cue_spans.last().map_or(0, |s| s.end);
    if let Some(np) = &f.source {
        end = end.max(doc.tokens[np.end - 1].span().end);
    }
    for c in &f.content {
        end = end.max(c.end);
    }
    if let Some(q) = f.quote
        && let Some(close) = doc.quotes[q].close
    {
        end = end.max(doc.tokens[close].span().end);
    }
    end
}

fn np_span(doc: &Document, np: &NounPhrase) -> Span {
    if let Some((first, end)) = np.relative {
        return doc.tokens_span(first, end);
    }
    doc.tokens_span(np.first, np.end)
}

fn build_attributions<'d>(
    doc: &'d Document,
    hits: &Hits,
    rules: &RuleSet,
    sources: &mut Sources,
    // Spent here: its span lists move into the attributions.
    found: &mut [Found],
) -> Vec<Attribution> {
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&i| {
        (
            found[i]
                .source
                .as_ref()
                .map_or(usize::MAX, |np| np.first)
                .min(found[i].cue_token),
            found[i].cue_token,
        )
    });
    // Mentions found in the text, sorted; sources are added to a second list
    // as they are resolved, in text order, so both stay sorted.
    let mut mentions: Vec<Mention> = sources.group_mentions();
    mentions.extend(sources.person_mentions());
    mentions.sort_by_key(|m| m.at);
    let mut source_mentions: Vec<Mention> = Vec::new();
    let mut earlier: Vec<Earlier<'d>> = Vec::new();
    let quote_marks = quote_mark_starts(doc);
    let mut out = Vec::with_capacity(found.len());
    for i in order {
        let f = &mut found[i];
        let cue_info = &rules.cues[f.cue_rule];
        // The cue's rule, the pattern's, the source's and a hedge's or two.
        let mut rule_ids = Vec::with_capacity(6);
        rule_ids.push(cue_info.id.clone());
        let (source, source_type, entity) = match &f.source {
            None => (None, SourceType::Vague, None),
            Some(np) => {
                let span = np_span(doc, np);
                let role = Role::from_spans(doc.text, vec![span]);
                let typed = sources.classify(np);
                if let Some(r) = &typed.rule {
                    rule_ids.push(r.clone());
                }
                let titled = sources.is_title_description(np);
                // "You" names no one the text does (its reader, or whoever
                // a quotation addresses): a pronoun that resolves to nothing.
                let addressee = np.end - np.first == 1 && doc.lower(np.head) == "you";
                let (t, e) = if sources.is_pronoun(np) || addressee {
                    let pronoun = doc.lower(np.head);
                    let in_text = resolve_pronoun(pronoun, span.start, &mentions);
                    let as_source = resolve_pronoun(pronoun, span.start, &source_mentions);
                    let nearest = match (in_text, as_source) {
                        (Some(a), Some(b)) => Some(if b.at >= a.at { b } else { a }),
                        (a, b) => b.or(a),
                    };
                    match nearest {
                        Some(m) => (m.source_type, Some(sources.mention_name(m))),
                        None => (typed.source_type, None),
                    }
                } else if let Some(p) = titled.then(|| sources.resolve_title(np)).flatten() {
                    (SourceType::Person, Some(p.name.clone()))
                } else if let Some((t, e)) =
                    back_reference(doc, sources, np, typed.source_type, &earlier)
                {
                    (t, Some(e))
                } else if titled {
                    let t = if typed.rule.is_some() {
                        typed.source_type
                    } else {
                        SourceType::Official
                    };
                    (t, Some(sources.entity_name(np)))
                } else {
                    let mut name = sources.entity_name(np);
                    // "The Courier" after "the Halvik Courier": a short form of a named body.
                    if typed.source_type != SourceType::Person
                        && let Some(e) = earlier.iter().rev().take(LOOKBACK).find(|e| {
                            e.source_type == typed.source_type
                                && crate::model::ends_with_words(&e.entity, &name)
                        })
                    {
                        name = e.entity.clone();
                    }
                    if typed.source_type == SourceType::Person {
                        sources.learn_person(np, &name);
                    }
                    let named = Earlier {
                        head: doc.lower(np.head),
                        source_type: typed.source_type,
                        entity: name.clone(),
                    };
                    // The same source again adds nothing to look back
                    // through (and a run of it would fill the window).
                    if earlier.last() != Some(&named) {
                        earlier.push(named);
                    }
                    (typed.source_type, Some(name))
                };
                if let Some(e) = &e {
                    let at = source_mentions.partition_point(|m| m.at <= span.start);
                    source_mentions.insert(
                        at,
                        Mention {
                            at: span.start,
                            entity: MentionName::Entity(e.clone()),
                            source_type: t,
                            plural: doc.lower(np.head).ends_with('s') && t != SourceType::Person,
                        },
                    );
                }
                (Some(role), t, e)
            }
        };
        let cue = Role::from_spans(doc.text, std::mem::take(&mut f.cue_spans));
        let mut content_spans = std::mem::take(&mut f.content);
        content_spans.sort();
        content_spans.dedup();
        let content = Role::from_spans(doc.text, content_spans);
        let kind = match f.kind.claim_kind() {
            Some(Kind::Indirect) if contains_quote(&quote_marks, &content) => Kind::Mixed,
            // "The summit accomplished “too little,” he said": a quotation
            // with the author's words before it.
            Some(Kind::Direct)
                if f.quote.is_some_and(|q| {
                    let open = doc.tokens[doc.quotes[q].open].span().start;
                    content.extent().start < open
                }) =>
            {
                Kind::Mixed
            }
            Some(k) => k,
            None => continue,
        };
        let region_tokens = Some(f.cue_region_tokens);
        let ctx = hedge::Context {
            content: &f.content_tokens,
            cue_region: region_tokens,
            cue_head: Some((f.cue_token, f.cue_region_tokens.1)),
            reported: cue_info.class == CueClass::Verb,
        };
        let mut hedge = hedge::score(doc, hits, rules, &ctx);
        if cue_info.hedge != 0.0 {
            let mut cues = hedge.cues.clone();
            cues.push(HedgeCue {
                text: cue.text.clone(),
                span: cue.extent(),
                weight: cue_info.hedge,
                rule: cue_info.id.clone(),
            });
            hedge = hedge::combine(cues);
        }
        for c in &hedge.cues {
            if !rule_ids.contains(&c.rule) {
                rule_ids.push(c.rule.clone());
            }
        }
        out.push(Attribution {
            id: String::new(),
            kind,
            source,
            cue,
            content,
            source_type,
            entity,
            chain: Vec::new(),
            parent: None,
            tone: cue_info.tone,
            hedge,
            rule: rules.patterns[f.pattern].id.clone(),
            rules: rule_ids,
        });
    }
    out.sort_by_cached_key(|a| (a.extent().start, a.cue.start()));
    // Not `format!`: its machinery cost more than the rest of the id.
    let mut digits = itoa::Buffer::new();
    for (n, a) in out.iter_mut().enumerate() {
        let number = digits.format(n + 1);
        let mut id = String::with_capacity(1 + number.len());
        id.push('a');
        id.push_str(number);
        a.id = id;
    }
    out
}

/// How many earlier sources a back-reference looks through.
const LOOKBACK: usize = 256;

/// A source already named in the text, for back-references.
#[derive(PartialEq)]
struct Earlier<'d> {
    head: &'d str,
    source_type: SourceType,
    entity: String,
}

/// "the official", "The report", "the company", bare "sources": a short
/// definite description refers back to the latest source with the same
/// head noun, or, for bodies and documents, of the same type.
fn back_reference(
    doc: &Document,
    sources: &Sources,
    np: &NounPhrase,
    source_type: SourceType,
    earlier: &[Earlier],
) -> Option<(SourceType, String)> {
    let len = np.end - np.first;
    let first = doc.lower(np.first);
    let definite =
        matches!(first, "the" | "this" | "that" | "these" | "those" | "both") && len <= 4;
    // A bare plural refers back only for anonymous sources ("sources said").
    let bare_plural = len == 1 && first.ends_with('s') && source_type == SourceType::Anonymous;
    let unnamed = (np.first + 1..np.end).all(|k| !doc.tokens[k].capitalized);
    if !(definite || bare_plural) || !unnamed || np.alt_head.is_some() {
        return None;
    }
    let head = doc.lower(np.head);
    // "Both men", "the two women": a pair named earlier.
    let pair = (first == "both" && len == 2)
        || (first == "the" && len == 3 && doc.lower(np.first + 1) == "two");
    if pair
        && source_type == SourceType::Person
        && let Some(names) = sources.pair_of_names_before(np.first)
    {
        return Some((SourceType::Person, names));
    }
    if let Some(e) = earlier.iter().rev().take(LOOKBACK).find(|e| e.head == head) {
        return Some((e.source_type, e.entity.clone()));
    }
    let by_type = matches!(
        source_type,
        SourceType::Organization | SourceType::Media | SourceType::Document
    );
    if !(definite && by_type) {
        return None;
    }
    earlier
        .iter()
        .rev()
        .take(LOOKBACK)
        .find(|e| e.source_type == source_type)
        .map(|e| (e.source_type, e.entity.clone()))
        .or_else(|| {
            sources
                .named_body_before(np.first, head, source_type)
                .map(|name| (source_type, name))
        })
}

/// Token range `[first, end)` of a span inside sentence tokens `[lo, hi)`.
fn tokens_in(doc: &Document, lo: usize, hi: usize, span: Span) -> (usize, usize) {
    let toks = &doc.tokens[lo..hi];
    let first = lo + toks.partition_point(|t| t.span().end <= span.start);
    let end = lo + toks.partition_point(|t| t.span().start < span.end);
    (first, end)
}

/// Where the text's “, ” and straight quotation marks ('' too) start, in
/// order. Each is a token of its own, and contents are whole tokens, so a
/// content holds a mark exactly when one starts inside it.
fn quote_mark_starts(doc: &Document) -> Vec<usize> {
    doc.quote_marks
        .iter()
        .map(|&i| doc.tokens[i as usize].span())
        .filter(|&span| matches!(doc.slice(span), "“" | "”" | "\"" | "''"))
        .map(|span| span.start)
        .collect()
}

/// Whether a content quotes someone's own words: a search in the marks,
/// not a scan of the content, so a thousand long contents stay cheap.
fn contains_quote(marks: &[usize], content: &Role) -> bool {
    content.spans.iter().any(|s| {
        let next = marks.partition_point(|&p| p < s.start);
        marks.get(next).is_some_and(|&p| p < s.end)
    })
}

/// An attribution whose whole extent lies inside another's content is
/// nested in it: its chain is the outer chain plus its own source.
fn link_chains(attributions: &mut [Attribution]) {
    let n = attributions.len();
    let mut parent: Vec<Option<usize>> = vec![None; n];
    // Sorted by extent start, so an enclosing attribution starts before its
    // nested one; look back only as far as a content can reach.
    const REACH: usize = 64 * 1024;
    let extents: Vec<Span> = attributions.iter().map(Attribution::extent).collect();
    let content_extents: Vec<Span> = attributions.iter().map(|a| a.content.extent()).collect();
    // The furthest extent end up to each attribution: those before the
    // first whose reach gets to an attribution's end all end before it, and
    // none of their contents can hold it (one search, not 64 tests).
    let reach: Vec<usize> = extents
        .iter()
        .scan(0, |furthest, e| {
            *furthest = e.end.max(*furthest);
            Some(*furthest)
        })
        .collect();
    for i in 0..n {
        let inner = extents[i];
        let mut best: Option<(usize, usize)> = None;
        let reaching = reach.partition_point(|&end| end < inner.end);
        let candidates = (i.saturating_sub(64).max(reaching)..n)
            .take_while(|&j| extents[j].start <= inner.start + 1)
            .filter(|&j| extents[j].end + REACH >= inner.start);
        for j in candidates {
            if i == j {
                continue;
            }
            let outer = &attributions[j];
            if content_extents[j].contains(inner)
                && outer.content.spans.iter().any(|c| c.contains(inner))
            {
                let size = content_extents[j].len();
                if best.is_none_or(|(_, s)| size < s) {
                    best = Some((j, size));
                }
            }
        }
        // "X, the Courier reported, citing a memo": the cited source reaches
        // the reader through the reporter, whose claim has the same content
        // (or holds it: "told BFM TV that “X, according to the police”").
        if best.is_none() && attributions[i].kind == Kind::AccordingTo {
            let own = content_extents[i];
            best = (i.saturating_sub(8)..i.min(n))
                .chain(i + 1..(i + 8).min(n))
                .find(|&j| {
                    let other = content_extents[j];
                    other.contains(own)
                        && other.end == own.end
                        && attributions[j].kind != Kind::AccordingTo
                })
                .map(|j| (j, 0));
        }
        parent[i] = best.map(|(j, _)| j);
    }
    // "“I think it will fail,” Ruiz said": inside the words of an
    // enclosing attribution, "I" is its source (or that one's, should it
    // be "I" too), not the person named last before it.
    let speaks_as_i = |a: &Attribution| a.source.as_ref().is_some_and(|s| s.text == "I");
    for i in 0..n {
        if !speaks_as_i(&attributions[i]) {
            continue;
        }
        let speaker = std::iter::successors(parent[i], |&c| parent[c])
            .take(n)
            .find(|&c| !speaks_as_i(&attributions[c]));
        if let Some(j) = speaker {
            attributions[i].entity = attributions[j].entity.clone();
            attributions[i].source_type = attributions[j].source_type;
        }
    }
    for i in 0..n {
        // From the attribution out to its outermost, at most n + 1 steps
        // should the parents ever close a loop; walked twice so the chain
        // is allocated once at its length, not grown from empty.
        let outwards = || std::iter::successors(Some(i), |&c| parent[c]).take(n + 1);
        let mut chain = Vec::with_capacity(outwards().count());
        chain.extend(outwards().map(|c| source_name(&attributions[c]).to_string()));
        chain.reverse();
        attributions[i].chain = chain;
        attributions[i].parent = parent[i].map(|p| attributions[p].id.clone());
    }
}

/// How a source is named in chains and the entity list.
fn source_name(a: &Attribution) -> &str {
    a.entity
        .as_deref()
        .or_else(|| a.source.as_ref().map(|s| s.text.as_str()))
        .unwrap_or("(unnamed)")
}

/// Sentences and clauses in the author's voice: what attributions and
/// credits leave uncovered, in paragraphs that are not photo captions.
fn unattributed(
    doc: &Document,
    hits: &Hits,
    rules: &RuleSet,
    attributions: &[Attribution],
    credits: &[Credit],
) -> Vec<Claim> {
    let mut covered: Vec<Span> = attributions.iter().map(|a| a.extent()).collect();
    covered.extend(credits.iter().map(|c| c.span));
    covered.sort();
    // The furthest end among the covered spans up to each: those before the
    // first whose reach passes a sentence's start all end before it.
    let reach: Vec<usize> = covered
        .iter()
        .scan(0, |furthest, c| {
            *furthest = c.end.max(*furthest);
            Some(*furthest)
        })
        .collect();
    // Per paragraph, whether it is a photo caption. Paragraphs are in text
    // order, so each credit's is found by a search (a scan per credit was
    // quadratic in a long document).
    let mut caption = vec![false; doc.paragraphs.len()];
    for c in credits.iter().filter(|c| c.kind == CreditKind::Photo) {
        let p = doc.paragraphs.partition_point(|p| p.span.end < c.span.end);
        if doc
            .paragraphs
            .get(p)
            .is_some_and(|p| p.span.contains(c.span))
        {
            caption[p] = true;
        }
    }
    let mut out = Vec::with_capacity(doc.sentences.len());
    // The pieces of a sentence left uncovered, and the next ones.
    let mut pieces: Vec<Span> = Vec::new();
    let mut rest: Vec<Span> = Vec::new();
    for sent in &doc.sentences {
        if caption[sent.paragraph] {
            continue;
        }
        let text = doc.slice(sent.span);
        if text
            .trim_end_matches(['"', '”', '’', '\'', ')'])
            .ends_with('?')
        {
            continue;
        }
        pieces.clear();
        pieces.push(sent.span);
        let upto = covered.partition_point(|c| c.start < sent.span.end);
        let reaching = reach.partition_point(|&end| end <= sent.span.start);
        let from = upto.saturating_sub(64).max(reaching).min(upto);
        for c in covered[from..upto].iter().filter(|c| c.overlaps(sent.span)) {
            let absorbed = absorb_relative_head(doc, hits, *c, sent);
            rest.clear();
            for &p in &pieces {
                subtract(p, absorbed, &mut rest);
            }
            std::mem::swap(&mut pieces, &mut rest);
        }
        let whole = pieces.len() == 1 && pieces[0] == sent.span;
        for &p in &pieces {
            let span = if whole {
                p
            } else {
                trim_clause(doc, hits, p, sent)
            };
            // A whole sentence's span holds exactly its tokens.
            let (first, end) = if whole {
                (sent.first, sent.end)
            } else {
                tokens_in(doc, sent.first, sent.end, span)
            };
            let words = (first..end).filter(|&k| doc.tokens[k].is_word()).count();
            if words < 4 {
                continue;
            }
            // A leftover that opens with a preposition, a participle or a
            // relative pronoun ("In an interview with ...", "Speaking to
            // reporters", "who chairs the council") frames the attribution
            // next to it; it asserts nothing of its own.
            let framing = first < end
                && (hits.has(first, flag::PREP | flag::REL) || doc.lower(first).ends_with("ing"));
            if !whole && framing {
                continue;
            }
            let quoted = doc.words_all_quoted(first, end);
            let ctx = hedge::Context {
                content: &[(first, end)],
                cue_region: None,
                cue_head: None,
                reported: false,
            };
            out.push(Claim {
                text: doc.slice(span).to_string(),
                span,
                quoted,
                hedge: hedge::score(doc, hits, rules, &ctx),
            });
        }
    }
    out
}

/// "..., a move they say could ...": the short noun phrase a relative
/// attribution hangs on belongs with it, not with the main clause.
fn absorb_relative_head(doc: &Document, hits: &Hits, covered: Span, sentence: &Sentence) -> Span {
    let (first, _) = tokens_in(doc, sentence.first, sentence.end, covered);
    let sent_first = sentence.first;
    let mut k = first;
    let mut steps = 0;
    while k > sent_first && steps < 3 {
        k -= 1;
        steps += 1;
        if doc.token_text(k) == "," {
            let det = k + 1 < first && hits.has(k + 1, flag::DET);
            return if det && k + 1 < first {
                Span::new(doc.tokens[k + 1].span().start, covered.end)
            } else {
                covered
            };
        }
        if !doc.tokens[k].is_word() {
            break;
        }
    }
    covered
}

/// Appends to `out` what is left of `piece` outside `cut`.
fn subtract(piece: Span, cut: Span, out: &mut Vec<Span>) {
    if !piece.overlaps(cut) {
        out.push(piece);
        return;
    }
    if cut.start > piece.start {
        out.push(Span::new(piece.start, cut.start));
    }
    if cut.end < piece.end {
        out.push(Span::new(cut.end, piece.end));
    }
}

/// Trims a clause left over around an attribution: punctuation and
/// connectors at either end ("Haniyeh, just after" → "Haniyeh").
fn trim_clause(doc: &Document, hits: &Hits, span: Span, sentence: &Sentence) -> Span {
    let span = trim_span(doc.text, span);
    let (mut first, mut end) = tokens_in(doc, sentence.first, sentence.end, span);
    let droppable = |k: usize| !doc.tokens[k].is_word() || hits.has(k, flag::CONNECTOR);
    // Trailing prepositions too: "The strike comes amid" leads into a noun cue.
    while first < end && (droppable(end - 1) || hits.has(end - 1, flag::PREP)) {
        end -= 1;
    }
    while first < end && droppable(first) {
        first += 1;
    }
    if first >= end {
        return Span::new(span.start, span.start);
    }
    let spans = merge_token_spans(doc, &[first, end - 1]);
    Span::new(spans[0].start, spans.last().map_or(spans[0].end, |s| s.end))
}

/// One entity per distinct source, with its claims, in order of first claim.
fn entities(attributions: &[Attribution]) -> Vec<Entity> {
    let mut out: Vec<Entity> = Vec::new();
    let mut index: rustc_hash::FxHashMap<&str, usize> = Default::default();
    for a in attributions {
        let name = source_name(a);
        match index.get(name) {
            Some(&i) => out[i].claims.push(a.id.clone()),
            None => {
                index.insert(name, out.len());
                out.push(Entity {
                    name: name.to_string(),
                    source_type: a.source_type,
                    claims: vec![a.id.clone()],
                });
            }
        }
    }
    out
}
