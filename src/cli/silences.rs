//! Arguments of `casefile silences` and `casefile patterns`.

use clap::Args;

use super::{DisplayArgs, SourceArgs};

#[derive(Debug, Clone, Args)]
pub struct SilencesArgs {
    #[command(flatten)]
    pub sources: SourceArgs,
    #[command(flatten)]
    pub display: DisplayArgs,
    /// One JSON object: {"silences": [...], "quiet_periods": [...], "precursors": [...]}
    #[arg(long)]
    pub json: bool,
    /// No gap shorter than this is a silence, whatever the source's rhythm (e.g. 30s, 2m)
    #[arg(
        long,
        value_name = "DUR",
        default_value = "5s",
        allow_hyphen_values = true
    )]
    pub min_silence: String,
    /// Records of the other sources within this distance of a silence's start are shown beside it
    #[arg(
        long,
        value_name = "DUR",
        default_value = "10s",
        allow_hyphen_values = true
    )]
    pub window: String,
    /// At most this many nearby records per silence (errors first)
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub nearby: usize,
    /// How long before each silence to look for precursors (templates that keep repeating)
    #[arg(
        long,
        value_name = "DUR",
        default_value = "10m",
        allow_hyphen_values = true
    )]
    pub precursor_window: String,
}

#[derive(Debug, Clone, Args)]
pub struct PatternsArgs {
    #[command(flatten)]
    pub sources: SourceArgs,
    #[command(flatten)]
    pub display: DisplayArgs,
    /// One JSON object with a `patterns` array
    #[arg(long)]
    pub json: bool,
}
