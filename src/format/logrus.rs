//! logrus's `TextFormatter` in colour (on a terminal, or with `ForceColors`)
//! and without `FullTimestamp`: `INFO[0000] message   key=value`. The
//! level is cut to four letters (`DEBU`, `ERRO`, `FATA`, `PANI`), and the
//! bracket holds whole seconds since the program started (logrus's package
//! init), not a time: there is no wall clock in the line. No setting says
//! when a program started (`--boot-time` is the machine's, and every
//! source's default; `--set NAME.time=` a dump's), so the records stay
//! undated and a warning says how to get a dated log (`UNDATED`); the
//! `[0000]` stays on the row, the only time the line gives.

use super::LineInfo;
use crate::level::Level;

/// What the index says of such a log in place of "no timestamps".
pub const UNDATED: &str = "logrus's INFO[0000] counts whole seconds since the program started, no wall clock: records keep file order and cannot be placed in time (log with TextFormatter{FullTimestamp: true}, or to a file, where logrus writes time=, to date them)";

/// logrus's four-letter level names.
fn level(word: &[u8]) -> Option<Level> {
    Some(match word {
        b"TRAC" => Level::Trace,
        b"DEBU" => Level::Debug,
        b"INFO" => Level::Info,
        b"WARN" => Level::Warn,
        b"ERRO" => Level::Error,
        b"FATA" => Level::Fatal,
        b"PANI" => Level::Panic,
        _ => return None,
    })
}

/// The level and where the seconds' `]` ends, for a line of this shape:
/// a level name, `[`, digits, `]`. Any number of digits (logrus pads to
/// four), so that where the head ends depends on no digit's value or count.
pub fn head(line: &[u8]) -> Option<(Level, usize)> {
    let l = level(line.get(..4)?)?;
    if line.get(4) != Some(&b'[') {
        return None;
    }
    let digits = line[5..].iter().take_while(|b| b.is_ascii_digit()).count();
    (digits > 0 && line.get(5 + digits) == Some(&b']')).then_some((l, 6 + digits))
}

/// No stamp; the level from the line's head. Out of line: only such a
/// log's lines come here.
#[inline(never)]
pub fn parse(line: &[u8]) -> LineInfo {
    LineInfo {
        stamp: None,
        level: head(line).map(|(l, _)| l),
    }
}

/// What follows the head: the message, then its fields.
pub fn message(line: &[u8]) -> &[u8] {
    head(line).map_or(line, |(_, end)| line[end..].trim_ascii_start())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_head_is_a_level_and_seconds() {
        assert_eq!(
            head(b"ERRO[0000] request finished   duration=1ms"),
            Some((Level::Error, 10))
        );
        assert_eq!(head(b"DEBU[12345] x"), Some((Level::Debug, 11)));
        assert_eq!(message(b"WARN[0003] slow   path=/x"), b"slow   path=/x");
        for l in [
            "INFO [0000] x",
            "INFO[] x",
            "INFO[00a0] x",
            "info[0000] x",
            "ERROR[0000] x",
        ] {
            assert_eq!(head(l.as_bytes()), None, "{l}");
        }
    }
}
