//! Helpers shared by the integration tests (each test file includes this with `mod common;`).
#![allow(dead_code)]

pub mod burst_logs;
pub mod case;
pub mod tmux;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_casefile")
}

/// Runs casefile with a fixed zone for zoneless stamps and for display, so
/// results do not depend on the machine's TZ.
pub fn casefile(args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .env("TZ", "UTC")
        .env_remove("NO_COLOR")
        .output()
        .expect("run casefile")
}

/// `casefile` run in `dir`: relative paths and a default case file are read there.
pub fn casefile_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .current_dir(dir)
        .env("TZ", "UTC")
        .env_remove("NO_COLOR")
        .output()
        .expect("run casefile")
}

/// Runs casefile, asserts it exited with `code` (naming the arguments and
/// showing stderr when not), and gives its (stdout, stderr).
pub fn casefile_exits(code: i32, args: &[&str]) -> (String, String) {
    let o = casefile(args);
    assert_eq!(o.status.code(), Some(code), "{args:?}: {}", stderr(&o));
    (stdout(&o), stderr(&o))
}

/// Runs casefile, asserts it succeeded (its stderr in the message), and gives its stdout.
pub fn casefile_ok(args: &[&str]) -> String {
    let o = casefile(args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    stdout(&o)
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A real log sample from the shared corpus; fails loudly when it is missing.
pub fn corpus(rel: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(rel);
    assert!(
        p.exists(),
        "corpus file {} is missing: the tests need ../shared/corpus beside the repo",
        p.display()
    );
    p.to_string_lossy().into_owned()
}

pub fn demo(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/demo")
        .join(rel)
        .to_string_lossy()
        .into_owned()
}

pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write fixture");
    p
}

/// Runs casefile, which must succeed, and parses its whole output as JSON.
pub fn casefile_json(args: &[&str]) -> serde_json::Value {
    let o = casefile(args);
    assert!(o.status.success(), "casefile {args:?}: {}", stderr(&o));
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("casefile {args:?} printed no JSON ({e}): {}", stdout(&o)))
}

/// Output that is one JSON object a line (`merge --json`), parsed; a line
/// that is not JSON fails, naming it.
pub fn ndjson(out: &str) -> Vec<serde_json::Value> {
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

/// Runs casefile, which must succeed, and parses its output as NDJSON.
pub fn casefile_ndjson(args: &[&str]) -> Vec<serde_json::Value> {
    let o = casefile(args);
    assert!(o.status.success(), "casefile {args:?}: {}", stderr(&o));
    ndjson(&stdout(&o))
}

/// A JSON object's keys, sorted: what a documented shape is compared with.
pub fn sorted_keys(v: &serde_json::Value) -> Vec<&str> {
    let mut keys: Vec<&str> = v
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {v}"))
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

pub fn index_json(args: &[&str]) -> serde_json::Value {
    let mut a = vec!["index", "--json", "--tz", "UTC"];
    a.extend_from_slice(args);
    let o = casefile(&a);
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "index --json printed no JSON ({e}): {}{}",
            stdout(&o),
            stderr(&o)
        )
    })
}

/// Says visibly that a test was skipped: written straight to the process's
/// stderr, which the test harness does not capture. Under CI (`CI` set) a
/// skip is a failure: CI must never go green without the tools a test needs.
pub fn skip(test: &str, why: &str) {
    use std::io::Write;
    // CI services set `CI=true` (GitHub, GitLab) or `CI=1` (.ci/run).
    let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false" && v != "0");
    if ci {
        panic!("{test} cannot run under CI: {why} (.ci/run must install it)");
    }
    let _ = writeln!(std::io::stderr().lock(), "SKIPPED {test}: {why}");
}

/// `go version`'s text and its minor version (19 for go1.19.8): runtime output
/// differs between Go versions, so the Go tests expect per version.
pub fn go_version(go: &Path) -> (String, u32) {
    let out = Command::new(go)
        .arg("version")
        .output()
        .expect("go version");
    let text = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let minor = text
        .split_whitespace()
        .find_map(|w| w.strip_prefix("go1."))
        .and_then(|v| v.split('.').next()?.parse().ok())
        .unwrap_or(0);
    (text, minor)
}

