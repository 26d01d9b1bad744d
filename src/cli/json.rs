//! The `claimtrace/1` JSON report (documented in docs/output.md), serialised
//! straight from the analysis: no intermediate tree, so memory stays that of
//! the analysis itself. The JSONL records of `analyze --format jsonl` are
//! the same document objects, one a line.

use super::input::Input;
use super::jsonl::{BODY_KEYS, ERROR_KEY};
use claimtrace::position::LineIndex;
use claimtrace::{Analysis, Attribution, Claim, Credit, Hedge, HedgeCue, Role, Span};
use serde::Serialize;
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde_json::value::RawValue;

mod record;

pub const SCHEMA: &str = "claimtrace/1";

#[derive(Serialize)]
struct Report<'a> {
    schema: &'static str,
    version: &'static str,
    documents: Documents<'a>,
}

struct Documents<'a>(&'a [(Input, Analysis)]);

impl Serialize for Documents<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for (input, analysis) in self.0 {
            seq.serialize_element(&Document {
                head: Head::Path(&input.name),
                text: &input.text,
                analysis,
            })?;
        }
        seq.end()
    }
}

/// What a document object opens with: the report's `path`, or a JSONL
/// input's own fields (its `text` left out), values as they were written.
pub enum Head<'a> {
    Path(&'a str),
    Fields(&'a [(String, &'a RawValue)]),
}

impl Head<'_> {
    fn write<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        match self {
            Head::Path(p) => map.serialize_entry("path", p),
            Head::Fields(fields) => {
                for (k, v) in fields.iter() {
                    map.serialize_entry(k, v)?;
                }
                Ok(())
            }
        }
    }
}

/// One document of the report, and one JSONL record: the head, then the
/// analysis with positions in `text`.
pub struct Document<'a> {
    pub head: Head<'a>,
    pub text: &'a str,
    pub analysis: &'a Analysis,
}

impl Serialize for Document<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // One line index per document, built while it is written.
        let index = LineIndex::new(self.text);
        let a = self.analysis;
        let mut map = s.serialize_map(None)?;
        self.head.write(&mut map)?;
        map.serialize_entry(BODY_KEYS[0], &Each(&a.attributions, &index))?;
        map.serialize_entry(BODY_KEYS[1], &Each(&a.unattributed, &index))?;
        map.serialize_entry(BODY_KEYS[2], &Each(&a.credits, &index))?;
        map.serialize_entry(BODY_KEYS[3], &a.entities)?;
        map.serialize_entry(BODY_KEYS[4], &a.summary())?;
        map.end()
    }
}

/// A JSONL record for an input that could not be analysed: its head (the
/// document's `id`, or the file's `path`), then where and why.
pub struct ErrorRecord<'a> {
    pub head: Option<Head<'a>>,
    pub file: Option<&'a str>,
    pub line: Option<u64>,
    pub message: &'a str,
}

#[derive(Serialize)]
struct ErrorOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u64>,
    message: &'a str,
}

impl Serialize for ErrorRecord<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        if let Some(head) = &self.head {
            head.write(&mut map)?;
        }
        let error = ErrorOut {
            file: self.file,
            line: self.line,
            message: self.message,
        };
        map.serialize_entry(ERROR_KEY, &error)?;
        map.end()
    }
}

/// Appends `value` as one compact line of JSON.
pub fn line(out: &mut Vec<u8>, value: &impl Serialize) {
    // Writing into a Vec cannot fail, and every value here serialises
    // (non-finite floats become null).
    serde_json::to_writer(&mut *out, value).expect("JSON into memory");
    out.push(b'\n');
}

/// A document object as one line of compact JSON: what `line` writes for
/// it, faster (see `record.rs`).
pub fn record(doc: &Document) -> Vec<u8> {
    // Records of news run to about five to six times their text
    // (docs/performance.md): one allocation instead of a dozen doublings.
    let mut out = Vec::with_capacity(doc.text.len() * 6 + 512);
    record::write(&mut out, doc);
    out.push(b'\n');
    out
}

/// A list of model items, each written with positions from the line index.
struct Each<'a, T>(&'a [T], &'a LineIndex<'a>);

trait Positioned {
    fn write<S: Serializer>(&self, index: &LineIndex, s: S) -> Result<S::Ok, S::Error>;
}

impl<T: Positioned> Serialize for Each<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for item in self.0 {
            seq.serialize_element(&With(item, self.1))?;
        }
        seq.end()
    }
}

struct With<'a, T>(&'a T, &'a LineIndex<'a>);

impl<T: Positioned> Serialize for With<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.write(self.1, s)
    }
}

