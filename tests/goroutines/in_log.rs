//! Panics printed inside logs (the shared corpus): one record each, with its stack.

use crate::common::*;

/// The panic journald kept without timestamps (`journalctl -o cat`) and the
/// one in a Go `log` stream: each is one record holding its whole stack, and
/// the log line after it is a record of its own.
#[test]
fn a_panic_inside_a_log_is_one_record_with_its_stack() {
    // (file, the panic's first line, the record after it; read off the files)
    for (file, opener, next) in [
        (
            "journald/journalctl-cat.txt",
            "panic: runtime error",
            Some("Server listening on 127.0.0.1 port 12223."),
        ),
        (
            "go/panic-index-out-of-range.log",
            "panic: runtime error",
            None,
        ),
        (
            "go/http-handler-panic-recovered.log",
            "http: panic serving 127.0.0.1:32938",
            Some("2026/11/23 14:05:13.287483 client: Get"),
        ),
    ] {
        let path = corpus(file);
        let text = std::fs::read_to_string(&path).expect("corpus");
        let o = casefile(&["merge", "--json", "--tz", "UTC", &path]);
        let rows = ndjson(&stdout(&o));
        let k = rows
            .iter()
            .position(|r| r["text"].as_str().is_some_and(|t| t.contains(opener)))
            .expect("panic record");
        let record = rows[k]["text"].as_str().expect("text");
        // Every line from the opener to the record after it is in the panic's record.
        let start = text.find(opener).expect("opener");
        let end = next.map_or(text.len(), |n| {
            text[start..].find(n).map(|e| start + e).expect("next")
        });
        let stack: Vec<&str> = text[start..end]
            .lines()
            .filter(|l| !l.trim().is_empty())
            .collect();
        let got: Vec<&str> = record.lines().filter(|l| !l.trim().is_empty()).collect();
        assert!(stack.len() > 5, "{file}: {stack:?}");
        assert!(
            got.ends_with(&stack[1..]),
            "{file}: the stack is not in the panic's record:\n{record}"
        );
        if let Some(n) = next {
            assert!(
                rows[k + 1]["text"]
                    .as_str()
                    .is_some_and(|t| t.starts_with(n)),
                "{file}: {}",
                rows[k + 1]
            );
        }
    }
}

/// `--rotated`, as every command that reads logs takes it: a rotated set
/// whose newest file holds the panic (the corpus's Go log cut after its
/// fourth line, the older lines in `app.log.1`) reads as that log does, the
/// dump dated by its log line, as the screen reads the set.
#[test]
fn goroutines_reads_a_rotated_set() {
    let text = std::fs::read_to_string(corpus("go/panic-index-out-of-range.log")).expect("corpus");
    let cut = text.match_indices('\n').nth(3).expect("four lines").0 + 1;
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "app.log.1", &text.as_bytes()[..cut]);
    let live = write(dir.path(), "app.log", &text.as_bytes()[cut..]);
    let whole = write(dir.path(), "whole.log", text.as_bytes());
    let read = |args: &[&str]| {
        let mut a = vec!["goroutines", "--json", "--tz", "UTC"];
        a.extend_from_slice(args);
        casefile_json(&a)
    };
    let set = read(&["--rotated", live.to_str().expect("path")]);
    let one = read(&[whole.to_str().expect("path")]);
    assert_eq!(set["source"], "app", "{set}");
    for key in [
        "panic",
        "groups",
        "time",
        "time_origin",
        "total",
        "warnings",
    ] {
        assert_eq!(set[key], one[key], "{key}");
    }
    assert!(set["panic"].is_object(), "{set}");
    assert!(set["time"].is_string(), "{set}");
}

/// A warning of a rotated set names the file and that file's own line, as
/// `index` says it: the panic log cut after its fourth line into
/// `app.log.1`, its dump cut after a last goroutine's header in `app.log`,
/// whose 35th line that is (the 39th of the set, which it said).
#[test]
fn a_rotated_sets_warning_names_the_file_and_its_own_line() {
    let text = std::fs::read_to_string(corpus("go/panic-index-out-of-range.log")).expect("corpus");
    let cut = text.match_indices('\n').nth(3).expect("four lines").0 + 1;
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "app.log.1", &text.as_bytes()[..cut]);
    let live = format!("{}goroutine 9 [running]:\n", &text[cut..]);
    let live = write(dir.path(), "app.log", live.as_bytes());
    let live = live.to_str().expect("path");
    // The file as named (its path), as `index` names it.
    let said = format!("{live}: line 35: goroutine 9 has a header but no frames (truncated?)");
    let j = casefile_json(&["goroutines", "--json", "--tz", "UTC", "--rotated", live]);
    assert_eq!(j["warnings"], serde_json::json!([said]), "{j}");
    let o = casefile_ok(&["goroutines", "--tz", "UTC", "--rotated", live]);
    assert!(o.contains(&format!("\n  {said}\n")), "{o}");
    // As `index` names that line.
    let index = casefile_ok(&["index", "--tz", "UTC", "--rotated", live]);
    let cut = "a Go goroutine dump cut short (the text ends after goroutine 9's header, line 35)";
    assert!(index.contains(&format!("{live}: {cut}")), "{index}");
}

