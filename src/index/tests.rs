use super::*;
use crate::format::Format;

fn ctx() -> ChunkCtx {
    ChunkCtx {
        format: Format::Iso8601,
        resolver: Resolver::new(Zone::Fixed(0), 0, None),
        grouping: Grouping::Dense,
        levels: true,
    }
}

fn build(data: &[u8], chunk: usize) -> Index {
    let mut idx = Index::default();
    for (s, e) in chunk_bounds(data, 0, data.len(), chunk) {
        let out = chunk::index_chunk(data, 0, s, e, &ctx(), s == 0);
        idx.stitch(out);
    }
    idx
}

fn sample(n: usize) -> Vec<u8> {
    let mut v = Vec::new();
    for i in 0..n {
        let lvl = if i % 97 == 0 { "ERROR" } else { "INFO" };
        v.extend_from_slice(
            format!(
                "2022-03-24 {:02}:{:02}:{:02} {lvl} line {i}\n",
                i / 3600 % 24,
                i / 60 % 60,
                i % 60
            )
            .as_bytes(),
        );
        if i % 50 == 0 {
            v.extend_from_slice(b"\tat some.Frame(File.java:1)\n");
        }
    }
    v
}

#[test]
fn chunking_does_not_change_the_result() {
    let data = sample(5000);
    let whole = build(&data, usize::MAX);
    for size in [64, 1000, 4096] {
        let parts = build(&data, size);
        assert_eq!(parts.len(), whole.len(), "chunk size {size}");
        assert_eq!(parts.stats, whole.stats, "chunk size {size}");
        for i in 0..whole.len() {
            assert_eq!(
                parts.get(i),
                whole.get(i),
                "record {i} with chunk size {size}"
            );
        }
    }
    assert_eq!(whole.len(), 5000);
    assert_eq!(whole.stats.lines, 5100);
}

#[test]
fn time_lookup_matches_a_scan() {
    let data = sample(5000);
    let idx = build(&data, 4096);
    let t0 = idx.get(0).map(|e| e.time()).expect("record");
    for probe in [
        t0 - 1,
        t0,
        t0 + 1,
        t0 + 1_500_000_000_000,
        t0 + 10_000_000_000_000,
    ] {
        let scan = (0..idx.len())
            .rev()
            .find(|&i| idx.get(i).is_some_and(|e| e.time() <= probe));
        assert_eq!(idx.at_or_before(probe), scan, "probe {probe}");
    }
}

#[test]
fn level_jumps_match_a_scan() {
    let data = sample(5000);
    let idx = build(&data, 4096);
    let is_err = |l: Option<Level>| l.is_some_and(Level::is_error);
    let mut i = 0;
    let mut seen = vec![];
    while let Some(n) = idx.next_level(i, is_err) {
        seen.push(n);
        i = n;
    }
    let expected: Vec<usize> = (1..idx.len())
        .filter(|&k| is_err(idx.get(k).and_then(|e| e.level())))
        .collect();
    assert_eq!(seen, expected);
    assert_eq!(idx.prev_level(idx.len(), is_err), expected.last().copied());
}

#[test]
fn leading_untimed_inherit_across_chunks() {
    let data = b"2022-03-24 17:00:00 INFO a\npanic: boom\n2022-03-24 17:00:01 INFO b\n";
    let idx = build(data, 10);
    assert_eq!(idx.len(), 3);
    let panic = idx.get(1).expect("record");
    assert!(panic.has(flags::INHERITED));
    assert_eq!(panic.time(), idx.get(0).expect("record").time());
}

#[test]
fn at_or_after_is_the_first_of_records_sharing_a_time() {
    // Seven kernel lines in one second: --since that second starts at the first.
    let data = b"2022-03-24 17:23:04 INFO a\n\
2022-03-24 17:23:07 ERROR GPU HANG\n\
2022-03-24 17:23:07 INFO reset\n\
2022-03-24 17:23:07 INFO dump saved\n\
2022-03-24 17:23:08 INFO b\n";
    let idx = build(data, usize::MAX);
    let t = crate::time::at("2022-03-24T17:23:07Z");
    assert_eq!(idx.at_or_after(t), Some(1));
    assert_eq!(idx.at_or_before(t), Some(3));
    assert_eq!(idx.at_or_after(t + 1), Some(4));
    assert_eq!(
        idx.at_or_after(crate::time::at("2022-03-24T17:23:09Z")),
        None
    );
    assert_eq!(idx.at_or_after(Nanos::MIN), Some(0));
}

