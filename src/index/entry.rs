//! One record of the index: 16 bytes, so that a billion-line log fits in memory.

use crate::level::Level;
use crate::time::Nanos;

/// `time` is the record's instant (UTC ns, before the source's clock offset).
/// `packed` holds the byte offset (40 bits: 1 TiB), the level (3 bits), flags
/// (8 bits) and the length of the record's first line (13 bits, when short).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(C)]
pub struct Entry {
    time: Nanos,
    packed: u64,
}

const OFFSET_BITS: u32 = 40;
const OFFSET_MASK: u64 = (1 << OFFSET_BITS) - 1;
const LEVEL_SHIFT: u32 = OFFSET_BITS;
const FLAG_SHIFT: u32 = OFFSET_BITS + 3;
const LINE_SHIFT: u32 = FLAG_SHIFT + 8;

/// The longest first line whose length an entry holds.
pub const MAX_FIRST_LINE: usize = (1 << (64 - LINE_SHIFT)) - 2;

/// The largest byte offset an entry can hold.
pub const MAX_OFFSET: u64 = OFFSET_MASK;

/// Entry flags.
pub mod flags {
    /// The record's first line has no time of its own; it inherited the previous record's.
    pub const INHERITED: u8 = 1;
    /// No time is known at all (nothing before it had one either); `time` is `i64::MIN`.
    pub const UNKNOWN: u8 = 2;
    /// The record's time is earlier than a record before it.
    pub const BACKWARDS: u8 = 4;
    /// The level was inferred from a phrase in the text, not read from a level field.
    pub const INFERRED: u8 = 8;
}

impl Entry {
    pub fn new(offset: u64, time: Nanos, level: Option<Level>, flags: u8) -> Entry {
        debug_assert!(offset <= OFFSET_MASK);
        let packed = (offset & OFFSET_MASK)
            | (u64::from(Level::code(level)) << LEVEL_SHIFT)
            | (u64::from(flags) << FLAG_SHIFT);
        Entry { time, packed }
    }

    /// The entry with the length of its record's first line (the bytes before
    /// its first newline, a `\r` included): readers of the first line then
    /// need not search for its end. Longer than `MAX_FIRST_LINE`: not kept.
    #[inline]
    pub fn with_first_line(mut self, len: usize) -> Entry {
        if len <= MAX_FIRST_LINE {
            self.packed |= (len as u64 + 1) << LINE_SHIFT;
        }
        self
    }

    /// The length of the record's first line, when the index kept it.
    #[inline]
    pub fn first_line_len(&self) -> Option<usize> {
        match self.packed >> LINE_SHIFT {
            0 => None,
            v => Some(v as usize - 1),
        }
    }

    #[inline]
    pub fn offset(&self) -> u64 {
        self.packed & OFFSET_MASK
    }

    #[inline]
    pub fn time(&self) -> Nanos {
        self.time
    }

    #[inline]
    pub fn level(&self) -> Option<Level> {
        Level::from_code(((self.packed >> LEVEL_SHIFT) & 7) as u8)
    }

    #[inline]
    pub fn flags(&self) -> u8 {
        (self.packed >> FLAG_SHIFT) as u8
    }

    #[inline]
    pub fn has(&self, flag: u8) -> bool {
        self.flags() & flag != 0
    }

    /// True when the level was inferred from the text (see `format::infer`).
    pub fn level_inferred(&self) -> bool {
        self.has(flags::INFERRED)
    }

    /// True when the time was read from the record itself.
    pub fn own_time(&self) -> bool {
        self.flags() & (flags::INHERITED | flags::UNKNOWN) == 0
    }

    pub(crate) fn set_time(&mut self, time: Nanos, flag_set: u8, flag_clear: u8) {
        self.time = time;
        let f = (self.flags() | flag_set) & !flag_clear;
        self.packed = (self.packed & !(0xff << FLAG_SHIFT)) | (u64::from(f) << FLAG_SHIFT);
    }

    /// The entry with `level` in place of its own; `inferred`: `flags::INFERRED`
    /// when that level was inferred, else 0.
    pub(crate) fn with_level(mut self, level: Option<Level>, inferred: u8) -> Entry {
        let f = (self.flags() & !flags::INFERRED) | (inferred & flags::INFERRED);
        self.packed = (self.packed & !(0x7ff << LEVEL_SHIFT))
            | (u64::from(Level::code(level)) << LEVEL_SHIFT)
            | (u64::from(f) << FLAG_SHIFT);
        self
    }

    pub(crate) fn add_flag(&mut self, flag: u8) {
        self.packed |= u64::from(flag) << FLAG_SHIFT;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packs_and_unpacks() {
        let e = Entry::new(
            MAX_OFFSET,
            -5,
            Some(Level::Panic),
            flags::INHERITED | flags::BACKWARDS,
        );
        assert_eq!(e.offset(), MAX_OFFSET);
        assert_eq!(e.time(), -5);
        assert_eq!(e.level(), Some(Level::Panic));
        assert!(e.has(flags::INHERITED) && e.has(flags::BACKWARDS) && !e.has(flags::UNKNOWN));
        assert!(!e.level_inferred());
        assert_eq!(std::mem::size_of::<Entry>(), 16);
        let all = flags::INHERITED | flags::UNKNOWN | flags::BACKWARDS | flags::INFERRED;
        let e = Entry::new(MAX_OFFSET, 7, Some(Level::Error), all);
        assert_eq!(
            (e.flags(), e.offset(), e.level()),
            (all, MAX_OFFSET, Some(Level::Error))
        );
        assert!(e.level_inferred());
    }

    #[test]
    fn first_line_lengths_fit_beside_the_rest() {
        let all = flags::INHERITED | flags::UNKNOWN | flags::BACKWARDS | flags::INFERRED;
        let e = Entry::new(MAX_OFFSET, 7, Some(Level::Panic), all);
        assert_eq!(e.first_line_len(), None);
        for len in [0, 1, 80, MAX_FIRST_LINE] {
            let e = e.with_first_line(len);
            assert_eq!(e.first_line_len(), Some(len));
            assert_eq!(
                (e.offset(), e.time(), e.level(), e.flags()),
                (MAX_OFFSET, 7, Some(Level::Panic), all)
            );
        }
        assert_eq!(e.with_first_line(MAX_FIRST_LINE + 1).first_line_len(), None);
    }

    #[test]
    fn set_time_keeps_offset_and_level() {
        let mut e =
            Entry::new(12345, i64::MIN, Some(Level::Warn), flags::UNKNOWN).with_first_line(77);
        e.set_time(99, flags::INHERITED, flags::UNKNOWN);
        assert_eq!(
            (e.offset(), e.time(), e.level(), e.first_line_len()),
            (12345, 99, Some(Level::Warn), Some(77))
        );
        assert!(e.has(flags::INHERITED) && !e.has(flags::UNKNOWN));
    }
}
