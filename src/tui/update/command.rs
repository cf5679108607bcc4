//! The `:` command line: commands with arguments, and every keymap command by name.

use super::apply;
use crate::index::Zone;
use crate::level::Level;
use crate::timeparse::{parse_duration, parse_time};
use crate::tui::action::{Action, FilterKind, Scope};
use crate::tui::app::App;
use crate::tui::keymap::Context;

/// Commands that take an argument, for help and the palette: (usage, description).
pub const WITH_ARGS: &[(&str, &str)] = &[
    (
        "goto TIME",
        "go to 17:23, 2022-03-24 17:23:05, 03-24 17:23, +5m, -30s",
    ),
    ("filter-in REGEX", "focused pane: keep only lines matching"),
    ("filter-out REGEX", "focused pane: hide lines matching"),
    (
        "filter-in-all REGEX",
        "every pane: keep only lines matching",
    ),
    ("filter-out-all REGEX", "every pane: hide lines matching"),
    (
        "level LEVEL",
        "focused pane: hide records below LEVEL (warn, error ...; 'all' clears)",
    ),
    ("level-all LEVEL", "every pane: hide records below LEVEL"),
    ("clear-filters", "focused pane: remove its filters"),
    ("clear-filters-all", "remove every filter"),
    (
        "offset DURATION",
        "set the focused source's clock offset: +2.5s, -1h",
    ),
    ("search REGEX", "search every pane"),
    ("focus NAME", "focus the pane of a source"),
    (
        "zone ZONE",
        "display times in ZONE: UTC, local, Europe/Berlin, +05:30",
    ),
];

pub fn run(app: &mut App, line: &str) {
    let line = line.trim();
    if line.is_empty() {
        return;
    }
    let (name, arg) = match line.split_once(char::is_whitespace) {
        Some((n, a)) => (n, a.trim()),
        None => (line, ""),
    };
    let need = |app: &mut App, what: &str| {
        if arg.is_empty() {
            app.warn(format!(":{name} needs {what}"));
            true
        } else {
            false
        }
    };
    let filter = |kind, scope| Action::Filter {
        kind,
        regex: arg.to_string(),
        scope,
    };
    let action = match name {
        "goto" | "g" | "t" => {
            if need(app, "a time: 17:23, +5m, -30s") {
                return;
            }
            match parse_time(arg, app.cursor, &app.zone) {
                Ok(t) => Action::GotoTime(t),
                Err(e) => return app.warn(e),
            }
        }
        "filter-in" | "filter-out" | "filter-in-all" | "filter-out-all" => {
            if need(app, "a regex") {
                return;
            }
            let kind = if name.starts_with("filter-in") {
                FilterKind::In
            } else {
                FilterKind::Out
            };
            let scope = if name.ends_with("-all") {
                Scope::All
            } else {
                Scope::Focused
            };
            filter(kind, scope)
        }
        "level" | "level-all" => {
            let scope = if name == "level-all" {
                Scope::All
            } else {
                Scope::Focused
            };
            let level = match arg.to_ascii_lowercase().as_str() {
                "" | "all" | "none" | "off" => None,
                w => match Level::parse(w.as_bytes()) {
                    Some(l) => Some(l),
                    None => {
                        return app.warn(format!(
                            "'{arg}' is not a level: trace, debug, info, warn, error, fatal"
                        ));
                    }
                },
            };
            Action::MinLevel { level, scope }
        }
        "clear-filters" => Action::ClearFilters(Scope::Focused),
        "clear-filters-all" => Action::ClearFilters(Scope::All),
        "offset" => {
            if need(app, "a duration: +2.5s, -1h") {
                return;
            }
            match parse_duration(arg) {
                Ok(d) => Action::SetOffset(d),
                Err(e) => return app.warn(e),
            }
        }
        "search" => Action::Search(arg.to_string()),
        "focus" => {
            let found = app
                .panes
                .iter()
                .position(|p| p.name == arg)
                .or_else(|| app.panes.iter().position(|p| p.name.starts_with(arg)));
            match found {
                Some(p) => Action::Focus(p),
                None => return app.warn(format!("no source named '{arg}'")),
            }
        }
        "zone" => {
            match Zone::parse(arg) {
                Ok(z) => {
                    app.info(format!("times shown in {}", z.label()));
                    app.zone = z;
                }
                Err(e) => app.warn(e),
            }
            return;
        }
        "q" | "quit" => Action::Quit,
        other => match app.keymap.by_name(other) {
            Some(b) if b.context == Context::Normal => b.action.clone(),
            _ => {
                return app.warn(format!(
                    "unknown command ':{other}': press Ctrl-P to find commands, ? for help"
                ));
            }
        },
    };
    apply(app, action);
}
