//! Terminal escape sequences inside log lines: removed before parsing, and
//! never passed raw to the terminal.

use std::borrow::Cow;

/// Removes terminal escape sequences as a terminal reads them (`vte`, the
/// parser Alacritty uses): CSI, OSC, DCS, SOS/PM/APC strings up to their
/// terminator (a BEL ends SOS/PM/APC too, as it ends an OSC), escapes with intermediate bytes (`ESC ( B`), each dropped
/// whole. Borrows when the line has no ESC, which is the common case.
pub fn strip_cow(line: &[u8]) -> Cow<'_, [u8]> {
    if memchr::memchr(0x1b, line).is_none() {
        return Cow::Borrowed(line);
    }
    let mut out = Vec::with_capacity(line.len());
    strip_into(line, &mut out);
    Cow::Owned(out)
}

/// Appends `line` without escape sequences to `out`. A sequence the line's
/// end cuts goes (a line is read alone); bytes outside sequences stay as they
/// are (controls for `display_text` to show inert, bytes that are not UTF-8
/// for it to replace). Where a sequence ends never depends on a digit's value
/// (a CSI's parameters are digits, its final byte is not), which mining's
/// line keys rely on (`pattern::message_of`).
pub fn strip_into(line: &[u8], out: &mut Vec<u8>) {
    let mut parser = vte::Parser::new();
    let mut i = 0;
    // The text between sequences is copied as it stands; `vte` reads each
    // sequence from its ESC until it is dispatched (back in its ground
    // state): feeding it the text too, a character at a time, made reading a
    // colored log 2.5 times slower.
    while let Some(esc) = memchr::memchr(0x1b, &line[i..]) {
        out.extend_from_slice(&line[i..i + esc]);
        i += esc;
        if let Some(n) = plain_csi(&line[i..]).or_else(|| sos_pm_apc(&line[i..])) {
            i += n;
            continue;
        }
        let mut kept = Kept { out, ended: false };
        i += parser.advance_until_terminated(&mut kept, &line[i..]);
    }
    out.extend_from_slice(&line[i..]);
}

/// The length of the CSI `seq` starts with when it is nothing but its
/// parameter bytes, intermediate bytes and final byte (ECMA-48, 5.4): a
/// colored log's `ESC [ 1 ; 31 m`, read without `vte`'s state machine, which
/// takes the rest (a control inside, a sequence cut by the line's end).
fn plain_csi(seq: &[u8]) -> Option<usize> {
    let rest = seq.strip_prefix(b"\x1b[")?;
    let params = rest
        .iter()
        .take_while(|b| (0x30..=0x3f).contains(*b))
        .count();
    let inter = rest[params..]
        .iter()
        .take_while(|b| (0x20..=0x2f).contains(*b))
        .count();
    let last = *rest.get(params + inter)?;
    (0x40..=0x7e)
        .contains(&last)
        .then_some(2 + params + inter + 1)
}

/// The length of the SOS, PM or APC string `seq` starts with (`ESC X`,
/// `ESC ^`, `ESC _`), up to its ST or a BEL: `vte` reads only ST as their end,
/// so one a program ended by BEL, as an OSC may be, took the rest of the line
/// with it. An ESC, CAN or SUB inside ends it, as in `vte`, and is read after
/// it; a string the line's end cuts goes whole.
fn sos_pm_apc(seq: &[u8]) -> Option<usize> {
    let (0x1b, b'X' | b'^' | b'_') = (*seq.first()?, *seq.get(1)?) else {
        return None;
    };
    let body = &seq[2..];
    Some(
        2 + match body
            .iter()
            .position(|b| matches!(b, 0x07 | 0x1b | 0x18 | 0x1a))
        {
            None => body.len(),
            Some(p) if body[p] == 0x07 => p + 1,
            Some(p) if body[p..].starts_with(b"\x1b\\") => p + 2,
            Some(p) => p,
        },
    )
}

/// What a terminal would print or execute inside and between sequences, as
/// UTF-8; `ended` once a sequence is dispatched and `vte` is back in its
/// ground state.
struct Kept<'a> {
    out: &'a mut Vec<u8>,
    ended: bool,
}

impl vte::Perform for Kept<'_> {
    fn print(&mut self, c: char) {
        self.out
            .extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
    }

    fn execute(&mut self, byte: u8) {
        // CAN and SUB cancel a sequence; other controls inside one are
        // executed by a terminal and stay here, for `display_text` to show.
        // A C1 control arrives as its code point's low byte.
        self.ended |= matches!(byte, 0x18 | 0x1a);
        self.print(char::from(byte));
    }

    fn csi_dispatch(&mut self, _: &vte::Params, _: &[u8], _: bool, _: char) {
        self.ended = true;
    }

    fn esc_dispatch(&mut self, _: &[u8], _: bool, _: u8) {
        self.ended = true;
    }

    // An OSC ended by ESC is dispatched at the ESC, and the `\` after it is
    // its own dispatch: only one ended by BEL is over here.
    fn osc_dispatch(&mut self, _: &[&[u8]], bell_terminated: bool) {
        self.ended |= bell_terminated;
    }

    fn terminated(&self) -> bool {
        self.ended
    }
}

