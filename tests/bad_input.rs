//! Bad input never stops the other sources and always gets a message that
//! names the source and the cause.

mod common;
use std::io::Write;
use std::process::Command;

use common::*;

const GOOD: &[u8] = b"2022-03-24 17:00:00 INFO started\n2022-03-24 17:00:01 ERROR failed\n";

/// Indexes `bad` next to a good source; returns (json, stderr, exit code).
fn with_good(bad: &str, dir: &std::path::Path) -> (serde_json::Value, String, i32) {
    let good = write(dir, "good.log", GOOD);
    let o = casefile(&[
        "index",
        "--json",
        "--tz",
        "UTC",
        bad,
        good.to_str().expect("utf8 path"),
    ]);
    let v = serde_json::from_slice(&o.stdout).expect("json even when a source fails");
    (v, stderr(&o), o.status.code().unwrap_or(-1))
}

fn good_loaded(v: &serde_json::Value) -> bool {
    v["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .any(|s| s["name"] == "good" && s["records"] == 2)
}

#[test]
fn missing_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("nope.log");
    let (v, err, code) = with_good(missing.to_str().expect("path"), dir.path());
    assert!(good_loaded(&v));
    assert!(
        err.contains("nope.log") && err.contains("no such file"),
        "{err}"
    );
    assert_eq!(v["errors"][0]["name"], "nope");
    assert_eq!(code, 1);
}

#[test]
fn permission_denied() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755))
        .expect("chmod dir");
    let secret = write(dir.path(), "secret.log", GOOD);
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let good = write(dir.path(), "good.log", GOOD);
    let args = [
        "index",
        "--json",
        "--tz",
        "UTC",
        secret.to_str().expect("path"),
        good.to_str().expect("path"),
    ];
    // Root reads anything: run casefile as nobody then, where setpriv exists.
    let o = if std::fs::read(&secret).is_ok() {
        let as_nobody = Command::new("setpriv")
            .args(["--reuid=nobody", "--regid=nogroup", "--clear-groups", bin()])
            .args(args)
            .env("TZ", "UTC")
            .output();
        match as_nobody {
            Ok(o) if !stderr(&o).contains("setpriv:") => o,
            _ => {
                skip(
                    "permission_denied",
                    "running as root without setpriv: file permissions do not apply",
                );
                return;
            }
        }
    } else {
        casefile(&args)
    };
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert!(good_loaded(&v), "{v}");
    let err = stderr(&o);
    assert!(
        err.contains("secret.log") && err.contains("permission denied"),
        "{err}"
    );
}

#[test]
fn directory_without_logs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = dir.path().join("empty-dir");
    std::fs::create_dir(&empty).expect("mkdir");
    let (v, err, _) = with_good(empty.to_str().expect("path"), dir.path());
    assert!(good_loaded(&v));
    assert!(
        err.contains("empty-dir") && err.contains("no log files"),
        "{err}"
    );
}

#[test]
fn empty_file_loads_with_a_warning() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = write(dir.path(), "empty.log", b"");
    let (v, _, _) = with_good(p.to_str().expect("path"), dir.path());
    let s = &v["sources"][0];
    assert_eq!(s["records"], 0);
    assert!(
        s["warnings"][0]
            .as_str()
            .expect("warning")
            .contains("empty"),
        "{s}"
    );
    assert!(good_loaded(&v));
}

#[test]
fn binary_file_is_refused_by_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = write(
        dir.path(),
        "core.bin",
        &[0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0],
    );
    let (v, err, _) = with_good(p.to_str().expect("path"), dir.path());
    assert!(good_loaded(&v));
    assert!(
        err.contains("core.bin") && err.contains("binary data"),
        "{err}"
    );
}

#[test]
fn invalid_utf8_is_shown_with_replacement_characters() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = write(
        dir.path(),
        "latin1.log",
        b"2022-03-24 17:00:00 INFO caf\xe9 cr\xe8me\n",
    );
    let (v, _, _) = with_good(p.to_str().expect("path"), dir.path());
    assert_eq!(v["sources"][0]["records"], 1);
    assert!(
        v["sources"][0]["warnings"]
            .to_string()
            .contains("invalid UTF-8")
    );
    let o = casefile(&[
        "show",
        "--display-tz",
        "UTC",
        "--tz",
        "UTC",
        "--at",
        "2022-03-24 17:00:00",
        p.to_str().expect("path"),
    ]);
    assert!(
        stdout(&o).contains("caf\u{fffd} cr\u{fffd}me"),
        "{}",
        stdout(&o)
    );
}

