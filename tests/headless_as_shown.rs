//! Headless output is what the screen shows (issue 13 §3), on the demo.

mod common;
use common::*;

fn demo_all() -> Vec<String> {
    [
        "backend.log",
        "goroutines.txt",
        "kern.log",
        "kiosk-client.log",
        "supervisord.log",
    ]
    .iter()
    .map(|f| demo(f))
    .collect()
}

/// What `index` lists of how each demo source is read with `args` (--tz,
/// --set), as every other command says it on stderr: a line each, named.
fn load_warnings(args: &[&str]) -> String {
    let mut a = vec!["index", "--json"];
    a.extend(args);
    let files = demo_all();
    a.extend(files.iter().map(String::as_str));
    let v = casefile_json(&a);
    let mut said = String::new();
    for s in v["sources"].as_array().expect("sources") {
        for w in s["warnings"].as_array().expect("warnings") {
            let (name, w) = (s["name"].as_str(), w.as_str());
            said += &format!("casefile: {}: {}\n", name.expect("name"), w.expect("text"));
        }
    }
    // The demo's dump prints no time, its kernel log no year.
    assert!(
        said.starts_with("casefile: goroutines: a Go goroutine dump: one record per goroutine, no timestamps (`casefile goroutines` groups and ranks them)\ncasefile: kern: no year in timestamps: assumed "),
        "{said}"
    );
    said
}

/// The demo as README's "Try it" opens it: read in UTC, its goroutine dump
/// placed where the story took it (its file's time is the checkout's).
const DATED: [&str; 4] = [
    "--tz",
    "UTC",
    "--set",
    "goroutines.time=2026-11-20T14:35:20Z",
];

fn run(args: &[&str]) -> (String, String) {
    let mut a: Vec<&str> = args.to_vec();
    let files = demo_all();
    a.extend(files.iter().map(String::as_str));
    let o = casefile(&a);
    assert!(o.status.success(), "{}", stderr(&o));
    (stdout(&o), stderr(&o))
}

#[test]
fn show_prints_records_as_the_panes_do_and_raw_as_written() {
    let (out, _) = run(&["show", "--tz", "UTC", "--at", "14:31:07.219"]);
    let ws = out
        .lines()
        .find(|l| l.contains("ws connect"))
        .expect("the backend's ws connect");
    assert!(
        ws.ends_with("INFO  ws connect  component=ws  client=kiosk-07  session=5c1e9a  remote=203.0.113.46:50937  proto=push.v3"),
        "JSON reads as message and fields: {ws}"
    );
    let last = out
        .lines()
        .find(|l| l.contains("uploading textures"))
        .expect("the client's last line");
    assert_eq!(
        last,
        "> 2026-11-20 14:31:07.219  INFO  [render] uploading textures for playlist rev 42 (14 textures, 187 MiB)",
        "one timestamp, one level"
    );
    let (raw, _) = run(&["show", "--tz", "UTC", "--raw", "--at", "14:31:07.219"]);
    assert!(
        raw.contains(
            r#"INFO  {"time":"2026-11-20T14:31:07.201Z","level":"INFO","msg":"ws connect""#
        ),
        "{raw}"
    );
    assert!(
        raw.contains("INFO  2026-11-20 14:31:07.219 INFO [render] uploading textures"),
        "{raw}"
    );
}

