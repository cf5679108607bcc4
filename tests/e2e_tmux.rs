//! End-to-end: the real binary in a private tmux server, driven by keys, read
//! back with capture-pane. Each wait polls with a deadline instead of sleeping.

mod common;

use std::process::Command;

use common::tmux::{Tmux, status};
use common::*;

fn demo_command() -> String {
    let files = [
        "kiosk-client.log",
        "kern.log",
        "supervisord.log",
        "backend.log",
    ];
    let paths: Vec<String> = files.iter().map(|f| demo(f)).collect();
    format!("{} --tz UTC --display-tz UTC {}", bin(), paths.join(" "))
}

/// Starts casefile on the demo in a shell inside tmux and waits for the first screen.
fn start_demo(name: &str, width: u16, height: u16) -> Option<Tmux> {
    let t = Tmux::start(name, width, height)?;
    t.wait("the shell prompt", |s| s.contains('$'));
    t.send_line(&demo_command());
    t.wait("the demo's panes and status line", |s| {
        s.contains("kiosk-client")
            && s.contains("supervisord")
            && s.contains("? help")
            && !s.contains("indexing")
    });
    Some(t)
}

#[test]
fn investigating_the_demo_with_keys() {
    let Some(t) = start_demo("keys", 100, 30) else {
        return;
    };

    // Go to a typed time: the cursor time in the status line follows.
    t.keys(&["t"]);
    t.text("14:31:07.219");
    t.keys(&["Enter"]);
    t.wait(
        "the cursor at 14:31:07.219 on the client's last line",
        |s| {
            status(s).contains("2026-11-20 14:31:07.219 UTC")
                && s.contains("uploading textures for playlist rev 42")
        },
    );

    // Next error in the kernel pane, from the start: the FIFO underrun, then the GPU hang.
    t.keys(&["g", "Tab"]);
    t.wait("focus on kern", |s| status(s).contains("kern (2/4)"));
    t.keys(&["e"]);
    t.wait("the first kernel error", |s| {
        status(s).contains("14:26:40.000") && s.contains("*ERROR* CPU pipe A FIFO")
    });
    t.keys(&["e"]);
    t.wait("the GPU hang", |s| {
        status(s).contains("14:31:07.000") && s.contains("GPU HANG")
    });

    // Regex search, shown in the status line and found in the kernel pane.
    t.keys(&["g", "/"]);
    t.text("GPU HANG");
    t.keys(&["Enter"]);
    t.wait("the search to land on the hang", |s| {
        status(s).contains("/GPU HANG/") && status(s).contains("14:31:07")
    });

    // The merged view tags each row with its source.
    t.keys(&["M"]);
    // Poll for everything expected: capture-pane can catch a frame half drawn.
    t.wait("the merged view with rows tagged by source", |s| {
        s.contains("merged:") && s.contains(" kern ") && s.contains(" kiosk-client ")
    });

    // Help comes from the keymap table.
    t.keys(&["?"]);
    t.wait("help listing the keys", |s| {
        s.contains("casefile keys") && s.contains("next record")
    });
    t.keys(&["Escape"]);
    t.wait("help closed", |s| !s.contains("casefile keys"));

    t.keys(&["q"]);
    t.assert_restored("quit");
}

/// The README's demo command, run as written from the repository (with this
/// build's binary for `cargo run --release --`), on a machine in zone `tz`.
fn start_readme_demo(name: &str, tz: &str) -> Option<Tmux> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let line = readme
        .lines()
        .find(|l| l.starts_with("cargo run --release -- "))
        .expect("README shows the demo command");
    let t = Tmux::start(name, 120, 30)?;
    t.wait("the shell prompt", |s| s.contains('$'));
    t.send_line(&format!(
        "export TZ={tz}; cd {}; clear",
        env!("CARGO_MANIFEST_DIR")
    ));
    t.send_line(&line.replacen("cargo run --release --", bin(), 1));
    t.wait("the demo loaded", |s| {
        s.contains("kiosk-client") && s.contains("? help") && !s.contains("indexing")
    });
    Some(t)
}

