//! Segmentation: paragraphs, sentences (sentencex), tokens with byte offsets,
//! and quotation regions, which may run across sentences and paragraphs.

mod sentences;
mod tokenize;

use crate::model::Span;
use sentencex::languages::English;
use tokenize::tokenize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Punct,
    /// “ or a straight " that opens a quotation by its context.
    OpenQuote,
    /// ” or a straight " that closes one.
    CloseQuote,
}

impl TokenKind {
    #[inline]
    pub fn is_quote_mark(self) -> bool {
        matches!(self, TokenKind::OpenQuote | TokenKind::CloseQuote)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The token's bytes in the text, as `u32` (a token is 24 bytes, read
    /// many times over); `span()` gives them as a `Span`.
    start: u32,
    end: u32,
    pub kind: TokenKind,
    /// Starts with an uppercase letter.
    pub capitalized: bool,
    /// The token's first character (a punctuation token's only one): the
    /// grammar's many "is this a comma" questions read it, not the text.
    pub first: char,
    pub sentence: u32,
    /// `NO_EXTRA` when the lowercased text is the normalised text at the
    /// token's own span (every token without a non-ASCII capital), else its
    /// index in `Document::extra`.
    pub extra: u32,
}

impl Token {
    #[inline]
    pub fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }
    pub fn is_quote(&self) -> bool {
        matches!(self.kind, TokenKind::OpenQuote | TokenKind::CloseQuote)
    }
}

#[derive(Debug, Clone)]
pub struct Sentence {
    pub span: Span,
    /// Token index range.
    pub first: usize,
    pub end: usize,
    pub paragraph: usize,
}

#[derive(Debug, Clone)]
pub struct Paragraph {
    pub span: Span,
    pub first_sentence: usize,
    pub end_sentence: usize,
}

/// A quotation: its interior text, one span per paragraph it runs through.
#[derive(Debug, Clone)]
pub struct Quote {
    pub spans: Vec<Span>,
    /// Token index of the opening mark.
    pub open: usize,
    /// Token index of the closing mark, if it has one.
    pub close: Option<usize>,
    /// The token after its interior: its closing mark, or the token after
    /// the end of the last paragraph it runs through.
    interior_end: usize,
}

/// A segmented document. Everything refers back to `text` by byte offsets.
#[derive(Debug)]
pub struct Document<'a> {
    pub text: &'a str,
    /// The text ASCII-lowercased, with ASCII whitespace as plain spaces: the
    /// same byte offsets as `text`, and the stream the phrase automaton runs
    /// over.
    pub norm: String,
    /// Lowercase forms of the few tokens with non-ASCII capitals, which the
    /// ASCII-lowercased `norm` leaves as they are.
    pub extra: Vec<Box<str>>,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    pub paragraphs: Vec<Paragraph>,
    pub quotes: Vec<Quote>,
    /// Each quotation mark that opens, continues or closes a quote, with
    /// that quote, in token order: marks are few, so a lookup searches this
    /// rather than a per-token table (two tables cleared for every token
    /// cost more than the pairing itself).
    marks: Vec<(u32, u32)>,
    /// Every quotation-mark token, paired or not, in token order.
    pub quote_marks: Vec<u32>,
}

