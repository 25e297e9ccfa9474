package dev.latchkey.oauth.support;

import dev.latchkey.testsupport.TestInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Feeds the directory projection: directly (test set-up) or as real events on latchkey.directory.events. */
public final class Directory {
    private Directory() {
    }

    /** Set-up: a member (and the tenant, with an optional app limit) as if the projection had seen them. */
    public static void seedMember(String tenant, String memberId, String role, String status) {
        seedMember(tenant, memberId, null, role, status);
    }

    /** With the userName a person signing in through the upstream provider is matched by. */
    public static void seedMember(String tenant, String memberId, String userName, String role, String status) {
        sql("INSERT INTO members (tenant, id, user_name, role, status) VALUES (?, ?, ?, ?, ?) "
                + "ON CONFLICT (tenant, id) DO UPDATE SET user_name = COALESCE(excluded.user_name, members.user_name), "
                + "role = excluded.role, status = excluded.status", tenant, memberId, userName, role, status);
    }

    public static void seedTenantLimit(String tenant, Integer limit) {
        sql("INSERT INTO tenant_limits (tenant, status, oauth_applications) VALUES (?, 'active', ?) "
                + "ON CONFLICT (tenant) DO UPDATE SET oauth_applications = excluded.oauth_applications", tenant, limit);
    }

    public static void sql(String statement, Object... args) {
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static Connection connection() throws Exception {
        String url = org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        String user = org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class);
        return DriverManager.getConnection(url, user, "");
    }

    /** Publishes a member event as service-account-service would. */
    public static void publishMember(String verb, String tenant, String memberId, String role, String status) {
        publishMember(verb, tenant, memberId, "u@example.com", role, status);
    }

    public static void publishMember(String verb, String tenant, String memberId, String userName, String role, String status) {
        String data = """
                {"tenant":"%s","actor":{"type":"member","id":"admin"},"target":{"type":"member","id":"%s"},
                 "occurredAt":"%s","member":{"id":"%s","userName":"%s","email":"%s","displayName":"U",
                 "role":"%s","status":"%s"}}""".formatted(tenant, memberId, Instant.now(), memberId, userName, userName,
                role, status);
        publish("latchkey.directory.member." + verb + ".v1", tenant, memberId, data);
    }

    public static void publish(String type, String tenant, String key, String data) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", TestInfrastructure.kafka().bootstrapServers(),
                "key.serializer", StringSerializer.class.getName(),
                "value.serializer", StringSerializer.class.getName()))) {
            ProducerRecord<String, String> record = new ProducerRecord<>("latchkey.directory.events", key, data);
            header(record, "ce_specversion", "1.0");
            header(record, "ce_id", UUID.randomUUID().toString());
            header(record, "ce_source", "/service-account-service");
            header(record, "ce_type", type);
            header(record, "ce_time", Instant.now().toString());
            header(record, "ce_tenant", tenant);
            header(record, "content-type", "application/json");
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void header(ProducerRecord<String, String> r, String k, String v) {
        r.headers().add(new RecordHeader(k, v.getBytes(StandardCharsets.UTF_8)));
    }
}
