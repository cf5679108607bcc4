use super::*;
use crate::pattern::mask::tests::redigited as renumbered;
use crate::test_rng::XorShift;
use std::io::Write;

/// Mining written plainly: one miner taking every record in file order
/// (record bytes and times looked up by number). `mine_in_chunks` must give
/// exactly this, whatever the chunk size: same templates, counts, first and
/// last times, record ids.
fn plain(src: &Source) -> SourcePatterns {
    let json = mined_as_json(&src.detection.format);
    let mut miner = Miner::new();
    let mut span: Vec<(Option<Nanos>, Option<Nanos>)> = Vec::new();
    let mut ids = Vec::new();
    for i in 0..src.index.len() {
        let line = src.first_line(i);
        let mut text = Vec::new();
        let id = if json && json_line::JsonReader::default().read(line, &mut text) {
            miner.add(if text.is_empty() { BLANK } else { &text })
        } else {
            miner.add(message_of(&src.detection.format, line, &mut text))
        };
        ids.push(id);
        span.resize(span.len().max(id as usize + 1), (None, None));
        if let Some(t) = src.time(i) {
            widen(&mut span[id as usize], (Some(t), Some(t)));
        }
    }
    SourcePatterns {
        ids,
        templates: found(&miner.templates, &span),
    }
}

fn source_of(text: &[u8], offset: Nanos) -> (tempfile::NamedTempFile, Source) {
    let (f, mut src) = crate::source::test_support::source_of(text);
    src.offset = offset;
    (f, src)
}

