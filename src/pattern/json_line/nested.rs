//! A shown nested value (an object or an array) written as serde_json's
//! `Value::to_string` writes it after `from_slice` with `preserve_order`,
//! without building a `Value`: compact, keys in the line's order, strings as
//! they stand or, with an escape, decoded and quoted again, integers as
//! written, other numbers printed anew. The scanner's own reader (`value`)
//! hands each part of a value to a `Visit`: as it reads a line, `Verbatim`
//! checks whether a field's nested value already stands as serde_json writes
//! it (as logs write them: then its bytes are copied); `Compact` writes the
//! others.

use std::io::Write;

use super::{Kind, quote, unescape, value};

/// What `value`, `object` and `array` meet inside a value, in order, for a
/// reader that writes it out (`Compact`); a `None` stops the read. `Skip`
/// only reads the value's bounds.
pub(super) trait Visit {
    /// `{` or `[`.
    fn open(&mut self, bracket: u8) -> Option<()>;
    /// An object's key: its bytes between the quotes, `b[key.0..key.1]`.
    fn key(&mut self, b: &[u8], key: (usize, usize), escaped: bool) -> Option<()>;
    /// A string (quotes included), a number or a literal: `b[at.0..at.1]`.
    fn scalar(&mut self, b: &[u8], at: (usize, usize), kind: Kind) -> Option<()>;
    /// `}` or `]`.
    fn close(&mut self, bracket: u8) -> Option<()>;
}

pub(super) struct Skip;

impl Visit for Skip {
    #[inline(always)]
    fn open(&mut self, _: u8) -> Option<()> {
        Some(())
    }
    #[inline(always)]
    fn key(&mut self, _: &[u8], _: (usize, usize), _: bool) -> Option<()> {
        Some(())
    }
    #[inline(always)]
    fn scalar(&mut self, _: &[u8], _: (usize, usize), _: Kind) -> Option<()> {
        Some(())
    }
    #[inline(always)]
    fn close(&mut self, _: u8) -> Option<()> {
        Some(())
    }
}

/// Keys of one nested object checked for repeats (pairwise: objects in logs
/// are small); an object with more is left to serde_json.
const MAX_KEYS: usize = 64;

/// The keys of the objects being read, reused from line to line.
#[derive(Debug, Default)]
pub(super) struct Keys {
    /// Each key's bounds in the line.
    bounds: Vec<(usize, usize)>,
    /// Where each open object's keys start in `bounds`.
    objects: Vec<usize>,
}

impl Keys {
    fn clear(&mut self) {
        self.bounds.clear();
        self.objects.clear();
    }

    /// Adds `key` to the innermost open object's keys; false when that object
    /// already has it (or has `MAX_KEYS`).
    fn add(&mut self, b: &[u8], key: (usize, usize)) -> bool {
        let Some(&first) = self.objects.last() else {
            return false;
        };
        let before = &self.bounds[first..];
        let k = &b[key.0..key.1];
        if before.len() >= MAX_KEYS || before.iter().any(|&(a, z)| b[a..z] == *k) {
            return false;
        }
        self.bounds.push(key);
        true
    }

    fn open(&mut self, bracket: u8) {
        if bracket == b'{' {
            self.objects.push(self.bounds.len());
        }
    }

    fn close(&mut self, bracket: u8) {
        if bracket == b'}'
            && let Some(first) = self.objects.pop()
        {
            self.bounds.truncate(first);
        }
    }
}

/// A field's value starting at `p`, as `value` reads it at the line's top
/// level; a nested one is `Kind::Nested { verbatim }`.
pub(super) fn field_value(b: &[u8], p: usize, keys: &mut Keys) -> Option<(usize, usize, Kind)> {
    if !matches!(b.get(p), Some(b'{' | b'[')) {
        return value(b, p, 1, &mut Skip);
    }
    keys.clear();
    let mut check = Verbatim {
        keys,
        len: 0,
        comma: false,
        ok: true,
    };
    let (start, end, _) = value(b, p, 1, &mut check)?;
    let verbatim = check.ok && check.len == end - start;
    Some((start, end, Kind::Nested { verbatim }))
}

