//! Clock offsets (set, nudged, or derived from two marked rows) and bookmarks.

use super::nav::set_row;
use crate::case::Anchor;
use crate::time::{Nanos, format_duration};
use crate::tui::action::Dir;
use crate::tui::app::{App, RowRef};

fn signed(d: Nanos) -> String {
    if d >= 0 {
        format!("+{}", format_duration(d))
    } else {
        format_duration(d)
    }
}

/// The row the cursor is on in the focused pane (or the merged view).
pub fn cursor_ref(app: &App) -> Option<RowRef> {
    if app.merged {
        let (p, k) = app.merged_cursor()?;
        return app.row_ref(p, k);
    }
    let k = app.cursor_row(app.focus)?;
    app.row_ref(app.focus, k)
}

/// Sets pane `p`'s clock offset. The cursor time stays, so the other panes
/// stay put and this one realigns under them.
pub fn set_offset(app: &mut App, p: usize, offset: Nanos) {
    let Some(src) = app.panes.get_mut(p).and_then(|x| x.source.as_mut()) else {
        app.warn("no source to adjust yet");
        return;
    };
    src.offset = offset;
    let name = src.name.clone();
    app.panes[p].offset_set = true;
    if app.pin.is_some_and(|(pp, _)| pp == p) {
        app.pin = None;
    }
    app.info(format!("{name}: clock offset {}", signed(offset)));
    // The source moved in time: its silences, and who kept logging through
    // everyone's, are found again (the old answer would mark the old places).
    app.silences = None;
    app.silence_report = None;
    super::silences::start(app);
    // Precursor windows are times: they move with the offset.
    super::patterns::start_precursors(app);
}

pub fn mark_offset(app: &mut App) {
    let Some((p, r)) = cursor_ref(app) else {
        return;
    };
    let Some(t) = app.source(p).and_then(|s| s.time(r)) else {
        app.warn("this row has no time: mark a row with a timestamp");
        return;
    };
    if app.panes.len() < 2 {
        // No other pane holds the event to mark the second time.
        app.info(
            "one pane: o marks one event in two panes to align their clocks; { } shift this one",
        );
        return;
    }
    match app.offset_mark {
        Some((p1, r1)) if p1 != p => {
            let Some(t1) = app.source(p1).and_then(|s| s.time(r1)) else {
                app.offset_mark = None;
                return;
            };
            let old = app.source(p).map_or(0, |s| s.offset);
            let new = old + (t1 - t);
            set_offset(app, p, new);
            let marks = app
                .source(p)
                .and_then(|s| Anchor::of(s, r))
                .zip(app.source(p1).and_then(|s| Anchor::of(s, r1)))
                .map(|(a, b)| [a, b]);
            super::case::offset_changed(app, p, Some(marks));
            app.notes
                .offset_marks
                .insert(p, [Some((p, r)), Some((p1, r1))]);
            app.offset_mark = None;
            set_row(app, p, r);
            let (a, b) = (app.panes[p1].name.clone(), app.panes[p].name.clone());
            app.info(format!(
                "{b}: clock offset {} (was {}): {b} record {} now coincides with {a} record {}",
                signed(new),
                signed(old),
                r + 1,
                r1 + 1
            ));
        }
        _ => {
            app.offset_mark = Some((p, r));
            let name = app.panes[p].name.clone();
            app.info(format!(
                "marked {name} record {}: now mark the same event in another pane (o)",
                r + 1
            ));
            let _ = t;
        }
    }
}

pub fn toggle_bookmark(app: &mut App) {
    let Some(at) = cursor_ref(app) else {
        return;
    };
    if let Some(i) = app.bookmarks.iter().position(|&b| b == at) {
        app.bookmarks.remove(i);
        if app.last_bookmark == Some(at) {
            app.last_bookmark = app.bookmarks.last().copied();
        }
        let saved = super::case::bookmark_changed(app, at, false);
        app.info(format!("bookmark removed{saved}"));
    } else {
        app.bookmarks.push(at);
        app.last_bookmark = Some(at);
        let saved = super::case::bookmark_changed(app, at, true);
        app.info(format!(
            "bookmarked ({} in all){saved}",
            app.bookmarks.len()
        ));
    }
}

fn key(app: &App, (p, r): RowRef) -> (Nanos, usize, usize) {
    let t = app
        .source(p)
        .and_then(|s| s.index.get(r).map(|e| e.time().saturating_add(s.offset)));
    (t.unwrap_or(Nanos::MIN), p, r)
}

pub fn bookmark_jump(app: &mut App, dir: Dir) {
    let Some(here) = cursor_ref(app) else {
        return;
    };
    let here = key(app, here);
    let mut marks: Vec<_> = app.bookmarks.iter().map(|&b| (key(app, b), b)).collect();
    marks.sort();
    let found = match dir {
        Dir::Next => marks.iter().find(|(k, _)| *k > here),
        Dir::Prev => marks.iter().rev().find(|(k, _)| *k < here),
    };
    match found {
        Some(&(_, (p, r))) => {
            set_row(app, p, r);
            if !app.merged {
                app.focus = p;
            }
            app.last_bookmark = Some((p, r));
        }
        None if app.bookmarks.is_empty() => app.info("no bookmarks: press m to bookmark a row"),
        None => app.info(match dir {
            Dir::Next => "no bookmark after the cursor",
            Dir::Prev => "no bookmark before the cursor",
        }),
    }
}
