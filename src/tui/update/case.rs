//! The screen's side of the case file: bookmarks, clock offsets with the
//! marks they came from, filters and the cursor are kept in it (records as
//! content anchors), saved on every change by the case file's writer ("saved"
//! is said only once the change is on disk), and found again when the sources
//! load — after the log grew, was rotated, or casefile restarted.

use std::path::{Path, PathBuf};

use super::clock::cursor_ref;
use super::nav::{goto, set_row};
use crate::case::model::{Bookmark, Cursor, FilterEntry};
use crate::case::sources::Loaded;
use crate::case::{Anchor, Change, anchor::resolve_all};
use crate::level::Level;
use crate::tui::action::FilterKind;
use crate::tui::app::{App, Filter, FilterSet, Load, RowRef, TemplateFilter};

/// A bookmark's id, from its content: the same record gets the same id in
/// every process, so removing it in one removes it for all.
fn bookmark_id(a: &Anchor) -> String {
    format!(
        "b-{}-{}-{:016x}-{}",
        a.source,
        a.time.unwrap_or(i64::MIN),
        a.hash,
        a.nth
    )
}

/// Records the bookmark on `(pane, row)` being added or removed; the writer
/// saves it and "saved" is said once it is on disk. Returns the suffix for the
/// status message (" · saving …"), empty without a case file.
pub fn bookmark_changed(app: &mut App, (p, r): RowRef, added: bool) -> String {
    let Some(anchor) = app.source(p).and_then(|s| Anchor::of(s, r)) else {
        return String::new();
    };
    let Some(w) = app.case.as_mut() else {
        return String::new();
    };
    let id = bookmark_id(&anchor);
    let seq = w.change(if added {
        Change::PutBookmark(Bookmark { id, anchor })
    } else {
        Change::DeleteBookmark(id)
    });
    let what = if added {
        "bookmark"
    } else {
        "bookmark removal"
    };
    app.notes.awaiting.push((seq, format!("saved {what}")));
    " · saving …".into()
}

/// `:report [FILE]`: the Markdown write-up of the case, written on a worker;
/// by default beside the case file, named after it.
pub fn report(app: &mut App, path: Option<String>) {
    let Some(w) = app.case.as_ref() else {
        // Only tests run the screen without a case file.
        app.info("no case file in this session: the report is written from one");
        return;
    };
    let path = path.map_or_else(|| default_report_path(w.path()), PathBuf::from);
    let case = w.case();
    if let Some(what) = crate::case::report_target::clash(&path, w.path(), case) {
        app.warn(crate::case::report_target::refused(&path, &what));
        return;
    }
    let sources: Vec<Loaded> = case
        .sources
        .iter()
        .map(|e| Loaded {
            entry: e.clone(),
            source: app
                .panes
                .iter()
                .find(|p| p.name == e.name)
                .and_then(|p| p.source.clone())
                .ok_or_else(|| "not open in this session".to_string()),
        })
        .collect();
    w.report(path.clone(), sources, app.zone.clone());
    app.info_ending("writing the report", " to ", &path.display().to_string());
}

/// `incident.casefile.json` → `incident.report.md`, beside it.
pub fn default_report_path(case: &Path) -> PathBuf {
    let name = case
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("case.casefile.json");
    let stem = name.strip_suffix(".casefile.json").unwrap_or(name);
    case.with_file_name(format!("{stem}.report.md"))
}

