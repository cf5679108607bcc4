//! A log written newest first (`journalctl -r`, `tac`) is read in time order:
//! `index`, `merge`, `silences` and `show` give what they give for the same
//! log written oldest first, with the file's own line numbers.

mod common;

use common::*;
use serde_json::Value;

/// `text`'s records in reverse order, each record's lines as written: a
/// record starts at a line for which `starts` holds.
fn reversed_by_record(text: &str, starts: impl Fn(&str) -> bool) -> String {
    let mut records: Vec<Vec<&str>> = Vec::new();
    for line in text.lines() {
        match records.last_mut() {
            Some(r) if !starts(line) => r.push(line),
            _ => records.push(vec![line]),
        }
    }
    records.reverse();
    records.concat().join("\n") + "\n"
}

/// `tac`: the lines last first.
fn tac(text: &str) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    lines.reverse();
    lines.join("\n") + "\n"
}

/// Every line `merge --json` prints, each with its record's time.
fn merged_lines(path: &str) -> Vec<(Value, String)> {
    casefile_ndjson(&["merge", "--json", "--tz", "UTC", path])
        .iter()
        .flat_map(|r| {
            let t = r["time"].clone();
            let text = r["text"].as_str().unwrap_or_default().to_string();
            text.lines()
                .map(|l| (t.clone(), l.to_string()))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// `index --json`'s facts about the only source, warnings apart.
fn facts(path: &str) -> (Value, String) {
    let v = casefile_json(&["index", "--json", "--tz", "UTC", path]);
    let mut s = v["sources"][0].clone();
    let warnings = s["warnings"].to_string();
    for k in ["warnings", "name", "path"] {
        s.as_object_mut().map(|o| o.remove(k));
    }
    (s, warnings)
}

#[test]
fn a_journal_printed_by_journalctl_r_reads_as_written_oldest_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let iso = corpus("journald/journalctl-short-iso.txt");
    let text = std::fs::read_to_string(&iso).expect("corpus file");
    let rev = write(dir.path(), "api-r.log", tac(&text).as_bytes());
    let rev = rev.to_str().expect("path");
    let (got, want) = (merged_lines(rev), merged_lines(&iso));
    // Printed last line first, the Go panic's goroutines start records of
    // their own whose lines are as written: the rest reads as oldest first.
    let others = |v: &[(Value, String)]| -> Vec<(Value, String)> {
        let keep = |l: &&(Value, String)| !l.1.contains("panicdemo[");
        v.iter().filter(keep).cloned().collect()
    };
    assert_eq!(others(&got), others(&want), "merge");
    let sorted = |mut v: Vec<(Value, String)>| {
        v.sort_by(|a, b| (a.0.to_string(), &a.1).cmp(&(b.0.to_string(), &b.1)));
        v
    };
    assert!(got.windows(2).all(|w| w[0].0.as_str() <= w[1].0.as_str()));
    assert_eq!(sorted(got), sorted(want), "merge, every line");
    let ((r, warnings), (o, _)) = (facts(rev), facts(&iso));
    // The panic is one record oldest first, 36 records newest first (each of
    // its lines is a journal entry of its own, printed last line first).
    for k in ["lines", "first", "last", "format", "timestamped_fraction"] {
        assert_eq!(r[k], o[k], "{k}");
    }
    assert!(
        warnings.contains("newest first") && warnings.contains("read in reverse"),
        "{warnings}"
    );
}

/// Records of several lines (gunicorn's error log, with a traceback) reversed
/// by record, as a web console's export lists them: each record keeps its
/// lines, and every command prints what it prints for the file as written.
#[test]
fn records_of_several_lines_listed_newest_first_keep_their_lines() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = corpus("python/gunicorn-error.log");
    let text = std::fs::read_to_string(&log).expect("corpus file");
    let reversed = reversed_by_record(&text, |l| l.starts_with("[20"));
    assert_ne!(reversed, text);
    // Named as the corpus file, so that every source name is the same.
    let rev = write(dir.path(), "gunicorn-error.log", reversed.as_bytes());
    let rev = rev.to_str().expect("path");
    let ((r, warnings), (o, _)) = (facts(rev), facts(&log));
    assert_eq!(r, o, "index --json");
    assert!(warnings.contains("read in reverse"), "{warnings}");
    let merge = |p: &str| casefile_ndjson(&["merge", "--json", "--tz", "UTC", p]);
    let (rm, om) = (merge(rev), merge(&log));
    assert!(
        om.iter().any(|r| r["text"]
            .as_str()
            .is_some_and(|t| t.contains("\nTraceback"))),
        "the traceback is one record with its error"
    );
    assert_eq!(rm, om, "merge --json");
    let text_merge = |p: &str| stdout(&casefile(&["merge", "--tz", "UTC", p]));
    assert_eq!(text_merge(rev), text_merge(&log), "merge");
    // `show` at a time inside the incident.
    let show = |p: &str| {
        stdout(&casefile(&[
            "show", "--json", "--tz", "UTC", "--at", "14:08:51", p,
        ]))
    };
    assert_eq!(show(rev), show(&log), "show");
}

/// The demo's kiosk client (its stack traces under their errors) exported
/// newest first beside the kernel log: the same silence, the same kernel
/// lines near it, its edges by the reversed file's own line numbers.
#[test]
fn silences_of_a_log_listed_newest_first_are_where_they_were() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (kern, client) = (demo("kern.log"), demo("kiosk-client.log"));
    let text = std::fs::read_to_string(&client).expect("demo log");
    let reversed = reversed_by_record(&text, |l| l.starts_with("2026-"));
    let rev = write(dir.path(), "kiosk-client.log", reversed.as_bytes());
    let rev = rev.to_str().expect("path");
    let sil = |p: &str| {
        let mut v = casefile_json(&["silences", "--json", "--tz", "UTC", &kern, p]);
        let mut lines = Vec::new();
        for s in v["silences"].as_array_mut().expect("silences") {
            for edge in ["before", "after"] {
                lines.push(s[edge]["line"].take());
            }
        }
        (v, lines)
    };
    let ((rs, rl), (os, ol)) = (sil(rev), sil(&client));
    let first = &os["silences"][0];
    assert_eq!(first["source"], "kiosk-client", "{os}");
    assert_eq!(first["start"], "2026-11-20T14:31:07.219Z", "{os}");
    assert_eq!(rs, os, "silences --json");
    let lines_of = |t: &str| t.lines().map(str::to_string).collect::<Vec<_>>();
    let (rl_text, ol_text) = (lines_of(&reversed), lines_of(&text));
    assert_eq!(rl.len(), ol.len());
    for (r, o) in rl.iter().zip(&ol) {
        if let (Some(r), Some(o)) = (r.as_u64(), o.as_u64()) {
            assert_ne!(r, o);
            assert_eq!(rl_text[r as usize - 1], ol_text[o as usize - 1]);
        }
    }
}

