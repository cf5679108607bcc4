//! Options before a subcommand (`casefile --tz UTC index app.log`): clap
//! takes the subcommand's name for a source then (the top level accepts
//! sources), and the screen would open a pane called "index". Such a line is
//! parsed again with the subcommand first, so its options apply to it (or
//! clap names the one it does not take).

use std::ffi::OsString;

use clap::Parser;

use super::Cli;

/// Parses a command line; `args[0]` is the program name.
pub fn parse_from<T: Into<OsString> + Clone>(args: &[T]) -> Result<Cli, clap::Error> {
    let args: Vec<OsString> = args.iter().cloned().map(Into::into).collect();
    let cli = Cli::try_parse_from(&args)?;
    let Some(first) = cli
        .sources
        .sources
        .first()
        .filter(|_| cli.command.is_none())
    else {
        return Ok(cli);
    };
    let is_subcommand = Cli::command()
        .get_subcommands()
        .any(|s| first == s.get_name());
    // A file of that name in the current directory is a source after all.
    if !is_subcommand || std::path::Path::new(first).exists() {
        return Ok(cli);
    }
    let Some(pos) = args.iter().skip(1).position(|a| a == first) else {
        return Ok(cli);
    };
    let mut moved = args.clone();
    let name = moved.remove(pos + 1);
    moved.insert(1, name);
    Cli::try_parse_from(&moved)
}

/// Parses this process's command line.
pub fn try_parse() -> Result<Cli, clap::Error> {
    let args: Vec<OsString> = std::env::args_os().collect();
    parse_from(&args)
}

#[cfg(test)]
mod tests {
    use super::super::Command;
    use super::*;

    #[test]
    fn options_before_a_subcommand_apply_to_it() {
        let c = parse_from(&["casefile", "--tz", "UTC", "index", "app.log"]).expect("parses");
        let Some(Command::Index { sources, .. }) = c.command else {
            panic!("index, not the screen: {c:?}")
        };
        assert_eq!(sources.tz.as_deref(), Some("UTC"));
        assert_eq!(sources.sources, ["app.log"]);
        // An option the subcommand does not take: clap says which.
        let e = parse_from(&["casefile", "--display-tz", "UTC", "init", "a.log"])
            .expect_err("init has no --display-tz");
        assert!(e.to_string().contains("--display-tz"), "{e}");
        // Sources alone still open the screen.
        let c = parse_from(&["casefile", "--tz", "UTC", "a.log"]).expect("parses");
        assert!(c.command.is_none());
    }
}
