//! Stack traces stay with the record that logged them in logs where most lines
//! are a trace's (so fewer than half carry a time): the exception's own line
//! (`java.lang.IllegalStateException: …`, Python's `URLError: …`), zap's Go
//! frames and PHP's `#0 /path` frames are not records of their own, which
//! would leave the error without its cause, give them no level, and let the
//! merged view put other sources' lines inside a trace.

mod common;

use common::*;

/// Each record of a corpus file as `merge --json` prints it.
fn records(rel: &str) -> Vec<serde_json::Value> {
    casefile_ndjson(&["merge", "--json", "--tz", "UTC", &corpus(rel)])
}

fn text(r: &serde_json::Value) -> &str {
    r["text"].as_str().unwrap_or("")
}

/// The records whose first line is undated and starts with `prefix`.
fn stray<'a>(rs: &'a [serde_json::Value], prefix: &str) -> Vec<&'a str> {
    rs.iter()
        .filter(|r| r["time_inherited"] == true && text(r).starts_with(prefix))
        .map(text)
        .collect()
}

#[test]
fn javas_exception_line_stays_with_its_error() {
    let rs = records("log4j/log4j2-console.log");
    assert_eq!(stray(&rs, "java."), Vec::<&str>::new());
    let error = rs
        .iter()
        .find(|r| {
            text(r).contains("java.lang.IllegalStateException: health check of 127.0.0.1:1 failed")
        })
        .expect("the exception is in a record");
    assert_eq!(error["level"], "error", "{error}");
}

#[test]
fn pythons_exception_lines_stay_with_their_traceback() {
    for f in [
        "python/stdlib-asctime-comma-millis.log",
        "python/loguru-plain.log",
    ] {
        let rs = records(f);
        for prefix in ["urllib.error.URLError: ", "ConnectionRefusedError: "] {
            assert_eq!(stray(&rs, prefix), Vec::<&str>::new(), "{f}");
        }
    }
}

#[test]
fn zaps_go_frames_stay_with_their_error() {
    let rs = records("go/zap-development-console.log");
    // 14 lines carry a time: 14 records, the three traces inside theirs.
    assert_eq!(
        rs.len(),
        14,
        "{:#?}",
        rs.iter().map(text).collect::<Vec<_>>()
    );
    let error = rs
        .iter()
        .find(|r| text(r).contains("health check failed"))
        .expect("the error");
    assert!(text(error).contains("\nmain.runDemo\n"), "{}", text(error));
    let rs = records("go/lnav-logfile_zap_console.0");
    assert_eq!(stray(&rs, "go.opentelemetry.io/"), Vec::<&str>::new());
}

#[test]
fn phps_frames_stay_with_their_error() {
    let rs = records("misc/lnav-logfile_laravel.0");
    let frames = stray(&rs, "#");
    assert!(
        frames.is_empty(),
        "{} frames of their own: {:?}",
        frames.len(),
        &frames[..frames.len().min(3)]
    );
}

/// A Laravel (Monolog) entry is one record, as lnav reads it: its dated line,
/// then `[stacktrace]`, PHP's `Stack trace:` and its frames, `  thrown …`,
/// `[previous exception] …` and the closing `"} `, up to the next dated line.
/// Dated lines are 6% of the file, so it is read sparse; the lines that are
/// not trace-shaped themselves follow a trace, which runs to the next dated
/// line in a log whose dated lines follow one format.
#[test]
fn a_laravel_entry_is_one_record() {
    let rs = records("misc/lnav-logfile_laravel.0");
    let stray: Vec<&str> = rs
        .iter()
        .filter(|r| r["time_inherited"] == true)
        .map(|r| text(r).lines().next().unwrap_or(""))
        .collect();
    assert_eq!(stray, Vec::<&str>::new());
    assert_eq!(rs.len(), 82);
    for r in &rs {
        assert!(text(r).starts_with("[2023-05-15 "), "{}", text(r));
        assert!(text(r).trim_end().ends_with("\"}"), "{}", text(r));
    }
}

