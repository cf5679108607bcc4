//! Lines and messages of 50 MiB: each summary cuts what it quotes and says
//! how much it left out; `--json` keeps them whole.

use std::io::Write;

use super::with_good;

use crate::common::*;

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
