//! Bytes that must be written out before they can be mapped: compressed files,
//! UTF-16 text, standard input, commands, FIFOs, devices and `/proc` files.
//!
//! A writer thread decodes the stream into a private temporary file that is
//! mapped at once over a reserved length, so readers index and show records
//! while the stream still runs. The writer stops at a size cap (the disk is
//! never filled by a decompression bomb or `yes | casefile -`), and binary
//! content is refused from its first decoded bytes.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use memmap2::{Mmap, MmapOptions};

use super::data::{Compression, binary_reason};
use crate::error::{Error, Result};

/// The cap when none is given: enough for any incident's logs, and never
/// more than half of what the temp filesystem has free.
pub const DEFAULT_CAP: u64 = 4 << 30;

/// Bytes of decoded text the binary check looks at.
const HEAD: usize = 8192;

/// What the writer thread reports when it ends.
#[derive(Debug, Default, Clone)]
pub struct Ending {
    /// Why not all of the stream was read: an archive cut short or corrupt,
    /// the cap, a full disk, a failing command.
    pub cut: Option<String>,
    /// Other remarks for the source's warnings (a command printed nothing).
    pub notes: Vec<String>,
    /// A command that failed: its status and the last line it wrote to stderr.
    pub failure: Option<(String, String)>,
}

#[derive(Debug)]
enum State {
    /// Still writing; `checked` once the head passed the binary check.
    Running {
        checked: bool,
    },
    Binary(String),
    Ended(Ending),
}

/// Shared between the writer thread and readers.
#[derive(Debug)]
pub struct Shared {
    len: AtomicUsize,
    state: Mutex<State>,
    changed: Condvar,
}

/// How far a stream has got.
#[derive(Debug, Clone, Copy)]
pub struct Growth {
    pub len: usize,
    pub ended: bool,
}

