#!/usr/bin/env bash
# Projection lag under a steady stream of changes: from an event's commit (its CloudEvents `time`) to its application in
# authz-service's access table, as authz-service measures it (the histogram envguard_projection_delay_seconds).
# Grants and revocations run at RATE changes/s in all (default 200) for DURATION seconds (default 30), spread over ORGS
# organisations (default 8): one organisation's changes are serialised, as they must be, so one alone cannot take 200/s.
# A warm-up stream of WARMUP seconds (default 15) runs first, unmeasured; the figures are those of the measured run
# alone: the difference of the histogram's buckets read before and after it. Needs a running platform (bin/platform up).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
RATE=${RATE:-200}
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-15}
ORGS=${ORGS:-8}

: >"$WORK/organisations"
for _ in $(seq 1 "$ORGS"); do
  new_restricted_organisation
  echo "$ADMIN_TOKEN $MEMBER_ID" >>"$WORK/organisations"
done
echo '{}' >"$WORK/empty.json"
build_tool loadgen

# Per organisation one stream grants and one revokes the same member: most calls change the grant, each one an event.
stream() { # stream <seconds> <label>
  local path="$GATEWAY/v1/environment_groups/production/grants/{1}"
  export LOADGEN_VALUES="$WORK/organisations"
  load rate "$((RATE / 2))" "$1" "$((ORGS * 2))" PUT "$path" content-type:application/json \
    "authorization:Bearer {0}" @"$WORK/empty.json" >"$WORK/$2-grant.out" &
  load rate "$((RATE / 2))" "$1" "$((ORGS * 2))" DELETE "$path" "authorization:Bearer {0}" >"$WORK/$2-revoke.out"
  wait
}

buckets() { # buckets <metric>: the cumulative buckets of a delay histogram, "<le> <count>" per line
  curl -fsS localhost:8082/q/metrics | sed -n "s/^$1_bucket{le=\"\([^\"]*\)\"} \(.*\)\$/\1 \2/p"
}

DELAYS="envguard_projection_delay_seconds envguard_projection_delay_since_sent_seconds"

stream "$WARMUP" warmup
sleep 2
for metric in $DELAYS; do buckets "$metric" >"$WORK/$metric.before"; done
stream "$DURATION" measured
sleep 2
for metric in $DELAYS; do buckets "$metric" >"$WORK/$metric.after"; done

echo "grant  $(cat "$WORK/measured-grant.out")"
echo "revoke $(cat "$WORK/measured-revoke.out")   (a revocation of a grant already gone is a 404: counted as an error here)"
# Each percentile is the upper bound of the first bucket that holds it (Micrometer's buckets are about 10 % apart).
percentiles() { # percentiles <metric> <label>
  paste -d ' ' "$WORK/$1.before" "$WORK/$1.after" | awk -v label="$2" '
    { le[NR] = $1; n[NR] = $4 - $2 }
    END {
      total = n[NR]
      if (total == 0) { print "no event was applied during the run"; exit 1 }
      split("0.5 0.99 0.999", qs, " ")
      for (q = 1; q <= 3; q++) for (i = 1; i <= NR; i++) if (n[i] >= qs[q] * total) {
        printf "%s p%s <= %.1f ms\n", label, qs[q] * 100, le[i] * 1000; break
      }
      printf "events applied during the run: %d\n", total
    }'
}
percentiles envguard_projection_delay_seconds commit-to-visible
echo "of which after environment-service sent the event to Kafka:"
percentiles envguard_projection_delay_since_sent_seconds "  sent-to-visible" | grep -v "^events"
