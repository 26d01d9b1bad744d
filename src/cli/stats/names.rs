//! One entity under the several names an archive gives it. The analysis
//! resolves names within a document ("Ruiz" after "Ana Ruiz" is Ana
//! Ruiz), but a document that says only "Ruiz", or "Ana M. Ruiz", or "The
//! Courier" where others say "Courier", would otherwise be counted as
//! someone else. Three conservative steps, each within one source type, and
//! each name keeps its count as a variant of the name it joins:
//!
//! 1. Names that differ only by a leading "The" are one ("The Courier").
//! 2. A person's proper name of three or more words joins the name of its
//!    first and last words when that name is cited more ("Ana M. Ruiz" and
//!    "Ana Maria Ruiz" join "Ana Ruiz").
//! 3. A person's surname alone joins the full name that holds at least
//!    three quarters of the citations of the full names ending in it, and
//!    is cited at least a quarter as often as the surname: with "Ana Ruiz"
//!    40 and "Luis Ruiz" 5, "Ruiz" is Ana Ruiz; with 30 and 20 it stays
//!    "Ruiz", for no one can tell; nor does "Ruiz" 40 join a "Luis Ruiz"
//!    named twice, who may be another Ruiz.
//!
//! Descriptions ("a man", "a young man") are never joined but by step 1.
//! A group is shown under its most-cited name of the form it was joined
//! to ("Ana Ruiz", not "Ruiz" however often she is called so).

use std::collections::{BTreeMap, HashMap};

/// A surname joins a full name holding at least this share of the full
/// names that end in it.
const SURNAME_SHARE: f64 = 0.75;
/// ...and be cited at least this share as often as the surname alone.
const SURNAME_EVIDENCE: f64 = 0.25;

/// A name as cited and its source type.
type Key = (String, String);

/// An entity and the names it was cited under.
#[derive(Debug, PartialEq)]
pub struct Entity {
    pub name: String,
    pub source_type: String,
    /// Citations under every name.
    pub attributions: u64,
    /// The other names with their citations, most-cited first.
    pub variants: Vec<(String, u64)>,
}

/// Groups `(name, source type) → citations` into entities (in no order).
pub fn merge(counts: &HashMap<Key, u64>) -> Vec<Entity> {
    // Union by key: each name points at the key of the group it joins.
    // BTreeMaps keep every choice below independent of hash order.
    let mut groups: BTreeMap<Key, BTreeMap<String, u64>> = BTreeMap::new();
    for ((name, source_type), &n) in counts {
        let key = (without_article(name).to_string(), source_type.clone());
        *groups
            .entry(key)
            .or_default()
            .entry(name.clone())
            .or_default() += n;
    }
    let total = |g: &BTreeMap<String, u64>| g.values().sum::<u64>();

    // Step 2: long person names into first-and-last-word names.
    let long: Vec<Key> = groups
        .keys()
        .filter(|(name, t)| t == "person" && is_proper(name) && name.split(' ').count() >= 3)
        .cloned()
        .collect();
    for key in long {
        let words: Vec<&str> = key.0.split(' ').collect();
        let short = (
            format!("{} {}", words[0], words[words.len() - 1]),
            key.1.clone(),
        );
        let cited = |k: &Key| groups.get(k).map(total);
        if let (Some(long_n), Some(short_n)) = (cited(&key), cited(&short))
            && short_n > long_n
        {
            let moved = groups.remove(&key).expect("present");
            join(groups.get_mut(&short).expect("present"), moved);
        }
    }

    // Step 3: surnames into the full name that dominates them.
    let mut by_surname: HashMap<&str, Vec<(&Key, u64)>> = HashMap::new();
    for (key, g) in &groups {
        if key.1 == "person"
            && is_proper(&key.0)
            && let Some((_, last)) = key.0.rsplit_once(' ')
        {
            by_surname.entry(last).or_default().push((key, total(g)));
        }
    }
    let mut joins: Vec<(Key, Key)> = Vec::new();
    for key in groups.keys() {
        if key.1 != "person" || key.0.contains(' ') || !is_proper(&key.0) {
            continue;
        }
        let Some(full) = by_surname.get(key.0.as_str()) else {
            continue;
        };
        let all: u64 = full.iter().map(|(_, n)| n).sum();
        // Most cited, and of equals the first by name.
        let (best, n) = full
            .iter()
            .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))
            .expect("not empty");
        let alone = total(&groups[key]);
        if *n as f64 >= SURNAME_SHARE * all as f64 && *n as f64 >= SURNAME_EVIDENCE * alone as f64 {
            joins.push((key.clone(), (*best).clone()));
        }
    }
    for (surname, full) in joins {
        let moved = groups.remove(&surname).expect("present");
        join(groups.get_mut(&full).expect("present"), moved);
    }

    groups
        .into_iter()
        .map(|((form, source_type), names)| {
            let mut names: Vec<(String, u64)> = names.into_iter().collect();
            names.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            let attributions = names.iter().map(|(_, n)| n).sum();
            let shown = names
                .iter()
                .position(|(name, _)| without_article(name) == form)
                .expect("a group holds a name of its own form");
            let (name, _) = names.remove(shown);
            Entity {
                name,
                source_type,
                attributions,
                variants: names,
            }
        })
        .collect()
}

