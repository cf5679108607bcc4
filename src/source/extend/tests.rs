//! A grown log read on from where it was read (`extend`) gives the source a
//! whole read of it gives; the cases it declines are read whole.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::source::test_support::options;
use crate::source::{Input, Settings, Source, SourceSpec, extend, index, open, resume_point};

fn spec(path: &Path) -> SourceSpec {
    SourceSpec {
        name: "t".into(),
        input: Input::Files(vec![path.to_path_buf()]),
        settings: Settings::default(),
    }
}

fn whole(path: &Path) -> Source {
    let spec = spec(path);
    let (parts, warnings) = open(&spec).expect("opens");
    index(&spec, Arc::new(parts), warnings, &options(), |_| {})
}

/// `old`'s file read on, or None when `resume_point` or `extend` declines.
fn read_on(old: &Source, path: &Path) -> Option<Source> {
    let spec = spec(path);
    let (parts, warnings) = open(&spec).expect("opens");
    let parts = Arc::new(parts);
    let resume = resume_point(old, &parts)?;
    extend(&spec, parts.clone(), warnings, &options(), resume, |_| {})
}

/// The same records (bytes, times, levels, flags), stats, format and warnings.
fn assert_same(on: &Source, whole: &Source, what: &str) {
    assert_eq!(on.index.len(), whole.index.len(), "{what}: records");
    for i in 0..whole.index.len() {
        assert_eq!(on.index.get(i), whole.index.get(i), "{what}: record {i}");
        assert_eq!(
            on.record_bytes(i),
            whole.record_bytes(i),
            "{what}: record {i}"
        );
    }
    assert_eq!(on.index.stats, whole.index.stats, "{what}: stats");
    assert_eq!(on.detection, whole.detection, "{what}: detection");
    assert_eq!(on.warnings, whole.warnings, "{what}: warnings");
}

/// A corpus file's lines, repeated until there are over `bytes` of them.
fn repeated(corpus: &str, bytes: usize) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(corpus);
    let mut one = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if one.last() != Some(&b'\n') {
        one.push(b'\n');
    }
    let mut out = Vec::new();
    while out.len() < bytes {
        out.extend_from_slice(&one);
    }
    out
}

/// Line starts in `text` at about each of `fractions` of it.
fn cuts(text: &[u8], fractions: &[f64]) -> Vec<usize> {
    fractions
        .iter()
        .map(|f| {
            let at = (text.len() as f64 * f) as usize;
            at + memchr::memchr(b'\n', &text[at..]).map_or(0, |n| n + 1)
        })
        .collect()
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).expect("write");
}

fn append(path: &Path, bytes: &[u8]) {
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(path)
        .expect("open");
    f.write_all(bytes).expect("append");
}

fn temp(dir: &tempfile::TempDir, name: &str) -> PathBuf {
    dir.path().join(name)
}

#[test]
fn a_grown_log_read_on_is_the_log_read_whole() {
    // Over format detection's sample, cut at lines in its middle and near its
    // ends; continuation lines (Java and Python traces, Go panics) cross cuts.
    let logs = [
        "syslog-rfc3339/rsyslog-fileformat-rfc3339.log",
        "json-lines/zap-production.jsonl",
        "go/zap-development-console.log",
        "ansi/python-loguru-colorized.log",
        "go/panic-index-out-of-range.log",
        "go/http-handler-panic-recovered.log",
        "journald/journalctl-short-iso.txt",
        "nginx/error.log",
    ];
    let dir = tempfile::tempdir().expect("temp dir");
    for log in logs {
        let text = repeated(log, 400 << 10);
        for (k, cut) in cuts(&text, &[0.7, 0.93, 0.9999]).into_iter().enumerate() {
            let path = temp(&dir, &format!("{k}-{}", log.replace('/', "-")));
            write(&path, &text[..cut]);
            let old = whole(&path);
            append(&path, &text[cut..]);
            let on = read_on(&old, &path).unwrap_or_else(|| panic!("{log} at {cut}: declined"));
            assert!(
                on.index.len() > old.index.len() || cut == text.len(),
                "{log}"
            );
            assert_same(&on, &whole(&path), &format!("{log} cut at {cut}"));
        }
    }
}

