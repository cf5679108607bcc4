//! The shapes of the lines a Go program prints its goroutines in, one line at
//! a time and without allocating: the parser and the record indexer
//! (`index::chunk`, which keeps a goroutine or a panic in one record) share them.

/// `goroutine 21 [semacquire, 12 minutes, locked to thread]:` and the newer
/// `goroutine 1 gp=0x… m=nil [sleep]:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header<'a> {
    pub id: u64,
    pub state: &'a [u8],
    pub wait_minutes: Option<u32>,
    pub locked: bool,
}

/// A goroutine's header cut short: `goroutine 1`, `goroutine 1 [runn`,
/// `goroutine 1 gp=0xc0 m=nil [sync.Mu` (Go 1.25), or `goroutine 1
/// [running]` without its colon. Prose that names a goroutine (`goroutine 1
/// [running] is busy`, `goroutine 1 is stuck`) is not one.
pub fn header_cut(line: &[u8]) -> bool {
    let Some(rest) = line.strip_prefix(b"goroutine ") else {
        return false;
    };
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    let after = &rest[digits..];
    if digits == 0 || after.is_empty() {
        return digits > 0;
    }
    let (fields, state) = match memchr::memchr(b'[', after) {
        Some(k) => (&after[..k], Some(&after[k + 1..])),
        None => (after, None),
    };
    // Before the state only the runtime's `gp=… m=…` fields.
    let fields_ok = fields.starts_with(b" ")
        && fields
            .split(|&b| b == b' ')
            .all(|f| f.is_empty() || f.contains(&b'='));
    fields_ok
        && state.is_none_or(|st| match memchr::memchr(b']', st) {
            None => true,
            Some(k) => k + 1 == st.len(),
        })
}

pub fn header(line: &[u8]) -> Option<Header<'_>> {
    // Spaces after the colon (a copy from a terminal) leave it a header.
    let rest = line.strip_prefix(b"goroutine ")?.trim_ascii_end();
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || rest.get(digits) != Some(&b' ') {
        return None;
    }
    let id = parse_u64(&rest[..digits])?;
    let open = memchr::memchr(b'[', &rest[digits..])? + digits;
    let inner = rest[open + 1..].strip_suffix(b"]:")?;
    let mut parts = inner.split(|&b| b == b',').map(trim);
    let state = parts.next().unwrap_or_default();
    let mut h = Header {
        id,
        state,
        wait_minutes: None,
        locked: false,
    };
    for p in parts {
        if p == b"locked to thread" {
            h.locked = true;
        } else if let Some(n) = p
            .strip_suffix(b" minutes")
            .or_else(|| p.strip_suffix(b" minute"))
        {
            h.wait_minutes = parse_u64(n).and_then(|n| u32::try_from(n).ok());
        }
    }
    Some(h)
}

/// A function line: `main.(*Broker).Send(0xc000010000, 0x64?)` or an inlined
/// `sync.(*Mutex).Lock(...)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Call<'a> {
    pub function: &'a [u8],
    /// What is between the parentheses.
    pub args: &'a [u8],
}

pub fn call(line: &[u8]) -> Option<Call<'_>> {
    if line.first().is_none_or(|b| b.is_ascii_whitespace()) || line.last() != Some(&b')') {
        return None;
    }
    let open = memchr::memrchr(b'(', line)?;
    if open == 0 {
        return None;
    }
    Some(Call {
        function: &line[..open],
        args: &line[open + 1..line.len() - 1],
    })
}

/// The location line under a function: `\t/src/x.go:12 +0x3d` (with
/// ` fp=… sp=… pc=…` under GOTRACEBACK=system; without `+0x…` when inlined).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location<'a> {
    pub file: &'a [u8],
    pub line: u32,
    pub pc: Option<u64>,
    /// The `+0x…` after the line: the return address's offset from the function's entry.
    pub offset: Option<u32>,
}

pub fn location(line: &[u8]) -> Option<Location<'_>> {
    let start = line.iter().position(|b| !b.is_ascii_whitespace())?;
    if start == 0 {
        return None;
    }
    let body = &line[start..];
    // The path ends at the first ` +0x` or ` fp=`, or at the end. (A plain
    // scan: building a substring searcher per line cost more than the parse.)
    let end = memchr::memchr_iter(b' ', body)
        .find(|&k| {
            let after = &body[k + 1..];
            after.starts_with(b"+0x") || after.starts_with(b"fp=")
        })
        .unwrap_or(body.len());
    let path = trim(&body[..end]);
    let colon = memchr::memrchr(b':', path)?;
    let line_no = parse_u64(&path[colon + 1..])?;
    let pc = memchr::memchr_iter(b' ', &body[end..])
        .find_map(|k| body[end + k + 1..].strip_prefix(b"pc=0x"))
        .and_then(|rest| hex_prefix(rest).map(|(v, _)| v));
    let offset = body[end..]
        .strip_prefix(b" +0x")
        .and_then(hex_prefix)
        .and_then(|(v, _)| u32::try_from(v).ok());
    Some(Location {
        file: &path[..colon],
        line: u32::try_from(line_no).ok()?,
        pc,
        offset,
    })
}

