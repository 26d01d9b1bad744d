//! The attribution grammar: every cue found by the lexicon is tried against
//! the compiled patterns, matching outwards from the cue one element at a
//! time over the sentence's tokens. Noun phrases (sources), contents, quotes
//! and adjunct phrases have fixed, deterministic extents, so each attempt is
//! linear in the sentence.

use crate::lexicon::{
    CueInfo, Entry, Hits, NEEDED_CLOSE_QUOTE, NEEDED_OPEN_QUOTE, PatternInfo, RuleSet, flag,
};
use crate::model::Span;
use crate::pattern::{Element, SlotRole};
use crate::ruleset::{CueClass, PatternKind};
use crate::text::{Document, TokenKind};

mod stops;
use stops::ContentStops;

/// Longest noun phrase a source may be, in tokens.
const MAX_NP: usize = 12;
/// How far back a relative clause or appositive is searched for.
const MAX_CLAUSE: usize = 16;
/// Longest content a cue reports to its right, in tokens. Longer than any
/// in PolNeAR (its longest is 355 tokens), and a bound on each cue's work:
/// a hostile sentence with thousands of cues is linear, not quadratic.
const MAX_CONTENT: usize = 512;

/// A token range `[first, end)` found for a source, with its head token.
#[derive(Debug, Clone)]
pub struct NounPhrase {
    pub first: usize,
    pub end: usize,
    pub head: usize,
    /// Tokens after the phrase that still describe it (a relative clause),
    /// searched for markers such as "on condition of anonymity".
    pub tail_end: usize,
    /// The other head of an appositive ("grid operator" in "The grid
    /// operator, Nordgrid"), also used for typing.
    pub alt_head: Option<usize>,
    /// The relative pronoun that stands for the phrase as a cue's subject
    /// ("Trump, who says"): the source as written, with the phrase its
    /// antecedent (typed and named as the source).
    pub relative: Option<(usize, usize)>,
}

impl NounPhrase {
    /// The phrase `first..end` with its head, nothing after it.
    fn new(first: usize, head: usize, end: usize) -> Self {
        NounPhrase {
            first,
            end,
            head,
            tail_end: end,
            alt_head: None,
            relative: None,
        }
    }

    /// The one word at `k` ("he", "officials").
    fn word(k: usize) -> Self {
        NounPhrase::new(k, k, k + 1)
    }
}

/// An attribution as the grammar finds it, before sources are typed and
/// resolved.
#[derive(Debug, Clone)]
pub struct Found {
    pub pattern: usize,
    pub kind: PatternKind,
    pub cue_rule: usize,
    /// Cue tokens (auxiliaries and the cue itself), as byte spans.
    pub cue_spans: Vec<Span>,
    /// From the first auxiliary or adverb before the cue to its end, for hedges.
    pub cue_region: Span,
    /// The same region as a token range `[first, end)`.
    pub cue_region_tokens: (usize, usize),
    pub cue_token: usize,
    pub source: Option<NounPhrase>,
    pub content: Vec<Span>,
    /// Content token range, for nesting and hedges.
    pub content_tokens: Vec<(usize, usize)>,
    /// The content is a quotation (index into `Document::quotes`).
    pub quote: Option<usize>,
    pub sentence: usize,
    pub inherit_source: bool,
}

/// One reading of a cue (its rule and length in tokens) at a token, with
/// what patterns ask of it computed once for all of them.
struct Reading {
    rule: usize,
    len: usize,
    /// `classes_of` the reading, matched against a pattern's cue mask.
    classes: u32,
    /// `Bounds::any_noun_source` for this reading.
    any_noun_source: bool,
    /// A form of "be" is among the auxiliaries ("it is believed").
    after_be: bool,
    /// A participle right after "be" ("have been admitted").
    passive_form: bool,
    /// The `RuleSet::needed_items` present right of the reading, as bits.
    right_present: u32,
}

struct Capture {
    role: SlotRole,
    first: usize,
    end: usize,
    np: Option<NounPhrase>,
    quote: Option<usize>,
}

/// Numbers written as words, as counts of people ("six in 10").
const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
];

/// Nouns that count or group what follows "of" ("a number of studies",
/// "Seventy-four percent of voters"): the phrase they head is the source's.
const QUANTITY_NOUNS: &[&str] = &[
    "number",
    "majority",
    "minority",
    "plurality",
    "handful",
    "couple",
    "dozen",
    "dozens",
    "hundreds",
    "thousands",
    "millions",
    "percent",
    "share",
    "portion",
    "proportion",
    "fraction",
    "third",
    "thirds",
    "quarter",
    "quarters",
    "fifth",
    "fifths",
    "group",
    "bunch",
    "lot",
    "batch",
];

/// The tens in words, alone or joined to a unit ("seventy-four").
const TENS: &[&str] = &[
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// Words that make a number approximate ("about 40 percent").
const APPROXIMATIONS: &[&str] = &[
    "about",
    "nearly",
    "almost",
    "roughly",
    "around",
    "approximately",
    "only",
    "just",
    "some",
    "over",
    "under",
];

pub struct Grammar<'a> {
    pub doc: &'a Document<'a>,
    pub hits: &'a Hits,
    pub rules: &'a RuleSet,
    /// Buffers `sentence` reuses from one sentence to the next.
    scratch: std::cell::RefCell<Scratch>,
    /// The capitalised words written after another word somewhere in the
    /// document (names, not capitalised first words): gathered once, when
    /// `written_as_name` is first asked, so a document pays for it once.
    mid_sentence_capitals: std::cell::OnceCell<std::collections::HashSet<&'a str>>,
}

/// What one cue's patterns are tried with: allocated once a document.
#[derive(Default)]
struct Scratch {
    readings: Vec<Reading>,
    signal_cache: Vec<((usize, bool), bool)>,
    caps: Vec<Capture>,
    /// Per token of the sentence's bounds, and one past them, the
    /// `RuleSet::needed_items` (as bits) that stand before it, and those
    /// that stand at or after it.
    items_before: Vec<u32>,
    items_after: Vec<u32>,
}

pub(crate) struct Bounds {
    first: usize,
    end: usize,
    /// The cue itself says a source is near ("that" follows it, or it is a
    /// preposition such as "according to"), so any determined noun may be one.
    any_noun_source: bool,
    /// The cue is a preposition ("according to"): whatever follows it is
    /// its source, even an undetermined plural ("federal statistics").
    prep_cue: bool,
    /// The cue names the reporter's own source ("citing"), per `CueInfo::cites`.
    citing_cue: bool,
    /// Where the subject of the current cue ends, and the noun phrase found
    /// there (per `any_noun_source`): most patterns ask for it.
    subject_end: usize,
    subject: [std::cell::OnceCell<Option<NounPhrase>>; 2],
    /// A quotation stands before the cue, so the sentence may go on after
    /// it with an adjunct ("“…,” she said in the first debate.").
    quote_before_cue: std::cell::Cell<bool>,
    /// The sentence is a title-case headline: capitalised cues count, and
    /// names do not run over them. Asked only about a capitalised word, so
    /// counted when first asked (`Grammar::is_title_case`), over the
    /// sentence's own tokens `[first, sentence_end)`; plain bounds are not.
    title_case: std::cell::OnceCell<bool>,
    sentence_end: usize,
    /// How many contents have been read to the right in this sentence,
    /// and, once that is more than a few, an index of where they may stop.
    content_scans: std::cell::Cell<u32>,
    content_stops: std::cell::OnceCell<ContentStops>,
}

impl Bounds {
    /// Bounds for reading a phrase inside `[first, end)`, with no cue context.
    fn plain(first: usize, end: usize) -> Self {
        Bounds {
            first,
            end,
            any_noun_source: false,
            prep_cue: false,
            citing_cue: false,
            subject_end: usize::MAX,
            subject: Default::default(),
            quote_before_cue: Default::default(),
            title_case: std::cell::OnceCell::from(false),
            sentence_end: end,
            content_scans: Default::default(),
            content_stops: Default::default(),
        }
    }
}

impl<'a> Grammar<'a> {
    pub fn new(doc: &'a Document<'a>, hits: &'a Hits, rules: &'a RuleSet) -> Self {
        Grammar {
            doc,
            hits,
            rules,
            // Room for a cue's usual readings and captures and a long
            // sentence's items: growing them from nothing cost a tenth of
            // the analysis of a one-sentence document.
            scratch: std::cell::RefCell::new(Scratch {
                readings: Vec::with_capacity(4),
                signal_cache: Vec::with_capacity(4),
                caps: Vec::with_capacity(8),
                items_before: Vec::with_capacity(64),
                items_after: Vec::with_capacity(64),
            }),
            mid_sentence_capitals: std::cell::OnceCell::new(),
        }
    }

    #[inline]
    fn lower(&self, i: usize) -> &str {
        self.doc.lower(i)
    }

    #[inline]
    fn is_word(&self, i: usize) -> bool {
        self.doc.tokens[i].kind == TokenKind::Word
    }

    #[inline]
    fn has(&self, i: usize, f: u32) -> bool {
        self.hits.has(i, f)
    }

    /// The cue rules (and classes) of lexicon hits starting at `i`, longest first.
    fn cue_hits(&self, i: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.hits.at(i).iter().filter_map(|h| match h.entry {
            Entry::Cue(r) => Some((r as usize, h.len)),
            _ => None,
        })
    }

    fn is_verb_cue(&self, i: usize) -> bool {
        self.has(i, flag::VERB_CUE)
    }

    /// A source head or name is the word at `i`, or ends there ("Associated Press").
    fn is_source_word(&self, i: usize) -> bool {
        self.has(i, flag::SOURCE_WORD)
    }

    /// A head that may name a speaker whatever the cue: a pronoun, a
    /// capitalised word or a source word.
    fn may_name_speaker(&self, head: usize) -> bool {
        self.has(head, flag::PRONOUN)
            || self.doc.tokens[head].capitalized
            || self.is_source_word(head)
    }

    /// A word of more than three letters ending in `s` but not `ss`: the
    /// shape of a regular plural ("officials", not "press").
    fn looks_plural(&self, i: usize) -> bool {
        let l = self.lower(i);
        l.len() > 3 && l.ends_with('s') && !l.ends_with("ss")
    }

    /// Whether a lexicon phrase of kind `entry` starts at `i`.
    fn has_entry(&self, i: usize, entry: Entry) -> bool {
        self.hits.at(i).iter().any(|h| h.entry == entry)
    }

    /// A personal pronoun in the subject case, which opens a clause of
    /// its own ("told reporters he would veto it").
    fn is_subject_pronoun(&self, k: usize) -> bool {
        matches!(self.lower(k), "i" | "we" | "he" | "she" | "they")
    }

    /// An irregular past form from `words.past_verbs` ("made", "spoke").
    fn is_past_verb(&self, i: usize) -> bool {
        self.has_entry(i, Entry::PastVerb)
    }

    /// A word of the shape of an adverb in "-ly" ("immediately",
    /// "reportedly"), not one of the nouns of that shape ("family",
    /// "assembly", "ally").
    fn is_ly_adverb(&self, i: usize) -> bool {
        let l = self.lower(i);
        l.len() > 5
            && l.ends_with("ly")
            && !matches!(
                l,
                "family"
                    | "assembly"
                    | "monopoly"
                    | "anomaly"
                    | "quarterly"
                    | "weekly"
                    | "monthly"
                    | "daily"
                    | "italy"
                    | "supply"
            )
    }

    /// "and", "but", "while", "although", "though", "whereas": a clause of
    /// its own may follow. (Their first letters, kept in the token, rule out
    /// nearly every other token before any text is compared.)
    /// Always inline (20,000 calls a pass over dev were left out of line
    /// with `#[inline]`): the first-letter test is the whole answer for
    /// nearly every token.
    #[inline(always)]
    fn is_coordinator(&self, i: usize) -> bool {
        matches!(
            self.doc.tokens[i].first,
            'a' | 'b' | 'w' | 't' | 'A' | 'B' | 'W' | 'T'
        ) && matches!(
            self.lower(i),
            "and" | "but" | "while" | "although" | "though" | "whereas"
        )
    }

    /// `'s`, `’s` or a lone apostrophe (`Document::is_possessive`).
    #[inline(always)]
    fn is_possessive(&self, i: usize) -> bool {
        self.doc.is_possessive(i)
    }

    /// A word opening with a digit: a number, a year, "10%".
    fn starts_with_digit(&self, k: usize) -> bool {
        self.lower(k).starts_with(|c: char| c.is_ascii_digit())
    }

    /// A word that dates what it follows ("in March", "on Tuesday", "in
    /// 2015"): a time word, a month or a number.
    fn is_date_word(&self, k: usize) -> bool {
        self.has(k, flag::TIME | flag::MONTH) || self.starts_with_digit(k)
    }

    /// A capitalised word that is neither a title nor a function word: a
    /// word of a person's or a place's name ("John", "Texas").
    fn is_name_word(&self, k: usize) -> bool {
        self.doc.tokens[k].capitalized && self.is_word(k) && !self.has(k, flag::TITLE | flag::FUNC)
    }

    /// A punctuation token that is one of `chars`. A punctuation token is
    /// one character, kept in the token, and this runs for nearly every
    /// token the grammar looks at: no text is sliced or decoded.
    fn is_punct(&self, i: usize, chars: &str) -> bool {
        let t = &self.doc.tokens[i];
        t.kind == TokenKind::Punct && chars.chars().any(|c| c == t.first)
    }

    /// Words that may head a source: pronouns, capitalised names, titles and
    /// source nouns from the lexicon.
    fn can_head_source(&self, i: usize) -> bool {
        if !self.is_word(i) {
            return false;
        }
        if self.has(i, flag::PRONOUN) {
            return true;
        }
        let t = &self.doc.tokens[i];
        // "Yet another said": a determiner that stands for a source.
        if self.has(i, flag::DET) && self.is_source_word(i) {
            return true;
        }
        if self.has(
            i,
            flag::FUNC | flag::DET | flag::CONNECTOR | flag::TIME | flag::AUX,
        ) {
            return false;
        }
        t.capitalized || self.is_source_word(i) || self.has(i, flag::TITLE)
    }

    /// A modifier inside a noun phrase: names, numbers, adjectives, nouns.
    fn can_modify(&self, i: usize) -> bool {
        if !self.is_word(i) {
            return false;
        }
        if self.has(
            i,
            flag::FUNC | flag::AUX | flag::CONNECTOR | flag::ADV | flag::PRONOUN | flag::DET,
        ) {
            return false;
        }
        if self.is_verb_cue(i) && !self.is_source_word(i) {
            return false;
        }
        true
    }

    // ----- noun phrases -------------------------------------------------

    /// The noun phrase that ends right before `end`, skipping a relative
    /// clause or taking an appositive between commas.
    pub(crate) fn np_left(&self, end: usize, b: &Bounds) -> Option<NounPhrase> {
        if end <= b.first {
            return None;
        }
        let last = end - 1;
        // "Trump on Tuesday said", "Gowdy earlier Thursday said": a time
        // adjunct between subject and verb is part of neither. After a
        // participle it is the phrase's: "A poll released on Tuesday".
        // With no phrase before it ("but on Tuesday wrote"), the time is no
        // subject either: `coordinated_subject` may find one.
        if let Some(start) = self.time_adjunct_left(end, b) {
            let before = start - 1;
            if self.is_participle(before)
                && let Some(mut np) = self.np_left(before, b)
            {
                np.end = end;
                np.tail_end = np.tail_end.max(end);
                return Some(np);
            }
            return self.np_left(start, b);
        }
        // "Rep. Jason Chaffetz (R-Utah) said": the party tag is the name's.
        if let Some(open) = self.party_tag_ending_at(last, b.first) {
            let mut np = self.np_left(open, b)?;
            np.end = end;
            np.tail_end = np.tail_end.max(end);
            return Some(np);
        }
        // "Jason Sims — a teacher from Ohio — says": an aside between
        // dashes is part of the source phrase before it.
        if self.is_punct(last, "—–-")
            && let Some(np) = self.np_left_around_dashes(last, b)
        {
            return Some(np);
        }
        // "Humphrey, who calls Trump a “sociopath,” said": a relative
        // clause between commas that ends in a quotation closed after its
        // comma. The quotation opens inside the clause.
        if self.doc.tokens[last].kind == TokenKind::CloseQuote
            && last > b.first + 1
            && self.is_punct(last - 1, ",")
            && let Some(q) = self.doc.quote_of_mark(last)
            && let Some(rel) = (b.first + 1..self.doc.quotes[q as usize].open)
                .rev()
                .find(|&k| self.is_punct(k - 1, ","))
            && self.has(rel, flag::REL)
            && let Some(mut np) = self.np_left_around_commas(last - 1, b)
        {
            np.tail_end = end;
            if np.end == last - 1 {
                np.end = end;
            }
            return Some(np);
        }
        if self.is_punct(last, ",") {
            return self
                .np_left_around_commas(last, b)
                .or_else(|| self.np_left_lenient(end, b))
                .or_else(|| {
                    // "Sen. Jack Reed (D-R.I.), said": a stray comma after
                    // the name's party tag, with no comma before the name
                    // that it could close. The phrase up to the comma is
                    // read by the party-tag branch above.
                    let close = last.checked_sub(1).filter(|&k| k > b.first)?;
                    let open = self.party_tag_ending_at(close, b.first)?;
                    if (b.first..open).any(|k| self.is_punct(k, ",")) {
                        return None;
                    }
                    self.np_left(last, b)
                        .filter(|np| np.head + 1 == open && self.doc.tokens[np.head].capitalized)
                });
        }
        // The relative pronoun before the cue, sought once.
        let mut relative = None;
        if let Some(np) = self.np_left_simple(end, b) {
            if self.may_name_speaker(np.head) {
                return Some(np);
            }
            // "One official who relayed the exchange said": a common noun
            // taken only because the cue allows any ("the exchange") is the
            // object of a relative clause, whose antecedent is the source.
            relative = self.relative_pronoun_left(end, b);
            let who_clause = relative.is_some_and(|j| {
                j > b.first
                    && j < np.first
                    && matches!(self.lower(j), "who" | "whom")
                    && self.can_head_source(j - 1)
            });
            if !who_clause {
                return Some(np);
            }
        }
        // "An official who spoke on condition of anonymity said": the
        // source is the phrase before the relative pronoun.
        if let Some(j) = relative.or_else(|| self.relative_pronoun_left(end, b)) {
            // "Trump, who says he is honored": the relative pronoun is
            // the cue's own subject, written as the source; its
            // antecedent, before the comma, names it.
            let subject = (j + 1..end).all(|k| {
                self.has(k, flag::ADV | flag::PREP | flag::TIME)
                    || self.lower(k).bytes().all(|c| c.is_ascii_digit())
            });
            // ("reports which indicate": the reports stay the source.)
            if subject && matches!(self.lower(j), "who" | "whom") {
                let written = self.relative_subject(j, b.first);
                let antecedent = if written > b.first && self.is_punct(written - 1, ",") {
                    self.np_left_simple(written - 1, b)
                } else {
                    self.np_left_simple(written, b)
                };
                if let Some(mut np) = antecedent {
                    np.relative = Some((written, j + 1));
                    np.tail_end = end;
                    return Some(np);
                }
            }
            let mut np = self.np_left_simple(j, b)?;
            // The clause joins the source ("An official who spoke on
            // condition of anonymity"), unless the cue is its second verb
            // ("the senator who made enemies and bragged").
            let last = end - 1;
            let clause_ends = self.is_word(last)
                && !self.has(
                    last,
                    flag::FUNC | flag::CONNECTOR | flag::DET | flag::PRONOUN | flag::AUX,
                );
            if !subject && clause_ends {
                self.attach_relative(&mut np, j, end);
            } else {
                np.tail_end = end;
            }
            return Some(np);
        }
        self.np_left_lenient(end, b)
    }

