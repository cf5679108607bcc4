//! The dump parser: one pass over the lines, tolerant of anything around or
//! inside the dump. Big dumps are cut at goroutine boundaries and parsed on
//! every core; the pieces' interned tables are then merged (`parallel`).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

use rustc_hash::FxBuildHasher;

use super::boundaries::{self, Boundaries, Facts};
use super::damage::DamageKind;
use super::line::{self, Location};
use super::{Blocked, Dump, DumpKind, Frame, Goroutine, LockKind, Panic, Stack};

mod damage;
mod parallel;

#[cfg(test)]
pub(super) use parallel::{cut_points, parse_pieces};
pub use parallel::{parse_parallel, parse_parallel_counting};

type Map<K, V> = HashMap<K, V, FxBuildHasher>;
type Set<K> = std::collections::HashSet<K, FxBuildHasher>;

/// Marks an elided stack inside an interned frame list.
const ELIDED: u32 = u32::MAX;
/// Ends the frames of an interned frame list that goes on with a profile
/// record's addresses, each as two u32s (high, low).
const ADDRESSES: u32 = u32::MAX - 1;

/// Bytes between two additions to a parse's progress counter.
const COUNT_EVERY: usize = 1 << 20;

/// Parses a dump, or the dumps and panics inside a log, on one thread.
pub fn parse(data: &[u8]) -> Dump {
    parse_counting(data, &AtomicU64::new(0))
}

fn parse_counting(data: &[u8], parsed: &AtomicU64) -> Dump {
    let mut p = Parser::new(data);
    p.run(0, data.len(), parsed);
    p.finish()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Outside,
    PanicMessage { after_blank: bool },
    Goroutine,
    Record,
}

/// The goroutine being read.
#[derive(Debug, Default)]
struct Current<'a> {
    g: Option<Goroutine>,
    frames: Vec<u32>,
    /// A function line still waiting for its location line.
    call: Option<line::Call<'a>>,
    call_offset: u64,
    creator_pending: Option<(&'a [u8], Option<u64>)>,
    unavailable: bool,
    /// Where it broke off was said: its end needs no other warning.
    broke_off: bool,
    /// A profile record's `@` addresses.
    addresses: Vec<u64>,
}

struct Parser<'a> {
    data: &'a [u8],
    names: Map<&'a [u8], u32>,
    name_list: Vec<&'a [u8]>,
    frames: Map<Frame, u32>,
    frame_list: Vec<Frame>,
    /// The lock or channel operation each interned frame's function is.
    frame_locks: Vec<Option<LockKind>>,
    /// Frames by their raw lines (function name, location line): a big dump
    /// repeats a few hundred frames millions of times, and a hit costs one
    /// lookup instead of parsing the line and interning its names.
    frame_cache: Map<(&'a [u8], &'a [u8]), u32>,
    stacks: Map<Vec<u32>, u32>,
    stack_list: Vec<Vec<u32>>,
    goroutines: Vec<Goroutine>,
    cur: Current<'a>,
    mode: Mode,
    kind: DumpKind,
    declared_total: Option<u64>,
    panic: Option<Panic>,
    /// A panic waits for the first goroutine printed after it.
    panic_waits: bool,
    /// The text before dump lines in a log (`host prog[pid]: `), learned at the first opener.
    tag: Option<&'a [u8]>,
    /// `tag` was learned and no line after its own has told yet whether it
    /// is a prefix (`boundaries::bare_dump_line`).
    tag_pending: bool,
    embedded: bool,
    /// Where the dump is damaged, at the offset of its line.
    warnings: Vec<(u64, DamageKind)>,
    /// The dumps before the one being read, when the input holds several.
    bounds: Boundaries,
    /// Where the input's first dump was opened by a line of its own
    /// (`SIGQUIT: quit`, `goroutine profile:`) before any goroutine.
    opener: Option<u64>,
    /// Goroutines of the dump being read listed as running on another thread,
    /// stack unavailable: listed again, they are that thread's traceback.
    stackless: Set<u64>,
}

