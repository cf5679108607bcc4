//! Loads sources on background threads and reports what happens as owned
//! events, so a caller (the TUI, or `casefile index`) never blocks on I/O.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, Sender, unbounded};

use crate::index::Index;
use crate::source::{self, LoadOptions, Parts, Source, SourceSpec};

#[derive(Debug)]
pub enum LoadEvent {
    /// The bytes are open; indexing begins.
    Opened {
        id: usize,
        parts: Arc<Parts>,
    },
    /// A partial index: the records of the first `bytes_done` bytes.
    Progress {
        id: usize,
        index: Box<Index>,
        bytes_done: u64,
        bytes_total: u64,
    },
    Done {
        id: usize,
        source: Box<Source>,
    },
    Failed {
        id: usize,
        name: String,
        error: String,
    },
}

/// Minimum time between two `Progress` events of one source.
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// Starts one thread per source (indexing itself fans out on the rayon pool).
/// Events of all sources arrive on the returned channel.
pub fn spawn(specs: Vec<SourceSpec>, opts: LoadOptions) -> Receiver<LoadEvent> {
    let (tx, rx) = unbounded();
    spawn_into(specs, opts, &tx);
    rx
}

/// Like `spawn`, sending into an existing channel (ids count from 0 in `specs`).
pub fn spawn_into(specs: Vec<SourceSpec>, opts: LoadOptions, tx: &Sender<LoadEvent>) {
    for (id, spec) in specs.into_iter().enumerate() {
        let thread_tx = tx.clone();
        let opts = opts.clone();
        let spawned = std::thread::Builder::new()
            .name(format!("load-{}", spec.name))
            .spawn(move || load_one(id, &spec, &opts, &thread_tx));
        if let Err(e) = spawned {
            let _ = tx.send(LoadEvent::Failed {
                id,
                name: String::new(),
                error: format!("cannot start a thread: {e}"),
            });
        }
    }
}

fn load_one(id: usize, spec: &SourceSpec, opts: &LoadOptions, tx: &Sender<LoadEvent>) {
    let (parts, warnings) = match source::open(spec) {
        Ok(x) => x,
        Err(e) => {
            let _ = tx.send(LoadEvent::Failed {
                id,
                name: spec.name.clone(),
                error: e.to_string(),
            });
            return;
        }
    };
    let parts = Arc::new(parts);
    let _ = tx.send(LoadEvent::Opened {
        id,
        parts: parts.clone(),
    });
    let mut last = Instant::now();
    let src = source::index(spec, parts, warnings, opts, |idx, done, total| {
        if done < total && last.elapsed() >= PROGRESS_EVERY {
            last = Instant::now();
            let _ = tx.send(LoadEvent::Progress {
                id,
                index: Box::new(idx.clone()),
                bytes_done: done,
                bytes_total: total,
            });
        }
    });
    let _ = tx.send(LoadEvent::Done {
        id,
        source: Box::new(src),
    });
}

/// Loads every source and returns them in order: results for the headless
/// commands, which still print each source as soon as it and all before it are done.
pub fn load_in_order(
    specs: Vec<SourceSpec>,
    opts: LoadOptions,
    mut each: impl FnMut(usize, Result<Source, (String, String)>),
) {
    let n = specs.len();
    let rx = spawn(specs, opts);
    let mut pending: Vec<Option<Result<Source, (String, String)>>> = (0..n).map(|_| None).collect();
    let mut next = 0;
    for ev in rx {
        match ev {
            LoadEvent::Done { id, source } => pending[id] = Some(Ok(*source)),
            LoadEvent::Failed { id, name, error } => pending[id] = Some(Err((name, error))),
            _ => continue,
        }
        while next < n {
            match pending[next].take() {
                Some(r) => {
                    each(next, r);
                    next += 1;
                }
                None => break,
            }
        }
        if next == n {
            break;
        }
    }
}
