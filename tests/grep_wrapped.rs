//! `grep -H` and `grep -Hn` over logs of any dated format, the paste an
//! on-call engineer makes most (`grep -H error /var/log/auth.log*`): each
//! line behind its file's name (and line number) is read as the same line
//! in the file: the same time, level, record (a trace stays in its record)
//! and template. grep is run here on two corpus files of each format.

mod common;
use std::path::Path;
use std::process::Command;

use common::*;

/// A format, and two corpus files (relative to the corpus) of it.
const CASES: [(&str, [&str; 2]); 4] = [
    (
        "syslog-rfc3164",
        [
            "openssh/auth-rsyslog.log",
            "syslog-rfc3164/lnav-logfile_syslog.0",
        ],
    ),
    (
        "log4j",
        [
            "log4j/zookeeper-server.log",
            "log4j/zookeeper-bind-failure.log",
        ],
    ),
    ("klog", ["klog/klog-stderr.log", "klog/lnav-logfile_glog.0"]),
    (
        "go-log",
        ["go/stdlog-default.log", "go/stdlog-micro-utc-shortfile.log"],
    ),
];

/// `grep FLAG '' FILES` run in the corpus folder: every line, behind the
/// name the file was given (and its number with `-n`).
fn grep(flag: &str, files: &[&str]) -> Vec<u8> {
    grep_with(&[flag, ""], files)
}

/// `grep ARGS FILES` run in the corpus folder.
fn grep_with(args: &[&str], files: &[&str]) -> Vec<u8> {
    let o = Command::new("grep")
        .args(args)
        .args(files)
        .current_dir(Path::new(&corpus("MANIFEST.md")).parent().expect("corpus"))
        .output()
        .expect("run grep");
    assert!(o.status.success(), "grep {args:?} {files:?}: {o:?}");
    o.stdout
}

/// `line` without grep's `FILE:` / `FILE:N:` (`-` for `:` on context lines).
fn strip_token<'a>(line: &'a str, files: &[&str], numbered: bool) -> &'a str {
    let file = files
        .iter()
        .find(|f| line.starts_with(*f))
        .unwrap_or_else(|| panic!("no file's name before {line:?}"));
    let rest = &line[file.len() + 1..];
    if !numbered {
        return rest;
    }
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    assert!(digits > 0, "{line:?}");
    &rest[digits + 1..]
}

/// What `merge --json` says of each record: time, level, and text (without
/// grep's tokens). An undated record's time is the one it inherits (none at
/// a file's start; in grep's output, the time of the file before it).
fn records(args: &[&str], strip: impl Fn(&str) -> String) -> Vec<(String, String, String)> {
    let mut all = vec!["merge", "--json", "--tz", "UTC"];
    all.extend(args);
    casefile_ndjson(&all)
        .iter()
        .map(|r| {
            let text = r["text"].as_str().expect("text");
            let inherited = r["time_inherited"].as_bool() == Some(true) || r["time"].is_null();
            (
                if inherited {
                    "inherited".to_owned()
                } else {
                    r["time"].to_string()
                },
                r["level"].to_string(),
                text.split('\n').map(&strip).collect::<Vec<_>>().join("\n"),
            )
        })
        .collect()
}

#[test]
fn grep_h_lines_read_as_the_files_lines() {
    for (format, files) in CASES {
        grep_lines_read_as_the_files_lines(format, &files);
    }
}

/// Lines that start with digits and a colon (redis's `pid:role`, a time of
/// day) behind `grep -H`'s `FILE:` read as grep -Hn's `FILE:N:` would (the
/// pid or the hour taken for a line number) unless the format is asked.
/// The time-of-day files in the order of their times: their day is read
/// back from the last line (the output's mtime is the first file's).
#[test]
fn grep_h_over_lines_that_start_with_digits_and_a_colon() {
    grep_lines_read_as_the_files_lines("redis", &["misc/redis-server.log"]);
    grep_lines_read_as_the_files_lines(
        "time-of-day",
        &[
            "ansi/zerolog-console.log",
            "log4j/logback-default-config.log",
        ],
    );
}

