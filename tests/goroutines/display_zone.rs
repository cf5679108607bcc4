//! `goroutines` and `addr --in` show times as `merge`, `silences` and
//! `index` do: in the zone the logs are read in (`--tz`), `--display-tz`
//! choosing another, the zone named; `--json` stays RFC 3339 UTC.

use crate::common::*;
use crate::support::*;
use crate::two_dumps::profile_then_panic;

/// The line of `out` that contains `what`.
fn line_with<'a>(out: &'a str, what: &str) -> &'a str {
    out.lines()
        .find(|l| l.contains(what))
        .unwrap_or_else(|| panic!("no line with {what:?}:\n{out}"))
}

#[test]
fn goroutines_shows_a_dumps_time_in_the_display_zone() {
    let test = "goroutines_shows_a_dumps_time_in_the_display_zone";
    for go in toolchains(test) {
        let name = &go.name;
        let dir = tempfile::tempdir().expect("tempdir");
        let log = profile_then_panic(&go, dir.path());
        let set = "profile-then-panic.time=2026-11-30T09:12:30Z";
        let text = |extra: &[&str]| {
            let mut args = vec!["goroutines", "--set", set, s(&log)];
            args.extend_from_slice(extra);
            let o = casefile(&args);
            assert!(o.status.success(), "{name} {extra:?}: {}", stderr(&o));
            stdout(&o)
        };
        // The file's time is its last dump's; the profile before it has none.
        for (extra, said) in [
            (&[][..], "2026-11-30 09:12:30.000 UTC (set)"),
            (
                &["--display-tz", "Asia/Shanghai"][..],
                "2026-11-30 17:12:30.000 Asia/Shanghai (set)",
            ),
            // Shown in the zone the logs are read in, unless another is chosen.
            (
                &["--tz", "Asia/Tokyo"][..],
                "2026-11-30 18:12:30.000 Asia/Tokyo (set)",
            ),
            (
                &["--tz", "Asia/Tokyo", "--display-tz", "UTC"][..],
                "2026-11-30 09:12:30.000 UTC (set)",
            ),
        ] {
            let out = text(extra);
            let last = line_with(&out, "(dump 2 of 2, line ");
            assert!(
                last.ends_with(&format!(", traceback, {said}")),
                "{name} {extra:?}: {last}"
            );
            let first = line_with(&out, "(dump 1 of 2, line 1)");
            assert!(first.ends_with(", time unknown"), "{name}: {first}");
        }
        // --json keeps RFC 3339 UTC, as `merge --json` does.
        let v = goroutines_json(&["--set", set, "--display-tz", "Asia/Shanghai", s(&log)]);
        assert_eq!(v["dumps"][1]["time"], "2026-11-30T09:12:30Z", "{name}: {v}");

        // --diff says when each was taken in the same zone.
        let copy = dir.path().join("again.log");
        std::fs::copy(&log, &copy).expect("copy");
        let o = casefile(&[
            "goroutines",
            "--diff",
            s(&log),
            s(&copy),
            "--set",
            set,
            "--set",
            "again.time=2026-11-30T09:15:00Z",
            "--display-tz",
            "Asia/Shanghai",
        ]);
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        let out = stdout(&o);
        assert!(
            out.contains("profile-then-panic taken 2026-11-30 17:12:30.000 Asia/Shanghai (set)\n")
                && out.contains(
                    "again taken 2026-11-30 17:15:00.000 Asia/Shanghai (set), 2m30s later\n"
                ),
            "{name}:\n{out}"
        );
        let v = goroutines_json(&[
            "--diff",
            s(&log),
            s(&copy),
            "--set",
            set,
            "--display-tz",
            "Asia/Shanghai",
        ]);
        assert_eq!(
            v["times"]["before"]["time"], "2026-11-30T09:12:30Z",
            "{name}: {v}"
        );

        // A zone that does not exist is the command line's fault, and named.
        let o = casefile(&["goroutines", "--display-tz", "Mars/Olympus", s(&log)]);
        assert_eq!(o.status.code(), Some(2), "{name}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("Mars/Olympus"),
            "{name}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn addr_in_shows_each_records_time_in_the_display_zone() {
    let test = "addr_in_shows_each_records_time_in_the_display_zone";
    for go in toolchains(test) {
        let name = &go.name;
        let bin = go.plain();
        // The worker's log (Go's log package: zone-less local stamps), then its panic.
        let out = run(&bin, &["-scenario", "panic"]);
        let dir = tempfile::tempdir().expect("tempdir");
        let log = write(dir.path(), "worker.log", &out.stderr);
        let rows = casefile_ndjson(&["addr", "--json", "--binary", s(&bin), "--in", s(&log)]);
        assert_eq!(rows.len(), 1, "{name}: {rows:?}");
        let utc = rows[0]["time"]
            .as_str()
            .expect("the panic's record is dated");
        let at = chrono::DateTime::parse_from_rfc3339(utc).expect("RFC 3339");
        let wall = |hours: i64| {
            (at.naive_utc() + chrono::Duration::hours(hours))
                .format("%Y-%m-%d %H:%M:%S%.3f")
                .to_string()
        };
        let head = |extra: &[&str]| {
            let mut args = vec!["addr", "--binary", s(&bin), "--in", s(&log)];
            args.extend_from_slice(extra);
            let o = casefile(&args);
            assert!(o.status.success(), "{name} {extra:?}: {}", stderr(&o));
            stdout(&o).lines().next().expect("a record").to_string()
        };
        let line = rows[0]["line"].as_u64().expect("line");
        for (extra, hours, zone) in [
            (&[][..], 0, "UTC"),
            (&["--display-tz", "Asia/Shanghai"][..], 8, "Asia/Shanghai"),
        ] {
            let h = head(extra);
            assert!(
                h.starts_with(&format!("worker:{line} {} {zone} panic: ", wall(hours))),
                "{name} {extra:?}: {h}"
            );
        }
        // Read in Tokyo, the stamps are nine hours earlier in UTC: shown as
        // written, in Tokyo, unless another zone is chosen.
        let h = head(&["--tz", "Asia/Tokyo"]);
        assert!(
            h.starts_with(&format!("worker:{line} {} Asia/Tokyo panic: ", wall(0))),
            "{name}: {h}"
        );
        let h = head(&["--tz", "Asia/Tokyo", "--display-tz", "UTC"]);
        assert!(
            h.starts_with(&format!("worker:{line} {} UTC panic: ", wall(-9))),
            "{name}: {h}"
        );
        // West of UTC the zone starts with `-` and is still one (not an
        // unknown flag): read 8 hours behind UTC, then shown in it or in UTC.
        let h = head(&["--tz", "-08:00"]);
        assert!(
            h.starts_with(&format!("worker:{line} {} UTC-08:00 panic: ", wall(0))),
            "{name}: {h}"
        );
        let h = head(&["--tz", "-0800", "--display-tz", "UTC"]);
        assert!(
            h.starts_with(&format!("worker:{line} {} UTC panic: ", wall(8))),
            "{name}: {h}"
        );
        // --json stays UTC whatever the display zone.
        let rows = casefile_ndjson(&[
            "addr",
            "--json",
            "--binary",
            s(&bin),
            "--in",
            s(&log),
            "--display-tz",
            "Asia/Shanghai",
        ]);
        assert_eq!(rows[0]["time"], utc, "{name}");
        // Without --in there is no time to show.
        let o = casefile(&[
            "addr",
            "--binary",
            s(&bin),
            "--display-tz",
            "UTC",
            "0x401000",
        ]);
        assert_eq!(o.status.code(), Some(2), "{name}: {}", stderr(&o));
        assert!(stderr(&o).contains("--in"), "{name}: {}", stderr(&o));
    }
}