    /// The nearest relative pronoun other than "that" before `end`, in
    /// reach of a relative clause ending there: not across `, ; :`, a
    /// quotation mark or another verb cue's clause (a cue right before
    /// `end` is the one being read).
    fn relative_pronoun_left(&self, end: usize, b: &Bounds) -> Option<usize> {
        let last = end.checked_sub(1)?;
        let from = end.saturating_sub(MAX_CLAUSE).max(b.first);
        for j in (from..=last).rev() {
            if self.is_punct(j, ",;:")
                || self.doc.tokens[j].is_quote()
                || j < last && self.is_verb_cue(j)
            {
                return None;
            }
            if self.has(j, flag::REL) && self.lower(j) != "that" {
                return Some(j);
            }
        }
        None
    }

    /// The start of a time adjunct that ends at `end` ("on Tuesday",
    /// "earlier Thursday", "last week"), when a word comes before it.
    /// Inline: asked for every phrase sought, and almost always answered
    /// by the first flag test.
    #[inline]
    fn time_adjunct_left(&self, end: usize, b: &Bounds) -> Option<usize> {
        let is_time =
            |k: usize| self.has(k, flag::TIME) && !self.has(k, flag::AUX) && self.is_word(k);
        if end <= b.first || !is_time(end - 1) {
            return None;
        }
        let mut start = end - 1;
        while start > b.first {
            let k = start - 1;
            if is_time(k)
                || matches!(
                    self.lower(k),
                    "on" | "early" | "late" | "earlier" | "later" | "last" | "this"
                )
            {
                start = k;
            } else {
                break;
            }
        }
        (start > b.first).then_some(start)
    }

    /// "released", "filed", "published": a past participle that may open a
    /// reduced relative clause.
    fn is_participle(&self, k: usize) -> bool {
        self.is_word(k)
            && !self.doc.tokens[k].capitalized
            && !self.has(k, flag::AUX | flag::FUNC)
            && self.lower(k).ends_with("ed")
    }

    /// The subject of a coordinated verb: "Cruz exhorted Republicans to
    /// vote and said he ...": before "and"/"but" there is no subject, so it
    /// is the clause's own, read from the start of the sentence (after
    /// connectors and an introductory phrase closed by a comma).
    fn coordinated_subject(&self, end: usize, b: &Bounds) -> Option<NounPhrase> {
        // "… but on Tuesday wrote": the time is neither subject nor verb.
        let end = self.time_adjunct_left(end, b).unwrap_or(end);
        let and = end.checked_sub(1).filter(|&k| k > b.first)?;
        if !matches!(self.lower(and), "and" | "but") {
            return None;
        }
        // "we hope and expect that …": two verbs with one subject, a
        // subject pronoun right before the first of them (a name there may
        // be the object of a verb before it).
        if and > b.first + 1 && self.is_finite_verb_cue(and - 1) {
            let subject = self.cue_left_extension(and - 1, b.first).0.checked_sub(1);
            if let Some(k) = subject.filter(|&k| k >= b.first)
                && self.is_subject_pronoun(k)
            {
                return Some(NounPhrase::word(k));
            }
        }
        let mut np = self.clause_subject(self.after_wire_credit(b), and)?;
        // The subject must be followed by its own verb, with no clause
        // boundary before the coordinated one; an appositive may stand
        // between ("Gary Emineth, a former chairman, became a delegate and
        // said"). An irregular past ("put", "became") is a lowercase word
        // of no closed class.
        if let Some(close) = self.party_tag_starting_at(np.end, and) {
            np.end = close + 1;
            np.tail_end = close + 1;
        }
        let verb_like = |verb: usize| {
            verb < and
                && self.is_word(verb)
                && (self.has(verb, flag::AUX | flag::ADV)
                    || self.is_verb_cue(verb)
                    || !self.doc.tokens[verb].capitalized
                        && !self.has(
                            verb,
                            flag::DET | flag::PREP | flag::FUNC | flag::PRONOUN | flag::CONNECTOR,
                        ))
        };
        let mut verb = np.end;
        // "Sanders, who endorsed Canova in May and said he …": the second
        // verb of a relative clause, whose pronoun stands for the phrase.
        if verb + 2 < and
            && self.is_punct(verb, ",")
            && matches!(self.lower(verb + 1), "who" | "which")
            && !(verb + 2..and).any(|k| self.is_punct(k, ",;:") || self.has(k, flag::REL))
            && self.may_name_speaker(np.head)
            && !self.doc.tokens[verb + 2].capitalized
            && verb_like(verb + 2)
        {
            np.relative = Some((verb + 1, verb + 2));
            np.tail_end = and;
            return Some(np);
        }
        if verb < and
            && self.is_punct(verb, ",")
            && let Some(close) = (verb + 1..and).find(|&k| self.is_punct(k, ","))
            && let Some(appositive) = self.np_right_simple(verb + 1, close)
        {
            np.alt_head = Some(appositive.head);
            np.end = close;
            np.tail_end = close;
            verb = close + 1;
        }
        // "Obama met survivors and said": read greedily, "Obama met
        // survivors" is one phrase with no verb after it; the name alone
        // is the subject, and the lowercase word after it the verb.
        // Only a name is cut so ("The Sanders campaign" is no name, nor a
        // capitalised first word like "Facing"), and only before an object
        // ("nominee Donald Trump" goes on as one phrase).
        let name_word = |k: usize| {
            self.is_word(k)
                && self.doc.tokens[k].capitalized
                && !self.starts_with_digit(k)
                && !self.has(
                    k,
                    flag::DET
                        | flag::FUNC
                        | flag::ADV
                        | flag::QUANT
                        | flag::PREP
                        | flag::PRONOUN
                        | flag::CONNECTOR
                        | flag::TIME,
                )
        };
        if !verb_like(verb)
            && verb == np.end
            && let Some(k) = (np.first + 1..np.end).find(|&k| !self.doc.tokens[k].capitalized)
            && (np.first..k).all(name_word)
            && k + 1 < and
            && (!self.doc.tokens[k + 1].capitalized || self.has(k + 1, flag::DET | flag::PRONOUN))
            && verb_like(k)
            && (k - 1 > np.first || self.written_as_name(np.first))
        {
            np.end = k;
            np.head = k - 1;
            np.tail_end = k;
            verb = k;
        }
        let verb_like = verb_like(verb);
        // Any determined noun where the cue lets one speak ("The judge
        // rubbed his chin and said …"), as `np_left` reads it.
        let phrase = Bounds {
            any_noun_source: b.any_noun_source,
            ..Bounds::plain(np.first, np.end)
        };
        let plausible =
            self.may_name_speaker(np.head) || self.is_determined_plural(np.head, &phrase);
        // "is telling a group that … and says": the complementiser "that"
        // stays inside the first verb's clause.
        let one_clause = !(verb..and)
            .any(|k| self.is_punct(k, ";:") || self.has(k, flag::REL) && self.lower(k) != "that");
        (plausible && verb_like && one_clause).then_some(np)
    }

    /// "Mr. Xi and other leaders have said", "She and her defenders
    /// argue", "labor unions, environmental groups and many lawmakers
    /// claim": phrases joined to the subject `np` by "and", which with it
    /// make up the whole clause before the verb, are the subject's too.
    /// The last phrase stays the head (as in "Trump and Clinton said").
    fn joined_subject(&self, np: NounPhrase, b: &Bounds) -> NounPhrase {
        let Some(and) = np.first.checked_sub(1).filter(|&k| k > b.first) else {
            return np;
        };
        if self.lower(and) != "and" {
            return np;
        }
        let Some(first) = self.clause_subject(self.after_wire_credit(b), and) else {
            return np;
        };
        // A list: the phrases after the first, each after a comma, up to
        // "and" (with a serial comma or without).
        let mut next = first.end;
        let mut phrases = 1;
        while next < and && self.is_punct(next, ",") && phrases < 6 {
            if next + 1 == and {
                next = and;
                break;
            }
            let Some(item) = self.np_right_simple(next + 1, and) else {
                return np;
            };
            next = item.end;
            phrases += 1;
        }
        let speaks = self.may_name_speaker(first.head) || self.looks_plural(first.head);
        if next != and
            || !speaks
            || self.is_verb_cue(first.head) && !self.is_source_word(first.head)
        {
            return np;
        }
        NounPhrase {
            first: first.first,
            ..np
        }
    }

    /// Whether the capitalised word at `k` is written so after another
    /// word somewhere in the document: a name, not a capitalised first word
    /// ("Hastily", "Eight"). Contractions ("I'm") are pronouns.
    /// Asked only of a one-word subject cut from a longer phrase.
    fn written_as_name(&self, k: usize) -> bool {
        let text = self.doc.token_text(k);
        let lower = self.lower(k);
        let contraction =
            text.contains(['\'', '’']) && !lower.starts_with("o'") && !lower.starts_with("o’");
        let tokens = &self.doc.tokens;
        !contraction
            && self
                .mid_sentence_capitals
                .get_or_init(|| {
                    (1..tokens.len())
                        .filter(|&j| tokens[j].capitalized && tokens[j - 1].is_word())
                        .map(|j| self.doc.token_text(j))
                        .collect()
                })
                .contains(text)
    }

    /// The subject of the clause that opens at `start`, read before
    /// `limit`: past connectors ("But") and an introductory phrase closed
    /// by a comma ("On Monday, Trump ...", "In May, a judge ...").
    pub(crate) fn clause_subject(&self, mut start: usize, limit: usize) -> Option<NounPhrase> {
        while start < limit && (!self.is_word(start) || self.has(start, flag::CONNECTOR)) {
            start += 1;
        }
        // An adverb or a participle opens an introductory phrase too
        // ("Instead, the senator ...", "Speaking in Ohio, Trump ...").
        let introductory = |start: usize| {
            self.has(start, flag::PREP | flag::TIME | flag::ADV)
                || !self.has(start, flag::CUE | flag::SOURCE_WORD)
                    && (self.is_ly_adverb(start) || self.lower(start).ends_with("ing"))
                    // ("Beverly Hills, …": a name written so elsewhere.)
                    && !self.written_as_name(start)
        };
        if start < limit
            && introductory(start)
            && let Some(comma) = (start..limit).find(|&k| self.is_punct(k, ","))
        {
            start = comma + 1;
        }
        let mut np = self.np_right_simple(start, limit)?;
        // "Hillary Clinton made a …", "Jeb Bush broke down": a lowercase
        // word after a name, before a determiner or a particle, is the
        // subject's verb, not a noun of a compound ("the Clinton campaign").
        let last = np.end - 1;
        if last > np.first
            && !self.doc.tokens[last].capitalized
            && self.is_name_word(last - 1)
            && !self.has(last - 1, flag::DET | flag::QUANT | flag::PRONOUN)
            && !self.is_possessive(last)
            && np.end < limit
            && (self.has(np.end, flag::DET)
                || matches!(self.lower(np.end), "down" | "up" | "out" | "off" | "back")
                || self.lower(np.end).ends_with("ing"))
        {
            np = NounPhrase {
                end: last,
                head: last - 1,
                tail_end: last,
                ..np
            };
        }
        Some(np)
    }

    /// A subject the phrase rules above cannot read, taken when the cue
    /// signals a source: from the clause boundary to the cue, over party
    /// tags in brackets ("Sen. David Perdue (R-Ga.)"), long modifiers ("the
    /// former secretary of state and current Democratic nominee") and an
    /// appositive between commas ("Richard Revesz, director of the
    /// Institute for Policy Integrity at New York University,"); a
    /// participial aside is left out ("Trump, speaking to veterans, said").
    fn np_left_lenient(&self, end: usize, b: &Bounds) -> Option<NounPhrase> {
        // A common noun heads a source only where the cue signals one ("the
        // announcer said, “…”"); names, titles and source words always may.
        let plausible = |np: &NounPhrase| {
            b.any_noun_source
                || self.doc.tokens[np.head].capitalized
                || self.has(np.head, flag::TITLE | flag::PRONOUN)
                || self.is_source_word(np.head)
        };
        let last = end.checked_sub(1).filter(|&l| l >= b.first)?;
        if !self.is_punct(last, ",") {
            return self.subject_run(end, b, false).filter(plausible);
        }
        // The comma closes an aside or appositive: find the one opening it.
        let open = self.comma_before(last, b)?;
        // "Mike Shields, president of the fund, a super PAC allied with
        // …, said": a second appositive may stand before this one.
        let before = self
            .subject_run(open, b, false)
            .filter(plausible)
            .or_else(|| self.appositive_left(open, b, false))?;
        let middle = open + 1;
        // "Trump, speaking to veterans, said" and "Clinton, at a later press
        // gaggle, said": a participle or a prepositional phrase is an aside.
        // "Hunter, meanwhile, told", "Smith, too, said": adverbs and
        // connectors alone are an aside too.
        // Adverbs may lead either: "Clinton, also campaigning in Ohio, said".
        let lead = (middle..last)
            .find(|&k| !self.has(k, flag::ADV))
            .unwrap_or(middle);
        let aside = !self.doc.tokens[lead].capitalized
            && (self.lower(lead).ends_with("ing")
                || self.has(lead, flag::PREP) && self.lower(lead) != "to")
            || (middle..last).all(|k| self.has(k, flag::ADV | flag::CONNECTOR))
            || last == middle + 1 && self.lower(middle) == "too";
        if aside {
            return Some(NounPhrase {
                tail_end: last,
                ..before
            });
        }
        // The appositive must read as a noun phrase of its own, opening
        // like one ("the agency that ...", "director of ...", "a senior
        // associate at ..."), not like a verb phrase ("went on trial").
        self.subject_run(last, b, true)
            .filter(|m| m.first == middle)?;
        let opens_noun_phrase = (middle..last.min(middle + 3)).any(|k| {
            self.has(k, flag::DET | flag::QUANT | flag::TITLE)
                || self.is_source_word(k)
                || self.doc.tokens[k].capitalized
        });
        if !opens_noun_phrase {
            return None;
        }
        Some(NounPhrase {
            end: last,
            tail_end: last,
            ..before
        })
    }

    /// The comma that opens the aside closed by the comma at `close`, with
    /// brackets skipped; none if a quotation mark, colon or semicolon comes
    /// first.
    fn comma_before(&self, close: usize, b: &Bounds) -> Option<usize> {
        let from = close.saturating_sub(2 * MAX_CLAUSE).max(b.first);
        let mut j = close;
        while j > from {
            j -= 1;
            if self.is_punct(j, ")") {
                j = self.bracket_open(j, from)?;
                continue;
            }
            if self.is_punct(j, ",") {
                return (j + 1 < close).then_some(j);
            }
            if self.doc.tokens[j].is_quote() || self.is_punct(j, ";:") {
                return None;
            }
        }
        None
    }

    /// The "(" matching the ")" at `close`, within a few tokens.
    fn bracket_open(&self, close: usize, from: usize) -> Option<usize> {
        (from.max(close.saturating_sub(8))..close)
            .rev()
            .find(|&k| self.is_punct(k, "("))
    }

