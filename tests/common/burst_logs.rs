//! The precursor scenario shared by `tests/silences.rs` and the TUI's tests
//! (`src/tui/tests/patterns.rs` includes this file by path): a client that
//! logs every half second stops twice (coming back at 10:12 and 10:27), each
//! time right after a burst of 40 reconnect attempts, while a server logs
//! once a second from 10:00 to 10:40.

/// (server, client) log text.
pub fn burst_logs() -> (String, String) {
    let at = |ms: i64| {
        let s = ms / 1000;
        format!(
            "2026-11-20T10:{:02}:{:02}.{:03}Z",
            s / 60,
            s % 60,
            ms % 1000
        )
    };
    let mut client = String::new();
    let mut ms = 0;
    for stop in [600_000, 1_500_000] {
        while ms < stop - 30_000 {
            client += &format!("{} INFO frame {} drawn\n", at(ms), ms / 500);
            ms += 500;
        }
        for n in 0..40 {
            client += &format!("{} WARN ws reconnect attempt {n}\n", at(ms));
            ms += 500;
        }
        ms = stop + 120_000;
    }
    while ms < 2_400_000 {
        client += &format!("{} INFO frame {} drawn\n", at(ms), ms / 500);
        ms += 500;
    }
    let server: String = (0..2400)
        .map(|s| format!("{} INFO served request {s}\n", at(s * 1000 + 250)))
        .collect();
    (server, client)
}
