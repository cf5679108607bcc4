#!/usr/bin/env bash
# The cost of the dated-line rule (format/records.rs `dated`: a Go panic that
# journald or `docker logs -t` dated line by line stays one record) on indexing.
#
#   BEFORE=/path/to/casefile AFTER=/path/to/casefile benches/dated_traces.sh [--runs N] [--callgrind]
#   env: BENCH_DIR (data), GEN (a built gen_logs; else it is built)
#
# Data in ${BENCH_DIR:-/tmp/casefile-dated}: gen_logs' syslog (256 MiB, no panic:
# the common case, every line through the rule's fast path), the corpus's
# journal JSON repeated to 256 MiB without the panicking process (fast path) and
# with it (40 of its 58 lines are the panic: the worst case). Prints the median
# user+sys CPU of `casefile index` over alternating runs; with --callgrind also
# instruction counts (valgrind, independent of the machine's load) on the first
# 32 MiB of each file.
set -euo pipefail
RUNS=5
CALLGRIND=0
while (($# > 0)); do
    case $1 in
        --runs) RUNS=${2:?}; shift 2 ;;
        --callgrind) CALLGRIND=1; shift ;;
        *) sed -n '2,15p' "$0"; exit 2 ;;
    esac
done
: "${BEFORE:?set BEFORE to the casefile binary to compare against}"
: "${AFTER:?set AFTER to the casefile binary to measure}"
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CORPUS=$ROOT/../shared/corpus/journald/journalctl.json
DATA=${BENCH_DIR:-/tmp/casefile-dated}
mkdir -p "$DATA"
cd "$DATA"

if [[ ! -f syslog-1g.log ]]; then
    if [[ -z ${GEN:-} ]]; then
        (cd "$ROOT" && cargo build --release --quiet --example gen_logs)
        GEN=${CARGO_TARGET_DIR:-$ROOT/target}/release/examples/gen_logs
    fi
    "$GEN" --size-scale 0.25 --only syslog-1g.log .
fi
repeat() { # repeat FILE OUT MIB
    python3 - "$1" "$2" "$3" <<'EOF'
import sys
src = open(sys.argv[1], 'rb').read()
with open(sys.argv[2], 'wb') as f:
    n = 0
    while n < int(sys.argv[3]) << 20:
        f.write(src)
        n += len(src)
EOF
}
[[ -f journal-panic.json ]] || repeat "$CORPUS" journal-panic.json 256
if [[ ! -f journal-nopanic.json ]]; then
    grep -v '"_PID":"14311"' "$CORPUS" >nopanic.one
    repeat nopanic.one journal-nopanic.json 256
fi
FILES=(syslog-1g.log journal-nopanic.json journal-panic.json)

echo "load before: $(uptime)"
: >times.txt
for f in "${FILES[@]}"; do
    for _ in $(seq "$RUNS"); do
        for b in BEFORE AFTER; do
            /usr/bin/time -f "$b $f %U %S" "${!b}" index "$f" >/dev/null 2>>times.txt
        done
    done
done
echo "load after: $(uptime)"
python3 - <<'EOF'
import collections, statistics
cpu = collections.defaultdict(list)
for line in open('times.txt'):
    p = line.split()
    if len(p) == 4:
        cpu[(p[1], p[0])].append(float(p[2]) + float(p[3]))
print('| file | before, CPU s (median) | after | change |')
print('|---|---|---|---|')
for f in dict.fromkeys(k[0] for k in cpu):
    b, a = statistics.median(cpu[(f, 'BEFORE')]), statistics.median(cpu[(f, 'AFTER')])
    print(f'| {f} | {b:.3f} | {a:.3f} | {100 * (a - b) / b:+.0f}% |')
EOF

if ((CALLGRIND)); then
    echo
    echo '| file (first 32 MiB) | before, instructions | after | change |'
    echo '|---|---|---|---|'
    for f in "${FILES[@]}"; do
        head -c $((32 << 20)) "$f" | sed '$d' >"head-$f"
        counts=()
        for b in BEFORE AFTER; do
            counts+=("$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "${!b}" index "head-$f" 2>&1 >/dev/null |
                sed -n 's/.*Collected : //p')")
        done
        python3 -c 'import sys; f, b, a = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]); print(f"| {f} | {b:,} | {a:,} | {100 * (a - b) / b:+.0f}% |")' "$f" "${counts[@]}"
    done
fi
