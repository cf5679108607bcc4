//! `docker compose logs`: `svc-1  | ` before each line (the service name padded
//! to the longest name's width plus one), then the container's own line,
//! optionally behind compose's `-t` stamp (`2024-04-25T05:32:35.584725130Z`).

use std::sync::LazyLock;

use super::{LineInfo, app, golog, iso, json, sniff_level};

/// Containers' JSON is found by searching every common key; built once.
static DEFAULT_JSON: LazyLock<json::JsonFormat> = LazyLock::new(json::JsonFormat::default);

/// Position after `name  | `, if the line has a compose prefix.
pub fn prefix_end(line: &[u8]) -> Option<usize> {
    let name = line
        .iter()
        .take(64)
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
        .count();
    if name == 0 {
        return None;
    }
    let spaces = line[name..].iter().take_while(|&&c| c == b' ').count();
    let bar = name + spaces;
    (spaces > 0 && line.get(bar) == Some(&b'|'))
        .then_some(bar + 1 + usize::from(line.get(bar + 1) == Some(&b' ')))
}

pub fn parse(line: &[u8]) -> LineInfo {
    let Some(p) = prefix_end(line) else {
        return LineInfo::default();
    };
    let inner = &line[p..];
    if let Some((stamp, end)) = iso::stamp_at(inner, 0) {
        return LineInfo {
            stamp: Some(stamp),
            level: sniff_level(&inner[end..], 48),
        };
    }
    if inner.first() == Some(&b'{') {
        return DEFAULT_JSON.parse(inner);
    }
    let redis = app::parse_redis(inner);
    if redis.stamp.is_some() {
        return redis;
    }
    // A Go service's `log` stamps (`2026/12/01 15:04:05.123456 msg`).
    let go = golog::parse(inner);
    if go.stamp.is_some() {
        return go;
    }
    LineInfo {
        stamp: None,
        level: sniff_level(inner, 48),
    }
}

/// Where `parse` reads the stamp: compose's, else the container's own
/// (redis, Go's `log`), behind the service's prefix, which stays.
pub fn header(line: &[u8]) -> Option<super::Header> {
    let p = prefix_end(line)?;
    let inner = &line[p..];
    if let Some((_, end)) = iso::stamp_at(inner, 0) {
        return Some(super::Header::stamp(p..p + end));
    }
    if inner.first() == Some(&b'{') {
        return None;
    }
    app::header_redis(inner)
        .or_else(|| golog::header(inner))
        .map(|h| h.shifted(p))
}

/// Whether a sample that nothing dates is `docker compose logs` of services
/// that print no stamps: nearly every line behind a service prefix.
pub fn looks_like_compose(lines: &[&[u8]]) -> Option<f32> {
    let prefixed = lines.iter().filter(|l| prefix_end(l).is_some()).count();
    let share = prefixed as f32 / lines.len().max(1) as f32;
    (share >= 0.8).then_some(share)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::Stamp;
    use crate::level::Level;
    use crate::time::civil_to_nanos;

    #[test]
    fn compose_prefixes() {
        let i = parse(b"web-1  | 2024-04-25T05:32:35.584725130Z WARNING: dev server");
        let want = civil_to_nanos(2024, 4, 25, 5, 32, 35, 584_725_130).expect("valid");
        assert_eq!(i.stamp, Some(Stamp::Utc(want)));
        assert_eq!(i.level, Some(Level::Warn));
        let i = parse(b"redis-1  | 1:M 25 Apr 2024 05:32:35.584 * Ready to accept");
        assert!(i.stamp.is_some());
        let i = parse(b"web-1  |  * Debug mode: on");
        assert_eq!(i.stamp, None);
        assert_eq!(parse(b"2024-04-25T05:32:35Z x").stamp, None);
        let i = parse(b"worker-1  | 2026/12/01 15:04:05.629729 worker 2 processing job 0");
        let want = civil_to_nanos(2026, 12, 1, 15, 4, 5, 629_729_000).expect("valid");
        assert_eq!(i.stamp, Some(Stamp::Local(want)));
    }
}