impl<'a> Document<'a> {
    /// Segments `text`. `abbreviations` (the rule set's `words.abbreviations`)
    /// keep their dot when a word is written before a name ("Dr.").
    ///
    /// # Panics
    ///
    /// When `text` is longer than `u32::MAX` bytes (4 GiB): a token keeps
    /// its offsets in 32 bits. The command line refuses such input first
    /// (`CLAIMTRACE_MAX_INPUT_BYTES` cannot be set above it).
    pub fn new(text: &'a str, abbreviations: &[String]) -> Self {
        assert!(
            u32::try_from(text.len()).is_ok(),
            "a document of {} bytes is over the 4 GiB a token's 32-bit offsets reach",
            text.len()
        );
        let mut doc = Document {
            text,
            norm: normalise(text),
            extra: Vec::new(),
            // News runs to about 5.3 bytes a token, 140 a sentence, 225 a
            // paragraph and 430 a quotation (PolNeAR). Room for the denser
            // documents too: growing the token list copies all of it, which
            // one document in seven needed at a token per 5 bytes.
            tokens: Vec::with_capacity(text.len() / 4 + 16),
            sentences: Vec::with_capacity(text.len() / 96 + 1),
            paragraphs: Vec::with_capacity(text.len() / 160 + 1),
            quotes: Vec::with_capacity(text.len() / 256),
            marks: Vec::with_capacity(text.len() / 128),
            quote_marks: Vec::with_capacity(text.len() / 128),
        };
        let english = English {};
        let abbreviations = Abbreviations::new(abbreviations);
        let mut scratch = sentences::Scratch::default();
        let mut pieces = Vec::new();
        for para in paragraph_spans(text) {
            let first_sentence = doc.sentences.len();
            let body = &text[para.start..para.end];
            // A paragraph with no sentence end before its last word is one
            // sentence, and sentencex is not asked.
            if may_hold_several_sentences(body) {
                sentences::split(&english, body, &mut scratch, &mut pieces);
                join_after_titles(body, &abbreviations, &mut pieces);
            } else {
                pieces.clear();
                pieces.push((0, body.len()));
            }
            for &(start, end) in &pieces {
                let raw = Span::new(para.start + start, para.start + end);
                let span = trim_span(text, raw);
                if span.is_empty() {
                    continue;
                }
                let first = doc.tokens.len();
                // "“…” ― Ana Ruiz": a signature after a quotation is part of
                // the quotation's sentence, not a sentence of its own; so is
                // a short speaker tag after a question or exclamation that
                // closes a quotation ("“How many times?” Clinton said.").
                let piece = &text[span.start..span.end];
                let signature = doc.sentences.len() > first_sentence
                    && (piece.starts_with(['―', '—', '–'])
                        || doc.sentences.last().is_some_and(|last| {
                            ends_with_exclaimed_quote(&text[last.span.start..last.span.end])
                        }) && is_speaker_tag(piece));
                let index = doc.sentences.len() - usize::from(signature);
                tokenize::<true>(
                    text,
                    &abbreviations,
                    span,
                    index,
                    &mut doc.tokens,
                    &mut doc.extra,
                );
                if doc.tokens.len() == first {
                    continue;
                }
                if signature && let Some(last) = doc.sentences.last_mut() {
                    last.span = Span::new(last.span.start, span.end);
                    last.end = doc.tokens.len();
                    continue;
                }
                doc.sentences.push(Sentence {
                    span,
                    first,
                    end: doc.tokens.len(),
                    paragraph: doc.paragraphs.len(),
                });
            }
            if doc.sentences.len() > first_sentence {
                doc.paragraphs.push(Paragraph {
                    span: para,
                    first_sentence,
                    end_sentence: doc.sentences.len(),
                });
            }
        }
        doc.find_quotes();
        doc
    }

    /// The quote that token `i`, a word or punctuation, lies inside.
    pub fn in_quote(&self, i: usize) -> Option<u32> {
        if !matches!(self.tokens[i].kind, TokenKind::Word | TokenKind::Punct) {
            return None;
        }
        // Quotes are in token order and do not overlap.
        let q = self.quotes.partition_point(|q| q.open < i).checked_sub(1)?;
        (i < self.quotes[q].interior_end).then_some(q as u32)
    }

    /// Whether every word of tokens `[first, end)` lies inside a quote, as
    /// `in_quote` would say word by word, in one walk over the quotes
    /// rather than a search a word.
    pub fn words_all_quoted(&self, first: usize, end: usize) -> bool {
        // `quotes[..next]` open before the word at hand; the last of them
        // is the only one that can hold it.
        let mut next = self.quotes.partition_point(|q| q.open < first);
        (first..end)
            .filter(|&k| self.tokens[k].kind == TokenKind::Word)
            .all(|k| {
                while self.quotes.get(next).is_some_and(|q| q.open < k) {
                    next += 1;
                }
                next > 0 && k < self.quotes[next - 1].interior_end
            })
    }

    /// The quote that quotation-mark token `i` opens, continues or closes.
    pub fn quote_of_mark(&self, i: usize) -> Option<u32> {
        let at = self
            .marks
            .binary_search_by_key(&(i as u32), |&(mark, _)| mark)
            .ok()?;
        Some(self.marks[at].1)
    }

