//! Following a log that grows (`F`, `R`): what each read of a grown log
//! costs, read whole (open, index, mine: every read before stop 45) and read
//! on from where the last read stopped (`source::extend`,
//! `pattern::mine_resumable`), in the same run.
//!
//! ```text
//! cargo bench --bench follow -- [--rounds N] [--lines N] [--block BYTES] FILE
//! ```
//!
//! copies FILE to `FILE.follow` beside it, then each round appends N lines
//! (default 1000: FILE's last N lines again, so they are of its shapes and
//! times) and reads the copy both ways, checking that both give the same
//! records and templates; prints each round's wall times and the medians.
//! With `--block BYTES`, each round appends BYTES of those lines instead,
//! going on where the last round stopped, as a writer that flushes blocks
//! does: the copy ends inside a line at (almost) every read, whose record a
//! read on reads again. The copy is removed at the end.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;
use std::time::{Duration, Instant};

use casefile::index::Zone;
use casefile::pattern::{Resumable, SourcePatterns, mine_resumable};
use casefile::source::{self, Input, LoadOptions, Settings, Source, SourceSpec};

fn spec(path: &Path) -> SourceSpec {
    SourceSpec {
        name: "follow".into(),
        input: Input::Files(vec![path.to_path_buf()]),
        settings: Settings::default(),
    }
}

fn opts() -> LoadOptions {
    LoadOptions {
        zone: Zone::Fixed(0),
        ..LoadOptions::default()
    }
}

/// Open, index and mine the whole file.
fn whole(path: &Path) -> (Source, SourcePatterns, Resumable) {
    let spec = spec(path);
    let (parts, warnings) = source::open(&spec).expect("opens");
    let src = source::index(&spec, Arc::new(parts), warnings, &opts(), |_| {});
    let (p, r) = mine_resumable(&src, None, &AtomicUsize::new(0));
    (src, p, r)
}

/// Open, read on from `old` and mine on from its templates.
fn on(
    path: &Path,
    old: &(Source, SourcePatterns, Resumable),
) -> (Source, SourcePatterns, Resumable) {
    let spec = spec(path);
    let (parts, warnings) = source::open(&spec).expect("opens");
    let parts = Arc::new(parts);
    let resume = source::resume_point(&old.0, &parts).expect("the copy only grew");
    let src =
        source::extend(&spec, parts.clone(), warnings, &opts(), resume, |_| {}).expect("read on");
    let (p, r) = mine_resumable(&src, Some((&old.1, &old.2)), &AtomicUsize::new(0));
    (src, p, r)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let mut args = std::env::args().skip(1).filter(|a| a != "--bench");
    let (mut rounds, mut lines, mut file) = (5usize, 1000usize, None);
    let mut block: Option<usize> = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--rounds" => {
                rounds = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .expect("--rounds N")
            }
            "--lines" => lines = args.next().and_then(|n| n.parse().ok()).expect("--lines N"),
            "--block" => {
                block = Some(
                    args.next()
                        .and_then(|n| n.parse().ok())
                        .expect("--block BYTES"),
                )
            }
            f => file = Some(PathBuf::from(f)),
        }
    }
    let Some(file) = file else {
        eprintln!(
            "usage: cargo bench --bench follow -- [--rounds N] [--lines N] [--block BYTES] FILE"
        );
        std::process::exit(2);
    };
    let bytes = std::fs::read(&file).expect("read FILE");
    // FILE's last `lines` lines, appended each round.
    let mut at = bytes.len().saturating_sub(1);
    for _ in 0..lines {
        match memchr::memrchr(b'\n', &bytes[..at]) {
            Some(n) => at = n,
            None => {
                at = 0;
                break;
            }
        }
    }
    let tail = bytes[at..]
        .strip_prefix(b"\n")
        .unwrap_or(&bytes[at..])
        .to_vec();
    let copy = file.with_extension("follow");
    std::fs::write(&copy, &bytes).expect("write the copy");
    drop(bytes);
    let mut last = whole(&copy);
    let each = match block {
        Some(b) => format!("{b} bytes of its last {lines} lines, cut inside a line"),
        None => format!("{} bytes ({lines} lines)", tail.len()),
    };
    println!(
        "{}: {} records; each round appends {each}",
        file.display(),
        last.0.index.len(),
    );
    // Where in `tail`, read round and round, the next block begins.
    let mut from = 0;
    println!("| round | records | read whole (s) | read on (s) |");
    println!("|---:|---:|---:|---:|");
    let (mut whole_t, mut on_t) = (Vec::new(), Vec::new());
    for k in 1..=rounds {
        std::fs::OpenOptions::new()
            .append(true)
            .open(&copy)
            .and_then(|mut f| match block {
                Some(b) => {
                    let bytes: Vec<u8> = (from..from + b).map(|i| tail[i % tail.len()]).collect();
                    from = (from + b) % tail.len();
                    f.write_all(&bytes)
                }
                None => f.write_all(&tail),
            })
            .expect("append");
        let t = Instant::now();
        let w = whole(&copy);
        let tw = t.elapsed();
        let t = Instant::now();
        let o = on(&copy, &last);
        let to = t.elapsed();
        assert_eq!(o.0.index.len(), w.0.index.len(), "records");
        assert_eq!(o.1, w.1, "templates");
        println!(
            "| {k} | {} | {:.3} | {:.3} |",
            w.0.index.len(),
            tw.as_secs_f64(),
            to.as_secs_f64()
        );
        whole_t.push(tw);
        on_t.push(to);
        last = o;
    }
    let (mw, mo) = (median(whole_t), median(on_t));
    println!(
        "median: read whole {:.3} s, read on {:.3} s ({:.0}× less)",
        mw.as_secs_f64(),
        mo.as_secs_f64(),
        mw.as_secs_f64() / mo.as_secs_f64().max(1e-9)
    );
    let _ = std::fs::remove_file(&copy);
}
