//! Screen snapshots driven by key strings.

use ratatui::style::Color;

use super::*;

fn snap(names: &[&str], w: u16, h: u16, keys: &str) -> String {
    let mut app = app(names, w, h);
    press(&mut app, keys);
    snapshot(&app)
}

#[test]
fn narrow_80x24_stacks_panes() {
    insta::assert_snapshot!(snap(&["api", "db"], 80, 24, ":goto 17:23:05<enter>"));
}

#[test]
fn wide_200x40_puts_panes_side_by_side() {
    insta::assert_snapshot!(snap(&["api", "db", "worker"], 200, 40, "t17:23:05<enter>"));
}

#[test]
fn quiet_pane_says_how_long() {
    let (mut app, _dir) = super::separators::rhythm_app(130, 20);
    press(&mut app, "t12:02:10<enter>");
    insta::assert_snapshot!(snapshot(&app));
}

#[test]
fn merged_view_tags_rows_with_sources() {
    insta::assert_snapshot!(snap(&["api", "db", "worker"], 100, 30, "Mt17:23<enter>jj"));
}

#[test]
fn zoom_relative_column_and_collapse() {
    insta::assert_snapshot!(snap(&["api", "db"], 90, 20, "zrct17:23:05<enter>m"));
}

#[test]
fn search_filter_and_long_lines() {
    insta::assert_snapshot!(snap(
        &["api", "db"],
        80,
        24,
        // The search lands on db's first match and focuses it.
        "/ready<enter>:filter-out checkpoint<enter>Gll"
    ));
}

#[test]
fn help_lists_the_keymap() {
    insta::assert_snapshot!(snap(&["api"], 100, 40, "?"));
}

#[test]
fn palette_fuzzy_finds_commands_and_sources() {
    insta::assert_snapshot!(snap(&["api", "db"], 100, 24, "<C-p>merg"));
}

#[test]
fn palette_runs_the_selection() {
    let mut app = app(&["api", "db"], 100, 24);
    press(&mut app, "<C-p>focus db<enter>");
    assert_eq!(app.focus, 1);
    press(&mut app, "<C-p>merged<enter>");
    assert!(app.merged);
}

#[test]
fn monochrome_uses_no_colour() {
    let mut app = app_color(&["api", "db"], 80, 24, false);
    press(&mut app, "t17:23:05<enter>/timeout<enter>");
    let buf = buffer(&app);
    for cell in buf.content() {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{cell:?}");
    }
    insta::assert_snapshot!(snapshot(&app));
}

#[test]
fn default_colours_are_the_16_ansi_ones() {
    let mut app = app(&["api", "db", "worker"], 120, 30);
    press(&mut app, "t17:23:05<enter>/timeout<enter>m");
    for cell in buffer(&app).content() {
        for c in [cell.fg, cell.bg] {
            assert!(!matches!(c, Color::Rgb(..) | Color::Indexed(_)), "{cell:?}");
        }
    }
}

#[test]
fn tiny_terminals_do_not_panic() {
    for (w, h) in [(0, 0), (1, 1), (2, 1), (1, 5), (10, 3), (80, 2)] {
        let mut app = app(&["api", "db", "worker"], w, h);
        press(&mut app, "jjM?<esc><C-p>x<esc>zt17:23<enter>!j<esc>++--L");
        let _ = screen(&app);
        press(&mut app, "M");
        let _ = screen(&app);
    }
}

#[test]
fn control_characters_never_reach_the_screen() {
    let mut app = app(&["db"], 300, 12);
    press(&mut app, "G");
    let s = screen(&app);
    assert!(!s.chars().any(|c| c.is_control() && c != '\n'), "{s:?}");
    assert!(s.contains("a bell ␇"), "{s}");
}

#[test]
fn day_changes_get_a_date_line() {
    insta::assert_snapshot!(snap(&["night"], 80, 16, "G"));
}

#[test]
fn no_sources_at_all_does_not_panic() {
    let mut app = app(&[], 80, 24);
    press(
        &mut app,
        "jkGgeEwWnN<gt><lt>()muUzMLrco{}<tab><S-tab>/x<enter>:level warn<enter>:filter-in x<enter>",
    );
    let _ = screen(&app);
}

