//! The goroutine view's head lines: its title, the dump's place in a file of
//! several, a panic's line, the sections' line; each fits its width, the
//! most telling parts kept.

use super::*;

/// " panic: MESSAGE · goroutine 7 (p)": where that is wider than `w`, the
/// message gives way (`…`) so that the goroutine and the key to it stay whole.
pub(super) fn panic_line(kind: &str, message: &str, who: &str, w: usize) -> String {
    let (lead, message) = (format!(" {kind}: "), message_head(message));
    let room = w.saturating_sub(width(&lead) + width(who));
    if width(&lead) + width(&message) + width(who) <= w || room < 12 {
        return format!("{lead}{message}{who}");
    }
    format!("{lead}{}{who}", crate::tui::text::cut(&message, room))
}

/// Where a dump of several begins in its file (the title says which it is)
/// and the keys to the others: "begins at line 1 · } next dump · no time of
/// its own (the file's is its last dump's)"; in a rotated set, the file and
/// its own line ("begins at app.log: line 8"). Narrower than that (80
/// columns), without the parenthesis, then without "begins at".
pub(super) fn dump_line(
    app: &App,
    a: &Analysis,
    p: &crate::goroutine::parts::PartOf,
    w: usize,
) -> String {
    let (prev, next) = (
        list_details::keys(app, "prev-dump"),
        list_details::keys(app, "next-dump"),
    );
    let keys = match (p.number > 1, p.number < p.of) {
        (true, true) => format!("{prev} {next} previous, next dump"),
        (true, false) => format!("{prev} previous dump"),
        _ => format!("{next} next dump"),
    };
    let (untimed, short_untimed) = if a.time.is_none() && p.number < p.of {
        (
            " · no time of its own (the file's is its last dump's)",
            " · no time of its own",
        )
    } else {
        ("", "")
    };
    let start = crate::headless::goroutines::dump_start(p);
    let forms = [
        format!(" begins at {start} · {keys}{untimed}"),
        format!(" begins at {start} · {keys}{short_untimed}"),
        format!(" {start} · {keys}{short_untimed}"),
    ];
    let k = forms.iter().position(|f| width(f) <= w).unwrap_or(2);
    forms[k].clone()
}

/// " goroutines · NAME", or " goroutines" of a source named so: the title
/// says it once.
pub(super) fn titled(what: &str) -> String {
    if what == "goroutines" {
        " goroutines".to_string()
    } else {
        format!(" goroutines · {what}")
    }
}

