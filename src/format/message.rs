//! What a captured line says after the prefix its capturer put on it: the
//! unit that wrote it (`host prog[pid]` of journald and syslog, a journal
//! entry's `_PID`, a compose service, Docker's stream) and its message. A
//! program's stderr captured line by line (a Go panic under journald or
//! `docker logs -t`) is read through this: the indexer keeps a trace's lines
//! in one record (`records`), and the goroutine parser reads the messages.
//!
//! No allocation: the message is a range of the line (JSON-escaped in JSON
//! formats, decoded only by `Message::text`).

use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

use super::json::{self, Flavor};
use super::{Format, docker, iso, logcat};

/// A captured line's unit and message, as positions in the line. Only the
/// message's start is found at once: most lines need no more than a look at
/// how their message begins (`head`).
#[derive(Debug, Clone)]
pub struct Message<'a> {
    line: &'a [u8],
    unit: UnitAt,
    start: usize,
    end: End,
}

/// Where the unit is: read off the prefix when asked (syslog's two words
/// before the tag's colon), or (JSON) looked up by key when asked.
#[derive(Debug, Clone)]
enum UnitAt {
    Range(Range<usize>),
    /// `host prog[pid]` ending at this colon.
    BeforeColon {
        from: usize,
        colon: usize,
    },
    /// The first of these keys the line has.
    Json(&'static [&'static LazyLock<json::Key>]),
}

/// Where the message ends.
#[derive(Debug, Clone, Copy)]
enum End {
    Line,
    /// At the closing quote of a JSON string; `newline`: without the
    /// escaped newline Docker keeps at its end.
    Quote {
        newline: bool,
    },
}

impl<'a> Message<'a> {
    /// Who wrote the line: the same bytes for every line of one process.
    pub fn unit(&self) -> &'a [u8] {
        let range = match &self.unit {
            UnitAt::Range(r) => r.clone(),
            UnitAt::BeforeColon { from, colon } => {
                let before = &self.line[*from..*colon];
                let tag = memchr::memrchr(b' ', before).unwrap_or(0);
                let host = memchr::memrchr(b' ', &before[..tag]).map_or(0, |k| k + 1);
                from + host..*colon
            }
            UnitAt::Json(keys) => keys
                .iter()
                .find_map(|k| k.string_at(self.line))
                .unwrap_or(0..0),
        };
        &self.line[range]
    }

    /// The line from the message's start: enough to see how it begins.
    pub fn head(&self) -> &'a [u8] {
        &self.line[self.start..]
    }

    /// The message as written in the line (still escaped in JSON).
    pub fn raw(&self) -> &'a [u8] {
        let end = match self.end {
            End::Line => self.line.len(),
            End::Quote { newline } => {
                let end = json::string_end(self.line, self.start).unwrap_or(self.line.len());
                let text = &self.line[self.start..end];
                if newline && text.ends_with(b"\\n") {
                    end - 2
                } else {
                    end
                }
            }
        };
        &self.line[self.start..end]
    }

    /// The message as the program printed it. Allocates only for a JSON
    /// string with escapes in it (a trace's `\t/src/x.go:12`).
    pub fn text(&self) -> Cow<'a, [u8]> {
        let raw = self.raw();
        if matches!(self.end, End::Line) || memchr::memchr(b'\\', raw).is_none() {
            return Cow::Borrowed(raw);
        }
        // The string in quotes, as serde_json reads it.
        let mut quoted = Vec::with_capacity(raw.len() + 2);
        quoted.push(b'"');
        quoted.extend_from_slice(raw);
        quoted.push(b'"');
        match serde_json::from_slice::<String>(&quoted) {
            Ok(s) => Cow::Owned(s.into_bytes()),
            Err(_) => Cow::Borrowed(raw),
        }
    }
}

