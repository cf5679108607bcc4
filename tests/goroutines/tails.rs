//! A real dump cut in or right after its last goroutine's header at the end
//! of a source longer than the index's 256 KiB sample, where the index reads
//! the source's end for it: in the newest file of a rotated set, and in
//! `journalctl -o verbose` / `-o export` entries. `index` (text and
//! `--json`) and `show` say it cut, naming the line `goroutines` names.

use crate::common::*;
use crate::support::*;

/// Dated log lines, one a tenth of a second, past `bytes`.
pub fn long_log(bytes: usize) -> String {
    let mut log = String::new();
    for i in 0.. {
        if log.len() > bytes {
            break;
        }
        let (secs, tenth) = (i / 10, i % 10);
        log.push_str(&format!(
            "2026-11-20 14:{:02}:{:02}.{tenth}00 INFO request {i} served in 3ms\n",
            secs / 60,
            secs % 60
        ));
    }
    log
}

/// A dump cut at its last goroutine's header: the dump's text up to the
/// cut, and what is said of it.
pub struct Cut {
    /// `in` its header, or right after it (`bare`).
    pub what: &'static str,
    pub text: String,
    /// The header as cut (`goroutine 57 [se`), or the bare one's goroutine.
    shown: String,
}

impl Cut {
    /// What `index` and `show` say, the cut header being line `line`.
    pub fn said(&self, line: u64) -> String {
        match self.what {
            "in" => format!(
                "a Go goroutine dump cut short (line {line} ends in a goroutine's header: `{}`)",
                self.shown
            ),
            _ => format!(
                "a Go goroutine dump cut short (the text ends after goroutine {}'s header, \
                 line {line})",
                self.shown
            ),
        }
    }

    /// What `goroutines` warns of it.
    pub fn parsed(&self, line: u64) -> String {
        match self.what {
            "in" => format!(
                "line {line}: the text ends mid-line, in a goroutine's header `{}` (truncated?)",
                self.shown
            ),
            _ => format!(
                "line {line}: goroutine {} has a header but no frames (truncated?)",
                self.shown
            ),
        }
    }
}

/// `dump` cut inside its last goroutine's header (`goroutine 57 [se`), and
/// right after that header's line.
pub fn last_header_cuts(dump: &str) -> [Cut; 2] {
    let header = dump.trim_end().rfind("\ngoroutine ").expect("a header") + 1;
    let state = header + dump[header..].find('[').expect("its state");
    let header_end = header + dump[header..].find('\n').expect("its line") + 1;
    [
        Cut {
            what: "in",
            text: dump[..state + 3].to_string(),
            shown: dump[header..state + 3].to_string(),
        },
        Cut {
            what: "bare",
            text: dump[..header_end].to_string(),
            shown: dump[header + "goroutine ".len()..state - 1].to_string(),
        },
    ]
}

/// Asserts that `index` (text and `--json`) lists `said` among the
/// source's warnings and that `show` says it on stderr after `name`.
pub fn index_and_show_say(args: &[&str], name: &str, said: &str, what: &str) {
    let v = index_json(args);
    let warnings = &v["sources"][0]["warnings"];
    assert!(
        warnings
            .as_array()
            .expect("warnings")
            .iter()
            .any(|w| w == said),
        "{what}: {said:?} not in {warnings}"
    );
    let mut a = vec!["index", "--tz", "UTC"];
    a.extend_from_slice(args);
    let text = stdout(&casefile(&a));
    assert!(
        text.contains(&format!("\n  warning    {said}\n")),
        "{what}: {said:?} not in {text}"
    );
    let mut a = vec!["show", "--tz", "UTC", "--at", "14:00"];
    a.extend_from_slice(args);
    let shown = stderr(&casefile(&a));
    assert!(
        shown.contains(&format!("casefile: {name}: {said}\n")),
        "{what}: {said:?} not in {shown}"
    );
}

/// The 1-based line `at` (a byte offset) is on.
fn line_of(text: &str, at: usize) -> u64 {
    text[..at].matches('\n').count() as u64 + 1
}

