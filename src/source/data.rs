//! The bytes of a source: a memory-mapped file, or for compressed files,
//! standard input and commands, a private temporary file that is mapped in turn.
//! Log bytes never live on the heap.

use std::fs::File;
use std::io::{Read, Write};
use std::path::Path;

use memmap2::Mmap;

use crate::error::{Error, Result};

/// Compression, detected by magic bytes (never by file name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

impl Compression {
    pub fn sniff(head: &[u8]) -> Compression {
        if head.starts_with(&[0x1f, 0x8b]) {
            Compression::Gzip
        } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
            Compression::Zstd
        } else {
            Compression::None
        }
    }
}

/// Mapped bytes of one file part. Empty files have no mapping.
#[derive(Debug)]
pub struct Data {
    /// Registers an in-place mapping for SIGBUS recovery; declared before
    /// `map` so that it unregisters before the mapping goes away.
    guard: Option<super::fault::Guard>,
    map: Option<Mmap>,
    /// The mapped file itself (not a temp copy), to notice when it shrinks.
    file: Option<File>,
    pub compression: Compression,
    /// Set when a compressed file ended early: what was decoded is kept.
    pub truncated: Option<String>,
}

impl std::ops::Deref for Data {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        self.map.as_deref().unwrap_or(&[])
    }
}

impl Data {
    /// Opens a file: plain files are mapped, compressed ones decoded into a temp file.
    pub fn open(path: &Path) -> Result<Data> {
        let mut file = File::open(path).map_err(|e| Error::open(path, e))?;
        let meta = file.metadata().map_err(|e| Error::open(path, e))?;
        if meta.is_dir() {
            return Err(Error::Invalid {
                name: path.display().to_string(),
                message: "is a directory".into(),
            });
        }
        let mut head = [0u8; 4];
        let n = read_head(&mut file, &mut head).map_err(|e| Error::Read {
            path: path.into(),
            source: e,
        })?;
        match Compression::sniff(&head[..n]) {
            Compression::None => {
                let map = map_file(&file, path)?;
                Ok(Data {
                    guard: map.as_deref().and_then(super::fault::register),
                    map,
                    file: Some(file),
                    compression: Compression::None,
                    truncated: None,
                })
            }
            c => {
                let file = File::open(path).map_err(|e| Error::open(path, e))?;
                let mut tmp = tempfile::tempfile().map_err(|e| Error::Read {
                    path: path.into(),
                    source: e,
                })?;
                let result = match c {
                    Compression::Gzip => {
                        copy_all(flate2::read::MultiGzDecoder::new(file), &mut tmp)
                    }
                    _ => match zstd::stream::read::Decoder::new(file) {
                        Ok(d) => copy_all(d, &mut tmp),
                        Err(e) => Err(e),
                    },
                };
                let truncated = result.err().map(|e| {
                    let kind = if c == Compression::Gzip {
                        "gzip"
                    } else {
                        "zstd"
                    };
                    format!(
                        "{kind} data is cut short or corrupt ({e}); showing what could be decoded"
                    )
                });
                tmp.flush().map_err(|e| Error::Read {
                    path: path.into(),
                    source: e,
                })?;
                private(&tmp, path, c, truncated)
            }
        }
    }

    /// Reads a stream (standard input, a command's output) to its end into a
    /// private temp file and maps it.
    pub fn from_reader(reader: impl Read, label: &str) -> Result<Data> {
        let path = Path::new(label);
        let mut tmp = tempfile::tempfile().map_err(|e| Error::Read {
            path: path.into(),
            source: e,
        })?;
        copy_all(reader, &mut tmp).map_err(|e| Error::Read {
            path: path.into(),
            source: e,
        })?;
        private(&tmp, path, Compression::None, None)
    }

    /// The size of the underlying file now, for files mapped in place; None for
    /// private copies (decoded or streamed), which nobody else can shrink.
    /// A page that faulted (see `fault`) counts as the end even if the file
    /// has grown again since: it now holds zeros.
    pub fn current_len(&self) -> Option<u64> {
        let len = self
            .file
            .as_ref()
            .and_then(|f| f.metadata().ok())
            .map(|m| m.len())?;
        let faulted = self.guard.as_ref().and_then(|g| g.lowest_fault());
        Some(faulted.map_or(len, |f| len.min(f as u64)))
    }

    #[cfg(test)]
    pub fn from_bytes(bytes: &[u8]) -> Data {
        Data::from_reader(bytes, "test").expect("temp file")
    }
}

