//! Sentence boundaries inside one paragraph, exactly as sentencex's English
//! `segment` draws them. Most news paragraphs have a shape for which
//! sentencex's rules reduce to a few steps; those are taken here, calling
//! sentencex's own per-terminator decision (`find_boundary`), and the
//! whole segmenter runs only for the rest. Sentencex spends most of its
//! time on quotation, bracket, e-mail and list detection over the whole
//! paragraph, which the shape check makes unnecessary.

use sentencex::languages::{English, Language};

/// The lists the fast path fills for each paragraph, kept from one to the
/// next so that a document allocates them once.
#[derive(Default)]
pub(super) struct Scratch {
    cuts: Vec<usize>,
    quotes: Vec<QuoteRange>,
    parens: Vec<(usize, usize)>,
}

/// The sentences of `body` as byte ranges `(start, end)` into it, in order,
/// as sentencex's `segment` gives them (untrimmed, none empty).
pub(super) fn split(
    english: &English,
    body: &str,
    scratch: &mut Scratch,
    out: &mut Vec<(usize, usize)>,
) {
    out.clear();
    if fast_cuts(english, body, scratch) {
        let pieces = scratch.cuts.windows(2).map(|w| (w[0], w[1]));
        out.extend(pieces.filter(|(start, end)| start < end));
        return;
    }
    // Sentencex's quotation pairing is quadratic in the quote marks of a
    // paragraph, so a paragraph far longer than any in news is segmented
    // in windows that end at a likely sentence end (see `window_end`).
    // The fast path above is linear and takes a paragraph whole, whatever
    // its length.
    let mut start = 0;
    while start < body.len() {
        let end = window_end(body, start);
        let window = &body[start..end];
        // `segment` returns slices of `window`; their offsets are recovered
        // from the pointers (cheaper than the character-indexed boundaries).
        for piece in english.segment(window) {
            let offset = start + (piece.as_ptr() as usize - window.as_ptr() as usize);
            out.push((offset, offset + piece.len()));
        }
        start = end;
    }
}

/// Paragraphs up to this many bytes go to sentencex whole. News
/// paragraphs are a few hundred bytes (PolNeAR has 10 of 18,164 over 4 KB,
/// live-blog dumps); a longer one is cut only after a sentence mark and a
/// space, nearly always a sentence end anyway. Hostile text (100,000
/// unpaired quote marks) stays linear.
const WINDOW: usize = 4 << 10;

/// The end of the segmentation window that starts at `start`: the whole
/// rest when it is at most `WINDOW` bytes; else just after the first
/// sentence mark followed by a space past `WINDOW / 2` bytes, or failing
/// that the first space past `WINDOW` bytes, or failing that the first
/// character boundary there.
fn window_end(body: &str, start: usize) -> usize {
    if body.len() - start <= WINDOW {
        return body.len();
    }
    let bytes = body.as_bytes();
    let from = start + WINDOW / 2;
    let limit = start + WINDOW;
    let mark = (from..limit).find(|&i| {
        matches!(bytes[i], b'.' | b'!' | b'?')
            && bytes.get(i + 1).is_some_and(u8::is_ascii_whitespace)
    });
    if let Some(i) = mark {
        return i + 2;
    }
    if let Some(k) = bytes[limit..].iter().position(u8::is_ascii_whitespace) {
        return limit + k + 1;
    }
    (limit..=body.len())
        .find(|&i| body.is_char_boundary(i))
        .unwrap_or(body.len())
}

/// A quotation as sentencex pairs it: `[start, end)` from the opening mark
/// through the closing one.
#[derive(Clone, Copy)]
struct QuoteRange {
    start: usize,
    end: usize,
    mark: Mark,
}

/// The quotation marks the fast path pairs, as sentencex does: each opening
/// mark closes at the next closing mark of its kind, and marks of other
/// kinds inside are text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// `"…"`.
    Straight,
    /// `''…''`, the New York Times' style.
    Doubled,
    /// `“…”`.
    Curly,
    /// `‘…’` (a `’` elsewhere is an apostrophe).
    CurlySingle,
}

impl Mark {
    /// The length of the opening mark, and of the closing one.
    fn len(self) -> usize {
        match self {
            Mark::Straight => 1,
            Mark::Doubled => 2,
            Mark::Curly | Mark::CurlySingle => 3,
        }
    }

    fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// Quotation pairing as sentencex does it over the marks of `Mark`.
#[derive(Default)]
struct Pairing {
    /// The open quotation, with the scan's counts and the number of closed
    /// parentheses when it opened: should it never close, the scan starts
    /// again after its mark from there.
    open: Option<Open>,
    /// Kinds whose marks open nothing: one of them was left unclosed, so
    /// no closing mark of that kind follows.
    dead: u8,
    /// `"` marks so far.
    straight: usize,
    /// `''` marks so far.
    doubled: usize,
}

/// An opening mark not yet closed: where and of what kind, and the scan's
/// state just after it (see `Pairing::open`).
#[derive(Clone, Copy)]
struct Open {
    start: usize,
    mark: Mark,
    straight: usize,
    doubled: usize,
    parens: usize,
}

impl Pairing {
    /// A mark of kind `mark` at `at` that `opens` and `closes` quotations
    /// of its kind: it opens one, closes the open one (into `quotes`), or
    /// is text inside a quotation of another kind.
    fn mark(
        &mut self,
        at: usize,
        mark: Mark,
        (opens, closes): (bool, bool),
        quotes: &mut Vec<QuoteRange>,
        parens: usize,
    ) {
        match self.open {
            None if opens && self.dead & mark.bit() == 0 => {
                self.open = Some(Open {
                    start: at,
                    mark,
                    straight: self.straight,
                    doubled: self.doubled,
                    parens,
                });
            }
            Some(o) if closes && o.mark == mark => {
                quotes.push(QuoteRange {
                    start: o.start,
                    end: at + mark.len(),
                    mark,
                });
                self.open = None;
            }
            _ => {}
        }
    }

