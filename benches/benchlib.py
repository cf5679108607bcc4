#!/usr/bin/env python3
"""Helpers for benches/run.sh (python3 stdlib only).

Subcommands:
  probe-casefile JSON            exit 0 if JSON looks like `casefile index --json` output
  first-output [--runs N] -- CMD...
                                 time until the first stdout line of CMD (JSON on stdout)
  case --name N ...              fold one case's raw measurements into a JSON line
  render RESULTS.jsonl [FIRST_OUTPUT.json] [--machine TEXT]
                                 markdown tables on stdout
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time


def load_json(path):
    if not path or not os.path.exists(path) or os.path.getsize(path) == 0:
        return None
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def casefile_sources(doc):
    if not isinstance(doc, dict) or not isinstance(doc.get("sources"), list):
        return None
    return doc["sources"]


def cmd_probe(args):
    srcs = casefile_sources(load_json(args.json))
    ok = bool(srcs) and all(isinstance(s, dict) and "records" in s for s in srcs)
    return 0 if ok else 1


def cmd_first_output(args):
    cmd = args.cmd[1:] if args.cmd and args.cmd[0] == "--" else args.cmd
    samples = []
    first = None
    for _ in range(args.runs):
        t0 = time.monotonic()
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        assert p.stdout is not None
        line = p.stdout.readline()
        dt = time.monotonic() - t0
        p.kill()
        p.wait()
        p.stdout.close()
        if not line:
            json.dump({"cmd": cmd, "error": "no output"}, sys.stdout)
            print()
            return 1
        samples.append(dt * 1000.0)
        first = line.decode("utf-8", "replace").rstrip("\n")
    json.dump(
        {
            "cmd": cmd,
            "median_ms": statistics.median(samples),
            "min_ms": min(samples),
            "max_ms": max(samples),
            "runs": len(samples),
            "first_line": first,
        },
        sys.stdout,
    )
    print()
    return 0


def hyperfine_means(path):
    """{command name: (mean s, stddev s, runs)} from a hyperfine --export-json file."""
    doc = load_json(path)
    out = {}
    for r in (doc or {}).get("results", []):
        name = r.get("command")
        out[name] = (r.get("mean"), r.get("stddev"), len(r.get("times") or []))
    return out


def gnu_time(path):
    """(peak RSS bytes, elapsed s, user s, sys s) from /usr/bin/time -f '%M %e %U %S'."""
    try:
        with open(path, encoding="utf-8") as f:
            lines = [ln for ln in f.read().splitlines() if ln.strip()]
        kb, e, u, s = lines[-1].split()[:4]
        return int(kb) * 1024, float(e), float(u), float(s)
    except (OSError, ValueError, IndexError):
        return None


def lnav_count(path):
    """The number printed by `lnav -n -c ';SELECT count(*) AS records ...'`."""
    try:
        with open(path, encoding="utf-8") as f:
            rows = [ln.split() for ln in f.read().splitlines() if ln.strip()]
        return int(rows[1][0])
    except (OSError, ValueError, IndexError):
        return None


def cmd_case(args):
    hf = hyperfine_means(args.hf_json)
    hf.update(hyperfine_means(args.lnav_hf_json))
    cf_doc = load_json(args.cf_json)
    srcs = casefile_sources(cf_doc)
    rec = {
        "name": args.name,
        "files": args.files,
        "bytes": args.bytes,
        "lines": args.lines,
        "wc": {"time": hf.get("wc"), "gnu": gnu_time(args.wc_time)},
        "casefile": None,
        "lnav": None,
    }
    if srcs is not None:
        rec["casefile"] = {
            "time": hf.get("casefile"),
            "gnu": gnu_time(args.cf_time),
            "records": sum(int(s.get("records") or 0) for s in srcs),
            "formats": [s.get("format") for s in srcs],
        }
    if args.lnav_time:
        rec["lnav"] = {
            "time": hf.get("lnav"),
            "gnu": gnu_time(args.lnav_time),
            "records": lnav_count(args.lnav_out),
        }
    json.dump(rec, sys.stdout)
    print()
    return 0


def fmt_s(v):
    if v is None:
        return "n/a"
    return f"{v:.2f} s" if v >= 1 else f"{v * 1000:.0f} ms"


def fmt_t(t):
    if not t or t[0] is None:
        return "n/a"
    mean, sd, runs = t
    if runs and runs > 1 and sd is not None:
        return f"{fmt_s(mean)} ± {fmt_s(sd)}"
    return fmt_s(mean)


def fmt_mib(b):
    return "n/a" if b is None else f"{b / 1048576:,.0f} MiB"


def fmt_n(n):
    return "n/a" if n is None else f"{n:,}"


def cpu(g):
    if not g or g[1] <= 0:
        return "n/a"
    return f"{(g[2] + g[3]) / g[1]:.2f}"


def cmd_render(args):
    rows = []
    with open(args.results, encoding="utf-8") as f:
        rows = [json.loads(ln) for ln in f if ln.strip()]
    out = []
    if args.machine:
        out.append(args.machine)
        out.append("")
    out.append("### Full index time (page cache warm)")
    out.append("")
    out.append(
        "| input | size | `wc -l` (floor) | casefile index | casefile ÷ wc (goal ≤ 2) "
        "| casefile cores (goal ≈ 2) | lnav | lnav ÷ casefile (goal ≥ 10) |"
    )
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        wc_t = (r["wc"]["time"] or [None])[0]
        cf = r.get("casefile") or {}
        ln = r.get("lnav") or {}
        cf_t = (cf.get("time") or [None])[0]
        ln_t = (ln.get("time") or [None])[0]
        ratio_wc = f"{cf_t / wc_t:.2f}×" if cf_t and wc_t else "n/a"
        ratio_ln = f"{ln_t / cf_t:.1f}×" if cf_t and ln_t else "n/a"
        out.append(
            f"| {r['name']} | {fmt_mib(r['bytes'])} | {fmt_t(r['wc']['time'])} "
            f"| {fmt_t(cf.get('time'))} | {ratio_wc} | {cpu(cf.get('gnu'))} "
            f"| {fmt_t(ln.get('time'))} | {ratio_ln} |"
        )
    out.append("")
    out.append("### Records and peak memory")
    out.append("")
    out.append(
        "| input | lines (`wc -l`) | records (casefile) | records (lnav) "
        "| casefile peak RSS | casefile RSS − file size | bytes/record beyond file (goal ≤ 16) "
        "| lnav peak RSS | lnav RSS/record | lnav cores |"
    )
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        cf = r.get("casefile") or {}
        ln = r.get("lnav") or {}
        cg, lg = cf.get("gnu"), ln.get("gnu")
        cf_rec, ln_rec = cf.get("records"), ln.get("records")
        beyond = cg[0] - r["bytes"] if cg else None
        per = f"{max(beyond, 0) / cf_rec:.1f}" if beyond is not None and cf_rec else "n/a"
        ln_per = f"{lg[0] / ln_rec:.0f}" if lg and ln_rec else "n/a"
        out.append(
            f"| {r['name']} | {fmt_n(r['lines'])} | {fmt_n(cf_rec)} | {fmt_n(ln_rec)} "
            f"| {fmt_mib(cg[0] if cg else None)} "
            f"| {fmt_mib(beyond) if beyond is not None else 'n/a'} | {per} "
            f"| {fmt_mib(lg[0] if lg else None)} | {ln_per} | {cpu(lg)} |"
        )
    fo = load_json(args.first_output) if args.first_output else None
    if fo:
        out.append("")
        out.append("### Time to first output (goal < 200 ms)")
        out.append("")
        out.append("| command | median | min | max | runs |")
        out.append("|---|---:|---:|---:|---:|")
        for name, m in fo.items():
            if "median_ms" in m:
                out.append(
                    f"| {name} | {m['median_ms']:.0f} ms | {m['min_ms']:.0f} ms "
                    f"| {m['max_ms']:.0f} ms | {m['runs']} |"
                )
            else:
                out.append(f"| {name} | {m.get('error', 'n/a')} | | | |")
    print("\n".join(out))
    return 0


def cmd_merge_first(args):
    merged = {}
    for item in args.items:
        name, _, path = item.partition("=")
        doc = load_json(path)
        merged[name] = doc if doc else {"error": "no output"}
    json.dump(merged, sys.stdout, indent=1)
    print()
    return 0


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="sub", required=True)
    p = sub.add_parser("probe-casefile")
    p.add_argument("json")
    p.set_defaults(func=cmd_probe)
    p = sub.add_parser("first-output")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("cmd", nargs=argparse.REMAINDER)
    p.set_defaults(func=cmd_first_output)
    p = sub.add_parser("case")
    p.add_argument("--name", required=True)
    p.add_argument("--bytes", type=int, required=True)
    p.add_argument("--lines", type=int, required=True)
    p.add_argument("--files", nargs="+", default=[])
    p.add_argument("--hf-json")
    p.add_argument("--lnav-hf-json")
    p.add_argument("--wc-time")
    p.add_argument("--cf-time")
    p.add_argument("--cf-json")
    p.add_argument("--lnav-time")
    p.add_argument("--lnav-out")
    p.set_defaults(func=cmd_case)
    p = sub.add_parser("merge-first")
    p.add_argument("items", nargs="+", help="NAME=first-output.json")
    p.set_defaults(func=cmd_merge_first)
    p = sub.add_parser("render")
    p.add_argument("results")
    p.add_argument("first_output", nargs="?")
    p.add_argument("--machine")
    p.set_defaults(func=cmd_render)
    args = ap.parse_args()
    sys.exit(args.func(args))


if __name__ == "__main__":
    main()
