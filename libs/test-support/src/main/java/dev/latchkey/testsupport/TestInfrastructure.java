package dev.latchkey.testsupport;

/**
 * One PostgreSQL server and one Kafka broker per JVM, started on first use and stopped when the JVM exits,
 * shared by every test class of a module.
 */
public final class TestInfrastructure {
    private static PostgresServer postgres;
    private static KafkaBroker kafka;

    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = PostgresServer.startTemporary();
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "stop-postgres"));
        }
        return postgres;
    }

    public static synchronized KafkaBroker kafka() {
        if (kafka == null) {
            kafka = KafkaBroker.startTemporary();
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "stop-kafka"));
        }
        return kafka;
    }

    private TestInfrastructure() {
    }
}
