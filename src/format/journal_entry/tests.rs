//! Entries the corpus does not hold, written by hand after journalctl's
//! source and systemd.io's export format (no journald runs here to write
//! them): binary and multi-line values, blobs verbose does not print, cut
//! entries, entries without a message or a time.

use super::*;

/// An export binary field: its name, a little-endian u64 length, the bytes.
fn binary(name: &str, value: &[u8]) -> Vec<u8> {
    let mut out = format!("{name}\n").into_bytes();
    out.extend_from_slice(&(value.len() as u64).to_le_bytes());
    out.extend_from_slice(value);
    out.push(b'\n');
    out
}

/// A MESSAGE of 10 bytes (its length's first byte is a newline) holding a
/// blank-looking line and a byte that is not UTF-8.
const ODD: &[u8] = b"one\n\n\xfftwo!";

fn export_entry(message: &[u8]) -> Vec<u8> {
    let mut e = b"__CURSOR=s=1;i=1;b=1;m=1;t=660f22164fabd;x=1\n\
__REALTIME_TIMESTAMP=1795442918881981\n\
PRIORITY=3\n\
_PID=7\n\
SYSLOG_IDENTIFIER=app\n"
        .to_vec();
    e.extend(binary("MESSAGE", message));
    e.extend_from_slice(b"CODE_FILE=x.go\n\n");
    e
}

#[test]
fn an_export_binary_message_is_its_bytes_and_its_length_bounds_it() {
    assert_eq!(ODD.len(), 10, "the length's first byte is b'\\n'");
    let mut record = export_entry(ODD);
    let second = record.len();
    record.extend(export_entry(b"plain"));
    // The first entry ends at its blank line, not at the value's.
    let (end, next) = first_entry(false, &record);
    assert_eq!(next, second);
    assert_eq!(record[end], b'\n');
    let entry = &record[..end];
    let f = fields(false, entry);
    let message = f.iter().find(|(n, _)| *n == b"MESSAGE").expect("MESSAGE");
    assert_eq!(message.1.as_ref(), ODD);
    assert_eq!(
        text(false, entry),
        "app[7]: one\n\n\u{fffd}two!  CODE_FILE=x.go"
    );
    // The next entry's message, as a trace's line under the first would read.
    let rest = &record[next..];
    assert_eq!(messages(false, rest), vec![Cow::Borrowed(&b"plain"[..])]);
}

/// The indexer's side of the same: the lines the value spans are skipped
/// by its length, whatever they look like.
#[test]
fn the_record_rule_skips_a_binary_value_by_its_length() {
    let entry = export_entry(ODD);
    let f = super::super::Format::JournalExport;
    let mut st = RecordState::default();
    let mut starts = 0;
    let mut at = 0;
    while at < entry.len() {
        let nl = memchr::memchr(b'\n', &entry[at..]).map_or(entry.len(), |k| at + k);
        let line = &entry[at..nl];
        if st.in_binary((nl + 1 - at) as u64) {
            at = nl + 1;
            continue;
        }
        let dated = f.parse(line).stamp.is_some();
        if matches!(f.entry_start(line, dated, &mut st), Start::New(_)) {
            starts += 1;
        }
        st.export_binary(line, &entry[(nl + 1).min(entry.len())..]);
        at = nl + 1;
    }
    assert_eq!(starts, 1, "one record");
    assert_eq!(
        st,
        RecordState::default(),
        "the entry ended at its blank line"
    );
}

#[test]
fn a_verbose_multi_line_value_and_a_blob_read_as_written() {
    let entry = b"Mon 2026-11-23 14:08:38.881981 UTC [s=1;i=1;b=1;m=1;t=660f22164fabd;x=1]\n    PRIORITY=4\n    SYSLOG_IDENTIFIER=app\n    _PID=7\n    MESSAGE=first line\n            second line\n              indented third\n    DATA=[12B blob data]\n";
    let t = text(true, entry);
    assert_eq!(
        t,
        "app[7]: first line\nsecond line\n  indented third  DATA=\"[12B blob data]\""
    );
    assert_eq!(first_entry(true, entry).0, entry.len());
    // A binary MESSAGE verbose did not print says so, as journalctl did.
    let blob = b"Mon 2026-11-23 14:08:38.881981 UTC [s=1;t=660f22164fabd]\n    _PID=7\n    MESSAGE=[1.2K blob data]\n";
    assert_eq!(text(true, blob), "[1.2K blob data]");
}

