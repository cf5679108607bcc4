//! Online template mining in the manner of Drain: masked token sequences are
//! bucketed by length, first token and their words (with positions), and a line joins the most similar
//! template of its bucket when at least half its tokens agree and every token
//! that differs is a value on both sides (holds `<*>`, `=`, `/` or a quote; the
//! positions that differ become `<*>`) calling the same name if both call
//! one (`close(<*>)`, `called`); otherwise it starts a template. Words
//! that differ (`Resumed`/`Started`, `GET`/`POST`) keep templates apart: the
//! masking already took out what varies from line to line. An exact-match
//! table in front answers the common case (a masked line seen before) with one
//! hash lookup.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};

use super::mask::{Masked, WILD, mask_into};

/// A line joins a template when at least this share of its tokens agree.
pub const SIMILARITY: f64 = 0.5;

pub(super) type Fast = foldhash::fast::FixedState;

/// For maps keyed by a `hash` already computed: the key is its own hash.
pub(super) type Prehashed = std::hash::BuildHasherDefault<KeyIsHash>;

#[derive(Default)]
pub(super) struct KeyIsHash(u64);

impl Hasher for KeyIsHash {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `u64` keys are hashed with it; any other key still works.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, h: u64) {
        self.0 = h;
    }
}

/// One template: its tokens (`<*>` where the lines differ) and how many lines joined it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    /// The tokens joined by single spaces: one allocation, not one a token.
    text: Vec<u8>,
    tokens: Vec<Token>,
    pub count: u64,
}

/// A template token's bounds in its text and whether it is a value
/// (`is_value`): kept, as a bucket scan asks it of every differing token, and
/// a token that is a value stays one when it generalises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Token {
    start: u32,
    end: u32,
    value: bool,
}

impl Template {
    /// A template holding the line's tokens, joined by single spaces.
    fn of(m: &Masked, values: &[bool], count: u64) -> Template {
        let mut t = Template {
            text: Vec::with_capacity(m.text.len()),
            tokens: Vec::with_capacity(m.len()),
            count,
        };
        for (k, &value) in values.iter().enumerate() {
            t.push(m.token(k), value);
        }
        t
    }

    fn push(&mut self, tok: &[u8], value: bool) {
        if !self.tokens.is_empty() {
            self.text.push(b' ');
        }
        let start = self.text.len() as u32;
        self.text.extend_from_slice(tok);
        let end = self.text.len() as u32;
        self.tokens.push(Token { start, end, value });
    }

    pub fn text(&self) -> String {
        // Tokens are joined by an ASCII space, which always ends an invalid
        // UTF-8 sequence: the same as converting each token and joining.
        String::from_utf8_lossy(&self.text).into_owned()
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    pub fn token(&self, k: usize) -> &[u8] {
        let t = self.tokens[k];
        &self.text[t.start as usize..t.end as usize]
    }

    /// Takes line `m`, which fits and differs at the positions `diff` (all
    /// values): each generalises.
    fn join(&mut self, m: &Masked, count: u64, diff: &[u32], kept: &mut Kept) {
        self.count += count;
        let mut changed: Option<Vec<Vec<u8>>> = None;
        for &k in diff {
            let k = k as usize;
            let a = self.token(k);
            // Many values are `<*>` already: no change.
            if a == WILD {
                continue;
            }
            let b = m.token(k);
            let pair = Kept::pair(a, b);
            if kept.has(pair) {
                continue;
            }
            match generalized(a, b) {
                Some(g) => changed.get_or_insert_with(|| vec![Vec::new(); m.len()])[k] = g,
                None => kept.add(pair),
            }
        }
        if let Some(new) = changed {
            let old = std::mem::replace(
                self,
                Template {
                    text: Vec::with_capacity(self.text.len()),
                    tokens: Vec::with_capacity(self.tokens.len()),
                    count: self.count,
                },
            );
            for (k, g) in new.iter().enumerate() {
                let tok = if g.is_empty() { old.token(k) } else { g };
                self.push(tok, old.tokens[k].value);
            }
        }
    }
}

#[derive(Debug, Default, Clone)]
pub struct Miner {
    pub templates: Vec<Template>,
    buckets: HashMap<(usize, u64, u64), Vec<u32>, Fast>,
    exact: HashMap<u64, u32, Prehashed>,
    scratch: Masked,
    /// Whether each token of the line being added is a value.
    values: Vec<bool>,
    /// Where a template differs from the line: the one scanned, the best.
    diffs: (Vec<u32>, Vec<u32>),
    kept: Kept,
}

/// Pairs of a template's value and a line's that generalise to the
/// template's value as it is, by their hashes: most joins bring a value seen
/// before (slog's `source={"function":…}` of a few call sites), and cutting
/// both into pieces (`by_pieces`) cost ten times hashing them.
#[derive(Debug, Clone)]
struct Kept(Box<[u64]>);

impl Default for Kept {
    fn default() -> Kept {
        Kept(vec![0; Kept::SLOTS].into_boxed_slice())
    }
}

impl Kept {
    const SLOTS: usize = 4096;

