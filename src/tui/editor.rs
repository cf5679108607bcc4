//! The note editor's state: a multi-line text and a tags field over the note
//! being written. Enter always inserts a new line; Ctrl-S (or Alt-Enter) saves;
//! Esc closes, asking first when something was typed. Tags are the `#words`
//! of the text plus those of the tags field; Alt-1…5 toggle the standard ones.

use crate::case::Note;

/// The tags offered on screen, in the order of their Alt-digit keys.
pub const STANDARD_TAGS: [&str; 5] = ["symptom", "hypothesis", "ruled-out", "cause", "action"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Text,
    Tags,
}

/// An editing key, as plain data (typed characters come as `Action::Input`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Newline,
    Backspace,
    Delete,
    Left,
    Right,
    Up,
    Down,
    Home,
    End,
    /// Between the text and the tags field.
    SwitchField,
    /// Adds or removes `STANDARD_TAGS[n]`.
    ToggleTag(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Editor {
    /// The note as it will be saved (its target, id, creation time); text and
    /// tags are taken from the fields on saving.
    pub note: Note,
    /// What the note is about, for the header ("kern 17:23:05 GPU hang …").
    pub about: String,
    pub lines: Vec<String>,
    /// Cursor: line and char position in it.
    pub row: usize,
    pub col: usize,
    /// The tags field: words, with or without `#`.
    pub tags: String,
    pub field: Field,
    /// True for a note not yet in the case file.
    pub new: bool,
    /// Esc was pressed with changes: the next Esc discards them.
    pub confirm_discard: bool,
    original: (String, String),
}

fn char_pos(s: &str, col: usize) -> usize {
    s.char_indices().nth(col).map_or(s.len(), |(i, _)| i)
}

impl Editor {
    /// An editor over `note` (a new one, or a copy of one being edited).
    pub fn new(note: Note, about: String, new: bool) -> Editor {
        let lines: Vec<String> = if note.text.is_empty() {
            vec![String::new()]
        } else {
            note.text.split('\n').map(str::to_string).collect()
        };
        // Tags that the text carries as #words stay there; the others go to the field.
        let in_text = Note::hashtags(&note.text);
        let tags = note
            .tags
            .iter()
            .filter(|t| !in_text.contains(t))
            .map(|t| format!("#{t}"))
            .collect::<Vec<_>>()
            .join(" ");
        let row = lines.len() - 1;
        let col = lines[row].chars().count();
        let original = (lines.join("\n"), tags.clone());
        Editor {
            note,
            about,
            lines,
            row,
            col,
            tags,
            field: Field::Text,
            new,
            confirm_discard: false,
            original,
        }
    }

    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    /// Every tag the note will carry: the tags field's words, then the text's #words.
    pub fn all_tags(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for t in self
            .tags
            .split_whitespace()
            .filter_map(Note::clean_tag)
            .chain(Note::hashtags(&self.text()))
        {
            if !out.contains(&t) {
                out.push(t);
            }
        }
        out
    }

    pub fn changed(&self) -> bool {
        (self.text(), self.tags.clone()) != self.original
    }

    /// The note to save; None when it has neither text nor tags.
    pub fn finished(&self) -> Option<Note> {
        let text = self.text().trim_end().to_string();
        let tags = self.all_tags();
        if text.trim().is_empty() && tags.is_empty() {
            return None;
        }
        let mut n = self.note.clone();
        n.text = text;
        n.tags = tags;
        Some(n)
    }

    pub fn insert(&mut self, c: char) {
        self.confirm_discard = false;
        match self.field {
            Field::Text => {
                let line = &mut self.lines[self.row];
                let at = char_pos(line, self.col);
                line.insert(at, c);
                self.col += 1;
            }
            Field::Tags => self.tags.push(c),
        }
    }

    pub fn apply(&mut self, op: Op) {
        self.confirm_discard = false;
        if self.field == Field::Tags {
            match op {
                Op::Backspace => {
                    self.tags.pop();
                }
                Op::SwitchField | Op::Newline | Op::Up => self.field = Field::Text,
                Op::ToggleTag(n) => self.toggle_tag(n),
                _ => {}
            }
            return;
        }
        let len = |s: &Self, r: usize| s.lines[r].chars().count();
        match op {
            Op::Newline => {
                let line = &mut self.lines[self.row];
                let rest = line.split_off(char_pos(line, self.col));
                self.lines.insert(self.row + 1, rest);
                self.row += 1;
                self.col = 0;
            }
            Op::Backspace => {
                if self.col > 0 {
                    let line = &mut self.lines[self.row];
                    let at = char_pos(line, self.col - 1);
                    line.remove(at);
                    self.col -= 1;
                } else if self.row > 0 {
                    let line = self.lines.remove(self.row);
                    self.row -= 1;
                    self.col = len(self, self.row);
                    self.lines[self.row].push_str(&line);
                }
            }
            Op::Delete => {
                if self.col < len(self, self.row) {
                    let line = &mut self.lines[self.row];
                    let at = char_pos(line, self.col);
                    line.remove(at);
                } else if self.row + 1 < self.lines.len() {
                    let next = self.lines.remove(self.row + 1);
                    self.lines[self.row].push_str(&next);
                }
            }
            Op::Left => {
                if self.col > 0 {
                    self.col -= 1;
                } else if self.row > 0 {
                    self.row -= 1;
                    self.col = len(self, self.row);
                }
            }
            Op::Right => {
                if self.col < len(self, self.row) {
                    self.col += 1;
                } else if self.row + 1 < self.lines.len() {
                    self.row += 1;
                    self.col = 0;
                }
            }
            Op::Up => {
                if self.row > 0 {
                    self.row -= 1;
                    self.col = self.col.min(len(self, self.row));
                }
            }
            Op::Down => {
                if self.row + 1 < self.lines.len() {
                    self.row += 1;
                    self.col = self.col.min(len(self, self.row));
                } else {
                    self.field = Field::Tags;
                }
            }
            Op::Home => self.col = 0,
            Op::End => self.col = len(self, self.row),
            Op::SwitchField => self.field = Field::Tags,
            Op::ToggleTag(n) => self.toggle_tag(n),
        }
    }

    /// Adds a standard tag to the tags field, or removes it from wherever it is.
    fn toggle_tag(&mut self, n: usize) {
        let Some(tag) = STANDARD_TAGS.get(n) else {
            return;
        };
        if self.all_tags().iter().any(|t| t == tag) {
            let keep: Vec<&str> = self
                .tags
                .split_whitespace()
                .filter(|w| Note::clean_tag(w).as_deref() != Some(tag))
                .collect();
            self.tags = keep.join(" ");
            if !self.tags.is_empty() {
                self.tags.push(' ');
            }
            let hash = format!("#{tag}");
            for line in &mut self.lines {
                // Only whole #words: #cause must not eat #causes.
                let mut out = String::new();
                let mut rest = line.as_str();
                // ASCII lower-casing keeps byte offsets, so matches index the line itself.
                while let Some(i) = rest.to_ascii_lowercase().find(&hash) {
                    let end = i + hash.len();
                    let whole = !rest[end..]
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_');
                    out.push_str(&rest[..i]);
                    if !whole {
                        out.push_str(&rest[i..end]);
                    }
                    rest = &rest[end..];
                }
                out.push_str(rest);
                *line = out;
            }
            self.col = self.col.min(self.lines[self.row].chars().count());
        } else {
            if !self.tags.is_empty() && !self.tags.ends_with(' ') {
                self.tags.push(' ');
            }
            // A space after it, so typing in the field goes on with a new word.
            self.tags.push('#');
            self.tags.push_str(tag);
            self.tags.push(' ');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blank() -> Editor {
        let note = Note {
            id: "n1".into(),
            at: Some(1),
            until: None,
            source: Some("kern".into()),
            anchor: None,
            tags: Vec::new(),
            text: String::new(),
            created: 2,
            about: None,
        };
        Editor::new(note, "kern 17:23:05".into(), true)
    }

    fn typed(e: &mut Editor, s: &str) {
        for c in s.chars() {
            if c == '\n' {
                e.apply(Op::Newline);
            } else {
                e.insert(c);
            }
        }
    }

    #[test]
    fn enter_makes_lines_and_editing_moves_across_them() {
        let mut e = blank();
        typed(&mut e, "GPU hang\nclient silent");
        assert_eq!(e.lines, ["GPU hang", "client silent"]);
        e.apply(Op::Home);
        e.apply(Op::Backspace);
        assert_eq!(e.lines, ["GPU hangclient silent"]);
        assert_eq!((e.row, e.col), (0, 8));
        e.apply(Op::Newline);
        e.apply(Op::Up);
        e.apply(Op::End);
        e.insert('!');
        e.apply(Op::Down);
        e.apply(Op::Home);
        e.apply(Op::Delete);
        assert_eq!(e.text(), "GPU hang!\nlient silent");
        e.apply(Op::Left);
        e.apply(Op::Delete);
        assert_eq!(e.text(), "GPU hang!lient silent");
    }

    #[test]
    fn tags_come_from_the_text_and_the_field() {
        let mut e = blank();
        typed(&mut e, "driver #Cause here, not #cause-2x or a#b");
        e.apply(Op::ToggleTag(0));
        e.apply(Op::SwitchField);
        typed(&mut e, " ops");
        assert_eq!(e.all_tags(), ["symptom", "ops", "cause", "cause-2x"]);
        // Toggling a tag the text carries takes it out of the text, whole words only.
        e.apply(Op::ToggleTag(3));
        assert_eq!(e.text(), "driver  here, not #cause-2x or a#b");
        assert_eq!(e.all_tags(), ["symptom", "ops", "cause-2x"]);
        let n = e.finished().expect("has text");
        assert_eq!(n.tags, ["symptom", "ops", "cause-2x"]);
        assert_eq!(n.id, "n1");
    }

    #[test]
    fn an_empty_note_is_not_saved_and_edits_are_detected() {
        let mut e = blank();
        assert!(e.finished().is_none());
        assert!(!e.changed());
        typed(&mut e, "  ");
        assert!(e.finished().is_none());
        assert!(e.changed());
        let mut note = blank().note;
        note.text = "seen #symptom\nsecond".into();
        note.tags = vec!["symptom".into(), "ops".into()];
        let e = Editor::new(note, String::new(), false);
        assert_eq!(e.tags, "#ops");
        assert_eq!((e.row, e.col), (1, 6));
        assert!(!e.changed());
        assert_eq!(e.all_tags(), ["ops", "symptom"]);
    }

    #[test]
    fn wide_and_multibyte_characters_edit_by_char() {
        let mut e = blank();
        typed(&mut e, "größe 数据");
        e.apply(Op::Left);
        e.apply(Op::Backspace);
        assert_eq!(e.text(), "größe 据");
    }
}