/// Once pane `p`'s source is loaded: its bookmarks from the case file, found
/// by content. Those whose record is gone stay in the case file (detached).
/// The case's latest bookmark is again the last one (what `r` counts from).
pub fn restore_bookmarks(app: &mut App, p: usize) -> usize {
    let (Some(store), Some(src)) = (app.case.as_ref(), app.source(p)) else {
        return 0;
    };
    let all = &store.case().bookmarks;
    let mine: Vec<&Anchor> = all
        .iter()
        .map(|b| &b.anchor)
        .filter(|a| a.source == src.name)
        .collect();
    let latest_is_mine = all.last().is_some_and(|b| b.anchor.source == src.name);
    let resolved: Vec<Option<RowRef>> = resolve_all(&mine, src)
        .into_iter()
        .map(|r| r.record().map(|r| (p, r)))
        .collect();
    let latest = resolved.last().copied().flatten();
    let rows: Vec<RowRef> = resolved.into_iter().flatten().collect();
    let detached = mine.len() - rows.len();
    for at in rows {
        if !app.bookmarks.contains(&at) {
            app.bookmarks.push(at);
        }
    }
    if latest_is_mine && latest.is_some() {
        app.last_bookmark = latest;
    } else if app.last_bookmark.is_none() {
        app.last_bookmark = app.bookmarks.last().copied();
    }
    detached
}

fn filter_entries(source: Option<&str>, set: &FilterSet) -> Vec<FilterEntry> {
    let mut out: Vec<FilterEntry> = set
        .filters
        .iter()
        .map(|f| FilterEntry {
            source: source.map(str::to_string),
            kind: match f.kind {
                FilterKind::In => "in",
                FilterKind::Out => "out",
            }
            .into(),
            value: f.pattern.clone(),
        })
        .collect();
    if let Some(l) = set.min_level {
        out.push(FilterEntry {
            source: source.map(str::to_string),
            kind: "level".into(),
            value: l.name().to_string(),
        });
    }
    // By its text: template ids are those of one mining only.
    if let Some(t) = &set.template {
        out.push(FilterEntry {
            source: source.map(str::to_string),
            kind: "template".into(),
            value: t.text.clone(),
        });
    }
    out
}

/// After any filter change: the filters of every pane (and those of all panes)
/// go into the case file. Once saved, the status line says again what the
/// change did (its message: called right after the change said it): "saved
/// filters" alone hid what `:clear-filters` or `:level` had done.
pub fn filters_changed(app: &mut App) {
    let mut all = filter_entries(None, &app.global_filters);
    for pane in &app.panes {
        all.extend(filter_entries(Some(&pane.name), &pane.filters));
    }
    let Some(w) = app.case.as_mut() else {
        return;
    };
    if w.case().filters == all {
        return;
    }
    let seq = w.change(Change::SetFilters(all));
    let said = said_and_saved(app, "filters");
    app.notes.awaiting.push((seq, said));
}

/// What the status line says once a change is saved: the change's own
/// message (said just before) and "· saved", so that the writer's reply does
/// not put "saved filters" in the place of what was done.
fn said_and_saved(app: &App, what: &str) -> String {
    app.message
        .as_ref()
        .map_or_else(|| format!("saved {what}"), |(m, _)| format!("{m} · saved"))
}

/// The saved filters of `source` (None: those of every pane) as the screen applies them.
fn saved_filters(entries: &[FilterEntry], source: Option<&str>) -> FilterSet {
    let mut set = FilterSet::default();
    for e in entries.iter().filter(|e| e.source.as_deref() == source) {
        match e.kind.as_str() {
            "in" | "out" => set.filters.push(Filter {
                kind: if e.kind == "in" {
                    FilterKind::In
                } else {
                    FilterKind::Out
                },
                pattern: e.value.clone(),
            }),
            "level" => set.min_level = Level::parse(e.value.as_bytes()),
            // Templates are per source; the id is found once patterns are
            // mined (`pattern_view::remap_filters`).
            "template" if source.is_some() => {
                set.template = Some(TemplateFilter {
                    id: None,
                    text: e.value.clone(),
                })
            }
            _ => {}
        }
    }
    set
}

