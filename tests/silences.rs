//! `casefile silences` on the demo incident and on bad arguments.

mod common;
use common::*;

fn silences_json(args: &[&str]) -> serde_json::Value {
    let mut a = vec!["silences", "--json", "--tz", "UTC"];
    a.extend_from_slice(args);
    casefile_json(&a)
}

fn demo_all() -> Vec<String> {
    [
        "kiosk-client.log",
        "kern.log",
        "supervisord.log",
        "backend.log",
    ]
    .iter()
    .map(|f| demo(f))
    .collect()
}

/// The story (assets/demo-src/README.md): the client's last line is at
/// 14:31:07.219, it starts again at 14:43:23 after the operator's restart, and
/// the kernel logs the GPU hang in the same second.
#[test]
fn the_demo_silence_is_found_and_ranked_first_beside_the_gpu_hang() {
    let files = demo_all();
    let args: Vec<&str> = files.iter().map(String::as_str).collect();
    let v = silences_json(&args);
    assert_eq!(sorted_keys(&v), ["precursors", "quiet_periods", "silences"]);
    let first = &v["silences"][0];
    assert_eq!(
        sorted_keys(first),
        [
            "after",
            "before",
            "duration_s",
            "end",
            "nearby",
            "score",
            "source",
            "start"
        ]
    );
    assert_eq!(first["source"], "kiosk-client");
    assert_eq!(first["start"], "2026-11-20T14:31:07.219Z");
    assert!(
        first["end"]
            .as_str()
            .is_some_and(|e| e.starts_with("2026-11-20T14:43:23")),
        "{first}"
    );
    assert_eq!(sorted_keys(&first["before"]), ["line", "text", "time"]);
    assert!(
        first["before"]["text"]
            .as_str()
            .is_some_and(|t| t.contains("uploading textures")),
        "{first}"
    );
    assert!(
        first["after"]["text"]
            .as_str()
            .is_some_and(|t| t.contains("starting, pid 2280"))
    );
    // Line numbers are the file's: the last line before the restart and the first after.
    let text = std::fs::read_to_string(demo("kiosk-client.log")).expect("demo");
    let before = first["before"]["line"].as_u64().expect("line") as usize;
    assert!(
        text.lines()
            .nth(before - 1)
            .is_some_and(|l| l.contains("uploading textures"))
    );
    let near = &first["nearby"][0];
    assert_eq!(
        sorted_keys(near),
        ["level", "level_inferred", "line", "source", "text", "time"]
    );
    assert_eq!(near["source"], "kern");
    // Its line in kern.log, where the record can be read whole.
    let kern = std::fs::read_to_string(demo("kern.log")).expect("demo");
    let line = near["line"].as_u64().expect("line") as usize;
    assert!(
        kern.lines()
            .nth(line - 1)
            .is_some_and(|l| l.contains("GPU HANG")),
        "{near}"
    );
    assert_eq!(near["level"], "error");
    // Inferred from `GPU HANG` (the text prints `ER?`, the screen too), as
    // `show` and `merge --json` mark it; the backend's WARN is its own.
    assert_eq!(near["level_inferred"], true, "{near}");
    let said = first["nearby"]
        .as_array()
        .expect("array")
        .iter()
        .find(|n| n["source"] == "backend" && n["level"] == "warn")
        .expect("the backend's ws disconnect");
    assert_eq!(said["level_inferred"], false, "{said}");
    assert!(
        near["text"]
            .as_str()
            .is_some_and(|t| t.contains("GPU HANG")),
        "{near}"
    );
    // Nothing from the silent source itself, all within ±10 s of the start.
    for n in first["nearby"].as_array().expect("array") {
        assert_ne!(n["source"], "kiosk-client");
        let t = n["time"].as_str().expect("time");
        assert!(
            ("2026-11-20T14:30:57.219Z"..="2026-11-20T14:31:17.219Z").contains(&t),
            "{t}"
        );
    }
    // Ranked first by a clear margin over anything else found.
    if let Some(second) = v["silences"].get(1) {
        assert!(first["score"].as_f64() > second["score"].as_f64());
    }
}

