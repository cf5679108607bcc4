//! `journalctl -o verbose` and `-o export`, against `-o json` of the same
//! journal: the corpus's three files hold the same 58 entries
//! (`regen/make-journald.sh`), so every command must read them alike, record
//! for record: times, levels, what each record reads as (a Go panic's
//! entries one record), the templates mined from them. Before, verbose was
//! read as `iso8601` records that read as their header lines (the cursor),
//! without levels, and export not at all.

mod common;
use common::*;

const JSON: &str = "journald/journalctl.json";
const VERBOSE: &str = "journald/journalctl-verbose.txt";
const EXPORT: &str = "journald/journalctl.export";

/// `casefile ARGS j=FILE`: one name for every file, so that only what the
/// records say can differ.
fn run(args: &[&str], rel: &str) -> String {
    let src = format!("j={}", corpus(rel));
    let mut a = args.to_vec();
    a.extend(["--tz", "UTC", &src]);
    casefile_ok(&a)
}

/// What `merge --json` says of each record but its text as written (which
/// is each file's own bytes).
fn rows(rel: &str) -> Vec<serde_json::Value> {
    ndjson(&run(&["merge", "--json"], rel))
        .into_iter()
        .map(|mut v| {
            v.as_object_mut().expect("object").remove("text");
            v
        })
        .collect()
}

#[test]
fn verbose_and_export_are_detected_as_what_they_are() {
    for (rel, name) in [(VERBOSE, "journal-verbose"), (EXPORT, "journal-export")] {
        let v = index_json(&[&corpus(rel)]);
        let s = &v["sources"][0];
        assert_eq!(s["format"], name, "{rel}: {s}");
        let w = s["warnings"].to_string();
        assert!(!w.contains("does not read"), "{rel}: {w}");
        assert_eq!(
            s["records"], 32,
            "{rel}: 58 entries, a Go panic's 27 one record: {s}"
        );
    }
}

#[test]
fn merge_reads_every_entry_as_the_json_journal_does() {
    let want = rows(JSON);
    assert_eq!(want.len(), 32, "58 entries, a Go panic's 27 one record");
    for rel in [VERBOSE, EXPORT] {
        let got = rows(rel);
        assert_eq!(got.len(), want.len(), "{rel}");
        for (g, w) in got.iter().zip(&want) {
            assert_eq!(g, w, "{rel}");
        }
        // The text the panes show: `IDENT[PID]: MESSAGE`, the panic's
        // lines under it.
        assert_eq!(run(&["merge"], rel), run(&["merge"], JSON), "{rel}");
    }
    let panic = run(&["merge"], VERBOSE);
    assert!(
        panic.contains(
            "PANIC panicdemo[14311]: panic: runtime error: index out of range [3] with length 3\n"
        ),
        "{panic}"
    );
}

#[test]
fn show_reads_every_entry_as_the_json_journal_does() {
    for at in ["14:08:38.882", "14:08:39.94", "14:08:41.2", "14:08:45.925"] {
        let want = run(&["show", "--at", at], JSON);
        for rel in [VERBOSE, EXPORT] {
            assert_eq!(run(&["show", "--at", at], rel), want, "{rel} at {at}");
        }
    }
}

#[test]
fn patterns_are_the_json_journal_s() {
    let want = run(&["patterns", "--json"], JSON);
    // Mined as `-o short` is: the tag and Go's own stamp are header.
    assert!(
        want.contains("\"template\": \"worker <*> processing item <*> of <*>\""),
        "{want}"
    );
    assert!(!want.contains("panicdemo[<*>]: "), "{want}");
    for rel in [VERBOSE, EXPORT] {
        assert_eq!(run(&["patterns", "--json"], rel), want, "{rel}");
    }
}

