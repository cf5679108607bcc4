//! The demo incident on the screens the issue names: 80×24 and 200×50.

use super::*;
use crate::tui::layout;

/// The demo with the cursor on the kernel's GPU hang (its first error after
/// 14:31:06), kern focused.
fn at_the_hang(w: u16, h: u16) -> App {
    let mut app = demo_app(w, h);
    press(&mut app, "t14:31:06<enter>:focus kern<enter>e");
    app
}

#[test]
fn demo_80x24_gives_the_focused_pane_room_and_every_pane_its_cursor_row() {
    let app = at_the_hang(80, 24);
    let a = layout::screen(&app);
    let focused = a
        .panes
        .iter()
        .find(|(p, _)| *p == 2)
        .expect("kern's pane")
        .1;
    assert!(focused.height >= 9, "title and 8 records: {focused:?}");
    for (p, r) in &a.panes {
        assert!(
            r.height >= 2,
            "pane {p} shows its title and cursor row: {r:?}"
        );
    }
    let s = screen(&app);
    // Eight records besides the cursor record's wrapped line.
    let records = s
        .lines()
        .skip(focused.y as usize + 1)
        .take(focused.height as usize - 1)
        .filter(|l| l.starts_with(" 14:") || l.starts_with(" 13:"))
        .count();
    assert!(records >= 8, "{records} records in kern's pane:\n{s}");
    // The cursor record's text is there in full, wrapped.
    assert!(s.contains("GPU HANG: ecode 9:1:85dffffb"), "{s}");
    assert!(s.contains("in kiosk-client [2211]"), "{s}");
    insta::assert_snapshot!(snapshot(&app));
}

#[test]
fn demo_200x50_tiles_the_panes() {
    let app = at_the_hang(200, 50);
    let a = layout::screen(&app);
    assert!(a.tiled(), "{a:?}");
    for (p, r) in &a.panes {
        assert!(r.width >= layout::MIN_PANE_WIDTH, "pane {p}: {r:?}");
    }
    insta::assert_snapshot!(snapshot(&app));
}

#[test]
fn l_switches_between_tiled_and_stacked() {
    let mut app = at_the_hang(200, 50);
    press(&mut app, "L");
    assert!(!layout::screen(&app).tiled(), "stacked");
    press(&mut app, "L");
    assert!(layout::screen(&app).tiled(), "back to the grid");
    let mut narrow = at_the_hang(80, 24);
    assert!(!layout::screen(&narrow).tiled());
    press(&mut narrow, "L");
    assert!(layout::screen(&narrow).tiled(), "forced side by side");
}

/// Before most sources' first records, a two-row pane shows its cursor row,
/// not the lines around it (a date line, a silence separator).
#[test]
fn short_panes_show_their_cursor_row_before_notes() {
    let mut app = demo_app(80, 24);
    press(&mut app, "t13:50<enter>");
    let s = screen(&app);
    let a = layout::screen(&app);
    for (p, r) in a.panes.iter().filter(|(p, _)| *p != app.focus) {
        if !app.panes[*p].timed() {
            continue;
        }
        let row = s.lines().nth(r.y as usize + 1).unwrap_or_default();
        assert!(
            row.get(1..4)
                .is_some_and(|t| t.ends_with(':') && t[..2].bytes().all(|b| b.is_ascii_digit())),
            "pane {p}'s second row is its cursor record: {row}\n{s}"
        );
    }
}

/// `g` and `G` go to the earliest and latest record of any source, as in a
/// pager: in the demo, the kernel's boot a day before the others begin, not
/// 13:58:01 where every source has begun; whichever pane has the focus.
#[test]
fn g_and_g_go_to_the_earliest_and_latest_record_of_any_source() {
    let boot = crate::time::civil_to_nanos(2026, 11, 19, 14, 30, 55, 0).expect("valid");
    for focus in ["backend", "kiosk-client"] {
        let mut app = demo_app(80, 24);
        press(&mut app, &format!(":focus {focus}<enter>g"));
        assert_eq!(app.cursor, boot, "g with {focus} focused");
        assert_eq!(record_at_cursor(&app, 2), 0, "kern's first record");
        press(&mut app, "G");
        assert_eq!(
            app.cursor,
            demo_at(14, 49, 59, 904),
            "G with {focus} focused"
        );
        assert_eq!(
            record_at_cursor(&app, 3) + 1,
            app.source(3).expect("kiosk-client").index.len(),
            "kiosk-client's last record"
        );
    }
    let mut app = demo_app(80, 24);
    press(&mut app, "Mg");
    assert_eq!(app.cursor, boot, "g in the merged view");
}

