#!/usr/bin/env bash
# The platform as data grows: for each scale of SCALES (events loaded by this run; default "10000 100000 1000000"), the
# data set is loaded in bulk up to that many events (bench/dataset.sh's generator; the scales build on each other), the
# access table catches up (event by event as the events arrive; from BULK_FROM (200,000) events on, authz-service is
# stopped during the load and loads its table in bulk when started again), and then, on the warmed platform and beside the bare baseline endpoint measured in the same
# run:
#   - check latency p50/p99/p99.9 at RATE checks/s (5000) and maximum throughput (CONNECTIONS, 64), DURATION s each (20,
#     in SLICES slices alternating with the baseline's), after a warm-up of each not counted (full-speed rounds of 5 s until two in a row agree within 5%: at least
#     WARMUP s (10), at most WARMUP_MAX s (90)), with a mix of QUESTIONS (500) random users, organisations, teams, environments and actions from the data set;
#   - authz-service's resident memory and its heap after a full GC;
#   - the rebuild of the access table (time, events/s, and its split between reading and folding the topic and copying
#     the rows, from authz-service's log), with checks at REBUILD_RATE/s (500) answered meanwhile, and
#     whether the rebuilt table equals the incremental one (a difference fails the run);
#   - the time a new authz-service replica takes to be ready from an empty table, which it loads in bulk (its own
#     database and consumer group), and whether its table equals the incremental one (a difference fails the run;
#     REPLICA=0 skips it);
#   - from 100,000 events on, the write side in the data set's large organisation (5,000 members, 200 environment
#     groups): grants at GRANT_RATE/s (10) to distinct members (after WARMUP s of them not counted), and the member
#     search at SEARCH_RATE/s (50), on environment-service directly (not through the gateway's rate limits), each for
#     DURATION s.
# One JSON line per figure on stdout (also appended to .platform/bench/scale.jsonl). Needs a running platform
# (bin/platform up); what its store already holds counts in the figures (stored_events), so start from
# `bin/platform reset` for figures of the scales alone.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
SCALES=${SCALES:-10000 100000 1000000}
RATE=${RATE:-5000}
DURATION=${DURATION:-20}
SLICES=${SLICES:-4}
CONNECTIONS=${CONNECTIONS:-64}
WARMUP=${WARMUP:-10}
WARMUP_MAX=${WARMUP_MAX:-90}
QUESTIONS=${QUESTIONS:-500}
REBUILD_RATE=${REBUILD_RATE:-500}
REPLICA=${REPLICA:-1}
GRANT_RATE=${GRANT_RATE:-10}
SEARCH_RATE=${SEARCH_RATE:-50}
CATCH_UP_SECONDS=${CATCH_UP_SECONDS:-1800}
# From this scale on, authz-service is stopped while the data set loads and started after, when it loads its table in
# bulk (AccessTableBootstrap): event by event, the projection applies 300-600 events/s here, half an hour at 1M.
BULK_FROM=${BULK_FROM:-200000}
OUT="$WORK/scale.jsonl"
export DATASET_OUT="$WORK/dataset.txt"

figure() { # figure <name> <scale> <json object members>: one line
  local line="{\"figure\": \"$1\", \"scale\": $2, $3}"
  echo "$line" | tee -a "$OUT"
}

trap 'stop_baseline; stop_replica' EXIT
start_baseline
build_tool loadgen

stored() { sql envguard_environment "SELECT count(*) FROM domainevententry"; }

# The questions: JWTs of sampled members, each asking about a random team and environment of their organisation.
questions() {
  local n=0 dir="$WORK/questions"
  rm -rf "$dir" && mkdir -p "$dir"
  : >"$WORK/questions.txt"
  local actions=(PROMOTE MANAGE_ENVIRONMENT UPDATE_AUTOSCALING UPDATE_DEPLOYMENT)
  shuf -n "$QUESTIONS" "$DATASET_OUT" | while read -r _ email _ org team env _; do
    n=$((n + 1))
    echo "{\"organization_id\":\"$org\",\"team_id\":\"$team\",\"environment\":\"$env\",\"action\":\"${actions[$((RANDOM % 4))]}\"}" \
      >"$dir/$n.json"
    echo "$(token_for "$email") $dir/$n.json" >>"$WORK/questions.txt"
  done
}

