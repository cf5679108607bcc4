//! Python tracebacks and Java exceptions: the lines that open one and the
//! lines that continue it, for the record rule (`records`). A Go panic's
//! lines are `records::is_trace_line`.
//!
//! What they look like, as the runtimes print them:
//! - Python (`traceback.print_exception`): `Traceback (most recent call
//!   last):`, indented `File "…", line N, in f` lines with their source and
//!   `~~^^` markers, and last the exception, unindented (`KeyError: 'user'`,
//!   `requests.exceptions.ConnectionError: …`, `KeyboardInterrupt`). Chained
//!   ones repeat it after `During handling of the above exception, another
//!   exception occurred:`; a thread's is headed `Exception in thread NAME:`.
//! - Java (`Throwable.printStackTrace`): `Exception in thread "main"
//!   java.lang.IllegalStateException: …`, `\tat …` frames, `Caused by: …`,
//!   `\t... 12 more`; on Android, `FATAL EXCEPTION: main`, `Process: …, PID: N`
//!   and the exception's own line before the frames.

/// Which runtime printed a trace.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Kind {
    #[default]
    Go,
    Python,
    /// A Python traceback after its exception's line: only a chained one
    /// (`During handling of the above exception…`) goes on with it.
    PythonEnd,
    Java,
}

/// The kind of trace `text` (a line, or a message after its capturer's
/// prefix) opens, if it opens one.
/// It runs on every undated line and on dated ones' messages: most are
/// answered by their first byte.
#[inline]
pub fn opener(text: &[u8]) -> Option<Kind> {
    match text.first()? {
        b'T' if text.starts_with(b"Traceback (most recent call last):") => Some(Kind::Python),
        b'E' => {
            let rest = text.strip_prefix(b"Exception in thread ")?;
            // Java quotes the thread's name; Python's `threading` does not,
            // and its traceback follows on the next line.
            Some(if rest.starts_with(b"\"") {
                Kind::Java
            } else {
                Kind::Python
            })
        }
        // Android's runtime (`RuntimeInit`), tag `AndroidRuntime`.
        b'F' if text.starts_with(b"FATAL EXCEPTION: ") => Some(Kind::Java),
        _ => None,
    }
}

/// Whether a line continues an open trace of `kind` (not Go's): the kind
/// the trace is after it (a Python traceback's exception line ends it but for
/// a chained one), or None.
pub fn continues(kind: Kind, text: &[u8]) -> Option<Kind> {
    match kind {
        Kind::Go => None,
        Kind::Python => {
            python_line(text).map(|open| if open { Kind::Python } else { Kind::PythonEnd })
        }
        Kind::PythonEnd if text.is_empty() => Some(Kind::PythonEnd),
        Kind::PythonEnd => CHAINS
            .iter()
            .any(|p| text.starts_with(p))
            .then_some(Kind::Python),
        Kind::Java => java_line(text).then_some(Kind::Java),
    }
}

/// What Python prints between the tracebacks of chained exceptions.
const CHAINS: [&[u8]; 2] = [
    b"During handling of the above exception",
    b"The above exception was the direct cause",
];

/// A line that would continue a Python or a Java trace.
pub fn continues_any(text: &[u8]) -> bool {
    python_line(text).is_some() || java_line(text)
}

fn python_line(text: &[u8]) -> Option<bool> {
    match text.first() {
        None | Some(b' ' | b'\t') => Some(true),
        _ if text.starts_with(b"Traceback (most recent call last):")
            || CHAINS.iter().any(|p| text.starts_with(p)) =>
        {
            Some(true)
        }
        _ if exception_line(text) => Some(false),
        _ => None,
    }
}

fn java_line(text: &[u8]) -> bool {
    match text.first() {
        // `\tat …`, `\t... 12 more`, an indented `Suppressed: …`.
        Some(b' ' | b'\t') => true,
        _ => {
            text.starts_with(b"Caused by: ")
                || text.starts_with(b"Process: ")
                || java_exception_line(text)
        }
    }
}

/// The first line `Throwable.printStackTrace` prints: its `toString()`, the
/// class's full (dotted) name, alone or before `: ` and its message
/// (`java.lang.Throwable`, `org.junit.ComparisonFailure: expected…`).
pub fn java_exception_line(text: &[u8]) -> bool {
    exception_line(text) && text.contains(&b'.')
}

