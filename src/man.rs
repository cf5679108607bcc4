//! `casefile man`: the man page. clap_mangen renders the top-level command;
//! each subcommand is documented on the same page (there are no
//! `casefile-index(1)` pages to point to), and the KEYS section comes from the
//! keymap and `:` command tables the screen itself uses. It reads the TUI's
//! tables, so it lives on this side of the core/TUI line, like `tui_entry`.

use std::io::Write;

use roff::{Roff, bold, italic, roman};

use crate::tui::cmdline::COMMANDS;
use crate::tui::keymap::{Context, Keymap};

pub fn render(cmd: clap::Command, out: &mut dyn Write) -> std::io::Result<()> {
    let mut cmd = cmd;
    cmd.build();
    let man = clap_mangen::Man::new(cmd.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    let mut roff = Roff::new();
    commands(&mut roff, &cmd);
    keys(&mut roff);
    roff.to_writer(out)?;
    man.render_extra_section(out)?;
    man.render_version_section(out)
}

/// Each subcommand: its synopsis, what it does, and the options only it takes.
fn commands(roff: &mut Roff, cmd: &clap::Command) {
    roff.control("SH", ["COMMANDS"]);
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("casefile {}", sub.get_name());
        let usage = sub
            .clone()
            .bin_name(&name)
            .render_usage()
            .to_string()
            .trim_start_matches("Usage: ")
            .to_string();
        roff.control("SS", [name.as_str()]);
        roff.text([bold(usage)]);
        if let Some(about) = sub.get_long_about().or(sub.get_about()) {
            roff.control("PP", []);
            roff.text([roman(about.to_string())]);
        }
        let shared = |a: &clap::Arg| cmd.get_arguments().any(|t| t.get_id() == a.get_id());
        let mut takes_source_options = false;
        for arg in sub.get_arguments().filter(|a| !a.is_hide_set()) {
            if shared(arg) {
                takes_source_options = true;
                continue;
            }
            let Some(long) = arg.get_long() else { continue };
            roff.control("TP", []);
            let mut head = vec![bold(format!("--{long}"))];
            if let Some(v) = arg
                .get_value_names()
                .and_then(|v| v.first())
                .filter(|_| arg.get_action().takes_values())
            {
                head.push(roman(" "));
                head.push(italic(v.to_string()));
            }
            roff.text(head);
            if let Some(help) = arg.get_long_help().or(arg.get_help()) {
                roff.text([roman(help.to_string())]);
            }
        }
        if takes_source_options {
            roff.control("PP", []);
            roff.text([roman(
                "It takes the SOURCE arguments and the source options listed under OPTIONS.",
            )]);
        }
    }
}

/// The keys of the screen, from the keymap table (`?` shows the same).
fn keys(roff: &mut Roff) {
    let keymap = Keymap::default();
    roff.control("SH", ["KEYS"]);
    roff.text([roman(
        "The screen's keys, by mode. Rebind them in the config file's [keys] section by command name.",
    )]);
    // Every mode of the table, in the table's order.
    let mut contexts: Vec<Context> = Vec::new();
    for b in &keymap.bindings {
        if !contexts.contains(&b.context) {
            contexts.push(b.context);
        }
    }
    for ctx in contexts {
        roff.control("SS", [format!("{} mode", ctx.name()).as_str()]);
        for b in keymap.bindings.iter().filter(|b| b.context == ctx) {
            let keys = keymap.keys_of(b);
            roff.control("TP", []);
            roff.text([
                bold(if keys.is_empty() {
                    "(unbound)".into()
                } else {
                    keys
                }),
                roman("  "),
                italic(b.name),
            ]);
            roff.text([roman(b.description)]);
        }
    }
    roff.control("SS", [":commands"]);
    roff.text([roman("Typed after : (every command name above runs too).")]);
    for c in COMMANDS {
        roff.control("TP", []);
        roff.text([bold(format!(":{}", c.usage()))]);
        roff.text([roman(c.description)]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page() -> String {
        let mut buf = Vec::new();
        render(crate::cli::Cli::command(), &mut buf).expect("renders");
        String::from_utf8(buf).expect("utf-8")
    }

    #[test]
    fn every_key_and_command_of_the_tables_is_on_the_page() {
        // roff writes a minus as `\-`.
        let page = page().replace("\\-", "-");
        let km = Keymap::default();
        for b in &km.bindings {
            assert!(page.contains(b.name), "binding {} missing", b.name);
            let first_word = b.description.split_whitespace().next().unwrap_or("");
            assert!(page.contains(first_word), "description of {}", b.name);
        }
        for c in COMMANDS {
            assert!(
                page.contains(&format!(":{}", c.name)),
                ":{} missing",
                c.name
            );
        }
        assert!(page.contains(".SH KEYS"));
    }

    #[test]
    fn subcommands_are_documented_here_not_in_missing_pages() {
        let page = page();
        assert!(
            !page.contains("casefile\\-index(1)") && !page.contains("(1)\n"),
            "{page}"
        );
        for sub in crate::cli::Cli::command().get_subcommands() {
            assert!(
                page.contains(&format!(".SS \"casefile {}\"", sub.get_name())),
                "{} has no section",
                sub.get_name()
            );
        }
        assert!(
            page.contains("\\-\\-before"),
            "show's own options are listed"
        );
    }
}
