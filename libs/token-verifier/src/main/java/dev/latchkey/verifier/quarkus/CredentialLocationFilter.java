package dev.latchkey.verifier.quarkus;

import dev.latchkey.verifier.FailureReason;
import dev.latchkey.verifier.TokenVerifier;
import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Runs before authentication (Quarkus' authentication filter has priority 200; higher runs first):
 * <ul>
 *   <li>refuses a credential in the URL query string with a 400 that says why (RFC 9700 §2.6): URLs end up in
 *       access logs, browser history and Referer headers, so such a credential must be considered leaked;</li>
 *   <li>reads a POST form body when it may carry {@code auth_token} (no header credential), so the mechanism can
 *       see the field; Quarkus REST then uses the body already read. Not over HTTP/2: Quarkus REST pauses every
 *       request it takes, and Vert.x refuses to pause an HTTP/2 request whose body has been read (HTTP/1.1 ignores
 *       it), so every form POST over HTTP/2 without a header credential would answer 500 (quarkusio/quarkus#34393).
 *       Over HTTP/2 the credential must come in a header.</li>
 * </ul>
 */
@Singleton
public class CredentialLocationFilter {
    static final List<String> QUERY_CREDENTIALS = List.of("access_token", "auth_token", "token");
    static final int PRIORITY = 250;
    private static final String BODY = """
            {"type":"https://latchkey.dev/problems/credential-in-query","title":"Credential in the URL","status":400,\
            "detail":"Credentials must not be sent in the URL query string (RFC 9700 section 2.6): URLs are logged and \
            leaked through history and Referer headers. Send it as 'Authorization: Bearer <token>', and regenerate \
            this token, it must be considered exposed."}""";

    private final TokenVerifier verifier;
    private final BodyHandler bodyHandler = BodyHandler.create(false).setBodyLimit(64 * 1024).setMergeFormAttributes(false);

    CredentialLocationFilter(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        String query = request.query();
        if (query != null && !query.isEmpty()) {
            // the raw query only: getParam() would also see form fields merged in by a body handler (e.g. the
            // token=… of an RFC 7662 introspection or RFC 7009 revocation POST, which is where it belongs)
            String name = credentialParameter(query);
            if (name != null) {
                verifier.recordFailure(FailureReason.CREDENTIAL_IN_QUERY, null,
                        LatchkeyAuthenticationMechanism.clientIp(request));
                Log.infof("credential refused: %s (parameter %s) on %s", FailureReason.CREDENTIAL_IN_QUERY.code(),
                        name, request.path());
                context.response().setStatusCode(400)
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                        .end(BODY);
                return;
            }
        }
        if (isFormPost(request) && request.version() != HttpVersion.HTTP_2
                && request.getHeader(HttpHeaders.AUTHORIZATION) == null
                && request.getHeader(LatchkeyAuthenticationMechanism.AUTH_TOKEN_HEADER) == null
                && context.body().buffer() == null) {
            bodyHandler.handle(context);
            return;
        }
        context.next();
    }

    /** The first credential-bearing parameter name of a raw query string, or {@code null}. */
    static String credentialParameter(String query) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String raw = eq < 0 ? pair : pair.substring(0, eq);
            String name;
            try {
                name = java.net.URLDecoder.decode(raw, java.nio.charset.StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                name = raw;
            }
            if (QUERY_CREDENTIALS.contains(name)) {
                return name;
            }
        }
        return null;
    }

    /** A POST with an {@code application/x-www-form-urlencoded} body. */
    public static boolean isFormPost(HttpServerRequest request) {
        if (request.method() != HttpMethod.POST) {
            return false;
        }
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        return type != null && type.regionMatches(true, 0, "application/x-www-form-urlencoded", 0, 33);
    }
}
