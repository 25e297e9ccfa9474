import dev.latchkey.testsupport.KafkaBroker;
import dev.latchkey.testsupport.PostgresServer;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real PostgreSQL (zonky) and a real Kafka broker for the token-service benchmark, from libs/test-support.
 * Writes the environment token-service needs to the file given as argument, then runs until killed.
 */
public class Infra {
    public static void main(String[] args) throws Exception {
        PostgresServer pg = PostgresServer.startTemporary();
        pg.createDatabase("token_db");
        KafkaBroker kafka = KafkaBroker.startTemporary();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            pg.close();
        }));
        String env = "LATCHKEY_DB_URL=" + pg.reactiveUrl("token_db") + "\n"
                + "LATCHKEY_DB_JDBC_URL=" + pg.jdbcUrl("token_db") + "\n"
                + "LATCHKEY_DB_USER=" + PostgresServer.USER + "\n"
                + "LATCHKEY_DB_PASSWORD=\n"
                + "LATCHKEY_KAFKA_BOOTSTRAP_SERVERS=" + kafka.bootstrapServers() + "\n"
                + "PG_PORT=" + pg.port() + "\n";
        Path out = Path.of(args[0]);
        Files.writeString(Path.of(args[0] + ".tmp"), env);
        Files.move(Path.of(args[0] + ".tmp"), out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        System.out.println("infrastructure ready: " + out);
        Thread.currentThread().join();
    }
}
