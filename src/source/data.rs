//! The bytes of a source: a memory-mapped file, or for compressed or UTF-16
//! files, standard input, commands, FIFOs and devices, a private temporary
//! file that a writer thread fills while it is mapped (see `stream`).
//! Log bytes never live on the heap.

use std::fs::File;
use std::io::{Read, Seek};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use memmap2::Mmap;

use super::stream::{self, Growth, OnEnd, Shared};
use crate::error::{Error, Result};

/// How the bytes are stored, detected by magic bytes (never by file name):
/// anything but `None` is decoded into a temporary copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
    /// UTF-16 text with a byte-order mark, little or big endian.
    Utf16Le,
    Utf16Be,
}

impl Compression {
    pub fn sniff(head: &[u8]) -> Compression {
        match head {
            [0x1f, 0x8b, ..] => Compression::Gzip,
            [0x28, 0xb5, 0x2f, 0xfd, ..] => Compression::Zstd,
            // A skippable frame (magic 0x184D2A50..=0x184D2A5F) may open a zstd file.
            [0x50..=0x5f, 0x2a, 0x4d, 0x18, ..] => Compression::Zstd,
            [0xff, 0xfe, ..] => Compression::Utf16Le,
            [0xfe, 0xff, ..] => Compression::Utf16Be,
            _ => Compression::None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Compression::None => "plain",
            Compression::Gzip => "gzip",
            Compression::Zstd => "zstd",
            Compression::Utf16Le => "UTF-16LE",
            Compression::Utf16Be => "UTF-16BE",
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
    /// For a temporary copy: how far its writer has got.
    stream: Option<Arc<Shared>>,
    /// The regular file read, as it was when opened: what `changed_on_disk`
    /// compares with.
    disk: Option<OnDisk>,
}

/// A regular file as it stood when it was opened.
#[derive(Debug, Clone)]
struct OnDisk {
    path: std::path::PathBuf,
    dev: u64,
    ino: u64,
    len: u64,
    /// Where the bytes mapped at opening ended, and a hash of the last of
    /// them (`Tail`): a file written over in place (the same inode, longer,
    /// other bytes) is not one that grew.
    tail: Option<(usize, u64)>,
}

/// How many of a file's last bytes `OnDisk::tail` hashes.
const TAIL: usize = 4096;

fn tail_hash(bytes: &[u8], end: usize) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes[end.saturating_sub(TAIL)..end].hash(&mut h);
    h.finish()
}

/// How a file differs from what was read of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiskChange {
    /// The same file, longer by so many bytes (a log being written).
    Grew(u64),
    /// Another file stands at the path (rotated: renamed away, a new one made).
    Replaced,
    /// The same file, cut shorter (logrotate's copytruncate): what was read
    /// of it is gone from it.
    Shrank,
    /// A file that could not be read when it was asked for can be now (it
    /// was made, or made readable).
    Appeared,
}

impl std::ops::Deref for Data {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match (&self.map, &self.stream) {
            (Some(m), Some(s)) => &m[..s.written()],
            (Some(m), None) => m,
            (None, _) => &[],
        }
    }
}

impl Data {
    /// Opens a file: plain files are mapped; compressed and UTF-16 ones, and
    /// anything that is not a regular file with a size (a FIFO, process
    /// substitution's /dev/fd/N, a device, a /proc file), are read as a stream
    /// into a temporary copy of at most `cap` bytes.
    pub fn open(path: &Path, cap: Option<u64>) -> Result<Data> {
        let mut file = File::open(path).map_err(|e| Error::open(path, e))?;
        let meta = file.metadata().map_err(|e| Error::open(path, e))?;
        if meta.is_dir() {
            return Err(Error::Invalid {
                name: path.display().to_string(),
                message: "is a directory".into(),
            });
        }
        let label = path.display().to_string();
        let disk = meta.is_file().then(|| {
            use std::os::unix::fs::MetadataExt;
            OnDisk {
                path: path.to_path_buf(),
                dev: meta.dev(),
                ino: meta.ino(),
                len: meta.len(),
                tail: None,
            }
        });
        let with_disk = |d: Result<Data>| {
            d.map(|d| Data {
                disk: disk.clone(),
                ..d
            })
        };
        if !meta.is_file() || meta.len() == 0 {
            return with_disk(Data::from_reader(file, &label, cap, None));
        }
        let mut head = [0u8; 4];
        let read_err = |e| Error::Read {
            path: path.into(),
            source: e,
        };
        let n = read_head(&mut file, &mut head).map_err(read_err)?;
        if Compression::sniff(&head[..n]) == Compression::None {
            let map = map_file(&file, path)?;
            let mut data = Data {
                guard: map.as_deref().and_then(super::fault::register),
                map,
                file: Some(file),
                compression: Compression::None,
                stream: None,
                disk: None,
            };
            let end = data.len();
            data.disk = disk.map(|d| OnDisk {
                tail: Some((end, tail_hash(&data, end))),
                ..d
            });
            return Ok(data);
        }
        file.rewind().map_err(read_err)?;
        with_disk(Data::from_reader(file, &label, cap, None))
    }

