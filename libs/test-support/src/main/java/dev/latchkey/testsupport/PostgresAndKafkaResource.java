package dev.latchkey.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} a real PostgreSQL database of its own (init arg {@code database}, e.g.
 * {@code token_db}) and the JVM's real Kafka broker:
 * <pre>
 * &#64;WithTestResource(value = PostgresAndKafkaResource.class, initArgs = &#64;ResourceArg(name = "database", value = "token_db"))
 * </pre>
 */
public class PostgresAndKafkaResource implements QuarkusTestResourceLifecycleManager {
    private String database = "latchkey";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        PostgresServer postgres = TestInfrastructure.postgres();
        postgres.createDatabase(database);
        KafkaBroker kafka = TestInfrastructure.kafka();
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.username", PostgresServer.USER);
        config.put("quarkus.datasource.password", "");
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(database));
        config.put("quarkus.datasource.reactive.url", postgres.reactiveUrl(database));
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        return config;
    }

    @Override
    public void stop() {
        // shared by every test class of the JVM; stopped by the JVM's shutdown hook
    }
}
