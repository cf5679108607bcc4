//! Templates that kept too little of their lines: calls of one shape merged
//! whatever they called, marker words read as header, records whose
//! template was empty. Corpus logs.

use super::*;

/// The corpus file `path` mined, which must be what the plain pipeline gives.
fn mined(path: &str) -> (Source, SourcePatterns) {
    let (_f, src) = source_of(&corpus(path), 0);
    let mined = mine_source(&src);
    assert_eq!(mined, plain(&src));
    (src, mined)
}

/// strace's lines after the pid and the time are calls (`close(5) = 0`), and
/// the name called is the line's subject: `close(<*>)` and `fsync(<*>)` are
/// two templates, not `<*>(<*>)` (to the miner a token holding `<*>` was a
/// value, so any two calls of one shape joined). Its markers stay whole:
/// `+++ exited with 0 +++` was mined as `exited with <*> +++` and `<...
/// accept4 resumed> …` as `resumed> …` (a token of punctuation, then one
/// holding a digit, read as header), then as `<... accept<*> resumed> …`
/// beside the call's own `accept4(…)`. The corpus's strace log.
#[test]
fn each_call_and_marker_of_strace_keeps_its_own_template() {
    let (src, mined) = mined("misc/lnav-logfile_strace_log.1");
    let texts: Vec<&str> = mined.templates.iter().map(|t| t.text.as_str()).collect();
    for i in 0..src.index.len() {
        let line = String::from_utf8_lossy(src.first_line(i)).into_owned();
        let third = line.split_whitespace().nth(2).unwrap_or_default();
        // The called name, whole: `wait4(` and `accept4(`, and in a
        // marker, `<... accept4 resumed>`.
        let want = match third {
            "<..." => line
                .split_whitespace()
                .take(5)
                .skip(2)
                .collect::<Vec<_>>()
                .join(" "),
            _ => third.split('(').next().unwrap_or_default().to_string(),
        };
        let template = &mined.templates[mined.ids[i] as usize].text;
        assert!(
            template.starts_with(&want),
            "{line:?} mined as {template:?}: {texts:#?}"
        );
    }
    assert_eq!(
        count_of(&mined, "close(<*>) = <*> <<*>>"),
        Some(8),
        "{texts:#?}"
    );
    assert_eq!(
        count_of(&mined, "exit_group(<*>) = ?"),
        Some(4),
        "{texts:#?}"
    );
    assert_eq!(
        count_of(&mined, "+++ exited with <*> +++"),
        Some(5),
        "{texts:#?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("<... accept4 resumed> {sa_family=AF_INET,")),
        "{texts:#?}"
    );
}

/// A Laravel log's entries are a record each (its `"}` line, which closes
/// the JSON of the error above, and PHP's `Stack trace:` were records of
/// their own: the first mined as an empty template, read as header
/// punctuation). No template is empty or made of an entry's inner lines.
/// The corpus's Laravel log.
#[test]
fn no_template_is_empty() {
    let (_src, mined) = mined("misc/lnav-logfile_laravel.0");
    let texts: Vec<&str> = mined.templates.iter().map(|t| t.text.as_str()).collect();
    assert!(texts.iter().all(|t| !t.trim().is_empty()), "{texts:#?}");
    assert_eq!(mined.ids.len(), 82, "{texts:#?}");
    assert!(
        texts
            .iter()
            .all(|t| !t.starts_with("Stack trace:") && !t.starts_with("\"}")),
        "{texts:#?}"
    );
}

/// A record whose first line is blank (the blank lines a plain log starts
/// with) reads as `<blank>`, not as an empty template that shows as a blank
/// row; a line that is all header (`"} ` and its trailing space) as itself.
#[test]
fn a_blank_first_line_is_a_visible_template() {
    let (_f, src) = source_of(b"\n  \nstarting\n\"} \nready\n", 0);
    let mined = mine_source(&src);
    assert_eq!(mined, plain(&src));
    let texts: Vec<&str> = mined.templates.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(texts, ["<blank>", "starting", "\"}", "ready"]);
}

/// A dated line with nothing after its level (`… INFO ` or `… WARN` at the
/// line's end) has a blank message: it reads as `<blank>`, as a blank first
/// line does, not as its header (`<*> INFO`). A plain line that is a level
/// word alone is still its own text.
#[test]
fn a_level_with_nothing_after_it_is_a_blank_message() {
    let (_f, src) = source_of(
        b"2022-03-24 17:00:00 INFO starting\n2022-03-24 17:00:01 INFO \n\
          2022-03-24 17:00:02 WARN\n2022-03-24 17:00:03 [ERROR]\n\
          2022-03-24 17:00:04 INFO disk low\n",
        0,
    );
    let mined = mine_source(&src);
    assert_eq!(mined, plain(&src));
    let texts: Vec<&str> = mined.templates.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(texts, ["starting", "<blank>", "disk low"]);
    let (_f, src) = source_of(b"starting\nError\n", 0);
    let texts: Vec<String> = mine_source(&src)
        .templates
        .into_iter()
        .map(|t| t.text)
        .collect();
    assert_eq!(texts, ["starting", "Error"]);
}

/// So does a JSON line whose message is empty or missing and that has no
/// other field (it was an empty template, a blank row); with fields, its
/// text is its fields.
#[test]
fn a_json_line_without_a_message_is_a_blank_message() {
    let (_f, src) = source_of(
        br#"{"time":"2022-03-24T17:00:00Z","level":"info","msg":"starting"}
{"time":"2022-03-24T17:00:01Z","level":"info","msg":""}
{"time":"2022-03-24T17:00:02Z","level":"warn"}
{"time":"2022-03-24T17:00:03Z","level":"info","user":"bob"}
"#,
        0,
    );
    let mined = mine_source(&src);
    assert_eq!(mined, plain(&src));
    let texts: Vec<&str> = mined.templates.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(texts, ["starting", "<blank>", "user=bob"]);
}

/// The templates of the corpus file `path` with `extra` lines after its own,
/// and the template of each of those lines.
fn with_lines(path: &str, extra: &[&str]) -> (Vec<String>, Vec<String>) {
    let mut text = corpus(path);
    if !text.ends_with(b"\n") {
        text.push(b'\n');
    }
    for line in extra {
        text.extend_from_slice(line.as_bytes());
        text.push(b'\n');
    }
    let (_f, src) = source_of(&text, 0);
    let mined = mine_source(&src);
    assert_eq!(mined, plain(&src));
    let n = src.index.len();
    let of_extra = mined.ids[n - extra.len()..]
        .iter()
        .map(|&id| mined.templates[id as usize].text.clone())
        .collect();
    let texts = mined.templates.into_iter().map(|t| t.text).collect();
    (texts, of_extra)
}

/// A dated line that is all header, a program having written nothing after
/// it, has a blank message: it reads as `<blank>`, as a line that ends at
/// its level does, not as its header (`<*>/<*>/<*> <*>:<*>:<*>`, `Nov <*>
/// <*>:<*>:<*> vm sshd[<*>]:`). Real lines of the corpus, cut where such a
/// line ends: Go's `log.Println()` (its stamp alone), a syslog line at its
/// tag (with and without a pid), RFC 5424's at its fields, a level and a
/// logger's name alone (HDFS's `INFO dfs.DataNode$PacketResponder:`,
/// logcat's `D WindowManager:`).
#[test]
fn a_dated_line_that_is_all_header_is_a_blank_message() {
    let mut wrong = Vec::new();
    for (path, extra) in [
        (
            "go/stdlog-default.log",
            &["2026/11/23 14:05:11", "2026/11/23 14:05:12 "][..],
        ),
        (
            "syslog-rfc3164/rsyslog-traditional.log",
            &[
                "Nov 23 15:03:31 vm sshd[10092]:",
                "Nov 23 15:03:29 vm rsyslogd:",
            ],
        ),
        (
            "syslog-rfc5424/rsyslog-protocol23.log",
            &["<38>1 2026-11-23T15:03:31.612726+01:00 vm sshd 10092 - -"],
        ),
        (
            "loghub/HDFS_2k.log",
            &["081109 203615 148 INFO dfs.DataNode$PacketResponder:"],
        ),
        (
            "loghub/Android_2k.log",
            &["03-17 16:13:38.811  1702  2395 D WindowManager:"],
        ),
    ] {
        let (texts, of_extra) = with_lines(path, extra);
        if !of_extra.iter().all(|t| t == "<blank>") {
            wrong.push((path, of_extra, texts.len()));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// A line that is all header but holds no date, time or level is its own
/// text: a lone `"}` (punctuation), a lone number.
#[test]
fn an_undated_line_that_is_all_header_is_its_own_text() {
    let (_f, src) = source_of(b"starting\n\"}\n42\n", 0);
    let mined = mine_source(&src);
    assert_eq!(mined, plain(&src));
    let texts: Vec<&str> = mined.templates.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(texts, ["starting", "\"}", "<*>"]);
}

/// But a dated line that `message` read as all header though it ends at a
/// value, not at a header field, keeps its text: VDSM's `… ::(wrapper)
/// [10.35.16.71]` (an address) and VAMI's `…:com.root:Response :` are not
/// blank. The corpus's lines.
#[test]
fn a_dated_line_ending_at_a_value_is_not_blank() {
    for (path, want) in [
        (
            "python/lnav-logfile_vdsm.0",
            "Thread-<*>::DEBUG::<*> <*>:<*>:<*>,<*>::clientIF::<*>::Storage.Dispatcher.Protect::(wrapper) [<*>]",
        ),
        (
            "misc/lnav-logfile_invalid_utf8.0",
            "<*>T<*>:<*>:<*>:INFO:com.root:Response :",
        ),
    ] {
        let (_f, src) = source_of(&corpus(path), 0);
        let mined = mine_source(&src);
        assert_eq!(mined, plain(&src));
        assert_eq!(
            count_of(&mined, want),
            Some(1),
            "{path}: {:#?}",
            mined.templates
        );
    }
}
