//! A bounded, deterministic fuzz run of the real binary (issue 12): real logs
//! from ../shared/corpus, mutated (byte flips, truncation, escape and control
//! bytes, invalid UTF-8, huge lines, corrupt gzip/zstd), through `index --json`
//! and `merge --json`. casefile must never die by a signal or panic, must print
//! valid JSON, must never print raw control bytes, and exits 0 or 1 (1 with a
//! message on stderr).
//!
//! CI runs `CASEFILE_FUZZ_RUNS` cases (default 24, a few seconds); run longer with
//! `CASEFILE_FUZZ_RUNS=2000 CASEFILE_FUZZ_SEED=7 cargo test --release --test fuzz_headless`.
//! Failing inputs are kept under target/tmp/fuzz-failures/ to reproduce.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::*;

/// splitmix64: small, deterministic, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn corpus_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| {
            panic!(
                "{}: {e} (the fuzz run needs ../shared/corpus)",
                dir.display()
            )
        })
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            corpus_files(&p, out);
        } else if p.is_file() {
            out.push(p);
        }
    }
}

/// Byte strings a terminal or a parser might trip on.
const NASTY: &[&[u8]] = &[
    b"\x1b[2J",
    b"\x1b]52;c;aGFja2Vk\x07",
    b"\x1b]0;title\x1b\\",
    b"\xc2\x9b31m",
    b"\x07",
    b"\x00",
    b"\r",
    b"\x7f",
    b"\xff\xfe",
    b"\xc0\xaf",
    b"\xe2\x82",
    b"\xef\xbb\xbf",
    b"9223372036854775808",
    b"2262-04-11T23:47:17Z ",
    b"[9999999999.999999] ",
    b"{\"ts\":99999999999999999999,",
    b"goroutine 1 [running]:\n",
    b"panic: boom\n",
];

fn mutate(rng: &mut Rng, seed: &[u8], what: &mut Vec<String>) -> Vec<u8> {
    let mut data = seed[..seed.len().min(64 * 1024)].to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = data.len().max(1);
        match rng.below(7) {
            0 => {
                for _ in 0..1 + rng.below(16) {
                    let i = rng.below(len);
                    if let Some(b) = data.get_mut(i) {
                        *b ^= 1 << rng.below(8);
                    }
                }
                what.push("flips".into());
            }
            1 => {
                data.truncate(rng.below(len));
                what.push("truncated".into());
            }
            2 | 3 => {
                for _ in 0..1 + rng.below(8) {
                    let s = NASTY[rng.below(NASTY.len())];
                    let i = rng.below(data.len() + 1);
                    data.splice(i..i, s.iter().copied());
                }
                what.push("inserted control/escape/invalid bytes".into());
            }
            4 => {
                let n = 100_000 + rng.below(2_000_000);
                let i = rng.below(data.len() + 1);
                let fill = [b'x', b'{', b' ', 0x1b][rng.below(4)];
                data.splice(i..i, std::iter::repeat_n(fill, n));
                what.push(format!("a {n}-byte line"));
            }
            5 => {
                let i = rng.below(len);
                let j = (i + rng.below(4096)).min(data.len());
                let chunk = data.get(i..j).map(<[u8]>::to_vec).unwrap_or_default();
                let k = rng.below(data.len() + 1);
                data.splice(k..k, chunk);
                what.push("duplicated a span".into());
            }
            _ => {
                let k = rng.below(data.len() + 1);
                let noise: Vec<u8> = (0..1 + rng.below(512)).map(|_| rng.next() as u8).collect();
                data.splice(k..k, noise);
                what.push("random bytes".into());
            }
        }
    }
    // A quarter of the cases are compressed, and most of those then corrupted.
    match rng.below(8) {
        0 => {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(&data).expect("gzip");
            data = e.finish().expect("gzip");
            what.push("gzip".into());
            corrupt(rng, &mut data, what);
        }
        1 => {
            data = zstd::encode_all(&data[..], 1).expect("zstd");
            what.push("zstd".into());
            corrupt(rng, &mut data, what);
        }
        _ => {}
    }
    data
}