#[test]
fn a_log_grown_twice_is_read_on_twice() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = temp(&dir, "app.log");
    let text = repeated("go/zap-development-console.log", 600 << 10);
    let [a, b] = cuts(&text, &[0.5, 0.8])[..] else {
        unreachable!()
    };
    write(&path, &text[..a]);
    let first = whole(&path);
    append(&path, &text[a..b]);
    let second = read_on(&first, &path).expect("read on");
    append(&path, &text[b..]);
    let third = read_on(&second, &path).expect("read on again");
    assert_same(&third, &whole(&path), "twice");
}

#[test]
fn what_changes_a_whole_read_is_read_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = repeated("syslog-rfc3339/rsyslog-fileformat-rfc3339.log", 600 << 10);
    // Past detection's sample: that is not why these are declined.
    let half = cuts(&text, &[0.5])[0];
    assert!(half > crate::source::SAMPLE);

    // Rotated: another file at the path.
    let path = temp(&dir, "rotated.log");
    write(&path, &text[..half]);
    let old = whole(&path);
    std::fs::rename(&path, temp(&dir, "rotated.log.1")).expect("rename");
    write(&path, &text);
    assert!(read_on(&old, &path).is_none(), "rotated");

    // Cut shorter, then written past its old length (copytruncate).
    let path = temp(&dir, "truncated.log");
    write(&path, &text[..half]);
    let old = whole(&path);
    assert!(old.parts.refresh().is_empty());
    std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .expect("open")
        .set_len(0)
        .expect("truncate");
    assert_eq!(old.parts.refresh().len(), 1, "the shrink is seen");
    // The same first bytes again, and more: only the shrink tells.
    append(&path, &text);
    assert!(read_on(&old, &path).is_none(), "shrank, then grew");

    // Shorter than detection's sample: detection may read it otherwise.
    let path = temp(&dir, "short.log");
    let short = cuts(&text, &[0.3])[0];
    assert!(short < crate::source::SAMPLE);
    write(&path, &text[..short]);
    let old = whole(&path);
    append(&path, &text[short..]);
    assert!(read_on(&old, &path).is_none(), "under the sample");

    // Compressed: decoded into a copy, not mapped.
    let path = temp(&dir, "log.gz");
    let gz = |t: &[u8]| {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(t).expect("gzip");
        e.finish().expect("gzip")
    };
    write(&path, &gz(&text[..half]));
    let old = whole(&path);
    append(&path, &gz(&text[half..]));
    assert!(read_on(&old, &path).is_none(), "gzip");
}

#[test]
fn times_of_day_dated_by_the_last_line_are_read_whole() {
    // `HH:MM:SS` stamps take their day from the file's last line.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = temp(&dir, "clock.log");
    let mut text = String::new();
    let mut k = 0;
    while text.len() < 700 << 10 {
        text.push_str(&format!(
            "{:02}:{:02}:{:02}.{:03} INFO request {k} served\n",
            (k / 3_600_000) % 24,
            (k / 60_000) % 60,
            (k / 1000) % 60,
            k % 1000
        ));
        k += 7;
    }
    let half = cuts(text.as_bytes(), &[0.5])[0];
    assert!(half > crate::source::SAMPLE);
    write(&path, &text.as_bytes()[..half]);
    let old = whole(&path);
    assert!(old.detection.format.times_of_day(), "{:?}", old.detection);
    append(&path, &text.as_bytes()[half..]);
    assert!(read_on(&old, &path).is_none());
}

