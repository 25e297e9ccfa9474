package dev.latchkey.token;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.events.EventEnvelope;
import dev.latchkey.events.EventJson;
import dev.latchkey.events.Topics;
import dev.latchkey.events.credential.CredentialEvents;
import dev.latchkey.events.credential.CredentialUsageReported;
import dev.latchkey.events.Actor;
import dev.latchkey.events.Target;
import dev.latchkey.testsupport.PostgresAndKafkaResource;
import dev.latchkey.token.service.ExpiryNotices;
import dev.latchkey.verifier.OpaqueTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(value = PostgresAndKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "token_db"))
class TokenEventsTest extends TokenServiceTestBase {

    @Inject
    ExpiryNotices expiryNotices;

    @Test
    void everyChangeIsAnEventOnTheTokenTopicWithoutTheSecret() {
        var created = asAdmin().body(Map.of("name", "evented", "scopes", List.of("account:read"))).post("/api/v1/tokens");
        String id = created.path("id");
        String first = created.path("token");
        asAdmin().body(Map.of("name", "evented-2")).patch("/api/v1/tokens/" + id).then().statusCode(200);
        String second = asAdmin().body(Map.of()).post("/api/v1/tokens/" + id + "/regenerate").path("token");
        asAdmin().delete("/api/v1/tokens/" + id).then().statusCode(204);

        List<ConsumerRecord<String, String>> events = awaitRecords(Topics.TOKEN_EVENTS, r -> id.equals(r.key()), 4);
        assertThat(events).extracting(r -> header(r, "ce_type")).containsExactly(
                "latchkey.token.token.created.v1", "latchkey.token.token.updated.v1",
                "latchkey.token.token.regenerated.v1", "latchkey.token.token.revoked.v1");
        for (ConsumerRecord<String, String> r : events) {
            assertThat(header(r, "ce_tenant")).isEqualTo(TENANT);
            assertThat(r.value()).doesNotContain(first).doesNotContain(second)
                    .doesNotContain(OpaqueTokens.sha256(first)).doesNotContain(OpaqueTokens.sha256(second));
        }
        JsonNode updated = read(events.get(1));
        assertThat(updated.path("changes").get(0).asText()).isEqualTo("name");
        assertThat(updated.path("token").path("name").asText()).isEqualTo("evented-2");
        assertThat(read(events.get(3)).path("token").path("status").asText()).isEqualTo("revoked");

        List<ConsumerRecord<String, String>> revocations = awaitRecords(Topics.CREDENTIAL_REVOCATIONS,
                r -> ("token:" + id).equals(r.key()), 2);
        assertThat(revocations).extracting(r -> read(r).path("reason").asText()).containsExactly("regenerated", "revoked");
        assertThat(read(revocations.get(0)).path("value").asText()).isEqualTo(id);
    }

    @Test
    void reassignmentNamesThePreviousOwner() {
        String sa = uniqueId();
        serviceAccount(TENANT, sa, "active");
        String id = asAdmin().body(Map.of("name", "moving", "scopes", List.of("account:read"))).post("/api/v1/tokens").path("id");
        asAdmin().body(Map.of("serviceAccountId", sa)).post("/api/v1/tokens/" + id + "/reassign").then().statusCode(200);
        ConsumerRecord<String, String> r = awaitRecords(Topics.TOKEN_EVENTS, e -> id.equals(e.key())
                && "latchkey.token.token.reassigned.v1".equals(header(e, "ce_type")), 1).get(0);
        JsonNode data = read(r);
        assertThat(data.path("previousOwner").path("id").asText()).isEqualTo(adminMemberId());
        assertThat(data.path("token").path("ownerId").asText()).isEqualTo(sa);
    }

