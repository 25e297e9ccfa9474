package dev.latchkey.testsupport;

import dev.latchkey.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InfrastructureTest {

    @Test
    void shouldGiveEachServiceItsOwnRealPostgresDatabase() throws Exception {
        PostgresServer pg = TestInfrastructure.postgres();
        pg.createDatabase("one_db");
        pg.createDatabase("two_db");
        pg.createDatabase("one_db");
        try (Connection one = pg.connect("one_db"); Connection two = pg.connect("two_db")) {
            one.createStatement().execute("CREATE TABLE t (x int)");
            ResultSet rs = two.createStatement().executeQuery(
                    "SELECT count(*) FROM information_schema.tables WHERE table_name = 't'");
            rs.next();
            assertThat(rs.getInt(1)).isZero();
            ResultSet version = one.createStatement().executeQuery("SHOW server_version");
            version.next();
            assertThat(version.getString(1)).startsWith("17.");
        }
    }

    @Test
    void shouldKeepRecordsAcrossABrokerRestart() throws Exception {
        KafkaBroker kafka = TestInfrastructure.kafka();
        try (Admin admin = kafka.admin()) {
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).containsAll(Topics.ALL);
            String policy = admin.describeConfigs(List.of(new org.apache.kafka.common.config.ConfigResource(
                            org.apache.kafka.common.config.ConfigResource.Type.TOPIC, Topics.CREDENTIAL_REVOCATIONS)))
                    .all().get(10, TimeUnit.SECONDS).values().iterator().next().get("cleanup.policy").value();
            assertThat(policy).isEqualTo("compact");
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("restart-test", "k", "before")).get(30, TimeUnit.SECONDS);
        }
        kafka.stop();
        assertThat(kafka.isRunning()).isFalse();
        kafka.start();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "restart-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("restart-test"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            String value = null;
            while (value == null && System.nanoTime() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    value = records.iterator().next().value();
                }
            }
            assertThat(value).isEqualTo("before");
        }
    }

    @Test
    void aBrokerWhosePortIsTakenExitsAndIsReportedAsSuch() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var dir = Files.createTempDirectory("latchkey-kafka-taken-");
            assertThatThrownBy(() -> KafkaBroker.start(dir, taken.getLocalPort(), Ports.free()))
                    .isInstanceOf(KafkaBroker.BrokerExited.class)
                    .hasMessageContaining("kafka broker exited")
                    .hasMessageContaining(dir.resolve("broker.log").toString());
        }
    }
}
