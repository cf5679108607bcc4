//! Which lines start a record: the per-format rule the indexer asks about
//! every line.
//!
//! A goroutine dump (`go-dump`) is one record per goroutine (and one for the
//! panic or fatal error above them). In a log, a Go panic or fatal error
//! starts a record that keeps its whole stack, however the log groups other
//! undated lines.
//!
//! A dated line starts a record, except in a trace that a capturer dated line
//! by line (journald, `docker logs -t`: a program's stderr, one entry a line):
//! there a line of the unit that opened the trace (`panic:`, `fatal error:`, a
//! goroutine header) whose message is trace-shaped continues its record. Lines
//! of other units in between (journald merges them) stay records of their
//! own; the trace's lines after them start a piece of it (records are runs of
//! lines, so one cannot hold lines on both sides of another's).
//!
//! Python tracebacks and Java exceptions (`traces`) are kept whole the same
//! ways. Undated, one continues the record above it when that record is a
//! warning or worse (`logging.exception`, `log.error("…", e)`), and is a
//! record of its own, an error, otherwise (an uncaught exception on stderr);
//! a Python traceback's closing exception line (`KeyError: 'user'`) stays in it.
//! java.util.logging prints a record's `Throwable` under its message line, so
//! there a Java exception's line continues the record at any level.

use super::Format;
use super::message::Message;
use super::traces::{self, Kind};
use crate::goroutine::line;
use crate::level::Level;

mod behind_token;
mod trace_rule;
pub use trace_rule::Facts;

/// What a line does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// It continues the record above it.
    Continue,
    /// It starts a record, with this level.
    New(Option<Level>),
    /// It opens a program's exception report (`traces`): it continues the
    /// record above when that is a warning or worse (the exception was
    /// logged), and starts one with this level otherwise.
    Exception(Level),
    /// java.util.logging's `LEVEL: message` line under its header: it
    /// continues the header's record and gives it this level.
    Level(Level),
    /// A dated line inside a journal entry (`-o export`'s
    /// `__REALTIME_TIMESTAMP=`): it continues the record and dates it, when
    /// the record's first line gave it no time of its own.
    Time,
}

/// What a dated line is to a trace that a capturer dated line by line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dated {
    /// It opens a trace (its level for a panic or fatal error).
    Opens(Option<Level>),
    /// A line of the open trace, right under the trace's record.
    Joins,
    /// A line of the open trace after another unit's lines: a new piece.
    Resumes,
    /// Another unit's line while a trace is open.
    Other,
    /// No trace is open, or this line ends it.
    Outside,
}

impl Dated {
    fn start(self) -> Start {
        match self {
            Dated::Opens(level) => Start::New(level),
            Dated::Joins => Start::Continue,
            Dated::Resumes | Dated::Other | Dated::Outside => Start::New(None),
        }
    }
}

/// What the rule remembers from line to line. A chunk indexed in parallel
/// starts from what the line before it tells (`Format::state_after`); where
/// that differs from the state the chunk before it ended in (a trace open
/// across the cut), the index redoes the chunk from that state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RecordState {
    /// Inside a Go panic's or dump's stacks (undated lines).
    in_trace: bool,
    /// Inside a Python traceback before its exception's line (undated lines).
    in_python: bool,
    /// The line above ended a Python traceback: a trace right under it is
    /// another exception, not one logged by the record above.
    after_exception: bool,
    /// A logged trace (a frame, an exception's line, a trace's heading:
    /// `looks_like_trace_line`, `trace_heading`) is in the record above,
    /// undated: in a log whose dated lines follow a format, every undated
    /// line up to the next dated one is that trace's.
    trace_above: bool,
    /// The unit (hashed) whose dated trace is open.
    trace_unit: Option<u64>,
    /// The runtime that printed the open dated trace.
    trace_kind: Kind,
    /// The last record is the open trace's, so its next line joins it.
    trace_last: bool,
    /// Other units' lines since the trace's last line.
    others: u32,
    /// `docker compose logs`: the service (hashed) of the line above, so that
    /// another service's undated line starts a record of its own; the file
    /// or pod a `prefixed` line's token names, likewise.
    service_above: Option<u64>,
    /// `jul`: the line above is SimpleFormatter's header, so a `LEVEL: `
    /// line under it is its record's.
    jul_header: bool,
    /// `journal-verbose`, `journal-export`: the entry being read.
    pub(super) entry: super::journal_entry::EntryState,
    /// `w3c`: the columns the last `#Fields:` line named, where they are
    /// not the ones detection learned (None: those), so that a chunk is
    /// redone only after a change (`w3c::directive`).
    pub w3c: Option<super::w3c::Columns>,
    /// The line above is grep's `--` between groups of context: the next
    /// line starts a record, whatever its shape (its record's head, above
    /// it in the file, is not in grep's output).
    after_separator: bool,
}

