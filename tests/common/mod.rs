//! Helpers shared by the integration tests (each test file includes this with `mod common;`).
#![allow(dead_code)]

pub mod burst_logs;
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
pub fn go_build(go: &Path, src: &Path, bin: &Path, flags: &[&str]) {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let out = Command::new(go)
        .arg("build")
        .args(flags)
        .arg("-o")
        .arg(bin)
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
}
