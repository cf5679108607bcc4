//! A one-line record of 50 MiB is one template of 50 MiB. The pattern view,
//! the palette and the filter's description show its start, cut with `…`,
//! and clean no more of it per frame or keystroke than can show.

use super::*;
use crate::ansi::CLEANED_BYTES;
use crate::tui::app::Mode;

/// The huge record's words, then 50 MiB of `x`.
const START: &str = "cache flush stalled on ";

/// A log whose middle record is `WARN cache flush stalled on xxx…` (50 MiB).
fn huge_log(dir: &std::path::Path) -> PathBuf {
    use std::io::Write;
    let path = dir.join("huge.log");
    let mut f = std::fs::File::create(&path).expect("create");
    f.write_all(b"2022-03-24 17:00:00 INFO before\n2022-03-24 17:00:01 WARN ")
        .expect("write");
    f.write_all(START.as_bytes()).expect("write");
    f.write_all(&vec![b'x'; 50 << 20]).expect("write");
    f.write_all(b"\n2022-03-24 17:00:02 INFO after\n")
        .expect("write");
    path
}

fn huge_app(dir: &std::path::Path, w: u16, h: u16) -> App {
    loaded(vec![file_spec("huge", huge_log(dir))], w, h, true)
}

/// Bytes cleaned for the terminal while drawing one frame.
fn cleaned_by_a_frame(app: &App) -> (String, usize) {
    CLEANED_BYTES.with(|n| n.set(0));
    let shot = snapshot(app);
    (shot, CLEANED_BYTES.with(|n| n.get()))
}

#[test]
fn a_50_mb_template_is_cut_to_what_shows_in_the_pattern_view_and_palette() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = huge_app(dir.path(), 80, 24);
    let mined = app.patterns.as_ref().expect("mined");
    let huge = mined.patterns[0]
        .templates
        .iter()
        .map(|t| t.text.len())
        .max();
    assert!(huge > Some(50 << 20), "one template of 50 MiB: {huge:?}");

    press(&mut app, "p");
    let (shot, cleaned) = cleaned_by_a_frame(&app);
    insta::assert_snapshot!("huge_template_patterns_80x24", shot);
    assert!(cleaned < 64 << 10, "a frame cleaned {cleaned} bytes");
    app.size = (200, 50);
    let (shot, cleaned) = cleaned_by_a_frame(&app);
    insta::assert_snapshot!("huge_template_patterns_200x50", shot);
    assert!(cleaned < 64 << 10, "a frame cleaned {cleaned} bytes");

    // The palette finds it by its first words, from a label of bounded length.
    press(&mut app, "<esc>");
    CLEANED_BYTES.with(|n| n.set(0));
    let found = crate::tui::palette::entries(&app, "flush stalled");
    let label = &found.first().expect("found").label;
    assert!(
        label.starts_with(&format!("pattern {START}xxx")) && label.len() < 1000,
        "a label of {} bytes: {}",
        label.len(),
        &label[..label.len().min(100)]
    );
    assert!(
        label.ends_with("… (+52,428,623 bytes)"),
        "says how much was left out: …{}",
        &label[label.len().saturating_sub(40)..]
    );
    let cleaned = CLEANED_BYTES.with(|n| n.get());
    assert!(cleaned < 64 << 10, "a keystroke cleaned {cleaned} bytes");
    press(&mut app, "<C-p>flush stalled");
    assert!(matches!(app.mode, Mode::Palette { .. }));
    let (shot, cleaned) = cleaned_by_a_frame(&app);
    insta::assert_snapshot!("huge_template_palette_200x50", shot);
    assert!(cleaned < 64 << 10, "a frame cleaned {cleaned} bytes");

    // Enter opens the view on it, Enter there filters to it: the pane's
    // title and the status line name the filter by the template's start.
    press(&mut app, "<enter><enter>");
    assert_eq!(app.panes[0].visible.as_ref().map(|v| v.len()), Some(1));
    let (shot, cleaned) = cleaned_by_a_frame(&app);
    insta::assert_snapshot!("huge_template_filtered_200x50", shot);
    assert!(cleaned < 64 << 10, "a frame cleaned {cleaned} bytes");
}