#[test]
fn json_lines_read_as_message_and_fields_and_equals_shows_them_raw() {
    let readable = snap(&["events"], 100, 12, "t17:23:05.1<enter>");
    assert!(
        readable.contains("handler failed  err=\"nil pointer dereference\"  offset=88412"),
        "{readable}"
    );
    insta::assert_snapshot!(readable);
    let raw = snap(&["events"], 100, 12, "t17:23:05.1<enter>=");
    assert!(
        raw.contains(r#"{"time":"2022-03-24T17:23:05.050Z""#),
        "{raw}"
    );
}

#[test]
fn cursor_mark_leaves_the_overview_start_time_whole_with_short_names() {
    let app = app(&["api", "db"], 80, 24);
    let s = screen(&app);
    let axis = s.lines().next().unwrap_or_default();
    let start = crate::tui::layout::overview_span(&app).expect("a range").0;
    let want = crate::timeparse::to_wall(start, &app.zone)
        .format("%H:%M:%S")
        .to_string();
    assert!(
        axis.trim_start().starts_with(&format!("{want} ▼")),
        "{axis}"
    );
}

#[test]
fn the_level_shows_once() {
    let s = screen(&demo_app(100, 30));
    assert!(s.contains("INF [main] kiosk-client 4.12.1"), "{s}");
    assert!(!s.contains("INF INFO"), "{s}");
    let raw = {
        let mut app = demo_app(100, 30);
        press(&mut app, "=");
        screen(&app)
    };
    assert!(raw.contains("INFO [main] kiosk-client 4.12.1"), "{raw}");
}

/// A long message is shortened at a word (it used to be cut mid-word, as in
/// `supervisord: no time`), and `!` shows every recent message in full.
#[test]
fn status_shortens_messages_at_words_and_bang_shows_them_whole() {
    let mut app = app(&["api", "db"], 80, 24);
    let long = "supervisord: no time zone in timestamps: read as UTC (set one with --tz or --set supervisord.tz=ZONE)";
    app.warn(long);
    let s = screen(&app);
    let status = s.lines().last().unwrap_or_default().to_string();
    let shown = status
        .split(" │ ")
        .find(|p| p.starts_with("supervisord"))
        .unwrap_or_default();
    // The status line says where the rest is.
    assert!(status.trim_end().ends_with("! more  ? help"), "{status}");
    let shown = shown.trim_end_matches("? help").trim_end();
    let shown = shown.trim_end_matches("! more").trim_end();
    assert!(shown.ends_with('…'), "{status}");
    let kept = shown.trim_end_matches('…');
    assert!(long.starts_with(kept), "{status}");
    assert!(
        long[kept.len()..].starts_with([' ', ':', ',']),
        "cut at a word boundary: {status}"
    );
    press(&mut app, "!");
    let all = screen(&app);
    assert!(
        all.contains("supervisord: no time zone in timestamps: read as UTC (set one"),
        "{all}"
    );
    assert!(all.contains("--set supervisord.tz=ZONE)"), "{all}");
    insta::assert_snapshot!(snapshot(&app));
    press(&mut app, "!");
    assert_eq!(app.mode, crate::tui::app::Mode::Normal);
    // A message that fits needs no hint.
    app.warn("db: 2 lines skipped");
    let s = screen(&app);
    let status = s.lines().last().unwrap_or_default();
    assert!(!status.contains("! more"), "{status}");
    assert!(status.trim_end().ends_with("? help"), "{status}");
}

/// CJK and emoji take two columns: panes keep their columns and cut lines at
/// the pane's edge; `\r` and tabs are laid out as the terminal would.
#[test]
fn wide_characters_keep_panes_aligned() {
    let mut app = app(&["wide", "api"], 120, 24);
    press(&mut app, "L");
    let buf = buffer(&app);
    let a = crate::tui::layout::screen(&app);
    let (_, left) = a.panes[0];
    // The separator column after the first pane is intact on every row.
    for y in left.top()..left.bottom() {
        assert_eq!(buf[(left.right(), y)].symbol(), "│", "row {y}");
    }
    let s = screen(&app);
    // Cut lines end with `…` in the pane's last column, right before the separator.
    let cut = s
        .lines()
        .find(|l| l.contains("网络重连"))
        .unwrap_or_default();
    assert!(cut.contains("…│"), "{s}");
    // The cursor record wraps in lines of at most the pane's width.
    let first = s
        .lines()
        .find(|l| l.contains("日志服务器"))
        .unwrap_or_default();
    let col = first
        .find('│')
        .map(|i| crate::tui::text::width(&first[..i]));
    assert_eq!(col, Some(left.width as usize), "{s}");
    insta::assert_snapshot!(snapshot(&app));
}

#[test]
fn inferred_levels_are_marked() {
    // ER? where a kernel fault phrase gave the level, ERR where the line had one.
    insta::assert_snapshot!(snap(&["api", "kern"], 100, 20, "<tab>t17:23:04<enter>"));
}

/// A source that cannot be shown says why in its pane in full, wrapped over
/// the pane's rows, naming it once: at 80 columns the binary file's message
/// was cut after 'not a log (5267 NUL bytes in the fir', 'bin.dat: bin.dat:'.
#[test]
fn a_failed_pane_says_why_in_full() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A real program's bytes: this test binary's first 100 KB.
    let exe = std::fs::read(std::env::current_exe().expect("exe")).expect("read exe");
    let path = dir.path().join("bin.dat");
    std::fs::write(&path, &exe[..exe.len().min(100_000)]).expect("write");
    let bin = file_spec(&path.display().to_string(), path.clone());
    let error = match crate::source::open(&bin) {
        Err(e) => e,
        Ok(_) => panic!("a binary file opened"),
    };
    let why = error.to_string();
    assert!(why.contains("binary data, not a log"), "{why}");
    let good = spec("api");
    let mut app = unloaded_app(&[&bin.name, "api"]);
    app.size = (80, 24);
    update(
        &mut app,
        Msg::Load(Box::new(crate::loader::LoadEvent::Failed {
            id: 0,
            name: bin.name.clone(),
            error,
        })),
    );
    update(&mut app, done(1, &good));
    run_jobs(&mut app);
    let s = screen(&app);
    let flat: String = s
        .lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ")
        .replace("  ", " ");
    assert!(
        flat.contains(&format!("cannot show {why}")),
        "the whole message, once:\n{s}"
    );
}

