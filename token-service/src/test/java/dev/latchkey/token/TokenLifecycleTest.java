package dev.latchkey.token;

import dev.latchkey.testsupport.PostgresAndKafkaResource;
import dev.latchkey.verifier.OpaqueTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(value = PostgresAndKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "token_db"))
class TokenLifecycleTest extends TokenServiceTestBase {

    static Response create(String credential, Map<String, Object> body) {
        return as(credential).body(body).post("/api/v1/tokens");
    }

    @Test
    void theValueIsShownInTheCreationAnswerAndNeverAgain() {
        Response created = create(admin(), Map.of("name", "shown-once", "scopes", List.of("account:read"), "expiration", "7d"));
        created.then().statusCode(201).header("Location", containsString("/api/v1/tokens/"))
                .body("token", startsWith("lkt_")).body("status", equalTo("active"))
                .body("owner.type", equalTo("member")).body("owner.id", equalTo(adminMemberId()));
        String value = created.path("token");
        String id = created.path("id");
        assertThat(OpaqueTokens.isWellFormed(value, OpaqueTokens.API_TOKEN)).isTrue();

        String one = asAdmin().get("/api/v1/tokens/" + id).then().statusCode(200)
                .body("token", nullValue()).body("hint", equalTo(OpaqueTokens.hint(value)))
                .body("scopes", equalTo(List.of("account:read"))).body("createdBy.id", equalTo(adminMemberId()))
                .extract().asString();
        String list = asAdmin().get("/api/v1/tokens?limit=200").then().statusCode(200)
                .body("items.id", hasItem(id)).extract().asString();
        assertThat(one).doesNotContain(value).doesNotContain(OpaqueTokens.sha256(value));
        assertThat(list).doesNotContain(value).doesNotContain(OpaqueTokens.sha256(value));
        introspect(value).then().statusCode(200).body("active", equalTo(true)).body("token_id", equalTo(id));
    }

    @Test
    void regeneratingStopsTheOldValueAtOnceAndShowsTheNewOneOnce() {
        Response created = create(admin(), Map.of("name", "to-regenerate", "scopes", List.of("token:read"), "expiration", "30d"));
        String old = created.path("token");
        String id = created.path("id");
        as(old).get("/api/v1/tokens/" + id).then().statusCode(200);

        String fresh = asAdmin().body(Map.of("expiration", "7d")).post("/api/v1/tokens/" + id + "/regenerate")
                .then().statusCode(200).body("id", equalTo(id)).body("token", startsWith("lkt_")).extract().path("token");

        assertThat(fresh).isNotEqualTo(old);
        introspect(old).then().statusCode(200).body(equalTo("{\"active\":false}"));
        introspect(fresh).then().body("active", equalTo(true)).body("token_id", equalTo(id));
        as(old).get("/api/v1/tokens/" + id).then().statusCode(401);
        as(fresh).get("/api/v1/tokens/" + id).then().statusCode(200).body("token", nullValue());
    }

    @Test
    void reassigningToAServiceAccountKeepsTheValueWorking() {
        String sa = uniqueId();
        serviceAccount(TENANT, sa, "active");
        Response created = create(admin(), Map.of("name", "to-hand-over", "scopes", List.of("account:read", "event:upsert"), "expiration", "90d"));
        String value = created.path("token");
        String id = created.path("id");

        asAdmin().body(Map.of("serviceAccountId", sa)).post("/api/v1/tokens/" + id + "/reassign").then().statusCode(200)
                .body("owner.type", equalTo("service_account")).body("owner.id", equalTo(sa));

        introspect(value).then().statusCode(200).body("active", equalTo(true)).body("sub", equalTo(sa))
                .body("owner_type", equalTo("service_account")).body("scope", containsString("account:read"));
    }

