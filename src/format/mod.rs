//! Log formats: what a line's timestamp and level look like, and automatic
//! detection of the format of a source from a sample of its first lines.
//!
//! Parsers are pure functions over one line's bytes (no allocation on the hot
//! path) and return the raw stamp; converting wall-clock times to UTC (zone,
//! missing year, time since boot) is the index's job, because it depends on
//! per-source settings and not on the line.

mod app;
mod detect;
mod digits;
mod docker;
mod golog;
mod iso;
pub mod json;
mod kernel;
mod logfmt;
mod syslog;
mod web;

pub use detect::{DETECT_LINES, Detection, detect};
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
    NoYear {
        month: u8,
        day: u8,
        nanos_of_day: i64,
    },
    /// Time since the machine booted (dmesg, `journalctl -o short-monotonic`).
    SinceBoot(Nanos),
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
    /// Plain text without a recognised timestamp: every line is a record.
    Plain,
}

impl Format {
    /// The stable name shown by `casefile index` and accepted by `--format`.
    pub fn name(&self) -> &'static str {
        match self {
            Format::Syslog5424 => "syslog-rfc5424",
            Format::Syslog3164 => "syslog-rfc3164",
            Format::JournalShortIso => "journal-short-iso",
            Format::Syslog3339 => "syslog-rfc3339",
            Format::JournalMonotonic => "journal-short-monotonic",
            Format::JournalUnix => "journal-short-unix",
            Format::Dmesg => "dmesg",
            Format::DmesgT => "dmesg-t",
            Format::AccessLog => "access-log",
            Format::ApacheError => "apache-error",
            Format::Klog => "klog",
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
            Format::Plain => "plain",
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
            Format::AccessLog => web::parse_access(line),
            Format::ApacheError => web::parse_apache_error(line),
            Format::Klog => golog::parse_klog(line),
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
            Format::JournalUnix,
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
            Format::Iso8601,
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
        Self::candidates()
            .into_iter()
            .chain([Format::Plain])
            .find(|f| f.name() == name)
    }

    /// Names accepted by `--format`, for help and error messages.
    pub fn names() -> Vec<&'static str> {
        let mut names: Vec<&'static str> = Self::candidates().iter().map(Format::name).collect();
        names.extend(["journal-json", "docker-json", "plain"]);
        names
    }
}

pub fn trim_cr(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// Finds a level word in the first `window` bytes of a line: `ERROR`, `[warn]`,
/// `level=info`, `<E>`. Used by formats whose level position is not fixed.
pub fn sniff_level(line: &[u8], window: usize) -> Option<Level> {
    let head = &line[..line.len().min(window)];
    let mut i = 0;
    while i < head.len() {
        if head[i].is_ascii_alphabetic() && (i == 0 || !head[i - 1].is_ascii_alphanumeric()) {
            let start = i;
            while i < head.len() && head[i].is_ascii_alphabetic() {
                i += 1;
            }
            let word = &head[start..i];
            // Only words of 4+ letters, or upper-case 3-letter abbreviations, to avoid
            // reading "I" or "in" from prose as levels.
            let upper = word.iter().all(u8::is_ascii_uppercase);
            if (word.len() >= 4 || (word.len() == 3 && upper))
                && (i == head.len() || !head[i].is_ascii_alphanumeric())
                && maybe_level(word)
                && let Some(l) = Level::parse(word)
                && (upper || word.len() >= 4 && looks_like_level_word(word))
            {
                return Some(l);
            }
        } else {
            i += 1;
        }
    }
    None
}

/// Cheap pre-check on the first two letters, so that ordinary words skip the full
/// `Level::parse` (sniffing runs on most lines of every file).
#[inline]
fn maybe_level(word: &[u8]) -> bool {
    word.len() <= 13
        && matches!(
            (word[0] | 0x20, word[1] | 0x20),
            (b't', b'r')
                | (b'd', b'e' | b'b')
                | (b'i', b'n')
                | (b'w', b'a' | b'r')
                | (b'e', b'r' | b'm')
                | (b'f', b'a' | b't' | b'i')
                | (b'p', b'a' | b'n')
                | (b'c', b'r' | b'o')
                | (b'n', b'o')
                | (b's', b'e' | b'y' | b't')
                | (b'a', b'l')
                | (b'v', b'e')
                | (b'l', b'o')
                | (b'h', b'i')
        )
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
    }

    #[test]
    fn plain_when_nothing_dates() {
        let d = detect(b"hello\nworld\n");
        assert_eq!(d.format, Format::Plain);
    }
}
