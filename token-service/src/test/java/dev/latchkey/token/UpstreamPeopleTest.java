package dev.latchkey.token;

import dev.latchkey.testsupport.PostgresAndKafkaResource;
import dev.latchkey.testsupport.UpstreamOidcProvider;
import dev.latchkey.testsupport.UpstreamTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * People's bearer tokens from the upstream OpenID Connect provider (WireMock provider; real PostgreSQL and Kafka):
 * a person known to this service's directory projection manages their own tokens with the authority of their current
 * Latchkey role.
 */
@QuarkusTest
@WithTestResource(value = PostgresAndKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "token_db"))
@WithTestResource(UpstreamOidcProvider.class)
class UpstreamPeopleTest extends TokenServiceTestBase {

    private static RequestSpecification person(String email) {
        return given().header("Authorization", UpstreamTokens.person(TENANT, email).bearer()).contentType(ContentType.JSON);
    }

    private String provisioned(String role, String status) {
        String id = uniqueId();
        String email = "person-" + id.substring(0, 8) + "@example.com";
        member(TENANT, id, email, role, status);
        return email;
    }

    @Test
    void shouldLetAProvisionedMemberCreateAndListTheirOwnTokens() {
        String email = provisioned("member", "active");
        String tokenId = person(email).body(Map.of("name", "laptop", "scopes", List.of("account:read")))
                .post("/api/v1/tokens").then().statusCode(201)
                .body("token", startsWith("lkt_")).extract().path("id");
        person(email).get("/api/v1/tokens").then().statusCode(200)
                .body("items.id", hasItem(tokenId));
        // the token belongs to the member the email maps to, and works on its own
        String created = person(email).get("/api/v1/tokens/" + tokenId).then().statusCode(200)
                .body("owner.type", equalTo("member")).extract().path("owner.id");
        person(email.toUpperCase()).get("/api/v1/tokens/" + tokenId).then().statusCode(200)
                .body("owner.id", equalTo(created));
    }

    @Test
    void shouldRefuseADisabledMembersUpstreamToken() {
        String id = uniqueId();
        String email = "leaver-" + id.substring(0, 8) + "@example.com";
        member(TENANT, id, email, "member", "active");
        person(email).get("/api/v1/tokens").then().statusCode(200);
        member(TENANT, id, email, "member", "disabled");
        person(email).get("/api/v1/tokens").then().statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"))
                .contentType("application/problem+json").body("detail", containsString("disabled"));
        member(TENANT, id, email, "member", "deleted");
        person(email).body(Map.of("name", "x", "scopes", List.of("account:read"))).post("/api/v1/tokens")
                .then().statusCode(401);
    }

    @Test
    void shouldNotLetAMemberDoWhatOnlyAGlobalAdminMay() {
        String member = provisioned("member", "active");
        person(member).get("/api/v1/admin/tokens").then().statusCode(403)
                .header("WWW-Authenticate", containsString("insufficient_scope"));
        person(member).body(Map.of("name", "too-much", "scopes", List.of("member:update"))).post("/api/v1/tokens")
                .then().statusCode(400).body("errors.field", hasItem(startsWith("scopes")));
        // the token's role claim says global_admin; the member's Latchkey role decides
        given().header("Authorization", UpstreamTokens.person(TENANT, member).role("global_admin").bearer())
                .get("/api/v1/admin/tokens").then().statusCode(403);

        String admin = provisioned("global_admin", "active");
        person(admin).get("/api/v1/admin/tokens").then().statusCode(200);
    }

    @Test
    void shouldSayWhenThePersonIsNotProvisionedHere() {
        person("stranger-" + uniqueId().substring(0, 8) + "@example.com").get("/api/v1/tokens").then().statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"))
                .contentType("application/problem+json")
                .body("type", equalTo("https://latchkey.dev/problems/not-provisioned"))
                .body("detail", containsString("not provisioned"));
    }

    @Test
    void shouldRefuseUpstreamTokensTheProviderDidNotIssue() {
        String email = provisioned("global_admin", "active");
        for (UpstreamTokens bad : List.of(
                UpstreamTokens.person(TENANT, email).issuer("https://evil.example.com"),
                UpstreamTokens.person(TENANT, email).expiredAgo(Duration.ofHours(1)),
                UpstreamTokens.person(TENANT, email).signedByStranger())) {
            given().header("Authorization", bad.bearer()).get("/api/v1/tokens").then().statusCode(401)
                    .header("WWW-Authenticate", startsWith("Bearer"))
                    .body(not(containsString("Exception")));
        }
        // Latchkey's own credentials keep working beside them
        asAdmin().get("/api/v1/admin/tokens").then().statusCode(200);
    }
}
