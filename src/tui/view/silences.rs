//! The silence list (`Q`): every source's silences by score or by time, the
//! stretches when every source was quiet apart, and the selected entry's
//! details — the silent source's last and next records and what the others
//! logged around its start, as `casefile silences` reports them. Beside the
//! list when the screen is wide, below it otherwise.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use super::list_details::{self, Shape, keys};
use super::panes::{clock, level_tag};
use crate::format::shown;
use crate::headless::silences::SilenceOut;
use crate::silence::Analysis;
use crate::time::format_duration;
use crate::tui::app::{App, ListState};
use crate::tui::silence_list::{Item, items, length, loading_sources, spans_days, when};
use crate::tui::text::{clean_head, cut, pad, pad_name, width};

/// From this width the details stand beside the list.
const SIDE_BY_SIDE: u16 = 150;

/// A screen line and whether it is the selected entry.
type Row = (Line<'static>, bool);

fn bold() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

pub fn render(app: &App, list: ListState, by_time: bool, area: Rect, buf: &mut Buffer) {
    if area.height < 3 || area.width < 20 {
        return;
    }
    let body = Rect::new(area.x, area.y, area.width, area.height - 1);
    Clear.render(body, buf);
    let order = if by_time { "time" } else { "score" };
    let other = if by_time { "score" } else { "time" };
    let (down, up) = (keys(app, "details-down"), keys(app, "details-up"));
    let head = format!(
        "silences by {order} (s: by {other}, enter: go there, {down}/{up}: scroll details, q: close)"
    );
    buf.set_stringn(body.x, body.y, &head, body.width as usize, bold());
    let rest = Rect::new(body.x, body.y + 1, body.width, body.height - 1);
    let Some(a) = app.silences.as_deref() else {
        let loading = loading_sources(app);
        let msg = if loading > 0 {
            format!(
                "finding silences once every source is read: {loading} of {} still loading",
                app.panes.len()
            )
        } else {
            "finding silences in the background…".to_string()
        };
        buf.set_stringn(rest.x, rest.y, msg, rest.width as usize, app.theme.dim());
        return;
    };
    let all = items(a, by_time);
    if all.is_empty() {
        let msg = "no silences: every source kept its own rhythm";
        buf.set_stringn(rest.x, rest.y, msg, rest.width as usize, Style::new());
        return;
    }
    let sel = list.selected.min(all.len() - 1);
    let (mut rows, headings) = list_rows(app, a, &all, sel, by_time);
    let header = rows.remove(0).0;
    // Each heading with the blank line above it, as indices after the header.
    let with_next: Vec<usize> = headings.iter().flat_map(|&h| [h - 2, h - 1]).collect();
    // As wide as its rows beside the details, so the records get the rest;
    // not `clamp(40, half)`, which panics on a screen under 80 columns.
    let widest = rows.iter().map(|(l, _)| l.width()).max().unwrap_or(0) as u16;
    let shape = Shape {
        wide_from: SIDE_BY_SIDE,
        list_width: (widest + 2).max(40).min(body.width / 2),
        list_rows: rows.len() as u16 + 1,
    };
    let split = list_details::split(app, buf, rest, shape);
    let selected = rows.iter().position(|(_, s)| *s);
    let lines: Vec<Line> = rows.into_iter().map(|(l, _)| l).collect();
    list_details::draw_grouped_list(
        app,
        buf,
        split.list,
        Some(header),
        &lines,
        selected,
        &with_next,
    );
    let w = split.details.width as usize;
    let details = match all[sel] {
        Item::Silence(k) => silence_details(app, a, k, w),
        Item::Quiet(q) => quiet_details(app, a, q),
    };
    let details: Vec<Line> = details.into_iter().map(|(l, _)| l).collect();
    list_details::draw_details(app, buf, split.details, &details, list.details, None);
}

/// The list's rows, its column header first, and where its section headings
/// are among them.
fn list_rows(
    app: &App,
    a: &Analysis,
    all: &[Item],
    sel: usize,
    by_time: bool,
) -> (Vec<Row>, Vec<usize>) {
    let th = &app.theme;
    let dated = spans_days(app, a);
    let tw = if dated { 18 } else { 12 };
    let name_w = app
        .panes
        .iter()
        .map(|p| width(&p.name))
        .max()
        .unwrap_or(6)
        .clamp(6, 16);
    let mut rows: Vec<Row> = vec![(
        Line::styled(
            format!(
                "{:>4}  {} {} {:<15} {:>7}",
                "rank",
                pad("source", name_w),
                pad("start", tw),
                "length",
                "score"
            ),
            th.dim(),
        ),
        false,
    )];
    let mut headings = Vec::new();
    let mut quiet_heading = false;
    let mut alone_heading = by_time;
    for (i, item) in all.iter().enumerate() {
        match *item {
            Item::Silence(k) => {
                let s = &a.silences[k];
                // By score they come last (`rank::rank`): say why their scores do not count.
                if s.company.alone.is_some() && !alone_heading {
                    alone_heading = true;
                    rows.push((Line::raw(""), false));
                    headings.push(rows.len());
                    rows.push((
                        Line::styled(
                            "no other source logging at their start (ranked last)",
                            bold(),
                        ),
                        false,
                    ));
                }
                rows.push((
                    Line::from(vec![
                        Span::raw(format!("{:>4}  ", k + 1)),
                        Span::styled(pad_name(app, s.source, name_w), th.source(s.source)),
                        Span::raw(" "),
                        Span::styled(when(app, s.gap.start, dated), th.fg(th.time)),
                        Span::raw(format!(" {:<15} {:>7.2}", length(s), s.score)),
                    ]),
                    i == sel,
                ));
            }
            Item::Quiet(q) => {
                if !quiet_heading {
                    quiet_heading = true;
                    rows.push((Line::raw(""), false));
                    headings.push(rows.len());
                    rows.push((
                        Line::styled("every source quiet (no source logged)", bold()),
                        false,
                    ));
                }
                let (start, end) = a.quiet_periods[q];
                rows.push((
                    Line::from(vec![
                        Span::raw(format!("{:>4}  {} ", "", pad("", name_w))),
                        Span::styled(when(app, start, dated), th.fg(th.time)),
                        Span::raw(format!(" {}", format_duration(end - start))),
                    ]),
                    i == sel,
                ));
            }
        }
    }
    (rows, headings)
}

/// Screen lines an error or warning, or the silent source's own edge record,
/// may wrap into: those are what the list is read for; the rest are cut.
const WRAP_LINES: usize = 3;

/// A record as its pane shows it: time, level tag, the text without its own
/// timestamp and level (or as written with `=`), in `w` columns. `tag`: a
/// nearby record of another source (its name shown; wrapped only when it is a
/// warning or worse).
fn record_lines(
    app: &App,
    lead: Vec<Span<'static>>,
    p: usize,
    rec: usize,
    w: usize,
    tag: bool,
) -> Vec<Row> {
    let th = &app.theme;
    let mut spans = lead;
    let Some(src) = app.source(p) else {
        return vec![(Line::from(spans), false)];
    };
    let e = src.entry(rec);
    let level = e.and_then(|e| e.level());
    let inferred = e.is_some_and(|e| e.level_inferred());
    let own = e.is_some_and(|e| e.own_time());
    let t = src
        .time(rec)
        .map_or_else(|| " ".repeat(12), |t| clock(app, t));
    spans.push(Span::styled(t, th.fg(th.time)));
    spans.push(Span::raw(" "));
    spans.push(Span::styled(level_tag(level, inferred), th.level(level)));
    spans.push(Span::raw(" "));
    if tag {
        spans.push(Span::styled(
            format!("{} ", pad_name(app, p, 12)),
            th.source(p),
        ));
    }
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    let room = w.saturating_sub(used).max(8);
    let wrap = !tag || level.is_some_and(|l| l >= crate::level::Level::Warn);
    let most = if wrap { WRAP_LINES } else { 1 };
    // A line can be megabytes long: decode only what can show.
    let line = src.first_line(rec);
    // A journal entry (`-o verbose`, `-o export`) is read whole: its
    // message may be its last field; `=` shows its first line.
    let keep = match src.detection.format.entries() {
        Some(_) => line.len(),
        None => room * most * 4 + 64,
    };
    let line = &line[..line.len().min(keep)];
    let text = if app.show_stamps {
        crate::ansi::display_text(crate::source::first_line_of(line))
    } else {
        shown::first_line(&src.detection.format, line, own, level)
    };
    let mut parts = if wrap {
        crate::tui::text::wrap(&text, room)
    } else {
        vec![text.clone()]
    };
    if parts.len() > most {
        let rest = parts[most - 1..].join(" ");
        parts.truncate(most - 1);
        parts.push(rest);
    }
    let mut out = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        let body = Span::raw(cut(part, room));
        if i == 0 {
            spans.push(body);
            out.push((Line::from(std::mem::take(&mut spans)), false));
        } else {
            out.push((Line::from(vec![Span::raw(" ".repeat(used)), body]), false));
        }
    }
    out
}