/// A rotated set (`app.log.1`, `app.log`, read with `--rotated`) whose
/// newest file ends in a real dump cut in or right after its last header,
/// the set longer than the sample: the older file a long log and the newest
/// the dump alone, or the newest a long log and then the dump. `index` and
/// `show` name the newest file and its line, the line `goroutines` names
/// reading that file. They said nothing: the index read the end of a
/// one-file source only.
#[test]
fn a_dump_cut_at_the_end_of_a_rotated_set_is_said_cut() {
    let test = "a_dump_cut_at_the_end_of_a_rotated_set_is_said_cut";
    let log = long_log(300 * 1024);
    for go in toolchains(test) {
        let name = &go.name;
        let dir = run_ok(&go.plain(), &["-scenario", "mutex", "-waiters", "50"], name);
        let dump = std::fs::read_to_string(dir.path().join("mutex-debug2.txt")).expect("dump");
        for cut in last_header_cuts(&dump) {
            for (layout, older, newest) in [
                ("alone", log.clone(), cut.text.clone()),
                (
                    "after",
                    log[..200].to_string(),
                    format!("{log}{}", cut.text),
                ),
            ] {
                for (end, tail) in [("unended", ""), ("lf", "\n")] {
                    let what = format!("{name} {} {layout} {end}", cut.what);
                    let d = tempfile::tempdir().expect("tempdir");
                    write(d.path(), "app.log.1", older.as_bytes());
                    let newest = format!("{newest}{tail}");
                    let live = write(d.path(), "app.log", newest.as_bytes());
                    let line = line_of(&newest, newest.trim_end().rfind('\n').expect("a line") + 1);
                    let v = goroutines_json(&[s(&live)]);
                    assert!(
                        v["warnings"]
                            .as_array()
                            .expect("warnings")
                            .iter()
                            .any(|w| *w == cut.parsed(line)),
                        "{what}: {:?} not in {}",
                        cut.parsed(line),
                        v["warnings"]
                    );
                    let said = format!("{}: {}", s(&live), cut.said(line));
                    index_and_show_say(&["--rotated", s(&live)], "app", &said, &what);
                }
            }
        }
    }
}

/// The corpus's journal entry of the panic's `goroutine 21 [running]:`
/// line, as `journalctl -o verbose` or `-o export` wrote it (one entry a
/// line of the program's stderr), its message `{}`.
fn entry_template(verbose: bool) -> String {
    let (rel, sep) = if verbose {
        ("journald/journalctl-verbose.txt", "\nMon ")
    } else {
        ("journald/journalctl.export", "\n\n__CURSOR=")
    };
    let text = std::fs::read_to_string(corpus(rel)).expect("corpus file");
    let message = text
        .find("MESSAGE=goroutine 21 [running]:")
        .expect("the entry");
    let start = text[..message].rfind(sep).expect("its start") + 1;
    let start = if verbose { start } else { start + 1 };
    let end = message + text[message..].find(sep).expect("its end") + 1;
    let end = if verbose { end } else { end + 1 };
    text[start..end].replace("goroutine 21 [running]:", "{}")
}

/// `lines` as journald keeps a program's stderr, one entry a line (blank
/// lines none), written as `template` is.
fn entries<'a>(template: &str, lines: impl Iterator<Item = &'a str>) -> String {
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| template.replace("{}", l))
        .collect()
}