    /// Whether sentencex takes a quotation of kind `mark` for a possible
    /// mispairing: a symmetric mark whose count in the paragraph is odd.
    fn odd(&self, mark: Mark) -> bool {
        match mark {
            Mark::Straight => self.straight % 2 == 1,
            Mark::Doubled => self.doubled % 2 == 1,
            Mark::Curly | Mark::CurlySingle => false,
        }
    }
}

/// Sentencex's cuts for a paragraph of the simple shape into
/// `scratch.cuts`, or false (with `scratch` in any state) when the
/// paragraph needs the full segmenter.
///
/// The shape: no braces, `<>`, `@`, backticks or control characters
/// other than line breaks (a backslash is text to sentencex), every line after the first opening
/// with prose (see `line_opens_with_prose`), and only plain parentheses
/// (see `plain_parenthesis`; a square bracket is one to sentencex), so no
/// e-mail or list-item ranges and parenthesis ranges that only hold
/// sentence marks back; no quotation mark or other parenthesis inside
/// parentheses; a single ASCII apostrophe right after a letter or digit
/// or inside a quotation (so it never pairs as a quotation: sentencex
/// pairs from the leftmost mark, and its pattern for `'…'` wants no letter
/// before the opening mark); outside ASCII, only Latin letters, dashes
/// (`–`, `—`, `―`), no-break spaces and curly quotation marks (none of them
/// a sentence terminator or a list bullet to sentencex, and a `’` outside
/// a `‘` quotation no quotation mark). Quotations are `"…"`, `''…''`, `“…”`
/// and `‘…’` (a `‘` closes at the next `’`, apostrophe or not, as sentencex
/// pairs it). An opening mark that nothing closes is no quotation, and the
/// pairing goes on after it, as sentencex's does. When the count of `"`
/// (or of `''`) is odd, sentencex takes such a quotation for a possible
/// mispairing and lets a strong sentence break inside it cut
/// (`has_strong_sentence_break`); so does this. Under that shape
/// sentencex's skippable ranges are exactly the quotation pairs and the
/// parentheses, its terminator runs are the ASCII ones, and each cut
/// follows from `find_boundary` and the ranges around it, and at a
/// quotation mark from its orphan-closer rule (`past_orphan_closer`, which
/// sends the cases it does not take to the full segmenter).
// Out of line: called once a paragraph, and inlined into `Document::new`
// it changed how the tokenizer's loops there were compiled (2% more
// instructions a byte on corpus/).
#[inline(never)]
fn fast_cuts(english: &English, body: &str, scratch: &mut Scratch) -> bool {
    let bytes = body.as_bytes();
    let Scratch {
        cuts: out,
        quotes,
        parens,
    } = scratch;
    out.clear();
    quotes.clear();
    parens.clear();
    let mut pairing = Pairing::default();
    // The open parenthesis, if any; the closed ones are in `parens`.
    let mut paren: Option<usize> = None;
    let mut i = 0;
    loop {
        while i < bytes.len() {
            // Most bytes are plain ASCII with no role here: skip them in a run.
            match next_special(bytes, i) {
                Some(k) => i = k,
                None => break,
            }
            let b = bytes[i];
            let both = (true, true);
            if b < 0x80 {
                let doubled = b == b'\'' && bytes.get(i + 1) == Some(&b'\'');
                match b {
                    // A quotation mark inside parentheses could cross the
                    // parenthesis' edge (sentencex's certain mispairing).
                    b'"' if paren.is_some() => return false,
                    b'\'' if doubled && paren.is_some() => return false,
                    b'\'' if doubled => {
                        pairing.doubled += 1;
                        pairing.mark(i, Mark::Doubled, both, quotes, parens.len());
                        i += 2;
                        continue;
                    }
                    // An apostrophe: after a letter or digit no opening
                    // mark to sentencex, and inside a quotation no mark it
                    // looks at.
                    b'\''
                        if pairing.open.is_none()
                            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric()) =>
                    {
                        return false;
                    }
                    b'"' => {
                        pairing.straight += 1;
                        pairing.mark(i, Mark::Straight, both, quotes, parens.len());
                    }
                    // Sentencex's bracket ranges open at any of `([{<` and
                    // close at the next of `)]}>`; its list markers use
                    // parentheses only.
                    b'(' | b'[' if paren.is_none() => paren = Some(i),
                    b')' | b']' => match paren.take() {
                        Some(start) if plain_parenthesis(body, i) => parens.push((start, i + 1)),
                        _ => return false,
                    },
                    b'`' | b'(' | b'[' | b'{' | b'}' | b'<' | b'>' | b'@' => {
                        return false;
                    }
                    b'\n' if !line_opens_with_prose(bytes, i + 1) => return false,
                    b'\n' | b'\'' => {}
                    0..=0x1f | 0x7f => return false,
                    _ => {}
                }
                i += 1;
                continue;
            }
            let c = body[i..].chars().next().unwrap_or('\u{FFFD}');
            let single_open = matches!(pairing.open, Some(o) if o.mark == Mark::CurlySingle);
            match c {
                // Most often an apostrophe ("Trump’s"): a closing mark only
                // when a `‘` quotation is open.
                '’' if !single_open => {}
                '“' | '”' | '‘' | '’' if paren.is_some() => return false,
                '“' => pairing.mark(i, Mark::Curly, (true, false), quotes, parens.len()),
                '”' => pairing.mark(i, Mark::Curly, (false, true), quotes, parens.len()),
                '‘' => pairing.mark(i, Mark::CurlySingle, (true, false), quotes, parens.len()),
                '’' => pairing.mark(i, Mark::CurlySingle, (false, true), quotes, parens.len()),
                '–' | '—' | '―' | '\u{a0}' => {}
                'À'..='ɏ' if c != '×' && c != '÷' => {}
                _ => return false,
            }
            i += c.len_utf8();
        }
        if paren.is_some() {
            return false;
        }
        let Some(o) = pairing.open.take() else { break };
        // Sentencex's pattern for a quotation by single marks also takes a
        // whole line from a `'` at its start to one at its end: with a
        // `''` at a line start no quotation, that line would need it.
        if o.mark == Mark::Doubled && (o.start == 0 || bytes[o.start - 1] == b'\n') {
            return false;
        }
        pairing.dead |= o.mark.bit();
        pairing.straight = o.straight;
        pairing.doubled = o.doubled;
        parens.truncate(o.parens);
        i = o.start + o.mark.len();
    }
    out.push(0);
    let mut runs = TerminatorRuns::new(bytes);
    while let Some((start, end)) = runs.next_run() {
        // A run that ends the paragraph cuts at its end whatever sentencex
        // decides there: no quotation, parenthesis or orphan closer reaches
        // past it, and the paragraph's end is a cut anyway.
        if end == bytes.len() {
            break;
        }
        let decided = plain_period_boundary(english, body, start, end);
        let Some(boundary) = decided.unwrap_or_else(|| english.find_boundary(body, start, end))
        else {
            continue;
        };
        // The quotation around the boundary, unless sentencex takes it for
        // a mispairing that a strong sentence break here shows.
        let around = quotes
            .iter()
            .find(|q| q.start < boundary && boundary < q.end)
            .filter(|q| {
                !(pairing.odd(q.mark) && english.has_strong_sentence_break(body, start, end))
            });
        let cut = match around {
            // A terminator inside a quotation cuts only at its closing mark
            // ("… end.” Next"), past the mark and the space after it.
            Some(q) if boundary + q.mark.len() == q.end => {
                let next = english.get_next_word_approx(body, q.end);
                match plain_extend(next).unwrap_or_else(|| english.get_boundary_extend(next)) {
                    Some(extend) => q.end + extend,
                    None => continue,
                }
            }
            Some(_) => continue,
            // Sentencex skips a terminator inside parentheses ("Mitch
            // McConnell (R-Ky.) said"): its boundary stops at the `)`.
            None if parens
                .iter()
                .any(|&(open, end)| open < boundary && boundary < end) =>
            {
                continue;
            }
            None if quotes.iter().any(|q| q.start == boundary) => boundary,
            None => match past_orphan_closer(body, boundary, quotes) {
                Some(cut) => cut,
                None => return false,
            },
        };
        if cut > *out.last().unwrap_or(&0) {
            out.push(cut);
        }
    }
    if out.last() != Some(&body.len()) {
        out.push(body.len());
    }
    true
}