/// Maps a private temp file casefile wrote (decoded or streamed bytes):
/// nobody else can shrink it, so it needs no size checks.
fn private(
    tmp: &File,
    path: &Path,
    compression: Compression,
    truncated: Option<String>,
) -> Result<Data> {
    Ok(Data {
        guard: None,
        map: map_file(tmp, path)?,
        file: None,
        compression,
        truncated,
    })
}

fn read_head(file: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match file.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

fn copy_all(mut r: impl Read, w: &mut File) -> std::io::Result<u64> {
    let mut out = std::io::BufWriter::with_capacity(1 << 20, w);
    let n = std::io::copy(&mut r, &mut out);
    out.flush()?;
    n
}

/// Maps a whole file read-only.
#[allow(unsafe_code)]
fn map_file(file: &File, path: &Path) -> Result<Option<Mmap>> {
    let len = file.metadata().map_err(|e| Error::open(path, e))?.len();
    if len == 0 {
        return Ok(None);
    }
    // SAFETY: the map is read-only and private to this process. Another process
    // may still shrink the file (copytruncate rotation); pages past the new end
    // would then fault with SIGBUS. The source watcher notices shrinking files
    // and the SIGBUS handler restores the terminal and names the cause.
    let map = unsafe { Mmap::map(file) }.map_err(|e| Error::Read {
        path: path.into(),
        source: e,
    })?;
    #[cfg(unix)]
    let _ = map.advise(memmap2::Advice::Sequential);
    Ok(Some(map))
}

/// Why a file's start is not text, if it is not: NUL bytes or mostly control bytes.
pub fn binary_reason(head: &[u8]) -> Option<String> {
    let sample = &head[..head.len().min(8192)];
    if sample.is_empty() {
        return None;
    }
    let nul = memchr::memchr_iter(0, sample).count();
    if nul > 0 {
        return Some(format!(
            "{nul} NUL bytes in the first {} bytes",
            sample.len()
        ));
    }
    let ctrl = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x1b | 0x0c))
        .count();
    (ctrl * 10 > sample.len())
        .then(|| format!("{ctrl} control bytes in the first {} bytes", sample.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_gzip_and_zstd_by_magic() {
        let dir = tempfile::tempdir().expect("tempdir");
        let text = b"2022-03-24 17:00:00 INFO a\n".repeat(100);
        let gz = dir.path().join("no-extension");
        let mut enc = flate2::write::GzEncoder::new(
            File::create(&gz).expect("create"),
            flate2::Compression::fast(),
        );
        enc.write_all(&text).expect("write");
        enc.finish().expect("finish");
        let d = Data::open(&gz).expect("open gz");
        assert_eq!((d.compression, &d[..]), (Compression::Gzip, &text[..]));

        let zs = dir.path().join("x.log");
        std::fs::write(&zs, zstd::encode_all(&text[..], 3).expect("zstd")).expect("write");
        let d = Data::open(&zs).expect("open zstd");
        assert_eq!((d.compression, &d[..]), (Compression::Zstd, &text[..]));
    }

    #[test]
    fn truncated_gzip_keeps_what_decoded() {
        let dir = tempfile::tempdir().expect("tempdir");
        let text: Vec<u8> = (0..20000)
            .flat_map(|i| format!("line {i}\n").into_bytes())
            .collect();
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(&text).expect("write");
        let full = enc.finish().expect("finish");
        let p = dir.path().join("cut.gz");
        std::fs::write(&p, &full[..full.len() / 2]).expect("write");
        let d = Data::open(&p).expect("opens anyway");
        assert!(
            d.truncated
                .as_deref()
                .is_some_and(|m| m.contains("cut short"))
        );
        assert!(!d.is_empty() && text.starts_with(&d[..]));
    }

    #[test]
    fn missing_and_empty() {
        let dir = tempfile::tempdir().expect("tempdir");
        let e = Data::open(&dir.path().join("nope")).expect_err("missing");
        assert!(e.to_string().contains("no such file"), "{e}");
        let p = dir.path().join("empty.log");
        std::fs::write(&p, b"").expect("write");
        assert!(Data::open(&p).expect("empty opens").is_empty());
    }

    #[test]
    fn binary_detection() {
        assert!(binary_reason(b"\x7fELF\x02\x01\x01\0\0\0").is_some());
        assert!(binary_reason("héllo wörld\n".as_bytes()).is_none());
        assert!(binary_reason(b"\x1b[31mred\x1b[0m\n").is_none());
    }
}
