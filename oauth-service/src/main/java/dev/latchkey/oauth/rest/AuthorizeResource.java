package dev.latchkey.oauth.rest;

import dev.latchkey.oauth.service.AuthorizationService;
import dev.latchkey.oauth.service.AuthorizationService.ConsentPage;
import dev.latchkey.oauth.service.AuthorizationService.ErrorPage;
import dev.latchkey.oauth.service.AuthorizationService.Outcome;
import dev.latchkey.oauth.service.AuthorizationService.Person;
import dev.latchkey.oauth.service.AuthorizationService.Redirect;
import dev.latchkey.verifier.OpaqueTokens;
import dev.latchkey.verifier.quarkus.PeopleConfig;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.json.JsonString;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /oauth/authorize}: HTML for people. The person signs in through the upstream OpenID Connect provider
 * (quarkus-oidc code flow, OIDC tenant {@value #SIGNIN_TENANT}; see application.properties); this resource only
 * runs for a signed-in person and reads who they are from the ID token.
 */
@Path("/oauth/authorize")
public class AuthorizeResource {
    static final String SIGNIN_TENANT = "signin";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance consent(ConsentPage page, List<ScopeLine> scopes, List<Field> fields);

        static native TemplateInstance error(String message);
    }

    /** A scope on the consent page: what it allows, in words, and the scope itself. */
    record ScopeLine(String scope, String description) {
    }

    record Field(String name, String value) {
    }

    private final AuthorizationService service;
    private final SecurityIdentity identity;
    private final PeopleConfig people;

    AuthorizeResource(AuthorizationService service, SecurityIdentity identity, PeopleConfig people) {
        this.service = service;
        this.identity = identity;
        this.people = people;
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
        return service.authorize(params, person()).map(AuthorizeResource::page);
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
        return service.decide(params, person()).map(AuthorizeResource::page);
    }

    /** The person of the sign-in session, or null when the identity does not come from it. */
    private Person person() {
        if (identity.isAnonymous() || !SIGNIN_TENANT.equals(identity.getAttribute("tenant-id"))
                || !(identity.getPrincipal() instanceof JsonWebToken idToken)) {
            return null;
        }
        IdTokenCredential credential = identity.getCredential(IdTokenCredential.class);
        String session = credential == null ? null : OpaqueTokens.sha256(credential.getToken());
        return new Person(claim(idToken, people.tenantClaim()), claim(idToken, people.userNameClaim()),
                session);
    }

    private static String claim(JsonWebToken token, String name) {
        Object value = token.getClaim(name);
        if (value instanceof JsonString s) {
            return s.getString();
        }
        return value instanceof String s && !s.isBlank() ? s : null;
    }

    static Response page(Outcome outcome) {
        if (outcome instanceof Redirect r) {
            return Response.status(302).location(URI.create(r.location())).header("Cache-Control", "no-store").build();
        }
        if (outcome instanceof ErrorPage e) {
            return html(e.status(), Templates.error(e.message()).render());
        }
        ConsentPage c = (ConsentPage) outcome;
        List<ScopeLine> scopes = c.scopes().stream().map(s -> new ScopeLine(s, describe(s))).toList();
        List<Field> fields = c.hidden().entrySet().stream().map(e -> new Field(e.getKey(), e.getValue())).toList();
        return html(200, Templates.consent(c, scopes, fields).render());
    }

    /** {@code account:read} → "Read accounts" (DESIGN.md §4 grammar). */
    static String describe(String scope) {
        if ("admin".equals(scope)) {
            return "Administer everything you can administer";
        }
        int colon = scope.indexOf(':');
        if (colon < 0) {
            return scope;
        }
        String things = scope.substring(0, colon).replace('_', ' ') + "s";
        return switch (scope.substring(colon + 1)) {
            case "read" -> "Read " + things;
            case "create" -> "Create " + things;
            case "update" -> "Change " + things;
            case "upsert" -> "Create and change " + things;
            case "delete" -> "Delete " + things;
            case "all" -> "Full access to " + things;
            case "definitions:read" -> "Read the definitions of " + things;
            case "definitions:upsert" -> "Change the definitions of " + things;
            case "introspect" -> "Check " + things;
            default -> scope;
        };
    }

    private static Response html(int status, String body) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE + ";charset=utf-8")
                .header("Cache-Control", "no-store")
                .header("X-Frame-Options", "DENY")
                // no form-action: browsers apply it to the redirect to the client after the consent POST
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'")
                .entity(body).build();
    }
}
