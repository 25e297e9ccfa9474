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
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Across processes: an OAuth application registered at oauth-service gets a JWT access token by client
 * credentials; accounts-api verifies it against oauth-service's JWKS; deleting the application revokes it.
 * The acting member is the bootstrap admin, which oauth-service learns from service-account-service's events.
 */
class OAuthClientCredentialsIT {

    @BeforeAll
    static void start() throws Exception {
        RunningPlatform.get();
    }

    @Test
    void shouldAcceptTheApplicationsAccessTokenUntilTheApplicationIsDeleted() throws Exception {
        String adminId = RunningPlatform.get().bootstrapAdminMemberId();
        Response registered = await().atMost(Duration.ofSeconds(30)).until(() -> asAdmin().contentType("application/json")
                .body(Map.of("name", "e2e-" + UUID.randomUUID(), "grantType", "client_credentials",
                        "actingMemberId", adminId, "scopes", List.of("system_user:read", "account:read")))
                .post("/api/v1/oauth-apps").then().extract().response(), r -> r.statusCode() == 201);
        String appId = registered.path("application.id");
        String clientId = registered.path("application.clientId");
        String secret = registered.path("clientSecret");

        String accessToken = given().auth().preemptive().basic(clientId, secret)
                .formParam("grant_type", "client_credentials").formParam("scope", "system_user:read")
                .post("/oauth/token").then().statusCode(200)
                .body("token_type", equalTo("Bearer"))
                .extract().path("access_token");

        as(accessToken).get(TokenLifecycleIT.ACCOUNTS_API + "/api/v1/users/whoami").then().statusCode(200)
                .body("credentialKind", equalTo("jwt"))
                .body("clientId", equalTo(clientId))
                .body("principalId", equalTo(adminId))
                .body("tenant", equalTo(LocalPlatform.TENANT));

        asAdmin().delete("/api/v1/oauth-apps/" + appId).then().statusCode(204);

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                as(accessToken).get(TokenLifecycleIT.ACCOUNTS_API + "/api/v1/users/whoami").then().statusCode(401));
        given().auth().preemptive().basic(clientId, secret).formParam("grant_type", "client_credentials")
                .post("/oauth/token").then().statusCode(401).body("error", equalTo("invalid_client"));
    }
}
