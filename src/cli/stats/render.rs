//! The stats tables as text tables (comfy-table), one tidy CSV, or JSON
//! (schema `claimtrace-stats/1`).

use super::aggregate::{Counts, Stats};
use super::names::{self, Entity};
use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use serde::Serialize;

pub const SCHEMA: &str = "claimtrace-stats/1";

/// The stats in a fixed order: what every format prints.
#[derive(Serialize)]
pub struct Report {
    schema: &'static str,
    totals: Totals,
    source_types: Vec<TypeRow>,
    entities: Vec<EntityRow>,
    cues: Vec<CueRow>,
    groups: Vec<GroupOut>,
}

#[derive(Serialize)]
struct Totals {
    documents: u64,
    errors: u64,
    claims: u64,
    attributions: u64,
    anonymous: u64,
    anonymous_share: Option<f64>,
    vague: u64,
    vague_share: Option<f64>,
}

#[derive(Serialize)]
struct TypeRow {
    #[serde(rename = "type")]
    source_type: String,
    attributions: u64,
    share: Option<f64>,
}

#[derive(Serialize)]
struct EntityRow {
    entity: String,
    #[serde(rename = "type")]
    source_type: String,
    /// Under every name of the entity.
    attributions: u64,
    /// The other names it was cited under (module `names`), most-cited
    /// first.
    variants: Vec<Variant>,
}

#[derive(Serialize)]
struct Variant {
    name: String,
    attributions: u64,
}

#[derive(Serialize)]
struct CueRow {
    cue: String,
    attributions: u64,
    share: Option<f64>,
}

#[derive(Serialize)]
struct GroupOut {
    by: String,
    fields: Vec<String>,
    month: bool,
    rows: Vec<GroupRow>,
}

#[derive(Serialize)]
struct GroupRow {
    value: String,
    documents: u64,
    claims: u64,
    attributions: u64,
    anonymous: u64,
    anonymous_share: Option<f64>,
    vague: u64,
    vague_share: Option<f64>,
}

/// `part / whole` to four places; none of nothing.
fn share(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| (part as f64 / whole as f64 * 10_000.0).round() / 10_000.0)
}

/// Most first, then by name, so equal counts always come out in one order.
fn ranked<K: Ord + Clone>(map: &std::collections::HashMap<K, u64>, top: usize) -> Vec<(K, u64)> {
    let mut rows: Vec<(K, u64)> = map.iter().map(|(k, n)| (k.clone(), *n)).collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    rows.truncate(top);
    rows
}

impl Report {
    /// `merge_names`: count the names of one entity together (module
    /// `names`); otherwise every name as the analysis gave it.
    pub fn new(stats: Stats, top: usize, merge_names: bool) -> Report {
        let t = stats.totals;
        let all = t.attributions;
        Report {
            schema: SCHEMA,
            totals: Totals {
                documents: t.documents,
                errors: stats.errors,
                claims: t.claims,
                attributions: all,
                anonymous: t.anonymous,
                anonymous_share: share(t.anonymous, all),
                vague: t.vague,
                vague_share: share(t.vague, all),
            },
            source_types: ranked(&stats.types, usize::MAX)
                .into_iter()
                .map(|(source_type, n)| TypeRow {
                    source_type,
                    attributions: n,
                    share: share(n, all),
                })
                .collect(),
            entities: entity_rows(&stats.entities, top, merge_names),
            cues: ranked(&stats.cues, top)
                .into_iter()
                .map(|(cue, n)| CueRow {
                    cue,
                    attributions: n,
                    share: share(n, all),
                })
                .collect(),
            groups: stats
                .groups
                .into_iter()
                .filter(|g| g.seen || g.grouping.explicit)
                .map(|g| GroupOut {
                    by: g.grouping.label,
                    fields: g.grouping.fields,
                    month: g.grouping.month,
                    rows: g.rows.into_iter().map(|(v, c)| group_row(v, c)).collect(),
                })
                .collect(),
        }
    }

