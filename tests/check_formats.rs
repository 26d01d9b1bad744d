//! `claimtrace check` report formats: one snapshot each (insta), and the
//! SARIF output validated against the SARIF 2.1.0 JSON schema.

use std::process::Command;

const FILES: &[&str] = &[
    "tests/data/check/harbour.html",
    "tests/data/check/harbour.md",
    "tests/data/check/harbour.txt",
];

fn check(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_claimtrace"))
        .arg("check")
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

fn format(name: &str) -> String {
    let mut args = vec!["--policy", "default", "--format", name];
    args.extend(FILES);
    let (code, out, err) = check(&args);
    assert_eq!(code, 0, "{err}");
    out
}

fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.add_filter(&regex_escape(env!("CARGO_PKG_VERSION")), "[VERSION]");
    s.set_prepend_module_to_snapshot(false);
    s
}

fn regex_escape(s: &str) -> String {
    s.chars()
        .flat_map(|c| {
            if c.is_alphanumeric() {
                vec![c]
            } else {
                vec!['\\', c]
            }
        })
        .collect()
}

#[test]
fn line() {
    settings().bind(|| insta::assert_snapshot!("check_line", format("line")));
}

#[test]
fn json() {
    let out = format("json");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["schema"], "claimtrace-check/1");
    settings().bind(|| insta::assert_snapshot!("check_json", out));
}

#[test]
fn sarif() {
    settings().bind(|| insta::assert_snapshot!("check_sarif", format("sarif")));
}

#[test]
fn github() {
    settings().bind(|| insta::assert_snapshot!("check_github", format("github")));
}

#[test]
fn checkstyle() {
    settings().bind(|| insta::assert_snapshot!("check_checkstyle", format("checkstyle")));
}

#[test]
fn junit() {
    settings().bind(|| insta::assert_snapshot!("check_junit", format("junit")));
}

#[test]
fn table() {
    settings().bind(|| insta::assert_snapshot!("check_table", format("table")));
}

#[test]
fn sarif_is_valid_sarif_2_1_0() {
    let raw = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json"),
    )
    .unwrap();
    // The published schema's `language` patterns have a stray `]` that the
    // validator's regex engine rejects; use the intended pattern.
    let broken = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
    assert!(raw.contains(broken));
    let raw = raw.replace(broken, r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#);
    let schema: serde_json::Value = serde_json::from_str(&raw).unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles");
    // The default policy and the strict one (links, every level).
    for policy in ["default", "strict", "wikipedia"] {
        let mut args = vec![
            "--policy",
            policy,
            "--format",
            "sarif",
            "--fail-on",
            "never",
        ];
        args.extend(FILES);
        let (code, out, err) = check(&args);
        assert_eq!(code, 0, "{err}");
        let sarif: serde_json::Value = serde_json::from_str(&out).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&sarif)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{policy}: {errors:#?}");
        // The validator does reject what SARIF does not allow.
        let mut bad = sarif.clone();
        bad["runs"][0]["results"][0]["level"] = serde_json::Value::from("info");
        assert!(!validator.is_valid(&bad));
        let run = &sarif["runs"][0];
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        for result in run["results"].as_array().unwrap() {
            let index = result["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[index]["id"], result["ruleId"]);
            let uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap();
            assert!(uri.starts_with("tests/data/check/"), "relative uri: {uri}");
        }
        for rule in rules {
            if let Some(link) = rule["helpUri"].as_str() {
                assert!(link.starts_with("https://"), "{link}");
            }
        }
    }
}

#[test]
fn github_annotations_stop_at_fifty_with_a_summary() {
    let dir = std::env::temp_dir().join(format!("claimtrace-gh-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("many.txt");
    let text: String = (0..60)
        .map(|i| format!("Analysts say plan number {i} will fail.\n\n"))
        .collect();
    std::fs::write(&file, text).unwrap();
    let (code, out, _) = check(&[
        "--policy",
        "default",
        "--format",
        "github",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    let annotations = out.lines().filter(|l| l.starts_with("::warning ")).count();
    assert_eq!(annotations, 50, "{out}");
    // 60 vague sources: the first 50 are annotated (warnings before info),
    // the rest counted in one notice.
    assert!(out.contains("::notice title=claimtrace::"), "{out}");
    assert!(out.contains(" more findings not annotated"), "{out}");
    assert!(
        out.lines().last().unwrap().starts_with("claimtrace: "),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with("::warning file=") && l.contains(",line=3,col=1,"))
    );
}
