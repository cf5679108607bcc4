//! The command line, defined once with clap: it drives parsing, `--help`,
//! shell completions and the man page.

mod case;
mod goroutines;
mod order;
mod signed;
mod silences;
mod specs;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub use case::{InitArgs, NoteAdd, NoteCommand, NoteList, ReportArgs};
pub use goroutines::{AddrArgs, GoroutinesArgs};
pub use order::{parse_from, try_parse};
pub use silences::{PatternsArgs, SilencesArgs};
pub use specs::{Resolved, resolve};

#[derive(Debug, Parser)]
#[command(
    name = "casefile",
    version,
    about = "Investigate a production incident across many logs at once: time-aligned panes, keyboard only",
    long_about = "Investigate a production incident across many logs at once.\n\n\
        casefile opens every SOURCE (files, directories, standard input, command output), detects each \
        log's format, indexes every record's time and level, and shows them in time-aligned panes. \
        The subcommands print the same information without a terminal UI.",
    after_help = "Examples:\n  casefile --tz UTC assets/demo/*   # the demo: its logs were written in UTC\n  casefile client=kiosk.log /var/log/kern.log -c 'journalctl -u api -o short-iso'\n  casefile index --json /var/log/syslog\n  casefile merge --since '2022-03-24 17:00' --until +30m app.log db.log | grep -i timeout",
    args_conflicts_with_subcommands = true,
    // Zones, times, durations and texts may start with `-` (-08:00, -5m).
    mut_args = signed::signed,
    mut_subcommands = signed::everywhere
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub sources: SourceArgs,
    #[command(flatten)]
    pub display: DisplayArgs,
    /// The case file bookmarks are kept in; alone, it reopens its sources
    /// [default: named after the sources, in this directory]
    #[arg(long, value_name = "FILE")]
    pub case: Option<std::path::PathBuf>,
    /// The screen's silences: no gap shorter than this is one, whatever the source's rhythm (as `casefile silences --min-silence`) [default: 5s]
    #[arg(long, value_name = "DUR")]
    pub min_silence: Option<String>,
    /// The screen's silences: other sources' records within this distance of a silence's start are shown beside it [default: 10s]
    #[arg(long, value_name = "DUR")]
    pub window: Option<String>,
    /// The program's binary: the goroutine view resolves a panic's pc= and a profile's addresses to file:line, and the status line the pc=/addr= of the record at the cursor (as `casefile addr --in`)
    #[arg(long, value_name = "FILE")]
    pub binary: Option<std::path::PathBuf>,
    /// Config file (default: $XDG_CONFIG_HOME/casefile/config.toml)
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<std::path::PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print per-source facts: format, records, time range, levels, warnings
    Index {
        #[command(flatten)]
        sources: SourceArgs,
        #[command(flatten)]
        display: DisplayArgs,
        /// One JSON object with a `sources` array (times RFC 3339 UTC)
        #[arg(long)]
        json: bool,
    },
    /// Print each source's records around a time, as the panes would show them
    Show {
        #[command(flatten)]
        sources: SourceArgs,
        #[command(flatten)]
        display: DisplayArgs,
        /// The cursor time: 17:23, 2022-03-24 17:23:05, 03-24 17:23, or relative to the end (-5m)
        #[arg(long, value_name = "TIME")]
        at: String,
        /// Records to print before the cursor row, per source
        #[arg(long, value_name = "N", default_value_t = 5)]
        before: usize,
        /// Records to print after the cursor row, per source
        #[arg(long, value_name = "N", default_value_t = 5)]
        after: usize,
        /// One JSON object: the cursor time, and per source its rows (raw text, RFC 3339 times), cursor and quiet time
        #[arg(long)]
        json: bool,
        /// A source is quiet only inside one of its silences; no gap shorter than this is one (as for `casefile silences` and the screen)
        #[arg(long, value_name = "DUR", default_value = "5s")]
        min_silence: String,
        /// Print lines as written (default: as the panes show them: JSON lines as `message  key=value …`, without the timestamp and level the columns show)
        #[arg(long)]
        raw: bool,
    },
    /// Print every record of every source in time order, tagged with its source
    Merge {
        #[command(flatten)]
        sources: SourceArgs,
        #[command(flatten)]
        display: DisplayArgs,
        /// One JSON object per record (NDJSON); records of sources without timestamps come last, marked "untimed"
        #[arg(long)]
        json: bool,
        /// Print lines as written (default: as the panes show them: JSON lines as `message  key=value …`, without the timestamp and level the columns show)
        #[arg(long)]
        raw: bool,
        /// With --json: each record's `pattern` id (as `casefile patterns` lists them)
        #[arg(long, requires = "json")]
        patterns: bool,
    },
    /// Find each source's silences (long for its own rhythm), ranked, with what the others logged then
    Silences(SilencesArgs),
    /// Create a case file for these sources (or add them to one) without opening the screen
    Init(InitArgs),
    /// Add or list the notes of a case file
    Note {
        #[command(subcommand)]
        command: NoteCommand,
    },
    /// Write the incident report (Markdown) from a case file
    Report(ReportArgs),
    /// List each source's message templates (variables masked as <*>) with counts and first and last time
    Patterns(PatternsArgs),
    /// Read a Go goroutine dump or panic: stacks grouped and ranked, lock waits, the panic; --diff compares two
    Goroutines(GoroutinesArgs),
    /// Resolve code addresses (a panic's pc=0x…, or every pc=/addr= in a log's records with --in) to function, file and line with the program's binary
    Addr(AddrArgs),
    /// Print a shell completion script
    Completions {
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the man page (roff)
    Man,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Elvish,
    Powershell,
}