/// A file of the shared corpus (`../shared/corpus/PATH`), read whole.
fn corpus(path: &str) -> Vec<u8> {
    let path = format!("{}/../shared/corpus/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// How many records the template `text` has, if it was mined.
fn count_of(mined: &SourcePatterns, text: &str) -> Option<u64> {
    mined
        .templates
        .iter()
        .find(|t| t.text == text)
        .map(|t| t.count)
}

/// Messages that repeat word for word, differ in values, differ in words,
/// and share a bucket without sharing a template.
fn message(rng: &mut XorShift) -> String {
    let w = ["cache", "lease", "pool", "disk", "user=alice", "user=bob"];
    let a = w[rng.below(6) as usize];
    let b = w[rng.below(6) as usize];
    match rng.below(9) {
        0 => "connection closed".to_string(),
        1 => format!("opened {a} id={}", rng.below(50)),
        2 => format!("opened {a} {b} in {}ms", rng.below(3)),
        3 => format!("GET /api/{a}/{} 200", rng.below(1000)),
        4 => format!(
            "{a} {b} mismatch: expected {} got {}",
            rng.below(9),
            rng.below(9)
        ),
        5 => format!("retrying {a} \"{b}\" attempt={}", rng.below(4)),
        6 => format!("flushed {} records to {a}-{}", rng.below(5), rng.below(3)),
        7 => format!("{a} at 10.0.0.{}:{}", rng.below(4), 80 + rng.below(2)),
        _ => format!("{a} {b} {} {}", rng.below(2), rng.below(2)),
    }
}

#[test]
fn chunked_mining_matches_the_plain_pipeline_on_text() {
    let mut rng = XorShift(0x2545_f491_4f6c_dd1d);
    let mut text = Vec::new();
    let mut sec = 0u64;
    for k in 0..3000 {
        // Times mostly rise, sometimes go back; some records carry a second
        // line, some lines end in CRLF.
        sec = if rng.below(20) == 0 {
            sec.saturating_sub(30)
        } else {
            sec + rng.below(3)
        };
        let lvl = ["INFO", "WARN", "ERROR"][rng.below(3) as usize];
        let eol = if k % 7 == 0 { "\r\n" } else { "\n" };
        write!(
            text,
            "2024-03-01T10:{:02}:{:02}Z {lvl} {}{eol}",
            sec / 60 % 60,
            sec % 60,
            message(&mut rng)
        )
        .expect("write");
        if rng.below(10) == 0 {
            text.extend_from_slice(b"\tat com.example.Thing.run(Thing.java:12)\n");
        }
    }
    let (_f, src) = source_of(&text, 0);
    assert!(src.index.len() >= 3000);
    let (_g, shifted) = source_of(&text, -7_000_000_000);
    for chunk in [1, 250, 777, 5000] {
        assert_eq!(mine_in_chunks(&src, chunk), plain(&src), "{chunk}");
        assert_eq!(
            mine_in_chunks(&shifted, chunk),
            plain(&shifted),
            "{chunk}, clock offset"
        );
    }
    let mined = mine_in_chunks(&src, 777);
    assert!(mined.templates.iter().any(|t| t.count > 100));
    assert!(mined.templates.iter().any(|t| t.text.contains("<*>")));
}

#[test]
fn chunked_mining_matches_the_plain_pipeline_on_json_and_undated_lines() {
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    let mut json = Vec::new();
    for k in 0..2000 {
        let msg = message(&mut rng).replace('"', "\\\"");
        if k % 50 == 0 {
            // A line the JSON scanner may not take: nested values.
            writeln!(
                json,
                r#"{{"time":"2024-03-01T10:00:{:02}Z","level":"info","msg":"{msg}","ctx":{{"a":[1,2]}}}}"#,
                k % 60
            )
        } else {
            writeln!(
                json,
                r#"{{"time":"2024-03-01T10:00:{:02}Z","level":"info","msg":"{msg}","n":{k}}}"#,
                k % 60
            )
        }
        .expect("write");
    }
    let (_f, src) = source_of(&json, 0);
    assert!(matches!(src.detection.format, Format::Json(_)));
    // No times at all: every line its own record, no first or last.
    let undated: String = (0..1500).map(|_| message(&mut rng) + "\n").collect();
    let (_g, plain_src) = source_of(undated.as_bytes(), 0);
    for chunk in [300, 4096] {
        assert_eq!(mine_in_chunks(&src, chunk), plain(&src), "{chunk}");
        assert_eq!(
            mine_in_chunks(&plain_src, chunk),
            plain(&plain_src),
            "{chunk}, undated"
        );
    }
}

/// Messages that differ only in their numbers, some of whose masked text keeps
/// digits (a name with an id, a `key="…"` value's key): the digit-key cache
/// must give what masking every record gives.
#[test]
fn mining_with_the_digit_key_cache_matches_the_plain_pipeline() {
    let mut rng = XorShift(0x1234_5678_9abc_def1);
    let mut text = Vec::new();
    for k in 0..6000u64 {
        let digits = 1 + rng.below(8) as u32;
        let n = rng.below(10u64.pow(digits));
        let msg = match rng.below(8) {
            0 => format!("took {n}ms for {}", rng.below(100)),
            1 => format!("node v{}x-abc-{n} joined", rng.below(30)),
            2 => format!("user{}=\"a {n}\" done", rng.below(3)),
            3 => format!(
                "retry {n} of {} at 10.0.{n}.1:{}",
                rng.below(5),
                rng.below(99)
            ),
            4 => format!("blk_{n} blk_-{n} replicated to dn{}", rng.below(12)),
            5 => format!("id={n:x} state=ok"),
            6 => format!("job-{} finished {n}", rng.below(4)),
            _ => format!("k{n} = \"x{}\"", rng.below(3)),
        };
        writeln!(text, "2024-03-01T10:00:{:02}Z INFO {msg}", k % 60).expect("write");
    }
    let (_f, src) = source_of(&text, 0);
    for chunk in [1000, 6000] {
        assert_eq!(mine_in_chunks(&src, chunk), plain(&src), "{chunk}");
    }
}

#[test]
fn mining_matches_the_plain_pipeline_on_every_corpus_file() {
    let mut files = 0;
    for file in mask::tests::corpus_files() {
        let bytes = std::fs::read(&file).expect("corpus file reads");
        let (_f, src) = source_of(&bytes, 0);
        for chunk in [700, CHUNK_RECORDS] {
            assert_eq!(
                mine_in_chunks(&src, chunk),
                plain(&src),
                "{} {chunk}",
                file.display()
            );
        }
        files += 1;
    }
    assert!(files > 50, "{files} corpus files");
}

/// A message that is its own digit key (each number one `0`) but whose masked
/// text keeps a digit (`v0x-<*>`) is remembered by its bytes; a renumbered
/// message looked up by its digit key must not take its template
/// (`v22x-abc-1` masks to `v22x-<*>`).
#[test]
fn a_message_that_is_its_own_digit_key_answers_only_for_itself() {
    let mut text = Vec::new();
    for (k, msg) in [
        "node v0x-abc-0 joined",
        "node v22x-abc-1 joined",
        "node v0x-abc-0 joined",
        "node v7x-abc-15 joined",
    ]
    .iter()
    .enumerate()
    {
        writeln!(text, "2024-03-01T10:00:{k:02}Z INFO {msg}").expect("write");
    }
    let (_f, src) = source_of(&text, 0);
    assert_eq!(mine_in_chunks(&src, CHUNK_RECORDS), plain(&src));
}

/// Lines that share a line key (renumbered in place), some whose masked text
/// keeps a digit (`v22x-<*>`, `user0="<*>"`), numbers of other lengths, and
/// headers that differ beyond their digits (the thread).
fn keyed_lines(n: u64, rng: &mut XorShift) -> Vec<u8> {
    let mut text = Vec::new();
    for k in 0..n {
        let digits = 1 + rng.below(3) as u32;
        let v = rng.below(10u64.pow(digits));
        let msg = match rng.below(7) {
            0 => format!("took {v}ms for {}", rng.below(100)),
            1 => format!("node v{}x-abc-{v} joined", rng.below(30)),
            2 => format!("user{}=\"a {v}\" done", rng.below(3)),
            3 => format!("retry {v} of 3 at 10.0.{v}.1:80"),
            4 => format!("id={v:x} state=ok"),
            5 => format!("job-{} finished", rng.below(4)),
            _ => message(rng),
        };
        let thread = ["main", "pool-1", "worker-7"][rng.below(3) as usize];
        writeln!(
            text,
            "2024-03-01T10:00:{:02}Z INFO [{thread}] {msg}",
            k % 60
        )
        .expect("write");
    }
    text
}

/// What a chunk's worker cache holds (other chunks' lines, or nothing, or a
/// cache too small to hold a chunk's keys) never changes the chunk's result.
#[test]
fn a_chunk_mined_with_a_warm_cache_matches_one_mined_cold() {
    let mut rng = XorShift(0x0bad_5eed_1234_5678);
    let text = keyed_lines(4000, &mut rng);
    let (_f, src) = source_of(&text, 0);
    let tiny = cache::Limits {
        keys: 40,
        bytes: 3000,
    };
    for limits in [cache::limits(1), tiny] {
        let mut warm = MaskedCache::new(limits);
        // Forward, then back: every chunk meets entries from later chunks too.
        let starts: Vec<usize> = (0..4000)
            .step_by(500)
            .chain((0..4000).step_by(700).rev())
            .collect();
        // Each text a chunk held whole: where the first such chunk starts.
        let mut handed: std::collections::HashMap<u64, (usize, mask::Masked)> =
            std::collections::HashMap::new();
        let mut known = 0;
        for a in starts {
            let r = a..(a + 500).min(4000);
            let hot = mask_chunk(&src, r.clone(), &mut warm);
            let cold = mask_chunk(&src, r.clone(), &mut MaskedCache::new(limits));
            let mut m = mask::Masked::default();
            for k in 0..hot.texts.len() {
                let h = hot.texts.get(k, &mut m);
                if hot.texts.is_known(k) {
                    // The fold took the chunk that held it first.
                    assert!(handed[&h].0 < r.start, "{r:?}: known too early");
                    known += 1;
                } else {
                    let e = handed.entry(h).or_insert((r.start, m.clone()));
                    e.0 = e.0.min(r.start);
                }
            }
            assert_eq!(hot.resolved(&handed), cold, "{r:?}");
            assert!((0..cold.texts.len()).all(|k| !cold.texts.is_known(k)));
        }
        assert!(known > 0, "a warm cache hands known texts over by hash");
    }
    for chunk in [300, 4000] {
        assert_eq!(mine_in_chunks(&src, chunk), plain(&src), "{chunk}");
        assert_eq!(
            mine_with(
                &src,
                guided_ranges(4000, 2, chunk / 4),
                |_| tiny,
                &AtomicUsize::new(0),
                None,
            )
            .0,
            plain(&src),
            "{chunk}, a tiny cache"
        );
    }
}

/// Every corpus file followed by itself renumbered in place: lines whose
/// line key was seen with other digits take its masked text.
#[test]
fn mining_renumbered_corpus_lines_matches_the_plain_pipeline() {
    let mut rng = XorShift(0x5eed_0fc0_ffee);
    let mut files = 0;
    for file in mask::tests::corpus_files() {
        let mut bytes = std::fs::read(&file).expect("corpus file reads");
        let again = renumbered(&bytes, &mut rng);
        bytes.push(b'\n');
        bytes.extend_from_slice(&again);
        let (_f, src) = source_of(&bytes, 0);
        assert_eq!(mine_in_chunks(&src, 700), plain(&src), "{}", file.display());
        files += 1;
    }
    assert!(files > 50, "{files} corpus files");
}

/// A line's template does not depend on where chunks cut the source. Three
/// lines as Android's status bar logs them (Loghub): `C` first joins `A`'s
/// template, as `B` is not seen yet; a chunk that starts with `B` then `C`
/// would, mining alone, put `C` with `B`, so folding chunks' templates gave
/// the same line two templates (Loghub-200k: 6 in one, 14 in the other).
#[test]
fn the_same_line_keeps_its_template_wherever_chunks_cut() {
    let a = "animateCollapsePanels:flags=2, force=true, delayed=true, mExpandedVisible=true";
    let b = "animateCollapsePanels:flags=0, force=false, delayed=false, mExpandedVisible=false";
    let c = "animateCollapsePanels:flags=0, force=false, delayed=false, mExpandedVisible=true";
    let mut text = Vec::new();
    for (k, msg) in [a, c, b, b, c, b, c, a].iter().enumerate() {
        writeln!(text, "2024-03-01T10:00:{k:02}Z INFO {msg}").expect("write");
    }
    let (_f, src) = source_of(&text, 0);
    let want = plain(&src);
    // One miner: `C` with `A` (records 0, 1, 4, 6, 7), `B` alone.
    assert_eq!(want.ids, [0, 0, 1, 1, 0, 1, 0, 0]);
    assert_eq!(want.templates[1].text, b.replace("flags=0", "flags=<*>"));
    for chunk in 1..=8 {
        assert_eq!(mine_in_chunks(&src, chunk), want, "chunks of {chunk}");
    }
}

/// JSON lines whose keys differ in a word (`task bcd finished`), `first` on.
fn json_lines(first: usize, distinct: usize, n: usize) -> Vec<u8> {
    let mut text = Vec::new();
    for k in 0..n {
        let word: String = (first + k % distinct)
            .to_string()
            .bytes()
            .map(|d| char::from(b'a' + d - b'0'))
            .collect();
        writeln!(
            text,
            r#"{{"time":"2024-03-01T10:00:{:02}Z","level":"INFO","msg":"task {word} finished","n":{k}}}"#,
            k % 60
        )
        .expect("write");
    }
    text
}

/// A full cache is kept for the next chunk when the last one found most of
/// its look-ups: JSON lines' too (they are looked up by their own keys; seen
/// failing when only text keys were counted, which emptied a full cache
/// before every chunk of a JSON log).
#[test]
fn a_full_cache_that_json_lines_found_is_kept() {
    let tiny = cache::Limits {
        keys: 40,
        bytes: 1 << 20,
    };
    // 40 keys, each met many times: the cache fills and most look-ups find.
    let (_a, repeated) = source_of(&json_lines(0, 40, 500), 0);
    // Keys of its own.
    let (_b, other) = source_of(&json_lines(1000, 100, 200), 0);
    let mut cache = MaskedCache::new(tiny);
    mask_chunk(&repeated, 0..500, &mut cache);
    let first = repeated.first_line(0);
    let (h, _) = json_line::JsonKeys::default()
        .hashes(first)
        .expect("a keyed line");
    assert!(cache.get(h).is_some(), "the first line's key is kept");
    mask_chunk(&other, 0..200, &mut cache);
    assert!(
        cache.get(h).is_some(),
        "the cache the first chunk found was kept"
    );
    // A cache that did not pay is emptied: the other lines, each met once.
    let (_c, once) = source_of(&json_lines(5000, 500, 500), 0);
    let mut cache = MaskedCache::new(tiny);
    mask_chunk(&once, 0..500, &mut cache);
    let (h, _) = json_line::JsonKeys::default()
        .hashes(once.first_line(0))
        .expect("a keyed line");
    assert!(cache.get(h).is_some());
    mask_chunk(&other, 0..200, &mut cache);
    assert!(cache.get(h).is_none(), "emptied for the next chunk");
}

#[test]
fn guided_chunks_cover_every_record_in_order_and_shrink_at_the_end() {
    for (n, workers, min) in [
        (0, 2, 64),
        (1, 2, 64),
        (100, 2, 64),
        (10_000, 2, 64),
        (300_000, 2, 64),
        (9_999, 8, 10),
    ] {
        let r = guided_ranges(n, workers, min);
        assert_eq!(r.first().map_or(0, |r| r.start), 0);
        assert_eq!(r.last().map_or(0, |r| r.end), n);
        assert!(r.windows(2).all(|w| w[0].end == w[1].start), "{r:?}");
        assert!(
            r.iter().all(|r| r.len() <= GROWTH * min && !r.is_empty()),
            "{r:?}"
        );
        // Never bigger than the one before: the end is made of the small ones.
        assert!(r.windows(2).all(|w| w[1].len() <= w[0].len()), "{r:?}");
        if n >= 4 * GROWTH * workers * min {
            assert_eq!(r[0].len(), GROWTH * min, "{r:?}");
            assert_eq!(r[r.len() - 2].len(), min, "{r:?}");
        }
    }
}

#[test]
fn mining_in_guided_chunks_is_the_plain_pipeline() {
    let mut rng = XorShift(0x5151_7e11);
    let mut text = Vec::new();
    for k in 0..6000 {
        let (min, sec) = (k / 600 % 60, k / 10 % 60);
        writeln!(
            text,
            "2024-03-01T10:{min:02}:{sec:02}Z INFO {}",
            message(&mut rng)
        )
        .expect("write");
    }
    let (_f, src) = source_of(&text, 0);
    for (workers, min) in [(2, 100), (3, 37), (1, 150)] {
        let ranges = guided_ranges(src.index.len(), workers, min);
        assert!(ranges.len() > 5);
        assert_eq!(
            mine_with(&src, ranges, cache::limits, &AtomicUsize::new(0), None).0,
            plain(&src),
            "{workers} {min}"
        );
    }
}

/// The screen says how far mining got from the records folded: every record,
/// once, whatever the chunks.
#[test]
fn mining_counts_each_record_it_folds_once() {
    let text: String = (0..3000)
        .map(|k| format!("2026-01-01T00:00:{:02}Z INFO job {k} done\n", k % 60))
        .collect();
    let (_f, src) = source_of(text.as_bytes(), 0);
    let folded = AtomicUsize::new(0);
    let ranges = guided_ranges(src.index.len(), 2, 256);
    assert!(ranges.len() > 2);
    let mined = mine_with(&src, ranges, cache::limits, &folded, None).0;
    assert_eq!(folded.load(Ordering::Relaxed), src.index.len());
    assert_eq!(mined, plain(&src));
    let counted = AtomicUsize::new(0);
    mine_source_counting(&src, &counted);
    assert_eq!(counted.load(Ordering::Relaxed), 3000);
}

/// Templates of real logs read as their users read them.
mod corpus_templates;

/// Corpus logs whose messages a header rule ate whole (`<*>` templates).
mod lost_messages;

/// Templates that kept too little of their lines (calls, markers, empty ones).
mod whole_templates;

/// A log read on after it grew (`source::extend`) mined from where mining
/// it stopped.
mod resumed;