fn join(into: &mut BTreeMap<String, u64>, from: BTreeMap<String, u64>) {
    for (name, n) in from {
        *into.entry(name).or_default() += n;
    }
}

/// Whether every word of `name` opens with a capital or is an initial
/// ("Ana M. Ruiz", "D’Souza"): a proper name, not a description.
fn is_proper(name: &str) -> bool {
    name.split(' ')
        .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// "Courier" for "The Courier" or "the Courier"; "The" alone stays.
fn without_article(name: &str) -> &str {
    name.strip_prefix("The ")
        .or_else(|| name.strip_prefix("the "))
        .filter(|rest| !rest.is_empty())
        .unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An entity's shown name, citations and variants.
    type Row = (String, u64, Vec<(String, u64)>);

    fn merged(counts: &[(&str, &str, u64)]) -> Vec<Row> {
        let map = counts
            .iter()
            .map(|&(name, t, n)| ((name.to_string(), t.to_string()), n))
            .collect();
        let mut out: Vec<_> = merge(&map)
            .into_iter()
            .map(|e| (e.name, e.attributions, e.variants))
            .collect();
        out.sort();
        out
    }

    fn v(name: &str, n: u64) -> (String, u64) {
        (name.to_string(), n)
    }

    /// Asserts that no name of `counts` joins another.
    fn stays_apart(counts: &[(&str, &str, u64)]) {
        let mut apart: Vec<Row> = counts
            .iter()
            .map(|&(name, _, n)| (name.to_string(), n, vec![]))
            .collect();
        apart.sort();
        assert_eq!(merged(counts), apart);
    }

    #[test]
    fn a_surname_joins_the_full_name_that_dominates_it() {
        assert_eq!(
            merged(&[
                ("Ana Ruiz", "person", 40),
                ("Luis Ruiz", "person", 5),
                ("Ruiz", "person", 30),
            ]),
            [
                ("Ana Ruiz".into(), 70, vec![v("Ruiz", 30)]),
                ("Luis Ruiz".into(), 5, vec![]),
            ]
        );
        // Shown under the full name however often the surname is used.
        assert_eq!(
            merged(&[("Ana Ruiz", "person", 10), ("Ruiz", "person", 30)]),
            [("Ana Ruiz".into(), 40, vec![v("Ruiz", 30)])]
        );
    }

    #[test]
    fn a_surname_does_not_join_a_full_name_cited_far_less() {
        stays_apart(&[("Luis Ruiz", "person", 2), ("Ruiz", "person", 40)]);
    }

    #[test]
    fn descriptions_are_not_names() {
        stays_apart(&[
            ("a man", "person", 10),
            ("a young man", "person", 3),
            ("the man", "person", 4),
        ]);
    }

    #[test]
    fn a_surname_shared_by_names_cited_alike_stays_alone() {
        stays_apart(&[
            ("Ana Ruiz", "person", 30),
            ("Luis Ruiz", "person", 20),
            ("Ruiz", "person", 9),
        ]);
    }

    #[test]
    fn middle_names_join_the_more_cited_short_name() {
        assert_eq!(
            merged(&[
                ("Ana Ruiz", "person", 10),
                ("Ana M. Ruiz", "person", 3),
                ("Ana Maria Ruiz", "person", 2),
                // Cited more than its short form: a name of its own.
                ("Tom J. Hale", "person", 5),
                ("Tom Hale", "person", 2),
            ]),
            [
                (
                    "Ana Ruiz".into(),
                    15,
                    vec![v("Ana M. Ruiz", 3), v("Ana Maria Ruiz", 2)]
                ),
                ("Tom Hale".into(), 2, vec![]),
                ("Tom J. Hale".into(), 5, vec![]),
            ]
        );
    }

    #[test]
    fn a_leading_article_is_one_name_shown_as_most_cited() {
        assert_eq!(
            merged(&[
                ("The Courier", "media", 4),
                ("Courier", "media", 6),
                ("the Courier", "media", 1),
                ("The", "person", 1),
            ]),
            [
                (
                    "Courier".into(),
                    11,
                    vec![v("The Courier", 4), v("the Courier", 1)]
                ),
                ("The".into(), 1, vec![]),
            ]
        );
    }

    #[test]
    fn names_join_only_within_their_source_type() {
        stays_apart(&[
            ("Ana Ruiz", "person", 10),
            ("Ruiz", "organization", 4),
            ("Courier", "media", 2),
            ("The Courier", "organization", 1),
        ]);
    }
}
