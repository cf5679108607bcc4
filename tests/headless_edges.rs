//! Headless commands given something that holds nothing for them: they say
//! so, rather than print an empty result that reads as an answer.

mod common;

use common::*;

#[test]
fn goroutines_on_a_log_without_a_dump_says_so() {
    let kern = demo("kern.log");
    for json in [false, true] {
        let mut args = vec!["goroutines"];
        if json {
            args.push("--json");
        }
        args.push(&kern);
        let (out, err) = casefile_exits(1, &args);
        assert_eq!(
            (out.as_str(), err.as_str()),
            (
                "",
                "casefile: kern: no Go goroutine dump or panic in it (`casefile goroutines` reads \
                 goroutine profiles, SIGQUIT and GOTRACEBACK output, and panics with their stacks)\n"
            ),
            "{args:?}"
        );
    }
    // A diff of a dump with such a file says which one holds none.
    let (out, err) = casefile_exits(1, &["goroutines", "--diff", &demo("goroutines.txt"), &kern]);
    assert_eq!(out, "");
    assert!(
        err.ends_with("casefile: kern: no Go goroutine dump or panic in it (`casefile goroutines` reads goroutine profiles, SIGQUIT and GOTRACEBACK output, and panics with their stacks)\n"),
        "{err}"
    );
}

#[test]
fn show_at_a_time_no_source_has_gives_it_no_date() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plain = write(dir.path(), "plain.log", b"starting\nready\n");
    let plain = plain.to_str().expect("path");
    let (out, err) = casefile_exits(0, &["show", "--at", "14:00:01", plain]);
    assert_eq!(
        out,
        "at 14:00:01 placed nowhere: no source has timestamps\n\
         == plain\n   -- no timestamps: cannot be placed in time; its first records --\n\
         \x20                                starting\n\
         \x20                                ready\n"
    );
    assert_eq!(
        err,
        "casefile: plain: no timestamps recognised: records keep file order and cannot be placed \
         in time (try --format)\n"
    );
    let v = casefile_json(&["show", "--json", "--at", "14:00:01", plain]);
    assert_eq!(v["at"], serde_json::Value::Null, "{v}");
    assert_eq!(v["sources"][0]["untimed"], true, "{v}");
}

#[test]
fn silences_without_timestamps_does_not_call_the_sources_regular() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plain = write(dir.path(), "plain.log", b"starting\nready\n");
    let (out, _) = casefile_exits(0, &["silences", plain.to_str().expect("path")]);
    assert_eq!(out, "no silences: no source has timestamps\n");
    let missing = dir.path().join("missing.log");
    let (out, _) = casefile_exits(1, &["silences", missing.to_str().expect("path")]);
    assert_eq!(out, "no silences: no source was read\n");
    // Sources with timestamps and no silence keep the sentence that says so.
    let o = casefile(&["silences", &corpus("go/stdlog-default.log")]);
    assert_eq!(
        stdout(&o),
        "no silences: every source kept to its own rhythm\n"
    );
}

#[test]
fn a_bad_option_is_refused_before_the_sources_are_read() {
    // kiosk-client warns that its stamps carry no zone once it is read: a
    // refusal must come alone, before any source is opened.
    let kiosk = demo("kiosk-client.log");
    for (args, refusal) in [
        (
            vec!["patterns", "--around", "14:31", "--window", "0s"],
            "casefile: --window '0s': must be longer than zero (e.g. 30s, 2m)\n",
        ),
        (
            vec!["patterns", "--buckets", "5000"],
            "casefile: --buckets 5000: give between 1 and 1000 slices of the time range\n",
        ),
        (
            vec!["silences", "--precursor-window", "0"],
            "casefile: --precursor-window '0': must be longer than zero (e.g. 30s, 2m)\n",
        ),
        (
            vec!["show", "--at", "yesterday-ish"],
            "casefile: --at: 'yesterday-ish' is not a time: try 17:23, 17:23:05.250, 03-24 \
             17:23, 2022-03-24 17:23:05, +5m or -30s\n",
        ),
    ] {
        let mut args = args.clone();
        args.push(&kiosk);
        let (out, err) = casefile_exits(2, &args);
        assert_eq!((out.as_str(), err.as_str()), ("", refusal), "{args:?}");
    }
}

