//! Big dumps parsed on every core: cut where a goroutine header follows a
//! blank line, each piece parsed on its own, then the pieces' interned
//! names, frames and stacks merged into the first's, in order. Whatever one
//! piece cannot know alone (a log prefix, a profile, a second dump) sends
//! the input back to one pass.

use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

use super::{ADDRESSES, ELIDED, Parser, parse_counting};
use crate::goroutine::boundaries;
use crate::goroutine::{Dump, DumpKind, Frame, Goroutine};

/// Inputs smaller than this are parsed on one thread.
const PARALLEL_MIN: usize = 8 << 20;

/// Parses like `parse`, on every core when the input is a large plain dump.
pub fn parse_parallel(data: &[u8]) -> Dump {
    parse_parallel_counting(data, &AtomicU64::new(0))
}

/// Parses like `parse_parallel`, adding the bytes parsed to `parsed` as it
/// goes (every MiB or so), so that another thread can say how far it is.
/// When the input has to be read again in one pass (see `parse_pieces`),
/// the count starts again from zero.
pub fn parse_parallel_counting(data: &[u8], parsed: &AtomicU64) -> Dump {
    if data.len() < PARALLEL_MIN {
        return parse_counting(data, parsed);
    }
    pieces_counting(
        data,
        &cut_points(data, rayon::current_num_threads() * 4),
        parsed,
    )
}

/// Parses the pieces between `cuts` (0 first, `data.len()` last) on every
/// core and merges them in order. A log prefix or a profile in the first
/// piece changes how later lines read: then the input is parsed in one pass.
#[cfg(test)]
pub(in crate::goroutine) fn parse_pieces(data: &[u8], cuts: &[usize]) -> Dump {
    pieces_counting(data, cuts, &AtomicU64::new(0))
}

fn pieces_counting(data: &[u8], cuts: &[usize], parsed: &AtomicU64) -> Dump {
    let mut parts: Vec<Parser<'_>> = cuts
        .par_windows(2)
        .map(|w| {
            let mut p = Parser::new(data);
            p.run(w[0], w[1], parsed);
            p.flush();
            p
        })
        .collect();
    // A dump that starts inside a piece (`parts`) is read in one pass too.
    let several = parts.iter().any(|p| p.bounds.several());
    let mut first = parts.remove(0);
    if first.tag.is_some() || first.kind == DumpKind::Profile || first.embedded || several {
        parsed.store(0, Ordering::Relaxed);
        return parse_counting(data, parsed);
    }
    for part in parts {
        first.absorb(part);
    }
    // A goroutine that comes again across pieces: another dump began there.
    if boundaries::id_repeats(&first.goroutines) {
        parsed.store(0, Ordering::Relaxed);
        return parse_counting(data, parsed);
    }
    first.finish()
}

/// Byte positions where a goroutine header follows a blank line, about
/// `pieces` of them evenly spaced, with 0 first and `data.len()` last.
pub(in crate::goroutine) fn cut_points(data: &[u8], pieces: usize) -> Vec<usize> {
    let mut cuts = vec![0];
    let step = data.len() / pieces.max(1);
    let finder = memchr::memmem::Finder::new(b"\n\ngoroutine ");
    for k in 1..pieces {
        let from = (k * step).max(*cuts.last().unwrap_or(&0));
        if let Some(i) = finder.find(&data[from..]) {
            let at = from + i + 2;
            if at > *cuts.last().unwrap_or(&0) && at < data.len() {
                cuts.push(at);
            }
        }
    }
    cuts.push(data.len());
    if cuts.len() == 2 {
        cuts.insert(1, data.len());
    }
    cuts
}