    @Test
    void usageReportsAreAddedOncePerEvent() {
        var created = asAdmin().body(Map.of("name", "used", "scopes", List.of("account:read"))).post("/api/v1/tokens");
        String id = created.path("id");
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        EventEnvelope report = EventEnvelope.of("/test", CredentialEvents.USAGE_REPORTED, new CredentialUsageReported(
                TENANT, new Actor("member", adminMemberId()), new Target("token", id), at, id, 5, at, "203.0.113.7")).withKey(id);
        publish(report);
        publish(report); // redelivered: same CloudEvents id
        EventEnvelope later = EventEnvelope.of("/test", CredentialEvents.USAGE_REPORTED, new CredentialUsageReported(
                TENANT, new Actor("member", adminMemberId()), new Target("token", id), at, id, 2, at.minusSeconds(60),
                "198.51.100.1")).withKey(id);
        publish(later);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asAdmin().get("/api/v1/tokens/" + id).then()
                .body("useCount", equalTo(7)).body("lastUsedIp", equalTo("203.0.113.7"))
                .body("lastUsedAt", equalTo(at.toString())));
    }

    @Test
    void aReportedLeakRevokesTheTokenAndTheAnswerRevealsNothing() {
        var created = asAdmin().body(Map.of("name", "leaky", "scopes", List.of("account:read"))).post("/api/v1/tokens");
        String id = created.path("id");
        String value = created.path("token");
        String real = given().contentType("application/json").body(List.of(Map.of("token", value, "url", "https://example.com/x")))
                .post("/api/v1/tokens/report-leaked").then().statusCode(202).extract().asString();
        String fake = given().contentType("application/json").body(List.of(Map.of("token", OpaqueTokens.generate("lkt_"))))
                .post("/api/v1/tokens/report-leaked").then().statusCode(202).extract().asString();
        assertThat(real).isEqualTo(fake);
        introspect(value).then().body(equalTo("{\"active\":false}"));
        asAdmin().get("/api/v1/tokens/" + id).then().body("status", equalTo("revoked"));
        awaitRecords(Topics.TOKEN_EVENTS, e -> id.equals(e.key()) && "latchkey.token.token.leaked.v1".equals(header(e, "ce_type")), 1);
    }

    @Test
    void anExpiringTokenIsAnnouncedOncePerLeadTime() {
        String member = uniqueId();
        member(TENANT, member, "member", "active");
        tokenFor(TENANT, "member", member, List.of("account:read"), Instant.now().plus(Duration.ofDays(5)));
        expiryNotices.run().await().atMost(Duration.ofSeconds(30));
        expiryNotices.run().await().atMost(Duration.ofSeconds(30));
        List<ConsumerRecord<String, String>> notices = awaitRecords(Topics.TOKEN_EVENTS,
                e -> "latchkey.token.token.expiring.v1".equals(header(e, "ce_type")) && member.equals(read(e).path("token").path("ownerId").asText()), 1);
        assertThat(notices).hasSize(1);
        assertThat(read(notices.get(0)).path("leadTimeDays").asInt()).isEqualTo(7);
    }

    @Test
    void theAdminInventoryListsEveryTokenAndRevokesInBulk() {
        String member = uniqueId();
        member(TENANT, member, "member", "active");
        String a = tokenFor(TENANT, "member", member, List.of("account:read"), null);
        String b = tokenFor(TENANT, "member", member, List.of("account:read"), null);
        List<String> ids = asAdmin().get("/api/v1/admin/tokens?ownerType=member&ownerId=" + member).then().statusCode(200)
                .extract().jsonPath().getList("items.id");
        assertThat(ids).hasSize(2);
        asAdmin().get("/api/v1/admin/tokens?limit=1&ownerId=" + member).then().body("items.size()", equalTo(1))
                .body("next", org.hamcrest.Matchers.containsString("cursor="));
        asAdmin().body(Map.of("filter", Map.of("ownerId", member))).post("/api/v1/admin/tokens/revoke").then()
                .statusCode(200).body("revoked", equalTo(2));
        introspect(a).then().body(equalTo("{\"active\":false}"));
        introspect(b).then().body(equalTo("{\"active\":false}"));
        String memberToken = newMemberWithToken(TENANT, "member", "token:read", "admin");
        as(memberToken).get("/api/v1/admin/tokens").then().statusCode(403);
        asAdmin().body(Map.of("filter", Map.of())).post("/api/v1/admin/tokens/revoke").then().statusCode(400);
    }

    static JsonNode read(ConsumerRecord<String, String> r) {
        try {
            return EventJson.mapper().readTree(r.value());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
