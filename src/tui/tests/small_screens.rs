//! Every view drawn on terminals too small for it: a tmux split or a phone's
//! SSH client must get a cramped screen, never a panic that ends the session.

use std::panic::{AssertUnwindSafe, catch_unwind};

use super::*;

/// The keys that open each view from the panes (on the demo incident).
const VIEWS: &[(&str, &str)] = &[
    ("panes", ""),
    ("merged", "M"),
    ("zoomed", "z"),
    ("help", "?"),
    ("palette", "<C-p>"),
    ("command line", ":goto"),
    ("search", "/GPU"),
    ("silence list", "Q"),
    ("pattern view", "p"),
    ("patterns of all", "pa"),
    ("notes list", "'"),
    ("note editor", "a"),
    ("messages", "!"),
    ("goroutine view", "<tab>d"),
    ("goroutine locks", "<tab>d<tab>"),
];

const WIDTHS: &[u16] = &[1, 2, 5, 10, 20, 25, 30, 39, 40, 50, 60, 79];
const HEIGHTS: &[u16] = &[1, 2, 3, 5, 7, 8, 9, 10, 11, 12, 15, 24];

#[test]
fn every_view_draws_on_any_small_screen() {
    let mut failed = vec![];
    for (view, keys) in VIEWS {
        let mut app = demo_app(100, 30);
        press(&mut app, keys);
        for &w in WIDTHS {
            for &h in HEIGHTS {
                update(&mut app, Msg::Resize(w, h));
                if catch_unwind(AssertUnwindSafe(|| screen(&app))).is_err() {
                    failed.push(format!("{view} at {w}x{h}"));
                }
            }
        }
    }
    assert!(failed.is_empty(), "panicked drawing: {}", failed.join(", "));
}

/// Under ten rows the note editor's box does not fit; it had the keyboard
/// and showed nothing, so what was typed went nowhere visible. It now shows
/// over the top rows: what it is, how to save or close, the line at the
/// cursor and then the tags.
#[test]
fn the_note_editor_shows_on_a_screen_under_ten_rows_80x8() {
    let mut app = demo_app(80, 8);
    press(&mut app, "t14:31:07<enter>:focus kern<enter>a");
    press(&mut app, "GPU hang<enter>then the client stops");
    assert!(matches!(app.mode, crate::tui::app::Mode::NoteEditor(_)));
    let s = screen(&app);
    assert!(s.contains("› then the client stops"), "{s}");
    insta::assert_snapshot!(snapshot(&app));
    press(&mut app, "<tab>cause");
    insta::assert_snapshot!("note_editor_tags_80x8", snapshot(&app));
    let mut small = demo_app(80, 2);
    press(&mut small, "a");
    press(&mut small, "typed");
    let s = screen(&small);
    assert!(s.contains("› typed"), "{s}");
}

/// A pane too narrow for its title gives up the day first (the status line
/// says it), then ends its name in `…`: side by side at 80 columns (`L`) the
/// titles read `backend  2026-1`, `goroutines  20`, a date cut mid-way.
#[test]
fn a_narrow_panes_title_drops_the_day_rather_than_cut_it() {
    let mut app = demo_app(80, 24);
    press(&mut app, "L");
    let s = screen(&app);
    let titles = s
        .lines()
        .find(|l| l.contains("backend") && l.contains('│'))
        .unwrap_or_else(|| panic!("the titles side by side:\n{s}"));
    for t in titles.split('│') {
        let t = t.trim();
        assert!(
            !t.contains("2026") || t.contains("2026-11-20"),
            "a cut day in {t:?}:\n{s}"
        );
    }
    assert!(titles.contains("backend"), "{titles}");
}
