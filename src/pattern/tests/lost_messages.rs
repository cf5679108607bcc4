//! Templates that lost their message: a header rule that read a message's
//! words as header, so whole files mined as `<*>`. Corpus logs.

use super::*;

/// The corpus file `path` mined, which must be what the plain pipeline gives.
fn mined_as_plain(path: &str) -> SourcePatterns {
    let (_f, src) = source_of(&corpus(path), 0);
    let mined = mine_source(&src);
    assert_eq!(mined, plain(&src));
    mined
}

/// A W3C (IIS) access log's request, `GET /robots.txt - 80 - 157.55.39.146
/// Mozilla/5.0+(…) - 404 0 2 1405 242 283`, is its message: its method, path,
/// query, port and user were read as RFC 5424's host, app, procid, msgid and
/// structured data (`- 80 -` after the path), the rest as header, so 202 of
/// the 210 requests mined as `<*>`. The corpus's IIS log.
#[test]
fn a_w3c_request_is_not_read_as_an_rfc5424_header() {
    let mined = mined_as_plain("misc/lnav-logfile_w3c_big.0");
    let texts: Vec<&str> = mined.templates.iter().map(|t| t.text.as_str()).collect();
    assert!(texts.iter().all(|t| *t != "<*>"), "{texts:#?}");
    // Every request (the `#` directives apart) keeps its method.
    let requests: u64 = mined
        .templates
        .iter()
        .filter(|t| t.text.starts_with("GET "))
        .map(|t| t.count)
        .sum();
    assert_eq!(requests, 210, "{texts:#?}");
    // The requests without a query string (`-` after the path) are one
    // template, those with one another: the agents, which differ in their
    // words where both hold values, generalise as any two values do.
    assert_eq!(count_of(&mined, "GET <*> - <*> - <*> <*> - <*>"), Some(202));
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("GET <*> <*> <*> - <*> Mozilla/<*>(Macintosh;")),
        "{texts:#?}"
    );
}

/// A journal entry read as JSON (`-o json`, `-o json-seq`), `-o export` or
/// `-o verbose` is mined as its `-o short` line is: its `identifier[pid]:`
/// and what the program wrote before its message (Go's `2026/11/23
/// 14:08:39`, redis's `14304:M 23 Nov 2026 14:08:38.883 *`) are header. They
/// were mined as the text `journalctl` prints, so the tag and the program's
/// stamp stayed in every template (`panicdemo[<*>]: <*>/<*>/<*> <*> worker
/// <*> processing item …`). The corpus's journal, in each output.
#[test]
fn a_journal_entry_mines_as_its_short_line() {
    let short = mined_as_plain("journald/journalctl-short.txt");
    let mut want: Vec<(&str, u64)> = short
        .templates
        .iter()
        .map(|t| (t.text.as_str(), t.count))
        .collect();
    want.sort();
    assert!(
        want.contains(&("worker <*> processing item <*> of <*>", 6)),
        "{want:#?}"
    );
    for path in [
        "journald/journalctl.json",
        "journald/journalctl.json-seq",
        "journald/journalctl.export",
        "journald/journalctl-verbose.txt",
    ] {
        let mined = mined_as_plain(path);
        let mut got: Vec<(&str, u64)> = mined
            .templates
            .iter()
            .map(|t| (t.text.as_str(), t.count))
            .collect();
        got.sort();
        assert_eq!(got, want, "{path}");
    }
}

/// strace's `-f -tt -T` lines, `10002 1697048351.004158 close(5) = 0
/// <0.000007>`: the call is the message. A call whose arguments start with a
/// digit (`close(5)`, `futex(0x55b1f2e93210,`) was read as header, a token
/// holding a digit, as was what followed it while it held digits, so 21
/// calls mined as the empty template and others lost their name
/// (`FUTEX_WAIT_PRIVATE, <*>, NULL) = …`). The corpus's strace log.
#[test]
fn a_call_holding_a_digit_is_the_message() {
    let mined = mined_as_plain("misc/lnav-logfile_strace_log.1");
    let texts: Vec<&str> = mined.templates.iter().map(|t| t.text.as_str()).collect();
    assert!(texts.iter().all(|t| !t.is_empty()), "{texts:#?}");
    for want in [
        "futex(<*>, FUTEX_WAIT_PRIVATE, <*>, NULL) = <*> <<*>>",
        "setsockopt(<*>, SOL_SOCKET, SO_REUSEADDR, [<*>], <*>) = <*> <<*>>",
        "read(<*>, \"GET /index.html HTTP/<*>\\r\\nHost: \"..., <*>) = <*> <<*>>",
    ] {
        assert!(texts.contains(&want), "{want}: {texts:#?}");
    }
    // Each line's message (as mining reads it) starts with its call, or
    // with the marker `+++ exited with 0 +++` and `<... accept4 resumed>`
    // start with (`whole_templates` has their templates).
    let (_f, src) = source_of(&corpus("misc/lnav-logfile_strace_log.1"), 0);
    let mut calls = 0;
    for i in 0..src.index.len() {
        let line = src.first_line(i);
        let call = String::from_utf8_lossy(line)
            .split_whitespace()
            .nth(2)
            .map(str::to_owned)
            .unwrap_or_default();
        let mut buf = Vec::new();
        let msg =
            String::from_utf8_lossy(message_of(&src.detection.format, line, &mut buf)).into_owned();
        assert!(
            msg.starts_with(&call),
            "{msg:?} of {:?}",
            String::from_utf8_lossy(line)
        );
        calls += 1;
    }
    assert_eq!(calls, 66);
}
