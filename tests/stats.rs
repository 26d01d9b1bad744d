//! `claimtrace stats` on a small hand-made result stream
//! (tests/data/stats/results.jsonl: four results and one error record),
//! with the expected counts in each format.

use serde_json::{Value, json};
use std::process::Command;

const FIXTURE: &str = "tests/data/stats/results.jsonl";

fn stats(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_claimtrace"))
        .arg("stats")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The `(row[key], attributions)` of a JSON table's rows, in order.
fn counts<'v>(rows: &'v Value, key: &str) -> Vec<(&'v str, u64)> {
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r[key].as_str().unwrap(),
                r["attributions"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn json_has_every_table_with_the_expected_counts() {
    let (code, out, err) = stats(&["--format", "json", FIXTURE]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["schema"], "claimtrace-stats/1");
    assert_eq!(
        v["totals"],
        json!({"documents": 4, "errors": 1, "claims": 10, "attributions": 7,
               "anonymous": 1, "anonymous_share": 0.1429, "vague": 3, "vague_share": 0.4286})
    );
    assert_eq!(
        v["source_types"],
        json!([
            {"type": "vague", "attributions": 3, "share": 0.4286},
            {"type": "person", "attributions": 2, "share": 0.2857},
            {"type": "anonymous", "attributions": 1, "share": 0.1429},
            {"type": "organization", "attributions": 1, "share": 0.1429},
        ])
    );
    // Neither the agentless attribution nor the pronoun that resolved to
    // no one ("they", entity null) has an entity; equal counts by name.
    assert_eq!(
        v["entities"],
        json!([
            {"entity": "Clara Vendt", "type": "person", "attributions": 2, "variants": []},
            {"entity": "Analysts", "type": "vague", "attributions": 1, "variants": []},
            {"entity": "Halvik Port Authority", "type": "organization", "attributions": 1,
             "variants": []},
            {"entity": "two sources", "type": "anonymous", "attributions": 1, "variants": []},
        ])
    );
    // Cues are counted lowercased ("said" and "Said").
    assert_eq!(
        counts(&v["cues"], "cue"),
        [
            ("said", 3),
            ("according to", 1),
            ("argued", 1),
            ("is believed", 1),
            ("told", 1)
        ]
    );
    let groups = v["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 2);
    assert_eq!(groups[0]["by"], "publication");
    assert_eq!(
        groups[0]["rows"],
        json!([
            {"value": "(none)", "documents": 1, "claims": 1, "attributions": 0,
             "anonymous": 0, "anonymous_share": null, "vague": 0, "vague_share": null},
            {"value": "Courier", "documents": 2, "claims": 7, "attributions": 5,
             "anonymous": 1, "anonymous_share": 0.2, "vague": 3, "vague_share": 0.6},
            {"value": "Gazette", "documents": 1, "claims": 2, "attributions": 2,
             "anonymous": 0, "anonymous_share": 0.0, "vague": 0, "vague_share": 0.0},
        ])
    );
    assert_eq!(groups[1]["by"], "month");
    let months: Vec<(&str, u64)> = groups[1]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["value"].as_str().unwrap(),
                r["documents"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(months, [("(unknown)", 1), ("2024-03", 2), ("2024-04", 1)]);
}

#[test]
fn csv_is_one_tidy_table() {
    let (code, out, err) = stats(&[
        "--format",
        "csv",
        "--by",
        "publication",
        "--top",
        "1",
        FIXTURE,
    ]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "table,group,key,count,share");
    for want in [
        "totals,,documents,4,",
        "totals,,errors,1,",
        "totals,,vague,3,0.4286",
        "source_types,,vague,3,0.4286",
        "entities,person,Clara Vendt,2,",
        "cues,,said,3,0.4286",
        "by:publication,Courier,documents,2,",
        "by:publication,Courier,anonymous,1,0.2",
        "by:publication,Courier,vague,3,0.6",
        "by:publication,(none),anonymous,0,",
    ] {
        assert!(lines.contains(&want), "{want} in\n{out}");
    }
    // --top 1 keeps one entity and one cue; --by replaces the default groups.
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("entities,")).count(),
        1
    );
    assert_eq!(lines.iter().filter(|l| l.starts_with("cues,")).count(), 1);
    assert!(!out.contains("by:month"));
    // 1 header, 6 totals, 4 types, 1 entity, 1 cue, 3 publications x 5.
    assert_eq!(lines.len(), 1 + 6 + 4 + 1 + 1 + 15);
}

#[test]
fn table_shows_totals_shares_and_groups() {
    let (code, out, err) = stats(&["--by", "date:month", FIXTURE]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with(
            "4 documents, 1 error record, 10 claims, 7 attributed, 1 anonymous (14.3%), 3 vague (42.9%)\n"
        ),
        "{out}"
    );
    let row = |first: &str| {
        out.lines()
            .find(|l| l.starts_with(&format!("│ {first} ")))
            .unwrap_or_else(|| panic!("row {first} in\n{out}"))
            .split('┆')
            .map(|c| {
                c.trim_matches(|ch: char| ch == '│' || ch.is_whitespace())
                    .to_string()
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(row("vague"), ["vague", "3", "42.9%"]);
    assert_eq!(row("Clara Vendt"), ["Clara Vendt", "person", "2", ""]);
    assert_eq!(
        row("2024-03"),
        ["2024-03", "2", "7", "5", "1", "20.0%", "3", "60.0%"]
    );
    assert!(out.contains("Anonymous and vague sources by date:month"));
}

#[test]
fn lines_that_are_not_results_are_reported_and_skipped() {
    let dir = std::env::temp_dir().join(format!("claimtrace-stats-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("mixed.jsonl");
    let fixture =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE))
            .unwrap();
    std::fs::write(
        &path,
        format!("{{\"id\": 1, \"text\": \"raw\"}}\nnot json\n{fixture}"),
    )
    .unwrap();
    let (code, out, err) = stats(&["--format", "json", path.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        err.contains("mixed.jsonl:1: not a claimtrace result"),
        "{err}"
    );
    assert!(err.contains("mixed.jsonl:2: invalid JSON"), "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["totals"]["documents"], 4);
}

/// One result record citing each `(entity, source type)` once.
fn record(entities: &[(&str, &str)]) -> String {
    let attributions: Vec<Value> = entities
        .iter()
        .map(|(entity, source_type)| {
            json!({"source": {"text": entity}, "cue": {"text": "said"},
                   "source_type": source_type, "entity": entity})
        })
        .collect();
    let n = entities.len();
    json!({"id": 1, "attributions": attributions,
           "summary": {"claims": n, "attributed": n, "anonymous": 0, "vague": 0}})
    .to_string()
}

#[test]
fn names_of_one_entity_across_documents_are_counted_together_unless_asked() {
    let dir = std::env::temp_dir().join(format!("claimtrace-names-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("names.jsonl");
    // Documents that name Ana Ruiz in full, by her middle initial, or by
    // her surname alone; a Ruiz cited once; a paper with and without "The".
    let mut lines = vec![record(&[("Ana Ruiz", "person"); 6])];
    lines.push(record(&[("Ana M. Ruiz", "person")]));
    lines.push(record(&[("Ruiz", "person"), ("Ruiz", "person")]));
    lines.push(record(&[("Luis Ruiz", "person")]));
    lines.push(record(&[("The Courier", "media"), ("Courier", "media")]));
    lines.push(record(&[("Courier", "media")]));
    std::fs::write(&path, lines.join("\n")).unwrap();
    let file = path.to_str().unwrap();

    let (code, out, err) = stats(&["--format", "json", file]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["entities"],
        json!([
            {"entity": "Ana Ruiz", "type": "person", "attributions": 9, "variants": [
                {"name": "Ruiz", "attributions": 2},
                {"name": "Ana M. Ruiz", "attributions": 1},
            ]},
            {"entity": "Courier", "type": "media", "attributions": 3, "variants": [
                {"name": "The Courier", "attributions": 1},
            ]},
            {"entity": "Luis Ruiz", "type": "person", "attributions": 1, "variants": []},
        ])
    );

    let (code, out, err) = stats(&["--format", "csv", file]);
    assert_eq!(code, 0, "{err}");
    for want in [
        "entities,person,Ana Ruiz,9,",
        "entity_variants,Ana Ruiz,Ruiz,2,",
        "entity_variants,Ana Ruiz,Ana M. Ruiz,1,",
    ] {
        assert!(out.lines().any(|l| l == want), "{want} in\n{out}");
    }

    let (code, out, err) = stats(&[file]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.lines()
            .any(|l| l.contains("Ana Ruiz") && l.contains("Ruiz (2), Ana M. Ruiz (1)")),
        "{out}"
    );

    let (code, out, err) = stats(&["--format", "json", "--exact-names", file]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        counts(&v["entities"], "entity"),
        [
            ("Ana Ruiz", 6),
            ("Courier", 2),
            ("Ruiz", 2),
            ("Ana M. Ruiz", 1),
            ("Luis Ruiz", 1),
            ("The Courier", 1),
        ]
    );
}
