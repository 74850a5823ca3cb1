#!/usr/bin/env bash
# Hostile input, end to end from the shell: `stowage validate` of task definitions holding a 10 MB value (the
# shapes that made the old validation patterns backtrack) and `stowage import` of a 600-byte YAML alias bomb
# (9 levels of 9 aliases), each against `stowage --version`, the JVM's own start, in the same rounds.
# Usage: src/test/bench/hostile-input.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
rounds="${1:-5}"
jar=target/stowage.jar
[ -f "$jar" ] || mvn -q -o package -DskipTests
work=$(mktemp -d /tmp/stowage-hostile-XXXXXX)
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import sys, os
w = sys.argv[1]
huge = "a" * 10_000_000
dollar = "${a:-" * (10_000_000 // 5)
open(os.path.join(w, "family.json"), "w").write('{"family": "%s", "containerDefinitions": [{"name": "web", "image": "nginx", "memory": 128}]}' % huge)
open(os.path.join(w, "secret.json"), "w").write('{"family": "web", "containerDefinitions": [{"name": "web", "image": "nginx", "memory": 128, "secrets": [{"name": "A", "valueFrom": "%s"}]}]}' % dollar)
lines = ['x-a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
for i in range(1, 10):
    lines.append("x-a%d: &a%d [%s]" % (i, i, ",".join(["*a%d" % (i - 1)] * 9)))
lines.append("services:\n  web:\n    image: nginx\n    labels: *a9")
open(os.path.join(w, "bomb.yml"), "w").write("\n".join(lines) + "\n")
PY

run() { local s e; s=$(date +%s%N); java -Dstowage.home="$work/home" -jar "$jar" "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
declare -A t
for _ in $(seq 1 "$rounds"); do
  t[version]+="$(run --version) "
  t[family]+="$(run validate "$work/family.json") "
  t[secret]+="$(run validate "$work/secret.json") "
  t[bomb]+="$(run import "$work/bomb.yml" -o "$work/d.stowage.json") "
done
echo "rounds $rounds, load average $(cut -d' ' -f1-3 /proc/loadavg); bomb $(stat -c %s "$work/bomb.yml") bytes"
for k in version family secret bomb; do
  printf '%-8s median %5s ms   (%s)\n' "$k" "$(echo "${t[$k]}" | median)" "${t[$k]}"
done
