#!/usr/bin/env python3
"""Starts each built start-up app several times and reports medians (see run.sh).

    measure.py APPS_DIR [--runs 5] [--port 18090] [--out FILE]

Quarkus apps: time from spawning `java -jar target/quarkus-app/quarkus-run.jar` to the first 200 answer of
GET /ping (polled every 2 ms), then GET /heap (heap used after System.gc(), reported by the app). Weld apps: time from
spawning `java -cp ... Main` to its READY line (container up, one guarded call made), then its HEAP line. The
variants take turns within each round, so a slow spell of the machine spreads over all of them.
"""
import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request

VARIANTS = ["quarkus-none", "quarkus-bulwark", "quarkus-smallrye", "weld-none", "weld-bulwark", "weld-smallrye"]


def free(port):
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


def get(port, path, timeout=1.0):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=timeout) as r:
        return r.status, r.read().decode()


def run_quarkus(app, port, log):
    if not free(port):
        sys.exit(f"port {port} is taken; pass --port")
    cmd = ["java", f"-Dquarkus.http.port={port}", "-jar", os.path.join(app, "target/quarkus-app/quarkus-run.jar")]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        while True:
            if proc.poll() is not None:
                sys.exit(f"{app} exited with {proc.returncode} before answering; see {log.name}")
            try:
                status, _ = get(port, "/ping")
                if status == 200:
                    break
            except (urllib.error.URLError, ConnectionError, socket.timeout):
                pass
            if time.perf_counter() - t0 > 60:
                sys.exit(f"{app} did not answer within 60 s; see {log.name}")
            time.sleep(0.002)
        ms = (time.perf_counter() - t0) * 1000
        _, heap = get(port, "/heap", timeout=30)
        return ms, int(heap)
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def run_weld(app, log):
    with open(os.path.join(app, "target/classpath.txt")) as f:
        cp = os.path.join(app, "target/classes") + os.pathsep + f.read().strip()
    t0 = time.perf_counter()
    proc = subprocess.Popen(["java", "-cp", cp, "dev.bulwark.startup.Main"], stdout=subprocess.PIPE, stderr=log,
                            stdin=subprocess.DEVNULL, text=True)
    ms = heap = None
    for line in proc.stdout:
        if line.startswith("READY") and ms is None:
            ms = (time.perf_counter() - t0) * 1000
        elif line.startswith("HEAP "):
            heap = int(line.split()[1])
    rc = proc.wait(60)
    if rc != 0 or ms is None or heap is None:
        sys.exit(f"{app} exited with {rc} without READY and HEAP; see {log.name}")
    return ms, heap


def ratio(a, b):
    return f"{a / b:.2f}x" if b else "-"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("apps")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--port", type=int, default=18090)
    ap.add_argument("--out")
    args = ap.parse_args()
    present = [v for v in VARIANTS if os.path.isdir(os.path.join(args.apps, v))]
    samples = {v: [] for v in present}
    os.makedirs(os.path.join(args.apps, "logs"), exist_ok=True)
    for r in range(args.runs):
        order = present[r % len(present):] + present[:r % len(present)]
        for v in order:
            app = os.path.join(args.apps, v)
            with open(os.path.join(args.apps, "logs", f"{v}-{r}.log"), "w") as log:
                ms, heap = run_quarkus(app, args.port, log) if v.startswith("quarkus") else run_weld(app, log)
            samples[v].append((ms, heap))
            print(f"STARTUP variant={v} run={r} ms={ms:.1f} heap_bytes={heap}", flush=True)

    med = {v: (statistics.median(s[0] for s in samples[v]), statistics.median(s[1] for s in samples[v]))
           for v in present}
    lines = ["| app | start ms (median) | min-max | heap used MiB (median) | start vs none | heap vs none"
             " | start vs SmallRye | heap vs SmallRye |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for v in present:
        runtime = v.split("-")[0]
        ms, heap = med[v]
        none = med.get(f"{runtime}-none")
        sr = med.get(f"{runtime}-smallrye")
        times = [s[0] for s in samples[v]]
        name = f"**{v}**" if v.endswith("bulwark") else v
        lines.append(f"| {name} | {ms:,.0f} | {min(times):,.0f}-{max(times):,.0f} | {heap / 2**20:.1f} | "
                     f"{ratio(ms, none[0]) if none else '-'} | {ratio(heap, none[1]) if none else '-'} | "
                     f"{ratio(ms, sr[0]) if sr else '-'} | {ratio(heap, sr[1]) if sr else '-'} |")
    table = "\n".join(lines)
    print(f"\n{args.runs} starts each, medians\n\n{table}")
    if args.out:
        with open(args.out, "w") as f:
            f.write(table + "\n")


if __name__ == "__main__":
    main()
