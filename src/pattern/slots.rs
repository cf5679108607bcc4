//! The cache's key table: a key's hash → its kind, entry and second hash, in
//! an open-addressed table whose slot a caller can prefetch records ahead.
//!
//! `std`'s `HashMap` reads a group of control bytes and then the slot, two
//! places in memory that a table bigger than the core's L1 seldom holds, and
//! gives no way to load them early: `perf` put a third of mining's own time
//! on that wait. Here a slot is 16 bytes, four to a cache line, found by the
//! hash's low bits with linear probing, so a look-up reads one line, which
//! `prefetch` can ask for while the record before is looked up.

/// A key found under a hash: its kind, its entry and its second hash, of which
/// the table keeps the high 40 bits (`check_bits`: with the 64 of the hash,
/// 104 bits tell keys apart).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Found {
    pub kind: u8,
    pub entry: u32,
    pub check: u64,
}

/// Bits of a slot's `meta`: the second hash's high 40, the kind (2), whether
/// the slot is taken (1), the entry (21).
const ENTRY_BITS: u32 = 21;
const TAKEN: u64 = 1 << ENTRY_BITS;
const KIND_SHIFT: u32 = ENTRY_BITS + 1;
const CHECK_MASK: u64 = !0 << 24;

/// At most so many entries: an entry's number must fit its 21 bits.
pub(super) const MAX_ENTRIES: usize = 1 << ENTRY_BITS;

/// The part of a second hash a slot keeps: what callers compare.
#[inline]
pub(super) fn check_bits(check: u64) -> u64 {
    check & CHECK_MASK
}

#[derive(Clone, Copy, Default)]
#[repr(C, align(16))]
struct Slot {
    hash: u64,
    meta: u64,
}

pub(super) struct Slots {
    slots: Table,
    mask: usize,
    len: usize,
    /// Slots it may grow to.
    most: usize,
}

/// Slots a table starts with: a small source's cache stays small.
const FIRST: usize = 1024;

