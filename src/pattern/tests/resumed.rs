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
        let one = corpus(log);
        let mut text = Vec::new();
        // Each copy a little different, so later copies bring new texts.
        let mut k = 0;
        while text.len() < 700 << 10 {
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
            } else {
                format!("2026-11-23T14:00:00Z INFO copy {word} done")
            };
            text.extend_from_slice(line.as_bytes());
            text.push(b'\n');
            k += 1;
        }
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
