//! What the screen writes to the terminal per key, for a user on a slow
//! link: the bytes of the screen's own backend (`terminal::backend`) over a
//! `Vec<u8>`, read back by a small terminal (vte) to see what they draw.

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use ratatui::Terminal;
use ratatui::backend::Backend;

use super::*;
use crate::tui::terminal;

/// What a terminal shows: each cell's text and the colour and attribute
/// sequences in force when it was written; and where a write jumped over
/// fewer cells than its own bytes.
struct Screen {
    cells: Vec<Vec<(String, String)>>,
    x: usize,
    y: usize,
    fg: String,
    bg: String,
    underline: String,
    /// Colour and attribute settings that changed nothing (the colour in
    /// force set again, an attribute turned off that was off).
    redundant: usize,
    attrs: std::collections::BTreeSet<u16>,
    /// Moves right along a row over fewer cells than the move's own bytes,
    /// every cell of plain ASCII in the colours then in force: writing them
    /// again would have been shorter.
    wasteful: usize,
    /// Whether a frame has placed the cursor yet: where a frame begins, the
    /// cursor is wherever the last left it, and the first move is needed.
    placed: bool,
}

impl Screen {
    fn new(w: u16, h: u16) -> Self {
        let mut s = Self {
            cells: Vec::new(),
            x: 0,
            y: 0,
            fg: String::new(),
            bg: String::new(),
            underline: String::new(),
            redundant: 0,
            attrs: Default::default(),
            wasteful: 0,
            placed: false,
        };
        let blank = (" ".to_string(), s.look());
        s.cells = vec![vec![blank; usize::from(w)]; usize::from(h)];
        s
    }

    fn feed(&mut self, bytes: &[u8]) {
        self.placed = false;
        let mut p = vte::Parser::new();
        p.advance(self, bytes);
    }

    fn text(&self) -> String {
        self.cells
            .iter()
            .map(|r| {
                let mut l: String = r.iter().map(|(s, _)| s.as_str()).collect();
                l.push('\n');
                l
            })
            .collect()
    }

    /// Counts a move right from the cursor to `x` as wasteful when the
    /// cells between could have been written in fewer bytes.
    fn jump(&mut self, x: usize, bytes: usize) {
        let look = self.look();
        let over = self.cells.get(self.y).and_then(|r| r.get(self.x..x));
        let plain = over.is_some_and(|cells| {
            cells
                .iter()
                .all(|(s, l)| s.len() == 1 && s.is_ascii() && *l == look)
        });
        if self.placed && x > self.x && x - self.x < bytes && plain {
            self.wasteful += 1;
        }
    }

    fn look(&self) -> String {
        format!("{}|{}|{:?}", self.fg, self.bg, self.attrs)
    }

    fn sgr(&mut self, params: &vte::Params) {
        let ps: Vec<u16> = params.iter().flat_map(|p| p.iter().copied()).collect();
        if ps.is_empty() {
            self.reset();
        }
        let mut i = 0;
        while i < ps.len() {
            let n = ps[i];
            let before = (self.look(), self.underline.clone());
            match n {
                0 => self.reset(),
                38 | 48 | 58 => {
                    let take = if ps.get(i + 1) == Some(&5) { 3 } else { 5 };
                    let end = (i + take).min(ps.len());
                    let v = format!("{:?}", &ps[i + 1..end]);
                    match n {
                        38 => self.fg = v,
                        48 => self.bg = v,
                        _ => self.underline = v,
                    }
                    i = end - 1;
                }
                39 => self.fg.clear(),
                49 => self.bg.clear(),
                59 => self.underline.clear(),
                30..=37 | 90..=97 => self.fg = format!("{:?}", [5, ansi(n, 30)]),
                40..=47 | 100..=107 => self.bg = format!("{:?}", [5, ansi(n, 40)]),
                22 => {
                    self.attrs.remove(&1);
                    self.attrs.remove(&2);
                }
                23..=29 => {
                    self.attrs.remove(&(n - 20));
                }
                1..=9 => {
                    self.attrs.insert(n);
                }
                _ => {}
            }
            if (self.look(), self.underline.clone()) == before {
                self.redundant += 1;
            }
            i += 1;
        }
    }

