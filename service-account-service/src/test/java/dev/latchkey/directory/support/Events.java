package dev.latchkey.directory.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.events.Actor;
import dev.latchkey.events.EventEnvelope;
import dev.latchkey.events.EventJson;
import dev.latchkey.events.Target;
import dev.latchkey.events.token.TokenCreated;
import dev.latchkey.events.token.TokenEvents;
import dev.latchkey.events.token.TokenInfo;
import dev.latchkey.events.token.TokenRevoked;
import dev.latchkey.testsupport.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** Real Kafka in tests: publish token events as token-service would, read what this service published. */
public final class Events {
    private Events() {
    }

    /** A token of this owner, as token-service announces it ({@code active} or {@code revoked}). */
    public static String publishToken(String tenant, String tokenId, String ownerType, String ownerId, String status) {
        Instant now = Instant.now();
        TokenInfo info = new TokenInfo(tokenId, "test-token", ownerType, ownerId, List.of("account:read"), "private",
                List.of(), null, status);
        Actor actor = new Actor(ownerType, ownerId);
        Target target = new Target("token", tokenId);
        EventEnvelope e = TokenInfo.ACTIVE.equals(status)
                ? EventEnvelope.of("/token-service", TokenEvents.CREATED, new TokenCreated(tenant, actor, target, now, info))
                : EventEnvelope.of("/token-service", TokenEvents.REVOKED,
                        new TokenRevoked(tenant, actor, target, now, info, "revoked"));
        publish(e);
        return tokenId;
    }

    public static void publish(EventEnvelope e) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", TestInfrastructure.kafka().bootstrapServers(),
                "key.serializer", StringSerializer.class.getName(),
                "value.serializer", StringSerializer.class.getName()))) {
            ProducerRecord<String, String> record = new ProducerRecord<>(e.topic(), null, e.key(), e.data(), e.headers());
            producer.send(record).get();
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    public static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    public static JsonNode data(ConsumerRecord<String, String> r) {
        try {
            return EventJson.mapper().readTree(r.value());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the topic from the beginning until at least {@code atLeast} records match. */
    public static List<ConsumerRecord<String, String>> awaitRecords(String topic,
                                                                    Predicate<ConsumerRecord<String, String>> match,
                                                                    int atLeast) {
        return TestInfrastructure.kafka().awaitRecords(topic, match, atLeast, Duration.ofSeconds(60));
    }

    /** Records of one CloudEvents type keyed by this aggregate id. */
    public static Predicate<ConsumerRecord<String, String>> ofType(String type, String key) {
        return r -> key.equals(r.key()) && type.equals(header(r, "ce_type"));
    }

    /**
     * Waits until this service has projected these tokens (its consumer may still be joining its group): a removal
     * attempted before that would see no live token and succeed.
     */
    public static void awaitProjected(String... tokenIds) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (String id : tokenIds) {
                if (projectedTokens(id) != 1) {
                    return false;
                }
            }
            return true;
        });
    }

    /** Rows of the token ownership projection for this token (0 or 1). */
    public static int projectedTokens(String tokenId) throws Exception {
        try (var c = TestInfrastructure.postgres().connect("service_account_db");
             var ps = c.prepareStatement("SELECT count(*) FROM owner_tokens WHERE token_id = ?")) {
            ps.setString(1, tokenId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
