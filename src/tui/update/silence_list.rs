//! The silence list (`Q`, `:silences`): opening it, the sort toggle, and
//! Enter, which closes it and jumps as `s` does.

use super::{nav, silences};
use crate::time::format_duration;
use crate::tui::app::{App, ListState, Mode};
use crate::tui::silence_list::{Item, items, when};

pub fn open(app: &mut App, by_time: bool) {
    app.mode = Mode::Silences {
        list: ListState::default(),
        by_time,
    };
}

/// By score ↔ by time, keeping the selected entry selected.
pub fn toggle_order(app: &mut App) {
    let analysis = app.silences.clone();
    let Mode::Silences { list, by_time } = &mut app.mode else {
        return;
    };
    if let Some(a) = analysis {
        let before = items(&a, *by_time);
        let picked = before.get(list.selected).copied();
        let after = items(&a, !*by_time);
        list.selected = picked
            .and_then(|it| after.iter().position(|&x| x == it))
            .unwrap_or(0);
    }
    *by_time = !*by_time;
}

/// Keeps the selection on an entry (j past the end stays on the last), so
/// that k moves at once.
pub fn clamp(app: &mut App) {
    let n = app
        .silences
        .as_ref()
        .map_or(0, |a| a.silences.len() + a.quiet_periods.len());
    if let Mode::Silences { list, .. } = &mut app.mode {
        list.selected = list.selected.min(n.saturating_sub(1));
    }
}

/// Enter: the list closes (the caller has set `Mode::Normal`) and every pane
/// goes to the selected silence's start, or a quiet period's start.
pub fn submit(app: &mut App, list: ListState, by_time: bool) {
    let Some(a) = app.silences.clone() else {
        app.mode = Mode::Silences { list, by_time };
        app.info("silences: still reading the sources");
        return;
    };
    let all = items(&a, by_time);
    match all.get(list.selected.min(all.len().saturating_sub(1))) {
        Some(&Item::Silence(k)) => silences::go_to(app, k),
        Some(&Item::Quiet(q)) => {
            let (start, end) = a.quiet_periods[q];
            nav::goto(app, start);
            let from = when(app, start, false);
            app.info(format!(
                "every source quiet {} from {from}",
                format_duration(end - start)
            ));
        }
        None => app.info("no silences: every source kept its rhythm"),
    }
}
