//! `p`: message templates with their counts and a density line over the
//! overview's time range, for the focused source or every source, sorted by
//! count, first appearance or what changed around the cursor.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use super::list_details;
use super::panes::clock;
use crate::pattern::occurrences::{bucket_edges, sparkline};
use crate::tui::app::App;
use crate::tui::keymap::Context;
use crate::tui::layout::overview_span;
use crate::tui::pattern_list::{self, PatternView, Row, Sort};
use crate::tui::text::{clean_head, cut, pad, shorten, width};

/// The keys of a pattern-view command, as the keymap has them now.
fn keys(app: &App, name: &str) -> String {
    app.keymap
        .bindings
        .iter()
        .find(|b| b.context == Context::Patterns && b.name == name)
        .and_then(|b| b.keys.first())
        .map_or_else(|| format!(":{name}"), |k| k.name())
}

/// "patterns: kiosk-client (4/5) · 37 templates · what changed ±5m around 14:31:07",
/// or where that does not fit in `w` columns (80), the same said shorter
/// ("all 5 sources · 185 templates · changed ±5m at 14:31:07 · – no before
/// window"): the window and its time are what the scores mean.
fn header(app: &App, v: &PatternView, rows: &[pattern_list::Row], w: usize) -> String {
    let n = rows.len();
    let (whom, short_whom) = if v.all {
        let k = app.patterns.as_ref().map_or(0, |m| m.panes.len());
        (format!("all {k} sources"), format!("all {k} sources"))
    } else {
        let name = app.panes.get(app.focus).map_or("?", |p| p.name.as_str());
        let at = format!(" ({}/{})", app.focus + 1, app.panes.len());
        (format!("{name}{at}"), name.to_string())
    };
    let (order, short_order) = if v.sort == Sort::Changed {
        // Logged nothing before the window: no rate to compare with.
        let unscored = match rows.iter().filter(|r| r.change.no_before_window()).count() {
            0 => "",
            k if k == n => " · no before window: by count within it",
            _ => " · – no before window",
        };
        let (win, at) = (v.window_label(), &clock(app, app.cursor)[..8]);
        (
            format!("what changed {win} around {at}{unscored}"),
            format!("changed {win} at {at}{unscored}"),
        )
    } else {
        (v.sort.label().to_string(), v.sort.label().to_string())
    };
    let mut forms = [
        format!("patterns: {whom} · {n} templates · {order}"),
        format!("patterns: {whom} · {n} templates · {short_order}"),
        format!("{short_whom} · {n} templates · {short_order}"),
    ];
    let k = forms
        .iter()
        .position(|h| width(h) <= w)
        .unwrap_or(forms.len() - 1);
    std::mem::take(&mut forms[k])
}

fn hints(app: &App, v: &PatternView) -> String {
    let scope = if v.all {
        "focused source"
    } else {
        "all sources"
    };
    format!(
        "{} {scope} · {} sort · {} window · {} filter to it · {} close",
        keys(app, "patterns-scope"),
        keys(app, "patterns-sort"),
        keys(app, "patterns-window"),
        keys(app, "patterns-filter"),
        keys(app, "patterns-close"),
    )
}

/// "×41" for a score of 41, "×0.5" for one below 10.
fn score(s: f64) -> String {
    if s >= 10.0 {
        format!("×{s:.0}")
    } else {
        format!("×{s:.1}")
    }
}

