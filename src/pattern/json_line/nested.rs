//! A shown nested value (an object or an array) written as serde_json's
//! `Value::to_string` writes it after `from_slice` with `preserve_order`,
//! without building a `Value`: compact, keys in the line's order, strings as
//! they stand or, with an escape, decoded and quoted again, integers as
//! written, other numbers printed anew. The value is walked by the scanner's
//! own reader (`value`), which hands each part to `Compact`.

use std::io::Write;

use super::{Kind, quote, unescape, value};

/// What `value`, `object` and `array` meet inside a value, in order, for a
/// reader that writes it out (`Compact`); a `None` stops the read. `Skip`
/// only reads the value's bounds.
pub(super) trait Visit {
    /// `{` or `[`.
    fn open(&mut self, bracket: u8) -> Option<()>;
    /// An object's key: its bytes between the quotes.
    fn key(&mut self, key: &[u8], escaped: bool) -> Option<()>;
    /// A string (quotes included), a number or a literal.
    fn scalar(&mut self, raw: &[u8], kind: Kind) -> Option<()>;
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
    fn key(&mut self, _: &[u8], _: bool) -> Option<()> {
        Some(())
    }
    #[inline(always)]
    fn scalar(&mut self, _: &[u8], _: Kind) -> Option<()> {
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

/// The keys of the objects being written, reused from line to line.
#[derive(Debug, Default)]
pub(super) struct Keys {
    /// Each key's bounds in the text being written.
    bounds: Vec<(usize, usize)>,
    /// Where each open object's keys start in `bounds`.
    objects: Vec<usize>,
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
    keys.bounds.clear();
    keys.objects.clear();
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
        if bracket == b'{' {
            self.keys.objects.push(self.keys.bounds.len());
        }
        Some(())
    }

    fn key(&mut self, key: &[u8], escaped: bool) -> Option<()> {
        if escaped {
            return None;
        }
        let Keys { bounds, objects } = &mut *self.keys;
        let before = &bounds[*objects.last()?..];
        if before.len() >= MAX_KEYS || before.iter().any(|&(a, z)| self.out[a..z] == *key) {
            return None;
        }
        self.separate();
        self.out.push(b'"');
        let a = self.out.len();
        self.out.extend_from_slice(key);
        self.keys.bounds.push((a, self.out.len()));
        self.out.extend_from_slice(b"\":");
        Some(())
    }

    fn scalar(&mut self, raw: &[u8], kind: Kind) -> Option<()> {
        self.separate();
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
            Kind::Nested => return None,
        }
        Some(())
    }

    fn close(&mut self, bracket: u8) -> Option<()> {
        self.out.push(bracket);
        if bracket == b'}' {
            let first = self.keys.objects.pop()?;
            self.keys.bounds.truncate(first);
        }
        Some(())
    }
}
