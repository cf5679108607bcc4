//! The goroutine view: keys, screens and a dump's place in time.

use super::*;
use crate::tui::app::Mode;
use crate::tui::goroutine_view::{DumpKey, Section, group_rows};

/// The demo with the goroutine dump's pane focused and its view open.
fn demo_view(w: u16, h: u16) -> App {
    let mut app = demo_app(w, h);
    press(&mut app, ":focus goroutines<enter>d");
    app
}

/// The headline of the selected group's row (function ← creator).
fn selected_headline(app: &App) -> String {
    let (v, a) = (open_goroutine_view(app), shown_analysis(app));
    let rows = group_rows(a, v);
    let k = rows.ranked[v.list.selected.min(rows.ranked.len() - 1)];
    let g = &a.groups[a.ranked[k].group];
    crate::tui::goroutine_view::headline(a, g)
}

fn corpus_app(name: &str, file: &str, w: u16, h: u16) -> App {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/go")
        .join(file);
    loaded(vec![file_spec(name, path)], w, h, true)
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
    let v = open_goroutine_view(&app);
    assert_eq!(
        v.key,
        DumpKey {
            pane: 1,
            record: None,
            part: None
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
    // Back in the raw pane, the cursor is on the selected group's first
    // goroutine: the view's `d raw` shows the text of what was selected.
    let first = a.dump.goroutines[top.members[0] as usize].offset;
    let holding = app.source(1).and_then(|s| s.index.holding(first));
    press(&mut app, "d");
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.focus, 1);
    assert_eq!(Some(record_at_cursor(&app, 1)), holding);
    press(&mut app, "dq");
    assert_eq!(app.mode, Mode::Normal, "q closes the view, not casefile");
    assert!(!app.quit);
}

#[test]
fn j_and_k_select_groups_and_the_members_come_longest_wait_first() {
    let mut app = demo_view(200, 50);
    // Second: the broadcaster that may hold the mutex the first group waits on.
    press(&mut app, "j");
    assert_eq!(open_goroutine_view(&app).list.selected, 1);
    assert_eq!(selected_headline(&app), "main.(*Hub).Broadcast");
    let s = screen(&app);
    assert!(
        s.contains("may hold mutex 0xc00009a078, which 77 goroutines wait on (Tab: locks)"),
        "{s}"
    );
    press(&mut app, "j");
    assert_eq!(open_goroutine_view(&app).list.selected, 2);
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
    assert_eq!(open_goroutine_view(&app).list.selected, 2);
}

#[test]
fn tab_shows_the_lock_groups_with_their_waiters() {
    let mut app = demo_view(200, 50);
    press(&mut app, "<tab>");
    assert_eq!(open_goroutine_view(&app).section, Section::Locks);
    let s = screen(&app);
    assert!(
        s.contains(
            "77 goroutines wait on mutex 0xc00009a078 in main.(*Hub).Push; the longest for 4"
        ),
        "{s}"
    );
    assert!(s.contains("75 (4m) 89 (4m)"), "{s}");
    press(&mut app, "<S-tab>");
    assert_eq!(open_goroutine_view(&app).section, Section::Groups);
}

#[test]
fn slash_filters_groups_by_function_fuzzily_and_esc_clears_it() {
    let mut app = demo_view(80, 24);
    press(&mut app, "/hubpush");
    assert!(open_goroutine_view(&app).typing);
    let (v, a) = (open_goroutine_view(&app), shown_analysis(&app));
    let rows = group_rows(a, v);
    // The two Hub.Push groups; keys typed into the filter do not move the list.
    assert_eq!(rows.ranked.len(), 2, "{rows:?}");
    press(&mut app, "<enter>");
    assert!(!open_goroutine_view(&app).typing);
    assert_eq!(open_goroutine_view(&app).filter, "hubpush");
    press(&mut app, "j");
    assert_eq!(
        open_goroutine_view(&app).list.selected,
        1,
        "after enter, j moves again"
    );
    press(&mut app, "/<esc>");
    assert_eq!(open_goroutine_view(&app).filter, "");
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
        .ready(open_goroutine_view(&app).key, false)
        .expect("exact")
        .groups
        .len();
    press(&mut app, "x");
    assert!(open_goroutine_view(&app).similar);
    let similar = app
        .dumps
        .ready(open_goroutine_view(&app).key, true)
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
    assert!(!open_goroutine_view(&app).similar);
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
    let v = open_goroutine_view(&app).clone();
    assert!(v.key.record.is_some(), "{v:?}");
    let a = shown_analysis(&app);
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
    assert_eq!(open_goroutine_view(&app).list.selected, 1);
    press(&mut app, "p");
    assert_eq!(open_goroutine_view(&app).list.selected, 0);
    let s = screen(&app);
    assert!(s.contains("main.main.func1"), "{s}");
    assert!(
        s.contains("panic: runtime error: index out of range"),
        "{s}"
    );
}

pub(super) fn instant(rfc3339: &str) -> crate::time::Nanos {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .expect("a time")
        .timestamp_nanos_opt()
        .expect("in range")
}

/// A copy of the demo's dump (its first `goroutines` goroutines, all when
/// None) in `dir`, with its file modified at `mtime`.
pub(super) fn dump_copy(
    dir: &std::path::Path,
    name: &str,
    goroutines: Option<usize>,
    mtime: &str,
) -> PathBuf {
    let demo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/demo/goroutines.txt");
    let text = std::fs::read_to_string(demo).expect("the demo's dump");
    let text = match goroutines {
        Some(n) => text.split("\n\n").take(n).collect::<Vec<_>>().join("\n\n") + "\n",
        None => text,
    };
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    let t = std::time::UNIX_EPOCH + std::time::Duration::from_nanos(instant(mtime) as u64);
    std::fs::File::options()
        .write(true)
        .open(&path)
        .and_then(|f| f.set_modified(t))
        .expect("set the mtime");
    path
}

/// The demo's logs with `dump` as its goroutine pane (pane 1), `--set goroutines.time=` as given.
pub(super) fn demo_with_dump(dump: PathBuf, time: Option<&str>, w: u16, h: u16) -> App {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
    let mut specs: Vec<SourceSpec> = [
        "backend",
        "goroutines",
        "kern",
        "kiosk-client",
        "supervisord",
    ]
    .iter()
    .map(|n| file_spec(n, dir.join(format!("{n}.log"))))
    .collect();
    specs[1].input = Input::Files(vec![dump]);
    specs[1].settings.time = time.map(instant);
    loaded(specs, w, h, true)
}

/// The overview row of a source: its label and the strip after it.
fn overview_row(s: &str, label: &str) -> Option<String> {
    s.lines()
        .take(8)
        .find(|l| l.starts_with(label))
        .map(str::to_string)
}

#[test]
fn a_dump_with_a_set_time_sits_at_that_time_on_the_overview_and_in_the_panes() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dump = dump_copy(tmp.path(), "goroutines.txt", None, "2026-12-01T11:00:00Z");
    let plain = demo_with_dump(dump.clone(), None, 200, 50);
    let mut app = demo_with_dump(dump, Some("2026-11-20T14:35:20Z"), 200, 50);
    let taken = instant("2026-11-20T14:35:20Z");
    let src = app.source(1).expect("the dump");
    assert!(app.panes[1].timed(), "the dump pane has a time");
    assert_eq!(
        (src.first_time(), src.last_time()),
        (Some(taken), Some(taken))
    );
    // A point in time does not move where every source has begun.
    assert_eq!(
        app.cursor, plain.cursor,
        "the cursor starts where the logs do"
    );
    let s = screen(&app);
    let row = overview_row(&s, "goroutin").unwrap_or_else(|| panic!("a row on the overview:\n{s}"));
    assert!(
        row.chars().skip(11).any(|c| c != ' '),
        "a mark at its time: {row}"
    );
    assert!(
        overview_row(&screen(&plain), "goroutin").is_none(),
        "undated, no row"
    );
    let range = |s: &str| {
        s.lines()
            .next()
            .unwrap_or_default()
            .split_whitespace()
            .next()
            .map(str::to_string)
    };
    assert_eq!(
        range(&s),
        range(&screen(&plain)),
        "the overview starts where the logs do:\n{s}"
    );
    // Before its time the pane is quiet; from its time on it shows the dump.
    press(&mut app, "t14:35:00<enter>");
    assert_eq!(app.source(1).and_then(|s| s.at_or_before(app.cursor)), None);
    press(&mut app, "t14:36<enter>");
    let rec = app.source(1).and_then(|s| s.at_or_before(app.cursor));
    assert!(rec.is_some(), "the dump at 14:36");
    press(&mut app, ":focus goroutines<enter>d");
    assert!(
        screen(&app).contains("taken 2026-11-20 14:35:20 (set)"),
        "{}",
        screen(&app)
    );
}

