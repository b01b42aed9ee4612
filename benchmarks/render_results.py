#!/usr/bin/env python3
"""Renders JMH JSON results (run.sh) into RESULTS.md: one table per mode, ratios, targets, JDK and machine."""
import argparse
import datetime
import json
import os
import platform
import subprocess

LIBRARIES = ["bulwark", "smallrye", "resilience4j", "failsafe"]
SCENARIOS = ["RETRY", "CIRCUIT_BREAKER", "BULKHEAD", "RATE_LIMITER", "TIMEOUT", "COMBINED"]
BEANS = ["PLAIN", "NOOP_INTERCEPTOR", "RETRY_BREAKER_BULKHEAD", "WITH_TIMEOUT"]
NOTES = {
    ("resilience4j", "TIMEOUT"): "thread hop: TimeLimiter bounds a future on a pool thread",
    ("resilience4j", "COMBINED"): "no timeout (it would be the thread hop)",
}
# Below this, gc.alloc.rate.norm is measurement noise (JMH's own iteration bookkeeping), not an allocation per call.
ZERO_BYTES = 1.0


class Result:
    def __init__(self, entry):
        self.benchmark = entry["benchmark"].rsplit(".", 2)[-2:]  # [class, method]
        self.params = entry.get("params", {})
        self.threads = entry["threads"]
        self.score = entry["primaryMetric"]["score"]
        error = entry["primaryMetric"]["scoreError"]
        self.error = error if isinstance(error, (int, float)) and error == error else None  # "NaN": one iteration
        self.unit = entry["primaryMetric"]["scoreUnit"]
        norm = entry.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
        self.bytes = norm["score"] if norm else None


def load(paths):
    results, meta = [], None
    for path in paths:
        with open(path) as f:
            for entry in json.load(f):
                results.append(Result(entry))
                meta = meta or entry
    return results, meta


def find(results, cls, method, **params):
    for r in results:
        if r.benchmark == [cls, method] and all(r.params.get(k) == v for k, v in params.items()):
            return r
    return None


def num(value, digits=None):
    if value is None:
        return "-"
    if digits is None:
        digits = 0 if abs(value) >= 100 else 1 if abs(value) >= 10 else 2
    return f"{value:,.{digits}f}"


def nbytes(r):
    if r is None or r.bytes is None:
        return "-"
    return "0" if r.bytes < ZERO_BYTES else num(r.bytes, 0)


def ratio(a, b):
    if a is None or b is None or b.score == 0:
        return "-"
    value = a.score / b.score
    return f"{value:,.0f}x" if value >= 100 else f"{value:.2f}x" if value >= 0.1 else f"{value:.2g}x"


def programmatic_table(results, method, higher_is_better, extra=None):
    unit = "ns/op" if not higher_is_better else "ops/us"
    baseline = find(results, "BaselineBenchmark", method)
    head = f"| scenario | library | {unit} | error | B/op | vs SmallRye | vs baseline |"
    sep = "|---|---|---:|---:|---:|---:|---:|"
    if extra:
        head += f" {extra[0]} |"
        sep += "---:|"
    head += " note |"
    sep += "---|"
    rows = [head, sep]
    if baseline:
        row = f"| - | baseline (Supplier) | {num(baseline.score)} | {num(baseline.error)} | {nbytes(baseline)} | - | 1.00x |"
        if extra:
            row += f" {extra[1]('baseline', None)} |"
        rows.append(row + " |")
    for scenario in SCENARIOS:
        smallrye = find(results, "ProgrammaticBenchmark", method, library="smallrye", scenario=scenario)
        for library in LIBRARIES:
            r = find(results, "ProgrammaticBenchmark", method, library=library, scenario=scenario)
            if r is None:
                continue
            name = f"**{library}**" if library == "bulwark" else library
            row = (f"| {scenario.lower()} | {name} | {num(r.score)} | {num(r.error)} | {nbytes(r)} "
                   f"| {ratio(r, smallrye)} | {ratio(r, baseline)} |")
            if extra:
                row += f" {extra[1](library, scenario)} |"
            rows.append(row + f" {NOTES.get((library, scenario), '')} |")
    return "\n".join(rows)