/// `KeyError: 'user'`, `java.lang.NullPointerException: …`, `SystemExit`:
/// an exception's (dotted) class name, alone or before `: ` and its message.
/// The class is named like one (`CamelCase`: a capital first, a small letter
/// in it), so that `WARNING: disk full` or `INFO:root:…` is not taken for one.
/// Enough inside a trace (its closing line, a cause); `named_exception_line`
/// says it out of one.
fn exception_line(text: &[u8]) -> bool {
    exception_class(text).is_some()
}

/// An exception's line that needs no trace around it (an undated line of any
/// log, `records::looks_like_trace_line`): also its class's name ends in an
/// exception's word after more (`URLError`, `IllegalStateException`), so
/// that `Error: disk full` or `Note: restart needed` stays a message.
pub fn named_exception_line(text: &[u8]) -> bool {
    const WORDS: [&[u8]; 5] = [b"Exception", b"Error", b"Throwable", b"Exit", b"Interrupt"];
    exception_class(text).is_some_and(|class| {
        WORDS
            .iter()
            .any(|w| class.len() > w.len() && class.ends_with(w))
    })
}

/// The class's own name (after its package) of an exception's line.
fn exception_class(text: &[u8]) -> Option<&[u8]> {
    let name_len = text
        .iter()
        .take_while(|&&b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'$'))
        .count();
    let (name, rest) = text.split_at(name_len);
    let class = name.rsplit(|&b| b == b'.').next().unwrap_or(name);
    let camel = class.first().is_some_and(u8::is_ascii_uppercase)
        && class.iter().any(u8::is_ascii_lowercase);
    let first_ok = name
        .first()
        .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_');
    (first_ok && camel && (rest.is_empty() || rest == b":" || rest.starts_with(b": ")))
        .then_some(class)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn openers() {
        assert_eq!(
            opener(b"Traceback (most recent call last):"),
            Some(Kind::Python)
        );
        assert_eq!(
            opener(b"Exception in thread Thread-1 (work):"),
            Some(Kind::Python)
        );
        assert_eq!(
            opener(b"Exception in thread \"main\" java.lang.IllegalStateException: boom"),
            Some(Kind::Java)
        );
        assert_eq!(opener(b"FATAL EXCEPTION: main"), Some(Kind::Java));
        assert_eq!(opener(b"ERROR:root:handler failed"), None);
        assert_eq!(opener(b"panic: boom"), None);
    }

    #[test]
    fn exception_lines() {
        for yes in [
            &b"KeyError: 'user'"[..],
            b"KeyboardInterrupt",
            b"requests.exceptions.ConnectionError: HTTPSConnectionPool(host='x', port=443)",
            b"java.lang.NullPointerException",
            b"OSError: [Errno 28] No space left on device",
            b"HTTPError:",
        ] {
            assert!(exception_line(yes), "{}", String::from_utf8_lossy(yes));
        }
        for no in [
            &b"WARNING: disk full"[..],
            b"INFO:root:handling message",
            b"handling message",
            b"2026-12-02 13:12:04,339 INFO root: x",
            b"ERROR",
            b"Done.",
            b"",
        ] {
            assert!(!exception_line(no), "{}", String::from_utf8_lossy(no));
        }
    }

    /// Out of a trace only a class named as an exception is one.
    #[test]
    fn named_exception_lines() {
        for yes in [
            &b"java.lang.IllegalStateException: health check failed"[..],
            b"urllib.error.URLError: <urlopen error [Errno 111] Connection refused>",
            b"KeyboardInterrupt",
            b"SystemExit",
        ] {
            assert!(
                named_exception_line(yes),
                "{}",
                String::from_utf8_lossy(yes)
            );
        }
        for no in [
            &b"Error: disk full"[..],
            b"Exception: boom",
            b"Note: restart needed",
            b"StopIteration",
            b"java.lang.Throwable: who called",
            b"NameError is not an error here",
        ] {
            assert!(!named_exception_line(no), "{}", String::from_utf8_lossy(no));
        }
    }

    #[test]
    fn a_python_traceback_ends_with_its_exception() {
        use Kind::{Python, PythonEnd};
        let frame = b"  File \"t.py\", line 5, in <module>";
        assert_eq!(continues(Python, frame), Some(Python));
        assert_eq!(continues(Python, b""), Some(Python));
        assert_eq!(continues(Python, b"KeyError: 'user'"), Some(PythonEnd));
        let during = b"During handling of the above exception, another exception occurred:";
        assert_eq!(continues(Python, during), Some(Python));
        assert_eq!(continues(Python, b"handling message"), None);
        // After the exception's line only a chain goes on.
        assert_eq!(continues(PythonEnd, b""), Some(PythonEnd));
        assert_eq!(continues(PythonEnd, during), Some(Python));
        assert_eq!(continues(PythonEnd, frame), None);
        assert_eq!(
            continues(PythonEnd, b"Traceback (most recent call last):"),
            None
        );
    }

    use crate::format::Format;
    use crate::format::records::{Dated, RecordState};

    fn dated(format: &Format, text: &str) -> Vec<Dated> {
        let mut st = RecordState::default();
        text.lines()
            .map(|l| format.dated(l.as_bytes(), &mut st))
            .collect()
    }

    /// Android's runtime logs an uncaught exception line by line under the
    /// tag `AndroidRuntime` (`RuntimeInit`'s handler): one record per process,
    /// another process's line between starting a piece of it.
    #[test]
    fn a_logcat_java_crash_is_one_trace_per_process() {
        use Dated::*;
        let text = "12-01 10:00:00.100  4242  4242 I MainActivity: loading feed\n\
12-01 10:00:00.123  4242  4242 E AndroidRuntime: FATAL EXCEPTION: main\n\
12-01 10:00:00.123  4242  4242 E AndroidRuntime: Process: com.example.feed, PID: 4242\n\
12-01 10:00:00.123  4242  4242 E AndroidRuntime: java.lang.NullPointerException: Attempt to invoke virtual method on a null object reference\n\
12-01 10:00:00.124  1702  1820 D DisplayPowerController: Animating brightness: target=38\n\
12-01 10:00:00.124  4242  4242 E AndroidRuntime: \tat com.example.feed.FeedAdapter.bind(FeedAdapter.java:88)\n\
12-01 10:00:00.124  4242  4242 E AndroidRuntime: Caused by: java.lang.IllegalStateException: no item\n\
12-01 10:00:00.124  4242  4242 E AndroidRuntime: \t... 12 more\n\
12-01 10:00:00.130  4242  4242 I Process : Sending signal. PID: 4242 SIG: 9\n";
        assert_eq!(
            dated(&Format::Logcat, text),
            [
                Outside,
                Opens(Some(crate::level::Level::Error)),
                Joins,
                Joins,
                Other,
                Resumes,
                Joins,
                Joins,
                Outside
            ]
        );
    }

    /// journald dates each line of a Java program's stderr.
    #[test]
    fn a_java_exception_in_the_journal_is_one_trace() {
        use Dated::*;
        let text = "Dec 02 13:10:05 bastion java[77]: Replicator starting\n\
Dec 02 13:10:06 bastion java[77]: Exception in thread \"main\" java.lang.IllegalStateException: boom\n\
Dec 02 13:10:06 bastion java[77]: \tat Main.run(Main.java:12)\n\
Dec 02 13:10:06 bastion java[77]: Caused by: java.lang.NumberFormatException: For input string: \"none\"\n\
Dec 02 13:10:06 bastion java[77]: \t... 1 more\n\
Dec 02 13:10:07 bastion systemd[1]: java.service: Main process exited, code=exited, status=1/FAILURE\n";
        assert_eq!(
            dated(&Format::Syslog3164, text),
            [
                Outside,
                Opens(Some(crate::level::Level::Error)),
                Joins,
                Joins,
                Joins,
                Other
            ]
        );
    }

    #[test]
    fn a_java_trace_takes_frames_causes_and_androids_lines() {
        for yes in [
            &b"\tat com.example.Main.run(Main.java:12)"[..],
            b"\t... 12 more",
            b"Caused by: java.lang.NumberFormatException: For input string: \"none\"",
            b"Process: com.example.app, PID: 4242",
            b"java.lang.RuntimeException: Unable to start activity",
        ] {
            assert_eq!(
                continues(Kind::Java, yes),
                Some(Kind::Java),
                "{}",
                String::from_utf8_lossy(yes)
            );
        }
        assert_eq!(continues(Kind::Java, b"KeyError: 'user'"), None);
        assert_eq!(
            continues(Kind::Java, b"Displayed com.example/.Main: +320ms"),
            None
        );
    }
}