#[test]
fn a_dump_dated_by_its_file_sits_there_when_that_is_near_the_logs() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let near = dump_copy(tmp.path(), "near.txt", None, "2026-11-20T14:40:00Z");
    let app = demo_with_dump(near, None, 200, 50);
    assert_eq!(
        app.source(1).and_then(|s| s.first_time()),
        Some(instant("2026-11-20T14:40:00Z"))
    );
    let far = dump_copy(tmp.path(), "far.txt", None, "2026-12-01T11:00:00Z");
    let app = demo_with_dump(far, None, 200, 50);
    assert!(
        !app.panes[1].timed(),
        "a copy's mtime is not when the dump was taken"
    );
    assert!(
        app.messages
            .iter()
            .any(|(m, _)| m.contains("--set goroutines.time=")),
        "{:?}",
        app.messages
    );
}

#[test]
fn goroutine_view_groups_and_stack_80x24() {
    let app = demo_view(80, 24);
    insta::assert_snapshot!(snapshot(&app));
}

#[test]
fn goroutine_view_groups_and_stack_200x50() {
    let mut app = demo_view(200, 50);
    press(&mut app, "j");
    insta::assert_snapshot!(snapshot(&app));
}

#[test]
fn goroutine_view_lock_groups_80x24() {
    let mut app = demo_view(80, 24);
    press(&mut app, "<tab>");
    insta::assert_snapshot!(snapshot(&app));
}

