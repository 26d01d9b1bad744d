//! The compiled rule set: one Aho-Corasick automaton over every lexicon
//! phrase (cues, source words, hedges, closed-class words), run once per
//! document over its lowercased token stream.

use crate::model::{SourceType, Tone};
use crate::pattern::{Needed, Pattern};
use crate::ruleset::{CueClass, HedgeGuard, PatternKind, RuleError, RuleSource, WordLists};
use crate::text::{Document, TokenKind};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use phrase_pairs::PhrasePairs;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::HashMap;
use word_table::{WordInfo, WordTable};

mod phrase_pairs;
mod word_table;

/// Closed-class word flags, one bit per list in `words:`.
pub mod flag {
    pub const DET: u32 = 1;
    pub const AUX: u32 = 1 << 1;
    pub const ADV: u32 = 1 << 2;
    pub const NEG: u32 = 1 << 3;
    pub const FUNC: u32 = 1 << 4;
    pub const PREP: u32 = 1 << 5;
    pub const TIME: u32 = 1 << 6;
    pub const PRON_PERSON: u32 = 1 << 7;
    pub const PRON_GROUP: u32 = 1 << 8;
    pub const PRON_THING: u32 = 1 << 9;
    pub const REL: u32 = 1 << 10;
    pub const CONNECTOR: u32 = 1 << 11;
    pub const TITLE: u32 = 1 << 12;
    pub const MONTH: u32 = 1 << 13;
    pub const QUANT: u32 = 1 << 14;
    pub const BE: u32 = 1 << 15;
    pub const IRREGULAR_PLURAL: u32 = 1 << 16;
    pub const DATE_PREP: u32 = 1 << 17;
    pub const CONDITIONAL: u32 = 1 << 18;
    pub const LABEL: u32 = 1 << 19;
    pub const PRONOUN: u32 = PRON_PERSON | PRON_GROUP | PRON_THING;
    // Set by the scan from its hits, so that the grammar's most frequent
    // questions are one bit test rather than a walk over a token's hits.
    /// A cue starts at the token.
    pub const CUE: u32 = 1 << 20;
    /// A cue of the verb class starts at the token.
    pub const VERB_CUE: u32 = 1 << 21;
    /// A source head or name of one to five words ends at the token.
    pub const SOURCE_WORD: u32 = 1 << 22;
    /// The words the patterns need around their cues (`Pattern::needed`),
    /// one bit each from the lowest of these, assigned when the rules
    /// compile (`RuleSet::needed_items`).
    pub const NEEDED_WORDS: u32 = !((1 << 23) - 1);
}

/// The flags set from hits or from the patterns rather than word lists.
const DERIVED: u32 = flag::CUE | flag::VERB_CUE | flag::SOURCE_WORD | flag::NEEDED_WORDS;

/// The bits of `RuleSet::needed_items` for the quotation marks a pattern
/// may need (the words take `flag::NEEDED_WORDS`).
pub const NEEDED_CLOSE_QUOTE: u32 = 1;
pub const NEEDED_OPEN_QUOTE: u32 = 1 << 1;

#[derive(Debug, Clone)]
pub struct CueInfo {
    pub id: crate::model::RuleId,
    pub class: CueClass,
    /// `cue_class_bit(class.as_str())`, computed once.
    pub class_bit: u32,
    pub tone: Tone,
    pub hedge: f64,
    pub takes_object: bool,
    pub needs_auxiliary: bool,
    pub cites: bool,
    pub speech: bool,
    /// The one-word base forms, known by a listed "-s" or "-ed" partner
    /// ("report", "say", "post"): the plural present, which a singular
    /// subject does not take ("a Facebook post", "a news report" are
    /// nouns).
    pub plural_present: Box<[Box<str>]>,
}

#[derive(Debug, Clone)]
pub struct SourceInfo {
    pub id: crate::model::RuleId,
    pub source_type: SourceType,
    pub priority: i32,
}

#[derive(Debug, Clone)]
pub struct HedgeInfo {
    pub id: crate::model::RuleId,
    pub weight: f64,
    pub guard: Option<HedgeGuard>,
    pub negated_weight: Option<f64>,
    /// Context words (lowercase): see `HedgeRule`.
    pub followed_by: Vec<String>,
    pub not_followed_by: Vec<String>,
    pub not_preceded_by: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct PatternInfo {
    pub id: crate::model::RuleId,
    /// `pattern.cue_mask()`, computed once.
    pub cue_mask: u32,
    /// `pattern.quote_on_left()`, computed once.
    pub quote_on_left: bool,
    /// `pattern.source_on_right()`, computed once.
    pub source_on_right: bool,
    pub kind: PatternKind,
    pub priority: i32,
    pub inherit_source: bool,
    pub pattern: Pattern,
    /// `Pattern::needed` left and right of the cue, each need a mask of
    /// `RuleSet::needed_items` bits, one of which must be present.
    pub needs_left: Vec<u32>,
    pub needs_right: Vec<u32>,
}

/// What a lexicon phrase means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Cue(u16),
    SourceHead(u16),
    SourceMarker(u16),
    /// A case-sensitive proper name; checked against the original text.
    SourceName(u16),
    Hedge(u16),
    PostModifier,
    /// An irregular past form ("made", "broke"): a verb, not a noun of a
    /// compound, after a phrase's head.
    PastVerb,
    Words(u32),
}

