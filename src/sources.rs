//! Sources: typing a source phrase by the lexicon, naming its entity
//! (titles stripped, surnames and titles merged with the full name), and
//! resolving pronouns and definite descriptions to the nearest fitting
//! earlier source or mention.

use crate::grammar::NounPhrase;
use crate::lexicon::{Entry, Hits, RuleSet, flag};
use crate::model::SourceType;
use crate::text::{Document, TokenKind};

/// A person named in the text: "Turkish President Recep Tayyip Erdogan"
/// registers "Recep Tayyip Erdogan" with titles {turkish, president}.
#[derive(Debug, Clone)]
pub struct Person {
    pub name: String,
    pub last: String,
    pub titles: Vec<String>,
    pub first_byte: usize,
}

/// The name a mention stands for, made into a string only when a pronoun
/// resolves to it (most mentions are never used).
#[derive(Debug, Clone)]
pub enum MentionName {
    /// Text of the document ("regional countries").
    Text(crate::model::Span),
    /// A registered person, by index.
    Person(usize),
    /// A source's entity name.
    Entity(String),
}

/// Something a pronoun can refer to.
#[derive(Debug, Clone)]
pub struct Mention {
    pub at: usize,
    pub entity: MentionName,
    pub source_type: SourceType,
    pub plural: bool,
}

pub struct Typed {
    pub source_type: SourceType,
    pub rule: Option<crate::model::RuleId>,
}

pub struct Sources<'a> {
    doc: &'a Document<'a>,
    hits: &'a Hits,
    rules: &'a RuleSet,
    pub people: Vec<Person>,
    /// Surname → indices into `people`.
    by_last: rustc_hash::FxHashMap<String, Vec<usize>>,
    /// The shapes of the surnames in `by_last` (`surname_shape`): asked
    /// before the map for every capitalised word, most of which are none.
    surname_shapes: u64,
    /// Names introduced by a body noun ("the mobile operator Telvio",
    /// "the business daily Marknad") with the type that noun gives.
    pub bodies: rustc_hash::FxHashMap<String, SourceType>,
    /// The capitalised words, in order: names are looked for among them,
    /// not by a test on every token (which a processor cannot guess).
    capitalized: Vec<u32>,
    /// The lowercase forms of the words written with a capital and then
    /// small letters after another capitalised word ("Chris Wallace"):
    /// built the first time an all-caps head asks, as few documents have
    /// one.
    title_case: std::cell::OnceCell<rustc_hash::FxHashMap<&'a str, usize>>,
}

impl<'a> Sources<'a> {
    pub fn new(doc: &'a Document<'a>, hits: &'a Hits, rules: &'a RuleSet) -> Self {
        let mut s = Sources {
            doc,
            hits,
            rules,
            people: Vec::new(),
            by_last: rustc_hash::FxHashMap::default(),
            surname_shapes: 0,
            bodies: rustc_hash::FxHashMap::default(),
            capitalized: capitalized_words(doc),
            title_case: std::cell::OnceCell::new(),
        };
        s.register_people();
        s
    }

    fn is_title(&self, i: usize) -> bool {
        self.hits.has(i, flag::TITLE)
    }

    /// Capitalised runs with a title before the name register a person.
    fn register_people(&mut self) {
        let toks = &self.doc.tokens;
        let mut next = 0;
        while next < self.capitalized.len() {
            // A run of capitalised words in one sentence: `[i, j)`.
            let i = self.capitalized[next] as usize;
            let mut j = i + 1;
            next += 1;
            while self.capitalized.get(next) == Some(&(j as u32))
                && toks[j].sentence == toks[i].sentence
            {
                j += 1;
                next += 1;
            }
            let mut start = i;
            while start < j && self.hits.has(start, flag::FUNC | flag::DET) {
                start += 1;
            }
            if let Some(last_title) = (start..j).rev().find(|&k| self.is_title(k))
                && j - (last_title + 1) >= 1
                && !self.org_or_media_name(last_title + 1, j)
            {
                let name = self.spaced_words(last_title + 1, j);
                let titles = (start..=last_title)
                    .map(|k| self.doc.lower(k).to_string())
                    .collect();
                self.add_person(name, titles, toks[last_title + 1].span().start);
            }
            if i > 0
                && let Some(t) = self.body_type(i - 1)
                && !toks[i - 1].capitalized
            {
                let name = self.spaced_words(i, j);
                self.bodies.insert(name, t);
            }
        }
    }

