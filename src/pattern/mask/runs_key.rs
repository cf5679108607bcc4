//! A short text line's runs key: the line with every maximal run of ASCII
//! digits after its first ASCII letter as one `0` (`INFO [exec-3] took 7ms`
//! and `INFO [exec-10] took 12ms` alike), the digits before that letter (a
//! timestamp's) each as `0` in place, the rest as it is; a line with more than
//! `MAX_RUNS` runs after that letter is keyed with every digit in place, as
//! `line_key` does. Built only for lines of at most `MAX_LINE` (128) bytes.
//!
//! Not used by mining yet: looked up before `line_key` it took 7% of the
//! instructions off the generated app log but added 3–12% on Loghub's lines
//! (docs/BENCHMARKS.md, "A text line key that holds for numbers of other
//! lengths").
//!
//! Guarantee (tested on every corpus line and on random lines renumbered with
//! runs of other lengths): if `a` and `b` are at most `MAX_LINE` bytes long
//! (any bound up to `CONTEXT_WINDOW`, 200, would do), have the same runs key,
//! and `mask_into(message(a))` holds no ASCII digit, then `message(b)` starts
//! where `message(a)` does up to the lengths of the digit runs before it, and
//! `mask_into(message(b))` gives the same text and tokens. So a hit would skip
//! `message`, the digit key and masking.
//!
//! Why. First, the two lines have the same *collapsed* key (every run of digits
//! as one `0`, `digit_key` of the whole line). Both keys are in the same form
//! (the number of runs after the first letter is the number of `0`s after it
//! in either form, and the form's seed is hashed in). In place, equal keys are
//! equal lines up to digits' values. Collapsed: the part before the first
//! letter holds no letter and the part after starts with one, so both keys
//! have their first letter at the same place, the parts before it are equal
//! in place and the parts after it equal collapsed; no run crosses the letter. So `a` and
//! `b` hold the same bytes in the same order but that each run of digits may
//! hold other digits and another number of them: they split into the same
//! whitespace tokens, in the same order, each holding a digit in both or in
//! neither, and a token without a digit is the same bytes in both. Then,
//! branch by branch:
//! - `message`'s header loop: `token_digits` gives the same tokens and flags;
//!   `is_level` and `is_header_word` are asked only of a token without a digit
//!   (the `!digit &&` and `digit ||` before them), so of equal bytes; `skipped`
//!   counts tokens, not bytes. Same decisions, on the same token.
//! - `after_level`: the first byte's `NAME` class and `token_not_name` (every
//!   digit is a name byte), a token ending in `:` or `.` or holding a `.` (its
//!   last byte is a digit in both or in neither), `after` being empty and
//!   `trim_start` (whitespace) answer alike. The context bracket is where
//!   positions count: `]`, `:` or `[` is looked for only within 200 bytes
//!   after the `[`, and the digit runs between them can move the `]` across
//!   that bound (`[req-1 …]` found, `[req-12345678901234 …]` not: the tests
//!   have such a pair). In a line of at most 200 bytes the `[` is followed by
//!   fewer than 200 bytes, so the window holds the rest of the line and the
//!   search finds the same byte in both lines. A longer line is not keyed.
//! - So each message starts after a non-digit byte (whitespace, a `]`) or at
//!   the line's start, never inside a run, at the same place of the collapsed
//!   key, and runs to the line's end: its digit key is the collapsed key's
//!   suffix from there, the same for both (past the first letter, the runs
//!   key's own suffix: `digit_key_from`), and `digit_key`'s guarantee gives
//!   the masked text.
//!
//! Built without a byte loop: AVX2 (else SSE2) finds the digits and letters (a
//! bit each, 128 bits a line) and writes the line with each digit as `0`; the
//! key copies the runs of bytes kept between the digits dropped (a run's
//! second digit on, after the first letter), sixteen at a time; two hashes of
//! it (for the lookup and its check) are folded in one pass. Keeping the
//! timestamp's digits in place spares most of the runs to drop (seven of a
//! generated app log line's ten).

use super::CONTEXT_WINDOW;

/// Longest line keyed: a bit per byte fits one `u128`, and the generated app
/// log's lines all fit (Loghub's longer lines, full of numbers, repeat whole
/// and cost less in place). At most `CONTEXT_WINDOW` (see the module's doc).
pub const MAX_LINE: usize = 128;
const _: () = assert!(MAX_LINE <= CONTEXT_WINDOW);
/// Buffers: the longest line, and room for a last whole copy or load past it.
const ROOM: usize = MAX_LINE + 32;

