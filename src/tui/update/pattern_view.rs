//! The pattern view's keys: open and close, scope, sort, window, and Enter,
//! which filters the template's pane to that template's records.

use super::filter;
use crate::tui::app::{App, Mode, TemplateFilter};
use crate::tui::pattern_list::{self, PatternView, Sort, WINDOWS};

/// `p`: opens the view on the focused source, or closes it.
pub fn toggle(app: &mut App) {
    if matches!(app.mode, Mode::Patterns(_)) {
        app.mode = Mode::Normal;
        return;
    }
    app.mode = Mode::Patterns(PatternView::new());
    say_if_not_ready(app);
}

/// Opens the view on pane `pane`'s templates (None: every source's), with
/// `template` selected.
pub fn show(app: &mut App, pane: Option<usize>, template: Option<u32>) {
    let mut v = PatternView::new();
    match pane {
        Some(p) if p < app.panes.len() => {
            app.focus = p;
            app.merged = false;
        }
        Some(_) => return,
        None => v.all = true,
    }
    if let (Some(p), Some(t)) = (pane, template) {
        let rows = pattern_list::rows(app, &v);
        v.list.selected = rows
            .iter()
            .position(|r| (r.pane, r.template) == (p, t))
            .unwrap_or(0);
    }
    app.mode = Mode::Patterns(v);
    say_if_not_ready(app);
}

fn say_if_not_ready(app: &mut App) {
    if app.patterns.is_none() && app.pattern_work.progress.is_none() {
        app.info("patterns: mined once every source is read");
    }
}

/// Every source ↔ the focused one, keeping the selected template selected
/// when the new scope lists it.
pub fn scope(app: &mut App) {
    let Mode::Patterns(mut v) = app.mode.clone() else {
        return;
    };
    let rows = pattern_list::rows(app, &v);
    let was = rows
        .get(v.list.selected.min(rows.len().saturating_sub(1)))
        .map(|r| (r.pane, r.template));
    v.all = !v.all;
    let rows = pattern_list::rows(app, &v);
    v.list.selected = was
        .and_then(|w| rows.iter().position(|r| (r.pane, r.template) == w))
        .unwrap_or(0);
    app.mode = Mode::Patterns(v);
}

/// A new order starts at its top: that is what the user asked to see.
pub fn sort(app: &mut App) {
    if let Mode::Patterns(v) = &mut app.mode {
        v.sort = v.sort.next();
        v.list = Default::default();
    }
}

/// The window only orders "what changed": pressed in another order, it
/// shows that one rather than change what is not on the screen.
pub fn window(app: &mut App) {
    if let Mode::Patterns(v) = &mut app.mode {
        v.window = (v.window + 1) % WINDOWS.len();
        v.sort = Sort::Changed;
        v.list = Default::default();
    }
}

/// Enter: the selected template's pane shows only that template's records.
pub fn filter_selected(app: &mut App, v: &PatternView) {
    let rows = pattern_list::rows(app, v);
    let Some(r) = rows.get(v.list.selected.min(rows.len().saturating_sub(1))) else {
        app.info("no template to filter to");
        return;
    };
    let text = pattern_list::text(app, r).to_string();
    let (p, count) = (r.pane, r.count);
    app.panes[p].filters.template = Some(TemplateFilter {
        id: Some(r.template),
        text: text.clone(),
    });
    app.focus = p;
    app.merged = false;
    filter::refilter(app, p);
    let name = app.panes[p].name.clone();
    app.info(format!(
        "{name}: only the {count} records of pattern “{text}” (:clear-filters shows all)"
    ));
    super::case::filters_changed(app);
}

/// New patterns replace the old: a pane filtered to a template follows the
/// template with the same text (ids may differ), or says it is gone.
pub fn remap_filters(app: &mut App) {
    let Some(mined) = app.patterns.clone() else {
        return;
    };
    for p in 0..app.panes.len() {
        let Some(old) = app.panes[p].filters.template.clone() else {
            continue;
        };
        let found = mined.entry(p).and_then(|k| {
            mined.patterns[k]
                .templates
                .iter()
                .position(|f| f.text == old.text)
        });
        match found {
            Some(id) => {
                app.panes[p].filters.template = Some(TemplateFilter {
                    id: Some(id as u32),
                    ..old
                })
            }
            None => {
                app.panes[p].filters.template = None;
                let name = app.panes[p].name.clone();
                app.warn(format!(
                    "{name}: pattern “{}” is no longer found; its filter is removed",
                    old.text
                ));
            }
        }
        filter::refilter(app, p);
    }
}
