#!/usr/bin/env bash
# Client-credentials grants per second: oauth-service and Keycloak 26.7.3, one after the other in one run, with the
# same wrk load (bench/oauth-service/token.lua, client_secret_basic, keep-alive), the same concurrency, warm-up and
# measured duration, the same JDK (25) and the same signature algorithm (ALG: ES256 by default, or EdDSA), then both
# results side by side.
# Keycloak runs as ENVIRONMENT.md's "Comparing with Keycloak fairly" says: production mode,
# kc.sh start --http-enabled=true --hostname-strict=false --db=dev-file; realm default signature algorithm $ALG
# (a P-256 and an Ed25519 key provider), one confidential client with only the service account (client credentials)
# enabled (bench/keycloak/realm.json). oauth-service signs with latchkey.oauth.keys.algorithm=$ALG.
#
# Needs: ./mvnw -pl oauth-service -am package -DskipTests; the Keycloak zip in ~/.m2
# (org.keycloak:keycloak-quarkus-dist:26.7.3, deploy/local fetches it; or mvn dependency:get); Debian postgresql-15;
# wrk; unzip. Keycloak warms up slowly (throughput rose ~3x over the first ~6 minutes here): for figures, warm up
# for at least 360 s. A 20 s warm-up only checks that the script works.
# SERVER_CPUS and LOAD_CPUS (taskset CPU lists, e.g. 1 and 0) put each server and wrk on CPUs of their own, the same
# for both servers; unset, all share every CPU.
# Usage: [ALG=ES256|EdDSA] [SERVER_CPUS=1 LOAD_CPUS=0] bench/keycloak/run.sh [connections=32] [warmup-seconds=360] [seconds=60]
set -euo pipefail
cd "$(dirname "$0")/../.."
C=${1:-32}; WARM=${2:-360}; DUR=${3:-60}
export ALG=${ALG:-ES256}
case "$ALG" in ES256|EdDSA) ;; *) echo "ALG must be ES256 or EdDSA, not '$ALG'"; exit 1 ;; esac
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
KC_VERSION=26.7.3
KC_ZIP=${KC_ZIP:-$HOME/.m2/repository/org/keycloak/keycloak-quarkus-dist/$KC_VERSION/keycloak-quarkus-dist-$KC_VERSION.zip}
KC_PORT=${KC_PORT:-18180}
OUT=$(mktemp -d /tmp/latchkey-bench-compare.XXXX)
SERVER_PIN=(); LOAD_PIN=()
[ -n "${SERVER_CPUS:-}" ] && SERVER_PIN=(taskset -c "$SERVER_CPUS")
[ -n "${LOAD_CPUS:-}" ] && LOAD_PIN=(taskset -c "$LOAD_CPUS")
[ -f "$KC_ZIP" ] || { echo "missing $KC_ZIP (mvn dependency:get -Dartifact=org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip)"; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)"; exit 1; }
command -v jq >/dev/null || { echo "jq is missing (apt-get install jq)"; exit 1; }

cleanup() { [ -n "${KC:-}" ] && kill "$KC" 2>/dev/null && wait "$KC" 2>/dev/null || true; }
trap cleanup EXIT

echo "== 1/2 oauth-service, $ALG (ALG=$ALG bench/oauth-service/run.sh $C $WARM $DUR)"
bench/oauth-service/run.sh "$C" "$WARM" "$DUR" | tee "$OUT/oauth.txt"

echo "== 2/2 Keycloak $KC_VERSION, $ALG (production mode, dev-file database, $("$JAVA_HOME/bin/java" -version 2>&1 | head -1))"
unzip -q "$KC_ZIP" -d "$OUT"
KC_HOME="$OUT/keycloak-$KC_VERSION"
KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
  "${SERVER_PIN[@]}" "$KC_HOME/bin/kc.sh" start --http-enabled=true --hostname-strict=false --db=dev-file \
  --http-host=127.0.0.1 --http-port="$KC_PORT" --log-level=WARN > "$OUT/keycloak.log" 2>&1 &
