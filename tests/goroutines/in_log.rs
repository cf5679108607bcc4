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
