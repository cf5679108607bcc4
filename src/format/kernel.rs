//! Kernel ring buffer: `dmesg` (`[12345.678901] msg`, time since boot, also
//! `journalctl -o short-monotonic`) and `dmesg -T` (`[Thu Mar 24 17:23:05 2022] msg`).
//! Also the ctime stamp shared with Apache's error log.

use super::{LineInfo, Stamp, clock, digits, month_abbrev, sniff_level, syslog};
use crate::level::Level;

/// `[ 1234.567890]` at the start: (time since boot, end after `]`).
fn boot_stamp(b: &[u8]) -> Option<(Stamp, usize)> {
    if b.first() != Some(&b'[') {
        return None;
    }
    let mut i = 1;
    while b.get(i) == Some(&b' ') {
        i += 1;
    }
    let start = i;
    let mut secs: i64 = 0;
    while let Some(&c) = b.get(i).filter(|c| c.is_ascii_digit()) {
        // Saturates on absurdly long numbers, refused just below.
        secs = secs.saturating_mul(10).saturating_add(i64::from(c - b'0'));
        i += 1;
    }
    if i == start || i - start > 10 || b.get(i) != Some(&b'.') {
        return None;
    }
    let (frac, used) = super::fraction(b, i + 1);
    if used == 0 || b.get(i + 1 + used) != Some(&b']') {
        return None;
    }
    // Ten digits of seconds can exceed what 64-bit nanoseconds hold.
    let t = secs
        .checked_mul(1_000_000_000)
        .and_then(|n| n.checked_add(i64::from(frac)));
    Some((t.map_or(Stamp::OutOfRange, Stamp::SinceBoot), i + 2 + used))
}

/// `[ 1234.567890] msg`, or with the printk level in front as `dmesg -r` and
/// kernel CI logs write it (`<6>[ 1234.5] msg`, `<3> [325.08] msg`): that level
/// is the line's severity.
pub fn parse_dmesg(line: &[u8]) -> LineInfo {
    match dmesg_stamp(line) {
        Some((pri, stamp, end)) => LineInfo {
            stamp: Some(stamp),
            level: pri.or_else(|| sniff_level(&line[end..], 64)),
        },
        None => LineInfo::default(),
    }
}

/// Where `parse_dmesg` reads its stamp, with the printk level before it.
pub fn header_dmesg(line: &[u8]) -> Option<super::Header> {
    dmesg_stamp(line).map(|(_, _, end)| super::Header::stamp(0..end))
}

/// The printk level, the stamp, and where the stamp's `]` ends.
fn dmesg_stamp(line: &[u8]) -> Option<(Option<Level>, Stamp, usize)> {
    let (pri, mut at) = syslog::pri(line);
    if pri.is_some() && line.get(at) == Some(&b' ') {
        at += 1;
    }
    boot_stamp(&line[at..]).map(|(stamp, end)| (pri, stamp, at + end))
}

/// `journalctl -o short-monotonic`: the dmesg stamp followed by a syslog header
/// whose tag is `prog[pid]:`, `kernel:`, or a program's name without a pid
/// (`myhost systemd-logind:`, an entry journald got without `_PID`). Kernel
/// messages themselves often look like `word word:`, a driver and its device
/// (`usb 1-1:`, `nvme nvme0:`, `scsi host0:`) or a subsystem (`ACPI: PM:`):
/// a bare tag counts only after a host name (no `:`) and when it starts with
/// a letter and does not end in a digit, as a device's name does.
pub fn monotonic_journal_signature(line: &[u8]) -> bool {
    let Some((_, end)) = boot_stamp(line) else {
        return false;
    };
    if line.get(end) != Some(&b' ') || !syslog::header_at(line, end + 1) {
        return false;
    }
    let rest = &line[end + 1..];
    let Some(colon) = memchr::memchr(b':', rest) else {
        return false;
    };
    let header = &rest[..colon];
    if header.ends_with(b"]") || header.ends_with(b" kernel") {
        return true;
    }
    let Some(space) = memchr::memchr(b' ', header) else {
        return false;
    };
    let (host, tag) = (&header[..space], &header[space + 1..]);
    let name = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.');
    host.iter().all(name)
        && tag.first().is_some_and(u8::is_ascii_alphabetic)
        && !tag.last().is_some_and(u8::is_ascii_digit)
        && tag.iter().all(name)
}