impl Shared {
    /// Bytes written so far; they never change once written.
    pub fn written(&self) -> usize {
        self.len.load(Ordering::Acquire)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn set(&self, s: State) {
        *self.lock() = s;
        self.changed.notify_all();
    }

    /// Waits until more than `beyond` bytes are there, the stream ended, or
    /// `timeout` passed.
    pub fn wait_beyond(&self, beyond: usize, timeout: Duration) -> Growth {
        let deadline = Instant::now() + timeout;
        let mut st = self.lock();
        loop {
            let len = self.written();
            let ended = !matches!(*st, State::Running { .. });
            let left = deadline.saturating_duration_since(Instant::now());
            if len > beyond || ended || left.is_zero() {
                return Growth { len, ended };
            }
            st = self
                .changed
                .wait_timeout(st, left)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    /// Blocks until the stream has ended.
    pub fn wait_end(&self) {
        while !self
            .wait_beyond(usize::MAX, Duration::from_secs(3600))
            .ended
        {}
    }

    /// How the stream ended, once it has.
    pub fn ending(&self) -> Option<Ending> {
        match &*self.lock() {
            State::Ended(e) => Some(e.clone()),
            _ => None,
        }
    }
}

/// A running stream: its mapping (over the reserved length) and shared state.
#[derive(Debug)]
pub struct Stream {
    pub map: Option<Mmap>,
    pub shared: Arc<Shared>,
    pub compression: Compression,
}

/// Called when the input is exhausted or the writer stopped, with whether it
/// stopped early (cap, binary) and the bytes written: a command is waited for here.
pub type OnEnd = Box<dyn FnOnce(bool, u64) -> Ending + Send>;

/// Starts decoding `input` into a private temp file. Returns once the first
/// decoded bytes passed the binary check (a whole line, 8 KiB, or the end),
/// so binary content fails the source before it is shown.
pub fn start(
    input: Box<dyn Read + Send>,
    label: &str,
    cap: Option<u64>,
    on_end: Option<OnEnd>,
) -> Result<Stream> {
    let read_err = |e| Error::Read {
        path: label.into(),
        source: e,
    };
    let tmp = tempfile::tempfile().map_err(read_err)?;
    let cap = cap.unwrap_or_else(|| default_cap(&tmp));
    let mut input = BufReader::with_capacity(1 << 16, input);
    let head = input.fill_buf().map_err(read_err)?;
    let (decoder, compression): (Box<dyn Read + Send>, _) = match Compression::sniff(head) {
        Compression::Gzip => (
            Box::new(flate2::bufread::MultiGzDecoder::new(input)),
            Compression::Gzip,
        ),
        Compression::Zstd => (
            Box::new(zstd::stream::read::Decoder::with_buffer(input).map_err(read_err)?),
            Compression::Zstd,
        ),
        Compression::Utf16Le => (
            Box::new(super::utf16::Utf16Reader::new(input, false)),
            Compression::Utf16Le,
        ),
        Compression::Utf16Be => (
            Box::new(super::utf16::Utf16Reader::new(input, true)),
            Compression::Utf16Be,
        ),
        Compression::None => (Box::new(input), Compression::None),
    };
    // An archive of UTF-16 text: decoded twice.
    let decoder = match compression {
        Compression::Gzip | Compression::Zstd => utf16_inside(decoder),
        _ => decoder,
    };
    // The whole cap is mapped now; pages are only touched once written.
    let reserve = usize::try_from(cap).unwrap_or(usize::MAX).max(1);
    // SAFETY: the file is private to this process (unlinked at creation) and
    // only ever appended to; readers never look past the published length.
    #[allow(unsafe_code)]
    let map = unsafe { MmapOptions::new().len(reserve).map(&tmp) }.map_err(read_err)?;
    let shared = Arc::new(Shared {
        len: AtomicUsize::new(0),
        state: Mutex::new(State::Running { checked: false }),
        changed: Condvar::new(),
    });
    let writer = Writer {
        shared: shared.clone(),
        file: tmp,
        cap,
        kind: compression,
        head: Vec::new(),
    };
    std::thread::Builder::new()
        .name(format!("stream-{label}"))
        .spawn(move || writer.run(decoder, on_end))
        .map_err(read_err)?;
    // Wait for the binary check (or the end).
    let st = {
        let mut st = shared.lock();
        while matches!(*st, State::Running { checked: false }) {
            st = shared.changed.wait(st).unwrap_or_else(|e| e.into_inner());
        }
        match &*st {
            State::Binary(why) => Some(why.clone()),
            _ => None,
        }
    };
    if let Some(why) = st {
        return Err(Error::Binary {
            path: label.into(),
            why,
        });
    }
    Ok(Stream {
        map: Some(map),
        shared,
        compression,
    })
}

/// Puts the UTF-16 stage after a decompressor whose output starts with a
/// UTF-16 byte-order mark.
fn utf16_inside(decoder: Box<dyn Read + Send>) -> Box<dyn Read + Send> {
    let mut b = BufReader::with_capacity(1 << 16, decoder);
    // An error here (a corrupt archive) comes again on the writer's first read.
    let kind = b.fill_buf().map_or(Compression::None, Compression::sniff);
    match kind {
        Compression::Utf16Le => Box::new(super::utf16::Utf16Reader::new(b, false)),
        Compression::Utf16Be => Box::new(super::utf16::Utf16Reader::new(b, true)),
        _ => Box::new(b),
    }
}

struct Writer {
    shared: Arc<Shared>,
    file: File,
    cap: u64,
    kind: Compression,
    head: Vec<u8>,
}

impl Writer {
    fn run(mut self, mut input: Box<dyn Read + Send>, mut on_end: Option<OnEnd>) {
        let mut buf = vec![0u8; 1 << 20];
        let mut written: u64 = 0;
        let mut first = true;
        let mut cut = None;
        let mut capped = false;
        loop {
            let n = match input.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    cut = Some(self.read_error(&e));
                    break;
                }
            };
            let mut chunk = &buf[..n];
            // A UTF-8 byte-order mark is not part of the first line.
            if first {
                first = false;
                chunk = chunk.strip_prefix(b"\xef\xbb\xbf").unwrap_or(chunk);
            }
            let room = self.cap - written;
            if chunk.len() as u64 > room {
                chunk = &chunk[..room as usize];
                // Stop after the last whole line: no record is cut in two.
                if let Some(k) = memchr::memrchr(b'\n', chunk) {
                    chunk = &chunk[..=k];
                }
                capped = true;
            }
            if let Err(e) = self.file.write_all(chunk) {
                cut = Some(format!(
                    "could not write the temporary copy after {} ({e}); showing what was written",
                    size_text(written)
                ));
                break;
            }
            written += chunk.len() as u64;
            self.shared.len.store(written as usize, Ordering::Release);
            if !self.check_head(chunk) {
                // Binary: stop reading (an endless /dev/zero ends here).
                drop(input);
                if let Some(f) = on_end.take() {
                    f(true, written);
                }
                return;
            }
            // Taking the lock orders this write before any reader's next
            // check, so no reader sleeps through it.
            drop(self.shared.lock());
            self.shared.changed.notify_all();
            if capped {
                cut = Some(format!(
                    "cut at the temporary-space cap of {} (--max-temp): the rest was not read",
                    size_text(self.cap)
                ));
                break;
            }
        }
        drop(input);
        let mut ending = on_end.map(|f| f(capped, written)).unwrap_or_default();
        if cut.is_some() {
            ending.cut = cut;
        }
        // An input that ended within the head is checked now.
        if !self.check_head(&[]) {
            return;
        }
        self.shared.set(State::Ended(ending));
    }

    /// Runs the binary check once the head is long enough, holds a line, or
    /// (called with nothing) the input ended. False when binary.
    fn check_head(&mut self, chunk: &[u8]) -> bool {
        let mut st = self.shared.lock();
        if !matches!(*st, State::Running { checked: false }) {
            return true;
        }
        let take = chunk.len().min(HEAD - self.head.len());
        self.head.extend_from_slice(&chunk[..take]);
        let whole_line = memchr::memchr(b'\n', &self.head).is_some();
        if self.head.len() < HEAD && !whole_line && !chunk.is_empty() {
            return true;
        }
        let ok = match binary_reason(&self.head) {
            Some(why) => {
                *st = State::Binary(why);
                false
            }
            None => {
                *st = State::Running { checked: true };
                true
            }
        };
        drop(st);
        self.shared.changed.notify_all();
        ok
    }

    fn read_error(&self, e: &std::io::Error) -> String {
        match self.kind {
            Compression::None => {
                format!("reading stopped with an error ({e}); showing what was read")
            }
            Compression::Utf16Le | Compression::Utf16Be => {
                format!("UTF-16 text could not be decoded ({e}); showing what was decoded")
            }
            k => format!(
                "{} data is cut short or corrupt ({e}); showing what could be decoded",
                k.name()
            ),
        }
    }
}

/// The default cap: `DEFAULT_CAP`, or half of the temp filesystem's free space if less.
fn default_cap(tmp: &File) -> u64 {
    free_space(tmp).map_or(DEFAULT_CAP, |free| DEFAULT_CAP.min(free / 2).max(1 << 20))
}

#[allow(unsafe_code)]
fn free_space(f: &File) -> Option<u64> {
    use std::os::fd::AsRawFd;
    // SAFETY: fstatvfs writes into the zeroed struct we own; the fd is open.
    unsafe {
        let mut st: libc::statvfs = std::mem::zeroed();
        (libc::fstatvfs(f.as_raw_fd(), &mut st) == 0)
            .then(|| st.f_bavail as u64 * st.f_frsize as u64)
    }
}

/// `4 GiB`, `512 MiB`, `300 KiB`, `12 bytes`.
pub fn size_text(n: u64) -> String {
    const UNITS: [(u64, &str); 4] = [
        (1 << 40, "TiB"),
        (1 << 30, "GiB"),
        (1 << 20, "MiB"),
        (1 << 10, "KiB"),
    ];
    for (size, unit) in UNITS {
        if n >= size {
            let v = n as f64 / size as f64;
            return if v.fract() == 0.0 {
                format!("{v:.0} {unit}")
            } else {
                format!("{v:.1} {unit}")
            };
        }
    }
    format!("{n} bytes")
}

/// Parses a size as users type it: `4G`, `500M`, `1.5GiB`, `64k`, `1000000`
/// (units are powers of 1024).
pub fn parse_size(s: &str) -> std::result::Result<u64, String> {
    let bad = || format!("'{s}' is not a size: write e.g. 500M, 4G or 1.5GiB");
    let t = s.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let num: f64 = num.parse().map_err(|_| bad())?;
    let unit = unit.trim().to_ascii_lowercase();
    let unit = unit
        .strip_suffix("ib")
        .or_else(|| unit.strip_suffix('b'))
        .unwrap_or(&unit);
    let mult: u64 = match unit {
        "" => 1,
        "k" => 1 << 10,
        "m" => 1 << 20,
        "g" => 1 << 30,
        "t" => 1 << 40,
        _ => return Err(bad()),
    };
    let n = num * mult as f64;
    // Record offsets have 40 bits: no source can be larger than 1 TiB.
    if !n.is_finite() || n < 1.0 || n > (1u64 << 40) as f64 {
        return Err(format!(
            "'{s}': the size must be at least 1 byte and at most 1T"
        ));
    }
    Ok(n as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("4G"), Ok(4 << 30));
        assert_eq!(parse_size("500M"), Ok(500 << 20));
        assert_eq!(parse_size("1.5GiB"), Ok(3 << 29));
        assert_eq!(parse_size("64kb"), Ok(64 << 10));
        assert_eq!(parse_size("1000"), Ok(1000));
        assert!(parse_size("lots").unwrap_err().contains("not a size"));
        assert!(parse_size("0").unwrap_err().contains("at least"));
        assert!(parse_size("2T").unwrap_err().contains("at most 1T"));
        assert_eq!(size_text(4 << 30), "4 GiB");
        assert_eq!(size_text(3 << 29), "1.5 GiB");
    }

