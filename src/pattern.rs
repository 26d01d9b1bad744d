//! The attribution pattern language, parsed with nom when a rule set loads.
//!
//! ```text
//! {source} {cue:verb} [{object}] [that] {content}
//! {content} , {cue:prep} {source}
//! ^ {cue:prep} {source} , {content}
//! it (is|was|has been) {cue:passive} that {content}
//! ```
//!
//! - `{role}` or `{role:class|class}` is a slot. Roles: `source`, `cue`,
//!   `content`, `quote` (a quotation used as content), `object` (an addressee
//!   or adjunct phrase between a cue and its content, skipped), `dateline`
//!   (capitalised words before a wire credit, skipped). Classes restrict cues
//!   (`verb`, `noun`, `prep`, `passive`, `credit`, `dash`, `participle`) and
//!   sources (`pronoun`, `name`).
//! - A bare word or punctuation mark (`that`, `,`, `:`) must match one token;
//!   `'('` quotes a literal that is also syntax.
//! - `(a|b c)` matches the first alternative that fits; `[...]` is optional.
//! - `^` is the start of the sentence, `$` the end of the clause.
//!
//! Every pattern has exactly one `{cue}` outside brackets: matching is anchored
//! on the cue and runs outwards, one deterministic step per element, so it is
//! linear in the sentence and never backtracks.

use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag, take_while1},
    character::complete::{char, multispace0},
    combinator::{all_consuming, map, value},
    multi::{many1, separated_list1},
    sequence::{delimited, preceded},
};
use serde::Serialize;

/// What a slot captures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SlotRole {
    Source,
    Cue,
    Content,
    Quote,
    Object,
    Dateline,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Element {
    Slot {
        role: SlotRole,
        classes: Vec<String>,
    },
    /// Alternatives, each a sequence of lowercase tokens.
    Literal(Vec<Vec<String>>),
    Optional(Vec<Element>),
    Start,
    End,
}

impl Element {
    /// Whether the element is or holds a slot for text of its own (an
    /// addressee or adjunct `{object}` does not count).
    pub fn has_text_slot(&self) -> bool {
        match self {
            Element::Slot { role, .. } => *role != SlotRole::Object,
            Element::Optional(inner) => inner.iter().any(Element::has_text_slot),
            _ => false,
        }
    }
}

/// A parsed pattern, split around its cue for outward matching.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pattern {
    /// Elements before the cue, nearest to the cue first.
    pub left: Vec<Element>,
    pub cue_classes: Vec<String>,
    /// Elements after the cue, nearest first.
    pub right: Vec<Element>,
}

impl Pattern {
    /// The cue classes this pattern accepts, as bits; every class when none is named.
    pub fn cue_mask(&self) -> u32 {
        if self.cue_classes.is_empty() {
            u32::MAX
        } else {
            self.cue_classes.iter().fold(0, |m, c| m | cue_class_bit(c))
        }
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.left.iter().chain(self.right.iter())
    }
    /// Whether a quotation stands before the cue ("“…,” she said").
    pub fn quote_on_left(&self) -> bool {
        Self::has_role(&self.left, SlotRole::Quote)
    }

    /// Whether the source follows the cue ("…, said Smith").
    pub fn source_on_right(&self) -> bool {
        Self::has_role(&self.right, SlotRole::Source)
    }

    /// What must stand somewhere on one side of the cue (`elements` is
    /// `left` or `right`) for the pattern to match there, whatever else the
    /// text holds: one entry per element that is not optional, each the
    /// alternatives of which one must be present. A quote slot needs its
    /// mark (`quote_mark`: a closing mark on the left, an opening one on the
    /// right); a literal needs the first word of one of its alternatives,
    /// and nothing when one of them is empty (it matches without a token;
    /// the parser makes none, but `Element`s may be built by hand).
    /// Most tries of a pattern fail, and these are a cheap first test.
    pub fn needed(elements: &[Element], quote_mark: Needed) -> Vec<Vec<Needed>> {
        elements
            .iter()
            .filter_map(|e| match e {
                Element::Slot {
                    role: SlotRole::Quote,
                    ..
                } => Some(vec![quote_mark.clone()]),
                Element::Literal(alts) => alts
                    .iter()
                    .map(|alt| alt.first().cloned().map(Needed::Word))
                    .collect(),
                _ => None,
            })
            .filter(|alts: &Vec<Needed>| !alts.is_empty())
            .collect()
    }

    fn has_role(elements: &[Element], role: SlotRole) -> bool {
        elements.iter().any(|e| match e {
            Element::Slot { role: r, .. } => *r == role,
            Element::Optional(inner) => Self::has_role(inner, role),
            _ => false,
        })
    }
}

