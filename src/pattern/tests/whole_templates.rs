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
/// holding a digit, read as header). The corpus's strace log.
#[test]
fn each_call_and_marker_of_strace_keeps_its_own_template() {
    let (src, mined) = mined("misc/lnav-logfile_strace_log.1");
    let texts: Vec<&str> = mined.templates.iter().map(|t| t.text.as_str()).collect();
    for i in 0..src.index.len() {
        let line = String::from_utf8_lossy(src.first_line(i)).into_owned();
        let third = line.split_whitespace().nth(2).unwrap_or_default();
        // The called name as masking writes it (`wait4` is `wait<*>`).
        let name = third.split('(').next().unwrap_or_default();
        let want = name.replace(|c: char| c.is_ascii_digit(), "<*>");
        let want = want.replace("<*><*>", "<*>");
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
            .any(|t| t.starts_with("<... accept<*> resumed> {sa_family=AF_INET,")),
        "{texts:#?}"
    );
}

/// A Laravel log's `"}` line, which closes the JSON of the error record
/// before it, is a record of its own: its template was empty (`"}` read as
/// header punctuation), and the 82 such records showed as a blank row. A
/// line that is all header is its own template. The corpus's Laravel log.
#[test]
fn no_template_is_empty() {
    let (_src, mined) = mined("misc/lnav-logfile_laravel.0");
    let texts: Vec<&str> = mined.templates.iter().map(|t| t.text.as_str()).collect();
    assert!(texts.iter().all(|t| !t.trim().is_empty()), "{texts:#?}");
    assert_eq!(count_of(&mined, "\"}"), Some(82), "{texts:#?}");
}
