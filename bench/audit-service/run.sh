#!/usr/bin/env bash
# audit-service: ingest rate (CloudEvents on Kafka -> hash-chained rows in audit_db, batched) and query latency of
# GET /api/v2/audit on a table of 1,000,000 rows; real jar, real PostgreSQL, real Kafka broker (libs/test-support).
# Usage: bench/audit-service/run.sh [events, default 100000] [tenants, default 20] [wrk duration, default 20s] [connections, default 8]
set -euo pipefail
cd "$(dirname "$0")/../.."
EVENTS=${1:-100000}
TENANTS=${2:-20}
DURATION=${3:-20s}
CONNECTIONS=${4:-8}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
PORT=18184
STUB_PORT=18194
WORK=$(mktemp -d /tmp/latchkey-bench-audit-service.XXXX)
PSQL=/usr/lib/postgresql/15/bin/psql

[ -f audit-service/target/quarkus-app/quarkus-run.jar ] || ./mvnw -q -pl audit-service package -DskipTests
# the reactor resolves test-support's own libs (a fresh machine has no installed snapshots in ~/.m2)
[ -f libs/test-support/target/bench-classpath.txt ] || ./mvnw -q -pl libs/test-support -am package dependency:build-classpath \
  -DskipTests -Dmdep.outputFile=target/bench-classpath.txt > /dev/null
CP="$(cat libs/test-support/target/bench-classpath.txt):$(ls libs/test-support/target/latchkey-test-support-*.jar | head -1)"

"$JAVA" -cp "$CP" bench/audit-service/Infra.java "$WORK/env" > "$WORK/infra.log" 2>&1 &
INFRA=$!
APP=""
STUB=""
trap 'kill $APP $STUB $INFRA 2>/dev/null || true; wait 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do [ -f "$WORK/env" ] && break; sleep 0.5; done
set -a; . "$WORK/env"; set +a

TOKEN=$(printf 'public class G{public static void main(String[] a){System.out.print(dev.latchkey.verifier.OpaqueTokens.generate("lkt_"));}}' > "$WORK/G.java" \
  && "$JAVA" -cp "$(ls ~/.m2/repository/dev/latchkey/latchkey-token-verifier/0.1.0-SNAPSHOT/*.jar | head -1)" "$WORK/G.java")
"$JAVA" bench/audit-service/Introspection.java $STUB_PORT "$TOKEN" > "$WORK/stub.log" 2>&1 &
STUB=$!

LATCHKEY_INTROSPECTION_URL=http://127.0.0.1:$STUB_PORT/api/v1/tokens/introspect \
LATCHKEY_INTROSPECTION_CREDENTIAL=bench \
"$JAVA" -Dquarkus.http.port=$PORT -Dquarkus.log.level=WARN -Dquarkus.log.console.json.enabled=false \
  -jar audit-service/target/quarkus-app/quarkus-run.jar > "$WORK/app.log" 2>&1 &
APP=$!
for _ in $(seq 1 120); do curl -sf http://127.0.0.1:$PORT/q/health/ready > /dev/null && break; sleep 0.5; done
curl -sf http://127.0.0.1:$PORT/q/health/ready > /dev/null || { echo "audit-service not ready, see $WORK/app.log"; exit 1; }
count() { $PSQL -h 127.0.0.1 -p "$PG_PORT" -U postgres audit_db -tA -c "SELECT count(*) FROM audit_record"; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); java: $("$JAVA" -version 2>&1 | head -1)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== ingest: $EVENTS CloudEvents over 3 topics (3 partitions each), $TENANTS tenants; batch = one poll (max.poll.records=500)"
START=$(date +%s.%N)
"$JAVA" -cp "$CP" bench/audit-service/Produce.java "$LATCHKEY_KAFKA_BOOTSTRAP_SERVERS" "$EVENTS" "$TENANTS"
PRODUCED=$(date +%s.%N)
until [ "$(count)" -ge "$EVENTS" ]; do sleep 0.25; done
DONE=$(date +%s.%N)
echo "stored $(count) rows; first send -> last row stored: $(echo "$DONE - $START" | bc) s" \
     "= $(echo "$EVENTS / ($DONE - $START)" | bc) events/s (produce alone took $(echo "$PRODUCED - $START" | bc) s)"
curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v2/audit/verify" > /dev/null || true
grep -E '^latchkey_audit_(records_stored|records_duplicate|dead_letters)_total' <(curl -s http://127.0.0.1:$PORT/q/metrics) || true

echo "== generating 1,000,000 rows for SP-000001-01 (SQL generate_series)"
GEN_START=$(date +%s)
$PSQL -q -h 127.0.0.1 -p "$PG_PORT" -U postgres audit_db -f bench/audit-service/generate.sql
echo "generated in $(( $(date +%s) - GEN_START )) s; table: $($PSQL -h 127.0.0.1 -p "$PG_PORT" -U postgres audit_db -tA -c "SELECT count(*) || ' rows, ' || pg_size_pretty(pg_total_relation_size('audit_record')) FROM audit_record")"

URL=http://127.0.0.1:$PORT/api/v2/audit
for q in "limit=50" "limit=50&actor=m-42" "limit=50&action=latchkey.oauth." "limit=50&target=agg-777" \
         "limit=50&from=$(date -u -d '-3 days' +%Y-%m-%dT%H:%M:%SZ)&to=$(date -u -d '-2 days' +%Y-%m-%dT%H:%M:%SZ)"; do
  curl -sf -H "Authorization: Bearer $TOKEN" "$URL?$q" > "$WORK/page.json"
  echo "== GET /api/v2/audit?$q  ($(grep -o '"seq"' "$WORK/page.json" | wc -l) items): wrk -t2 -c$CONNECTIONS -d$DURATION --latency"
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H "Authorization: Bearer $TOKEN" "$URL?$q" \
    | grep -E 'Latency|50%|90%|99%|Requests/sec|Non-2xx' || true
done
echo "== second page via cursor"
NEXT=$(sed -E 's/.*"next":"([^"]+)".*/\1/' < <(curl -sf -H "Authorization: Bearer $TOKEN" "$URL?limit=50"))
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H "Authorization: Bearer $TOKEN" "$NEXT" | grep -E '50%|99%|Requests/sec|Non-2xx' || true
echo "== export of one day as NDJSON (streamed)"
/usr/bin/time -f "%e s" curl -sf -H "Authorization: Bearer $TOKEN" -o "$WORK/export.ndjson" \
  "$URL/export?format=ndjson&from=$(date -u -d '-5 days' +%Y-%m-%dT%H:%M:%SZ)&to=$(date -u -d '-4 days' +%Y-%m-%dT%H:%M:%SZ)"
echo "exported $(wc -l < "$WORK/export.ndjson") records"
echo "errors in the service log: $(grep -c ERROR "$WORK/app.log" || true) (log: $WORK/app.log)"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
