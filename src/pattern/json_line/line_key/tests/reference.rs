//! The line key as the module's doc defines it, written plainly: what
//! `LineKey` must give, however it finds it.

use super::super::{LEADING, MARK, MAX_LINE};

/// The key as the module's doc defines it, a byte at a time (the strings found
/// by pairing quotes, each rule checked on its own): what `LineKey` must give,
/// however it finds it.
pub(super) fn reference_key(line: &[u8]) -> Option<Vec<u8>> {
    let n = line.len();
    if !(2..=MAX_LINE).contains(&n) || line[n - 1] != b'}' {
        return None;
    }
    let start = line.iter().position(|&b| b == b'{')?;
    if line[..start]
        .iter()
        .any(|&b| !b.is_ascii() || b == b'"' || b == b'\\')
    {
        return None;
    }
    if line.iter().any(|&b| b < 0x20) || std::str::from_utf8(line).is_err() {
        return None;
    }
    // Escapes, left to right: a backslash escapes the byte after it.
    let mut escaped = vec![false; n];
    let mut literal = vec![false; n];
    let mut i = 0;
    while i < n {
        if line[i] == b'\\' {
            let e = *line.get(i + 1)?;
            if e == b'u' {
                // Four hex digits, kept as they are.
                let hex = line.get(i + 2..i + 6)?;
                if !hex.iter().all(u8::is_ascii_hexdigit) {
                    return None;
                }
                literal[i + 2..i + 6].fill(true);
            } else if !b"\"\\/bfnrt".contains(&e) {
                return None;
            }
            escaped[i + 1] = true;
            i += 1;
        }
        i += 1;
    }
    let quotes: Vec<usize> = (0..n).filter(|&i| line[i] == b'"' && !escaped[i]).collect();
    if !quotes.len().is_multiple_of(2) {
        return None;
    }
    let strings: Vec<(usize, usize)> = quotes.chunks(2).map(|p| (p[0], p[1])).collect();
    let inside = |i: usize| strings.iter().any(|&(o, c)| o <= i && i <= c);
    // Marked contents: (first byte, end).
    let mut marked = Vec::new();
    for &(o, c) in &strings {
        let content = &line[o + 1..c];
        // A `\u` escape's hex digits are no digits here.
        let digit = (o + 1..c).any(|j| line[j].is_ascii_digit() && !literal[j]);
        // Rule 2.
        if digit && !matches!(line[c + 1], b',' | b'}' | b']') {
            return None;
        }
        let value = |b: &u8| b.is_ascii_hexdigit() || b".-_+xX".contains(b);
        if digit && content.iter().all(value) && content.last() != Some(&b'.') {
            marked.push((o + 1, c));
        }
        // Values after `=`: a run of value bytes with a digit, not ending in
        // `.`, before a space or the closing quote.
        for j in o + 2..c {
            if line[j - 1] != b'=' || !value(&line[j]) {
                continue;
            }
            let e = j + line[j..c].iter().take_while(|b| value(b)).count();
            let digit = (j..e).any(|i| line[i].is_ascii_digit() && !literal[i]);
            if digit && line[e - 1] != b'.' && (e == c || line[e] == b' ') {
                marked.push((j, e));
            }
        }
    }
    // Rule 3.
    let mut i = 0;
    while i < n {
        // A `\u` escape's hex digits are kept, not a number's (outside
        // strings only in a line that is no JSON).
        let digit = |j: usize| line[j].is_ascii_digit() && !literal[j];
        if !digit(i) || inside(i) || i < start {
            i += 1;
            continue;
        }
        let len = (i..n).take_while(|&j| digit(j)).count();
        let leading_zero = line[i] == b'0' && len > 1 && line[i - 1] != b'.';
        if len > 15 || leading_zero || matches!(line[i + len], b'e' | b'E') {
            return None;
        }
        i += len;
    }
    // Leading fields under left-out keys.
    let mut p = start + 1;
    for _ in 0..LEADING {
        let Some(&(_, e)) = strings.iter().find(|s| s.0 == p) else {
            break;
        };
        if line[e + 1] != b':' || line[e + 2] != b'"' {
            break;
        }
        let (o, c) = (
            e + 2,
            strings.iter().find(|s| s.0 == e + 2).expect("a string").1,
        );
        let role = crate::pattern::json_line::Role::of(&line[p + 1..e]);
        if !role.left_out || role.message_rank.is_some() {
            break;
        }
        if c > o + 1 {
            marked.push((o + 1, c));
        }
        if line[c + 1] != b',' {
            break;
        }
        p = c + 2;
    }
    let mut key = Vec::new();
    let mut i = 0;
    while i < n {
        if let Some(&(_, end)) = marked.iter().find(|m| m.0 == i) {
            key.push(MARK);
            i = end;
        } else if line[i].is_ascii_digit() && !literal[i] {
            key.push(b'0');
            i += (i..n)
                .take_while(|&j| line[j].is_ascii_digit() && !literal[j])
                .count();
        } else {
            key.push(line[i]);
            i += 1;
        }
    }
    Some(key)
}
