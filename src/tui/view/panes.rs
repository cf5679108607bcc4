//! One pane per source (or one merged pane): a title row, then the rows
//! around the cursor, built by walking outward from it — only what fits.

use std::ops::Range;

use crate::format::shown;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use regex::Regex;

use super::pane_lines::{draw_lines, fill};
use super::silence_lines;
use crate::ansi::display_text;
use crate::level::Level;
use crate::source::DiskChange;
use crate::source::stream::size_text;
use crate::time::{Nanos, format_duration};
use crate::timeparse::to_wall;
use crate::tui::app::{App, Load, Relative};
pub use crate::tui::rows::level_tag;
use crate::tui::silence_rows::SilenceRows;
use crate::tui::symbols::{RecordSymbols, describe_short};
use crate::tui::text::{char_width, width};

/// What a record's row says once its file shrank past it while open.
const GONE: &str = "(no longer in the file: it shrank while open)";

/// Continuation lines shown under a record before "… N more lines".
const MAX_CONT: usize = 10;
/// Screen lines one wrapped line may take.
const MAX_WRAP: usize = 12;
/// Resolved code addresses shown under the cursor record (a GOTRACEBACK=crash
/// record has up to `symbol::RECORD_ADDRESSES`).
const CODE_SHOWN: usize = 3;
const SPINNER: [&str; 4] = ["⠋", "⠙", "⠸", "⠴"];

pub fn clock(app: &App, t: Nanos) -> String {
    to_wall(t, &app.zone).format("%H:%M:%S%.3f").to_string()
}

pub fn date(app: &App, t: Nanos) -> String {
    to_wall(t, &app.zone).format("%Y-%m-%d").to_string()
}

fn signed(d: Nanos) -> String {
    if d >= 0 {
        format!("+{}", format_duration(d))
    } else {
        format_duration(d)
    }
}

/// A screen line and whether it belongs to the cursor row.
pub(super) type Out = (Line<'static>, bool);

struct RowCtx<'a> {
    app: &'a App,
    width: usize,
    /// Width of the source-name column of the merged view (0 elsewhere).
    tag_width: usize,
}

/// Characters of `text` and whether each is inside a search match, or in
/// one of `also` (sorted byte ranges of `text`).
fn marked(text: &str, re: Option<&Regex>, also: &[Range<usize>]) -> Vec<(char, bool)> {
    let mut ranges: Vec<(usize, usize)> = re
        .map(|r| r.find_iter(text).map(|m| (m.start(), m.end())).collect())
        .unwrap_or_default();
    if ranges.is_empty() {
        ranges = also.iter().map(|r| (r.start, r.end)).collect();
    }
    let mut ri = 0;
    text.char_indices()
        .map(|(b, c)| {
            while ri < ranges.len() && ranges[ri].1 <= b {
                ri += 1;
            }
            let hit = ranges
                .get(ri)
                .is_some_and(|&(s, e)| s <= b && b < e && s < e);
            (c, hit)
        })
        .collect()
}

fn spans(chars: &[(char, bool)], base: Style, hl: Style) -> Vec<Span<'static>> {
    let mut out: Vec<Span<'static>> = Vec::new();
    let mut cur = String::new();
    let mut cur_hit = false;
    for &(c, hit) in chars {
        if hit != cur_hit && !cur.is_empty() {
            out.push(Span::styled(
                std::mem::take(&mut cur),
                if cur_hit { hl } else { base },
            ));
        }
        cur_hit = hit;
        cur.push(c);
    }
    if !cur.is_empty() {
        out.push(Span::styled(cur, if cur_hit { hl } else { base }));
    }
    out
}

/// Cuts (or, given a number of lines, wraps) a message to `avail` columns
/// after scrolling `app.hscroll` columns, marking cuts with `…`. Returns one
/// span list per screen line.
fn fit(
    app: &App,
    text: &str,
    base: Style,
    avail: usize,
    wrap: Option<usize>,
) -> Vec<Vec<Span<'static>>> {
    fit_marked(app, text, &[], base, avail, wrap)
}

