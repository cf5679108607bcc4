//! Times of day dated by their file or `--set NAME.date=`, a year given to a
//! log without one, and the hour repeated when daylight saving time ends:
//! read in the order written, and a time typed in it says which pass it is.

use super::casefile_in;
use crate::common::*;

/// `rel` (a corpus file) copied into `dir`, its modification time `mtime`
/// (seconds since the epoch).
fn corpus_copy_written_at(dir: &std::path::Path, rel: &str, mtime: u64) -> String {
    let from = format!("{}/../shared/corpus/{rel}", env!("CARGO_MANIFEST_DIR"));
    let to = dir.join(std::path::Path::new(rel).file_name().expect("name"));
    std::fs::copy(&from, &to).expect("copy corpus file");
    std::fs::File::options()
        .write(true)
        .open(&to)
        .and_then(|h| h.set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(mtime)))
        .expect("set mtime");
    to.to_string_lossy().into_owned()
}

fn index_utc_json(args: &[&str]) -> serde_json::Value {
    let o = casefile_in("UTC", &[&["index", "--json", "--tz", "UTC"], args].concat());
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).expect("json")
}

/// logback's default pattern writes a time of day and no date: the file's
/// modification time dates it, `--set NAME.date=` when the file was copied,
/// and the warning says which.
#[test]
fn a_log_of_times_of_day_is_dated_by_its_file_or_by_set_date() {
    let dir = tempfile::tempdir().expect("tempdir");
    // 2026-11-23T14:20:00Z, minutes after its last line (14:11:47.553).
    let f = corpus_copy_written_at(
        dir.path(),
        "log4j/logback-default-config.log",
        1_795_443_600,
    );
    let v = index_utc_json(&[&f]);
    let s = &v["sources"][0];
    assert_eq!(s["format"], "time-of-day");
    assert_eq!(
        (s["first"].as_str(), s["last"].as_str()),
        (
            Some("2026-11-23T14:11:47.525Z"),
            Some("2026-11-23T14:11:47.553Z")
        )
    );
    let warned = s["warnings"].to_string();
    assert!(
        warned.contains(
            "no date in timestamps: the last line read as written on 2026-11-23 (from file mtime)"
        ),
        "{warned}"
    );
    // Copied three days later: only the set time places it.
    let v = index_utc_json(&["--set", "logback-default-config.date=2026-11-20", &f]);
    let s = &v["sources"][0];
    assert_eq!(s["first"], "2026-11-20T14:11:47.525Z");
    assert!(
        s["warnings"]
            .to_string()
            .contains("written on 2026-11-20 (from --set NAME.date)"),
        "{s}"
    );
}

/// Lines on both sides of midnight, the file written just after it: the
/// evening's lines fall on the day before, in order.
#[test]
fn times_of_day_across_midnight_fall_on_two_days_in_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("job.log");
    std::fs::write(
        &f,
        "23:59:58.100 [main] INFO com.example.Job - before midnight\n\
         00:00:01.200 [main] WARN com.example.Job - after midnight\n",
    )
    .expect("write");
    std::fs::File::options()
        .write(true)
        .open(&f)
        .and_then(|h| {
            h.set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_795_219_500))
        }) // 2026-11-21T00:05:00Z
        .expect("set mtime");
    let o = casefile_in(
        "UTC",
        &["merge", "--json", "--tz", "UTC", f.to_str().expect("utf-8")],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let times: Vec<String> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("json")["time"].to_string())
        .collect();
    assert_eq!(
        times,
        [
            "\"2026-11-20T23:59:58.100Z\"",
            "\"2026-11-21T00:00:01.200Z\""
        ]
    );
}

/// Syslog's stamps have no year: `--set NAME.date=` (a copied file) places
/// them as the file's modification time would.
#[test]
fn set_date_gives_the_year_of_a_log_without_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = write(
        dir.path(),
        "old.log",
        b"Dec 31 23:00:00 host app[1]: last of the year\n",
    );
    let v = index_utc_json(&["--set", "old.date=2025-01-02", f.to_str().expect("utf-8")]);
    let s = &v["sources"][0];
    assert_eq!(s["first"], "2024-12-31T23:00:00Z", "{s}");
    assert!(
        s["warnings"]
            .to_string()
            .contains("no year in timestamps: assumed 2024 from --set NAME.date (2025-01-02; set with --set NAME.date=YYYY-MM-DD)"),
        "{s}"
    );
}

