package dev.latchkey.console;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.filter.cookie.CookieFilter;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The pages other than Integration, against stubbed APIs: what they show and what they send. */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class PagesTest extends StubbedApis {
    static final String SECRET = "lkc_0123456789abcdefghijABCDEFGHIJ0123456789abcdefgh";

    private void stubDirectory() {
        stub(get(urlPathEqualTo("/auth/api/v1/members")), 200, """
                {"items":[{"id":"m-alice","userName":"alice@example.com","displayName":"Alice","email":"alice@example.com",
                  "role":"global_admin","status":"active"},
                 {"id":"m-bob","userName":"bob@example.com","displayName":null,"email":"bob@example.com",
                  "role":"member","status":"disabled"}],"next":null}""");
        stub(get(urlPathEqualTo("/auth/api/v1/service-accounts")), 200, """
                {"items":[{"id":"sa-1","name":"ci-runner","description":"CI","managers":[],"status":"active",
                  "tokenCount":2,"lastUsedAt":null}],"next":null}""");
    }

    @Test
    void shouldRegisterAnOAuthApplicationAndShowItsSecretOnce() {
        stubDirectory();
        stub(get(urlPathEqualTo("/auth/api/v1/oauth-apps")), 200, "{\"items\":[],\"next\":null}");
        stub(post(urlPathEqualTo("/auth/api/v1/oauth-apps")), 201, """
                {"application":{"id":"app-1","clientId":"lkapp_abc","name":"billing","grantType":"client_credentials",
                  "scopes":["account:read"],"mutualTls":false},"clientSecret":"%s"}""".formatted(SECRET));
        CookieFilter cookies = SignIn.signIn();
        Response list = given().filter(cookies).get("/console/oauth-apps");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body().asString()).contains("No OAuth applications", "Alice (global_admin)");

        Response shown = given().filter(cookies).formParam("csrf", csrfOf(list.body().asString()))
                .formParam("name", "billing").formParam("grantType", "client_credentials")
                .formParam("actingMemberId", "m-alice").formParam("scope", "account:read")
                .formParam("accessTokenLifetimeSeconds", "600").post("/console/oauth-apps");
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.header("Cache-Control")).isEqualTo("no-store");
        assertThat(shown.body().asString()).contains(SECRET, "lkapp_abc", "will not be shown again");
        provider.verify(postRequestedFor(urlPathEqualTo("/auth/api/v1/oauth-apps"))
                .withRequestBody(matchingJsonPath("$.actingMemberId", equalTo("m-alice")))
                .withRequestBody(matchingJsonPath("$.accessTokenLifetimeSeconds", equalTo("600")))
                .withRequestBody(matchingJsonPath("$.mutualTls", equalTo("false"))));
    }

    @Test
    void shouldExplainTheApplicationLimit() {
        stubDirectory();
        stub(get(urlPathEqualTo("/auth/api/v1/oauth-apps")), 200, "{\"items\":[],\"next\":null}");
        stub(post(urlPathEqualTo("/auth/api/v1/oauth-apps")), 422, """
                {"type":"https://latchkey.dev/problems/oauth-application-limit","title":"OAuth application limit reached",
                 "status":422,"detail":"Tenant SP-000001-01 may register at most 2 OAuth applications"}""");
        CookieFilter cookies = SignIn.signIn();
        String csrf = csrfOf(given().filter(cookies).get("/console/oauth-apps").body().asString());
        Response r = given().filter(cookies).formParam("csrf", csrf).formParam("name", "third")
                .formParam("grantType", "authorization_code").formParam("redirectUris", "https://a.example/cb")
                .post("/console/oauth-apps");
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body().asString()).contains("may register at most 2", "ask the platform operator to raise");
    }

    @Test
    void shouldShowMembersAndServiceAccountsAndAddOne() {
        stubDirectory();
        stub(post(urlPathEqualTo("/auth/api/v1/service-accounts")), 201, "{\"id\":\"sa-2\",\"name\":\"deployer\"}");
        CookieFilter cookies = SignIn.signIn();
        Response users = given().filter(cookies).get("/console/members");
        assertThat(users.body().asString()).contains("alice@example.com", "bob@example.com", "Enable", "Disable");
        Response accounts = given().filter(cookies).get("/console/members?tab=service-accounts");
        assertThat(accounts.body().asString()).contains("ci-runner", "Add service account", "starting with");

        Response added = given().filter(cookies).redirects().follow(false).formParam("csrf", csrfOf(accounts.body().asString()))
                .formParam("name", "deployer").post("/console/members/service-accounts");
        assertThat(added.statusCode()).isEqualTo(303);
        // relative to the console's root path: exactly once /console
        assertThat(URI.create(added.header("Location")).getPath()).isEqualTo("/console/members");
        provider.verify(postRequestedFor(urlPathEqualTo("/auth/api/v1/service-accounts"))
                .withRequestBody(matchingJsonPath("$.name", equalTo("deployer"))));
    }

    @Test
    void shouldExplainWhichTokensBlockRemovingAMember() {
        stubDirectory();
        stub(delete(urlPathEqualTo("/auth/api/v1/members/m-bob")), 409, """
                {"type":"https://latchkey.dev/problems/conflict","title":"Conflict","status":409,
                 "detail":"The member still has 1 live tokens: reassign them to a service account or delete them first"}""");
        stub(get(urlPathEqualTo("/auth/api/v1/members/m-bob")), 200, """
                {"id":"m-bob","userName":"bob@example.com","displayName":null,"role":"member","status":"active"}""");
        stub(get(urlPathEqualTo("/auth/api/v1/admin/tokens")), 200, """
                {"items":[{"id":"t9","name":"bobs-laptop","owner":{"type":"member","id":"m-bob"},"scopes":["account:read"],
                  "hint":"lkt_Zz…01","expiresAt":null,"lastUsedAt":null,"useCount":0,"status":"active"}],"next":null}""");
        CookieFilter cookies = SignIn.signIn();
        String csrf = csrfOf(given().filter(cookies).get("/console/members").body().asString());
        Response r = given().filter(cookies).formParam("csrf", csrf).post("/console/members/users/m-bob/delete");
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(r.body().asString()).contains("still has 1 live tokens", "bobs-laptop", "cannot be removed yet");
    }

    @Test
    void shouldRevokeSelectedTokensAndReassignOne() {
        stubDirectory();
        stub(get(urlPathEqualTo("/auth/api/v1/admin/tokens")), 200, """
                {"items":[{"id":"t1","name":"ci-deploy","owner":{"type":"member","id":"m-alice"},"scopes":["account:read"],
                  "hint":"lkt_Ab…x9","expiresAt":null,"lastUsedAt":null,"useCount":0,"status":"active"}],"next":null}""");
        stub(post(urlPathEqualTo("/auth/api/v1/admin/tokens/revoke")), 200, "{\"revoked\":1,\"ids\":[\"t1\"]}");
        stub(post(urlPathEqualTo("/auth/api/v1/tokens/t1/reassign")), 200, "{\"id\":\"t1\"}");
        CookieFilter cookies = SignIn.signIn();
        Response page = given().filter(cookies).get("/console/tokens?status=active&expiringBefore=2030-01-01");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body().asString()).contains("ci-deploy", "Alice", "ci-runner", "Revoke selected");
        provider.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/auth/api/v1/admin/tokens"))
                .withQueryParam("status", equalTo("active")).withQueryParam("expiringBefore", equalTo("2030-01-01T00:00:00Z")));
        String csrf = csrfOf(page.body().asString());

        Response revoked = given().filter(cookies).redirects().follow(false).formParam("csrf", csrf).formParam("ids", "t1")
                .post("/console/tokens/revoke");
        assertThat(revoked.statusCode()).isEqualTo(303);
        assertThat(URI.create(revoked.header("Location")).getPath()).isEqualTo("/console/tokens");
        provider.verify(postRequestedFor(urlPathEqualTo("/auth/api/v1/admin/tokens/revoke"))
                .withRequestBody(matchingJsonPath("$.ids[0]", equalTo("t1"))));

        given().filter(cookies).redirects().follow(false).formParam("csrf", csrf).formParam("serviceAccountId", "sa-1")
                .post("/console/tokens/t1/reassign").then().statusCode(303);
        provider.verify(postRequestedFor(urlPathEqualTo("/auth/api/v1/tokens/t1/reassign"))
                .withRequestBody(matchingJsonPath("$.serviceAccountId", equalTo("sa-1"))));
    }

    @Test
    void shouldShowTheAuditTrailAndTheVerifyResult() {
        stub(get(urlPathEqualTo("/auth/api/v2/audit")), 200, """
                {"items":[{"seq":7,"id":"e7","type":"latchkey.token.token.created.v1","occurredAt":"2026-12-02T06:00:00Z",
                  "actor":{"type":"member","id":"m-alice","name":"Alice"},"target":{"type":"token","id":"t1"},
                  "clientIp":"127.0.0.1"}],"next":null}""");
        stub(get(urlPathEqualTo("/auth/api/v2/audit/verify")), 200, "{\"valid\":true,\"checked\":7,\"firstSeq\":1,\"lastSeq\":7}");
        CookieFilter cookies = SignIn.signIn();
        Response r = given().filter(cookies).get("/console/audit?action=latchkey.token.&verify=1");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body().asString()).contains("latchkey.token.token.created.v1", "Alice", "The chain is intact", "7 records checked");
    }

    @Test
    void shouldKeepMembersOutOfTheAdminPages() {
        stub(get(urlPathEqualTo("/auth/api/v1/members/me")), 200, """
                {"id":"m-bob","userName":"bob@example.com","role":"member","status":"active"}""");
        CookieFilter cookies = SignIn.signIn();
        Response r = given().filter(cookies).get("/console/oauth-apps");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body().asString()).contains("Global admins only");
        assertThat(given().filter(cookies).get("/console/integration").body().asString()).doesNotContain("/console/tokens\"");
        provider.verify(0, deleteRequestedFor(urlPathEqualTo("/auth/api/v1/oauth-apps")));
    }
}
