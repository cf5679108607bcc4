//! A text line's key hashed by vector instructions: the key's bytes (each
//! ASCII digit as `0`, as `line_key` writes them) are made 32 at a time with
//! AVX2 and never written out, and folded sixteen at a time into a 128-bit
//! state by one AES round each. The two halves of the state are the key's two
//! hashes (`KeyHasher::hashes`): what `line_key` and a `foldhash` pass over
//! the written key gave, in one pass.
//!
//! A round is a bijection of the state for a given block, so two keys of one
//! length that differ in a block differ in the state after it, and every later
//! block keeps them apart; the length is in the first state.

use std::arch::x86_64::*;

/// Whether this CPU has what `hashes` needs (asked once per `KeyHasher`).
pub(super) fn available() -> bool {
    std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("aes")
}

const SEED: (i64, i64) = (0x243f_6a88_85a3_08d3, 0x1319_8a2e_0370_7344);
/// Round keys: one for the blocks, three for the rounds after the last.
const KEYS: [(i64, i64); 4] = [
    (
        0xa409_3822_299f_31d0_u64 as i64,
        0x082e_fa98_ec4e_6c89_u64 as i64,
    ),
    (0x4528_21e6_38d0_1377, 0xbe54_66cf_34e9_0c6c_u64 as i64),
    (0xc0ac_29b7_c97c_50dd_u64 as i64, 0x3f84_d5b5_b547_0917),
    (
        0x9216_d5d9_8979_fb1b_u64 as i64,
        0xd131_0ba6_98df_b5ac_u64 as i64,
    ),
];

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
    let key = |k: (i64, i64)| _mm_set_epi64x(k.1, k.0);
    let round = key(KEYS[0]);
    let mut s = _mm_set_epi64x(SEED.1, SEED.0 ^ n as i64);
    let p = line.as_ptr();
    let mut i = 0;
    while i + 32 <= n {
        // SAFETY: `i + 32 <= n`: in bounds; an unaligned load.
        let v = zero_digits_256(unsafe { _mm256_loadu_si256(p.add(i).cast()) });
        s = _mm_aesenc_si128(_mm_xor_si128(s, _mm256_castsi256_si128(v)), round);
        s = _mm_aesenc_si128(_mm_xor_si128(s, _mm256_extracti128_si256::<1>(v)), round);
        i += 32;
    }
    if i + 16 <= n {
        // SAFETY: `i + 16 <= n`.
        let v = zero_digits_128(unsafe { _mm_loadu_si128(p.add(i).cast()) });
        s = _mm_aesenc_si128(_mm_xor_si128(s, v), round);
        i += 16;
    }
    if i < n {
        let left = n - i;
        let v = if n >= 16 {
            // The line's last sixteen bytes, those hashed already cleared.
            // SAFETY: `n >= 16`: bytes `n - 16..n` are the line's.
            let v = unsafe { _mm_loadu_si128(p.add(n - 16).cast()) };
            let at = _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
            let keep = _mm_cmpgt_epi8(at, _mm_set1_epi8((15 - left) as i8));
            _mm_and_si128(v, keep)
        } else {
            let mut b = [0u8; 16];
            b[..n].copy_from_slice(line);
            // SAFETY: sixteen bytes of `b`.
            unsafe { _mm_loadu_si128(b.as_ptr().cast()) }
        };
        s = _mm_aesenc_si128(_mm_xor_si128(s, zero_digits_128(v)), round);
    }
    for k in &KEYS[1..] {
        s = _mm_aesenc_si128(s, key(*k));
    }
    (
        _mm_cvtsi128_si64(s) as u64,
        _mm_extract_epi64::<1>(s) as u64,
    )
}