#[cfg(test)]
thread_local! {
    /// Bytes [`display_text`] was given on this thread: view tests check that
    /// a frame cleans only what it can show, not a 50 MB template whole.
    pub static CLEANED_BYTES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Text safe to put on a terminal: escape sequences removed, invalid UTF-8
/// replaced by U+FFFD, tabs expanded to spaces, other control characters shown
/// as visible symbols (`␀`..`␟`, `␡`) so nothing can move the cursor or change modes.
pub fn display_text(line: &[u8]) -> String {
    #[cfg(test)]
    CLEANED_BYTES.with(|n| n.set(n.get() + line.len()));
    let stripped = strip_cow(line);
    let text = String::from_utf8_lossy(&stripped);
    let mut out = String::with_capacity(text.len());
    let mut col = 0usize;
    for ch in text.chars() {
        match ch {
            '\t' => {
                let n = 4 - col % 4;
                out.extend(std::iter::repeat_n(' ', n));
                col += n;
                continue;
            }
            '\r' | '\n' => continue,
            c if (c as u32) < 0x20 => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('?')),
            '\u{7f}' => out.push('\u{2421}'),
            // C1 controls can act as CSI on some terminals.
            c if ('\u{80}'..='\u{9f}').contains(&c) => out.push('\u{fffd}'),
            c => {
                out.push(c);
                // Tab stops count terminal columns: CJK and emoji take two.
                col += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                continue;
            }
        }
        col += 1;
    }
    out
}

/// [`display_text`] of about the first `max` bytes of `line` (never a
/// character cut in half), and how many bytes were left out: a line can be
/// megabytes long, and only what is kept is read.
pub fn display_head(line: &[u8], max: usize) -> (String, usize) {
    if line.len() <= max {
        return (display_text(line), 0);
    }
    // Back to where a UTF-8 character starts (at most 3 bytes back).
    let mut end = max;
    while end > 0 && max - end < 3 && line[end] & 0xC0 == 0x80 {
        end -= 1;
    }
    (display_text(&line[..end]), line.len() - end)
}

/// `text` as [`display_text`] makes it safe to print, cut after `max`
/// characters with how many bytes were left out: `xxx… (+52,426,800 bytes)`.
/// Only what is kept is read, so a huge text costs no more than a short one.
pub fn display_cut(text: &str, max: usize) -> String {
    display_cut_bytes(text.as_bytes(), max)
}

/// [`display_cut`] for a log's bytes, which may not be UTF-8 (an invalid
/// byte counts as one character: it shows as one U+FFFD).
pub fn display_cut_bytes(line: &[u8], max: usize) -> String {
    let (head, more) = cut_bytes(line, max);
    display_text(head) + &more
}

/// `line`'s first `max` characters, and what [`display_cut`] says after them
/// (`… (+52,426,800 bytes)`; empty when nothing was left out): for callers that
/// turn the kept bytes into text their own way.
pub fn cut_bytes(line: &[u8], max: usize) -> (&[u8], String) {
    match char_end(line, max) {
        None => (line, String::new()),
        Some(end) => (
            &line[..end],
            format!("… (+{} bytes)", thousands(line.len() - end)),
        ),
    }
}

/// Where the character after the first `max` starts, if `line` has more.
fn char_end(line: &[u8], max: usize) -> Option<usize> {
    // `max` characters take at most 4 bytes each: a line of 50 MB is read
    // (checked as UTF-8) no further than that and one character more.
    let probe = &line[..line.len().min(max.saturating_add(1).saturating_mul(4))];
    let (mut n, mut at) = (0, 0);
    for chunk in probe.utf8_chunks() {
        let lens = chunk.valid().chars().map(char::len_utf8);
        for len in lens.chain(chunk.invalid().iter().map(|_| 1)) {
            if n == max {
                return Some(at);
            }
            n += 1;
            at += len;
        }
    }
    None
}

