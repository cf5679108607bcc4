//! logrus's colour `TextFormatter` (`INFO[0000] msg  key=value`): its
//! levels and messages read, its records undated (the bracket counts whole
//! seconds since the program started; no wall clock), and a warning that
//! says so and how to get a dated log, rather than "try --format".

mod common;
use common::*;

const LOGRUS: &str = "ansi/logrus-forcecolors.log";

#[test]
fn logrus_tty_levels_are_read_and_its_records_stay_undated() {
    let v = index_json(&[&corpus(LOGRUS)]);
    let s = &v["sources"][0];
    assert_eq!(s["format"], "logrus-tty", "{s}");
    assert_eq!(s["records"], 14, "{s}");
    assert_eq!(s["timestamped_fraction"], 0.0, "{s}");
    assert_eq!(s["first"], serde_json::Value::Null, "{s}");
    // ESC[36mINFO ×6, ESC[37mDEBU ×5, ESC[31mERRO ×2, ESC[33mWARN ×1.
    assert_eq!(s["levels"]["info"], 6, "{s}");
    assert_eq!(s["levels"]["debug"], 5, "{s}");
    assert_eq!(s["levels"]["error"], 2, "{s}");
    assert_eq!(s["levels"]["warn"], 1, "{s}");
    let w = s["warnings"].to_string();
    assert!(w.contains("seconds since the program started"), "{w}");
    assert!(w.contains("FullTimestamp"), "{w}");
    assert!(!w.contains("try --format"), "{w}");
    // The eighth line is `ERRO[0000] request finished … status=500`.
    let rows = casefile_ndjson(&["merge", "--json", "--tz", "UTC", &corpus(LOGRUS)]);
    assert_eq!(rows[7]["level"], "error", "{}", rows[7]);
    assert_eq!(rows[7]["time"], serde_json::Value::Null, "{}", rows[7]);
    assert!(
        rows[7]["text"]
            .as_str()
            .is_some_and(|t| t.contains("status")),
        "{}",
        rows[7]
    );
}

#[test]
fn logrus_tty_templates_hold_the_message_not_the_seconds() {
    let t = templates(&corpus(LOGRUS));
    assert_eq!(t.iter().map(|(_, n)| n).sum::<u64>(), 14, "{t:?}");
    assert!(
        t.iter()
            .any(|(t, n)| t.starts_with("request finished duration=") && *n == 5),
        "{t:?}"
    );
    for (template, _) in &t {
        for head in ["[0000]", "INFO", "DEBU", "ERRO", "WARN"] {
            assert!(!template.contains(head), "{template}");
        }
    }
}
