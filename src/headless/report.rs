//! `casefile report`: the incident write-up from a case file, as Markdown.

use std::process::ExitCode;

use crate::case::{file, sources};
use crate::cli::ReportArgs;
use crate::commands::{UsageError, chosen_display_zone};

pub fn run(a: &ReportArgs) -> anyhow::Result<ExitCode> {
    let chosen = chosen_display_zone(&a.display)?;
    let (path, store) = super::note::existing_case(&a.case)?;
    let case = store.case();
    if let Some(out) = &a.output
        && let Some(what) = crate::case::report_target::clash(out, &path, case)
    {
        return Err(UsageError(crate::case::report_target::refused(out, &what)).into());
    }
    let zone = super::note::case_zone(chosen, case);
    let loaded = sources::load(&case.sources, None);
    let mut failed = false;
    for l in &loaded {
        match &l.source {
            Ok(s) => crate::commands::report_warnings(s),
            Err(e) => {
                failed = true;
                let said = crate::error::named(&l.entry.name, e);
                crate::commands::report(
                    "",
                    &format!("{said} (the report quotes what the notes kept)"),
                );
            }
        }
    }
    let md = crate::report::render(case, &loaded, &zone);
    match &a.output {
        Some(out) => {
            // Through the same atomic, private write as the case file: reports quote secrets too.
            file::write_atomic(out, md.as_bytes()).map_err(|e| match e {
                crate::case::CaseError::Write { cause, .. } => anyhow::anyhow!(
                    "{}: could not write the report: {}",
                    out.display(),
                    crate::case::write_cause(&cause)
                ),
                e => e.into(),
            })?;
            eprintln!("casefile: wrote {}", out.display());
        }
        None => {
            use std::io::Write;
            super::finish(std::io::stdout().lock().write_all(md.as_bytes()))?;
        }
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