/// Whether a nested value's bytes are what serde_json writes: its strings
/// and keys have no escape, its numbers are integers serde_json prints as
/// written, no object repeats a key, and it is as long as its parts and
/// their separators (no whitespace).
struct Verbatim<'a> {
    keys: &'a mut Keys,
    /// The bytes serde_json writes for the parts so far.
    len: usize,
    /// A `,` comes before the next key or value.
    comma: bool,
    ok: bool,
}

impl Visit for Verbatim<'_> {
    fn open(&mut self, bracket: u8) -> Option<()> {
        self.len += 1 + usize::from(self.comma);
        self.comma = false;
        self.keys.open(bracket);
        Some(())
    }

    fn key(&mut self, b: &[u8], key: (usize, usize), escaped: bool) -> Option<()> {
        // `"key":`
        self.len += key.1 - key.0 + 3 + usize::from(self.comma);
        self.comma = false;
        if self.ok && (escaped || !self.keys.add(b, key)) {
            self.ok = false;
        }
        Some(())
    }

    fn scalar(&mut self, _: &[u8], at: (usize, usize), kind: Kind) -> Option<()> {
        self.len += at.1 - at.0 + usize::from(self.comma);
        self.comma = true;
        if !matches!(kind, Kind::Str { escaped: false } | Kind::Int | Kind::Lit) {
            self.ok = false;
        }
        Some(())
    }

    fn close(&mut self, bracket: u8) -> Option<()> {
        self.len += 1;
        self.comma = true;
        self.keys.close(bracket);
        Some(())
    }
}

/// Appends the nested value starting at `p` in `b` (read before: it is valid
/// JSON up to the scanner's depth) to `out`, compact. None when serde_json
/// must decide: a key given twice in one object (serde_json keeps the first
/// one's place with the last one's value), an escaped key, a number it refuses.
pub(super) fn write(
    b: &[u8],
    p: usize,
    out: &mut Vec<u8>,
    unescaped: &mut Vec<u8>,
    keys: &mut Keys,
) -> Option<()> {
    keys.clear();
    let start = out.len();
    let mut compact = Compact {
        out,
        start,
        unescaped,
        keys,
    };
    // The depth the value has as a field of the line's object, so that the
    // scanner's depth limit is met exactly as when it read the line.
    value(b, p, 1, &mut compact)?;
    Some(())
}

struct Compact<'a> {
    out: &'a mut Vec<u8>,
    /// Where the value starts in `out`.
    start: usize,
    unescaped: &'a mut Vec<u8>,
    keys: &'a mut Keys,
}

impl Compact<'_> {
    /// A `,` before a key or a value, unless it is the first of its object or
    /// array or the value of a key.
    fn separate(&mut self) {
        if self.out.len() > self.start && !matches!(self.out.last(), Some(b'{' | b'[' | b':')) {
            self.out.push(b',');
        }
    }
}

impl Visit for Compact<'_> {
    fn open(&mut self, bracket: u8) -> Option<()> {
        self.separate();
        self.out.push(bracket);
        self.keys.open(bracket);
        Some(())
    }

    fn key(&mut self, b: &[u8], key: (usize, usize), escaped: bool) -> Option<()> {
        if escaped || !self.keys.add(b, key) {
            return None;
        }
        self.separate();
        self.out.push(b'"');
        self.out.extend_from_slice(&b[key.0..key.1]);
        self.out.extend_from_slice(b"\":");
        Some(())
    }

    fn scalar(&mut self, b: &[u8], at: (usize, usize), kind: Kind) -> Option<()> {
        self.separate();
        let raw = &b[at.0..at.1];
        match kind {
            // Without an escape a string holds no byte serde_json escapes.
            Kind::Str { escaped: false } | Kind::Int | Kind::Lit => {
                self.out.extend_from_slice(raw);
            }
            Kind::Str { escaped: true } => {
                unescape(&raw[1..raw.len() - 1], self.unescaped)?;
                quote(self.unescaped, self.out);
            }
            Kind::Num => {
                let n: serde_json::Number = serde_json::from_slice(raw).ok()?;
                write!(self.out, "{n}").ok()?;
            }
            Kind::Nested { .. } => return None,
        }
        Some(())
    }

    fn close(&mut self, bracket: u8) -> Option<()> {
        self.out.push(bracket);
        self.keys.close(bracket);
        Some(())
    }
}
