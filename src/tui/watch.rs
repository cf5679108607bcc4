//! The disk watcher: a thread that looks at the sources' files so the
//! screen's thread never does (a hung NFS mount or a slow disk would freeze
//! the screen). It owns what it looks at (each pane's parts, or the path of a
//! file that could not be read at start), re-reads mapped files' sizes often
//! (lowering what may be read of one cut shorter), stats the paths every 2 s,
//! and sends what it saw as an owned `Report` when that differs from what it
//! sent last, or when asked (`R`). `update::load::on_disk` applies it.

use crate::error::Error;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, RecvTimeoutError, Sender};

use super::app::{App, Load};
use crate::source::{DiskChange, Input, Parts, SourceSpec};

/// How often mapped files' sizes are read again: a file cut shorter is
/// noticed (and reads clamped before its end) within this.
pub const SIZES_EVERY: Duration = Duration::from_millis(100);
/// How often the paths are looked at (grown, replaced, there now).
pub const PATHS_EVERY: Duration = Duration::from_secs(2);

/// What is looked at for one pane.
#[derive(Debug, Clone)]
pub enum Watched {
    /// A source read: its files' sizes and paths.
    Read(Arc<Parts>),
    /// A file that could not be read when asked for: whether it can now.
    Missing(PathBuf),
}

impl Watched {
    /// The same thing looked at: the same parts (not another read's), the same path.
    pub fn same(&self, other: &Watched) -> bool {
        match (self, other) {
            (Watched::Read(a), Watched::Read(b)) => Arc::ptr_eq(a, b),
            (Watched::Missing(a), Watched::Missing(b)) => a == b,
            _ => false,
        }
    }
}

/// What the watcher saw of one pane.
#[derive(Debug, Clone)]
pub struct Seen {
    pub pane: usize,
    /// What it looked at: a report about a source since read again is stale.
    pub of: Watched,
    /// Files that shrank since the last look (said once, kept with the source).
    pub shrank: Vec<String>,
    /// How the file stands on disk now, if it changed.
    pub change: Option<DiskChange>,
}

/// One look at every watched pane.
#[derive(Debug, Clone)]
pub struct Report {
    pub seen: Vec<Seen>,
    /// The answer to a look asked for (`R`): taken after the key was pressed.
    pub asked: bool,
}

/// What the screen tells the watcher.
#[derive(Debug)]
pub enum Order {
    /// Look at these from now on.
    Watch(Vec<(usize, Watched)>),
    /// Look at everything now and report, changed or not.
    LookNow,
}

/// What to watch of each pane: its source's parts, or, for a file that
/// failed to open, its path. Standard input and commands have no path, and
/// their parts no file on disk: they are read once.
pub fn list(app: &App, specs: &[SourceSpec]) -> Vec<(usize, Watched)> {
    app.panes
        .iter()
        .enumerate()
        .filter_map(|(k, pane)| match (&pane.source, &pane.load) {
            (Some(src), _) => Some((k, Watched::Read(src.parts.clone()))),
            // Only a file that could not be opened (missing, unreadable) is
            // looked for: one refused for what it holds (binary data, a
            // directory) exists already.
            (None, Load::Failed(e))
                if matches!(
                    **e,
                    Error::NotFound { .. } | Error::PermissionDenied { .. } | Error::Open { .. }
                ) =>
            {
                match &specs.get(k)?.input {
                    Input::Files(paths) => Some((k, Watched::Missing(paths.last()?.clone()))),
                    Input::Stdin | Input::Command(_) => None,
                }
            }
            (None, _) => None,
        })
        .collect()
}

/// Whether two lists watch the same things.
pub fn same_list(a: &[(usize, Watched)], b: &[(usize, Watched)]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.0 == y.0 && x.1.same(&y.1))
}

/// Looks at every watched pane once: sizes first (a shrink clamps reads at
/// once), then the paths. Blocks on the disk: the watcher's thread only.
pub fn look(list: &[(usize, Watched)], asked: bool) -> Report {
    let seen = list
        .iter()
        .map(|(pane, w)| {
            let (shrank, change) = match w {
                Watched::Read(parts) => (parts.refresh(), parts.changed_on_disk()),
                Watched::Missing(path) => {
                    (Vec::new(), readable(path).then_some(DiskChange::Appeared))
                }
            };
            Seen {
                pane: *pane,
                of: w.clone(),
                shrank,
                change,
            }
        })
        .collect();
    Report { seen, asked }
}

/// A regular file that can be opened now, or something else the loader
/// reads as a stream (a FIFO: not opened here, which would wait for a
/// writer); not a directory.
fn readable(path: &std::path::Path) -> bool {
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() => std::fs::File::open(path).is_ok(),
        Ok(m) => !m.is_dir(),
        Err(_) => false,
    }
}

/// Sizes only: whether any mapped file shrank (then the paths are looked
/// at too, at once).
fn any_shrank(list: &[(usize, Watched)]) -> Option<Vec<(usize, Vec<String>)>> {
    let shrank: Vec<(usize, Vec<String>)> = list
        .iter()
        .filter_map(|(pane, w)| match w {
            Watched::Read(parts) => {
                let s = parts.refresh();
                (!s.is_empty()).then_some((*pane, s))
            }
            Watched::Missing(_) => None,
        })
        .collect();
    (!shrank.is_empty()).then_some(shrank)
}