static MESSAGE: LazyLock<json::Key> = LazyLock::new(|| json::Key::new("MESSAGE"));
static PID: LazyLock<json::Key> = LazyLock::new(|| json::Key::new("_PID"));
static IDENTIFIER: LazyLock<json::Key> = LazyLock::new(|| json::Key::new("SYSLOG_IDENTIFIER"));
static LOG: LazyLock<json::Key> = LazyLock::new(|| json::Key::new("log"));
static STREAM: LazyLock<json::Key> = LazyLock::new(|| json::Key::new("stream"));
/// A journal entry's process, else its program's name.
static JOURNAL_UNIT: [&LazyLock<json::Key>; 2] = [&PID, &IDENTIFIER];
static DOCKER_UNIT: [&LazyLock<json::Key>; 1] = [&STREAM];

impl Format {
    /// Whether the format's lines carry a capturer's prefix before what the
    /// program wrote (`message` reads past it).
    pub fn prefixes_lines(&self) -> bool {
        match self {
            Format::Syslog3164
            | Format::JournalShortIso
            | Format::Syslog3339
            | Format::JournalMonotonic
            | Format::JournalUnix
            | Format::Iso8601
            | Format::DockerCompose
            | Format::Logcat => true,
            Format::Json(j) => j.flavor != Flavor::Generic,
            Format::Prefixed(inner) => inner.prefixes_lines(),
            _ => false,
        }
    }

    /// How a line's message begins, found as cheaply as can be: no unit, and
    /// syslog's tag is not checked. The indexer looks at every line this way.
    pub fn message_head<'a>(&self, line: &'a [u8]) -> Option<&'a [u8]> {
        match self {
            Format::Syslog3164
            | Format::JournalShortIso
            | Format::Syslog3339
            | Format::JournalMonotonic
            | Format::JournalUnix => colon_space(line, 0).map(|c| &line[(c + 2).min(line.len())..]),
            _ => self.message(line).map(|m| m.head()),
        }
    }

    /// The unit and message of a line in a format whose lines carry a
    /// capturer's prefix; None for other formats and for lines without it.
    pub fn message<'a>(&self, line: &'a [u8]) -> Option<Message<'a>> {
        match self {
            Format::Syslog3164
            | Format::JournalShortIso
            | Format::Syslog3339
            | Format::JournalMonotonic
            | Format::JournalUnix => after_tag(line, 0),
            Format::Iso8601 => {
                let start = iso::start_pos(line);
                let (_, end) = iso::stamp_at(line, start)?;
                // journalctl `short-full` starts with a weekday (`Mon 2026-11-23 …
                // CET host prog[1]: `); `docker logs -t` has the message right
                // after its stamp (`2026-11-23T14:08:39.123456789Z msg`).
                if start == 4 {
                    after_tag(line, end)
                } else {
                    after_space(line, 0..0, end)
                }
            }
            Format::DockerCompose => {
                let p = docker::prefix_end(line)?;
                let name = line[..p].iter().take_while(|&&c| c != b' ').count();
                match iso::stamp_at(line, p) {
                    Some((_, end)) => after_space(line, 0..name, end),
                    None => Some(Message {
                        line,
                        unit: UnitAt::Range(0..name),
                        start: p,
                        end: End::Line,
                    }),
                }
            }
            // logd dates each line a program writes: a Go program's panic
            // (its runtime logs stderr with the tag `Go`) is a trace of
            // dated lines, as under journald.
            Format::Logcat => logcat::header(line).map(|h| Message {
                line,
                unit: UnitAt::Range(h.pid),
                start: h.message,
                end: End::Line,
            }),
            Format::Json(j) => match j.flavor {
                Flavor::Journal => json_message(line, &MESSAGE, &JOURNAL_UNIT, false),
                // Docker keeps the line's newline: `"log":"panic: boom\n"`.
                Flavor::Docker => json_message(line, &LOG, &DOCKER_UNIT, true),
                Flavor::Generic => None,
            },
            // What the program wrote is behind the token too.
            Format::Prefixed(inner) => prefixed_message(inner, line),
            _ => None,
        }
    }
}

