//! A record's first line as the panes show it, shared by the screen and the
//! headless commands so that both print the same: JSON lines read as
//! `message  key=value …`, and other lines lose the leading timestamp and
//! level word that the time and level columns already show.

use regex::Regex;

use super::{Format, json_text};
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
        without_stamp(&text)
    } else {
        &text
    };
    without_level(rest, level).to_string()
}

/// The line a record is read by (shown first, mined for its pattern) and the
/// lines after it: its first line, but a java.util.logging record's
/// `LEVEL: message` line under the header that only dates it (class and
/// method show as written, with `=` or `--raw`).
pub fn headline<'a>(format: &Format, record: &'a [u8]) -> (&'a [u8], &'a [u8]) {
    if *format == Format::Jul
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

/// A leading timestamp as logs write it (ISO 8601, `MM-DD`, syslog `Mar 24`;
/// journalctl's epoch `1795442918.881981` and `Mon 2026-11-23 15:08:38 CET`).
fn stamp_regex() -> Option<&'static Regex> {
    static RE: std::sync::OnceLock<Option<Regex>> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"^\[?((\d{4}[-/]\d{2}[-/]\d{2}|\d{2}-\d{2}|[A-Z][a-z]{2} +\d{1,2})[T ]\d{2}:\d{2}(:\d{2})?([.,]\d+)?(Z| ?[+-]\d{2}:?\d{2}| ?UTC)?|\d{10}\.\d{1,9}|[A-Z][a-z]{2} \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?( [A-Z]{3,5}\b)?)\]?[ \t]*",
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
