//! When a long wait began: the runtime prints whole minutes waited
//! (`[semacquire, 4 minutes]`), and with the dump's time that is a minute
//! of the day, where the logs say what happened as the goroutines got stuck
//! (the demo's push service, stuck as the kiosk went quiet at 14:31:07).

use crate::common::*;
use crate::support::*;

fn demo_dump() -> String {
    format!("{}/assets/demo/goroutines.txt", env!("CARGO_MANIFEST_DIR"))
}

const TIME: &str = "goroutines.time=2026-11-20T14:35:20Z";

#[test]
fn the_longest_wait_of_a_group_says_when_it_began() {
    let dump = demo_dump();
    let text = casefile_ok(&["goroutines", "--tz", "UTC", "--set", TIME, &dump]);
    let after = |head: &str| {
        let mut lines = text.lines().skip_while(|l| *l != head);
        assert!(lines.next().is_some(), "{head}:\n{text}");
        lines.next().unwrap_or_default().to_string()
    };
    // 4 minutes before 14:35:20: 4 or more, under 5.
    assert_eq!(
        after("#2 1 goroutine [chan send, 4 min]"),
        "  longest wait began 2026-11-20 14:30:20–14:31:20 UTC"
    );
    assert_eq!(
        after("#1 69 goroutines [semacquire, 0-4 min]"),
        "  longest wait began 2026-11-20 14:30:20–14:31:20 UTC"
    );
    // In the zone times are shown in.
    let kolkata = casefile_ok(&["goroutines", "--tz", "Asia/Kolkata", "--set", TIME, &dump]);
    assert!(
        kolkata.contains("  longest wait began 2026-11-20 20:00:20–20:01:20 Asia/Kolkata"),
        "{kolkata}"
    );

    let v = goroutines_json(&["--set", TIME, &dump]);
    let groups = v["groups"].as_array().expect("groups");
    for g in groups {
        let began = &g["wait_began"];
        if g["wait_max_minutes"] == 0 {
            assert!(began.is_null(), "{g}");
        } else {
            // The demo's waits: 3 and 4 minutes before 14:35:20.
            let (earliest, latest) = match g["wait_max_minutes"].as_u64() {
                Some(4) => ("2026-11-20T14:30:20Z", "2026-11-20T14:31:20Z"),
                Some(3) => ("2026-11-20T14:31:20Z", "2026-11-20T14:32:20Z"),
                _ => panic!("a wait the demo has not: {g}"),
            };
            assert_eq!(
                (began["earliest"].as_str(), began["latest"].as_str()),
                (Some(earliest), Some(latest)),
                "{g}"
            );
        }
    }
    assert!(groups.iter().any(|g| !g["wait_began"].is_null()));
}