/// `message` behind a token. Out of line: its call back into `message`,
/// inlined, would make that recursive for every format.
#[inline(never)]
fn prefixed_message<'a>(inner: &Format, line: &'a [u8]) -> Option<Message<'a>> {
    inner.message(super::prefixed::behind_in(inner, line)?)
}

/// `host prog[pid]: message` at or after `from`: the message after the first
/// `: ` (no stamp these formats write holds one), the unit the two words
/// before it.
fn after_tag(line: &[u8], from: usize) -> Option<Message<'_>> {
    let colon = colon_space(line, from)?;
    // A tag needs a host word before it.
    let tag = memchr::memrchr(b' ', &line[from..colon])?;
    if tag == 0 || line[from + tag - 1] == b' ' {
        return None;
    }
    Some(Message {
        line,
        unit: UnitAt::BeforeColon { from, colon },
        start: (colon + 2).min(line.len()),
        end: End::Line,
    })
}

/// The first `: ` (or a `:` that ends the line) at or after `from`: where
/// syslog's tag ends. One substring search: a colon at a time cost more than
/// the rest of the rule (a stamp has two of its own).
fn colon_space(line: &[u8], from: usize) -> Option<usize> {
    static COLON_SPACE: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new(b": "));
    let head = &line[from.min(line.len())..line.len().min(from + 512)];
    match COLON_SPACE.find(head) {
        Some(k) => Some(from + k),
        None if head.ends_with(b":") => Some(from + head.len() - 1),
        None => None,
    }
}

/// The message after the stamp that ends at `end` and one space.
fn after_space(line: &[u8], unit: Range<usize>, end: usize) -> Option<Message<'_>> {
    let text = match line.get(end) {
        None => end,
        Some(b' ') => end + 1,
        Some(_) => return None,
    };
    Some(Message {
        line,
        unit: UnitAt::Range(unit),
        start: text,
        end: End::Line,
    })
}

