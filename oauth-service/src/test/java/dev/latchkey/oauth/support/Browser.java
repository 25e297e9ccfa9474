package dev.latchkey.oauth.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.restassured.RestAssured;
import io.smallrye.jwt.build.Jwt;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A person's browser: keeps cookies, follows redirects itself, and signs in at the upstream provider (the WireMock
 * OpenID Connect provider of quarkus-test-oidc-server) when oauth-service sends it there. Signing in is what the
 * provider's login form ends with: a redirect back to oauth-service with {@code state} and a code, for which the
 * provider's token endpoint answers an ID token with the person's claims.
 */
public final class Browser {
    /** quarkus-test-oidc-server's issuer. */
    public static final String ISSUER = "https://server.example.com";

    private final WireMockServer provider;
    private final String email;
    private final String tenant;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    /** How many times this browser went through the provider's sign-in. */
    private int signIns;

    /** A person whose ID token says {@code email} and {@code latchkey_tenant} (either may be null: claim absent). */
    public Browser(WireMockServer provider, String email, String tenant) {
        this.provider = provider;
        this.email = email;
        this.tenant = tenant;
    }

    public static String base() {
        return "http://localhost:" + RestAssured.port;
    }

    /** The browser's cookies for oauth-service as a {@code Cookie} header, for a request made with another client. */
    public String cookieHeader() {
        return cookies.getCookieStore().get(URI.create(base())).stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
    }

    public int signIns() {
        return signIns;
    }

    /** GET /oauth/authorize with these parameters; signs in on the way when asked to; the answer that leaves oauth-service. */
    public HttpResponse<String> authorize(Map<String, String> params) {
        return follow(send(HttpRequest.newBuilder(URI.create(base() + "/oauth/authorize?" + form(params))).GET()));
    }

    /** POST of the consent form. */
    public HttpResponse<String> post(String path, Map<String, String> fields) {
        return follow(send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)))));
    }

    private HttpResponse<String> follow(HttpResponse<String> response) {
        for (int hops = 0; hops < 10 && response.statusCode() == 302; hops++) {
            URI location = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
            if (location.toString().startsWith(provider.baseUrl())) {
                location = signIn(location);
            } else if (!location.toString().startsWith(base())) {
                return response; // leaving oauth-service: the client's redirect URI
            }
            response = send(HttpRequest.newBuilder(location).GET());
        }
        return response;
    }

    /** The provider's side of a sign-in: answers where its login form would send the browser. */
    private URI signIn(URI authorizationRequest) {
        Map<String, String> q = query(authorizationRequest);
        String code = UUID.randomUUID().toString();
        var token = Jwt.issuer(ISSUER).audience(q.get("client_id")).subject("upstream-" + email)
                .claim("preferred_username", String.valueOf(email));
        if (email != null) {
            token = token.claim("email", email);
        }
        if (tenant != null) {
            token = token.claim("latchkey_tenant", tenant);
        }
        String idToken = token.jws().keyId("1").sign("privateKey.jwk");
        provider.stubFor(WireMock.post("/auth/realms/quarkus/token")
                .withRequestBody(WireMock.containing("code=" + code))
                .willReturn(WireMock.aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"" + idToken + "\",\"token_type\":\"Bearer\",\"expires_in\":300,"
                                + "\"id_token\":\"" + idToken + "\"}")));
        signIns++;
        return URI.create(q.get("redirect_uri") + "?state=" + enc(q.get("state")) + "&code=" + code);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, String> query(URI uri) {
        Map<String, String> q = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String kv : uri.getRawQuery().split("&")) {
                String[] p = kv.split("=", 2);
                q.put(URLDecoder.decode(p[0], StandardCharsets.UTF_8), p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "");
            }
        }
        return q;
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