#[test]
fn patterns_around_a_time_no_source_has_scores_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plain = write(dir.path(), "plain.log", b"starting\nready\n");
    let plain = plain.to_str().expect("path");
    let o = casefile(&["patterns", "--around", "14:00", plain]);
    assert_eq!(
        stdout(&o),
        "== plain\n\
         \x20       1  #1                             ..                          starting\n\
         \x20       1  #2                             ..                          ready\n"
    );
    assert!(
        stderr(&o).ends_with(
            "casefile: --around: no source has timestamps, so there is no time to score around\n"
        ),
        "{}",
        stderr(&o)
    );
    let v = casefile_json(&["patterns", "--json", "--around", "14:00", plain]);
    assert_eq!(v.get("around"), None, "{v}");
}

#[test]
fn goroutines_given_a_directory_of_dumps_asks_for_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, from) in [
        ("a.log", "go/panic-index-out-of-range.log"),
        ("b.log", "go/fatal-concurrent-map-writes.log"),
    ] {
        std::fs::copy(corpus(from), dir.path().join(name)).expect("copy");
    }
    let d = dir.path().to_str().expect("path");
    let a = dir.path().join("a.log");
    let a = a.to_str().expect("path");
    let refusal = format!(
        "casefile: {d}: a directory: `casefile goroutines` reads one file a DUMP (name one of \
         its files)\n"
    );
    for args in [
        vec!["goroutines", d],
        vec!["goroutines", "--json", d],
        vec!["goroutines", "--diff", d, a],
        vec!["goroutines", "--diff", a, d],
    ] {
        let (out, err) = casefile_exits(2, &args);
        assert_eq!(
            (out.as_str(), err.as_str()),
            ("", refusal.as_str()),
            "{args:?}"
        );
    }
}

#[test]
fn python_level_colon_name_lines_show_their_level_once() {
    // logging.basicConfig()'s default `LEVEL:name:msg`, which has no time.
    let out = casefile_ok(&["merge", &corpus("python/stdlib-basicconfig-default.log")]);
    let first: Vec<&str> = out.lines().skip(1).take(3).collect();
    assert_eq!(
        first,
        [
            "                        stdlib-basicconfig-default INFO  demo.client:server listening on http://127.0.0.1:36765",
            "                        stdlib-basicconfig-default DEBUG demo.client:GET /",
            "                        stdlib-basicconfig-default       127.0.0.1 - - [23/Nov/2026 14:08:47] \"GET / HTTP/1.1\" 200 -",
        ]
    );
}

#[test]
fn patterns_never_prints_a_source_names_escapes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = write(
        dir.path(),
        "ev\x1b]0;x\x07il\x1b[31m.log",
        b"2026-11-20T14:00:00Z INFO ok\n",
    );
    let out = casefile_ok(&["patterns", p.to_str().expect("path")]);
    assert_eq!(
        out,
        "== evil\n        1  #1     2026-11-20 14:00:00.000 .. 2026-11-20 14:00:00.000  ok\n"
    );
}

/// No byte a terminal acts on: ESC, BEL, or a C1 control.
fn assert_inert(what: &str, out: &str) {
    assert!(
        !out.chars()
            .any(|c| c == '\x1b' || c == '\x07' || ('\u{80}'..='\u{9f}').contains(&c)),
        "{what} passed a control byte to the terminal: {out:?}"
    );
}

