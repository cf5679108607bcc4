//! The masking side of `JsonReader::mask`: each part of a line's readable text
//! masked as `mask_into` masks it within the whole text.

use super::Piece;
use crate::pattern::mask::{Masked, WILD, push_token};

/// Masks one part of the readable text into `out`; None when a quoted value
/// runs past its end (the line then goes through its text).
pub(super) fn mask(piece: Piece, out: &mut Masked, fields: &mut FieldTokens) -> Option<()> {
    match piece {
        Piece::Prefix(t) | Piece::Message(t) | Piece::Field(t) => mask_all(t, out),
        Piece::Value { key, value, k } => fields.mask(key, value, k, out),
    }
}

/// Masks every token of `piece` into `out`, as `mask_into` does when `piece`
/// is part of a longer text; None when a quoted value runs past its end.
fn mask_all(piece: &[u8], out: &mut Masked) -> Option<()> {
    let mut i = 0;
    loop {
        // `mask_into`'s whitespace: `u8::is_ascii_whitespace`.
        while i < piece.len() && piece[i].is_ascii_whitespace() {
            i += 1;
        }
        if i == piece.len() {
            return Some(());
        }
        i = push_token(piece, i, out)?;
    }
}

/// What `mask_into` makes of a `key=value` field whose value stands as
/// written (`Piece::Value`), known from its key, per field position:
///
/// - a value that is all value bytes (hex digits, `. - _ + x X`, as `mask`'s
///   `VAR` class) with a digit (`836`, `-3`, `444c0d9b389877e8`, `1.5`) masks
///   to the same token whatever it is, when the key holds no whitespace, quote
///   or `/`: it is one piece after the `=` delimiter, all value (`<*>`), the
///   `=` keeps the token from reading as an address, no quote opens a value
///   and no path starts; the rest depends on the key alone. That token
///   (`request_id=<*>`) is learned from the first such value.
/// - a value without a byte that triggers masking (a digit or `/ " ' ~`),
///   after a key without one or whitespace, is copied as it is, as `mask_into`
///   copies a plain word (`service=billing`).
///
/// Anything else is masked token by token.
#[derive(Debug, Default)]
pub(super) struct FieldTokens {
    known: Vec<Option<KeyTokens>>,
    /// A field's `key=value`, when it is masked token by token.
    text: Vec<u8>,
}

#[derive(Debug, Clone)]
struct KeyTokens {
    key: Vec<u8>,
    /// No whitespace, quote or `/`: all-value values mask alike.
    plain: bool,
    /// Not even a byte that triggers masking: a plain value is copied.
    word: bool,
    /// The token of an all-value value, once one was seen.
    value_token: Option<Vec<u8>>,
}

/// Byte classes of a value, as bits.
const VAR: u8 = 1;
const DIGIT: u8 = 2;
const TRIGGER: u8 = 4;

/// `mask`'s `VAR`, `DIGIT` and `TRIGGER` classes (a byte that is not ASCII is
/// in none).
static CLASS: [u8; 256] = {
    let mut t = [0; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        let mut bits = 0;
        if c.is_ascii_hexdigit() || matches!(c, b'.' | b'-' | b'_' | b'+' | b'x' | b'X') {
            bits |= VAR;
        }
        if c.is_ascii_digit() {
            bits |= DIGIT | TRIGGER;
        }
        if matches!(c, b'/' | b'"' | b'\'' | b'~') {
            bits |= TRIGGER;
        }
        t[b] = bits;
        b += 1;
    }
    t
};

impl FieldTokens {
    fn mask(&mut self, key: &[u8], value: &[u8], k: usize, out: &mut Masked) -> Option<()> {
        let text = &mut self.text;
        let mut mask_text = |out: &mut Masked| {
            text.clear();
            text.extend_from_slice(key);
            text.push(b'=');
            text.extend_from_slice(value);
            mask_all(text, out)
        };
        if k >= 64 {
            return mask_text(out);
        }
        if self.known.len() <= k {
            self.known.resize(k + 1, None);
        }
        let slot = &mut self.known[k];
        let entry = match slot {
            Some(e) if super::same_key(&e.key, key) => e,
            _ => {
                let odd = |b: &u8| b.is_ascii_whitespace() || matches!(b, b'"' | b'\'' | b'/');
                let plain = !key.iter().any(odd);
                slot.insert(KeyTokens {
                    key: key.to_vec(),
                    plain,
                    word: plain && key.iter().all(|&b| CLASS[b as usize] & TRIGGER == 0),
                    value_token: None,
                })
            }
        };
        let (any, all) = value.iter().fold((0, !0), |(any, all), &b| {
            let c = CLASS[b as usize];
            (any | c, all & c)
        });
        if entry.plain && all & VAR != 0 && any & DIGIT != 0 {
            match &entry.value_token {
                Some(token) => push_list_token(token, out),
                None => {
                    mask_text(out)?;
                    // The field is one token; folded into the one before it
                    // (a list of values), it equals that one.
                    entry.value_token = Some(out.token(out.len() - 1).to_vec());
                }
            }
            return Some(());
        }
        if entry.word && any & TRIGGER == 0 {
            push_word(key, value, out);
            return Some(());
        }
        mask_text(out)
    }
}

/// Appends `key=value` as one token that `mask_into` copies as it is.
fn push_word(key: &[u8], value: &[u8], out: &mut Masked) {
    if !out.text.is_empty() {
        out.text.push(b' ');
    }
    let start = out.text.len() as u32;
    out.text.extend_from_slice(key);
    out.text.push(b'=');
    out.text.extend_from_slice(value);
    out.tokens.push((start, out.text.len() as u32));
}

/// Appends an already masked token holding `<*>` as `mask_into` appends one:
/// a token equal to the one before it joins it (a list of values reads as one).
fn push_list_token(token: &[u8], out: &mut Masked) {
    debug_assert!(memchr::memmem::find(token, WILD).is_some());
    if let Some(&(a, b)) = out.tokens.last()
        && out.text[a as usize..b as usize] == *token
    {
        return;
    }
    if !out.text.is_empty() {
        out.text.push(b' ');
    }
    let start = out.text.len() as u32;
    out.text.extend_from_slice(token);
    out.tokens.push((start, out.text.len() as u32));
}
