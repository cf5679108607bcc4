//! The case file's write-ahead journal (`.NAME.journal` beside it): each save
//! appends its changes as one JSON line (an array) and fsyncs it, which takes a few
//! milliseconds however many notes the case holds; a compaction later folds
//! the journal into the case file with an atomic rewrite and empties it.
//! Replaying is idempotent (changes put or delete by id), so a crash between
//! the rewrite and the emptying replays changes the file already holds, which
//! changes nothing.

use std::fs::{File, OpenOptions};
use std::io::{Seek, SeekFrom, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use super::store::Change;
use super::{CaseError, Result};

pub fn path_for(case: &Path) -> PathBuf {
    let name = case
        .file_name()
        .map_or_else(|| "case".into(), |n| n.to_string_lossy());
    super::file::parent(case).join(format!(".{name}.journal"))
}

/// The journal's size on disk (0 when there is none).
pub fn len(case: &Path) -> u64 {
    std::fs::metadata(path_for(case)).map_or(0, |m| m.len())
}

/// The saves in the journal (each a list of changes) and the length of its complete lines. A last
/// line without its newline was cut short by a crash: it was never confirmed
/// and is ignored (the next append cuts it off). Any other bad line is damage.
pub fn read(case: &Path) -> Result<(Vec<Vec<Change>>, u64)> {
    let path = path_for(case);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((Vec::new(), 0)),
        Err(e) => return Err(CaseError::Read { path, cause: e }),
    };
    let complete = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let mut changes = Vec::new();
    for (n, line) in bytes[..complete].split(|&b| b == b'\n').enumerate() {
        if line.is_empty() {
            continue;
        }
        let c = serde_json::from_slice(line).map_err(|e| CaseError::Damaged {
            path: path.clone(),
            why: format!("journal line {}: {e}", n + 1),
        })?;
        changes.push(c);
    }
    Ok((changes, complete as u64))
}

/// Appends `changes` after the first `valid` bytes (cutting a torn tail) and
/// makes them durable. Returns the journal's new length. On failure the
/// journal is cut back to `valid`, so a half-written line never stays.
pub fn append(case: &Path, changes: &[Change], valid: u64) -> Result<u64> {
    let path = path_for(case);
    let err = |e: std::io::Error| CaseError::Write {
        path: case.into(),
        cause: e,
    };
    let mut lines = Vec::with_capacity(changes.len() * 512);
    serde_json::to_writer(&mut lines, changes).map_err(|e| err(e.into()))?;
    lines.push(b'\n');
    let created = !path.exists();
    let mut f = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .mode(0o600)
        .open(&path)
        .map_err(err)?;
    let write = |f: &mut File| -> std::io::Result<()> {
        f.set_len(valid)?;
        f.seek(SeekFrom::Start(valid))?;
        f.write_all(&lines)?;
        f.sync_data()
    };
    if let Err(e) = write(&mut f) {
        let _ = f.set_len(valid);
        return Err(err(e));
    }
    if created {
        // The new journal's name must survive a crash too.
        File::open(super::file::parent(case))
            .and_then(|d| d.sync_all())
            .map_err(err)?;
    }
    Ok(valid + lines.len() as u64)
}

/// Empties the journal once the case file holds everything in it.
pub fn clear(case: &Path) -> Result<()> {
    let path = path_for(case);
    match OpenOptions::new().write(true).open(&path) {
        Ok(f) => f.set_len(0).and_then(|_| f.sync_data()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
    .map_err(|e| CaseError::Write {
        path: case.into(),
        cause: e,
    })
}