/// `fit`, with `also` (byte ranges of `text`) drawn as matches when the
/// search matches nothing in `text` itself.
fn fit_marked(
    app: &App,
    text: &str,
    also: &[Range<usize>],
    base: Style,
    avail: usize,
    wrap: Option<usize>,
) -> Vec<Vec<Span<'static>>> {
    let hl = app.theme.matched();
    let chars = marked(text, app.search.as_ref(), also);
    if avail == 0 {
        return vec![Vec::new()];
    }
    let w = |v: &[(char, bool)]| v.iter().map(|&(c, _)| char_width(c)).sum::<usize>();
    if let Some(max) = wrap {
        // Lines of at most `avail` columns: a wide character that would
        // straddle the edge starts the next line.
        let mut lines: Vec<Vec<(char, bool)>> = vec![Vec::new()];
        for &(c, hit) in &chars {
            let Some(line) = lines.last_mut() else { break };
            if w(line) + char_width(c) > avail && !line.is_empty() {
                // Break after the line's last space when there is one in its
                // second half, so words stay whole; else where the line ends.
                let at = line
                    .iter()
                    .rposition(|&(c, _)| c == ' ')
                    .filter(|&i| i + 1 >= line.len() / 2 && i + 1 < line.len());
                let rest = at.map_or_else(Vec::new, |i| line.split_off(i + 1));
                lines.push(rest);
            }
            if let Some(line) = lines.last_mut() {
                line.push((c, hit));
            }
        }
        let cut = lines.len() > max.max(1);
        lines.truncate(max.max(1));
        if cut && let Some(last) = lines.last_mut() {
            while !last.is_empty() && w(last) + 1 > avail {
                last.pop();
            }
            last.push(('…', false));
        }
        return lines.iter().map(|l| spans(l, base, hl)).collect();
    }
    // Scroll sideways by columns, not characters.
    let mut skip = 0;
    let mut skipped = 0;
    while skip < chars.len() && skipped < app.hscroll {
        skipped += char_width(chars[skip].0);
        skip += 1;
    }
    let mut view: Vec<(char, bool)> = chars[skip..].to_vec();
    if skip > 0 && !view.is_empty() {
        view[0].0 = '…';
    }
    if w(&view) > avail {
        while !view.is_empty() && w(&view) + 1 > avail {
            view.pop();
        }
        view.push(('…', false));
    }
    vec![spans(&view, base, hl)]
}

/// Where a row found by its line as written (`/"status":503` on a JSON row
/// that reads `status=503`) shows what the match covers; empty when the
/// search matches the shown text itself (that is drawn) or nothing.
fn raw_match_shown(app: &App, raw: &[u8], shown: &str) -> Vec<Range<usize>> {
    let Some(re) = app.search.as_ref() else {
        return Vec::new();
    };
    let Ok(raw) = std::str::from_utf8(raw) else {
        return Vec::new();
    };
    if re.is_match(shown) {
        return Vec::new();
    }
    let matches: Vec<Range<usize>> = re.find_iter(raw).map(|m| m.range()).collect();
    if matches.is_empty() {
        return Vec::new();
    }
    crate::search::shown_ranges(raw.as_bytes(), &matches, shown)
}

