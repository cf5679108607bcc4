//! The W3C extended log file format (IIS's default, `#Software:`, `#Version:`,
//! `#Date:`, `#Fields: date time s-ip cs-method …`): space-separated fields
//! whose columns the last `#Fields:` line names. A server writes a new
//! directive block when it starts a file or restarts, and a `#Fields:` line
//! may name other columns from there on. `date` (`2015-01-13`) and `time`
//! (`00:32:17`, optionally with a fraction) are UTC by the W3C's definition
//! (IIS writes UTC whatever its "local time" rollover option says), so the
//! source's zone does not apply. `sc-status` gives the level as an access
//! log's status does.
//!
//! Detection learns the columns from the sample's first `#Fields:` line; the
//! indexer follows each `#Fields:` line after it (`RecordState::w3c`, set by
//! `directive`, which every directive line passes through, so a chunk after
//! a change is redone from it). A block of directive lines is one record,
//! dated by its `#Date:` (when the server began writing the entries after
//! it: a start or a restart); chunks are never cut inside a block
//! (`index::cuts_outside_traces`).

use super::header::Header;
use super::{LineInfo, Stamp, clock, digits, web};

/// No such column.
const NONE: u8 = u8::MAX;

/// Where a line's date, time and status are: their columns (0-based), as a
/// `#Fields:` line names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Columns {
    date: u8,
    time: u8,
    status: u8,
}

impl Default for Columns {
    /// IIS's default: `date time …`, the status's column unknown.
    fn default() -> Self {
        Columns {
            date: 0,
            time: 1,
            status: NONE,
        }
    }
}

/// The columns a `#Fields:` line names; None for any other line. A column
/// past the 254th is not looked for.
pub fn fields(line: &[u8]) -> Option<Columns> {
    let names = line.strip_prefix(b"#Fields:")?;
    let mut c = Columns {
        date: NONE,
        time: NONE,
        status: NONE,
    };
    let words = names
        .split(|&b| b == b' ' || b == b'\t')
        .filter(|w| !w.is_empty());
    for (k, name) in words.enumerate().take(usize::from(NONE)) {
        let slot = match name {
            b"date" => &mut c.date,
            b"time" => &mut c.time,
            b"sc-status" => &mut c.status,
            _ => continue,
        };
        if *slot == NONE {
            *slot = k as u8;
        }
    }
    Some(c)
}

/// The rule for a directive line (`#…`; `dated`: a `#Date:` one) of a
/// format with directives (`Format::directives`: W3C's, Zeek's header and
/// footer): a block of them is one record, begun by its first line
/// (`above`: the line above was a directive too) and dated by a W3C
/// `#Date:`; a `#Fields:` line sets the columns the lines after it are read
/// with. Out of line: only those formats' `#` lines come here.
#[inline(never)]
pub fn directive(
    format: &super::Format,
    line: &[u8],
    dated: bool,
    above: bool,
    st: &mut super::records::RecordState,
) -> super::records::Start {
    use super::records::Start;
    if let (Some(c), super::Format::W3c(learned)) = (fields(line), format) {
        st.w3c = (c != *learned).then_some(c);
    }
    match (above, dated) {
        (false, _) => Start::New(None),
        (true, true) => Start::Time,
        (true, false) => Start::Continue,
    }
}

/// The columns the sample's first `#Fields:` line names, if it has one.
pub fn learn(lines: &[&[u8]]) -> Option<Columns> {
    lines.iter().find_map(|l| fields(l))
}

/// Where the line's `k`th field (0-based) is.
fn field(line: &[u8], k: u8) -> Option<std::ops::Range<usize>> {
    let mut start = 0;
    for _ in 0..k {
        start += memchr::memchr2(b' ', b'\t', &line[start..])? + 1;
    }
    let end = memchr::memchr2(b' ', b'\t', &line[start..]).map_or(line.len(), |e| start + e);
    Some(start..end)
}

/// `YYYY-MM-DD` filling `f`, as midnight UTC.
fn date(line: &[u8], f: &std::ops::Range<usize>) -> Option<i64> {
    let s = f.start;
    if f.len() != 10 || line[s + 4] != b'-' || line[s + 7] != b'-' {
        return None;
    }
    let (y, m, d) = (
        digits(line, s, 4)?,
        digits(line, s + 5, 2)?,
        digits(line, s + 8, 2)?,
    );
    match super::local_stamp(y, m, d, 0)? {
        Stamp::Local(n) => Some(n),
        _ => None,
    }
}

/// A time of day filling `f`.
fn time(line: &[u8], f: &std::ops::Range<usize>) -> Option<i64> {
    let (n, end) = clock(&line[..f.end], f.start)?;
    (end == f.end).then_some(n)
}

