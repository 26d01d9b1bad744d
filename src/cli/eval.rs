//! `claimtrace eval`: accuracy against gold annotations, as tables or JSON.
//! The scoring is the library's (`claimtrace::eval`); this file renders it.

use super::{Format, emit, load_rules};
use anyhow::{Result, bail};
use claimtrace::Span;
use claimtrace::eval::hedge::{self, HedgeReport, HedgeSentence};
use claimtrace::eval::polnear::{
    self, DocResult, GoldDocument, Metric, Normalized, RelationError, Report, RoleName,
    SpanErrorKind, Split, Tally,
};
use claimtrace::eval::{Counts, Projection};
use clap::{Args, ValueEnum};
use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

pub const SCHEMA: &str = "claimtrace-eval/1";

#[derive(Args)]
pub struct EvalArgs {
    /// Gold attributions in the PolNeAR layout: DIR/text/<doc>.txt and
    /// DIR/attributions/<doc>_<annotator>.ann (BRAT).
    #[arg(long, value_name = "DIR")]
    gold: Option<PathBuf>,
    /// Gold hedge cues: one JSON sentence a line (Szeged format).
    #[arg(long, value_name = "FILE")]
    hedge_gold: Option<PathBuf>,
    /// A YAML rule set (may `extends: default`).
    #[arg(long)]
    rules: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// List misses and false alarms per document (and wrong hedge sentences).
    #[arg(long)]
    errors: bool,
    /// Which links of nested chains are scored [default: the univocal rule].
    #[arg(long, value_enum)]
    projection: Option<ProjectionArg>,
}

#[derive(Clone, Copy, ValueEnum)]
enum ProjectionArg {
    /// Every attribution.
    All,
    /// Only attributions with no parent (the outer link).
    DropNested,
    /// Only attributions that are nobody's parent (the inner link).
    DropOuter,
}

impl From<ProjectionArg> for Projection {
    fn from(p: ProjectionArg) -> Self {
        match p {
            ProjectionArg::All => Projection::All,
            ProjectionArg::DropNested => Projection::DropNested,
            ProjectionArg::DropOuter => Projection::DropOuter,
        }
    }
}

struct AttributionRun {
    dir: PathBuf,
    docs: Vec<GoldDocument>,
    report: Report,
    seconds: f64,
}

struct HedgeRun {
    file: PathBuf,
    sentences: Vec<HedgeSentence>,
    report: HedgeReport,
    seconds: f64,
}