/// `--raw` (and `=` on the screen) still shows the lines as written: the
/// records' lines, one after another, are the file's.
#[test]
fn raw_is_the_lines_as_written() {
    for rel in [VERBOSE, EXPORT] {
        let file = std::fs::read_to_string(corpus(rel)).expect("corpus file");
        let got: String = ndjson(&run(&["merge", "--json"], rel))
            .iter()
            .map(|v| format!("{}\n", v["text"].as_str().expect("text")))
            .collect();
        // A record's trailing blank line (export's separator) is trimmed.
        let squeeze = |s: &str| s.replace("\n\n", "\n");
        assert_eq!(squeeze(&got), squeeze(&file), "{rel}");
        let raw = run(&["merge", "--raw"], rel);
        assert!(
            raw.contains("[s=48823b984bb342b8a74308c6b314048e;i=47;")
                || raw.contains("__CURSOR=s=48823b984bb342b8a74308c6b314048e;i=47;"),
            "{rel}: {raw}"
        );
    }
}

/// An export binary field: its name, a little-endian u64 length, the bytes.
fn binary(name: &str, value: &[u8]) -> Vec<u8> {
    let mut out = format!("{name}\n").into_bytes();
    out.extend_from_slice(&(value.len() as u64).to_le_bytes());
    out.extend_from_slice(value);
    out.push(b'\n');
    out
}

/// Entries written by hand (no journald here to write them; see
/// `format/journal_entry/tests.rs`): a binary MESSAGE whose length's first
/// byte is a newline and whose bytes hold a blank-looking line and a byte
/// that is not UTF-8; an entry without MESSAGE; one without a time; a last
/// entry cut inside its binary value. Each is one record, read as far as it
/// goes.
#[test]
fn hand_written_export_entries_each_make_one_record() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut data = Vec::new();
    let head = |us: &str, pid: &str, prio: &str| {
        format!(
            "__CURSOR=s=1;i={pid}\n__REALTIME_TIMESTAMP={us}\nPRIORITY={prio}\n_PID={pid}\nSYSLOG_IDENTIFIER=app\n"
        )
        .into_bytes()
    };
    data.extend(head("1795442918881981", "7", "3"));
    data.extend(binary("MESSAGE", b"one\n\n\xfftwo!"));
    data.extend_from_slice(b"\n");
    data.extend(head("1795442919000000", "8", "6"));
    data.extend_from_slice(b"\n");
    data.extend_from_slice(
        b"__CURSOR=s=1;i=9\nPRIORITY=4\n_PID=9\nSYSLOG_IDENTIFIER=app\nMESSAGE=no time\n\n",
    );
    data.extend(head("1795442920000000", "10", "2"));
    let mut cut = binary("MESSAGE", b"cut short here, the rest never came");
    cut.truncate(30);
    data.extend(cut);
    let p = write(dir.path(), "cut.export", &data);
    let p = p.to_str().expect("path");
    let v = index_json(&[p]);
    assert_eq!(v["sources"][0]["format"], "journal-export", "{v}");
    let rows = ndjson(&casefile_ok(&["merge", "--json", "--tz", "UTC", p]));
    let said: Vec<(String, String, bool)> = rows
        .iter()
        .map(|r| {
            (
                r["time"].as_str().unwrap_or("").to_string(),
                r["level"].as_str().unwrap_or("").to_string(),
                r["time_inherited"].as_bool().unwrap_or(false),
            )
        })
        .collect();
    assert_eq!(
        said,
        [
            ("2026-11-23T14:08:38.881981Z", "error", false),
            ("2026-11-23T14:08:39Z", "info", false),
            ("2026-11-23T14:08:39Z", "warn", true),
            ("2026-11-23T14:08:40Z", "fatal", false),
        ]
        .map(|(t, l, i)| (t.to_string(), l.to_string(), i)),
        "{rows:?}"
    );
    let merged = casefile_ok(&["merge", "--tz", "UTC", p]);
    let lines: Vec<&str> = merged.lines().collect();
    assert!(lines[0].contains("app[7]: one"), "{merged}");
    assert!(lines.iter().any(|l| l.ends_with("app[8]: ")), "{merged}");
    assert!(
        lines.iter().any(|l| l.ends_with("app[9]: no time")),
        "{merged}"
    );
    assert!(
        lines.iter().any(|l| l.contains("app[10]: cut short")),
        "{merged}"
    );
}

