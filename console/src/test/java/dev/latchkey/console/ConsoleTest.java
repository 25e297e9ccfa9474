package dev.latchkey.console;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.latchkey.console.session.ServerSideTokenStateManager;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.filter.cookie.CookieFilter;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class ConsoleTest extends StubbedApis {
    static final String TOKEN_VALUE = "lkt_0123456789abcdefghijABCDEFGHIJ0123456789abcdefgh";

    @Test
    void shouldSendAPersonWhoIsNotSignedInToTheProviderWithPkce() {
        Response r = given().redirects().follow(false).get("/console/integration");
        assertThat(r.statusCode()).isEqualTo(302);
        URI location = URI.create(r.header("Location"));
        Map<String, String> q = SignIn.query(location.getRawQuery());
        assertThat(location.getPath()).isEqualTo("/auth/realms/quarkus");
        assertThat(q).containsEntry("client_id", "quarkus-web-app").containsEntry("response_type", "code")
                .containsEntry("code_challenge_method", "S256").containsKey("state");
        assertThat(q.get("redirect_uri")).endsWith("/console/callback");
        assertThat(q.get("scope")).contains("openid");
    }

    @Test
    void shouldKeepTheTokensOnTheServerAndCallTheApisWithThePersonsAccessToken() {
        long before = sessions.size();
        CookieFilter cookies = SignIn.signIn();
        assertThat(sessions.size()).isEqualTo(before + 1);

        Response page = given().filter(cookies).get("/console/integration");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body().asString()).contains("ci-deploy", "lkt_Ab…x9", "Create Token", "SP-000001-01", "Global admin", "alice@example.com")
                .doesNotContain("90 days").contains("60 days", "Custom date");
        // the session cookie is only an id: no JWT, nothing to decrypt
        String session = page.getDetailedCookies().hasCookieWithName("q_session") ? page.getCookie("q_session")
                : cookieValue(cookies, "q_session");
        assertThat(session).isNotNull().doesNotContain("eyJ").hasSizeLessThan(60);

        List<LoggedRequest> calls = provider.findAll(com.github.tomakehurst.wiremock.client.WireMock
                .getRequestedFor(urlPathEqualTo("/auth/api/v1/tokens")));
        assertThat(calls).isNotEmpty();
        assertThat(calls.get(0).getHeader("Authorization")).startsWith("Bearer eyJ");
    }

    @Test
    void shouldSetStrictSecurityHeadersOnPages() {
        CookieFilter cookies = SignIn.signIn();
        Response page = given().filter(cookies).get("/console/integration");
        assertThat(page.header("Content-Security-Policy")).contains("frame-ancestors 'none'", "script-src 'self'",
                "default-src 'self'");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        assertThat(page.body().asString()).doesNotContain("<script>").doesNotContain("style=");
    }

    @Test
    void shouldRefuseAFormWithoutTheCsrfTokenAndNeverCallTheApi() {
        stub(post(urlPathEqualTo("/auth/api/v1/tokens")), 201, "{\"token\":\"" + TOKEN_VALUE + "\",\"id\":\"t2\",\"name\":\"x\"}");
        CookieFilter cookies = SignIn.signIn();
        given().filter(cookies).get("/console/integration").then().statusCode(200);

        Response missing = given().filter(cookies).formParam("name", "x").formParam("expiration", "30d")
                .post("/console/integration/tokens");
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(missing.body().asString()).contains("security token is missing");

        Response wrong = given().filter(cookies).formParam("name", "x").formParam("csrf", "forged")
                .post("/console/integration/tokens");
        assertThat(wrong.statusCode()).isEqualTo(403);

        String csrf = csrfOf(given().filter(cookies).get("/console/integration").body().asString());
        Response crossSite = given().filter(cookies).header("Origin", "https://evil.example")
                .formParam("name", "x").formParam("csrf", csrf).post("/console/integration/tokens");
        assertThat(crossSite.statusCode()).isEqualTo(403);

        provider.verify(0, postRequestedFor(urlPathEqualTo("/auth/api/v1/tokens")));
    }

    @Test
    void shouldShowANewTokenOnceOnANoStorePage() {
        stub(post(urlPathEqualTo("/auth/api/v1/tokens")), 201, "{\"token\":\"" + TOKEN_VALUE + "\",\"id\":\"t2\",\"name\":\"deploy\"}");
        CookieFilter cookies = SignIn.signIn();
        String csrf = csrfOf(given().filter(cookies).get("/console/integration").body().asString());

        Response shown = given().filter(cookies).formParam("csrf", csrf).formParam("name", "deploy")
                .formParam("expiration", "custom").formParam("expiresOn", "2030-01-31")
                .formParam("scope", "account:read").formParam("scope", "token:all")
                .post("/console/integration/tokens");
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.header("Cache-Control")).isEqualTo("no-store");
        assertThat(shown.body().asString()).contains(TOKEN_VALUE, "will not be shown again", "data-copy");
        provider.verify(postRequestedFor(urlPathEqualTo("/auth/api/v1/tokens"))
                .withRequestBody(matchingJsonPath("$.name", equalTo("deploy")))
                .withRequestBody(matchingJsonPath("$.expiresAt", equalTo("2030-01-31T23:59:59Z")))
                .withRequestBody(matchingJsonPath("$.scopes[1]", equalTo("token:all"))));
    }

    @Test
    void shouldShowTheApisProblemDetail() {
        stub(post(urlPathEqualTo("/auth/api/v1/tokens")), 422, """
                {"type":"https://latchkey.dev/problems/token-lifetime-exceeds-policy","title":"Token lifetime exceeds the policy",
                 "status":422,"detail":"tokens of this tenant live at most 60 days"}""");
        CookieFilter cookies = SignIn.signIn();
        String csrf = csrfOf(given().filter(cookies).get("/console/integration").body().asString());
        Response r = given().filter(cookies).formParam("csrf", csrf).formParam("name", "long")
                .formParam("expiration", "90d").post("/console/integration/tokens");
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body().asString()).contains("Token lifetime exceeds the policy", "tokens of this tenant live at most 60 days");
    }

    @Test
    void shouldSendTheConsoleRootToIntegration() {
        CookieFilter cookies = SignIn.signIn();
        Response r = given().filter(cookies).redirects().follow(false).get("/console/");
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(URI.create(r.header("Location")).getPath()).isEqualTo("/console/integration");
    }

    @Test
    void shouldServeAssetsAndHealthWithoutSignIn() {
        given().redirects().follow(false).get("/console/static/app.js").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }

    private static String cookieValue(CookieFilter filter, String name) {
        try {
            var field = CookieFilter.class.getDeclaredField("cookieStore");
            field.setAccessible(true);
            var store = (org.apache.http.client.CookieStore) field.get(filter);
            return store.getCookies().stream().filter(c -> c.getName().equals(name)).map(c -> c.getValue())
                    .findFirst().orElse(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
