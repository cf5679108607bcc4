//! `strace -f` output read in time with the logs: a stuck process's calls
//! beside what its log said. The corpus's `-ttt` file (Unix seconds) and the
//! same calls as `-tt` writes them (a time of day, dated like `time-of-day`).

mod common;
use common::*;

const TTT: &str = "misc/lnav-logfile_strace_log.1";

/// The `-ttt` file's lines as `strace -f -tt` writes them: the seconds as
/// a UTC time of day with six digits of micros.
fn as_tt(text: &str) -> String {
    text.lines()
        .map(|l| {
            let (pid, rest) = l.split_once(' ').expect("pid");
            let (stamp, call) = rest.split_once(' ').expect("stamp");
            let (secs, micros) = stamp.split_once('.').expect("micros");
            let s: i64 = secs.parse().expect("seconds");
            let t = chrono::DateTime::from_timestamp(s, 0).expect("time");
            format!("{pid} {}.{micros} {call}\n", t.format("%H:%M:%S"))
        })
        .collect()
}

fn times(v: &[serde_json::Value]) -> Vec<String> {
    v.iter().map(|r| r["time"].to_string()).collect()
}

#[test]
fn strace_ttt_and_tt_give_the_same_times() {
    let ttt = casefile_ndjson(&["merge", "--json", &corpus(TTT)]);
    assert_eq!(ttt.len(), 66);
    assert_eq!(ttt[1]["time"], "2023-10-11T18:19:11.000541Z");
    let dir = tempfile::tempdir().expect("tempdir");
    let text = std::fs::read_to_string(corpus(TTT)).expect("corpus");
    let tt = write(dir.path(), "tt.log", as_tt(&text).as_bytes());
    assert!(
        std::fs::read_to_string(&tt)
            .expect("tt")
            .starts_with("10000 18:19:11.000001 execve(")
    );
    let v = casefile_json(&[
        "index",
        "--json",
        "--tz",
        "UTC",
        "--set",
        "tt.date=2023-10-11",
        tt.to_str().expect("utf-8"),
    ]);
    assert_eq!(v["sources"][0]["format"], "strace", "{v}");
    let got = casefile_ndjson(&[
        "merge",
        "--json",
        "--tz",
        "UTC",
        "--set",
        "tt.date=2023-10-11",
        tt.to_str().expect("utf-8"),
    ]);
    assert_eq!(times(&got), times(&ttt));
}

/// A row keeps the pid (which process made the call) and loses the stamp
/// its time column shows.
#[test]
fn a_row_shows_the_pid_and_the_call() {
    let out = casefile_ok(&["merge", "--tz", "UTC", &corpus(TTT)]);
    let second = out.lines().nth(1).expect("two lines");
    assert!(second.starts_with("2023-10-11 18:19:11.000 "), "{second}");
    assert!(
        second.ends_with(" 10000 brk(NULL)                 = 0x55b1f2e94000 <0.000009>"),
        "{second}"
    );
}
