//! `?` in the list views: the status line offers `? help` in every view (the
//! goroutine view's header `? keys`), so the key opens the help there too, at
//! that view's keys, and closing it goes back to the view as it was.

use super::*;
use crate::tui::app::Mode;

/// The first screen line of the help as opened now.
fn help_top(app: &App) -> String {
    screen(app).lines().next().unwrap_or_default().to_string()
}

#[test]
fn help_opens_from_each_view_at_its_keys_and_closes_back_to_it() {
    let mut app = demo_app(80, 24);
    // (keys that open the view, its heading in the help, a check that the
    // view is back as it was)
    press(&mut app, ":focus goroutines<enter>dj");
    assert_eq!(open_goroutine_view(&app).list.selected, 1);
    press(&mut app, "?");
    assert!(matches!(app.mode, Mode::Help(_)), "{:?}", app.mode);
    assert_eq!(help_top(&app).trim(), "goroutines mode", "{}", screen(&app));
    press(&mut app, "j?");
    assert_eq!(
        open_goroutine_view(&app).list.selected,
        1,
        "back in the view, on the same group"
    );
    press(&mut app, "q");
    assert_eq!(app.mode, Mode::Normal);

    press(&mut app, "Q?");
    assert_eq!(help_top(&app).trim(), "silences mode", "{}", screen(&app));
    press(&mut app, "<esc>");
    assert!(matches!(app.mode, Mode::Silences { .. }), "{:?}", app.mode);
    press(&mut app, "q");

    press(&mut app, "p?");
    assert_eq!(help_top(&app).trim(), "patterns mode", "{}", screen(&app));
    press(&mut app, "q");
    assert!(matches!(app.mode, Mode::Patterns(_)), "{:?}", app.mode);
    press(&mut app, "p");

    press(&mut app, "'?");
    assert_eq!(help_top(&app).trim(), "notes mode", "{}", screen(&app));
    press(&mut app, "?");
    assert!(matches!(app.mode, Mode::Notes(_)), "{:?}", app.mode);
    press(&mut app, "'");

    // From the panes, help starts at the top and closes to the panes.
    press(&mut app, "?");
    assert!(
        help_top(&app).starts_with("casefile keys"),
        "{}",
        screen(&app)
    );
    press(&mut app, "?");
    assert_eq!(app.mode, Mode::Normal);
}

/// A note written from a view (`n` on a goroutine group, `a` on a silence,
/// `e` in the notes list) goes back to that view once saved or discarded:
/// it closed to the panes, the view and its selection gone.
#[test]
fn the_note_editor_closes_back_to_the_view_it_was_opened_from() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = demo_app(80, 24);
    app.case = Some(crate::case::Writer::spawn(
        crate::case::Store::open(&dir.path().join("t.casefile.json")).expect("case"),
    ));
    press(&mut app, ":focus goroutines<enter>djn");
    assert!(matches!(app.mode, Mode::NoteEditor(_)), "{:?}", app.mode);
    press(&mut app, "lock leak<C-s>");
    settle(&mut app);
    assert_eq!(
        open_goroutine_view(&app).list.selected,
        1,
        "back on the group written about"
    );
    press(&mut app, "q");

    press(&mut app, "Qa");
    assert!(matches!(app.mode, Mode::NoteEditor(_)), "{:?}", app.mode);
    press(&mut app, "<esc>");
    assert!(matches!(app.mode, Mode::Silences { .. }), "{:?}", app.mode);
    press(&mut app, "q");

    press(&mut app, "'e");
    assert!(matches!(app.mode, Mode::NoteEditor(_)), "{:?}", app.mode);
    press(&mut app, "<esc>");
    assert!(matches!(app.mode, Mode::Notes(_)), "{:?}", app.mode);
    press(&mut app, "'");
    assert_eq!(app.mode, Mode::Normal);

    // From the panes, the editor closes to the panes.
    press(&mut app, "a<esc>");
    assert_eq!(app.mode, Mode::Normal);
}

