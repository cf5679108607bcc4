use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = casefile::cli::Cli::parse();
    match casefile::commands::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("casefile: {e:#}");
            ExitCode::from(2)
        }
    }
}
