//! `casefile goroutines` and `casefile addr` on real runtime output: the Go
//! program in tests/go/incidents reproduces each incident of issue 15 (a lost
//! mutex, a leaking reaper, a nil-pointer panic in a worker, a deadlock, …)
//! and is built and run with every Go toolchain available (Debian's Go 1.19
//! and the newest, `$CASEFILE_GO_LATEST`). Group counts are cross-checked
//! against Debian's `panicparse` on the same dumps.
//!
//! One test binary, one module per incident; the helpers they share (build
//! once per toolchain, run a scenario, read `--json`, cross-check) are in
//! `support.rs`.

#[path = "../common/mod.rs"]
mod common;
mod support;

mod binary;
mod binary_prefix;
mod builds;
mod captured;
mod chans;
mod chunk_boundary;
mod compose;
mod crashes;
mod cut_mid_line;
mod display_zone;
mod dumps;
mod glued;
mod in_log;
mod labels;
mod leak;
mod lock;
mod logged_stack;
mod long_message;
mod tails;
mod tui;
mod tui_binary;
mod two_dumps;
mod versions;
mod wait_began;