steady() { # steady [VAR=value...] -- <url> [loadgen arguments]: full-speed rounds of 5 s until two in a row agree within
  # 5% (at least WARMUP s, at most WARMUP_MAX s); prints the seconds spent
  local vars=() url previous=0 rps spent=0
  while [ "$1" != -- ]; do vars+=("$1"); shift; done
  shift; url=$1; shift
  while :; do
    rps=$( (for v in "${vars[@]}"; do export "${v?}"; done
            WARMUP_SECONDS=0 load max 5 "$CONNECTIONS" POST "$url" "$@") | jq .achieved_rps)
    spent=$((spent + 5))
    if [ "$spent" -ge "$WARMUP_MAX" ] || { [ "$spent" -ge "$WARMUP" ] && [ $((rps * 100)) -le $((previous * 105)) ] \
        && [ $((rps * 105)) -ge $((previous * 100)) ]; }; then
      echo "$spent"
      return
    fi
    previous=$rps
  done
}

check_figures() { # check_figures <scale>: check and baseline in alternating slices, so that a drift of the machine's
  # load (it is shared) weighs on both alike; the fixed-rate latencies are pooled per set-up, throughput averaged.
  local scale=$1 slice=$((DURATION / SLICES)) i fixed bfixed max bmax check_warmup base_warmup
  local check_url=http://127.0.0.1:8082/internal/v1/checks base_url=http://127.0.0.1:8089/constant
  rm -f "$WORK"/hist-check "$WORK"/hist-base && : >"$WORK/max-check.jsonl" && : >"$WORK/max-base.jsonl" && : >"$WORK/rate-check.jsonl"
  # Warm-up, not counted, until the throughput is steady: from BULK_FROM on authz-service has just been restarted (a
  # cold JVM whose compiler needs most of a minute on two cores, no snapshot cached).
  check_warmup=$(steady LOADGEN_VALUES="$WORK/questions.txt" LOADGEN_MIX=1 -- "$check_url" content-type:application/json \
    "authorization:Bearer {0}" "@{1}")
  base_warmup=$(steady -- "$base_url" content-type:application/json "@$WORK/questions/1.json")
  for i in $(seq 1 "$SLICES"); do
    LOADGEN_VALUES="$WORK/questions.txt" LOADGEN_MIX=1 load max "$slice" "$CONNECTIONS" POST "$check_url" \
      content-type:application/json "authorization:Bearer {0}" "@{1}" >>"$WORK/max-check.jsonl"
    load max "$slice" "$CONNECTIONS" POST "$base_url" content-type:application/json "@$WORK/questions/1.json" \
      >>"$WORK/max-base.jsonl"
  done
  local authz_pid ticks=0 bticks=0 t0
  authz_pid=$(cat "$ROOT/.platform/run/authz.pid")
  for i in $(seq 1 "$SLICES"); do
    t0=$(cpu_ticks "$authz_pid")
    HISTOGRAM_OUT="$WORK/hist-check" LOADGEN_VALUES="$WORK/questions.txt" LOADGEN_MIX=1 WARMUP_SECONDS=0 load rate "$RATE" \
      "$slice" 32 POST "$check_url" content-type:application/json "authorization:Bearer {0}" "@{1}" >>"$WORK/rate-check.jsonl"
    ticks=$((ticks + $(cpu_ticks "$authz_pid") - t0))
    t0=$(cpu_ticks "$BASELINE_PID")
    HISTOGRAM_OUT="$WORK/hist-base" WARMUP_SECONDS=0 load rate "$RATE" "$slice" 32 POST "$base_url" \
      content-type:application/json "@$WORK/questions/1.json" >/dev/null
    bticks=$((bticks + $(cpu_ticks "$BASELINE_PID") - t0))
  done
  fixed=$(load pool "$WORK/hist-check")
  bfixed=$(load pool "$WORK/hist-base")
  max=$(jq -s '{requests: (map(.requests) | add), errors: (map(.errors) | add), achieved_rps: ((map(.achieved_rps) | add) / length | round)}' "$WORK/max-check.jsonl")
  bmax=$(jq -s '{requests: (map(.requests) | add), errors: (map(.errors) | add), achieved_rps: ((map(.achieved_rps) | add) / length | round)}' "$WORK/max-base.jsonl")
  local requests=$((RATE * slice * SLICES)) hz
  hz=$(getconf CLK_TCK)
  figure check_fixed_rate "$scale" "\"rate\": $RATE, \"check_errors\": $(jq -s 'map(.errors) | add' "$WORK/rate-check.jsonl"), \"check\": $fixed, \"baseline\": $bfixed, \"p99_ratio\": $(ratio "$(echo "$fixed" | jq .p99_ms)" "$(echo "$bfixed" | jq .p99_ms)"), \"cpu_us_per_check\": $((ticks * 1000000 / hz / requests)), \"baseline_cpu_us_per_request\": $((bticks * 1000000 / hz / requests)), \"cpu_ratio\": $(ratio "$ticks" "$bticks")"
  figure check_max_throughput "$scale" "\"warmup_s\": {\"check\": $check_warmup, \"baseline\": $base_warmup}, \"check\": $(echo "$max" | jq -c .), \"baseline\": $(echo "$bmax" | jq -c .), \"throughput_ratio\": $(ratio "$(echo "$max" | jq .achieved_rps)" "$(echo "$bmax" | jq .achieved_rps)")"
}