    /// The nearest capitalised name before token `before` that a definite
    /// description can mean: "the commission" → "National Electoral
    /// Commission"; "the company" → "Corvane Resources".
    pub fn named_body_before(
        &self,
        before: usize,
        head: &str,
        source_type: SourceType,
    ) -> Option<String> {
        let toks = &self.doc.tokens;
        let from = before.saturating_sub(4000);
        let mut k = before;
        while k > from {
            k -= 1;
            if !(toks[k].capitalized && toks[k].is_word()) {
                continue;
            }
            let fits = self.doc.lower(k) == head || self.body_type(k) == Some(source_type);
            let run_end = k + 1;
            let mut first = k;
            while first > 0
                && toks[first - 1].capitalized
                && toks[first - 1].is_word()
                && toks[first - 1].sentence == toks[k].sentence
            {
                first -= 1;
            }
            while first < k && self.hits.has(first, flag::FUNC | flag::DET) {
                first += 1;
            }
            if fits && run_end - first >= 2 {
                let span = self.doc.tokens_span(first, k + 1);
                return Some(self.doc.slice(span).to_string());
            }
            k = first;
        }
        None
    }

    /// "Both men", "the two leaders": the nearest earlier pair of full names
    /// joined by "and" ("Mikael Strand and Jonas Ebbe").
    pub fn pair_of_names_before(&self, before: usize) -> Option<String> {
        let toks = &self.doc.tokens;
        let is_name = |k: usize| {
            toks[k].capitalized && toks[k].is_word() && !self.hits.has(k, flag::FUNC | flag::DET)
        };
        let from = before.saturating_sub(2000);
        let mut k = before;
        while k > from + 4 {
            k -= 1;
            if self.doc.lower(k) != "and"
                || !is_name(k - 1)
                || k + 2 >= toks.len()
                || !is_name(k + 1)
            {
                continue;
            }
            let mut first = k - 1;
            while first > 0 && is_name(first - 1) && toks[first - 1].sentence == toks[k].sentence {
                first -= 1;
            }
            let mut last = k + 1;
            while last + 1 < before && is_name(last + 1) {
                last += 1;
            }
            if k - first >= 2 && last - k >= 2 {
                let span = self.doc.tokens_span(first, last + 1);
                return Some(self.doc.slice(span).to_string());
            }
        }
        None
    }

    /// The organization or media type a lowercase head noun gives ("operator", "daily").
    /// Inline: asked before every capitalised run, and most tokens have no hits.
    #[inline]
    fn body_type(&self, k: usize) -> Option<SourceType> {
        self.hits.at(k).iter().find_map(|h| match h.entry {
            Entry::SourceHead(r) if h.len == 1 => {
                let t = self.rules.sources[r as usize].source_type;
                matches!(t, SourceType::Organization | SourceType::Media).then_some(t)
            }
            _ => None,
        })
    }

    fn add_person(&mut self, name: String, titles: Vec<String>, at: usize) {
        let last = name.rsplit(' ').next().unwrap_or(&name).to_string();
        let existing = self
            .by_last
            .get(&last)
            .and_then(|ids| ids.iter().copied().find(|&i| self.people[i].name == name));
        if let Some(i) = existing {
            let p = &mut self.people[i];
            for t in titles {
                if !p.titles.contains(&t) {
                    p.titles.push(t);
                }
            }
            return;
        }
        self.surname_shapes |= surname_shape(&last);
        self.by_last
            .entry(last.clone())
            .or_default()
            .push(self.people.len());
        self.people.push(Person {
            name,
            last,
            titles,
            first_byte: at,
        });
    }

    fn org_or_media_name(&self, first: usize, end: usize) -> bool {
        (first..end).any(|k| {
            self.hits.at(k).iter().any(|h| {
                if let Entry::SourceName(r) | Entry::SourceHead(r) = h.entry {
                    let t = self.rules.sources[r as usize].source_type;
                    t == SourceType::Media || t == SourceType::Organization
                } else {
                    false
                }
            })
        })
    }

