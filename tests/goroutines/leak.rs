//! A leaking reaper: one goroutine per request that never ends, dumped twice.

use crate::common::*;
use crate::support::*;

#[test]
fn a_leaking_reaper_grows_between_two_dumps() {
    let test = "a_leaking_reaper_grows_between_two_dumps";
    for go in toolchains(test) {
        let name = &go.name;
        let dir = reaper_dumps(&go);
        for level in ["debug2", "debug1"] {
            let old = dir.path().join(format!("reaper1-{level}.txt"));
            let new = dir.path().join(format!("reaper2-{level}.txt"));
            let v = goroutines_json(&["--diff", s(&old), s(&new)]);
            let top = &v["grown"][0];
            assert_eq!(
                top["own_function"], "main.(*pool).reap",
                "{name} {level}: {v}"
            );
            assert_eq!(
                (top["before"].as_u64(), top["after"].as_u64()),
                (Some(40), Some(120)),
                "{name} {level}: {top}"
            );
            let o = casefile(&["goroutines", "--diff", s(&old), s(&new)]);
            let text = stdout(&o);
            let first = text
                .lines()
                .find(|l| l.trim_start().starts_with('+'))
                .unwrap_or_default();
            assert!(
                first.contains("+80") && first.contains("main.(*pool).reap"),
                "{name} {level}: largest growth first:\n{text}"
            );
            if level == "debug2" {
                cross_check(&new, &goroutines_json(&[s(&new)]), name);
            }
        }
    }
}
