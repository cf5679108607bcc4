//! Times the way the user reads them (issue 13 §1), on the real binary: times
//! are shown in the zone the logs are read in, typed times are read in the
//! zone times are shown in, and a time without a date falls on the day the
//! sources cover.

#[path = "../common/mod.rs"]
mod common;
/// Logs without a date or a year, and the hour repeated when daylight saving time ends.
mod dates;
use common::*;

use std::process::{Command, Output};

/// Runs casefile with the machine's zone set to `tz`.
fn casefile_in(tz: &str, args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .env("TZ", tz)
        .output()
        .expect("run casefile")
}

/// A kiosk log written in Shanghai time, without zone, as in the field report.
fn kiosk(dir: &std::path::Path) -> String {
    let p = write(
        dir,
        "kiosk.log",
        b"2026-11-20T17:23:01.100 INFO [main] start\n\
          2026-11-20T17:23:05.200 INFO [net] ws connect\n\
          2026-11-20T17:23:08.300 WARN [render] slow frame\n\
          2026-11-20T17:23:12.000 ERROR [render] black screen\n\
          2026-11-20T17:40:00.000 INFO [main] later\n",
    );
    p.to_string_lossy().into_owned()
}

/// casefile on a UTC machine over the kiosk log, read as written in Shanghai:
/// `args`, then `--tz Asia/Shanghai` and the log.
fn on_the_shanghai_kiosk(args: &[&str]) -> Output {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = kiosk(dir.path());
    let mut all = args.to_vec();
    all.extend(["--tz", "Asia/Shanghai", &f]);
    casefile_in("UTC", &all)
}

