//! `analyze --input jsonl` and `--format jsonl`: records in input order,
//! input fields kept, bad lines as error records, the same output on any
//! number of threads.

use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

struct Ran {
    code: i32,
    out: String,
    err: String,
}

fn claimtrace(args: &[&str], stdin: Option<&[u8]>) -> Ran {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimtrace"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    if let Some(bytes) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        let bytes = bytes.to_vec();
        // Written from another thread so a full stdout pipe cannot block it.
        std::thread::spawn(move || pipe.write_all(&bytes).unwrap());
    }
    let out = child.wait_with_output().expect("exits");
    Ran {
        code: out.status.code().unwrap_or(-1),
        out: String::from_utf8(out.stdout).expect("UTF-8 output"),
        err: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn articles() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = format!("corpus/{}", p.file_name().unwrap().to_string_lossy());
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

const PUBLICATIONS: [&str; 3] = ["Courier", "Gazette", "Post"];

/// `n` documents cycling through the corpus articles, with an id, a
/// publication and a nested field; numbers keep their exact digits.
fn archive(n: usize) -> String {
    let articles = articles();
    let mut out = String::new();
    for i in 0..n {
        let (_, text) = &articles[i % articles.len()];
        let publication = PUBLICATIONS[i % 3];
        let doc = serde_json::json!({
            "id": format!("doc-{i}"),
            "publication": publication,
            "text": text,
        });
        // Extra fields after the text, written by hand to keep their bytes.
        let mut line = doc.to_string();
        line.pop();
        line.push_str(&format!(
            r#","meta":{{"n":{i},"big":12345678901234567890}}}}"#
        ));
        out.push_str(&line);
        out.push('\n');
    }
    out
}

fn temp(name: &str, contents: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("claimtrace-archive-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

fn records(out: &str) -> Vec<Value> {
    out.lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect()
}

/// The `analyze --format json` report's document for each corpus article,
/// without its path: what a JSONL record of the same text must hold.
fn reference_documents() -> Vec<Value> {
    let mut args = vec!["analyze", "--format", "json"];
    let articles = articles();
    args.extend(articles.iter().map(|(name, _)| name.as_str()));
    let ran = claimtrace(&args, None);
    assert_eq!(ran.code, 0, "{}", ran.err);
    let report: Value = serde_json::from_str(&ran.out).unwrap();
    report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let mut d = d.clone();
            d.as_object_mut().unwrap().remove("path");
            d
        })
        .collect()
}

#[test]
fn jsonl_round_trip_keeps_ids_fields_and_order_across_batches() {
    // More documents than one batch (512 lines), on two threads.
    let n = 600;
    let input = temp("round-trip.jsonl", archive(n).as_bytes());
    let ran = claimtrace(
        &[
            "analyze",
            "--input",
            "jsonl",
            "-j",
            "2",
            input.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(ran.code, 0, "{}", ran.err);
    let records = records(&ran.out);
    assert_eq!(records.len(), n);
    let reference = reference_documents();
    for (i, (r, line)) in records.iter().zip(ran.out.lines()).enumerate() {
        // Input fields first, in their order and with their bytes (the
        // big number is not rounded through a float), then the analysis.
        let head = format!(
            r#"{{"id":"doc-{i}","publication":"{}","meta":{{"n":{i},"big":12345678901234567890}},"attributions":["#,
            PUBLICATIONS[i % 3]
        );
        assert!(line.starts_with(&head), "{line}");
        assert!(r.get("text").is_none());
        // The analysis is the report's for the same article.
        let mut analysis = r.clone();
        for key in ["id", "publication", "meta"] {
            analysis.as_object_mut().unwrap().remove(key);
        }
        assert_eq!(analysis, reference[i % reference.len()], "record {i}");
    }
}

#[test]
fn a_reader_that_stops_early_ends_the_run_quietly() {
    // `claimtrace ... | head -1`: the records go out a batch at a time in
    // vectored writes, and the closed pipe must still end the run with
    // success and nothing on standard error.
    let input = temp("closed-pipe.jsonl", archive(1200).as_bytes());
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimtrace"))
        .args(["analyze", "--input", "jsonl", "-j", "2"])
        .arg(&input)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let mut first = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(child.stdout.take().unwrap()),
        &mut first,
    )
    .unwrap();
    assert!(first.starts_with(r#"{"id":"doc-0","#), "{first}");
    let out = child.wait_with_output().expect("exits");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn any_number_of_threads_gives_the_same_bytes() {
    let input = temp("threads.jsonl", archive(40).as_bytes());
    let path = input.to_str().unwrap();
    let one = claimtrace(&["analyze", "--input", "jsonl", "-j", "1", path], None);
    let three = claimtrace(&["analyze", "--input", "jsonl", "-j", "3", path], None);
    assert_eq!(one.code, 0, "{}", one.err);
    assert_eq!(one.out.lines().count(), 40);
    assert_eq!(one.out, three.out);
    // The multi-file path too, in every format.
    for format in ["table", "json", "jsonl"] {
        let mut args = vec!["analyze", "--format", format, "-j", "1"];
        let articles = articles();
        args.extend(articles.iter().map(|(name, _)| name.as_str()));
        let one = claimtrace(&args, None);
        args[4] = "2";
        let two = claimtrace(&args, None);
        assert_eq!(one.code, 0, "{}", one.err);
        assert_eq!(one.out, two.out, "--format {format}");
        if format == "jsonl" {
            let paths: Vec<Value> = records(&one.out)
                .iter()
                .map(|r| r["path"].clone())
                .collect();
            let names: Vec<&str> = articles.iter().map(|(n, _)| n.as_str()).collect();
            assert_eq!(paths, names);
        }
    }
}

#[test]
fn bad_lines_become_error_records_and_the_rest_is_complete() {
    let good = archive(3);
    let good: Vec<&str> = good.lines().collect();
    let mut input = Vec::new();
    input.extend_from_slice(good[0].as_bytes());
    input.extend_from_slice(b"\n{\"id\": 7, \"text\": \"unterminated\n");
    input.extend_from_slice(b"{\"id\": \"no-text\", \"body\": \"Officials said so.\"}\n");
    input.extend_from_slice(good[1].as_bytes());
    input.extend_from_slice(
        b"\n\n{\"id\": 9, \"text\": \"Officials said \xff the plan failed.\"}\n",
    );
    input.extend_from_slice(b"{\"id\": 10, \"text\": [\"not\", \"a string\"]}\n");
    input.extend_from_slice(good[2].as_bytes());
    input.push(b'\n');
    let path = temp("bad.jsonl", &input);
    let ran = claimtrace(
        &["analyze", "--input", "jsonl", path.to_str().unwrap()],
        None,
    );
    assert_eq!(ran.code, 2);
    let records = records(&ran.out);
    // The blank line (5) gives nothing; every other line one record.
    assert_eq!(records.len(), 7, "{}", ran.out);
    let file = path.to_str().unwrap();
    let error = |i: usize, line: u64, id: Value, why: &str| {
        let r = &records[i];
        assert_eq!(r["error"]["file"], file, "{r}");
        assert_eq!(r["error"]["line"], line, "{r}");
        assert_eq!(r.get("id").cloned().unwrap_or(Value::Null), id, "{r}");
        let message = r["error"]["message"].as_str().unwrap();
        assert!(message.contains(why), "{message}");
        assert!(r.get("attributions").is_none());
        assert!(
            ran.err.contains(&format!("{file}:{line}: {message}")),
            "{}",
            ran.err
        );
    };
    error(1, 2, Value::Null, "invalid JSON");
    error(2, 3, "no-text".into(), "no `text` field");
    error(4, 6, Value::Null, "invalid UTF-8 at column 35");
    error(5, 7, 10.into(), "`text` is not a string");
    // The good lines' records are those of a clean run.
    let clean = temp("clean.jsonl", archive(3).as_bytes());
    let clean = claimtrace(
        &["analyze", "--input", "jsonl", clean.to_str().unwrap()],
        None,
    );
    assert_eq!(clean.code, 0);
    let clean = self::records(&clean.out);
    assert_eq!(
        [&records[0], &records[3], &records[6]],
        [&clean[0], &clean[1], &clean[2]]
    );
    assert!(clean[2]["summary"]["claims"].as_u64().unwrap() > 0);
}

#[test]
fn standard_input_is_read_like_a_file() {
    let text = archive(5);
    let path = temp("stdin.jsonl", text.as_bytes());
    let from_file = claimtrace(
        &["analyze", "--input", "jsonl", path.to_str().unwrap()],
        None,
    );
    let from_stdin = claimtrace(
        &["analyze", "--input", "jsonl", "-q"],
        Some(text.as_bytes()),
    );
    let dash = claimtrace(&["analyze", "--input", "jsonl", "-"], Some(text.as_bytes()));
    assert_eq!(from_stdin.code, 0, "{}", from_stdin.err);
    assert_eq!(from_stdin.out.lines().count(), 5);
    assert_eq!(from_stdin.out, from_file.out);
    assert_eq!(dash.out, from_file.out);
    let bad = claimtrace(&["analyze", "--input", "jsonl"], Some(b"{}\n"));
    assert_eq!(bad.code, 2);
    let r: Value = serde_json::from_str(bad.out.trim()).unwrap();
    assert_eq!(r["error"]["file"], "<stdin>");
    assert_eq!(r["error"]["line"], 1);
}

#[test]
fn unreadable_files_are_error_records_in_the_jsonl_format() {
    let empty = temp("empty.txt", b"");
    let ran = claimtrace(
        &[
            "analyze",
            "--format",
            "jsonl",
            empty.to_str().unwrap(),
            "corpus/03-budget.txt",
        ],
        None,
    );
    assert_eq!(ran.code, 2);
    let records = records(&ran.out);
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["path"], empty.to_str().unwrap());
    assert!(
        records[0]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("the file is empty")
    );
    assert_eq!(records[1]["path"], "corpus/03-budget.txt");
    assert!(records[1]["summary"]["claims"].as_u64().unwrap() > 0);
    // jsonl input has one output format.
    let ran = claimtrace(
        &["analyze", "--input", "jsonl", "--format", "table"],
        Some(b""),
    );
    assert_eq!(ran.code, 2);
    assert!(ran.err.contains("--format jsonl only"), "{}", ran.err);
}