/// The help and the messages are long texts: `g`/`Home` go to their top,
/// `G`/`End` to their last screenful, as in `less` (they did nothing).
#[test]
fn g_and_shift_g_go_to_the_top_and_end_of_the_help() {
    let mut app = demo_app(80, 24);
    press(&mut app, "?G");
    let end = crate::tui::overlay::max_scroll(&app).expect("help");
    assert!(end > 0);
    let Mode::Help(l) = &app.mode else {
        panic!("{:?}", app.mode)
    };
    assert_eq!(l.selected, end);
    press(&mut app, "g");
    let Mode::Help(l) = &app.mode else {
        panic!("{:?}", app.mode)
    };
    assert_eq!(l.selected, 0);
    press(&mut app, "<end>");
    assert!(matches!(&app.mode, Mode::Help(l) if l.selected == end));
    press(&mut app, "<home>");
    assert!(matches!(&app.mode, Mode::Help(l) if l.selected == 0));
}

/// `!` (the messages) did nothing in the goroutine view, the silence list,
/// the pattern view and the notes list: it opens the messages over each, and
/// closing them goes back to the view as it was; `?` from the messages and
/// back keeps the way home.
#[test]
fn messages_open_from_each_view_and_close_back_to_it() {
    let mut app = demo_app(80, 24);
    // The demo's own warnings name the checkout's dates: left out of the snapshot.
    app.messages.clear();
    app.warn("goroutines: 1 line skipped (not a goroutine dump line)");
    press(&mut app, ":focus goroutines<enter>dj!");
    assert!(matches!(app.mode, Mode::Messages(_)), "{:?}", app.mode);
    let s = screen(&app);
    assert!(s.contains("1 line skipped"), "{s}");
    insta::assert_snapshot!(snapshot(&app));
    press(&mut app, "??");
    assert!(matches!(app.mode, Mode::Messages(_)), "{:?}", app.mode);
    press(&mut app, "!");
    assert_eq!(
        open_goroutine_view(&app).list.selected,
        1,
        "back in the view, on the same group"
    );
    press(&mut app, "q");
    assert_eq!(app.mode, Mode::Normal);
    for (open, back) in [("Q", "silences"), ("p", "patterns"), ("'", "notes")] {
        press(&mut app, open);
        let view = app.mode.context();
        assert_eq!(view.name(), back);
        press(&mut app, "!");
        assert!(
            matches!(app.mode, Mode::Messages(_)),
            "{back}: {:?}",
            app.mode
        );
        press(&mut app, "q");
        assert_eq!(app.mode.context(), view, "{back}");
        press(&mut app, "<esc>");
    }
    assert_eq!(app.mode, Mode::Normal);
    // The help of each view lists the key.
    for view in ["goroutines", "silences", "patterns", "notes"] {
        assert!(
            app.keymap.bindings.iter().any(|b| b.context.name() == view
                && b.action == crate::tui::action::Action::ToggleMessages),
            "{view}"
        );
    }
}

/// In the help, a mode's descriptions start in one column, past its longest
/// command name: names longer than the column (goroutines-next-section)
/// pushed their description out of line, and its wrapped lines under the
/// others'.
#[test]
fn the_help_keeps_each_modes_descriptions_in_one_column() {
    let app = demo_app(120, 40);
    let lines = crate::tui::overlay::help_lines(&app);
    for ctx in ["goroutines", "patterns", "silences", "normal"] {
        let heading = format!("{ctx} mode");
        let start = lines
            .iter()
            .position(|(l, h)| *h && *l == heading)
            .expect("heading");
        let mut columns = std::collections::BTreeSet::new();
        for b in app
            .keymap
            .bindings
            .iter()
            .filter(|b| b.context.name() == ctx)
        {
            let first = b.description.split(' ').next().unwrap_or_default();
            let line = lines[start..]
                .iter()
                .map(|(l, _)| l)
                .find(|l| {
                    let keys = app.keymap.keys_of(b);
                    let keys = if keys.is_empty() {
                        "(unbound)".into()
                    } else {
                        keys
                    };
                    l.starts_with(&format!("  {keys} ")) && l.contains(&format!(" {} ", b.name))
                })
                .unwrap_or_else(|| panic!("{}", b.name));
            let at = line.find(&format!(" {} ", b.name)).unwrap_or(0) + b.name.len() + 2;
            let col = at + line[at..].find(first).unwrap_or(usize::MAX / 2);
            columns.insert(crate::tui::text::width(&line[..col.min(line.len())]));
        }
        assert_eq!(
            columns.len(),
            1,
            "{ctx}: descriptions start at columns {columns:?}"
        );
    }
}

