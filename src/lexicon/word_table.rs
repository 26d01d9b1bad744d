//! The lexicon's single words, looked up once per token of every document.
//!
//! A word of up to 15 bytes (nearly every English word) is its bytes packed
//! into two integers, zero-padded, with its length in the top byte: the
//! table stores that key in its slot, so a probe compares two integers where
//! a `HashMap<String, _>` hashes the bytes, follows a pointer to the stored
//! key and calls `memcmp`. Longer words go to a plain map.
//!
//! Half the tokens of news are in no word list, and a probe for an absent
//! word into a random slot was a cache miss. So each slot also has a
//! one-byte tag (seven bits of the hash, and one for "used") in a small
//! array of its own (4 KiB for the default rules): a probe reads tags and
//! visits a key only when its tag matches, and the word's information
//! only when its key does.
//!
//! A lookup reads the sixteen tags from the word's first slot on as one
//! vector (eight as one integer where there is no SSE2) and finds, without
//! a branch, the first whose tag matches before an empty slot: whether a
//! token is a lexicon word is a coin toss in news, and a probe that
//! branched on each slot mispredicted about once a token. Only a second
//! matching tag or a group of full slots (rare at a table at most half
//! full) take the slot-by-slot loop.
//!
//! A word of one byte (`,` `.` `a` `"`: about one token in seven in news)
//! is read from a table of 256, filled by the probe when the table is
//! built.
//!
//! The arrays are kept apart, each at most 64 KiB for the default rules:
//! mimalloc places a block of more than about 84 KiB in a 4 MiB page, and
//! one 128 KiB table of whole slots cost 8 MiB of resident memory.

use super::EntryFlags;
use crate::lanes;
use rustc_hash::FxHashMap;

/// What a word is in the lexicon: 16 bytes, read for every token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct WordInfo {
    /// The one-word entry's id (its index into `RuleSet::entry_flags`,
    /// `phrase_lens` and `names`), or `NO_ENTRY` (not an `Option`, which
    /// would make the info 20 bytes).
    entry: u32,
    /// The entry's `EntryFlags`, copied here when the rules are compiled:
    /// the scan has them with the word, not from a second table indexed
    /// by the entry (a load that waited for this one on every token).
    pub flags: EntryFlags,
    /// The word's number among the first words of the phrases of several
    /// words, 0 if it is none (`PhrasePairs`).
    pub phrase_first: u8,
    /// Its number among their second words, 0 if it is none.
    pub phrase_second: u8,
}

const _: () = assert!(std::mem::size_of::<WordInfo>() == 16);

/// `WordInfo::entry` of a word with no one-word entry.
const NO_ENTRY: u32 = u32::MAX;

impl Default for WordInfo {
    fn default() -> Self {
        WordInfo {
            entry: NO_ENTRY,
            flags: EntryFlags::default(),
            phrase_first: 0,
            phrase_second: 0,
        }
    }
}

impl WordInfo {
    /// The one-word entry's id, if the word is one.
    pub fn entry(&self) -> Option<u32> {
        (self.entry != NO_ENTRY).then_some(self.entry)
    }

    /// The word's one-word entry `id`, whose flags are `flags`.
    pub fn set_entry(&mut self, id: u32, flags: EntryFlags) {
        assert!(id != NO_ENTRY, "the lexicon's entries fit below u32::MAX");
        self.entry = id;
        self.flags = flags;
    }
}

/// Bytes a packed key holds; its sixteenth byte is the length.
const PACKED: usize = 15;

/// Bytes read from the text for a key: the word and what follows it.
const WINDOW: usize = 16;

pub(super) struct WordTable {
    /// Per slot: 0 when empty, else `tag(hash)`; then the first `GROUP - 1`
    /// tags again, so that a group of tags from any slot on is one load.
    tags: Vec<u8>,
    keys: Vec<[u64; 2]>,
    /// Per slot, then `WordInfo::default()` for an absent word.
    infos: Vec<WordInfo>,
    /// `64 - log2(slots)`: the hash's top bits pick the first slot.
    shift: u32,
    long: FxHashMap<Box<[u8]>, WordInfo>,
    /// Per byte, the word of that one byte: about one token in seven of
    /// news (`,` `.` `a`), where an index is cheaper than a probe.
    single: Box<[WordInfo; 256]>,
}

/// Whether a word of `len` bytes has a packed key (else it is in `long`).
#[inline]
fn packs(len: usize) -> bool {
    (1..=PACKED).contains(&len)
}

