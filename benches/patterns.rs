//! Pattern mining beside indexing, in one process (issue 14's figure: mining a
//! 1 GiB source within the time `casefile index` takes on it).
//!
//! ```text
//! cargo bench --bench patterns -- FILE...
//! ```
//!
//! Per file: indexing (`source::open` + `source::index`, both cores) and mining
//! (`pattern::mine_source`, chunks on both cores), each run three times, best
//! wall time and its CPU time (user + system of the whole process, from
//! `/proc/self/stat`, 10 ms ticks) printed side by side; then mining on one
//! thread, as nanoseconds per record. Best of three, so the first run warms the
//! page cache.

use std::path::Path;
use std::time::{Duration, Instant};

use casefile::index::Zone;
use casefile::pattern::mine_source;
use casefile::source::{self, Input, LoadOptions, Settings, Source, SourceSpec};

/// User + system CPU of this process so far, from `/proc/self/stat`.
fn cpu() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which may hold spaces) start after ") ".
    let rest = stat.rsplit_once(") ").map_or("", |(_, r)| r);
    let f: Vec<u64> = rest
        .split(' ')
        .skip(11)
        .take(2)
        .filter_map(|x| x.parse().ok())
        .collect();
    // USER_HZ is 100 on Linux.
    Duration::from_millis(f.iter().sum::<u64>() * 10)
}

fn index_now(path: &Path) -> Source {
    let spec = SourceSpec {
        name: path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        input: Input::Files(vec![path.to_path_buf()]),
        settings: Settings::default(),
    };
    let opts = LoadOptions {
        zone: Zone::Fixed(0),
        ..LoadOptions::default()
    };
    let (parts, warnings) = source::open(&spec).expect("benchmark file opens");
    source::index(&spec, std::sync::Arc::new(parts), warnings, &opts, |_| {})
}

/// Best of `runs` by wall time: (wall, CPU, result).
fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, Duration, T) {
    let mut out: Option<(Duration, Duration, T)> = None;
    for _ in 0..runs {
        let (t0, c0) = (Instant::now(), cpu());
        let r = f();
        let (wall, c) = (t0.elapsed(), cpu().saturating_sub(c0));
        if out.as_ref().is_none_or(|(w, _, _)| wall < *w) {
            out = Some((wall, c, r));
        }
    }
    out.expect("at least one run")
}

fn s(d: Duration) -> String {
    format!("{:.3} s", d.as_secs_f64())
}

fn main() {
    let files: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    if files.is_empty() {
        eprintln!("usage: cargo bench --bench patterns -- FILE...");
        std::process::exit(2);
    }
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a one-thread pool");
    println!(
        "| file | records | index wall | index CPU | mine wall | mine CPU | mine ÷ index (wall) | mine, 1 thread | templates |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for f in &files {
        let path = Path::new(f);
        let (iw, ic, src) = best(3, || index_now(path));
        let (mw, mc, mined) = best(3, || mine_source(&src));
        let (w1, _, _) = best(1, || one.install(|| mine_source(&src)));
        let n = src.index.len();
        println!(
            "| {} | {} | {} | {} | {} | {} | {:.2} | {:.0} ns/record | {} |",
            path.file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
            n,
            s(iw),
            s(ic),
            s(mw),
            s(mc),
            mw.as_secs_f64() / iw.as_secs_f64(),
            w1.as_secs_f64() * 1e9 / n.max(1) as f64,
            mined.templates.len(),
        );
    }
}
