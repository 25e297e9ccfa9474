package dev.latchkey.console.security;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * CSRF protection of every form (double-submit cookie, the mechanism of quarkus-rest-csrf, whose jar the reachable
 * Maven Central lacks for this Quarkus version): a POST/PUT/PATCH/DELETE must carry the {@code lk_csrf} cookie's
 * value in the form field {@code csrf} or the {@code X-CSRF-Token} header, compared in constant time; a request
 * whose {@code Origin} is another site is refused too. The session cookie being SameSite=Lax is the second line.
 * Also marks every HTML page {@code Cache-Control: no-store} (pages show personal data and, once, secrets).
 */
public class CsrfFilter {
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final CsrfToken token;
    private final HttpServerRequest request;

    public CsrfFilter(CsrfToken token, HttpServerRequest request) {
        this.token = token;
        this.request = request;
    }

    @ServerRequestFilter(readBody = true)
    public Optional<Response> check(ResteasyReactiveContainerRequestContext context) {
        if (SAFE.contains(context.getMethod())) {
            return Optional.empty();
        }
        String origin = context.getHeaderString("Origin");
        if (origin != null && !origin.equals("null") && !sameOrigin(origin)) {
            return Optional.of(refuse("The request came from another site (" + origin + ")."));
        }
        String expected = token.fromCookie();
        String presented = context.getHeaderString(CsrfToken.HEADER);
        if (presented == null) {
            Object field = ((ResteasyReactiveRequestContext) context.getServerRequestContext())
                    .getFormParameter(CsrfToken.FIELD, true, false);
            presented = field == null ? null : field.toString();
        }
        if (expected == null || presented == null || !MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(refuse("The form's security token is missing or does not match: reload the page and try again."));
        }
        return Optional.empty();
    }

    @ServerResponseFilter
    public void after(ContainerRequestContext requestContext, ContainerResponseContext response) {
        var cookie = token.newCookie("https".equals(request.scheme()));
        if (cookie != null) {
            HttpServerResponse raw = request.response();
            raw.addCookie(cookie);
        }
        MediaType type = response.getMediaType();
        if (type != null && type.isCompatible(MediaType.TEXT_HTML_TYPE)) {
            response.getHeaders().putSingle("Cache-Control", "no-store");
        }
    }

    private boolean sameOrigin(String origin) {
        String host = request.getHeader("X-Forwarded-Host");
        if (host == null) {
            host = request.authority() == null ? request.getHeader("Host") : request.authority().toString();
        }
        return origin.equals(request.scheme() + "://" + host) || origin.equals("http://" + host)
                || origin.equals("https://" + host);
    }

    private static Response refuse(String detail) {
        return Response.status(403).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store")
                .entity("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Refused</title>"
                        + "<link rel=\"stylesheet\" href=\"/console/static/app.css\"></head><body><main class=\"page\">"
                        + "<h1>Request refused</h1><p role=\"alert\">" + detail.replace("<", "&lt;")
                        + "</p><p><a href=\"/console/\">Back to the console</a></p></main></body></html>")
                .build();
    }
}