/// Pane `p`'s source changed its clock offset (said just before, by
/// `clock::set_offset`): saved with the marks it was derived from
/// (`Some(None)` clears them; None keeps those saved).
pub fn offset_changed(app: &mut App, p: usize, marks: Option<Option<[Anchor; 2]>>) {
    let (Some(src), Some(w)) = (
        app.panes.get(p).and_then(|x| x.source.as_ref()),
        app.case.as_ref(),
    ) else {
        return;
    };
    let Some(mut entry) = w
        .case()
        .sources
        .iter()
        .find(|e| e.name == src.name)
        .cloned()
    else {
        return;
    };
    entry.offset = src.offset;
    if let Some(m) = marks {
        entry.offset_marks = m;
    }
    let Some(w) = app.case.as_mut() else {
        return;
    };
    let seq = w.change(Change::PutSource(entry));
    let said = said_and_saved(app, "clock offset");
    app.notes.awaiting.push((seq, said));
}

/// Once pane `p` has loaded: its saved filters (and, with the first pane,
/// those of every pane) and its notes' records.
pub fn restore_pane(app: &mut App, p: usize) {
    let Some(w) = app.case.as_ref() else {
        return;
    };
    let filters = w.case().filters.clone();
    if app.global_filters.is_empty() && !app.notes.restored {
        app.global_filters = saved_filters(&filters, None);
    }
    let name = app.panes[p].name.clone();
    if app.panes[p].filters.is_empty() {
        app.panes[p].filters = saved_filters(&filters, Some(&name));
    }
    let detached = super::notes::resolve_pane(app, p);
    let before = std::mem::replace(&mut app.panes[p].detached_notes, detached);
    if detached > 0 && detached != before {
        app.warn(format!(
            "{name}: {detached} note(s) point at records no longer in it (kept, shown as detached)"
        ));
    }
}

/// Once every source has loaded: the saved cursor (on its record when it
/// had one) and the clock-offset marks, found again. Done once.
pub fn restore_all(app: &mut App) {
    if app.notes.restored
        || app
            .panes
            .iter()
            .any(|p| matches!(p.load, Load::Opening | Load::Indexing { .. }))
    {
        return;
    }
    app.notes.restored = true;
    let Some(w) = app.case.as_ref() else {
        return;
    };
    let case = w.case().clone();
    let pane_of = |app: &App, name: &str| app.panes.iter().position(|p| p.name == name);
    let find = |app: &App, a: &Anchor| -> Option<RowRef> {
        let p = pane_of(app, &a.source)?;
        Some((p, a.resolve(app.source(p)?).record()?))
    };
    for e in &case.sources {
        if let (Some(p), Some(marks)) = (pane_of(app, &e.name), &e.offset_marks) {
            let found = [find(app, &marks[0]), find(app, &marks[1])];
            app.notes.offset_marks.insert(p, found);
        }
    }
    let Some(c) = case.cursor.filter(|_| !app.moved) else {
        return;
    };
    match c.anchor.as_ref().and_then(|a| find(app, a)) {
        Some((p, r)) => {
            // A pane without times of its own (a dump) keeps its row but
            // not the cursor's time: that comes from the case.
            if !app.panes[p].timed() {
                goto(app, c.at);
            }
            set_row(app, p, r);
            // Saved between this record and the next (after `t` or a step,
            // in the pane's quiet stretch): the cursor is that time again,
            // so the other panes show what they showed.
            if app.panes[p].timed() && app.source(p).and_then(|s| s.at_or_before(c.at)) == Some(r) {
                app.cursor = c.at;
            }
            app.focus = p;
        }
        None => {
            goto(app, c.at);
            if let Some(p) = c.focus.as_deref().and_then(|n| pane_of(app, n)) {
                app.focus = p;
            }
        }
    }
}

/// On quit: the cursor (its time, focused pane and record) goes into the case
/// file, when there is one on disk or about to be.
pub fn on_quit(app: &mut App) {
    let here = cursor_ref(app);
    let anchor = here.and_then(|(p, r)| Anchor::of(app.source(p)?, r));
    let focus = app.panes.get(app.focus).map(|p| p.name.clone());
    let cursor = Cursor {
        at: app.cursor,
        focus,
        anchor,
    };
    let Some(w) = app.case.as_mut().filter(|w| w.touched()) else {
        return;
    };
    if w.case().cursor.as_ref() != Some(&cursor) {
        w.change(Change::SetCursor(Some(cursor)));
    }
}