/// grep's `--` between groups of context lines (`grep -C`, `-A`, `-B`):
/// a line of grep's own, never part of a record of the log.
fn grep_separator(text: &[u8]) -> bool {
    text.strip_suffix(b"\r").unwrap_or(text) == b"--"
}

impl Format {
    /// The rule for an undated line. `dense`: most lines of the source carry
    /// a time, so undated ones are continuations (stack traces, pretty JSON).
    /// Inline: the indexer asks for every undated line, and whether it is
    /// inlined there otherwise depends on how the crate is split into
    /// codegen units (+2.2 M instructions indexing 32 MiB of the app log when
    /// it was not).
    #[inline]
    pub fn undated_start(&self, text: &[u8], dense: bool, st: &mut RecordState) -> Start {
        if text.len() <= 3 && grep_separator(text) {
            return self.separator(st);
        }
        if st.after_separator {
            return self.under_separator(text, dense, st);
        }
        if matches!(self, Format::DockerCompose) {
            return self.compose_undated_start(text, dense, st);
        }
        // `kubectl logs --prefix` and `grep -H` put their token before a
        // stack's frames too: the frame is what follows it, read as the
        // format behind the tokens reads it.
        if let Format::Prefixed(inner) = self {
            return self.prefixed_undated_start(inner, text, dense, st);
        }
        if matches!(self, Format::Jul) {
            if std::mem::take(&mut st.jul_header)
                && let Some(level) = super::app::jul_level(text)
            {
                return Start::Level(level);
            }
            // SimpleFormatter prints a record's Throwable right under its
            // message: the record's at any level, whatever its class is named
            // (`java.lang.Throwable`). No state: a cut may fall right on it.
            if traces::java_exception_line(text) {
                return Start::Continue;
            }
        }
        let start = self.undated(text, dense, st);
        if start != Start::Continue {
            st.trace_last = false;
        }
        start
    }

    /// grep's `--`: a record of its own that ends every trace open above
    /// it; the line under it starts another. Out of line: rare.
    #[inline(never)]
    fn separator(&self, st: &mut RecordState) -> Start {
        if matches!(self, Format::GoDump) || self.entries().is_some() {
            return Start::Continue;
        }
        st.in_trace = false;
        st.in_python = false;
        st.after_exception = false;
        st.trace_above = false;
        st.trace_last = false;
        st.service_above = None;
        st.after_separator = true;
        Start::New(None)
    }

    /// The line under grep's `--`: a record's first, whatever its shape.
    /// Out of line, so that `undated_start`, which it calls, stays inlined
    /// in the indexer (a call to itself would keep it out).
    #[inline(never)]
    fn under_separator(&self, text: &[u8], dense: bool, st: &mut RecordState) -> Start {
        st.after_separator = false;
        match self.undated_start(text, dense, st) {
            Start::Continue => Start::New(None),
            start => start,
        }
    }

    /// `docker compose logs` without `-t`: the service prefix tells the units
    /// apart as a capturer's stamp does (the rule for dated lines), what
    /// follows it is the program's line, and a line of another service than
    /// the line above is not a continuation of that service's record, however
    /// dense the dated lines around it are.
    #[inline(never)]
    fn compose_undated_start(&self, text: &[u8], dense: bool, st: &mut RecordState) -> Start {
        let above = st.service_above;
        let Some(m) = self.message(text) else {
            st.service_above = None;
            let start = self.undated(text, dense, st);
            if start != Start::Continue {
                st.trace_last = false;
            }
            return start;
        };
        let service = Some(fnv1a(m.unit()));
        let head = m.head();
        let dated = self.dated_message(Some(m), service, st);
        st.service_above = service;
        if dated != Dated::Outside {
            return dated.start();
        }
        let mut start = self.undated(head, dense, st);
        if start == Start::Continue && above.is_some() && above != service {
            start = Start::New(None);
        }
        if start != Start::Continue {
            st.trace_last = false;
        }
        start
    }