#[test]
fn case_file_commands_never_print_a_names_or_a_records_escapes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = write(
        dir.path(),
        "ev\x1b]0;x\x07il.log",
        b"2026-11-20T14:00:00Z INFO ok\n2026-11-20T14:00:01Z ERROR bad \x1b]0;pwned\x07 \x1b[31mred\n",
    );
    let case = dir.path().join("c.casefile.json");
    let case = case.to_str().expect("path");
    let p = p.to_str().expect("path");
    let name = "ev\x1b]0;x\x07il";
    for args in [
        vec!["init", "--case", case, "--tz", "UTC", p],
        vec![
            "note",
            "add",
            "--case",
            case,
            "--at",
            "14:00:01",
            "--source",
            name,
            "--matching",
            "bad",
            "--tag",
            "t\x1b[2J",
            "n1",
        ],
        vec!["note", "list", "--case", case],
    ] {
        let o = casefile(&args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        assert_inert(&format!("{args:?} (stdout)"), &stdout(&o));
        assert_inert(&format!("{args:?} (stderr)"), &stderr(&o));
    }
}

#[test]
fn show_with_the_largest_context_shows_every_record() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = write(
        dir.path(),
        "three.log",
        b"2026-11-20T14:00:00Z INFO one\n2026-11-20T14:00:01Z INFO two\n2026-11-20T14:00:02Z INFO three\n",
    );
    let max = u64::MAX.to_string();
    for at in ["14:00:01", "13:00"] {
        let out = casefile_ok(&[
            "show",
            "--tz",
            "UTC",
            "--at",
            at,
            "--before",
            &max,
            "--after",
            &max,
            p.to_str().expect("path"),
        ]);
        let rows: Vec<&str> = out.lines().filter(|l| l.contains(" INFO ")).collect();
        assert_eq!(rows.len(), 3, "--at {at}: {out}");
    }
    let v = casefile_json(&[
        "show",
        "--json",
        "--tz",
        "UTC",
        "--at",
        "14:00:01",
        "--before",
        &max,
        "--after",
        &max,
        p.to_str().expect("path"),
    ]);
    assert_eq!(
        v["sources"][0]["rows"].as_array().map(Vec::len),
        Some(3),
        "{v}"
    );
}

/// A missing file is a source that could not be read, not a usage error:
/// `goroutines` exits 1 with the message, as the other commands do.
#[test]
fn goroutines_on_a_missing_file_fails_as_the_other_commands_do() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("gone.txt");
    let missing = missing.to_str().expect("utf-8 path");
    let dump = demo("goroutines.txt");
    for args in [
        vec!["silences", missing],
        vec!["goroutines", missing],
        vec!["goroutines", "--diff", missing, &dump],
    ] {
        let (_, err) = casefile_exits(1, &args);
        assert!(
            err.contains(&format!("{missing}: no such file or directory")),
            "{args:?}: {err}"
        );
    }
}

