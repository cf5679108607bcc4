//! Test processes share the Go binaries they build (`common::go_build`, one
//! path per program, toolchain and variant): nextest runs every test in its own
//! process, and two `cargo test` runs of one checkout (an editor's and a
//! terminal's) run at once. Threads here stand in for those processes: each
//! builds the same program into the same path and runs it at once, so no
//! build may fail for another's and no one may run a half-written binary.

use std::path::Path;
use std::process::Command;

use crate::common::*;
use crate::support::*;

/// Builders at once, each running what it built right away, in rounds that
/// each start with no binary (so every builder links and writes one).
const BUILDERS: usize = 4;
const ROUNDS: usize = 3;

#[test]
fn builds_of_one_program_into_one_path_at_once_each_leave_a_binary_that_runs() {
    let test = "builds_of_one_program_into_one_path_at_once_each_leave_a_binary_that_runs";
    for go in toolchains(test) {
        for round in 0..ROUNDS {
            // Beside the suite's own binaries, as go_build's callers put them.
            let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("tempdir");
            let bin = dir.path().join("incidents");
            std::thread::scope(|scope| {
                for builder in 0..BUILDERS {
                    let (go, bin) = (&go, &bin);
                    scope.spawn(move || {
                        go_build(&go.go, &incidents_dir(), bin, &[]);
                        assert_runs(bin, &format!("{} round {round} builder {builder}", go.name));
                    });
                }
            });
        }
    }
}

/// The binary starts and prints its usage (`-h`: the flags' help, exit 0).
fn assert_runs(bin: &Path, what: &str) {
    let out = Command::new(bin)
        .arg("-h")
        .output()
        .unwrap_or_else(|e| panic!("{what}: cannot run {}: {e}", bin.display()));
    let usage = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && usage.contains("-scenario"),
        "{what}: {} did not run whole ({:?}): {usage}",
        bin.display(),
        out.status
    );
}