#[test]
fn a_log_across_the_end_of_summer_time_is_read_whole() {
    // Stamps without an offset, read in a zone whose clocks go back within
    // the log: its repeated hour is placed over the whole index.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = temp(&dir, "berlin.log");
    let mut text = String::new();
    // Europe/Berlin went back from 03:00 to 02:00 on 2026-10-25: one line a
    // second from 00:00, as written (02:xx twice).
    let mut t = chrono::NaiveDate::from_ymd_opt(2026, 10, 25)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .expect("date");
    let mut second_pass = false;
    while text.len() < 700 << 10 {
        text.push_str(&format!("{} INFO tick\n", t.format("%Y-%m-%d %H:%M:%S")));
        t += chrono::Duration::seconds(1);
        if !second_pass && t.format("%H:%M:%S").to_string() == "03:00:00" {
            second_pass = true;
            t -= chrono::Duration::hours(1);
        }
    }
    let opts = crate::source::LoadOptions {
        zone: crate::index::Zone::Named(chrono_tz::Europe::Berlin),
        ..options()
    };
    let half = cuts(text.as_bytes(), &[0.6])[0];
    assert!(half > crate::source::SAMPLE);
    write(&path, &text.as_bytes()[..half]);
    let spec = spec(&path);
    let (parts, warnings) = open(&spec).expect("opens");
    let old = index(&spec, Arc::new(parts), warnings, &opts, |_| {});
    append(&path, &text.as_bytes()[half..]);
    let (parts, warnings) = open(&spec).expect("opens");
    let parts = Arc::new(parts);
    let resume = resume_point(&old, &parts).expect("a grown log");
    assert!(extend(&spec, parts, warnings, &opts, resume, |_| {}).is_none());
}

#[test]
fn a_log_whose_times_go_back_is_read_on_over_the_range_a_whole_read_gives() {
    // Services interleaved by `docker compose logs -t`, relayed syslog:
    // times step back now and then. A source's first and last times (the
    // timeline's range) are its least and greatest, wherever a read was cut.
    let logs = [
        "docker/lnav-logfile_docker_compose_with_ts.0",
        "syslog-rfc5424/logger-udp-via-rsyslog.log",
    ];
    let dir = tempfile::tempdir().expect("temp dir");
    for log in logs {
        let text = repeated(log, 300 << 10);
        let cut = cuts(&text, &[0.9])[0];
        let path = temp(&dir, &log.replace('/', "-"));
        write(&path, &text[..cut]);
        let old = whole(&path);
        append(&path, &text[cut..]);
        let on = read_on(&old, &path).expect("read on");
        let whole = whole(&path);
        let times: Vec<_> = (0..whole.index.len())
            .filter_map(|i| whole.index.get(i))
            .filter(|e| e.own_time())
            .map(|e| e.time())
            .collect();
        let range = (times.iter().min().copied(), times.iter().max().copied());
        assert_eq!(
            (whole.index.stats.first, whole.index.stats.last),
            range,
            "{log}: whole"
        );
        assert_same(&on, &whole, log);
    }
}