/// One lexicon phrase found in a document, in tokens.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    pub first: usize,
    pub len: usize,
    pub entry: Entry,
}

pub struct RuleSet {
    /// Phrases of several words, matched (anchored) at the tokens that can
    /// open one.
    automaton: AhoCorasick,
    /// Automaton pattern → index into `entry_flags`.
    phrase_entries: Vec<usize>,
    /// The pairs of words that open a phrase: the automaton is run only
    /// where a token and the next are one.
    phrase_pairs: PhrasePairs,
    /// Single words, looked up per token: the word's entry (if it is one)
    /// with that entry's `EntryFlags`, and whether it is the first or the
    /// second word of a phrase.
    words: WordTable,
    /// Per lexicon phrase, what recording it takes (most words are only
    /// word-list flags, one `|=`; a one-word entry's are also in its slot
    /// of `words`, where the scan reads them); then an empty one, the id a
    /// word in no list is recorded with.
    entry_flags: Vec<EntryFlags>,
    /// The entries that make hits, phrase after phrase, each phrase's in
    /// the order they were added (`EntryFlags::hit_range`).
    hit_entries: Vec<Entry>,
    /// Per lexicon phrase, its length in tokens.
    phrase_lens: Vec<u8>,
    /// Original spelling of names, for the case check, its words spaced
    /// by single spaces.
    names: Vec<String>,
    pub cues: Vec<CueInfo>,
    pub sources: Vec<SourceInfo>,
    pub hedges: Vec<HedgeInfo>,
    /// Sorted by priority, highest first; ties by id for stable output.
    pub patterns: Vec<PatternInfo>,
    /// What the patterns need around their cues (`Pattern::needed`), by
    /// bit of `PatternInfo::needs_left` and `needs_right`: the quotation
    /// marks at `NEEDED_CLOSE_QUOTE` and `NEEDED_OPEN_QUOTE`, the words at
    /// `flag::NEEDED_WORDS`, which the scan sets like any word-list flag.
    pub needed_items: Vec<(u32, Needed)>,
    /// Abbreviations the tokenizer keeps with their dot.
    pub abbreviations: Vec<String>,
    pub source: RuleSource,
}

impl std::fmt::Debug for RuleSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RuleSet")
            .field("cues", &self.cues.len())
            .field("patterns", &self.patterns.len())
            .finish()
    }
}

/// What recording one lexicon phrase at a token takes, worked out when the
/// rules are compiled.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct EntryFlags {
    /// The union of its word-list flags and its cue flags.
    flags: u32,
    /// Its entries other than word lists, which make hits, at
    /// `RuleSet::hit_entries[start..][..count]`, packed as
    /// `start << 8 | hedge << 7 | count` (`HIT_*`; `hedge`: one of them
    /// is a hedge or booster cue). Found from here, they cost one look-up
    /// in memory after this one, not two (a list of the phrase's own,
    /// behind a pointer of its own). Packed so that the flags are eight
    /// bytes, read for every token: an index scaled by 8 is one
    /// instruction's address, and twice as many fit in the cache as of 16.
    hits: u32,
}

const _: () = assert!(std::mem::size_of::<EntryFlags>() == 8);

/// `EntryFlags::hits`: a phrase's hit count in its low seven bits, then
/// whether one is a hedge, then where they start.
const HIT_COUNT: u32 = 0x7f;
const HIT_HEDGE: u32 = 0x80;
const HIT_START_SHIFT: u32 = 8;

impl EntryFlags {
    /// Whether the phrase makes hits: a hedge is one, so the low byte is
    /// zero exactly when the count is.
    fn has_hits(self) -> bool {
        self.hits as u8 != 0
    }

    fn hedge(self) -> bool {
        self.hits & HIT_HEDGE != 0
    }

    /// Where its hits are in `RuleSet::hit_entries`.
    fn hit_range(self) -> std::ops::Range<usize> {
        let start = (self.hits >> HIT_START_SHIFT) as usize;
        start..start + (self.hits & HIT_COUNT) as usize
    }
}

/// `EntryFlags::hits` for `count` hits from `start`, `None` past its bits.
fn pack_hits(start: usize, count: usize, hedge: bool) -> Option<u32> {
    let start = u32::try_from(start).ok()?;
    let count = u32::try_from(count).ok()?;
    (start <= u32::MAX >> HIT_START_SHIFT && count <= HIT_COUNT)
        .then(|| (start << HIT_START_SHIFT) | (u32::from(hedge) * HIT_HEDGE) | count)
}

/// Per-document lexicon lookups.
pub struct Hits {
    pub flags: Vec<u32>,
    /// Hits starting at each token: `hits[starts[i]..starts[i + 1]]`.
    starts: Vec<u32>,
    hits: Vec<Hit>,
    /// Tokens where a hedge or booster cue starts, in order: a claim's
    /// hedges are found by a search, not by visiting each of its tokens.
    hedge_starts: Vec<u32>,
    /// Per sentence, the union of its tokens' flags.
    sentence_flags: Vec<u32>,
}

