//! JSON lines: zap, logrus, zerolog, slog, bunyan, pino, ECS, nginx `escape=json`,
//! `journalctl -o json`, Docker's json-file. Detection learns which key holds the
//! time and which the level, so a line costs one or two substring searches (one
//! more for nginx's `msec` beside a whole-second time, only in a log that has it).
//! Nothing is deserialised: keys are found with `memmem` and values read in place.

use std::fmt;

use memchr::memmem::Finder;

use super::{LineInfo, Stamp, logfmt, sniff_level};
use crate::level::Level;
use crate::time::NANOS_PER_SEC;

pub const TIME_KEYS: [&str; 11] = [
    "time",
    "ts",
    "timestamp",
    "@timestamp",
    "t",
    "date",
    "datetime",
    "eventTime",
    "__REALTIME_TIMESTAMP",
    "time_iso8601",
    "msec",
];
pub const LEVEL_KEYS: [&str; 7] = [
    "level",
    "lvl",
    "severity",
    "log.level",
    "levelname",
    "PRIORITY",
    "s",
];

/// A key with its precomputed searcher for `"key"`; compares by name.
#[derive(Clone)]
pub struct Key {
    name: &'static str,
    finder: Finder<'static>,
}

impl Key {
    pub fn new(name: &'static str) -> Key {
        let quoted = format!("\"{name}\"");
        Key {
            name,
            finder: Finder::new(quoted.as_bytes()).into_owned(),
        }
    }

    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Where this key's first string value starts (after its opening quote).
    pub fn string_start(&self, line: &[u8]) -> Option<usize> {
        self.values(line)
            .find(|&p| line.get(p) == Some(&b'"'))
            .map(|p| p + 1)
    }

    /// The contents of this key's first string value (between its quotes,
    /// escapes as written).
    pub fn string_at(&self, line: &[u8]) -> Option<std::ops::Range<usize>> {
        let start = self.string_start(line)?;
        Some(start..string_end(line, start)?)
    }

    /// Positions of this key's values (after `:` and spaces), in line order.
    fn values<'a>(&'a self, line: &'a [u8]) -> impl Iterator<Item = usize> + 'a {
        self.finder.find_iter(line).filter_map(move |at| {
            let mut p = at + self.name.len() + 2;
            while line.get(p) == Some(&b' ') {
                p += 1;
            }
            if line.get(p) != Some(&b':') {
                return None;
            }
            p += 1;
            while line.get(p) == Some(&b' ') {
                p += 1;
            }
            Some(p)
        })
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        self.name == other.name
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.name)
    }
}

/// Which program wrote the JSON; only changes the name and where a level is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    Generic,
    /// `journalctl -o json`: microsecond `__REALTIME_TIMESTAMP`, syslog `PRIORITY`.
    Journal,
    /// Docker json-file: `{"log":"...","stream":"stderr","time":"..."}`.
    Docker,
}

#[derive(Debug, Clone, PartialEq)]
pub struct JsonFormat {
    pub flavor: Flavor,
    /// Tried in order on each line; detection narrows these to the one that works.
    pub time_keys: Vec<Key>,
    pub level_keys: Vec<Key>,
    /// nginx's `msec` (epoch seconds with millis) beside a time key of whole seconds
    /// (`time_iso8601`): the instant when it agrees to the second. Learned only when
    /// sampled lines have it, so a log without it still costs one search a line.
    /// Boxed: a `Key` is large and `Format` is moved around whole.
    pub finer: Option<Box<Key>>,
}

/// The key whose value is finer than a whole-second time key beside it.
const FINER_KEY: &str = "msec";

impl Default for JsonFormat {
    fn default() -> Self {
        JsonFormat {
            flavor: Flavor::Generic,
            time_keys: TIME_KEYS.iter().map(|k| Key::new(k)).collect(),
            level_keys: LEVEL_KEYS.iter().map(|k| Key::new(k)).collect(),
            finer: Some(Box::new(Key::new(FINER_KEY))),
        }
    }
}