/// A token a pattern needs on one side of its cue (see `Pattern::needed`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Needed {
    /// A closing quotation mark (`”`, or a straight one that closes).
    CloseQuote,
    /// An opening quotation mark.
    OpenQuote,
    /// A token whose lowercase text is this word.
    Word(String),
}

/// A pattern that does not parse, with the byte column where it went wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("pattern error at column {column}: {message}")]
pub struct PatternError {
    pub column: usize,
    pub message: String,
}

const PUNCT: &str = ",:;.-—–?!";

fn word(input: &str) -> IResult<&str, String> {
    map(
        take_while1(|c: char| c.is_alphanumeric() || c == '\'' || c == '-' || c == '’'),
        |w: &str| w.to_lowercase(),
    )
    .parse(input)
}

fn punct(input: &str) -> IResult<&str, String> {
    map(nom::character::complete::one_of(PUNCT), |c| c.to_string()).parse(input)
}

fn quoted(input: &str) -> IResult<&str, String> {
    map(
        delimited(char('\''), take_while1(|c| c != '\''), char('\'')),
        |s: &str| s.to_lowercase(),
    )
    .parse(input)
}

fn token(input: &str) -> IResult<&str, String> {
    alt((quoted, word, punct)).parse(input)
}

fn ws<'a, O, P>(inner: P) -> impl Parser<&'a str, Output = O, Error = nom::error::Error<&'a str>>
where
    P: Parser<&'a str, Output = O, Error = nom::error::Error<&'a str>>,
{
    delimited(multispace0, inner, multispace0)
}

fn slot(input: &str) -> IResult<&str, Element> {
    let role = alt((
        value(SlotRole::Source, tag("source")),
        value(SlotRole::Cue, tag("cue")),
        value(SlotRole::Content, tag("content")),
        value(SlotRole::Quote, tag("quote")),
        value(SlotRole::Object, tag("object")),
        value(SlotRole::Dateline, tag("dateline")),
    ));
    let class = take_while1(|c: char| c.is_ascii_alphanumeric() || c == '_');
    let classes = preceded(char(':'), separated_list1(char('|'), class));
    map(
        delimited(char('{'), (role, nom::combinator::opt(classes)), char('}')),
        |(role, classes)| Element::Slot {
            role,
            classes: classes
                .unwrap_or_default()
                .into_iter()
                .map(str::to_string)
                .collect(),
        },
    )
    .parse(input)
}

fn group(input: &str) -> IResult<&str, Element> {
    let alternative = many1(ws(token));
    map(
        delimited(
            char('('),
            separated_list1(char('|'), alternative),
            char(')'),
        ),
        Element::Literal,
    )
    .parse(input)
}

fn optional(input: &str) -> IResult<&str, Element> {
    map(delimited(char('['), elements, char(']')), Element::Optional).parse(input)
}

fn element(input: &str) -> IResult<&str, Element> {
    alt((
        slot,
        group,
        optional,
        value(Element::Start, char('^')),
        value(Element::End, char('$')),
        map(token, |t| Element::Literal(vec![vec![t]])),
    ))
    .parse(input)
}

/// Rejects brackets nested deeper than [`MAX_NESTING`] before nom recurses.
fn check_nesting(source: &str) -> Result<(), PatternError> {
    let mut depth = 0usize;
    for (i, c) in source.chars().enumerate() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            _ => continue,
        }
        if depth > MAX_NESTING {
            return Err(PatternError {
                column: i + 1,
                message: format!("brackets nested more than {MAX_NESTING} deep"),
            });
        }
    }
    Ok(())
}

fn elements(input: &str) -> IResult<&str, Vec<Element>> {
    many1(ws(element)).parse(input)
}

/// Deepest `[optional]` nesting accepted: the parser and the matcher recurse
/// once a level, so a hostile rule file must not overflow the stack.
pub const MAX_NESTING: usize = 32;