/// verbose's own shapes: a multi-line MESSAGE goes on indented past its
/// `=`, a value journalctl did not print reads `[N blob data]` as it
/// wrote it; the level is `PRIORITY=`'s.
#[test]
fn hand_written_verbose_entries_read_their_values() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "Mon 2026-11-23 14:08:38.881981 UTC [s=1;i=1;b=1;m=1;t=660f22164fabd;x=1]\n    PRIORITY=4\n    SYSLOG_IDENTIFIER=app\n    _PID=7\n    MESSAGE=first line\n            second line\n    _COMM=app\nMon 2026-11-23 14:08:39.000000 UTC [s=1;i=2;b=1;m=2;t=660f22166c7c0;x=2]\n    PRIORITY=3\n    SYSLOG_IDENTIFIER=app\n    _PID=7\n    MESSAGE=[1.2K blob data]\n";
    let p = write(dir.path(), "v.txt", text.as_bytes());
    let p = p.to_str().expect("path");
    let rows = ndjson(&casefile_ok(&["merge", "--json", "--tz", "UTC", p]));
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[0]["level"], "warn");
    assert_eq!(rows[1]["level"], "error");
    assert_eq!(rows[1]["time"], "2026-11-23T14:08:39Z");
    let shown = casefile_ok(&["show", "--tz", "UTC", "--at", "14:08:39", p]);
    assert!(shown.contains("app[7]: first line"), "{shown}");
    assert!(shown.contains("second line"), "{shown}");
    assert!(shown.contains("app[7]: [1.2K blob data]"), "{shown}");
}

/// `goroutines` reads the panic the entries hold as it reads the JSON
/// journal's: the same dump, the same words.
#[test]
fn goroutines_reads_the_same_panic() {
    let want = run(&["goroutines"], JSON);
    assert!(want.contains("4 goroutines"), "{want}");
    for rel in [VERBOSE, EXPORT] {
        assert_eq!(run(&["goroutines"], rel), want, "{rel}");
    }
}

/// A stream (`-c`, `-`) that comes in pieces is indexed entry by entry, as
/// other streams line by line: a piece that ends inside the Go panic's
/// entries made the rest of its stack records of their own.
#[test]
fn a_stream_cut_inside_the_panic_reads_as_the_file() {
    for rel in [VERBOSE, EXPORT] {
        let file = corpus(rel);
        let want = run(&["merge"], rel);
        let slow = format!("j=head -c 20000 '{file}'; sleep 0.5; tail -c +20001 '{file}'");
        let got = casefile_ok(&["merge", "--tz", "UTC", "-c", &slow]);
        assert_eq!(got, want, "{rel}");
    }
}

/// The corpus file `rel` from its 0-based line `from` on (`tail -n +N`), or,
/// with `mid`, from the middle of that line (`tail -c`), written in `dir`.
fn tail_of(dir: &std::path::Path, rel: &str, from: usize, mid: bool) -> String {
    let text = std::fs::read_to_string(corpus(rel)).expect("corpus file");
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut cut: String = lines[from..].concat();
    if mid {
        cut.drain(..lines[from].len() / 2);
    }
    let name = format!("{}-{from}-{mid}", rel.replace('/', "-"));
    let p = write(dir, &name, cut.as_bytes());
    p.to_str().expect("utf-8 path").to_string()
}

/// Each record's time and level, as `merge --json` says them.
fn times_and_levels(path: &str) -> Vec<(serde_json::Value, serde_json::Value)> {
    ndjson(&casefile_ok(&["merge", "--json", "--tz", "UTC", path]))
        .into_iter()
        .map(|v| (v["time"].clone(), v["level"].clone()))
        .collect()
}