    /// The lowercased text of token `i`.
    #[inline]
    pub fn lower(&self, i: usize) -> &str {
        let t = &self.tokens[i];
        if t.extra == NO_EXTRA {
            self.norm_text(i)
        } else {
            &self.extra[t.extra as usize]
        }
    }

    /// `'s`, `’s` or a lone apostrophe: a possessive. The token's stored
    /// first character rules out nearly every token before any text is
    /// compared; always inline, as the grammar asks it in its loops.
    #[inline(always)]
    pub fn is_possessive(&self, i: usize) -> bool {
        matches!(self.tokens[i].first, '\'' | '’')
            && matches!(self.lower(i), "'s" | "’s" | "'" | "’")
    }

    /// True when `lower(i)` is the normalised text at the token's own
    /// offset (`norm_text(i)`), as for every token without a non-ASCII capital.
    pub fn lower_is_norm(&self, i: usize) -> bool {
        self.tokens[i].extra == NO_EXTRA
    }

    /// The token's bytes in `norm`: its text ASCII-lowercased.
    #[inline]
    pub fn norm_text(&self, i: usize) -> &str {
        let s = self.tokens[i].span();
        &self.norm[s.start..s.end]
    }

    /// The bytes of tokens `[first, end)` (`end > first`), from the first's
    /// start to the last's end.
    pub fn tokens_span(&self, first: usize, end: usize) -> Span {
        Span::new(
            self.tokens[first].span().start,
            self.tokens[end - 1].span().end,
        )
    }

    pub fn token_text(&self, i: usize) -> &'a str {
        let s = self.tokens[i].span();
        &self.text[s.start..s.end]
    }

    pub fn slice(&self, span: Span) -> &'a str {
        &self.text[span.start..span.end]
    }

    /// The token range `[first, end)` of paragraph `p`.
    fn paragraph_tokens(&self, p: usize) -> (usize, usize) {
        let para = &self.paragraphs[p];
        (
            self.sentences[para.first_sentence].first,
            self.sentences[para.end_sentence - 1].end,
        )
    }

    /// Pairs quotation marks. An unclosed quote at the end of a paragraph
    /// continues when the next paragraph opens with a quotation mark (the
    /// newspaper convention for multi-paragraph quotes); otherwise it ends there.
    fn find_quotes(&mut self) {
        let n = self.tokens.len();
        let mut open: Option<(usize, usize)> = None; // (quote index, interior start)
        // Paragraphs are consecutive token ranges, each with a token.
        let mut para = 0;
        let mut para_end = 0;
        let mut i = 0;
        while i < n {
            // With no quotation open only an opening mark matters (a lone
            // closing mark pairs with nothing, and is only recorded): skip
            // to the next mark.
            if open.is_none() {
                match self.tokens[i..].iter().position(|t| t.kind.is_quote_mark()) {
                    Some(k) => i += k,
                    None => break,
                }
            }
            while i >= para_end {
                para_end = self.paragraph_tokens(para).1;
                para += 1;
            }
            // Inside a quotation only marks and the paragraph's last token
            // (where an open quotation ends or continues) matter.
            if open.is_some() {
                let last = para_end - 1;
                match self.tokens[i..last]
                    .iter()
                    .position(|t| t.kind.is_quote_mark())
                {
                    Some(k) => i += k,
                    // `i < para_end`, so `i <= last`.
                    None => i = last,
                }
            }
            if self.tokens[i].kind.is_quote_mark() {
                self.quote_marks.push(i as u32);
            }
            let span = self.tokens[i].span();
            match (self.tokens[i].kind, open) {
                (TokenKind::OpenQuote, None) => {
                    self.quotes.push(Quote {
                        spans: Vec::new(),
                        open: i,
                        close: None,
                        interior_end: i + 1,
                    });
                    open = Some((self.quotes.len() - 1, span.end));
                    self.marks.push((i as u32, (self.quotes.len() - 1) as u32));
                }
                (TokenKind::CloseQuote | TokenKind::OpenQuote, Some((q, start))) => {
                    self.quotes[q]
                        .spans
                        .push(Span::new(start, span.start.max(start)));
                    self.quotes[q].close = Some(i);
                    self.quotes[q].interior_end = i;
                    self.marks.push((i as u32, q as u32));
                    // A straight mark read as an opener (a space before it)
                    // that pairs as a closer (`"Rates rose, " she said`) is
                    // a closer to the grammar too, and so is “ after „
                    // (German „…“). A curly opener that merely ends a
                    // mispaired quotation stays an opener.
                    let opener = self.tokens[self.quotes[q].open].span().start;
                    let mark = &self.text[span.start..span.end];
                    let german = mark == "“" && self.text[opener..].starts_with('„');
                    if mark == "\"" || german {
                        self.tokens[i].kind = TokenKind::CloseQuote;
                    }
                    open = None;
                }
                _ => {}
            }
            if let (true, Some((q, start))) = (i + 1 == para_end, open) {
                let end = self.tokens[i].span().end;
                let interior = Span::new(start, end.max(start));
                self.quotes[q].spans.push(interior);
                self.quotes[q].interior_end = i + 1;
                // Only a quotation with words in this paragraph runs on: a
                // stray opening mark at a paragraph's end does not swallow
                // the next paragraph.
                let worded = self.slice(interior).chars().any(char::is_alphanumeric);
                let continues =
                    worded && i + 1 < n && self.tokens[i + 1].kind == TokenKind::OpenQuote;
                if continues {
                    i += 1;
                    self.marks.push((i as u32, q as u32));
                    self.quote_marks.push(i as u32);
                    open = Some((q, self.tokens[i].span().end));
                } else {
                    open = None;
                }
            }
            i += 1;
        }
    }
}