impl RowCtx<'_> {
    fn prefix_width(&self) -> usize {
        let rel = if self.app.relative == Relative::Off {
            0
        } else {
            9
        };
        1 + 12
            + 1
            + rel
            + 4
            + if self.tag_width > 0 {
                self.tag_width + 1
            } else {
                0
            }
    }

    /// The row's time relative to the row shown above it (`prev`: in the
    /// merged view another source's, in a filtered pane the previous that
    /// passes), the cursor or the last bookmark.
    fn relative(&self, t: Option<Nanos>, prev: Option<(usize, usize)>) -> Option<Nanos> {
        let app = self.app;
        let t = t?;
        let base = match app.relative {
            Relative::Off => return None,
            Relative::Previous => {
                let (pp, pr) = prev?;
                app.source(pp)?.time(pr)?
            }
            Relative::Cursor => app.cursor,
            Relative::Bookmark => {
                let (bp, br) = app.last_bookmark?;
                app.source(bp)?.time(br)?
            }
        };
        Some(t - base)
    }

    /// Record lines preceded by a date line when the day changed since `prev`
    /// (the row shown just above), so rows near midnight are not ambiguous.
    fn dated(
        &self,
        lines: Vec<Out>,
        this: (usize, usize),
        prev: Option<(usize, usize)>,
    ) -> Vec<Out> {
        let app = self.app;
        let day = |(p, r): (usize, usize)| Some(date(app, app.source(p)?.time(r)?));
        match (day(this), prev.and_then(day)) {
            (Some(a), Some(b)) if a != b => {
                let sep = format!(" ┈┈┈┈ {a} ┈┈┈┈");
                let mut out = vec![(Line::from(Span::styled(sep, app.theme.dim())), false)];
                out.extend(lines);
                out
            }
            _ => lines,
        }
    }

    /// The screen lines of record `rec` of pane `p`. `detail` wraps its first
    /// line into up to that many screen lines even when lines are not wrapped
    /// (the focused pane's cursor row: read in full without leaving the pane).
    /// `prev`: the row shown above it, which `r`'s relative time counts from.
    fn record(
        &self,
        p: usize,
        rec: usize,
        cursor: bool,
        detail: Option<usize>,
        prev: Option<(usize, usize)>,
    ) -> Vec<Out> {
        let app = self.app;
        let th = &app.theme;
        let Some(src) = app.source(p) else {
            return Vec::new();
        };
        let entry = src.index.get(rec);
        let level = entry.and_then(|e| e.level());
        let own = entry.is_some_and(|e| e.own_time());
        let t = src.time(rec);
        let mut pre: Vec<Span<'static>> = Vec::new();
        let gutter = if app.notes.marked.contains(&(p, rec)) {
            // A note wins over a bookmark on the same row; underlined when both.
            let st = th.note();
            let st = if app.bookmarks.contains(&(p, rec)) {
                st.add_modifier(ratatui::style::Modifier::UNDERLINED)
            } else {
                st
            };
            Span::styled(crate::tui::notes::MARK, st)
        } else if app.bookmarks.contains(&(p, rec)) {
            Span::styled(
                "▌",
                th.fg(th.bookmark)
                    .add_modifier(ratatui::style::Modifier::BOLD),
            )
        } else if app.offset_mark == Some((p, rec)) {
            Span::styled("o", th.warning())
        } else if crate::tui::notes::is_offset_mark(app, (p, rec)) {
            Span::styled("o", th.dim())
        } else {
            Span::raw(" ")
        };
        pre.push(gutter);
        let time = t.map_or_else(|| " ".repeat(12), |t| clock(app, t));
        let time_style = if own { th.fg(th.time) } else { th.dim() };
        pre.push(Span::styled(time, time_style));
        pre.push(Span::raw(" "));
        if app.relative != Relative::Off {
            let rel = self.relative(t, prev).map_or_else(String::new, signed);
            pre.push(Span::styled(format!("{rel:>8} "), th.dim()));
        }
        let inferred = entry.is_some_and(|e| e.level_inferred());
        pre.push(Span::styled(level_tag(level, inferred), th.level(level)));
        pre.push(Span::raw(" "));
        if self.tag_width > 0 {
            let name = crate::tui::text::pad_name(app, p, self.tag_width);
            pre.push(Span::styled(format!("{name} "), th.source(p)));
        }
        let pw = self.prefix_width();
        let avail = self.width.saturating_sub(pw);
        // A line can be megabytes long: only the part that can show is decoded.
        let bytes = src.record_bytes(rec);
        // A JUL record shows its message line first; `=` shows its header.
        let bytes = if app.show_stamps {
            bytes
        } else {
            shown::from_headline(&src.detection.format, bytes)
        };
        let first_len = memchr::memchr(b'\n', bytes).unwrap_or(bytes.len());
        let keep = (app.hscroll + avail.max(1) * MAX_WRAP) * 4 + 64;
        let bytes = if first_len > keep {
            // Keep the continuation lines; cut only the first line.
            let mut cut = bytes[..keep].to_vec();
            cut.extend_from_slice(&bytes[first_len..]);
            std::borrow::Cow::Owned(cut)
        } else {
            std::borrow::Cow::Borrowed(bytes)
        };
        let mut lines_iter = bytes.split(|&b| b == b'\n');
        let mut first_raw = lines_iter.next().unwrap_or(&[]);
        // A journal entry's record (`-o verbose`, `-o export`) reads entry
        // by entry: its first whole, then the others' messages.
        let mut entries = None;
        if !app.show_stamps && src.detection.format.entries().is_some() {
            let (head, rest) = shown::headline(&src.detection.format, &bytes);
            first_raw = head;
            entries = Some(shown::continuations(&src.detection.format, rest));
        }
        // As `show` prints it (JSON as "message  key=value ...", no second
        // timestamp or level); `=` shows the line as written.
        let gone = bytes.is_empty() && !src.readable(rec);
        let first = if gone {
            // Its file shrank past it while open (copytruncate).
            GONE.to_string()
        } else if app.show_stamps {
            display_text(first_raw)
        } else {
            shown::first_line(&src.detection.format, first_raw, own, level)
        };
        let extra = entries
            .as_ref()
            .map_or_else(|| lines_iter.clone().count(), Vec::len);
        let base = match level {
            _ if gone => th.dim(),
            Some(l) if l.is_error() => th.level(level),
            _ => Style::new(),
        };
        let mut msg_avail = avail;
        let marker = if extra > 0 && !app.expand {
            format!(" [+{extra} lines]")
        } else {
            String::new()
        };
        if !marker.is_empty() && avail > marker.len() + 8 {
            msg_avail -= width(&marker);
        }
        let mut out = Vec::new();
        let wrap = if app.wrap { Some(MAX_WRAP) } else { detail };
        let also = if app.show_stamps {
            Vec::new()
        } else {
            raw_match_shown(app, first_raw, &first)
        };
        for (i, mut msg) in fit_marked(app, &first, &also, base, msg_avail, wrap)
            .into_iter()
            .enumerate()
        {
            let mut spans = if i == 0 {
                pre.clone()
            } else {
                vec![Span::raw(" ".repeat(pw))]
            };
            spans.append(&mut msg);
            if i == 0 && !marker.is_empty() && msg_avail < avail {
                spans.push(Span::styled(marker.clone(), th.dim()));
            }
            out.push((Line::from(spans), cursor));
        }
        // The focused pane's cursor record (the only one that gets `detail`):
        // where its pc=/addr= are in the program, right under its first
        // line, so neither a message nor its stack can hide them.
        if detail.is_some() && !app.merged {
            out.extend(self.code_lines(p, rec, pw, avail));
        }
        if app.expand && extra > 0 {
            let indent = " ".repeat(pw + 2);
            let cont_avail = avail.saturating_sub(2);
            let conts: Vec<String> = match &entries {
                Some(messages) => messages.iter().map(|m| display_text(m)).collect(),
                None => lines_iter
                    .clone()
                    .take(MAX_CONT)
                    .map(|l| {
                        if app.show_stamps {
                            display_text(l)
                        } else {
                            shown::continuation_line(&src.detection.format, l)
                        }
                    })
                    .collect(),
            };
            for text in conts.iter().take(MAX_CONT) {
                let wrap = app.wrap.then_some(MAX_WRAP);
                for mut msg in fit(app, text, th.dim(), cont_avail, wrap) {
                    let mut spans = vec![Span::raw(indent.clone())];
                    spans.append(&mut msg);
                    out.push((Line::from(spans), cursor));
                }
            }
            if extra > MAX_CONT {
                let more = match extra - MAX_CONT {
                    1 => format!("{indent}… 1 more line (c collapses)"),
                    n => format!("{indent}… {n} more lines (c collapses)"),
                };
                out.push((Line::from(Span::styled(more, th.dim())), cursor));
            }
        }
        out
    }
}