def cdi_table(results):
    baseline = find(results, "BaselineBenchmark", "overhead")
    rows = ["| bean | implementation | ns/op | error | B/op | vs SmallRye | vs baseline |",
            "|---|---|---:|---:|---:|---:|---:|"]
    for bean in BEANS:
        smallrye = find(results, "CdiBenchmark", "overhead", implementation="smallrye", bean=bean)
        for impl in ["bulwark", "smallrye"]:
            r = find(results, "CdiBenchmark", "overhead", implementation=impl, bean=bean)
            if r is None:
                continue
            name = f"**{impl}**" if impl == "bulwark" else impl
            rows.append(f"| {bean.lower()} | {name} | {num(r.score)} | {num(r.error)} | {nbytes(r)} "
                        f"| {ratio(r, smallrye)} | {ratio(r, baseline)} |")
    return "\n".join(rows)


def targets(results):
    def avg(library, scenario):
        return find(results, "ProgrammaticBenchmark", "overhead", library=library, scenario=scenario)

    def scaling(scenario):
        one = find(results, "ProgrammaticBenchmark", "throughput1", library="bulwark", scenario=scenario)
        two = find(results, "ProgrammaticBenchmark", "throughput2", library="bulwark", scenario=scenario)
        return None if not one or not two else two.score / one.score

    def zero(r):
        return r is not None and r.bytes is not None and r.bytes < ZERO_BYTES

    rows = ["| target (Bulwark) | measured | met |", "|---|---|---|"]

    def add(label, measured, ok):
        rows.append(f"| {label} | {measured} | {'yes' if ok else '**no**'} |")

    r4j = avg("resilience4j", "RETRY")
    r = avg("bulwark", "RETRY")
    if r and r4j:
        add("retry <= Resilience4j, 0 B", f"{num(r.score)} ns vs {num(r4j.score)} ns, {nbytes(r)} B",
            r.score <= r4j.score and zero(r))
    for scenario, limit in [("CIRCUIT_BREAKER", 30), ("BULKHEAD", 10), ("RATE_LIMITER", 25)]:
        r = avg("bulwark", scenario)
        if r:
            add(f"{scenario.lower()} <= {limit} ns, 0 B", f"{num(r.score)} ns, {nbytes(r)} B",
                r.score <= limit and zero(r))
    r = avg("bulwark", "TIMEOUT")
    if r:
        add("sync timeout <= 100 ns, no thread hop", f"{num(r.score)} ns, caller's thread", r.score <= 100)
    r = avg("bulwark", "COMBINED")
    if r:
        add("combined (with timeout) <= 150 ns", f"{num(r.score)} ns, {nbytes(r)} B", r.score <= 150)
    r = find(results, "CdiBenchmark", "overhead", implementation="bulwark", bean="RETRY_BREAKER_BULKHEAD")
    if r:
        add("CDI @Retry @CircuitBreaker @Bulkhead <= 200 ns, <= 300 B", f"{num(r.score)} ns, {nbytes(r)} B",
            r.score <= 200 and r.bytes is not None and r.bytes <= 300)
    for scenario in ["CIRCUIT_BREAKER", "RATE_LIMITER"]:
        s = scaling(scenario)
        if s is not None:
            add(f"2 threads vs 1, {scenario.lower()} >= 1.5x", f"{s:.2f}x", s >= 1.5)
    return "\n".join(rows)


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = "?"
    try:
        with open("/proc/meminfo") as f:
            kib = int(f.readline().split()[1])
            memory = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{cpu}, {os.cpu_count()} CPUs, {memory} RAM, {platform.system()} {platform.release()}"


