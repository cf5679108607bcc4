//! A record's stamp shows once, in the time column: not again in its text.

use std::path::PathBuf;

use super::*;
use crate::tui::action::Action;
use crate::tui::update::apply;

/// klog's `I1123 14:05:12.710033` header and redis's `23 Nov 2026
/// 14:03:43.885` (after its `pid:role`) in the panes; `=` shows them.
#[test]
fn panes_show_no_stamp_after_the_time_column() {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut app = loaded(
        vec![
            file_spec("klog", corpus.join("klog/klog-stderr.log")),
            file_spec("redis", corpus.join("misc/redis-server.log")),
        ],
        200,
        30,
        false,
    );
    apply(&mut app, Action::Start);
    let s = screen(&app);
    assert!(s.contains("10929 klogdemo.go:35] klog demo started"), "{s}");
    assert!(s.contains("10194:C oO0OoO0OoO0Oo Redis is starting"), "{s}");
    assert!(
        !s.contains("I1123 14:05") && !s.contains("Nov 2026 14:03"),
        "{s}"
    );
    press(&mut app, "=");
    let raw = screen(&app);
    assert!(
        raw.contains("I1123 14:05:12.710033   10929 klogdemo.go:35]"),
        "{raw}"
    );
    assert!(
        raw.contains("10194:C 23 Nov 2026 14:03:43.885 # oO0Oo"),
        "{raw}"
    );
}