/// A JSON line's message string; its unit is the first of `units` it has.
fn json_message<'a>(
    line: &'a [u8],
    message: &json::Key,
    units: &'static [&'static LazyLock<json::Key>],
    newline: bool,
) -> Option<Message<'a>> {
    Some(Message {
        line,
        unit: UnitAt::Json(units),
        start: message.string_start(line)?,
        end: End::Quote { newline },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each case: a format, a line in it, and the unit and message read from
    /// the line; a failure names the case.
    fn assert_splits(cases: &[(Format, &str, &str, &str)]) {
        for (f, line, unit, text) in cases {
            let m = f
                .message(line.as_bytes())
                .unwrap_or_else(|| panic!("{f:?} captured nothing in {line:?}"));
            assert_eq!(
                (
                    String::from_utf8_lossy(m.unit()).as_ref(),
                    String::from_utf8_lossy(&m.text()).as_ref()
                ),
                (*unit, *text),
                "{f:?}: {line:?}"
            );
        }
    }

    #[test]
    fn syslog_shapes() {
        use Format::{Iso8601, JournalMonotonic, Syslog3164};
        assert_splits(&[
            (
                Syslog3164,
                "Nov 23 14:08:39 vm panicdemo[14311]: panic: runtime error: index out of range [3]",
                "vm panicdemo[14311]",
                "panic: runtime error: index out of range [3]",
            ),
            (
                Syslog3164,
                "Nov 23 14:08:39 vm panicdemo[14311]:         /src/x.go:30 +0x13e",
                "vm panicdemo[14311]",
                "        /src/x.go:30 +0x13e",
            ),
            (
                Syslog3164,
                "Nov 23 14:08:39 vm panicdemo[14311]:",
                "vm panicdemo[14311]",
                "",
            ),
            (
                JournalMonotonic,
                "[ 9057.367166] vm su[14328]: (to nobody) root on none",
                "vm su[14328]",
                "(to nobody) root on none",
            ),
            (
                Iso8601,
                "Mon 2026-11-23 15:08:39 CET vm panicdemo[14311]: main.main()",
                "vm panicdemo[14311]",
                "main.main()",
            ),
        ]);
    }

    #[test]
    fn docker_shapes() {
        use Format::{DockerCompose, Iso8601};
        let docker_json = Format::by_name("docker-json").expect("format");
        assert_splits(&[
            (
                Iso8601,
                "2026-11-23T14:08:39.938125123Z panic: boom: now",
                "",
                "panic: boom: now",
            ),
            (
                Iso8601,
                "2026-11-23T14:08:39.938125123Z \t/src/x.go:30 +0x13e",
                "",
                "\t/src/x.go:30 +0x13e",
            ),
            (
                DockerCompose,
                "web-1  | 2024-04-25T05:32:35.584725130Z goroutine 1 [running]:",
                "web-1",
                "goroutine 1 [running]:",
            ),
            (
                DockerCompose,
                "web-1  | goroutine 1 [running]:",
                "web-1",
                "goroutine 1 [running]:",
            ),
            (
                docker_json,
                r#"{"log":"\t/src/x.go:30 +0x13e\n","stream":"stderr","time":"2022-03-24T17:23:05.1Z"}"#,
                "stderr",
                "\t/src/x.go:30 +0x13e",
            ),
        ]);
    }

    #[test]
    fn journal_json() {
        let f = Format::by_name("journal-json").expect("format");
        assert_splits(&[(
            f.clone(),
            r#"{"_PID":"14311","MESSAGE":"\t/srv/x.go:30 +0x13e","SYSLOG_IDENTIFIER":"panicdemo"}"#,
            "14311",
            "\t/srv/x.go:30 +0x13e",
        )]);
        // Without escapes the message is borrowed from the line.
        let l = r#"{"MESSAGE":"main.main()","SYSLOG_IDENTIFIER":"panicdemo"}"#;
        let m = f.message(l.as_bytes()).expect("message");
        assert!(matches!(m.text(), Cow::Borrowed(b"main.main()")));
        assert_eq!(m.unit(), b"panicdemo");
        assert!(f.message(br#"{"PRIORITY":"6"}"#).is_none());
    }

    /// logcat's header: the unit is the process, the message what follows the
    /// tag's `: ` (where Loghub's `Content` starts).
    #[test]
    fn logcat_shapes() {
        use Format::Logcat;
        assert_splits(&[
            (
                Logcat,
                "03-17 16:13:38.811  1702  2395 D WindowManager: printFreezingDisplayLogs",
                "1702",
                "printFreezingDisplayLogs",
            ),
            (
                Logcat,
                "12-01 09:00:00.000  4242  4260 E Go      : panic: boom",
                "4242",
                "panic: boom",
            ),
            (
                Logcat,
                "12-01 09:00:00.000 E/Go      ( 4242): \t/src/x.go:30 +0x13e",
                "4242",
                "\t/src/x.go:30 +0x13e",
            ),
            (Logcat, "03-17 16:13:38.811  1702  2395 W Tag:", "1702", ""),
        ]);
        assert!(Logcat.message(b"--------- beginning of crash").is_none());
        assert_eq!(
            Logcat.message_head(b"03-17 16:13:38.811 I/Tag( 1): up"),
            Some(&b"up"[..])
        );
    }

    #[test]
    fn not_captured() {
        for (f, line) in [
            (Format::Syslog3164, "no tag here"),
            (Format::Plain, "x y: z"),
            (Format::Iso8601, "2026-11-23T14:08:39Zpanic"),
        ] {
            assert!(f.message(line.as_bytes()).is_none(), "{f:?}: {line:?}");
        }
        // A message that looks like `host tag: ` stays whole behind a Docker stamp.
        assert_splits(&[(
            Format::Iso8601,
            "2026-11-23T14:08:39Z [signal SIGSEGV: segmentation violation]",
            "",
            "[signal SIGSEGV: segmentation violation]",
        )]);
    }
}
