//! Runs a `:` command line: a command of the `cmdline` table, or any keymap
//! command by name.

use super::apply;
use crate::tui::app::App;
use crate::tui::cmdline;
use crate::tui::keymap::Context;

pub fn run(app: &mut App, line: &str) {
    let line = line.trim();
    if line.is_empty() {
        return;
    }
    let (name, arg) = match line.split_once(char::is_whitespace) {
        Some((n, a)) => (n, a.trim()),
        None => (line, ""),
    };
    let key = app
        .keymap
        .by_name(name)
        .filter(|b| b.context == Context::Normal)
        .map(|b| b.action.clone());
    let action = if let Some(cmd) = cmdline::find(name).filter(|_| !arg.is_empty() || key.is_none())
    {
        if arg.is_empty() && !cmd.optional {
            let eg = if cmd.example.is_empty() {
                String::new()
            } else {
                format!(", e.g. :{name} {}", cmd.example)
            };
            return app.warn(format!(":{name} needs {}{eg}", cmd.arg));
        }
        match (cmd.parse)(app, arg) {
            Ok(a) => a,
            Err(e) => return app.warn(e),
        }
    } else if let Some(a) = key {
        a
    } else {
        return app.warn(format!(
            "unknown command ':{name}': press Ctrl-P to find commands, ? for help"
        ));
    };
    apply(app, action);
}
