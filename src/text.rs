//! Segmentation: paragraphs, sentences (sentencex), tokens with byte offsets,
//! and quotation regions, which may run across sentences and paragraphs.

use crate::model::Span;
use sentencex::languages::{English, Language};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Punct,
    /// “ or a straight " that opens a quotation by its context.
    OpenQuote,
    /// ” or a straight " that closes one.
    CloseQuote,
}

#[derive(Debug, Clone)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    /// Where the lowercased text lies: in `Document::norm` (at the token's own
    /// offset), or, with the `IN_EXTRA` bit, in `Document::extra`.
    pub norm_start: u32,
    pub norm_len: u32,
    /// Starts with an uppercase letter.
    pub capitalized: bool,
    pub sentence: usize,
}

impl Token {
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
}

/// A segmented document. Everything refers back to `text` by byte offsets.
#[derive(Debug)]
pub struct Document<'a> {
    pub text: &'a str,
    /// The text ASCII-lowercased, with ASCII whitespace as plain spaces: the
    /// same byte offsets as `text`, and the stream the phrase automaton runs
    /// over.
    pub norm: String,
    /// Lowercase forms of the few tokens whose non-ASCII capitals change length.
    pub extra: String,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    pub paragraphs: Vec<Paragraph>,
    pub quotes: Vec<Quote>,
    /// For each token, the quote it lies inside (marks excluded).
    pub in_quote: Vec<Option<u32>>,
    /// For each quotation-mark token, the quote it opens or closes.
    pub quote_of_mark: Vec<Option<u32>>,
}