#[test]
fn goroutine_view_lock_groups_200x50() {
    let mut app = demo_view(200, 50);
    press(&mut app, "<tab>");
    insta::assert_snapshot!(snapshot(&app));
}

/// Waits of days (a lock lost on Monday, dumped on Friday): the group list's
/// columns stay aligned, each row's function under the header's `function`,
/// however wide the wait range (`5760–5764 min` pushed them right).
#[test]
fn waits_of_days_keep_the_group_lists_columns() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let demo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/demo/goroutines.txt");
    let text = std::fs::read_to_string(demo).expect("the demo's dump");
    let days = regex::Regex::new(r", (\d) minutes\]").expect("regex");
    let text = days.replace_all(&text, ", 576$1 minutes]");
    let path = tmp.path().join("days.txt");
    std::fs::write(&path, text.as_bytes()).expect("write");
    // Only a dump open: the screen starts in its view.
    let app = loaded(vec![file_spec("days", path)], 80, 24, true);
    let screen = screen(&app);
    let lines: Vec<&str> = screen.lines().collect();
    let header = lines
        .iter()
        .position(|l| l.contains("function ← created by"))
        .unwrap_or_else(|| panic!("the list's header:\n{screen}"));
    let col = |l: &str, at: usize| l.chars().nth(at).unwrap_or(' ');
    let at = lines[header].chars().count() - "function ← created by".chars().count();
    let rows: Vec<&str> = lines[header + 1..]
        .iter()
        .take_while(|l| !l.starts_with('─') && !l.starts_with('↓'))
        .copied()
        .collect();
    assert!(rows.iter().any(|r| r.contains("5764 min")), "{screen}");
    for r in &rows {
        assert!(
            col(r, at - 1) == ' ' && col(r, at) != ' ',
            "not under `function` (column {at}):\n{r}\n{screen}"
        );
    }
}

/// Two dumps of the push service: the first 60 goroutines of the demo's dump
/// at 14:30, the whole dump at 14:35:20; only dumps open.
fn two_dumps(tmp: &std::path::Path, w: u16, h: u16) -> App {
    let before = dump_copy(tmp, "before.txt", Some(60), "2026-11-20T14:30:00Z");
    let after = dump_copy(tmp, "after.txt", None, "2026-11-20T14:35:20Z");
    let specs = [("before", before), ("after", after)]
        .into_iter()
        .map(|(n, p)| file_spec(n, p))
        .collect();
    loaded(specs, w, h, true)
}

