//! Loads sources on background threads and reports what happens as owned
//! events, so a caller (the TUI, or `casefile index`) never blocks on I/O.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, Sender, unbounded};

use crate::index::Index;
use crate::source::{self, LoadOptions, Parts, Source, SourceSpec, Stage};

#[derive(Debug)]
pub enum LoadEvent {
    /// The bytes are open; indexing begins.
    Opened {
        id: usize,
        parts: Arc<Parts>,
    },
    /// The format is detected; indexing runs.
    Detected {
        id: usize,
        detection: crate::format::Detection,
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
    /// The source cannot be shown; `error` names it and says why.
    Failed {
        id: usize,
        name: String,
        error: crate::error::Error,
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
        spawn_one(id, spec, opts.clone(), tx);
    }
}

/// Loads one source on a thread of its own, its events sent as source `id`'s
/// (the TUI reads a source again this way, `R`).
pub fn spawn_one(id: usize, spec: SourceSpec, opts: LoadOptions, tx: &Sender<LoadEvent>) {
    read_again(id, spec, opts, None, tx);
}

/// `spawn_one` for a source read before, `previous`: a log that only grew
/// since is read on from where `previous` stopped (`source::extend`), not
/// whole again.
pub fn read_again(
    id: usize,
    spec: SourceSpec,
    opts: LoadOptions,
    previous: Option<Source>,
    tx: &Sender<LoadEvent>,
) {
    let thread_tx = tx.clone();
    let name = spec.name.clone();
    let spawned = std::thread::Builder::new()
        .name(format!("load-{name}"))
        .spawn(move || load_one(id, &spec, &opts, previous.as_ref(), &thread_tx));
    if let Err(source) = spawned {
        let _ = tx.send(LoadEvent::Failed {
            id,
            name: name.clone(),
            error: crate::error::Error::Thread { name, source },
        });
    }
}

fn load_one(
    id: usize,
    spec: &SourceSpec,
    opts: &LoadOptions,
    previous: Option<&Source>,
    tx: &Sender<LoadEvent>,
) {
    let (parts, warnings) = match source::open(spec) {
        Ok(x) => x,
        Err(e) => {
            let _ = tx.send(LoadEvent::Failed {
                id,
                name: spec.name.clone(),
                error: e,
            });
            return;
        }
    };
    let parts = Arc::new(parts);
    let _ = tx.send(LoadEvent::Opened {
        id,
        parts: parts.clone(),
    });
    // The first partial index goes out at once: it is the first screen.
    let mut sent = Instant::now()
        .checked_sub(PROGRESS_EVERY)
        .unwrap_or_else(Instant::now);
    let mut stage = |stage: Stage<'_>| match stage {
        Stage::Detected(d) => {
            let _ = tx.send(LoadEvent::Detected {
                id,
                detection: d.clone(),
            });
        }
        Stage::Indexed {
            index,
            bytes_done,
            bytes_total,
            last,
        } => {
            // The last stage comes with Done; a stream's bytes_total grows.
            if !last && sent.elapsed() >= PROGRESS_EVERY {
                sent = Instant::now();
                let _ = tx.send(LoadEvent::Progress {
                    id,
                    index: Box::new(index.clone()),
                    bytes_done,
                    bytes_total,
                });
            }
        }
    };
    let src = previous
        .and_then(|old| {
            let resume = source::resume_point(old, &parts)?;
            source::extend(
                spec,
                parts.clone(),
                warnings.clone(),
                opts,
                resume,
                &mut stage,
            )
        })
        .unwrap_or_else(|| source::index(spec, parts, warnings, opts, &mut stage));
    let _ = tx.send(LoadEvent::Done {
        id,
        source: Box::new(src),
    });
}

/// Loads every source and hands its events over in source order: all of
/// source 0's events, then source 1's, and so on, each as soon as it and every
/// source before it allow. Headless commands print from this, so the first
/// source's facts appear while later sources still index.
pub fn load_in_order(specs: Vec<SourceSpec>, opts: LoadOptions, mut each: impl FnMut(LoadEvent)) {
    let n = specs.len();
    let rx = spawn(specs, opts);
    let mut queued: Vec<Vec<LoadEvent>> = (0..n).map(|_| Vec::new()).collect();
    let mut next = 0;
    for ev in rx {
        let id = event_id(&ev);
        queued[id].push(ev);
        while next < n {
            let finished = queued[next]
                .iter()
                .any(|e| matches!(e, LoadEvent::Done { .. } | LoadEvent::Failed { .. }));
            for e in queued[next].drain(..) {
                each(e);
            }
            if !finished {
                break;
            }
            next += 1;
        }
        if next == n {
            break;
        }
    }
}

impl LoadEvent {
    /// The source (the screen's pane) the event is about.
    pub fn id(&self) -> usize {
        event_id(self)
    }
}

fn event_id(ev: &LoadEvent) -> usize {
    match ev {
        LoadEvent::Opened { id, .. }
        | LoadEvent::Detected { id, .. }
        | LoadEvent::Progress { id, .. }
        | LoadEvent::Done { id, .. }
        | LoadEvent::Failed { id, .. } => *id,
    }
}
