//! Where a dump is damaged or cut short, as the parser found it: recorded as
//! values, so that what reads them (`Dump::cut_at_end`, a journal's line
//! numbers) does not read the words of a warning, and the warnings are
//! rendered from them.

use std::fmt;

/// One place where parsing had to give up or guess.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damage {
    /// The input's line it is at, from 1 (a journal's: the file's line).
    pub line: u64,
    pub kind: DamageKind,
}

/// What was found there. Quoted text is the line's first 60 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DamageKind {
    /// The input's last line is a goroutine's header, cut (`goroutine 9 [runn`).
    HeaderCut { text: String },
    /// A goroutine's header and no frame under it.
    HeaderWithoutFrames { goroutine: u64 },
    /// The input's last line, cut inside a goroutine.
    EndsMidLine { goroutine: u64, text: String },
    /// The input's last line, cut inside a `?debug=1` profile record.
    RecordEndsMidLine { text: String },
    /// The input's last line, cut inside a panic's message.
    PanicMessageCut,
    /// The input ends after a function line, without its file:line.
    EndsAfterCall { goroutine: u64, function: String },
    /// The input ends after `created by F`, without its file:line.
    EndsAfterCreatedBy { goroutine: u64, function: String },
    /// A line that is no part of a goroutine after a function line.
    BreaksOff { goroutine: u64, function: String },
    /// A function line followed by another function line.
    CallWithoutLocation { goroutine: u64, function: String },
    /// A goroutine's line runs into the start of another dump.
    GluedToNextDump { goroutine: u64 },
}

impl DamageKind {
    /// The goroutine whose stack the text lost the rest of (cut off, or
    /// broken off by another line): what its lost frames were is unknown.
    pub fn cut_goroutine(&self) -> Option<u64> {
        match self {
            DamageKind::EndsMidLine { goroutine, .. }
            | DamageKind::EndsAfterCall { goroutine, .. }
            | DamageKind::BreaksOff { goroutine, .. }
            | DamageKind::GluedToNextDump { goroutine } => Some(*goroutine),
            _ => None,
        }
    }
}

impl fmt::Display for DamageKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DamageKind::HeaderCut { text } => write!(
                f,
                "the text ends mid-line, in a goroutine's header `{text}` (truncated?)"
            ),
            DamageKind::HeaderWithoutFrames { goroutine } => {
                write!(
                    f,
                    "goroutine {goroutine} has a header but no frames (truncated?)"
                )
            }
            DamageKind::EndsMidLine { goroutine, text } => {
                write!(
                    f,
                    "goroutine {goroutine} ends mid-line, in `{text}` (truncated?)"
                )
            }
            DamageKind::RecordEndsMidLine { text } => {
                write!(
                    f,
                    "a profile record ends mid-line, in `{text}` (truncated?)"
                )
            }
            DamageKind::PanicMessageCut => {
                write!(f, "the panic's message ends mid-line (truncated?)")
            }
            DamageKind::EndsAfterCall {
                goroutine,
                function,
            } => write!(
                f,
                "goroutine {goroutine}: the text ends after `{function}` without its file:line (truncated?)"
            ),
            DamageKind::EndsAfterCreatedBy {
                goroutine,
                function,
            } => write!(
                f,
                "goroutine {goroutine}: the text ends after `created by {function}` without its file:line (truncated?)"
            ),
            DamageKind::BreaksOff {
                goroutine,
                function,
            } => write!(
                f,
                "goroutine {goroutine} breaks off after `{function}` (no file:line under it); kept the frames before it"
            ),
            DamageKind::CallWithoutLocation {
                goroutine,
                function,
            } => write!(
                f,
                "goroutine {goroutine}: `{function}` has no file:line under it (damaged dump?)"
            ),
            DamageKind::GluedToNextDump { goroutine } => write!(
                f,
                "goroutine {goroutine} is cut off mid-line where another dump begins (a dump cut short, then another written after it)"
            ),
        }
    }
}

impl fmt::Display for Damage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.kind)
    }
}

/// The warnings said of `damage`, in its order.
pub fn warnings(damage: &[Damage]) -> Vec<String> {
    damage.iter().map(Damage::to_string).collect()
}