    /// The pair's hash: never 0, the empty slot.
    fn pair(a: &[u8], b: &[u8]) -> u64 {
        (hash(a) ^ hash(b).rotate_left(29)) | 1
    }

    fn slot(pair: u64) -> usize {
        (pair >> 52) as usize % Kept::SLOTS
    }

    fn has(&self, pair: u64) -> bool {
        self.0[Kept::slot(pair)] == pair
    }

    fn add(&mut self, pair: u64) {
        self.0[Kept::slot(pair)] = pair;
    }
}

pub(super) fn hash(b: &[u8]) -> u64 {
    Fast::default().hash_one(b)
}

impl Miner {
    pub fn new() -> Miner {
        Miner::default()
    }

    /// Adds a message (the text after timestamp and level); returns its template id.
    pub fn add(&mut self, msg: &[u8]) -> u32 {
        let mut m = std::mem::take(&mut self.scratch);
        mask_into(msg, &mut m);
        let id = self.add_masked(&m, 1);
        self.scratch = m;
        id
    }

    /// Counts one more line of template `id` (a message seen before).
    pub fn seen_again(&mut self, id: u32) {
        self.templates[id as usize].count += 1;
    }

    /// Adds an already masked token sequence seen `count` times.
    pub fn add_masked(&mut self, m: &Masked, count: u64) -> u32 {
        self.add_hashed(m, hash(&m.text), count)
    }

    /// `add_hashed` of a text this miner met before, by its hash alone: its
    /// template, `count` added to it; None for a text never met.
    #[inline]
    pub(super) fn add_known(&mut self, h: u64, count: u64) -> Option<u32> {
        let id = *self.exact.get(&h)?;
        self.templates[id as usize].count += count;
        Some(id)
    }

    /// `add_masked` of a text whose `hash` the caller has.
    pub(super) fn add_hashed(&mut self, m: &Masked, h: u64, count: u64) -> u32 {
        self.add_known(h, count)
            .unwrap_or_else(|| self.add_new(m, h, count))
    }

