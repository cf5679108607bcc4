//! The name of this machine's time zone, for labels: `Europe/Berlin` rather
//! than "local". chrono reads `TZ` first and `/etc/localtime` otherwise; the
//! name is found the same way, and checked against the offset chrono uses.

use chrono::{Offset, TimeZone};

/// This machine's zone as an IANA name when one can be found and agrees with
/// the offset in effect now, else the offset (`UTC+05:30`).
pub fn name() -> String {
    static NAME: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    NAME.get_or_init(|| {
        let tz = std::env::var("TZ").ok();
        find(tz.as_deref(), chrono::Utc::now())
    })
    .clone()
}

/// `tz` is the `TZ` variable, if set; `now` the instant whose offset must agree.
fn find(tz: Option<&str>, now: chrono::DateTime<chrono::Utc>) -> String {
    let local = now
        .with_timezone(&chrono::Local)
        .offset()
        .fix()
        .local_minus_utc();
    let candidate = match tz {
        // POSIX: an empty TZ means UTC.
        Some("") | Some(":") => Some("UTC".to_string()),
        // `:Europe/Berlin`, `Europe/Berlin`, `/usr/share/zoneinfo/Europe/Berlin`.
        Some(v) => {
            let v = v.strip_prefix(':').unwrap_or(v);
            Some(v.rsplit_once("zoneinfo/").map_or(v, |(_, n)| n).to_string())
        }
        None => iana_time_zone::get_timezone().ok(),
    };
    let named = candidate
        .and_then(|n| n.parse::<chrono_tz::Tz>().ok())
        .filter(|tz| {
            tz.offset_from_utc_datetime(&now.naive_utc())
                .fix()
                .local_minus_utc()
                == local
        });
    match named {
        Some(tz)
            if matches!(
                tz.name(),
                "UTC" | "Etc/UTC" | "Etc/Universal" | "Universal" | "Zulu" | "Etc/Zulu"
            ) =>
        {
            "UTC".into()
        }
        Some(tz) => tz.name().into(),
        None => super::Zone::Fixed(local).label(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_tz_or_falls_back_to_the_offset() {
        let now = chrono::Utc::now();
        let local = now
            .with_timezone(&chrono::Local)
            .offset()
            .fix()
            .local_minus_utc();
        // A name that disagrees with the offset in effect is not trusted.
        let far = if local == 9 * 3600 {
            "Europe/London"
        } else {
            "Asia/Tokyo"
        };
        let off = find(Some(far), now);
        assert!(off.starts_with("UTC"), "{off}");
        // A POSIX rule string is no IANA name: the offset stands in.
        assert!(find(Some("CET-1CEST"), now).starts_with("UTC"));
    }
}
