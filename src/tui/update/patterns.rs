//! Patterns in the TUI: mined by a worker once every source is loaded (again
//! whenever a source finishes loading anew), precursors computed once the
//! silence analysis is there too, and again when a clock offset moves times.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use super::load::loaded_sources;
use crate::tui::app::{App, Mode};
use crate::tui::mining::{Mined, Precursors, Progress};
use crate::tui::pattern_list;
use crate::tui::work::Job;

/// Starts mining once no source is still loading (acts after the last). The
/// previous answer stays on screen until the new one replaces it.
pub fn start(app: &mut App) {
    let Some(sources) = loaded_sources(app) else {
        return;
    };
    let generation = app.next_generation();
    let work = &mut app.pattern_work;
    work.generation = generation;
    work.latest.store(generation, Ordering::Relaxed);
    work.progress = Some(Progress {
        total: sources.len(),
        of: sources.iter().map(|(_, s)| s.index.len()).sum(),
        ..Progress::default()
    });
    let latest = work.latest.clone();
    let before = app.patterns.clone();
    app.jobs.push(Job::Patterns {
        generation,
        latest,
        sources,
        before,
    });
}

pub fn on_progress(app: &mut App, generation: u64, progress: Progress) {
    let work = &mut app.pattern_work;
    // A late progress report must not reopen a finished job's progress.
    if generation == work.generation && work.progress.is_some() {
        work.progress = Some(progress);
    }
}

pub fn on_done(app: &mut App, generation: u64, mined: Arc<Mined>) {
    if generation != app.pattern_work.generation {
        return;
    }
    app.pattern_work.progress = None;
    let selected = selected_template(app);
    app.patterns = Some(mined);
    if let Some(at) = selected {
        reselect(app, &at);
    }
    super::pattern_view::remap_filters(app);
    start_precursors(app);
}

/// Computes precursors when both the templates and the silences are known:
/// after either arrives, and after a clock offset changed times.
pub fn start_precursors(app: &mut App) {
    let (Some(mined), Some(analysis)) = (app.patterns.clone(), app.silences.clone()) else {
        return;
    };
    let Some(sources) = loaded_sources(app) else {
        return;
    };
    // A source read again since: its own mining starts precursors when done.
    if !mined.covers(&sources) {
        return;
    }
    let generation = app.next_generation();
    app.pattern_work.precursor_gen = generation;
    app.jobs.push(Job::Precursors {
        generation,
        sources,
        mined,
        analysis,
    });
}

pub fn on_precursors(app: &mut App, generation: u64, precursors: Precursors) {
    if generation == app.pattern_work.precursor_gen {
        app.precursors = Some(precursors);
    }
}

/// The pattern view's selected template: its pane and text.
fn selected_template(app: &App) -> Option<(usize, String)> {
    let Mode::Patterns(v) = &app.mode else {
        return None;
    };
    let rows = pattern_list::rows(app, v);
    let r = rows.get(v.list.selected)?;
    Some((r.pane, pattern_list::text(app, r).to_string()))
}

/// New templates (a source read again, following): the pattern view's
/// selection stays on the template it was on, wherever the counts put it.
fn reselect(app: &mut App, (pane, text): &(usize, String)) {
    let Mode::Patterns(v) = &app.mode else {
        return;
    };
    let rows = pattern_list::rows(app, v);
    let Some(at) = rows
        .iter()
        .position(|r| r.pane == *pane && pattern_list::text(app, r) == text)
    else {
        return;
    };
    if let Mode::Patterns(v) = &mut app.mode {
        v.list.select(at);
    }
}
