//! Lines whose stamp comes after a leading token, as on-call engineers paste
//! them: `grep -H`/`grep -Hn` output (`app.log:2026-…`, `app.log:12:2026-…`),
//! `kubectl logs --prefix` (`[pod/web-7d9f/app] 2026-…Z …`), a file name
//! before each line (Loghub's OpenStack sample); and epoch seconds as the
//! time (an alert tag before them, BGL/Thunderbird; Squid's `seconds.millis`).
//! Every sample is built from real corpus lines: grep is run on corpus files,
//! kubectl's prefix is added here.

mod common;
use std::process::Command;

use casefile::format::{Format, detect, trim_cr};
use common::*;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/");

fn lines(text: &[u8]) -> impl Iterator<Item = &[u8]> {
    text.split(|&b| b == b'\n')
        .map(trim_cr)
        .filter(|l| !l.is_empty())
}

/// `grep ARGS` run in the corpus folder (so the file names it prints are
/// the corpus's relative paths).
fn grep(args: &[&str]) -> Vec<u8> {
    let o = Command::new("grep")
        .args(args)
        .current_dir(CORPUS)
        .output()
        .expect("run grep");
    assert!(o.status.success(), "grep {args:?}: {o:?}");
    o.stdout
}

/// Each line of `prefixed` is a line of a corpus log behind a prefix that
/// `strip` removes: it is dated, and has the level, as that line in the
/// format detected on the lines without their prefixes; the format's header
/// starts where the prefix ends.
fn dated_as_the_lines_behind_their_prefix(
    prefixed: &[u8],
    strip: impl for<'a> Fn(&'a [u8]) -> &'a [u8],
) -> Format {
    let d = detect(prefixed);
    let own_lines: Vec<u8> = lines(prefixed)
        .flat_map(|l| strip(l).iter().chain(b"\n").copied())
        .collect();
    let inner = detect(&own_lines).format;
    assert_eq!(d.format, Format::Prefixed(Box::new(inner.clone())), "{d:?}");
    assert_eq!(d.format.name(), format!("prefixed-{}", inner.name()));
    let mut dated = 0;
    for line in lines(prefixed) {
        let own = strip(line);
        let want = inner.parse(own);
        let got = d.format.parse(line);
        assert_eq!(got, want, "{}", String::from_utf8_lossy(line));
        if want.stamp.is_some() {
            dated += 1;
            let h = d.format.header(line).expect("a header");
            assert_eq!(h.stamp.start, line.len() - own.len(), "{line:?}");
        }
    }
    assert!(dated > 0);
    d.format
}