    /// Whether the cue word at `k` modifies the noun after it inside an
    /// appositive ("a talk show host at ..."): a lowercase content word
    /// follows, and a determiner comes before, or one word after one.
    /// A verb has a subject before it ("whose report shows") or an object
    /// after it ("who told the court").
    fn cue_modifies(&self, k: usize) -> bool {
        let noun_after = |j: usize| {
            j < self.doc.tokens.len()
                && self.is_word(j)
                && !self.doc.tokens[j].capitalized
                && !self.has(
                    j,
                    flag::FUNC | flag::DET | flag::AUX | flag::ADV | flag::PREP | flag::PRONOUN,
                )
        };
        let determined = |j: usize| {
            j > 0
                && self.has(j - 1, flag::DET)
                && !self.has(j - 1, flag::PRONOUN)
                && self.lower(j - 1) != "that"
        };
        noun_after(k + 1)
            && !self.doc.tokens[k].capitalized
            && (determined(k) || k > 0 && noun_after(k - 1) && determined(k - 1))
    }

    /// The run of noun-phrase words ending before `end`, back to a clause
    /// boundary. Inside an appositive (`inner`), prepositions and relative
    /// clauses may continue it ("director of the institute at the school").
    fn subject_run(&self, end: usize, b: &Bounds, inner: bool) -> Option<NounPhrase> {
        // "blasted Congress and said": a phrase does not end in "and".
        if end > b.first && matches!(self.lower(end - 1), "and" | "or" | "of" | "&") {
            return None;
        }
        let mut first = end;
        let mut head = None;
        let mut j = end;
        while j > b.first && end - j < 2 * MAX_NP {
            let k = j - 1;
            if self.is_punct(k, ")") {
                let Some(open) = self.bracket_open(k, b.first) else {
                    break;
                };
                j = open;
                first = open;
                continue;
            }
            let word = self.is_word(k);
            let joins = self.is_possessive(k)
                || self.is_punct(k, "-–&.")
                || matches!(self.lower(k), "of" | "and" | "&");
            let connective = self.has(
                k,
                flag::FUNC | flag::AUX | flag::CONNECTOR | flag::ADV | flag::PREP,
            ) && !self.has(k, flag::DET | flag::QUANT);
            // Inside an appositive, prepositions and relative pronouns continue it.
            let inner_ok = inner && word && !self.has(k, flag::AUX);
            let stop = !word && !joins
                || self.is_verb_cue(k)
                    && !self.is_source_word(k)
                    && !(inner && self.cue_modifies(k))
                || connective && !joins && !inner_ok;
            if stop {
                break;
            }
            // "A Monmouth poll out Monday": the time names no one.
            if head.is_none() && word && !joins && !self.has(k, flag::TIME) {
                head = Some(k);
            }
            j = k;
            first = k;
        }
        if !inner {
            first = self.ratio_start(first, b);
            first = self.past_prepositional_object(first, end, b);
        }
        // Leading connectors and joiners are not part of the phrase.
        while first < end
            && (self.has(first, flag::CONNECTOR | flag::FUNC)
                && !self.has(first, flag::DET | flag::QUANT | flag::PRONOUN)
                || !self.is_word(first) && !self.is_punct(first, "("))
        {
            first += 1;
        }
        let head = head.filter(|&h| h >= first && !self.has(h, flag::DET | flag::FUNC))?;
        let head = self.titled_name_before_place(first, head).unwrap_or(head);
        let t = &self.doc.tokens[first];
        // An appositive may open with a bare title ("director of ...").
        let opens_well = inner
            || t.capitalized
            || self.has(first, flag::DET | flag::QUANT | flag::PRONOUN)
            || self.starts_with_digit(first)
            || self.is_bare_plural_speaker(first, head, end, b);
        (opens_well && end - first <= 2 * MAX_NP).then_some(NounPhrase::new(first, head, end))
    }

    /// "…, donors said": before a speech verb, a plural common noun with
    /// no determiner speaks when its phrase is short, of plain modifiers,
    /// and opens the clause (after a comma, a coordinator or at the start).
    fn is_bare_plural_speaker(&self, first: usize, head: usize, end: usize, b: &Bounds) -> bool {
        b.any_noun_source
            && head + 1 == end
            && end - first <= 3
            && self.looks_plural(head)
            && !self.lower(head).ends_with("ing")
            && (first..end).all(|k| self.can_modify(k) && !self.is_possessive(k))
            && (first == b.first
                || self.is_punct(first - 1, ",;:")
                || matches!(self.lower(first - 1), "and" | "but"))
    }

    /// "Sen. John Cornyn of Texas": a titled name, then "of" and a place
    /// that runs to `last`. The name heads the phrase (its last word is
    /// returned), not the place; "Bank of America" keeps its last word, as
    /// no title stands before it.
    fn titled_name_before_place(&self, first: usize, last: usize) -> Option<usize> {
        let of = (first + 2..last).find(|&k| self.lower(k) == "of")?;
        let head = of - 1;
        let mut start = head;
        while start > first && self.is_name_word(start - 1) {
            start -= 1;
        }
        let titled = self.is_name_word(head) && start > first && self.has(start - 1, flag::TITLE);
        (titled && (of + 1..=last).all(|k| self.is_name_word(k))).then_some(head)
    }

    /// "Six in 10 (voters)", "seven out of 10": a phrase that opens with
    /// the denominator of a ratio starts at its numerator.
    fn ratio_start(&self, first: usize, b: &Bounds) -> usize {
        // A number's first character is asked first: nearly every phrase
        // opens with none (`Token::first` is stored, `lower` is looked up).
        if !matches!(
            self.doc.tokens[first].first.to_ascii_lowercase(),
            '0'..='9' | 'o' | 't' | 'f' | 's' | 'e' | 'n'
        ) {
            return first;
        }
        let word_before = |k: usize, w: &str| k > b.first && self.lower(k - 1) == w;
        if word_before(first, "in")
            && first - 1 > b.first
            && self.is_number(first - 2)
            && self.is_number(first)
        {
            return first - 2;
        }
        if word_before(first, "of")
            && word_before(first - 1, "out")
            && first - 2 > b.first
            && self.is_number(first - 3)
            && self.is_number(first)
        {
            return first - 3;
        }
        first
    }

    /// A slash between two capitalized words written without spaces, as
    /// in a joint name ("Reuters/Ipsos", "CNN/ORC").
    fn joins_names(&self, k: usize) -> bool {
        let tokens = &self.doc.tokens;
        k > 0
            && k + 1 < tokens.len()
            && self.is_punct(k, "/")
            && tokens[k - 1].capitalized
            && tokens[k + 1].capitalized
            && tokens[k - 1].span().end == tokens[k].span().start
            && tokens[k].span().end == tokens[k + 1].span().start
    }

    /// The closing mark of a quotation of one to three words that opens at
    /// `open` and modifies the noun after it (her “clawback” plan).
    fn quoted_modifier(&self, open: usize) -> Option<usize> {
        let tokens = &self.doc.tokens;
        if tokens[open].kind != TokenKind::OpenQuote {
            return None;
        }
        let q = self.doc.quote_of_mark(open)? as usize;
        let close = self.doc.quotes[q].close?;
        let noun = close + 1;
        (close > open + 1
            && close - open <= 4
            && (open + 1..close).all(|k| self.is_word(k))
            && noun < tokens.len()
            && self.is_word(noun)
            && !tokens[noun].capitalized
            && self.can_modify(noun)
            && !self.has(noun, flag::PREP))
        .then_some(close)
    }

    /// The sign of "42%", written against its number: it heads a count of
    /// people as "percent" does ("42% say").
    fn is_percent_sign(&self, k: usize) -> bool {
        let tokens = &self.doc.tokens;
        k > 0
            && self.is_punct(k, "%")
            && self.starts_with_digit(k - 1)
            && tokens[k - 1].span().end == tokens[k].span().start
    }

    /// "42%", "about 42%", "Another 19%" ending at the sign `last`: a
    /// share of people, the number and what qualifies it. Only these: the
    /// words before are no part of a count ("PolitiFact rated 32%").
    fn percent_phrase(&self, last: usize, b: &Bounds) -> Option<NounPhrase> {
        if !self.is_percent_sign(last) || last <= b.first {
            return None;
        }
        let number = last - 1;
        let mut first = self.approximation_start(number, b);
        if first == number
            && first > b.first
            && self.has(first - 1, flag::DET)
            && !self.has(first - 1, flag::PRONOUN)
        {
            first -= 1;
        }
        Some(NounPhrase::new(first, last, last + 1))
    }

    /// A number in digits ("10", "21,000") or a word up to ten.
    fn is_number(&self, k: usize) -> bool {
        let w = self.lower(k);
        self.starts_with_digit(k) && w.bytes().all(|c| c.is_ascii_digit() || c == b',')
            || NUMBER_WORDS.contains(&w)
            || TENS.iter().any(|tens| {
                w.strip_prefix(tens).is_some_and(|rest| {
                    rest.is_empty()
                        || rest
                            .strip_prefix('-')
                            .is_some_and(|unit| NUMBER_WORDS[..9].contains(&unit))
                })
            })
    }

    /// Where a bare count that ends at the number `last` opens: a ratio
    /// ("six in 10", "four out of 10") or a number in digits after an
    /// approximation ("at least 21,000"), with that approximation ("More
    /// than six in 10"). None for a lone number ("in 2016 said").
    fn count_start(&self, last: usize, b: &Bounds) -> Option<usize> {
        let ratio = self.ratio_start(last, b);
        if ratio < last {
            return Some(self.approximation_start(ratio, b));
        }
        let digits = self.starts_with_digit(last);
        let approximate = self.approximation_start(last, b);
        (digits && approximate < last).then_some(approximate)
    }

    /// "More than 40 percent", "at least 21,000", "about one in five": an
    /// approximation before the number opening a phrase at `first` is the
    /// phrase's.
    fn approximation_start(&self, first: usize, b: &Bounds) -> usize {
        if first == b.first || !self.is_number(first) && self.lower(first) != "half" {
            return first;
        }
        let before = |k: usize, words: &[&str]| k > b.first && words.contains(&self.lower(k - 1));
        if before(first, &["than"]) && before(first - 1, &["more", "fewer", "less"]) {
            return first - 2;
        }
        if before(first, &["least", "most"]) && before(first - 1, &["at"]) {
            return first - 2;
        }
        if before(first, APPROXIMATIONS) {
            return first - 1;
        }
        first
    }

    /// "one of the former prosecutors", "most of them": a quantifier and
    /// "of" before the phrase opening at `first` count out of it, and the
    /// part is the source.
    fn partitive_start(&self, first: usize, b: &Bounds) -> usize {
        if first < b.first + 2 || self.lower(first - 1) != "of" {
            return first;
        }
        let part = first - 2;
        let counts = self.has(part, flag::QUANT) && self.lower(part) != "a"
            || matches!(self.lower(part), "none" | "much" | "half" | "each");
        if counts {
            return part;
        }
        // "Seventy-four percent of", "a bipartisan group of": the phrase
        // a quantity noun heads, and an approximation before its number.
        let quantity = if self.is_percent_sign(part) {
            self.percent_phrase(part, b)
        } else if QUANTITY_NOUNS.contains(&self.lower(part)) {
            self.np_left_simple_no_post(part + 1, b, true)
        } else {
            None
        };
        quantity.map_or(first, |np| self.approximation_start(np.first, b))
    }

    /// "During the debate Trump said": after a preposition, a phrase opens
    /// with the preposition's object; the subject is the name after it.
    fn past_prepositional_object(&self, first: usize, end: usize, b: &Bounds) -> usize {
        if first <= b.first || !self.has(first - 1, flag::PREP) {
            return first;
        }
        (first + 1..end)
            .find(|&k| {
                self.doc.tokens[k].capitalized
                    && self.is_word(k - 1)
                    && !self.doc.tokens[k - 1].capitalized
                    && !self.has(k - 1, flag::TITLE | flag::DET)
            })
            .unwrap_or(first)
    }

    /// The phrase before an aside between dashes that the dash at `close`
    /// ends, the aside and its closing dash included: "Many speakers —
    /// including Muslims and Jews — said".
    fn np_left_around_dashes(&self, close: usize, b: &Bounds) -> Option<NounPhrase> {
        let from = close.saturating_sub(2 * MAX_CLAUSE).max(b.first);
        let open = (from..close)
            .rev()
            .take_while(|&j| !self.doc.tokens[j].is_quote() && !self.is_punct(j, ";:"))
            .find(|&j| self.is_punct(j, "—–-"))
            .filter(|&open| open + 1 < close && open > b.first)?;
        let before = self.np_left(open, b)?;
        Some(NounPhrase {
            end: close + 1,
            tail_end: close + 1,
            ..before
        })
    }

    fn np_left_around_commas(&self, comma: usize, b: &Bounds) -> Option<NounPhrase> {
        self.appositive_left(comma, b, true)
    }

    /// `np_left_around_commas`; `stacked` lets a second appositive come
    /// before this one ("Lance Beebe, 49, a Navy veteran who ..., said").
    fn appositive_left(&self, comma: usize, b: &Bounds, stacked: bool) -> Option<NounPhrase> {
        // An appositive that ends in a relative clause may be longer.
        let from = comma.saturating_sub(2 * MAX_CLAUSE).max(b.first);
        let mut open = (from..comma).rev().find(|&j| self.is_punct(j, ","))?;
        // "a salesman from Sumter, South Carolina, says": the comma of a
        // place's state opens nothing.
        if self.state_of_place(open, comma)
            && let Some(before) = (from..open).rev().find(|&j| self.is_punct(j, ","))
        {
            open = before;
        }
        let long = comma - open > MAX_CLAUSE;
        let middle = open + 1;
        if middle >= comma {
            return None;
        }
        if self.has(middle, flag::REL) {
            // "Smith, who heads the panel, said"; the clause may be long, as
            // it holds no comma ("Helen Aguirre Ferre, who took over as head
            // of … after the previous director quit because of …, said").
            let mut np = self.np_left_tagged(open, b)?;
            self.attach_relative(&mut np, middle, comma);
            return Some(np);
        }
        // "Mr. Sperling, then 38, said", "Ms. Ruiz, now a senator, said";
        // "Mr. Mahaney, of RBC Capital Markets, said": where one is from.
        let from_place = matches!(self.lower(middle), "of" | "from");
        let middle =
            if (from_place || matches!(self.lower(middle), "then" | "now")) && middle + 1 < comma {
                middle + 1
            } else {
                middle
            };
        // "Erdogan's top diplomat, Fidan, said" / "Smith, 45, said"; the
        // appositive may end in a relative clause: "Shane Shook, a security
        // expert who has helped investigate the breaches, said".
        let mut inner = self.np_right_simple(middle, comma)?;
        if from_place && !self.doc.tokens[inner.head].capitalized {
            return None;
        }
        // A possessive without its noun ends the phrase ("a close friend of
        // Mrs. Clinton's who was her chief of staff").
        let mut inner_end =
            inner.end + usize::from(inner.end < comma && self.is_possessive(inner.end));
        // "a philanthropist from Monsey, New York": where one is from.
        if inner_end < comma && self.place_to(inner_end, comma) {
            inner_end = comma;
        }
        // "an independent voter raised in Chile", "a man visiting Nice
        // with his family": a participle's clause describes the phrase, as
        // a relative clause does.
        let mut relative = inner_end != comma && self.relative_clause_to(inner_end, comma);
        if inner_end != comma
            && !relative
            && (!self.doc.tokens[middle].capitalized || self.has(middle, flag::DET))
            && let Some(phrase) = (middle + 1..comma).find_map(|k| {
                self.participial_clause_to(k, comma)
                    .then(|| self.np_right_simple(middle, k))
                    .flatten()
                    .filter(|np| {
                        np.end == k
                            && !self.has(
                                np.head,
                                flag::QUANT | flag::DET | flag::PRONOUN | flag::FUNC,
                            )
                    })
            })
        {
            inner = phrase;
            relative = true;
        }
        if (long || inner_end != comma) && !relative {
            return None;
        }
        // The name is the phrase's head: "The grid operator, Nordgrid", but
        // "Paul Ryan, the top Republican" (a name first is the name).
        let named = self.doc.tokens[inner.head].capitalized && !from_place;
        // "The grid operator, Nordgrid": before a name, any noun phrase will do.
        let outer = self
            .np_left_tagged(open, b)
            .or_else(|| {
                named
                    .then(|| self.np_left_simple_no_post(open, b, true))
                    .flatten()
            })
            .or_else(|| {
                stacked
                    .then(|| self.appositive_left(open, b, false))
                    .flatten()
            })?;
        let outer = match self.name_before_title(&outer, open, b, stacked) {
            Some(name) => name,
            None => outer,
        };
        let (head, alt_head) = if named && !self.doc.tokens[outer.head].capitalized {
            (inner.head, outer.head)
        } else {
            (outer.head, inner.head)
        };
        Some(NounPhrase {
            first: outer.first,
            end: comma,
            head,
            tail_end: comma,
            alt_head: Some(alt_head),
            relative: None,
        })
    }

    /// "Mike Shields, president of the Fund, a super PAC allied with House
    /// leadership, said": a name that opens the clause, before the title
    /// phrase `outer` that ends at the comma `open`, stacks on it.
    fn name_before_title(
        &self,
        outer: &NounPhrase,
        open: usize,
        b: &Bounds,
        stacked: bool,
    ) -> Option<NounPhrase> {
        if !stacked
            || self.doc.tokens[outer.head].capitalized && self.has(outer.first, flag::DET)
            || outer.first < b.first + 2
            || !self.is_punct(outer.first - 1, ",")
        {
            return None;
        }
        let name = self.appositive_left(open, b, false)?;
        // Only at the clause's start: not after an introductory phrase
        // ("Similarly, William Bennett, a former secretary, said").
        let opens_clause = (self.after_wire_credit(b)..name.first)
            .all(|k| !self.is_word(k) || matches!(self.lower(k), "but" | "and"))
            && !self.has(name.first, flag::ADV | flag::CONNECTOR)
            && !self.is_ly_adverb(name.first);
        (self.doc.tokens[name.head].capitalized && name.first < outer.first && opens_clause)
            .then_some(name)
    }

