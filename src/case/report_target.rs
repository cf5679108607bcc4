//! Where a report must not go: over a file the case is made of. `report -o`
//! and `:report FILE` write atomically over whatever is there, so a slip
//! (`-o kiosk.casefile.json`) would replace every note, or a log, with the
//! report.

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use super::model::CaseFile;

/// What `out` is when writing a report there would replace a file of the
/// case at `case_path`: the case file, its journal or lock, or one of its
/// sources' logs (a rotated source's siblings too). Files are compared by
/// device and inode, so another name for one is caught; None when `out` is
/// none of them, or is not there yet.
pub fn clash(out: &Path, case_path: &Path, case: &CaseFile) -> Option<String> {
    let id = |p: &Path| std::fs::metadata(p).ok().map(|m| (m.dev(), m.ino()));
    let target = id(out)?;
    let name = case_path
        .file_name()
        .map_or_else(|| "case".into(), |n| n.to_string_lossy());
    let dir = super::file::parent(case_path);
    let own: [(PathBuf, &str); 3] = [
        (case_path.to_path_buf(), "the case file itself"),
        (
            super::journal::path_for(case_path),
            "the case file's journal",
        ),
        (dir.join(format!(".{name}.lock")), "the case file's lock"),
    ];
    if let Some((_, what)) = own.iter().find(|(p, _)| id(p) == Some(target)) {
        return Some((*what).to_string());
    }
    case.sources.iter().find_map(|s| {
        let files: Vec<PathBuf> = if s.rotated {
            s.files
                .iter()
                .flat_map(|f| crate::source::discover::with_rotated(f))
                .collect()
        } else {
            s.files.clone()
        };
        files
            .iter()
            .any(|f| id(f) == Some(target))
            .then(|| format!("source {}'s log", s.name))
    })
}

/// The message for a refused report path.
pub fn refused(out: &Path, what: &str) -> String {
    format!(
        "{}: is {what}: the report would replace it; write it elsewhere",
        out.display()
    )
}
