//! The checks: a pure function from an analysis, its text and a policy to
//! findings.

use super::{CheckConfig, CheckId, Level, Policy};
use crate::model::{Analysis, Attribution, HedgeLevel, Kind, SourceType, Span, Tone};
use crate::text::Document;

/// One thing a check found.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub check: CheckId,
    pub level: Level,
    pub message: String,
    /// Where, as a byte range of the analysed text; `None` for a finding
    /// about the whole document.
    pub span: Option<Span>,
    /// The text the finding is about (the attribution or claim, or the
    /// word and its sentence); its normalised form is the fingerprint.
    pub subject: String,
    pub link: Option<String>,
    /// The attribution (`a3`) or unattributed claim (`u2`) it is about.
    pub item: Option<String>,
}

/// What the quote and sentence structure of the text says, computed once.
struct Context<'t> {
    text: &'t str,
    /// Quotation spans sorted by start, and for each, the furthest end of
    /// it and every span before it: whether a span is quoted is one search.
    quotes: Vec<Span>,
    quote_reach: Vec<usize>,
    sentences: Vec<(Span, usize)>,
}

impl Context<'_> {
    fn in_quote(&self, span: Span) -> bool {
        // The quotations starting at or before the span; one of them holds
        // it exactly when the furthest of their ends reaches its end.
        let starting = self.quotes.partition_point(|q| q.start <= span.start);
        !span.is_empty() && starting > 0 && self.quote_reach[starting - 1] >= span.end
    }

    /// The sentences overlapping `span` plus the next one in the same
    /// paragraph ("…, an official said. She spoke on condition of anonymity
    /// because …").
    fn surrounding(&self, span: Span) -> Span {
        let first = self
            .sentences
            .partition_point(|(s, _)| s.end <= span.start)
            .min(self.sentences.len().saturating_sub(1));
        let mut last = first;
        while last + 1 < self.sentences.len() && self.sentences[last + 1].0.start < span.end {
            last += 1;
        }
        if last + 1 < self.sentences.len() && self.sentences[last + 1].1 == self.sentences[last].1 {
            last += 1;
        }
        match (self.sentences.get(first), self.sentences.get(last)) {
            (Some(a), Some(b)) => Span::new(a.0.start.min(span.start), b.0.end.max(span.end)),
            _ => span,
        }
    }

    fn sentence_of(&self, at: usize) -> Span {
        let i = self.sentences.partition_point(|(s, _)| s.end <= at);
        self.sentences
            .get(i)
            .map(|(s, _)| *s)
            .filter(|s| s.start <= at)
            .unwrap_or(Span::new(at, at))
    }
}

/// Runs every check the policy turns on. `text` is the text the analysis
/// was made from; findings are sorted by position (document findings
/// first), then check. The text is segmented as the default rule set
/// segments it; an analysis made with other rules (other abbreviations)
/// should be checked with [`evaluate_document`].
pub fn evaluate(policy: &Policy, analysis: &Analysis, text: &str) -> Vec<Finding> {
    let abbreviations = &crate::RuleSet::default_rules().abbreviations;
    evaluate_document(policy, analysis, &Document::new(text, abbreviations))
}

