//! The bad-input matrix (issue 6): every broken input gets a clear message
//! naming the file (and line:column where there is one), the run exits 2,
//! and the results of the other inputs in the same run are all there.

use serde_json::Value;
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

const GOOD: &str = "The mayor said the bridge would reopen in May.\n";

fn claimtrace(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimtrace"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run claimtrace")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The documents of a `--format json` report, by path.
fn documents(out: &Output) -> Vec<(String, Value)> {
    let report: Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
    report["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap_or_default().to_string(),
                d.clone(),
            )
        })
        .collect()
}

/// The sources named in a document's attributions.
fn sources(doc: &Value) -> Vec<String> {
    doc["attributions"]
        .as_array()
        .expect("attributions")
        .iter()
        .map(|a| a["source"]["text"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// Whether this process can read a file after `chmod 000` (root can).
fn can_read_unreadable(path: &Path) -> bool {
    fs::read(path).is_ok()
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

/// Writes the matrix of broken article files next to good ones and returns
/// the paths to pass, with whether `locked.txt` is really unreadable.
fn article_matrix(dir: &Path) -> (Vec<&'static str>, bool) {
    fs::write(dir.join("good.txt"), GOOD).unwrap();
    fs::write(dir.join("binary.txt"), b"The mayor\x00\x01\x02\xff said").unwrap();
    fs::write(
        dir.join("middle.txt"),
        b"The mayor said the bridge would reopen.\nThe chief \xc3\x28 said no.\n",
    )
    .unwrap();
    fs::write(dir.join("utf16.txt"), b"\xff\xfeT\x00h\x00e\x00").unwrap();
    fs::write(
        dir.join("crlf.txt"),
        "The mayor said the bridge would reopen.\r\n\r\nThe chief said the road was closed.\r\n",
    )
    .unwrap();
    fs::write(
        dir.join("cr.txt"),
        "The mayor said the bridge would reopen.\r\rThe chief said the road was closed.\r",
    )
    .unwrap();
    fs::write(dir.join("empty.txt"), "").unwrap();
    fs::write(dir.join("locked.txt"), GOOD).unwrap();
    set_mode(&dir.join("locked.txt"), 0o000);
    let locked = !can_read_unreadable(&dir.join("locked.txt"));
    // A walked directory with a symlink loop and a good file.
    let walked = dir.join("walked");
    fs::create_dir(&walked).unwrap();
    std::os::unix::fs::symlink("..", walked.join("up")).unwrap();
    std::os::unix::fs::symlink("loop", walked.join("loop")).unwrap();
    fs::write(
        walked.join("inside.txt"),
        "The governor said the budget was balanced.\n",
    )
    .unwrap();
    let paths = vec![
        "good.txt",
        "binary.txt",
        "middle.txt",
        "utf16.txt",
        "crlf.txt",
        "cr.txt",
        "empty.txt",
        "vanished.txt",
        "locked.txt",
        "walked",
    ];
    (paths, locked)
}

#[test]
fn broken_articles_are_named_and_the_others_are_all_analysed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let (paths, locked) = article_matrix(dir);
    let mut args = vec!["analyze", "--format", "json"];
    args.extend(&paths);
    let out = claimtrace(dir, &args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    for expected in [
        "binary.txt: binary file (NUL byte at offset 9)",
        "middle.txt:2:11: invalid UTF-8 (byte offset 50)",
        "utf16.txt:1:1: UTF-16 text is not supported",
        "empty.txt: the file is empty",
        "vanished.txt: No such file or directory",
    ] {
        assert!(err.contains(expected), "missing `{expected}` in:\n{err}");
    }
    if locked {
        assert!(err.contains("locked.txt: Permission denied"), "{err}");
    }
    let docs = documents(&out);
    let paths: Vec<&str> = docs.iter().map(|(p, _)| p.as_str()).collect();
    let mut expected = vec!["good.txt", "crlf.txt", "cr.txt"];
    if !locked {
        expected.push("locked.txt");
    }
    expected.push("walked/inside.txt");
    assert_eq!(paths, expected, "{err}");
    let by_path = |p: &str| &docs.iter().find(|(q, _)| q == p).unwrap().1;
    assert_eq!(sources(by_path("good.txt")), ["The mayor"]);
    assert_eq!(sources(by_path("crlf.txt")), ["The mayor", "The chief"]);
    assert_eq!(sources(by_path("cr.txt")), ["The mayor", "The chief"]);
    assert_eq!(sources(by_path("walked/inside.txt")), ["The governor"]);
    // Line and column count CR LF and a lone CR as one line end.
    let chief = &by_path("cr.txt")["attributions"][1]["source"];
    assert_eq!((&chief["line"], &chief["column"]), (&3.into(), &1.into()));
    let chief = &by_path("crlf.txt")["attributions"][1]["source"];
    assert_eq!((&chief["line"], &chief["column"]), (&3.into(), &1.into()));
    set_mode(&dir.join("locked.txt"), 0o644);
}

#[test]
fn broken_articles_are_error_records_in_jsonl() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let (paths, locked) = article_matrix(dir);
    let mut args = vec!["analyze", "--format", "jsonl"];
    args.extend(&paths);
    let out = claimtrace(dir, &args);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let records: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect();
    let errors: Vec<(&str, &str)> = records
        .iter()
        .filter(|r| r.get("error").is_some())
        .map(|r| {
            (
                r["path"].as_str().unwrap(),
                r["error"]["message"].as_str().unwrap(),
            )
        })
        .collect();
    let mut failed = vec![
        "binary.txt",
        "middle.txt",
        "utf16.txt",
        "empty.txt",
        "vanished.txt",
    ];
    if locked {
        failed.push("locked.txt");
    }
    assert_eq!(errors.iter().map(|e| e.0).collect::<Vec<_>>(), failed);
    for (path, message) in &errors {
        assert!(message.starts_with(path), "{path}: {message}");
    }
    let analysed: Vec<&str> = records
        .iter()
        .filter(|r| r.get("attributions").is_some())
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    let mut expected = vec!["good.txt", "crlf.txt", "cr.txt"];
    if !locked {
        expected.push("locked.txt");
    }
    expected.push("walked/inside.txt");
    assert_eq!(analysed, expected);
    set_mode(&dir.join("locked.txt"), 0o644);
}

#[test]
fn an_unreadable_directory_is_named_and_its_siblings_analysed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let tree = dir.join("tree");
    fs::create_dir_all(tree.join("closed")).unwrap();
    fs::write(tree.join("closed/hidden.txt"), GOOD).unwrap();
    fs::write(tree.join("open.txt"), GOOD).unwrap();
    set_mode(&tree.join("closed"), 0o000);
    let blocked = fs::read_dir(tree.join("closed")).is_err();
    let out = claimtrace(dir, &["analyze", "--format", "json", "tree"]);
    set_mode(&tree.join("closed"), 0o755);
    let paths: Vec<String> = documents(&out).into_iter().map(|(p, _)| p).collect();
    if blocked {
        assert_eq!(out.status.code(), Some(2));
        assert!(
            stderr(&out).contains("Permission denied"),
            "{}",
            stderr(&out)
        );
        assert_eq!(paths, ["tree/open.txt"]);
    } else {
        // Root reads through chmod 000: both files are analysed.
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert_eq!(paths, ["tree/closed/hidden.txt", "tree/open.txt"]);
    }
}

#[test]
fn bad_jsonl_lines_are_error_records_and_the_other_lines_are_analysed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut archive = Vec::new();
    archive.extend_from_slice(br#"{"id":1,"text":"The mayor said the bridge would reopen."}"#);
    archive.extend_from_slice(b"\r\n{\"id\":2,\"text\":3}\n");
    archive.extend_from_slice(b"not json\n");
    archive.extend_from_slice(b"{\"id\":4,\"text\":\"caf\xff\"}\n");
    archive.extend_from_slice(b"\n");
    archive.extend_from_slice(br#"{"id":6,"text":"The chief said the road was closed."}"#);
    fs::write(dir.join("a.jsonl"), archive).unwrap();
    let out = claimtrace(dir, &["analyze", "--input", "jsonl", "a.jsonl"]);
    assert_eq!(out.status.code(), Some(2));
    let records: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let lines: Vec<(u64, &str)> = records
        .iter()
        .filter_map(|r| {
            let e = r.get("error")?;
            Some((e["line"].as_u64().unwrap(), e["file"].as_str().unwrap()))
        })
        .collect();
    assert_eq!(lines, [(2, "a.jsonl"), (3, "a.jsonl"), (4, "a.jsonl")]);
    let found: Vec<Vec<String>> = records
        .iter()
        .filter(|r| r.get("attributions").is_some())
        .map(sources)
        .collect();
    assert_eq!(found, [vec!["The mayor"], vec!["The chief"]]);
}

/// Runs `analyze` with a rule file and expects exit 2, nothing on standard
/// output and `expected` on standard error.
fn rejects_rules(name: &str, yaml: &[u8], expected: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    fs::write(dir.join(name), yaml).unwrap();
    fs::write(dir.join("good.txt"), GOOD).unwrap();
    let out = claimtrace(dir, &["analyze", "--rules", name, "good.txt"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(out.stdout.is_empty());
    assert!(err.contains(expected), "missing `{expected}` in:\n{err}");
}

#[test]
fn a_cue_phrase_past_the_lexicon_limits_is_rejected() {
    let words: Vec<String> = (0..300).map(|i| format!("word{i}")).collect();
    let yaml = format!(
        "extends: default\ncues:\n  long:\n    class: verb\n    forms: [\"{}\"]\n",
        words.join(" ")
    );
    rejects_rules(
        "long.yaml",
        yaml.as_bytes(),
        "the phrase `word0 word1 word2 word3 word4 word5 word…` has 300 words, over the 255",
    );
}

#[test]
fn a_yaml_alias_bomb_is_rejected() {
    // Billion laughs: nine levels of nine aliases each.
    let mut yaml = String::from(
        "extends: default\nwords:\n  titles: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    let lists = [
        "months",
        "labels",
        "adverbs",
        "negations",
        "connectors",
        "quantifiers",
        "be_forms",
        "prepositions",
        "time_words",
    ];
    for (i, list) in lists.iter().enumerate() {
        let refs = vec![format!("*a{i}"); 9].join(", ");
        yaml.push_str(&format!("  {list}: &a{} [{refs}]\n", i + 1));
    }
    rejects_rules("bomb.yaml", yaml.as_bytes(), "bomb.yaml:4:");
    // Aliases that type-check: too many of them trip serde-saphyr's budget.
    let refs = vec!["*s"; 60_000].join(", ");
    let yaml = format!("extends: default\nwords:\n  titles: [&s lol, {refs}]\n");
    rejects_rules("aliases.yaml", yaml.as_bytes(), "over the YAML alias limit");
}

#[test]
fn a_50_mb_rule_file_is_rejected_before_it_is_read() {
    let mut yaml = b"extends: default\n# ".to_vec();
    yaml.resize(50 << 20, b'x');
    rejects_rules("big.yaml", &yaml, "big.yaml: rule file is 52428800 bytes");
}

#[test]
fn unknown_keys_in_a_rule_file_are_named_with_their_position() {
    let yaml = "extends: default\ncues:\n  shout:\n    class: verb\n    colour: red\n";
    rejects_rules(
        "unknown.yaml",
        yaml.as_bytes(),
        "unknown.yaml:5:5: unknown field `colour`",
    );
}

#[test]
fn deep_yaml_nesting_is_rejected() {
    let yaml = format!(
        "extends: default\nwords:\n  titles: {}{}\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    rejects_rules("deep.yaml", yaml.as_bytes(), "deep.yaml:3:");
}

#[test]
fn a_pattern_that_would_overflow_the_stack_is_rejected() {
    let pattern = format!(
        "{{quote}} {}{{source}}{} {{cue:verb}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let yaml = format!(
        "extends: default\npatterns:\n  deep:\n    kind: direct\n    priority: 1\n    pattern: \"{pattern}\"\n"
    );
    rejects_rules(
        "pattern.yaml",
        yaml.as_bytes(),
        "pattern.yaml:6:55: rule `patterns.deep`: brackets nested more than 32 deep",
    );
}

fn claimtrace_env(dir: &Path, env: (&str, &str), args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimtrace"))
        .current_dir(dir)
        .env(env.0, env.1)
        .args(args)
        .output()
        .expect("run claimtrace")
}

#[test]
fn the_input_limit_is_configurable_and_names_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    fs::write(dir.join("long.txt"), GOOD).unwrap();
    fs::write(dir.join("short.txt"), "Ana said it failed.\n").unwrap();
    let limit = ("CLAIMTRACE_MAX_INPUT_BYTES", "20");
    let args = ["analyze", "--format", "json", "long.txt", "short.txt"];
    let out = claimtrace_env(dir, limit, &args);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("long.txt: 47 bytes is over the input limit of 20"),
        "{err}"
    );
    let docs = documents(&out);
    assert_eq!(docs.len(), 1);
    assert_eq!(sources(&docs[0].1), ["Ana"]);
    // One JSONL line over the limit is an error record; the next is analysed.
    let archive = "{\"id\":1,\"text\":\"The mayor said the bridge would reopen.\"}\n{\"text\":\"Ana said it failed.\"}\n";
    fs::write(dir.join("a.jsonl"), archive).unwrap();
    let limit = ("CLAIMTRACE_MAX_INPUT_BYTES", "30");
    let out = claimtrace_env(dir, limit, &["analyze", "--input", "jsonl", "a.jsonl"]);
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[0].contains("\"line\":1") && lines[0].contains("longer than"),
        "{text}"
    );
    assert!(lines[1].contains("\"attributions\""), "{text}");
    // Token offsets are 32-bit: a limit above 4 GiB is refused before any
    // input is read, rather than letting offsets wrap.
    let limit = ("CLAIMTRACE_MAX_INPUT_BYTES", "4294967296");
    let out = claimtrace_env(dir, limit, &["analyze", "short.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("CLAIMTRACE_MAX_INPUT_BYTES=4294967296: at most 4294967295"),
        "{}",
        stderr(&out)
    );
    let limit = ("CLAIMTRACE_MAX_INPUT_BYTES", "4294967295");
    let out = claimtrace_env(dir, limit, &["analyze", "short.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn the_yaml_limits_are_configurable() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let yaml = "extends: default\ncues:\n  shout:\n    class: verb\n    forms: [shout, shouts]\n";
    fs::write(dir.join("r.yaml"), yaml).unwrap();
    fs::write(dir.join("good.txt"), GOOD).unwrap();
    let args = ["analyze", "--rules", "r.yaml", "good.txt"];
    assert_eq!(claimtrace(dir, &args).status.code(), Some(0));
    let out = claimtrace_env(dir, ("CLAIMTRACE_MAX_YAML_DEPTH", "2"), &args);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("r.yaml:"), "{}", stderr(&out));
    assert!(stderr(&out).contains("nesting limit"), "{}", stderr(&out));
    let out = claimtrace_env(dir, ("CLAIMTRACE_MAX_RULE_BYTES", "10"), &args);
    assert!(
        stderr(&out).contains("r.yaml: rule file is 75 bytes; the limit is 10"),
        "{}",
        stderr(&out)
    );
    let out = claimtrace_env(dir, ("CLAIMTRACE_MAX_YAML_DEPTH", "lots"), &args);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("CLAIMTRACE_MAX_YAML_DEPTH=\"lots\""),
        "{}",
        stderr(&out)
    );
}
