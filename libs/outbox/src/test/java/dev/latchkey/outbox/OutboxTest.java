package dev.latchkey.outbox;

import dev.latchkey.events.EventEnvelope;
import dev.latchkey.testsupport.KafkaBroker;
import dev.latchkey.testsupport.PostgresAndKafkaResource;
import dev.latchkey.testsupport.TestInfrastructure;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
@WithTestResource(value = PostgresAndKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "outbox_test_db"))
class OutboxTest {
    @Inject
    WidgetService widgets;
    @Inject
    OutboxRelay relay;
    @Inject
    OutboxConfig config;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    Pool pool;
    @Inject
    ProcessedEvents processedEvents;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void shouldPublishAnEventThatCommittedWithItsChange() throws Exception {
        String name = unique();
        widgets.create(UUID.randomUUID().toString(), name, 1, false).await().indefinitely();

        List<ConsumerRecord<String, String>> records = consume(r -> name.equals(r.key()), 1);

        EventEnvelope event = EventEnvelope.fromKafka(records.get(0).topic(), records.get(0).key(),
                records.get(0).headers(), records.get(0).value());
        assertThat(event.type()).isEqualTo("latchkey.test.widget.created.v1");
        assertThat(event.tenant()).isEqualTo("SP-1-01");
        assertThat(event.dataAs(WidgetCreated.class).name()).isEqualTo(name);
        assertThat(count("SELECT count(*) FROM outbox WHERE record_key = '" + name + "' AND sent_at IS NOT NULL")).isEqualTo(1);
    }

    @Test
    void shouldDropTheEventWhenTheChangeRollsBack() throws Exception {
        String name = unique();
        assertThatThrownBy(() -> widgets.create(UUID.randomUUID().toString(), name, 1, true).await().indefinitely())
                .hasMessageContaining("the change failed");

        assertThat(count("SELECT count(*) FROM widget WHERE name = '" + name + "'")).isZero();
        assertThat(count("SELECT count(*) FROM outbox WHERE record_key = '" + name + "'")).isZero();
    }

    @Test
    void shouldDeliverEverythingInOrderAfterKafkaReturns() throws Exception {
        KafkaBroker kafka = TestInfrastructure.kafka();
        String name = unique();
        kafka.stop();
        try {
            for (int i = 0; i < 25; i++) {
                // the user's request succeeds while the broker is down
                widgets.create(UUID.randomUUID().toString(), name, i, false).await().atMost(Duration.ofSeconds(5));
            }
            Thread.sleep(1500);
            assertThat(count("SELECT count(*) FROM outbox WHERE record_key = '" + name + "' AND sent_at IS NULL")).isEqualTo(25);
        } finally {
            kafka.start();
        }

        List<ConsumerRecord<String, String>> records = consume(r -> name.equals(r.key()), 25);

        List<Integer> sequence = records.stream().map(r -> EventEnvelope.fromKafka(r.topic(), r.key(), r.headers(), r.value())
                .dataAs(WidgetCreated.class).sequence()).distinct().toList();
        assertThat(sequence).hasSize(25).isSorted();
    }

    @Test
    void shouldPublishEachEventOnceWithTwoRelaysRunning() throws Exception {
        relay.stop();
        OutboxRelay one = new OutboxRelay(dataSource, config, new SimpleMeterRegistry(), bootstrap);
        OutboxRelay two = new OutboxRelay(dataSource, config, new SimpleMeterRegistry(), bootstrap);
        String name = unique();
        try {
            for (int i = 0; i < 300; i++) {
                widgets.create(UUID.randomUUID().toString(), name, i, false).await().indefinitely();
            }
            one.start();
            two.start();
            List<ConsumerRecord<String, String>> records = consume(r -> name.equals(r.key()), 300);
            Thread.sleep(1000);
            records = consume(r -> name.equals(r.key()), 300);

            List<String> ids = records.stream().map(r -> new String(r.headers().lastHeader("ce_id").value())).toList();
            assertThat(ids).hasSize(300).doesNotHaveDuplicates();
        } finally {
            one.stop();
            two.stop();
            relay.start();
        }
    }

    @Test
    void shouldApplyARedeliveredEventOnlyOnce() {
        String id = UUID.randomUUID().toString();
        Boolean first = pool.withTransaction(tx -> processedEvents.firstDelivery(tx, "test", id)).await().indefinitely();
        Boolean again = pool.withTransaction(tx -> processedEvents.firstDelivery(tx, "test", id)).await().indefinitely();
        Boolean otherConsumer = pool.withTransaction(tx -> processedEvents.firstDelivery(tx, "other", id)).await().indefinitely();

        assertThat(first).isTrue();
        assertThat(again).isFalse();
        assertThat(otherConsumer).isTrue();
    }

    private static String unique() {
        return "w-" + UUID.randomUUID();
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Reads the test topic from the beginning until {@code expected} matching records arrived (or 60 s). */
    private List<ConsumerRecord<String, String>> consume(Predicate<ConsumerRecord<String, String>> matching, int expected) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            List<TopicPartition> partitions = List.of();
            while (partitions.isEmpty() && System.nanoTime() < deadline) {
                List<PartitionInfo> infos = consumer.partitionsFor(WidgetCreated.TOPIC);
                partitions = infos == null ? List.of() : infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (found.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (matching.test(r)) {
                        found.add(r);
                    }
                });
            }
            // keep reading briefly to catch duplicates beyond the expected count
            long settle = System.nanoTime() + Duration.ofMillis(500).toNanos();
            while (System.nanoTime() < settle) {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> {
                    if (matching.test(r)) {
                        found.add(r);
                    }
                });
            }
        }
        return found;
    }
}
