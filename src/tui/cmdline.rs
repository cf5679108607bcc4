//! The `:` commands that take an argument (or are not keys): one table that
//! drives the command line's dispatch, its usage messages, `?` help and the
//! palette. Every keymap command also runs by name (`:merged`); those live in
//! the keymap table, not here. A name in both (`goto`, `search`) runs this
//! table's command with an argument and the key's command without one (the
//! prompt opens).

use super::action::{Action, FilterKind, Scope};
use super::app::App;
use crate::index::Zone;
use crate::level::Level;
use crate::timeparse::parse_offset;

/// One `:` command.
#[derive(Debug)]
pub struct Command {
    pub name: &'static str,
    /// Other names that run it (`:g`, `:q`).
    pub aliases: &'static [&'static str],
    /// What the argument is, for usage (`TIME`); empty when it takes none.
    pub arg: &'static str,
    /// Whether the argument may be left out.
    pub optional: bool,
    pub description: &'static str,
    /// An argument that parses: shown in "needs" messages and run by the tests.
    pub example: &'static str,
    /// Turns the argument into an action, or says what is wrong with it.
    pub parse: fn(&App, &str) -> Result<Action, String>,
}

impl Command {
    /// `goto TIME`, `level [LEVEL]`, `clear-filters`.
    pub fn usage(&self) -> String {
        match (self.arg, self.optional) {
            ("", _) => self.name.to_string(),
            (a, true) => format!("{} [{a}]", self.name),
            (a, false) => format!("{} {a}", self.name),
        }
    }

    pub fn is_named(&self, name: &str) -> bool {
        self.name == name || self.aliases.contains(&name)
    }
}

/// The command named `name` (or aliased so).
pub fn find(name: &str) -> Option<&'static Command> {
    COMMANDS.iter().find(|c| c.is_named(name))
}

fn filter(kind: FilterKind, scope: Scope, arg: &str) -> Result<Action, String> {
    Ok(Action::Filter {
        kind,
        regex: arg.to_string(),
        scope,
    })
}

fn level(scope: Scope, arg: &str) -> Result<Action, String> {
    let level = match arg.to_ascii_lowercase().as_str() {
        "" | "all" | "none" | "off" => None,
        w => Some(Level::parse(w.as_bytes()).ok_or_else(|| {
            format!("'{arg}' is not a level: trace, debug, info, warn, error, fatal")
        })?),
    };
    Ok(Action::MinLevel { level, scope })
}

fn focus(app: &App, arg: &str) -> Result<Action, String> {
    app.panes
        .iter()
        .position(|p| p.name == arg)
        .or_else(|| app.panes.iter().position(|p| p.name.starts_with(arg)))
        .map(Action::Focus)
        .ok_or_else(|| format!("no source named '{arg}'"))
}

