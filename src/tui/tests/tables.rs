//! The command table drives dispatch, usage, help and the palette; the
//! definitions shared with the headless commands agree.

use super::*;
use crate::tui::action::Action;
use crate::tui::cmdline::COMMANDS;
use crate::tui::keymap::Context;
use crate::tui::palette::entries;
use crate::tui::update::{apply, take_effects};
use crate::tui::view::help_lines;

fn warned(app: &App) -> Option<String> {
    app.message.clone().filter(|(_, w)| *w).map(|(m, _)| m)
}

#[test]
fn every_table_command_dispatches_its_example_and_names_its_need() {
    for c in COMMANDS {
        let mut app = app(&["api", "db"], 100, 30);
        let arg = if c.name == "focus" { "db" } else { c.example };
        apply(&mut app, Action::Command(format!("{} {arg}", c.name)));
        assert_eq!(warned(&app), None, ":{} {arg}", c.name);
        for alias in c.aliases {
            let mut app2 = super::app(&["api", "db"], 100, 30);
            apply(&mut app2, Action::Command(format!("{alias} {arg}")));
            assert_eq!(warned(&app2), None, ":{alias} {arg}");
        }
        let key_twin = app.keymap.by_name(c.name).is_some();
        if !c.optional && !key_twin {
            apply(&mut app, Action::Command(c.name.to_string()));
            let w = warned(&app).unwrap_or_default();
            assert!(
                w.contains("needs") && w.contains(c.arg),
                ":{} alone: {w}",
                c.name
            );
        }
    }
    let mut app = app(&["api"], 100, 30);
    apply(&mut app, Action::Command("nosuch 1".into()));
    assert!(warned(&app).is_some_and(|w| w.contains("unknown command ':nosuch'")));
}

/// A name in both tables must need an argument here, so that the bare name
/// runs the key's command (`:goto` opens the goto prompt).
#[test]
fn names_in_both_tables_split_by_argument() {
    let mut names: Vec<&str> = COMMANDS
        .iter()
        .flat_map(|c| std::iter::once(c.name).chain(c.aliases.iter().copied()))
        .collect();
    let n = names.len();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), n, "a name twice in the command table");
    let app0 = app(&["api"], 100, 30);
    for b in app0
        .keymap
        .bindings
        .iter()
        .filter(|b| b.context == Context::Normal)
    {
        let Some(c) = crate::tui::cmdline::find(b.name) else {
            continue;
        };
        assert!(
            !c.optional,
            ":{} is also a key command: its argument must be required",
            b.name
        );
        let mut got = app(&["api"], 100, 30);
        apply(&mut got, Action::Command(b.name.to_string()));
        let mut want = app(&["api"], 100, 30);
        apply(&mut want, b.action.clone());
        assert_eq!(got.mode, want.mode, ":{}", b.name);
        assert_eq!(warned(&got), None, ":{}", b.name);
    }
}

#[test]
fn help_and_palette_list_every_table_command() {
    let app = app(&["api"], 100, 30);
    let help: Vec<String> = help_lines(&app).into_iter().map(|(l, _)| l).collect();
    let palette = entries(&app, "");
    for c in COMMANDS {
        let usage = format!(":{}", c.usage());
        assert!(
            help.iter().any(|l| l.contains(&usage)),
            "help lacks {usage}"
        );
        assert!(
            palette.iter().any(|e| e.label == c.usage()),
            "palette lacks {}",
            c.usage()
        );
    }
}

#[test]
fn palette_commands_with_arguments_open_the_command_line_typed() {
    let mut app = app(&["api", "db"], 100, 24);
    press(&mut app, "<C-p>goto TIME<enter>");
    assert_eq!(
        app.mode,
        crate::tui::app::Mode::Prompt {
            kind: crate::tui::action::PromptKind::Command,
            input: "goto ".into(),
            over: None,
        }
    );
    press(&mut app, "17:23<enter>");
    assert_eq!(warned(&app), None);
}

#[test]
fn redraw_is_an_effect_for_the_event_loop() {
    let mut app = app(&["api"], 80, 24);
    for k in crate::tui::keymap::parse_keys("<C-l>").expect("a key") {
        crate::tui::update::update(&mut app, crate::tui::update::Msg::Key(k));
    }
    assert!(take_effects(&mut app).clear_screen);
    assert!(!take_effects(&mut app).clear_screen, "cleared once");
}

/// The panes and `show` call a source quiet at the same instants: one
/// definition (the silence analysis, which `show` runs on its own), checked
/// every 250 ms over a busy source's stop and a once-a-minute log.
#[test]
fn panes_and_show_agree_on_quiet() {
    let (mut app, _dir) = super::separators::rhythm_app(200, 40);
    let sources: Vec<crate::source::Source> = (0..2)
        .map(|p| app.source(p).expect("loaded").clone())
        .collect();
    let refs: Vec<&crate::source::Source> = sources.iter().collect();
    let silences = crate::headless::show::silences(&refs, app.silence_settings.floor);
    let (a, b) = (app.cursor, app.cursor + 8 * 60 * crate::time::NANOS_PER_SEC);
    let mut t = a;
    let mut quiet_seen = 0;
    while t < b {
        apply(&mut app, Action::GotoTime(t));
        let all = crate::headless::show::all_around(&refs, &silences, t, (0, 0));
        for (p, shown) in all.iter().enumerate() {
            assert_eq!(app.quiet(p), shown.quiet_for_ns, "pane {p} at {t}");
            quiet_seen += usize::from(shown.quiet_for_ns.is_some());
        }
        t += crate::time::NANOS_PER_SEC / 4;
    }
    assert!(quiet_seen > 0, "the fixtures have quiet stretches");
}

/// At 80 columns every binding's and command's description is there in full,
/// wrapped under its column, and no line is wider than the screen.
#[test]
fn help_wraps_every_description_to_the_screen() {
    let words = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    for width in [80u16, 60, 40] {
        let app = app(&["api"], width, 24);
        let help: Vec<String> = help_lines(&app).into_iter().map(|(l, _)| l).collect();
        for l in &help {
            assert!(
                crate::tui::text::width(l) <= usize::from(width),
                "{width} columns: {l:?}"
            );
        }
        let all = words(&help.join(" "));
        let has_run = |want: &[String]| all.windows(want.len()).any(|w| w == want);
        for b in &app.keymap.bindings {
            let want = words(b.description);
            assert!(has_run(&want), "{width} columns: {:?}", b.description);
        }
        for c in COMMANDS {
            assert!(
                has_run(&words(c.description)),
                "{width}: {:?}",
                c.description
            );
        }
        assert!(has_run(&words(
            "rebind in the config file's [keys] by command name"
        )));
    }
}
