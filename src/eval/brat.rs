//! BRAT standoff (`.ann`) as PolNeAR writes it.
//!
//! - `T1<TAB>Source 10 20<TAB>text`: a text-bound annotation, character
//!   offsets, discontinuous fragments written `10 20;25 30`; the text column
//!   is the fragments joined by a space and may run over several lines when
//!   the span contains line breaks.
//! - `E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1`: an event; its
//!   arguments may name `T` lines written after it. A role may carry a
//!   number (`Content2`): it is the same role.
//! - `A`, `M`, `R`, `N`, `*` and `#` (notes) lines are read and ignored.

use super::chars::CharIndex;
use super::polnear::AttributionSpans;
use super::{EvalError, read_text};
use crate::Span;
use std::collections::HashMap;
use std::path::Path;

/// A text-bound annotation: label, fragments (character offsets), the text
/// column, and its line (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextBound {
    pub label: String,
    pub fragments: Vec<(usize, usize)>,
    pub text: String,
    pub line: usize,
}

/// An event: its type, its arguments (role, id) and its line (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub id: String,
    pub kind: String,
    pub args: Vec<(String, String)>,
    pub line: usize,
}

/// The parts of an `.ann` file that matter here.
#[derive(Debug, Default)]
pub struct Annotations {
    pub text_bounds: HashMap<String, TextBound>,
    pub events: Vec<Event>,
}

/// A parse error: 1-based line and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BratError {
    pub line: usize,
    pub message: String,
}

fn err(line: usize, message: impl Into<String>) -> BratError {
    BratError {
        line,
        message: message.into(),
    }
}

/// True for a line that starts an annotation: an id (`T12`, `E3`, `A1`,
/// `R2`, `M1`, `N1`, `#1`, `*`) followed by a tab.
fn record_id(line: &str) -> Option<&str> {
    let (id, _) = line.split_once('\t')?;
    let mut chars = id.chars();
    let ok = match chars.next()? {
        'T' | 'E' | 'A' | 'M' | 'R' | 'N' => {
            let rest = chars.as_str();
            !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit())
        }
        '#' => true,
        '*' => chars.as_str().is_empty(),
        _ => false,
    };
    ok.then_some(id)
}

/// Parses an `.ann` file. Lines that do not start an annotation continue the
/// text column of the `T` line or note before them (a span with line
/// breaks); elsewhere only blank lines are allowed.
pub fn parse(src: &str) -> Result<Annotations, BratError> {
    let mut out = Annotations::default();
    // The T line (or note) whose text column may continue on the next lines.
    let mut open: Option<Option<String>> = None;
    for (n, line) in src.split('\n').enumerate() {
        let n = n + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        let Some(id) = record_id(line) else {
            match &open {
                Some(Some(t)) => {
                    let tb = out.text_bounds.get_mut(t).expect("open T line exists");
                    tb.text.push('\n');
                    tb.text.push_str(line);
                }
                Some(None) => {}
                None if line.trim().is_empty() => {}
                None => return Err(err(n, "not a BRAT annotation line")),
            }
            continue;
        };
        open = None;
        let rest = &line[id.len() + 1..];
        match id.as_bytes()[0] {
            b'T' => {
                let tb = text_bound(rest, n)?;
                if out.text_bounds.insert(id.to_string(), tb).is_some() {
                    return Err(err(n, format!("{id} is defined twice")));
                }
                open = Some(Some(id.to_string()));
            }
            b'E' => out.events.push(event(id, rest, n)?),
            b'#' => open = Some(None),
            _ => {}
        }
    }
    // A text column never ends with the file's final line break.
    for tb in out.text_bounds.values_mut() {
        let kept = tb.text.trim_end_matches('\n').len();
        tb.text.truncate(kept);
    }
    Ok(out)
}

fn text_bound(rest: &str, n: usize) -> Result<TextBound, BratError> {
    let (head, text) = rest.split_once('\t').unwrap_or((rest, ""));
    let (label, offsets) = head
        .split_once(' ')
        .ok_or_else(|| err(n, "expected `LABEL START END` after the id"))?;
    let mut fragments = Vec::new();
    for piece in offsets.split(';') {
        let mut nums = piece.split_whitespace().map(|x| x.parse::<usize>());
        match (nums.next(), nums.next(), nums.next()) {
            (Some(Ok(s)), Some(Ok(e)), None) if s <= e => fragments.push((s, e)),
            _ => return Err(err(n, format!("bad offsets `{piece}`"))),
        }
    }
    Ok(TextBound {
        label: label.to_string(),
        fragments,
        text: text.to_string(),
        line: n,
    })
}

