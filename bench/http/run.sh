#!/usr/bin/env bash
# HTTP round trip of examples/accounts-api with a valid lkt_ token vs without authentication (same trivial
# resource), with wrk. Revocations and usage reports are switched off (no Kafka needed); they cost a map
# look-up and a counter per request. Usage: bench/http/run.sh [duration, default 20s] [connections, default 16]
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-20s}
CONNECTIONS=${2:-16}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
STUB_PORT=18081
APP_PORT=18085

[ -f bench/target/benchmarks.jar ] || ./mvnw -q -pl bench package
[ -f examples/accounts-api/target/quarkus-app/quarkus-run.jar ] || ./mvnw -q -pl examples/accounts-api package -DskipTests

"$JAVA" -cp bench/target/benchmarks.jar dev.latchkey.bench.StubTokenServiceMain $STUB_PORT > /tmp/latchkey-bench-token &
STUB=$!
"$JAVA" -Dquarkus.http.port=$APP_PORT -Dquarkus.log.level=WARN \
  -Dlatchkey.verifier.introspection.url=http://127.0.0.1:$STUB_PORT/api/v1/tokens/introspect \
  -Dlatchkey.verifier.introspection.credential=bench \
  -Dlatchkey.verifier.revocations.enabled=false -Dlatchkey.verifier.usage.enabled=false \
  -jar examples/accounts-api/target/quarkus-app/quarkus-run.jar > /tmp/latchkey-bench-app.log 2>&1 &
APP=$!
trap 'kill $APP $STUB 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf http://127.0.0.1:$APP_PORT/api/v1/ping > /dev/null && break; sleep 0.5; done
TOKEN=$(head -1 /tmp/latchkey-bench-token)
curl -sf -H "Authorization: Bearer $TOKEN" http://127.0.0.1:$APP_PORT/api/v1/ping/protected > /dev/null

run() { wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency "$@"; }
echo "== warm-up"; run http://127.0.0.1:$APP_PORT/api/v1/ping > /dev/null
run -H "Authorization: Bearer $TOKEN" http://127.0.0.1:$APP_PORT/api/v1/ping/protected > /dev/null
echo "== no authentication";  run http://127.0.0.1:$APP_PORT/api/v1/ping
echo "== valid lkt_ token";   run -H "Authorization: Bearer $TOKEN" http://127.0.0.1:$APP_PORT/api/v1/ping/protected
echo "== no authentication (again)"; run http://127.0.0.1:$APP_PORT/api/v1/ping
echo "== valid lkt_ token (again)";  run -H "Authorization: Bearer $TOKEN" http://127.0.0.1:$APP_PORT/api/v1/ping/protected
