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
    field(line, &TIME_KEYS, |v| {
        let quoted = line.get(v) == Some(&b'"');
        time_value(line, v + usize::from(quoted)).is_some()
    })
}

/// Where the level field that `parse` reads its level from is (`level=info`,
/// `level="warning"`), key and value: what the level column shows, the pane
/// row leaves out (`Format::header`).
pub fn level_field(line: &[u8]) -> Option<std::ops::Range<usize>> {
    field(line, &LEVEL_KEYS, |v| level_value(line, v).is_some())
}

/// The first field of `line` (key and value, quoted or not) whose key is one
/// of `keys` (each ending in `=`) and whose value `valid` takes (given where
/// it starts).
fn field(
    line: &[u8],
    keys: &[&[u8]],
    valid: impl Fn(usize) -> bool,
) -> Option<std::ops::Range<usize>> {
    let mut at = 0;
    while at < line.len() {
        let tok = &line[at..];
        if let Some(k) = keys.iter().find(|k| tok.starts_with(k))
            && valid(at + k.len())
        {
            let v = at + k.len();
            let end = if line.get(v) == Some(&b'"') {
                memchr::memchr(b'"', &line[v + 1..]).map_or(line.len(), |q| v + 1 + q + 1)
            } else {
                memchr::memchr(b' ', &line[v..]).map_or(line.len(), |s| v + s)
            };
            return Some(at..end);
        }
        match memchr::memchr(b' ', tok) {
            Some(i) => at += i + 1,
            None => break,
        }
    }
    None
}

/// A logfmt line as mining reads it (`pattern::message_of`): its message (the
/// value of the first `json_text::MESSAGE_KEYS` key it has, best ranked
/// first, unquoted) then its other fields as written, two spaces apart, as a
/// JSON line reads (`json_text::readable`); the time and level fields are
/// left out, known by their keys alone. False (and `out` unspecified) when
/// the line is not all fields, one of them `key=value`: a quote that opens
/// or closes anywhere but around a value, or no value at all (a panic's
/// lines in a logfmt log keep the usual message).
///
/// Which bytes split fields and what a key is depend on no digit's value or
/// run length (no special key holds a digit), so two lines that differ only
/// in their numbers read alike but for those numbers: the line keys'
/// guarantees hold (`pattern::TextKeys`).
pub fn mining_text(line: &[u8], out: &mut Vec<u8>) -> bool {
    use crate::format::json_text::MESSAGE_KEYS;
    out.clear();
    // The message's rank among the message keys and its field.
    let mut message: Option<(usize, Field)> = None;
    let mut valued = false;
    let mut at = 0;
    while let Some(f) = next_field(line, &mut at) {
        let Some(f) = f else { return false };
        valued |= f.value.is_some();
        let key = &line[f.key.clone()];
        if f.value.is_some()
            && let Some(rank) = MESSAGE_KEYS.iter().position(|m| m.as_bytes() == key)
            && message.as_ref().is_none_or(|(r, _)| rank < *r)
        {
            message = Some((rank, f));
        }
    }
    if !valued {
        return false;
    }
    if let Some((_, f)) = &message {
        let value = f.value.clone().unwrap_or_default();
        if f.quoted {
            unescape(&line[value], out);
        } else {
            out.extend_from_slice(&line[value]);
        }
    }
    let mut at = 0;
    while let Some(Some(f)) = next_field(line, &mut at) {
        let key = &line[f.key.clone()];
        let left_out = message.as_ref().is_some_and(|(_, m)| m.key == f.key)
            || f.value.is_some()
                && TIME_KEYS
                    .iter()
                    .chain(LEVEL_KEYS.iter())
                    .any(|k| &k[..k.len() - 1] == key);
        if left_out {
            continue;
        }
        if !out.is_empty() {
            out.extend_from_slice(b"  ");
        }
        out.extend_from_slice(&line[f.token]);
    }
    true
}

/// A field of a logfmt line: the whole token as written, its key, and its
/// value (inside the quotes when `quoted`), if it has one.
struct Field {
    token: std::ops::Range<usize>,
    key: std::ops::Range<usize>,
    value: Option<std::ops::Range<usize>>,
    quoted: bool,
}

/// The field at or after `*at` (blanks skipped), `*at` moved past it; None at
/// the end, Some(None) when the bytes there are no field.
fn next_field(line: &[u8], at: &mut usize) -> Option<Option<Field>> {
    let blank = |b: u8| b == b' ' || b == b'\t';
    let start = *at + line[*at..].iter().take_while(|&&b| blank(b)).count();
    if start >= line.len() {
        *at = start;
        return None;
    }
    let key_end = start
        + line[start..]
            .iter()
            .take_while(|&&b| !blank(b) && b != b'=')
            .count();
    let key = start..key_end;
    if key.is_empty() || line[key.clone()].contains(&b'"') {
        return Some(None);
    }
    if line.get(key_end) != Some(&b'=') {
        *at = key_end;
        return Some(Some(Field {
            token: key.clone(),
            key,
            value: None,
            quoted: false,
        }));
    }
    let v = key_end + 1;
    let (value, quoted, end) = if line.get(v) == Some(&b'"') {
        // A quoted value ends at the first quote no backslash escapes.
        let mut i = v + 1;
        loop {
            match line.get(i) {
                None => return Some(None),
                Some(b'\\') => i += 2,
                Some(b'"') => break,
                Some(_) => i += 1,
            }
        }
        if line.get(i + 1).is_some_and(|&b| !blank(b)) {
            return Some(None);
        }
        (v + 1..i, true, i + 1)
    } else {
        let end = v + line[v..].iter().take_while(|&&b| !blank(b)).count();
        if line[v..end].contains(&b'"') {
            return Some(None);
        }
        (v..end, false, end)
    };
    *at = end;
    Some(Some(Field {
        token: start..end,
        key,
        value: Some(value),
        quoted,
    }))
}

