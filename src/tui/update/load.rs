//! Loader events: panes show partial indexes while sources are indexed.

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::{filter, nav, patterns, search, silences, zones};
use crate::format::{Detection, Format};
use crate::index::{Index, Zone};
use crate::loader::LoadEvent;
use crate::source::stream::size_text;
use crate::source::{DiskChange, Source};
use crate::tui::app::{App, Load};
use crate::tui::watch::{Report, Watched};

/// Each pane's source as read so far, with its pane number.
pub fn pane_sources(app: &App) -> Vec<(usize, Source)> {
    app.panes
        .iter()
        .enumerate()
        .filter_map(|(k, p)| Some((k, p.source.clone()?)))
        .collect()
}

/// Every pane's source once none is still loading: what the background
/// analyses (silences, mining) start from; None while one is.
pub fn loaded_sources(app: &App) -> Option<Vec<(usize, Source)>> {
    let loading = app
        .panes
        .iter()
        .any(|p| matches!(p.load, Load::Opening | Load::Indexing { .. }));
    (!loading).then(|| pane_sources(app))
}

pub fn on_event(app: &mut App, ev: LoadEvent) {
    // Read again (`R`): the source read before stays shown until the new one
    // is in, whole; a new one that cannot be read leaves it as it was.
    let id = ev.id();
    if let Some(pane) = app.panes.get_mut(id)
        && pane.reloading
    {
        match ev {
            LoadEvent::Done { .. } => {
                pane.reloading = false;
                pane.on_disk = None;
                let took = pane.reload_asked.take().map(|t| t.elapsed());
                let (name, before) = (pane.name.clone(), records(pane));
                // A file that could not be read at start is read for the first time.
                let first = pane.source.is_none();
                let at_end = super::nav::at_end(app);
                app.dumps.forget(id);
                on_event(app, ev);
                let after = records(&app.panes[id]);
                if app.follow {
                    // As `tail -f`: a cursor at the end stays there.
                    app.follow_next = took.map(|t| Instant::now() + t.max(WATCH));
                    if at_end {
                        super::nav::end(app);
                    }
                }
                // What following read by itself is in quietly; `R`'s read says so.
                if std::mem::take(&mut app.panes[id].reload_quiet) {
                    return;
                }
                let noun = if after == 1 { "record" } else { "records" };
                if first {
                    return app.info(format!("{name} read: {after} {noun}"));
                }
                app.info(format!(
                    "{name} read again: {after} {noun} ({})",
                    signed_count(after as i64 - before as i64)
                ));
            }
            LoadEvent::Failed { error, .. } => {
                pane.reloading = false;
                pane.reload_quiet = false;
                let name = pane.name.clone();
                if pane.source.is_none() {
                    // Never read: following does not try again until the
                    // watcher sees it change.
                    pane.on_disk = None;
                    return app.warn(format!("{name}: still cannot be read: {error}"));
                }
                app.warn(format!(
                    "{name}: could not be read again, so the pane keeps what was read before: {error}"
                ));
            }
            _ => {}
        }
        return;
    }
    match ev {
        LoadEvent::Opened { id, parts } => {
            let Some(pane) = app.panes.get_mut(id) else {
                return;
            };
            let total = parts.total_len();
            pane.source = Some(Source {
                name: pane.name.clone(),
                origin: String::new(),
                parts,
                index: Index::default(),
                detection: Detection {
                    format: Format::Plain,
                    confidence: 0.0,
                },
                zone: Zone::Fixed(0),
                offset: 0,
                warnings: Vec::new(),
                read: crate::source::next_read(),
                read_on: None,
                line_marks: Default::default(),
            });
            pane.load = Load::Indexing { done: 0, total };
        }
        LoadEvent::Detected { id, detection } => {
            if let Some(src) = app.panes.get_mut(id).and_then(|p| p.source.as_mut()) {
                src.detection = detection;
            }
        }
        LoadEvent::Progress {
            id,
            index,
            bytes_done,
            bytes_total,
        } => {
            let Some(pane) = app.panes.get_mut(id) else {
                return;
            };
            if let Some(src) = pane.source.as_mut() {
                src.index = *index;
            }
            pane.load = Load::Indexing {
                done: bytes_done,
                total: bytes_total,
            };
            // Keep filters and search current while indexing, one job at a time per pane.
            let (filtering, searching) = (pane.filtering, pane.searching);
            if !filtering && !filter::effective(app, id).is_empty() {
                filter::refilter(app, id);
            }
            if !searching && app.search.is_some() {
                search::start_search(app, id);
            }
            nav::follow_start(app);
        }
        LoadEvent::Done { id, source } => {
            let Some(pane) = app.panes.get_mut(id) else {
                return;
            };
            let mut source = *source;
            if pane.offset_set {
                source.offset = pane.source.as_ref().map_or(source.offset, |s| s.offset);
            }
            // Read again (`R`, following): only what was not said of it before.
            let said = pane.source.as_ref().map_or(&[][..], |s| &s.warnings[..]);
            let warnings: Vec<String> = source
                .warnings
                .iter()
                .filter(|w| !said.contains(w))
                .cloned()
                .collect();
            // What was said of the source read before and no longer holds
            // (`empty` once a followed file is written again) leaves the
            // status line.
            let stale = said.iter().any(|w| {
                !source.warnings.contains(w)
                    && app
                        .message
                        .as_ref()
                        .is_some_and(|(m, _)| m.starts_with(&format!("{}: {w}", pane.name)))
            });
            pane.name.clone_from(&source.name);
            pane.source = Some(source);
            pane.load = Load::Ready;
            if stale {
                (app.message, app.message_short, app.message_end) = (None, None, None);
            }
            if let Some(w) = warnings.first() {
                let more = if warnings.len() > 1 {
                    format!(" (+{} more)", warnings.len() - 1)
                } else {
                    String::new()
                };
                let name = app.panes[id].name.clone();
                app.warn(format!("{name}: {w}{more}"));
            }
            let detached = super::case::restore_bookmarks(app, id);
            let before = std::mem::replace(&mut app.panes[id].detached_bookmarks, detached);
            if detached > 0 && detached != before {
                let name = app.panes[id].name.clone();
                app.warn(format!(
                    "{name}: {detached} bookmark(s) in the case file point at records no longer in it (kept, detached)"
                ));
            }
            super::case::restore_pane(app, id);
            // Jobs that ran on the partial index cover only part of the source.
            filter::refilter(app, id);
            search::start_search(app, id);
            nav::follow_start(app);
            zones::settle(app);
            super::case::restore_all(app);
            super::goroutines::on_loaded(app, id);
            silences::start(app);
            patterns::start(app);
        }
        LoadEvent::Failed { id, name, error } => {
            let Some(pane) = app.panes.get_mut(id) else {
                return;
            };
            pane.source = None;
            let name = if name.is_empty() {
                pane.name.clone()
            } else {
                name
            };
            // Core errors name their source already.
            let text = error.to_string();
            pane.load = Load::Failed(std::sync::Arc::new(error));
            app.warn(crate::error::named(&name, &text));
            zones::settle(app);
            super::case::restore_all(app);
            silences::start(app);
            patterns::start(app);
        }
    }
}