/// journald's shape: a service's panic, one dated line per line of it.
#[test]
fn chunk_cuts_keep_a_dated_panic_whole() {
    let mut data = Vec::new();
    for i in 0..200 {
        data.extend_from_slice(format!("Nov 23 14:08:39 vm app[7]: working on {i}\n").as_bytes());
        if i % 40 == 39 {
            data.extend_from_slice(b"Nov 23 14:08:39 vm app[7]: panic: boom\n");
            for g in 0..30 {
                data.extend_from_slice(
                    format!(
                        "Nov 23 14:08:39 vm app[7]: goroutine {g} [running]:\n\
                         Nov 23 14:08:39 vm app[7]: main.main()\n\
                         Nov 23 14:08:39 vm app[7]:         /a/main.go:3 +0x2\n"
                    )
                    .as_bytes(),
                );
            }
        }
    }
    let c = ChunkCtx {
        format: Format::Syslog3164,
        resolver: Resolver::new(Zone::Fixed(0), 0, None),
        grouping: Grouping::Dense,
        levels: true,
    };
    let build = |chunk: usize| {
        let mut idx = Index::default();
        let bounds = chunk_bounds(&data, 0, data.len(), chunk);
        for (s, e) in cuts_outside_traces(&data, bounds, &c.format) {
            idx.stitch(chunk::index_chunk(&data, 0, s, e, &c, s == 0));
        }
        idx
    };
    let whole = build(usize::MAX);
    assert_eq!(whole.len(), 200 + 5);
    for size in [100, 1000, 4096] {
        let parts = build(size);
        let offsets = |i: &Index| {
            (0..i.len())
                .map(|k| i.get(k).map(|e| e.offset()))
                .collect::<Vec<_>>()
        };
        assert_eq!(offsets(&parts), offsets(&whole), "chunk size {size}");
    }
}

/// Indexes `data` as the loader does, in chunks of about `chunk` bytes; the
/// records' offsets.
fn offsets_in_chunks(data: &[u8], format: &Format, grouping: Grouping, chunk: usize) -> Vec<u64> {
    let c = ChunkCtx {
        format: format.clone(),
        resolver: Resolver::new(Zone::Fixed(0), 0, None),
        grouping,
        levels: true,
    };
    let mut idx = Index::default();
    let slice = Slice {
        data,
        base: 0,
        range: 0..data.len(),
        part_start: true,
    };
    idx.append_in_chunks(slice, &c, chunk, |_, _| {});
    (0..idx.len())
        .filter_map(|k| idx.get(k).map(|e| e.offset()))
        .collect()
}

/// Whatever the chunk size, down to a line a chunk, the same records.
fn assert_cuts_move_no_record(data: &[u8], format: &Format, grouping: Grouping) -> Vec<u64> {
    let whole = offsets_in_chunks(data, format, grouping, usize::MAX);
    for size in [1, 30, 100, 1000] {
        assert_eq!(
            offsets_in_chunks(data, format, grouping, size),
            whole,
            "{format:?}, chunk size {size}"
        );
    }
    whole
}

/// `docker compose logs` without `-t`: a service that dates its lines and
/// one that does not. Each undated line of the other service starts a
/// record, also as the first line of a chunk; its own next line joins it.
#[test]
fn compose_services_lines_start_records_wherever_chunks_are_cut() {
    let mut data = Vec::new();
    let mut starts = Vec::new();
    for i in 0..60 {
        starts.push(data.len() as u64);
        data.extend_from_slice(
            format!(
                "worker-1  | 2026/12/01 15:04:{:02}.000001 job {i}\n",
                i % 60
            )
            .as_bytes(),
        );
        if i % 3 == 2 {
            starts.push(data.len() as u64);
            data.extend_from_slice(format!("web-1     |  * request {i}\n").as_bytes());
            if i % 9 == 8 {
                data.extend_from_slice(b"web-1     |    (its detail)\n");
            }
        }
    }
    let whole = assert_cuts_move_no_record(&data, &Format::DockerCompose, Grouping::Dense);
    assert_eq!(whole, starts);
}

