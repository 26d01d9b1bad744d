//! Counts, precision/recall/F1, and the one-to-one greedy matching shared by
//! the overlap, relation and hedge-cue metrics.

use serde::Serialize;

/// Matched, predicted and gold counts of one figure. Matching is one-to-one,
/// so one `matched` count serves precision and recall.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub matched: usize,
    pub predicted: usize,
    pub gold: usize,
}

impl Counts {
    pub fn new(matched: usize, predicted: usize, gold: usize) -> Self {
        Counts {
            matched,
            predicted,
            gold,
        }
    }
    /// Precision; 0 when nothing was predicted.
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.predicted)
    }
    /// Recall; 0 when there is no gold.
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.gold)
    }
    /// F1 = 2PR / (P + R) = 2·matched / (predicted + gold); 0 when both are 0.
    pub fn f1(&self) -> f64 {
        ratio(2 * self.matched, self.predicted + self.gold)
    }
    pub fn add(&mut self, other: Counts) {
        self.matched += other.matched;
        self.predicted += other.predicted;
        self.gold += other.gold;
    }
    /// The sum of several counts: a micro-average.
    pub fn sum<'a>(all: impl IntoIterator<Item = &'a Counts>) -> Counts {
        let mut total = Counts::default();
        for c in all {
            total.add(*c);
        }
        total
    }
    pub fn prf(&self) -> Prf {
        Prf {
            precision: self.precision(),
            recall: self.recall(),
            f1: self.f1(),
            matched: self.matched,
            predicted: self.predicted,
            gold: self.gold,
        }
    }
}

fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 { 0.0 } else { n as f64 / d as f64 }
}

/// Counts with their ratios, as reported.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub matched: usize,
    pub predicted: usize,
    pub gold: usize,
}

impl Serialize for Counts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.prf().serialize(s)
    }
}

/// One-to-one pairing of gold items with predicted items: every candidate
/// pair with a positive score, taken greedily from the highest score (ties:
/// the earlier gold item, then the earlier prediction) while both items are
/// free. Returns, per gold item, the index of its predicted partner.
pub fn greedy_match(
    gold: usize,
    predicted: usize,
    mut score: impl FnMut(usize, usize) -> usize,
) -> Vec<Option<usize>> {
    let mut pairs = Vec::new();
    for g in 0..gold {
        for p in 0..predicted {
            let s = score(g, p);
            if s > 0 {
                pairs.push((s, g, p));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut of_gold = vec![None; gold];
    let mut taken = vec![false; predicted];
    for (_, g, p) in pairs {
        if of_gold[g].is_none() && !taken[p] {
            of_gold[g] = Some(p);
            taken[p] = true;
        }
    }
    of_gold
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_and_zero_denominators() {
        let c = Counts::new(3, 4, 6);
        assert_eq!(c.precision(), 0.75);
        assert_eq!(c.recall(), 0.5);
        assert!((c.f1() - 0.6).abs() < 1e-12);
        assert_eq!(Counts::default().f1(), 0.0);
        assert_eq!(Counts::new(0, 0, 5).precision(), 0.0);
        let total = Counts::sum(&[c, Counts::new(1, 1, 1)]);
        assert_eq!(total, Counts::new(4, 5, 7));
    }

    #[test]
    fn greedy_takes_the_largest_score_first_one_to_one() {
        // Gold 0 overlaps both predictions; prediction 0 is gold 1's best.
        let scores = [[5, 3], [6, 0]];
        let m = greedy_match(2, 2, |g, p| scores[g][p]);
        assert_eq!(m, [Some(1), Some(0)]);
        // Two gold items wanting one prediction: one stays unmatched.
        let m = greedy_match(2, 1, |g, _| [4, 2][g]);
        assert_eq!(m, [Some(0), None]);
        assert_eq!(greedy_match(1, 1, |_, _| 0), [None]);
    }
}
