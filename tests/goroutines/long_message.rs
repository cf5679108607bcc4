//! A panic whose message quotes a long text (an upstream's 300 KiB error
//! page, 4,689 lines): `goroutines` prints the message's first lines and
//! says how many lines and bytes it left out, before the groups; `--json`
//! gives it whole (it was cut after 2,000 characters).

use crate::common::*;
use crate::support::*;
use crate::tails::panic_dump;

/// The lines of a text output's panic message that are printed.
const SHOWN: usize = 8;

/// The panic's message as the runtime wrote it: after `panic: `, up to the
/// blank line before goroutine 1 (Go 1.27 indents its later lines by a tab).
fn message_of(dump: &str) -> String {
    let start = dump.find("panic: ").expect("a panic") + "panic: ".len();
    let end = dump.find("\ngoroutine 1 [running]:").expect("goroutine 1");
    dump[start..end]
        .trim_end()
        .lines()
        .map(|l| l.strip_prefix('\t').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Before, the text printed the message's first 2,000 characters, 31 lines
/// and a cut in the 32nd, a screen of the same error page.
#[test]
fn a_long_panic_message_prints_its_first_lines_and_what_it_left_out() {
    let test = "a_long_panic_message_prints_its_first_lines_and_what_it_left_out";
    for go in toolchains(test) {
        let name = &go.name;
        let d = tempfile::tempdir().expect("tempdir");
        let dump = panic_dump(&go, "300000");
        let path = write(d.path(), "panic.txt", dump.as_bytes());
        let message = message_of(&dump);
        let lines: Vec<&str> = message.lines().collect();
        assert!(lines.len() > 4000, "{name}: {} lines", lines.len());
        let kept = lines[..SHOWN].join("\n");
        let left = &message[kept.len() + 1..];

        let out = casefile_ok(&["goroutines", s(&path)]);
        let panic = out.find("\npanic: ").expect("the panic") + 1;
        let end = out[panic..]
            .find("\n  in goroutine 1\n")
            .expect("its goroutine")
            + panic;
        let expected = format!(
            "panic: {kept}\n  … (+{} more lines, {} bytes)",
            casefile::ansi::thousands(lines.len() - SHOWN),
            casefile::ansi::thousands(left.len())
        );
        assert_eq!(&out[panic..end], expected, "{name}");

        // JSON is for scripts: the message whole.
        let v = goroutines_json(&[s(&path)]);
        assert_eq!(v["panic"]["message"], message.as_str(), "{name}");
    }
}

/// The goroutine view's panic line is one row, its head: the message's lines
/// stay apart there (`⏎`), the first one whole, then the panicking goroutine.
/// Before, they were glued (`502 Bad Gateway:<p>upstream connect error…`).
#[test]
fn the_goroutine_view_keeps_a_long_messages_lines_apart() {
    let test = "the_goroutine_view_keeps_a_long_messages_lines_apart";
    for go in toolchains(test) {
        let name = &go.name;
        let d = tempfile::tempdir().expect("tempdir");
        let dump = panic_dump(&go, "300000");
        let path = write(d.path(), "panic.txt", dump.as_bytes());
        // A dump alone opens in the goroutine view.
        let app = crate::tui::view::open(&[&path]);
        let screen = crate::tui::view::screen(&app);
        let page = "<p>upstream connect error or disconnect/reset before headers</p>";
        let panic = screen
            .lines()
            .find(|l| l.starts_with(" panic: "))
            .unwrap_or_else(|| panic!("{name}: no panic line:\n{screen}"));
        // The message gives way (`…`) to the goroutine and its key, kept
        // whole at the row's end.
        assert!(
            panic.starts_with(&format!(
                " panic: fetch config: 502 Bad Gateway: ⏎ {}",
                &page[..40]
            )) && panic.trim_end().ends_with("… · goroutine 1 (p)"),
            "{name}: {panic}"
        );
        assert!(screen.lines().count() <= 40, "{name}: one screen");
    }
}

/// A panic whose message runs past the lines detection reads (a quoted
/// error page of 100 lines, or of 300 KiB: past the whole sample) is still
/// read as a Go dump, a record for the panic and one a goroutine, and it
/// opens in the goroutine view, which lists its goroutines. Before, such a file was `plain`: each
/// of Go 1.19's unindented message lines a record, a warning that no
/// timestamps were recognised, and (Go 1.19) a view of no goroutines.
#[test]
fn a_panic_with_a_long_message_is_read_as_a_dump() {
    let test = "a_panic_with_a_long_message_is_read_as_a_dump";
    for go in toolchains(test) {
        let name = &go.name;
        for page in ["6400", "300000"] {
            let d = tempfile::tempdir().expect("tempdir");
            let dump = panic_dump(&go, page);
            let path = write(d.path(), "panic.txt", dump.as_bytes());
            let v = index_json(&[s(&path)]);
            let src = &v["sources"][0];
            assert_eq!(src["format"], "go-dump", "{name}, page {page}: {src}");
            // The panic, and each of its 1501 goroutines (as a short
            // panic's dump is read).
            assert_eq!(src["records"], 1502, "{name}, page {page}: {src}");
            let warnings = src["warnings"].as_array().expect("warnings");
            assert!(
                !warnings.iter().any(|w| w
                    .as_str()
                    .unwrap_or_default()
                    .contains("no timestamps recognised")),
                "{name}, page {page}: {warnings:?}"
            );
            // A dump alone opens in the goroutine view: the panicking
            // goroutine, and its 1500 waiters in one group (the program
            // panics once every one is parked on its channel, so none is
            // caught `runnable`, a group of its own).
            let app = crate::tui::view::open(&[&path]);
            let screen = crate::tui::view::screen(&app);
            assert!(
                screen.contains(" · 1501 in 2 groups · "),
                "{name}, page {page}:\n{screen}"
            );
        }
    }
}