memory_figures() { # memory_figures <scale>
  local pid rss heap
  pid=$(cat "$ROOT/.platform/run/authz.pid")
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  jcmd "$pid" GC.run >/dev/null
  heap=$(jcmd "$pid" GC.heap_info | grep -o 'used [0-9]*K' | head -n 1 | grep -o '[0-9]*')
  figure authz_memory "$scale" "\"rss_mb\": $((rss / 1024)), \"heap_after_full_gc_mb\": $((heap / 1024)), \"facts_cache_hit_ratio\": $(curl -fsS localhost:8082/q/metrics | awk '/^envguard_facts_cache_hit_ratio / {print $2}')"
}

# The access table's content, a row a line in a stable order, without the columns that say when or in which order a
# row was written.
table_rows() { # table_rows [database]
  sql "${1:-envguard_authz}" "SELECT t FROM (
      SELECT 'p ' || organization_id || ' ' || revision AS t FROM organization_position
      UNION ALL SELECT 'h ' || organization_id || ' ' || revision || ' ' || payload FROM held_event
      UNION ALL SELECT 'm ' || concat_ws(' ', organization_id, user_id, email, name, role, demoted) FROM member
      UNION ALL SELECT 't ' || concat_ws(' ', organization_id, team_id, name, is_default) FROM team
      UNION ALL SELECT 'tm ' || concat_ws(' ', organization_id, team_id, user_id, role) FROM team_member
      UNION ALL SELECT 'g ' || concat_ws(' ', organization_id, team_id, environment, restricted) FROM environment_group
      UNION ALL SELECT 'a ' || concat_ws(' ', organization_id, team_id, environment, user_id, expires_at, expired) FROM access_grant
      UNION ALL SELECT 'k ' || concat_ws(' ', prefix, organization_id, user_id, name, type, secret_sha256, deleted) FROM api_key
    ) rows ORDER BY t"
}

same_tables() { # same_tables <what> <file> <file>: true when the two dumps of table_rows agree; else shows where they differ
  if cmp -s "$2" "$3"; then return 0; fi
  echo "$1: $(diff "$2" "$3" | grep -c '^[<>]') rows differ (< incremental, > the other); the first of them:" >&2
  diff "$2" "$3" | grep '^[<>]' | head -n 20 >&2
  return 1
}

rebuild_split() { # rebuild_split <log>: where the last rebuild logged there spent its time, as a JSON member
  local split
  split=$(grep 'access table rebuilt from' "$1" 2>/dev/null | tail -n 1 | sed -nE 's/.* in ([0-9.]+) s \(([0-9.]+) s applying.*folding the topic ([0-9.]+) s, copying the rows ([0-9.]+) s, analysing them ([0-9.]+) s.*/{"total_s": \1, "applying_s": \2, "read_and_fold_s": \3, "copy_s": \4, "analyze_s": \5}/p')
  echo "\"split\": ${split:-null}"
}

