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
}
