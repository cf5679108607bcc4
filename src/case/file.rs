//! Reading and writing a case file on disk. A write never damages the file
//! that is there: the new content goes to a temporary file in the same
//! directory (mode 0600: incident notes hold secrets), is fsynced, renamed over
//! the old one, and the directory is fsynced so the rename itself survives a
//! crash. A file that cannot be read as a case file is reported, never replaced.

use std::fs::File;
use std::io::Write;
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
    let m = std::fs::metadata(path).ok()?;
    Some(Stamp {
        dev: m.dev(),
        ino: m.ino(),
        len: m.len(),
        mtime_ns: m.mtime() * 1_000_000_000 + m.mtime_nsec(),
    })
}

/// Reads the case file at `path`; None when it does not exist yet.
pub fn read(path: &Path) -> Result<Option<(CaseFile, Stamp)>> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(CaseError::Read {
                path: path.into(),
                source: e,
            });
        }
    };
    let case = parse(path, &bytes)?;
    let st = stamp(path).ok_or_else(|| CaseError::Read {
        path: path.into(),
        source: std::io::Error::other("the file vanished while being read"),
    })?;
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

/// The case file as written: pretty JSON with a final newline.
pub fn to_bytes(case: &CaseFile) -> Vec<u8> {
    let mut b = serde_json::to_vec_pretty(case).unwrap_or_default();
    b.push(b'\n');
    b
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
        source: e,
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

    #[test]
    fn a_new_file_is_private_and_reads_back() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("x.casefile.json");
        let mut case = CaseFile::default();
        case.title = Some("kiosk goes blank".into());
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
        let mut bigger = CaseFile::default();
        bigger.title = Some("y".repeat(10_000));
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