/// The overview's axis row at the column where `t` falls, `n` characters.
fn axis_at(app: &App, t: i64, n: usize) -> String {
    let cols = layout::overview_columns(app, app.size.0);
    let scale = layout::overview_scale(app, cols).expect("a range");
    let c = scale.column_of(t).expect("t in the range");
    let x0 = layout::overview_label_width(app);
    let s = screen(app);
    let axis = s.lines().next().expect("the axis");
    axis.chars().skip(x0 + c).take(n).collect()
}

/// Zoomed out over both of the demo's days (the kernel's and supervisord's
/// logs begin the day before), the overview's axis dates the day where its
/// range crosses midnight in the zone times are shown in; the incident's
/// own hour, within one day, has no date on its axis.
#[test]
fn overview_dates_the_day_where_its_range_crosses_midnight() {
    let mut app = demo_app(80, 24);
    let axis = screen(&app).lines().next().expect("axis").to_string();
    assert!(!axis.contains("11-"), "one day, no date: {axis}");
    press(&mut app, "------");
    let axis = screen(&app).lines().next().expect("axis").to_string();
    assert!(axis.starts_with("  14:30:55 "), "the kernel's boot: {axis}");
    assert_eq!(
        axis_at(&app, demo_at(0, 0, 0, 0), 10),
        "2026-11-20",
        "{axis}"
    );
    // In Tokyo the day begins at 15:00 UTC, near the start of the range.
    press(&mut app, ":zone Asia/Tokyo<enter>");
    let tokyo = crate::time::civil_to_nanos(2026, 11, 19, 15, 0, 0, 0).expect("valid");
    let axis = screen(&app).lines().next().expect("axis").to_string();
    assert_eq!(axis_at(&app, tokyo, 10), "2026-11-20", "{axis}");
    assert!(!axis.contains("2026-11-21"), "{axis}");
}

/// With the goroutine dump's pane focused (it has no timestamps), `g` and `G`
/// went to its first and last goroutine only and left the cursor where every
/// source has begun (13:58:01); they now go to the earliest and latest record
/// of any source as well, the dump's pane to its top and bottom.
#[test]
fn g_and_g_in_a_pane_without_timestamps_go_to_the_ends_of_the_logs_too() {
    let boot = crate::time::civil_to_nanos(2026, 11, 19, 14, 30, 55, 0).expect("valid");
    let mut app = demo_app(80, 24);
    assert!(!app.panes[1].timed(), "the dump has no time here");
    press(&mut app, ":focus goroutines<enter>G");
    assert_eq!(app.cursor, demo_at(14, 49, 59, 904), "G");
    let dump = app.source(1).expect("the dump").index.len();
    assert_eq!(
        record_at_cursor(&app, 1) + 1,
        dump,
        "the dump's last goroutine"
    );
    assert_eq!(app.focus, 1, "the dump's pane keeps the focus");
    press(&mut app, "g");
    assert_eq!(app.cursor, boot, "g");
    assert_eq!(record_at_cursor(&app, 1), 0, "the dump's first goroutine");
    assert_eq!(record_at_cursor(&app, 2), 0, "kern's first record");
    assert_eq!(app.focus, 1);
}

