//! Eight bytes at a time: where a token ends and whether it holds a digit (or
//! a byte no logger name holds), for the header tokens every record of a text
//! log goes through. Each function gives exactly what the byte-class table says.

use super::{WS, class};

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Bytes `at..at + 8` of `s` as a little-endian word, zeros past the end.
#[inline]
fn load(s: &[u8], at: usize) -> u64 {
    match s.get(at..at + 8) {
        Some(b) => u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]),
        None => {
            let mut block = [0u8; 8];
            block[..s.len() - at].copy_from_slice(&s[at..]);
            u64::from_le_bytes(block)
        }
    }
}

/// High bit of each byte in `lo..=hi` (ASCII ranges: a byte ≥ 0x80 is never in one).
#[inline]
fn in_range(v: u64, lo: u8, hi: u8) -> u64 {
    let x = v & !HIGH;
    let ge_lo = x.wrapping_add(ONES * u64::from(0x80 - lo)) & HIGH;
    let gt_hi = x.wrapping_add(ONES * u64::from(0x7f - hi)) & HIGH;
    ge_lo & !gt_hi & !v & HIGH
}

/// High bit of each ASCII digit of a word.
#[inline]
pub(super) fn digits(v: u64) -> u64 {
    in_range(v, b'0', b'9')
}

/// High bit of each byte up to a space: every whitespace byte is one of them
/// (the table decides among the few, rare, control bytes).
#[inline]
fn space_or_control(v: u64) -> u64 {
    in_range(v, 0, b' ')
}

/// The bytes below the `k`-th byte of a word (`k` < 8).
#[inline]
fn before(k: u32) -> u64 {
    (1u64 << (8 * k)) - 1
}

/// The token `t` starts with ends where? (at the first whitespace byte, or the
/// end) With the flags of `found` seen within it.
#[inline]
fn token_end(t: &[u8], found: impl Fn(u64) -> u64) -> (usize, bool) {
    let mut pos = 0;
    let mut seen = false;
    while pos < t.len() {
        let v = load(t, pos);
        let hits = found(v);
        let mut cand = space_or_control(v);
        while cand != 0 {
            let k = cand.trailing_zeros() / 8;
            let p = pos + k as usize;
            if p >= t.len() || class(t[p]) & WS != 0 {
                return (p.min(t.len()), seen || hits & before(k) != 0);
            }
            cand &= cand - 1;
        }
        seen |= hits != 0;
        pos += 8;
    }
    (t.len(), seen)
}

/// Where the token `t` starts with ends, and whether it holds a digit.
#[inline]
pub(super) fn token_digits(t: &[u8]) -> (usize, bool) {
    token_end(t, |v| in_range(v, b'0', b'9'))
}

/// Where the token `t` starts with ends, and whether it holds a byte that a
/// logger's name is not made of (`NAME`: letters, digits, `. _ $ - :`).
#[inline]
pub(super) fn token_not_name(t: &[u8]) -> (usize, bool) {
    token_end(t, |v| {
        let name = in_range(v | (ONES * 0x20), b'a', b'z')
            | in_range(v, b'0', b':')
            | in_range(v, b'-', b'.')
            | in_range(v, b'$', b'$')
            | in_range(v, b'_', b'_');
        !name & HIGH
    })
}

#[cfg(test)]
mod tests {
    use super::super::{DIGIT, NAME};
    use super::*;

    /// The same answers byte by byte from the class table.
    fn plain(t: &[u8], bits: u16, has: bool) -> (usize, bool) {
        let end = t
            .iter()
            .position(|&b| class(b) & WS != 0)
            .unwrap_or(t.len());
        (end, t[..end].iter().any(|&b| (class(b) & bits != 0) == has))
    }

    #[test]
    fn the_word_scans_agree_with_the_class_table() {
        let alphabet: Vec<u8> = (0..=255u8).collect();
        let mut rng = crate::test_rng::XorShift(0x9e37_79b9_7f4a_7c15);
        let mut next = |n: usize| rng.pick(n);
        for _ in 0..200_000 {
            let len = next(40);
            let t: Vec<u8> = (0..len)
                .map(|_| match next(4) {
                    0 => alphabet[next(256)],
                    1 => b" \t\n\x0b\x0c\r\x00\x1f"[next(8)],
                    2 => b"09/\"'~.:a$_-@[`{Z"[next(16)],
                    _ => b'a' + next(26) as u8,
                })
                .collect();
            assert_eq!(token_digits(&t), plain(&t, DIGIT, true), "{t:?}");
            assert_eq!(token_not_name(&t), plain(&t, NAME, false), "{t:?}");
        }
    }
}
