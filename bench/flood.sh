#!/usr/bin/env bash
# A flood through the gateway, bounded in time: a member whose grant on the restricted `production` was just taken away
# promotes into it and reads its model, each stream open-loop at RATE requests/s (default 1500) on CONNECTIONS
# connections (default 80: together they can hold more requests at once than the gateway admits from one address), for
# DURATION seconds (default 12). Meanwhile the gateway's /healthz and each service's /q/health/ready are probed every
# 0.25 s. Prints the answers by status and the probes' latencies, and fails unless:
#   - no promote was allowed: no 2xx answer, and production still runs the deployment an admin promoted before;
#   - some requests were refused for load (429 or 503);
#   - every probe answered 200 within PROBE_TIMEOUT seconds (default 2).
# Needs a running platform (bin/platform up).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
RATE=${RATE:-1500}
CONNECTIONS=${CONNECTIONS:-80}
DURATION=${DURATION:-12}
PROBE_TIMEOUT=${PROBE_TIMEOUT:-2}

declare -A PROBES=([gateway]="$GATEWAY/healthz" [environment]=http://127.0.0.1:8081/q/health/ready
  [authz]=http://127.0.0.1:8082/q/health/ready [deployment]=http://127.0.0.1:8083/q/health/ready)
OUT=$(mktemp -d "$WORK/flood.XXXXXX")
trap 'touch "$OUT/over"; wait; rm -rf "$OUT"' EXIT

new_restricted_organisation
# The member loses the grant it was given: the flood is theirs.
api PATCH /v1/environment_groups/production "$ADMIN_TOKEN" '{"manage_access":{"is_restricted":true,"user_ids":[]}}' >/dev/null
MODEL_ID=$(api POST /v1/models "$ADMIN_TOKEN" '{"name":"flood"}' | field .model.id)
LIVE_ID=$(api POST "/v1/models/$MODEL_ID/deployments" "$ADMIN_TOKEN" '{}' | field .deployment.id)
api POST "/v1/models/$MODEL_ID/environments/production/promote" "$ADMIN_TOKEN" "{\"deployment_id\":\"$LIVE_ID\"}" >/dev/null
PUSHED_ID=$(api POST "/v1/models/$MODEL_ID/deployments" "$ADMIN_TOKEN" '{}' | field .deployment.id)
echo "{\"deployment_id\":\"$PUSHED_ID\"}" >"$OUT/promote.json"
build_tool loadgen

probe() { # probe <part>: "<status> <seconds>" lines until the flood is over
  while [ ! -f "$OUT/over" ]; do
    curl -s -o /dev/null --max-time "$PROBE_TIMEOUT" -w '%{http_code} %{time_total}\n' "${PROBES[$1]}" || true
    sleep 0.25
  done >"$OUT/probe-$1"
}
for part in "${!PROBES[@]}"; do probe "$part" & done

echo "flood: ${DURATION}s, promote and read at $RATE req/s each on $CONNECTIONS connections each, as a member not granted"
# No warm-up: every request sent is counted, so a wrong allow cannot hide in it.
export WARMUP_SECONDS=0
load rate "$RATE" "$DURATION" "$CONNECTIONS" POST "$GATEWAY/v1/models/$MODEL_ID/environments/production/promote" \
  content-type:application/json "authorization:Bearer $MEMBER_TOKEN" @"$OUT/promote.json" >"$OUT/promote" &
promotes=$!
load rate "$RATE" "$DURATION" "$CONNECTIONS" GET "$GATEWAY/v1/models/$MODEL_ID" "authorization:Bearer $MEMBER_TOKEN" \
  >"$OUT/read"
wait "$promotes"
touch "$OUT/over"
wait

summary() { jq -r '"\(.statuses)  (\(.achieved_rps) req/s answered, p50 \(.p50_ms) ms, p99 \(.p99_ms) ms)"' "$1"; }
echo "promote  $(summary "$OUT/promote")"
echo "read     $(summary "$OUT/read")"
for part in gateway environment authz deployment; do
  awk '{ print $2 }' "$OUT/probe-$part" | sort -n | awk -v failed="$(awk '$1 != 200' "$OUT/probe-$part" | wc -l)" \
    -v url="${PROBES[$part]}" '{ v[NR] = $1 } END {
      printf "probe    %-42s %3d probes, %d not 200, p50 %.1f ms, max %.1f ms\n",
        url, NR, failed, v[int((NR + 1) / 2)] * 1000, v[NR] * 1000 }'
done

# After the flood, as the admin; the gateway may still be draining its counters, hence the retries (429 is one).
settled() { curl -fsS --retry 5 --retry-delay 1 "$GATEWAY$1" -H "authorization: Bearer $ADMIN_TOKEN"; }
allowed=$(jq '[.statuses | to_entries[] | select(.key | startswith("2")) | .value] | add // 0' "$OUT/promote")
running=$(settled "/v1/models/$MODEL_ID/environments/production" | field '.current_deployment.id')
placed=$(settled "/v1/models/$MODEL_ID/deployments/$PUSHED_ID" | field '.environment')
refused=$(jq -s '[.[].statuses | to_entries[] | select(.key == "429" or .key == "503") | .value] | add // 0' \
  "$OUT/promote" "$OUT/read")
unhealthy=$(cat "$OUT"/probe-* | awk '$1 != 200' | wc -l)

failures=0
verdict() { # verdict <what> <test...>
  local what=$1; shift
  if "$@"; then echo "ok:   $what"; else echo "FAIL: $what"; failures=$((failures + 1)); fi
}
echo
verdict "no promote allowed: $allowed answered 2xx; production runs $running (before the flood: $LIVE_ID)" \
  [ "$allowed/$running/$placed" = "0/$LIVE_ID/null" ]
verdict "$refused requests refused for load (429 or 503)" [ "$refused" -gt 0 ]
verdict "health answered 200 within ${PROBE_TIMEOUT}s at every probe ($unhealthy did not)" [ "$unhealthy" = 0 ]
[ "$failures" = 0 ]