    /// The type of a source phrase, by the highest-priority lexicon rule that
    /// matches its head, a marker in it or in its trailing clause, or a name.
    pub fn classify(&self, np: &NounPhrase) -> Typed {
        let mut best: Option<(i32, usize)> = None;
        let mut consider = |r: usize| {
            let p = self.rules.sources[r].priority;
            if best.is_none_or(|(bp, _)| p > bp) {
                best = Some((p, r));
            }
        };
        let end = np.tail_end.max(np.end);
        for k in np.first..end {
            for h in self.hits.at(k) {
                if k + h.len > end {
                    continue;
                }
                match h.entry {
                    Entry::SourceHead(r) if k + h.len - 1 == np.head => consider(r as usize),
                    Entry::SourceName(r)
                        if self.rules.sources[r as usize].source_type != SourceType::Media
                            && self.names_employer(np, k, k + h.len) => {}
                    // A quantifier after the head counts something else:
                    // "Shane Shook, an expert who has studied some of the
                    // breaches" is no vague source.
                    Entry::SourceMarker(r)
                        if k > np.head
                            && self.rules.sources[r as usize].source_type == SourceType::Vague => {}
                    Entry::SourceMarker(r) | Entry::SourceName(r) => consider(r as usize),
                    _ => {}
                }
            }
        }
        if best.is_none()
            && let Some(alt) = np.alt_head
            && !self.alt_names_employer(np, alt)
            && let Some(t) = self.body_type(alt)
        {
            return Typed {
                source_type: t,
                rule: None,
            };
        }
        if let Some((_, r)) = best {
            return Typed {
                source_type: self.rules.sources[r].source_type,
                rule: Some(self.rules.sources[r].id.clone()),
            };
        }
        let head = &self.doc.tokens[np.head];
        let text = self.doc.token_text(np.head);
        if head.capitalized
            && let Some(t) = self.bodies.get(&self.entity_name(np))
        {
            return Typed {
                source_type: *t,
                rule: None,
            };
        }
        let source_type = if self.hits.has(np.head, flag::PRON_GROUP) {
            SourceType::Vague
        } else if self.hits.has(np.head, flag::PRON_THING)
            || is_acronym(text) && self.surname_in_capitals(np).is_none()
        {
            SourceType::Organization
        } else if head.capitalized || self.hits.has(np.head, flag::PRON_PERSON) {
            SourceType::Person
        } else if self.is_title(np.head) {
            SourceType::Official
        } else {
            SourceType::Vague
        };
        Typed {
            source_type,
            rule: None,
        }
    }

    /// Whether the appositive's head at `alt` is the object of a
    /// preposition after a name ("Mike Shields, president of the
    /// Congressional Leadership Fund"): the body employs the person the
    /// name is, as in `names_employer`, while "Nordgrid, the grid
    /// operator" is the body itself.
    fn alt_names_employer(&self, np: &NounPhrase, alt: usize) -> bool {
        alt > np.head
            && self.doc.tokens[np.head].capitalized
            && (np.head + 1..alt).any(|k| self.hits.has(k, flag::PREP) || self.doc.lower(k) == "of")
    }

    /// Whether the known name at tokens `[first, end)` names the employer
    /// of the person the phrase is about rather than the speaker: the head
    /// is a name of its own, and the known name comes after it ("Brett
    /// McGurk, the envoy to the coalition fighting the Islamic State"), or
    /// before it with a title or a possessive between ("White House press
    /// secretary Josh Earnest", "Google's Sundar Pichai"). Such a phrase is
    /// typed as the person, not the body, unless the body is media: a
    /// journalist's words are the outlet's reporting ("CNN's Jake Tapper"
    /// is media). "Fox News Channel", with nothing between, is the body.
    fn names_employer(&self, np: &NounPhrase, first: usize, end: usize) -> bool {
        self.doc.tokens[np.head].capitalized
            && (first > np.head
                || end <= np.head
                    && (end..np.head).any(|k| self.is_title(k) || self.doc.is_possessive(k)))
    }