    pub fn json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("JSON into memory");
        s.push('\n');
        s
    }

    /// One tidy table, `table,group,key,count,share`: every figure a row.
    pub fn csv(&self) -> Result<String, csv::Error> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(["table", "group", "key", "count", "share"])?;
        let mut row = |table: &str, group: &str, key: &str, count: u64, share: Option<f64>| {
            let share = share.map(|s| s.to_string()).unwrap_or_default();
            w.write_record([table, group, key, &count.to_string(), &share])
        };
        let t = &self.totals;
        row("totals", "", "documents", t.documents, None)?;
        row("totals", "", "errors", t.errors, None)?;
        row("totals", "", "claims", t.claims, None)?;
        row("totals", "", "attributions", t.attributions, None)?;
        row("totals", "", "anonymous", t.anonymous, t.anonymous_share)?;
        row("totals", "", "vague", t.vague, t.vague_share)?;
        for r in &self.source_types {
            row("source_types", "", &r.source_type, r.attributions, r.share)?;
        }
        for r in &self.entities {
            row("entities", &r.source_type, &r.entity, r.attributions, None)?;
        }
        // Tidy: a variant is a row of its own, grouped by its entity.
        for r in &self.entities {
            for v in &r.variants {
                row("entity_variants", &r.entity, &v.name, v.attributions, None)?;
            }
        }
        for r in &self.cues {
            row("cues", "", &r.cue, r.attributions, r.share)?;
        }
        for g in &self.groups {
            let table = format!("by:{}", g.by);
            for r in &g.rows {
                row(&table, &r.value, "documents", r.documents, None)?;
                row(&table, &r.value, "claims", r.claims, None)?;
                row(&table, &r.value, "attributions", r.attributions, None)?;
                row(
                    &table,
                    &r.value,
                    "anonymous",
                    r.anonymous,
                    r.anonymous_share,
                )?;
                row(&table, &r.value, "vague", r.vague, r.vague_share)?;
            }
        }
        let bytes = w.into_inner().map_err(|e| e.into_error())?;
        Ok(String::from_utf8(bytes).expect("CSV of UTF-8 strings"))
    }

    pub fn table(&self) -> String {
        let t = &self.totals;
        let mut out = format!(
            "{} documents, {} error record{}, {} claims, {} attributed, {} anonymous ({}), {} vague ({})\n",
            t.documents,
            t.errors,
            if t.errors == 1 { "" } else { "s" },
            t.claims,
            t.attributions,
            t.anonymous,
            percent(t.anonymous_share),
            t.vague,
            percent(t.vague_share),
        );
        let mut section = |title: String, header: &[&str], rows: Vec<Vec<String>>| {
            let mut table = Table::new();
            table
                .load_style(UTF8_FULL_CONDENSED)
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(160)
                .set_header(header.to_vec());
            for r in rows {
                table.add_row(r);
            }
            out.push_str(&format!("\n{title}\n{table}\n"));
        };
        section(
            "Sources by type".into(),
            &["type", "attributions", "share"],
            self.source_types
                .iter()
                .map(|r| {
                    vec![
                        r.source_type.clone(),
                        r.attributions.to_string(),
                        percent(r.share),
                    ]
                })
                .collect(),
        );
        section(
            format!("Most-cited entities (top {})", self.entities.len()),
            &["entity", "type", "attributions", "also cited as"],
            self.entities
                .iter()
                .map(|r| {
                    let variants: Vec<String> = r
                        .variants
                        .iter()
                        .map(|v| format!("{} ({})", v.name, v.attributions))
                        .collect();
                    vec![
                        r.entity.clone(),
                        r.source_type.clone(),
                        r.attributions.to_string(),
                        variants.join(", "),
                    ]
                })
                .collect(),
        );
        section(
            format!("Cues (top {})", self.cues.len()),
            &["cue", "attributions", "share"],
            self.cues
                .iter()
                .map(|r| vec![r.cue.clone(), r.attributions.to_string(), percent(r.share)])
                .collect(),
        );
        for g in &self.groups {
            section(
                format!("Anonymous and vague sources by {}", g.by),
                &[
                    &g.by,
                    "documents",
                    "claims",
                    "attributions",
                    "anonymous",
                    "share",
                    "vague",
                    "share",
                ],
                g.rows
                    .iter()
                    .map(|r| {
                        vec![
                            r.value.clone(),
                            r.documents.to_string(),
                            r.claims.to_string(),
                            r.attributions.to_string(),
                            r.anonymous.to_string(),
                            percent(r.anonymous_share),
                            r.vague.to_string(),
                            percent(r.vague_share),
                        ]
                    })
                    .collect(),
            );
        }
        out
    }
}

/// The `top` most-cited entities, most first, then by name and type.
fn entity_rows(
    counts: &std::collections::HashMap<(String, String), u64>,
    top: usize,
    merge_names: bool,
) -> Vec<EntityRow> {
    let mut entities: Vec<Entity> = if merge_names {
        names::merge(counts)
    } else {
        counts
            .iter()
            .map(|((name, source_type), &n)| Entity {
                name: name.clone(),
                source_type: source_type.clone(),
                attributions: n,
                variants: Vec::new(),
            })
            .collect()
    };
    entities.sort_by(|a, b| {
        (b.attributions, &a.name, &a.source_type).cmp(&(a.attributions, &b.name, &b.source_type))
    });
    entities.truncate(top);
    entities
        .into_iter()
        .map(|e| EntityRow {
            entity: e.name,
            source_type: e.source_type,
            attributions: e.attributions,
            variants: e
                .variants
                .into_iter()
                .map(|(name, attributions)| Variant { name, attributions })
                .collect(),
        })
        .collect()
}

fn percent(share: Option<f64>) -> String {
    share.map_or("–".to_string(), |s| format!("{:.1}%", s * 100.0))
}

fn group_row(value: String, c: Counts) -> GroupRow {
    GroupRow {
        value,
        documents: c.documents,
        claims: c.claims,
        attributions: c.attributions,
        anonymous: c.anonymous,
        anonymous_share: share(c.anonymous, c.attributions),
        vague: c.vague,
        vague_share: share(c.vague, c.attributions),
    }
}
