//! Turns a line's raw stamp into an instant using what the source knows:
//! its time zone, the file's modification time (for years), its boot time.

use chrono::{Datelike, LocalResult, NaiveDateTime, Offset, TimeZone};

use crate::format::Stamp;
use crate::time::{NANOS_PER_SEC, Nanos, civil_to_nanos, in_range, to_datetime};

/// The zone in which zoneless wall-clock times are read.
#[derive(Debug, Clone, PartialEq)]
pub enum Zone {
    /// The zone of the machine casefile runs on (`TZ`, `/etc/localtime`).
    Local,
    Named(chrono_tz::Tz),
    /// A fixed offset east of UTC, in seconds (`+05:30`, `UTC`).
    Fixed(i32),
}

impl Zone {
    /// Parses `UTC`, `local`, `Europe/Berlin`, `+05:30`, `-0800`.
    pub fn parse(s: &str) -> Result<Zone, String> {
        let t = s.trim();
        if t.eq_ignore_ascii_case("utc")
            || t.eq_ignore_ascii_case("z")
            || t.eq_ignore_ascii_case("gmt")
        {
            return Ok(Zone::Fixed(0));
        }
        if t.eq_ignore_ascii_case("local") {
            return Ok(Zone::Local);
        }
        // `+05:30`, and `UTC+05:30` as labels print it.
        let offset = t
            .get(..3)
            .filter(|p| p.eq_ignore_ascii_case("utc") || p.eq_ignore_ascii_case("gmt"))
            .map_or(t, |_| &t[3..]);
        if let Some((off, used)) = crate::format::zone_offset(offset.as_bytes(), 0)
            && used == offset.len()
            && used > 1
        {
            return Ok(Zone::Fixed(off));
        }
        t.parse::<chrono_tz::Tz>()
            .map(Zone::Named)
            .map_err(|_| format!("unknown time zone '{s}': use an IANA name like Europe/Berlin, UTC, local, or an offset like +05:30"))
    }

    /// Offset east of UTC, in seconds, in effect at the given wall-clock time.
    /// In a repeated hour (DST fall-back) the earlier instant is chosen.
    fn offset_at_wall(&self, wall: NaiveDateTime) -> i32 {
        fn pick<T: TimeZone>(r: LocalResult<chrono::DateTime<T>>) -> i32 {
            match r {
                // The earlier of two is first (`local_from_wall` for the machine's zone).
                LocalResult::Single(d) | LocalResult::Ambiguous(d, _) => {
                    d.offset().fix().local_minus_utc()
                }
                // In a skipped hour (spring forward), read with the offset from before the gap.
                LocalResult::None => 0,
            }
        }
        match self {
            Zone::Fixed(o) => *o,
            Zone::Named(tz) => match tz.from_local_datetime(&wall) {
                LocalResult::None => {
                    pick(tz.from_local_datetime(&(wall - chrono::Duration::hours(1))))
                }
                r => pick(r),
            },
            Zone::Local => match local_from_wall(wall) {
                LocalResult::None => pick(local_from_wall(wall - chrono::Duration::hours(1))),
                r => pick(r),
            },
        }
    }

    /// The zone as a user reads it: `Asia/Shanghai`, `UTC`, `UTC+08:00`; this
    /// machine's zone by its name (from `TZ` or `/etc/localtime`), never "local".
    pub fn label(&self) -> String {
        match self {
            Zone::Local => super::machine_zone::name(),
            Zone::Named(tz) => tz.name().into(),
            Zone::Fixed(0) => "UTC".into(),
            Zone::Fixed(o) => {
                let sign = if *o < 0 { '-' } else { '+' };
                format!("UTC{sign}{:02}:{:02}", o.abs() / 3600, o.abs() % 3600 / 60)
            }
        }
    }
}

/// Per-source time interpretation. Cheap to clone; each indexing thread has its own (it caches zone lookups).
#[derive(Debug, Clone)]
pub struct Resolver {
    pub zone: Zone,
    /// Reference instant for logs without a year (file mtime, or now).
    pub year_ref: Nanos,
    /// When the machine booted, for kernel `[seconds.micros]` stamps.
    pub boot_time: Option<Nanos>,
    /// Last wall-clock quarter hour looked up and its offset: zone lookups are
    /// the slowest part of indexing zoneless logs and consecutive lines share them.
    cache: (i64, i32),
    /// Last (month, day) of a no-year stamp and its midnight: consecutive lines share a day.
    day_cache: Option<(u8, u8, Option<Nanos>)>,
    /// For time-of-day stamps: the midnight (wall clock) of the day the
    /// log's last line was written, and that line's time of day
    /// (`anchor_clock`).
    clock: Option<(Nanos, Nanos)>,
}