    /// `add_hashed` of a text `add_known` did not know.
    pub(super) fn add_new(&mut self, m: &Masked, h: u64, count: u64) -> u32 {
        let first = if m.is_empty() || has_wild(m.token(0)) {
            0
        } else {
            hash(m.token(0))
        };
        // A template can take a line only if both hold the same word at every
        // position where either holds one (a word never generalises), so lines
        // are bucketed by their words and the words' positions too: exact, and
        // a line whose first token is masked (`host<*>`) no longer scans every
        // template of its length.
        let mut words = Fast::default().build_hasher();
        let mut values = std::mem::take(&mut self.values);
        values.clear();
        for k in 0..m.len() {
            let t = m.token(k);
            let value = is_value(t);
            values.push(value);
            if !value {
                words.write_usize(k);
                words.write(t);
            }
        }
        let word = words.finish();
        let key = (m.len(), first, word);
        // The positions where the best template differs, kept for the join.
        let (mut diff, mut best_diff) = std::mem::take(&mut self.diffs);
        best_diff.clear();
        let best = self.buckets.get(&key).and_then(|ids| {
            let mut best: Option<(u32, usize)> = None;
            for &id in ids {
                let t = &self.templates[id as usize];
                let mut ok = true;
                diff.clear();
                for (k, &value) in values.iter().enumerate() {
                    // Equal tokens are both values or both words; a word
                    // must be equal, a value may differ.
                    if !same_bytes(t.token(k), m.token(k)) {
                        if !(value && t.tokens[k].value) {
                            ok = false;
                            break;
                        }
                        diff.push(k as u32);
                    }
                }
                let same = m.len() - diff.len();
                // Asked only of a template that would be the best: most
                // scans end on a word.
                if ok
                    && best.is_none_or(|(_, s)| same > s)
                    && !diff
                        .iter()
                        .any(|&k| calls_another(t.token(k as usize), m.token(k as usize)))
                {
                    best = Some((id, same));
                    std::mem::swap(&mut diff, &mut best_diff);
                }
            }
            best.filter(|&(_, s)| s as f64 >= SIMILARITY * m.len() as f64)
        });
        let id = match best {
            Some((id, _)) => {
                self.templates[id as usize].join(m, count, &best_diff, &mut self.kept);
                id
            }
            None => {
                let id = self.templates.len() as u32;
                self.templates.push(Template::of(m, &values, count));
                self.buckets.entry(key).or_default().push(id);
                id
            }
        };
        self.diffs = (diff, best_diff);
        self.values = values;
        self.exact.insert(h, id);
        id
    }
}

/// `a == b`, without a call to `memcmp` for the short tokens of a line.
#[inline]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let (mut a8, mut b8) = (a.chunks_exact(8), b.chunks_exact(8));
    for (x, y) in (&mut a8).zip(&mut b8) {
        let word = |w: &[u8]| u64::from_ne_bytes(w.try_into().unwrap_or([0; 8]));
        if word(x) != word(y) {
            return false;
        }
    }
    a8.remainder()
        .iter()
        .zip(b8.remainder())
        .all(|(x, y)| x == y)
}

/// Do two values call different names (`called`)? Only when both call
/// one: ntpd's `synchronized to LOCAL(<*>), stratum <*>` is a value where
/// others have an address (`<*>,`), and joins them.
fn calls_another(a: &[u8], b: &[u8]) -> bool {
    matches!((called(a), called(b)), (Some(x), Some(y)) if x != y)
}

/// The name a value calls, when it starts with one and the `(` of what it
/// was called with (strace's `close(<*>)`, `wait4(<*>,`, a frame's
/// `pkg.Type.run(<*>)`): a letter or `_`, then letters, digits, `_`, `.`
/// and masked digits' `<*>`. Two values that call different names are
/// different events, whatever their arguments: `close(<*>)` and `fsync(<*>)`
/// never join into `<*>(<*>)`. A user agent's `Mozilla/<*>+(…)` calls
/// nothing.
fn called(t: &[u8]) -> Option<&[u8]> {
    if !t
        .first()
        .is_some_and(|&b| b.is_ascii_alphabetic() || b == b'_')
    {
        return None;
    }
    let end = t.iter().position(|&b| {
        !(b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'<' | b'*' | b'>'))
    })?;
    (t[end] == b'(').then(|| &t[..end])
}

/// Holds `<*>`.
fn has_wild(t: &[u8]) -> bool {
    t.windows(3).any(|w| w == WILD)
}

/// A token that may vary between lines of one template: quoted, or holding
/// `<*>`, `=` or `/`. One pass over the token.
fn is_value(t: &[u8]) -> bool {
    if let [a @ (b'"' | b'\''), .., b] = t
        && a == b
    {
        return true;
    }
    let (mut p2, mut p1) = (0u8, 0u8);
    for &b in t {
        if b == b'=' || b == b'/' || (b == b'>' && p1 == b'*' && p2 == b'<') {
            return true;
        }
        (p2, p1) = (p1, b);
    }
    false
}

/// Two values at one position: of one shape (`pieces`), each piece where
/// they differ is `<*>` (`req={"path":"<*>","status":<*>}`, `user=<*>`);
/// else what they share up to a `=` stays (`name=<*>`).
#[cfg(test)]
fn generalize(a: &[u8], b: &[u8]) -> Vec<u8> {
    generalized(a, b).unwrap_or_else(|| a.to_vec())
}

