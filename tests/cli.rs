//! The binary: formats, exit codes and errors that name the file.

use std::process::Command;

fn claimtrace(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_claimtrace"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn json_report_has_the_versioned_schema_and_byte_spans() {
    let (code, out, _) = claimtrace(&[
        "analyze",
        "--format",
        "json",
        "corpus/01-harbour-strike.txt",
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["schema"], "claimtrace/1");
    let text = std::fs::read_to_string("corpus/01-harbour-strike.txt").unwrap();
    let a = &v["documents"][0]["attributions"][0];
    let span = &a["cue"]["spans"][0];
    let (s, e) = (
        span[0].as_u64().unwrap() as usize,
        span[1].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[s..e], a["cue"]["text"].as_str().unwrap());
    assert!(a["line"].is_null() && a["cue"]["line"].as_u64().unwrap() >= 1);
}

#[test]
fn table_lists_claims_sources_and_summary() {
    let (code, out, _) = claimtrace(&["analyze", "corpus/01-harbour-strike.txt"]);
    assert_eq!(code, 0);
    assert!(out.contains("Analysts"), "{out}");
    assert!(out.contains("% attributed"), "{out}");
}

#[test]
fn bad_inputs_are_named_and_do_not_lose_the_good_ones() {
    let dir = std::env::temp_dir().join(format!("claimtrace-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.txt");
    std::fs::write(&bad, b"Officials said \xff\xfe the plan failed.").unwrap();
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let (code, out, err) = claimtrace(&[
        "analyze",
        "--format",
        "json",
        bad.to_str().unwrap(),
        empty.to_str().unwrap(),
        "corpus/01-harbour-strike.txt",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("bad.txt:1:16: invalid UTF-8"), "{err}");
    assert!(err.contains("empty.txt: the file is empty"), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["documents"].as_array().unwrap().len(), 1);
    let (code, _, err) = claimtrace(&["analyze", dir.join("missing.txt").to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("missing.txt"), "{err}");
}

#[test]
fn a_broken_rule_file_is_reported_with_line_and_column() {
    let dir = std::env::temp_dir().join(format!("claimtrace-rules-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let rules = dir.join("rules.yaml");
    std::fs::write(&rules, "extends: default\ncues:\n  mine:\n    class: verb\n    forms: [opined]\n    tone: sarcastic\n").unwrap();
    let (code, _, err) = claimtrace(&[
        "analyze",
        "--rules",
        rules.to_str().unwrap(),
        "corpus/01-harbour-strike.txt",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("rules.yaml:6:"), "{err}");
}

#[test]
fn rules_test_runs_a_user_rule_set() {
    let dir = std::env::temp_dir().join(format!("claimtrace-ruletest-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let rules = dir.join("rules.yaml");
    std::fs::write(
        &rules,
        "extends: default\ncues:\n  opine:\n    class: verb\n    tone: loaded\n    forms: [opined]\n    examples:\n      - text: \"The newspaper opined that the law was unjust.\"\n        source: The newspaper\n        cue: opined\n",
    )
    .unwrap();
    let (code, out, _) = claimtrace(&["rules", "test", rules.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(" 0 failed"), "{out}");
    std::fs::write(&rules, "extends: default\ncues:\n  opine:\n    class: verb\n    forms: [opined]\n    examples:\n      - text: \"Nothing to see.\"\n        cue: opined\n").unwrap();
    let (code, out, _) = claimtrace(&["rules", "test", rules.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("FAIL"), "{out}");
}

#[test]
fn html_report_covers_every_input_and_shows_failures() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    let missing = dir.path().join("missing.txt");
    let (code, out, err) = claimtrace(&[
        "analyze",
        "--format",
        "html",
        "-o",
        page.to_str().unwrap(),
        "corpus/03-budget.txt",
        missing.to_str().unwrap(),
        "corpus/01-harbour-strike.txt",
    ]);
    // As with the other formats: the others are reported, the exit code is 2.
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty(), "-o writes nothing to standard output");
    assert!(err.contains("missing.txt"), "{err}");
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_eq!(html.matches("<section class=\"article\"").count(), 2);
    assert!(html.contains("<h2 id=\"doc-1-title\">corpus/03-budget.txt</h2>"));
    assert!(html.contains("class=\"article failed\" id=\"doc-2\""));
    assert!(html.contains("<h2 id=\"doc-3-title\">corpus/01-harbour-strike.txt</h2>"));
    assert!(html.contains("Clara Vendt"));
    // No remote loads: nothing refers to another host.
    assert!(!html.contains("http://") && !html.contains("https://") && !html.contains("src="));

    // Without -o the page goes to standard output, the same bytes.
    let (code, out, _) = claimtrace(&[
        "analyze",
        "--format",
        "html",
        "corpus/03-budget.txt",
        missing.to_str().unwrap(),
        "corpus/01-harbour-strike.txt",
    ]);
    assert_eq!(code, 2);
    assert_eq!(out, html);
}

#[test]
fn output_option_writes_other_formats_too() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out.json");
    let (code, out, _) = claimtrace(&[
        "analyze",
        "--format",
        "json",
        "--output",
        file.to_str().unwrap(),
        "corpus/03-budget.txt",
    ]);
    assert_eq!(code, 0);
    assert!(out.is_empty());
    let (_, stdout, _) = claimtrace(&["analyze", "--format", "json", "corpus/03-budget.txt"]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), stdout);
    let (code, _, err) = claimtrace(&[
        "analyze",
        "-o",
        dir.path().join("no/such/dir/x").to_str().unwrap(),
        "corpus/03-budget.txt",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot write"), "{err}");
}
