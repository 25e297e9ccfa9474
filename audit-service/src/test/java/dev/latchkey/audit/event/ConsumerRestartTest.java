package dev.latchkey.audit.event;

import dev.latchkey.audit.support.Events;
import dev.latchkey.events.EventEnvelope;
import dev.latchkey.testsupport.PostgresAndKafkaResource;
import dev.latchkey.testsupport.TestInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.latchkey.audit.support.AuditApi.eventIds;
import static dev.latchkey.audit.support.AuditApi.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithTestResource(value = PostgresAndKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "audit_db"))
class ConsumerRestartTest {

    @Test
    void aBrokerRestartMidStreamLosesAndDuplicatesNothing() throws Exception {
        String tenant = Events.newTenant();
        Instant t0 = Instant.parse("2026-06-01T00:00:00Z");
        List<EventEnvelope> events = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            events.add(Events.tokenEvent(tenant, "updated", "tok-" + (i % 7), t0.plusSeconds(i)));
        }
        List<Future<?>> sent = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = Events.producer()) {
            for (int i = 0; i < 200; i++) {
                sent.add(send(producer, events.get(i)));
            }
            producer.flush();
            // some of the first half are stored, the consumer is mid-stream when the broker goes away
            await().atMost(Duration.ofSeconds(60)).until(() -> !eventIds(tenant, "").isEmpty());
            TestInfrastructure.kafka().stop();
            // the broker comes back a little later; meanwhile producing goes on (send() waits for it)
            CompletableFuture<Void> restarted = CompletableFuture.runAsync(() -> {
                sleep(2000);
                TestInfrastructure.kafka().start();
            });
            for (int i = 200; i < 400; i++) {
                sent.add(send(producer, events.get(i)));
            }
            restarted.get(120, TimeUnit.SECONDS);
            for (Future<?> f : sent) {
                f.get(120, TimeUnit.SECONDS);
            }
        }
        // and a redelivery of part of the stream, as a producer's retry after a lost acknowledgement would do
        Events.send(events.subList(150, 250));

        List<String> expected = new ArrayList<>(events.stream().map(EventEnvelope::id).toList());
        java.util.Collections.reverse(expected);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(allIds(tenant)).hasSize(400));
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(allIds(tenant)).containsExactlyElementsOf(expected));
        assertThat(verify(tenant, "").getBoolean("valid")).isTrue();
        assertThat(verify(tenant, "").getLong("checked")).isEqualTo(400);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Future<?> send(KafkaProducer<String, byte[]> producer, EventEnvelope e) {
        return producer.send(new ProducerRecord<>(e.topic(), null, e.key(), e.data().getBytes(StandardCharsets.UTF_8),
                e.headers()));
    }

    private static List<String> allIds(String tenant) {
        List<String> ids = new ArrayList<>();
        ids.addAll(eventIds(tenant, ""));
        // newest 200 first, then the older ones (occurredAt strictly decreasing by construction)
        if (ids.size() == 200) {
            ids.addAll(eventIds(tenant, "&to=2026-06-01T00:03:20Z"));
        }
        return ids;
    }
}