/// The Go toolchains the Go tests build with: `go` on PATH (Debian's Go 1.19)
/// and `$CASEFILE_GO_LATEST` (the newest, whose runtime prints differently).
/// A missing one is a visible skip, and a failure under CI.
pub fn go_toolchains(test: &str) -> Vec<PathBuf> {
    let mut v = Vec::new();
    if Command::new("go")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        v.push(PathBuf::from("go"));
    } else {
        skip(test, "no `go` (apt-get install golang-go)");
    }
    match std::env::var_os("CASEFILE_GO_LATEST").map(PathBuf::from) {
        Some(p) if p.exists() => v.push(p),
        _ => skip(
            test,
            "CASEFILE_GO_LATEST is not set: the newest Go is not tested",
        ),
    }
    v
}

/// Builds the Go program in `src` into `bin` with the tests' one environment
/// (local toolchain, no network, no cgo: the runtime detects deadlocks only
/// without it), so every Go test shares one build cache under target/.
///
/// Test processes share `bin` (nextest runs each test in its own process, and
/// two `cargo test` runs of one checkout run at once), so it only ever changes
/// by a rename: a process running the old binary keeps it, and none runs a
/// half-written one (`go build -o` writes in place when its work directory is
/// on another file system, as a tmpfs /tmp is: "text file busy"). Go builds,
/// one process at a time (a lock beside `bin`), into a staging file that only
/// builds touch and that it leaves alone when it is up to date (no link: a
/// build is then 0.2 s instead of 0.7); `bin` is linked to it.
pub fn go_build(go: &Path, src: &Path, bin: &Path, flags: &[&str]) {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let _lock = BuildLock::take(&beside(bin, "lock"));
    let staging = beside(bin, "build");
    let out = Command::new(go)
        .arg("build")
        .args(flags)
        .arg("-o")
        .arg(&staging)
        .arg(".")
        .current_dir(src)
        .env("GOTOOLCHAIN", "local")
        .env("GOPROXY", "off")
        .env("GOFLAGS", "")
        .env("CGO_ENABLED", "0")
        .env("GOCACHE", tmp.join("gocache"))
        .env("GOPATH", tmp.join("gopath"))
        .output()
        .expect("run go build");
    assert!(
        out.status.success(),
        "go build: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    publish(&staging, bin);
}

/// `.NAME.what` beside `file`: hidden, and on its file system (a rename stays atomic).
fn beside(file: &Path, what: &str) -> PathBuf {
    let name = file.file_name().expect("a file name").to_string_lossy();
    file.with_file_name(format!(".{name}.{what}"))
}

/// Puts `staging`'s file at `bin` by a rename. A hard link, not a copy: no
/// file is ever open for writing in this process, which a child forked
/// meanwhile would inherit, making a run of `bin` fail with "text file busy".
/// Go never writes into an existing output (it removes it or renames over it),
/// so the next build into `staging` leaves `bin` as it is.
fn publish(staging: &Path, bin: &Path) {
    use std::os::unix::fs::MetadataExt;
    let built = std::fs::metadata(staging).expect("the built binary");
    if std::fs::metadata(bin).is_ok_and(|m| m.dev() == built.dev() && m.ino() == built.ino()) {
        // Up to date; and a rename onto the same file would leave the link behind.
        return;
    }
    let link = beside(bin, "link");
    let _ = std::fs::remove_file(&link);
    std::fs::hard_link(staging, &link).expect("link the built binary");
    std::fs::rename(&link, bin).expect("rename the built binary into place");
}

/// An exclusive flock(2) on a lock file, released on drop or when the process dies.
struct BuildLock(std::fs::File);

impl BuildLock {
    fn take(path: &Path) -> BuildLock {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        rustix::fs::flock(&file, rustix::fs::FlockOperation::LockExclusive)
            .unwrap_or_else(|e| panic!("lock {}: {e}", path.display()));
        BuildLock(file)
    }
}

/// The templates of every record of `path` (read in UTC) and their counts,
/// as `patterns --json` lists them, sorted.
pub fn templates(path: &str) -> Vec<(String, u64)> {
    let v = casefile_json(&["patterns", "--json", "--tz", "UTC", path]);
    let mut t: Vec<(String, u64)> = v["patterns"]
        .as_array()
        .expect("patterns")
        .iter()
        .map(|p| {
            (
                p["template"].as_str().expect("template").to_owned(),
                p["count"].as_u64().expect("count"),
            )
        })
        .collect();
    t.sort();
    t
}
