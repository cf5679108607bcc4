//! A JSON line's text for mining, read in place: the same text as
//! `format::json_text::readable` (`message  key=value …`, without time, level
//! and noise fields) without building a `serde_json::Value` per line, which
//! costs more than masking and mining together on a big JSON log.
//!
//! The scanner takes the common shape: one object whose values are strings,
//! numbers, `true`/`false`/`null`, or nested objects and arrays (a shown one is
//! written compact by `nested`, as serde_json writes it). Anything else (an
//! escaped key, a key given twice, at the top or in a shown nested object,
//! bytes that are not UTF-8, a prefix that is not ASCII) is handed to
//! `readable` itself, so the text is the same whatever the line holds.
//!
//! Mining does not even build the text: `JsonReader::mask` masks the message
//! and each field as the scanner hands them over (`masked`), giving exactly
//! the tokens `mask_into` gives on the text.

use crate::format::json::{LEVEL_KEYS, TIME_KEYS};
use crate::format::json_text;
// `json_text`'s own keys (the message key is the first of these holding a
// string; the noise keys are left out), so the two readers never drift.
use crate::format::json_text::{MESSAGE_KEYS, NOISE_KEYS};
use crate::pattern::mask::{Masked, mask_into};

mod line_key;
mod masked;
mod nested;
mod spans;

use nested::{Skip, Visit, field_value};

pub use line_key::{JsonKeys, key_stands_for};
pub use spans::{FieldSpan, field_spans};

/// Deeper nesting is left to serde_json (its own limit is 128).
const MAX_DEPTH: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// A string; `escaped` if it holds a backslash escape.
    Str { escaped: bool },
    /// An integer serde_json prints as written.
    Int,
    /// Any other number: printed as serde_json prints it.
    Num,
    /// `true`, `false`, `null`.
    Lit,
    /// An object or array; `verbatim` (known for a line's fields) if its
    /// bytes are what serde_json writes for it.
    Nested { verbatim: bool },
}

#[derive(Debug, Clone, Copy)]
struct Field {
    /// The key's bytes (between its quotes) and the value's, in the line.
    key: (usize, usize),
    value: (usize, usize),
    kind: Kind,
}

/// What a key means for the text: its rank among `MESSAGE_KEYS` (the message
/// is the best-ranked of them holding a string), or left out (time, level,
/// noise).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Role {
    message_rank: Option<u8>,
    left_out: bool,
}

impl Role {
    fn of(key: &[u8]) -> Role {
        let named = |keys: &[&str]| keys.iter().any(|n| n.as_bytes() == key);
        Role {
            message_rank: MESSAGE_KEYS
                .iter()
                .position(|m| m.as_bytes() == key)
                .map(|r| r as u8),
            left_out: named(&TIME_KEYS) || named(&LEVEL_KEYS) || named(&NOISE_KEYS),
        }
    }
}

/// The keys of the last line the scanner read, in order, with their roles: a
/// log's lines nearly all have the same keys, so a line whose keys match needs
/// one comparison per key instead of a look-up in every key list and a check
/// for repeated keys.
#[derive(Debug, Default)]
struct Shape {
    /// The keys back to back, and where each ends.
    keys: Vec<u8>,
    ends: Vec<usize>,
    roles: Vec<Role>,
}

impl Shape {
    /// The roles of `fields`' keys (in `body`); None when a key is given twice.
    fn roles(&mut self, body: &[u8], fields: &[Field]) -> Option<&[Role]> {
        let key = |f: &Field| &body[f.key.0..f.key.1];
        let same = fields.len() == self.ends.len()
            && fields.iter().enumerate().all(|(k, f)| {
                let start = if k == 0 { 0 } else { self.ends[k - 1] };
                key(f) == &self.keys[start..self.ends[k]]
            });
        if !same {
            // journald's entries read as journalctl prints them
            // (`json_text::journald`): left to serde_json.
            if fields
                .iter()
                .any(|f| matches!(key(f), b"__REALTIME_TIMESTAMP" | b"__CURSOR"))
            {
                return None;
            }
            for (k, f) in fields.iter().enumerate() {
                if fields[..k].iter().any(|g| key(g) == key(f)) {
                    return None;
                }
            }
            self.keys.clear();
            self.ends.clear();
            self.roles.clear();
            for f in fields {
                self.keys.extend_from_slice(key(f));
                self.ends.push(self.keys.len());
                self.roles.push(Role::of(key(f)));
            }
        }
        Some(&self.roles)
    }
}

