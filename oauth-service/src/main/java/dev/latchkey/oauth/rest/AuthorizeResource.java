package dev.latchkey.oauth.rest;

import dev.latchkey.oauth.service.AuthorizationService;
import dev.latchkey.oauth.service.AuthorizationService.ConsentPage;
import dev.latchkey.oauth.service.AuthorizationService.ErrorPage;
import dev.latchkey.oauth.service.AuthorizationService.Outcome;
import dev.latchkey.oauth.service.AuthorizationService.Redirect;
import dev.latchkey.verifier.quarkus.LatchkeyIdentity;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code /oauth/authorize}: HTML for people. The person is the member authenticated on this request (today: a
 * Latchkey credential; see README for the upstream OpenID Connect sign-in still to come).
 */
@Path("/oauth/authorize")
public class AuthorizeResource {
    private final AuthorizationService service;
    private final SecurityIdentity identity;

    AuthorizeResource(AuthorizationService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> authorize(UriInfo uri) {
        Map<String, String> params = new HashMap<>();
        for (var e : uri.getQueryParameters().entrySet()) {
            if (e.getValue().size() > 1) {
                return Uni.createFrom().item(page(new ErrorPage(400, "Parameter " + e.getKey() + " is repeated.")));
            }
            params.put(e.getKey(), e.getValue().get(0));
        }
        return service.authorize(params, LatchkeyIdentity.principalOf(identity)).map(AuthorizeResource::page);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> decide(MultivaluedMap<String, String> form) {
        Map<String, String> params = new HashMap<>();
        for (var e : form.entrySet()) {
            if (e.getValue().size() > 1) {
                return Uni.createFrom().item(page(new ErrorPage(400, "Parameter " + e.getKey() + " is repeated.")));
            }
            params.put(e.getKey(), e.getValue().get(0));
        }
        return service.decide(params, LatchkeyIdentity.principalOf(identity)).map(AuthorizeResource::page);
    }

    static Response page(Outcome outcome) {
        if (outcome instanceof Redirect r) {
            return Response.status(302).location(URI.create(r.location())).header("Cache-Control", "no-store").build();
        }
        if (outcome instanceof ErrorPage e) {
            return html(e.status(), "<h1>Cannot continue</h1><p>" + esc(e.message()) + "</p>");
        }
        ConsentPage c = (ConsentPage) outcome;
        StringBuilder b = new StringBuilder("<h1>Authorize ").append(esc(c.applicationName())).append("</h1>")
                .append("<p>The application <strong>").append(esc(c.applicationName())).append("</strong> (")
                .append(esc(c.clientId())).append(") asks to act for you with these scopes:</p><ul>");
        c.scopes().forEach(s -> b.append("<li><code>").append(esc(s)).append("</code></li>"));
        b.append("</ul><form method=\"post\" action=\"/oauth/authorize\">");
        c.hidden().forEach((k, v) -> b.append("<input type=\"hidden\" name=\"").append(esc(k)).append("\" value=\"")
                .append(esc(v)).append("\">"));
        b.append("<button name=\"decision\" value=\"approve\">Allow</button> ")
                .append("<button name=\"decision\" value=\"deny\">Deny</button></form>");
        return html(200, b.toString());
    }

    private static Response html(int status, String body) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE + ";charset=utf-8")
                .header("Cache-Control", "no-store")
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
                .entity("<!doctype html><html><head><meta charset=\"utf-8\"><title>Latchkey</title></head><body>"
                        + body + "</body></html>").build();
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
