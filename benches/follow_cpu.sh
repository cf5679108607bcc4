#!/usr/bin/env bash
# What following a big log costs while it is written to: each viewer opens a
# copy of FILE in tmux, follows it (casefile: `G` then `F`; lnav follows
# files by itself), and once it is idle a writer appends RATE lines a second
# (FILE's own shape: its last line with a fresh timestamp) for SECS seconds;
# the viewer's CPU time over those seconds (utime + stime, /proc/PID/stat) is
# printed as a share of one core, with its resident memory at the end.
#
#   benches/follow_cpu.sh FILE [CASEFILE_BIN...]
#   env: SECS (default 30), RATE (lines a second, default 500), LNAV=0 to skip lnav,
#        BLOCK=8192 to write as a block-buffered writer does (`python app.py >
#        app.log`, a JVM's stdout): the lines appended BLOCK bytes at a time,
#        each block one write cut wherever it falls (inside a line), spread
#        over the second; TMPDIR for the copy, SESSION_PREFIX for tmux's session name
#
# FILE's lines must begin with `YYYY-MM-DD HH:MM:SS.mmm ` (gen_logs' app log:
# target/release/examples/gen_logs --only app-1g.log DIR). Each binary given
# (default target/release/casefile) is measured, then lnav.
set -euo pipefail

FILE=${1:?usage: benches/follow_cpu.sh FILE [CASEFILE_BIN...]}
shift
BINS=("$@")
((${#BINS[@]})) || BINS=(target/release/casefile)
SECS=${SECS:-30}
RATE=${RATE:-500}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/follow-cpu.XXXXXX")
COPY=$WORK/app.log
SESSION=${SESSION_PREFIX:-follow-cpu}-$$
trap 'tmux kill-session -t "$SESSION" 2>/dev/null || true; rm -rf "$WORK"' EXIT

# CPU ticks (utime + stime, as /proc/PID/stat counts them) of the processes
# whose command lines match $1 (lnav runs helper processes beside its own).
ticks() {
    local t=0 p
    for p in $(pgrep -f "$1"); do
        t=$((t + $(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || echo 0)))
    done
    echo "$t"
}
hz=$(getconf CLK_TCK)

# Waits until the processes matching $1 used under 5% of a core over a
# second (done loading, mining).
wait_idle() {
    local pid=$1 a b
    for _ in $(seq 1 600); do
        a=$(ticks "$pid")
        sleep 1
        b=$(ticks "$pid")
        if (((b - a) * 100 < hz * 5)); then return 0; fi
    done
    echo "follow_cpu.sh: $1 never idle" >&2
    return 1
}

# The last line of FILE with the time replaced by now's, RATE times a second.
TEMPLATE=$(tail -n 1 "$FILE" | cut -d' ' -f3-)
write_lines() {
    local end=$((SECONDS + SECS)) now
    while ((SECONDS < end)); do
        now=$(date -u '+%F %T.%3N')
        for _ in $(seq 1 "$RATE"); do echo "$now $TEMPLATE"; done >>"$COPY"
        sleep 1
    done
}

# As write_lines, but the lines go through a buffer written out BLOCK bytes
# at a time: the file ends inside a line at almost every read.
write_blocks() {
    local end=$((SECONDS + SECS)) now pending=$WORK/pending written=0 size k
    : >"$pending"
    while ((SECONDS < end)); do
        now=$(date -u '+%F %T.%3N')
        for _ in $(seq 1 "$RATE"); do echo "$now $TEMPLATE"; done >>"$pending"
        size=$(stat -c %s "$pending")
        k=$((size / BLOCK - written))
        for _ in $(seq 1 "$k"); do
            dd if="$pending" of="$COPY" bs="$BLOCK" skip="$written" count=1 \
                oflag=append conv=notrunc status=none
            written=$((written + 1))
            sleep "$(echo "1 / $k" | bc -l)"
        done
        ((k > 0)) || sleep 1
    done
}

measure() {
    local name=$1 pattern=$2 keys=$3 pid a b rss
    shift 3
    cp "$FILE" "$COPY"
    tmux new-session -d -s "$SESSION" -x 100 -y 24
    tmux send-keys -t "$SESSION" "cd $WORK && $*" Enter
    for _ in $(seq 1 100); do
        pid=$(pgrep -o -f "$pattern" || true)
        [[ -n $pid ]] && break
        sleep 0.1
    done
    [[ -n $pid ]] || { echo "follow_cpu.sh: $name did not start" >&2; exit 1; }
    wait_idle "$pattern"
    [[ -z $keys ]] || { tmux send-keys -t "$SESSION" $keys; sleep 1; wait_idle "$pattern"; }
    a=$(ticks "$pattern")
    if [[ -n ${BLOCK:-} ]]; then write_blocks; else write_lines; fi
    sleep 3 # the last lines read
    b=$(ticks "$pattern")
    rss=$(awk '/VmRSS/ { print $2 }' "/proc/$pid/status")
    printf '| %s | %s | %.1f%% | %d MiB |\n' "$name" "$(wc -l <"$COPY")" \
        "$(echo "($b - $a) * 100 / $hz / ($SECS + 3)" | bc -l)" $((rss / 1024))
    tmux kill-session -t "$SESSION"
}

echo "$(basename "$FILE"): $(stat -c %s "$FILE") bytes; $RATE lines a second for ${SECS} s${BLOCK:+, in $BLOCK-byte blocks}"
echo "| viewer | lines at the end | CPU (one core) | RSS |"
echo "|---|---:|---:|---:|"
for bin in "${BINS[@]}"; do
    bin=$(readlink -f "$bin")
    measure "casefile ($bin)" "$bin --tz UTC app.log" "G F" "$bin" --tz UTC app.log
done
if [[ ${LNAV:-1} != 0 ]] && command -v lnav >/dev/null; then
    mkdir -p "$WORK/lnav-home"
    measure "lnav $(lnav -V | head -1)" "lnav app.log" "" env HOME="$WORK/lnav-home" lnav app.log
fi
