package dev.latchkey.console.web;

import dev.latchkey.console.api.ApiProblem;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tokens (global admins): the tenant's inventory (token-service {@code /api/v1/admin/tokens}). */
@Path("/tokens")
@Produces(MediaType.TEXT_HTML)
public class TokensResource {
    private final PersonApi api;
    private final Pages pages;
    private final Template tokens;

    public TokensResource(PersonApi api, Pages pages, Template tokens) {
        this.api = api;
        this.pages = pages;
        this.tokens = tokens;
    }

    @GET
    public TemplateInstance inventory(@RestQuery String ownerType, @RestQuery String ownerId, @RestQuery String status,
                                      @RestQuery String name, @RestQuery String expiringBefore,
                                      @RestQuery String unusedSince, @RestQuery String cursor, @RestQuery String notice) {
        pages.requireGlobalAdmin();
        Map<String, String> filter = new LinkedHashMap<>();
        filter.put("ownerType", nz(ownerType));
        filter.put("ownerId", nz(ownerId));
        filter.put("status", nz(status));
        filter.put("name", nz(name));
        filter.put("expiringBefore", startOfDay("expiringBefore", expiringBefore));
        filter.put("unusedSince", startOfDay("unusedSince", unusedSince));
        Map<String, String> query = new LinkedHashMap<>(filter);
        query.put("limit", "100");
        query.put("cursor", nz(cursor));
        ApiResponse page = api.get(Upstream.TOKEN, "/api/v1/admin/tokens" + PersonApi.query(query));
        List<Map<String, Object>> accounts = api.get(Upstream.DIRECTORY, "/api/v1/service-accounts?limit=200").items();
        Map<String, Object> owners = new HashMap<>();
        api.get(Upstream.DIRECTORY, "/api/v1/members?limit=200").items()
                .forEach(m -> owners.put("member:" + m.get("id"), m.get("displayName") != null ? m.get("displayName") : m.get("userName")));
        accounts.forEach(s -> owners.put("service_account:" + s.get("id"), s.get("name")));
        for (Map<String, Object> t : page.items()) {
            Map<?, ?> owner = t.get("owner") instanceof Map<?, ?> o ? o : Map.of();
            Object known = owners.get(owner.get("type") + ":" + owner.get("id"));
            t.put("ownerName", known != null ? known : owner.get("id"));
        }
        Map<String, String> shown = new HashMap<>(filter);
        shown.put("expiringBefore", nz(expiringBefore));
        shown.put("unusedSince", nz(unusedSince));
        return pages.page(tokens, "tokens")
                .data("tokens", page.items())
                .data("next", page.nextCursor())
                .data("filter", shown)
                .data("query", PersonApi.query(filter))
                .data("serviceAccounts", accounts.stream().filter(s -> "active".equals(s.get("status"))).toList())
                .data("notice", Notices.text(notice));
    }

    @POST
    @Path("/revoke")
    public Response revoke(@RestForm("ids") List<String> ids) {
        pages.requireGlobalAdmin();
        if (ids == null || ids.isEmpty()) {
            throw new ApiProblem(400, "about:blank", "Nothing selected", "tick the tokens to revoke first", null);
        }
        api.post(Upstream.TOKEN, "/api/v1/admin/tokens/revoke", Map.of("ids", ids));
        return Response.seeOther(URI.create("/tokens?notice=revoked")).build();
    }

    @POST
    @Path("/{id}/reassign")
    public Response reassign(@RestPath String id, @RestForm String serviceAccountId) {
        pages.requireGlobalAdmin();
        api.post(Upstream.TOKEN, "/api/v1/tokens/" + PersonApi.segment(id) + "/reassign",
                Map.of("serviceAccountId", nz(serviceAccountId)));
        return Response.seeOther(URI.create("/tokens?notice=reassigned")).build();
    }

    private static String startOfDay(String field, String date) {
        if (date == null || date.isBlank()) {
            return "";
        }
        try {
            return LocalDate.parse(date.trim()).atStartOfDay().atOffset(ZoneOffset.UTC).toInstant().toString();
        } catch (DateTimeParseException e) {
            String message = "'" + date + "' is not a date (yyyy-mm-dd)";
            throw new ApiProblem(400, "about:blank", "Invalid " + field, message, List.of(Map.of("field", field, "message", message)));
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
