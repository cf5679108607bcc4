//! One save at a time per case file, across processes: an advisory lock on a
//! sidecar file (`.NAME.lock`). The case file itself cannot carry the lock,
//! because every save renames a new file over it. flock(2): released by the
//! kernel when the process dies, however it dies.

use std::fs::{File, OpenOptions};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::time::{Duration, Instant};

use rustix::fs::{FlockOperation, flock};
use rustix::io::Errno;

use super::{CaseError, Result};

/// Held while a process reads, merges and writes the case file; released on drop.
#[derive(Debug)]
pub struct CaseLock {
    _file: File,
}

/// How long to wait for another process's save before giving up with a message.
pub const WAIT: Duration = Duration::from_secs(5);

pub fn lock(path: &Path, wait: Duration) -> Result<CaseLock> {
    let name = path
        .file_name()
        .map_or_else(|| "case".into(), |n| n.to_string_lossy());
    let lock_path = super::file::parent(path).join(format!(".{name}.lock"));
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .mode(0o600)
        .open(&lock_path)
        // Said of the case file: its lock is casefile's own business.
        .map_err(|e| CaseError::Write {
            path: path.into(),
            cause: e,
        })?;
    let start = Instant::now();
    loop {
        match flock(&file, FlockOperation::NonBlockingLockExclusive) {
            Ok(()) => return Ok(CaseLock { _file: file }),
            Err(Errno::WOULDBLOCK) if start.elapsed() < wait => {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(Errno::WOULDBLOCK) => {
                return Err(CaseError::Busy {
                    path: path.into(),
                    secs: wait.as_secs(),
                });
            }
            Err(e) => {
                return Err(CaseError::Write {
                    path: path.into(),
                    cause: e.into(),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_waits_then_is_told_who_blocks() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("x.casefile.json");
        let held = lock(&p, WAIT).expect("first");
        let e = lock(&p, Duration::from_millis(30)).expect_err("busy");
        assert!(e.to_string().contains("another casefile process"), "{e}");
        drop(held);
        lock(&p, Duration::from_millis(30)).expect("free again");
    }
}