/// `find_boundary`'s answer for the commonest shapes of a `.`, found
/// without it: `Some(Some(cut))` or `Some(None)` (no boundary) where the
/// shape is one of these, `None` (ask sentencex) for every other. The
/// shapes:
/// - a lowercase letter or a digit right after the `.`: the next word
///   continues the sentence, whatever came before;
/// - a word with a space or the paragraph's start before it (sentencex
///   takes both as a word's start), of two or more ASCII letters or
///   alphanumerics ending in a digit, then the `.`, then one of the
///   followers of [`plain_follower`].
///
/// For the second, each of `find_boundary`'s rules reduces to a test:
/// - a numbered reference (`[1]`) needs a `[` in the 30 bytes after;
/// - the follower does not continue the sentence (see `plain_follower`);
/// - a code-like token ("7.Bg5") needs a letter right after the `.`;
/// - a name initial is one capital;
/// - a trailing marker ("a.m.", "ft.", "PhD.") that ends the word and has
///   only letters is all of it, as nothing but a space precedes the word;
///   one with a space or a dot in it ends past the word's start ("p. m"
///   has one letter after its space): so the word is one of English's
///   all-letter markers ([`TRAILING_MARKERS`]), compared without case;
/// - the exclamation words of ASCII letters are "Yahoo" and "Yum";
/// - an abbreviation in sentencex's list (lowercased) suppresses the
///   boundary, unless the next word is one of its sentence starters and
///   the abbreviation is capitalised or listed as it stands.
///
/// The boundary then takes the whitespace after the `.`, or stops at the
/// closing mark.
fn plain_period_boundary(
    english: &English,
    body: &str,
    start: usize,
    end: usize,
) -> Option<Option<usize>> {
    const LOOKUP: usize = 32;
    let bytes = body.as_bytes();
    if end != start + 1 || bytes[start] != b'.' {
        return None;
    }
    // Sentencex looks at 30 bytes, rounded up to a character's end.
    if bytes[end..bytes.len().min(end + 34)].contains(&b'[') {
        return None;
    }
    if matches!(bytes.get(end), Some(b'a'..=b'z' | b'0'..=b'9')) {
        return Some(None);
    }
    if start > 0
        && bytes[start - 1].is_ascii_uppercase()
        && let Some(answer) = initial_boundary(english, body, start, end)
    {
        return Some(answer);
    }
    let follower = plain_follower(body, end)?;
    let len = bytes[..start]
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let word_start = start - len;
    let letters = bytes[word_start..start].iter().all(u8::is_ascii_alphabetic);
    let plain = if letters {
        len >= 2
    } else {
        bytes[start - 1].is_ascii_digit()
    };
    if !plain || len > LOOKUP || word_start > 0 && bytes[word_start - 1] != b' ' {
        return None;
    }
    let word = &body[word_start..start];
    if matches!(word, "Yahoo" | "Yum") {
        return None;
    }
    let mut lower = [0u8; LOOKUP];
    for (l, b) in lower.iter_mut().zip(word.as_bytes()) {
        *l = b.to_ascii_lowercase();
    }
    let lower = std::str::from_utf8(&lower[..len]).ok()?;
    if TRAILING_MARKERS.contains(&lower) {
        return None;
    }
    let abbreviations = english.get_abbreviations();
    if !abbreviations.contains(lower) {
        return Some(Some(follower.boundary));
    }
    let starter = english
        .get_sentence_starters()
        .contains(follower.next_word(body, end)?);
    let bypass = starter
        && (word.as_bytes()[0].is_ascii_uppercase() || len >= 2 && abbreviations.contains(word));
    Some(bypass.then_some(follower.boundary))
}

/// `find_boundary`'s answer for a `.` after a capital that is a word of
/// its own ("George W. Bush", "the U.S. economy", "U.N. talks"), with a
/// space or a newline before it, a `.` ("U.S") or nothing; then one or
/// more spaces or newlines and an ASCII letter or digit, or a capital
/// right after the `.`. `None` for any other shape, and for a capital
/// that may end a trailing marker ([`DOTTED_MARKERS`]). Its rules reduce
/// to one: no numbered reference, continuation or code-like token (the
/// caller and the follower's shape rule them out); the letter is in the
/// abbreviation list (sentencex lists them all), so the `.` is held back,
/// except before one of the sentence starters (the capital being
/// uppercase), where the boundary takes the whitespace after the `.`.
/// The tests that hold this to sentencex ask it about every capital in
/// every such shape, and before every starter.
fn initial_boundary(
    english: &English,
    body: &str,
    start: usize,
    end: usize,
) -> Option<Option<usize>> {
    let bytes = body.as_bytes();
    let capital = bytes[start - 1];
    let head = &body[..start];
    let before = head[..start - 1].chars().next_back();
    if !before.is_none_or(|c| matches!(c, ' ' | '\n' | '.')) {
        return None;
    }
    let letter = capital.to_ascii_lowercase();
    let ends_marker = MARKER_ENDS >> (letter - b'a') & 1 == 1
        && DOTTED_MARKERS.iter().any(|m| {
            head.len()
                .checked_sub(m.len())
                .is_some_and(|at| head.as_bytes()[at..].eq_ignore_ascii_case(m.as_bytes()))
        });
    if ends_marker {
        return None;
    }
    let next = next_word_window(body, end);
    let blanks = next
        .bytes()
        .take_while(|&b| b == b' ' || b == b'\n')
        .count();
    let word = &next[blanks..];
    // Right after the `.`, the caller has answered for a lowercase
    // letter or a digit.
    if !word
        .as_bytes()
        .first()
        .is_some_and(u8::is_ascii_alphanumeric)
    {
        return None;
    }
    // Sentencex lists every letter as an abbreviation, so the `.` is
    // held back whatever the words around the capital (its name-initial
    // rules only hold it back too).
    let lower = [letter];
    let lower = std::str::from_utf8(&lower).ok()?;
    if !english.get_abbreviations().contains(lower) {
        return None;
    }
    let starter = english
        .get_sentence_starters()
        .contains(starter_candidate(word)?);
    Some(starter.then_some(end + blanks))
}

/// What sentencex reads after a terminator ending at `end`
/// (`get_next_word_approx`): 30 bytes, to a character's end.
fn next_word_window(body: &str, end: usize) -> &str {
    &body[end..body.ceil_char_boundary((end + 30).min(body.len()))]
}

/// The next word as sentencex's starter test takes it, from `word` (the
/// window after the `.`, past its whitespace, starting with something
/// other than whitespace): up to whitespace, a comma or a sentence mark,
/// or the whole window. `None` past a character other than ASCII and `’`
/// before that end, which may be either (sentencex answers then).
fn starter_candidate(word: &str) -> Option<&str> {
    let bytes = word.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b' ' | b'\t'..=b'\r' | b',' | b'.' | b'!' | b'?' => return Some(&word[..i]),
            0..0x80 => i += 1,
            _ if bytes[i..].starts_with("’".as_bytes()) => i += 3,
            _ => return None,
        }
    }
    Some(word)
}

/// The trailing markers of sentencex's English whose suffix ends in a
/// letter after a `.` or a space, lowercased (from sentencex 0.1.33's
/// `trailing_markers/en.txt`, like [`TRAILING_MARKERS`]): a capital after
/// one of them may end it ("A.D", "p. M"), and sentencex answers for it.
/// `initials_answer_as_sentencex_does` tries every capital after every
/// capital and a `.`, so a marker of two letters added there fails it.
const DOTTED_MARKERS: [&str; 24] = [
    "a.m", "a. m", "p.m", "p. m", "a.d", "b.c", "b.c.e", "c.e", "b.a", "b.s", "d.d.s", "j.d",
    "ll.b", "ll.d", "ll.m", "m.a", "m.b.a", "m.d", "m.s", "ph.d", "n.e", "s.e", "n.w", "s.w",
];

/// The last letters of [`DOTTED_MARKERS`], a bit each from `a`: most
/// capitals end none, and their `.` skips the comparisons.
const MARKER_ENDS: u32 = {
    let mut mask = 0;
    let mut i = 0;
    while i < DOTTED_MARKERS.len() {
        let marker = DOTTED_MARKERS[i].as_bytes();
        mask |= 1 << (marker[marker.len() - 1] - b'a');
        i += 1;
    }
    mask
};

