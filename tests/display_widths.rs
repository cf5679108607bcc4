//! Headless text output lines up in display columns: a source named in CJK
//! takes two columns per character, as a terminal shows it.

mod common;
use common::*;

#[test]
fn merge_pads_source_names_by_display_width() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = dir.path().join("a.log");
    let b = dir.path().join("b.log");
    std::fs::write(&a, "2022-03-24 17:20:00.000 INFO one\n").expect("write");
    std::fs::write(&b, "2022-03-24 17:20:01.000 WARN two\n").expect("write");
    let o = casefile(&[
        "merge",
        "--tz",
        "UTC",
        &format!("日志={}", a.display()),
        &format!("api={}", b.display()),
    ]);
    let out = stdout(&o);
    assert!(o.status.success(), "{}{out}", stderr(&o));
    let col = |word: &str| {
        let l = out.lines().find(|l| l.contains(word)).unwrap_or_default();
        let i = l.find(word).unwrap_or(0);
        unicode_width::UnicodeWidthStr::width(&l[..i])
    };
    assert_eq!(col("INFO"), col("WARN"), "levels in one column:\n{out}");
}
