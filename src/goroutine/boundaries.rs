//! Where one dump ends and the next begins, in an input holding several
//! (`parts`): a panic or fatal error, a profile's `goroutine profile:` line or
//! the runtime's `SIGQUIT:` once goroutines were read; in a traceback, a
//! goroutine id that comes again (`?debug=2` written twice), at the
//! `running` goroutine that wrote the new dump; a `SIGQUIT: quit` written
//! onto the end of a log line. The parser asks here at each
//! line that could begin one; `Boundaries` keeps where each ended dump began
//! and what was read of it, for `Dump::more`.

use super::parts::Part;
use super::{DumpKind, Goroutine, Panic};

type Set<K> = std::collections::HashSet<K, rustc_hash::FxBuildHasher>;

/// What the parser read of one dump besides its goroutines.
#[derive(Debug, Default)]
pub(super) struct Facts {
    pub kind: DumpKind,
    pub declared_total: Option<u64>,
    pub panic: Option<Panic>,
}

/// The dumps ended so far and the one being read.
#[derive(Debug, Default)]
pub(super) struct Boundaries {
    /// What was read of each ended dump, in order.
    ended: Vec<Facts>,
    /// Where each dump after the first begins: byte offset, and index of its
    /// first goroutine.
    starts: Vec<(u64, u32)>,
    /// Index into the goroutines where the dump being read begins.
    first: usize,
    /// The ids of its goroutines: one that comes again begins another dump.
    ids: Set<u64>,
}

/// A line outside any goroutine that begins another dump when the one being
/// read has anything yet.
pub(super) fn opens_dump(text: &[u8]) -> bool {
    text.starts_with(b"goroutine profile: total ") || text.starts_with(b"SIGQUIT: ")
}

/// Goroutines read apart (pieces of one input) that hold an id twice:
/// another dump began between them.
pub(super) fn id_repeats(goroutines: &[Goroutine]) -> bool {
    let mut seen = Set::default();
    goroutines.iter().any(|g| g.id != 0 && !seen.insert(g.id))
}

/// Where a dump begins inside a line after other text, glued to it: a dump
/// cut off mid-line and another written after it (`curl ?debug=2 >>
/// dumps.txt` cut short, then run again). Not after a space, `:` or `|`,
/// where a log's prefix ends (`… worker: panic: boom`).
pub(super) fn glued_opener(line: &[u8]) -> Option<usize> {
    [&b"panic: "[..], b"fatal error: ", b"goroutine "]
        .into_iter()
        .flat_map(|w| memchr::memmem::find_iter(line, w))
        .filter(|&k| k > 0 && !matches!(line[k - 1], b' ' | b'\t' | b':' | b'|'))
        .filter(|&k| super::line::dump_opener(&line[k..]))
        .min()
}

/// Where a SIGQUIT dump begins in a line of other text it was written
/// onto (`… handled reqSIGQUIT: quit`: a program's stderr and its log
/// writer share a file). Not after `: ` or `| `, where a log's prefix may
/// end (the parser reads those as one); nor is it asked in a log whose
/// prefix is known.
pub(super) fn glued_signal(raw: &[u8]) -> Option<usize> {
    let k = super::line::signal_dump_at(raw).filter(|&k| k > 0)?;
    let before = &raw[..k];
    (!before.ends_with(b": ") && !before.ends_with(b"| ")).then_some(k)
}

/// A bare line of a dump, as the one after a dump's first line may be:
/// the function (no space in its name), its file:line, a goroutine header,
/// `created by`, a crash or the `PC=` under `SIGQUIT: quit`. A log line
/// (`vm CRON[7]: (root) CMD (x)`) is none of them: after a line whose end
/// was taken for a log prefix, such a line says it was none.
pub(super) fn bare_dump_line(text: &[u8]) -> bool {
    use super::line;
    line::header(text).is_some()
        || line::call(text).is_some_and(|c| !c.function.contains(&b' '))
        || line::location(text).is_some()
        || line::created_by(text).is_some()
        || line::crash_opener(text).is_some()
        || text.starts_with(b"PC=0x")
}

