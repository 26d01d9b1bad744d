//! The report formats of `claimtrace check`: line, json, sarif, github,
//! checkstyle, junit and table. Each renders the whole report as one string.

use claimtrace::Span;
use claimtrace::policy::{CheckId, Finding, Level, fingerprint};
use claimtrace::position::LineIndex;
use clap::ValueEnum;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The check report's JSON schema id.
pub const SCHEMA: &str = "claimtrace-check/1";

/// Most workflow annotations printed by `--format github`.
pub const GITHUB_LIMIT: usize = 50;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// `path:line:col: level rule: message`, one finding a line.
    Line,
    /// The `claimtrace-check/1` JSON report.
    Json,
    /// SARIF 2.1.0 (GitHub code scanning and other SARIF viewers).
    Sarif,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
    /// Checkstyle XML.
    Checkstyle,
    /// JUnit XML: one test suite a file, one test case a finding.
    Junit,
    /// A table for people.
    Table,
}

/// A finding with its position in the file.
pub struct Located {
    pub finding: Finding,
    pub line: usize,
    pub column: usize,
    /// Position of the end (exclusive), as SARIF and editors count it.
    pub end_line: usize,
    pub end_column: usize,
    pub fingerprint: String,
}

impl Located {
    /// `opening` is where a finding about the whole document is shown: the
    /// file's first line of prose (its title, usually), else line 1.
    pub fn new(finding: Finding, index: &LineIndex, opening: Option<Span>) -> Located {
        let (line, column, end_line, end_column) = match finding.span.or(opening) {
            Some(s) => {
                let (l, c) = index.line_col(s.start);
                let (el, ec) = index.line_col(s.end);
                (l, c, el, ec)
            }
            None => (1, 1, 1, 1),
        };
        Located {
            fingerprint: fingerprint(finding.check, &finding.subject),
            finding,
            line,
            column,
            end_line,
            end_column,
        }
    }
}

pub struct FileReport {
    pub path: String,
    pub findings: Vec<Located>,
}

pub struct Report {
    /// The policy file or built-in name.
    pub policy: String,
    /// The lowest failing level; `None` never fails.
    pub fail_on: Option<Level>,
    /// Every check's level and help link, for SARIF rule metadata.
    pub checks: BTreeMap<CheckId, (Level, Option<String>)>,
    pub files: Vec<FileReport>,
    /// Silenced by directive comments.
    pub suppressed: usize,
    /// Recorded in the baseline.
    pub baselined: usize,
    /// Left out by --changed-lines.
    pub unchanged: usize,
    /// What --changed-lines compared with.
    pub base: Option<String>,
}

impl Report {
    fn all(&self) -> impl Iterator<Item = (&FileReport, &Located)> {
        self.files
            .iter()
            .flat_map(|f| f.findings.iter().map(move |l| (f, l)))
    }

    fn count(&self, level: Level) -> usize {
        self.all().filter(|(_, l)| l.finding.level == level).count()
    }

    fn failing(&self, l: &Located) -> bool {
        self.fail_on.is_some_and(|f| l.finding.level >= f)
    }

    pub fn is_empty(&self) -> bool {
        self.all().next().is_none()
    }

    /// True when a finding is at or above `fail_on`.
    pub fn fails(&self) -> bool {
        self.all().any(|(_, l)| self.failing(l))
    }

    /// "3 findings (1 error, 2 warnings) in 2 files; 1 suppressed"
    pub fn summary(&self) -> String {
        let n = self.all().count();
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut s = format!(
            "{} ({}, {}, {}) in {}",
            plural(n, "finding", "findings"),
            plural(self.count(Level::Error), "error", "errors"),
            plural(self.count(Level::Warning), "warning", "warnings"),
            plural(self.count(Level::Info), "info", "info"),
            plural(self.files.len(), "file", "files"),
        );
        for (k, what) in [
            (self.suppressed, "suppressed by comments"),
            (self.baselined, "in the baseline"),
            (self.unchanged, "on unchanged lines"),
        ] {
            if k > 0 {
                let _ = write!(s, "; {k} {what}");
            }
        }
        if let Some(base) = &self.base {
            let _ = write!(s, " (changes against {base})");
        }
        s
    }
}

pub fn render(format: OutputFormat, report: &Report) -> String {
    match format {
        OutputFormat::Line => line(report),
        OutputFormat::Json => json(report),
        OutputFormat::Sarif => sarif(report),
        OutputFormat::Github => github(report),
        OutputFormat::Checkstyle => checkstyle(report),
        OutputFormat::Junit => junit(report),
        OutputFormat::Table => table(report),
    }
}

fn line(report: &Report) -> String {
    let mut out = String::new();
    for (file, l) in report.all() {
        let f = &l.finding;
        let _ = writeln!(
            out,
            "{}:{}:{}: {} {}: {}",
            file.path, l.line, l.column, f.level, f.check, f.message
        );
    }
    out
}

