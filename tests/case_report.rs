//! What a case says: `note list` and `report` over the demo incident's notes,
//! the records they quote as rows read them, and the times they are dated by.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use casefile::case::file;
use common::case::*;
use common::*;

#[test]
fn report_for_the_demo_incident() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = noted_demo_case(dir.path());
    // When each note was recorded is "now": pin it, so the response timeline is stable.
    let mut c = read_case(&case);
    c.title = Some("kiosk-07 goes black after a Wi-Fi reconnect".into());
    for (k, n) in c.notes.iter_mut().enumerate() {
        n.created = casefile::time::NANOS_PER_SEC * (1_795_186_800 + 60 * k as i64);
    }
    file::write_atomic(&case, &file::to_bytes(&c)).expect("write");
    let out = dir.path().join("report.md");
    let o = casefile(&[
        "report",
        "--case",
        case.to_str().expect("utf-8"),
        "--display-tz",
        "UTC",
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    ok(&o);
    let md = std::fs::read_to_string(&out).expect("report written");
    let md = md.replace(&dir.path().to_string_lossy().into_owned(), "[dir]");
    insta::assert_snapshot!(md);
}

#[test]
fn notes_added_headless_list_in_time_order_with_their_records() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = noted_demo_case(dir.path());
    let v: serde_json::Value = serde_json::from_str(&ok(&casefile(&[
        "note",
        "list",
        "--json",
        "--case",
        case.to_str().expect("utf-8"),
    ])))
    .expect("json");
    let notes = v["notes"].as_array().expect("notes");
    assert_eq!(notes.len(), 7);
    let ats: Vec<chrono::DateTime<chrono::FixedOffset>> = notes
        .iter()
        .map(|n| {
            chrono::DateTime::parse_from_rfc3339(n["at"].as_str().unwrap_or("")).expect("rfc 3339")
        })
        .collect();
    let mut sorted = ats.clone();
    sorted.sort();
    assert_eq!(ats, sorted, "time order");
    // --matching picked the GPU HANG line, read off kern.log line 1523.
    let cause = notes
        .iter()
        .find(|n| n["tags"][0] == "cause")
        .expect("cause note");
    assert_eq!(
        cause["anchor"]["line"],
        "Nov 20 14:31:07 kiosk-07 kernel: [86412.331208] i915 0000:00:02.0: [drm] *ERROR* GPU HANG: ecode 9:1:85dffffb, in kiosk-client [2211]"
    );
    assert_eq!(cause["anchor"]["time"], "2026-11-20T14:31:07Z");
    let text = ok(&casefile(&[
        "note",
        "list",
        "--display-tz",
        "UTC",
        "--case",
        case.to_str().expect("utf-8"),
    ]));
    assert!(
        text.contains("2026-11-20 14:31:07.000 – 2026-11-20 14:43:12.000  supervisord  #ruled-out"),
        "{text}"
    );
    assert!(text.ends_with("7 notes, 0 bookmarks\n"), "{text}");
}

#[test]
fn a_dumps_set_time_is_kept_in_the_case_file_and_dates_it_in_the_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    let logs = demo_copy(dir.path());
    // A copied dump's mtime says when it was copied: only --set places it.
    let dump = logs
        .iter()
        .find(|l| l.ends_with("goroutines.txt"))
        .expect("dump");
    let copied = std::time::UNIX_EPOCH + Duration::from_secs(1_796_000_000); // 2026-11-29
    std::fs::File::options()
        .write(true)
        .open(dump)
        .and_then(|h| h.set_modified(copied))
        .expect("set mtime");
    let case = dir.path().join("kiosk.casefile.json");
    let mut init = vec![
        "init",
        "--case",
        case.to_str().expect("utf-8"),
        "--tz",
        "UTC",
        "--set",
        "goroutines.time=2026-11-20T14:35:20Z",
    ];
    init.extend(logs.iter().map(String::as_str));
    ok(&casefile(&init));
    let saved = std::fs::read_to_string(&case).expect("case written");
    assert!(
        saved.contains(r#""time": "2026-11-20T14:35:20Z""#),
        "the dump's time is not in the case file:\n{saved}"
    );
    let out = dir.path().join("report.md");
    ok(&casefile(&[
        "report",
        "--case",
        case.to_str().expect("utf-8"),
        "--display-tz",
        "UTC",
        "-o",
        out.to_str().expect("utf-8"),
    ]));
    let md = std::fs::read_to_string(&out).expect("report written");
    let row = md
        .lines()
        .find(|l| l.starts_with("| goroutines |"))
        .expect("the dump's row");
    assert!(
        row.contains("2026-11-20 14:35:20.000 – 2026-11-20 14:35:20.000"),
        "the report does not date the dump where --set put it: {row}"
    );
}