/// True when a sentence-ending mark is followed by more text: only then can
/// the paragraph split into sentences.
fn may_hold_several_sentences(body: &str) -> bool {
    let bytes = &body.as_bytes()[..body.trim_end().len()];
    let is_closer =
        |b: u8| matches!(b, b'"' | b'\'' | b')' | b']' | b'.' | b'!' | b'?') || b >= 0x80;
    // Sentence marks, a line break, and the first byte of "…" (E2 80 A6).
    let marks = memchr::memchr3_iter(b'.', b'!', b'?', bytes)
        .chain(memchr::memchr2_iter(b'\n', 0xE2, bytes));
    marks.into_iter().any(|i| {
        if bytes[i] == 0xE2 && !(bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0xA6))
        {
            return false;
        }
        // Closing quotes, brackets and more marks may follow; then a space
        // with more text after it means another sentence may start.
        let mut j = i + 1;
        while j < bytes.len() && is_closer(bytes[j]) {
            j += 1;
        }
        j < bytes.len() && bytes[j].is_ascii_whitespace()
    })
}

/// Paragraphs are separated by blank lines; a text with no blank line at all
/// has one paragraph per line.
fn paragraph_spans(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let has_blank_line = has_blank_line(text);
    let mut spans = Vec::new();
    let mut start = 0;
    let mut line_start = 0;
    // Line ends: "\n", and a "\r" not followed by "\n" (old Mac files).
    let ends = memchr::memchr2_iter(b'\n', b'\r', bytes)
        .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
        .chain(std::iter::once(bytes.len()));
    for i in ends {
        let at_end = i == bytes.len();
        let line = &text[line_start..i];
        let blank = line.trim().is_empty();
        if blank || !has_blank_line || at_end {
            let end = if blank { line_start } else { i };
            if end > start && !text[start..end].trim().is_empty() {
                spans.push(trim_span(text, Span::new(start, end)));
            }
            start = i + 1;
        }
        line_start = i + 1;
    }
    spans
}

/// True when a blank line stands between two non-blank lines.
fn has_blank_line(text: &str) -> bool {
    text.trim().lines().any(|l| l.trim().is_empty())
}

/// Narrows a span to exclude surrounding whitespace.
pub fn trim_span(text: &str, span: Span) -> Span {
    let s = &text[span.start..span.end];
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.start + s.trim_end().len();
    Span::new(start, end.max(start))
}

/// `Token::extra` of a token whose lowercase form is its normalised text.
const NO_EXTRA: u32 = u32::MAX;