/// The packed key of a word of 1 to `PACKED` bytes.
fn pack(word: &[u8]) -> [u64; 2] {
    let mut buf = [0u8; WINDOW];
    buf[..word.len()].copy_from_slice(word);
    key(&buf, word.len())
}

/// Per word length (0 to `WINDOW`), the masks that keep a key's bytes.
const MASKS: [[u64; 2]; WINDOW + 1] = {
    let mut masks = [[0; 2]; WINDOW + 1];
    let mut len = 0;
    while len <= WINDOW {
        let hi = if len > 8 { byte_mask(len - 8) } else { 0 };
        masks[len] = [byte_mask(len), hi & !(0xff << 56)];
        len += 1;
    }
    masks
};

/// The mask of the low `n` bytes of a word.
const fn byte_mask(n: usize) -> u64 {
    if n >= 8 {
        u64::MAX
    } else {
        !(u64::MAX << (8 * n))
    }
}

/// The key of the first `len` (1 to `PACKED`) bytes of `window`: the bytes
/// past the word zeroed (by a table of masks: word lengths vary from token
/// to token, so a branch would be mispredicted often), and the length in
/// the top byte.
#[inline]
fn key(window: &[u8; WINDOW], len: usize) -> [u64; 2] {
    let lo = u64::from_le_bytes(window[..8].try_into().expect("8 bytes"));
    let hi = u64::from_le_bytes(window[8..].try_into().expect("8 bytes"));
    let [lo_mask, hi_mask] = MASKS[len];
    [lo & lo_mask, hi & hi_mask | (len as u64) << 56]
}

