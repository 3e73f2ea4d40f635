#!/usr/bin/env bash
# PATCH of an environment group through the gateway, COUNT times (default 400) one after another, alternating between
# granting and revoking a member so that every call is a real change that must reach the access table before it returns.
# Baseline in the same run: the gateway's own /healthz, timed the same way. Needs a running platform (bin/platform up).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
COUNT=${COUNT:-400}

new_restricted_organisation
grant="{\"manage_access\":{\"is_restricted\":true,\"user_ids\":[\"$MEMBER_ID\"]}}"
revoke='{"manage_access":{"is_restricted":true,"user_ids":[]}}'

percentiles() { # reads seconds, one per line; prints p50 and p99 in ms
  sort -n | awk '{ v[NR] = $1 } END { printf "p50 %.2f ms, p99 %.2f ms", v[int(NR * 0.5)] * 1000, v[int(NR * 0.99)] * 1000 }'
}

for i in $(seq 1 "$COUNT"); do
  body=$grant; [ $((i % 2)) -eq 0 ] && body=$revoke
  curl -fsS -o /dev/null -w '%{time_total}\n' -X PATCH "$GATEWAY/v1/environment_groups/production" \
    -H "authorization: Bearer $ADMIN_TOKEN" -H 'content-type: application/json' -d "$body"
done >"$WORK/patch.times"
for _ in $(seq 1 "$COUNT"); do curl -fsS -o /dev/null -w '%{time_total}\n' "$GATEWAY/healthz"; done >"$WORK/healthz.times"

echo "PATCH /v1/environment_groups/production x$COUNT: $(percentiles <"$WORK/patch.times")"
echo "baseline GET /healthz x$COUNT:                 $(percentiles <"$WORK/healthz.times")"
