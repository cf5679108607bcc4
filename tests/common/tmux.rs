//! A private tmux server for end-to-end tests: the real binary driven by
//! keys and read back with capture-pane, every wait polling with a deadline.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use super::skip;

/// A private tmux server (its own socket) running a shell at a fixed size.
pub struct Tmux {
    socket: String,
}

impl Tmux {
    pub fn start(name: &str, width: u16, height: u16) -> Option<Tmux> {
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

    pub fn tmux(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("run tmux")
    }

    pub fn send_line(&self, line: &str) {
        self.tmux(&["send-keys", "-t", "0", "-l", line]);
        self.tmux(&["send-keys", "-t", "0", "Enter"]);
    }

    /// Sends tmux key names (`Tab`, `C-p`, `Escape`) or literal text.
    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.tmux(&["send-keys", "-t", "0", k]);
        }
    }

    pub fn text(&self, s: &str) {
        self.tmux(&["send-keys", "-t", "0", "-l", s]);
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-p", "-t", "0"]).stdout).into_owned()
    }

    pub fn format(&self, f: &str) -> String {
        String::from_utf8_lossy(&self.tmux(&["display-message", "-p", "-t", "0", f]).stdout)
            .trim()
            .to_string()
    }

    /// Polls the screen until `pred` holds; panics with the last screen after the deadline.
    pub fn wait(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
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

    /// Runs `command` in `dir` as the pane's only process, in place of what
    /// ran there. No shell: keys the process never read (it was killed
    /// first) die with its terminal instead of being run as a command line,
    /// and `#{pane_pid}` is its own pid. The pane stays once it exits
    /// (`remain-on-exit`), for [`Tmux::wait_exited`].
    pub fn run(&self, dir: &Path, command: &str) {
        self.tmux(&["set-option", "-w", "-t", "0", "remain-on-exit", "on"]);
        let out = self.tmux(&[
            "respawn-pane",
            "-k",
            "-t",
            "0",
            "-c",
            &dir.display().to_string(),
            "-e",
            "TERM=xterm-256color",
            &format!("exec {command}"),
        ]);
        assert!(
            out.status.success(),
            "tmux respawn-pane failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Waits until the process started by [`Tmux::run`] has exited: its
    /// terminal is closed. (Not its exit status: tmux 3.3a sometimes leaves
    /// the process unreaped, `#{pane_dead_status}` empty, for good.)
    pub fn wait_exited(&self, what: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while self.format("#{pane_dead}") != "1" {
            assert!(
                Instant::now() < deadline,
                "{what}: still running; screen was:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The casefile process running in the pane's shell, if any.
    pub fn child_pid(&self) -> Option<String> {
        let shell = self.format("#{pane_pid}");
        let out = Command::new("pgrep").args(["-P", &shell]).output().ok()?;
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .next()
            .map(str::to_string)
    }

    /// The terminal is back to normal: main screen, cursor shown, no mouse
    /// reporting, and the shell answers.
    pub fn assert_restored(&self, after: &str) {
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

/// The status line of a captured screen: its last non-empty row.
pub fn status(screen: &str) -> String {
    screen
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .to_string()
}
