#!/usr/bin/env bash
# Promote and the autoscaling PATCH through the gateway, with the permission check and with it switched off
# (ENVGUARD_AUTHZ_CHECK_ENABLED=false, a setting for benchmarking only), in one run on this machine.
# Each at a fixed rate for DURATION seconds (default 20): autoscaling at RATE requests/s (default 200), promote at
# PROMOTE_RATE (default 50: promotes into one environment run one after another, so a higher rate measures the queue).
# The two set-ups alternate over ROUNDS rounds (default 3: with, without; without, with; with, without), each from a
# freshly restarted and equally warmed deployment-service, and each set-up's latencies are pooled over its rounds: a
# drift of this shared machine's load then weighs on both alike. The pooled p99s give the ratio; each round's is shown.
# Needs a running platform (bin/platform up); leaves deployment-service checking.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
RATE=${RATE:-200}
PROMOTE_RATE=${PROMOTE_RATE:-50}
DURATION=${DURATION:-20}
ROUNDS=${ROUNDS:-3}

new_restricted_organisation
MODEL_ID=$(api POST /v1/models "$MEMBER_TOKEN" '{"name":"bench"}' | field .id)
DEPLOYMENT_ID=$(api POST "/v1/models/$MODEL_ID/deployments" "$MEMBER_TOKEN" '{}' | field .id)
api POST "/v1/models/$MODEL_ID/environments/production/promote" "$MEMBER_TOKEN" "{\"deployment_id\":\"$DEPLOYMENT_ID\"}" >/dev/null

echo "{\"deployment_id\":\"$DEPLOYMENT_ID\"}" >"$WORK/promote.json"
echo '{"min_replica":1,"max_replica":3}' >"$WORK/autoscaling.json"
rm -f "$WORK"/guarded-*.hist

promote() { # promote <seconds>
  load rate "$PROMOTE_RATE" "$1" 8 POST "$GATEWAY/v1/models/$MODEL_ID/environments/production/promote" \
    content-type:application/json "authorization:Bearer $MEMBER_TOKEN" @"$WORK/promote.json"
}

autoscale() { # autoscale <seconds>
  load rate "$RATE" "$1" 8 PATCH "$GATEWAY/v1/models/$MODEL_ID/deployments/production/autoscaling_settings" \
    content-type:application/json "authorization:Bearer $MEMBER_TOKEN" @"$WORK/autoscaling.json"
}

measure() { # measure <round> <check enabled>: restart, warm both paths unmeasured, then measure them
  local label promote_p99 autoscale_p99
  label=$([ "$2" = true ] && echo with || echo without)
  ENVGUARD_AUTHZ_CHECK_ENABLED=$2 "$ROOT/bin/platform" restart deployment >/dev/null
  autoscale 10 >/dev/null
  promote 10 >/dev/null
  promote_p99=$(HISTOGRAM_OUT="$WORK/guarded-promote-$label.hist" promote "$DURATION" | jq .p99_ms)
  autoscale_p99=$(HISTOGRAM_OUT="$WORK/guarded-autoscale-$label.hist" autoscale "$DURATION" | jq .p99_ms)
  printf 'round %d %-7s check: promote p99 %s ms, autoscaling p99 %s ms\n' "$1" "$label" "$promote_p99" "$autoscale_p99"
}
trap 'ENVGUARD_AUTHZ_CHECK_ENABLED=true "$ROOT/bin/platform" restart deployment >/dev/null' EXIT

# authz-service and the gateway serve both set-ups and are not restarted: warm them first, through the checking path.
autoscale 20 >/dev/null
promote 10 >/dev/null

for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) = 1 ]; then
    measure "$round" true
    measure "$round" false
  else
    measure "$round" false
    measure "$round" true
  fi
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
