#!/usr/bin/env bash
# Goroutine-dump figures (issue 15): parse and group a 100,000- and a
# 1,000,000-goroutine ?debug=2 dump, casefile against Debian's panicparse in
# the same run. The dumps are written by benches/go/gendump (a real Go
# program with that many goroutines). Needs go, hyperfine, panicparse, GNU time.
#
#   benches/goroutines.sh                 # dumps in /tmp/casefile-gbench (about 0.4 GB), kept for reruns
#   BENCH_DIR=/data/g benches/goroutines.sh --runs 5
set -euo pipefail
cd "$(dirname "$0")/.."
DIR="${BENCH_DIR:-/tmp/casefile-gbench}"
RUNS=3
[ "${1:-}" = "--runs" ] && RUNS="$2"
mkdir -p "$DIR"
cargo build --release --quiet
CF="$(pwd)/target/release/casefile"
GEN="$DIR/gendump"
(cd benches/go/gendump && CGO_ENABLED=0 GOFLAGS= GOTOOLCHAIN=local GOPROXY=off \
  GOCACHE="$DIR/gocache" GOPATH="$DIR/gopath" go build -o "$GEN" .)
# pprof's ?debug=2 stops at 64 MB of text: the million comes from SIGQUIT (same goroutine format).
[ -s "$DIR/g100000.txt" ] || "$GEN" -n 100000 -o "$DIR/g100000.txt"
[ -s "$DIR/g1000000.txt" ] || "$GEN" -n 1000000 -sigquit 2> "$DIR/g1000000.txt" || true
echo "machine: $(nproc) cores; $(go version); panicparse $(dpkg-query -W -f '${Version}' panicparse 2>/dev/null || echo '?')"
for n in 100000 1000000; do
  f="$DIR/g$n.txt"
  echo "== $n goroutines: $(du -m "$f" | cut -f1) MB, $(grep -c '^goroutine ' "$f") goroutines"
  cmds=("$CF goroutines $f")
  # panicparse takes minutes on the million: it is measured on the 100,000 only.
  [ "$n" = 100000 ] && cmds+=("panicparse -parse=false -no-color -aggressive $f")
  hyperfine -N --warmup 1 --runs "$RUNS" --export-markdown "$DIR/g$n.md" "${cmds[@]}"
  /usr/bin/time -f "casefile peak RSS %M KB, %e s wall, %U s user" "$CF" goroutines "$f" > /dev/null
  [ "$n" = 100000 ] && /usr/bin/time -f "panicparse peak RSS %M KB, %e s wall, %U s user" \
    panicparse -parse=false -no-color -aggressive "$f" > /dev/null 2>&1 || true
  echo "groups: casefile $("$CF" goroutines --json "$f" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["groups"]))')"
done