#[derive(Serialize)]
struct JsonReport<'a> {
    schema: &'static str,
    version: &'static str,
    policy: &'a str,
    fail_on: Option<Level>,
    files: Vec<JsonFile<'a>>,
    summary: JsonSummary,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    findings: Vec<JsonFinding<'a>>,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'static str,
    level: Level,
    message: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    /// Byte range in the file; null for a finding about the whole document.
    span: Option<[usize; 2]>,
    /// `a3` or `u2`: the attribution or claim in `claimtrace analyze`.
    item: Option<&'a str>,
    subject: &'a str,
    fingerprint: &'a str,
    link: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    findings: usize,
    errors: usize,
    warnings: usize,
    info: usize,
    suppressed: usize,
    baselined: usize,
    unchanged: usize,
    failed: bool,
}

fn json(report: &Report) -> String {
    let out = JsonReport {
        schema: SCHEMA,
        version: env!("CARGO_PKG_VERSION"),
        policy: &report.policy,
        fail_on: report.fail_on,
        files: report
            .files
            .iter()
            .map(|file| JsonFile {
                path: &file.path,
                findings: file
                    .findings
                    .iter()
                    .map(|l| JsonFinding {
                        rule: l.finding.check.as_str(),
                        level: l.finding.level,
                        message: &l.finding.message,
                        line: l.line,
                        column: l.column,
                        end_line: l.end_line,
                        end_column: l.end_column,
                        span: l.finding.span.map(|s| [s.start, s.end]),
                        item: l.finding.item.as_deref(),
                        subject: &l.finding.subject,
                        fingerprint: &l.fingerprint,
                        link: l.finding.link.as_deref(),
                    })
                    .collect(),
            })
            .collect(),
        summary: JsonSummary {
            files: report.files.len(),
            findings: report.all().count(),
            errors: report.count(Level::Error),
            warnings: report.count(Level::Warning),
            info: report.count(Level::Info),
            suppressed: report.suppressed,
            baselined: report.baselined,
            unchanged: report.unchanged,
            failed: report.fails(),
        },
    };
    let mut s = serde_json::to_string_pretty(&out).expect("serialisable");
    s.push('\n');
    s
}

/// A relative path as a URI reference: `/`-separated, reserved and
/// non-ASCII bytes percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

fn sarif_level(level: Level) -> serde_sarif::sarif::ResultLevel {
    use serde_sarif::sarif::ResultLevel;
    match level {
        Level::Error => ResultLevel::Error,
        Level::Warning => ResultLevel::Warning,
        Level::Info => ResultLevel::Note,
        Level::Off => ResultLevel::None,
    }
}

fn sarif_config_level(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Info => "note",
        Level::Off => "none",
    }
}

fn sarif(report: &Report) -> String {
    use serde_sarif::sarif::{
        ArtifactLocation, Location, Message, MultiformatMessageString, PhysicalLocation, Region,
        ReportingConfiguration, ReportingDescriptor, Result as SarifResult, Run, Sarif, Tool,
        ToolComponent,
    };
    let rules: Vec<ReportingDescriptor> = CheckId::ALL
        .iter()
        .map(|&id| {
            let (level, link) = report
                .checks
                .get(&id)
                .cloned()
                .unwrap_or((Level::Off, None));
            let help = format!(
                "{} Configure it under `checks: {}:` in .claimtrace.yaml; silence one place with `<!-- claimtrace-disable-next-line {} -->`.",
                id.description(),
                id.as_str(),
                id.as_str()
            );
            let config = ReportingConfiguration::builder()
                .enabled(level != Level::Off)
                .level(serde_json::Value::from(sarif_config_level(level)))
                .build();
            let base = ReportingDescriptor::builder()
                .id(id.as_str())
                .name(camel(id.as_str()))
                .short_description(MultiformatMessageString::builder().text(id.title()).build())
                .full_description(
                    MultiformatMessageString::builder()
                        .text(id.description())
                        .build(),
                )
                .help(MultiformatMessageString::builder().text(help).build())
                .default_configuration(config);
            match link {
                Some(l) => base.help_uri(l).build(),
                None => base.build(),
            }
        })
        .collect();
    let results: Vec<SarifResult> = report
        .all()
        .map(|(file, l)| {
            let f = &l.finding;
            let region = Region::builder()
                .start_line(l.line as i64)
                .start_column(l.column as i64)
                .end_line(l.end_line as i64)
                .end_column(l.end_column.max(if l.end_line == l.line {
                    l.column + 1
                } else {
                    1
                }) as i64)
                .build();
            let location = Location::builder()
                .physical_location(
                    PhysicalLocation::builder()
                        .artifact_location(
                            ArtifactLocation::builder()
                                .uri(uri(&file.path))
                                .uri_base_id("%SRCROOT%")
                                .build(),
                        )
                        .region(region)
                        .build(),
                )
                .build();
            let index = CheckId::ALL.iter().position(|c| *c == f.check).unwrap_or(0);
            let mut fingerprints = BTreeMap::new();
            fingerprints.insert("claimtrace/v1".to_string(), l.fingerprint.clone());
            SarifResult::builder()
                .rule_id(f.check.as_str())
                .rule_index(index as i64)
                .level(sarif_level(f.level))
                .message(Message::builder().text(f.message.clone()).build())
                .locations(vec![location])
                .partial_fingerprints(fingerprints)
                .build()
        })
        .collect();
    let driver = ToolComponent::builder()
        .name("claimtrace")
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .rules(rules)
        .build();
    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .results(results)
        .column_kind(serde_json::Value::from("unicodeCodePoints"))
        .build();
    let log = Sarif::builder()
        .schema("https://json.schemastore.org/sarif-2.1.0.json")
        .version(serde_json::Value::from("2.1.0"))
        .runs(vec![run])
        .build();
    let mut s = serde_json::to_string_pretty(&log).expect("serialisable");
    s.push('\n');
    s
}

