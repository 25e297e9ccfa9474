#!/usr/bin/env bash
# A token creation's SQL alone, without the service: how much PostgreSQL CPU one creation costs, and how much a
# creation costs when 16 share one transaction (each with its own statements, then multi-row statements). pgbench, prepared statements, against the
# real schema (the service's Flyway migrations) on a real PostgreSQL (libs/test-support).
# Usage: bench/token-service/pgbench/run.sh [clients, default 8]
# Prints transactions/s and PostgreSQL CPU per transaction, measured over 10 s inside a 16 s run of each script.
set -euo pipefail
cd "$(dirname "$0")/../../.."
CLIENTS=${1:-8}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
PGBIN=/usr/lib/postgresql/15/bin
WORK=$(mktemp -d /tmp/latchkey-pgbench.XXXX)
INFRA=""
trap 'kill $INFRA 2>/dev/null || true; wait 2>/dev/null || true' EXIT
. bench/token-service/infra.sh
# the schema: the service's own migrations, run by starting it once (relay off: nothing else touches the tables)
"$JAVA" -Dquarkus.http.port=18182 -Dlatchkey.outbox.relay-enabled=false -Dquarkus.log.level=WARN \
  -jar token-service/target/quarkus-app/quarkus-run.jar > "$WORK/app.log" 2>&1 &
APP=$!
for _ in $(seq 1 120); do curl -sf http://127.0.0.1:18182/q/health/ready > /dev/null && break; sleep 0.5; done
kill $APP; wait $APP 2>/dev/null || true
PSQL="$PGBIN/psql -q -h 127.0.0.1 -p $PG_PORT -U postgres token_db"
$PSQL -c "INSERT INTO service_account (tenant, id, name, status) SELECT 'SP-000001-01', 'bench-sa-' || i, 'bench-sa-' || i, 'active' FROM generate_series(0, 63) i ON CONFLICT DO NOTHING"

pgcpu() { local t=0 s r; for p in $(pgrep -x postgres); do s=$(cat /proc/$p/stat 2>/dev/null) || continue; r=${s##*) }; set -- $r; t=$((t + ${12} + ${13})); done; echo $t; }
commits() { $PSQL -tAc "SELECT xact_commit FROM pg_stat_database WHERE datname = 'token_db'"; }
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
# a filled, analysed table first: on the empty one, the cached generic plans scan it and every figure is off by 10x
"$PGBIN/pgbench" -n -M prepared -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "$CLIENTS" -j 1 -T 15 \
  -f bench/token-service/pgbench/create-one.sql token_db > "$WORK/warm-up.txt" 2>&1
$PSQL -c "VACUUM ANALYZE token" -c "VACUUM ANALYZE outbox"
for script in create-one create-group16 create-batch16 create-one; do
  "$PGBIN/pgbench" -n -M prepared -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "$CLIENTS" -j 1 -T 16 \
    -f "bench/token-service/pgbench/$script.sql" token_db > "$WORK/$script.txt" 2>&1 &
  BENCH=$!
  sleep 4
  c1=$(pgcpu); x1=$(commits)
  sleep 10
  c2=$(pgcpu); x2=$(commits)
  wait $BENCH
  n=$((x2 - x1))
  per=$(( (c2 - c1) * 10000 / n ))   # clock ticks are 10 ms: CPU µs per transaction
  creations=$([ "$script" = create-one ] && echo 1 || echo 16)
  printf '%-16s %7d transactions/s  %6d µs PostgreSQL CPU per transaction  %5d µs per creation\n' \
    "$script" $((n / 10)) "$per" $((per / creations))
done
echo "tokens: $($PSQL -tAc 'SELECT count(*) FROM token'); load after: $(cut -d' ' -f1-3 /proc/loadavg)"
