//! A JSON line's key, read from its raw bytes without scanning it: two lines
//! with the same key mask alike (when their masked text holds no digit), so a
//! line whose key was seen skips the scan, the masking and the miner's lookup.
//!
//! The key is the line with every maximal run of ASCII digits as one `0`, and
//! the content of every *marked* string (a quoted string whose bytes are all
//! value bytes, hex digits and `. - _ + x X`, holding a digit and not ending in
//! `.`: `"444c0d9b389877e8"`, `"1.5"`) as the one byte `MARK`, and so is the
//! content of a leading field's string value when its key is left out of the
//! text (`{"time":"2026-…","level":"INFO"`: the time's digits would cost the
//! most to fold, and the level would split the keys). Inside any string, a
//! *value after `=`* (a run of value bytes right after a `=`, holding a digit,
//! not ending in `.`, with a space or the string's closing quote after it:
//! `lease id=0c0b after`) is one `MARK` too: hex ids in a message would
//! otherwise give nearly every line a key of its own. It is built only
//! for lines it can vouch for (`LineKey::build` says false for the others, which
//! take the scanner's path):
//!
//! 1. the line is `{` … `}`, or that after a prefix of ASCII bytes but `{`,
//!    `"` and `\` (`docker compose logs` writes `web-1  | ` before each
//!    line); it is UTF-8, with no byte below 0x20, and every backslash starts
//!    an escape of `" \ / b f n r t` (not `\u`, whose hex digits would fold):
//!    every string is valid and reads as its bytes with those escapes decoded,
//!    and a string's bounds are its unescaped quotes;
//! 2. every string holding a digit is followed by `,`, `}` or `]`: it is a
//!    value, never a key, at any depth (keys with digits would hide a repeated
//!    key: `k1`/`k2` and `k1`/`k1` key alike);
//! 3. every run of digits outside strings and the prefix (a number's) is at
//!    most 15 long, is not followed by `e`/`E` (no exponent), and unless it
//!    follows a `.` (a fraction) it is one `0` or does not start with one.
//!
//! Why two vouched lines A and B with the same key mask alike when A's masked
//! text holds no digit (`tests` checks it on every corpus line and on random
//! lines):
//!
//! - Same structure. `MARK` never stands in a vouched line and every `0` of a
//!   key is a collapsed run, so the key gives back the line's bytes but for the
//!   digits' values, the marked strings' content and the values after `=`
//!   (none holds a quote). Strings are where the
//!   quotes are; outside them and the prefix (the same bytes in both, but for
//!   digit runs) a digit is a number's and JSON's grammar asks of a
//!   number's digits only that an integer part of two or more not start with
//!   `0` (rule 3); with at most 15 digits a run and no exponent every number is
//!   finite. So B is a JSON object iff A is, with the same keys at every depth
//!   (rule 2: none holds a digit), the same kinds of values, the same nesting,
//!   the same message field. (A string under a left-out key is valid whatever
//!   it holds, and left out: its content changes nothing.) A key given twice in
//!   an object is given twice in both: serde_json keeps its first place and its
//!   last value in both.
//! - Same readable text, but for digits and values. `json_text::readable` (which
//!   `JsonReader::mask` masks exactly, as its tests check) writes a prefix as
//!   it stands (trimmed, then a space: the same but for digit runs), strings as
//!   their bytes, escapes decoded (an escape is the same in both lines: neither
//!   its backslash nor what it escapes is a digit, and no marked string holds
//!   one), quoted or not by their spaces, quotes and `=`, never by their
//!   digits; integers as written; and a nested value compact (whitespace
//!   outside strings dropped, where the key keeps it: at the same places in
//!   both); so A's and B's texts differ only in digit runs, in marked strings
//!   and in numbers serde_json prints anew (`1.50` → `1.5`, `0.000001` →
//!   `1e-6`, `-0` → `-0.0`). Each of the last two is a value V that is all value
//!   bytes, holds a digit and does not end in `.`, standing after `key=` (a
//!   field), alone (a marked message), or inside a nested value between
//!   JSON's delimiters (`"` around a marked string; `:`, `,` or `[` before a
//!   number and `,`, `]` or `}` after it).
//! - Masking does not look at such a V. Whitespace splits tokens only inside
//!   strings that are not marked, at the same places in both. After `=`, V is
//!   one piece (no delimiter in it) that is all value, `<*>`, and the token's
//!   other choices (a path, an address as a whole, a quoted value, trailing
//!   `,:;)].`) are made on its key's bytes; alone, V is `<*>` as an address or
//!   as a piece. Inside a nested value, V is again one piece, `<*>`, and never
//!   a token's first or last byte (delimiters stand around it); its token holds
//!   a `=` or a `"` (no whitespace but inside a string), so it is no address as
//!   a whole, and whether it is a path or a quoted value is read off its ends;
//!   its trailing bytes stop at V (V does not end in `.`). A value after
//!   `=` is a V too: it stands in a token after its `=` (a delimiter, so the
//!   token holds a `=` and is no address as a whole), up to the token's end
//!   (a space) or before a `"` (a quoted rendering of its string), so it is
//!   never the token's first or last byte but at its end, where its last
//!   byte is no trailing `,:;)].` and no quote; it is one piece, `<*>`, and
//!   it opens no quoted value (`="` needs a quote after the `=`). (A quoted value
//!   opened before V and closed after it copies the bytes it starts and ends
//!   in: any V or digit run there puts a digit in the masked text.) So
//!   replacing A's Vs by B's leaves A's masked text as it is, and what is left
//!   differs in digit runs only: the masked texts are equal by
//!   `mask::digit_key`'s guarantee.