#[test]
fn with_tz_alone_times_are_shown_and_typed_in_that_zone() {
    let o = on_the_shanghai_kiosk(&["show", "--at", "17:23:30"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("at 2026-11-20 17:23:30.000 Asia/Shanghai\n"),
        "{out}"
    );
    assert!(
        out.contains("> 2026-11-20 17:23:12.000"),
        "the cursor is on the 17:23:12 line, as the file writes it:\n{out}"
    );
    assert!(!out.contains("quiet for 7h"), "{out}");
    let o = on_the_shanghai_kiosk(&["show", "--at", "17:23:30", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["at"], "2026-11-20T09:23:30Z");
    // --display-tz still wins, for display and for typed times.
    let o = on_the_shanghai_kiosk(&["show", "--display-tz", "UTC", "--at", "09:23:30"]);
    let out = stdout(&o);
    assert!(out.starts_with("at 2026-11-20 09:23:30.000 UTC\n"), "{out}");
    assert!(out.contains("> 2026-11-20 09:23:12.000"), "{out}");
}

#[test]
fn a_per_source_zone_is_the_display_zone_when_it_is_the_only_one_used() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = kiosk(dir.path());
    // The other source's stamps carry their zone: only the kiosk's zone counts.
    let api = write(
        dir.path(),
        "api.log",
        br#"{"time":"2026-11-20T09:23:06Z","level":"info","msg":"ws connect","client":"kiosk-07"}
"#,
    );
    let o = casefile_in(
        "Europe/Berlin",
        &[
            "merge",
            "--set",
            "kiosk.tz=Asia/Shanghai",
            &f,
            &api.to_string_lossy(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("2026-11-20 17:23:06.000 api"),
        "the backend's line in Shanghai time, beside the kiosk's:\n{out}"
    );
}

#[test]
fn since_and_until_without_a_date_select_the_records_of_the_sources_day() {
    let o = on_the_shanghai_kiosk(&["merge", "--since", "17:23:05", "--until", "17:23:12"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<String> = stdout(&o).lines().map(str::to_string).collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(
        lines[0].starts_with("2026-11-20 17:23:05.200 kiosk"),
        "{lines:?}"
    );
    assert!(lines[2].contains("black screen"), "{lines:?}");
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
}

#[test]
fn a_range_that_matches_nothing_says_so() {
    let o = on_the_shanghai_kiosk(&["merge", "--since", "18:00", "--until", "+5m"]);
    assert!(stdout(&o).is_empty());
    let err = stderr(&o);
    assert!(
        err.contains(
            "no records from 2026-11-20 18:00:00.000 to 2026-11-20 18:05:00.000 Asia/Shanghai"
        ) && err.contains("the sources cover 2026-11-20 17:23:01.100 to 2026-11-20 17:40:00.000"),
        "{err}"
    );
}

#[test]
fn over_several_days_stderr_says_which_day_a_time_was_taken_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = write(
        dir.path(),
        "night.log",
        b"2026-11-19T22:00:00Z INFO a\n2026-11-20T10:00:00Z INFO b\n2026-11-21T02:00:00Z INFO c\n",
    );
    let o = casefile_in(
        "UTC",
        &[
            "merge",
            "--since",
            "10:00",
            "--until",
            "+1s",
            &p.to_string_lossy(),
        ],
    );
    assert_eq!(stdout(&o).lines().count(), 1, "{}", stdout(&o));
    assert!(stdout(&o).contains(" b"), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(
        err.contains(
            "'10:00' read as 2026-11-20 10:00:00 UTC (the sources cover 2026-11-19 to 2026-11-21)"
        ),
        "{err}"
    );
}

#[test]
fn a_zone_the_user_gave_is_no_warning_and_the_machine_zone_has_its_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = kiosk(dir.path());
    for args in [
        vec!["index", "--json", "--tz", "Asia/Shanghai", &f],
        vec!["index", "--json", "--set", "kiosk.tz=+08:00", &f],
    ] {
        let v: serde_json::Value =
            serde_json::from_slice(&casefile_in("UTC", &args).stdout).expect("json");
        assert_eq!(
            v["sources"][0]["warnings"],
            serde_json::json!([]),
            "{args:?}"
        );
    }
    // Without --tz the stamps are read in the machine's zone, named as such.
    let v: serde_json::Value =
        serde_json::from_slice(&casefile_in("Asia/Kolkata", &["index", "--json", &f]).stdout)
            .expect("json");
    assert_eq!(
        v["sources"][0]["warnings"][0],
        "no time zone in timestamps: read as Asia/Kolkata (set with --tz)"
    );
    let o = casefile_in("Asia/Kolkata", &["show", "--at", "17:23:30", &f]);
    assert!(
        stdout(&o).starts_with("at 2026-11-20 17:23:30.000 Asia/Kolkata\n"),
        "{}",
        stdout(&o)
    );
}

/// A demo command as the user is shown it, after the program's name, as
/// arguments (`assets/demo/*` expanded as a shell in the repository would; a
/// `# comment` dropped).
fn demo_command_args(shown: &str) -> Vec<String> {
    let mut args = Vec::new();
    for a in shown.split(" #").next().unwrap_or("").split_whitespace() {
        if a == "assets/demo/*" {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
            let mut files: Vec<String> = std::fs::read_dir(dir)
                .expect("assets/demo")
                .map(|e| e.expect("entry").path().to_string_lossy().into_owned())
                .collect();
            files.sort();
            args.extend(files);
        } else {
            args.push(a.to_string());
        }
    }
    args
}

/// The demo command of the README, as its arguments (`assets/demo/*` expanded).
fn readme_demo_args() -> Vec<String> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let line = readme
        .lines()
        .find(|l| l.starts_with("cargo run --release -- "))
        .expect("README shows the demo command");
    demo_command_args(&line["cargo run --release -- ".len()..])
}

/// Every demo command the user is shown (README, `casefile --help` and so the
/// man page, the demo's own README), as (where, arguments).
fn shown_demo_commands() -> Vec<(&'static str, Vec<String>)> {
    let help = stdout(&casefile_in("UTC", &["--help"]));
    let demo_readme = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/demo-src/README.md"
    ))
    .expect("assets/demo-src/README.md");
    let mut shown = vec![("README.md", readme_demo_args())];
    for (place, text) in [
        ("casefile --help", help.as_str()),
        ("assets/demo-src/README.md", demo_readme.as_str()),
    ] {
        let line = text
            .lines()
            .map(str::trim)
            .find(|l| l.starts_with("casefile ") && l.contains("assets/demo/*"))
            .unwrap_or_else(|| panic!("{place} shows the demo command"));
        shown.push((place, demo_command_args(&line["casefile ".len()..])));
    }
    shown
}

/// The demo's client, kernel and supervisord logs carry no zone, its backend's
/// do (`Z`): read in the machine's zone, the zoneless ones move against the
/// backend by the zone's offset, and the backend then looks silent for hours.
/// So every demo command we show names the zone its logs were written in, and
/// finds the one silence of the story wherever it runs.
#[test]
fn every_demo_command_shown_finds_the_same_silences_in_any_machine_zone() {
    for (place, args) in shown_demo_commands() {
        let mut run = vec!["silences", "--json"];
        run.extend(args.iter().map(String::as_str));
        let in_zone = |tz: &str| {
            let o = casefile_in(tz, &run);
            assert!(o.status.success(), "{place} in {tz}: {}", stderr(&o));
            stdout(&o)
        };
        let utc = in_zone("UTC");
        let new_york = in_zone("America/New_York");
        assert_eq!(utc, new_york, "{place}: the silences depend on TZ");
        let v: serde_json::Value = serde_json::from_str(&utc).expect("json");
        let silences = v["silences"].as_array().expect("silences");
        assert_eq!(silences.len(), 1, "{place}: {utc}");
        assert_eq!(silences[0]["source"], "kiosk-client", "{place}");
        assert_eq!(silences[0]["start"], "2026-11-20T14:31:07.219Z", "{place}");
    }
}

/// Why the demo commands name a zone: without one, the zoneless logs are read
/// in the machine's zone (as README promises), 5 hours later in New York in
/// November, while the backend's stamps stay where their `Z` puts them.
#[test]
fn without_tz_the_zoneless_demo_logs_move_by_the_machine_zone_offset() {
    let (client, backend) = (demo("kiosk-client.log"), demo("backend.log"));
    let run = ["silences", "--json", &client, &backend];
    let v: serde_json::Value =
        serde_json::from_slice(&casefile_in("America/New_York", &run).stdout).expect("json");
    let by_source = |name: &str| {
        v["silences"]
            .as_array()
            .expect("silences")
            .iter()
            .find(|s| s["source"] == name)
            .unwrap_or_else(|| panic!("no {name} silence: {v}"))
            .clone()
    };
    // 14:31:07.219 written, read as EST (UTC-5).
    assert_eq!(
        by_source("kiosk-client")["start"],
        "2026-11-20T19:31:07.219Z"
    );
    // The backend's last record, then nothing while the client's shifted
    // records go on: silent until the end.
    let backend = by_source("backend");
    assert_eq!(backend["start"], "2026-11-20T14:49:59.714Z", "{v}");
    assert_eq!(backend["end"], serde_json::Value::Null, "{v}");
}

/// The field report: in Kolkata, `silences` on the demo's client and backend
/// without `--tz` ranks first a client silent 5h29m that never was, and said
/// nothing of why. Every headless command now says on stderr what `index`
/// lists (and the screen shows) of how each source was read, named after it;
/// `--json` keeps stdout pure JSON.
#[test]
fn headless_commands_say_on_stderr_how_each_source_was_read() {
    let (client, backend) = (demo("kiosk-client.log"), demo("backend.log"));
    let index: serde_json::Value = serde_json::from_slice(
        &casefile_in("Asia/Kolkata", &["index", "--json", &client, &backend]).stdout,
    )
    .expect("json");
    assert_eq!(index["sources"][0]["name"], "kiosk-client");
    let listed = &index["sources"][0]["warnings"][0];
    assert_eq!(
        listed,
        "no time zone in timestamps: read as Asia/Kolkata (set with --tz)"
    );
    let said = format!(
        "casefile: kiosk-client: {}\n",
        listed.as_str().expect("text")
    );
    for cmd in [
        vec!["silences"],
        vec!["silences", "--json"],
        vec!["merge", "--json"],
        vec!["patterns"],
        vec!["show", "--at", "2026-11-20T14:40:00Z"],
    ] {
        let mut args = cmd.clone();
        args.extend([client.as_str(), backend.as_str()]);
        let o = casefile_in("Asia/Kolkata", &args);
        assert!(o.status.success(), "{cmd:?}: {}", stderr(&o));
        assert_eq!(stderr(&o), said, "{cmd:?}");
        if cmd == ["merge", "--json"] {
            assert!(!ndjson(&stdout(&o)).is_empty(), "{cmd:?}");
        } else if cmd.contains(&"--json") {
            serde_json::from_slice::<serde_json::Value>(&o.stdout)
                .unwrap_or_else(|e| panic!("{cmd:?}: stdout is not JSON: {e}"));
        }
        // A zone the user gave is no assumption: nothing to say.
        args.extend(["--tz", "UTC"]);
        let o = casefile_in("Asia/Kolkata", &args);
        assert!(o.status.success(), "{cmd:?} --tz UTC: {}", stderr(&o));
        assert_eq!(stderr(&o), "", "{cmd:?} --tz UTC");
    }
}

/// `note add` and `report` read a case file's sources again: they say how,
/// as the other commands do; sources given a zone (`init --tz`) need no word.
#[test]
fn note_add_and_report_say_how_the_case_files_sources_were_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (client, backend) = (demo("kiosk-client.log"), demo("backend.log"));
    let said = "casefile: kiosk-client: no time zone in timestamps: read as Asia/Kolkata (set with --tz)\n";
    for (tz, warned) in [(None, said), (Some("UTC"), "")] {
        let case = dir.path().join(format!("{tz:?}.casefile.json"));
        let c = case.to_str().expect("utf-8");
        let mut init = vec!["init", "--case", c, &client, &backend];
        init.extend(tz.map(|z| ["--tz", z]).iter().flatten());
        let o = casefile_in("Asia/Kolkata", &init);
        assert!(o.status.success(), "{tz:?}: {}", stderr(&o));
        for args in [
            vec![
                "note",
                "add",
                "--case",
                c,
                "--at",
                "14:31:07",
                "black screen",
            ],
            vec!["report", "--case", c],
        ] {
            let o = casefile_in("Asia/Kolkata", &args);
            assert!(o.status.success(), "{tz:?} {args:?}: {}", stderr(&o));
            assert_eq!(stderr(&o), warned, "{tz:?} {args:?}");
        }
    }
}

