//! Silences in the TUI: computed by a worker once every source is loaded,
//! then walked with `s`/`S` (by start time, across all sources).

use std::sync::Arc;

use super::load::{loaded_sources, pane_sources};
use super::nav;
use crate::headless::silences::Report;
use crate::silence::{Analysis, Silence};
use crate::time::Nanos;
use crate::time::format_duration;
use crate::timeparse::to_wall;
use crate::tui::action::Dir;
use crate::tui::app::{App, Mode};
use crate::tui::silence_list::{self, Item};
use crate::tui::work::Job;

/// Starts the silence job once no source is still loading (acts after the last).
pub fn start(app: &mut App) {
    let Some(sources) = loaded_sources(app) else {
        return;
    };
    let generation = app.next_generation();
    app.silence_gen = generation;
    app.jobs.push(Job::Silences {
        generation,
        sources,
        settings: app.silence_settings,
    });
}

/// The analysis is in: `s` works at once; the silence list's details
/// (records read around each silence) follow from a second job.
pub fn on_done(app: &mut App, generation: u64, analysis: Arc<Analysis>) {
    if generation != app.silence_gen {
        return;
    }
    let selected = selected_silence(app);
    app.silences = Some(analysis.clone());
    if let Some(key) = selected {
        reselect(app, key);
    }
    app.silence_report = None;
    let sources = pane_sources(app);
    app.jobs.push(Job::SilenceReport {
        generation,
        sources,
        analysis,
        window: app.silence_settings.window,
    });
}

pub fn on_report(app: &mut App, generation: u64, report: Arc<Report>) {
    if generation == app.silence_gen {
        app.silence_report = Some(report);
    }
}

/// "kiosk-client silent 12m16s from 14:31:07 · rank 1 of 3", and why it
/// ranks last when no other source was logging at its start.
pub fn describe(app: &App, s: &Silence, rank: usize, of: usize) -> String {
    let name = app.panes.get(s.source).map_or("?", |p| p.name.as_str());
    let from = to_wall(s.gap.start, &app.zone).format("%H:%M:%S");
    let open = if s.open() { " (never came back)" } else { "" };
    let why = s
        .company
        .alone_why()
        .map_or_else(String::new, |w| format!(" · {w}"));
    format!(
        "{name} silent {}{open} from {from} · rank {rank} of {of}{why}",
        format_duration(s.gap.duration())
    )
}

/// `describe` for a narrow status line, where the focus names the source and
/// the cursor time is the start: "silent 12m16s · rank 1 of 3" (", alone at
/// its start" when no other source was logging then).
fn describe_short(s: &Silence, rank: usize, of: usize) -> String {
    let open = if s.open() { " (never came back)" } else { "" };
    let alone = if s.company.alone.is_some() {
        ", alone at its start"
    } else {
        ""
    };
    format!(
        "silent {}{open} · rank {rank} of {of}{alone}",
        format_duration(s.gap.duration())
    )
}

/// Moves every pane to the start of the next (previous) silence after
/// (before) the cursor, focusing the silent source.
pub fn jump(app: &mut App, dir: Dir) {
    let Some(analysis) = app.silences.clone() else {
        app.info("silences: still reading the sources");
        return;
    };
    if analysis.silences.is_empty() {
        app.info("no silences: every source kept its rhythm");
        return;
    }
    let by_time = analysis.by_time();
    let here = (app.cursor, app.focus);
    let pick = match dir {
        Dir::Next => by_time
            .iter()
            .find(|s| (s.gap.start, s.source) > here)
            .copied(),
        Dir::Prev => by_time
            .iter()
            .rev()
            .find(|s| (s.gap.start, s.source) < here)
            .copied(),
    };
    let Some(s) = pick else {
        let word = if dir == Dir::Next { "after" } else { "before" };
        app.info(format!("no silence {word} the cursor"));
        return;
    };
    if let Some(k) = analysis.silences.iter().position(|x| std::ptr::eq(x, s)) {
        go_to(app, k);
    }
}

/// Moves every pane to the start of the `k`th silence by rank (its source's
/// last record before it), focusing the silent source, and says which it is.
pub fn go_to(app: &mut App, k: usize) {
    let Some(analysis) = app.silences.clone() else {
        app.info("silences: still reading the sources");
        return;
    };
    let Some(s) = analysis.silences.get(k) else {
        return;
    };
    let (rank, of) = (k + 1, analysis.silences.len());
    let msg = describe(app, s, rank, of);
    nav::set_row(app, s.source, s.gap.before);
    app.focus = s.source;
    app.info_short(msg, describe_short(s, rank, of));
}

/// What the silence list's selection stands on: a silence's source and
/// start, or a quiet stretch's start (source None).
fn selected_silence(app: &App) -> Option<(Option<usize>, Nanos)> {
    let (Mode::Silences { list, by_time }, Some(a)) = (&app.mode, app.silences.as_deref()) else {
        return None;
    };
    Some(
        match *silence_list::items(a, *by_time).get(list.selected)? {
            Item::Silence(k) => (Some(a.silences[k].source), a.silences[k].gap.start),
            Item::Quiet(k) => (None, a.quiet_periods[k].0),
        },
    )
}

/// A new analysis (a source read again, following): the list's selection
/// stays on the silence it was on, wherever it ranks now (one that closed
/// keeps its start).
fn reselect(app: &mut App, key: (Option<usize>, Nanos)) {
    let Some(a) = app.silences.clone() else {
        return;
    };
    let Mode::Silences { list, by_time } = &mut app.mode else {
        return;
    };
    let at = silence_list::items(&a, *by_time)
        .iter()
        .position(|i| match *i {
            Item::Silence(k) => (Some(a.silences[k].source), a.silences[k].gap.start) == key,
            Item::Quiet(k) => (None, a.quiet_periods[k].0) == key,
        });
    if let Some(at) = at {
        list.select(at);
    }
}
