//! Whether a function belongs to Go's standard library, from its package path.

/// Top-level directories of the standard library (`$GOROOT/src`), Go 1.17 to 1.27.
const STD: [&str; 43] = [
    "archive",
    "bufio",
    "builtin",
    "bytes",
    "cmp",
    "compress",
    "container",
    "context",
    "crypto",
    "database",
    "debug",
    "embed",
    "encoding",
    "errors",
    "expvar",
    "flag",
    "fmt",
    "go",
    "hash",
    "html",
    "image",
    "index",
    "internal",
    "io",
    "iter",
    "log",
    "maps",
    "math",
    "mime",
    "net",
    "os",
    "path",
    "plugin",
    "reflect",
    "regexp",
    "runtime",
    "slices",
    "sort",
    "strconv",
    "strings",
    "sync",
    "syscall",
    "testing",
];
const STD_MORE: [&str; 8] = [
    "text", "time", "unicode", "unique", "unsafe", "weak", "vendor", "structs",
];

/// The package path of a function name: `net/http.(*conn).serve` → `net/http`,
/// `github.com/a/b.(*T).M` → `github.com/a/b`, `main.main.func1` → `main`.
pub fn package(function: &str) -> &str {
    // Type parameters (`F[...]`) and receivers may hold dots and slashes: stop before them.
    let head_end = function.find(['(', '[']).unwrap_or(function.len());
    let head = &function[..head_end];
    let last_slash = head.rfind('/').map_or(0, |k| k + 1);
    let dot = head[last_slash..]
        .find('.')
        .map_or(head.len(), |k| last_slash + k);
    &function[..dot]
}

/// True for the standard library (and the runtime's vendored golang.org/x copies).
pub fn is_std(function: &str) -> bool {
    let pkg = package(function);
    let top = pkg.split('/').next().unwrap_or(pkg);
    !top.contains('.') && (STD.contains(&top) || STD_MORE.contains(&top))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packages() {
        assert_eq!(package("net/http.(*conn).serve"), "net/http");
        assert_eq!(package("main.main.func1"), "main");
        assert_eq!(package("github.com/a/b.(*T).M"), "github.com/a/b");
        assert_eq!(package("example.com/x/v2.F[...]"), "example.com/x/v2");
        assert!(is_std("internal/sync.(*Mutex).lockSlow"));
        assert!(is_std("os/signal.loop"));
        assert!(is_std("time.Sleep"));
        assert!(!is_std("main.(*Broker).Send"));
        assert!(!is_std("github.com/redis/go-redis.(*Pool).reaper"));
        assert!(!is_std("panicdemo/worker.Run"));
    }
}
