//! Sources for unit tests: a file, or some text written to a temporary file,
//! opened and indexed whole as UTC (zoneless stamps read as UTC, a fixed
//! "now" for stamps without a year).

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use super::{Input, LoadOptions, Settings, Source, SourceSpec};
use crate::index::Zone;

/// The options every test source is indexed with.
pub fn options() -> LoadOptions {
    LoadOptions {
        zone: Zone::Fixed(0),
        now: 1_700_000_000_000_000_000,
        levels: true,
    }
}

/// The file at `path` as a source named `t`, or None when it cannot be opened.
pub fn load(path: PathBuf) -> Option<Source> {
    let spec = SourceSpec {
        name: "t".into(),
        input: Input::Files(vec![path]),
        settings: Settings::default(),
    };
    let (parts, warnings) = super::open(&spec).ok()?;
    Some(super::index(
        &spec,
        Arc::new(parts),
        warnings,
        &options(),
        |_| {},
    ))
}

/// `text` written to a temporary file (kept alive by the first element) and
/// loaded as a source.
pub fn source_of(text: impl AsRef<[u8]>) -> (tempfile::NamedTempFile, Source) {
    let mut f = tempfile::NamedTempFile::new().expect("temp file");
    f.write_all(text.as_ref()).expect("write");
    let src = load(f.path().to_path_buf()).expect("opens");
    (f, src)
}