impl<'a> Parser<'a> {
    fn new(data: &'a [u8]) -> Self {
        Parser {
            data,
            names: Map::default(),
            name_list: Vec::new(),
            frames: Map::default(),
            frame_list: Vec::new(),
            frame_locks: Vec::new(),
            frame_cache: Map::default(),
            stacks: Map::default(),
            stack_list: Vec::new(),
            goroutines: Vec::new(),
            cur: Current::default(),
            mode: Mode::Outside,
            kind: DumpKind::Traceback,
            declared_total: None,
            panic: None,
            panic_waits: false,
            tag: None,
            tag_pending: false,
            embedded: false,
            warnings: Vec::new(),
            bounds: Boundaries::default(),
            opener: None,
            stackless: Set::default(),
        }
    }

    /// Whether the dump being read has anything yet: a goroutine, a panic, a profile's total.
    fn part_has_content(&self) -> bool {
        self.goroutines.len() > self.bounds.first()
            || self.cur.g.is_some()
            || self.panic.is_some()
            || self.declared_total.is_some()
    }

    /// Another dump begins at `offset`: the one being read ends.
    fn new_part(&mut self, offset: u64) {
        self.flush();
        self.begin_part(offset, self.goroutines.len());
    }

    /// A goroutine id comes again (`?debug=2` written twice to one file): the
    /// next dump began with the goroutine that wrote it, printed first and
    /// `running`, the last such before here, else it begins here.
    fn repeated(&mut self, offset: u64) {
        let at = self.bounds.writer(&self.goroutines, &self.name_list);
        let offset = self.goroutines.get(at).map_or(offset, |g| g.offset);
        self.begin_part(offset, at);
    }

    /// Drops goroutine `id`'s listing from the dump being read (its last),
    /// the panic's goroutine then the one whose header is being read.
    fn drop_listing(&mut self, id: u64) {
        let first = self.bounds.first();
        let Some(k) = self.goroutines[first..].iter().rposition(|g| g.id == id) else {
            return;
        };
        let k = first + k;
        self.goroutines.remove(k);
        if let Some(p) = self.panic.as_mut()
            && let Some(m) = p.member
        {
            p.member = match (m as usize).cmp(&k) {
                std::cmp::Ordering::Less => Some(m),
                std::cmp::Ordering::Greater => Some(m - 1),
                // The listing being read is pushed last.
                std::cmp::Ordering::Equal => Some(self.goroutines.len() as u32),
            };
        }
    }

    /// Ends the dump being read where its goroutine `first` (or what follows)
    /// begins, at `offset`.
    fn begin_part(&mut self, offset: u64, first: usize) {
        let facts = Facts {
            kind: self.kind,
            declared_total: self.declared_total.take(),
            panic: self.panic.take(),
        };
        self.bounds.end(offset, first, facts, &self.goroutines);
        self.stackless.clear();
        self.kind = DumpKind::Traceback;
        self.panic_waits = false;
        self.mode = Mode::Outside;
    }

    /// Reads the lines of `start..end`, adding the bytes read to `parsed`
    /// every `COUNT_EVERY` bytes and at the end.
    fn run(&mut self, start: usize, end: usize, parsed: &AtomicU64) {
        let data = self.data;
        // A UTF-8 byte-order mark is not part of the first line.
        let mut pos = match start {
            0 if data.starts_with(b"\xef\xbb\xbf") => 3,
            _ => start,
        };
        let mut counted = start;
        // Where the input's last line that is not blank ends.
        let content_end = data.trim_ascii_end().len();
        for nl in memchr::memchr_iter(b'\n', &data[start..end]) {
            let raw = &data[pos..start + nl];
            // The input's last line that is not blank: a header cut there
            // (`goroutine 9 [runn`), then a newline and nothing but blank
            // lines, is cut as one without the newline is, after a preamble,
            // a log's lines or complete goroutines alike.
            if start + nl + 1 >= content_end && line::header_cut(line::trim(self.untagged(raw))) {
                self.unended_line(pos as u64, raw);
            } else {
                self.line(pos as u64, raw);
            }
            pos = start + nl + 1;
            if pos - counted >= COUNT_EVERY {
                parsed.fetch_add((pos - counted) as u64, Ordering::Relaxed);
                counted = pos;
            }
        }
        if pos < end && end == data.len() {
            self.unended_line(pos as u64, &data[pos..end]);
        } else if pos < end {
            self.line(pos as u64, &data[pos..end]);
        }
        parsed.fetch_add((end - counted) as u64, Ordering::Relaxed);
    }

