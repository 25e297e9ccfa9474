package dev.latchkey.oauth.rest;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.latchkey.oauth.service.GrantService;
import dev.latchkey.oauth.support.Apps;
import dev.latchkey.oauth.support.Browser;
import dev.latchkey.oauth.support.Directory;
import dev.latchkey.oauth.support.Readiness;
import dev.latchkey.testsupport.PostgresAndKafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static dev.latchkey.oauth.support.TestCredentials.ADMIN_A;
import static dev.latchkey.oauth.support.TestCredentials.ADMIN_A_ID;
import static dev.latchkey.oauth.support.TestCredentials.MEMBER_A;
import static dev.latchkey.oauth.support.TestCredentials.MEMBER_A_ID;
import static dev.latchkey.oauth.support.TestCredentials.TENANT_A;
import static dev.latchkey.oauth.support.TestCredentials.TENANT_B;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * The authorization code flow as a person's browser goes through it: sign-in at the upstream OpenID Connect
 * provider (quarkus-test-oidc-server's WireMock provider), the consent page, the code, PKCE at the token endpoint.
 */
@QuarkusTest
@WithTestResource(value = PostgresAndKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "oauth_db"))
@WithTestResource(OidcWiremockTestResource.class)
public class AuthorizationCodeTest {
    public static final String CALLBACK = "https://app.example.com/callback";
    static final String VERIFIER = "dBjftJeZ4CVP-mJ92K9wWtmEs8s3aQfg0kSYaPpXdZsAbCdEf";
    static final String CHALLENGE = GrantService.s256(VERIFIER);
    static final String MEMBER_A_EMAIL = "member-a@example.com";
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

    @OidcWireMock
    WireMockServer provider;

    @BeforeEach
    void ready() {
        Readiness.awaitReady();
    }

    @BeforeAll
    static void seed() {
        Directory.seedTenantLimit(TENANT_A, 1000);
        Directory.seedMember(TENANT_A, MEMBER_A_ID, MEMBER_A_EMAIL, "member", "active");
        Directory.seedMember(TENANT_A, ADMIN_A_ID, "admin-a@example.com", "global_admin", "active");
    }

    static Map<String, String> authParams(Apps.Registered app) {
        Map<String, String> p = new HashMap<>();
        p.put("response_type", "code");
        p.put("client_id", app.clientId());
        p.put("redirect_uri", CALLBACK);
        p.put("scope", "account:read");
        p.put("state", "xyz-state");
        p.put("code_challenge", CHALLENGE);
        p.put("code_challenge_method", "S256");
        return p;
    }

    Browser member() {
        return new Browser(provider, MEMBER_A_EMAIL, TENANT_A);
    }