pub fn run(args: EvalArgs) -> Result<ExitCode> {
    if args.gold.is_none() && args.hedge_gold.is_none() {
        bail!("nothing to evaluate: give --gold DIR and/or --hedge-gold FILE");
    }
    let rules = load_rules(args.rules.as_ref())?;
    let projection = args
        .projection
        .map(Projection::from)
        .unwrap_or(Projection::UNIVOCAL);
    // Read every gold file before scoring, so a bad file fails fast.
    let gold = match &args.gold {
        Some(dir) => Some((dir.clone(), polnear::load_gold(dir)?)),
        None => None,
    };
    let hedge_gold = match &args.hedge_gold {
        Some(file) => Some((file.clone(), hedge::load(file)?)),
        None => None,
    };
    let attributions = gold.map(|(dir, docs)| {
        let t = Instant::now();
        let report = polnear::evaluate(&docs, &rules, projection, args.errors);
        AttributionRun {
            dir,
            docs,
            report,
            seconds: t.elapsed().as_secs_f64(),
        }
    });
    let hedges = hedge_gold.map(|(file, sentences)| {
        let t = Instant::now();
        let report = hedge::evaluate(&sentences, &rules, args.errors);
        HedgeRun {
            file,
            sentences,
            report,
            seconds: t.elapsed().as_secs_f64(),
        }
    });
    match args.format {
        Format::Json => {
            let report = JsonReport {
                schema: SCHEMA,
                version: env!("CARGO_PKG_VERSION"),
                attributions: attributions
                    .as_ref()
                    .map(|r| attributions_out(r, args.errors)),
                hedges: hedges.as_ref().map(|r| hedges_out(r, args.errors)),
            };
            emit(&format!("{}\n", serde_json::to_string_pretty(&report)?))?;
        }
        Format::Table => {
            if let Some(r) = &attributions {
                emit(&attribution_tables(r))?;
                if args.errors {
                    emit(&attribution_errors(r))?;
                }
            }
            if let Some(r) = &hedges {
                emit(&hedge_table(r))?;
                if args.errors {
                    emit(&hedge_errors(r))?;
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

// ---------------------------------------------------------------- JSON

#[derive(Serialize)]
struct JsonReport<'a> {
    schema: &'static str,
    version: &'static str,
    attributions: Option<AttributionsOut<'a>>,
    hedges: Option<HedgesOut<'a>>,
}

#[derive(Serialize)]
struct RolesOut {
    source: Counts,
    cue: Counts,
    content: Counts,
    overall: Counts,
}

impl RolesOut {
    fn new(c: &[Counts; 3]) -> Self {
        RolesOut {
            source: c[0],
            cue: c[1],
            content: c[2],
            overall: Counts::sum(c),
        }
    }
}

#[derive(Serialize)]
struct SplitOut {
    relation: Counts,
    exact: RolesOut,
}

impl SplitOut {
    fn new(s: &Split) -> Self {
        SplitOut {
            relation: s.relation,
            exact: RolesOut::new(&s.exact),
        }
    }
}

#[derive(Serialize)]
struct AttributionsOut<'a> {
    gold: String,
    documents: usize,
    projection: &'static str,
    gold_attributions: usize,
    predicted_attributions: usize,
    exact: RolesOut,
    overlap: RolesOut,
    token: RolesOut,
    relation: Counts,
    direct: SplitOut,
    indirect: SplitOut,
    #[serde(skip_serializing_if = "Option::is_none")]
    errors: Option<Vec<DocErrorsOut<'a>>>,
}

#[derive(Serialize)]
struct SpanOut<'a> {
    span: [usize; 2],
    text: &'a str,
}

fn span_out(text: &str, s: Span) -> SpanOut<'_> {
    SpanOut {
        span: [s.start, s.end],
        text: &text[s.start..s.end],
    }
}

fn spans_out<'a>(text: &'a str, spans: &[Span]) -> Vec<SpanOut<'a>> {
    spans.iter().map(|s| span_out(text, *s)).collect()
}

#[derive(Serialize)]
struct NormalizedOut<'a> {
    /// The `.ann` line of a gold attribution.
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    source: Option<Vec<SpanOut<'a>>>,
    cue: Vec<SpanOut<'a>>,
    content: Vec<SpanOut<'a>>,
    direct: bool,
}

fn normalized_out<'a>(text: &'a str, n: &Normalized) -> NormalizedOut<'a> {
    NormalizedOut {
        line: (n.line > 0).then_some(n.line),
        source: n
            .has_source()
            .then(|| spans_out(text, n.role(RoleName::Source))),
        cue: spans_out(text, n.role(RoleName::Cue)),
        content: spans_out(text, n.role(RoleName::Content)),
        direct: n.direct,
    }
}

#[derive(Serialize)]
struct SpanErrorOut<'a> {
    role: &'static str,
    kind: &'static str,
    gold: Option<SpanOut<'a>>,
    predicted: Option<SpanOut<'a>>,
}

#[derive(Serialize)]
struct RelationErrorOut<'a> {
    kind: &'static str,
    gold: Option<NormalizedOut<'a>>,
    predicted: Option<NormalizedOut<'a>>,
}

#[derive(Serialize)]
struct DocErrorsOut<'a> {
    document: &'a str,
    ann: String,
    relation: Counts,
    relations: Vec<RelationErrorOut<'a>>,
    spans: Vec<SpanErrorOut<'a>>,
}

fn kind_str(k: SpanErrorKind) -> &'static str {
    match k {
        SpanErrorKind::Missed => "missed",
        SpanErrorKind::FalseAlarm => "false_alarm",
        SpanErrorKind::Boundary => "boundary",
    }
}