    #[test]
    fn a_stream_grows_while_read_and_stops_at_the_cap() {
        let text = b"2022-03-24 17:00:00 INFO x\n".repeat(1000);
        let s = start(Box::new(std::io::Cursor::new(text)), "t", Some(2700), None).expect("starts");
        s.shared.wait_end();
        // 100 whole lines of 27 bytes fit in 2700.
        assert_eq!(s.shared.written(), 2700);
        let cut = s.shared.ending().and_then(|e| e.cut).expect("cut");
        assert!(cut.contains("cap of 2.6 KiB"), "{cut}");
    }

    #[test]
    fn utf16_inside_gzip_is_read() {
        use std::io::Write;
        let text = "2022-03-24 17:00:00 INFO x\n";
        let utf16: Vec<u8> = "\u{feff}"
            .encode_utf16()
            .chain(text.encode_utf16())
            .flat_map(u16::to_le_bytes)
            .collect();
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(&utf16).expect("compress");
        let gz = enc.finish().expect("finish");
        let s = start(Box::new(std::io::Cursor::new(gz)), "t", None, None).expect("starts");
        s.shared.wait_end();
        let map = s.map.expect("mapped");
        assert_eq!(&map[..s.shared.written()], text.as_bytes());
    }

    #[test]
    fn zeros_are_binary_after_the_head() {
        let e = start(Box::new(std::io::repeat(0)), "zeros", None, None).expect_err("binary");
        assert!(e.to_string().contains("binary"), "{e}");
    }
}
