//! What the incident tests share: the program built once per toolchain and
//! variant, its scenarios run, casefile's `--json` read, panicparse asked.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Mutex, OnceLock};

use crate::common::*;
use serde_json::Value;

/// A Go toolchain the tests build with, and what `go version` says of it.
pub struct Go {
    pub go: PathBuf,
    /// `go version`'s text, to name the toolchain in failures.
    pub name: String,
    /// The minor version (19 for go1.19.8): runtime output differs between versions.
    pub minor: u32,
}

impl Go {
    /// tests/go/incidents built with extra build flags, once per test binary.
    pub fn build(&self, variant: &str, flags: &[&str]) -> PathBuf {
        self.build_from(&incidents_dir(), variant, flags)
    }

    /// The program in `src` built as `variant`, once per test binary: the
    /// tests run in parallel and must not rewrite a binary another is running.
    pub fn build_from(&self, src: &Path, variant: &str, flags: &[&str]) -> PathBuf {
        static BUILT: OnceLock<Mutex<HashMap<(PathBuf, String), PathBuf>>> = OnceLock::new();
        let mut built = BUILT
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let key = (self.go.clone(), variant.to_string());
        if let Some(bin) = built.get(&key) {
            return bin.clone();
        }
        let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
        let bin = tmp.join(format!("incidents-go1.{}-{variant}", self.minor));
        go_build(&self.go, src, &bin, flags);
        built.insert(key, bin.clone());
        bin
    }

    /// The plain build.
    pub fn plain(&self) -> PathBuf {
        self.build("plain", &[])
    }

    /// Another build of the same program: the incident program with three
    /// lines added under its package clause, so every function sits lower in
    /// the file. Its source is written in a directory of this process's own:
    /// another test process may be writing its copy meanwhile.
    pub fn shifted(&self) -> PathBuf {
        let dir = tempfile::tempdir().expect("tempdir");
        let src = incidents_dir();
        std::fs::copy(src.join("go.mod"), dir.path().join("go.mod")).expect("copy go.mod");
        let main = std::fs::read_to_string(src.join("main.go")).expect("main.go");
        let main = main.replacen("package main\n", "package main\n\n// Another build.\n\n", 1);
        std::fs::write(dir.path().join("main.go"), main).expect("write main.go");
        self.build_from(dir.path(), "shifted", &[])
    }
}

/// Every Go toolchain available (a missing one is a visible skip, a failure under CI).
pub fn toolchains(test: &str) -> Vec<Go> {
    go_toolchains(test)
        .into_iter()
        .map(|go| {
            let (name, minor) = go_version(&go);
            Go { go, name, minor }
        })
        .collect()
}

pub fn incidents_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/go/incidents")
}

/// A path as an argument.
pub fn s(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

/// Runs a scenario; the program ends by itself (a watchdog, or the runtime).
pub fn run(bin: &Path, args: &[&str]) -> Output {
    output_via_files(Command::new(bin).args(args))
}

/// Runs `cmd` with its output going to files, not pipes, and reads them
/// back. Go 1.19's runtime writes a dump a piece at a time and does not
/// write again what a write cut short leaves: read through a pipe on a busy
/// machine, a 300 KiB panic message came back with 972 of its 4,689 lines
/// (one gate in several). A file takes every write whole.
pub fn output_via_files(cmd: &mut Command) -> Output {
    use std::io::{Read, Seek};
    let file = || tempfile::tempfile().expect("a temporary file");
    let (out, err) = (file(), file());
    let status = cmd
        .stdout(out.try_clone().expect("stdout file"))
        .stderr(err.try_clone().expect("stderr file"))
        .status()
        .expect("run the incident program");
    let read = |mut f: std::fs::File| {
        let mut b = Vec::new();
        f.rewind().expect("rewind");
        f.read_to_end(&mut b).expect("read back");
        b
    };
    Output {
        status,
        stdout: read(out),
        stderr: read(err),
    }
}

/// Runs a scenario writing its dumps (`-out`) into a new temporary directory.
pub fn run_out(bin: &Path, args: &[&str]) -> (tempfile::TempDir, Output) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut a = args.to_vec();
    a.extend_from_slice(&["-out", s(dir.path())]);
    let out = run(bin, &a);
    (dir, out)
}

