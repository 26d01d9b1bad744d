//! Arithmetic on the eight byte lanes of a `u64`, and on the sixteen of an
//! SSE2 vector on x86-64 (`x16`): the tokenizer and the sentence fast path
//! classify bytes of text, and the word table slot tags, many at once, each
//! without a branch per byte.

/// 0x01 in every lane.
pub(crate) const LOW: u64 = 0x0101_0101_0101_0101;
/// 0x80 in every lane: each lane's high bit.
pub(crate) const HIGH: u64 = 0x8080_8080_8080_8080;
/// 0x7f in every lane: each lane's low seven bits.
pub(crate) const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;

/// Per lane of `v`, the high bit set when the byte is in `lo..=hi` (for
/// lanes below 0x80; `hi` < 0x7f).
pub(crate) const fn within(v: u64, lo: u8, hi: u8) -> u64 {
    // Lanes are below 0x80, so neither sum carries into the next lane.
    let at_least_lo = v + (0x80 - lo) as u64 * LOW;
    let above_hi = v + (0x7f - hi) as u64 * LOW;
    at_least_lo & !above_hi & HIGH
}

/// Per byte lane of `w`, the high bit set for an ASCII letter or digit.
#[inline]
pub(crate) const fn alnum(w: u64) -> u64 {
    let ascii = !w & HIGH;
    let v = w & LOW7;
    // Setting bit 5 folds capitals onto small letters and leaves digits be.
    let letters = within(v | 0x2020_2020_2020_2020, b'a', b'z');
    let digits = within(v, b'0', b'9');
    (letters | digits) & ascii
}

/// Per byte lane of `w`, the high bit set for an ASCII letter, digit,
/// space, `,`, `-` or `.`: the bytes of plain prose.
#[inline]
pub(crate) fn prose(w: u64) -> u64 {
    let ascii = !w & HIGH;
    let v = w & LOW7;
    alnum(w) | zero(w ^ 0x2020_2020_2020_2020) | within(v, b',', b'.') & ascii
}

/// Per lane of `v`, the high bit set exactly where the byte is 0.
#[inline]
pub(crate) fn zero(v: u64) -> u64 {
    // No lane carries into the next: each sum stays below 0x100.
    !(((v & LOW7) + LOW7) | v) & HIGH
}