rebuild_figures() { # rebuild_figures <scale>
  local scale=$1 status operator checks
  operator="Operator $(cat "$ROOT/.platform/operator-token")"
  table_rows >"$WORK/rows-before-rebuild.txt"
  export LOADGEN_VALUES="$WORK/questions.txt" LOADGEN_MIX=1 WARMUP_SECONDS=0
  curl -fsS -X POST localhost:8082/internal/v1/access-table/rebuild -H "authorization: $operator" >/dev/null
  # Checks all along, in slices of 2 s (a slice reports when it ends), until the rebuild is over.
  rm -f "$WORK/rebuild.done" && : >"$WORK/rebuild-checks.jsonl"
  (while [ ! -f "$WORK/rebuild.done" ]; do
    load rate "$REBUILD_RATE" 2 8 POST http://127.0.0.1:8082/internal/v1/checks content-type:application/json \
      "authorization:Bearer {0}" "@{1}" >>"$WORK/rebuild-checks.jsonl"
  done) &
  local checks_pid=$!
  while status=$(curl -fsS localhost:8082/internal/v1/access-table/rebuild -H "authorization: $operator");
        [ "$(echo "$status" | jq -r .state)" = RUNNING ]; do
    sleep 0.5
  done
  touch "$WORK/rebuild.done"
  wait "$checks_pid"
  unset LOADGEN_VALUES LOADGEN_MIX WARMUP_SECONDS
  checks=$(jq -s '{requests: (map(.requests) | add), errors: (map(.errors) | add), p99_ms_worst_slice: (map(.p99_ms) | max)}' \
    "$WORK/rebuild-checks.jsonl")
  table_rows >"$WORK/rows-after-rebuild.txt"
  local same=false
  same_tables "rebuild" "$WORK/rows-before-rebuild.txt" "$WORK/rows-after-rebuild.txt" && same=true
  local seconds
  seconds=$(echo "$status" | jq '((.finished_at | sub("\\.[0-9]+"; "") | fromdate) - (.started_at | sub("\\.[0-9]+"; "") | fromdate))')
  figure rebuild "$scale" "\"state\": $(echo "$status" | jq .state), \"events\": $(echo "$status" | jq .events), \"seconds\": $seconds, \"events_per_second\": $(echo "$status" | jq .events_per_second), $(rebuild_split "$ROOT/.platform/logs/authz.log"), \"identical_to_incremental\": $same, \"checks_meanwhile\": $checks"
  [ "$(echo "$status" | jq -r .state)" = DONE ] || { echo "the rebuild failed: $status" >&2; return 1; }
  [ "$same" = true ] || { echo "the rebuilt access table differs from the incremental one" >&2; return 1; }
  [ "$(echo "$checks" | jq .errors)" = 0 ] || { echo "checks failed during the rebuild: $checks" >&2; return 1; }
}

write_side_figures() { # write_side_figures <scale>: in the large organisation, as its creator
  local scale=$1 admin token grants search users
  admin=$(awk '$1 == "large-admin" {print $2; exit}' "$DATASET_OUT")
  token=$(token_for "$admin")
  # Members of the large organisation not granted production yet by this script: each grant is a new event.
  awk '$1 == "large" {print $7}' "$DATASET_OUT" | sort -u | shuf >"$WORK/grantees"
  [ -s "$WORK/grantees" ] || return 0
  awk -v t="$token" '{print t, $1}' "$WORK/grantees" >"$WORK/grants.txt"
  echo '{}' >"$WORK/empty.json"
  # WARMUP s of grants first, not counted: environment-service has just been started by the data set's load, and its
  # first changes run cold code (the organisation itself is loaded by its warm-up at start).
  LOADGEN_VALUES="$WORK/grants.txt" LOADGEN_MIX=1 WARMUP_SECONDS=0 load rate "$GRANT_RATE" "$WARMUP" 4 PUT \
    "http://127.0.0.1:8081/v1/environment_groups/production/grants/{1}" content-type:application/json \
    "authorization:Bearer {0}" @"$WORK/empty.json" >/dev/null
  grants=$(LOADGEN_VALUES="$WORK/grants.txt" LOADGEN_MIX=1 WARMUP_SECONDS=0 load rate "$GRANT_RATE" "$DURATION" 4 PUT \
    "http://127.0.0.1:8081/v1/environment_groups/production/grants/{1}" content-type:application/json \
    "authorization:Bearer {0}" @"$WORK/empty.json")
  search=$(load rate "$SEARCH_RATE" "$DURATION" 4 GET "http://127.0.0.1:8081/v1/members?query=u1" "authorization:Bearer $token")
  users=$(sql envguard_environment "SELECT count(*) FROM users")
  figure write_side_large_org "$scale" "\"members\": $(sql envguard_authz "SELECT count(*) FROM member m JOIN member a ON a.organization_id = m.organization_id WHERE a.email = '$admin'"), \"grant\": $grants, \"member_search\": $search, \"platform_users\": $users"
}

REPLICA_PID=
REPLICA_ACLS="$WORK/replica-acls.txt"
stop_replica() {
  [ -z "$REPLICA_PID" ] || kill "$REPLICA_PID" 2>/dev/null || true
  REPLICA_PID=
  [ ! -f "$REPLICA_ACLS" ] || { kafka_acls --remove "$REPLICA_ACLS" && rm -f "$REPLICA_ACLS"; }
}