impl Hits {
    pub fn at(&self, token: usize) -> &[Hit] {
        &self.hits[self.starts[token] as usize..self.starts[token + 1] as usize]
    }
    pub fn has(&self, token: usize, f: u32) -> bool {
        self.flags.get(token).is_some_and(|x| x & f != 0)
    }
    pub fn all(&self) -> &[Hit] {
        &self.hits
    }
    /// Whether some token of sentence `s` has flag `f`: one lookup, where a
    /// scan of a sentence of thousands of tokens per claim would be quadratic.
    pub fn sentence_has(&self, s: usize, f: u32) -> bool {
        self.sentence_flags.get(s).is_some_and(|x| x & f != 0)
    }
    /// Tokens in `[first, end)` where a hedge or booster cue starts.
    pub fn hedge_starts_in(&self, first: usize, end: usize) -> impl Iterator<Item = usize> + '_ {
        let from = self.hedge_starts.partition_point(|&t| (t as usize) < first);
        self.hedge_starts[from..]
            .iter()
            .map(|&t| t as usize)
            .take_while(move |&t| t < end)
    }
}

/// Whether the capitalized word at `i`, inside a sentence and before
/// another capitalized word, is a given name that an auxiliary spells
/// ("said Will Doyle"). At a sentence's or quotation's start it stays a
/// question's auxiliary ("Will Trump win?"), and after a capitalized word
/// a headline's ("Museum Will Tell of …").
fn is_given_name(doc: &Document, i: usize) -> bool {
    let tokens = &doc.tokens;
    let token = &tokens[i];
    token.capitalized
        && i > 0
        && tokens[i - 1].sentence == token.sentence
        && tokens[i - 1].kind != TokenKind::OpenQuote
        && !tokens[i - 1].capitalized
        && tokens.get(i + 1).is_some_and(|next| {
            next.capitalized && next.is_word() && next.sentence == token.sentence
        })
}

