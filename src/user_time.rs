//! Times as the user reads and types them. Times are shown in the zone the
//! logs are read in unless the user chose another, and a typed time is read
//! in the zone times are shown in; a time without a date (`17:23:05`) means
//! that time on the day the sources cover.

use chrono::NaiveDate;

use crate::index::Zone;
use crate::source::{Source, SourceSpec};
use crate::time::{NANOS_PER_DAY, Nanos};
use crate::timeline;
use crate::timeparse::{from_wall, parse_time, to_wall};

/// The zone to show times in when the user did not choose one: the zone in
/// which every source's zone-less stamps were read, so that times read as the
/// files wrote them. Sources whose stamps carry a zone do not count. When the
/// sources were read in different zones, or none needed one: `fallback`.
pub fn display_zone(sources: &[&Source], fallback: &Zone) -> Zone {
    let mut read_in = sources
        .iter()
        .filter(|s| s.index.stats.assumptions.used_zone)
        .map(|s| &s.zone);
    match read_in.next() {
        Some(z) if read_in.all(|o| o == z) => z.clone(),
        _ => fallback.clone(),
    }
}

/// The same choice before the sources are read: the zone every source is set
/// to be read in, when they agree, else `fallback`.
pub fn display_zone_of_specs(specs: &[SourceSpec], fallback: &Zone) -> Zone {
    let mut zones = specs.iter().map(|s| s.settings.zone.as_ref());
    match zones.next() {
        Some(Some(z)) if zones.all(|o| o == Some(z)) => z.clone(),
        _ => fallback.clone(),
    }
}

/// What the user said about zones and times, kept until the sources are read:
/// only then is it known which zone the logs were read in and which days
/// they cover.
#[derive(Debug, Clone)]
pub struct Asked {
    /// `--display-tz`, when given.
    pub display_zone: Option<Zone>,
    /// `--tz`, or this machine's zone.
    pub read_zone: Zone,
    pub since: Option<String>,
    pub until: Option<String>,
    /// What relative times (`-2h`) count from.
    pub now: Nanos,
}

impl Asked {
    /// What a resolved command line asks, with the --display-tz zone if given.
    pub fn of(r: &crate::cli::Resolved, display_zone: Option<Zone>) -> Asked {
        Asked {
            display_zone,
            read_zone: r.opts.zone.clone(),
            since: r.since.clone(),
            until: r.until.clone(),
            now: r.opts.now,
        }
    }

    /// The zone times are shown (and typed) in, once `sources` are read.
    pub fn zone(&self, sources: &[&Source]) -> Zone {
        self.display_zone
            .clone()
            .unwrap_or_else(|| display_zone(sources, &self.read_zone))
    }

    /// The same before anything is read.
    pub fn zone_of_specs(&self, specs: &[SourceSpec]) -> Zone {
        self.display_zone
            .clone()
            .unwrap_or_else(|| display_zone_of_specs(specs, &self.read_zone))
    }

    /// `--since`/`--until`, read in `zone` on the days `sources` cover.
    pub fn range(&self, zone: &Zone, sources: &[&Source]) -> Result<Range, String> {
        read_range(
            self.since.as_deref(),
            self.until.as_deref(),
            zone,
            common_span(sources),
            self.now,
        )
    }
}

/// The stretch every timed source covers: from where the last of them begins
/// (`timeline::common_start`) to the latest record.
pub fn common_span(sources: &[&Source]) -> Option<(Nanos, Nanos)> {
    let (_, end) = timeline::span(sources)?;
    Some((timeline::common_start(sources)?, end))
}

/// A typed time and, when a day had to be chosen for it, which one and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Typed {
    pub at: Nanos,
    pub note: Option<String>,
}

/// Reads a time the user typed, in `zone`. Relative forms (`+5m`, `-30s`)
/// count from `anchor`. A time that leaves out its date (`17:23`) or year
/// (`03-24 17:23`) is taken on a day inside `span`, the one nearest `anchor`
/// (so with the anchor at the end of the span, the last day the time occurs
/// in it); when it occurs on no day of the span, the day that brings it
/// nearest. When the span covers several days, `note` says which was taken.
pub fn read_time(
    s: &str,
    zone: &Zone,
    span: Option<(Nanos, Nanos)>,
    anchor: Nanos,
) -> Result<Typed, String> {
    let mut typed = read_on_a_day(s, zone, span, anchor)?;
    let note =
        repeated_note(s.trim(), typed.at, zone).or_else(|| skipped_note(s.trim(), typed.at, zone));
    if let Some(n) = note {
        typed.note = Some(match typed.note {
            Some(day) => format!("{day}; {n}"),
            None => n,
        });
    }
    Ok(typed)
}