use crate::pattern::mask::Masked;

mod classify;
mod compress;
mod leading;

#[cfg(test)]
use classify::classify_bytes;
use classify::{Classes, Width, classify, widest};
use leading::{Leading, SHAPES, Shape};

/// A marked string's content in a key: a control byte, never in a vouched line.
const MARK: u8 = 0x01;

/// Leading fields looked at for a left-out key (`skip_left_out_leading`).
const LEADING: usize = 4;

/// Longer lines are left to the scanner.
const MAX_LINE: usize = 4096;
const WORDS: usize = MAX_LINE / 64;

/// The bytes of the word at `at` that a backslash escapes, given its
/// backslashes and whether the word before's last byte escapes this word's
/// first (updated for the next word); None when an escape is not one of
/// `\" \\ \/ \b \f \n \r \t` or `\u` and four hex digits (whose places go to
/// `hex`: they are kept, not folded like other digits).
#[inline(never)]
fn escapes(
    line: &[u8],
    at: usize,
    backslash: u64,
    carry: &mut bool,
    hex: &mut Vec<usize>,
) -> Option<u64> {
    // `p` is the escaped byte; a `\u`'s four hex digits are kept as they are.
    let mut valid = |p: usize| match line.get(p) {
        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => true,
        Some(b'u')
            if line
                .get(p + 1..p + 5)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) =>
        {
            hex.push(p + 1);
            true
        }
        _ => false,
    };
    let mut escaped = 0u64;
    if std::mem::take(carry) {
        if !valid(at) {
            return None;
        }
        escaped = 1;
    }
    // Backslashes in order; an escaped one escapes nothing.
    let mut left = backslash & !escaped;
    while left != 0 {
        let i = left.trailing_zeros();
        if !valid(at + i as usize + 1) {
            return None;
        }
        if i == 63 {
            *carry = true;
        } else {
            escaped |= 1 << (i + 1);
        }
        left &= !(1u64 << i) & !escaped;
    }
    Some(escaped)
}

/// `x` with each bit the XOR of it and all bits below it: between a string's
/// opening quote (set) and its closing quote (clear), given quote bits.
#[inline]
fn prefix_xor(mut x: u64) -> u64 {
    x ^= x << 1;
    x ^= x << 2;
    x ^= x << 4;
    x ^= x << 8;
    x ^= x << 16;
    x ^= x << 32;
    x
}