pub const COMMANDS: &[Command] = &[
    Command {
        name: "goto",
        aliases: &["g", "t"],
        arg: "TIME",
        optional: false,
        description: "go to 17:23, 2022-03-24 17:23:05, 03-24 17:23, +5m, -30s",
        example: "+5m",
        parse: |app, arg| {
            super::update::zones::typed_time(app, arg).map(|t| Action::GotoTyped(t.at, t.note))
        },
    },
    Command {
        name: "filter-in",
        aliases: &[],
        arg: "REGEX",
        optional: false,
        description: "focused pane: keep only lines matching",
        example: "timeout",
        parse: |_, arg| filter(FilterKind::In, Scope::Focused, arg),
    },
    Command {
        name: "filter-out",
        aliases: &[],
        arg: "REGEX",
        optional: false,
        description: "focused pane: hide lines matching",
        example: "health",
        parse: |_, arg| filter(FilterKind::Out, Scope::Focused, arg),
    },
    Command {
        name: "filter-in-all",
        aliases: &[],
        arg: "REGEX",
        optional: false,
        description: "every pane: keep only lines matching",
        example: "timeout",
        parse: |_, arg| filter(FilterKind::In, Scope::All, arg),
    },
    Command {
        name: "filter-out-all",
        aliases: &[],
        arg: "REGEX",
        optional: false,
        description: "every pane: hide lines matching",
        example: "health",
        parse: |_, arg| filter(FilterKind::Out, Scope::All, arg),
    },
    Command {
        name: "level",
        aliases: &[],
        arg: "LEVEL",
        optional: true,
        description: "focused pane: hide records below LEVEL (warn, error ...; 'all' clears)",
        example: "warn",
        parse: |_, arg| level(Scope::Focused, arg),
    },
    Command {
        name: "level-all",
        aliases: &[],
        arg: "LEVEL",
        optional: true,
        description: "every pane: hide records below LEVEL",
        example: "error",
        parse: |_, arg| level(Scope::All, arg),
    },
    Command {
        name: "clear-filters",
        aliases: &[],
        arg: "",
        optional: true,
        description: "focused pane: remove its filters",
        example: "",
        parse: |_, _| Ok(Action::ClearFilters(Scope::Focused)),
    },
    Command {
        name: "clear-filters-all",
        aliases: &[],
        arg: "",
        optional: true,
        description: "remove every filter",
        example: "",
        parse: |_, _| Ok(Action::ClearFilters(Scope::All)),
    },
    Command {
        name: "offset",
        aliases: &[],
        arg: "DURATION",
        optional: false,
        description: "set the focused source's clock offset: +2.5s, -1h",
        example: "+2.5s",
        parse: |_, arg| parse_offset(arg).map(Action::SetOffset),
    },
    Command {
        name: "search",
        aliases: &[],
        arg: "REGEX",
        optional: false,
        description: "search every pane for REGEX",
        example: "timeout|refused",
        parse: |_, arg| Ok(Action::Search(arg.to_string())),
    },
    Command {
        name: "focus",
        aliases: &[],
        arg: "NAME",
        optional: false,
        description: "focus the pane of a source (a prefix of its name will do)",
        example: "",
        parse: focus,
    },
    Command {
        name: "patterns",
        aliases: &[],
        arg: "all|SOURCE",
        optional: false,
        description: "the pattern view on every source's templates (all) or one source's; bare: the focused source's",
        example: "all",
        parse: |app, arg| {
            let pane = match arg {
                "all" => None,
                name => match focus(app, name)? {
                    Action::Focus(p) => Some(p),
                    _ => None,
                },
            };
            Ok(Action::ShowPatterns {
                pane,
                template: None,
            })
        },
    },
    Command {
        name: "zone",
        aliases: &[],
        arg: "ZONE",
        optional: false,
        description: "display times in ZONE: UTC, local, Europe/Berlin, +05:30",
        example: "Europe/Berlin",
        parse: |_, arg| Zone::parse(arg).map(Action::SetZone),
    },
    Command {
        name: "silences",
        aliases: &[],
        arg: "ORDER",
        optional: false,
        description: "the silence list sorted by score or time (:silences alone: by score)",
        example: "time",
        parse: |_, arg| match arg {
            "score" | "rank" => Ok(Action::OpenSilences { by_time: false }),
            "time" | "start" => Ok(Action::OpenSilences { by_time: true }),
            _ => Err(format!("'{arg}' is not a silence order: score or time")),
        },
    },
    Command {
        name: "report",
        aliases: &[],
        arg: "FILE",
        optional: true,
        description: "write the incident report (Markdown) from the case file; default: beside it, NAME.report.md",
        example: "incident.md",
        parse: |_, arg| {
            let path = (!arg.is_empty()).then(|| arg.to_string());
            Ok(Action::Note(super::notes::NoteAction::Report(path)))
        },
    },
    Command {
        name: "q",
        aliases: &[],
        arg: "",
        optional: true,
        description: "quit casefile (also :quit)",
        example: "",
        parse: |_, _| Ok(Action::Quit),
    },
];
