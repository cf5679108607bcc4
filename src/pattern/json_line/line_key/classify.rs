//! A JSON line's bytes classed 64 at a time for its key (`super`): quotes,
//! control bytes, backslashes, `=`, bytes above 0x7f, digits and value bytes, a bit
//! each, with the line's digits written as `0`; by vector instructions on
//! x86_64 (16, 32 or 64 bytes at a time, as wide as the CPU goes), a byte at a
//! time elsewhere (and as their tests' reference).

/// Which bytes of 64 are what, a bit each.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub(super) struct Classes {
    pub quote: u64,
    /// A byte below 0x20.
    pub special: u64,
    pub backslash: u64,
    /// A byte above 0x7f (then the line must be UTF-8).
    pub high: u64,
    pub digit: u64,
    /// Not a value byte (hex digits, `. - _ + x X`).
    pub not_value: u64,
    /// `=`.
    pub equals: u64,
}

/// The classes of 64 bytes, and the bytes with every digit as `0` into
/// `canonical`, one byte at a time (other targets, and the check of the
/// vector version).
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
pub(super) fn classify_bytes(b: &[u8; 64], canonical: &mut [u8; 64]) -> Classes {
    let mut c = Classes::default();
    for (k, &x) in b.iter().enumerate() {
        let bit = 1u64 << k;
        let digit = x.is_ascii_digit();
        let value = x.is_ascii_hexdigit() || matches!(x, b'.' | b'-' | b'_' | b'+' | b'x' | b'X');
        c.quote |= if x == b'"' { bit } else { 0 };
        c.special |= if x < 0x20 { bit } else { 0 };
        c.backslash |= if x == b'\\' { bit } else { 0 };
        c.high |= if x > 0x7f { bit } else { 0 };
        c.digit |= if digit { bit } else { 0 };
        c.not_value |= if value { 0 } else { bit };
        c.equals |= if x == b'=' { bit } else { 0 };
        canonical[k] = if digit { b'0' } else { x };
    }
    c
}

#[cfg(target_arch = "x86_64")]
#[allow(unsafe_code)]
mod sse2 {
    use super::{Classes, Width};
    use std::arch::x86_64::*;

