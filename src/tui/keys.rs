//! Keys as the keymap and `config.toml` name them (`G`, `<C-s>`, `<S-tab>`):
//! a key press normalised, and the parser of key names.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key press, normalised so that `G` is `Char('G')` without SHIFT.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub fn new(code: KeyCode, mods: KeyModifiers) -> Key {
        let mut mods = mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match code {
            KeyCode::Char(_) | KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                code
            }
            KeyCode::Tab if mods.contains(KeyModifiers::SHIFT) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            c => c,
        };
        Key { code, mods }
    }

    pub fn char(c: char) -> Key {
        Key::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    pub fn from_event(ev: &KeyEvent) -> Key {
        Key::new(ev.code, ev.modifiers)
    }

    /// The plain character this key types, if any (for prompts).
    pub fn typed(&self) -> Option<char> {
        match self.code {
            KeyCode::Char(c)
                if !self
                    .mods
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                Some(c)
            }
            _ => None,
        }
    }

    /// The key as written in the config file and shown in help.
    pub fn name(&self) -> String {
        let named = match self.code {
            KeyCode::Char(' ') => "space".to_string(),
            KeyCode::Char('<') => "lt".to_string(),
            KeyCode::Char(c) if self.mods.is_empty() => return c.to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "enter".into(),
            KeyCode::Esc => "esc".into(),
            KeyCode::Tab => "tab".into(),
            KeyCode::BackTab => "S-tab".into(),
            KeyCode::Backspace => "bs".into(),
            KeyCode::Up => "up".into(),
            KeyCode::Down => "down".into(),
            KeyCode::Left => "left".into(),
            KeyCode::Right => "right".into(),
            KeyCode::PageUp => "pgup".into(),
            KeyCode::PageDown => "pgdn".into(),
            KeyCode::Home => "home".into(),
            KeyCode::End => "end".into(),
            KeyCode::Delete => "del".into(),
            KeyCode::F(n) => format!("f{n}"),
            _ => "?".into(),
        };
        let mut s = String::from("<");
        if self.mods.contains(KeyModifiers::CONTROL) {
            s.push_str("C-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            s.push_str("A-");
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            s.push_str("S-");
        }
        s.push_str(&named);
        s.push('>');
        s
    }
}

fn named_key(body: &str) -> Option<Key> {
    let mut mods = KeyModifiers::NONE;
    let mut rest = body;
    loop {
        let m = match rest.get(..2) {
            Some("C-" | "c-") => KeyModifiers::CONTROL,
            Some("A-" | "a-" | "M-" | "m-") => KeyModifiers::ALT,
            Some("S-" | "s-") => KeyModifiers::SHIFT,
            _ => break,
        };
        if rest.len() == 2 {
            break;
        }
        mods |= m;
        rest = &rest[2..];
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) => KeyCode::Char(c),
        _ => match rest.to_ascii_lowercase().as_str() {
            "enter" | "cr" | "ret" => KeyCode::Enter,
            "esc" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "space" => KeyCode::Char(' '),
            "bs" | "backspace" => KeyCode::Backspace,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "del" | "delete" => KeyCode::Delete,
            "lt" => KeyCode::Char('<'),
            "gt" => KeyCode::Char('>'),
            f if f.starts_with('f') && f.len() > 1 => KeyCode::F(f[1..].parse().ok()?),
            _ => return None,
        },
    };
    Some(Key::new(code, mods))
}

/// Parses a key string such as `jj<C-p>merge<enter>`: `<...>` names a key,
/// anything else is typed as is. A `<` that does not start a key name is itself.
pub fn parse_keys(s: &str) -> Result<Vec<Key>, String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest[1..].find('>')
        {
            let body = &rest[1..1 + end];
            if !body.is_empty() && !body.contains('<') {
                match named_key(body) {
                    Some(k) => {
                        out.push(k);
                        rest = &rest[end + 2..];
                        continue;
                    }
                    None if body.len() > 1 => {
                        return Err(format!("unknown key <{body}> in '{s}'"));
                    }
                    None => {}
                }
            }
        }
        out.push(Key::char(c));
        rest = &rest[c.len_utf8()..];
    }
    Ok(out)
}
