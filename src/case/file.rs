//! Reading and writing a case file on disk. A write never damages the file
//! that is there: the new content goes to a temporary file in the same
//! directory (mode 0600: incident notes hold secrets), is fsynced, renamed over
//! the old one, and the directory is fsynced so the rename itself survives a
//! crash. A file that cannot be read as a case file is reported, never replaced.

use std::fs::File;
use std::io::{Read, Write};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use super::model::CaseFile;
use super::{CaseError, Result, VERSION};

/// Which version of the file is on disk: every save renames a new inode into place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    dev: u64,
    ino: u64,
    len: u64,
    mtime_ns: i64,
}

/// The stamp of the file at `path`, None when there is none.
pub fn stamp(path: &Path) -> Option<Stamp> {
    std::fs::metadata(path).ok().map(|m| stamp_of(&m))
}

fn stamp_of(m: &std::fs::Metadata) -> Stamp {
    Stamp {
        dev: m.dev(),
        ino: m.ino(),
        len: m.len(),
        mtime_ns: m.mtime() * 1_000_000_000 + m.mtime_nsec(),
    }
}

/// Reads the case file at `path`; None when it does not exist yet.
pub fn read(path: &Path) -> Result<Option<(CaseFile, Stamp)>> {
    read_then(path, || {})
}

/// `read`, running `between` after the bytes are read and before they are
/// stamped: tests put another process's save there.
pub fn read_then(path: &Path, between: impl FnOnce()) -> Result<Option<(CaseFile, Stamp)>> {
    let read_err = |e: std::io::Error| CaseError::Read {
        path: path.into(),
        cause: e,
    };
    let mut f = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(read_err(e)),
    };
    let mut bytes = Vec::new();
    f.read_to_end(&mut bytes).map_err(read_err)?;
    between();
    // The open file, not the path: a save renamed in since is another inode.
    let st = stamp_of(&f.metadata().map_err(read_err)?);
    let case = parse(path, &bytes)?;
    Ok(Some((case, st)))
}

/// Parses case file bytes, telling a damaged file from one of a newer version.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<CaseFile> {
    #[derive(serde::Deserialize)]
    struct VersionOnly {
        version: u64,
    }
    let damaged = |why: String| CaseError::Damaged {
        path: path.into(),
        why,
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(damaged("it is empty".into()));
    }
    match serde_json::from_slice::<CaseFile>(bytes) {
        Ok(c) if u64::from(c.version) > u64::from(VERSION) => Err(CaseError::Newer {
            path: path.into(),
            found: c.version.into(),
        }),
        Ok(c) => Ok(c),
        Err(e) => match serde_json::from_slice::<VersionOnly>(bytes) {
            // A newer format may change fields this build cannot read: say so, not "damaged".
            Ok(v) if v.version > u64::from(VERSION) => Err(CaseError::Newer {
                path: path.into(),
                found: v.version,
            }),
            _ => Err(damaged(e.to_string())),
        },
    }
}

/// The case file as written: indented JSON, except that each note and
/// bookmark takes one line — half the bytes of fully indented JSON (less to
/// fsync on every save), and a diff of two versions shows one line per change.
pub fn to_bytes(case: &CaseFile) -> Vec<u8> {
    let mut b = Vec::with_capacity(256 + case.notes.len() * 512);
    // Serializing plain data into a Vec cannot fail; `let _` keeps that visible.
    let _ = write_case(&mut b, case);
    b
}

fn write_case(b: &mut Vec<u8>, case: &CaseFile) -> serde_json::Result<()> {
    use std::io::Write as _;
    let io = serde_json::Error::io;
    write!(
        b,
        "{{\n  \"version\": {},\n  \"rev\": {}",
        case.version, case.rev
    )
    .map_err(io)?;
    if let Some(t) = &case.title {
        b.extend_from_slice(b",\n  \"title\": ");
        serde_json::to_writer(&mut *b, t)?;
    }
    b.extend_from_slice(b",\n  \"sources\": ");
    // Indented one level deeper than serde_json's pretty printer starts.
    let sources = serde_json::to_string_pretty(&case.sources)?;
    b.extend_from_slice(sources.replace('\n', "\n  ").as_bytes());
    lines(b, "notes", &case.notes)?;
    lines(b, "bookmarks", &case.bookmarks)?;
    if !case.filters.is_empty() {
        b.extend_from_slice(b",\n  \"filters\": ");
        serde_json::to_writer(&mut *b, &case.filters)?;
    }
    if let Some(c) = &case.cursor {
        b.extend_from_slice(b",\n  \"cursor\": ");
        serde_json::to_writer(&mut *b, c)?;
    }
    b.extend_from_slice(b"\n}\n");
    Ok(())
}

