//! A record's first line as the panes show it, shared by the screen and the
//! headless commands so that both print the same: JSON lines read as
//! `message  key=value …`, and other lines lose the leading timestamp and
//! level word that the time and level columns already show.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use super::{Format, json_text, zone_abbrev};
use crate::ansi::display_text;
use crate::level::Level;

/// The first line of a record, readable and safe for a terminal. `own_time`:
/// the line carries the timestamp the time column shows (not inherited).
pub fn first_line(format: &Format, line: &[u8], own_time: bool, level: Option<Level>) -> String {
    if matches!(format, Format::Json(_))
        && let Some(r) = json_text::readable(line)
    {
        return display_text(r.as_bytes());
    }
    let text = display_text(line);
    let rest = if own_time {
        format_without_stamp(format, &text)
    } else {
        Cow::Borrowed(text.as_str())
    };
    without_level(&rest, level).to_string()
}

/// The line without the stamp that gave the record its time, where and as
/// `format` writes it: after syslog's `<PRI>` (and RFC 5424's version), with
/// klog's level letter, between redis's `pid:role` and its level mark, with
/// PostgreSQL's zone, or as logfmt's `time=` field anywhere in the line.
fn format_without_stamp<'a>(format: &Format, text: &'a str) -> Cow<'a, str> {
    static PRI: Lazy = LazyLock::new(|| Regex::new(r"^<\d{1,3}>(\d{1,2} )?").ok());
    static KLOG: Lazy =
        LazyLock::new(|| Regex::new(r"^[IWEF]\d{4} \d{2}:\d{2}:\d{2}(\.\d+)?[ \t]*").ok());
    static COMPACT: Lazy = LazyLock::new(|| Regex::new(r"^\d{6} \d{6} (?:(\d+ )([A-Z]+) )?").ok());
    static REDIS: Lazy = LazyLock::new(|| {
        Regex::new(r"^(\d+:[A-Z] )\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2}(\.\d+)? ([.*#-] )?")
            .ok()
    });
    let cut = |re: &Lazy| match re.as_ref().and_then(|r| r.find(text)) {
        Some(m) if m.end() < text.len() => Some(&text[m.end()..]),
        _ => None,
    };
    match format {
        Format::Syslog5424 | Format::Syslog3164 => {
            Cow::Borrowed(without_stamp(cut(&PRI).unwrap_or(text)))
        }
        Format::Klog => Cow::Borrowed(cut(&KLOG).unwrap_or(text)),
        // HDFS's `081109 203615 148 INFO `: the thread's number stays, the
        // level word goes as after other stamps (Spark's and ISO stamps are
        // the usual ones, `without_stamp`'s).
        Format::Log4j => match COMPACT.as_ref().and_then(|r| r.captures(text)) {
            Some(c) if c[0].len() < text.len() => match (c.get(1), c.get(2)) {
                (Some(thread), Some(w))
                    if crate::level::Level::parse(w.as_str().as_bytes()).is_some() =>
                {
                    Cow::Owned(format!("{}{}", thread.as_str(), &text[c[0].len()..]))
                }
                _ => Cow::Borrowed(&text[c.get(1).map_or(c[0].len(), |m| m.start())..]),
            },
            _ => Cow::Borrowed(without_stamp(text)),
        },
        Format::Redis => match REDIS.as_ref().and_then(|r| r.captures(text)) {
            Some(c) if c[0].len() < text.len() => {
                Cow::Owned(format!("{}{}", &c[1], &text[c[0].len()..]))
            }
            _ => Cow::Borrowed(text),
        },
        Format::Postgres => {
            let rest = without_stamp(text);
            let zone = rest.split(' ').next().unwrap_or("");
            match rest.get(zone.len() + 1..) {
                Some(after) if zone_abbrev(zone.as_bytes()).is_some() && !after.is_empty() => {
                    Cow::Borrowed(after)
                }
                _ => Cow::Borrowed(rest),
            }
        }
        Format::Logfmt => match super::logfmt::time_field(text.as_bytes()) {
            Some(r) => {
                let (before, after) = (&text[..r.start], &text[r.end..]);
                let after = after.strip_prefix(' ').unwrap_or(after);
                let before = if after.is_empty() {
                    before.trim_end()
                } else {
                    before
                };
                Cow::Owned(format!("{before}{after}"))
            }
            None => Cow::Borrowed(text),
        },
        _ => Cow::Borrowed(without_stamp(text)),
    }
}