/// Lines with more runs of digits after their first letter than this keep
/// them in place: dropping runs costs a copy each, and such lines (Loghub's
/// block ids, addresses, timings) mostly repeat whole.
const MAX_RUNS: u32 = 7;

/// Mixes sixteen bytes into the hash (as foldhash does: a 128-bit product
/// folded), and into the check with a 64-bit one.
const MUL: u64 = 0x9e37_79b9_7f4a_7c15;
const MUL2: u64 = 0xbf58_476d_1ce4_e5b9;
const SEED: u64 = 0x243f_6a88_85a3_08d3;
const SEED2: u64 = 0x1319_8a2e_0370_7344;
/// The seed of a key kept in place (`MAX_RUNS`).
const SEED_IN_PLACE: u64 = 0xa409_3822_299f_31d0;

#[inline]
fn fold(h: u64, a: u64, b: u64) -> u64 {
    let p = u128::from(h ^ a) * u128::from(b ^ MUL);
    (p as u64) ^ (p >> 64) as u64
}

/// Builds runs keys, reusing its buffers (nothing is allocated per line).
pub struct RunsKey {
    /// The line with each digit as `0`.
    canonical: [u8; ROOM],
    /// A bit per byte of the line: a digit after a digit past the first
    /// letter (left out of the key).
    dropped: u128,
    key: [u8; ROOM],
    len: usize,
    /// Where the first ASCII letter is (the line's length if none).
    letter: usize,
    /// The last key is the canonical line (more than `MAX_RUNS` runs).
    in_place: bool,
    /// The CPU has AVX2: 32 bytes classified at a time, not 16.
    avx2: bool,
}

impl Default for RunsKey {
    fn default() -> RunsKey {
        RunsKey {
            canonical: [0; ROOM],
            dropped: 0,
            key: [0; ROOM],
            len: 0,
            letter: 0,
            in_place: false,
            avx2: has_avx2(),
        }
    }
}

impl RunsKey {
    /// Builds the key of `line` and returns its two hashes (the lookup's and
    /// the check's), or None for a line longer than `MAX_LINE` (the key does
    /// not vouch for it; its key is then undefined).
    #[inline]
    pub fn build(&mut self, line: &[u8]) -> Option<(u64, u64)> {
        let n = line.len();
        if n > MAX_LINE {
            return None;
        }
        let (digits, letters) = classify(line, &mut self.canonical, self.avx2);
        self.letter = if letters == 0 {
            n
        } else {
            letters.trailing_zeros() as usize
        };
        // Bits at or past the first letter.
        let past = (!0u128).checked_shl(self.letter as u32).unwrap_or(0);
        let after = digits & (digits << 1);
        self.dropped = after & past;
        // Runs counted up to one past the most (no `popcnt` in baseline x86_64).
        let (mut starts, mut runs) = (digits & !after & past, 0);
        while starts != 0 && runs <= MAX_RUNS {
            starts &= starts - 1;
            runs += 1;
        }
        if runs > MAX_RUNS {
            // Kept in place: the canonical line is the key.
            self.len = n;
            self.in_place = true;
            self.canonical[n..n + 16].fill(0);
            return Some(hashes(&self.canonical, n, SEED_IN_PLACE));
        }
        self.in_place = false;
        self.write_key(n);
        Some(hashes(&self.key, self.len, SEED))
    }

    /// The key of the last line built.
    pub fn key(&self) -> &[u8] {
        if self.in_place {
            &self.canonical[..self.len]
        } else {
            &self.key[..self.len]
        }
    }

    /// `digit_key` of the last line built from byte `from` on, where `from`
    /// is not a digit after a digit (a message's start never is): the key's
    /// suffix from where that byte went, if `from` is not before the first
    /// letter (where digits are kept in place).
    pub fn digit_key_from(&self, from: usize) -> Option<&[u8]> {
        if from < self.letter || self.in_place {
            return None;
        }
        let before = if from == 0 {
            0
        } else {
            (self.dropped << (128 - from)).count_ones() as usize
        };
        Some(&self.key[from - before..self.len])
    }

