//! `claimtrace check` end to end: a small git repository with an article
//! committed and then edited (baseline, --changed-lines, SARIF); the exit
//! code matrix, --output, policy files and their errors, excludes,
//! directives, bad inputs, and `analyze` on Markdown and HTML. The command
//! lines of docs/ci.md themselves run in tests/ci_docs.rs.

use std::path::{Path, PathBuf};
use std::process::Command;

struct Run {
    code: i32,
    out: String,
    err: String,
}

fn claimtrace(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_claimtrace"))
        .args(args)
        .current_dir(dir)
        .env_remove("GIT_DIR")
        .env_remove("GIT_INDEX_FILE")
        .env_remove("GIT_WORK_TREE")
        .output()
        .expect("runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        out: String::from_utf8_lossy(&out.stdout).into_owned(),
        err: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env_remove("GIT_DIR")
        .env_remove("GIT_INDEX_FILE")
        .env_remove("GIT_WORK_TREE")
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("claimtrace-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// (rule, line) of every finding in a JSON report.
fn findings(json: &str) -> Vec<(String, u64)> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"));
    v["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["findings"].as_array().unwrap().clone())
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect()
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
fn a_git_repository_article_committed_then_edited() {
    let dir = temp_dir("repo");
    std::fs::create_dir_all(dir.join("news")).unwrap();
    std::fs::write(dir.join(".claimtrace.yaml"), POLICY).unwrap();
    std::fs::write(dir.join("news/strike.md"), ARTICLE).unwrap();
    git(&dir, &["init", "-q"]);
    git(&dir, &["add", "."]);
    git(&dir, &["commit", "-q", "-m", "article"]);

    // The committed article: one vague source, a warning; exit 0 unless
    // warnings fail.
    let r = claimtrace(&dir, &["check", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(findings(&r.out), [("vague-source".into(), 3)]);
    let r = claimtrace(&dir, &["check", "--fail-on", "warning"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.out,
        "news/strike.md:3:1: warning vague-source: vague source “Analysts”: say who\n"
    );

    // Record today's findings.
    let r = claimtrace(&dir, &["check", "--write-baseline"]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.err.contains("wrote 1 finding"), "{}", r.err);
    let baseline = std::fs::read_to_string(dir.join(".claimtrace-baseline.json")).unwrap();
    assert!(
        baseline.contains("\"schema\": \"claimtrace-baseline/1\""),
        "{baseline}"
    );
    assert!(
        baseline.contains("\"path\": \"news/strike.md\""),
        "{baseline}"
    );

    // Edit on a branch: a new vague source above the old one (which moves
    // down two lines) and a loaded verb at the end.
    git(&dir, &["checkout", "-q", "-b", "edit"]);
    std::fs::write(dir.join("news/strike.md"), EDITED).unwrap();
    git(&dir, &["commit", "-q", "-am", "edit"]);

    let r = claimtrace(&dir, &["check", "--format", "json"]);
    assert_eq!(r.code, 1, "the loaded verb is an error");
    assert_eq!(
        findings(&r.out),
        [
            ("vague-source".into(), 3),
            ("vague-source".into(), 5),
            ("loaded-cue-verb".into(), 9)
        ]
    );

    // The baseline hides the old finding though its line moved.
    let r = claimtrace(
        &dir,
        &[
            "check",
            "--baseline",
            ".claimtrace-baseline.json",
            "--format",
            "json",
        ],
    );
    assert_eq!(
        findings(&r.out),
        [("vague-source".into(), 3), ("loaded-cue-verb".into(), 9)]
    );
    let v: serde_json::Value = serde_json::from_str(&r.out).unwrap();
    assert_eq!(v["summary"]["baselined"], 1);

    // --changed-lines against main: only the added lines 3 and 9.
    let r = claimtrace(
        &dir,
        &[
            "check",
            "--changed-lines",
            "--base",
            "main",
            "--format",
            "json",
        ],
    );
    assert_eq!(r.code, 1, "{}", r.err);
    assert_eq!(
        findings(&r.out),
        [("vague-source".into(), 3), ("loaded-cue-verb".into(), 9)]
    );
    // The default base is main here (no origin).
    let r = claimtrace(&dir, &["check", "--changed-lines", "--format", "json"]);
    assert_eq!(r.code, 1, "{}", r.err);
    assert_eq!(findings(&r.out).len(), 2);

    // The CI command line of docs/ci.md: SARIF for code scanning, exit 1
    // on the error.
    let r = claimtrace(
        &dir,
        &[
            "check",
            "--changed-lines",
            "--base",
            "main",
            "--format",
            "sarif",
        ],
    );
    assert_eq!(r.code, 1);
    let sarif: serde_json::Value = serde_json::from_str(&r.out).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "news/strike.md"
    );

    // Fix the loaded verb: the check passes at the default --fail-on.
    std::fs::write(
        dir.join("news/strike.md"),
        EDITED.replace("claimed", "said"),
    )
    .unwrap();
    let r = claimtrace(
        &dir,
        &[
            "check",
            "--changed-lines",
            "--base",
            "main",
            "--baseline",
            ".claimtrace-baseline.json",
        ],
    );
    assert_eq!(r.code, 0, "{}{}", r.out, r.err);
    assert_eq!(
        r.out,
        "news/strike.md:3:1: warning vague-source: vague source “Critics”: say who\n"
    );

    // An untracked article is new throughout.
    std::fs::write(
        dir.join("news/new.md"),
        "Experts say the port will close.\n",
    )
    .unwrap();
    let r = claimtrace(
        &dir,
        &["check", "--changed-lines", "--base", "main", "news/new.md"],
    );
    assert_eq!(
        r.out,
        "news/new.md:1:1: warning vague-source: vague source “Experts”: say who\n"
    );

    // A base that does not exist is a usage error.
    let r = claimtrace(&dir, &["check", "--changed-lines", "--base", "nope"]);
    assert_eq!(r.code, 2);
    assert!(r.err.contains("--base"), "{}", r.err);
}

#[test]
fn changed_lines_outside_git_is_an_error() {
    let dir = temp_dir("nogit");
    std::fs::write(dir.join("a.txt"), "Analysts say it will fail.\n").unwrap();
    let r = claimtrace(&dir, &["check", "--changed-lines", "a.txt"]);
    assert_eq!(r.code, 2);
    assert!(r.err.contains("git repository"), "{}", r.err);
}

#[test]
fn a_malformed_policy_names_file_line_column_and_the_choices() {
    let dir = temp_dir("badpolicy");
    std::fs::write(dir.join("a.txt"), "Analysts say it will fail.\n").unwrap();
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/policies.md"))
            .unwrap();
    // Each policy and the error docs/policies.md shows for it, as printed.
    for policy in [
        "checks:\n  vague-source:\n    level: fatal\n",
        "checks:\n  vage-source: {}\n",
        "checks:\n  vague-source:\n    max: 0.3\n",
        "checkz: {}\n",
        "checks:\n  words-to-watch:\n    words: so-called\n",
        "extends: strictest\n",
        "checks:\n  max-unattributed-share:\n    max: 30\n",
    ] {
        std::fs::write(dir.join(".claimtrace.yaml"), policy).unwrap();
        let r = claimtrace(&dir, &["check", "a.txt"]);
        assert_eq!(r.code, 2, "{policy}");
        assert_eq!(r.out, "");
        let line = r.err.trim_end();
        assert!(
            line.starts_with("claimtrace: error: .claimtrace.yaml:"),
            "{line}"
        );
        assert!(
            doc.lines().any(|l| l == line),
            "docs/policies.md does not show:\n{line}"
        );
    }
    // --config names the file to use; its name is as given.
    std::fs::write(dir.join("ok.yaml"), "extends: none\ncheckz: {}\n").unwrap();
    let r = claimtrace(&dir, &["check", "--config", "ok.yaml", "a.txt"]);
    assert_eq!(r.code, 2);
    assert!(
        r.err
            .starts_with("claimtrace: error: ok.yaml:2:1: unknown field `checkz`"),
        "{}",
        r.err
    );
    // A policy found in a parent directory is named by its full path.
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join(".claimtrace.yaml"), "fail_on: sometimes\n").unwrap();
    let r = claimtrace(&dir.join("sub"), &["check", "../a.txt"]);
    assert_eq!(r.code, 2);
    let expected = format!(
        "claimtrace: error: {}:1:10: unknown variant `sometimes`, expected one of off, info, warning, error",
        dir.join(".claimtrace.yaml").display()
    );
    assert_eq!(r.err.trim_end(), expected);
}

#[test]
fn policy_is_found_upwards_and_applies_its_excludes_rules_and_fail_on() {
    let dir = temp_dir("upwards");
    std::fs::create_dir_all(dir.join("news/drafts")).unwrap();
    std::fs::write(
        dir.join(".claimtrace.yaml"),
        "extends: strict\nexclude: [drafts/]\nfail_on: error\nrules: rules.yaml\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("rules.yaml"),
        "extends: default\ncues:\n  opine:\n    class: verb\n    tone: loaded\n    forms: [opined]\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("news/a.txt"),
        "The newspaper opined that the law was unjust.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("news/drafts/b.txt"),
        "Analysts say it will fail.\n",
    )
    .unwrap();
    // Run from a subdirectory: the policy is found above it.
    let r = claimtrace(&dir.join("news"), &["check", "--format", "json"]);
    assert_eq!(
        r.code, 0,
        "loaded verbs are warnings in strict; fail_on error: {}",
        r.err
    );
    assert_eq!(findings(&r.out), [("loaded-cue-verb".into(), 1)]);
    // The command line's --fail-on wins.
    let r = claimtrace(&dir.join("news"), &["check", "--fail-on", "warning"]);
    assert_eq!(r.code, 1);
    // A built-in policy instead of the file.
    let r = claimtrace(
        &dir.join("news"),
        &["check", "--policy", "default", "drafts/b.txt"],
    );
    assert!(r.out.contains("vague-source"), "{}", r.out);
}

#[test]
fn directives_silence_findings_and_unknown_ids_are_warned_about() {
    let dir = temp_dir("directives");
    std::fs::write(
        dir.join("a.md"),
        "Analysts say it will fail.\n\n<!-- claimtrace-disable-next-line vague-source -->\nCritics say it will fail.\n\n<!-- claimtrace-disable vage-source -->\n",
    )
    .unwrap();
    let r = claimtrace(&dir, &["check", "--policy", "default", "a.md"]);
    assert_eq!(r.code, 0);
    assert_eq!(
        r.out,
        "a.md:1:1: warning vague-source: vague source “Analysts”: say who\n"
    );
    assert!(
        r.err.contains("a.md:6:1: unknown check `vage-source`"),
        "{}",
        r.err
    );
    assert!(r.err.contains("1 suppressed by comments"), "{}", r.err);
}

#[test]
fn one_bad_file_does_not_lose_the_others() {
    let dir = temp_dir("badinput");
    std::fs::write(dir.join("bad.txt"), b"Officials said \xff the plan failed.").unwrap();
    std::fs::write(dir.join("good.txt"), "Analysts say it will fail.\n").unwrap();
    let r = claimtrace(
        &dir,
        &["check", "--policy", "default", "bad.txt", "good.txt"],
    );
    assert_eq!(r.code, 2);
    assert!(r.err.contains("bad.txt:1:16: invalid UTF-8"), "{}", r.err);
    assert!(
        r.out.contains("good.txt:1:1: warning vague-source"),
        "{}",
        r.out
    );
}

#[test]
fn directories_are_walked_honouring_gitignore() {
    let dir = temp_dir("walk");
    std::fs::create_dir_all(dir.join("site")).unwrap();
    std::fs::write(dir.join(".gitignore"), "site/\n").unwrap();
    std::fs::write(
        dir.join("site/page.html"),
        "<p>Analysts say it will fail.</p>",
    )
    .unwrap();
    std::fs::write(dir.join("story.html"), "<p>Experts say it will fail.</p>").unwrap();
    std::fs::write(dir.join("notes.rs"), "// Critics say it will fail.").unwrap();
    let r = claimtrace(&dir, &["check", "--policy", "default"]);
    assert_eq!(
        r.out,
        "story.html:1:4: warning vague-source: vague source “Experts”: say who\n"
    );
}

#[test]
fn analyze_reads_markdown_prose_with_file_positions() {
    let dir = temp_dir("analyze-md");
    let text = "---\ntitle: x\n---\n\n```\nAnalysts say code.\n```\n\n*Critics* say the [plan](https://x.test) will fail.\n";
    std::fs::write(dir.join("a.md"), text).unwrap();
    let r = claimtrace(&dir, &["analyze", "--format", "json", "a.md"]);
    assert_eq!(r.code, 0, "{}", r.err);
    let v: serde_json::Value = serde_json::from_str(&r.out).unwrap();
    let a = &v["documents"][0]["attributions"];
    assert_eq!(a.as_array().unwrap().len(), 1, "{a}");
    assert_eq!(a[0]["source"]["text"], "Critics");
    assert_eq!(a[0]["source"]["line"], 9);
    assert_eq!(a[0]["content"]["text"], "the plan will fail");
    let span = &a[0]["source"]["spans"][0];
    let (s, e) = (
        span[0].as_u64().unwrap() as usize,
        span[1].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[s..e], "Critics");
}

#[test]
fn html_findings_land_on_their_line_and_column() {
    let dir = temp_dir("html-positions");
    // Entities, multi-byte characters, CRLF line ends, an implied `</p>`
    // and a misnested `<b>` before the findings: columns count the file's
    // characters (`&nbsp;` is six, `Å` one).
    let page = "<!doctype html>\n<html><head><title>Analysts say titles are not prose</title></head><body>\n\
        <nav>Experts say menus are not prose</nav>\n<article>\n<h1>Caf&eacute; “strike” &mdash; day two</h1>\n\
        <p>Åsa&nbsp;Lind&rsquo;s café&#8212;closed. Analysts say the strike will last.\r\n\
        <p>The <b>company <i>claimed</b> the</i> figures&hellip; were wrong.\r\nIt is believed that talks will resume.</p>\n\
        </article><footer>Critics say footers are not prose.</footer></body></html>\n";
    std::fs::write(dir.join("a.html"), page).unwrap();
    let r = claimtrace(
        &dir,
        &[
            "check",
            "--policy",
            "strict",
            "--fail-on",
            "never",
            "--format",
            "json",
            "a.html",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.err);
    let v: serde_json::Value = serde_json::from_str(&r.out).unwrap();
    let at: Vec<(String, u64, u64, u64)> = v["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| !f["span"].is_null())
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["end_column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        at,
        [
            ("vague-source".to_string(), 6, 45, 53),
            ("loaded-cue-verb".to_string(), 7, 22, 29),
            ("agentless-attribution".to_string(), 8, 4, 15),
        ]
    );
    // The spans are the file's bytes.
    for f in v["files"][0]["findings"].as_array().unwrap() {
        if let Some(span) = f["span"].as_array() {
            let (s, e) = (span[0].as_u64().unwrap(), span[1].as_u64().unwrap());
            let text = &page[s as usize..e as usize];
            assert!(
                ["Analysts", "claimed", "is believed"].contains(&text),
                "{text}"
            );
        }
    }
}

#[test]
fn exit_codes_follow_fail_on_and_errors() {
    let dir = temp_dir("exit-codes");
    // One warning (vague source) and one info (loaded verb) under this
    // policy.
    std::fs::write(
        dir.join(".claimtrace.yaml"),
        "extends: none\nchecks:\n  vague-source:\n    level: warning\n  loaded-cue-verb:\n    level: info\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("a.txt"),
        "Analysts say the plan will fail.\n\nThe company claimed the figures were wrong.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("clean.txt"),
        "Port director Lena Berg said the talks would resume.\n",
    )
    .unwrap();
    let code = |args: &[&str]| claimtrace(&dir, args).code;
    assert_eq!(code(&["check", "a.txt"]), 0, "default --fail-on error");
    assert_eq!(code(&["check", "--fail-on", "error", "a.txt"]), 0);
    assert_eq!(code(&["check", "--fail-on", "warning", "a.txt"]), 1);
    assert_eq!(code(&["check", "--fail-on", "info", "a.txt"]), 1);
    assert_eq!(code(&["check", "--fail-on", "never", "a.txt"]), 0);
    assert_eq!(code(&["check", "--fail-on", "info", "clean.txt"]), 0);
    // The policy's fail_on applies unless the command line gives one.
    std::fs::write(
        dir.join("warn.yaml"),
        "extends: none\nfail_on: warning\nchecks:\n  vague-source:\n    level: warning\n",
    )
    .unwrap();
    assert_eq!(code(&["check", "--config", "warn.yaml", "a.txt"]), 1);
    assert_eq!(
        code(&[
            "check",
            "--config",
            "warn.yaml",
            "--fail-on",
            "error",
            "a.txt"
        ]),
        0
    );
    // Usage, configuration and input errors are 2.
    for args in [
        &["check", "--no-such-flag"][..],
        &["check", "--fail-on", "fatal", "a.txt"],
        &["check", "--format", "xml", "a.txt"],
        &["check", "--config", "missing.yaml", "a.txt"],
        &["check", "--baseline", "missing.json", "a.txt"],
        &["check", "missing.txt"],
        &["check", "--write-baseline", "--output", "x.json", "a.txt"],
        &["check", "--base", "main", "a.txt"],
    ] {
        let r = claimtrace(&dir, args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.err);
        assert!(!r.err.is_empty(), "{args:?} says why");
    }
    std::fs::write(
        dir.join("bad.json"),
        "{\"schema\": \"claimtrace-baseline/1\",\n \"findings\": 3}\n",
    )
    .unwrap();
    let r = claimtrace(&dir, &["check", "--baseline", "bad.json", "a.txt"]);
    assert_eq!(r.code, 2);
    assert!(r.err.contains("bad.json:2:"), "{}", r.err);
}

#[test]
fn output_writes_the_report_to_a_file_and_lists_findings() {
    let dir = temp_dir("output");
    std::fs::write(dir.join("a.txt"), "Analysts say the plan will fail.\n").unwrap();
    let r = claimtrace(
        &dir,
        &[
            "check",
            "--policy",
            "default",
            "--fail-on",
            "warning",
            "--format",
            "sarif",
            "-o",
            "out.sarif",
            "a.txt",
        ],
    );
    assert_eq!(r.code, 1, "the exit code does not depend on --output");
    assert_eq!(
        r.out,
        "a.txt:1:1: warning vague-source: vague source “Analysts”: say who\n"
    );
    assert!(r.err.contains("1 finding"), "{}", r.err);
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("out.sarif")).unwrap()).unwrap();
    assert_eq!(sarif["runs"][0]["results"][0]["ruleId"], "vague-source");
    // In the line format the file is the whole report.
    let r = claimtrace(
        &dir,
        &[
            "check", "--policy", "default", "--output", "out.txt", "a.txt",
        ],
    );
    assert_eq!(r.code, 0);
    assert_eq!(r.out, "");
    assert_eq!(
        std::fs::read_to_string(dir.join("out.txt")).unwrap(),
        "a.txt:1:1: warning vague-source: vague source “Analysts”: say who\n"
    );
    // A file that cannot be written is an error.
    let r = claimtrace(
        &dir,
        &[
            "check",
            "--policy",
            "default",
            "-o",
            "no/such/dir.txt",
            "a.txt",
        ],
    );
    assert_eq!(r.code, 2);
    assert!(r.err.contains("no/such/dir.txt"), "{}", r.err);
}

#[test]
fn document_findings_point_at_the_first_line_of_prose() {
    let dir = temp_dir("document-findings");
    std::fs::write(
        dir.join("a.md"),
        "---\ntitle: x\n---\n\n# Budget talks\n\nFinance Minister Clara Vendt said the deficit had fallen. Vendt said taxes would not rise. She added that hospitals would be spared.\n",
    )
    .unwrap();
    let r = claimtrace(
        &dir,
        &["check", "--config", "/dev/null", "--format", "json", "a.md"],
    );
    assert_eq!(r.code, 0, "{}", r.err);
    let v: serde_json::Value = serde_json::from_str(&r.out).unwrap();
    let single = v["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "single-source-article")
        .unwrap_or_else(|| panic!("{}", r.out));
    assert!(single["span"].is_null(), "a document finding");
    assert_eq!(
        (&single["line"], &single["column"], &single["end_column"]),
        (
            &5.into(),
            &3.into(),
            &(3 + "Budget talks".len() as u64).into()
        )
    );
}

#[test]
fn disable_enable_and_line_directives_in_markdown_and_html() {
    let dir = temp_dir("disable-enable");
    std::fs::write(
        dir.join("e.md"),
        "<!-- claimtrace-disable vague-source -->\nAnalysts say A will fail.\n\nCritics say B will fail.\n<!-- claimtrace-enable vague-source -->\n\nExperts say C will fail.\n\n```\n<!-- claimtrace-disable -->\n```\n\nObservers say D will fail.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("d.html"),
        "<!doctype html><article>\n<!-- claimtrace-disable-next-line vague-source -->\n<p>Analysts say the port will close.</p>\n<p>Critics say it will not. <!-- claimtrace-disable-line --></p>\n<script>/* <!-- claimtrace-disable --> */</script>\n<p>Experts say it might.</p>\n</article>\n",
    )
    .unwrap();
    let r = claimtrace(
        &dir,
        &[
            "check",
            "--config",
            "/dev/null",
            "--fail-on",
            "never",
            "e.md",
            "d.html",
        ],
    );
    let vague: Vec<&str> = r
        .out
        .lines()
        .filter(|l| l.contains("vague-source"))
        .collect();
    assert_eq!(
        vague,
        [
            "e.md:7:1: warning vague-source: vague source “Experts”: say who",
            "e.md:13:1: warning vague-source: vague source “Observers”: say who",
            "d.html:6:4: warning vague-source: vague source “Experts”: say who",
        ],
        "{}",
        r.out
    );
    assert!(r.err.contains("4 suppressed by comments"), "{}", r.err);
}