/// A log whose middle record is one line of 50 MiB (`WARN ` then `x`s).
fn a_50_mb_line_log(dir: &std::path::Path) -> std::path::PathBuf {
    let p = dir.join("huge.log");
    let mut f = std::fs::File::create(&p).expect("create");
    f.write_all(b"2022-03-24 17:00:00 INFO before\n2022-03-24 17:00:01 WARN ")
        .expect("write");
    f.write_all(&vec![b'x'; 50 << 20]).expect("write");
    f.write_all(b"\n2022-03-24 17:00:02 INFO after\n")
        .expect("write");
    p
}

#[test]
fn a_50_mb_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = a_50_mb_line_log(dir.path());
    let (v, _, code) = with_good(p.to_str().expect("path"), dir.path());
    let s = &v["sources"][0];
    assert_eq!(
        (s["records"].as_u64(), s["lines"].as_u64(), code),
        (Some(3), Some(3), 0)
    );
    assert!(
        s["warnings"].to_string().contains("a line of 50 MiB"),
        "{s}"
    );
}

/// `patterns` prints a template of 50 MiB (a one-line record) cut after 2,000
/// characters, saying how many bytes it left out, in the text and in `--json`
/// (a summary, not the record: `merge --json --patterns` has it whole).
#[test]
fn patterns_cuts_a_50_mb_template() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = a_50_mb_line_log(dir.path());
    let path = p.to_str().expect("path");
    let o = casefile(&["patterns", "--json", "--tz", "UTC", path]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(o.stdout.len() < 100_000, "{} bytes of JSON", o.stdout.len());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let huge = v["patterns"]
        .as_array()
        .expect("patterns")
        .iter()
        .find_map(|t| t["template"].as_str().filter(|t| t.starts_with('x')))
        .unwrap_or_else(|| panic!("no template of x: {v}"));
    assert_eq!(
        huge,
        format!("{}… (+52,426,800 bytes)", "x".repeat(2000)),
        "--json cuts the template as the text does"
    );

    let o = casefile(&["patterns", "--tz", "UTC", path]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert_a_line_ends_cut(
        &text,
        &format!("  {}… (+52,426,800 bytes)", "x".repeat(2000)),
    );
    assert!(
        text.contains("  before\n") && text.contains("  after\n"),
        "{}",
        &text[..text.len().min(600)]
    );
}

/// Two sources around silences, each with a one-line record of 50 MiB: the
/// silent one's last record before each silence (`WARN x…`), and the other's
/// error logged a second after the first silence began.
fn silences_around_50_mb_lines(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let huge = |f: &mut std::fs::File, at: &str, level: &str| {
        write!(f, "2022-03-24 {at} {level} ").expect("write");
        f.write_all(&vec![b'x'; 50 << 20]).expect("write");
        f.write_all(b"\n").expect("write");
    };
    let silent = dir.join("silent.log");
    let mut f = std::fs::File::create(&silent).expect("create");
    for minute in [0, 2, 4] {
        for s in 0..20 {
            writeln!(f, "2022-03-24 17:{minute:02}:{s:02} INFO tick {s}").expect("write");
        }
        if minute < 4 {
            huge(&mut f, &format!("17:{minute:02}:20"), "WARN");
        }
    }
    let other = dir.join("other.log");
    let mut f = std::fs::File::create(&other).expect("create");
    for s in 0..300 {
        if s == 21 {
            huge(&mut f, "17:00:21", "ERROR");
        }
        writeln!(f, "2022-03-24 17:{:02}:{:02} INFO beat {s}", s / 60, s % 60).expect("write");
    }
    (silent, other)
}

/// `silences --json` quotes records, and templates as precursors, inside a
/// summary: a line of 50 MiB is cut after 2,000 characters with how many
/// bytes were left out, as the text does, and the line number of each quoted
/// record (`before`, `after`, `nearby`) says where to read it whole. It put
/// 50 MiB into the JSON per quote.
#[test]
fn silences_json_cuts_50_mb_records_and_keeps_their_lines() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (silent, other) = silences_around_50_mb_lines(dir.path());
    let (silent, other) = (
        silent.to_str().expect("path"),
        other.to_str().expect("path"),
    );
    let o = casefile(&["silences", "--json", "--tz", "UTC", silent, other]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(o.stdout.len() < 200_000, "{} bytes of JSON", o.stdout.len());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    // Each as written, its stamp and level then 50 MiB of x.
    let cut = |head: &str, left: &str| {
        format!("{head}{}… (+{left} bytes)", "x".repeat(2000 - head.len()))
    };
    let first = v["silences"]
        .as_array()
        .expect("silences")
        .iter()
        .find(|s| s["source"] == "silent" && s["start"] == "2022-03-24T17:00:20Z")
        .unwrap_or_else(|| panic!("no silence of silent at 17:00:20: {v}"));
    let before = &first["before"];
    assert_eq!(before["line"], 21, "{before}");
    let text = before["text"].as_str().expect("text");
    assert_eq!(text, cut("2022-03-24 17:00:20 WARN ", "52,426,825"));
    assert_eq!(first["after"]["line"], 22, "{}", first["after"]);
    let near = first["nearby"]
        .as_array()
        .expect("nearby")
        .iter()
        .find(|n| n["level"] == "error")
        .unwrap_or_else(|| panic!("no error nearby: {first}"));
    assert_eq!(near["line"], 22, "{near}");
    let text = near["text"].as_str().expect("text");
    assert_eq!(text, cut("2022-03-24 17:00:21 ERROR ", "52,426,826"));
    let pre = v["precursors"]
        .as_array()
        .expect("precursors")
        .iter()
        .find_map(|p| p["template"].as_str().filter(|t| t.contains("xxx")))
        .unwrap_or_else(|| panic!("no precursor of x: {}", v["precursors"]));
    assert!(
        pre.len() < 2100 && pre.ends_with(" bytes)"),
        "{}",
        &pre[..pre.len().min(300)]
    );
}

/// The incident report quotes a noted record of 50 MiB cut after 2,000
/// characters, saying how many bytes it left out, as `patterns` does.
#[test]
fn the_report_quotes_a_50_mb_record_cut() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = a_50_mb_line_log(dir.path());
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
    let at = ["--at", "2022-03-24 17:00:01", "--source", "huge"];
    run(&[
        &["note", "add", "--case", case, "--tz", "UTC"][..],
        &at,
        &["the huge line"],
    ]
    .concat());
    let md = run(&["report", "--case", case]);
    assert_a_line_ends_cut(&md, &format!("{}… (+52,426,825 bytes)", "x".repeat(1975)));
}

