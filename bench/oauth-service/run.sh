#!/usr/bin/env bash
# Client-credentials grants per second against a locally started oauth-service jar (keep-alive, fixed concurrency).
# Needs: ./mvnw -pl oauth-service package -DskipTests; Debian postgresql-15; wrk. No Kafka needed (disabled here).
# Usage: bench/oauth-service/run.sh [connections=32] [warmup-seconds=60] [seconds=30]
# env: APP_DIR (another build's quarkus-app directory, for before/after comparisons in one sitting);
#      ALG=ES256 (default) | EdDSA: the access-token signature algorithm (latchkey.oauth.keys.algorithm);
#      JAVA_OPTS (e.g. a flight recording: JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/oauth.jfr,settings=profile");
#      SERVER_CPUS and LOAD_CPUS (taskset CPU lists, e.g. 1 and 0): the service and wrk each on CPUs of their own,
#      so that the load generator's CPU is not taken from the server measured (default: both on every CPU)
set -euo pipefail
cd "$(dirname "$0")/../.."
C=${1:-32}; WARM=${2:-60}; DUR=${3:-30}
ALG=${ALG:-ES256}
case "$ALG" in ES256|EdDSA) ;; *) echo "ALG must be ES256 or EdDSA, not '$ALG'"; exit 1 ;; esac
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
WORK=$(mktemp -d /tmp/oauth-bench.XXXX); chown postgres "$WORK"
PGPORT=${PGPORT:-55432}; HTTP=${HTTP_PORT:-18082}
PG=/usr/lib/postgresql/15/bin
SERVER_PIN=(); LOAD_PIN=()
[ -n "${SERVER_CPUS:-}" ] && SERVER_PIN=(taskset -c "$SERVER_CPUS")
[ -n "${LOAD_CPUS:-}" ] && LOAD_PIN=(taskset -c "$LOAD_CPUS")
PEPPER=bench-pepper; KEK=$(head -c 32 /dev/urandom | base64)
cleanup() { [ -n "${APP:-}" ] && kill "$APP" 2>/dev/null || true; runuser -u postgres -- $PG/pg_ctl -D "$WORK/pg" stop -m fast >/dev/null 2>&1 || true; }
trap cleanup EXIT

runuser -u postgres -- $PG/initdb -D "$WORK/pg" -A trust -U postgres >/dev/null
runuser -u postgres -- $PG/pg_ctl -D "$WORK/pg" -o "-p $PGPORT -k $WORK -c listen_addresses=127.0.0.1" -l "$WORK/pg.log" start >/dev/null
sleep 1
runuser -u postgres -- $PG/psql -h 127.0.0.1 -p $PGPORT -U postgres -qc "CREATE DATABASE oauth_db"

LATCHKEY_DB_URL=postgresql://127.0.0.1:$PGPORT/oauth_db LATCHKEY_DB_JDBC_URL=jdbc:postgresql://127.0.0.1:$PGPORT/oauth_db \
LATCHKEY_DB_USER=postgres LATCHKEY_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:1 \
LATCHKEY_OAUTH_SECRET_PEPPER=$PEPPER LATCHKEY_OAUTH_KEY_ENCRYPTION_KEY=$KEK \
"${SERVER_PIN[@]}" "$JAVA_HOME/bin/java" ${JAVA_OPTS:-} -Dquarkus.http.port=$HTTP -Dquarkus.http.ssl-port=$((HTTP + 361)) -Dquarkus.log.level=WARN -Dquarkus.log.console.json.enabled=false \
  -Dlatchkey.outbox.relay-enabled=false -Dmp.messaging.incoming.directory.enabled=false \
  -Dlatchkey.verifier.revocations.enabled=false -Dlatchkey.verifier.usage.enabled=false -Dlatchkey.verifier.failures.enabled=false \
  -Dquarkus.kafka.health.enabled=false -Dlatchkey.oauth.keys.algorithm="$ALG" \
  -jar "${APP_DIR:-oauth-service/target/quarkus-app}/quarkus-run.jar" > "$WORK/app.log" 2>&1 &
APP=$!
for i in $(seq 1 120); do curl -sf "http://127.0.0.1:$HTTP/oauth/jwks" >/dev/null && break; sleep 1; done

VERIFIER_JAR=$(ls oauth-service/target/quarkus-app/lib/main/dev.latchkey.latchkey-token-verifier-*.jar | head -1)
read -r SECRET HASH HINT < <("$JAVA_HOME/bin/java" -cp "$VERIFIER_JAR" bench/oauth-service/Seed.java "$PEPPER")
MEMBER=11111111-1111-1111-1111-111111111111; CLIENT=lkapp_bench0000000000000000
runuser -u postgres -- $PG/psql -h 127.0.0.1 -p $PGPORT -U postgres -d oauth_db -qc "
 INSERT INTO members (tenant, id, role, status) VALUES ('SP-000001-01', '$MEMBER', 'global_admin', 'active');
 INSERT INTO applications (id, tenant, client_id, name, grant_type, acting_member_id, scopes, access_token_ttl, secret_hash,
   secret_hint, created_by, created_at, updated_at)
 VALUES (gen_random_uuid(), 'SP-000001-01', '$CLIENT', 'bench', 'client_credentials', '$MEMBER', '{account:read,collection:upsert}',
   3600, '$HASH', '$HINT', 'bench', now(), now());"
export CLIENT_AUTH=$(printf '%s:%s' "$CLIENT" "$SECRET" | base64 -w0)
FIRST=$(curl -sf -u "$CLIENT:$SECRET" -d grant_type=client_credentials "http://127.0.0.1:$HTTP/oauth/token")
echo "$FIRST" | head -c 120; echo
# the alg of the token's JOSE header (base64url → base64, padded)
TOKEN_ALG=$(echo "$FIRST" | sed -E 's/.*"access_token":"([^."]+)\..*/\1/' | tr '_-' '/+' \
  | awk '{ while (length($0) % 4) $0 = $0 "="; print }' | base64 -d 2>/dev/null | sed -E 's/.*"alg":"([^"]+)".*/\1/' || true)
echo "oauth-service access token alg: $TOKEN_ALG"
[ "$TOKEN_ALG" = "$ALG" ] || { echo "expected an $ALG access token from oauth-service, got '$TOKEN_ALG'"; exit 1; }

echo "== oauth-service, $ALG signatures; server CPUs: ${SERVER_CPUS:-all}, wrk CPUs: ${LOAD_CPUS:-all}; machine: $(nproc) cores, $(uname -sr), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
bench/oauth-service/warm-up.sh "$WARM" "$C" "http://127.0.0.1:$HTTP/oauth/token"
echo "== measured ${DUR}s: wrk -t2 -c$C -d${DUR}s --latency -s bench/oauth-service/token.lua"
"${LOAD_PIN[@]}" wrk -t2 -c"$C" -d"${DUR}s" --latency -s bench/oauth-service/token.lua "http://127.0.0.1:$HTTP/oauth/token"
