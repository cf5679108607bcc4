//! Mining a log that grew from where mining it stopped (`mine_resumable`)
//! gives what mining it whole gives: templates, their counts and spans, each
//! record's template. Corpus logs, repeated past format detection's sample,
//! grown at lines in their middle and near their end.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use super::*;
use crate::source::test_support::options;
use crate::source::{Input, Settings, SourceSpec};

fn spec(path: &Path) -> SourceSpec {
    SourceSpec {
        name: "t".into(),
        input: Input::Files(vec![path.to_path_buf()]),
        settings: Settings::default(),
    }
}

fn read(path: &Path) -> Source {
    let spec = spec(path);
    let (parts, warnings) = crate::source::open(&spec).expect("opens");
    crate::source::index(&spec, Arc::new(parts), warnings, &options(), |_| {})
}

fn read_on(old: &Source, path: &Path) -> Source {
    let spec = spec(path);
    let (parts, warnings) = crate::source::open(&spec).expect("opens");
    let parts = Arc::new(parts);
    let resume = crate::source::resume_point(old, &parts).expect("a grown log");
    crate::source::extend(&spec, parts.clone(), warnings, &options(), resume, |_| {})
        .expect("read on")
}

/// Copies of a corpus log over `bytes`, each followed by a line with a word
/// of its own, so later copies bring new texts.
fn copies(log: &str, bytes: usize) -> Vec<u8> {
    let one = corpus(log);
    let mut text = Vec::new();
    let mut k = 0;
    while text.len() < bytes {
        text.extend_from_slice(&one);
        if text.last() != Some(&b'\n') {
            text.push(b'\n');
        }
        // A word of letters only: a new template for each copy.
        let word: String = (0..4)
            .map(|d| (b'a' + (k / 26usize.pow(d) % 26) as u8) as char)
            .collect();
        let line = if log.ends_with(".jsonl") {
            format!(r#"{{"level":"info","ts":1763906400.5,"msg":"copy {word} done"}}"#)
        } else if log.contains("journal") {
            // A journal's copies already differ in their cursors.
            String::new()
        } else {
            format!("2026-11-23T14:00:00Z INFO copy {word} done")
        };
        if !line.is_empty() {
            text.extend_from_slice(line.as_bytes());
            text.push(b'\n');
        }
        k += 1;
    }
    text
}

#[test]
fn a_grown_log_mined_on_is_the_log_mined_whole() {
    let logs = [
        "json-lines/zap-production.jsonl",
        "go/zap-development-console.log",
        "go/http-handler-panic-recovered.log",
        "syslog-rfc3339/rsyslog-fileformat-rfc3339.log",
        "loghub/Android_2k.log",
    ];
    let dir = tempfile::tempdir().expect("temp dir");
    for log in logs {
        let text = copies(log, 700 << 10);
        let at = |f: f64| {
            let a = (text.len() as f64 * f) as usize;
            a + memchr::memchr(b'\n', &text[a..]).map_or(0, |n| n + 1)
        };
        let (a, b) = (at(0.6), at(0.95));
        let path = dir.path().join(log.replace('/', "-"));
        std::fs::write(&path, &text[..a]).expect("write");
        let first = read(&path);
        let (mined, state) = mine_resumable(&first, None, &AtomicUsize::new(0));
        assert_eq!(
            mined,
            mine_source(&first),
            "{log}: resumable or not, the same"
        );
        let grow = |bytes: &[u8]| {
            let mut f = std::fs::OpenOptions::new()
                .append(true)
                .open(&path)
                .expect("open");
            f.write_all(bytes).expect("append");
        };
        grow(&text[a..b]);
        let second = read_on(&first, &path);
        let folded = AtomicUsize::new(0);
        let (on, state) = mine_resumable(&second, Some((&mined, &state)), &folded);
        assert_eq!(folded.load(Ordering::Relaxed), second.index.len(), "{log}");
        assert_eq!(on, mine_source(&read(&path)), "{log}: mined on once");
        grow(&text[b..]);
        let third = read_on(&second, &path);
        let (again, _) = mine_resumable(&third, Some((&on, &state)), &AtomicUsize::new(0));
        assert_eq!(again, mine_source(&read(&path)), "{log}: mined on twice");
        // The grown part brought texts the miner had not met.
        let counts = [&mined, &on, &again].map(|m| m.templates.len());
        assert!(
            counts[0] < counts[1] && counts[1] < counts[2],
            "{log}: {counts:?}"
        );
    }
}

#[test]
fn a_log_read_mid_line_is_mined_on_as_mined_whole() {
    // A block-buffered writer's log, read when its blocks end (inside a
    // line, inside a trace or a journal entry): the record read again is
    // mined again, the state before it kept, so the miner never met the
    // half of it the last read saw (`copy ab` of `copy abcd done`).
    let logs = [
        "go/zap-development-console.log",
        "go/http-handler-panic-recovered.log",
        "log4j/log4j2-console.log",
        "journald/journalctl-verbose.txt",
        "journald/journalctl.export",
        "json-lines/zap-production.jsonl",
    ];
    let dir = tempfile::tempdir().expect("temp dir");
    for log in logs {
        let text = copies(log, 500 << 10);
        let path = dir.path().join(log.replace('/', "-"));
        let mut at = crate::source::SAMPLE + 5003;
        std::fs::write(&path, &text[..at]).expect("write");
        let mut src = read(&path);
        let (mut mined, mut state) = mine_resumable(&src, None, &AtomicUsize::new(0));
        assert_eq!(
            state.records(),
            src.index.len() - 1,
            "{log}: all but the last"
        );
        for block in [8192, 8192, 1001, 8192, 77, 8192] {
            let next = (at + block).min(text.len());
            let mut f = std::fs::OpenOptions::new()
                .append(true)
                .open(&path)
                .expect("open");
            f.write_all(&text[at..next]).expect("append");
            drop(f);
            at = next;
            src = read_on(&src, &path);
            let on = src.read_on.expect("read on");
            assert!(state.records() <= on.records, "{log} at {at}: mined on");
            let folded = AtomicUsize::new(0);
            (mined, state) = mine_resumable(&src, Some((&mined, &state)), &folded);
            assert_eq!(folded.load(Ordering::Relaxed), src.index.len(), "{log}");
            assert_eq!(mined, mine_source(&read(&path)), "{log}: mined on to {at}");
        }
    }
}
