//! Levels inferred from kernel fault phrases, as the headless commands report them.

mod common;
use common::*;

fn kern() -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tui/kern.log")
        .to_string_lossy()
        .into_owned()
}

#[test]
fn index_counts_inferred_levels() {
    let v = index_json(&[&kern()]);
    let s = &v["sources"][0];
    assert_eq!(s["levels"]["error"], 4, "{s}");
    assert_eq!(s["levels_inferred"]["error"], 4, "{s}");
    let o = casefile(&["index", "--tz", "UTC", &kern()]);
    assert!(
        stdout(&o).contains("levels     error 4 (4 inferred)"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn merge_and_show_say_which_levels_are_inferred() {
    let rows = casefile_ndjson(&["merge", "--json", "--tz", "UTC", &kern()]);
    let hang = rows
        .iter()
        .find(|r| r["text"].as_str().is_some_and(|t| t.contains("GPU HANG")))
        .expect("the GPU HANG row");
    assert_eq!(
        (&hang["level"], &hang["level_inferred"]),
        (&"error".into(), &true.into())
    );
    let boot = &rows[0];
    assert_eq!(
        (&boot["level"], &boot["level_inferred"]),
        (&serde_json::Value::Null, &false.into())
    );

    let o = casefile(&[
        "show",
        "--json",
        "--tz",
        "UTC",
        "--at",
        "2022-03-24 17:23:04",
        &kern(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let rows = v["sources"][0]["rows"].as_array().expect("rows");
    assert!(rows.iter().any(|r| r["level_inferred"] == true), "{v}");
}

/// No phrase fires on real syslog and journal samples that report no fault,
/// and a `<PRI>` severity is kept as written.
#[test]
fn ordinary_system_logs_get_no_inferred_levels() {
    for f in [
        "syslog-rfc3164/rsyslog-traditional.log",
        "syslog-rfc3164/rsyslog-forwarded-udp-raw.log",
        "syslog-rfc3164/lnav-logfile_syslog.0",
        "syslog-rfc3164/lnav-logfile_partitions.0",
        "syslog-rfc3339/rsyslog-fileformat-rfc3339.log",
        "openssh/auth-rsyslog.log",
        "journald/journalctl-short.txt",
        "journald/journalctl-short-iso.txt",
        "journald/journalctl-short-monotonic.txt",
        "journald/journalctl-short-unix.txt",
        "journald/journalctl-cat.txt",
    ] {
        let v = index_json(&[&corpus(f)]);
        let s = &v["sources"][0];
        assert_eq!(s["levels_inferred"], serde_json::json!({}), "{f}: {s}");
    }
    let v = index_json(&[&corpus("syslog-rfc3164/rsyslog-forwarded-udp-raw.log")]);
    assert!(v["sources"][0]["levels"]["info"].as_u64() > Some(0));
}