    /// "WALLACE:" in a transcript: an all-caps head before a colon, alone in
    /// capitals (not "NEW HAMPSHIRE:", a dateline), that the text also
    /// writes as a surname; the token where it does (`surname_in_text`).
    /// Most documents have no such label, and the colon is asked first.
    fn surname_in_capitals(&self, np: &NounPhrase) -> Option<usize> {
        let toks = &self.doc.tokens;
        let labels = toks
            .get(np.end)
            .is_some_and(|t| t.kind == TokenKind::Punct && t.first == ':');
        if !labels || !is_acronym(self.doc.token_text(np.head)) {
            return None;
        }
        let alone = np.head == np.first || !is_acronym(self.doc.token_text(np.head - 1));
        alone.then(|| self.surname_in_text(np.head)).flatten()
    }

    /// Where the all-caps word at `k` is also written "Wallace" after
    /// another name in the text ("Chris Wallace"), after a first name
    /// rather than a title where both occur: then it is a name in capitals
    /// (a transcript's "WALLACE:"), not an acronym, which is hardly ever
    /// written so.
    fn surname_in_text(&self, k: usize) -> Option<usize> {
        let words = self.title_case.get_or_init(|| {
            let mut words = rustc_hash::FxHashMap::default();
            let toks = &self.doc.tokens;
            for i in self.capitalized.iter().map(|&i| i as usize) {
                // A surname after a first name ("Chris Wallace"), so
                // that "Isis" or "Pac" make no name of "ISIS", "PAC".
                let surname = self
                    .doc
                    .token_text(i)
                    .chars()
                    .skip(1)
                    .any(char::is_lowercase)
                    && i > 0
                    && toks[i - 1].capitalized
                    && toks[i - 1].is_word();
                if surname {
                    words
                        .entry(self.doc.lower(i))
                        .and_modify(|at: &mut usize| {
                            if self.is_title(*at - 1) && !self.is_title(i - 1) {
                                *at = i;
                            }
                        })
                        .or_insert(i);
                }
            }
            words
        });
        words.get(self.doc.lower(k)).copied()
    }

    pub fn is_pronoun(&self, np: &NounPhrase) -> bool {
        np.end - np.first == 1 && self.hits.has(np.head, flag::PRONOUN)
    }

    /// "the official", "the Turkish president": a definite description
    /// made only of titles, which refers back to a named person.
    pub fn is_title_description(&self, np: &NounPhrase) -> bool {
        let first = self.doc.lower(np.first);
        first == "the"
            && np.end - np.first >= 2
            && (np.first + 1..np.end).all(|k| {
                self.is_title(k)
                    || (self.doc.tokens[k].capitalized && k + 1 < np.end)
                    || self.hits.at(k).iter().any(|h| {
                        matches!(h.entry, Entry::SourceHead(r) if self.rules.sources[r as usize].source_type == SourceType::Official)
                    })
            })
    }

