//! A chunk's records reduced to their masked texts: mining's first phase,
//! run on every core. Which text a record masks to is a function of the record
//! alone, so however a worker found it (masking the record, or a key it met in
//! an earlier chunk) the chunk's result is the same; only the second phase, one
//! miner taking each chunk's texts in file order, depends on order.
//!
//! A text the worker already handed over in a chunk earlier in the file is
//! *known*: the chunk holds its hash alone, not its bytes again, and the fold,
//! which took that earlier chunk first, finds it in its miner's exact table.

use std::collections::HashMap;

use super::mask::Masked;
use super::miner::{self, Prehashed};
use crate::time::Nanos;

/// One chunk's distinct masked texts in the order the chunk first met them,
/// and each record's text.
#[derive(Debug, Default, PartialEq)]
pub(super) struct ChunkTexts {
    /// Each record's text: an index into `texts`.
    pub ids: Vec<u32>,
    pub texts: Texts,
    /// Each text's records in the chunk and their (earliest, latest) time,
    /// `Seen::NONE`'s until one has a time.
    pub seen: Vec<Seen>,
    /// A text's `miner::hash` → its index (the miner's exact table trusts the
    /// same 64 bits).
    by_hash: HashMap<u64, u32, Prehashed>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Seen {
    pub count: u64,
    pub first: Nanos,
    pub last: Nanos,
}

impl Seen {
    /// No record yet: any time is below `first` and above `last`.
    pub const NONE: Seen = Seen {
        count: 0,
        first: Nanos::MAX,
        last: Nanos::MIN,
    };

    /// One more record, at `time`.
    #[inline]
    pub fn add(&mut self, time: Option<Nanos>) {
        self.count += 1;
        if let Some(t) = time {
            self.first = self.first.min(t);
            self.last = self.last.max(t);
        }
    }

    /// The records `other` counted too.
    pub fn merge(&mut self, other: &Seen) {
        self.count += other.count;
        self.first = self.first.min(other.first);
        self.last = self.last.max(other.last);
    }

    /// The span, None when no record had a time.
    pub fn span(&self) -> (Option<Nanos>, Option<Nanos>) {
        if self.first <= self.last {
            (Some(self.first), Some(self.last))
        } else {
            (None, None)
        }
    }
}

impl ChunkTexts {
    pub fn with_capacity(records: usize) -> ChunkTexts {
        ChunkTexts {
            ids: Vec::with_capacity(records),
            ..ChunkTexts::default()
        }
    }

    /// The index of masked text `m`, added if the chunk has not met it.
    #[inline]
    pub fn of_masked(&mut self, m: &Masked) -> u32 {
        self.of_parts(&m.text, &m.tokens, miner::hash(&m.text))
    }

    /// `of_masked` of a masked text given as its bytes, its tokens and its
    /// `miner::hash` `h`.
    #[inline]
    pub fn of_parts(&mut self, text: &[u8], tokens: &[(u32, u32)], h: u64) -> u32 {
        self.index_of(h, |t| t.push(text, tokens, h))
    }

    /// `of_parts` of a known text (the module's doc), by its `miner::hash`
    /// alone.
    #[inline]
    pub fn of_known(&mut self, h: u64) -> u32 {
        self.index_of(h, |t| t.push_known(h))
    }

    /// The index of the text hashed `h`; `push` adds it to `texts` when the
    /// chunk has not met it.
    #[inline]
    fn index_of(&mut self, h: u64, push: impl FnOnce(&mut Texts)) -> u32 {
        let next = self.seen.len() as u32;
        let k = *self.by_hash.entry(h).or_insert(next);
        if k == next {
            push(&mut self.texts);
            self.seen.push(Seen::NONE);
        }
        k
    }

    /// Text `k`'s `miner::hash`.
    pub fn hash(&self, k: u32) -> u64 {
        self.texts.hash(k as usize)
    }

    /// The chunk with each known text's bytes put back from `handed` (by
    /// hash): what it would hold had its worker met nothing before.
    #[cfg(test)]
    pub fn resolved(&self, handed: &HashMap<u64, (usize, Masked)>) -> ChunkTexts {
        let mut out = ChunkTexts::with_capacity(self.ids.len());
        let mut m = Masked::default();
        for k in 0..self.texts.len() {
            let h = self.texts.get(k, &mut m);
            let m = if self.texts.is_known(k) {
                &handed[&h].1
            } else {
                &m
            };
            out.of_parts(&m.text, &m.tokens, h);
        }
        out.ids.clone_from(&self.ids);
        out.seen.clone_from(&self.seen);
        out
    }

    /// More records of text `k`, counted elsewhere (`cache::MaskedCache::hit`).
    pub fn add_seen(&mut self, k: u32, seen: &Seen) {
        self.seen[k as usize].merge(seen);
    }

    /// The next record's text is `k`, its time `time`.
    #[inline]
    pub fn record(&mut self, k: u32, time: Option<Nanos>) {
        self.ids.push(k);
        self.seen[k as usize].add(time);
    }
}

/// Masked texts one after another in two flat buffers (no allocation a text),
/// each with its `miner::hash`.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Texts {
    bytes: Vec<u8>,
    /// Token bounds, each relative to its text's start.
    tokens: Vec<(u32, u32)>,
    /// Each text's end in `bytes` and in `tokens`, and its hash.
    ends: Vec<(usize, usize, u64)>,
    /// Which texts are known (the module's doc): held by their hash alone.
    known: Vec<bool>,
}

impl Texts {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    fn push(&mut self, text: &[u8], tokens: &[(u32, u32)], h: u64) {
        self.bytes.extend_from_slice(text);
        self.tokens.extend_from_slice(tokens);
        self.ends.push((self.bytes.len(), self.tokens.len(), h));
        self.known.push(false);
    }

    fn push_known(&mut self, h: u64) {
        self.ends.push((self.bytes.len(), self.tokens.len(), h));
        self.known.push(true);
    }

    /// Is text `k` known, held by its hash alone?
    pub fn is_known(&self, k: usize) -> bool {
        self.known[k]
    }

    /// Text `k`'s hash.
    pub fn hash(&self, k: usize) -> u64 {
        self.ends[k].2
    }

    /// Text `k` into `out` (empty for a known text); its hash.
    pub fn get(&self, k: usize, out: &mut Masked) -> u64 {
        let (a, ta) = k
            .checked_sub(1)
            .map_or((0, 0), |j| (self.ends[j].0, self.ends[j].1));
        let (b, tb, h) = self.ends[k];
        out.text.clear();
        out.text.extend_from_slice(&self.bytes[a..b]);
        out.tokens.clear();
        out.tokens.extend_from_slice(&self.tokens[ta..tb]);
        h
    }
}
