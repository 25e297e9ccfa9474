package dev.latchkey.local;

import dev.latchkey.verifier.OpaqueTokens;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.latchkey.local.RunningPlatform.as;
import static dev.latchkey.local.RunningPlatform.asAdmin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Across processes: every change made through the services reaches the audit trail through Kafka, with its
 * actor, target and HTTP origin, in order, exactly once — also when audit-service crashes in the middle of the
 * stream and when Kafka is restarted under the running services. Failed authentications reach it too.
 */
class AuditTrailIT {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @BeforeAll
    static void start() throws Exception {
        RunningPlatform.get();
    }

    @Test
    void shouldRecordEachChangeOnceInOrderAcrossAnAuditServiceCrashAndAKafkaRestart() throws Exception {
        LocalPlatform platform = RunningPlatform.get();
        String adminId = platform.bootstrapAdminMemberId();

        // through the gateway, which replaces a client's X-Forwarded-For with the address it sees
        String serviceAccountId = asAdmin().header("User-Agent", "audit-it/1.0")
                .header("X-Forwarded-For", "203.0.113.66").contentType("application/json")
                .body(Map.of("name", "audit-e2e-" + UUID.randomUUID().toString().substring(0, 8), "description", "e2e"))
                .post("/api/v1/service-accounts").then().statusCode(201).extract().path("id");
        // straight at token-service from loopback, a trusted proxy: its X-Forwarded-For is the client address;
        // 90 days, beyond every expiry-notice lead time, so no expiring event joins the trail
        Response token = given().baseUri("http://127.0.0.1").port(8081)
                .header("Authorization", "Bearer " + platform.bootstrapAdminToken())
                .header("User-Agent", "audit-it-direct/1.0").header("X-Forwarded-For", "203.0.113.50")
                .contentType("application/json")
                .body(Map.of("name", "e2e-" + UUID.randomUUID(), "scopes", List.of("system_user:read"), "expiration", "90d"))
                .post("/api/v1/tokens").then().statusCode(201).extract().response();
        String tokenId = token.path("id");
        await().atMost(WAIT).untilAsserted(() -> assertThat(typesFor(tokenId)).containsExactly(
                "latchkey.token.token.created.v1"));

        // audit-service dies with a stream of changes going on, and comes back
        platform.stopService("audit-service", true);
        asAdmin().contentType("application/json").body("{}").post("/api/v1/tokens/" + tokenId + "/regenerate")
                .then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asAdmin().contentType("application/json")
                .body(Map.of("serviceAccountId", serviceAccountId))
                .post("/api/v1/tokens/" + tokenId + "/reassign").then().statusCode(200));
        platform.startService("audit-service");

        // oauth-service learns the acting member from directory events: register once it knows it
        Response registered = await().atMost(WAIT).until(() -> asAdmin().contentType("application/json")
                .body(Map.of("name", "audit-e2e-" + UUID.randomUUID(), "grantType", "client_credentials",
                        "actingMemberId", adminId, "scopes", List.of("system_user:read")))
                .post("/api/v1/oauth-apps").then().extract().response(), r -> r.statusCode() == 201);
        String appId = registered.path("application.id");