/// `grep -H` and `grep -Hn` over `files` (relative to the corpus) read as
/// `format` behind the tokens, each record as the files give it alone.
fn grep_lines_read_as_the_files_lines(format: &str, files: &[&str]) {
    let dir = tempfile::tempdir().expect("tempdir");
    for flag in ["-H", "-Hn"] {
        let numbered = flag == "-Hn";
        let out = grep(flag, files);
        let pasted = write(dir.path(), "grep.out", &out);
        same_mtime(&pasted, &corpus(files[0]));
        let pasted = pasted.to_str().expect("path");
        let what = format!("grep {flag} {files:?}");

        let index = index_json(&[pasted]);
        assert_eq!(
            index["sources"][0]["format"].as_str(),
            Some(format!("prefixed-{format}").as_str()),
            "{what}"
        );

        // Every record: the time, level and lines the files give alone.
        let mut want = Vec::new();
        for f in files {
            want.extend(records(&[&corpus(f)], |l| l.to_owned()));
        }
        let got = records(&[pasted], |l| strip_token(l, files, numbered).to_owned());
        assert_eq!(got.len(), want.len(), "{what}: records");
        for (g, w) in got.iter().zip(&want) {
            assert_eq!(g, w, "{what}");
        }

        // The templates of the same lines without their tokens.
        let mut plain = Vec::new();
        for f in files {
            plain.extend(std::fs::read(corpus(f)).expect("read"));
        }
        let plain = write(dir.path(), "plain.log", &plain);
        same_mtime(&plain, &corpus(files[0]));
        let plain = plain.to_str().expect("path");
        assert_eq!(templates(pasted), templates(plain), "{what}: templates");
    }
}

/// Gives `path` the modification time of `of` (a log without dates is read
/// on the day its mtime gives).
fn same_mtime(path: &Path, of: &str) {
    let st = Command::new("touch")
        .arg("-r")
        .arg(of)
        .arg(path)
        .status()
        .expect("run touch");
    assert!(st.success(), "touch -r {of}");
}

/// A file's undated first lines (glog's `Log file created at: …` header)
/// after another file's last record, in one grep output: they are not that
/// record's continuation but a record of their own, as in the file alone
/// (its time is then the one before it, where the file's has none).
#[test]
fn another_files_undated_lines_start_a_record() {
    let dir = tempfile::tempdir().expect("tempdir");
    let files = ["klog/klog-stderr.log", "klog/glog-file.INFO.log"];
    for flag in ["-H", "-Hn"] {
        let pasted = write(dir.path(), "grep.out", &grep(flag, &files));
        let pasted = pasted.to_str().expect("path");
        let mut want = Vec::new();
        for f in files {
            want.extend(records(&[&corpus(f)], |l| l.to_owned()));
        }
        let got = records(&[pasted], |l| {
            strip_token(l, &files, flag == "-Hn").to_owned()
        });
        assert_eq!(got, want, "grep {flag}");
    }
}

