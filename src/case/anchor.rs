//! Anchors: a record pointed at by its content — source name, own time and a
//! hash of its first line — with the byte offset only as a hint. An anchor is
//! found again after filters change, the log grows or rotates, the file is
//! fetched again, or casefile restarts; when the record is gone it is
//! *detached*, and whatever points at it is kept.
//!
//! The hash covers the first line only: a record at the end of a growing log
//! may still gain continuation lines (a stack trace being written), and its
//! first line, which carries the time, identifies it already.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::source::Source;
use crate::time::Nanos;

/// Longest stored excerpt of the record's first line, in chars.
const EXCERPT: usize = 240;

/// Records scanned forward from a time before giving up on the time path.
const TIME_SCAN: usize = 100_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    pub source: String,
    /// The record's time as indexed, before the source's clock offset (so
    /// changing an offset does not move anchors). None: the record has no time.
    #[serde(
        default,
        with = "super::model::opt_time",
        skip_serializing_if = "Option::is_none"
    )]
    pub time: Option<Nanos>,
    /// FNV-1a of the first line (escape sequences removed), 16 hex digits.
    #[serde(with = "hex")]
    pub hash: u64,
    /// Byte offset in the source when the anchor was made: tried first.
    pub offset: u64,
    /// Which of several records with the same time and first line (0 = the first).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub nth: u32,
    /// The first line as it was shown: for people reading the file, and for the
    /// report when the source cannot be opened any more.
    pub line: String,
}

/// Where an anchor points in a loaded source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolved {
    Record(usize),
    /// The record is not in the source (any more): the note is kept and shown as detached.
    Detached,
}

impl Resolved {
    pub fn record(self) -> Option<usize> {
        match self {
            Resolved::Record(i) => Some(i),
            Resolved::Detached => None,
        }
    }
}

/// 64-bit FNV-1a: stable across builds and platforms (std's hasher is not).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn line_hash(src: &Source, i: usize) -> u64 {
    fnv1a(&crate::ansi::strip_cow(src.first_line(i)))
}

/// The record's own time as indexed (no clock offset); None when unknown.
fn raw_time(src: &Source, i: usize) -> Option<Nanos> {
    src.entry(i)
        .filter(|e| !e.has(crate::index::flags::UNKNOWN))
        .map(|e| e.time())
}

impl Anchor {
    /// An anchor on record `i` of `src`.
    pub fn of(src: &Source, i: usize) -> Option<Anchor> {
        let entry = src.entry(i)?;
        let time = raw_time(src, i);
        let hash = line_hash(src, i);
        // Count identical records (same time, same first line) before this one.
        let mut nth = 0u32;
        let mut j = i;
        while j > 0 && raw_time(src, j - 1) == time && nth < u32::MAX {
            j -= 1;
            if line_hash(src, j) == hash {
                nth += 1;
            }
            if i - j > TIME_SCAN {
                break;
            }
        }
        // A line can be megabytes long: clean only what the excerpt can hold.
        let (line, _) = crate::ansi::display_head(src.first_line(i), EXCERPT * 4 + 64);
        let line: String = line.chars().take(EXCERPT).collect();
        Some(Anchor {
            source: src.name.clone(),
            time,
            hash,
            offset: entry.offset(),
            nth,
            line,
        })
    }

    /// The aligned time of the record (the source's clock offset applied).
    pub fn aligned(&self, offset: Nanos) -> Option<Nanos> {
        self.time.map(|t| t + offset)
    }

    /// Finds the anchored record in `src` (which must be the anchor's source).
    pub fn resolve(&self, src: &Source) -> Resolved {
        resolve_all(&[self], src)[0]
    }

    fn matches(&self, src: &Source, i: usize) -> bool {
        line_hash(src, i) == self.hash
    }
}

/// Resolves many anchors on one source: the offset hint, then the time, then
/// one scan of the whole source for those still missing (their time may have
/// changed: the source's zone was corrected).
pub fn resolve_all(anchors: &[&Anchor], src: &Source) -> Vec<Resolved> {
    let mut out = vec![Resolved::Detached; anchors.len()];
    let mut missing: HashMap<u64, Vec<usize>> = HashMap::new();
    for (k, a) in anchors.iter().enumerate() {
        if let Some(i) = by_offset(src, a.offset)
            && raw_time(src, i) == a.time
            && a.matches(src, i)
            && (a.nth == 0 || nth_of(src, i, a) == a.nth)
        {
            out[k] = Resolved::Record(i);
            continue;
        }
        let cands = a.time.map(|t| by_time(src, t, a)).unwrap_or_default();
        match pick(&cands, a, src) {
            Some(i) => out[k] = Resolved::Record(i),
            None => missing.entry(a.hash).or_default().push(k),
        }
    }
    if missing.is_empty() {
        return out;
    }
    let mut found: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..src.index.len() {
        if let Some(ks) = missing.get(&line_hash(src, i)) {
            for &k in ks {
                found.entry(k).or_default().push(i);
            }
        }
    }
    for (k, cands) in found {
        if let Some(i) = pick(&cands, anchors[k], src) {
            out[k] = Resolved::Record(i);
        }
    }
    out
}

/// The record starting exactly at `offset`.
fn by_offset(src: &Source, offset: u64) -> Option<usize> {
    let i = src.index.holding(offset)?;
    (src.entry(i)?.offset() == offset).then_some(i)
}

/// Records with time `t` and the anchor's first line, in file order.
fn by_time(src: &Source, t: Nanos, a: &Anchor) -> Vec<usize> {
    // The first record whose running maximum reaches `t`.
    let start = match t.checked_sub(1).and_then(|p| src.index.at_or_before(p)) {
        Some(i) => i + 1,
        None => 0,
    };
    let mut cands = Vec::new();
    for (i, e) in src.index.iter_from(start).take(TIME_SCAN) {
        if e.own_time() && e.time() > t {
            break;
        }
        if raw_time(src, i) == Some(t) && a.matches(src, i) {
            cands.push(i);
        }
    }
    cands
}

/// Which identical record this is, counted as `Anchor::of` counts.
fn nth_of(src: &Source, i: usize, a: &Anchor) -> u32 {
    let mut n = 0;
    let mut j = i;
    while j > 0 && raw_time(src, j - 1) == a.time && i - j <= TIME_SCAN {
        j -= 1;
        if a.matches(src, j) {
            n += 1;
        }
    }
    n
}

/// Among records that match, the `nth`; failing that, the one nearest the offset hint.
fn pick(cands: &[usize], a: &Anchor, src: &Source) -> Option<usize> {
    if let Some(&i) = cands.get(a.nth as usize) {
        return Some(i);
    }
    cands.iter().copied().min_by_key(|&i| {
        src.entry(i)
            .map_or(u64::MAX, |e| e.offset().abs_diff(a.offset))
    })
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

mod hex {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(h: &u64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format!("{h:016x}"))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
        let s = String::deserialize(d)?;
        u64::from_str_radix(&s, 16)
            .map_err(|_| serde::de::Error::custom(format!("'{s}' is not a 16-digit hex hash")))
    }
}

#[cfg(test)]
mod tests;