fn silence_details(app: &App, a: &Analysis, k: usize, w: usize) -> Vec<Row> {
    let s = &a.silences[k];
    let name = app.panes.get(s.source).map_or("?", |p| p.name.as_str());
    let mut rows: Vec<Row> = Vec::new();
    let mut text = |t: String, style: Style| rows.push((Line::styled(cut(&t, w), style), false));
    text(
        format!(
            "{name} silent {} · rank {} of {} · score {:.2}",
            length(s),
            k + 1,
            a.silences.len(),
            s.score
        ),
        bold(),
    );
    let dated = spans_days(app, a);
    let span = if s.open() {
        format!("from {} to the end", when(app, s.gap.start, dated))
    } else {
        format!(
            "from {} to {}",
            when(app, s.gap.start, dated),
            when(app, s.gap.end, dated)
        )
    };
    text(format!("{span}; {}", s.company.says()), Style::new());
    // The report is the worker's, in the analysis's order.
    let Some(out) = app.silence_report.as_ref().and_then(|r| r.silences.get(k)) else {
        rows.push((
            Line::styled("reading the records around it…", app.theme.dim()),
            false,
        ));
        return rows;
    };
    // The precursors go between the edge records and the long nearby list.
    rows.extend(edge_rows(app, s.source, out, w));
    rows.extend(precursor_rows(app, a, k, w));
    rows.extend(nearby_rows(app, out, w));
    rows
}

