package dev.latchkey.audit.rest;

import dev.latchkey.audit.event.DeadLetterPublisher;
import dev.latchkey.audit.support.AuditApi;
import dev.latchkey.audit.support.Events;
import dev.latchkey.audit.support.TestCredentials;
import dev.latchkey.events.CloudEventHeaders;
import dev.latchkey.events.EventEnvelope;
import dev.latchkey.events.Topics;
import dev.latchkey.testsupport.PostgresAndKafkaResource;
import dev.latchkey.testsupport.TestInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static dev.latchkey.audit.support.AuditApi.WAIT;
import static dev.latchkey.audit.support.AuditApi.eventIds;
import static dev.latchkey.audit.support.AuditApi.list;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(value = PostgresAndKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "audit_db"))
class AuditTrailTest {

    @Test
    void eventsFromEveryTopicAppearOnceNewestFirstEvenWhenDeliveredTwice() {
        String tenant = Events.newTenant();
        Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
        EventEnvelope created = Events.tokenEvent(tenant, "created", "tok-1", t0);
        EventEnvelope regenerated = Events.tokenEvent(tenant, "regenerated", "tok-1", t0.plusSeconds(1));
        EventEnvelope app = Events.event(Topics.OAUTH_EVENTS, "latchkey.oauth.application.created.v1", tenant, "m-2",
                "oauth_app", "app-1", t0.plusSeconds(2), "");
        EventEnvelope account = Events.event(Topics.DIRECTORY_EVENTS, "latchkey.directory.service_account.created.v1",
                tenant, "m-1", "service_account", "sa-1", t0.plusSeconds(3),
                "\"serviceAccount\":{\"id\":\"sa-1\",\"name\":\"deployer\",\"status\":\"active\"}");
        EventEnvelope revoked = Events.tokenEvent(tenant, "revoked", "tok-1", t0.plusSeconds(4));

        Events.send(created, regenerated, app, regenerated, account, revoked, created);

        List<String> ids = List.of(revoked.id(), account.id(), app.id(), regenerated.id(), created.id());
        await().atMost(WAIT).untilAsserted(() -> assertThat(eventIds(tenant, "")).containsExactlyElementsOf(ids));

        JsonPath first = list(tenant, "").jsonPath();
        assertThat(first.getString("items[0].type")).isEqualTo("latchkey.token.token.revoked.v1");
        assertThat(first.getString("items[0].actor.type")).isEqualTo("member");
        assertThat(first.getString("items[0].actor.id")).isEqualTo("m-1");
        assertThat(first.getString("items[0].target.type")).isEqualTo("token");
        assertThat(first.getString("items[0].target.id")).isEqualTo("tok-1");
        assertThat(first.getString("items[0].tenant")).isEqualTo(tenant);
        assertThat(first.getString("items[0].source")).isEqualTo("/latchkey/test");
        assertThat(first.getString("items[0].occurredAt")).isEqualTo("2026-03-01T10:00:04Z");
        assertThat(first.getString("items[0].data.token.name")).isEqualTo("ci");
        assertThat(first.getString("items[2].target.type")).isEqualTo("oauth_app");

        // a redelivery long after the first delivery is still not a second record
        Events.send(app);
        Events.send(Events.tokenEvent(tenant, "updated", "tok-2", t0.plusSeconds(5)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(eventIds(tenant, "")).hasSize(6));
        assertThat(eventIds(tenant, "")).doesNotHaveDuplicates();
    }

    @Test
    void filtersByActorActionPrefixTargetAndTimeAndPagesWithACursor() {
        String tenant = Events.newTenant();
        Instant t0 = Instant.parse("2026-04-01T00:00:00Z");
        List<EventEnvelope> events = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            events.add(Events.tokenEvent(tenant, "updated", "tok-" + (i % 2), t0.plus(i, ChronoUnit.HOURS)));
        }
        events.add(Events.event(Topics.DIRECTORY_EVENTS, "latchkey.directory.member.created.v1", tenant, "admin-9",
                "member", "m-5", t0.plus(8, ChronoUnit.HOURS),
                "\"member\":{\"id\":\"m-5\",\"userName\":\"ada\",\"displayName\":\"Ada L.\",\"role\":\"member\",\"status\":\"active\"}"));
        Events.send(events);
        await().atMost(WAIT).untilAsserted(() -> assertThat(eventIds(tenant, "")).hasSize(8));

        assertThat(eventIds(tenant, "&actor=admin-9")).containsExactly(events.get(7).id());
        assertThat(eventIds(tenant, "&action=latchkey.directory.")).containsExactly(events.get(7).id());
        assertThat(eventIds(tenant, "&action=latchkey.token.token.updated")).hasSize(7);
        assertThat(eventIds(tenant, "&target=tok-1&targetType=token"))
                .containsExactly(events.get(5).id(), events.get(3).id(), events.get(1).id());
        assertThat(eventIds(tenant, "&from=2026-04-01T02:00:00Z&to=2026-04-01T04:00:00Z"))
                .containsExactly(events.get(3).id(), events.get(2).id());

        List<String> paged = new ArrayList<>();
        String url = "/api/v2/audit?limit=3";
        while (url != null) {
            JsonPath page = given().auth().oauth2(TestCredentials.auditReader(tenant)).get(url)
                    .then().statusCode(200).extract().jsonPath();
            paged.addAll(page.getList("items.id"));
            url = page.getString("next");
            if (url != null) {
                assertThat(url).contains("cursor=").contains("limit=3");
                url = url.substring(url.indexOf("/api/v2/audit"));
            }
        }
        assertThat(paged).containsExactlyElementsOf(eventIds(tenant, ""));
    }

