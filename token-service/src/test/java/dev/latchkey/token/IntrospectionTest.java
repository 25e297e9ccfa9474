package dev.latchkey.token;

import dev.latchkey.testsupport.PostgresAndKafkaResource;
import dev.latchkey.verifier.OpaqueTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

@QuarkusTest
@WithTestResource(value = PostgresAndKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "token_db"))
class IntrospectionTest extends TokenServiceTestBase {
    static final String INACTIVE = "{\"active\":false}";

    @Test
    void anActiveTokenAnswersTheContractFields() {
        String sa = uniqueId();
        serviceAccount(TENANT, sa, "active");
        var created = asAdmin().body(Map.of("name", "contract", "scopes", List.of("account:read", "event:upsert"),
                "owner", Map.of("type", "service_account", "id", sa), "expiration", "7d")).post("/api/v1/tokens");
        String id = created.path("id");
        introspect(created.path("token")).then().statusCode(200).contentType(ContentType.JSON)
                .body("active", equalTo(true)).body("token_id", equalTo(id)).body("sub", equalTo(sa))
                .body("owner_type", equalTo("service_account")).body("tenant", equalTo(TENANT))
                .body("scope", containsString("account:read")).body("scope", containsString("event:upsert")).body("visibility", equalTo("private"))
                .body("exp", org.hamcrest.Matchers.notNullValue()).body("iat", org.hamcrest.Matchers.notNullValue())
                .body("allowed_origins", equalTo(List.of()));
    }

    @Test
    void aMadeUpOrMalformedTokenIsInactive() {
        introspect(OpaqueTokens.generate(OpaqueTokens.API_TOKEN)).then().statusCode(200).body(equalTo(INACTIVE));
        introspect("lkt_notevenclose").then().statusCode(200).body(equalTo(INACTIVE));
        introspect("eyJhbGciOiJub25lIn0.e30.").then().statusCode(200).body(equalTo(INACTIVE));
    }

    @Test
    void anExpiredTokenIsInactive() {
        String member = uniqueId();
        member(TENANT, member, "member", "active");
        String expired = tokenFor(TENANT, "member", member, List.of("account:read"), Instant.now().minusSeconds(5));
        introspect(expired).then().statusCode(200).body(equalTo(INACTIVE));
    }

    @Test
    void aDisabledOwnersTokensStopAtOnceAndWorkAgainWhenReEnabled() {
        String member = uniqueId();
        member(TENANT, member, "member", "active");
        String token = tokenFor(TENANT, "member", member, List.of("account:read"), null);
        introspect(token).then().body("active", equalTo(true));

        member(TENANT, member, "member", "disabled");
        introspect(token).then().statusCode(200).body(equalTo(INACTIVE));
        as(token).get("/api/v1/tokens").then().statusCode(401);

        member(TENANT, member, "member", "active");
        introspect(token).then().body("active", equalTo(true));
    }

    @Test
    void aSuspendedTenantsTokensStopAndWorkAgainWhenItIsReactivated() {
        String tenant = "SP-424242-0" + (int) (Math.random() * 10);
        String member = uniqueId();
        member(tenant, member, "member", "active");
        String token = tokenFor(tenant, "member", member, List.of("account:read"), null);
        introspect(token).then().body("active", equalTo(true));

        tenant(tenant, "suspended");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                introspect(token).then().statusCode(200).body(equalTo(INACTIVE)));