const DAY: Nanos = 86_400 * NANOS_PER_SEC;

/// How far past the anchor's time of day a line still counts as of the
/// anchor's day: lines a little out of order at the log's end.
const CLOCK_SLACK: Nanos = 10 * 60 * NANOS_PER_SEC;

/// What a resolver had to assume, reported as source warnings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Assumptions {
    pub used_zone: bool,
    pub inferred_year: bool,
    pub inferred_date: bool,
    pub missing_boot_time: bool,
}

/// The machine's zone's instants for a wall-clock time, as a named zone's
/// are. chrono's reading of the zone file calls times after a step back that
/// come once ambiguous too (Lord Howe's clocks go back half an hour, 02:00 to
/// 01:30, and it gave 02:00–02:29 two instants), and gives a repeated time's
/// two in the other order than chrono-tz: only the instants whose own wall
/// time is `wall` are kept, the earlier first.
pub(crate) fn local_from_wall(wall: NaiveDateTime) -> LocalResult<chrono::DateTime<chrono::Local>> {
    match chrono::Local.from_local_datetime(&wall) {
        LocalResult::Ambiguous(a, b) => {
            let shows = |d: &chrono::DateTime<chrono::Local>| {
                chrono::Local
                    .from_utc_datetime(&d.naive_utc())
                    .naive_local()
                    == wall
            };
            let (early, late) = if a <= b { (a, b) } else { (b, a) };
            match (shows(&early), shows(&late)) {
                (true, true) => LocalResult::Ambiguous(early, late),
                (true, false) => LocalResult::Single(early),
                (false, true) => LocalResult::Single(late),
                (false, false) => LocalResult::Ambiguous(early, late),
            }
        }
        r => r,
    }
}

impl Resolver {
    pub fn new(zone: Zone, year_ref: Nanos, boot_time: Option<Nanos>) -> Resolver {
        Resolver {
            zone,
            year_ref,
            boot_time,
            cache: (i64::MIN, 0),
            day_cache: None,
            clock: None,
        }
    }

    /// Dates time-of-day stamps by the log's last one, `last` (its time of
    /// day, as written): the log ends on the day that puts that line nearest
    /// the reference (`year_ref`, read in the source's zone), so a zone
    /// the log was not written in, or a file copied hours later, moves no
    /// line to another day; a line later in the day than the last line was
    /// written the day before. Without `last` (a stream), the reference's
    /// own time of day stands for it.
    pub fn anchor_clock(&mut self, last: Option<Nanos>) {
        let off = i64::from(self.offset_for_wall(self.year_ref)) * NANOS_PER_SEC;
        let wall = self.year_ref.saturating_add(off);
        let midnight = wall.div_euclid(DAY) * DAY;
        self.clock = Some(match last {
            Some(t) => {
                let day = [midnight - DAY, midnight, midnight + DAY]
                    .into_iter()
                    .min_by_key(|d| (d + t - wall).abs())
                    .unwrap_or(midnight);
                (day, t)
            }
            None => (midnight, wall - midnight),
        });
    }

    /// Dates time-of-day stamps by a day the user gave (`--set NAME.date=`,
    /// its midnight as wall clock): the log's last line, `last`, was
    /// written on it.
    pub fn clock_on(&mut self, day: Nanos, last: Option<Nanos>) {
        self.clock = Some((day, last.unwrap_or(DAY)));
    }

    /// The day (its midnight, wall clock) the log's last time-of-day stamp
    /// is read on, once one was resolved.
    pub fn clock_day(&self) -> Option<Nanos> {
        self.clock.map(|(day, _)| day)
    }

    /// The midnight (wall clock) of the day a time of day `t` is read on.
    fn day_of(&mut self, t: Nanos) -> Nanos {
        if self.clock.is_none() {
            self.anchor_clock(None);
        }
        let (day, last) = self.clock.unwrap_or((0, 0));
        if t <= last + CLOCK_SLACK {
            day
        } else {
            day - DAY
        }
    }

    /// The instant of a stamp, or None when it cannot be placed: kernel time
    /// without boot time, or an instant outside `time::MIN_TIME..=MAX_TIME`.
    #[inline]
    pub fn resolve(&mut self, stamp: Stamp, seen: &mut Assumptions) -> Option<Nanos> {
        self.instant(stamp, seen).and_then(in_range)
    }