/// `vague-source` → `VagueSource` (SARIF's rule name).
fn camel(id: &str) -> String {
    id.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// Escapes a workflow-command message.
fn gh_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow-command property value.
fn gh_property(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn github(report: &Report) -> String {
    let mut all: Vec<_> = report.all().collect();
    // The most serious first, so the limit drops information, not errors.
    all.sort_by_key(|(_, l)| std::cmp::Reverse(l.finding.level));
    let mut out = String::new();
    for (file, l) in all.iter().take(GITHUB_LIMIT) {
        let f = &l.finding;
        let command = match f.level {
            Level::Error => "error",
            Level::Warning => "warning",
            _ => "notice",
        };
        let mut message = f.message.clone();
        if let Some(link) = &f.link {
            let _ = write!(message, " ({link})");
        }
        let _ = writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            gh_property(&file.path),
            l.line,
            l.column,
            l.end_line,
            l.end_column,
            gh_property(&format!("claimtrace {}", f.check)),
            gh_data(&message)
        );
    }
    if all.len() > GITHUB_LIMIT {
        let _ = writeln!(
            out,
            "::notice title=claimtrace::{} more findings not annotated (GitHub shows the first {GITHUB_LIMIT}); run with --format line or sarif for all",
            all.len() - GITHUB_LIMIT
        );
    }
    let _ = writeln!(out, "claimtrace: {}", report.summary());
    out
}

/// Escapes text for an XML attribute value.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            // Characters XML 1.0 cannot carry.
            c if (c as u32) < 0x20 => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

fn checkstyle(report: &Report) -> String {
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n");
    for file in &report.files {
        if file.findings.is_empty() {
            let _ = writeln!(out, "  <file name=\"{}\"/>", xml(&file.path));
            continue;
        }
        let _ = writeln!(out, "  <file name=\"{}\">", xml(&file.path));
        for l in &file.findings {
            let f = &l.finding;
            let _ = writeln!(
                out,
                "    <error line=\"{}\" column=\"{}\" severity=\"{}\" message=\"{}\" source=\"claimtrace.{}\"/>",
                l.line,
                l.column,
                f.level,
                xml(&f.message),
                f.check
            );
        }
        out.push_str("  </file>\n");
    }
    out.push_str("</checkstyle>\n");
    out
}

fn junit(report: &Report) -> String {
    use quick_junit::{NonSuccessKind, Report as JReport, TestCase, TestCaseStatus, TestSuite};
    let mut j = JReport::new("claimtrace");
    for file in &report.files {
        let mut suite = TestSuite::new(file.path.as_str());
        if file.findings.is_empty() {
            let mut case = TestCase::new("claimtrace", TestCaseStatus::success());
            case.set_classname(file.path.as_str());
            suite.add_test_case(case);
        }
        for l in &file.findings {
            let f = &l.finding;
            let name = format!("{} {}:{}", f.check, l.line, l.column);
            let detail = format!(
                "{}:{}:{}: {} {}: {}",
                file.path, l.line, l.column, f.level, f.check, f.message
            );
            let mut case = if report.failing(l) {
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                status.set_message(f.message.as_str());
                status.set_type(f.level.as_str());
                status.set_description(detail);
                TestCase::new(name, status)
            } else {
                let mut case = TestCase::new(name, TestCaseStatus::success());
                case.set_system_out(detail);
                case
            };
            case.set_classname(file.path.as_str());
            suite.add_test_case(case);
        }
        j.add_test_suite(suite);
    }
    j.to_string().expect("serialisable")
}

fn table(report: &Report) -> String {
    use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
    let mut out = String::new();
    for file in report.files.iter().filter(|f| !f.findings.is_empty()) {
        let mut t = Table::new();
        t.load_style(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(140)
            .set_header(["at", "level", "check", "message"]);
        for l in &file.findings {
            let f = &l.finding;
            t.add_row([
                format!("{}:{}", l.line, l.column),
                f.level.to_string(),
                f.check.to_string(),
                f.message.clone(),
            ]);
        }
        let _ = writeln!(out, "{}\n{t}", file.path);
    }
    let _ = writeln!(out, "{}", report.summary());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(uri("news/my file.md"), "news/my%20file.md");
        assert_eq!(gh_property("a,b:c%"), "a%2Cb%3Ac%25");
        assert_eq!(gh_data("x\ny"), "x%0Ay");
        assert_eq!(xml("a<\"b\">&"), "a&lt;&quot;b&quot;&gt;&amp;");
        assert_eq!(camel("vague-source"), "VagueSource");
    }
}