/// journald merges units: another process's lines inside a service's dated
/// panic. The panic's lines after them are one piece, wherever a chunk is
/// cut (a chunk starting at the other unit's line must know the trace is open).
#[test]
fn chunk_cuts_at_another_units_line_keep_a_dated_panics_pieces() {
    let mut data = Vec::new();
    for i in 0..40 {
        data.extend_from_slice(format!("Nov 23 14:08:39 vm app[7]: working on {i}\n").as_bytes());
        if i % 10 == 9 {
            data.extend_from_slice(b"Nov 23 14:08:39 vm app[7]: panic: boom\n");
            for g in 0..6 {
                data.extend_from_slice(
                    format!(
                        "Nov 23 14:08:39 vm app[7]: goroutine {g} [running]:\n\
                         Nov 23 14:08:39 vm other[9]: tick {g}\n\
                         Nov 23 14:08:39 vm app[7]: main.main()\n\
                         Nov 23 14:08:39 vm app[7]:         /a/main.go:3 +0x2\n"
                    )
                    .as_bytes(),
                );
            }
        }
    }
    let whole = assert_cuts_move_no_record(&data, &Format::Syslog3164, Grouping::Dense);
    // 40 lines, 4 panics of 6 goroutines: each other unit's line a record,
    // and the piece of the panic after it.
    assert_eq!(whole.len(), 40 + 4 * (1 + 6 * 2));
}

/// A log without timestamps, whose lines are records of their own: a Go
/// panic's stack stays one record across a cut (the chunk after it must know
/// a trace is open, or `main.main()` would start a record).
#[test]
fn chunk_cuts_keep_an_undated_panic_whole_in_a_plain_log() {
    let mut data = Vec::new();
    for i in 0..20 {
        data.extend_from_slice(format!("working on {i}\n").as_bytes());
    }
    data.extend_from_slice(b"panic: boom\n\n");
    for g in 0..8 {
        data.extend_from_slice(
            format!("goroutine {g} [running]:\nmain.main()\n\t/a/main.go:3 +0x2\n\n").as_bytes(),
        );
    }
    data.extend_from_slice(b"restarted\n");
    let whole = assert_cuts_move_no_record(&data, &Format::Plain, Grouping::Sparse);
    assert_eq!(whole.len(), 20 + 1 + 1);
}

/// A Python log with an exception that an error logged and one that nothing
/// did: whatever the chunk size, the logged one stays in its error's record
/// and the uncaught one is a record of its own (its rule reads the level of
/// the record above, which a cut right before it would hide). Not a plain log
/// read dense, one record in all: a chunk does not see the level of a record
/// that began chunks before it.
#[test]
fn chunk_cuts_keep_a_tracebacks_record_whatever_logged_it() {
    let trace = "Traceback (most recent call last):\n  File \"w.py\", line 9, in <module>\n    f({})\nKeyError: 'user'\n";
    let mut data = String::new();
    for (i, level) in ["INFO", "ERROR", "INFO", "WARNING", "INFO"]
        .iter()
        .enumerate()
    {
        data.push_str(&format!(
            "2026-12-02 13:10:0{i},100 {level} worker: step {i}\n"
        ));
        if *level != "INFO" || i == 4 {
            data.push_str(trace);
        }
    }
    for (format, grouping) in [
        (Format::Plain, Grouping::Sparse),
        (Format::Iso8601, Grouping::Sparse),
        (Format::Iso8601, Grouping::Dense),
    ] {
        let whole = assert_cuts_move_no_record(data.as_bytes(), &format, grouping);
        // Five dated lines, and the uncaught traceback after the last INFO.
        assert_eq!(whole.len(), 6, "{format:?} {grouping:?}");
    }
}

/// java.util.logging: a record's `LEVEL: message` line gives the header
/// above it its level, so no cut falls between them.
#[test]
fn a_jul_records_level_line_stays_with_its_header_wherever_chunks_are_cut() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/log4j/jul-simpleformatter.log"
    );
    let text = std::fs::read_to_string(path).expect("corpus file");
    // And an INFO record's `Throwable` (tests/jul.rs), kept without state.
    let info = text
        .replace("SEVERE: configuration", "INFO: configuration")
        .replace("java.lang.IllegalArgumentException", "java.lang.Throwable");
    for data in [text.repeat(20), info.repeat(20)] {
        let data = data.as_bytes();
        let whole = assert_cuts_move_no_record(data, &Format::Jul, Grouping::Sparse);
        assert_eq!(whole.len(), 4 * 20);
        assert!(
            whole
                .iter()
                .all(|&o| data[o as usize..].starts_with(b"Nov 23, 2026 "))
        );
    }
}