    /// Attaches the relative clause `[first, end)` to the source phrase
    /// before it: the clause describes the source and is part of it ("Smith,
    /// who heads the panel"), as PolNeAR marks most, unless it holds a verb
    /// cue, which makes it another attribution's. Either way it is the
    /// phrase's tail, searched for markers.
    fn attach_relative(&self, np: &mut NounPhrase, first: usize, end: usize) {
        if !(first..end).any(|k| self.is_verb_cue(k)) {
            np.end = end;
        }
        np.tail_end = end;
    }

    /// Whether the words between the commas `open` and `close` name the
    /// state or country of a place that a preposition introduces before
    /// `open` ("from Sumter, South Carolina,", "of Washington, D.C.,").
    fn state_of_place(&self, open: usize, close: usize) -> bool {
        let capital = |k: usize| self.is_name_word(k) || self.is_punct(k, ".");
        if open + 1 >= close || !(open + 1..close).all(capital) || open == 0 {
            return false;
        }
        let mut k = open;
        while k > 0 && self.is_name_word(k - 1) {
            k -= 1;
        }
        k < open && k > 0 && matches!(self.lower(k - 1), "from" | "of" | "in")
    }

    /// Whether `[start, end)` is a place and its state: "from Monsey, New
    /// York", ", D.C." after "of Washington", "in Dallas".
    fn place_to(&self, start: usize, end: usize) -> bool {
        let capital = |k: usize| self.is_name_word(k) || self.is_punct(k, ".");
        let mut k = start;
        if matches!(self.lower(k), "from" | "of" | "in") {
            k += 1;
            if k >= end || !self.is_name_word(k) {
                return false;
            }
        }
        while k < end && capital(k) {
            k += 1;
        }
        if k + 1 < end && self.is_punct(k, ",") && k > start {
            k += 1;
            while k < end && capital(k) {
                k += 1;
            }
        }
        k == end && end > start + 1
    }

    /// Whether `[start, end)` is a participle's clause with no clause
    /// boundary: "raised in Chile", "visiting Nice with his family".
    /// A past participle needs a preposition after it ("raised in", not
    /// the finite "rallied supporters"); one in "-ing" a preposition, a
    /// determiner or a name ("visiting Nice", not "polarizing figures").
    fn participial_clause_to(&self, start: usize, end: usize) -> bool {
        let l = self.lower(start);
        let next = start + 1;
        let introduces = |past: bool| {
            self.has(next, flag::PREP)
                || !past && (self.has(next, flag::DET) || self.is_name_word(next))
        };
        next < end
            && self.is_word(start)
            && !self.doc.tokens[start].capitalized
            && (l.ends_with("ed") && introduces(true) || l.ends_with("ing") && introduces(false))
            && !self.is_verb_cue(start)
            && (start + 1..end).all(|k| !self.is_punct(k, ",;:") && !self.doc.tokens[k].is_quote())
    }

    /// Whether `[start, end)` is a relative clause with no clause boundary:
    /// "who has helped investigate the breaches".
    fn relative_clause_to(&self, start: usize, end: usize) -> bool {
        start + 1 < end
            && matches!(self.lower(start), "who" | "that" | "which" | "whose")
            && (start + 1..end).all(|k| !self.is_punct(k, ",;:") && !self.doc.tokens[k].is_quote())
    }

    /// `np_left_simple`, with a party tag after the name: "Sen. Claire
    /// McCaskill (D-Mo.), who has endorsed Clinton, said".
    fn np_left_tagged(&self, end: usize, b: &Bounds) -> Option<NounPhrase> {
        let Some(open) = end
            .checked_sub(1)
            .and_then(|last| self.party_tag_ending_at(last, b.first))
        else {
            return self.np_left_simple(end, b);
        };
        let mut np = self.np_left_simple(open, b)?;
        np.end = end;
        np.tail_end = np.tail_end.max(end);
        Some(np)
    }

    fn np_left_simple(&self, end: usize, b: &Bounds) -> Option<NounPhrase> {
        if end <= b.first {
            return None;
        }
        // "people familiar with the talks": the head comes before a post-modifier.
        if let Some(np) = self.np_with_post_modifier_left(end, b) {
            return Some(np);
        }
        let last = end - 1;
        // "nine in 10 said", "at least 21,000 said": a count of people
        // heads its own phrase where the cue lets any noun speak.
        if b.any_noun_source
            && self.is_number(last)
            && let Some(first) = self.count_start(last, b)
        {
            return Some(NounPhrase::new(first, last, end));
        }
        if let Some(np) = self.percent_phrase(last, b) {
            return Some(np);
        }
        if !self.can_head_source(last) && !self.is_determined_plural(last, b) {
            return None;
        }
        if self.has(last, flag::PRONOUN) {
            return Some(NounPhrase {
                first: self.partitive_start(last, b),
                end,
                head: last,
                tail_end: end,
                alt_head: None,
                relative: None,
            });
        }
        let mut first = last;
        while first > b.first && end - first < MAX_NP {
            let j = first - 1;
            if self.is_possessive(j) && j > b.first && self.is_word(j - 1) {
                first = j - 1;
                continue;
            }
            if j > b.first && self.joins_names(j) {
                first = j - 1;
                continue;
            }
            if self.doc.tokens[j].kind == TokenKind::CloseQuote
                && let Some(open) = self
                    .doc
                    .quote_of_mark(j)
                    .map(|q| self.doc.quotes[q as usize].open)
                && open > b.first
                && self.quoted_modifier(open) == Some(j)
                && self.is_word(open - 1)
            {
                first = open;
                continue;
            }
            if !self.is_word(j) {
                break;
            }
            // ("Her plan says": a possessive pronoun determines the phrase.)
            if self.has(j, flag::DET)
                && (!self.has(j, flag::PRONOUN)
                    || matches!(
                        self.lower(j),
                        "his" | "her" | "its" | "their" | "our" | "my" | "your"
                    ))
            {
                if self.lower(j) == "that" {
                    break;
                }
                first = j;
                break;
            }
            let l = self.lower(j);
            if (l == "of" || l == "and" || l == "&")
                && j > b.first
                && (self.doc.tokens[j - 1].capitalized || self.has(j - 1, flag::TITLE))
                && (l == "of" || self.doc.tokens[first].capitalized)
            {
                first = j;
                continue;
            }
            if self.doc.tokens[j].capitalized
                && !self.has(j, flag::FUNC | flag::CONNECTOR | flag::PRONOUN | flag::ADV)
                && !(self.is_verb_cue(j) && self.is_title_case(b))
            {
                first = j;
                continue;
            }
            if first < last && self.coordinates_modifiers(j, b.first, end) {
                first = j - 1;
                continue;
            }
            if self.can_modify(j) && !self.doc.tokens[j].capitalized {
                first = j;
                continue;
            }
            // "the state media", "Turkish state media": a cue word between a
            // determiner or a name and the head is a modifier, not a verb.
            let determined =
                j > b.first && (self.has(j - 1, flag::DET) || self.doc.tokens[j - 1].capitalized);
            let before_common_noun = !self.doc.tokens[j + 1].capitalized;
            if self.is_verb_cue(j)
                && determined
                && before_common_noun
                && !self.has(j, flag::FUNC | flag::AUX)
            {
                first = j;
                continue;
            }
            break;
        }
        while first < last && matches!(self.lower(first), "of" | "and" | "&") {
            first += 1;
        }
        let first = self.approximation_start(self.ratio_start(first, b), b);
        let first = self.past_prepositional_object(first, end, b);
        let np = NounPhrase::new(first, last, end);
        let mut np = self.extend_by_from(np, b);
        np.first = self.partitive_start(np.first, b);
        Some(np)
    }

    /// "current and former officials", "state or local officials": `and`
    /// or `or` at `j` between two lowercase modifiers, with more of the
    /// phrase after them (within `[first, limit)`). The left one opens the
    /// phrase (after a determiner, a quantifier, a preposition, a comma or
    /// the sentence start) and is no noun of its own: not a source word
    /// ("the plan and former officials") nor a plural ("taxes and former
    /// officials").
    fn coordinates_modifiers(&self, j: usize, first: usize, limit: usize) -> bool {
        // Asked of every word of a phrase: the cheap test first.
        if j + 2 >= limit || !matches!(self.lower(j), "and" | "or") {
            return false;
        }
        let Some(left) = j.checked_sub(1).filter(|&k| k >= first) else {
            return false;
        };
        // A sentence's first word is capitalised whatever it is.
        let lowercase_modifier = |k: usize| {
            self.can_modify(k)
                && (!self.doc.tokens[k].capitalized
                    || self.doc.sentences[self.doc.tokens[k].sentence as usize].first == k)
        };
        // ("various", "previous" are no plurals.)
        let plural = |k: usize| self.looks_plural(k) && !self.lower(k).ends_with("ous");
        let opens_phrase = left == first
            || !self.is_word(left - 1)
            || self.has(
                left - 1,
                flag::DET | flag::QUANT | flag::PREP | flag::CONNECTOR,
            );
        lowercase_modifier(left)
            && !self.is_source_word(left)
            && !plural(left)
            && opens_phrase
            && lowercase_modifier(j + 1)
            && (self.can_modify(j + 2) || self.doc.tokens[j + 2].capitalized && self.is_word(j + 2))
    }

    /// "families", "men", "doctors" after a determiner or quantifier ("Both
    /// men", "Many doctors"): a plural noun group can speak even when the
    /// lexicon does not list it; so can a singular one ("The airline") when
    /// the cue makes clear that a source stands there.
    fn is_determined_plural(&self, head: usize, b: &Bounds) -> bool {
        let l = self.lower(head);
        let plural = self.looks_plural(head) || self.has(head, flag::IRREGULAR_PLURAL);
        // Past forms and participles are verbs, not heads ("The minister dismissed").
        let verb_like = l.ends_with("ed")
            || l.ends_with("ing")
            || self.is_verb_cue(head)
            || self.has(head, flag::PREP);
        if !(plural || b.any_noun_source)
            || verb_like
            || !self.can_modify(head)
            || self.doc.tokens[head].capitalized
        {
            return false;
        }
        let mut j = head;
        while j > b.first && head - j < 4 {
            j -= 1;
            if self.has(j, flag::DET | flag::QUANT)
                || self.lower(j).chars().all(|c| c.is_ascii_digit())
            {
                return true;
            }
            if !self.can_modify(j) {
                return false;
            }
        }
        false
    }

    /// The noun phrase right before a "by"/"from" that opens `np` ("A
    /// shepherd" in "A shepherd from Kessa").
    fn phrase_before_by_from(&self, np: &NounPhrase, b: &Bounds) -> Option<NounPhrase> {
        if np.first < b.first + 2 || !matches!(self.lower(np.first - 1), "by" | "from") {
            return None;
        }
        self.np_left_simple_no_post(np.first - 1, b, true)
    }

    /// "A shepherd from Kessa": any noun takes the phrase after "by"/"from".
    fn extend_by_from_any(&self, np: NounPhrase, b: &Bounds) -> NounPhrase {
        match self.phrase_before_by_from(&np, b) {
            Some(before) => NounPhrase {
                first: before.first,
                ..np
            },
            None => np,
        }
    }

    /// "An initial report by the office", "Early figures from Nordgrid": a
    /// document or group noun before "by"/"from" takes the phrase after it.
    fn extend_by_from(&self, np: NounPhrase, b: &Bounds) -> NounPhrase {
        match self.phrase_before_by_from(&np, b) {
            Some(before) if self.is_source_word(before.head) => NounPhrase {
                first: before.first,
                head: before.head,
                alt_head: Some(np.head),
                relative: None,
                ..np
            },
            _ => np,
        }
    }

    fn np_with_post_modifier_left(&self, end: usize, b: &Bounds) -> Option<NounPhrase> {
        let from = end.saturating_sub(MAX_NP).max(b.first + 1);
        for j in (from..end).rev() {
            for h in self.hits.at(j) {
                if h.entry != Entry::PostModifier {
                    continue;
                }
                let after = j + h.len;
                let tail = if after < end {
                    self.np_right_simple(after, end)
                } else {
                    None
                };
                if tail.is_some_and(|t| t.end == end) {
                    let mut np = self.np_left_simple_no_post(j, b, true)?;
                    np.end = end;
                    np.tail_end = end;
                    return Some(np);
                }
            }
        }
        self.np_with_prepositional_left(end, b)
    }

    /// "Secretary of State John Kerry", "chief of staff Denis McDonough":
    /// the preposition at `of`, an "of", joins two halves of a title before a name, which
    /// heads the phrase. So does the name in "Mayor of London Sadiq Khan",
    /// but there nothing tells the place from a name, and the title stays.
    fn title_runs_into_name(&self, of: usize, end: usize) -> bool {
        let mut name = end;
        while name > of + 2 && self.is_name_word(name - 1) {
            name -= 1;
        }
        of > 0
            && self.lower(of) == "of"
            && self.has(of - 1, flag::TITLE)
            && name < end
            && (of + 1..name)
                .all(|k| self.is_word(k) && !self.has(k, flag::DET | flag::FUNC | flag::CONNECTOR))
            && !self.is_name_word(name - 1)
    }

    /// "attorneys for the family", "Experts on North Korea and nuclear
    /// nonproliferation", "officials at the agency": a source noun followed
    /// by a prepositional phrase that runs to the cue. The head is the noun
    /// before the preposition, which must be able to speak on its own.
    fn np_with_prepositional_left(&self, end: usize, b: &Bounds) -> Option<NounPhrase> {
        let from = end.saturating_sub(MAX_NP).max(b.first + 1);
        for j in (from..end.saturating_sub(1)).rev() {
            if !matches!(
                self.lower(j),
                "of" | "for" | "at" | "in" | "from" | "on" | "with" | "inside" | "within"
            ) {
                continue;
            }
            if !self.tail_reaches(j + 1, end) || self.title_runs_into_name(j, end) {
                continue;
            }
            let np = self
                .percent_phrase(j - 1, b)
                .or_else(|| self.np_left_simple_no_post(j, b, true))?;
            let plural_noun = self.looks_plural(np.head)
                && !self.is_verb_cue(np.head)
                && !self.has(np.head, flag::PREP | flag::FUNC | flag::ADV);
            // "Mr. Morgan of the Sierra Club": a name speaks too.
            let head_speaks = self.is_source_word(np.head)
                || self.is_percent_sign(np.head)
                || self.has(np.head, flag::TITLE)
                || self.doc.tokens[np.head].capitalized && np.head > np.first
                || plural_noun
                || self.is_determined_plural(np.head, b);
            if !head_speaks || self.has(np.head, flag::PRONOUN) {
                return None;
            }
            return Some(NounPhrase {
                // "About 40 percent of Republicans"
                first: self.approximation_start(np.first, b),
                end,
                tail_end: end,
                ..np
            });
        }
        None
    }

    /// Whether noun phrases, joined by "and"/"or", run from `start` exactly
    /// to `end` ("North Korea and nuclear nonproliferation").
    fn tail_reaches(&self, start: usize, end: usize) -> bool {
        let mut k = start;
        // "in charge of": a bare noun before "of", even a cue word.
        if k + 2 < end && self.is_word(k) && self.lower(k + 1) == "of" {
            k += 2;
        }
        while let Some(np) = self.np_right_simple(k, end) {
            if np.end == end {
                return true;
            }
            // "in charge of the base": a phrase of its own after "of".
            if np.end + 1 < end && self.lower(np.end) == "of" {
                k = np.end + 1;
                continue;
            }
            if np.end + 1 < end && matches!(self.lower(np.end), "and" | "or") {
                k = np.end + 1;
                // "in Virginia and around the country"
                if k + 1 < end && self.has(k, flag::PREP) {
                    k += 1;
                }
                continue;
            }
            return false;
        }
        false
    }

    /// A plain noun phrase ending before `end`; `any_head` accepts any noun
    /// as its head ("a person" in "a person familiar with the talks").
    fn np_left_simple_no_post(&self, end: usize, b: &Bounds, any_head: bool) -> Option<NounPhrase> {
        let last = end.checked_sub(1)?;
        let head_ok = self.can_head_source(last) || (any_head && self.can_modify(last));
        if last < b.first || !head_ok {
            return None;
        }
        let mut first = last;
        while first > b.first && end - first < MAX_NP {
            let j = first - 1;
            if self.has(j, flag::DET) && !self.has(j, flag::PRONOUN) {
                first = j;
                break;
            }
            // "chief of staff", "the mayor's chief": "of" after a title, possessives.
            let of_title = self.lower(j) == "of" && j > b.first && self.has(j - 1, flag::TITLE);
            if of_title || self.is_possessive(j) && j > b.first && self.is_word(j - 1) {
                first = j;
                continue;
            }
            if self.can_modify(j) {
                first = j;
                continue;
            }
            break;
        }
        Some(NounPhrase::new(first, last, end))
    }

