package dev.latchkey.local;

import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static dev.latchkey.local.RunningPlatform.as;
import static dev.latchkey.local.RunningPlatform.asAdmin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Across processes, with the real upstream provider: a person's browser (an HTTP client keeping cookies) asks
 * oauth-service to authorize an application, is sent to Keycloak, signs in as alice on Keycloak's login form, comes
 * back, approves the consent page; the application exchanges the code with its PKCE verifier and calls accounts-api
 * with the access token, which names alice's member (provisioned by deploy/local through SCIM).
 */
class OAuthAuthorizationCodeIT {
    static final String CALLBACK = "http://localhost:9999/callback";
    static final String GATEWAY = "http://localhost:" + LocalPlatform.GATEWAY_PORT;

    @BeforeAll
    static void start() throws Exception {
        RunningPlatform.get().startKeycloak();
    }

    @Test
    void aliceSignsInAtKeycloakConsentsAndTheApplicationCallsAccountsApiForHer() throws Exception {
        String aliceId = RunningPlatform.get().personMemberId("alice");
        assertThat(aliceId).isNotNull();
        String name = "e2e-web-" + UUID.randomUUID().toString().substring(0, 8);
        Response registered = await().atMost(Duration.ofSeconds(30)).until(() -> asAdmin().contentType("application/json")
                .body(Map.of("name", name, "grantType", "authorization_code", "redirectUris", List.of(CALLBACK),
                        "scopes", List.of("system_user:read", "account:read")))
                .post("/api/v1/oauth-apps").then().extract().response(), r -> r.statusCode() == 201);
        String clientId = registered.path("application.clientId");
        String secret = registered.path("clientSecret");
        try {
            signInConsentAndCall(clientId, secret, name, aliceId);
        } finally {
            // the tenant may hold only a few applications (default 2): leave room for the other tests
            asAdmin().delete("/api/v1/oauth-apps/" + registered.path("application.id")).then().statusCode(204);
        }
    }

    private static void signInConsentAndCall(String clientId, String secret, String name, String aliceId) throws Exception {
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(new SecureRandom().generateSeed(32));
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String state = UUID.randomUUID().toString();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", clientId);
        params.put("redirect_uri", CALLBACK);
        params.put("scope", "system_user:read");
        params.put("state", state);
        params.put("code_challenge", challenge);
        params.put("code_challenge_method", "S256");

        Browser browser = new Browser();
        // oauth-service sends the person to Keycloak
        HttpResponse<String> login = browser.follow(browser.get(GATEWAY + "/oauth/authorize?" + Browser.form(params)));
        assertThat(login.uri().toString()).startsWith(Keycloak.ISSUER);
        assertThat(login.statusCode()).isEqualTo(200);
        Matcher action = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"").matcher(login.body());
        assertThat(action.find()).as(login.body()).isTrue();

        // alice signs in on Keycloak's form, comes back signed in and sees the consent page
        HttpResponse<String> consent = browser.follow(browser.post(action.group(1).replace("&amp;", "&"),
                Map.of("username", "alice", "password", "alice", "credentialId", "")));
        assertThat(consent.statusCode()).as(consent.body()).isEqualTo(200);
        assertThat(consent.uri().toString()).startsWith(GATEWAY + "/oauth/authorize");
        assertThat(consent.body()).contains(name).contains("system_user:read").contains("alice@example.com");

        Map<String, String> form = new LinkedHashMap<>();
        Matcher hidden = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">").matcher(consent.body());
        while (hidden.find()) {
            form.put(hidden.group(1), hidden.group(2).replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'"));
        }
        form.put("decision", "approve");
        HttpResponse<String> back = browser.follow(browser.post(GATEWAY + "/oauth/authorize", form));
        assertThat(back.statusCode()).isEqualTo(302);
        URI callback = URI.create(back.headers().firstValue("Location").orElseThrow());
        assertThat(callback.toString()).startsWith(CALLBACK + "?");
        Map<String, String> q = Browser.query(callback);
        assertThat(q.get("state")).isEqualTo(state);

        String accessToken = given().auth().preemptive().basic(clientId, secret)
                .formParam("grant_type", "authorization_code").formParam("code", q.get("code"))
                .formParam("redirect_uri", CALLBACK).formParam("code_verifier", verifier)
                .post("/oauth/token").then().statusCode(200)
                .body("scope", equalTo("system_user:read"))
                .extract().path("access_token");

        as(accessToken).get(TokenLifecycleIT.ACCOUNTS_API + "/api/v1/users/whoami").then().statusCode(200)
                .body("credentialKind", equalTo("jwt"))
                .body("clientId", equalTo(clientId))
                .body("principalId", equalTo(aliceId))
                .body("tenant", equalTo(LocalPlatform.TENANT));
    }

    /**
     * A browser: keeps cookies (Keycloak's and oauth-service's), follows redirects until one leaves for the client.
     * Like browsers, it treats http://localhost as a secure origin, so Keycloak's {@code Secure} cookies come back.
     */
    static final class Browser {
        private final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL) {
                    @Override
                    public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) throws java.io.IOException {
                        boolean loopback = "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost());
                        return super.get(loopback && "http".equals(uri.getScheme()) ? URI.create("https" + uri.toString().substring(4)) : uri, headers);
                    }
                })
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();

        HttpResponse<String> get(String url) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String url, Map<String, String> fields) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(fields))).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> follow(HttpResponse<String> response) throws Exception {
            for (int hops = 0; hops < 10 && response.statusCode() == 302; hops++) {
                URI next = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
                if (next.toString().startsWith(CALLBACK)) {
                    return response;
                }
                response = get(next.toString());
            }
            return response;
        }

        static String form(Map<String, String> fields) {
            return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        }

        static Map<String, String> query(URI uri) {
            Map<String, String> q = new HashMap<>();
            for (String kv : uri.getRawQuery().split("&")) {
                String[] p = kv.split("=", 2);
                q.put(p[0], p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "");
            }
            return q;
        }
    }
}
