//! Go dumps cut short in their first goroutine (inside its header, right
//! after it, or in its first function line): every command says so alike,
//! and a log line that only mentions a goroutine is no dump.

mod common;

use common::*;

/// Asserts that `goroutines` (text and `--json`) fails with only `said`
/// after the source's `name`, and that `index` lists it as the source's one
/// warning; returns what `show` printed on stderr, which starts with it.
fn said_cut_by_every_command(path: &str, name: &str, said: &str) -> String {
    for json in [false, true] {
        let mut args = vec!["goroutines"];
        if json {
            args.push("--json");
        }
        args.push(path);
        let (out, err) = casefile_exits(1, &args);
        assert_eq!(
            (out, err),
            (String::new(), format!("casefile: {name}: {said}\n")),
            "{args:?}"
        );
    }
    let v = index_json(&[path]);
    assert_eq!(
        v["sources"][0]["warnings"],
        serde_json::json!([said]),
        "{name}: {v}"
    );
    let shown = stderr(&casefile(&["show", "--at", "14:00", path]));
    assert!(
        shown.starts_with(&format!("casefile: {name}: {said}\n")),
        "{name}: {shown}"
    );
    shown
}

/// A dump cut inside its first goroutine's header (`goroutine 1 [runn`, the
/// file's end) is said as what it is, once, alike by `goroutines`, `index`
/// and `show`: `goroutines` said it was cut and then that the file held no
/// dump; `index` and `show` called it a log without timestamps (try --format).
/// `said_cut_by_every_command` of `text`, written as `name.txt` in `dir`,
/// whose line `line` is a first goroutine's header cut after `quoted`.
fn said_cut_in_header(dir: &std::path::Path, name: &str, text: &str, line: usize, quoted: &str) {
    let cut = write(dir, &format!("{name}.txt"), text.as_bytes());
    let cut = cut.to_str().expect("utf-8 path");
    let said = format!(
        "a Go goroutine dump cut short before its first goroutine was complete \
         (line {line} ends in its header: `{quoted}`)"
    );
    said_cut_by_every_command(cut, name, &said);
}

#[test]
fn a_dump_cut_in_its_first_goroutine_header_is_said_as_such_by_every_command() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cut = write(dir.path(), "cut.txt", b"goroutine 1 [runn");
    let cut = cut.to_str().expect("utf-8 path");
    let said = "a Go goroutine dump cut short before its first goroutine was complete \
                (line 1 ends in its header: `goroutine 1 [runn`)";
    let shown = said_cut_by_every_command(cut, "cut", said);
    assert_eq!(shown, format!("casefile: cut: {said}\n"));
    let o = casefile(&["index", cut]);
    assert!(
        stdout(&o).contains(&format!("\n  warning    {said}\n")),
        "{}",
        stdout(&o)
    );
}

/// A dump that ends right after its first goroutine's header line (a file
/// of only `goroutine 1 [running]:` and its newline) is cut as the one cut
/// inside that header is, and says so alike: it was listed as a group of one
/// goroutine without a frame.
#[test]
fn a_dump_that_ends_after_its_first_goroutine_header_is_said_cut() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, text) in [
        ("cut.txt", &b"goroutine 1 [running]:\n"[..]),
        (
            "cut2.txt",
            &b"goroutine 7 [chan receive, 3 minutes]:\n\n"[..],
        ),
    ] {
        let cut = write(dir.path(), name, text);
        let cut = cut.to_str().expect("utf-8 path");
        let id = if name == "cut.txt" { 1 } else { 7 };
        let said = format!(
            "a Go goroutine dump cut short before its first goroutine was complete \
             (the text ends after goroutine {id}'s header, line 1)"
        );
        let stem = name.trim_end_matches(".txt");
        said_cut_by_every_command(cut, stem, &said);
    }
}

