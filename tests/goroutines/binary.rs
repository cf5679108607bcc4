//! Addresses to source lines with `--binary` and `casefile addr`: a worker's
//! nil-pointer panic built plain, stripped and with -trimpath, and a binary
//! from another build said not to match.
use object::{Object, ObjectSection, ObjectSymbol};
use serde_json::json;

use crate::common::*;
use crate::support::*;

#[test]
fn a_worker_nil_panic_resolves_its_pc_plain_stripped_and_trimpath() {
    let test = "a_worker_nil_panic_resolves_its_pc_plain_stripped_and_trimpath";
    let line = source_line("return w.current.id * 2");
    let mut binaries = Vec::new();
    for go in toolchains(test) {
        let name = &go.name;
        for (variant, flags) in [
            ("plain", &[][..]),
            ("stripped", &["-ldflags=-s -w"][..]),
            ("trimpath", &["-trimpath"][..]),
        ] {
            let bin = go.build(variant, flags);
            let out = run(&bin, &["-scenario", "panic"]);
            assert_eq!(
                out.status.code(),
                Some(2),
                "{name} {variant}: a panic exits with 2"
            );
            let dir = tempfile::tempdir().expect("tempdir");
            let log = write(dir.path(), "worker.log", &out.stderr);
            let v = goroutines_json(&["--binary", s(&bin), s(&log)]);
            let p = &v["panic"];
            assert_eq!(
                p["message"], "runtime error: invalid memory address or nil pointer dereference",
                "{name} {variant}"
            );
            assert_eq!(p["signal"]["name"], "SIGSEGV");
            assert_eq!(p["signal"]["addr"], 0);
            let r = &p["pc_resolved"];
            assert_eq!(r["line"].as_u64(), Some(line), "{name} {variant}: {r}");
            // The getter is inlined into the worker's closure: the fault is
            // named after the getter, stripped or not, as the traceback does.
            assert_eq!(
                r["function"], "main.(*worker).process",
                "{name} {variant}: {r}"
            );
            assert_eq!(
                r["inlined_into"],
                json!(["main.runPanic.func1"]),
                "{name} {variant}: {r}"
            );
            let via = if variant == "stripped" {
                "pclntab"
            } else {
                "dwarf"
            };
            assert_eq!(r["via"], via, "{name} {variant}: {r}");
            assert!(
                r["file"]
                    .as_str()
                    .is_some_and(|f| f.ends_with("incidents/main.go")),
                "{name} {variant}: {r}"
            );
            assert_no_warnings(&v, &format!("{name} {variant}"));
            // The panic sits in time with the log around it: the last log line's second.
            assert_eq!(v["time_origin"], "log_line", "{name} {variant}");
            // The panicking goroutine's group comes first.
            assert_eq!(v["groups"][0]["panicking"], true);
            assert_eq!(v["groups"][0]["ids"][0], p["goroutine"]);
            // `addr` prints the same, from the pc= as pasted.
            let pc = format!(
                "pc={}",
                p["signal"]["pc"]
                    .as_u64()
                    .map(|v| format!("{v:#x}"))
                    .unwrap_or_default()
            );
            let o = casefile(&["addr", "--binary", s(&bin), &pc]);
            assert!(o.status.success(), "{}", stderr(&o));
            assert!(
                stdout(&o).contains(&format!(
                    " main.(*worker).process {}",
                    r["file"].as_str().unwrap_or("?")
                )) && stdout(&o).contains(&format!(
                    "main.go:{line} (inlined into main.runPanic.func1)"
                )),
                "{name} {variant}: {}",
                stdout(&o)
            );
            binaries.push((bin, log, dir));
        }
    }
    // Another build's binary (the other toolchain's) is said not to match.
    if binaries.len() == 6 {
        let (other, _, _) = &binaries[3];
        let (_, log, _) = &binaries[0];
        let v = goroutines_json(&["--binary", s(other), s(log)]);
        let w = v["warnings"].to_string();
        assert!(w.contains("does not match the dump"), "{w}");
    }
}