/// The closing quote of the JSON string whose contents start at `start`.
pub fn string_end(line: &[u8], start: usize) -> Option<usize> {
    let mut k = start;
    loop {
        k += memchr::memchr2(b'"', b'\\', line.get(k..)?)?;
        if line[k] == b'"' {
            return Some(k);
        }
        k += 2;
    }
}

/// Whether a line holds a JSON object, possibly behind a short prefix (`caddy  | {`).
#[inline]
pub fn is_object(line: &[u8]) -> bool {
    memchr::memchr(b'{', &line[..line.len().min(64)]).is_some()
}

/// A time value at `p`: an ISO or numeric string, a number, or MongoDB's `{"$date":...}`.
fn time_at(line: &[u8], p: usize) -> Option<Stamp> {
    match *line.get(p)? {
        b'"' => logfmt::time_value(line, p + 1),
        b'0'..=b'9' => super::digits::epoch(line, p).map(|(s, _)| s),
        b'{' => {
            let inner = line.get(p..line.len().min(p + 48))?;
            let d = memchr::memmem::find(inner, b"\"$date\"")?;
            let colon = p + d + 7 + inner[d + 7..].iter().position(|&c| c == b':')?;
            let v = colon + 1 + usize::from(line.get(colon + 1) == Some(&b' '));
            time_at(line, v)
        }
        _ => None,
    }
}

/// A level value: a word (`"info"`, `"W"`), a syslog `PRIORITY` digit, bunyan's
/// 10..60 or Monolog/Nextcloud's 0..4 numbers.
fn level_at(line: &[u8], p: usize, key: &str) -> Option<Level> {
    let quoted = line.get(p) == Some(&b'"');
    let v = p + usize::from(quoted);
    let n = line[v.min(line.len())..]
        .iter()
        .take(13)
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    let word = &line[v..v + n];
    if word.is_empty() || !word.iter().all(u8::is_ascii_digit) {
        return if quoted { Level::parse(word) } else { None };
    }
    let num: u32 = std::str::from_utf8(word).ok()?.parse().ok()?;
    if key == "PRIORITY" {
        return (num <= 7).then(|| Level::from_syslog_severity(num as u8));
    }
    Some(match num {
        0 => Level::Debug,
        1 => Level::Info,
        2 => Level::Warn,
        3 => Level::Error,
        4..=9 => Level::Fatal,
        10..=19 => Level::Trace,
        20..=29 => Level::Debug,
        30..=39 => Level::Info,
        40..=49 => Level::Warn,
        50..=59 => Level::Error,
        _ => Level::Fatal,
    })
}

impl JsonFormat {
    pub fn name(&self) -> &'static str {
        match self.flavor {
            Flavor::Generic => "json",
            Flavor::Journal => "journal-json",
            Flavor::Docker => "docker-json",
        }
    }

    pub fn parse(&self, line: &[u8]) -> LineInfo {
        if !is_object(line) {
            return LineInfo::default();
        }
        let stamp = self
            .time_keys
            .iter()
            .find_map(|k| k.values(line).find_map(|p| time_at(line, p)));
        let stamp = match (stamp, &self.finer) {
            (Some(Stamp::Utc(t)), Some(finer)) if t % NANOS_PER_SEC == 0 => {
                Some(Stamp::Utc(finer_instant(line, finer, t).unwrap_or(t)))
            }
            _ => stamp,
        };
        let level = match self.flavor {
            Flavor::Docker => docker_level(line),
            _ => self
                .level_keys
                .iter()
                .find_map(|k| k.values(line).find_map(|p| level_at(line, p, k.name()))),
        };
        LineInfo { stamp, level }
    }

    /// Learns the time and level keys from sampled lines: the key that dates the most
    /// lines wins (earlier in the key list on ties). None if no key dates a line.
    pub fn discover(lines: &[&[u8]]) -> Option<JsonFormat> {
        let objects: Vec<&[u8]> = lines.iter().copied().filter(|l| is_object(l)).collect();
        let best = |keys: &[&'static str], hit: &dyn Fn(&Key, &[u8]) -> bool| {
            keys.iter()
                .map(|k| Key::new(k))
                .map(|k| {
                    let n = objects.iter().filter(|l| hit(&k, l)).count();
                    (n, k)
                })
                .filter(|(n, _)| *n > 0)
                .fold(None::<(usize, Key)>, |acc, (n, k)| match acc {
                    Some((m, _)) if m >= n => acc,
                    _ => Some((n, k)),
                })
        };
        let (_, time) = best(&TIME_KEYS, &|k, l| {
            k.values(l).any(|p| time_at(l, p).is_some())
        })?;
        let finer = Key::new(FINER_KEY);
        let finer = (time != finer
            && objects
                .iter()
                .any(|l| finer.values(l).any(|p| time_at(l, p).is_some())))
        .then(|| Box::new(finer));
        let level = best(&LEVEL_KEYS, &|k, l| {
            k.values(l).any(|p| level_at(l, p, k.name()).is_some())
        });
        let docker = objects
            .iter()
            .filter(|l| {
                memchr::memmem::find(l, b"\"log\":").is_some()
                    && memchr::memmem::find(l, b"\"stream\":").is_some()
            })
            .count();
        let flavor = if time.name() == "__REALTIME_TIMESTAMP" {
            Flavor::Journal
        } else if docker * 2 > objects.len() {
            Flavor::Docker
        } else {
            Flavor::Generic
        };
        Some(JsonFormat {
            flavor,
            time_keys: vec![time],
            level_keys: level.map(|(_, k)| vec![k]).unwrap_or_default(),
            finer,
        })
    }
}