/// A file that cannot be read is said once, after its source's name, in every
/// command and argument shape: `NAME: PATH: cause`, or `PATH: cause` when the
/// name is the path. The name was left out where the path began with it
/// (`app=app.log`), a case file's source named by its path was said twice by
/// `report`, and `note add` read a time against the sources without a word
/// for one it could not read.
#[test]
fn a_missing_file_is_said_once_after_its_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let gone = dir.path().join("gone.log");
    let gone = gone.to_str().expect("utf-8 path");
    let dump = demo("goroutines.txt");
    for (args, said) in [
        (vec!["index", "app=app.log"], "app: app.log"),
        (vec!["index", "gone.log"], "gone: gone.log"),
        (vec!["index", "gone"], "gone"),
        (vec!["index", gone], &format!("gone: {gone}")),
        (
            vec!["merge", "--set", "gone.tz=UTC", gone],
            &format!("gone: {gone}"),
        ),
        (
            vec!["show", "--at", "14:31", "kern=app.log"],
            "kern: app.log",
        ),
    ] {
        let o = casefile_in(dir.path(), &args);
        assert_eq!(
            stderr(&o),
            format!("casefile: {said}: no such file or directory\n"),
            "{args:?}"
        );
        assert_eq!(o.status.code(), Some(1), "{args:?}");
    }
    // A case file whose source is named by its path, and one named otherwise.
    let case = write(
        dir.path(),
        "c.casefile.json",
        format!(
            "{{\"version\":1,\"rev\":1,\"sources\":[{{\"name\":\"{gone}\",\"files\":[\"{gone}\"]}},\
             {{\"name\":\"kern\",\"files\":[\"{gone}\"]}}],\"notes\":[],\"bookmarks\":[]}}\n"
        )
        .as_bytes(),
    );
    let case = case.to_str().expect("utf-8 path");
    let o = casefile(&["report", "--case", case, "-o", &format!("{gone}.md")]);
    assert_eq!(
        stderr(&o),
        format!(
            "casefile: {gone}: no such file or directory (the report quotes what the notes kept)\n\
             casefile: kern: {gone}: no such file or directory (the report quotes what the notes kept)\n\
             casefile: wrote {gone}.md\n"
        )
    );
    let (_, err) = casefile_exits(0, &["note", "add", "--case", case, "--at", "14:31", "x"]);
    assert_eq!(
        err,
        format!(
            "casefile: {gone}: no such file or directory\n\
             casefile: kern: {gone}: no such file or directory\n"
        )
    );
    let o = casefile(&[
        "note", "add", "--case", case, "--at", "14:31", "--source", gone, "x",
    ]);
    assert_eq!(
        stderr(&o),
        format!(
            "casefile: {gone}: no such file or directory; the note keeps its time but no record\n"
        )
    );
    // The binary `goroutines` and `addr` read: the same words.
    for args in [
        vec!["addr", "--binary", gone, "0x1"],
        vec!["goroutines", "--binary", gone, &dump],
    ] {
        let (_, err) = casefile_exits(2, &args);
        assert_eq!(
            err,
            format!("casefile: --binary {gone}: no such file or directory\n"),
            "{args:?}"
        );
    }
}

/// `--since` equal to `--until` inside the sources' span is an instant no
/// record is at: said so, not "the sources cover …" as if the range lay
/// outside them; a range that does lie outside keeps that message. `index`
/// and `silences` say it too (they said nothing).
#[test]
fn an_empty_range_inside_the_span_is_not_called_outside_it() {
    let (backend, client) = (demo("backend.log"), demo("kiosk-client.log"));
    let run = |cmd: &str, since: &str, until: &str| {
        let o = casefile(&[
            cmd, "--tz", "UTC", "--since", since, "--until", until, &backend, &client,
        ]);
        stderr(&o)
    };
    let instant = "casefile: no record at 2026-11-20 14:31:00.000 UTC: --since and --until are \
                   the same instant (--until +1m reads a minute from --since)\n";
    let between = "casefile: no records from 2026-11-20 14:31:00.001 to 2026-11-20 14:31:00.002 \
                   UTC: no source logged in that stretch of their span\n";
    let outside = "casefile: no records from 2026-11-20 15:31:00.000 to 2026-11-20 15:32:00.000 \
                   UTC: the sources cover 2026-11-20 13:55:01.028 to 2026-11-20 14:49:59.904 UTC\n";
    for cmd in ["merge", "index", "silences"] {
        let err = run(cmd, "14:31", "14:31");
        assert!(err.ends_with(instant), "{cmd}: {err}");
        let err = run(cmd, "14:31:00.001", "14:31:00.002");
        assert!(err.ends_with(between), "{cmd}: {err}");
        let err = run(cmd, "15:31", "15:32");
        assert!(err.ends_with(outside), "{cmd}: {err}");
        // A range that holds records says nothing of the kind.
        let err = run(cmd, "14:31", "14:32");
        assert!(!err.contains("no record"), "{cmd}: {err}");
    }
}

