//! Which pairs of words open a phrase of several words: asked at each token
//! that could open one before the automaton is run there.
//!
//! Each word that opens some phrase gets a number among the first words,
//! each word that is some phrase's second word a number among the second
//! words (both kept in the word's `WordInfo`, so the scan has them with the
//! word). A pair opens a phrase when its bit is set. Marks on the words
//! alone let "said" before "to" through whenever one phrase starts with
//! "said" and another has "to" second. The pairs spare a third of the
//! automaton's searches (1,231 to 815 on PolNeAR dev; the rest are pairs
//! whose phrase's later words do not follow), each a walk through a
//! 190 KB table that the rest of the scan has pushed out of the nearer
//! caches.

/// Numbers run from 1 (0: no such word) to `OVERFLOW`, which every word
/// past the 254th shares: more first or second words than that cost
/// probes, never a phrase.
const OVERFLOW: u8 = u8::MAX;

/// The set of (first word, second word) numbers that open a phrase: one
/// bit a pair, 8 KiB.
pub(super) struct PhrasePairs {
    bits: Box<[u64; 1024]>,
    firsts: u8,
    seconds: u8,
}

impl Default for PhrasePairs {
    fn default() -> Self {
        PhrasePairs {
            bits: Box::new([0; 1024]),
            firsts: 0,
            seconds: 0,
        }
    }
}

impl PhrasePairs {
    /// The next number for a first word (`OVERFLOW` once they run out).
    pub fn number_first(&mut self) -> u8 {
        Self::next(&mut self.firsts)
    }

    /// The next number for a second word.
    pub fn number_second(&mut self) -> u8 {
        Self::next(&mut self.seconds)
    }

    fn next(count: &mut u8) -> u8 {
        if *count < OVERFLOW - 1 {
            *count += 1;
            *count
        } else {
            OVERFLOW
        }
    }

    /// Records that first word `first` followed by second word `second`
    /// opens a phrase (both numbered, not 0). A shared number needs no
    /// more: each phrase sets the bit of its own pair, and the words that
    /// share a number only make that bit answer for them too (a probe
    /// more, where the automaton finds nothing).
    pub fn insert(&mut self, first: u8, second: u8) {
        debug_assert!(first != 0 && second != 0);
        let bit = usize::from(first) << 8 | usize::from(second);
        self.bits[bit / 64] |= 1 << (bit % 64);
    }

    /// Whether the pair may open a phrase. False whenever either number is
    /// 0 (row and column 0 stay empty). The scan still tests the first
    /// number on its own before asking: reading the bit at every token
    /// cost 4 instructions a byte of news more (docs/performance.md).
    #[inline]
    pub fn contains(&self, first: u8, second: u8) -> bool {
        let bit = usize::from(first) << 8 | usize::from(second);
        self.bits[bit / 64] & (1 << (bit % 64)) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_inserted_pairs_are_contained() {
        let mut pairs = PhrasePairs::default();
        let (said, according) = (pairs.number_first(), pairs.number_first());
        let (in_, to) = (pairs.number_second(), pairs.number_second());
        pairs.insert(said, in_);
        pairs.insert(according, to);
        assert!(pairs.contains(said, in_));
        assert!(pairs.contains(according, to));
        // Each word opens or continues some phrase, but not these pairs.
        assert!(!pairs.contains(said, to));
        assert!(!pairs.contains(according, in_));
        // Number 0 is no word of any phrase.
        assert!(!pairs.contains(0, in_));
        assert!(!pairs.contains(said, 0));
    }

    #[test]
    fn words_past_the_numbers_share_the_last_and_keep_their_phrases() {
        let mut pairs = PhrasePairs::default();
        let firsts: Vec<u8> = (0..300).map(|_| pairs.number_first()).collect();
        assert_eq!(firsts[253], 254);
        assert!(firsts[254..].iter().all(|&n| n == OVERFLOW));
        let (to, of) = (pairs.number_second(), pairs.number_second());
        // Two words of the shared number, each with a phrase of its own.
        pairs.insert(firsts[260], to);
        pairs.insert(firsts[299], of);
        assert!(pairs.contains(firsts[260], to) && pairs.contains(firsts[299], of));
        // Either word is asked about both pairs: the automaton decides.
        assert!(pairs.contains(firsts[260], of));
        assert!(!pairs.contains(firsts[0], to));
    }
}
