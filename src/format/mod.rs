//! Log formats: what a line's timestamp and level look like, and automatic
//! detection of the format of a source from a sample of its first lines.
//!
//! Parsers are pure functions over one line's bytes (no allocation on the hot
//! path) and return the raw stamp; converting wall-clock times to UTC (zone,
//! missing year, time since boot) is the index's job, because it depends on
//! per-source settings and not on the line.

mod app;
pub mod clock;
pub(crate) use app::jul_level;
mod detect;
mod digits;
mod docker;
mod epoch;
pub(crate) mod golog;
mod header;
pub use header::Header;
pub mod infer;
mod iso;
pub mod journal_entry;
pub mod json;
pub mod json_text;
mod kernel;
mod logcat;
pub(crate) mod logfmt;
pub(crate) mod logrus;
pub mod message;
pub(crate) mod prefixed;
pub mod records;
pub mod shown;
mod strace;
mod syslog;
mod tai64n;
pub mod traces;
pub(crate) mod uwsgi;
mod vdsm;
pub mod w3c;
mod web;
mod zeek;

pub use detect::{DETECT_LINES, Detection, detect, long_panic, unread_shape};
pub use digits::*;

use crate::level::Level;
use crate::time::Nanos;

/// A timestamp as the line wrote it, before per-source interpretation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stamp {
    /// An instant: the line carried its zone or offset (or is defined as UTC).
    Utc(Nanos),
    /// A wall-clock time without zone, encoded as if it were UTC; the source's
    /// time zone turns it into an instant.
    Local(Nanos),
    /// Month, day and time without a year (RFC 3164 syslog): the year is
    /// inferred from the file's modification time. `nanos_of_day` is from midnight.
    /// `offset_min`: the offset east of UTC the line printed (logcat's `-v zone`),
    /// in minutes so that a stamp stays 16 bytes; None reads it in the source's zone.
    NoYear {
        month: u8,
        day: u8,
        offset_min: Option<i16>,
        nanos_of_day: i64,
    },
    /// A time of day without a date (logback's default, zerolog's console):
    /// the day is inferred from the file's modification time. As `NoYear`'s.
    NoDate {
        offset_min: Option<i16>,
        nanos_of_day: i64,
    },
    /// Time since the machine booted (dmesg, `journalctl -o short-monotonic`).
    SinceBoot(Nanos),
    /// A real date casefile cannot place (before 1900 or after 2191, an epoch
    /// past 64-bit nanoseconds): the line is undated, and a warning names it.
    OutOfRange,
}

/// A zoneless stamp from a date and a time of day: None when the date does not
/// exist, `OutOfRange` when it is real but outside the years casefile places.
pub(crate) fn local_stamp(year: u32, month: u32, day: u32, of_day: Nanos) -> Option<Stamp> {
    let year = i32::try_from(year).ok()?;
    match crate::time::civil_to_nanos(year, month, day, 0, 0, 0, 0) {
        // Within `time::YEARS` a day's worth of nanoseconds cannot overflow.
        Some(midnight) => Some(Stamp::Local(midnight + of_day)),
        None => crate::time::date_out_of_range(year, month, day).then_some(Stamp::OutOfRange),
    }
}

/// A zoneless stamp read with the offset (seconds east of UTC) the line gave.
pub(crate) fn with_offset(stamp: Stamp, off: i32) -> Stamp {
    match stamp {
        Stamp::Local(wall) => Stamp::Utc(wall - Nanos::from(off) * 1_000_000_000),
        // `zone_offset` reads whole minutes within ±14 h: they fit.
        Stamp::NoYear {
            month,
            day,
            nanos_of_day,
            ..
        } => Stamp::NoYear {
            month,
            day,
            offset_min: i16::try_from(off / 60).ok(),
            nanos_of_day,
        },
        s => s,
    }
}

/// What one line tells about itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LineInfo {
    pub stamp: Option<Stamp>,
    pub level: Option<Level>,
}

