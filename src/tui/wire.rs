//! What the screen writes to the terminal, for a user on a slow link (SSH
//! over a poor connection). ratatui sends only the cells that changed, but
//! jumps over every unchanged one with a cursor move of 6 to 8 bytes: a `j`
//! that scrolls a pane changes most cells of its rows, with runs of one to
//! a few unchanged cells between them (a space, a digit of the time that did
//! not change), so half of what it wrote was moves. `Wire` writes such a
//! short run of unchanged cells again instead, when that takes fewer bytes
//! than the move and needs no change of colour, and sends nothing for a
//! frame in which nothing changed (ratatui reset the colours and hid the
//! cursor again on every frame). docs/BENCHMARKS.md has the figures
//! (`benches/terminal_bytes.py`).

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

/// ratatui's crossterm backend, with what the terminal shows kept to write
/// short unchanged runs over rather than jump them.
#[derive(Debug)]
pub struct Wire<W: Write> {
    inner: CrosstermBackend<W>,
    /// The cells the terminal shows, row by row (blank beyond a row's end);
    /// `None` when not known (after a partial clear), and then nothing is
    /// written over.
    shown: Option<Vec<Vec<Cell>>>,
    /// Whether the cursor is shown, once set.
    cursor_shown: Option<bool>,
}

impl<W: Write> Wire<W> {
    /// Over a terminal that shows nothing yet (the alternate screen, or one
    /// just cleared).
    pub fn new(writer: W) -> Self {
        Self {
            inner: CrosstermBackend::new(writer),
            shown: Some(Vec::new()),
            cursor_shown: None,
        }
    }

    /// The changed cells, with each short unchanged run between two of them
    /// on a row added where writing it is shorter than moving over it.
    fn with_short_runs(&mut self, changed: Vec<(u16, u16, Cell)>) -> Vec<(u16, u16, Cell)> {
        let Some(shown) = self.shown.as_mut() else {
            return changed;
        };
        for (x, y, cell) in &changed {
            let row = {
                let y = usize::from(*y);
                if shown.len() <= y {
                    shown.resize_with(y + 1, Vec::new);
                }
                &mut shown[y]
            };
            let x = usize::from(*x);
            if row.len() <= x {
                row.resize(x + 1, Cell::EMPTY);
            }
            row[x] = cell.clone();
        }
        let mut out = Vec::with_capacity(changed.len());
        let mut before: Option<(u16, u16, Cell)> = None;
        for (x, y, cell) in changed {
            if let Some((bx, by, b)) = &before
                && *by == y
                && x > bx + 1
                && let Some(run) = run_between(shown, b, *bx, x, y)
            {
                out.extend(run);
            }
            before = Some((x, y, cell.clone()));
            out.push((x, y, cell));
        }
        out
    }
}

/// The unchanged cells from after `bx` to before `x` on row `y`, when
/// writing them again costs fewer bytes than a move to `x` and they look as
/// the cell before them does (the same colours and modifiers: no colour
/// sequence between), each one column of plain ASCII, after a cell one
/// column wide.
fn run_between(
    shown: &[Vec<Cell>],
    before: &Cell,
    bx: u16,
    x: u16,
    y: u16,
) -> Option<Vec<(u16, u16, Cell)>> {
    // After a wide character the cursor is not where ratatui expects.
    if crate::tui::text::width(before.symbol()) != 1 {
        return None;
    }
    let gap = x - bx - 1;
    if usize::from(gap) > move_cost(x, y) {
        return None;
    }
    let row = shown.get(usize::from(y))?;
    let mut run = Vec::with_capacity(usize::from(gap));
    for cx in bx + 1..x {
        let c = row.get(usize::from(cx)).unwrap_or(&Cell::EMPTY);
        let plain = c.symbol().len() == 1 && c.symbol().bytes().all(|b| (b' '..=b'~').contains(&b));
        if !plain || !same_look(c, before) {
            return None;
        }
        run.push((cx, y, c.clone()));
    }
    Some(run)
}

fn same_look(a: &Cell, b: &Cell) -> bool {
    a.fg == b.fg
        && a.bg == b.bg
        && a.underline_color == b.underline_color
        && a.modifier == b.modifier
}

/// Bytes of crossterm's `MoveTo(x, y)`: `ESC [ row ; col H`.
fn move_cost(x: u16, y: u16) -> usize {
    let digits = |n: u16| n.checked_ilog10().map_or(1, |d| d as usize + 1);
    4 + digits(y + 1) + digits(x + 1)
}

impl<W: Write> Backend for Wire<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let changed: Vec<(u16, u16, Cell)> = content.map(|(x, y, c)| (x, y, c.clone())).collect();
        if changed.is_empty() {
            return Ok(());
        }
        let cells = self.with_short_runs(changed);
        self.inner.draw(cells.iter().map(|(x, y, c)| (*x, *y, c)))
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.cursor_shown == Some(false) {
            return Ok(());
        }
        self.cursor_shown = Some(false);
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.cursor_shown == Some(true) {
            return Ok(());
        }
        self.cursor_shown = Some(true);
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.shown = Some(Vec::new());
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.shown = matches!(clear_type, ClearType::All).then(Vec::new);
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}
