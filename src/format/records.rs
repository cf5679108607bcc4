//! Which lines start a record: the per-format rule the indexer asks about
//! every line without a time of its own. A dated line always starts one.
//!
//! A goroutine dump (`go-dump`) is one record per goroutine (and one for the
//! panic or fatal error above them). In a log, a Go panic or fatal error
//! starts a record that keeps its whole stack, however the log groups other
//! undated lines.

use super::Format;
use crate::goroutine::line;
use crate::level::Level;

/// What an undated line does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// It continues the record above it.
    Continue,
    /// It starts a record, with this level.
    New(Option<Level>),
}

/// What the rule remembers from line to line within a chunk.
#[derive(Debug, Clone, Copy, Default)]
pub struct RecordState {
    /// Inside a Go panic's or dump's stacks.
    in_trace: bool,
}

impl RecordState {
    /// A dated line ends whatever trace was being read.
    pub fn dated(&mut self) {
        self.in_trace = false;
    }
}

impl Format {
    /// The rule for an undated line. `dense`: most lines of the source carry
    /// a time, so undated ones are continuations (stack traces, pretty JSON).
    pub fn undated_start(&self, text: &[u8], dense: bool, st: &mut RecordState) -> Start {
        if *self == Format::GoDump {
            return if line::dump_opener(text) || line::profile_record(text).is_some() {
                Start::New(line::crash_opener(text))
            } else {
                Start::Continue
            };
        }
        if let Some(level) = line::crash_opener(text) {
            st.in_trace = true;
            return Start::New(Some(level));
        }
        if st.in_trace || line::header(text).is_some() {
            if is_trace_line(text) {
                st.in_trace = true;
                return Start::Continue;
            }
            st.in_trace = false;
        }
        if dense || looks_like_continuation(text) {
            Start::Continue
        } else {
            Start::New(None)
        }
    }
}

/// A line of a Go panic or goroutine dump after its first line.
pub fn is_trace_line(text: &[u8]) -> bool {
    let t = line::trim(text);
    t.is_empty()
        || line::header(text).is_some()
        || line::call(text).is_some()
        || line::location(text).is_some()
        || line::created_by(text).is_some()
        || t == b"...additional frames elided..."
        || t.starts_with(b"[signal ")
        || t.starts_with(b"panic: ")
        || t.starts_with(b"goroutine running on other thread")
}

/// Lines that continue the record above them in logs without timestamps:
/// indented lines, blank lines, and the lines that open or close a trace.
pub fn looks_like_continuation(line: &[u8]) -> bool {
    match line.first() {
        None => true,
        Some(b' ' | b'\t' | b'}' | b']' | b')') => true,
        _ => {
            const STARTS: [&[u8]; 6] = [
                b"Traceback (most recent call last)",
                b"Caused by: ",
                b"During handling of the above exception",
                b"The above exception was the direct cause",
                b"[stacktrace]",
                b"...",
            ];
            STARTS.iter().any(|s| line.starts_with(s))
        }
    }
}

/// Whether a sample reads as a goroutine dump: nearly every non-blank line
/// has a dump's shape, and a goroutine header or profile is among them.
pub fn looks_like_go_dump(lines: &[&[u8]]) -> Option<f32> {
    let opener = lines
        .iter()
        .any(|l| line::header(l).is_some() || l.starts_with(b"goroutine profile: total "));
    if !opener || lines.is_empty() {
        return None;
    }
    let shaped = lines
        .iter()
        .filter(|l| {
            is_trace_line(l)
                || line::dump_opener(l)
                || line::profile_record(l).is_some()
                || line::profile_frame(l).is_some()
                || l.starts_with(b"# labels: ")
        })
        .count();
    let share = shaped as f32 / lines.len() as f32;
    (share >= 0.8).then_some(share)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(format: &Format, dense: bool, text: &str) -> Vec<String> {
        let mut st = RecordState::default();
        let mut out: Vec<String> = Vec::new();
        for l in text.lines() {
            match format.undated_start(l.as_bytes(), dense, &mut st) {
                Start::New(_) => out.push(l.to_string()),
                Start::Continue => match out.last_mut() {
                    Some(r) => {
                        r.push('\n');
                        r.push_str(l);
                    }
                    None => out.push(l.to_string()),
                },
            }
        }
        out
    }

    const DUMP: &str = "panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n\t/a/main.go:3 +0x2\n\ngoroutine 2 [select]:\nmain.loop(0x1)\n\t/a/main.go:9 +0x1\ncreated by main.main in goroutine 1\n\t/a/main.go:2 +0x3\n";

    #[test]
    fn a_dump_is_one_record_per_goroutine() {
        let r = records(&Format::GoDump, true, DUMP);
        assert_eq!(r.len(), 3, "{r:?}");
        assert!(r[1].starts_with("goroutine 1 ") && r[2].starts_with("goroutine 2 "));
        assert!(r[2].ends_with("/a/main.go:2 +0x3"));
    }

    #[test]
    fn a_panic_in_a_sparse_log_keeps_its_stack() {
        let text = format!("starting\n{DUMP}next line of the log\n");
        let r = records(&Format::Plain, false, &text);
        assert_eq!(r.len(), 3, "{r:?}");
        assert!(r[1].starts_with("panic: boom") && r[1].contains("goroutine 2 [select]:"));
        assert_eq!(r[2], "next line of the log");
    }

    #[test]
    fn detection_needs_a_header_and_the_dump_shape() {
        let lines: Vec<&[u8]> = DUMP.lines().map(str::as_bytes).collect();
        assert!(looks_like_go_dump(&lines).is_some());
        let prose: Vec<&[u8]> = ["goroutine 1 [x]:", "hello", "world", "more"]
            .iter()
            .map(|s| s.as_bytes())
            .collect();
        assert!(looks_like_go_dump(&prose).is_none());
    }
}
