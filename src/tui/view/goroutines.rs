//! The goroutine view: a dump's groups in rank order beside the selected
//! group's stack and members, its lock groups, or the diff of two dumps.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Clear, Widget};

use super::list_details::{self, Shape, text_line};

use crate::goroutine::group::{is_std_function, longest_waits};
use crate::headless::goroutines::{Analysis, Shown, shown_frames};
use crate::symbol::dump::DumpSymbols;
use crate::tui::app::App;
use crate::tui::goroutine_view::{
    GoroutineView, Section, Slot, Step, group_rows, headline, wait_range,
};
use crate::tui::text::{width, wrap};
use crate::tui::theme::Theme;

mod diff;
mod head;

use diff::{diff_panes, diff_time_lines, draw_diff};
use head::{dump_line, panic_line, sections_line, title_line, titled, wall};

/// Wide enough to put the list and the details side by side.
const SIDE_BY_SIDE: u16 = 160;

/// A line of text in one style.
type Line = (String, Style);

fn put(buf: &mut Buffer, r: Rect, row: u16, text: &str, style: Style) {
    if row >= r.height {
        return;
    }
    let text = crate::tui::text::clean_head(text.as_bytes(), r.width as usize);
    buf.set_stringn(r.x, r.y + row, text, r.width as usize, style);
}

/// Longest start of a panic message a line is made of: more than any screen
/// shows, so that a 50 MiB message (`panic(huge)`) is not copied and cleaned
/// each frame.
const MESSAGE_HEAD: usize = 4096;

/// `m`'s first `MESSAGE_HEAD` bytes, cleaned (`ansi::display_head`), its
/// lines apart on the one row (`⏎`: cleaning drops line ends, which glued
/// a quoted error page's lines together), `…` after them when that cut it.
fn message_head(m: &str) -> String {
    let mut end = m.len().min(MESSAGE_HEAD);
    while !m.is_char_boundary(end) {
        end -= 1;
    }
    let lines: Vec<String> = m[..end]
        .split('\n')
        .map(|l| crate::ansi::display_text(l.as_bytes()))
        .collect();
    let head = lines.join(" ⏎ ");
    if m.len() > MESSAGE_HEAD {
        format!("{head}…")
    } else {
        head
    }
}

fn put_lines(buf: &mut Buffer, r: Rect, lines: &[Line]) {
    for (i, (t, s)) in lines.iter().take(r.height as usize).enumerate() {
        put(buf, r, i as u16, t, *s);
    }
}

/// The dump's first warning (where it broke off, what it guessed), on two
/// lines at most, and how many more `casefile goroutines` lists; after
/// the dump's `name` when it is not the one viewed.
fn warning_lines(a: &Analysis, w: usize, name: Option<&str>) -> Vec<String> {
    let Some(first) = a.dump.warnings.first() else {
        return Vec::new();
    };
    let more = match a.dump.warnings.len() - 1 {
        0 => String::new(),
        n => format!(" (+{n} more: casefile goroutines lists them)"),
    };
    // A warning quotes the dump: a huge function name is not flowed whole.
    let text: String = first.chars().take(400).collect();
    let name = name.map_or(String::new(), |n| format!("{n}: "));
    let words: Vec<String> = format!("⚠ {name}{text}{more}")
        .split(' ')
        .map(String::from)
        .collect();
    let mut lines = flow(&words, w, " ");
    lines.truncate(2);
    lines
}