#[test]
fn a_record_the_new_lines_finish_is_read_on_from_its_start() {
    // The old read ended between lines that make one record: a record's
    // level or time on a line written after it (java.util.logging's
    // `LEVEL: message` under its header, a journal entry's `PRIORITY=` or
    // `__REALTIME_TIMESTAMP=`), or the rest of a journal entry. Read on
    // from where that record begins, it is the record a whole read makes.
    // A line inside a record, given the line above it.
    type Inside = fn(&[u8], &[u8]) -> bool;
    let cases: [(&str, Inside); 3] = [
        ("log4j/jul-simpleformatter.log", |_, line| {
            line.starts_with(b"INFO: ") || line.starts_with(b"WARNING: ")
        }),
        ("journald/journalctl-verbose.txt", |_, line| {
            line.starts_with(b"    PRIORITY=")
        }),
        ("journald/journalctl.export", |above, line| {
            above.starts_with(b"__CURSOR=") && line.starts_with(b"__REALTIME_TIMESTAMP=")
        }),
    ];
    let dir = tempfile::tempdir().expect("temp dir");
    for (log, inside) in cases {
        let text = repeated(log, 300 << 10);
        let from = cuts(&text, &[0.9])[0];
        let starts: Vec<usize> = std::iter::once(from)
            .chain(memchr::memchr_iter(b'\n', &text[from..]).map(|n| from + n + 1))
            .filter(|&at| at < text.len())
            .collect();
        let line = |at: usize| {
            &text[at..memchr::memchr(b'\n', &text[at..]).map_or(text.len(), |n| at + n)]
        };
        let (above, cut) = starts
            .windows(2)
            .map(|w| (w[0], w[1]))
            .find(|&(a, c)| inside(line(a), line(c)))
            .unwrap_or_else(|| panic!("{log}: a line inside a record"));
        let path = temp(&dir, &log.replace('/', "-"));
        write(&path, &text[..cut]);
        let old = whole(&path);
        append(&path, &text[cut..]);
        let on = read_on(&old, &path).unwrap_or_else(|| panic!("{log}: declined in a record"));
        assert_same(&on, &whole(&path), &format!("{log} inside a record"));
        // Cut where that record begins, it is read on.
        write(&path, &text[..above]);
        let old = whole(&path);
        append(&path, &text[above..]);
        let on = read_on(&old, &path).unwrap_or_else(|| panic!("{log}: declined at a record"));
        assert_same(&on, &whole(&path), log);
    }
}

/// Syslog lines without a year from `from` on, a second apart, local time
/// in UTC+1 (`Mon DD HH:MM:SS host app[pid]: msg`), over `bytes`.
fn syslog_lines(from: (u32, u32, u32), bytes: usize) -> Vec<u8> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let start = crate::time::civil_to_nanos(2026, from.0, from.1, from.2, 0, 0, 0).expect("date");
    let mut out = Vec::new();
    let mut k = 0;
    while out.len() < bytes {
        let d = crate::time::to_datetime(start + k * 1_000_000_000);
        use chrono::{Datelike, Timelike};
        out.extend_from_slice(
            format!(
                "{} {:>2} {:02}:{:02}:{:02} web01 app[4242]: request {k} served in {} ms\n",
                MONTHS[d.month0() as usize],
                d.day(),
                d.hour(),
                d.minute(),
                d.second(),
                k % 97
            )
            .as_bytes(),
        );
        k += 1;
    }
    out
}

fn set_mtime(path: &Path, utc: &str) {
    let t = std::time::UNIX_EPOCH + std::time::Duration::from_nanos(crate::time::at(utc) as u64);
    std::fs::File::options()
        .write(true)
        .open(path)
        .expect("open")
        .set_modified(t)
        .expect("mtime");
}

#[test]
fn a_log_without_years_followed_past_new_year_is_dated_as_read_whole() {
    // A host in UTC+1 writes local stamps without a year; this machine reads
    // them in UTC. At 23:30 UTC on New Year's Eve its lines already say
    // `Jan  1 00:…`. Years are inferred from the file's mtime's day: once
    // that day changed, a read on would keep the lines read before in the
    // years the old day gave.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = temp(&dir, "syslog");
    // From Dec 31 22:00 local, an hour and a half of lines: past midnight.
    let text = syslog_lines((12, 31, 22), 800 << 10);
    let cut = cuts(&text, &[0.6])[0];
    assert!(String::from_utf8_lossy(&text[cut..cut + 6]).starts_with("Jan  1"));
    write(&path, &text[..cut]);
    set_mtime(&path, "2026-12-31T23:30:00Z");
    let old = whole(&path);
    assert!(old.index.stats.assumptions.inferred_year);
    // Grown the same UTC day: read on.
    let more = cuts(&text, &[0.7])[0];
    append(&path, &text[cut..more]);
    set_mtime(&path, "2026-12-31T23:40:00Z");
    let on = read_on(&old, &path).expect("read on, the same day");
    assert_same(&on, &whole(&path), "the same day");
    // Grown past midnight UTC.
    append(&path, &text[more..]);
    set_mtime(&path, "2027-01-01T00:20:00Z");
    let whole_now = whole(&path);
    if let Some(later) = read_on(&on, &path) {
        assert_same(&later, &whole_now, "the next day");
    }
    assert!(read_on(&on, &path).is_none(), "another day: read whole");
}