/// `show` prints a record as its pane would: a line of 50 MiB cut after 2,000
/// characters, saying how many bytes it left out (`merge` prints it whole).
#[test]
fn show_cuts_a_50_mb_record() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = a_50_mb_line_log(dir.path());
    let path = p.to_str().expect("path");
    let o = casefile(&["show", "--tz", "UTC", "--at", "2022-03-24 17:00:01", path]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert_a_line_ends_cut(&text, &format!("{}… (+52,426,825 bytes)", "x".repeat(1975)));
    assert!(text.contains("before") && text.contains("after"), "{text}");

    let o = casefile(&["merge", "--tz", "UTC", path]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains(&"x".repeat(50 << 20)),
        "merge keeps the record whole"
    );
}

/// The first line of `text` holding `xxx` ends with `shown` (a cut huge
/// line) and is not much longer.
fn assert_a_line_ends_cut(text: &str, shown: &str) {
    let line = text
        .lines()
        .find(|l| l.contains("xxx"))
        .unwrap_or_else(|| panic!("no line of x in {} bytes", text.len()));
    assert!(
        line.ends_with(shown) && line.len() < shown.len() + 100,
        "a line of {} bytes: {}…",
        line.len(),
        &line[..line.len().min(200)]
    );
}

/// 50,000 log lines gzipped and cut in half, as `dir/cut.log.gz`.
fn half_a_gzip(dir: &std::path::Path) -> std::path::PathBuf {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    for i in 0..50_000 {
        writeln!(
            enc,
            "2022-03-24 17:{:02}:{:02} INFO line {i}",
            i / 60 % 60,
            i % 60
        )
        .expect("write");
    }
    let gz = enc.finish().expect("gzip");
    write(dir, "cut.log.gz", &gz[..gz.len() / 2])
}