    /// The canonical name of a (non-pronoun) source phrase.
    pub fn entity_name(&self, np: &NounPhrase) -> String {
        let toks = &self.doc.tokens;
        // A known name inside the phrase ("The Turkish state-run TRT", "an
        // AP reporter"), unless a name of its own heads the phrase before or
        // after it ("CNN's Jake Tapper", "Senate Republicans", "Brett
        // McGurk, envoy to the coalition against the Islamic State"), or its head is the
        // unnamed people of that body ("White House officials", "Kremlin
        // sources"): they are not the body, and are named as written.
        let named_head = toks[np.head].capitalized;
        let unnamed_head = || {
            self.hits.at(np.head).iter().any(|h| {
                matches!(h.entry, Entry::SourceHead(r) if matches!(
                    self.rules.sources[r as usize].source_type,
                    SourceType::Official | SourceType::Anonymous
                ))
            })
        };
        for k in np.first..np.end {
            for h in self.hits.at(k) {
                if let Entry::SourceName(_) = h.entry
                    && k + h.len <= np.end
                    && !(named_head && (k + h.len <= np.head || k > np.head))
                    && !unnamed_head()
                {
                    return self
                        .doc
                        .slice(self.doc.tokens_span(k, k + h.len))
                        .to_string();
                }
            }
        }
        if named_head {
            let mut first = np.head;
            while first > np.first && toks[first - 1].capitalized && toks[first - 1].is_word() {
                first -= 1;
            }
            while first < np.head && self.hits.has(first, flag::FUNC | flag::DET) {
                first += 1;
            }
            // "Foreign Minister Ana Ruiz" is named without her title, but
            // "the State Department" keeps its "State": before a body's
            // head a title word names the body, not a person's office.
            if self.body_type(np.head).is_none()
                && let Some(t) = (first..np.head).rev().find(|&k| self.is_title(k))
            {
                first = t + 1;
            }
            let name_end = self.body_name_end(np);
            if name_end > np.head + 1 {
                return self.spaced_words(first, name_end);
            }
            let mut name = self.spaced_words(first, np.head + 1);
            // A surname alone takes the full name registered for it (tokens
            // hold no spaces, so the last word is the head's text).
            let mut last = self.doc.token_text(np.head);
            // "WALLACE:" in a transcript is "Wallace", which "Chris
            // Wallace" registered.
            let in_capitals = (first == np.head)
                .then(|| self.surname_in_capitals(np))
                .flatten();
            let written;
            if in_capitals.is_some() {
                written = title_case(last);
                last = &written;
                name = written.clone();
            }
            if self.may_be_surname(last)
                && let Some(p) = self
                    .by_last
                    .get(last)
                    .into_iter()
                    .flatten()
                    .map(|&i| &self.people[i])
                    .filter(|p| p.name == name || crate::model::ends_with_words(&p.name, &name))
                    .max_by_key(|p| p.name.len())
            {
                return p.name.clone();
            }
            // Failing a registered person, the name it follows in the text.
            if let Some(i) = in_capitals
                && !self.is_title(i - 1)
            {
                return self.spaced_words(i - 1, i + 1);
            }
            return name;
        }
        // An unnamed source is its own description, determiner and all,
        // without a relative clause ("an official who spoke on condition of
        // anonymity" is "an official").
        let end = (np.head + 1..np.end)
            .find(|&k| matches!(self.doc.lower(k), "who" | "whom" | "whose" | "which"))
            .map_or(np.end, |k| {
                if k > np.head + 1 && self.doc.tokens[k - 1].first == ',' {
                    k - 1
                } else {
                    k
                }
            });
        let span = self.doc.tokens_span(np.first, end);
        self.doc.slice(span).to_string()
    }

    /// Where a body's name that its head opens ends: "Bank of America",
    /// "Department of Health and Human Services", "Center for American
    /// Progress" run on over capitalised words after "of" or "for" (and
    /// "and" between them). A person's name does not ("Sen. Bernie Sanders
    /// of Vermont"), nor a body's before a determiner ("the Department of
    /// the Interior" is named by "Department").
    fn body_name_end(&self, np: &NounPhrase) -> usize {
        let toks = &self.doc.tokens;
        let mut end = np.head + 1;
        if self.body_type(np.head).is_none() {
            return end;
        }
        while end + 1 < np.end
            && matches!(self.doc.lower(end), "of" | "for" | "and")
            && toks[end + 1].capitalized
            && toks[end + 1].is_word()
            // "the University of Chicago and Professor Knittel": two sources.
            && !(self.doc.lower(end) == "and" && self.is_title(end + 1))
        {
            end += 2;
            while end < np.end && toks[end].capitalized && toks[end].is_word() {
                end += 1;
            }
        }
        end
    }

    /// False for a word that is surely no registered surname: its shape
    /// (`surname_shape`) is none of theirs. Asked before the map.
    fn may_be_surname(&self, word: &str) -> bool {
        self.surname_shapes & surname_shape(word) != 0
    }

    /// The words of tokens `[first, end)` joined by one space each: their
    /// text as it stands when that is how they are spaced, as nearly always.
    fn spaced_words(&self, first: usize, end: usize) -> String {
        let toks = &self.doc.tokens;
        let text = self.doc.slice(self.doc.tokens_span(first, end));
        let single_spaced = (first + 1..end).all(|k| {
            let gap = toks[k - 1].span().end..toks[k].span().start;
            gap.len() == 1 && self.doc.text.as_bytes()[gap.start] == b' '
        });
        if single_spaced {
            return text.to_string();
        }
        let words: Vec<&str> = (first..end).map(|k| self.doc.token_text(k)).collect();
        words.join(" ")
    }

