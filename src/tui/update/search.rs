//! Search across every pane. Each pane's worker finds its matches (first the
//! one nearest after the cursor, reported early, then all of them); jumps walk
//! the matches of all timed panes in one order, (time, pane, record), the
//! order the merged view uses, so ties between panes always break the same way.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use regex::{Regex, RegexBuilder, bytes};

use super::nav;
use crate::time::Nanos;
use crate::tui::action::{Action, Dir};
use crate::tui::app::{App, Load, PendingMatch, RowsOf};
use crate::tui::work::Job;

/// Lower-case patterns match either case, as in lnav and less.
pub fn smart_case(pattern: &str) -> bool {
    !pattern.chars().any(char::is_uppercase)
}

pub fn bytes_regex(pattern: &str) -> Result<bytes::Regex, String> {
    bytes::RegexBuilder::new(pattern)
        .case_insensitive(smart_case(pattern))
        .build()
        .map_err(|e| {
            let e = e.to_string();
            format!("bad regex '{pattern}': {}", e.lines().last().unwrap_or(""))
        })
}

/// A new search (empty: clear it). Once the panes' workers have answered, the
/// cursor goes to the nearest match at or after it, in whichever pane.
pub fn search(app: &mut App, pattern: &str) {
    app.pending_match = None;
    if pattern.is_empty() {
        app.search = None;
        for pane in &mut app.panes {
            pane.matches = Arc::new(Vec::new());
            pane.first_match = None;
            pane.searching = false;
            pane.search_gen.fetch_add(1, Ordering::Relaxed);
        }
        return;
    }
    let display: Result<Regex, _> = RegexBuilder::new(pattern)
        .case_insensitive(smart_case(pattern))
        .build();
    let Ok(display) = display else {
        app.warn(bytes_regex(pattern).err().unwrap_or_default());
        return;
    };
    app.search = Some(display);
    for pane in &mut app.panes {
        pane.matches = Arc::new(Vec::new());
    }
    for p in 0..app.panes.len() {
        start_search(app, p);
    }
    app.pending_match = Some(PendingMatch {
        dir: Dir::Next,
        inclusive: true,
    });
    resolve(app);
}

/// Starts (or restarts, after the source grew) the search job of pane `p`.
pub fn start_search(app: &mut App, p: usize) {
    let Some(typed) = app.search.as_ref().map(|r| r.as_str().to_string()) else {
        return;
    };
    let Ok(pattern) = crate::search::Pattern::new(&typed, smart_case(&typed)) else {
        return;
    };
    let from = split(app, p, &cursor_at(app), Dir::Next, true);
    let generation = app.next_generation();
    let pane = &mut app.panes[p];
    pane.search_gen.store(generation, Ordering::Relaxed);
    pane.first_match = None;
    // The old matches stay until the new ones arrive (a re-run after the source grew).
    let Some(source) = pane.source.clone() else {
        return;
    };
    pane.searching = true;
    // A log read on since these matches were found, by the same search:
    // only the records from the last it had are searched.
    let kept = RowsOf::kept(
        pane.matches_of.as_ref(),
        Some(&pane.matches),
        &typed,
        &source,
    );
    pane.search_asked = Some(RowsOf::of(&source, typed));
    app.jobs.push(Job::Search {
        pane: p,
        generation,
        latest: pane.search_gen.clone(),
        source,
        pattern,
        from,
        kept,
    });
}

/// `n` / `N`: the next match in time order over every timed pane (only the
/// focused pane's own order when it has no times). Waits for panes whose
/// search is still running.
pub fn next_match(app: &mut App, dir: Dir) {
    if app.search.is_none() {
        app.info("no search: press / to search");
        return;
    }
    app.pending_match = Some(PendingMatch {
        dir,
        inclusive: false,
    });
    resolve(app);
}

/// Whether an action moves the cursor, so that a jump still waiting for
/// search results no longer applies.
pub fn cancels_pending(action: &Action) -> bool {
    matches!(
        action,
        Action::Records(_)
            | Action::Pages(_)
            | Action::Start
            | Action::End
            | Action::TimeStep(_)
            | Action::Coarse(_)
            | Action::GotoTime(_)
            | Action::GotoTyped(..)
            | Action::Level { .. }
            | Action::Bookmark(_)
    )
}