/// Parses a pattern and splits it around its single top-level `{cue}`.
pub fn parse(source: &str) -> Result<Pattern, PatternError> {
    check_nesting(source)?;
    let parsed = all_consuming(elements).parse(source);
    let elements = match parsed {
        Ok((_, e)) => e,
        Err(nom::Err::Error(e) | nom::Err::Failure(e)) => {
            let column = source[..source.len() - e.input.len()].chars().count() + 1;
            let near: String = e.input.chars().take(12).collect();
            return Err(PatternError {
                column,
                message: if near.is_empty() {
                    "unexpected end of pattern".into()
                } else {
                    format!(
                        "cannot read `{near}`: expected {{slot}}, word, punctuation, (a|b) or [optional]"
                    )
                },
            });
        }
        Err(nom::Err::Incomplete(_)) => {
            return Err(PatternError {
                column: source.len() + 1,
                message: "incomplete pattern".into(),
            });
        }
    };
    let cues: Vec<usize> = elements
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            matches!(
                e,
                Element::Slot {
                    role: SlotRole::Cue,
                    ..
                }
            )
        })
        .map(|(i, _)| i)
        .collect();
    if cues.len() != 1 {
        return Err(PatternError {
            column: 1,
            message: format!(
                "a pattern needs exactly one {{cue}} outside brackets, found {}",
                cues.len()
            ),
        });
    }
    if let Some(bad) = nested_cue(&elements) {
        return Err(PatternError {
            column: 1,
            message: bad,
        });
    }
    validate(source, &elements, cues[0])?;
    let at = cues[0];
    let Element::Slot { classes, .. } = &elements[at] else {
        unreachable!("index found by role")
    };
    let cue_classes = classes.clone();
    let mut left: Vec<Element> = elements[..at].to_vec();
    left.reverse();
    let right = elements[at + 1..].to_vec();
    Ok(Pattern {
        left,
        cue_classes,
        right,
    })
}

/// Cue classes: how a lexicon cue may enter a pattern.
pub const CUE_CLASSES: &[&str] = &[
    "verb",
    "noun",
    "prep",
    "passive",
    "credit",
    "dash",
    "participle",
    "colon",
];
/// The bit of a cue class in a class mask (see `Pattern::cue_mask`).
pub fn cue_class_bit(class: &str) -> u32 {
    CUE_CLASSES
        .iter()
        .position(|c| *c == class)
        .map_or(0, |i| 1 << i)
}

/// Source classes, any of which may hold.
pub const SOURCE_CLASSES: &[&str] = &["pronoun", "name"];
/// `{content:np}` (left of the cue: a noun phrase that is part of the
/// content) and the words a right-hand content must open with.
pub const CONTENT_WORDS: &[&str] = &["that", "to", "whether", "if"];

fn slot_text(role: SlotRole, classes: &[String]) -> String {
    let name = match role {
        SlotRole::Source => "source",
        SlotRole::Cue => "cue",
        SlotRole::Content => "content",
        SlotRole::Quote => "quote",
        SlotRole::Object => "object",
        SlotRole::Dateline => "dateline",
    };
    if classes.is_empty() {
        format!("{{{name}}}")
    } else {
        format!("{{{name}:{}}}", classes.join("|"))
    }
}

/// Checks what the grammar can match: known classes, and elements on the
/// side of the cue where they mean something.
fn validate(source: &str, elements: &[Element], cue: usize) -> Result<(), PatternError> {
    let err = |needle: &str, message: String| PatternError {
        column: source
            .find(needle)
            .map_or(1, |i| source[..i].chars().count() + 1),
        message,
    };
    fn walk<'e>(elements: &'e [Element], out: &mut Vec<&'e Element>) {
        for e in elements {
            match e {
                Element::Optional(inner) => walk(inner, out),
                other => out.push(other),
            }
        }
    }
    for (index, top) in elements.iter().enumerate() {
        let left = index < cue;
        let mut flat = Vec::new();
        walk(std::slice::from_ref(top), &mut flat);
        for e in flat {
            match e {
                Element::Start if !left => {
                    return Err(err(
                        "^",
                        "`^` (sentence start) can only stand before the {cue}".into(),
                    ));
                }
                Element::End if left => {
                    return Err(err(
                        "$",
                        "`$` (clause end) can only stand after the {cue}".into(),
                    ));
                }
                Element::Slot { role, classes } => {
                    let text = slot_text(*role, classes);
                    let valid: &[&str] = match role {
                        SlotRole::Cue => CUE_CLASSES,
                        SlotRole::Source => SOURCE_CLASSES,
                        SlotRole::Content if left => &["np"],
                        SlotRole::Content => CONTENT_WORDS,
                        SlotRole::Quote | SlotRole::Object | SlotRole::Dateline => &[],
                    };
                    if let Some(bad) = classes.iter().find(|c| !valid.contains(&c.as_str())) {
                        let choices = if valid.is_empty() {
                            "none".to_string()
                        } else {
                            valid.join(", ")
                        };
                        return Err(err(
                            &text,
                            format!("`{bad}` is not a class of {text} here; valid: {choices}"),
                        ));
                    }
                    if *role == SlotRole::Content && !left && classes.len() > 1 {
                        return Err(err(
                            &text,
                            "a content after the cue opens with one word at most".into(),
                        ));
                    }
                    let wrong_side = match role {
                        SlotRole::Object => left,
                        SlotRole::Dateline => !left,
                        _ => false,
                    };
                    if wrong_side {
                        let side = if left { "after" } else { "before" };
                        return Err(err(
                            &text,
                            format!("{text} can only stand {side} the {{cue}}"),
                        ));
                    }
                }
                _ => {}
            }
        }
    }
    Ok(())
}