KC=$!
KC_URL=http://127.0.0.1:$KC_PORT
# the first start in production mode builds the server image first: minutes on a loaded machine
for i in $(seq 1 "${KC_START_TIMEOUT:-900}"); do curl -sf "$KC_URL/realms/master" >/dev/null && break; sleep 1; done
curl -sf "$KC_URL/realms/master" >/dev/null || { echo "Keycloak did not start, see $OUT/keycloak.log"; exit 1; }
ADMIN=$(curl -sf -d grant_type=password -d client_id=admin-cli -d username=admin -d password=admin \
  "$KC_URL/realms/master/protocol/openid-connect/token" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
jq --arg alg "$ALG" '.defaultSignatureAlgorithm = $alg' bench/keycloak/realm.json > "$OUT/realm.json"
curl -sf -X POST -H "Authorization: Bearer $ADMIN" -H "Content-Type: application/json" \
  --data @"$OUT/realm.json" "$KC_URL/admin/realms"
CLIENT=bench; SECRET=bench-client-secret-not-a-secret
KC_TOKEN_URL=$KC_URL/realms/bench/protocol/openid-connect/token
FIRST=$(curl -sf -u "$CLIENT:$SECRET" -d grant_type=client_credentials "$KC_TOKEN_URL")
# the alg of the token's JOSE header (base64url → base64, padded)
KC_ALG=$(echo "$FIRST" | sed -E 's/.*"access_token":"([^."]+)\..*/\1/' | tr '_-' '/+' \
  | awk '{ while (length($0) % 4) $0 = $0 "="; print }' | base64 -d 2>/dev/null | sed -E 's/.*"alg":"([^"]+)".*/\1/' || true)
echo "Keycloak token endpoint answers; access token alg: $KC_ALG"
[ "$KC_ALG" = "$ALG" ] || { echo "expected an $ALG access token from Keycloak, got '$KC_ALG'"; exit 1; }

export CLIENT_AUTH=$(printf '%s:%s' "$CLIENT" "$SECRET" | base64 -w0)
bench/oauth-service/warm-up.sh "$WARM" "$C" "$KC_TOKEN_URL"
echo "== load average before measuring: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== measured ${DUR}s: wrk -t2 -c$C -d${DUR}s --latency -s bench/oauth-service/token.lua"
"${LOAD_PIN[@]}" wrk -t2 -c"$C" -d"${DUR}s" --latency -s bench/oauth-service/token.lua "$KC_TOKEN_URL" | tee "$OUT/keycloak.txt"

# figures from the measured run only: the last wrk run ("Running …") of each output
measured() { awk '/^Running/ { buf = "" } { buf = buf $0 "\n" } END { printf "%s", buf }' "$1"; }
field() { measured "$1" | awk -v k="$2" '$1 == k { v = $2 } END { print (v == "" ? "-" : v) }'; }
rps() { measured "$1" | awk '/Requests\/sec/ { v = $2 } END { print v }'; }
non2xx() { measured "$1" | awk '/Non-2xx/ { v = $5 } END { print (v == "" ? 0 : v) }'; }
echo
echo "== client-credentials grants, $ALG signatures on both, $(nproc) cores (server CPUs: ${SERVER_CPUS:-all}, wrk CPUs: ${LOAD_CPUS:-all}), wrk -t2 -c$C, warm-up ${WARM}s, measured ${DUR}s, load average now $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-22s %14s %10s %10s %10s\n' "" "grants/s" "p50" "p99" "non-2xx"
printf '%-22s %14s %10s %10s %10s\n' "oauth-service ($ALG)" "$(rps "$OUT/oauth.txt")" "$(field "$OUT/oauth.txt" 50%)" "$(field "$OUT/oauth.txt" 99%)" "$(non2xx "$OUT/oauth.txt")"
printf '%-22s %14s %10s %10s %10s\n' "Keycloak ($ALG)" "$(rps "$OUT/keycloak.txt")" "$(field "$OUT/keycloak.txt" 50%)" "$(field "$OUT/keycloak.txt" 99%)" "$(non2xx "$OUT/keycloak.txt")"
awk -v a="$(rps "$OUT/oauth.txt")" -v b="$(rps "$OUT/keycloak.txt")" 'BEGIN { if (b > 0) printf "ratio oauth-service / Keycloak: %.1fx\n", a / b }'
echo "(outputs and logs in $OUT)"
