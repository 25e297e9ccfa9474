package dev.latchkey.token.rest;

import dev.latchkey.problem.Problem;
import dev.latchkey.problem.ProblemException;
import dev.latchkey.token.config.TokenConfig;
import dev.latchkey.token.service.IntrospectionAnswer;
import dev.latchkey.token.service.TokenIntrospection;
import dev.latchkey.verifier.FailureReason;
import dev.latchkey.verifier.LatchkeyPrincipal;
import dev.latchkey.verifier.OpaqueTokens;
import dev.latchkey.verifier.Scopes;
import dev.latchkey.verifier.TokenVerifier;
import dev.latchkey.verifier.VerificationRequest;
import dev.latchkey.verifier.VerificationResult;
import dev.latchkey.verifier.quarkus.CredentialLocationFilter;
import dev.latchkey.verifier.quarkus.LatchkeyAuthenticationMechanism;
import dev.latchkey.verifier.quarkus.RequiresScopeFilter;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The hot path of {@code POST /api/v1/tokens/introspect}, answered on the event loop straight from the state
 * cache: the caller's {@code Bearer lkt_…} is verified by the same {@link TokenVerifier} as everywhere (usage,
 * metrics, audit of failures), then the introspected token's precomputed answer is written as bytes. No
 * RESTEasy, CDI request context, Mutiny or Jackson per request.
 *
 * <p>It runs before Quarkus' authentication and takes only the plain case: a form POST without a query string,
 * a {@code Bearer lkt_…} credential, a body within the limit, no TLS client certificate. Anything else
 * ({@code auth_token} in the form, a JWT, a query string, TLS) goes on to {@link IntrospectionResource}, which
 * gives the same answers through the general chain.
 */
@ApplicationScoped
public class IntrospectionRoute {
    static final String PATH = "/api/v1/tokens/introspect";
    static final String TOKEN_REQUIRED = "is required (RFC 7662 form field)";
    /** Before Quarkus' authentication (route order -200) and the verifier's credential filter (-250). */
    private static final int ORDER = -300;
    private static final int MAX_BODY = 64 * 1024;
    private static final String JSON = "application/json";

    private final TokenVerifier verifier;
    private final TokenIntrospection introspection;
    private final String operatorTenant;
    private final String tokenRequired;

    IntrospectionRoute(TokenVerifier verifier, TokenIntrospection introspection, TokenConfig config) {
        this.verifier = verifier;
        this.introspection = introspection;
        this.operatorTenant = config.platformOperatorTenant();
        this.tokenRequired = Json.encode(ProblemException.invalid("token", TOKEN_REQUIRED).problem());
    }

    void register(@Observes Router router) {
        router.post(PATH).order(ORDER).handler(rc -> {
            String credential = plainCase(rc.request());
            if (credential == null) {
                rc.next();
                return;
            }
            Context context = Vertx.currentContext();
            rc.request().body().onSuccess(body -> verify(rc.request(), rc.response(), credential, body, context))
                    .onFailure(rc::fail);
            // the router pauses each request until a handler wants its body
            rc.request().resume();
        });
    }

    /** The caller's credential when this route may answer alone, else {@code null}. */
    private static String plainCase(HttpServerRequest request) {
        String query = request.query();
        if (query != null && !query.isEmpty() || request.isSSL() || !CredentialLocationFilter.isFormPost(request)) {
            return null;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            if (length == null || Long.parseLong(length.trim()) > MAX_BODY) {
                return null;
            }
        } catch (NumberFormatException e) {
            return null;
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String credential = authorization.substring(7).trim();
        return credential.startsWith(OpaqueTokens.API_TOKEN) ? credential : null;
    }

    private void verify(HttpServerRequest request, HttpServerResponse response, String credential, Buffer body,
                        Context context) {
        String clientIp = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        TokenVerifier v = verifier;
        v.verify(new VerificationRequest(credential, request.getHeader(HttpHeaders.ORIGIN),
                        request.getHeader(HttpHeaders.REFERER), null, clientIp))
                .whenComplete((result, error) -> onContext(context, () -> {
                    if (error != null) {
                        fail(response, LatchkeyAuthenticationMechanism.challenge(FailureReason.INTROSPECTION_UNAVAILABLE));
                    } else if (!result.isSuccess()) {
                        fail(response, LatchkeyAuthenticationMechanism.challenge(result.failure()));
                    } else if (!result.principal().hasScope(Scopes.TOKEN_INTROSPECT)) {
                        v.recordFailure(FailureReason.INSUFFICIENT_SCOPE, result.principal(), clientIp);
                        response.setStatusCode(403)
                                .putHeader("WWW-Authenticate",
                                        RequiresScopeFilter.insufficientScopeChallenge(Scopes.TOKEN_INTROSPECT))
                                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                                .end(RequiresScopeFilter.insufficientScopeProblem(Scopes.TOKEN_INTROSPECT));
                    } else {
                        introspect(response, result, formField(body, "token"), context);
                    }
                }));
    }

    private void introspect(HttpServerResponse response, VerificationResult caller, String token, Context context) {
        if (token == null || token.isEmpty()) {
            response.setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(tokenRequired);
            return;
        }
        LatchkeyPrincipal principal = caller.principal();
        introspection.answer(token).whenComplete((answer, error) -> onContext(context, () -> {
            if (error != null) {
                response.setStatusCode(503).putHeader("Retry-After", "1").end();
                return;
            }
            Instant now = Instant.now();
            var result = answer.at(now);
            byte[] json = result.active() && (operatorTenant.equals(principal.tenant())
                    || principal.tenant().equals(result.tenant())) ? answer.json(now) : IntrospectionAnswer.inactiveJson();
            response.putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(Buffer.buffer(json));
        }));
    }

    private static void fail(HttpServerResponse response, ChallengeData challenge) {
        response.setStatusCode(challenge.status);
        challenge.getHeaders().forEach(response::putHeader);
        response.end();
    }

    /** Runs on the request's own context: a look-up shared by concurrent requests completes on another one. */
    private static void onContext(Context context, Runnable action) {
        if (Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(ignored -> action.run());
        }
    }

    /** The first value of a form field ({@code application/x-www-form-urlencoded}), decoded; {@code null} if absent. */
    static String formField(Buffer body, String name) {
        String form = body.toString(StandardCharsets.UTF_8);
        int i = 0;
        while (i <= form.length()) {
            int end = form.indexOf('&', i);
            if (end < 0) {
                end = form.length();
            }
            int eq = form.indexOf('=', i);
            String key = eq >= 0 && eq < end ? form.substring(i, eq) : form.substring(i, end);
            if (decode(key).equals(name)) {
                return eq >= 0 && eq < end ? decode(form.substring(eq + 1, end)) : "";
            }
            i = end + 1;
        }
        return null;
    }

    private static String decode(String s) {
        try {
            return s.indexOf('%') < 0 && s.indexOf('+') < 0 ? s : URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
