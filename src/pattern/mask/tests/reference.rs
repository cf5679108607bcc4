//! The masker as it was before the sixty-four-byte scan (`mask_into` one byte
//! at a time through the class table), kept to check the new one against on
//! every corpus line and on random lines.

use super::super::{
    ADDR, DELIM, DIGIT, EQ, ID, Masked, QUOTE, TRAIL, TRIGGER, VAR, WILD, WS, class,
};

/// The classes any byte of `s` has (OR) and every byte has (AND).
fn classes(s: &[u8]) -> (u16, u16) {
    s.iter().fold((0, !0), |(any, all), &b| {
        let c = class(b);
        (any | c, all & c)
    })
}

/// Masks `msg` into `out` (cleared first).
pub(super) fn mask_into(msg: &[u8], out: &mut Masked) {
    out.text.clear();
    out.tokens.clear();
    let n = msg.len();
    let mut i = 0;
    loop {
        while i < n && class(msg[i]) & WS != 0 {
            i += 1;
        }
        if i == n {
            return;
        }
        let s = i;
        let (mut any, mut all) = (0, !0);
        while i < n {
            let c = class(msg[i]);
            if c & WS != 0 {
                break;
            }
            any |= c;
            all &= c;
            i += 1;
        }
        let tok = &msg[s..i];
        if !out.text.is_empty() {
            out.text.push(b' ');
        }
        let start = out.text.len();
        // Most tokens are plain words: nothing to mask.
        if any & TRIGGER == 0 {
            out.text.extend_from_slice(tok);
            out.tokens.push((start as u32, out.text.len() as u32));
            continue;
        }
        // `key="a value with spaces"` is one variable, however many words.
        if any & EQ != 0
            && any & QUOTE != 0
            && let Some(p) = tok.windows(2).position(|w| w == b"=\"" || w == b"='")
        {
            let q = tok[p + 1];
            if !tok[p + 2..].contains(&q) {
                // The value ends in the first later token holding the quote
                // (which can't be whitespace); without one, it takes the rest.
                let tail = match memchr::memchr(q, &msg[i..]) {
                    Some(k) => {
                        let from = i + k + 1;
                        i = msg[from..]
                            .iter()
                            .position(|&b| class(b) & WS != 0)
                            .map_or(n, |e| from + e);
                        &msg[from..i]
                    }
                    None => {
                        i = n;
                        b""
                    }
                };
                out.text.extend_from_slice(&tok[..p + 2]);
                out.text.extend_from_slice(WILD);
                out.text.push(q);
                out.text.extend_from_slice(tail);
                out.tokens.push((start as u32, out.text.len() as u32));
                continue;
            }
        }
        mask_token(tok, any, all, &mut out.text);
        // A list of values (`blk_1 blk_2 blk_3`) reads as one, however long.
        if let Some(&(a, b)) = out.tokens.last() {
            let (a, b) = (a as usize, b as usize);
            let new = &out.text[start..];
            if new == &out.text[a..b] && memchr::memmem::find(new, WILD).is_some() {
                out.text.truncate(start - 1);
                continue;
            }
        }
        out.tokens.push((start as u32, out.text.len() as u32));
    }
}

/// Masks one token whose byte classes are `any` (OR) and `all` (AND).
fn mask_token(tok: &[u8], any: u16, all: u16, out: &mut Vec<u8>) {
    // What trails a path or address (`,` `:` `)`) is kept.
    let core_end = tok.len()
        - tok
            .iter()
            .rev()
            .take_while(|&&b| class(b) & TRAIL != 0)
            .count();
    let core = &tok[..core_end];
    // A path: /a/b, ./a/b, ~/a.
    let pathish = (core.starts_with(b"/") || core.starts_with(b"./") || core.starts_with(b"~/"))
        && memchr::memchr_iter(b'/', core).nth(1).is_some();
    if pathish {
        out.extend_from_slice(WILD);
        out.extend_from_slice(&tok[core_end..]);
        return;
    }
    // An address or id as a whole: 10.0.0.1:443, fe80::1, 00:1a:2b:3c:4d:5e.
    // (Trailing bytes hold no digit, so the core has one when the token has.)
    let addr = any & DIGIT != 0
        && (all & ADDR != 0 || core_end < tok.len() && classes(core).1 & ADDR != 0);
    if addr {
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
    if any & DIGIT == 0 {
        // Delimiters and digit-free pieces are copied: the token is unchanged.
        out.extend_from_slice(tok);
        return;
    }
    let mut i = 0;
    while i < tok.len() {
        if class(tok[i]) & DELIM != 0 {
            out.push(tok[i]);
            i += 1;
            continue;
        }
        let s = i;
        let (mut any, mut all) = (0, !0);
        while i < tok.len() {
            let c = class(tok[i]);
            if c & DELIM != 0 {
                break;
            }
            any |= c;
            all &= c;
            i += 1;
        }
        mask_piece(&tok[s..i], any, all, out);
    }
}

/// One piece between delimiters, with its byte classes `any` (OR) and `all` (AND).
fn mask_piece(p: &[u8], any: u16, all: u16, out: &mut Vec<u8>) {
    if any & DIGIT == 0 {
        out.extend_from_slice(p);
        return;
    }
    if all & VAR != 0 {
        push_wild(out);
        return;
    }
    // A name with an id after `-` or `_`: req-38101a0b-2096-…, kiosk-07, blk_-69.
    // The id is the longest suffix that is all id bytes and holds a digit: it
    // starts after the last byte that is not an id byte (there is one, as the
    // piece is not all value) and before the last digit.
    let last_digit = p.iter().rposition(u8::is_ascii_digit).unwrap_or(0);
    let from = p
        .iter()
        .rposition(|&b| class(b) & ID == 0)
        .map_or(0, |k| k + 1);
    if let Some(k) = p[from..last_digit.max(from)]
        .iter()
        .position(|&b| matches!(b, b'-' | b'_'))
    {
        out.extend_from_slice(&p[..from + k + 1]);
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