    fn intern(&mut self, s: &'a [u8]) -> u32 {
        if let Some(&i) = self.names.get(s) {
            return i;
        }
        let i = self.name_list.len() as u32;
        self.names.insert(s, i);
        self.name_list.push(s);
        i
    }

    fn intern_frame(&mut self, f: Frame) -> u32 {
        *self.frames.entry(f).or_insert_with(|| {
            self.frame_list.push(f);
            self.frame_locks
                .push(super::lock::lock_kind(self.name_list[f.function as usize]));
            (self.frame_list.len() - 1) as u32
        })
    }

    fn intern_stack(&mut self, frames: &[u32]) -> u32 {
        if let Some(&i) = self.stacks.get(frames) {
            return i;
        }
        let i = self.stack_list.len() as u32;
        self.stacks.insert(frames.to_vec(), i);
        self.stack_list.push(frames.to_vec());
        i
    }

    /// A line behind the dump's log prefix (`14311: `, a journal entry's
    /// unit) when the dump has one, else as it is: what the checks for a
    /// cut header read, before `strip` takes the line.
    pub(super) fn untagged(&self, raw: &'a [u8]) -> &'a [u8] {
        let Some(tag) = self.tag else {
            return raw;
        };
        let head = &raw[..raw.len().min(256)];
        memchr::memmem::find(head, tag).map_or(raw, |k| &raw[k + tag.len()..])
    }

    /// The dump text of a line: the whole line, or what follows the log prefix.
    fn strip(&mut self, raw: &'a [u8]) -> Option<&'a [u8]> {
        let line = raw.strip_suffix(b"\r").unwrap_or(raw);
        if let Some(tag) = self.tag {
            let head = &line[..line.len().min(256)];
            if let Some(k) = memchr::memmem::find(head, tag) {
                self.tag_pending = false;
                return Some(&line[k + tag.len()..]);
            }
            let pending = std::mem::take(&mut self.tag_pending);
            if line::trim(line).is_empty() {
                self.tag_pending = pending;
                return None;
            }
            if !pending || !boundaries::bare_dump_line(line) {
                return None;
            }
            // The dump's next line, bare: the tag was the end of a log line
            // the dump was written onto (`… upstream failed: SIGQUIT: quit`,
            // `… stack: goroutine 1 [running]:` of a logged `debug.Stack()`),
            // not a prefix of every line.
            self.tag = None;
        }
        if self.mode != Mode::Outside || line::dump_opener(line) {
            return Some(line);
        }
        // A dump inside a log: `… host prog[pid]: panic: …`, `svc-1  | goroutine 1 [running]:`.
        let head = &line[..line.len().min(256)];
        for sep in [&b": "[..], b"| "] {
            for k in memchr::memmem::find_iter(head, sep) {
                let rest = &line[k + sep.len()..];
                if line::dump_opener(rest) {
                    let token = head[..k]
                        .iter()
                        .rposition(|&b| b == b' ')
                        .map_or(0, |s| s + 1);
                    self.tag = Some(&line[token..k + sep.len()]);
                    self.tag_pending = true;
                    return Some(rest);
                }
            }
        }
        Some(line)
    }

    fn line(&mut self, offset: u64, raw: &'a [u8]) {
        if let Some(k) = boundaries::glued_signal(raw).filter(|_| self.tag.is_none()) {
            // The log line the dump was written onto, then its first line.
            self.line(offset, &raw[..k]);
            self.line(offset + k as u64, &raw[k..]);
            return;
        }
        let Some(text) = self.strip(raw) else {
            self.foreign(offset, raw);
            return;
        };
        if let Some(h) = line::header(text) {
            self.flush();
            self.start(offset, h);
            return;
        }
        if let Some(level) = line::crash_opener(line::trim(text)) {
            self.crash(offset, text, level);
            return;
        }
        match self.mode {
            Mode::Goroutine => self.goroutine_line(offset, text),
            Mode::Record => self.record_line(offset, text),
            Mode::PanicMessage { after_blank } => self.panic_line(text, after_blank),
            Mode::Outside => self.outside_line(offset, text),
        }
    }

    fn start(&mut self, offset: u64, h: line::Header<'a>) {
        if self.bounds.repeats(self.kind, h.id) {
            if self.stackless.remove(&h.id) {
                // Two goroutines threw at once: the runtime listed this one
                // as running on another thread, and that thread lists it
                // whole. The same dump; the whole listing is kept.
                self.drop_listing(h.id);
            } else {
                self.repeated(offset);
                self.bounds.note(h.id);
            }
        }
        let state = self.intern(h.state);
        if self.panic_waits {
            self.panic_waits = false;
            if let Some(p) = self.panic.as_mut() {
                p.goroutine = Some(h.id);
                p.member = Some(self.goroutines.len() as u32);
            }
        }
        self.cur.g = Some(Goroutine {
            id: h.id,
            count: 1,
            offset,
            state,
            wait_minutes: h.wait_minutes,
            locked: h.locked,
            stack: 0,
            created_by: None,
            creator: None,
            blocked_on: None,
            labels: None,
        });
        self.mode = Mode::Goroutine;
    }

    fn crash(&mut self, offset: u64, text: &'a [u8], level: crate::level::Level) {
        let text = line::trim(text);
        let (kind, msg) = match level {
            crate::level::Level::Panic => ("panic", &text[7..]),
            _ => ("fatal error", &text[13..]),
        };
        let msg = String::from_utf8_lossy(msg).into_owned();
        // A nested panic (`panic: a [recovered]` then `\tpanic: b`) continues the chain.
        if let (Some(p), Mode::PanicMessage { .. }) = (self.panic.as_mut(), self.mode) {
            // A repanicked value already stands in the chain with its mark.
            let repanicked = p
                .chain
                .last()
                .and_then(|c| c.strip_suffix(line::REPANICKED))
                == Some(p.message.as_str());
            let previous = std::mem::replace(&mut p.message, msg);
            if !repanicked {
                p.chain.push(previous);
            }
            line::split_repanicked(p);
            return;
        }
        self.flush();
        // A crash after a dump (a profile written, then a panic; a restart
        // loop's second crash) is another dump.
        if self.part_has_content() {
            self.new_part(offset);
        }
        let mut p = Panic {
            kind: kind.into(),
            message: msg,
            offset,
            ..Default::default()
        };
        line::split_repanicked(&mut p);
        self.panic = Some(p);
        // A deadlock is every goroutine's doing: the first one printed is not to blame.
        self.panic_waits = !self
            .panic
            .as_ref()
            .is_some_and(|p| p.message.contains("deadlock"));
        self.mode = Mode::PanicMessage { after_blank: false };
    }

    fn panic_line(&mut self, text: &'a [u8], after_blank: bool) {
        let t = line::trim(text);
        if t.is_empty() {
            self.mode = Mode::PanicMessage { after_blank: true };
        } else if let Some(sig) = line::signal(t) {
            if let Some(p) = self.panic.as_mut() {
                p.signal = Some(sig);
            }
        } else if !after_blank
            && !t.starts_with(b"goroutine ")
            && let Some(p) = self.panic.as_mut()
        {
            // A message that spans lines (an error with newlines in it).
            p.message.push('\n');
            p.message.push_str(&String::from_utf8_lossy(t));
        }
    }

    fn goroutine_line(&mut self, offset: u64, text: &'a [u8]) {
        if text.is_empty() {
            self.flush();
            self.mode = Mode::Outside;
            return;
        }
        if let Some(call) = self.cur.call
            && let Some(&id) = self
                .frame_cache
                .get(&(call.function, line::location_key(text)))
        {
            self.cur.call = None;
            self.push_interned(call, id);
            return;
        }
        if let Some(loc) = line::location(text) {
            if let Some(call) = self.cur.call.take() {
                let id = self.frame_of(call.function, loc);
                self.frame_cache
                    .insert((call.function, line::location_key(text)), id);
                self.push_interned(call, id);
            } else if let Some((func, creator)) = self.cur.creator_pending.take() {
                let f = self.frame_of(func, loc);
                if let Some(g) = self.cur.g.as_mut() {
                    g.created_by = Some(f);
                    g.creator = creator;
                }
            } else if line::trim(text).starts_with(b"goroutine running on other thread") {
                self.cur.unavailable = true;
            }
            return;
        }
        if let Some(c) = line::created_by(text) {
            self.unfinished_call(offset);
            self.cur.creator_pending = Some(c);
            self.cur.call_offset = offset;
            return;
        }
        if let Some(c) = line::call(text) {
            self.unfinished_call(offset);
            self.cur.call = Some(c);
            self.cur.call_offset = offset;
            return;
        }
        let t = line::trim(text);
        if t == b"...additional frames elided..." {
            self.cur.frames.push(ELIDED);
        } else if t.starts_with(b"goroutine running on other thread") {
            self.cur.unavailable = true;
        } else if !self.glued(offset, text) {
            // Not part of a goroutine: it ended without its blank line
            // (journald drops them), or the dump is damaged here. Said at
            // the function line: this one may begin another dump.
            if let Some(call) = self.cur.call.take() {
                let id = self.cur.g.as_ref().map_or(0, |g| g.id);
                self.warnings.push((
                    self.cur.call_offset,
                    DamageKind::BreaksOff {
                        goroutine: id,
                        function: String::from_utf8_lossy(call.function).into_owned(),
                    },
                ));
                self.cur.broke_off = true;
            }
            self.flush();
            self.mode = Mode::Outside;
            self.outside_line(offset, text);
        }
    }

    fn frame_of(&mut self, function: &'a [u8], loc: Location<'a>) -> u32 {
        let f = Frame {
            function: self.intern(function),
            file: self.intern(loc.file),
            line: loc.line,
            pc: loc.pc.unwrap_or(0),
            offset: loc.offset,
        };
        self.intern_frame(f)
    }

    fn push_frame(&mut self, call: line::Call<'a>, loc: Location<'a>) {
        let id = self.frame_of(call.function, loc);
        self.push_interned(call, id);
    }

    /// Adds an interned frame to the goroutine; a sync or channel call's
    /// first argument says what the goroutine waits on.
    fn push_interned(&mut self, call: line::Call<'a>, id: u32) {
        let index = self.cur.frames.len();
        self.cur.frames.push(id);
        if let Some(kind) = self.frame_locks[id as usize]
            && let Some(g) = self.cur.g.as_mut()
            && g.blocked_on.is_none_or(|b| b.kind == LockKind::Semaphore)
            && let Some(address) = line::first_arg(call.args)
        {
            g.blocked_on = Some(Blocked {
                kind,
                address,
                frame: index.min(usize::from(u16::MAX)) as u16,
            });
        }
    }

    fn record_line(&mut self, offset: u64, text: &'a [u8]) {
        if let Some((_, func, loc)) = line::profile_frame(text) {
            let id = self.frame_of(func, loc);
            self.cur.frames.push(id);
        } else if let Some(labels) = text.strip_prefix(b"# labels: ") {
            let l = self.intern(labels);
            if let Some(g) = self.cur.g.as_mut() {
                g.labels = Some(l);
            }
        } else if !self.glued(offset, text) {
            self.flush();
            self.mode = Mode::Outside;
            self.outside_line(offset, text);
        }
    }

    /// A line of a goroutine or profile record that runs into the start of
    /// another dump (`line::glued_opener`): the goroutine ends there, said
    /// at this line (the dump it belongs to), and the rest is read as a line
    /// of its own. Not in a log, whose lines the dump's are read from.
    fn glued(&mut self, offset: u64, text: &'a [u8]) -> bool {
        let Some(k) = boundaries::glued_opener(text).filter(|_| self.tag.is_none()) else {
            return false;
        };
        let id = self.cur.g.as_ref().map_or(0, |g| g.id);
        self.warnings
            .push((offset, DamageKind::GluedToNextDump { goroutine: id }));
        self.cur.call = None;
        self.cur.broke_off = true;
        self.flush();
        self.mode = Mode::Outside;
        self.line(offset + k as u64, &text[k..]);
        true
    }

    fn outside_line(&mut self, offset: u64, text: &'a [u8]) {
        if boundaries::opens_dump(text) {
            if self.part_has_content() {
                self.new_part(offset);
            } else if !self.bounds.several() && self.opener.is_none() {
                self.opener = Some(offset);
            }
        }
        if let Some(total) = text.strip_prefix(b"goroutine profile: total ") {
            self.kind = DumpKind::Profile;
            self.declared_total = line::parse_u64(line::trim(total));
        } else if self.kind == DumpKind::Profile
            && let Some(count) = line::profile_record(text)
        {
            let state = self.intern(b"");
            self.cur.addresses.clear();
            self.cur.addresses.extend(line::profile_addresses(text));
            self.cur.g = Some(Goroutine {
                id: 0,
                count,
                offset,
                state,
                wait_minutes: None,
                locked: false,
                stack: 0,
                created_by: None,
                creator: None,
                blocked_on: None,
                labels: None,
            });
            self.mode = Mode::Record;
        } else {
            self.foreign(offset, text);
        }
    }

    /// A line that is not part of a dump: a log line around a panic, or the
    /// runtime's own notes (`SIGQUIT: quit`, registers), which do not count.
    fn foreign(&mut self, _offset: u64, text: &[u8]) {
        let t = line::trim(text);
        let runtime_note = t.is_empty()
            || t.starts_with(b"SIG")
            || t.starts_with(b"PC=")
            || t.starts_with(b"runtime")
            || t.starts_with(b"exit status")
            || t.starts_with(b"[")
            || line::is_register(t);
        if !runtime_note {
            self.embedded = true;
        }
    }

    /// Ends the goroutine being read, if any.
    fn flush(&mut self) {
        let Some(mut g) = self.cur.g.take() else {
            return;
        };
        // Said at the function line, not where the next thing begins: that
        // may be another dump (a profile cut short, then a panic).
        let cut = self.cur.call.take();
        let broke_off = std::mem::take(&mut self.cur.broke_off);
        if let Some(call) = cut {
            self.warnings.push((
                self.cur.call_offset,
                DamageKind::EndsAfterCall {
                    goroutine: g.id,
                    function: String::from_utf8_lossy(call.function).into_owned(),
                },
            ));
        }
        if let Some((function, _)) = self.cur.creator_pending.take()
            && cut.is_none()
            && !broke_off
        {
            self.warnings.push((
                self.cur.call_offset,
                DamageKind::EndsAfterCreatedBy {
                    goroutine: g.id,
                    function: String::from_utf8_lossy(function).into_owned(),
                },
            ));
        }
        if self.cur.frames.is_empty()
            && cut.is_none()
            && !broke_off
            && !self.cur.unavailable
            && self.kind == DumpKind::Traceback
        {
            self.warnings.push((
                g.offset,
                DamageKind::HeaderWithoutFrames { goroutine: g.id },
            ));
        }
        let mut frames = std::mem::take(&mut self.cur.frames);
        if !self.cur.addresses.is_empty() {
            frames.push(ADDRESSES);
            for &a in &self.cur.addresses {
                frames.extend([(a >> 32) as u32, a as u32]);
            }
            self.cur.addresses.clear();
        }
        if self.cur.unavailable && frames.is_empty() {
            self.stackless.insert(g.id);
        }
        g.stack = self.intern_stack(&frames);
        self.cur.frames = frames;
        self.cur.frames.clear();
        self.cur.creator_pending = None;
        self.cur.unavailable = false;
        self.goroutines.push(g);
    }

    fn finish(mut self) -> Dump {
        self.flush();
        // Each later dump's warnings begin where it does (by offset).
        self.warnings.sort_by_key(|w| w.0);
        let last = Facts {
            kind: self.kind,
            declared_total: self.declared_total,
            panic: self.panic.take(),
        };
        let bounds = std::mem::take(&mut self.bounds);
        let (first, more) = bounds.finish(last, &self.warnings);
        let Facts {
            kind,
            declared_total,
            panic,
        } = first;
        let damage = line::with_line_numbers(self.data, self.warnings);
        let warnings = super::damage::warnings(&damage);
        let stacks = self
            .stack_list
            .into_iter()
            .map(|mut frames| {
                let addresses = match frames.iter().position(|&f| f == ADDRESSES) {
                    Some(at) => {
                        let words = frames.split_off(at);
                        words[1..]
                            .chunks_exact(2)
                            .map(|w| (u64::from(w[0]) << 32) | u64::from(w[1]))
                            .collect()
                    }
                    None => Vec::new(),
                };
                let elided = frames.contains(&ELIDED);
                frames.retain(|&f| f != ELIDED);
                Stack {
                    frames,
                    elided,
                    addresses,
                }
            })
            .collect();
        Dump {
            kind,
            names: self
                .name_list
                .iter()
                .map(|n| String::from_utf8_lossy(n).into_owned())
                .collect(),
            frames: self.frame_list,
            stacks,
            goroutines: self.goroutines,
            panic,
            declared_total,
            embedded: self.embedded,
            warnings,
            damage,
            more,
            part: None,
            opener: self.opener,
        }
    }
}
