//! A Go panic whose capturer dated every line: journald (one entry per line
//! of a service's stderr, in every `journalctl -o` shape of the corpus) and
//! `docker logs --timestamps`. The panic is one record with its whole stack,
//! `casefile goroutines` reads it, and the screen opens it as a dump with `d`.
//! Lines of other units that journald put between the panic's stay records of
//! their own.

use std::path::Path;

use serde_json::Value;

use crate::common::*;
use crate::support::{run, toolchains};
use crate::tui::view;

/// The journald variants holding the corpus's panic, with the `--set` they need.
/// Out of scope: `-o verbose` and `-o export` print each entry as a block of
/// `FIELD=value` lines (one record per entry; the panic's lines are fields
/// of 40 entries), and `-o cat` has no prefix (asserted below with the rest).
const JOURNALD: [(&str, &[&str]); 11] = [
    ("journald/journalctl-short.txt", &[]),
    ("journald/journalctl-short-precise.txt", &[]),
    ("journald/journalctl-short-iso.txt", &[]),
    ("journald/journalctl-short-iso-kolkata.txt", &[]),
    ("journald/journalctl-short-iso-precise.txt", &[]),
    ("journald/journalctl-short-full-berlin.txt", &[]),
    ("journald/journalctl-short-unix.txt", &[]),
    // Seconds since boot: undated without the boot time, dated with it
    // (journalctl-short-unix's first stamp minus this file's).
    ("journald/journalctl-short-monotonic.txt", &[]),
    (
        "journald/journalctl-short-monotonic.txt",
        &[
            "--set",
            "journalctl-short-monotonic.boot=2026-11-23T11:37:41.514815Z",
        ],
    ),
    ("journald/journalctl.json", &[]),
    ("journald/journalctl.json-seq", &[]),
];

/// The panicking process's lines as the program printed them, read off the
/// file: from its `panic:` line to its last line (the process died there).
/// JSON variants carry the message in `MESSAGE` and the process in `_PID`.
fn panic_lines(text: &str) -> Vec<String> {
    let json = text.trim_start_matches('\u{1e}').starts_with('{');
    let entries: Vec<(String, String)> = text
        .lines()
        .map(|l| {
            if json {
                let v: Value =
                    serde_json::from_str(l.trim_start_matches('\u{1e}')).expect("json entry");
                let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
                (s("_PID"), s("MESSAGE"))
            } else {
                // `… host prog[pid]: message`
                let (head, msg) = l.split_once("]: ").unwrap_or((l, ""));
                let pid = head.rsplit('[').next().unwrap_or_default();
                (pid.to_string(), msg.to_string())
            }
        })
        .collect();
    let at = entries
        .iter()
        .position(|(_, m)| m.starts_with("panic: "))
        .expect("a panic");
    let pid = entries[at].0.clone();
    entries[at..]
        .iter()
        .filter(|(p, _)| *p == pid)
        .map(|(_, m)| m.clone())
        .collect()
}

fn merged(path: &str, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["merge", "--json", "--tz", "UTC"];
    args.extend_from_slice(extra);
    args.push(path);
    casefile_ndjson(&args)
}

fn goroutines(path: &str, extra: &[&str]) -> Value {
    let mut args = vec!["goroutines", "--json"];
    args.extend_from_slice(extra);
    args.push(path);
    let o = casefile(&args);
    assert!(o.status.success(), "{path}: {}", stderr(&o));
    serde_json::from_slice(&o.stdout).expect("json")
}

/// The goroutine that panicked, its first frame (function without its
/// arguments) and that frame's `file:line`, read off the panic's lines.
fn expected_panic(lines: &[String]) -> (u64, String, String) {
    let header = lines
        .iter()
        .position(|l| l.starts_with("goroutine "))
        .expect("a goroutine");
    let id = lines[header]["goroutine ".len()..]
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("id");
    let call = &lines[header + 1];
    let function = call[..call.rfind('(').expect("call")].to_string();
    let location = lines[header + 2].trim();
    let location = location.split(" +0x").next().expect("location").to_string();
    (id, function, location)
}

/// Checks `goroutines --json` against the panic read off the file.
fn assert_goroutines_find(v: &Value, lines: &[String], name: &str) {
    let (id, function, location) = expected_panic(lines);
    let message = lines[0].strip_prefix("panic: ").expect("panic");
    assert_eq!(v["panic"]["message"], message, "{name}: {v}");
    assert_eq!(v["panic"]["goroutine"], id, "{name}: {v}");
    let top = &v["panic"]["frames"][0];
    assert_eq!(top["function"], function.as_str(), "{name}: {top}");
    assert_eq!(
        format!("{}:{}", top["file"].as_str().unwrap_or("?"), top["line"]),
        location,
        "{name}"
    );
    let headers = lines.iter().filter(|l| l.starts_with("goroutine ")).count() as u64;
    assert_eq!(v["total"], headers, "{name}: every goroutine is read");
}