    /// The state a chunk starts in after `above`, the line before it: a
    /// compose service's undated lines must know whose line that was.
    pub fn state_after(&self, above: &[u8]) -> RecordState {
        RecordState {
            service_above: self.service(above),
            ..Default::default()
        }
    }

    /// `docker compose logs`: the service (hashed) a line is from.
    fn service(&self, line: &[u8]) -> Option<u64> {
        if let Format::Prefixed(inner) = self {
            return super::prefixed::token_name(inner, line).map(fnv1a);
        }
        if !matches!(self, Format::DockerCompose) {
            return None;
        }
        self.message(line).map(|m| fnv1a(m.unit()))
    }

    fn undated(&self, text: &[u8], dense: bool, st: &mut RecordState) -> Start {
        if matches!(self, Format::GoDump) {
            // A SIGQUIT dump also begins after a log line it was written onto.
            return if line::dump_opener(text)
                || line::profile_record(text).is_some()
                || line::signal_dump_at(text).is_some()
            {
                Start::New(line::crash_opener(text))
            } else {
                Start::Continue
            };
        }
        // logcat heads every line of a message: its only undated lines are
        // its own markers (`--------- beginning of crash`), each a record.
        if matches!(self, Format::Logcat) {
            return Start::New(None);
        }
        // logrus's colour lines have no stamp: each one's head starts it.
        if matches!(self, Format::LogrusTty) && super::logrus::head(text).is_some() {
            return Start::New(None);
        }
        if let Some(level) = line::crash_opener(text) {
            st.in_trace = true;
            st.in_python = false;
            st.trace_above = false;
            return Start::New(Some(level));
        }
        // The runtime's `SIGQUIT: quit` (alone, or after a log line it was
        // written onto) opens a record that keeps its goroutines.
        if line::signal_dump_at(text).is_some() {
            st.in_trace = true;
            st.in_python = false;
            st.trace_above = false;
            return Start::New(None);
        }
        let after_exception = std::mem::take(&mut st.after_exception);
        if st.in_python {
            if let Some(kind) = traces::continues(Kind::Python, text) {
                st.in_python = kind == Kind::Python;
                st.after_exception = kind == Kind::PythonEnd;
                return Start::Continue;
            }
            st.in_python = false;
        }
        if let Some(kind) = traces::opener(text) {
            st.in_python = kind == Kind::Python;
            st.in_trace = false;
            st.trace_above = false;
            return if after_exception {
                Start::New(Some(Level::Error))
            } else {
                Start::Exception(Level::Error)
            };
        }
        if st.in_trace || line::header(text).is_some() {
            if is_trace_line(text) {
                st.in_trace = true;
                return Start::Continue;
            }
            st.in_trace = false;
        }
        if dense {
            return Start::Continue;
        }
        if looks_like_trace_line(text) || trace_heading(text) {
            st.trace_above = true;
            return Start::Continue;
        }
        // A logged trace runs to the next dated line where the dated lines
        // follow a format (lnav's rule): what it prints between its frames
        // and after them (`  thrown in …`, `[previous exception] …`, Monolog's
        // closing `"}`) is the trace's. In a plain log no dated line would end
        // it; a line after a Go panic's or a Python traceback's end, or under
        // a dated line, is the program's (interleaved output) unless shaped
        // as a continuation.
        if looks_like_continuation(text) || (st.trace_above && !matches!(self, Format::Plain)) {
            Start::Continue
        } else {
            Start::New(None)
        }
    }