/// What the sparse rule is for stays: a dated log's interleaved program
/// output (Python's `http.server` lines among `logging`'s, journald's
/// `-o cat` lines of other programs) is records of its own, after a
/// traceback too.
#[test]
fn interleaved_program_output_stays_records_of_its_own() {
    for (f, prefix, n) in [
        (
            "python/stdlib-asctime-comma-millis.log",
            "127.0.0.1 - - ",
            5,
        ),
        ("python/stdlib-iso-offset-threads.log", "127.0.0.1 - - ", 5),
        ("journald/journalctl-cat.txt", "pam_unix(", 4),
    ] {
        let rs = records(f);
        assert_eq!(stray(&rs, prefix).len(), n, "{f}");
    }
}

/// A Laravel log whose entries carry long traces (a deep middleware stack
/// under a previous exception), built from the corpus's first entry: its
/// dated line (a minute later each time), `[stacktrace]`, its frames
/// repeated (renumbered) up to `frames`, `{main}`, the previous exception's
/// line and trace grown alike, and the closing `"} `.
fn laravel_with_long_traces(frames: usize, entries: usize) -> String {
    let sample = std::fs::read_to_string(corpus("misc/lnav-logfile_laravel.0")).expect("corpus");
    let lines: Vec<&str> = sample.lines().take(33).collect();
    // The first trace's frames are lines 3-14, the previous exception's
    // 19-31 (`#N /path(line): call`); line 17 is `[previous exception] …`.
    let grown = |trace: &[&str]| {
        let bodies: Vec<&str> = trace
            .iter()
            .map(|l| l.split_once(' ').expect("a frame").1)
            .collect();
        let mut out: String = (0..frames)
            .map(|k| format!("#{k} {}\n", bodies[k % bodies.len()]))
            .collect();
        out.push_str(&format!("#{frames} {{main}}\n"));
        out
    };
    let mut log = String::new();
    for e in 0..entries {
        let first = lines[0].replacen("18:19:32", &format!("18:{:02}:32", 20 + e), 1);
        log.push_str(&format!("{first}\n[stacktrace]\n"));
        log.push_str(&grown(&lines[2..14]));
        log.push_str(&format!("\n{}\n[stacktrace]\n", lines[16]));
        log.push_str(&grown(&lines[18..31]));
        log.push_str(&format!("{}\n", lines[32]));
    }
    log
}

/// Such a log has fewer than 1% of its lines dated (two or three among the
/// 400 detection reads): it was read as `plain`, where no dated line ends a
/// logged trace, and each entry split again at its `[previous exception]`
/// and its `"}`. Its dated lines head traces that fill the rest: a log of
/// dated records, each entry one record.
#[test]
fn a_laravel_log_with_long_traces_is_one_record_an_entry() {
    let dir = tempfile::tempdir().expect("temp dir");
    for frames in [90, 120] {
        let path = write(
            dir.path(),
            &format!("laravel-{frames}.log"),
            laravel_with_long_traces(frames, 20).as_bytes(),
        );
        let path = path.to_string_lossy();
        let index = index_json(&[&path]);
        assert_eq!(
            index["sources"][0]["format"], "iso8601",
            "{frames}: {index}"
        );
        let rs = casefile_ndjson(&["merge", "--json", "--tz", "UTC", &path]);
        let firsts: Vec<&str> = rs
            .iter()
            .map(|r| text(r).lines().next().unwrap_or(""))
            .filter(|l| !l.starts_with("[2023-05-15 18:"))
            .collect();
        assert_eq!(firsts, Vec::<&str>::new(), "{frames}");
        assert_eq!(rs.len(), 20, "{frames}");
        assert!(
            rs.iter().all(|r| text(r).trim_end().ends_with("\"}")),
            "{frames}"
        );
    }
}
