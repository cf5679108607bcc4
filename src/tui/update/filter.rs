//! Filters: validated here, computed by workers, results kept
//! only when their generation is the newest.

use std::sync::atomic::Ordering;

use super::search::{self, bytes_regex};
use crate::level::Level;
use crate::tui::action::{FilterKind, Scope};
use crate::tui::app::{App, Filter, FilterSet, RowsOf};
use crate::tui::work::{Job, WorkDone};

pub fn effective(app: &App, p: usize) -> FilterSet {
    let own = &app.panes[p].filters;
    let mut all = app.global_filters.clone();
    all.filters.extend(own.filters.iter().cloned());
    all.min_level = all.min_level.max(own.min_level);
    all.template.clone_from(&own.template);
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
    if set.template.as_ref().is_some_and(|t| t.id.is_none()) {
        // Restored by its text: `remap_filters` filters again once mined.
        pane.filtering = true;
        return;
    }
    let filters: Vec<_> = set
        .filters
        .iter()
        .filter_map(|f| {
            let p = crate::search::Pattern::new(&f.pattern, search::smart_case(&f.pattern));
            Some((f.kind, p.ok()?))
        })
        .collect();
    // Template ids are those of the latest mining (kept current by
    // `patterns`); a template not found there keeps no record.
    let template = set.template.as_ref().and_then(|t| {
        let mined = app.patterns.clone().unwrap_or_default();
        let k = mined.entry(p).unwrap_or(usize::MAX);
        Some((mined, k, t.id?))
    });
    let pane = &mut app.panes[p];
    pane.filtering = true;
    // A log read on since these rows were filtered, by the same filters:
    // its records before the last it had keep their rows (a template
    // filter waits on the new records' mining: filtered whole).
    let from = match set.template {
        None => RowsOf::kept(
            pane.visible_of.as_ref(),
            pane.visible.as_ref(),
            &set,
            &source,
        ),
        Some(_) => None,
    };
    pane.filter_asked = Some(RowsOf::of(&source, set.clone()));
    app.jobs.push(Job::Filter {
        pane: p,
        generation,
        latest: pane.filter_gen.clone(),
        source,
        filters,
        min_level: set.min_level,
        template,
        from,
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
    let whom = super::scope_label(app, scope);
    app.info(match level {
        Some(l) => format!("{whom}: only {} and worse", l.name()),
        None => format!("{whom}: every level"),
    });
}

pub fn clear(app: &mut App, scope: Scope) {
    if app.panes.is_empty() {
        return;
    }
    let mut cleared = count(set_mut(app, scope));
    *set_mut(app, scope) = FilterSet::default();
    if scope == Scope::All {
        for p in &mut app.panes {
            cleared += count(&p.filters);
            p.filters = FilterSet::default();
        }
    }
    for p in scoped(app, scope) {
        refilter(app, p);
    }
    let whom = super::scope_label(app, scope);
    let mut said = match cleared {
        0 => format!("{whom}: no filters to clear"),
        1 => format!("{whom}: 1 filter cleared"),
        n => format!("{whom}: {n} filters cleared"),
    };
    // Those of all panes still apply to this one: say so, not "no filters".
    let left = count(&app.global_filters);
    if scope == Scope::Focused && left > 0 {
        let (n, verb) = if left == 1 {
            ("1 filter", "applies")
        } else {
            ("filters", "apply")
        };
        let n = if left == 1 {
            n.to_string()
        } else {
            format!("{left} {n}")
        };
        said.push_str(&format!(
            "; {n} for all panes still {verb} (:clear-filters-all)"
        ));
    }
    app.info(said);
}

/// How many filters a set holds: its regexes, a level, a template.
fn count(set: &FilterSet) -> usize {
    set.filters.len() + usize::from(set.min_level.is_some()) + usize::from(set.template.is_some())
}

pub fn on_done(app: &mut App, done: WorkDone) {
    match done {
        WorkDone::Visible {
            pane,
            generation,
            rows,
        } => {
            if app
                .panes
                .get(pane)
                .is_none_or(|p| p.filter_gen.load(Ordering::Relaxed) != generation)
            {
                return;
            }
            // Following: a pane filtered again after a read (and once more
            // when the read is mined) has its new rows only now; a cursor
            // at the end goes on to the last of them.
            let keep_end = app.follow && super::nav::at_end(app);
            let p = &mut app.panes[pane];
            p.visible = Some(rows);
            p.visible_of = p.filter_asked.take();
            p.filtering = false;
            if keep_end {
                super::nav::end(app);
            }
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
            p.matches_of = p.search_asked.take();
            p.searching = false;
            super::notes::add_note_matches(app, pane);
            search::recount(app, pane);
            search::resolve(app);
        }
        WorkDone::FirstMatch {
            pane,
            generation,
            from,
            rec,
        } => {
            let Some(p) = app.panes.get_mut(pane) else {
                return;
            };
            if p.search_gen.load(Ordering::Relaxed) != generation {
                return;
            }
            p.first_match = Some((from, rec));
            super::notes::first_note_match(app, pane);
            search::resolve(app);
        }
        // `update` hands these to `silences`, `patterns`, `goroutines` and `symbols`.
        WorkDone::Silences { .. }
        | WorkDone::SilenceReport { .. }
        | WorkDone::PatternProgress { .. }
        | WorkDone::Patterns { .. }
        | WorkDone::Precursors { .. }
        | WorkDone::GoroutineProgress { .. }
        | WorkDone::Goroutines { .. }
        | WorkDone::Binary(_)
        | WorkDone::DumpSymbols { .. }
        | WorkDone::RecordAddresses { .. } => {}
    }
}