/// A goroutine whose stack was cut off (a first function line cut
/// mid-line) is no standard library idle goroutine: it was folded away as
/// one (`1 of the standard library's idle goroutines … folded`), leaving the
/// text of a cut dump with no group at all. (A header and no frame, alone,
/// is a dump cut after that header:
/// `a_dump_that_ends_after_its_first_goroutine_header_is_said_cut`.)
#[test]
fn a_goroutine_cut_before_its_first_frame_is_not_folded_as_idle() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, text) in [
        ("frame.txt", &b"goroutine 1 [running]:\nmain.ma"[..]),
        // After another goroutine: a group of its own, not folded.
        (
            "second.txt",
            &b"goroutine 2 [chan receive]:\nmain.f()\n\t/src/main.go:9 +0x1\n\ngoroutine 1 [running]:\n"[..],
        ),
    ] {
        let p = write(dir.path(), name, text);
        let p = p.to_str().expect("utf-8 path");
        let v = casefile_json(&["goroutines", "--json", p]);
        assert_eq!(v["folded"]["groups"], 0, "{name}: {v}");
        let groups = v["groups"].as_array().expect("groups");
        assert!(groups.iter().all(|g| g["idle"] == false), "{name}: {v}");
        let (out, _) = casefile_exits(0, &["goroutines", p]);
        assert!(out.contains(" 1 goroutine [running]\n"), "{name}: {out}");
        assert!(!out.contains("folded"), "{name}: {out}");
    }
}

/// A dump cut in its first function line (`goroutine 1 [running]:` then
/// `main.ma`, the file's end) is read as the dump `goroutines` reads in it:
/// `index` called it a log without timestamps, the cut line counting against
/// the dump's shape.
#[test]
fn index_reads_a_dump_cut_in_a_function_line_as_a_dump() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = write(dir.path(), "cut.txt", b"goroutine 1 [running]:\nmain.ma");
    let v = index_json(&[p.to_str().expect("utf-8 path")]);
    assert_eq!(v["sources"][0]["format"], "go-dump", "{v}");
    assert_eq!(v["sources"][0]["records"], 1, "{v}");
}

/// A dump cut inside its first goroutine's header and then ended by a newline
/// (`goroutine 1 [runn`, `goroutine 1 [running]` without its colon) is cut as
/// the one without the newline is, alike in `goroutines`, `index` and `show`,
/// whether it is the file's only line or follows nothing but a dump's own
/// preamble (`SIGQUIT: quit` and its registers, `goroutine profile:`): they
/// said the file held no dump (or listed 0 goroutines). A log line that only
/// mentions a goroutine in prose is not taken for a dump's header, with or
/// without its newline.
#[test]
fn a_dump_cut_in_its_first_goroutine_header_then_a_newline_is_said_cut() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, text, line, quoted) in [
        ("runn", "goroutine 1 [runn\n", 1, "goroutine 1 [runn"),
        (
            "nocolon",
            "goroutine 1 [running]\n",
            1,
            "goroutine 1 [running]",
        ),
        (
            "sigquit",
            "SIGQUIT: quit\nPC=0x46ab21 m=0 sigcode=0\n\ngoroutine 1 [runn\n",
            4,
            "goroutine 1 [runn",
        ),
        (
            "profile",
            "goroutine profile: total 1\ngoroutine 1 [running]\n",
            2,
            "goroutine 1 [running]",
        ),
    ] {
        said_cut_in_header(dir.path(), name, text, line, quoted);
    }
    let no_dump = "no Go goroutine dump or panic in it";
    for (name, text) in [
        ("prose", "goroutine 1 [running] is busy\n"),
        ("prose_cut", "pool drained\ngoroutine 1 [running] is busy"),
        ("prose_alone_cut", "goroutine 1 [running] is busy"),
        (
            "log",
            "2026-11-20 14:00:00 INFO started\n2026-11-20 14:00:01 INFO goroutine 1 [running] is busy\n",
        ),
    ] {
        let f = write(dir.path(), &format!("{name}.txt"), text.as_bytes());
        let f = f.to_str().expect("utf-8 path");
        let (out, err) = casefile_exits(1, &["goroutines", f]);
        assert!(
            out.is_empty() && err.contains(no_dump),
            "{name}: {out}{err}"
        );
        let v = index_json(&[f]);
        assert!(
            !v["sources"][0]["warnings"]
                .to_string()
                .contains("cut short"),
            "{name}: {v}"
        );
    }
}

