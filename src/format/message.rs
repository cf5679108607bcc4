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
use super::{Format, docker, iso};

/// A captured line's unit and message, as ranges of the line.
#[derive(Debug, Clone)]
pub struct Message<'a> {
    line: &'a [u8],
    unit: UnitAt,
    text: Range<usize>,
    /// The message is a JSON string's contents (escapes not yet decoded).
    escaped: bool,
}

/// Where the unit is: found with the message, or (JSON) looked up only
/// when asked, since most lines need only their message.
#[derive(Debug, Clone)]
enum UnitAt {
    Range(Range<usize>),
    /// The first of these keys the line has.
    Json(&'static [&'static LazyLock<json::Key>]),
}

impl<'a> Message<'a> {
    /// Who wrote the line: the same bytes for every line of one process.
    pub fn unit(&self) -> &'a [u8] {
        let range = match &self.unit {
            UnitAt::Range(r) => r.clone(),
            UnitAt::Json(keys) => keys
                .iter()
                .find_map(|k| k.string_at(self.line))
                .unwrap_or(0..0),
        };
        &self.line[range]
    }

    /// The message as written in the line (still escaped in JSON).
    pub fn raw(&self) -> &'a [u8] {
        &self.line[self.text.clone()]
    }

    /// The message as the program printed it. Allocates only for a JSON
    /// string with escapes in it (a trace's `\t/src/x.go:12`).
    pub fn text(&self) -> Cow<'a, [u8]> {
        let raw = self.raw();
        if !self.escaped || memchr::memchr(b'\\', raw).is_none() {
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
            | Format::DockerCompose => true,
            Format::Json(j) => j.flavor != Flavor::Generic,
            _ => false,
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
                        text: p..line.len(),
                        escaped: false,
                    }),
                }
            }
            Format::Json(j) => match j.flavor {
                Flavor::Journal => json_message(line, &MESSAGE, &JOURNAL_UNIT),
                Flavor::Docker => json_message(line, &LOG, &DOCKER_UNIT).map(|mut m| {
                    // Docker keeps the line's newline: `"log":"panic: boom\n"`.
                    if m.raw().ends_with(b"\\n") {
                        m.text.end -= 2;
                    }
                    m
                }),
                Flavor::Generic => None,
            },
            _ => None,
        }
    }
}

/// `host prog[pid]: message` at or after `from`: the message after the first
/// `: ` (no stamp these formats write holds one), the unit the two words
/// before it.
fn after_tag(line: &[u8], from: usize) -> Option<Message<'_>> {
    let head = &line[from.min(line.len())..line.len().min(from + 512)];
    let colon = from
        + memchr::memchr_iter(b':', head)
            .find(|&k| matches!(head.get(k + 1), None | Some(b' ')))?;
    let before = &line[from..colon];
    let tag = before.iter().rposition(|&c| c == b' ')?;
    let host = before[..tag]
        .iter()
        .rposition(|&c| c == b' ')
        .map_or(0, |k| k + 1);
    if tag == 0 || host == tag {
        return None;
    }
    let text = (colon + 2).min(line.len());
    Some(Message {
        line,
        unit: UnitAt::Range(from + host..colon),
        text: text..line.len(),
        escaped: false,
    })
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
        text: text..line.len(),
        escaped: false,
    })
}