/// `note add --at` reads a time as the screen does (README: typed times are
/// read in the zone times are shown in; one without a date falls on the day
/// the sources cover): `--at 14:31:07 --source kern` on a case read in UTC,
/// from a machine in New York, took today's date in New York's zone and
/// anchored the note on kern's last record, 12 days earlier, saying so only
/// on stderr.

#[test]
fn note_add_reads_a_time_without_a_date_on_the_sources_day_in_their_zone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let logs = demo_copy(dir.path());
    let case = dir.path().join("k.casefile.json");
    let c = case.to_str().expect("utf-8");
    let run = |args: &[&str]| {
        let o = Command::new(bin())
            .args(args)
            .env("TZ", "America/New_York")
            .output()
            .expect("run");
        ok(&o)
    };
    run(&["init", "--case", c, "--tz", "UTC", &logs[2]]);
    run(&[
        "note", "add", "--case", c, "--at", "14:31:07", "--source", "kern", "GPU hang",
    ]);
    let v: serde_json::Value =
        serde_json::from_str(&run(&["note", "list", "--json", "--case", c])).expect("json");
    let note = &v["notes"][0];
    assert_eq!(note["at"], "2026-11-20T14:31:07Z", "{note}");
    assert_eq!(note["anchor"]["time"], "2026-11-20T14:31:07Z", "{note}");
    // A relative time counts from now, as --help says, sources or not.
    let before = chrono::Utc::now() - chrono::Duration::minutes(6);
    run(&[
        "note", "add", "--case", c, "--at", "-5m", "--source", "kern", "paged",
    ]);
    let v: serde_json::Value =
        serde_json::from_str(&run(&["note", "list", "--json", "--case", c])).expect("json");
    let at = v["notes"][1]["at"].as_str().expect("at");
    let at = chrono::DateTime::parse_from_rfc3339(at).expect("rfc 3339");
    assert!(at > before, "-5m read as {at}: {v}");
}

/// The report quotes a record as the notes list (and its row) reads it: a
/// JSON line as `message  key=value …` after its level, a text line without
/// the stamp the finding's heading shows; and a tag the note's text carries
/// is not repeated in the heading. It quoted the lines as written (braces,
/// quotes, the stamp again) and said `#cause` twice.

