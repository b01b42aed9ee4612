#!/usr/bin/env bash
# Moves a project from SmallRye Fault Tolerance to Bulwark, in place.
#
#   migration/smallrye-to-bulwark.sh [--dry-run] [--version V] DIR...
#
# Over every *.java, *.properties and pom.xml under each DIR (target/ and .git/ skipped):
#   - io.smallrye.faulttolerance.api.X -> dev.bulwark.api.X for every X that dev.bulwark.api has under the same
#     name and meaning; CircuitBreakerState -> CircuitState; RateLimitException.getRetryAfterMillis() ->
#     retryAfter().toMillis(). Imports, fully qualified uses and class names in config values alike.
#   - pom.xml: the first dependency on io.smallrye:smallrye-fault-tolerance* (or io.quarkus:
#     quarkus-smallrye-fault-tolerance) in each <dependencies> becomes dev.bulwark:bulwark-cdi:V (default
#     0.1.0-SNAPSHOT); the others in the same list go, since bulwark-cdi alone brings everything.
# What cannot be rewritten by text is listed as "manual:" lines (file:line and what to do); see the README section
# "Migrating from SmallRye Fault Tolerance". --dry-run prints the changes as a diff and writes nothing.
# Running it twice changes nothing the second time. Exit status: 0 done, 2 usage error.
set -euo pipefail

version=0.1.0-SNAPSHOT
dry_run=false
dirs=()
while [ $# -gt 0 ]; do
  case "$1" in
    --dry-run) dry_run=true ;;
    --version) [ $# -ge 2 ] || { echo "--version needs a value" >&2; exit 2; }; version=$2; shift ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
    *) dirs+=("$1") ;;
  esac
  shift
