//! Byte-level helpers for fixed-position timestamp parsing.

/// Reads exactly `n` ASCII digits at `pos`.
#[inline]
pub fn digits(b: &[u8], pos: usize, n: usize) -> Option<u32> {
    let s = b.get(pos..pos + n)?;
    let mut v = 0u32;
    for &c in s {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + u32::from(c - b'0');
    }
    Some(v)
}

/// Reads a fraction of a second (1..=9 digits, more are ignored) starting at `pos`.
/// Returns (nanoseconds, bytes consumed).
#[inline]
pub fn fraction(b: &[u8], pos: usize) -> (u32, usize) {
    let mut nanos = 0u32;
    let mut n = 0;
    while let Some(&c) = b.get(pos + n) {
        if !c.is_ascii_digit() {
            break;
        }
        if n < 9 {
            nanos = nanos * 10 + u32::from(c - b'0');
        }
        n += 1;
    }
    let mut scale = n.min(9);
    while scale < 9 {
        nanos *= 10;
        scale += 1;
    }
    (nanos, n)
}

/// Month from its English three-letter abbreviation, case-insensitive.
#[inline]
pub fn month_abbrev(b: &[u8]) -> Option<u32> {
    let m = b.get(..3)?;
    let l = [
        m[0].to_ascii_lowercase(),
        m[1].to_ascii_lowercase(),
        m[2].to_ascii_lowercase(),
    ];
    Some(match &l {
        b"jan" => 1,
        b"feb" => 2,
        b"mar" => 3,
        b"apr" => 4,
        b"may" => 5,
        b"jun" => 6,
        b"jul" => 7,
        b"aug" => 8,
        b"sep" => 9,
        b"oct" => 10,
        b"nov" => 11,
        b"dec" => 12,
        _ => return None,
    })
}

/// Month from its abbreviation as `strftime`'s `%b` writes it in another
/// language (journalctl's short output follows `LC_TIME`: `août 19 11:08:37`,
/// `Dez 04`, `ene 05`): glibc's French, German, Spanish, Italian, Portuguese,
/// Dutch, Polish and Russian abbreviations, lower-case or capitalised, a trailing `.`
/// taken with them; and how many bytes it takes. Out of line: asked only where
/// the English ones (`month_abbrev`) fail.
#[cold]
#[inline(never)]
pub fn month_localized(b: &[u8]) -> Option<(u32, usize)> {
    // Up to the space after it: at most 12 bytes (`февр.` is 9).
    let len = b.iter().take(13).position(|&c| c == b' ')?;
    let bare = b[..len].strip_suffix(b".").unwrap_or(&b[..len]);
    // Capitalised at most (`Dez`): `OUT` and `SET` are words, not months.
    if bare.len() < 3 || bare[1..].iter().any(u8::is_ascii_uppercase) {
        return None;
    }
    // ASCII letters lowered in place (glibc writes the others lower-case).
    let mut lower = [0u8; 12];
    for (l, c) in lower.iter_mut().zip(bare) {
        *l = c.to_ascii_lowercase();
    }
    let lower = &lower[..bare.len()];
    let month = LOCALIZED
        .iter()
        .position(|names| names.iter().any(|n| n.as_bytes() == lower))?;
    Some((month as u32 + 1, len))
}

/// Each month's abbreviations in glibc's locales (fr_FR, de_DE, es_ES, it_IT,
/// pt_BR and pt_PT, nl_NL, pl_PL, ru_RU), English's own among them where a
/// locale shares it; none stands for two months.
const LOCALIZED: [&[&str]; 12] = [
    &["janv", "jan", "ene", "gen", "sty", "янв"],
    &["févr", "fév", "feb", "fev", "lut", "фев", "февр"],
    &["mars", "mär", "mar", "mrt", "мар", "март"],
    &["avr", "avril", "apr", "abr", "kwi", "апр"],
    &["mai", "may", "mag", "mei", "maj", "мая", "май"],
    &["juin", "jun", "giu", "cze", "июн", "июня"],
    &["juil", "jul", "lug", "lip", "июл", "июля"],
    &["août", "aug", "ago", "sie", "авг"],
    &["sept", "sep", "set", "wrz", "сен", "сент"],
    &["oct", "okt", "ott", "out", "paź", "окт"],
    &["nov", "lis", "ноя", "нояб"],
    &["déc", "dez", "dic", "dec", "gru", "дек"],
];

/// Parses a zone suffix at `pos`: `Z`, `+01:00`, `+0100`, `+01`, `-08:00`.
/// Returns (offset east of UTC in seconds, bytes consumed).
#[inline]
pub fn zone_offset(b: &[u8], pos: usize) -> Option<(i32, usize)> {
    match b.get(pos)? {
        b'Z' | b'z' => Some((0, 1)),
        s @ (b'+' | b'-') => {
            let sign = if *s == b'-' { -1 } else { 1 };
            let h = digits(b, pos + 1, 2)? as i32;
            let (m, used) = if b.get(pos + 3) == Some(&b':') {
                (digits(b, pos + 4, 2)? as i32, 6)
            } else if let Some(m) = digits(b, pos + 3, 2) {
                (m as i32, 5)
            } else {
                (0, 3)
            };
            if h > 14 || m > 59 {
                return None;
            }
            Some((sign * (h * 3600 + m * 60), used))
        }
        _ => None,
    }
}