/// `text` ASCII-lowercased, with ASCII whitespace turned into spaces (so that
/// "according\nto" is the phrase "according to"); byte offsets unchanged.
fn normalise(text: &str) -> String {
    let bytes: Vec<u8> = text
        .bytes()
        .map(|b| match b {
            b'\n' | b'\r' | b'\t' | 0x0b | 0x0c => b' ',
            b => b.to_ascii_lowercase(),
        })
        .collect();
    debug_assert!(std::str::from_utf8(&bytes).is_ok());
    // SAFETY: only ASCII bytes were replaced, each by an ASCII byte, in a
    // valid UTF-8 text: the bytes are still valid UTF-8. (Checking it
    // again cost about 1% of the archive path, docs/performance.md.)
    unsafe { String::from_utf8_unchecked(bytes) }
}

/// Sentencex sometimes ends a sentence at a title's dot ("…,” Ms. | Moore
/// said."); a piece that ends with one of the rule set's abbreviations is
/// joined to the next.
fn join_after_titles(body: &str, abbreviations: &Abbreviations, pieces: &mut Vec<(usize, usize)>) {
    let mut k = 0;
    while k + 1 < pieces.len() {
        let piece = body[pieces[k].0..pieces[k].1].trim_end();
        let ends_with_title = piece.strip_suffix('.').is_some_and(|rest| {
            let word = rest
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            abbreviations.contains(word.as_bytes())
        });
        if ends_with_title {
            pieces[k].1 = pieces[k + 1].1;
            pieces.remove(k + 1);
        } else {
            k += 1;
        }
    }
}

/// The rule set's abbreviations, with a table of their first bytes: asked
/// at every word before a dot, and nearly always answered by the table.
pub(super) struct Abbreviations<'w> {
    words: &'w [String],
    initials: [bool; 256],
}

impl<'w> Abbreviations<'w> {
    fn new(words: &'w [String]) -> Self {
        let mut initials = [false; 256];
        for w in words {
            if let Some(&b) = w.as_bytes().first() {
                initials[usize::from(b)] = true;
            }
        }
        Abbreviations { words, initials }
    }

    /// Whether `word` is one of them, case as written (bytes: the
    /// tokenizer asks about ASCII bytes it has not made a `str`).
    pub(super) fn contains(&self, word: &[u8]) -> bool {
        let listed = |&b: &u8| self.initials[usize::from(b)];
        word.first().is_none_or(listed) && self.words.iter().any(|a| a.as_bytes() == word)
    }
}

/// Whether a sentence ends with `?` or `!` right inside a closing mark
/// (`''` too, the New York Times' style).
fn ends_with_exclaimed_quote(sentence: &str) -> bool {
    let tail = sentence
        .strip_suffix("''")
        .or_else(|| sentence.strip_suffix(['”', '"', '’', '\'']));
    tail.is_some_and(|t| t.ends_with(['?', '!']))
}

