#!/usr/bin/env bash
# Rerunnable casefile indexing benchmark: casefile vs `wc -l` (the floor) vs lnav.
# See docs/BENCHMARKS.md for what each column means.
#
#   benches/run.sh [--scale X] [--out DIR] [--runs N] [--lnav-runs N] [--skip-lnav]
#   env: BENCH_DIR (data, default /tmp/casefile-bench), CASEFILE (binary to measure)
# Data goes to ${BENCH_DIR:-/tmp/casefile-bench} (scale 1) or $BENCH_DIR/scale-X,
# and is (re)generated only when missing or when the generator source changed.
# Results: markdown on stdout and in $OUT/results.md (raw data next to it).
set -euo pipefail

usage() {
    sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit "${1:-0}"
}

die() {
    echo "run.sh: error: $*" >&2
    exit 1
}

note() {
    echo "run.sh: $*" >&2
}

SCALE=1
OUT=""
RUNS=3
LNAV_RUNS=1
SKIP_LNAV=0
while (($# > 0)); do
    case $1 in
        --scale) SCALE=${2:?--scale needs a value}; shift 2 ;;
        --out) OUT=${2:?--out needs a value}; shift 2 ;;
        --runs) RUNS=${2:?--runs needs a value}; shift 2 ;;
        --lnav-runs) LNAV_RUNS=${2:?--lnav-runs needs a value}; shift 2 ;;
        --skip-lnav) SKIP_LNAV=1; shift ;;
        -h | --help) usage 0 ;;
        *) echo "run.sh: unknown argument: $1" >&2; usage 2 ;;
    esac
done

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LIB=$ROOT/benches/benchlib.py
BENCH_DIR=${BENCH_DIR:-/tmp/casefile-bench}
case $SCALE in
    1 | 1.0) DATA=$BENCH_DIR ;;
    *) DATA=$BENCH_DIR/scale-$SCALE ;;
esac
OUT=${OUT:-$DATA/results}
mkdir -p "$DATA" "$OUT"
OUT=$(cd "$OUT" && pwd)

for tool in cargo hyperfine python3 wc; do
    command -v "$tool" >/dev/null || die "missing tool: $tool"
done
[[ -x /usr/bin/time ]] || die "GNU time is required at /usr/bin/time"
if ((SKIP_LNAV == 0)) && ! command -v lnav >/dev/null; then
    die "lnav not found (install it or pass --skip-lnav)"
fi

# ---------------------------------------------------------------- build
note "building (cargo build --release)"
(cd "$ROOT" && cargo build --release --quiet --bin casefile --example gen_logs)
# CASEFILE=/path/to/casefile measures another build (e.g. an installed one).
CASEFILE=${CASEFILE:-$ROOT/target/release/casefile}
GEN=$ROOT/target/release/examples/gen_logs

# ---------------------------------------------------------------- data
FILES=(syslog-1g.log app-1g.log json-1g.log
    host1-250m.log host2-250m.log host3-250m.log host4-250m.log)
GEN_ID="$(sha256sum "$ROOT/benches/gen/gen_logs.rs" | cut -d' ' -f1) scale=$SCALE"
if [[ ! -f $DATA/.gen-id || $(cat "$DATA/.gen-id") != "$GEN_ID" ]]; then
    note "generator changed or no data yet: regenerating everything in $DATA"
    rm -f "$DATA/.gen-id" "$DATA/small.log"
    for f in "${FILES[@]}"; do rm -f "$DATA/$f"; done
fi
missing=()
for f in "${FILES[@]}"; do
    [[ -f $DATA/$f ]] || missing+=("$f")