/// `sample`'s records (a stack trace under every 50th) last first, each
/// record's lines as written: reversed, the index holds the records of the
/// sample as written, in the same order, with the same times and flags, and
/// `end_of` and `holding` find each record's bytes in the reversed file.
#[test]
fn a_log_written_newest_first_reverses_to_the_log_written_oldest_first() {
    let data = sample(3000);
    let text = std::str::from_utf8(&data).expect("utf-8");
    let mut records: Vec<String> = Vec::new();
    for line in text.lines() {
        match records.last_mut() {
            Some(r) if line.starts_with('\t') => {
                r.push_str(line);
                r.push('\n');
            }
            _ => records.push(format!("{line}\n")),
        }
    }
    let rev: String = records.iter().rev().map(String::as_str).collect();
    let want = build(&data, 4096);
    let mut got = build(rev.as_bytes(), 4096);
    assert!(got.newest_first() && !want.newest_first());
    got.reverse();
    assert!(got.reversed() && !got.newest_first());
    assert_eq!((got.len(), records.len()), (want.len(), want.len()));
    let (mut w, mut g) = (want.stats.clone(), got.stats.clone());
    (w.forwards, g.forwards) = (0, 0);
    assert_eq!(
        g, w,
        "stats but forward steps (counted by line, then by record)"
    );
    for (i, record) in records.iter().enumerate() {
        let (a, b) = (got.get(i).expect("entry"), want.get(i).expect("entry"));
        assert_eq!(
            (a.time(), a.level(), a.flags()),
            (b.time(), b.level(), b.flags()),
            "record {i}"
        );
        let bytes =
            &rev.as_bytes()[a.offset() as usize..got.end_of(i).min(rev.len() as u64) as usize];
        assert_eq!(bytes, record.as_bytes(), "record {i}");
        assert_eq!(got.holding(a.offset() + 1), Some(i));
        assert_eq!(want.holding(b.offset()), Some(i));
    }
    for probe in [0, 1, 5_000_000_000_000, i64::MAX] {
        assert_eq!(got.at_or_before(probe), want.at_or_before(probe), "{probe}");
    }
}

/// Two hosts' lines interleaved, one clock 30 minutes behind (a syslog
/// aggregator's file): each host writes oldest first, every step to the slow
/// host is a step back and every step from it one forward, one fewer as the
/// file starts with the fast host. Not a log written newest first: it must
/// not be reversed. Nor is a log whose steps back are half its steps.
#[test]
fn a_log_interleaving_a_skewed_clock_is_not_newest_first() {
    let stamp = |s: usize| {
        format!(
            "2022-03-24 {:02}:{:02}:{:02}",
            s / 3600 % 24,
            s / 60 % 60,
            s % 60
        )
    };
    let mut v = String::new();
    for i in 0..600 {
        let t = 7200 + i;
        v += &format!("{} INFO host-a tick {i}\n", stamp(t));
        v += &format!("{} INFO host-b tick {i}\n", stamp(t - 1800));
    }
    let idx = build(v.as_bytes(), 4096);
    assert_eq!((idx.stats.backwards, idx.stats.forwards), (600, 599));
    assert!(!idx.newest_first());
    // A tac'd log, two lines a second (equal stamps are no step), still
    // reads as newest first.
    let mut rev = String::new();
    for i in (0..600).rev() {
        rev += &format!("{} INFO tick {i}\n", stamp(7200 + i));
        rev += &format!("{} INFO tock {i}\n", stamp(7200 + i));
    }
    assert!(build(rev.as_bytes(), 4096).newest_first());
}

