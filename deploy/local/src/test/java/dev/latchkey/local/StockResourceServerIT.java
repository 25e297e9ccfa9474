package dev.latchkey.local;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.latchkey.local.RunningPlatform.asAdmin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * A stock resource server — examples/stock-resource-server, plain quarkus-oidc pointed at oauth-service's issuer,
 * no Latchkey code — accepts oauth-service's client-credentials access tokens, maps their {@code scope} to roles,
 * and refuses a tampered token.
 */
class StockResourceServerIT {
    static final int PORT = 8087;
    static final String STOCK = "http://localhost:" + PORT;

    @BeforeAll
    static void start() throws Exception {
        LocalPlatform platform = RunningPlatform.get();
        platform.startReplica(new Service("stock-resource-server", PORT, null, List.of()), PORT, List.of());
    }

    @Test
    void discoveryDocumentIsWhatQuarkusOidcNeeds() {
        JsonPath discovery = given().get("/.well-known/openid-configuration").then().statusCode(200).extract().jsonPath();
        assertThat(discovery.getString("issuer")).isEqualTo("http://localhost:" + LocalPlatform.GATEWAY_PORT);
        assertThat(discovery.getList("id_token_signing_alg_values_supported")).contains("ES256");
        assertThat(discovery.getList("subject_types_supported")).contains("public");
        assertThat(discovery.getList("response_types_supported")).contains("code");
        given().get(discovery.getString("jwks_uri")).then().statusCode(200).body("keys.alg", hasItem("ES256"));
    }

    @Test
    void acceptsTheAccessTokensOfOauthServiceAndChecksTheirScope() throws Exception {
        String adminId = RunningPlatform.get().bootstrapAdminMemberId();
        Response registered = await().atMost(Duration.ofSeconds(30)).until(() -> asAdmin().contentType("application/json")
                .body(Map.of("name", "stock-" + UUID.randomUUID(), "grantType", "client_credentials",
                        "actingMemberId", adminId, "scopes", List.of("account:read", "system_user:read")))
                .post("/api/v1/oauth-apps").then().extract().response(), r -> r.statusCode() == 201);
        String clientId = registered.path("application.clientId");
        String secret = registered.path("clientSecret");
        String accessToken = given().auth().preemptive().basic(clientId, secret).formParam("grant_type", "client_credentials")
                .post("/oauth/token").then().statusCode(200).extract().path("access_token");

        // the token's iss is exactly the discovered issuer (quarkus-oidc compares them)
        String payload = new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(new JsonPath(payload).getString("iss")).isEqualTo("http://localhost:" + LocalPlatform.GATEWAY_PORT);

        given().auth().oauth2(accessToken).get(STOCK + "/stock/items").then().statusCode(200).body("sku", hasItem("LK-001"));
        given().auth().oauth2(accessToken).get(STOCK + "/stock/whoami").then().statusCode(200)
                .body("subject", equalTo(adminId)).body("clientId", equalTo(clientId));
        // a scope the token does not hold
        given().auth().oauth2(accessToken).post(STOCK + "/stock/items").then().statusCode(403);

        // a narrower token: authenticated, but not for items
        String narrow = given().auth().preemptive().basic(clientId, secret).formParam("grant_type", "client_credentials")
                .formParam("scope", "system_user:read").post("/oauth/token").then().statusCode(200).extract().path("access_token");
        given().auth().oauth2(narrow).get(STOCK + "/stock/whoami").then().statusCode(200);
        given().auth().oauth2(narrow).get(STOCK + "/stock/items").then().statusCode(403);

        // tampered: the payload claims another scope, the signature is the original one
        String[] parts = accessToken.split("\\.");
        String forged = new JsonPath(payload).getString("scope").isEmpty() ? payload
                : payload.replace("\"scope\":\"" + new JsonPath(payload).getString("scope") + "\"", "\"scope\":\"account:upsert account:read\"");
        assertThat(forged).isNotEqualTo(payload);
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        given().auth().oauth2(tampered).post(STOCK + "/stock/items").then().statusCode(401);
        given().auth().oauth2(tampered).get(STOCK + "/stock/items").then().statusCode(401);
        // and no token at all
        given().get(STOCK + "/stock/items").then().statusCode(401);
    }
}