/// A detected or chosen format. Variants carry what detection learned
/// (e.g. which JSON key holds the time) so that per-line parsing stays cheap.
/// See `docs/FORMATS.md` for an example line of each.
#[derive(Debug, Clone, PartialEq)]
pub enum Format {
    /// `<38>1 2026-11-23T15:03:00.192+01:00 host app pid msgid [sd] msg`.
    Syslog5424,
    /// `[<PRI>]Mar  2 18:19:00[.123456] host tag: msg` (also journalctl `short[-precise]`).
    Syslog3164,
    /// `journalctl -o short-iso[-precise]`: `2022-03-24T17:23:05+0100 host tag: msg`.
    JournalShortIso,
    /// rsyslog RFC 3339 files: `2026-11-23T15:02:58.165402+01:00 host tag: msg`.
    Syslog3339,
    /// `journalctl -o short-monotonic`: `[ 1234.567890] host tag: msg`.
    JournalMonotonic,
    /// `journalctl -o short-unix`: `1795442918.881981 host tag: msg`.
    JournalUnix,
    /// Unix seconds behind an alert tag (BGL, Thunderbird: `- 1131566461 …`)
    /// or alone first (`journal-short-unix` wins Squid's `1286536309.586 …`).
    Epoch,
    /// Kernel ring buffer `[12345.678901] msg`.
    Dmesg,
    /// `dmesg -T`: `[Thu Mar 24 17:23:05 2022] msg`.
    DmesgT,
    /// NCSA common/combined access log; level from the status code.
    AccessLog,
    /// `[Mon Nov 23 19:05:51.221355 2026] [core:info] ...`.
    ApacheError,
    /// `I0322 18:19:00.123456 12345 file.go:12] msg`.
    Klog,
    /// Android `adb logcat`: `03-17 16:13:38.811  1702  2395 D Tag: msg` (`threadtime`),
    /// `03-17 16:13:38.811 D/Tag( 1702): msg` (`time`), and their stamp modifiers.
    Logcat,
    /// `9947:M 23 Nov 2026 14:03:13.460 * msg`.
    Redis,
    /// `2026/11/23 05:35:29 [notice] 9263#9263: ...`.
    NginxError,
    /// Go `log`: `2022/03/22 18:19:00[.123456] msg`.
    GoLog,
    /// `2026-11-23 08:10:34.925 CST [16282] LOG:  msg`.
    Postgres,
    /// `2022-03-24 17:23:05,123 INFO spawned: ...`.
    Supervisord,
    /// Python `logging` / loguru: `2026-11-23 14:06:46,532 - name - INFO - msg`.
    Python,
    /// log4j/logback/Kafka/ZooKeeper: `2022-03-24 17:23:05,123 INFO  [main] ...`.
    Log4j,
    /// java.util.logging SimpleFormatter (two lines per record).
    Jul,
    /// JSON lines with the keys learned at detection.
    Json(json::JsonFormat),
    /// `time=... level=...`.
    Logfmt,
    /// `docker compose logs [-t]`: `svc-1  | [stamp] msg`.
    DockerCompose,
    /// A line that starts with an ISO-8601 date and time (`2022-03-24 17:23:05,123`,
    /// `2022-03-24T17:23:05.123456+01:00`), optionally behind `[`.
    Iso8601,
    /// A line of another dated format behind a leading token: `grep -H`'s
    /// `app.log:`, `grep -Hn`'s `app.log:12:`, `kubectl logs --prefix`'s
    /// `[pod/p/c] ` (`prefixed`). Never a `Prefixed` itself.
    Prefixed(Box<Format>),
    /// `strace -f -t[tt]`: `10000 1697048351.000541 brk(NULL) = …`.
    Strace,
    /// daemontools/s6/runit TAI64N labels: `@4000000043322583… msg`.
    Tai64n,
    /// oVirt VDSM's `Thread::LEVEL::stamp::module::line::logger::(func) msg`.
    Vdsm,
    /// A line that starts with a time of day and no date (`14:11:47.525 [main]
    /// INFO …`, `2:05PM INF …`): the day comes from the file's mtime.
    TimeOfDay,
    /// uWSGI's request log: `[pid: 1|app: 0|req: 1/1] addr () {38 vars in
    /// 696 bytes} [Sun Mar 13 22:49:12 2016] POST /x => generated …`.
    Uwsgi,
    /// The W3C extended log (IIS): `#Fields: date time …` names the columns
    /// (learned at detection, followed by the indexer when a later
    /// `#Fields:` line changes them).
    W3c(w3c::Columns),
    /// Zeek's (Bro's) TSV logs: `ts` (epoch seconds) first, `#` header lines.
    Zeek,
    /// logrus's colour `TextFormatter`: `INFO[0000] msg`, whole seconds since
    /// the program started and no wall clock: undated, levels read.
    LogrusTty,
    /// Plain text without a recognised timestamp: every line is a record.
    Plain,
    /// `journalctl -o verbose`: a header line with the entry's cursor, then
    /// indented `FIELD=value` lines; one record per entry (`journal_entry`).
    JournalVerbose,
    /// `journalctl -o export`: blocks of `FIELD=value` lines (binary fields
    /// by length) ended by a blank line; one record per entry.
    JournalExport,
    /// A Go goroutine dump (`?debug=2`, `?debug=1`, SIGQUIT, a bare panic):
    /// one record per goroutine; `casefile goroutines` reads it.
    GoDump,
}