/// Where the cursor stands in the walking order.
#[derive(Debug, Clone, Copy)]
enum At {
    /// On record `rec` of pane `pane`, at time `t`.
    Row { t: Nanos, pane: usize, rec: usize },
    /// At time `t`, on no row in particular: rows at `t` count as after it.
    Time(Nanos),
}

fn cursor_at(app: &App) -> At {
    match app.pin {
        Some((pane, rec)) if app.panes.get(pane).is_some_and(|p| p.timed()) => At::Row {
            t: app
                .source(pane)
                .and_then(|s| s.time(rec))
                .unwrap_or(app.cursor),
            pane,
            rec,
        },
        _ => At::Time(app.cursor),
    }
}

/// Splits pane `p`'s records around the cursor: going forward, records from the
/// returned one on come after the cursor; going back, records before it.
fn split(app: &App, p: usize, at: &At, dir: Dir, inclusive: bool) -> usize {
    let Some(src) = app.source(p) else {
        return 0;
    };
    let len = src.index.len();
    // First record whose time is after t, or at or after t.
    let after = |t| src.at_or_before(t).map_or(0, |i| i + 1);
    let from = |t| src.at_or_after(t).unwrap_or(len);
    match (*at, dir) {
        (At::Row { pane, rec, .. }, Dir::Next) if pane == p => rec + usize::from(!inclusive),
        (At::Row { pane, rec, .. }, Dir::Prev) if pane == p => rec + usize::from(inclusive),
        (At::Row { t, pane, .. }, Dir::Next) if p < pane => after(t),
        (At::Row { t, .. }, Dir::Next) | (At::Time(t), Dir::Next) => from(t),
        (At::Row { t, pane, .. }, Dir::Prev) if p > pane => from(t),
        (At::Row { t, .. }, Dir::Prev) | (At::Time(t), Dir::Prev) => after(t),
    }
}

enum Answer {
    /// The pane's worker has not said yet.
    Wait,
    Nothing,
    At(usize),
}

/// Pane `p`'s nearest shown match beyond `split` in direction `dir`.
fn candidate(app: &App, p: usize, split: usize, dir: Dir) -> Answer {
    let pane = &app.panes[p];
    let shown = |r: usize| app.rows(p).is_some_and(|rows| rows.contains(r));
    let found = if pane.searching {
        match pane.first_match {
            Some((from, rec)) if from == split && dir == Dir::Next => match rec {
                Some(r) if shown(r as usize) => Some(r as usize),
                Some(_) => return Answer::Wait,
                None => None,
            },
            _ => return Answer::Wait,
        }
    } else {
        let m = &pane.matches;
        let i = m.partition_point(|&r| (r as usize) < split);
        match dir {
            Dir::Next => m[i..].iter().map(|&r| r as usize).find(|&r| shown(r)),
            Dir::Prev => m[..i].iter().rev().map(|&r| r as usize).find(|&r| shown(r)),
        }
    };
    match found {
        Some(r) => Answer::At(r),
        // Records still being indexed may hold the match.
        None if matches!(pane.load, Load::Opening | Load::Indexing { .. }) => Answer::Wait,
        None => Answer::Nothing,
    }
}