#[test]
fn the_readme_demo_shows_the_story_times_in_any_machine_zone() {
    for (name, tz) in [
        ("berlin", "Europe/Berlin"),
        ("kolkata", "Asia/Kolkata"),
        ("new-york", "America/New_York"),
    ] {
        let Some(t) = start_readme_demo(name, tz) else {
            return;
        };
        // The story's times (assets/demo-src/README.md) are UTC: the client's
        // last line is at 14:31:07.219, typed as the story tells it.
        t.keys(&["t"]);
        t.text("14:31:07.219");
        t.keys(&["Enter"]);
        t.wait(
            &format!("{tz}: the cursor on the client's last line, in UTC"),
            |s| {
                status(s).contains("2026-11-20 14:31:07.219 UTC")
                    && s.contains("14:31:07.219 INF")
                    && s.contains("uploading textures for playlist rev 42")
            },
        );
        // The story's one silence, whatever the machine's zone: read in the
        // machine's zone, the zoneless logs would leave the backend silent
        // for hours (rank 1 of 2 in New York).
        t.keys(&["g", "s"]);
        t.wait(&format!("{tz}: `s` on the story's only silence"), |s| {
            if status(s).contains("still reading the sources") {
                t.keys(&["g", "s"]);
                return false;
            }
            status(s).contains("kiosk-client silent 12m16s from 14:31:07 · rank 1 of 1")
        });
        t.keys(&["q"]);
        t.assert_restored(&format!("quit in {tz}"));
    }
}

#[test]
fn search_lands_in_any_pane_and_n_walks_across_panes() {
    let Some(t) = start_demo("search", 120, 40) else {
        return;
    };
    // The focus stays on the client's pane; the only match is in kern.
    t.keys(&["g", "/"]);
    t.text("GPU HANG");
    t.keys(&["Enter"]);
    t.wait("the search to land on the kernel's GPU HANG line", |s| {
        let st = status(s);
        st.contains("14:31:07.000") && st.contains("kern (2/4)") && st.contains("kern: match 1/1")
    });
    // From there, a pattern found in two panes: n walks on in time order,
    // from the kernel's lines into supervisord's.
    t.keys(&["/"]);
    t.text("2211");
    t.keys(&["Enter"]);
    t.wait("the search to stay on the GPU HANG line", |s| {
        status(s).contains("kern: match 2/3") && status(s).contains("14:31:07.000")
    });
    t.keys(&["n"]);
    t.wait("the next match in kern", |s| {
        status(s).contains("kern: match 3/3")
    });
    t.keys(&["n"]);
    t.wait("n to walk into supervisord", |s| {
        let st = status(s);
        st.contains("14:43:22.419")
            && st.contains("supervisord (3/4)")
            && st.contains("supervisord: match")
    });
    t.keys(&["N"]);
    t.wait("N to walk back into kern", |s| {
        status(s).contains("kern: match 3/3")
    });
    t.keys(&["q"]);
    t.assert_restored("quit after searching");
}

#[test]
fn an_80x24_terminal_is_usable() {
    let Some(t) = start_demo("small", 80, 24) else {
        return;
    };
    // capture-pane clips at the pane's width, so "no line is wider than 80" could
    // never fail. What can: a line too long for its pane is cut by casefile
    // itself, with `…` in exactly the last column, and the status line's
    // right-hand hint is whole. A layout computed for a wider screen fails both.
    t.wait(
        "long lines cut at column 80 and the help hint at the right",
        |s| {
            // Not the cursor row: the focused pane shows that one wrapped in full.
            let cut = s
                .lines()
                .find(|l| l.contains("config loaded from /etc/kiosk"));
            status(s).trim_end().ends_with("? help")
                && cut.is_some_and(|l| l.ends_with('…') && l.chars().count() == 80)
        },
    );
    t.keys(&["q"]);
    t.assert_restored("quit at 80x24");
}

