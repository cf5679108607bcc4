//! Silences in logs written by real programs (issue 14, Tests): three copies
//! of tests/go/rhythms log at their own rhythms (a client every 20 ms with an
//! ordinary 300 ms hiccup every 30 lines, a server every 50 ms, a cron-like job
//! every 200 ms, each with jitter). The test makes
//! the client log a burst of reconnect lines, stops it with SIGSTOP for 1.5 s
//! and lets it go on with SIGCONT, twice, while the others keep logging; then
//! `casefile silences --json` must find both pauses, rank them first, report
//! nothing in the steady sources, and name the burst as their precursor.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use common::*;
use serde_json::Value;

const BURST: usize = 20;
const PAUSE: Duration = Duration::from_millis(1500);

/// Builds tests/go/rhythms with Debian's `go` (None: skipped, or failed under CI).
fn build() -> Option<PathBuf> {
    let go = Path::new("go");
    if !Command::new(go)
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        skip(
            "real programs' silences",
            "no `go` (apt-get install golang-go)",
        );
        return None;
    }
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let bin = tmp.join("rhythms");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/go/rhythms");
    go_build(go, &src, &bin, &[]);
    Some(bin)
}

/// A running program, ended (and reaped) however the test ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start(bin: &Path, log: &Path, name: &str, args: &[&str]) -> Running {
    let child = Command::new(bin)
        .arg("-out")
        .arg(log)
        .args(["-name", name])
        .args(args)
        .args(["-burst", &BURST.to_string(), "-for", "20s"])
        .stdin(Stdio::null())
        .spawn()
        .expect("start the rhythms program");
    Running(child)
}

fn signal(p: &Running, sig: &str) {
    let ok = Command::new("kill")
        .arg(format!("-{sig}"))
        .arg(p.0.id().to_string())
        .status()
        .expect("run kill");
    assert!(ok.success(), "kill -{sig}");
}

/// Lines of `log` containing `text`.
fn count(log: &Path, text: &str) -> usize {
    std::fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .filter(|l| l.contains(text))
        .count()
}

