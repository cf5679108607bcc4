//! The masker as it was before the byte-class rewrite, kept while both exist
//! so that tests can check the new one masks exactly the same on every line
//! of the corpus.
#![allow(dead_code)]

use crate::pattern::mask::Masked;

/// The variable marker, as Loghub and Drain write it.
pub const WILD: &[u8] = b"<*>";

const LEVELS: &[&[u8]] = &[
    b"TRACE",
    b"DEBUG",
    b"INFO",
    b"NOTICE",
    b"WARN",
    b"WARNING",
    b"ERROR",
    b"ERR",
    b"FATAL",
    b"CRIT",
    b"CRITICAL",
    b"ALERT",
    b"EMERG",
    b"SEVERE",
    b"FINE",
    b"FINER",
    b"FINEST",
    b"CONFIG",
    b"V",
    b"D",
    b"I",
    b"W",
    b"E",
    b"F",
];

fn is_level(tok: &[u8]) -> bool {
    if tok.len() > 10
        || tok.is_empty()
        || !tok[0].is_ascii_alphabetic() && !matches!(tok[0], b'[' | b'<')
    {
        return false;
    }
    let t = tok
        .strip_prefix(b"[")
        .and_then(|t| t.strip_suffix(b"]"))
        .or_else(|| tok.strip_prefix(b"<").and_then(|t| t.strip_suffix(b">")))
        .or_else(|| tok.strip_suffix(b":"))
        .unwrap_or(tok);
    LEVELS.iter().any(|l| l.eq_ignore_ascii_case(t)) && (t.len() > 1 || t[0].is_ascii_uppercase())
}

const MONTHS_DAYS: &[&[u8]] = &[
    b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec",
    b"Mon", b"Tue", b"Wed", b"Thu", b"Fri", b"Sat", b"Sun",
];

/// A header token: a date, time, pid, host with digits, `-`, a month or weekday.
fn is_header(tok: &[u8]) -> bool {
    tok.iter().any(u8::is_ascii_digit)
        || tok.iter().all(|b| b.is_ascii_punctuation())
        || tok.len() == 3 && MONTHS_DAYS.contains(&tok)
}

/// The message of a line: leading header tokens (dates, times, numbers, hosts
/// with digits, months) are skipped, then a level word if there is one, and
/// after a level the logger's name (`dfs.DataNode:`, `nova.compute.manager`) and
/// one bracketed context (`[req-… - - -]`, `[main]`). Without a level word the
/// message starts at the first token that is not header.
pub fn message(line: &[u8]) -> &[u8] {
    let mut rest = line;
    let mut skipped = 0;
    loop {
        let t = trim_start(rest);
        let (tok, after) = split_token(t);
        if tok.is_empty() {
            return t;
        }
        if is_level(tok) && (skipped > 0 || tok.len() > 1) {
            return after_level(trim_start(after));
        }
        if !is_header(tok) || skipped >= 12 {
            return t;
        }
        skipped += 1;
        rest = after;
    }
}

fn split_token(t: &[u8]) -> (&[u8], &[u8]) {
    let end = t
        .iter()
        .position(|b| b.is_ascii_whitespace())
        .unwrap_or(t.len());
    (&t[..end], &t[end..])
}

/// Skips a logger name and one bracketed context after the level.
fn after_level(t: &[u8]) -> &[u8] {
    let (tok, after) = split_token(t);
    let name = tok
        .iter()
        .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'$' | b'-' | b':'));
    let dotted = tok.contains(&b'.') && !tok.ends_with(b".");
    let mut t = if name && !after.is_empty() && (tok.ends_with(b":") || dotted) {
        trim_start(after)
    } else {
        t
    };
    if t.starts_with(b"[")
        && let Some(close) = t.iter().take(200).position(|&b| b == b']')
    {
        let inner = &t[1..close];
        // A context, not the message: `[-]`, `[req-… - - -]`, `[main]`.
        if !inner.is_empty() && inner.iter().all(|&b| b != b':' && b != b'[') {
            t = trim_start(&t[close + 1..]);
        }
    }
    t
}

fn trim_start(b: &[u8]) -> &[u8] {
    let k = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    &b[k..]
}