/// Under CI a test whose tool is missing must fail, not pass as skipped: run
/// one tmux test of this very binary with tmux out of reach (empty PATH).
#[test]
fn a_missing_tmux_fails_under_ci_and_skips_elsewhere() {
    if std::env::var_os("CASEFILE_SKIP_PROBE").is_some() {
        return; // The child run below: no recursion.
    }
    let run = |ci: Option<&str>| {
        let mut c = Command::new(std::env::current_exe().expect("test binary"));
        c.args(["an_80x24_terminal_is_usable", "--exact"])
            .env("PATH", "/nonexistent")
            .env("CASEFILE_SKIP_PROBE", "1")
            .env_remove("CI");
        if let Some(v) = ci {
            c.env("CI", v);
        }
        c.output().expect("run the test binary")
    };
    let o = run(Some("1"));
    let all = format!("{}{}", stdout(&o), stderr(&o));
    assert!(
        !o.status.success() && all.contains("cannot run under CI: tmux is not installed"),
        "{all}"
    );
    let o = run(None);
    let all = format!("{}{}", stdout(&o), stderr(&o));
    assert!(
        o.status.success() && all.contains("SKIPPED small: tmux is not installed"),
        "{all}"
    );
}

fn signal_restores(name: &str, signal: &str) {
    let Some(t) = start_demo(name, 100, 30) else {
        return;
    };
    let pid = t.child_pid().expect("casefile runs in the pane's shell");
    let ok = Command::new("kill")
        .args([signal, &pid])
        .status()
        .expect("kill")
        .success();
    assert!(ok, "kill {signal} {pid}");
    t.assert_restored(signal);
}

#[test]
fn sighup_restores_the_terminal() {
    signal_restores("hup", "-HUP");
}

#[test]
fn sigterm_restores_the_terminal() {
    signal_restores("term", "-TERM");
}

#[test]
fn s_lands_on_the_kiosk_client_silence() {
    let Some(t) = start_demo("silence", 140, 30) else {
        return;
    };
    // The analysis runs in the background once every source is read: poll.
    t.keys(&["s"]);
    t.wait(
        "the jump to the client's last line before its silence",
        |s| {
            if status(s).contains("still reading the sources") {
                // Still computing: ask again, from the start, so that a stale
                // capture (the jump already made) cannot send a second `s`
                // past the only silence.
                t.keys(&["g", "s"]);
                return false;
            }
            status(s).contains("kiosk-client silent 12m16s from 14:31:07 · rank 1 of")
                && status(s).contains("2026-11-20 14:31:07.219 UTC")
                && s.contains("uploading textures for playlist rev 42")
                // The pane marks the silence where it begins.
                && s.contains("┄┄ silent 12m16s ┄┄")
        },
    );
    t.keys(&["q"]);
    t.assert_restored("quit");
}

#[test]
fn the_silence_list_opens_sorts_and_jumps() {
    let Some(t) = start_demo("silence-list", 140, 30) else {
        return;
    };
    // The list fills in once the background analysis answers.
    t.keys(&["Q"]);
    t.wait("the list with the client's silence and its details", |s| {
        s.contains("silences by score (s: by time")
            && s.contains("kiosk-client silent 12m16s · rank 1 of 1")
            && s.contains("ER? kern")
    });
    t.keys(&["s"]);
    t.wait("the list sorted by time", |s| {
        s.contains("silences by time (s: by score")
    });
    t.keys(&["Enter"]);
    t.wait(
        "the jump to the client's last line before its silence",
        |s| {
            !s.contains("silences by time")
                && status(s).contains("kiosk-client silent 12m16s from 14:31:07 · rank 1 of 1")
                && status(s).contains("2026-11-20 14:31:07.219 UTC")
                && s.contains("uploading textures for playlist rev 42")
        },
    );
    t.keys(&["q"]);
    t.assert_restored("quit");
}