/// Words joined into lines no wider than `w`.
fn flow(words: &[String], w: usize, indent: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut line = indent.to_string();
    for word in words {
        if line.len() > indent.len() && line.len() + 1 + word.len() > w {
            out.push(std::mem::replace(&mut line, indent.to_string()));
        }
        if line.len() > indent.len() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if line.len() > indent.len() {
        out.push(line);
    }
    out
}

pub fn render(app: &App, v: &GoroutineView, area: Rect, buf: &mut Buffer) {
    if area.height < 4 || area.width < 20 {
        return;
    }
    let body = Rect::new(area.x, area.y, area.width, area.height - 1);
    Clear.render(body, buf);
    let th = &app.theme;
    let name = app.panes.get(v.key.pane).map_or("?", |p| p.name.as_str());
    // A record of a log: its panic, or the goroutines it holds (a SIGQUIT
    // dump, a logged stack).
    let what = |a: Option<&Analysis>| match (v.key.record, a.and_then(|a| a.dump.panic.as_ref())) {
        (Some(r), Some(p)) => format!("{name}, the {} in record {}", p.kind, r + 1),
        (Some(r), None) if a.is_some() => format!("{name}, the dump in record {}", r + 1),
        (Some(r), None) => format!("{name}, record {}", r + 1),
        (None, _) => name.to_string(),
    };
    let Some(a) = app.dumps.ready(v.key, v.similar) else {
        let (bytes, step) = match app.dumps.slots.get(&(v.key, v.similar)) {
            Some(Slot::Pending { bytes, step, .. }) => (*bytes, *step),
            _ => (0, None),
        };
        put(buf, body, 0, &titled(&what(None)), bold());
        pending(app, buf, body, bytes, step);
        return;
    };
    let what = what(Some(a));
    let rows = group_rows(a, v);
    let w = body.width as usize;
    let mut head = vec![title_line(app, a, v, &what, &rows, w)];
    head.push(sections_line(app, a, v, w));
    if let Some(p) = &a.dump.panic {
        let who = p
            .goroutine
            .map_or(String::new(), |g| format!(" · goroutine {g} (p)"));
        head.push((
            panic_line(&p.kind.to_string(), &p.message, &who, w),
            th.level(Some(crate::level::Level::Error)),
        ));
    }
    if let Some(p) = &a.dump.part {
        head.push((dump_line(app, a, p, w), th.dim()));
    }
    head.extend(
        warning_lines(a, w, None)
            .into_iter()
            .map(|l| (l, th.warning())),
    );
    if let Some(line) = binary_line(app, v) {
        head.push(line);
    }
    if v.section == Section::Diff {
        head.extend(diff_time_lines(app, v, body.width));
        // The other dump's warning: a dump cut short shows goroutines gone.
        if let Some((old, new)) = diff_panes(app, v) {
            let other = if old == v.key.pane { new } else { old };
            if let Some(b) = app
                .dumps
                .ready(crate::tui::goroutine_view::DumpKey::pane(other), v.similar)
            {
                let lines = warning_lines(b, w, Some(&app.panes[other].name));
                head.extend(lines.into_iter().map(|l| (l, th.warning())));
            }
        }
    }
    if v.typing || !v.filter.is_empty() {
        let caret = if v.typing {
            "▏ (enter keeps it, esc clears)"
        } else {
            " (/ edits, esc clears)"
        };
        head.push((format!(" filter: {}{caret}", v.filter), th.matched()));
    }
    let hh = (head.len() as u16).min(body.height);
    put_lines(buf, Rect::new(body.x, body.y, body.width, hh), &head);
    let rest = Rect::new(body.x, body.y + hh, body.width, body.height - hh);
    if rest.height < 2 {
        return;
    }
    let list_rows = match v.section {
        Section::Groups => rows.ranked.len(),
        Section::Locks => a.locks.len(),
        Section::Diff => app
            .dumps
            .diffs
            .values()
            .map(|d| d.grown.len() + d.new.len() + d.shrunk.len() + d.gone.len())
            .max()
            .unwrap_or(0),
    };
    let shape = Shape {
        wide_from: SIDE_BY_SIDE,
        list_width: rest.width * 11 / 20,
        list_rows: list_rows as u16 + 1,
    };
    let split = list_details::split(app, buf, rest, shape);
    let (list, details) = (split.list, split.details);
    // Enough detail lines for what shows from the scroll position, and a
    // screenful more, so paging down has them (a group may hold a million).
    let want = (
        details.width as usize,
        v.list.details + 2 * details.height as usize,
    );
    match v.section {
        Section::Groups => {
            let sel = v.list.selected.min(rows.ranked.len().saturating_sub(1));
            // As wide as the widest wait range (waits of days: `5760–5764
            // min`), so every row's function stays under the header's.
            let wait_w = rows
                .ranked
                .iter()
                .map(|&k| {
                    let g = &a.groups[a.ranked[k].group];
                    wait_range(g.wait_min, g.wait_max).chars().count()
                })
                .fold(WAIT_W, usize::max);
            let lines: Vec<Line> = rows
                .ranked
                .iter()
                .map(|&k| group_row(a, k, (list.width as usize, wait_w), th))
                .collect();
            let header = format!(
                "  count  state              {:<wait_w$}  function ← created by",
                "wait"
            );
            draw_list(app, buf, list, &header, &lines, sel);
            if let Some(&k) = rows.ranked.get(sel) {
                let symbols = app.dumps.symbols(v.key, v.similar);
                let dumped = crate::tui::goroutine_view::dump_time(app, v, a);
                let (lines, unbuilt) = group_details(a, (symbols, dumped, &app.zone), k, want, th);
                draw_details(app, buf, details, &lines, v, unbuilt);
            } else {
                let why = if v.filter.is_empty() {
                    "  every group is idle standard library: a shows them"
                } else {
                    "  no group's functions match the filter"
                };
                put(buf, details, 0, why, th.dim());
            }
        }
        Section::Locks => {
            let sel = v.list.selected.min(a.locks.len().saturating_sub(1));
            // With --binary, a lock that is a package-level variable by its name.
            let symbols = app.dumps.symbols(v.key, v.similar);
            let variable =
                |l: &crate::goroutine::lock::LockGroup| symbols.and_then(|s| s.variable(l.address));
            let lines: Vec<Line> = a
                .locks
                .iter()
                .map(|l| {
                    let wait = if l.wait_max > 0 {
                        format!("  longest {} min", l.wait_max)
                    } else {
                        String::new()
                    };
                    let f = l.places().unwrap_or_else(|| "?".into());
                    let named = variable(l).map(|v| format!(" ({v})")).unwrap_or_default();
                    (
                        format!(
                            "{:>7}  {} {:#x}{named} in {f}{wait}",
                            l.count,
                            l.kind.name(),
                            l.address
                        ),
                        Style::new(),
                    )
                })
                .collect();
            draw_list(app, buf, list, "  count  blocked on", &lines, sel);
            // The selected lock, then the waits no object was found for: one
            // text, scrolled with the details' keys.
            let (mut lines, mut unbuilt) = match a.locks.get(sel) {
                Some(l) => lock_details(a, l, variable(l), want, th),
                None => (
                    vec![(
                        "  no goroutine is blocked on a mutex, waitgroup or channel the dump names"
                            .into(),
                        th.dim(),
                    )],
                    None,
                ),
            };
            if !a.unaddressed.is_empty() {
                match unbuilt.as_mut() {
                    // They follow the lock's goroutines not yet built.
                    Some(more) => more.push_str(" and the waits the dump names no object for"),
                    None => {
                        lines.push((String::new(), Style::new()));
                        lines.extend(unaddressed_lines(a, details.width as usize, th));
                    }
                }
            }
            draw_details(app, buf, details, &lines, v, unbuilt);
        }
        Section::Diff => draw_diff(app, v, list, details, buf),
    }
}

/// The details through the shared widget, scrolled as the view says.
fn draw_details(
    app: &App,
    buf: &mut Buffer,
    r: Rect,
    lines: &[Line],
    v: &GoroutineView,
    unbuilt: Option<String>,
) {
    let lines: Vec<_> = lines.iter().map(|(t, s)| text_line(t, *s)).collect();
    list_details::draw_details(app, buf, r, &lines, v.list.details, unbuilt);
}

/// What the worker is doing while the view waits: a bar and the fraction of
/// the bytes parsed, then the step after parsing.
fn pending(app: &App, buf: &mut Buffer, body: Rect, bytes: u64, step: Option<Step>) {
    let th = &app.theme;
    let spin = ['|', '/', '-', '\\'][app.tick % 4];
    let (done, doing) = match step {
        None => (0.0, format!("reading {} of goroutines", human_bytes(bytes))),
        Some(Step::Parsing { parsed, total }) => (
            parsed as f64 / total.max(1) as f64,
            format!(
                "parsing goroutines: {} of {}",
                human_bytes(parsed),
                human_bytes(total)
            ),
        ),
        Some(Step::Grouping { goroutines }) => (
            1.0,
            format!("grouping {goroutines} goroutines by stack, ranking the groups"),
        ),
    };
    let bar_w = 30;
    let full = ((done * bar_w as f64).round() as usize).min(bar_w);
    let bar = format!("{}{}", "█".repeat(full), "░".repeat(bar_w - full));
    let pct = (done * 100.0).floor() as u32;
    put(buf, body, 2, &format!(" {spin} {bar} {pct:>3}%"), th.dim());
    put(
        buf,
        body,
        3,
        &format!("   {doing} (d: back to the panes)"),
        th.dim(),
    );
}

fn bold() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

fn human_bytes(n: u64) -> String {
    match n {
        n if n >= 1 << 30 => format!("{:.1} GiB", n as f64 / f64::from(1 << 30)),
        n if n >= 1 << 20 => format!("{:.1} MiB", n as f64 / f64::from(1 << 20)),
        n if n >= 1 << 10 => format!("{:.1} KiB", n as f64 / f64::from(1 << 10)),
        n => format!("{n} bytes"),
    }
}

/// What `--binary` says about this dump: still opening, why it could not
/// be read, or the first sign it is another build than the dump's.
fn binary_line(app: &App, v: &GoroutineView) -> Option<Line> {
    use crate::tui::symbols::BinaryState;
    let th = &app.theme;
    match &app.binary {
        BinaryState::None | BinaryState::Ready(..) => {}
        BinaryState::Opening(p) => {
            return Some((format!(" --binary {}: reading…", p.display()), th.dim()));
        }
        BinaryState::Failed(_, why) => return Some((format!(" {why}"), th.warning())),
    }
    let w = app.dumps.symbols(v.key, v.similar)?.warnings.first()?;
    Some((format!(" {w}"), th.warning()))
}

/// A list with its column header; the selected row highlighted and kept in sight.
fn draw_list(app: &App, buf: &mut Buffer, r: Rect, header: &str, lines: &[Line], sel: usize) {
    let th = &app.theme;
    let header = text_line(header, th.dim().add_modifier(Modifier::UNDERLINED));
    let rows: Vec<_> = lines.iter().map(|(t, s)| text_line(t, *s)).collect();
    list_details::draw_list(app, buf, r, Some(header), &rows, Some(sel));
}

/// A group's state as its row and heading say it: a `?debug=1` profile
/// prints none, `-` (as `casefile goroutines` says it).
fn state_label<'a>(d: &'a crate::goroutine::Dump, g: &crate::goroutine::Group) -> &'a str {
    match d.name(g.state) {
        "" => "-",
        s => s,
    }
}