#[test]
fn the_readme_demo_command_shows_the_story_times_on_any_machine() {
    let args = readme_demo_args();
    for tz in ["Europe/Berlin", "Asia/Kolkata"] {
        let mut show = vec![
            "show",
            "--at",
            "14:31:07.219",
            "--before",
            "1",
            "--after",
            "0",
        ];
        show.extend(args.iter().map(String::as_str));
        let o = casefile_in(tz, &show);
        assert!(o.status.success(), "{tz}: {}", stderr(&o));
        let out = stdout(&o);
        // The story (assets/demo-src/README.md): the client's last line at
        // 14:31:07.219, the backend's `ws connect` at 14:31:07.201 and the
        // kernel's GPU hang in the same second, all in UTC.
        assert!(
            out.starts_with("at 2026-11-20 14:31:07.219 UTC\n"),
            "{tz}:\n{out}"
        );
        assert!(
            out.lines()
                .any(|l| l.starts_with("> 2026-11-20 14:31:07.219")
                    && l.contains("uploading textures")),
            "{tz}:\n{out}"
        );
        assert!(
            out.lines()
                .any(|l| l.starts_with("> 2026-11-20 14:31:07.000") && l.contains("kernel")),
            "{tz}:\n{out}"
        );
        assert!(
            out.contains("\n== kiosk-client\n"),
            "not quiet: {tz}:\n{out}"
        );
    }
}