fn nested_cue(elements: &[Element]) -> Option<String> {
    elements.iter().find_map(|e| match e {
        Element::Optional(inner) => {
            if Pattern::has_role(inner, SlotRole::Cue) {
                Some("{cue} cannot be optional".to_string())
            } else {
                nested_cue(inner)
            }
        }
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn needs_are_the_quote_marks_and_literals_outside_brackets() {
        let p = parse("{quote} [,] {source} {cue:verb} [{object}] $").unwrap();
        assert_eq!(
            Pattern::needed(&p.left, Needed::CloseQuote),
            vec![vec![Needed::CloseQuote]]
        );
        assert!(Pattern::needed(&p.right, Needed::OpenQuote).is_empty());
        let p = parse("'(' {cue:credit} (by|:|courtesy of) {source} ')'").unwrap();
        let word = |w: &str| Needed::Word(w.into());
        assert_eq!(
            Pattern::needed(&p.right, Needed::OpenQuote),
            vec![
                vec![word("by"), word(":"), word("courtesy")],
                vec![word(")")]
            ]
        );
        assert_eq!(
            Pattern::needed(&p.left, Needed::CloseQuote),
            vec![vec![word("(")]]
        );
        // An empty alternative matches anywhere: the literal needs nothing.
        let maybe = Element::Literal(vec![vec!["that".into()], vec![]]);
        assert!(Pattern::needed(&[maybe], Needed::OpenQuote).is_empty());
    }

    #[test]
    fn splits_around_the_cue() {
        let p = parse("{source} {cue:verb} [{object}] [that] {content}").unwrap();
        assert_eq!(p.cue_classes, vec!["verb"]);
        assert_eq!(
            p.left,
            vec![Element::Slot {
                role: SlotRole::Source,
                classes: vec![]
            }]
        );
        assert_eq!(p.right.len(), 3);
    }

    #[test]
    fn reads_groups_punctuation_and_anchors() {
        let p = parse("^ it (is|was|has been) {cue:passive} that {content} $").unwrap();
        assert_eq!(
            p.left[0],
            Element::Literal(vec![
                vec!["is".into()],
                vec!["was".into()],
                vec!["has".into(), "been".into()]
            ])
        );
        assert_eq!(p.left.last(), Some(&Element::Start));
        assert_eq!(p.right.last(), Some(&Element::End));
        let p = parse("'(' {cue:credit} by {source} ')'").unwrap();
        assert_eq!(p.left, vec![Element::Literal(vec![vec!["(".into()]])]);
    }

    #[test]
    fn rejects_unknown_classes_and_misplaced_elements() {
        let e = parse("{source} {cue:shout} {content}").unwrap_err();
        assert!(
            e.message.contains("shout") && e.message.contains("verb"),
            "{e}"
        );
        assert_eq!(e.column, 10);
        assert!(parse("{content:that} , {cue} {source}").is_err());
        assert!(parse("{source} {cue} {content:np}").is_err());
        assert!(parse("{cue} ^ {content}").is_err());
        assert!(parse("{content} $ {cue}").is_err());
        assert!(parse("{object} {cue} {content}").is_err());
        assert!(parse("{source} {cue} {content:that|to}").is_err());
        assert!(parse("{source:pronoun|name} {cue} [{object}] {content:that}").is_ok());
    }

    #[test]
    fn rejects_deep_nesting_instead_of_overflowing_the_stack() {
        let deep = format!(
            "{}{{source}}{} {{cue:verb}}",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let e = parse(&deep).unwrap_err();
        assert_eq!(e.column, MAX_NESTING + 1);
        assert!(e.message.contains("nested"));
        let ok = format!(
            "{}{{source}}{} {{cue:verb}}",
            "[".repeat(MAX_NESTING),
            "]".repeat(MAX_NESTING)
        );
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn rejects_patterns_without_exactly_one_cue() {
        assert!(parse("{source} said {content}").is_err());
        assert!(parse("{cue} {cue}").is_err());
        assert!(parse("{source} [{cue}] {content}").is_err());
    }

    #[test]
    fn reports_the_column_of_a_syntax_error() {
        let e = parse("{source} {cue} {bogus}").unwrap_err();
        assert_eq!(e.column, 16, "{e}");
        let e = parse("{source} {cue} [that").unwrap_err();
        assert!(e.column > 1, "{e}");
    }
}
