//! The details beside (or below) a list view's list: the goroutine view's
//! stack and members and the silence list's records scroll with `J`/`K` and
//! pages, and say how much more there is.

use super::*;
use crate::goroutine::group::longest_waits;
use crate::tui::app::Mode;
use crate::tui::goroutine_view::group_rows;

fn details_top(app: &App) -> usize {
    match &app.mode {
        Mode::Goroutines(v) => v.list.details,
        Mode::Silences { list, .. } => list.details,
        m => panic!("no details in {m:?}"),
    }
}

/// Presses `key` and draws, as the event loop does, until the screen stops
/// changing; returns every screen seen.
fn scroll_to_end(app: &mut App, key: &str) -> Vec<String> {
    let mut seen = vec![screen(app)];
    for _ in 0..500 {
        press(app, key);
        let s = screen(app);
        if Some(&s) == seen.last() {
            return seen;
        }
        seen.push(s);
    }
    panic!("{key} never reached the end")
}

/// The demo's first group (69 goroutines waiting on the hub's mutex), its
/// members' labels as the view prints them, longest wait first.
fn first_group_members(app: &App) -> Vec<String> {
    let (v, a) = (open_goroutine_view(app), shown_analysis(app));
    let k = group_rows(a, v).ranked[0];
    let g = &a.groups[a.ranked[k].group];
    longest_waits(&a.dump, &g.members, g.members.len())
        .iter()
        .map(|&m| {
            let gr = &a.dump.goroutines[m as usize];
            match gr.wait_minutes {
                Some(w) => format!("{} ({w}m)", gr.id),
                None => gr.id.to_string(),
            }
        })
        .collect()
}

#[test]
fn j_scrolls_a_groups_details_at_80x24_until_every_member_has_shown() {
    let mut app = demo_app(80, 24);
    press(&mut app, ":focus goroutines<enter>d");
    let members = first_group_members(&app);
    assert_eq!(members.len(), 69);
    // The details: below the rule under the list (which says its own more).
    let details = |s: &str| {
        s.split_once("\n─")
            .map(|(_, d)| d.to_string())
            .unwrap_or_default()
    };
    let first = screen(&app);
    assert!(details(&first).contains("↓ "), "more below, said:\n{first}");
    let last = members.last().expect("a member");
    assert!(!first.contains(last.as_str()), "{last} is below:\n{first}");
    let seen = scroll_to_end(&mut app, "J");
    let end = seen.last().expect("a screen");
    assert!(
        !details(end).contains("↓ "),
        "nothing below at the end:\n{end}"
    );
    assert!(details(end).contains("↑ "), "lines above, said:\n{end}");
    let all = seen.join("\n");
    for m in &members {
        assert!(all.contains(m.as_str()), "{m} never showed");
    }
    // The list did not move: j/k select, J/K scroll.
    match &app.mode {
        Mode::Goroutines(v) => assert_eq!(v.list.selected, 0),
        m => panic!("{m:?}"),
    }
}

#[test]
fn k_after_j_past_the_end_moves_at_once_and_another_group_starts_at_its_top() {
    let mut app = demo_app(80, 24);
    press(&mut app, ":focus goroutines<enter>d");
    scroll_to_end(&mut app, "J");
    let end = details_top(&app);
    assert!(end > 0);
    for _ in 0..20 {
        press(&mut app, "J");
    }
    assert_eq!(details_top(&app), end, "no further than the end");
    press(&mut app, "K");
    assert_eq!(details_top(&app), end - 1, "K moves at once");
    press(&mut app, "<C-u>");
    screen(&app);
    assert!(details_top(&app) < end - 1, "a page up");
    press(&mut app, "<C-d>");
    assert!(details_top(&app) > 0);
    press(&mut app, "j");
    assert_eq!(
        details_top(&app),
        0,
        "the next group's details from the top"
    );
    assert!(screen(&app).contains(" #2 "), "{}", screen(&app));
}

#[test]
fn the_lock_groups_waiters_scroll_too() {
    // Its one lock group leaves the details most of the screen: a short one.
    let mut app = demo_app(80, 16);
    press(&mut app, ":focus goroutines<enter>d<tab>");
    let first = screen(&app);
    assert!(first.contains("↓ "), "{first}");
    let seen = scroll_to_end(&mut app, "<C-d>");
    assert!(!seen.last().expect("a screen").contains("↓ "));
}

#[test]
fn the_silence_lists_details_scroll_to_the_last_nearby_record() {
    let mut app = demo_app(80, 24);
    press(&mut app, "Q");
    // The details: below the rule under the list (which says its own more).
    let details = |s: &str| {
        s.split_once("\n─")
            .map(|(_, d)| d.to_string())
            .unwrap_or_default()
    };
    let first = screen(&app);
    assert!(details(&first).contains("↓ "), "more below, said:\n{first}");
    let seen = scroll_to_end(&mut app, "J");
    let end = seen.last().expect("a screen");
    assert!(!end.contains("↓ "), "{end}");
    assert!(end.contains("↑ "), "{end}");
    // Every nearby record's time showed at some point (some are cut below at first).
    let report = app.silence_report.clone().expect("the report");
    let all = seen.join("\n");
    for n in &report.silences[0].nearby {
        let clock = crate::timeparse::to_wall(n.at, &app.zone)
            .format("%H:%M:%S%.3f")
            .to_string();
        assert!(all.contains(&clock), "{clock} never showed");
    }
    let end = details_top(&app);
    press(&mut app, "JJ");
    press(&mut app, "K");
    assert_eq!(details_top(&app), end - 1, "K moves at once");
    press(&mut app, "j");
    assert_eq!(details_top(&app), 0, "another entry's details from the top");
}

#[test]
fn help_and_the_hint_lines_name_the_details_keys() {
    let mut app = demo_app(200, 50);
    // Help lists the key table, so the bindings are what it shows.
    for (name, keys) in [
        ("goroutines-details-down", "J <S-down>"),
        ("goroutines-details-up", "K <S-up>"),
        ("silences-details-down", "J <S-down>"),
        ("silences-details-up", "K <S-up>"),
    ] {
        let b = app.keymap.by_name(name).expect("bound");
        assert_eq!(app.keymap.keys_of(b), keys);
    }
    press(&mut app, ":focus goroutines<enter>d");
    assert!(screen(&app).contains("J/K details"), "{}", screen(&app));
    press(&mut app, "dQ");
    assert!(
        screen(&app).contains("J/K: scroll details"),
        "{}",
        screen(&app)
    );
}

#[test]
fn goroutine_details_scrolled_80x24() {
    let mut app = demo_app(80, 24);
    press(&mut app, ":focus goroutines<enter>d");
    screen(&app);
    press(&mut app, "JJJ");
    insta::assert_snapshot!(snapshot(&app));
}

#[test]
fn silence_details_scrolled_80x24() {
    let mut app = demo_app(80, 24);
    press(&mut app, "Q");
    screen(&app);
    press(&mut app, "<C-d>");
    insta::assert_snapshot!(snapshot(&app));
}

#[test]
fn silence_details_200x50() {
    let mut app = demo_app(200, 50);
    press(&mut app, "Q");
    insta::assert_snapshot!(snapshot(&app));
}
