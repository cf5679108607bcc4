//! Zeek's (Bro's) TSV logs (`conn.log`, `dns.log`, `http.log` …): a header
//! of `#separator \x09`, `#fields ts uid …`, `#types time string …` lines,
//! one tab-separated line per event, a `#close` footer. Every log Zeek
//! writes has `ts` first: Unix seconds with six digits of micros (UTC).
//! The header is one record and the footer another (`w3c::directive`, the
//! rule for a log's `#` lines); `#open`/`#close` carry the writer's wall
//! clock when it opened and closed the file, not an event's time (a
//! replayed capture's events are years older), so they are not dated.

use super::header::Header;
use super::{LineInfo, Stamp};

/// The `ts` column and where it ends (its tab): nine to eleven digits of
/// seconds, a `.` and a fraction, then a tab.
fn ts(line: &[u8]) -> Option<(Stamp, usize)> {
    let secs = line.iter().take_while(|b| b.is_ascii_digit()).count();
    if !(9..=11).contains(&secs) || line.get(secs) != Some(&b'.') {
        return None;
    }
    let (stamp, end) = super::epoch(line, 0)?;
    (end > secs + 1 && line.get(end) == Some(&b'\t')).then_some((stamp, end))
}

/// Out of line: only a Zeek log's lines come here. Zeek writes no level.
#[inline(never)]
pub fn parse(line: &[u8]) -> LineInfo {
    LineInfo {
        stamp: ts(line).map(|(s, _)| s),
        level: None,
    }
}

/// The `ts` column; the rest of the row (uid, addresses, ports …) stays.
pub fn header(line: &[u8]) -> Option<Header> {
    ts(line).map(|(_, end)| Header::stamp(0..end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ts_is_utc_seconds_and_micros() {
        let line = b"1320279554.496300\tCg9xqq3JAcZusspA86\t192.168.2.76\t52025";
        assert_eq!(
            parse(line).stamp,
            Some(Stamp::Utc(1_320_279_554_496_300_000))
        );
        assert_eq!(header(line), Some(Header::stamp(0..17)));
    }

    #[test]
    fn other_lines_have_no_ts() {
        for l in [
            "#fields\tts\tuid",
            "#close\t2017-04-16-21-36-10",
            "1320279554 Cg9xqq3JAcZusspA86",
            "1320279554.496300 Cg9xqq3JAcZusspA86",
            "1320279554.\tx",
            "12345678.5\tx",
        ] {
            assert_eq!(parse(l.as_bytes()).stamp, None, "{l}");
        }
    }
}