/// English's trailing markers of letters only, lowercased: sentencex
/// 0.1.33's `trailing_markers/en.txt`, which its API does not expose. The
/// test `no_short_word_is_a_marker_unknown_here` asks sentencex about
/// every word of two to four letters, so a marker added there fails it.
const TRAILING_MARKERS: [&str; 32] = [
    "ba", "bcom", "bs", "bsc", "dds", "fl", "ft", "gal", "in", "jd", "lb", "llb", "lld", "llm",
    "ma", "mba", "mcom", "md", "mi", "mph", "ms", "msc", "ne", "nw", "oz", "phd", "pt", "qt", "se",
    "sq", "sw", "yd",
];

/// What follows a `.` at `end`, in a shape where it neither continues the
/// sentence nor bears on the word before (a name initial, a trailing
/// marker or a code-like token would look at it):
/// - up to 28 spaces or newlines, then an ASCII letter or digit, a `“`,
///   or a `"` and an ASCII letter or digit: the boundary takes the
///   whitespace; the next word, for sentencex's starter list, is what
///   [`starter_candidate`] takes after the whitespace;
/// - a closing `”`, or a `"` after which the first thing that is not
///   whitespace is no comma (sentencex peels a `"` and looks for one):
///   the boundary is at the mark.
fn plain_follower(body: &str, end: usize) -> Option<Follower> {
    const WINDOW: usize = 30;
    let bytes = body.as_bytes();
    let rest = &bytes[end..];
    let blanks = rest
        .iter()
        .take_while(|&&b| b == b' ' || b == b'\n')
        .count();
    if blanks == 0 {
        return match rest {
            [0xE2, 0x80, 0x9D, ..] => Some(Follower {
                boundary: end,
                word: false,
            }),
            [b'"', ..] if !body[end + 1..].trim_start().starts_with(',') => Some(Follower {
                boundary: end,
                word: false,
            }),
            _ => None,
        };
    }
    if blanks > WINDOW - 2 {
        return None;
    }
    let next = &rest[blanks..];
    let opens = match next {
        [b, ..] if b.is_ascii_alphanumeric() => true,
        [0xE2, 0x80, 0x9C, ..] => true,
        [b'"', b, ..] => b.is_ascii_alphanumeric(),
        _ => false,
    };
    if !opens {
        return None;
    }
    Some(Follower {
        boundary: end + blanks,
        word: true,
    })
}

/// A follower of [`plain_follower`]'s shapes.
struct Follower {
    /// Where `find_boundary` puts the boundary.
    boundary: usize,
    /// Whether a word follows the whitespace (not a closing mark).
    word: bool,
}

impl Follower {
    /// The next word as sentencex's starter test takes it, when that is
    /// known without it; `end` is the end of the `.`. Only an
    /// abbreviation asks, so it is not looked for otherwise.
    fn next_word<'a>(&self, body: &'a str, end: usize) -> Option<&'a str> {
        if !self.word {
            return None;
        }
        next_word_window(body, end)
            .get(self.boundary - end..)
            .and_then(starter_candidate)
    }
}

/// `get_boundary_extend`'s answer, without its regular expression, for
/// what follows a closing mark at most often: nothing, or a space and a
/// capital (which neither continues the sentence nor is a sentence mark);
/// `None` for anything else.
fn plain_extend(next: &str) -> Option<Option<usize>> {
    match next.as_bytes() {
        [] => Some(Some(0)),
        [b' ', c, ..] if c.is_ascii_uppercase() => Some(Some(1)),
        _ => None,
    }
}

/// Where sentencex cuts at `boundary`, which no quotation or parenthesis
/// holds or starts at, under its orphan-closer rule; `None` for the cases
/// left to the full segmenter (a `'` there, a `"` inside a quotation, a
/// sentence mark after the mark). A closing mark there that nothing opened
/// (`”`, `’`, or `“`, which closes `„`) goes with the sentence before it,
/// and so does the space after it. So does a `"` there: outside every
/// quotation it is one that no later `"` closes (see `Pairing`), the
/// paragraph's only unpaired `"` and so to sentencex a stray closer;
/// unless, with a space before it, it is followed by a space and a
/// capital and a `"…"` quotation came before (sentencex then takes it for
/// the next sentence's opening mark).
fn past_orphan_closer(body: &str, boundary: usize, quotes: &[QuoteRange]) -> Option<usize> {
    let rest = &body[boundary..];
    let before = body[..boundary].chars().next_back();
    let mark_len = match rest.chars().next() {
        Some('"') => {
            // Guards: `find_boundary` cuts after a mark or a space, and a
            // quotation set aside as a mispairing (a capital follows its
            // mark) has no `"` there.
            if before.is_some_and(char::is_alphanumeric)
                || quotes
                    .iter()
                    .any(|q| q.start <= boundary && boundary < q.end)
            {
                return None;
            }
            let after = &rest[1..];
            let blanks = after.len() - after.trim_start_matches([' ', '\t']).len();
            let opens_next = before.is_none_or(char::is_whitespace)
                && blanks > 0
                && after.as_bytes()[blanks].is_ascii_uppercase()
                && quotes
                    .iter()
                    .any(|q| q.mark == Mark::Straight && q.end <= boundary);
            if opens_next {
                return Some(boundary);
            }
            1
        }
        Some(c @ ('”' | '’' | '“')) => c.len_utf8(),
        Some('\'') => return None,
        _ => return Some(boundary),
    };
    let after = &rest[mark_len..];
    let spaces = after.len() - after.trim_start().len();
    // A sentence mark after it would be taken into the sentence too.
    if after[spaces..].starts_with(['.', '!', '?']) {
        return None;
    }
    Some(boundary + mark_len + spaces)
}

/// True when the line starting at `start` opens, after any spaces, with
/// something that sentencex's list detection cannot take for a list marker (`- `, `1. `,
/// `a) `, `ii. `, `(a) `, `• `): a run of ASCII letters followed by neither
/// `.` nor `)`, or an opening quotation mark. With every line after the
/// first so, a paragraph has at most one list-marker candidate (its first
/// line's), and sentencex needs two, or one in parentheses or bullet form
/// (which the shape excludes), to see a list.
fn line_opens_with_prose(bytes: &[u8], start: usize) -> bool {
    let indent = bytes[start..].iter().take_while(|&&b| b == b' ').count();
    let line = &bytes[start + indent..];
    let letters = line.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    if letters > 0 {
        return !matches!(line.get(letters), Some(b'.' | b')'));
    }
    line.starts_with(b"\"") || line.starts_with("“".as_bytes())
}

/// True for a parenthesis (or square bracket) closed at `close` that
/// sentencex treats as a plain skippable range: not a list marker (`(a)`, `(12)`, `(iv)`, `3)`,
/// `b.)`), which its list detection would act on. The caller has checked
/// that no quotation mark or other parenthesis is inside, so no quotation
/// crosses its edge, and the only range around a sentence mark inside it
/// is the parenthesis itself or a quotation that holds it whole.
fn plain_parenthesis(body: &str, close: usize) -> bool {
    let bytes = body.as_bytes();
    let word_start = bytes[..close]
        .iter()
        .rposition(|&b| b == b' ' || b == b'\t')
        .map_or(0, |k| k + 1);
    let word = &bytes[word_start..close];
    let word = word.strip_prefix(b"(").unwrap_or(word);
    let word = word.strip_suffix(b".").unwrap_or(word);
    let roman = |b: &u8| b"ivxlcdmIVXLCDM".contains(b);
    !(word.is_empty()
        || word.len() == 1
        || word.iter().all(u8::is_ascii_digit)
        || word.iter().all(roman))
}