/// `run_out` for a scenario that must end well (exit 0).
pub fn run_ok(bin: &Path, args: &[&str], name: &str) -> tempfile::TempDir {
    let (dir, out) = run_out(bin, args);
    assert!(
        out.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

pub fn goroutines_json(args: &[&str]) -> Value {
    let mut a = vec!["goroutines", "--json"];
    a.extend_from_slice(args);
    let o = casefile(&a);
    assert!(o.status.success(), "casefile {a:?}: {}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(&o)))
}

/// The dumps `goroutines --json FILE` reads, which must be `n` (`what`
/// names the case in a failure).
pub fn dumps_of(file: &Path, n: usize, what: &str) -> Vec<Value> {
    let v = goroutines_json(&[s(file)]);
    let dumps = v["dumps"]
        .as_array()
        .unwrap_or_else(|| panic!("{what}: {v}"))
        .clone();
    assert_eq!(dumps.len(), n, "{what}: {v}");
    dumps
}

/// The `warnings` of a `--json` answer are empty.
pub fn assert_no_warnings(v: &Value, what: &str) {
    assert!(
        v["warnings"].as_array().is_some_and(Vec::is_empty),
        "{what}: {}",
        v["warnings"]
    );
}

/// panicparse's group sizes (its -aggressive mode ignores arguments, as casefile's exact mode does).
pub fn panicparse_counts(dump: &Path) -> Option<Vec<u64>> {
    let o = Command::new("panicparse")
        .args(["-parse=false", "-no-color", "-aggressive"])
        .arg(dump)
        .output()
        .ok()?;
    let text =
        String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
    let mut v: Vec<u64> = text
        .lines()
        .filter_map(|l| l.split_once(": ").and_then(|(n, _)| n.parse().ok()))
        .collect();
    v.sort_unstable();
    Some(v)
}

pub fn our_counts(v: &Value) -> Vec<u64> {
    let mut c: Vec<u64> = v["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| g["count"].as_u64().expect("count"))
        .collect();
    c.sort_unstable();
    c
}

/// Cross-checks group sizes with panicparse; returns false when it is not installed.
pub fn cross_check(dump: &Path, ours: &Value, name: &str) -> bool {
    let Some(theirs) = panicparse_counts(dump) else {
        skip(
            "panicparse cross-check",
            "panicparse is not installed (apt-get install panicparse)",
        );
        return false;
    };
    assert_eq!(
        our_counts(ours),
        theirs,
        "{name}: group sizes differ from panicparse's on {}",
        dump.display()
    );
    true
}

/// The line of `needle` in the incident program's source, so expectations follow edits.
pub fn source_line(needle: &str) -> u64 {
    let src = std::fs::read_to_string(incidents_dir().join("main.go")).expect("source");
    src.lines()
        .position(|l| l.contains(needle))
        .expect("needle in source") as u64
        + 1
}

/// The runtime's crash output for a scenario: exit status 2, stderr saved as NAME.log.
pub fn crash_json(bin: &Path, scenario: &str, name: &str) -> (String, Value) {
    let out = run(bin, &["-scenario", scenario]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{name} {scenario}: the runtime ends the process with 2: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let log = write(dir.path(), &format!("{scenario}.log"), &out.stderr);
    let v = goroutines_json(&[s(&log)]);
    assert_no_warnings(&v, &format!("{name} {scenario}"));
    // The panicking goroutine's group comes first and holds it.
    let g = &v["groups"][0];
    assert_eq!(g["panicking"], true, "{name} {scenario}: {g}");
    assert!(
        g["ids"]
            .as_array()
            .is_some_and(|ids| ids.contains(&v["panic"]["goroutine"])),
        "{name} {scenario}: {g} {}",
        v["panic"]
    );
    (String::from_utf8_lossy(&out.stderr).into_owned(), v)
}

/// Whether `stack` (a group or panic with `frames`) holds `function` at `line`.
pub fn has_frame(stack: &Value, function: &str, line: u64) -> bool {
    stack["frames"]
        .as_array()
        .expect("frames")
        .iter()
        .any(|f| f["function"] == function && f["line"] == line)
}

/// The reaper scenario's two dumps of each kind, in a temporary directory.
pub fn reaper_dumps(go: &Go) -> tempfile::TempDir {
    run_ok(
        &go.plain(),
        &["-scenario", "reaper", "-requests", "40"],
        &go.name,
    )
}

/// The first frame of the panicking goroutine in the program's own code.
pub fn first_own_frame(v: &Value) -> (String, u64) {
    let f = v["panic"]["frames"]
        .as_array()
        .expect("frames")
        .iter()
        .find(|f| {
            f["function"]
                .as_str()
                .is_some_and(|f| f.starts_with("main."))
        })
        .unwrap_or_else(|| panic!("no frame in main: {}", v["panic"]));
    (
        f["function"].as_str().expect("function").to_string(),
        f["line"].as_u64().expect("line"),
    )
}