#[test]
fn the_report_and_note_list_quote_records_as_rows_read_them_and_tags_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui");
    let case = dir.path().join("c.casefile.json");
    let case_s = case.to_str().expect("utf-8");
    let (events, api) = (fixtures.join("events.log"), fixtures.join("api.log"));
    ok(&casefile(&[
        "init",
        "--case",
        case_s,
        "--tz",
        "UTC",
        &format!("events={}", events.display()),
        &format!("api={}", api.display()),
    ]));
    let at = |t: &str, source: &str, words: &str, args: &[&str]| {
        let mut a = vec!["--at", t, "--source", source, "--matching", words];
        a.extend_from_slice(args);
        ok(&add(&case, &a));
    };
    at(
        "2022-03-24 17:21:40.250",
        "events",
        "rebalance",
        &["--tag", "cause", "rebalance storm #cause"],
    );
    at(
        "2022-03-24 17:21:10.500",
        "api",
        "slow request",
        &["--tag", "symptom", "slow orders"],
    );
    let md = ok(&casefile(&[
        "report",
        "--case",
        case_s,
        "--display-tz",
        "UTC",
    ]));
    for want in [
        "- **2022-03-24 17:21:10.500** · api `#symptom`\n  slow orders\n\n  ```text\n  WRN slow request GET /orders 1200ms\n  ```\n",
        "- **2022-03-24 17:21:40.250** · events\n  rebalance storm #cause\n\n  ```text\n  WRN rebalance  reason=\"member left\"  generation=12\n  ```\n",
    ] {
        assert!(md.contains(want), "want:\n{want}\nin:\n{md}");
    }
    // The review section still takes the note by its tag.
    assert!(
        md.contains("## Root cause\n\n- rebalance storm #cause"),
        "{md}"
    );
    // `note list` says a tag the text carries once too, as the screen's list
    // does: it printed `#cause` in the heading and again in the text.
    let list = ok(&casefile(&[
        "note",
        "list",
        "--display-tz",
        "UTC",
        "--case",
        case_s,
    ]));
    for want in [
        "2022-03-24 17:21:10.500  api  #symptom\n    slow orders\n",
        "2022-03-24 17:21:40.250  events\n    rebalance storm #cause\n",
    ] {
        assert!(list.contains(want), "want:\n{want}\nin:\n{list}");
    }
}

/// `note list` quotes a record as the report (and the row) reads it: the
/// JSON line as `message  key=value …` after its level, the text line without
/// its stamp; `--json` keeps each note's fields (the anchor's `line` as
/// noted) and adds `shown`, the quoted lines. A note whose source is gone
/// says so and quotes the line as noted. It quoted every line as written
/// (braces, quotes, the stamp again).

#[test]
fn note_list_quotes_records_as_the_report_does() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui");
    let (events, api) = (dir.path().join("events.log"), dir.path().join("api.log"));
    std::fs::copy(fixtures.join("events.log"), &events).expect("copy");
    std::fs::copy(fixtures.join("api.log"), &api).expect("copy");
    let case = dir.path().join("c.casefile.json");
    let case_s = case.to_str().expect("utf-8");
    ok(&casefile(&[
        "init",
        "--case",
        case_s,
        "--tz",
        "UTC",
        &format!("events={}", events.display()),
        &format!("api={}", api.display()),
    ]));
    for (t, source, words, text) in [
        ("2022-03-24 17:21:40.250", "events", "rebalance", "storm"),
        ("2022-03-24 17:21:10.500", "api", "slow request", "slow"),
    ] {
        ok(&add(
            &case,
            &["--at", t, "--source", source, "--matching", words, text],
        ));
    }
    let list = |json: bool| {
        let mut a = vec!["note", "list", "--case", case_s, "--display-tz", "UTC"];
        if json {
            a.push("--json");
        }
        ok(&casefile(&a))
    };
    let out = list(false);
    for want in [
        "    slow\n    > WRN slow request GET /orders 1200ms\n",
        "    storm\n    > WRN rebalance  reason=\"member left\"  generation=12\n",
    ] {
        assert!(out.contains(want), "want:\n{want}\nin:\n{out}");
    }
    let v: serde_json::Value = serde_json::from_str(&list(true)).expect("json");
    let notes = &v["notes"];
    assert_eq!(
        notes[0]["shown"],
        serde_json::json!(["WRN slow request GET /orders 1200ms"]),
        "{v}"
    );
    assert_eq!(
        notes[1]["shown"],
        serde_json::json!(["WRN rebalance  reason=\"member left\"  generation=12"]),
        "{v}"
    );
    // The note's own fields keep their meaning: the anchor's line as noted.
    assert_eq!(
        notes[1]["anchor"]["line"],
        std::fs::read_to_string(&events)
            .expect("read")
            .lines()
            .nth(1)
            .expect("line"),
        "{v}"
    );
    assert_eq!(notes[1]["text"], "storm", "{v}");
    // The source gone: the note is detached, quoted as noted.
    std::fs::remove_file(&api).expect("rm");
    let out = list(false);
    assert!(
        out.contains("    slow\n    detached (api could not be opened: "),
        "{out}"
    );
    assert!(
        out.contains(
            "; as noted:\n    > 2022-03-24 17:21:10.500 WARN  slow request GET /orders 1200ms\n"
        ),
        "{out}"
    );
    let v: serde_json::Value = serde_json::from_str(&list(true)).expect("json");
    let slow = &v["notes"][0];
    assert_eq!(
        slow["shown"],
        serde_json::json!(["2022-03-24 17:21:10.500 WARN  slow request GET /orders 1200ms"]),
        "{v}"
    );
    assert!(
        slow["detached"]
            .as_str()
            .is_some_and(|w| w.starts_with("api could not be opened")),
        "{v}"
    );
    assert!(v["notes"][1]["detached"].is_null(), "{v}");
}

