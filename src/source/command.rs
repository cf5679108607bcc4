//! A `-c` command as a source: its standard output is streamed like any
//! other input; its exit status and stderr are looked at when the output ends.

use std::io::Read;
use std::process::{Command, Stdio};

use super::{Data, stream};
use crate::error::{Error, Result};

/// Runs a command and streams its output. Its exit status is looked at when
/// the output ends: a failure with output is a warning (the source is
/// incomplete), a failure with none an error.
pub fn run(name: &str, cmd: &str, cap: Option<u64>) -> Result<Data> {
    let start_err = |e| Error::CommandStart {
        name: name.into(),
        command: cmd.into(),
        source: e,
    };
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(cmd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(start_err)?;
    let stderr = child.stderr.take();
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        if let Some(mut e) = stderr {
            let mut buf = Vec::new();
            let _ = e.by_ref().take(64 * 1024).read_to_end(&mut buf);
            // Keep draining so the command never blocks on a full stderr pipe.
            let _ = std::io::copy(&mut e, &mut std::io::sink());
            s = String::from_utf8_lossy(&buf).trim().to_string();
        }
        s
    });
    let stdout = child
        .stdout
        .take()
        .ok_or_else(|| start_err(std::io::Error::other("no stdout")))?;
    let command = cmd.to_string();
    let on_end: stream::OnEnd = Box::new(move |stopped, written| {
        if stopped {
            // Cut at the cap, or binary: the rest is not wanted.
            let _ = child.kill();
        }
        let status = child.wait();
        let stderr = err_reader.join().unwrap_or_default();
        let last_err = stderr.lines().last().unwrap_or("").to_string();
        let stderr_note = if last_err.is_empty() {
            String::new()
        } else {
            format!(" (stderr: {last_err})")
        };
        let mut end = stream::Ending::default();
        match status {
            _ if stopped => {}
            Ok(st) if st.success() => {
                if written == 0 {
                    end.notes
                        .push(format!("command '{command}' printed nothing{stderr_note}"));
                }
            }
            st => {
                let st = match st.map(|s| s.code()) {
                    Ok(Some(c)) => format!("exited with status {c}"),
                    Ok(None) => "was killed by a signal".into(),
                    Err(e) => format!("could not be waited for ({e})"),
                };
                end.cut = Some(format!(
                    "command {st}; showing the output it printed{stderr_note}"
                ));
                end.failure = Some((st, last_err));
            }
        }
        end
    });
    let data = Data::from_reader(stdout, name, cap, Some(on_end))?;
    // A command that failed before printing anything is an error.
    if data.is_empty()
        && let Some((status, last_err)) = data.failure()
    {
        return Err(Error::CommandFailed {
            name: name.into(),
            command: cmd.into(),
            status,
            stderr: if last_err.is_empty() {
                String::new()
            } else {
                format!(": {last_err}")
            },
        });
    }
    Ok(data)
}