replica_figures() { # replica_figures <scale>: a second authz-service, own empty database and consumer group, on 8084
  local scale=$1 db="envguard_authz_replica" started ready
  sql postgres "DROP DATABASE IF EXISTS $db" >/dev/null
  sql postgres "CREATE DATABASE $db" >/dev/null
  # As authz-service's user, which may read only the group authz-service: the admin lets it read this one meanwhile.
  local group="authz-replica-$RANDOM$RANDOM"
  printf 'authz-service allow group:%s(literal) %s\n' "$group" Read "$group" Describe >"$REPLICA_ACLS"
  kafka_acls "$REPLICA_ACLS"
  started=$(date +%s.%N)
  (export_kafka_user "$KAFKA_USERS" authz-service && exec env \
    QUARKUS_PROFILE=local QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=8084 \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://${ENVGUARD_DB_HOST:-127.0.0.1}:${ENVGUARD_DB_PORT:-5432}/$db" \
    QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://${ENVGUARD_DB_HOST:-127.0.0.1}:${ENVGUARD_DB_PORT:-5432}/$db" \
    MP_MESSAGING_INCOMING_ENVIRONMENT_EVENTS_GROUP_ID="$group" \
    MP_JWT_VERIFY_PUBLICKEY_LOCATION="$ROOT/.platform/keys/public.pem" \
    ENVGUARD_OPERATOR_TOKEN_FILE="$ROOT/.platform/operator-token" \
    java ${ENVGUARD_JAVA_OPTS:--Xms64m -Xmx512m} -jar "$ROOT/authz-service/target/quarkus-app/quarkus-run.jar") \
    >"$WORK/replica.log" 2>&1 &
  REPLICA_PID=$!
  local deadline=$((SECONDS + ${REPLICA_TIMEOUT:-900}))
  until curl -fs -o /dev/null localhost:8084/q/health/ready; do
    if [ $SECONDS -ge "$deadline" ] || ! kill -0 "$REPLICA_PID" 2>/dev/null; then
      figure replica_ready_from_empty "$scale" "\"seconds\": null, \"error\": \"not ready; see $WORK/replica.log\""
      stop_replica
      return 0
    fi
    sleep 0.5
  done
  ready=$(date +%s.%N)
  # The replica's table, loaded in bulk at startup (AccessTableBootstrap), against the platform's incremental one.
  local same=false
  table_rows >"$WORK/rows-incremental.txt" && table_rows "$db" >"$WORK/rows-replica.txt"
  same_tables "replica" "$WORK/rows-incremental.txt" "$WORK/rows-replica.txt" && same=true
  figure replica_ready_from_empty "$scale" "\"seconds\": $(awk -v a="$started" -v b="$ready" 'BEGIN { printf "%.1f", b - a }'), \"bulk_load\": {$(rebuild_split "$WORK/replica.log")}, \"identical_to_incremental\": $same"
  [ "$same" = true ] || { echo "the replica's table differs from the incremental one" >&2; stop_replica; return 1; }
  stop_replica
}

: >"$DATASET_OUT"
loaded=0
for scale in $SCALES; do
  if [ "$loaded" -lt "$scale" ]; then
    # The large organisation once, in the first load that reaches 100,000 events.
    if [ "$scale" -ge 100000 ] && ! grep -q '^large-admin ' "$DATASET_OUT"; then export SCALE_LARGE_ORG=1; else export SCALE_LARGE_ORG=0; fi
    [ "$scale" -lt "$BULK_FROM" ] || "$ROOT/bin/platform" stop authz >/dev/null
    figure dataset_load "$scale" "\"generator\": $(load_dataset $((scale - loaded)) | tail -n 1)"
    loaded=$scale
  fi
  started=$SECONDS
  via=incremental
  if [ "$scale" -ge "$BULK_FROM" ]; then
    via=bulk
    # bin/platform gives up after 90 s; the bulk load may take longer, and the service keeps starting meanwhile.
    "$ROOT/bin/platform" start authz >/dev/null 2>&1 || true
    until curl -fs -o /dev/null localhost:8082/q/health/ready; do
      [ $((SECONDS - started)) -lt "$CATCH_UP_SECONDS" ] || { echo "authz-service not ready after $CATCH_UP_SECONDS s" >&2; exit 1; }
      sleep 0.5
    done
  fi
  await_projection "$CATCH_UP_SECONDS"
  figure catch_up "$scale" "\"via\": \"$via\", \"stored_events\": $(stored), \"seconds\": $((SECONDS - started))$([ "$via" = incremental ] || echo ", $(rebuild_split "$ROOT/.platform/logs/authz.log")")"
  questions
  check_figures "$scale"
  memory_figures "$scale"
  rebuild_figures "$scale"
  [ "$REPLICA" = 0 ] || replica_figures "$scale"
  ! grep -q '^large-admin ' "$DATASET_OUT" || write_side_figures "$scale"
done
