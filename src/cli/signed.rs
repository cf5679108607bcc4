//! Values that start with `-`: a zone west of UTC (`-08:00`, `-0800`), a
//! time before now (`-5m`), a negative duration (refused by its own check,
//! which names it), a text to match (`-1 retries`). clap takes such a value
//! for an unknown flag unless its option allows it, which is easy to forget
//! on a new option (it was, on `goroutines --tz`). So it is decided here,
//! once, by the kind of value, for every option of every subcommand: `Cli`
//! applies [`signed`] to its own options and [`everywhere`] to its
//! subcommands.

use clap::{Arg, Command};

/// The value names of the options whose values may start with `-`.
const SIGNED: [&str; 4] = ["ZONE", "TIME", "DUR", "TEXT"];

/// Lets `arg` take a value starting with `-` if it is an option with one of
/// the [`SIGNED`] kinds of value. Positional arguments are left alone: one
/// that took `-…` would swallow the options after it.
pub fn signed(arg: Arg) -> Arg {
    let is_option = arg.get_long().is_some() || arg.get_short().is_some();
    let kind = arg.get_value_names().and_then(|names| names.first());
    if is_option && kind.is_some_and(|k| SIGNED.contains(&k.as_str())) {
        arg.allow_hyphen_values(true)
    } else {
        arg
    }
}

/// [`signed`] on every option of `cmd` and of its subcommands, however deep.
pub fn everywhere(cmd: Command) -> Command {
    cmd.mut_args(signed).mut_subcommands(everywhere)
}

#[cfg(test)]
mod tests {
    use super::super::{Cli, Command as Sub, GoroutinesArgs, NoteAdd, NoteCommand, parse_from};
    use super::*;

    /// Every option of every (sub)command with a zone, time, duration or
    /// text value takes one starting with `-`; no other does.
    #[test]
    fn every_signed_option_takes_a_leading_hyphen() {
        fn walk(cmd: &Command, path: &str, seen: &mut Vec<String>) {
            for a in cmd.get_arguments() {
                let kind = a.get_value_names().and_then(|n| n.first());
                let signed =
                    a.get_long().is_some() && kind.is_some_and(|k| SIGNED.contains(&k.as_str()));
                assert_eq!(
                    a.is_allow_hyphen_values_set(),
                    signed,
                    "{path} {:?}",
                    a.get_id()
                );
                if signed {
                    seen.push(format!("{path} --{}", a.get_long().unwrap_or_default()));
                }
            }
            for sub in cmd.get_subcommands() {
                walk(sub, &format!("{path} {}", sub.get_name()), seen);
            }
        }
        let mut seen = Vec::new();
        walk(&Cli::command(), "casefile", &mut seen);
        // The ones that were missing it, and the screen's.
        for want in [
            "casefile goroutines --tz",
            "casefile goroutines --display-tz",
            "casefile addr --tz",
            "casefile note add --matching",
            "casefile --tz",
            "casefile --display-tz",
            "casefile --since",
        ] {
            assert!(seen.iter().any(|s| s == want), "{want}: {seen:#?}");
        }
    }

    /// `casefile goroutines --tz -08:00` was refused: "unexpected argument '-0'".
    #[test]
    fn goroutines_addr_and_note_take_negative_offsets() {
        let c = parse_from(&["casefile", "goroutines", "--tz", "-08:00", "d.txt"]).expect("parses");
        let Some(Sub::Goroutines(GoroutinesArgs { tz, display, .. })) = c.command else {
            panic!("goroutines: {c:?}")
        };
        assert_eq!(tz.as_deref(), Some("-08:00"));
        assert_eq!(display.display_tz, None);
        let c = parse_from(&[
            "casefile", "addr", "--binary", "b", "--in", "x.log", "--tz", "-0800",
        ])
        .expect("parses");
        assert!(matches!(c.command, Some(Sub::Addr(a)) if a.tz.as_deref() == Some("-0800")));
        let c = parse_from(&[
            "casefile",
            "note",
            "add",
            "--case",
            "c.json",
            "--at",
            "17:00",
            "--source",
            "s",
            "--matching",
            "-1 retries",
            "the",
            "text",
        ])
        .expect("parses");
        let Some(Sub::Note {
            command: NoteCommand::Add(NoteAdd { matching, text, .. }),
        }) = c.command
        else {
            panic!("note add")
        };
        assert_eq!(matching.as_deref(), Some("-1 retries"));
        assert_eq!(text, ["the", "text"]);
        // An unknown flag is still one, not a source.
        let e = parse_from(&["casefile", "goroutines", "--nosuch", "d.txt"]).expect_err("unknown");
        assert!(e.to_string().contains("--nosuch"), "{e}");
    }
}
