//! Archive-level counts over result records: sources by type, entities,
//! cue words, and anonymous and vague sources per group (publication,
//! month, or any field of the input documents).

use super::super::jsonl::Fields;
use serde::Deserialize;
use serde_json::value::RawValue;
use std::collections::{BTreeMap, HashMap};

/// Fields that name a document's publication, first found wins.
pub const PUBLICATION_FIELDS: &[&str] = &["publication", "source", "outlet", "publisher"];
/// Fields that date a document (ISO 8601, `YYYY-MM…`), first found wins.
pub const DATE_FIELDS: &[&str] = &["date", "published", "published_at", "pubdate"];

/// The value of a record that has none of a grouping's fields.
pub const NONE: &str = "(none)";
/// The month of a date that does not open with `YYYY-MM`.
pub const UNDATED: &str = "(unknown)";

/// How records are grouped for one table of shares.
pub struct Grouping {
    /// The name the outputs give the table: `publication`, `month`, or the
    /// `--by` argument.
    pub label: String,
    /// The record's value is that of the first of these fields it has.
    pub fields: Vec<String>,
    /// Group by the `YYYY-MM` a date value opens with.
    pub month: bool,
    /// Shown even when no record has any of the fields (asked for by name).
    pub explicit: bool,
}

impl Grouping {
    /// A `--by` argument: `FIELD` or `FIELD:month`.
    pub fn parse(arg: &str) -> Grouping {
        let (field, month) = match arg.strip_suffix(":month") {
            Some(f) => (f, true),
            None => (arg, false),
        };
        Grouping {
            label: arg.to_string(),
            fields: vec![field.to_string()],
            month,
            explicit: true,
        }
    }

    /// Per publication and per month, when the records say.
    pub fn defaults() -> Vec<Grouping> {
        let named = |label: &str, fields: &[&str], month| Grouping {
            label: label.to_string(),
            fields: fields.iter().map(|f| f.to_string()).collect(),
            month,
            explicit: false,
        };
        vec![
            named("publication", PUBLICATION_FIELDS, false),
            named("month", DATE_FIELDS, true),
        ]
    }

    fn value(&self, fields: &Fields) -> Option<String> {
        let raw = self.fields.iter().find_map(|f| fields.get(f))?;
        let value = match serde_json::from_str::<String>(raw.get()) {
            Ok(s) => s,
            // Numbers, booleans, null, objects: as written.
            Err(_) => raw.get().to_string(),
        };
        if !self.month {
            return Some(value);
        }
        let b = value.as_bytes();
        let is_month = b.len() >= 7
            && b[..4].iter().all(u8::is_ascii_digit)
            && b[4] == b'-'
            && b[5..7].iter().all(u8::is_ascii_digit);
        Some(if is_month {
            value[..7].to_string()
        } else {
            UNDATED.to_string()
        })
    }
}

/// Counts for the whole archive or for one group.
#[derive(Default, Clone, Copy)]
pub struct Counts {
    pub documents: u64,
    pub claims: u64,
    pub attributions: u64,
    pub anonymous: u64,
    pub vague: u64,
}

pub struct Group {
    pub grouping: Grouping,
    /// Whether any record had one of the grouping's fields.
    pub seen: bool,
    pub rows: BTreeMap<String, Counts>,
}

pub struct Stats {
    pub totals: Counts,
    /// Error records of the analysis (inputs it could not analyse).
    pub errors: u64,
    pub types: HashMap<String, u64>,
    /// (entity, source type) to attributions.
    pub entities: HashMap<(String, String), u64>,
    /// Cue text, lowercased, to attributions.
    pub cues: HashMap<String, u64>,
    pub groups: Vec<Group>,
}

#[derive(Deserialize)]
struct AttributionIn {
    source_type: String,
    entity: Option<String>,
    cue: RoleIn,
}

#[derive(Deserialize)]
struct RoleIn {
    text: String,
}

#[derive(Deserialize)]
struct SummaryIn {
    claims: u64,
    attributed: u64,
    anonymous: u64,
    vague: u64,
}

impl Stats {
    pub fn new(groupings: Vec<Grouping>) -> Stats {
        Stats {
            totals: Counts::default(),
            errors: 0,
            types: HashMap::new(),
            entities: HashMap::new(),
            cues: HashMap::new(),
            groups: groupings
                .into_iter()
                .map(|grouping| Group {
                    grouping,
                    seen: false,
                    rows: BTreeMap::new(),
                })
                .collect(),
        }
    }

    /// Adds one line of `analyze --format jsonl` output, or says why it is
    /// not one.
    pub fn add(&mut self, line: &str) -> Result<(), String> {
        let fields = Fields::parse(line)?;
        if fields.get("error").is_some() {
            self.errors += 1;
            return Ok(());
        }
        let field = |name: &str| -> Result<&RawValue, String> {
            fields
                .get(name)
                .ok_or_else(|| format!("not a claimtrace result: no `{name}` field"))
        };
        let summary: SummaryIn =
            serde_json::from_str(field("summary")?.get()).map_err(|e| format!("`summary`: {e}"))?;
        let attributions: Vec<AttributionIn> = serde_json::from_str(field("attributions")?.get())
            .map_err(|e| format!("`attributions`: {e}"))?;
        let counts = Counts {
            documents: 1,
            claims: summary.claims,
            attributions: summary.attributed,
            anonymous: summary.anonymous,
            vague: summary.vague,
        };
        self.totals.add(counts);
        for a in attributions {
            *self.types.entry(a.source_type.clone()).or_default() += 1;
            *self.cues.entry(a.cue.text.to_lowercase()).or_default() += 1;
            // A pronoun that names no one ("he" with no name before it)
            // has no entity and is counted by type only.
            if let Some(name) = a.entity {
                *self.entities.entry((name, a.source_type)).or_default() += 1;
            }
        }
        for group in &mut self.groups {
            let value = group.grouping.value(&fields);
            group.seen |= value.is_some();
            let key = value.unwrap_or_else(|| NONE.to_string());
            group.rows.entry(key).or_default().add(counts);
        }
        Ok(())
    }
}

impl Counts {
    fn add(&mut self, o: Counts) {
        self.documents += o.documents;
        self.claims += o.claims;
        self.attributions += o.attributions;
        self.anonymous += o.anonymous;
        self.vague += o.vague;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_come_from_iso_dates_and_groups_from_the_first_field_present() {
        let g = Grouping::parse("date:month");
        let month = |line: &str| g.value(&Fields::parse(line).unwrap());
        assert_eq!(
            month(r#"{"date": "2024-03-05T10:00Z"}"#).as_deref(),
            Some("2024-03")
        );
        assert_eq!(
            month(r#"{"date": "5 March 2024"}"#).as_deref(),
            Some(UNDATED)
        );
        assert_eq!(month(r#"{"day": "2024-03-05"}"#), None);
        let defaults = Grouping::defaults();
        let fields = Fields::parse(r#"{"outlet": "B", "source": "A", "id": 7}"#).unwrap();
        assert_eq!(defaults[0].value(&fields).as_deref(), Some("A"));
        let id = Grouping::parse("id");
        assert_eq!(id.value(&fields).as_deref(), Some("7"));
    }
}
