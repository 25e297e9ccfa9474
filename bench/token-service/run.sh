#!/usr/bin/env bash
# token-service under load: introspection (req/s, p99 at fixed concurrency, keep-alive) and token creation (/s),
# against the real jar with a real PostgreSQL and a real Kafka broker (libs/test-support), all on this machine.
# Usage: bench/token-service/run.sh [duration, default 30s] [connections, default 64] [wrk threads, default 2]
# env: PHASES="introspect create" (either or both), WARMUP=150s (creation warm-up), CACHE=false, POOL=20, JAVA_OPTS (e.g. a flight recording),
#      APP_DIR (another build's quarkus-app directory, for before/after comparisons in one sitting)
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-30s}
CONNECTIONS=${2:-64}
THREADS=${3:-2}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
PORT=18181
WORK=$(mktemp -d /tmp/latchkey-bench-token-service.XXXX)

APP=""
INFRA=""
trap 'kill $APP $INFRA 2>/dev/null || true; wait 2>/dev/null || true' EXIT
. bench/token-service/infra.sh

ADMIN=$(printf 'public class G{public static void main(String[] a){System.out.print(dev.latchkey.verifier.OpaqueTokens.generate("lkt_"));}}' > "$WORK/G.java" \
  && "$JAVA" -cp "$(ls token-service/target/quarkus-app/lib/main/dev.latchkey.latchkey-token-verifier-*.jar | head -1)" "$WORK/G.java")
export ADMIN
export LATCHKEY_BOOTSTRAP_ADMIN_TOKEN=$ADMIN
export LATCHKEY_BOOTSTRAP_ADMIN_MEMBER_ID=00000000-0000-4000-8000-00000000b001

# JAVA_OPTS: e.g. a flight recording, JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/ts.jfr,settings=profile"
# shellcheck disable=SC2086
"$JAVA" ${JAVA_OPTS:-} -Dquarkus.http.port=$PORT -Dquarkus.log.level=WARN -Dquarkus.log.console.json.enabled=false \
  -Dquarkus.datasource.reactive.max-size=${POOL:-20} \
  -Dlatchkey.token.introspection-cache.enabled=${CACHE:-true} \
  -jar "${APP_DIR:-token-service/target/quarkus-app}/quarkus-run.jar" > "$WORK/app.log" 2>&1 &
APP=$!
for _ in $(seq 1 120); do curl -sf http://127.0.0.1:$PORT/q/health/ready > /dev/null && break; sleep 0.5; done
curl -sf http://127.0.0.1:$PORT/q/health/ready > /dev/null || { echo "token-service not ready, see $WORK/app.log"; exit 1; }

# owners for the creation run: service accounts in the projection (as if announced by service-account-service)
/usr/lib/postgresql/15/bin/psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres token_db -c \
  "INSERT INTO service_account (tenant, id, name, status) SELECT 'SP-000001-01', 'bench-sa-' || i, 'bench-sa-' || i, 'active' FROM generate_series(0, 63) i ON CONFLICT DO NOTHING"

TOKEN=$(curl -sf -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d '{"name":"introspected","scopes":["account:read","event:upsert"],"expiration":"90d"}' \
  http://127.0.0.1:$PORT/api/v1/tokens | sed -E 's/.*"token":"([^"]+)".*/\1/')
export TOKEN
URL=http://127.0.0.1:$PORT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); java: $("$JAVA" -version 2>&1 | head -1)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ " ${PHASES:-introspect create} " == *" introspect "* ]]; then
  echo "== introspection warm-up (${DURATION})"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s bench/token-service/introspect.lua "$URL/api/v1/tokens/introspect" > /dev/null
  echo "== introspection: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency (keep-alive, one token, cache=${CACHE:-true})"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/token-service/introspect.lua "$URL/api/v1/tokens/introspect"
fi
if [[ " ${PHASES:-introspect create} " == *" create "* ]]; then
  # the JIT needs about two minutes of creations on 2 cores before it settles (~200/s before, ~1,000/s after)
  echo "== token creation warm-up (${WARMUP:-150s})"
  OWNERS=64 wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP:-150s}" -s bench/token-service/create.lua "$URL" > /dev/null
  echo "== token creation: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency (64 service-account owners)"
  OWNERS=64 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/token-service/create.lua "$URL"
fi
sleep 5
/usr/lib/postgresql/15/bin/psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres token_db -tA -c \
  "SELECT 'tokens: ' || count(*) FROM token" -c "SELECT 'outbox unsent 5 s after the run: ' || count(*) FROM outbox WHERE sent_at IS NULL"
curl -s http://127.0.0.1:$PORT/q/metrics > "$WORK/metrics.txt"
grep -E '^latchkey_outbox_(published|failures)_total' "$WORK/metrics.txt" || true
# group commit (TokenCreations): transactions and the creations they committed, warm-up included
awk '/^latchkey_token_creation_group_size_(count|sum)/ {v[$1] = $2}
     END {c = v["latchkey_token_creation_group_size_count"]; s = v["latchkey_token_creation_group_size_sum"];
          if (c > 0) printf "creation transactions: %d, creations per transaction: %.1f\n", c, s / c}' "$WORK/metrics.txt"
echo "errors in the service log: $(grep -c ERROR "$WORK/app.log" || true) (log: $WORK/app.log)"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