#[test]
fn the_pattern_view_opens_and_filters_a_pane_to_a_template() {
    let Some(t) = start_demo("patterns", 140, 30) else {
        return;
    };
    // Templates are mined in the background once every source is read; the
    // view fills in when they are.
    t.keys(&["p"]);
    t.wait("the focused client's templates by count", |s| {
        s.contains("patterns: kiosk-client (1/4) · 37 templates · by count")
            && s.contains("frame <*> presented in <*>ms")
    });
    t.keys(&["a"]);
    t.wait("every source's templates", |s| {
        s.contains("patterns: all 4 sources")
    });
    t.keys(&["s", "s"]);
    t.wait("sorted by what changed around the cursor", |s| {
        s.contains("what changed ±5m around")
    });
    t.keys(&["q"]);
    // The palette finds a template by its text and opens the view on it.
    t.keys(&["C-p"]);
    t.text("closed abnormally");
    t.wait("the template in the palette", |s| {
        s.contains("pattern websocket closed abnormally")
    });
    t.keys(&["Enter"]);
    t.wait("the view on the client's templates", |s| {
        s.contains("patterns: kiosk-client (1/4)")
    });
    t.keys(&["Enter"]);
    // Other records are hidden once the filter worker answers.
    // The status line says so ("only the 2 records of pattern …"), and still
    // once the filter is saved in the case file, shortened before
    // "· saved to FILE", which stays whole (`!` has the whole message).
    t.wait("the client's pane filtered to the template", |s| {
        s.contains("filter pattern “websocket closed abnormall")
            && status(s).contains("kiosk-client: only the 2 records of")
            && status(s).contains(".casefile.json")
            && !s.contains("filtering")
            && !s.contains("presented in")
            && s.contains("WRN [net] websocket closed abnormally")
    });
    t.keys(&["!"]);
    t.wait("the filter said saved, in full", |s| {
        s.contains("(:clear-filters shows all) · saved to")
    });
    t.keys(&["Escape"]);
    // An Escape and a key sent at once read as Alt and that key.
    t.wait("the messages closed", |s| {
        !s.contains("messages, newest first")
    });
    t.keys(&[":"]);
    t.text("clear-filters");
    t.keys(&["Enter"]);
    // What it cleared, and that the case file no longer has the filter.
    t.wait("every record again", |s| {
        status(s).contains("kiosk-client: 1 filter cleared · saved to")
            && !s.contains("filter pattern")
            && s.contains("presented in")
    });
    t.keys(&["q"]);
    t.assert_restored("quit");
}

/// The README's demo with its goroutine dump: `d` on the dump's pane opens
/// the goroutine view, whose top group is selected with its stack read out.
#[test]
fn the_goroutine_view_shows_the_top_groups_stack() {
    let Some(t) = start_readme_demo("goroutines", "UTC") else {
        return;
    };
    t.keys(&[":"]);
    t.text("focus goroutines");
    t.keys(&["Enter"]);
    t.wait("focus on the dump's pane", |s| {
        status(s).contains("goroutines (2/5)")
    });
    t.keys(&["d"]);
    // The worker parses and groups the dump: poll until the view has it.
    t.wait(
        "the ranked groups, the top one selected with its stack",
        |s| {
            s.contains("155 in 14 groups")
                && s.contains("#1 69 goroutines [semacquire, 0–4 min]")
                && s.contains("main.(*Hub).Push  kioskco.example/pushsvc/main.go:70")
                && s.contains("main.apiHandler  kioskco.example/pushsvc/main.go:190")
        },
    );
    // Second, the broadcaster that may hold the mutex the first group waits on.
    t.keys(&["j"]);
    t.wait("the second group: the lock's possible holder", |s| {
        s.contains("#2 1 goroutine [chan send, 4 min]")
            && s.contains("may hold mutex 0xc00009a078, which 77 goroutines wait on")
            && s.contains("main.(*Hub).Broadcast  kioskco.example/pushsvc/main.go:64")
    });
    t.keys(&["j"]);
    t.wait("the third group's stack", |s| {
        s.contains("#3 8 goroutines")
            && s.contains("main.deliveryWorker  kioskco.example/pushsvc/main.go:181")
    });
    t.keys(&["k", "k"]);
    t.wait("the top group again", |s| s.contains("#1 69 goroutines"));
    t.keys(&["d"]);
    t.wait("the panes again", |s| {
        !s.contains("in 14 groups") && s.contains("kiosk-client")
    });
    t.keys(&["q"]);
    t.assert_restored("quit");
}

