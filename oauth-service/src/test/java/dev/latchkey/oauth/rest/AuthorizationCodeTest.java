package dev.latchkey.oauth.rest;

import dev.latchkey.oauth.service.GrantService;
import dev.latchkey.oauth.support.Apps;
import dev.latchkey.oauth.support.Directory;
import dev.latchkey.testsupport.PostgresAndKafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.latchkey.oauth.support.TestCredentials.ADMIN_A;
import static dev.latchkey.oauth.support.TestCredentials.ADMIN_A_ID;
import static dev.latchkey.oauth.support.TestCredentials.MEMBER_A;
import static dev.latchkey.oauth.support.TestCredentials.MEMBER_A_ID;
import static dev.latchkey.oauth.support.TestCredentials.TENANT_A;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(value = PostgresAndKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "oauth_db"))
public class AuthorizationCodeTest {
    public static final String CALLBACK = "https://app.example.com/callback";
    static final String VERIFIER = "dBjftJeZ4CVP-mJ92K9wWtmEs8s3aQfg0kSYaPpXdZsAbCdEf";
    static final String CHALLENGE = GrantService.s256(VERIFIER);

    @BeforeAll
    static void seed() {
        Directory.seedTenantLimit(TENANT_A, 1000);
        Directory.seedMember(TENANT_A, MEMBER_A_ID, "member", "active");
        Directory.seedMember(TENANT_A, ADMIN_A_ID, "global_admin", "active");
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

    static Response authorize(String person, Map<String, String> params) {
        var req = given().redirects().follow(false);
        if (person != null) {
            req = req.header("Authorization", "Bearer " + person);
        }
        return req.queryParams(params).when().get("/oauth/authorize");
    }

    /** Goes through the consent page and answers {@code decision}; returns the redirect response. */
    static Response consent(String person, Map<String, String> params, String decision) {
        Response page = authorize(person, params);
        page.then().statusCode(200).contentType(containsString("text/html"));
        var form = given().redirects().follow(false).header("Authorization", "Bearer " + person)
                .contentType("application/x-www-form-urlencoded");
        var m = java.util.regex.Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")
                .matcher(page.asString());
        while (m.find()) {
            form = form.formParam(m.group(1), m.group(2).replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'").replace("&amp;", "&"));
        }
        return form.formParam("decision", decision).when().post("/oauth/authorize");
    }

    static Map<String, String> query(Response redirect) {
        redirect.then().statusCode(302);
        URI location = URI.create(redirect.header("Location"));
        Map<String, String> q = new HashMap<>();
        for (String kv : location.getRawQuery().split("&")) {
            String[] p = kv.split("=", 2);
            q.put(p[0], URLDecoder.decode(p[1], StandardCharsets.UTF_8));
        }
        q.put("_base", location.getScheme() + "://" + location.getAuthority() + location.getPath());
        return q;
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
    void runsTheWholeFlowWithConsentPkceAndRefreshRotation() {
        var app = webApp();
        Map<String, String> q = query(consent(MEMBER_A, authParams(app), "approve"));
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
    }

    @Test
    void remembersConsentSoTheSecondAuthorizationRedirectsAtOnce() {
        var app = webApp();
        query(consent(MEMBER_A, authParams(app), "approve"));
        Map<String, String> q = query(authorize(MEMBER_A, authParams(app)));
        assertThat(q.get("code")).startsWith("lka_");
        assertThat(ApplicationResourceTest.query("SELECT type FROM outbox WHERE type = ? AND data LIKE '%" + app.clientId() + "%'",
                "latchkey.oauth.consent.granted.v1")).hasSize(1);
    }

    @Test
    void aDeniedConsentGoesBackWithAccessDenied() {
        var app = webApp();
        Map<String, String> q = query(consent(MEMBER_A, authParams(app), "deny"));
        assertThat(q.get("error")).isEqualTo("access_denied");
        assertThat(q.get("state")).isEqualTo("xyz-state");
    }

    @Test
    void refusesAConsentFormWithoutAValidCsrfToken() {
        var app = webApp();
        var p = authParams(app);
        var form = given().redirects().follow(false).header("Authorization", "Bearer " + MEMBER_A)
                .contentType("application/x-www-form-urlencoded");
        for (var e : p.entrySet()) {
            form = form.formParam(e.getKey(), e.getValue());
        }
        form.formParam("csrf", "1.forged").formParam("decision", "approve").when().post("/oauth/authorize")
                .then().statusCode(403).header("Location", nullValue());
    }

    @Test
    void showsAnErrorPageAndNeverRedirectsForAnUnknownClientOrRedirectMismatch() {
        var app = webApp();
        var p = authParams(app);
        p.put("redirect_uri", "https://app.example.com/callback/other");
        authorize(MEMBER_A, p).then().statusCode(400).header("Location", nullValue()).contentType(containsString("text/html"));
        p.put("redirect_uri", "https://evil.example.com/callback");
        authorize(MEMBER_A, p).then().statusCode(400).header("Location", nullValue());
        p = authParams(app);
        p.put("client_id", "lkapp_unknown");
        authorize(MEMBER_A, p).then().statusCode(400).header("Location", nullValue());
    }

    @Test
    void refusesMissingPkceAndThePlainMethod() {
        var app = webApp();
        var p = authParams(app);
        p.remove("code_challenge");
        p.remove("code_challenge_method");
        assertThat(query(authorize(MEMBER_A, p)).get("error")).isEqualTo("invalid_request");
        p = authParams(app);
        p.put("code_challenge_method", "plain");
        p.put("code_challenge", VERIFIER);
        Map<String, String> q = query(authorize(MEMBER_A, p));
        assertThat(q.get("error")).isEqualTo("invalid_request");
        assertThat(q.get("error_description")).contains("S256");
        assertThat(q.get("state")).isEqualTo("xyz-state");
    }

    @Test
    void refusesAWrongOrMissingCodeVerifier() {
        var app = webApp();
        String code = query(consent(MEMBER_A, authParams(app), "approve")).get("code");
        redeem(app, code, null).then().statusCode(400).body("error", equalTo("invalid_request"));
        redeem(app, code, VERIFIER.replace('d', 'e')).then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void refusesARedeemWithAnotherRedirectUri() {
        var app = Apps.authorizationCode(ADMIN_A, List.of(CALLBACK, "https://app.example.com/other"), List.of("account:read"));
        String code = query(consent(MEMBER_A, authParams(app), "approve")).get("code");
        given().auth().preemptive().basic(app.clientId(), app.secret()).contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "authorization_code").formParam("code", code)
                .formParam("redirect_uri", "https://app.example.com/other").formParam("code_verifier", VERIFIER)
                .when().post("/oauth/token").then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void aReplayedCodeIsRefusedAndRevokesWhatTheFirstUseIssued() {
        var app = webApp();
        String code = query(consent(MEMBER_A, authParams(app), "approve")).get("code");
        var first = redeem(app, code, VERIFIER).then().statusCode(200).extract().jsonPath();
        redeem(app, code, VERIFIER).then().statusCode(400).body("error", equalTo("invalid_grant"));

        introspect(app, first.getString("access_token")).then().body("active", equalTo(false));
        introspect(app, first.getString("refresh_token")).then().body("active", equalTo(false));
        refresh(app, first.getString("refresh_token")).then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void reusingARefreshTokenRevokesTheWholeFamily() {
        var app = webApp();
        String code = query(consent(MEMBER_A, authParams(app), "approve")).get("code");
        String refresh1 = redeem(app, code, VERIFIER).jsonPath().getString("refresh_token");
        var second = refresh(app, refresh1).then().statusCode(200).extract().jsonPath();

        refresh(app, refresh1).then().statusCode(400).body("error", equalTo("invalid_grant"));

        refresh(app, second.getString("refresh_token")).then().statusCode(400).body("error", equalTo("invalid_grant"));
        introspect(app, second.getString("access_token")).then().body("active", equalTo(false));
    }

    @Test
    void revokesRefreshAndAccessTokensOnTheClientsRequest() {
        var app = webApp();
        String code = query(consent(MEMBER_A, authParams(app), "approve")).get("code");
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
    void requiresASignedInMember() {
        var app = webApp();
        authorize(null, authParams(app)).then().statusCode(401).header("Location", nullValue());
    }
}