impl Slots {
    /// A table for `keys` keys at most, at most half full; it grows as keys
    /// come.
    pub fn with_keys(keys: usize) -> Slots {
        let most = (keys.max(1) * 2).next_power_of_two();
        let n = most.min(FIRST);
        Slots {
            slots: Table::new(n),
            mask: n - 1,
            len: 0,
            most,
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn clear(&mut self) {
        self.slots.fill(Slot::default());
        self.len = 0;
    }

    /// Asks the CPU to load the line `get(h)` will read first.
    #[inline]
    pub fn prefetch(&self, h: u64) {
        prefetch(&self.slots[h as usize & self.mask]);
    }

    #[inline]
    pub fn get(&self, h: u64) -> Option<Found> {
        let mut i = h as usize & self.mask;
        loop {
            let s = self.slots[i];
            if s.meta & TAKEN == 0 {
                return None;
            }
            if s.hash == h {
                return Some(Found {
                    kind: (s.meta >> KIND_SHIFT & 3) as u8,
                    entry: (s.meta & (TAKEN - 1)) as u32,
                    check: s.meta & CHECK_MASK,
                });
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Files `entry` (below `MAX_ENTRIES`) under `h` unless a key has that
    /// hash already (the first keeps it) or the table holds its `keys`.
    pub fn insert(&mut self, h: u64, check: u64, kind: u8, entry: u32) {
        debug_assert!((entry as usize) < MAX_ENTRIES && kind < 4);
        if self.len * 2 >= self.slots.len() {
            if self.slots.len() >= self.most {
                return;
            }
            self.grow();
        }
        self.put(Slot {
            hash: h,
            meta: check & CHECK_MASK | u64::from(kind) << KIND_SHIFT | TAKEN | u64::from(entry),
        });
    }

    /// Twice the slots, every key put again.
    fn grow(&mut self) {
        let n = self.slots.len() * 2;
        let old = std::mem::replace(&mut self.slots, Table::new(n));
        self.mask = n - 1;
        self.len = 0;
        for s in old.iter().filter(|s| s.meta & TAKEN != 0) {
            self.put(*s);
        }
    }

    /// Puts `slot` in the first free slot from its hash's, unless a key has
    /// its hash (the first keeps it).
    fn put(&mut self, slot: Slot) {
        let mut i = slot.hash as usize & self.mask;
        loop {
            let s = &mut self.slots[i];
            if s.meta & TAKEN == 0 {
                *s = slot;
                self.len += 1;
                return;
            }
            if s.hash == slot.hash {
                return;
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// A huge page's bytes, and the least a table mapped apart (`Table`) holds.
const HUGE: usize = 2 << 20;
const MAPPED_FROM: usize = HUGE;

/// A table's slots, free at first: on the heap, or, from `MAPPED_FROM` on, in
/// pages of their own that the kernel is asked to back by huge pages (2 MiB),
/// from a huge page's boundary (the map is a huge page longer; what lies
/// before the boundary is never touched, so never backed). Look-ups land
/// anywhere in a table of megabytes: with 4 KiB pages most also missed the
/// TLB (`perf` put a fifth of a text log's mining on the first read of a
/// slot).
enum Table {
    Heap(Box<[Slot]>),
    /// The map, where the slots start in it, and how many.
    Mapped(memmap2::MmapMut, usize, usize),
}

impl Table {
    fn new(n: usize) -> Table {
        let bytes = n * std::mem::size_of::<Slot>();
        if bytes >= MAPPED_FROM
            && let Ok(m) = memmap2::MmapMut::map_anon(bytes + HUGE)
        {
            // Only advice: a kernel without huge pages maps small ones.
            #[cfg(target_os = "linux")]
            let _ = m.advise(memmap2::Advice::HugePage);
            let at = (m.as_ptr() as usize).next_multiple_of(HUGE) - m.as_ptr() as usize;
            return Table::Mapped(m, at, n);
        }
        Table::Heap(vec![Slot::default(); n].into_boxed_slice())
    }

    /// A mapped table's slots as a raw slice: `n` of them, `at` bytes past
    /// `base`, its map's start, the pointer `deref` or `deref_mut` took.
    fn mapped(base: *mut u8, at: usize, n: usize) -> *mut [Slot] {
        std::ptr::slice_from_raw_parts_mut(base.wrapping_add(at).cast(), n)
    }
}

impl std::ops::Deref for Table {
    type Target = [Slot];

    fn deref(&self) -> &[Slot] {
        match self {
            Table::Heap(b) => b,
            // SAFETY: `at` is a huge page's boundary in the map (aligned
            // for a slot's 16 bytes) with `n` slots' bytes after it in the
            // map; any bytes are a valid slot (two integers), zeros a free
            // one, as an anonymous map starts; the slice borrows the map.
            #[allow(unsafe_code)]
            Table::Mapped(m, at, n) => unsafe { &*Table::mapped(m.as_ptr().cast_mut(), *at, *n) },
        }
    }
}

impl std::ops::DerefMut for Table {
    fn deref_mut(&mut self) -> &mut [Slot] {
        match self {
            Table::Heap(b) => b,
            // SAFETY: as `deref`, the map borrowed mutably.
            #[allow(unsafe_code)]
            Table::Mapped(m, at, n) => unsafe { &mut *Table::mapped(m.as_mut_ptr(), *at, *n) },
        }
    }
}

#[cfg(target_arch = "x86_64")]
#[allow(unsafe_code)]
#[inline]
pub(super) fn prefetch<T>(p: &T) {
    use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
    // SAFETY: SSE is part of x86_64; a prefetch only hints the cache, it
    // neither reads for the program nor faults, and `p` is a valid reference.
    unsafe { _mm_prefetch::<_MM_HINT_T0>((p as *const T).cast()) }
}

#[cfg(not(target_arch = "x86_64"))]
#[inline]
pub(super) fn prefetch<T>(_: &T) {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_rng::XorShift;
    use std::collections::HashMap;

    /// `t` finds every key of `m` as `m` holds it, and `misses` random hashes
    /// as `m` does.
    fn agrees(t: &Slots, m: &HashMap<u64, Found>, rng: &mut XorShift, misses: usize) {
        for (&h, f) in m {
            assert_eq!(t.get(h), Some(*f));
        }
        for _ in 0..misses {
            let h = rng.next();
            assert_eq!(t.get(h), m.get(&h).copied());
        }
    }

    /// Against a `HashMap` keeping the first key under each hash, with hashes
    /// that collide in their low bits (long probe runs, wrapping at the end).
    #[test]
    fn keeps_the_first_key_under_each_hash_like_a_map() {
        let mut rng = XorShift(7);
        let mut t = Slots::with_keys(1000);
        assert_eq!(t.slots.len(), FIRST);
        let mut m = HashMap::new();
        for k in 0..3000u32 {
            // Few distinct low bits: many probes cross the table's end.
            let h = rng.next() << 12 | (rng.below(8) + 2040);
            let h = if k % 5 == 0 {
                (k as u64 / 5) << 12 | 2047
            } else {
                h
            };
            let check = rng.next();
            let (kind, entry) = ((k % 4) as u8, k * 691 % MAX_ENTRIES as u32);
            t.insert(h, check, kind, entry);
            if m.len() < 1024 {
                m.entry(h).or_insert(Found {
                    kind,
                    entry,
                    check: check_bits(check),
                });
            }
            assert_eq!(t.len(), m.len());
        }
        assert_eq!(t.len(), 1024, "at most half of 2048 slots are filled");
        assert_eq!(t.slots.len(), 2048, "grown from {FIRST}");
        agrees(&t, &m, &mut rng, 3000);
        t.clear();
        assert_eq!(
            (t.len(), t.get(*m.keys().next().expect("a key"))),
            (0, None)
        );
    }

    /// A table grown past `MAPPED_FROM` lives in a map of its own and keeps
    /// every key as a small one does, through growing and clearing.
    #[test]
    fn a_table_in_a_map_of_its_own_keeps_its_keys() {
        let mut rng = XorShift(11);
        let mut t = Slots::with_keys(1 << 18);
        let mut m = HashMap::new();
        for k in 0..200_000u32 {
            let h = rng.next();
            let check = rng.next();
            t.insert(h, check, 3, k);
            m.entry(h).or_insert(Found {
                kind: 3,
                entry: k,
                check: check_bits(check),
            });
        }
        assert!(
            matches!(t.slots, Table::Mapped(..)),
            "{} slots",
            t.slots.len()
        );
        assert_eq!(
            t.slots.as_ptr() as usize % HUGE,
            0,
            "from a huge page's boundary"
        );
        assert!(t.slots.len() * std::mem::size_of::<Slot>() >= MAPPED_FROM);
        agrees(&t, &m, &mut rng, 10_000);
        t.clear();
        assert_eq!(t.len(), 0);
        assert!(m.keys().take(1000).all(|&h| t.get(h).is_none()));
    }
}