/// A real dump whose program's stderr journald kept, read from
/// `journalctl -o verbose` or `-o export` (its lines' entries, the last one
/// a goroutine's header cut or bare), alone or after a program's log longer
/// than the sample: `index` and `show` say it cut, naming the file's line
/// that entry's MESSAGE is on, as `goroutines` does. They said nothing,
/// even of a journal within the sample: the last line looked at was the
/// entry's last field, and the index's tail was not read for entries.
#[test]
fn a_dump_cut_at_the_end_of_journal_entries_is_said_cut() {
    let test = "a_dump_cut_at_the_end_of_journal_entries_is_said_cut";
    let log = long_log(300 * 1024);
    // The log's lines as entries: a few, or past the sample.
    let short: String = log.lines().take(3).map(|l| format!("{l}\n")).collect();
    for go in toolchains(test) {
        let name = &go.name;
        let dir = run_ok(&go.plain(), &["-scenario", "mutex", "-waiters", "50"], name);
        let dump = std::fs::read_to_string(dir.path().join("mutex-debug2.txt")).expect("dump");
        let d = tempfile::tempdir().expect("tempdir");
        for verbose in [true, false] {
            let template = entry_template(verbose);
            for cut in last_header_cuts(&dump) {
                for (size, before) in [("short", &short), ("long", &log)] {
                    let stem = format!(
                        "{}-{}-{size}",
                        if verbose { "verbose" } else { "export" },
                        cut.what
                    );
                    let what = format!("{name} {stem}");
                    let text = entries(&template, before.lines().chain(cut.text.lines()));
                    let path = write(d.path(), &stem, text.as_bytes());
                    let line = line_of(&text, text.rfind("MESSAGE=").expect("a message"));
                    let v = casefile_json(&["goroutines", "--json", "--tz", "UTC", s(&path)]);
                    assert_eq!(
                        v["warnings"],
                        serde_json::json!([cut.parsed(line)]),
                        "{what}"
                    );
                    index_and_show_say(&[s(&path)], &stem, &cut.said(line), &what);
                }
            }
        }
    }
}

/// A real panic with every goroutine's stack after it (GOTRACEBACK=all,
/// 1500 waiting): what the runtime wrote on stderr. With `page`, its message
/// quotes an upstream's error page of that many bytes, line by line; else
/// it is a nil dereference's.
pub fn panic_dump(go: &Go, page: &str) -> String {
    let out = output_via_files(
        std::process::Command::new(go.plain())
            .args(["-scenario", "panicmany", "-waiters", "1500", "-page", page])
            .env("GOTRACEBACK", "all"),
    );
    assert_eq!(out.status.code(), Some(2), "{}", go.name);
    String::from_utf8(out.stderr).expect("UTF-8")
}

/// A real panic dump after a log, cut in or right after its first
/// goroutine's header or its last (1500 goroutines, 300 KiB, after the
/// panic), its panic's text short or longer than the sample (a quoted error
/// page): said cut short as `goroutines` reads it, a panic read and then a
/// goroutine's header cut, whether the panic starts in the index's tail or
/// before it. Before, a panic whose text began before the tail was read as
/// no panic (`a Go goroutine dump cut short before its first goroutine was
/// complete`), and a short one cut inside its first header was said
/// nothing of.
#[test]
fn a_panic_before_the_tail_is_read_with_its_cut_header() {
    let test = "a_panic_before_the_tail_is_read_with_its_cut_header";
    let long = long_log(300 * 1024);
    let short = long_log(100);
    for go in toolchains(test) {
        let name = &go.name;
        let d = tempfile::tempdir().expect("tempdir");
        for (page, logs) in [("300000", vec![&long]), ("0", vec![&short, &long])] {
            let dump = panic_dump(&go, page);
            let first = dump
                .find("\ngoroutine 1 [running]:\n")
                .expect("goroutine 1")
                + 1;
            let first = &dump[..first + dump[first..].find('\n').expect("its line") + 1];
            for (at, dump) in [("first", first), ("last", &dump[..])] {
                for cut in last_header_cuts(dump) {
                    for log in &logs {
                        let stem = format!("{page}-{at}-{}-{}", cut.what, log.len());
                        let what = format!("{name} {stem}");
                        let text = format!("{log}{}", cut.text);
                        let path = write(d.path(), &stem, text.as_bytes());
                        let line =
                            line_of(&text, text.rfind("\ngoroutine ").expect("a header") + 1);
                        let v = goroutines_json(&[s(&path)]);
                        assert!(
                            v["panic"]["message"]
                                .as_str()
                                .is_some_and(|m| !m.is_empty()),
                            "{what}: {}",
                            v["panic"]
                        );
                        assert_eq!(
                            v["warnings"],
                            serde_json::json!([cut.parsed(line)]),
                            "{what}"
                        );
                        index_and_show_say(&[s(&path)], &stem, &cut.said(line), &what);
                    }
                }
            }
        }
    }
}
