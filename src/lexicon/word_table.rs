//! The lexicon's single words, looked up once per token of every document.
//!
//! A word of up to 16 bytes (nearly every English word) is its bytes packed
//! into two integers, zero-padded, with its length: the table stores that key
//! in its slot, so a probe compares two integers and a length where a
//! `HashMap<String, _>` hashes the bytes, follows a pointer to the stored key
//! and calls `memcmp`. Longer words go to a plain map.

use rustc_hash::FxHashMap;

/// What a word is in the lexicon.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct WordInfo {
    /// Index into `RuleSet::entries` of the one-word entry.
    pub entry: Option<u32>,
    /// The first word of some phrase of several words.
    pub opens_phrase: bool,
}

/// Bytes a packed key holds.
const PACKED: usize = 16;

#[derive(Clone, Copy, Default)]
struct Slot {
    lo: u64,
    hi: u64,
    /// 0 for an empty slot (no word is empty).
    len: u32,
    info: WordInfo,
}

pub(super) struct WordTable {
    slots: Vec<Slot>,
    /// `64 - log2(slots.len())`: the hash's top bits pick the first slot.
    shift: u32,
    long: FxHashMap<Box<[u8]>, WordInfo>,
}

/// The packed key of a word of at most `PACKED` bytes.
fn pack(word: &[u8]) -> (u64, u64) {
    let mut buf = [0u8; PACKED];
    buf[..word.len()].copy_from_slice(word);
    split(&buf, word.len())
}

/// The key of the first `len` (at most `PACKED`) bytes of `window`.
#[inline]
fn split(window: &[u8; PACKED], len: usize) -> (u64, u64) {
    let lo = u64::from_le_bytes(window[..8].try_into().expect("8 bytes"));
    let hi = u64::from_le_bytes(window[8..].try_into().expect("8 bytes"));
    // Bytes past the word are zeroed, as `pack` leaves them.
    let mask = |n: usize| match n {
        0 => 0,
        8.. => u64::MAX,
        n => (1u64 << (8 * n)) - 1,
    };
    (lo & mask(len), hi & mask(len.saturating_sub(8)))
}

#[inline]
fn hash(lo: u64, hi: u64, len: usize) -> u64 {
    (lo ^ hi.rotate_left(29) ^ len as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

impl WordTable {
    pub fn new(words: FxHashMap<String, WordInfo>) -> Self {
        let short = words.keys().filter(|w| w.len() <= PACKED).count();
        // At most half full, so probe runs stay short.
        let size = (2 * short).next_power_of_two().max(16);
        let mut table = WordTable {
            slots: vec![Slot::default(); size],
            shift: 64 - size.trailing_zeros(),
            long: FxHashMap::default(),
        };
        for (word, info) in words {
            let bytes = word.as_bytes();
            if bytes.len() > PACKED {
                table.long.insert(bytes.into(), info);
                continue;
            }
            let (lo, hi) = pack(bytes);
            let mask = table.slots.len() - 1;
            let mut at = (hash(lo, hi, bytes.len()) >> table.shift) as usize;
            while table.slots[at].len != 0 {
                at = (at + 1) & mask;
            }
            table.slots[at] = Slot {
                lo,
                hi,
                len: bytes.len() as u32,
                info,
            };
        }
        table
    }

    /// The word `hay[start..start + len]`.
    #[inline]
    pub fn get_at(&self, hay: &[u8], start: usize, len: usize) -> Option<WordInfo> {
        if len > PACKED || len == 0 {
            return self.long.get(&hay[start..start + len]).copied();
        }
        // Sixteen bytes from the word's start when the text has them, so
        // the key is two loads and two masks rather than a copy.
        let (lo, hi) = match hay.get(start..start + PACKED) {
            Some(window) => split(window.try_into().expect("16 bytes"), len),
            None => pack(&hay[start..start + len]),
        };
        let mask = self.slots.len() - 1;
        let mut at = (hash(lo, hi, len) >> self.shift) as usize;
        loop {
            let slot = &self.slots[at];
            if slot.len == 0 {
                return None;
            }
            if slot.lo == lo && slot.hi == hi && slot.len as usize == len {
                return Some(slot.info);
            }
            at = (at + 1) & mask;
        }
    }

    pub fn get(&self, word: &str) -> Option<WordInfo> {
        self.get_at(word.as_bytes(), 0, word.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(entry: u32) -> WordInfo {
        WordInfo {
            entry: Some(entry),
            opens_phrase: false,
        }
    }

    #[test]
    fn finds_every_word_and_only_those() {
        let words = [
            "a",
            "said",
            "according",
            "spokeswoman",
            "sixteen-letters!",
            "seventeen-letters",
            "a-very-long-hyphenated-word",
            "été",
        ];
        let map = words
            .iter()
            .enumerate()
            .map(|(i, w)| (w.to_string(), info(i as u32)))
            .collect();
        let table = WordTable::new(map);
        for (i, w) in words.iter().enumerate() {
            assert_eq!(table.get(w), Some(info(i as u32)), "{w}");
        }
        for absent in [
            "",
            "b",
            "sai",
            "saids",
            "said ",
            "according!",
            "sixteen-letters?",
        ] {
            assert_eq!(table.get(absent), None, "{absent}");
        }
    }

    #[test]
    fn a_word_inside_a_text_is_found_by_its_offset() {
        let map = [("said".to_string(), info(7)), ("he".to_string(), info(3))]
            .into_iter()
            .collect();
        let table = WordTable::new(map);
        let text = b"he said so, he said";
        // Near the start (a full window follows) and at the very end (none does).
        assert_eq!(table.get_at(text, 3, 4), Some(info(7)));
        assert_eq!(table.get_at(text, 15, 4), Some(info(7)));
        assert_eq!(table.get_at(text, 12, 2), Some(info(3)));
        // The window holds the following bytes; the key must not.
        assert_eq!(table.get_at(text, 0, 1), None);
        assert_eq!(table.get_at(text, 3, 3), None);
    }
}