#[test]
fn show_at_prints_every_record_at_the_cursor_instant_then_the_context() {
    let (out, _) = run(&["show", "--tz", "UTC", "--at", "14:31:07"]);
    let kern: Vec<&str> = out
        .split("== kern\n")
        .nth(1)
        .expect("kern section")
        .lines()
        .take_while(|l| !l.starts_with("=="))
        .collect();
    let at_cursor: Vec<&&str> = kern
        .iter()
        .filter(|l| l.starts_with("> 2026-11-20 14:31:07.000"))
        .collect();
    assert_eq!(
        at_cursor.len(),
        7,
        "the seven kernel lines of 14:31:07:\n{out}"
    );
    assert!(at_cursor[0].contains("*ERROR* GPU HANG"), "{out}");
    // Then the default context: five before, five after.
    assert_eq!(kern.len(), 5 + 7 + 5, "{}", kern.join("\n"));
    let v: serde_json::Value = serde_json::from_slice(
        &casefile(&[
            "show",
            "--tz",
            "UTC",
            "--at",
            "14:31:07",
            "--json",
            &demo("kern.log"),
        ])
        .stdout,
    )
    .expect("json");
    let s = &v["sources"][0];
    let (first, cur) = (
        s["cursor_first"].as_u64().expect("first"),
        s["cursor_record"].as_u64().expect("cursor"),
    );
    assert_eq!(cur - first, 6);
}

#[test]
fn merge_since_starts_with_the_first_record_of_its_instant() {
    let (out, _) = run(&[
        "merge", "--tz", "UTC", "--since", "14:31:07", "--until", "14:31:07",
    ]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 7, "{out}");
    assert!(lines[0].contains("GPU HANG"), "{out}");
}

#[test]
fn merge_puts_sources_without_timestamps_after_the_merged_records() {
    let (out, err) = run(&["merge", "--tz", "UTC"]);
    let warned = load_warnings(&["--tz", "UTC"]);
    let err = err
        .strip_prefix(&warned)
        .unwrap_or_else(|| panic!("the load warnings first:\n{err}"));
    // The dump's file was written at checkout, not at the incident.
    assert!(
        !err.is_empty()
            && err.lines().all(
                |l| l.starts_with("casefile: goroutines: its file was modified")
                    && l.ends_with("--set goroutines.time=… places it")
            ),
        "{err}"
    );
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].starts_with("2026-11-19 14:30:55.000 kern"),
        "{}",
        lines[0]
    );
    let heading = lines
        .iter()
        .position(|l| *l == "== goroutines: no timestamps, in file order")
        .expect("a heading for the goroutine dump");
    assert!(
        lines[..heading].iter().all(|l| !l.contains("goroutines ")),
        "no goroutine line among the timed records"
    );
    assert!(
        lines[heading - 1].starts_with("2026-11-20 14:49:59.904 kiosk-client"),
        "{}",
        lines[heading - 1]
    );
    assert!(
        lines[heading + 1].trim_start().starts_with("goroutines")
            && lines[heading + 1].ends_with("goroutine 1 [running]:"),
        "its lines keep their source tag: {}",
        lines[heading + 1]
    );
    // JSON: the same order, the dump's records marked untimed.
    let (json, _) = run(&["merge", "--tz", "UTC", "--json"]);
    let rows = ndjson(&json);
    let first_untimed = rows
        .iter()
        .position(|r| r["untimed"] == true)
        .expect("untimed rows");
    assert!(
        rows[..first_untimed]
            .iter()
            .all(|r| r["source"] != "goroutines" && r["untimed"] == false)
    );
    assert!(
        rows[first_untimed..]
            .iter()
            .all(|r| r["source"] == "goroutines" && r["untimed"] == true)
    );
    // With a range the dump cannot be placed: left out, and said so.
    let (out, err) = run(&["merge", "--tz", "UTC", "--since", "14:31"]);
    assert!(!out.contains("goroutines "), "{out}");
    assert!(
        err.contains("goroutines: no timestamps: left out of the --since/--until range"),
        "{err}"
    );
}