/// Precursors shown for one silence: at most this many templates.
const PRECURSORS_SHOWN: usize = 5;

/// The templates seen before most of the silent source's silences (the
/// pattern worker's `app.precursors`), with their count before this one.
/// Nothing when the source has only one silence: there is nothing to compare.
fn precursor_rows(app: &App, a: &Analysis, k: usize, w: usize) -> Vec<Row> {
    let th = &app.theme;
    let s = &a.silences[k];
    let mut own: Vec<_> = a.silences.iter().filter(|x| x.source == s.source).collect();
    if own.len() < 2 {
        return Vec::new();
    }
    own.sort_by_key(|x| x.gap.start);
    // `before_counts` follow the source's silences in time order.
    let nth = own.iter().position(|x| std::ptr::eq(*x, s)).unwrap_or(0);
    let name = app.panes.get(s.source).map_or("?", |p| p.name.as_str());
    let mut rows: Vec<Row> = vec![(Line::raw(""), false)];
    let (Some(pre), Some(mined)) = (&app.precursors, &app.patterns) else {
        let why = app
            .pattern_work
            .label()
            .unwrap_or_else(|| "mining patterns…".into());
        rows.push((
            Line::styled(cut(&format!("precursors: {why}"), w), th.dim()),
            false,
        ));
        return rows;
    };
    let mine: Vec<_> = pre.iter().filter(|p| p.silent == s.source).collect();
    if mine.is_empty() {
        let msg = format!("no template stands out before {name}'s silences");
        rows.push((Line::styled(cut(&msg, w), th.dim()), false));
        return rows;
    }
    let head = format!(
        "before {name}'s {} silences (the {} before each; rate elsewhere):",
        own.len(),
        format_duration(crate::tui::mining::PRECURSOR_WINDOW)
    );
    rows.push((Line::styled(cut(&head, w), bold()), false));
    for p in mine.into_iter().take(PRECURSORS_SHOWN) {
        let text = mined
            .entry(p.source)
            .and_then(|e| mined.patterns[e].templates.get(p.template as usize))
            .map_or_else(String::new, |t| clean_head(t.text.as_bytes(), w));
        let here = p.before_counts.get(nth).copied().unwrap_or(0);
        let counts: Vec<String> = p.before_counts.iter().map(u64::to_string).collect();
        let lead = vec![
            Span::raw(" "),
            Span::styled(
                format!("{} ", pad_name(app, p.source, 12)),
                th.source(p.source),
            ),
            Span::styled(format!("{here:>5}× "), bold()),
        ];
        let used: usize = lead.iter().map(|x| width(&x.content)).sum();
        let rest = format!(
            "{text}  [{}; {:.2}/h elsewhere]",
            counts.join(", "),
            p.baseline_per_hour
        );
        let mut spans = lead;
        spans.push(Span::raw(cut(&rest, w.saturating_sub(used))));
        rows.push((Line::from(spans), false));
    }
    rows
}