    fn reset(&mut self) {
        self.fg.clear();
        self.bg.clear();
        self.underline.clear();
        self.attrs.clear();
    }
}

/// A 16-colour SGR number (`31`, `91`) as its 256-colour index: the same
/// colour as `38;5;1`, `38;5;9`.
fn ansi(n: u16, base: u16) -> u16 {
    if n >= base + 60 {
        n - base - 60 + 8
    } else {
        n - base
    }
}

impl vte::Perform for Screen {
    fn print(&mut self, c: char) {
        let w = crate::tui::text::width(&c.to_string()).max(1);
        let look = self.look();
        if let Some(cell) = self.cells.get_mut(self.y).and_then(|r| r.get_mut(self.x)) {
            *cell = (c.to_string(), look.clone());
        }
        for k in 1..w {
            if let Some(cell) = self
                .cells
                .get_mut(self.y)
                .and_then(|r| r.get_mut(self.x + k))
            {
                *cell = (String::new(), look.clone());
            }
        }
        self.x += w;
    }

    fn execute(&mut self, b: u8) {
        match b {
            b'\r' => self.x = 0,
            b'\n' => self.y += 1,
            _ => {}
        }
    }

    fn csi_dispatch(&mut self, params: &vte::Params, inter: &[u8], _: bool, action: char) {
        if !inter.is_empty() {
            return;
        }
        let ps: Vec<usize> = params.iter().map(|p| usize::from(p[0])).collect();
        let arg = |i: usize| ps.get(i).copied().filter(|&n| n > 0).unwrap_or(1);
        match action {
            'H' => {
                let (y, x) = (arg(0) - 1, arg(1) - 1);
                if y == self.y {
                    self.jump(x, format!("\x1b[{};{}H", y + 1, x + 1).len());
                }
                (self.y, self.x) = (y, x);
                self.placed = true;
            }
            'C' => {
                let n = arg(0);
                self.jump(self.x + n, format!("\x1b[{n}C").len());
                self.x += n;
            }
            'G' => self.x = arg(0) - 1,
            'm' => self.sgr(params),
            'J' if ps.first() == Some(&2) => {
                let blank = (" ".to_string(), self.look());
                for r in &mut self.cells {
                    r.fill(blank.clone());
                }
            }
            _ => {}
        }
    }
}

/// A terminal's input: the bytes written, kept to be read by the test.
#[derive(Clone, Default)]
struct Wire(Rc<RefCell<Vec<u8>>>);