#[test]
fn a_time_outside_the_sources_says_where_they_are() {
    // Typed in the wrong zone: 09:23:30 Shanghai time is hours before the log.
    let o = on_the_shanghai_kiosk(&["show", "--at", "2026-11-20 09:23:30"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            "--at 2026-11-20 09:23:30.000 Asia/Shanghai is 7h59m before the first record: the sources cover 2026-11-20 17:23:01.100 to 2026-11-20 17:40:00.000 Asia/Shanghai"
        ),
        "{}",
        stderr(&o)
    );
    let o = on_the_shanghai_kiosk(&["show", "--at", "17:23:30"]);
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
}

/// A range over midnight given without dates (`--since 23:50 --until 00:10`)
/// on a log that crosses it: each time falls on the day the sources cover,
/// so the range runs forward. It was refused before loading, both times read
/// on today's date ("--until (2026-12-02 00:10:00) is before --since
/// (2026-12-02 23:50:00)"). A range that is backwards on the sources' days is
/// still refused, naming those days.
#[test]
fn a_range_over_midnight_without_dates_reads_forward() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut log = String::new();
    for m in (0..240).step_by(5) {
        let t = 22 * 60 + m;
        let day = if t < 24 * 60 { 19 } else { 20 };
        log.push_str(&format!(
            "2026-11-{day:02} {:02}:{:02}:00 INFO tick {m}\n",
            (t / 60) % 24,
            t % 60
        ));
    }
    let f = write(dir.path(), "midnight.log", log.as_bytes());
    let f = f.to_str().expect("path");
    let o = casefile_in(
        "UTC",
        &[
            "merge", "--tz", "UTC", "--since", "23:50", "--until", "00:10", f,
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<String> = stdout(&o).lines().map(str::to_string).collect();
    assert_eq!(lines.len(), 5, "{lines:?}");
    assert!(lines[0].starts_with("2026-11-19 23:50:00.000"), "{lines:?}");
    assert!(lines[4].starts_with("2026-11-20 00:10:00.000"), "{lines:?}");

    let o = casefile_in(
        "UTC",
        &[
            "merge", "--tz", "UTC", "--since", "01:00", "--until", "00:10", f,
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o)
            .contains("--until (2026-11-20 00:10:00) is before --since (2026-11-20 01:00:00)"),
        "{}",
        stderr(&o)
    );
}

/// `index` shows its times as `merge` and `silences` do: in the zone the
/// logs are read in, `--display-tz` choosing another, with the zone named;
/// `--since` is read in that zone; `--json` stays RFC 3339 UTC.
#[test]
fn index_shows_times_in_the_display_zone() {
    let time_line = |o: &Output| -> String {
        assert!(o.status.success(), "{}", stderr(o));
        stdout(o)
            .lines()
            .find(|l| l.trim_start().starts_with("time "))
            .unwrap_or_else(|| panic!("no time line: {}", stdout(o)))
            .to_string()
    };
    let o = on_the_shanghai_kiosk(&["index"]);
    assert_eq!(
        time_line(&o),
        "  time       2026-11-20 17:23:01.100 .. 2026-11-20 17:40:00.000 Asia/Shanghai"
    );
    let o = on_the_shanghai_kiosk(&["index", "--display-tz", "UTC"]);
    assert_eq!(
        time_line(&o),
        "  time       2026-11-20 09:23:01.100 .. 2026-11-20 09:40:00.000 UTC"
    );
    // A range is read in the zone times are shown in (the whole text waits for it).
    let o = on_the_shanghai_kiosk(&["index", "--display-tz", "UTC", "--since", "09:23:06"]);
    assert_eq!(
        time_line(&o),
        "  time       2026-11-20 09:23:08.300 .. 2026-11-20 09:40:00.000 UTC"
    );
    assert!(stdout(&o).contains("records    3 "), "{}", stdout(&o));
    let o = on_the_shanghai_kiosk(&["index", "--since", "17:23:06"]);
    assert_eq!(
        time_line(&o),
        "  time       2026-11-20 17:23:08.300 .. 2026-11-20 17:40:00.000 Asia/Shanghai"
    );
    let o = on_the_shanghai_kiosk(&["index", "--json", "--display-tz", "Europe/Berlin"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["sources"][0]["first"], "2026-11-20T09:23:01.100Z");
    let o = on_the_shanghai_kiosk(&["index", "--display-tz", "Mars/Olympus"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("Mars/Olympus"), "{}", stderr(&o));
}

/// An offset west of UTC starts with `-`: every option that takes a zone
/// takes `-08:00` as its value (not as an unknown flag), and applies it. One
/// test per family of subcommands; `cli` checks every subcommand parses it.
mod west_of_utc {
    use super::*;

    /// Go's `log` stamps without zone: `2026/11/23 14:05:11`.
    fn stdlog() -> String {
        corpus("go/stdlog-default.log")
    }

    fn ok(args: &[&str]) -> String {
        let o = casefile_in("UTC", args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        stdout(&o)
    }

    /// The sources' options (merge, index, show, silences, patterns, init
    /// and the screen share them).
    #[test]
    fn merge_reads_and_shows_times_at_a_negative_offset() {
        let f = stdlog();
        let first = |args: &[&str]| ok(args).lines().next().expect("a record").to_owned();
        let utc = first(&["merge", "--tz", "UTC", &f]);
        assert!(utc.starts_with("2026-11-23 14:05:11.000 "), "{utc}");
        // Read 8 hours behind UTC: 22:05 UTC.
        let read = first(&["merge", "--tz", "-08:00", "--display-tz", "UTC", &f]);
        assert!(read.starts_with("2026-11-23 22:05:11.000 "), "{read}");
        let shown = first(&["merge", "--tz", "UTC", "--display-tz", "-0800", &f]);
        assert!(shown.starts_with("2026-11-23 06:05:11.000 "), "{shown}");
    }

    #[test]
    fn goroutines_reads_a_dumps_log_line_at_a_negative_offset() {
        let f = corpus("go/panic-index-out-of-range.log");
        let time = |tz: &str| {
            let v: serde_json::Value =
                serde_json::from_str(&ok(&["goroutines", "--json", "--tz", tz, &f])).expect("json");
            v["time"].as_str().expect("a time").to_owned()
        };
        assert_eq!(time("UTC"), "2026-11-23T14:05:13.271857Z");
        assert_eq!(time("-08:00"), "2026-11-23T22:05:13.271857Z");
        let out = ok(&["goroutines", "--tz", "-08:00", "--display-tz", "UTC", &f]);
        assert!(
            out.contains(" 2026-11-23 22:05:13.271 UTC (log line)"),
            "{out}"
        );
        let out = ok(&["goroutines", "--tz", "UTC", "--display-tz", "-08:00", &f]);
        assert!(out.contains(" 2026-11-23 06:05:13.271 "), "{out}");
    }

    /// `note add --tz`, and the case's `note list`/`report --display-tz`.
    #[test]
    fn notes_are_read_and_listed_at_a_negative_offset() {
        let dir = tempfile::tempdir().expect("tempdir");
        let case = dir.path().join("c.casefile.json");
        let c = case.to_str().expect("utf-8");
        let at = "2026-11-23 14:05:13";
        ok(&[
            "note", "add", "--case", c, "--tz", "-08:00", "--at", at, "west",
        ]);
        let v: serde_json::Value =
            serde_json::from_str(&ok(&["note", "list", "--json", "--case", c])).expect("json");
        assert_eq!(v["notes"][0]["at"], "2026-11-23T22:05:13Z", "{v}");
        let out = ok(&["note", "list", "--case", c, "--display-tz", "-08:00"]);
        assert!(out.starts_with("2026-11-23 14:05:13.000"), "{out}");
        let out = ok(&["report", "--case", c, "--display-tz", "-08:00"]);
        assert!(out.contains("14:05:13"), "{out}");
    }
}