impl Shape {
    /// `object(b, 0, 1, Some(fields))` for an object whose keys are this
    /// shape's, in order: each key is compared where it stands instead of
    /// being scanned and looked up. None when the keys differ (or the line is
    /// not JSON): `object` decides.
    fn object(&self, b: &[u8], fields: &mut Vec<Field>, keys: &mut nested::Keys) -> Option<usize> {
        if self.ends.is_empty() || b.first() != Some(&b'{') {
            return None;
        }
        let mut p = skip_ws(b, 1);
        let mut key_start = 0;
        for (k, &key_end) in self.ends.iter().enumerate() {
            let key = &self.keys[key_start..key_end];
            key_start = key_end;
            // The stored key has no `"` or `\\`: bytes equal to it, then a
            // quote, are that key, as `string` reads it.
            let (a, z) = (p + 1, p + 1 + key.len());
            if b.get(p) != Some(&b'"')
                || !b.get(a..z).is_some_and(|s| same_key(s, key))
                || b.get(z) != Some(&b'"')
            {
                return None;
            }
            p = skip_ws(b, z + 1);
            if b.get(p) != Some(&b':') {
                return None;
            }
            p = skip_ws(b, p + 1);
            // Strings first: most values are.
            let (value, kind, v_end) = if b.get(p) == Some(&b'"') {
                let (end, escaped) = string(b, p + 1)?;
                ((p + 1, end), Kind::Str { escaped }, end + 1)
            } else {
                let (v_start, v_end, kind) = field_value(b, p, keys)?;
                ((v_start, v_end), kind, v_end)
            };
            fields.push(Field {
                key: (a, z),
                value,
                kind,
            });
            p = skip_ws(b, v_end);
            let last = k + 1 == self.ends.len();
            match b.get(p) {
                Some(b',') if !last => p = skip_ws(b, p + 1),
                Some(b'}') if last => return Some(p + 1),
                _ => return None,
            }
        }
        None
    }
}

/// `a == b` for keys of equal length, a word or two at a time for the usual
/// lengths (a call to `memcmp` costs more than the comparison).
#[inline]
fn same_key(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let w8 = |s: &[u8], at: usize| s[at..].first_chunk().map(|w| u64::from_le_bytes(*w));
    let w4 = |s: &[u8], at: usize| s[at..].first_chunk().map(|w| u32::from_le_bytes(*w));
    match n {
        8..=16 => w8(a, 0) == w8(b, 0) && w8(a, n - 8) == w8(b, n - 8),
        4..=7 => w4(a, 0) == w4(b, 0) && w4(a, n - 4) == w4(b, n - 4),
        _ => a == b,
    }
}

/// Reads JSON lines into their readable text, or straight into its masked
/// tokens, reusing its buffers.
#[derive(Debug, Default)]
pub struct JsonReader {
    scanner: Scanner,
    /// The readable text, when a line is masked through it.
    text: Vec<u8>,
    values: masked::FieldTokens,
}

/// The scanner's buffers and the keys of the line before.
#[derive(Debug, Default)]
struct Scanner {
    fields: Vec<Field>,
    unescaped: Vec<u8>,
    /// One field's `key=value`.
    field: Vec<u8>,
    shape: Shape,
    /// The keys of a nested value's objects, as it is written.
    keys: nested::Keys,
}

impl JsonReader {
    /// Writes the readable text of a JSON object line into `out` (cleared
    /// first), as `json_text::readable` gives it; false when the line is not a
    /// JSON object.
    pub fn read(&mut self, line: &[u8], out: &mut Vec<u8>) -> bool {
        out.clear();
        if scan(line, out, &mut self.scanner).is_some() {
            return true;
        }
        out.clear();
        match json_text::readable(line) {
            Some(s) => {
                out.extend_from_slice(s.as_bytes());
                true
            }
            None => false,
        }
    }

