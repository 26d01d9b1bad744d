//! `claimtrace check`: the editorial gate. Loads the policy, reads the
//! inputs, runs the checks, applies directives, the baseline and the
//! changed-lines filter, prints a report and sets the exit code.

use super::formats::{self, FileReport, Located, OutputFormat, Report};
use super::git::Changes;
use super::input::{self, Input};
use super::{emit, load_rules};
use anyhow::{Context, Result, anyhow};
use claimtrace::policy::{self, Baseline, Level, Policy};
use claimtrace::position::LineIndex;
use clap::{Args, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Names of the policy file looked for from the working directory up.
pub const CONFIG_NAMES: &[&str] = &[".claimtrace.yaml", ".claimtrace.yml"];

/// Where `--write-baseline` writes when no `--baseline FILE` is given.
pub const DEFAULT_BASELINE: &str = ".claimtrace-baseline.json";

#[derive(Args)]
pub struct CheckArgs {
    /// Files or directories (default: the current directory); `-` reads
    /// standard input.
    paths: Vec<PathBuf>,
    /// A policy file (default: `.claimtrace.yaml` found from the working
    /// directory up, else the built-in default policy).
    #[arg(long, value_name = "FILE", conflicts_with = "policy")]
    config: Option<PathBuf>,
    /// A built-in policy instead of a file.
    #[arg(long, value_enum)]
    policy: Option<BuiltinPolicy>,
    /// A YAML rule set (overrides the policy's `rules:`).
    #[arg(long, value_name = "FILE")]
    rules: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = OutputFormat::Line)]
    format: OutputFormat,
    /// The lowest level that makes the run fail with exit code 1 (default:
    /// the policy's `fail_on`, else error).
    #[arg(long, value_enum, value_name = "LEVEL")]
    fail_on: Option<FailOn>,
    /// Report only findings that this baseline file does not record.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record today's findings in the baseline file (`--baseline FILE`, by
    /// default .claimtrace-baseline.json) instead of reporting them.
    #[arg(long)]
    write_baseline: bool,
    /// Report only findings on lines `git diff` adds or changes against the
    /// base.
    #[arg(long)]
    changed_lines: bool,
    /// Write the report to FILE instead of standard output, which then
    /// lists the findings one a line (unless --format is line), so a CI log
    /// shows them while a SARIF or JUnit file is written.
    #[arg(short, long, value_name = "FILE", conflicts_with = "write_baseline")]
    output: Option<PathBuf>,
    /// The base for --changed-lines (default: the merge base with
    /// origin/HEAD, else main, else master).
    #[arg(long, value_name = "REF", requires = "changed_lines")]
    base: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum BuiltinPolicy {
    Default,
    Strict,
    Wikipedia,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
    /// Never fail on findings (exit 1 is then impossible).
    Never,
}

/// Finds `.claimtrace.yaml` in `dir` or the nearest ancestor.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .flat_map(|d| CONFIG_NAMES.iter().map(move |n| d.join(n)))
        .find(|p| p.is_file())
}

fn read_file(path: &Path) -> std::io::Result<String> {
    let meta = std::fs::metadata(path)?;
    let max = super::limits::get().rules.max_file_bytes;
    if meta.len() > max {
        return Err(std::io::Error::other(format!(
            "{} bytes is over the limit of {max}",
            meta.len()
        )));
    }
    std::fs::read_to_string(path)
}

fn load_policy(args: &CheckArgs, cwd: &Path) -> Result<Policy> {
    if let Some(p) = args.policy {
        let name = match p {
            BuiltinPolicy::Default => "default",
            BuiltinPolicy::Strict => "strict",
            BuiltinPolicy::Wikipedia => "wikipedia",
        };
        let mut policy = Policy::builtin(name).expect("built-in policy");
        policy.root = Some(cwd.to_path_buf());
        return Ok(policy);
    }
    let file = match &args.config {
        Some(f) => Some(f.clone()),
        None => discover(cwd),
    };
    let Some(file) = file else {
        let mut policy = Policy::builtin("default").expect("built-in policy");
        policy.root = Some(cwd.to_path_buf());
        return Ok(policy);
    };
    // Messages name the file as the user would: relative to the working
    // directory when it lies under it.
    let name = file
        .strip_prefix(cwd)
        .unwrap_or(&file)
        .display()
        .to_string();
    let text = read_file(&file).map_err(|e| anyhow!("{name}: {e}"))?;
    let dir = match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut policy = policy::load_str(&name, &text, Some(&dir), &mut read_file)?;
    policy.root = Some(dir);
    Ok(policy)
}

/// The path as reports show it: relative to the working directory when it
/// lies under it, `/`-separated.
fn display_path(input: &Input, cwd: &Path) -> String {
    let Some(path) = &input.path else {
        return input.name.clone();
    };
    let rel = if path.is_absolute() {
        path.strip_prefix(cwd).unwrap_or(path).to_path_buf()
    } else {
        path.clone()
    };
    let s = rel.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

/// The path relative to the policy's root, for `exclude:` globs.
fn policy_relative(path: &Path, root: &Path, cwd: &Path) -> String {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    };
    let root_abs = if root.is_absolute() {
        root.to_path_buf()
    } else {
        cwd.join(root)
    };
    let normal = |p: &Path| -> PathBuf {
        p.components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .collect()
    };
    let (abs, root_abs) = (normal(&abs), normal(&root_abs));
    let rel = abs.strip_prefix(&root_abs).unwrap_or(&abs);
    rel.to_string_lossy().replace('\\', "/")
}

