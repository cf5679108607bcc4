//! Terminal setup and restore. Restoring happens on quit, on panic (hook)
//! and on SIGTERM/SIGHUP/SIGINT (forwarded to the main loop as a quit).

use std::io::{Stdout, Write, stdout};
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

static ACTIVE: AtomicBool = AtomicBool::new(false);

pub type Term = Terminal<CrosstermBackend<Stdout>>;

pub fn setup() -> anyhow::Result<Term> {
    install_panic_hook();
    install_sigbus_handler();
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let mut out = stdout();
    if let Err(e) = execute!(out, EnterAlternateScreen, EnableMouseCapture) {
        restore();
        return Err(e.into());
    }
    let term = Terminal::new(CrosstermBackend::new(stdout()))?;
    Ok(term)
}

/// Turns mouse reporting on or off.
pub fn set_mouse(on: bool) {
    let mut out = stdout();
    let _ = if on {
        execute!(out, EnableMouseCapture)
    } else {
        execute!(out, DisableMouseCapture)
    };
}

/// Puts the terminal back as it was. Safe to call more than once.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let _ = disable_raw_mode();
    let mut out = stdout();
    let _ = execute!(
        out,
        DisableMouseCapture,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
    let _ = out.flush();
}

/// Last resort for a mapped log file that another process shrank between the
/// disk watcher's size checks (every 100 ms) and a frame that reads it (copytruncate rotation): reading
/// past the new end raises SIGBUS. Leave the alternate screen, turn mouse
/// reporting off, show the cursor and say why, instead of a wrecked terminal.
#[allow(unsafe_code)]
fn install_sigbus_handler() {
    use std::os::fd::FromRawFd;
    // SAFETY: the action only calls write(2) on the process's own stdout and
    // stderr through files that are never closed (ManuallyDrop), and _exit(2):
    // both async-signal-safe. No lock or allocation is involved.
    let _ = unsafe {
        signal_hook::low_level::register(signal_hook::consts::SIGBUS, || {
            let mut out = std::mem::ManuallyDrop::new(std::fs::File::from_raw_fd(1));
            let mut err = std::mem::ManuallyDrop::new(std::fs::File::from_raw_fd(2));
            let _ = out
                .write_all(b"\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1049l\x1b[?25h\r\n");
            let _ = err.write_all(
                b"casefile: a log file shrank while it was being read (truncated, or rotated by copytruncate); start casefile again\r\n",
            );
            signal_hook::low_level::exit(3);
        })
    };
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Forwards SIGTERM, SIGHUP and SIGINT to `on_signal` from a background thread.
pub fn watch_signals(on_signal: impl Fn(i32) + Send + 'static) -> anyhow::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for sig in signals.forever() {
                on_signal(sig);
            }
        })?;
    Ok(())
}
