//! Go goroutine dumps and panics: parsing (`parse`; where one dump ends and
//! the next begins in an input of several, `boundaries`), grouping by stack
//! (`group`), goroutines blocked on one lock or channel (`lock`), ranking by
//! suspicion (`rank`) and comparing two dumps (`diff`).
//!
//! The model is compact because dumps are large (a million goroutines is a
//! few hundred megabytes of text): names, frames and whole stacks are
//! interned, so a goroutine is a few integers.

mod boundaries;
pub mod captured;
mod damage;
pub mod diff;
pub mod group;
pub mod line;
pub mod lock;
mod parse;
pub mod parts;
pub mod rank;
mod std_pkgs;
pub mod when;

pub use damage::{Damage, DamageKind};
pub use group::{Group, Similarity, group};
pub use parse::{parse, parse_parallel, parse_parallel_counting};

/// Which form the dump was printed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DumpKind {
    /// A traceback: `/debug/pprof/goroutine?debug=2`, SIGQUIT, a panic or a fatal error.
    #[default]
    Traceback,
    /// The aggregated `?debug=1` profile: `N @ 0x…` records of identical stacks.
    Profile,
}

/// One frame as interned in `Dump::frames`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Frame {
    /// Index into `Dump::names`.
    pub function: u32,
    pub file: u32,
    pub line: u32,
    /// The program counter, when the dump prints one (`?debug=1`, `pc=` of GOTRACEBACK=system).
    pub pc: u64,
    /// The `+0x…` of a traceback: pc minus the function's entry (none for inlined calls).
    pub offset: Option<u32>,
}

/// An interned stack: frames from the innermost out.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Stack {
    pub frames: Vec<u32>,
    /// The runtime printed `...additional frames elided...`.
    pub elided: bool,
    /// A `?debug=1` profile's `N @ 0x…` line: return addresses, innermost
    /// first, one per frame, including the frames it prints no `#` line for
    /// (the runtime's own at the top, `runtime.goexit`). Empty in a traceback.
    pub addresses: Vec<u64>,
}

/// What a goroutine is blocked on, read from the receiver of a sync call or a
/// channel operation's argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LockKind {
    Mutex,
    RwMutexRead,
    RwMutexWrite,
    WaitGroup,
    Cond,
    ChanSend,
    ChanReceive,
    /// A runtime semaphore whose sync type the dump does not show (inlined receiver).
    Semaphore,
}