        tenant(tenant, "active");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                introspect(token).then().statusCode(200).body("active", equalTo(true)));
    }

    private static void tenant(String tenant, String status) {
        String data = """
                {"tenant":"%s","actor":{"type":"platform_operator","id":"op"},"target":{"type":"tenant","id":"%s"},
                 "occurredAt":"%s","tenantInfo":{"serviceId":"%s","name":"Test tenant","status":"%s",
                 "limits":{"oauthApplications":2}}}""".formatted(tenant, tenant, Instant.now(), tenant, status);
        publishDirectory(tenant, tenant, "latchkey.directory.tenant." + ("active".equals(status) ? "reactivated" : status) + ".v1", data);
    }

    @Test
    void aDeletedServiceAccountsTokensAreRevoked() {
        String sa = uniqueId();
        serviceAccount(TENANT, sa, "active");
        var created = asAdmin().body(Map.of("name", "doomed", "scopes", List.of("account:read"),
                "owner", Map.of("type", "service_account", "id", sa))).post("/api/v1/tokens");
        String id = created.path("id");
        serviceAccount(TENANT, sa, "deleted");
        introspect(created.path("token")).then().body(equalTo(INACTIVE));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                asAdmin().get("/api/v1/admin/tokens?ownerId=" + sa).then().statusCode(200)
                        .body("items[0].id", equalTo(id)).body("items[0].status", equalTo("revoked")));
    }

    @Test
    void effectiveScopesAreNarrowedToTheOwnersCurrentRole() {
        String member = uniqueId();
        member(TENANT, member, "global_admin", "active");
        String token = tokenFor(TENANT, "member", member, List.of("member:all", "account:read"), null);
        introspect(token).then().body("scope", containsString("member:all"));

        member(TENANT, member, "member", "active");
        introspect(token).then().body("active", equalTo(true))
                .body("scope", not(containsString("member:all")))
                .body("scope", containsString("member:read")).body("scope", containsString("account:read"));
    }

    @Test
    void introspectionNeedsTheIntrospectScopeAndAToken() {
        String member = newMemberWithToken(TENANT, "member", "account:read");
        given().auth().oauth2(member).contentType(ContentType.URLENC).formParam("token", member)
                .post("/api/v1/tokens/introspect").then().statusCode(403);
        given().contentType(ContentType.URLENC).formParam("token", member)
                .post("/api/v1/tokens/introspect").then().statusCode(401);
        given().auth().oauth2(admin()).contentType(ContentType.URLENC).formParam("other", "x")
                .post("/api/v1/tokens/introspect").then().statusCode(400);
    }

    @Test
    void aTenantsVerifierCannotIntrospectAnotherTenantsTokens() {
        String foreignSa = uniqueId();
        serviceAccount(OTHER_TENANT, foreignSa, "active");
        String verifier = tokenFor(OTHER_TENANT, "service_account", foreignSa, List.of("token:introspect"), null);
        String ours = asAdmin().body(Map.of("name", "ours", "scopes", List.of("account:read"))).post("/api/v1/tokens").path("token");
        given().auth().oauth2(verifier).contentType(ContentType.URLENC).formParam("token", ours)
                .post("/api/v1/tokens/introspect").then().statusCode(200).body(equalTo(INACTIVE));
        given().auth().oauth2(verifier).contentType(ContentType.URLENC).formParam("token", verifier)
                .post("/api/v1/tokens/introspect").then().statusCode(200).body("active", equalTo(true));
    }

    /**
     * A {@code Bearer lkt_…} caller is answered by the event-loop route, anything else by the general chain: the
     * answers must be the same, and what the route does not take must still reach the chain.
     */
    @Test
    void theFastRouteAndTheGeneralChainGiveTheSameAnswers() {
        String value = asAdmin().body(Map.of("name", "compared", "scopes", List.of("account:read")))
                .post("/api/v1/tokens").then().statusCode(201).extract().path("token");
        String fast = introspect(value).then().statusCode(200).contentType(containsString("application/json"))
                .extract().asString();
        String general = given().contentType(ContentType.URLENC).formParam("auth_token", admin()).formParam("token", value)
                .post("/api/v1/tokens/introspect").then().statusCode(200).extract().asString();
        org.assertj.core.api.Assertions.assertThat(fast).isEqualTo(general).contains("\"active\":true");
        // a percent-encoded form value is decoded like any form field
        given().auth().oauth2(admin()).contentType(ContentType.URLENC).body("token=" + value.replace("_", "%5F"))
                .post("/api/v1/tokens/introspect").then().statusCode(200).body(equalTo(fast));
        // a credential in the query string is refused on this URL too
        given().auth().oauth2(admin()).contentType(ContentType.URLENC).formParam("token", value)
                .post("/api/v1/tokens/introspect?access_token=" + admin()).then().statusCode(400);
        // a made-up caller: 401 invalid_token; a missing form field: 400 naming it
        given().auth().oauth2(OpaqueTokens.generate(OpaqueTokens.API_TOKEN)).contentType(ContentType.URLENC)
                .formParam("token", value).post("/api/v1/tokens/introspect").then().statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"));
        given().auth().oauth2(admin()).contentType(ContentType.URLENC).formParam("token", "")
                .post("/api/v1/tokens/introspect").then().statusCode(400)
                .contentType(containsString("application/problem+json")).body("errors[0].field", equalTo("token"));
    }
}
