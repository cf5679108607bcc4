//! The pattern view's columns: what each sort orders by and how its header
//! marks it, the cursor's mark beside the range labels, and a cut list's
//! markers.

use super::patterns::{demo_patterns, listed, view};
use super::*;
use crate::tui::pattern_list::Sort;

/// The pattern view's column header (`count … template`) at `w`×24 with
/// the cursor moved to `at`.
fn count_header(w: u16, at: &str) -> String {
    let mut app = demo_patterns(w, 24);
    press(&mut app, &format!("pt{at}<enter>p"));
    let s = screen(&app);
    s.lines()
        .find(|l| l.trim_start().starts_with("count"))
        .unwrap_or_else(|| panic!("the header:\n{s}"))
        .to_string()
}

/// The demo at 120×40, the cursor at 13:59, kiosk-client's templates by
/// what changed (it began logging at 13:58: nothing in the window before).
fn kiosk_client_by_what_changed() -> App {
    let mut app = demo_app(120, 40);
    press(
        &mut app,
        ":goto 13:59<enter>:patterns kiosk-client<enter>ss",
    );
    assert_eq!(view(&app).sort, Sort::Changed);
    app
}

/// What changed around 13:59, before which the kiosk client logged nothing:
/// no score column of counts + 1, the header says why, rows go by count.
#[test]
fn what_changed_with_nothing_before_ranks_by_count_and_says_so() {
    let app = kiosk_client_by_what_changed();
    let rows = listed(&app);
    assert!(rows.iter().all(|r| r.change.score.is_none()));
    assert!(
        rows.windows(2)
            .all(|w| w[0].change.within >= w[1].change.within),
        "by count within"
    );
    let s = screen(&app);
    assert!(
        s.starts_with(
            "patterns: kiosk-client (4/5) · 37 templates · what changed ±5m around 13:59:00 · no before window: by count within it"
        ),
        "{s}"
    );
    let frame = s
        .lines()
        .find(|l| l.contains("frame <*> presented"))
        .expect("listed");
    // Its count, its count within the window (what the rows go by), no rate.
    assert!(frame.starts_with("   4752    714      – "), "{s}");
}

/// The cursor's mark on the density header never stands on a time label:
/// near the end it hid the end time's first digit (`13:58   ▾4:49`), near
/// the start the start's. A label it would stand on is left out.
#[test]
fn the_cursor_mark_hides_no_digit_of_the_range_labels() {
    for at in ["13:58:30", "14:30", "14:47:30", "14:49:50"] {
        let header = count_header(80, at);
        assert!(header.contains('▾'), "{header}");
        // Every run of digits and colons is a whole HH:MM.
        let runs: Vec<&str> = header
            .split(|c: char| !(c.is_ascii_digit() || c == ':'))
            .filter(|r| !r.is_empty())
            .collect();
        assert!(runs.iter().all(|r| r.len() == 5), "at {at}: {header:?}");
    }
}

/// With the cursor at either end of the range (the screen opens at its
/// start), that end's time moved beside the mark rather than left out: the
/// header read `count ▾     14:49`, no start time.
#[test]
fn the_range_labels_stay_beside_the_cursor_mark() {
    for (w, at) in [
        (80, "13:58:01.402"),
        (200, "13:58:01.402"),
        (80, "14:49:50"),
        (200, "14:49:59"),
    ] {
        let header = count_header(w, at);
        assert!(header.contains('▾'), "{header}");
        for label in ["13:58", "14:49"] {
            assert!(header.contains(label), "{w} at {at}: {label} in {header:?}");
        }
    }
}

/// The column header marks the column the list is sorted by with `↓`
/// (`▾` is the cursor's column on the density line): `count↓`, `×rate↓`,
/// and for first appearance, which no column shows, the template's title
/// says it. Before, it read `count ▾13:58` in every order with the cursor
/// at the range's start: the cursor's mark read as count's sort marker.
#[test]
fn the_column_header_marks_the_order_of_each_sort() {
    let mut app = demo_patterns(120, 40);
    press(&mut app, "pt13:58:01.402<enter>p");
    let header = |app: &App| {
        let s = screen(app);
        s.lines()
            .find(|l| l.trim_start().starts_with("count"))
            .unwrap_or_else(|| panic!("the header:\n{s}"))
            .to_string()
    };
    assert_eq!(view(&app).sort, Sort::Count);
    let h = header(&app);
    assert!(h.starts_with(" count↓│▾13:58"), "{h:?}");
    assert!(h.trim_end().ends_with(" template"), "{h:?}");

    press(&mut app, "s");
    assert_eq!(view(&app).sort, Sort::First);
    let h = header(&app);
    // The cursor's mark stands past the column names' end (`│`): it read
    // 'count ▾13:58', count's sort marker to the eye, in the order by first appearance.
    assert!(h.starts_with("  count│▾13:58"), "{h:?}");
    assert!(
        h.trim_end().ends_with(" template ↓ first appearance"),
        "{h:?}"
    );

    press(&mut app, "s");
    assert_eq!(view(&app).sort, Sort::Changed);
    let h = header(&app);
    // At the start of the client's log nothing has a rate: the count
    // within the window is what the rows go by.
    assert!(h.starts_with("  count   ±5m↓  ×rate│▾13:58"), "{h:?}");
    assert!(h.trim_end().ends_with(" template"), "{h:?}");
}

