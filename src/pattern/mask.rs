//! A record reduced to its template's tokens: the message after the timestamp
//! and level, with variable parts masked as `<*>`.
//!
//! Masking works per whitespace token and is the same for every format (no
//! per-file rules): a path becomes `<*>`; within a token, a piece holding a digit
//! becomes `<*>` when it is all hex, digits and separators (numbers, hex, ids,
//! UUIDs, IPs, MACs, addresses with ports) and otherwise keeps its letters with
//! each run of digits masked (`dn228` → `dn<*>`, `12ms` → `<*>ms`,
//! `[2915]:` → `[<*>]:`), unless it is letters and digits only with the
//! digits in two runs or more among letters of both cases, or three among
//! one case's: a random id (`twvbRFk1OwgHo2bqggnx` → `<*>`). A quoted
//! single-token value (`"/v2/x"`, `'abc'`) becomes
//! a quoted `<*>`.
//!
//! A message that starts by calling a name with a number keeps the name
//! (strace's `accept4(…)` and `wait4(…)`, not `accept<*>(…)`), and so does
//! strace's marker of a call resumed (`<... accept4 resumed>`): it names the
//! event, and its masked text then holds digits, so the line keys do not
//! stand for such lines (each is masked; `call_name`).
//!
//! A message code (Apache's `AH00128:`) is masked as any name with a number
//! (`AH<*>:`): with its digits kept the masked text would hold digits, and
//! the line keys could no longer stand for its lines (docs/BENCHMARKS.md).
//!
//! Every line of a source goes through here, so the work is one pass over each
//! token with a byte-class table (`CLASS`) that answers "any digit?", "all
//! hex?" and the like as bit tests, and plain words (most tokens) are copied
//! as they are; the header before the message, whose tokens are longer, is read
//! eight bytes at a time (`swar`). Output goes into a reused buffer: nothing is
//! allocated per line.

/// The variable marker, as Loghub and Drain write it.
pub const WILD: &[u8] = b"<*>";

/// Byte classes, as bits of `CLASS[b]`.
const WS: u16 = 1 << 0; // what `u8::is_ascii_whitespace` accepts
const DIGIT: u16 = 1 << 1;
/// A token holding one of `/ " ' ~` (or a digit) may need more than copying.
const TRIGGER: u16 = 1 << 2;
/// Splits a token into pieces (`mask_piece`).
const DELIM: u16 = 1 << 3;
/// An address or id as a whole token: hex, `. : - _ x`.
const ADDR: u16 = 1 << 4;
/// A piece that is all value: hex, `. - _ + x X`.
const VAR: u16 = 1 << 5;
/// The id after a name's `-` or `_`: hex, `. - _`.
const ID: u16 = 1 << 6;
const QUOTE: u16 = 1 << 7;
const EQ: u16 = 1 << 8;
/// Trails a path or address without being part of it: `, : ; ) ] .`.
const TRAIL: u16 = 1 << 9;
const PUNCT: u16 = 1 << 10;
/// What a logger's name is made of: letters, digits, `. _ $ - :`.
const NAME: u16 = 1 << 11;
const SLASH: u16 = 1 << 12;

const fn class_of(b: u8) -> u16 {
    let mut c = 0;
    if b.is_ascii_whitespace() {
        c |= WS;
    }
    if b.is_ascii_digit() {
        c |= DIGIT | TRIGGER;
    }
    if matches!(b, b'/' | b'"' | b'\'' | b'~') {
        c |= TRIGGER;
    }
    if matches!(
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
    ) {
        c |= DELIM;
    }
    let hex = b.is_ascii_hexdigit();
    if hex || matches!(b, b'.' | b':' | b'-' | b'_' | b'x') {
        c |= ADDR;
    }
    if hex || matches!(b, b'.' | b'-' | b'_' | b'+' | b'x' | b'X') {
        c |= VAR;
    }
    if hex || matches!(b, b'.' | b'-' | b'_') {
        c |= ID;
    }
    if matches!(b, b'"' | b'\'') {
        c |= QUOTE;
    }
    if b == b'/' {
        c |= SLASH;
    }
    if b == b'=' {
        c |= EQ;
    }
    if matches!(b, b',' | b':' | b';' | b')' | b']' | b'.') {
        c |= TRAIL;
    }
    if b.is_ascii_punctuation() {
        c |= PUNCT;
    }
    if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'$' | b'-' | b':') {
        c |= NAME;
    }
    c
}

static CLASS: [u16; 256] = {
    let mut t = [0; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = class_of(b as u8);
        b += 1;
    }
    t
};