    /** The consent page's hidden fields. */
    static Map<String, String> consentForm(HttpResponse<String> page) {
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).contains("text/html");
        Map<String, String> form = new LinkedHashMap<>();
        var m = HIDDEN.matcher(page.body());
        while (m.find()) {
            form.put(m.group(1), m.group(2).replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
                    .replace("&#39;", "'").replace("&amp;", "&"));
        }
        return form;
    }

    /** Signs in, answers the consent page with {@code decision}; returns the redirect to the client. */
    static HttpResponse<String> consent(Browser browser, Map<String, String> params, String decision) {
        Map<String, String> form = consentForm(browser.authorize(params));
        form.put("decision", decision);
        return browser.post("/oauth/authorize", form);
    }

    String approvedCode(Apps.Registered app) {
        return query(consent(member(), authParams(app), "approve")).get("code");
    }

    /** The query of a redirect to the client, plus {@code _base}: where it goes. */
    static Map<String, String> query(HttpResponse<String> redirect) {
        assertThat(redirect.statusCode()).as(redirect.body()).isEqualTo(302);
        URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        Map<String, String> q = Browser.query(location);
        q.put("_base", location.getScheme() + "://" + location.getAuthority() + location.getPath());
        return q;
    }

    static void assertErrorPage(HttpResponse<String> page, int status, String text) {
        assertThat(page.statusCode()).as(page.body()).isEqualTo(status);
        assertThat(page.headers().firstValue("Location")).isEmpty();
        assertThat(page.headers().firstValue("Content-Type").orElse("")).contains("text/html");
        assertThat(page.body()).contains(text);
    }

    static Response redeem(Apps.Registered app, String code, String verifier) {
        var req = given().auth().preemptive().basic(app.clientId(), app.secret())
                .contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "authorization_code").formParam("code", code)
                .formParam("redirect_uri", CALLBACK);
        if (verifier != null) {
            req = req.formParam("code_verifier", verifier);
        }
        return req.when().post("/oauth/token");
    }

    static Response refresh(Apps.Registered app, String refreshToken) {
        return given().auth().preemptive().basic(app.clientId(), app.secret())
                .contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "refresh_token").formParam("refresh_token", refreshToken)
                .when().post("/oauth/token");
    }

    static Response introspect(Apps.Registered app, String token) {
        return given().auth().preemptive().basic(app.clientId(), app.secret())
                .contentType("application/x-www-form-urlencoded").formParam("token", token)
                .when().post("/oauth/introspect");
    }

    static Apps.Registered webApp() {
        return Apps.authorizationCode(ADMIN_A, List.of(CALLBACK), List.of("account:read", "user:read"));
    }

    @Test
    void signsInAtTheProviderAsksForConsentAndIssuesACodeForTheTokenEndpoint() {
        var app = webApp();
        Browser browser = member();
        HttpResponse<String> page = browser.authorize(authParams(app));
        assertThat(browser.signIns()).isEqualTo(1);
        assertThat(page.body()).contains("web app").contains(app.clientId()).contains("account:read")
                .contains("Read accounts").contains(MEMBER_A_EMAIL).doesNotContain("user:read");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("frame-ancestors 'none'");
        Map<String, String> form = consentForm(page);
        form.put("decision", "approve");
        Map<String, String> q = query(browser.post("/oauth/authorize", form));
        assertThat(q.get("_base")).isEqualTo(CALLBACK);
        assertThat(q.get("state")).isEqualTo("xyz-state");
        assertThat(q.get("iss")).isEqualTo("https://latchkey.test");
        assertThat(q.get("code")).startsWith("lka_");

        var tokens = redeem(app, q.get("code"), VERIFIER).then().statusCode(200)
                .body("token_type", equalTo("Bearer")).body("scope", equalTo("account:read"))
                .extract().jsonPath();
        String access = tokens.getString("access_token");
        String refresh1 = tokens.getString("refresh_token");
        assertThat(refresh1).startsWith("lkr_");
        introspect(app, access).then().statusCode(200).body("active", equalTo(true))
                .body("sub", equalTo(MEMBER_A_ID)).body("client_id", equalTo(app.clientId()));

        String refresh2 = refresh(app, refresh1).then().statusCode(200).extract().jsonPath().getString("refresh_token");
        assertThat(refresh2).isNotEqualTo(refresh1);
        introspect(app, refresh1).then().body("active", equalTo(false));
        introspect(app, refresh2).then().body("active", equalTo(true));
        assertThat(ApplicationResourceTest.query("SELECT type FROM outbox WHERE type = ? AND data LIKE '%" + app.clientId() + "%'",
                "latchkey.oauth.consent.granted.v1")).hasSize(1);
    }

    @Test
    void rememberedConsentSkipsThePageAndTheSessionSkipsTheSignIn() {
        var app = webApp();
        Browser browser = member();
        query(consent(browser, authParams(app), "approve"));
        Map<String, String> q = query(browser.authorize(authParams(app)));
        assertThat(q.get("code")).startsWith("lka_");
        assertThat(browser.signIns()).isEqualTo(1);
        // another browser of the same person: signs in again, consent still remembered
        Browser other = member();
        assertThat(query(other.authorize(authParams(app))).get("code")).startsWith("lka_");
        assertThat(other.signIns()).isEqualTo(1);
        // more than was consented to: asked again
        var more = authParams(app);
        more.put("scope", "account:read user:read");
        assertThat(consentForm(other.authorize(more)).get("scope")).isEqualTo("account:read user:read");
        assertThat(ApplicationResourceTest.query("SELECT type FROM outbox WHERE type = ? AND data LIKE '%" + app.clientId() + "%'",
                "latchkey.oauth.consent.granted.v1")).hasSize(1);
    }

    @Test
    void aDeniedConsentGoesBackWithAccessDenied() {
        var app = webApp();
        Map<String, String> q = query(consent(member(), authParams(app), "deny"));
        assertThat(q.get("_base")).isEqualTo(CALLBACK);
        assertThat(q.get("error")).isEqualTo("access_denied");
        assertThat(q.get("state")).isEqualTo("xyz-state");
        assertThat(q).doesNotContainKey("code");
        assertThat(ApplicationResourceTest.query("SELECT member_id FROM consents WHERE application_id = ?::uuid", app.id())).isEmpty();
    }

    @Test
    void refusesAConsentFormWithoutTheCsrfTokenOfThisSession() {
        var app = webApp();
        Browser browser = member();
        Map<String, String> form = consentForm(browser.authorize(authParams(app)));
        form.put("decision", "approve");

        Map<String, String> missing = new HashMap<>(form);
        missing.remove("csrf");
        assertErrorPage(browser.post("/oauth/authorize", missing), 403, "did not come from Latchkey");
        Map<String, String> wrong = new HashMap<>(form);
        wrong.put("csrf", form.get("csrf").substring(0, form.get("csrf").length() - 2) + "00");
        assertErrorPage(browser.post("/oauth/authorize", wrong), 403, "did not come from Latchkey");
        // the token of another sign-in session of the same person (e.g. a form an attacker fetched for themselves)
        Browser other = member();
        Map<String, String> foreign = consentForm(other.authorize(authParams(app)));
        Map<String, String> replayed = new HashMap<>(form);
        replayed.put("csrf", foreign.get("csrf"));
        assertErrorPage(browser.post("/oauth/authorize", replayed), 403, "did not come from Latchkey");
        // a field changed after the page was rendered
        Map<String, String> tampered = new HashMap<>(form);
        tampered.put("scope", "account:read user:read");
        assertErrorPage(browser.post("/oauth/authorize", tampered), 403, "did not come from Latchkey");

        assertThat(query(browser.post("/oauth/authorize", form)).get("code")).startsWith("lka_");
    }

    @Test
    void showsAnErrorPageAndNeverRedirectsForAnUnknownClientOrRedirectMismatch() {
        var app = webApp();
        Browser browser = member();
        var p = authParams(app);
        p.put("redirect_uri", "https://app.example.com/callback/other");
        assertErrorPage(browser.authorize(p), 400, "redirect_uri");
        p.put("redirect_uri", "https://evil.example.com/callback");
        assertErrorPage(browser.authorize(p), 400, "redirect_uri");
        p = authParams(app);
        p.put("client_id", "lkapp_unknown");
        assertErrorPage(browser.authorize(p), 400, "Unknown client");
        // another tenant's person does not learn that the client exists
        assertErrorPage(new Browser(provider, "someone@example.com", TENANT_B).authorize(authParams(app)), 400, "Unknown client");
    }

    @Test
    void showsAnErrorPageToAPersonWhoIsNotAnActiveMember() {
        var app = webApp();
        assertErrorPage(new Browser(provider, "stranger@example.com", TENANT_A).authorize(authParams(app)), 403,
                "There is no Latchkey member stranger@example.com in tenant " + TENANT_A);
        String disabled = UUID.randomUUID().toString();
        Directory.seedMember(TENANT_A, disabled, "Disabled@Example.com", "member", "disabled");
        assertErrorPage(new Browser(provider, "disabled@example.com", TENANT_A).authorize(authParams(app)), 403,
                "is disabled");
        assertErrorPage(new Browser(provider, MEMBER_A_EMAIL, null).authorize(authParams(app)), 403, "latchkey_tenant");
        assertThat(ApplicationResourceTest.query("SELECT member_id FROM consents WHERE application_id = ?::uuid", app.id())).isEmpty();
    }

    @Test
    void matchesTheMemberByUserNameIgnoringCase() {
        var app = webApp();
        Map<String, String> q = query(consent(new Browser(provider, "MEMBER-A@example.COM", TENANT_A), authParams(app), "approve"));
        redeem(app, q.get("code"), VERIFIER).then().statusCode(200);
    }

    @Test
    void knowsThePeopleOfTheDirectoryEventsByTheirUserName() {
        var app = webApp();
        String id = UUID.randomUUID().toString();
        String email = "evented-" + id + "@example.com";
        Directory.publishMember("created", TENANT_A, id, email, "member", "active");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(ApplicationResourceTest.query("SELECT id FROM members WHERE user_name = ?", email)).containsExactly(id));
        Map<String, String> q = query(consent(new Browser(provider, email, TENANT_A), authParams(app), "approve"));
        String access = redeem(app, q.get("code"), VERIFIER).then().statusCode(200).extract().path("access_token");
        introspect(app, access).then().body("active", equalTo(true)).body("sub", equalTo(id));

        // disabled through the directory: the person gets an error page, the consent is gone
        Directory.publishMember("disabled", TENANT_A, id, email, "member", "disabled");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(ApplicationResourceTest.query("SELECT status FROM members WHERE id = ?", id)).containsExactly("disabled"));
        assertThat(ApplicationResourceTest.query("SELECT member_id FROM consents WHERE member_id = ?", id)).isEmpty();
        assertErrorPage(new Browser(provider, email, TENANT_A).authorize(authParams(app)), 403, "is disabled");
    }

    @Test
    void refusesMissingPkceAndThePlainMethod() {
        var app = webApp();
        Browser browser = member();
        var p = authParams(app);
        p.remove("code_challenge");
        p.remove("code_challenge_method");
        assertThat(query(browser.authorize(p)).get("error")).isEqualTo("invalid_request");
        p = authParams(app);
        p.put("code_challenge_method", "plain");
        p.put("code_challenge", VERIFIER);
        Map<String, String> q = query(browser.authorize(p));
        assertThat(q.get("_base")).isEqualTo(CALLBACK);
        assertThat(q.get("error")).isEqualTo("invalid_request");
        assertThat(q.get("error_description")).contains("S256");
        assertThat(q.get("state")).isEqualTo("xyz-state");
    }

    @Test
    void refusesAWrongOrMissingCodeVerifier() {
        var app = webApp();
        String code = approvedCode(app);
        redeem(app, code, null).then().statusCode(400).body("error", equalTo("invalid_request"));
        redeem(app, code, VERIFIER.replace('d', 'e')).then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void refusesARedeemWithAnotherRedirectUri() {
        var app = Apps.authorizationCode(ADMIN_A, List.of(CALLBACK, "https://app.example.com/other"), List.of("account:read"));
        String code = approvedCode(app);
        given().auth().preemptive().basic(app.clientId(), app.secret()).contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "authorization_code").formParam("code", code)
                .formParam("redirect_uri", "https://app.example.com/other").formParam("code_verifier", VERIFIER)
                .when().post("/oauth/token").then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void aReplayedCodeIsRefusedAndRevokesWhatTheFirstUseIssued() {
        var app = webApp();
        String code = approvedCode(app);
        var first = redeem(app, code, VERIFIER).then().statusCode(200).extract().jsonPath();
        redeem(app, code, VERIFIER).then().statusCode(400).body("error", equalTo("invalid_grant"));

        introspect(app, first.getString("access_token")).then().body("active", equalTo(false));
        introspect(app, first.getString("refresh_token")).then().body("active", equalTo(false));
        refresh(app, first.getString("refresh_token")).then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void reusingARefreshTokenRevokesTheWholeFamily() {
        var app = webApp();
        String code = approvedCode(app);
        String refresh1 = redeem(app, code, VERIFIER).jsonPath().getString("refresh_token");
        var second = refresh(app, refresh1).then().statusCode(200).extract().jsonPath();

        refresh(app, refresh1).then().statusCode(400).body("error", equalTo("invalid_grant"));

        refresh(app, second.getString("refresh_token")).then().statusCode(400).body("error", equalTo("invalid_grant"));
        introspect(app, second.getString("access_token")).then().body("active", equalTo(false));
    }

    @Test
    void revokesRefreshAndAccessTokensOnTheClientsRequest() {
        var app = webApp();
        String code = approvedCode(app);
        var tokens = redeem(app, code, VERIFIER).jsonPath();
        given().auth().preemptive().basic(app.clientId(), app.secret()).contentType("application/x-www-form-urlencoded")
                .formParam("token", tokens.getString("access_token")).when().post("/oauth/revoke").then().statusCode(200);
        introspect(app, tokens.getString("access_token")).then().body("active", equalTo(false));
        assertThat(ApplicationResourceTest.outboxKeys("latchkey.credential.revocations")).anyMatch(k -> k.startsWith("jti:"));

        given().auth().preemptive().basic(app.clientId(), app.secret()).contentType("application/x-www-form-urlencoded")
                .formParam("token", tokens.getString("refresh_token")).when().post("/oauth/revoke").then().statusCode(200);
        refresh(app, tokens.getString("refresh_token")).then().statusCode(400).body("error", equalTo("invalid_grant"));
        // unknown tokens are fine too (RFC 7009)
        given().auth().preemptive().basic(app.clientId(), app.secret()).contentType("application/x-www-form-urlencoded")
                .formParam("token", "whatever").when().post("/oauth/revoke").then().statusCode(200);
    }

    @Test
    void sendsAPersonWhoIsNotSignedInToTheProviderNeverToTheClient() {
        var app = webApp();
        // a Latchkey credential does not sign a person in here: only the upstream provider does
        Response r = given().redirects().follow(false).header("Authorization", "Bearer " + MEMBER_A)
                .queryParams(authParams(app)).when().get("/oauth/authorize");
        r.then().statusCode(302);
        URI location = URI.create(r.header("Location"));
        assertThat(location.toString()).startsWith(provider.baseUrl());
        Map<String, String> q = Browser.query(location);
        assertThat(q.get("client_id")).isEqualTo("latchkey-oauth");
        assertThat(q.get("code_challenge_method")).isEqualTo("S256");
        assertThat(q.get("scope")).contains("openid").contains("email");
        assertThat(q.get("redirect_uri")).endsWith("/oauth/authorize");
    }

    @Test
    void listsAndRevokesTheMembersOwnConsents() {
        var app = webApp();
        String code = approvedCode(app);
        var tokens = redeem(app, code, VERIFIER).then().statusCode(200).extract().jsonPath();
        String refreshToken = tokens.getString("refresh_token");
        String access = tokens.getString("access_token");

        given().header("Authorization", "Bearer " + MEMBER_A).when().get("/api/v1/oauth-apps/consents").then()
                .statusCode(200)
                .body("items.find { it.applicationId == '" + app.id() + "' }.clientId", equalTo(app.clientId()))
                .body("items.find { it.applicationId == '" + app.id() + "' }.applicationName", equalTo("web app"))
                .body("items.find { it.applicationId == '" + app.id() + "' }.scopes", equalTo(List.of("account:read")));
        // another member has no such consent
        given().header("Authorization", "Bearer " + ADMIN_A).when().delete("/api/v1/oauth-apps/consents/" + app.id())
                .then().statusCode(404).contentType("application/problem+json");

        given().header("Authorization", "Bearer " + MEMBER_A).when().delete("/api/v1/oauth-apps/consents/" + app.id())
                .then().statusCode(204);
        given().header("Authorization", "Bearer " + MEMBER_A).when().delete("/api/v1/oauth-apps/consents/" + app.id())
                .then().statusCode(404);
        given().header("Authorization", "Bearer " + MEMBER_A).when().delete("/api/v1/oauth-apps/consents/not-a-uuid")
                .then().statusCode(404);
        given().header("Authorization", "Bearer " + MEMBER_A).when().get("/api/v1/oauth-apps/consents").then()
                .statusCode(200).body("items.findAll { it.applicationId == '" + app.id() + "' }", hasSize(0));

        refresh(app, refreshToken).then().statusCode(400).body("error", equalTo("invalid_grant"));
        introspect(app, access).then().body("active", equalTo(false));
        assertThat(ApplicationResourceTest.query("SELECT data FROM outbox WHERE type = ? AND data LIKE '%" + app.id() + "%'",
                "latchkey.oauth.consent.revoked.v1")).singleElement().asString().contains("revoked_by_member")
                .contains(MEMBER_A_ID);
        // the next authorization asks again
        assertThat(consentForm(member().authorize(authParams(app)))).containsKey("csrf");
        given().when().get("/api/v1/oauth-apps/consents").then().statusCode(401);
    }
}
