//! The demo's story (assets/demo-src/README.md) agrees with the demo's logs,
//! and the paths it names exist.

use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn story() -> String {
    std::fs::read_to_string(root().join("assets/demo-src/README.md")).expect("story")
}

#[test]
fn every_path_the_story_names_exists() {
    let re = regex::Regex::new(r"(?:^|[\s`(])((?:assets|src)/[\w./-]*)").expect("regex");
    let text = story();
    let mut checked = 0;
    for c in re.captures_iter(&text) {
        let p = c[1].trim_end_matches(['.', ',', ')']);
        assert!(
            root().join(p).exists(),
            "assets/demo-src/README.md names {p}, which does not exist"
        );
        checked += 1;
    }
    assert!(checked >= 4, "the story names its scripts");
}

/// `(time of day, message)` of every backend line with `msg` in `wanted`.
fn backend(wanted: &str) -> Vec<(String, serde_json::Value)> {
    let log = std::fs::read_to_string(root().join("assets/demo/backend.log")).expect("backend.log");
    log.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["msg"] == wanted)
        .map(|v| (v["time"].as_str().unwrap_or("")[11..23].to_string(), v))
        .collect()
}

fn ms_of_day(hms: &str) -> i64 {
    let p: Vec<f64> = hms.split(':').map(|x| x.parse().expect("number")).collect();
    ((p[0] * 3600.0 + p[1] * 60.0 + p[2]) * 1000.0).round() as i64
}

#[test]
fn the_story_tells_the_backend_times_the_log_shows() {
    let text = story().replace('\n', " ");
    let full = backend("session send buffer full");
    assert_eq!(full.len(), 1);
    let full_at = &full[0].0[..8];
    // Every sentence about the send buffer gives the time the log gives.
    for sentence in text.split(". ").filter(|s| s.contains("send buffer")) {
        assert!(sentence.contains(full_at), "says {full_at}? {sentence}");
    }
    // The hub wedges when the backlog's oldest_ms and the drain's stalled_ms
    // say it did, and the story says when that was.
    let mut wedged = Vec::new();
    for (t, v) in backend("push queue backlog") {
        wedged.push(ms_of_day(&t) - v["oldest_ms"].as_i64().expect("oldest_ms"));
    }
    for (t, v) in backend("push queue drained") {
        wedged.push(ms_of_day(&t) - v["stalled_ms"].as_i64().expect("stalled_ms"));
    }
    assert!(
        wedged.len() > 2 && wedged.iter().all(|&w| w == wedged[0]),
        "{wedged:?}"
    );
    let w = wedged[0] / 1000;
    let wedge_at = format!("{:02}:{:02}:{:02}", w / 3600, w / 60 % 60, w % 60);
    assert!(
        text.contains(&format!("At {wedge_at} the push hub wedges")),
        "the story should say the hub wedges at {wedge_at}"
    );
}

#[test]
fn the_readme_says_how_to_install_and_which_rust_cargo_toml_requires() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README");
    let cargo = std::fs::read_to_string(root().join("Cargo.toml")).expect("Cargo.toml");
    let msrv = cargo
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = "))
        .map(|v| v.trim_matches('"').to_string())
        .expect("Cargo.toml sets rust-version");
    assert!(
        readme.contains("cargo install --path ."),
        "no install command"
    );
    assert!(
        readme.contains(&format!("Rust **{msrv}**")),
        "README should name Rust {msrv}, the rust-version of Cargo.toml"
    );
}
