//! Silence detection over 10 million records in four sources (issue 14's
//! figure: under 300 ms once indexed). `cargo bench --bench silences`.
//!
//! The records' times are generated in memory (a busy source at ~50 ms, one
//! at ~200 ms with a rate change, a bursty one, a sparse one; stops injected),
//! so this measures the detector over times as the index hands them out, not
//! reading or indexing files.

use std::time::Instant;

use casefile::silence::detect::{DEFAULT_FLOOR, gaps};
use casefile::time::NANOS_PER_SEC;
use rayon::prelude::*;

fn source(seed: u64, n: usize, mean_ms: u64) -> Vec<i64> {
    let mut x = seed;
    let mut t: i64 = 1_700_000_000 * NANOS_PER_SEC;
    (0..n)
        .map(|i| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let mean = if i > n / 2 { mean_ms * 2 } else { mean_ms };
            t += (x % (2 * mean * 1_000_000)) as i64;
            if i % 500_000 == 0 {
                t += 90 * NANOS_PER_SEC;
            }
            t
        })
        .collect()
}

fn main() {
    let sizes = [
        (4_000_000, 50),
        (3_000_000, 200),
        (2_500_000, 20),
        (500_000, 2000),
    ];
    let sources: Vec<Vec<i64>> = sizes
        .iter()
        .enumerate()
        .map(|(k, &(n, ms))| source(0x9e37_79b9 + k as u64, n, ms))
        .collect();
    let end = sources.iter().filter_map(|s| s.last().copied()).max();
    let total: usize = sources.iter().map(Vec::len).sum();
    let mut runs = Vec::new();
    let mut found = 0;
    for _ in 0..7 {
        let t0 = Instant::now();
        let g: Vec<_> = sources
            .par_iter()
            .map(|s| gaps(s.iter().copied().enumerate(), end, DEFAULT_FLOOR))
            .collect();
        runs.push(t0.elapsed().as_secs_f64() * 1000.0);
        found = g.iter().map(Vec::len).sum();
    }
    runs.sort_by(f64::total_cmp);
    println!(
        "silence detection: {total} records in 4 sources, {found} silences; median {:.1} ms, best {:.1} ms, worst {:.1} ms (7 runs)",
        runs[3], runs[0], runs[6]
    );
}