impl RowCtx<'_> {
    /// With `--binary`: the record's code addresses as the binary resolves
    /// them, one per line (wrapped to two), under the message column; at
    /// most `CODE_SHOWN`, then how many more `casefile addr --in` lists.
    fn code_lines(&self, p: usize, rec: usize, indent: usize, avail: usize) -> Vec<Out> {
        let app = self.app;
        let resolved = match &app.record_symbols {
            RecordSymbols {
                asked: Some(at),
                resolved: Some(r),
            } if *at == (p, rec) => r,
            _ => return Vec::new(),
        };
        let style = app.theme.note();
        let mut lines: Vec<Vec<Span<'static>>> = Vec::new();
        for r in resolved.iter().take(CODE_SHOWN) {
            let text = format!("{} → {}", r.address, describe_short(r));
            lines.extend(fit(app, &text, style, avail, Some(2)));
        }
        if resolved.len() > CODE_SHOWN {
            let more = format!(
                "… {} more addresses (casefile addr --in lists all)",
                resolved.len() - CODE_SHOWN
            );
            lines.extend(fit(app, &more, app.theme.dim(), avail, None));
        }
        lines
            .into_iter()
            .map(|mut l| {
                let mut spans = vec![Span::raw(" ".repeat(indent))];
                spans.append(&mut l);
                (Line::from(spans), true)
            })
            .collect()
    }
}

