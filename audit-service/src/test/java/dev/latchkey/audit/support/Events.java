package dev.latchkey.audit.support;

import dev.latchkey.events.EventEnvelope;
import dev.latchkey.events.Topics;
import dev.latchkey.testsupport.TestInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Produces CloudEvents (libs/events' own envelope and headers) and raw records to the real test broker. */
public final class Events {
    private static final AtomicInteger TENANTS = new AtomicInteger((int) (System.nanoTime() % 100000));

    /** A tenant no other test uses. */
    public static String newTenant() {
        return "SP-" + (700000 + TENANTS.incrementAndGet()) + "-01";
    }

    /** Event data with the common fields of DESIGN.md §7 plus {@code extra} (a JSON object body, or ""). */
    public static EventEnvelope event(String topic, String type, String tenant, String actorId, String targetType,
                                      String targetId, Instant occurredAt, String extra) {
        String data = """
                {"tenant":"%s","actor":{"type":"member","id":"%s"},"target":{"type":"%s","id":"%s"},"occurredAt":"%s"%s}"""
                .formatted(tenant, actorId, targetType, targetId, occurredAt, extra.isEmpty() ? "" : "," + extra);
        return new EventEnvelope(UUID.randomUUID().toString(), "/latchkey/test", type, targetId, occurredAt, tenant,
                topic, targetId, data);
    }

    public static EventEnvelope tokenEvent(String tenant, String verb, String tokenId, Instant occurredAt) {
        return event(Topics.TOKEN_EVENTS, "latchkey.token.token." + verb + ".v1", tenant, "m-1", "token", tokenId,
                occurredAt, "\"token\":{\"id\":\"" + tokenId + "\",\"name\":\"ci\"}");
    }

    public static void send(EventEnvelope... events) {
        send(List.of(events));
    }

    public static void send(List<EventEnvelope> events) {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (EventEnvelope e : events) {
                producer.send(new ProducerRecord<>(e.topic(), null, e.key(), e.data().getBytes(StandardCharsets.UTF_8),
                        e.headers()));
            }
            producer.flush();
        }
    }

    public static void sendRaw(String topic, String key, byte[] value, List<Header> headers) {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(topic, null, key, value, headers)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafka().bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    private Events() {
    }
}