/// The wait column's width when no wait range is wider (`0–4 min`).
const WAIT_W: usize = 9;

/// A group's row in `w` columns, its wait range right-aligned in `wait_w`.
fn group_row(a: &Analysis, k: usize, (w, wait_w): (usize, usize), th: &Theme) -> Line {
    let r = &a.ranked[k];
    let g = &a.groups[r.group];
    let d = &a.dump;
    let state = state_label(d, g);
    let created = g.created_by.map_or(String::new(), |f| {
        format!(" ← {}", d.name(d.frame(f).function))
    });
    let mark = if r.panicking { "!" } else { " " };
    // Groups of one stack that only their labels tell apart.
    // Those that tell it from the other groups of its stack first: a row
    // cut at 80 columns still names the tenant.
    let labels = crate::goroutine::group::telling_labels(d, &a.groups, g)
        .map_or(String::new(), |l| format!("  {l}"));
    let text = format!(
        "{mark}{:>6}  {:<18} {:>wait_w$}  {}{created}{labels}",
        g.count,
        crate::tui::text::cut(state, 18),
        wait_range(g.wait_min, g.wait_max),
        headline(a, g)
    );
    let style = if r.panicking {
        th.level(Some(crate::level::Level::Error))
    } else if r.idle {
        th.dim()
    } else {
        Style::new()
    };
    (crate::tui::text::cut(&text, w), style)
}

