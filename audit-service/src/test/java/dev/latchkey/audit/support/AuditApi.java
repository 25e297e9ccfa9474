package dev.latchkey.audit.support;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;

/** The audit API as a test calls it, with a fresh audit:read credential of the tenant. */
public final class AuditApi {
    public static final Duration WAIT = Duration.ofSeconds(60);

    public static Response list(String tenant, String query) {
        return given().auth().oauth2(TestCredentials.auditReader(tenant)).get("/api/v2/audit?limit=200" + query)
                .then().statusCode(200).extract().response();
    }

    public static List<String> eventIds(String tenant, String query) {
        return list(tenant, query).jsonPath().getList("items.id");
    }

    public static JsonPath verify(String tenant, String query) {
        return given().auth().oauth2(TestCredentials.auditReader(tenant)).get("/api/v2/audit/verify" + query)
                .then().statusCode(200).extract().jsonPath();
    }

    private AuditApi() {
    }
}