#[test]
fn gzip_cut_short_keeps_what_decoded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = half_a_gzip(dir.path());
    let (v, _, _) = with_good(p.to_str().expect("path"), dir.path());
    let s = &v["sources"][0];
    assert!(s["records"].as_u64().expect("n") > 1000, "{s}");
    assert!(s["warnings"].to_string().contains("cut short"), "{s}");
    assert!(good_loaded(&v));
}

#[test]
fn failing_and_silent_commands() {
    let o = casefile(&[
        "index",
        "--json",
        "--tz",
        "UTC",
        "-c",
        "failing=echo oops >&2; exit 3",
        "-c",
        "silent=true",
        "-c",
        "ok=printf '2022-03-24 17:00:00 INFO hi\\n'",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let err = stderr(&o);
    assert!(
        err.contains("failing") && err.contains("exited with status 3") && err.contains("oops"),
        "{err}"
    );
    let sources = v["sources"].as_array().expect("sources");
    let silent = sources
        .iter()
        .find(|s| s["name"] == "silent")
        .expect("silent source");
    assert!(
        silent["warnings"].to_string().contains("printed nothing"),
        "{silent}"
    );
    let ok = sources
        .iter()
        .find(|s| s["name"] == "ok")
        .expect("ok source");
    assert_eq!(ok["records"], 1);
}

#[test]
fn escape_sequences_never_reach_the_terminal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = write(
        dir.path(),
        "evil.log",
        // `tput sgr0` writes `ESC ( B`; a DCS (XTGETTCAP) carries a payload.
        b"2022-03-24 17:00:00 INFO \x1b[2J\x1b]0;pwned\x07\x1b(Bclear\x1b[31m red \x1bP+q544e\x1b\\\x9b\x08\n",
    );
    let path = p.to_str().expect("path");
    for cmd in [vec!["show", "--at", "17:00"], vec!["merge"]] {
        let mut args = cmd.clone();
        args.extend(["--tz", "UTC", "--display-tz", "UTC", path]);
        let out = casefile(&args).stdout;
        assert!(
            !out.contains(&0x1b) && !out.contains(&0x07) && !out.contains(&0x08),
            "{cmd:?} printed control bytes"
        );
        assert!(
            String::from_utf8_lossy(&out).contains(" clear red "),
            "{cmd:?}: {}",
            String::from_utf8_lossy(&out)
        );
        assert!(
            !String::from_utf8_lossy(&out).contains("544e"),
            "{cmd:?} printed a sequence's payload"
        );
    }
}

/// An APC or PM string a program ended by BEL (as an OSC may be) ends there:
/// the rest of the line is shown, not taken as the string's payload.
#[test]
fn text_after_an_apc_or_pm_ended_by_bel_is_shown() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = write(
        dir.path(),
        "apc.log",
        b"2022-03-24 17:00:00 INFO render \x1b_Gf=100;payload\x07 frame shown\n\
2022-03-24 17:00:01 WARN \x1b^private\x07 link down\n",
    );
    let path = p.to_str().expect("path");
    for cmd in [vec!["show", "--at", "17:00"], vec!["merge"]] {
        let mut args = cmd.clone();
        args.extend(["--tz", "UTC", "--display-tz", "UTC", path]);
        let out = String::from_utf8_lossy(&casefile(&args).stdout).into_owned();
        for kept in ["render  frame shown", "link down"] {
            assert!(out.contains(kept), "{cmd:?} lost {kept:?}: {out}");
        }
        assert!(
            !out.contains("payload") && !out.contains("private"),
            "{cmd:?}: {out}"
        );
    }
}