/// A focused pane whose source failed takes only the rows its message needs,
/// not half the stack: at 80×24 `casefile missing.log a.log b.log` left
/// 10 blank rows under "cannot show missing…" and one row to each log.
#[test]
fn a_failed_focused_pane_leaves_its_rows_to_the_others() {
    let mut app = unloaded_app(&["missing", "api", "db"]);
    app.size = (80, 24);
    update(
        &mut app,
        Msg::Load(Box::new(crate::loader::LoadEvent::Failed {
            id: 0,
            name: "missing".into(),
            error: crate::error::Error::NotFound {
                path: "missing.log".into(),
            },
        })),
    );
    update(&mut app, done(1, &spec("api")));
    update(&mut app, done(2, &spec("db")));
    run_jobs(&mut app);
    assert_eq!(app.focus, 0);
    let a = crate::tui::layout::screen(&app);
    let rows = |p: usize| a.panes.iter().find(|(q, _)| *q == p).map(|(_, r)| r.height);
    assert_eq!(rows(0), Some(2), "title and message: {:?}", a.panes);
    assert!(
        rows(1).is_some_and(|h| h >= 8) && rows(2).is_some_and(|h| h >= 8),
        "{:?}",
        a.panes
    );
    let s = screen(&app);
    assert!(
        s.contains("cannot show missing: missing.log: no such file or directory"),
        "{s}"
    );
}

/// A pane's title keeps its clock offset and warnings when a long filter
/// does not fit at 80 columns: the filter is cut (`…`) instead of what
/// follows it, which the edge of the screen cut away ('clock +2s', '⚠ 2').
#[test]
fn a_long_filter_leaves_the_clock_and_warnings_in_the_title() {
    let mut app = demo_app(80, 24);
    press(
        &mut app,
        ":focus kern<enter>:filter-in GPU HANG|i915|drm|wlan0|UFW BLOCK|Bluetooth|smpboot<enter>:offset +2s<enter>",
    );
    let s = screen(&app);
    let title = s
        .lines()
        .find(|l| l.starts_with(" kern "))
        .unwrap_or_else(|| panic!("no kern title:\n{s}"));
    assert!(
        title.contains("· clock +2s · ⚠ ") && title.contains("filter +/GPU HANG|i915"),
        "{title}"
    );
    assert!(title.contains('…'), "the filter is cut: {title}");
}

