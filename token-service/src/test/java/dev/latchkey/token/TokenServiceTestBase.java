package dev.latchkey.token;

import dev.latchkey.events.EventEnvelope;
import dev.latchkey.events.Topics;
import dev.latchkey.testsupport.TestInfrastructure;
import dev.latchkey.verifier.OpaqueTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Shared helpers: the bootstrap admin, directory events on the real broker, token fixtures, topic reads. */
abstract class TokenServiceTestBase {
    static final String TENANT = "SP-000001-01";
    static final String OTHER_TENANT = "SP-999999-01";

    @Inject
    Pool pool;

    static String admin() {
        return ConfigProvider.getConfig().getValue("latchkey.bootstrap.admin-token", String.class);
    }

    static String adminMemberId() {
        return ConfigProvider.getConfig().getValue("latchkey.bootstrap.admin-member-id", String.class);
    }

    static RequestSpecification as(String credential) {
        return given().auth().oauth2(credential).contentType(ContentType.JSON);
    }

    static RequestSpecification asAdmin() {
        return as(admin());
    }

    static String uniqueId() {
        return UUID.randomUUID().toString();
    }

    // ---------------------------------------------------------------- directory

    void member(String tenant, String id, String role, String status) {
        member(tenant, id, "u-" + id, role, status);
    }

    /** A member event with this userName (what people's upstream tokens are matched by). */
    void member(String tenant, String id, String userName, String role, String status) {
        String data = """
                {"tenant":"%s","actor":{"type":"system","id":"test"},"target":{"type":"member","id":"%s"},
                 "occurredAt":"%s","member":{"id":"%s","userName":"%s","email":"%s@example.com",
                 "displayName":"Test member","role":"%s","status":"%s"}}""".formatted(tenant, id, Instant.now(), id,
                userName, id, role, status);
        publishDirectory(tenant, id, "latchkey.directory.member." + ("active".equals(status) ? "updated" : status) + ".v1", data);
        await().atMost(Duration.ofSeconds(30)).until(() -> status.equals(projected("member", tenant, id)));
    }

    void serviceAccount(String tenant, String id, String status, String... managers) {
        String data = """
                {"tenant":"%s","actor":{"type":"system","id":"test"},"target":{"type":"service_account","id":"%s"},
                 "occurredAt":"%s","serviceAccount":{"id":"%s","name":"sa-%s","description":"test",
                 "managers":[%s],"status":"%s"}}""".formatted(tenant, id, Instant.now(), id, id.substring(0, 8),
                String.join(",", List.of(managers).stream().map(m -> "\"" + m + "\"").toList()), status);
        publishDirectory(tenant, id, "latchkey.directory.service_account." + ("active".equals(status) ? "updated" : status) + ".v1", data);
        await().atMost(Duration.ofSeconds(30)).until(() -> status.equals(projected("service_account", tenant, id)));
    }

    private String projected(String table, String tenant, String id) {
        var rows = pool.preparedQuery("SELECT status FROM " + table + " WHERE tenant = $1 AND id = $2")
                .execute(Tuple.of(tenant, id)).await().atMost(Duration.ofSeconds(5));
        return rows.size() == 0 ? null : rows.iterator().next().getString(0);
    }

    static void publishDirectory(String tenant, String key, String type, String data) {
        EventEnvelope e = new EventEnvelope(UUID.randomUUID().toString(), "/test", type, key, Instant.now(), tenant,
                Topics.DIRECTORY_EVENTS, key, data);
        publish(e);
    }

    static void publish(EventEnvelope e) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(e.topic(), null, e.key(), e.data(), e.headers())).get();
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    // ---------------------------------------------------------------- fixtures

    /** A token written straight into the database (for owners who have no credential of their own here). */
    String tokenFor(String tenant, String ownerType, String ownerId, List<String> scopes, Instant expiresAt) {
        String value = OpaqueTokens.generate(OpaqueTokens.API_TOKEN);
        Instant now = Instant.now();
        pool.preparedQuery("""
                        INSERT INTO token (id, tenant, name, owner_type, owner_id, scopes, visibility, allowed_origins,
                            token_hash, hint, created_at, created_by_type, created_by_id, updated_at, expires_at)
                        VALUES ($1, $2, $3, $4, $5, $6, 'private', '{}', $7, $8, $9, 'system', 'test', $9, $10)""")
                .execute(Tuple.from(new Object[]{UUID.randomUUID(), tenant, "fixture-" + UUID.randomUUID(), ownerType,
                        ownerId, scopes.toArray(String[]::new), OpaqueTokens.sha256(value), OpaqueTokens.hint(value),
                        now.atOffset(ZoneOffset.UTC), expiresAt == null ? null : expiresAt.atOffset(ZoneOffset.UTC)}))
                .await().atMost(Duration.ofSeconds(5));
        return value;
    }

    /** A new active member of {@code tenant} and a token of theirs. */
    String newMemberWithToken(String tenant, String role, String... scopes) {
        String id = uniqueId();
        member(tenant, id, role, "active");
        return tokenFor(tenant, "member", id, List.of(scopes), null);
    }

    // ---------------------------------------------------------------- introspection and topics

    static io.restassured.response.Response introspect(String token) {
        return given().auth().oauth2(admin()).contentType(ContentType.URLENC).formParam("token", token)
                .post("/api/v1/tokens/introspect");
    }

    static List<ConsumerRecord<String, String>> awaitRecords(String topic, Predicate<ConsumerRecord<String, String>> match,
                                                             int atLeast) {
        return TestInfrastructure.kafka().awaitRecords(topic, match, atLeast, Duration.ofSeconds(30));
    }

    static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value());
    }
}