fn records(pane: &crate::tui::app::Pane) -> usize {
    pane.source.as_ref().map_or(0, |s| s.index.len())
}

/// `+3`, `−2`, `none new`.
fn signed_count(n: i64) -> String {
    match n {
        0 => "none new".into(),
        n if n > 0 => format!("+{n}"),
        n => format!("−{}", -n),
    }
}

/// Applies what the disk watcher saw (`tui::watch`; the screen's thread
/// never looks at the disk itself). A file cut shorter is warned of, the
/// warning kept with its source (its title counts it); each change on disk
/// is said once and shown in the pane's title until the source is read
/// again; following starts the reads it makes by itself; and the answer to
/// `R`'s look reads what else changed.
pub fn on_disk(app: &mut App, report: Report) {
    let mut shrunk = Vec::new();
    let mut said = Vec::new();
    for seen in report.seen {
        let Some(pane) = app.panes.get_mut(seen.pane) else {
            continue;
        };
        // Seen of a source since read again (or of a file since opened): stale.
        let current = match (&seen.of, &pane.source) {
            (Watched::Read(parts), Some(src)) => Arc::ptr_eq(parts, &src.parts),
            (Watched::Missing(_), None) => matches!(pane.load, Load::Failed(_)),
            _ => false,
        };
        if !current {
            continue;
        }
        if let Some(src) = pane.source.as_mut() {
            for msg in seen.shrank {
                src.warnings.push(msg.clone());
                shrunk.push(msg);
            }
        }
        if pane.reloading || !matches!(pane.load, Load::Ready | Load::Failed(_)) {
            continue;
        }
        let Some(now) = seen.change else {
            // Nothing at the path now (deleted, or renamed away and not yet
            // made again): nothing new to read, so following does not try
            // (and fail) every 2 s.
            pane.on_disk = None;
            continue;
        };
        // Said once for each kind of change (grown, then replaced);
        // following reads a grown file by itself: nothing to say.
        let same = matches!(
            (pane.on_disk, now),
            (Some(DiskChange::Grew(_)), DiskChange::Grew(_))
                | (Some(DiskChange::Replaced), DiskChange::Replaced)
                | (Some(DiskChange::Shrank), DiskChange::Shrank)
                | (Some(DiskChange::Appeared), DiskChange::Appeared)
        );
        if !same {
            match now {
                DiskChange::Grew(_) if app.follow => {}
                DiskChange::Grew(n) => said.push(format!(
                    "{} grew by {} since it was read: R reads it again",
                    pane.name,
                    size_text(n)
                )),
                DiskChange::Replaced => said.push(format!(
                    "{}: another file is at its path now (rotated?): R reads the new one",
                    pane.name
                )),
                DiskChange::Shrank if app.follow => {}
                DiskChange::Shrank => said.push(format!(
                    "{} was cut shorter since it was read (copytruncate?): R reads what it holds now",
                    pane.name
                )),
                // Named by its path as given: the pane said it could not open that.
                DiskChange::Appeared => {
                    let path = match &seen.of {
                        Watched::Missing(path) => path.display().to_string(),
                        Watched::Read(_) => pane.name.clone(),
                    };
                    let then = if app.follow { "reading it" } else { "R reads it" };
                    said.push(format!("{path} exists now: {then}"));
                }
            }
        }
        pane.on_disk = Some(now);
    }
    for msg in shrunk {
        app.warn(msg);
    }
    if app.follow {
        follow(app);
    }
    if let Some(first) = said.first() {
        let more = match said.len() {
            1 => String::new(),
            n => format!(" (+{} more)", n - 1),
        };
        app.info(format!("{first}{more}"));
    }
    if report.asked
        && let Some(started) = app.reload_pending.take()
    {
        let names = start_reads(app);
        if !names.is_empty() {
            app.info(format!("reading {} again…", names.join(", ")));
        } else if !started {
            app.info(
                "no source's file changed on disk since it was read (standard input and commands are read once)",
            );
        }
    }
}

