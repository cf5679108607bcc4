//! Keys hashed to 128 bits by AES rounds, where the CPU has AVX2 and AES: a
//! 16-byte block is folded into the state by one round (`_mm_aesenc_si128`,
//! two instructions a block), and three rounds after the last mix every bit;
//! the state's halves are a key's two hashes (the cache's look-up and check).
//! A round is a bijection of the state for a given block, so two keys of one
//! length that differ in a block differ in the state after it, and every later
//! block keeps them apart; the length is in the first state.
//!
//! The hashes hold for one process: callers take them or their scalar hashes,
//! by `available`, for every key.

#![allow(unsafe_code)]

use std::arch::x86_64::*;

/// Whether this CPU has what the hashes need.
pub(crate) fn available() -> bool {
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

#[inline]
#[target_feature(enable = "avx2,aes")]
fn key(k: (i64, i64)) -> __m128i {
    _mm_set_epi64x(k.1, k.0)
}

/// The first state of a key of `len` bytes.
#[inline]
#[target_feature(enable = "avx2,aes")]
pub(crate) fn start(len: usize) -> __m128i {
    _mm_set_epi64x(SEED.1, SEED.0 ^ len as i64)
}

/// `block` folded into state `s`.
#[inline]
#[target_feature(enable = "avx2,aes")]
pub(crate) fn absorb(s: __m128i, block: __m128i) -> __m128i {
    _mm_aesenc_si128(_mm_xor_si128(s, block), key(KEYS[0]))
}

/// The two hashes of a key whose blocks made state `s`.
#[inline]
#[target_feature(enable = "avx2,aes")]
pub(crate) fn finish(mut s: __m128i) -> (u64, u64) {
    for k in &KEYS[1..] {
        s = _mm_aesenc_si128(s, key(*k));
    }
    (
        _mm_cvtsi128_si64(s) as u64,
        _mm_extract_epi64::<1>(s) as u64,
    )
}

/// `v` with its bytes from `keep` on cleared (`keep` at most 16).
#[inline]
#[target_feature(enable = "avx2,aes")]
pub(crate) fn low(v: __m128i, keep: usize) -> __m128i {
    let at = _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    _mm_and_si128(v, _mm_cmplt_epi8(at, _mm_set1_epi8(keep as i8)))
}

/// The two hashes of `buf[..len]`; `buf` holds at least `len` rounded up to
/// sixteen bytes (what lies past `len` is not hashed).
#[target_feature(enable = "avx2,aes")]
pub(crate) fn hashes(buf: &[u8], len: usize) -> (u64, u64) {
    assert!(
        buf.len() >= len.next_multiple_of(16),
        "room for whole blocks"
    );
    let mut s = start(len);
    let p = buf.as_ptr();
    let mut i = 0;
    while i + 16 <= len {
        // SAFETY: `i + 16 <= len <= buf.len()`: an unaligned load in bounds.
        s = absorb(s, unsafe { _mm_loadu_si128(p.add(i).cast()) });
        i += 16;
    }
    if i < len {
        // SAFETY: `i + 16 <= len.next_multiple_of(16) <= buf.len()`.
        let v = unsafe { _mm_loadu_si128(p.add(i).cast()) };
        s = absorb(s, low(v, len - i));
    }
    finish(s)
}