impl<'a> Document<'a> {
    /// Segments `text`. `abbreviations` (the rule set's `words.abbreviations`)
    /// keep their dot when a word is written before a name ("Dr.").
    pub fn new(text: &'a str, abbreviations: &[String]) -> Self {
        let mut doc = Document {
            text,
            norm: normalise(text),
            extra: String::new(),
            tokens: Vec::with_capacity(text.len() / 5),
            sentences: Vec::new(),
            paragraphs: Vec::new(),
            quotes: Vec::new(),
            in_quote: Vec::new(),
            quote_of_mark: Vec::new(),
        };
        let english = English {};
        for para in paragraph_spans(text) {
            let first_sentence = doc.sentences.len();
            let body = &text[para.start..para.end];
            // `segment` returns slices of `body`; their offsets are recovered
            // from the pointers (cheaper than the character-indexed boundaries).
            // A paragraph with no sentence end before its last word is one
            // sentence, and sentencex is not asked.
            let pieces = if may_hold_several_sentences(body) {
                english.segment(body)
            } else {
                vec![body]
            };
            for piece in pieces {
                let offset = piece.as_ptr() as usize - body.as_ptr() as usize;
                let raw = Span::new(para.start + offset, para.start + offset + piece.len());
                let span = trim_span(text, raw);
                if span.is_empty() {
                    continue;
                }
                let first = doc.tokens.len();
                // "“…” ― Ana Ruiz": a signature after a quotation is part of
                // the quotation's sentence, not a sentence of its own.
                let signature = doc.sentences.len() > first_sentence
                    && text[span.start..span.end].starts_with(['―', '—', '–']);
                let index = doc.sentences.len() - usize::from(signature);
                tokenize(
                    text,
                    abbreviations,
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

    /// The lowercased text of token `i`.
    pub fn lower(&self, i: usize) -> &str {
        let t = &self.tokens[i];
        let (store, start) = if t.norm_start & IN_EXTRA != 0 {
            (&self.extra, (t.norm_start & !IN_EXTRA) as usize)
        } else {
            (&self.norm, t.norm_start as usize)
        };
        &store[start..start + t.norm_len as usize]
    }

    pub fn token_text(&self, i: usize) -> &'a str {
        let s = self.tokens[i].span;
        &self.text[s.start..s.end]
    }

    pub fn slice(&self, span: Span) -> &'a str {
        &self.text[span.start..span.end]
    }

    fn paragraph_of_token(&self, i: usize) -> usize {
        self.sentences[self.tokens[i].sentence].paragraph
    }

    /// Pairs quotation marks. An unclosed quote at the end of a paragraph
    /// continues when the next paragraph opens with a quotation mark (the
    /// newspaper convention for multi-paragraph quotes); otherwise it ends there.
    fn find_quotes(&mut self) {
        self.in_quote = vec![None; self.tokens.len()];
        self.quote_of_mark = vec![None; self.tokens.len()];
        let mut open: Option<(usize, usize)> = None; // (quote index, interior start)
        let mut i = 0;
        while i < self.tokens.len() {
            let para = self.paragraph_of_token(i);
            let kind = self.tokens[i].kind;
            match (kind, open) {
                (TokenKind::OpenQuote, None) => {
                    self.quotes.push(Quote {
                        spans: Vec::new(),
                        open: i,
                        close: None,
                    });
                    open = Some((self.quotes.len() - 1, self.tokens[i].span.end));
                    self.quote_of_mark[i] = Some((self.quotes.len() - 1) as u32);
                }
                (TokenKind::CloseQuote | TokenKind::OpenQuote, Some((q, start))) => {
                    let end = self.tokens[i].span.start;
                    self.quotes[q].spans.push(Span::new(start, end.max(start)));
                    self.quotes[q].close = Some(i);
                    self.quote_of_mark[i] = Some(q as u32);
                    open = None;
                }
                (TokenKind::Word | TokenKind::Punct, Some((q, _))) => {
                    self.in_quote[i] = Some(q as u32);
                }
                _ => {}
            }
            let last_of_paragraph =
                i + 1 == self.tokens.len() || self.paragraph_of_token(i + 1) != para;
            if let (true, Some((q, start))) = (last_of_paragraph, open) {
                let end = self.tokens[i].span.end;
                self.quotes[q].spans.push(Span::new(start, end.max(start)));
                let continues =
                    i + 1 < self.tokens.len() && self.tokens[i + 1].kind == TokenKind::OpenQuote;
                if continues {
                    i += 1;
                    self.quote_of_mark[i] = Some(q as u32);
                    open = Some((q, self.tokens[i].span.end));
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

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Splits a sentence into word, punctuation and quotation-mark tokens.
/// Words keep inner hyphens, apostrophes and dots ("state-run", "don't",
/// "U.S"); a possessive `'s` (or the `'` of "Dockers'") is a token of its own.
/// Marks a token whose lowercase form is in `Document::extra`.
const IN_EXTRA: u32 = 1 << 31;

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
    // Only ASCII bytes were replaced, by ASCII bytes: still valid UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_ascii_lowercase())
}

fn tokenize(
    text: &str,
    abbreviations: &[String],
    span: Span,
    sentence: usize,
    out: &mut Vec<Token>,
    extra: &mut String,
) {
    let s = &text[span.start..span.end];
    let bytes = s.as_bytes();
    // ASCII needs no decoding; other characters are decoded where they start.
    let char_at = |i: usize| match bytes.get(i) {
        None => None,
        Some(&b) if b < 0x80 => Some(b as char),
        Some(_) => s[i..].chars().next(),
    };
    let is_alnum_at = |i: usize| char_at(i).is_some_and(char::is_alphanumeric);
    let mut push = |out: &mut Vec<Token>, start: usize, end: usize, kind: TokenKind| {
        let raw = &s[start..end];
        // The token's lowercase form is the normalised text at its own offset,
        // unless a non-ASCII capital changes its length ("İ").
        let (norm_start, norm_len) = if !raw.is_ascii() && raw.chars().any(char::is_uppercase) {
            let at = extra.len();
            extra.extend(raw.chars().flat_map(char::to_lowercase));
            (at as u32 | IN_EXTRA, (extra.len() - at) as u32)
        } else {
            ((span.start + start) as u32, raw.len() as u32)
        };
        out.push(Token {
            span: Span::new(span.start + start, span.start + end),
            kind,
            norm_start,
            norm_len,
            capitalized: match raw.as_bytes()[0] {
                b if b < 0x80 => b.is_ascii_uppercase(),
                _ => raw.chars().next().is_some_and(char::is_uppercase),
            },
            sentence,
        });
    };
    let mut i = 0;
    let mut prev: Option<char> = None;
    while let Some(c) = char_at(i) {
        let w = c.len_utf8();
        if c.is_whitespace() {
            prev = Some(c);
            i += w;
            continue;
        }
        if c.is_alphanumeric() {
            let mut j = i + w;
            let mut last = c;
            loop {
                // The common case: a run of ASCII letters and digits.
                let run = bytes[j..]
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric())
                    .count();
                if run > 0 {
                    j += run;
                    last = bytes[j - 1] as char;
                }
                let Some(d) = char_at(j) else { break };
                let dw = d.len_utf8();
                if d.is_alphanumeric() {
                    last = d;
                    j += dw;
                    continue;
                }
                let next = char_at(j + dw);
                let next_alnum = next.is_some_and(char::is_alphanumeric);
                if is_apostrophe(d) && next_alnum {
                    let possessive = matches!(next, Some('s' | 'S')) && !is_alnum_at(j + dw + 1);
                    if possessive {
                        break;
                    }
                    last = d;
                    j += dw;
                } else if (d == '-' || d == '.') && next_alnum
                    || d == ',' && last.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit())
                {
                    last = d;
                    j += dw;
                } else {
                    break;
                }
            }
            // "Dr." and "Sen." keep their dot, so titles match as one word;
            // so do initials and dotted abbreviations ("Donald J. Trump",
            // "the S.E.C."), which would otherwise split a name.
            let word = &s[i..j];
            let initial = word.len() == 1 && word.as_bytes()[0].is_ascii_uppercase();
            let dotted = word.contains('.') && word.as_bytes()[0].is_ascii_uppercase();
            if char_at(j) == Some('.')
                && (initial || dotted || abbreviations.iter().any(|a| a == word))
            {
                j += 1;
            }
            push(out, i, j, TokenKind::Word);
            prev = Some(last);
            i = j;
            continue;
        }
        // Two apostrophes are one quotation mark (the New York Times style:
        // ''We will win,'' he said).
        if c == '\'' && bytes.get(i + 1) == Some(&b'\'') {
            push(out, i, i + 2, straight_quote_kind(text, span.start + i));
            prev = Some('"');
            i += 2;
            continue;
        }
        let after = char_at(i + w);
        let prev_alnum = prev.is_some_and(char::is_alphanumeric);
        if is_apostrophe(c)
            && prev_alnum
            && matches!(after, Some('s' | 'S'))
            && !is_alnum_at(i + w + 1)
        {
            push(out, i, i + w + 1, TokenKind::Word);
            prev = Some('s');
            i += w + 1;
            continue;
        }
        // A plural possessive: "the Dockers' Union".
        if is_apostrophe(c)
            && matches!(prev, Some('s' | 'S'))
            && after.is_none_or(char::is_whitespace)
        {
            push(out, i, i + w, TokenKind::Word);
            prev = Some(c);
            i += w;
            continue;
        }
        let kind = match c {
            '“' | '«' | '„' => TokenKind::OpenQuote,
            '”' | '»' => TokenKind::CloseQuote,
            '"' => straight_quote_kind(text, span.start + i),
            _ => TokenKind::Punct,
        };
        push(out, i, i + w, kind);
        prev = Some(c);
        i += w;
    }
}

/// A straight quote opens when it follows a space, a line start or an opening
/// bracket, and closes otherwise.
fn straight_quote_kind(text: &str, at: usize) -> TokenKind {
    let before = text[..at].chars().next_back();
    match before {
        None => TokenKind::OpenQuote,
        Some(c) if c.is_whitespace() || "([{—–-:".contains(c) => TokenKind::OpenQuote,
        _ => TokenKind::CloseQuote,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(&doc.text[t.span.start..t.span.end], "TRT");
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
    fn a_quote_continues_into_a_paragraph_that_opens_with_a_quote_mark() {
        let doc = Document::new("“First part.\n\n“Second part,” she said.", &[]);
        assert_eq!(doc.quotes.len(), 1);
        let spans: Vec<&str> = doc.quotes[0].spans.iter().map(|s| doc.slice(*s)).collect();
        assert_eq!(spans, ["First part.", "Second part,"]);
    }

    #[test]
    fn an_unclosed_quote_ends_with_its_paragraph() {
        let doc = Document::new("“Never closed.\n\nPlain text here.", &[]);
        assert_eq!(doc.quotes.len(), 1);
        assert_eq!(doc.slice(doc.quotes[0].spans[0]), "Never closed.");
        assert!(doc.in_quote.iter().skip(4).all(Option::is_none));
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
    fn lines_are_paragraphs_when_there_is_no_blank_line() {
        let doc = Document::new("First line.\nSecond line.", &[]);
        assert_eq!(doc.paragraphs.len(), 2);
    }
}
