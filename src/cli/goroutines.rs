//! Arguments of `casefile goroutines` and `casefile addr`.

use std::path::PathBuf;

use clap::Args;

use super::DisplayArgs;

#[derive(Debug, Clone, Default, Args)]
pub struct GoroutinesArgs {
    /// A goroutine dump or a log holding a panic: a file (gzip/zstd too) or - for standard input; NAME=PATH names it. A file of several dumps (a profile, then a panic) prints each. With --diff, two: OLD NEW
    // The dumps are operands and `--diff` a switch, so options go in any
    // order: `--diff` taking two values made `--diff --json OLD NEW` read
    // `--json` as a missing OLD. `run` checks there are one (two with --diff).
    #[arg(value_name = "DUMP", required = true, num_args = 1..=2)]
    pub dumps: Vec<String>,
    /// Compare two dumps of one program, OLD NEW (built with one Go version or two): groups that grew, shrank, appeared and went; of a file of several dumps, its last
    #[arg(long)]
    pub diff: bool,
    /// One JSON object: every group in rank order, lock groups, the panic, warnings, the time RFC 3339 UTC (a file of several dumps: {"source", "dumps": [...]})
    #[arg(long)]
    pub json: bool,
    /// Group by function only, ignoring the line inside each function
    #[arg(long)]
    pub similar: bool,
    /// Text output: also list the standard library's idle groups (JSON always lists them)
    #[arg(long)]
    pub all: bool,
    /// The program's binary: resolves the panic's pc= and a profile's addresses to file:line
    #[arg(long, value_name = "FILE")]
    pub binary: Option<PathBuf>,
    /// Read rotated siblings (app.log.1, app.log.2.gz) as part of each file, oldest first, as the screen reads the set
    #[arg(long)]
    pub rotated: bool,
    /// Time zone of log timestamps that carry none [default: local]
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,
    /// A setting of the dump: NAME.time=TIME says when it was taken (default: its log line, else the file's mtime)
    #[arg(long = "set", value_name = "NAME.KEY=VALUE")]
    pub set: Vec<String>,
    // The text's times (when each dump was taken); --json stays RFC 3339 UTC.
    #[command(flatten)]
    pub display: DisplayArgs,
}

#[derive(Debug, Clone, Default, Args)]
pub struct AddrArgs {
    /// The Go program's binary (with DWARF, or stripped: its own line table is used)
    #[arg(long, value_name = "FILE", required = true)]
    pub binary: PathBuf,
    /// Code addresses, e.g. 0x6b9ec1 (from a panic's pc=, a profile's frames)
    #[arg(
        value_name = "ADDR",
        required_unless_present = "logs",
        conflicts_with = "logs"
    )]
    pub addrs: Vec<String>,
    /// A log: print each record whose pc=0x…/addr=0x… are in the binary's code, resolved as the screen shows the cursor record's, its first line cut after 2,000 characters (repeatable; NAME=PATH names it)
    #[arg(long = "in", value_name = "LOG", value_parser = clap::value_parser!(std::ffi::OsString))]
    pub logs: Vec<std::ffi::OsString>,
    /// With --in: time zone of log timestamps that carry none [default: local]
    #[arg(long, value_name = "ZONE", requires = "logs")]
    pub tz: Option<String>,
    /// One JSON object per address; with --in, one per record (NDJSON, times RFC 3339 UTC)
    #[arg(long)]
    pub json: bool,
    // With --in: the text's record times (--json stays RFC 3339 UTC).
    #[command(flatten)]
    pub display: DisplayArgs,
}
