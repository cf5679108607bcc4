//! The goroutine view: keys, screens and a dump's place in time.

use super::*;
use crate::tui::app::Mode;
use crate::tui::goroutine_view::{DumpKey, GoroutineView, Section, group_rows};

/// The demo with the goroutine dump's pane focused and its view open.
fn demo_view(w: u16, h: u16) -> App {
    let mut app = demo_app(w, h);
    press(&mut app, ":focus goroutines<enter>d");
    app
}

fn view(app: &App) -> &GoroutineView {
    match &app.mode {
        Mode::Goroutines(v) => v,
        m => panic!("not in the goroutine view: {m:?}"),
    }
}

/// The headline of the selected group's row (function ← creator).
fn selected_headline(app: &App) -> String {
    let v = view(app);
    let a = app.dumps.ready(v.key, v.similar).expect("analysed");
    let rows = group_rows(a, v);
    let k = rows.ranked[v.list.selected.min(rows.ranked.len() - 1)];
    let g = &a.groups[a.ranked[k].group];
    crate::tui::goroutine_view::headline(a, g)
}

fn corpus_app(name: &str, file: &str, w: u16, h: u16) -> App {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/go")
        .join(file);
    let spec = SourceSpec {
        name: name.into(),
        input: Input::Files(vec![path]),
        settings: Settings::default(),
    };
    loaded(vec![spec], w, h, true)
}

#[test]
fn d_opens_the_dump_pane_as_ranked_groups_and_d_goes_back_to_the_raw_pane() {
    let mut app = demo_app(80, 24);
    press(&mut app, ":focus goroutines<enter>");
    assert_eq!(
        app.mode,
        Mode::Normal,
        "with logs open the panes come first"
    );
    press(&mut app, "d");
    let v = view(&app);
    assert_eq!(
        v.key,
        DumpKey {
            pane: 1,
            record: None
        }
    );
    let a = app
        .dumps
        .ready(v.key, false)
        .expect("the worker analysed it");
    assert_eq!(a.dump.total(), 155);
    // The most suspicious group: 69 apiHandlers waiting on the hub's mutex.
    let top = &a.groups[a.ranked[0].group];
    assert_eq!((top.count, a.dump.name(top.state)), (69, "semacquire"));
    assert_eq!(selected_headline(&app), "main.(*Hub).Push");
    let s = screen(&app);
    assert!(s.contains("155 in 14 groups"), "{s}");
    assert!(
        s.contains("main.(*Hub).Push  kioskco.example/pushsvc/main.go:70"),
        "the stack with files and lines:\n{s}"
    );
    press(&mut app, "d");
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.focus, 1);
    press(&mut app, "dq");
    assert_eq!(app.mode, Mode::Normal, "q closes the view, not casefile");
    assert!(!app.quit);
}

#[test]
fn j_and_k_select_groups_and_the_members_come_longest_wait_first() {
    let mut app = demo_view(200, 50);
    press(&mut app, "j");
    assert_eq!(view(&app).list.selected, 1);
    assert_eq!(selected_headline(&app), "main.(*Hub).Push");
    let s = screen(&app);
    assert!(
        s.contains("main.deliveryWorker  kioskco.example/pushsvc/main.go:181"),
        "{s}"
    );
    assert!(
        s.contains("89 (4m) 90 (4m) 91 (3m)"),
        "members by wait:\n{s}"
    );
    press(&mut app, "jk");
    assert_eq!(view(&app).list.selected, 1);
}

#[test]
fn tab_shows_the_lock_groups_with_their_waiters() {
    let mut app = demo_view(200, 50);
    press(&mut app, "<tab>");
    assert_eq!(view(&app).section, Section::Locks);
    let s = screen(&app);
    assert!(
        s.contains(
            "77 goroutines wait on mutex 0xc00009a078 in main.(*Hub).Push; the longest for 4"
        ),
        "{s}"
    );
    assert!(s.contains("75 (4m) 89 (4m)"), "{s}");
    press(&mut app, "<S-tab>");
    assert_eq!(view(&app).section, Section::Groups);
}

#[test]
fn slash_filters_groups_by_function_fuzzily_and_esc_clears_it() {
    let mut app = demo_view(80, 24);
    press(&mut app, "/hubpush");
    assert!(view(&app).typing);
    let v = view(&app);
    let a = app.dumps.ready(v.key, false).expect("analysed");
    let rows = group_rows(a, v);
    // The two Hub.Push groups; keys typed into the filter do not move the list.
    assert_eq!(rows.ranked.len(), 2, "{rows:?}");
    press(&mut app, "<enter>");
    assert!(!view(&app).typing);
    assert_eq!(view(&app).filter, "hubpush");
    press(&mut app, "j");
    assert_eq!(view(&app).list.selected, 1, "after enter, j moves again");
    press(&mut app, "/<esc>");
    assert_eq!(view(&app).filter, "");
    assert!(
        matches!(app.mode, Mode::Goroutines(_)),
        "esc leaves the filter, not the view"
    );
}

#[test]
fn x_regroups_by_similar_stacks_in_a_worker() {
    let mut app = demo_view(80, 24);
    let exact = app
        .dumps
        .ready(view(&app).key, false)
        .expect("exact")
        .groups
        .len();
    press(&mut app, "x");
    assert!(view(&app).similar);
    let similar = app
        .dumps
        .ready(view(&app).key, true)
        .expect("similar analysed");
    assert_eq!(similar.similarity, crate::goroutine::Similarity::Similar);
    // Similar grouping only merges groups (the demo's differ in functions).
    assert!(
        similar.groups.len() <= exact,
        "{} > {exact}",
        similar.groups.len()
    );
    assert!(screen(&app).contains("similar stacks"));
    press(&mut app, "x");
    assert!(!view(&app).similar);
}

#[test]
fn d_on_a_go_panic_in_a_log_opens_that_record_as_a_dump_and_p_selects_the_panicking_goroutine() {
    let mut app = corpus_app("panicdemo", "panic-index-out-of-range.log", 80, 24);
    press(&mut app, "d");
    assert_eq!(app.mode, Mode::Normal, "the first record is not a panic");
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.0.contains("not a Go panic"))
    );
    press(&mut app, "e");
    press(&mut app, "d");
    let v = view(&app).clone();
    assert!(v.key.record.is_some(), "{v:?}");
    let a = app.dumps.ready(v.key, false).expect("analysed");
    let p = a.dump.panic.as_ref().expect("the panic");
    assert_eq!(
        p.message,
        "runtime error: index out of range [3] with length 3"
    );
    assert!(
        a.ranked[0].panicking,
        "the panicking goroutine's group comes first"
    );
    press(&mut app, "j");
    assert_eq!(view(&app).list.selected, 1);
    press(&mut app, "p");
    assert_eq!(view(&app).list.selected, 0);
    let s = screen(&app);
    assert!(s.contains("main.main.func1"), "{s}");
    assert!(
        s.contains("panic: runtime error: index out of range"),
        "{s}"
    );
}
