//! `casefile addr --binary FILE ADDR...`, and `--binary` for dumps: code
//! addresses to function, file and line, and whether the binary matches.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use crate::cli::AddrArgs;
use crate::commands::UsageError;
use crate::symbol::{Binary, Resolved, parse_address};

pub fn run(a: &AddrArgs) -> anyhow::Result<ExitCode> {
    if !a.logs.is_empty() {
        return super::addr_log::run(a);
    }
    if a.display.display_tz.is_some() {
        return Err(UsageError(
            "--display-tz is for the records of --in LOG: addresses alone have no time".into(),
        )
        .into());
    }
    let mut addrs = Vec::new();
    for s in &a.addrs {
        let v = parse_address(s).ok_or_else(|| {
            UsageError(format!(
                "'{s}' is not a code address: give hexadecimal, e.g. 0x6b9ec1"
            ))
        })?;
        addrs.push(v);
    }
    let bin = Binary::open(&a.binary)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut missing = false;
    let res = addrs.iter().try_for_each(|&v| match bin.resolve(v) {
        Some(r) if a.json => writeln!(out, "{}", serde_json::to_string(&r).unwrap_or_default()),
        Some(r) => writeln!(out, "{:#x} {}", v, describe(&r)),
        None => {
            missing = true;
            if a.json {
                writeln!(
                    out,
                    "{}",
                    serde_json::json!({"address": format!("{v:#x}"), "function": null})
                )
            } else {
                writeln!(out, "{v:#x} ?")
            }
        }
    });
    super::finish(res.and_then(|_| out.flush()))?;
    if let Some(why) = bin.inline_trees_unread() {
        eprintln!(
            "casefile: {}: code inlined into a function is named after that function ({why})",
            a.binary.display()
        );
    }
    if missing {
        eprintln!(
            "casefile: some addresses are outside {}'s code: is it the binary that printed them?",
            a.binary.display()
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// `function file:line`, and the functions its code was inlined into.
pub fn describe(r: &Resolved) -> String {
    let mut s = format!("{} {}:{}", r.function, r.file, r.line);
    if !r.inlined_into.is_empty() {
        s.push_str(&format!(
            " (inlined into {})",
            r.inlined_into.join(", into ")
        ));
    }
    if r.inlined_unknown {
        s.push_str(" (or code inlined into it)");
    }
    if r.not_in_record {
        s.push_str(" (no frame of this record names it: another build?)");
    }
    s
}
