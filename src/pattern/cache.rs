//! Masked texts remembered by key, across the chunks one worker mines.
//!
//! A key is any bytes that fix a record's masked text (a text line's
//! `mask::line_key`, a message, a message's `mask::digit_key`), looked up by
//! a hash the caller computes and checked by a second hash of it (`check`,
//! another seed, of which the table keeps 40 bits: 104 in all; comparing
//! the key's bytes read them from memory long out of the CPU's caches, a fifth
//! of the time `perf` sampled); keys of different meaning are told apart by a
//! `kind` the caller gives. An entry holds the masked text, so what one chunk
//! masked saves masking in every later chunk the worker mines. A chunk adds an
//! entry's text to its own list (`ChunkTexts`) the first time it meets it:
//! what masking the record would have given, so what a worker met before never
//! changes a chunk's result.
//!
//! Bounded (`Limits`): at most so many keys and bytes; once full it takes
//! nothing new (the keys met first are the common ones), and it is emptied
//! before the next chunk only if the last chunk found less than half its
//! lookups (the log changed).

use std::collections::HashMap;

use super::mask::Masked;
use super::miner::Prehashed;
pub(super) use super::slots::Found;
use super::slots::{MAX_ENTRIES, Slots, check_bits};
use super::texts::{ChunkTexts, Seen};
use crate::time::Nanos;

/// How much a cache holds at most.
#[derive(Debug, Clone, Copy)]
pub(super) struct Limits {
    /// Keys (each takes 32 bytes of the table: 16 a slot, half of them free).
    pub keys: usize,
    /// Masked texts' bytes.
    pub bytes: usize,
}

/// What all workers mining one source keep together: 256 Ki keys (a slot holds
/// a key's hashes, not its bytes: 8 MiB of table) and 32 MiB of masked texts
/// (entries are one per masked text: a few thousand in most logs, ~52,000 of
/// ~200 bytes in the nested JSON benchmark log, whose call sites, services and
/// messages vary independently: with 16 MiB each of two workers filled up and
/// masked 2.8% of its lines anew forever after), shared out evenly. The
/// look-ups' slots are prefetched two records ahead (`slots`), so a table bigger than the core's L2 costs little more than one that fits; while
/// look-ups waited on memory, 64 Ki keys did best (4× as many cost more CPU
/// time than they saved). On the 1 GiB logs, 64 Ki → 256 Ki → 512 Ki keys
/// left 2.82 M → 1.33 M → 0.95 M of the app log's 8.3 M lines to be keyed by
/// their message (`TextKeys`), and 288 k → 198 k → 198 k of the JSON log's
/// 5.9 M lines to be masked (docs/BENCHMARKS.md).
pub(super) fn limits(workers: usize) -> Limits {
    let w = workers.max(1);
    Limits {
        keys: (256 << 10) / w,
        bytes: (32 << 20) / w,
    }
}

/// Not met in this chunk yet.
const NONE: u32 = u32::MAX;

/// An entry in the chunk being mined: its text there, and the records found
/// by key that took it (their count and earliest and latest times), kept
/// here and given to the chunk at its end: a record found by key reads one
/// place, not this and then the chunk's count of the text (two dependent
/// reads that missed the caches, `perf` found, on a log of ~50,000 texts).
#[derive(Clone, Copy)]
#[repr(align(32))]
struct Local {
    k: u32,
    seen: Seen,
}

const UNMET: Local = Local {
    k: NONE,
    seen: Seen::NONE,
};

/// The seed of a key's second hash.
const SECOND: foldhash::fast::FixedState =
    foldhash::fast::FixedState::with_seed(0x3c6e_f372_fe94_f82b);

/// A key's second hash, as a found key's `check` holds it.
#[inline]
pub(super) fn check(key: &[u8]) -> u64 {
    use std::hash::BuildHasher;
    check_bits(SECOND.hash_one(key))
}

/// A second hash computed elsewhere (`json_line::JsonKeys`), as a found key's
/// `check` holds it.
#[inline]
pub(super) fn check_of(second: u64) -> u64 {
    check_bits(second)
}

/// A masked text the cache holds: its bytes and tokens (ranges of `texts` and
/// `tokens`) and its `miner::hash`.
struct Entry {
    text: (u32, u32),
    tokens: (u32, u32),
    hash: u64,
}

pub(super) struct MaskedCache {
    limits: Limits,
    /// Hash of a key → its slot (the first key under a hash keeps it).
    slots: Slots,
    /// Each entry's masked text in `texts` and `tokens`, and its
    /// `miner::hash`: handed to a chunk as they are, not split and hashed again.
    entries: Vec<Entry>,
    /// An entry's masked text's `miner::hash` → the entry.
    by_text: HashMap<u64, u32, Prehashed>,
    texts: Vec<u8>,
    tokens: Vec<(u32, u32)>,
    /// Each entry in the chunk being mined, `UNMET` until met.
    local: Vec<Local>,
    /// The entries met in the chunk being mined.
    met: Vec<u32>,
    /// Where the first chunk that holds each entry's text's bytes starts (in
    /// records): a chunk starting after it holds the text as known (`texts`),
    /// since the fold takes chunks in file order.
    sent: Vec<usize>,
    /// Where the chunk being mined starts.
    start: usize,
    /// The last chunk found more than half its lookups.
    paid: bool,
}