    /// Copies the canonical line's bytes not dropped into `key`, zeros past it.
    #[inline]
    fn write_key(&mut self, n: usize) {
        let (mut j, mut from) = (0, 0);
        let mut bits = self.dropped;
        while bits != 0 {
            let a = bits.trailing_zeros();
            // The dropped run from `a`.
            let run = (!(bits >> a)).trailing_zeros();
            j = self.copy(from, a as usize, j);
            from = (a + run) as usize;
            bits &= (!0u128).checked_shl(a + run).unwrap_or(0);
        }
        self.len = self.copy(from, n, j);
        self.key[self.len..self.len + 16].fill(0);
    }

    /// Copies `canonical[from..to]` to `key[j..]` sixteen bytes at a time (the
    /// bytes past `to` are overwritten later or past the key); returns the
    /// key's new end.
    #[inline]
    fn copy(&mut self, from: usize, to: usize, j: usize) -> usize {
        let (mut i, mut o) = (from, j);
        while i < to {
            let w: [u8; 16] = self.canonical[i..i + 16].try_into().expect("16 bytes");
            self.key[o..o + 16].copy_from_slice(&w);
            i += 16;
            o += 16;
        }
        j + (to - from)
    }
}

/// The two hashes (the lookup's and the check's) of the key `buf[..n]`, with
/// zeros past it to a multiple of sixteen bytes, sixteen bytes a step.
#[inline]
fn hashes(buf: &[u8; ROOM], n: usize, seed: u64) -> (u64, u64) {
    let (mut h, mut h2) = (seed ^ n as u64, SEED2 ^ seed ^ n as u64);
    for b in buf[..n.div_ceil(16) * 16].chunks_exact(16) {
        let a = u64::from_le_bytes(b[..8].try_into().expect("8 bytes"));
        let b = u64::from_le_bytes(b[8..].try_into().expect("8 bytes"));
        h = fold(h, a, b);
        h2 = (h2 ^ a).wrapping_mul(MUL2).rotate_left(29) ^ b;
    }
    // The check's last word mixed in, its bits spread (murmur3's finisher).
    let mut c = (h2 ^ (h2 >> 31)).wrapping_mul(MUL);
    c = (c ^ (c >> 29)).wrapping_mul(MUL2);
    (fold(h, MUL.rotate_left(32), SEED), c ^ (c >> 32))
}

/// Writes `line` (at most `MAX_LINE` bytes) with each ASCII digit as `0`
/// into `canonical`; returns its digits and its ASCII letters, a bit each.
#[inline]
fn classify(line: &[u8], canonical: &mut [u8; ROOM], avx2: bool) -> (u128, u128) {
    #[cfg(target_arch = "x86_64")]
    if line.len() >= 16 {
        return simd::classify(line, canonical, avx2);
    }
    let _ = avx2;
    classify_bytes(line, canonical)
}

/// `classify` one byte at a time (short lines, other targets, and the check
/// of the vector versions).
fn classify_bytes(line: &[u8], canonical: &mut [u8; ROOM]) -> (u128, u128) {
    let (mut digits, mut letters) = (0, 0);
    for (k, (&b, o)) in line.iter().zip(canonical.iter_mut()).enumerate() {
        digits |= u128::from(b.is_ascii_digit()) << k;
        letters |= u128::from(b.is_ascii_alphabetic()) << k;
        *o = if b.is_ascii_digit() { b'0' } else { b };
    }
    (digits, letters)
}

#[cfg(target_arch = "x86_64")]
fn has_avx2() -> bool {
    std::arch::is_x86_feature_detected!("avx2")
}

#[cfg(not(target_arch = "x86_64"))]
fn has_avx2() -> bool {
    false
}

#[cfg(target_arch = "x86_64")]
#[allow(unsafe_code)]
mod simd {
    use super::ROOM;
    use std::arch::x86_64::*;

    /// `classify_bytes` of a line of 16 to `MAX_LINE` bytes, 32 bytes at a
    /// time with AVX2 (a line of 32 bytes or more), else sixteen. The last
    /// block is read ending at the line's end, so no load runs past it
    /// (bits and bytes written twice are the same).
    #[inline]
    pub(super) fn classify(line: &[u8], canonical: &mut [u8; ROOM], avx2: bool) -> (u128, u128) {
        debug_assert!((16..=super::MAX_LINE).contains(&line.len()));
        if avx2 && line.len() >= 32 {
            // SAFETY: `avx2` is true only when the CPU has AVX2 (`has_avx2`).
            unsafe { classify_avx2(line, canonical) }
        } else {
            // SAFETY: SSE2 is part of x86_64 itself: every x86_64 CPU has it.
            unsafe { classify_sse2(line, canonical) }
        }
    }