    /// Registers a person source's full name so later surnames resolve to it.
    pub fn learn_person(&mut self, np: &NounPhrase, name: &str) {
        if name.contains(' ') {
            let titles = (np.first..np.head)
                .filter(|&k| self.is_title(k))
                .map(|k| self.doc.lower(k).to_string())
                .collect();
            self.add_person(
                name.to_string(),
                titles,
                self.doc.tokens[np.first].span().start,
            );
        }
    }

    /// Resolves a title description ("the Turkish president") to the
    /// registered person whose titles include all its words.
    pub fn resolve_title(&self, np: &NounPhrase) -> Option<&Person> {
        let words: Vec<&str> = (np.first + 1..np.end).map(|k| self.doc.lower(k)).collect();
        let at = self.doc.tokens[np.first].span().start;
        self.people
            .iter()
            .filter(|p| p.first_byte < at)
            .filter(|p| words.iter().all(|w| p.titles.iter().any(|t| t == w)))
            .max_by_key(|p| p.first_byte)
    }

    /// Plural groups mentioned anywhere ("regional countries"), which "they" can refer to.
    pub fn group_mentions(&self) -> Vec<Mention> {
        let mut out = Vec::new();
        // Of the heads that end at one word ("states" and "united
        // states"), the rule of highest priority types the group, as in
        // `classify`.
        let mut heads: Vec<(usize, i32, u16)> = self
            .hits
            .all()
            .iter()
            .filter_map(|h| match h.entry {
                Entry::SourceHead(r) if self.doc.lower(h.first + h.len - 1).ends_with('s') => {
                    Some((
                        h.first + h.len - 1,
                        self.rules.sources[r as usize].priority,
                        r,
                    ))
                }
                _ => None,
            })
            .collect();
        heads.sort_unstable_by_key(|&(head, priority, r)| (head, std::cmp::Reverse(priority), r));
        heads.dedup_by_key(|&mut (head, _, _)| head);
        for (head, _, r) in heads {
            let t = self.rules.sources[r as usize].source_type;
            let mut first = head;
            while first > 0
                && self.doc.tokens[first - 1].sentence == self.doc.tokens[head].sentence
                && self.doc.tokens[first - 1].is_word()
                && !self.hits.has(
                    first - 1,
                    flag::FUNC | flag::DET | flag::AUX | flag::ADV | flag::PRONOUN,
                )
                && !self
                    .hits
                    .at(first - 1)
                    .iter()
                    .any(|h| matches!(h.entry, Entry::Cue(_)))
            {
                first -= 1;
            }
            let span = self.doc.tokens_span(first, head + 1);
            out.push(Mention {
                at: span.start,
                entity: MentionName::Text(span),
                source_type: t,
                plural: true,
            });
        }
        out
    }

    /// The name a mention stands for.
    pub fn mention_name(&self, m: &Mention) -> String {
        match &m.entity {
            MentionName::Text(span) => self.doc.slice(*span).to_string(),
            MentionName::Person(i) => self.people[*i].name.clone(),
            MentionName::Entity(name) => name.clone(),
        }
    }

    /// Mentions of registered people by full name or surname.
    pub fn person_mentions(&self) -> Vec<Mention> {
        let mut out = Vec::new();
        if self.by_last.is_empty() {
            return out;
        }
        for &i in &self.capitalized {
            let i = i as usize;
            let t = &self.doc.tokens[i];
            let text = self.doc.token_text(i);
            if !self.may_be_surname(text) {
                continue;
            }
            if let Some(&p) = self.by_last.get(text).and_then(|ids| ids.first()) {
                out.push(Mention {
                    at: t.span().start,
                    entity: MentionName::Person(p),
                    source_type: SourceType::Person,
                    plural: false,
                });
            }
        }
        out
    }
}

/// The indices of the document's capitalised words, without a branch on
/// each token: an index is written at every token and kept by moving on.
fn capitalized_words(doc: &Document) -> Vec<u32> {
    let mut out = vec![0u32; doc.tokens.len() + 1];
    let mut kept = 0;
    for (i, t) in doc.tokens.iter().enumerate() {
        out[kept] = i as u32;
        kept += usize::from(t.capitalized & t.is_word());
    }
    out.truncate(kept);
    out
}