fn event(id: &str, rest: &str, n: usize) -> Result<Event, BratError> {
    let mut parts = rest.split_whitespace();
    let trigger = parts.next().ok_or_else(|| err(n, "empty event"))?;
    let (kind, _) = trigger
        .split_once(':')
        .ok_or_else(|| err(n, format!("bad event trigger `{trigger}`")))?;
    let mut args = Vec::new();
    for arg in parts {
        let (role, target) = arg
            .split_once(':')
            .filter(|(r, t)| !r.is_empty() && !t.is_empty())
            .ok_or_else(|| err(n, format!("bad event argument `{arg}`")))?;
        args.push((role.to_string(), target.to_string()));
    }
    Ok(Event {
        id: id.to_string(),
        kind: kind.to_string(),
        args,
        line: n,
    })
}

/// The role an event argument fills, without its number (`Content2` is a
/// content); `None` for roles that are not scored.
fn role_of(arg: &str) -> Option<usize> {
    match arg.trim_end_matches(|c: char| c.is_ascii_digit()) {
        "Source" => Some(0),
        "Cue" => Some(1),
        "Content" => Some(2),
        _ => None,
    }
}

/// The attributions of an `.ann` file over `text`, with byte spans. Every
/// event with a cue or a content is one attribution. Each `T` line's
/// offsets must fall inside the text and its text column must equal the
/// text there (fragments joined by a space), which catches a wrong text
/// file or offsets counted in other units.
pub fn attributions(
    ann: &Annotations,
    text: &str,
    index: &CharIndex,
) -> Result<Vec<AttributionSpans>, BratError> {
    let mut bytes: HashMap<&str, Vec<Span>> = HashMap::new();
    for (id, tb) in &ann.text_bounds {
        let mut spans = Vec::with_capacity(tb.fragments.len());
        for &(s, e) in &tb.fragments {
            let span = index.span(s, e).ok_or_else(|| {
                err(
                    tb.line,
                    format!(
                        "{id}: offsets {s} {e} lie outside the text ({} characters)",
                        index.chars()
                    ),
                )
            })?;
            spans.push(span);
        }
        let joined = spans
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect::<Vec<_>>()
            .join(" ");
        // An absent text column is not checked.
        if !tb.text.is_empty() && joined.trim_end_matches('\n') != tb.text {
            return Err(err(
                tb.line,
                format!(
                    "{id}: text column {:?} differs from the text at those offsets {:?}",
                    shorten(&tb.text),
                    shorten(&joined)
                ),
            ));
        }
        bytes.insert(id, spans);
    }
    let mut out = Vec::new();
    for ev in &ann.events {
        let mut roles: [Vec<Span>; 3] = Default::default();
        let mut has = [false; 3];
        for (role, target) in &ev.args {
            let Some(r) = role_of(role) else { continue };
            let spans = bytes.get(target.as_str()).ok_or_else(|| {
                err(
                    ev.line,
                    format!("{}: argument {role}:{target} names no T line", ev.id),
                )
            })?;
            roles[r].extend_from_slice(spans);
            has[r] = true;
        }
        if !has[1] && !has[2] {
            continue;
        }
        let [source, cue, content] = roles;
        out.push(AttributionSpans {
            source: has[0].then_some(source),
            cue,
            content,
            line: ev.line,
        });
    }
    Ok(out)
}

fn shorten(s: &str) -> String {
    if s.chars().count() <= 60 {
        return s.to_string();
    }
    let cut: String = s.chars().take(59).collect();
    format!("{cut}…")
}

