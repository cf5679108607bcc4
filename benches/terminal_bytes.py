#!/usr/bin/env python3
"""Bytes a terminal program writes per key press: casefile beside lnav.

What a user on a slow link (SSH over a poor connection) waits for is the
bytes the program sends after each key. This runs the real binary in a
pseudo-terminal of a given size, waits until it has drawn its first screen
and gone quiet, then presses a fixed mix of keys one at a time and counts
every byte the program writes until it is quiet again. It also counts what
the program writes in 5 s with no key pressed (a spinner, a clock, a frame
drawn for nothing).

Counts are bytes, not times: the quiet wait only decides when a key's
output has ended (a program still writing after QUIET seconds would be
counted into the next key, and its idle figure shows it).

  benches/terminal_bytes.py [--casefile [LABEL=]BIN]... [--lnav BIN|--skip-lnav]
                            [--sizes 80x24,200x50] [--big FILE] [--json OUT]
  env: BENCH_DIR (default /tmp/casefile-bench; --big defaults to
  $BENCH_DIR/app-1g.log)

Markdown tables on stdout; raw figures as JSON with --json. python3 stdlib
only; HOME and XDG dirs point at a temporary directory, so neither program
reads or writes the user's config, case files or history.
"""

import argparse
import fcntl
import json
import os
import pty
import select
import signal
import struct
import sys
import tempfile
import termios
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

PGDN = "\x1b[6~"
PGUP = "\x1b[5~"

# (label, casefile's keys, lnav's keys or None where lnav has no such key).
# Each entry is pressed as one step; a search is `/`, the word and Enter,
# one byte at a time as typed. Order matters: each step starts where the
# one before left the screen.
def key_mix(word):
    search = "/" + word + "\r"
    return [
        ("j", "j", "j"),
        ("j", "j", "j"),
        ("k", "k", "k"),
        ("PgDn", PGDN, PGDN),
        ("PgUp", PGUP, PGUP),
        ("s (next silence)", "s", None),
        ("Tab (next pane)", "\t", None),
        ("/" + word + " Enter", search, search),
        ("n", "n", "n"),
        ("G", "G", "G"),
        ("g", "g", "g"),
        ("e (next error)", "e", "e"),
    ]


def spawn(argv, cols, rows, env):
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        try:
            os.execvpe(argv[0], argv, env)
        finally:
            os._exit(127)
    return pid, fd


def read_some(fd, timeout):
    """Bytes the program wrote within `timeout` (0 if none); None once it is gone."""
    r, _, _ = select.select([fd], [], [], max(timeout, 0))
    if not r:
        return 0
    try:
        data = os.read(fd, 65536)
    except OSError:
        return None
    return len(data) if data else None


def drain(fd, quiet, limit):
    """Reads until nothing came for `quiet` seconds (or `limit` passed)."""
    got = 0
    start = time.monotonic()
    last = start
    while True:
        now = time.monotonic()
        if now - last >= quiet or now - start >= limit:
            return got
        n = read_some(fd, min(quiet - (now - last), 0.05))
        if n is None:
            return got
        if n:
            got += n
            last = time.monotonic()


def count_for(fd, seconds):
    """Every byte written in `seconds`, however busy."""
    got = 0
    end = time.monotonic() + seconds
    while True:
        left = end - time.monotonic()
        if left <= 0:
            return got
        n = read_some(fd, left)
        if n is None:
            return got
        got += n


def press(fd, keys):
    # Escape sequences go in one write, so they read as one key.
    if keys.startswith("\x1b"):
        os.write(fd, keys.encode())
        return
    for ch in keys:
        os.write(fd, ch.encode())
        time.sleep(0.05)


def measure(name, argv, cols, rows, env, steps, settle_limit, quiet, settle_min):
    pid, fd = spawn(argv, cols, rows, env)
    t0 = time.monotonic()
    # A big log keeps both programs busy after their first screen (casefile
    # mines it, lnav indexes it) with pauses between their updates: keys are
    # pressed only after `settle_min` seconds, once the output is quiet.
    first = count_for(fd, settle_min) + drain(fd, max(quiet, 0.8), settle_limit)
    settled = time.monotonic() - t0
    idle = count_for(fd, 5.0)
    per_key = []
    for label, keys in steps:
        if keys is None:
            per_key.append((label, None))
            continue
        press(fd, keys)
        per_key.append((label, drain(fd, quiet, 30.0)))
    try:
        os.kill(pid, signal.SIGTERM)
        drain(fd, 0.5, 3.0)
        os.waitpid(pid, 0)
    except (OSError, ChildProcessError):
        pass
    os.close(fd)
    return {
        "program": name,
        "size": f"{cols}x{rows}",
        "first_screen": first,
        "settled_s": round(settled, 1),
        "idle_5s": idle,
        "keys": per_key,
    }


