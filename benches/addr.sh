#!/usr/bin/env bash
# Address resolution (issue 15): `casefile addr --binary` over many addresses of
# the incident program built plain (DWARF) and stripped (`-s -w`: the Go line
# table and its inline trees), with Go 1.19 (`go`) and $CASEFILE_GO_LATEST.
# CPU time (user+sys, GNU time), median of RUNS runs: one address (opening the
# binary: DWARF, or finding moduledata and checking every inline tree) and
# 20,000 addresses spread evenly over .text. BASELINE=/path/to/casefile
# measures another build the same way (e.g. one from before a change).
#
#   benches/addr.sh                       # builds in /tmp/casefile-abench
#   BASELINE=/tmp/old/casefile RUNS=7 benches/addr.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DIR="${BENCH_DIR:-/tmp/casefile-abench}"
RUNS="${RUNS:-5}"
N=20000
mkdir -p "$DIR"
cargo build --release --quiet
CF="$(pwd)/target/release/casefile"
gos=(go)
[ -n "${CASEFILE_GO_LATEST:-}" ] && gos+=("$CASEFILE_GO_LATEST")
echo "machine: $(nproc) cores; load: $(uptime | sed 's/.*load average: //')"
for go in "${gos[@]}"; do
  v=$("$go" env GOVERSION)
  for variant in plain stripped; do
    bin="$DIR/incidents-$v-$variant"
    flags=()
    [ "$variant" = stripped ] && flags=(-ldflags=-s\ -w)
    [ -s "$bin" ] || (cd tests/go/incidents && CGO_ENABLED=0 GOFLAGS= GOTOOLCHAIN=local GOPROXY=off \
      GOCACHE="$DIR/gocache" "$go" build "${flags[@]}" -o "$bin" .)
    # N addresses evenly over .text.
    read -r start size < <(readelf -SW "$bin" | awk '{for (i = 1; i < NF; i++) if ($i == ".text") print $(i + 2), $(i + 4)}')
    python3 -c "s,n=int('$start',16),int('$size',16); print(' '.join(hex(s+i*n//$N) for i in range($N)))" > "$DIR/addrs-$v"
    for cf in "$CF" ${BASELINE:+"$BASELINE"}; do
      for count in 1 $N; do
        args=$(cut -d' ' -f1-$count "$DIR/addrs-$v")
        times=()
        for _ in $(seq "$RUNS"); do
          # shellcheck disable=SC2086
          /usr/bin/time -o "$DIR/time" -f "%U %S" "$cf" addr --json --binary "$bin" $args > /dev/null 2>&1 || true
          times+=("$(tail -1 "$DIR/time" | awk '{printf "%.2f", $1 + $2}')")
        done
        med=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
        which=this; [ "$cf" = "$CF" ] || which=baseline
        echo "$v $variant $which: $count addresses: ${med} CPU s (runs: ${times[*]})"
      done
    done
  done
done
