//! The trace rule's decision for a message of a unit (`RecordState::decide`),
//! from what the message is (`Message`): journald's one-line outputs read it
//! from the line, as far as the rule asks (most lines of an open trace need
//! one or two looks); a journal entry (`-o verbose`, `-o export`) reads its
//! `MESSAGE` before its unit is known, so all of it, once (`Facts`).

use super::{Dated, RecordState, is_trace_line, opens_trace};
use crate::format::traces::{self, Kind};
use crate::goroutine::line;
use crate::level::Level;

/// What a message is to the trace rule, read once: a journal entry's
/// `MESSAGE` (`-o verbose`, `-o export`) comes before its unit is known.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Facts {
    opens: bool,
    crash: Option<Level>,
    header: bool,
    opener: Option<Kind>,
    traceback: bool,
    /// What it is to an open trace of the kind open when it was read.
    continues: Option<Kind>,
}

impl Facts {
    /// The facts of a message `text`, while a trace of `kind` may be open.
    pub fn of(text: &[u8], kind: Kind) -> Facts {
        Facts {
            opens: opens_trace(text),
            crash: text.crash(),
            header: text.header(),
            opener: text.opener(),
            traceback: text.traceback(),
            continues: text.continues(kind),
        }
    }

    /// Whether it opens a trace (`opens_trace`).
    pub(in crate::format) fn opens(&self) -> bool {
        self.opens
    }
}

/// What the rule asks of a message.
pub(in crate::format) trait Message {
    fn crash(&self) -> Option<Level>;
    fn header(&self) -> bool;
    fn opener(&self) -> Option<Kind>;
    fn traceback(&self) -> bool;
    /// What it is to an open trace of `kind`.
    fn continues(&self, kind: Kind) -> Option<Kind>;
}

/// A message's text, read as the rule asks.
impl Message for [u8] {
    fn crash(&self) -> Option<Level> {
        line::crash_opener(self)
    }
    fn header(&self) -> bool {
        line::header(self).is_some()
    }
    fn opener(&self) -> Option<Kind> {
        traces::opener(self)
    }
    fn traceback(&self) -> bool {
        self.starts_with(b"Traceback")
    }
    fn continues(&self, kind: Kind) -> Option<Kind> {
        match kind {
            Kind::Go => is_trace_line(self).then_some(Kind::Go),
            kind => traces::continues(kind, self),
        }
    }
}

/// An entry's message, read at its `MESSAGE` line; the open trace's kind
/// cannot change before the entry ends.
impl Message for Facts {
    fn crash(&self) -> Option<Level> {
        self.crash
    }
    fn header(&self) -> bool {
        self.header
    }
    fn opener(&self) -> Option<Kind> {
        self.opener
    }
    fn traceback(&self) -> bool {
        self.traceback
    }
    fn continues(&self, _kind: Kind) -> Option<Kind> {
        self.continues
    }
}

impl RecordState {
    /// The kind of the open trace (or the last one).
    pub(in crate::format) fn trace_kind(&self) -> Kind {
        self.trace_kind
    }

    /// What a message (None: none) of `unit` is to the trace open before it;
    /// updates the state.
    /// `opens`: the message opens a trace (`opens_trace`).
    pub(in crate::format) fn decide<M: Message + ?Sized>(
        &mut self,
        m: Option<&M>,
        opens: bool,
        unit: u64,
    ) -> Dated {
        let st = self;
        st.in_trace = false;
        st.in_python = false;
        st.after_exception = false;
        let Some(f) = m else {
            st.trace_last = false;
            return Dated::Outside;
        };
        if st.trace_unit.is_none() && !opens {
            return Dated::Outside;
        }
        let same = st.trace_unit == Some(unit);
        if !same && !opens {
            return st.other();
        }
        let opened = match f.crash() {
            Some(level) => Some((Kind::Go, Some(level))),
            // Another unit's goroutine dump (SIGQUIT) opens its own trace.
            None if !same && f.header() => Some((Kind::Go, None)),
            None => match f.opener() {
                // A chained traceback, or a thread's after its heading, goes on.
                Some(Kind::Python) if same && st.trace_kind == Kind::Python && f.traceback() => {
                    None
                }
                Some(kind) => Some((kind, Some(Level::Error))),
                None => None,
            },
        };
        if let Some((kind, level)) = opened {
            *st = RecordState {
                trace_unit: Some(unit),
                trace_kind: kind,
                trace_last: true,
                entry: st.entry,
                w3c: st.w3c,
                ..Default::default()
            };
            return Dated::Opens(level);
        }
        if !same {
            return st.other();
        }
        let Some(kind) = f.continues(st.trace_kind) else {
            *st = RecordState {
                entry: st.entry,
                w3c: st.w3c,
                ..Default::default()
            };
            return Dated::Outside;
        };
        st.trace_kind = kind;
        st.others = 0;
        if std::mem::replace(&mut st.trace_last, true) {
            Dated::Joins
        } else {
            Dated::Resumes
        }
    }
}
