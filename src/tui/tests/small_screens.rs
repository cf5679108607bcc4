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