impl Boundaries {
    /// Index into the goroutines where the dump being read begins.
    pub fn first(&self) -> usize {
        self.first
    }

    /// Whether a dump ended before the one being read.
    pub fn several(&self) -> bool {
        !self.ended.is_empty()
    }

    /// Whether goroutine `id`'s header, in a dump of `kind`, comes again in
    /// the dump being read (then another begins); notes it otherwise.
    pub fn repeats(&mut self, kind: DumpKind, id: u64) -> bool {
        kind == DumpKind::Traceback && id != 0 && !self.ids.insert(id)
    }

    /// Notes goroutine `id` in the dump being read.
    pub fn note(&mut self, id: u64) {
        self.ids.insert(id);
    }

    /// Where the dump a repeated id begins starts, as an index into
    /// `goroutines`: the goroutine that wrote it, printed first and
    /// `running`, the last such of the dump being read after its first, else
    /// the repeat itself (`goroutines.len()`). `names` reads the states.
    pub fn writer(&self, goroutines: &[Goroutine], names: &[&[u8]]) -> usize {
        goroutines[self.first..]
            .iter()
            .rposition(|g| names[g.state as usize] == b"running")
            .map(|k| self.first + k)
            .filter(|&k| k > self.first)
            .unwrap_or(goroutines.len())
    }

    /// Ends the dump being read, with what was read of it: the next begins
    /// with `goroutines[first]` (or what follows), at `offset`.
    pub fn end(&mut self, offset: u64, first: usize, facts: Facts, goroutines: &[Goroutine]) {
        self.ended.push(facts);
        self.starts.push((offset, first as u32));
        self.first = first;
        self.ids = goroutines[first..].iter().map(|g| g.id).collect();
    }

