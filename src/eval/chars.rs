//! Character offsets (Unicode code points, as Python counts them: what BRAT
//! and the Szeged JSONL use) to byte offsets (what claimtrace reports), and
//! the `\w+` word tokens of the token metric.

use crate::Span;

/// Byte offset of every character of a text, plus the text's length: the
/// byte offset of character `i` is `starts[i]`.
pub struct CharIndex {
    /// `None` for an ASCII text, where character and byte offsets agree.
    starts: Option<Vec<usize>>,
    len: usize,
    chars: usize,
}

impl CharIndex {
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            return CharIndex {
                starts: None,
                len: text.len(),
                chars: text.len(),
            };
        }
        let mut starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let chars = starts.len();
        starts.push(text.len());
        CharIndex {
            starts: Some(starts),
            len: text.len(),
            chars,
        }
    }

    /// The number of characters in the text.
    pub fn chars(&self) -> usize {
        self.chars
    }

    /// The byte offset of character offset `ch` (`ch` may equal the number of
    /// characters: the end of the text); `None` past the end.
    pub fn byte(&self, ch: usize) -> Option<usize> {
        match &self.starts {
            None => (ch <= self.len).then_some(ch),
            Some(starts) => starts.get(ch).copied(),
        }
    }

    /// The byte span of the character range `[start, end)`.
    pub fn span(&self, start: usize, end: usize) -> Option<Span> {
        if start > end {
            return None;
        }
        Some(Span::new(self.byte(start)?, self.byte(end)?))
    }
}

/// A character of `\w` in Python's sense: alphanumeric or `_`.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The `\w+` runs of a text, as byte spans, in order.
pub fn word_tokens(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Span::new(s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(Span::new(s, text.len()));
    }
    out
}

/// The number of characters in `text[span]`.
pub fn char_len(text: &str, span: Span) -> usize {
    let s = &text[span.start..span.end];
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_offsets_are_bytes() {
        let ix = CharIndex::new("abc");
        assert_eq!(ix.byte(0), Some(0));
        assert_eq!(ix.byte(3), Some(3));
        assert_eq!(ix.byte(4), None);
    }

    #[test]
    fn non_ascii_offsets_count_code_points() {
        // “ is 3 bytes, é 2, 😀 4 (one code point, as Python counts it).
        let text = "“Né😀” x";
        let ix = CharIndex::new(text);
        assert_eq!(ix.chars(), 7);
        assert_eq!(ix.byte(1), Some(3));
        assert_eq!(ix.byte(3), Some(6));
        assert_eq!(ix.byte(4), Some(10));
        assert_eq!(ix.byte(7), Some(text.len()));
        assert_eq!(ix.byte(8), None);
        let s = ix.span(1, 4).unwrap();
        assert_eq!(&text[s.start..s.end], "Né😀");
        assert_eq!(char_len(text, s), 3);
        assert_eq!(ix.span(4, 2), None);
    }

    #[test]
    fn word_tokens_are_unicode_word_runs() {
        let text = "Trump’s “snake_case” 2,000 naïve—ok";
        let toks: Vec<&str> = word_tokens(text)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect();
        assert_eq!(
            toks,
            ["Trump", "s", "snake_case", "2", "000", "naïve", "ok"]
        );
        assert!(word_tokens(" ,. ").is_empty());
    }
}
