//! Expanding a directory into its log files, and a file into its rotated
//! siblings (`app.log.2.gz`, `app.log.1`, `app.log`), oldest first.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Rotation suffixes: `.1`, `.2.gz`, `.3.zst`, `-20220324`, `-20220324.gz`.
pub fn rotation_of(name: &str, base: &str) -> Option<u64> {
    let rest = name.strip_prefix(base)?;
    let rest = rest
        .strip_suffix(".gz")
        .or_else(|| rest.strip_suffix(".zst"))
        .unwrap_or(rest);
    let digits = rest.strip_prefix('.').or_else(|| rest.strip_prefix('-'))?;
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let n: u64 = digits.parse().ok()?;
    // Date suffixes grow with time, numeric ones with age: order both oldest first.
    Some(if digits.len() >= 8 {
        u64::MAX / 2 - (n % (u64::MAX / 4))
    } else {
        n
    })
}

/// The file and its rotated siblings, oldest first, the live file last.
pub fn with_rotated(path: &Path) -> Vec<PathBuf> {
    let (Some(dir), Some(base)) = (path.parent(), path.file_name().and_then(|f| f.to_str())) else {
        return vec![path.to_path_buf()];
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let mut rotated: Vec<(u64, PathBuf)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            rotation_of(&name, base).map(|k| (k, e.path()))
        })
        .collect();
    rotated.sort_by_key(|r| std::cmp::Reverse(r.0));
    let mut out: Vec<PathBuf> = rotated.into_iter().map(|(_, p)| p).collect();
    out.push(path.to_path_buf());
    out
}

/// Refuses a rotated sibling that is not a regular file: a directory named
/// like one, or a FIFO, which would block whoever opens it.
pub fn check_sibling(path: &Path) -> Result<()> {
    let meta = std::fs::metadata(path).map_err(|e| Error::open(path, e))?;
    let kind = meta.file_type();
    let what = if kind.is_file() {
        return Ok(());
    } else if kind.is_dir() {
        "a directory"
    } else {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            "a FIFO"
        } else if kind.is_socket() {
            "a socket"
        } else {
            "a device"
        }
    };
    Err(Error::Invalid {
        name: path.display().to_string(),
        message: format!("{what}, not a regular file"),
    })
}

/// Whether a file name looks rotated (`x.log.1`, `x.2.gz`, `x-20220324`).
pub fn looks_rotated(name: &str) -> bool {
    let n = name
        .strip_suffix(".gz")
        .or_else(|| name.strip_suffix(".zst"))
        .unwrap_or(name);
    n.rsplit_once(['.', '-']).is_some_and(|(head, tail)| {
        !head.is_empty() && !tail.is_empty() && tail.chars().all(|c| c.is_ascii_digit())
    })
}

/// The log files of a directory: regular, non-hidden files, sorted by name.
/// Rotated files are left out unless `rotated` is set, in which case each live
/// file comes with its rotated siblings as one source.
pub fn dir_sources(dir: &Path, rotated: bool) -> Result<Vec<Vec<PathBuf>>> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::open(dir, e))?;
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| {
            e.file_type().is_ok_and(|t| t.is_file() || t.is_symlink()) && e.path().is_file()
        })
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|f| f.to_str())
                .is_some_and(|n| !n.starts_with('.'))
        })
        .collect();
    files.sort();
    let (live, old): (Vec<_>, Vec<_>) = files
        .into_iter()
        .partition(|p| !looks_rotated(p.file_name().and_then(|f| f.to_str()).unwrap_or("")));
    let mut out: Vec<Vec<PathBuf>> = if rotated {
        live.iter().map(|p| with_rotated(p)).collect()
    } else {
        live.into_iter().map(|p| vec![p]).collect()
    };
    // Rotated files whose live file is gone still count when asked for.
    if rotated {
        for p in old {
            if !out.iter().any(|group| group.contains(&p)) {
                out.push(vec![p]);
            }
        }
    }
    if out.is_empty() {
        return Err(Error::EmptyDir {
            path: dir.to_path_buf(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rotation_order_is_oldest_first() {
        let dir = tempfile::tempdir().expect("tempdir");
        for n in [
            "app.log",
            "app.log.1",
            "app.log.2.gz",
            "app.log.10.gz",
            "other.log",
            "app.logger",
        ] {
            std::fs::write(dir.path().join(n), b"x\n").expect("write");
        }
        let got: Vec<String> = with_rotated(&dir.path().join("app.log"))
            .iter()
            .map(|p| p.file_name().expect("name").to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            got,
            ["app.log.10.gz", "app.log.2.gz", "app.log.1", "app.log"]
        );
    }

    #[test]
    fn directories_skip_rotated_unless_asked() {
        let dir = tempfile::tempdir().expect("tempdir");
        for n in ["syslog", "syslog.1", "kern.log", "kern.log.2.gz", ".hidden"] {
            std::fs::write(dir.path().join(n), b"x\n").expect("write");
        }
        let plain = dir_sources(dir.path(), false).expect("sources");
        assert_eq!(plain.len(), 2);
        let with = dir_sources(dir.path(), true).expect("sources");
        assert_eq!(with.iter().map(Vec::len).collect::<Vec<_>>(), [2, 2]);
        let empty = tempfile::tempdir().expect("tempdir");
        assert!(matches!(
            dir_sources(empty.path(), false),
            Err(Error::EmptyDir { .. })
        ));
    }
}