/// A closure that gives part of the line it is given (for the borrow checker).
fn stripper(f: impl for<'a> Fn(&'a [u8]) -> &'a [u8]) -> impl for<'a> Fn(&'a [u8]) -> &'a [u8] {
    f
}

/// `grep -H` over two logs: each line behind its own file's name, so the
/// prefix differs from line to line; `grep -Hn` adds the line number, and
/// `-B`/`-C` context lines put `-` where a match has `:` (groups apart by
/// `--`, a line of grep's own).
#[test]
fn grep_with_file_names_dates_each_line() {
    let files = ["supervisord/supervisord.log", "log4j/zookeeper-server.log"];
    for flags in [
        &["-H", "-e", "2026-11-23"][..],
        &["-Hn", "-e", "2026-11-23"],
        &["-H", "-B1", "-e", "WARN"],
        &["-Hn", "-C2", "-e", "WARN"],
    ] {
        let numbered = flags[0] == "-Hn";
        let out = grep(&[flags, &files[..]].concat());
        assert!(out.starts_with(files[0].as_bytes()));
        let strip = stripper(|line| {
            let Some(file) = files.iter().find(|f| line.starts_with(f.as_bytes())) else {
                assert_eq!(line, b"--");
                return line;
            };
            let rest = &line[file.len() + 1..];
            if numbered {
                let n = rest
                    .iter()
                    .position(|b| !b.is_ascii_digit())
                    .expect("line number");
                &rest[n + 1..]
            } else {
                rest
            }
        });
        dated_as_the_lines_behind_their_prefix(&out, strip);
        if flags[1] != "-e" {
            assert!(out.windows(2).any(|w| w == b"--"), "{flags:?}");
        }
    }
}

/// The two logs' lines behind `kubectl logs --prefix`'s `[pod/NAME/CONTAINER] `,
/// every line (a zap error's stack too), one pod after the other.
fn kubectl_prefixed() -> (Vec<u8>, Vec<u8>) {
    let mut prefixed = Vec::new();
    let mut plain = Vec::new();
    for (file, pod) in [
        ("go/zap-development-console.log", "[pod/api/api]"),
        ("supervisord/worker-stdout.log", "[pod/worker-5c7b9/tick]"),
    ] {
        let text = std::fs::read(format!("{CORPUS}{file}")).expect("corpus file");
        for line in lines(&text) {
            prefixed.extend_from_slice(pod.as_bytes());
            prefixed.push(b' ');
            prefixed.extend_from_slice(line);
            prefixed.push(b'\n');
            plain.extend_from_slice(line);
            plain.push(b'\n');
        }
    }
    (prefixed, plain)
}

#[test]
fn kubectl_prefixed_lines_are_dated() {
    let (prefixed, _) = kubectl_prefixed();
    dated_as_the_lines_behind_their_prefix(
        &prefixed,
        stripper(|line| {
            let close = line.iter().position(|&b| b == b']').expect("prefix");
            &line[close + 2..]
        }),
    );
}

/// Mining reads past the prefix: the pods' lines give the templates their
/// lines give without it (a pod's name without a digit is no header word).
#[test]
fn kubectl_prefixed_lines_mine_as_their_own() {
    let (prefixed, plain) = kubectl_prefixed();
    let dir = tempfile::tempdir().expect("temp dir");
    let p = write(dir.path(), "pods.log", &prefixed);
    let q = write(dir.path(), "plain.log", &plain);
    let (p, q) = (p.to_str().expect("utf-8"), q.to_str().expect("utf-8"));
    assert_eq!(templates(p), templates(q));
}

/// Loghub's OpenStack sample: a file name before each line. Its records are
/// dated and its templates hold neither the name nor the time.
#[test]
fn a_file_name_before_each_line_is_header() {
    let path = corpus("loghub/OpenStack_2k.log");
    let v = index_json(&[&path]);
    let src = &v["sources"][0];
    assert_eq!(src["format"], "prefixed-iso8601", "{src}");
    assert_eq!(src["timestamped_fraction"], 1.0, "{src}");
    for (t, _) in templates(&path) {
        assert!(
            !t.contains("nova-") && !t.contains("2017-05-16") && !t.contains("00:00"),
            "{t}"
        );
    }
}

/// BGL's and Thunderbird's lines (Loghub): an alert tag (`-`, or a
/// category) then Unix seconds, then the rest of the line. The seconds are
/// the time: 1131566461 is 2005-11-09T20:01:01Z (the line's syslog part,
/// `Nov 9 12:01:01`, is its host's Pacific time).
#[test]
fn alert_tagged_epoch_seconds_are_the_time() {
    let path = corpus("loghub/Thunderbird_2k.log");
    let text = std::fs::read(&path).expect("corpus");
    let d = detect(&text);
    assert_eq!(d.format.name(), "epoch", "{d:?}");
    assert_eq!(d.confidence, 1.0);
    let v = index_json(&[&path]);
    let src = &v["sources"][0];
    assert_eq!(src["timestamped_fraction"], 1.0, "{src}");
    assert_eq!(src["first"], "2005-11-09T20:01:01Z", "{src}");
    // Every line's second field is its time.
    for line in lines(&text) {
        let secs: i64 = std::str::from_utf8(&line[2..12])
            .expect("ascii")
            .parse()
            .expect("seconds");
        assert_eq!(
            d.format.parse(line).stamp,
            Some(casefile::format::Stamp::Utc(secs * 1_000_000_000)),
            "{}",
            String::from_utf8_lossy(line)
        );
    }
}

/// Squid's native access.log starts each line with `seconds.millis`.
#[test]
fn squid_seconds_with_millis_are_the_time() {
    let log = "1286536309.586    921 192.168.0.68 TCP_MISS/200 507 POST http://rcv.kaspersky-labs.com/rcv.dll - DIRECT/38.117.98.230 text/html\n\
1286536309.608    829 192.168.0.68 TCP_MISS/200 507 POST http://rcv.kaspersky-labs.com/rcv.dll - DIRECT/38.117.98.230 text/html\n";
    let d = detect(log.as_bytes());
    assert_eq!(d.confidence, 1.0, "{d:?}");
    let first = log.lines().next().unwrap().as_bytes();
    assert_eq!(
        d.format.parse(first).stamp,
        Some(casefile::format::Stamp::Utc(1_286_536_309_586_000_000))
    );
}

/// The corpus's logs with numbers or dates after a first token are not read
/// behind a token nor as epoch seconds: each has a format of its own (Zeek's
/// tab-separated `ts`, uWSGI's date mid-line, VDSM's `Thread::LEVEL::2011-12-05
/// …` between `::` separators; TAI64N labels and strace's pid before its
/// `-ttt` micros too).
#[test]
fn other_leading_numbers_are_not_epoch_times() {
    for (rel, want) in [
        ("misc/lnav-logfile_bro_conn.log.0", "zeek"),
        ("misc/lnav-logfile_uwsgi.0", "uwsgi"),
        ("python/lnav-logfile_vdsm.0", "vdsm"),
    ] {
        let d = detect(&std::fs::read(corpus(rel)).expect("corpus"));
        assert_eq!(d.format.name(), want, "{rel}");
    }
}

/// A row keeps its file's name (which file a match is from) and loses the
/// stamp and level its columns show; the name stays apart from the message.
#[test]
fn a_row_shows_the_token_then_the_message() {
    let out = grep(&["-Hn", "-e", "WARN exited", "supervisord/supervisord.log"]);
    let dir = tempfile::tempdir().expect("temp dir");
    let p = write(dir.path(), "grep.txt", &out);
    let rows = casefile_ok(&["merge", "--tz", "UTC", p.to_str().expect("utf-8")]);
    let first = rows.lines().next().expect("a row");
    assert!(
        first.ends_with(
            " WARN  supervisord/supervisord.log:10: exited: flaky (exit status 3; not expected)"
        ),
        "{first}"
    );
}
