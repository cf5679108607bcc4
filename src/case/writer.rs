//! Saving off the caller's thread: one thread owns the `Store`, receives
//! changes on a channel, saves them, and answers "saved" (with the sequence
//! number it covers) only once they are durable, or the error. A failed save
//! keeps the changes pending in the store and is tried again with a growing
//! pause, so a full disk loses nothing and a slow one never holds up the
//! screen. The caller keeps a mirror of the case (its own changes applied at
//! once) for drawing, and the changes not yet confirmed.

use std::path::{Path, PathBuf};
use std::thread::JoinHandle;
use std::time::Duration;

use crossbeam_channel::{Receiver, RecvTimeoutError, Sender, unbounded};

use super::model::CaseFile;
use super::sources::Loaded;
use super::store::{Change, Store};
use crate::index::Zone;

/// The first pause before a failed save is tried again; it doubles up to `RETRY_MAX`.
const RETRY_FIRST: Duration = Duration::from_millis(500);
const RETRY_MAX: Duration = Duration::from_secs(8);

enum Request {
    Changes(u64, Vec<Change>),
    /// Write the Markdown report to the path (on its own thread: sources may be big).
    Report {
        path: PathBuf,
        sources: Vec<Loaded>,
        zone: Zone,
    },
    /// Save what is pending, fold the journal in, and stop.
    Finish(Sender<Result<(), String>>),
}

/// What the writer thread answers.
#[derive(Debug)]
pub enum Reply {
    /// Every change up to `upto` is durable on disk. `merged`: another process
    /// had saved meanwhile; the case as it is now on disk (with its changes).
    Saved {
        upto: u64,
        merged: Option<Box<CaseFile>>,
    },
    /// The save of changes up to `upto` failed; they stay pending and are
    /// tried again in `retry`.
    Failed {
        upto: u64,
        error: String,
        retry: Duration,
    },
    Report {
        path: PathBuf,
        result: Result<(), String>,
    },
}

/// The caller's side: a mirror of the case and the channel to the writer.
#[derive(Debug)]
pub struct Writer {
    path: PathBuf,
    mirror: CaseFile,
    /// Sent but not confirmed saved: (sequence, change), oldest first.
    inflight: Vec<(u64, Change)>,
    next_seq: u64,
    /// The file existed when opened, or a save has written it since.
    on_disk: bool,
    error: Option<String>,
    /// Bumped whenever the mirror changes (views cache what they derive from it).
    pub generation: u64,
    tx: Sender<Request>,
    rx: Receiver<Reply>,
    thread: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Request::Changes(s, c) => write!(f, "Changes({s}, {} changes)", c.len()),
            Request::Report { path, .. } => write!(f, "Report({})", path.display()),
            Request::Finish(_) => write!(f, "Finish"),
        }
    }
}

