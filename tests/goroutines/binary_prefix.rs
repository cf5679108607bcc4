//! A dump after binary garbage: a log file whose first blocks a crash left
//! as zeros (a file system that had reserved them), or stray bytes from a
//! process that wrote binary to the same stderr. The file is not refused:
//! the dump after the garbage is read whole, and a warning says where the
//! binary data ends.

use crate::common::*;
use crate::support::*;

#[test]
fn a_dump_after_binary_garbage_is_read_and_the_garbage_named() {
    let test = "a_dump_after_binary_garbage_is_read_and_the_garbage_named";
    for go in toolchains(test) {
        let name = &go.name;
        let (_dir, out) = run_out(
            &go.plain(),
            &["-scenario", "mutex", "-waiters", "20", "-sigquit"],
        );
        let dump = out.stderr;
        assert!(dump.starts_with(b"SIGQUIT: quit\n"), "{name}");
        let dir = tempfile::tempdir().expect("tempdir");
        let alone = goroutines_json(&[s(&write(dir.path(), "alone.txt", &dump))]);
        // Random bytes (a fixed sequence) and 64 KiB of zeros.
        let mut x = 0x2545_f491_4f6c_dd1d_u64;
        let random: Vec<u8> = (0..4096)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect();
        for (what, garbage) in [("random", random), ("zeros", vec![0u8; 64 << 10])] {
            let mut bytes = garbage.clone();
            bytes.extend_from_slice(&dump);
            let path = write(dir.path(), &format!("{what}.txt"), &bytes);
            let o = casefile(&["goroutines", "--json", s(&path)]);
            assert!(o.status.success(), "{name} {what}: {}", stderr(&o));
            let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
            assert_eq!(v["total"], alone["total"], "{name} {what}");
            assert_eq!(v["groups"][0]["count"], 20, "{name} {what}");
            let warnings = v["warnings"].as_array().expect("warnings");
            // The text begins on the line after the last NUL byte's.
            let nul = bytes.iter().rposition(|&b| b == 0).expect("a NUL");
            let nl = nul + bytes[nul..].iter().position(|&b| b == b'\n').expect("nl");
            let line = bytes[..=nl].iter().filter(|&&b| b == b'\n').count() + 1;
            assert!(
                warnings.len() == 1
                    && warnings[0].as_str().is_some_and(|w| {
                        w.starts_with(&format!("binary data before line {line} ("))
                    }),
                "{name} {what}: {warnings:?}"
            );
            // The screen opens it too, on its goroutine view.
            let app = crate::tui::view::open(&[&path]);
            assert_eq!(crate::tui::view::listed(&app)[0].0, 20, "{name} {what}");
        }
    }
}