/// A group's details: its stack, then its goroutines longest wait first, as
/// many as fill `h` lines in `w` columns; with a note of how many more there
/// are when that is not all of them.
fn group_details(
    a: &Analysis,
    (symbols, dumped, zone): (
        Option<&DumpSymbols>,
        Option<crate::goroutine::when::DumpTime>,
        &crate::index::Zone,
    ),
    k: usize,
    (w, h): (usize, usize),
    th: &Theme,
) -> (Vec<Line>, Option<String>) {
    let r = &a.ranked[k];
    let g = &a.groups[r.group];
    let d = &a.dump;
    let mut out: Vec<Line> = Vec::new();
    let wait = wait_range(g.wait_min, g.wait_max);
    let wait = if wait.is_empty() {
        wait
    } else {
        format!(", {wait}")
    };
    let who = if g.count == 1 {
        "goroutine"
    } else {
        "goroutines"
    };
    out.push((
        format!(
            " #{} {} {who} [{}{wait}]{}",
            k + 1,
            g.count,
            state_label(d, g),
            if g.locked { " locked to thread" } else { "" }
        ),
        bold(),
    ));
    if let Some(began) = crate::headless::goroutines::wait_began_text(dumped, g, zone) {
        out.push((format!(" longest wait began {began}"), th.dim()));
    }
    if r.panicking
        && let Some(p) = &d.panic
    {
        out.push((
            format!(" {}: {}", p.kind, message_head(&p.message)),
            th.level(Some(crate::level::Level::Error)),
        ));
        if let Some(s) = &p.signal {
            let hex = |v: Option<u64>| v.map_or("?".into(), |v| format!("{v:#x}"));
            out.push((
                format!(
                    " {} ({}) addr={} pc={}",
                    s.name,
                    s.description,
                    hex(s.addr),
                    hex(s.pc)
                ),
                th.dim(),
            ));
        }
        if let Some(r) = symbols.and_then(|s| s.panic_pc.as_ref()) {
            out.push((
                format!(
                    " pc {} is {}",
                    r.address,
                    crate::tui::symbols::describe_short(r)
                ),
                th.level(Some(crate::level::Level::Error)),
            ));
        }
    }
    if let Some(l) = r.may_hold.and_then(|l| a.locks.get(l)) {
        out.push((
            format!(
                " {} (Tab: locks)",
                l.may_hold_naming(symbols.and_then(|s| s.variable(l.address)))
            ),
            th.level(Some(crate::level::Level::Warn)),
        ));
    }
    let stack = &d.stacks[g.stack as usize];
    // With --binary, a profile's frames known only by address too, as
    // `casefile goroutines --binary` prints them.
    for shown in shown_frames(d, symbols, stack) {
        let (name, place) = match shown {
            Shown::Printed(f) => {
                let fr = d.frame(f);
                (
                    d.name(fr.function),
                    format!("{}:{}", d.name(fr.file), fr.line),
                )
            }
            Shown::Address(_, Some(r)) => (
                r.function.as_str(),
                format!("{}:{} (address only)", r.file, r.line),
            ),
            Shown::Address(pc, None) => ("?", format!("(address only: {pc:#x})")),
        };
        let style = if std_frame(name) {
            th.dim()
        } else {
            Style::new()
        };
        out.push((format!("   {name}  {place}"), style));
    }
    if stack.elided {
        out.push(("   ...additional frames elided...".into(), th.dim()));
    }
    if let Some(c) = g.created_by {
        out.push((format!(" created by {}", d.describe(c)), Style::new()));
    }
    if let Some(l) = g.labels {
        out.push((format!(" labels: {}", d.name(l)), Style::new()));
    }
    // No more than the lines asked for (a group may hold a million).
    let n = shown_ids((w, h), out.len());
    let members = longest_waits(d, &g.members, n);
    let timed = g.wait_min != g.wait_max;
    let ids: Vec<String> = members
        .iter()
        .map(|&m| &d.goroutines[m as usize])
        .filter(|gr| gr.id != 0)
        .map(|gr| match gr.wait_minutes {
            Some(w) if timed => format!("{} ({w}m)", gr.id),
            _ => gr.id.to_string(),
        })
        .collect();
    if ids.is_empty() {
        out.push((
            " (a ?debug=1 profile prints no goroutine ids)".into(),
            th.dim(),
        ));
        return (out, None);
    }
    let order = if timed { ", longest wait first" } else { "" };
    out.push((format!(" goroutines{order}:"), Style::new()));
    out.extend(
        flow(&ids, w.saturating_sub(1), "   ")
            .into_iter()
            .map(|l| (l, Style::new())),
    );
    (out, more_goroutines(g.members.len(), members.len()))
}

