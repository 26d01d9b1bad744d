//! Splitting a sentence into tokens. Words keep inner hyphens, apostrophes
//! and dots ("state-run", "don't", "U.S"); a possessive `'s` (or the `'` of
//! "Dockers'") is a token of its own. ASCII, nearly all of news text, is
//! read without decoding (a word's run of letters and digits eight bytes at
//! a time); other characters are decoded where they start.

use super::{NO_EXTRA, Token, TokenKind};
use crate::lanes;
use crate::model::Span;

/// `char::is_alphanumeric`, answering without the Unicode tables for
/// ASCII and for the General Punctuation block (U+2000–U+206F: ’ “ ” — –
/// and the other non-ASCII marks of news, none of them a letter or digit).
#[inline]
fn is_alnum(c: char) -> bool {
    match c {
        '\0'..='\x7f' => ALNUM[c as usize],
        '\u{2000}'..='\u{206f}' => false,
        _ => c.is_alphanumeric(),
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Whitespace as `char::is_whitespace` sees it, for an ASCII byte.
const fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// ASCII letters and digits.
const ALNUM: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// ASCII bytes after which a word's run of letters and digits is the
/// whole word: all but the marks that may join it (`'` `-` `.` `,`) and
/// letters and digits themselves; no byte of another character.
const ENDS_WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x80 {
        table[b] = !ALNUM[b] && !matches!(b as u8, b'\'' | b'-' | b'.' | b',');
        b += 1;
    }
    table
};

/// ASCII marks that are always a token of their own: every byte that is
/// no letter, digit or space but `'` and `"` (possessives, quotation
/// marks).
const PLAIN_MARK: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x80 {
        let byte = b as u8;
        table[b] = !ALNUM[b] && !is_ascii_space(byte) && !matches!(byte, b'\'' | b'"');
        b += 1;
    }
    table
};

/// The end of the ASCII word `bytes[start..run_end]` (a run of letters and
/// digits) when a `,` or `.` follows that `word_end` would stop at: a
/// comma not between two digits, a dot before no letter or digit (an
/// initial or one of `abbreviations` keeps it). `None` for any other
/// byte, and for a dot before a non-ASCII character, which `word_end`
/// decodes.
#[inline]
fn word_before_mark(
    bytes: &[u8],
    start: usize,
    run_end: usize,
    abbreviations: &super::Abbreviations,
) -> Option<usize> {
    let after = bytes.get(run_end + 1).copied();
    match bytes.get(run_end) {
        Some(b',') => {
            let number =
                bytes[run_end - 1].is_ascii_digit() && after.is_some_and(|d| d.is_ascii_digit());
            (!number).then_some(run_end)
        }
        Some(b'.') => {
            if after.is_some_and(|d| d >= 0x80 || ALNUM[usize::from(d)]) {
                return None;
            }
            let keeps_dot = keeps_dot::<false>(&bytes[start..run_end], abbreviations);
            Some(run_end + usize::from(keeps_dot))
        }
        _ => None,
    }
}

/// Whether the word `word`, before a dot that ends it, keeps the dot:
/// initials and dotted abbreviations that start with a capital ("Donald
/// J. Trump", "the S.E.C."; a split would cut a name), and the rule set's
/// `abbreviations`. `MAY_HOLD_DOTS` is false where the word is a run of
/// letters and digits (the shortcut's), which skips the search for a dot.
///
/// Out of line: about one token in twelve asks, and inlined twice into
/// `tokenize` it cost every token (1.6 instructions a byte of news, with
/// more mispredicted branches; docs/performance.md, 2026-12-06).
#[inline(never)]
fn keeps_dot<const MAY_HOLD_DOTS: bool>(word: &[u8], abbreviations: &super::Abbreviations) -> bool {
    let upper = word[0].is_ascii_uppercase();
    let dotted = MAY_HOLD_DOTS && word.contains(&b'.');
    upper && (word.len() == 1 || dotted) || abbreviations.contains(word)
}

/// The length of the run of ASCII letters and digits that starts `bytes`.
/// Sixteen bytes are classified at once (eight without SSE2, and at the
/// slice's end): a byte-by-byte loop mispredicts its exit once per word,
/// at a length the processor cannot guess.
fn alnum_run(bytes: &[u8]) -> usize {
    let mut run = 0;
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    while let Some(chunk) = bytes.get(run..run + 16) {
        let other = !lanes::x16::alnum_mask(chunk.try_into().expect("16 bytes"));
        if other != 0 {
            return run + other.trailing_zeros() as usize;
        }
        run += 16;
    }
    while let Some(chunk) = bytes.get(run..run + 8) {
        let word = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        let other = !lanes::alnum(word) & lanes::HIGH;
        if other != 0 {
            return run + (other.trailing_zeros() / 8) as usize;
        }
        run += 8;
    }
    run + bytes[run..]
        .iter()
        .position(|&b| !ALNUM[usize::from(b)])
        .unwrap_or(bytes.len() - run)
}

