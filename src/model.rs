//! The data model: what an analysis returns. Spans are byte ranges into the
//! analysed text; line and column are computed only when reporting.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

/// A rule id such as `patterns.subject-verb`, shared rather than copied:
/// every finding names the rules that produced it.
pub type RuleId = Arc<str>;

/// A half-open byte range `[start, end)` into the analysed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// One role of an attribution (source, cue or content): its text and the
/// spans it covers, in order. A role is split when, for example, a quote is
/// interrupted by its speaker tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    pub text: String,
    pub spans: Vec<Span>,
}

impl Role {
    /// Builds a role from spans into `input`, joining the pieces with a space.
    pub fn from_spans(input: &str, spans: Vec<Span>) -> Self {
        if let [only] = spans.as_slice() {
            let text = input[only.start..only.end].to_string();
            return Role { text, spans };
        }
        // One allocation, sized up front (a gathered `join` takes two).
        let len = spans.iter().map(|s| s.end - s.start + 1).sum::<usize>();
        let mut text = String::with_capacity(len);
        for (k, s) in spans.iter().enumerate() {
            if k > 0 {
                text.push(' ');
            }
            text.push_str(&input[s.start..s.end]);
        }
        Role { text, spans }
    }
    /// The range from the first byte of the first span to the last byte of the last.
    pub fn extent(&self) -> Span {
        let start = self.spans.iter().map(|s| s.start).min().unwrap_or(0);
        let end = self.spans.iter().map(|s| s.end).max().unwrap_or(0);
        Span::new(start, end)
    }
    pub fn start(&self) -> usize {
        self.extent().start
    }
}

/// True when `full` ends with the words of `short` ("Halvik Courier" ends
/// with "Courier"), without allocating.
pub fn ends_with_words(full: &str, short: &str) -> bool {
    full.len() > short.len()
        && full.ends_with(short)
        && full.as_bytes()[full.len() - short.len() - 1] == b' '
}

/// How a claim is attributed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// "X, according to Y" and its variants ("as reported by", "citing").
    AccordingTo,
    /// Reported speech: "Y said (that) X".
    Indirect,
    /// A quotation: “X,” Y said.
    Direct,
    /// Reported speech with a quoted fragment.
    Mixed,
    /// No agent: "it is believed that X", "X is said to".
    Agentless,
    /// A noun cue with no owner: "amid reports that X".
    Noun,
}

impl Kind {
    pub fn as_str(&self) -> &'static str {
        match self {
            Kind::AccordingTo => "according_to",
            Kind::Indirect => "indirect",
            Kind::Direct => "direct",
            Kind::Mixed => "mixed",
            Kind::Agentless => "agentless",
            Kind::Noun => "noun",
        }
    }
}

/// What kind of source a claim comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceType {
    Person,
    Organization,
    Media,
    /// Unnamed officials of a named body: "Qatari authorities".
    Official,
    /// Deliberately unnamed: "sources", "a person familiar with the talks".
    Anonymous,
    /// Unspecified groups: "analysts", "critics", "some", unnamed "reports".
    Vague,
    /// A text rather than a speaker: "a statement", "the report".
    Document,
}

impl SourceType {
    pub fn as_str(&self) -> &'static str {
        match self {
            SourceType::Person => "person",
            SourceType::Organization => "organization",
            SourceType::Media => "media",
            SourceType::Official => "official",
            SourceType::Anonymous => "anonymous",
            SourceType::Vague => "vague",
            SourceType::Document => "document",
        }
    }
    /// Sources that name who is speaking.
    pub fn is_named(&self) -> bool {
        matches!(
            self,
            SourceType::Person | SourceType::Organization | SourceType::Media
        )
    }
}

impl fmt::Display for SourceType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How strongly a claim is hedged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HedgeLevel {
    None,
    Low,
    Medium,
    High,
}

impl HedgeLevel {
    pub fn as_str(&self) -> &'static str {
        match self {
            HedgeLevel::None => "none",
            HedgeLevel::Low => "low",
            HedgeLevel::Medium => "medium",
            HedgeLevel::High => "high",
        }
    }
    /// Maps a combined hedge score in `[0, 1]` to a level.
    pub fn from_score(score: f64) -> Self {
        if score <= 0.0 {
            HedgeLevel::None
        } else if score < 0.4 {
            HedgeLevel::Low
        } else if score < 0.7 {
            HedgeLevel::Medium
        } else {
            HedgeLevel::High
        }
    }
}

impl fmt::Display for HedgeLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A word or phrase that hedges (or boosts) a claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HedgeCue {
    pub text: String,
    pub span: Span,
    /// Positive for hedges, negative for boosters.
    pub weight: f64,
    /// The hedge rule that matched, e.g. `hedges.modal`.
    pub rule: RuleId,
}

/// The hedging of one claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hedge {
    pub level: HedgeLevel,
    pub score: f64,
    pub cues: Vec<HedgeCue>,
}

