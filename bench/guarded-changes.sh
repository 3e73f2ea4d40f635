#!/usr/bin/env bash
# Promote and the autoscaling PATCH through the gateway, with the permission check and with it switched off
# (ENVGUARD_AUTHZ_CHECK_ENABLED=false, a setting for benchmarking only), in one run on this machine.
# Each at a fixed rate for DURATION seconds (default 20): autoscaling at RATE requests/s (default 200), promote at
# PROMOTE_RATE (default 50: promotes into one environment run one after another, so a higher rate measures the queue).
# Needs a running platform (bin/platform up); restarts deployment-service three times and leaves it checking.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
RATE=${RATE:-200}
PROMOTE_RATE=${PROMOTE_RATE:-50}
DURATION=${DURATION:-20}

new_restricted_organisation
MODEL_ID=$(api POST /v1/models "$MEMBER_TOKEN" '{"name":"bench"}' | field .id)
DEPLOYMENT_ID=$(api POST "/v1/models/$MODEL_ID/deployments" "$MEMBER_TOKEN" '{}' | field .id)
api POST "/v1/models/$MODEL_ID/environments/production/promote" "$MEMBER_TOKEN" "{\"deployment_id\":\"$DEPLOYMENT_ID\"}" >/dev/null

echo "{\"deployment_id\":\"$DEPLOYMENT_ID\"}" >"$WORK/promote.json"
echo '{"min_replica":1,"max_replica":3}' >"$WORK/autoscaling.json"

measure() { # measure <label>
  local promote autoscale
  # A freshly restarted service is cold: warm both paths first, unmeasured.
  load rate "$RATE" 10 8 PATCH "$GATEWAY/v1/models/$MODEL_ID/deployments/production/autoscaling_settings" \
    content-type:application/json "authorization:Bearer $MEMBER_TOKEN" @"$WORK/autoscaling.json" >/dev/null
  load rate "$PROMOTE_RATE" 10 8 POST "$GATEWAY/v1/models/$MODEL_ID/environments/production/promote" \
    content-type:application/json "authorization:Bearer $MEMBER_TOKEN" @"$WORK/promote.json" >/dev/null
  promote=$(load rate "$PROMOTE_RATE" "$DURATION" 8 POST "$GATEWAY/v1/models/$MODEL_ID/environments/production/promote" \
    content-type:application/json "authorization:Bearer $MEMBER_TOKEN" @"$WORK/promote.json")
  autoscale=$(load rate "$RATE" "$DURATION" 8 PATCH \
    "$GATEWAY/v1/models/$MODEL_ID/deployments/production/autoscaling_settings" \
    content-type:application/json "authorization:Bearer $MEMBER_TOKEN" @"$WORK/autoscaling.json")
  echo "$1 promote     $promote"
  echo "$1 autoscaling $autoscale"
  eval "${1}_PROMOTE=$(echo "$promote" | jq .p99_ms) ${1}_AUTOSCALE=$(echo "$autoscale" | jq .p99_ms)"
}

restart_deployment_service() { # restart_deployment_service <check enabled>
  ENVGUARD_AUTHZ_CHECK_ENABLED=$1 "$ROOT/bin/platform" restart deployment >/dev/null
}
trap 'restart_deployment_service true' EXIT

# Both measurements start from a freshly started service, warmed the same way: neither has run longer than the other.
restart_deployment_service true
measure with_check
restart_deployment_service false
measure without_check

echo
echo "promote p99: with ${with_check_PROMOTE} ms, without ${without_check_PROMOTE} ms, ratio $(ratio "$with_check_PROMOTE" "$without_check_PROMOTE") (goal <= 1.10)"
echo "autoscaling p99: with ${with_check_AUTOSCALE} ms, without ${without_check_AUTOSCALE} ms, ratio $(ratio "$with_check_AUTOSCALE" "$without_check_AUTOSCALE") (goal <= 1.10)"
