//! What a search (`/`) or a filter costs over a whole source: the records
//! whose bytes as written match (the run-wide regex alone, what search did
//! before it matched the shown text too), then the records matching as
//! written or as shown (`search::Pattern::matching`), each over runs of
//! 65,536 records as the worker walks them; median of 3 runs, wall time and
//! the process's CPU time (on a loaded machine the CPU time says more).
//!
//! `cargo bench --bench search -- FILE PATTERN...` (data:
//! `cargo run --release --example gen_logs -- --size-scale 0.125 --only app-1g.log,json-1g.log DIR`).

use std::sync::Arc;
use std::time::{Duration, Instant};

use casefile::index::Zone;
use casefile::search::Pattern;
use casefile::source::{self, Input, LoadOptions, Settings, SourceSpec};

const RUN: usize = 1 << 16;

/// User + system CPU of this process so far, from `/proc/self/stat` (as
/// `benches/patterns.rs` reads it; 10 ms ticks).
fn cpu() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which may hold spaces) start after ") ".
    let rest = stat.rsplit_once(") ").map_or("", |(_, r)| r);
    let ticks: u64 = rest
        .split(' ')
        .skip(11)
        .take(2)
        .filter_map(|x| x.parse::<u64>().ok())
        .sum();
    Duration::from_millis(ticks * 10)
}

/// Median wall and CPU time of 3 runs of `f`, and what it returned.
fn time(mut f: impl FnMut() -> usize) -> (f64, f64, usize) {
    let mut n = 0;
    let (mut wall, mut cpus): (Vec<Duration>, Vec<Duration>) = (0..3)
        .map(|_| {
            let (t, c) = (Instant::now(), cpu());
            n = f();
            (t.elapsed(), cpu() - c)
        })
        .unzip();
    wall.sort();
    cpus.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    (ms(wall[1]), ms(cpus[1]), n)
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let Some((file, patterns)) = args.split_first() else {
        eprintln!("usage: cargo bench --bench search -- FILE PATTERN...");
        std::process::exit(2);
    };
    let spec = SourceSpec {
        name: "bench".into(),
        input: Input::Files(vec![file.into()]),
        settings: Settings::default(),
    };
    let opts = LoadOptions {
        zone: Zone::Fixed(0),
        ..LoadOptions::default()
    };
    let (parts, warnings) = source::open(&spec).expect("source opens");
    let src = source::index(&spec, Arc::new(parts), warnings, &opts, |_| {});
    let n = src.index.len();
    let runs = (0..n)
        .filter(|&i| casefile::search::Shown::is_written_run(&src, i))
        .count();
    println!(
        "{file}: {n} records, {} ({} threads); {runs} shown as a run of their bytes",
        src.detection.format.name(),
        rayon::current_num_threads()
    );
    for pattern in patterns {
        let ci = !pattern.chars().any(char::is_uppercase);
        let p = Pattern::new(pattern, ci).expect("valid pattern");
        let walk = |shown: bool| {
            let mut rows = Vec::new();
            for lo in (0..n).step_by(RUN) {
                let hi = (lo + RUN).min(n);
                if shown {
                    p.matching(&src, lo, hi, &mut rows);
                } else {
                    p.matching_as_written(&src, lo, hi, &mut rows);
                }
            }
            rows.len()
        };
        let (raw, raw_cpu, raw_n) = time(|| walk(false));
        let (both, both_cpu, both_n) = time(|| walk(true));
        println!(
            "/{pattern}/: as written {raw:.0} ms (CPU {raw_cpu:.0} ms, {raw_n} records); \
             as written or shown {both:.0} ms (CPU {both_cpu:.0} ms, {both_n} records)"
        );
    }
}