/// "WALLACE" → "Wallace".
fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect()
    })
}

/// "KNA", "G7": capitals and digits, at least one capital ("10" is none).
fn is_acronym(text: &str) -> bool {
    let mut capitals = 0;
    for c in text.chars() {
        if c.is_uppercase() {
            capitals += 1;
        } else if !c.is_ascii_digit() {
            return false;
        }
    }
    text.len() >= 2 && capitals > 0
}

/// Picks the nearest earlier mention that fits a pronoun.
pub fn resolve_pronoun<'m>(
    pronoun: &str,
    at: usize,
    mentions: &'m [Mention],
) -> Option<&'m Mention> {
    let fits = |m: &Mention| match pronoun {
        "he" | "she" | "him" | "her" | "i" => m.source_type == SourceType::Person && !m.plural,
        "they" | "them" | "we" => {
            m.plural
                || matches!(
                    m.source_type,
                    SourceType::Vague | SourceType::Official | SourceType::Anonymous
                )
        }
        "it" => {
            matches!(
                m.source_type,
                SourceType::Organization | SourceType::Media | SourceType::Document
            ) && !m.plural
        }
        _ => false,
    };
    // Mentions are sorted by position; look back a bounded distance.
    let before = mentions.partition_point(|m| m.at < at);
    mentions[..before].iter().rev().take(256).find(|m| fits(m))
}