    /// Whether the file read has grown, shrunk or been replaced at its path
    /// since it was opened; None when it has not, for a stream or a command's
    /// output, and while nothing stands at the path (rotated away, the new
    /// one not made yet).
    pub fn changed_on_disk(&self) -> Option<DiskChange> {
        use std::os::unix::fs::MetadataExt;
        let d = self.disk.as_ref()?;
        #[cfg(test)]
        disk_looks::count();
        let now = std::fs::metadata(&d.path).ok()?;
        if (now.dev(), now.ino()) != (d.dev, d.ino) {
            return Some(DiskChange::Replaced);
        }
        match now.len().cmp(&d.len) {
            std::cmp::Ordering::Greater => Some(DiskChange::Grew(now.len() - d.len)),
            std::cmp::Ordering::Less => Some(DiskChange::Shrank),
            std::cmp::Ordering::Equal => None,
        }
    }

    /// Reads a stream (standard input, a command's output, a FIFO) into a
    /// private temp file that is mapped while it fills. Compressed and UTF-16
    /// streams are decoded. Fails when the first bytes are binary.
    pub fn from_reader(
        reader: impl Read + Send + 'static,
        label: &str,
        cap: Option<u64>,
        on_end: Option<OnEnd>,
    ) -> Result<Data> {
        let s = stream::start(Box::new(reader), label, cap, on_end)?;
        Ok(Data {
            guard: None,
            map: s.map,
            file: None,
            compression: s.compression,
            stream: Some(s.shared),
            disk: None,
        })
    }

    /// The size of the underlying file now, for files mapped in place; None for
    /// private copies (decoded or streamed), which nobody else can shrink.
    /// A page that faulted (see `fault`) counts as the end even if the file
    /// has grown again since: it now holds zeros.
    pub fn current_len(&self) -> Option<u64> {
        #[cfg(test)]
        if self.file.is_some() {
            disk_looks::count();
        }
        let len = self
            .file
            .as_ref()
            .and_then(|f| f.metadata().ok())
            .map(|m| m.len())?;
        let faulted = self.guard.as_ref().and_then(|g| g.lowest_fault());
        Some(faulted.map_or(len, |f| len.min(f as u64)))
    }

    /// Whether `newer` maps, in place, the very file `self` maps in place
    /// (same device and inode: not rotated), at least as long: what `self`
    /// read is still the start of it (its last bytes as they were: not
    /// written over in place), unless a fault was met (then that page reads
    /// as zeros in both).
    pub fn grown_into(&self, newer: &Data) -> bool {
        let in_place =
            |d: &Data| d.map.is_some() && d.stream.is_none() && d.compression == Compression::None;
        let (Some(a), Some(b)) = (&self.disk, &newer.disk) else {
            return false;
        };
        let faulted = |d: &Data| d.guard.as_ref().and_then(|g| g.lowest_fault()).is_some();
        in_place(self)
            && in_place(newer)
            && (a.dev, a.ino) == (b.dev, b.ino)
            && newer.len() >= self.len()
            && !faulted(self)
            && !faulted(newer)
            && a.tail
                .is_none_or(|(end, h)| newer.len() >= end && tail_hash(newer, end) == h)
    }

    /// Waits until more than `beyond` bytes are there or the stream ended (at
    /// most `timeout`). Data that is not streamed has always ended.
    pub fn wait_beyond(&self, beyond: usize, timeout: Duration) -> Growth {
        match &self.stream {
            Some(s) => s.wait_beyond(beyond, timeout),
            None => Growth {
                len: self.len(),
                ended: true,
            },
        }
    }

    /// Blocks until a streamed copy is complete.
    pub fn wait_end(&self) {
        if let Some(s) = &self.stream {
            s.wait_end();
        }
    }

    /// Why not all of the input was read (an archive cut short or corrupt,
    /// the temp-space cap, a failing command), once the stream has ended.
    pub fn incomplete(&self) -> Option<String> {
        self.stream.as_ref()?.ending()?.cut
    }