/// One sentence being tokenized: `s` is its text, at `base` in the document.
struct Sentence<'t> {
    text: &'t str,
    s: &'t str,
    base: usize,
    index: u32,
}

impl Sentence<'_> {
    /// The character at byte `i` (ASCII needs no decoding).
    fn char_at(&self, i: usize) -> Option<char> {
        match self.s.as_bytes().get(i) {
            None => None,
            Some(&b) if b < 0x80 => Some(b as char),
            Some(_) => self.s[i..].chars().next(),
        }
    }

    fn is_alnum_at(&self, i: usize) -> bool {
        self.char_at(i).is_some_and(is_alnum)
    }

    /// Pushes the token `[start, end)`; `ascii` says it has no other bytes.
    #[inline(always)]
    fn push(
        &self,
        out: &mut Vec<Token>,
        extra: &mut Vec<Box<str>>,
        (start, end): (usize, usize),
        kind: TokenKind,
        ascii: bool,
    ) {
        let first = self.s.as_bytes()[start];
        // The token's lowercase form is the normalised text at its own span,
        // unless it has a non-ASCII capital, which `norm` keeps ("É", "İ").
        let (extra_index, capitalized) = if ascii {
            (NO_EXTRA, first.is_ascii_uppercase())
        } else {
            let raw = &self.s[start..end];
            let capitalized = if first < 0x80 {
                first.is_ascii_uppercase()
            } else {
                raw.chars().next().is_some_and(char::is_uppercase)
            };
            let index = if raw.chars().any(char::is_uppercase) {
                extra.push(raw.chars().flat_map(char::to_lowercase).collect());
                (extra.len() - 1) as u32
            } else {
                NO_EXTRA
            };
            (index, capitalized)
        };
        out.push(Token {
            start: (self.base + start) as u32,
            end: (self.base + end) as u32,
            kind,
            capitalized,
            first: if first < 0x80 {
                char::from(first)
            } else {
                self.s[start..].chars().next().unwrap_or('\u{FFFD}')
            },
            sentence: self.index,
            extra: extra_index,
        });
    }

    /// The end of the word starting at `i` with `c`, its last character,
    /// and whether it is all ASCII.
    fn word_end(&self, i: usize, c: char) -> (usize, char, bool) {
        let bytes = self.s.as_bytes();
        let mut j = i + c.len_utf8();
        let mut last = c;
        let mut ascii = c.is_ascii();
        loop {
            // The common case: a run of ASCII letters and digits.
            let run = alnum_run(&bytes[j..]);
            if run > 0 {
                j += run;
                last = bytes[j - 1] as char;
            }
            let Some(&d) = bytes.get(j) else { break };
            if d < 0x80 {
                // Only these ASCII marks may continue a word.
                let joins = match d {
                    b'\'' => {
                        let next = self.char_at(j + 1);
                        if !next.is_some_and(is_alnum) {
                            break;
                        }
                        let possessive =
                            matches!(next, Some('s' | 'S')) && !self.is_alnum_at(j + 2);
                        if possessive {
                            break;
                        }
                        true
                    }
                    b'-' | b'.' => self.is_alnum_at(j + 1),
                    b',' => {
                        last.is_ascii_digit() && bytes.get(j + 1).is_some_and(u8::is_ascii_digit)
                    }
                    _ => false,
                };
                if !joins {
                    break;
                }
                last = d as char;
                j += 1;
                continue;
            }
            let d = self.char_at(j).unwrap_or('\u{FFFD}');
            let dw = d.len_utf8();
            if is_alnum(d) {
                last = d;
                ascii = false;
                j += dw;
                continue;
            }
            let next = self.char_at(j + dw);
            // Of the non-ASCII characters only ’ joins a word ("don’t").
            if d == '’' && next.is_some_and(is_alnum) {
                let possessive = matches!(next, Some('s' | 'S')) && !self.is_alnum_at(j + dw + 1);
                if possessive {
                    break;
                }
                last = d;
                ascii = false;
                j += dw;
            } else {
                break;
            }
        }
        (j, last, ascii)
    }

    /// Whether only spaces stand between a line start (or the text start) and `i`.
    fn line_start(&self, i: usize) -> bool {
        // Walk back over spaces only: scanning to the previous line end made a
        // long line with many quote marks quadratic.
        let before = &self.text.as_bytes()[..self.base + i];
        match before.iter().rposition(|&b| b != b' ' && b != b'\t') {
            None => true,
            Some(k) => before[k] == b'\n',
        }
    }

    /// A straight quote opens when it follows a space, a line start or an
    /// opening bracket, and closes otherwise.
    fn straight_quote_kind(&self, i: usize) -> TokenKind {
        let before = self.text[..self.base + i].chars().next_back();
        match before {
            None => TokenKind::OpenQuote,
            Some(c) if c.is_whitespace() || "([{—–-:".contains(c) => TokenKind::OpenQuote,
            _ => TokenKind::CloseQuote,
        }
    }
}

