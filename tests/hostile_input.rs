//! Hostile input from issue 12: times past what casefile can place, names
//! that carry terminal escapes, file names that are not UTF-8. Each case ran
//! the real binary and showed the bug before its fix.

mod common;

use common::*;

fn json_lines(o: &std::process::Output) -> Vec<serde_json::Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

/// Epochs and dates past 2261 wrapped around to 1677 (item 6).
#[test]
fn stamps_out_of_range_are_undated_with_a_warning_naming_the_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases: [(&str, &[u8]); 3] = [
        (
            "epoch.jsonl",
            b"{\"ts\":1795442711,\"msg\":\"a\"}\n{\"ts\":9223372036854775808,\"msg\":\"wraps\"}\n{\"ts\":1795442712,\"msg\":\"b\"}\n",
        ),
        (
            "iso.log",
            b"2026-11-23T14:00:00Z a\n2262-04-11T23:47:17Z wraps\n2026-11-23T14:00:01Z b\n",
        ),
        (
            "dmesg.log",
            b"[    1.000000] a\n[9999999999.000000] wraps\n[    2.000000] b\n",
        ),
    ];
    for (name, bytes) in cases {
        let p = write(dir.path(), name, bytes);
        let path = p.to_str().expect("path");
        let v = index_json(&["--boot-time", "2026-11-23T00:00:00Z", path]);
        let s = &v["sources"][0];
        let warnings = s["warnings"].to_string();
        assert!(
            warnings.contains("line 2: time out of range"),
            "{name}: {warnings}"
        );
        assert!(
            s["first"]
                .as_str()
                .is_some_and(|t| t.starts_with("2026-11-")),
            "{name}: first {}",
            s["first"]
        );
        let o = casefile(&[
            "merge",
            "--json",
            "--tz",
            "UTC",
            "--boot-time",
            "2026-11-23T00:00:00Z",
            path,
        ]);
        for r in json_lines(&o) {
            let t = r["time"].as_str().unwrap_or("");
            assert!(!t.starts_with("16") && !t.starts_with("17"), "{name}: {r}");
        }
    }
}

/// Offsets and times the user typed overflowed into the 1700s (item 6).
#[test]
fn typed_times_and_offsets_out_of_range_are_refused_by_value() {
    let log = demo("kern.log");
    for (args, quoted) in [
        (
            vec!["merge", "--set", "kern.offset=106751d", &log],
            "'106751d'",
        ),
        (vec!["merge", "--since=+100000d", &log], "'+100000d'"),
        (
            vec!["merge", "--since=2262-04-11T23:47:17Z", &log],
            "'2262-04-11T23:47:17Z'",
        ),
        (vec!["show", "--at=+200000d", &log], "'+200000d'"),
        (
            vec!["show", "--at=-999999999999d", &log],
            "'-999999999999d'",
        ),
    ] {
        let o = casefile(&args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains(quoted) && err.contains("out of range"),
            "{args:?}: {err}"
        );
        assert!(stdout(&o).is_empty(), "{args:?}");
    }
}