impl Format {
    /// Whether the format's `#` lines are directives (W3C's, Zeek's): a
    /// block of them is one record (`w3c::directive`).
    pub fn directives(&self) -> bool {
        matches!(self, Format::W3c(_) | Format::Zeek)
    }

    /// Whether the format's stamps may be a time of day without a date
    /// (`Stamp::NoDate`), dated by the log's last line.
    pub fn times_of_day(&self) -> bool {
        match self {
            Format::Prefixed(inner) => inner.times_of_day(),
            f => matches!(f, Format::TimeOfDay | Format::Strace),
        }
    }

    /// The stable name shown by `casefile index` and accepted by `--format`.
    pub fn name(&self) -> &'static str {
        match self {
            Format::Syslog5424 => "syslog-rfc5424",
            Format::Syslog3164 => "syslog-rfc3164",
            Format::JournalShortIso => "journal-short-iso",
            Format::Syslog3339 => "syslog-rfc3339",
            Format::JournalMonotonic => "journal-short-monotonic",
            Format::JournalUnix => "journal-short-unix",
            Format::Epoch => "epoch",
            Format::Dmesg => "dmesg",
            Format::DmesgT => "dmesg-t",
            Format::AccessLog => "access-log",
            Format::ApacheError => "apache-error",
            Format::Klog => "klog",
            Format::Logcat => "logcat",
            Format::Redis => "redis",
            Format::NginxError => "nginx-error",
            Format::GoLog => "go-log",
            Format::Postgres => "postgres",
            Format::Supervisord => "supervisord",
            Format::Python => "python",
            Format::Log4j => "log4j",
            Format::Jul => "jul",
            Format::Json(j) => j.name(),
            Format::Logfmt => "logfmt",
            Format::DockerCompose => "docker-compose",
            Format::Iso8601 => "iso8601",
            Format::Prefixed(inner) => prefixed::name(inner),
            Format::TimeOfDay => "time-of-day",
            Format::Tai64n => "tai64n",
            Format::Vdsm => "vdsm",
            Format::Strace => "strace",
            Format::Uwsgi => "uwsgi",
            Format::W3c(_) => "w3c",
            Format::Zeek => "zeek",
            Format::LogrusTty => "logrus-tty",
            Format::Plain => "plain",
            Format::GoDump => "go-dump",
            Format::JournalVerbose => "journal-verbose",
            Format::JournalExport => "journal-export",
        }
    }

    /// Parses one line (without its newline, ANSI escapes already removed).
    pub fn parse(&self, line: &[u8]) -> LineInfo {
        match self {
            Format::Syslog5424 => syslog::parse_5424(line),
            Format::Syslog3164 => syslog::parse_3164(line),
            Format::JournalShortIso | Format::Syslog3339 | Format::Iso8601 => iso::parse_line(line),
            Format::JournalMonotonic | Format::Dmesg => kernel::parse_dmesg(line),
            Format::DmesgT => kernel::parse_dmesg_t(line),
            Format::JournalUnix => syslog::parse_unix(line),
            Format::Epoch => epoch::parse(line),
            Format::Prefixed(inner) => prefixed::parse(inner, line),
            Format::AccessLog => web::parse_access(line),
            Format::ApacheError => web::parse_apache_error(line),
            Format::Klog => golog::parse_klog(line),
            Format::Logcat => logcat::parse(line),
            Format::Redis => app::parse_redis(line),
            Format::NginxError | Format::GoLog => golog::parse(line),
            Format::Postgres => app::parse_with(line, app::postgres_level),
            Format::Supervisord => app::parse_with(line, app::supervisord_level),
            Format::Python => app::parse_with(line, app::python_level),
            Format::Log4j => app::parse_log4j(line),
            Format::Jul => app::parse_jul(line),
            Format::Json(j) => j.parse(line),
            Format::Logfmt => logfmt::parse(line),
            Format::DockerCompose => docker::parse(line),
            Format::TimeOfDay => clock::parse(line),
            Format::Tai64n => tai64n::parse(line),
            Format::Vdsm => vdsm::parse(line),
            Format::Strace => strace::parse(line),
            Format::Uwsgi => uwsgi::parse(line),
            Format::W3c(c) => w3c::parse(line, *c),
            Format::Zeek => zeek::parse(line),
            Format::LogrusTty => logrus::parse(line),
            Format::JournalVerbose => journal_entry::parse_verbose(line),
            Format::JournalExport => journal_entry::parse_export(line),
            Format::GoDump => LineInfo {
                stamp: None,
                level: crate::goroutine::line::crash_opener(line),
            },
            Format::Plain => LineInfo {
                stamp: None,
                level: sniff_level(line, 48),
            },
        }
    }

    /// Every format, in detection order (most specific first). Formats that parse
    /// the same lines as a more general one (e.g. `python` and `iso8601`) come
    /// before it and win only where their signature matches (see `detect`).
    pub fn candidates() -> Vec<Format> {
        vec![
            Format::Syslog5424,
            Format::Syslog3164,
            Format::JournalShortIso,
            Format::Syslog3339,
            Format::JournalMonotonic,
            Format::Dmesg,
            // Before `journal-short-unix`, which dates `-v epoch` lines too.
            Format::Logcat,
            Format::JournalUnix,
            // After `journal-short-unix`, which dates Squid's lines as well.
            Format::Epoch,
            Format::ApacheError,
            Format::DmesgT,
            Format::AccessLog,
            Format::Klog,
            Format::Redis,
            Format::NginxError,
            Format::GoLog,
            Format::Postgres,
            Format::Supervisord,
            Format::Python,
            Format::Log4j,
            Format::Jul,
            Format::Json(json::JsonFormat::default()),
            Format::Logfmt,
            Format::DockerCompose,
            Format::Tai64n,
            Format::Vdsm,
            Format::Strace,
            Format::Uwsgi,
            // Counted only where the sample has a `#Fields:` line (`detect`).
            Format::W3c(w3c::Columns::default()),
            Format::Zeek,
            Format::Iso8601,
            // Last: a dated format that reads the same lines wins.
            Format::TimeOfDay,
        ]
    }

    /// The format for a `--format NAME` override. Parameterised formats get
    /// defaults that still work (`json` searches every common key), and
    /// journalctl's output names map to the parser that reads them.
    pub fn by_name(name: &str) -> Option<Format> {
        let name = match name {
            "journal-short" | "journal-short-precise" => "syslog-rfc3164",
            "journal-short-iso-precise" => "journal-short-iso",
            "docker-t" => "iso8601",
            other => other,
        };
        let json = |flavor| {
            Format::Json(json::JsonFormat {
                flavor,
                ..Default::default()
            })
        };
        match name {
            "journal-json" => return Some(json(json::Flavor::Journal)),
            "docker-json" => return Some(json(json::Flavor::Docker)),
            _ => {}
        }
        if let Some(inner) = name.strip_prefix(prefixed::NAME_PREFIX) {
            return Self::by_name(inner).and_then(prefixed::wrap);
        }
        Self::candidates()
            .into_iter()
            .chain([
                Format::LogrusTty,
                Format::Plain,
                Format::GoDump,
                Format::JournalVerbose,
                Format::JournalExport,
            ])
            .find(|f| f.name() == name)
    }

    /// Names accepted by `--format`, for help and error messages.
    pub fn names() -> Vec<&'static str> {
        let mut names: Vec<&'static str> = Self::candidates().iter().map(Format::name).collect();
        names.extend(prefixed::names());
        names.extend([
            "journal-json",
            "journal-verbose",
            "journal-export",
            "docker-json",
            "logrus-tty",
            "plain",
            "go-dump",
        ]);
        names
    }
}

