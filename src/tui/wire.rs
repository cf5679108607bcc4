//! What the screen writes to the terminal, for a user on a slow link (SSH
//! over a poor connection). ratatui sends only the cells that changed, but
//! jumps over every unchanged one with a cursor move of 6 to 8 bytes: a `j`
//! that scrolls a pane changes most cells of its rows, with runs of one to
//! a few unchanged cells between them (a space, a digit of the time that did
//! not change), so half of what it wrote was moves. `Wire` writes such a
//! short run of unchanged cells again instead, when that takes fewer bytes
//! than the move and needs no change of colour; sends only the colour that
//! changed (ratatui sent both, `ESC[38;5;6;49m` where `ESC[38;5;6m` does,
//! `ESC[39;49m` for `ESC[39m`); and sends nothing for a frame in which
//! nothing changed (ratatui reset the colours and hid the cursor again on
//! every frame). Its cursor moves, attributes and colours are crossterm's
//! commands, as ratatui's backend writes them. docs/BENCHMARKS.md has the
//! figures (`benches/terminal_bytes.py`).

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, IntoCrossterm, WindowSize};
use ratatui::buffer::Cell;
use ratatui::crossterm::cursor::{Hide, MoveTo, Show};
use ratatui::crossterm::style::{
    Attribute, Color as CColor, Colors, Print, SetAttribute, SetBackgroundColor, SetColors,
    SetForegroundColor, SetUnderlineColor,
};
use ratatui::crossterm::{execute, queue, terminal};
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};

/// A crossterm backend that keeps what the terminal shows, to write short
/// unchanged runs over rather than jump them.
#[derive(Debug)]
pub struct Wire<W: Write> {
    out: W,
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
            out: writer,
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

/// The colours and attributes the terminal writes with.
#[derive(Clone, Copy, PartialEq)]
struct Pen {
    fg: Color,
    bg: Color,
    underline: Color,
    modifier: Modifier,
}

impl Pen {
    const PLAIN: Pen = Pen {
        fg: Color::Reset,
        bg: Color::Reset,
        underline: Color::Reset,
        modifier: Modifier::empty(),
    };

    fn of(c: &Cell) -> Pen {
        Pen {
            fg: c.fg,
            bg: c.bg,
            underline: c.underline_color,
            modifier: c.modifier,
        }
    }

    /// Changes the terminal's pen from `self` to `to`, sending only what
    /// differs.
    fn change(&mut self, to: Pen, w: &mut impl Write) -> io::Result<()> {
        if to.modifier != self.modifier {
            modifiers(self.modifier, to.modifier, w)?;
        }
        let fg: CColor = to.fg.into_crossterm();
        let bg: CColor = to.bg.into_crossterm();
        match (to.fg != self.fg, to.bg != self.bg) {
            (true, true) => queue!(w, SetColors(Colors::new(fg, bg)))?,
            (true, false) => queue!(w, SetForegroundColor(fg))?,
            (false, true) => queue!(w, SetBackgroundColor(bg))?,
            (false, false) => {}
        }
        if to.underline != self.underline {
            queue!(w, SetUnderlineColor(to.underline.into_crossterm()))?;
        }
        *self = to;
        Ok(())
    }
}

/// The attributes to send from `from` to `to`, as ratatui's crossterm
/// backend sends them (bold and dim share one "normal intensity" off).
fn modifiers(from: Modifier, to: Modifier, w: &mut impl Write) -> io::Result<()> {
    let removed = from - to;
    let added = to - from;
    let set = |w: &mut dyn Write, a: Attribute| write!(w, "{}", SetAttribute(a));
    if removed.contains(Modifier::REVERSED) {
        set(w, Attribute::NoReverse)?;
    }
    let intensity = removed.intersects(Modifier::BOLD | Modifier::DIM);
    if intensity {
        set(w, Attribute::NormalIntensity)?;
        if to.contains(Modifier::DIM) {
            set(w, Attribute::Dim)?;
        }
        if to.contains(Modifier::BOLD) {
            set(w, Attribute::Bold)?;
        }
    }
    let offs = [
        (Modifier::ITALIC, Attribute::NoItalic),
        (Modifier::UNDERLINED, Attribute::NoUnderline),
        (Modifier::CROSSED_OUT, Attribute::NotCrossedOut),
        (Modifier::HIDDEN, Attribute::NoHidden),
    ];
    for (m, a) in offs {
        if removed.contains(m) {
            set(w, a)?;
        }
    }
    if removed.intersects(Modifier::SLOW_BLINK | Modifier::RAPID_BLINK) {
        set(w, Attribute::NoBlink)?;
    }
    if added.contains(Modifier::REVERSED) {
        set(w, Attribute::Reverse)?;
    }
    if !intensity {
        if added.contains(Modifier::BOLD) {
            set(w, Attribute::Bold)?;
        }
        if added.contains(Modifier::DIM) {
            set(w, Attribute::Dim)?;
        }
    }
    let ons = [
        (Modifier::ITALIC, Attribute::Italic),
        (Modifier::UNDERLINED, Attribute::Underlined),
        (Modifier::CROSSED_OUT, Attribute::CrossedOut),
        (Modifier::HIDDEN, Attribute::Hidden),
        (Modifier::SLOW_BLINK, Attribute::SlowBlink),
        (Modifier::RAPID_BLINK, Attribute::RapidBlink),
    ];
    for (m, a) in ons {
        if added.contains(m) {
            set(w, a)?;
        }
    }
    Ok(())
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
        let mut pen = Pen::PLAIN;
        let mut next: Option<(u16, u16)> = None;
        for (x, y, cell) in &cells {
            // As ratatui: a cell right after the last written one needs no
            // move (a wide character's second cell is never sent).
            if next != Some((*x, *y)) {
                queue!(self.out, MoveTo(*x, *y))?;
            }
            next = Some((x + 1, *y));
            pen.change(Pen::of(cell), &mut self.out)?;
            queue!(self.out, Print(cell.symbol()))?;
        }
        if pen != Pen::PLAIN {
            queue!(self.out, SetAttribute(Attribute::Reset))?;
        }
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.cursor_shown == Some(false) {
            return Ok(());
        }
        self.cursor_shown = Some(false);
        execute!(self.out, Hide)
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.cursor_shown == Some(true) {
            return Ok(());
        }
        self.cursor_shown = Some(true);
        execute!(self.out, Show)
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        ratatui::crossterm::cursor::position()
            .map(|(x, y)| Position { x, y })
            .map_err(io::Error::other)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let Position { x, y } = position.into();
        execute!(self.out, MoveTo(x, y))
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        use terminal::ClearType as C;
        self.shown = matches!(clear_type, ClearType::All).then(Vec::new);
        let what = match clear_type {
            ClearType::All => C::All,
            ClearType::AfterCursor => C::FromCursorDown,
            ClearType::BeforeCursor => C::FromCursorUp,
            ClearType::CurrentLine => C::CurrentLine,
            ClearType::UntilNewLine => C::UntilNewLine,
        };
        execute!(self.out, terminal::Clear(what))
    }

    fn size(&self) -> io::Result<Size> {
        let (width, height) = terminal::size()?;
        Ok(Size { width, height })
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        let w = terminal::window_size()?;
        Ok(WindowSize {
            columns_rows: Size {
                width: w.columns,
                height: w.rows,
            },
            pixels: Size {
                width: w.width,
                height: w.height,
            },
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
