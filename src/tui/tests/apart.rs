//! Sources that do not overlap in time: nginx's access log (13:35:30 to
//! 13:35:32) and the journal (14:08:38 to 14:08:45), from the corpus. The
//! overview spans both, the 33 minutes between them a narrow break, and the
//! first cursor stands on the earliest record.

use std::path::PathBuf;

use super::*;

fn corpus_spec(name: &str, rel: &str) -> SourceSpec {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(rel);
    file_spec(name, path)
}

fn apart(w: u16, h: u16) -> App {
    let specs = vec![
        corpus_spec("nginx", "nginx/access-combined.log"),
        corpus_spec("journal", "journald/journalctl-short-iso.txt"),
    ];
    loaded(specs, w, h, true)
}

#[test]
fn the_overview_spans_sources_apart_in_time_with_the_gap_a_break() {
    let mut app = apart(100, 24);
    let nginx_first = app.panes[0].source.as_ref().and_then(|s| s.first_time());
    assert_eq!(Some(app.cursor), nginx_first, "the first cursor");
    let s = screen(&app);
    assert!(s.contains("┆33m06s┆"), "{s}");
    insta::assert_snapshot!(snapshot(&app));
    // At the end: the journal's last record.
    press(&mut app, "G");
    insta::assert_snapshot!("apart_at_the_end", snapshot(&app));
}

/// With an incident window (`--since`), the first cursor is at its start.
#[test]
fn the_first_cursor_is_at_the_window_start_when_one_is_set() {
    let specs = [
        corpus_spec("nginx", "nginx/access-combined.log"),
        corpus_spec("journal", "journald/journalctl-short-iso.txt"),
    ];
    let since = crate::time::civil_to_nanos(2026, 11, 23, 14, 8, 40, 0).expect("time");
    let mut app = new_app(
        specs.iter().map(|s| s.name.clone()).collect(),
        &ViewOptions {
            since: Some(since),
            ..test_view()
        },
        true,
    );
    app.size = (100, 24);
    for (id, spec) in specs.iter().enumerate() {
        update(&mut app, done(id, spec));
    }
    run_jobs(&mut app);
    assert_eq!(app.cursor, since);
}

/// The records next to a break are drawn beside it: the journal's first
/// (14:08:38, where the break ends) in the column right after it, nginx's
/// last (13:35:32, where it begins) right before it; neither falls under the
/// break, and the cursor on nginx's last record is marked beside the break.
#[test]
fn records_at_a_breaks_edges_show_beside_it() {
    let mut app = apart(100, 24);
    let s = screen(&app);
    let row = |name: &str| -> Vec<char> {
        s.lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("no {name} row:\n{s}"))
            .chars()
            .collect()
    };
    let edges = |r: &[char]| -> (usize, usize) {
        let first = r.iter().position(|&c| c == '┆').expect("a break");
        let last = r.iter().rposition(|&c| c == '┆').expect("a break");
        (first, last)
    };
    let journal = row("journal");
    let (_, last) = edges(&journal);
    assert!(
        !journal[last + 1].is_whitespace(),
        "the journal's first records, where the break ends, right after it:\n{s}"
    );
    let nginx = row("nginx");
    let (first, _) = edges(&nginx);
    assert!(
        !nginx[first - 1].is_whitespace(),
        "nginx's last record, where the break begins, right before it:\n{s}"
    );
    // The cursor on nginx's last record: marked beside the break, not in it.
    let last_nginx = app.panes[0].source.as_ref().and_then(|s| s.last_time());
    crate::tui::update::apply(
        &mut app,
        crate::tui::action::Action::GotoTime(last_nginx.expect("timed")),
    );
    let s = screen(&app);
    let axis: Vec<char> = s.lines().next().unwrap_or_default().chars().collect();
    let cursor = axis
        .iter()
        .position(|&c| c == '▼')
        .expect("the cursor mark");
    assert_eq!(
        axis.get(cursor + 1),
        Some(&'┆'),
        "the cursor just before the break:\n{s}"
    );
}

/// Every record at one instant (a range of no length): the overview draws
/// them in the first column, under the cursor's mark, not in the last.
#[test]
fn records_all_at_one_instant_show_under_the_cursor() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "2026-11-20T14:31:07Z ERROR boom\n2026-11-20T14:31:07Z INFO after\n";
    let app = loaded(vec![written_spec(dir.path(), "one", text)], 80, 24, false);
    let s = screen(&app);
    let axis: Vec<char> = s.lines().next().unwrap_or_default().chars().collect();
    let row: Vec<char> = s
        .lines()
        .find(|l| l.starts_with("one"))
        .unwrap_or_default()
        .chars()
        .collect();
    let cursor = axis
        .iter()
        .position(|&c| c == '▼')
        .expect("the cursor mark");
    assert_eq!(
        row.get(cursor),
        Some(&'!'),
        "the error under the cursor:\n{s}"
    );
}

/// A break near the end of the range (a dump placed seconds after the logs
/// ended): the stretch after it is wide enough for the range's end time, so
/// the break's length and the end time both show whole; where the cursor
/// mark pushes the end time left over the break, the break keeps its edge
/// but not its length: digits cut there ran into the time (`┆3214:31:11`,
/// read as 32 and a time).
#[test]
fn a_break_near_the_end_leaves_the_end_time_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut ticks = String::new();
    for i in 0..20 {
        ticks.push_str(&format!(
            "2026-11-20T14:30:{:02}.000Z INFO tick {i}\n",
            i * 2
        ));
    }
    let late = "2026-11-20T14:31:10.000Z INFO late\n2026-11-20T14:31:11.000Z INFO later\n";
    let specs = vec![
        written_spec(dir.path(), "ticks", &ticks),
        written_spec(dir.path(), "late", late),
    ];
    let end_whole = |s: &str| {
        let axis = s.lines().next().unwrap_or_default().trim_end();
        let at = axis.find("14:31:11").expect("the end time");
        let before = axis[..at].chars().last();
        assert!(
            before.is_some_and(|c| !c.is_ascii_alphanumeric() && c != '.'),
            "no label runs into the end time ({before:?}):\n{s}"
        );
    };
    for w in [80, 200] {
        let mut app = loaded(specs.clone(), w, 24, false);
        let s = screen(&app);
        assert!(s.lines().next().is_some_and(|a| a.contains("┆32s┆")), "{s}");
        end_whole(&s);
        press(&mut app, "G");
        end_whole(&screen(&app));
    }
}