pub fn trim_cr(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Per-byte flags (high bit of each byte) for bytes in `lo..=hi`, ASCII only.
/// Adding `0x80 - lo` to a byte below 0x80 cannot carry into the next byte.
#[inline]
fn in_range(v: u64, lo: u8, hi: u8) -> u64 {
    let ascii = !v & HIGH;
    let x = v & !HIGH;
    let ge_lo = x.wrapping_add(ONES * u64::from(0x80 - lo)) & HIGH;
    let gt_hi = x.wrapping_add(ONES * u64::from(0x7f - hi)) & HIGH;
    ge_lo & !gt_hi & ascii
}

/// Finds a level word begun in the first `window` bytes of a line (the text after its
/// stamp): `ERROR`, `[warn]`, `level=info`, `<E>`, `sshd[1]: error:`. Used by
/// formats whose level position is not fixed; a level word elsewhere, as a word
/// of the message, is not a level (see `in_level_position`).
/// It runs on most lines of most files, so word starts are found eight bytes
/// at a time, and only words with a plausible first two letters are read.
pub fn sniff_level(line: &[u8], window: usize) -> Option<Level> {
    let head = &line[..line.len().min(window)];
    // A word the window cuts is read whole: `WARN|INGS` is no level, and
    // redis's `# WARN|ING` one. Words start in the window only.
    let (room, cut) = word_room(line, window);
    let mut carry = 0u64; // alphanumeric flag of the byte before the block
    let mut pos = 0;
    while pos < head.len() {
        let v = match head.get(pos..pos + 8) {
            Some(b) => u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]),
            None => {
                let mut block = [0u8; 8];
                block[..head.len() - pos].copy_from_slice(&head[pos..]);
                u64::from_le_bytes(block)
            }
        };
        let alpha = in_range(v | (ONES * 0x20), b'a', b'z');
        let alnum = alpha | in_range(v, b'0', b'9');
        let mut starts = alpha & !((alnum << 8) | carry);
        carry = (alnum >> 56) & 0x80;
        while starts != 0 {
            let k = pos + (starts.trailing_zeros() / 8) as usize;
            starts &= starts - 1;
            if let Some(l) = level_word_at(room, k, cut) {
                return Some(l);
            }
        }
        pos += 8;
    }
    None
}