    @Test
    void reassigningToAMemberOrAnUnknownServiceAccountIsRefused() {
        String id = create(admin(), Map.of("name", "stays", "scopes", List.of("account:read"))).path("id");
        asAdmin().body(Map.of("serviceAccountId", uniqueId())).post("/api/v1/tokens/" + id + "/reassign")
                .then().statusCode(404);
        asAdmin().body(Map.of()).post("/api/v1/tokens/" + id + "/reassign")
                .then().statusCode(400).body("errors.field", hasItem("serviceAccountId"));
    }

    @Test
    void revokingIsIrreversibleAndTheValueStopsWorking() {
        Response created = create(admin(), Map.of("name", "to-revoke", "scopes", List.of("account:read")));
        String id = created.path("id");
        asAdmin().delete("/api/v1/tokens/" + id).then().statusCode(204);
        asAdmin().delete("/api/v1/tokens/" + id).then().statusCode(204);
        introspect(created.path("token")).then().body(equalTo("{\"active\":false}"));
        asAdmin().get("/api/v1/tokens/" + id).then().statusCode(200).body("status", equalTo("revoked"))
                .body("revokedAt", notNullValue());
        asAdmin().body(Map.of("name", "back")).patch("/api/v1/tokens/" + id).then().statusCode(409);
        asAdmin().body(Map.of()).post("/api/v1/tokens/" + id + "/regenerate").then().statusCode(409);
        asAdmin().get("/api/v1/tokens?status=revoked&limit=200").then().body("items.id", hasItem(id));
        asAdmin().get("/api/v1/tokens?status=active&limit=200").then().body("items.id", not(hasItem(id)));
    }

    @Test
    void editingChangesNameExpiryAndOriginsButNeverTheSecret() {
        String sa = uniqueId();
        serviceAccount(TENANT, sa, "active");
        Response created = create(admin(), Map.of("name", "widget", "scopes", List.of("account:read"), "owner",
                Map.of("type", "service_account", "id", sa), "visibility", "public",
                "allowedOrigins", List.of("https://shop.example.com")));
        created.then().statusCode(201).body("allowedOrigins", equalTo(List.of("https://shop.example.com")));
        String id = created.path("id");
        String expiresAt = Instant.now().plusSeconds(86_400 * 3).toString();
        asAdmin().body(Map.of("name", "widget-2", "expiresAt", expiresAt,
                        "allowedOrigins", List.of("https://shop.example.com", "http://localhost:3000")))
                .patch("/api/v1/tokens/" + id).then().statusCode(200)
                .body("name", equalTo("widget-2")).body("token", nullValue())
                .body("allowedOrigins", hasItems("https://shop.example.com", "http://localhost:3000"));
        introspect(created.path("token")).then().body("active", equalTo(true)).body("visibility", equalTo("public"))
                .body("allowed_origins", hasItem("http://localhost:3000"));
    }

