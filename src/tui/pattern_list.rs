//! Which templates the pattern view lists, in which order: read by `update`
//! (Enter filters to the selected row) and by `view` (drawing), so neither
//! imports the other. Counts and scores come from each source's occurrence
//! lists (`pattern::occurrences`): binary searches, no log bytes read.

use super::app::{App, ListState};
use super::mining::Mined;
use crate::pattern::occurrences::{Around, Change};
use crate::time::{NANOS_PER_HOUR, NANOS_PER_MIN, Nanos};

/// How the pattern view orders templates (`s` cycles).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Most frequent first.
    #[default]
    Count,
    /// In order of first appearance.
    First,
    /// Most increased around the cursor against before it.
    Changed,
}

impl Sort {
    pub fn next(self) -> Sort {
        match self {
            Sort::Count => Sort::First,
            Sort::First => Sort::Changed,
            Sort::Changed => Sort::Count,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Sort::Count => "by count",
            Sort::First => "by first appearance",
            Sort::Changed => "by what changed",
        }
    }
}

/// Half-widths of the "what changed" window around the cursor (`w` cycles).
pub const WINDOWS: [Nanos; 4] = [
    NANOS_PER_MIN,
    5 * NANOS_PER_MIN,
    15 * NANOS_PER_MIN,
    NANOS_PER_HOUR,
];

/// The pattern view's state (its `Mode`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PatternView {
    pub list: ListState,
    /// Every source's templates; else the focused pane's.
    pub all: bool,
    pub sort: Sort,
    /// Index into `WINDOWS` (default ±5m).
    pub window: usize,
}

impl PatternView {
    pub fn new() -> PatternView {
        PatternView {
            window: 1,
            ..PatternView::default()
        }
    }

    pub fn half_window(&self) -> Nanos {
        WINDOWS[self.window.min(WINDOWS.len() - 1)]
    }

    /// "±5m": the window as the header shows it.
    pub fn window_label(&self) -> String {
        let h = self.half_window();
        if h % NANOS_PER_HOUR == 0 {
            format!("±{}h", h / NANOS_PER_HOUR)
        } else {
            format!("±{}m", h / NANOS_PER_MIN)
        }
    }
}

/// One template as the view lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub pane: usize,
    /// Index into the pane's `SourcePatterns::templates`.
    pub template: u32,
    /// The pane's entry in `Mined`.
    pub entry: usize,
    pub count: u64,
    /// First and last occurrence, with the pane's current clock offset.
    pub first: Option<Nanos>,
    pub last: Option<Nanos>,
    /// Around the cursor against before it (the view's window).
    pub change: Change,
    /// Seen before most silences of some source (`precursor::find`).
    pub precursor: bool,
}

/// The panes the view covers: every mined pane, or the focused one.
fn panes(app: &App, mined: &Mined, all: bool) -> Vec<usize> {
    if all {
        mined.panes.clone()
    } else {
        vec![app.focus]
    }
}

/// The view's rows in its sort order (empty until patterns are mined).
pub fn rows(app: &App, v: &PatternView) -> Vec<Row> {
    let Some(mined) = app.patterns.as_deref() else {
        return Vec::new();
    };
    let precursor = |p: usize, t: u32| {
        app.precursors
            .as_ref()
            .is_some_and(|v| v.iter().any(|x| (x.source, x.template) == (p, t)))
    };
    let mut out = Vec::new();
    for p in panes(app, mined, v.all) {
        let (Some(k), Some(src)) = (mined.entry(p), app.source(p)) else {
            continue;
        };
        // Times were taken with the offset of mining time.
        let shift = src.offset - mined.offsets[k];
        let around = Around::new(src, app.cursor, v.half_window());
        let occ = &mined.occurrences[k];
        for (t, f) in mined.patterns[k].templates.iter().enumerate() {
            let t = t as u32;
            out.push(Row {
                pane: p,
                template: t,
                entry: k,
                count: f.count,
                first: f.first.map(|x| x + shift),
                last: f.last.map(|x| x + shift),
                change: around.change(occ, t),
                precursor: precursor(p, t),
            });
        }
    }
    let key = |r: &Row| (r.pane, r.template);
    match v.sort {
        Sort::Count => out.sort_by(|a, b| b.count.cmp(&a.count).then(key(a).cmp(&key(b)))),
        Sort::First => out.sort_by(|a, b| {
            let f = |r: &Row| (r.first.is_none(), r.first);
            f(a).cmp(&f(b)).then(key(a).cmp(&key(b)))
        }),
        Sort::Changed => {
            out.sort_by(|a, b| Change::rank(&a.change, &b.change).then(key(a).cmp(&key(b))))
        }
    }
    out
}

/// The template text of a row.
pub fn text<'a>(app: &'a App, r: &Row) -> &'a str {
    app.patterns
        .as_deref()
        .and_then(|m| m.patterns.get(r.entry))
        .and_then(|p| p.templates.get(r.template as usize))
        .map_or("", |f| f.text.as_str())
}

/// Templates the palette offers at most (the most frequent), so typing stays
/// quick with sources of many thousands of templates.
const PALETTE_MAX: usize = 5000;

/// Characters of a template its palette label keeps (more than the widest
/// palette shows), so a 50 MB template is not scored whole on every keystroke
/// while its first words still find it.
const LABEL_MAX_CHARS: usize = 200;

/// The palette's pattern entries: choosing one opens the pattern view on its
/// source with it selected, where its count, density and what changed show
/// and Enter filters to it (filtering straight away would hide the rest of
/// the pane before the user saw how the template is spread over time).
pub fn palette_entries(app: &App) -> Vec<super::palette::Entry> {
    let Some(mined) = app.patterns.as_deref() else {
        return Vec::new();
    };
    let mut all: Vec<(usize, u32, u64)> = Vec::new();
    for (k, &p) in mined.panes.iter().enumerate() {
        for (t, f) in mined.patterns[k].templates.iter().enumerate() {
            all.push((p, t as u32, f.count));
        }
    }
    all.sort_by(|a, b| b.2.cmp(&a.2).then((a.0, a.1).cmp(&(b.0, b.1))));
    all.truncate(PALETTE_MAX);
    all.into_iter()
        .filter_map(|(p, t, count)| {
            let k = mined.entry(p)?;
            let text = &mined.patterns[k].templates.get(t as usize)?.text;
            Some(super::palette::Entry {
                label: format!(
                    "pattern {}",
                    crate::ansi::display_cut(text, LABEL_MAX_CHARS)
                ),
                keys: String::new(),
                description: format!(
                    "{}: {count} {}",
                    app.panes[p].name,
                    if count == 1 { "record" } else { "records" }
                ),
                action: super::action::Action::ShowPatterns {
                    pane: Some(p),
                    template: Some(t),
                },
            })
        })
        .collect()
}
