#!/usr/bin/env bash
# Promote and the autoscaling PATCH through the gateway, with the permission check and with it switched off
# (ENVGUARD_AUTHZ_CHECK_ENABLED=false, honoured only in the `bench` profile: any other profile refuses to start with it),
# in one run on this machine.
#
# The platform's deployment-service checks, behind the platform's gateway. Beside them this script starts a twin:
# a second deployment-service with the same command line and environment but the check off (profiles local,bench),
# on TWIN_PORT (18083), behind a second gateway with the same configuration on TWIN_GATEWAY_PORT (18080). Both are
# warmed alike, then measured in alternating slices over ROUNDS rounds (default 5): the same JIT-compiled code, database
# and machine load for both, which a restart between the two measurements could not give on a shared machine. Each
# slice runs promote at PROMOTE_RATE (default 50: promotes into one environment run one after another, so a higher rate
# measures the queue) and autoscaling at RATE requests/s (default 200), DURATION seconds each (default 10). Each
# set-up's latencies are pooled over its slices; the pooled p99s give the ratio, and each slice's p99s are shown.
# Needs a running platform (bin/platform up); stops the twin and its gateway when done.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
RATE=${RATE:-200}
PROMOTE_RATE=${PROMOTE_RATE:-50}
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-5}
TWIN_PORT=${TWIN_PORT:-18083}
TWIN_GATEWAY_PORT=${TWIN_GATEWAY_PORT:-18080}
TWIN_GATEWAY="http://127.0.0.1:$TWIN_GATEWAY_PORT"

TWIN_PID= TWIN_GATEWAY_PID=
stop_twins() {
  for pid in $TWIN_GATEWAY_PID $TWIN_PID; do kill "$pid" 2>/dev/null || true; done
}
trap stop_twins EXIT

start_twins() {
  local platform_pid dir="$WORK/twin-gateway"
  platform_pid=$(cat "$ROOT/.platform/run/deployment.pid")
  # The platform's deployment-service exactly as it was started, but on its own port and without the check.
  mapfile -d '' -t environment <"/proc/$platform_pid/environ"
  mapfile -d '' -t command <"/proc/$platform_pid/cmdline"
  env -i "${environment[@]}" QUARKUS_PROFILE=local,bench QUARKUS_HTTP_PORT="$TWIN_PORT" ENVGUARD_AUTHZ_CHECK_ENABLED=false \
    "${command[@]}" >"$WORK/twin-deployment.log" 2>&1 &
  TWIN_PID=$!
  # The platform's gateway configuration with the twin as its deployment-service.
  mkdir -p "$dir/temp"
  sed -e "s#listen 127.0.0.1:[0-9]*;#listen 127.0.0.1:$TWIN_GATEWAY_PORT;#" \
      -e "s#upstream deployment_service { server 127.0.0.1:[0-9]*;#upstream deployment_service { server 127.0.0.1:$TWIN_PORT;#" \
      -e "s#^pid .*#pid $dir/nginx.pid;#" -e "s#_temp_path [^;]*/temp/#_temp_path $dir/temp/#" \
      -e "s#access_log [^;]*;#access_log off;#" -e "s#error_log [^;]*;#error_log $dir/error.log warn;#" \
      "$ROOT/.platform/nginx/nginx.conf" >"$dir/nginx.conf"
  nginx -c "$dir/nginx.conf" -e "$dir/error.log" &
  TWIN_GATEWAY_PID=$!
  for _ in $(seq 1 300); do
    curl -fs -o /dev/null "http://127.0.0.1:$TWIN_PORT/q/health/ready" && curl -fs -o /dev/null "$TWIN_GATEWAY/healthz" \
      && return
    sleep 0.3
  done
  echo "the twin did not start; see $WORK/twin-deployment.log and $dir/error.log" >&2
  exit 1
}

new_restricted_organisation
MODEL_ID=$(api POST /v1/models "$MEMBER_TOKEN" '{"name":"bench"}' | field .model.id)
DEPLOYMENT_ID=$(api POST "/v1/models/$MODEL_ID/deployments" "$MEMBER_TOKEN" '{}' | field .deployment.id)
api POST "/v1/models/$MODEL_ID/environments/production/promote" "$MEMBER_TOKEN" "{\"deployment_id\":\"$DEPLOYMENT_ID\"}" >/dev/null
echo "{\"deployment_id\":\"$DEPLOYMENT_ID\"}" >"$WORK/promote.json"
echo '{"min_replica":1,"max_replica":3}' >"$WORK/autoscaling.json"
rm -f "$WORK"/guarded-*.hist

promote() { # promote <gateway> <seconds>
  load rate "$PROMOTE_RATE" "$2" 8 POST "$1/v1/models/$MODEL_ID/environments/production/promote" \
    content-type:application/json "authorization:Bearer $MEMBER_TOKEN" @"$WORK/promote.json"
}

autoscale() { # autoscale <gateway> <seconds>
  load rate "$RATE" "$2" 8 PATCH "$1/v1/models/$MODEL_ID/deployments/production/autoscaling_settings" \
    content-type:application/json "authorization:Bearer $MEMBER_TOKEN" @"$WORK/autoscaling.json"
}

slice() { # slice <round> with|without
  local gateway promote_p99 autoscale_p99
  gateway=$([ "$2" = with ] && echo "$GATEWAY" || echo "$TWIN_GATEWAY")
  promote_p99=$(HISTOGRAM_OUT="$WORK/guarded-promote-$2.hist" promote "$gateway" "$DURATION" | jq .p99_ms)
  autoscale_p99=$(HISTOGRAM_OUT="$WORK/guarded-autoscale-$2.hist" autoscale "$gateway" "$DURATION" | jq .p99_ms)
  printf 'round %d %-7s check: promote p99 %s ms, autoscaling p99 %s ms\n' "$1" "$2" "$promote_p99" "$autoscale_p99"
}

start_twins
for gateway in "$GATEWAY" "$TWIN_GATEWAY"; do # unmeasured, alike for both
  autoscale "$gateway" 30 >/dev/null
  promote "$gateway" 15 >/dev/null
done
for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) = 1 ]; then slice "$round" with; slice "$round" without
  else slice "$round" without; slice "$round" with; fi
done

echo
for path in promote autoscale; do
  with=$(load pool "$WORK/guarded-$path-with.hist")
  without=$(load pool "$WORK/guarded-$path-without.hist")
  echo "$path with check    (pooled) $with"
  echo "$path without check (pooled) $without"
  echo "$path p99: with $(echo "$with" | jq .p99_ms) ms, without $(echo "$without" | jq .p99_ms) ms, ratio" \
    "$(ratio "$(echo "$with" | jq .p99_ms)" "$(echo "$without" | jq .p99_ms)") (goal <= 1.10)"
done
