//! casefile: a terminal investigator for production incidents.
//!
//! The core (everything but `tui`) has no terminal dependency: sources,
//! formats, the record index, time lookups, and the headless commands.

pub mod ansi;
pub mod case;
pub mod cli;
pub mod commands;
pub mod error;
pub mod format;
pub mod goroutine;
pub mod headless;
pub mod index;
pub mod level;
pub mod loader;
mod man;
pub mod pattern;
pub mod precursor;
pub mod report;
pub mod search;
pub mod silence;
pub mod source;
pub mod symbol;
#[cfg(test)]
mod test_rng;
pub mod time;
pub mod timeline;
pub mod timeparse;
pub mod tui;
mod tui_entry;
pub mod user_time;
