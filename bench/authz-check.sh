#!/usr/bin/env bash
# The permission check, against a bare Quarkus endpoint that returns a constant, in one run on this machine:
#   - latency (p50/p99/p99.9) at a fixed rate (RATE checks/s, default 5000) for DURATION seconds (default 20);
#   - maximum throughput, closed loop with CONNECTIONS connections (default 64).
# Needs a running platform (bin/platform up). Prints one line per measurement and the ratios.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
RATE=${RATE:-5000}
DURATION=${DURATION:-20}
CONNECTIONS=${CONNECTIONS:-64}

new_restricted_organisation
trap stop_baseline EXIT
start_baseline

CHECK="$WORK/check.json"
echo "{\"organization_id\":\"$ORG_ID\",\"team_id\":\"$TEAM_ID\",\"environment\":\"production\",\"action\":\"PROMOTE\"}" >"$CHECK"
curl -fsS -X POST localhost:8082/internal/v1/checks -H "authorization: Bearer $MEMBER_TOKEN" \
  -H 'content-type: application/json' -d @"$CHECK" | jq -c '{allowed, reason}' | grep -q '"allowed":true' \
  || { echo "the check does not allow the granted member: nothing to measure" >&2; exit 1; }

measure() { # measure <label> <url> [headers]
  local label=$1 url=$2; shift 2
  local fixed max
  # Full speed first: it also warms the JIT, so the fixed-rate run measures a warm service.
  max=$(load max "$DURATION" "$CONNECTIONS" POST "$url" content-type:application/json "$@" @"$CHECK")
  fixed=$(load rate "$RATE" "$DURATION" 32 POST "$url" content-type:application/json "$@" @"$CHECK")
  echo "$label fixed-rate $fixed"
  echo "$label max        $max"
  eval "${label}_P50=$(echo "$fixed" | jq .p50_ms) ${label}_P99=$(echo "$fixed" | jq .p99_ms)"
  eval "${label}_P999=$(echo "$fixed" | jq .p999_ms) ${label}_RPS=$(echo "$max" | jq .achieved_rps)"
}

measure baseline http://127.0.0.1:8089/constant
measure check http://127.0.0.1:8082/internal/v1/checks "authorization:Bearer $MEMBER_TOKEN"

echo
echo "check p50 ${check_P50} ms, p99 ${check_P99} ms, p99.9 ${check_P999} ms at ${RATE}/s (goal: p99 <= 2 ms)"
echo "baseline p50 ${baseline_P50} ms, p99 ${baseline_P99} ms, p99.9 ${baseline_P999} ms at ${RATE}/s"
echo "p99 ratio check/baseline: $(ratio "$check_P99" "$baseline_P99")"
echo "max throughput: check ${check_RPS}/s, baseline ${baseline_RPS}/s, ratio $(ratio "$check_RPS" "$baseline_RPS") (goal >= 0.6)"