#[test]
fn a_file_rewritten_in_place_unseen_is_read_whole() {
    // `kubectl logs app > app.log` run again after the pod restarted, or a
    // copytruncate and a burst of writes between two of the watcher's
    // looks: the same file, longer, but other bytes where it was read. No
    // shrink was seen; what was read is not the start of the file now.
    let dir = tempfile::tempdir().expect("temp dir");
    let text = repeated("syslog-rfc3339/rsyslog-fileformat-rfc3339.log", 600 << 10);
    let half = cuts(&text, &[0.5])[0];
    let path = temp(&dir, "pod.log");
    write(&path, &text[..half]);
    let old = whole(&path);
    // Another run's log: the same lines from another start, longer, a line
    // ending where the old one did (one line in 80 or so does).
    let other = memchr::memchr_iter(b'\n', &text[..half / 4])
        .map(|n| n + 1)
        .find(|&at| text[at + half - 1] == b'\n')
        .expect("a line start");
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(&path)
        .expect("open");
    f.write_all(&text[other..]).expect("rewrite");
    drop(f);
    assert!(text.len() - other > half);
    assert!(read_on(&old, &path).is_none(), "rewritten in place");
    // Grown only: read on.
    write(&path, &text[..half]);
    let old = whole(&path);
    append(&path, &text[half..]);
    assert!(read_on(&old, &path).is_some(), "grown");
}

/// Logs whose records run over many lines: Java traces under log4j2's and
/// java.util.logging's records, Go panics in a log and in a dump, journal
/// entries (`-o verbose`, `-o export`), and one-line records.
const MANY_LINED: [&str; 9] = [
    "log4j/log4j2-console.log",
    "log4j/jul-simpleformatter.log",
    "go/http-handler-panic-recovered.log",
    "go/panic-index-out-of-range.log",
    "go/fatal-concurrent-map-writes.log",
    "journald/journalctl-verbose.txt",
    "journald/journalctl.export",
    "go/zap-development-console.log",
    "syslog-rfc3339/rsyslog-fileformat-rfc3339.log",
];

/// Places in `text` where a writer that flushes blocks leaves its file:
/// inside lines (at about each of `fractions`, halfway through the line
/// there), and at the starts of lines inside a record a whole read makes
/// (a trace's, a dump's, a journal entry's later lines; a log of one-line
/// records has none) and inside those.
fn writer_cuts(path: &Path, text: &[u8], fractions: &[f64]) -> Vec<usize> {
    let mut out: Vec<usize> = cuts(text, fractions)
        .into_iter()
        .filter(|&at| at < text.len())
        .map(|at| at + memchr::memchr(b'\n', &text[at..]).map_or(1, |n| n / 2 + 1))
        .collect();
    write(path, text);
    let read = whole(path);
    let starts: std::collections::HashSet<u64> = (0..read.index.len())
        .filter_map(|i| read.index.get(i))
        .map(|e| e.offset())
        .collect();
    let from = cuts(text, &[0.8])[0];
    let inside: Vec<usize> = memchr::memchr_iter(b'\n', &text[from..])
        .map(|n| from + n + 1)
        .filter(|&at| at + 1 < text.len() && !starts.contains(&(at as u64)))
        .collect();
    if inside.is_empty() {
        // One-line records.
        return out;
    }
    for k in [0, inside.len() / 2, inside.len() - 1] {
        out.push(inside[k]);
        out.push(inside[k] + 1);
    }
    out
}