/// `created by main.main in goroutine 1` (Go 1.21+ names the creator).
pub fn created_by(line: &[u8]) -> Option<(&[u8], Option<u64>)> {
    let rest = line.strip_prefix(b"created by ")?;
    match memchr::memmem::find(rest, b" in goroutine ") {
        Some(k) => Some((&rest[..k], parse_u64(trim(&rest[k + 14..])))),
        None => Some((trim(rest), None)),
    }
}

/// A line that opens a crash report and the level it deserves.
pub fn crash_opener(line: &[u8]) -> Option<crate::level::Level> {
    if line.starts_with(b"panic: ") {
        Some(crate::level::Level::Panic)
    } else if line.starts_with(b"fatal error: ") {
        Some(crate::level::Level::Fatal)
    } else {
        None
    }
}

/// A line that begins a dump: a crash opener, a goroutine header, a signal
/// dump (`SIGQUIT: quit`) or a `?debug=1` profile.
pub fn dump_opener(line: &[u8]) -> bool {
    crash_opener(line).is_some()
        || header(line).is_some()
        || line.starts_with(b"goroutine profile: total ")
        || signal_dump_at(line) == Some(0)
}

/// Where the runtime's `SIGQUIT: quit` begins in a line that ends with it:
/// 0 alone, else after other text it was written onto (a program's stderr
/// and its log writer share a file, and the log line was not ended yet).
pub fn signal_dump_at(line: &[u8]) -> Option<usize> {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let body = line.strip_suffix(b": quit")?;
    let caps = body
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_uppercase())
        .count();
    let run = body.len() - caps;
    // `…ABCSIGQUIT`: the name is the run's last `SIG…`.
    let at = run + memchr::memmem::rfind(&body[run..], b"SIG")?;
    (body.len() - at > 3).then_some(at)
}

/// `300 @ 0x43b256 0x44c0de …` of a `?debug=1` profile: the count.
pub fn profile_record(line: &[u8]) -> Option<u32> {
    let at = memchr::memmem::find(line, b" @ ")?;
    let n = parse_u64(&line[..at])?;
    u32::try_from(n).ok()
}

/// `300 @ 0x43b256 0x44c0de …` of a `?debug=1` profile: the addresses, as
/// printed (return addresses, innermost first).
pub fn profile_addresses(line: &[u8]) -> impl Iterator<Item = u64> + '_ {
    let after = memchr::memmem::find(line, b" @ ").map_or(&[][..], |at| &line[at + 3..]);
    after
        .split(|b| b.is_ascii_whitespace())
        .filter(|f| !f.is_empty())
        .map_while(hex)
}

/// `#\t0x467344\tsync.runtime_SemacquireMutex+0x24\t/usr/lib/go/src/runtime/sema.go:77`.
pub fn profile_frame(line: &[u8]) -> Option<(u64, &[u8], Location<'_>)> {
    let rest = line.strip_prefix(b"#\t")?;
    let mut fields = rest
        .split(|&b| b == b'\t')
        .map(trim)
        .filter(|f| !f.is_empty());
    let pc = hex(fields.next()?)?;
    let func = fields.next()?;
    let func = match memchr::memrchr(b'+', func) {
        Some(k) if func[k + 1..].starts_with(b"0x") => &func[..k],
        _ => func,
    };
    let loc = fields.next()?;
    let colon = memchr::memrchr(b':', loc)?;
    let line_no = u32::try_from(parse_u64(&loc[colon + 1..])?).ok()?;
    Some((
        pc,
        func,
        Location {
            file: &loc[..colon],
            line: line_no,
            pc: Some(pc),
            offset: None,
        },
    ))
}

/// The first argument of a call when the runtime is sure of it: a `?` suffix
/// marks a value that may be stale (register arguments), and `...` an inlined call.
pub fn first_arg(args: &[u8]) -> Option<u64> {
    let a = trim(args.split(|&b| b == b',').next()?);
    if a.ends_with(b"?") {
        return None;
    }
    hex(a).filter(|&v| v != 0)
}

