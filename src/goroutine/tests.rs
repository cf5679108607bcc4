//! Parser and grouping on real runtime output from the shared corpus
//! (`../shared/corpus/go`, `journald`): panics printed inside logs by Go 1.19
//! and Go 1.27. Expected values are read off the files by hand.

use super::*;

pub(super) fn corpus(rel: &str) -> Vec<u8> {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(rel);
    std::fs::read(&p)
        .unwrap_or_else(|e| panic!("{}: {e} (the tests need ../shared/corpus)", p.display()))
}

pub(super) fn ids(d: &Dump) -> Vec<u64> {
    d.goroutines.iter().map(|g| g.id).collect()
}

fn states(d: &Dump) -> Vec<&str> {
    d.goroutines.iter().map(|g| d.name(g.state)).collect()
}

fn functions(d: &Dump, g: &Goroutine) -> Vec<String> {
    d.stack(g)
        .frames
        .iter()
        .map(|&f| d.name(d.frame(f).function).to_string())
        .collect()
}

#[test]
fn go119_panic_inside_a_log() {
    let d = parse(&corpus("go/panic-index-out-of-range.log"));
    let p = d.panic.as_ref().expect("panic");
    assert_eq!(p.kind, "panic");
    assert_eq!(
        p.message,
        "runtime error: index out of range [3] with length 3"
    );
    assert!(d.embedded, "log lines around the panic");
    assert_eq!(p.goroutine, ids(&d).first().copied());
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    let g = d.panicking().expect("panicking goroutine");
    assert_eq!(d.name(g.state), "running");
    assert_eq!(functions(&d, g), ["main.main.func1"]);
    let created = d.frame(g.created_by.expect("created by"));
    assert_eq!(d.name(created.function), "main.main");
    assert_eq!(
        g.creator, None,
        "Go 1.19 does not name the creating goroutine"
    );
}

#[test]
fn go127_panic_names_creators_and_new_wait_states() {
    let d = parse(&corpus("go/panic-index-out-of-range-go127.log"));
    assert_eq!(ids(&d), [23, 1, 21, 22]);
    assert_eq!(
        states(&d),
        ["running", "sync.WaitGroup.Wait", "sleep", "sleep"]
    );
    let g = &d.goroutines[0];
    assert_eq!(g.creator, Some(1));
    let f = d.frame(d.stack(g).frames[0]);
    assert_eq!((d.name(f.file), f.line), ("panicdemo/panicdemo.go", 30));
    let groups = group(&d, Similarity::Exact);
    // The two sleeping workers differ only in their argument: one group.
    assert_eq!(groups.len(), 3);
    let ranked = rank::rank(&d, &groups);
    assert!(ranked[0].panicking);
    assert_eq!(groups[ranked[0].group].members, [0]);
}

#[test]
fn fatal_error_concurrent_map_writes() {
    for (file, n) in [
        ("go/fatal-concurrent-map-writes.log", 5),
        ("go/fatal-concurrent-map-writes-go127.log", 1),
    ] {
        let d = parse(&corpus(file));
        let p = d.panic.as_ref().expect("fatal error");
        assert_eq!(
            (p.kind.as_str(), p.message.as_str()),
            ("fatal error", "concurrent map writes"),
            "{file}"
        );
        assert_eq!(d.goroutines.len(), n, "{file}");
        assert!(d.warnings.is_empty(), "{file}: {:?}", d.warnings);
    }
}

#[test]
fn recovered_http_panics_are_stacks_without_a_crash() {
    let d = parse(&corpus("go/http-handler-panic-recovered.log"));
    assert!(d.panic.is_none(), "net/http recovered it: no process crash");
    assert_eq!(ids(&d), [18, 27]);
    let groups = group(&d, Similarity::Exact);
    assert_eq!(groups.len(), 1, "both stacks are the same handler panic");
    assert_eq!(groups[0].count, 2);
}