    /// `classify_bytes`, sixteen bytes at a time.
    #[target_feature(enable = "sse2")]
    fn classify_sse2(b: &[u8; 64], canonical: &mut [u8; 64]) -> Classes {
        let splat = |c: u8| _mm_set1_epi8(c as i8);
        // `x - lo` below `n`, unsigned, as a signed compare of `x - lo - 0x80`.
        let below = |x: __m128i, lo: u8, n: u8| {
            _mm_cmplt_epi8(
                _mm_sub_epi8(x, splat(lo.wrapping_add(0x80))),
                splat(n.wrapping_add(0x80)),
            )
        };
        let bits = |m: __m128i, at: usize| u64::from(_mm_movemask_epi8(m) as u16) << at;
        let mut c = Classes::default();
        for at in [0, 16, 32, 48] {
            // SAFETY: `at + 16 <= 64`, in bounds of both arrays; unaligned
            // loads and stores.
            let v = unsafe { _mm_loadu_si128(b.as_ptr().add(at).cast()) };
            let eq = |c: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(c as i8));
            let digit = below(v, b'0', 10);
            let lower = _mm_or_si128(v, splat(0x20));
            let value = _mm_or_si128(
                _mm_or_si128(digit, below(lower, b'a', 6)),
                _mm_or_si128(
                    _mm_or_si128(_mm_cmpeq_epi8(lower, splat(b'x')), eq(b'.')),
                    _mm_or_si128(_mm_or_si128(eq(b'-'), eq(b'+')), eq(b'_')),
                ),
            );
            c.quote |= bits(eq(b'"'), at);
            // Below 0x20, unsigned: the unsigned minimum with 0x1f is itself.
            let control = _mm_cmpeq_epi8(_mm_min_epu8(v, splat(0x1f)), v);
            c.special |= bits(control, at);
            c.backslash |= bits(eq(b'\\'), at);
            c.equals |= bits(eq(b'='), at);
            c.high |= bits(v, at);
            c.digit |= bits(digit, at);
            c.not_value |= bits(value, at);
            // A digit loses its low four bits: `0`.
            let zeroed = _mm_andnot_si128(_mm_and_si128(digit, splat(0x0f)), v);
            // SAFETY: as the load.
            unsafe { _mm_storeu_si128(canonical.as_mut_ptr().add(at).cast(), zeroed) };
        }
        c.not_value = !c.not_value;
        c
    }

    // A byte's classes for the nibble lookups: those of its low nibble's row
    // and its high nibble's row both.
    const DIGIT: i8 = 1;
    const HEX: i8 = 2; // a-f, A-F
    const SIGN: i8 = 4; // + - .
    const X: i8 = 8; // x X
    const UNDERSCORE: i8 = 16;
    const BACKSLASH: i8 = 64;
    const VALUE: i8 = DIGIT | HEX | SIGN | X | UNDERSCORE;
    #[rustfmt::skip]
    const BY_LOW: [i8; 16] = [
        DIGIT, DIGIT | HEX, DIGIT | HEX, DIGIT | HEX, DIGIT | HEX, DIGIT | HEX, DIGIT | HEX, DIGIT,
        DIGIT | X, DIGIT, 0, SIGN, BACKSLASH, SIGN, SIGN, UNDERSCORE,
    ];
    #[rustfmt::skip]
    const BY_HIGH: [i8; 16] = [
        0, 0, SIGN, DIGIT, HEX, X | UNDERSCORE | BACKSLASH, HEX, X,
        0, 0, 0, 0, 0, 0, 0, 0,
    ];

    /// A lookup row in a vector register.
    #[inline]
    #[target_feature(enable = "sse2")]
    fn table(row: &[i8; 16]) -> __m128i {
        // SAFETY: sixteen bytes, in bounds; an unaligned load.
        unsafe { _mm_loadu_si128(row.as_ptr().cast()) }
    }

    /// `classify_bytes`, thirty-two bytes at a time, the value bytes, digits
    /// and backslashes found by two nibble lookups (a byte's class bits are those
    /// of its low nibble's row and its high nibble's row both).
    #[target_feature(enable = "avx2")]
    fn classify_avx2(b: &[u8; 64], canonical: &mut [u8; 64]) -> Classes {
        let by_low = _mm256_broadcastsi128_si256(table(&BY_LOW));
        let by_high = _mm256_broadcastsi128_si256(table(&BY_HIGH));
        let splat = |c: i8| _mm256_set1_epi8(c);
        let bits = |m: __m256i, at: usize| u64::from(_mm256_movemask_epi8(m) as u32) << at;
        let mut c = Classes::default();
        for at in [0, 32] {
            // SAFETY: `at + 32 <= 64`, in bounds of both arrays; unaligned
            // loads and stores.
            let v = unsafe { _mm256_loadu_si256(b.as_ptr().add(at).cast()) };
            let nibble = splat(0x0f);
            let low = _mm256_shuffle_epi8(by_low, _mm256_and_si256(v, nibble));
            let high_nibble = _mm256_and_si256(_mm256_srli_epi16::<4>(v), nibble);
            let class = _mm256_and_si256(low, _mm256_shuffle_epi8(by_high, high_nibble));
            let has = |bit: i8| _mm256_cmpeq_epi8(_mm256_and_si256(class, splat(bit)), splat(bit));
            let digit = has(DIGIT);
            c.quote |= bits(_mm256_cmpeq_epi8(v, splat(b'"' as i8)), at);
            // Below 0x20, unsigned: the unsigned minimum with 0x1f is itself.
            let control = _mm256_cmpeq_epi8(_mm256_min_epu8(v, splat(0x1f)), v);
            c.special |= bits(control, at);
            c.backslash |= bits(has(BACKSLASH), at);
            c.equals |= bits(_mm256_cmpeq_epi8(v, splat(b'=' as i8)), at);
            c.high |= bits(v, at);
            c.digit |= bits(digit, at);
            let none = _mm256_setzero_si256();
            c.not_value |= bits(
                _mm256_cmpeq_epi8(_mm256_and_si256(class, splat(VALUE)), none),
                at,
            );
            // A digit loses its low four bits: `0`.
            let zeroed = _mm256_andnot_si256(_mm256_and_si256(digit, nibble), v);
            // SAFETY: as the load.
            unsafe { _mm256_storeu_si256(canonical.as_mut_ptr().add(at).cast(), zeroed) };
        }
        c
    }

    /// `classify_avx2`'s nibble lookups on all 64 bytes at once, each class
    /// straight into a mask register (no `movemask` a class and half).
    #[target_feature(enable = "avx512f,avx512bw")]
    fn classify_avx512(b: &[u8; 64], canonical: &mut [u8; 64]) -> Classes {
        let by_low = _mm512_broadcast_i32x4(table(&BY_LOW));
        let by_high = _mm512_broadcast_i32x4(table(&BY_HIGH));
        let splat = |c: i8| _mm512_set1_epi8(c);
        // SAFETY: 64 bytes, in bounds; an unaligned load.
        let v = unsafe { _mm512_loadu_si512(b.as_ptr().cast()) };
        let nibble = splat(0x0f);
        let low = _mm512_shuffle_epi8(by_low, _mm512_and_si512(v, nibble));
        let high_nibble = _mm512_and_si512(_mm512_srli_epi16::<4>(v), nibble);
        let class = _mm512_and_si512(low, _mm512_shuffle_epi8(by_high, high_nibble));
        let digit = _mm512_test_epi8_mask(class, splat(DIGIT));
        let c = Classes {
            quote: _mm512_cmpeq_epi8_mask(v, splat(b'"' as i8)),
            special: _mm512_cmplt_epu8_mask(v, splat(0x20)),
            backslash: _mm512_test_epi8_mask(class, splat(BACKSLASH)),
            high: _mm512_movepi8_mask(v),
            digit,
            not_value: _mm512_testn_epi8_mask(class, splat(VALUE)),
            equals: _mm512_cmpeq_epi8_mask(v, splat(b'=' as i8)),
        };
        let zeroed = _mm512_mask_mov_epi8(v, digit, splat(b'0' as i8));
        // SAFETY: as the load.
        unsafe { _mm512_storeu_si512(canonical.as_mut_ptr().cast(), zeroed) };
        c
    }

    /// The widest classing this CPU runs (asked once per `LineKey`).
    pub(crate) fn widest() -> Width {
        // The key's scan is compiled for the bit instructions of each
        // width's CPUs too (`LineKey::scan`).
        let bits = std::arch::is_x86_feature_detected!("bmi1")
            && std::arch::is_x86_feature_detected!("bmi2")
            && std::arch::is_x86_feature_detected!("lzcnt")
            && std::arch::is_x86_feature_detected!("popcnt");
        if bits
            && std::arch::is_x86_feature_detected!("avx512f")
            && std::arch::is_x86_feature_detected!("avx512bw")
        {
            Width::Avx512
        } else if bits && std::arch::is_x86_feature_detected!("avx2") {
            Width::Avx2
        } else {
            Width::Sse2
        }
    }

    #[inline]
    pub(crate) fn classify(b: &[u8; 64], canonical: &mut [u8; 64], width: Width) -> Classes {
        match width {
            // SAFETY: `Avx512` is only given when the CPU has AVX-512 F and
            // BW (`widest`, and tests that ask it first).
            Width::Avx512 => unsafe { classify_avx512(b, canonical) },
            // SAFETY: likewise for AVX2.
            Width::Avx2 => unsafe { classify_avx2(b, canonical) },
            // SAFETY: SSE2 is part of x86_64 itself: every x86_64 CPU has it.
            Width::Sse2 => unsafe { classify_sse2(b, canonical) },
        }
    }
}

/// How many bytes a vector instruction classes at once: 16, 32, 64.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub(super) enum Width {
    Sse2,
    Avx2,
    Avx512,
}

#[cfg(target_arch = "x86_64")]
pub(super) use sse2::{classify, widest};

#[cfg(not(target_arch = "x86_64"))]
pub(super) fn classify(b: &[u8; 64], canonical: &mut [u8; 64], _: Width) -> Classes {
    classify_bytes(b, canonical)
}

#[cfg(not(target_arch = "x86_64"))]
pub(super) fn widest() -> Width {
    Width::Sse2
}
