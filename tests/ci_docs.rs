//! docs/ci.md as written: its code blocks (the baseline commands, the
//! GitHub Actions workflow's check steps, the pre-commit hook and the
//! pre-commit framework's entry) run on a git repository made here, with
//! the claimtrace under test first on the `PATH`.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The fenced code blocks of a Markdown file: (info string, body), each
/// body dedented by its fence's indentation.
fn code_blocks(markdown: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    for line in markdown.lines() {
        let indent = line.len() - line.trim_start().len();
        let trimmed = line.trim_start();
        match &mut open {
            None => {
                if let Some(info) = trimmed.strip_prefix("```") {
                    open = Some((indent, info.trim().to_string(), String::new()));
                }
            }
            Some((fence_indent, info, body)) => {
                if trimmed == "```" {
                    out.push((std::mem::take(info), std::mem::take(body)));
                    open = None;
                } else {
                    body.push_str(line.get(*fence_indent..).unwrap_or(line.trim_start()));
                    body.push('\n');
                }
            }
        }
    }
    out
}

fn ci_doc_block(what: &str, wanted: impl Fn(&str, &str) -> bool) -> String {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/ci.md"))
        .expect("docs/ci.md");
    let found: Vec<String> = code_blocks(&doc)
        .into_iter()
        .filter(|(info, body)| wanted(info, body))
        .map(|(_, body)| body)
        .collect();
    assert_eq!(found.len(), 1, "one {what} block in docs/ci.md");
    found.into_iter().next().unwrap()
}

#[derive(Deserialize)]
struct Workflow {
    jobs: BTreeMap<String, Job>,
}

#[derive(Deserialize)]
struct Job {
    steps: Vec<Step>,
}

#[derive(Deserialize)]
struct Step {
    name: Option<String>,
    run: Option<String>,
}

#[derive(Deserialize)]
struct PreCommitConfig {
    repos: Vec<PreCommitRepo>,
}

#[derive(Deserialize)]
struct PreCommitRepo {
    hooks: Vec<PreCommitHook>,
}

#[derive(Deserialize)]
struct PreCommitHook {
    entry: String,
}

/// A repository with the claimtrace under test on the `PATH` and git
/// isolated from the machine's configuration.
struct Repo {
    dir: PathBuf,
    path: String,
}

struct Ran {
    code: i32,
    out: String,
    err: String,
}