type Lazy = LazyLock<Option<Regex>>;

/// The line a record is read by (shown first, mined for its pattern) and the
/// lines after it: its first line, but a java.util.logging record's
/// `LEVEL: message` line under the header that only dates it (class and
/// method show as written, with `=` or `--raw`).
pub fn headline<'a>(format: &Format, record: &'a [u8]) -> (&'a [u8], &'a [u8]) {
    if matches!(format, Format::Jul)
        && let Some(m) = super::app::jul_message(record)
    {
        return m;
    }
    match memchr::memchr(b'\n', record) {
        Some(nl) => (super::trim_cr(&record[..nl]), &record[nl + 1..]),
        None => (super::trim_cr(record), &[]),
    }
}

/// The record from its headline on (without a JUL record's header line).
pub fn from_headline<'a>(format: &Format, record: &'a [u8]) -> &'a [u8] {
    let head = headline(format, record).0;
    let start = (head.as_ptr() as usize).saturating_sub(record.as_ptr() as usize);
    record.get(start..).unwrap_or(record)
}

/// A line under a record's first, readable and safe for a terminal: where
/// the capturer dated every line of a trace (journald, `docker logs -t`), its
/// message without the prefix the first line already shows.
pub fn continuation_line(format: &Format, line: &[u8]) -> String {
    let captured = format.parse(line).stamp.is_some();
    match format.message(line).filter(|_| captured) {
        Some(m) => display_text(&m.text()),
        None => display_text(line),
    }
}

/// A leading timestamp as logs write it (ISO 8601, `MM-DD`, Spark's `yy/MM/dd`,
/// syslog `Mar 24`; journalctl's epoch `1795442918.881981` and `Mon 2026-11-23
/// 15:08:38 CET`; Apache's and `dmesg -T`'s `[Mon Nov 23 19:05:51.221355 2026]`).
fn stamp_regex() -> Option<&'static Regex> {
    static RE: std::sync::OnceLock<Option<Regex>> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"^\[?((\d{4}[-/]\d{2}[-/]\d{2}|\d{2}/\d{2}/\d{2}|\d{2}-\d{2}|[A-Z][a-z]{2} +\d{1,2})[T ]\d{2}:\d{2}(:\d{2})?([.,]\d+)?(Z| ?[+-]\d{2}:?\d{2}| ?UTC)?|\d{10}\.\d{1,9}|[A-Z][a-z]{2} \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?( [A-Z]{3,5}\b)?|[A-Z][a-z]{2} [A-Z][a-z]{2} +\d{1,2} \d{2}:\d{2}:\d{2}(\.\d+)? \d{4})\]?[ \t]*",
        )
        .ok()
    })
    .as_ref()
}

/// The line without the timestamp text the time column shows.
pub fn without_stamp(text: &str) -> &str {
    match stamp_regex().and_then(|r| r.find(text)) {
        Some(m) if m.end() < text.len() => &text[m.end()..],
        _ => text,
    }
}