/// The panic scenario's workers log while one of them panics, and the runtime
/// writes a panic's text piece by piece: a log line written meanwhile lands
/// inside it (`…nil pointer dereference2026/12/02 04:35:57.998152 worker 2
/// processing job 2`, seen under nextest's load). The program must log every
/// line before the panic starts, so that the tests above read one panic.
#[test]
fn the_panic_scenario_logs_every_line_before_the_panic() {
    let test = "the_panic_scenario_logs_every_line_before_the_panic";
    for go in toolchains(test) {
        let bin = go.plain();
        for run_no in 0..10 {
            let out = run(&bin, &["-scenario", "panic"]);
            let stderr = String::from_utf8_lossy(&out.stderr);
            let (before, panic) = stderr
                .split_once("\npanic: ")
                .unwrap_or_else(|| panic!("{} run {run_no}: no panic:\n{stderr}", go.name));
            let jobs = before
                .lines()
                .filter(|l| l.contains(" processing job "))
                .count();
            assert!(
                jobs == 9 && !panic.contains(" processing job "),
                "{} run {run_no}: {jobs} of 9 job lines before the panic:\n{stderr}",
                go.name
            );
        }
    }
}

/// Another build of the same program (`Go::shifted`: every function lower in the file).
#[test]
fn a_dump_read_with_another_builds_binary_is_said_not_to_match() {
    let test = "a_dump_read_with_another_builds_binary_is_said_not_to_match";
    for go in toolchains(test) {
        let name = &go.name;
        let bin = go.plain();
        let other = go.shifted();
        let dir = run_ok(&bin, &["-scenario", "mutex", "-waiters", "20"], name);
        let d2 = dir.path().join("mutex-debug2.txt");
        let own = goroutines_json(&["--binary", s(&bin), s(&d2)]);
        assert_no_warnings(&own, &format!("{name}: its own binary matches"));
        let theirs = goroutines_json(&["--binary", s(&other), s(&d2)]);
        let w = theirs["warnings"].to_string();
        assert!(
            w.contains("does not match the dump")
                && w.contains("frames are not where the dump puts them"),
            "{name}: {w}"
        );
    }
}

/// `addr --in` resolves a panic's `pc=` with the binary given, as the screen
/// does under the cursor record: with another build's binary it names a
/// function no frame of the record names, and says so (`not_in_record`), as
/// `goroutines --binary` says such a binary does not match the dump.
#[test]
fn addr_in_says_a_pc_no_frame_of_its_record_names() {
    let test = "addr_in_says_a_pc_no_frame_of_its_record_names";
    let runs: Vec<_> = toolchains(test)
        .iter()
        .map(|go| {
            let bin = go.plain();
            let out = run(&bin, &["-scenario", "panic"]);
            let dir = tempfile::tempdir().expect("tempdir");
            let log = write(dir.path(), "worker.log", &out.stderr);
            (go.name.clone(), bin, log, dir)
        })
        .collect();
    let mut said = 0;
    for (k, (name, bin, log, _)) in runs.iter().enumerate() {
        let text = String::from_utf8_lossy(&std::fs::read(log).expect("log")).into_owned();
        // Its own binary: the pc is in the function the traceback names.
        let own = casefile_ndjson(&["addr", "--json", "--binary", s(bin), "--in", s(log)]);
        assert!(!own.is_empty(), "{name}");
        for r in &own {
            for a in r["addresses"].as_array().expect("addresses") {
                assert!(a.get("not_in_record").is_none(), "{name}: {a}");
            }
        }
        let o = casefile(&["addr", "--binary", s(bin), "--in", s(log)]);
        assert!(
            !stdout(&o).contains("another build"),
            "{name}: {}",
            stdout(&o)
        );
        // The other toolchain's binary: wherever it puts the pc, a function
        // the record does not name is said to be one.
        let Some((other_name, other, _, _)) = runs.get(1 - k.min(1)).filter(|_| runs.len() == 2)
        else {
            continue;
        };
        let o = casefile(&["addr", "--json", "--binary", s(other), "--in", s(log)]);
        let before = said;
        for line in stdout(&o).lines() {
            let r: serde_json::Value = serde_json::from_str(line).expect("JSON line");
            for a in r["addresses"].as_array().expect("addresses") {
                let f = a["function"].as_str().expect("function");
                let named =
                    text.contains(&format!("\n{f}(")) || text.contains(&format!("created by {f}"));
                assert_eq!(
                    a.get("not_in_record").is_some(),
                    !named,
                    "{name} read with {other_name}'s binary: {a}"
                );
                if !named {
                    assert_eq!(a["not_in_record"], true, "{a}");
                    said += 1;
                }
            }
        }
        let o = casefile(&["addr", "--binary", s(other), "--in", s(log)]);
        if said > before {
            assert!(
                stdout(&o).contains("(no frame of this record names it: another build?)"),
                "{name} read with {other_name}'s binary: {}",
                stdout(&o)
            );
        }
    }
    if runs.len() == 2 {
        assert!(
            said > 0,
            "neither toolchain's binary misplaced the other's pc"
        );
    }
}