    /// Remarks from the end of the stream (a command that printed nothing).
    pub fn notes(&self) -> Vec<String> {
        self.stream
            .as_ref()
            .and_then(|s| s.ending())
            .map(|e| e.notes)
            .unwrap_or_default()
    }

    /// Why a command failed, when it printed nothing: (status, stderr).
    pub fn failure(&self) -> Option<(String, String)> {
        self.stream.as_ref()?.ending()?.failure
    }

    #[cfg(test)]
    pub fn from_bytes(bytes: &[u8]) -> Data {
        let d = Data::from_reader(std::io::Cursor::new(bytes.to_vec()), "test", None, None)
            .expect("temp file");
        d.wait_end();
        d
    }
}

/// Tests count the looks at the disk (a stat, an fstat) each thread made:
/// the screen's own thread must make none (a hung mount would freeze it).
#[cfg(test)]
pub mod disk_looks {
    use std::cell::Cell;

    thread_local! {
        static LOOKS: Cell<usize> = const { Cell::new(0) };
    }

    pub(super) fn count() {
        LOOKS.with(|n| n.set(n.get() + 1));
    }

    /// The looks this thread made since it started.
    pub fn on_this_thread() -> usize {
        LOOKS.with(Cell::get)
    }
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
    // `journalctl -o export`: a binary field's length is 8 bytes, mostly NUL.
    if sample.is_empty()
        || sample.starts_with(b"__CURSOR=")
        || sample.starts_with(b"__REALTIME_TIMESTAMP=")
    {
        return None;
    }
    let nul = memchr::memchr_iter(0, sample).count();
    if nul > 0 {
        return Some(format!(
            "{} in the first {}",
            bytes(nul, "NUL "),
            bytes(sample.len(), "")
        ));
    }
    let ctrl = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x1b | 0x0c))
        .count();
    (ctrl * 10 > sample.len()).then(|| {
        format!(
            "{} in the first {}",
            bytes(ctrl, "control "),
            bytes(sample.len(), "")
        )
    })
}

/// How far into a file whose start is binary (`binary_reason`) text is
/// looked for: a crash can leave megabytes of zeros at a log's start.
const BINARY_PREFIX_MAX: usize = 16 << 20;

/// How much text after a binary start must hold no NUL byte: a program's
/// strings (a run of its panic messages) are text for a while, then NUL
/// bytes come again; a log goes on as text.
const TEXT_AFTER_BINARY: usize = 1 << 20;

/// Where text begins in `data` after a binary start: the first line after
/// which 8 KiB read as text in lines (or the rest, when at least 1 KiB),
/// and no NUL byte comes for 1 MiB (or to the end), within
/// `BINARY_PREFIX_MAX`. None: binary throughout (a program, an image,
/// zeros).
pub fn text_after_binary(data: &[u8]) -> Option<usize> {
    let mut start = 0;
    // No NUL byte from `start` up to here: each byte is looked at once.
    let mut clean = 0;
    while start < data.len().min(BINARY_PREFIX_MAX) {
        let window = &data[start..data.len().min(start + 8192)];
        let short = window.len() < 8192;
        let lines = memchr::memchr_iter(b'\n', window).count();
        let want = data.len().min(start + TEXT_AFTER_BINARY);
        clean = clean.max(start);
        let nul = match memchr::memchr(0, &data[clean..want]) {
            Some(k) => Some(clean + k - start),
            None => {
                clean = want;
                None
            }
        };
        match nul {
            None if binary_reason(window).is_none()
                && lines >= if short { 2 } else { 4 }
                && (!short || window.len() >= 1024) =>
            {
                return Some(start);
            }
            None if short => return None,
            // Not text: step past the window's first line.
            None => start += memchr::memchr(b'\n', window)? + 1,
            // After the next NUL byte, from the next line on.
            Some(k) => start += k + memchr::memchr(b'\n', &data[start + k..])? + 1,
        }
    }
    None
}