/// "goroutines · NAME · 155 in 14 groups · exact stacks · taken 2026-11-20
/// 14:35:20 (set) · …" (after NAME, "dump 1 of 2" of a file holding
/// several, and "time unknown" where that dump's time is not known), or
/// where that does not fit in `w` columns (80) the same said shorter, down
/// to "NAME · 155 in 14 groups · exact · 14:35:20 (set) · 3 idle folded: a",
/// then without where the time came from, then with the name cut (where
/// the time came from back), then also without it: the dump's time and the
/// key that shows folded groups are kept whole rather than cut.
pub(super) fn title_line(
    app: &App,
    a: &Analysis,
    v: &GoroutineView,
    what: &str,
    rows: &crate::tui::goroutine_view::Rows,
    w: usize,
) -> Line {
    let grouping = if v.similar { "similar" } else { "exact" };
    let time = crate::tui::goroutine_view::dump_time(app, v, a);
    // Of a file holding several dumps: which, and that its time is unknown.
    let (dump, short_dump, untimed) = a.dump.part.as_ref().map_or(Default::default(), |p| {
        (
            format!(" · dump {} of {}", p.number, p.of),
            format!(" · {}/{}", p.number, p.of),
            " · time unknown".to_string(),
        )
    });
    let (when, short_when, bare_when) =
        time.map_or((untimed.clone(), untimed.clone(), untimed), |t| {
            let (at, from) = (wall(app, t.time), t.origin.label());
            let clock = &at[at.len() - 8..];
            (
                format!(" · taken {at} ({from})"),
                format!(" · {clock} ({from})"),
                format!(" · {clock}"),
            )
        });
    let (folded, short_folded) = match rows.folded_groups {
        0 => (String::new(), String::new()),
        n => (
            format!(
                " · {n} idle group{} ({} goroutines) folded: a",
                if n == 1 { "" } else { "s" },
                rows.folded_goroutines
            ),
            format!(" · {n} idle folded: a"),
        ),
    };
    let (n, g) = (a.dump.total(), a.groups.len());
    let mut forms = [
        format!(
            "{}{dump} · {n} in {g} groups · {grouping} stacks{when}{folded}",
            titled(what)
        ),
        format!(" {what}{dump} · {n} in {g} groups · {grouping}{when}{short_folded}"),
        format!(" {what}{dump} · {n} in {g} groups · {grouping}{short_when}{short_folded}"),
        format!(" {what}{short_dump} · {n} in {g} groups · {grouping}{bare_when}{short_folded}"),
        // Last, a long name gives way (`…`) to the rest, then also where
        // the time came from.
        {
            let rest =
                format!("{short_dump} · {n} in {g} groups · {grouping}{short_when}{short_folded}");
            let room = w.saturating_sub(width(&rest) + 1).max(8);
            format!(" {}{rest}", crate::tui::text::cut(what, room))
        },
        {
            let rest =
                format!("{short_dump} · {n} in {g} groups · {grouping}{bare_when}{short_folded}");
            let room = w.saturating_sub(width(&rest) + 1).max(8);
            format!(" {}{rest}", crate::tui::text::cut(what, room))
        },
    ];
    let k = forms
        .iter()
        .position(|h| width(h) <= w)
        .unwrap_or(forms.len() - 1);
    (std::mem::take(&mut forms[k]), bold())
}

/// A time in the screen's display zone.
pub(super) fn wall(app: &App, t: crate::time::Nanos) -> String {
    crate::timeparse::to_wall(t, &app.zone)
        .format("%Y-%m-%d %H:%M:%S")
        .to_string()
}

/// The sections, then the keys: as many hints as fit in `w` columns, whole,
/// and the help key last.
pub(super) fn sections_line(app: &App, a: &Analysis, v: &GoroutineView, w: usize) -> Line {
    let has_diff = v.key.record.is_none() && diff_panes(app, v).is_some();
    let mark = |s: Section, label: String| {
        if v.section == s {
            format!("[{label}]")
        } else {
            format!(" {label} ")
        }
    };
    // The lock section also lists the waits the dump names no object for
    // (its details: "waiting on what the dump does not name"): say both.
    let locks = match a.unaddressed.len() {
        0 => format!("locks {}", a.locks.len()),
        n => format!("locks {} · unnamed waits {n}", a.locks.len()),
    };
    let mut s = format!(
        " {}{}",
        mark(Section::Groups, "groups".into()),
        mark(Section::Locks, locks)
    );
    if has_diff {
        s.push_str(&mark(Section::Diff, "diff".into()));
    }
    let (down, up) = (
        list_details::keys(app, "details-down"),
        list_details::keys(app, "details-up"),
    );
    let hints = [
        "tab section".to_string(),
        format!("{down}/{up} details"),
        "/ filter".into(),
        "a idle".into(),
        "x exact/similar".into(),
        "p panic".into(),
        "d raw".into(),
    ];
    let help = "? keys";
    s.push_str("  ");
    // Each hint takes " {h} ·", the help key " {help}".
    let room = w.saturating_sub(width(&s) + width(help) + 1);
    let mut used = 0;
    for h in &hints {
        if used + width(h) + 3 > room {
            break;
        }
        s.push_str(&format!(" {h} ·"));
        used += width(h) + 3;
    }
    s.push_str(&format!(" {help}"));
    (s, app.theme.dim())
}