/// Sixteen bytes at once with SSE2, which every x86-64 processor has: the
/// bit per byte that the eight-lane functions above give in a `u64`, here
/// in a `u16` (bit k for byte k). The scans over every byte of a text and
/// the word table's probe run through these where they can: with them the
/// archive path took 2.5% fewer instructions (docs/performance.md,
/// 2026-12-06, fifth session).
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
pub(crate) mod x16 {
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_loadu_si128, _mm_movemask_epi8,
        _mm_or_si128, _mm_set1_epi8,
    };

    /// Bit k set when byte k is an ASCII letter or digit.
    #[inline]
    pub(crate) fn alnum_mask(bytes: &[u8; 16]) -> u16 {
        // SAFETY: the module is built only where SSE2 is enabled at
        // compile time, so every processor the build runs on has it.
        unsafe { alnum_mask_sse2(bytes) }
    }

    /// Bit k set when byte k is an ASCII letter, digit, space, `,`, `-`
    /// or `.`: the bytes of plain prose.
    #[inline]
    pub(crate) fn prose_mask(bytes: &[u8; 16]) -> u16 {
        // SAFETY: as in `alnum_mask`.
        unsafe { prose_mask_sse2(bytes) }
    }

    /// Bit k set when byte k equals `wanted`, and bit k set when byte k
    /// is below 0x80.
    #[inline]
    pub(crate) fn eq_and_low_masks(bytes: &[u8; 16], wanted: u8) -> (u16, u16) {
        // SAFETY: as in `alnum_mask`.
        unsafe { eq_and_low_masks_sse2(bytes, wanted) }
    }

    #[target_feature(enable = "sse2")]
    fn eq_and_low_masks_sse2(bytes: &[u8; 16], wanted: u8) -> (u16, u16) {
        let v = load(bytes);
        let eq = _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(wanted as i8))) as u16;
        (eq, !(_mm_movemask_epi8(v) as u16))
    }

    #[target_feature(enable = "sse2")]
    fn alnum_mask_sse2(bytes: &[u8; 16]) -> u16 {
        _mm_movemask_epi8(alnum(load(bytes))) as u16
    }

    #[target_feature(enable = "sse2")]
    fn prose_mask_sse2(bytes: &[u8; 16]) -> u16 {
        let v = load(bytes);
        let space = _mm_cmpeq_epi8(v, _mm_set1_epi8(b' ' as i8));
        let marks = within(v, b',', b'.');
        _mm_movemask_epi8(_mm_or_si128(alnum(v), _mm_or_si128(space, marks))) as u16
    }

    #[target_feature(enable = "sse2")]
    fn load(bytes: &[u8; 16]) -> __m128i {
        // SAFETY: sixteen readable bytes; the load has no alignment needs.
        unsafe { _mm_loadu_si128(bytes.as_ptr().cast()) }
    }

    /// Lanes in `lo..=hi` (ASCII bounds; bytes from 0x80 up, negative as
    /// signed bytes, are in no such range).
    #[target_feature(enable = "sse2")]
    fn within(v: __m128i, lo: u8, hi: u8) -> __m128i {
        let above = _mm_cmpgt_epi8(v, _mm_set1_epi8(lo as i8 - 1));
        let below = _mm_cmpgt_epi8(_mm_set1_epi8(hi as i8 + 1), v);
        _mm_and_si128(above, below)
    }

    #[target_feature(enable = "sse2")]
    fn alnum(v: __m128i) -> __m128i {
        // Setting bit 5 folds capitals onto small letters and leaves digits be.
        let letters = within(_mm_or_si128(v, _mm_set1_epi8(0x20)), b'a', b'z');
        _mm_or_si128(letters, within(v, b'0', b'9'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The high bits of the lanes of `bytes` for which `keep` holds.
    fn lanes_where(bytes: [u8; 8], keep: impl Fn(u8) -> bool) -> u64 {
        (0..8)
            .filter(|&k| keep(bytes[k]))
            .fold(0, |m, k| m | 0x80 << (8 * k))
    }

    #[test]
    fn zero_is_exactly_the_zero_bytes() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut bytes = [0x5au8; 8];
                bytes[at] = b;
                let want = lanes_where(bytes, |x| x == 0);
                assert_eq!(zero(u64::from_le_bytes(bytes)), want, "{b:#x} at {at}");
            }
        }
    }

    #[test]
    fn within_is_the_byte_range_below_0x80() {
        for b in 0..0x80u8 {
            for at in 0..8 {
                let mut bytes = [b'm'; 8];
                bytes[at] = b;
                let v = u64::from_le_bytes(bytes);
                assert_eq!(
                    within(v, b'a', b'z'),
                    lanes_where(bytes, |x| x.is_ascii_lowercase())
                );
                assert_eq!(
                    within(v, b'0', b'9'),
                    lanes_where(bytes, |x| x.is_ascii_digit())
                );
            }
        }
    }

    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    #[test]
    fn sixteen_lane_masks_are_the_byte_tests() {
        for b in 0..=255u8 {
            for at in 0..16 {
                let mut bytes = *b"Ab9 ,-.zZ0 ab.cd";
                bytes[at] = b;
                let bits = |keep: &dyn Fn(u8) -> bool| {
                    (0..16)
                        .filter(|&k| keep(bytes[k]))
                        .fold(0u16, |m, k| m | 1 << k)
                };
                let alnum = bits(&|x| x.is_ascii_alphanumeric());
                let prose = bits(&|x| x.is_ascii_alphanumeric() || b" ,-.".contains(&x));
                assert_eq!(x16::alnum_mask(&bytes), alnum, "{b:#x} at {at}");
                assert_eq!(x16::prose_mask(&bytes), prose, "{b:#x} at {at}");
            }
        }
    }
}
