//! Line numbers of a big source without counting its newlines from the start
//! each time: the newlines of each 16 MiB block of its bytes, counted once
//! when first asked and shared by the reads that go on from this one (their
//! bytes up to where it ended are the same). Following a 1 GiB log asked for
//! the line of its last record at every read (the silence list's edges):
//! 1 GiB counted each time.

use std::sync::Mutex;

use super::Parts;

/// Bytes a counted block holds (a few lines' worth in tests, which then
/// cross many blocks).
#[cfg(not(test))]
const BLOCK: u64 = 16 << 20;
#[cfg(test)]
const BLOCK: u64 = 1000;

/// The newline counts of a source's whole blocks, from the first, as far
/// as they were asked for.
#[derive(Debug, Default)]
pub struct LineMarks {
    /// Newlines before the end of each block counted so far.
    ends: Mutex<Vec<u64>>,
}

impl LineMarks {
    /// From `(pos, lines)` (a place in `parts`' bytes and the newlines
    /// before it) to the start of the block holding `off`, when that is
    /// further: the whole blocks between are counted once, then known.
    pub fn skip_to(&self, parts: &Parts, (pos, lines): (u64, u64), off: u64) -> (u64, u64) {
        let block = off / BLOCK;
        if block == 0 || block * BLOCK <= pos {
            return (pos, lines);
        }
        let mut ends = self.ends.lock().unwrap_or_else(|e| e.into_inner());
        while (ends.len() as u64) < block {
            let k = ends.len() as u64;
            let before = ends.last().copied().unwrap_or(0);
            match count(parts, k * BLOCK, (k + 1) * BLOCK) {
                Some(n) => ends.push(before + n),
                // Bytes not there (yet): count from where we are.
                None => return (pos, lines),
            }
        }
        (block * BLOCK, ends[block as usize - 1])
    }
}

/// The newlines in `parts`' bytes `from..to`; None when they are not all
/// readable.
fn count(parts: &Parts, from: u64, to: u64) -> Option<u64> {
    let (n, reached) = newlines(parts, from, to);
    (reached == to).then_some(n)
}

/// The newlines in `parts`' bytes from `from` toward `to`, and where the
/// readable bytes on the way ended (`to` when they all are).
pub fn newlines(parts: &Parts, from: u64, to: u64) -> (u64, u64) {
    let (mut pos, mut n) = (from, 0);
    while pos < to {
        let b = parts.slice(pos, to);
        if b.is_empty() {
            break;
        }
        n += memchr::memchr_iter(b'\n', b).count() as u64;
        pos += b.len() as u64;
    }
    (n, pos)
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use crate::silence::correlate::line_numbers;
    use crate::source::test_support::options;
    use crate::source::{Input, Settings, Source, SourceSpec};

    fn spec(paths: Vec<std::path::PathBuf>) -> SourceSpec {
        SourceSpec {
            name: "t".into(),
            input: Input::Files(paths),
            settings: Settings::default(),
        }
    }

    fn read(spec: &SourceSpec) -> Source {
        let (parts, warnings) = crate::source::open(spec).expect("opens");
        crate::source::index(
            spec,
            std::sync::Arc::new(parts),
            warnings,
            &options(),
            |_| {},
        )
    }

    /// Line numbers by counting every newline before each record.
    fn counted(src: &Source, recs: &[usize]) -> Vec<u64> {
        let mut bytes = Vec::new();
        for p in &src.parts.0 {
            bytes.extend_from_slice(&p.data);
        }
        recs.iter()
            .map(|&i| {
                let off = src.entry(i).expect("record").offset() as usize;
                memchr::memchr_iter(b'\n', &bytes[..off]).count() as u64 + 1
            })
            .collect()
    }

    fn lines(from: usize, n: usize) -> String {
        (from..from + n)
            .map(|k| {
                format!(
                    "2026-11-23T14:{:02}:{:02}Z INFO line {k}{}\n",
                    k / 60 % 60,
                    k % 60,
                    "x".repeat(k % 37)
                )
            })
            .collect()
    }

    #[test]
    fn line_numbers_by_blocks_are_those_counted_from_the_start() {
        let dir = tempfile::tempdir().expect("temp dir");
        // A rotated set of two files: blocks cross the files' seam.
        let (old, new) = (dir.path().join("app.log.1"), dir.path().join("app.log"));
        std::fs::write(&old, lines(0, 700)).expect("write");
        std::fs::write(&new, lines(700, 900)).expect("write");
        let spec = spec(vec![old, new.clone()]);
        let src = read(&spec);
        let n = src.index.len();
        let recs: Vec<usize> = [n - 1, 0, 13, 699, 700, 701, n / 2, n - 2, 1234].to_vec();
        assert_eq!(
            line_numbers(&src, &recs),
            counted(&src, &recs),
            "counted first"
        );
        assert!(
            src.line_marks.ends.lock().expect("lock").len() > 40,
            "blocks kept"
        );
        assert_eq!(
            line_numbers(&src, &recs),
            counted(&src, &recs),
            "from the blocks kept"
        );

        // Read on after it grew: the blocks counted are shared, and right.
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(&new)
            .expect("open");
        f.write_all(lines(1600, 400).as_bytes()).expect("append");
        drop(f);
        let (parts, warnings) = crate::source::open(&spec).expect("opens");
        let parts = std::sync::Arc::new(parts);
        let on = crate::source::resume_point(&src, &parts).and_then(|r| {
            crate::source::extend(&spec, parts.clone(), warnings, &options(), r, |_| {})
        });
        let on = on.expect("read on: the older file holds detection's sample");
        assert!(std::sync::Arc::ptr_eq(&on.line_marks, &src.line_marks));
        let recs: Vec<usize> = [on.index.len() - 1, 5, 1700, 999].to_vec();
        assert_eq!(
            line_numbers(&on, &recs),
            counted(&on, &recs),
            "the grown read"
        );
    }
}