/// A JSON line's message string; its unit is the first of `units` it has.
fn json_message<'a>(
    line: &'a [u8],
    message: &json::Key,
    units: &'static [&'static LazyLock<json::Key>],
) -> Option<Message<'a>> {
    Some(Message {
        line,
        unit: UnitAt::Json(units),
        text: message.string_at(line)?,
        escaped: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(f: &Format, line: &str) -> Option<(String, String)> {
        let m = f.message(line.as_bytes())?;
        Some((
            String::from_utf8_lossy(m.unit()).into_owned(),
            String::from_utf8_lossy(&m.text()).into_owned(),
        ))
    }

    fn pair(unit: &str, text: &str) -> Option<(String, String)> {
        Some((unit.to_string(), text.to_string()))
    }

    #[test]
    fn syslog_shapes() {
        let f = Format::Syslog3164;
        let l = "Nov 23 14:08:39 vm panicdemo[14311]: panic: runtime error: index out of range [3]";
        assert_eq!(
            parts(&f, l),
            pair(
                "vm panicdemo[14311]",
                "panic: runtime error: index out of range [3]"
            )
        );
        assert_eq!(
            parts(
                &f,
                "Nov 23 14:08:39 vm panicdemo[14311]:         /src/x.go:30 +0x13e"
            ),
            pair("vm panicdemo[14311]", "        /src/x.go:30 +0x13e")
        );
        assert_eq!(
            parts(&f, "Nov 23 14:08:39 vm panicdemo[14311]:"),
            pair("vm panicdemo[14311]", "")
        );
        let f = Format::JournalMonotonic;
        assert_eq!(
            parts(&f, "[ 9057.367166] vm su[14328]: (to nobody) root on none"),
            pair("vm su[14328]", "(to nobody) root on none")
        );
        let f = Format::Iso8601;
        assert_eq!(
            parts(
                &f,
                "Mon 2026-11-23 15:08:39 CET vm panicdemo[14311]: main.main()"
            ),
            pair("vm panicdemo[14311]", "main.main()")
        );
    }

    #[test]
    fn docker_shapes() {
        let f = Format::Iso8601;
        assert_eq!(
            parts(&f, "2026-11-23T14:08:39.938125123Z panic: boom: now"),
            pair("", "panic: boom: now")
        );
        assert_eq!(
            parts(&f, "2026-11-23T14:08:39.938125123Z \t/src/x.go:30 +0x13e"),
            pair("", "\t/src/x.go:30 +0x13e")
        );
        let f = Format::DockerCompose;
        assert_eq!(
            parts(
                &f,
                "web-1  | 2024-04-25T05:32:35.584725130Z goroutine 1 [running]:"
            ),
            pair("web-1", "goroutine 1 [running]:")
        );
        assert_eq!(
            parts(&f, "web-1  | goroutine 1 [running]:"),
            pair("web-1", "goroutine 1 [running]:")
        );
        let f = Format::by_name("docker-json").expect("format");
        assert_eq!(
            parts(
                &f,
                r#"{"log":"\t/src/x.go:30 +0x13e\n","stream":"stderr","time":"2022-03-24T17:23:05.1Z"}"#
            ),
            pair("stderr", "\t/src/x.go:30 +0x13e")
        );
    }

    #[test]
    fn journal_json() {
        let f = Format::by_name("journal-json").expect("format");
        let l =
            r#"{"_PID":"14311","MESSAGE":"\t/srv/x.go:30 +0x13e","SYSLOG_IDENTIFIER":"panicdemo"}"#;
        assert_eq!(parts(&f, l), pair("14311", "\t/srv/x.go:30 +0x13e"));
        // Without escapes the message is borrowed from the line.
        let l = r#"{"MESSAGE":"main.main()","SYSLOG_IDENTIFIER":"panicdemo"}"#;
        let m = f.message(l.as_bytes()).expect("message");
        assert!(matches!(m.text(), Cow::Borrowed(b"main.main()")));
        assert_eq!(m.unit(), b"panicdemo");
        assert!(f.message(br#"{"PRIORITY":"6"}"#).is_none());
    }

    #[test]
    fn not_captured() {
        assert!(Format::Syslog3164.message(b"no tag here").is_none());
        assert!(Format::Plain.message(b"x y: z").is_none());
        assert!(
            Format::Iso8601
                .message(b"2026-11-23T14:08:39Zpanic")
                .is_none()
        );
        // A message that looks like `host tag: ` stays whole behind a Docker stamp.
        let f = Format::Iso8601;
        assert_eq!(
            parts(
                &f,
                "2026-11-23T14:08:39Z [signal SIGSEGV: segmentation violation]"
            ),
            pair("", "[signal SIGSEGV: segmentation violation]")
        );
    }
}
