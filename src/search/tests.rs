use super::*;
use crate::source::test_support::{load, source_of};

/// Every record on its own: as written, or as `shown::record` reads it
/// (the latter for patterns with assertions, or on a log whose rows show
/// fields).
fn by_record(src: &Source, p: &Pattern) -> Vec<u32> {
    let re = &p.regex;
    let shown_too = !p.lookless || shows_fields(&src.detection.format);
    (0..src.index.len())
        .filter(|&i| {
            let e = src.entry(i);
            let shown = shown::record(
                &src.detection.format,
                src.record_bytes(i),
                e.is_some_and(|e| e.own_time()),
                e.and_then(|e| e.level()),
            );
            re.is_match(src.record_bytes(i)) || shown_too && re.is_match(shown.as_bytes())
        })
        .map(|i| i as u32)
        .collect()
}

fn matching(p: &Pattern, src: &Source, lo: usize, hi: usize) -> Vec<u32> {
    let mut rows = Vec::new();
    p.matching(src, lo, hi, &mut rows);
    rows
}

/// A whole run searched at once (the bytes as written with one regex over
/// the run, then the shown text of the rest) finds what matching each
/// record on its own finds, whatever the pattern: anchors, line ends, CRLF,
/// patterns across lines, one that matches empty.
#[test]
fn a_run_searched_at_once_equals_each_record_searched() {
    let mut text = String::new();
    for k in 0..3000 {
        let level = ["INFO", "WARN", "ERROR"][k % 3];
        text.push_str(&format!(
            "2024-03-01T10:{:02}:{:02}Z {level} request {k} done\r\n",
            (k / 60) % 60,
            k % 60
        ));
        if k % 7 == 0 {
            text.push_str("java.lang.Oops: bad\n\tat foo.Bar(Bar.java:12)\n");
        }
    }
    text.push_str("2024-03-01T11:00:00Z ERROR ZZQ-needle-4711 at the end");
    let (_f, src) = source_of(&text);
    let n = src.index.len();
    assert!(n >= 3000);
    for pattern in [
        "ZZQ-needle-[0-9]+",
        "error",
        "^2024",
        "^request",
        "^\tat",
        "^    at",
        "done$",
        "end$",
        r"done\s+java",
        r"Oops: bad\n\tat",
        "request 1\\d\\d done",
        "x*",
        "(?i)oops",
        r"\Ajava",
        r"\Arequest 5",
        "nothing-matches-this",
    ] {
        let ci = !pattern.chars().any(char::is_uppercase);
        let p = Pattern::new(pattern, ci).expect("valid");
        let want = by_record(&src, &p);
        assert_eq!(matching(&p, &src, 0, n), want, "{pattern:?}");
        // Filters ask record by record (`is_match`): the same rule.
        let mut shown = Shown::default();
        let one_by_one: Vec<u32> = (0..n)
            .filter(|&i| p.is_match(&src, i, &mut shown))
            .map(|i| i as u32)
            .collect();
        assert_eq!(one_by_one, want, "{pattern:?} by is_match");
        let slow = p.clone().record_by_record();
        assert_eq!(matching(&slow, &src, 0, n), want, "{pattern:?} by record");
        let mid: Vec<u32> = want
            .iter()
            .copied()
            .filter(|&r| (100..n as u32 - 5).contains(&r))
            .collect();
        assert_eq!(matching(&p, &src, 100, n - 5), mid, "{pattern:?} in 100..");
    }
    // A text cut in its middle (the stamp after compose's prefix): a match
    // across the cut is in the shown text only, whatever the pattern.
    let (_g, compose) = source_of(
        "web-1  | 2024-03-01T10:00:00.000000000Z GET /a\n\
         web-1  | 2024-03-01T10:00:01.000000000Z GET /b\n",
    );
    let p = Pattern::new(r"\| GET /b", true).expect("valid");
    assert_eq!(matching(&p, &compose, 0, compose.index.len()), vec![1]);
    // Shown-only matches exist: the rows read `request 5 done`.
    let p = Pattern::new("^request 5 done", true).expect("valid");
    assert_eq!(matching(&p, &src, 0, n).len(), 1);
    // Without an assertion, a text log's records match as written only: a
    // tab shown as spaces is not matched by spaces, but is with `^`.
    let p = Pattern::new("    at foo", true).expect("valid");
    assert_eq!(matching(&p, &src, 0, n), Vec::<u32>::new());
    let mut shown = Shown::default();
    assert!(
        (0..n).all(|i| !p.is_match(&src, i, &mut shown)),
        "a filter asks as search does"
    );
    let p = Pattern::new("(?m)^    at foo", true).expect("valid");
    assert_eq!(matching(&p, &src, 0, n).len(), 3000usize.div_ceil(7));
}

