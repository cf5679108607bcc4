//! A key written by AVX-512's byte compression (`vpcompressb`): each 64 bytes
//! of the canonical line become their kept bytes in one instruction, where
//! `LineKey::write_key` copies the runs between skipped bytes one by one.

use super::{MAX_LINE, WORDS};

/// Whether this CPU can write keys so.
pub(super) fn available() -> bool {
    #[cfg(target_arch = "x86_64")]
    return std::arch::is_x86_feature_detected!("avx512f")
        && std::arch::is_x86_feature_detected!("avx512bw")
        && std::arch::is_x86_feature_detected!("avx512vbmi2");
    #[cfg(not(target_arch = "x86_64"))]
    false
}

/// Writes the bytes of `canonical[..n]` whose bits in `skip` are clear to the
/// start of `key`; returns how many. Only for a CPU where `available`.
#[cfg(target_arch = "x86_64")]
#[allow(unsafe_code)]
#[target_feature(enable = "avx512f,avx512bw,avx512vbmi2")]
pub(super) fn write_key(
    canonical: &[u8; MAX_LINE + 64],
    skip: &[u64; WORDS],
    n: usize,
    key: &mut [u8; MAX_LINE + 64],
) -> usize {
    use std::arch::x86_64::*;
    assert!(n <= MAX_LINE, "a line the key takes");
    let mut j = 0;
    for (k, &skipped) in skip.iter().enumerate().take(n.div_ceil(64)) {
        let at = k * 64;
        let mut keep = !skipped;
        if n - at < 64 {
            keep &= (1u64 << (n - at)) - 1;
        }
        // SAFETY: `at + 64 <= n.div_ceil(64) * 64 <= MAX_LINE + 64`: a load in
        // bounds; the store, at `j <= at`, too.
        unsafe {
            let v = _mm512_loadu_si512(canonical.as_ptr().add(at).cast());
            _mm512_storeu_si512(
                key.as_mut_ptr().add(j).cast(),
                _mm512_maskz_compress_epi8(keep, v),
            );
        }
        j += keep.count_ones() as usize;
    }
    j
}

/// Never called: `available` is false off x86_64.
#[cfg(not(target_arch = "x86_64"))]
pub(super) fn write_key(
    _: &[u8; MAX_LINE + 64],
    _: &[u64; WORDS],
    _: usize,
    _: &mut [u8; MAX_LINE + 64],
) -> usize {
    unreachable!("no byte compression off x86_64")
}