    /// The first dump's facts, and each later dump where it begins, `last`
    /// being what was read of the dump read last. `warnings` are sorted by
    /// offset: each dump's begin where it does.
    pub fn finish<W>(self, last: Facts, warnings: &[(u64, W)]) -> (Facts, Vec<Part>) {
        let mut facts = self.ended.into_iter().chain([last]);
        let first = facts.next().unwrap_or_default();
        let more = self
            .starts
            .into_iter()
            .zip(facts)
            .map(|((offset, first), f)| Part {
                offset,
                first,
                warnings: warnings.partition_point(|w| w.0 < offset) as u32,
                kind: f.kind,
                declared_total: f.declared_total,
                panic: f.panic,
            })
            .collect();
        (first, more)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::ids;
    use super::super::*;

    /// Three dumps in one input: a traceback, a `?debug=1` profile, a panic.
    /// Each is its own once split (kind, total, panic, warnings), goroutine 1 of
    /// one is not another's, and a parse in pieces reads them alike.
    #[test]
    fn an_input_of_several_dumps_splits_into_each() {
        let text = b"goroutine 1 [running]:\nmain.main()\n\t/a/main.go:3 +0x2\n\n\
goroutine 5 [chan receive]:\nmain.wait()\n\t/a/main.go:9 +0x1\n\n\
goroutine profile: total 2\n\
2 @ 0x1 0x2\n#\t0x1\tmain.wait+0x1\t/a/main.go:9\n\n\
panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n\t/a/main.go:4 +0x2\n\n\
goroutine 8 [select]:\nmain.gone(0x1)\n";
        let profile = memchr::memmem::find(text, b"goroutine profile").expect("profile") as u64;
        let crash = memchr::memmem::find(text, b"panic: boom").expect("panic") as u64;
        let cut = memchr::memmem::find(text, b"goroutine 5").expect("g5");
        for d in [
            parse(text),
            parse::parse_pieces(text, &[0, cut, text.len()]),
        ] {
            assert!(d.panic.is_none(), "the first dump has no panic");
            let parts = d.clone().split(text);
            assert_eq!(parts.len(), 3);
            let place: Vec<(usize, u64, u64)> = parts
                .iter()
                .map(|p| {
                    p.part
                        .as_ref()
                        .map(|p| (p.number, p.line, p.offset))
                        .expect("part")
                })
                .collect();
            assert_eq!(place, [(1, 1, 0), (2, 9, profile), (3, 13, crash)]);
            assert_eq!(
                parts.iter().map(|p| p.kind).collect::<Vec<_>>(),
                [DumpKind::Traceback, DumpKind::Profile, DumpKind::Traceback]
            );
            assert_eq!(ids(&parts[0]), [1, 5]);
            assert_eq!(parts[1].total(), 2);
            assert_eq!(parts[1].declared_total, Some(2));
            // Goroutine 8 lost its file:line: the last dump warns, no other.
            assert!(parts[0].warnings.is_empty(), "{:?}", parts[0].warnings);
            assert!(parts[1].warnings.is_empty(), "{:?}", parts[1].warnings);
            let w = &parts[2].warnings;
            assert!(
                !w.is_empty() && w.iter().all(|w| w.contains("goroutine 8")),
                "{w:?}"
            );
            let last = &parts[2];
            assert_eq!(ids(last), [1, 8]);
            let p = last.panic.as_ref().expect("the panic");
            assert_eq!((p.goroutine, p.member), (Some(1), Some(0)));
            assert_eq!(last.panicking().map(|g| g.offset), Some(crash + 13));
            let groups = group(last, Similarity::Exact);
            let ranked = rank::rank(last, &groups);
            assert_eq!(ranked.iter().filter(|r| r.panicking).count(), 1);
        }
    }

    /// A dump cut after a function line, the next one begun on the line
    /// after it (a panic, a `?debug=1` profile, the same `?debug=2` written
    /// again): the cut dump says where it broke, once; the next has no
    /// warning of its own and reads whole.
    #[test]
    fn a_dump_cut_mid_stack_keeps_its_warning_whatever_begins_next() {
        let cut = "goroutine 1 [running]:\nmain.main()\n\t/a/main.go:3 +0x2\n\n\
goroutine 5 [chan receive]:\nmain.wait()\n\t/a/main.go:9 +0x1\nmain.loop(0x1)\n";
        let ends = "line 8: goroutine 5: the text ends after `main.loop` without its file:line (truncated?)";
        // A line that is no part of a goroutine ends it; the profile's header is one.
        let breaks = "line 8: goroutine 5 breaks off after `main.loop` (no file:line under it); kept the frames before it";
        for (next, said, ids_after) in [
            (
                "panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n\t/a/main.go:4 +0x2\n",
                ends,
                vec![1],
            ),
            (
                "goroutine profile: total 2\n2 @ 0x1 0x2\n#\t0x1\tmain.wait+0x1\t/a/main.go:9\n",
                breaks,
                vec![0],
            ),
            (
                "goroutine 9 [running]:\nmain.dump()\n\t/a/main.go:20 +0x2\n\n\
goroutine 1 [select]:\nmain.main()\n\t/a/main.go:5 +0x2\n",
                ends,
                vec![9, 1],
            ),
        ] {
            let text = format!("{cut}{next}");
            let parts = parse(text.as_bytes()).split(text.as_bytes());
            assert_eq!(parts.len(), 2, "{next}");
            assert_eq!(ids(&parts[0]), [1, 5], "{next}");
            assert_eq!(parts[0].warnings, [said], "{next}");
            let later = &parts[1].warnings;
            assert!(later.is_empty(), "{next}: {later:?}");
            assert_eq!(ids(&parts[1]), ids_after, "{next}");
            assert_eq!(parts[1].part.as_ref().map(|p| p.line), Some(9), "{next}");
        }
    }

    /// A dump cut off mid-line and another written after it on the same
    /// line (`curl ?debug=2 >> dumps.txt` cut short, then run again): the
    /// cut dump says so at that line; the next reads whole from where it
    /// begins inside the line (its panic message, its writer goroutine).
    #[test]
    fn a_dump_that_runs_into_the_next_on_one_line_is_two() {
        let cut = "goroutine 1 [running]:\nmain.main()\n\t/a/main.go:3 +0x2\n\n\
goroutine 5 [chan receive]:\nmain.wait()\n\t/a/main.go:9 +0x1\nmain.loop(0x1)\n\t/a/ma";
        let said = "line 9: goroutine 5 is cut off mid-line where another dump begins (a dump cut short, then another written after it)";
        for (next, ids_after) in [
            (
                "panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n\t/a/main.go:4 +0x2\n",
                vec![1],
            ),
            (
                "goroutine 9 [running]:\nmain.dump()\n\t/a/main.go:20 +0x2\n\n\
goroutine 1 [select]:\nmain.main()\n\t/a/main.go:5 +0x2\n",
                vec![9, 1],
            ),
        ] {
            let text = format!("{cut}{next}");
            let parts = parse(text.as_bytes()).split(text.as_bytes());
            assert_eq!(parts.len(), 2, "{next}");
            assert_eq!(ids(&parts[0]), [1, 5], "{next}");
            assert_eq!(parts[0].warnings, [said], "{next}");
            let later = &parts[1].warnings;
            assert!(later.is_empty(), "{next}: {later:?}");
            assert_eq!(ids(&parts[1]), ids_after, "{next}");
            assert_eq!(parts[1].part.as_ref().map(|p| p.line), Some(9), "{next}");
            let message = parts[1].panic.as_ref().map(|p| p.message.as_str());
            assert_eq!(message.is_some(), next.starts_with("panic"), "{next}");
            assert!(message.is_none_or(|m| m == "boom"), "{next}: {message:?}");
        }
        // A log line that names a panic after its prefix is no cut dump.
        let text = "goroutine 5 [chan receive]:\nmain.wait()\n\t/a/main.go:9 +0x1\n\
2026-11-20 14:35:20 worker: panic: boom\n";
        let d = parse(text.as_bytes());
        assert!(d.more.is_empty() && d.panic.is_none(), "{d:?}");
    }

    /// Two `?debug=2` dumps one after the other: goroutine 1 comes again, and
    /// the second dump begins with its writer (`running`, a new id) before it.
    #[test]
    fn a_goroutine_that_comes_again_begins_another_dump_at_its_writer() {
        let dump = |writer: u64| {
            format!(
                "goroutine {writer} [running]:\nruntime/pprof.writeGoroutineStacks()\n\t/go/pprof.go:692 +0x70\n\n\
goroutine 1 [select]:\nmain.main()\n\t/a/main.go:3 +0x2\n\n\
goroutine 7 [chan receive]:\nmain.wait()\n\t/a/main.go:9 +0x1\n\n"
            )
        };
        let text = format!("{}{}", dump(5), dump(9));
        let text = text.as_bytes();
        let second = memchr::memmem::find(text, b"goroutine 9").expect("g9");
        // Cut inside the second dump: the repeat within a piece, or across two.
        let at = |what: &[u8]| {
            memchr::memmem::find(&text[second..], what).expect("a goroutine") + second
        };
        let (g7, g1) = (at(b"goroutine 7"), at(b"goroutine 1 "));
        for d in [
            parse(text),
            parse::parse_pieces(text, &[0, g7, text.len()]),
            parse::parse_pieces(text, &[0, g1, text.len()]),
        ] {
            let parts = d.split(text);
            assert_eq!(
                parts.iter().map(ids).collect::<Vec<_>>(),
                [vec![5, 1, 7], vec![9, 1, 7]]
            );
            assert_eq!(
                parts[1].part.as_ref().map(|p| (p.line, p.offset)),
                Some((13, second as u64))
            );
            assert!(parts.iter().all(|p| p.warnings.is_empty()));
        }
    }
}