    /// The noun phrase that starts at `start` (within `[start, limit)`).
    pub fn np_right_simple(&self, start: usize, limit: usize) -> Option<NounPhrase> {
        if start >= limit || !self.is_word(start) {
            return None;
        }
        // "her budget speech": a possessive pronoun before a noun is a determiner.
        // ("one unaligned strategist": so is "one", a pronoun alone.)
        let determiner_pronoun = (self.has(start, flag::DET) || self.lower(start) == "one")
            && start + 1 < limit
            && (self.is_word(start + 1) && self.can_modify(start + 1)
                || self.quoted_modifier(start + 1).is_some());
        if self.has(start, flag::PRONOUN) && !determiner_pronoun {
            return Some(NounPhrase::word(start));
        }
        let mut i = start;
        if self.has(i, flag::DET) || determiner_pronoun {
            i += 1;
        }
        let mut head = None;
        while i < limit && i - start < MAX_NP {
            if self.is_possessive(i) && head.is_some() {
                i += 1;
                continue;
            }
            if head.is_some() && self.joins_names(i) && i + 1 < limit {
                i += 1;
                continue;
            }
            if i > start
                && let Some(close) = self.quoted_modifier(i)
                && close + 1 < limit
            {
                i = close + 1;
                continue;
            }
            if !self.is_word(i) {
                break;
            }
            if self.has_entry(i, Entry::PostModifier) && head.is_some() {
                let len = self
                    .hits
                    .at(i)
                    .iter()
                    .filter(|h| h.entry == Entry::PostModifier)
                    .map(|h| h.len)
                    .max()
                    .unwrap_or(1);
                if let Some(tail) = self.np_right_simple(i + len, limit) {
                    return Some(NounPhrase::new(start, head.unwrap_or(start), tail.end));
                }
                break;
            }
            let t = &self.doc.tokens[i];
            let l = self.lower(i);
            if i > start && head == Some(i - 1) && self.coordinates_modifiers(i, start, limit) {
                i += 1;
                continue;
            }
            if (l == "of" || l == "and" || l == "&") && head.is_some() && i + 1 < limit {
                let next = &self.doc.tokens[i + 1];
                if next.capitalized || self.has(i + 1, flag::DET) && l == "of" {
                    i += 1;
                    continue;
                }
                break;
            }
            if self.has(i, flag::DET) && l != "that" && head.is_some() && self.lower(i - 1) == "of"
            {
                i += 1;
                continue;
            }
            let ok = if t.capitalized {
                !self.has(i, flag::FUNC | flag::CONNECTOR | flag::PRONOUN | flag::AUX)
            } else {
                let noun_follows = i + 1 < limit
                    && self.is_word(i + 1)
                    && !self.has(i + 1, flag::FUNC | flag::DET | flag::AUX | flag::ADV);
                // A cue word used as a modifier ("state media") needs a noun
                // after it; between two names it is their verb ("Ms. Khan
                // said Mr. Trump was", "Cacheris said Romania's ministry").
                let between_names = noun_follows
                    && head.is_some_and(|h| self.doc.tokens[h].capitalized)
                    && self.doc.tokens[i + 1].capitalized;
                // Right after a determiner a cue word is a noun ("told the
                // show", "in a statement"), as `cue_reading` takes it.
                let after_determiner = head.is_none() && i == start + 1;
                let modifier = self.can_modify(i)
                    || ((noun_follows && !between_names || after_determiner)
                        && self.is_verb_cue(i)
                        && !self.has(i, flag::FUNC | flag::AUX | flag::DET | flag::PRONOUN));
                // A verb's past or an adverb ends the phrase ("Hillary
                // Clinton immediately posted").
                // (Asked last: most words are no modifier after a head.)
                let verb_or_adverb =
                    || l.ends_with("ed") || self.is_ly_adverb(i) || self.is_past_verb(i);
                modifier && !(head.is_some() && verb_or_adverb())
            };
            if !ok {
                break;
            }
            head = Some(i);
            i += 1;
        }
        let head = head?;
        Some(NounPhrase::new(start, head, head + 1))
    }

    /// Where a sentence's own text starts: after a wire credit
    /// ("HALVIK (Nordpress) - The government ...").
    fn after_wire_credit(&self, b: &Bounds) -> usize {
        self.after_dateline(b.first, b.end)
    }

    /// Where the text of the sentence `first..end` starts: after a wire
    /// credit ("HALVIK (Nordpress) - The government ...") or a dateline in
    /// capitals ("PHILADELPHIA — The committee ...", "MANCHESTER, N.H. -"),
    /// which name a place, never a speaker.
    pub(crate) fn after_dateline(&self, first: usize, end: usize) -> usize {
        let limit = end.min(first + 12);
        let capitals = |k: usize| {
            let text = self.doc.token_text(k);
            text.chars().any(char::is_alphabetic) && !text.chars().any(char::is_lowercase)
        };
        // (A first word with a lowercase letter, as in nearly every
        // sentence, ends the test at once.)
        let mut in_capitals = self.is_word(first) && capitals(first);
        for k in first + 1..limit {
            let is_dash = self.has(k, flag::CUE)
                && self
                    .cue_hits(k)
                    .any(|(r, _)| self.rules.cues[r].class == CueClass::Dash);
            if is_dash && (in_capitals || self.is_punct(k - 1, ")")) {
                return k + 1;
            }
            in_capitals = in_capitals
                && if self.is_word(k) {
                    capitals(k)
                } else {
                    self.is_punct(k, ",.")
                };
        }
        first
    }

    /// The first word of a sentence whose quotation opens at `open` after
    /// words of the author's own ("The summit accomplished “too little”"):
    /// those words are part of what the quotation's speaker is reported to
    /// say, unless they hold a cue or another quotation mark of their own.
    fn mixed_quote_lead(&self, b: &Bounds, open: usize) -> Option<usize> {
        let mut lead = self.after_wire_credit(b);
        while lead < open && !self.is_word(lead) {
            lead += 1;
        }
        let own_words = (lead..open).any(|k| self.is_word(k))
            && (lead..open).all(|k| {
                !self.has(k, flag::CUE) && !self.doc.tokens[k].is_quote() && !self.is_punct(k, ":")
            });
        (lead < open && own_words).then_some(lead)
    }

    /// A content on the left of its cue ends before a clause that is itself
    /// a trailing attribution: ", the Courier reported" in "X, the Courier
    /// reported, citing Y".
    fn before_trailing_attribution(&self, first: usize, end: usize) -> usize {
        let stop = end.saturating_sub(10).max(first);
        let Some(comma) = (stop..end).rev().find(|&k| self.is_punct(k, ",")) else {
            return end;
        };
        let clause = comma + 1..end;
        let has_verb_cue = clause.clone().any(|k| self.is_verb_cue(k));
        let ends_in_comma = end > 0 && self.is_punct(end - 1, ",");
        if comma > first && has_verb_cue && !ends_in_comma {
            comma
        } else {
            end
        }
    }

    /// After a source to the right of its cue, a relative clause between
    /// commas is skipped ("Marta Ekholm, who chairs the council,") and an
    /// appositive is kept ("Anton Mirel, the regional fire chief,"). Returns
    /// the phrase and where matching goes on (at the closing comma).
    fn after_source_right(
        &self,
        mut np: NounPhrase,
        b: &Bounds,
        last_slot: bool,
    ) -> (NounPhrase, usize) {
        // "said Rep. Joseph Crowley (D-N.Y.)": a bracketed tag after a name
        // belongs to it.
        if self.doc.tokens[np.head].capitalized
            && let Some(close) = self.party_tag_starting_at(np.end, b.end)
        {
            np.end = close + 1;
            np.tail_end = close + 1;
        }
        let end = np.end;
        // "said Sen. Jim Whelan who represents Atlantic City": a relative
        // clause without its comma, to the clause end, goes with the source
        // as after a comma.
        if last_slot && end + 1 < b.end && matches!(self.lower(end), "who" | "whose") {
            let close = (end + 1..b.end)
                .find(|&k| self.is_punct(k, ",;:") || self.doc.tokens[k].is_quote())
                .unwrap_or(b.end);
            let last = (end..close).rev().find(|&k| self.is_word(k)).unwrap_or(end);
            self.attach_relative(&mut np, end, last + 1);
            return (np, last + 1);
        }
        if end + 1 >= b.end || !self.is_punct(end, ",") {
            return (np, end);
        }
        let close = (end + 1..b.end.min(end + 1 + MAX_CLAUSE)).find(|&k| self.is_punct(k, ","));
        let Some(close) = close else {
            // "..., said Marta Ekholm, who chairs the council." and "...,
            // said Rep. Crowley, a leading advocate for human rights.": a
            // relative clause or an appositive to the end of the sentence
            // still belongs to the source.
            let last = (end + 1..b.end)
                .rev()
                .find(|&k| self.is_word(k))
                .unwrap_or(end);
            if self.has(end + 1, flag::REL) {
                self.attach_relative(&mut np, end + 1, last + 1);
                return (np, last + 1);
            }
            if last_slot && self.appositive_to_end(end + 1, last + 1) {
                np.alt_head = self.np_right_simple(end + 1, last + 1).map(|a| a.head);
                np.end = last + 1;
                np.tail_end = last + 1;
                return (np, last + 1);
            }
            return (np, end);
        };
        if self.has(end + 1, flag::REL) {
            self.attach_relative(&mut np, end + 1, close);
            return (np, close);
        }
        let appositive = self.np_right_simple(end + 1, close);
        let starts_like_apposition =
            self.has(end + 1, flag::DET | flag::TITLE) || self.doc.tokens[end + 1].capitalized;
        match appositive {
            Some(a) if a.end == close && starts_like_apposition => {
                np.alt_head = Some(a.head);
                np.end = close;
                np.tail_end = close;
                (np, close)
            }
            _ => (np, end),
        }
    }

    /// Where the written subject of a relative pronoun at `j` starts (its
    /// antecedent ends there): "many of whom" reaches back to its
    /// quantifier.
    fn relative_subject(&self, j: usize, first: usize) -> usize {
        if self.lower(j) == "whom"
            && j >= first + 2
            && self.lower(j - 1) == "of"
            && self.has(j - 2, flag::QUANT)
        {
            return if j >= first + 3 && self.has(j - 3, flag::QUANT) {
                j - 3
            } else {
                j - 2
            };
        }
        j
    }

    /// The closing bracket of a party or state tag opening at `open`
    /// ("(D-N.Y.)", "(R)"): a few words, every one capitalised. A
    /// parenthetical remark ("(a view echoed by others)") is none.
    fn party_tag_starting_at(&self, open: usize, limit: usize) -> Option<usize> {
        if open >= limit || !self.is_punct(open, "(") {
            return None;
        }
        let close = (open + 1..limit.min(open + 8)).find(|&k| self.is_punct(k, ")"))?;
        self.is_party_tag(open, close).then_some(close)
    }

    /// The opening bracket of a party tag that closes at `close`.
    fn party_tag_ending_at(&self, close: usize, first: usize) -> Option<usize> {
        if !self.is_punct(close, ")") {
            return None;
        }
        let from = close.saturating_sub(7).max(first);
        let open = (from..close).rev().find(|&k| self.is_punct(k, "("))?;
        self.is_party_tag(open, close).then_some(open)
    }

    fn is_party_tag(&self, open: usize, close: usize) -> bool {
        let mut words = (open + 1..close).filter(|&k| self.is_word(k)).peekable();
        words.peek().is_some()
            && words.all(|k| self.doc.tokens[k].capitalized)
            && (open + 1..close).all(|k| self.is_word(k) || self.is_punct(k, "-–.,"))
    }

    /// Whether `[start, end)` reads as an appositive that ends the
    /// sentence: it opens like a noun phrase ("a", "head of", a name) and
    /// holds no clause of its own (no cue, verb-like word or quotation).
    fn appositive_to_end(&self, start: usize, end: usize) -> bool {
        if start >= end || end - start > MAX_CLAUSE {
            return false;
        }
        let opens = self.has(start, flag::DET | flag::TITLE)
            && !self.has(start, flag::PRONOUN)
            && self.lower(start) != "that";
        opens
            && (start..end).all(|k| {
                !self.doc.tokens[k].is_quote()
                    && !self.is_verb_cue(k)
                    && !self.has(k, flag::AUX | flag::REL)
                    && !self.is_punct(k, ";:")
            })
    }

    fn np_right(&self, start: usize, limit: usize, b: &Bounds) -> Option<NounPhrase> {
        // "said that parents …": "that" opens a reported clause, not a source.
        if start < limit && self.lower(start) == "that" {
            return None;
        }
        let mut np = self.np_right_simple(start, limit)?;
        // ("HuffPost Pollster's polling average": a possessive determines.)
        let determined = np.head > np.first
            && (self.has(np.first, flag::DET | flag::QUANT)
                || (np.first..np.head).any(|k| self.is_possessive(k)));
        // "according to federal statistics", "according to new research":
        // after a preposition cue a noun needs no determiner.
        let bare = b.prep_cue && !self.is_verb_cue(np.head);
        let any_noun =
            b.any_noun_source && (determined || bare || self.doc.tokens[np.head].capitalized);
        if !self.can_head_source(np.head) && !any_noun {
            return None;
        }
        // "a new report by Politico", "attorneys for the family": a
        // prepositional phrase running to the clause end belongs to the source.
        let k = np.end;
        // After "according to", "in" joins too ("the officer in charge of
        // the base", "a report in the Des Moines Register"): in PolNeAR's
        // gold its phrase is the source's nearly always (15 of 16 in train).
        let joins = |k: usize| {
            matches!(self.lower(k), "by" | "from" | "of" | "for" | "at" | "with")
                || b.prep_cue && self.lower(k) == "in" && !self.is_date_word(k + 1)
        };
        if k + 1 < limit
            && joins(k)
            && let Some(stop) = (k + 1..limit).find(|&j| self.at_clause_end(j, limit))
            && stop > k + 1
            && self.tail_reaches(k + 1, stop)
        {
            np.end = stop;
            np.tail_end = stop;
        }
        if b.prep_cue
            && let Some(stop) = self.prep_source_end(np.end, limit)
        {
            np.end = stop;
            np.tail_end = stop;
        }
        Some(np)
    }

    /// "according to early results of the exit poll conducted by Edison
    /// Research for the AP, …", "according to a study last year by
    /// economists at Duke": after a preposition cue the source runs on from
    /// `end` to the clause's end, over participles and adjuncts, but not
    /// into a clause of its own nor over a date ("as reported by the Ledger
    /// on Tuesday"). `None` when it does not run on.
    fn prep_source_end(&self, end: usize, limit: usize) -> Option<usize> {
        // A date after a participle dates it, and is the source's ("a poll
        // conducted in February").
        let dated = |j: usize| {
            self.has(j, flag::PREP)
                && j + 1 < limit
                && self.is_date_word(j + 1)
                && !(j > end && self.is_participle(j - 1))
        };
        // ("Turkish media reports that …": "that" opens a reported clause.)
        let mut stop = (end..limit).find(|&j| {
            self.at_clause_end(j, limit)
                || self.is_punct(j, ",;:()")
                || self.doc.tokens[j].is_quote()
                || dated(j)
                || self.lower(j) == "that"
        })?;
        // A relative clause describes the source ("the police who killed
        // him") unless it holds a cue of its own ("reports which indicate
        // that …"): what follows its pronoun is not tested.
        let relative = (end..stop).find(|&j| self.has(j, flag::REL));
        if let Some(rel) = relative
            && (rel..stop).any(|j| self.is_verb_cue(j))
        {
            stop = rel;
        }
        let plain = (end..relative.unwrap_or(stop)).all(|j| {
            self.is_word(j)
                && !self.has(j, flag::AUX | flag::PRONOUN)
                && !self.is_finite_verb_cue(j)
        });
        (stop > end && plain).then_some(stop)
    }

    // ----- other slots --------------------------------------------------

    /// Addressee and adjunct phrases between a cue and its content: "told
    /// the meeting", "said in a statement on Tuesday". Adjuncts are taken
    /// only when "that", a comma or the clause end follows, so that "said at
    /// least ten people died" keeps its content whole.
    fn object_right(&self, start: usize, limit: usize, takes_object: bool) -> Option<usize> {
        let mut i = start;
        // "warned that prices ...": "that" opens the content, not an addressee.
        let opens_content = i < limit && self.lower(i) == "that";
        if takes_object
            && !opens_content
            && let Some(np) = self.np_right_simple(i, limit)
        {
            i = np.end;
        }
        let after_object = i;
        let mut j = i;
        // "says of Clinton, “…”": the topic right after the verb is an
        // adjunct too ("of" is no preposition in the word lists, which need
        // it free for dates and noun phrases).
        let opens_with_topic = i == start && i < limit && self.lower(i) == "of";
        while j < limit && j - start < MAX_NP {
            let topic = j == start && opens_with_topic;
            // "told state delegates recently", "said recently that": an
            // adverb is an adjunct.
            if self.has(j, flag::ADV)
                && !self.has(j, flag::PREP | flag::NEG)
                && self.lower(j).ends_with("ly")
            {
                j += 1;
                continue;
            }
            if (topic || self.has(j, flag::PREP | flag::TIME)) && self.is_word(j) {
                let mut k = j + 1;
                if self.has(j, flag::TIME) && !self.has(j, flag::PREP) {
                    j = k;
                    continue;
                }
                if let Some(np) = self.np_right_simple(k, limit) {
                    k = np.end;
                    // "in a statement issued on Monday": a participle after the
                    // phrase opens another adjunct.
                    if k < limit && self.lower(k).ends_with("ed") && !self.is_verb_cue(k) {
                        k += 1;
                    }
                } else if k < limit && self.has(k, flag::TIME) {
                    k += 1;
                } else if !self.has(j, flag::ADV) {
                    // "said later that": "later" and "earlier" stand alone.
                    break;
                }
                j = k;
                continue;
            }
            break;
        }
        // "told reporters on Monday he would veto it": a subject pronoun
        // cannot belong to the adjunct, so the reported clause opens there.
        // After a topic it opens a relative clause ("complained of the
        // imbalance he sees"): there the content needs its comma or "that".
        let ends_clause = j >= limit
            || self.lower(j) == "that"
            || !opens_with_topic && self.is_subject_pronoun(j)
            || self.is_punct(j, ",;:.!?—–")
            || self.doc.tokens[j].is_quote();
        let end = if j > after_object && ends_clause {
            j
        } else {
            after_object
        };
        (end > start).then_some(end)
    }