#[test]
fn journald_prefixed_and_bare_panics_read_the_same() {
    let iso = parse(&corpus("journald/journalctl-short-iso.txt"));
    let cat = parse(&corpus("journald/journalctl-cat.txt"));
    for d in [&iso, &cat] {
        let p = d.panic.as_ref().expect("panic");
        assert_eq!(
            p.message,
            "runtime error: index out of range [3] with length 3"
        );
        assert_eq!(p.goroutine, Some(21));
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    }
    assert_eq!(ids(&iso), ids(&cat));
    assert_eq!(states(&iso), states(&cat));
    assert_eq!(iso.goroutines.len(), 4);
}

/// A log prefix learned at a panic stays one when the next line is another
/// program's, even one ending in `)` as a function line does.
#[test]
fn a_prefix_stays_when_another_programs_line_comes_next() {
    let log = "Dec  3 09:10:00 vm app[7]: panic: boom\n\
Dec  3 09:10:00 vm CRON[9]: (root) CMD (true)\n\
Dec  3 09:10:00 vm app[7]: goroutine 1 [running]:\n\
Dec  3 09:10:00 vm app[7]: main.main()\n\
Dec  3 09:10:00 vm app[7]: \t/a/main.go:3 +0x2\n";
    let d = parse(log.as_bytes());
    let p = d.panic.as_ref().expect("panic");
    assert_eq!((p.message.as_str(), p.goroutine), ("boom", Some(1)));
    assert_eq!(functions(&d, &d.goroutines[0]), ["main.main"]);
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
}

#[test]
fn a_truncated_dump_keeps_what_parses_and_says_where_it_broke() {
    let full = corpus("go/fatal-concurrent-map-writes.log");
    let text = String::from_utf8(full).expect("utf8");
    // Cut in the middle of goroutine 1's frames, right after a function line.
    let cut = text
        .find("sync.(*WaitGroup).Wait(0x6bb202?)")
        .expect("frame")
        + 34;
    let d = parse(&text.as_bytes()[..cut]);
    assert_eq!(ids(&d), [20, 1]);
    assert_eq!(d.warnings.len(), 1, "{:?}", d.warnings);
    assert!(
        d.warnings[0].contains("goroutine 1") && d.warnings[0].contains("truncated"),
        "{:?}",
        d.warnings
    );
    // A line of garbage inside a goroutine ends it with a warning, and the next goroutine still reads.
    let damaged = text.replacen(
        "\t/usr/lib/go-1.19/src/runtime/sema.go:62 +0x25",
        "@@@ garbage",
        1,
    );
    // Said once, at the function line left without its file:line.
    let d = parse(damaged.as_bytes());
    assert_eq!(d.goroutines.len(), 5);
    assert_eq!(
        d.warnings,
        [
            "line 12: goroutine 1 breaks off after `sync.runtime_Semacquire` (no file:line under it); kept the frames before it"
        ]
    );
}

#[test]
fn similar_mode_ignores_lines_within_a_function() {
    let text = b"goroutine 1 [select]:\nmain.loop(0x1)\n\t/a/main.go:10 +0x1\nmain.main()\n\t/a/main.go:3 +0x2\n\n\
goroutine 2 [select]:\nmain.loop(0x2)\n\t/a/main.go:12 +0x9\nmain.main()\n\t/a/main.go:3 +0x2\n";
    let d = parse(text);
    assert_eq!(group(&d, Similarity::Exact).len(), 2);
    let similar = group(&d, Similarity::Similar);
    assert_eq!(similar.len(), 1);
    assert_eq!(similar[0].count, 2);
}

/// GOTRACEBACK=system prints `fp=… sp=…` that differ in every goroutine: the
/// frames are still one interned frame each, with the pc the runtime printed.
#[test]
fn system_tracebacks_share_frames_whatever_their_stack_pointers() {
    let text = b"goroutine 1 [select]:\nmain.loop(0x1)\n\t/a/main.go:10 +0x1d fp=0xc000010f00 sp=0xc000010e00 pc=0x4bd6c9\n\n\
goroutine 2 [select]:\nmain.loop(0x2)\n\t/a/main.go:10 +0x1d fp=0xc000020f00 sp=0xc000020e00 pc=0x4bd6c9\n\n\
goroutine 3 [select]:\nmain.loop(0x2)\n\t/a/main.go:12 +0x2a fp=0xc000030f00 sp=0xc000030e00 pc=0x4bd6d6\n";
    let d = parse(text);
    let first: Vec<u32> = d.goroutines.iter().map(|g| d.stack(g).frames[0]).collect();
    assert_eq!(first[0], first[1]);
    assert_ne!(first[0], first[2]);
    assert_eq!(d.frame(first[0]).pc, 0x4bd6c9);
    assert_eq!(
        (d.frame(first[2]).pc, d.frame(first[2]).line),
        (0x4bd6d6, 12)
    );
    assert_eq!(group(&d, Similarity::Exact).len(), 2);
}

