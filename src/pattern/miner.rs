//! Online template mining in the manner of Drain: masked token sequences are
//! bucketed by length, first token and their words (with positions), and a line joins the most similar
//! template of its bucket when at least half its tokens agree and every token
//! that differs is a value on both sides (holds `<*>`, `=`, `/` or a quote; the
//! positions that differ become `<*>`); otherwise it starts a template. Words
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

/// One template: its tokens (`<*>` where the lines differ) and how many lines joined it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub tokens: Vec<Vec<u8>>,
    pub count: u64,
}

impl Template {
    pub fn text(&self) -> String {
        let v: Vec<String> = self
            .tokens
            .iter()
            .map(|t| String::from_utf8_lossy(t).into_owned())
            .collect();
        v.join(" ")
    }
}

#[derive(Debug, Default)]
pub struct Miner {
    pub templates: Vec<Template>,
    buckets: HashMap<(usize, u64, u64), Vec<u32>, Fast>,
    exact: HashMap<u64, u32, Fast>,
    scratch: Masked,
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
        let h = hash(&m.text);
        if let Some(&id) = self.exact.get(&h) {
            self.templates[id as usize].count += count;
            return id;
        }
        let first = if m.is_empty() || m.token(0).windows(3).any(|w| w == WILD) {
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
        for k in 0..m.len() {
            let t = m.token(k);
            if !is_value(t) {
                words.write_usize(k);
                words.write(t);
            }
        }
        let word = words.finish();
        let key = (m.len(), first, word);
        let best = self.buckets.get(&key).and_then(|ids| {
            let mut best: Option<(u32, usize)> = None;
            for &id in ids {
                let t = &self.templates[id as usize];
                let mut same = 0;
                let mut ok = true;
                for k in 0..m.len() {
                    if t.tokens[k] == m.token(k) {
                        same += 1;
                    } else if !(is_value(&t.tokens[k]) && is_value(m.token(k))) {
                        ok = false;
                        break;
                    }
                }
                if ok && best.is_none_or(|(_, s)| same > s) {
                    best = Some((id, same));
                }
            }
            best.filter(|&(_, s)| s as f64 >= SIMILARITY * m.len() as f64)
        });
        let id = match best {
            Some((id, _)) => {
                let t = &mut self.templates[id as usize];
                for k in 0..m.len() {
                    if t.tokens[k] != m.token(k) {
                        t.tokens[k] = generalize(&t.tokens[k], m.token(k));
                    }
                }
                t.count += count;
                id
            }
            None => {
                let id = self.templates.len() as u32;
                self.templates.push(Template {
                    tokens: (0..m.len()).map(|k| m.token(k).to_vec()).collect(),
                    count,
                });
                self.buckets.entry(key).or_default().push(id);
                id
            }
        };
        self.exact.insert(h, id);
        id
    }
}

/// A token that may vary between lines of one template.
fn is_value(t: &[u8]) -> bool {
    let quoted = t.len() >= 2 && matches!(t[0], b'"' | b'\'') && t[t.len() - 1] == t[0];
    quoted || t.windows(3).any(|w| w == WILD) || t.iter().any(|&b| matches!(b, b'=' | b'/'))
}

/// Two values at one position: what they share up to a `=` stays (`name=<*>`).
fn generalize(a: &[u8], b: &[u8]) -> Vec<u8> {
    let common = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let keep = a[..common]
        .iter()
        .rposition(|&c| c == b'=')
        .map_or(0, |p| p + 1);
    let mut v = a[..keep].to_vec();
    v.extend_from_slice(WILD);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(m.templates[c as usize].count, 2);
    }
}

#[cfg(test)]
mod reference {
    use super::*;
    use crate::pattern::mask::Masked;

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
                let fits = t
                    .iter()
                    .zip(&toks)
                    .all(|(a, b)| a == b || is_value(a) && is_value(b));
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
        let words: [&[u8]; 14] = [
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
                    let toks: Vec<&[u8]> = (0..len).map(|_| words[next(14)]).collect();
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
                    .any(|t| t.count > 1 && t.tokens.iter().any(|t| t == WILD))
            );
        }
    }
}
