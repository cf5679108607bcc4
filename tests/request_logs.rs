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