/// Reads `HH:MM:SS[.,fraction]` at `pos`. Returns (nanoseconds since midnight, end).
#[inline]
pub fn clock(b: &[u8], pos: usize) -> Option<(i64, usize)> {
    let hour = digits(b, pos, 2)?;
    if b.get(pos + 2) != Some(&b':') || b.get(pos + 5) != Some(&b':') {
        return None;
    }
    let min = digits(b, pos + 3, 2)?;
    let sec = digits(b, pos + 6, 2)?;
    if hour > 23 || min > 59 || sec > 60 {
        return None;
    }
    let mut end = pos + 8;
    let mut nanos = 0;
    if matches!(b.get(end), Some(b'.' | b',')) {
        let (n, used) = fraction(b, end + 1);
        if used > 0 {
            nanos = n;
            end += 1 + used;
        }
    }
    let secs = i64::from(hour) * 3600 + i64::from(min) * 60 + i64::from(sec.min(59));
    Some((secs * 1_000_000_000 + i64::from(nanos), end))
}

/// Offset of a zone abbreviation as PostgreSQL and `journalctl` print them.
/// Ambiguous ones (`CST`, `IST`) take the North American / most common reading.
pub fn zone_abbrev(word: &[u8]) -> Option<i32> {
    let h = match word {
        b"UTC" | b"GMT" | b"Z" | b"WET" => 0,
        b"BST" | b"CET" | b"WEST" => 1,
        b"CEST" | b"EET" => 2,
        b"EEST" | b"MSK" => 3,
        b"EDT" => -4,
        b"EST" | b"CDT" => -5,
        b"CST" => -6,
        b"MST" => -7,
        b"MDT" => -6,
        b"PST" => -8,
        b"PDT" => -7,
        b"JST" | b"KST" => 9,
        _ => return None,
    };
    Some(h * 3600)
}

/// Reads an epoch number (`1795442711.5551887`, `1795442712454`, `1795442918881981`)
/// at `pos`, picking seconds/millis/micros/nanos from the number of integer digits.
/// Integers under 9 digits are refused: they are counters, not dates; one past
/// 64-bit nanoseconds (19 or 20 digits) is a stamp out of range.
pub fn epoch(b: &[u8], pos: usize) -> Option<(super::Stamp, usize)> {
    let mut int: i128 = 0;
    let mut n = 0;
    while let Some(&c) = b.get(pos + n) {
        if !c.is_ascii_digit() {
            break;
        }
        if n >= 20 {
            return None;
        }
        int = int * 10 + i128::from(c - b'0');
        n += 1;
    }
    if n < 9 {
        return None;
    }
    let unit: i128 = match n {
        9..=11 => 1_000_000_000,
        12..=14 => 1_000_000,
        15..=17 => 1_000,
        _ => 1,
    };
    let mut end = pos + n;
    let mut frac = 0i128;
    if b.get(end) == Some(&b'.') {
        let (f, used) = fraction(b, end + 1);
        if used > 0 {
            frac = i128::from(f) * unit / 1_000_000_000;
            end += 1 + used;
        }
    }
    let t = i64::try_from(int * unit + frac).ok();
    Some((t.map_or(super::Stamp::OutOfRange, super::Stamp::Utc), end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fractions_scale_to_nanos() {
        assert_eq!(fraction(b"123 x", 0), (123_000_000, 3));
        assert_eq!(fraction(b"123456789123", 0), (123_456_789, 12));
        assert_eq!(fraction(b"x", 0), (0, 0));
    }

    #[test]
    fn zones() {
        assert_eq!(zone_offset(b"Z", 0), Some((0, 1)));
        assert_eq!(zone_offset(b"+01:00", 0), Some((3600, 6)));
        assert_eq!(zone_offset(b"-0330", 0), Some((-(3 * 3600 + 30 * 60), 5)));
        assert_eq!(zone_offset(b"+05", 0), Some((5 * 3600, 3)));
        assert_eq!(zone_offset(b"x", 0), None);
    }

    #[test]
    fn epochs_by_magnitude() {
        use super::super::Stamp::{OutOfRange, Utc};
        assert_eq!(
            epoch(b"1795442711.5", 0),
            Some((Utc(1_795_442_711_500_000_000), 12))
        );
        assert_eq!(
            epoch(b"1795442712454,", 0),
            Some((Utc(1_795_442_712_454_000_000), 13))
        );
        assert_eq!(
            epoch(b"1795442918881981", 0),
            Some((Utc(1_795_442_918_881_981_000), 16))
        );
        assert_eq!(epoch(b"200", 0), None);
        // Issue 12 item 6: one past i64 nanoseconds wrapped to 1677.
        assert_eq!(epoch(b"9223372036854775808", 0), Some((OutOfRange, 19)));
        assert_eq!(epoch(b"99999999999999999999", 0), Some((OutOfRange, 20)));
        assert_eq!(epoch(b"9999999999999.9", 0), Some((OutOfRange, 15)));
    }

    #[test]
    fn clocks() {
        assert_eq!(clock(b"01:02:03.5", 0), Some((3_723_500_000_000, 10)));
        assert_eq!(clock(b"24:00:00", 0), None);
    }
}
