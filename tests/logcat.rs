//! Android `adb logcat` output on the real binary: Loghub's Android sample
//! (`threadtime`, the default format since Android 7) is dated, leveled by its
//! priority letters, and its quiet stretches are found.

mod common;
use chrono::Datelike;
use common::*;

fn android() -> String {
    corpus("loghub/Android_2k.log")
}

/// The year a stamp without one gets: the latest that does not put `month`-`day`
/// after the file's modification time (a day of slack), as for syslog.
fn year_from_mtime(path: &str, month: u32, day: u32) -> i32 {
    let mtime: chrono::DateTime<chrono::Utc> = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .expect("mtime")
        .into();
    if (month, day) > (mtime.month(), mtime.day() + 1) {
        mtime.year() - 1
    } else {
        mtime.year()
    }
}

/// The stamps of the file, as seconds of the day: `03-17 16:13:38.811 ...`.
fn seconds_of_day(path: &str) -> Vec<f64> {
    std::fs::read_to_string(path)
        .expect("read")
        .lines()
        .map(|l| {
            let clock = l.split_whitespace().nth(1).expect("time");
            clock
                .split(':')
                .map(|p| p.parse::<f64>().expect("number"))
                .fold(0.0, |acc, p| acc * 60.0 + p)
        })
        .collect()
}

#[test]
fn android_logcat_is_dated_and_leveled_by_its_letters() {
    let path = android();
    let year = year_from_mtime(&path, 3, 17);
    for forced in [&[][..], &["--format", "logcat"]] {
        let mut args = vec![path.as_str()];
        args.extend_from_slice(forced);
        let v = index_json(&args);
        let s = &v["sources"][0];
        assert_eq!(s["format"], "logcat", "{forced:?}: {s}");
        assert_eq!(s["records"], 2000, "{s}");
        assert_eq!(s["timestamped_fraction"], 1.0, "{s}");
        // The file's first and last lines (no year, read with --tz UTC).
        assert_eq!(s["first"], format!("{year}-03-17T16:13:38.811Z"), "{s}");
        assert_eq!(s["last"], format!("{year}-03-17T16:16:09.141Z"), "{s}");
        // `awk '{print $5}' Android_2k.log | sort | uniq -c`: 257 V, 650 D,
        // 920 I, 170 W, 3 E.
        assert_eq!(
            s["levels"],
            serde_json::json!({"trace": 257, "debug": 650, "info": 920, "warn": 170, "error": 3}),
            "{s}"
        );
        let warnings = s["warnings"].to_string();
        assert!(
            warnings.contains(&format!("assumed {year} from file mtime")),
            "{warnings}"
        );
    }
}

/// `merge --json`: each record's time and level, the message after the tag.
#[test]
fn merge_gives_each_line_its_time_and_level() {
    let path = android();
    let year = year_from_mtime(&path, 3, 17);
    let recs = casefile_ndjson(&["merge", "--json", "--tz", "UTC", &path]);
    assert_eq!(recs.len(), 2000);
    let e: Vec<_> = recs.iter().filter(|r| r["level"] == "error").collect();
    assert_eq!(e.len(), 3);
    // The first E line: `03-17 16:13:46.764  2227  2794 E KeyguardUpdateMonitor: ...`.
    assert_eq!(
        e[0]["time"],
        format!("{year}-03-17T16:13:46.764Z"),
        "{}",
        e[0]
    );
}

/// The sample has no gap of 5 s (the default floor), so `silences` finds
/// none; below that floor the source's own rhythm decides, and its longest
/// gap (4.8 s in a source that logs a dozen lines a second) is a silence,
/// which it could not be while the lines had no time.
#[test]
fn silences_run_on_the_dated_records() {
    let path = android();
    let secs = seconds_of_day(&path);
    let (longest, at) = secs
        .windows(2)
        .enumerate()
        .map(|(i, w)| (w[1] - w[0], i))
        .fold((0.0, 0), |a, b| if b.0 > a.0 { b } else { a });
    assert!(longest < 5.0, "{longest}");
    let v = casefile_json(&["silences", "--json", "--tz", "UTC", &path]);
    assert_eq!(v["silences"], serde_json::json!([]), "{v}");

    let args = ["silences", "--json", "--tz", "UTC", "--min-silence", "1s"];
    let v = casefile_json(&[&args[..], &[path.as_str()]].concat());
    let silences = v["silences"].as_array().expect("silences");
    let top = silences
        .iter()
        .max_by(|a, b| {
            a["duration_s"]
                .as_f64()
                .partial_cmp(&b["duration_s"].as_f64())
                .expect("number")
        })
        .unwrap_or_else(|| panic!("no silence: {v}"));
    // Line numbers are 1-based: the gap is after line `at + 1`.
    assert_eq!(top["before"]["line"], at + 1, "{top}");
    assert!(
        (top["duration_s"].as_f64().expect("duration") - longest).abs() < 1e-6,
        "{top}, longest gap {longest}"
    );
    // Read as plain text the same lines have no time, and no silence.
    let v = casefile_json(&[&args[..], &["--format", "plain", path.as_str()]].concat());
    assert_eq!(v["silences"], serde_json::json!([]), "{v}");
}
