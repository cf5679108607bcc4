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

/// DRM's `*ERROR*` is a phrase the level is inferred from, wherever it stands
/// in the line: in the demo's kernel log it ends at the 64th byte after the
/// stamp, where the level sniffer read it as a stated `ERR`, so the GPU hang
/// showed as stated while the same marker further along showed `ER?`.
#[test]
fn drm_error_marker_is_inferred_wherever_it_stands() {
    let rows = casefile_ndjson(&["merge", "--json", "--tz", "UTC", &demo("kern.log")]);
    let marked: Vec<_> = rows
        .iter()
        .filter(|r| r["text"].as_str().is_some_and(|t| t.contains("*ERROR*")))
        .collect();
    assert!(marked.len() >= 2, "the FIFO underrun and the GPU hang");
    for r in marked {
        assert_eq!(
            (&r["level"], &r["level_inferred"]),
            (&"error".into(), &true.into()),
            "{r}"
        );
    }
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

/// Go's `log` writes no level, so a level word in its message is prose (`panic
/// demo "http" starting`); net/http's report of a handler's panic, `http: panic
/// serving ADDR: …` with its stack, is trouble whatever surrounds it and reads
/// as an inferred error (the server recovered and went on).
#[test]
fn go_log_reads_handler_panics_not_prose() {
    for f in [
        "go/http-handler-panic-recovered.log",
        "go/http-handler-panic-recovered-go127.log",
    ] {
        let o = casefile(&["merge", "--json", "--tz", "UTC", &corpus(f)]);
        assert!(o.status.success(), "{f}: {}", stderr(&o));
        let rows: Vec<serde_json::Value> = stdout(&o)
            .lines()
            .map(|l| serde_json::from_str(l).expect("a JSON line"))
            .collect();
        let text = |r: &serde_json::Value| r["text"].as_str().unwrap_or_default().to_owned();
        let leveled: Vec<(String, bool, String)> = rows
            .iter()
            .filter(|r| !r["level"].is_null())
            .map(|r| {
                let first = text(r).lines().next().unwrap_or_default().to_owned();
                (
                    r["level"].as_str().unwrap_or_default().to_owned(),
                    r["level_inferred"] == true,
                    first,
                )
            })
            .collect();
        assert_eq!(leveled.len(), 2, "{f}: {leveled:#?}");
        for (level, inferred, first) in &leveled {
            assert!(
                first.contains(" http: panic serving 127.0.0.1:"),
                "{f}: {first}"
            );
            assert_eq!((level.as_str(), *inferred), ("error", true), "{f}: {first}");
        }
    }
}