/// `r`'s "previous row" is the row shown above, as the help says: in the
/// merged view that is often another source's, and in a filtered pane a
/// record several lines on. It was the source's previous record, so the
/// merged view read '14:31:05.115 +0.411s' under a row at 14:31:05.000.
#[test]
fn relative_time_is_to_the_row_above_in_the_merged_view_and_a_filtered_pane() {
    let re = regex::Regex::new(r"^(\d\d):(\d\d):(\d\d)\.(\d{3})$").expect("re");
    let check = |keys: &str, what: &str| {
        let mut app = app(&["api", "db", "worker"], 100, 30);
        press(&mut app, keys);
        let s = screen(&app);
        // Each record's row: its time (columns 1..13) and relative time
        // (14..22); not the status line, which starts with the cursor's time
        // when `r`'s message leaves no room for the date.
        let lines: Vec<&str> = s.lines().collect();
        let rows: Vec<(i64, String)> = lines[..lines.len() - 1]
            .iter()
            .filter_map(|l| {
                let chars: Vec<char> = l.chars().collect();
                let time: String = chars.get(1..13)?.iter().collect();
                let c = re.captures(&time)?;
                let n = |k: usize| c[k].parse::<i64>().expect("digits");
                let ms = ((n(1) * 60 + n(2)) * 60 + n(3)) * 1000 + n(4);
                let rel: String = chars.get(14..22)?.iter().collect();
                Some((ms, rel.trim().to_string()))
            })
            .collect();
        assert!(rows.len() > 5, "{what}: too few rows:\n{s}");
        for w in rows.windows(2).filter(|w| !w[1].1.is_empty()) {
            let d = (w[1].0 - w[0].0) * 1_000_000;
            let want = if d >= 0 {
                format!("+{}", crate::time::format_duration(d))
            } else {
                crate::time::format_duration(d)
            };
            assert_eq!(
                w[1].1, want,
                "{what}: a row {d} ns after the one above:\n{s}"
            );
        }
    };
    check("Mt17:23<enter>r", "merged");
    check(":focus api<enter>:filter-in GET<enter>zr", "filtered api");
}

/// The palette's rows end in `…` where their description does not fit, and
/// on a wide screen the palette is wide enough for them: at any width it was
/// 80 columns at most and cut descriptions at its border without a mark
/// ('command palette: fuzzy-find a comman', 'go to a time: 17:23, 03-24 17:23:05,').
#[test]
fn palette_descriptions_show_whole_or_marked_cut() {
    for (w, h) in [(80, 24), (200, 50)] {
        let mut app = demo_app(w, h);
        press(&mut app, "<C-p>");
        let s = screen(&app);
        let entries = crate::tui::palette::entries(&app, "");
        let mut rows = 0;
        for line in s.lines() {
            let Some(inner) = line
                .split('│')
                .nth(1)
                .filter(|_| line.matches('│').count() >= 2)
            else {
                continue;
            };
            let inner = inner.trim_end();
            let Some(e) = entries
                .iter()
                .find(|e| inner.starts_with(&format!("{} ", e.label)))
            else {
                continue;
            };
            rows += 1;
            assert!(
                inner.ends_with(&e.description) || inner.ends_with('…'),
                "{w}x{h}: {inner:?} cuts {:?} unmarked",
                e.description
            );
            if w == 200 {
                assert!(inner.ends_with(&e.description), "{w}x{h}: {inner:?}");
            }
        }
        assert!(rows > 5, "{w}x{h}: palette rows not found:\n{s}");
    }
}

/// The message that answers the last key is not squeezed to a word while
/// the focus and the search hold the status line: at 80 columns `n` said
/// `backend:…` (which match of how many was gone) and a bad `t` time
/// `'yesterday' is…`. They give way first (each pane's title shows its
/// focus and its matches).
#[test]
fn the_status_line_makes_room_for_the_message_before_the_focus_and_search() {
    let mut app = demo_app(80, 24);
    press(&mut app, "/\"status\":503<enter>");
    let status = screen(&app).lines().last().unwrap_or_default().to_string();
    assert!(status.contains("backend: match 3/17"), "{status}");
    assert!(status.contains("UTC"), "the time stays: {status}");
    press(&mut app, "<esc>tyesterday<enter>");
    let status = screen(&app).lines().last().unwrap_or_default().to_string();
    assert!(
        status.contains("'yesterday' is not a time: try 17:23"),
        "{status}"
    );
    // Without a message, the focus shows.
    press(&mut app, "j");
    let status = screen(&app).lines().last().unwrap_or_default().to_string();
    assert!(status.contains("▸ backend (1/5)"), "{status}");
}