/// A word's bit among 64 by its length and first byte: two words of
/// different bits are different words, so a set of these bits rules most
/// words out before a hash lookup.
fn surname_shape(word: &str) -> u64 {
    let first = word.as_bytes().first().copied().unwrap_or(0);
    1 << ((word.len() * 7 + usize::from(first)) & 63)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names are their words joined by one space however the text spaces
    /// them, and a surname alone resolves to the full name.
    #[test]
    fn names_join_their_words_by_one_space() {
        let rules = RuleSet::default_rules();
        for text in [
            "Senator Ana Ruiz said the vote failed. Ruiz said so again.",
            "Senator Ana  Ruiz said the vote failed. Ruiz said so again.",
            "Senator Ana\tRuiz said the vote failed. Ruiz said so again.",
        ] {
            let doc = Document::new(text, &rules.abbreviations);
            let hits = rules.scan(&doc);
            let sources = Sources::new(&doc, &hits, rules);
            let names: Vec<&str> = sources.people.iter().map(|p| p.name.as_str()).collect();
            assert_eq!(names, ["Ana Ruiz"], "{text:?}");
            let analysis = crate::analyze::analyze_document(&doc, rules);
            let entities: Vec<Option<&str>> = analysis
                .attributions
                .iter()
                .map(|a| a.entity.as_deref())
                .collect();
            assert_eq!(entities, [Some("Ana Ruiz"), Some("Ana Ruiz")], "{text:?}");
        }
    }

    fn attributions(text: &str) -> Vec<crate::model::Attribution> {
        let rules = RuleSet::default_rules();
        let doc = Document::new(text, &rules.abbreviations);
        crate::analyze::analyze_document(&doc, rules).attributions
    }

    fn entities(text: &str) -> Vec<Option<String>> {
        attributions(text).into_iter().map(|a| a.entity).collect()
    }

    /// The text holds one attribution, and its entity is `name`.
    fn assert_named(text: &str, name: &str) {
        assert_eq!(entities(text), [Some(name.to_string())], "{text:?}");
    }

    /// Title words before a body's head are part of its name; before a
    /// person's name they are not.
    #[test]
    fn bodies_keep_the_title_words_that_name_them() {
        assert_named(
            "The State Department said the talks failed.",
            "State Department",
        );
        assert_named(
            "The Justice Department said it would appeal.",
            "Justice Department",
        );
        assert_named(
            "Foreign Minister Ana Ruiz said the talks failed.",
            "Ana Ruiz",
        );
    }

    /// "I" in a quotation is its speaker, not the person named last before
    /// it; "you" names no one.
    #[test]
    fn first_and_second_person_sources() {
        let some = |name: &str| Some(name.to_string());
        assert_eq!(
            entities("Ana Ruiz voted yes. “I think the vote will fail,” Tom Hale said."),
            [some("Tom Hale"), some("Tom Hale")]
        );
        assert_eq!(
            entities("“You know the plan failed,” Ruiz said."),
            [None, some("Ruiz")]
        );
    }

    /// A group mentioned in the text takes the type of its head of
    /// highest priority: "United States" (a country) over "states".
    #[test]
    fn a_group_is_typed_by_its_strongest_head() {
        let found = attributions(
            "Trade with the United States grew last year. They said the deal was fair.",
        );
        let they = &found[0];
        assert_eq!(they.entity.as_deref(), Some("United States"));
        assert_eq!(they.source_type, SourceType::Organization);
    }

    /// A named person after a body's name and a title speaks as a person;
    /// a journalist after an outlet's name stays media, and a body's name
    /// with nothing between it and the head is the body.
    #[test]
    fn a_named_person_of_a_body_is_a_person() {
        let types = |text: &str| -> Vec<SourceType> {
            attributions(text).iter().map(|a| a.source_type).collect()
        };
        assert_eq!(
            types("White House press secretary Josh Earnest said the bill would fail."),
            [SourceType::Person]
        );
        assert_eq!(
            types("Google's Sundar Pichai said the bill would fail."),
            [SourceType::Person]
        );
        assert_eq!(
            types("CNN's Jake Tapper said the bill would fail."),
            [SourceType::Media]
        );
        assert_eq!(
            types("The White House said the bill would fail."),
            [SourceType::Organization]
        );
        // An appositive's body after "of" employs the named person; one
        // that heads the appositive is the body the name is.
        assert_eq!(
            types("John Smith, the head of the agency, said the bill would fail."),
            [SourceType::Person]
        );
        assert_eq!(
            types("Nordgrid, the grid operator, said the bill would fail."),
            [SourceType::Organization]
        );
    }

    /// The unnamed people of a named body are named as written, not as
    /// the body; a reporter of an outlet is named as the outlet.
    #[test]
    fn unnamed_people_of_a_body_are_not_the_body() {
        assert_named(
            "White House officials said the bill would fail.",
            "White House officials",
        );
        assert_named(
            "A Pentagon spokesman said the bill would fail.",
            "A Pentagon spokesman",
        );
        assert_named("An AP reporter said the bill would fail.", "AP");
    }

    /// "of" inside a name: a body's name runs on over it, a person's
    /// title too, but a place after a titled name is not the name.
    #[test]
    fn names_with_of() {
        let cases = [
            (
                "The Bank of America said the vote failed.",
                "Bank of America",
            ),
            (
                "The Department of Health and Human Services said the vote failed.",
                "Department of Health and Human Services",
            ),
            (
                "Secretary of State John Kerry said the vote failed.",
                "John Kerry",
            ),
            (
                "White House chief of staff Denis McDonough said the vote failed.",
                "Denis McDonough",
            ),
            (
                "Senator John Cornyn of Texas, the No. 2 Republican in the Senate, said the vote failed.",
                "John Cornyn",
            ),
            (
                "Sen. Bernie Sanders of Vermont said the vote failed.",
                "Bernie Sanders",
            ),
        ];
        for (text, name) in cases {
            assert_named(text, name);
        }
        // A title before a second source ends the body's name.
        let both = entities(
            "The University of Chicago and Professor Knittel concluded that the vote failed.",
        );
        assert_eq!(both[0].as_deref(), Some("University of Chicago"));
    }

    /// A transcript's speaker in capitals is a person, named as the text
    /// names them elsewhere; an acronym stays an organization, and a number
    /// is none ("Six in 10 say" is a vague group).
    #[test]
    fn capitals_and_numbers() {
        let found = attributions(
            "Chris Wallace moderated the debate.\nWALLACE: Will you accept the result?\n\
             NATO said the talks failed. Six in 10 say the economy is weak.",
        );
        let typed: Vec<(Option<&str>, SourceType)> = found
            .iter()
            .map(|a| (a.entity.as_deref(), a.source_type))
            .collect();
        assert_eq!(
            typed,
            [
                (Some("Chris Wallace"), SourceType::Person),
                (Some("NATO"), SourceType::Organization),
                (Some("Six in 10"), SourceType::Vague),
            ]
        );
    }
}
