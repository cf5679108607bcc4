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
    #[arg(long, value_name = "DUR", default_value = "5s")]
    pub min_silence: String,
    /// Records of the other sources within this distance of a silence's start are shown beside it
    #[arg(long, value_name = "DUR", default_value = "10s")]
    pub window: String,
    /// At most this many nearby records per silence (errors first)
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub nearby: usize,
    /// How long before each silence to look for precursors (templates that keep repeating)
    #[arg(long, value_name = "DUR", default_value = "10m")]
    pub precursor_window: String,
}

#[derive(Debug, Clone, Args)]
pub struct PatternsArgs {
    #[command(flatten)]
    pub sources: SourceArgs,
    #[command(flatten)]
    pub display: DisplayArgs,
    /// One JSON object with a `patterns` array, each template whole (text cuts one after 2,000 characters)
    #[arg(long)]
    pub json: bool,
    /// Also each template's count in N equal slices of the incident's time range (from where every source has begun to the end, as the screen's overview and pattern view), with a density line
    #[arg(long, value_name = "N")]
    pub buckets: Option<usize>,
    /// Score each template by how much more often it occurs within --window of TIME than before it, and sort by that (the pattern view's "what changed"; a source that logged nothing before the window gets no score and is sorted by its count within it; a template absent from the window gets none and comes last): 17:23, 03-24 17:23, or relative to the end (-5m)
    #[arg(long, value_name = "TIME")]
    pub around: Option<String>,
    /// With --around: how far either side of TIME the window reaches
    #[arg(long, value_name = "DUR", default_value = "5m")]
    pub window: String,
}