#[derive(Serialize)]
struct RoleOut<'a> {
    text: &'a str,
    spans: Vec<[usize; 2]>,
    line: usize,
    column: usize,
}

fn role<'a>(index: &LineIndex, r: &'a Role) -> RoleOut<'a> {
    let (line, column) = index.line_col(r.start());
    RoleOut {
        text: &r.text,
        spans: r.spans.iter().map(|s| [s.start, s.end]).collect(),
        line,
        column,
    }
}

fn single<'a>(index: &LineIndex, text: &'a str, s: Span) -> RoleOut<'a> {
    let (line, column) = index.line_col(s.start);
    RoleOut {
        text,
        spans: vec![[s.start, s.end]],
        line,
        column,
    }
}

#[derive(Serialize)]
struct HedgeOut<'a> {
    level: claimtrace::HedgeLevel,
    score: f64,
    cues: Vec<HedgeCueOut<'a>>,
}

#[derive(Serialize)]
struct HedgeCueOut<'a> {
    text: &'a str,
    span: [usize; 2],
    line: usize,
    column: usize,
    weight: f64,
    rule: &'a str,
}

fn hedge<'a>(index: &LineIndex, h: &'a Hedge) -> HedgeOut<'a> {
    let cue = |c: &'a HedgeCue| {
        let (line, column) = index.line_col(c.span.start);
        HedgeCueOut {
            text: &c.text,
            span: [c.span.start, c.span.end],
            line,
            column,
            weight: c.weight,
            rule: &c.rule,
        }
    };
    HedgeOut {
        level: h.level,
        score: h.score,
        cues: h.cues.iter().map(cue).collect(),
    }
}

#[derive(Serialize)]
struct AttributionOut<'a> {
    id: &'a str,
    kind: claimtrace::Kind,
    source: Option<RoleOut<'a>>,
    cue: RoleOut<'a>,
    content: RoleOut<'a>,
    source_type: claimtrace::SourceType,
    entity: &'a Option<String>,
    chain: &'a [String],
    parent: &'a Option<String>,
    tone: claimtrace::Tone,
    hedge: HedgeOut<'a>,
    rule: &'a str,
    rules: &'a [claimtrace::RuleId],
}

impl Positioned for Attribution {
    fn write<S: Serializer>(&self, index: &LineIndex, s: S) -> Result<S::Ok, S::Error> {
        AttributionOut {
            id: &self.id,
            kind: self.kind,
            source: self.source.as_ref().map(|r| role(index, r)),
            cue: role(index, &self.cue),
            content: role(index, &self.content),
            source_type: self.source_type,
            entity: &self.entity,
            chain: &self.chain,
            parent: &self.parent,
            tone: self.tone,
            hedge: hedge(index, &self.hedge),
            rule: &self.rule,
            rules: &self.rules,
        }
        .serialize(s)
    }
}

#[derive(Serialize)]
struct ClaimOut<'a> {
    #[serde(flatten)]
    place: RoleOut<'a>,
    quoted: bool,
    hedge: HedgeOut<'a>,
}

impl Positioned for Claim {
    fn write<S: Serializer>(&self, index: &LineIndex, s: S) -> Result<S::Ok, S::Error> {
        ClaimOut {
            place: single(index, &self.text, self.span),
            quoted: self.quoted,
            hedge: hedge(index, &self.hedge),
        }
        .serialize(s)
    }
}

#[derive(Serialize)]
struct CreditOut<'a> {
    #[serde(flatten)]
    place: RoleOut<'a>,
    kind: claimtrace::CreditKind,
    source: &'a str,
    rule: &'a str,
    source_type: claimtrace::SourceType,
}

impl Positioned for Credit {
    fn write<S: Serializer>(&self, index: &LineIndex, s: S) -> Result<S::Ok, S::Error> {
        CreditOut {
            place: single(index, &self.text, self.span),
            kind: self.kind,
            source: &self.source,
            rule: &self.rule,
            source_type: self.source_type,
        }
        .serialize(s)
    }
}

/// Writes the whole report, pretty-printed, followed by a newline.
pub fn write(out: impl std::io::Write, reports: &[(Input, Analysis)]) -> serde_json::Result<()> {
    let mut out = std::io::BufWriter::new(out);
    let report = Report {
        schema: SCHEMA,
        version: env!("CARGO_PKG_VERSION"),
        documents: Documents(reports),
    };
    serde_json::to_writer_pretty(&mut out, &report)?;
    use std::io::Write;
    out.write_all(b"\n").map_err(serde_json::Error::io)?;
    out.flush().map_err(serde_json::Error::io)
}