    /// Whether the sentence is a title-case headline: at least four words
    /// of four letters or more, nearly all capitalised.
    fn is_title_case(&self, b: &Bounds) -> bool {
        *b.title_case
            .get_or_init(|| self.title_case(b.first, b.sentence_end))
    }

    fn title_case(&self, first: usize, end: usize) -> bool {
        let (mut long, mut capitalised) = (0, 0);
        // Counted without branches: whether a word has four letters varies
        // from token to token.
        for t in &self.doc.tokens[first..end] {
            let long_word = t.is_word() & (t.span().len() >= 4);
            long += usize::from(long_word);
            capitalised += usize::from(long_word & t.capitalized);
        }
        long >= 4 && capitalised * 10 >= long * 9
    }

    /// Whether a new attribution starts at `i`, which ends the content
    /// before it: a coordinated reporting verb ("... and said", "but
    /// added"), or a clause of its own after a comma or semicolon ("..., but
    /// he said", "; officials say").
    fn opens_next_attribution(&self, i: usize, limit: usize) -> bool {
        let mut k = i;
        let punct = self.is_punct(k, ",;");
        if punct {
            k += 1;
        }
        let coordinator = k < limit && self.is_coordinator(k);
        if !punct && !coordinator {
            return false;
        }
        if coordinator {
            k += 1;
        }
        // "and said", "but also told": a finite verb with no subject of its own.
        let mut v = k;
        while v < limit && self.has(v, flag::ADV | flag::AUX) && !self.has(v, flag::PRONOUN) {
            v += 1;
        }
        if coordinator && v < limit && self.is_finite_verb_cue(v) {
            return true;
        }
        // Without a comma only "and"/"but" join clauses ("… and Trump says
        // …"), and a name right after another is a coordinated subject
        // ("Smith and Jones agreed").
        let bare_and = !punct && coordinator && matches!(self.lower(i), "and" | "but");
        if !punct && !bare_and {
            return false;
        }
        let after_name = i > 0 && self.doc.tokens[i - 1].capitalized;
        // ", but he said", "; the officials added": subject, then the verb.
        let stop = (k + MAX_NP).min(limit);
        let mut j = k;
        while j < stop && self.is_word(j) && !self.is_finite_verb_cue(j) {
            j += 1;
        }
        if j == k || j >= stop || !self.is_finite_verb_cue(j) {
            return false;
        }
        let subject_end = self.cue_left_extension(j, k).0;
        // ("…, and other GOP leaders said", "…, and one in four said": a
        // determined phrase or a number speaks too.)
        subject_end > k
            && self
                .subject_run(subject_end, &Bounds::plain(k, limit), false)
                .is_some_and(|np| {
                    np.first == k
                        && (self.has(np.head, flag::PRONOUN)
                            || self.doc.tokens[np.head].capitalized && !(bare_and && after_name)
                            || self.is_source_word(np.head)
                            || self.has(np.first, flag::DET | flag::QUANT)
                            || self.starts_with_digit(np.first))
                })
    }

    /// A speaker before a colon: a short name, every word capitalised, no
    /// line label ("Update:", "Editor's note:") and no pronoun.
    fn speaker_like(&self, np: &NounPhrase) -> bool {
        np.end - np.first <= 4
            && (np.first..np.end).all(|k| {
                !self.is_word(k)
                    || self.doc.tokens[k].capitalized
                        && !self.has(k, flag::LABEL | flag::PRONOUN)
                        && !self.is_verb_cue(k)
            })
    }

    /// A verb cue that can head a clause: not a participle ("saying") or
    /// an infinitive.
    fn is_finite_verb_cue(&self, i: usize) -> bool {
        self.is_verb_cue(i)
            && !self.lower(i).ends_with("ing")
            && !(i > 0 && self.lower(i - 1) == "to")
    }

    fn at_clause_end(&self, i: usize, limit: usize) -> bool {
        if i >= limit {
            return true;
        }
        let t = &self.doc.tokens[i];
        if t.kind == TokenKind::CloseQuote {
            return true;
        }
        // A line break ends a line of its own ("“…” ― Ana Ruiz" above the next quote).
        if i > 0 {
            let gap = &self.doc.text[self.doc.tokens[i - 1].span().end..t.span().start];
            if gap.contains('\n') {
                return true;
            }
        }
        // "said Mr. Burman (a view echoed by others).": a closing
        // parenthetical remark.
        if self.is_punct(i, "(")
            && let Some(close) = (i + 1..limit).find(|&k| self.is_punct(k, ")"))
        {
            return (close + 1..limit).all(|k| !self.is_word(k));
        }
        self.is_punct(i, ",;:.!?—–)") || (i..limit).all(|k| !self.is_word(k))
    }

    /// What may follow a trailing cue before the sentence ends: an adjunct
    /// of time, place or occasion ("said on CNN's “State of the Union.”",
    /// "said after reading the outline", "told reporters then"), with no
    /// reported clause of its own ("that ...").
    fn trailing_adjunct(&self, start: usize, limit: usize) -> bool {
        if start >= limit || !self.is_word(start) {
            return false;
        }
        let word = self.lower(start);
        let opens = if matches!(word, "to" | "for" | "of" | "about") {
            // These open a reported clause or a complement ("said to
            // expect delays"), except before a noun phrase ("said of the
            // claim", "said to an enormous cheer"), and not as a longer
            // cue's own word ("pointed to China").
            let in_longer_cue = (start.saturating_sub(3)..start).any(|k| {
                self.has(k, flag::CUE) && self.cue_hits(k).any(|(_, len)| k + len > start)
            });
            start + 1 < limit
                && (self.has(start + 1, flag::DET) || self.doc.tokens[start + 1].capitalized)
                && !in_longer_cue
        } else {
            self.has(start, flag::PREP | flag::TIME)
                || matches!(word, "after" | "before" | "while" | "when" | "as" | "then")
        };
        if !opens {
            return false;
        }
        let own = self.participial_clause_from(start, limit);
        !(start..own).any(|k| self.lower(k) == "that" && self.is_word(k))
    }

    /// Where a participial clause after a comma opens, an attribution of
    /// its own ("said in making his announcement, noting that ...", "told
    /// “Fox and Friends,” reminding ..."), or `limit`.
    fn participial_clause_from(&self, start: usize, limit: usize) -> usize {
        (start..limit)
            .find(|&k| {
                if !self.is_punct(k, ",") {
                    return false;
                }
                let next = k
                    + 1
                    + usize::from(
                        k + 1 < limit && self.doc.tokens[k + 1].kind == TokenKind::CloseQuote,
                    );
                next < limit && self.is_word(next) && self.lower(next).ends_with("ing")
            })
            .unwrap_or(limit)
    }

    /// After a quotation, the rest of a sentence after a verb that takes
    /// an addressee is the addressee and its adjuncts, however long ("told
    /// a crowd of 1,300 here on Tuesday after she took the stage", "told
    /// ''Inside Edition'' after the confrontation"): the quotation is the
    /// content, so long as no reported clause opens there ("that", or a
    /// subject pronoun: "told reporters he would veto it").
    fn addressee_tail(&self, start: usize, limit: usize) -> bool {
        let own = self.participial_clause_from(start, limit);
        let subordinate = |k: usize| {
            matches!(
                self.lower(k),
                "after" | "before" | "as" | "when" | "while" | "because" | "since" | "if" | "until"
            )
        };
        (start..own).all(|k| {
            !self.is_word(k)
                || self.lower(k) != "that" && (!self.is_subject_pronoun(k) || subordinate(k - 1))
        })
    }

    /// "said in posing the question", "said after meeting him": a
    /// preposition of time or manner and a gerund open an adjunct, never a
    /// reported clause ("will insist on being" is the verb's complement).
    fn gerund_adjunct(&self, start: usize, limit: usize) -> bool {
        start + 1 < limit
            && matches!(
                self.lower(start),
                "in" | "after" | "before" | "while" | "when" | "upon"
            )
            && self.is_word(start + 1)
            && !self.doc.tokens[start + 1].capitalized
            && self.lower(start + 1).ends_with("ing")
    }

    fn at_sentence_start(&self, first: usize, end: usize) -> bool {
        (first..end)
            .all(|k| !self.is_word(k) || self.has(k, flag::CONNECTOR) || self.lower(k) == "however")
    }

    // ----- pattern matching ----------------------------------------------

    fn literal_left(&self, alts: &[Vec<String>], end: usize, b: &Bounds) -> Option<usize> {
        alts.iter().find_map(|alt| {
            let n = alt.len();
            if end < b.first + n {
                return None;
            }
            let start = end - n;
            alt.iter()
                .enumerate()
                .all(|(k, w)| self.lower(start + k) == w)
                .then_some(start)
        })
    }

    fn literal_right(&self, alts: &[Vec<String>], start: usize, b: &Bounds) -> Option<usize> {
        alts.iter().find_map(|alt| {
            let n = alt.len();
            if start + n > b.end {
                return None;
            }
            alt.iter()
                .enumerate()
                .all(|(k, w)| self.lower(start + k) == w)
                .then_some(start + n)
        })
    }

    fn match_left(
        &self,
        elements: &[Element],
        mut end: usize,
        b: &Bounds,
        caps: &mut Vec<Capture>,
    ) -> Option<usize> {
        for e in elements {
            end = match e {
                Element::Literal(alts) => self.literal_left(alts, end, b)?,
                Element::Optional(inner) => {
                    // Captures of a failed optional part are dropped again.
                    let mark = caps.len();
                    match self.match_left(inner, end, b, caps) {
                        Some(e2) => e2,
                        None => {
                            caps.truncate(mark);
                            end
                        }
                    }
                }
                Element::Start => {
                    if !self.at_sentence_start(b.first, end) {
                        return None;
                    }
                    end
                }
                Element::End => return None,
                Element::Slot { role, classes } => {
                    let (first, slot_end, np, quote) = self.slot_left(*role, classes, end, b)?;
                    caps.push(Capture {
                        role: *role,
                        first,
                        end: slot_end,
                        np,
                        quote,
                    });
                    first
                }
            };
        }
        Some(end)
    }

    fn slot_left(
        &self,
        role: SlotRole,
        classes: &[String],
        end: usize,
        b: &Bounds,
    ) -> Option<(usize, usize, Option<NounPhrase>, Option<usize>)> {
        match role {
            SlotRole::Source => {
                let np = if end == b.subject_end {
                    b.subject[usize::from(b.any_noun_source)]
                        .get_or_init(|| {
                            self.np_left(end, b)
                                .map(|np| self.joined_subject(np, b))
                                .or_else(|| self.coordinated_subject(end, b))
                        })
                        .clone()?
                } else {
                    self.np_left(end, b)?
                };
                if !self.source_class_ok(&np, classes) {
                    return None;
                }
                Some((np.first, end, Some(np), None))
            }
            SlotRole::Content if classes.iter().any(|c| c == "np") => {
                let np = self
                    .np_left_simple_no_post(end, b, true)
                    .map(|np| self.extend_by_from_any(np, b))
                    .or_else(|| {
                        let last = end.checked_sub(1)?;
                        self.is_word(last).then_some(NounPhrase::word(last))
                    })?;
                Some((np.first, end, None, None))
            }
            SlotRole::Content => {
                let mut first = self.after_wire_credit(b);
                while first < end && !self.is_word(first) && !self.doc.tokens[first].is_quote() {
                    first += 1;
                }
                // "told BFM TV that “the driver fired, according to the
                // police”": inside a quotation the content opens with it.
                if let Some(last) = end.checked_sub(1).filter(|&l| l > first)
                    && let Some(q) = self.doc.in_quote(last)
                    && let open = self.doc.quotes[q as usize].open
                    && open >= first
                {
                    first = open + 1;
                }
                // "X, the Courier reported, citing Y": the content is X.
                // But "“X,” Walker said, according to an AP account": the
                // account reports that Walker said it, and PolNeAR marks
                // the whole clause its content.
                let end = if b.prep_cue && !b.citing_cue {
                    end
                } else {
                    self.before_trailing_attribution(first, end)
                };
                ((first..end).any(|k| self.is_word(k))).then_some((first, end, None, None))
            }
            SlotRole::Quote => {
                let close = end.checked_sub(1)?;
                if close < b.first || self.doc.tokens[close].kind != TokenKind::CloseQuote {
                    return None;
                }
                let q = self
                    .doc
                    .quote_of_mark(close)
                    .map(|q| q as usize)
                    .filter(|&q| self.doc.quotes[q].close == Some(close))?;
                let open = self.doc.quotes[q].open.max(b.first);
                Some((open, end, None, Some(q)))
            }
            SlotRole::Dateline => {
                let mut first = end;
                while first > b.first
                    && (self.doc.tokens[first - 1].capitalized || self.is_punct(first - 1, ",/"))
                {
                    first -= 1;
                }
                (first < end).then_some((first, end, None, None))
            }
            SlotRole::Object | SlotRole::Cue => None,
        }
    }

    fn match_right(
        &self,
        elements: &[Element],
        mut start: usize,
        b: &Bounds,
        takes_object: bool,
        caps: &mut Vec<Capture>,
    ) -> Option<usize> {
        for (index, e) in elements.iter().enumerate() {
            start = match e {
                Element::Literal(alts) => self.literal_right(alts, start, b)?,
                Element::Optional(inner) => {
                    // Captures of a failed optional part are dropped again.
                    let mark = caps.len();
                    match self.match_right(inner, start, b, takes_object, caps) {
                        Some(s2) => s2,
                        None => {
                            caps.truncate(mark);
                            start
                        }
                    }
                }
                Element::End => {
                    // The adjunct is asked only where the clause goes on.
                    let ends = self.at_clause_end(start, b.end)
                        || (b.quote_before_cue.get() || self.gerund_adjunct(start, b.end))
                            && self.trailing_adjunct(start, b.end)
                        || takes_object
                            && b.quote_before_cue.get()
                            && self.addressee_tail(start, b.end);
                    if !ends {
                        return None;
                    }
                    start
                }
                Element::Start => return None,
                Element::Slot { role, classes } => {
                    // Only a source that ends the pattern may take an
                    // appositive to the sentence end ("said Crowley, a
                    // leading advocate"): before a content, that is the content.
                    let last = !elements[index + 1..].iter().any(Element::has_text_slot);
                    let (end, np, quote) =
                        self.slot_right(*role, classes, start, b, takes_object, last)?;
                    caps.push(Capture {
                        role: *role,
                        first: start,
                        end,
                        np,
                        quote,
                    });
                    end
                }
            };
        }
        Some(start)
    }

    fn slot_right(
        &self,
        role: SlotRole,
        classes: &[String],
        start: usize,
        b: &Bounds,
        takes_object: bool,
        last: bool,
    ) -> Option<(usize, Option<NounPhrase>, Option<usize>)> {
        match role {
            SlotRole::Source => {
                let np = self.np_right(start, b.end, b)?;
                if !self.source_class_ok(&np, classes) {
                    return None;
                }
                let (np, end) = self.after_source_right(np, b, last);
                Some((end, Some(np), None))
            }
            SlotRole::Content => {
                // `{content:that}`: the content must open with that word.
                if let Some(word) = classes.first()
                    && (start >= b.end || self.lower(start) != word)
                {
                    return None;
                }
                // A sentence end after an adjunct ("believe in the devil.")
                // leaves nothing to report in this sentence.
                if start < b.end && self.is_punct(start, ".!?") {
                    return None;
                }
                let limit = b.end.min(start + MAX_CONTENT);
                // "75 percent said yes", "half said so in the earlier poll":
                // an answer of one word is the whole content.
                if let Some(end) = self.one_word_answer(start, b.end) {
                    return Some((end, None, None));
                }
                let end = self.content_right(start, limit, b)?;
                // A reported clause has at least two words and does not open
                // with a preposition ("Rain forecast for Wednesday ...").
                let two_words = (start..end).filter(|&k| self.is_word(k)).nth(1).is_some();
                // ("this" is a preposition only for "this week": "said this
                // is bad" opens with a determiner.)
                let opens_with_preposition = start < end
                    && self.has(start, flag::PREP)
                    && !self.has(start, flag::DET)
                    && !classes.iter().any(|c| c == self.lower(start))
                    && self.lower(start) != "to";
                (two_words && !opens_with_preposition).then_some((end, None, None))
            }
            SlotRole::Quote => {
                if start >= b.end || self.doc.tokens[start].kind != TokenKind::OpenQuote {
                    return None;
                }
                let q = self
                    .doc
                    .quote_of_mark(start)
                    .map(|q| q as usize)
                    .filter(|&q| self.doc.quotes[q].open == start)?;
                let end = match self.doc.quotes[q].close {
                    Some(c) if c < b.end => c + 1,
                    _ => b.end,
                };
                Some((end, None, Some(q)))
            }
            SlotRole::Object => {
                let end = self.object_right(start, b.end, takes_object)?;
                Some((end, None, None))
            }
            SlotRole::Dateline | SlotRole::Cue => None,
        }
    }

