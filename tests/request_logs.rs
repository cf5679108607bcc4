//! Request logs whose stamp is not at the line's start, read in time:
//! uWSGI's (a `ctime` in brackets in the middle of the line), IIS's W3C
//! extended log (`date` and `time` columns named by a `#Fields:` line) and
//! Zeek's TSV (epoch `ts` under a `#fields` header). Times are the ones read
//! off the corpus files by hand; templates must hold the request, not the
//! stamp.

mod common;
use common::*;

const UWSGI: &str = "misc/lnav-logfile_uwsgi.0";

fn source(path: &str, tz: &str) -> serde_json::Value {
    let v = casefile_json(&["index", "--json", "--tz", tz, path]);
    v["sources"][0].clone()
}

/// The record starting at 1-based `line` of a file whose records are one
/// line each, as `merge --json` prints it.
fn record(path: &str, tz: &str, text_start: &str) -> serde_json::Value {
    casefile_ndjson(&["merge", "--json", "--tz", tz, path])
        .into_iter()
        .find(|r| {
            r["text"]
                .as_str()
                .is_some_and(|t| t.starts_with(text_start))
        })
        .unwrap_or_else(|| panic!("no record starting {text_start:?}"))
}

#[test]
fn uwsgi_requests_are_dated_by_the_stamp_in_their_middle() {
    let path = corpus(UWSGI);
    let s = source(&path, "UTC");
    assert_eq!(s["format"], "uwsgi", "{s}");
    assert_eq!(s["records"], 19, "{s}");
    assert_eq!(s["timestamped_fraction"], 1.0, "{s}");
    // First line `[Sun Mar 13 22:49:12 2016]`, last `[Sun Mar 13 22:56:15 2016]`.
    assert_eq!(s["first"], "2016-03-13T22:49:12Z", "{s}");
    assert_eq!(s["last"], "2016-03-13T22:56:15Z", "{s}");
    // Every request answered 200.
    assert_eq!(s["levels"]["info"], 19, "{s}");
    // uWSGI writes local time: in New York (EDT since 02:00 that day) it
    // is four hours behind UTC.
    let ny = source(&path, "America/New_York");
    assert_eq!(ny["first"], "2016-03-14T02:49:12Z", "{ny}");
    // The only `micros` request: `[pid: 88185|app: 0|req: 3/3] … [Sun Mar 13 22:49:15 2016]`.
    let r = record(&path, "UTC", "[pid: 88185|app: 0|req: 3/3]");
    assert_eq!(r["time"], "2016-03-13T22:49:15Z", "{r}");
    assert_eq!(r["time_inherited"], false, "{r}");
}

/// The row keeps the worker's counters and address and loses the stamp
/// its time column shows; templates hold the request from its method on.
#[test]
fn uwsgi_rows_and_templates_leave_the_stamp_out() {
    let path = corpus(UWSGI);
    let out = casefile_ok(&["merge", "--tz", "UTC", &path]);
    let first = out.lines().next().expect("a row");
    assert!(first.starts_with("2016-03-13 22:49:12.000 "), "{first}");
    assert!(
        first.contains("[pid: 88185|app: 0|req: 1/1] 127.0.0.1 () {38 vars in 696 bytes} POST /update_metrics => generated 47 bytes in 129 msecs"),
        "{first}"
    );
    assert!(!first.contains("Mar 13"), "{first}");
    let t = templates(&path);
    assert_eq!(t.iter().map(|(_, n)| n).sum::<u64>(), 19, "{t:?}");
    for (template, _) in &t {
        assert!(template.starts_with("POST "), "{template}");
        assert!(
            template.contains(" => generated <*> bytes in <*> m"),
            "{template}"
        );
        for stamp_or_counter in ["Mar", "2016", "pid:", "req:", "vars in"] {
            assert!(!template.contains(stamp_or_counter), "{template}");
        }
    }
}

const W3C: &str = "misc/lnav-logfile_w3c_big.0";

/// IIS's log: 11 directive blocks (`#Software:`, `#Version:`, `#Date:`,
/// `#Fields:`) and 210 requests, 202 of them 404s and 8 200s.
#[test]
fn w3c_requests_are_utc_with_their_status_as_level() {
    let path = corpus(W3C);
    let s = source(&path, "UTC");
    assert_eq!(s["format"], "w3c", "{s}");
    // Each request a record, and each directive block one (not a part of
    // the request above it).
    assert_eq!(s["records"], 210 + 11, "{s}");
    // The requests and the 11 `#Date:` lines.
    assert_eq!(s["timestamped_fraction"], 0.8701, "{s}");
    // The first block's `#Date: 2015-01-13 00:32:17` (line 3); the last request
    // `2015-01-13 23:15:41`.
    assert_eq!(s["first"], "2015-01-13T00:32:17Z", "{s}");
    assert_eq!(s["last"], "2015-01-13T23:15:41Z", "{s}");
    assert_eq!(s["levels"]["warn"], 202, "{s}");
    assert_eq!(s["levels"]["info"], 8, "{s}");
    assert!(s["levels"].get("error").is_none(), "{s}");
    // W3C times are UTC whatever the zone the reader is in.
    let ny = source(&path, "America/New_York");
    assert_eq!(
        (&ny["first"], &ny["last"]),
        (&s["first"], &s["last"]),
        "{ny}"
    );
    assert!(
        ny["warnings"]
            .as_array()
            .is_some_and(|w| w.iter().all(|w| !w.to_string().contains("zone"))),
        "{ny}"
    );
    // Line 15: `2015-01-13 02:05:40 … GET /48672181611.html … 404 …`.
    let r = record(
        &path,
        "Asia/Kolkata",
        "2015-01-13 02:05:40 100.79.192.81 GET /48672181611.html",
    );
    assert_eq!(r["time"], "2015-01-13T02:05:40Z", "{r}");
    assert_eq!(r["level"], "warn", "{r}");
    // Lines 11-14, the second block, are one record dated by its `#Date:`
    // (when IIS began writing again), before line 15's request.
    let all = casefile_ndjson(&["merge", "--json", "--tz", "UTC", &path]);
    let k = all
        .iter()
        .position(|r| {
            r["text"]
                .as_str()
                .is_some_and(|t| t.contains("#Date: 2015-01-13 02:05:40"))
        })
        .expect("the second block");
    let block = &all[k];
    let text = block["text"].as_str().expect("text");
    assert!(
        text.starts_with("#Software: Microsoft Internet Information Services 8.5\n#Version: 1.0\n"),
        "{block}"
    );
    assert!(
        text.lines()
            .nth(3)
            .is_some_and(|l| l.starts_with("#Fields: date time ")),
        "{block}"
    );
    assert_eq!(block["time"], "2015-01-13T02:05:40Z", "{block}");
    assert_eq!(block["time_inherited"], false, "{block}");
    assert_eq!(block["level"], serde_json::Value::Null, "{block}");
    assert!(
        all[k + 1]["text"]
            .as_str()
            .is_some_and(|t| t.contains("/48672181611.html")),
        "{}",
        all[k + 1]
    );
    // The first block, before any request, is dated by its `#Date:` too.
    assert_eq!(all[0]["time"], "2015-01-13T00:32:17Z", "{}", all[0]);
}