/// `"key": [` then one compact JSON value per line.
fn lines<T: serde::Serialize>(b: &mut Vec<u8>, key: &str, items: &[T]) -> serde_json::Result<()> {
    b.extend_from_slice(format!(",\n  \"{key}\": [").as_bytes());
    for (k, item) in items.iter().enumerate() {
        b.extend_from_slice(if k == 0 { b"\n    " } else { b",\n    " });
        serde_json::to_writer(&mut *b, item)?;
    }
    b.extend_from_slice(if items.is_empty() { b"]" } else { b"\n  ]" });
    Ok(())
}

/// Writes `bytes` to `path` atomically and durably (see the module comment).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<Stamp> {
    write_atomic_with(path, bytes, |f, b| f.write_all(b))
}

/// `write_atomic` with the write itself supplied: tests inject a full disk here.
pub fn write_atomic_with(
    path: &Path,
    bytes: &[u8],
    write: impl FnOnce(&mut File, &[u8]) -> std::io::Result<()>,
) -> Result<Stamp> {
    let err = |e: std::io::Error| CaseError::Write {
        path: path.into(),
        cause: e,
    };
    let dir = parent(path);
    let mut tmp = tempfile::Builder::new()
        .prefix(&temp_prefix(path))
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(err)?;
    write(tmp.as_file_mut(), bytes).map_err(err)?;
    tmp.as_file().sync_all().map_err(err)?;
    tmp.persist(path).map_err(|e| err(e.error))?;
    File::open(&dir).and_then(|d| d.sync_all()).map_err(err)?;
    stamp(path).ok_or_else(|| err(std::io::Error::other("the file vanished after saving")))
}