fn doc_errors_out<'a>(d: &'a DocResult, g: &'a GoldDocument) -> Option<DocErrorsOut<'a>> {
    let e = d.errors.as_ref()?;
    let text = g.text.as_str();
    let relations = e
        .relations
        .iter()
        .map(|x| match x {
            RelationError::Missed(n) => RelationErrorOut {
                kind: "missed",
                gold: Some(normalized_out(text, n)),
                predicted: None,
            },
            RelationError::FalseAlarm(n) => RelationErrorOut {
                kind: "false_alarm",
                gold: None,
                predicted: Some(normalized_out(text, n)),
            },
            RelationError::Mismatch { gold, predicted } => RelationErrorOut {
                kind: "mismatch",
                gold: Some(normalized_out(text, gold)),
                predicted: Some(normalized_out(text, predicted)),
            },
        })
        .collect();
    let spans = e
        .spans
        .iter()
        .map(|s| SpanErrorOut {
            role: s.role.as_str(),
            kind: kind_str(s.kind),
            gold: s.gold.map(|x| span_out(text, x)),
            predicted: s.predicted.map(|x| span_out(text, x)),
        })
        .collect();
    Some(DocErrorsOut {
        document: &d.name,
        ann: g.ann.display().to_string(),
        relation: d.tally.relation,
        relations,
        spans,
    })
}

fn attributions_out(r: &AttributionRun, with_errors: bool) -> AttributionsOut<'_> {
    let t: &Tally = &r.report.total;
    AttributionsOut {
        gold: r.dir.display().to_string(),
        documents: r.docs.len(),
        projection: r.report.projection.as_str(),
        gold_attributions: t.gold_attributions,
        predicted_attributions: t.predicted_attributions,
        exact: RolesOut::new(&t.exact),
        overlap: RolesOut::new(&t.overlap),
        token: RolesOut::new(&t.token),
        relation: t.relation,
        direct: SplitOut::new(&t.direct),
        indirect: SplitOut::new(&t.indirect),
        errors: with_errors.then(|| {
            r.report
                .documents
                .iter()
                .zip(&r.docs)
                .filter_map(|(d, g)| doc_errors_out(d, g))
                .collect()
        }),
    }
}

#[derive(Serialize)]
struct HedgesOut<'a> {
    gold: String,
    sentences: usize,
    sentence: Counts,
    cue_exact: Counts,
    cue_overlap: Counts,
    #[serde(skip_serializing_if = "Option::is_none")]
    errors: Option<Vec<HedgeErrorOut<'a>>>,
}

#[derive(Serialize)]
struct HedgeErrorOut<'a> {
    kind: &'static str,
    doc: &'a str,
    id: &'a str,
    line: usize,
    text: &'a str,
    gold: Vec<SpanOut<'a>>,
    predicted: Vec<SpanOut<'a>>,
}

fn hedges_out(r: &HedgeRun, with_errors: bool) -> HedgesOut<'_> {
    let h = &r.report;
    HedgesOut {
        gold: r.file.display().to_string(),
        sentences: h.sentences,
        sentence: h.sentence,
        cue_exact: h.cue_exact,
        cue_overlap: h.cue_overlap,
        errors: with_errors.then(|| {
            h.errors
                .iter()
                .map(|e| {
                    let s = &r.sentences[e.sentence];
                    HedgeErrorOut {
                        kind: hedge_error_kind(s, &e.predicted),
                        doc: &s.doc,
                        id: &s.id,
                        line: s.line,
                        text: &s.text,
                        gold: spans_out(&s.text, &s.cues),
                        predicted: spans_out(&s.text, &e.predicted),
                    }
                })
                .collect()
        }),
    }
}

fn hedge_error_kind(s: &HedgeSentence, predicted: &[Span]) -> &'static str {
    match (s.cues.is_empty(), predicted.is_empty()) {
        (false, true) => "missed",
        (true, false) => "false_alarm",
        _ => "cues",
    }
}

// ---------------------------------------------------------------- tables