/// Builds line keys, reusing its buffers.
#[derive(Debug)]
pub(crate) struct LineKey {
    /// The line with every digit as `0`, and room past it for whole copies.
    canonical: Box<[u8; MAX_LINE + 64]>,
    /// Per 64 bytes of the line: its quotes; the bytes left out of the key
    /// (digits after a digit, marked strings' content but the first byte, on
    /// which `MARK` is written in `canonical`).
    quote: [u64; WORDS],
    skip: [u64; WORDS],
    /// The closing quotes of marked strings, per 64 bytes (`scan`).
    marked: [u64; WORDS],
    /// Where the hex digits of each `\u` escape start (`escapes`).
    hex: Vec<usize>,
    /// Values after `=` inside strings, marked: their first byte and end.
    after_eq: Vec<(usize, usize)>,
    /// The key of the last line built: `key[..len]`.
    key: Box<[u8; MAX_LINE + 64]>,
    len: usize,
    /// How many bytes the CPU classes at a time.
    width: Width,
    /// The key is hashed by AES rounds (`pattern::aes_hash`), not by
    /// multiplications.
    aes: bool,
    /// The key is written by AVX-512's byte compression (`compress`), not by
    /// copying its runs.
    compress: bool,
    /// The leading keys of the line before (`skip_left_out_leading`).
    leading: [Leading; LEADING],
    /// What the walk over the leading fields did on recent lines, by the
    /// bytes it read (`leading::Shape`), the next to replace.
    shapes: [Shape; SHAPES],
    next_shape: usize,
}

impl Default for LineKey {
    fn default() -> LineKey {
        LineKey {
            canonical: Box::new([0; MAX_LINE + 64]),
            quote: [0; WORDS],
            skip: [0; WORDS],
            marked: [0; WORDS],
            hex: Vec::new(),
            after_eq: Vec::new(),
            key: Box::new([0; MAX_LINE + 64]),
            len: 0,
            width: widest(),
            aes: aes_available(),
            compress: compress::available(),
            leading: Default::default(),
            shapes: Default::default(),
            next_shape: 0,
        }
    }
}

impl LineKey {
    /// A builder that writes keys by copying runs, as a CPU without AVX-512
    /// does (tests compare the two ways).
    #[cfg(test)]
    pub(crate) fn copying() -> LineKey {
        LineKey {
            compress: false,
            ..LineKey::default()
        }
    }

    /// The key of the last line built.
    #[cfg(test)]
    pub(crate) fn key(&self) -> &[u8] {
        &self.key[..self.len]
    }

    /// The two hashes of `line`'s key (128 bits: a key is known by them
    /// alone); None when no key vouches for the line.
    pub(crate) fn hashes(&mut self, line: &[u8]) -> Option<(u64, u64)> {
        self.build(line)
            .then(|| key_hashes(&self.key[..], self.len, self.aes))
    }

    /// Builds the key of `line`; false when the key cannot vouch for the line
    /// (see the module's rules), the key then undefined.
    pub(crate) fn build(&mut self, line: &[u8]) -> bool {
        let n = line.len();
        if !(2..=MAX_LINE).contains(&n) || line[n - 1] != b'}' {
            return false;
        }
        // What stands before the object (`web-1  | ` from `docker compose
        // logs`): ASCII without a quote or backslash.
        let start = match line[0] {
            b'{' => 0,
            _ => match memchr::memchr(b'{', line) {
                Some(s)
                    if line[..s]
                        .iter()
                        .all(|&b| b.is_ascii() && b != b'"' && b != b'\\') =>
                {
                    s
                }
                _ => return false,
            },
        };
        self.scan(line, start) && {
            if self.compress {
                // SAFETY: `compress` is true only when the CPU has what
                // `compress::write_key` needs (`compress::available`).
                #[allow(unsafe_code)]
                {
                    self.len = unsafe {
                        compress::write_key(&self.canonical, &self.skip, n, &mut self.key)
                    };
                }
            } else {
                self.write_key(n);
            }
            true
        }
    }

