#!/usr/bin/env python3
"""Turns the harness' RESULT lines into RESULTS.md's table, and a JFR allocation recording into its top stacks.

    render.py LOG...                      the table of every RESULT line in the logs (both builds side by side)
    render.py --jfr RECORDING.json        the allocation samples (jfr print --json) grouped by allocating frames

Columns: "> floor" is a CDI row minus noop_interceptor of the same build (ArC's own interception), or a programmatic
row minus direct (the bare call). "CDI own" is a Bulwark CDI row's "> floor" minus the same stack's programmatic
"> floor": what the annotation path costs beyond the engine, the figure issue 27 wants at <= 5 ns and 0 B.
"""
import json
import re
import sys
from collections import defaultdict

ORDER = ["direct", "proxy", "noop_interceptor", "retry_breaker_bulkhead", "with_timeout", "retry", "circuit_breaker",
         "bulkhead", "timeout"]


def results(paths):
    rows = {}
    for p in paths:
        for line in open(p):
            if line.startswith("RESULT "):
                kv = dict(f.split("=", 1) for f in line.split()[1:])
                rows[(kv["build"], kv["path"], kv["scenario"])] = kv
    return rows


def fmt(x, digits=1):
    return "-" if x is None else f"{x:,.{digits}f}"


def signed(x, digits=1):
    return "-" if x is None else f"{x:+,.{digits}f}"


def table(paths):
    rows = results(paths)

    def get(build, path, scenario):
        r = rows.get((build, path, scenario))
        return None if r is None else (float(r["ns_median"]), float(r["bytes_per_call"]), r)

    def above(build, path, scenario):
        v = get(build, path, scenario)
        base = get(build, "cdi", "noop_interceptor") if path == "cdi" else get(build, "baseline", "direct")
        if v is None or base is None or scenario in ("noop_interceptor", "direct"):
            return None, None
        return v[0] - base[0], v[1] - base[1]

    out = ["| path | scenario | Bulwark ns/call | min-max | B/call | SmallRye ns/call | min-max | B/call"
           " | Bulwark vs SmallRye | Bulwark > floor ns / B | SmallRye > floor ns / B | CDI own ns / B (Bulwark) |",
           "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for path in ("baseline", "cdi", "programmatic"):
        for scenario in ORDER:
            b = get("bulwark", path, scenario)
            s = get("smallrye", path, scenario)
            if b is None and s is None:
                continue
            cells = [path, scenario]
            for v in (b, s):
                cells += ["-", "-", "-"] if v is None else [
                    f"**{fmt(v[0])}**" if v is b else fmt(v[0]),
                    f"{fmt(float(v[2]['ns_min']))}-{fmt(float(v[2]['ns_max']))}", fmt(v[1], 0)]
            cells.append(f"{b[0] / s[0]:.2f}x" if b and s else "-")
            for build in ("bulwark", "smallrye"):
                ns, by = above(build, path, scenario)
                cells.append("-" if ns is None else f"{signed(ns)} / {signed(by, 0)}")
            own = "-"
            if path == "cdi":
                c = above("bulwark", "cdi", scenario)
                p = above("bulwark", "programmatic", scenario)
                if c[0] is not None and p[0] is not None:
                    own = f"{signed(c[0] - p[0])} / {signed(c[1] - p[1], 0)}"
            cells.append(own)
            out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out)


def frame_name(f):
    m = f["method"]
    return f"{m['type']['name']}.{m['name']}:{f.get('lineNumber', '?')}"


def jfr(path, depth=8, top=12):
    """Groups the samples taken on the harness thread by class and allocating frames, heaviest first."""
    events = json.load(open(path))["recording"]["events"]
    groups = defaultdict(lambda: [0, 0])
    total = 0
    for e in events:
        v = e["values"]
        if (v.get("eventThread") or {}).get("javaName") != "main":
            continue
        frames = (v.get("stackTrace") or {}).get("frames") or []
        names = [frame_name(f) for f in frames]
        # Only what the measured loop allocates: samples whose stack passes through a scenario's loop lambda.
        if not any(re.search(r"(Harness|ProgrammaticStacks)\.lambda\$", n) for n in names):
            continue
        key = (v["objectClass"]["name"], tuple(names[:depth]))
        weight = int(v["weight"])
        groups[key][0] += weight
        groups[key][1] += 1
        total += weight
    lines = [f"{total:,} B sampled weight on the measured loops; top allocation sites:"]
    for (cls, frames), (w, n) in sorted(groups.items(), key=lambda kv: -kv[1][0])[:top]:
        lines.append(f"\n{100.0 * w / max(total, 1):5.1f}%  {cls}  ({n} samples)")
        lines += [f"        at {f}" for f in frames]
    return "\n".join(lines)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--jfr":
        print(jfr(sys.argv[2]))
    elif len(sys.argv) >= 2:
        print(table(sys.argv[1:]))
    else:
        sys.exit(__doc__)