#[test]
fn a_source_alone_in_its_quiet_stretch_is_a_quiet_period_not_a_silence() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Two sources logging every second from 10:00:00; both stop from 10:05 to 10:20.
    let mut a = String::new();
    let mut b = String::new();
    for s in (0..300).chain(1200..1500) {
        let t = format!("2026-11-20T10:{:02}:{:02}", s / 60, s % 60);
        a += &format!("{t}.100Z INFO a tick {s}\n");
        b += &format!("{t}.600Z INFO b tock {s}\n");
    }
    let pa = write(dir.path(), "a.log", a.as_bytes());
    let pb = write(dir.path(), "b.log", b.as_bytes());
    let v = silences_json(&[pa.to_str().expect("utf8"), pb.to_str().expect("utf8")]);
    assert_eq!(v["silences"].as_array().map(Vec::len), Some(0), "{v}");
    let q = &v["quiet_periods"][0];
    assert_eq!(sorted_keys(q), ["duration_s", "end", "start"]);
    assert_eq!(q["start"], "2026-11-20T10:04:59.100Z");
    assert_eq!(q["end"], "2026-11-20T10:20:00.600Z");
}

/// A JSON log that stops at 04:07 on the day before the demo incident, opened
/// with it: the kernel and supervisord begin at 14:30, so its "silence until
/// the end" began with no other source logging. It is no evidence, so it ranks
/// after the client's 12m16s silence (whatever its length), and says why.
#[test]
fn a_log_that_ends_before_the_others_begin_ranks_last_and_says_why() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut early = String::new();
    for i in 0..4200 {
        let ms = i * 100;
        let (s, frac) = (ms / 1000, ms % 1000);
        early += &format!(
            "{{\"time\":\"2026-11-19T04:{:02}:{:02}.{frac:03}Z\",\"level\":\"info\",\"msg\":\"cache sweep\",\"n\":{i}}}\n",
            s / 60,
            s % 60
        );
    }
    let pe = write(dir.path(), "early.json", early.as_bytes());
    let mut files = demo_all();
    files.push(pe.to_str().expect("utf8").to_string());
    let mut args = vec!["silences", "--tz", "UTC"];
    args.extend(files.iter().map(String::as_str));
    let out = stdout(&casefile(&args));
    let ranks: Vec<&str> = out.lines().filter(|l| l.starts_with('#')).collect();
    assert_eq!(ranks.len(), 2, "{out}");
    assert!(
        ranks[0].starts_with("#1 kiosk-client silent 12m16s"),
        "{out}"
    );
    assert!(
        ranks[1].starts_with("#2 early silent ")
            && ranks[1].ends_with(
                "; no other source logging at its start (others begin 10h23m after it starts)"
            ),
        "{out}"
    );
    let v = silences_json(&files.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(v["silences"][0]["source"], "kiosk-client");
    assert!(v["silences"][0].get("alone").is_none(), "{v}");
    assert_eq!(v["silences"][1]["source"], "early");
    assert_eq!(
        v["silences"][1]["alone"],
        "no other source logging at its start (others begin 10h23m after it starts)"
    );
}

