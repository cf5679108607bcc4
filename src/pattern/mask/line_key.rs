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
//!   counts the same tokens. After a tag, whether a token with a digit is a
//!   word (`is_message_word`) asks of its letters, `/`, `:` and `]` only. A host before a `program[pid]:` tag: the tag's
//!   `]:`, `[` and whether the bytes between are all digits answer alike;
//!   so do an RFC 5424 line's `<PRI>VERSION` (`<`, `>`, all digits), its
//!   tokens and its structured data's `[`, `]`, `"` and `\`, and, without
//!   `<PRI>VERSION`, its procid's first byte (digit or `-`) and bytes (all
//!   digits), its msgid's letters and its first element's `@` and digits.
//! - `after_level`: the first byte's `NAME` class and `token_not_name` (digits
//!   are name bytes), a token ending in `:` or `.` or holding a `.` (not
//!   digits), the `]`/`:`/`[` search and the nested `[`/`]` count within 200
//!   bytes (same positions, as the length is kept) and `trim_start` (whitespace) all answer alike.
//! - `is_dated_header` (a message that came out empty): where digits are,
//!   the bytes around them, `is_level` of tokens without one and letters.
//! - So the messages are the same slices of their lines, with equal in-place
//!   keys, hence equal digit keys (`digit_key`), and `digit_key`'s guarantee
//!   gives the masked text.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;
/// Mixes words into the hash (as foldhash does: a 128-bit product folded).
const MUL: u64 = 0x9e37_79b9_7f4a_7c15;
const SEED: u64 = 0x243f_6a88_85a3_08d3;

/// Sixteen bytes into the hash with one multiplication.
#[inline]
fn fold(h: u64, a: u64, b: u64) -> u64 {
    let p = u128::from(h ^ a) * u128::from(b ^ MUL);
    (p as u64) ^ (p >> 64) as u64
}

/// `v` with each ASCII digit byte turned to `0` (0x30: its low four bits
/// cleared). Xored with `0x30`, a digit is a byte below 10: high bit clear,
/// and still clear after 10 is taken from it with its high bit set (which
/// keeps bytes from borrowing from each other).
#[inline]
fn zero_digits(v: u64) -> u64 {
    let t = v ^ (ONES * 0x30);
    let digit = !(t | ((t | HIGH) - ONES * 0x0a)) & HIGH;
    v & !((digit >> 7) * 0x0f)
}

#[inline]
fn word(b: &[u8]) -> u64 {
    u64::from_le_bytes(b.try_into().expect("eight bytes"))
}

/// Writes the key of `line` into `key[..line.len()]` and returns its hash.
/// `key` only grows (to the longest line plus 16 bytes), so nothing is
/// cleared or allocated per line; the key is `&key[..line.len()]`.
#[inline]
pub fn line_key(line: &[u8], key: &mut Vec<u8>) -> u64 {
    let n = line.len();
    if key.len() < n + 16 {
        key.resize(n + 16, 0);
    }
    let mut h = SEED ^ n as u64;
    let mut pairs = line.chunks_exact(16);
    let mut out = key.chunks_exact_mut(16);
    for (p, o) in (&mut pairs).zip(&mut out) {
        let (a, b) = (zero_digits(word(&p[..8])), zero_digits(word(&p[8..])));
        o[..8].copy_from_slice(&a.to_le_bytes());
        o[8..].copy_from_slice(&b.to_le_bytes());
        h = fold(h, a, b);
    }
    let rest = pairs.remainder();
    if !rest.is_empty() {
        let r = rest.len();
        // The line's last eight bytes, shifted so that only the ones not yet
        // read remain (zeros above them); a line shorter than that, byte by byte.
        let last = |from: usize| {
            if n >= 8 {
                word(&line[n - 8..]) >> (8 * (8 - (n - from)))
            } else {
                line[from..]
                    .iter()
                    .rev()
                    .fold(0, |v, &b| v << 8 | u64::from(b))
            }
        };
        let (a, b) = if r > 8 {
            (word(&rest[..8]), last(n - r + 8))
        } else {
            (last(n - r), 0)
        };
        let (a, b) = (zero_digits(a), zero_digits(b));
        let at = n - r;
        key[at..at + 8].copy_from_slice(&a.to_le_bytes());
        key[at + 8..at + 16].copy_from_slice(&b.to_le_bytes());
        h = fold(h, a, b);
    }
    fold(h, MUL.rotate_left(32), SEED)
}

/// A text line's key known by two 64-bit hashes (128 bits), as the worker's
/// cache (`pattern::cache`) looks it up and checks it: by vector instructions
/// where the CPU has them (`vector`), else `line_key` and a second hash of the
/// key it writes. The hashes hold for one process: the two ways differ.
#[derive(Debug)]
pub struct KeyHasher {
    vector: bool,
    key: Vec<u8>,
}

impl Default for KeyHasher {
    fn default() -> KeyHasher {
        #[cfg(target_arch = "x86_64")]
        let vector = vector::available();
        #[cfg(not(target_arch = "x86_64"))]
        let vector = false;
        KeyHasher {
            vector,
            key: Vec::new(),
        }
    }
}

impl KeyHasher {
    /// The two hashes of `line`'s key: lines with one key have equal hashes.
    #[inline]
    pub fn hashes(&mut self, line: &[u8]) -> (u64, u64) {
        #[cfg(target_arch = "x86_64")]
        if self.vector {
            // SAFETY: `vector` is true only when the CPU has AVX2 and AES
            // (`vector::available`).
            #[allow(unsafe_code)]
            return unsafe { vector::hashes(line) };
        }
        let h = line_key(line, &mut self.key);
        (h, crate::pattern::cache::check(&self.key[..line.len()]))
    }

    /// The same hasher without vector instructions (tests compare the two).
    #[cfg(test)]
    pub fn scalar() -> KeyHasher {
        KeyHasher {
            vector: false,
            key: Vec::new(),
        }
    }
}

#[cfg(target_arch = "x86_64")]
#[allow(unsafe_code)]
mod vector;

#[cfg(test)]
mod tests;
