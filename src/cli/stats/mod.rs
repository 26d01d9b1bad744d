//! `claimtrace stats`: archive-level tables from the JSONL results of
//! `analyze --format jsonl`, read as a stream (memory grows with the
//! distinct entities, cues and groups, not with the archive).

mod aggregate;
mod names;
mod render;

use super::input;
use super::lines::Lines;
use super::progress::{Progress, Unit};
use super::{JSONL_EXTENSIONS, emit};
use aggregate::{Grouping, Stats};
use anyhow::Result;
use clap::{Args, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct StatsArgs {
    /// JSONL result files or directories of them; none or `-` reads standard
    /// input.
    paths: Vec<PathBuf>,
    /// Anonymous and vague shares per value of FIELD of the input documents
    /// (repeatable); FIELD:month groups ISO dates by their YYYY-MM. Default:
    /// per publication (publication, source, outlet or publisher) and per
    /// month (date, published, published_at or pubdate), when the records
    /// have such a field.
    #[arg(long, value_name = "FIELD[:month]")]
    by: Vec<String>,
    #[arg(long, value_enum, default_value_t = StatsFormat::Table)]
    format: StatsFormat,
    /// Rows of the entity and cue tables.
    #[arg(long, value_name = "N", default_value_t = 20)]
    top: usize,
    /// Count every entity name as the analysis gave it. By default the
    /// names of one entity across documents are counted together ("Ana
    /// Ruiz", "Ana M. Ruiz", and "Ruiz" where she holds most of the
    /// citations of full names ending in it; "The Courier" and "Courier"),
    /// and the table lists the names it joined.
    #[arg(long)]
    exact_names: bool,
    /// No progress bar (there is one only when standard error is a terminal
    /// and standard output is not).
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum StatsFormat {
    Table,
    Csv,
    Json,
}

pub fn run(args: StatsArgs) -> Result<ExitCode> {
    let groupings = if args.by.is_empty() {
        Grouping::defaults()
    } else {
        args.by.iter().map(|b| Grouping::parse(b)).collect()
    };
    let mut stats = Stats::new(groupings);
    let sources = input::list(&args.paths, JSONL_EXTENSIONS)?;
    let progress = Progress::new(args.quiet, Unit::Bytes(None));
    let mut lines = Lines::new(sources);
    let mut failed = false;
    loop {
        let batch = lines.batch(4096, 8 << 20);
        if batch.is_empty() {
            break;
        }
        for line in batch {
            let place = match line.number {
                Some(n) => format!("{}:{n}", line.file),
                None => line.file.to_string(),
            };
            let result = line.bytes.and_then(|b| {
                let text = String::from_utf8(b).map_err(|_| "invalid UTF-8".to_string())?;
                if text.trim().is_empty() {
                    return Ok(());
                }
                stats.add(&text)
            });
            if let Err(e) = result {
                progress.error(&format!("{place}: {e}"));
                failed = true;
            }
        }
        progress.set_position(lines.bytes_read);
    }
    progress.finish();
    let report = render::Report::new(stats, args.top, !args.exact_names);
    emit(&match args.format {
        StatsFormat::Table => report.table(),
        StatsFormat::Csv => report.csv()?,
        StatsFormat::Json => report.json(),
    })?;
    Ok(ExitCode::from(if failed { 2 } else { 0 }))
}
