//! The quote of a noted record reads only the lines it shows.

use std::io::Write;
use std::sync::Arc;

use super::record_lines;
use crate::ansi::CLEANED_BYTES;
use crate::index::Zone;
use crate::source::{self, Input, LoadOptions, Settings, Source, SourceSpec};

fn source_of(dir: &std::path::Path, log: &[u8]) -> Source {
    let path = dir.join("huge.log");
    std::fs::write(&path, log).expect("write");
    let spec = SourceSpec {
        name: "huge".into(),
        input: Input::Files(vec![path]),
        settings: Settings::default(),
    };
    let opts = LoadOptions {
        zone: Zone::Fixed(0),
        now: 1_700_000_000_000_000_000,
        levels: true,
    };
    let (parts, warnings) = source::open(&spec).expect("opens");
    source::index(&spec, Arc::new(parts), warnings, &opts, |_| {})
}

/// The quote and the bytes `display_text` was given to make it.
fn quoted(src: &Source, i: usize) -> (Vec<String>, usize) {
    CLEANED_BYTES.with(|n| n.set(0));
    let q = record_lines(src, i);
    (q, CLEANED_BYTES.with(|n| n.get()))
}

/// A trace of 200,001 lines, invalid UTF-8 in its last: the quote is its
/// first 12 lines and the count of the rest, and only those 12 lines are
/// made text (every line was, then the whole was cut to 12).
#[test]
fn a_quote_of_a_huge_trace_makes_text_of_its_first_lines_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut log = Vec::new();
    for s in 0..20 {
        writeln!(log, "2022-03-24 17:00:{s:02} INFO before").expect("write");
    }
    log.extend_from_slice(b"2022-03-24 17:00:22 ERROR request failed\n");
    for k in 1..200_000 {
        writeln!(log, "    at frame{k}").expect("write");
    }
    log.extend_from_slice(b"    at \xff\xfe broken\n2022-03-24 17:00:23 INFO after\n");
    let src = source_of(dir.path(), &log);
    assert_eq!(
        src.index.len(),
        22,
        "one record of 200,001 lines among dated ones"
    );
    let (q, cleaned) = quoted(&src, 20);
    assert_eq!(q.len(), 13, "{q:?}");
    assert_eq!(q[0], "ERR request failed");
    for (k, l) in q[1..12].iter().enumerate() {
        assert_eq!(l.trim(), format!("at frame{}", k + 1));
    }
    assert!(cleaned < 1_000, "{cleaned} bytes made text for 12 lines");
    assert_eq!(q[12], "… (199,989 more lines)");
}

/// One line of 20 MB: cut as text reports cut a line, the cut only made text.
#[test]
fn a_quote_of_a_huge_line_makes_text_of_what_it_shows_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut log = b"2022-03-24 17:00:01 WARN ".to_vec();
    log.extend(std::iter::repeat_n(b'y', 20 << 20));
    log.extend_from_slice(b"\xff\n2022-03-24 17:00:03 INFO after\n");
    let src = source_of(dir.path(), &log);
    let (q, cleaned) = quoted(&src, 0);
    assert_eq!(q.len(), 1, "one line, nothing left");
    assert_eq!(
        q[0],
        format!("WRN {}… (+20,969,546 bytes)", "y".repeat(1975))
    );
    assert!(
        cleaned < 10_000,
        "{cleaned} bytes made text for one cut line"
    );
}