/// `Shown::of` (the miner's JSON reader, printable ASCII taken as is) gives
/// `shown::record`'s text for every record of every corpus file, and that
/// text is a run of the record's bytes as written wherever `is_written_run` says so
/// (search then skips it for patterns without assertions).
#[test]
fn shown_of_equals_shown_record_on_the_corpus() {
    let mut failures = Vec::new();
    let (mut json, mut suffixes) = (0, 0);
    for file in crate::pattern::mask::tests::corpus_files() {
        let Some(src) = load(file.clone()) else {
            continue;
        };
        if matches!(src.detection.format, Format::Json(_)) {
            json += src.index.len();
        }
        let mut shown = Shown::default();
        for i in 0..src.index.len() {
            let e = src.entry(i);
            let want = shown::record(
                &src.detection.format,
                src.record_bytes(i),
                e.is_some_and(|e| e.own_time()),
                e.and_then(|e| e.level()),
            );
            if Shown::is_written_run(&src, i) {
                suffixes += 1;
                let written = src.record_bytes(i);
                if memchr::memmem::find(written, want.as_bytes()).is_none() && failures.len() < 10 {
                    failures.push(format!(
                        "{} record {i}: {want:?} is not in {:?}",
                        file.display(),
                        String::from_utf8_lossy(written)
                    ));
                }
            }
            let got = shown.of(&src, i);
            if got != want.as_bytes() && failures.len() < 10 {
                failures.push(format!(
                    "{} record {i}: {:?} != {want:?}",
                    file.display(),
                    String::from_utf8_lossy(got)
                ));
            }
        }
    }
    assert!(json > 300, "{json} JSON records");
    assert!(suffixes > 10_000, "{suffixes} records shown as written");
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// A JSON log: the text as shown (`component=ws`, a field's unescaped
/// value) and the line as written (`"component":"ws"`) both match.
#[test]
fn json_records_match_as_shown_and_as_written() {
    let text = concat!(
        r#"{"time":"2026-11-20T14:31:07.201Z","level":"INFO","msg":"ws connect","component":"ws"}"#,
        "\n",
        r#"{"time":"2026-11-20T14:31:08.000Z","level":"INFO","msg":"caf\u00e9 \"open\"","component":"http"}"#,
        "\n",
    );
    let (_f, src) = source_of(text);
    let n = src.index.len();
    for (pattern, want) in [
        ("component=ws", vec![0]),
        (r#""component":"ws""#, vec![0]),
        ("^ws connect  component", vec![0]),
        (r#"café "open""#, vec![1]),
        (r"caf\\u00e9", vec![1]),
        ("level=", vec![]),
    ] {
        let p = Pattern::new(pattern, false).expect("valid");
        assert_eq!(matching(&p, &src, 0, n), want, "{pattern:?}");
    }
}

#[test]
fn record_at_finds_the_containing_record() {
    let offs = [0u64, 10, 20, 30, 40];
    let off = |i: usize| offs[i];
    assert_eq!(record_at(&off, 0, 5, 0), 0);
    assert_eq!(record_at(&off, 0, 5, 9), 0);
    assert_eq!(record_at(&off, 0, 5, 10), 1);
    assert_eq!(record_at(&off, 0, 5, 35), 3);
    assert_eq!(record_at(&off, 2, 5, 99), 4);
}