/// A dump cut inside its first goroutine's header and then followed by blank
/// lines (`\n\n`, `\r\n\r\n`, spaces, a tab) is cut as the one followed by a
/// single newline is, alike by every command: they said the file held no dump
/// (or listed 0 goroutines after a dump's preamble). Text after the blank
/// lines is no longer a cut header's file.
#[test]
fn a_dump_cut_in_its_first_goroutine_header_then_blank_lines_is_said_cut() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, text, line, quoted) in [
        ("lf", "goroutine 1 [runn\n\n", 1, "goroutine 1 [runn"),
        ("crlf", "goroutine 1 [runn\r\n\r\n", 1, "goroutine 1 [runn"),
        (
            "spaces",
            "goroutine 1 [runn\n  \n\n",
            1,
            "goroutine 1 [runn",
        ),
        (
            "unended",
            "goroutine 1 [runn \n\t\n  ",
            1,
            "goroutine 1 [runn",
        ),
        (
            "sigquit",
            "SIGQUIT: quit\nPC=0x46ab21 m=0 sigcode=0\n\ngoroutine 1 [runn\n\n\n",
            4,
            "goroutine 1 [runn",
        ),
        (
            "profile",
            "goroutine profile: total 1\ngoroutine 1 [running]\n\n",
            2,
            "goroutine 1 [running]",
        ),
    ] {
        said_cut_in_header(dir.path(), name, text, line, quoted);
    }
    let f = write(
        dir.path(),
        "more.txt",
        b"goroutine 1 [runn\n\npool drained\n",
    );
    let f = f.to_str().expect("utf-8 path");
    let (out, err) = casefile_exits(1, &["goroutines", f]);
    assert!(
        out.is_empty() && err.contains("no Go goroutine dump or panic in it"),
        "{out}{err}"
    );
}

/// Dated log lines, then a dump cut inside its first goroutine's header
/// without a newline: `goroutines` said it was cut, but `index` (and `show`)
/// listed no such warning, as the log's dated lines kept the index from
/// saying it; an undated line before it was said alike.
#[test]
fn a_dump_cut_in_its_first_goroutine_header_after_log_lines_is_said_cut() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, text, line) in [
        (
            "dated",
            "2026-11-20 14:00:00 INFO started\ngoroutine 1 [runn",
            2,
        ),
        (
            "two",
            "2026-11-20 14:00:00 INFO started\n2026-11-20 14:00:01 INFO more\ngoroutine 1 [runn",
            3,
        ),
        (
            "zulu",
            "2026-11-20T14:00:00Z INFO started\ngoroutine 1 [runn",
            2,
        ),
        (
            "json",
            "{\"time\":\"2026-11-20T14:00:00Z\",\"level\":\"info\",\"msg\":\"x\"}\ngoroutine 1 [runn",
            2,
        ),
        ("undated", "pool drained\ngoroutine 1 [runn", 2),
    ] {
        said_cut_in_header(dir.path(), name, text, line, "goroutine 1 [runn");
    }
}

/// Two complete goroutines of a dump, as the runtime ends them (7 lines).
const TWO: &str = "goroutine 7 [chan receive, 3 minutes]:\nmain.worker(0xc000010000)\n\t/src/main.go:19 +0x45\ncreated by main.main\n\t/src/main.go:30 +0x99\n\ngoroutine 8 [select]:\nmain.loop()\n\t/src/main.go:40 +0x21\ncreated by main.main\n\t/src/main.go:31 +0x99\n\n";

/// What the ends of a text may be after its last line: none, a newline,
/// blank lines (CRLF, spaces, a tab).
const ENDS: [(&str, &str); 5] = [
    ("unended", ""),
    ("lf", "\n"),
    ("lflf", "\n\n"),
    ("crlf", "\r\n\r\n"),
    ("spaces", "\n  \n\t\n  "),
];

/// Asserts that `goroutines --json` on `path` lists `total` goroutines and
/// warns `parsed`, and that `index` (reading it as `format`) and `show`'s
/// stderr say `said` of the source `name`.
fn said_cut_at_end(path: &str, (name, format): (&str, &str), total: u64, parsed: &str, said: &str) {
    let v = casefile_json(&["goroutines", "--json", path]);
    assert_eq!(v["total"], total, "{name}: {v}");
    assert_eq!(v["warnings"], serde_json::json!([parsed]), "{name}: {v}");
    let v = index_json(&[path]);
    let source = &v["sources"][0];
    assert_eq!(source["format"], format, "{name}: {v}");
    assert!(
        source["warnings"]
            .as_array()
            .expect("warnings")
            .iter()
            .any(|w| w == said),
        "{name}: {said:?} not in {v}"
    );
    let shown = stderr(&casefile(&["show", "--at", "14:00", path]));
    assert!(
        shown.contains(&format!("casefile: {name}: {said}\n")),
        "{name}: {shown}"
    );
}