impl Write for Wire {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The bytes of each frame: the first screen, then one per key of `keys`
/// (as the config file spells them), drawn by `backend` over `wire`.
fn frames_by<B: Backend>(backend: B, wire: &Wire, app: &mut App, keys: &str) -> Vec<Vec<u8>> {
    let mut term = Terminal::new(backend).expect("terminal");
    let mut out = Vec::new();
    let mut draw = |term: &mut Terminal<B>, app: &App| {
        term.draw(|f| crate::tui::view::render(app, f))
            .map_err(|_| "draw")
            .expect("draw");
        out.push(std::mem::take(&mut *wire.0.borrow_mut()));
    };
    draw(&mut term, app);
    for k in crate::tui::keys::parse_keys(keys).expect("keys") {
        update(app, Msg::Key(k));
        run_jobs(app);
        draw(&mut term, app);
    }
    out
}

/// The frames the screen's own backend writes.
fn frames(app: &mut App, keys: &str) -> Vec<Vec<u8>> {
    let wire = Wire::default();
    frames_by(terminal::backend(wire.clone()), &wire, app, keys)
}

/// The keys benches/terminal_bytes.py presses.
const KEY_MIX: &str = "jjk<pagedown><pageup>s<tab>/timeout<enter>nGge";

/// A frame in which nothing changed sends nothing: no colours reset, no
/// cursor hidden again (on a slow link each key waits for these too, and the
/// screen draws on every wake-up: a worker's progress, the disk watcher's
/// report).
#[test]
fn a_frame_in_which_nothing_changed_writes_nothing() {
    for (w, h) in [(80, 24), (200, 50)] {
        let mut app = demo_app(w, h);
        // `k` at the first record moves nothing.
        let f = frames(&mut app, "g<esc>kk");
        assert!(!f[0].is_empty(), "the first screen is written");
        let last = String::from_utf8_lossy(f.last().expect("frames")).into_owned();
        assert_eq!(last, "", "{w}x{h}: a `k` at the first record");
    }
}

/// A `j` moves every pane's rows up one, and most cells change; the few
/// unchanged between them (a space, a digit of the time that stayed) are
/// written again where that is shorter than the jump over them (6 to 8
/// bytes) and needs no colour change. ratatui's own backend jumps them all.
#[test]
fn short_runs_of_unchanged_cells_are_written_over_not_jumped() {
    for (w, h) in [(80, 24), (200, 50)] {
        let wasteful = |f: &[Vec<u8>]| {
            let mut screen = Screen::new(w, h);
            f.iter()
                .map(|bytes| {
                    screen.wasteful = 0;
                    screen.feed(bytes);
                    screen.wasteful
                })
                .collect::<Vec<_>>()
        };
        let ours = wasteful(&frames(&mut demo_app(w, h), KEY_MIX));
        assert!(ours.iter().all(|&n| n == 0), "{w}x{h}, per frame: {ours:?}");
        let stock = wasteful(&stock_frames(&mut demo_app(w, h), KEY_MIX));
        assert!(stock.iter().sum::<usize>() > 100, "{w}x{h}: {stock:?}");
    }
}

/// A change of colour sends only the colour that changed: ratatui's backend
/// sent foreground and background together (`ESC[38;5;6;49m` where
/// `ESC[38;5;6m` does, `ESC[39;49m` for `ESC[39m`), and reset every colour
/// after each frame whatever it ended in.
#[test]
fn a_colour_change_sends_only_what_changed() {
    for (w, h) in [(80, 24), (200, 50)] {
        let redundant = |f: &[Vec<u8>]| {
            let mut screen = Screen::new(w, h);
            f.iter()
                .map(|bytes| {
                    screen.redundant = 0;
                    screen.feed(bytes);
                    screen.redundant
                })
                .collect::<Vec<_>>()
        };
        let ours = redundant(&frames(&mut demo_app(w, h), KEY_MIX));
        assert!(ours.iter().all(|&n| n == 0), "{w}x{h}, per frame: {ours:?}");
        let stock = redundant(&stock_frames(&mut demo_app(w, h), KEY_MIX));
        assert!(stock.iter().sum::<usize>() > 100, "{w}x{h}: {stock:?}");
    }
}

/// The frames ratatui's own crossterm backend writes.
fn stock_frames(app: &mut App, keys: &str) -> Vec<Vec<u8>> {
    let wire = Wire::default();
    frames_by(
        ratatui::backend::CrosstermBackend::new(wire.clone()),
        &wire,
        app,
        keys,
    )
}

/// Whatever the screen's backend leaves out, the terminal shows what
/// ratatui's own crossterm backend leaves it showing, text and colours,
/// after every key of the mix, then in each view and the help.
#[test]
fn the_terminal_shows_what_the_stock_backend_leaves_after_each_key() {
    let keys =
        format!("{KEY_MIX}Q<down><esc>p<down><esc>t14:31:06<enter>d<down><esc>?<esc>!<esc>M<esc>");
    for (w, h) in [(80, 24), (200, 50)] {
        let ours = frames(&mut demo_app(w, h), &keys);
        let stock = stock_frames(&mut demo_app(w, h), &keys);
        assert_eq!(ours.len(), stock.len());
        let (mut a, mut b) = (Screen::new(w, h), Screen::new(w, h));
        for (i, (o, s)) in ours.iter().zip(&stock).enumerate() {
            a.feed(o);
            b.feed(s);
            assert_eq!(a.text(), b.text(), "{w}x{h} frame {i}: text");
            for (y, (ra, rb)) in a.cells.iter().zip(&b.cells).enumerate() {
                assert_eq!(ra, rb, "{w}x{h} frame {i}, row {y}: colours");
            }
        }
        let sent = |f: &[Vec<u8>]| f.iter().map(Vec::len).sum::<usize>();
        assert!(sent(&ours) <= sent(&stock), "{w}x{h}");
    }
}