    // Inlined into the indexer's loop, where most stamps are `Utc` or
    // `Local` (a function call a line cost indexing 5–10%).
    #[inline(always)]
    fn instant(&mut self, stamp: Stamp, seen: &mut Assumptions) -> Option<Nanos> {
        match stamp {
            Stamp::Utc(t) => Some(t),
            Stamp::OutOfRange => None,
            Stamp::Local(wall) => {
                seen.used_zone = true;
                wall.checked_sub(i64::from(self.offset_for_wall(wall)) * NANOS_PER_SEC)
            }
            Stamp::NoYear {
                month,
                day,
                offset_min,
                nanos_of_day,
            } => {
                seen.inferred_year = true;
                let midnight = match self.day_cache {
                    Some((m, d, t)) if (m, d) == (month, day) => t,
                    _ => {
                        let t = self.infer_year(month, day);
                        self.day_cache = Some((month, day, t));
                        t
                    }
                };
                let wall = midnight?.checked_add(nanos_of_day)?;
                self.wall_to_utc(wall, offset_min, seen)
            }
            Stamp::NoDate {
                offset_min,
                nanos_of_day,
            } => self.no_date(offset_min, nanos_of_day, seen),
            Stamp::SinceBoot(t) => match self.boot_time {
                Some(b) => b.checked_add(t),
                None => {
                    seen.missing_boot_time = true;
                    None
                }
            },
        }
    }

    /// A time of day's instant. Out of line: inlined into `instant`, it made
    /// every other stamp's resolution (inlined into the indexer's loop)
    /// slower, indexing 7% slower on a 1 GiB ISO log (`cargo bench --bench
    /// patterns -- --rounds 5`).
    #[inline(never)]
    fn no_date(
        &mut self,
        offset_min: Option<i16>,
        nanos_of_day: Nanos,
        seen: &mut Assumptions,
    ) -> Option<Nanos> {
        seen.inferred_date = true;
        let wall = self.day_of(nanos_of_day).checked_add(nanos_of_day)?;
        self.wall_to_utc(wall, offset_min, seen)
    }

    /// A wall-clock time of a stamp without a date or year as an instant:
    /// by the offset the line printed (minutes), else the source's zone.
    #[inline]
    fn wall_to_utc(
        &mut self,
        wall: Nanos,
        offset_min: Option<i16>,
        seen: &mut Assumptions,
    ) -> Option<Nanos> {
        let offset = match offset_min {
            Some(m) => i64::from(m) * 60,
            None => {
                seen.used_zone = true;
                i64::from(self.offset_for_wall(wall))
            }
        };
        wall.checked_sub(offset * NANOS_PER_SEC)
    }

    fn offset_for_wall(&mut self, wall: Nanos) -> i32 {
        if let Zone::Fixed(o) = self.zone {
            return o;
        }
        let bucket = wall.div_euclid(15 * 60 * NANOS_PER_SEC);
        let (b, off) = self.cache;
        if b == bucket {
            return off;
        }
        let off = self.zone.offset_at_wall(to_datetime(wall).naive_utc());
        self.cache = (bucket, off);
        off
    }

    /// Midnight (as wall-clock nanos) of month/day in the latest year that does
    /// not put it after the reference date: a log without years cannot be from
    /// the future, so December lines read in January belong to last year.
    fn infer_year(&self, month: u8, day: u8) -> Option<Nanos> {
        let r = to_datetime(self.year_ref);
        let mut year = r.year();
        // A day of slack for zone differences between the writer and this machine.
        if (u32::from(month), u32::from(day)) > (r.month(), r.day() + 1) {
            year -= 1;
        }
        civil_to_nanos(year, u32::from(month), u32::from(day), 0, 0, 0, 0)
            .or_else(|| civil_to_nanos(year - 1, u32::from(month), u32::from(day), 0, 0, 0, 0))
    }