#[test]
fn with_only_dumps_open_the_view_starts_and_tab_reaches_the_diff_grown_first() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut app = two_dumps(tmp.path(), 80, 24);
    assert_eq!(
        open_goroutine_view(&app).key,
        DumpKey {
            pane: 0,
            record: None,
            part: None
        },
        "the view opens by itself"
    );
    press(&mut app, "<tab><tab>");
    assert_eq!(open_goroutine_view(&app).section, Section::Diff);
    let d = app
        .dumps
        .diffs
        .get(&(0, 1, false))
        .expect("the diff, older dump first");
    assert_eq!((d.total_before, d.total_after), (60, 155));
    let deltas: Vec<i64> = d.grown.iter().map(|c| c.delta()).collect();
    assert!(
        deltas.windows(2).all(|w| w[0] >= w[1]),
        "largest growth first: {deltas:?}"
    );
    let s = screen(&app);
    assert!(
        s.lines()
            .any(|l| l.contains("grown") && l.contains(&format!("{:+}", deltas[0]))),
        "{s}"
    );
    // From the other dump the same pair is compared, the same way round.
    press(&mut app, "d<tab>d");
    assert_eq!(open_goroutine_view(&app).key.pane, 1);
    press(&mut app, "<tab><tab>");
    assert_eq!(open_goroutine_view(&app).section, Section::Diff);
    assert_eq!(app.dumps.diffs.len(), 1);
}

#[test]
fn goroutine_view_diff_80x24() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut app = two_dumps(tmp.path(), 80, 24);
    press(&mut app, "<tab><tab>");
    insta::assert_snapshot!(snapshot(&app));
}

#[test]
fn goroutine_view_diff_200x50() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut app = two_dumps(tmp.path(), 200, 50);
    press(&mut app, "<tab><tab>j");
    insta::assert_snapshot!(snapshot(&app));
}

/// The details show the longest waiters of a group by selecting them, not
/// by sorting a group that may hold a million: the same as the full order's start.
#[test]
fn longest_waits_is_the_start_of_the_members_by_wait() {
    let app = demo_view(80, 24);
    let a = shown_analysis(&app);
    for g in &a.groups {
        let all = crate::goroutine::group::members_by_wait(&a.dump, g);
        for n in [0, 1, 3, all.len(), all.len() + 5] {
            let top = crate::goroutine::group::longest_waits(&a.dump, &g.members, n);
            assert_eq!(top, all[..n.min(all.len())], "n = {n}");
        }
    }
}

/// At 80 columns the view's two header lines are said shorter rather than
/// cut at the edge: the title kept '… exact stacks · taken 2026-11-20 14'
/// (losing the minute, the origin and the folded idle groups' `a`) and the
/// hints ended 'a id'. Now the time and its origin are whole, and the hints
/// are whole words ending with the help key.
#[test]
fn at_80_columns_the_header_keeps_the_dumps_time_and_whole_hints() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dump = dump_copy(tmp.path(), "goroutines.txt", None, "2026-12-01T11:00:00Z");
    let mut app = demo_with_dump(dump, Some("2026-11-20T14:35:20Z"), 80, 24);
    press(&mut app, ":focus goroutines<enter>d");
    let s = screen(&app);
    let mut lines = s.lines();
    let (title, hints) = (lines.next().expect("title"), lines.next().expect("hints"));
    assert!(
        title.contains("14:35:20 (set)") && title.contains("155 in 14 groups"),
        "{title}"
    );
    assert!(hints.trim_end().ends_with("? keys"), "{hints}");
    // The waits the dump names no object for, in words read at once (the
    // tab said "unaddressed 7").
    assert!(hints.contains(" locks 1 · unnamed waits 7 "), "{hints}");
    for word in hints.split_whitespace() {
        assert!(
            [
                "[groups]",
                "locks",
                "1",
                "·",
                "unnamed",
                "waits",
                "7",
                "tab",
                "section",
                "J/K",
                "details",
                "/",
                "filter",
                "a",
                "idle",
                "x",
                "exact/similar",
                "p",
                "panic",
                "d",
                "raw",
                "?",
                "keys"
            ]
            .contains(&word),
            "a word cut: {word:?} in {hints}"
        );
    }
    // Wider, the whole title as before; a source named as the view is not
    // named twice (it read "goroutines · goroutines · 155 in …").
    app.size = (200, 50);
    let s = screen(&app);
    assert!(
        s.lines().next().is_some_and(|l| l.starts_with(
            " goroutines · 155 in 14 groups · exact stacks · taken 2026-11-20 14:35:20 (set)"
        )),
        "{s}"
    );
}