/// `[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x6a7806]`.
pub fn signal(line: &[u8]) -> Option<super::Signal> {
    let inner = line.strip_prefix(b"[signal ")?.strip_suffix(b"]")?;
    let colon = memchr::memchr(b':', inner).unwrap_or(inner.len());
    let name = String::from_utf8_lossy(&inner[..colon]).into_owned();
    let rest = inner.get(colon + 1..).map(trim).unwrap_or_default();
    let field = |key: &[u8]| {
        memchr::memmem::find(rest, key)
            .and_then(|k| hex_prefix(&rest[k + key.len()..]).map(|v| v.0))
    };
    let desc_end = memchr::memmem::find(rest, b" code=")
        .or_else(|| memchr::memmem::find(rest, b" addr="))
        .unwrap_or(rest.len());
    Some(super::Signal {
        name,
        description: String::from_utf8_lossy(&rest[..desc_end]).into_owned(),
        code: field(b"code=0x"),
        addr: field(b"addr=0x"),
        pc: field(b"pc=0x"),
    })
}

pub fn trim(s: &[u8]) -> &[u8] {
    let a = s
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(s.len());
    let b = s
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(a, |k| k + 1);
    &s[a..b]
}

pub fn parse_u64(s: &[u8]) -> Option<u64> {
    if s.is_empty() || s.len() > 19 {
        return None;
    }
    s.iter().try_fold(0u64, |acc, &b| {
        b.is_ascii_digit().then(|| acc * 10 + u64::from(b - b'0'))
    })
}

/// `0x1f` → 31; the whole slice must be the number.
pub fn hex(s: &[u8]) -> Option<u64> {
    let digits = s.strip_prefix(b"0x")?;
    match hex_prefix(digits) {
        Some((v, n)) if n == digits.len() => Some(v),
        _ => None,
    }
}

/// The hex digits at the start of `s` (no `0x`): value and length.
fn hex_prefix(s: &[u8]) -> Option<(u64, usize)> {
    let n = s.iter().take_while(|b| b.is_ascii_hexdigit()).count();
    if n == 0 || n > 16 {
        return None;
    }
    let v = s[..n].iter().fold(0u64, |acc, &b| {
        acc << 4 | u64::from((b as char).to_digit(16).unwrap_or(0))
    });
    Some((v, n))
}

/// What identifies a frame in its location line: all but the ` fp=… sp=…
/// pc=…` of GOTRACEBACK=system, whose frame and stack pointers differ in
/// every goroutine (the pc follows from the function and its `+0x` offset).
pub(super) fn location_key(text: &[u8]) -> &[u8] {
    memchr::memchr_iter(b' ', text)
        .find(|&k| text[k + 1..].starts_with(b"fp="))
        .map_or(text, |k| &text[..k])
}

/// `rax    0xca`: a register line of a GOTRACEBACK=crash dump, and of the
/// runtime's SIGQUIT output after its goroutines.
pub fn is_register(t: &[u8]) -> bool {
    let name = t.iter().take_while(|b| b.is_ascii_alphanumeric()).count();
    (1..=6).contains(&name)
        && hex(trim(&t[name..])).is_some()
        && t[name..].first().is_some_and(u8::is_ascii_whitespace)
}

/// Each damage at its offset's line number, in input order.
pub(super) fn with_line_numbers(
    data: &[u8],
    mut warnings: Vec<(u64, super::DamageKind)>,
) -> Vec<super::Damage> {
    warnings.sort_by_key(|w| w.0);
    let mut line = 1u64;
    let mut pos = 0usize;
    warnings
        .into_iter()
        .map(|(offset, kind)| {
            let to = (offset as usize).min(data.len()).max(pos);
            line += memchr::memchr_iter(b'\n', &data[pos..to]).count() as u64;
            pos = to;
            super::Damage { line, kind }
        })
        .collect()
}

/// Go 1.23+ prints a recovered panic panicked again on one line, `panic: V
/// [recovered, repanicked]`, where older runtimes print `panic: V [recovered]`
/// then `\tpanic: V`. Both read the same: message V, the marked line in the chain.
pub const REPANICKED: &str = " [recovered, repanicked]";