        // Kafka restarts under the running services: the changes made meanwhile succeed and arrive later
        platform.kafka().stop();
        try {
            asAdmin().delete("/api/v1/tokens/" + tokenId).then().statusCode(204);
            asAdmin().delete("/api/v1/oauth-apps/" + appId).then().statusCode(204);
        } finally {
            platform.kafka().start();
        }

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(typesFor(tokenId)).containsExactly(
                    "latchkey.token.token.created.v1", "latchkey.token.token.regenerated.v1",
                    "latchkey.token.token.reassigned.v1", "latchkey.token.token.revoked.v1");
            assertThat(typesFor(appId)).containsExactly(
                    "latchkey.oauth.application.created.v1", "latchkey.oauth.application.deleted.v1");
            assertThat(typesFor(serviceAccountId)).containsExactly("latchkey.directory.service_account.created.v1");
        });

        JsonPath created = audit(Map.of("target", tokenId, "action", "latchkey.token.token.created"));
        assertThat(created.getString("items[0].actor.type")).isEqualTo("member");
        assertThat(created.getString("items[0].actor.id")).isEqualTo(adminId);
        assertThat(created.getString("items[0].target.type")).isEqualTo("token");
        assertThat(created.getString("items[0].tenant")).isEqualTo(LocalPlatform.TENANT);
        assertThat(created.getString("items[0].clientIp")).isEqualTo("203.0.113.50");
        assertThat(created.getString("items[0].userAgent")).isEqualTo("audit-it-direct/1.0");
        JsonPath account = audit(Map.of("target", serviceAccountId));
        assertThat(account.getString("items[0].actor.id")).isEqualTo(adminId);
        assertThat(account.getString("items[0].target.type")).isEqualTo("service_account");
        assertThat(account.getString("items[0].clientIp")).as("the gateway's view, not the forged header")
                .isEqualTo("127.0.0.1");
        assertThat(account.getString("items[0].userAgent")).isEqualTo("audit-it/1.0");
        JsonPath app = audit(Map.of("target", appId, "action", "latchkey.oauth.application.deleted"));
        assertThat(app.getString("items[0].actor.id")).isEqualTo(adminId);
        assertThat(app.getString("items[0].target.type")).isEqualTo("oauth_application");

        // the installation's first tenant was created by the start-up bootstrap, not through HTTP
        JsonPath bootstrap = audit(Map.of("action", "latchkey.directory.tenant.created", "target", LocalPlatform.TENANT));
        assertThat(bootstrap.getList("items")).hasSize(1);
        assertThat(bootstrap.getString("items[0].clientIp")).isNull();
        assertThat(bootstrap.getString("items[0].userAgent")).isNull();

        asAdmin().get("/api/v2/audit/verify").then().statusCode(200).body("valid", org.hamcrest.Matchers.equalTo(true));
    }

    @Test
    void shouldRecordFailedAuthenticationsWithoutTheCredential() throws Exception {
        Response token = TokenLifecycleIT.createToken(List.of("system_user:read"));
        String tokenId = token.path("id");
        String value = token.path("token");
        // authenticated, but without token:read
        as(value).get("/api/v1/tokens").then().statusCode(403);
        String good = OpaqueTokens.generate(OpaqueTokens.API_TOKEN);
        String madeUp = good.substring(0, good.length() - 1) + (good.endsWith("A") ? "B" : "A");
        as(madeUp).header("User-Agent", "scanner/0.1").get("/api/v1/tokens").then().statusCode(401);

        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath refused = audit(Map.of("action", "latchkey.authentication.", "target", tokenId));
            assertThat(refused.getList("items")).isNotEmpty();
            assertThat(refused.getString("items[0].data.reason")).isEqualTo("insufficient_scope");
            assertThat(refused.getString("items[0].actor.id")).isEqualTo(RunningPlatform.get().bootstrapAdminMemberId());
            assertThat(refused.getString("items[0].clientIp")).isEqualTo("127.0.0.1");
        });
        String hint = OpaqueTokens.hint(madeUp);
        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath anonymous = audit(Map.of("action", "latchkey.authentication.", "target", hint));
            assertThat(anonymous.getList("items")).isNotEmpty();
            assertThat(anonymous.getString("items[0].actor.type")).isEqualTo("anonymous");
            assertThat(anonymous.getString("items[0].data.reason")).isEqualTo("bad_checksum");
        });
        String all = asAdmin().queryParam("action", "latchkey.authentication.").queryParam("limit", "200")
                .get("/api/v2/audit").then().statusCode(200).extract().asString();
        assertThat(all).doesNotContain(value.substring(6, 40)).doesNotContain(madeUp.substring(6, 40));
    }

    private static JsonPath audit(Map<String, String> query) throws Exception {
        return asAdmin().queryParams(query).queryParam("limit", "200").get("/api/v2/audit")
                .then().statusCode(200).extract().jsonPath();
    }

    /** The event types recorded for one target, oldest first (the API answers newest first). */
    private static List<String> typesFor(String targetId) throws Exception {
        List<String> oldestFirst = new ArrayList<>(audit(Map.of("target", targetId)).getList("items.type"));
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }
}