/// The report quotes a noted record's first 12 lines, each cut as text
/// reports cut a line, and counts the lines left: on a record of one line of
/// 20 MB and on a trace of 200,000 lines, through `note add` and `report`.

#[test]
fn the_report_quotes_the_start_of_huge_records_and_counts_the_rest() {
    use std::io::Write;
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("huge.log");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&p).expect("create"));
    f.write_all(b"2022-03-24 17:00:00 INFO before\n2022-03-24 17:00:01 WARN ")
        .expect("write");
    f.write_all(&vec![b'y'; 20 << 20]).expect("write");
    f.write_all(b"\n2022-03-24 17:00:02 ERROR request failed\n")
        .expect("write");
    for k in 1..200_000 {
        writeln!(f, "    at frame{k} (handler.js:{k}:7)").expect("write");
    }
    f.write_all(b"2022-03-24 17:00:03 INFO after\n")
        .expect("write");
    f.flush().expect("flush");
    drop(f);
    let case = dir.path().join("t.casefile.json");
    let case = case.to_str().expect("path");
    let run = casefile_ok;
    run(&[
        "init",
        "--case",
        case,
        "--tz",
        "UTC",
        p.to_str().expect("path"),
    ]);
    for (at, text) in [
        ("17:00:01", "the huge line"),
        ("17:00:02", "the huge trace"),
    ] {
        let at = format!("2022-03-24 {at}");
        run(&[
            "note", "add", "--case", case, "--tz", "UTC", "--at", &at, "--source", "huge", text,
        ]);
    }
    let md = run(&["report", "--case", case]);
    assert!(md.len() < 100_000, "{} bytes of report", md.len());
    let line = md
        .lines()
        .find(|l| l.contains("yyy"))
        .expect("the huge line");
    let cut = format!("{}… (+20,969,545 bytes)", "y".repeat(1975));
    assert!(line.ends_with(&cut), "{}…", &line[..line.len().min(200)]);
    let quote: Vec<&str> = md
        .lines()
        .skip_while(|l| !l.contains("ERR request failed"))
        .take(14)
        .collect();
    assert_eq!(quote.len(), 14, "{md}");
    for (k, l) in quote[1..12].iter().enumerate() {
        assert_eq!(
            l.trim(),
            format!("at frame{} (handler.js:{}:7)", k + 1, k + 1)
        );
    }
    assert_eq!(quote[12].trim(), "… (199,988 more lines)", "{quote:?}");
    assert!(quote[13].trim().starts_with("```"), "{quote:?}");
}