/// A quoted value's text: `\"` and `\\` read as the byte they escape, other
/// escapes kept as written.
pub(crate) fn unescape(value: &[u8], out: &mut Vec<u8>) {
    let mut i = 0;
    while i < value.len() {
        match (value[i], value.get(i + 1)) {
            (b'\\', Some(&e @ (b'"' | b'\\'))) => {
                out.push(e);
                i += 2;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
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

    fn text(line: &str) -> Option<String> {
        let mut out = b"left over".to_vec();
        mining_text(line.as_bytes(), &mut out).then(|| String::from_utf8(out).expect("utf-8"))
    }

    #[test]
    fn mining_reads_the_message_then_the_fields() {
        assert_eq!(
            text(r#"ts=2026-11-23T14:10:18.120Z caller=main.go:551 level=info msg="Starting \"Prom\" \\ now\n" mode=server"#)
                .as_deref(),
            Some(r#"Starting "Prom" \ now\n  caller=main.go:551  mode=server"#)
        );
        // A bare message; a key without a value stays; `message` ranks below `msg`.
        assert_eq!(
            text("time=1 lvl=debug message=first flag msg=listening k=v").as_deref(),
            Some("listening  message=first  flag  k=v")
        );
        // No message: the fields alone; a time key without a value is a field.
        assert_eq!(
            text("t=x level=warn ts component=db").as_deref(),
            Some("ts  component=db")
        );
        // Not logfmt: no value at all, quotes that do not surround a value,
        // a quoted value left open.
        for line in [
            "goroutine 1 [running]:",
            "panic: runtime error",
            r#""quoted" k=v"#,
            r#"k="a"b"#,
            r#"k=a"b"#,
            r#"msg="open"#,
            "=v",
        ] {
            assert_eq!(text(line), None, "{line}");
        }
    }

    /// What mining reads of a line depends on no digit's value or run length:
    /// lines that differ only there read alike but for them (the line keys'
    /// guarantees, `pattern::TextKeys`), on the corpus's logfmt logs and on
    /// random lines.
    #[test]
    fn digits_never_change_what_mining_reads() {
        use crate::pattern::mask::digit_key::digit_key;
        use crate::pattern::mask::tests::relengthened;
        use crate::test_rng::XorShift;
        let mut rng = XorShift(0x1f2e_3d4c_5b6a_7988);
        let key = |t: &[u8]| {
            let mut k = Vec::new();
            digit_key(t, &mut k);
            k
        };
        let mut check = |line: &[u8]| {
            let (mut a, mut b) = (Vec::new(), Vec::new());
            let ok = mining_text(line, &mut a);
            for _ in 0..3 {
                let v = relengthened(line, &mut rng);
                assert_eq!(
                    mining_text(&v, &mut b),
                    ok,
                    "{}",
                    String::from_utf8_lossy(&v)
                );
                if ok {
                    assert_eq!(key(&a), key(&b), "{}", String::from_utf8_lossy(&v));
                }
            }
            ok
        };
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/logfmt");
        let mut read = 0;
        for entry in std::fs::read_dir(dir).expect("the corpus's logfmt logs") {
            let bytes = std::fs::read(entry.expect("entry").path()).expect("reads");
            for line in bytes.split(|&b| b == b'\n') {
                read += usize::from(check(line));
            }
        }
        assert!(read >= 90, "{read} logfmt lines");
        let pieces = [
            "ts=2024-03-01T10:00:00Z",
            "t=7",
            "time=\"12:00\"",
            "level=info",
            "lvl=3",
            "severity=E",
            "msg=\"took 12ms\"",
            "msg=up7",
            "message=\"a \\\"9\\\" b\"",
            "k1=v2",
            "k=\"x=1 y\"",
            "flag",
            "n=-0.5",
            "id=0x1f",
            "err=\"open /tmp/f1: no\"",
            "t1=x",
            "msg1=y",
            "\"q\"",
            "a\"1",
            "k=\"7",
            "  ",
            "=3",
        ];
        let (mut valid, mut pick) = (0, XorShift(0x0ddb_a11c_afe5_f00d));
        for _ in 0..4000 {
            let n = 1 + pick.below(6) as usize;
            let line: Vec<&str> = (0..n)
                .map(|_| pieces[pick.below(pieces.len() as u64) as usize])
                .collect();
            valid += usize::from(check(line.join(" ").as_bytes()));
        }
        assert!(valid > 500, "{valid} random lines read");
    }
}
