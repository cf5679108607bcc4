//! The command palette's entries: every command of the keymap, every `:`
//! command of the command table, every source, every silence, and every
//! source's message templates once mined.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::action::Action;
use super::app::App;
use super::cmdline::COMMANDS;
use super::keymap::Context;

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub label: String,
    pub keys: String,
    pub description: String,
    pub action: Action,
}

/// Entries matching `input`, best first (all of them, in table order, when empty).
pub fn entries(app: &App, input: &str) -> Vec<Entry> {
    let mut all: Vec<Entry> = app
        .keymap
        .bindings
        .iter()
        .filter(|b| b.context == Context::Normal)
        .map(|b| Entry {
            label: b.name.to_string(),
            keys: app.keymap.keys_of(b),
            description: b.description.to_string(),
            action: b.action.clone(),
        })
        .collect();
    // Commands that take an argument open the command line with their name typed.
    for c in COMMANDS {
        let action = if c.arg.is_empty() {
            Action::Command(c.name.to_string())
        } else {
            Action::CommandPrompt(format!("{} ", c.name))
        };
        all.push(Entry {
            label: c.usage(),
            keys: String::new(),
            description: c.description.to_string(),
            action,
        });
    }
    for (p, pane) in app.panes.iter().enumerate() {
        all.push(Entry {
            label: format!("focus {}", pane.name),
            keys: String::new(),
            description: "focus this source's pane".into(),
            action: Action::Focus(p),
        });
    }
    all.extend(super::silence_list::palette_entries(app));
    for (label, description, action) in super::notes::palette_entries(app) {
        all.push(Entry {
            label,
            keys: String::new(),
            description,
            action,
        });
    }
    all.extend(super::pattern_list::palette_entries(app));
    if input.is_empty() {
        return all;
    }
    let matcher = SkimMatcherV2::default();
    let mut scored: Vec<(i64, usize, Entry)> = all
        .into_iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let hay = format!("{} {}", e.label, e.description);
            let label_score = matcher.fuzzy_match(&e.label, input).map(|s| s * 2);
            let score = label_score.or_else(|| matcher.fuzzy_match(&hay, input))?;
            Some((score, i, e))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, _, e)| e).collect()
}