impl MaskedCache {
    pub fn new(limits: Limits) -> MaskedCache {
        MaskedCache {
            limits,
            slots: Slots::with_keys(limits.keys),
            entries: Vec::new(),
            by_text: HashMap::default(),
            texts: Vec::new(),
            tokens: Vec::new(),
            local: Vec::new(),
            met: Vec::new(),
            sent: Vec::new(),
            start: 0,
            paid: true,
        }
    }

    /// Before mining the chunk that starts at record `start`: no entry has a
    /// text in it yet; a full cache that the last chunk found little in is
    /// emptied.
    pub fn start_chunk(&mut self, start: usize) {
        self.start = start;
        for e in self.met.drain(..) {
            self.local[e as usize] = UNMET;
        }
        if self.full() && !self.paid {
            self.slots.clear();
            self.entries.clear();
            self.by_text.clear();
            self.texts.clear();
            self.tokens.clear();
            self.local.clear();
            self.sent.clear();
        }
    }

    /// After mining a chunk: how many lookups it made and found; the records
    /// `hit` counted are given to the chunk's texts.
    pub fn end_chunk(&mut self, looks: usize, hits: usize, texts: &mut ChunkTexts) {
        self.paid = hits * 2 > looks;
        for &e in &self.met {
            let l = &self.local[e as usize];
            if l.seen.count > 0 {
                texts.add_seen(l.k, &l.seen);
            }
        }
    }

    fn full(&self) -> bool {
        self.slots.len() >= self.limits.keys
            || self.texts.len() >= self.limits.bytes
            || self.entries.len() >= MAX_ENTRIES.min(self.limits.keys)
    }

    /// The key filed under hash `h`, if any: the caller compares its second
    /// hash with the key it hashed, and checks its kind.
    #[inline]
    pub fn get(&self, h: u64) -> Option<Found> {
        self.slots.get(h)
    }

    /// Asks the CPU for what `get(h)` will read, two records ahead of it.
    #[inline]
    pub fn prefetch(&self, h: u64) {
        self.slots.prefetch(h);
    }

    /// Asks the CPU for the chunk's count of the entry filed under `h`, a
    /// record ahead of its `hit` (its slot asked for a record before, by
    /// `prefetch`): the entries a chunk meets are too many for the core's
    /// own caches.
    #[inline]
    pub fn prefetch_entry(&self, h: u64) {
        if let Some(l) = self
            .slots
            .get(h)
            .and_then(|f| self.local.get(f.entry as usize))
        {
            super::slots::prefetch(l);
        }
    }

    /// Entry `e`'s text in the chunk being mined: added from the stored masked
    /// text the first time the chunk meets it.
    #[inline]
    pub fn text(&mut self, e: u32, texts: &mut ChunkTexts) -> u32 {
        let k = self.local[e as usize].k;
        if k != NONE {
            return k;
        }
        let n = &self.entries[e as usize];
        let sent = &mut self.sent[e as usize];
        let k = if *sent < self.start {
            texts.of_known(n.hash)
        } else {
            *sent = self.start;
            texts.of_parts(
                &self.texts[n.text.0 as usize..n.text.1 as usize],
                &self.tokens[n.tokens.0 as usize..n.tokens.1 as usize],
                n.hash,
            )
        };
        self.local[e as usize].k = k;
        self.met.push(e);
        k
    }

    /// The next record of the chunk is entry `e`'s text, found by key, at
    /// `time`: its text's id pushed on the chunk, counted here (`Local`).
    #[inline]
    pub fn hit(&mut self, e: u32, time: Option<Nanos>, texts: &mut ChunkTexts) {
        let k = self.text(e, texts);
        texts.ids.push(k);
        self.local[e as usize].seen.add(time);
    }

    /// Remembers `masked` (`miner::hash` `h`), text `k` of the chunk being
    /// mined: its entry, one a text however many keys name it; None when the
    /// cache is full.
    pub fn add(&mut self, masked: &Masked, h: u64, k: u32) -> Option<u32> {
        if let Some(&e) = self.by_text.get(&h) {
            if self.local[e as usize].k == NONE {
                self.met.push(e);
            }
            self.local[e as usize].k = k;
            self.sent[e as usize] = self.sent[e as usize].min(self.start);
            return Some(e);
        }
        if self.full() {
            return None;
        }
        let e = self.entries.len() as u32;
        let (a, ta) = (self.texts.len() as u32, self.tokens.len() as u32);
        self.texts.extend_from_slice(&masked.text);
        self.tokens.extend_from_slice(&masked.tokens);
        self.entries.push(Entry {
            text: (a, self.texts.len() as u32),
            tokens: (ta, self.tokens.len() as u32),
            hash: h,
        });
        self.local.push(Local { k, ..UNMET });
        self.met.push(e);
        self.sent.push(self.start);
        self.by_text.insert(h, e);
        Some(e)
    }

    /// Files entry `e` under a key hashed `h`, with second hash `check`, of
    /// kind `kind`, unless another key has that hash or the cache is full.
    pub fn bind(&mut self, h: u64, check: u64, kind: u8, e: u32) {
        if self.full() {
            return;
        }
        self.slots.insert(h, check, kind, e);
    }
}