/// lnav's DST log (`Nov  3 01:59:14`, then `Nov  3 01:24:56`: the clocks went
/// back at 02:00 EDT, 2024-11-03) read in New York time, given with `--tz`
/// or as the machine's zone: the hour written twice is placed as written,
/// the first pass in EDT and the second in EST, so times only go forward.
/// `--tz` read both passes in EDT (the second an hour early, among other
/// sources' records of the hour before); the machine's zone read both in
/// EST (the first an hour late, leaving a silence of 1h that never was).
#[test]
fn the_hour_repeated_when_dst_ends_is_read_in_the_order_written() {
    let path = corpus("syslog-rfc3164/lnav-logfile_dst.0");
    let want = [
        "2024-11-03T05:01:03Z",
        "2024-11-03T05:13:04Z",
        "2024-11-03T05:23:29Z",
        "2024-11-03T05:41:30Z",
        "2024-11-03T05:59:14Z",
        "2024-11-03T06:24:56Z",
        "2024-11-03T06:38:13Z",
        "2024-11-03T06:50:16Z",
        "2024-11-03T07:08:19Z",
        "2024-11-03T07:25:02Z",
    ];
    let date = ["--set", "lnav-logfile_dst.date=2024-11-03"];
    for (machine, zone) in [
        ("UTC", Some("America/New_York")),
        ("America/New_York", None),
    ] {
        let with_zone = |cmd: &str| {
            let mut a = vec![cmd, "--json"];
            a.extend(date);
            a.extend(zone.map(|z| ["--tz", z]).into_iter().flatten());
            a.push(&path);
            let o = casefile_in(machine, &a);
            assert!(o.status.success(), "{cmd}: {}", stderr(&o));
            o
        };
        let o = with_zone("merge");
        let times: Vec<String> = ndjson(&stdout(&o))
            .iter()
            .map(|r| r["time"].as_str().unwrap_or_default().to_string())
            .collect();
        assert_eq!(times, want, "TZ={machine} --tz {zone:?}");
        assert!(!stderr(&o).contains("backwards"), "{}", stderr(&o));
        let v: serde_json::Value =
            serde_json::from_slice(&with_zone("silences").stdout).expect("JSON");
        assert_eq!(v["silences"], serde_json::json!([]), "TZ={machine}: {v}");
    }
}

/// `--at 01:30` on lnav's DST log: 01:30 came twice that night, and which
/// one was taken (the earlier with `--tz`, then the later in the machine's
/// zone) went unsaid. stderr says which, and the other as it can be typed.
#[test]
fn a_time_typed_in_the_repeated_hour_says_which_pass_it_is() {
    let path = corpus("syslog-rfc3164/lnav-logfile_dst.0");
    let date = "lnav-logfile_dst.date=2024-11-03";
    let o = casefile_in(
        "UTC",
        &[
            "show",
            "--tz",
            "America/New_York",
            "--set",
            date,
            "--at",
            "01:30",
            &path,
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            "casefile: --at '01:30' came twice in America/New_York (daylight saving time ended): \
             read as the first, 2024-11-03T01:30:00-04:00; the second is 1h00m later: type \
             2024-11-03T01:30:00-05:00\n"
        ),
        "{}",
        stderr(&o)
    );
    let o = casefile_in(
        "America/New_York",
        &[
            "show",
            "--set",
            date,
            "--at",
            "2024-11-03T01:30:00-05:00",
            &path,
        ],
    );
    assert!(!stderr(&o).contains("came twice in"), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("> 2024-11-03 01:24:56.000"),
        "{}",
        stdout(&o)
    );
}

