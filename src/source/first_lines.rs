//! Each record's first line (`Source::first_line`: a JUL record's message
//! line) and time, walking the index in order: what pattern mining reads of
//! every record.

use std::sync::atomic::Ordering;

use super::{Part, Source, first_line_of};
use crate::index::Entry;
use crate::time::Nanos;

/// `Source::first_lines`' iterator.
pub struct FirstLines<'a> {
    src: &'a Source,
    /// Records still to give.
    left: usize,
    /// The stored entries from the next record on, and the slices after them.
    cur: &'a [Entry],
    slices: Box<dyn Iterator<Item = &'a [Entry]> + 'a>,
    /// The slice after `cur`, once looked at (for the offset ending `cur`'s last record).
    next_first: Option<&'a [Entry]>,
    /// The part holding the last record read, and where the next part starts.
    part: Option<(&'a Part, u64)>,
    /// Records in reverse file order (`Index::reversed`): where the record
    /// before the next one starts, which is where the next one ends.
    reversed_end: Option<u64>,
    /// The bytes of the part holding every record of `cur` but its last, and
    /// where the part starts, when that part can be read up to the last
    /// record's start: those records are cut without the checks `next` makes
    /// for the others (mining reads every record's first line).
    fast: Option<(&'a [u8], u64)>,
}

impl<'a> FirstLines<'a> {
    pub(super) fn new(
        src: &'a Source,
        left: usize,
        cur: &'a [Entry],
        slices: Box<dyn Iterator<Item = &'a [Entry]> + 'a>,
        start: usize,
    ) -> FirstLines<'a> {
        let index = &src.index;
        let reversed_end = index.reversed().then(|| {
            let before = start.checked_sub(1).and_then(|b| index.get(b));
            before.map_or(u64::MAX, |e| e.offset())
        });
        let mut lines = FirstLines {
            src,
            left,
            cur,
            slices,
            next_first: None,
            part: None,
            reversed_end,
            fast: None,
        };
        lines.fast = lines.fast_part();
        lines
    }

    /// `fast` for the records of `cur`.
    fn fast_part(&mut self) -> Option<(&'a [u8], u64)> {
        let (first, last) = (self.cur.first()?, self.cur.last()?);
        if self.reversed_end.is_some()
            || matches!(self.src.detection.format, crate::format::Format::Jul)
            || self.src.detection.format.entries().is_some()
        {
            return None;
        }
        let p = self.part(first.offset())?;
        let hi = self.part.map_or(0, |(_, hi)| hi);
        let data: &'a [u8] = &p.data;
        let readable = p.readable.load(Ordering::Relaxed).min(data.len()) as u64;
        (first.offset() <= last.offset()
            && last.offset() < hi
            && last.offset() - p.base <= readable)
            .then_some((data, p.base))
    }

    /// The part holding `offset` (as `Parts::part_of`), remembered.
    fn part(&mut self, offset: u64) -> Option<&'a Part> {
        if let Some((p, hi)) = self.part
            && p.base <= offset
            && offset < hi
        {
            return Some(p);
        }
        let parts = &self.src.parts.0;
        let k = parts.partition_point(|p| p.base <= offset).checked_sub(1)?;
        let hi = parts.get(k + 1).map_or(u64::MAX, |n| n.base);
        self.part = Some((&parts[k], hi));
        Some(&parts[k])
    }
}

impl<'a> Iterator for FirstLines<'a> {
    type Item = (&'a [u8], Option<Nanos>);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        if self.left == 0 {
            return None;
        }
        if let Some((data, base)) = self.fast
            && let [e, n, ..] = self.cur
            && let Some(b) = data.get((e.offset() - base) as usize..(n.offset() - base) as usize)
        {
            let e = *e;
            self.cur = &self.cur[1..];
            self.left -= 1;
            return Some((first_line_in(e, b), self.src.entry_time(e)));
        }
        if self.cur.is_empty() {
            self.cur = match self.next_first.take() {
                Some(s) => s,
                None => self.slices.next()?,
            };
            self.fast = self.fast_part();
        }
        let e = self.cur[0];
        self.cur = &self.cur[1..];
        self.left -= 1;
        let end = match self.cur.first() {
            _ if self.reversed_end.is_some() => {
                self.reversed_end.replace(e.offset()).unwrap_or(u64::MAX)
            }
            Some(n) => n.offset(),
            None => {
                if self.next_first.is_none() {
                    self.next_first = self.slices.next();
                }
                self.next_first
                    .and_then(|s| s.first())
                    .map_or(u64::MAX, |n| n.offset())
            }
        };
        // `Parts::slice`, with the part remembered between records.
        let line: &'a [u8] = match self.part(e.offset()) {
            None => &[],
            Some(p) => {
                let data: &'a [u8] = &p.data;
                let s = (e.offset() - p.base) as usize;
                let lim = (end.saturating_sub(p.base) as usize)
                    .min(p.readable.load(Ordering::Relaxed))
                    .min(data.len());
                let b = data.get(s..lim.max(s)).unwrap_or(&[]);
                if matches!(self.src.detection.format, crate::format::Format::Jul)
                    || self.src.detection.format.entries().is_some()
                {
                    let b = strip_cr(b.strip_suffix(b"\n").unwrap_or(b));
                    return Some((
                        crate::format::shown::headline(&self.src.detection.format, b).0,
                        self.src.entry_time(e),
                    ));
                }
                first_line_in(e, b)
            }
        };
        Some((line, self.src.entry_time(e)))
    }
}