#[test]
fn a_log_read_mid_line_or_mid_record_is_read_on_as_read_whole() {
    // `python app.py > app.log`, a JVM's redirected stdout: a writer that
    // flushes 4–8 KiB blocks leaves its log cut inside a line at most reads,
    // and a trace or a journal entry being written leaves it inside a record.
    // Read on from where the last record begins, it is what a whole read is.
    let dir = tempfile::tempdir().expect("temp dir");
    for log in MANY_LINED {
        let text = repeated(log, 400 << 10);
        let name = log.replace('/', "-");
        let at = writer_cuts(
            &temp(&dir, &format!("all-{name}")),
            &text,
            &[0.7, 0.93, 0.9999],
        );
        for (k, &cut) in at.iter().enumerate() {
            let path = temp(&dir, &format!("{k}-{name}"));
            write(&path, &text[..cut]);
            let old = whole(&path);
            append(&path, &text[cut..]);
            let on = read_on(&old, &path).unwrap_or_else(|| panic!("{log} at {cut}: declined"));
            assert_same(&on, &whole(&path), &format!("{log} cut at {cut}"));
        }
    }
}

#[test]
fn a_log_flushed_in_blocks_is_read_on_at_every_block() {
    // A block-buffered writer's log, read after each of its 8 KiB blocks
    // (and twice more within one), each read going on from the last: equal
    // to a whole read every time.
    let dir = tempfile::tempdir().expect("temp dir");
    for log in MANY_LINED {
        let text = repeated(log, 300 << 10);
        let path = temp(&dir, &log.replace('/', "-"));
        let start = crate::source::SAMPLE + 4097;
        write(&path, &text[..start]);
        let mut read = whole(&path);
        let mut at = start;
        let mut reads = 0;
        while at < text.len() && reads < 12 {
            let next = (at + if reads % 3 == 0 { 8192 } else { 1001 }).min(text.len());
            append(&path, &text[at..next]);
            at = next;
            read = read_on(&read, &path).unwrap_or_else(|| panic!("{log} at {at}: declined"));
            assert_same(&read, &whole(&path), &format!("{log} read on to {at}"));
            reads += 1;
        }
    }
}

#[test]
fn an_uncaught_exception_under_an_info_record_is_its_own_record_when_read_on() {
    // A JVM's stdout: the logger's lines, then an exception no record
    // logged (`Exception in thread "main"`). Under an INFO record a whole
    // read makes it an error record of its own; under an ERROR record, the
    // trace that record logged. Read on at the exception, or inside its
    // first line, the same.
    let dir = tempfile::tempdir().expect("temp dir");
    for level in ["INFO", "ERROR"] {
        let mut text = String::new();
        let mut k = 0;
        while text.len() < 300 << 10 {
            text.push_str(&format!(
                "2026-11-23T14:{:02}:{:02}Z INFO request {k} served\n",
                k / 60 % 60,
                k % 60
            ));
            k += 1;
        }
        text.push_str(&format!("2026-11-23T15:00:00Z {level} worker stopping\n"));
        let at = text.len();
        text.push_str("Exception in thread \"main\" java.lang.IllegalStateException: pool closed\n\tat Pool.take(Pool.java:41)\n\tat Main.main(Main.java:12)\n2026-11-23T15:00:01Z INFO restarted\n");
        for cut in [at, at + 9] {
            let path = temp(&dir, &format!("{level}-{cut}.log"));
            write(&path, &text.as_bytes()[..cut]);
            let old = whole(&path);
            append(&path, &text.as_bytes()[cut..]);
            let whole = whole(&path);
            if cut == at {
                // The exception's own record, and the line after it.
                let own = usize::from(level == "INFO");
                assert_eq!(whole.index.len(), old.index.len() + own + 1, "{level}");
            }
            let on = read_on(&old, &path).unwrap_or_else(|| panic!("{level} at {cut}: declined"));
            assert_same(&on, &whole, &format!("{level} at {cut}"));
        }
    }
}
