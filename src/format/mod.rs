//! Log formats: what a line's timestamp and level look like, and automatic
//! detection of the format of a source from a sample of its first lines.
//!
//! Parsers are pure functions over one line's bytes (no allocation on the hot
//! path) and return the raw stamp; converting wall-clock times to UTC (zone,
//! missing year, time since boot) is the index's job, because it depends on
//! per-source settings and not on the line.

mod digits;
mod iso;

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
#[derive(Debug, Clone, PartialEq)]
pub enum Format {
    /// A line that starts with an ISO-8601 date and time (`2022-03-24 17:23:05,123`,
    /// `2022-03-24T17:23:05.123456+01:00`), optionally behind `[`.
    Iso8601,
    /// Plain text without a recognised timestamp: every line is a record.
    Plain,
}

/// Result of format detection.
#[derive(Debug, Clone, PartialEq)]
pub struct Detection {
    pub format: Format,
    /// Share of sampled non-blank lines the format parsed a timestamp from, 0..=1.
    pub confidence: f32,
}

impl Format {
    /// The stable name shown by `casefile index` and accepted by `--format`.
    pub fn name(&self) -> &'static str {
        match self {
            Format::Iso8601 => "iso8601",
            Format::Plain => "plain",
        }
    }

    /// Parses one line (without its newline, ANSI escapes already removed).
    pub fn parse(&self, line: &[u8]) -> LineInfo {
        match self {
            Format::Iso8601 => iso::parse_line(line),
            Format::Plain => LineInfo {
                stamp: None,
                level: sniff_level(line, 48),
            },
        }
    }

    /// Every format, in detection order (most specific first).
    pub fn candidates() -> Vec<Format> {
        vec![Format::Iso8601]
    }

    /// The format for a `--format NAME` override.
    pub fn by_name(name: &str) -> Option<Format> {
        Self::candidates()
            .into_iter()
            .chain([Format::Plain])
            .find(|f| f.name() == name)
    }

    /// Names accepted by `--format`, for help and error messages.
    pub fn names() -> Vec<&'static str> {
        Self::candidates()
            .iter()
            .map(Format::name)
            .chain(["plain"])
            .collect()
    }
}

/// How many lines detection looks at.
pub const DETECT_LINES: usize = 400;

/// Picks the format that dates the most sampled lines; earlier candidates win ties,
/// so more specific formats are listed first.
pub fn detect(sample: &[u8]) -> Detection {
    let lines: Vec<&[u8]> = sample
        .split(|&b| b == b'\n')
        .map(trim_cr)
        .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
        .take(DETECT_LINES)
        .collect();
    if lines.is_empty() {
        return Detection {
            format: Format::Plain,
            confidence: 0.0,
        };
    }
    let mut best = Detection {
        format: Format::Plain,
        confidence: 0.0,
    };
    for format in Format::candidates() {
        let hits = lines
            .iter()
            .filter(|l| format.parse(&crate::ansi::strip_cow(l)).stamp.is_some())
            .count();
        let confidence = hits as f32 / lines.len() as f32;
        if confidence > best.confidence {
            best = Detection { format, confidence };
        }
    }
    if best.confidence < 0.05 {
        best = Detection {
            format: Format::Plain,
            confidence: 1.0 - best.confidence,
        };
    }
    best
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
            {
                if let Some(l) = Level::parse(word) {
                    if upper || word.len() >= 4 && looks_like_level_word(word) {
                        return Some(l);
                    }
                }
            }
        } else {
            i += 1;
        }
    }
    None
}

/// Lower-case level words are accepted only when they are the whole word family
/// (`error`, `warning`, `info`, ...), not words like `log` or `note` in prose.
fn looks_like_level_word(word: &[u8]) -> bool {
    matches!(
        word.to_ascii_lowercase().as_slice(),
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