/// The Kafka incident: a worker's nil-pointer panic in its log, the binary
/// beside it. `--binary` resolves the panic's pc= under the record once the
/// cursor is on it, and in the goroutine view `d` opens.
#[test]
fn binary_resolves_a_panics_pc_under_its_record_and_in_the_goroutine_view() {
    let test = "binary_resolves_a_panics_pc_under_its_record_and_in_the_goroutine_view";
    let Some(go) = go_toolchains(test).into_iter().next() else {
        return;
    };
    let tmp = tempfile::tempdir().expect("tempdir");
    let prog = tmp.path().join("incidents");
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/go/incidents");
    go_build(&go, &src, &prog, &[]);
    let out = Command::new(&prog)
        .args(["-scenario", "panic"])
        .current_dir(tmp.path())
        .output()
        .expect("run the incident program");
    let log = tmp.path().join("worker.log");
    std::fs::write(&log, &out.stderr).expect("write the log");
    let Some(t) = Tmux::start("binary", 200, 30) else {
        return;
    };
    t.wait("the shell prompt", |s| s.contains('$'));
    t.send_line(&format!(
        "{} --binary {} {}",
        bin(),
        prog.display(),
        log.display()
    ));
    t.wait("the worker's log", |s| {
        s.contains("worker 1 processing job 2") && s.contains("? help")
    });
    t.keys(&["e"]);
    t.wait("the panic's pc resolved under its record", |s| {
        s.contains("→ main.(*worker).process main.go:") && !status(s).contains("→ main.")
    });
    t.keys(&["d"]);
    t.wait(
        "the pc resolved in the panicking goroutine's details",
        |s| {
            s.contains(" is main.(*worker).process main.go:")
                && s.contains("(inlined into main.runPanic.func1)")
        },
    );
    t.keys(&["d"]);
    t.keys(&["q"]);
    t.assert_restored("quit");
}

/// A source argument that names nothing to open (a directory with no log in
/// it) is said on the screen, not only on stderr under the alternate screen,
/// where it was seen only after quitting: the other panes open without it.
#[test]
fn an_argument_that_opens_nothing_is_said_on_the_screen() {
    let Some(t) = Tmux::start("skipped", 100, 30) else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("nothing-here")).expect("mkdir");
    t.wait("the shell prompt", |s| s.contains('$'));
    t.send_line(&format!(
        "cd {} && {} --tz UTC nothing-here {}",
        dir.path().display(),
        bin(),
        demo("kern.log")
    ));
    // Said again once every source is read, so no source's warning hides it.
    t.wait("the kern pane, and the directory named last", |s| {
        s.contains(" kern ") && status(s).contains("nothing-here: a directory with no log")
    });
    t.keys(&["!"]);
    t.wait("the whole message in the messages view", |s| {
        s.contains("nothing-here: a directory with no log files in it (looked for text files; pass --rotated")
    });
    t.keys(&["q", "q"]);
    t.assert_restored("quit");
}

