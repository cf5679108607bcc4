//! A `?debug=1` profile with goroutine labels: workers of two tenants run the
//! same code from the same `go` statement under `pprof.Do`, and only their
//! labels tell them apart; a few flushers carry labels of their own.

use serde_json::Value;

use crate::common::*;
use crate::support::*;

const ACME: u64 = 25;
const GLOBEX: u64 = 15;
const FLUSHERS: u64 = 5;

fn scenario(bin: &std::path::Path, name: &str) -> tempfile::TempDir {
    run_ok(
        bin,
        &[
            "-scenario",
            "labels",
            "-acme",
            &ACME.to_string(),
            "-globex",
            &GLOBEX.to_string(),
            "-flushers",
            &FLUSHERS.to_string(),
        ],
        name,
    )
}

/// The groups whose own function is `f`, as (count, labels).
fn groups_in<'a>(v: &'a Value, f: &str) -> Vec<(u64, Option<&'a str>)> {
    let mut g: Vec<(u64, Option<&str>)> = v["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .filter(|g| g["own_function"] == f)
        .map(|g| (g["count"].as_u64().expect("count"), g["labels"].as_str()))
        .collect();
    g.sort_unstable();
    g
}

/// The labels line of the record in the profile text whose first frame is `f`
/// and that counts `n`: what the runtime printed, read off the text.
fn printed_labels(profile: &str, n: u64, f: &str) -> String {
    profile
        .split("\n\n")
        .find(|rec| rec.lines().any(|l| l.starts_with(&format!("{n} @ "))) && rec.contains(f))
        .and_then(|rec| {
            rec.lines()
                .find_map(|l| l.strip_prefix("# labels: "))
                .map(str::to_string)
        })
        .unwrap_or_else(|| panic!("no record of {n} in {f} with labels:\n{profile}"))
}

#[test]
fn a_labelled_profile_keeps_each_label_set_apart() {
    let test = "a_labelled_profile_keeps_each_label_set_apart";
    for go in toolchains(test) {
        let name = &go.name;
        let dir = scenario(&go.plain(), name);
        let d1 = dir.path().join("labels-debug1.txt");
        let profile = std::fs::read_to_string(&d1).expect("profile");
        let acme = printed_labels(&profile, ACME, "main.serveTenant");
        let globex = printed_labels(&profile, GLOBEX, "main.serveTenant");
        let flusher = printed_labels(&profile, FLUSHERS, "main.flushLoop");
        assert!(
            acme.contains(r#""tenant":"acme""#) && globex.contains(r#""tenant":"globex""#),
            "{name}: {acme} {globex}"
        );

        let v = goroutines_json(&[s(&d1)]);
        assert_eq!(v["kind"], "profile", "{name}");
        assert_no_warnings(&v, name);
        // One stack, two label sets: two groups, as the profile prints them.
        let mut tenants = vec![(GLOBEX, Some(globex.as_str())), (ACME, Some(acme.as_str()))];
        tenants.sort_unstable();
        assert_eq!(groups_in(&v, "main.serveTenant"), tenants, "{name}");
        assert_eq!(
            groups_in(&v, "main.flushLoop"),
            [(FLUSHERS, Some(flusher.as_str()))],
            "{name}"
        );
        // Unlabelled goroutines carry no labels.
        assert!(
            v["groups"]
                .as_array()
                .expect("groups")
                .iter()
                .filter(|g| g["own_function"].is_null())
                .all(|g| g["labels"].is_null()),
            "{name}: {v}"
        );

        // The text names each group's labels.
        let o = casefile(&["goroutines", s(&d1)]);
        let text = stdout(&o);
        for (n, labels) in [(ACME, &acme), (GLOBEX, &globex), (FLUSHERS, &flusher)] {
            let group = text
                .split("\n#")
                .find(|g| g.contains(&format!(" {n} goroutines ")))
                .unwrap_or_else(|| panic!("{name}: no group of {n}:\n{text}"));
            assert!(
                group.contains(&format!("  labels: {labels}")),
                "{name}: {group}"
            );
        }

        // The traceback of the same moment prints no labels: one group of both tenants.
        let d2 = dir.path().join("labels-debug2.txt");
        let v2 = goroutines_json(&[s(&d2)]);
        assert_eq!(
            groups_in(&v2, "main.serveTenant"),
            [(ACME + GLOBEX, None)],
            "{name}"
        );
        assert_eq!(v2["total"], v["total"], "{name}");
        cross_check(&d2, &v2, name);
    }
}

/// With `--binary`, each address of a profile resolves to the program's own
/// function, file and line, stripped binary or not.
#[test]
fn a_profiles_addresses_resolve_with_the_binary() {
    let test = "a_profiles_addresses_resolve_with_the_binary";
    let serve = source_line("for range work {");
    let flush = source_line("<-flush");
    for go in toolchains(test) {
        let name = &go.name;
        for (variant, flags) in [("plain", &[][..]), ("stripped", &["-ldflags=-s -w"][..])] {
            let bin = go.build(variant, flags);
            let dir = scenario(&bin, name);
            let d1 = dir.path().join("labels-debug1.txt");
            let v = goroutines_json(&["--binary", s(&bin), s(&d1)]);
            assert_no_warnings(&v, &format!("{name} {variant}"));
            for (f, line) in [("main.serveTenant", serve), ("main.flushLoop", flush)] {
                let g = v["groups"]
                    .as_array()
                    .expect("groups")
                    .iter()
                    .find(|g| g["own_function"] == f)
                    .unwrap_or_else(|| panic!("{name}: no group in {f}"));
                let frames = g["frames"].as_array().expect("frames");
                let at = frames
                    .iter()
                    .position(|fr| fr["function"] == f)
                    .unwrap_or_else(|| panic!("{name}: {f} not in {g}"));
                let top = &frames[at];
                let r = &top["resolved"];
                assert_eq!(r["line"].as_u64(), Some(line), "{name} {variant}: {top}");
                // The compiler inlines it into the closure below it: both
                // DWARF and the runtime's line table (all a stripped binary
                // keeps) name it, and the closure it was inlined into.
                let below = &frames[at + 1]["function"];
                assert_eq!(r["function"], f, "{name} {variant}: {g}");
                assert_eq!(r["inlined_into"][0], *below, "{name} {variant}: {g}");
                let via = if variant == "stripped" {
                    "pclntab"
                } else {
                    "dwarf"
                };
                assert_eq!(r["via"], via, "{name}: {r}");
                assert!(
                    r["file"]
                        .as_str()
                        .is_some_and(|p| p.ends_with("incidents/main.go")),
                    "{name} {variant}: {top}"
                );
                // The address is the one the profile printed for that frame.
                assert_eq!(r["address"], top["pc"], "{name} {variant}: {top}");
            }
            // Every frame with an address resolved.
            for g in v["groups"].as_array().expect("groups") {
                for fr in g["frames"].as_array().expect("frames") {
                    assert!(
                        fr["resolved"]["function"].is_string(),
                        "{name} {variant}: {fr}"
                    );
                }
            }
        }
    }
}

/// The runtime's own frames at the top of a profile's stacks (and goexit at
/// the bottom) print only as addresses on the `N @ 0x…` line: with the
/// binary each becomes a frame, resolved one byte before the return address
/// as the runtime does, between the frames the profile printed.
#[test]
fn a_profiles_unprinted_frames_resolve_from_its_addresses() {
    let test = "a_profiles_unprinted_frames_resolve_from_its_addresses";
    for go in toolchains(test) {
        let name = &go.name;
        for (variant, flags) in [("plain", &[][..]), ("stripped", &["-ldflags=-s -w"][..])] {
            let bin = go.build(variant, flags);
            let dir = scenario(&bin, name);
            let d1 = dir.path().join("labels-debug1.txt");
            let text = std::fs::read_to_string(&d1).expect("profile");
            let record = text
                .split("\n\n")
                .find(|r| r.contains(&format!("{ACME} @ ")) && r.contains("main.serveTenant"))
                .unwrap_or_else(|| panic!("{name}: no record of {ACME}:\n{text}"));
            let pcs: Vec<String> = record
                .lines()
                .find(|l| l.starts_with(&format!("{ACME} @ ")))
                .and_then(|l| l.split_once(" @ "))
                .expect("@ line")
                .1
                .split_whitespace()
                .map(|a| format!("{:#x}", u64::from_str_radix(&a[2..], 16).expect("hex") - 1))
                .collect();
            let printed = record.lines().filter(|l| l.starts_with("#\t")).count();
            assert!(pcs.len() > printed, "{name}: {record}");

            let group = |v: &Value| -> Value {
                v["groups"]
                    .as_array()
                    .expect("groups")
                    .iter()
                    .find(|g| g["own_function"] == "main.serveTenant" && g["count"] == ACME)
                    .cloned()
                    .unwrap_or_else(|| panic!("{name}: no group of {ACME}: {v}"))
            };
            let plain = group(&goroutines_json(&[s(&d1)]));
            assert_eq!(
                plain["frames"].as_array().map(Vec::len),
                Some(printed),
                "{name}"
            );

            let v = goroutines_json(&["--binary", s(&bin), s(&d1)]);
            assert_no_warnings(&v, &format!("{name} {variant}"));
            let g = group(&v);
            let frames = g["frames"].as_array().expect("frames");
            let shown: Vec<&str> = frames
                .iter()
                .map(|f| f["pc"].as_str().unwrap_or("-"))
                .collect();
            assert_eq!(shown, pcs, "{name} {variant}: {g}");
            let from_address: Vec<&str> = frames
                .iter()
                .filter(|f| f["from_address"] == true)
                .map(|f| f["function"].as_str().unwrap_or("?"))
                .collect();
            assert_eq!(
                from_address.len(),
                pcs.len() - printed,
                "{name} {variant}: {g}"
            );
            assert_eq!(
                from_address.first(),
                Some(&"runtime.gopark"),
                "{name} {variant}: {g}"
            );
            assert_eq!(
                from_address.last(),
                Some(&"runtime.goexit"),
                "{name} {variant}: {g}"
            );
            for f in frames {
                assert!(
                    f["line"].as_u64().is_some_and(|l| l > 0)
                        && f["resolved"]["function"] == f["function"],
                    "{name} {variant}: {f}"
                );
            }
            // The printed frames keep their place, as printed.
            let own: Vec<&Value> = frames
                .iter()
                .filter(|f| f["from_address"] != true)
                .collect();
            assert_eq!(own.len(), printed, "{name} {variant}: {g}");
            assert_eq!(
                own[0]["function"], "main.serveTenant",
                "{name} {variant}: {g}"
            );
            // The top function is the top frame shown, and the ranking is
            // the program's own frames': the runtime's added above them
            // change neither the order nor any group's own function.
            assert_eq!(g["top_function"], frames[0]["function"], "{name} {variant}");
            let order = |v: &Value| -> Vec<(Value, Value, Value)> {
                v["groups"]
                    .as_array()
                    .expect("groups")
                    .iter()
                    .map(|g| {
                        (
                            g["count"].clone(),
                            g["own_function"].clone(),
                            g["labels"].clone(),
                        )
                    })
                    .collect()
            };
            assert_eq!(
                order(&v),
                order(&goroutines_json(&[s(&d1)])),
                "{name} {variant}"
            );
            for g in v["groups"].as_array().expect("groups") {
                assert_eq!(
                    g["top_function"], g["frames"][0]["function"],
                    "{name} {variant}: {g}"
                );
            }
            // The text says the same.
            let o = casefile(&["goroutines", "--binary", s(&bin), s(&d1)]);
            let out = stdout(&o);
            assert!(
                out.contains("    runtime.gopark (address only)\n"),
                "{name} {variant}: {out}"
            );
        }
    }
}

/// Two profiles of the program, one tenant's workers grown between them:
/// the diff matches groups by their labels too, so the growth is that
/// tenant's and the other's group is unchanged.
#[test]
fn a_diff_of_two_labelled_profiles_says_whose_workers_grew() {
    let test = "a_diff_of_two_labelled_profiles_says_whose_workers_grew";
    for go in toolchains(test) {
        let name = &go.name;
        let bin = go.plain();
        let run = |acme: u64| {
            let dir = run_ok(
                &bin,
                &[
                    "-scenario",
                    "labels",
                    "-acme",
                    &acme.to_string(),
                    "-globex",
                    &GLOBEX.to_string(),
                    "-flushers",
                    &FLUSHERS.to_string(),
                ],
                name,
            );
            let p = dir.path().join("labels-debug1.txt");
            (dir, p)
        };
        let (_old_dir, old) = run(10);
        let (_new_dir, new) = run(ACME);
        let v = goroutines_json(&["--diff", s(&old), s(&new)]);
        let grown = v["grown"].as_array().expect("grown");
        let mine: Vec<(u64, u64, &str)> = grown
            .iter()
            .filter(|c| c["own_function"] == "main.serveTenant")
            .map(|c| {
                (
                    c["before"].as_u64().expect("before"),
                    c["after"].as_u64().expect("after"),
                    c["labels"].as_str().unwrap_or(""),
                )
            })
            .collect();
        assert_eq!(mine.len(), 1, "{name}: only acme's workers grew: {v}");
        assert_eq!((mine[0].0, mine[0].1), (10, ACME), "{name}: {v}");
        assert!(mine[0].2.contains(r#""tenant":"acme""#), "{name}: {v}");
        let o = casefile(&["goroutines", "--diff", s(&old), s(&new)]);
        let text = stdout(&o);
        assert!(
            text.lines().any(|l| l.contains("+15")
                && l.contains("main.serveTenant")
                && l.contains(r#"labels {"role":"worker", "tenant":"acme"}"#)),
            "{name}: {text}"
        );
        // Nothing of the program's own is new, gone or shrunk.
        for list in ["new", "gone", "shrunk"] {
            assert!(
                v[list]
                    .as_array()
                    .expect("list")
                    .iter()
                    .all(|c| c["own_function"] != "main.serveTenant"),
                "{name}: {list}: {v}"
            );
        }
    }
}

/// At 80 columns the group list's rows of the two tenants' workers (one
/// stack, told apart by their labels only) showed `{"role":"worker", "ten…`
/// both: the label that tells them apart was cut. Each row shows the labels
/// its group does not share with the other groups of its stack first.
#[test]
fn at_80_columns_each_tenants_row_shows_its_tenant() {
    let test = "at_80_columns_each_tenants_row_shows_its_tenant";
    for go in toolchains(test) {
        let name = &go.name;
        let dir = scenario(&go.plain(), name);
        let d1 = dir.path().join("labels-debug1.txt");
        let mut app = crate::tui::view::open(&[&d1]);
        app.size = (80, 24);
        let screen = crate::tui::view::screen(&app);
        for (n, tenant) in [(ACME, "acme"), (GLOBEX, "globex")] {
            let row = screen
                .lines()
                .find(|l| {
                    l.trim_start().starts_with(&format!("{n} ")) && l.contains("main.serveTenant")
                })
                .unwrap_or_else(|| panic!("{name}: no row of {n} workers:\n{screen}"));
            assert!(
                row.contains(&format!("\"tenant\":\"{tenant}\"")),
                "{name}: {row}\n{screen}"
            );
        }
    }
}
