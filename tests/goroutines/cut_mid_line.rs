//! A dump cut off mid-line at its end (a copy cut short, a disk that filled
//! up, `head -c`): wherever the cut falls, in a function line, a `created
//! by` line, a file:line or a goroutine's header, or right after the `created
//! by` line, the goroutines before it are read and one warning says where
//! the text broke off.

use crate::common::*;
use crate::support::*;

/// The screen's first 8 lines (title, hints and the warning under them),
/// trimmed and joined by spaces: a warning wrapped over lines reads whole.
fn top_of(screen: &str) -> String {
    screen
        .lines()
        .take(8)
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_dump_cut_mid_line_says_where_it_broke_off() {
    let test = "a_dump_cut_mid_line_says_where_it_broke_off";
    for go in toolchains(test) {
        let name = &go.name;
        let dir = run_ok(&go.plain(), &["-scenario", "mutex", "-waiters", "50"], name);
        let text = std::fs::read_to_string(dir.path().join("mutex-debug2.txt")).expect("dump");
        // The last waiter's lines: its header, frames and `created by`.
        let header = text.rfind("]:\nsync.runtime_SemacquireMutex").map_or_else(
            || text.rfind("]:\ninternal/sync.runtime_SemacquireMutex"),
            Some,
        );
        let header = text[..header.expect("a waiter")]
            .rfind("\ngoroutine ")
            .expect("its header")
            + 1;
        let after = |needle: &str| header + text[header..].find(needle).expect(needle);
        let created = after("\ncreated by ") + 1;
        let mid = "ends mid-line";
        let cuts = [
            ("in its header", header + "goroutine 1".len(), mid),
            (
                "in a function line",
                after("\nmain.(*Broker).Send(") + 8,
                mid,
            ),
            ("in a file:line", after("main.go:") + "main.go:1".len(), mid),
            ("in its created-by line", created + 14, mid),
            (
                "after its created-by line",
                created + text[created..].find('\n').expect("a line") + 1,
                "the text ends after `created by main.runMutex",
            ),
        ];
        for (what, at, said) in cuts {
            let cut = &text[..at];
            let line = cut.lines().count();
            let headers = cut
                .lines()
                .filter(|l| l.starts_with("goroutine ") && l.ends_with("]:"))
                .count() as u64;
            let d = tempfile::tempdir().expect("tempdir");
            let path = write(d.path(), "cut.txt", cut.as_bytes());
            let v = goroutines_json(&[s(&path)]);
            assert_eq!(v["total"], headers, "{name} {what}");
            let warnings: Vec<&str> = v["warnings"]
                .as_array()
                .expect("warnings")
                .iter()
                .map(|w| w.as_str().expect("a warning"))
                .collect();
            assert!(
                warnings.len() == 1
                    && warnings[0].starts_with(&format!("line {line}: "))
                    && warnings[0].contains(said)
                    && warnings[0].ends_with("(truncated?)"),
                "{name} {what}: {warnings:?}\n{}",
                &cut[cut.len() - 200..]
            );
            // The goroutine view says it too, whole, under its title.
            let mut app = crate::tui::view::open(&[&path]);
            app.size = (80, 24);
            let screen = crate::tui::view::screen(&app);
            let shown = top_of(&screen);
            assert!(
                shown.contains(&format!("⚠ {}", warnings[0])),
                "{name} {what}:\n{screen}"
            );
        }
    }
}

/// `--diff` against a dump cut short says it was cut: what the cut lost
/// would otherwise read as goroutines gone.
#[test]
fn a_diff_with_a_dump_cut_short_says_so() {
    let test = "a_diff_with_a_dump_cut_short_says_so";
    for go in toolchains(test) {
        let name = &go.name;
        let dir = run_ok(&go.plain(), &["-scenario", "mutex", "-waiters", "50"], name);
        let full = dir.path().join("mutex-debug2.txt");
        let text = std::fs::read_to_string(&full).expect("dump");
        // Cut in a function line, half way through.
        let half = text.len() / 2;
        let at = half + text[half..].find("\nmain.").expect("a function line") + 5;
        let cut = write(dir.path(), "cut.txt", &text.as_bytes()[..at]);
        let alone = goroutines_json(&[s(&cut)]);
        let said = alone["warnings"][0]
            .as_str()
            .expect("a warning")
            .to_string();
        let o = casefile(&["goroutines", "--diff", s(&full), s(&cut)]);
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        let out = stdout(&o);
        assert!(
            out.contains(&format!("\nwarnings:\n  cut: {said}\n")),
            "{name}:\n{out}"
        );
        let v = goroutines_json(&["--diff", s(&full), s(&cut)]);
        assert_eq!(
            v["warnings"],
            serde_json::json!([format!("cut: {said}")]),
            "{name}"
        );

        // The screen's diff, seen from the whole dump, says it too.
        let mut app = crate::tui::view::open(&[&full, &cut]);
        app.size = (120, 30);
        crate::tui::view::press(&mut app, "<tab><tab>");
        assert_eq!(
            crate::tui::view::section(&app),
            casefile::tui::goroutine_view::Section::Diff,
            "{name}"
        );
        let screen = crate::tui::view::screen(&app);
        let shown = top_of(&screen);
        assert!(
            shown.contains(&format!("⚠ cut: {said}")),
            "{name}:\n{screen}"
        );
    }
}

/// A real dump at the end of a log longer than the index's 256 KiB sample,
/// cut inside its last goroutine's header or right after that header's
/// line: `index` and `show` say it was cut short, naming the file's line, as
/// they do of a short file. They said nothing: the index looked for a cut
/// dump only inside its sample.
#[test]
fn a_dump_cut_in_a_header_at_the_end_of_a_long_log_is_said_cut() {
    let test = "a_dump_cut_in_a_header_at_the_end_of_a_long_log_is_said_cut";
    let log = crate::tails::long_log(300 * 1024);
    for go in toolchains(test) {
        let name = &go.name;
        let dir = run_ok(&go.plain(), &["-scenario", "mutex", "-waiters", "50"], name);
        let text = std::fs::read_to_string(dir.path().join("mutex-debug2.txt")).expect("dump");
        let d = tempfile::tempdir().expect("tempdir");
        for cut in crate::tails::last_header_cuts(&text) {
            let log = format!("{log}{}", cut.text);
            let said = cut.said(log.lines().count() as u64);
            for (end, tail) in [("unended", ""), ("lf", "\n")] {
                let stem = format!("{}-{end}", cut.what);
                let path = write(
                    d.path(),
                    &format!("{stem}.log"),
                    format!("{log}{tail}").as_bytes(),
                );
                let v = index_json(&[s(&path)]);
                let source = &v["sources"][0];
                assert_eq!(source["format"], "iso8601", "{name} {stem}");
                assert!(
                    source["warnings"]
                        .as_array()
                        .expect("warnings")
                        .iter()
                        .any(|w| *w == said),
                    "{name} {stem}: {said:?} not in {}",
                    source["warnings"]
                );
                let shown = stderr(&casefile(&["show", "--at", "14:00", s(&path)]));
                assert!(
                    shown.contains(&format!("casefile: {stem}: {said}\n")),
                    "{name} {stem}: {shown}"
                );
            }
        }
    }
}

/// A waiter cut in its standard library frames (`sync.(*Mutex).Lock(..`, the
/// file's end, before its own `main.(*Broker).Send` frame and its `created
/// by`): what the cut hid is unknown, so it is no standard library idle
/// goroutine. It was folded away as one (`1 of the standard library's idle
/// goroutines in 1 group folded`), while the lock's sentence counted it
/// among the mutex's waiters.
#[test]
fn a_goroutine_cut_in_its_library_frames_is_not_folded_as_idle() {
    let test = "a_goroutine_cut_in_its_library_frames_is_not_folded_as_idle";
    for go in toolchains(test) {
        let name = &go.name;
        let dir = run_ok(&go.plain(), &["-scenario", "mutex", "-waiters", "50"], name);
        let text = std::fs::read_to_string(dir.path().join("mutex-debug2.txt")).expect("dump");
        // The last waiter's `…Mutex).Lock(` line, cut after its call's name.
        let lock = text
            .rfind("\nsync.(*Mutex).Lock(")
            .map_or_else(|| text.rfind("\ninternal/sync.(*Mutex).Lock("), Some);
        let at = lock.expect("a waiter's Lock frame") + 1;
        let at = at + text[at..].find('(').expect("its call") + 3;
        let d = tempfile::tempdir().expect("tempdir");
        let path = write(d.path(), "cut.txt", &text.as_bytes()[..at]);
        // The cut waiter: the last header before the cut.
        let header = text[..at].rfind("\ngoroutine ").expect("its header") + 1;
        let id: u64 = text[header + "goroutine ".len()..]
            .split(' ')
            .next()
            .and_then(|n| n.parse().ok())
            .expect("its id");
        let v = goroutines_json(&[s(&path)]);
        let groups = v["groups"].as_array().expect("groups");
        let cut = groups
            .iter()
            .find(|g| {
                g["ids"]
                    .as_array()
                    .is_some_and(|ids| ids.contains(&id.into()))
            })
            .unwrap_or_else(|| {
                panic!("{name}: goroutine {id} in no group listed: {}", v["folded"])
            });
        assert_eq!(cut["idle"], false, "{name}: {cut}");
        let (out, _) = casefile_exits(0, &["goroutines", s(&path)]);
        let listed = out
            .lines()
            .filter(|l| l.trim_start().starts_with("goroutines:"))
            .any(|l| l.split_whitespace().any(|w| w == id.to_string()));
        assert!(listed, "{name}: goroutine {id} not listed:\n{out}");
    }
}