    @Test
    void anotherTenantsRecordsAreNeverShown() {
        String mine = Events.newTenant();
        String theirs = Events.newTenant();
        EventEnvelope their = Events.tokenEvent(theirs, "created", "tok-x", Instant.now());
        EventEnvelope my = Events.tokenEvent(mine, "created", "tok-y", Instant.now());
        Events.send(their, my);
        await().atMost(WAIT).untilAsserted(() -> assertThat(eventIds(mine, "")).containsExactly(my.id()));
        assertThat(eventIds(mine, "&target=tok-x")).isEmpty();
    }

    @Test
    void readingTheTrailNeedsTheAuditReadScope() {
        String tenant = Events.newTenant();
        given().get("/api/v2/audit").then().statusCode(401);
        given().auth().oauth2(TestCredentials.token(tenant, "token:all", "member:read")).get("/api/v2/audit")
                .then().statusCode(403).header("WWW-Authenticate", containsString("audit:read"));
        given().auth().oauth2(TestCredentials.token(tenant, "token:all")).get("/api/v2/audit/verify")
                .then().statusCode(403);
        given().auth().oauth2(TestCredentials.token(tenant, "admin")).get("/api/v2/audit").then().statusCode(200);
    }

    @Test
    void badQueryParametersAnswerProblemsNamingTheField() {
        String token = TestCredentials.auditReader(Events.newTenant());
        given().auth().oauth2(token).get("/api/v2/audit?limit=500&from=yesterday&cursor=nope")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItems("limit", "from", "cursor"));
        given().auth().oauth2(token).get("/api/v2/audit/export?format=xml")
                .then().statusCode(400).body("errors[0].field", equalTo("format"));
    }

    @Test
    void aPoisonMessageGoesToTheDeadLetterTopicWithItsReasonAndTheNextEventStillArrives() {
        String tenant = Events.newTenant();
        String key = "poison-" + UUID.randomUUID();
        Events.sendRaw(Topics.TOKEN_EVENTS, key, "{\"hello\":1}".getBytes(StandardCharsets.UTF_8), List.of());
        EventEnvelope good = Events.tokenEvent(tenant, "created", "tok-1", Instant.now());
        List<Header> unparsable = new ArrayList<>(good.withKey(key).headers());
        unparsable.removeIf(h -> h.key().equals(CloudEventHeaders.ID));
        unparsable.add(new RecordHeader(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8)));
        Events.sendRaw(Topics.OAUTH_EVENTS, key, "{not json".getBytes(StandardCharsets.UTF_8), unparsable);
        EventEnvelope noTenant = new EventEnvelope(UUID.randomUUID().toString(), "/latchkey/test",
                "latchkey.directory.member.created.v1", "m-1", Instant.now(), null, Topics.DIRECTORY_EVENTS, key,
                "{\"actor\":{\"type\":\"system\",\"id\":\"x\"}}");
        Events.send(noTenant);
        Events.send(good);

        await().atMost(WAIT).untilAsserted(() -> assertThat(eventIds(tenant, "")).containsExactly(good.id()));
        Map<String, String> reasons = deadLetterReasons(key, 3);
        assertThat(reasons.get(Topics.TOKEN_EVENTS)).contains("ce_id");
        assertThat(reasons.get(Topics.OAUTH_EVENTS)).contains("not JSON");
        assertThat(reasons.get(Topics.DIRECTORY_EVENTS)).contains("tenant");

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("latchkey_audit_dead_letters_total{reason=\"not_a_cloudevent\"}")
                .contains("latchkey_audit_dead_letters_total{reason=\"invalid_json\"}")
                .contains("latchkey_audit_dead_letters_total{reason=\"no_tenant\"}");
    }

    @Test
    void fieldsNamedLikeSecretsAndCredentialShapedValuesAreNeverStored() {
        String tenant = Events.newTenant();
        String leaked = "lkt_" + "A".repeat(49);
        EventEnvelope e = Events.event(Topics.OAUTH_EVENTS, "latchkey.oauth.application.secret_rotated.v1", tenant,
                "m-1", "oauth_app", "app-1", Instant.now(),
                "\"application\":{\"id\":\"app-1\",\"clientSecret\":\"s3cr3t\",\"secret_hash\":\"abc\",\"name\":\"ci\"},"
                        + "\"previousSecretValidUntil\":\"2026-01-01T00:00:00Z\",\"note\":\"" + leaked + "\","
                        + "\"password\":\"x\",\"tags\":[\"ok\",\"" + leaked + "\"]");
        Events.send(e);
        await().atMost(WAIT).untilAsserted(() -> assertThat(eventIds(tenant, "")).containsExactly(e.id()));

        String body = list(tenant, "").asString();
        assertThat(body).doesNotContain("s3cr3t").doesNotContain("secret_hash").doesNotContain(leaked)
                .doesNotContain("password").contains("previousSecretValidUntil").contains("\"name\":\"ci\"");
        JsonPath json = list(tenant, "").jsonPath();
        assertThat(json.getList("items[0].data.tags")).containsExactly("ok");
    }

    @Test
    void actorsAreNamedAsTheDirectoryLastDescribedThem() {
        String tenant = Events.newTenant();
        Instant t0 = Instant.now();
        EventEnvelope member = Events.event(Topics.DIRECTORY_EVENTS, "latchkey.directory.member.created.v1", tenant,
                "admin-1", "member", "m-77", t0,
                "\"member\":{\"id\":\"m-77\",\"userName\":\"grace\",\"displayName\":\"Grace H.\",\"role\":\"member\",\"status\":\"active\"}");
        Events.send(member);
        await().atMost(WAIT).untilAsserted(() -> assertThat(eventIds(tenant, "")).hasSize(1));
        EventEnvelope byMember = Events.event(Topics.TOKEN_EVENTS, "latchkey.token.token.created.v1", tenant, "m-77",
                "token", "tok-7", t0.plusSeconds(1), "");
        Events.send(byMember);
        await().atMost(WAIT).untilAsserted(() -> assertThat(eventIds(tenant, "")).hasSize(2));
        assertThat(list(tenant, "&actor=m-77").jsonPath().getString("items[0].actor.name")).isEqualTo("Grace H.");
    }

    @Test
    void exportStreamsNdjsonAndCsvOldestFirst() {
        String tenant = Events.newTenant();
        Instant t0 = Instant.parse("2026-05-01T00:00:00Z");
        List<EventEnvelope> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            // target id  tok,"<i>  (JSON-escaped here): CSV must quote it
            events.add(Events.tokenEvent(tenant, "updated", "tok,\\\"" + i, t0.plusSeconds(i)));
        }
        Events.send(events);
        await().atMost(WAIT).untilAsserted(() -> assertThat(eventIds(tenant, "")).hasSize(5));
        String token = TestCredentials.auditReader(tenant);

        String ndjson = given().auth().oauth2(token).get("/api/v2/audit/export?format=ndjson&from=2026-05-01T00:00:01Z")
                .then().statusCode(200).header("Content-Type", containsString("application/x-ndjson"))
                .extract().asString();
        List<String> lines = ndjson.lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(JsonPath.from(lines.get(0)).getString("id")).isEqualTo(events.get(1).id());
        assertThat(JsonPath.from(lines.get(3)).getString("id")).isEqualTo(events.get(4).id());

        String csv = given().auth().oauth2(token).get("/api/v2/audit/export?format=csv")
                .then().statusCode(200).header("Content-Type", containsString("text/csv"))
                .header("Content-Disposition", containsString(".csv"))
                .extract().asString();
        List<String> rows = csv.lines().toList();
        assertThat(rows).hasSize(6);
        assertThat(rows.get(0)).startsWith("seq,id,type");
        assertThat(rows.get(1)).contains(events.get(0).id()).contains("\"tok,\"\"0\"");
    }

    @Test
    void theHttpOriginOfAChangeIsStoredAndShownInTheListAndTheExports() {
        String tenant = Events.newTenant();
        Instant t0 = Instant.parse("2026-05-02T00:00:00Z");
        EventEnvelope throughHttp = Events.tokenEvent(tenant, "created", "tok-http", t0)
                .withOrigin("203.0.113.7", "latchkey-cli/1.4 (linux)");
        EventEnvelope byAJob = Events.tokenEvent(tenant, "expiring", "tok-http", t0.plusSeconds(1));
        Events.send(throughHttp, byAJob);
        await().atMost(WAIT).untilAsserted(() -> assertThat(eventIds(tenant, "")).hasSize(2));

        JsonPath items = list(tenant, "").jsonPath();
        assertThat(items.getString("items[1].id")).isEqualTo(throughHttp.id());
        assertThat(items.getString("items[1].clientIp")).isEqualTo("203.0.113.7");
        assertThat(items.getString("items[1].userAgent")).isEqualTo("latchkey-cli/1.4 (linux)");
        assertThat(items.getString("items[0].clientIp")).isNull();
        assertThat(items.getString("items[0].userAgent")).isNull();

        String token = TestCredentials.auditReader(tenant);
        List<String> ndjson = given().auth().oauth2(token).get("/api/v2/audit/export?format=ndjson")
                .then().statusCode(200).extract().asString().lines().toList();
        assertThat(JsonPath.from(ndjson.get(0)).getString("clientIp")).isEqualTo("203.0.113.7");
        assertThat(JsonPath.from(ndjson.get(0)).getString("userAgent")).isEqualTo("latchkey-cli/1.4 (linux)");
        List<String> csv = given().auth().oauth2(token).get("/api/v2/audit/export?format=csv")
                .then().statusCode(200).extract().asString().lines().toList();
        assertThat(csv.get(0)).contains("client_ip,user_agent");
        assertThat(csv.get(1)).contains(",203.0.113.7,latchkey-cli/1.4 (linux),");

        assertThat(AuditApi.verify(tenant, "").getBoolean("valid")).as("origin is covered by the chain").isTrue();
    }

    @Test
    void failedAuthenticationsAreInTheTrailOfTheirTenantOrElseOfThePlatformOperator() {
        String tenant = Events.newTenant();
        String tokenId = "tok-" + UUID.randomUUID();
        String expired = TestCredentials.expiredToken(tenant, tokenId);
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(expired).get("/api/v2/audit").then().statusCode(401);
        }
        String good = TestCredentials.auditReader("SP-000001-01");
        String madeUp = good.substring(0, good.length() - 1) + (good.endsWith("A") ? "B" : "A");
        given().auth().oauth2(madeUp).get("/api/v2/audit").then().statusCode(401);

        // this service's own verifier reported them (libs/token-verifier), through Kafka, into its own trail
        await().atMost(WAIT).untilAsserted(() -> {
            List<Map<String, Object>> items = list(tenant, "&action=latchkey.authentication.").jsonPath().getList("items");
            assertThat(items).isNotEmpty();
            assertThat(items.stream().mapToInt(i -> (Integer) ((Map<?, ?>) i.get("data")).get("count")).sum())
                    .as("three refusals, aggregated per interval").isEqualTo(3);
        });
        JsonPath refused = list(tenant, "&action=latchkey.authentication.").jsonPath();
        assertThat(refused.getString("items[0].type")).isEqualTo("latchkey.authentication.credential.refused.v1");
        assertThat(refused.getString("items[0].actor.type")).isEqualTo("member");
        assertThat(refused.getString("items[0].actor.id")).isEqualTo("admin-of-" + tenant);
        assertThat(refused.getString("items[0].target.type")).isEqualTo("token");
        assertThat(refused.getString("items[0].target.id")).isEqualTo(tokenId);
        assertThat(refused.getString("items[0].data.reason")).isEqualTo("expired");
        assertThat(refused.getString("items[0].clientIp")).isEqualTo("127.0.0.1");
        assertThat(refused.getString("items[0].source")).isEqualTo("/latchkey/verifier/audit-service");

        String hint = dev.latchkey.verifier.OpaqueTokens.hint(madeUp);
        await().atMost(WAIT).untilAsserted(() -> assertThat(
                list("SP-000001-01", "&action=latchkey.authentication.&target=" + hint).jsonPath().getList("items"))
                .isNotEmpty());
        JsonPath anonymous = list("SP-000001-01", "&action=latchkey.authentication.&target=" + hint).jsonPath();
        assertThat(anonymous.getString("items[0].actor.type")).isEqualTo("anonymous");
        assertThat(anonymous.getString("items[0].data.reason")).isEqualTo("bad_checksum");
        assertThat(anonymous.getString("items[0].data.tenant")).as("not attributed, only filed there").isNull();
        assertThat(String.valueOf(anonymous.getMap("items[0].data"))).doesNotContain(madeUp.substring(6, 40));
    }

    static Map<String, String> deadLetterReasons(String key, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafka().bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, String> reasons = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.AUDIT_DEAD_LETTER));
            await().atMost(WAIT).until(() -> {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(r.key())) {
                        reasons.put(header(r, DeadLetterPublisher.TOPIC_HEADER), header(r, DeadLetterPublisher.REASON_HEADER));
                    }
                }
                return reasons.size() >= expected;
            });
        }
        return reasons;
    }

    static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

}