#[test]
fn rotated_siblings_read_as_one_source_oldest_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(b"2022-03-24 15:00:00 INFO oldest\n")
        .expect("write");
    write(dir.path(), "app.log.2.gz", &enc.finish().expect("gz"));
    write(dir.path(), "app.log.1", b"2022-03-24 16:00:00 INFO older\n");
    let live = write(dir.path(), "app.log", b"2022-03-24 17:00:00 INFO live\n");
    let v = index_json(&["--rotated", live.to_str().expect("path")]);
    let s = &v["sources"][0];
    assert_eq!(
        (s["name"].as_str(), s["records"].as_u64()),
        (Some("app"), Some(3))
    );
    assert_eq!(s["first"], "2022-03-24T15:00:00Z");
    let o = casefile(&[
        "merge",
        "--rotated",
        "--tz",
        "UTC",
        "--display-tz",
        "UTC",
        live.to_str().expect("path"),
    ]);
    let out = stdout(&o);
    let words: Vec<&str> = out
        .lines()
        .filter_map(|l| l.split_whitespace().last())
        .collect();
    assert_eq!(words, ["oldest", "older", "live"]);
}

/// A gzip cut in half: `merge` and `show` print what decoded, say on stderr
/// that the source is incomplete, and exit 1 (as `index` warns).
#[test]
fn merge_and_show_say_a_cut_gzip_is_incomplete() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = half_a_gzip(dir.path());
    let path = p.to_str().expect("path");
    for cmd in [
        vec!["merge", "--json"],
        vec!["merge"],
        vec!["show", "--at", "2022-03-24 17:00:05"],
        vec!["show", "--json", "--at", "2022-03-24 17:00:05"],
    ] {
        let mut args = cmd.clone();
        args.extend(["--tz", "UTC", "--display-tz", "UTC", path]);
        let (out, err) = casefile_exits(1, &args);
        assert!(out.contains("line 5"), "{cmd:?} printed what decoded");
        assert!(
            err.contains("cut.log.gz") && err.contains("cut short"),
            "{cmd:?}: {err}"
        );
    }
}

/// `--rotated` with one bad sibling (a directory, a binary file, a FIFO that
/// nobody writes to) still reads the others and names each one it skipped.
#[test]
fn a_bad_rotated_sibling_is_skipped_by_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("app.log.5")).expect("mkdir");
    write(
        dir.path(),
        "app.log.4",
        &[0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0],
    );
    let fifo = dir.path().join("app.log.3");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    write(dir.path(), "app.log.1", b"2022-03-24 16:00:00 INFO older\n");
    let live = write(dir.path(), "app.log", b"2022-03-24 17:00:00 INFO live\n");
    // A FIFO without a writer blocks whoever opens it: give up after a deadline.
    let mut child = Command::new(bin())
        .args(["index", "--json", "--tz", "UTC", "--rotated"])
        .arg(&live)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run casefile");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while child.try_wait().expect("wait").is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("casefile hung on a FIFO among the rotated siblings");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let o = child.wait_with_output().expect("output");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let s = &v["sources"][0];
    assert_eq!(s["records"], 2, "{v}");
    let warnings = s["warnings"].to_string();
    for (name, why) in [
        ("app.log.5", "directory"),
        ("app.log.4", "binary"),
        ("app.log.3", "not a regular file"),
    ] {
        assert!(
            warnings.contains(name) && warnings.contains(why),
            "{name}: {warnings}"
        );
    }
}

