package dev.latchkey.oauth.people;

import dev.latchkey.oauth.support.Directory;
import dev.latchkey.testsupport.PostgresAndKafkaResource;
import dev.latchkey.testsupport.UpstreamOidcProvider;
import dev.latchkey.testsupport.UpstreamTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * People's bearer tokens (WireMock OpenID Connect provider; real PostgreSQL and Kafka) at the OAuth application API:
 * mapped through this service's directory projection, bounded by the member's current role.
 */
@QuarkusTest
@WithTestResource(value = PostgresAndKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "oauth_db"))
@WithTestResource(UpstreamOidcProvider.class)
class UpstreamPeopleTest {
    private static final String TENANT = "SP-000001-01";

    private static String email(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private static int listStatus(String email) {
        return given().header("Authorization", UpstreamTokens.person(TENANT, email).bearer())
                .get("/api/v1/oauth-apps").then().extract().statusCode();
    }

    @Test
    void shouldLetAGlobalAdminManageApplicationsAndAMemberOnlyRead() {
        String admin = email("admin-");
        Directory.publishMember("created", TENANT, UUID.randomUUID().toString(), admin, "global_admin", "active");
        await().atMost(Duration.ofSeconds(60)).until(() -> listStatus(admin) == 200);

        String member = email("member-");
        Directory.publishMember("created", TENANT, UUID.randomUUID().toString(), member, "member", "active");
        await().atMost(Duration.ofSeconds(60)).until(() -> listStatus(member) == 200);
        given().header("Authorization", UpstreamTokens.person(TENANT, member).role("global_admin").bearer())
                .contentType("application/json")
                .body("{\"name\":\"x\",\"grantType\":\"client_credentials\",\"actingMemberId\":\"" + UUID.randomUUID()
                        + "\",\"scopes\":[\"account:read\"]}")
                .post("/api/v1/oauth-apps").then().statusCode(403)
                .header("WWW-Authenticate", containsString("insufficient_scope"));
    }

    @Test
    void shouldRefuseUnknownAndDisabledPeople() {
        given().header("Authorization", UpstreamTokens.person(TENANT, email("nobody-")).bearer())
                .get("/api/v1/oauth-apps").then().statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"))
                .body("type", equalTo("https://latchkey.dev/problems/not-provisioned"));

        String leaver = email("leaver-");
        String id = UUID.randomUUID().toString();
        Directory.publishMember("created", TENANT, id, leaver, "global_admin", "active");
        await().atMost(Duration.ofSeconds(60)).until(() -> listStatus(leaver) == 200);
        Directory.publishMember("disabled", TENANT, id, leaver, "global_admin", "disabled");
        await().atMost(Duration.ofSeconds(60)).until(() -> listStatus(leaver) == 401);
        given().header("Authorization", UpstreamTokens.person(TENANT, leaver).bearer()).get("/api/v1/oauth-apps")
                .then().statusCode(401).body("detail", containsString("disabled"));

        given().header("Authorization", UpstreamTokens.person(TENANT, leaver).signedByStranger().bearer())
                .get("/api/v1/oauth-apps").then().statusCode(401);
    }
}