#[test]
fn a_journald_panic_is_one_record_in_every_dated_shape() {
    for (file, extra) in JOURNALD {
        let path = corpus(file);
        let text = std::fs::read_to_string(&path).expect("corpus");
        let lines = panic_lines(&text);
        assert!(lines.len() > 20, "{file}: {lines:?}");
        let rows = merged(&path, extra);
        let holding: Vec<&Value> = rows
            .iter()
            .filter(|r| {
                r["text"]
                    .as_str()
                    .is_some_and(|t| t.contains("goroutine 21 [running]"))
            })
            .collect();
        assert_eq!(holding.len(), 1, "{file}: {holding:?}");
        let record = holding[0]["text"].as_str().expect("text");
        assert!(record.contains(lines[0].as_str()), "{file}: {record}");
        assert_eq!(
            record.lines().count(),
            lines.len(),
            "{file}: the panic's record holds its lines and no other:\n{record}"
        );
        assert_eq!(holding[0]["level"], "panic", "{file}");
        // Every other line of the file is a record of its own.
        assert_eq!(
            rows.len(),
            text.lines().count() - (lines.len() - 1),
            "{file}"
        );
        // Printed as text, the record's lines read as the program wrote them.
        let mut args = vec!["merge", "--tz", "UTC"];
        args.extend_from_slice(extra);
        args.push(&path);
        let printed = stdout(&casefile(&args));
        let printed: Vec<&str> = printed.lines().collect();
        let at = printed
            .iter()
            .position(|l| l.contains(lines[0].as_str()))
            .expect("the panic printed");
        let under: Vec<&str> = printed[at + 1..at + lines.len()]
            .iter()
            .map(|l| l.trim())
            .collect();
        let want: Vec<&str> = lines[1..].iter().map(|l| l.trim()).collect();
        assert_eq!(under, want, "{file}");
        let v = goroutines(&path, extra);
        assert_goroutines_find(&v, &lines, file);
        // The dump is dated by the panic's line, when that line has a time.
        match holding[0]["time"].as_str() {
            Some(t) => assert_eq!(
                (&v["time"], &v["time_origin"]),
                (&t.into(), &"log_line".into()),
                "{file}"
            ),
            None => assert_eq!(v["time_origin"], "file_modified", "{file}"),
        }
    }
}

#[test]
fn a_panic_under_journalctl_cat_needs_no_prefix_rule() {
    let path = corpus("journald/journalctl-cat.txt");
    let text = std::fs::read_to_string(&path).expect("corpus");
    let start = text.find("panic: ").expect("panic");
    // The panic runs to the next line that is not trace-shaped (sshd's).
    let lines: Vec<String> = text[start..]
        .lines()
        .take_while(|l| !l.starts_with("Server listening"))
        .map(String::from)
        .collect();
    let rows = merged(&path, &[]);
    let record = rows
        .iter()
        .find_map(|r| r["text"].as_str().filter(|t| t.starts_with("panic: ")))
        .expect("the panic's record");
    assert_eq!(record.lines().count(), lines.len(), "{record}");
    assert_goroutines_find(&goroutines(&path, &[]), &lines, "cat");
}

/// journald merges units: other processes' lines land between a panic's.
/// They stay their own records, the panic's lines after them start a piece
/// of it, and the dump still reads the whole panic.
#[test]
fn other_units_between_a_panics_lines_are_not_swallowed() {
    let dir = tempfile::tempdir().expect("tempdir");
    for file in ["journald/journalctl-short.txt", "journald/journalctl.json"] {
        let text = std::fs::read_to_string(corpus(file)).expect("corpus");
        let all: Vec<&str> = text.lines().collect();
        let lines = panic_lines(&text);
        let first = all
            .iter()
            .position(|l| l.contains("panic: runtime"))
            .expect("panic");
        // Two sshd lines from the same file go after the panic's 5th and 12th lines.
        let sshd: Vec<&str> = all
            .iter()
            .copied()
            .filter(|l| l.contains("sshd"))
            .take(2)
            .collect();
        let mut woven: Vec<&str> = all[..first + lines.len()].to_vec();
        woven.insert(first + 12, sshd[1]);
        woven.insert(first + 5, sshd[0]);
        let name = Path::new(file).file_name().expect("name").to_string_lossy();
        let path = write(dir.path(), &name, (woven.join("\n") + "\n").as_bytes());
        let path = path.to_str().expect("path");
        let rows = merged(path, &[]);
        let texts: Vec<&str> = rows
            .iter()
            .map(|r| r["text"].as_str().expect("text"))
            .collect();
        let at = texts
            .iter()
            .position(|t| t.contains("panic: runtime"))
            .expect("panic");
        // The panic's first piece, sshd, the second piece, sshd, the rest.
        let pieces = [5, 1, 7, 1, lines.len() - 12];
        let got: Vec<usize> = texts[at..].iter().map(|t| t.lines().count()).collect();
        assert_eq!(got, pieces, "{file}: {texts:#?}");
        assert_eq!(texts[at + 1], sshd[0], "{file}");
        assert_eq!(texts[at + 3], sshd[1], "{file}");
        assert_goroutines_find(&goroutines(path, &[]), &lines, file);
        // The screen's `d` on the first piece reads the whole panic too.
        let app = open_at_panic(Path::new(path), SEARCH_PANIC);
        let a = analysis(&app);
        assert_eq!(a.dump.total(), 4, "{file}: {:?}", a.dump.warnings);
        assert_eq!(
            a.dump.panic.as_ref().and_then(|p| p.goroutine),
            Some(21),
            "{file}"
        );
    }
}