#[test]
fn options_before_a_subcommand_apply_to_it() {
    let o = casefile(&["--tz", "UTC", "index", &demo("kern.log")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("kern  "), "{}", stdout(&o));
    let o = casefile(&["--display-tz", "UTC", "index", &demo("kern.log")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains(" UTC\n"), "{}", stdout(&o));
    let o = casefile(&["--display-tz", "UTC", "init", &demo("kern.log")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--display-tz"), "{}", stderr(&o));
}

#[test]
fn without_a_terminal_the_screen_says_what_to_run_instead() {
    // The tests' standard output is a pipe, not a terminal.
    let o = casefile(&["--tz", "UTC", &demo("kern.log")]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("the screen needs a terminal"), "{err}");
    for cmd in ["casefile index", "casefile show --at", "casefile merge"] {
        assert!(err.contains(cmd), "{err}");
    }
    assert!(!err.contains("os error"), "{err}");
}

#[test]
fn man_lists_the_keys_and_documents_each_subcommand() {
    let page = stdout(&casefile(&["man"]));
    assert!(page.contains(".SH KEYS"), "no keys section");
    assert!(
        page.contains("next record in the focused pane"),
        "keys come from the keymap"
    );
    assert!(
        !page.contains("casefile\\-index(1)"),
        "points to a page that does not exist"
    );
    for sub in ["index", "show", "merge"] {
        assert!(
            page.contains(&format!(".SS \"casefile {sub}\"")),
            "{sub} undocumented"
        );
    }
    let help = stdout(&casefile(&["show", "--help"]));
    let json = help
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("--json"))
        .take(2)
        .collect::<String>();
    assert!(
        json.contains("One JSON object"),
        "--json has no description:\n{help}"
    );
}

/// Issue 14: `show` calls a source quiet where the silence analysis does, as
/// the panes do: a once-a-minute log 30 s after its line is not quiet; a
/// 100 ms ticker 5.1 s into a 20 s stop is.
#[test]
fn show_says_quiet_only_inside_a_silence() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut ticker = String::new();
    for i in 0..2400u64 {
        let ms = i * 100 + if i >= 1200 { 20_000 } else { 0 };
        let (s, ms) = (ms / 1000, ms % 1000);
        ticker.push_str(&format!(
            "2026-11-20T12:{:02}:{:02}.{ms:03}Z INFO tick {i}\n",
            s / 60,
            s % 60
        ));
    }
    let cron: String = (0..5)
        .map(|m| format!("2026-11-20T12:{m:02}:10Z INFO job ran: rotate-logs\n"))
        .collect();
    let t = write(dir.path(), "ticker.log", ticker.as_bytes());
    let c = write(dir.path(), "cron.log", cron.as_bytes());
    let quiet_with = |at: &str, floor: &str| {
        let (t, c) = (t.to_string_lossy(), c.to_string_lossy());
        let o = casefile(&[
            "show",
            "--json",
            "--tz",
            "UTC",
            "--min-silence",
            floor,
            "--at",
            at,
            &t,
            &c,
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
        let q = |k: usize| v["sources"][k]["quiet_for"].as_str().map(str::to_string);
        (q(0), q(1))
    };
    let quiet = |at: &str| quiet_with(at, "5s");
    assert_eq!(
        quiet("12:01:40"),
        (None, None),
        "cron's minute is its rhythm"
    );
    assert_eq!(quiet("12:02:05"), (Some("5.100s".into()), None));
    // --min-silence, as the screen takes it: 20 s is no silence under 30 s.
    assert_eq!(quiet_with("12:02:05", "30s"), (None, None));
}

#[test]
fn merge_places_a_dump_with_a_set_time_among_the_logs_as_the_panes_do() {
    let (json, err) = run(&[&["merge", "--json"][..], &DATED].concat());
    assert_eq!(err, load_warnings(&DATED));
    let rows = ndjson(&json);
    let dump: Vec<&serde_json::Value> = rows
        .iter()
        .filter(|r| r["source"] == "goroutines")
        .collect();
    assert!(!dump.is_empty());
    assert!(
        dump.iter()
            .all(|r| r["untimed"] == false && r["time"] == "2026-11-20T14:35:20Z"),
        "{:?}",
        dump[0]
    );
    // In time order: the logs' records after 14:35:20 come after the dump.
    let first = rows
        .iter()
        .position(|r| r["source"] == "goroutines")
        .expect("the dump");
    let last = rows
        .iter()
        .rposition(|r| r["source"] == "goroutines")
        .expect("the dump");
    let time = |r: &serde_json::Value| {
        chrono::DateTime::parse_from_rfc3339(r["time"].as_str().expect("timed")).expect("rfc 3339")
    };
    let taken = time(dump[0]);
    assert!(rows[last + 1..].iter().all(|r| time(r) >= taken));
    assert!(rows[..first].iter().all(|r| time(r) <= taken));
    assert!(last + 1 < rows.len(), "logs go on after the dump");
}

/// `index` puts a dump given a time (`--set NAME.time`) where the other
/// commands and the screen put it, in text and JSON; its own facts stay
/// (no timestamps of its own, the warning that says so).
#[test]
fn index_gives_a_dump_with_a_set_time_that_time() {
    let dump = demo("goroutines.txt");
    let json = casefile(&[&["index", "--json"][..], &DATED, &[dump.as_str()]].concat());
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    let s = &v["sources"][0];
    assert_eq!(
        (&s["first"], &s["last"], &s["timestamped_fraction"]),
        (
            &serde_json::json!("2026-11-20T14:35:20Z"),
            &serde_json::json!("2026-11-20T14:35:20Z"),
            &serde_json::json!(0.0)
        ),
        "{s}"
    );
    let text = stdout(&casefile(
        &[&["index"][..], &DATED, &[dump.as_str()]].concat(),
    ));
    let time = text
        .lines()
        .find(|l| l.trim_start().starts_with("time "))
        .expect("a time line");
    assert!(time.contains("2026-11-20 14:35:20.000"), "{text}");
}

/// A dump given a time (`--set NAME.time`) is said to sit there, above its
/// records that `show` prints at that time; it is not "cannot be placed".
#[test]
fn show_says_where_a_dump_with_a_set_time_was_placed() {
    let show = ["show", "--at", "14:35:20", "--before", "0", "--after", "0"];
    let (out, _) = run(&[&show[..], &DATED].concat());
    let section: Vec<&str> = out
        .lines()
        .skip_while(|l| *l != "== goroutines")
        .take(3)
        .collect();
    assert_eq!(
        section[..2],
        [
            "== goroutines",
            "   -- no times of its own: placed at 2026-11-20 14:35:20.000; its first records --"
        ],
        "{out}"
    );
    assert!(
        section[2].starts_with("  2026-11-20 14:35:20.000        goroutine 1 [running]:"),
        "{out}"
    );
}

#[test]
fn silences_with_a_dated_dump_still_put_the_demos_silence_first() {
    let (json, err) = run(&[&["silences", "--json"][..], &DATED].concat());
    assert_eq!(err, load_warnings(&DATED));
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    let sources: Vec<&str> = v["silences"]
        .as_array()
        .expect("silences")
        .iter()
        .filter_map(|s| s["source"].as_str())
        .collect();
    assert_eq!(sources.first(), Some(&"kiosk-client"), "{sources:?}");
    assert!(
        !sources.contains(&"goroutines"),
        "a dump is a moment: {sources:?}"
    );
}

/// The time column shows each record's time: `merge` (and `show`, which
/// prints the same text) does not print the stamp again after it, in
/// whatever shape or place the format writes it; `--raw` prints every byte.
#[test]
fn merge_prints_no_stamp_after_the_time_column() {
    let files = [
        ("syslog-rfc5424/rsyslog-protocol23.log", "2026-11-23T15:0"),
        ("syslog-rfc5424/logger-udp-raw.log", "2026-11-23T14:03:45"),
        ("logfmt/xslog-text.logfmt", "time=2026-11-23T14:05"),
        ("logfmt/prometheus.logfmt", "ts=2026-11-23T14:10"),
        ("klog/klog-stderr.log", "I1123 14:05:12"),
        ("loghub/Spark_2k.log", "17/06/09 "),
        ("apache/error.log", "Nov 23 19:05:5"),
        ("misc/redis-server.log", "Nov 2026 14:03:"),
    ];
    let paths: Vec<String> = files.iter().map(|(f, _)| corpus(f)).collect();
    let mut args = vec!["merge", "--tz", "UTC"];
    args.extend(paths.iter().map(String::as_str));
    let o = casefile(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.lines().count() > 2000, "{out}");
    for (file, stamp) in files {
        let again: Vec<&str> = out.lines().filter(|l| l.contains(stamp)).collect();
        assert!(
            again.is_empty(),
            "{file}: {stamp} shown again:\n{}",
            again.join("\n")
        );
    }
    assert!(
        out.contains("WARN  10194:C oO0OoO0OoO0Oo Redis is starting"),
        "{out}"
    );
    args.push("--raw");
    let raw = stdout(&casefile(&args));
    for (file, stamp) in files {
        assert!(raw.contains(stamp), "{file}: --raw prints {stamp}");
    }
}

/// `silences` prints each record as `show` and `merge` do, not as written: a
/// JSON record as its message and fields, a text record without the stamp
/// and level its columns show (the `last` and `next` lines gain the level
/// column). `--json` keeps each record's `text` as written.
#[test]
fn silences_print_records_as_the_panes_do() {
    let (out, _) = run(&["silences", "--tz", "UTC"]);
    let line = |needle: &str| {
        out.lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("{needle}: {out}"))
            .to_string()
    };
    assert_eq!(
        line("uploading textures"),
        "    last    2026-11-20 14:31:07.219  line 5010  INFO  [render] uploading textures for playlist rev 42 (14 textures, 187 MiB)"
    );
    assert!(
        line("ws disconnect").ends_with(
            r#"backend WARN  ws disconnect  component=ws  client=kiosk-07  err="read tcp 10.0.2.15:443->203.0.113.46:58522: read: connection timed out""#
        ),
        "{out}"
    );
    assert!(
        line("GPU HANG").ends_with("kern ER?   kiosk-07 kernel: [86412.331208] i915 0000:00:02.0: [drm] *ERROR* GPU HANG: ecode 9:1:85dffffb, in kiosk-client [2211]"),
        "{out}"
    );
    let (json, _) = run(&["silences", "--tz", "UTC", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    let first = &v["silences"][0];
    assert!(
        first["before"]["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("2026-11-20 14:31:07.219 INFO [render]")),
        "{first}"
    );
    assert!(
        first["nearby"]
            .as_array()
            .expect("nearby")
            .iter()
            .any(|n| n["text"]
                .as_str()
                .is_some_and(|t| t.starts_with(r#"{"time":"#))),
        "{first}"
    );
}

/// A level inferred from a phrase (the kernel's `GPU HANG`) is marked in the
/// text of `show` and `merge` as the panes mark it (`ER?`), not printed as
/// if the line said `ERROR`.
#[test]
fn text_marks_an_inferred_level_as_the_panes_do() {
    let kern = demo("kern.log");
    let o = casefile(&["merge", "--tz", "UTC", &kern]);
    let out = stdout(&o);
    let hang = out
        .lines()
        .find(|l| l.contains("GPU HANG"))
        .expect("GPU HANG");
    assert!(hang.contains(" kern ER?   kiosk-07 kernel:"), "{hang}");
    let o = casefile(&["show", "--tz", "UTC", "--at", "14:31:07", &kern]);
    let out = stdout(&o);
    let hang = out
        .lines()
        .find(|l| l.contains("GPU HANG"))
        .expect("GPU HANG");
    assert!(hang.contains(" ER?   kiosk-07 kernel:"), "{hang}");
    // A level the line states keeps its name.
    let o = casefile(&["merge", "--tz", "UTC", &demo("kiosk-client.log")]);
    assert!(stdout(&o).lines().any(|l| l.contains(" INFO  [render]")));
}