/// A wall-clock time typed in the hour a zone repeats when daylight saving
/// time ends is two instants: which one `at` is, and the other as it can be
/// typed (with its offset). None for a time given as an instant (relative,
/// `now`, with an offset) or shown once.
fn repeated_note(t: &str, at: Nanos, zone: &Zone) -> Option<String> {
    if t.starts_with(['+', '-'])
        || t.eq_ignore_ascii_case("now")
        || chrono::DateTime::parse_from_rfc3339(t).is_ok()
    {
        return None;
    }
    let (first, second) = crate::timeparse::both_of_wall(to_wall(at, zone), zone)?;
    let (taken, other) = if at == first {
        (first, second)
    } else {
        (second, first)
    };
    let apart = crate::time::format_duration((second - first).abs());
    let (which, other_is) = if at == first {
        ("first", format!("the second is {apart} later"))
    } else {
        ("second", format!("the first is {apart} earlier"))
    };
    Some(format!(
        "'{t}' came twice in {} (daylight saving time ended): read as the {which}, {}; {other_is}: type {}",
        zone.label(),
        crate::timeparse::with_offset(taken, zone),
        crate::timeparse::with_offset(other, zone)
    ))
}

/// A wall-clock time typed in the hour a zone skips when daylight saving
/// time begins is read past the gap, as if the clocks had not gone forward
/// (`02:15` in Lord Howe, where 02:00 became 02:30, is 02:45): says so, and
/// what it was read as. None for a time that exists, or given as an instant.
fn skipped_note(t: &str, at: Nanos, zone: &Zone) -> Option<String> {
    if t.starts_with(['+', '-'])
        || t.eq_ignore_ascii_case("now")
        || chrono::DateTime::parse_from_rfc3339(t).is_ok()
        || matches!(zone, Zone::Fixed(_))
    {
        return None;
    }
    // The wall time as typed: read in UTC on the day `at` shows.
    let shown = to_wall(at, zone);
    let utc = Zone::Fixed(0);
    let typed = to_wall(
        parse_time(t, shown.and_utc().timestamp_nanos_opt()?, &utc).ok()?,
        &utc,
    );
    if typed == shown || !crate::timeparse::skipped(typed, zone) {
        return None;
    }
    Some(format!(
        "'{t}' does not exist in {} (daylight saving time began: the clocks went forward {}): read as {}, {}",
        zone.label(),
        crate::time::format_duration((shown - typed).num_nanoseconds()?),
        shown.format("%H:%M:%S%.f"),
        crate::timeparse::with_offset(at, zone)
    ))
}

/// `read_time` but for the repeated hour.
fn read_on_a_day(
    s: &str,
    zone: &Zone,
    span: Option<(Nanos, Nanos)>,
    anchor: Nanos,
) -> Result<Typed, String> {
    let t = s.trim();
    let plain = |at| Typed { at, note: None };
    let Some((start, end)) = span else {
        return parse_time(t, anchor, zone).map(plain);
    };
    if t.starts_with(['+', '-']) || t.eq_ignore_ascii_case("now") {
        return parse_time(t, anchor, zone).map(plain);
    }
    // Read the time as if typed on each day around the span (a month around
    // the anchor at most); a time with a full date gives one answer.
    let near = |x: Nanos| {
        x.clamp(
            anchor.saturating_sub(31 * NANOS_PER_DAY),
            anchor.saturating_add(31 * NANOS_PER_DAY),
        )
    };
    let first = to_wall(near(start), zone).date() - chrono::Days::new(1);
    let last = to_wall(near(end), zone).date() + chrono::Days::new(1);
    let mut candidates: Vec<Nanos> = Vec::new();
    for day in first.iter_days().take_while(|d| *d <= last) {
        let noon = day.and_hms_opt(12, 0, 0).and_then(|w| from_wall(w, zone));
        let Some(noon) = noon else { continue };
        let c = parse_time(t, noon, zone)?;
        if !candidates.contains(&c) {
            candidates.push(c);
        }
    }
    if candidates.len() <= 1 {
        return candidates
            .first()
            .copied()
            .map(plain)
            .map_or_else(|| parse_time(t, anchor, zone).map(plain), Ok);
    }
    let outside = |c: Nanos| (start - c).max(c - end).max(0);
    let at = candidates
        .iter()
        .copied()
        .min_by_key(|&c| (outside(c), (c - anchor).abs()))
        .unwrap_or(anchor);
    let (d0, d1) = (day(start, zone), day(end, zone));
    let note = (d0 != d1).then(|| {
        format!(
            "'{t}' read as {} {} (the sources cover {d0} to {d1})",
            to_wall(at, zone).format("%Y-%m-%d %H:%M:%S%.f"),
            zone.label()
        )
    });
    Ok(Typed { at, note })
}

