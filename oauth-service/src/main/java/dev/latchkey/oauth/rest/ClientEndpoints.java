package dev.latchkey.oauth.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.oauth.rest.model.TokenResponse;
import dev.latchkey.oauth.service.ClientAuthenticator;
import dev.latchkey.oauth.service.GrantService;
import dev.latchkey.oauth.service.OAuthError;
import dev.latchkey.oauth.service.OAuthException;
import dev.latchkey.oauth.service.TokenStateService;
import dev.latchkey.problem.BodyLimitFilter;
import dev.latchkey.problem.Problem;
import dev.latchkey.problem.ProblemMappers;
import dev.latchkey.verifier.quarkus.CredentialLocationFilter;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.arc.ManagedContext;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The client-authenticated endpoints: RFC 6749 token endpoint, RFC 7009 revocation, RFC 7662 introspection. Errors:
 * RFC 6749 §5.2 JSON ({@link OAuthErrorWriter}).
 *
 * <p>Vert.x routes, ahead of Quarkus' HTTP authentication and of Quarkus REST: these endpoints authenticate the
 * client themselves ({@link ClientAuthenticator}), and those layers took more of a grant's CPU than its signature
 * (proactive authentication, the path-permission check, Quarkus REST's handler chain; oauth-service/README.md).
 * They run after {@link CredentialLocationFilter} (a credential in the query string is refused first) and answer an
 * oversized body as {@link BodyLimitFilter} does. The request context is active, as in a reactive route, so the events the
 * endpoints write carry the request's origin.
 */
@Singleton
public class ClientEndpoints {
    /** After {@link CredentialLocationFilter} (order -250), before Quarkus' HTTP authentication (order -200). */
    static final int ORDER = -225;
    private static final String FORM = "application/x-www-form-urlencoded";
    /** Where {@link #readBody} leaves the body for the endpoint. */
    private static final String BODY = ClientEndpoints.class.getName() + ".body";
    private static final List<String> GRANT_TYPES = List.of("client_credentials", "authorization_code", "refresh_token");

    private final ClientAuthenticator authenticator;
    private final GrantService grants;
    private final TokenStateService tokens;
    private final ClientCertificate certificate;
    private final BodyLimitFilter bodyLimit;
    private final ObjectMapper json;
    private final CurrentVertxRequest currentRequest;
    private final ManagedContext requestContext = Arc.container().requestContext();

    ClientEndpoints(ClientAuthenticator authenticator, GrantService grants, TokenStateService tokens,
                    ClientCertificate certificate, BodyLimitFilter bodyLimit, ObjectMapper json,
                    CurrentVertxRequest currentRequest) {
        this.authenticator = authenticator;
        this.grants = grants;
        this.tokens = tokens;
        this.certificate = certificate;
        this.bodyLimit = bodyLimit;
        this.json = json;
        this.currentRequest = currentRequest;
    }

    void register(@Observes Router router) {
        route(router, "/oauth/token", this::token);
        route(router, "/oauth/revoke", this::revoke);
        route(router, "/oauth/introspect", this::introspect);
    }

    /** The body is read (unless {@link CredentialLocationFilter} already did), then the endpoint runs. */
    private void route(Router router, String path, Handler<RoutingContext> endpoint) {
        router.post(path).order(ORDER).handler(this::readBody).handler(rc -> inRequestContext(rc, endpoint));
    }

    /**
     * Reads the body, up to the body limit: a larger one, declared or not, gets {@link BodyLimitFilter}'s 413.
     * Not Vert.x's {@code BodyHandler}: for a form it also decodes the attributes with Netty's multipart decoder,
     * which throws an exception, stack trace and all, at the end of every body (2.5 % of a grant's CPU).
     */
    private void readBody(RoutingContext rc) {
        if (bodyLimit.refusedOversized(rc)) {
            return;
        }
        if (rc.body().buffer() != null) {
            rc.put(BODY, rc.body().buffer());
            rc.next();
            return;
        }
        HttpServerRequest request = rc.request();
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (rc.response().ended()) {
                return;
            }
            if (body.length() + chunk.length() > bodyLimit.limit()) {
                bodyLimit.refuse(rc);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(ended -> {
            if (!rc.response().ended()) {
                rc.put(BODY, body);
                rc.next();
            }
        });
        request.exceptionHandler(rc::fail);
        request.resume(); // Quarkus pauses a request until a handler wants its body
    }

    /**
     * Runs the endpoint in a request context of its own, as Quarkus runs a reactive route: active while the endpoint
     * and the callbacks of what it starts run (context propagation), destroyed when the response has ended.
     */
    private void inRequestContext(RoutingContext rc, Handler<RoutingContext> endpoint) {
        requestContext.activate();
        try {
            currentRequest.setCurrent(rc);
            InjectableContext.ContextState state = requestContext.getState();
            rc.addEndHandler(ended -> requestContext.destroy(state));
            endpoint.handle(rc);
        } finally {
            requestContext.deactivate();
        }
    }

    void token(RoutingContext rc) {
        answer(rc, params -> {
            String grantType = params.get("grant_type");
            if (grantType == null) {
                throw new OAuthException(OAuthError.INVALID_REQUEST, "grant_type is required.");
            }
            if (!GRANT_TYPES.contains(grantType)) {
                throw new OAuthException(OAuthError.UNSUPPORTED_GRANT_TYPE, "grant_type " + grantType + " is not supported.");
            }
            return authenticate(rc, params).chain(client -> switch (grantType) {
                case "client_credentials" -> grants.clientCredentials(client, params.get("scope"));
                case "authorization_code" -> grants.authorizationCode(client, params.get("code"),
                        params.get("redirect_uri"), params.get("code_verifier"));
                default -> grants.refresh(client, params.get("refresh_token"), params.get("scope"));
            }).map(TokenResponse::toJson);
        });
    }

    void revoke(RoutingContext rc) {
        answer(rc, params -> authenticate(rc, params).chain(client -> tokens.revoke(client, requiredToken(params)))
                .replaceWith((byte[]) null));
    }

    void introspect(RoutingContext rc) {
        answer(rc, params -> authenticate(rc, params).chain(client -> tokens.introspect(client, requiredToken(params)))
                .map(this::json));
    }

    private Uni<ClientAuthenticator.AuthenticatedClient> authenticate(RoutingContext rc, Map<String, String> params) {
        return authenticator.authenticate(params, rc.request().getHeader(HttpHeaders.AUTHORIZATION),
                certificate.thumbprint(rc.request()));
    }

    private byte[] json(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON answer", e);
        }
    }

    /**
     * Runs an endpoint on the request's form parameters and writes its answer: 200 with its JSON body (none for
     * null), an {@link OAuthException} as RFC 6749 §5.2 JSON, anything else as a 500 problem naming an incident.
     */
    private void answer(RoutingContext rc, Function<Map<String, String>, Uni<? extends byte[]>> endpoint) {
        Uni<? extends byte[]> result;
        try {
            result = endpoint.apply(form(rc.request().getHeader(HttpHeaders.CONTENT_TYPE), rc.get(BODY)));
        } catch (RuntimeException e) {
            fail(rc, e);
            return;
        }
        result.subscribe().with(item -> ok(rc, item), failure -> fail(rc, failure));
    }

    private static void ok(RoutingContext rc, byte[] body) {
        HttpServerResponse response = rc.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        if (body == null) {
            response.end();
            return;
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json").putHeader("Pragma", "no-cache")
                .end(Buffer.buffer(body));
    }

    private static void fail(RoutingContext rc, Throwable failure) {
        if (failure instanceof OAuthException e) {
            OAuthErrorWriter.write(rc.response(), e);
            return;
        }
        Problem problem = ProblemMappers.unexpectedProblem(failure);
        rc.response().setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(Json.encode(problem));
    }

    /**
     * RFC 6749 §3.2: {@code application/x-www-form-urlencoded} parameters (decoded by the JDK's form decoder, UTF-8),
     * none repeated; one without a value counts as omitted.
     */
    static Map<String, String> form(String contentType, Buffer body) {
        if (contentType == null || !contentType.regionMatches(true, 0, FORM, 0, FORM.length())) {
            throw new OAuthException(OAuthError.INVALID_REQUEST, "Send the parameters as " + FORM + ".");
        }
        Map<String, String> params = new HashMap<>();
        Set<String> names = new HashSet<>();
        for (String pair : body.toString(StandardCharsets.UTF_8).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = formDecode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : formDecode(pair.substring(eq + 1));
            if (!names.add(name)) {
                throw new OAuthException(OAuthError.INVALID_REQUEST, "Parameter " + name + " is repeated.");
            }
            if (!value.isEmpty()) {
                params.put(name, value);
            }
        }
        return params;
    }

    private static String formDecode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new OAuthException(OAuthError.INVALID_REQUEST, "The parameters are not correctly form-encoded.");
        }
    }

    /** RFC 7009 §2.1 and RFC 7662 §2.1: the {@code token} parameter is required. */
    private static String requiredToken(Map<String, String> params) {
        String token = params.get("token");
        if (token == null) {
            throw new OAuthException(OAuthError.INVALID_REQUEST, "token is required.");
        }
        return token;
    }
}
