#!/usr/bin/env bash
# Projection lag under a steady stream of changes: from an event's commit (its CloudEvents `time`) to its application in
# authz-service's access table, as authz-service measures it (envguard_projection_delay_seconds).
# Grants and revocations run at RATE changes/s in all (default 200) for DURATION seconds (default 30), spread over ORGS
# organisations (default 8): one organisation's changes are serialised, as they must be, so one alone cannot take 200/s.
# Restarts authz-service first so that its percentiles cover only this run. Needs a running platform (bin/platform up).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
RATE=${RATE:-200}
DURATION=${DURATION:-30}
ORGS=${ORGS:-8}

"$ROOT/bin/platform" restart authz >/dev/null
: >"$WORK/organisations"
for _ in $(seq 1 "$ORGS"); do
  new_restricted_organisation
  echo "$ADMIN_TOKEN $MEMBER_ID" >>"$WORK/organisations"
done
echo '{}' >"$WORK/empty.json"
build_tool loadgen

# Per organisation one stream grants and one revokes the same member: most calls change the grant, each one an event.
path="$GATEWAY/v1/environment_groups/production/grants/{1}"
export LOADGEN_VALUES="$WORK/organisations"
load rate "$((RATE / 2))" "$DURATION" "$((ORGS * 2))" PUT "$path" content-type:application/json \
  "authorization:Bearer {0}" @"$WORK/empty.json" >"$WORK/grant.out" &
load rate "$((RATE / 2))" "$DURATION" "$((ORGS * 2))" DELETE "$path" "authorization:Bearer {0}" >"$WORK/revoke.out"
wait

echo "grant  $(cat "$WORK/grant.out")"
echo "revoke $(cat "$WORK/revoke.out")   (a revocation of a grant already gone is a 404: counted as an error here)"
curl -fsS localhost:8082/q/metrics | grep -E '^envguard_projection_delay_seconds(\{quantile|_count)' \
  | sed 's/^envguard_projection_delay_seconds/commit-to-visible /'