impl Writer {
    /// Starts the writer thread over `store`. Changes already pending in the
    /// store (the sources of a new case) are written with the first change
    /// sent, so opening logs alone leaves no file behind.
    pub fn spawn(store: Store) -> Writer {
        let (tx, req_rx) = unbounded();
        let (reply_tx, rx) = unbounded();
        let path = store.path().to_path_buf();
        let mirror = store.case().clone();
        let on_disk = store.exists();
        let thread = std::thread::Builder::new()
            .name("case-writer".into())
            .spawn(move || run(store, req_rx, reply_tx))
            .ok();
        Writer {
            path,
            mirror,
            inflight: Vec::new(),
            next_seq: 1,
            on_disk,
            error: None,
            generation: 0,
            tx,
            rx,
            thread,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The case as this process sees it: what was read, with every change made since.
    pub fn case(&self) -> &CaseFile {
        &self.mirror
    }

    /// True when the case file is on disk or will be once pending changes are saved.
    pub fn touched(&self) -> bool {
        self.on_disk || !self.inflight.is_empty()
    }

    /// Applies `c` to the mirror and hands it to the writer; returns its sequence
    /// number, confirmed by a later `Reply::Saved { upto }` with `upto` ≥ it.
    pub fn change(&mut self, c: Change) -> u64 {
        c.apply(&mut self.mirror);
        self.generation += 1;
        let seq = self.next_seq;
        self.next_seq += 1;
        self.inflight.push((seq, c.clone()));
        if self.tx.send(Request::Changes(seq, vec![c])).is_err() {
            self.error = Some("the case file writer stopped; changes are kept in memory".into());
        }
        seq
    }

    /// The channel replies arrive on (for the caller's event loop).
    pub fn replies(&self) -> Receiver<Reply> {
        self.rx.clone()
    }

    /// Takes a reply into account: confirmed changes leave the in-flight list;
    /// a merge from another process replaces the mirror (this process's
    /// unconfirmed changes replayed on top). Taking a reply twice changes nothing.
    pub fn on_reply(&mut self, r: &Reply) {
        match r {
            Reply::Saved { upto, merged } => {
                self.inflight.retain(|(s, _)| s > upto);
                self.error = None;
                self.on_disk = true;
                if let Some(case) = merged {
                    self.mirror = (**case).clone();
                    for (_, c) in &self.inflight {
                        c.apply(&mut self.mirror);
                    }
                    self.generation += 1;
                }
            }
            Reply::Failed { error, .. } => self.error = Some(error.clone()),
            Reply::Report { .. } => {}
        }
    }

    /// True once change `seq` is durable on disk.
    pub fn is_saved(&self, seq: u64) -> bool {
        seq < self.next_seq && self.inflight.first().is_none_or(|(s, _)| *s > seq)
    }

    /// Changes sent and not yet confirmed saved.
    pub fn unsaved(&self) -> usize {
        self.inflight.len()
    }

    /// The changes not yet confirmed saved, oldest first.
    pub fn unsaved_changes(&self) -> impl Iterator<Item = &Change> {
        self.inflight.iter().map(|(_, c)| c)
    }

    /// The last save's error, until a save succeeds.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// Writes the report to `path` on a worker; answered by `Reply::Report`.
    pub fn report(&self, path: PathBuf, sources: Vec<Loaded>, zone: Zone) {
        let _ = self.tx.send(Request::Report {
            path,
            sources,
            zone,
        });
    }

    /// Blocks until every change sent so far is confirmed, a save failed, or
    /// `limit` passes with no reply (for tests and benches, which then find
    /// `unsaved()` above zero and fail instead of hanging). Returns the replies
    /// received, already taken into account.
    pub fn wait(&mut self, limit: Duration) -> Vec<Reply> {
        let mut got = Vec::new();
        while !self.inflight.is_empty() {
            let Ok(r) = self.rx.recv_timeout(limit) else {
                break;
            };
            self.on_reply(&r);
            let failed = matches!(r, Reply::Failed { .. });
            got.push(r);
            if failed {
                break;
            }
        }
        got
    }

    /// Saves what is pending, folds the journal into the case file, and stops
    /// the writer. An error says what was not saved.
    pub fn finish(mut self) -> Result<(), String> {
        if !self.touched() {
            return Ok(());
        }
        let (tx, rx) = unbounded();
        if self.tx.send(Request::Finish(tx)).is_err() {
            return Err("the case file writer stopped".into());
        }
        let result = rx
            .recv()
            .unwrap_or_else(|_| Err("the case file writer stopped".into()));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        result
    }
}

impl Drop for Writer {
    /// Without `finish`: the thread makes a last save of what was sent, and is waited for.
    fn drop(&mut self) {
        let Some(t) = self.thread.take() else {
            return;
        };
        drop(std::mem::replace(&mut self.tx, unbounded().0));
        let _ = t.join();
    }
}

/// The writer thread: applies changes as they come (all that are queued at
/// once, then one save), retries failed saves, writes reports on request.
fn run(mut store: Store, rx: Receiver<Request>, tx: Sender<Reply>) {
    let mut upto = 0u64;
    let mut retry: Option<Duration> = None;
    loop {
        let first = match retry {
            None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
            Some(d) => rx.recv_timeout(d),
        };
        let mut requests = Vec::new();
        match first {
            Ok(r) => requests.push(r),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => {
                // The caller is gone without finishing: a last try, unless
                // nothing was ever sent (only a new case's sources are pending).
                if upto > 0 && store.is_dirty() {
                    let _ = store.save();
                }
                return;
            }
        }
        requests.extend(rx.try_iter());
        let mut finish = None;
        for r in requests {
            match r {
                Request::Changes(seq, changes) => {
                    for c in changes {
                        store.change(c);
                    }
                    upto = upto.max(seq);
                }
                Request::Report {
                    path,
                    sources,
                    zone,
                } => spawn_report(store.case().clone(), path, sources, zone, tx.clone()),
                Request::Finish(done) => finish = Some(done),
            }
        }
        if let Some(done) = finish {
            let result = store.compact().map(|_| ()).map_err(|e| e.to_string());
            let _ = done.send(result);
            return;
        }
        // A store that holds only the sources of a new case has nothing to save yet.
        if upto == 0 || !store.is_dirty() {
            retry = None;
            continue;
        }
        match store.save() {
            Ok(saved) => {
                retry = None;
                let merged = saved.merged.then(|| Box::new(store.case().clone()));
                let _ = tx.send(Reply::Saved { upto, merged });
            }
            Err(e) => {
                let d = retry.map_or(RETRY_FIRST, |d| (d * 2).min(RETRY_MAX));
                retry = Some(d);
                let _ = tx.send(Reply::Failed {
                    upto,
                    error: e.to_string(),
                    retry: d,
                });
            }
        }
    }
}

fn spawn_report(
    case: CaseFile,
    path: PathBuf,
    sources: Vec<Loaded>,
    zone: Zone,
    tx: Sender<Reply>,
) {
    let _ = std::thread::Builder::new()
        .name("report".into())
        .spawn(move || {
            let md = crate::report::render(&case, &sources, &zone);
            let result = super::file::write_atomic(&path, md.as_bytes())
                .map(|_| ())
                .map_err(|e| match e {
                    super::CaseError::Write { cause, .. } => format!(
                        "{}: could not write the report: {}",
                        path.display(),
                        super::write_cause(&cause)
                    ),
                    e => e.to_string(),
                });
            let _ = tx.send(Reply::Report { path, result });
        });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::model::test_note as note;

    /// How long a test waits for the writer's next reply.
    const LIMIT: Duration = Duration::from_secs(60);

    /// `wait`, failing the test when the writer stopped answering.
    fn settle(w: &mut Writer) -> Vec<Reply> {
        let replies = w.wait(LIMIT);
        let failed = matches!(replies.last(), Some(Reply::Failed { .. }));
        assert!(
            failed || w.unsaved() == 0,
            "no reply from the case file writer in {LIMIT:?}: {} change(s) unconfirmed",
            w.unsaved()
        );
        replies
    }

    #[test]
    fn changes_are_confirmed_only_once_on_disk() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("c.casefile.json");
        let mut w = Writer::spawn(Store::open(&p).expect("open"));
        assert!(!w.touched());
        let a = w.change(Change::PutNote(note("a")));
        let b = w.change(Change::PutNote(note("b")));
        assert_eq!(w.case().notes.len(), 2, "the mirror has them at once");
        let replies = settle(&mut w);
        assert!(
            replies.iter().all(|r| matches!(r, Reply::Saved { .. })),
            "{replies:?}"
        );
        assert!(w.is_saved(a) && w.is_saved(b));
        assert_eq!(w.unsaved(), 0);
        let disk = Store::open(&p).expect("reopen");
        assert_eq!(disk.case().notes.len(), 2);
        w.finish().expect("finish");
        assert_eq!(crate::case::journal::len(&p), 0, "finish compacts");
    }

    #[test]
    fn a_failed_save_is_reported_kept_and_retried() {
        let dir = tempfile::tempdir().expect("tempdir");
        let sub = dir.path().join("gone");
        std::fs::create_dir(&sub).expect("mkdir");
        let p = sub.join("c.casefile.json");
        let mut w = Writer::spawn(Store::open(&p).expect("open"));
        std::fs::remove_dir(&sub).expect("rmdir");
        let seq = w.change(Change::PutNote(note("kept")));
        let replies = settle(&mut w);
        assert!(
            matches!(replies.last(), Some(Reply::Failed { .. })),
            "{replies:?}"
        );
        assert!(!w.is_saved(seq), "never claimed saved");
        assert!(w.error().is_some());
        assert_eq!(w.case().notes.len(), 1, "kept in memory");
        // The directory comes back: the retry saves it without another change.
        std::fs::create_dir(&sub).expect("mkdir");
        loop {
            let r = w
                .replies()
                .recv_timeout(LIMIT)
                .expect("the retry is confirmed");
            w.on_reply(&r);
            if matches!(r, Reply::Saved { .. }) {
                break;
            }
        }
        assert!(w.is_saved(seq));
        assert_eq!(Store::open(&p).expect("reopen").case().notes.len(), 1);
    }

    #[test]
    fn another_process_s_notes_are_merged_into_the_mirror() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("c.casefile.json");
        let mut w = Writer::spawn(Store::open(&p).expect("open"));
        w.change(Change::PutNote(note("mine")));
        settle(&mut w);
        let mut other = Store::open(&p).expect("other");
        other.change(Change::PutNote(note("theirs")));
        other.save().expect("other saves");
        let g = w.generation;
        w.change(Change::PutNote(note("mine again")));
        settle(&mut w);
        let texts: Vec<&str> = w.case().notes.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(texts, ["mine", "theirs", "mine again"]);
        assert!(w.generation > g + 1);
    }

    #[test]
    fn opening_without_changes_leaves_no_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("c.casefile.json");
        let mut s = Store::open(&p).expect("open");
        s.change(Change::SetTitle(Some("t".into())));
        Writer::spawn(s).finish().expect("finish");
        assert!(!p.exists(), "finish");
        let mut s = Store::open(&p).expect("open");
        s.change(Change::SetTitle(Some("t".into())));
        // Dropping waits for the thread, which saves only what was sent.
        drop(Writer::spawn(s));
        assert!(!p.exists(), "dropped");
    }
}