/// `--rotated` with a sibling the user may not read: skipped with a warning
/// naming it, the rest of the source loads.
#[test]
fn an_unreadable_rotated_sibling_is_skipped_by_name() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755))
        .expect("chmod dir");
    let secret = write(
        dir.path(),
        "app.log.2",
        b"2022-03-24 15:00:00 INFO secret\n",
    );
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    write(dir.path(), "app.log.1", b"2022-03-24 16:00:00 INFO older\n");
    let live = write(dir.path(), "app.log", b"2022-03-24 17:00:00 INFO live\n");
    let args = [
        "index",
        "--json",
        "--tz",
        "UTC",
        "--rotated",
        live.to_str().expect("path"),
    ];
    // Root reads anything: run casefile as nobody then, where setpriv exists.
    let o = if std::fs::read(&secret).is_ok() {
        match Command::new("setpriv")
            .args(["--reuid=nobody", "--regid=nogroup", "--clear-groups", bin()])
            .args(args)
            .env("TZ", "UTC")
            .output()
        {
            Ok(o) if !stderr(&o).contains("setpriv:") => o,
            _ => {
                skip(
                    "an_unreadable_rotated_sibling_is_skipped_by_name",
                    "running as root without setpriv: file permissions do not apply",
                );
                return;
            }
        }
    } else {
        casefile(&args)
    };
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let s = &v["sources"][0];
    assert_eq!(s["records"], 2, "{v}");
    let warnings = s["warnings"].to_string();
    assert!(
        warnings.contains("app.log.2") && warnings.contains("permission denied"),
        "{warnings}"
    );
}

/// The screen's `--min-silence` and `--window` are checked as `casefile
/// silences` checks them, before anything opens.
#[test]
fn the_screens_silence_options_name_a_bad_value() {
    for (opt, v) in [("--min-silence", "0s"), ("--window", "soon")] {
        let (_, err) = casefile_exits(2, &[opt, v, "a.log"]);
        assert!(err.contains(opt) && err.contains(v), "{opt} {v}: {err}");
    }
}

/// Lines ended by a carriage return alone (classic Mac OS, some serial
/// consoles) read as one line: the log was one record, said nowhere.
#[test]
fn carriage_returns_alone_are_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = std::fs::read_to_string(corpus("supervisord/supervisord.log")).expect("corpus");
    let p = write(dir.path(), "cr.log", text.replace('\n', "\r").as_bytes());
    let (v, _, _) = with_good(p.to_str().expect("path"), dir.path());
    let s = &v["sources"][0];
    assert!(s["warnings"].to_string().contains("carriage return"), "{s}");
    assert!(good_loaded(&v));
}

/// Shapes casefile does not read (a Zeek TSV log whose first column is not
/// its epoch `ts`) are named with what to do, not "try --format", which no
/// format answers. journalctl's export, TAI64N labels and Zeek's own
/// logs, once among them, are read (`journal-export`, `tai64n`, `zeek`) and
/// warned of no more.
#[test]
fn unread_shapes_say_what_they_are_and_what_to_do() {
    for read in [
        "journald/journalctl.export",
        "misc/lnav-logfile_tai64n.0",
        "misc/lnav-logfile_bro_conn.log.0",
    ] {
        let v = index_json(&[&corpus(read)]);
        let w = v["sources"][0]["warnings"].to_string();
        assert!(
            !w.contains("does not read") && !w.contains("try --format"),
            "{read}: {w}"
        );
    }
    // The corpus's conn.log with its lines' first two columns swapped (a
    // custom log may put `ts` elsewhere): nothing dated.
    let zeek = std::fs::read_to_string(corpus("misc/lnav-logfile_bro_conn.log.0")).expect("corpus");
    let swapped: String = zeek
        .lines()
        .map(|l| match l.split_once('\t') {
            Some((ts, rest)) if !ts.starts_with('#') => {
                let (uid, rest) = rest.split_once('\t').expect("two columns");
                format!("{uid}\t{ts}\t{rest}\n")
            }
            _ => format!("{l}\n"),
        })
        .collect();
    let dir = tempfile::tempdir().expect("tempdir");
    let p = write(dir.path(), "uid-first.log", swapped.as_bytes());
    let v = index_json(&[p.to_str().expect("utf-8")]);
    assert_eq!(v["sources"][0]["format"], "plain", "{v}");
    let w = v["sources"][0]["warnings"].to_string();
    assert!(
        w.contains("zeek-cut -d") && !w.contains("try --format"),
        "{w}"
    );
    // A file of another undated shape still hears of --format.
    let v = index_json(&[&corpus("python/uvicorn-default.log")]);
    let w = v["sources"][0]["warnings"].to_string();
    assert!(w.contains("no timestamps recognised"), "{w}");
}

