//! Masked texts remembered by key, across the chunks one worker mines.
//!
//! A key is any bytes that fix a record's masked text (a text line's
//! `mask::line_key`, a message, a message's `mask::digit_key`), looked up by
//! a hash the caller computes and checked by a second hash of it (`check`,
//! another seed: 128 bits in all, as `json_line::KeyedLines` does; comparing
//! the key's bytes read them from memory long out of the CPU's caches, a fifth
//! of the time `perf` sampled); keys of different meaning are told apart by a
//! `kind` the caller gives. An entry holds the
//! masked text, so what one chunk masked saves masking in every later chunk the
//! worker mines. Each chunk maps an entry to its own miner's template id the
//! first time it meets it, by `Miner::add_masked` of the stored text (what
//! masking the record would have given), and counts it with `seen_again`
//! after that: a chunk's templates never depend on what other chunks the
//! worker mined before, so on which thread a chunk ran.
//!
//! Bounded (`Limits`): at most so many keys and bytes; once full it takes
//! nothing new (the keys met first are the common ones), and it is emptied
//! before the next chunk only if the last chunk found less than half its
//! lookups (the log changed).

use std::collections::HashMap;

use super::mask::Masked;
use super::miner::{Miner, Prehashed};

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

/// No template in this chunk yet.
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
    texts: Vec<u8>,
    /// Each entry's template id in the chunk being mined, `NONE` until met.
    local: Vec<u32>,
    /// The masked text handed to the miner.
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
            texts: Vec::new(),
            local: Vec::new(),
            scratch: Masked::default(),
            paid: true,
        }
    }

    /// Before mining a chunk with a fresh miner: no entry has a template yet;
    /// a full cache that the last chunk found little in is emptied.
    pub fn start_chunk(&mut self) {
        if self.full() && !self.paid {
            self.slots.clear();
            self.entries.clear();
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

    /// Entry `e`'s template in `miner` (the chunk's): added from the stored
    /// masked text the first time, counted again after.
    #[inline]
    pub fn template(&mut self, e: u32, miner: &mut Miner) -> u32 {
        let id = self.local[e as usize];
        if id != NONE {
            miner.seen_again(id);
            return id;
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
        let id = miner.add_masked(m, 1);
        self.local[e as usize] = id;
        id
    }

    /// Remembers `masked`, whose template in the chunk's miner is `id`;
    /// None when the cache is full, or when its tokens are not its text split
    /// at single spaces (how `template` rebuilds them).
    pub fn add(&mut self, masked: &Masked, id: u32) -> Option<u32> {
        if self.full() || !splits_at_spaces(masked) {
            return None;
        }
        let e = self.entries.len() as u32;
        let a = self.texts.len() as u32;
        self.texts.extend_from_slice(&masked.text);
        self.entries.push((a, self.texts.len() as u32));
        self.local.push(id);
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
