//! What the parser says of a damaged dump: one cut off in its last line (in
//! a goroutine, a goroutine's header, a panic's message) and a function line
//! that lost its file:line.

use super::{DamageKind, Location, Mode, Parser, line};

impl<'a> Parser<'a> {
    /// The input's last line, when no newline ends it (the runtime ends
    /// every line): a dump cut off there, in a goroutine, a goroutine's
    /// header or a panic's message, says so once, at that line.
    pub(super) fn unended_line(&mut self, offset: u64, raw: &'a [u8]) {
        let t = line::trim(self.untagged(raw));
        let header = line::header_cut(t);
        if header && self.mode == Mode::Goroutine {
            // Right after a frame, no blank line between (journald drops
            // them): the goroutine before it ended whole; this one is cut.
            self.flush();
            self.mode = Mode::Outside;
        }
        let id = match self.mode {
            Mode::Goroutine | Mode::Record => self.cur.g.as_ref().map(|g| g.id),
            _ => None,
        };
        let panic = matches!(self.mode, Mode::PanicMessage { after_blank: false })
            || line::crash_opener(t).is_some();
        if id.is_none() && !header && !panic {
            self.line(offset, raw);
            return;
        }
        // This warning says it: not also "a header but no frames".
        self.cur.broke_off = true;
        let (before, embedded) = (self.warnings.len(), self.embedded);
        self.line(offset, raw);
        if self.warnings.len() > before {
            return;
        }
        if self.mode == Mode::Goroutine && self.cur.g.as_ref().is_some_and(|g| g.offset == offset) {
            // A whole header, right after a frame: the goroutine before it
            // ended whole, and this one's lack of frames is said at its end.
            self.cur.broke_off = false;
            return;
        }
        // The line is the dump's, cut: no log's line around it.
        self.embedded = embedded;
        let quoted: String = String::from_utf8_lossy(t).chars().take(60).collect();
        let kind = match id {
            Some(0) => DamageKind::RecordEndsMidLine { text: quoted },
            Some(goroutine) => DamageKind::EndsMidLine {
                goroutine,
                text: quoted,
            },
            None if header => DamageKind::HeaderCut { text: quoted },
            None => DamageKind::PanicMessageCut,
        };
        self.warnings.push((offset, kind));
    }

    /// A function line followed by another function line: the dump lost a line.
    pub(super) fn unfinished_call(&mut self, offset: u64) {
        if let Some(call) = self.cur.call.take() {
            let id = self.cur.g.as_ref().map_or(0, |g| g.id);
            self.warnings.push((
                offset,
                DamageKind::CallWithoutLocation {
                    goroutine: id,
                    function: String::from_utf8_lossy(call.function).into_owned(),
                },
            ));
            self.push_frame(
                call,
                Location {
                    file: b"?",
                    line: 0,
                    pc: None,
                    offset: None,
                },
            );
        }
    }
}