/// The same wall-clock time typed in the same zone is the same instant
/// whether the zone was named (`--tz`) or is this machine's (`TZ`): the
/// first of the two a repeated hour holds. In the machine's zone it was the
/// second, so `--at 01:30` landed an hour (Lord Howe: half an hour) later
/// than with `--tz` naming that very zone.
#[test]
fn a_time_in_the_repeated_hour_is_the_first_in_the_machines_zone_too() {
    let path = corpus("syslog-rfc3164/lnav-logfile_dst.0");
    let date = "lnav-logfile_dst.date=2024-11-03";
    let o = casefile_in(
        "America/New_York",
        &["show", "--set", date, "--at", "01:30", &path],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            "casefile: --at '01:30' came twice in America/New_York (daylight saving time ended): \
             read as the first, 2024-11-03T01:30:00-04:00; the second is 1h00m later: type \
             2024-11-03T01:30:00-05:00\n"
        ),
        "{}",
        stderr(&o)
    );
    // Lord Howe's clocks go back half an hour: 01:30–02:00 comes twice.
    let dir = tempfile::tempdir().expect("tempdir");
    let log = ticks(
        dir.path(),
        "2026-04-05",
        &[
            ("01:20", "14:20"),
            ("01:50", "14:50"),
            ("01:40", "15:10"),
            ("02:10", "15:40"),
        ],
    );
    let at = |tz: &str, named: bool| {
        let log = log.to_str().expect("path");
        let mut args = vec!["show", "--json", "--at", "01:40", log];
        if named {
            args.splice(1..1, ["--tz", "Australia/Lord_Howe"]);
        }
        let o = casefile_in(tz, &args);
        assert!(o.status.success(), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
        (v["at"].clone(), stderr(&o))
    };
    let (named, said) = at("UTC", true);
    assert_eq!(named, "2026-04-04T14:40:00Z", "{said}");
    let (machine, said) = at("Australia/Lord_Howe", false);
    assert_eq!(machine, named, "{said}");
    assert!(
        said.contains("read as the first, 2026-04-05T01:40:00+11:00"),
        "{said}"
    );
    // And the log's records are the instants their `utc=` says, read in
    // the machine's zone as with `--tz` naming it (02:10 came once).
    for (tz, named) in [("Australia/Lord_Howe", false), ("UTC", true)] {
        let mut args = vec!["merge", "--json", log.to_str().expect("path")];
        if named {
            args.splice(1..1, ["--tz", "Australia/Lord_Howe"]);
        }
        let o = casefile_in(tz, &args);
        for line in stdout(&o).lines() {
            let v: serde_json::Value = serde_json::from_str(line).expect("JSON");
            let utc = v["text"].as_str().and_then(|t| t.rsplit("utc=").next());
            assert_eq!(
                v["time"].as_str().map(|t| &t[11..16]),
                utc,
                "TZ={tz} named {named}: {v}"
            );
        }
    }
}

/// A time in the hour a zone skips when daylight saving time begins is read
/// past the gap, as if the clocks had not gone forward (`02:15` on Lord
/// Howe's night of 2026-10-04, when 02:00 became 02:30, is 02:45): said, as
/// a repeated time is, so that `--since 02:15 --until 02:45` reading "the
/// same instant" makes sense.
#[test]
fn a_time_in_the_skipped_hour_says_it_does_not_exist_and_what_it_was_read_as() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = ticks(
        dir.path(),
        "2026-10-04",
        &[
            ("01:50", "15:20"),
            ("02:30", "15:30"),
            ("02:40", "15:40"),
            ("02:50", "15:50"),
        ],
    );
    let log = log.to_str().expect("path");
    let said = "'02:15' does not exist in Australia/Lord_Howe (daylight saving time began: \
                the clocks went forward 30m00s): read as 02:45:00, 2026-10-04T02:45:00+11:00";
    for (tz, named) in [("UTC", true), ("Australia/Lord_Howe", false)] {
        let mut args = vec!["show", "--json", "--at", "02:15", log];
        if named {
            args.splice(1..1, ["--tz", "Australia/Lord_Howe"]);
        }
        let o = casefile_in(tz, &args);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(
            stderr(&o).contains(&format!("casefile: --at {said}\n")),
            "TZ={tz}: {}",
            stderr(&o)
        );
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
        assert_eq!(v["at"], "2026-10-03T15:45:00Z", "TZ={tz}");
    }
    let o = casefile_in(
        "Australia/Lord_Howe",
        &["merge", "--since", "02:15", "--until", "02:45", log],
    );
    assert!(
        stderr(&o).contains(&format!("casefile: --since {said}\n")),
        "{}",
        stderr(&o)
    );
    // A time that exists says nothing of the kind.
    let o = casefile_in("Australia/Lord_Howe", &["show", "--at", "02:45", log]);
    assert!(!stderr(&o).contains("does not exist"), "{}", stderr(&o));
}

/// `howe.log` in `dir`: a tick a line on `date` at each wall time (Lord
/// Howe's, without a zone), saying the UTC time it stands for.
fn ticks(dir: &std::path::Path, date: &str, at: &[(&str, &str)]) -> std::path::PathBuf {
    let log: String = at
        .iter()
        .map(|(wall, utc)| format!("{date} {wall}:00 INFO tick utc={utc}\n"))
        .collect();
    write(dir, "howe.log", log.as_bytes())
}