/// The first byte at or after `from` that `fast_cuts` must look at
/// (`SPECIAL`). Sixteen bytes at a time (eight without SSE2, and near the
/// end) while all are letters, digits, spaces, commas, hyphens or full
/// stops, as nearly all of a news text is; byte by byte past any other.
fn next_special(bytes: &[u8], from: usize) -> Option<usize> {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    let from = match special_in_chunks::<16, 1>(bytes, from, |chunk| {
        u64::from(!crate::lanes::x16::prose_mask(chunk))
    }) {
        Ok(special) => return Some(special),
        Err(rest) => rest,
    };
    let i = match special_in_chunks::<8, 8>(bytes, from, |chunk| {
        !crate::lanes::prose(u64::from_le_bytes(*chunk)) & crate::lanes::HIGH
    }) {
        Ok(special) => return Some(special),
        Err(rest) => rest,
    };
    bytes[i..]
        .iter()
        .position(|&b| SPECIAL[usize::from(b)])
        .map(|k| i + k)
}

/// `next_special` in chunks of `N` bytes while `N` remain from `i`:
/// `others` marks a chunk's bytes that are not plain prose, byte k at bit
/// `STRIDE * k + STRIDE - 1` (the top bit of its lane in a `u64`, or bit k
/// of an SSE2 mask). The special byte (`Ok`), or where the chunks ran out
/// (`Err`).
#[inline(always)]
fn special_in_chunks<const N: usize, const STRIDE: u32>(
    bytes: &[u8],
    mut i: usize,
    others: impl Fn(&[u8; N]) -> u64,
) -> Result<usize, usize> {
    while let Some(chunk) = bytes.get(i..i + N) {
        let other = others(chunk.try_into().expect("a chunk of N bytes"));
        if other == 0 {
            i += N;
            continue;
        }
        i += (other.trailing_zeros() / STRIDE) as usize;
        if SPECIAL[usize::from(bytes[i])] {
            return Ok(i);
        }
        i += 1;
    }
    Err(i)
}

/// The bytes `fast_cuts` must look at: the ASCII marks it tests and every
/// byte of a non-ASCII character; all other bytes pass unexamined.
const SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = matches!(
            b as u8,
            b'\'' | b'`' | b'(' | b')' | b'[' | b']' | b'{' | b'}' | b'<' | b'>' | b'@' | b'"'
        ) || b < 0x20
            || b >= 0x7f;
        b += 1;
    }
    table
};

/// Sentencex's terminator runs over ASCII marks: three or more dots
/// separated by blanks, two or more `!`/`?` separated by blanks, or a
/// contiguous run of `.!?`; a blank-separated dot run after a `!`/`?` run
/// is folded into it.
struct TerminatorRuns<'b> {
    bytes: &'b [u8],
    cursor: usize,
    pending: Option<(usize, usize)>,
}

impl<'b> TerminatorRuns<'b> {
    fn new(bytes: &'b [u8]) -> Self {
        TerminatorRuns {
            bytes,
            cursor: 0,
            pending: None,
        }
    }

    /// The next run after folding.
    fn next_run(&mut self) -> Option<(usize, usize)> {
        loop {
            let Some(run) = self.raw_run() else {
                return self.pending.take();
            };
            match self.pending {
                None => self.pending = Some(run),
                Some(prev) if self.folds(prev, run) => self.pending = Some((prev.0, run.1)),
                Some(prev) => {
                    self.pending = Some(run);
                    return Some(prev);
                }
            }
        }
    }

    fn raw_run(&mut self) -> Option<(usize, usize)> {
        let bytes = self.bytes;
        let p = self.cursor + memchr::memchr3(b'.', b'!', b'?', &bytes[self.cursor..])?;
        let spaced = if bytes[p] == b'.' {
            spaced_run(bytes, p, |b| b == b'.', 3)
        } else {
            spaced_run(bytes, p, |b| b == b'!' || b == b'?', 2)
        };
        let end = spaced.unwrap_or_else(|| {
            let mut end = p + 1;
            while matches!(bytes.get(end), Some(b'.' | b'!' | b'?')) {
                end += 1;
            }
            end
        });
        self.cursor = end;
        Some((p, end))
    }

    /// `Happy! . . .`: a dot run after an emphatic run, blanks between.
    fn folds(&self, prev: (usize, usize), run: (usize, usize)) -> bool {
        let bytes = self.bytes;
        let prev_is_emphatic = matches!(bytes[prev.1 - 1], b'!' | b'?');
        let dot_run = bytes[run.0] == b'.'
            && bytes[run.0..run.1]
                .iter()
                .all(|&b| matches!(b, b'.' | b' ' | b'\t'));
        let gap = &bytes[prev.1..run.0];
        prev_is_emphatic
            && dot_run
            && !gap.is_empty()
            && gap.iter().all(|&b| matches!(b, b' ' | b'\t'))
    }
}

