//! A text line's key hashed by vector instructions (`pattern::aes_hash`): the
//! key's bytes (each ASCII digit as `0`, as `line_key` writes them) are made 32
//! at a time with AVX2 and never written out.

use std::arch::x86_64::*;

use crate::pattern::aes_hash::{absorb, finish, start};

pub(super) use crate::pattern::aes_hash::available;

/// `v` with each ASCII digit as `0`: a byte `x` with `x - '0'` below 10
/// (unsigned) loses its low four bits.
#[inline]
#[target_feature(enable = "avx2")]
fn zero_digits_256(v: __m256i) -> __m256i {
    let t = _mm256_sub_epi8(v, _mm256_set1_epi8(b'0' as i8));
    let digit = _mm256_cmpeq_epi8(_mm256_min_epu8(t, _mm256_set1_epi8(9)), t);
    _mm256_andnot_si256(_mm256_and_si256(digit, _mm256_set1_epi8(0x0f)), v)
}

#[inline]
#[target_feature(enable = "avx2")]
fn zero_digits_128(v: __m128i) -> __m128i {
    let t = _mm_sub_epi8(v, _mm_set1_epi8(b'0' as i8));
    let digit = _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8(9)), t);
    _mm_andnot_si128(_mm_and_si128(digit, _mm_set1_epi8(0x0f)), v)
}

/// The two hashes of `line`'s key. Only for a CPU with AVX2 and AES
/// (`available`).
#[target_feature(enable = "avx2,aes")]
pub(super) fn hashes(line: &[u8]) -> (u64, u64) {
    let n = line.len();
    let mut s = start(n);
    let p = line.as_ptr();
    let mut i = 0;
    while i + 32 <= n {
        // SAFETY: `i + 32 <= n`: in bounds; an unaligned load.
        let v = zero_digits_256(unsafe { _mm256_loadu_si256(p.add(i).cast()) });
        s = absorb(s, _mm256_castsi256_si128(v));
        s = absorb(s, _mm256_extracti128_si256::<1>(v));
        i += 32;
    }
    if i + 16 <= n {
        // SAFETY: `i + 16 <= n`.
        s = absorb(
            s,
            zero_digits_128(unsafe { _mm_loadu_si128(p.add(i).cast()) }),
        );
        i += 16;
    }
    if i < n {
        let left = n - i;
        let v = if n >= 16 {
            // The line's last sixteen bytes, those hashed already cleared.
            // SAFETY: `n >= 16`: bytes `n - 16..n` are the line's.
            let v = unsafe { _mm_loadu_si128(p.add(n - 16).cast()) };
            let at = _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
            _mm_and_si128(v, _mm_cmpgt_epi8(at, _mm_set1_epi8((15 - left) as i8)))
        } else {
            let mut b = [0u8; 16];
            b[..n].copy_from_slice(line);
            // SAFETY: sixteen bytes of `b`.
            unsafe { _mm_loadu_si128(b.as_ptr().cast()) }
        };
        s = absorb(s, zero_digits_128(v));
    }
    finish(s)
}
