//! The headless commands on real logs: `index`, `show`, `merge`, completions, man.

mod common;
use common::*;

#[test]
fn index_json_has_exactly_the_documented_fields() {
    let v = index_json(&[&corpus("supervisord/supervisord.log")]);
    let s = &v["sources"][0];
    assert_eq!(
        sorted_keys(s),
        [
            "confidence",
            "first",
            "format",
            "last",
            "levels",
            "levels_inferred",
            "lines",
            "name",
            "path",
            "records",
            "timestamped_fraction",
            "warnings"
        ]
    );
    assert_eq!(s["name"], "supervisord");
    assert_eq!(s["records"], 24);
    assert_eq!(s["lines"], 24);
    assert_eq!(s["first"], "2026-11-23T14:08:56.011Z");
    assert_eq!(s["last"], "2026-11-23T14:09:12.312Z");
    assert_eq!(s["timestamped_fraction"], 1.0);
    assert_eq!(s["levels"]["warn"], 7);
}

#[test]
fn index_text_prints_each_source_and_its_warnings() {
    // No --tz: the zone-less stamps are read in the machine's zone (TZ=UTC here).
    let o = casefile(&[
        "index",
        &corpus("supervisord/supervisord.log"),
        &corpus("python/gunicorn-error.log"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("supervisord  "), "{out}");
    assert!(out.contains("gunicorn-error  "), "{out}");
    assert!(
        out.contains("no time zone in timestamps: read as UTC"),
        "{out}"
    );
    assert!(out.contains("records    24 in 24 lines"), "{out}");
}

#[test]
fn multi_line_records_group_and_count_lines() {
    // gunicorn's configuration dump is indented lines under one timestamped record.
    let v = index_json(&[&corpus("python/gunicorn-error.log")]);
    let s = &v["sources"][0];
    assert_eq!(s["lines"], 279);
    let records = s["records"].as_u64().expect("records");
    assert!(
        records < 60,
        "indented continuation lines must join their record, got {records} records"
    );
}

#[test]
fn since_and_until_restrict_by_time() {
    let f = corpus("supervisord/supervisord.log");
    let v = index_json(&[
        "--since",
        "2026-11-23 14:09:00",
        "--until",
        "2026-11-23 14:09:10",
        &f,
    ]);
    let s = &v["sources"][0];
    let t = |k: &str| {
        chrono::DateTime::parse_from_rfc3339(s[k].as_str().expect("time")).expect("rfc3339")
    };
    let (lo, hi) = (t("first"), t("last"));
    assert!(
        lo >= chrono::DateTime::parse_from_rfc3339("2026-11-23T14:09:00Z").expect("t"),
        "{lo}"
    );
    assert!(
        hi <= chrono::DateTime::parse_from_rfc3339("2026-11-23T14:09:10Z").expect("t"),
        "{hi}"
    );
    assert!(s["records"].as_u64().expect("n") < 24);
}

#[test]
fn show_marks_the_cursor_and_reports_quiet_sources() {
    let a = corpus("supervisord/supervisord.log");
    let b = corpus("python/gunicorn-error.log");
    let o = casefile(&[
        "show",
        "--tz",
        "UTC",
        "--display-tz",
        "UTC",
        "--at",
        "2026-11-23 14:09:05",
        "--json",
        &a,
        &b,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["at"], "2026-11-23T14:09:05Z");
    let sup = &v["sources"][0];
    let cur = sup["cursor_record"].as_u64().expect("cursor");
    let rows = sup["rows"].as_array().expect("rows");
    let row = rows
        .iter()
        .find(|r| r["record"] == cur)
        .expect("cursor row shown");
    assert!(row["time"].as_str().expect("time") <= "2026-11-23T14:09:05Z");
    // gunicorn's last record is at 14:08:53, 12 s before the cursor.
    assert_eq!(v["sources"][1]["quiet_for"], "12s");
}

#[test]
fn merge_interleaves_sources_in_time_order() {
    let a = corpus("supervisord/supervisord.log");
    let b = corpus("python/gunicorn-error.log");
    let rows = casefile_ndjson(&["merge", "--json", "--tz", "UTC", &a, &b]);
    assert_eq!(
        rows.len(),
        24 + index_json(&[&b])["sources"][0]["records"]
            .as_u64()
            .expect("n") as usize
    );
    let times: Vec<&str> = rows.iter().filter_map(|r| r["time"].as_str()).collect();
    assert!(
        times.windows(2).all(|w| w[0] <= w[1]),
        "merge output is not in time order"
    );
    assert!(
        rows.iter().any(|r| r["source"] == "supervisord")
            && rows.iter().any(|r| r["source"] == "gunicorn-error")
    );
}

#[test]
fn merge_text_survives_a_closed_pipe() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    // Far more output than a pipe buffers (64 KiB on Linux): after the reader
    // goes away, casefile's writes must meet the closed pipe.
    let dir = tempfile::tempdir().expect("tempdir");
    let mut log = String::new();
    for i in 0..20_000 {
        log.push_str(&format!(
            "2022-03-24T17:{:02}:{:02}.{:03}Z INFO request {i} served in 12ms\n",
            i / 3600 % 60,
            i / 60 % 60,
            i % 1000
        ));
    }
    let path = write(dir.path(), "big.log", log.as_bytes());
    let mut child = Command::new(bin())
        .args(["merge", "--tz", "UTC", path.to_str().expect("path")])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut first = [0u8; 10];
    let mut reader = child.stdout.take().expect("stdout");
    reader.read_exact(&mut first).expect("read");
    drop(reader);
    let out = child.wait_with_output().expect("wait");
    assert_eq!(
        out.status.code(),
        Some(0),
        "a closed pipe is a normal end (| head): {}",
        stderr(&out)
    );
    // Its stamps step back (the log's seconds wrap each minute): said, as
    // `index` lists it, and nothing else.
    assert_eq!(stderr(&out), "casefile: big: times go backwards 13 times\n");
}

#[test]
fn completions_and_man_page_come_from_the_cli_definition() {
    for shell in ["bash", "zsh", "fish"] {
        let o = casefile(&["completions", shell]);
        assert!(o.status.success());
        let s = stdout(&o);
        assert!(
            s.contains("casefile") && s.contains("display-tz"),
            "{shell} completion lacks options"
        );
    }
    let o = casefile(&["man"]);
    assert!(stdout(&o).contains(".TH casefile"), "man page is roff");
    assert!(stdout(&o).contains("rotated"));
    let help = stdout(&casefile(&["--help"]));
    for word in [
        "index",
        "show",
        "merge",
        "--since",
        "--tz",
        "--set",
        "--command",
    ] {
        assert!(help.contains(word), "--help lacks {word}");
    }
}

#[test]
fn show_says_when_a_source_has_no_timestamps() {
    let a = corpus("supervisord/supervisord.log");
    let b = corpus("python/uvicorn-default.log");
    let o = casefile(&[
        "show",
        "--tz",
        "UTC",
        "--at",
        "2026-11-23 14:09:05",
        "--after",
        "2",
        "--json",
        &a,
        &b,
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let plain = &v["sources"][1];
    assert_eq!(plain["untimed"], true);
    assert!(plain["cursor_record"].is_null());
    assert_eq!(
        plain["rows"][0]["record"], 0,
        "an untimed source shows its first records"
    );
    assert_eq!(v["sources"][0]["untimed"], false);
}

/// What the goroutine view lists is printed too: each group's members
/// longest wait first (text and JSON) and how many idle groups it folds.
#[test]
fn goroutines_prints_members_longest_wait_first_and_the_folded_count() {
    let dump = demo("goroutines.txt");
    let o = casefile(&["goroutines", "--json", &dump]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    for g in v["groups"].as_array().expect("groups") {
        let m = g["members_by_wait"].as_array().expect("members_by_wait");
        assert_eq!(m.len(), g["ids"].as_array().expect("ids").len(), "{g}");
        let waits: Vec<u64> = m
            .iter()
            .map(|x| x["wait_minutes"].as_u64().expect("wait"))
            .collect();
        assert!(waits.windows(2).all(|w| w[0] >= w[1]), "{waits:?}");
    }
    // The deliveryWorkers: 89 and 90 waited 4 minutes, the others 3.
    let workers = v["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .find(|g| g["own_function"] == "main.(*Hub).Push" && g["count"] == 8)
        .expect("the deliveryWorkers' group");
    assert_eq!(
        workers["members_by_wait"][0],
        serde_json::json!({"id": 89, "wait_minutes": 4})
    );
    assert_eq!(
        v["folded"],
        serde_json::json!({"groups": 0, "goroutines": 0})
    );
    let text = stdout(&casefile(&["goroutines", &dump]));
    assert!(
        text.contains("goroutines, longest wait first: 89 (4 min) 90 (4 min) 91 (3 min)"),
        "{text}"
    );
}

/// The instant nginx's `msec` (`"1795440930.606"`, epoch seconds with millis) names, in
/// RFC 3339 UTC as `--json` prints times.
fn msec_instant(row: &serde_json::Value) -> String {
    let line: serde_json::Value =
        serde_json::from_str(row["text"].as_str().expect("text")).expect("a JSON line");
    let msec = line["msec"].as_str().expect("msec");
    let (secs, millis) = msec.split_once('.').expect("millis");
    let t = chrono::DateTime::from_timestamp(secs.parse().expect("secs"), 0).expect("time")
        + chrono::Duration::milliseconds(millis.parse().expect("millis"));
    t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

#[test]
fn nginx_json_lines_are_dated_to_their_msec() {
    let f = corpus("nginx/access-json.log");
    let rows = casefile_ndjson(&["merge", "--json", &f]);
    assert_eq!(rows.len(), 14);
    for r in &rows {
        // time_iso8601 says the same second, with -08:00 and no millis.
        let line: serde_json::Value =
            serde_json::from_str(r["text"].as_str().expect("text")).expect("a JSON line");
        let iso = chrono::DateTime::parse_from_rfc3339(line["time_iso8601"].as_str().expect("iso"))
            .expect("rfc3339");
        assert!(msec_instant(r).starts_with(&iso.to_utc().format("%Y-%m-%dT%H:%M:%S").to_string()));
        assert_eq!(r["time"].as_str(), Some(msec_instant(r).as_str()), "{r}");
    }
    assert_eq!(rows[0]["time"], "2026-11-23T13:35:30.606Z");

    // Shown in the zone the user asks for, as before, now with the millis.
    let out = casefile_ok(&[
        "show",
        "--at",
        "2026-11-23 05:35:30.61",
        "--display-tz",
        "America/Los_Angeles",
        "--before",
        "0",
        "--after",
        "1",
        &f,
    ]);
    assert!(out.contains("2026-11-23 05:35:30.606 "), "{out}");
    assert!(out.contains("2026-11-23 05:35:30.616 "), "{out}");

    // Another source's record at .650 falls between the nginx records of .644 and .654.
    let dir = tempfile::tempdir().expect("tempdir");
    let other = write(
        dir.path(),
        "app.log",
        b"2026-11-23T13:35:30.650Z INFO between\n",
    );
    let rows = casefile_ndjson(&["merge", "--json", &f, &other.to_string_lossy()]);
    let at = rows
        .iter()
        .position(|r| r["source"] == "app")
        .expect("app's record");
    assert_eq!(msec_instant(&rows[at - 1]), "2026-11-23T13:35:30.644Z");
    assert_eq!(msec_instant(&rows[at + 1]), "2026-11-23T13:35:30.654Z");
}

#[test]
fn nginx_msec_alone_or_a_second_off_time_iso8601() {
    let corpus_text = std::fs::read_to_string(corpus("nginx/access-json.log")).expect("read");
    let dir = tempfile::tempdir().expect("tempdir");
    // The corpus lines without time_iso8601: msec alone dates them.
    let alone: String = corpus_text
        .lines()
        .map(|l| {
            let v = l.find(",\"msec\"").expect("msec after time_iso8601");
            format!("{{{}\n", &l[v + 1..])
        })
        .collect();
    let alone = write(dir.path(), "alone.log", alone.as_bytes());
    let rows = casefile_ndjson(&["merge", "--json", &alone.to_string_lossy()]);
    assert_eq!(rows.len(), 14);
    for r in &rows {
        assert_eq!(r["time"].as_str(), Some(msec_instant(r).as_str()), "{r}");
    }
    // A line whose msec is a second past its time_iso8601 keeps time_iso8601's time.
    let first = corpus_text.lines().next().expect("a line");
    let off = first.replace("1795440930.606", "1795440931.606");
    let off = write(
        dir.path(),
        "off.log",
        format!("{first}\n{off}\n").as_bytes(),
    );
    let rows = casefile_ndjson(&["merge", "--json", &off.to_string_lossy()]);
    let times: Vec<&str> = rows.iter().filter_map(|r| r["time"].as_str()).collect();
    assert_eq!(times, ["2026-11-23T13:35:30Z", "2026-11-23T13:35:30.606Z"]);
}

/// A service that logged one line, then crashed with every goroutine's stack:
/// one dated line in the 400 sampled (confidence 0.0025) and in the file's
/// 2,538. Rounded to two places both read as nothing dated.
#[test]
fn index_never_rounds_a_few_dated_lines_to_none() {
    let dir = tempfile::tempdir().expect("tempdir");
    let logged = std::fs::read_to_string(corpus("go/stdlog-default.log")).expect("corpus log");
    let dump = std::fs::read_to_string(demo("goroutines.txt")).expect("demo dump");
    let first = logged.lines().next().expect("a line");
    let crash = format!("{first}\npanic: boom\n\n{dump}");
    let path = write(dir.path(), "crashed.log", crash.as_bytes());
    let out = casefile_ok(&["index", path.to_str().expect("utf-8")]);
    assert!(
        out.contains("  format     go-log (confidence 0.0025)\n"),
        "{out}"
    );
    assert!(
        out.contains("  records    2 in 2538 lines (0.04% with their own timestamp)\n"),
        "{out}"
    );
    let v = index_json(&[path.to_str().expect("utf-8")]);
    assert_eq!(v["sources"][0]["confidence"], 0.0025, "{v}");
    assert_eq!(v["sources"][0]["timestamped_fraction"], 0.0004, "{v}");
}
