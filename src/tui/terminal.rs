//! Terminal setup and restore. Restoring happens on quit, on panic (hook)
//! and on SIGTERM/SIGHUP/SIGINT (forwarded to the main loop as a quit).

use std::io::{Stdout, Write, stdout};
use std::sync::atomic::{AtomicBool, Ordering};

use super::wire::Wire;
use ratatui::Terminal;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

static ACTIVE: AtomicBool = AtomicBool::new(false);

pub type Term = Terminal<Wire<Stdout>>;

pub fn setup() -> anyhow::Result<Term> {
    install_panic_hook();
    recover_faults();
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let mut out = stdout();
    if let Err(e) = execute!(out, EnterAlternateScreen, EnableMouseCapture) {
        restore();
        return Err(e.into());
    }
    let term = Terminal::new(backend(stdout()))?;
    Ok(term)
}

/// What the screen writes its frames through: ratatui's crossterm backend,
/// in fewer bytes (`wire`).
pub fn backend<W: Write>(writer: W) -> Wire<W> {
    Wire::new(writer)
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

/// The codes that give the terminal back: mouse reporting off, the
/// alternate screen left, the cursor shown.
const RESTORE: &[u8] = b"\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1049l\x1b[?25h\r\n";

/// A mapped log file another process shrank (copytruncate rotation) between
/// the disk watcher's size looks (every 100 ms) and a frame that reads it:
/// reading past the new end raises SIGBUS. The page the file lost reads as
/// zeros instead (as in headless commands), and the watcher's next look
/// stops reads at the new end and says so. A fault that cannot be recovered
/// gives the terminal back and says why, instead of a wrecked terminal.
pub fn recover_faults() {
    crate::source::fault::recover_on_screen(RESTORE);
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