/// A dump cut inside a goroutine's header after complete goroutines
/// (`goroutine 9 [runn`) is said cut alike by `goroutines`, `index` and
/// `show`, whatever newline or blank lines follow the cut header: with a
/// newline, `index` read a dump of one goroutine as `plain` text, and neither
/// `goroutines` nor `index` said the dump was cut.
#[test]
fn a_dump_cut_in_a_later_goroutine_header_is_said_cut_whatever_follows() {
    let dir = tempfile::tempdir().expect("tempdir");
    let one = TWO.split_at(TWO.find("goroutine 8").expect("second")).0;
    for (dump, total, line) in [(one, 1, 7), (TWO, 2, 13)] {
        for (end, tail) in ENDS {
            let name = format!("{end}{total}");
            let text = format!("{dump}goroutine 9 [runn{tail}");
            let p = write(dir.path(), &format!("{name}.txt"), text.as_bytes());
            let parsed = format!(
                "line {line}: the text ends mid-line, in a goroutine's header \
                 `goroutine 9 [runn` (truncated?)"
            );
            let said = format!(
                "a Go goroutine dump cut short (line {line} ends in a goroutine's header: \
                 `goroutine 9 [runn`)"
            );
            let p = p.to_str().expect("utf-8");
            said_cut_at_end(p, (&name, "go-dump"), total, &parsed, &said);
        }
    }
}

/// A log's dated line, then a dump cut inside its first goroutine's header
/// and a newline (or blank lines): said cut as the one without a newline is
/// (`a_dump_cut_in_its_first_goroutine_header_after_log_lines_is_said_cut`);
/// `goroutines` said no dump was in it.
#[test]
fn a_dump_cut_in_its_first_header_after_a_log_line_then_a_newline_is_said_cut() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (end, tail) in ENDS {
        let text = format!("2026-11-20 14:00:00 INFO started\ngoroutine 1 [runn{tail}");
        said_cut_in_header(dir.path(), end, &text, 2, "goroutine 1 [runn");
    }
}

/// A goroutine's header with no frame under it, the text's last line (with
/// its newline or not, blank lines after it), after a log's dated line or
/// after complete goroutines: `goroutines` lists that goroutine and says it
/// has no frames, and `index` (so `show`'s stderr) said nothing of it.
#[test]
fn a_last_goroutine_header_without_frames_is_said_by_every_command() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = "2026-11-20 14:00:00 INFO started\n";
    for (before, format, total, line) in [(log, "iso8601", 1, 2), (TWO, "go-dump", 3, 13)] {
        for (end, tail) in ENDS {
            let name = format!("{end}{total}");
            let text = format!("{before}goroutine 9 [running]:{tail}");
            let p = write(dir.path(), &format!("{name}.txt"), text.as_bytes());
            let parsed =
                format!("line {line}: goroutine 9 has a header but no frames (truncated?)");
            let said = format!(
                "a Go goroutine dump cut short (the text ends after goroutine 9's header, \
                 line {line})"
            );
            let p = p.to_str().expect("utf-8");
            said_cut_at_end(p, (&name, format), total, &parsed, &said);
        }
    }
}

/// A goroutine's header right after a frame's file:line, with no blank line
/// between (journald and some copies drop them), cut inside it or with no
/// frame under it, is the dump's end cut short as after a blank line.
#[test]
fn a_last_header_right_after_a_frame_is_said_cut() {
    let dir = tempfile::tempdir().expect("tempdir");
    let frames = TWO.trim_end();
    for (end, tail) in ENDS {
        for (what, header) in [
            ("in", "goroutine 9 [runn"),
            ("bare", "goroutine 9 [running]:"),
        ] {
            let name = format!("{what}-{end}");
            let text = format!("{frames}\n{header}{tail}");
            let p = write(dir.path(), &format!("{name}.txt"), text.as_bytes());
            let (parsed, said) = if what == "in" {
                (
                    "line 12: the text ends mid-line, in a goroutine's header \
                     `goroutine 9 [runn` (truncated?)"
                        .to_string(),
                    "a Go goroutine dump cut short (line 12 ends in a goroutine's header: \
                     `goroutine 9 [runn`)"
                        .to_string(),
                )
            } else {
                (
                    "line 12: goroutine 9 has a header but no frames (truncated?)".to_string(),
                    "a Go goroutine dump cut short (the text ends after goroutine 9's header, \
                     line 12)"
                        .to_string(),
                )
            };
            let total = if what == "in" { 2 } else { 3 };
            let p = p.to_str().expect("utf-8");
            said_cut_at_end(p, (&name, "go-dump"), total, &parsed, &said);
        }
    }
}

