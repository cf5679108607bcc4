//! The silence list's entries and their labels, shared by `update` (Enter,
//! the sort toggle), `view` (drawing) and the palette, so all three walk the
//! same order. The silences come from the worker's analysis (`app.silences`),
//! never computed here.

use super::action::Action;
use super::app::{App, Load};
use super::palette::Entry;
use crate::headless::silences::Report;
use crate::silence::correlate::DEFAULT_NEARBY;
use crate::silence::{Analysis, Silence};
use crate::source::Source;
use crate::time::{Nanos, format_duration};
use crate::timeparse::to_wall;

/// One selectable row of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// A silence: its index in `Analysis::silences` (rank − 1).
    Silence(usize),
    /// A stretch when every source was quiet: its index in `quiet_periods`.
    Quiet(usize),
}

/// The rows in list order: the silences by score (rank) or by start, then
/// the quiet periods by start, apart.
pub fn items(a: &Analysis, by_time: bool) -> Vec<Item> {
    let mut order: Vec<usize> = (0..a.silences.len()).collect();
    if by_time {
        order.sort_by_key(|&k| (a.silences[k].gap.start, a.silences[k].source, k));
    }
    order
        .into_iter()
        .map(Item::Silence)
        .chain((0..a.quiet_periods.len()).map(Item::Quiet))
        .collect()
}

/// Sources still opening or indexing (the analysis waits for all of them).
pub fn loading_sources(app: &App) -> usize {
    app.panes
        .iter()
        .filter(|p| matches!(p.load, Load::Opening | Load::Indexing { .. }))
        .count()
}

/// A time as the list shows it: the panes' clock, with the date in front when
/// the silences span more than one day.
pub fn when(app: &App, t: Nanos, dated: bool) -> String {
    let fmt = if dated {
        "%m-%d %H:%M:%S%.3f"
    } else {
        "%H:%M:%S%.3f"
    };
    to_wall(t, &app.zone).format(fmt).to_string()
}

/// Whether the silences and quiet periods start on different days.
pub fn spans_days(app: &App, a: &Analysis) -> bool {
    let day = |t: Nanos| to_wall(t, &app.zone).date();
    let mut days = a
        .silences
        .iter()
        .map(|s| s.gap.start)
        .chain(a.quiet_periods.iter().map(|q| q.0))
        .map(day);
    let Some(first) = days.next() else {
        return false;
    };
    days.any(|d| d != first)
}

/// `12m16s`, or `never came back` for a source that stopped for good.
pub fn length(s: &Silence) -> String {
    if s.open() {
        "never came back".into()
    } else {
        format_duration(s.gap.duration())
    }
}

/// The palette's entries: one per silence, by rank ("silence kiosk-client
/// 14:31:07 12m16s"); choosing one jumps there as Enter in the list does.
pub fn palette_entries(app: &App) -> Vec<Entry> {
    let Some(a) = &app.silences else {
        return Vec::new();
    };
    let n = a.silences.len();
    a.silences
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let name = app.panes.get(s.source).map_or("?", |p| p.name.as_str());
            let from = to_wall(s.gap.start, &app.zone).format("%H:%M:%S");
            Entry {
                label: format!("silence {name} {from} {}", length(s)),
                keys: String::new(),
                // Short: the palette gives a keyless label the room the description leaves.
                description: format!("rank {} of {n}, score {:.2}", k + 1, s.score),
                action: Action::GotoSilence(k),
            }
        })
        .collect()
}

/// What `casefile silences` prints about `a` (whose sources are pane
/// numbers), built by the same function with `--window` as given: the
/// list's details. Its silences follow `a`'s order; nearby records'
/// `source_index` are pane numbers. Runs on a worker: it reads records.
pub fn report(sources: &[(usize, Source)], a: &Analysis, window: Nanos) -> Report {
    let srcs: Vec<&Source> = sources.iter().map(|(_, s)| s).collect();
    let position = |pane: usize| sources.iter().position(|(p, _)| *p == pane);
    // `report` numbers sources by position in the list it is given.
    let mut local = a.clone();
    for s in &mut local.silences {
        s.source = position(s.source).unwrap_or(usize::MAX);
    }
    if local.silences.iter().any(|s| s.source == usize::MAX) {
        // A pane lost its source since the analysis: a newer one is coming.
        return Report {
            silences: Vec::new(),
            quiet_periods: Vec::new(),
            precursors: Vec::new(),
        };
    }
    let mut r =
        crate::headless::silences::report(&srcs, &local, window, DEFAULT_NEARBY, (None, None));
    for n in r.silences.iter_mut().flat_map(|s| &mut s.nearby) {
        n.source_index = sources[n.source_index].0;
    }
    r
}
