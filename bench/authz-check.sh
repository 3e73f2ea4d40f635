#!/usr/bin/env bash
# The permission check, against a bare Quarkus endpoint that returns a constant, in one run on this machine, in three
# set-ups measured in alternating slices (SLICES, default 4) so that a drift of the machine's load weighs on all alike:
#   - "check": the check as deployment-service sends it, which authz-service's fast lane answers;
#   - "layers": the same check through the security and REST layers (an Accept header the lane leaves to the resource);
#   - "baseline": the bare endpoint.
# For each, after a full-speed warm-up of DURATION s (default 20, not counted): latency (p50/p99/p99.9, pooled over the
# slices) at a fixed rate (RATE checks/s, default 5000) and the CPU time per request of the process answering (authz-service,
# or the baseline app) meanwhile, and maximum throughput, closed loop with CONNECTIONS connections (default 64), averaged;
# DURATION s of each in all. Needs a running platform (bin/platform up). Prints one line per set-up and the ratios.
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

CHECK_URL=http://127.0.0.1:8082/internal/v1/checks
BASE_URL=http://127.0.0.1:8089/constant
AUTHZ_PID=$(cat "$ROOT/.platform/run/authz.pid")
LAYERS_ACCEPT="accept:application/json, text/plain;q=0.5"

send() { # send <set-up> <loadgen mode and arguments...>: the set-up's URL and headers, the check as body
  local setup=$1; shift
  case $setup in
    check) load "$@" POST "$CHECK_URL" content-type:application/json "authorization:Bearer $MEMBER_TOKEN" @"$CHECK" ;;
    layers) load "$@" POST "$CHECK_URL" content-type:application/json "authorization:Bearer $MEMBER_TOKEN" \
      "$LAYERS_ACCEPT" @"$CHECK" ;;
    baseline) load "$@" POST "$BASE_URL" content-type:application/json @"$CHECK" ;;
  esac
}

pid_of() { if [ "$1" = baseline ]; then echo "$BASELINE_PID"; else echo "$AUTHZ_PID"; fi; }

SETUPS="check layers baseline"
SLICES=${SLICES:-4}
slice=$((DURATION / SLICES))
for setup in $SETUPS; do
  send "$setup" max "$DURATION" "$CONNECTIONS" >/dev/null
  rm -f "$WORK/hist-$setup"; : >"$WORK/max-$setup.jsonl"; eval "${setup}_TICKS=0"
done
for _ in $(seq 1 "$SLICES"); do
  for setup in $SETUPS; do
    t0=$(cpu_ticks "$(pid_of "$setup")")
    HISTOGRAM_OUT="$WORK/hist-$setup" WARMUP_SECONDS=0 send "$setup" rate "$RATE" "$slice" 32 >/dev/null
    eval "${setup}_TICKS=\$(( ${setup}_TICKS + $(cpu_ticks "$(pid_of "$setup")") - t0 ))"
    WARMUP_SECONDS=0 send "$setup" max "$slice" "$CONNECTIONS" >>"$WORK/max-$setup.jsonl"
  done
done

HZ=$(getconf CLK_TCK)
for setup in $SETUPS; do
  fixed=$(load pool "$WORK/hist-$setup")
  rps=$(jq -s '(map(.achieved_rps) | add) / length | round' "$WORK/max-$setup.jsonl")
  ticks=$(eval "echo \$${setup}_TICKS")
  cpu=$((ticks * 1000000 / HZ / (RATE * slice * SLICES)))
  echo "$setup fixed-rate $fixed max ${rps}/s, CPU ${cpu} µs per request"
  eval "${setup}_P50=$(echo "$fixed" | jq .p50_ms) ${setup}_P99=$(echo "$fixed" | jq .p99_ms)"
  eval "${setup}_P999=$(echo "$fixed" | jq .p999_ms) ${setup}_RPS=$rps ${setup}_CPU=$cpu"
done

echo
echo "check p50 ${check_P50} ms, p99 ${check_P99} ms, p99.9 ${check_P999} ms at ${RATE}/s (goal: p99 <= 2 ms)"
echo "through the layers p50 ${layers_P50} ms, p99 ${layers_P99} ms, p99.9 ${layers_P999} ms at ${RATE}/s"
echo "baseline p50 ${baseline_P50} ms, p99 ${baseline_P99} ms, p99.9 ${baseline_P999} ms at ${RATE}/s"
echo "p99 ratio check/baseline: $(ratio "$check_P99" "$baseline_P99"), layers/baseline: $(ratio "$layers_P99" "$baseline_P99")"
echo "max throughput: check ${check_RPS}/s, layers ${layers_RPS}/s, baseline ${baseline_RPS}/s; ratio check/baseline $(ratio "$check_RPS" "$baseline_RPS") (goal >= 0.6), layers/baseline $(ratio "$layers_RPS" "$baseline_RPS")"
echo "CPU time per request at ${RATE}/s: check ${check_CPU} µs, layers ${layers_CPU} µs, baseline ${baseline_CPU} µs; ratio check/baseline $(ratio "$check_CPU" "$baseline_CPU"), layers/baseline $(ratio "$layers_CPU" "$baseline_CPU")"
