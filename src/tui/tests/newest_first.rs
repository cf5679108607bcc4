//! A log written newest first shows as the same log written oldest first:
//! panes, silences' separators and the merged view (`index::order`).

use std::path::PathBuf;

use super::*;

fn corpus(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(rel)
}

/// `text`'s records last first, each record's lines as written (a record
/// starts at a line for which `starts` holds).
fn reversed_by_record(text: &str, starts: impl Fn(&str) -> bool) -> String {
    let mut records: Vec<Vec<&str>> = Vec::new();
    for line in text.lines() {
        match records.last_mut() {
            Some(r) if !starts(line) => r.push(line),
            _ => records.push(vec![line]),
        }
    }
    records.reverse();
    records.concat().join("\n") + "\n"
}

/// The screen and the cursor's (pane, record) after each key string, for
/// `files` loaded under `names`. A log read in reverse has one warning more
/// (saying so), which its pane's title counts: that count is left out.
fn screens(
    files: &[PathBuf],
    names: &[&str],
    keys: &[&str],
    (w, h): (u16, u16),
) -> Vec<(String, (usize, usize))> {
    let specs = files
        .iter()
        .zip(names)
        .map(|(f, n)| file_spec(n, f.clone()))
        .collect();
    let mut app = loaded(specs, w, h, true);
    let reversed = app
        .panes
        .iter()
        .filter_map(|p| p.source.as_ref())
        .any(|s| s.index.reversed());
    keys.iter()
        .map(|k| {
            press(&mut app, k);
            let mut text = screen(&app);
            // The merged view's title counts none.
            if reversed && !app.merged {
                assert!(text.contains("  ⚠ 1\n"), "{text}");
                text = text.replace("  ⚠ 1\n", "\n");
            }
            (text, spot(&app))
        })
        .collect()
}

/// Gunicorn's error log as a web console exports it, its records last first
/// with the traceback under its error: the same screens as the file as
/// written, at the traceback, a record on, the silence after it (`s`), and
/// in the merged view.
#[test]
fn panes_and_the_merged_view_read_records_listed_newest_first_in_time_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let gunicorn = corpus("python/gunicorn-error.log");
    let text = std::fs::read_to_string(&gunicorn).expect("corpus file");
    let rev = dir.path().join("gunicorn.log");
    let reversed = reversed_by_record(&text, |l| l.starts_with("[20"));
    std::fs::write(&rev, reversed).expect("write");
    let keys = ["ge", "j", "s", "M", "kkk"];
    let want = screens(&[gunicorn], &["gunicorn"], &keys, (150, 44));
    let got = screens(&[rev], &["gunicorn"], &keys, (150, 44));
    assert!(want[0].0.contains("Traceback"), "{}", want[0].0);
    for (k, (g, w)) in got.iter().zip(&want).enumerate() {
        assert!(g == w, "after {:?}:\n{g:?}\nwanted:\n{w:?}", &keys[..=k]);
    }
}

/// `journalctl -r`: every journal entry last first, as `tac` prints the
/// corpus's journal. Its Go panic, one entry a line, is a record a line
/// there (one record oldest first), so the overview's bars differ; the
/// panes around the sshd lines do not.
#[test]
fn a_journal_printed_by_journalctl_r_shows_in_time_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let journal = corpus("journald/journalctl-short-iso.txt");
    let text = std::fs::read_to_string(&journal).expect("corpus file");
    let tac: Vec<&str> = text.lines().rev().collect();
    let rev = dir.path().join("journal.log");
    std::fs::write(&rev, tac.join("\n") + "\n").expect("write");
    let keys = ["t14:08:44<enter>", "kk", "G", "s"];
    let panes = |(s, spot): &(String, (usize, usize))| {
        // Below the overview (its axis and row); records by time, not number.
        (s.lines().skip(2).collect::<Vec<_>>().join("\n"), spot.0)
    };
    let want = screens(&[journal], &["journal"], &keys, (120, 14));
    let got = screens(&[rev], &["journal"], &keys, (120, 14));
    assert!(want[0].0.contains("Connection closed"), "{}", want[0].0);
    for (k, (g, w)) in got.iter().zip(&want).enumerate() {
        let (g, w) = (panes(g), panes(w));
        assert!(
            g == w,
            "after {:?}:\n{}\nwanted:\n{}",
            &keys[..=k],
            g.0,
            w.0
        );
    }
}
