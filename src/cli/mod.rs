//! Command-line interface: argument parsing, input collection, output.

mod analyze;
mod check;
mod eval;
mod formats;
mod git;
mod html;
mod input;
mod json;
mod jsonl;
mod limits;
mod lines;
mod parallel;
mod progress;
mod stats;
mod table;

use anyhow::{Context, Result};
use claimtrace::{RuleSet, RuleSource};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "claimtrace",
    version,
    about = "Trace every claim in news text to its source"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse articles (.txt, Markdown, HTML; directories are walked; `-` is
    /// stdin) or JSONL archives (--input jsonl), on every core.
    Analyze(analyze::AnalyzeArgs),
    /// Aggregate the JSONL results of `analyze --format jsonl` into
    /// archive-level tables.
    Stats(stats::StatsArgs),
    /// Check articles against an editorial policy (.claimtrace.yaml) and
    /// report findings for people and CI (exit 1 when a finding is at or
    /// above --fail-on).
    Check(check::CheckArgs),
    /// Score the engine against gold annotations (PolNeAR attributions,
    /// Szeged hedge cues).
    Eval(eval::EvalArgs),
    /// Work with rule sets.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
}

#[derive(Subcommand)]
enum RulesCommand {
    /// Run every rule's examples (the default rule set when no file is given).
    Test { file: Option<PathBuf> },
}

/// The formats of `eval`.
#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Json,
}

/// Extensions of the files a directory gives for JSONL inputs.
const JSONL_EXTENSIONS: &[&str] = &["jsonl", "ndjson"];

/// Writes to standard output. A closed pipe (`claimtrace ... | head`) is not
/// an error: the reader has what it wanted.
fn emit(text: &str) -> Result<()> {
    use std::io::Write;
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(ClosedPipe.into()),
        other => Ok(other?),
    }
}

/// Marks a write into a closed pipe, which ends the run quietly.
#[derive(Debug)]
pub struct ClosedPipe;

impl std::fmt::Display for ClosedPipe {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("standard output closed")
    }
}

impl std::error::Error for ClosedPipe {}

/// Runs the command line; errors become exit code 2 in `main`.
pub fn run() -> Result<ExitCode> {
    limits::init()?;
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            e.print().ok();
            return Ok(ExitCode::from(code));
        }
    };
    match cli.command {
        Command::Analyze(args) => analyze::run(args),
        Command::Stats(args) => stats::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Check(args) => check::run(args),
        Command::Rules {
            command: RulesCommand::Test { file },
        } => rules_test(file),
    }
}

/// The rule set to use: the embedded default (compiled once per process) or
/// a user's file.
enum Rules {
    Default(&'static RuleSet),
    Loaded(Box<RuleSet>),
}

impl std::ops::Deref for Rules {
    type Target = RuleSet;
    fn deref(&self) -> &RuleSet {
        match self {
            Rules::Default(r) => r,
            Rules::Loaded(r) => r,
        }
    }
}

fn load_rules(path: Option<&PathBuf>) -> Result<Rules> {
    Ok(match path {
        None => Rules::Default(RuleSet::default_rules()),
        Some(p) => {
            let source = RuleSource::from_path_with(p, &limits::get().rules)?;
            Rules::Loaded(Box::new(
                RuleSet::compile(source).context("compiling the rule set")?,
            ))
        }
    })
}

fn rules_test(file: Option<PathBuf>) -> Result<ExitCode> {
    let rules = load_rules(file.as_ref())?;
    let report = claimtrace::examples::run(&rules);
    for f in &report.failures {
        emit(&format!("FAIL {f}\n"))?;
    }
    emit(&format!(
        "{} passed, {} failed\n",
        report.passed,
        report.failures.len()
    ))?;
    Ok(ExitCode::from(if report.failures.is_empty() {
        0
    } else {
        1
    }))
}
