//! `--binary`: the binary's answer, each analysed dump's addresses, and the
//! code addresses of the log record at the cursor, all looked up by workers.

use std::sync::Arc;

use crate::headless::goroutines::Analysis;
use crate::symbol::Resolved;
use crate::symbol::dump::DumpSymbols;
use crate::symbol::record_addresses;
use crate::tui::app::{App, Mode};
use crate::tui::goroutine_view::{DumpKey, Shared, Slot};
use crate::tui::symbols::{BinaryState, RecordSymbols, SharedBinary};
use crate::tui::work::Job;

/// Starts opening the binary (the screen's first frame does not wait for it).
pub fn open(app: &mut App, path: std::path::PathBuf) {
    app.binary = BinaryState::Opening(path.clone());
    app.jobs.push(Job::OpenBinary { path });
}

pub fn on_binary(app: &mut App, result: Result<SharedBinary, String>) {
    let Some(path) = app.binary.path().map(std::path::Path::to_path_buf) else {
        return;
    };
    match result {
        Ok(b) => {
            app.binary = BinaryState::Ready(path, b);
            let ready: Vec<(DumpKey, bool)> = app
                .dumps
                .slots
                .iter()
                .filter(|(_, s)| matches!(s, Slot::Ready(_)))
                .map(|(k, _)| *k)
                .collect();
            for (key, similar) in ready {
                request_dump(app, key, similar);
            }
            app.record_symbols = RecordSymbols::default();
        }
        Err(why) => {
            app.warn(why.clone());
            app.binary = BinaryState::Failed(path, why);
        }
    }
}

/// Asks a worker to resolve a ready analysis's addresses, unless asked.
pub fn request_dump(app: &mut App, key: DumpKey, similar: bool) {
    let (BinaryState::Ready(path, bin), Some(a)) =
        (&app.binary, app.dumps.ready(key, similar).cloned())
    else {
        return;
    };
    if matches!(app.dumps.symbols.get(&(key, similar)), Some((Shared(of), _)) if Arc::ptr_eq(of, &a))
    {
        return;
    }
    let job = Job::DumpSymbols {
        key,
        similar,
        analysis: Shared(a.clone()),
        binary: bin.clone(),
        path: path.clone(),
    };
    app.dumps.symbols.insert((key, similar), (Shared(a), None));
    app.jobs.push(job);
}

pub fn on_dump_symbols(
    app: &mut App,
    key: DumpKey,
    similar: bool,
    analysis: Arc<Analysis>,
    symbols: Arc<DumpSymbols>,
) {
    let current = app
        .dumps
        .ready(key, similar)
        .is_some_and(|a| Arc::ptr_eq(a, &analysis));
    if !current {
        return;
    }
    if let Some(w) = symbols.warnings.first()
        && matches!(&app.mode, Mode::Goroutines(v) if v.key == key)
    {
        app.warn(w.clone());
    }
    app.dumps
        .symbols
        .insert((key, similar), (Shared(analysis), Some(symbols)));
}

/// The focused pane's record at the cursor: its code addresses looked up by
/// a worker once per record (only that record's bytes are read here).
pub fn follow_cursor(app: &mut App) {
    let Some(bin) = app.binary.ready().cloned() else {
        return;
    };
    if app.mode != Mode::Normal || app.merged {
        return;
    }
    let p = app.focus;
    let Some(rec) = app.cursor_row(p).and_then(|k| Some(app.rows(p)?.record(k))) else {
        return;
    };
    if app.record_symbols.asked == Some((p, rec)) {
        return;
    }
    let Some(src) = app.source(p) else { return };
    let bytes = src.record_bytes(rec);
    let addresses = record_addresses(bytes);
    // Only where there is something to resolve: a record's frames are read
    // in its first 256 KiB at most.
    let named = if addresses.is_empty() {
        Vec::new()
    } else {
        crate::symbol::record_functions(bytes)
    };
    app.record_symbols = RecordSymbols {
        asked: Some((p, rec)),
        resolved: addresses.is_empty().then(Vec::new),
    };
    if !addresses.is_empty() {
        app.jobs.push(Job::RecordAddresses {
            pane: p,
            record: rec,
            addresses,
            named,
            binary: bin,
        });
    }
}

pub fn on_record(app: &mut App, pane: usize, record: usize, resolved: Vec<Resolved>) {
    if app.record_symbols.asked == Some((pane, record)) {
        app.record_symbols.resolved = Some(resolved);
    }
}
