package dev.latchkey.console;

import io.restassured.filter.cookie.CookieFilter;
import io.restassured.response.Response;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks the code flow against quarkus-test-oidc-server's WireMock provider the way a browser does: the console's
 * redirect to the provider, the provider's redirect back with a code, the console's session cookie.
 */
final class SignIn {
    private SignIn() {
    }

    /** A cookie jar signed in to the console (the WireMock provider signs everyone in as alice). */
    static CookieFilter signIn() {
        CookieFilter cookies = new CookieFilter();
        Response toProvider = given().filter(cookies).redirects().follow(false).get("/console/integration");
        assertThat(toProvider.statusCode()).isEqualTo(302);
        URI authorize = URI.create(toProvider.header("Location"));
        Map<String, String> q = query(authorize.getRawQuery());
        // the WireMock provider's login step answers with a redirect to redirect_uri carrying state and a code
        Response back = given().redirects().follow(false)
                .queryParam("redirect_uri", q.get("redirect_uri")).queryParam("state", q.get("state"))
                .get(authorize.getScheme() + "://" + authorize.getAuthority() + "/login");
        assertThat(back.statusCode()).isEqualTo(302);
        Response callback = given().filter(cookies).redirects().follow(false).urlEncodingEnabled(false)
                .get(back.header("Location"));
        assertThat(callback.statusCode()).as("callback answer").isEqualTo(302);
        assertThat(callback.header("Location")).endsWith("/console/integration");
        return cookies;
    }

    static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
