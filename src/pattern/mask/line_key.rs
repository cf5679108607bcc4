//! A text line's key: the line with every ASCII digit replaced by `0` in place
//! (its length kept), hashed eight bytes at a time as the key is built.
//!
//! Guarantee (tested on every corpus line and on random lines): if
//! `line_key(a) == line_key(b)` and `mask_into(message(a))` holds no ASCII
//! digit, then `message(b)` starts and ends where `message(a)` does and
//! `mask_into(message(b))` gives the same text and tokens. So a hit skips both
//! `message` and masking. Why, branch by branch: the two lines hold the same
//! bytes except at positions where both hold a digit, so any test of a byte
//! that only asks "whitespace?", "digit?" or a class every digit shares, or
//! that looks at a non-digit byte, answers alike on both.
//! - `message`: tokens end at whitespace (never a digit) and `token_digits`
//!   says whether a token holds a digit: the same tokens and flags. `is_level`
//!   and `is_header_word` are asked only of a token without a digit (the
//!   `!digit &&` and `digit ||` before them), so of equal bytes; `skipped`
//!   counts the same tokens.
//! - `after_level`: the first byte's `NAME` class and `token_not_name` (digits
//!   are name bytes), a token ending in `:` or `.` or holding a `.` (not
//!   digits), the `]`/`:`/`[` search within 200 bytes (same positions, as the
//!   length is kept) and `trim_start` (whitespace) all answer alike.
//! - So the messages are the same slices of their lines, with equal in-place
//!   keys, hence equal digit keys (`digit_key`), and `digit_key`'s guarantee
//!   gives the masked text.

use super::swar::digits;

/// Mixes words into the hash (as foldhash does, a 128-bit product folded).
const MUL: u64 = 0x9e37_79b9_7f4a_7c15;
const SEED: u64 = 0x243f_6a88_85a3_08d3;

#[inline]
fn fold(h: u64, w: u64) -> u64 {
    let p = u128::from(h ^ w) * u128::from(MUL);
    (p as u64) ^ (p >> 64) as u64
}

/// `v` with each ASCII digit byte turned to `0` (0x30: its low four bits cleared).
#[inline]
fn zero_digits(v: u64) -> u64 {
    v & !((digits(v) >> 7) * 0x0f)
}

/// Writes the key of `line` into `key[..line.len()]` and returns its hash.
/// `key` only grows (to the longest line plus a word), so nothing is cleared
/// or allocated per line; the key is `&key[..line.len()]`.
#[inline]
pub fn line_key(line: &[u8], key: &mut Vec<u8>) -> u64 {
    let n = line.len();
    if key.len() < n + 8 {
        key.resize(n + 8, 0);
    }
    let mut h = SEED ^ n as u64;
    let mut words = line.chunks_exact(8);
    let mut at = 0;
    for w in &mut words {
        let k = zero_digits(u64::from_le_bytes(w.try_into().expect("eight bytes")));
        key[at..at + 8].copy_from_slice(&k.to_le_bytes());
        h = fold(h, k);
        at += 8;
    }
    let rest = words.remainder();
    if !rest.is_empty() {
        let v = if n >= 8 {
            // The last eight bytes, shifted so that only the ones not yet
            // read remain (zeros above them).
            let w = u64::from_le_bytes(line[n - 8..].try_into().expect("eight bytes"));
            w >> (8 * (8 - rest.len()))
        } else {
            rest.iter().rev().fold(0, |v, &b| v << 8 | u64::from(b))
        };
        let k = zero_digits(v);
        key[at..at + 8].copy_from_slice(&k.to_le_bytes());
        h = fold(h, k);
    }
    fold(h, MUL.rotate_left(32))
}

#[cfg(test)]
mod tests;