impl Hedge {
    pub fn none() -> Self {
        Hedge {
            level: HedgeLevel::None,
            score: 0.0,
            cues: Vec::new(),
        }
    }
}

/// Whether a cue verb is neutral ("said") or loaded ("claimed", "admitted").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tone {
    Neutral,
    Loaded,
}

impl Tone {
    pub fn as_str(&self) -> &'static str {
        match self {
            Tone::Neutral => "neutral",
            Tone::Loaded => "loaded",
        }
    }
}

/// One attributed claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    /// `a1`, `a2`, ... in order of the attribution's first byte, then its cue.
    pub id: String,
    pub kind: Kind,
    /// Absent for agentless attributions and ownerless noun cues.
    pub source: Option<Role>,
    pub cue: Role,
    pub content: Role,
    pub source_type: SourceType,
    /// The canonical name of the source (pronouns and short forms resolved).
    pub entity: Option<String>,
    /// Sources from the outermost to this one: ["TRT", "Recep Tayyip Erdogan"].
    pub chain: Vec<String>,
    /// Id of the enclosing attribution when this one is nested in its content.
    pub parent: Option<String>,
    pub tone: Tone,
    pub hedge: Hedge,
    /// The pattern rule that found the attribution.
    pub rule: RuleId,
    /// Every other rule that contributed (cue lexicon, source typing, ...).
    pub rules: Vec<RuleId>,
}

impl Attribution {
    /// Where a report places the claim (its line and column): the start of
    /// its cue or its content, whichever comes first.
    pub fn anchor(&self) -> usize {
        self.content.start().min(self.cue.start())
    }

    /// The range from the first to the last byte of any role.
    pub fn extent(&self) -> Span {
        let mut span = self.cue.extent();
        for role in self.source.iter().chain(std::iter::once(&self.content)) {
            let e = role.extent();
            span = Span::new(span.start.min(e.start), span.end.max(e.end));
        }
        span
    }
}

/// A sentence or clause asserted in the author's voice with no source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub text: String,
    pub span: Span,
    /// True when the claim is a quotation with no speaker.
    pub quoted: bool,
    pub hedge: Hedge,
}

/// Whether a credit names the source of an image or of the whole story.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CreditKind {
    /// "(Photo by Anadolu)": its paragraph is a caption, not claims.
    Photo,
    /// "ANKARA (Reuters) -": the agency that filed the story.
    Wire,
}

impl CreditKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            CreditKind::Photo => "photo",
            CreditKind::Wire => "wire",
        }
    }
}

/// A photo or wire credit: provenance of an image or a story, not a claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Credit {
    pub kind: CreditKind,
    pub text: String,
    pub span: Span,
    pub source: String,
    pub source_type: SourceType,
    pub rule: RuleId,
}

/// A source entity with every claim credited to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub name: String,
    pub source_type: SourceType,
    /// Ids of the attributions whose source is this entity.
    pub claims: Vec<String>,
}

/// The full analysis of one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    pub attributions: Vec<Attribution>,
    pub unattributed: Vec<Claim>,
    pub credits: Vec<Credit>,
    pub entities: Vec<Entity>,
}

/// Document-level counts for the summary line.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub claims: usize,
    pub attributed: usize,
    pub named: usize,
    pub anonymous: usize,
    pub vague: usize,
    pub hedged: usize,
}

impl Analysis {
    pub fn summary(&self) -> Summary {
        let attributed = self.attributions.len();
        let count = |t: SourceType| {
            self.attributions
                .iter()
                .filter(|a| a.source_type == t)
                .count()
        };
        Summary {
            claims: attributed + self.unattributed.len(),
            attributed,
            named: self
                .attributions
                .iter()
                .filter(|a| a.source_type.is_named())
                .count(),
            anonymous: count(SourceType::Anonymous),
            vague: count(SourceType::Vague),
            hedged: self
                .attributions
                .iter()
                .map(|a| a.hedge.level)
                .chain(self.unattributed.iter().map(|c| c.hedge.level))
                .filter(|l| *l != HedgeLevel::None)
                .count(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A role's text is its pieces joined by one space, in span order;
    /// its extent runs from the first byte of any piece to the last.
    #[test]
    fn a_role_of_several_pieces_joins_them_with_a_space() {
        let input = "Officials, the agency said, denied it.";
        let one = Role::from_spans(input, vec![Span::new(0, 9)]);
        assert_eq!(one.text, "Officials");
        let spans = vec![Span::new(11, 21), Span::new(22, 26), Span::new(28, 34)];
        let role = Role::from_spans(input, spans);
        assert_eq!(role.text, "the agency said denied");
        assert_eq!(role.extent(), Span::new(11, 34));
        assert_eq!(Role::from_spans(input, Vec::new()).text, "");
    }
}
