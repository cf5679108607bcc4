//! Pattern mining beside indexing, in one process (issue 14's figure: mining a
//! 1 GiB source within the time `casefile index` takes on it).
//!
//! ```text
//! cargo bench --bench patterns -- FILE...
//! ```
//!
//! ```text
//! cargo bench --bench patterns -- --rounds N FILE...
//! ```
//!
//! times indexing then mining, back to back, N rounds a file, and prints the
//! median of the rounds' ratios: the figure, robust to the machine's drift.
//!
//! Otherwise, per file: indexing (`source::open` + `source::index`, both cores) and mining
//! (`pattern::mine_source`, chunks on both cores), each run three times, best
//! wall time and its CPU time (user + system of the whole process, from
//! `/proc/self/stat`, 10 ms ticks) printed side by side; then mining on one
//! thread, as that thread's CPU nanoseconds per record. Best of three, so the first run warms the
//! page cache. Then, on one thread, what each stage of mining costs per record
//! (each row adds one stage to the one above): reading the record's first line,
//! finding its message (or reading a JSON line), masking it, and adding it to a
//! miner.
//!
//! ```text
//! cargo bench --bench patterns -- --cpu N FILE...
//! ```
//!
//! indexes once, then mines N times on one worker and prints its CPU per
//! record (best and median): builds compared on a busy machine, and mining
//! profiled alone (`perf record`).
//!
//! ```text
//! cargo bench --bench patterns -- --keys N FILE...
//! ```
//!
//! times the JSON line key alone (`json_line::JsonKeys::hashes`) over the
//! file's lines read into memory, N passes on one thread, and prints the best
//! and median pass's nanoseconds per line: the key's builds compared without
//! the rest of mining.
//!
//! ```text
//! valgrind --tool=callgrind --toggle-collect='*counted*' target/release/deps/patterns-* --count WHAT FILE
//! ```
//!
//! counts the instructions of one stage alone, on one thread, for comparing
//! builds where wall time is noisy: `walk` (each record's first line and time,
//! as mining reads them), `message`, `mask`, `miner` (one miner for the whole
//! file, no chunks), `chunks=N` (`mine_in_chunks` with N records a chunk) or
//! `source` (`mine_source`). Each includes the stages before it.

use std::path::Path;
use std::time::{Duration, Instant};

use casefile::format::Format;
use casefile::index::Zone;
use casefile::pattern::json_line::JsonReader;
use casefile::pattern::mask::{Masked, mask_into, message};
use casefile::pattern::{Miner, mine_in_chunks, mine_source};
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

/// CPU time of this thread so far, in ns (`/proc/thread-self/schedstat`):
/// on a busy machine a thread's wall time counts the neighbours too.
fn thread_cpu() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split(' ').next().and_then(|x| x.parse().ok()))
        .unwrap_or(0.0)
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

/// Nanoseconds per record of mining's stages, cumulative, on this thread.
fn stages(src: &Source) -> [f64; 4] {
    let n = src.index.len();
    let mut out = [0.0; 4];
    for (stage, o) in out.iter_mut().enumerate() {
        let t0 = thread_cpu();
        std::hint::black_box(pass(src, stage));
        *o = (thread_cpu() - t0) / n.max(1) as f64;
    }
    out
}

/// One stage of mining over every record (see the module's doc): what
/// callgrind counts with `--toggle-collect='*counted*'`.
#[inline(never)]
fn counted(src: &Source, what: &str) -> usize {
    if let Some(k) = what.strip_prefix("chunks=") {
        let k = k.parse().expect("chunks=N");
        return mine_in_chunks(src, k).templates.len();
    }
    if what == "source" {
        return mine_source(src).templates.len();
    }
    let stage = ["walk", "message", "mask", "miner"]
        .iter()
        .position(|s| *s == what)
        .expect("walk, message, mask, miner, chunks=N or source");
    pass(src, stage)
}

/// Mining's stages up to `stage` (walk, message, mask, miner) over every record.
fn pass(src: &Source, stage: usize) -> usize {
    let n = src.index.len();
    let json = matches!(src.detection.format, Format::Json(_));
    let (mut reader, mut text, mut m) = (JsonReader::default(), Vec::new(), Masked::default());
    let mut miner = Miner::new();
    let mut sum = 0usize;
    for (line, time) in src.first_lines(0..n) {
        sum += time.map_or(0, |t| t as usize);
        if stage == 0 {
            sum += line.len();
            continue;
        }
        let msg = if json && reader.read(line, &mut text) {
            &text[..]
        } else {
            message(line)
        };
        if stage == 1 {
            sum += msg.len();
            continue;
        }
        mask_into(msg, &mut m);
        if stage == 2 {
            sum += m.text.len();
            continue;
        }
        sum += miner.add_masked(&m, 1) as usize;
    }
    sum
}