/// The stamp of a data line and the range from its date to its time (or
/// its time alone, when the columns are not side by side).
fn stamp(line: &[u8], c: Columns) -> Option<(Stamp, std::ops::Range<usize>)> {
    if c.date == NONE || c.time == NONE || line.first() == Some(&b'#') {
        return None;
    }
    let (d, t) = (field(line, c.date)?, field(line, c.time)?);
    let at = date(line, &d)? + time(line, &t)?;
    let range = if c.time == c.date + 1 {
        d.start..t.end
    } else {
        t
    };
    Some((Stamp::Utc(at), range))
}

/// `#Date: 2015-01-13 00:32:17`: when the entries after it were written.
fn directive_date(line: &[u8]) -> Option<Stamp> {
    let v = line.strip_prefix(b"#Date:")?.trim_ascii();
    let (d, t) = (0..10, 11..v.len());
    (v.get(10) == Some(&b' ')).then_some(())?;
    Some(Stamp::Utc(date(v, &d)? + time(v, &t)?))
}

/// One line read with the columns `c`.
#[inline(never)]
pub fn parse(line: &[u8], c: Columns) -> LineInfo {
    if line.first() == Some(&b'#') {
        return LineInfo {
            stamp: directive_date(line),
            level: None,
        };
    }
    let Some((s, _)) = stamp(line, c) else {
        return LineInfo::default();
    };
    let level = (c.status != NONE)
        .then(|| field(line, c.status))
        .flatten()
        .filter(|f| f.len() == 3)
        .and_then(|f| digits(line, f.start, 3))
        .map(web::status_level_of);
    LineInfo {
        stamp: Some(s),
        level,
    }
}

/// The date and time columns (side by side: both, with the space between);
/// a `#Date:` line is all stamp and reads whole.
pub fn header(line: &[u8], c: Columns) -> Option<Header> {
    if line.first() == Some(&b'#') {
        return directive_date(line).map(|_| Header::stamp(0..line.len()));
    }
    stamp(line, c).map(|(_, at)| Header::stamp(at))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::level::Level;

    const FIELDS: &[u8] = b"#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status sc-bytes cs-bytes time-taken";
    const LINE: &[u8] = b"2015-01-13 00:32:17 100.79.192.81 GET /robots.txt - 80 - 157.55.39.146 Mozilla/5.0+(compatible;+bingbot/2.0;++http://www.bing.com/bingbot.htm) - 404 0 2 1405 242 283";

    #[test]
    fn columns_come_from_the_fields_line() {
        let c = fields(FIELDS).expect("fields");
        assert_eq!(
            c,
            Columns {
                date: 0,
                time: 1,
                status: 11
            }
        );
        let info = parse(LINE, c);
        let want = crate::time::civil_to_nanos(2015, 1, 13, 0, 32, 17, 0).expect("valid");
        assert_eq!(info.stamp, Some(Stamp::Utc(want)));
        assert_eq!(info.level, Some(Level::Warn));
        assert_eq!(header(LINE, c), Some(Header::stamp(0..19)));
    }

    /// Other columns: the time first, the date elsewhere, a 500.
    #[test]
    fn columns_may_be_anywhere() {
        let c = fields(b"#Fields: time c-ip sc-status date cs-method").expect("fields");
        let info = parse(b"10:00:01.25 10.0.0.1 503 2024-02-29 GET", c);
        let want = crate::time::civil_to_nanos(2024, 2, 29, 10, 0, 1, 250_000_000).expect("valid");
        assert_eq!(info.stamp, Some(Stamp::Utc(want)));
        assert_eq!(info.level, Some(Level::Error));
        assert_eq!(
            header(b"10:00:01.25 10.0.0.1 503 2024-02-29 GET", c),
            Some(Header::stamp(0..11))
        );
        // No date column: the time alone is no instant.
        let c = fields(b"#Fields: time cs-method cs-uri").expect("fields");
        assert_eq!(parse(b"00:34:23 GET /foo/bar.html", c).stamp, None);
    }

    #[test]
    fn directives_are_undated_but_the_date() {
        let c = Columns::default();
        let d = parse(b"#Date: 2015-01-13 02:05:40", c);
        let want = crate::time::civil_to_nanos(2015, 1, 13, 2, 5, 40, 0).expect("valid");
        assert_eq!(d.stamp, Some(Stamp::Utc(want)));
        for l in [
            "#Software: Microsoft Internet Information Services 8.5",
            "#Version: 1.0",
            "#Fields: date time",
            "#Date: 2015-01-13",
        ] {
            assert_eq!(parse(l.as_bytes(), c).stamp, None, "{l}");
        }
    }
}