pub fn run(args: CheckArgs) -> Result<ExitCode> {
    let cwd = std::env::current_dir().context("reading the working directory")?;
    let policy = load_policy(&args, &cwd)?;
    let rules_path = args.rules.clone().or_else(|| policy.rules.clone());
    let rules = load_rules(rules_path.as_ref())?;
    let fail_on = match args.fail_on {
        Some(FailOn::Error) => Some(Level::Error),
        Some(FailOn::Warning) => Some(Level::Warning),
        Some(FailOn::Info) => Some(Level::Info),
        Some(FailOn::Never) => None,
        None => match policy.fail_on {
            None => Some(Level::Error),
            Some(Level::Off) => None,
            Some(level) => Some(level),
        },
    };
    let baseline = match (&args.baseline, args.write_baseline) {
        (Some(file), false) => {
            let name = file.display().to_string();
            let text = std::fs::read_to_string(file).map_err(|e| anyhow!("{name}: {e}"))?;
            let b: Baseline = serde_json::from_str(&text)
                .map_err(|e| anyhow!("{name}:{}:{}: {e}", e.line(), e.column()))?;
            if b.schema != policy::BASELINE_SCHEMA {
                return Err(anyhow!(
                    "{name}: schema `{}` is not `{}`",
                    b.schema,
                    policy::BASELINE_SCHEMA
                ));
            }
            Some(b)
        }
        _ => None,
    };
    let changes = if args.changed_lines {
        Some(Changes::load(&cwd, args.base.as_deref())?)
    } else {
        None
    };
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let root = policy.root.clone().unwrap_or_else(|| cwd.clone());
    let mut report = Report {
        policy: policy.name.clone(),
        fail_on,
        checks: policy
            .checks
            .iter()
            .map(|(id, c)| (*id, (c.level, c.link.clone())))
            .collect(),
        files: Vec::new(),
        suppressed: 0,
        baselined: 0,
        unchanged: 0,
        base: changes.as_ref().map(|c| c.base.clone()),
    };
    let mut failed_input = false;
    let mut recorded = Vec::new();
    for item in input::collect(&paths)? {
        let doc = match item {
            Ok(doc) => doc,
            Err(e) => {
                eprintln!("claimtrace: error: {e:#}");
                failed_input = true;
                continue;
            }
        };
        if let Some(path) = &doc.path
            && policy.excludes(&policy_relative(path, &root, &cwd))
        {
            continue;
        }
        let shown = display_path(&doc, &cwd);
        // Checks read the prose; their spans then go back to the file.
        let prose = claimtrace::markup::extract(doc.markup, &doc.text);
        // One segmentation serves the analysis and the checks.
        let segmented = claimtrace::text::Document::new(&prose.text, &rules.abbreviations);
        let analysis = claimtrace::analyze::analyze_document(&segmented, &rules);
        let mut findings = policy::evaluate_document(&policy, &analysis, &segmented);
        for f in &mut findings {
            f.span = f.span.map(|s| prose.to_original(s));
        }
        let (findings, suppressed) =
            policy::apply_directives(findings, &prose.directives, &doc.text);
        let index = LineIndex::new(&doc.text);
        let opening = prose.opening();
        for (span, message) in &suppressed.problems {
            let (line, col) = index.line_col(span.start);
            eprintln!("claimtrace: warning: {shown}:{line}:{col}: {message}");
        }
        report.suppressed += suppressed.by_comment.len();
        if args.write_baseline {
            recorded.extend(findings.iter().map(|f| Baseline::entry(&shown, f)));
            continue;
        }
        let findings = match &baseline {
            Some(b) => {
                let (new, known) = b.split(&shown, findings);
                report.baselined += known.len();
                new
            }
            None => findings,
        };
        let mut located: Vec<Located> = findings
            .into_iter()
            .map(|f| Located::new(f, &index, opening))
            .collect();
        if let (Some(changes), Some(path)) = (&changes, &doc.path) {
            let before = located.len();
            located.retain(|l| match l.finding.span {
                Some(_) => changes.touches(path, l.line, l.end_line),
                None => changes.any(path),
            });
            report.unchanged += before - located.len();
        }
        report.files.push(FileReport {
            path: shown,
            findings: located,
        });
    }
    if args.write_baseline {
        let file = args
            .baseline
            .clone()
            .unwrap_or_else(|| PathBuf::from(DEFAULT_BASELINE));
        let n = recorded.len();
        let baseline = Baseline::new(recorded);
        let mut text = serde_json::to_string_pretty(&baseline)?;
        text.push('\n');
        std::fs::write(&file, text).map_err(|e| anyhow!("{}: {e}", file.display()))?;
        eprintln!(
            "claimtrace: wrote {n} finding{} to {}",
            if n == 1 { "" } else { "s" },
            file.display()
        );
        return Ok(ExitCode::from(if failed_input { 2 } else { 0 }));
    }
    let rendered = formats::render(args.format, &report);
    match &args.output {
        Some(file) => {
            std::fs::write(file, rendered).map_err(|e| anyhow!("{}: {e}", file.display()))?;
            if args.format != OutputFormat::Line {
                emit(&formats::render(OutputFormat::Line, &report))?;
            }
        }
        None => emit(&rendered)?,
    }
    if (args.format == OutputFormat::Line || args.output.is_some())
        && (!report.is_empty() || report.suppressed + report.baselined + report.unchanged > 0)
    {
        // Standard output stays one finding a line; the count goes to
        // standard error.
        eprintln!("{}", report.summary());
    }
    if failed_input {
        return Ok(ExitCode::from(2));
    }
    Ok(ExitCode::from(u8::from(report.fails())))
}