/// A file that starts in the middle of an entry (`tail -n`, `tail -c` of
/// `-o verbose` or `-o export`): read as the entries it holds, its first
/// record the cut entry's rest, with the entry's level when its `PRIORITY=`
/// line is in that rest, and none when it was cut off; every other record
/// as in the whole file. It was read as `plain` text, a record a line (or
/// the cut entry's lines as one), without times or levels.
#[test]
fn a_file_cut_inside_an_entry_keeps_what_is_there() {
    let dir = tempfile::tempdir().expect("tempdir");
    // su's `PRIORITY=3` entry (pam_systemd's error), cut after its first
    // lines (its header, its cursor and time gone) and after its PRIORITY.
    for (rel, format, line) in [
        (VERBOSE, "journal-verbose", "    PRIORITY=3\n"),
        (EXPORT, "journal-export", "PRIORITY=3\n"),
    ] {
        let text = std::fs::read_to_string(corpus(rel)).expect("corpus file");
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        let priority = lines.iter().position(|l| *l == line).expect("PRIORITY=3");
        let start = lines[..priority]
            .iter()
            .rposition(|l| l.starts_with("Mon ") || l.starts_with("__CURSOR="))
            .expect("the entry's first line");
        let whole = times_and_levels(&corpus(rel));
        // The records after the cut one: the whole file's last ones.
        let after = |n: usize| whole[whole.len() - n..].to_vec();
        for (from, mid, level) in [
            (start + 4, false, "error"),
            (start + 4, true, "error"),
            // The PRIORITY line itself cut: no level.
            (priority, true, ""),
            (priority + 1, false, ""),
        ] {
            let p = tail_of(dir.path(), rel, from, mid);
            let v = index_json(&[&p]);
            let at = format!("{rel} from line {} (mid-line: {mid})", from + 1);
            assert_eq!(v["sources"][0]["format"], format, "{at}: {v}");
            let got = times_and_levels(&p);
            assert_eq!(got[0].1.as_str().unwrap_or(""), level, "{at}: {got:?}");
            assert_eq!(got[1..], after(got.len() - 1), "{at}: {got:?}");
        }
    }
}

/// The file cut right after the entry whose message is `message`: its
/// path, and the 1-based line of that message in it.
fn cut_after(dir: &std::path::Path, rel: &str, message: &str) -> (String, usize) {
    let text = std::fs::read_to_string(corpus(rel)).expect("corpus file");
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let at = lines
        .iter()
        .position(|l| l.contains(message))
        .unwrap_or_else(|| panic!("{rel}: no {message}"));
    // The next entry's first line (JSON: the next line).
    let next = (at + 1..lines.len())
        .find(|&i| rel == JSON || lines[i].starts_with("Mon ") || lines[i].starts_with("__CURSOR="))
        .expect("a next entry");
    let name = format!("head-{}", rel.replace('/', "-"));
    let p = write(dir, &name, lines[..next].concat().as_bytes());
    (p.to_str().expect("utf-8 path").to_string(), at + 1)
}

/// The warnings `goroutines` gives of a panic inside `-o verbose` or `-o
/// export` name the file's lines, where the line's message is, as they do in
/// the JSON journal: they counted entries (`line 34` for line 576).
#[test]
fn goroutines_warnings_name_the_file_s_lines() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Cut after goroutine 19's function line: its file:line never came.
    let func = "main.main.func1(0x0)";
    for rel in [JSON, VERBOSE, EXPORT] {
        let (p, line) = cut_after(dir.path(), rel, func);
        let v = casefile_json(&["goroutines", "--json", "--tz", "UTC", &p]);
        assert_eq!(
            v["warnings"],
            serde_json::json!([format!(
                "line {line}: goroutine 19: the text ends after `main.main.func1` without its \
                 file:line (truncated?)"
            )]),
            "{rel}: {v}"
        );
    }
}
