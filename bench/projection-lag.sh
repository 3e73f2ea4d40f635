#!/usr/bin/env bash
# Projection lag under a steady stream of changes: from an event's commit (its CloudEvents `time`) to its application in
# authz-service's access table, as authz-service measures it (envguard_projection_delay_seconds). Grants and revocations
# of one member run at RATE changes/s in all (default 200) for DURATION seconds (default 30). Restarts authz-service first
# so that its percentiles cover only this run. Needs a running platform (bin/platform up).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
RATE=${RATE:-200}
DURATION=${DURATION:-30}

"$ROOT/bin/platform" restart authz >/dev/null
new_restricted_organisation
path="$GATEWAY/v1/environment_groups/production/grants/$MEMBER_ID"
echo '{}' >"$WORK/empty.json"

build_tool loadgen
# Two streams, one granting and one revoking the same member: most calls change the grant, each one is an event.
load rate "$((RATE / 2))" "$DURATION" 16 PUT "$path" content-type:application/json "authorization:Bearer $ADMIN_TOKEN" \
  @"$WORK/empty.json" >"$WORK/grant.out" &
load rate "$((RATE / 2))" "$DURATION" 16 DELETE "$path" "authorization:Bearer $ADMIN_TOKEN" >"$WORK/revoke.out"
wait

echo "grant  $(cat "$WORK/grant.out")"
echo "revoke $(cat "$WORK/revoke.out")"
curl -fsS localhost:8082/q/metrics | grep -E '^envguard_projection_delay_seconds(\{quantile|_count)' \
  | sed 's/^envguard_projection_delay_seconds/commit-to-visible /'