/// Temporary files left by a process killed mid-save. Only called with the
/// case file's lock held, when no other save can be writing one.
pub fn remove_stale_temps(path: &Path) {
    let prefix = temp_prefix(path);
    let Ok(entries) = std::fs::read_dir(parent(path)) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(&prefix) && name.ends_with(".tmp") {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

fn temp_prefix(path: &Path) -> String {
    format!(
        ".{}.",
        path.file_name()
            .map_or_else(|| "case".into(), |n| n.to_string_lossy())
    )
}

pub(crate) fn parent(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    /// Another process can rename its save over the file between our reading
    /// the bytes and stamping them. The stamp must be the version read: a
    /// later save compares it with the disk, and taking old content for the
    /// current version dropped the other process's notes (seen in
    /// `concurrent_note_adds_keep_every_note`, about 1 run in 60 under load).
    #[test]
    fn the_stamp_read_is_the_stamp_of_the_bytes_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("x.casefile.json");
        let titled = |t: &str| CaseFile {
            title: Some(t.into()),
            ..CaseFile::default()
        };
        write_atomic(&p, &to_bytes(&titled("old"))).expect("write old");
        let (case, st) = read_then(&p, || {
            write_atomic(&p, &to_bytes(&titled("new"))).expect("write new");
        })
        .expect("read")
        .expect("exists");
        assert_eq!(case.title.as_deref(), Some("old"));
        assert_ne!(
            Some(st),
            stamp(&p),
            "the stamp must name the version read, not the one renamed in since"
        );
    }

    #[test]
    fn a_new_file_is_private_and_reads_back() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("x.casefile.json");
        let case = CaseFile {
            title: Some("kiosk goes blank".into()),
            ..CaseFile::default()
        };
        write_atomic(&p, &to_bytes(&case)).expect("write");
        let mode = std::fs::metadata(&p).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let (back, _) = read(&p).expect("read").expect("exists");
        assert_eq!(back, case);
        let left: Vec<_> = std::fs::read_dir(dir.path()).expect("ls").collect();
        assert_eq!(left.len(), 1, "no temporary file left behind");
    }

    #[test]
    fn a_failed_write_keeps_the_previous_file_and_says_so() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("x.casefile.json");
        let old = to_bytes(&CaseFile::default());
        write_atomic(&p, &old).expect("write");
        let bigger = CaseFile {
            title: Some("y".repeat(10_000)),
            ..CaseFile::default()
        };
        // The disk fills up half way through the write.
        let e = write_atomic_with(&p, &to_bytes(&bigger), |f, b| {
            f.write_all(&b[..b.len() / 2])?;
            Err(std::io::Error::from_raw_os_error(28))
        })
        .expect_err("must fail");
        let msg = e.to_string();
        assert!(msg.contains("No space left on device"), "{msg}");
        assert!(msg.contains("previous version is intact"), "{msg}");
        assert_eq!(std::fs::read(&p).expect("read"), old);
        let left: Vec<_> = std::fs::read_dir(dir.path()).expect("ls").collect();
        assert_eq!(left.len(), 1, "the temporary file is removed");
    }

    #[test]
    fn every_field_reads_back_and_each_note_is_one_line() {
        use crate::case::model::{Bookmark, Cursor, FilterEntry, Note};
        let anchor = crate::case::Anchor {
            source: "kern".into(),
            time: Some(7),
            hash: 0xfeed,
            offset: 12,
            nth: 1,
            line: "a \"quoted\" line\twith tab".into(),
        };
        let case = CaseFile {
            version: VERSION,
            rev: 4,
            title: Some("t".into()),
            sources: vec![crate::case::SourceEntry {
                name: "kern".into(),
                files: vec!["/var/log/kern.log".into()],
                rotated: true,
                command: None,
                stdin: false,
                tz: Some("UTC".into()),
                offset: -5,
                format: None,
                boot: Some(3),
                time: Some(7),
                date: Some("2026-11-20".into()),
                offset_marks: Some([anchor.clone(), anchor.clone()]),
            }],
            notes: vec![
                Note {
                    id: "a".into(),
                    at: Some(1),
                    until: Some(2),
                    source: Some("kern".into()),
                    anchor: Some(anchor.clone()),
                    tags: vec!["cause".into()],
                    text: "two\nlines".into(),
                    created: 9,
                    about: None,
                };
                2
            ],
            bookmarks: vec![Bookmark {
                id: "b".into(),
                anchor: anchor.clone(),
            }],
            filters: vec![FilterEntry {
                source: None,
                kind: "out".into(),
                value: "frame \\d+".into(),
            }],
            cursor: Some(Cursor {
                at: 5,
                focus: Some("kern".into()),
                anchor: Some(anchor),
            }),
        };
        let bytes = to_bytes(&case);
        assert_eq!(parse(Path::new("x"), &bytes).expect("parses"), case);
        let text = String::from_utf8(bytes).expect("utf-8");
        let note_lines = text.lines().filter(|l| l.contains("\"created\"")).count();
        assert_eq!(note_lines, 2, "{text}");
        let empty = to_bytes(&CaseFile::default());
        assert_eq!(
            parse(Path::new("x"), &empty).expect("parses"),
            CaseFile::default()
        );
    }

    #[test]
    fn damaged_empty_and_newer_files_get_their_own_errors() {
        let p = Path::new("c.casefile.json");
        let e = parse(p, b"{\"version\": 1, \"notes\": [").expect_err("damaged");
        assert!(matches!(e, CaseError::Damaged { .. }), "{e}");
        assert!(e.to_string().contains("will not overwrite"), "{e}");
        let e = parse(p, b"").expect_err("empty");
        assert!(e.to_string().contains("it is empty"), "{e}");
        let e = parse(p, b"{\"version\": 7, \"notes\": \"a new shape\"}").expect_err("newer");
        assert!(matches!(e, CaseError::Newer { found: 7, .. }), "{e}");
        assert!(e.to_string().contains("upgrade casefile"), "{e}");
        let e = parse(p, b"{\"version\": 2}").expect_err("newer");
        assert!(matches!(e, CaseError::Newer { found: 2, .. }), "{e}");
        let e = parse(p, b"{\"notes\": []}").expect_err("not a case file");
        assert!(e.to_string().contains("missing field `version`"), "{e}");
    }
}
