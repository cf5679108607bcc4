//! A private tmux server for end-to-end tests: the real binary driven by
//! keys and read back with capture-pane, every wait polling with a deadline.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use super::skip;

/// A private tmux server (its own socket) running a shell at a fixed size,
/// in a directory of its own: the default case file is named after the
/// sources and written in the working directory, so tests on the same
/// sources must not share one (nor leave it in the repository).
pub struct Tmux {
    socket: String,
    dir: tempfile::TempDir,
}

impl Tmux {
    pub fn start(name: &str, width: u16, height: u16) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            skip(name, "tmux is not installed (apt-get install tmux)");
            return None;
        }
        let socket = format!("casefile-e2e-{name}-{}", std::process::id());
        let dir = tempfile::tempdir().expect("tempdir");
        let t = Tmux { socket, dir };
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
        t.send_line(&format!(
            "export PS1='$ ' TZ=UTC TERM=xterm-256color; cd '{}'; clear",
            t.dir.path().display()
        ));
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

    /// Where the command started by [`Tmux::run`] leaves its exit status.
    fn status_file(&self) -> std::path::PathBuf {
        std::env::temp_dir().join(format!("{}.status", self.socket))
    }

    /// Runs `command` in `dir` in place of what ran in the pane, under a
    /// non-interactive `sh` that writes its exit status to a file when it
    /// ends: keys the command never read (it was killed first) die with its
    /// terminal instead of being run as a command line, and the status does
    /// not depend on tmux reaping the process (tmux 3.3a sometimes left it
    /// unreaped, `#{pane_dead_status}` empty, for good). Its pid is
    /// [`Tmux::child_pid`]. The pane stays once it exits (`remain-on-exit`),
    /// for [`Tmux::wait_exited`].
    pub fn run(&self, dir: &Path, command: &str) {
        let status = self.status_file();
        let _ = std::fs::remove_file(&status);
        let script = format!("{command}; echo $? > {}", status.display());
        let quoted = format!("'{}'", script.replace('\'', r"'\''"));
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
            &format!("exec sh -c {quoted}"),
        ]);
        assert!(
            out.status.success(),
            "tmux respawn-pane failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Waits until the command started by [`Tmux::run`] has exited (its
    /// terminal is closed) and returns its exit status as `sh` reports it
    /// (128 + the signal for one that killed it).
    pub fn wait_exited(&self, what: &str) -> i32 {
        let deadline = Instant::now() + Duration::from_secs(20);
        let status = self.status_file();
        loop {
            // The status is written before the terminal closes; read it once
            // both are so, so that a half-written file is never read.
            if self.format("#{pane_dead}") == "1"
                && let Ok(text) = std::fs::read_to_string(&status)
                && let Some(line) = text.strip_suffix('\n')
            {
                return line
                    .parse()
                    .unwrap_or_else(|_| panic!("{what}: exit status {text:?}"));
            }
            assert!(
                Instant::now() < deadline,
                "{what}: still running, or no exit status in {}; screen was:\n{}",
                status.display(),
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
        let _ = std::fs::remove_file(self.status_file());
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
