package dev.latchkey.oauth.support;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Registers applications through the API, as a global admin of tenant A by default. */
public final class Apps {
    private Apps() {
    }

    public record Registered(String id, String clientId, String secret, JsonPath body) {
    }

    public static Registered clientCredentials(String adminToken, String memberId, List<String> scopes) {
        return register(adminToken, Map.of("name", "ci", "grantType", "client_credentials", "actingMemberId", memberId,
                "scopes", scopes, "accessTokenLifetimeSeconds", 3600));
    }

    /** A client-credentials application with mutual TLS: its registration answer carries the certificate and PKCS#12. */
    public static Registered mutualTls(String adminToken, String memberId) {
        return register(adminToken, Map.of("name", "mtls", "grantType", "client_credentials", "actingMemberId", memberId,
                "scopes", List.of("account:read"), "mutualTls", true));
    }

    public static Registered authorizationCode(String adminToken, List<String> redirects, List<String> scopes) {
        return register(adminToken, Map.of("name", "web app", "grantType", "authorization_code",
                "redirectUris", redirects, "scopes", scopes));
    }

    public static Registered register(String adminToken, Map<String, Object> body) {
        JsonPath json = given().header("Authorization", "Bearer " + adminToken).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/oauth-apps")
                .then().statusCode(201).extract().jsonPath();
        return new Registered(json.getString("application.id"), json.getString("application.clientId"),
                json.getString("clientSecret"), json);
    }

    public static void delete(String adminToken, String id) {
        given().header("Authorization", "Bearer " + adminToken).when().delete("/api/v1/oauth-apps/" + id)
                .then().statusCode(204);
    }
}