#[test]
fn w3c_rows_and_templates_leave_the_date_and_time_out() {
    let path = corpus(W3C);
    let out = casefile_ok(&["merge", "--tz", "UTC", &path]);
    let row = out
        .lines()
        .find(|l| l.contains("/48672181611.html"))
        .expect("line 15's row");
    assert!(row.starts_with("2015-01-13 02:05:40.000 "), "{row}");
    assert!(row.contains(" WARN "), "{row}");
    assert!(
        row.contains("  100.79.192.81 GET /48672181611.html - 80 -"),
        "{row}"
    );
    assert!(!row.contains("2015-01-13 02:05:40 "), "{row}");
    let t = templates(&path);
    assert_eq!(t.iter().map(|(_, n)| n).sum::<u64>(), 221, "{t:?}");
    assert!(
        t.iter().any(|(t, n)| t.starts_with("GET ") && *n >= 200),
        "{t:?}"
    );
    for (template, _) in &t {
        assert!(!template.contains("2015-01-13"), "{template}");
        assert!(!template.contains(":32:17"), "{template}");
    }
}

const ZEEK: &str = "misc/lnav-logfile_bro_conn.log.0";

/// Zeek's conn.log: 8 header lines, 92 connections, a `#close` footer; each
/// connection dated by its `ts` (epoch seconds and micros, UTC).
#[test]
fn zeek_connections_are_dated_by_their_ts() {
    let path = corpus(ZEEK);
    let s = source(&path, "UTC");
    assert_eq!(s["format"], "zeek", "{s}");
    // The header is one record, each connection one, the footer one.
    assert_eq!(s["records"], 1 + 92 + 1, "{s}");
    assert_eq!(s["timestamped_fraction"], 0.9109, "{s}");
    // conn.log writes a connection when it ends, dated by its start: 42
    // times a ts goes back. The source's first and last times are its least
    // and greatest ts (the timeline's range), 1320279554.496300 and
    // 1320279673.118549, not the last line's, 1320279566.796068.
    assert_eq!(s["first"], "2011-11-03T00:19:14.496300Z", "{s}");
    assert_eq!(s["last"], "2011-11-03T00:21:13.118549Z", "{s}");
    assert!(
        s["warnings"].to_string().contains("backwards 42 times"),
        "{s}"
    );
    assert!(
        !s["warnings"].to_string().contains("zeek-cut"),
        "read now: {s}"
    );
    let ny = source(&path, "America/New_York");
    assert_eq!(
        (&ny["first"], &ny["last"]),
        (&s["first"], &s["last"]),
        "{ny}"
    );
    // Line 20: `1320279600.826685	CaPClb1Bf0RrRGtyWi	192.168.2.76	52083 …`.
    let r = record(&path, "UTC", "1320279600.826685\tCaPClb1Bf0RrRGtyWi");
    assert_eq!(r["time"], "2011-11-03T00:20:00.826685Z", "{r}");
    assert_eq!(r["time_inherited"], false, "{r}");
    // The footer is not the last connection's.
    let all = casefile_ndjson(&["merge", "--json", "--tz", "UTC", &path]);
    let last = all.last().expect("records");
    assert!(
        last["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("#close\t")),
        "{last}"
    );
    assert_eq!(last["time_inherited"], true, "{last}");
    let header = &all[0];
    assert!(
        header["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("#separator") && t.contains("\n#types\t")),
        "{header}"
    );
}

#[test]
fn zeek_rows_and_templates_leave_the_ts_out() {
    let path = corpus(ZEEK);
    let out = casefile_ok(&["merge", "--tz", "UTC", &path]);
    let row = out
        .lines()
        .find(|l| l.contains("CaPClb1Bf0RrRGtyWi"))
        .expect("line 20's row");
    assert!(row.starts_with("2011-11-03 00:20:00.826 "), "{row}");
    assert!(!row.contains("1320279600"), "{row}");
    for (template, _) in templates(&path) {
        assert!(!template.contains("13202"), "{template}");
    }
}