/// Bytes past a level window a word begun in it is read on: more than the
/// longest level word (`informational`).
const WORD_ROOM: usize = 16;

/// The line up to `WORD_ROOM` bytes past `window`, and whether a word goes on
/// past that (then a word reaching its end is longer than any level word).
fn word_room(line: &[u8], window: usize) -> (&[u8], bool) {
    let room = &line[..line.len().min(window.saturating_add(WORD_ROOM))];
    (
        room,
        line.get(room.len()).is_some_and(u8::is_ascii_alphanumeric),
    )
}

/// The level spelled by the letters starting at `start`, if they form one.
/// `cut`: the line goes on past `head` with a letter or digit, so a word
/// that reaches the end of `head` runs on and is none.
#[inline]
fn level_word_at(head: &[u8], start: usize, cut: bool) -> Option<Level> {
    if head.len() - start < 3 || !maybe_level(&head[start..]) {
        return None;
    }
    let end = head[start..]
        .iter()
        .position(|b| !b.is_ascii_alphabetic())
        .map_or(head.len(), |e| start + e);
    let word = &head[start..end];
    // Only words of 4+ letters, or upper-case 3-letter abbreviations, to avoid
    // reading "I" or "in" from prose as levels.
    let upper = word.iter().all(u8::is_ascii_uppercase);
    if (word.len() >= 4 || (word.len() == 3 && upper))
        && ((end == head.len() && !cut) || (end < head.len() && !head[end].is_ascii_alphanumeric()))
        && let Some(l) = Level::parse(word)
        && (upper || word.len() >= 4 && looks_like_level_word(word))
        && in_level_position(head, start, end, upper)
    {
        return Some(l);
    }
    None
}

/// Whether the level word at `start..end` stands where loggers put a level rather
/// than inside the message. Tagged (`[warn]`, `<E>`, `[core:error]`, `level=info`)
/// it is one anywhere. Otherwise no plain word may come between the last field
/// separator (`sshd[1]: `, `[main] `, ` - `, `| `, redis's `# `, a tab) and it, so
/// `Configuration Notice:` is prose; and a lower-case word must not run on into
/// the sentence: `error: …`, `info\t…`, `info vpxd[45715] …` are levels, while
/// `panic demo "index" starting` (Go's `log` writes no level) and Flask's
/// `* Debug mode: on` are the message's first words. Kept out of line: it runs
/// only for a level word, and inlined it slowed the scan of every line.
#[inline(never)]
fn in_level_position(head: &[u8], start: usize, end: usize, upper: bool) -> bool {
    let before = &head[..start];
    let after = &head[end..];
    // DRM's `*ERROR*` (`drm_err`) is a phrase a level is inferred from
    // (`infer::PHRASES`), and marked so: read here only where it happened to
    // fall inside the window, the same marker would be stated or inferred
    // by its distance from the stamp.
    if before.last() == Some(&b'*') {
        return false;
    }
    let tagged = matches!(before.last(), Some(b'[' | b'<'))
        || matches!(after.first(), Some(b']' | b'>'))
        || before.strip_suffix(b"=").is_some_and(level_key);
    if tagged {
        return true;
    }
    message_start(before) && (upper || !runs_into_prose(after))
}

