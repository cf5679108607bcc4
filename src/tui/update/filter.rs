//! Search and filters: validated here, computed by workers, results kept
//! only when their generation is the newest.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use regex::{Regex, RegexBuilder, bytes};

use super::nav;
use crate::level::Level;
use crate::tui::action::{Dir, FilterKind, Scope};
use crate::tui::app::{App, Filter, FilterSet};
use crate::tui::work::{Job, WorkDone};

/// Lower-case patterns match either case, as in lnav and less.
fn smart_case(pattern: &str) -> bool {
    !pattern.chars().any(char::is_uppercase)
}

fn bytes_regex(pattern: &str) -> Result<bytes::Regex, String> {
    bytes::RegexBuilder::new(pattern)
        .case_insensitive(smart_case(pattern))
        .build()
        .map_err(|e| {
            let e = e.to_string();
            format!("bad regex '{pattern}': {}", e.lines().last().unwrap_or(""))
        })
}

pub fn search(app: &mut App, pattern: &str) {
    if pattern.is_empty() {
        app.search = None;
        for p in 0..app.panes.len() {
            let pane = &mut app.panes[p];
            pane.matches = Arc::new(Vec::new());
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
    app.jump_to_match = true;
    for pane in &mut app.panes {
        pane.matches = Arc::new(Vec::new());
    }
    for p in 0..app.panes.len() {
        start_search(app, p);
    }
}

/// Starts (or restarts, after the source grew) the search job of pane `p`.
pub fn start_search(app: &mut App, p: usize) {
    let Some(pattern) = app.search.as_ref().map(|r| r.as_str().to_string()) else {
        return;
    };
    let Ok(regex) = bytes_regex(&pattern) else {
        return;
    };
    let chunk = crate::tui::work::chunk_regex(&pattern, smart_case(&pattern));
    let generation = app.next_generation();
    let pane = &mut app.panes[p];
    pane.search_gen.store(generation, Ordering::Relaxed);
    // The old matches stay until the new ones arrive (a re-run after the source grew).
    let Some(source) = pane.source.clone() else {
        return;
    };
    pane.searching = true;
    app.jobs.push(Job::Search {
        pane: p,
        generation,
        latest: pane.search_gen.clone(),
        source,
        regex,
        chunk,
    });
}

pub fn effective(app: &App, p: usize) -> FilterSet {
    let own = &app.panes[p].filters;
    let mut all = app.global_filters.clone();
    all.filters.extend(own.filters.iter().cloned());
    all.min_level = all.min_level.max(own.min_level);
    all
}

/// Starts (or restarts) the filter job of pane `p`.
pub fn refilter(app: &mut App, p: usize) {
    let set = effective(app, p);
    let generation = app.next_generation();
    let pane = &mut app.panes[p];
    pane.filter_gen.store(generation, Ordering::Relaxed);
    if set.is_empty() {
        pane.visible = None;
        pane.filtering = false;
        return;
    }
    let Some(source) = pane.source.clone() else {
        return;
    };
    let filters: Vec<_> = set
        .filters
        .iter()
        .filter_map(|f| Some((f.kind, bytes_regex(&f.pattern).ok()?)))
        .collect();
    pane.filtering = true;
    app.jobs.push(Job::Filter {
        pane: p,
        generation,
        latest: pane.filter_gen.clone(),
        source,
        filters,
        min_level: set.min_level,
    });
}

fn scoped(app: &App, scope: Scope) -> Vec<usize> {
    match scope {
        Scope::All => (0..app.panes.len()).collect(),
        Scope::Focused => vec![app.focus],
    }
}

fn set_mut(app: &mut App, scope: Scope) -> &mut FilterSet {
    match scope {
        Scope::All => &mut app.global_filters,
        Scope::Focused => {
            let p = app.focus.min(app.panes.len().saturating_sub(1));
            &mut app.panes[p].filters
        }
    }
}

pub fn add_filter(app: &mut App, kind: FilterKind, pattern: &str, scope: Scope) {
    if app.panes.is_empty() {
        return;
    }
    if let Err(e) = bytes_regex(pattern) {
        app.warn(e);
        return;
    }
    set_mut(app, scope).filters.push(Filter {
        kind,
        pattern: pattern.to_string(),
    });
    for p in scoped(app, scope) {
        refilter(app, p);
    }
    let what = if kind == FilterKind::In {
        "keeping"
    } else {
        "hiding"
    };
    let whom = super::scope_label(app, scope);
    app.info(format!("{whom}: {what} lines matching /{pattern}/"));
}

pub fn min_level(app: &mut App, level: Option<Level>, scope: Scope) {
    if app.panes.is_empty() {
        return;
    }
    set_mut(app, scope).min_level = level;
    for p in scoped(app, scope) {
        refilter(app, p);
    }
}

pub fn clear(app: &mut App, scope: Scope) {
    if app.panes.is_empty() {
        return;
    }
    *set_mut(app, scope) = FilterSet::default();
    if scope == Scope::All {
        for p in &mut app.panes {
            p.filters = FilterSet::default();
        }
    }
    for p in scoped(app, scope) {
        refilter(app, p);
    }
    app.info(format!(
        "filters cleared: {}",
        super::scope_label(app, scope)
    ));
}

pub fn on_done(app: &mut App, done: WorkDone) {
    match done {
        WorkDone::Visible {
            pane,
            generation,
            rows,
        } => {
            let Some(p) = app.panes.get_mut(pane) else {
                return;
            };
            if p.filter_gen.load(Ordering::Relaxed) != generation {
                return;
            }
            p.visible = Some(rows);
            p.filtering = false;
        }
        WorkDone::Matches {
            pane,
            generation,
            rows,
        } => {
            let Some(p) = app.panes.get_mut(pane) else {
                return;
            };
            if p.search_gen.load(Ordering::Relaxed) != generation {
                return;
            }
            p.matches = rows;
            p.searching = false;
            let relevant = app.merged || pane == app.focus;
            if app.jump_to_match && relevant && !app.panes[pane].matches.is_empty() {
                app.jump_to_match = false;
                nav::next_match(app, Dir::Next, true);
            }
        }
    }
}