#[inline]
fn hash([lo, hi]: [u64; 2]) -> u64 {
    (lo ^ hi.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// Tags read at once by a lookup: sixteen with SSE2, else eight as one `u64`.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
const GROUP: usize = 16;
#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
const GROUP: usize = 8;

/// Of a group of tags, bit k set where tag k is `wanted`, and bit k set
/// where slot k is empty (used tags have the high bit set).
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
fn group_masks(group: &[u8], wanted: u8) -> (u32, u32) {
    let (eq, empty) = lanes::x16::eq_and_low_masks(group.try_into().expect("a group"), wanted);
    (u32::from(eq), u32::from(empty))
}

#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
#[inline(always)]
fn group_masks(group: &[u8], wanted: u8) -> (u32, u32) {
    group_masks_by_u64(group, wanted)
}

/// `group_masks` eight lanes at a time in a `u64`.
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
#[inline(always)]
fn group_masks_by_u64(group: &[u8], wanted: u8) -> (u32, u32) {
    // One bit a lane, as the sixteen-lane masks have them: the multiply
    // gathers bit 8k + 7 of each lane into bit 56 + k.
    let squeeze = |m: u64| (m.wrapping_mul(0x0002_0408_1020_4081) >> 56) as u32;
    let (mut matching, mut empty) = (0, 0);
    for (k, lanes) in group.chunks_exact(8).enumerate() {
        let lanes = u64::from_le_bytes(lanes.try_into().expect("8 tags"));
        let equal = lanes::zero(lanes ^ (lanes::LOW * u64::from(wanted)));
        matching |= squeeze(equal) << (8 * k);
        empty |= squeeze(!lanes & lanes::HIGH) << (8 * k);
    }
    (matching, empty)
}

/// A slot's tag: the hash's low seven bits (its top bits pick the slot), and
/// the high bit, so that no tag is 0.
#[inline]
fn tag(hash: u64) -> u8 {
    0x80 | (hash as u8 & 0x7f)
}

impl WordTable {
    pub fn new(words: FxHashMap<String, WordInfo>) -> Self {
        let short = words.keys().filter(|w| packs(w.len())).count();
        // At most half full, so probe runs stay short.
        let size = (2 * short).next_power_of_two().max(16);
        let mut table = WordTable {
            // Each allocated at its final length: a push past a full
            // vector doubles it, and mimalloc serves a block of more than
            // about 84 KiB from a 4 MiB page of resident memory.
            tags: Vec::with_capacity(size + GROUP - 1),
            keys: Vec::with_capacity(size + 1),
            infos: Vec::with_capacity(size + 1),
            shift: 64 - size.trailing_zeros(),
            long: FxHashMap::default(),
            single: Box::new([WordInfo::default(); 256]),
        };
        table.tags.resize(size, 0);
        table.keys.resize(size, [0; 2]);
        table.infos.resize(size, WordInfo::default());
        for (word, info) in words {
            let bytes = word.as_bytes();
            if !packs(bytes.len()) {
                table.long.insert(bytes.into(), info);
                continue;
            }
            let key = pack(bytes);
            let h = hash(key);
            let mut at = (h >> table.shift) as usize;
            while table.tags[at] != 0 {
                at = (at + 1) & (size - 1);
            }
            table.tags[at] = tag(h);
            table.keys[at] = key;
            table.infos[at] = info;
        }
        let wrapped = table.tags[..GROUP - 1].to_vec();
        table.tags.extend(wrapped);
        // The spare key: a real key has its length (1 to 15) in its top byte.
        table.keys.push([0; 2]);
        table.infos.push(WordInfo::default());
        for b in 0..=u8::MAX {
            table.single[usize::from(b)] = table.probe_at(&[b], 0, 1);
        }
        table
    }

    /// Slots in the table (the tags hold `GROUP - 1` more, the keys and
    /// infos one).
    fn slots(&self) -> usize {
        self.keys.len() - 1
    }

    /// The word `hay[start..start + len]`; an absent word is
    /// `WordInfo::default()` (no entry, opens and continues no phrase), as
    /// good as absent to every caller, and no branch on which it was.
    #[inline(always)]
    pub fn get_at(&self, hay: &[u8], start: usize, len: usize) -> WordInfo {
        if len == 1 {
            return self.single[usize::from(hay[start])];
        }
        self.probe_at(hay, start, len)
    }

    /// `get_at` by the table itself, for a word of any length.
    #[inline(always)]
    fn probe_at(&self, hay: &[u8], start: usize, len: usize) -> WordInfo {
        if !packs(len) {
            return self
                .long
                .get(&hay[start..start + len])
                .copied()
                .unwrap_or_default();
        }
        // Sixteen bytes from the word's start when the text has them, so
        // the key is two loads and two masks rather than a copy.
        let key = match hay.get(start..start + WINDOW) {
            Some(window) => key(window.try_into().expect("16 bytes"), len),
            None => pack(&hay[start..start + len]),
        };
        let h = hash(key);
        let wanted = tag(h);
        let mask = self.slots() - 1;
        let start = (h >> self.shift) as usize;
        let (matching, empty) = group_masks(&self.tags[start..start + GROUP], wanted);
        // The lanes before the first empty one (all when none is empty).
        let before_empty = (empty & empty.wrapping_neg()).wrapping_sub(1);
        let matching = matching & before_empty;
        let lane = matching.trailing_zeros().min(GROUP as u32 - 1) as usize;
        // With no matching tag (half the tokens of news) the key compared
        // is the spare one past the last slot, which no word's key equals
        // and which stays in the cache: the slot's own key would be a
        // cache miss for nothing.
        let at =
            std::hint::select_unpredictable(matching != 0, (start + lane) & mask, self.slots());
        let found = self.keys[at] == key;
        // Rare: a second matching tag to try, or a group of full slots.
        let second = matching & matching.wrapping_sub(1) != 0;
        // `&` and `|`, not `&&` and `||`: a branch on `found` alone would be
        // the coin toss again.
        if !found & (second | (empty == 0)) {
            return self.probe(start, wanted, key);
        }
        // The slot past the last holds the default: an index chosen
        // without a branch, then one load.
        self.infos[std::hint::select_unpredictable(found, at, self.slots())]
    }

    /// The slot-by-slot lookup from slot `at`.
    #[cold]
    fn probe(&self, mut at: usize, wanted: u8, key: [u64; 2]) -> WordInfo {
        let mask = self.slots() - 1;
        loop {
            match self.tags[at] {
                0 => return WordInfo::default(),
                t if t == wanted && self.keys[at] == key => return self.infos[at],
                _ => at = (at + 1) & mask,
            }
        }
    }

    pub fn get(&self, word: &str) -> WordInfo {
        self.get_at(word.as_bytes(), 0, word.len())
    }

    /// Every word's information, for tests of what the table holds.
    #[cfg(test)]
    pub fn infos(&self) -> impl Iterator<Item = &WordInfo> {
        self.infos.iter().chain(self.long.values())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(entry: u32) -> WordInfo {
        let mut info = WordInfo::default();
        info.set_entry(entry, EntryFlags::default());
        info
    }

    /// A table of `words`, the `i`th with entry `i`.
    fn table_of(words: &[impl AsRef<str>]) -> WordTable {
        let map = words
            .iter()
            .enumerate()
            .map(|(i, w)| (w.as_ref().to_string(), info(i as u32)))
            .collect();
        WordTable::new(map)
    }

    #[test]
    fn finds_every_word_and_only_those() {
        let words = [
            "a",
            "said",
            "according",
            "spokeswoman",
            "fifteen-letters",
            "sixteen-letters!",
            "seventeen-letters",
            "a-very-long-hyphenated-word",
            "été",
        ];
        let table = table_of(&words);
        for (i, w) in words.iter().enumerate() {
            assert_eq!(table.get(w), info(i as u32), "{w}");
        }
        for absent in [
            "",
            "b",
            "sai",
            "saids",
            "said ",
            "according!",
            "fifteen-letter",
            "sixteen-letters?",
        ] {
            assert_eq!(table.get(absent), WordInfo::default(), "{absent}");
        }
    }

    #[test]
    fn every_one_byte_word_is_found_by_its_byte() {
        let words = [",", ".", "a", "$", "7", "\"", "ab"];
        let table = table_of(&words);
        for b in 0..=u8::MAX {
            let want = match words.iter().position(|w| w.as_bytes() == [b]) {
                Some(i) => info(i as u32),
                None => WordInfo::default(),
            };
            assert_eq!(table.get_at(&[b'x', b, b'y'], 1, 1), want, "byte {b:#x}");
        }
        // The probe agrees, and a longer word is not taken for its first byte.
        assert_eq!(table.probe_at(b",", 0, 1), info(0));
        assert_eq!(table.get_at(b"ab", 0, 2), info(6));
        assert_eq!(table.get_at(b"ab", 0, 1), info(2));
    }

    #[test]
    fn arrays_are_allocated_at_their_final_length() {
        // A push past capacity would double an array, and past about
        // 84 KiB mimalloc takes a 4 MiB page for it (+6 MiB of peak RSS
        // once, from the spare key alone).
        let map = (0..1500)
            .map(|i| (format!("w{i}"), info(i)))
            .collect::<FxHashMap<_, _>>();
        let table = WordTable::new(map);
        assert_eq!(table.tags.len(), table.tags.capacity());
        assert_eq!(table.keys.len(), table.keys.capacity());
        assert_eq!(table.infos.len(), table.infos.capacity());
    }

    #[test]
    fn the_default_rules_arrays_stay_small_blocks() {
        // Each array at most 64 KiB, under the 84 KiB past which mimalloc
        // gives a block a 4 MiB page of its own.
        let table = &crate::lexicon::RuleSet::default_rules().words;
        let bytes = [
            table.tags.len(),
            table.keys.len() * std::mem::size_of::<[u64; 2]>(),
            table.infos.len() * std::mem::size_of::<WordInfo>(),
        ];
        assert!(bytes.iter().all(|&b| b <= (64 << 10) + 16), "{bytes:?}");
    }

    #[test]
    fn crowded_tables_find_every_word_and_only_those() {
        // Tables of every size from one word up, each at most half full:
        // runs of used slots longer than a group, several matching tags
        // in one, and runs that wrap around the end all occur.
        for n in 1..200u32 {
            let words: Vec<String> = (0..n).map(|i| format!("w{i}")).collect();
            let table = table_of(&words);
            for (i, w) in words.iter().enumerate() {
                assert_eq!(table.get(w), info(i as u32), "{w} of {n}");
            }
            for absent in (n..n + 500).map(|i| format!("w{i}")) {
                assert_eq!(
                    table.get(&absent),
                    WordInfo::default(),
                    "{absent} among {n}"
                );
            }
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
        assert_eq!(table.get_at(text, 3, 4), info(7));
        assert_eq!(table.get_at(text, 15, 4), info(7));
        assert_eq!(table.get_at(text, 12, 2), info(3));
        // The window holds the following bytes; the key must not.
        assert_eq!(table.get_at(text, 0, 1), WordInfo::default());
        assert_eq!(table.get_at(text, 3, 3), WordInfo::default());
        // The length is part of the key: "he" followed by a zero byte is not "he".
        assert_eq!(
            table.get_at(b"he\0 more text here", 0, 3),
            WordInfo::default()
        );
    }

    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    #[test]
    fn tag_groups_read_alike_by_vector_and_by_u64() {
        let tags = [0u8, 0x80, 0x81, 0xff, 0x7f, 0x01, 0xc3];
        let mut seed = 0x9e37_79b9_u64;
        for _ in 0..20_000 {
            let mut group = [0u8; 16];
            for g in &mut group {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                *g = tags[(seed >> 59) as usize % tags.len()];
            }
            for wanted in [0x80, 0x81, 0xff, 0xc3] {
                assert_eq!(
                    group_masks(&group, wanted),
                    group_masks_by_u64(&group, wanted),
                    "{group:?} {wanted:#x}"
                );
            }
        }
    }
}
