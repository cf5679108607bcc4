//! One input, several dumps: a program that wrote its `?debug=2` profile to
//! stderr and then panicked, a log with a SIGQUIT dump and a later crash, a
//! file that `?debug=1` profiles were appended to. The parser notes where
//! each dump after the first begins (a panic or fatal error, a profile's
//! `goroutine profile:` line or `SIGQUIT:` after goroutines were read; a
//! goroutine id that comes again, at the `running` goroutine that wrote the
//! new dump);
//! `Dump::split` makes each its own `Dump`, so that goroutine 1 of one is not
//! grouped with goroutine 1 of another, nor blamed for another's panic.

use super::{Dump, DumpKind, Panic};

/// A dump after the first in one input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// Byte offset of its first line.
    pub offset: u64,
    /// Index into `Dump::goroutines` of its first goroutine.
    pub first: u32,
    /// Index into `Dump::warnings` (and `Dump::damage`) of its first warning.
    pub warnings: u32,
    pub kind: DumpKind,
    pub declared_total: Option<u64>,
    pub panic: Option<Panic>,
}

/// Which of an input's dumps a `Dump` is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PartOf {
    /// From 1.
    pub number: usize,
    pub of: usize,
    /// The line it begins on, from 1: of the input, or of `file`.
    pub line: u64,
    /// In a rotated set read as one input, the file it begins in (as named),
    /// `line` being that file's own (`casefile goroutines --rotated`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Byte offset of that line.
    #[serde(skip)]
    pub offset: u64,
}

impl Dump {
    /// The input's dumps, each its own: the goroutines, panic and warnings
    /// of each, the interned tables shared (copied). `data` is the input the
    /// offsets count in (for the line each dump begins on). One dump is
    /// returned as it is.
    pub fn split(mut self, data: &[u8]) -> Vec<Dump> {
        if self.more.is_empty() {
            return vec![self];
        }
        let more = std::mem::take(&mut self.more);
        let of = more.len() + 1;
        let line = |offset: u64| {
            let end = (offset as usize).min(data.len());
            memchr::memchr_iter(b'\n', &data[..end]).count() as u64 + 1
        };
        let start = self
            .goroutines
            .first()
            .map(|g| g.offset)
            .into_iter()
            .chain(self.panic.as_ref().map(|p| p.offset))
            .chain(self.opener)
            .min()
            .unwrap_or(0);
        let mut later = Vec::with_capacity(more.len());
        for (k, p) in more.into_iter().enumerate().rev() {
            let goroutines = self.goroutines.split_off(p.first as usize);
            let warnings = self.warnings.split_off(p.warnings as usize);
            let damage = self.damage.split_off(p.warnings as usize);
            let mut panic = p.panic;
            if let Some(m) = panic.as_mut().and_then(|p| p.member.as_mut()) {
                *m -= p.first;
            }
            later.push(Dump {
                kind: p.kind,
                names: self.names.clone(),
                frames: self.frames.clone(),
                stacks: self.stacks.clone(),
                goroutines,
                panic,
                declared_total: p.declared_total,
                embedded: self.embedded,
                warnings,
                damage,
                more: Vec::new(),
                opener: None,
                part: Some(PartOf {
                    number: k + 2,
                    of,
                    line: line(p.offset),
                    file: None,
                    offset: p.offset,
                }),
            });
        }
        self.part = Some(PartOf {
            number: 1,
            of,
            line: line(start),
            file: None,
            offset: start,
        });
        later.push(self);
        later.reverse();
        later
    }
}
