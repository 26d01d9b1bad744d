//! The article text with its claims wrapped in elements. Spans may overlap
//! (an attribution's source inside another's content, a quotation's speaker
//! inside the quotation) and need not nest, so the text is cut at every span
//! boundary and each piece is wrapped in the marks that cover it, outermost
//! first. A mark that crosses another is closed and opened again: the HTML
//! is always well nested, and a claim may be several elements.

use super::escape_into;
use claimtrace::Span;
use std::collections::BTreeSet;

/// Which part of a claim a mark shows.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum Part {
    /// An attribution's content: the claim itself.
    Content,
    /// A sentence asserted in the author's voice.
    Unattributed,
    Source,
    Cue,
}

#[derive(Clone, Copy, Debug)]
pub struct Mark {
    pub span: Span,
    /// Index of the claim in the page's list.
    pub claim: usize,
    pub part: Part,
}

/// Writes `text` escaped, with every mark wrapped by `open` (which returns
/// the opening tag; `first` is true for the first element of a claim's
/// content, the one that takes keyboard focus) and `</span>`.
pub fn render(
    out: &mut String,
    text: &str,
    marks: &[Mark],
    mut open: impl FnMut(&Mark, bool) -> String,
) {
    let mut marks: Vec<Mark> = marks
        .iter()
        .map(|m| Mark {
            span: char_span(text, m.span),
            ..*m
        })
        .filter(|m| !m.span.is_empty())
        .collect();
    // Outer marks first: earlier start, then longer, then content before its
    // source and cue; this order is the nesting order of the elements.
    marks.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end), m.part, m.claim));
    let mut cuts: Vec<usize> = marks
        .iter()
        .flat_map(|m| [m.span.start, m.span.end])
        .chain([0, text.len()])
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut headed = BTreeSet::new();
    let mut active: BTreeSet<usize> = BTreeSet::new();
    let mut open_now: Vec<usize> = Vec::new();
    let mut next = 0;
    for piece in cuts.windows(2) {
        let (start, end) = (piece[0], piece[1]);
        active.retain(|&i| marks[i].span.end > start);
        while next < marks.len() && marks[next].span.start == start {
            active.insert(next);
            next += 1;
        }
        // Keep the elements both lists open, close the rest, open the new.
        let keep = open_now
            .iter()
            .zip(&active)
            .take_while(|(a, b)| a == b)
            .count();
        for _ in keep..open_now.len() {
            out.push_str("</span>");
        }
        open_now.truncate(keep);
        for &i in active.iter().skip(keep) {
            let m = &marks[i];
            let first =
                matches!(m.part, Part::Content | Part::Unattributed) && headed.insert(m.claim);
            out.push_str(&open(m, first));
            open_now.push(i);
        }
        escape_into(out, &text[start..end]);
    }
    for _ in &open_now {
        out.push_str("</span>");
    }
}

/// The span inside the text and on character boundaries (widened).
fn char_span(text: &str, span: Span) -> Span {
    let mut start = span.start.min(text.len());
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    Span::new(start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str, marks: &[(usize, usize, usize, Part)]) -> String {
        let marks: Vec<Mark> = marks
            .iter()
            .map(|&(s, e, claim, part)| Mark {
                span: Span::new(s, e),
                claim,
                part,
            })
            .collect();
        let mut out = String::new();
        render(&mut out, text, &marks, |m, first| {
            format!(
                "<span {:?}{}{}>",
                m.part,
                m.claim,
                if first { "*" } else { "" }
            )
        });
        out
    }

    #[test]
    fn nested_marks_stay_nested() {
        // "TRT said Erdogan told them peace": a2 inside a1's content.
        let text = "TRT said Erdogan told them peace";
        let got = show(
            text,
            &[
                (0, 3, 1, Part::Source),
                (4, 8, 1, Part::Cue),
                (9, 32, 1, Part::Content),
                (9, 16, 2, Part::Source),
                (17, 21, 2, Part::Cue),
                (27, 32, 2, Part::Content),
            ],
        );
        assert_eq!(
            got,
            "<span Source1>TRT</span> <span Cue1>said</span> <span Content1*>\
             <span Source2>Erdogan</span> <span Cue2>told</span> them \
             <span Content2*>peace</span></span>"
        );
    }

    #[test]
    fn crossing_marks_are_split() {
        let got = show(
            "abcdef",
            &[(0, 4, 1, Part::Content), (2, 6, 2, Part::Content)],
        );
        assert_eq!(
            got,
            "<span Content1*>ab<span Content2*>cd</span></span><span Content2>ef</span>"
        );
    }

    #[test]
    fn text_is_escaped_and_spans_fit_characters() {
        // A span cutting "é" in half widens to the whole character.
        let got = show("<b>é</b>", &[(3, 4, 1, Part::Unattributed)]);
        assert_eq!(got, "&lt;b&gt;<span Unattributed1*>é</span>&lt;/b&gt;");
        // Out-of-range and empty spans are ignored.
        let got = show("ab", &[(5, 9, 1, Part::Cue), (1, 1, 2, Part::Cue)]);
        assert_eq!(got, "ab");
    }
}
