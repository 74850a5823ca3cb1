#!/usr/bin/env bash
# Side by side on one engine: ten services of two containers each, started by `stowage up --detach` and by
# `docker-compose up -d` on the equivalent compose file, and torn down by `stowage down` and `docker-compose down`
# with the same stop timeout (10 s on both sides; the containers exit on SIGTERM, so neither waits it out).
# Usage: src/test/bench/local-up-vs-compose.sh [ROUNDS]   (needs DOCKER_HOST or the local socket, docker-compose, /bin/busybox)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
rounds="${1:-5}"
jar=target/stowage.jar
[ -f "$jar" ] || mvn -q -o package -DskipTests
work=$(mktemp -d /tmp/stowage-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT

# An image from the host's static busybox: no registry is needed.
mkdir -p "$work/image/rootfs/bin" "$work/image/rootfs/tmp"
cp /bin/busybox "$work/image/rootfs/bin/busybox"
for applet in sh sleep; do ln -s busybox "$work/image/rootfs/bin/$applet"; done
printf 'FROM scratch\nCOPY rootfs/ /\n' > "$work/image/Dockerfile"
docker build -q -t stowage-bench/busybox:1 "$work/image" >/dev/null

cmd='["sh", "-c", "trap '"'"'exit 0'"'"' TERM; sleep 3600 & wait"]'
services="" tds="" compose="version: \"2.4\"\nservices:\n"
for i in $(seq 1 10); do
  services+="${services:+,}{\"id\": \"s$i\", \"service\": {\"serviceName\": \"s$i\", \"taskDefinition\": \"s$i\", \"desiredCount\": 1}}"
  tds+="${tds:+,}{\"family\": \"s$i\", \"containerDefinitions\": ["
  tds+="{\"name\": \"app\", \"image\": \"stowage-bench/busybox:1\", \"memory\": 32, \"stopTimeout\": 10, \"command\": $cmd},"
  tds+="{\"name\": \"side\", \"image\": \"stowage-bench/busybox:1\", \"memory\": 32, \"stopTimeout\": 10, \"command\": $cmd}]}"
  for c in app side; do
    compose+="  s$i-$c:\n    image: stowage-bench/busybox:1\n    mem_limit: 32m\n    stop_grace_period: 10s\n    command: $cmd\n"
  done
done
cat > "$work/bench.stowage.json" <<JSON
{"formatVersion": 1, "name": "bench",
 "clusters": [{"id": "bench", "name": "bench",
   "instances": [{"id": "i-1", "instanceType": "x.bench", "availabilityZone": "us-east-1a",
                  "registeredCpu": 8192, "registeredMemoryMiB": 16384}],
   "services": [$services]}],
 "taskDefinitions": [$tds]}
JSON
printf "$compose" > "$work/docker-compose.yml"

now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc; }
docker network create stowage-bench-floor >/dev/null
trap 'docker network rm stowage-bench-floor >/dev/null 2>&1; rm -rf "$work"' EXIT
printf '%-6s %-22s %-22s %-22s %-22s %-22s\n' round "stowage up --detach" "docker-compose up -d" "stowage down" \
  "docker-compose down" "20x docker run & (floor)"
for r in $(seq 1 "$rounds"); do
  t0=$(now); java ${STOWAGE_JAVA_OPTS:-} -jar "$jar" up --detach --pull prefer-cached "$work/bench.stowage.json" >/dev/null; t1=$(now)
  test "$(docker ps -q --filter label=com.amazonaws.ecs.cluster=bench | wc -l)" -eq 20
  t2=$(now); java -jar "$jar" down "$work/bench.stowage.json" >/dev/null; t3=$(now)
  t4=$(now); docker-compose -p stowagebench -f "$work/docker-compose.yml" up -d 2>/dev/null; t5=$(now)
  test "$(docker ps -q --filter label=com.docker.compose.project=stowagebench | wc -l)" -eq 20
  t6=$(now); docker-compose -p stowagebench -f "$work/docker-compose.yml" down -t 10 2>/dev/null; t7=$(now)
  # The engine's own floor: twenty containers started by parallel docker run on a user-defined network.
  t8=$(now)
  for i in $(seq 1 20); do
    docker run -d --network stowage-bench-floor --label stowage-bench-floor=1 stowage-bench/busybox:1 sleep 3600 >/dev/null &
  done
  wait; t9=$(now)
  docker rm -f $(docker ps -aq --filter label=stowage-bench-floor=1) >/dev/null
  printf '%-6s %-22.2f %-22.2f %-22.2f %-22.2f %-22.2f\n' "$r" "$(elapsed "$t0" "$t1")" "$(elapsed "$t4" "$t5")" \
    "$(elapsed "$t2" "$t3")" "$(elapsed "$t6" "$t7")" "$(elapsed "$t8" "$t9")"
done