/// A note may be about a time before the logs (`--at 2020-01-01`): it is
/// saved, and stderr says how far outside the sources' span it is, as `show
/// --at` does; it was accepted without a word.
#[test]
fn a_note_outside_the_sources_span_is_saved_and_said() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = dir.path().join("k.casefile.json");
    let case = case.to_str().expect("utf-8 path");
    casefile_ok(&["init", "--case", case, "--tz", "UTC", &demo("kern.log")]);
    let (out, err) = casefile_exits(
        0,
        &[
            "note",
            "add",
            "--case",
            case,
            "--at",
            "2020-01-01",
            "before the logs",
        ],
    );
    assert!(out.starts_with("saved note "), "{out}");
    assert!(
        err.ends_with(
            "casefile: --at 2020-01-01 00:00:00.000 UTC is 6y324d before the first record: \
             the sources cover 2026-11-19 14:30:55.000 to 2026-11-20 14:49:41.000 UTC\n"
        ),
        "{err}"
    );
    // Inside the span: no such line.
    let o = casefile(&[
        "note",
        "add",
        "--case",
        case,
        "--at",
        "2026-11-20 14:31:07",
        "in",
    ]);
    assert!(!stderr(&o).contains("record:"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("before the first"), "{}", stderr(&o));
}

/// A typed time with more than nine digits after the second's point is
/// refused, naming the limit; it was cut to nine without a word.
#[test]
fn a_time_finer_than_a_nanosecond_is_refused() {
    let backend = demo("backend.log");
    for (args, flag, typed) in [
        (
            vec!["show", "--at", "14:31:07.1234567891"],
            "--at",
            "14:31:07.1234567891",
        ),
        (
            vec!["merge", "--since", "2026-11-20T14:31:07.123456789123Z"],
            "--since",
            "2026-11-20T14:31:07.123456789123Z",
        ),
        (
            vec!["index", "--until", "2026-11-20 14:31:07,0000000001"],
            "--until",
            "2026-11-20 14:31:07,0000000001",
        ),
    ] {
        let mut args = args.clone();
        args.extend(["--tz", "UTC", &backend]);
        let (out, err) = casefile_exits(2, &args);
        let digits = typed
            .rsplit(['.', ','])
            .next()
            .map_or(0, |f| f.trim_end_matches('Z').len());
        let refusal = format!(
            "casefile: {flag}: '{typed}' has {digits} digits after the second's point: \
             casefile reads times to the nanosecond, at most 9 (17:23:05.123456789)\n"
        );
        assert_eq!((out, err), (String::new(), refusal), "{args:?}");
    }
}

/// A case file or a report in a directory that does not exist is said once,
/// by the path given: the case file's save named its lock file and said the
/// cause twice (`… (No such file or directory (os error 2)); …: No such file
/// or directory (os error 2)`), the report named its temporary file.
#[test]
fn a_case_file_or_report_in_a_missing_directory_is_said_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let nowhere = dir.path().join("nowhere");
    let case = nowhere.join("c.casefile.json");
    let case = case.to_str().expect("utf-8 path");
    let saved = format!(
        "casefile: {case}: could not save the case file (its directory does not exist); \
         the previous version is intact and nothing was changed on disk\n"
    );
    for args in [
        vec!["note", "add", "--case", case, "--at", "now", "x"],
        vec!["init", "--case", case, "--tz", "UTC"],
    ] {
        let (_, err) = casefile_exits(2, &args);
        assert_eq!(err, saved, "{args:?}");
    }
    let real = dir.path().join("k.casefile.json");
    let real = real.to_str().expect("utf-8 path");
    casefile_ok(&["init", "--case", real, "--tz", "UTC", &demo("backend.log")]);
    let md = nowhere.join("r.md");
    let md = md.to_str().expect("utf-8 path");
    let (_, err) = casefile_exits(2, &["report", "--case", real, "-o", md]);
    assert_eq!(
        err,
        format!("casefile: {md}: could not write the report: its directory does not exist\n")
    );
}