pub fn render(app: &App, v: &PatternView, area: Rect, buf: &mut Buffer) {
    if area.height < 2 || area.width < 20 {
        return;
    }
    let body = Rect::new(area.x, area.y, area.width, area.height - 1);
    Clear.render(body, buf);
    let th = &app.theme;
    let w = body.width as usize;
    let line = |buf: &mut Buffer, y: u16, text: &str, style: Style| {
        buf.set_stringn(body.x, body.y + y, text, w, style);
    };
    let rows = pattern_list::rows(app, v);
    let bold = Style::new().add_modifier(Modifier::BOLD);
    line(buf, 0, &shorten(&header(app, v, &rows, w), w), bold);
    if body.height < 4 {
        return;
    }
    let mut hint = hints(app, v);
    if rows.iter().any(|r| r.precursor) {
        hint.push_str(" · ▲ seen before most silences");
    }
    line(buf, 1, &shorten(&hint, w), th.dim());
    if app.patterns.is_none() {
        let why = app
            .pattern_work
            .label()
            .unwrap_or_else(|| "patterns are mined once every source is read".into());
        line(buf, 3, &format!("  {why}"), th.dim());
        return;
    }
    if rows.is_empty() {
        line(buf, 3, "  no templates: no records here", th.dim());
        return;
    }
    // Columns: count, [count within the window, score], density, [source], template.
    let changed = v.sort == Sort::Changed;
    let spark_w = (w / 4).clamp(8, 60);
    let name_w = if v.all {
        rows.iter()
            .map(|r| width(&app.panes[r.pane].name))
            .max()
            .unwrap_or(0)
            .min(14)
    } else {
        0
    };
    let span = overview_span(app);
    // The column the list is sorted by is marked `↓` (the density line's
    // `▾` is the cursor's column); first appearance has no column of its own.
    // What changed goes by the count within the window where no template has
    // a rate (the source logged nothing before it): that column is marked.
    let unscored = changed && rows.iter().all(|r| r.change.no_before_window());
    let mark = |name: &str, on: bool| {
        if on {
            format!("{name}↓")
        } else {
            name.to_string()
        }
    };
    let mut title = format!("{:>7}", mark("count", v.sort == Sort::Count));
    if changed {
        // The count within the window; the rate in it over the rate before it.
        title.push_str(&format!(" {:>6}", mark(&v.window_label(), unscored)));
        title.push_str(&format!(" {:>6}", mark("×rate", !unscored)));
    }
    // The column names end at `│`: a `▾` right after them (the cursor at the
    // range's start) read as a sort marker ('count ▾13:58').
    title.push('│');
    let labels = span.map(|(a, b)| {
        let (a, b) = (&clock(app, a)[..5], &clock(app, b)[..5]);
        (a.to_string(), b.to_string())
    });
    let mut times: Vec<char> = vec![' '; spark_w];
    let put = |times: &mut Vec<char>, at: usize, label: &str| {
        for (k, ch) in label.chars().enumerate() {
            times[at + k] = ch;
        }
    };
    // Both ends' times where they fit with a column between them.
    let labelled = labels.as_ref().filter(|_| spark_w >= 11);
    if let Some((a, b)) = labelled {
        put(&mut times, 0, a);
        put(&mut times, spark_w - 5, b);
    }
    // The cursor's column, where "what changed" looks.
    if let Some((a, b)) = span
        && (a..=b).contains(&app.cursor)
    {
        let c = (i128::from(app.cursor - a) * spark_w as i128 / i128::from(b - a).max(1)) as usize;
        let c = c.min(spark_w - 1);
        // A label the mark would stand on moves beside it (`▾13:58`,
        // `14:49▾`) rather than lose a digit (`▾4:49`); where that leaves
        // no column between the labels, it is left out.
        if let Some((la, lb)) = labelled {
            let start = if c < 5 { c + 1 } else { 0 };
            let end = if c + 5 >= spark_w {
                c.saturating_sub(5)
            } else {
                spark_w - 5
            };
            times = vec![' '; spark_w];
            if start + 5 < end && end + 5 <= spark_w {
                put(&mut times, start, la);
                put(&mut times, end, lb);
            } else if c < 5 {
                put(&mut times, spark_w - 5, lb);
            } else {
                put(&mut times, 0, la);
            }
        }
        times[c] = '▾';
    }
    let times: String = times.into_iter().collect();
    title.push_str(&times);
    title.push(' ');
    if v.all {
        title.push_str(&pad("source", name_w));
        title.push(' ');
    }
    title.push_str("template");
    if v.sort == Sort::First {
        title.push_str(" ↓ first appearance");
    }
    let title = Line::styled(title, th.dim().add_modifier(Modifier::UNDERLINED));
    // Record boundaries of the density columns, once per source shown.
    let mut edges: Vec<(usize, Vec<usize>)> = Vec::new();
    // A row's columns before its template.
    let mut columns = |r: &Row| {
        let mut spans = vec![Span::raw(format!("{:>7} ", r.count))];
        if changed {
            // Absent from the window: no rate to show; no before window: `–`.
            let s = match r.change.score {
                Some(s) => score(s),
                None if r.change.no_before_window() => "–".to_string(),
                None => String::new(),
            };
            spans.push(Span::raw(format!("{:>6} {s:>6} ", r.change.within)));
        }
        let spark = spark_line(app, r, span, spark_w, &mut edges);
        spans.push(Span::styled(spark, th.source(r.pane)));
        spans.push(Span::raw(" "));
        if v.all {
            let name = crate::tui::text::pad_name(app, r.pane, name_w);
            spans.push(Span::styled(name, th.source(r.pane)));
            spans.push(Span::raw(" "));
        }
        if r.precursor {
            spans.push(Span::styled("▲ ", th.warning()));
        }
        let used: usize = spans.iter().map(|s| width(&s.content)).sum();
        (spans, w.saturating_sub(used))
    };
    let sel = v.list.selected.min(rows.len() - 1);
    let (_, room) = columns(&rows[sel]);
    let whole = whole_template(pattern_list::text(app, &rows[sel]), room, w, body.height);
    let list_h = (body.height as usize).saturating_sub(3 + whole.len());
    let win = list_details::window(rows.len(), list_h, Some(sel));
    // Only the rows that can show are built (a source may have thousands).
    let lines: Vec<Line> = rows
        .iter()
        .skip(win.first)
        .take(win.shown)
        .map(|r| {
            let (mut spans, room) = columns(r);
            // A template too long for the room ends in `…`.
            let text = clean_head(pattern_list::text(app, r).as_bytes(), room);
            spans.push(Span::raw(cut(&text, room)));
            Line::from(spans)
        })
        .collect();
    let list_rows = (body.height - 2).saturating_sub(whole.len() as u16);
    let list = Rect::new(body.x, body.y + 2, body.width, list_rows);
    let sel = Some(sel - win.first);
    list_details::draw_window(app, buf, list, Some(title), &lines, win, sel);
    // The selected template, cut in its row, whole below the list.
    for (k, text) in whole.iter().enumerate() {
        let style = if k == 0 { th.dim() } else { Style::new() };
        line(buf, 2 + list_rows + k as u16, text, style);
    }
}