/// `goroutines` prints what the dump says (state, functions, files, the
/// panic's message) without letting its control bytes reach the terminal,
/// and its text quotes a panic's message as other summaries quote a record:
/// cut after 2,000 characters with how many bytes were left out. It wrote
/// `ESC[2J` and an OSC title raw, and a 50 MiB message whole. `--json` is
/// for scripts: it gives the message whole, and each earlier panic's of its
/// chain (it cut them at 2,000 characters too).
#[test]
fn goroutines_prints_no_control_bytes_and_cuts_a_50_mb_panic_message_in_its_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let evil = write(
        dir.path(),
        "evil.txt",
        b"panic: boom \x1b[2J\x1b]0;pwned\x07 end \xc2\x9b\n\n\
goroutine 1 [chan \x1b[2Jreceive]:\nmain.ma\x1b]0;x\x07in()\n\t/tmp/x\x1b[31m.go:5 +0x1d\n\
created by main.f\x1b[1m\n\t/tmp/y.go:3 +0x1\n",
    );
    let evil = evil.to_str().expect("path");
    for args in [
        vec!["goroutines", evil],
        vec!["goroutines", "--json", evil],
        vec!["goroutines", "--diff", evil, evil],
    ] {
        let o = casefile(&args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        let text = String::from_utf8_lossy(&o.stdout);
        assert!(
            !o.stdout.contains(&0x1b) && !o.stdout.contains(&0x07) && !text.contains('\u{9b}'),
            "{args:?} printed control bytes: {text}"
        );
    }
    let o = casefile(&["goroutines", evil]);
    assert!(stdout(&o).contains("panic: boom"), "{}", stdout(&o));

    let mut huge = b"panic: ".to_vec();
    huge.extend(vec![b'y'; 50 << 20]);
    huge.extend_from_slice(b"\n\ngoroutine 1 [running]:\nmain.main()\n\t/tmp/x.go:5 +0x1d\n");
    let p = write(dir.path(), "huge.txt", &huge);
    let p = p.to_str().expect("path");
    let cut = format!("{}… (+52,426,800 bytes)", "y".repeat(2000));
    let o = casefile(&["goroutines", p]);
    assert!(o.stdout.len() < 100_000, "{} bytes of text", o.stdout.len());
    assert!(
        stdout(&o).contains(&format!("panic: {cut}\n")),
        "{}",
        &stdout(&o)[..300.min(o.stdout.len())]
    );
    let o = casefile(&["goroutines", "--json", p]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let message = v["panic"]["message"].as_str().expect("a message");
    assert!(
        message.len() == 50 << 20 && message.bytes().all(|b| b == b'y'),
        "{} bytes: {}",
        message.len(),
        &message[..message.len().min(100)]
    );
    // An earlier panic of the chain, as long: whole in the JSON, cut in the text.
    let earlier = "z".repeat(5000);
    let chained = write(
        dir.path(),
        "chain.txt",
        format!(
            "panic: {earlier} [recovered]\n\tpanic: boom\n\n\
goroutine 1 [running]:\nmain.main()\n\t/tmp/x.go:5 +0x1d\n"
        )
        .as_bytes(),
    );
    let chained = chained.to_str().expect("path");
    let v = casefile_json(&["goroutines", "--json", chained]);
    assert_eq!(v["panic"]["message"], "boom", "{v}");
    assert_eq!(
        v["panic"]["chain"],
        serde_json::json!([format!("{earlier} [recovered]")])
    );
    let text = casefile_ok(&["goroutines", chained]);
    assert!(
        text.contains(&format!("  after: {}… (+", "z".repeat(2000))),
        "{text}"
    );
}

/// A log of only blank lines is said as such, as an empty one is: it was
/// "no timestamps recognised … (try --format)", sending the user after a
/// format for lines that hold nothing.
#[test]
fn a_log_of_only_blank_lines_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = write(dir.path(), "blank.log", b"\n\n\r\n\n");
    let (v, _, _) = with_good(p.to_str().expect("path"), dir.path());
    let s = &v["sources"][0];
    assert_eq!(
        s["warnings"],
        serde_json::json!(["blank: every line is empty (4 lines)"]),
        "{s}"
    );
    assert!(good_loaded(&v));
}