/// Waits (polling, with a deadline) until `log` has `n` lines containing `text`.
fn wait_for(log: &Path, text: &str, n: usize) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while count(log, text) < n {
        assert!(
            Instant::now() < deadline,
            "{}: {n} lines with {text:?} never came",
            log.display()
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn nanos(t: SystemTime) -> i64 {
    let d = t
        .duration_since(SystemTime::UNIX_EPOCH)
        .expect("after 1970");
    i64::try_from(d.as_nanos()).expect("fits")
}

fn rfc(v: &Value) -> i64 {
    let s = v.as_str().expect("a time");
    chrono::DateTime::parse_from_rfc3339(s)
        .expect("RFC 3339")
        .timestamp_nanos_opt()
        .expect("in range")
}

#[test]
fn injected_pauses_are_found_ranked_first_with_their_burst_as_precursor() {
    let Some(bin) = build() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let log = |n: &str| dir.path().join(format!("{n}.log"));
    // Ordinary gaps in the client: a 300 ms wait every 30 lines (3 % of its
    // gaps, so its usual long gap, the p95, stays the 20 ms rhythm).
    let client = start(
        &bin,
        &log("client"),
        "client",
        &[
            "-every",
            "20ms",
            "-jitter",
            "0.2",
            "-hiccup",
            "300ms",
            "-hiccup-every",
            "30",
        ],
    );
    let server = start(
        &bin,
        &log("server"),
        "server",
        &["-every", "50ms", "-jitter", "0.3"],
    );
    let cron = start(
        &bin,
        &log("cron"),
        "cron",
        &["-every", "200ms", "-jitter", "0.5"],
    );
    wait_for(&log("cron"), "tick", 4);
    // Each pause: (when the burst was asked for, when the client was stopped).
    let mut pauses = Vec::new();
    for k in 1..=2 {
        let asked = SystemTime::now();
        signal(&client, "USR1");
        wait_for(&log("client"), "reconnect", k * BURST);
        let stopped = SystemTime::now();
        signal(&client, "STOP");
        std::thread::sleep(PAUSE);
        signal(&client, "CONT");
        // Lines carry milliseconds: the burst may share `asked`'s millisecond.
        let asked = nanos(asked) / 1_000_000 * 1_000_000;
        pauses.push((asked, nanos(stopped)));
        let ticks = count(&log("client"), "tick");
        wait_for(&log("client"), "tick", ticks + 40);
    }
    for p in [&client, &server, &cron] {
        signal(p, "TERM");
    }
    for mut p in [client, server, cron] {
        let _ = p.0.wait();
    }
    let spec = |n: &str| format!("{n}={}", log(n).display());
    let (c, s, j) = (spec("client"), spec("server"), spec("cron"));
    let silences = |floor: &str| -> Value {
        let o = casefile(&[
            "silences",
            "--json",
            "--min-silence",
            floor,
            "--precursor-window",
            "1s",
            &c,
            &s,
            &j,
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        serde_json::from_slice(&o.stdout).expect("JSON")
    };
    // With a low floor the client's hiccups are silences too: the pauses rank first.
    let low = silences("200ms");
    let report = serde_json::to_string_pretty(&low).unwrap_or_default();
    let found = low["silences"].as_array().expect("silences");
    let hiccups = found.len().saturating_sub(2);
    assert!(hiccups >= 2, "the hiccups compete: {report}");
    let top = |v: &Value| -> Vec<i64> {
        let mut t: Vec<i64> = (0..2).map(|k| rfc(&v["silences"][k]["start"])).collect();
        t.sort_unstable();
        t
    };
    let low_top = top(&low);
    // With the floor above the hiccups, only the pauses.
    let v = silences("700ms");
    let report = serde_json::to_string_pretty(&v).unwrap_or_default();
    let silences = v["silences"].as_array().expect("silences");
    assert_eq!(top(&v), low_top, "the same two pauses: {report}");
    // No silence in the steady sources.
    assert!(silences.iter().all(|s| s["source"] == "client"), "{report}");
    // Both pauses, ranked above any ordinary gap of the client.
    assert!(silences.len() >= 2, "{report}");
    let mut top: Vec<&Value> = silences[..2].iter().collect();
    top.sort_by_key(|s| rfc(&s["start"]));
    for (s, &(asked, stopped)) in top.iter().zip(&pauses) {
        let start = rfc(&s["start"]);
        // The last line before the pause: the burst, or a tick right after it.
        assert!(
            asked <= start && start <= stopped + 50_000_000,
            "pause at {stopped} (asked {asked}) vs {start}: {report}"
        );
        let d = s["duration_s"].as_f64().expect("duration");
        assert!(d >= 1.4, "{d} s: {report}");
        assert!(s["end"].is_string(), "it came back: {report}");
    }
    // The burst before each pause is named as its precursor, the strongest.
    let burst = &v["precursors"][0];
    assert!(
        burst["template"]
            .as_str()
            .is_some_and(|t| t.contains("ws reconnect attempt <*> failed")),
        "{report}"
    );
    assert_eq!(burst["source"], "client", "{report}");
    assert_eq!(burst["silent"], "client", "{report}");
    assert_eq!(
        burst["before_counts"],
        serde_json::json!([BURST, BURST]),
        "{report}"
    );
}

/// Go's `log` with `Ltime|Lmicroseconds` writes a time of day and no date,
/// in the program's zone: the file just written is dated today, and every
/// line falls within the run, read in that zone.
#[test]
fn a_real_go_log_of_times_of_day_is_dated_within_its_run() {
    let Some(bin) = build() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let log = dir.path().join("clock.log");
    let before = nanos(SystemTime::now());
    let child = Command::new(&bin)
        .arg("-out")
        .arg(&log)
        .args([
            "-name",
            "clock",
            "-every",
            "20ms",
            "-for",
            "20s",
            "-stdlog-time",
        ])
        .env("TZ", "Asia/Kolkata")
        .stdin(Stdio::null())
        .spawn()
        .expect("start the rhythms program");
    let p = Running(child);
    wait_for(&log, "tick", 10);
    signal(&p, "TERM");
    wait_for(&log, "stopping", 1);
    let after = nanos(SystemTime::now());
    let first = std::fs::read_to_string(&log).expect("log");
    assert!(
        first.as_bytes()[..15]
            .iter()
            .filter(|b| **b == b':')
            .count()
            == 2
            && first.as_bytes()[8] == b'.',
        "Go's log wrote `15:04:05.000000 …`: {first}"
    );
    let v = index_json(&[
        "--set",
        "clock.tz=Asia/Kolkata",
        log.to_str().expect("utf-8"),
    ]);
    let s = &v["sources"][0];
    assert_eq!(s["format"], "time-of-day", "{s}");
    assert_eq!(s["timestamped_fraction"], 1.0, "{s}");
    let (a, b) = (rfc(&s["first"]), rfc(&s["last"]));
    // Microseconds in the file: the first line may read up to 1 µs early.
    assert!(
        before - 1_000 <= a && a <= b && b <= after,
        "{s}: run {before}..{after}"
    );
}