    #[target_feature(enable = "sse2")]
    fn classify_sse2(line: &[u8], canonical: &mut [u8; ROOM]) -> (u128, u128) {
        let splat = |c: u8| _mm_set1_epi8(c as i8);
        // `x - lo` below `n`, unsigned, as a signed compare shifted by 0x80.
        let below = |x: __m128i, lo: u8, n: u8| {
            _mm_cmplt_epi8(_mm_sub_epi8(x, splat(lo ^ 0x80)), splat(n ^ 0x80))
        };
        let n = line.len();
        let (mut digits, mut letters) = (0u128, 0u128);
        let mut at = 0;
        loop {
            // The last block ends at the line's end; its bits for bytes
            // before `at` are shifted out.
            let (from, shift) = if at + 16 <= n {
                (at, 0)
            } else {
                (n - 16, at + 16 - n)
            };
            let b: &[u8; 16] = line[from..from + 16].try_into().expect("16 bytes");
            let out: &mut [u8; 16] = (&mut canonical[from..from + 16])
                .try_into()
                .expect("16 bytes");
            // SAFETY: sixteen bytes each way; unaligned loads and stores.
            let v = unsafe { _mm_loadu_si128(b.as_ptr().cast()) };
            let digit = below(v, b'0', 10);
            let letter = below(_mm_or_si128(v, splat(0x20)), b'a', 26);
            // A digit loses its low four bits: `0`.
            let zeroed = _mm_andnot_si128(_mm_and_si128(digit, splat(0x0f)), v);
            // SAFETY: as the load.
            unsafe { _mm_storeu_si128(out.as_mut_ptr().cast(), zeroed) };
            digits |= u128::from(_mm_movemask_epi8(digit) as u16 >> shift) << at;
            letters |= u128::from(_mm_movemask_epi8(letter) as u16 >> shift) << at;
            at += 16;
            if at >= n {
                return (digits, letters);
            }
        }
    }

    #[target_feature(enable = "avx2")]
    fn classify_avx2(line: &[u8], canonical: &mut [u8; ROOM]) -> (u128, u128) {
        let splat = |c: u8| _mm256_set1_epi8(c as i8);
        // `x - lo` below `n`, unsigned, as a signed compare shifted by 0x80.
        let below = |x: __m256i, lo: u8, n: u8| {
            _mm256_cmpgt_epi8(splat(n ^ 0x80), _mm256_sub_epi8(x, splat(lo ^ 0x80)))
        };
        let n = line.len();
        let (mut digits, mut letters) = (0u128, 0u128);
        let mut at = 0;
        loop {
            // The last block ends at the line's end; its bits for bytes
            // before `at` are shifted out.
            let (from, shift) = if at + 32 <= n {
                (at, 0)
            } else {
                (n - 32, at + 32 - n)
            };
            let b: &[u8; 32] = line[from..from + 32].try_into().expect("32 bytes");
            let out: &mut [u8; 32] = (&mut canonical[from..from + 32])
                .try_into()
                .expect("32 bytes");
            // SAFETY: 32 bytes each way; unaligned loads and stores.
            let v = unsafe { _mm256_loadu_si256(b.as_ptr().cast()) };
            let digit = below(v, b'0', 10);
            let letter = below(_mm256_or_si256(v, splat(0x20)), b'a', 26);
            // A digit loses its low four bits: `0`.
            let zeroed = _mm256_andnot_si256(_mm256_and_si256(digit, splat(0x0f)), v);
            // SAFETY: as the load.
            unsafe { _mm256_storeu_si256(out.as_mut_ptr().cast(), zeroed) };
            digits |= u128::from(_mm256_movemask_epi8(digit) as u32 >> shift) << at;
            letters |= u128::from(_mm256_movemask_epi8(letter) as u32 >> shift) << at;
            at += 32;
            if at >= n {
                return (digits, letters);
            }
        }
    }
}

#[cfg(test)]
mod tests;
