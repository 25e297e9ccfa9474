package dev.latchkey.oauth.rest;

import dev.latchkey.oauth.support.Apps;
import dev.latchkey.oauth.support.Directory;
import dev.latchkey.testsupport.PostgresAndKafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.latchkey.oauth.support.TestCredentials.ADMIN_A;
import static dev.latchkey.oauth.support.TestCredentials.ADMIN_B;
import static dev.latchkey.oauth.support.TestCredentials.MEMBER_A;
import static dev.latchkey.oauth.support.TestCredentials.TENANT_A;
import static dev.latchkey.oauth.support.TestCredentials.TENANT_B;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(value = PostgresAndKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "oauth_db"))
public class ApplicationResourceTest {
    static String activeMember;

    @BeforeAll
    static void seed() {
        Directory.seedTenantLimit(TENANT_A, 1000);
        activeMember = UUID.randomUUID().toString();
        Directory.seedMember(TENANT_A, activeMember, "global_admin", "active");
    }

    static io.restassured.response.Response post(String token, Map<String, Object> body) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/oauth-apps");
    }

    @Test
    void registersAnApplicationAndShowsItsSecretOnlyOnce() {
        var app = Apps.clientCredentials(ADMIN_A, activeMember, List.of("account:read"));
        assertThat(app.secret()).startsWith("lkc_");
        assertThat(app.body().getInt("application.accessTokenLifetimeSeconds")).isEqualTo(3600);

        given().header("Authorization", "Bearer " + ADMIN_A).when().get("/api/v1/oauth-apps/" + app.id())
                .then().statusCode(200).body("clientId", equalTo(app.clientId()))
                .body("clientSecret", nullValue()).body("clientSecretHint", startsWith("lkc_"))
                .body(not(containsString(app.secret())));
        assertThat(outboxTypes(app.id())).contains("latchkey.oauth.application.created.v1");
        assertThat(outboxData(app.id())).doesNotContain(app.secret());
    }

    @Test
    void defaultsTheLifetimeTo24HoursAndRefusesLonger() {
        var created = Apps.register(ADMIN_A, Map.of("name", "x", "grantType", "client_credentials",
                "actingMemberId", activeMember, "scopes", List.of("account:read")));
        assertThat(created.body().getInt("application.accessTokenLifetimeSeconds")).isEqualTo(86400);
        post(ADMIN_A, Map.of("name", "x", "grantType", "client_credentials", "actingMemberId", activeMember,
                "scopes", List.of("account:read"), "accessTokenLifetimeSeconds", 86401))
                .then().statusCode(400).body("errors.field", hasItem("accessTokenLifetimeSeconds"));
    }

    @Test
    void refusesCallbackUrlsThatAreNotHttpsOrLoopbackOrThatHaveFragmentsOrWildcards() {
        for (String bad : List.of("http://app.example.com/cb", "https://app.example.com/cb#frag",
                "https://*.example.com/cb", "/relative/cb", "custom:cb")) {
            post(ADMIN_A, Map.of("name", "web", "grantType", "authorization_code", "redirectUris", List.of(bad),
                    "scopes", List.of("account:read")))
                    .then().statusCode(400).body("errors.field", hasItem("redirectUris[0]"));
        }
        for (String good : List.of("https://app.example.com/cb?x=1", "http://localhost:8765/cb", "http://127.0.0.1/cb",
                "http://[::1]:9000/cb")) {
            Apps.authorizationCode(ADMIN_A, List.of(good), List.of("account:read"));
        }
    }

    @Test
    void refusesScopesOutsideTheCatalog() {
        post(ADMIN_A, Map.of("name", "x", "grantType", "client_credentials", "actingMemberId", activeMember,
                "scopes", List.of("account:read", "spaceship:launch")))
                .then().statusCode(400).body("errors.field", hasItem("scopes[1]"));
    }

    @Test
    void refusesClientCredentialsWithoutAnActiveMember() {
        String disabled = UUID.randomUUID().toString();
        Directory.seedMember(TENANT_A, disabled, "global_admin", "disabled");
        post(ADMIN_A, Map.of("name", "x", "grantType", "client_credentials", "actingMemberId", disabled,
                "scopes", List.of("account:read"))).then().statusCode(400).body("errors.field", hasItem("actingMemberId"));
        post(ADMIN_A, Map.of("name", "x", "grantType", "client_credentials", "scopes", List.of("account:read")))
                .then().statusCode(400).body("errors.field", hasItem("actingMemberId"));
        post(ADMIN_A, Map.of("name", "x", "grantType", "client_credentials", "actingMemberId", "nobody",
                "scopes", List.of("account:read"))).then().statusCode(400);
    }

    @Test
    void refusesTheApplicationAboveTheTenantLimitWithAClearProblem() {
        String member = UUID.randomUUID().toString();
        Directory.seedMember(TENANT_B, member, "global_admin", "active");
        Map<String, Object> body = Map.of("name", "b", "grantType", "client_credentials", "actingMemberId", member,
                "scopes", List.of("account:read"));
        post(ADMIN_B, body).then().statusCode(201);
        post(ADMIN_B, body).then().statusCode(201);
        post(ADMIN_B, body).then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://latchkey.dev/problems/oauth-application-limit"))
                .body("detail", containsString("at most 2"));
    }

    @Test
    void onlyGlobalAdminsMayRegisterAndAnonymousCallersAreRefused() {
        post(MEMBER_A, Map.of("name", "x", "grantType", "client_credentials", "actingMemberId", activeMember,
                "scopes", List.of("account:read"))).then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("name", "x")).when().post("/api/v1/oauth-apps")
                .then().statusCode(401);
    }

    @Test
    void anotherTenantsApplicationIsNotFound() {
        var app = Apps.clientCredentials(ADMIN_A, activeMember, List.of("account:read"));
        given().header("Authorization", "Bearer " + ADMIN_B).when().get("/api/v1/oauth-apps/" + app.id())
                .then().statusCode(404);
        given().header("Authorization", "Bearer " + ADMIN_B).when().delete("/api/v1/oauth-apps/" + app.id())
                .then().statusCode(404);
    }

    @Test
    void updatesNameScopesLifetimeAndListsWithCursorPagination() {
        var app = Apps.clientCredentials(ADMIN_A, activeMember, List.of("account:read"));
        given().header("Authorization", "Bearer " + ADMIN_A).contentType(ContentType.JSON)
                .body(Map.of("name", "renamed", "scopes", List.of("account:read", "user:read"), "accessTokenLifetimeSeconds", 600))
                .when().patch("/api/v1/oauth-apps/" + app.id())
                .then().statusCode(200).body("name", equalTo("renamed")).body("accessTokenLifetimeSeconds", equalTo(600))
                .body("scopes", equalTo(List.of("account:read", "user:read")));
        assertThat(outboxTypes(app.id())).contains("latchkey.oauth.application.updated.v1");

        var page = given().header("Authorization", "Bearer " + ADMIN_A).queryParam("limit", 1)
                .when().get("/api/v1/oauth-apps").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("next", notNullValue()).extract().jsonPath();
        given().header("Authorization", "Bearer " + ADMIN_A).when().get(page.getString("next").replaceFirst("^https?://[^/]+", ""))
                .then().statusCode(200).body("items.size()", equalTo(1));
    }

    @Test
    void rotatesTheSecretKeepingThePreviousOneDuringTheGracePeriod() {
        var app = Apps.clientCredentials(ADMIN_A, activeMember, List.of("account:read"));
        String newSecret = given().header("Authorization", "Bearer " + ADMIN_A).contentType(ContentType.JSON)
                .body(Map.of("gracePeriodSeconds", 3600)).when().post("/api/v1/oauth-apps/" + app.id() + "/secret")
                .then().statusCode(200).body("application.previousSecretValidUntil", notNullValue())
                .extract().jsonPath().getString("clientSecret");
        ClientCredentialsTest.basic(app.clientId(), app.secret(), "grant_type", "client_credentials").then().statusCode(200);
        ClientCredentialsTest.basic(app.clientId(), newSecret, "grant_type", "client_credentials").then().statusCode(200);

        String third = given().header("Authorization", "Bearer " + ADMIN_A).contentType(ContentType.JSON)
                .body(Map.of()).when().post("/api/v1/oauth-apps/" + app.id() + "/secret")
                .then().statusCode(200).extract().jsonPath().getString("clientSecret");
        ClientCredentialsTest.basic(app.clientId(), newSecret, "grant_type", "client_credentials").then().statusCode(401);
        ClientCredentialsTest.basic(app.clientId(), third, "grant_type", "client_credentials").then().statusCode(200);
        assertThat(outboxTypes(app.id())).contains("latchkey.oauth.application.secret_rotated.v1");
    }

    @Test
    void deletingAnApplicationRevokesItsTokensAndItsClient() {
        var app = Apps.clientCredentials(ADMIN_A, activeMember, List.of("account:read"));
        Apps.delete(ADMIN_A, app.id());
        ClientCredentialsTest.basic(app.clientId(), app.secret(), "grant_type", "client_credentials")
                .then().statusCode(401).body("error", equalTo("invalid_client"));
        assertThat(outboxTypes(app.id())).contains("latchkey.oauth.application.deleted.v1");
        assertThat(outboxKeys("latchkey.credential.revocations")).contains("client:" + TENANT_A + ":" + app.clientId());
    }

    static List<String> outboxTypes(String subject) {
        return query("SELECT type FROM outbox WHERE subject = ?", subject);
    }

    static String outboxData(String subject) {
        return String.join("\n", query("SELECT data FROM outbox WHERE subject = ?", subject));
    }

    public static List<String> outboxKeys(String topic) {
        return query("SELECT record_key FROM outbox WHERE topic = ?", topic);
    }

    public static List<String> query(String sql, String arg) {
        try (Connection c = Directory.connection(); var ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            ResultSet rs = ps.executeQuery();
            List<String> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