/// Starts the watcher's thread: orders in, reports out. It ends when the
/// screen drops its orders' sender or stops reading reports.
pub fn spawn(reports: Sender<Report>) -> Sender<Order> {
    let (tx, orders) = crossbeam_channel::unbounded();
    let _ = std::thread::Builder::new()
        .name("disk watcher".into())
        .spawn(move || run(&orders, &reports));
    tx
}

fn run(orders: &Receiver<Order>, reports: &Sender<Report>) {
    let mut list: Vec<(usize, Watched)> = Vec::new();
    // What was reported last of each pane: reported again only when it changes.
    let mut last: Vec<(usize, Option<DiskChange>)> = Vec::new();
    let mut paths_at = Instant::now() + PATHS_EVERY;
    loop {
        let report = match orders.recv_timeout(SIZES_EVERY) {
            Ok(Order::Watch(l)) => {
                last = l.iter().map(|(pane, _)| (*pane, None)).collect();
                list = l;
                continue;
            }
            Ok(Order::LookNow) => Some(look(&list, true)),
            Err(RecvTimeoutError::Timeout) => {
                let shrank = any_shrank(&list);
                if shrank.is_some() || Instant::now() >= paths_at {
                    paths_at = Instant::now() + PATHS_EVERY;
                    let mut r = look(&list, false);
                    for (pane, msgs) in shrank.into_iter().flatten() {
                        if let Some(s) = r.seen.iter_mut().find(|s| s.pane == pane) {
                            s.shrank.splice(0..0, msgs);
                        }
                    }
                    let now: Vec<(usize, Option<DiskChange>)> =
                        r.seen.iter().map(|s| (s.pane, s.change)).collect();
                    let news = now != last || r.seen.iter().any(|s| !s.shrank.is_empty());
                    news.then_some(r)
                } else {
                    None
                }
            }
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if let Some(r) = report {
            last = r.seen.iter().map(|s| (s.pane, s.change)).collect();
            if reports.send(r).is_err() {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Settings;

    /// The thread itself: nothing said while nothing changes; a file cut
    /// shorter reported within a few of its size looks; `LookNow` answered
    /// at once, a growth in it.
    #[test]
    fn the_watcher_reports_changes_and_answers_looks() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("app.log");
        std::fs::write(&path, "2026-11-23T14:00:00Z INFO start\n").expect("write");
        let spec = SourceSpec {
            name: "app".into(),
            input: Input::Files(vec![path.clone()]),
            settings: Settings::default(),
        };
        let parts = Arc::new(crate::source::open(&spec).expect("open").0);
        let (tx, rx) = crossbeam_channel::unbounded();
        let orders = spawn(tx);
        orders
            .send(Order::Watch(vec![(0, Watched::Read(parts))]))
            .expect("send");
        assert!(
            rx.recv_timeout(SIZES_EVERY * 5).is_err(),
            "nothing changed, nothing said"
        );

        std::fs::write(&path, "").expect("truncate");
        let r = rx.recv_timeout(SIZES_EVERY * 20).expect("a report");
        assert!(!r.asked);
        assert_eq!(r.seen[0].change, Some(DiskChange::Shrank));
        assert_eq!(r.seen[0].shrank.len(), 1, "{:?}", r.seen[0].shrank);

        std::fs::write(&path, "2026-11-23T14:00:01Z INFO more and more\n").expect("write");
        orders.send(Order::LookNow).expect("send");
        let r = rx.recv_timeout(PATHS_EVERY).expect("the answer");
        assert!(r.asked);
        // Shrank it stays, however long it has grown since.
        assert_eq!(r.seen[0].change, Some(DiskChange::Shrank));

        let missing = dir.path().join("later.log");
        orders
            .send(Order::Watch(vec![(1, Watched::Missing(missing.clone()))]))
            .expect("send");
        orders.send(Order::LookNow).expect("send");
        let r = rx.recv_timeout(PATHS_EVERY).expect("the answer");
        assert_eq!((r.seen[0].pane, r.seen[0].change), (1, None));
        std::fs::write(&missing, "x\n").expect("write");
        let r = rx.recv_timeout(PATHS_EVERY * 3).expect("a report");
        assert_eq!(r.seen[0].change, Some(DiskChange::Appeared));
    }

    /// A FIFO made where a file was missing is said without opening it (an
    /// open waits for a writer, and would stop the watcher); a directory
    /// made there is not a log.
    #[test]
    fn a_fifo_made_at_a_missing_path_is_said_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (fifo, sub) = (dir.path().join("app.log"), dir.path().join("sub"));
        let c = std::ffi::CString::new(fifo.to_str().expect("utf-8")).expect("path");
        // SAFETY: a valid NUL-terminated path.
        #[allow(unsafe_code)]
        let made = unsafe { libc::mkfifo(c.as_ptr(), 0o644) };
        assert_eq!(made, 0, "mkfifo");
        std::fs::create_dir(&sub).expect("mkdir");
        let (tx, rx) = crossbeam_channel::bounded(1);
        std::thread::spawn(move || {
            let list = [(0, Watched::Missing(fifo)), (1, Watched::Missing(sub))];
            let r = look(&list, false);
            let _ = tx.send((r.seen[0].change, r.seen[1].change));
        });
        let seen = rx
            .recv_timeout(Duration::from_secs(5))
            .expect("the look ended");
        assert_eq!(seen, (Some(DiskChange::Appeared), None));
    }
}