/// A short clause ending in a full stop, with no quotation of its own: the
/// shape of "Clinton said." or "asked the senator from Ohio.".
fn is_speaker_tag(piece: &str) -> bool {
    piece.ends_with('.')
        && piece.split_whitespace().count() <= 6
        && !piece.contains(['“', '”', '"'])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The kinds of the quotation marks of `text`, in order.
    fn quote_mark_kinds(text: &str) -> Vec<TokenKind> {
        Document::new(text, &[])
            .tokens
            .iter()
            .filter(|t| t.kind.is_quote_mark())
            .map(|t| t.kind)
            .collect()
    }

    fn words(doc: &Document) -> Vec<String> {
        (0..doc.tokens.len())
            .map(|i| doc.token_text(i).to_string())
            .collect()
    }

    #[test]
    fn tokens_keep_byte_offsets_and_split_possessives() {
        let doc = Document::new("Erdogan's top diplomat, state-run TRT said.", &[]);
        assert_eq!(
            words(&doc),
            [
                "Erdogan",
                "'s",
                "top",
                "diplomat",
                ",",
                "state-run",
                "TRT",
                "said",
                "."
            ]
        );
        let t = &doc.tokens[6];
        assert_eq!(&doc.text[t.span().start..t.span().end], "TRT");
        assert!(t.capitalized);
    }

    #[test]
    fn paragraphs_and_sentences() {
        let doc = Document::new("One fact. Another fact.\n\nA second paragraph.", &[]);
        assert_eq!(doc.paragraphs.len(), 2);
        assert_eq!(doc.sentences.len(), 3);
        assert_eq!(doc.slice(doc.sentences[2].span), "A second paragraph.");
    }

    #[test]
    fn quotes_pair_curly_and_straight_marks() {
        let doc = Document::new("“We will win,” he said. She said: \"No.\"", &[]);
        assert_eq!(doc.quotes.len(), 2);
        assert_eq!(doc.slice(doc.quotes[0].spans[0]), "We will win,");
        assert_eq!(doc.slice(doc.quotes[1].spans[0]), "No.");
    }

    #[test]
    fn two_apostrophes_are_a_quotation_mark() {
        let doc = Document::new("''We will win,'' he said.", &[]);
        assert_eq!(doc.quotes.len(), 1);
        assert_eq!(doc.slice(doc.quotes[0].spans[0]), "We will win,");
    }

    #[test]
    fn three_apostrophes_after_a_word_close_the_inner_mark_first() {
        let doc = Document::new("''Call it 'old-school,''' he said. ''Yes.''", &[]);
        assert_eq!(doc.quotes.len(), 2);
        assert_eq!(doc.slice(doc.quotes[0].spans[0]), "Call it 'old-school,'");
        // Before a word, the double mark opens first.
        let doc = Document::new("He said '''Old-school' is a word.''", &[]);
        assert_eq!(doc.quotes.len(), 1);
        assert_eq!(doc.slice(doc.quotes[0].spans[0]), "'Old-school' is a word.");
    }

    #[test]
    fn a_quote_continues_into_a_paragraph_that_opens_with_a_quote_mark() {
        let doc = Document::new("“First part.\n\n“Second part,” she said.", &[]);
        assert_eq!(doc.quotes.len(), 1);
        let spans: Vec<&str> = doc.quotes[0].spans.iter().map(|s| doc.slice(*s)).collect();
        assert_eq!(spans, ["First part.", "Second part,"]);
    }

    #[test]
    fn every_quotation_mark_is_listed_paired_or_not() {
        let texts = [
            "A stray ” mark. “We will win,” he said. She said: \"No.\" And ” again.",
            "“First part.\n\n“Second part,” she said. ” Then “unclosed",
            "“One, ” two ” three.\n\nNo marks here at all.\n\n“Last” “words”",
        ];
        for text in texts {
            let doc = Document::new(text, &[]);
            let every: Vec<u32> = (0..doc.tokens.len())
                .filter(|&i| doc.tokens[i].kind.is_quote_mark())
                .map(|i| i as u32)
                .collect();
            assert!(!every.is_empty());
            assert_eq!(doc.quote_marks, every, "{text:?}");
        }
    }

    #[test]
    fn a_right_mark_opening_a_line_opens_a_quote() {
        let doc = Document::new("Intro.\n”Fear. I am afraid.” ― Ana Ruiz", &[]);
        assert_eq!(doc.quotes.len(), 1);
        assert_eq!(doc.slice(doc.quotes[0].spans[0]), "Fear. I am afraid.");
    }

    #[test]
    fn a_title_never_ends_a_sentence() {
        let doc = Document::new(
            "They met. \"It is magic,\" Ms. Moore said. Then Mr. Lee left.",
            &["Ms".into(), "Mr".into()],
        );
        let sentences: Vec<&str> = doc.sentences.iter().map(|s| doc.slice(s.span)).collect();
        assert_eq!(
            sentences,
            [
                "They met.",
                "\"It is magic,\" Ms. Moore said.",
                "Then Mr. Lee left."
            ]
        );
    }

    #[test]
    fn a_speaker_tag_after_a_question_in_quotes_joins_it() {
        let doc = Document::new("“How many times?” Clinton said. Then she left.", &[]);
        assert_eq!(doc.sentences.len(), 2);
        assert_eq!(
            doc.slice(doc.sentences[0].span),
            "“How many times?” Clinton said."
        );
        // The New York Times' doubled apostrophes close a quotation too.
        let doc = Document::new(
            "''Why do they pay less?'' Mrs. Clinton asked. Then she left.",
            &[],
        );
        assert_eq!(doc.sentences.len(), 2);
        assert_eq!(
            doc.slice(doc.sentences[0].span),
            "''Why do they pay less?'' Mrs. Clinton asked."
        );
    }

    #[test]
    fn words_all_quoted_agrees_with_in_quote_word_by_word() {
        let doc = Document::new(
            "He said “one two” and “three, four” then left. “Five six\n\nSeven” closed. “Open",
            &[],
        );
        assert!(doc.quotes.len() >= 3);
        let mut both = [0, 0];
        for first in 0..doc.tokens.len() {
            for end in first..=doc.tokens.len() {
                let expected = (first..end)
                    .all(|k| doc.in_quote(k).is_some() || doc.tokens[k].kind != TokenKind::Word);
                assert_eq!(doc.words_all_quoted(first, end), expected, "{first}..{end}");
                both[usize::from(expected)] += 1;
            }
        }
        // Both answers are met, each many times.
        assert!(both.iter().all(|&n| n > 20), "{both:?}");
    }

    #[test]
    fn a_straight_mark_after_a_space_that_closes_a_quote_is_a_closer() {
        let text = "\"Rates rose, \" she said. Then \"more\" came.";
        use TokenKind::{CloseQuote, OpenQuote};
        assert_eq!(
            quote_mark_kinds(text),
            [OpenQuote, CloseQuote, OpenQuote, CloseQuote]
        );
        let doc = Document::new(text, &[]);
        assert_eq!(doc.slice(doc.quotes[0].spans[0]), "Rates rose, ");
    }

    #[test]
    fn only_a_straight_mark_or_a_german_one_turns_closer_by_pairing() {
        use TokenKind::{CloseQuote, OpenQuote};
        // „…“: the German pair, opener and closer.
        assert_eq!(
            quote_mark_kinds("Er sagte „Wir gewinnen“ und ging."),
            [OpenQuote, CloseQuote]
        );
        // A curly opener that ends a mispaired quotation stays an opener.
        assert_eq!(
            quote_mark_kinds("\"Asked, as “The Journal” wrote, he left."),
            [OpenQuote, OpenQuote, CloseQuote]
        );
    }

    #[test]
    fn a_stray_opening_mark_at_a_paragraph_end_does_not_run_on() {
        let doc = Document::new("He said it“.\n\n“Next part,” she said.", &[]);
        let quoted: Vec<Vec<&str>> = doc
            .quotes
            .iter()
            .map(|q| q.spans.iter().map(|s| doc.slice(*s)).collect())
            .collect();
        assert_eq!(quoted, [vec!["."], vec!["Next part,"]]);
    }

    #[test]
    fn an_unclosed_quote_ends_with_its_paragraph() {
        let doc = Document::new("“Never closed.\n\nPlain text here.", &[]);
        assert_eq!(doc.quotes.len(), 1);
        assert_eq!(doc.slice(doc.quotes[0].spans[0]), "Never closed.");
        assert!((4..doc.tokens.len()).all(|i| doc.in_quote(i).is_none()));
    }

    #[test]
    fn only_paragraphs_with_an_inner_sentence_end_are_split() {
        assert!(!may_hold_several_sentences(
            "One sentence with a comma, and more."
        ));
        assert!(!may_hold_several_sentences("“A quoted sentence,” he said."));
        assert!(may_hold_several_sentences("One. Two."));
        assert!(may_hold_several_sentences("Is it? Yes."));
        assert!(may_hold_several_sentences("“Done.” Then more."));
        assert!(may_hold_several_sentences("Dr. Smith said so."));
    }

    #[test]
    fn abbreviations_are_found_as_written() {
        let list = ["Dr".to_string(), "Sen".into(), "approx".into()];
        let abbreviations = Abbreviations::new(&list);
        for yes in ["Dr", "Sen", "approx"] {
            assert!(abbreviations.contains(yes.as_bytes()), "{yes}");
        }
        for no in ["dr", "DR", "Sena", "Se", "D", "Mr", "", "approximately"] {
            assert!(!abbreviations.contains(no.as_bytes()), "{no}");
        }
    }

    #[test]
    fn lines_are_paragraphs_when_there_is_no_blank_line() {
        let doc = Document::new("First line.\nSecond line.", &[]);
        assert_eq!(doc.paragraphs.len(), 2);
    }
}