    /// Masks the readable text of a JSON object line into `out`, exactly as
    /// `mask_into` masks what `read` gives; false when the line is not a JSON
    /// object. The message and each field are masked as the scanner meets
    /// them, without the text being built and read again; lines the scanner
    /// leaves to serde_json, and a quoted value whose end lies in a later field,
    /// go through the text.
    pub fn mask(&mut self, line: &[u8], out: &mut Masked) -> bool {
        out.text.clear();
        out.tokens.clear();
        let values = &mut self.values;
        if render(line, &mut self.scanner, |piece| {
            masked::mask(piece, out, values)
        })
        .is_some()
        {
            return true;
        }
        let mut text = std::mem::take(&mut self.text);
        let ok = self.read(line, &mut text);
        if ok {
            mask_into(&text, out);
        }
        self.text = text;
        ok
    }
}

/// The parts of a line's readable text, in order: what stands before the
/// JSON (then a space), the message, and each field's `key=value` (after two
/// spaces unless the text is still empty).
enum Piece<'a> {
    Prefix(&'a [u8]),
    Message(&'a [u8]),
    Field(&'a [u8]),
    /// A field whose value is written as it stands in the line: an integer,
    /// or a string without escapes, spaces, quotes or `=` (so the value is one
    /// token with its key, if the key has no whitespace). The `k`-th field of
    /// the line.
    Value {
        key: &'a [u8],
        value: &'a [u8],
        k: usize,
    },
}

/// The readable text into `out`; None: not the common shape (or not JSON),
/// `readable` decides.
fn scan(line: &[u8], out: &mut Vec<u8>, scanner: &mut Scanner) -> Option<()> {
    render(line, scanner, |piece| {
        match piece {
            Piece::Prefix(p) => {
                out.extend_from_slice(p);
                out.push(b' ');
            }
            Piece::Message(m) => out.extend_from_slice(m),
            Piece::Field(f) => {
                if !out.is_empty() {
                    out.extend_from_slice(b"  ");
                }
                out.extend_from_slice(f);
            }
            Piece::Value { key, value, .. } => {
                if !out.is_empty() {
                    out.extend_from_slice(b"  ");
                }
                out.extend_from_slice(key);
                out.push(b'=');
                out.extend_from_slice(value);
            }
        }
        Some(())
    })
}

/// Hands the parts of a line's readable text to `sink`, in order; None: not
/// the common shape (or not JSON), or `sink` said None.
fn render(
    line: &[u8],
    scanner: &mut Scanner,
    mut sink: impl FnMut(Piece) -> Option<()>,
) -> Option<()> {
    let Scanner {
        fields,
        unescaped,
        field,
        shape,
        keys,
    } = scanner;
    let start = memchr::memchr(b'{', line)?;
    let prefix = &line[..start];
    if !prefix.is_ascii() {
        return None;
    }
    let body = line[start..].trim_ascii_end();
    fields.clear();
    // Nearly every line has the keys of the line before: read it by them.
    let known = shape.object(body, fields, keys);
    let end = match known {
        Some(end) => end,
        None => {
            fields.clear();
            object(body, 0, 1, Some((fields, keys)), &mut Skip)?
        }
    };
    if skip_ws(body, end) != body.len() {
        return None;
    }
    let fields = &*fields;
    if fields.len() > 64 {
        return None;
    }
    let roles = match known {
        Some(_) => &shape.roles[..],
        None => shape.roles(body, fields)?,
    };
    let msg = fields
        .iter()
        .zip(roles)
        .enumerate()
        .filter(|(_, (f, _))| matches!(f.kind, Kind::Str { .. }))
        .filter_map(|(k, (_, r))| Some((r.message_rank?, k)))
        .min()
        .map(|(_, k)| k);
    if start > 0 {
        // `String::trim_end` on ASCII: the White_Space bytes, vertical tab too.
        let keep = prefix
            .iter()
            .rposition(|b| !matches!(b, b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r' | b' '))
            .map_or(0, |k| k + 1);
        sink(Piece::Prefix(&prefix[..keep]))?;
    }
    if let Some(k) = msg {
        let f = fields[k];
        let raw = &body[f.value.0..f.value.1];
        let m = if let Kind::Str { escaped: true } = f.kind {
            unescape(raw, unescaped)?;
            &unescaped[..]
        } else {
            raw
        };
        let keep = m.iter().rposition(|&b| b != b'\n').map_or(0, |k| k + 1);
        sink(Piece::Message(&m[..keep]))?;
    }
    for (k, (f, role)) in fields.iter().zip(roles).enumerate() {
        if Some(k) == msg || role.left_out {
            continue;
        }
        let key = &body[f.key.0..f.key.1];
        let raw = &body[f.value.0..f.value.1];
        // One pass the compiler can vectorise (most values are short).
        let plain = |s: &[u8]| {
            !s.is_empty()
                && s.iter()
                    .fold(true, |ok, &b| ok & !matches!(b, b' ' | b'"' | b'='))
        };
        let as_written = match f.kind {
            Kind::Int => true,
            Kind::Str { escaped } => !escaped && plain(raw),
            _ => false,
        };
        if as_written {
            sink(Piece::Value { key, value: raw, k })?;
            continue;
        }
        field.clear();
        field.extend_from_slice(key);
        field.push(b'=');
        match f.kind {
            Kind::Str { escaped } => {
                let s = if escaped {
                    unescape(raw, unescaped)?;
                    &unescaped[..]
                } else {
                    raw
                };
                if plain(s) {
                    field.extend_from_slice(s);
                } else {
                    quote(s, field);
                }
            }
            Kind::Int | Kind::Lit => field.extend_from_slice(raw),
            Kind::Num => {
                let n: serde_json::Number = serde_json::from_slice(raw).ok()?;
                field.extend_from_slice(n.to_string().as_bytes());
            }
            Kind::Nested { verbatim: true } => field.extend_from_slice(raw),
            Kind::Nested { verbatim: false } => {
                nested::write(body, f.value.0, field, unescaped, keys)?;
            }
        }
        sink(Piece::Field(field))?;
    }
    Some(())
}

/// JSON's whitespace.
#[inline]
fn skip_ws(b: &[u8], mut p: usize) -> usize {
    // Most JSON logs are compact: the next byte is no whitespace.
    if b.get(p).is_some_and(|&c| c > b' ') {
        return p;
    }
    while p < b.len() && matches!(b[p], b' ' | b'\t' | b'\n' | b'\r') {
        p += 1;
    }
    p
}

/// An object starting at `p` (its `{`); returns the position after its `}`.
/// Top-level fields are collected into `fields` when given (keys with an
/// escape are not: None), their values read by `field_value`.
fn object(
    b: &[u8],
    p: usize,
    depth: usize,
    mut fields: Option<(&mut Vec<Field>, &mut nested::Keys)>,
    visit: &mut impl Visit,
) -> Option<usize> {
    if depth > MAX_DEPTH || b.get(p) != Some(&b'{') {
        return None;
    }
    visit.open(b'{')?;
    let mut p = skip_ws(b, p + 1);
    if b.get(p) == Some(&b'}') {
        visit.close(b'}')?;
        return Some(p + 1);
    }
    loop {
        if b.get(p) != Some(&b'"') {
            return None;
        }
        let (key_end, key_escaped) = string(b, p + 1)?;
        let key = (p + 1, key_end);
        visit.key(b, key, key_escaped)?;
        p = skip_ws(b, key_end + 1);
        if b.get(p) != Some(&b':') {
            return None;
        }
        p = skip_ws(b, p + 1);
        let (v_start, v_end, kind) = match &mut fields {
            Some((_, keys)) => field_value(b, p, keys)?,
            None => value(b, p, depth, visit)?,
        };
        if let Some((f, _)) = &mut fields {
            if key_escaped {
                return None;
            }
            let value = match kind {
                Kind::Str { .. } => (v_start + 1, v_end - 1),
                _ => (v_start, v_end),
            };
            f.push(Field { key, value, kind });
        }
        p = skip_ws(b, v_end);
        match b.get(p) {
            Some(b',') => p = skip_ws(b, p + 1),
            Some(b'}') => {
                visit.close(b'}')?;
                return Some(p + 1);
            }
            _ => return None,
        }
    }
}

/// A value starting at `p`: its bounds (quotes included) and kind.
fn value(b: &[u8], p: usize, depth: usize, visit: &mut impl Visit) -> Option<(usize, usize, Kind)> {
    let (start, end, kind) = match *b.get(p)? {
        b'"' => {
            let (end, escaped) = string(b, p + 1)?;
            (p, end + 1, Kind::Str { escaped })
        }
        b'{' => {
            let end = object(b, p, depth + 1, None, visit)?;
            return Some((p, end, Kind::Nested { verbatim: false }));
        }
        b'[' => {
            let end = array(b, p, depth + 1, visit)?;
            return Some((p, end, Kind::Nested { verbatim: false }));
        }
        b't' | b'f' | b'n' => {
            let lit: &[u8] = match b[p] {
                b't' => b"true",
                b'f' => b"false",
                _ => b"null",
            };
            if !b[p..].starts_with(lit) {
                return None;
            }
            (p, p + lit.len(), Kind::Lit)
        }
        b'-' | b'0'..=b'9' => number(b, p)?,
        _ => return None,
    };
    visit.scalar(b, (start, end), kind)?;
    Some((start, end, kind))
}

fn array(b: &[u8], p: usize, depth: usize, visit: &mut impl Visit) -> Option<usize> {
    if depth > MAX_DEPTH {
        return None;
    }
    visit.open(b'[')?;
    let mut p = skip_ws(b, p + 1);
    if b.get(p) == Some(&b']') {
        visit.close(b']')?;
        return Some(p + 1);
    }
    loop {
        let (_, end, _) = value(b, p, depth, visit)?;
        p = skip_ws(b, end);
        match b.get(p) {
            Some(b',') => p = skip_ws(b, p + 1),
            Some(b']') => {
                visit.close(b']')?;
                return Some(p + 1);
            }
            _ => return None,
        }
    }
}

/// A number by JSON's grammar. An integer of up to 18 digits (not `-0`) is
/// printed by serde_json as written; others are left to it. None for one
/// beyond f64's range, which serde_json refuses (the line with it, even where
/// the text leaves the number out).
#[inline(always)]
fn number(b: &[u8], p: usize) -> Option<(usize, usize, Kind)> {
    let digits = |mut q: usize| {
        let s = q;
        while q < b.len() && b[q].is_ascii_digit() {
            q += 1;
        }
        (q > s).then_some(q)
    };
    let mut q = p + usize::from(b[p] == b'-');
    let int_start = q;
    q = if b.get(q) == Some(&b'0') {
        q + 1
    } else {
        digits(q)?
    };
    let int_digits = q - int_start;
    let mut whole = true;
    if b.get(q) == Some(&b'.') {
        q = digits(q + 1)?;
        whole = false;
    }
    let mut exponent = false;
    if matches!(b.get(q), Some(b'e' | b'E')) {
        q += 1;
        if matches!(b.get(q), Some(b'+' | b'-')) {
            q += 1;
        }
        q = digits(q)?;
        whole = false;
        exponent = true;
    }
    // Only an exponent or over 308 digits before the point reach f64's limit
    // (rare in logs: asking serde_json then costs nothing).
    if (exponent || int_digits > 308) && !within_f64(&b[p..q]) {
        return None;
    }
    let minus_zero = b[p] == b'-' && b[int_start] == b'0';
    let kind = if whole && int_digits <= 18 && !minus_zero {
        Kind::Int
    } else {
        Kind::Num
    };
    Some((p, q, kind))
}

/// Whether serde_json takes this number (one beyond f64's range it refuses).
#[cold]
#[inline(never)]
fn within_f64(raw: &[u8]) -> bool {
    serde_json::from_slice::<serde_json::Number>(raw).is_ok()
}

/// A string's body from `p` (after its opening quote): the position of its
/// closing quote, and whether it holds an escape. None when serde_json would
/// refuse it: a raw control byte, a bad escape, a lone surrogate, bytes that
/// are not UTF-8 (the line with it, even where the text leaves it out).
fn string(b: &[u8], mut p: usize) -> Option<(usize, bool)> {
    let start = p;
    let (mut escaped, mut wide) = (false, false);
    loop {
        p = plain_run_end(b, p);
        match *b.get(p)? {
            b'"' => break,
            b'\\' => {
                escaped = true;
                match *b.get(p + 1)? {
                    b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => p += 2,
                    b'u' => p = unicode_escape(b, p)?,
                    _ => return None,
                }
            }
            0..=0x1f => return None,
            0x80.. => {
                wide = true;
                p += 1;
            }
            _ => p += 1,
        }
    }
    if wide && std::str::from_utf8(&b[start..p]).is_err() {
        return None;
    }
    Some((p, escaped))
}

/// A `\uXXXX` escape at `p` (its backslash), with the low surrogate that
/// must follow a high one: the position after it. None for what serde_json
/// refuses: a hex digit missing, a surrogate alone.
fn unicode_escape(b: &[u8], p: usize) -> Option<usize> {
    let hex = |at: usize| -> Option<u32> {
        let digits = b.get(at..at + 4)?;
        digits
            .iter()
            .try_fold(0, |n, &c| Some(n * 16 + (c as char).to_digit(16)?))
    };
    match hex(p + 2)? {
        0xD800..=0xDBFF => (b.get(p + 6..p + 8)? == b"\\u"
            && (0xDC00..=0xDFFF).contains(&hex(p + 8)?))
        .then_some(p + 12),
        0xDC00..=0xDFFF => None,
        _ => Some(p + 6),
    }
}

/// The first position from `p` of a byte that `string` must look at: `"`,
/// `\`, a control byte or a byte that is not ASCII. Eight bytes at a time
/// (strings are most of a JSON line's bytes), by the bit tricks that find a
/// zero byte or a byte below a bound in a word. A word can be flagged at a byte
/// after its first special one, never before it and never without one.
#[inline]
fn plain_run_end(b: &[u8], mut p: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    while let Some(&word) = b.get(p..).and_then(|r| r.first_chunk::<8>()) {
        let w = u64::from_le_bytes(word);
        let special = zero_byte(w ^ (ONES * u64::from(b'"')))
            | zero_byte(w ^ (ONES * u64::from(b'\\')))
            | (w.wrapping_sub(ONES * 0x20) & !w & HIGH)
            | (w & HIGH);
        if special != 0 {
            return p + (special.trailing_zeros() / 8) as usize;
        }
        p += 8;
    }
    while p < b.len() && !matches!(b[p], b'"' | b'\\' | 0..=0x1f | 0x80..) {
        p += 1;
    }
    p
}

/// Decodes a string body's escapes into `out`; None for a lone surrogate
/// (serde_json refuses those).
fn unescape(raw: &[u8], out: &mut Vec<u8>) -> Option<()> {
    out.clear();
    let hex = |s: &[u8]| -> Option<u32> {
        u32::from_str_radix(std::str::from_utf8(s.get(..4)?).ok()?, 16).ok()
    };
    let mut i = 0;
    while i < raw.len() {
        let Some(k) = memchr::memchr(b'\\', &raw[i..]) else {
            out.extend_from_slice(&raw[i..]);
            break;
        };
        out.extend_from_slice(&raw[i..i + k]);
        i += k + 1;
        let c = *raw.get(i)?;
        i += 1;
        let ch = match c {
            b'b' => '\x08',
            b'f' => '\x0c',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let u = hex(&raw[i..])?;
                i += 4;
                if (0xD800..0xDC00).contains(&u) {
                    if raw.get(i..i + 2) != Some(b"\\u") {
                        return None;
                    }
                    let lo = hex(&raw[i + 2..])?;
                    if !(0xDC00..0xE000).contains(&lo) {
                        return None;
                    }
                    i += 6;
                    char::from_u32(0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00))?
                } else {
                    char::from_u32(u)?
                }
            }
            other => other as char,
        };
        let mut buf = [0; 4];
        out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
    }
    Some(())
}

/// `s` as serde_json writes a string: quoted, with `"`, `\` and control bytes
/// escaped.
fn quote(s: &[u8], out: &mut Vec<u8>) {
    out.push(b'"');
    for &c in s {
        match c {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\x08' => out.extend_from_slice(b"\\b"),
            b'\x0c' => out.extend_from_slice(b"\\f"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0..=0x1f => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(c >> 4)]);
                out.push(HEX[usize::from(c & 0xf)]);
            }
            _ => out.push(c),
        }
    }
    out.push(b'"');
}

#[cfg(test)]
mod tests;
