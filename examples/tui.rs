//! Opens the files given on the command line in the investigator:
//! `cargo run --example tui -- a.log b.log`.

use casefile::index::Zone;
use casefile::source::{Input, LoadOptions, Settings, SourceSpec};

fn main() -> anyhow::Result<()> {
    let specs: Vec<SourceSpec> = std::env::args()
        .skip(1)
        .map(|p| {
            let path = std::path::PathBuf::from(&p);
            SourceSpec {
                name: casefile::source::spec::default_name(&path),
                input: Input::Files(vec![path]),
                settings: Settings::default(),
            }
        })
        .collect();
    let zone = std::env::var("CASEFILE_TZ")
        .ok()
        .and_then(|z| Zone::parse(&z).ok())
        .unwrap_or(Zone::Local);
    let opts = LoadOptions {
        zone: zone.clone(),
        ..LoadOptions::default()
    };
    let view = casefile::tui::ViewOptions {
        since: None,
        until: None,
        display_zone: zone,
        asked: None,
        config_path: None,
        skipped: Vec::new(),
    };
    // No case file: this example keeps nothing between runs.
    casefile::tui::run(specs, opts, view, None, Default::default(), None)
}
