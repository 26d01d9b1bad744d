//! Projection of claimtrace's nested chains onto PolNeAR's univocal
//! convention, where each token belongs to at most one attribution.
//!
//! claimtrace reports every link of a chain (*the broadcaster said the
//! minister told lawmakers that …*): the outer attribution's content holds
//! the inner attribution, whose `parent` is the outer one's id. PolNeAR
//! annotates such a sentence once. Which link the annotators keep was
//! measured on the PolNeAR train and dev splits (docs/accuracy.md); the
//! rule that scores best on train is [`Projection::UNIVOCAL`].

use crate::{Analysis, Attribution};
use std::collections::HashSet;

/// Which attributions of a chain to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Projection {
    /// Every attribution (no projection).
    All,
    /// Only attributions with no parent: the outermost link of each chain.
    DropNested,
    /// Only attributions that are nobody's parent: the innermost link.
    DropOuter,
}

impl Projection {
    /// The rule `claimtrace eval` and `claimtrace analyze --univocal` use.
    pub const UNIVOCAL: Projection = Projection::DropNested;

    pub fn as_str(&self) -> &'static str {
        match self {
            Projection::All => "all",
            Projection::DropNested => "drop-nested",
            Projection::DropOuter => "drop-outer",
        }
    }

    /// The attributions this projection keeps, in the analysis order.
    pub fn select<'a>(&self, analysis: &'a Analysis) -> Vec<&'a Attribution> {
        let all = analysis.attributions.iter();
        match self {
            Projection::All => all.collect(),
            Projection::DropNested => all.filter(|a| a.parent.is_none()).collect(),
            Projection::DropOuter => {
                let parents: HashSet<&str> = analysis
                    .attributions
                    .iter()
                    .filter_map(|a| a.parent.as_deref())
                    .collect();
                all.filter(|a| !parents.contains(a.id.as_str())).collect()
            }
        }
    }

    /// The analysis with only the kept attributions; entities lose the
    /// dropped claims (and disappear with their last one), and a kept
    /// attribution whose parent was dropped loses its `parent` link (its
    /// `chain` still names every source).
    pub fn apply(&self, mut analysis: Analysis) -> Analysis {
        let kept: HashSet<String> = self
            .select(&analysis)
            .into_iter()
            .map(|a| a.id.clone())
            .collect();
        analysis.attributions.retain(|a| kept.contains(&a.id));
        for a in &mut analysis.attributions {
            if a.parent.as_ref().is_some_and(|p| !kept.contains(p)) {
                a.parent = None;
            }
        }
        for e in &mut analysis.entities {
            e.claims.retain(|c| kept.contains(c));
        }
        analysis.entities.retain(|e| !e.claims.is_empty());
        analysis
    }
}

/// The attributions PolNeAR's convention would annotate
/// ([`Projection::UNIVOCAL`]).
pub fn project_univocal(analysis: &Analysis) -> Vec<&Attribution> {
    Projection::UNIVOCAL.select(analysis)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain() -> Analysis {
        // a1 ⊃ a2 ⊃ a3, and a4 alone.
        let mut a = crate::analyze("Analysts say prices rose.");
        let base = a.attributions[0].clone();
        a.attributions.clear();
        for (id, parent) in [
            ("a1", None),
            ("a2", Some("a1")),
            ("a3", Some("a2")),
            ("a4", None),
        ] {
            let mut x = base.clone();
            x.id = id.into();
            x.parent = parent.map(String::from);
            a.attributions.push(x);
        }
        a.entities = vec![crate::Entity {
            name: "x".into(),
            source_type: crate::SourceType::Vague,
            claims: vec!["a2".into(), "a3".into()],
        }];
        a
    }

    fn ids(v: Vec<&Attribution>) -> Vec<&str> {
        v.into_iter().map(|a| a.id.as_str()).collect()
    }

    #[test]
    fn projections_keep_the_outer_or_inner_link() {
        let a = chain();
        assert_eq!(ids(Projection::All.select(&a)), ["a1", "a2", "a3", "a4"]);
        assert_eq!(ids(Projection::DropNested.select(&a)), ["a1", "a4"]);
        assert_eq!(ids(Projection::DropOuter.select(&a)), ["a3", "a4"]);
    }

    #[test]
    fn apply_filters_entities_and_dangling_parents() {
        let a = Projection::DropOuter.apply(chain());
        assert_eq!(a.attributions.len(), 2);
        assert_eq!(a.attributions[0].parent, None);
        assert_eq!(a.entities[0].claims, ["a3"]);
        let a = Projection::DropNested.apply(chain());
        assert!(a.entities.is_empty());
    }
}
