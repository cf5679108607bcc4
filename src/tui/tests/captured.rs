//! A Go panic that journald captured line by line, on the screen: one record,
//! its lines read as the program wrote them, and `d` opens it as a dump.

use std::path::PathBuf;

use super::*;

/// The corpus's journal JSON (systemd 252, a Go panic one entry per line),
/// with the cursor on the panic.
fn journal_at_panic(w: u16, h: u16) -> App {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/journald/journalctl.json");
    let mut app = loaded(vec![file_spec("journal", path)], w, h, true);
    press(&mut app, "/panic: <enter>");
    app
}

#[test]
fn a_journald_panic_is_one_record_read_as_the_program_wrote_it() {
    for (w, h) in [(80, 24), (200, 50)] {
        let app = journal_at_panic(w, h);
        let s = screen(&app);
        assert!(
            s.contains("panic: runtime error: index out of range"),
            "{s}"
        );
        // The record's lines are the messages, not the journal's JSON.
        assert!(s.contains("goroutine 21 [running]:"), "{s}");
        assert!(!s.contains(r#""MESSAGE":"goroutine 21"#), "{s}");
        insta::assert_snapshot!(format!("journald_panic_{w}x{h}"), snapshot(&app));
    }
}

#[test]
fn d_opens_the_journald_panic_as_a_dump() {
    let mut app = journal_at_panic(120, 40);
    press(&mut app, "d");
    let a = shown_analysis(&app);
    let p = a.dump.panic.as_ref().expect("panic");
    assert_eq!(p.goroutine, Some(21));
    assert_eq!(a.dump.total(), 4);
    let s = screen(&app);
    assert!(s.contains("main.main.func1"), "{s}");
}

/// The same journal written by `journalctl -o verbose` and `-o export`
/// (the corpus's three files hold the same 58 entries): the screen at the
/// panic is the JSON journal's, and `d` opens the same dump.
#[test]
fn verbose_and_export_journals_show_the_panic_as_the_json_one() {
    let at_panic = |file: &str| {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/corpus/journald")
            .join(file);
        let mut app = loaded(vec![file_spec("journal", path)], 120, 40, true);
        press(&mut app, "/panic: <enter>");
        app
    };
    let json = at_panic("journalctl.json");
    for file in ["journalctl-verbose.txt", "journalctl.export"] {
        let mut app = at_panic(file);
        assert_eq!(screen(&app), screen(&json), "{file}");
        press(&mut app, "d");
        let a = shown_analysis(&app);
        let p = a.dump.panic.as_ref().expect("panic");
        assert_eq!(p.goroutine, Some(21), "{file}");
        assert_eq!(a.dump.total(), 4, "{file}");
    }
}