/// Every source failed: there is no time to show, and the status line showed
/// an epoch cursor (`00:00:00.000 UTC`) for `casefile /nonexistent/a.log`.
#[test]
fn with_every_source_failed_the_status_line_says_none_could_be_read() {
    let mut app = unloaded_app(&["a"]);
    app.size = (80, 24);
    update(
        &mut app,
        Msg::Load(Box::new(crate::loader::LoadEvent::Failed {
            id: 0,
            name: "a".into(),
            error: crate::error::Error::NotFound {
                path: "/nonexistent/a.log".into(),
            },
        })),
    );
    run_jobs(&mut app);
    let s = screen(&app);
    let status = s.lines().last().unwrap_or_default();
    assert!(!status.contains("00:00:00"), "an epoch cursor: {status}");
    assert!(status.contains("no source could be read"), "{status}");
    assert!(s.contains("cannot show a: /nonexistent/a.log"), "{s}");
}

/// Lines wrapped (`\`) in a pane that has one row for its cursor record
/// (stacked, not focused): the row ends in `…` where the record goes on,
/// as it does unwrapped; it read `payment declined for order 1234 because
/// the card issuer`, a whole-looking sentence, the rest cut without a mark.
#[test]
fn a_wrapped_cursor_row_cut_by_its_pane_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = "2026-11-20T14:31:00Z INFO start\n2026-11-20T14:31:05Z ERROR payment declined for order 1234 because the card issuer reported insufficient funds after retry\n2026-11-20T14:31:09Z INFO after\n";
    let b = "2026-11-20T14:31:00Z INFO b start\n2026-11-20T14:31:06Z INFO b mid\n2026-11-20T14:31:09Z INFO b after\n";
    let mut specs = vec![written_spec(dir.path(), "a", a)];
    for i in 0..6 {
        specs.push(written_spec(dir.path(), &format!("b{i}"), b));
    }
    let mut app = loaded(specs, 80, 24, false);
    press(&mut app, "<tab>t14:31:05<enter>");
    let row = |s: &str| {
        s.lines()
            .find(|l| l.contains("payment declined"))
            .unwrap_or_else(|| panic!("the error's row:\n{s}"))
            .to_string()
    };
    let unwrapped = screen(&app);
    assert!(row(&unwrapped).ends_with('…'), "{unwrapped}");
    press(&mut app, "\\");
    let s = screen(&app);
    assert!(
        !s.contains("insufficient funds"),
        "one row for the record, as the test means:\n{s}"
    );
    assert!(row(&s).ends_with('…'), "the cut row says so:\n{s}");
}

/// A file truncated while open (copytruncate): its records past the new end
/// keep their rows (the index holds them) but have no text. They showed as
/// rows of a time and a level and nothing else, while the message said they
/// were no longer shown; each now says the file lost it.
#[test]
fn records_a_truncated_file_lost_say_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let first = "2026-11-20T14:31:00Z INFO kept line\n";
    let text = format!(
        "{first}2026-11-20T14:31:05Z ERROR lost line\n2026-11-20T14:31:09Z INFO lost too\n"
    );
    let spec = written_spec(dir.path(), "log", &text);
    let mut app = loaded(vec![spec.clone()], 80, 24, false);
    let path = dir.path().join("log.log");
    let f = std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    f.set_len(first.len() as u64).expect("truncate");
    look(&mut app, &[spec]);
    let s = screen(&app);
    assert!(s.contains("INF kept line"), "{s}");
    let gone: Vec<&str> = s
        .lines()
        .filter(|l| l.contains("14:31:05.000") || l.contains("14:31:09.000"))
        .collect();
    assert_eq!(gone.len(), 2, "{s}");
    assert!(
        gone.iter().all(|l| l.contains("no longer in the file")),
        "{s}"
    );
    assert!(
        !message(&app).contains("no longer shown"),
        "{}",
        message(&app)
    );
}