/// How long following waits after a read at least.
const WATCH: Duration = Duration::from_secs(2);

/// Following: each file that grew, or was cut shorter (copytruncate: what
/// was read is gone from it already, as `tail -F` reads it from its start),
/// or that could not be read at start and can now, is read again once the
/// wait after the last read is over. Not one replaced (rotated): reading the
/// new file would take what the pane shows, still whole in the old one, out
/// of sight, so that waits for `R`. Works from what the watcher saw last.
pub fn follow(app: &mut App) {
    if app.follow_next.is_some_and(|t| Instant::now() < t) {
        return;
    }
    // Mining the last read first: a read that came in meanwhile would have
    // its source mined whole (mined on only from the read mining ended with),
    // and on a big log each whole mining would outlast the next read's wait.
    if app.pattern_work.progress.is_some() {
        return;
    }
    for (p, pane) in app.panes.iter_mut().enumerate() {
        if matches!(
            pane.on_disk,
            Some(DiskChange::Grew(_) | DiskChange::Shrank | DiskChange::Appeared)
        ) && !pane.reloading
        {
            pane.reloading = true;
            pane.reload_quiet = true;
            pane.reload_asked = Some(Instant::now());
            app.reloads.push(p);
        }
    }
}

/// `F`: follows files as they grow, or stops. Starting, what the watcher
/// saw already is read at once, and it is asked to look again now.
pub fn toggle_follow(app: &mut App) {
    app.follow = !app.follow;
    if app.follow {
        app.info("following: files read again as they grow (F stops)");
        app.look_now = true;
        follow(app);
    } else {
        app.info("not following: R reads grown files again");
    }
}

/// `R`: reads again every source whose file grew, was replaced or cut
/// shorter on disk, or can be read now: those the watcher saw at once, and
/// those its look asked for now finds (`on_disk`, on its answer).
pub fn reload(app: &mut App) {
    app.message = None;
    app.look_now = true;
    let names = start_reads(app);
    app.reload_pending = Some(!names.is_empty());
    if names.is_empty() {
        app.progress("looking at the files on disk…");
    } else {
        app.info(format!("reading {} again…", names.join(", ")));
    }
}

/// Starts `R`'s reads: every pane whose file changed on disk and is not
/// being read already. Their names.
fn start_reads(app: &mut App) -> Vec<String> {
    let changed: Vec<usize> = (0..app.panes.len())
        .filter(|&p| app.panes[p].on_disk.is_some() && !app.panes[p].reloading)
        .collect();
    for &p in &changed {
        app.panes[p].reloading = true;
        app.panes[p].reload_quiet = false;
        app.panes[p].reload_asked = Some(Instant::now());
    }
    app.reloads.extend(&changed);
    changed.iter().map(|&p| app.panes[p].name.clone()).collect()
}