impl<'a> Parser<'a> {
    /// Takes another piece's results, remapping its interned ids into ours.
    fn absorb(&mut self, other: Parser<'a>) {
        let names: Vec<u32> = other.name_list.iter().map(|n| self.intern(n)).collect();
        let map = |i: u32| names[i as usize];
        let frames: Vec<u32> = other
            .frame_list
            .iter()
            .map(|f| {
                self.intern_frame(Frame {
                    function: map(f.function),
                    file: map(f.file),
                    ..*f
                })
            })
            .collect();
        let stacks: Vec<u32> = other
            .stack_list
            .iter()
            .map(|s| {
                let end = s.iter().position(|&f| f == ADDRESSES).unwrap_or(s.len());
                let remapped: Vec<u32> = s[..end]
                    .iter()
                    .map(|&f| {
                        if f == ELIDED {
                            ELIDED
                        } else {
                            frames[f as usize]
                        }
                    })
                    .chain(s[end..].iter().copied())
                    .collect();
                self.intern_stack(&remapped)
            })
            .collect();
        // A panic at the end of a piece waits for the next piece's first goroutine.
        if self.panic_waits
            && let Some(g) = other.goroutines.first()
        {
            self.panic_waits = false;
            if let Some(p) = self.panic.as_mut() {
                p.goroutine = Some(g.id);
                p.member = Some(self.goroutines.len() as u32);
            }
        }
        self.goroutines
            .extend(other.goroutines.into_iter().map(|g| Goroutine {
                state: map(g.state),
                stack: stacks[g.stack as usize],
                created_by: g.created_by.map(|f| frames[f as usize]),
                labels: g.labels.map(map),
                ..g
            }));
        if self.panic.is_none() {
            self.panic = other.panic;
            self.panic_waits = other.panic_waits;
        }
        self.embedded |= other.embedded;
        self.warnings.extend(other.warnings);
    }
}

#[cfg(test)]
mod tests {
    use crate::goroutine::tests::corpus;
    use crate::goroutine::{Dump, Group, Similarity, group, parse};

    #[test]
    fn parallel_pieces_agree_with_one_pass() {
        let mut text = Vec::new();
        for _ in 0..50 {
            text.extend_from_slice(&corpus("go/panic-index-out-of-range-go127.log")[..]);
            text.extend_from_slice(b"\n");
        }
        // Keep only goroutines: a pure dump, as parse_parallel splits.
        let start = memchr::memmem::find(&text, b"goroutine 23").expect("g");
        let data = &text[start..];
        let one = parse(data);
        for pieces in [2, 3, 7, 40] {
            let cuts = parse::cut_points(data, pieces);
            let many = parse::parse_pieces(data, &cuts);
            assert_eq!(
                many.goroutines.len(),
                one.goroutines.len(),
                "{pieces} pieces"
            );
            let a = group(&one, Similarity::Exact);
            let b = group(&many, Similarity::Exact);
            let counts = |d: &Dump, gs: &[Group]| {
                let mut v: Vec<(u64, String)> = gs
                    .iter()
                    .map(|g| (g.count, d.describe(d.stacks[g.stack as usize].frames[0])))
                    .collect();
                v.sort();
                v
            };
            assert_eq!(counts(&one, &a), counts(&many, &b), "{pieces} pieces");
        }
    }

    /// A cut that falls right after a panic's message: the panicking goroutine
    /// is the first one of the next piece.
    #[test]
    fn a_panic_at_the_end_of_a_piece_blames_the_next_pieces_first_goroutine() {
        let text = b"panic: boom\n\ngoroutine 7 [running]:\nmain.main()\n\t/a/main.go:3 +0x2\n\ngoroutine 8 [select]:\nmain.loop(0x1)\n\t/a/main.go:9 +0x1\n";
        let cut = memchr::memmem::find(text, b"goroutine 7").expect("g7");
        let d = parse::parse_pieces(text, &[0, cut, text.len()]);
        assert_eq!(d.panic.as_ref().and_then(|p| p.goroutine), Some(7));
        assert_eq!(parse(text).panic.and_then(|p| p.goroutine), Some(7));
    }

    #[test]
    fn a_parse_counts_every_byte_it_reads_on_one_core_or_many() {
        use std::sync::atomic::{AtomicU64, Ordering};
        let demo = std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo/goroutines.txt"),
        )
        .expect("the demo's dump");
        // Past the size parsed on every core, and a small one parsed on one.
        let mut big = Vec::new();
        while big.len() < 20 << 20 {
            big.extend_from_slice(&demo);
            big.extend_from_slice(b"\n");
        }
        for data in [&demo[..], &big[..]] {
            let parsed = AtomicU64::new(0);
            let d = super::parse_parallel_counting(data, &parsed);
            assert_eq!(parsed.load(Ordering::Relaxed), data.len() as u64);
            assert_eq!(d.total(), parse(data).total());
        }
    }
}