#[test]
fn a_profiles_addresses_stay_with_each_record_and_do_not_split_groups() {
    let profile = b"goroutine profile: total 3\n\
2 @ 0x1001 0x2002 0x3003\n#\t0x2001\tmain.f+0x1\t/a/main.go:5\n\n\
1 @ 0x1101 0x2002 0x3003\n#\t0x2001\tmain.f+0x1\t/a/main.go:5\n\n";
    let d = parse(profile);
    let addresses: Vec<&[u64]> = d
        .goroutines
        .iter()
        .map(|g| &d.stack(g).addresses[..])
        .collect();
    assert_eq!(
        addresses,
        [&[0x1001, 0x2002, 0x3003][..], &[0x1101, 0x2002, 0x3003][..]]
    );
    // Only the printed frames group: the runtime's frames above are not printed.
    let groups = group(&d, Similarity::Exact);
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].count, 3);
    assert_eq!(d.stacks[groups[0].stack as usize].frames.len(), 1);

    // A profile in a later piece than a traceback: merged, the addresses stay.
    let mut text = b"goroutine 1 [running]:\nmain.main()\n\t/a/main.go:3 +0x2\n\n".to_vec();
    let cut = text.len();
    text.extend_from_slice(profile);
    let one = parse(&text);
    let many = parse::parse_pieces(&text, &[0, cut, text.len()]);
    let all = |d: &Dump| -> Vec<Vec<u64>> {
        d.goroutines
            .iter()
            .map(|g| d.stack(g).addresses.clone())
            .collect()
    };
    assert_eq!(all(&many), all(&one));
    assert_eq!(all(&one)[0], Vec::<u64>::new());
    assert_eq!(all(&one)[2], [0x1101, 0x2002, 0x3003]);
}

/// Go 1.19's `semacquire` and Go 1.20's `sync.Mutex.Lock` are one wait to
/// the diff, its standard-library frames aside; each dump's words are kept.
#[test]
fn the_diff_pairs_one_wait_named_by_two_go_versions() {
    let old = parse(b"goroutine 20 [semacquire]:\nsync.runtime_SemacquireMutex(0x0?)\n\t/usr/lib/go-1.19/src/runtime/sema.go:77 +0x25\nsync.(*Mutex).Lock(...)\n\t/usr/lib/go-1.19/src/sync/mutex.go:90\nmain.send()\n\t/a/main.go:9 +0x46\ncreated by main.run\n\t/a/main.go:5 +0xa8\n\ngoroutine 21 [semacquire]:\nsync.runtime_SemacquireMutex(0x0?)\n\t/usr/lib/go-1.19/src/runtime/sema.go:77 +0x25\nsync.(*Mutex).Lock(...)\n\t/usr/lib/go-1.19/src/sync/mutex.go:90\nmain.send()\n\t/a/main.go:9 +0x46\ncreated by main.run\n\t/a/main.go:5 +0xa8\n");
    let new = parse(b"goroutine 20 [sync.Mutex.Lock]:\ninternal/sync.runtime_SemacquireMutex(0x0?)\n\t/go/src/runtime/sema.go:95 +0x25\nsync.(*Mutex).Lock(...)\n\t/go/src/sync/mutex.go:46\nmain.send()\n\t/a/main.go:9 +0x45\ncreated by main.run in goroutine 1\n\t/a/main.go:5 +0xa5\n");
    for sim in [Similarity::Exact, Similarity::Similar] {
        let d = diff::diff(&old, &group(&old, sim), &new, &group(&new, sim), sim);
        assert!(
            d.new.is_empty() && d.gone.is_empty() && d.grown.is_empty(),
            "{d:?}"
        );
        let c = &d.shrunk[0];
        assert_eq!((c.before, c.after), (2, 1));
        assert_eq!(c.states(" -> "), "semacquire -> sync.Mutex.Lock");
        assert_eq!(c.own_function.as_deref(), Some("main.send"));
    }
}

