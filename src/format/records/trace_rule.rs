//! The trace rule's decision for a message of a unit (`RecordState::decide`),
//! from what the message is (`Facts`), read once: journald's one-line
//! outputs read both from the same line, a journal entry (`-o verbose`,
//! `-o export`) reads its `MESSAGE` before its unit is known.

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
        Facts::read(opens_trace(text), text, kind)
    }

    pub(super) fn read(opens: bool, text: &[u8], kind: Kind) -> Facts {
        Facts {
            opens,
            crash: line::crash_opener(text),
            header: line::header(text).is_some(),
            opener: traces::opener(text),
            traceback: text.starts_with(b"Traceback"),
            continues: match kind {
                Kind::Go => is_trace_line(text).then_some(Kind::Go),
                kind => traces::continues(kind, text),
            },
        }
    }
}

impl RecordState {
    /// The kind of the open trace (or the last one).
    pub(in crate::format) fn trace_kind(&self) -> Kind {
        self.trace_kind
    }

    /// What a message (None: none) of `unit` is to the trace open before it;
    /// updates the state.
    pub(in crate::format) fn decide(&mut self, facts: Option<Facts>, unit: u64) -> Dated {
        let st = self;
        st.in_trace = false;
        st.in_python = false;
        st.after_exception = false;
        let Some(f) = facts else {
            st.trace_last = false;
            return Dated::Outside;
        };
        if st.trace_unit.is_none() && !f.opens {
            return Dated::Outside;
        }
        let same = st.trace_unit == Some(unit);
        if !same && !f.opens {
            return st.other();
        }
        let opened = match f.crash {
            Some(level) => Some((Kind::Go, Some(level))),
            // Another unit's goroutine dump (SIGQUIT) opens its own trace.
            None if !same && f.header => Some((Kind::Go, None)),
            None => match f.opener {
                // A chained traceback, or a thread's after its heading, goes on.
                Some(Kind::Python) if same && st.trace_kind == Kind::Python && f.traceback => None,
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
                ..Default::default()
            };
            return Dated::Opens(level);
        }
        if !same {
            return st.other();
        }
        let Some(kind) = f.continues else {
            *st = RecordState {
                entry: st.entry,
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
