//! A JSON line's leading fields whose keys are left out of the text (`time`,
//! `level`, …): their string values are skipped as a marked string's content
//! is (`super`'s doc). Most logs start with them, so the walk over them is
//! remembered: a line whose first bytes and quotes are those a recent line's
//! walk read gets that walk's marks without walking.

use super::super::{Role, same_key};
use super::{LEADING, LineKey, MARK, low_bytes, mark, next_quote};

/// Recent lines' walks remembered (`Shape`): a log's levels differ in length
/// (`INFO`, `DEBUG`), each a shape of its own.
pub(super) const SHAPES: usize = 4;

/// A leading field of the line before: its bytes from the end of the field
/// before to its value's opening quote (`","level":"`, `len` of them, 0 when
/// more than 16), its key, and whether that key is left out of the text.
#[derive(Debug, Default)]
pub(super) struct Leading {
    bytes: u128,
    len: usize,
    /// `low_bytes(len)`.
    mask: u128,
    key: Vec<u8>,
    left_out: bool,
}

/// What one walk read and did, within the line's first 64 bytes: the walk
/// reads the canonical bytes from the line's `{` up to where it stopped, but
/// for the left-out values' content, and the quotes among them; it depends on
/// nothing else. So a line with the same `start`, the same bytes under `mask`
/// and the same quotes under `span` gets the same marks.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Shape {
    /// Where the object starts.
    start: usize,
    bytes: [u64; 8],
    mask: [u64; 8],
    /// The quotes the walk read, and the bytes it read (`start..end`, never
    /// empty: 0 for no shape remembered).
    quotes: u64,
    span: u64,
    /// The bytes the walk skipped, and the left-out values' opening quotes
    /// (`MARK` after each).
    skip: u64,
    opening: [u8; LEADING],
    marked: usize,
}

/// The walk's reading so far: how far it read, and the values it marked.
struct Read {
    end: usize,
    marks: [(usize, usize); LEADING],
    marked: usize,
}

impl LineKey {
    /// Leading fields whose key is left out of the text (`time`, `level`, …)
    /// and whose value is a string: that string's content changes nothing
    /// (every string of a vouched line is valid, and the field is not shown),
    /// so it is skipped as a marked string's is, and `MARK` stands for it.
    /// Read while the line goes on `{"key":"value","key":"value",…` (quotes
    /// where the mask has them, no whitespace), up to `LEADING` fields and up
    /// to the first field shown. A line read like a recent one (`Shape`) takes
    /// its marks; a field whose bytes up to its value (`","level":"`) are the
    /// line before's is taken as it was read then: one masked 16-byte
    /// comparison.
    pub(super) fn skip_left_out_leading(&mut self, line: &[u8], start: usize) {
        if self.known_shape(start) {
            return;
        }
        let mut read = Read {
            end: start + 1,
            marks: [(0, 0); LEADING],
            marked: 0,
        };
        self.walk(line, start, &mut read);
        self.remember(start, &read);
    }

    /// Applies a remembered shape that `canonical` and `quote` match.
    fn known_shape(&mut self, start: usize) -> bool {
        let words = self.first_words();
        let quote = self.quote[0];
        let Some(s) = self.shapes.iter().find(|s| {
            s.start == start
                && s.span != 0
                && (quote ^ s.quotes) & s.span == 0
                && (0..8).all(|k| (words[k] ^ s.bytes[k]) & s.mask[k] == 0)
        }) else {
            return false;
        };
        let s = *s;
        self.skip[0] |= s.skip;
        for &o in &s.opening[..s.marked] {
            self.canonical[usize::from(o) + 1] = MARK;
        }
        true
    }

    /// The canonical line's first 64 bytes, 8 a word.
    fn first_words(&self) -> [u64; 8] {
        std::array::from_fn(|k| {
            u64::from_le_bytes(
                self.canonical[8 * k..8 * k + 8]
                    .try_into()
                    .expect("8 bytes"),
            )
        })
    }

    /// Remembers what the walk read and did, when it read within the first
    /// 64 bytes.
    fn remember(&mut self, start: usize, read: &Read) {
        if read.end > 64 {
            return;
        }
        let end = read.end;
        let mut s = Shape {
            start,
            span: (!0u64 >> (64 - (end - start))) << start,
            marked: read.marked,
            ..Shape::default()
        };
        s.quotes = self.quote[0] & s.span;
        let mut byte_mask = [0u8; 64];
        byte_mask[start..end].fill(0xff);
        for (k, &(o, c)) in read.marks[..read.marked].iter().enumerate() {
            // The content is not read; `MARK` and skipping stand for it.
            byte_mask[o + 1..c].fill(0);
            s.opening[k] = o as u8;
            if c > o + 2 {
                s.skip |= (!0u64 >> (64 - (c - o - 2))) << (o + 2);
            }
        }
        let words = self.first_words();
        for k in 0..8 {
            let m: [u8; 8] = byte_mask[8 * k..8 * k + 8].try_into().expect("8 bytes");
            s.mask[k] = u64::from_le_bytes(m);
            s.bytes[k] = words[k] & s.mask[k];
        }
        self.shapes[self.next_shape] = s;
        self.next_shape = (self.next_shape + 1) % SHAPES;
    }

    /// The walk itself; `read` says how far it read and what it marked.
    fn walk(&mut self, line: &[u8], start: usize, read: &mut Read) {
        // Where the field's bytes start: the `{`, or the value before's
        // closing quote.
        let mut s = start;
        for field in 0..LEADING {
            let bytes: [u8; 16] = self.canonical[s..s + 16].try_into().expect("16 bytes");
            let bytes = u128::from_le_bytes(bytes);
            let known = &mut self.leading[field];
            // The value's opening quote.
            let o = if known.len != 0 && bytes & known.mask == known.bytes {
                s + known.len - 1
            } else {
                // `{"key":"` first, `,"key":"` after.
                let p = s + 1 + usize::from(field > 0);
                read.end = read.end.max(p + 1);
                if self.canonical[p - 1] != [b'{', b','][usize::from(field > 0)]
                    || self.canonical[p] != b'"'
                {
                    return;
                }
                let e = next_quote(&self.quote, p + 1);
                read.end = read.end.max(e + 3);
                if self.canonical[e + 1..e + 3] != *b":\"" {
                    return;
                }
                let key = &line[p + 1..e];
                if !same_key(key, &known.key) {
                    let role = Role::of(key);
                    known.key.clear();
                    known.key.extend_from_slice(key);
                    known.left_out = role.left_out && role.message_rank.is_none();
                }
                // Bytes to compare next time, when they fit.
                known.len = if e + 3 - s <= 16 { e + 3 - s } else { 0 };
                known.mask = low_bytes(known.len);
                known.bytes = bytes & known.mask;
                e + 2
            };
            read.end = read.end.max(o + 1);
            // The first field shown ends the walk: what follows it is read as
            // any field is (a left-out key further on is rare, and its value
            // folds like any other).
            if !known.left_out {
                return;
            }
            let c = next_quote(&self.quote, o + 1);
            read.end = read.end.max(c + 1);
            if c > o + 1 {
                mark(&mut self.canonical[..], &mut self.skip, o, c);
                read.marks[read.marked] = (o, c);
                read.marked += 1;
            }
            s = c;
        }
    }
}
