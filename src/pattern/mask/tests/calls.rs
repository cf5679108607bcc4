//! Call names holding a digit, kept where a message calls them.

use super::*;

/// A message that starts by calling a name holding a digit (strace's
/// `accept4(…)`, `wait4(…)`, Go's `int64(…)`) keeps the name whole: it is
/// the event, and `accept<*>` read as `accept` or `accept4` alike. So does
/// strace's marker of a call resumed (`<... accept4 resumed>`). Only
/// there: the same word elsewhere, a value (all hex, a random id) before
/// `(` or in the marker, and a name not led by a letter are masked as before.
#[test]
fn a_call_name_holding_a_digit_is_kept_at_the_messages_start() {
    assert_eq!(
        mask("accept4(3, {sa_family=AF_INET}, [16], SOCK_CLOEXEC) = 5"),
        "accept4(<*>, {sa_family=AF_INET}, [<*>], SOCK_CLOEXEC) = <*>"
    );
    assert_eq!(
        mask("wait4(-1, NULL, 0, NULL) = 42"),
        "wait4(<*>, NULL, <*>, NULL) = <*>"
    );
    assert_eq!(
        mask("epoll_create1(EPOLL_CLOEXEC)"),
        "epoll_create1(EPOLL_CLOEXEC)"
    );
    assert_eq!(
        mask("<... accept4 resumed> wait4(3)"),
        "<... accept4 resumed> wait<*>(<*>)"
    );
    assert_eq!(
        mask("<... wait4 resumed> [{WIFEXITED(s)}], 0) = 7"),
        "<... wait4 resumed> [{WIFEXITED(s)}], <*>) = <*>"
    );
    assert_eq!(mask("<... deadbeef1 resumed> x"), "<... <*> resumed> x");
    assert_eq!(mask("<... 9z resumed> x"), "<... <*>z resumed> x");
    assert_eq!(mask("<... accept4 done> x"), "<... accept<*> done> x");
    assert_eq!(mask("x <... accept4 resumed>"), "x <... accept<*> resumed>");
    assert_eq!(mask("deadbeef1(3)"), "<*>(<*>)");
    assert_eq!(mask("twvbRFk1OwgHo2bqggnx(3)"), "<*>(<*>)");
    assert_eq!(mask("9z(3) x"), "<*>z(<*>) x");
    assert_eq!(mask("dn228 up"), "dn<*> up");
}