/// Mining's CPU per record on one worker (`mine_source` in a one-thread
/// pool), `runs` times over one index: the thread's own CPU time, which a
/// busy neighbour core barely moves, for comparing builds; and, run under
/// `perf record`, a profile of mining without indexing's samples.
fn cpu_of(path: &Path, runs: usize) {
    let src = index_now(path);
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a one-thread pool");
    let n = src.index.len().max(1) as f64;
    let mut per: Vec<f64> = (0..runs)
        .map(|_| {
            one.install(|| {
                let t0 = thread_cpu();
                std::hint::black_box(mine_source(&src));
                (thread_cpu() - t0) / n
            })
        })
        .collect();
    per.sort_by(f64::total_cmp);
    println!(
        "{}: {} records, mining on one worker: best {:.1} ns/record, median {:.1} of {runs}",
        path.display(),
        src.index.len(),
        per[0],
        per[per.len() / 2]
    );
}

/// The JSON line key's cost alone: `runs` passes over `path`'s lines (in
/// memory), each line's two hashes, nanoseconds a line of the best and the
/// median pass.
fn keys_of(path: &Path, runs: usize) {
    let data = std::fs::read(path).expect("the file");
    let lines: Vec<&[u8]> = data
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .collect();
    let mut keys = casefile::pattern::json_line::JsonKeys::default();
    let mut keyed = 0;
    let mut per: Vec<f64> = (0..runs.max(1))
        .map(|_| {
            let t0 = Instant::now();
            keyed = 0;
            for l in &lines {
                keyed += usize::from(std::hint::black_box(keys.hashes(l)).is_some());
            }
            t0.elapsed().as_nanos() as f64 / lines.len().max(1) as f64
        })
        .collect();
    per.sort_by(f64::total_cmp);
    println!(
        "{}: {} lines ({keyed} keyed), key alone: best {:.1} ns/line, median {:.1} of {}",
        path.display(),
        lines.len(),
        per[0],
        per[per.len() / 2],
        per.len()
    );
}

/// `rounds` rounds of indexing then mining, each timed (after one round that
/// is not counted: it fills the page cache): the two run back to back, so the
/// ratio of a round holds however fast the machine is at that moment, where
/// separate runs drift (this VM's speed changes by tens of percent within
/// minutes). Prints each round, then the median ratio.
fn rounds_of(path: &Path, rounds: usize) {
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    println!("| {name} | index wall | mine wall | mine ÷ index |");
    println!("|---|---:|---:|---:|");
    let mut ratios = Vec::new();
    for round in 0..=rounds {
        let t0 = Instant::now();
        let src = index_now(path);
        let iw = t0.elapsed();
        let t1 = Instant::now();
        std::hint::black_box(mine_source(&src));
        let mw = t1.elapsed();
        drop(src);
        if round == 0 {
            continue;
        }
        let r = mw.as_secs_f64() / iw.as_secs_f64();
        println!("| round {round} | {} | {} | {r:.2} |", s(iw), s(mw));
        ratios.push(r);
    }
    ratios.sort_by(f64::total_cmp);
    let median = ratios[ratios.len() / 2];
    println!(
        "| median of {rounds} | | | **{median:.2}** (range {:.2}–{:.2}) |",
        ratios[0],
        ratios[ratios.len() - 1]
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(k) = args.iter().position(|a| a == "--count") {
        let (what, file) = (&args[k + 1], &args[k + 2]);
        let src = index_now(Path::new(file));
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .expect("a one-thread pool");
        let r = one.install(|| counted(&src, what));
        println!("{what}: {r} ({} records)", src.index.len());
        return;
    }
    if let Some(k) = args.iter().position(|a| a == "--cpu") {
        let runs: usize = args[k + 1].parse().expect("--cpu N");
        for f in &args[k + 2..] {
            cpu_of(Path::new(f), runs);
        }
        return;
    }
    if let Some(k) = args.iter().position(|a| a == "--keys") {
        let runs: usize = args[k + 1].parse().expect("--keys N");
        for f in &args[k + 2..] {
            keys_of(Path::new(f), runs);
        }
        return;
    }
    if let Some(k) = args.iter().position(|a| a == "--rounds") {
        let rounds = args[k + 1].parse().expect("--rounds N");
        for f in &args[k + 2..] {
            rounds_of(Path::new(f), rounds);
        }
        return;
    }
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
    let mut stage_rows = Vec::new();
    println!(
        "| file | records | index wall | index CPU | mine wall | mine CPU | mine ÷ index (wall) | mine, 1 thread (CPU) | templates |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for f in &files {
        let path = Path::new(f);
        let (iw, ic, src) = best(3, || index_now(path));
        let (mw, mc, mined) = best(3, || mine_source(&src));
        let w1 = one.install(|| {
            let t0 = thread_cpu();
            mine_source(&src);
            thread_cpu() - t0
        });
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
            w1 / n.max(1) as f64,
            mined.templates.len(),
        );
        stage_rows.push((path.to_path_buf(), stages(&src)));
    }
    println!();
    println!(
        "| file (one thread, ns per record, cumulative) | first line | + message | + mask | + miner (one miner, no chunks) |"
    );
    println!("|---|---:|---:|---:|---:|");
    for (p, s) in stage_rows {
        println!(
            "| {} | {:.0} | {:.0} | {:.0} | {:.0} |",
            p.file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
            s[0],
            s[1],
            s[2],
            s[3]
        );
    }
}
