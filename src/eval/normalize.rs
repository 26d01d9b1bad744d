//! Span normalisation, applied alike to gold and predicted roles so that
//! annotation conventions about surrounding punctuation do not count as
//! errors: fragments of one role are merged where they overlap or are
//! separated only by whitespace and `. , ; : " “ ” ' ’ ‘`, then trimmed of
//! those characters at both ends. A fragment made only of such characters
//! (the cue ":" in "Pence: ...") keeps them, trimmed of whitespace only.

use crate::Span;

/// The punctuation that normalisation skips: `. , ; : " “ ” ' ’ ‘`.
pub fn is_trim_punct(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ':' | '"' | '“' | '”' | '\'' | '’' | '‘'
    )
}

/// A quotation mark, for the direct-quote test.
pub fn is_quote_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '\'' | '’' | '‘')
}

/// Whitespace or trimmed punctuation: what may separate merged fragments.
pub fn is_gap(c: char) -> bool {
    c.is_whitespace() || is_trim_punct(c)
}

/// The normalised fragments of one role: sorted, merged, trimmed; empty
/// fragments dropped.
pub fn normalize(text: &str, spans: &[Span]) -> Vec<Span> {
    let mut spans: Vec<Span> = spans.iter().copied().filter(|s| !s.is_empty()).collect();
    spans.sort();
    let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        if let Some(last) = merged.last_mut()
            && (s.start <= last.end || text[last.end..s.start].chars().all(is_gap))
        {
            last.end = last.end.max(s.end);
            continue;
        }
        merged.push(s);
    }
    merged.into_iter().filter_map(|s| trim(text, s)).collect()
}

/// Trims gap characters at both ends; a fragment of gap characters only is
/// trimmed of whitespace only, and dropped if nothing is left.
fn trim(text: &str, s: Span) -> Option<Span> {
    let piece = &text[s.start..s.end];
    let inner = piece.trim_matches(is_gap);
    let inner = if inner.is_empty() {
        piece.trim()
    } else {
        inner
    };
    if inner.is_empty() {
        return None;
    }
    // `inner` is a subslice of `piece`: its offset is a pointer difference.
    let start = s.start + (inner.as_ptr() as usize - piece.as_ptr() as usize);
    Some(Span::new(start, start + inner.len()))
}

/// True when the normalised content `frags` is a quotation: a quotation mark
/// stands at its start or end, possibly behind the characters normalisation
/// trims (the mark itself is one of them), without crossing a line break.
pub fn is_direct(text: &str, frags: &[Span]) -> bool {
    let (Some(first), Some(last)) = (frags.first(), frags.last()) else {
        return false;
    };
    fn bordered(chars: impl Iterator<Item = char>) -> bool {
        chars
            .take_while(|&c| is_gap(c) && c != '\n' && c != '\r')
            .any(is_quote_mark)
    }
    let piece_first = &text[first.start..first.end];
    let piece_last = &text[last.start..last.end];
    piece_first.starts_with(is_quote_mark)
        || piece_last.ends_with(is_quote_mark)
        || bordered(text[..first.start].chars().rev())
        || bordered(text[last.end..].chars())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str, pieces: &[&str]) -> Vec<Span> {
        // Each piece found left to right, after the previous one.
        let mut from = 0;
        pieces
            .iter()
            .map(|p| {
                let at = from + text[from..].find(p).unwrap();
                from = at + p.len();
                Span::new(at, at + p.len())
            })
            .collect()
    }

    fn norm<'a>(text: &'a str, pieces: &[&str]) -> Vec<&'a str> {
        normalize(text, &spans(text, pieces))
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn trims_quotes_and_punctuation_at_both_ends() {
        let text = "He said: “We will win.” Then left.";
        assert_eq!(norm(text, &["“We will win.”"]), ["We will win"]);
        assert_eq!(norm(text, &[" said"]), ["said"]);
    }

    #[test]
    fn punctuation_only_fragment_keeps_its_punctuation() {
        let text = "Pence: we will win";
        assert_eq!(norm(text, &[":"]), [":"]);
        assert_eq!(norm("a : b", &[" : "]), [":"]);
        assert!(normalize("a   b", &[Span::new(1, 4)]).is_empty());
    }

    #[test]
    fn merges_fragments_separated_by_gap_characters_or_overlapping() {
        let text = "“We will win,” he said, “and soon.”";
        // Interrupted by the speaker tag: two units.
        assert_eq!(
            norm(text, &["We will win", "and soon"]),
            ["We will win", "and soon"]
        );
        // Only `,” ` between them: one unit.
        let text = "“We will win,” “and soon.”";
        assert_eq!(
            norm(text, &["We will win,", "“and soon"]),
            ["We will win,” “and soon"]
        );
        // Overlapping and out of order.
        let text = "abcdefgh";
        assert_eq!(
            normalize(text, &[Span::new(3, 6), Span::new(0, 4)]),
            [Span::new(0, 6)]
        );
        // Touching.
        assert_eq!(
            normalize(text, &[Span::new(0, 2), Span::new(2, 4)]),
            [Span::new(0, 4)]
        );
        // Empty spans are dropped.
        assert!(normalize(text, &[Span::new(2, 2)]).is_empty());
    }

    #[test]
    fn non_ascii_gaps_merge_on_char_boundaries() {
        let text = "naïve’ ‘état";
        assert_eq!(norm(text, &["naïve", "état"]), ["naïve’ ‘état"]);
    }

    #[test]
    fn direct_quotes_are_bordered_by_a_quotation_mark() {
        let text = "He said: “We will win.” They said that we lost.\n\"Yes\nNo";
        let d = |p: &[&str]| is_direct(text, &normalize(text, &spans(text, p)));
        assert!(d(&["We will win"]));
        assert!(d(&["“We will win.”"]));
        assert!(!d(&["that we lost"]));
        assert!(!d(&["we lost"]));
        // A mark behind a line break does not count.
        assert!(!d(&["No"]));
        assert!(d(&["Yes"]));
        assert!(!is_direct(text, &[]));
    }
}