/// Which logs to open and how to read their times.
#[derive(Debug, Clone, Default, Args)]
pub struct SourceArgs {
    /// Log files, directories or - (standard input); NAME=PATH sets a display name
    // OsString: a file name need not be UTF-8 (shown lossily).
    #[arg(value_name = "SOURCE", value_parser = clap::value_parser!(std::ffi::OsString))]
    pub sources: Vec<std::ffi::OsString>,
    /// Read a command's output as a source, e.g. -c 'journalctl -u api -o short-iso' (NAME=CMD names it)
    #[arg(short = 'c', long = "command", value_name = "CMD")]
    pub commands: Vec<String>,
    /// Read rotated siblings (app.log.1, app.log.2.gz) as part of each file's source
    #[arg(long)]
    pub rotated: bool,
    /// Time zone of timestamps that carry none (IANA name, UTC, local, +05:30) [default: local]
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,
    /// Force a log format instead of detecting it (e.g. syslog-rfc3164, json, log4j; a wrong name lists them all)
    #[arg(long, value_name = "NAME")]
    pub format: Option<String>,
    /// When the machine booted, to place kernel [seconds.micros] stamps in time
    #[arg(long, value_name = "TIME")]
    pub boot_time: Option<String>,
    /// A per-source setting: NAME.KEY=VALUE, KEY one of name, tz, offset, format, boot, time, date (e.g. --set kern.offset=-2.5s)
    #[arg(long = "set", value_name = "NAME.KEY=VALUE")]
    pub set: Vec<String>,
    /// Temporary space per decompressed or streamed source (gzip, zstd, UTF-16, -, -c, FIFOs, devices): what is past it is not read, with a warning. e.g. 500M, 20G [default: 4G, or half the temp directory's free space if less]
    #[arg(long, value_name = "SIZE")]
    pub max_temp: Option<String>,
    /// Only records at or after this time (2022-03-24 17:00, 17:00, -2h = two hours before now)
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,
    /// Only records at or before this time (absolute, or +30m after --since)
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
}

/// How times are shown.
#[derive(Debug, Clone, Default, Args)]
pub struct DisplayArgs {
    /// Zone in which times are displayed and typed times read [default: the zone the logs are read in]
    #[arg(long, value_name = "ZONE")]
    pub display_tz: Option<String>,
}

impl Cli {
    pub fn command() -> clap::Command {
        <Cli as clap::CommandFactory>::command()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn sources_and_subcommands() {
        let c = Cli::try_parse_from(["casefile", "a.log", "b.log"]).expect("parses");
        assert!(c.command.is_none());
        assert_eq!(c.sources.sources, ["a.log", "b.log"]);
        let c = Cli::try_parse_from(["casefile", "index", "--json", "x.log"]).expect("parses");
        assert!(matches!(c.command, Some(Command::Index { json: true, .. })));
    }

    /// Issue 12 item 8: `--since -2h` was refused as "unexpected argument '-2'".
    #[test]
    fn time_duration_and_zone_options_take_hyphen_values() {
        let c = Cli::try_parse_from([
            "casefile",
            "--since",
            "-2h",
            "--until",
            "-1h",
            "--tz",
            "-08:00",
            "--boot-time",
            "-3d",
            "--display-tz",
            "-05:00",
            "a.log",
        ])
        .expect("parses");
        let s = &c.sources;
        assert_eq!(s.since.as_deref(), Some("-2h"));
        assert_eq!(s.until.as_deref(), Some("-1h"));
        assert_eq!(s.tz.as_deref(), Some("-08:00"));
        assert_eq!(s.boot_time.as_deref(), Some("-3d"));
        assert_eq!(c.display.display_tz.as_deref(), Some("-05:00"));
        let c = Cli::try_parse_from(["casefile", "show", "--at", "-5m", "a.log"]).expect("parses");
        assert!(matches!(c.command, Some(Command::Show { ref at, .. }) if at == "-5m"));
        let c = Cli::try_parse_from([
            "casefile", "merge", "--since", "-30s", "--tz", "-0330", "a.log",
        ])
        .expect("parses");
        let Some(Command::Merge { sources, .. }) = c.command else {
            panic!("merge")
        };
        assert_eq!(sources.since.as_deref(), Some("-30s"));
        assert_eq!(sources.tz.as_deref(), Some("-0330"));
        // `note add --at -5m` is the documented form.
        let c = Cli::try_parse_from([
            "casefile", "note", "add", "--case", "c.json", "--at", "-5m", "--until", "-1m", "--tz",
            "-08:00", "the", "text",
        ])
        .expect("parses");
        let Some(Command::Note {
            command: NoteCommand::Add(n),
        }) = c.command
        else {
            panic!("note add")
        };
        assert_eq!((n.at.as_str(), n.until.as_deref()), ("-5m", Some("-1m")));
        assert_eq!(n.tz.as_deref(), Some("-08:00"));
        // Durations reach their own check (which names the value) instead of clap's.
        let c = Cli::try_parse_from(["casefile", "silences", "--window", "-10s", "a.log"])
            .expect("parses");
        assert!(matches!(c.command, Some(Command::Silences(s)) if s.window == "-10s"));
    }
}
