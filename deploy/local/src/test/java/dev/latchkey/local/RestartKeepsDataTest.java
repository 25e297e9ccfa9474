package dev.latchkey.local;

import dev.latchkey.testsupport.KafkaBroker;
import dev.latchkey.testsupport.PostgresServer;
import dev.latchkey.testsupport.Ports;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What deploy/local promises: stop everything, start again, and the data is still there. */
class RestartKeepsDataTest {

    @Test
    void shouldFindDatabaseRowsAndKafkaRecordsAfterARestart(@TempDir Path data) throws Exception {
        int pgPort = Ports.free();
        int kafkaPort = Ports.free();
        int controllerPort = Ports.free();

        try (PostgresServer pg = PostgresServer.start(data.resolve("postgres"), pgPort);
             KafkaBroker kafka = KafkaBroker.start(data.resolve("kafka"), kafkaPort, controllerPort)) {
            pg.createDatabase("token_db");
            try (Connection c = pg.connect("token_db")) {
                c.createStatement().execute("CREATE TABLE kept (v TEXT); INSERT INTO kept VALUES ('still here')");
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("latchkey.token.events", 0, "k", "still here")).get(30, TimeUnit.SECONDS);
            }
        }

        try (PostgresServer pg = PostgresServer.start(data.resolve("postgres"), pgPort);
             KafkaBroker kafka = KafkaBroker.start(data.resolve("kafka"), kafkaPort, controllerPort)) {
            try (Connection c = pg.connect("token_db"); ResultSet rs = c.createStatement().executeQuery("SELECT v FROM kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("still here");
            }
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                    new StringDeserializer(), new StringDeserializer())) {
                TopicPartition p0 = new TopicPartition("latchkey.token.events", 0);
                consumer.assign(List.of(p0));
                consumer.seekToBeginning(List.of(p0));
                List<String> values = new ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (values.isEmpty() && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(300)).forEach(r -> values.add(r.value()));
                }
                assertThat(values).containsExactly("still here");
            }
        }
    }
}
