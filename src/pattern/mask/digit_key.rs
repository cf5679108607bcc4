//! A message's digit key: its bytes with every maximal run of ASCII digits
//! replaced by one `0` (`took 12ms from 10.0.0.7` → `took 0ms from 0.0.0.0`).
//!
//! Masking never looks at how many digits a run has or which they are (every
//! digit has the same byte class, and a run never empties), only at where runs
//! sit among the other bytes. So two messages with the same digit key take the
//! same branches of `mask_into`, and their masked texts differ at most in
//! digits copied through: the prefix of a name with an id (`v22x-abc-1` →
//! `v22x-<*>`), the key and the tail of a `key="…"` value, and a name a
//! message starts by calling (`accept4(` → `accept4(`, `mask::call_name`:
//! whether it is one asks only where its digit runs are).
//!
//! Guarantee (tested on every corpus line and on random messages): if
//! `mask_into(a)` holds no ASCII digit and `digit_key(a) == digit_key(b)`, then
//! `mask_into(b)` gives the same text and tokens as `mask_into(a)`. When the
//! masked text holds a digit, nothing follows from the key: compare the
//! messages' bytes instead.

/// Writes the digit key of `msg` into `key` (cleared first), in one pass with
/// no allocation once `key` has grown to the longest message. Eight bytes
/// without a digit are copied at once; in a word with one, the digits become
/// `0` together and only the bytes kept (not a digit after a digit) are
/// written, one per set bit of the word's keep mask.
pub fn digit_key(msg: &[u8], key: &mut Vec<u8>) {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    key.clear();
    // Room for a whole word written at the end.
    key.resize(msg.len() + 8, 0);
    let out = &mut key[..];
    let (mut i, mut j) = (0, 0);
    // High bit of byte 0 when the byte before the word was a digit.
    let mut carry = 0u64;
    while i < msg.len() {
        let n = (msg.len() - i).min(8);
        let v = if n == 8 {
            u64::from_le_bytes(msg[i..i + 8].try_into().expect("eight bytes"))
        } else {
            // The last word, zero-padded (no memcpy call for a few bytes).
            msg[i..].iter().rev().fold(0, |v, &b| v << 8 | u64::from(b))
        };
        let w = v.to_le_bytes();
        // Bytes past the end are zero: never digits.
        let d = super::swar::digits(v);
        if d == 0 {
            out[j..j + 8].copy_from_slice(&w);
            (i, j, carry) = (i + n, j + n, 0);
            continue;
        }
        // Every digit byte becomes `0` (0x30): its high bit spread to a byte mask.
        let bytes = (d >> 7) * 0xff;
        let v = (v & !bytes) | (0x3030_3030_3030_3030 & bytes);
        let w = v.to_le_bytes();
        let mut keep = !(d & ((d << 8) | carry)) & HIGH;
        if n < 8 {
            keep &= (1u64 << (8 * n)) - 1;
        }
        while keep != 0 {
            out[j] = w[(keep.trailing_zeros() / 8) as usize];
            j += 1;
            keep &= keep - 1;
        }
        carry = (d >> 56) & 0x80;
        i += n;
    }
    key.truncate(j);
}

#[cfg(test)]
mod tests;