/// "12 more goroutines" when only `listed` of `all` were turned into lines.
fn more_goroutines(all: usize, listed: usize) -> Option<String> {
    (all > listed).then(|| format!("{} more goroutines", all - listed))
}

/// How many goroutine ids a details area `w`×`h` can show below `used`
/// lines (an id takes at least 4 columns).
fn shown_ids((w, h): (usize, usize), used: usize) -> usize {
    (w / 4).max(1) * h.saturating_sub(used).max(1)
}

fn std_frame(function: &str) -> bool {
    is_std_function(function)
}

/// A lock group's sentence, then its waiters longest first (as many as fill
/// `h` lines), with a note of how many more there are.
fn lock_details(
    a: &Analysis,
    l: &crate::goroutine::lock::LockGroup,
    variable: Option<&str>,
    (w, h): (usize, usize),
    th: &Theme,
) -> (Vec<Line>, Option<String>) {
    let d = &a.dump;
    let mut out: Vec<Line> = wrap(&l.sentence_naming(variable), w.saturating_sub(2))
        .into_iter()
        .map(|s| (format!(" {s}"), bold()))
        .collect();
    let members = longest_waits(d, &l.members, shown_ids((w, h), out.len()));
    let ids: Vec<String> = members
        .iter()
        .map(|&m| &d.goroutines[m as usize])
        .filter(|g| g.id != 0)
        .map(|g| match g.wait_minutes {
            Some(w) => format!("{} ({w}m)", g.id),
            None => g.id.to_string(),
        })
        .collect();
    if ids.is_empty() {
        return (out, None);
    }
    out.push((" waiting, longest first:".into(), th.dim()));
    out.extend(
        flow(&ids, w.saturating_sub(1), "   ")
            .into_iter()
            .map(|l| (l, Style::new())),
    );
    (out, more_goroutines(l.members.len(), members.len()))
}

/// The waits whose object the dump does not print, and why.
fn unaddressed_lines(a: &Analysis, w: usize, th: &Theme) -> Vec<Line> {
    let mut out: Vec<Line> = vec![(" waiting on what the dump does not name:".into(), bold())];
    out.extend(
        a.unaddressed
            .iter()
            .map(|u| (format!("   {}", u.sentence()), Style::new())),
    );
    if let Some(why) = crate::goroutine::lock::unaddressed_note(&a.unaddressed) {
        out.extend(
            wrap(&format!("({why})"), w.saturating_sub(2))
                .into_iter()
                .map(|s| (format!(" {s}"), th.dim())),
        );
    }
    out
}