/// `L` at 80 columns with the demo's five panes: one row gave each pane ~15
/// columns, a time and no record text. Side by side keeps every pane wide
/// enough to read (a grid of two columns here), and the status line says
/// why they are not all in one row.
#[test]
fn side_by_side_at_80x24_keeps_every_pane_readable() {
    let mut app = at_the_hang(80, 24);
    press(&mut app, "L");
    let a = layout::screen(&app);
    assert!(a.tiled(), "side by side: {a:?}");
    for (p, r) in &a.panes {
        assert!(r.width >= 30, "pane {p} too narrow to read: {r:?}");
        assert!(r.height >= 3, "pane {p}: a title and two records: {r:?}");
    }
    let s = screen(&app);
    // Records' text beside their times, in panes of either column.
    for text in [
        "INF http request",
        "INF [render] frame",
        "ER? kiosk-07 kernel",
    ] {
        assert!(s.contains(text), "{text}:\n{s}");
    }
    let status = s.lines().last().unwrap_or_default();
    assert!(status.contains("2 columns"), "{status}");
    insta::assert_snapshot!(snapshot(&app));
    // Too narrow for two: stacked, and said.
    let mut narrow = at_the_hang(60, 24);
    press(&mut narrow, "L");
    assert!(!layout::screen(&narrow).tiled());
    let s = screen(&narrow);
    let status = s.lines().last().unwrap_or_default();
    assert!(status.contains("stacked"), "{status}");
}

/// After `L`, a resize that changes how the forced layout is drawn says so,
/// as `L` does; one that changes nothing stays quiet.
#[test]
fn a_resize_that_changes_the_side_by_side_layout_says_so() {
    let mut app = at_the_hang(200, 50);
    // At 200 columns `L` stacks; from 80 it asks for side by side.
    update(&mut app, Msg::Resize(80, 24));
    press(&mut app, "L");
    assert!(message(&app).contains("2 columns"), "{}", message(&app));
    // Wider: every pane in one row, said.
    update(&mut app, Msg::Resize(200, 50));
    let a = layout::screen(&app);
    assert_eq!(
        a.panes
            .iter()
            .filter(|(_, r)| r.y == a.panes[0].1.y)
            .count(),
        5
    );
    assert!(message(&app).contains("in one row"), "{}", message(&app));
    // Taller only: nothing changes, nothing new is said.
    let said = app.messages.len();
    update(&mut app, Msg::Resize(200, 60));
    assert_eq!(app.messages.len(), said, "{:?}", app.messages.last());
    // Back to 80x24: two columns again, in L's words.
    update(&mut app, Msg::Resize(80, 24));
    assert_eq!(
        message(&app),
        "side by side in 2 columns: 5 panes need 164 in a row"
    );
    insta::assert_snapshot!(snapshot(&app));
    // Narrower still: stacked, said.
    update(&mut app, Msg::Resize(60, 24));
    assert!(
        message(&app).starts_with("stacked: too narrow"),
        "{}",
        message(&app)
    );
    // Without L (automatic layout) a resize says nothing.
    let mut auto = at_the_hang(200, 50);
    let said = auto.messages.len();
    update(&mut auto, Msg::Resize(80, 24));
    assert_eq!(auto.messages.len(), said);
}

/// Every `L` says which layout is now in use: switching to stacked or back
/// to the automatic layout said nothing, only side by side was announced.
#[test]
fn l_says_which_layout_is_now_in_use() {
    let mut app = at_the_hang(200, 50);
    assert!(layout::screen(&app).tiled());
    app.message = None;
    press(&mut app, "L");
    assert!(!layout::screen(&app).tiled());
    assert!(message(&app).starts_with("stacked"), "{}", message(&app));
    app.message = None;
    press(&mut app, "L");
    assert!(layout::screen(&app).tiled());
    assert!(
        message(&app).starts_with("automatic layout"),
        "{}",
        message(&app)
    );
    let s = screen(&app);
    let status = s.lines().last().unwrap_or_default();
    assert!(status.contains("automatic layout"), "{status}");
    // Merged, the layout is for when the merged view closes.
    press(&mut app, "M");
    app.message = None;
    press(&mut app, "L");
    assert_eq!(message(&app), "stacked layout, once the merged view closes");
    // One pane: nothing to lay out.
    let mut one = loaded(vec![spec("api")], 200, 50, false);
    one.message = None;
    let before = one.layout;
    press(&mut one, "L");
    assert_eq!(message(&one), "one pane: no layout to switch");
    // ...and the layout a case keeps for its panes stays as it was.
    assert_eq!(one.layout, before);
}