/// `level=`, `lvl=`, `severity=` (also `log.level=`): the key before `=`.
fn level_key(key: &[u8]) -> bool {
    [&b"level"[..], b"lvl", b"severity"]
        .iter()
        .any(|k| key.len() >= k.len() && key[key.len() - k.len()..].eq_ignore_ascii_case(k))
}

/// Scanning back from a word: a field separator comes before any plain word
/// (letters only, between spaces or quotes), or the head begins.
fn message_start(before: &[u8]) -> bool {
    let mut i = before.len();
    while i > 0 {
        let c = before[i - 1];
        if c.is_ascii_alphabetic() {
            let run = before[..i]
                .iter()
                .rev()
                .take_while(|b| b.is_ascii_alphabetic())
                .count();
            let j = i - run;
            let opens = j == 0 || matches!(before[j - 1], b' ' | b'"' | b'\'' | b'(');
            let closes = matches!(before.get(i), Some(b' ' | b'"' | b'\''));
            if opens && closes {
                return false;
            }
            i = j;
            continue;
        }
        let dash = c == b'-' && before.get(i) == Some(&b' ');
        if dash || matches!(c, b':' | b']' | b'|' | b'#' | b',' | b'>' | b'=' | b'\t') {
            return true;
        }
        i -= 1;
    }
    true
}

/// ` demo "index"`, ` mode: on`: one space, then a plain word.
fn runs_into_prose(after: &[u8]) -> bool {
    if after.first() != Some(&b' ') {
        return false;
    }
    let word = after[1..]
        .iter()
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    word > 0
        && matches!(
            after.get(1 + word),
            None | Some(b' ' | b':' | b',' | b'.' | b';' | b'"')
        )
}

/// For each lower-cased first letter, the set of second letters (bit `c - b'a'`)
/// that some level word starts with.
const LEVEL_PAIRS: [u32; 256] = {
    const PAIRS: [&[u8; 2]; 27] = [
        b"tr", b"de", b"db", b"in", b"wa", b"wr", b"er", b"em", b"fa", b"ft", b"fi", b"pa", b"pn",
        b"cr", b"co", b"no", b"se", b"sy", b"st", b"al", b"ve", b"lo", b"hi", b"tr", b"de", b"in",
        b"er",
    ];
    let mut t = [0u32; 256];
    let mut k = 0;
    while k < PAIRS.len() {
        let [a, b] = *PAIRS[k];
        t[a as usize] |= 1 << (b - b'a');
        k += 1;
    }
    t
};

/// Cheap, branch-free pre-check on the first two letters, so that ordinary
/// words skip the full `Level::parse`.
#[inline]
fn maybe_level(word: &[u8]) -> bool {
    let second = (word[1] | 0x20).wrapping_sub(b'a');
    second < 26 && LEVEL_PAIRS[usize::from(word[0] | 0x20)] >> second & 1 == 1
}