/// `52426800` as `52,426,800`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() * 4 / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// `display_text` for each line of a message: names, paths and errors printed
/// on stdout or stderr (a file may be named with an escape sequence).
pub fn display_lines(s: &str) -> String {
    s.split('\n')
        .map(|l| display_text(l.as_bytes()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// JSON as serde_json writes it, with DEL and the C1 controls (U+0080..U+009F)
/// escaped as well: serde_json escapes only U+0000..U+001F, and some terminals
/// act on C1 (U+009B is CSI). In valid JSON these characters can only occur
/// inside strings, where `\u00XX` means the same character.
pub fn json_escape_controls(json: String) -> String {
    if !json.contains(|c: char| ('\u{7f}'..='\u{9f}').contains(&c)) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if ('\u{7f}'..='\u{9f}').contains(&c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_csi_and_osc() {
        assert_eq!(&*strip_cow(b"\x1b[1;31mERROR\x1b[0m x"), b"ERROR x");
        assert_eq!(&*strip_cow(b"a\x1b]0;title\x07b"), b"ab");
        assert_eq!(&*strip_cow(b"a\x1b]8;;http://x\x1b\\b"), b"ab");
        assert!(matches!(strip_cow(b"plain"), Cow::Borrowed(_)));
    }

    /// What a terminal reads as one sequence is dropped whole: strings that
    /// run to ST (DCS, SOS, PM, APC, as OSC), an escape with intermediate
    /// bytes (`tput sgr0` writes `ESC ( B`), never their payload or final byte.
    #[test]
    fn strips_every_kind_of_sequence_whole() {
        for (line, want) in [
            (&b"\x1b(Bplain\x1b[m"[..], &b"plain"[..]),
            (b"a\x1b)0b", b"ab"),
            (b"a\x1b#8b", b"ab"),
            (b"a\x1bP+q544e\x1b\\b", b"ab"),
            (b"a\x1b_apc payload\x1b\\b", b"ab"),
            (b"a\x1b^pm payload\x1b\\b", b"ab"),
            (b"a\x1bXsos\x1b\\b", b"ab"),
            (b"a\x1b[?25lb", b"ab"),
            (b"a\x1b7b\x1b8c", b"abc"),
            // A sequence cut by the line's end goes, and the text before stays.
            (b"a\x1b]0;title", b"a"),
            (b"a\x1bP1$r", b"a"),
            // Sequences one after another, each read from its own ESC.
            (b"a\x1b]0;t\x1b\\b\x1b[1mc\x1b\x1b[0md", b"abcd"),
            // Bytes between sequences stay as written, UTF-8 or not.
            (b"\x1b[31m\xff\xc3\xa9\x1b[0m", b"\xff\xc3\xa9"),
            // CAN cancels a sequence (and is shown).
            (b"a\x1b[1\x18b", b"a\x18b"),
            // A BEL ends an SOS, PM or APC string as it ends an OSC: the
            // text after it is the line's, not the string's.
            (b"a\x1b_apc\x07b", b"ab"),
            (b"a\x1b^pm payload\x07 after", b"a after"),
            (b"a\x1bXsos\x07b\x1b_c\x1b\\d", b"abd"),
            // An escape inside one ends it and is read on its own.
            (b"a\x1b_x\x1b[1mb", b"ab"),
            (b"a\x1b_x\x1ab", b"a\x1ab"),
            // Controls that are not escapes stay, for `display_text` to show.
            (b"a\tb\x07c", b"a\tb\x07c"),
        ] {
            assert_eq!(
                &*strip_cow(line),
                want,
                "{:?}",
                String::from_utf8_lossy(line)
            );
        }
    }

    #[test]
    fn tabs_stop_at_display_columns() {
        // "日志" takes four columns: the tab goes to column 8, not 4.
        assert_eq!(display_text("日志\tx".as_bytes()), "日志    x");
        assert_eq!(display_text("a\r\tb".as_bytes()), "a   b");
    }

    #[test]
    fn json_escapes_del_and_c1() {
        let v = serde_json::json!({"name": "a\u{1b}]52;c;x\u{7}\u{9b}31m\u{7f}\u{85}é"});
        let s = json_escape_controls(v.to_string());
        assert!(!s.chars().any(|c| c.is_control()), "{s}");
        assert!(s.contains("\\u009b") && s.contains("\\u007f") && s.contains('é'));
        let back: serde_json::Value = serde_json::from_str(&s).expect("still JSON");
        assert_eq!(back, v);
        assert_eq!(display_lines("a\u{1b}[2Jb\nc\u{7}"), "ab\nc\u{2407}");
    }

    #[test]
    fn display_text_is_inert() {
        let s = display_text(b"a\x1b[2Jb\x07c\xffd\te");
        assert_eq!(s, "ab\u{2407}c\u{fffd}d  e");
        assert!(!s.chars().any(|c| c.is_control()));
    }

    #[test]
    fn a_long_text_is_cut_after_max_characters_with_the_bytes_left_out() {
        assert_eq!(display_cut("abc", 3), "abc");
        assert_eq!(display_cut("abcd", 3), "abc… (+1 bytes)");
        assert_eq!(display_head(b"abcd", 3), ("abc".to_string(), 1));
        assert_eq!(display_cut_bytes(b"a\xffbc", 2), "a\u{fffd}… (+2 bytes)");
        assert_eq!(display_cut_bytes("éé".as_bytes(), 1), "é… (+2 bytes)");
        assert_eq!(display_head(b"abc", 3), ("abc".to_string(), 0));
        // `é` is two bytes: cutting at its second goes back to its first.
        assert_eq!(display_head("aéb".as_bytes(), 2), ("a".to_string(), 3));
        // Characters, not bytes: `é` is two bytes, never cut in half.
        assert_eq!(display_cut("ééé", 2), "éé… (+2 bytes)");
        // What is kept is made safe to print, as uncut text is.
        assert_eq!(display_cut("a\u{1b}[2Jb\u{7}cdef", 7), "ab␇… (+4 bytes)");
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(52_426_800), "52,426,800");
    }
}