/// The Go 1.27 panic in a log file with a long name, at 80 columns: the
/// title keeps the panic's time by cutting the name (`…`), and a state
/// longer than its column ends in `…`: 'panic-index-out-of-range-go127, the
/// panic in record 6 · 4 in 3 groups · exact ·' lost the time, and Go 1.27's
/// 'sync.WaitGroup.Wait' read 'sync.WaitGroup.Wai'.
#[test]
fn a_long_name_and_a_long_state_are_cut_with_a_mark() {
    let mut app = corpus_app(
        "panic-index-out-of-range-go127",
        "panic-index-out-of-range-go127.log",
        80,
        24,
    );
    press(&mut app, "ed");
    let s = screen(&app);
    let title = s.lines().next().expect("title");
    assert!(
        title.contains("…")
            && title.contains(" · 4 in 3 groups · exact · ")
            && title.trim_end().ends_with(":46 (log line)"),
        "{title}"
    );
    assert!(s.contains("sync.WaitGroup.Wa…"), "{s}");
}

/// A row or detail line wider than the view ends in `…`, not cut mid-word
/// as if that were all of it (`main.(*Session).writePump ← main.(*Server`
/// at 80 columns; `runtime/sema.go:7` for `:77` at 50).
#[test]
fn lines_wider_than_the_view_end_in_an_ellipsis() {
    let app = demo_view(80, 24);
    let s = screen(&app);
    let row = s
        .lines()
        .find(|l| l.contains("writePump ← "))
        .unwrap_or_else(|| panic!("the writePump group:\n{s}"));
    assert!(row.trim_end().ends_with('…'), "{row:?}\n{s}");
    let app = demo_view(50, 16);
    let s = screen(&app);
    for l in s.lines().filter(|l| l.contains("runtime_SemacquireMutex")) {
        assert!(l.trim_end().ends_with('…'), "{l:?}\n{s}");
    }
    assert!(s.contains("runtime_SemacquireMutex"), "{s}");
}

/// `{` `}` step through the dumps of a file holding several; a file of one
/// dump stays and says so. The help lists both keys, from the key table.
#[test]
fn braces_on_a_file_of_one_dump_say_it_holds_one() {
    let mut app = demo_view(80, 24);
    let before = open_goroutine_view(&app).clone();
    for key in ["}", "{"] {
        press(&mut app, key);
        assert_eq!(open_goroutine_view(&app), &before, "{key}");
        assert_eq!(
            app.message.as_ref().map(|m| m.0.as_str()),
            Some("this source holds one dump"),
            "{key}"
        );
    }
    let help: Vec<String> = crate::tui::view::help_lines(&app)
        .into_iter()
        .map(|(l, _)| l)
        .collect();
    for (key, said) in [("}", "the next dump of a file"), ("{", "the previous dump")] {
        assert!(
            help.iter()
                .any(|l| l.trim_start().starts_with(key) && l.contains(said)),
            "{key}: {help:#?}"
        );
    }
}