    /// The year assumed for a no-year stamp dated month/day (for the warning text).
    pub fn assumed_year(&self, month: u8, day: u8) -> Option<i32> {
        self.infer_year(month, day).map(|t| to_datetime(t).year())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::time::at;

    #[test]
    fn named_zone_handles_dst() {
        let mut r = Resolver::new(Zone::parse("Europe/Berlin").expect("zone"), 0, None);
        let mut s = Assumptions::default();
        let winter = r.resolve(Stamp::Local(at("2022-01-10T12:00:00Z")), &mut s);
        assert_eq!(winter, Some(at("2022-01-10T11:00:00Z")));
        let summer = r.resolve(Stamp::Local(at("2022-07-10T12:00:00Z")), &mut s);
        assert_eq!(summer, Some(at("2022-07-10T10:00:00Z")));
        assert!(s.used_zone);
    }

    /// Why the demo needs `--tz UTC`: its zoneless client log moves with the
    /// zone it is read in, its backend's `Z` stamps do not, so read in New
    /// York the client's 14:31:07 lands 5 hours after the backend's.
    #[test]
    fn a_zoneless_stamp_moves_with_the_zone_a_zoned_one_does_not() {
        let written = at("2026-11-20T14:31:07.219Z");
        let mut s = Assumptions::default();
        let mut utc = Resolver::new(Zone::parse("UTC").expect("zone"), 0, None);
        let mut new_york = Resolver::new(Zone::parse("America/New_York").expect("zone"), 0, None);
        assert_eq!(utc.resolve(Stamp::Local(written), &mut s), Some(written));
        assert_eq!(
            new_york.resolve(Stamp::Local(written), &mut s),
            Some(at("2026-11-20T19:31:07.219Z"))
        );
        assert_eq!(new_york.resolve(Stamp::Utc(written), &mut s), Some(written));
    }

    #[test]
    fn year_rolls_back_across_new_year() {
        let mut r = Resolver::new(Zone::Fixed(0), at("2027-01-02T10:00:00Z"), None);
        let mut s = Assumptions::default();
        let dec = r.resolve(
            Stamp::NoYear {
                month: 12,
                day: 31,
                offset_min: None,
                nanos_of_day: 0,
            },
            &mut s,
        );
        assert_eq!(dec, Some(at("2026-12-31T00:00:00Z")));
        let jan = r.resolve(
            Stamp::NoYear {
                month: 1,
                day: 2,
                offset_min: None,
                nanos_of_day: 0,
            },
            &mut s,
        );
        assert_eq!(jan, Some(at("2027-01-02T00:00:00Z")));
        assert!(s.inferred_year);
    }

    /// logcat's `-v zone`: a month and day without a year, and the offset
    /// the line printed, which the source's zone does not override.
    #[test]
    fn a_printed_offset_places_a_stamp_without_a_year() {
        let mut r = Resolver::new(
            Zone::parse("America/New_York").expect("zone"),
            at("2026-12-02T10:00:00Z"),
            None,
        );
        let mut s = Assumptions::default();
        let stamp = |offset_min| Stamp::NoYear {
            month: 3,
            day: 17,
            offset_min,
            nanos_of_day: (16 * 3600 + 13 * 60 + 38) * NANOS_PER_SEC,
        };
        let t = r.resolve(stamp(Some(8 * 60)), &mut s);
        assert_eq!(t, Some(at("2026-03-17T08:13:38Z")));
        assert!(s.inferred_year && !s.used_zone);
        let t = r.resolve(stamp(None), &mut s);
        assert_eq!(t, Some(at("2026-03-17T20:13:38Z")));
        assert!(s.used_zone);
    }

    #[test]
    fn boot_time_needed_for_kernel_stamps() {
        let mut s = Assumptions::default();
        let mut r = Resolver::new(Zone::Fixed(0), 0, None);
        assert_eq!(r.resolve(Stamp::SinceBoot(5), &mut s), None);
        assert!(s.missing_boot_time);
        let mut r = Resolver::new(Zone::Fixed(0), 0, Some(100));
        assert_eq!(r.resolve(Stamp::SinceBoot(5), &mut s), Some(105));
    }

    /// Issue 12 item 6: instants past what casefile places wrapped to 1677.
    #[test]
    fn out_of_range_instants_are_not_placed() {
        let mut s = Assumptions::default();
        let mut r = Resolver::new(Zone::Fixed(-8 * 3600), 0, Some(i64::MAX - 5));
        assert_eq!(r.resolve(Stamp::Utc(i64::MAX), &mut s), None);
        assert_eq!(r.resolve(Stamp::Local(i64::MAX - 1), &mut s), None);
        assert_eq!(r.resolve(Stamp::SinceBoot(10), &mut s), None);
        assert_eq!(r.resolve(Stamp::OutOfRange, &mut s), None);
        assert_eq!(
            r.resolve(Stamp::Local(at("2191-12-31T10:00:00Z")), &mut s),
            Some(at("2191-12-31T18:00:00Z"))
        );
    }

    #[test]
    fn zone_parse_errors_say_what_to_do() {
        assert_eq!(Zone::parse("+05:30"), Ok(Zone::Fixed(5 * 3600 + 1800)));
        assert_eq!(Zone::parse("UTC+08:00"), Ok(Zone::Fixed(8 * 3600)));
        assert_eq!(Zone::Fixed(8 * 3600).label(), "UTC+08:00");
        assert_eq!(Zone::Fixed(-(3 * 3600 + 1800)).label(), "UTC-03:30");
        assert!(Zone::parse("UTC+").is_err());
        assert!(
            Zone::parse("Mars/Olympus")
                .expect_err("unknown zone")
                .contains("IANA")
        );
    }

    fn tod(h: i64, m: i64) -> Stamp {
        Stamp::NoDate {
            offset_min: None,
            nanos_of_day: (h * 60 + m) * 60 * NANOS_PER_SEC,
        }
    }

    /// A log of times of day, its last line at `last` (h, m), its file
    /// written at `mtime`, read in `zone`: where each of `stamps` falls.
    fn dated(
        zone: &str,
        mtime: &str,
        last: Option<(i64, i64)>,
        stamps: &[(i64, i64)],
    ) -> Vec<String> {
        let mut r = Resolver::new(Zone::parse(zone).expect("zone"), at(mtime), None);
        r.anchor_clock(last.map(|(h, m)| (h * 60 + m) * 60 * NANOS_PER_SEC));
        let mut s = Assumptions::default();
        let out = stamps
            .iter()
            .map(|&(h, m)| {
                let t = r.resolve(tod(h, m), &mut s).expect("placed");
                crate::time::format_rfc3339(t)
            })
            .collect();
        assert!(s.inferred_date && s.used_zone);
        out
    }

    #[test]
    fn a_time_of_day_falls_on_the_last_lines_day_or_the_day_before() {
        // Written from 20:00 on the 19th to 05:59 on the 20th.
        assert_eq!(
            dated(
                "UTC",
                "2026-11-20T06:00:00Z",
                Some((5, 59)),
                &[(20, 0), (23, 59), (0, 0), (5, 59), (6, 5)]
            ),
            [
                "2026-11-19T20:00:00Z",
                "2026-11-19T23:59:00Z",
                "2026-11-20T00:00:00Z",
                "2026-11-20T05:59:00Z",
                // A few minutes past the last line: out of order at the end.
                "2026-11-20T06:05:00Z",
            ]
        );
    }

    /// The last line is read on the day that puts it nearest the file's
    /// mtime: a log written in Berlin read as UTC, or a file copied hours
    /// later, keeps its lines on their day.
    #[test]
    fn the_log_ends_on_the_day_nearest_its_mtime_whatever_the_zone_or_a_copy() {
        // Berlin's 14:00 is 13:00 UTC; read as UTC, the last line is an
        // hour after the mtime, on the same day.
        assert_eq!(
            dated(
                "UTC",
                "2026-11-20T13:00:30Z",
                Some((14, 0)),
                &[(9, 0), (14, 0)]
            ),
            ["2026-11-20T09:00:00Z", "2026-11-20T14:00:00Z"]
        );
        // Copied 9 hours after midnight: the 23:50 line is still the 19th's.
        assert_eq!(
            dated(
                "UTC",
                "2026-11-20T09:00:00Z",
                Some((23, 50)),
                &[(22, 0), (23, 50)]
            ),
            ["2026-11-19T22:00:00Z", "2026-11-19T23:50:00Z"]
        );
        // Read in Berlin: wall clock 01:00 on the 21st at the mtime.
        assert_eq!(
            dated(
                "Europe/Berlin",
                "2026-11-21T00:00:00Z",
                Some((0, 30)),
                &[(23, 0), (0, 30)]
            ),
            ["2026-11-20T22:00:00Z", "2026-11-20T23:30:00Z"]
        );
    }

    /// A stream has no last line yet: the reference's own time of day
    /// stands for it.
    #[test]
    fn without_a_last_line_the_reference_time_of_day_divides_the_days() {
        assert_eq!(
            dated("UTC", "2026-11-20T12:00:00Z", None, &[(11, 0), (13, 0)]),
            ["2026-11-20T11:00:00Z", "2026-11-19T13:00:00Z"]
        );
    }
}
