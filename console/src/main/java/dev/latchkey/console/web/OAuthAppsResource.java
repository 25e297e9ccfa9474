package dev.latchkey.console.web;

import dev.latchkey.console.api.ApiResponse;
import dev.latchkey.console.api.PersonApi;
import dev.latchkey.console.api.Upstream;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** OAuth Applications (global admins): oauth-service {@code /api/v1/oauth-apps}. */
@Path("/oauth-apps")
@Produces(MediaType.TEXT_HTML)
public class OAuthAppsResource {
    private static final String APPS = "/api/v1/oauth-apps";

    private final PersonApi api;
    private final Pages pages;
    private final ScopeCatalog scopes;
    private final Template oauthApps;
    private final Template oauthApp;
    private final Template oauthSecret;

    public OAuthAppsResource(PersonApi api, Pages pages, ScopeCatalog scopes, Template oauthApps, Template oauthApp,
                             Template oauthSecret) {
        this.api = api;
        this.pages = pages;
        this.scopes = scopes;
        this.oauthApps = oauthApps;
        this.oauthApp = oauthApp;
        this.oauthSecret = oauthSecret;
    }

    @GET
    public TemplateInstance list(@RestQuery String cursor, @RestQuery String notice) {
        pages.requireGlobalAdmin();
        ApiResponse apps = api.get(Upstream.OAUTH, APPS + PersonApi.query(Map.of("limit", "50", "cursor", nz(cursor))));
        List<Map<String, Object>> members = api.get(Upstream.DIRECTORY, "/api/v1/members?limit=200").items().stream()
                .filter(m -> "active".equals(m.get("status"))).toList();
        return pages.page(oauthApps, "oauth-apps")
                .data("apps", apps.items())
                .data("next", apps.nextCursor())
                .data("members", members)
                .data("notice", Notices.text(notice))
                .data("entities", scopes.entities())
                .data("operations", scopes.operations());
    }

    @POST
    public TemplateInstance create(@RestForm String name, @RestForm String grantType, @RestForm String redirectUris,
                                   @RestForm String actingMemberId, @RestForm("scope") List<String> scope,
                                   @RestForm String accessTokenLifetimeSeconds, @RestForm String mutualTls) {
        pages.requireGlobalAdmin();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("grantType", grantType);
        if ("authorization_code".equals(grantType)) {
            body.put("redirectUris", lines(redirectUris));
        } else {
            body.put("actingMemberId", actingMemberId);
        }
        body.put("scopes", scope == null ? List.of() : scope);
        if (accessTokenLifetimeSeconds != null && !accessTokenLifetimeSeconds.isBlank()) {
            body.put("accessTokenLifetimeSeconds", Forms.integer("accessTokenLifetimeSeconds", accessTokenLifetimeSeconds));
        }
        body.put("mutualTls", mutualTls != null);
        Map<String, Object> created = api.post(Upstream.OAUTH, APPS, body).object();
        return secretPage("Application registered", created);
    }

    @GET
    @Path("{id}")
    public TemplateInstance details(@RestPath String id, @RestQuery String notice) {
        pages.requireGlobalAdmin();
        Map<String, Object> app = api.get(Upstream.OAUTH, APPS + "/" + PersonApi.segment(id)).object();
        Map<String, Object> certificate = Boolean.TRUE.equals(app.get("mutualTls"))
                ? api.get(Upstream.OAUTH, APPS + "/" + PersonApi.segment(id) + "/certificate").object() : null;
        return pages.page(oauthApp, "oauth-apps").data("app", app).data("certificate", certificate)
                .data("notice", Notices.text(notice));
    }

    @GET
    @Path("{id}/certificate.pem")
    @Produces("application/x-pem-file")
    public Response certificate(@RestPath String id) {
        pages.requireGlobalAdmin();
        ApiResponse pem = api.get(Upstream.OAUTH, APPS + "/" + PersonApi.segment(id) + "/certificate", "application/x-pem-file");
        return Response.ok(pem.body(), "application/x-pem-file")
                .header("Content-Disposition", "attachment; filename=\"" + id.replaceAll("[^A-Za-z0-9_-]", "") + "-certificate.pem\"")
                .build();
    }

    @POST
    @Path("{id}/certificate/renew")
    public TemplateInstance renew(@RestPath String id) {
        pages.requireGlobalAdmin();
        Map<String, Object> bundle = api.post(Upstream.OAUTH, APPS + "/" + PersonApi.segment(id) + "/certificate/renew", null)
                .object();
        Map<String, Object> app = api.get(Upstream.OAUTH, APPS + "/" + PersonApi.segment(id)).object();
        return secretPage("Certificate renewed", Map.of("application", app, "certificate", bundle));
    }

    @POST
    @Path("{id}/secret")
    public TemplateInstance rotate(@RestPath String id, @RestForm String gracePeriodSeconds) {
        pages.requireGlobalAdmin();
        Map<String, Object> body = new LinkedHashMap<>();
        if (gracePeriodSeconds != null && !gracePeriodSeconds.isBlank()) {
            body.put("gracePeriodSeconds", Forms.integer("gracePeriodSeconds", gracePeriodSeconds));
        }
        Map<String, Object> rotated = api.post(Upstream.OAUTH, APPS + "/" + PersonApi.segment(id) + "/secret", body).object();
        return secretPage("Client secret rotated", rotated);
    }

    @POST
    @Path("{id}/delete")
    public Response delete(@RestPath String id) {
        pages.requireGlobalAdmin();
        api.delete(Upstream.OAUTH, APPS + "/" + PersonApi.segment(id));
        return Response.seeOther(URI.create("/oauth-apps?notice=deleted")).build();
    }

    /** Client secret and/or certificate with its key: on this one no-store page only. */
    private TemplateInstance secretPage(String heading, Map<String, Object> answer) {
        return pages.page(oauthSecret, "oauth-apps").data("heading", heading)
                .data("app", answer.get("application"))
                .data("secret", answer.get("clientSecret"))
                .data("certificate", answer.get("certificate"));
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("[\\r\\n]+")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
