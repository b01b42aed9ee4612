#!/usr/bin/env bash
# The start-up benchmark: generates one app of 500 guarded methods (generate.py), builds it six ways (Quarkus and
# Weld SE, each with Bulwark, with SmallRye Fault Tolerance and with no fault tolerance at all), then starts each
# $RUNS times (default 5) and prints medians and ratios (measure.py). Nothing here runs in the normal build.
#
#   benchmarks/startup/run.sh                       generate, build, measure (~5 min on 2 cores)
#   RUNS=9 benchmarks/startup/run.sh --no-build     measure the apps already built
#
# Needs bulwark-cdi in the local repository (mvn -B -o -q install -DskipTests -pl api,impl,cdi-extension). Each
# Maven build and the measurement take the lock file $BENCH_LOCK (default /tmp/bulwark-mvn.lock), so nothing else
# started under the same lock shares the cores with them. Extra Maven flags (e.g. -o) go in $BENCH_MVN_ARGS.
set -euo pipefail

cd "$(dirname "$0")"
apps=target/apps
lock=${BENCH_LOCK:-/tmp/bulwark-mvn.lock}
locked() {
    if command -v flock >/dev/null; then flock "$lock" "$@"; else "$@"; fi
}

if [ "${1:-}" != "--no-build" ]; then
    rm -rf "$apps"
    python3 generate.py "$apps"
    for app in "$apps"/*/; do
        echo "== build $(basename "$app")"
        # shellcheck disable=SC2086
        locked mvn -B -q ${BENCH_MVN_ARGS:-} -f "$app/pom.xml" package -DskipTests >"$app/build.log" 2>&1 \
            || { tail -40 "$app/build.log" >&2; exit 1; }
    done
fi
echo "== java: $(java -version 2>&1 | head -1)"
locked python3 measure.py "$apps" --runs "${RUNS:-5}" --out target/startup-table.md
