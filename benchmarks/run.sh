#!/usr/bin/env bash
# Builds the benchmarks and runs the whole comparison, then writes benchmarks/RESULTS.md.
#
#   benchmarks/run.sh           the full run (~25 min on 2 cores): 8 x 1 s warm-up, 5 x 1 s measurement, 1 fork each
#   benchmarks/run.sh --quick   the same benchmarks, 1 short iteration each (~3 min): checks, not numbers
#
# Each JVM (the build and every JMH run) takes the lock file $BENCH_LOCK (default /tmp/bulwark-mvn.lock), so a
# benchmark never shares the cores with another build or test suite started under the same lock.
# Extra Maven flags (e.g. -o) go in $BENCH_MVN_ARGS.
set -euo pipefail

cd "$(dirname "$0")"
here=$(pwd)
quick=false
case "${1:-}" in
    --quick) quick=true ;;
    "") ;;
    *) echo "usage: $0 [--quick]" >&2; exit 2 ;;
esac

lock=${BENCH_LOCK:-/tmp/bulwark-mvn.lock}
locked() {
    if command -v flock >/dev/null; then flock "$lock" "$@"; else "$@"; fi
}

# -am builds api, impl and bulwark-cdi in the same reactor, so nothing needs installing first.
# shellcheck disable=SC2086
(cd .. && locked mvn -B -q ${BENCH_MVN_ARGS:-} -DskipTests package -pl benchmarks -am)

out=target/jmh
mkdir -p "$out"
rm -f "$out"/*.json
if $quick; then
    timing=(-f 1 -wi 1 -w 200ms -i 2 -r 200ms)
else
    timing=()   # the annotations' own: 1 fork, 8 x 1 s warm-up, 5 x 1 s measurement
fi

# One JMH run per classpath: Bulwark's and SmallRye's CDI extensions cannot be in one container.
jmh() {
    local name=$1 classpath=$2
    shift 2
    echo "== $name"
    locked java -cp "target/classes:$(cat "target/classpath-$classpath.txt")" org.openjdk.jmh.Main "$@" \
        "${timing[@]}" -prof gc -foe true -rf json -rff "$out/$name.json" >"$out/$name.log" 2>&1 \
        || { tail -40 "$out/$name.log" >&2; exit 1; }
    grep -E '^(Baseline|Programmatic|Cdi)Benchmark\.[a-z0-9]+ ' "$out/$name.log" || true
}
jmh programmatic programmatic 'dev\.bulwark\.benchmarks\.(Programmatic|Baseline)Benchmark\.'
jmh cdi-bulwark cdi-bulwark 'dev\.bulwark\.benchmarks\.cdi\.CdiBenchmark\.' -p implementation=bulwark
jmh cdi-smallrye cdi-smallrye 'dev\.bulwark\.benchmarks\.cdi\.CdiBenchmark\.' -p implementation=smallrye

results=RESULTS.md
$quick && results=target/RESULTS-quick.md
python3 render_results.py --quick="$quick" --out "$results" "$out"/*.json
echo "Wrote $here/$results"