/// A search puts the cursor on the panic (`e` would stop first at the
/// corpus's `panic demo "index" starting`, whose word "panic" reads as a level).
const SEARCH_PANIC: &str = "/panic: <enter>";

#[test]
fn the_screen_opens_a_journald_panic_as_a_dump_with_one_key() {
    for file in [
        "journald/journalctl-short.txt",
        "journald/journalctl-short-iso.txt",
        "journald/journalctl.json",
    ] {
        let path = corpus(file);
        let lines = panic_lines(&std::fs::read_to_string(&path).expect("corpus"));
        let (id, function, _) = expected_panic(&lines);
        let app = open_at_panic(Path::new(&path), SEARCH_PANIC);
        let a = analysis(&app);
        let p = a.dump.panic.as_ref().expect("panic");
        assert_eq!(p.message, lines[0]["panic: ".len()..], "{file}");
        assert_eq!(p.goroutine, Some(id), "{file}");
        assert!(a.ranked[0].panicking, "{file}");
        let g = &a.groups[a.ranked[0].group];
        let top = a.dump.stacks[g.stack as usize].frames[0];
        assert_eq!(a.dump.name(a.dump.frame(top).function), function, "{file}");
    }
}

/// A worker's nil-pointer panic as `docker logs --timestamps` prints it: the
/// prefixing (RFC 3339 with nanoseconds and a space, a microsecond apart) is
/// this test's, the lines are the Go runtime's.
#[test]
fn a_workers_panic_under_docker_timestamps_is_one_record() {
    let test = "a_workers_panic_under_docker_timestamps_is_one_record";
    for go in toolchains(test) {
        let name = &go.name;
        let out = run(&go.plain(), &["-scenario", "panic"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let lines: Vec<&str> = stderr.lines().collect();
        let mut log = String::new();
        for (k, l) in lines.iter().enumerate() {
            log += &format!("2026-12-01T15:04:05.{:06}789Z {l}\n", 100_000 + k);
        }
        let dir = tempfile::tempdir().expect("tempdir");
        let path = write(dir.path(), "worker.log", log.as_bytes());
        let path = path.to_str().expect("path");
        let start = lines
            .iter()
            .position(|l| l.starts_with("panic: "))
            .expect("panic");
        // The panic runs to the end of stderr: the runtime's last words.
        let panic: Vec<String> = lines[start..].iter().map(|l| l.to_string()).collect();
        let rows = merged(path, &[]);
        let texts: Vec<&str> = rows
            .iter()
            .map(|r| r["text"].as_str().expect("text"))
            .collect();
        assert_eq!(rows.len(), start + 1, "{name}: {texts:#?}");
        assert_eq!(texts[start].lines().count(), panic.len(), "{name}");
        assert_eq!(rows[start]["level"], "panic", "{name}");
        let mut nonblank = panic.clone();
        nonblank.retain(|l| !l.is_empty());
        assert_goroutines_find(&goroutines(path, &[]), &nonblank, name);
        // `e`: the next error, the panic.
        let app = open_at_panic(Path::new(path), "e");
        let a = analysis(&app);
        assert_eq!(
            a.dump.panic.as_ref().map(|p| p.message.as_str()),
            Some("runtime error: invalid memory address or nil pointer dereference"),
            "{name}"
        );
        assert_eq!(view::listed(&app)[0].1, "main.(*worker).process", "{name}");
    }
}

/// One log on the screen, then `keys` that put the cursor on the panic, and `d`.
fn open_at_panic(path: &Path, keys: &str) -> casefile::tui::app::App {
    let mut app = view::open(&[path]);
    assert_eq!(
        app.mode,
        casefile::tui::app::Mode::Normal,
        "a log opens in its pane"
    );
    view::press(&mut app, &format!("{keys}d"));
    app
}

/// The goroutine view's analysis of a record of the log.
fn analysis(
    app: &casefile::tui::app::App,
) -> std::sync::Arc<casefile::headless::goroutines::Analysis> {
    let v = view::view(app);
    assert!(v.key.record.is_some(), "{v:?}");
    app.dumps.ready(v.key, v.similar).expect("analysed").clone()
}