/// Selected, the 50 MiB template shows below the list in 4 rows at most, the
/// last ending in `…`, and a frame cleans no more of it than those rows show.
#[test]
fn a_50_mb_template_selected_shows_its_start_below_the_list() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = huge_app(dir.path(), 80, 24);
    press(&mut app, "pj");
    let (shot, cleaned) = cleaned_by_a_frame(&app);
    assert!(cleaned < 64 << 10, "a frame cleaned {cleaned} bytes");
    let lines: Vec<&str> = shot.lines().collect();
    let rule = lines
        .iter()
        .position(|l| l.starts_with("────"))
        .unwrap_or_else(|| panic!("a rule below the list:\n{shot}"));
    let below: Vec<&str> = lines[rule + 1..]
        .iter()
        .take_while(|l| l.starts_with(' ') && !l.starts_with(" 2022-"))
        .copied()
        .collect();
    assert_eq!(below.len(), 4, "{shot}");
    assert_eq!(below[0].trim(), START.trim(), "{shot}");
    assert!(below[1].starts_with(" xxx"), "{shot}");
    assert!(below[3].ends_with("xxx…"), "{shot}");
}

/// A note on the 50 MiB record: its editor, anchor and the notes list quote
/// the record's start, and neither a key nor a frame cleans it whole.
#[test]
fn a_note_on_a_50_mb_record_quotes_its_start() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = dir.path().join("t.casefile.json");
    let mut app = super::case::app_with_case(&["huge"], vec![vec![huge_log(dir.path())]], &case);
    run_jobs(&mut app);
    press(&mut app, "j");
    assert_eq!(record_at_cursor(&app, 0), 1, "on the huge record");
    CLEANED_BYTES.with(|n| n.set(0));
    press(&mut app, "a");
    let Mode::NoteEditor(e) = &app.mode else {
        panic!("a opens the editor")
    };
    assert!(
        e.about
            .starts_with(&format!("huge 17:00:01.000 │ WRN {START}xxx"))
            && e.about.len() < 4096,
        "an editor header of {} bytes: {}",
        e.about.len(),
        &e.about[..e.about.len().min(100)]
    );
    let cleaned = CLEANED_BYTES.with(|n| n.get());
    assert!(
        cleaned < 64 << 10,
        "opening the editor cleaned {cleaned} bytes"
    );
    press(&mut app, "stall<C-s>");
    super::settle(&mut app);
    let notes = crate::case::Store::open(&case)
        .expect("reopen")
        .case()
        .notes
        .clone();
    let line = &notes[0].anchor.as_ref().expect("anchored").line;
    assert!(
        line.starts_with(&format!("2022-03-24 17:00:01 WARN {START}xxx"))
            && line.chars().count() == 240,
        "an anchor line of {} bytes: {}",
        line.len(),
        &line[..line.len().min(100)]
    );
    press(&mut app, "'");
    assert!(matches!(app.mode, Mode::Notes(_)));
    let (shot, cleaned) = cleaned_by_a_frame(&app);
    insta::assert_snapshot!("huge_record_notes_200x40", shot);
    assert!(cleaned < 64 << 10, "a frame cleaned {cleaned} bytes");
}

/// A Go panic whose message is 50 MiB (`panic(hugeString)`): the goroutine
/// view shows the message's start and cleans no more of it per frame than
/// can show.
#[test]
fn a_50_mb_panic_message_is_cut_to_what_shows_in_the_goroutine_view() {
    use std::io::Write;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("panic.log");
    let mut f = std::fs::File::create(&path).expect("create");
    f.write_all(b"panic: queue overflow ").expect("write");
    f.write_all(&vec![b'x'; 50 << 20]).expect("write");
    f.write_all(
        b"\n\ngoroutine 1 [running]:\nmain.main()\n\t/src/app/main.go:12 +0x1d\nexit status 2\n",
    )
    .expect("write");
    drop(f);
    // Read as a dump (its message fills the sample: judged from its first
    // goroutine on), it opens in the goroutine view by itself.
    let mut app = loaded(vec![file_spec("panic", path)], 80, 24, true);
    let a = shown_analysis(&app);
    let p = a.dump.panic.as_ref().expect("the panic");
    assert!(p.message.len() > 50 << 20, "{}", p.message.len());
    for size in [(80, 24), (200, 50)] {
        app.size = size;
        let (s, cleaned) = cleaned_by_a_frame(&app);
        assert!(s.contains("queue overflow xxx"), "{s}");
        assert!(
            cleaned < 64 << 10,
            "{size:?}: a frame cleaned {cleaned} bytes"
        );
    }
}