/// Carries out the pending jump once every pane it depends on has answered.
pub fn resolve(app: &mut App) {
    let Some(pending) = app.pending_match else {
        return;
    };
    let Some(focus) = app.panes.get(app.focus) else {
        return;
    };
    let (panes, at) = if focus.timed() || app.merged {
        (app.timed_panes(), cursor_at(app))
    } else {
        // A pane without times walks its own records.
        let rec = app
            .cursor_row(app.focus)
            .and_then(|k| Some(app.rows(app.focus)?.record(k)));
        let at = At::Row {
            t: 0,
            pane: app.focus,
            rec: rec.unwrap_or(0),
        };
        (vec![app.focus], at)
    };
    let mut best: Option<(Nanos, usize, usize)> = None;
    let mut waiting = false;
    for &p in &panes {
        let s = split(app, p, &at, pending.dir, pending.inclusive);
        let r = match candidate(app, p, s, pending.dir) {
            Answer::Wait => {
                waiting = true;
                continue;
            }
            Answer::Nothing => continue,
            Answer::At(r) => r,
        };
        let key = (
            app.source(p).and_then(|s| s.time(r)).unwrap_or(Nanos::MIN),
            p,
            r,
        );
        let better = best.is_none_or(|b| match pending.dir {
            Dir::Next => key < b,
            Dir::Prev => key > b,
        });
        if better {
            best = Some(key);
        }
    }
    if waiting {
        app.progress("searching…");
        return;
    }
    app.pending_match = None;
    match best {
        Some((_, p, r)) => {
            nav::go_to(app, p, r);
            let msg = describe(app, p, r, &panes);
            app.info(msg);
        }
        None => {
            let none_anywhere = app
                .panes
                .iter()
                .all(|p| !p.searching && p.matches.is_empty());
            let re = app.search.as_ref().map(|r| r.as_str().to_string());
            match re {
                Some(re) if none_anywhere => app.info(format!("/{re}/: no match in any pane")),
                _ => app.info(match pending.dir {
                    Dir::Next => "no more matches below",
                    Dir::Prev => "no more matches above",
                }),
            }
        }
    }
}

/// Once the pane the cursor jumped into on an early answer has all its
/// matches, the status line says which match of how many it is.
pub fn recount(app: &mut App, p: usize) {
    let Some((pp, r)) = app.pin else {
        return;
    };
    let waiting = format!("{}: match (still searching)", app.panes[p].name);
    // The message may end in the other panes' count (` · 5 in 3 panes`).
    let still = |m: &str| {
        m.strip_prefix(&waiting)
            .is_some_and(|t| t.is_empty() || t.starts_with(" · "))
    };
    if pp != p || app.message.as_ref().is_none_or(|(m, _)| !still(m)) {
        return;
    }
    let panes = app.timed_panes();
    let msg = describe(app, p, r, &panes);
    app.info(msg);
}

/// `kern: match 1/2 · 5 in 3 panes`: the pane first, so a narrow status line keeps it.
fn describe(app: &App, p: usize, r: usize, panes: &[usize]) -> String {
    let pane = &app.panes[p];
    let m = &pane.matches;
    let mut msg = match m.binary_search(&(r as u32)) {
        Ok(i) if !pane.searching => format!("{}: match {}/{}", pane.name, i + 1, m.len()),
        _ => format!("{}: match (still searching)", pane.name),
    };
    let with: Vec<usize> = panes
        .iter()
        .map(|&q| app.panes[q].matches.len())
        .filter(|&n| n > 0)
        .collect();
    if with.len() > 1 {
        let total: usize = with.iter().sum();
        msg.push_str(&format!(" · {total} in {} panes", with.len()));
    }
    if !shows_the_match(app, p, r) {
        msg.push_str(" · in the line as written, not in what the row shows (= shows it)");
    }
    msg
}

/// Whether row `r` of pane `p` shows something of the search's match: the
/// match is in its shown text, or, on a JSON row matched as written, in what
/// it reads of the fields matched (the view highlights either). A match in
/// the stamp or the level only (they have their columns) shows nothing.
fn shows_the_match(app: &App, p: usize, r: usize) -> bool {
    let (Some(re), Some(src)) = (app.search.as_ref(), app.source(p)) else {
        return true;
    };
    let bytes = src.record_bytes(r);
    // `=` shows lines as written; a huge record is not read again here.
    if app.show_stamps || bytes.len() > 1 << 20 {
        return true;
    }
    let format = &src.detection.format;
    let e = src.entry(r);
    let (own, level) = (e.is_some_and(|e| e.own_time()), e.and_then(|e| e.level()));
    if re.is_match(&crate::format::shown::record(format, bytes, own, level)) {
        return true;
    }
    let Ok(raw) = std::str::from_utf8(bytes) else {
        return true;
    };
    let first = raw.lines().next().unwrap_or("");
    let shown = crate::format::shown::first_line(format, first.as_bytes(), own, level);
    let matches: Vec<_> = re.find_iter(first).map(|m| m.range()).collect();
    !crate::search::shown_ranges(first.as_bytes(), &matches, &shown).is_empty()
}
