#!/usr/bin/env bash
# Cold start of the command line, side by side: `stowage --version` and `stowage validate FILE` with this build's
# jar and with another build's (e.g. the commit before a start-up change), interleaved rounds, medians of wall time.
# Usage: src/test/bench/startup.sh OTHER_JAR [ROUNDS] [FILE]
#   OTHER_JAR  a stowage.jar of another build, with its lib/ beside it (git worktree add /tmp/b REV && mvn -q -o package -DskipTests there)
#   FILE       a task-definition or design file to validate (default: the first corpus task definition)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
other="${1:?usage: startup.sh OTHER_JAR [ROUNDS] [FILE]}"
rounds="${2:-11}"
file="${3:-$(find ../shared/corpus/taskdefs -name '*.json' 2>/dev/null | sort | head -1)}"
[ -n "$file" ] || file=src/test/resources/designs/bad-instance.stowage.json
jar=target/stowage.jar
[ -f "$jar" ] || mvn -q -o package -DskipTests
home=$(mktemp -d /tmp/stowage-startup-XXXXXX)
trap 'rm -rf "$home"' EXIT

run() { # prints seconds of wall time
  local start end
  start=$(date +%s%N)
  java -Dstowage.home="$home" -jar "$@" >/dev/null 2>&1 || true
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

declare -A t
for _ in $(seq 1 "$rounds"); do
  t[this_version]+="$(run "$jar" --version) "
  t[other_version]+="$(run "$other" --version) "
  t[this_validate]+="$(run "$jar" validate "$file") "
  t[other_validate]+="$(run "$other" validate "$file") "
done
echo "rounds $rounds, load average $(cut -d' ' -f1-3 /proc/loadavg), file $file"
for k in this_version other_version this_validate other_validate; do
  printf '%-15s median %5s ms   (%s)\n' "$k" "$(echo "${t[$k]}" | median)" "${t[$k]}"
done
