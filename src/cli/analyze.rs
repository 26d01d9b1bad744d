//! `claimtrace analyze`: articles (one document a file) or JSONL archives
//! (one document a line) analysed on every core, reported in input order.

use super::input::{self, Input, Source};
use super::json::{self, Document, ErrorRecord, Head};
use super::jsonl::{self, Fields};
use super::lines::{Line, Lines};
use super::parallel;
use super::progress::{FEW_FILES, Progress, Unit};
use super::{ClosedPipe, JSONL_EXTENSIONS, html, load_rules, table};
use anyhow::{Result, bail};
use claimtrace::markup::Markup;
use claimtrace::{Analysis, RuleSet};
use clap::{Args, ValueEnum};
use rayon::prelude::*;
use serde_json::value::RawValue;
use std::io::{IoSlice, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Lines of JSONL analysed together: enough to keep every core busy, few
/// enough that a batch (and its results) stays a few MiB.
const BATCH_LINES: usize = 512;
/// A batch also ends once it holds this many bytes of input.
const BATCH_BYTES: usize = 2 << 20;
/// Files read and analysed together (table and jsonl formats).
const BATCH_FILES: usize = 64;

#[derive(Args)]
pub struct AnalyzeArgs {
    /// Files or directories; none or `-` reads standard input.
    paths: Vec<PathBuf>,
    /// A YAML rule set (may `extends: default`).
    #[arg(long)]
    rules: Option<PathBuf>,
    /// Output format [default: table; jsonl with --input jsonl].
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Write the output to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// What an input holds: one document (`files`), or one JSON document a
    /// line, `{"id": …, "text": …, …}` (`jsonl`; directories give their
    /// .jsonl and .ndjson files).
    #[arg(long, value_enum, default_value_t = InputKind::Files)]
    input: InputKind,
    /// Worker threads [default: one per core].
    #[arg(short, long, value_name = "N")]
    jobs: Option<usize>,
    /// No progress bar (there is one only when standard error is a terminal
    /// and standard output is not).
    #[arg(short, long)]
    quiet: bool,
    /// Keep only the attributions PolNeAR's univocal convention annotates
    /// (the projection `claimtrace eval` scores; see docs/accuracy.md).
    #[arg(long)]
    univocal: bool,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum Format {
    Table,
    /// One report (schema claimtrace/1) for all inputs.
    Json,
    /// One document object a line, written as the inputs are analysed.
    Jsonl,
    /// One self-contained HTML page for all inputs: highlighted claims,
    /// sources panel, filters (docs/html-report.md).
    Html,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum InputKind {
    Files,
    Jsonl,
}

pub fn run(args: AnalyzeArgs) -> Result<ExitCode> {
    let format = match (args.input, args.format) {
        (InputKind::Files, f) => f.unwrap_or(Format::Table),
        (InputKind::Jsonl, None | Some(Format::Jsonl)) => Format::Jsonl,
        (InputKind::Jsonl, Some(_)) => bail!("--input jsonl writes --format jsonl only"),
    };
    let rules = load_rules(args.rules.as_ref())?;
    let pool = parallel::pool(args.jobs.unwrap_or(0))?;
    let job = Job {
        rules: &rules,
        univocal: args.univocal,
    };
    let failed = match args.input {
        InputKind::Files => {
            let sources = input::list(&args.paths, Markup::EXTENSIONS)?;
            let progress = if sources.len() > FEW_FILES {
                Progress::new(args.quiet, Unit::Files(sources.len() as u64))
            } else {
                Progress::new(true, Unit::Files(0))
            };
            let out = Out::new(args.output.as_deref())?;
            let failed = match format {
                Format::Json | Format::Html => {
                    whole_report(&pool, sources, job, format, &progress, out)?
                }
                _ => stream_files(&pool, sources, job, format, &progress, out)?,
            };
            progress.finish();
            failed
        }
        InputKind::Jsonl => {
            let sources = input::list(&args.paths, JSONL_EXTENSIONS)?;
            let total = sources
                .iter()
                .map(|s| match s {
                    Source::File(p) => std::fs::metadata(p).ok().map(|m| m.len()),
                    _ => None,
                })
                .sum::<Option<u64>>();
            let progress = Progress::new(args.quiet, Unit::Bytes(total));
            let out = Out::new(args.output.as_deref())?;
            let failed = stream_jsonl(&pool, sources, job, &progress, out)?;
            progress.finish();
            failed
        }
    };
    Ok(ExitCode::from(if failed { 2 } else { 0 }))
}

/// What every worker needs.
#[derive(Clone, Copy)]
struct Job<'a> {
    rules: &'a RuleSet,
    univocal: bool,
}

impl Job<'_> {
    /// The analysis of `text` (the prose of a file or a JSONL document),
    /// projected for `--univocal`. A panic is a bug in the engine; it costs
    /// that document, not the run.
    fn analysis(&self, text: &str, run: impl FnOnce() -> Analysis) -> Result<Analysis, String> {
        let analysis =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)).map_err(|p| {
                let why = p
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| p.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                format!("internal error while analysing (please report it): {why}")
            })?;
        Ok(if self.univocal {
            let mut a = claimtrace::eval::Projection::UNIVOCAL.apply_to(analysis, text);
            claimtrace::eval::widen_cues(&mut a, text, self.rules);
            a
        } else {
            analysis
        })
    }

    fn file(&self, input: &Input) -> Result<Analysis, String> {
        self.analysis(&input.text, || input.analyze(self.rules).1)
    }
}

