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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Integration: the person's own API tokens (token-service {@code /api/v1/tokens}). */
@Path("/integration")
@Produces(MediaType.TEXT_HTML)
public class IntegrationResource {
    private final PersonApi api;
    private final Pages pages;
    private final ScopeCatalog scopes;
    private final Template integration;
    private final Template secret;

    public IntegrationResource(PersonApi api, Pages pages, ScopeCatalog scopes, Template integration, Template secret) {
        this.api = api;
        this.pages = pages;
        this.scopes = scopes;
        this.integration = integration;
        this.secret = secret;
    }

    @GET
    public TemplateInstance list(@RestQuery String status, @RestQuery String cursor, @RestQuery String notice) {
        pages.profile(); // first: a person seen for the first time is provisioned by it
        ApiResponse tokens = api.get(Upstream.TOKEN, "/api/v1/tokens"
                + PersonApi.query(Map.of("status", nz(status), "cursor", nz(cursor), "limit", "50")));
        Map<String, Object> policy = api.get(Upstream.TOKEN, "/api/v1/token-policy").object();
        return pages.page(integration, "integration")
                .data("tokens", tokens.items())
                .data("next", tokens.nextCursor())
                .data("status", nz(status))
                .data("notice", Notices.text(notice))
                .data("expirations", Expirations.offered(policy))
                .data("latestDate", Expirations.latestCustomDate(policy))
                .data("policy", policy)
                .data("entities", scopes.entities())
                .data("operations", scopes.operations());
    }

    @POST
    @Path("/tokens")
    public TemplateInstance create(@RestForm String name, @RestForm("scope") List<String> scope,
                                   @RestForm String expiration, @RestForm String expiresOn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("scopes", scope == null ? List.of() : scope);
        body.putAll(Expirations.fields(expiration, expiresOn));
        Map<String, Object> issued = api.post(Upstream.TOKEN, "/api/v1/tokens", body).object();
        return shown(issued, "Token created");
    }

    @POST
    @Path("/tokens/{id}")
    public Response edit(@RestPath String id, @RestForm String name, @RestForm String expiration,
                         @RestForm String expiresOn) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (name != null && !name.isBlank()) {
            body.put("name", name);
        }
        body.putAll(Expirations.fields(expiration, expiresOn));
        api.patch(Upstream.TOKEN, "/api/v1/tokens/" + PersonApi.segment(id), body);
        return back("updated");
    }

    @POST
    @Path("/tokens/{id}/regenerate")
    public TemplateInstance regenerate(@RestPath String id) {
        Map<String, Object> issued = api.post(Upstream.TOKEN, "/api/v1/tokens/" + PersonApi.segment(id) + "/regenerate",
                Map.of()).object();
        return shown(issued, "Token regenerated");
    }

    @POST
    @Path("/tokens/{id}/delete")
    public Response delete(@RestPath String id) {
        api.delete(Upstream.TOKEN, "/api/v1/tokens/" + PersonApi.segment(id));
        return back("deleted");
    }

    /** The new value, on this one page only (never stored by the console; the page is no-store). */
    private TemplateInstance shown(Map<String, Object> issued, String heading) {
        return pages.page(secret, "integration")
                .data("heading", heading)
                .data("what", "token")
                .data("label", "Token " + issued.getOrDefault("name", ""))
                .data("value", issued.get("token"))
                .data("back", "/console/integration");
    }

    private static Response back(String notice) {
        return Response.seeOther(URI.create("/integration?notice=" + notice)).build();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