def scaling_column(results):
    def cell(library, scenario):
        cls = "BaselineBenchmark" if library == "baseline" else "ProgrammaticBenchmark"
        params = {} if library == "baseline" else {"library": library, "scenario": scenario}
        one = find(results, cls, "throughput1", **params)
        two = find(results, cls, "throughput2", **params)
        return ratio(two, one)
    return ("2 threads / 1", cell)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--quick", default="false")
    parser.add_argument("json", nargs="+")
    args = parser.parse_args()
    results, meta = load(args.json)
    quick = args.quick == "true"
    date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    text = f"""# Benchmark results{' (QUICK RUN: not numbers to quote)' if quick else ''}

Written by `benchmarks/run.sh{' --quick' if quick else ''}` on {date} at commit {commit or '?'}.

- JDK: {meta['jdkVersion']}, {meta['vmName']} {meta['vmVersion']}
- Machine: {machine()}
- JMH {meta.get('jmhVersion', '?')}: {meta['forks']} fork per benchmark and library, {meta['warmupIterations']} x {meta['warmupTime']} warm-up, {meta['measurementIterations']} x {meta['measurementTime']} measurement, `-prof gc`
- Every library has the same settings (benchmarks/src/main/java/dev/bulwark/benchmarks/Settings.java): 3 retries,
  breaker window 20 at failure ratio 0.5, bulkhead 10, a fixed-window rate limit of 10^9 per second (never
  rejects), timeout 10 s (never fires). The guarded call reads a volatile field; one guard is shared by all threads.
- Versions: SmallRye Fault Tolerance 6.11.2 (standalone `TypedGuard`; CDI extension on Weld SE 5.1.6.Final),
  Resilience4j 2.4.0 (per-module), Failsafe 3.3.2.
- error is JMH's 99.9% confidence half-interval; B/op is `gc.alloc.rate.norm` (below {ZERO_BYTES:.0f} B shown as 0).
  "vs" columns divide this row's score by SmallRye's (same scenario) or the unguarded baseline's.

## Per-call overhead (average time, 1 thread; lower is better)

{programmatic_table(results, "overhead", False)}

## Throughput, 1 thread (higher is better)

{programmatic_table(results, "throughput1", True)}

## Throughput, 2 threads sharing one guard (higher is better)

{programmatic_table(results, "throughput2", True, scaling_column(results))}

## Annotation path on Weld SE (average time, 1 thread; lower is better)

The same `@ApplicationScoped` bean method through its client proxy. `plain` has no annotations (the proxy alone),
`noop_interceptor` one interceptor that only proceeds (Weld's interception floor), then `@Retry(maxRetries = 3)
@CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5) @Bulkhead(10)`, then the same plus
`@Timeout(10 s)`. Bulwark and SmallRye run in separate JVMs with separate classpaths. "vs baseline" divides by
the programmatic baseline.

{cdi_table(results)}

## Targets (issue 6)

{targets(results)}

What bounds the misses (from `-prof gc`, a `-prof stack` of the CDI path and rows that differ by one operation;
written by hand, not recomputed per run):
- retry and rate limiter: one `System.nanoTime()` per call (kvm-clock on this VM; retry minus circuit breaker suggests ~20 ns), which
  `maxDuration` (measured from the start of the call) and the window of a fixed-window limiter need.
  Resilience4j's retry has no maximum duration and reads no clock.
- bulkhead: two atomic read-modify-writes on one shared counter (take and give back a place), as in
  Resilience4j's semaphore; two threads then share one cache line, which is also why no library's bulkhead
  (nor the combined stack, which contains one) scales to 2 threads.
- rate limiter at 2 threads: every permit is one compare-and-set on one shared counter (exact counting), and a
  thread that loses it reads the clock again before retrying.
- CDI: Weld's own interception floor (`noop_interceptor`: one interceptor that only proceeds) already
  allocates 424 B per call and costs most of the time; Bulwark adds no allocation on top of it.
- allocation: Bulwark's rows are 0 B/op at 1 and 2 threads since the synchronous path takes a shared `Invoker`
  strategy instead of a per-call `Supplier`-to-`Callable` adapter (c519602; 16 B/op in some 2-thread rows before).
"""
    with open(args.out, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