/// Rows a cut template may take below the list, at most.
const WHOLE_ROWS: usize = 4;

/// The selected template where its row (`room` columns) cuts it: a rule, then
/// the template wrapped to the view's `w` columns, in at most `WHOLE_ROWS`
/// rows (or what leaves the list 5 rows of a `body_h`-row view), the last
/// ending in `…` when that is still not all. Empty when it fits its row.
fn whole_template(text: &str, room: usize, w: usize, body_h: u16) -> Vec<String> {
    let rows = WHOLE_ROWS.min((body_h as usize).saturating_sub(3 + 5 + 1));
    if rows == 0 || w < 20 {
        return Vec::new();
    }
    // Cleaned only as far as the rows can show (a template may be 50 MB).
    let head = clean_head(text.as_bytes(), rows * w);
    if width(&head) <= room {
        return Vec::new();
    }
    let mut wrapped = crate::tui::text::wrap(&head, w - 1);
    if wrapped.len() > rows {
        wrapped.truncate(rows);
        let last = &mut wrapped[rows - 1];
        *last = cut(&format!("{last}…"), w - 1);
    }
    let mut out = vec!["─".repeat(w)];
    out.extend(wrapped.into_iter().map(|l| format!(" {l}")));
    out
}

/// A row's density over the overview's range, `cols` wide.
fn spark_line(
    app: &App,
    r: &Row,
    span: Option<(i64, i64)>,
    cols: usize,
    edges: &mut Vec<(usize, Vec<usize>)>,
) -> String {
    let (Some(span), Some(src), Some(mined)) = (span, app.source(r.pane), app.patterns.as_deref())
    else {
        return " ".repeat(cols);
    };
    let k = match edges.iter().position(|(p, _)| *p == r.pane) {
        Some(k) => k,
        None => {
            edges.push((r.pane, bucket_edges(src, span, cols)));
            edges.len() - 1
        }
    };
    let counts = mined.occurrences[r.entry].counts(r.template, &edges[k].1);
    pad(&sparkline(&counts), cols)
}
