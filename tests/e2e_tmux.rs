//! End-to-end: the real binary in a private tmux server, driven by keys, read
//! back with capture-pane. Each wait polls with a deadline instead of sleeping.

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::*;

/// A private tmux server (its own socket) running a shell at a fixed size.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(name: &str, width: u16, height: u16) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            skip(name, "tmux is not installed (apt-get install tmux)");
            return None;
        }
        let socket = format!("casefile-e2e-{name}-{}", std::process::id());
        let t = Tmux { socket };
        let ok = t
            .tmux(&[
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-x",
                &width.to_string(),
                "-y",
                &height.to_string(),
                "bash --norc --noprofile",
            ])
            .status
            .success();
        assert!(ok, "tmux new-session failed");
        t.tmux(&["set-option", "-g", "status", "off"]);
        t.tmux(&["set-environment", "-g", "TZ", "UTC"]);
        t.send_line("export PS1='$ ' TZ=UTC TERM=xterm-256color; clear");
        Some(t)
    }

    fn tmux(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("run tmux")
    }

    fn send_line(&self, line: &str) {
        self.tmux(&["send-keys", "-t", "0", "-l", line]);
        self.tmux(&["send-keys", "-t", "0", "Enter"]);
    }

    /// Sends tmux key names (`Tab`, `C-p`, `Escape`) or literal text.
    fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.tmux(&["send-keys", "-t", "0", k]);
        }
    }

    fn text(&self, s: &str) {
        self.tmux(&["send-keys", "-t", "0", "-l", s]);
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-p", "-t", "0"]).stdout).into_owned()
    }

    fn format(&self, f: &str) -> String {
        String::from_utf8_lossy(&self.tmux(&["display-message", "-p", "-t", "0", f]).stdout)
            .trim()
            .to_string()
    }

    /// Polls the screen until `pred` holds; panics with the last screen after the deadline.
    fn wait(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let s = self.screen();
            if pred(&s) {
                return s;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen was:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The casefile process running in the pane's shell, if any.
    fn child_pid(&self) -> Option<String> {
        let shell = self.format("#{pane_pid}");
        let out = Command::new("pgrep").args(["-P", &shell]).output().ok()?;
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .next()
            .map(str::to_string)
    }

    /// The terminal is back to normal: main screen, cursor shown, no mouse
    /// reporting, and the shell answers.
    fn assert_restored(&self, after: &str) {
        // casefile has exited once the pane is back on the main screen; typing
        // before that would go to casefile, not to the shell.
        let deadline = Instant::now() + Duration::from_secs(20);
        while self.format("#{alternate_on}") != "0"
            || self.format("#{pane_current_command}") != "bash"
        {
            assert!(
                Instant::now() < deadline,
                "still on the alternate screen after {after}:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let marker: String = format!("restored-{after}")
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        self.send_line(&format!("echo {marker}"));
        self.wait(&format!("the shell to answer after {after}"), |s| {
            s.lines().any(|l| l.trim() == marker)
        });
        assert_eq!(
            self.format("#{cursor_flag}"),
            "1",
            "cursor hidden after {after}"
        );
        assert_eq!(
            self.format("#{mouse_any_flag}"),
            "0",
            "mouse reporting left on after {after}"
        );
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}

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

/// The status line: the last non-empty row.
fn status(screen: &str) -> String {
    screen
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .to_string()
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
    for (name, tz) in [("berlin", "Europe/Berlin"), ("kolkata", "Asia/Kolkata")] {
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
                // Still computing: ask again.
                t.keys(&["s"]);
                return false;
            }
            status(s).contains("kiosk-client silent 12m16s from 14:31:07 · rank 1 of")
                && status(s).contains("2026-11-20 14:31:07.219 UTC")
                && s.contains("uploading textures for playlist rev 42")
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
            && s.contains("ERR kern")
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