fn normalise(phrase: &str) -> String {
    phrase
        .split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A phrase as written and, when it holds an apostrophe, with the other
/// apostrophe: news prints both "don't" and "don’t", and a rule file
/// lists one.
fn apostrophe_forms(key: String) -> Vec<String> {
    let other = if key.contains('\'') {
        key.replace('\'', "’")
    } else if key.contains('’') {
        key.replace('’', "'")
    } else {
        return vec![key];
    };
    vec![key, other]
}

impl RuleSet {
    pub fn compile(source: RuleSource) -> Result<Self, RuleError> {
        let mut phrases: HashMap<String, usize> = HashMap::new();
        let mut entries: Vec<(Vec<Entry>, usize)> = Vec::new();
        let mut texts: Vec<String> = Vec::new();
        let mut names: Vec<String> = Vec::new();
        let mut add = |phrase: &str, entry: Entry, names: &mut Vec<String>| {
            for key in apostrophe_forms(normalise(phrase)) {
                if key.is_empty() {
                    continue;
                }
                let id = *phrases.entry(key.clone()).or_insert_with(|| {
                    texts.push(key.clone());
                    entries.push((Vec::new(), key.split(' ').count()));
                    names.push(String::new());
                    texts.len() - 1
                });
                if let Entry::SourceName(_) = entry {
                    names[id] = normalise_spacing(phrase);
                }
                if !entries[id].0.contains(&entry) {
                    entries[id].0.push(entry);
                }
            }
        };
        let w: &WordLists = &source.words;
        let lists: [(&Option<Vec<String>>, u32); 20] = [
            (&w.be_forms, flag::BE),
            (&w.irregular_plurals, flag::IRREGULAR_PLURAL),
            (&w.date_prepositions, flag::DATE_PREP),
            (&w.quantifiers, flag::QUANT),
            (&w.determiners, flag::DET),
            (&w.auxiliaries, flag::AUX),
            (&w.adverbs, flag::ADV),
            (&w.negations, flag::NEG),
            (&w.function_words, flag::FUNC),
            (&w.prepositions, flag::PREP),
            (&w.time_words, flag::TIME),
            (&w.pronouns_person, flag::PRON_PERSON),
            (&w.pronouns_group, flag::PRON_GROUP),
            (&w.pronouns_thing, flag::PRON_THING),
            (&w.relative_pronouns, flag::REL),
            (&w.connectors, flag::CONNECTOR),
            (&w.titles, flag::TITLE),
            (&w.months, flag::MONTH),
            (&w.conditionals, flag::CONDITIONAL),
            (&w.labels, flag::LABEL),
        ];
        // Merge flags per word first so one word gets one entry.
        let mut word_flags: HashMap<String, u32> = HashMap::new();
        for (list, f) in lists {
            for word in list.iter().flatten() {
                *word_flags.entry(normalise(word)).or_default() |= f;
            }
        }
        // The words patterns need near their cues, flagged like a list.
        let needed_items = needed_items_of(&source);
        for (bit, item) in &needed_items {
            if let Needed::Word(word) = item {
                *word_flags.entry(word.clone()).or_default() |= bit;
            }
        }
        let mut sorted: Vec<_> = word_flags.into_iter().collect();
        sorted.sort();
        for (word, f) in sorted {
            add(&word, Entry::Words(f), &mut names);
        }
        for phrase in w.post_modifiers.iter().flatten() {
            add(phrase, Entry::PostModifier, &mut names);
        }
        for word in w.past_verbs.iter().flatten() {
            add(word, Entry::PastVerb, &mut names);
        }
        let mut cues = Vec::new();
        for (id, (rule, _)) in &source.cues {
            let index = cues.len() as u16;
            cues.push(CueInfo {
                id: format!("cues.{id}").into(),
                class: rule.class,
                class_bit: crate::pattern::cue_class_bit(rule.class.as_str()),
                tone: rule.tone,
                hedge: rule.hedge,
                takes_object: rule.takes_object,
                speech: rule.speech,
                needs_auxiliary: rule.needs_auxiliary,
                cites: rule.cites,
                plural_present: plural_present_forms(&rule.forms),
            });
            for form in &rule.forms {
                add(form, Entry::Cue(index), &mut names);
            }
        }
        let mut sources = Vec::new();
        for (id, (rule, _)) in &source.sources {
            let index = sources.len() as u16;
            sources.push(SourceInfo {
                id: format!("sources.{id}").into(),
                source_type: rule.source_type,
                priority: rule.priority,
            });
            for head in &rule.heads {
                add(head, Entry::SourceHead(index), &mut names);
            }
            for marker in &rule.markers {
                add(marker, Entry::SourceMarker(index), &mut names);
            }
            for name in &rule.names {
                add(name, Entry::SourceName(index), &mut names);
            }
        }
        let mut hedges = Vec::new();
        for (id, (rule, _)) in &source.hedges {
            let index = hedges.len() as u16;
            hedges.push(HedgeInfo {
                id: format!("hedges.{id}").into(),
                weight: rule.weight,
                guard: rule.guard,
                negated_weight: rule.negated_weight,
                followed_by: lowercase(&rule.followed_by),
                not_followed_by: lowercase(&rule.not_followed_by),
                not_preceded_by: lowercase(&rule.not_preceded_by),
            });
            for word in &rule.words {
                add(word, Entry::Hedge(index), &mut names);
            }
        }
        let mut patterns: Vec<PatternInfo> = source
            .patterns
            .iter()
            .map(|(id, (rule, _, pattern))| PatternInfo {
                cue_mask: pattern.cue_mask(),
                quote_on_left: pattern.quote_on_left(),
                source_on_right: pattern.source_on_right(),
                id: format!("patterns.{id}").into(),
                kind: rule.kind,
                priority: rule.priority,
                inherit_source: rule.inherit_source,
                pattern: pattern.clone(),
                needs_left: Vec::new(),
                needs_right: Vec::new(),
            })
            .collect();
        patterns.sort_by(|a, b| b.priority.cmp(&a.priority).then(a.id.cmp(&b.id)));
        for p in &mut patterns {
            p.needs_left = needs_mask(&needed_items, &p.pattern.left, Needed::CloseQuote);
            p.needs_right = needs_mask(&needed_items, &p.pattern.right, Needed::OpenQuote);
        }
        // One-word entries (most of the lexicon) are a hash lookup per token;
        // the automaton holds the phrases of several words.
        let mut words = FxHashMap::<String, WordInfo>::default();
        // Entries of one word, given their flags once those are worked out.
        let mut one_word = Vec::new();
        let mut phrase_entries = Vec::new();
        let mut phrases = Vec::new();
        let mut phrase_pairs = PhrasePairs::default();
        for (i, text) in texts.iter().enumerate() {
            if entries[i].1 == 1 {
                one_word.push((text.clone(), i));
            } else {
                phrase_entries.push(i);
                phrases.push(text.as_str());
                let mut phrase_words = text.split(' ');
                let first = phrase_words.next().unwrap_or_default();
                let info = words.entry(first.to_string()).or_default();
                if info.phrase_first == 0 {
                    info.phrase_first = phrase_pairs.number_first();
                }
                let first = info.phrase_first;
                let second = phrase_words.next().unwrap_or_default();
                let info = words.entry(second.to_string()).or_default();
                if info.phrase_second == 0 {
                    info.phrase_second = phrase_pairs.number_second();
                }
                phrase_pairs.insert(first, info.phrase_second);
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .start_kind(aho_corasick::StartKind::Anchored)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&phrases)
            .map_err(|e| RuleError::File {
                file: "(rule set)".into(),
                message: format!("cannot build the lexicon automaton: {e}"),
            })?;
        // The compact tables below bound a phrase's words and entries and
        // the lexicon's entries, far past any real lexicon.
        let too_large = |message: String| RuleError::File {
            file: "(rule set)".into(),
            message,
        };
        let shown = |phrase: &str| phrase.chars().take(40).collect::<String>();
        let mut hit_entries = Vec::new();
        let mut entry_flags = Vec::with_capacity(entries.len() + 1);
        let mut phrase_lens = Vec::with_capacity(entries.len());
        for ((list, len), phrase) in entries.iter().zip(&texts) {
            phrase_lens.push(u8::try_from(*len).map_err(|_| {
                too_large(format!(
                    "the phrase `{}…` has {len} words, over the {} a lexicon phrase may have",
                    shown(phrase),
                    u8::MAX
                ))
            })?);
            let hits_start = hit_entries.len();
            hit_entries.extend(list.iter().filter(|e| !matches!(e, Entry::Words(_))));
            let hit_count = hit_entries.len() - hits_start;
            let hedge = list.iter().any(|e| matches!(e, Entry::Hedge(_)));
            entry_flags.push(EntryFlags {
                // A cue's flags hold wherever its phrase is found, so they
                // join the word-list flags in the entry's one mask.
                flags: list.iter().fold(0, |acc, e| match e {
                    Entry::Words(f) => acc | f,
                    Entry::Cue(r) if cues[usize::from(*r)].class == CueClass::Verb => {
                        acc | flag::CUE | flag::VERB_CUE
                    }
                    Entry::Cue(_) => acc | flag::CUE,
                    _ => acc,
                }),
                hits: pack_hits(hits_start, hit_count, hedge).ok_or_else(|| {
                    too_large(format!(
                        "the phrase `{}` has {hit_count} cue, source and hedge entries \
                         (at most {HIT_COUNT}), or the lexicon over {} of them",
                        shown(phrase),
                        u32::MAX >> HIT_START_SHIFT
                    ))
                })?,
            });
        }
        // The entry past the last, recorded for a word in no list.
        entry_flags.push(EntryFlags::default());
        for (text, i) in one_word {
            words
                .entry(text)
                .or_default()
                .set_entry(i as u32, entry_flags[i]);
        }
        Ok(RuleSet {
            needed_items,
            abbreviations: source.words.abbreviations.clone().unwrap_or_default(),
            automaton,
            phrase_entries,
            phrase_pairs,
            words: WordTable::new(words),
            hit_entries,
            phrase_lens,
            entry_flags,
            names,
            cues,
            sources,
            hedges,
            patterns,
            source,
        })
    }

    /// The embedded default rule set, compiled once per process.
    pub fn default_rules() -> &'static RuleSet {
        static DEFAULT: std::sync::OnceLock<RuleSet> = std::sync::OnceLock::new();
        DEFAULT.get_or_init(|| {
            let source = RuleSource::embedded().expect("embedded rules are tested");
            RuleSet::compile(source).expect("embedded rules are tested")
        })
    }

    /// The word-list flags (`flag::ADV`, `flag::AUX`, ...) of one word.
    pub fn word_flags(&self, word: &str) -> u32 {
        self.words.get(&word.to_lowercase()).flags.flags & !DERIVED
    }

    /// Finds every lexicon entry in the document: words by lookup, phrases
    /// of several words by an anchored automaton search at each token that
    /// is the first word of a phrase and is followed by a second word of one.
    ///
    /// A phrase is kept only when it runs over exactly as many tokens of one
    /// sentence as it has words, from a token's start to a token's end. Its
    /// words are then exactly those tokens (tokens never hold whitespace and
    /// cover every other character of a sentence), so its first word is the
    /// first token's normalised text: tokens that open no phrase need no
    /// search.
    pub fn scan(&self, doc: &Document) -> Hits {
        let tokens = &doc.tokens;
        let mut flags = vec![0u32; tokens.len()];
        let mut hits = Vec::with_capacity(tokens.len() / 2);
        // Filled by `extend` below, not pushed: no capacity check a token.
        let mut starts: Vec<u32> = Vec::with_capacity(tokens.len() + 1);
        let mut phrase_hits: Vec<Hit> = Vec::new();
        let mut hedge_starts = Vec::new();
        // Every lookup first, in a loop of its own: table probes are
        // independent of each other, and in a short loop the processor
        // waits for several cache misses at once.
        let found: Vec<WordInfo> = tokens
            .iter()
            .map(|t| {
                self.words
                    .get_at(doc.norm.as_bytes(), t.span().start, t.span().len())
            })
            .collect();
        let no_entry = self.entry_flags.len() - 1;
        starts.extend(found.iter().enumerate().map(|(i, &norm)| {
            // Hit indices fit in 32 bits: a document has fewer tokens than
            // bytes, and a token fewer hits than the rule set has entries.
            let start = hits.len() as u32;
            let info = if doc.lower_is_norm(i) {
                norm
            } else {
                self.words.get(doc.lower(i))
            };
            let mut hedge = false;
            // A phrase found is one token a word, so the next token is its
            // second word: most tokens that could open a phrase are
            // followed by no word that makes one with them, and the
            // automaton is not asked.
            if norm.phrase_first != 0
                && let Some(next) = found.get(i + 1)
                && self
                    .phrase_pairs
                    .contains(norm.phrase_first, next.phrase_second)
            {
                self.phrases_at(doc, i, &mut flags, &mut phrase_hits);
                hedge = phrase_hits
                    .iter()
                    .any(|h| matches!(h.entry, Entry::Hedge(_)));
                // Per token, its phrases longest first (in order of entries
                // for one phrase), then its word.
                phrase_hits.sort_by_key(|h| std::cmp::Reverse(h.len));
                hits.append(&mut phrase_hits);
            }
            // Every token is recorded, a word of no entry with the empty
            // flags of its slot (no flags, no hits, so its id, the entry
            // past the last, is never read): whether a token is in the
            // lexicon is a coin toss, and a branch on it mispredicted often.
            let id = info.entry().map_or(no_entry, |id| id as usize);
            if self.record(doc, id, info.flags, i, &mut flags, &mut hits) | hedge {
                hedge_starts.push(i as u32);
            }
            // A month ("in May Trump said") keeps its flags.
            if info.flags.flags & (flag::AUX | flag::TIME) == flag::AUX && is_given_name(doc, i) {
                flags[i] &= !(flag::AUX | flag::FUNC);
            }
            start
        }));
        starts.push(hits.len() as u32);
        let sentence_flags = doc
            .sentences
            .iter()
            .map(|s| flags[s.first..s.end].iter().fold(0, |all, f| all | f))
            .collect();
        Hits {
            flags,
            starts,
            hits,
            hedge_starts,
            sentence_flags,
        }
    }

    /// Records the phrases of several words that start at token `first`.
    fn phrases_at(&self, doc: &Document, first: usize, flags: &mut [u32], out: &mut Vec<Hit>) {
        let tokens = &doc.tokens;
        let start = tokens[first].span().start;
        let input = aho_corasick::Input::new(doc.norm.as_str())
            .range(start..)
            .anchored(aho_corasick::Anchored::Yes);
        // Overlapping iteration refuses anchored searches; the state-driven
        // search does them. Every phrase that starts at `start` is reported,
        // in order of its end, and so are phrases that end there but start
        // later (suffixes of a longer phrase): those are skipped.
        let mut state = aho_corasick::automaton::OverlappingState::start();
        loop {
            if self
                .automaton
                .try_find_overlapping(input.clone(), &mut state)
                .is_err()
            {
                return;
            }
            let Some(m) = state.get_match() else {
                return;
            };
            if m.start() != start {
                continue;
            }
            let id = self.phrase_entries[m.pattern().as_usize()];
            let len = usize::from(self.phrase_lens[id]);
            let last = first + len - 1;
            if last >= tokens.len()
                || tokens[last].span().end != m.end()
                || tokens[first].sentence != tokens[last].sentence
            {
                continue;
            }
            self.record(doc, id, self.entry_flags[id], first, flags, out);
        }
    }

    /// Records lexicon phrase `id`, whose `EntryFlags` are `entry`, at token
    /// `first`: its flags, and its hits (out of line: most words have none).
    /// Returns whether a hedge is among them.
    #[inline(always)]
    fn record(
        &self,
        doc: &Document,
        id: usize,
        entry: EntryFlags,
        first: usize,
        flags: &mut [u32],
        hits: &mut Vec<Hit>,
    ) -> bool {
        flags[first] |= entry.flags;
        if entry.has_hits() {
            self.record_hits(doc, id, entry, first, flags, hits);
        }
        entry.hedge()
    }

    /// The hits of lexicon phrase `id` at token `first` (a name only when
    /// its case matches), and the source-word flag where a source ends.
    fn record_hits(
        &self,
        doc: &Document,
        id: usize,
        phrase: EntryFlags,
        first: usize,
        flags: &mut [u32],
        hits: &mut Vec<Hit>,
    ) {
        let len = usize::from(self.phrase_lens[id]);
        for entry in &self.hit_entries[phrase.hit_range()] {
            let names_source = match entry {
                Entry::SourceName(_) => {
                    // Tokens hold no whitespace, so the words compare one by
                    // one as their spaced joins would.
                    let original = (first..first + len).map(|i| doc.token_text(i));
                    if !self.names[id].split(' ').eq(original) {
                        continue;
                    }
                    true
                }
                Entry::SourceHead(_) => true,
                _ => false,
            };
            if names_source && len <= 5 {
                flags[first + len - 1] |= flag::SOURCE_WORD;
            }
            hits.push(Hit {
                first,
                len,
                entry: *entry,
            });
        }
    }
}

/// Everything the patterns need around their cues (`Pattern::needed`),
/// each with its bit: the quotation marks at `NEEDED_CLOSE_QUOTE` and
/// `NEEDED_OPEN_QUOTE`, the words from the lowest bit of
/// `flag::NEEDED_WORDS` up. Words past its nine bits get none: a need is
/// only a shortcut, and a pattern whose need has no bit is tried anyway.
fn needed_items_of(source: &RuleSource) -> Vec<(u32, Needed)> {
    let mut words: Vec<String> = source
        .patterns
        .values()
        .flat_map(|(_, _, p)| {
            [
                Pattern::needed(&p.left, Needed::CloseQuote),
                Pattern::needed(&p.right, Needed::OpenQuote),
            ]
        })
        .flatten()
        .flatten()
        .filter_map(|item| match item {
            Needed::Word(w) => Some(w),
            _ => None,
        })
        .collect();
    words.sort();
    words.dedup();
    let first_bit = flag::NEEDED_WORDS.trailing_zeros();
    let mut items = vec![
        (NEEDED_CLOSE_QUOTE, Needed::CloseQuote),
        (NEEDED_OPEN_QUOTE, Needed::OpenQuote),
    ];
    items.extend(
        words
            .into_iter()
            .zip(first_bit..32)
            .map(|(w, bit)| (1 << bit, Needed::Word(w))),
    );
    items
}

/// A side's needs as masks of item bits, one of which must be present;
/// a need with an item that has no bit is left out.
fn needs_mask(
    items: &[(u32, Needed)],
    side: &[crate::pattern::Element],
    quote: Needed,
) -> Vec<u32> {
    Pattern::needed(side, quote)
        .iter()
        .filter_map(|alternatives| {
            alternatives.iter().try_fold(0u32, |mask, item| {
                let (bit, _) = items.iter().find(|(_, x)| x == item)?;
                Some(mask | bit)
            })
        })
        .collect()
}

/// The one-word forms of a cue that are its base, known by a third-person
/// singular or a regular past listed beside them ("say" with "says", "urge"
/// with "urges", "post" with "posted", "testify" with "testifies"): the
/// plural present. Past forms ("said", "told") and "-ing" forms have no such
/// partner.
fn plural_present_forms(forms: &[String]) -> Box<[Box<str>]> {
    // Forms are written in lowercase nearly always: no copy then.
    let lower: Vec<std::borrow::Cow<str>> = forms
        .iter()
        .map(|f| {
            let f = f.trim();
            if f.is_ascii() && !f.bytes().any(|b| b.is_ascii_uppercase()) {
                f.into()
            } else {
                f.to_lowercase().into()
            }
        })
        .collect();
    // The bases the listed forms point to, each form stripped of every
    // ending it may have ("says" → "say", "posted" → "post" and "poste").
    // Once per cue at start-up, without an allocation per candidate.
    let mut bases: FxHashSet<String> = FxHashSet::default();
    for form in &lower {
        for suffix in ["s", "es", "d", "ed"] {
            if let Some(stem) = form.strip_suffix(suffix) {
                bases.insert(stem.to_string());
            }
        }
        for suffix in ["ies", "ied"] {
            if let Some(stem) = form.strip_suffix(suffix) {
                bases.insert(format!("{stem}y"));
            }
        }
    }
    lower
        .iter()
        .filter(|f| !f.contains(' ') && !f.ends_with("ing") && bases.contains(f.as_ref()))
        .map(|f| f.as_ref().into())
        .collect()
}

fn lowercase(words: &[String]) -> Vec<String> {
    words.iter().map(|w| w.trim().to_lowercase()).collect()
}

fn normalise_spacing(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Document;

    #[test]
    fn plural_present_forms_are_the_bases_with_a_listed_partner() {
        let forms: Vec<String> = [
            "say",
            "says",
            "said",
            "saying",
            "post",
            "posted",
            "Testify",
            "testifies",
            "told",
            "point out",
        ]
        .map(String::from)
        .to_vec();
        let bases = plural_present_forms(&forms);
        let got: Vec<&str> = bases.iter().map(|f| &**f).collect();
        assert_eq!(got, ["say", "post", "testify"]);
    }

    #[test]
    fn hit_ranges_pack_and_unpack() {
        let last_start = (1 << 24) - 1;
        for (start, count, hedge) in [
            (0, 1, false),
            (0, 1, true),
            (5, 127, true),
            (last_start, 3, false),
        ] {
            let hits = pack_hits(start, count, hedge).expect("within the bits");
            let e = EntryFlags { flags: 0, hits };
            assert_eq!(e.hit_range(), start..start + count);
            assert_eq!(e.hedge(), hedge);
            assert!(e.has_hits());
        }
        assert!(!EntryFlags::default().has_hits());
        assert_eq!(pack_hits(1 << 24, 1, false), None);
        assert_eq!(pack_hits(0, 128, false), None);
    }

    /// A rule word with either apostrophe matches text with the other.
    #[test]
    fn words_match_either_apostrophe() {
        let rules = RuleSet::default_rules();
        for word in ["don't", "don’t", "didn’t", "'ll", "’ll"] {
            assert_ne!(rules.word_flags(word) & flag::AUX, 0, "{word}");
        }
        let doc = Document::new("She didn’t say why.", &rules.abbreviations);
        let hits = rules.scan(&doc);
        assert!(
            hits.has(1, flag::AUX),
            "the curly contraction is an auxiliary"
        );
    }

    #[test]
    fn a_capitalized_auxiliary_inside_a_sentence_is_a_name() {
        let rules = RuleSet::default_rules();
        let aux_at = |text: &str, token: usize| {
            let doc = Document::new(text, &rules.abbreviations);
            rules.scan(&doc).has(token, flag::AUX)
        };
        assert!(!aux_at("That was said by Will Doyle.", 4));
        assert!(aux_at("Will Doyle come?", 0), "a question's auxiliary");
        assert!(aux_at("He asked: “Will Doyle come?”", 4), "after a quote");
        assert!(
            aux_at("Obama Says Museum Will Tell Its Story.", 3),
            "a headline"
        );
        assert!(aux_at("He will go.", 1), "lowercase");
        assert!(aux_at("They said Will was here.", 2), "no capital after");
    }

    #[test]
    fn a_word_carries_its_entry_flags() {
        // The scan takes a word's flags and hits from its table slot, not
        // from `entry_flags`: the copy made when the rules compile must be
        // the entry's own.
        let rules = RuleSet::default_rules();
        let mut with_entry = 0;
        let mut with_hits = 0;
        for info in rules.words.infos() {
            match info.entry() {
                Some(id) => {
                    assert_eq!(info.flags, rules.entry_flags[id as usize], "entry {id}");
                    with_entry += 1;
                    with_hits += usize::from(info.flags.has_hits());
                }
                None => assert_eq!(info.flags, EntryFlags::default()),
            }
        }
        assert!(
            with_entry > 1000 && with_hits > 100,
            "{with_entry} {with_hits}"
        );
    }

    #[test]
    fn hedge_starts_and_sentence_flags_agree_with_the_tokens() {
        let rules = RuleSet::default_rules();
        let text = "Officials said the plan may perhaps fail. If it does, prices could \
                    rise, analysts said. The port reopened.";
        let doc = Document::new(text, &rules.abbreviations);
        let hits = rules.scan(&doc);
        let n = doc.tokens.len();
        let is_hedge = |k: usize| {
            hits.at(k)
                .iter()
                .any(|h| matches!(h.entry, Entry::Hedge(_)))
        };
        for first in 0..=n {
            for end in first..=n {
                let want: Vec<usize> = (first..end).filter(|&k| is_hedge(k)).collect();
                assert_eq!(hits.hedge_starts_in(first, end).collect::<Vec<_>>(), want);
            }
        }
        assert!(hits.hedge_starts_in(0, n).count() >= 3);
        for (s, sent) in doc.sentences.iter().enumerate() {
            for f in [flag::CONDITIONAL, flag::PRONOUN, flag::AUX, flag::NEG] {
                let want = (sent.first..sent.end).any(|k| hits.has(k, f));
                assert_eq!(hits.sentence_has(s, f), want, "sentence {s}, flag {f}");
            }
        }
        assert!(!hits.sentence_has(0, flag::CONDITIONAL));
        assert!(hits.sentence_has(1, flag::CONDITIONAL));
    }

    /// The flags the scan derives from its hits say what the hits say, on
    /// every token of the sample articles.
    #[test]
    fn derived_flags_agree_with_the_hits() {
        let rules = RuleSet::default_rules();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
        let (mut cues, mut verbs, mut sources) = (0, 0, 0);
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "txt") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let doc = Document::new(&text, &rules.abbreviations);
            let hits = rules.scan(&doc);
            let cue_classes = |k: usize| {
                hits.at(k).iter().filter_map(|h| match h.entry {
                    Entry::Cue(r) => Some(rules.cues[usize::from(r)].class),
                    _ => None,
                })
            };
            for k in 0..doc.tokens.len() {
                let cue = cue_classes(k).next().is_some();
                let verb = cue_classes(k).any(|c| c == CueClass::Verb);
                // A source head or name of one to five words ends at `k`.
                let source = (k.saturating_sub(4)..=k).any(|j| {
                    hits.at(j).iter().any(|h| {
                        matches!(h.entry, Entry::SourceHead(_) | Entry::SourceName(_))
                            && j + h.len == k + 1
                    })
                });
                assert_eq!(hits.has(k, flag::CUE), cue, "{path:?} token {k}");
                assert_eq!(hits.has(k, flag::VERB_CUE), verb, "{path:?} token {k}");
                assert_eq!(hits.has(k, flag::SOURCE_WORD), source, "{path:?} token {k}");
                cues += usize::from(cue);
                verbs += usize::from(verb);
                sources += usize::from(source);
            }
        }
        assert!(
            cues > verbs && verbs > 50 && sources > 50,
            "{cues} {verbs} {sources}"
        );
    }

    #[test]
    fn phrases_past_the_numbered_first_words_are_still_found() {
        // 300 phrases with first words of their own: past the 254th they
        // share one number (`PhrasePairs`), which must cost no phrase.
        let forms: Vec<String> = (0..300).map(|k| format!("\"zq{k} avowed\"")).collect();
        let yaml = format!(
            "extends: default\ncues:\n  avow:\n    class: verb\n    forms: [{}]\n",
            forms.join(", ")
        );
        let source = RuleSource::from_yaml("avow.yaml", &yaml, None).expect("rules");
        let rules = RuleSet::compile(source).expect("compiled");
        for k in [0, 253, 254, 255, 299] {
            let word = format!("zq{k}");
            let text = format!("Officials {word} avowed that the bridge will reopen.");
            let doc = Document::new(&text, &rules.abbreviations);
            let hits = rules.scan(&doc);
            let i = (0..doc.tokens.len())
                .find(|&i| doc.token_text(i) == word)
                .expect("the first word is a token");
            assert!(
                hits.at(i)
                    .iter()
                    .any(|h| h.len == 2 && matches!(h.entry, Entry::Cue(_))),
                "{word} avowed"
            );
        }
    }

    #[test]
    fn asking_only_before_a_second_word_loses_no_phrase() {
        // The scan runs the automaton only where a token and the next are
        // the first two words of some phrase; run it at every token that
        // could open one, and every phrase it finds must be among the hits.
        let rules = RuleSet::default_rules();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let dirs = [
            root.join("corpus"),
            root.join("../shared/corpora/polnear/dev/text"),
        ];
        let mut phrases = 0;
        for dir in dirs.iter().filter(|d| d.is_dir()) {
            for entry in std::fs::read_dir(dir).expect("directory") {
                let path = entry.expect("entry").path();
                if path.extension().is_none_or(|e| e != "txt") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).expect("UTF-8");
                let doc = Document::new(&text, &rules.abbreviations);
                let hits = rules.scan(&doc);
                let mut flags = vec![0; doc.tokens.len()];
                for i in 0..doc.tokens.len() {
                    let span = doc.tokens[i].span();
                    let opens = rules
                        .words
                        .get_at(doc.norm.as_bytes(), span.start, span.len())
                        .phrase_first;
                    if opens == 0 {
                        continue;
                    }
                    let mut found = Vec::new();
                    rules.phrases_at(&doc, i, &mut flags, &mut found);
                    for h in found {
                        phrases += 1;
                        assert!(
                            hits.at(i)
                                .iter()
                                .any(|k| k.len == h.len && k.entry == h.entry),
                            "{}: {:?} at token {i} ({:?})",
                            path.display(),
                            h.entry,
                            doc.token_text(i)
                        );
                    }
                }
            }
        }
        assert!(phrases > 10, "only {phrases} phrases found");
    }
}