fn title(app: &App, area: Rect, buf: &mut Buffer, text: String, focused: bool) {
    let style = app.theme.title(focused);
    buf.set_style(Rect::new(area.x, area.y, area.width, 1), style);
    let w = area.width as usize;
    let text = text.trim_end();
    let text = if width(text) > w {
        crate::tui::text::cut(text, w)
    } else {
        text.to_string()
    };
    buf.set_stringn(area.x, area.y, text, w, style);
}

/// `text` under the pane's title, wrapped over the rows it has (why a
/// source cannot be shown is read in full; the last row ends in `…` if even
/// those are too few).
fn message(area: Rect, buf: &mut Buffer, text: &str, style: Style) {
    let rows = area.height.saturating_sub(1) as usize;
    let w = area.width.saturating_sub(1) as usize;
    let mut lines = crate::tui::text::wrap(text, w);
    if lines.len() > rows {
        let rest = lines[rows.saturating_sub(1)..].join(" ");
        lines.truncate(rows.saturating_sub(1));
        lines.push(crate::tui::text::cut(&rest, w));
    }
    for (i, line) in lines.iter().enumerate().take(rows) {
        buf.set_stringn(area.x + 1, area.y + 1 + i as u16, line, w, style);
    }
}

/// The title's badges after the name and day, in `room` columns: where they
/// do not fit, the filter's description is cut (`…`) so that what follows it
/// (matches, clock offset, quiet, warnings) stays in sight.
fn badges(app: &App, p: usize, room: usize) -> String {
    let pane = &app.panes[p];
    let mut b: Vec<String> = Vec::new();
    let spin = SPINNER[app.tick % SPINNER.len()];
    match &pane.load {
        Load::Opening => b.push(format!("opening {spin}")),
        Load::Indexing { done, total } => {
            let pct = if *total == 0 { 0 } else { done * 100 / total };
            b.push(format!("indexing {pct}% {spin}"));
        }
        Load::Failed(_) => b.push("failed".into()),
        Load::Ready => {}
    }
    if pane.source.is_some() && !pane.timed() && matches!(pane.load, Load::Ready) {
        b.push("no timestamps".into());
    }
    if pane.filtering {
        b.push(format!("filtering {spin}"));
    }
    let mut filters = app.global_filters.describe();
    let own = pane.filters.describe();
    if !own.is_empty() {
        if !filters.is_empty() {
            filters.push(' ');
        }
        filters.push_str(&own);
    }
    let filter_at = (!filters.is_empty()).then(|| {
        b.push(format!("filter {filters}"));
        b.len() - 1
    });
    if pane.searching {
        b.push(format!("searching {spin}"));
    } else if app.search.is_some() {
        let n = pane.matches.len();
        b.push(format!("{n} {}", if n == 1 { "match" } else { "matches" }));
    }
    if let Some(off) = pane.source.as_ref().map(|s| s.offset).filter(|&o| o != 0) {
        b.push(format!("clock {}", signed(off)));
    }
    if let Some(q) = app.quiet(p) {
        b.push(format!("quiet for {}", format_duration(q)));
    }
    let warnings = pane.source.as_ref().map_or(0, |s| s.warnings.len());
    if warnings > 0 {
        b.push(format!("⚠ {warnings}"));
    }
    // Its file changed on disk since it was read: `R` reads it again.
    match (pane.reloading, pane.on_disk) {
        (true, _) => b.push(format!("reading again {spin}")),
        (false, Some(DiskChange::Grew(n))) => b.push(format!("grew {} (R)", size_text(n))),
        (false, Some(DiskChange::Replaced)) => b.push("replaced (R)".into()),
        (false, Some(DiskChange::Shrank)) => b.push("shrank (R)".into()),
        (false, Some(DiskChange::Appeared)) => b.push("exists now (R)".into()),
        (false, None) if app.follow && pane.source.is_some() => b.push("following".into()),
        (false, None) => {}
    }
    let all = b.join(" · ");
    if let Some(k) = filter_at.filter(|_| width(&all) > room) {
        let others = width(&all) - width(&b[k]);
        let keep = room.saturating_sub(others).max("filter …".len());
        b[k] = crate::tui::text::cut(&b[k], keep);
        return b.join(" · ");
    }
    all
}