/// Lower-case level words are accepted only when they are the whole word family
/// (`error`, `warning`, `info`, ...), not words like `log` or `note` in prose.
fn looks_like_level_word(word: &[u8]) -> bool {
    let mut buf = [0u8; 13];
    let n = word.len().min(buf.len());
    for (d, s) in buf.iter_mut().zip(word) {
        *d = s.to_ascii_lowercase();
    }
    matches!(
        &buf[..n],
        b"trace"
            | b"debug"
            | b"info"
            | b"warn"
            | b"warning"
            | b"error"
            | b"fatal"
            | b"panic"
            | b"crit"
            | b"critical"
            | b"notice"
            | b"severe"
            | b"emerg"
            | b"alert"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_levels_but_not_prose() {
        assert_eq!(
            sniff_level(b"2022-01-01 ERROR boom", 48),
            Some(Level::Error)
        );
        assert_eq!(sniff_level(b"x [warn] y", 48), Some(Level::Warn));
        assert_eq!(sniff_level(b"level=info msg=hi", 48), Some(Level::Info));
        assert_eq!(sniff_level(b"I went to log the note", 48), None);
        assert_eq!(sniff_level(b"errors happen", 48), None);
        assert_eq!(sniff_level(b" panic demo \"index\" starting", 40), None);
        assert_eq!(sniff_level(b" vm app[1]: failed with error here", 64), None);
        assert_eq!(
            sniff_level(b" vm app[1]: error: boom", 64),
            Some(Level::Error)
        );
        assert_eq!(sniff_level(b" x status=error y", 48), None);
        assert_eq!(sniff_level(b" x log.level=error y", 48), Some(Level::Error));
        // DRM's marker is left to `infer`, whatever the window.
        let drm = b" kiosk-07 kernel: [86412.331208] i915 0000:00:02.0: [drm] *ERROR* GPU HANG";
        for w in [64, 65, 128] {
            assert_eq!(sniff_level(drm, w), None, "window {w}");
        }
        assert_eq!(sniff_level(b"\terror\tqueue.go:1", 48), Some(Level::Error));
    }

    /// A word the window cuts is read whole, not as the word it begins
    /// with: `WARNINGS` cut after `WARN` is no level, nor `errorCount` cut
    /// after `error`, while `WARNING` cut after `WARN` is one (redis's `#
    /// WARNING` at bytes 60..67 of syslog's 64-byte window); a level word
    /// that ends at the window's edge still is.
    #[test]
    fn a_word_cut_by_the_window_is_read_whole() {
        let line = b"[main] WARNINGS: 3 deprecated settings";
        let edge = line.iter().position(|&b| b == b'I').expect("WARN|INGS");
        assert_eq!(sniff_level(line, edge), None, "WARNINGS at {edge}");
        assert_eq!(sniff_level(b" job: errorCount=3", 11), None);
        assert_eq!(sniff_level(b"[main] WARNING x", 11), Some(Level::Warn));
        assert_eq!(sniff_level(b" job: error: boom", 11), Some(Level::Error));
        assert_eq!(sniff_level(b"[main] WARN x", 11), Some(Level::Warn));
        assert_eq!(sniff_level(b"[main] WARN", 11), Some(Level::Warn));
        // A word started past the window is not read.
        assert_eq!(sniff_level(b"[main] x WARN", 8), None);
        // A run of letters longer than any level word is none.
        let long = format!("[main] WARN{}", "G".repeat(40));
        assert_eq!(sniff_level(long.as_bytes(), 11), None);
    }

    /// Every line's parse returns a stamp: logcat's offset did not make it larger.
    #[test]
    fn a_stamp_is_sixteen_bytes() {
        assert_eq!(std::mem::size_of::<Stamp>(), 16);
    }

    #[test]
    fn plain_when_nothing_dates() {
        let d = detect(b"hello\nworld\n");
        assert_eq!(d.format, Format::Plain);
    }
}

#[cfg(test)]
mod sniff_tests {
    use super::*;

    /// The straightforward byte loop the fast scan must agree with.
    fn reference(line: &[u8], window: usize) -> Option<Level> {
        let head = &line[..line.len().min(window)];
        let (room, cut) = word_room(line, window);
        (0..head.len())
            .filter(|&i| {
                head[i].is_ascii_alphabetic() && (i == 0 || !head[i - 1].is_ascii_alphanumeric())
            })
            .find_map(|i| level_word_at(room, i, cut))
    }

    #[test]
    fn fast_scan_agrees_with_the_byte_loop() {
        let lines: [&[u8]; 12] = [
            b"Nov 18 00:00:00 web-02 postfix/smtpd[5190]: connect from unknown[127.157.213.103]",
            b"kernel: [86412.331208] i915 0000:00:02.0: [drm] *ERROR* GPU HANG",
            b"x9ERROR not a word start; level=warn later",
            b"caf\xc3\xa9 WARNING: non-ascii before",
            b"ERROR",
            b"abcdefgERROR",
            b"abcdefg ERROR",
            b"1234567 info",
            b"[notice] 9263#9263",
            b"<E> INF ftl",
            b"",
            b"errors happen in debugging",
        ];
        for l in lines {
            for w in [0, 5, 8, 9, 16, 48, 64] {
                assert_eq!(
                    sniff_level(l, w),
                    reference(l, w),
                    "{:?} window {w}",
                    String::from_utf8_lossy(l)
                );
            }
        }
    }
}