/// `generalize(a, b)`, None when that is `a` as it is: most joins leave a
/// template's values as they are, and then nothing is allocated.
fn generalized(a: &[u8], b: &[u8]) -> Option<Vec<u8>> {
    match by_pieces(a, b, None) {
        Some(false) => None,
        Some(true) => {
            let mut g = Vec::with_capacity(a.len());
            by_pieces(a, b, Some(&mut g));
            Some(g)
        }
        None => {
            let keep = generalized_keeps(a, b);
            (a.len() != keep + WILD.len() || a[keep..] != *WILD)
                .then(|| [&a[..keep], WILD].concat())
        }
    }
}

/// Walks two values cut at their structure: the delimiters `{ } [ ] ( ) , :
/// =` outside quotes and the quotes themselves, and the pieces between them.
/// A quoted string's content is one piece whatever it holds
/// (`"/ok?user=alice"`), so a nested value (`req={"path":"/ok","status":<*>}`)
/// is its fields' keys and values, and two values of one shape generalise
/// piece by piece (`root(uid=<*>)` and `alice(uid=<*>)` make
/// `<*>(uid=<*>)`). None when the shapes differ or a quote is not closed (a
/// quoted value that spaces cut into tokens: `request="GET`); else whether
/// a piece of `a` that is not `<*>` differs from `b`'s. `out` takes `a`
/// generalised.
fn by_pieces(a: &[u8], b: &[u8], mut out: Option<&mut Vec<u8>>) -> Option<bool> {
    let (mut i, mut j, mut quoted, mut changed) = (0, 0, false, false);
    loop {
        let (ea, da) = piece(a, i, quoted)?;
        let (eb, db) = piece(b, j, quoted)?;
        if da != db {
            return None;
        }
        let (x, y) = (&a[i..ea], &b[j..eb]);
        let same = x == y || x == WILD;
        changed |= !same;
        if let Some(g) = out.as_deref_mut() {
            g.extend_from_slice(if same { x } else { WILD });
            g.extend(da);
        }
        match da {
            None => return Some(changed),
            Some(d) => {
                quoted ^= d == b'"';
                (i, j) = (ea + 1, eb + 1);
            }
        }
    }
}

/// The piece of `t` from `from` (a quoted string's content when `quoted`):
/// its end and the delimiter there, None at the token's end; None when a
/// quote is not closed.
#[inline]
fn piece(t: &[u8], from: usize, quoted: bool) -> Option<(usize, Option<u8>)> {
    let mut i = from;
    if quoted {
        loop {
            i += memchr::memchr2(b'"', b'\\', t.get(i..)?)?;
            if t[i] == b'"' {
                return Some((i, Some(b'"')));
            }
            i += 2;
        }
    }
    while let Some(&c) = t.get(i) {
        if DELIMITER[usize::from(c)] {
            return Some((i, Some(c)));
        }
        i += 1;
    }
    Some((t.len(), None))
}

/// The bytes that cut a value into pieces outside quotes (`by_pieces`).
static DELIMITER: [bool; 256] = {
    let mut d = [false; 256];
    let mut k = 0;
    let bytes = *b"\"{}[](),:=";
    while k < bytes.len() {
        d[bytes[k] as usize] = true;
        k += 1;
    }
    d
};