/// Masks `msg` into `out` (cleared first).
pub fn mask_into(msg: &[u8], out: &mut Masked) {
    out.text.clear();
    out.tokens.clear();
    let mut toks = msg
        .split(|b| b.is_ascii_whitespace())
        .filter(|t| !t.is_empty());
    while let Some(tok) = toks.next() {
        if !out.text.is_empty() {
            out.text.push(b' ');
        }
        let start = out.text.len();
        // Most tokens are plain words: nothing to mask.
        if !tok
            .iter()
            .any(|&b| b.is_ascii_digit() || matches!(b, b'/' | b'"' | b'\'' | b'~'))
        {
            out.text.extend_from_slice(tok);
            out.tokens.push((start as u32, out.text.len() as u32));
            continue;
        }
        // `key="a value with spaces"` is one variable, however many words.
        let eq_quote = tok.windows(2).position(|w| w == b"=\"" || w == b"='");
        if let Some(p) = eq_quote {
            let q = tok[p + 1];
            let closed = |t: &[u8], from: usize| t[from..].contains(&q);
            if !closed(tok, p + 2) {
                let mut tail: &[u8] = b"";
                for next in toks.by_ref() {
                    if let Some(c) = next.iter().position(|&b| b == q) {
                        tail = &next[c + 1..];
                        break;
                    }
                }
                out.text.extend_from_slice(&tok[..p + 2]);
                out.text.extend_from_slice(WILD);
                out.text.push(q);
                out.text.extend_from_slice(tail);
                out.tokens.push((start as u32, out.text.len() as u32));
                continue;
            }
        }
        mask_token(tok, &mut out.text);
        // A list of values (`blk_1 blk_2 blk_3`) reads as one, however long.
        if let Some(&(a, b)) = out.tokens.last() {
            let (a, b) = (a as usize, b as usize);
            let new = &out.text[start..];
            if new == &out.text[a..b] && new.windows(3).any(|w| w == WILD) {
                out.text.truncate(start - 1);
                continue;
            }
        }
        out.tokens.push((start as u32, out.text.len() as u32));
    }
}

fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'=' | b':'
            | b','
            | b';'
            | b'('
            | b')'
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'<'
            | b'>'
            | b'"'
            | b'\''
            | b'|'
            | b'/'
            | b'@'
            | b'#'
            | b'!'
            | b'?'
            | b'&'
            | b'*'
            | b'$'
    )
}

fn mask_token(tok: &[u8], out: &mut Vec<u8>) {
    // A path: /a/b, ./a/b, ~/a, with what trails it (`,` `:` `)`) kept.
    let core_end = tok.len()
        - tok
            .iter()
            .rev()
            .take_while(|b| matches!(b, b',' | b':' | b';' | b')' | b']' | b'.'))
            .count();
    let core = &tok[..core_end];
    let pathish = (core.starts_with(b"/") || core.starts_with(b"./") || core.starts_with(b"~/"))
        && core.iter().filter(|&&b| b == b'/').count() >= 2;
    if pathish {
        out.extend_from_slice(WILD);
        out.extend_from_slice(&tok[core_end..]);
        return;
    }
    // An address or id as a whole: 10.0.0.1:443, fe80::1, 00:1a:2b:3c:4d:5e.
    if core.iter().any(u8::is_ascii_digit)
        && core
            .iter()
            .all(|b| b.is_ascii_hexdigit() || matches!(b, b'.' | b':' | b'-' | b'_' | b'x'))
    {
        out.extend_from_slice(WILD);
        out.extend_from_slice(&tok[core_end..]);
        return;
    }
    // A quoted single value.
    if tok.len() >= 2 {
        let (q, last) = (tok[0], tok[tok.len() - 1]);
        if (q == b'"' || q == b'\'') && last == q {
            out.push(q);
            out.extend_from_slice(WILD);
            out.push(q);
            return;
        }
    }
    let mut i = 0;
    while i < tok.len() {
        if is_delim(tok[i]) {
            out.push(tok[i]);
            i += 1;
            continue;
        }
        let end = tok[i..]
            .iter()
            .position(|&b| is_delim(b))
            .map_or(tok.len(), |k| i + k);
        mask_piece(&tok[i..end], out);
        i = end;
    }
}

/// One piece between delimiters.
fn mask_piece(p: &[u8], out: &mut Vec<u8>) {
    if !p.iter().any(u8::is_ascii_digit) {
        out.extend_from_slice(p);
        return;
    }
    let variable = p
        .iter()
        .all(|b| b.is_ascii_hexdigit() || matches!(b, b'.' | b'-' | b'_' | b'+' | b'x' | b'X'));
    if variable {
        push_wild(out);
        return;
    }
    // A name with an id after `-` or `_`: req-38101a0b-2096-…, kiosk-07, blk_-69.
    let idlike = |q: &[u8]| {
        q.iter().any(u8::is_ascii_digit)
            && q.iter()
                .all(|b| b.is_ascii_hexdigit() || matches!(b, b'.' | b'-' | b'_'))
    };
    if let Some(j) = (1..p.len()).find(|&j| matches!(p[j - 1], b'-' | b'_') && idlike(&p[j..])) {
        out.extend_from_slice(&p[..j]);
        push_wild(out);
        return;
    }
    // Letters stay; each run of digits (with a sign or decimal point) is masked.
    let mut i = 0;
    while i < p.len() {
        let starts_number =
            p[i].is_ascii_digit() || (p[i] == b'-' && p.get(i + 1).is_some_and(u8::is_ascii_digit));
        if starts_number {
            i += 1;
            // `rdd_2_3`, `1.5`, `10-12` are one number-like run.
            while i < p.len()
                && (p[i].is_ascii_digit()
                    || (matches!(p[i], b'.' | b'_' | b'-')
                        && p.get(i + 1).is_some_and(u8::is_ascii_digit)))
            {
                i += 1;
            }
            push_wild(out);
        } else {
            out.push(p[i]);
            i += 1;
        }
    }
}

/// Appends `<*>` unless the output already ends with one (`<*><*>` says no more).
fn push_wild(out: &mut Vec<u8>) {
    if !out.ends_with(WILD) {
        out.extend_from_slice(WILD);
    }
}
