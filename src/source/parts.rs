//! A source's opened bytes: its files (parts), each mapped or decoded, laid
//! end to end in one virtual byte space, oldest first; what may be read of
//! each as files shrink, and how they changed on disk since they were opened.

use std::sync::atomic::{AtomicUsize, Ordering};

use super::{Data, DiskChange};
use crate::time::Nanos;

/// One file of a source. `base` is its offset in the source's virtual byte
/// space, where parts follow each other oldest first.
#[derive(Debug)]
pub struct Part {
    pub label: String,
    pub data: Data,
    pub base: u64,
    pub mtime: Option<Nanos>,
    /// Bytes that may be read: lowered by `Parts::refresh` when the file shrinks.
    pub(super) readable: AtomicUsize,
}

/// The opened bytes of a source, shared with the UI while indexing runs.
#[derive(Debug)]
pub struct Parts(pub Vec<Part>);

impl Part {
    /// A message about this part: files are named, a command or standard
    /// input is the source itself.
    pub fn note(&self, msg: &str) -> String {
        if self.label.starts_with('!') || self.label == "-" {
            msg.to_string()
        } else {
            format!("{}: {msg}", self.label)
        }
    }

    /// How many mapped bytes may be touched: a file shrunk by someone else
    /// faults past its new end.
    pub fn safe_len(&self) -> usize {
        self.data
            .current_len()
            .map_or(self.data.len(), |n| (n as usize).min(self.data.len()))
    }
}

impl Parts {
    pub fn total_len(&self) -> u64 {
        self.0.last().map_or(0, |p| p.base + p.data.len() as u64)
    }

    pub(super) fn part_of(&self, offset: u64) -> Option<&Part> {
        let k = self.0.partition_point(|p| p.base <= offset);
        self.0.get(k.checked_sub(1)?)
    }

    /// The bytes from `start` to `end` (virtual offsets), clamped to the part holding `start`.
    pub fn slice(&self, start: u64, end: u64) -> &[u8] {
        let Some(p) = self.part_of(start) else {
            return &[];
        };
        let data: &[u8] = &p.data;
        let s = (start - p.base) as usize;
        let e = (end.saturating_sub(p.base) as usize)
            .min(p.readable.load(Ordering::Relaxed))
            .min(data.len());
        data.get(s..e.max(s)).unwrap_or(&[])
    }

    /// Re-reads the size of every mapped file and stops reads past a new, shorter
    /// end. Returns a message for each part that shrank since the last call.
    /// Callers that read records (the disk watcher for the screen, workers between
    /// batches) call this so that a truncated file is noticed, not faulted on.
    pub fn refresh(&self) -> Vec<String> {
        let mut shrunk = Vec::new();
        for p in &self.0 {
            // Private copies cannot shrink.
            let Some(now) = p.data.current_len() else {
                continue;
            };
            let now = (now as usize).min(p.data.len());
            let before = p.readable.fetch_min(now, Ordering::Relaxed);
            if now < before {
                shrunk.push(format!(
                    "{}: the file shrank to {now} bytes while open (truncated, or rotated by copytruncate); records past that are no longer in it",
                    p.label
                ));
            }
        }
        shrunk
    }

    /// How the files read have changed on disk since they were opened (the
    /// newest part first: the one a log is written to), if they have. A part
    /// `refresh` saw shrink has shrunk, however long it has grown since
    /// (copytruncate, then the writer's next lines).
    pub fn changed_on_disk(&self) -> Option<DiskChange> {
        self.0.iter().rev().find_map(|p| {
            if p.readable.load(Ordering::Relaxed) < p.data.len() {
                return Some(DiskChange::Shrank);
            }
            p.data.changed_on_disk()
        })
    }
}