/// As [`evaluate`], with the text's sentences and quotations read from the
/// document the analysis was made from (`analyze::analyze_document`),
/// instead of segmenting the text a second time.
pub fn evaluate_document(policy: &Policy, analysis: &Analysis, doc: &Document) -> Vec<Finding> {
    let text = doc.text;
    let mut quotes: Vec<Span> = doc
        .quotes
        .iter()
        .flat_map(|q| q.spans.iter().copied())
        .collect();
    quotes.sort();
    let quote_reach = quotes
        .iter()
        .scan(0, |reach, q| {
            *reach = q.end.max(*reach);
            Some(*reach)
        })
        .collect();
    let ctx = Context {
        text,
        quotes,
        quote_reach,
        sentences: doc
            .sentences
            .iter()
            .map(|s| (s.span, s.paragraph))
            .collect(),
    };
    let mut out = Vec::new();
    for (&id, config) in &policy.checks {
        if config.level == Level::Off {
            continue;
        }
        let include_quotes = config.include_quotes.unwrap_or(policy.include_quotes);
        let mut emit =
            |span: Option<Span>, subject: String, item: Option<String>, fill: &[(&str, String)]| {
                out.push(Finding {
                    check: id,
                    level: config.level,
                    message: message(id, config, fill),
                    span,
                    subject,
                    link: config.link.clone(),
                    item,
                });
            };
        match id {
            CheckId::VagueSource
            | CheckId::AnonymousSource
            | CheckId::AgentlessAttribution
            | CheckId::LoadedCueVerb => {
                for a in &analysis.attributions {
                    if !include_quotes && ctx.in_quote(a.cue.extent()) {
                        continue;
                    }
                    if let Some((span, text)) = attribution_check(id, config, a, &ctx) {
                        emit(
                            Some(span),
                            subject_of(a),
                            Some(a.id.clone()),
                            &[("text", text)],
                        );
                    }
                }
            }
            CheckId::QuoteWithoutSpeaker => {
                for (n, c) in analysis.unattributed.iter().enumerate() {
                    if c.quoted {
                        let inner = c
                            .text
                            .trim_matches(['"', '“', '”', '\'', '‘', '’', '«', '»', '„', ' ']);
                        emit(
                            Some(c.span),
                            c.text.clone(),
                            Some(format!("u{}", n + 1)),
                            &[("text", format!("“{}”", shorten(inner)))],
                        );
                    }
                }
                if config.named {
                    for a in &analysis.attributions {
                        let quoted = matches!(a.kind, Kind::Direct | Kind::Mixed);
                        // A source quoted inside another quotation is the
                        // outer speaker's words.
                        let nested = ctx.in_quote(a.cue.extent());
                        if quoted && !nested && !a.source_type.is_named() {
                            let who = a.source.as_ref().map_or("", |s| s.text.as_str());
                            emit(
                                Some(a.content.extent()),
                                subject_of(a),
                                Some(a.id.clone()),
                                &[(
                                    "text",
                                    format!(
                                        "“{}” (credited to “{who}”)",
                                        shorten(a.content.text.trim_matches(['"', '“', '”', ' ']))
                                    ),
                                )],
                            );
                        }
                    }
                }
            }
            CheckId::UnattributedClaim => {
                for (n, c) in analysis.unattributed.iter().enumerate() {
                    let words = c.text.split_whitespace().count();
                    if !c.quoted && words >= config.min_words {
                        emit(
                            Some(c.span),
                            c.text.clone(),
                            Some(format!("u{}", n + 1)),
                            &[("text", shorten(&c.text))],
                        );
                    }
                }
            }
            CheckId::HedgedWithoutSource => {
                for (n, c) in analysis.unattributed.iter().enumerate() {
                    if c.quoted && !include_quotes {
                        continue;
                    }
                    let cues: Vec<_> = c
                        .hedge
                        .cues
                        .iter()
                        .filter(|h| include_quotes || !ctx.in_quote(h.span))
                        .cloned()
                        .collect();
                    let hedge = crate::hedge::combine(cues);
                    if hedge.level == HedgeLevel::None || hedge.level < config.min_level {
                        continue;
                    }
                    let words = hedge
                        .cues
                        .iter()
                        .filter(|h| h.weight > 0.0)
                        .map(|h| format!("“{}”", h.text))
                        .collect::<Vec<_>>()
                        .join(", ");
                    emit(
                        Some(c.span),
                        c.text.clone(),
                        Some(format!("u{}", n + 1)),
                        &[("text", words), ("value", hedge.level.to_string())],
                    );
                }
            }
            CheckId::WordsToWatch => {
                for (span, word) in find_words(text, &config.words) {
                    if !include_quotes && ctx.in_quote(span) {
                        continue;
                    }
                    let sentence = ctx.sentence_of(span.start);
                    let subject = format!("{word} | {}", &text[sentence.start..sentence.end]);
                    emit(Some(span), subject, None, &[("text", word)]);
                }
            }
            CheckId::SingleSourceArticle => {
                let sources = distinct_sources(analysis);
                let n = analysis.attributions.len();
                if n >= config.min_claims.max(2) && sources.len() == 1 {
                    emit(
                        None,
                        id.as_str().to_string(),
                        None,
                        &[("text", sources[0].clone()), ("value", n.to_string())],
                    );
                }
            }
            CheckId::MaxUnattributedShare => {
                let s = analysis.summary();
                if s.claims >= config.min_claims.max(1) {
                    let share = (s.claims - s.attributed) as f64 / s.claims as f64;
                    if share > config.max + 1e-9 {
                        emit(
                            None,
                            id.as_str().to_string(),
                            None,
                            &[
                                ("value", percent(share)),
                                ("limit", percent(config.max)),
                                (
                                    "text",
                                    format!("{} of {}", s.claims - s.attributed, s.claims),
                                ),
                            ],
                        );
                    }
                }
            }
            CheckId::MinNamedShare => {
                let s = analysis.summary();
                if s.claims >= config.min_claims && s.attributed > 0 {
                    let share = s.named as f64 / s.attributed as f64;
                    if share + 1e-9 < config.min {
                        emit(
                            None,
                            id.as_str().to_string(),
                            None,
                            &[
                                ("value", percent(share)),
                                ("limit", percent(config.min)),
                                ("text", format!("{} of {}", s.named, s.attributed)),
                            ],
                        );
                    }
                }
            }
            CheckId::MinDistinctSources => {
                let s = analysis.summary();
                let sources = distinct_sources(analysis);
                if s.claims >= config.min_claims.max(1) && (sources.len() as f64) < config.min {
                    emit(
                        None,
                        id.as_str().to_string(),
                        None,
                        &[
                            ("value", sources.len().to_string()),
                            ("limit", format!("{}", config.min as u64)),
                            ("text", sources.join(", ")),
                        ],
                    );
                }
            }
        }
    }
    out.sort_by(|a, b| {
        let key = |f: &Finding| f.span.map_or((0, 0, 0), |s| (1, s.start, s.end));
        key(a).cmp(&key(b)).then(a.check.cmp(&b.check))
    });
    // Two attributions can share a source or cue ("X, the paper reported,
    // citing Y"): one finding per check and place.
    out.dedup_by(|b, a| a.check == b.check && a.span == b.span && a.span.is_some());
    out
}