/// A note on a record of several lines, in a log listed newest first: the
/// case file anchors it by the file's offset, and the report quotes the
/// record whole, its traceback in the order written (a guard: the records'
/// order changed, their anchors must not).
#[test]
fn a_note_on_a_record_of_a_log_listed_newest_first_quotes_it_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = std::fs::read_to_string(corpus("python/gunicorn-error.log")).expect("corpus");
    let reversed = reversed_by_record(&text, |l| l.starts_with("[20"));
    let rev = write(dir.path(), "gunicorn-error.log", reversed.as_bytes());
    let case = dir.path().join("c.casefile.json");
    let (case, rev) = (case.to_str().expect("path"), rev.to_str().expect("path"));
    let run = casefile_ok;
    run(&["init", "--case", case, "--tz", "UTC", rev]);
    run(&[
        "note",
        "add",
        "--case",
        case,
        "--at",
        "2026-11-23 14:08:51",
        "--tz",
        "UTC",
        "--source",
        "gunicorn-error",
        "--matching",
        "Error handling request",
        "--tag",
        "cause",
        "boom",
    ]);
    let saved = std::fs::read_to_string(case).expect("case file");
    let head = "[2026-11-23 14:08:51 +0000] [14379] [ERROR] Error handling request GET /boom";
    let offset = reversed.find(head).expect("in the file") as u64;
    assert!(saved.contains(&format!("\"offset\":{offset}")), "{saved}");
    let report = dir.path().join("r.md");
    run(&[
        "report",
        "--case",
        case,
        "-o",
        report.to_str().expect("path"),
    ]);
    let report = std::fs::read_to_string(report).expect("report");
    let quoted = |l: &str| {
        report
            .find(l)
            .unwrap_or_else(|| panic!("{l:?} not in {report}"))
    };
    // Quoted as its row reads it: the level, not the stamp the heading shows.
    let row = "ERR [14379] Error handling request GET /boom";
    assert!(quoted(row) < quoted("Traceback (most recent call last):"));
    assert!(quoted("Traceback (most recent call last):") < quoted("RuntimeError: boom requested"));
}