/// `journalctl -o verbose` and `-o export` (the corpus's 58 entries): an
/// entry's end decides its record (a Go panic's entries are one, at the
/// panic's level), so chunks are cut where entries begin, and one that
/// starts while the panic is open is indexed again from that state. Whatever
/// the chunk size, down to a line a chunk, the same records, times and levels.
#[test]
fn journal_entries_make_the_same_records_wherever_chunks_are_cut() {
    for (file, format) in [
        ("journalctl-verbose.txt", Format::JournalVerbose),
        ("journalctl.export", Format::JournalExport),
    ] {
        let path = format!(
            "{}/../shared/corpus/journald/{file}",
            env!("CARGO_MANIFEST_DIR")
        );
        let data = std::fs::read(path).expect("corpus file");
        let records = |chunk: usize| {
            let c = ChunkCtx {
                format: format.clone(),
                resolver: Resolver::new(Zone::Fixed(0), 0, None),
                grouping: Grouping::Sparse,
                levels: true,
            };
            let mut idx = Index::default();
            let slice = Slice {
                data: &data,
                base: 0,
                range: 0..data.len(),
                part_start: true,
            };
            idx.append_in_chunks(slice, &c, chunk, |_, _| {});
            (0..idx.len())
                .filter_map(|k| idx.get(k))
                .map(|e| (e.offset(), e.time(), e.level(), e.flags()))
                .collect::<Vec<_>>()
        };
        let whole = records(usize::MAX);
        assert_eq!(
            whole.len(),
            32,
            "{file}: 58 entries, a panic's 27 one record"
        );
        assert!(whole.iter().all(|r| r.3 == 0), "{file}: every time its own");
        assert_eq!(whole[17].2, Some(crate::level::Level::Panic), "{file}");
        for size in [1, 30, 100, 1000, 5000] {
            assert_eq!(records(size), whole, "{file}, chunk size {size}");
        }
    }
}

/// A Laravel log, read sparse: each entry's trace runs to the next dated
/// line (`RecordState::trace_above`), also where a chunk begins inside it.
#[test]
fn a_logged_trace_runs_to_the_next_dated_line_wherever_chunks_are_cut() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/misc/lnav-logfile_laravel.0"
    );
    let data = std::fs::read(path).expect("corpus file");
    let whole = assert_cuts_move_no_record(&data, &Format::Iso8601, Grouping::Sparse);
    assert_eq!(whole.len(), 82);
    assert!(
        whole
            .iter()
            .all(|&o| data[o as usize..].starts_with(b"[2023-"))
    );
}

/// A W3C log whose `#Fields:` line names other columns from its sixth
/// block on (the corpus's IIS log, rewritten so): the lines after it are
/// read with them, wherever chunks are cut (a chunk after the change is
/// redone from the columns the one before ended with), and give the
/// times and levels the file as IIS wrote it gives.
#[test]
fn a_w3c_fields_line_changes_the_columns_wherever_chunks_are_cut() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/misc/lnav-logfile_w3c_big.0"
    );
    let data = std::fs::read(path).expect("corpus file");
    let text = std::str::from_utf8(&data).expect("utf-8");
    let mut blocks = 0;
    let mut moved = String::new();
    for line in text.lines() {
        if line.starts_with("#Fields:") {
            blocks += 1;
        }
        let out = match line.split(' ').collect::<Vec<_>>()[..] {
            _ if blocks < 6 => line.to_owned(),
            ["#Fields:", ..] => "#Fields: c-ip sc-status time date cs-method cs-uri-stem".into(),
            [date, time, _, method, stem, _, _, _, ip, _, _, status, ..] => {
                format!("{ip} {status} {time} {date} {method} {stem}")
            }
            _ => line.to_owned(),
        };
        moved.push_str(&out);
        moved.push('\n');
    }
    assert_ne!(moved.as_bytes(), &data[..]);
    let read = |bytes: &[u8], chunk: usize| {
        let format = crate::format::detect(bytes).format;
        assert_eq!(format.name(), "w3c");
        let c = ChunkCtx {
            format,
            resolver: Resolver::new(Zone::Fixed(0), 0, None),
            grouping: Grouping::Dense,
            levels: true,
        };
        let mut idx = Index::default();
        let slice = Slice {
            data: bytes,
            base: 0,
            range: 0..bytes.len(),
            part_start: true,
        };
        idx.append_in_chunks(slice, &c, chunk, |_, _| {});
        (0..idx.len())
            .filter_map(|k| idx.get(k))
            .map(|e| (e.time(), e.level(), e.flags()))
            .collect::<Vec<_>>()
    };
    let written = read(&data, usize::MAX);
    assert_eq!(written.len(), 221);
    for size in [1, 300, 4096, 20_000, usize::MAX] {
        assert_eq!(read(moved.as_bytes(), size), written, "chunk size {size}");
    }
}