    /// The end of "yes", "no" or "so" at `start` when it is all that was
    /// said: the clause or sentence ends after it, or a preposition or a
    /// time follows ("said so in December"), not a noun ("said no one").
    fn one_word_answer(&self, start: usize, end: usize) -> Option<usize> {
        if start >= end || !matches!(self.lower(start), "yes" | "no" | "so") {
            return None;
        }
        let next = start + 1;
        let answer = next >= end
            || !self.is_word(next) && !self.doc.tokens[next].is_quote()
            || self.lower(start) == "so"
                && self.has(next, flag::PREP | flag::TIME)
                && !matches!(self.lower(next), "that" | "far" | "much" | "as");
        answer.then_some(next)
    }

    fn source_class_ok(&self, np: &NounPhrase, classes: &[String]) -> bool {
        classes.is_empty()
            || classes.iter().any(|c| match c.as_str() {
                "pronoun" => self.has(np.head, flag::PRONOUN),
                "name" => self.doc.tokens[np.head].capitalized,
                _ => true,
            })
    }

    /// Auxiliaries and adverbs right before a cue ("has also said"): the
    /// auxiliaries join the cue, the adverbs are skipped. Returns where the
    /// subject must end and the auxiliaries, nearest first.
    fn cue_left_extension(&self, cue: usize, first: usize) -> (usize, Vec<usize>) {
        let mut start = cue;
        let mut aux = Vec::new();
        while start > first {
            let j = start - 1;
            if !self.is_word(j) {
                break;
            }
            if self.has(j, flag::AUX) {
                aux.push(j);
                start = j;
            } else if self.has(j, flag::ADV) && self.lower(j) != "that"
                // "Carter however said": a sentence adverb without its commas.
                || matches!(self.lower(j), "however" | "meanwhile") && j > first
                // "He actually said": any lowercase adverb in "-ly".
                || !self.doc.tokens[j].capitalized && self.is_ly_adverb(j)
            {
                start = j;
            } else {
                break;
            }
        }
        // `start` is where the subject ends: adverbs are skipped there but are
        // not part of the cue's spans, which are the auxiliaries and the cue.
        (start, aux)
    }

    /// The end of a time or occasion adjunct right after a cue: "Friday",
    /// "on Tuesday", "in a statement", "in an interview with CNN" is not
    /// taken (its object names a party), only the occasion itself.
    fn cue_adjunct_end(&self, at: usize, limit: usize) -> usize {
        let mut k = at;
        // ("according to July's polling": a possessive time is a source's.)
        if k < limit
            && self.has(k, flag::TIME)
            && self.is_word(k)
            && !(k + 1 < limit && self.is_possessive(k + 1))
        {
            return k + 1;
        }
        if k + 1 < limit && matches!(self.lower(k), "in" | "during" | "at") {
            k += 1;
            let stop = (k + 4).min(limit);
            while k < stop && self.is_word(k) {
                if matches!(
                    self.lower(k),
                    "statement"
                        | "interview"
                        | "speech"
                        | "letter"
                        | "tweet"
                        | "post"
                        | "email"
                        | "briefing"
                        | "release"
                        | "conference"
                        | "appearance"
                ) {
                    return k + 1;
                }
                k += 1;
            }
        }
        at
    }

    /// Whether what follows the cue shows that a source stands before it:
    /// "that" (after any addressee), a quotation ("the announcer said,
    /// “…”"), or the end of the sentence ("…, the announcer said Friday.").
    fn source_signalled(&self, at: usize, limit: usize, takes_object: bool) -> bool {
        let after_object = self.object_right(at, limit, takes_object).unwrap_or(at);
        if after_object < limit && self.lower(after_object) == "that" {
            return true;
        }
        [at, after_object].into_iter().any(|mut k| {
            let comma = k < limit && self.is_punct(k, ",");
            while k < limit && self.is_punct(k, ",:") {
                k += 1;
            }
            // "…,” the businessman said, arguing that …": a reporting
            // participle after a comma continues a trailing attribution.
            // `k < limit`: commas can run to the end of the text (fuzz crash).
            let participle =
                comma && k < limit && self.is_verb_cue(k) && self.lower(k).ends_with("ing");
            k >= limit
                || participle
                || self.doc.tokens[k].kind == TokenKind::OpenQuote
                || self.is_punct(k, ".!?")
        })
    }