/// Three dumps in one file: `{` steps back while the worker reads the dump
/// asked for; another `{` before it answers says so rather than nothing,
/// and the middle dump names the keys both ways.
#[test]
fn braces_wait_for_the_dump_being_read_and_say_so() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let text = "goroutine 1 [running]:\nmain.main()\n\t/a/main.go:3 +0x2\n\n\
goroutine 5 [chan receive]:\nmain.wait()\n\t/a/main.go:9 +0x1\n\n\
goroutine 7 [select]:\nmain.dump()\n\t/a/main.go:21 +0x2\n\n\
goroutine 9 [running]:\nmain.dump()\n\t/a/main.go:20 +0x2\n\n\
goroutine 1 [select]:\nmain.main()\n\t/a/main.go:5 +0x2\n\n\
panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n\t/a/main.go:4 +0x2\n";
    let mut app = loaded(
        vec![written_spec(tmp.path(), "three", text)],
        100,
        24,
        false,
    );
    let number = |app: &App| {
        shown_analysis(app)
            .dump
            .part
            .as_ref()
            .map(|p| (p.number, p.of))
    };
    assert_eq!(number(&app), Some((3, 3)));
    let key = |app: &mut App, k: &str| update(app, Msg::Key(parse_keys(k).expect("key")[0]));
    key(&mut app, "{");
    let asked = open_goroutine_view(&app).key;
    assert_eq!(asked.part, Some(1));
    assert!(
        app.dumps.ready(asked, false).is_none(),
        "the worker has not run"
    );
    key(&mut app, "{");
    assert_eq!(open_goroutine_view(&app).key, asked);
    assert_eq!(message(&app), "the dump asked for is still being read");
    run_jobs(&mut app);
    assert_eq!(number(&app), Some((2, 3)));
    let s = screen(&app);
    assert!(s.contains(" · dump 2 of 3 · "), "{s}");
    assert!(
        s.contains(" begins at line 13 · { } previous, next dump"),
        "{s}"
    );
    // Selected past the end of the list, the last group is the one drawn
    // selected, and the one followed into the first dump.
    press(&mut app, "jjjjj");
    let drawn = selected_headline(&app);
    assert_eq!(drawn, "main.dump");
    press(&mut app, "{");
    assert_eq!(number(&app), Some((1, 3)));
    assert_eq!(selected_headline(&app), drawn);
}

/// `Esc` on a kept filter clears it (as the README and the filter's prompt
/// say), and only then leaves the view; it left the view at once, the
/// filter lost with it. `q` and `d` still leave straight away.
#[test]
fn esc_clears_a_kept_filter_before_it_leaves_the_view() {
    let mut app = demo_view(80, 24);
    press(&mut app, "/kiosk<enter>");
    assert_eq!(open_goroutine_view(&app).filter, "kiosk");
    press(&mut app, "<esc>");
    let v = open_goroutine_view(&app);
    assert!(v.filter.is_empty() && !v.typing, "{v:?}");
    press(&mut app, "<esc>");
    assert_eq!(app.mode, Mode::Normal);
    press(&mut app, "d/kiosk<enter>q");
    assert_eq!(app.mode, Mode::Normal, "q leaves with a filter kept");
}

/// The time step moves the panes' cursor: the status line names it over the
/// panes, not over a view whose keys do not step (the goroutine view, the
/// silence list, the pattern view, the notes list).
#[test]
fn the_status_line_names_the_time_step_only_over_the_panes() {
    let mut app = demo_app(80, 24);
    app.message = None;
    let status = |app: &App| screen(app).lines().last().unwrap_or_default().to_string();
    assert!(status(&app).contains("step "), "{}", status(&app));
    for keys in [":focus goroutines<enter>d", "Q", "p", "'"] {
        let mut app = demo_app(80, 24);
        press(&mut app, keys);
        app.message = None;
        assert!(app.mode != Mode::Normal, "{keys}");
        assert!(!status(&app).contains("step "), "{keys}: {}", status(&app));
    }
}

#[test]
fn the_group_list_says_how_many_groups_are_below_and_above_80x24() {
    let mut app = demo_view(80, 24);
    let list = |app: &App| -> Vec<String> {
        let s = screen(app);
        let rows: Vec<String> = s
            .lines()
            .skip(3)
            .take_while(|l| !l.starts_with('─'))
            .map(|l| l.trim_end().to_string())
            .collect();
        rows
    };
    // 14 groups, 7 rows: 6 groups and what is below.
    let rows = list(&app);
    assert_eq!(rows.len(), 7, "{rows:#?}");
    assert_eq!(rows[6], "↓ 8 more", "{rows:#?}");
    // The seventh selected: five groups between the two.
    press(&mut app, "jjjjjj");
    let rows = list(&app);
    assert_eq!(
        (rows[0].as_str(), rows[6].as_str()),
        ("↑ 2 more", "↓ 7 more"),
        "{rows:#?}"
    );
    press(&mut app, &"j".repeat(7));
    let rows = list(&app);
    assert_eq!(rows[0], "↑ 8 more", "{rows:#?}");
    assert!(rows.iter().all(|r| !r.starts_with('↓')), "{rows:#?}");
}