/// One input's output, and its error for standard error.
struct Outcome {
    out: Vec<u8>,
    error: Option<String>,
}

/// Standard output or the `--output` file, buffered; a closed pipe ends
/// the run quietly.
struct Out(std::io::BufWriter<Box<dyn Write + Send>>);

impl Out {
    fn new(path: Option<&Path>) -> Result<Out> {
        let sink: Box<dyn Write + Send> = match path {
            Some(p) => Box::new(
                std::fs::File::create(p)
                    .map_err(|e| anyhow::anyhow!("{}: cannot write: {e}", p.display()))?,
            ),
            None => Box::new(std::io::stdout()),
        };
        Ok(Out(std::io::BufWriter::with_capacity(1 << 16, sink)))
    }

    fn write(&mut self, bytes: &[u8]) -> Result<()> {
        self.0.write_all(bytes).map_err(closed_pipe)
    }

    /// Writes `parts` in order: a batch's records (together larger than
    /// the buffer, but for the smallest) go out from where they were built
    /// with vectored writes (writev), not copied through the buffer first.
    fn write_parts<'p>(&mut self, parts: impl Iterator<Item = &'p [u8]>) -> Result<()> {
        let mut slices: Vec<IoSlice> = parts.filter(|p| !p.is_empty()).map(IoSlice::new).collect();
        let mut rest = &mut slices[..];
        while !rest.is_empty() {
            match self.0.write_vectored(rest) {
                Ok(0) => return Err(std::io::Error::from(std::io::ErrorKind::WriteZero).into()),
                Ok(n) => IoSlice::advance_slices(&mut rest, n),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(closed_pipe(e)),
            }
        }
        Ok(())
    }

    fn flush(mut self) -> Result<()> {
        self.0.flush().map_err(closed_pipe)
    }
}

fn closed_pipe(e: std::io::Error) -> anyhow::Error {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        ClosedPipe.into()
    } else {
        e.into()
    }
}

/// Writes the outcomes in order, errors on standard error; true if any.
fn writer<'a>(
    out: &'a mut Out,
    progress: &'a Progress,
    failed: &'a mut bool,
) -> impl FnMut(Vec<Outcome>) -> Result<()> + Send + 'a {
    move |batch: Vec<Outcome>| {
        for e in batch.iter().filter_map(|o| o.error.as_ref()) {
            *failed = true;
            progress.error(e);
        }
        out.write_parts(batch.iter().map(|o| &o.out[..]))
    }
}

/// Every input read and analysed in parallel, in input order; a failure
/// is the input's name and the message, already on standard error.
fn analyse_all(
    pool: &rayon::ThreadPool,
    sources: Vec<Source>,
    job: Job,
    progress: &Progress,
) -> Vec<html::Entry> {
    let results: Vec<html::Entry> = pool.install(|| {
        sources
            .into_par_iter()
            .map(|source| {
                let name = source.name();
                let input = source.read().map_err(|e| (name, format!("{e:#}")))?;
                let analysis = job
                    .file(&input)
                    .map_err(|e| (input.name.clone(), format!("{}: {e}", input.name)))?;
                progress.inc(1);
                Ok((input, analysis))
            })
            .collect()
    });
    for (_, e) in results.iter().filter_map(|r| r.as_ref().err()) {
        progress.error(e);
    }
    progress.finish();
    results
}

/// `--format json` and `html`: every input analysed in parallel, then one
/// report or page for them all (an input that failed is left out of the
/// JSON report and shown with its error in the page).
fn whole_report(
    pool: &rayon::ThreadPool,
    sources: Vec<Source>,
    job: Job,
    format: Format,
    progress: &Progress,
    mut out: Out,
) -> Result<bool> {
    let results = analyse_all(pool, sources, job, progress);
    let failed = results.iter().any(|r| r.is_err());
    if format == Format::Html {
        out.write(html::render(&results).as_bytes())?;
    } else {
        let reports: Vec<(Input, Analysis)> = results.into_iter().filter_map(Result::ok).collect();
        json::write(&mut out.0, &reports).map_err(|e| match e.io_error_kind() {
            Some(std::io::ErrorKind::BrokenPipe) => ClosedPipe.into(),
            _ => anyhow::Error::from(e),
        })?;
    }
    out.flush()?;
    Ok(failed)
}