impl LockKind {
    pub fn name(self) -> &'static str {
        match self {
            LockKind::Mutex => "mutex",
            LockKind::RwMutexRead => "rwmutex (read)",
            LockKind::RwMutexWrite => "rwmutex (write)",
            LockKind::WaitGroup => "waitgroup",
            LockKind::Cond => "cond",
            LockKind::ChanSend => "channel (send)",
            LockKind::ChanReceive => "channel (receive)",
            LockKind::Semaphore => "semaphore",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Blocked {
    pub kind: LockKind,
    pub address: u64,
    /// Index into the goroutine's stack of the frame the address was read from.
    pub frame: u16,
}

/// One goroutine (or, in a `?debug=1` profile, one record of `count` identical goroutines).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Goroutine {
    /// 0 in a `?debug=1` profile, which prints no ids.
    pub id: u64,
    pub count: u32,
    /// Byte offset of the header line in the input.
    pub offset: u64,
    /// Index into `Dump::names`: `semacquire`, `chan receive`, `IO wait`…
    pub state: u32,
    pub wait_minutes: Option<u32>,
    pub locked: bool,
    pub stack: u32,
    /// Index into `Dump::frames` of the `created by` frame.
    pub created_by: Option<u32>,
    /// `created by … in goroutine N` (Go 1.21+).
    pub creator: Option<u64>,
    pub blocked_on: Option<Blocked>,
    /// `?debug=1` goroutine labels, as printed (`{"k":"v"}`), index into `Dump::names`.
    pub labels: Option<u32>,
}

/// How the program died (or a recovered panic that a library printed).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Panic {
    /// `panic` or `fatal error`.
    pub kind: String,
    /// The message of the last panic (the one that killed the process).
    pub message: String,
    /// Earlier panics of a nested chain, outermost first, with their
    /// `[recovered]` or `[recovered, repanicked]` marks.
    pub chain: Vec<String>,
    /// `[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x…]`.
    pub signal: Option<Signal>,
    /// The goroutine that panicked: the first one printed after the message.
    pub goroutine: Option<u64>,
    /// Its index in `Dump::goroutines`: ids repeat where one input holds
    /// several dumps of a process (goroutine 1 is in every one).
    #[serde(skip)]
    pub member: Option<u32>,
    /// Byte offset of the `panic:` line in the input.
    #[serde(skip)]
    pub offset: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Signal {
    pub name: String,
    pub description: String,
    pub code: Option<u64>,
    pub addr: Option<u64>,
    pub pc: Option<u64>,
}

/// A parsed dump. Strings are interned in `names`; frames and stacks are
/// interned so that identical ones are stored once.
#[derive(Debug, Clone, Default)]
pub struct Dump {
    pub kind: DumpKind,
    pub names: Vec<String>,
    pub frames: Vec<Frame>,
    pub stacks: Vec<Stack>,
    pub goroutines: Vec<Goroutine>,
    pub panic: Option<Panic>,
    /// `goroutine profile: total N` of a `?debug=1` profile.
    pub declared_total: Option<u64>,
    /// Lines of other text (a log around a panic) were skipped.
    pub embedded: bool,
    /// Where parsing had to give up or guess, with the line number: `damage`
    /// said, and what opening the source warned of (`goroutines` adds it).
    pub warnings: Vec<String>,
    /// Where the dump is damaged or cut short, as the parser found it.
    pub damage: Vec<Damage>,
    /// The dumps after the first, when the input holds several (a
    /// `?debug=2` profile, then a panic): `split` makes each a `Dump`.
    pub more: Vec<parts::Part>,
    /// Which of the input's dumps this is, once `split` (None: the only one).
    pub part: Option<parts::PartOf>,
    /// Byte offset of the line that opened the input's first dump before
    /// any goroutine (`SIGQUIT: quit`, `goroutine profile:`): where it begins.
    pub opener: Option<u64>,
}

impl Dump {
    /// A text that began a dump and ended inside its first goroutine's header
    /// (`goroutine 1 [runn`): what `goroutines`, `index`, `show` and the
    /// screen say of it alike, rather than "no dump" or "no timestamps".
    /// So is a text that ends right after that header (`goroutine 1
    /// [running]:` and its newline): a goroutine without a frame, alone.
    pub fn cut_before_first_goroutine(&self) -> Option<String> {
        if self.panic.is_some() {
            return None;
        }
        if let ([g], false, None) = (
            self.goroutines.as_slice(),
            self.embedded,
            self.declared_total,
        ) {
            let bare = DamageKind::HeaderWithoutFrames { goroutine: g.id };
            let d = self.damage.iter().find(|d| d.kind == bare)?;
            return (self.stack(g).frames.is_empty() && self.damage.len() == 1).then(|| {
                format!(
                    "a Go goroutine dump cut short before its first goroutine was complete \
                     (the text ends after goroutine {}'s header, line {})",
                    g.id, d.line
                )
            });
        }
        if !self.goroutines.is_empty() {
            return None;
        }
        let (line, quoted) = self.damage.iter().find_map(|d| match &d.kind {
            DamageKind::HeaderCut { text } => Some((d.line, text)),
            _ => None,
        })?;
        Some(format!(
            "a Go goroutine dump cut short before its first goroutine was complete \
             (line {line} ends in its header: `{quoted}`)"
        ))
    }

    /// A dump whose goroutines or panic were read and whose text ends
    /// inside a goroutine's header (`goroutine 9 [runn`) or right after one
    /// (`goroutine 9 [running]:`, no frame): what `index`, `show` and the
    /// screen say of it, as `goroutines` warns of that line.
    pub fn cut_at_end(&self) -> Option<String> {
        if self.goroutines.is_empty() && self.panic.is_none() {
            return None;
        }
        let d = self.damage.last()?;
        match &d.kind {
            DamageKind::HeaderCut { text } => Some(format!(
                "a Go goroutine dump cut short (line {} ends in a goroutine's header: `{text}`)",
                d.line
            )),
            DamageKind::HeaderWithoutFrames { goroutine }
                if let Some(g) = self.goroutines.last()
                    && *goroutine == g.id
                    && self.stack(g).frames.is_empty() =>
            {
                Some(format!(
                    "a Go goroutine dump cut short (the text ends after goroutine {}'s header, line {})",
                    g.id, d.line
                ))
            }
            _ => None,
        }
    }

    pub fn name(&self, i: u32) -> &str {
        &self.names[i as usize]
    }

    pub fn frame(&self, i: u32) -> &Frame {
        &self.frames[i as usize]
    }

    pub fn stack(&self, g: &Goroutine) -> &Stack {
        &self.stacks[g.stack as usize]
    }

    /// Goroutines in the dump: a profile record counts as many as it stands for.
    pub fn total(&self) -> u64 {
        self.goroutines.iter().map(|g| u64::from(g.count)).sum()
    }

    /// The goroutine that panicked, if the dump has one.
    pub fn panicking(&self) -> Option<&Goroutine> {
        let p = self.panic.as_ref()?;
        match p.member {
            Some(m) => self.goroutines.get(m as usize),
            None => self.goroutines.iter().find(|g| Some(g.id) == p.goroutine),
        }
    }

    /// `function file:line` of a frame, for messages.
    pub fn describe(&self, frame: u32) -> String {
        let f = self.frame(frame);
        format!("{} {}:{}", self.name(f.function), self.name(f.file), f.line)
    }
}

#[cfg(test)]
mod tests;