/// `app` logs every second from 10:00 to 10:30 but not from 10:10 to 10:20;
/// `worker` logs from 09:55 and stops at 10:13, 3m into app's silence. Nobody
/// logged on both sides of it, but "no other source around" was wrong:
/// another source was logging at its start, and the text, the JSON and the
/// screen say when it stopped.
#[test]
fn others_that_stopped_during_a_silence_are_said_to_have_stopped() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Every second from `from` to `to`, seconds after 09:00, none inside `hole`.
    let log = |name: &str, from: i64, to: i64, hole: Option<(i64, i64)>| {
        let mut text = String::new();
        for t in from..=to {
            if hole.is_some_and(|(a, b)| t > a && t < b) {
                continue;
            }
            let (h, m, s) = (9 + t / 3600, t % 3600 / 60, t % 60);
            text += &format!("2026-11-20 {h:02}:{m:02}:{s:02}.000 INFO {name} tick {t}\n");
        }
        write(dir.path(), &format!("{name}.log"), text.as_bytes())
    };
    let app = log("app", 3600, 5400, Some((4200, 4800)));
    let worker = log("worker", 3300, 4380, None);
    let files = [app.to_str().expect("utf8"), worker.to_str().expect("utf8")];
    let mut args = vec!["silences", "--tz", "UTC"];
    args.extend(files);
    let out = stdout(&casefile(&args));
    let line = out
        .lines()
        .find(|l| l.contains(" app silent "))
        .unwrap_or_else(|| panic!("no silence of app:\n{out}"));
    assert!(
        line.contains("10:10:00.000 .. ")
            && line.ends_with("; others stopped 3m00s after it began"),
        "{out}"
    );
    let v = silences_json(&files);
    let silences = v["silences"].as_array().expect("silences");
    let app = silences
        .iter()
        .find(|s| s["source"] == "app")
        .unwrap_or_else(|| panic!("{v}"));
    assert_eq!(app["others_stopped_s"], 180.0, "{app}");
    assert!(app.get("alone").is_none(), "{app}");
    for s in silences.iter().filter(|s| s["source"] != "app") {
        assert!(s.get("others_stopped_s").is_none(), "{s}");
    }
}

#[test]
fn a_bad_duration_names_the_option_and_the_value() {
    let o = casefile(&["silences", "--min-silence", "soon", &demo("kern.log")]);
    assert!(!o.status.success());
    let e = stderr(&o);
    assert!(e.contains("--min-silence") && e.contains("'soon'"), "{e}");
    let o = casefile(&["silences", "--window", "0s", &demo("kern.log")]);
    assert!(stderr(&o).contains("--window '0s'"), "{}", stderr(&o));
}

#[test]
fn text_output_names_the_source_the_length_and_the_kernel_line() {
    let files = demo_all();
    let mut args = vec!["silences", "--tz", "UTC"];
    args.extend(files.iter().map(String::as_str));
    let o = casefile(&args);
    let out = stdout(&o);
    let first = out.lines().next().unwrap_or("");
    assert!(
        first.starts_with("#1 kiosk-client silent 12m16s  2026-11-20 14:31:07.219"),
        "{out}"
    );
    assert!(out.contains("GPU HANG"), "{out}");
}

/// A client that logs every half second stops twice, each time after a burst
/// of reconnect attempts; a server logs steadily throughout.
#[test]
fn a_burst_before_each_silence_is_named_as_a_precursor() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (server, client) = common::burst_logs::burst_logs();
    let pc = write(dir.path(), "client.log", client.as_bytes());
    let ps = write(dir.path(), "server.log", server.as_bytes());
    let v = silences_json(&[
        "--precursor-window",
        "1m",
        pc.to_str().expect("utf8"),
        ps.to_str().expect("utf8"),
    ]);
    let sil = v["silences"].as_array().expect("silences");
    assert_eq!(sil.len(), 2, "{v}");
    assert!(sil.iter().all(|s| s["source"] == "client"));
    let p = &v["precursors"][0];
    assert_eq!(
        sorted_keys(p),
        [
            "baseline_per_hour",
            "before_counts",
            "silent",
            "source",
            "template"
        ]
    );
    assert_eq!(p["source"], "client");
    assert_eq!(p["template"], "ws reconnect attempt <*>");
    assert_eq!(p["before_counts"], serde_json::json!([40, 40]));
    assert_eq!(p["baseline_per_hour"], 0.0);
    // The steady lines are no precursor.
    assert!(
        v["precursors"]
            .as_array()
            .expect("array")
            .iter()
            .all(|p| p["template"] != "served request <*>")
    );
}
