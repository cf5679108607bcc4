//! Zones and typed times on the screen. Until every source is read, times are
//! shown in the zone the sources are set to be read in; once all are read,
//! in the zone their zone-less stamps were read in (unless the user chose a
//! zone), and `--since`/`--until` are read on the days the sources cover.

use super::nav;
use crate::source::Source;
use crate::time::Nanos;
use crate::tui::app::{App, Load};
use crate::user_time;

/// Called after each source finishes loading; acts once, after the last.
pub fn settle(app: &mut App) {
    if app
        .panes
        .iter()
        .any(|p| matches!(p.load, Load::Opening | Load::Indexing { .. }))
    {
        return;
    }
    settle_times(app);
    // Arguments that opened nothing, said last: the sources' own warnings
    // (and the zone's) came after the first time.
    // Said at start too: the messages view keeps it once, last.
    for s in std::mem::take(&mut app.skipped) {
        let shown = crate::ansi::display_text(s.as_bytes());
        app.messages.retain(|(m, _)| *m != shown);
        app.warn(s);
    }
}

/// The display zone and `--since`/`--until`, once every source is read.
fn settle_times(app: &mut App) {
    let Some((asked, provisional)) = app.asked.take() else {
        return;
    };
    let srcs: Vec<&Source> = app.panes.iter().filter_map(|p| p.source.as_ref()).collect();
    // `:zone` while loading is the user's choice and stays.
    let zone = if app.zone == provisional {
        asked.zone(&srcs)
    } else {
        app.zone.clone()
    };
    let range = asked.range(&zone, &srcs);
    if zone != app.zone {
        app.info(format!(
            "times shown in {}, the zone the logs are read in",
            zone.label()
        ));
        app.zone = zone;
    }
    if asked.since.is_none() && asked.until.is_none() {
        return;
    }
    match range {
        Ok(r) => {
            app.since = r.since;
            app.until = r.until;
            if let Some(n) = r.notes.first() {
                app.info(n.clone());
            }
            nav::follow_start(app);
        }
        Err(e) => app.warn(e),
    }
}

/// A time typed in `t` or `:goto`: read in the zone times are shown in; a
/// time without a date falls on the day the sources cover nearest the
/// cursor, and `note` says which day when they cover several.
pub fn typed_time(app: &App, s: &str) -> Result<user_time::Typed, String> {
    let srcs: Vec<&Source> = app.panes.iter().filter_map(|p| p.source.as_ref()).collect();
    let span = user_time::common_span(&srcs);
    user_time::read_time(s, &app.zone, span, app.cursor)
}

/// Goes to a typed time and says what the user could not see: how far
/// outside every source it lies (the panes then show their first or last
/// records as if they were there), else which day a time without a date was
/// taken on when the sources cover several.
pub fn go_to_typed(app: &mut App, at: Nanos, note: Option<String>) {
    nav::goto(app, at);
    let srcs: Vec<&Source> = app.panes.iter().filter_map(|p| p.source.as_ref()).collect();
    if let Some(far) = user_time::outside(at, &srcs, &app.zone) {
        app.info(far);
    } else if let Some(n) = note {
        app.info(n);
    }
}
