//! What a source's index says to the user once read: formats and times
//! assumed, lines without a time, hours read twice.

use super::unread::Unread;
use crate::format::{Detection, Format};
use crate::index::{Index, Resolver, Zone};
use crate::time::{Nanos, format_rfc3339};

pub(super) fn index_warnings(
    idx: &Index,
    det: &Detection,
    // What the index says in place of "no timestamps", and whether every
    // byte is white space.
    (unread, white): (Option<&Unread>, bool),
    assumed_zone: Option<&Zone>,
    resolver: &Resolver,
    // When the file was last written, and whether the user said so.
    (year_ref, date_set): (Nanos, bool),
    total: u64,
) -> Vec<String> {
    let st = &idx.stats;
    let mut w = Vec::new();
    let reference = if date_set {
        "--set NAME.date"
    } else {
        "file mtime"
    };
    if total == 0 {
        w.push("empty: the source has no lines".into());
        return w;
    }
    // Lines, and nothing on any of them (or spaces and tabs): no format
    // would read one.
    if white || (st.longest_line == 0 && st.timestamped_lines == 0) {
        let n = match st.lines {
            1 => "1 line".to_string(),
            n => format!("{n} lines"),
        };
        let what = if st.longest_line == 0 {
            "empty"
        } else {
            "empty or white space"
        };
        w.push(format!("blank: every line is {what} ({n})"));
        return w;
    }
    // A dump cut at its end is said after what the format's reading says.
    let at_end = unread.filter(|u| !u.in_place());
    let unread = unread.filter(|u| u.in_place());
    if det.format == Format::GoDump {
        w.push(unread.map_or_else(
            || "a Go goroutine dump: one record per goroutine, no timestamps (`casefile goroutines` groups and ranks them)".into(),
            |u| u.text().into(),
        ));
    } else if let Some(u) = unread.filter(|u| u.said(st.timestamped_lines)) {
        w.push(u.text().into());
    } else if det.format == Format::LogrusTty {
        w.push(crate::format::logrus::UNDATED.into());
    } else if det.format == Format::Plain || st.timestamped_lines == 0 {
        w.push("no timestamps recognised: records keep file order and cannot be placed in time (try --format)".into());
    }
    w.extend(at_end.map(|u| u.text().to_string()));
    if st.assumptions.inferred_year {
        let (m, d) = st.no_year_sample.unwrap_or((1, 1));
        let year = resolver.assumed_year(m, d).unwrap_or(0);
        w.push(format!(
            "no year in timestamps: assumed {year} from {reference} ({}; set with --set NAME.date=YYYY-MM-DD)",
            &format_rfc3339(year_ref)[..10]
        ));
    }
    if st.assumptions.inferred_date
        && let Some(day) = resolver.clock_day()
    {
        w.push(format!(
            "no date in timestamps: the last line read as written on {} (from {reference}), lines later in the day than it on the day before (set with --set NAME.date=YYYY-MM-DD)",
            &format_rfc3339(day)[..10],
        ));
    }
    if let Some(zone) = assumed_zone.filter(|_| st.assumptions.used_zone) {
        w.push(format!(
            "no time zone in timestamps: read as {} (set with --tz)",
            zone.label()
        ));
    }
    if let Some(line) = st.first_out_of_range {
        let more = match st.out_of_range {
            1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        w.push(format!(
            "line {line}{more}: time out of range (casefile places times from 1900 to 2191): read as undated"
        ));
    }
    if st.assumptions.missing_boot_time {
        w.push("kernel timestamps count seconds since boot: give the boot time (--boot-time) to place them".into());
    }
    if idx.reversed() {
        // Steps back are counted again in the order read.
        w.push(format!(
            "newest first (journalctl -r, tac): read in reverse, oldest first; line numbers are the file's{}",
            match st.backwards {
                0 => String::new(),
                1 => ", and times still go backwards once".into(),
                n => format!(", and times still go backwards {n} times"),
            }
        ));
    } else if idx.newest_first() {
        // A rotated set whose parts run newest first: each part is read as
        // written, so each of its times is misplaced.
        w.push(format!(
            "newest first: times go back at {} of {} steps; casefile reads a rotated set's files oldest first and misplaces these (write them oldest first: journalctl without -r, or tac)",
            st.backwards,
            st.backwards + st.forwards
        ));
    } else if st.backwards > 0 {
        let times = if st.backwards == 1 {
            "once".to_string()
        } else {
            format!("{} times", st.backwards)
        };
        w.push(format!("times go backwards {times}"));
    }
    if st.longest_line > 1 << 20 {
        w.push(format!(
            "a line of {} MiB: shown cut",
            st.longest_line >> 20
        ));
    }
    w
}

/// What a source's warnings say of an hour its zone repeated.
pub(super) fn repeated_hour_note(r: &crate::index::repeated_hour::Repeated, zone: &Zone) -> String {
    let from = crate::timeparse::to_wall(r.at, zone);
    let to = from + chrono::Duration::nanoseconds(r.by);
    format!(
        "daylight saving time ended on {}: {}–{} came twice; its {} records are read in the order written, {} of them after the clocks went back",
        from.format("%Y-%m-%d"),
        from.format("%H:%M"),
        to.format("%H:%M"),
        r.records,
        r.after
    )
}