/// How much of `a` generalising `a` and `b` keeps before its `<*>`, when
/// their shapes differ: what they share up to a `=` (`name=<*>`).
fn generalized_keeps(a: &[u8], b: &[u8]) -> usize {
    let common = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    a[..common]
        .iter()
        .rposition(|&c| c == b'=')
        .map_or(0, |p| p + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_of_one_shape_generalise_piece_by_piece() {
        let g =
            |a: &str, b: &str| String::from_utf8(generalize(a.as_bytes(), b.as_bytes())).unwrap();
        // A nested value: only the fields that differ.
        assert_eq!(
            g(
                r#"req={"path":"/ok","status":<*>}"#,
                r#"req={"path":"/slow","status":<*>}"#
            ),
            r#"req={"path":"<*>","status":<*>}"#
        );
        // A quoted string is one piece, whatever delimiters it holds.
        assert_eq!(
            g(
                r#"req={"path":"<*>","n":1}"#,
                r#"req={"path":"/a?b=c,d","n":1}"#
            ),
            r#"req={"path":"<*>","n":1}"#
        );
        assert_eq!(g(r#"q="a\"b""#, r#"q="c""#), r#"q="<*>""#);
        // Quotes and trailing punctuation stay.
        assert_eq!(g(r#"tag="wifi","#, r#"tag="gps","#), r#"tag="<*>","#);
        assert_eq!(g("root(uid=<*>)", "alice(uid=<*>)"), "<*>(uid=<*>)");
        assert_eq!(g("user=alice", "user=bob"), "user=<*>");
        // Shapes that differ: what they share up to a `=`.
        assert_eq!(
            g(r#"req={"path":"/ok"}"#, r#"req={"shard":<*>,"n":<*>}"#),
            "req=<*>"
        );
        assert_eq!(g("/var/log/x", "/tmp/y"), "<*>");
        // An unclosed quote (a quoted value cut by spaces) has no shape.
        assert_eq!(g(r#"request="GET"#, r#"request="POST"#), "request=<*>");
        // Generalising again with a value of the same shape changes nothing.
        let once = g(
            r#"req={"path":"/ok","status":<*>}"#,
            r#"req={"path":"/x","status":<*>}"#,
        );
        assert_eq!(g(&once, r#"req={"path":"/y","status":<*>}"#), once);
    }

    #[test]
    fn lines_differing_in_variables_share_a_template() {
        let mut m = Miner::new();
        let a = m.add(b"ws reconnect attempt 41 to 10.0.0.1:443");
        let b = m.add(b"ws reconnect attempt 42 to 10.0.0.2:443");
        let c = m.add(b"login user=alice from=/dev/pts accepted");
        let d = m.add(b"login user=bob from=/dev/tty accepted");
        let e = m.add(b"disk full on /var/lib");
        assert_eq!((a, c), (b, d));
        assert_ne!(a, c);
        assert_ne!(c, e);
        assert_eq!(
            m.templates[a as usize].text(),
            "ws reconnect attempt <*> to <*>"
        );
        assert_eq!(
            m.templates[c as usize].text(),
            "login user=<*> from=<*> accepted"
        );
        // Words that differ are different events.
        assert_ne!(
            m.add(b"VM Resumed (Lifecycle Event)"),
            m.add(b"VM Paused (Lifecycle Event)")
        );
        // So are values that call different names; a value calling one
        // joins one that calls none.
        let close = m.add(b"close(5) = 0");
        assert_ne!(close, m.add(b"fsync(6) = 0"));
        assert_eq!(close, m.add(b"close(4) = 0"));
        let ntp = m.add(b"synchronized to 10.100.18.250, stratum 3");
        assert_eq!(ntp, m.add(b"synchronized to LOCAL(0), stratum 10"));
        assert_eq!(m.templates[c as usize].count, 2);
    }
}

#[cfg(test)]
mod reference {
    use super::*;
    use crate::pattern::mask::Masked;

    /// `is_value` as first written: three scans.
    fn value_plainly(t: &[u8]) -> bool {
        let quoted = t.len() >= 2 && matches!(t[0], b'"' | b'\'') && t[t.len() - 1] == t[0];
        quoted || t.windows(3).any(|w| w == WILD) || t.iter().any(|&b| matches!(b, b'=' | b'/'))
    }

    #[test]
    fn is_value_reads_as_the_three_scans() {
        let alphabet = b"ab=/<*>\"' 0";
        let mut rng = crate::test_rng::XorShift(0x9e37_79b9_7f4a_7c15);
        for _ in 0..200_000 {
            let len = rng.below(9) as usize;
            let t: Vec<u8> = (0..len)
                .map(|_| alphabet[rng.below(alphabet.len() as u64) as usize])
                .collect();
            assert_eq!(
                is_value(&t),
                value_plainly(&t),
                "{:?}",
                String::from_utf8_lossy(&t)
            );
        }
        for t in [
            &b"<*>"[..],
            b"x<*>",
            b"<*",
            b"*>",
            b"\"",
            b"''",
            b"'a\"",
            b"a=b",
            b"/",
        ] {
            assert_eq!(is_value(t), value_plainly(t));
        }
    }

    /// Two values calling different names: each a letter or `_`, name bytes
    /// (masked digits' `<*>` among them), then `(`.
    fn two_calls(a: &[u8], b: &[u8]) -> bool {
        let name = |t: &[u8]| {
            let k = t.iter().position(|&b| b == b'(')?;
            let n = &t[..k];
            let ok = n
                .first()
                .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_')
                && n.iter()
                    .all(|&c| c.is_ascii_alphanumeric() || b"_.<*>".contains(&c));
            ok.then(|| n.to_vec())
        };
        matches!((name(a), name(b)), (Some(x), Some(y)) if x != y)
    }

    /// The miner's rule written plainly: every template scanned, no hashing.
    fn plain(lines: &[Vec<u8>]) -> Vec<u32> {
        let mut templates: Vec<(Vec<Vec<u8>>, Vec<u8>)> = Vec::new(); // tokens, bucket key
        let mut seen: Vec<(Vec<u8>, u32)> = Vec::new();
        let mut out = Vec::new();
        for line in lines {
            let mut m = Masked::default();
            mask_into(line, &mut m);
            if let Some((_, id)) = seen.iter().find(|(t, _)| *t == m.text) {
                out.push(*id);
                continue;
            }
            let toks: Vec<Vec<u8>> = (0..m.len()).map(|k| m.token(k).to_vec()).collect();
            let key = match toks.first() {
                Some(f) if !f.windows(3).any(|w| w == WILD) => f.clone(),
                _ => b"<wild>".to_vec(),
            };
            let mut best: Option<(usize, usize)> = None;
            for (id, (t, k)) in templates.iter().enumerate() {
                if t.len() != toks.len() || *k != key {
                    continue;
                }
                let fits = t.iter().zip(&toks).all(|(a, b)| {
                    a == b || value_plainly(a) && value_plainly(b) && !two_calls(a, b)
                });
                let same = t.iter().zip(&toks).filter(|(a, b)| a == b).count();
                if fits && 2 * same >= toks.len() && best.is_none_or(|(_, s)| same > s) {
                    best = Some((id, same));
                }
            }
            let id = match best {
                Some((id, _)) => {
                    let t = &mut templates[id].0;
                    for (a, b) in t.iter_mut().zip(&toks) {
                        if a != b {
                            *a = generalize(a, b);
                        }
                    }
                    id
                }
                None => {
                    templates.push((toks, key));
                    templates.len() - 1
                }
            };
            seen.push((m.text.clone(), id as u32));
            out.push(id as u32);
        }
        out
    }

    #[test]
    fn the_miner_matches_a_plain_scan() {
        let words: [&[u8]; 17] = [
            b"close(5)",
            b"fsync(6)",
            b"LOCAL(0),",
            b"open",
            b"close",
            b"user=alice",
            b"user=bob",
            b"/var/log/x",
            b"/tmp/y",
            b"42",
            b"0x1f",
            b"\"quoted\"",
            b"conn",
            b"from",
            b"10.0.0.1:80",
            b"GET",
            b"ok",
        ];
        let mut rng = crate::test_rng::XorShift(0x2545_f491_4f6c_dd1d);
        let mut next = |n: u64| rng.below(n) as usize;
        for _ in 0..50 {
            let lines: Vec<Vec<u8>> = (0..400)
                .map(|_| {
                    let len = 1 + next(6);
                    let toks: Vec<&[u8]> = (0..len).map(|_| words[next(17)]).collect();
                    toks.join(&b' ')
                })
                .collect();
            let mut miner = Miner::new();
            let fast: Vec<u32> = lines.iter().map(|l| miner.add(l)).collect();
            assert_eq!(fast, plain(&lines));
            assert!(
                miner
                    .templates
                    .iter()
                    .any(|t| t.count > 1 && (0..t.len()).any(|k| t.token(k) == WILD))
            );
        }
    }
}