/// The silent source's last record before the silence and first after it.
fn edge_rows(app: &App, p: usize, out: &SilenceOut, w: usize) -> Vec<Row> {
    let th = &app.theme;
    let mut rows: Vec<Row> = Vec::new();
    for (lead, e) in [("last ", &out.before), ("next ", &out.after)] {
        match e {
            Some(e) => {
                let lead = vec![
                    Span::raw(lead),
                    Span::styled(format!("line {:<6} ", e.line), th.dim()),
                ];
                rows.extend(record_lines(app, lead, p, e.record, w, false));
            }
            None => rows.push((
                Line::styled(format!("{lead}(never logged again)"), th.dim()),
                false,
            )),
        }
    }
    rows
}

/// The other sources' records around the start, errors first, then
/// warnings, each closest to the start first (`correlate::nearby`).
fn nearby_rows(app: &App, out: &SilenceOut, w: usize) -> Vec<Row> {
    let th = &app.theme;
    let mut rows: Vec<Row> = vec![(Line::raw(""), false)];
    rows.push((
        Line::styled(
            cut(
                &format!(
                    "the others within {} of its start, errors first, then the closest:",
                    format_duration(app.silence_settings.window)
                ),
                w,
            ),
            bold(),
        ),
        false,
    ));
    if out.nearby.is_empty() {
        rows.push((
            Line::styled("  (no other source logged then)", th.dim()),
            false,
        ));
    }
    for n in &out.nearby {
        let lead = vec![Span::raw(" ")];
        rows.extend(record_lines(app, lead, n.source_index, n.record, w, true));
    }
    rows
}

fn quiet_details(app: &App, a: &Analysis, q: usize) -> Vec<Row> {
    let (start, end) = a.quiet_periods[q];
    let dated = spans_days(app, a);
    vec![
        (
            Line::styled(
                format!("every source quiet {}", format_duration(end - start)),
                bold(),
            ),
            false,
        ),
        (
            Line::raw(format!(
                "from {} to {}: no source logged in between",
                when(app, start, dated),
                when(app, end, dated)
            )),
            false,
        ),
    ]
}