/// The backend's JSON rows read `msg  component=ws …`: a filter and a search
/// typed as the row reads find them (they matched only `"component":"ws"`).
#[test]
fn filter_and_search_match_a_json_row_as_it_reads() {
    let Some(t) = Tmux::start("shown", 140, 30) else {
        return;
    };
    // In a directory of its own: the filter is saved in a case file there.
    let dir = tempfile::tempdir().expect("tempdir");
    t.wait("the shell prompt", |s| s.contains('$'));
    t.send_line(&format!(
        "cd {} && {} --tz UTC --display-tz UTC {}",
        dir.path().display(),
        bin(),
        demo("backend.log")
    ));
    t.wait("the backend's pane", |s| {
        s.contains("component=api") && s.contains("? help") && !s.contains("indexing")
    });
    t.keys(&[":"]);
    t.text("filter-in component=ws");
    t.keys(&["Enter"]);
    t.wait("only the websocket rows", |s| {
        s.contains("filter +/component=ws/")
            && s.contains("ws connect  component=ws")
            && !s.contains("component=api")
            && !s.contains("filtering")
    });
    t.keys(&[":"]);
    t.text("clear-filters");
    t.keys(&["Enter", "g", "/"]);
    t.text("component=ws");
    t.keys(&["Enter"]);
    t.wait("the search to land on the first websocket row", |s| {
        status(s).contains("backend: match 1/14")
    });
    t.keys(&["q"]);
    t.assert_restored("quit after filtering and searching");
}

/// casefile on `dir/app.log`, written with `text`, once its pane shows
/// the last line; the log's path.
fn open_log(t: &Tmux, dir: &std::path::Path, text: &str) -> std::path::PathBuf {
    let log = dir.join("app.log");
    std::fs::write(&log, text).expect("write");
    let last = text.lines().last().unwrap_or_default();
    let last = last.rsplit("INFO ").next().unwrap_or(last).to_owned();
    t.wait("the shell prompt", |s| s.contains('$'));
    t.send_line(&format!(
        "cd {} && {} --tz UTC --display-tz UTC app.log",
        dir.display(),
        bin()
    ));
    t.wait("the app's pane", |s| {
        s.contains(&last) && s.contains("? help")
    });
    log
}

/// A log written to while it is open, then rotated: the pane says so within
/// a few seconds, without a key pressed, and `R` reads it again.
#[test]
fn a_log_that_grows_or_rotates_is_read_again_with_r() {
    let Some(t) = Tmux::start("reload", 100, 24) else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let log = open_log(
        &t,
        dir.path(),
        "2026-11-23T14:00:00Z INFO start\n2026-11-23T14:00:01Z INFO tick 1\n",
    );

    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&log)
        .expect("append");
    use std::io::Write;
    f.write_all(b"2026-11-23T14:00:02Z ERROR render thread died\n")
        .expect("append");
    t.wait("the pane and the status line to say it grew", |s| {
        s.contains("grew 46 bytes (R)") && status(s).contains("app grew by 46 bytes")
    });
    t.keys(&["R", "G"]);
    t.wait("the new line read", |s| {
        s.contains("render thread died") && !s.contains("(R)")
    });

    // Rotated: renamed away, a new file at the path.
    std::fs::rename(&log, dir.path().join("app.log.1")).expect("rename");
    std::fs::write(&log, "2026-11-23T14:05:00Z INFO after rotation\n").expect("write");
    t.wait("the pane to say it was replaced", |s| {
        s.contains("replaced (R)")
    });
    t.keys(&["R"]);
    t.wait("the new file read", |s| {
        s.contains("after rotation") && !s.contains("render thread died")
    });
    t.keys(&["q"]);
    t.assert_restored("quit after reading again");
}

