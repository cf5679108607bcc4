//! Severity levels, normalised across every log format.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Trace = 1,
    Debug = 2,
    Info = 3,
    Warn = 4,
    Error = 5,
    Fatal = 6,
    Panic = 7,
}

impl Level {
    pub const ALL: [Level; 7] = [
        Level::Trace,
        Level::Debug,
        Level::Info,
        Level::Warn,
        Level::Error,
        Level::Fatal,
        Level::Panic,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Level::Trace => "trace",
            Level::Debug => "debug",
            Level::Info => "info",
            Level::Warn => "warn",
            Level::Error => "error",
            Level::Fatal => "fatal",
            Level::Panic => "panic",
        }
    }

    /// Three-bit code stored in the record index; 0 means "no level".
    pub fn code(level: Option<Level>) -> u8 {
        level.map_or(0, |l| l as u8)
    }

    pub fn from_code(code: u8) -> Option<Level> {
        match code {
            1 => Some(Level::Trace),
            2 => Some(Level::Debug),
            3 => Some(Level::Info),
            4 => Some(Level::Warn),
            5 => Some(Level::Error),
            6 => Some(Level::Fatal),
            7 => Some(Level::Panic),
            _ => None,
        }
    }

    /// True for error and worse: what "next error" jumps to.
    pub fn is_error(self) -> bool {
        self >= Level::Error
    }

    /// Reads a level word as the many logging libraries spell it
    /// (`WARNING`, `warn`, `W`, `err`, `CRIT`, `notice`, `E` ...).
    /// Single letters are accepted because klog, zerolog and Android use them.
    pub fn parse(word: &[u8]) -> Option<Level> {
        let mut buf = [0u8; 12];
        if word.is_empty() || word.len() > buf.len() {
            return None;
        }
        for (d, s) in buf.iter_mut().zip(word) {
            *d = s.to_ascii_lowercase();
        }
        let w = &buf[..word.len()];
        Some(match w {
            b"trace" | b"trc" | b"t" | b"finest" | b"finer" | b"verbose" | b"v" => Level::Trace,
            b"debug" | b"dbg" | b"d" | b"fine" | b"config" | b"debug1" | b"debug2" | b"debug3"
            | b"debug4" | b"debug5" => Level::Debug,
            b"info" | b"inf" | b"i" | b"notice" | b"n" | b"information" | b"informational"
            | b"log" | b"note" | b"system" | b"detail" | b"statement" | b"hint" => Level::Info,
            b"warn" | b"warning" | b"wrn" | b"w" => Level::Warn,
            b"error" | b"err" | b"e" | b"severe" | b"eror" => Level::Error,
            b"fatal" | b"ftl" | b"f" | b"crit" | b"critical" | b"alert" | b"emerg"
            | b"emergency" => Level::Fatal,
            b"panic" | b"pnc" | b"dpanic" => Level::Panic,
            _ => return None,
        })
    }

    /// Syslog severity (PRI & 7) to level.
    pub fn from_syslog_severity(sev: u8) -> Level {
        match sev {
            0..=2 => Level::Fatal,
            3 => Level::Error,
            4 => Level::Warn,
            5 | 6 => Level::Info,
            _ => Level::Debug,
        }
    }
}

/// The level column of a pane (and a note's or report's quote): `ERR` when the line says so, `ER?` when the level was
/// inferred from a phrase (`GPU HANG`) in a line without one.
pub fn column_tag(l: Option<Level>, inferred: bool) -> &'static str {
    if inferred {
        return match l {
            Some(Level::Trace) => "TR?",
            Some(Level::Debug) => "DB?",
            Some(Level::Info) => "IN?",
            Some(Level::Warn) => "WR?",
            Some(Level::Error) => "ER?",
            Some(Level::Fatal) => "FT?",
            Some(Level::Panic) => "PN?",
            None => "   ",
        };
    }
    match l {
        Some(Level::Trace) => "TRC",
        Some(Level::Debug) => "DBG",
        Some(Level::Info) => "INF",
        Some(Level::Warn) => "WRN",
        Some(Level::Error) => "ERR",
        Some(Level::Fatal) => "FTL",
        Some(Level::Panic) => "PNC",
        None => "   ",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_common_spellings() {
        assert_eq!(Level::parse(b"WARNING"), Some(Level::Warn));
        assert_eq!(Level::parse(b"err"), Some(Level::Error));
        assert_eq!(Level::parse(b"CRIT"), Some(Level::Fatal));
        assert_eq!(Level::parse(b"notice"), Some(Level::Info));
        assert_eq!(Level::parse(b"DPANIC"), Some(Level::Panic));
        assert_eq!(Level::parse(b"bogus"), None);
        assert_eq!(Level::parse(b""), None);
    }

    #[test]
    fn code_round_trips() {
        for l in Level::ALL {
            assert_eq!(Level::from_code(Level::code(Some(l))), Some(l));
        }
        assert_eq!(Level::from_code(Level::code(None)), None);
    }
}