/// `grep -C1 PATTERN FILES` over several files, without `-n`: a context
/// line is `FILE-` and the line (`auth.log-Nov 23 15:03:32 vm sshd…`). Each
/// line, matched or around a match, is read at the time the same line has
/// in its file alone, not taken into the record above it undated.
#[test]
fn grep_context_lines_without_numbers_keep_their_times() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases: [(&str, &str, [&str; 2]); 3] = [
        (
            "syslog-rfc3164",
            "e[a-c]",
            [
                "openssh/auth-rsyslog.log",
                "syslog-rfc3164/lnav-logfile_syslog.0",
            ],
        ),
        (
            "go-log",
            "demo",
            ["go/stdlog-default.log", "go/stdlog-micro-utc-shortfile.log"],
        ),
        (
            "klog",
            r#"finished" path="/slow\|array"#,
            ["klog/klog-stderr.log", "klog/lnav-logfile_glog.0"],
        ),
    ];
    for (format, pattern, files) in cases {
        let what = format!("grep -C1 {pattern} {files:?}");
        let out = grep_with(&["-C1", "-e", pattern], &files);
        let text = String::from_utf8(out.clone()).expect("UTF-8");
        let context = text
            .lines()
            .filter(|l| files.iter().any(|f| l.starts_with(&format!("{f}-"))))
            .count();
        assert!(context > 0, "{what}: no context line in {text}");
        let pasted = write(dir.path(), "grep.out", &out);
        let pasted = pasted.to_str().expect("path");
        assert_eq!(
            index_json(&[pasted])["sources"][0]["format"].as_str(),
            Some(format!("prefixed-{format}").as_str()),
            "{what}"
        );
        // Each file's lines and their records' times and levels, alone.
        let mut alone = std::collections::HashMap::new();
        for f in files {
            for (time, level, text) in records(&[&corpus(f)], |l| l.to_owned()) {
                let first = text.lines().next().unwrap_or("").to_owned();
                alone.insert(format!("{f}\u{0}{first}"), (time, level));
            }
        }
        let mut dated = 0;
        for (time, level, text) in records(&[pasted], |l| l.to_owned()) {
            let first = text.lines().next().unwrap_or("");
            if first == "--" {
                continue;
            }
            let file = files
                .iter()
                .find(|f| first.starts_with(*f))
                .unwrap_or_else(|| panic!("{what}: no file's name before {first:?}"));
            let own = &first[file.len() + 1..];
            let Some(want) = alone.get(&format!("{file}\u{0}{own}")) else {
                continue;
            };
            assert_eq!(&(time, level), want, "{what}: {first:?}");
            dated += 1;
        }
        assert!(dated > context, "{what}: {dated} records checked");
    }
}

/// `grep -C1` over logs, with and without `-H`/`-n`: grep's `--` between
/// groups of context is a record of its own, undated, not the last line of
/// the record above it (where it was glued as a continuation), and the line
/// after it starts a record as in its file.
#[test]
fn grep_group_separators_are_records_of_their_own() {
    let dir = tempfile::tempdir().expect("tempdir");
    for args in [
        &["-C1", "-e", "Failed password"][..],
        &["-C1", "-n", "-e", "Failed password"],
        &["-C1", "-H", "-e", "Failed password"],
    ] {
        let files = [
            "syslog-rfc3164/rsyslog-traditional.log",
            "openssh/auth-rsyslog.log",
        ];
        let files = if args.contains(&"-H") {
            &files[..]
        } else {
            &files[..1]
        };
        let out = grep_with(args, files);
        let separators = out.split(|&b| b == b'\n').filter(|l| *l == b"--").count();
        assert!(separators > 0, "{args:?}: no `--` in the output");
        let pasted = write(dir.path(), "grep.out", &out);
        let v = casefile_ndjson(&[
            "merge",
            "--json",
            "--tz",
            "UTC",
            pasted.to_str().expect("path"),
        ]);
        let texts: Vec<&str> = v
            .iter()
            .map(|r| r["text"].as_str().expect("text"))
            .collect();
        assert!(
            texts
                .iter()
                .all(|t| *t == "--" || !t.lines().any(|l| l == "--")),
            "{args:?}: a `--` glued to a record: {texts:#?}"
        );
        let own: Vec<&serde_json::Value> = v.iter().filter(|r| r["text"] == "--").collect();
        assert_eq!(own.len(), separators, "{args:?}: {texts:#?}");
        assert!(
            own.iter()
                .all(|r| r["level"].is_null() && r["time_inherited"] == true),
            "{args:?}: {own:?}"
        );
    }
}