/// The first line of record `e`, whose bytes (as far as they can be read) are `b`.
#[inline(always)]
fn first_line_in(e: Entry, b: &[u8]) -> &[u8] {
    match e.first_line_len() {
        // `bytes_to` then `first_line_of`, with the line's end known: a `\r`
        // before a newline inside the record goes, at the record's end up to
        // two do.
        Some(l) if l + 1 < b.len() => strip_cr(&b[..l]),
        Some(l) => strip_cr(strip_cr(&b[..l.min(b.len())])),
        None => {
            let b = b.strip_suffix(b"\n").unwrap_or(b);
            first_line_of(strip_cr(b))
        }
    }
}

fn strip_cr(b: &[u8]) -> &[u8] {
    b.strip_suffix(b"\r").unwrap_or(b)
}

#[cfg(test)]
mod tests {
    use super::super::*;
    use crate::index::MAX_FIRST_LINE;
    use crate::test_rng::XorShift;

    /// Records of one to three lines (CRLF, stray CRs, blank lines, long lines), split
    /// into `parts` files.
    fn source(dir: &std::path::Path, parts: usize, records: usize, seed: u64) -> Source {
        let mut rng = XorShift(seed);
        let mut files = vec![Vec::new(); parts];
        for k in 0..records {
            let f = &mut files[k * parts / records];
            let eol: &[u8] = match rng.below(6) {
                0 => b"\r\n",
                1 => b"\r\r\n",
                _ => b"\n",
            };
            f.extend_from_slice(
                format!("2024-03-01T10:00:{:02}Z INFO record {k}", k % 60).as_bytes(),
            );
            // Lines too long for the index to keep their length, and a CR inside.
            match rng.below(400) {
                0 => f.extend_from_slice(&b"x".repeat(MAX_FIRST_LINE + rng.below(3) as usize)),
                1 => f.extend_from_slice(b" a\rb"),
                _ => {}
            }
            f.extend_from_slice(eol);
            for _ in 0..rng.below(3) {
                f.extend_from_slice(if rng.below(2) == 0 {
                    b"\tat x.y(Z.java:1)\r\n"
                } else {
                    b"\n"
                });
            }
        }
        // The last record of a file may lack its newline.
        if let Some(f) = files.last_mut() {
            f.truncate(f.len().saturating_sub(1));
        }
        let paths: Vec<_> = files
            .iter()
            .enumerate()
            .map(|(k, f)| {
                let p = dir.join(format!("part{k}.log"));
                std::fs::write(&p, f).expect("write");
                p
            })
            .collect();
        let spec = SourceSpec {
            name: "t".into(),
            input: Input::Files(paths),
            settings: Settings::default(),
        };
        let (parts, warnings) = open(&spec).expect("open");
        index(
            &spec,
            Arc::new(parts),
            warnings,
            &LoadOptions::default(),
            |_| {},
        )
    }

    #[test]
    fn first_lines_are_first_line_and_time_of_each_record() {
        let dir = tempfile::tempdir().expect("tempdir");
        // One part of several index segments, and three parts.
        for (parts, records, seed) in [(1, 120_000, 7), (3, 3_000, 11), (2, 1, 13)] {
            let src = source(dir.path(), parts, records, seed);
            let n = src.index.len();
            assert!(n >= records, "{n}");
            if parts == 1 {
                assert!(src.index.slices_from(0).count() > 1, "several segments");
            }
            let mut rng = XorShift(seed);
            let mut ranges = vec![0..n, 0..0, n..n + 5, n.saturating_sub(1)..n + 3];
            for _ in 0..20 {
                let a = rng.below(n as u64 + 1) as usize;
                ranges.push(a..a + rng.below(40_000) as usize);
            }
            for r in ranges {
                let got: Vec<_> = src.first_lines(r.clone()).collect();
                let want: Vec<_> = (r.start..r.end.min(n))
                    .map(|i| (src.first_line(i), src.time(i)))
                    .collect();
                assert_eq!(got, want, "{r:?} of {n}");
            }
        }
    }
}
