//! java.util.logging's `SimpleFormatter` writes a record as a header line
//! (`Nov 23, 2026 2:11:47 PM JulDemo main`: time, class, method) and then
//! `LEVEL: message`, then any stack trace: one record, dated by the header,
//! with the second line's level, read (shown, mined) by its message.

mod common;

use common::*;

const JUL: &str = "log4j/jul-simpleformatter.log";

#[test]
fn a_jul_record_is_its_header_its_level_line_and_its_trace() {
    let rs = casefile_ndjson(&["merge", "--json", "--tz", "UTC", &corpus(JUL)]);
    let levels: Vec<&str> = rs
        .iter()
        .map(|r| r["level"].as_str().unwrap_or("-"))
        .collect();
    assert_eq!(levels, ["info", "warn", "error", "info"], "{rs:#?}");
    for r in &rs {
        let text = r["text"].as_str().unwrap_or("");
        assert!(
            text.starts_with("Nov 23, 2026 2:11:47 PM JulDemo main\n"),
            "{r}"
        );
        assert_eq!(r["time"], "2026-11-23T14:11:47Z", "{r}");
        assert_eq!(r["time_inherited"], false, "{r}");
    }
    let severe = rs[2]["text"].as_str().unwrap_or("");
    assert!(
        severe.contains("\nSEVERE: configuration rejected\njava.lang.IllegalArgumentException")
            && severe.ends_with("\t... 1 more"),
        "{severe}"
    );
    let index = index_json(&[&corpus(JUL)]);
    let s = &index["sources"][0];
    assert_eq!(s["format"], "jul");
    assert_eq!(s["records"], 4);
    assert_eq!(
        s["levels"],
        serde_json::json!({"info": 2, "warn": 1, "error": 1})
    );
}

#[test]
fn a_jul_record_is_mined_and_shown_by_its_message() {
    let out = casefile_json(&["patterns", "--json", "--tz", "UTC", &corpus(JUL)]);
    let mut templates: Vec<(&str, u64)> = out["patterns"]
        .as_array()
        .expect("patterns")
        .iter()
        .map(|p| {
            (
                p["template"].as_str().unwrap_or(""),
                p["count"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    templates.sort();
    assert_eq!(
        templates,
        [
            ("Replicator starting", 1),
            ("Replicator stopped", 1),
            ("configuration rejected", 1),
            ("replica lag above threshold", 1),
        ]
    );
    let shown = stdout(&casefile(&[
        "show",
        "--at",
        "14:11:47",
        "--after",
        "10",
        "--tz",
        "UTC",
        &corpus(JUL),
    ]));
    let firsts: Vec<&str> = shown.lines().filter(|l| l.starts_with('>')).collect();
    assert_eq!(firsts.len(), 4, "{shown}");
    for (line, (level, message)) in firsts.iter().zip([
        ("INFO ", "Replicator starting"),
        ("WARN ", "replica lag above threshold"),
        ("ERROR", "configuration rejected"),
        ("INFO ", "Replicator stopped"),
    ]) {
        assert!(line.contains(&format!(" {level} {message}")), "{shown}");
    }
    assert!(
        shown.contains("java.lang.IllegalArgumentException"),
        "{shown}"
    );
}

/// JUL's `SimpleFormatter` prints a record's `Throwable` right under its
/// `LEVEL: message` line (`%4$s: %5$s%6$s%n`, the trace from
/// `printStackTrace`): it is that record's, whatever its level, and whatever
/// the class is named. Java-free: the corpus file with its SEVERE record
/// turned into one that logs at INFO or FINE the idiom `new Throwable()` ("who
/// called me"), and a JUnit `ComparisonFailure`, under the corpus's frames.
#[test]
fn a_jul_records_throwable_is_its_own_at_any_level() {
    let corpus_text = std::fs::read_to_string(corpus(JUL)).expect("corpus file");
    let dir = tempfile::tempdir().expect("tempdir");
    for (level, throwable) in [
        ("INFO", "java.lang.Throwable: opened by"),
        ("FINE", "java.lang.Throwable"),
        (
            "INFO",
            "org.junit.ComparisonFailure: expected:<[none]> but was:<[8]>",
        ),
        ("SEVERE", "java.lang.Throwable: opened by"),
    ] {
        let text = corpus_text
            .replace(
                "SEVERE: configuration rejected",
                &format!("{level}: configuration rejected"),
            )
            .replace(
                "java.lang.IllegalArgumentException: bad value for max.connections: none",
                throwable,
            );
        let path = write(dir.path(), "jul.log", text.as_bytes());
        let path = path.to_string_lossy();
        let rs = casefile_ndjson(&["merge", "--json", "--tz", "UTC", &path]);
        assert_eq!(rs.len(), 4, "{level} {throwable}: {rs:#?}");
        let third = rs[2]["text"].as_str().unwrap_or("");
        assert!(
            third.contains(&format!(
                "{level}: configuration rejected\n{throwable}\n\tat HealthCheck"
            )) && third.ends_with("\t... 1 more"),
            "{level} {throwable}: {third}"
        );
    }
}