/// `F`, then a program keeps writing its log: each new line comes into view
/// by itself, the cursor at the end following it.
#[test]
fn following_a_log_shows_each_new_line_at_the_end() {
    let Some(t) = Tmux::start("follow", 100, 24) else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let log = open_log(&t, dir.path(), "2026-11-23T14:00:00Z INFO start\n");
    t.keys(&["G", "F"]);
    t.wait("following said", |s| s.contains("following"));
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&log)
        .expect("append");
    use std::io::Write;
    for i in 1..=3 {
        writeln!(f, "2026-11-23T14:00:0{i}Z WARN retry {i} of 3").expect("append");
        t.wait(&format!("line {i} in view, the cursor on it"), |s| {
            s.contains(&format!("retry {i} of 3")) && status(s).contains(&format!("14:00:0{i}"))
        });
    }
    t.keys(&["q"]);
    t.assert_restored("quit while following");
}

/// A log over format detection's sample, followed: each new line is read on
/// from where the last read stopped (not the whole file again), shown at the
/// end, and mined into the pattern view.
#[test]
fn following_a_big_log_reads_on_and_mines_the_new_lines() {
    let Some(t) = Tmux::start("follow-big", 100, 24) else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let mut text = String::new();
    let mut k = 0u32;
    while text.len() < 400 << 10 {
        text.push_str(&format!(
            "2026-11-23T{:02}:{:02}:{:02}Z INFO GET /api/items/{k} 200 in {}ms\n",
            10 + k / 3600,
            k / 60 % 60,
            k % 60,
            k % 97
        ));
        k += 1;
    }
    text.push_str("2026-11-23T14:00:00Z INFO start\n");
    let log = dir.path().join("app.log");
    std::fs::write(&log, &text).expect("write");
    t.wait("the shell prompt", |s| s.contains('$'));
    t.send_line(&format!(
        "cd {} && {} --tz UTC --display-tz UTC app.log",
        dir.path().display(),
        bin()
    ));
    t.wait("the app's pane", |s| {
        s.contains("GET /api/items/0 200") && s.contains("? help")
    });
    t.keys(&["G", "F"]);
    t.wait("following said", |s| s.contains("following"));
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&log)
        .expect("append");
    use std::io::Write;
    writeln!(f, "2026-11-23T14:00:01Z ERROR GPU hang in renderer").expect("append");
    t.wait("the new line in view, the cursor on it", |s| {
        s.contains("GPU hang in renderer") && status(s).contains("14:00:01")
    });
    t.keys(&["p"]);
    t.wait("the new line's template in the pattern view", |s| {
        s.contains("GPU hang in renderer") && s.contains("GET <*> in <*>ms")
    });
    t.keys(&["q", "q"]);
    t.assert_restored("quit after following");
}

/// `casefile app.log kernel.log` before app.log is made: its pane fails;
/// once the file is there the status line says so within a few seconds,
/// without a key pressed, and `R` reads it.
#[test]
fn a_file_made_after_start_is_said_and_read_with_r() {
    let Some(t) = Tmux::start("appears", 100, 24) else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("kernel.log"),
        "2026-11-23T14:00:00Z INFO kernel up\n",
    )
    .expect("write");
    t.wait("the shell prompt", |s| s.contains('$'));
    t.send_line(&format!(
        "cd {} && {} --tz UTC --display-tz UTC app.log kernel.log",
        dir.path().display(),
        bin()
    ));
    t.wait("the kernel's pane and app.log's failed one", |s| {
        s.contains("kernel up") && s.contains("failed")
    });
    std::fs::write(
        dir.path().join("app.log"),
        "2026-11-23T14:00:01Z INFO app started late\n",
    )
    .expect("write");
    t.wait("the status line to say it exists now", |s| {
        status(s).contains("app.log exists now: R reads it") && s.contains("exists now (R)")
    });
    t.keys(&["R"]);
    t.wait("its line read", |s| {
        s.contains("app started late") && status(s).contains("app read: 1 record")
    });
    t.keys(&["q"]);
    t.assert_restored("quit after reading a file made after start");
}