/// Reads and converts one `.ann` file for `text`; errors name the file and line.
pub fn read(
    path: &Path,
    text: &str,
    index: &CharIndex,
) -> Result<Vec<AttributionSpans>, EvalError> {
    let src = read_text(path)?;
    let located = |e: BratError| EvalError::parse(path, e.line, e.message);
    let ann = parse(&src).map_err(located)?;
    attributions(&ann, text, index).map_err(located)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "“Wé will win,” Pence said. Critics: no.";

    fn ann() -> String {
        // Character offsets: “ is one character, é is one.
        [
            "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
            "T1\tSource 15 20\tPence",
            "T2\tCue 21 25\tsaid",
            "T3\tContent 1 8;9 12\tWé will win",
            "T4\tAttribution 21 25\tsaid",
            "A1\tFactuality E1 Asserted",
            "R1\tRel Arg1:T1 Arg2:T2",
            "#1\tAnnotatorNotes T3\ta note",
            "T5\tCue 34 35\t:",
            "T6\tContent2 36 38\tno",
            "E2\tAttribution-no-source:T5 Cue:T5 Content2:T6",
            "",
        ]
        .join("\n")
    }

    #[test]
    fn parses_text_bounds_events_and_ignores_other_lines() {
        let a = parse(&ann()).unwrap();
        assert_eq!(a.text_bounds.len(), 6);
        assert_eq!(a.text_bounds["T3"].fragments, [(1, 8), (9, 12)]);
        assert_eq!(a.text_bounds["T3"].line, 4);
        assert_eq!(a.events.len(), 2);
        assert_eq!(a.events[1].kind, "Attribution-no-source");
        assert_eq!(a.events[0].args[2], ("Source".into(), "T1".into()));
    }

    #[test]
    fn forward_references_and_discontinuous_spans_become_byte_spans() {
        let a = parse(&ann()).unwrap();
        let ix = CharIndex::new(TEXT);
        let got = attributions(&a, TEXT, &ix).unwrap();
        assert_eq!(got.len(), 2);
        let g = &got[0];
        let s = |sp: &Span| &TEXT[sp.start..sp.end];
        assert_eq!(s(&g.source.as_ref().unwrap()[0]), "Pence");
        assert_eq!(s(&g.cue[0]), "said");
        assert_eq!(
            g.content.iter().map(s).collect::<Vec<_>>(),
            ["Wé will", "win"]
        );
        assert_eq!(g.line, 1);
        // No source, a numbered content role.
        assert!(got[1].source.is_none());
        assert_eq!(s(&got[1].cue[0]), ":");
        assert_eq!(s(&got[1].content[0]), "no");
    }

    #[test]
    fn text_columns_may_run_over_several_lines() {
        let text = "He said:\n\nYes.\nNo";
        let src = "T1\tContent 8 14;15 17\t\n\nYes. No\nT2\tCue 3 7\tsaid\n\nE1\tA:T2 Cue:T2 Content:T1\n";
        let a = parse(src).unwrap();
        assert_eq!(a.text_bounds["T1"].text, "\n\nYes. No");
        assert_eq!(a.text_bounds["T2"].text, "said");
        let ix = CharIndex::new(text);
        let got = attributions(&a, text, &ix).unwrap();
        assert_eq!(got[0].content, [Span::new(8, 14), Span::new(15, 17)]);
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse("T1\tSource 1 x\tab").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.message.contains("bad offsets"), "{}", e.message);
        let e = parse("E1\tAttribution:T1 Cue:T2\nstray text").unwrap_err();
        assert_eq!(e.line, 2);
        let e = parse("E1\tAttribution:T1 Cue").unwrap_err();
        assert!(e.message.contains("argument"));
        let a = parse("E1\tAttribution:T1 Cue:T9\n").unwrap();
        let e = attributions(&a, "abc", &CharIndex::new("abc")).unwrap_err();
        assert!(e.message.contains("T9"), "{}", e.message);
        let a = parse("T1\tCue 0 2\tab\nT2\tCue 1 9\tbc").unwrap();
        let e = attributions(&a, "abc", &CharIndex::new("abc")).unwrap_err();
        assert_eq!(e.line, 2);
        // A text column that does not match: offsets in the wrong units.
        // (`said` is at bytes 7..11 but characters 4..8.)
        let text = "“Wé said it all";
        let a = parse("T1\tCue 7 11\tsaid").unwrap();
        let e = attributions(&a, text, &CharIndex::new(text)).unwrap_err();
        assert!(e.message.contains("differs"), "{}", e.message);
    }
}
