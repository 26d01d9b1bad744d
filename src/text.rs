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
    /// Lowercased text.
    pub lower: String,
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
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    pub paragraphs: Vec<Paragraph>,
    pub quotes: Vec<Quote>,
    /// For each token, the quote it lies inside (marks excluded).
    pub in_quote: Vec<Option<usize>>,
    /// For each quotation-mark token, the quote it opens or closes.
    pub quote_of_mark: Vec<Option<usize>>,
}

impl<'a> Document<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut doc = Document {
            text,
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
            for b in english.get_sentence_boundaries(body) {
                let raw = Span::new(para.start + b.start_byte, para.start + b.end_byte);
                let span = trim_span(text, raw);
                if span.is_empty() {
                    continue;
                }
                let first = doc.tokens.len();
                let index = doc.sentences.len();
                tokenize(text, span, index, &mut doc.tokens);
                if doc.tokens.len() == first {
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
                    self.quote_of_mark[i] = Some(self.quotes.len() - 1);
                }
                (TokenKind::CloseQuote | TokenKind::OpenQuote, Some((q, start))) => {
                    let end = self.tokens[i].span.start;
                    self.quotes[q].spans.push(Span::new(start, end.max(start)));
                    self.quotes[q].close = Some(i);
                    self.quote_of_mark[i] = Some(q);
                    open = None;
                }
                (TokenKind::Word | TokenKind::Punct, Some((q, _))) => {
                    self.in_quote[i] = Some(q);
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
                    self.quote_of_mark[i] = Some(q);
                    open = Some((q, self.tokens[i].span.end));
                } else {
                    open = None;
                }
            }
            i += 1;
        }
    }
}

/// Paragraphs are separated by blank lines; a text with no blank line at all
/// has one paragraph per line.
fn paragraph_spans(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let has_blank_line = has_blank_line(text);
    let mut spans = Vec::new();
    let mut start = 0;
    let mut line_start = 0;
    let mut i = 0;
    while i <= bytes.len() {
        let at_end = i == bytes.len();
        if at_end || bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
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
        i += 1;
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
/// "U.S"); a possessive `'s` is a token of its own.
fn tokenize(text: &str, span: Span, sentence: usize, out: &mut Vec<Token>) {
    let s = &text[span.start..span.end];
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    let push = |out: &mut Vec<Token>, start: usize, end: usize, kind: TokenKind| {
        let raw = &s[start..end];
        out.push(Token {
            span: Span::new(span.start + start, span.start + end),
            kind,
            lower: raw.to_lowercase(),
            capitalized: raw.chars().next().is_some_and(char::is_uppercase),
            sentence,
        });
    };
    while i < chars.len() {
        let (at, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let mut j = i + 1;
            while j < chars.len() {
                let c = chars[j].1;
                if c.is_alphanumeric() {
                    j += 1;
                    continue;
                }
                let next_alnum = chars.get(j + 1).is_some_and(|n| n.1.is_alphanumeric());
                if is_apostrophe(c) && next_alnum {
                    let possessive = chars.get(j + 1).is_some_and(|n| n.1 == 's' || n.1 == 'S')
                        && !chars.get(j + 2).is_some_and(|n| n.1.is_alphanumeric());
                    if possessive {
                        break;
                    }
                    j += 1;
                } else if (c == '-' || c == '.' || c == ',' && chars[j - 1].1.is_ascii_digit())
                    && next_alnum
                    && (c != ',' || chars.get(j + 1).is_some_and(|n| n.1.is_ascii_digit()))
                {
                    j += 1;
                } else {
                    break;
                }
            }
            let end = chars.get(j).map_or(s.len(), |n| n.0);
            push(out, at, end, TokenKind::Word);
            i = j;
            continue;
        }
        if is_apostrophe(c)
            && chars.get(i + 1).is_some_and(|n| n.1 == 's' || n.1 == 'S')
            && !chars.get(i + 2).is_some_and(|n| n.1.is_alphanumeric())
            && i > 0
            && chars[i - 1].1.is_alphanumeric()
        {
            let end = chars.get(i + 2).map_or(s.len(), |n| n.0);
            push(out, at, end, TokenKind::Word);
            i += 2;
            continue;
        }
        let end = chars.get(i + 1).map_or(s.len(), |n| n.0);
        let kind = match c {
            '“' | '«' | '„' => TokenKind::OpenQuote,
            '”' | '»' => TokenKind::CloseQuote,
            '"' => straight_quote_kind(text, span.start + at),
            _ => TokenKind::Punct,
        };
        push(out, at, end, kind);
        i += 1;
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
        let doc = Document::new("Erdogan's top diplomat, state-run TRT said.");
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
        let doc = Document::new("One fact. Another fact.\n\nA second paragraph.");
        assert_eq!(doc.paragraphs.len(), 2);
        assert_eq!(doc.sentences.len(), 3);
        assert_eq!(doc.slice(doc.sentences[2].span), "A second paragraph.");
    }

    #[test]
    fn quotes_pair_curly_and_straight_marks() {
        let doc = Document::new("“We will win,” he said. She said: \"No.\"");
        assert_eq!(doc.quotes.len(), 2);
        assert_eq!(doc.slice(doc.quotes[0].spans[0]), "We will win,");
        assert_eq!(doc.slice(doc.quotes[1].spans[0]), "No.");
    }

    #[test]
    fn a_quote_continues_into_a_paragraph_that_opens_with_a_quote_mark() {
        let doc = Document::new("“First part.\n\n“Second part,” she said.");
        assert_eq!(doc.quotes.len(), 1);
        let spans: Vec<&str> = doc.quotes[0].spans.iter().map(|s| doc.slice(*s)).collect();
        assert_eq!(spans, ["First part.", "Second part,"]);
    }

    #[test]
    fn an_unclosed_quote_ends_with_its_paragraph() {
        let doc = Document::new("“Never closed.\n\nPlain text here.");
        assert_eq!(doc.quotes.len(), 1);
        assert_eq!(doc.slice(doc.quotes[0].spans[0]), "Never closed.");
        assert!(doc.in_quote.iter().skip(4).all(Option::is_none));
    }

    #[test]
    fn lines_are_paragraphs_when_there_is_no_blank_line() {
        let doc = Document::new("First line.\nSecond line.");
        assert_eq!(doc.paragraphs.len(), 2);
    }
}