    @Test
    void badScopesAreRefusedNamingEachOne() {
        create(admin(), Map.of("name", "bad-scopes", "scopes", List.of("account:read", "bogus:read", "account:fly", "nonsense")))
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("scopes[1]", "scopes[2]", "scopes[3]")));
        create(admin(), Map.of("name", "no-scopes", "scopes", List.of())).then().statusCode(400)
                .body("errors.field", hasItem("scopes"));
    }

    @Test
    void aPastExpiryOrAnUnknownPresetIsRefused() {
        create(admin(), Map.of("name", "past", "scopes", List.of("account:read"), "expiresAt", "2020-01-01T00:00:00Z"))
                .then().statusCode(400).body("errors.field", hasItem("expiresAt")).body("detail", containsString("future"));
        create(admin(), Map.of("name", "preset", "scopes", List.of("account:read"), "expiration", "45d"))
                .then().statusCode(400).body("errors.field", hasItem("expiration"));
        create(admin(), Map.of("name", "both", "scopes", List.of("account:read"), "expiration", "7d",
                "expiresAt", Instant.now().plusSeconds(3600).toString())).then().statusCode(400);
    }

    @Test
    void wildcardOrPathBearingOriginsAreRefused() {
        String sa = uniqueId();
        serviceAccount(TENANT, sa, "active");
        create(admin(), Map.of("name", "origins", "scopes", List.of("account:read"), "visibility", "public",
                "owner", Map.of("type", "service_account", "id", sa),
                "allowedOrigins", List.of("https://*.example.com", "https://example.com/app", "https://example.com/", "ftp://example.com")))
                .then().statusCode(400)
                .body("errors.field", equalTo(List.of("allowedOrigins[0]", "allowedOrigins[1]", "allowedOrigins[2]", "allowedOrigins[3]")))
                .body("errors[0].message", containsString("wildcard"))
                .body("errors[1].message", containsString("path"));
    }

    @Test
    void aPublicTokenNeedsAServiceAccountOwner() {
        create(admin(), Map.of("name", "public-personal", "scopes", List.of("account:read"), "visibility", "public",
                "allowedOrigins", List.of("https://example.com")))
                .then().statusCode(400).body("errors.field", equalTo(List.of("visibility")))
                .body("errors[0].message", containsString("service account"));
    }

    @Test
    void anotherTenantsIdsAnswer404() {
        String foreignSa = uniqueId();
        serviceAccount(OTHER_TENANT, foreignSa, "active");
        create(admin(), Map.of("name", "foreign-owner", "scopes", List.of("account:read"),
                "owner", Map.of("type", "service_account", "id", foreignSa))).then().statusCode(404);

        String foreignMember = newMemberWithToken(OTHER_TENANT, "member", "token:create", "token:read", "account:read");
        String foreignId = create(foreignMember, Map.of("name", "theirs", "scopes", List.of("account:read")))
                .then().statusCode(201).extract().path("id");
        asAdmin().get("/api/v1/tokens/" + foreignId).then().statusCode(404).contentType("application/problem+json");
        asAdmin().delete("/api/v1/tokens/" + foreignId).then().statusCode(404);
        asAdmin().body(Map.of("name", "mine")).patch("/api/v1/tokens/" + foreignId).then().statusCode(404);
        asAdmin().get("/api/v1/tokens/not-a-uuid").then().statusCode(404);
    }

    @Test
    void malformedJsonAndUnknownFieldsAnswer400() {
        asAdmin().body("{\"name\": \"x\", ").post("/api/v1/tokens").then().statusCode(400)
                .contentType("application/problem+json");
        asAdmin().body(Map.of("name", "x", "scopes", List.of("account:read"), "colour", "red")).post("/api/v1/tokens")
                .then().statusCode(400);
    }

    @Test
    void aMemberCannotGiveATokenMoreThanTheirRoleAllows() {
        String member = newMemberWithToken(TENANT, "member", "token:create", "member:read");
        create(member, Map.of("name", "too-much", "scopes", List.of("member:read", "member:update")))
                .then().statusCode(400).body("errors.field", equalTo(List.of("scopes[1]")))
                .body("errors[0].message", containsString("role member"));
    }

    @Test
    void aCredentialCannotGrantScopesItDoesNotHold() {
        String member = newMemberWithToken(TENANT, "member", "token:create");
        create(member, Map.of("name", "escalate", "scopes", List.of("account:read")))
                .then().statusCode(403).body("detail", containsString("account:read"));
    }

    @Test
    void aLiveNameIsUniquePerOwner() {
        create(admin(), Map.of("name", "dup-name", "scopes", List.of("account:read"))).then().statusCode(201);
        create(admin(), Map.of("name", "DUP-name", "scopes", List.of("account:read"))).then().statusCode(409)
                .body("detail", containsStringIgnoringCase("dup-name"));
    }

    @Test
    void aMissingOrWrongCredentialAnswers401AndAMissingScope403() {
        given().contentType(ContentType.JSON).get("/api/v1/tokens").then().statusCode(401);
        as(OpaqueTokens.generate(OpaqueTokens.API_TOKEN)).get("/api/v1/tokens").then().statusCode(401);
        String reader = newMemberWithToken(TENANT, "member", "token:read");
        create(reader, Map.of("name", "no", "scopes", List.of("token:read"))).then().statusCode(403);
    }
}
