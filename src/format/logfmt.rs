//! logfmt (`time=... level=info msg=...`, go-kit `ts=`, Grafana `t=`, logrus text
//! `time="..."`): keys anywhere in the line, values ISO-8601 or epoch numbers.

use super::{LineInfo, Stamp, digits, iso};
use crate::level::Level;

const TIME_KEYS: [&[u8]; 5] = [b"time=", b"ts=", b"t=", b"timestamp=", b"@timestamp="];
const LEVEL_KEYS: [&[u8]; 3] = [b"level=", b"lvl=", b"severity="];

/// A time value: ISO-8601 (`T` or space) or epoch seconds/millis/micros/nanos.
pub fn time_value(b: &[u8], pos: usize) -> Option<Stamp> {
    if let Some((stamp, _)) = iso::parse_iso(b, pos) {
        return Some(stamp);
    }
    digits::epoch(b, pos).map(|(s, _)| s)
}

/// The first word of a value (quoted or bare) read as a level.
pub fn level_value(b: &[u8], pos: usize) -> Option<Level> {
    let start = pos + usize::from(b.get(pos) == Some(&b'"'));
    let word = b.get(start..)?;
    let n = word
        .iter()
        .take(13)
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    Level::parse(&word[..n])
}

pub fn parse(line: &[u8]) -> LineInfo {
    let mut info = LineInfo::default();
    let mut at = 0;
    // Visit the start of each space-separated token; values with spaces are quoted
    // and rarely start a token with `key=`, so no quote tracking is needed.
    while at < line.len() {
        let tok = &line[at..];
        if info.stamp.is_none()
            && let Some(k) = TIME_KEYS.iter().find(|k| tok.starts_with(k))
        {
            let v = at + k.len() + usize::from(tok.get(k.len()) == Some(&b'"'));
            info.stamp = time_value(line, v);
        } else if info.level.is_none()
            && let Some(k) = LEVEL_KEYS.iter().find(|k| tok.starts_with(k))
        {
            info.level = level_value(line, at + k.len());
        }
        if info.stamp.is_some() && info.level.is_some() {
            break;
        }
        match memchr::memchr(b' ', tok) {
            Some(i) => at += i + 1,
            None => break,
        }
    }
    info
}

/// Where the `key=value` field that gives `parse` its time is in the line
/// (the first time key whose value is a time, quotes included), so that the
/// text shown after the time column can leave it out.
pub fn time_field(line: &[u8]) -> Option<std::ops::Range<usize>> {
    let mut at = 0;
    while at < line.len() {
        let tok = &line[at..];
        if let Some(k) = TIME_KEYS.iter().find(|k| tok.starts_with(k)) {
            let quoted = tok.get(k.len()) == Some(&b'"');
            let v = at + k.len() + usize::from(quoted);
            if time_value(line, v).is_some() {
                let end = if quoted {
                    memchr::memchr(b'"', &line[v..]).map_or(line.len(), |q| v + q + 1)
                } else {
                    memchr::memchr(b' ', &line[v..]).map_or(line.len(), |s| v + s)
                };
                return Some(at..end);
            }
        }
        match memchr::memchr(b' ', tok) {
            Some(i) => at += i + 1,
            None => break,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::civil_to_nanos;

    #[test]
    fn keys_anywhere() {
        let i = parse(b"logger=settings t=2025-04-24T19:51:48.520963849Z level=info msg=x");
        let want = civil_to_nanos(2025, 4, 24, 19, 51, 48, 520_963_849).expect("valid");
        assert_eq!(i.stamp, Some(Stamp::Utc(want)));
        assert_eq!(i.level, Some(Level::Info));
        let i = parse(b"time=\"2026-11-23T09:05:11-05:00\" level=warning msg=\"a b\"");
        let want = civil_to_nanos(2026, 11, 23, 14, 5, 11, 0).expect("valid");
        assert_eq!(i.stamp, Some(Stamp::Utc(want)));
        assert_eq!(i.level, Some(Level::Warn));
        let i = parse(b"ts=1795442711.5 lvl=ERROR");
        assert_eq!(i.stamp, Some(Stamp::Utc(1_795_442_711_500_000_000)));
        assert_eq!(i.level, Some(Level::Error));
        assert_eq!(parse(b"count=3 at=2026-11-23T09:05:11Z").stamp, None);
    }
}