#[inline]
fn class(b: u8) -> u16 {
    CLASS[b as usize]
}

/// The classes any byte of `s` has (OR) and every byte has (AND).
#[inline]
fn classes(s: &[u8]) -> (u16, u16) {
    s.iter().fold((0, !0), |(any, all), &b| {
        let c = class(b);
        (any | c, all & c)
    })
}

fn trim_start(b: &[u8]) -> &[u8] {
    let k = b
        .iter()
        .position(|&c| class(c) & WS == 0)
        .unwrap_or(b.len());
    &b[k..]
}

/// The masked tokens of a message, joined by single spaces in `text`.
#[derive(Debug, Default, Clone)]
pub struct Masked {
    pub text: Vec<u8>,
    /// Token bounds in `text`.
    pub tokens: Vec<(u32, u32)>,
}

impl Masked {
    pub fn token(&self, k: usize) -> &[u8] {
        let (a, b) = self.tokens[k];
        &self.text[a as usize..b as usize]
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// Holds these (already masked) tokens.
    pub fn set_tokens(&mut self, tokens: &[Vec<u8>]) {
        self.text.clear();
        self.tokens.clear();
        for t in tokens {
            if !self.text.is_empty() {
                self.text.push(b' ');
            }
            let s = self.text.len() as u32;
            self.text.extend_from_slice(t);
            self.tokens.push((s, self.text.len() as u32));
        }
    }
}

/// Masks `msg` into `out` (cleared first).
pub fn mask_into(msg: &[u8], out: &mut Masked) {
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
        i = step(msg, i, out, true).unwrap_or(n);
    }
}

/// Masks the token of `text` that starts at `at` (not whitespace) and appends
/// it to `out` exactly as `mask_into` does when it meets that token in `text`;
/// returns where `mask_into` goes on (the token's end, or the end of the last
/// token of a quoted value it takes in), or None when such a value's closing
/// quote is not in `text` (`mask_into` would look for it in what follows;
/// `out` is then left half written).
///
/// Used by the JSON path (`json_line`), which masks a line's message and each
/// `key=value` field as it meets them instead of rebuilding the line's text.
pub(crate) fn push_token(text: &[u8], at: usize, out: &mut Masked) -> Option<usize> {
    step(text, at, out, false)
}

/// Where `tok`'s first `="` or `='` starts: `=` found with `memchr` (a
/// token holds few), not every pair of bytes compared (a JSON value shown as
/// one token, `source={"function":…}`, is a hundred bytes long).
#[inline]
fn quoted_value_at(tok: &[u8]) -> Option<usize> {
    memchr::memchr_iter(b'=', tok).find(|&p| matches!(tok.get(p + 1), Some(b'"' | b'\'')))
}

/// Where the first `q` in `b` that no backslash escapes is (`\"` inside
/// `err="Get \"http://h/\": refused"`; `\\"` escapes the backslash, not the
/// quote). The bytes before `b` are none of its backslashes: it starts after
/// an opening quote or at whitespace.
#[inline]
fn closing_quote(b: &[u8], q: u8) -> Option<usize> {
    memchr::memchr_iter(q, b)
        .find(|&k| b[..k].iter().rev().take_while(|&&c| c == b'\\').count() % 2 == 0)
}