/// `1 NUL byte`, `2 NUL bytes`.
fn bytes(n: usize, what: &str) -> String {
    format!("{n} {what}byte{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn a_file_that_grows_or_is_replaced_says_so() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("app.log");
        std::fs::write(&path, b"one\n").expect("write");
        for compressed in [false, true] {
            if compressed {
                let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
                gz.write_all(b"one\n").expect("gz");
                std::fs::write(&path, gz.finish().expect("gz")).expect("write");
            }
            let d = Data::open(&path, None).expect("open");
            assert_eq!(d.changed_on_disk(), None);
            let mut f = std::fs::OpenOptions::new()
                .append(true)
                .open(&path)
                .expect("append");
            f.write_all(b"two\n").expect("append");
            assert_eq!(d.changed_on_disk(), Some(DiskChange::Grew(4)));
            // Rotated: renamed away, a new file made at the path.
            std::fs::rename(&path, dir.path().join("app.log.1")).expect("rename");
            assert_eq!(d.changed_on_disk(), None, "nothing at the path yet");
            std::fs::write(&path, b"three\n").expect("write");
            assert_eq!(d.changed_on_disk(), Some(DiskChange::Replaced));
        }
        // Truncated in place and written again (logrotate's copytruncate):
        // the same file, shorter than what was read.
        let d = Data::open(&path, None).expect("open");
        std::fs::OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(&path)
            .expect("truncate");
        assert_eq!(d.changed_on_disk(), Some(DiskChange::Shrank));
        // An empty file read as a stream still notices what is written to it.
        let empty = dir.path().join("empty.log");
        std::fs::write(&empty, b"").expect("write");
        let d = Data::open(&empty, None).expect("open");
        std::fs::write(&empty, b"later\n").expect("write");
        assert_eq!(d.changed_on_disk(), Some(DiskChange::Grew(6)));
        // Bytes not from a file never change on disk.
        assert_eq!(Data::from_bytes(b"x\n").changed_on_disk(), None);
    }

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
        let d = Data::open(&gz, None).expect("open gz");
        d.wait_end();
        assert_eq!((d.compression, &d[..]), (Compression::Gzip, &text[..]));

        let zs = dir.path().join("x.log");
        std::fs::write(&zs, zstd::encode_all(&text[..], 3).expect("zstd")).expect("write");
        let d = Data::open(&zs, None).expect("open zstd");
        d.wait_end();
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
        let d = Data::open(&p, None).expect("opens anyway");
        d.wait_end();
        assert!(d.incomplete().is_some_and(|m| m.contains("cut short")));
        assert!(!d.is_empty() && text.starts_with(&d[..]));
    }

    #[test]
    fn missing_and_empty() {
        let dir = tempfile::tempdir().expect("tempdir");
        let e = Data::open(&dir.path().join("nope"), None).expect_err("missing");
        assert!(e.to_string().contains("no such file"), "{e}");
        let p = dir.path().join("empty.log");
        std::fs::write(&p, b"").expect("write");
        let d = Data::open(&p, None).expect("empty opens");
        d.wait_end();
        assert!(d.is_empty());
    }

    #[test]
    fn text_after_a_binary_start() {
        let text = "goroutine 1 [running]:\nmain.main()\n\t/a/main.go:3 +0x2\n".repeat(300);
        let mut zeros = vec![0u8; 100_000];
        zeros.extend_from_slice(text.as_bytes());
        // The zeros and the first line they run into.
        let at = text_after_binary(&zeros).expect("text");
        assert_eq!(
            &zeros[at..],
            &text.as_bytes()[text.find('\n').expect("nl") + 1..]
        );
        let mut stray = b"\x01\x02\0\x7fELF\0\0\n".to_vec();
        stray.extend_from_slice(text.as_bytes());
        assert_eq!(text_after_binary(&stray), Some(stray.len() - text.len()));
        // Binary throughout, or too little text after it.
        assert_eq!(text_after_binary(&[0u8; 50_000]), None);
        let program = std::fs::read(std::env::current_exe().expect("exe")).expect("read exe");
        assert_eq!(text_after_binary(&program), None);
        assert_eq!(text_after_binary(b"\0\0\nshort line\n"), None);
    }

    #[test]
    fn binary_detection() {
        assert!(binary_reason(b"\x7fELF\x02\x01\x01\0\0\0").is_some());
        assert!(binary_reason("héllo wörld\n".as_bytes()).is_none());
        assert!(binary_reason(b"\x1b[31mred\x1b[0m\n").is_none());
        // The count reads as a user would write it.
        assert_eq!(
            binary_reason(b"ab\0cd").as_deref(),
            Some("1 NUL byte in the first 5 bytes")
        );
        assert_eq!(
            binary_reason(b"\0\0").as_deref(),
            Some("2 NUL bytes in the first 2 bytes")
        );
        assert_eq!(
            binary_reason(b"\x01").as_deref(),
            Some("1 control byte in the first 1 byte")
        );
    }
}