/// The end of a blank-separated run of `is_member` bytes from `p`, if it
/// has at least `min_total` members.
fn spaced_run(
    bytes: &[u8],
    p: usize,
    is_member: impl Fn(u8) -> bool,
    min_total: usize,
) -> Option<usize> {
    let mut count = 1;
    let mut end = p + 1;
    loop {
        let mut k = end;
        while matches!(bytes.get(k), Some(b' ' | b'\t')) {
            k += 1;
        }
        if k > end && bytes.get(k).is_some_and(|&b| is_member(b)) {
            count += 1;
            end = k + 1;
        } else {
            break;
        }
    }
    (count >= min_total).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentencex_cuts(body: &str) -> Vec<usize> {
        let mut out: Vec<usize> = English {}
            .segment(body)
            .iter()
            .map(|p| p.as_ptr() as usize - body.as_ptr() as usize)
            .collect();
        out.push(body.len());
        out
    }

    thread_local! {
        /// One scratch for every case a test checks, as a document reuses
        /// it from paragraph to paragraph: what one paragraph leaves in it
        /// must not reach the next.
        static SCRATCH: std::cell::RefCell<Scratch> = Default::default();
    }

    /// Both paths give the same sentences (empty pieces aside, which the
    /// segmenter drops).
    fn check(body: &str) -> bool {
        let (taken, fast) = SCRATCH.with_borrow_mut(|scratch| {
            let taken = fast_cuts(&English {}, body, scratch);
            (taken, scratch.cuts.clone())
        });
        if taken {
            let pieces = |cuts: &[usize]| -> Vec<(usize, usize)> {
                cuts.windows(2)
                    .map(|w| (w[0], w[1]))
                    .filter(|(a, b)| a < b)
                    .collect()
            };
            assert_eq!(
                pieces(&fast),
                pieces(&sentencex_cuts(body)),
                "fast path differs from sentencex on {body:?}"
            );
        }
        taken
    }

    /// The word-at-a-time search finds what a byte-by-byte one does: every
    /// byte value, at every place in and after a run of plain text.
    #[test]
    fn next_special_is_the_first_special_byte() {
        let plain = b"Ab9 ,-.zZ0 ab. cd, ef-gh";
        for b in 0..=255u8 {
            for at in 0..plain.len() {
                let mut bytes = plain.to_vec();
                bytes[at] = b;
                for from in [0, 1, 7, 8, at.saturating_sub(1), at] {
                    let want = bytes[from..]
                        .iter()
                        .position(|&x| SPECIAL[usize::from(x)])
                        .map(|k| from + k);
                    assert_eq!(
                        next_special(&bytes, from),
                        want,
                        "{b:#x} at {at} from {from}"
                    );
                }
            }
        }
        assert_eq!(next_special(plain, 0), None);
        assert_eq!(next_special(b"", 0), None);
    }

    /// `plain_period_boundary`'s answer for the `.` between `head` and
    /// `rest`, and sentencex's.
    fn both_answers(
        english: &English,
        head: &str,
        rest: &str,
    ) -> (Option<Option<usize>>, Option<usize>, String) {
        let body = format!("{head}.{rest}");
        let start = head.len();
        (
            plain_period_boundary(english, &body, start, start + 1),
            english.find_boundary(&body, start, start + 1),
            body,
        )
    }

    /// The shortcuts answer each of `cases` (a head and what follows its
    /// `.`), as sentencex does.
    fn assert_answered(english: &English, cases: &[(&str, &str)]) {
        for (head, rest) in cases {
            let (ours, theirs, body) = both_answers(english, head, rest);
            assert_eq!(ours, Some(theirs), "{body:?} is answered");
        }
    }

    /// Every answer of the shortcuts is sentencex's, and they answer the
    /// shapes they are for.
    #[test]
    fn the_plain_shortcuts_answer_as_sentencex_does() {
        let english = English {};
        let words = [
            "Ohio",
            "Obama",
            "report",
            "REPORT",
            "McConnell",
            "approx",
            "Yahoo",
            "Yahoos",
            "Yum",
            "2012",
            "MP3",
            "5ft",
            "a.m",
            "PhD",
            "mph",
            "Ph.D",
            "U.S",
            "years",
            "p",
            "Trump’s",
            "anti-war",
            "this",
            "it",
            "up",
            "Mr",
            "Mrs",
            "Sen",
            "Gov",
            "etc",
            "vs",
            "Ms",
            "in",
            "ft",
            "U",
            "I",
            "e",
            "m",
            "no",
            "No",
            "jr",
        ];
        let followers = [
            " The next",
            " the next",
            " 5 more",
            " [1] Next",
            " , next",
            "” He said",
            "”",
            "\"",
            "\" He said",
            "”, he said",
            "\", he said",
            "\" , he said",
            "” he said",
            "”. Next",
            "” ― Ana",
            "\n Next",
            "\nNext",
            "  Next",
            " “Next",
            " \"Next",
            " \" Next",
            " \" , next",
            "\u{2003}Next",
            // Past sentencex's 30 bytes: all whitespace, and a starter cut short.
            "                               Next",
            "                          Therefore, he",
            " Next [2]",
            " But he",
            " But, he",
            " However",
            " Obama said",
            " Obama’s plan",
            " Obama's plan",
            " Don't go",
            " Don’t go",
            " Ana-Maria said",
            " Ana… said",
            " Ana\u{a0}said",
            " Ana\tsaid",
            " Ana; then",
            " F16s flew",
            " A. B. Cole",
            "com",
            "5 percent",
            "S. Cole",
        ];
        let mut answered = 0;
        // After the leads, the word opening the paragraph.
        for lead in [
            "It was ",
            "It was Tom ",
            "It was at 7 ",
            "It was at 7. ",
            "It was at 7 a. ",
            "",
        ] {
            for word in words {
                for follower in followers {
                    let head = format!("{lead}{word}");
                    let (ours, theirs, body) = both_answers(&english, &head, follower);
                    if let Some(ours) = ours {
                        answered += 1;
                        assert_eq!(ours, theirs, "{body:?}");
                    }
                }
            }
        }
        // The shapes the shortcuts are for are answered: the letters or
        // digits right after a `.` (three followers) for every word, and
        // the other plain followers after a plain word or an abbreviation.
        assert_answered(
            &english,
            &[
                ("It was this", " The next"),
                ("It was this", "\n Next"),
                ("It was Ohio", "” He said"),
                ("It was Ohio", "\" He said"),
                ("It was Ohio", "” ― Ana"),
                ("It was 2012", "  Next"),
                ("It was in the report", " “Next"),
                ("It was up", " \"Next"),
                ("It was Mr", " Obama said"),
                ("Mr", " Obama said"),
                ("Mrs", " Clinton said"),
                ("It was Mr", " But he"),
                ("It was etc", " However"),
                ("It was U.S", "com"),
                ("It was at 7", "5 percent"),
                ("It was Mr", " Trump's plan"),
                ("It was Mr", " Trump’s plan"),
                ("It was Mr", " Don't go"),
            ],
        );
        assert!(answered > 4 * words.len() * 3, "{answered} answered");
        // Every abbreviation of sentencex's, as it stands and capitalised,
        // before a sentence starter and before other words.
        let mut abbreviations: Vec<&String> = english.get_abbreviations().iter().collect();
        abbreviations.sort();
        for abbreviation in abbreviations {
            let capitalised = abbreviation[..1].to_uppercase() + &abbreviation[1..];
            for word in [abbreviation.as_str(), &capitalised] {
                for next in [
                    " The next",
                    " Obama said",
                    " the next",
                    " However,",
                    "\"Next",
                ] {
                    let head = format!("It was {word}");
                    let (ours, theirs, body) = both_answers(&english, &head, next);
                    if let Some(ours) = ours {
                        assert_eq!(ours, theirs, "{body:?}");
                    }
                }
            }
        }
        // Every sentence starter after an abbreviation.
        let mut starters: Vec<&String> = english.get_sentence_starters().iter().collect();
        starters.sort();
        for starter in starters {
            for word in ["Mr", "etc", "Sen", "this"] {
                for end in ["", " said", ", he", ". Next"] {
                    let head = format!("It was {word}");
                    let rest = format!(" {starter}{end}");
                    let (ours, theirs, body) = both_answers(&english, &head, &rest);
                    if let Some(ours) = ours {
                        assert_eq!(ours, theirs, "{body:?}");
                    }
                }
            }
        }
        for next in [
            "", " The", " the", " 5", " “The", "\nThe", "  The", " ― Ana",
        ] {
            if let Some(ours) = plain_extend(next) {
                assert_eq!(ours, english.get_boundary_extend(next), "{next:?}");
            }
        }
        assert_eq!(plain_extend(""), Some(Some(0)));
        assert_eq!(plain_extend(" The"), Some(Some(1)));
    }

    /// Every capital as a word of its own, after every kind of word and
    /// mark, before every follower that bears on it, and before every
    /// sentence starter: where the initial shortcut answers, sentencex
    /// agrees, and the shortcut answers the shapes it is for.
    #[test]
    fn initials_answer_as_sentencex_does() {
        let english = English {};
        // Every capital after every capital and a `.` (which covers the
        // trailing markers of two letters, "A.D" or "M.S"), and after the
        // longer markers' starts, at a sentence's start and after words.
        let mut leads: Vec<String> = [
            "",
            "It was ",
            "It was\n",
            "It was  ",
            "George ",
            "the u.",
            "at 5 p. ",
            "at 5 a.",
            "at 5 P. ",
            "Ph.",
            "B.C.",
            "D.D.",
            "M.B.",
            "LL.",
            "(R-",
            "N.J./",
            "5 ",
            "e ",
            "“",
            "Ana\u{a0}",
            "Ana\t",
            "Ana’",
        ]
        .iter()
        .map(|l| l.to_string())
        .collect();
        for capital in 'A'..='Z' {
            leads.push(format!("{capital}."));
            leads.push(format!("It was {capital}."));
            leads.push(format!("It was {}.", capital.to_ascii_lowercase()));
        }
        for lead in ["It was Ph.", "It was LL.", "It was M.B.", "at 5 a. "] {
            leads.push(lead.to_string());
        }
        let followers = [
            " The next",
            " Bush said",
            " the next",
            " Don't go",
            " Trump's plan",
            " Trump’s plan",
            " J. R. Tolkien",
            " J.R.R. Tolkien",
            " A. B.",
            " A.",
            " A.B.",
            "S. history",
            "S.E.C. has",
            "S.",
            "S",
            "Sc",
            " Court",
            "\nNext",
            "\n\nNext",
            "  Next",
            " However, he",
            " But",
            " But,",
            " But.",
            " But…",
            " But’s",
            " But\tnow",
            " But\u{a0}now",
            " Over-the-top",
            " 5 more",
            " “Next",
            " \"Next",
            " [1] Next",
            "                            Next",
            "                   Therefore, he",
            "                     Therefore",
            "” He said",
            " (Next)",
        ];
        let mut answered = 0;
        let mut starters: Vec<&String> = english.get_sentence_starters().iter().collect();
        starters.sort();
        let starters = starters.iter().map(|s| format!(" {s} said"));
        let followers: Vec<String> = followers
            .iter()
            .map(|f| f.to_string())
            .chain(starters)
            .collect();
        for lead in &leads {
            for capital in 'A'..='Z' {
                for follower in &followers {
                    let head = format!("{lead}{capital}");
                    let (ours, theirs, body) = both_answers(&english, &head, follower);
                    if let Some(ours) = ours {
                        answered += 1;
                        assert_eq!(ours, theirs, "{body:?}");
                    }
                }
            }
        }
        assert!(
            answered > 26 * followers.len() * leads.len() / 2,
            "{answered} answered"
        );
        assert_answered(
            &english,
            &[
                ("President George W", " Bush said"),
                ("the U", "S. economy"),
                ("the U.S", " economy grew"),
                ("the U.S", " The economy grew"),
                ("It was E.U", " nations"),
                ("the U", "N. talks"),
                ("Donald J", " Trump's plan"),
                ("It was J", " Trump"),
                ("It was E", "\nNext"),
            ],
        );
    }

    /// Every word of two to four ASCII letters (lowercase; of two or three,
    /// also capitalised and in capitals) before ". The" and ". 5": where the shortcut
    /// answers, sentencex agrees, and the shortcut leaves to sentencex
    /// only the trailing markers, "Yum", and abbreviations. A trailing
    /// marker that sentencex adds is a word that it does not cut after, so
    /// this fails until [`TRAILING_MARKERS`] has it.
    #[test]
    fn no_short_word_is_a_marker_unknown_here() {
        let english = English {};
        let mut words = Vec::new();
        let mut word = Vec::new();
        for len in 2..=4 {
            word.resize(len, b'a');
            word.fill(b'a');
            loop {
                let lower = String::from_utf8(word.clone()).unwrap();
                if len < 4 {
                    words.push(lower[..1].to_uppercase() + &lower[1..]);
                    words.push(lower.to_uppercase());
                }
                words.push(lower);
                // The next word in alphabetical order, if any.
                let Some(k) = word.iter().rposition(|&b| b != b'z') else {
                    break;
                };
                word[k] += 1;
                word[k + 1..].fill(b'a');
            }
        }
        assert_eq!(
            words.len(),
            26 * 26 * 3 + 26 * 26 * 26 * 3 + 26 * 26 * 26 * 26
        );
        let abbreviations = english.get_abbreviations();
        let mut left = 0;
        for word in &words {
            let head = format!("It was {word}");
            // A sentence starter, and a digit (which a trailing marker
            // such as "ft" keeps in the sentence: "5 ft. 6 in.").
            for next in [" The next", " 5 more"] {
                let (ours, theirs, body) = both_answers(&english, &head, next);
                match ours {
                    Some(ours) => assert_eq!(ours, theirs, "{body:?}"),
                    None => {
                        let lower = word.to_ascii_lowercase();
                        assert!(
                            TRAILING_MARKERS.contains(&lower.as_str())
                                || word == "Yum"
                                || abbreviations.contains(&lower),
                            "{body:?} left to sentencex"
                        );
                        left += 1;
                    }
                }
            }
        }
        assert!(left > TRAILING_MARKERS.len(), "{left} left to sentencex");
    }

    #[test]
    fn the_fast_path_agrees_with_sentencex() {
        let cases = [
            "One fact. Another fact.",
            "Dr. Smith arrived. He said so.",
            "The U.S. economy grew. Prices rose 2.5 percent in May.",
            "He left at 5 p.m. Then he came back.",
            "“We lost. It hurts,” he said. “We will be back.”",
            "“We lost.” He left. “Again.” She stayed.",
            "He said \"No.\" Then he left. \"Fine,\" she said.",
            "Is it? Yes! Really?! Wow... Maybe. . . no.",
            "Happy! . . . Then more. What ? ? Sure.",
            "Erdogan's top diplomat said so. The Dockers' Union agreed. It's done.",
            "J. R. R. Tolkien wrote it. George W. Bush read it.",
            "The vote is on Jan. 5. It may slip. Sen. Kaine said so.",
            "A quote “with no end. And more text. Here.",
            "She said “yes.” “No,” he said.",
            "Prices fell. ’Tis true. Still.",
            "Crème brûlée sold out. Émile was sad — very sad. Done.",
            "It ended.\u{a0}Then more.\u{a0}\u{a0}Two no-break spaces. “Yes.”\u{a0}Done.",
            "“We won.” ― Ana Ruiz. Then 5\u{a0}p.m. came. ― Next.",
            "He left (for good). Then (AP) came back. It ended.(See) Next. End. (Photo) Done.",
            "A path C:\\Users\\x. Then \\n and a\\b. Done.",
            "Sen. Mike Lee (R-Utah) said so. The (very) end. It (a) won. Then (ii) more. Ok.",
            "A list: 1) one. 2) two. Then b.) three. Done (civil) Yes. Its (12) cases. Fine.",
            "It ended.  Two spaces. Then one.",
            "Numbers 1.5 and 2. Then text. 3. More.",
            "Wow! He won. Hey! Listen.",
            "Ends with a mark. ",
            "Odd \"quote count. Here. Now.",
            "A wrapped\nparagraph. It goes\non. “And a quote\nover lines.” Done.",
            "Items:\n- one.\n- two.",
            "Items:\n1. one.\n2. two.",
            "So\na) one.\nb) two.",
            "Lines\n  indented. Here.\nThe end.",
            "Mitch McConnell (R-Ky.) said so. Lindsey Graham (R-S.C.), a hawk, agreed.",
            "It rose. (Mr. Podesta is now the chairman. He left.) Then more.",
            "“He (R-Ky.) won.” Then (Wow!) she left. (Is it? No.)",
            "(Reporting by A. Smith; Editing by B. Jones.)",
            "Ends in parentheses (really.) Next one (p.) and (3.) end.",
            "Clinton calls it a ‘crazy system.’ Then he left. It’s ‘in their heads.’",
            "He said ‘no. Not now.’ She agreed. Trump’s ‘plan’ won. It’s ‘Mr. Big’s’ day.",
            "“You say you ‘accept responsibility.’ Fine,” she said. ‘Yes,’ he said.",
            "A ‘quote (with it’s paren) here.’ End. A (‘quote’) in parentheses. Done.",
            "An ‘unclosed quote. Here. Now.",
            "''This isn't reform,'' said Mr. Cole. ''It's tinkering.'' He left.",
            "The ''Buffett rule'' stays. It was ''taking a close look'' at it.",
            "\"It feels like, 'Meh, we can wait a bit,'\" he said. 'Not so.' Done.",
            "\"We stayed. It was hard,\" he said. \"Then we left. Nobody came.",
            "“An unclosed quote. Then \"a straight one.\" Done. Right.",
            "He said \"no.\" Then. \"Open again. It runs on. The end.",
            "A ''doubled quote. Never closed. Here.",
            "''Opens the paragraph. Never closed. Here.",
            "He said ''no. Then.'' And 'so.' ''Yes. Done.",
            "She said \"It is done.\" The end. \"Really. Maybe.",
            "\"We won. The team played well,\" he said. \"Then we left.",
            "''We won. The team played well,'' he said. ''Then we left.",
            "“Unclosed. He said \"We won. The team played well,\" again. Done.",
            "“Unclosed. He said ''We won. The team played well,'' again. Done.",
            "\"We won. The team played well,\" he said, \"and then we left.",
            "''We won. The team played well,'' he said, ''and then we left.",
            "“Unclosed. He said \"We won. The team played well,\" again, \"and on.",
            "“Unclosed. He said ''We won. The team played well,'' again, ''and on.",
            "''Opens the paragraph. Never closed. Ask the Joneses'",
            "Text first. ''Opens a line\n''and never closes. Ask the Joneses'",
            "“We won. We lost.” ― Ana Ruiz. A stray closer.” ― Bo Li. Done.",
            "He left. ”Stray. Then she left.",
            "\"Yes,\" he said. \" Then he left. It ended.",
            "He said no. \" Then he left. It ended.",
            "\"Yes,\" he said. \"  . Then he left.",
            "\"Yes,\" he said.\"Then he left.",
            "“Yes,” he said. “Then he left. It ended.",
            "It rose. \"\u{a0}Then it fell.",
            "He said [the plan] failed. It [sic.] ended. Then (it] rose. [Applause.] Done.",
            "He [Mr. Smith] left. “It [the bill. Really.] died.” A [b] c. End [a) x] y. [1] Z.",
        ];
        let mut taken = 0;
        for c in cases {
            taken += usize::from(check(c));
        }
        assert!(taken >= 15, "the fast path took only {taken} cases");
    }

    /// Paragraphs made of pieces that exercise sentencex's rules
    /// (abbreviations, initials, quotations, terminator runs), from a
    /// fixed-seed generator.
    #[test]
    fn the_fast_path_agrees_with_sentencex_on_generated_paragraphs() {
        const PIECES: &[&str] = &[
            "He",
            "said",
            "the",
            "U.S.",
            "Dr.",
            "Mr.",
            "J.",
            "R.",
            "Inc.",
            "p.m.",
            "No.",
            "e.g.",
            "etc.",
            "Jan.",
            "5.",
            "2.5",
            "vs.",
            "St.",
            "Gov.",
            "It",
            "I",
            "Hey!",
            "Wow!",
            "Why?",
            "won.",
            "lost!",
            "really?",
            "...",
            ". . .",
            "!",
            "?",
            ".",
            "“",
            "”",
            "\"",
            "’s",
            "'s",
            "don't",
            "Dockers'",
            "—",
            "–",
            ",",
            "Émile",
            "crème",
            "Ltd.",
            "A.",
            "B.C.",
            "1.",
            "ii.",
            "a.",
            "-",
            "*",
            "The",
            "And",
            "But",
            "so",
            "it",
            "They",
            "2016.",
            "Sept.",
            "\u{a0}",
            "end.\u{a0}",
            "―",
            "― Ana",
            "\u{a0}―\u{a0}",
            "(AP)",
            "(R-Utah)",
            "(a)",
            "(12)",
            "(iv)",
            "3)",
            "b.)",
            "(see",
            "page)",
            "(Mill)",
            "(",
            ")",
            "(1.5)",
            "(Yes!)",
            "(R-Ky.)",
            "[sic.]",
            "[the",
            "plan.]",
            "[Applause.]",
            "[1]",
            "]",
            "[",
            "(D-N.C.),",
            "(Mr.",
            "Podesta.)",
            "(Reuters)",
            "‘",
            "’",
            "‘Yes.’",
            "‘no’",
            "''",
            "'",
            "''Yes.''",
            "said,''",
            "'Meh,",
            "it.'",
            "\"Open.",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        // Half the paragraphs are one line; in the other half a word may
        // also follow a line break, so a line may open with a list marker.
        const ONE_LINE: &[&str] = &[" ", " ", " ", " ", "", "  "];
        const LINES: &[&str] = &[" ", " ", " ", "  ", "", "\n", "\n", "\n "];
        let mut taken = [0, 0];
        for round in 0..6000 {
            let separators = [ONE_LINE, LINES][round % 2];
            let len = 3 + next(14);
            let words: Vec<&str> = (0..len).map(|_| PIECES[next(PIECES.len())]).collect();
            let mut body = String::new();
            for (k, w) in words.iter().enumerate() {
                if k > 0 {
                    body.push_str(separators[next(separators.len())]);
                }
                body.push_str(w);
            }
            taken[round % 2] += usize::from(check(body.trim()));
        }
        assert!(
            taken[0] > 500 && taken[1] > 150,
            "the fast path took only {taken:?} paragraphs"
        );
    }

    /// Every paragraph of the shared corpora (PolNeAR train and dev, the
    /// Szeged sentences): about 1.5 s in a debug build now that the fast
    /// path takes nearly all of them.
    #[test]
    fn the_fast_path_agrees_with_sentencex_on_the_shared_corpora() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
        let mut texts = Vec::new();
        for split in ["train", "dev"] {
            let dir = root.join("polnear").join(split).join("text");
            for entry in std::fs::read_dir(dir).into_iter().flatten() {
                texts.push(std::fs::read_to_string(entry.unwrap().path()).unwrap());
            }
        }
        let hedges =
            std::fs::read_to_string(root.join("szeged-wiki/dev.jsonl")).unwrap_or_default();
        for line in hedges.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            texts.push(v["text"].as_str().unwrap().to_string());
        }
        assert!(!texts.is_empty(), "no corpora under {}", root.display());
        for text in &texts {
            for para in text.split("\n\n") {
                check(para.trim());
            }
        }
    }

    /// A paragraph far past the window is cut only at the window ends,
    /// every piece stays inside the paragraph, and the pieces tile it.
    #[test]
    fn a_huge_paragraph_is_segmented_in_windows() {
        let mut body = String::new();
        for i in 0..20_000 {
            body.push_str(["\"", "“", "'", "”"][i % 4]);
            body.push_str(if i % 7 == 6 { "Ana said it. " } else { "word " });
        }
        let mut scratch = Scratch::default();
        let mut out = Vec::new();
        split(&English {}, &body, &mut scratch, &mut out);
        assert!(out.len() > 100, "{} sentences", out.len());
        let mut at = 0;
        for &(start, end) in &out {
            assert!(start >= at && start < end && end <= body.len());
            assert!(body.is_char_boundary(start) && body.is_char_boundary(end));
            assert!(body[at..start].trim().is_empty(), "a gap holds text");
            at = end;
        }
        assert!(body[at..].trim().is_empty());
        // A paragraph of news length is never cut.
        let short = &body[..WINDOW];
        let short = &short[..short.rfind(' ').unwrap()];
        split(&English {}, short, &mut scratch, &mut out);
        let whole: Vec<(usize, usize)> = English {}
            .segment(short)
            .iter()
            .map(|p| {
                let start = p.as_ptr() as usize - short.as_ptr() as usize;
                (start, start + p.len())
            })
            .collect();
        assert_eq!(out, whole);
    }

    #[test]
    fn window_ends_fall_on_character_boundaries() {
        // "€" is three bytes, so WINDOW (a power of two) falls inside one.
        let body = "€".repeat(WINDOW);
        let end = window_end(&body, 0);
        assert!(end > WINDOW && body.is_char_boundary(end));
        let body = format!("{}. {}", "a".repeat(WINDOW * 3 / 4), "b".repeat(WINDOW));
        assert_eq!(window_end(&body, 0), WINDOW * 3 / 4 + 2);
    }

    #[test]
    fn the_fast_path_agrees_with_sentencex_on_the_corpus() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                let text = std::fs::read_to_string(&path).unwrap();
                for para in text.split("\n\n") {
                    check(para.trim());
                }
            }
        }
    }
}
