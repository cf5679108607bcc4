//! Surviving a mapped log file that another process shrinks while it is read
//! (copytruncate rotation, a writer that empties its file).
//!
//! Readers check sizes before reading (`Parts::refresh`), but a file can shrink
//! between the check and the read, and touching a mapped page past the new end
//! raises SIGBUS. Headless commands and the screen install `recover`: a fault inside a
//! registered mapping is answered by mapping a page of zeros over the missing
//! one and noting the lowest faulting offset, so the read finishes and the
//! caller, seeing `faults()` move, re-checks sizes and drops what it read past
//! the new end. A fault anywhere else still ends the process, with a message.
#![allow(unsafe_code)]

use std::sync::atomic::{AtomicPtr, AtomicU64, AtomicUsize, Ordering};

/// Mappings tracked at once; a source beyond this is read unprotected.
const SLOTS: usize = 1024;

struct Slot {
    start: AtomicUsize,
    len: AtomicUsize,
    /// Lowest offset into the mapping that faulted (usize::MAX: none).
    fault: AtomicUsize,
}

#[allow(clippy::declare_interior_mutable_const)]
const EMPTY: Slot = Slot {
    start: AtomicUsize::new(0),
    len: AtomicUsize::new(0),
    fault: AtomicUsize::new(usize::MAX),
};
static MAPS: [Slot; SLOTS] = [EMPTY; SLOTS];
static FAULTS: AtomicU64 = AtomicU64::new(0);
static PAGE: AtomicUsize = AtomicUsize::new(4096);
/// Written to standard output before the message when a fault cannot be
/// recovered (the screen's codes that give the terminal back); none: 0.
static LAST_WORDS: AtomicPtr<u8> = AtomicPtr::new(std::ptr::null_mut());
static LAST_WORDS_LEN: AtomicUsize = AtomicUsize::new(0);

/// A mapping registered for recovery; unregisters when dropped, which must
/// happen before the mapping is unmapped.
#[derive(Debug)]
pub struct Guard(usize);

/// Registers the mapped bytes of a file that someone else may shrink.
pub fn register(bytes: &[u8]) -> Option<Guard> {
    if bytes.is_empty() {
        return None;
    }
    for (k, s) in MAPS.iter().enumerate() {
        // Claim a free slot by its length, then publish the start.
        if s.len
            .compare_exchange(0, usize::MAX, Ordering::AcqRel, Ordering::Relaxed)
            .is_ok()
        {
            s.fault.store(usize::MAX, Ordering::Relaxed);
            s.start.store(bytes.as_ptr() as usize, Ordering::Relaxed);
            s.len.store(bytes.len(), Ordering::Release);
            return Some(Guard(k));
        }
    }
    None
}

impl Guard {
    /// The lowest offset of this mapping that faulted, if any did: nothing
    /// from its page on holds the file's bytes any more.
    pub fn lowest_fault(&self) -> Option<usize> {
        let page = PAGE.load(Ordering::Relaxed);
        match MAPS[self.0].fault.load(Ordering::Acquire) {
            usize::MAX => None,
            off => Some(off & !(page - 1)),
        }
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        let s = &MAPS[self.0];
        s.start.store(0, Ordering::Relaxed);
        s.len.store(0, Ordering::Release);
    }
}

/// How many faults were recovered so far: a reader that sees this change
/// re-checks sizes and re-reads.
pub fn faults() -> u64 {
    FAULTS.load(Ordering::Acquire)
}

/// Installs the SIGBUS handler for the screen: as `recover`, and a fault
/// that cannot be recovered first writes `restore` to standard output (leave
/// the alternate screen, show the cursor) before saying why.
pub fn recover_on_screen(restore: &'static [u8]) {
    LAST_WORDS.store(restore.as_ptr().cast_mut(), Ordering::Relaxed);
    LAST_WORDS_LEN.store(restore.len(), Ordering::Release);
    recover();
}

/// Installs the SIGBUS handler for headless commands (idempotent).
pub fn recover() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: sysconf has no preconditions.
        let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
        if page > 0 {
            PAGE.store(page as usize, Ordering::Relaxed);
        }
        // SAFETY: a zeroed sigaction is a valid starting value; the handler is
        // an extern "C" fn of the SA_SIGINFO shape and only uses
        // async-signal-safe calls (atomics, mmap, write, _exit).
        unsafe {
            let mut act: libc::sigaction = std::mem::zeroed();
            act.sa_sigaction = on_sigbus as *const () as libc::sighandler_t;
            act.sa_flags = libc::SA_SIGINFO;
            libc::sigemptyset(&mut act.sa_mask);
            libc::sigaction(libc::SIGBUS, &act, std::ptr::null_mut());
        }
    });
}

extern "C" fn on_sigbus(_sig: libc::c_int, info: *mut libc::siginfo_t, _ctx: *mut libc::c_void) {
    // SAFETY: the kernel passes a valid siginfo for SA_SIGINFO handlers.
    let addr = unsafe { (*info).si_addr() } as usize;
    let page = PAGE.load(Ordering::Relaxed);
    for s in &MAPS {
        let len = s.len.load(Ordering::Acquire);
        let start = s.start.load(Ordering::Relaxed);
        if len == 0 || len == usize::MAX || addr < start || addr >= start + len {
            continue;
        }
        let at = addr & !(page - 1);
        // SAFETY: `at` is a page inside a live read-only mapping of ours;
        // replacing that page with zeros keeps every pointer into it valid.
        let p = unsafe {
            libc::mmap(
                at as *mut libc::c_void,
                page,
                libc::PROT_READ,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_FIXED,
                -1,
                0,
            )
        };
        if p != libc::MAP_FAILED {
            s.fault.fetch_min(addr - start, Ordering::AcqRel);
            FAULTS.fetch_add(1, Ordering::AcqRel);
            return;
        }
    }
    let msg = b"casefile: a mapped file shrank while it was being read (truncated, or rotated by copytruncate) and could not be recovered; run the command again\n";
    let restore = LAST_WORDS_LEN.load(Ordering::Acquire);
    // SAFETY: write(2) and _exit(2) are async-signal-safe; LAST_WORDS points
    // at `restore` bytes of a 'static slice of that length.
    unsafe {
        if restore > 0 {
            libc::write(1, LAST_WORDS.load(Ordering::Relaxed).cast(), restore);
        }
        libc::write(2, msg.as_ptr().cast(), msg.len());
        libc::_exit(3);
    }
}