pub fn render_pane(app: &App, p: usize, area: Rect, buf: &mut Buffer) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let pane = &app.panes[p];
    let focused = p == app.focus;
    let k = app.cursor_row(p);
    let shown_time = k
        .and_then(|k| app.rows(p).map(|r| r.record(k)))
        .and_then(|r| app.source(p)?.time(r))
        .or(pane.timed().then_some(app.cursor));
    let mut day = shown_time.map_or_else(String::new, |t| format!(" {} ", date(app, t)));
    // Too narrow for the name and the day: the day gives way (the status
    // line says it), and `title` ends what is still too long in `…`.
    if width(&format!(" {} {day}", pane.name)) > area.width as usize {
        day.clear();
    }
    let lead = width(&format!(" {} {day} ", pane.name));
    let badges = badges(app, p, (area.width as usize).saturating_sub(lead));
    title(
        app,
        area,
        buf,
        format!(" {} {day} {badges}", pane.name),
        focused,
    );
    let body = Rect::new(area.x, area.y + 1, area.width, area.height - 1);
    if let Some(text) = crate::tui::layout::failed_message(pane) {
        message(area, buf, &text, app.theme.level(Some(Level::Error)));
        return;
    }
    let (Some(rows), Some(k)) = (app.rows(p), k) else {
        let text = match pane.load {
            Load::Ready if pane.visible.is_some() => "no rows pass the filters",
            Load::Ready => "(empty)",
            _ => "(no records yet)",
        };
        message(area, buf, text, app.theme.dim());
        return;
    };
    let ctx = RowCtx {
        app,
        width: body.width as usize,
        tag_width: 0,
    };
    // The focused cursor row shows its whole first line, in up to half the pane.
    let detail = (focused && body.height >= 4).then_some(body.height as usize / 2);
    let silent = SilenceRows::of(app, p);
    let quiet = app.quiet(p);
    // A row's lines: a date line when the day changed, the record, then a
    // separator for each silence between it and the next row.
    let row = |j: usize, cur: bool| {
        let prev = j.checked_sub(1).map(|i| (p, rows.record(i)));
        let detail = if cur { detail } else { None };
        let mut out = ctx.dated(
            ctx.record(p, rows.record(j), cur, detail, prev),
            (p, rows.record(j)),
            prev,
        );
        let q = if cur { quiet } else { None };
        let (seps, told) = silence_lines::lines(app, silent.below(&rows, j), None, q, ctx.width);
        out.extend(seps);
        (out, told)
    };
    let (mut cursor, told) = row(k, true);
    if let Some(q) = quiet.filter(|_| !told) {
        // The cursor's silence lies among rows a filter hides.
        let note = silence_lines::cursor_quiet(app, q, ctx.width);
        cursor.push((Line::from(Span::styled(note, app.theme.dim())), false));
    }
    let (mut up, mut down) = (k, k + 1);
    let n = rows.len();
    let lines = fill(
        body.height as usize,
        cursor,
        || {
            up = up.checked_sub(1)?;
            Some(row(up, false).0)
        },
        || {
            if down >= n {
                return None;
            }
            down += 1;
            Some(row(down - 1, false).0)
        },
    );
    draw_lines(app, lines, body, buf, focused);
}