fn table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(160)
        .set_header(header.iter().copied());
    t
}

fn f3(x: f64) -> String {
    format!("{x:.3}")
}

fn prf_cells(c: &Counts) -> [String; 6] {
    [
        f3(c.precision()),
        f3(c.recall()),
        f3(c.f1()),
        c.matched.to_string(),
        c.predicted.to_string(),
        c.gold.to_string(),
    ]
}

fn attribution_tables(r: &AttributionRun) -> String {
    let t = &r.report.total;
    let mut main = table(&[
        "metric",
        "role",
        "P",
        "R",
        "F1",
        "matched",
        "predicted",
        "gold",
    ]);
    for m in Metric::ALL {
        let counts = t.roles(m);
        for (role, c) in RoleName::ALL.iter().zip(counts) {
            let mut row = vec![m.as_str().to_string(), role.as_str().to_string()];
            row.extend(prf_cells(c));
            main.add_row(row);
        }
        let mut row = vec![m.as_str().to_string(), "overall".to_string()];
        row.extend(prf_cells(&t.overall(m)));
        main.add_row(row);
    }
    let mut row = vec!["relation".to_string(), "attribution".to_string()];
    row.extend(prf_cells(&t.relation));
    main.add_row(row);

    let mut split = table(&[
        "figure",
        "direct P",
        "R",
        "F1",
        "gold",
        "indirect P",
        "R",
        "F1",
        "gold",
    ]);
    type Figure = (&'static str, fn(&Split) -> Counts);
    let figures: [Figure; 5] = [
        ("relation", |s| s.relation),
        ("exact source", |s| s.exact[0]),
        ("exact cue", |s| s.exact[1]),
        ("exact content", |s| s.exact[2]),
        ("exact overall", |s| s.exact_overall()),
    ];
    for (name, get) in figures {
        let d = get(&t.direct);
        let i = get(&t.indirect);
        split.add_row([
            name.to_string(),
            f3(d.precision()),
            f3(d.recall()),
            f3(d.f1()),
            d.gold.to_string(),
            f3(i.precision()),
            f3(i.recall()),
            f3(i.f1()),
            i.gold.to_string(),
        ]);
    }
    format!(
        "Attributions: {} ({} documents, {} gold and {} predicted attributions, projection {}, {:.2} s)\n{main}\nDirect vs indirect quotes:\n{split}\n\n",
        r.dir.display(),
        r.docs.len(),
        t.gold_attributions,
        t.predicted_attributions,
        r.report.projection.as_str(),
        r.seconds,
    )
}

fn hedge_table(r: &HedgeRun) -> String {
    let h = &r.report;
    let mut t = table(&["figure", "P", "R", "F1", "matched", "predicted", "gold"]);
    for (name, c) in [
        ("sentence hedged", &h.sentence),
        ("cue exact", &h.cue_exact),
        ("cue overlap", &h.cue_overlap),
    ] {
        let mut row = vec![name.to_string()];
        row.extend(prf_cells(c));
        t.add_row(row);
    }
    format!(
        "Hedges: {} ({} sentences, {:.2} s)\n{t}\n\n",
        r.file.display(),
        h.sentences,
        r.seconds
    )
}

// ---------------------------------------------------------------- errors

/// One line of text with line breaks and tabs shown as spaces.
fn flat(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect()
}

/// At most `max` characters, eliding the middle.
fn elide(s: &str, max: usize) -> String {
    let n = s.chars().count();
    if n <= max {
        return s.to_string();
    }
    let head: String = s.chars().take(max / 2).collect();
    let tail: String = s.chars().skip(n - (max - max / 2 - 1)).collect();
    format!("{head}…{tail}")
}

/// The span marked `⟦…⟧` with a few words of context on each side.
fn in_context(text: &str, s: Span) -> String {
    const SIDE: usize = 30;
    let before = &text[..s.start];
    let left: String = {
        let mut v: Vec<char> = before.chars().rev().take(SIDE).collect();
        v.reverse();
        v.into_iter().collect()
    };
    let right: String = text[s.end..].chars().take(SIDE).collect();
    format!(
        "{}⟦{}⟧{}",
        flat(&left),
        elide(&flat(&text[s.start..s.end]), 120),
        flat(&right)
    )
}

fn role_text(text: &str, spans: &[Span]) -> String {
    if spans.is_empty() {
        return "—".into();
    }
    spans
        .iter()
        .map(|s| format!("“{}”", elide(&flat(&text[s.start..s.end]), 80)))
        .collect::<Vec<_>>()
        .join(" + ")
}

fn attribution_line(text: &str, n: &Normalized) -> String {
    format!(
        "{}source {} | cue {} | content {}",
        if n.line > 0 {
            format!("[ann line {}] ", n.line)
        } else {
            String::new()
        },
        role_text(text, n.role(RoleName::Source)),
        role_text(text, n.role(RoleName::Cue)),
        role_text(text, n.role(RoleName::Content)),
    )
}

fn attribution_errors(r: &AttributionRun) -> String {
    let mut out = String::new();
    for (d, g) in r.report.documents.iter().zip(&r.docs) {
        let Some(e) = &d.errors else { continue };
        if e.spans.is_empty() && e.relations.is_empty() {
            continue;
        }
        let text = &g.text;
        let rel = d.tally.relation;
        out.push_str(&format!(
            "== {} ({}): relation {}/{} gold matched, {} predicted\n",
            d.name,
            g.ann.display(),
            rel.matched,
            rel.gold,
            rel.predicted
        ));
        for x in &e.relations {
            match x {
                RelationError::Missed(n) => out.push_str(&format!(
                    "  relation missed   {}\n",
                    attribution_line(text, n)
                )),
                RelationError::FalseAlarm(n) => out.push_str(&format!(
                    "  relation false    {}\n",
                    attribution_line(text, n)
                )),
                RelationError::Mismatch { gold, predicted } => out.push_str(&format!(
                    "  relation mismatch gold {}\n                    pred {}\n",
                    attribution_line(text, gold),
                    attribution_line(text, predicted)
                )),
            }
        }
        for s in &e.spans {
            let role = s.role.as_str();
            match (s.kind, s.gold, s.predicted) {
                (SpanErrorKind::Boundary, Some(gs), Some(ps)) => out.push_str(&format!(
                    "  {role:<8} boundary gold {}\n                    pred {}\n",
                    in_context(text, gs),
                    in_context(text, ps)
                )),
                (SpanErrorKind::Missed, Some(gs), _) => {
                    out.push_str(&format!("  {role:<8} missed   {}\n", in_context(text, gs)))
                }
                (_, _, Some(ps)) => {
                    out.push_str(&format!("  {role:<8} false    {}\n", in_context(text, ps)))
                }
                _ => {}
            }
        }
        out.push('\n');
    }
    out
}

fn cue_list(text: &str, spans: &[Span]) -> String {
    if spans.is_empty() {
        return "—".into();
    }
    spans
        .iter()
        .map(|s| text[s.start..s.end].to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn hedge_errors(r: &HedgeRun) -> String {
    let mut out = String::new();
    for e in &r.report.errors {
        let s = &r.sentences[e.sentence];
        out.push_str(&format!(
            "{:<11} {} {} (line {}) | gold: {} | predicted: {}\n            {}\n",
            hedge_error_kind(s, &e.predicted),
            s.doc,
            s.id,
            s.line,
            cue_list(&s.text, &s.cues),
            cue_list(&s.text, &e.predicted),
            elide(&flat(&s.text), 240)
        ));
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_marks_the_span_and_flattens_lines() {
        let text = "He said:\n“We will win,” and left.";
        let at = text.find("We").unwrap();
        let s = Span::new(at, at + "We will win".len());
        assert_eq!(in_context(text, s), "He said: “⟦We will win⟧,” and left.");
    }

    #[test]
    fn elide_keeps_both_ends() {
        assert_eq!(elide("abcdefghij", 5), "ab…ij");
        assert_eq!(elide("abc", 5), "abc");
    }
}