/// A per-attribution check: the span to report and the text for the message.
fn attribution_check(
    id: CheckId,
    config: &CheckConfig,
    a: &Attribution,
    ctx: &Context,
) -> Option<(Span, String)> {
    match id {
        CheckId::VagueSource => {
            let source = a.source.as_ref()?;
            let vague = a.source_type == SourceType::Vague && a.kind != Kind::Agentless;
            (vague && !listed(&config.allow, &source.text))
                .then(|| (source.extent(), source.text.clone()))
        }
        CheckId::AnonymousSource => {
            if a.source_type != SourceType::Anonymous {
                return None;
            }
            let region = ctx.surrounding(a.extent());
            let window = ctx.text[region.start..region.end].to_lowercase();
            let reasoned = config
                .reasons
                .iter()
                .any(|r| !find_words(&window, std::slice::from_ref(r)).is_empty());
            let (span, text) = match &a.source {
                Some(s) => (s.extent(), s.text.clone()),
                None => (a.cue.extent(), a.cue.text.clone()),
            };
            (!reasoned).then_some((span, text))
        }
        CheckId::AgentlessAttribution => {
            let agentless =
                a.kind == Kind::Agentless || (a.kind == Kind::Noun && a.source.is_none());
            agentless.then(|| (a.cue.extent(), a.cue.text.clone()))
        }
        CheckId::LoadedCueVerb => (a.tone == Tone::Loaded && !listed(&config.allow, &a.cue.text))
            .then(|| (a.cue.extent(), a.cue.text.clone())),
        _ => None,
    }
}

/// True when `text`, or its last word, is in `list` (case-insensitive).
fn listed(list: &[String], text: &str) -> bool {
    let lower = text.to_lowercase();
    let last = lower.split_whitespace().last().unwrap_or("");
    list.iter().any(|w| {
        let w = w.to_lowercase();
        w == lower || w == last
    })
}

/// The attribution as one text: what its fingerprint is made of.
fn subject_of(a: &Attribution) -> String {
    let source = a.source.as_ref().map_or("", |s| s.text.as_str());
    format!("{source} | {} | {}", a.cue.text, a.content.text)
}

/// Distinct source labels, in order of first claim.
fn distinct_sources(a: &Analysis) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for x in &a.attributions {
        let label = match (&x.entity, &x.source) {
            (Some(e), _) => e.as_str(),
            (None, Some(s)) => s.text.as_str(),
            (None, None) => continue,
        };
        if seen.insert(label) {
            out.push(label.to_string());
        }
    }
    out
}