pub fn render_merged(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let names: Vec<&str> = app.panes.iter().map(|p| p.name.as_str()).collect();
    let tag_width = names
        .iter()
        .map(|n| width(n))
        .max()
        .unwrap_or(0)
        .clamp(1, 12);
    let at = app.merged_cursor();
    let day = at
        .and_then(|(p, k)| app.source(p)?.time(app.rows(p)?.record(k)))
        .map_or_else(String::new, |t| format!(" {} ", date(app, t)));
    let loading: Vec<String> = (0..app.panes.len())
        .filter(|&p| !matches!(app.panes[p].load, Load::Ready))
        .map(|p| format!("{}: {}", app.panes[p].name, badges(app, p, usize::MAX)))
        .collect();
    let text = format!(
        " merged: {} {day} {}",
        names.join(", "),
        loading.join(" · ")
    );
    title(app, area, buf, text, true);
    let body = Rect::new(area.x, area.y + 1, area.width, area.height - 1);
    let Some(at) = at else {
        message(area, buf, "(no records yet)", app.theme.dim());
        return;
    };
    let ctx = RowCtx {
        app,
        width: body.width as usize,
        tag_width,
    };
    let h = body.height as usize;
    let silent: Vec<SilenceRows> = (0..app.panes.len())
        .map(|p| SilenceRows::of(app, p))
        .collect();
    // A silence's separator follows its source's last row before it, naming the source.
    let record =
        |at: (usize, usize), prev: Option<&(usize, usize)>, cur: bool| -> Option<Vec<Out>> {
            let this = app.row_ref(at.0, at.1)?;
            let prev = prev.and_then(|&(p, k)| app.row_ref(p, k));
            let detail = cur.then_some(h / 2).filter(|&d| d >= 2);
            let lines = ctx.record(this.0, this.1, cur, detail, prev);
            let mut out = ctx.dated(lines, this, prev);
            let rows = app.rows(at.0)?;
            let name = app.panes[at.0].name.as_str();
            let list = silent[at.0].below(&rows, at.1);
            out.extend(silence_lines::lines(app, list, Some(name), None, ctx.width).0);
            Some(out)
        };
    let before = app.merged_before(at, h);
    let after = app.merged_after(at, h);
    let cursor = record(at, before.first(), true).unwrap_or_default();
    let (mut b, mut a) = (0, 0);
    let lines = fill(
        h,
        cursor,
        || {
            b += 1;
            record(*before.get(b - 1)?, before.get(b), false)
        },
        || {
            a += 1;
            let prev = if a == 1 { Some(&at) } else { after.get(a - 2) };
            record(*after.get(a - 1)?, prev, false)
        },
    );
    draw_lines(app, lines, body, buf, true);
}