#[test]
fn verbose_is_dated_by_the_cursor_then_by_its_header() {
    let utc = |s: &str| {
        chrono::DateTime::parse_from_rfc3339(s)
            .expect("rfc3339")
            .timestamp_nanos_opt()
            .expect("in range")
    };
    // The header's local time in an abbreviation that names two zones
    // (IST) gives way to the cursor's exact instant.
    let line = b"Mon 2026-11-23 19:38:38.881981 IST [s=1;i=47;b=1;m=21bdc747e;t=660f22164fabd;x=1]";
    assert_eq!(
        parse_verbose(line).stamp,
        Some(Stamp::Utc(utc("2026-11-23T14:08:38.881981Z")))
    );
    // Without `t=`: the header.
    let line = b"Mon 2026-11-23 14:08:38.881981 UTC [s=1;i=47;b=1]";
    assert_eq!(
        parse_verbose(line).stamp,
        Some(Stamp::Utc(utc("2026-11-23T14:08:38.881981Z")))
    );
    assert_eq!(
        parse_verbose(b"    MESSAGE=2026-11-23 14:08:38 x").stamp,
        None
    );
    assert_eq!(
        parse_export(b"__REALTIME_TIMESTAMP=1795442918881981").stamp,
        Some(Stamp::Utc(utc("2026-11-23T14:08:38.881981Z")))
    );
    assert_eq!(parse_export(b"__REALTIME_TIMESTAMP=x").stamp, None);
    assert_eq!(parse_export(b"MESSAGE=__REALTIME_TIMESTAMP=1").stamp, None);
}

/// A file cut in its last entry: in a binary value's length or bytes, in
/// a verbose header. What is there is read; nothing panics.
#[test]
fn a_cut_last_entry_reads_what_is_there() {
    let whole = export_entry(ODD);
    for cut in 1..whole.len() {
        let part = &whole[..cut];
        let (end, next) = first_entry(false, part);
        assert!(end <= part.len() && next <= part.len(), "cut at {cut}");
        let _ = text(false, &part[..end]);
        let _ = messages(false, part);
    }
    let at = whole.len() - b"CODE_FILE=x.go\n\n".len() - 4;
    let f = fields(false, &whole[..at]);
    let (_, message) = f.last().expect("a field");
    assert_eq!(
        message.as_ref(),
        &ODD[..ODD.len() - 3],
        "the bytes that are there"
    );
    // Its cursor cut inside `t=`: the header's own time, not the digits left.
    let cut = b"Mon 2026-11-23 14:08:38.881981 UTC [s=1;i=47;t=660f2";
    let header = parse_verbose(b"Mon 2026-11-23 14:08:38.881981 UTC").stamp;
    assert!(header.is_some());
    assert_eq!(parse_verbose(cut).stamp, header);
    assert_eq!(text(true, cut), "");
}

#[test]
fn an_entry_without_a_message_or_an_identifier() {
    let entry = b"__REALTIME_TIMESTAMP=1795442918881981\n_PID=7\nSYSLOG_IDENTIFIER=app\n";
    assert_eq!(text(false, entry), "app[7]: ");
    let entry = b"__REALTIME_TIMESTAMP=1795442918881981\nMESSAGE=hi\n";
    assert_eq!(text(false, entry), "hi");
    assert_eq!(message(false, b"_PID=1\n").as_ref(), b"");
}

#[test]
fn detection_wants_the_shape_throughout() {
    let verbose: Vec<&[u8]> = vec![
        b"Mon 2026-11-23 14:08:38.881981 UTC [s=1;i=47;b=1;m=1;t=660f22164fabd;x=1]",
        b"    PRIORITY=6",
        b"    MESSAGE=hi",
    ];
    assert!(matches!(
        detect(&verbose),
        Some((super::super::Format::JournalVerbose, _))
    ));
    let export: Vec<&[u8]> = vec![
        b"__CURSOR=s=1;t=660f22164fabd",
        b"__REALTIME_TIMESTAMP=1795442918881981",
        b"MESSAGE=hi",
    ];
    assert!(matches!(
        detect(&export),
        Some((super::super::Format::JournalExport, _))
    ));
    // A log line that quotes a cursor, among others that do not.
    let prose: Vec<&[u8]> = vec![
        b"Mon 2026-11-23 14:08:38 UTC resumed at [s=1;t=660f22164fabd]",
        b"Mon 2026-11-23 14:08:39 UTC next",
    ];
    assert_eq!(detect(&prose), None);
}