/// The note editor's hint fits an 80-column screen: it ended
/// "Tab: tags · Al…", the tag keys cut off.
#[test]
fn the_note_editors_hint_fits_80_columns() {
    let mut app = demo_app(80, 24);
    press(&mut app, "a");
    let s = screen(&app);
    let hint = s
        .lines()
        .find(|l| l.contains("Ctrl-S"))
        .unwrap_or_else(|| panic!("{s}"));
    assert!(!hint.contains('…') || hint.contains("1…5"), "{hint}");
    for says in ["save", "Esc", "Tab", "Alt-1…5"] {
        assert!(hint.contains(says), "{says}: {hint}");
    }
}

/// A key of the panes pressed in a list view (`Ctrl-P`, the palette, which
/// README offers everywhere; `t`, `M`) did nothing and said nothing: the
/// status line now says it is the panes' and which key closes the view,
/// and the view stays as it was.
#[test]
fn a_panes_key_in_a_view_says_it_is_the_panes() {
    let mut app = demo_app(80, 24);
    for (open, view, close) in [
        (":focus goroutines<enter>d", "goroutines", "d"),
        ("Q", "silences", "Q"),
        ("p", "patterns", "p"),
        ("'", "notes", "'"),
    ] {
        press(&mut app, open);
        let mode = app.mode.clone();
        for (key, name) in [("<C-p>", "palette"), ("t", "goto"), ("M", "merged")] {
            press(&mut app, key);
            assert_eq!(app.mode, mode, "{view}: {key} left the view as it was");
            let said = message(&app);
            assert!(
                said.contains(name) && said.contains(&format!("{close} closes")),
                "{view}: {key} said {said:?}"
            );
        }
        press(&mut app, close);
        assert_eq!(app.mode, Mode::Normal, "{view}");
    }
}

/// A key bound nowhere here says so on the status line, and where another
/// view binds it, which: `x` and `y` in the panes did nothing, silently. The
/// view that binds it still does what it says; `<esc>` stays quiet.
#[test]
fn a_key_bound_nowhere_here_says_so_and_keeps_working_where_it_is_bound() {
    let mut app = demo_app(80, 24);
    press(&mut app, "y");
    assert_eq!(message(&app), "y: no such key here (? for keys)");
    press(&mut app, "x");
    assert_eq!(
        message(&app),
        "x: no such key here; in the goroutines view: goroutines-similar (? for keys)"
    );
    assert_eq!(app.mode, Mode::Normal);
    // Not in the messages view (`!`): a key pressed by mistake is not news.
    assert!(
        !app.messages.iter().any(|(m, _)| m.contains("no such key")),
        "{:?}",
        app.messages
    );
    press(&mut app, "<esc>");
    assert_eq!(message(&app), "", "esc says nothing");

    press(&mut app, ":focus goroutines<enter>d");
    let similar = open_goroutine_view(&app).similar;
    press(&mut app, "x");
    run_jobs(&mut app);
    assert_ne!(open_goroutine_view(&app).similar, similar, "x still groups");
    press(&mut app, "y");
    assert_eq!(message(&app), "y: no such key here (? for keys)");
    assert!(matches!(app.mode, Mode::Goroutines(_)), "{:?}", app.mode);
}

/// An argument that opened nothing (a directory without logs) is said at
/// start and again once every source is read, so the status line ends on
/// it; the messages view (`!`) listed it twice.
#[test]
fn an_argument_that_opened_nothing_is_listed_once() {
    let said = "adir: a directory with no log files in it";
    let view = ViewOptions {
        skipped: vec![said.to_string()],
        ..test_view()
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("app.log");
    std::fs::write(&path, "2026-11-23T14:00:00Z INFO start\n").expect("write");
    let spec = file_spec("app", path);
    let mut app = crate::tui::new_app(vec!["app".into()], &view, false);
    update(&mut app, done(0, &spec));
    assert_eq!(message(&app), said, "said last");
    let listed = app.messages.iter().filter(|(m, _)| m == said).count();
    assert_eq!(listed, 1, "{:?}", app.messages);
}