fn corrupt(rng: &mut Rng, data: &mut Vec<u8>, what: &mut Vec<String>) {
    match rng.below(3) {
        0 => {
            let cut = 1 + rng.below(data.len().max(2) - 1);
            data.truncate(cut);
            what.push(format!("cut at {cut}"));
        }
        1 => {
            for _ in 0..1 + rng.below(6) {
                let i = rng.below(data.len());
                data[i] ^= 1 << rng.below(8);
            }
            what.push("flipped compressed bytes".into());
        }
        _ => what.push("intact".into()),
    }
}

/// What is wrong with one run's output, if anything.
fn check(args: &str, o: &Output, ndjson: bool) -> Option<String> {
    use std::os::unix::process::ExitStatusExt;
    let err = String::from_utf8_lossy(&o.stderr);
    if let Some(sig) = o.status.signal() {
        return Some(format!("{args}: killed by signal {sig}; stderr: {err}"));
    }
    if err.contains("panicked") {
        return Some(format!("{args}: panicked: {err}"));
    }
    match o.status.code() {
        Some(0) => {}
        Some(1) if !err.trim().is_empty() => {}
        c => return Some(format!("{args}: exit {c:?} with stderr {err:?}")),
    }
    let Ok(out) = std::str::from_utf8(&o.stdout) else {
        return Some(format!("{args}: stdout is not UTF-8"));
    };
    let parsed: Result<(), serde_json::Error> = if ndjson {
        out.lines()
            .try_for_each(|l| serde_json::from_str::<serde_json::Value>(l).map(|_| ()))
    } else {
        serde_json::from_str::<serde_json::Value>(out).map(|_| ())
    };
    if let Err(e) = parsed {
        return Some(format!("{args}: stdout is not JSON ({e})"));
    }
    for (stream, bytes) in [("stdout", &o.stdout), ("stderr", &o.stderr)] {
        let text = String::from_utf8_lossy(bytes);
        if let Some(c) = text
            .chars()
            .find(|&c| (c.is_control() && c != '\n') || ('\u{80}'..='\u{9f}').contains(&c))
        {
            return Some(format!("{args}: raw control {c:?} on {stream}"));
        }
    }
    None
}

#[test]
fn mutated_corpus_through_index_and_merge_json() {
    let runs = env_number("CASEFILE_FUZZ_RUNS", 24);
    let seed = env_number("CASEFILE_FUZZ_SEED", 12);
    let mut files = Vec::new();
    corpus_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"),
        &mut files,
    );
    assert!(
        files.len() > 50,
        "the corpus looks empty: {} files",
        files.len()
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let keep = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fuzz-failures");
    let mut rng = Rng(seed);
    let mut failures = Vec::new();
    for case in 0..runs {
        let src = &files[rng.below(files.len())];
        let seed_bytes = std::fs::read(src).expect("read corpus file");
        let mut what = vec![format!("case {case} from {}", src.display())];
        let data = mutate(&mut rng, &seed_bytes, &mut what);
        let path = dir.path().join(format!("case-{case}.log"));
        std::fs::write(&path, &data).expect("write case");
        let p = path.to_str().expect("path");
        for (args, ndjson) in [
            (vec!["index", "--json", "--tz", "UTC", p], false),
            (vec!["merge", "--json", "--tz", "UTC", p], true),
        ] {
            let o = Command::new(bin())
                .args(&args)
                .env("TZ", "UTC")
                .output()
                .expect("run casefile");
            if let Some(why) = check(&args[..2].join(" "), &o, ndjson) {
                std::fs::create_dir_all(&keep).expect("failure dir");
                let kept = keep.join(format!("seed{seed}-case{case}.log"));
                std::fs::write(&kept, &data).expect("keep failure");
                failures.push(format!("{} ({}): {why}", kept.display(), what.join(", ")));
            }
        }
    }
    // The figures go to the process's stderr (the harness does not capture it).
    let _ = writeln!(
        std::io::stderr().lock(),
        "fuzz: seed {seed}, {runs} cases, {} runs of the binary, {} failures",
        runs * 2,
        failures.len()
    );
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
