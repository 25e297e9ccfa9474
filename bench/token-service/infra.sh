# Sourced by bench/token-service/run.sh and pgbench/run.sh from the repository root, with JAVA and WORK set:
# builds what is missing, starts PostgreSQL and Kafka (Infra.java) in the background as $INFRA and loads their
# environment (LATCHKEY_DB_*, LATCHKEY_KAFKA_BOOTSTRAP_SERVERS, PG_PORT). The caller kills $INFRA on exit.

# the reactor build (-am): the libs of this work tree, never whatever another build left in ~/.m2
[ -f token-service/target/quarkus-app/quarkus-run.jar ] || ./mvnw -q -pl token-service -am package -DskipTests
# the reactor resolves test-support's own libs (a fresh machine has no installed snapshots in ~/.m2)
[ -f libs/test-support/target/bench-classpath.txt ] || ./mvnw -q -pl libs/test-support -am package dependency:build-classpath \
  -DskipTests -Dmdep.outputFile=target/bench-classpath.txt > /dev/null
# the broker runs on this classpath: it needs lz4 to take the outbox relay's compressed batches
CP="$(cat libs/test-support/target/bench-classpath.txt):$(ls libs/test-support/target/latchkey-test-support-*.jar | head -1):$(ls token-service/target/quarkus-app/lib/main/*lz4*.jar | head -1)"

"$JAVA" -cp "$CP" bench/token-service/Infra.java "$WORK/env" > "$WORK/infra.log" 2>&1 &
INFRA=$!
for _ in $(seq 1 120); do [ -f "$WORK/env" ] && break; sleep 0.5; done
set -a; . "$WORK/env"; set +a