/// One token of `mask_into`: see `push_token`. With `to_end`, a quoted value
/// never closed takes the rest of `text` (`mask_into`'s reading of a whole
/// message) and the answer is never None.
#[inline(always)]
fn step(text: &[u8], at: usize, out: &mut Masked, to_end: bool) -> Option<usize> {
    let n = text.len();
    let mut i = at;
    let (mut any, mut all) = (0, !0);
    while i < n {
        let c = class(text[i]);
        if c & WS != 0 {
            break;
        }
        any |= c;
        all &= c;
        i += 1;
    }
    // A kernel's uptime is padded with spaces where it is short (`[    0.001377]`)
    // and one token where it is not (`[12345.678901]`): a lone `[` is read with
    // the token after it when that starts with a digit and holds the `]`.
    let (mut short, mut long) = ([0u8; 64], Vec::new());
    let tok: &[u8] = match bracketed_number(text, at, i) {
        Some(k) => {
            let tok = if k - at <= short.len() {
                let t = &mut short[..];
                let mut len = 0;
                for &b in text[at..k].iter().filter(|&&b| class(b) & WS == 0) {
                    t[len] = b;
                    len += 1;
                }
                &short[..len]
            } else {
                long.extend(text[at..k].iter().filter(|&&b| class(b) & WS == 0));
                &long[..]
            };
            (any, all) = classes(tok);
            i = k;
            tok
        }
        None => &text[at..i],
    };
    if !out.text.is_empty() {
        out.text.push(b' ');
    }
    let start = out.text.len();
    // Most tokens are plain words: nothing to mask.
    if any & TRIGGER == 0 {
        if i - at <= 16 && at + 16 <= n {
            // Sixteen bytes at once (one load and store), the ones past the
            // token cut off: cheaper than a call to copy a short word.
            out.text.extend_from_slice(&text[at..at + 16]);
            out.text.truncate(start + i - at);
        } else {
            out.text.extend_from_slice(tok);
        }
        out.tokens.push((start as u32, out.text.len() as u32));
        return Some(i);
    }
    // `key="a value with spaces"` is one variable, however many words.
    if any & EQ != 0
        && any & QUOTE != 0
        && let Some(p) = quoted_value_at(tok)
    {
        let q = tok[p + 1];
        if closing_quote(&tok[p + 2..], q).is_none() {
            // The value ends in the first later token holding the quote
            // (which can't be whitespace); without one, it takes the rest.
            let tail = match closing_quote(&text[i..], q) {
                Some(k) => {
                    let from = i + k + 1;
                    i = text[from..]
                        .iter()
                        .position(|&b| class(b) & WS != 0)
                        .map_or(n, |e| from + e);
                    &text[from..i]
                }
                None if to_end => {
                    i = n;
                    b""
                }
                None => return None,
            };
            out.text.extend_from_slice(&tok[..p + 2]);
            out.text.extend_from_slice(WILD);
            out.text.push(q);
            out.text.extend_from_slice(tail);
            out.tokens.push((start as u32, out.text.len() as u32));
            return Some(i);
        }
    }
    // The text's first token may start by calling a name, and strace's
    // `<... NAME resumed>` names the call resumed (`call_name`).
    let call = if start == 0 {
        Call::Opens
    } else if start == 5 && out.text.starts_with(b"<... ") && text[i..].starts_with(b" resumed>") {
        Call::Resumed
    } else {
        Call::None
    };
    mask_token(tok, any, all, call, &mut out.text);
    // A list of values (`blk_1 blk_2 blk_3`) reads as one, however long.
    if let Some(&(a, b)) = out.tokens.last() {
        let (a, b) = (a as usize, b as usize);
        let new = &out.text[start..];
        if new == &out.text[a..b] && memchr::memmem::find(new, WILD).is_some() {
            out.text.truncate(start - 1);
            return Some(i);
        }
    }
    out.tokens.push((start as u32, out.text.len() as u32));
    Some(i)
}

/// Where the token after `text[at..i]` ends when `text[at..i]` is a lone `[`
/// and that token starts with a digit and holds a `]` (`step`).
#[inline]
fn bracketed_number(text: &[u8], at: usize, i: usize) -> Option<usize> {
    if i != at + 1 || text[at] != b'[' {
        return None;
    }
    let j = i + text[i..]
        .iter()
        .take_while(|&&b| class(b) & WS != 0)
        .count();
    if !text.get(j)?.is_ascii_digit() {
        return None;
    }
    let k = j + text[j..]
        .iter()
        .take_while(|&&b| class(b) & WS == 0)
        .count();
    text[j..k].contains(&b']').then_some(k)
}

/// Where a token may name a call that `call_name` keeps whole.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Call {
    None,
    /// The message's first token, which may start by calling a name (`accept4(`).
    Opens,
    /// The name in strace's `<... accept4 resumed>`: the whole token.
    Resumed,
}