/// `--format table` and `--format jsonl` over files: batches of files
/// analysed in parallel and written in order as each batch ends.
fn stream_files(
    pool: &rayon::ThreadPool,
    sources: Vec<Source>,
    job: Job,
    format: Format,
    progress: &Progress,
    mut out: Out,
) -> Result<bool> {
    let mut sources = sources.into_iter();
    let mut failed = false;
    parallel::ordered(
        pool,
        || sources.by_ref().take(BATCH_FILES).collect(),
        |source: Source| {
            let outcome = file_outcome(source, job, format);
            progress.inc(1);
            outcome
        },
        writer(&mut out, progress, &mut failed),
    )?;
    out.flush()?;
    Ok(failed)
}

fn file_outcome(source: Source, job: Job, format: Format) -> Outcome {
    let name = source.name();
    let fail = |message: String| {
        let mut out = Vec::new();
        if format == Format::Jsonl {
            let record = ErrorRecord {
                head: Some(Head::Path(&name)),
                file: Some(&name),
                line: None,
                message: &message,
            };
            json::line(&mut out, &record);
        }
        Outcome {
            out,
            error: Some(message),
        }
    };
    let input = match source.read() {
        Ok(input) => input,
        Err(e) => return fail(format!("{e:#}")),
    };
    let analysis = match job.file(&input) {
        Ok(a) => a,
        Err(e) => return fail(format!("{name}: {e}")),
    };
    let out = match format {
        Format::Table => table::render(&input.name, &input.text, &analysis).into_bytes(),
        _ => json::record(&Document {
            head: Head::Path(&input.name),
            text: &input.text,
            analysis: &analysis,
        }),
    };
    Outcome { out, error: None }
}

/// `--input jsonl`: batches of lines analysed in parallel, one record a
/// line written in order.
fn stream_jsonl(
    pool: &rayon::ThreadPool,
    sources: Vec<Source>,
    job: Job,
    progress: &Progress,
    mut out: Out,
) -> Result<bool> {
    let mut lines = Lines::new(sources);
    let mut failed = false;
    let mut documents = 0u64;
    let mut write = writer(&mut out, progress, &mut failed);
    parallel::ordered(
        pool,
        || {
            let batch = lines.batch(BATCH_LINES, BATCH_BYTES);
            progress.set_position(lines.bytes_read);
            batch
        },
        |line| line_outcome(line, job),
        |batch| {
            let before = documents;
            documents += batch.len() as u64;
            if before / 256 != documents / 256 {
                progress.message(format!("{documents} documents"));
            }
            write(batch)
        },
    )?;
    drop(write);
    out.flush()?;
    Ok(failed)
}

fn line_outcome(line: Line, job: Job) -> Outcome {
    let fail = |id: Option<&RawValue>, message: String| {
        let id: Vec<(String, &RawValue)> = id.map(|v| ("id".to_string(), v)).into_iter().collect();
        let record = ErrorRecord {
            head: (!id.is_empty()).then_some(Head::Fields(&id)),
            file: Some(&line.file),
            line: line.number,
            message: &message,
        };
        let mut out = Vec::new();
        json::line(&mut out, &record);
        let place = match line.number {
            Some(n) => format!("{}:{n}", line.file),
            None => line.file.to_string(),
        };
        Outcome {
            out,
            error: Some(format!("{place}: {message}")),
        }
    };
    let bytes = match &line.bytes {
        Ok(b) => b,
        Err(e) => return fail(None, e.clone()),
    };
    // Blank lines hold no document (a final empty line is common).
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Outcome {
            out: Vec::new(),
            error: None,
        };
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.valid_up_to();
            let column = String::from_utf8_lossy(&bytes[..at]).chars().count() + 1;
            return fail(
                None,
                format!("invalid UTF-8 at column {column} (byte offset {at} in the line)"),
            );
        }
    };
    let fields = match Fields::parse(text) {
        Ok(f) => f,
        Err(e) => return fail(None, e),
    };
    let id = fields.get("id");
    let doc = match jsonl::document(fields) {
        Ok(d) => d,
        Err(e) => return fail(id, e),
    };
    let analysis = match job.analysis(&doc.text, || {
        claimtrace::analyze::analyze(&doc.text, job.rules)
    }) {
        Ok(a) => a,
        Err(e) => return fail(id, e),
    };
    let out = json::record(&Document {
        head: Head::Fields(&doc.fields),
        text: &doc.text,
        analysis: &analysis,
    });
    Outcome { out, error: None }
}