/// `report -o` onto the case file itself, its journal, or one of its logs is
/// refused with a message, and the file is left as it was: it replaced the
/// case file (every note gone) or the log with the report.
#[test]
fn report_never_writes_over_the_case_file_or_its_logs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = noted_demo_case(dir.path());
    let kern = dir.path().join("logs/kern.log");
    let journal = dir.path().join(".kiosk.casefile.json.journal");
    std::fs::write(&journal, b"").expect("an empty journal, as a save leaves it");
    for (out, what) in [
        (&case, "the case file itself"),
        (&journal, "the case file's journal"),
        (&kern, "source kern's log"),
    ] {
        let before = std::fs::read(out).expect("read");
        let (_, err) = casefile_exits(
            2,
            &[
                "report",
                "--case",
                case.to_str().expect("utf-8"),
                "-o",
                out.to_str().expect("utf-8"),
            ],
        );
        assert!(
            err.contains(&format!(
                "{}: is {what}: the report would replace it; write it elsewhere",
                out.display()
            )),
            "{err}"
        );
        assert_eq!(
            std::fs::read(out).expect("read"),
            before,
            "{what} untouched"
        );
    }
    // The same file by another name too.
    let other = dir.path().join("logs/../kiosk.casefile.json");
    let (_, err) = casefile_exits(
        2,
        &[
            "report",
            "--case",
            case.to_str().expect("utf-8"),
            "-o",
            other.to_str().expect("utf-8"),
        ],
    );
    assert!(err.contains("is the case file itself"), "{err}");
    assert_eq!(read_case(&case).notes.len(), 7);
}

/// `note list` on a case file that is not there says so (exit 2), as
/// `report` does: it printed "0 notes, 0 bookmarks" and exit 0, as if a
/// mistyped name's notes were all gone. Without `--case` it takes the one
/// case file in the directory, as `report` does.
#[test]
fn note_list_says_a_missing_case_file_and_finds_the_one_here() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = noted_demo_case(dir.path());
    let typo = dir.path().join("kiosk.casfile.json");
    let (out, err) = casefile_exits(
        2,
        &["note", "list", "--case", typo.to_str().expect("utf-8")],
    );
    assert_eq!(out, "");
    assert!(
        err.contains(&format!(
            "{}: no such case file (create one with casefile init or casefile note add)",
            typo.display()
        )),
        "{err}"
    );
    assert!(!typo.exists());
    let o = casefile_in(dir.path(), &["note", "list"]);
    let listed = ok(&o);
    assert!(listed.ends_with("7 notes, 0 bookmarks\n"), "{listed}");
    let named = ok(&casefile(&[
        "note",
        "list",
        "--case",
        case.to_str().expect("utf-8"),
    ]));
    assert_eq!(listed, named);
}

/// `note add` counts the case's notes in words that agree: "1 note".
#[test]
fn note_add_says_one_note_not_one_notes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = dir.path().join("alert.casefile.json");
    let c = case.to_str().expect("utf-8");
    let said = ok(&add(&case, &["--at", "now", "pager: kiosk-07 offline"]));
    assert!(
        said.ends_with(&format!("to {c} (rev 1, 1 note)\n")),
        "{said}"
    );
    let said = ok(&add(&case, &["--at", "now", "second"]));
    assert!(
        said.ends_with(&format!("to {c} (rev 2, 2 notes)\n")),
        "{said}"
    );
}

/// A source read in the machine's zone (no `--tz` when the case was made):
/// the report's sources table said its zone was `local`, which a reader of
/// the report (written on another machine, or sent on) cannot tell; it
/// names the zone it was read in, as the heading does (`times in …`).
#[test]
fn the_report_names_the_machine_zone_a_source_was_read_in() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = dir.path().join("k.casefile.json");
    let c = case.to_str().expect("utf-8");
    let log = demo("kiosk-client.log");
    let run = |args: &[&str]| {
        let o = Command::new(bin())
            .args(args)
            .env("TZ", "Asia/Shanghai")
            .output()
            .expect("run casefile");
        ok(&o)
    };
    run(&["init", "--case", c, &log]);
    let md = run(&["report", "--case", c]);
    let row = md
        .lines()
        .find(|l| l.starts_with("| kiosk-client |"))
        .unwrap_or_else(|| panic!("the source's row:\n{md}"));
    assert!(row.contains("| local (Asia/Shanghai) |"), "{row}");
    assert!(md.contains("times in Asia/Shanghai"), "{md}");
}