/// A rotated set whose files each hold a dump (the corpus's Go panic log,
/// rotated into `app.log.1` and written again to `app.log`): where each dump
/// begins is named as `index` names a line, the file and its own line, in
/// the text, in `--json`'s `"dump"` and in what `--diff` says it compares
/// (it said the set's line 46 for the live file's 8th).
#[test]
fn a_rotated_sets_dumps_name_the_file_and_its_own_line() {
    let text = std::fs::read_to_string(corpus("go/panic-index-out-of-range.log")).expect("corpus");
    let panic_line = text
        .lines()
        .position(|l| l.starts_with("panic: "))
        .expect("panic")
        + 1;
    let dir = tempfile::tempdir().expect("tempdir");
    let old = write(dir.path(), "app.log.1", text.as_bytes());
    let live = write(dir.path(), "app.log", text.as_bytes());
    let (old, live) = (old.to_str().expect("path"), live.to_str().expect("path"));
    let o = casefile_ok(&["goroutines", "--tz", "UTC", "--rotated", live]);
    for (k, file) in [(1, old), (2, live)] {
        let head = format!("app (dump {k} of 2, {file}: line {panic_line}): ");
        assert!(o.contains(&head), "{head}\n{o}");
    }
    let j = casefile_json(&["goroutines", "--json", "--tz", "UTC", "--rotated", live]);
    for (k, file) in [(1, old), (2, live)] {
        let want = serde_json::json!({"number": k, "of": 2, "line": panic_line, "file": file});
        assert_eq!(j["dumps"][k - 1]["dump"], want, "{j}");
    }
    let diff = casefile(&[
        "goroutines",
        "--diff",
        "--tz",
        "UTC",
        "--rotated",
        live,
        live,
    ]);
    let said = format!("app: holds 2 dumps: the last one ({live}: line {panic_line}) is compared");
    assert!(stderr(&diff).contains(&said), "{said}\n{}", stderr(&diff));
}

/// A service that logs one line and then crashes with every goroutine's
/// stack (GOTRACEBACK=all, 100 waiting): its stderr is a log with a panic in
/// it, as it is when the service logged three lines. It was read as a bare
/// dump: the logged line undated, the dump dated by the file's
/// modification time (`time_origin: file_modified`), not by the line.
#[test]
fn one_logged_line_then_a_long_panic_is_a_log() {
    let test = "one_logged_line_then_a_long_panic_is_a_log";
    for go in crate::support::toolchains(test) {
        let out = crate::support::output_via_files(
            std::process::Command::new(go.plain())
                .args(["-scenario", "panicmany", "-waiters", "100"])
                .args(["-log-first", "config loaded, serving"])
                .env("GOTRACEBACK", "all"),
        );
        assert_eq!(out.status.code(), Some(2), "{}", go.name);
        let text = String::from_utf8(out.stderr).expect("UTF-8");
        let first = text.lines().next().expect("the logged line");
        assert!(first.ends_with("config loaded, serving"), "{first}");
        let d = tempfile::tempdir().expect("tempdir");
        let path = d.path().join("crash.log");
        std::fs::write(&path, &text).expect("write");
        let path = path.to_str().expect("UTF-8 path");
        // The line's own time, `2026/12/04 22:39:35.023722`, in UTC.
        let stamp = &first[..26];
        let logged = format!(
            "{}-{}-{}T{}Z",
            &stamp[..4],
            &stamp[5..7],
            &stamp[8..10],
            &stamp[11..]
        );
        let index = casefile_json(&["index", "--json", "--tz", "UTC", path]);
        let src = &index["sources"][0];
        assert_eq!(src["format"], "go-log", "{}: {src}", go.name);
        let v = casefile_json(&["goroutines", "--json", "--tz", "UTC", path]);
        assert_eq!(v["time_origin"], "log_line", "{}", go.name);
        assert_eq!(v["time"].as_str(), Some(logged.as_str()), "{}", go.name);
        assert!(v["total"].as_u64().is_some_and(|n| n > 100), "{}", go.name);
    }
}