#[test]
fn bad_input_gets_a_clear_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = casefile(&["addr", "--binary", "/nonexistent/prog", "0x1"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("/nonexistent/prog"), "{}", stderr(&o));
    let notbin = write(dir.path(), "notes.txt", b"just text\n");
    let o = casefile(&["addr", "--binary", s(&notbin), "0x1"]);
    assert!(stderr(&o).contains("not an executable"), "{}", stderr(&o));
    let o = casefile(&["addr", "--binary", s(&notbin), "xyz"]);
    assert!(
        stderr(&o).contains("'xyz' is not a code address"),
        "{}",
        stderr(&o)
    );
    // Text that is no dump at all: said on stderr, not printed as a dump of 0 goroutines.
    let o = casefile(&["goroutines", "--json", s(&notbin)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    assert!(
        stderr(&o).starts_with("casefile: notes: no Go goroutine dump or panic in it"),
        "{}",
        stderr(&o)
    );
}

/// `addr --in` a log that cannot be read says so once, naming the log, and
/// not also that the (unread) log holds no address.
#[test]
fn addr_in_a_missing_log_says_only_that_it_is_missing() {
    let test = "addr_in_a_missing_log_says_only_that_it_is_missing";
    for go in toolchains(test).into_iter().take(1) {
        let bin = go.plain();
        let dir = tempfile::tempdir().expect("tempdir");
        let missing = dir.path().join("gone.log");
        for json in [false, true] {
            let mut args = vec!["addr", "--binary", s(&bin), "--in", s(&missing)];
            if json {
                args.insert(1, "--json");
            }
            let o = casefile(&args);
            assert_eq!(o.status.code(), Some(1), "json {json}: {}", stderr(&o));
            assert_eq!(stdout(&o), "", "json {json}");
            let err = stderr(&o);
            assert_eq!(err.lines().count(), 1, "json {json}: {err}");
            assert!(
                err.contains(s(&missing)) && err.contains("no such file"),
                "json {json}: {err}"
            );
        }
        // A log that is read and holds no address still says that.
        let empty = write(dir.path(), "quiet.log", b"2026-11-20T14:31:07Z all fine\n");
        let o = casefile(&[
            "addr",
            "--binary",
            s(&bin),
            "--in",
            s(&empty),
            "--in",
            s(&missing),
        ]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 2, "{err}");
        assert!(err.contains("no such file"), "{err}");
        assert!(err.contains("no record holds"), "{err}");
    }
}

/// The line table's answer (function, the functions it was inlined into,
/// file, line) equals DWARF's over every function of a plain build, a pc
/// every few bytes: the inline trees read from pclntab name what DWARF names.
#[test]
fn the_line_table_names_inlined_code_as_dwarf_does() {
    use casefile::symbol::Resolved;
    let test = "the_line_table_names_inlined_code_as_dwarf_does";
    // Go names a generic function's instances after their shapes in DWARF
    // (`F[go.shape.int_0]`) and `F[...]` in the line table.
    let generic = regex::Regex::new(r"\[[^\]]*\]").expect("regex");
    let names = |r: &Resolved| -> Vec<String> {
        std::iter::once(&r.function)
            .chain(&r.inlined_into)
            .map(|n| generic.replace_all(n, "[...]").into_owned())
            .collect()
    };
    for go in toolchains(test) {
        let name = &go.name;
        let plain = go.plain();
        let bin = casefile::symbol::Binary::open(&plain).expect("open the plain build");
        assert!(bin.has_dwarf() && bin.has_pclntab(), "{name}");
        // go:func.*, found without the symbol table, is where the symbol table puts it.
        let bytes = std::fs::read(&plain).expect("read the build");
        let file = object::File::parse(&*bytes).expect("parse the build");
        let symbol = file
            .symbols()
            .find(|s| matches!(s.name(), Ok("go:func.*" | "go.func.*")))
            .map(|s| s.address());
        assert!(symbol.is_some(), "{name}: no go:func.* symbol");
        assert_eq!(bin.gofunc(), symbol, "{name}");
        let (mut checked, mut inlined, mut wrappers, mut lines) = (0usize, 0usize, 0usize, 0usize);
        let mut named_apart = Vec::new();
        for (entry, end) in bin.functions() {
            for pc in (entry..end).step_by(5) {
                let (Some(d), Some(p)) = (bin.resolve(pc), bin.resolve_pclntab(pc)) else {
                    continue;
                };
                checked += 1;
                inlined += usize::from(!p.inlined_into.is_empty());
                if (&d.file, d.line) != (&p.file, p.line) {
                    lines += 1;
                }
                let (dn, pn) = (names(&d), names(&p));
                if dn == pn {
                    continue;
                }
                // The compiler's `(*T).M` wrappers of value methods inline
                // `T.M`, which their DWARF does not record: it names the wrapper.
                if d.function.contains("(*") && d.inlined_into.is_empty() && pn.last() == dn.first()
                {
                    wrappers += 1;
                    continue;
                }
                named_apart.push(format!("{}: DWARF {dn:?}, line table {pn:?}", d.address));
            }
        }
        assert!(
            named_apart.is_empty(),
            "{name}: {} of {checked} pcs named apart, e.g. {:#?}",
            named_apart.len(),
            &named_apart[..named_apart.len().min(10)]
        );
        // Enough inlined code was compared for the comparison to mean something.
        assert!(
            inlined > checked / 20,
            "{name}: {inlined} of {checked} pcs inlined"
        );
        assert!(
            wrappers < checked / 1000,
            "{name}: {wrappers} of {checked} pcs in wrappers"
        );
        // The two tables place a few pcs on other lines, inlining or not
        // (0.004% with Go 1.19): never more than one in a thousand.
        assert!(
            lines < checked / 1000,
            "{name}: {lines} of {checked} pcs on other lines"
        );
    }
}

/// A stripped build whose `runtime.firstmoduledata` cannot be found (its
/// pointer to the line table overwritten): the fault is named after the
/// function the getter was inlined into, at the getter's line, as before
/// inline trees were read, and `addr` says why.
#[test]
fn without_the_inline_trees_the_outer_function_is_named_and_said() {
    let test = "without_the_inline_trees_the_outer_function_is_named_and_said";
    let line = source_line("return w.current.id * 2");
    for go in toolchains(test) {
        let name = &go.name;
        let bin = go.build("stripped", &["-ldflags=-s -w"]);
        let out = run(&bin, &["-scenario", "panic"]);
        let text = String::from_utf8_lossy(&out.stderr);
        let pc = text
            .split_whitespace()
            .find_map(|w| {
                w.strip_prefix("pc=")
                    .map(|p| p.trim_end_matches(']').to_string())
            })
            .unwrap_or_else(|| panic!("{name}: no pc= in {text}"));
        let mut bytes = std::fs::read(&bin).expect("read the build");
        let pclntab = object::File::parse(&*bytes)
            .expect("parse the build")
            .section_by_name(".gopclntab")
            .expect(".gopclntab")
            .address()
            .to_le_bytes();
        let mut overwritten = 0;
        for at in 0..bytes.len().saturating_sub(8) {
            if bytes[at..at + 8] == pclntab {
                bytes[at..at + 8].fill(0);
                overwritten += 1;
            }
        }
        assert!(overwritten > 0, "{name}");
        let dir = tempfile::tempdir().expect("tempdir");
        let broken = write(dir.path(), "no-moduledata", &bytes);
        let o = casefile(&["addr", "--binary", s(&broken), &pc]);
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        assert!(
            stdout(&o).contains(" main.runPanic.func1 ")
                && stdout(&o).contains(&format!("main.go:{line} (or code inlined into it)")),
            "{name}: {}",
            stdout(&o)
        );
        assert!(
            stderr(&o).contains("code inlined into a function is named after that function (no runtime.firstmoduledata points at the line table)"),
            "{name}: {}",
            stderr(&o)
        );
        let j = casefile(&["addr", "--json", "--binary", s(&broken), &pc]);
        let v: serde_json::Value = serde_json::from_slice(&j.stdout).expect("json");
        assert_eq!(v["inlined_unknown"], true, "{name}: {v}");
        assert_eq!(v["function"], "main.runPanic.func1", "{name}: {v}");
    }
}

/// The check that picks `go:func.*` among moduledata's words holds only at
/// the real address: a wrong base would name inlined code after whatever
/// string its offsets hit, and a wrong name is worse than the outer one.
#[test]
fn inline_trees_read_only_at_the_real_gofunc() {
    let test = "inline_trees_read_only_at_the_real_gofunc";
    for go in toolchains(test) {
        let name = &go.name;
        let bin = go.build("stripped", &["-ldflags=-s -w"]);
        let bytes = std::fs::read(&bin).expect("read the build");
        let file = object::File::parse(&*bytes).expect("parse the build");
        let table = casefile::symbol::pclntab::Pclntab::from_object(&file).expect("pclntab");
        let gofunc = table.gofunc().expect("go:func.* found");
        assert!(table.inline_trees_read_at(&file, gofunc), "{name}");
        let rodata = file.section_by_name(".rodata").expect(".rodata").address();
        for wrong in [gofunc - 16, gofunc - 4, gofunc + 4, gofunc + 20, rodata] {
            assert!(
                !table.inline_trees_read_at(&file, wrong),
                "{name}: {wrong:#x} read as go:func.* ({gofunc:#x})"
            );
        }
    }
}

/// `addr --in` quotes a record's first line as `silences` and `patterns`
/// quote records: cut after 2,000 characters with how many bytes were left
/// out, in the text and in `--json`. A panic whose message is a one-line
/// blob of 8 MiB printed 8 MiB.
#[test]
fn addr_in_quotes_a_huge_first_line_cut() {
    let test = "addr_in_quotes_a_huge_first_line_cut";
    for go in toolchains(test).into_iter().take(1) {
        let bin = go.plain();
        let out = run(&bin, &["-scenario", "panic"]);
        let log = String::from_utf8_lossy(&out.stderr).into_owned();
        let first = log
            .lines()
            .find(|l| l.starts_with("panic: "))
            .unwrap_or_else(|| panic!("{}: no panic: {log}", go.name))
            .to_string();
        let huge = format!("{first} {}", "x".repeat(8 << 20));
        let dir = tempfile::tempdir().expect("tempdir");
        let path = write(
            dir.path(),
            "huge.log",
            log.replacen(&first, &huge, 1).as_bytes(),
        );
        let left_out = {
            let n = huge.chars().count() - 2000;
            let s = n.to_string();
            let mut grouped = String::new();
            for (k, c) in s.chars().enumerate() {
                if k > 0 && (s.len() - k) % 3 == 0 {
                    grouped.push(',');
                }
                grouped.push(c);
            }
            format!("… (+{grouped} bytes)")
        };
        let kept: String = huge.chars().take(2000).collect();

        let rows = casefile_ndjson(&["addr", "--json", "--binary", s(&bin), "--in", s(&path)]);
        assert_eq!(rows.len(), 1, "{}: {rows:?}", go.name);
        let text = rows[0]["text"].as_str().expect("text");
        assert_eq!(text, format!("{kept}{left_out}"), "{}", go.name);
        assert!(
            !rows[0]["addresses"]
                .as_array()
                .expect("addresses")
                .is_empty()
        );

        let o = casefile(&["addr", "--binary", s(&bin), "--in", s(&path)]);
        assert!(o.status.success(), "{}", stderr(&o));
        let printed = stdout(&o);
        assert!(
            printed.len() < 10_000,
            "{}: {} bytes printed",
            go.name,
            printed.len()
        );
        let head = printed.lines().next().expect("a line");
        assert!(
            head.ends_with(&format!("{kept}{left_out}")),
            "{}: {head}",
            go.name
        );
    }
}

/// A `?debug=1` profile whose `#` lines are gone (a tool that drops
/// comment lines, as config and log shippers do) holds only each record's
/// `N @ 0x…` addresses: its stacks read `?`. `goroutines` and the screen say
/// once that `--binary` resolves them; with it, nothing is said.
#[test]
fn a_profile_of_addresses_only_says_binary_resolves_them() {
    let test = "a_profile_of_addresses_only_says_binary_resolves_them";
    let hint = "its stacks are addresses only (no `#` lines under `N @ 0x…`): --binary PROGRAM, the program that wrote it, resolves them";
    for go in toolchains(test) {
        let name = &go.name;
        let bin = go.plain();
        let dir = run_ok(&bin, &["-scenario", "mutex", "-waiters", "20"], name);
        let d1 = std::fs::read_to_string(dir.path().join("mutex-debug1.txt")).expect("profile");
        let bare: String = d1
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| format!("{l}\n"))
            .collect();
        let path = write(dir.path(), "bare-debug1.txt", bare.as_bytes());
        let text = casefile_ok(&["goroutines", s(&path)]);
        assert_eq!(text.matches(hint).count(), 1, "{name}: {text}");
        let v = goroutines_json(&[s(&path)]);
        assert!(
            v["warnings"]
                .as_array()
                .is_some_and(|w| w.iter().any(|w| w == hint)),
            "{name}: {}",
            v["warnings"]
        );
        // Each record is a stack of its own (they were one group of every
        // goroutine, their printed frames all none): as many groups as
        // records with other addresses, the 20 waiters on the mutex one.
        let records: std::collections::HashSet<&str> = bare
            .lines()
            .filter_map(|l| l.split_once(" @ ").map(|(_, a)| a))
            .collect();
        let groups = v["groups"].as_array().expect("groups");
        assert_eq!(groups.len(), records.len(), "{name}: {groups:?}");
        assert!(
            groups.iter().any(|g| g["count"] == 20),
            "{name}: {groups:?}"
        );
        let resolved = casefile_ok(&["goroutines", "--binary", s(&bin), s(&path)]);
        assert!(!resolved.contains("addresses only"), "{name}: {resolved}");
        assert!(
            resolved.contains("main.(*Broker).Send"),
            "{name}: {resolved}"
        );

        let app = crate::tui::view::open(&[&path]);
        let said = app.message.clone().map(|m| m.0).unwrap_or_default();
        assert_eq!(said, format!("bare-debug1: {hint}"), "{name}");
    }
}