done
[ ${#dirs[@]} -gt 0 ] || { echo "usage: $0 [--dry-run] [--version V] DIR..." >&2; exit 2; }
for d in "${dirs[@]}"; do [ -d "$d" ] || { echo "not a directory: $d" >&2; exit 2; }; done

SR='io\.smallrye\.faulttolerance\.api'
# dev.bulwark.api has these under SmallRye's simple name, with its members (the README lists the differences).
SAME='AlwaysOnException|AsynchronousNonBlocking|BeforeRetry|BeforeRetryHandler|CircuitBreakerMaintenance|CircuitBreakerName|CustomBackoff|CustomBackoffStrategy|ExponentialBackoff|FibonacciBackoff|NeverOnResult|RateLimit|RateLimitException|RateLimitType|RetryWhen'
# SmallRye's programmatic API and SPI: Bulwark's programmatic API is another one (Guard.builder()).
OTHER='ApplyFaultTolerance|ApplyGuard|FaultTolerance|Guard|TypedGuard|Spi|SpiAccess'

changed=0
manual=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

note() {  # file, line, what to do
  echo "manual: $1:$2: $3"
  manual=$((manual + 1))
}

# Lines of $2 matching the extended regex $1, as "line<TAB>text".
matches() {
  grep -nE -- "$1" "$2" | sed 's/:/\t/' || true
}

rewrite_java() {  # in, out
  local in=$1 out=$2
  if grep -qE "$SR|io\.smallrye\.faulttolerance" "$in"; then
    # Bare simple names change only in files that used SmallRye's API: a class of your own may be called so too.
    sed -E \
      -e "s/$SR\.CircuitBreakerState\b/dev.bulwark.api.CircuitState/g" \
      -e "s/$SR\.($SAME)\b/dev.bulwark.api.\1/g" \
      -e "s/$SR\.\*/dev.bulwark.api.*/g" \
      -e 's/\bCircuitBreakerState\b/CircuitState/g' \
      -e 's/\.getRetryAfterMillis\(\)/.retryAfter().toMillis()/g' \
      "$in" >"$out"
  else
    cp "$in" "$out"
  fi
}

report_java() {  # the original, the rewritten file, its name
  local orig=$1 f=$2 name=$3 n text
  if grep -qE "^import $SR\.\*;" "$orig"; then
    while IFS=$'\t' read -r n _; do
      note "$name" "$n" "SmallRye's programmatic API through the wildcard import (Guard, TypedGuard, FaultTolerance) is not Bulwark's: rewrite with dev.bulwark.api.Guard.builder()"
    done < <(matches '\b(Guard|TypedGuard|FaultTolerance|ApplyGuard|ApplyFaultTolerance)\b' "$f")
  fi
  while IFS=$'\t' read -r n text; do
    note "$name" "$n" "SmallRye's $(echo "$text" | grep -oE "$SR\.($OTHER)\b" | head -1 | sed 's/.*\.//') has no counterpart of that name: rewrite with dev.bulwark.api.Guard.builder() (programmatic API) or the annotations"
  done < <(matches "$SR\.($OTHER)\b" "$f")
  while IFS=$'\t' read -r n text; do
    echo "$text" | grep -qE "$SR\.($OTHER)\b" && continue
    note "$name" "$n" "still SmallRye Fault Tolerance: $(echo "$text" | grep -oE 'io\.smallrye\.faulttolerance[A-Za-z0-9_.]*' | head -1) (its implementation classes have no Bulwark counterpart)"
  done < <(matches 'io\.smallrye\.faulttolerance' "$f")
  if grep -q 'dev\.bulwark\.api' "$f"; then
    while IFS=$'\t' read -r n _; do
      note "$name" "$n" "onStateChange takes a CircuitStateListener (name, from, to), not a Consumer of the new state"
    done < <(matches '\.onStateChange\(' "$f")
    while IFS=$'\t' read -r n _; do
      note "$name" "$n" "check this switch over the state: CircuitState also has FORCED_OPEN and FORCED_CLOSED (a switch expression must cover them, a statement goes to its default)"
    done < <(matches 'switch *\(.*([Ss]tate|currentState)' "$f")
  fi
  while IFS=$'\t' read -r n _; do
    note "$name" "$n" "@Blocking/@NonBlocking (smallrye-common) do not choose how Bulwark guards a method: use @Asynchronous or @AsynchronousNonBlocking"
  done < <(matches '^import io\.smallrye\.common\.annotation\.(Blocking|NonBlocking);' "$f")
}

rewrite_properties() {  # in, out
  sed -E \
    -e "s/$SR\.CircuitBreakerState\b/dev.bulwark.api.CircuitState/g" \
    -e "s/$SR\.($SAME)\b/dev.bulwark.api.\1/g" \
    "$1" >"$2"
}

report_properties() {  # the original, the rewritten file, its name
  local f=$2 name=$3 n text
  while IFS=$'\t' read -r n _; do
    note "$name" "$n" "a SmallRye Fault Tolerance class name without a Bulwark counterpart"
  done < <(matches 'io\.smallrye\.faulttolerance' "$f")
  while IFS=$'\t' read -r n text; do
    note "$name" "$n" "Bulwark reads only the MicroProfile Fault Tolerance keys (<class>/<method>/<Annotation>/<member>): $(echo "$text" | cut -d= -f1 | sed 's/[[:space:]]*$//') is ignored"
  done < <(matches '^[[:space:]]*(smallrye\.faulttolerance|quarkus\.fault-tolerance)\.' "$f")
}

rewrite_pom() {  # in, out
  awk -v version="$version" '
    function flush(   head, rest, cut, g, a) {
      cut = index(buf, "<exclusions>")
      if (cut > 0) { head = substr(buf, 1, cut - 1); rest = substr(buf, cut) } else { head = buf; rest = "" }
      g = head; a = head
      sub(/.*<groupId>[ \t\r\n]*/, "", g); sub(/[ \t\r\n]*<\/groupId>.*/, "", g)
      sub(/.*<artifactId>[ \t\r\n]*/, "", a); sub(/[ \t\r\n]*<\/artifactId>.*/, "", a)
      if ((g == "io.smallrye" && a ~ /^smallrye-fault-tolerance/) || (g == "io.quarkus" && a == "quarkus-smallrye-fault-tolerance")) {
        if (replaced) { buf = ""; return }      # bulwark-cdi is already in this list
        replaced = 1
        sub(/<groupId>[^<]*<\/groupId>/, "<groupId>dev.bulwark</groupId>", head)
        sub(/<artifactId>[^<]*<\/artifactId>/, "<artifactId>bulwark-cdi</artifactId>", head)
        if (head ~ /<version>/) {
          sub(/<version>[^<]*<\/version>/, "<version>" version "</version>", head)
        } else {
          match(head, /\n[ \t]*<artifactId>/)
          indent = (RSTART > 0) ? substr(head, RSTART + 1, RLENGTH - 13) : ""
          sub(/<artifactId>bulwark-cdi<\/artifactId>/, "<artifactId>bulwark-cdi</artifactId>\n" indent "<version>" version "</version>", head)
        }
        buf = head rest
      }
      printf "%s", buf
      buf = ""
    }
    /<dependencies>/ { replaced = 0 }
    !inside && /<dependency>/ { inside = 1; buf = "" }
    inside {
      buf = buf $0 "\n"
      if (/<\/dependency>/) { inside = 0; flush() }
      next
    }
    { print }
    END { if (inside) printf "%s", buf }
  ' "$1" >"$tmp/pom"
  # A version property of SmallRye Fault Tolerance that nothing refers to any more goes too.
  local prop
  for prop in $(grep -oE '<[A-Za-z0-9_.-]*smallrye[-.]fault[-.]tolerance[A-Za-z0-9_.-]*>' "$tmp/pom" | tr -d '<>' | sort -u); do
    if ! grep -qF '${'"$prop"'}' "$tmp/pom"; then
      grep -vE "^[[:space:]]*<$prop>[^<]*</$prop>[[:space:]]*\$" "$tmp/pom" >"$tmp/pom.next" || true
      mv "$tmp/pom.next" "$tmp/pom"
    fi
  done
  mv "$tmp/pom" "$2"
}

report_pom() {  # the original, the rewritten file, its name
  local f=$2 name=$3 n text
  while IFS=$'\t' read -r n text; do
    note "$name" "$n" "still mentions SmallRye Fault Tolerance: $(echo "$text" | sed 's/^[[:space:]]*//')"
  done < <(matches 'smallrye-fault-tolerance|quarkus-smallrye-fault-tolerance' "$f")
}

for d in "${dirs[@]}"; do
  while IFS= read -r -d '' file; do
    case "$file" in
      *.java) kind=java ;;
      *.properties) kind=properties ;;
      */pom.xml|pom.xml) kind=pom ;;
      *) continue ;;
    esac
    out="$tmp/out"
    cp "$file" "$tmp/orig"
    "rewrite_$kind" "$tmp/orig" "$out"
    "report_$kind" "$tmp/orig" "$out" "$file"
    if ! cmp -s "$file" "$out"; then
      changed=$((changed + 1))
      if $dry_run; then
        diff -u --label "$file" --label "$file (migrated)" "$file" "$out" || true
      else
        cat "$out" >"$file"        # keeps the file's mode and links
        echo "changed: $file"
      fi
    fi
  done < <(find "$d" \( -name target -o -name .git \) -prune -o -type f \
             \( -name '*.java' -o -name '*.properties' -o -name pom.xml \) -print0 | sort -z)
done

if $dry_run; then
  echo "$changed file(s) would change; $manual place(s) to change by hand"
else
  echo "$changed file(s) changed; $manual place(s) to change by hand"
fi