/// When `at` lies outside every source's time, how far and where they are
/// (a time typed in the wrong zone reads "quiet for 7h54m" in every pane).
pub fn outside(at: Nanos, sources: &[&Source], zone: &Zone) -> Option<String> {
    let (a, b) = timeline::span(sources)?;
    let wall = |t: Nanos| to_wall(t, zone).format("%Y-%m-%d %H:%M:%S%.3f").to_string();
    let (gap, side) = if at < a {
        (a - at, "before the first record")
    } else if at > b {
        (at - b, "after the last record")
    } else {
        return None;
    };
    Some(format!(
        "{} {} is {} {side}: the sources cover {} to {} {}",
        wall(at),
        zone.label(),
        crate::time::format_duration(gap),
        wall(a),
        wall(b),
        zone.label()
    ))
}

fn day(t: Nanos, zone: &Zone) -> NaiveDate {
    to_wall(t, zone).date()
}

/// `--since`/`--until` as instants, read like any typed time. `--until +30m`
/// counts from `--since` when both are given; other relative times from `now`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Range {
    pub since: Option<Nanos>,
    pub until: Option<Nanos>,
    pub notes: Vec<String>,
}

pub fn read_range(
    since: Option<&str>,
    until: Option<&str>,
    zone: &Zone,
    span: Option<(Nanos, Nanos)>,
    now: Nanos,
) -> Result<Range, String> {
    let anchor = span.map_or(now, |(_, end)| end);
    let mut notes = Vec::new();
    let mut read = |s: &str, relative_to: Nanos, flag: &str| {
        let rel = s.trim_start().starts_with(['+', '-']);
        let t = read_time(s, zone, span, if rel { relative_to } else { anchor })
            .map_err(|e| format!("{flag}: {e}"))?;
        notes.extend(t.note.map(|n| format!("{flag} {n}")));
        Ok::<_, String>(t.at)
    };
    let since = since.map(|s| read(s, now, "--since")).transpose()?;
    let until = until
        .map(|s| read(s, since.unwrap_or(now), "--until"))
        .transpose()?;
    // Without the sources' span a time without a date is read on today's
    // date: 23:50 and 00:10 would be backwards even when the sources cross
    // midnight, so the order is judged once their days are known.
    if let (Some(a), Some(b), Some(_)) = (since, until, span)
        && b < a
    {
        return Err(format!(
            "--until ({}) is before --since ({})",
            to_wall(b, zone).format("%Y-%m-%d %H:%M:%S%.f"),
            to_wall(a, zone).format("%Y-%m-%d %H:%M:%S%.f")
        ));
    }
    Ok(Range {
        since,
        until,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::at;

    fn shanghai() -> Zone {
        Zone::parse("Asia/Shanghai").expect("zone")
    }

    #[test]
    fn a_time_without_a_date_falls_on_the_day_the_sources_cover() {
        let span = Some((at("2026-11-20T09:00:00Z"), at("2026-11-20T09:40:00Z")));
        // Typed on 2026-12-01 (now): still the sources' day, in Shanghai time.
        let now = at("2026-12-01T08:00:00Z");
        let t = read_time("17:23:05", &shanghai(), span, now).expect("reads");
        assert_eq!(t.at, at("2026-11-20T09:23:05Z"));
        assert_eq!(t.note, None, "one day: nothing to say");
        // A full date is taken as written; relative times count from the anchor.
        let t = read_time("2026-11-19 17:23", &shanghai(), span, now).expect("reads");
        assert_eq!(t.at, at("2026-11-19T09:23:00Z"));
        let t = read_time("-5m", &Zone::Fixed(0), span, now).expect("reads");
        assert_eq!(t.at, now - 300 * crate::time::NANOS_PER_SEC);
    }

    #[test]
    fn over_several_days_the_day_nearest_the_anchor_is_taken_and_named() {
        let span = Some((at("2026-11-19T22:00:00Z"), at("2026-11-21T02:00:00Z")));
        let utc = Zone::Fixed(0);
        let t = read_time("10:00", &utc, span, at("2026-11-21T02:00:00Z")).expect("reads");
        assert_eq!(t.at, at("2026-11-20T10:00:00Z"));
        let note = t.note.expect("says which day");
        assert!(
            note.contains("2026-11-20 10:00:00 UTC") && note.contains("2026-11-19 to 2026-11-21"),
            "{note}"
        );
        // 23:00 occurs on the 19th and 20th; from the end, the 20th.
        let t = read_time("23:00", &utc, span, at("2026-11-21T02:00:00Z")).expect("reads");
        assert_eq!(t.at, at("2026-11-20T23:00:00Z"));
        // From a cursor on the 19th, the 19th.
        let t = read_time("23:00", &utc, span, at("2026-11-19T22:30:00Z")).expect("reads");
        assert_eq!(t.at, at("2026-11-19T23:00:00Z"));
        // Across midnight: 23:30 is the evening, and a time on no day of the
        // span is taken on the day that brings it nearest.
        let night = Some((at("2026-11-19T22:00:00Z"), at("2026-11-20T01:00:00Z")));
        let end = at("2026-11-20T01:00:00Z");
        let t = read_time("23:30", &utc, night, end).expect("reads");
        assert_eq!(t.at, at("2026-11-19T23:30:00Z"));
        let t = read_time("03:00", &utc, night, end).expect("reads");
        assert_eq!(t.at, at("2026-11-20T03:00:00Z"));
    }

    /// 01:30 came twice in New York on 2024-11-03: the instant taken is
    /// said, and how to type the other (it was taken silently; the earlier,
    /// in a named zone and the machine's alike).
    #[test]
    fn a_time_in_the_repeated_hour_says_which_pass_it_took_and_how_to_type_the_other() {
        let ny = Zone::parse("America/New_York").expect("zone");
        let span = Some((at("2024-11-03T05:01:03Z"), at("2024-11-03T07:25:02Z")));
        let t = read_time("01:30", &ny, span, at("2024-11-03T07:25:02Z")).expect("reads");
        assert_eq!(t.at, at("2024-11-03T05:30:00Z"));
        assert_eq!(
            t.note.as_deref(),
            Some(
                "'01:30' came twice in America/New_York (daylight saving time ended): read as \
                 the first, 2024-11-03T01:30:00-04:00; the second is 1h00m later: type \
                 2024-11-03T01:30:00-05:00"
            )
        );
        // Typed with its offset, it is the one asked for: nothing to say.
        let t = read_time(
            "2024-11-03T01:30:00-05:00",
            &ny,
            span,
            at("2024-11-03T07:25:02Z"),
        )
        .expect("reads");
        assert_eq!((t.at, t.note), (at("2024-11-03T06:30:00Z"), None));
        // An hour that came once says nothing.
        let t = read_time("02:30", &ny, span, at("2024-11-03T07:25:02Z")).expect("reads");
        assert_eq!(t.note, None);
    }

    #[test]
    fn range_reads_both_ends_in_the_zone_and_checks_their_order() {
        let span = Some((at("2026-11-20T09:00:00Z"), at("2026-11-20T09:40:00Z")));
        let now = at("2026-12-01T08:00:00Z");
        let r = read_range(Some("17:23:05"), Some("+7s"), &shanghai(), span, now).expect("reads");
        assert_eq!(r.since, Some(at("2026-11-20T09:23:05Z")));
        assert_eq!(r.until, Some(at("2026-11-20T09:23:12Z")));
        let e = read_range(Some("17:30"), Some("17:20"), &shanghai(), span, now).unwrap_err();
        assert!(
            e.contains("--until (2026-11-20 17:20:00) is before --since"),
            "{e}"
        );
        let e = read_range(Some("soon"), None, &shanghai(), span, now).unwrap_err();
        assert!(e.starts_with("--since: 'soon' is not a time"), "{e}");
    }
}