def render(results):
    out = []
    for data in sorted({r["data"] for r in results}):
        for size in sorted({r["size"] for r in results if r["data"] == data}, key=len):
            rows = [r for r in results if r["data"] == data and r["size"] == size]
            out.append(f"\n**{data}, {size}** (bytes written)\n")
            out.append("| key | " + " | ".join(r["program"] for r in rows) + " |")
            out.append("|---|" + "---:|" * len(rows))
            out.append("| first screen | " + " | ".join(str(r["first_screen"]) for r in rows) + " |")
            out.append("| 5 s, no key | " + " | ".join(str(r["idle_5s"]) for r in rows) + " |")
            labels = [k for k, _ in rows[0]["keys"]]
            for i, label in enumerate(labels):
                cells = []
                for r in rows:
                    v = r["keys"][i][1]
                    cells.append("–" if v is None else str(v))
                out.append(f"| {label} | " + " | ".join(cells) + " |")
            common = [i for i in range(len(labels)) if all(r["keys"][i][1] is not None for r in rows)]
            totals = [str(sum(r["keys"][i][1] for i in common)) for r in rows]
            out.append("| keys every program has, total | " + " | ".join(totals) + " |")
    return "\n".join(out)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    bench = os.environ.get("BENCH_DIR", "/tmp/casefile-bench")
    p.add_argument("--casefile", action="append",
                   help="[LABEL=]BIN, again to compare builds (default target/release/casefile)")
    p.add_argument("--lnav", default="lnav")
    p.add_argument("--skip-lnav", action="store_true")
    p.add_argument("--sizes", default="80x24,200x50")
    p.add_argument("--big", default=os.path.join(bench, "app-1g.log"))
    p.add_argument("--skip-big", action="store_true")
    p.add_argument("--big-settle", type=float, default=60.0,
                   help="seconds to let each program read and mine the big log before the keys")
    p.add_argument("--quiet", type=float, default=0.6, help="seconds of silence that end a key's output")
    p.add_argument("--settle", type=float, default=300.0, help="longest wait for the first screen to go quiet")
    p.add_argument("--json")
    a = p.parse_args()

    home = tempfile.mkdtemp(prefix="terminal-bytes-")
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "HOME": home,
        "XDG_CONFIG_HOME": os.path.join(home, "config"),
        "XDG_DATA_HOME": os.path.join(home, "data"),
        "XDG_STATE_HOME": os.path.join(home, "state"),
        "XDG_CACHE_HOME": os.path.join(home, "cache"),
        "TMPDIR": home,
    }
    demo = sorted(os.path.join(REPO, "assets/demo", f) for f in os.listdir(os.path.join(REPO, "assets/demo")))
    datasets = [
        ("demo (assets/demo/*)", demo,
         ["--tz", "UTC", "--set", "goroutines.time=2026-11-20T14:35:20Z"], "timeout", 0.0),
    ]
    if not a.skip_big and os.path.exists(a.big):
        datasets.append((os.path.basename(a.big), [a.big], ["--tz", "UTC"], "mismatch", a.big_settle))

    results = []
    for data, files, cf_opts, word, settle_min in datasets:
        steps = key_mix(word)
        for size in a.sizes.split(","):
            cols, rows = (int(x) for x in size.split("x"))
            runs = []
            for given in a.casefile or [os.path.join(REPO, "target/release/casefile")]:
                label, _, path = given.rpartition("=")
                runs.append((label or "casefile", [path] + cf_opts + files, [(l, c) for l, c, _ in steps]))
            if not a.skip_lnav:
                runs.append(("lnav", [a.lnav] + files, [(l, n) for l, _, n in steps]))
            for name, argv, keys in runs:
                print(f"terminal_bytes: {name} {size} {data}", file=sys.stderr)
                r = measure(name, argv, cols, rows, env, keys, a.settle, a.quiet, settle_min)
                r["data"] = data
                results.append(r)
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=1)
    print(render(results))


if __name__ == "__main__":
    main()