/// The finer key's instant when it falls in the whole second `second` (nanoseconds)
/// names; None when it is missing or another second: then no guess which is right.
fn finer_instant(line: &[u8], finer: &Key, second: i64) -> Option<i64> {
    match finer.values(line).find_map(|p| time_at(line, p))? {
        Stamp::Utc(t) if t.div_euclid(NANOS_PER_SEC) * NANOS_PER_SEC == second => Some(t),
        _ => None,
    }
}

/// Docker keeps the program's own line in `log`: look for a level word at its start.
fn docker_level(line: &[u8]) -> Option<Level> {
    let p = memchr::memmem::find(line, b"\"log\":\"")?;
    sniff_level(&line[p + 7..], 48)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::civil_to_nanos;

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32, n: u32) -> Option<Stamp> {
        Some(Stamp::Utc(
            civil_to_nanos(y, mo, d, h, mi, s, n).expect("valid"),
        ))
    }

    #[test]
    fn default_searches_common_keys() {
        let j = JsonFormat::default();
        let i = j.parse(br#"{"level":"info","ts":1795442711.5,"msg":"x"}"#);
        assert_eq!(i.stamp, Some(Stamp::Utc(1_795_442_711_500_000_000)));
        assert_eq!(i.level, Some(Level::Info));
        let i = j.parse(br#"{"name":"r","level":50,"msg":"x","time":"2023-03-24T14:26:16.243Z"}"#);
        assert_eq!(i.stamp, utc(2023, 3, 24, 14, 26, 16, 243_000_000));
        assert_eq!(i.level, Some(Level::Error));
        let i = j.parse(br#"{"t":{"$date":"2026-03-10T20:58:09.401+00:00"},"s":"W","c":"X"}"#);
        assert_eq!(i.stamp, utc(2026, 3, 10, 20, 58, 9, 401_000_000));
        assert_eq!(i.level, Some(Level::Warn));
        let i = j.parse(br#"{ "__REALTIME_TIMESTAMP" : "1534860261221373", "PRIORITY" : "3" }"#);
        assert_eq!(i.stamp, Some(Stamp::Utc(1_534_860_261_221_373_000)));
        assert_eq!(i.level, Some(Level::Error));
        assert_eq!(j.parse(b"no json here time").stamp, None);
    }

    /// nginx's `escape=json` lines: `time_iso8601` has whole seconds and the offset,
    /// `msec` the millis. The finer one gives the instant when both agree to the second.
    #[test]
    fn nginx_msec_gives_the_millis_time_iso8601_lacks() {
        let nginx: [&[u8]; 2] = [
            br#"{"time_iso8601":"2026-11-23T05:35:30-08:00","msec":"1795440930.606","status":200}"#,
            br#"{"time_iso8601":"2026-11-23T05:35:31-08:00","msec":"1795440931.002","status":404}"#,
        ];
        let f = JsonFormat::discover(&nginx).expect("found");
        assert_eq!(
            f.parse(nginx[0]).stamp,
            utc(2026, 11, 23, 13, 35, 30, 606_000_000)
        );
        assert_eq!(
            f.parse(nginx[1]).stamp,
            utc(2026, 11, 23, 13, 35, 31, 2_000_000)
        );
        // A second apart: time_iso8601 is kept, no guess which one is right.
        let apart = br#"{"time_iso8601":"2026-11-23T05:35:30-08:00","msec":"1795440931.606"}"#;
        assert_eq!(f.parse(apart).stamp, utc(2026, 11, 23, 13, 35, 30, 0));
        let without = br#"{"time_iso8601":"2026-11-23T05:35:30-08:00","status":200}"#;
        assert_eq!(f.parse(without).stamp, utc(2026, 11, 23, 13, 35, 30, 0));
        let number = br#"{"time_iso8601":"2026-11-23T05:35:30-08:00","msec":1795440930.606}"#;
        assert_eq!(
            f.parse(number).stamp,
            utc(2026, 11, 23, 13, 35, 30, 606_000_000)
        );
        // `--format json` searches every key: msec refines there too.
        let any = JsonFormat::default();
        assert_eq!(
            any.parse(nginx[0]).stamp,
            utc(2026, 11, 23, 13, 35, 30, 606_000_000)
        );
        // msec alone dates the line as before.
        let alone: [&[u8]; 1] = [br#"{"msec":"1795440930.606","status":200}"#];
        let f = JsonFormat::discover(&alone).expect("found");
        assert_eq!(f.time_keys[0].name(), "msec");
        assert_eq!(
            f.parse(alone[0]).stamp,
            utc(2026, 11, 23, 13, 35, 30, 606_000_000)
        );
        assert_eq!(
            any.parse(alone[0]).stamp,
            utc(2026, 11, 23, 13, 35, 30, 606_000_000)
        );
    }

    /// A log without `msec` learns only its time key: a line costs one search for it.
    #[test]
    fn a_log_without_msec_learns_no_finer_key() {
        let lines: [&[u8]; 1] = [br#"{"time":"2026-11-23T05:35:30-08:00","level":"info"}"#];
        let f = JsonFormat::discover(&lines).expect("found");
        assert_eq!(f.time_keys.len(), 1);
        assert_eq!(f.finer, None);
        let nginx: [&[u8]; 1] =
            [br#"{"time_iso8601":"2026-11-23T05:35:30-08:00","msec":"1795440930.606"}"#];
        let f = JsonFormat::discover(&nginx).expect("found");
        assert_eq!(f.finer.map(|k| k.name()), Some("msec"));
    }

    #[test]
    fn discovery_names_flavours() {
        let journal: [&[u8]; 1] =
            [br#"{"PRIORITY":"6","__REALTIME_TIMESTAMP":"1795442918881981"}"#];
        let f = JsonFormat::discover(&journal).expect("found");
        assert_eq!(f.name(), "journal-json");
        let docker: [&[u8]; 1] = [
            br#"{"log":"ERROR boom\n","stream":"stderr","time":"2022-03-24T17:23:05.123456789Z"}"#,
        ];
        let f = JsonFormat::discover(&docker).expect("found");
        assert_eq!(f.name(), "docker-json");
        let i = f.parse(docker[0]);
        assert_eq!(i.stamp, utc(2022, 3, 24, 17, 23, 5, 123_456_789));
        assert_eq!(i.level, Some(Level::Error));
        let prom: [&[u8]; 1] =
            [br#"{"caller":"m.go:1","level":"info","msg":"x","ts":"2026-11-23T14:10:26.149Z"}"#];
        let f = JsonFormat::discover(&prom).expect("found");
        assert_eq!(f.time_keys[0].name(), "ts");
        assert_eq!(f.level_keys[0].name(), "level");
    }
}
