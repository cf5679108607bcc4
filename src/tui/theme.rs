//! Colours and emphasis. Defaults use only the 16 named ANSI colours; with
//! `NO_COLOR` nothing is coloured and emphasis is bold, reverse and underline.

use ratatui::style::{Color, Modifier, Style};

use crate::level::Level;

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub color: bool,
    pub error: Color,
    pub warn: Color,
    pub info: Color,
    pub debug: Color,
    pub time: Color,
    pub matched: Color,
    pub bookmark: Color,
    /// Rows and overview ticks that carry a note.
    pub note: Color,
    pub sources: Vec<Color>,
}

impl Theme {
    pub fn new(color: bool) -> Theme {
        Theme {
            color,
            error: Color::Red,
            warn: Color::Yellow,
            info: Color::Green,
            debug: Color::Blue,
            time: Color::Cyan,
            matched: Color::Magenta,
            bookmark: Color::LightBlue,
            note: Color::LightYellow,
            sources: vec![
                Color::Cyan,
                Color::Magenta,
                Color::Yellow,
                Color::Green,
                Color::LightBlue,
                Color::LightRed,
            ],
        }
    }

    /// Foreground colour, or nothing when colour is off.
    pub fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn level(&self, level: Option<Level>) -> Style {
        match level {
            Some(l) if l.is_error() => self.fg(self.error).add_modifier(Modifier::BOLD),
            Some(Level::Warn) => {
                if self.color {
                    self.fg(self.warn)
                } else {
                    Style::new().add_modifier(Modifier::BOLD)
                }
            }
            Some(Level::Info) => self.fg(self.info),
            Some(_) => self.fg(self.debug),
            None => Style::new(),
        }
    }

    pub fn source(&self, k: usize) -> Style {
        let c = self.sources.get(k % self.sources.len().max(1)).copied();
        self.fg(c.unwrap_or(Color::Reset))
    }

    pub fn cursor(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// The cursor row of a pane whose nearest record is far from the cursor time.
    pub fn cursor_far(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::DIM)
    }

    pub fn matched(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Black).bg(self.matched)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
        }
    }

    pub fn dim(&self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }

    pub fn title(&self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED)
        }
    }

    /// A note's marker: its colour, and bold so it shows without colour too.
    pub fn note(&self) -> Style {
        self.fg(self.note).add_modifier(Modifier::BOLD)
    }

    pub fn warning(&self) -> Style {
        self.fg(self.warn).add_modifier(Modifier::BOLD)
    }
}

/// Parses a colour name from the config: the 16 ANSI names, `#rrggbb` or an index.
pub fn parse_color(s: &str) -> Option<Color> {
    s.parse::<Color>().ok()
}