/// Masks one token whose byte classes are `any` (OR) and `all` (AND).
/// `call`: where the token may name a call, kept whole (`call_name`).
fn mask_token(tok: &[u8], any: u16, all: u16, call: Call, out: &mut Vec<u8>) {
    // What trails a path or address (`,` `:` `)`) is kept.
    let core_end = tok.len()
        - tok
            .iter()
            .rev()
            .take_while(|&&b| class(b) & TRAIL != 0)
            .count();
    let core = &tok[..core_end];
    // A path: /a/b, ./a/b, ~/a.
    let pathish = any & SLASH != 0
        && (core.starts_with(b"/") || core.starts_with(b"./") || core.starts_with(b"~/"))
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
    // An address after `key=` (a MAC or IPv6 address: two colons or more) is
    // one value, whatever its hex pairs hold (`ff:fa` has no digit, and was
    // kept as words beside pairs masked for theirs).
    if any & EQ != 0
        && let Some(eq) = memchr::memchr(b'=', core)
        && let v = &core[eq + 1..]
        && !v.is_empty()
        && classes(v).1 & ADDR != 0
        && v.iter().any(u8::is_ascii_digit)
        && memchr::memchr_iter(b':', v).nth(1).is_some()
        && !core[..eq].iter().any(u8::is_ascii_digit)
    {
        out.extend_from_slice(&tok[..=eq]);
        out.extend_from_slice(WILD);
        out.extend_from_slice(&tok[core_end..]);
        return;
    }
    // A quoted single value.
    if any & QUOTE != 0 && tok.len() >= 2 {
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
    let mut i = match call {
        Call::None => 0,
        _ => call_name(tok, call == Call::Resumed, out),
    };
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

/// A name that a message's first token `tok` starts by calling, kept whole
/// (strace's `accept4(`, `wait4(`; Go's `int64(`), or with `whole`, the
/// name that is all of `tok` (strace's `<... accept4 resumed>`): written to
/// `out`, and its length returned (0 when there is none). A letter or `_`,
/// then letters, digits and `_` up to a `(` (or the token's end), and a name
/// with a number by `mask_piece`'s reading, not a value (`deadbeef1`, a
/// random id: `<*>`). Asked only of a token holding a digit, out of line.
/// It asks of bytes' classes and of where digit runs are, never of their
/// digits (so does `step`, which asks of the bytes around the marker's
/// name), and a name kept puts a digit in the masked text, which the keys
/// then do not stand for: their guarantees hold (`line_key`, `digit_key`).
#[cold]
#[inline(never)]
fn call_name(tok: &[u8], whole: bool, out: &mut Vec<u8>) -> usize {
    if !(tok[0].is_ascii_alphabetic() || tok[0] == b'_') {
        return 0;
    }
    let end = tok
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b == b'_'));
    let k = match end {
        Some(k) if !whole && tok[k] == b'(' => k,
        None if whole => tok.len(),
        _ => return 0,
    };
    let at = out.len();
    let (any, all) = classes(&tok[..k]);
    mask_piece(&tok[..k], any, all, out);
    let value = &out[at..] == WILD;
    out.truncate(at);
    if value {
        return 0;
    }
    out.extend_from_slice(&tok[..k]);
    k
}

/// One piece between delimiters, with its byte classes `any` (OR) and `all` (AND).
/// Inlined: once `call_name` called it too, it was left out of line, and the
/// calls cost 0.3% of the text log's mining instructions.
#[inline(always)]
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
    let start = out.len();
    // Runs masked, and whether the piece holds upper- and lower-case letters
    // and bytes that are neither letters nor digits.
    let (mut runs, mut upper, mut lower, mut other) = (0, false, false, false);
    let mut i = 0;
    while i < p.len() {
        let starts_number =
            p[i].is_ascii_digit() || (p[i] == b'-' && p.get(i + 1).is_some_and(u8::is_ascii_digit));
        if starts_number {
            other |= p[i] == b'-';
            i += 1;
            // `rdd_2_3`, `1.5`, `10-12` are one number-like run.
            while i < p.len()
                && (p[i].is_ascii_digit()
                    || (matches!(p[i], b'.' | b'_' | b'-')
                        && p.get(i + 1).is_some_and(u8::is_ascii_digit)))
            {
                other |= !p[i].is_ascii_digit();
                i += 1;
            }
            push_wild(out);
            runs += 1;
        } else {
            let b = p[i];
            upper |= b.is_ascii_uppercase();
            lower |= b.is_ascii_lowercase();
            other |= !b.is_ascii_alphabetic();
            out.push(b);
            i += 1;
        }
    }
    // A random id (`twvbRFk1OwgHo2bqggnx`, sendmail's `jA9J1UvC004306`) is
    // one value: letters and digits only, two runs of digits or more among
    // letters of both cases, or three among one case's. A name with a
    // number keeps its letters (`ssh<*>`, `s<*>comp`, `utf<*>mb<*>`). Where
    // the runs are decides, never their digits or lengths (the keys'
    // guarantees).
    if !other && (runs >= 3 || runs == 2 && upper && lower) {
        out.truncate(start);
        push_wild(out);
    }
}

/// Appends `<*>` unless the output already ends with one (`<*><*>` says no more).
fn push_wild(out: &mut Vec<u8>) {
    if !out.ends_with(WILD) {
        out.extend_from_slice(WILD);
    }
}

pub mod digit_key;
mod header;
pub mod line_key;
mod swar;

pub use header::{CONTEXT_WINDOW, is_dated_header, message, syslog_message};

#[cfg(test)]
pub(crate) mod tests;
