//! Levels inferred from what a line says, for logs that carry no level of
//! their own: kernel logs and syslog write the loudest lines of an incident
//! (`GPU HANG`, `segfault at`, `Out of memory`) with no level word at all.
//! Only phrases that mean trouble whatever surrounds them are used, so an
//! inferred level is strong evidence, and it is marked as inferred.

use std::sync::OnceLock;

use regex::bytes::{Matches, Regex};

use super::Format;
use crate::level::Level;

/// The phrases and the level each implies. Case matters: the kernel writes
/// them exactly so, and lower-case variants ("GPU hang" in a follow-up line)
/// are commentary, not the event.
pub const PHRASES: [(&str, Level); 13] = [
    // Kernel faults (arch/x86 traps, mm/oom_kill.c, kernel/hung_task.c,
    // lib/bug.c, i915's error capture).
    ("segfault at ", Level::Error),
    ("general protection", Level::Error),
    ("GPU HANG", Level::Error),
    ("Oops: ", Level::Error),
    ("BUG: ", Level::Error),
    ("Call Trace", Level::Error),
    ("Out of memory", Level::Error),
    ("blocked for more than", Level::Error),
    // The kernel's last words: nothing after it ran.
    ("Kernel panic - not syncing", Level::Panic),
    // DRM's error marker (`drm_err`, `DRM_ERROR`): a real level, but written
    // after the driver and device names, out of reach of the level sniffer.
    ("*ERROR*", Level::Error),
    // nginx writes this at `error` when a proxied request times out; seen
    // without its level in syslog and journal copies of nginx's log.
    ("upstream timed out", Level::Error),
    // The kernel's OOM killer at work, in cgroups too ("Memory cgroup out of memory").
    ("out of memory: Killed process", Level::Error),
    // net/http's report of a handler's panic (`c.server.logf("http: panic serving
    // %v: %v\n%s", …)`), stack below it, through Go's level-less `log`; the
    // server recovers, so it is an error, not the process's end.
    ("http: panic serving ", Level::Error),
];

/// One alternation of the phrases: the regex crate finds literal sets with a
/// SIMD prefilter (Teddy), about 0.2 s for 256 MB of syslog on one core here,
/// where the aho-corasick crate's default automaton took 2.6 s.
fn phrases() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let alternation: Vec<String> = PHRASES.iter().map(|(p, _)| regex::escape(p)).collect();
        Regex::new(&alternation.join("|")).expect("fixed phrases build")
    })
}

/// The level of the phrase `found` (a match of `phrases()`).
fn level_of(found: &[u8]) -> Level {
    PHRASES
        .iter()
        .find(|(p, _)| p.as_bytes() == found)
        .map_or(Level::Error, |(_, l)| *l)
}

/// Formats whose lines have no level field: syslog without `<PRI>`, kernel
/// ring buffers, journal text outputs, Go's `log` and plain text.
pub fn applies(format: &Format) -> bool {
    if let Format::Prefixed(inner) = format {
        return applies(inner);
    }
    matches!(
        format,
        Format::Syslog3164
            | Format::Syslog3339
            | Format::JournalShortIso
            | Format::JournalMonotonic
            | Format::JournalUnix
            | Format::Epoch
            | Format::Dmesg
            | Format::DmesgT
            | Format::GoLog
            | Format::Plain
    )
}

/// The level the phrases in `line` imply (the worst of them), if any.
pub fn level(line: &[u8]) -> Option<Level> {
    phrases()
        .find_iter(line)
        .map(|m| level_of(m.as_bytes()))
        .max()
}

/// Phrase hits over a whole chunk of lines in one pass (much cheaper than one
/// search per line), consumed line by line in order.
pub struct Scan<'a> {
    hits: Matches<'static, 'a>,
    next: Option<(usize, Level)>,
}