    /// The rule for a dated line: it starts a record unless it continues a
    /// trace its capturer dated line by line. (The journal entry formats
    /// have their own rule, `entry_start`, which the indexer asks instead.)
    pub fn dated_start(&self, line: &[u8], st: &mut RecordState) -> Start {
        st.after_separator = false;
        if matches!(self, Format::DockerCompose) {
            return self.compose_dated_start(line, st);
        }
        if let Format::Prefixed(inner) = self {
            return self.prefixed_dated_start(inner, line, st);
        }
        let start = self.dated(line, st).start();
        st.jul_header = matches!(self, Format::Jul);
        // A SIGQUIT dump written onto a dated log line: the undated lines
        // under it are the dump's.
        if line::signal_dump_at(line).is_some() {
            st.in_trace = true;
        }
        start
    }

    /// `dated_start` behind a compose prefix: the message read once, for the
    /// rule and as the service above.
    #[inline(never)]
    fn compose_dated_start(&self, line: &[u8], st: &mut RecordState) -> Start {
        let m = self.message(line);
        let service = m.as_ref().map(|m| fnv1a(m.unit()));
        let start = self.dated_message(m, service, st).start();
        st.service_above = service;
        start
    }

    /// What a dated line is to the trace open before it; updates the state.
    /// Most lines cost finding their message and two prefix checks; while a
    /// trace is open, also finding their unit.
    pub fn dated(&self, line: &[u8], st: &mut RecordState) -> Dated {
        st.in_trace = false;
        st.in_python = false;
        st.after_exception = false;
        st.trace_above = false;
        if st.trace_unit.is_none() && !self.message_head(line).is_some_and(opens_trace) {
            return Dated::Outside;
        }
        self.dated_message(self.message(line), None, st)
    }

    /// `dated` for a line whose message is read already; `unit`: its unit's
    /// hash, when known (a compose line's, kept as the service above).
    fn dated_message(
        &self,
        m: Option<Message<'_>>,
        unit: Option<u64>,
        st: &mut RecordState,
    ) -> Dated {
        st.in_trace = false;
        st.in_python = false;
        st.after_exception = false;
        st.trace_above = false;
        let Some(m) = m else {
            st.trace_last = false;
            return Dated::Outside;
        };
        let opens = opens_trace(m.head());
        if st.trace_unit.is_none() && !opens {
            return Dated::Outside;
        }
        let unit = unit.unwrap_or_else(|| fnv1a(m.unit()));
        if st.trace_unit != Some(unit) && !opens {
            return st.other();
        }
        let text = m.text();
        st.decide(Some(&text[..]), opens, unit)
    }
}

/// A message that opens a trace: a panic, a fatal error, a goroutine header,
/// a Python traceback or a Java exception.
fn opens_trace(head: &[u8]) -> bool {
    // Most dated lines are answered by their message's first byte.
    if !matches!(head.first(), Some(b'p' | b'f' | b'g' | b'T' | b'E' | b'F')) {
        return false;
    }
    line::crash_opener(head).is_some()
        || head.starts_with(b"goroutine ")
        || traces::opener(head).is_some()
}

/// Lines of other units after which an open trace is given up: its process
/// died or went on with other output that its capturer lost.
const OTHERS_MAX: u32 = 1024;

impl RecordState {
    /// Another unit's line while a trace is open (or none is).
    fn other(&mut self) -> Dated {
        self.trace_last = false;
        if self.trace_unit.is_none() {
            return Dated::Outside;
        }
        self.others += 1;
        if self.others > OTHERS_MAX {
            *self = RecordState {
                entry: self.entry,
                w3c: self.w3c,
                ..Default::default()
            };
            return Dated::Outside;
        }
        Dated::Other
    }
}

/// A dated line that would continue a trace open before it: trace-shaped
/// (for any runtime's trace), and not a trace's opener.
pub fn continues_trace(format: &Format, line: &[u8]) -> bool {
    format.message(line).is_some_and(|m| {
        let text = m.text();
        line::crash_opener(&text).is_none()
            && traces::opener(&text).is_none()
            && (is_trace_line(&text) || traces::continues_any(&text))
    })
}