    /// Every attribution and credit in one sentence.
    pub fn sentence(&self, s: usize, out: &mut Vec<Found>) {
        let sent = &self.doc.sentences[s];
        // Most sentences of news hold no cue: nothing below applies to them.
        if !self.hits.sentence_has(s, flag::CUE) {
            return;
        }
        let mut b = Bounds::plain(sent.first, sent.end);
        b.title_case = std::cell::OnceCell::new();
        // Cues are looked for in this sentence only, even when a lead-in
        // lets the content run on.
        let cue_end = sent.end;
        if let Some(end) = self.quote_after_lead_in(sent.first, sent.end) {
            b.end = end;
        }
        let passive_bit = crate::pattern::cue_class_bit("passive");
        let participle_bit = crate::pattern::cue_class_bit("participle");
        // Reused for every cue of the document, to allocate once.
        let mut scratch = self.scratch.borrow_mut();
        let Scratch {
            readings,
            signal_cache,
            caps,
            items_before,
            items_after,
        } = &mut *scratch;
        self.find_needed_items(&b, items_before, items_after);
        for i in b.first..cue_end {
            if !self.has(i, flag::CUE) || !self.cue_hits(i).any(|(_, len)| i + len <= cue_end) {
                continue;
            }
            // The auxiliaries and adverbs before the cue are the same for every reading.
            let (region_start, aux) = self.cue_left_extension(i, b.first);
            b.subject_end = region_start;
            b.subject = Default::default();
            // Whether a source is signalled, per cue length and addressee.
            signal_cache.clear();
            readings.clear();
            for (rule, len) in self.cue_hits(i).filter(|&(_, len)| i + len <= b.end) {
                readings.extend(self.cue_reading(&b, i, rule, len, &aux, signal_cache));
            }
            // What the patterns need on either side of the cue: most tries
            // fail, and a pattern with a needed item absent fails for sure.
            let left_present = items_before[region_start - b.first];
            for r in readings.iter_mut() {
                r.right_present = items_after[i + r.len - b.first];
            }
            // Patterns in priority order; for each, every reading of the cue.
            'patterns: for (index, p) in self.rules.patterns.iter().enumerate() {
                for r in readings.iter() {
                    if !self.pattern_takes(p, r, passive_bit, participle_bit)
                        || !p.needs_left.iter().all(|&m| m & left_present != 0)
                        || !p.needs_right.iter().all(|&m| m & r.right_present != 0)
                    {
                        continue;
                    }
                    b.any_noun_source = r.any_noun_source;
                    b.prep_cue = self.rules.cues[r.rule].class == CueClass::Prep;
                    b.citing_cue = self.rules.cues[r.rule].cites;
                    if let Some(found) = self.try_pattern(s, &b, i, r, index, region_start, caps) {
                        out.push(found);
                        break 'patterns;
                    }
                }
            }
        }
    }

    /// Which items the patterns need (`RuleSet::needed_items`) stand
    /// before and from each token of `[b.first, b.end]`, as running unions.
    fn find_needed_items(&self, b: &Bounds, before: &mut Vec<u32>, after: &mut Vec<u32>) {
        let tokens = &self.doc.tokens[b.first..b.end];
        let flags = &self.hits.flags[b.first..b.end];
        // Each token's own items first, written by `extend` (a slice's
        // length is known, so no element asks whether the vector is full).
        after.clear();
        after.extend(tokens.iter().zip(flags).map(|(token, &f)| {
            let mark = match token.kind {
                TokenKind::Word | TokenKind::Punct => 0,
                TokenKind::CloseQuote => NEEDED_CLOSE_QUOTE,
                TokenKind::OpenQuote => NEEDED_OPEN_QUOTE,
            };
            mark | (f & flag::NEEDED_WORDS)
        }));
        after.push(0);
        before.clear();
        before.push(0);
        let mut so_far = 0;
        before.extend(after[..tokens.len()].iter().map(|&here| {
            so_far |= here;
            so_far
        }));
        // `after` holds each token's own items: make it the unions from
        // each token on.
        let mut from_here = 0;
        for items in after.iter_mut().rev() {
            from_here |= *items;
            *items = from_here;
        }
    }

    /// "He said:" closing its paragraph, with a quotation opening the next:
    /// the token end of that quotation (through every paragraph it runs
    /// on), which the lead-in's content may reach.
    fn quote_after_lead_in(&self, first: usize, end: usize) -> Option<usize> {
        let tokens = &self.doc.tokens;
        if end <= first + 1 || end >= tokens.len() || !self.is_punct(end - 1, ":") {
            return None;
        }
        let next = &tokens[end];
        let gap = &self.doc.text[tokens[end - 1].span().end..next.span().start];
        if next.kind != TokenKind::OpenQuote || !gap.contains('\n') {
            return None;
        }
        let q = &self.doc.quotes[self.doc.quote_of_mark(end)? as usize];
        if q.open != end {
            return None;
        }
        Some(match q.close {
            Some(c) => c + 1,
            // An unclosed quotation ends with its paragraph.
            None => {
                let p = self.doc.sentences[next.sentence as usize].paragraph;
                let last = self.doc.paragraphs[p].end_sentence - 1;
                self.doc.sentences[last].end
            }
        })
    }

    /// The classes of one reading of a cue, as a mask: its rule's class,
    /// and "participle" for an -ing verb.
    fn classes_of(&self, rule: usize, i: usize, len: usize) -> u32 {
        let c = &self.rules.cues[rule];
        let participle = c.class == CueClass::Verb && self.lower(i + len - 1).ends_with("ing");
        c.class_bit
            | if participle {
                crate::pattern::cue_class_bit("participle")
            } else {
                0
            }
    }

    /// One reading (cue rule and length) of the cue at `i`, with what every
    /// pattern asks of it worked out once; none if the words around it show
    /// it is no cue here, whatever the pattern.
    fn cue_reading(
        &self,
        b: &Bounds,
        i: usize,
        rule: usize,
        len: usize,
        aux: &[usize],
        signal_cache: &mut Vec<((usize, bool), bool)>,
    ) -> Option<Reading> {
        let info = &self.rules.cues[rule];
        if info.needs_auxiliary && aux.is_empty() {
            return None;
        }
        // Before an auxiliary a verb cue is a noun ("the states were"), and
        // before "by" a noun or a passive ("a report by the office").
        if info.class == CueClass::Verb && i + len < b.end {
            let next = self.lower(i + len);
            // Not after a pronoun, a name or a relative pronoun's subject:
            // "a move they say could", "a bill that critics said was" have
            // their subject gap right after the cue. (Asked only before an
            // auxiliary.)
            let subject_before = || {
                i > b.first
                    && (self.has(i - 1, flag::PRONOUN)
                        || self.doc.tokens[i - 1].capitalized
                        || self.relative_before_subject(i, b.first).is_some())
            };
            let auxiliary = self.has(i + len, flag::AUX)
                && !matches!(next, "not" | "n't" | "never" | "having" | "being")
                && !subject_before();
            let passive = aux.iter().any(|&a| self.has(a, flag::BE));
            // "continues to be criticized": an aspectual verb, not a report.
            let to_be = next == "to" && i + len + 1 < b.end && self.lower(i + len + 1) == "be";
            if auxiliary || next == "by" && !passive || to_be {
                return None;
            }
        }
        // After a determiner or a preposition a verb cue is a noun ("the
        // show", "amid reports"); not a gerund ("after saying") or an
        // infinitive ("to say").
        if info.class == CueClass::Verb && i > b.first {
            let prev = i - 1;
            // ("Yet another said": a determiner standing for a speaker
            // before a plain speech verb, which is no noun.)
            let determiner = self.has(prev, flag::DET)
                && !self.has(prev, flag::PRONOUN)
                && !(info.speech && self.is_source_word(prev));
            let preposition = self.has(prev, flag::PREP)
                && (self.has(prev, flag::FUNC) || self.lower(prev) == "amid")
                && self.lower(prev) != "to"
                && !self.lower(i + len - 1).ends_with("ing");
            // "secretary of state", "Trump's claims", and a plural after a
            // quantifier ("most states", "too many calls"): nouns too.
            let form = self.lower(i + len - 1);
            let of_or_possessive = self.lower(prev) == "of" || self.is_possessive(prev);
            let plural_after_quantifier = self.has(prev, flag::QUANT)
                && !matches!(self.lower(prev), "one" | "a")
                && form.ends_with('s')
                && !form.ends_with("ss");
            if determiner
                || preposition
                || of_or_possessive
                || plural_after_quantifier
                || self.singular_subject_before(i, len, info, b)
            {
                return None;
            }
        }
        // A capitalised word inside a sentence is a name ("the Halvik Post"), not a cue.
        // In a title-case headline every word is capitalised ("Obama Says
        // Museum Will Tell of Suffering").
        let sentence_start = (b.first..i).all(|k| !self.is_word(k));
        if self.doc.tokens[i].capitalized
            && !sentence_start
            && info.class != CueClass::Prep
            && !self.is_title_case(b)
        {
            return None;
        }
        // "have been admitted": a participle right after "be" is passive, not a
        // report by the subject.
        // (negation and adverbs may stand between: "was not authorized")
        let passive_form = aux
            .iter()
            .find(|&&a| !self.has(a, flag::NEG))
            .is_some_and(|&a| {
                self.has(a, flag::BE) && (a + 1..i).all(|k| self.has(k, flag::NEG | flag::ADV))
            })
            && self.lower(i + len - 1).ends_with(['d', 'n', 't']);
        // "“…,” wrote one commenter": right after a quotation any noun
        // phrase may be its speaker.
        let after_quote = i > b.first && self.doc.tokens[i - 1].kind == TokenKind::CloseQuote;
        let any_noun_source = info.class == CueClass::Prep || info.speech || after_quote || {
            let key = (len, info.takes_object);
            match signal_cache.iter().find(|(k, _)| *k == key) {
                Some(&(_, v)) => v,
                None => {
                    let v = self.source_signalled(i + len, b.end, info.takes_object);
                    signal_cache.push((key, v));
                    v
                }
            }
        };
        Some(Reading {
            rule,
            len,
            classes: self.classes_of(rule, i, len),
            any_noun_source,
            after_be: aux.iter().any(|&a| self.has(a, flag::BE)),
            passive_form,
            right_present: 0,
        })
    }

    /// "a Facebook post", "a rare note", "A news report published …": a
    /// plural present form ("post", "note", "report") right after a phrase
    /// opened by a singular determiner is that phrase's noun, since a
    /// singular subject would take "posts". Only names, modifiers and
    /// nouns may stand between; a plural, "of" or "and" among them may make
    /// the phrase plural ("a few aides say", "a number of them say").
    fn singular_subject_before(&self, i: usize, len: usize, info: &CueInfo, b: &Bounds) -> bool {
        if len != 1 || info.plural_present.is_empty() {
            return false;
        }
        // The phrase's determiner, over at most four words; the form is
        // compared last, as few cues have such a phrase before them.
        let mut j = i;
        let opener = loop {
            if j == b.first || i - j == 5 {
                return false;
            }
            j -= 1;
            if self.has(j, flag::DET) {
                break j;
            }
            // A quantifier may open a subject of its own ("a strategy some
            // believe"), and a percentage is plural ("a mere 9 percent");
            // "news" is singular ("a news report").
            let plural = self.looks_plural(j) && self.lower(j) != "news"
                || self.has(j, flag::QUANT)
                || matches!(self.lower(j), "percent" | "%");
            if !self.can_modify(j) || plural || self.has(j, flag::PREP) {
                return false;
            }
        };
        if opener + 1 == i
            || !matches!(
                self.lower(opener),
                "a" | "an" | "each" | "every" | "another"
            )
            || self.has(opener + 1, flag::QUANT)
        {
            return false;
        }
        // Not the object of a preposition ("voters in each state say") or
        // a causative ("make every American feel"), nor a group that takes
        // the plural ("a third say").
        let object = opener > b.first
            && (self.has(opener - 1, flag::PREP)
                || matches!(
                    self.lower(opener - 1),
                    "make"
                        | "makes"
                        | "made"
                        | "making"
                        | "let"
                        | "lets"
                        | "letting"
                        | "help"
                        | "helps"
                        | "helped"
                        | "helping"
                        | "have"
                        | "has"
                        | "had"
                        | "having"
                        | "see"
                        | "sees"
                        | "saw"
                        | "seen"
                        | "watch"
                        | "watched"
                        | "hear"
                        | "heard"
                        | "bid"
                ));
        let group = matches!(
            self.lower(opener + 1),
            "few"
                | "lot"
                | "number"
                | "couple"
                | "handful"
                | "majority"
                | "minority"
                | "plurality"
                | "third"
                | "quarter"
                | "fifth"
                | "dozen"
                | "host"
        );
        let form = self.lower(i);
        !object && !group && info.plural_present.iter().any(|f| **f == *form)
    }

    /// "a charity that prosecutors said was …", "which critics say will
    /// …": the relative pronoun before a short subject that ends right
    /// before the cue at `cue`. The clause after the cue has its subject
    /// gap there, and the pronoun stands for it.
    fn relative_before_subject(&self, cue: usize, first: usize) -> Option<usize> {
        let mut j = cue;
        while j > first && cue - j < 4 {
            j -= 1;
            if j + 1 < cue && matches!(self.lower(j), "that" | "which" | "who" | "whom") {
                return Some(j);
            }
            if !(self.can_modify(j) || self.has(j, flag::DET | flag::QUANT)) {
                return None;
            }
        }
        None
    }

    /// Whether pattern `p` applies to a cue reading at all, before matching.
    fn pattern_takes(
        &self,
        p: &PatternInfo,
        r: &Reading,
        passive_bit: u32,
        participle_bit: u32,
    ) -> bool {
        if p.cue_mask & r.classes == 0 {
            return false;
        }
        let class = self.rules.cues[r.rule].class;
        let passive_pattern = p.cue_mask != u32::MAX && p.cue_mask & passive_bit != 0;
        // A passive participle needs its "be" ("it is believed", not "it said");
        // "is said" is never the active verb of subject-verb patterns.
        if class == CueClass::Passive && passive_pattern != r.after_be {
            return false;
        }
        // An -ing verb never comes before its own subject: "…, said Tommy
        // Vietor, recalling a false report" has no source after "recalling".
        if p.source_on_right && r.classes & participle_bit != 0 {
            return false;
        }
        !(class != CueClass::Passive && r.passive_form && p.kind != PatternKind::Credit)
    }

    #[allow(clippy::too_many_arguments)]
    fn try_pattern(
        &self,
        s: usize,
        b: &Bounds,
        i: usize,
        r: &Reading,
        index: usize,
        region_start: usize,
        caps: &mut Vec<Capture>,
    ) -> Option<Found> {
        let p = &self.rules.patterns[index];
        let info = &self.rules.cues[r.rule];
        caps.clear();
        b.quote_before_cue.set(p.quote_on_left);
        let leftmost = self.match_left(&p.pattern.left, region_start, b, caps)?;
        // A quotation that opens the pattern but not the sentence ("The
        // summit accomplished “too little,” he said") reports the whole
        // clause: PolNeAR's mixed quote.
        if let Some(c) = caps
            .iter_mut()
            .find(|c| c.role == SlotRole::Quote && c.first == leftmost)
            && let Some(lead) = self.mixed_quote_lead(b, c.first)
        {
            c.first = lead;
        }
        if info.class == CueClass::Colon
            && !caps
                .iter()
                .any(|c| c.np.as_ref().is_some_and(|np| self.speaker_like(np)))
        {
            return None;
        }
        let end = self.match_right(&p.pattern.right, i + r.len, b, info.takes_object, caps)?;
        if self.content_is_appositive_subject(caps, i, b) {
            return None;
        }
        self.close_relative_clause(caps, i, b);
        if let Some((first, last, replaces)) = self.rest_after_closing_comma(caps, i, end, b) {
            if replaces {
                caps.retain(|c| !(c.role == SlotRole::Content && c.end < i));
            }
            caps.push(Capture {
                role: SlotRole::Content,
                first,
                end: last,
                np: None,
                quote: None,
            });
        }
        self.build(s, index, p, r.rule, i, r.len, region_start, caps)
    }

    /// "Humphrey, who calls Trump a sociopath, said he …": a cue inside a
    /// relative clause set off by commas reports no further than the
    /// clause, which a comma closes before the main clause's verb. An even
    /// number of commas before that one pairs off as asides of the content
    /// ("who argued that the law, which passed in 2010, was unfair, said").
    fn close_relative_clause(&self, caps: &mut [Capture], cue: usize, b: &Bounds) {
        let relative_subject = caps.iter().any(|c| {
            c.role == SlotRole::Source
                && c.end <= cue
                && c.np
                    .as_ref()
                    .and_then(|np| np.relative)
                    .is_some_and(|(who, _)| {
                        who > b.first
                            && matches!(self.lower(who), "who" | "which")
                            && self.is_punct(who - 1, ",")
                    })
        });
        if !relative_subject {
            return;
        }
        let Some(content) = caps
            .iter_mut()
            .find(|c| c.role == SlotRole::Content && c.first > cue)
        else {
            return;
        };
        if self.doc.tokens[content.first].kind == TokenKind::OpenQuote {
            return;
        }
        let mut commas = 0;
        for k in content.first..content.end {
            if !self.is_punct(k, ",") {
                continue;
            }
            commas += 1;
            if commas % 2 == 0 {
                continue;
            }
            let mut next = k + 1;
            while next < content.end
                && (self.doc.tokens[next].kind == TokenKind::CloseQuote
                    || (self.has(next, flag::ADV) || self.is_ly_adverb(next))
                        && !self.has(next, flag::AUX))
            {
                next += 1;
            }
            if next < content.end
                && !self.doc.tokens[next].capitalized
                && (self.has(next, flag::AUX)
                    || self.is_finite_verb_cue(next)
                    || self.is_past_verb(next))
            {
                // (A quotation closed after the comma is the content's:
                // "who calls Trump a “sociopath,” said".)
                let closes_quote = self.doc.tokens[k + 1].kind == TokenKind::CloseQuote;
                content.end = if closes_quote { k + 2 } else { k };
                return;
            }
        }
    }

    /// "The editorial, sources said, nailed the narrative": an attribution
    /// set between commas inside its content, whose subject is on the left
    /// and whose verb follows the closing comma. The words from that verb to
    /// the sentence end are the content's second part. "In both cases, Eric
    /// Trump said, those donations paid for …": after an introductory
    /// adjunct (a preposition's phrase, a time, an adverb) the clause after
    /// the comma is all that is reported, and replaces the adjunct (`true`).
    fn rest_after_closing_comma(
        &self,
        caps: &[Capture],
        cue: usize,
        end: usize,
        b: &Bounds,
    ) -> Option<(usize, usize, bool)> {
        let left = caps
            .iter()
            .find(|c| c.role == SlotRole::Content && c.end < cue)?;
        let right_content = caps
            .iter()
            .any(|c| matches!(c.role, SlotRole::Content | SlotRole::Quote) && c.first > cue);
        if right_content || end >= b.end || !self.is_punct(end, ",") {
            return None;
        }
        let next = end + 1;
        if next >= b.end || !self.is_word(next) {
            return None;
        }
        let introduction = left.end - left.first <= 6
            && self.has(
                left.first,
                flag::PREP | flag::TIME | flag::ADV | flag::CONNECTOR,
            )
            && (left.first..left.end).all(|k| {
                !self.has(k, flag::AUX) && !self.is_verb_cue(k) && !self.doc.tokens[k].is_quote()
            });
        if introduction && !self.lower(next).ends_with("ing") {
            return Some((next, b.end, true));
        }
        let opens_predicate = !self.doc.tokens[next].capitalized
            // "would", "are", "celebrated"; "compared with ..." after a
            // whole clause belongs to what was said as well.
            && (self.has(next, flag::AUX)
                || self.lower(next).ends_with("ed")
                    && !self.has(next, flag::PREP | flag::FUNC | flag::DET | flag::ADV));
        // To the sentence end: `build` trims the content as any other.
        (opens_predicate || self.clause_goes_on(left.first, next, b))
            .then_some((next, b.end, false))
    }

    /// Whether what was said goes on after the closing comma at `next - 1`
    /// of an attribution set inside it, the first part opening at `first`:
    /// after a subordinate clause ("If the state goes it alone, Finlayson
    /// argued, it would lose markets"), at a conjunction ("…, they say, but
    /// he is still effective"), or at a gerund, an infinitive or an adverb
    /// before a verb ("…, he said, by creating a false bubble", "the two
    /// nations, Xi said, now have …"). Not at a participle that is a cue of
    /// its own ("adding that").
    fn clause_goes_on(&self, first: usize, next: usize, b: &Bounds) -> bool {
        // ("…, the Courier reported, citing a memo": any cue.)
        if self.has(next, flag::CUE) || next + 1 >= b.end {
            return false;
        }
        let after = next + 1;
        let word = self.lower(next);
        let subordinate = matches!(
            self.lower(first),
            "if" | "though"
                | "although"
                | "because"
                | "when"
                | "while"
                | "since"
                | "unless"
                | "once"
        );
        let conjunction = matches!(
            word,
            "but" | "so" | "because" | "yet" | "although" | "though"
        );
        let gerund_after = |k: usize| self.is_word(k) && self.lower(k).ends_with("ing");
        let gerund = word.ends_with("ing") && !self.doc.tokens[next].capitalized
            || (self.has(next, flag::PREP) || matches!(word, "by" | "without"))
                && word != "to"
                && gerund_after(after);
        let infinitive = word == "to"
            && self.is_word(after)
            && !self.doc.tokens[after].capitalized
            && !self.has(after, flag::DET | flag::PRONOUN | flag::FUNC | flag::PREP);
        let adverb_verb = self.has(next, flag::ADV)
            && !self.doc.tokens[next].capitalized
            && (self.has(after, flag::AUX) || self.lower(after).ends_with("ed"));
        subordinate || conjunction || gerund || infinitive || adverb_verb
    }

    /// "Dana Kell, a security expert who has studied the breaches, said the
    /// attack came from abroad": a content on the left that is a name and
    /// its appositive, closed by the comma before the cue, is the cue's
    /// subject, even where the words after the cue read as a phrase.
    fn content_is_appositive_subject(&self, caps: &[Capture], cue: usize, b: &Bounds) -> bool {
        caps.iter().any(|c| {
            c.role == SlotRole::Content
                && c.end < cue
                && self.is_punct(c.end, ",")
                && caps
                    .iter()
                    .any(|s| s.role == SlotRole::Source && s.first > cue)
                && self
                    .np_left_around_commas(c.end, b)
                    .is_some_and(|np| np.first <= c.first)
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn build(
        &self,
        s: usize,
        index: usize,
        p: &PatternInfo,
        rule: usize,
        cue: usize,
        len: usize,
        region_start: usize,
        caps: &mut Vec<Capture>,
    ) -> Option<Found> {
        // The cue runs from its first auxiliary ("has also said", but "also
        // told") through a time or occasion adjunct right after it ("said
        // Friday", "said in a statement"), unless the content starts there.
        let content_start = caps
            .iter()
            .filter(|c| matches!(c.role, SlotRole::Content | SlotRole::Quote) && c.first >= cue)
            .map(|c| c.first)
            .min()
            .unwrap_or(usize::MAX);
        let cue_end = self
            .cue_adjunct_end(cue + len, self.doc.sentences[s].end)
            .min(content_start.max(cue + len));
        let first_aux = (region_start..cue)
            .find(|&k| self.has(k, flag::AUX))
            .unwrap_or(cue);
        // The cue tokens are consecutive, so `merge_token_spans` would make
        // them one span.
        let cue_spans = vec![self.doc.tokens_span(first_aux, cue_end)];
        let mut source = None;
        // Sized at once: a capture adds a content span or two at most (a
        // quotation over several paragraphs more), and a push to an empty
        // vector takes the slower path that grows it.
        let mut content = Vec::with_capacity(caps.len() + 1);
        let mut content_tokens = Vec::with_capacity(caps.len());
        let mut quote = None;
        let relative = self.relative_gap(caps, cue, cue + len);
        if let Some((relative, _)) = relative {
            content.push(self.doc.tokens[relative].span());
        }
        for mut c in caps.drain(..) {
            if let Some((_, Some(comma))) = relative
                && c.role == SlotRole::Content
                && c.first >= cue + len
            {
                c.end = c.end.min(comma);
            }
            match c.role {
                SlotRole::Source => source = c.np,
                SlotRole::Content => {
                    if let Some(span) = self.content_span(c.first, c.end) {
                        content.push(span);
                        content_tokens.push((c.first, c.end));
                    }
                }
                SlotRole::Quote if c.quote.is_some_and(|q| c.first < self.doc.quotes[q].open) => {
                    // A mixed quote (see `mixed_quote_lead`): the words
                    // before the quotation and the quotation, as one span.
                    quote = c.quote;
                    if let Some(span) = self.content_span(c.first, c.end) {
                        content.push(span);
                    }
                    content_tokens.push((c.first, c.end));
                }
                SlotRole::Quote => {
                    let q = c.quote?;
                    quote = Some(q);
                    for span in &self.doc.quotes[q].spans {
                        let t = trim_content(self.doc.text, *span);
                        if !t.is_empty() {
                            content.push(t);
                        }
                    }
                    content_tokens.push((c.first, c.end));
                }
                _ => {}
            }
        }
        if p.kind != PatternKind::Credit && content.is_empty() {
            return None;
        }
        content.sort();
        let region = self.doc.tokens_span(region_start, cue + len);
        Some(Found {
            pattern: index,
            kind: p.kind,
            cue_rule: rule,
            cue_spans,
            cue_region: region,
            cue_region_tokens: (region_start, cue + len),
            cue_token: cue,
            source,
            content,
            content_tokens,
            quote,
            sentence: s,
            inherit_source: p.inherit_source,
        })
    }

    /// "which critics said was discriminatory": a relative pronoun right
    /// before the source stands for the reported clause's subject, whose
    /// gap is right after the cue (the content opens with an auxiliary);
    /// the pronoun is content too. After a comma the relative clause ends
    /// at the next one ("The deal, which analysts said could collapse,
    /// was signed"): returned with the pronoun.
    fn relative_gap(
        &self,
        caps: &[Capture],
        cue: usize,
        after_cue: usize,
    ) -> Option<(usize, Option<usize>)> {
        let np = caps
            .iter()
            .find(|c| c.role == SlotRole::Source)?
            .np
            .as_ref()?;
        let content = caps
            .iter()
            .find(|c| c.role == SlotRole::Content && c.first >= after_cue)?;
        if !self.has(content.first, flag::AUX) {
            return None;
        }
        let relative = self.relative_before_subject(cue, np.first.saturating_sub(1))?;
        if relative + 1 != np.first {
            return None;
        }
        let comma = (relative > 0 && self.is_punct(relative - 1, ","))
            .then(|| (content.first..content.end).find(|&k| self.is_punct(k, ",")))
            .flatten();
        Some((relative, comma))
    }

    fn content_span(&self, first: usize, end: usize) -> Option<Span> {
        if first >= end {
            return None;
        }
        let span = self.doc.tokens_span(first, end);
        let t = trim_content(self.doc.text, span);
        (!t.is_empty()).then_some(t)
    }
}

/// Byte spans covering tokens, merging neighbours separated only by spaces.
pub fn merge_token_spans(doc: &Document, tokens: &[usize]) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    let mut prev: Option<usize> = None;
    for &t in tokens {
        let span = doc.tokens[t].span();
        match (spans.last_mut(), prev) {
            (Some(last), Some(p)) if p + 1 == t => last.end = span.end,
            _ => spans.push(span),
        }
        prev = Some(t);
    }
    spans
}

/// Trims whitespace and trailing sentence punctuation from a content span,
/// and a leading or trailing quotation mark that has no partner inside.
pub fn trim_content(text: &str, span: Span) -> Span {
    // A question or exclamation keeps its mark: it is part of what was said.
    let is_trim = |c: char| c.is_whitespace() || ",.;:!?".contains(c);
    let is_trim_end = |c: char| c.is_whitespace() || ",.;:".contains(c);
    let trim = |start: usize, end: usize| {
        let t = &text[start..end];
        let start = start + (t.len() - t.trim_start_matches(is_trim).len());
        let end = start + text[start..end].trim_end_matches(is_trim_end).len();
        (start, end)
    };
    let (mut start, mut end) = trim(span.start, span.end);
    // Only a quotation mark at either end needs the balance check.
    while start < end {
        let inner = &text[start..end];
        let first = inner.chars().next().unwrap_or(' ');
        let last = inner.chars().next_back().unwrap_or(' ');
        if !matches!(first, '“' | '"') && !matches!(last, '”' | '"' | '“') {
            break;
        }
        let straight = inner.matches('"').count();
        if last == '“'
            || (last == '”' && !inner.contains('“'))
            || (last == '"' && straight % 2 == 1)
        {
            end -= last.len_utf8();
        } else if (first == '“' && !inner.contains('”')) || (first == '"' && straight % 2 == 1)
        {
            start += first.len_utf8();
        } else {
            break;
        }
        (start, end) = trim(start, end);
    }
    Span::new(start, end.max(start))
}

#[cfg(test)]
mod tests {
    use crate::lexicon::{NEEDED_CLOSE_QUOTE, RuleSet, flag};
    use crate::ruleset::RuleSource;

    /// A pattern is skipped where an item it needs is absent: that must
    /// never change what is found. Every sample article and PolNeAR dev
    /// text, analysed with the needs and with every pattern tried.
    #[test]
    fn needs_are_only_a_shortcut() {
        let rules = RuleSet::default_rules();
        let mut untested = RuleSet::compile(RuleSource::embedded().unwrap()).unwrap();
        let quote_needs = untested
            .patterns
            .iter()
            .filter(|p| p.needs_left.contains(&NEEDED_CLOSE_QUOTE))
            .count();
        let word_needs = untested
            .patterns
            .iter()
            .flat_map(|p| p.needs_left.iter().chain(&p.needs_right))
            .filter(|&&m| m & flag::NEEDED_WORDS != 0)
            .count();
        assert!(
            quote_needs >= 3 && word_needs >= 5,
            "{quote_needs} {word_needs}"
        );
        for p in &mut untested.patterns {
            p.needs_left.clear();
            p.needs_right.clear();
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let dirs = [
            root.join("corpus"),
            root.join("../shared/corpora/polnear/dev/text"),
        ];
        let mut documents = 0;
        for dir in dirs.iter().filter(|d| d.is_dir()) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_none_or(|e| e != "txt") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                let with = crate::analyze::analyze(&text, rules);
                let without = crate::analyze::analyze(&text, &untested);
                assert_eq!(with, without, "{}", path.display());
                documents += 1;
            }
        }
        assert!(documents >= 12);
    }
}
