//! Masked texts remembered by key, across the chunks one worker mines.
//!
//! A key is any bytes that fix a record's masked text (a text line's
//! `mask::line_key`, a message, a message's `mask::digit_key`), looked up by
//! a hash the caller computes and checked by a second hash of it (`check`,
//! another seed: 128 bits in all, as `json_line::JsonKeys` does; comparing
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
use super::texts::ChunkTexts;

/// How much a cache holds at most.
#[derive(Debug, Clone, Copy)]
pub(super) struct Limits {
    /// Keys (each takes 32 bytes in the table).
    pub keys: usize,
    /// Masked texts' bytes.
    pub bytes: usize,
}

/// What all workers mining one source keep together: 64 Ki keys (a slot holds
/// a key's two hashes, not its bytes) and 4 MiB of masked texts, shared out
/// evenly, so that a worker's share stays in its core's cache (2 MiB of L2
/// here). A lookup that misses the cache costs what it saves: with 512 Ki keys
/// and 48 MiB, mining the generated app log took more CPU time than before the
/// cache, with a fifth fewer instructions; 32 Ki keys with their bytes took
/// 12% more wall time on the 1 GiB app log than 64 Ki without, and 128 Ki 5%
/// more (docs/BENCHMARKS.md). Filled first come, a worker's 16 Ki keys
/// answered ~60% of the app log's lines (unbounded: 82%).
pub(super) fn limits(workers: usize) -> Limits {
    let w = workers.max(1);
    Limits {
        keys: (64 << 10) / w,
        bytes: (4 << 20) / w,
    }
}

/// Not met in this chunk yet.
const NONE: u32 = u32::MAX;

/// A key found under a hash: its kind, its entry and its second hash (to
/// compare with `check` of the key looked up).
pub(super) struct Found {
    pub kind: u8,
    pub entry: u32,
    pub check: u64,
}

/// The seed of a key's second hash.
const SECOND: foldhash::fast::FixedState =
    foldhash::fast::FixedState::with_seed(0x3c6e_f372_fe94_f82b);

/// A key's second hash, which a found key must have too.
#[inline]
pub(super) fn check(key: &[u8]) -> u64 {
    use std::hash::BuildHasher;
    SECOND.hash_one(key)
}

#[derive(Clone, Copy)]
struct Slot {
    check: u64,
    entry: u32,
    kind: u8,
}

pub(super) struct MaskedCache {
    limits: Limits,
    /// Hash of a key → its slot (the first key under a hash keeps it).
    slots: HashMap<u64, Slot, Prehashed>,
    /// Each entry's masked text in `texts`.
    entries: Vec<(u32, u32)>,
    /// An entry's masked text's `miner::hash` → the entry.
    by_text: HashMap<u64, u32, Prehashed>,
    texts: Vec<u8>,
    /// Each entry's text in the chunk being mined, `NONE` until met.
    local: Vec<u32>,
    /// An entry's masked text, handed to the chunk.
    scratch: Masked,
    /// The last chunk found more than half its lookups.
    paid: bool,
}

impl MaskedCache {
    pub fn new(limits: Limits) -> MaskedCache {
        MaskedCache {
            limits,
            slots: HashMap::default(),
            entries: Vec::new(),
            by_text: HashMap::default(),
            texts: Vec::new(),
            local: Vec::new(),
            scratch: Masked::default(),
            paid: true,
        }
    }

    /// Before mining a chunk: no entry has a text in it yet;
    /// a full cache that the last chunk found little in is emptied.
    pub fn start_chunk(&mut self) {
        if self.full() && !self.paid {
            self.slots.clear();
            self.entries.clear();
            self.by_text.clear();
            self.texts.clear();
            self.local.clear();
        }
        self.local.fill(NONE);
    }

    /// After mining a chunk: how many lookups it made and found.
    pub fn end_chunk(&mut self, looks: usize, hits: usize) {
        self.paid = hits * 2 > looks;
    }

    fn full(&self) -> bool {
        self.slots.len() >= self.limits.keys || self.texts.len() >= self.limits.bytes
    }

    /// The key filed under hash `h`, if any: the caller compares its second
    /// hash with the key it hashed, and checks its kind.
    #[inline]
    pub fn get(&self, h: u64) -> Option<Found> {
        let s = self.slots.get(&h)?;
        Some(Found {
            kind: s.kind,
            entry: s.entry,
            check: s.check,
        })
    }

    /// Entry `e`'s text in the chunk being mined: added from the stored masked
    /// text the first time the chunk meets it.
    #[inline]
    pub fn text(&mut self, e: u32, texts: &mut ChunkTexts) -> u32 {
        let k = self.local[e as usize];
        if k != NONE {
            return k;
        }
        let (a, b) = self.entries[e as usize];
        let text = &self.texts[a as usize..b as usize];
        let m = &mut self.scratch;
        m.text.clear();
        m.text.extend_from_slice(text);
        m.tokens.clear();
        if !text.is_empty() {
            let mut start = 0;
            for tok in text.split(|&c| c == b' ') {
                let end = start + tok.len() as u32;
                m.tokens.push((start, end));
                start = end + 1;
            }
        }
        let k = texts.of_masked(m);
        self.local[e as usize] = k;
        k
    }

    /// Remembers `masked` (`miner::hash` `h`), text `k` of the chunk being
    /// mined: its entry, one a text however many keys name it; None when the
    /// cache is full, or when its tokens are not its text split at single
    /// spaces (how `text` rebuilds them).
    pub fn add(&mut self, masked: &Masked, h: u64, k: u32) -> Option<u32> {
        if let Some(&e) = self.by_text.get(&h) {
            self.local[e as usize] = k;
            return Some(e);
        }
        if self.full() || !splits_at_spaces(masked) {
            return None;
        }
        let e = self.entries.len() as u32;
        let a = self.texts.len() as u32;
        self.texts.extend_from_slice(&masked.text);
        self.entries.push((a, self.texts.len() as u32));
        self.local.push(k);
        self.by_text.insert(h, e);
        Some(e)
    }

    /// Files entry `e` under a key hashed `h`, with second hash `check`, of
    /// kind `kind`, unless another key has that hash or the cache is full.
    pub fn bind(&mut self, h: u64, check: u64, kind: u8, e: u32) {
        if self.full() {
            return;
        }
        if let std::collections::hash_map::Entry::Vacant(v) = self.slots.entry(h) {
            v.insert(Slot {
                check,
                entry: e,
                kind,
            });
        }
    }
}

/// The tokens are the text split at single spaces (as `mask_into` joins
/// them: no token is empty or holds a space).
fn splits_at_spaces(m: &Masked) -> bool {
    if m.text.is_empty() {
        return m.tokens.is_empty();
    }
    let mut start = 0;
    let mut n = 0;
    for tok in m.text.split(|&c| c == b' ') {
        let end = start + tok.len() as u32;
        if m.tokens.get(n) != Some(&(start, end)) {
            return false;
        }
        start = end + 1;
        n += 1;
    }
    n == m.tokens.len()
}
