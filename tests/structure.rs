//! The module structure the architecture relies on, checked on the source
//! text: no import cycles between the layers, no terminal crate in the core,
//! and no state change outside `update` in the event loop.

use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file under `dir`, with its text.
fn sources(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).expect("readable source dir") {
            let p = e.expect("dir entry").path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = fs::read_to_string(&p).expect("readable source");
                out.push((p, text));
            }
        }
    }
    assert!(!out.is_empty(), "no sources under {}", dir.display());
    out
}

/// Files under `dir` whose code (comments left out) mentions any of `words`.
fn offenders(dir: &str, words: &[&str]) -> Vec<String> {
    sources(&root().join(dir))
        .into_iter()
        .filter(|(_, text)| {
            text.lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .any(|l| words.iter().any(|w| l.contains(w)))
        })
        .map(|(p, _)| p.display().to_string())
        .collect()
}

#[test]
fn update_does_not_import_view() {
    let bad = offenders(
        "src/tui/update",
        &["tui::view", "super::view", "super::super::view"],
    );
    assert!(
        bad.is_empty(),
        "update uses view (use tui::layout): {bad:?}"
    );
}

#[test]
fn view_does_not_import_update() {
    let bad = offenders(
        "src/tui/view",
        &["tui::update", "super::update", "super::super::update"],
    );
    assert!(bad.is_empty(), "view uses update: {bad:?}");
}

#[test]
fn tui_entry_does_not_call_back_into_commands() {
    let text = fs::read_to_string(root().join("src/tui_entry.rs")).expect("tui_entry.rs");
    assert!(
        !text.contains("crate::commands"),
        "tui_entry.rs imports commands, which calls it: {text}"
    );
}

#[test]
fn the_core_has_no_terminal_dependency() {
    let mut bad = Vec::new();
    for (p, text) in sources(&root().join("src")) {
        let in_tui = p.starts_with(root().join("src/tui"));
        if !in_tui && (text.contains("ratatui") || text.contains("crossterm")) {
            bad.push(p.display().to_string());
        }
    }
    assert!(bad.is_empty(), "terminal crates outside src/tui: {bad:?}");
}

#[test]
fn the_event_loop_changes_the_app_only_through_update() {
    let text = fs::read_to_string(root().join("src/tui/mod.rs")).expect("tui/mod.rs");
    let body = &text[text.find("fn event_loop(").expect("an event loop")..];
    for line in body.lines() {
        let l = line.trim();
        let assigns = l
            .strip_prefix("app.")
            .and_then(|rest| rest.split_once('='))
            .is_some_and(|(lhs, rhs)| !lhs.contains(['(', '!', '<', '>']) && !rhs.starts_with('='));
        assert!(!assigns, "the event loop assigns to the app: {l}");
        for m in ["app.panes", "app.jobs", "iter_mut", ".drain("] {
            assert!(!l.contains(m), "the event loop changes the app: {l}");
        }
    }
}
