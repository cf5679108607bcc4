//! Hostile input from issue 12: times past what casefile can place, names
//! that carry terminal escapes, file names that are not UTF-8. Each case ran
//! the real binary and showed the bug before its fix.

mod common;

use common::*;

/// Epochs and dates past 2262 wrapped around to 1677 (item 6).
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
        for r in ndjson(&stdout(&o)) {
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
        (
            vec!["show", "--at=1899-12-31T23:00:00Z", &log],
            "'1899-12-31T23:00:00Z'",
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
    // The ends of the range are usable, however far from the records: the
    // distance to them must not overflow ("quiet for" panicked at 1678). So
    // far from every record no source is silent, only outside its time.
    for (at, says) in [
        ("1900-01-01T00:00:00Z", "before the first record"),
        ("2191-12-31T23:59:59Z", "after the last record"),
    ] {
        let o = casefile(&["show", "--tz", "UTC", "--at", at, &log]);
        assert!(o.status.success(), "{at}: {}", stderr(&o));
        assert!(!stdout(&o).contains("quiet for"), "{at}: {}", stdout(&o));
        assert!(stderr(&o).contains(says), "{at}: {}", stderr(&o));
    }
}

/// Bytes a terminal acts on: C0 controls other than newline, DEL, ESC, and
/// the C1 controls U+0080..U+009F (some terminals read U+009B as CSI).
fn raw_controls(bytes: &[u8]) -> Vec<char> {
    String::from_utf8_lossy(bytes)
        .chars()
        .filter(|&c| (c.is_control() && c != '\n') || ('\u{80}'..='\u{9f}').contains(&c))
        .collect()
}

/// Whether any string in a JSON value holds an ESC byte.
fn has_escape(v: &serde_json::Value) -> bool {
    match v {
        serde_json::Value::String(s) => s.contains('\u{1b}'),
        serde_json::Value::Array(a) => a.iter().any(has_escape),
        serde_json::Value::Object(o) => o.values().any(has_escape),
        _ => false,
    }
}

/// A file named with OSC 52 (`ESC ] 52 ; c ; ... BEL`) wrote to the user's
/// clipboard when merge, show or index printed its name (item 7).
#[test]
fn escapes_in_names_never_reach_the_terminal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let evil = "evil\u{1b}]52;c;aGFja2Vk\u{7}\u{9b}31m";
    let p = write(
        dir.path(),
        &format!("{evil}.log"),
        b"2026-11-23T14:00:00Z INFO a\n2026-11-23T14:00:01Z ERROR b\n",
    );
    let path = p.to_str().expect("path");
    let missing = dir.path().join(format!("{evil}-missing.log"));
    let missing = missing.to_str().expect("path");
    let renamed = "x.name=\u{1b}]0;title\u{7}x\u{85}";
    let named = format!("x={path}");
    let runs: Vec<Vec<&str>> = vec![
        vec!["index", path, missing],
        vec!["index", "--json", path, missing],
        vec!["merge", path, missing],
        vec!["merge", "--json", path, missing],
        vec!["show", "--at", "2026-11-23T14:00:01Z", path, missing],
        vec!["show", "--json", "--at", "2026-11-23T14:00:01Z", path],
        vec!["merge", "--set", renamed, &named],
        vec!["merge", "--json", "--set", renamed, &named],
        vec!["index", "--set", "nosuch\u{1b}[2J.tz=UTC", path],
        vec!["merge", "--format", "\u{1b}]52;c;eA==\u{7}", path],
        vec!["merge", "-c", "\u{1b}[2Jcmd=echo 2026-11-23T14:00:00Z hi"],
        // clap's own errors quote the argument.
        vec!["merge", "--\u{1b}]52;c;eA==\u{7}", path],
    ];
    for args in runs {
        let mut a = vec!["--tz", "UTC"];
        let (cmd, rest) = args.split_first().expect("command");
        a.insert(0, cmd);
        a.extend_from_slice(rest);
        let o = casefile(&a);
        let (out, err) = (raw_controls(&o.stdout), raw_controls(&o.stderr));
        assert!(
            out.is_empty() && err.is_empty(),
            "{args:?}: raw controls {out:?} on stdout, {err:?} on stderr:\n{}{}",
            stdout(&o),
            stderr(&o)
        );
        assert!(
            !stdout(&o).is_empty() || !stderr(&o).is_empty(),
            "{args:?}: printed nothing"
        );
        if args.contains(&"--json") {
            let text = stdout(&o);
            let parsed: Result<Vec<serde_json::Value>, _> = if cmd == &"merge" {
                text.lines().map(serde_json::from_str).collect()
            } else {
                serde_json::from_str(&text).map(|v| vec![v])
            };
            let parsed = parsed.unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {text}"));
            // JSON keeps the exact name, escaped.
            assert!(
                parsed.iter().any(has_escape),
                "{args:?}: the name lost its bytes: {text}"
            );
        }
    }
}

/// A file name that is not UTF-8 was refused by the argument parser (item 9):
/// it opens, alone and as NAME=PATH, and its name is shown lossily.
#[test]
fn file_names_that_are_not_utf8_open() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let name = OsStr::from_bytes(b"caf\xe9-\xff.log");
    let path = dir.path().join(name);
    std::fs::write(&path, b"2026-11-23T14:00:00Z INFO latin-1 named\n").expect("write");
    let mut named = std::ffi::OsString::from("cafe=");
    named.push(&path);
    for (arg, want_name) in [
        (path.as_os_str(), "caf\u{fffd}-\u{fffd}"),
        (named.as_os_str(), "cafe"),
    ] {
        let o = std::process::Command::new(bin())
            .args(["index", "--json", "--tz", "UTC"])
            .arg(arg)
            .output()
            .expect("run");
        assert!(o.status.success(), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
        let s = &v["sources"][0];
        assert_eq!(s["records"], 1, "{v}");
        assert_eq!(s["name"], want_name, "{v}");
        assert!(
            s["path"]
                .as_str()
                .is_some_and(|p| p.ends_with("caf\u{fffd}-\u{fffd}.log")),
            "{v}"
        );
        let o = std::process::Command::new(bin())
            .args(["merge", "--tz", "UTC"])
            .arg(arg)
            .output()
            .expect("run");
        assert!(
            o.status.success() && stdout(&o).contains("latin-1 named"),
            "{}",
            stderr(&o)
        );
    }
}

/// `journalctl -r` (and many web consoles' exports) print newest first: every
/// step goes back in time, and the panes, silences and merge, which read a log
/// oldest first, misplace it. The warning must say that, not only count steps.
#[test]
fn a_newest_first_log_is_named_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let iso = corpus("journald/journalctl-short-iso.txt");
    let text = std::fs::read_to_string(&iso).expect("corpus file");
    // What `journalctl -r -o short-iso` prints: the same lines, last first.
    let mut lines: Vec<&str> = text.lines().collect();
    lines.reverse();
    let p = write(
        dir.path(),
        "api-r.log",
        (lines.join("\n") + "\n").as_bytes(),
    );
    let v = index_json(&[p.to_str().expect("path")]);
    let warnings = v["sources"][0]["warnings"].to_string();
    assert!(
        warnings.contains("newest first"),
        "a reversed journal is not called newest first: {warnings}"
    );
    // Oldest first, or a few lines out of order (compose interleaving), is not.
    for f in [iso, corpus("docker/lnav-logfile_docker_compose_with_ts.0")] {
        let v = index_json(&[&f]);
        let warnings = v["sources"][0]["warnings"].to_string();
        assert!(!warnings.contains("newest first"), "{f}: {warnings}");
    }
}
