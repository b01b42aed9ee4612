#!/usr/bin/env bash
# The annotation path on Quarkus (ArC): builds the benchmark app twice (bulwark/, smallrye/), runs its in-process
# harness in each packaged app, and prints the side-by-side table (render.py). Never part of the normal build.
#
#   benchmarks/quarkus/run.sh                one JVM per build, every scenario in it (~1 min per build)
#   benchmarks/quarkus/run.sh --fork         one JVM per scenario, as JMH forks (~2 min per build)
#   benchmarks/quarkus/run.sh --jfr SCENARIO an allocation profile of one Bulwark CDI scenario (e.g. retry)
#   add --no-build to any of them to reuse the built apps
#
# Needs bulwark-cdi in the local repository (mvn -B -o -q install -DskipTests -pl api,impl,cdi-extension): a Quarkus
# app resolves it from there. Every JVM and the build take the lock file $BENCH_LOCK (default /tmp/bulwark-mvn.lock);
# extra Maven flags (e.g. -o) go in $BENCH_MVN_ARGS, extra harness JVM flags (-Dbench.warmup-ms=...) in $BENCH_JAVA.
set -euo pipefail

cd "$(dirname "$0")"
lock=${BENCH_LOCK:-/tmp/bulwark-mvn.lock}
locked() {
    if command -v flock >/dev/null; then flock "$lock" "$@"; else "$@"; fi
}
fork=false build=true jfr=""
while [ $# -gt 0 ]; do
    case "$1" in
        --fork) fork=true ;;
        --no-build) build=false ;;
        --jfr) jfr=${2:?--jfr needs a scenario name}; shift ;;
        *) echo "usage: $0 [--fork] [--no-build] [--jfr SCENARIO]" >&2; exit 2 ;;
    esac
    shift
done

if $build; then
    # shellcheck disable=SC2086
    (cd ../.. && locked mvn -B -q ${BENCH_MVN_ARGS:-} package -DskipTests \
        -pl benchmarks/quarkus/bulwark,benchmarks/quarkus/smallrye)
fi
out=target/results
mkdir -p "$out"
# The measurement holds the lock from its first JVM to its last: taken per JVM, a --fork run would queue behind
# every build started meanwhile by others under the same lock.
if [ -z "${BENCH_LOCK_HELD:-}" ] && command -v flock >/dev/null; then
    args=(--no-build)
    $fork && args+=(--fork)
    [ -n "$jfr" ] && args+=(--jfr "$jfr")
    BENCH_LOCK_HELD=1 exec flock "$lock" "$0" "${args[@]}"
fi
locked() { "$@"; }
# shellcheck disable=SC2206
java_opts=(${BENCH_JAVA:-})

if [ -n "$jfr" ]; then
    rec="$out/alloc-$jfr.jfr"
    locked java "${java_opts[@]}" -XX:StartFlightRecording=filename="$rec",settings=profile -Dbench.checks=false \
        -jar bulwark/target/quarkus-app/quarkus-run.jar --only="cdi/$jfr" | grep -v '^$'
    jfr print --json --events jdk.ObjectAllocationSample --stack-depth 24 "$rec" >"$out/alloc-$jfr.json"
    python3 render.py --jfr "$out/alloc-$jfr.json" | tee "$out/alloc-$jfr.txt"
    exit 0
fi

echo "== java: $(java -version 2>&1 | head -1)"
for b in bulwark smallrye; do
    jar=$b/target/quarkus-app/quarkus-run.jar
    log="$out/$b.log"
    : >"$log"
    if $fork; then
        for s in $(locked java -jar "$jar" --list | grep -E "^[a-z]+/[a-z_]+$"); do
            echo "== $b $s"
            locked java "${java_opts[@]}" -jar "$jar" --only="$s" >>"$log" 2>&1 || { cat "$log" >&2; exit 1; }
        done
    else
        echo "== $b"
        locked java "${java_opts[@]}" -jar "$jar" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
    fi
    grep -E '^(RESULT|CHECKS)' "$log"
done
python3 render.py "$out"/bulwark.log "$out"/smallrye.log | tee target/quarkus-table.md
