use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match casefile::cli::try_parse() {
        Ok(cli) => cli,
        // clap quotes the offending argument: on a terminal its escapes would act.
        Err(e) if e.use_stderr() => {
            eprintln!(
                "{}",
                casefile::ansi::display_lines(e.to_string().trim_end())
            );
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
        Err(e) => e.exit(),
    };
    match casefile::commands::run(cli) {
        Ok(code) => code,
        Err(e) => {
            let msg = format!("casefile: {e:#}");
            eprintln!("{}", casefile::ansi::display_lines(&msg));
            ExitCode::from(2)
        }
    }
}