impl<'a> Scan<'a> {
    /// Scans `region`; positions are relative to its start.
    pub fn new(region: &'a [u8]) -> Scan<'a> {
        let mut hits = phrases().find_iter(region);
        let next = hits.next().map(|m| (m.start(), level_of(m.as_bytes())));
        Scan { hits, next }
    }

    /// The worst level implied by phrases starting in `start..end`. Calls must
    /// come with ascending, non-overlapping ranges.
    pub fn level_in(&mut self, start: usize, end: usize) -> Option<Level> {
        let mut worst = None;
        while let Some((at, level)) = self.next {
            if at >= end {
                break;
            }
            if at >= start {
                worst = worst.max(Some(level));
            }
            self.next = self
                .hits
                .next()
                .map(|m| (m.start(), level_of(m.as_bytes())));
        }
        worst
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Real kernel and nginx lines, as users quoted them in public bug reports
    /// (LKML, Ubuntu and Launchpad threads, nginx questions): the lines casefile
    /// must not leave without a level.
    const FAULTS: [(&str, Level); 12] = [
        (
            "Jul  6 10:01:39 camlinux kernel: [667904.232297] [drm] GPU HANG: ecode 7:0:0x85df3c1c, in Xorg [19819], reason: Ring hung, action: reset",
            Level::Error,
        ),
        (
            "[ 2309.571940] xawtv.bin[3666]: segfault at 0 ip 00007fba0a529441 sp 00007fffa00bdff8 error 4 in libc-2.10.1.so[7fba0a4aa000+166000]",
            Level::Error,
        ),
        (
            "Aug  7 18:36:34 genoskill-compaq kernel: [24609.352003] plugin-containe[4465] general protection ip:7c14df sp:ff13cc38 error:0 in libc-2.11.1.so[797000+153000]",
            Level::Error,
        ),
        (
            "Dec 21 21:37:27 wolff.to kernel: BUG: unable to handle kernel NULL pointer dereference at 00000020",
            Level::Error,
        ),
        (
            "Dec 21 21:37:27 wolff.to kernel: Oops: 0000 [#1] SMP",
            Level::Error,
        ),
        ("Dec 21 21:37:26 wolff.to kernel: Call Trace:", Level::Error),
        (
            "May 10 19:57:00 heartbeat1 kernel: Out of memory: Killed process 4368 (postfixlookup.p).",
            Level::Error,
        ),
        (
            "2026-09-01T05:34:58+02:00 kartoffelschen kernel: Out of memory: Killed process 2552509 (jellyfin) total-vm:278141732kB, anon-rss:23483348kB, file-rss:8kB, shmem-rss:40088kB",
            Level::Error,
        ),
        (
            "Mar  5 08:31:52 puma kernel: [10359910.034733] INFO: task ThreadPoolForeg:1181536 blocked for more than 120 seconds.",
            Level::Error,
        ),
        (
            "[   56.932663] [drm:intel_cpu_fifo_underrun_irq_handler [i915]] *ERROR* CPU pipe A FIFO underrun",
            Level::Error,
        ),
        (
            "2024/01/15 14:32:10 [error] 1234#1234: *567 upstream timed out (110: Connection timed out) while connecting to upstream, client: 192.168.1.100",
            Level::Error,
        ),
        (
            "kernel: Kernel panic - not syncing: Fatal exception 5",
            Level::Panic,
        ),
    ];

    #[test]
    fn fault_phrases_imply_their_level() {
        for (line, want) in FAULTS {
            assert_eq!(level(line.as_bytes()), Some(want), "{line}");
        }
    }

    #[test]
    fn ordinary_and_follow_up_lines_imply_nothing() {
        for line in [
            // The lines after i915's GPU HANG talk about the hang in lower case.
            "Nov 20 14:31:07 kiosk-07 kernel: [86412.332017] i915 0000:00:02.0: [drm] kiosk-client[2211] context reset due to GPU hang",
            "Jul  6 10:01:39 camlinux kernel: [667904.234413] drm/i915: Resetting chip after gpu hang",
            "Nov  2 06:32:35 lisn-mia kernel: [54124.550150] \"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\" disables this message.",
            "Nov 23 15:03:31 vm sshd[10092]: Server listening on 127.0.0.1 port 12222.",
            "a bug: report it",
        ] {
            assert_eq!(level(line.as_bytes()), None, "{line}");
        }
    }

    #[test]
    fn chunk_scan_equals_line_by_line() {
        let mut text = String::new();
        for (i, (line, _)) in FAULTS.iter().enumerate() {
            text.push_str(line);
            text.push('\n');
            text.push_str(&format!("ordinary line {i}\n"));
        }
        text.push_str("GPU HANG and Kernel panic - not syncing on one line\n");
        let bytes = text.as_bytes();
        let mut scan = Scan::new(bytes);
        let mut pos = 0;
        for line in bytes.split_inclusive(|&b| b == b'\n') {
            let got = scan.level_in(pos, pos + line.len());
            assert_eq!(got, level(line), "{}", String::from_utf8_lossy(line));
            pos += line.len();
        }
    }
}