/// The numbers in the column the header marks `↓`, row by row: each ends
/// under the `↓` (the columns are right-aligned, the marker their last character).
fn marked_column(s: &str) -> Vec<String> {
    let lines: Vec<&str> = s.lines().collect();
    let head = lines
        .iter()
        .position(|l| l.trim_start().starts_with("count"))
        .unwrap_or_else(|| panic!("the header:\n{s}"));
    let chars: Vec<char> = lines[head].chars().collect();
    let end = chars
        .iter()
        .position(|&c| c == '↓')
        .unwrap_or_else(|| panic!("no ↓ in {:?}", lines[head]));
    // The last line is the status line; `↓ 3 more` says the list goes on.
    lines[head + 1..lines.len() - 1]
        .iter()
        .take_while(|l| !l.starts_with(['↑', '↓']))
        .map(|l| l.chars().collect::<Vec<char>>())
        .take_while(|l| l.len() > end && l[end] != ' ')
        .map(|l| {
            let start = l[..end]
                .iter()
                .rposition(|&c| c == ' ')
                .map_or(0, |k| k + 1);
            l[start..=end].iter().collect()
        })
        .collect()
}

/// What changed at 13:59, before which the kiosk client logged nothing: the
/// rows go by their count within the window, and that is the column the
/// header marks and the rows show (it showed the total count, unmarked,
/// and '–' under the marked ×rate: the order read as random).
#[test]
fn what_changed_without_a_before_window_sorts_by_the_column_it_shows() {
    let app = kiosk_client_by_what_changed();
    let s = screen(&app);
    let shown: Vec<u64> = marked_column(&s)
        .iter()
        .map(|n| {
            n.parse()
                .unwrap_or_else(|_| panic!("{n:?} in the marked column:\n{s}"))
        })
        .collect();
    let within: Vec<u64> = listed(&app).iter().map(|r| r.change.within).collect();
    assert!(shown.len() > 10, "{s}");
    assert_eq!(shown, within[..shown.len()], "{s}");
    assert!(shown.windows(2).all(|w| w[0] >= w[1]), "{s}");
}

/// By count the marked column is the count, in order.
#[test]
fn by_count_the_marked_column_is_the_count_in_order() {
    let app = demo_patterns(120, 40);
    let s = screen(&app);
    let shown: Vec<u64> = marked_column(&s)
        .iter()
        .map(|n| n.parse().unwrap_or_else(|_| panic!("{n:?} in:\n{s}")))
        .collect();
    assert!(
        shown.len() > 10 && shown.windows(2).all(|w| w[0] >= w[1]),
        "{s}"
    );
}

#[test]
fn the_pattern_list_says_how_many_templates_are_below_and_above_80x24() {
    let mut app = demo_patterns(80, 24);
    let list = |app: &App| -> Vec<String> {
        let s = screen(app);
        let rows: Vec<String> = s
            .lines()
            .skip(3)
            .take(20)
            .map(|l| l.trim_end().to_string())
            .collect();
        rows
    };
    // 37 templates, 20 rows: 19 templates and what is below.
    let rows = list(&app);
    assert_eq!(rows[19], "↓ 18 more", "{rows:#?}");
    // The last, cut in its row, shows whole below the list, two rows shorter.
    press(&mut app, &"j".repeat(36));
    let rows = list(&app);
    assert_eq!(rows[0], "↑ 20 more", "{rows:#?}");
    assert_eq!(
        rows[19],
        " previous run ended without a shutdown marker; sending crash report"
    );
    assert!(rows.iter().all(|r| !r.starts_with('↓')), "{rows:#?}");
}

/// At 80 columns every source's templates by what changed leave the template
/// some 25 columns: kern's two `[drm] *ERROR*` rows read alike. The selected
/// one, cut in its row, shows whole below the list, so what changed can be
/// read without filtering to it.
#[test]
fn the_selected_template_cut_in_its_row_shows_whole_below_the_list() {
    let mut app = demo_patterns(80, 24);
    press(&mut app, "ass");
    assert_eq!(view(&app).sort, Sort::Changed);
    let rows = listed(&app);
    let at = rows
        .iter()
        .position(|r| crate::tui::pattern_list::text(&app, r).contains("GPU HANG"))
        .expect("kern's GPU HANG template");
    let whole = crate::tui::pattern_list::text(&app, &rows[at]).to_string();
    press(&mut app, &"j".repeat(at));
    let s = screen(&app);
    let joined: String = s.lines().map(str::trim).collect::<Vec<_>>().join(" ");
    assert!(joined.contains(&whole), "{whole:?} whole on:\n{s}");
    // The rows stay as they were, the list a few rows shorter.
    assert!(s.contains("kern         i<*> <*>: [drm] *ERROR*…"), "{s}");
    assert!(s.lines().all(|l| l.chars().count() <= 80));

    // A template that fits its row adds nothing.
    let app = demo_patterns(80, 24);
    let first = crate::tui::pattern_list::text(&app, &listed(&app)[0]).to_string();
    assert!(first.chars().count() < 40, "{first}");
    let s = screen(&app);
    assert_eq!(s.matches(first.as_str()).count(), 1, "{s}");
    assert!(!s.contains("────"), "{s}");
}
