package dev.latchkey.local;

import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several replicas of one service against one database and one Kafka (what deploy/kubernetes runs): two more
 * token-service and two more oauth-service processes beside the platform's own, with short schedules. No event
 * is published twice, no expiry notice is sent twice, no signing key is rotated twice.
 */
class ReplicasIT {
    static final int TOKEN_A = 9181;
    static final int TOKEN_B = 9182;
    static final Duration ROTATION = Duration.ofSeconds(8);

    @BeforeAll
    static void start() throws Exception {
        LocalPlatform platform = RunningPlatform.get();
        Service tokens = Service.ALL.get(0);
        Service oauth = Service.ALL.get(1);
        List<String> everyTwoSeconds = List.of("-Dlatchkey.token.expiry-notices.every=2s");
        platform.startReplica(tokens, TOKEN_A, everyTwoSeconds);
        platform.startReplica(tokens, TOKEN_B, everyTwoSeconds);
        List<String> fastRotation = List.of("-Dlatchkey.oauth.keys.rotation-period=" + ROTATION.toSeconds() + "S",
                "-Dlatchkey.oauth.keys.reload-interval=1S",
                // each next key signs one period after it appeared: nothing here caches the JWKS for 15 minutes
                "-Dlatchkey.oauth.keys.next-key-lead=0S");
        platform.startReplica(oauth, 9281, fastRotation);
        platform.startReplica(oauth, 9282, fastRotation);
    }

    @Test
    void shouldPublishEachEventOnceAndNotifyEachExpiryOnceAcrossReplicas() throws Exception {
        String admin = RunningPlatform.get().bootstrapAdminToken();
        Set<String> tokenIds = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            int port = i % 2 == 0 ? TOKEN_A : TOKEN_B;
            Map<String, Object> body = new HashMap<>(Map.of("name", "replica-" + UUID.randomUUID(), "scopes", List.of("system_user:read")));
            // every fourth token expires within the shortest lead time (1 day): it is due an expiry notice
            if (i % 4 == 0) {
                body.put("expiresAt", Instant.now().plus(Duration.ofHours(20)).toString());
            } else {
                body.put("expiration", "90d");
            }
            Response created = given().port(port).header("Authorization", "Bearer " + admin).contentType("application/json")
                    .body(body).post("/api/v1/tokens").then().statusCode(201).extract().response();
            tokenIds.add(created.path("id"));
        }

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> records = read("latchkey.token.events", r -> tokenIds.contains(r.key()));
            assertThat(count(records, "latchkey.token.token.created.v1")).isEqualTo(20);
            assertThat(count(records, "latchkey.token.token.expiring.v1")).isEqualTo(5);
        });
        // and nothing more arrives while the replicas keep running their jobs
        Thread.sleep(6000);
        List<ConsumerRecord<String, String>> records = read("latchkey.token.events", r -> tokenIds.contains(r.key()));
        List<String> ids = records.stream().map(r -> header(r, "ce_id")).toList();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(count(records, "latchkey.token.token.created.v1")).isEqualTo(20);
        assertThat(count(records, "latchkey.token.token.expiring.v1")).isEqualTo(5);
        assertThat(records.stream().filter(r -> header(r, "ce_type").endsWith("expiring.v1")).map(r -> r.key()))
                .doesNotHaveDuplicates();
    }

    @Test
    void shouldRotateTheSigningKeyOncePerPeriodAcrossReplicas() throws Exception {
        // a rotation keeps only the current and the previous key: watch which key is current, and since when
        Map<String, Instant> activations = new java.util.LinkedHashMap<>();
        long until = System.nanoTime() + ROTATION.multipliedBy(4).toNanos();
        try (Connection c = RunningPlatform.get().postgres().connect("oauth_db")) {
            while (System.nanoTime() < until) {
                try (ResultSet rs = c.createStatement().executeQuery(
                        "SELECT kid, not_before FROM signing_keys WHERE status = 'current'")) {
                    while (rs.next()) {
                        activations.putIfAbsent(rs.getString(1), rs.getTimestamp(2).toInstant());
                    }
                }
                Thread.sleep(250);
            }
        }
        List<Instant> times = new ArrayList<>(activations.values());
        times.sort(null);
        assertThat(times).as("keys that became current while both replicas ran").hasSizeGreaterThanOrEqualTo(3);
        for (int i = 1; i < times.size(); i++) {
            Duration gap = Duration.between(times.get(i - 1), times.get(i));
            assertThat(gap).as("time between rotation %d and %d", i - 1, i).isGreaterThanOrEqualTo(ROTATION.minusMillis(500));
        }
    }

    private static long count(List<ConsumerRecord<String, String>> records, String type) {
        return records.stream().filter(r -> type.equals(header(r, "ce_type"))).count();
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static List<ConsumerRecord<String, String>> read(String topic, java.util.function.Predicate<ConsumerRecord<String, String>> keep)
            throws Exception {
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RunningPlatform.get().kafkaBootstrapServers()),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, p.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (keep.test(r)) {
                        out.add(r);
                    }
                });
            }
        }
        return out;
    }
}