/// A goroutine's header with spaces after it (a copy from a terminal) after
/// a log's dated line, the text's last line: a header still, read as the
/// one without them is.
#[test]
fn a_last_header_with_trailing_spaces_after_a_log_line_is_said_cut() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = "2026-11-20 14:00:00 INFO started\n";
    for (end, tail) in ENDS {
        let name = format!("spaced-{end}");
        let text = format!("{log}goroutine 9 [running]:   {tail}");
        let p = write(dir.path(), &format!("{name}.txt"), text.as_bytes());
        let parsed = "line 2: goroutine 9 has a header but no frames (truncated?)";
        let said =
            "a Go goroutine dump cut short (the text ends after goroutine 9's header, line 2)";
        let p = p.to_str().expect("utf-8");
        said_cut_at_end(p, (&name, "iso8601"), 1, parsed, said);
    }
}

/// A file that starts with a UTF-8 byte-order mark, then a dump cut inside
/// its first goroutine's header, alone or after a log's dated line: said cut
/// as the file without the mark is, the line counted alike.
#[test]
fn a_dump_cut_in_its_first_header_after_a_byte_order_mark_is_said_cut() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, text, line) in [
        ("alone", "\u{feff}goroutine 1 [runn", 1),
        (
            "dated",
            "\u{feff}2026-11-20 14:00:00 INFO started\ngoroutine 1 [runn",
            2,
        ),
    ] {
        said_cut_in_header(dir.path(), name, text, line, "goroutine 1 [runn");
    }
}

/// journald's own lines (`journalctl -o short`, `-o short-iso`) of a Go
/// panic, cut inside its second goroutine's header or right after it: the
/// index reads the last line's message as `goroutines` does, and says the
/// dump cut as of a dump's own lines. It said nothing: the last line looked
/// at was the journal's line, prefix and all.
#[test]
fn a_dump_cut_at_the_end_of_journal_lines_is_said_cut() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (rel, format) in [
        ("journald/journalctl-short.txt", "syslog-rfc3164"),
        ("journald/journalctl-short-iso.txt", "journal-short-iso"),
    ] {
        let text = std::fs::read_to_string(corpus(rel)).expect("corpus file");
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        let at = lines
            .iter()
            .position(|l| l.contains("goroutine 1 [semacquire]:"))
            .expect("goroutine 1");
        let before = lines[..at].concat();
        let header = lines[at].trim_end();
        let stem = rel.trim_start_matches("journald/").trim_end_matches(".txt");
        let line = at + 1;
        let cut_in = format!("{before}{}", header.trim_end_matches("acquire]:"));
        let in_said = (
            format!(
                "line {line}: the text ends mid-line, in a goroutine's header \
                 `goroutine 1 [sem` (truncated?)"
            ),
            format!(
                "a Go goroutine dump cut short (line {line} ends in a goroutine's header: \
                 `goroutine 1 [sem`)"
            ),
        );
        let bare_said = (
            format!("line {line}: goroutine 1 has a header but no frames (truncated?)"),
            format!(
                "a Go goroutine dump cut short (the text ends after goroutine 1's header, \
                 line {line})"
            ),
        );
        for (what, text, total, (parsed, said)) in [
            ("in", cut_in, 1, in_said),
            ("bare", format!("{before}{header}\n"), 2, bare_said),
        ] {
            let name = format!("{stem}-{what}");
            let p = write(dir.path(), &format!("{name}.txt"), text.as_bytes());
            let p = p.to_str().expect("utf-8");
            said_cut_at_end(p, (&name, format), total, &parsed, &said);
        }
    }
}
