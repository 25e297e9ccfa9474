package dev.latchkey.local;

import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.latchkey.local.RunningPlatform.as;
import static dev.latchkey.local.RunningPlatform.asAdmin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;

/**
 * Across processes, as a user would: a token made at token-service (through the gateway) opens
 * accounts-api, which verifies it with the library; revoked or regenerated, it stops working there.
 */
class TokenLifecycleIT {
    static final String ACCOUNTS_API = "http://localhost:8085";

    @BeforeAll
    static void start() throws Exception {
        RunningPlatform.get();
    }

    @Test
    void shouldOpenTheApiWithANewTokenAndCloseItOnceRevoked() throws Exception {
        Response created = createToken(List.of("account:read", "system_user:read"));
        String value = created.path("token");
        String id = created.path("id");

        as(value).get(ACCOUNTS_API + "/api/v1/users/whoami").then().statusCode(200)
                .body("tenant", equalTo(LocalPlatform.TENANT))
                .body("principalType", equalTo("member"))
                .body("credentialId", equalTo(id))
                .body("scopes", hasItem("account:read"));
        as(value).contentType("application/json").body("{}").post(ACCOUNTS_API + "/api/v1/search/accounts")
                .then().statusCode(200);
        // a scope the token does not hold
        as(value).delete(ACCOUNTS_API + "/api/v2/users/account-user/a1/u1").then().statusCode(403);

        // read back: metadata only, never the value
        asAdmin().get("/api/v1/tokens/" + id).then().statusCode(200).body("$", not(hasKey("token")));

        asAdmin().delete("/api/v1/tokens/" + id).then().statusCode(204);

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                as(value).get(ACCOUNTS_API + "/api/v1/users/whoami").then().statusCode(401));
    }

    @Test
    void shouldRetireTheOldValueWhenATokenIsRegenerated() throws Exception {
        Response created = createToken(List.of("system_user:read"));
        String oldValue = created.path("token");
        String id = created.path("id");
        as(oldValue).get(ACCOUNTS_API + "/api/v1/users/whoami").then().statusCode(200);

        String newValue = asAdmin().contentType("application/json").body("{}")
                .post("/api/v1/tokens/" + id + "/regenerate").then().statusCode(200).extract().path("token");

        assertThat(newValue).isNotEqualTo(oldValue).startsWith("lkt_");
        as(newValue).get(ACCOUNTS_API + "/api/v1/users/whoami").then().statusCode(200);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                as(oldValue).get(ACCOUNTS_API + "/api/v1/users/whoami").then().statusCode(401));
    }

    @Test
    void shouldCountUsesSeenByTheApiBackend() throws Exception {
        Response created = createToken(List.of("system_user:read"));
        String value = created.path("token");
        String id = created.path("id");
        for (int i = 0; i < 5; i++) {
            as(value).get(ACCOUNTS_API + "/api/v1/users/whoami").then().statusCode(200);
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Integer uses = asAdmin().get("/api/v1/tokens/" + id).then().statusCode(200).extract().path("useCount");
            assertThat(uses).isGreaterThanOrEqualTo(5);
        });
    }

    @Test
    void shouldRefuseAMadeUpTokenAndACredentialInTheQueryString() {
        given().header("Authorization", "Bearer lkt_thisIsNotARealTokenAtAllButItHasTheRightLen000000")
                .get(ACCOUNTS_API + "/api/v1/users/whoami").then().statusCode(401);
        given().get(ACCOUNTS_API + "/api/v1/users/whoami?access_token=lkt_abc").then().statusCode(400);
    }

    static Response createToken(List<String> scopes) throws Exception {
        // 90 days: beyond every expiry-notice lead time (30, 7, 1 days), so no expiring event joins the trail
        return asAdmin().contentType("application/json")
                .body(Map.of("name", "e2e-" + UUID.randomUUID(), "scopes", scopes, "expiration", "90d"))
                .post("/api/v1/tokens").then().statusCode(201).extract().response();
    }
}
