//! The `claimtrace/1` JSON report (documented in docs/output.md).

use super::input::Input;
use claimtrace::position::LineIndex;
use claimtrace::{Analysis, Role, Span};
use serde_json::{Value, json};

pub const SCHEMA: &str = "claimtrace/1";

fn role(index: &LineIndex, r: &Role) -> Value {
    let (line, column) = index.line_col(r.start());
    json!({
        "text": r.text,
        "spans": r.spans.iter().map(|s| [s.start, s.end]).collect::<Vec<_>>(),
        "line": line,
        "column": column,
    })
}

fn span(index: &LineIndex, text: &str, s: Span) -> Value {
    let (line, column) = index.line_col(s.start);
    json!({ "text": text, "spans": [[s.start, s.end]], "line": line, "column": column })
}

fn hedge(index: &LineIndex, h: &claimtrace::Hedge) -> Value {
    json!({
        "level": h.level,
        "score": h.score,
        "cues": h.cues.iter().map(|c| {
            let (line, column) = index.line_col(c.span.start);
            json!({"text": c.text, "span": [c.span.start, c.span.end], "line": line, "column": column, "weight": c.weight, "rule": c.rule})
        }).collect::<Vec<_>>(),
    })
}

pub fn document(name: &str, text: &str, a: &Analysis) -> Value {
    let index = LineIndex::new(text);
    json!({
        "path": name,
        "attributions": a.attributions.iter().map(|x| json!({
            "id": x.id,
            "kind": x.kind,
            "source": x.source.as_ref().map(|s| role(&index, s)),
            "cue": role(&index, &x.cue),
            "content": role(&index, &x.content),
            "source_type": x.source_type,
            "entity": x.entity,
            "chain": x.chain,
            "parent": x.parent,
            "tone": x.tone,
            "hedge": hedge(&index, &x.hedge),
            "rule": x.rule,
            "rules": x.rules,
        })).collect::<Vec<_>>(),
        "unattributed": a.unattributed.iter().map(|c| {
            let mut v = span(&index, &c.text, c.span);
            v["quoted"] = json!(c.quoted);
            v["hedge"] = hedge(&index, &c.hedge);
            v
        }).collect::<Vec<_>>(),
        "credits": a.credits.iter().map(|c| {
            let mut v = span(&index, &c.text, c.span);
            v["kind"] = json!(c.kind);
            v["source"] = json!(c.source);
            v["rule"] = json!(c.rule);
            v["source_type"] = json!(c.source_type);
            v
        }).collect::<Vec<_>>(),
        "entities": a.entities,
        "summary": a.summary(),
    })
}

pub fn render(reports: &[(Input, Analysis)]) -> Value {
    json!({
        "schema": SCHEMA,
        "version": env!("CARGO_PKG_VERSION"),
        "documents": reports.iter().map(|(d, a)| document(&d.name, &d.text, a)).collect::<Vec<_>>(),
    })
}