/// Occurrences of the words or phrases in `text`, case-insensitive, on word
/// boundaries, leftmost first (a longer phrase wins at one position).
fn find_words(text: &str, words: &[String]) -> Vec<(Span, String)> {
    let lower = text.to_lowercase();
    // Lowercasing can change lengths (rare capitals); then only ASCII-safe
    // offsets are valid, so fall back to matching on the text itself.
    let hay = if lower.len() == text.len() {
        &lower
    } else {
        text
    };
    let mut out: Vec<(Span, String)> = Vec::new();
    for w in words {
        let needle = w.to_lowercase();
        if needle.is_empty() {
            continue;
        }
        let mut from = 0;
        while let Some(i) = hay[from..].find(&needle).map(|i| from + i) {
            let end = i + needle.len();
            let before = hay[..i].chars().next_back();
            let after = hay[end..].chars().next();
            let boundary = |c: Option<char>| !c.is_some_and(|c| c.is_alphanumeric() || c == '-');
            if boundary(before) && boundary(after) {
                out.push((Span::new(i, end), text[i..end].to_string()));
            }
            from = i + needle.len().max(1);
            while !hay.is_char_boundary(from) {
                from += 1;
            }
        }
    }
    out.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
    out.dedup_by(|b, a| a.0.overlaps(b.0));
    out
}

fn percent(share: f64) -> String {
    format!("{}%", (share * 100.0).round() as i64)
}

fn shorten(s: &str) -> String {
    const MAX: usize = 80;
    if s.chars().count() <= MAX {
        return s.to_string();
    }
    let cut: String = s.chars().take(MAX - 1).collect();
    format!("{}…", cut.trim_end())
}

fn default_message(id: CheckId) -> &'static str {
    match id {
        CheckId::VagueSource => "vague source “{text}”: say who",
        CheckId::AnonymousSource => "anonymous source “{text}” with no reason given for anonymity",
        CheckId::UnattributedClaim => "claim with no source: “{text}”",
        CheckId::QuoteWithoutSpeaker => "quotation with no named speaker: {text}",
        CheckId::LoadedCueVerb => {
            "loaded attribution verb “{text}”; “said” reports without judging"
        }
        CheckId::HedgedWithoutSource => {
            "hedged claim in the author's voice ({text}): attribute it or state it"
        }
        CheckId::AgentlessAttribution => "attribution without an agent (“{text}”): who says so?",
        CheckId::SingleSourceArticle => {
            "all {value} attributed claims come from one source: {text}"
        }
        CheckId::MaxUnattributedShare => {
            "{value} of the claims are unattributed ({text}); the policy allows {limit}"
        }
        CheckId::MinNamedShare => {
            "{value} of the attributed claims name their source ({text}); the policy wants {limit}"
        }
        CheckId::MinDistinctSources => {
            "{value} distinct sources; the policy wants at least {limit}"
        }
        CheckId::WordsToWatch => "“{text}” is a word to watch",
    }
}

fn message(id: CheckId, config: &CheckConfig, fill: &[(&str, String)]) -> String {
    let mut m = config
        .message
        .clone()
        .unwrap_or_else(|| default_message(id).to_string());
    for (key, value) in fill {
        m = m.replace(&format!("{{{key}}}"), value);
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_match_on_boundaries_case_insensitively() {
        let w = vec!["so-called".to_string(), "clearly".to_string()];
        let found = find_words("The So-called plan, unclearly, clearly failed.", &w);
        let texts: Vec<_> = found.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(texts, ["So-called", "clearly"]);
    }

    /// A word finding quotes its sentence as the analysis segmented it:
    /// "Ms." is an abbreviation, not a sentence end.
    #[test]
    fn word_findings_quote_the_analysed_sentence() {
        let policy = Policy::builtin("wikipedia").unwrap();
        let text = "He wrote that Ms. Rust had clearly identified herself. It rained.";
        let rules = crate::RuleSet::default_rules();
        let doc = Document::new(text, &rules.abbreviations);
        let analysis = crate::analyze::analyze_document(&doc, rules);
        let want = "clearly | He wrote that Ms. Rust had clearly identified herself.";
        for findings in [
            evaluate_document(&policy, &analysis, &doc),
            evaluate(&policy, &analysis, text),
        ] {
            let subjects: Vec<_> = findings.iter().map(|f| f.subject.as_str()).collect();
            assert!(subjects.contains(&want), "{subjects:?}");
        }
    }

    #[test]
    fn allow_lists_match_the_whole_cue_or_its_last_word() {
        assert!(listed(&["admitted".into()], "has admitted"));
        assert!(listed(&["Claimed".into()], "claimed"));
        assert!(!listed(&["said".into()], "claimed"));
    }
}
