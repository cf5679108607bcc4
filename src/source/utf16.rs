//! UTF-16 text (Windows tools write logs so, with a byte-order mark) read as
//! UTF-8: a decode stage like gzip's, in front of the temporary copy.

use std::io::Read;

pub struct Utf16Reader<R> {
    inner: R,
    big_endian: bool,
    /// Bytes read but not yet decoded: an odd byte, or a high surrogate
    /// waiting for its pair.
    pending: Vec<u8>,
    out: Vec<u8>,
    pos: usize,
    started: bool,
}

impl<R> Utf16Reader<R> {
    pub fn new(inner: R, big_endian: bool) -> Self {
        Utf16Reader {
            inner,
            big_endian,
            pending: Vec::new(),
            out: Vec::new(),
            pos: 0,
            started: false,
        }
    }

    fn unit(&self, i: usize) -> u16 {
        unit(&self.pending, i, self.big_endian)
    }

    fn decode(&mut self, units: usize) {
        let mut utf8 = [0u8; 4];
        let (pending, be) = (&self.pending, self.big_endian);
        for c in char::decode_utf16((0..units).map(|i| unit(pending, i, be))) {
            let c = c.unwrap_or(char::REPLACEMENT_CHARACTER);
            // The byte-order mark is not text.
            if !std::mem::replace(&mut self.started, true) && c == '\u{feff}' {
                continue;
            }
            self.out
                .extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
        }
        self.pending.drain(..units * 2);
    }
}

fn unit(bytes: &[u8], i: usize, big_endian: bool) -> u16 {
    let b = [bytes[2 * i], bytes[2 * i + 1]];
    if big_endian {
        u16::from_be_bytes(b)
    } else {
        u16::from_le_bytes(b)
    }
}

impl<R: Read> Read for Utf16Reader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let mut raw = vec![0u8; 64 << 10];
        while self.pos == self.out.len() {
            self.out.clear();
            self.pos = 0;
            let n = self.inner.read(&mut raw)?;
            if n == 0 {
                if self.pending.is_empty() {
                    return Ok(0);
                }
                // A lone byte or surrogate at the very end.
                self.pending.clear();
                self.out.extend_from_slice("\u{fffd}".as_bytes());
                break;
            }
            self.pending.extend_from_slice(&raw[..n]);
            let mut units = self.pending.len() / 2;
            // Keep a high surrogate until its pair arrives.
            if units > 0 && (0xd800..0xdc00).contains(&self.unit(units - 1)) {
                units -= 1;
            }
            self.decode(units);
        }
        let n = buf.len().min(self.out.len() - self.pos);
        buf[..n].copy_from_slice(&self.out[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8], be: bool) -> String {
        let mut s = String::new();
        // One byte at a time: pairs and surrogates split across reads.
        let slow = bytes
            .chunks(1)
            .map(std::io::Cursor::new)
            .fold(Box::new(std::io::empty()) as Box<dyn Read>, |r, c| {
                Box::new(r.chain(c))
            });
        Utf16Reader::new(slow, be)
            .read_to_string(&mut s)
            .expect("decodes");
        s
    }

    #[test]
    fn both_byte_orders_and_surrogates() {
        let text = "2022-03-24 17:00:00 INFO café 🚀\n";
        let le: Vec<u8> = "\u{feff}"
            .encode_utf16()
            .chain(text.encode_utf16())
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "\u{feff}"
            .encode_utf16()
            .chain(text.encode_utf16())
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(decode(&le, false), text);
        assert_eq!(decode(&be, true), text);
        assert_eq!(
            decode(&le[..le.len() - 1], false),
            format!("{}\u{fffd}", &text[..text.len() - 1])
        );
    }
}
