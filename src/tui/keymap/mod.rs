//! The one key table: each entry names a command, its action, the keys bound
//! to it and a description. Dispatch, the `?` help, the `:` command names and
//! the palette all read this table, so they cannot drift apart.

mod global;
mod goroutine_view;
mod lists_and_notes;
mod moving;
mod note_editor;
mod notes_list;
mod overlays;
mod panes;
mod pattern_view;
mod prompt;
mod silence_list;

pub use super::keys::{Key, parse_keys};

use super::action::Action;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Normal,
    Help,
    Palette,
    Prompt,
    Messages,
    Silences,
    Editor,
    Notes,
    Patterns,
    Goroutines,
}

impl Context {
    pub fn name(self) -> &'static str {
        match self {
            Context::Normal => "normal",
            Context::Help => "help",
            Context::Palette => "palette",
            Context::Prompt => "prompt",
            Context::Messages => "messages",
            Context::Silences => "silences",
            Context::Editor => "editor",
            Context::Notes => "notes",
            Context::Patterns => "patterns",
            Context::Goroutines => "goroutines",
        }
    }
}

/// One row of the table.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    pub context: Context,
    pub keys: Vec<Key>,
    /// The command name: `:name` runs it, the config file rebinds it.
    pub name: &'static str,
    pub action: Action,
    pub description: &'static str,
}

/// One row of the default table: context, keys, command name, action, description.
type Row = (Context, &'static str, &'static str, Action, &'static str);

/// The default table, a file per context (Normal mode's keys by topic). Keys
/// follow lnav where lnav has one. The order is the help's, the palette's and
/// the man page's.
fn defaults() -> Vec<Row> {
    [
        global::rows(),
        moving::rows(),
        panes::rows(),
        lists_and_notes::rows(),
        pattern_view::rows(),
        goroutine_view::rows(),
        overlays::rows(),
        silence_list::rows(),
        note_editor::rows(),
        notes_list::rows(),
        prompt::rows(),
    ]
    .concat()
}

/// The key table in use: defaults plus the user's overrides.
#[derive(Debug, Clone)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        let bindings = defaults()
            .into_iter()
            .map(|(context, keys, name, action, description)| Binding {
                context,
                keys: keys
                    .split(' ')
                    .filter_map(|k| parse_keys(k).ok()?.into_iter().next())
                    .collect(),
                name,
                action,
                description,
            })
            .collect();
        Keymap { bindings }
    }
}

impl Keymap {
    pub fn lookup(&self, context: Context, key: Key) -> Option<&Action> {
        self.bindings
            .iter()
            .find(|b| b.context == context && b.keys.contains(&key))
            .map(|b| &b.action)
    }

    pub fn by_name(&self, name: &str) -> Option<&Binding> {
        self.bindings.iter().find(|b| b.name == name)
    }

    /// Rebinds command `name` to `keys` (replacing its defaults); the keys are
    /// taken away from other commands of the same context. Returns warnings.
    pub fn rebind(&mut self, name: &str, keys: &[String]) -> Vec<String> {
        let mut warnings = Vec::new();
        let Some(pos) = self.bindings.iter().position(|b| b.name == name) else {
            return vec![format!("config: unknown command '{name}' in [keys]")];
        };
        let mut parsed = Vec::new();
        for k in keys {
            match parse_keys(k) {
                Ok(v) if v.len() == 1 => parsed.push(v[0]),
                Ok(_) => warnings.push(format!(
                    "config: '{k}' for '{name}' is not one key (write <C-x>, <tab>, j ...)"
                )),
                Err(e) => warnings.push(format!("config: {e}")),
            }
        }
        let ctx = self.bindings[pos].context;
        for b in self.bindings.iter_mut().filter(|b| b.context == ctx) {
            b.keys.retain(|k| !parsed.contains(k));
        }
        self.bindings[pos].keys = parsed;
        warnings
    }

    /// The keys of a command, as shown in help: `j <down>`.
    pub fn keys_of(&self, b: &Binding) -> String {
        b.keys.iter().map(Key::name).collect::<Vec<_>>().join(" ")
    }
}