/// `Www Mmm dD HH:MM:SS[.frac] YYYY` at `pos` (C `ctime`, Apache, `dmesg -T`), as
/// a zoneless stamp; returns the end position.
pub fn ctime(b: &[u8], pos: usize) -> Option<(Stamp, usize)> {
    if !b.get(pos..pos + 3)?.iter().all(u8::is_ascii_alphabetic) || b.get(pos + 3) != Some(&b' ') {
        return None;
    }
    let m = pos + 4;
    let month = month_abbrev(b.get(m..)?)?;
    if b.get(m + 3) != Some(&b' ') || b.get(m + 6) != Some(&b' ') {
        return None;
    }
    let day = match b.get(m + 4)? {
        b' ' => digits(b, m + 5, 1)?,
        _ => digits(b, m + 4, 2)?,
    };
    let (of_day, end) = clock(b, m + 7)?;
    if b.get(end) != Some(&b' ') {
        return None;
    }
    let year = digits(b, end + 1, 4)?;
    Some((super::local_stamp(year, month, day, of_day)?, end + 5))
}

pub fn parse_dmesg_t(line: &[u8]) -> LineInfo {
    match dmesg_t_stamp(line) {
        Some((stamp, end)) => LineInfo {
            stamp: Some(stamp),
            level: sniff_level(&line[end..], 64),
        },
        None => LineInfo::default(),
    }
}

/// Where `parse_dmesg_t` reads its stamp, brackets included.
pub fn header_dmesg_t(line: &[u8]) -> Option<super::Header> {
    dmesg_t_stamp(line).map(|(_, end)| super::Header::stamp(0..end))
}

/// `[ctime]` at the start: the stamp and where its `]` ends.
fn dmesg_t_stamp(line: &[u8]) -> Option<(Stamp, usize)> {
    if line.first() != Some(&b'[') {
        return None;
    }
    ctime(line, 1)
        .filter(|&(_, end)| line.get(end) == Some(&b']'))
        .map(|(s, end)| (s, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::civil_to_nanos;

    /// Kernel CI dmesg lines with their printk level, as quoted on LKML.
    #[test]
    fn printk_level_in_front_is_the_severity() {
        let i = parse_dmesg(b"<3> [325.082480] i915/intel_workarounds_live_selftests: live_engine_reset_workarounds failed with error -62");
        assert_eq!(i.stamp, Some(Stamp::SinceBoot(325_082_480_000)));
        assert_eq!(i.level, Some(Level::Error));
        let i = parse_dmesg(
            b"<6>[  314.777958] i915 0000:00:02.0: [drm] GPU HANG: ecode 12:0:00000000",
        );
        assert_eq!(i.stamp, Some(Stamp::SinceBoot(314_777_958_000)));
        assert_eq!(i.level, Some(Level::Info));
        assert_eq!(parse_dmesg(b"<6>no stamp"), LineInfo::default());
    }

    #[test]
    fn since_boot() {
        let i = parse_dmesg(b"[ 9057.367166] vm redis-server[14304]: x");
        assert_eq!(i.stamp, Some(Stamp::SinceBoot(9_057_367_166_000)));
        let i = parse_dmesg(b"[12345.678901] usb 1-1: error -71");
        assert_eq!(i.stamp, Some(Stamp::SinceBoot(12_345_678_901_000)));
        assert_eq!(parse_dmesg(b"[12345] x").stamp, None);
        assert!(monotonic_journal_signature(
            b"[ 9057.367166] vm redis-server[14304]: x"
        ));
        assert!(!monotonic_journal_signature(b"[ 9057.367166] usb 1-1 x"));
    }

    #[test]
    fn human_kernel_time() {
        let i = parse_dmesg_t(b"[Thu Mar 24 17:23:05 2022] EXT4-fs error (device sda1)");
        let want = civil_to_nanos(2022, 3, 24, 17, 23, 5, 0).expect("valid");
        assert_eq!(i.stamp, Some(Stamp::Local(want)));
        assert_eq!(i.level, Some(Level::Error));
        assert_eq!(parse_dmesg_t(b"[Thu Mar 24 17:23:05] x").stamp, None);
    }
}