    /// Classifies the line 64 bytes at a time, checks the rules, finds the
    /// marked strings: fills `canonical`, `quote`, `skip` and `mark`. Compiled
    /// once per width, for the CPU's own instructions: the classing inlined
    /// into the loop, and the bit loops' `tzcnt`, `blsr` and `lzcnt`.
    fn scan(&mut self, line: &[u8], start: usize) -> bool {
        #[cfg(target_arch = "x86_64")]
        #[allow(unsafe_code)]
        match self.width {
            // SAFETY: `widest` gives `Avx512` only when the CPU has each
            // feature `scan_avx512` is compiled for, and `Avx2` likewise.
            Width::Avx512 => unsafe { self.scan_avx512(line, start) },
            Width::Avx2 => unsafe { self.scan_avx2(line, start) },
            Width::Sse2 => self.scan_with(line, start, Width::Sse2),
        }
        #[cfg(not(target_arch = "x86_64"))]
        self.scan_with(line, start, self.width)
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f,avx512bw,avx2,bmi1,bmi2,lzcnt,popcnt")]
    fn scan_avx512(&mut self, line: &[u8], start: usize) -> bool {
        self.scan_with(line, start, Width::Avx512)
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,bmi1,bmi2,lzcnt,popcnt")]
    fn scan_avx2(&mut self, line: &[u8], start: usize) -> bool {
        self.scan_with(line, start, Width::Avx2)
    }

    #[inline(always)]
    fn scan_with(&mut self, line: &[u8], start: usize, width: Width) -> bool {
        let n = line.len();
        let words = n.div_ceil(64);
        // All ones when the word before ended inside a string.
        let mut inside = 0u64;
        // Carries of the two additions below; whether the byte before the word
        // was a digit, and one outside strings.
        let (mut carry_value, mut carry_digit) = (false, false);
        let mut high = 0u64;
        self.hex.clear();
        self.after_eq.clear();
        // Whether the word before ended in `=`.
        let mut equals_before = 0u64;
        // The first `\u` escape whose hex digits may reach this word.
        let mut hex_from = 0;
        // Whether the word before ended in a backslash that escapes this
        // word's first byte.
        let mut escape_carry = false;
        let (mut digit_before, mut outside_digit_before) = (0u64, 0u64);
        // The closing quotes of marked strings, per word: marked once every
        // word is classed (classing the line's last 64 bytes writes canonical
        // bytes of the word before again). Each word's is written below: no
        // clearing of the whole buffer for each line.
        for k in 0..words {
            let at = k * 64;
            let c = if let Some(block) = line.get(at..at + 64) {
                let canonical = sixty_four(&mut self.canonical[at..at + 64]);
                classify(block.try_into().expect("64 bytes"), canonical, width)
            } else if n >= 64 {
                // The line's last 64 bytes, classed where they stand (the
                // bytes before `at` again, to the same canonical bytes) and
                // shifted down to this word: copying the line's end to a
                // block padded with spaces made the wide loads that class it
                // wait for the copy's narrow stores.
                let back = at + 64 - n;
                let canonical = sixty_four(&mut self.canonical[n - 64..n]);
                let c = classify(
                    line[n - 64..].try_into().expect("64 bytes"),
                    canonical,
                    width,
                );
                Classes {
                    quote: c.quote >> back,
                    special: c.special >> back,
                    backslash: c.backslash >> back,
                    high: c.high >> back,
                    digit: c.digit >> back,
                    // Past the end, as spaces: not value bytes.
                    not_value: c.not_value >> back | !0 << (64 - back),
                    equals: c.equals >> back,
                }
            } else {
                // Spaces past the end: no quote, digit, special or `{`.
                let mut block = [b' '; 64];
                block[..n - at].copy_from_slice(&line[at..]);
                classify(&block, sixty_four(&mut self.canonical[at..at + 64]), width)
            };
            if c.special != 0 {
                return false;
            }
            high |= c.high;
            let mut q = c.quote;
            if c.backslash != 0 || escape_carry {
                let Some(escaped) =
                    escapes(line, at, c.backslash, &mut escape_carry, &mut self.hex)
                else {
                    return false;
                };
                q &= !escaped;
            }
            let (mut digit, not_value) = (c.digit, c.not_value);
            // A `\u` escape's hex digits (which may reach into this word from
            // the one before) are no digits here: kept as they are.
            if !self.hex.is_empty() {
                while hex_from < self.hex.len() && self.hex[hex_from] + 4 <= at {
                    hex_from += 1;
                }
                for &h in self.hex[hex_from..].iter().take_while(|&&h| h < at + 64) {
                    let bits = if h >= at {
                        0xf << (h - at)
                    } else {
                        0xf >> (at - h)
                    };
                    digit &= !bits;
                }
            }
            self.quote[k] = q;
            let p = prefix_xor(q) ^ inside;
            inside = ((p as i64) >> 63) as u64;
            let (opening, closing, content) = (q & p, q & !p, p & !q);
            let outside = !(p | q);
            // Adding a string's opening bit to it and its run of content bits
            // carries up to the first content byte not in the run, or to the
            // closing quote when there is none: the closing quote's bit says
            // "all of the content is in the run".
            let add = |run: u64, carry: &mut bool| {
                let (s, c1) = (opening | run).overflowing_add(opening);
                let (s, c2) = s.overflowing_add(u64::from(*carry));
                *carry = c1 | c2;
                s & closing
            };
            self.values_after_equals(
                line,
                at,
                content & !not_value,
                digit,
                c.equals,
                &mut equals_before,
            );
            let all_value = add(content & !not_value, &mut carry_value);
            let no_digit = add(content & !digit, &mut carry_digit);
            let with_digit = closing & !no_digit;
            let mut marked = with_digit & all_value;
            // Rule 2, and no marked string ends in `.`.
            let mut bits = with_digit;
            while bits != 0 {
                let c = k * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                if !matches!(line[c + 1], b',' | b'}' | b']') {
                    return false;
                }
                if line[c - 1] == b'.' {
                    marked &= !(1u64 << (c % 64));
                }
            }
            // Rule 3, per run of digits outside strings.
            // Not a number's: a digit of the prefix.
            let in_prefix = match start.saturating_sub(at) {
                0 => 0,
                b if b >= 64 => !0,
                b => (1u64 << b) - 1,
            };
            let outside_digit = digit & outside & !in_prefix;
            let mut starts = outside_digit & !(outside_digit << 1 | outside_digit_before);
            while starts != 0 {
                let s = k * 64 + starts.trailing_zeros() as usize;
                starts &= starts - 1;
                let mut len = (!(digit >> (s % 64))).trailing_zeros() as usize;
                if s % 64 + len == 64 {
                    // The run goes on in the next word.
                    len += line[s + len..]
                        .iter()
                        .take_while(|b| b.is_ascii_digit())
                        .count();
                }
                let leading_zero = line[s] == b'0' && len > 1 && line[s - 1] != b'.';
                if len > 15 || leading_zero || matches!(line[s + len], b'e' | b'E') {
                    return false;
                }
            }
            self.skip[k] = digit & (digit << 1 | digit_before);
            digit_before = digit >> 63;
            outside_digit_before = outside_digit >> 63;
            self.marked[k] = marked;
        }
        // Bytes above 0x7f must be UTF-8 (the skipped content of two lines
        // with one key may differ there).
        if inside != 0 || high != 0 && std::str::from_utf8(line).is_err() {
            return false;
        }
        for k in 0..words {
            self.mark_strings(k, self.marked[k]);
        }
        for &(s, e) in &self.after_eq {
            mark(&mut self.canonical[..], &mut self.skip, s - 1, e);
        }
        // The classifier wrote `0` for their digits.
        for &h in &self.hex {
            self.canonical[h..h + 4].copy_from_slice(&line[h..h + 4]);
        }
        self.skip_left_out_leading(line, start);
        true
    }

    /// Finds the values after `=` in word `at` of the line (`value`: its value
    /// bytes inside strings; `digit`, `equals`: its digits and `=`) that are
    /// marked (the module's doc): a run of value bytes right after a `=`,
    /// holding a digit, not ending in `.`, with a space or the string's
    /// closing quote after it. `equals_before` says whether the word before
    /// ended in `=`, and is set for the next word.
    #[inline(always)]
    fn values_after_equals(
        &mut self,
        line: &[u8],
        at: usize,
        value: u64,
        digit: u64,
        equals: u64,
        equals_before: &mut u64,
    ) {
        let mut starts = (equals << 1 | *equals_before) & value;
        *equals_before = equals >> 63;
        while starts != 0 {
            let b = starts.trailing_zeros();
            starts &= starts - 1;
            let s = at + b as usize;
            // The run's length in this word; a run reaching the word's end is
            // read on in the line.
            let len = (!(value >> b)).trailing_zeros();
            let (e, with_digit) = if b + len < 64 {
                let run = ((1u64 << len) - 1) << b;
                (s + len as usize, digit & run != 0)
            } else {
                let e = s + line[s..].iter().take_while(|&&x| is_value(x)).count();
                (e, line[s..e].iter().any(u8::is_ascii_digit))
            };
            if with_digit && line[e - 1] != b'.' && matches!(line.get(e), Some(b' ' | b'"')) {
                self.after_eq.push((s, e));
            }
        }
    }

    /// Marks the strings whose closing quotes are `closing` (bits of word `k`).
    #[inline(always)]
    fn mark_strings(&mut self, k: usize, mut closing: u64) {
        while closing != 0 {
            let c = k * 64 + closing.trailing_zeros() as usize;
            closing &= closing - 1;
            // The opening quote: the quote before.
            let (mut w, mut before) = (k, self.quote[k] & ((1u64 << (c % 64)) - 1));
            while before == 0 {
                w -= 1;
                before = self.quote[w];
            }
            let o = w * 64 + 63 - before.leading_zeros() as usize;
            mark(&mut self.canonical[..], &mut self.skip, o, c);
        }
    }

    /// Writes the key: the canonical line's bytes that are not skipped.
    fn write_key(&mut self, n: usize) {
        let words = n.div_ceil(64);
        // The kept run from `from`; the skipped bytes at or after it in word `k`.
        let (mut j, mut from, mut k) = (0, 0, 0);
        let mut skipped = self.skip[0];
        loop {
            while skipped == 0 {
                k += 1;
                if k >= words {
                    self.len = self.copy(from, n, j);
                    return;
                }
                skipped = self.skip[k];
            }
            let a = k * 64 + skipped.trailing_zeros() as usize;
            j = self.copy(from, a, j);
            // The run of skipped bytes from `a` ends at the first byte kept
            // (there is one: the line ends with `}`).
            let mut kept = !self.skip[k] & (!0u64 << (a % 64));
            while kept == 0 {
                k += 1;
                kept = !self.skip[k];
            }
            from = k * 64 + kept.trailing_zeros() as usize;
            skipped = self.skip[k] & (!0u64 << (from % 64));
        }
    }

    /// Copies `canonical[from..to]` to `key[j..]` sixteen bytes at a time (the
    /// bytes past `to` are overwritten later or past the key); returns the
    /// key's new end.
    #[inline]
    fn copy(&mut self, from: usize, to: usize, j: usize) -> usize {
        let (mut i, mut o) = (from, j);
        while i < to {
            let w: [u8; 16] = self.canonical[i..i + 16].try_into().expect("16 bytes");
            self.key[o..o + 16].copy_from_slice(&w);
            i += 16;
            o += 16;
        }
        j + (to - from)
    }
}

/// The first quote at or after `from` (there is one: a string opened before
/// `from` is closed, the line's quotes are balanced).
#[inline]
fn next_quote(quote: &[u64; WORDS], from: usize) -> usize {
    let mut w = from / 64;
    let mut bits = quote[w] & (!0u64 << (from % 64));
    while bits == 0 {
        w += 1;
        bits = quote[w];
    }
    w * 64 + bits.trailing_zeros() as usize
}

/// A value byte: a hex digit or one of `. - _ + x X`.
#[inline]
fn is_value(b: u8) -> bool {
    b.is_ascii_hexdigit() || matches!(b, b'.' | b'-' | b'_' | b'+' | b'x' | b'X')
}

/// A mask of the low `n` bytes of 16 (all of them from 16 on).
#[inline]
fn low_bytes(n: usize) -> u128 {
    if n >= 16 { !0 } else { (1u128 << (8 * n)) - 1 }
}

/// Marks the string quoted at `o` and `c`: `MARK` on its first content byte,
/// the rest skipped.
#[inline]
fn mark(canonical: &mut [u8], skip: &mut [u64; WORDS], o: usize, c: usize) {
    canonical[o + 1] = MARK;
    if c > o + 2 {
        set_range(skip, o + 2, c);
    }
}

/// A 64-byte block of a buffer.
fn sixty_four(b: &mut [u8]) -> &mut [u8; 64] {
    b.try_into().expect("64 bytes")
}

/// Sets bits `a..b` of `v` (`a < b`).
#[inline]
fn set_range(v: &mut [u64], a: usize, b: usize) {
    let (first, last) = (a / 64, (b - 1) / 64);
    let from = !0u64 << (a % 64);
    let to = !0u64 >> (63 - (b - 1) % 64);
    if first == last {
        v[first] |= from & to;
        return;
    }
    v[first] |= from;
    let mut w = first + 1;
    while w < last {
        v[w] = !0;
        w += 1;
    }
    v[last] |= to;
}

/// Two 64-bit hashes of `key[..len]` in one pass (the bytes up to the next
/// multiple of 16 are read): by AES rounds where `aes` (`pattern::aes_hash`),
/// else two lanes of foldhash's folded multiply over its
/// 16-byte blocks, each lane with its own seed and constant. Each constant
/// holds a byte 0x09, which no key holds (no byte below 0x20 but `MARK` and
/// the zeros past its end), so no block of a key cancels one and resets its lane.
fn key_hashes(key: &[u8], len: usize, aes: bool) -> (u64, u64) {
    #[cfg(target_arch = "x86_64")]
    if aes {
        // SAFETY: `aes` is true only when the CPU has AVX2 and AES
        // (`aes_available`).
        #[allow(unsafe_code)]
        return unsafe { crate::pattern::aes_hash::hashes(key, len) };
    }
    let _ = aes;
    const SEEDS: [u64; 2] = [0x243f_6a88_85a3_08d3, 0x1319_8a2e_0370_7344];
    const BLOCK: [u64; 2] = [0xa409_3822_299f_31d0, 0x8a2e_0370_7344_a409];
    const LAST: [u64; 2] = [0xc0ac_29b7_c97c_50dd, 0xbe54_66cf_34e9_0c6c];
    let (mut s0, mut s1) = (SEEDS[0], SEEDS[1]);
    let mut absorb = |x: u128| {
        let (a, b) = (x as u64, (x >> 64) as u64);
        s0 = folded_multiply(a ^ s0, b ^ BLOCK[0]);
        s1 = folded_multiply(a ^ s1, b ^ BLOCK[1]);
    };
    let block = |i: usize| u128::from_le_bytes(key[i..i + 16].try_into().expect("16 bytes"));
    let whole = len / 16 * 16;
    for i in (0..whole).step_by(16) {
        absorb(block(i));
    }
    if len > whole {
        absorb(block(whole) & low_bytes(len - whole));
    }
    let len = len as u64;
    (
        folded_multiply(s0 ^ len, LAST[0]),
        folded_multiply(s1 ^ len, LAST[1]),
    )
}

/// Whether keys are hashed by AES rounds on this CPU (`pattern::aes_hash`).
fn aes_available() -> bool {
    #[cfg(target_arch = "x86_64")]
    return crate::pattern::aes_hash::available();
    #[cfg(not(target_arch = "x86_64"))]
    false
}

/// The high and low halves of the 128-bit product, XORed (foldhash's mixer).
#[inline]
fn folded_multiply(x: u64, y: u64) -> u64 {
    let p = u128::from(x) * u128::from(y);
    (p as u64) ^ ((p >> 64) as u64)
}

/// JSON lines' keys, as the worker's cache (`pattern::cache`) looks them up: a
/// line whose key was seen with a masked text holding no digit
/// (`key_stands_for`) takes that text without being scanned or masked.
///
/// A key is known by its two hashes (`LineKey::hashes`), 128 bits (the
/// miner's exact table trusts 64): comparing the key's bytes instead read them
/// from memory long out of cache, which cost more than a second hash.
#[derive(Default)]
pub struct JsonKeys {
    line_key: LineKey,
    pub looks: usize,
    pub hits: usize,
}

impl JsonKeys {
    /// Lines after which a chunk checks that keys pay.
    pub const TRIAL: usize = 4096;

    /// The two hashes of `line`'s key; None when no key vouches for the line.
    pub fn hashes(&mut self, line: &[u8]) -> Option<(u64, u64)> {
        self.looks += 1;
        self.line_key.hashes(line)
    }

    /// At least one look-up in eight found its line: a key costs about an
    /// eighth of scanning and masking a line.
    pub fn pays(&self) -> bool {
        self.hits * 8 >= self.looks
    }
}

/// Whether a line's key may stand for its masked text `masked`: when the text
/// holds no digit (the module's guarantee).
pub fn key_stands_for(masked: &Masked) -> bool {
    // Without stopping early: the compiler makes it a vector loop.
    !masked
        .text
        .iter()
        .fold(false, |d, b| d | b.is_ascii_digit())
}

#[cfg(test)]
mod tests;