/// Two goroutines hitting `concurrent map writes` at once (Go 1.19, about one
/// run in eight of `tests/go/incidents -scenario mapwrites`): the runtime
/// prints both fatal errors, lists goroutine 19 as running on another thread
/// with its stack unavailable, then that thread's own traceback lists 19 again,
/// whole. One crash, not a second dump begun at the repeated id; 19 counted
/// once, with its stack.
#[test]
fn a_goroutine_listed_again_after_its_stack_was_unavailable_is_one_dump() {
    let text = b"fatal error: concurrent map writes
fatal error: concurrent map writes

goroutine 20 [running]:
main.(*cache).record(...)
\t/tmp/gocrash/main.go:288
main.runMapWrites.func1()
\t/tmp/gocrash/main.go:296 +0x4d
created by main.runMapWrites
\t/tmp/gocrash/main.go:294 +0x58

goroutine 1 [select (no cases)]:
main.runMapWrites()
\t/tmp/gocrash/main.go:301 +0xaf
main.main()
\t/tmp/gocrash/main.go:71 +0x173

goroutine 19 [running]:
\tgoroutine running on other thread; stack unavailable
created by main.runMapWrites
\t/tmp/gocrash/main.go:294 +0x58

goroutine 19 [running]:
main.(*cache).record(...)
\t/tmp/gocrash/main.go:288
main.runMapWrites.func1()
\t/tmp/gocrash/main.go:296 +0x4d
created by main.runMapWrites
\t/tmp/gocrash/main.go:294 +0x58
";
    let d = parse(text);
    assert!(d.more.is_empty(), "one dump: {:?}", d.more);
    let p = d.panic.as_ref().expect("fatal error");
    assert_eq!(
        (p.kind.as_str(), p.message.as_str(), p.goroutine),
        ("fatal error", "concurrent map writes", Some(20))
    );
    assert_eq!(ids(&d), [20, 1, 19]);
    let g19 = &d.goroutines[2];
    assert_eq!(
        functions(&d, g19),
        ["main.(*cache).record", "main.runMapWrites.func1"]
    );
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
}

/// A dump cut short is found from what the parser recorded, not from the
/// words of its warnings: a log line cut inside a goroutine that quotes those
/// words (`msg="the text ends mid-line, in a goroutine's header`) is a
/// goroutine that ends mid-line, as one cut in `msg="x` is, not a cut header.
#[test]
fn a_cut_line_quoting_a_warning_s_words_reads_as_any_cut_line() {
    let text = corpus("go/fatal-concurrent-map-writes.log");
    let text = String::from_utf8(text).unwrap();
    // Goroutine 20, whole, as Go 1.19 printed it; no panic above it.
    let g20 = text
        .lines()
        .skip(4)
        .take(5)
        .map(|l| format!("{l}\n"))
        .collect::<String>();
    let said = |cut_line: &str| {
        let d = parse(format!("{g20}{cut_line}").as_bytes());
        (d.cut_at_end(), d.warnings.len())
    };
    let plain = said("msg=\"x");
    assert_eq!(plain, (None, 1));
    assert_eq!(
        said("msg=\"the text ends mid-line, in a goroutine's header"),
        plain
    );
    // A goroutine's header, then a cut line: the same, alone.
    let alone = |cut_line: &str| {
        let d = parse(format!("goroutine 20 [running]:\n{cut_line}").as_bytes());
        d.cut_before_first_goroutine()
    };
    assert_eq!(alone("main.main.fu"), None);
    assert_eq!(alone("msg=\"goroutine 20 has a header but no frames"), None);
}