/// FNV-1a: a unit's identity without keeping its bytes.
pub(super) fn fnv1a(b: &[u8]) -> u64 {
    b.iter().fold(0xcbf2_9ce4_8422_2325, |h, &c| {
        (h ^ u64::from(c)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A line of a Go panic or goroutine dump after its first line.
pub fn is_trace_line(text: &[u8]) -> bool {
    let t = line::trim(text);
    t.is_empty()
        || line::header(text).is_some()
        || line::call(text).is_some()
        || line::location(text).is_some()
        || line::created_by(text).is_some()
        || t == b"...additional frames elided..."
        || t.starts_with(b"[signal ")
        || t.starts_with(b"PC=0x")
        || line::is_register(t)
        || t.starts_with(b"panic: ")
        || t.starts_with(b"goroutine running on other thread")
}

/// Lines that continue the record above them in logs without timestamps:
/// indented lines, blank lines, a trace's heading and `...`.
pub fn looks_like_continuation(line: &[u8]) -> bool {
    match line.first() {
        None => true,
        Some(b' ' | b'\t' | b'}' | b']' | b')') => true,
        Some(b'.') => line.starts_with(b"..."),
        Some(_) => trace_heading(line),
    }
}

/// The line a runtime or a logger prints above a trace or between two
/// (Python's, Java's `Caused by: `, PHP's `Stack trace:`, Monolog's
/// `[stacktrace]`).
pub fn trace_heading(line: &[u8]) -> bool {
    const STARTS: [&[u8]; 6] = [
        b"Traceback (most recent call last)",
        b"Caused by: ",
        b"During handling of the above exception",
        b"The above exception was the direct cause",
        b"[stacktrace]",
        b"Stack trace:",
    ];
    // The first bytes of `STARTS`: most lines are answered by their first byte
    // (this runs on every undated line of a plain log).
    const OPENS: [bool; 256] = {
        let mut t = [false; 256];
        let mut k = 0;
        while k < STARTS.len() {
            t[STARTS[k][0] as usize] = true;
            k += 1;
        }
        t
    };
    line.first()
        .is_some_and(|&b| OPENS[usize::from(b)] && STARTS.iter().any(|s| line.starts_with(s)))
}

/// Unindented lines of a stack trace, which continue the record above in any
/// log: where traces make most lines undated, a log is read sparse and only
/// these keep an error's cause with it. An exception's line (Java's
/// `java.lang.IllegalStateException: …`, Python's `urllib.error.URLError: …`;
/// a bare `Error: …` is a message), a Go frame as zap prints it
/// (`main.(*worker).run`: one dotted symbol, no spaces), a PHP frame (`#0 /…`).
pub fn looks_like_trace_line(line: &[u8]) -> bool {
    match line.first() {
        Some(b'#') => {
            let digits = line[1..].iter().take_while(|b| b.is_ascii_digit()).count();
            digits > 0 && line.get(1 + digits) == Some(&b' ') && line.len() > digits + 2
        }
        Some(b) if b.is_ascii_alphabetic() => {
            traces::named_exception_line(line) || go_symbol_line(line)
        }
        _ => false,
    }
}

/// A Go function as zap's stacktrace prints it above its `\tfile:line`.
fn go_symbol_line(line: &[u8]) -> bool {
    let symbol = |b: &u8| {
        b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'_' | b'.' | b'/' | b'*' | b'(' | b')' | b'[' | b']' | b'-' | b'~' | b'%'
            )
    };
    let dot_then_name = line
        .windows(2)
        .any(|w| w[0] == b'.' && (w[1].is_ascii_alphabetic() || w[1] == b'('));
    line.len() >= 3
        && dot_then_name
        && line.iter().all(symbol)
        && line
            .last()
            .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b')' | b']' | b'_'))
}

/// Whether a sample reads as a goroutine dump: nearly every non-blank line
/// has a dump's shape, and a goroutine header or profile is among them.
pub fn looks_like_go_dump(lines: &[&[u8]]) -> Option<f32> {
    let opener = lines
        .iter()
        .any(|l| line::header(l).is_some() || l.starts_with(b"goroutine profile: total "));
    if !opener || lines.is_empty() {
        return None;
    }
    let shaped = lines
        .iter()
        .filter(|l| {
            is_trace_line(l)
                || line::dump_opener(l)
                || line::profile_record(l).is_some()
                || line::profile_frame(l).is_some()
                || l.starts_with(b"# labels: ")
        })
        .count();
    let share = shaped as f32 / lines.len() as f32;
    (share >= 0.8).then_some(share)
}

#[cfg(test)]
mod tests;