/// Splits the sentence at `span` into word, punctuation and quotation-mark
/// tokens, appended to `out`. The rule set's `abbreviations` keep their dot
/// ("Dr.", "Sen."), so titles match as one word. The analysis runs it with
/// its `SHORTCUTS` (the common word, the word before a comma or full stop,
/// the plain mark); without them every character takes the general path,
/// which the tests compare them with.
pub(super) fn tokenize<const SHORTCUTS: bool>(
    text: &str,
    abbreviations: &super::Abbreviations,
    span: Span,
    sentence: usize,
    out: &mut Vec<Token>,
    extra: &mut Vec<Box<str>>,
) {
    let sent = Sentence {
        text,
        s: &text[span.start..span.end],
        base: span.start,
        // Token indices are u32 elsewhere (quotations, hedge starts), and a
        // text has fewer sentences than tokens.
        index: sentence as u32,
    };
    let s = sent.s;
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut prev: Option<char> = None;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 && is_ascii_space(b) {
            prev = Some(b as char);
            i += 1;
            continue;
        }
        // The common word: ASCII letters and digits up to an ASCII byte
        // that cannot continue it (`word_end` would stop there too, and
        // no dot follows for an abbreviation), and the space after it.
        if SHORTCUTS && ALNUM[usize::from(b)] {
            let j = i + 1 + alnum_run(&bytes[i + 1..]);
            let next = bytes.get(j).copied();
            if next.is_none_or(|d| ENDS_WORD[usize::from(d)]) {
                sent.push(out, extra, (i, j), TokenKind::Word, true);
                if next == Some(b' ') {
                    prev = Some(' ');
                    i = j + 1;
                } else {
                    prev = Some(char::from(bytes[j - 1]));
                    i = j;
                }
                continue;
            }
            // A word before a comma or a full stop (one word in seven of
            // news), where `word_end` would stop too: the comma of no
            // number ("said,"), and a dot with no letter or digit after it
            // ("year."), which the word keeps as `word_end`'s caller would
            // (an initial, an abbreviation).
            if let Some(end) = word_before_mark(bytes, i, j, abbreviations) {
                sent.push(out, extra, (i, end), TokenKind::Word, true);
                // The word's last letter or digit, not a dot it keeps, as
                // `word_end` has it.
                prev = Some(char::from(bytes[j - 1]));
                i = end;
                continue;
            }
        }
        // Most punctuation: an ASCII mark that neither opens a possessive
        // nor may be a quotation mark is a token of its own.
        if SHORTCUTS && PLAIN_MARK[usize::from(b)] {
            sent.push(out, extra, (i, i + 1), TokenKind::Punct, true);
            prev = Some(char::from(b));
            i += 1;
            continue;
        }
        // ASCII, nearly every byte of news, needs no decoding.
        let (c, w, alnum) = if b < 0x80 {
            (char::from(b), 1, ALNUM[usize::from(b)])
        } else {
            let c = sent.char_at(i).unwrap_or('\u{FFFD}');
            (c, c.len_utf8(), is_alnum(c))
        };
        if alnum {
            let (mut j, last, ascii) = sent.word_end(i, c);
            if bytes.get(j) == Some(&b'.') && keeps_dot::<true>(&bytes[i..j], abbreviations) {
                j += 1;
            }
            sent.push(out, extra, (i, j), TokenKind::Word, ascii);
            prev = Some(last);
            i = j;
            continue;
        }
        if c.is_whitespace() {
            prev = Some(c);
            i += w;
            continue;
        }
        // Two apostrophes are one quotation mark (the New York Times style:
        // ''We will win,'' he said).
        if c == '\'' && bytes.get(i + 1) == Some(&b'\'') {
            // Three after a word close a single quote inside a double one,
            // the single mark first: ''I would use the word 'old-school,'''
            // said ….
            if bytes.get(i + 2) == Some(&b'\'') && prev.is_some_and(|p| !p.is_whitespace()) {
                sent.push(out, extra, (i, i + 1), TokenKind::Punct, true);
                prev = Some('\'');
                i += 1;
                continue;
            }
            let kind = sent.straight_quote_kind(i);
            sent.push(out, extra, (i, i + 2), kind, true);
            prev = Some('"');
            i += 2;
            continue;
        }
        let after = sent.char_at(i + w);
        let prev_alnum = prev.is_some_and(is_alnum);
        if is_apostrophe(c)
            && prev_alnum
            && matches!(after, Some('s' | 'S'))
            && !sent.is_alnum_at(i + w + 1)
        {
            sent.push(out, extra, (i, i + w + 1), TokenKind::Word, c.is_ascii());
            prev = Some('s');
            i += w + 1;
            continue;
        }
        // A plural possessive: "the Dockers' Union".
        if is_apostrophe(c)
            && matches!(prev, Some('s' | 'S'))
            && after.is_none_or(char::is_whitespace)
        {
            sent.push(out, extra, (i, i + w), TokenKind::Word, c.is_ascii());
            prev = Some(c);
            i += w;
            continue;
        }
        let kind = match c {
            '“' | '«' | '„' => TokenKind::OpenQuote,
            // A right mark at the start of a line, right before a word, is
            // a mistyped opening mark ("”Fear. I am truly afraid …”").
            '”' if sent.line_start(i) && after.is_some_and(is_alnum) => TokenKind::OpenQuote,
            '”' | '»' => TokenKind::CloseQuote,
            '"' => sent.straight_quote_kind(i),
            _ => TokenKind::Punct,
        };
        sent.push(out, extra, (i, i + w), kind, c.is_ascii());
        prev = Some(c);
        i += w;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_keeps_its_first_character() {
        let text = "“Élan,” Ana’s aide said — (really) 5,000 times… ''Yes.''";
        let doc = super::super::Document::new(text, &[]);
        assert!(doc.tokens.len() > 12);
        for (i, t) in doc.tokens.iter().enumerate() {
            assert_eq!(Some(t.first), doc.token_text(i).chars().next(), "token {i}");
        }
    }

    #[test]
    fn initials_and_dotted_abbreviations_keep_their_dot() {
        // Before a full stop: an initial and a dotted abbreviation that
        // starts with a capital keep the dot (the general path's words,
        // which may hold dots); a lowercase one and a plain word do not.
        let text = "The U.S. and the S.E.C. said J. Smith left, e.g. today.";
        let doc = super::super::Document::new(text, &[]);
        let words: Vec<&str> = (0..doc.tokens.len()).map(|i| doc.token_text(i)).collect();
        assert_eq!(
            words,
            [
                "The", "U.S.", "and", "the", "S.E.C.", "said", "J.", "Smith", "left", ",", "e.g",
                ".", "today", "."
            ]
        );
    }

    #[test]
    fn a_token_is_24_bytes() {
        // The engine reads the token list over and over: at 40 bytes a
        // token (usize offsets and sentence, the lowercase form's place)
        // it ran several percent slower.
        assert_eq!(std::mem::size_of::<Token>(), 24);
    }

    #[test]
    fn capitals_outside_ascii_have_their_own_lowercase_form() {
        let text = "ÉLAN and İstanbul, Ärger; also élan.";
        let doc = super::super::Document::new(text, &[]);
        let lowered: Vec<&str> = (0..doc.tokens.len()).map(|i| doc.lower(i)).collect();
        assert_eq!(
            lowered,
            [
                "élan",
                "and",
                "i̇stanbul",
                ",",
                "ärger",
                ";",
                "also",
                "élan",
                "."
            ]
        );
        let special: Vec<bool> = (0..doc.tokens.len())
            .map(|i| !doc.lower_is_norm(i))
            .collect();
        assert_eq!(
            special,
            [true, false, true, false, true, false, false, false, false]
        );
    }

    #[test]
    fn is_alnum_is_char_is_alphanumeric() {
        // Every scalar value, so the General Punctuation shortcut stays true
        // whatever Unicode version the standard library follows.
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn a_word_ends_where_the_fast_path_ends_it() {
        // The tokenizer's shortcut ends a word at any byte `ENDS_WORD`
        // holds: `word_end` must end it there too, with every byte after
        // the word, and the word must not be one the dot rule extends.
        for d in 0..=255u8 {
            let mut text = b"ab1".to_vec();
            text.push(d);
            text.extend_from_slice(b"cd");
            let Ok(text) = String::from_utf8(text) else {
                assert!(!ENDS_WORD[usize::from(d)], "byte {d:#x}");
                continue;
            };
            let sent = Sentence {
                text: &text,
                s: &text,
                base: 0,
                index: 0,
            };
            let (end, last, ascii) = sent.word_end(0, 'a');
            if ENDS_WORD[usize::from(d)] {
                assert_eq!((end, last, ascii), (3, '1', true), "byte {d:#x}");
                assert_ne!(d, b'.');
            }
        }
    }

    /// The tokens and lowercase forms of `text` as one sentence, with the
    /// shortcuts and without.
    fn with_and_without_shortcuts(text: &str) -> [(Vec<Token>, Vec<Box<str>>); 2] {
        let list = ["Dr".to_string(), "Sen".into(), "approx".into()];
        let abbreviations = super::super::Abbreviations::new(&list);
        let span = Span::new(0, text.len());
        let run = |shortcuts: bool| {
            let (mut tokens, mut extra) = (Vec::new(), Vec::new());
            if shortcuts {
                tokenize::<true>(text, &abbreviations, span, 0, &mut tokens, &mut extra);
            } else {
                tokenize::<false>(text, &abbreviations, span, 0, &mut tokens, &mut extra);
            }
            (tokens, extra)
        };
        [run(true), run(false)]
    }

    #[test]
    fn shortcuts_tokenize_as_the_general_path_does() {
        // Every string of three pieces that meet at the shortcuts' edges
        // (a word before a comma, a dot, an apostrophe, a non-ASCII
        // character; initials, abbreviations, numbers, quotation marks).
        let pieces = [
            "a", "A", "Dr", "dr", "12", "3", "s", ",", ".", "'", "\"", "-", "’", "”", "“", "é",
            "É", " ", "\n", "(", ":", "…",
        ];
        let mut texts = Vec::new();
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    texts.push(format!("{a}{b}{c}"));
                    texts.push(format!("x{a}{b}{c}y"));
                }
            }
        }
        // Every character up to U+00FF after a word and after its mark.
        for c in (0..=0xffu32).filter_map(char::from_u32) {
            for before in ["ab1", "ab1,", "ab1.", "A.", "Dr.", "12,", "Sen'"] {
                texts.push(format!("{before}{c}cd 5"));
            }
        }
        // A possessive after a word that keeps its dot reads the word's
        // last letter.
        texts.extend(["Dr.'s x", "A.’s x", "S.' x", "S.’ x"].map(String::from));
        // Whole news articles.
        let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
        for entry in std::fs::read_dir(corpus).expect("corpus/") {
            let path = entry.expect("corpus entry").path();
            if path.extension().is_some_and(|e| e == "txt") {
                texts.push(std::fs::read_to_string(&path).expect("corpus article"));
            }
        }
        assert!(texts.len() > 20_000);
        for text in &texts {
            let [fast, general] = with_and_without_shortcuts(text);
            assert_eq!(fast, general, "{text:?}");
        }
    }

    #[test]
    fn a_word_before_a_comma_or_dot_takes_the_shortcut() {
        // The shortcut must be taken where it may (or the comparison above
        // holds vacuously) and must not where the word goes on.
        let list = ["Dr".to_string()];
        let abbreviations = super::super::Abbreviations::new(&list);
        let cases = [
            ("said, he", Some(4)),
            ("year. The", Some(4)),
            ("year.", Some(4)),
            ("A. Smith", Some(2)),
            ("Dr. Smith", Some(3)),
            ("dr. Smith", Some(2)),
            ("5,000", None),
            ("5, 6", Some(1)),
            ("a,5", Some(1)),
            ("U.S", None),
            ("end.”", None),
            ("said' x", None),
        ];
        for (text, want) in cases {
            let run = alnum_run(text.as_bytes());
            assert_eq!(
                word_before_mark(text.as_bytes(), 0, run, &abbreviations),
                want,
                "{text:?}"
            );
        }
    }

    #[test]
    fn alnum_runs_are_the_byte_loop_runs() {
        // Every byte value, at every position of a run up to 20 bytes.
        for b in 0..=255u8 {
            for at in 0..20 {
                let mut bytes = vec![b'a'; 20];
                bytes[at] = b;
                let want = bytes
                    .iter()
                    .position(|&c| !ALNUM[usize::from(c)])
                    .unwrap_or(bytes.len());
                assert_eq!(alnum_run(&bytes), want, "byte {b:#x} at {at}");
            }
        }
        assert_eq!(alnum_run(b""), 0);
        assert_eq!(alnum_run(b"Zz09"), 4);
        assert_eq!(alnum_run(b"abcdefgh ijk"), 8);
    }
}
