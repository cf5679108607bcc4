//! The case file's subcommands: `init`, `note add|list`, `report`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::{DisplayArgs, SourceArgs};

#[derive(Debug, Subcommand)]
pub enum NoteCommand {
    /// Add a note to a case file (created when missing); prints "saved" once it is on disk
    Add(NoteAdd),
    /// Print a case file's notes in time order
    List(NoteList),
}

#[derive(Debug, Args)]
pub struct NoteAdd {
    /// The case file
    #[arg(long, value_name = "FILE")]
    pub case: PathBuf,
    /// When: 2022-03-24T17:23:05Z, 2022-03-24 17:23:05, 17:23 (on the day the case's sources
    /// cover; today when it has none), -5m (before now)
    #[arg(long, value_name = "TIME")]
    pub at: String,
    /// The end of a time range (a silence, an outage)
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
    /// Anchor the note on this source's record at or just before TIME
    #[arg(long, value_name = "NAME")]
    pub source: Option<String>,
    /// With --source: the record nearest TIME (within a minute) whose text contains this
    #[arg(long, value_name = "TEXT", requires = "source")]
    pub matching: Option<String>,
    /// A tag (#symptom, #hypothesis, #ruled-out, #cause, #action, or any word); repeatable
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Zone of TIME when it has none [default: the zone the case's sources are read in, else
    /// local]
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,
    /// The note; - reads it from standard input (several lines)
    #[arg(value_name = "TEXT", required = true, num_args = 1..)]
    pub text: Vec<String>,
}

#[derive(Debug, Args)]
pub struct NoteList {
    /// The case file [default: the one *.casefile.json in this directory]
    #[arg(long, value_name = "FILE")]
    pub case: Option<PathBuf>,
    #[command(flatten)]
    pub display: DisplayArgs,
    /// One JSON object with `notes` and `bookmarks`
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The case file [default: the one *.casefile.json in this directory]
    #[arg(long, value_name = "FILE")]
    pub case: Option<PathBuf>,
    /// Write the report here instead of standard output (mode 0600)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub display: DisplayArgs,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The case file [default: named after the sources, in this directory]
    #[arg(long, value_name = "FILE")]
    pub case: Option<PathBuf>,
    #[command(flatten)]
    pub sources: SourceArgs,
}