/// `init` keeps a source it cannot read (its logs may come later) but says
/// so, as every command says a missing file: a typo was saved without a word.
#[test]
fn init_says_a_source_it_cannot_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let gone = dir.path().join("gone.log");
    let gone = gone.to_str().expect("utf-8 path");
    let case = dir.path().join("c.casefile.json");
    let case = case.to_str().expect("utf-8 path");
    let (out, err) = casefile_exits(0, &["init", "--case", case, &demo("backend.log"), gone]);
    assert_eq!(
        out,
        format!("saved {case} (rev 1): 2 sources: backend, gone\n")
    );
    assert_eq!(
        err,
        format!(
            "casefile: gone: {gone}: no such file or directory (kept in the case file: it is \
             read once it is there)\n"
        )
    );
}

/// `silences` in a --since/--until range that holds no record says that is
/// why it found none: it said every source kept to its own rhythm.
#[test]
fn silences_in_an_empty_range_say_why_they_found_none() {
    let (backend, client) = (demo("backend.log"), demo("kiosk-client.log"));
    let (out, _) = casefile_exits(
        0,
        &[
            "silences", "--tz", "UTC", "--since", "14:31", "--until", "14:31", &backend, &client,
        ],
    );
    assert_eq!(out, "no silences: no record in the --since/--until range\n");
}

/// `patterns --since/--until` lists the templates of the records in that
/// range, counted there, as its help says ("only records at or after this
/// time"): it counted every record and took the range for --buckets only.
#[test]
fn patterns_count_only_the_records_in_the_range() {
    let backend = demo("backend.log");
    let range = ["--tz", "UTC", "--since", "14:31", "--until", "14:32"];
    let v = casefile_json(&[&["patterns", "--json"][..], &range, &[backend.as_str()]].concat());
    let rows = casefile_ndjson(&[&["merge", "--json"][..], &range, &[backend.as_str()]].concat());
    let patterns = v["patterns"].as_array().expect("patterns");
    let counted: u64 = patterns
        .iter()
        .map(|p| p["count"].as_u64().expect("count"))
        .sum();
    assert_eq!(counted, rows.len() as u64, "{v}");
    assert!(counted > 0);
    for p in patterns {
        let (first, last) = (
            p["first"].as_str().expect("first"),
            p["last"].as_str().expect("last"),
        );
        assert!(
            first >= "2026-11-20T14:31:00" && last <= "2026-11-20T14:32:00",
            "{p}"
        );
    }
}

/// `show --since/--until` prints only the records in that range, as its help
/// says and as the panes keep to it: the context ran past both ends.
#[test]
fn show_keeps_its_context_inside_the_range() {
    let backend = demo("backend.log");
    let at = [
        "show", "--json", "--tz", "UTC", "--at", "14:31:07", "--before", "5", "--after", "5",
    ];
    let times = |v: &serde_json::Value| -> Vec<String> {
        v["sources"][0]["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .map(|r| r["time"].as_str().expect("time").to_string())
            .collect()
    };
    let (lo, hi) = ("2026-11-20T14:31:05", "2026-11-20T14:31:08");
    let all = times(&casefile_json(&[&at[..], &[backend.as_str()]].concat()));
    assert!(
        all.iter().any(|t| t.as_str() < lo || t.as_str() > hi),
        "{all:?}"
    );
    let range = ["--since", "14:31:05", "--until", "14:31:08"];
    let v = casefile_json(&[&at[..], &range, &[backend.as_str()]].concat());
    let kept = times(&v);
    assert!(!kept.is_empty(), "{v}");
    assert!(
        kept.iter().all(|t| t.as_str() >= lo && t.as_str() <= hi),
        "{kept:?}"
    );
    assert_eq!(
        kept,
        all.iter()
            .filter(|t| t.as_str() >= lo && t.as_str() <= hi)
            .cloned()
            .collect::<Vec<_>>()
    );
}
