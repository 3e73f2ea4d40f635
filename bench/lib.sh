# Helpers shared by the benchmark scripts: the load generator, the baseline app, and a fresh organisation to measure in.
# Every benchmark runs against a platform started with `bin/platform up`, on loopback only, and stops by itself.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
GATEWAY="${ENVGUARD_GATEWAY:-http://127.0.0.1:8080}"
WORK="$ROOT/.platform/bench"
mkdir -p "$WORK"

build_tool() { # build_tool <dir under tools/>: again when its pom or a source is newer than the last build
  local dir="$ROOT/tools/$1"
  if [ ! -f "$dir/target/.built" ] || [ -n "$(find "$dir/pom.xml" "$dir/src" -newer "$dir/target/.built" -print -quit)" ]; then
    mvn -B -q -Dstyle.color=never -f "$dir/pom.xml" package dependency:copy-dependencies \
      -DoutputDirectory="$dir/target/lib" -DincludeScope=runtime >/dev/null
    touch "$dir/target/.built"
  fi
}

load() { # load rate|max ... : one JSON line of results
  build_tool loadgen
  java -Xmx512m -cp "$ROOT/tools/loadgen/target/loadgen-0.1.0-SNAPSHOT.jar:$ROOT/tools/loadgen/target/lib/*" \
    io.envguard.tools.LoadGenerator "$@"
}

BASELINE_PID=
start_baseline() { # the bare Quarkus endpoint on 8089, same JVM options as the services
  build_tool bench-baseline
  java ${ENVGUARD_JAVA_OPTS:--Xms64m -Xmx512m} -jar "$ROOT/tools/bench-baseline/target/quarkus-app/quarkus-run.jar" \
    >"$WORK/baseline.log" 2>&1 &
  BASELINE_PID=$!
  for _ in $(seq 1 100); do curl -fs -o /dev/null -X POST localhost:8089/constant && return; sleep 0.2; done
  echo "the baseline app did not start; see $WORK/baseline.log" >&2
  exit 1
}
stop_baseline() { [ -z "$BASELINE_PID" ] || kill "$BASELINE_PID" 2>/dev/null || true; }

api() { # api <method> <path> <token> [json]: prints the body, fails on a status >= 400
  local method=$1 path=$2 token=$3 body=${4:-}
  curl -fsS -X "$method" "$GATEWAY$path" -H "authorization: Bearer $token" -H 'content-type: application/json' \
    ${body:+-d "$body"}
}

token_for() { # token_for <email>
  curl -fsS "$GATEWAY/v1/auth/token" -H 'content-type: application/json' -d "{\"email\":\"$1\",\"name\":\"bench\"}" | jq -r .token
}

field() { jq -r "$1"; }

ratio() { # ratio <a> <b>: a / b with three decimals
  awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.3f", a / b }'
}

cpu_ticks() { # cpu_ticks <pid>: the process's user and system CPU time so far, in clock ticks
  awk '{print $14 + $15}' "/proc/$1/stat"
}

# A fresh organisation: ADMIN_TOKEN, MEMBER_TOKEN, MEMBER_ID, ORG_ID, TEAM_ID; production restricted, the member granted.
new_restricted_organisation() {
  local run=$RANDOM$RANDOM
  ADMIN_TOKEN=$(token_for "bench-admin-$run@example.com")
  MEMBER_TOKEN=$(token_for "bench-member-$run@example.com")
  local org
  org=$(api POST /v1/organizations "$ADMIN_TOKEN" "{\"name\":\"bench $run\"}")
  ORG_ID=$(echo "$org" | field .id)
  TEAM_ID=$(echo "$org" | field .default_team_id)
  MEMBER_ID=$(api POST /v1/members "$ADMIN_TOKEN" "{\"email\":\"bench-member-$run@example.com\",\"role\":\"MEMBER\"}" | field .user_id)
  api PATCH /v1/environment_groups/production "$ADMIN_TOKEN" \
    "{\"manage_access\":{\"is_restricted\":true,\"user_ids\":[\"$MEMBER_ID\"]}}" >/dev/null
}

build_generator() { # environment-service's test classes and their class path: the data-set generator runs from them
  local module="$ROOT/environment-service" stamp="$ROOT/environment-service/target/.dataset-built"
  if [ ! -f "$stamp" ] || [ -n "$(find "$module/pom.xml" "$module/src" -newer "$stamp" -print -quit)" ]; then
    mvn -B -q -Dstyle.color=never -f "$ROOT/pom.xml" -pl environment-service -am test-compile \
      dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$module/target/dataset.classpath" >/dev/null
    touch "$stamp"
  fi
}

KAFKA_USERS="$ROOT/.platform/kafka/users"
# shellcheck source=../tools/kafka-broker/users.sh
source "$ROOT/tools/kafka-broker/users.sh"

kafka_acls() { # kafka_acls [--remove] <acls file>: gives (or takes back) ACLs on the platform's broker, as its admin
  java -cp "$ROOT/.platform/kafka/lib/*" "$ROOT/tools/kafka-broker/KafkaAcls.java" "$@" "$KAFKA_USERS/envguard-admin.properties" >/dev/null
}

load_dataset() { # load_dataset <events>: environment-service stopped meanwhile; prints the generator's JSON line
  build_generator
  local module="$ROOT/environment-service"
  "$ROOT/bin/platform" stop environment >/dev/null
  local rc=0
  # As environment-service's Kafka user (bin/platform made it): the only one allowed to write the topic.
  SCALE_EVENTS=$1 KAFKA_CLIENT_CONFIG="$KAFKA_USERS/environment-service.properties" java -Xmx1g -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/dataset.classpath")" \
    io.envguard.environment.dataset.DataSetGenerator || rc=$?
  "$ROOT/bin/platform" start environment >/dev/null
  return $rc
}

sql() { # sql <database> <query>: one value per line
  psql -h "${ENVGUARD_DB_HOST:-127.0.0.1}" -p "${ENVGUARD_DB_PORT:-5432}" -U "${ENVGUARD_DB_USER:-postgres}" -d "$1" -Atqc "$2"
}

await_projection() { # await_projection <seconds>: until authz-service's positions add up to the events stored
  local stored applied deadline=$((SECONDS + $1))
  stored=$(sql envguard_environment "SELECT count(*) FROM domainevententry")
  while applied=$(sql envguard_authz "SELECT coalesce(sum(revision), 0) FROM organization_position"); [ "$applied" -lt "$stored" ]; do
    [ $SECONDS -lt "$deadline" ] || { echo "the projection applied $applied of $stored events in $1 s" >&2; return 1; }
    sleep 1
  done
}
