//! Arithmetic on the eight byte lanes of a `u64`: the tokenizer classifies
//! eight bytes of text at once, and the word table eight slot tags, each
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

/// Per lane of `v`, the high bit set exactly where the byte is 0.
#[inline]
pub(crate) fn zero(v: u64) -> u64 {
    // No lane carries into the next: each sum stays below 0x100.
    !(((v & LOW7) + LOW7) | v) & HIGH
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
}