/// The line without a leading level word (`INFO`, `[WARN]`, `ERROR:`) that
/// names `level`: the level column already shows it. Only upper-case words of
/// three letters or more, so that "Log in failed" or "I think" stay whole.
pub fn without_level(text: &str, level: Option<Level>) -> &str {
    let Some(level) = level else { return text };
    let word_end = text.find(char::is_whitespace).unwrap_or(text.len());
    let token = &text[..word_end];
    let word = token
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .or_else(|| token.strip_suffix(':'))
        .unwrap_or(token);
    let shouting = word.len() >= 3 && word.bytes().all(|b| b.is_ascii_uppercase());
    if shouting && Level::parse(word.as_bytes()) == Some(level) && word_end < text.len() {
        text[word_end..].trim_start()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_timestamp_and_one_level() {
        let f = Format::by_name("iso8601").expect("format");
        let line = b"2026-11-20 14:31:07.219 INFO [render] uploading textures";
        assert_eq!(
            first_line(&f, line, true, Some(Level::Info)),
            "[render] uploading textures"
        );
        // An inherited time: the line's text is its own.
        assert_eq!(
            first_line(&f, b"INFO at main", false, Some(Level::Info)),
            "at main"
        );
        assert_eq!(
            first_line(&f, b"Log in failed", false, Some(Level::Info)),
            "Log in failed"
        );
    }

    #[test]
    fn a_dated_traces_lines_read_as_their_messages() {
        let f = Format::Syslog3164;
        assert_eq!(
            continuation_line(&f, b"Nov 23 14:08:39 vm app[7]:         /a/main.go:3 +0x2"),
            "        /a/main.go:3 +0x2"
        );
        // Lines without the capturer's stamp stay as written.
        assert_eq!(
            continuation_line(&f, b"Caused by: java.io.IOException: x"),
            "Caused by: java.io.IOException: x"
        );
        let j = Format::by_name("journal-json").expect("format");
        assert_eq!(
            continuation_line(
                &j,
                br#"{"__REALTIME_TIMESTAMP":"1795442919940752","MESSAGE":"\tmain.go:3 +0x2"}"#
            ),
            "    main.go:3 +0x2"
        );
    }

    /// gunicorn writes `[2026-11-23 14:08:49 +0000] [14377] [DEBUG] …`: the
    /// offset after a space is the stamp's, not half of it left as `+0000]`.
    #[test]
    fn a_stamp_with_a_spaced_offset_goes_whole() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/corpus/python/gunicorn-error.log"
        );
        let text = std::fs::read_to_string(path).expect("corpus file");
        let line = text.lines().next().expect("a line");
        let f = Format::by_name("iso8601").expect("format");
        assert_eq!(
            first_line(&f, line.as_bytes(), true, Some(Level::Debug)),
            "[14377] [DEBUG] Current configuration:"
        );
        assert_eq!(without_stamp("2026-11-23 14:08:49 -0500 ready"), "ready");
        assert_eq!(
            without_stamp("2026-11-23 14:08:49 Zookeeper started"),
            "Zookeeper started"
        );
    }

    /// journalctl's `-o short-unix` and `-o short-full` stamps, which the
    /// time column shows: not again in every row.
    #[test]
    fn journal_unix_and_full_stamps_go() {
        for (format, file) in [
            ("journal-short-unix", "journalctl-short-unix.txt"),
            ("iso8601", "journalctl-short-full-berlin.txt"),
        ] {
            let path = format!(
                "{}/../shared/corpus/journald/{file}",
                env!("CARGO_MANIFEST_DIR")
            );
            let text = std::fs::read_to_string(path).expect("corpus file");
            let line = text.lines().next().expect("a line");
            let f = Format::by_name(format).expect("format");
            assert!(
                first_line(&f, line.as_bytes(), true, None).starts_with("vm redis-server[14304]: "),
                "{file}: {}",
                first_line(&f, line.as_bytes(), true, None)
            );
        }
    }

    /// The time column shows the record's time: the stamp that gave it is not
    /// shown again, in whichever shape or place the format writes it (the
    /// first line of each corpus file, as the panes, `show` and `merge` read it).
    #[test]
    fn each_formats_stamp_goes() {
        for (format, file, level, want) in [
            (
                "syslog-rfc5424",
                "syslog-rfc5424/rsyslog-protocol23.log",
                Level::Info,
                "vm rsyslogd - - -  [origin software=",
            ),
            (
                "syslog-rfc5424",
                "syslog-rfc5424/logger-udp-raw.log",
                Level::Info,
                "vm ssh-version - - [timeQuality tzKnown=",
            ),
            (
                "syslog-rfc3164",
                "syslog-rfc3164/rsyslog-forwarded-udp-raw.log",
                Level::Info,
                "vm rsyslogd: [origin software=",
            ),
            (
                "logfmt",
                "logfmt/lnav-logfile_grafana.0",
                Level::Info,
                "logger=settings level=info msg=\"Starting Grafana\" version=11.5.2 commit=",
            ),
            (
                "logfmt",
                "logfmt/logrus-text.logfmt",
                Level::Info,
                "level=info msg=\"starting demo service\" go=go1.19.8 pid=10898",
            ),
            (
                "logfmt",
                "logfmt/prometheus.logfmt",
                Level::Info,
                "caller=main.go:513 level=info msg=\"No time or size retention",
            ),
            (
                "logfmt",
                "logfmt/xslog-text.logfmt",
                Level::Info,
                "level=INFO msg=\"starting demo service\" service=demo pid=10941 go=go1.19.8",
            ),
            (
                "klog",
                "klog/klog-stderr.log",
                Level::Info,
                "10929 klogdemo.go:35] klog demo started with 0 args",
            ),
            (
                "log4j",
                "loghub/Spark_2k.log",
                Level::Info,
                "executor.CoarseGrainedExecutorBackend: Registered signal handlers for [TERM, HUP, INT]",
            ),
            (
                "log4j",
                "loghub/HDFS_2k.log",
                Level::Info,
                "148 dfs.DataNode$PacketResponder: PacketResponder 1 for block",
            ),
            (
                "apache-error",
                "apache/error.log",
                Level::Info,
                "[mpm_event:notice] [pid 9517:tid 9517] AH00489: Apache/2.4.71 (Debian) configured",
            ),
            (
                "redis",
                "misc/redis-server.log",
                Level::Warn,
                "10194:C oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo",
            ),
            (
                "postgres",
                "misc/postgresql-stderr.log",
                Level::Info,
                "[16282] LOG:  starting PostgreSQL 15.18",
            ),
        ] {
            let path = format!("{}/../shared/corpus/{file}", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(path).expect("corpus file");
            let line = text.lines().next().expect("a line");
            let f = Format::by_name(format).expect("format");
            assert!(f.parse(line.as_bytes()).stamp.is_some(), "{file}: undated");
            let shown = first_line(&f, line.as_bytes(), true, Some(level));
            assert!(shown.starts_with(want), "{file}: {shown}");
        }
    }

    /// A logfmt time key is dropped only where it gave the time: another
    /// `t=` (not a time) and an inherited time keep the line whole.
    #[test]
    fn logfmt_keeps_fields_that_are_not_its_time() {
        let f = Format::Logfmt;
        assert_eq!(
            first_line(&f, b"t=abc ts=1795442711.5 msg=x", true, None),
            "t=abc msg=x"
        );
        assert_eq!(
            first_line(&f, b"msg=\"a b\" time=\"2026-11-23T09:05:11Z\"", true, None),
            "msg=\"a b\""
        );
        assert_eq!(
            first_line(&f, b"time=2026-11-23T09:05:11Z msg=x", false, None),
            "time=2026-11-23T09:05:11Z msg=x"
        );
    }

    #[test]
    fn json_reads_as_message_and_fields() {
        let f = Format::by_name("json").expect("format");
        let line = br#"{"time":"2026-11-20T14:31:07.201Z","level":"INFO","msg":"ws connect","client":"kiosk-07"}"#;
        assert_eq!(
            first_line(&f, line, true, Some(Level::Info)),
            "ws connect  client=kiosk-07"
        );
    }
}