impl From<Output> for Ran {
    fn from(o: Output) -> Ran {
        Ran {
            code: o.status.code().unwrap_or(-1),
            out: String::from_utf8_lossy(&o.stdout).into_owned(),
            err: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

impl Repo {
    fn new(name: &str) -> Repo {
        let dir = std::env::temp_dir().join(format!("claimtrace-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let bin = Path::new(env!("CARGO_BIN_EXE_claimtrace"))
            .parent()
            .unwrap();
        let path = format!(
            "{}:{}",
            bin.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let repo = Repo { dir, path };
        repo.git(&["init", "-q", "-b", "main"]);
        repo.git(&["config", "user.name", "Test"]);
        repo.git(&["config", "user.email", "test@example.org"]);
        repo.git(&["config", "commit.gpgsign", "false"]);
        repo
    }

    fn command(&self, program: &str) -> Command {
        let mut c = Command::new(program);
        c.current_dir(&self.dir)
            .env("PATH", &self.path)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1");
        // When the tests themselves run from a git hook, these point at
        // the outer repository.
        for var in ["GIT_DIR", "GIT_INDEX_FILE", "GIT_WORK_TREE"] {
            c.env_remove(var);
        }
        c
    }

    fn git(&self, args: &[&str]) -> Ran {
        let r: Ran = self.command("git").args(args).output().unwrap().into();
        assert!(
            r.code == 0 || args[0] == "commit",
            "git {args:?}: {}",
            r.err
        );
        r
    }

    /// A workflow `run:` script as GitHub runs it (bash, -e, pipefail),
    /// on a pull request into `main`.
    fn bash(&self, script: &str) -> Ran {
        self.command("bash")
            .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", script])
            .env("GITHUB_BASE_REF", "main")
            .output()
            .unwrap()
            .into()
    }

    fn write(&self, path: &str, text: &str) {
        let p = self.dir.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
}

const POLICY: &str = "\
# Only what the test is about.
extends: none
checks:
  vague-source:
    level: warning
  loaded-cue-verb:
    level: error
";

const ARTICLE: &str = "\
# Port strike

Analysts say the strike will cost millions.

Port director Lena Berg said the talks would resume on Friday.
";

const EDITED: &str = "\
# Port strike

Critics argue the union has gone too far.

Analysts say the strike will cost millions.

Port director Lena Berg said the talks would resume on Friday.

The company claimed the figures were wrong.
";

#[test]
fn the_commands_of_docs_ci_md_on_a_git_repository() {
    let baseline_commands = ci_doc_block("baseline", |info, body| {
        info == "sh" && body.contains("--write-baseline")
    });
    let workflow: Workflow = serde_saphyr::from_str(&ci_doc_block("workflow", |info, body| {
        info == "yaml" && body.contains("jobs:")
    }))
    .expect("the workflow is YAML");
    let checks: Vec<(String, String)> = workflow
        .jobs
        .values()
        .flat_map(|j| &j.steps)
        .filter_map(|s| Some((s.name.clone()?, s.run.clone()?)))
        .filter(|(_, run)| run.contains("claimtrace check"))
        .collect();
    assert_eq!(checks.len(), 2, "the SARIF step and the annotation step");
    let (sarif_step, annotate_step) = (&checks[0].1, &checks[1].1);
    assert!(sarif_step.contains("--format sarif"), "{sarif_step}");
    assert!(annotate_step.contains("--format github"), "{annotate_step}");
    let hook = ci_doc_block("hook", |info, body| {
        info == "sh" && body.starts_with("#!/bin/sh")
    });
    let framework: PreCommitConfig =
        serde_saphyr::from_str(&ci_doc_block("pre-commit framework", |info, body| {
            info == "yaml" && body.contains("repos:")
        }))
        .expect("the pre-commit configuration is YAML");
    let entry: Vec<String> = framework.repos[0].hooks[0]
        .entry
        .split_whitespace()
        .map(str::to_string)
        .collect();

    // main: the policy and an article with one vague source, recorded in
    // the baseline with the documented commands.
    let repo = Repo::new("ci-docs");
    repo.write(".claimtrace.yaml", POLICY);
    repo.write("news/strike.md", ARTICLE);
    let r = repo.bash(&baseline_commands);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.err.contains("wrote 1 finding"), "{}", r.err);
    repo.git(&["add", "."]);
    repo.git(&["commit", "-q", "-m", "article and baseline"]);
    // What actions/checkout with fetch-depth 0 gives a pull request.
    repo.git(&["update-ref", "refs/remotes/origin/main", "main"]);

    // A pull request: a vague source above the recorded one (which moves
    // from line 3 to 5) and a loaded verb, an error, at the end.
    repo.git(&["checkout", "-q", "-b", "edit"]);
    repo.write("news/strike.md", EDITED);
    repo.git(&["commit", "-q", "-am", "edit"]);

    // The check step: the SARIF file has the two new findings, the log
    // lists them, and the error fails the job.
    let r = repo.bash(sarif_step);
    assert_eq!(r.code, 1, "{}{}", r.out, r.err);
    let lines: Vec<&str> = r.out.lines().collect();
    assert_eq!(lines.len(), 2, "{}", r.out);
    assert!(
        lines[0].starts_with("news/strike.md:3:1: warning vague-source: "),
        "{}",
        r.out
    );
    assert!(
        lines[1].starts_with("news/strike.md:9:13: error loaded-cue-verb: "),
        "{}",
        r.out
    );
    assert!(r.err.contains("1 in the baseline"), "{}", r.err);
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo.dir.join("claimtrace.sarif")).unwrap())
            .unwrap();
    let results: Vec<(String, u64, String)> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let at = &r["locations"][0]["physicalLocation"];
            (
                r["ruleId"].as_str().unwrap().to_string(),
                at["region"]["startLine"].as_u64().unwrap(),
                at["artifactLocation"]["uri"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        results,
        [
            ("vague-source".into(), 3, "news/strike.md".into()),
            ("loaded-cue-verb".into(), 9, "news/strike.md".into())
        ]
    );

    // The annotation step never fails the job and annotates the same two.
    let r = repo.bash(annotate_step);
    assert_eq!(r.code, 0, "{}{}", r.out, r.err);
    assert!(
        r.out
            .contains("::error file=news/strike.md,line=9,col=13,endLine=9,endColumn=20,"),
        "{}",
        r.out
    );
    assert!(
        r.out
            .contains("::warning file=news/strike.md,line=3,col=1,"),
        "{}",
        r.out
    );
    assert!(!r.out.contains("line=5,"), "{}", r.out);

    // Unchanged lines stay quiet without the baseline too: the recorded
    // finding is on a line the pull request did not touch.
    let r = repo.bash(&sarif_step.replace("--baseline .claimtrace-baseline.json", ""));
    assert_eq!(r.code, 1);
    assert_eq!(r.out.lines().count(), 2, "{}", r.out);
    assert!(r.err.contains("on unchanged lines"), "{}", r.err);

    // A broken policy fails the step with exit 2 and its position.
    repo.write(
        ".claimtrace.yaml",
        "checks:\n  vague-source:\n    level: fatal\n",
    );
    let r = repo.bash(sarif_step);
    assert_eq!(r.code, 2);
    assert!(r.err.contains(".claimtrace.yaml:3:"), "{}", r.err);
    repo.write(".claimtrace.yaml", POLICY);

    // The fix: only the warning is left, and the job passes.
    repo.write(
        "news/strike.md",
        &EDITED.replace("company claimed", "company said"),
    );
    repo.git(&["commit", "-q", "-am", "fix"]);
    let r = repo.bash(sarif_step);
    assert_eq!(r.code, 0, "{}{}", r.out, r.err);
    assert_eq!(r.out.lines().count(), 1, "{}", r.out);

    // The pre-commit hook, as documented, run by git commit: an error in
    // a staged article (its name has a space) blocks the commit.
    let hook_path = repo.dir.join(".git/hooks/pre-commit");
    std::fs::write(&hook_path, &hook).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&hook_path, std::fs::Permissions::from_mode(0o755)).unwrap();
    repo.write(
        "news/new story.md",
        "The company claimed the plan had failed.\n",
    );
    repo.git(&["add", "news/new story.md"]);
    let r = repo.git(&["commit", "-q", "-m", "new story"]);
    assert_ne!(r.code, 0, "the hook blocks the commit");
    let said = format!("{}{}", r.out, r.err);
    assert!(
        said.contains("news/new story.md:1:13: error loaded-cue-verb"),
        "{said}"
    );
    // Warnings do not block it; the commit goes through.
    repo.write("news/new story.md", "Analysts say the plan had failed.\n");
    repo.git(&["add", "news/new story.md"]);
    let r = repo.git(&["commit", "-q", "-m", "new story"]);
    assert_eq!(r.code, 0, "{}{}", r.out, r.err);
    // (git shows a hook's output on standard error)
    assert!(
        r.err
            .contains("news/new story.md:1:1: warning vague-source"),
        "{}",
        r.err
    );
    // A commit with no article does not run the check.
    repo.write("notes.rs", "// The company claimed it.\n");
    repo.git(&["add", "notes.rs"]);
    let r = repo.git(&["commit", "-q", "-m", "notes"]);
    assert_eq!(r.code, 0, "{}", r.err);

    // The pre-commit framework runs its entry with the staged file names.
    let run_entry = |files: &[&str]| -> Ran {
        repo.command(&entry[0])
            .args(&entry[1..])
            .args(files)
            .output()
            .unwrap()
            .into()
    };
    assert_eq!(run_entry(&["news/strike.md"]).code, 0);
    repo.write("news/other.md", "The minister claimed the port was safe.\n");
    assert_eq!(run_entry(&["news/strike.md", "news/other.md"]).code, 1);
}

#[test]
fn code_blocks_are_read_with_their_indentation_removed() {
    let md = "Text\n\n1. Item:\n\n   ```sh\n   one\n     two\n   ```\n\n```yaml\nx: 1\n```\n";
    assert_eq!(
        code_blocks(md),
        [
            ("sh".to_string(), "one\n  two\n".to_string()),
            ("yaml".to_string(), "x: 1\n".to_string())
        ]
    );
}
