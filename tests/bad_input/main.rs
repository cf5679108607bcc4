//! Bad input never stops the other sources and always gets a message that
//! names the source and the cause.

#[path = "../common/mod.rs"]
mod common;
mod huge_lines;
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

/// Lines of spaces and tabs only are as blank: no format reads them, and
/// "no timestamps recognised … (try --format)" sent the user to try some.
#[test]
fn a_log_of_only_white_space_says_it_is_blank() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = write(dir.path(), "spaces.log", b"\n   \n\t\n \r\n\n");
    let (v, _, _) = with_good(p.to_str().expect("path"), dir.path());
    let s = &v["sources"][0];
    assert_eq!(
        s["warnings"],
        serde_json::json!(["blank: every line is empty or white space (5 lines)"]),
        "{s}"
    );
    assert!(good_loaded(&v));
}
