#!/usr/bin/env bash
# Regenerate assets/demo/goroutines.txt: build and run the pushsvc stand-in
# (standard library only, nothing is downloaded), let it wedge for DUMP_AFTER
# (default 4m10s, so the runtime reports real "N minutes" wait times), then
# write runtime/pprof's goroutine profile with debug=2 (the panic/SIGQUIT
# traceback format).
#
#   assets/demo-src/make-dump.sh            # uses `go` from PATH
#   GO=/usr/bin/go DUMP_AFTER=5m assets/demo-src/make-dump.sh
#
# The committed dump was made with Go 1.19 (mutex waits read "semacquire";
# Go >= 1.20 prints "sync.Mutex.Lock" instead).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=$(dirname "$here")/demo/goroutines.txt
go_bin=${GO:-go}
dump_after=${DUMP_AFTER:-4m10s}

cd "$here/pushsvc"
echo "make-dump.sh: $("$go_bin" version); dumping after $dump_after" >&2
# -trimpath: file names read kioskco.example/pushsvc/main.go, runtime/proc.go,
# as in a release build, instead of this machine's paths.
GOTOOLCHAIN=local GOPROXY=off GOFLAGS='' \
    "$go_bin" run -trimpath . -dump-after "$dump_after" -o "$out.tmp"
mv "$out.tmp" "$out"
echo "make-dump.sh: wrote $out ($(grep -c '^goroutine ' "$out") goroutines)" >&2