done
if ((${#missing[@]} > 0)); then
    note "generating ${missing[*]} (scale $SCALE) into $DATA"
    "$GEN" --size-scale "$SCALE" --only "$(IFS=,; echo "${missing[*]}")" "$DATA"
fi
echo "$GEN_ID" >"$DATA/.gen-id"
# A small source for the time-to-first-output measurement.
[[ -f $DATA/small.log ]] || head -n 1000 "$DATA/host1-250m.log" >"$DATA/small.log"

# ---------------------------------------------------------------- lnav setup
# lnav runs with its own HOME so the user's config/session can't interfere and
# the JSON format (lnav has no built-in one for these lines) can be installed.
LNAV_HOME=$BENCH_DIR/lnav-home
LNAV_SQL=';SELECT count(*) AS records, min(log_time) AS first, max(log_time) AS last FROM all_logs'
if ((SKIP_LNAV == 0)); then
    mkdir -p "$LNAV_HOME"
    HOME=$LNAV_HOME lnav -i "$ROOT/benches/lnav/casefile_bench_json.json" >/dev/null 2>&1 ||
        die "could not install benches/lnav/casefile_bench_json.json into lnav"
fi

# ---------------------------------------------------------------- casefile probe
CF_OK=1
printf '%s\n' '2026-11-20 14:02:11.482 INFO [probe] one' \
    '2026-11-20 14:02:11.483 WARN [probe] two' >"$OUT/probe.log"
if ! "$CASEFILE" index --json "$OUT/probe.log" >"$OUT/probe.json" 2>"$OUT/probe.err" ||
    ! python3 "$LIB" probe-casefile "$OUT/probe.json"; then
    CF_OK=0
    cat >&2 <<EOF

run.sh: *** casefile measurements SKIPPED ***
run.sh: $CASEFILE does not support \`casefile index --json SOURCE...\`
run.sh: (expected JSON with sources[].records; got exit/stdout/stderr in $OUT/probe.*).
run.sh: wc and lnav are still measured; the casefile columns will read n/a.

EOF
fi

# ---------------------------------------------------------------- measurements
# name|space-separated files
CASES=(
    "syslog-1g|syslog-1g.log"
    "app-1g|app-1g.log"
    "json-1g|json-1g.log"
    "host1-4 (4 files)|host1-250m.log host2-250m.log host3-250m.log host4-250m.log"
)
RESULTS=$OUT/results.jsonl
: >"$RESULTS"

quote() {
    local out="" a
    for a in "$@"; do out+=" $(printf '%q' "$a")"; done
    echo "${out# }"
}

for case_def in "${CASES[@]}"; do
    name=${case_def%%|*}
    read -r -a names <<<"${case_def#*|}"
    paths=()
    for f in "${names[@]}"; do paths+=("$DATA/$f"); done
    tag=$(echo "$name" | tr -c 'A-Za-z0-9\n-' '_' | sed 's/_*$//')
    bytes=0
    for p in "${paths[@]}"; do bytes=$((bytes + $(stat -c %s "$p"))); done
    note "== $name ($((bytes / 1048576)) MiB): warming the page cache"
    cat "${paths[@]}" >/dev/null
    lines=$(cat "${paths[@]}" | wc -l)

    hf_cmds=(-n wc "$(quote wc -l "${paths[@]}")")
    if ((CF_OK)); then
        hf_cmds+=(-n casefile "$(quote "$CASEFILE" index "${paths[@]}")")
    fi
    note "   hyperfine: wc and casefile (if available) x $RUNS"
    hyperfine -N --style basic --warmup 1 --runs "$RUNS" \
        --export-json "$OUT/$tag.hyperfine.json" "${hf_cmds[@]}" >&2

    /usr/bin/time -f '%M %e %U %S' -o "$OUT/$tag.wc.time" \
        wc -l "${paths[@]}" >"$OUT/$tag.wc.out"
    case_args=(--name "$name" --bytes "$bytes" --lines "$lines" --files "${names[@]}"
        --hf-json "$OUT/$tag.hyperfine.json" --wc-time "$OUT/$tag.wc.time")

    if ((CF_OK)); then
        note "   casefile index --json under /usr/bin/time"
        /usr/bin/time -f '%M %e %U %S' -o "$OUT/$tag.casefile.time" \
            "$CASEFILE" index --json "${paths[@]}" >"$OUT/$tag.casefile.json" ||
            note "   casefile index --json failed (see $OUT/$tag.casefile.time)"
        case_args+=(--cf-time "$OUT/$tag.casefile.time" --cf-json "$OUT/$tag.casefile.json")
    fi

    if ((SKIP_LNAV == 0)); then
        lnav_cmd=(env "HOME=$LNAV_HOME" lnav -n -c "$LNAV_SQL" "${paths[@]}")
        note "   hyperfine: lnav x $LNAV_RUNS"
        hyperfine -N --style basic --runs "$LNAV_RUNS" \
            --export-json "$OUT/$tag.lnav.hyperfine.json" \
            -n lnav "$(quote "${lnav_cmd[@]}")" >&2
        note "   lnav under /usr/bin/time"
        /usr/bin/time -f '%M %e %U %S' -o "$OUT/$tag.lnav.time" \
            "${lnav_cmd[@]}" >"$OUT/$tag.lnav.out"
        case_args+=(--lnav-hf-json "$OUT/$tag.lnav.hyperfine.json"
            --lnav-time "$OUT/$tag.lnav.time" --lnav-out "$OUT/$tag.lnav.out")
    fi
    python3 "$LIB" case "${case_args[@]}" >>"$RESULTS"
done

# ---------------------------------------------------------------- first output
note "== time to first output: small.log (1000 lines) followed by syslog-1g.log"
python3 "$LIB" first-output --runs 5 -- \
    wc -l "$DATA/small.log" "$DATA/syslog-1g.log" >"$OUT/first-output.wc.json" || true
first_items=("wc -l small big (reference)=$OUT/first-output.wc.json")
if ((CF_OK)); then
    python3 "$LIB" first-output --runs 5 -- \
        "$CASEFILE" index "$DATA/small.log" "$DATA/syslog-1g.log" \
        >"$OUT/first-output.casefile.json" || true
    first_items=("casefile index small big=$OUT/first-output.casefile.json" "${first_items[@]}")
fi
python3 "$LIB" merge-first "${first_items[@]}" >"$OUT/first-output.json"

# ---------------------------------------------------------------- report
cpu_model=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
machine="Machine: $(nproc) cores ($cpu_model), $(free -g | awk '/^Mem:/ {print $2}') GiB RAM, $(uname -sr); \
scale $SCALE; lnav $(lnav -V 2>/dev/null | head -n1 | awk '{print $2}'); \
casefile $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'); $(date -u +%Y-%m-%dT%H:%MZ)"
python3 "$LIB" render "$RESULTS" "$OUT/first-output.json" --machine "$machine" |
    tee "$OUT/results.md"
note "results: $OUT/results.md (raw data in $OUT)"
if ((CF_OK == 0)); then
    note "casefile was not measured: the binary lacks \`casefile index --json\`"
    exit 3
fi