pub fn split_repanicked(p: &mut super::Panic) {
    if let Some(value) = p.message.strip_suffix(REPANICKED) {
        let value = value.to_string();
        p.chain.push(std::mem::replace(&mut p.message, value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_of_every_runtime() {
        let h = header(b"goroutine 21 [semacquire, 6274 minutes, locked to thread]:").expect("h");
        assert_eq!(
            h,
            Header {
                id: 21,
                state: b"semacquire",
                wait_minutes: Some(6274),
                locked: true
            }
        );
        let h =
            header(b"goroutine 1 gp=0x10cacffae1e0 m=nil [sync.Mutex.Lock, 1 minute]:").expect("h");
        assert_eq!(
            (h.id, h.state, h.wait_minutes),
            (1, &b"sync.Mutex.Lock"[..], Some(1))
        );
        let h = header(b"goroutine 2 [force gc (idle)]:").expect("h");
        assert_eq!(h.state, b"force gc (idle)");
        assert!(header(b"goroutine profile: total 306").is_none());
        assert!(
            header(b"goroutine 5 [running]").is_none(),
            "no colon: not a header"
        );
    }

    #[test]
    fn headers_cut_short_and_prose() {
        for cut in [
            &b"goroutine 1"[..],
            b"goroutine 1 [",
            b"goroutine 1 [runn",
            b"goroutine 1 [running]",
            b"goroutine 1 gp=0x10cacffae1e0 m=nil [sync.Mu",
            b"goroutine 1 gp=0x10cacffae1e0 m=",
        ] {
            assert!(header_cut(cut), "{}", String::from_utf8_lossy(cut));
        }
        for not in [
            &b"goroutine 1 [running] is busy"[..],
            b"goroutine 1 is stuck",
            b"goroutine profile: total 3",
            b"goroutine leak suspected",
            b"goroutines 1 [runn",
        ] {
            assert!(!header_cut(not), "{}", String::from_utf8_lossy(not));
        }
    }

    #[test]
    fn calls_and_locations() {
        let c = call(b"main.(*Broker).Send(0xc0000c84d0, 0x64?)").expect("call");
        assert_eq!(c.function, b"main.(*Broker).Send");
        assert_eq!(c.args, b"0xc0000c84d0, 0x64?");
        assert_eq!(first_arg(c.args), Some(0xc0000c84d0));
        assert_eq!(first_arg(b"0x0?, 0x1"), None);
        assert_eq!(first_arg(b"..."), None);
        assert!(call(b"\t/x.go:1 +0x2").is_none());
        let l = location(b"\t/usr/lib/go-1.19/src/sync/mutex.go:171 +0x165").expect("loc");
        assert_eq!(
            (l.file, l.line, l.pc),
            (&b"/usr/lib/go-1.19/src/sync/mutex.go"[..], 171, None)
        );
        assert_eq!(l.offset, Some(0x165));
        let l = location(
            b"\truntime/proc.go:3214 +0xbe fp=0x7fffdd3c0570 sp=0x7fffdd3c0538 pc=0x43fc1e",
        )
        .expect("loc");
        assert_eq!(
            (l.file, l.line, l.pc),
            (&b"runtime/proc.go"[..], 3214, Some(0x43fc1e))
        );
        assert_eq!(location(b"        /a b/c.go:9").map(|l| l.line), Some(9));
        assert_eq!(
            created_by(b"created by main.runMutex in goroutine 1"),
            Some((&b"main.runMutex"[..], Some(1)))
        );
    }

    #[test]
    fn profile_lines() {
        assert_eq!(profile_record(b"300 @ 0x43b256 0x44c0de"), Some(300));
        assert_eq!(
            profile_addresses(b"300 @ 0x43b256 0x44c0de\r").collect::<Vec<_>>(),
            [0x43b256, 0x44c0de]
        );
        let (pc, f, l) = profile_frame(
            b"#\t0x47cd24\tsync.(*Mutex).lockSlow+0x164\t\t/usr/lib/go-1.19/src/sync/mutex.go:171",
        )
        .expect("frame");
        assert_eq!(
            (pc, f, l.line),
            (0x47cd24, &b"sync.(*Mutex).lockSlow"[..], 171)
        );
    }

    #[test]
    fn a_signal_dump_alone_or_after_other_text() {
        assert_eq!(signal_dump_at(b"SIGQUIT: quit"), Some(0));
        assert_eq!(signal_dump_at(b"handled reqSIGQUIT: quit"), Some(11));
        assert_eq!(signal_dump_at(b"GET /ABCSIGQUIT: quit"), Some(8));
        assert_eq!(signal_dump_at(b"failed: SIGQUIT: quit"), Some(8));
        assert_eq!(signal_dump_at(b"SIG: quit"), None);
        assert_eq!(signal_dump_at(b"user: quit"), None);
        assert_eq!(signal_dump_at(b"SIGQUIT: quit now"), None);
    }

    #[test]
    fn signals() {
        let s = signal(b"[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x6a7806]")
            .expect("signal");
        assert_eq!(s.name, "SIGSEGV");
        assert_eq!(s.description, "segmentation violation");
        assert_eq!((s.code, s.addr, s.pc), (Some(1), Some(0), Some(0x6a7806)));
    }
}
