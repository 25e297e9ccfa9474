package dev.latchkey.local;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.latchkey.local.RunningPlatform.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Across processes: every change made through the services reaches the audit trail through Kafka, with its
 * actor and target, in order, exactly once.
 */
class AuditTrailIT {

    @BeforeAll
    static void start() throws Exception {
        RunningPlatform.get();
    }

    @Test
    void shouldRecordEachChangeOnceInOrderWithActorAndTarget() throws Exception {
        String adminId = RunningPlatform.get().bootstrapAdminMemberId();

        String serviceAccountId = asAdmin().contentType("application/json")
                .body(Map.of("name", "audit-e2e-" + UUID.randomUUID().toString().substring(0, 8), "description", "e2e"))
                .post("/api/v1/service-accounts").then().statusCode(201).extract().path("id");

        Response token = TokenLifecycleIT.createToken(List.of("system_user:read"));
        String tokenId = token.path("id");
        asAdmin().contentType("application/json").body("{}").post("/api/v1/tokens/" + tokenId + "/regenerate")
                .then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asAdmin().contentType("application/json")
                .body(Map.of("serviceAccountId", serviceAccountId))
                .post("/api/v1/tokens/" + tokenId + "/reassign").then().statusCode(200));
        asAdmin().delete("/api/v1/tokens/" + tokenId).then().statusCode(204);

        Response app = await().atMost(Duration.ofSeconds(30)).until(() -> asAdmin().contentType("application/json")
                .body(Map.of("name", "audit-e2e-" + UUID.randomUUID(), "grantType", "client_credentials",
                        "actingMemberId", adminId, "scopes", List.of("system_user:read")))
                .post("/api/v1/oauth-apps").then().extract().response(), r -> r.statusCode() == 201);
        String appId = app.path("application.id");
        asAdmin().delete("/api/v1/oauth-apps/" + appId).then().statusCode(204);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> tokenTypes = typesFor(tokenId);
            assertThat(tokenTypes).containsExactly(
                    "latchkey.token.token.created.v1", "latchkey.token.token.regenerated.v1",
                    "latchkey.token.token.reassigned.v1", "latchkey.token.token.revoked.v1");
            assertThat(typesFor(appId)).containsExactly(
                    "latchkey.oauth.application.created.v1", "latchkey.oauth.application.deleted.v1");
            assertThat(typesFor(serviceAccountId)).containsExactly("latchkey.directory.service_account.created.v1");
        });

        JsonPath created = asAdmin().queryParam("target", tokenId).queryParam("action", "latchkey.token.token.created")
                .get("/api/v2/audit").then().statusCode(200).extract().jsonPath();
        assertThat(created.getString("items[0].actor.type")).isEqualTo("member");
        assertThat(created.getString("items[0].actor.id")).isEqualTo(adminId);
        assertThat(created.getString("items[0].target.type")).isEqualTo("token");
        assertThat(created.getString("items[0].tenant")).isEqualTo(LocalPlatform.TENANT);

        asAdmin().get("/api/v2/audit/verify").then().statusCode(200).body("valid", org.hamcrest.Matchers.equalTo(true));
    }

    /** The event types recorded for one target, oldest first (the API answers newest first). */
    private static List<String> typesFor(String targetId) throws Exception {
        List<String> newestFirst = asAdmin().queryParam("target", targetId).queryParam("limit", "200")
                .get("/api/v2/audit").then().statusCode(200).extract().jsonPath().getList("items.type");
        List<String> oldestFirst = new java.util.ArrayList<>(newestFirst);
        java.util.Collections.reverse(oldestFirst);
        return oldestFirst;
    }
}
