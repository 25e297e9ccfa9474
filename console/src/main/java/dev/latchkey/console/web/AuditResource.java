package dev.latchkey.console.web;

import dev.latchkey.console.api.ApiProblem;
import dev.latchkey.console.api.ApiResponse;
import dev.latchkey.console.api.PersonApi;
import dev.latchkey.console.api.Upstream;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestQuery;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Audit: the tenant's trail with filters, export and chain verification (audit-service {@code /api/v2/audit}). */
@Path("/audit")
public class AuditResource {
    private final PersonApi api;
    private final Pages pages;
    private final Template audit;

    public AuditResource(PersonApi api, Pages pages, Template audit) {
        this.api = api;
        this.pages = pages;
        this.audit = audit;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance trail(@RestQuery String actor, @RestQuery String actorType, @RestQuery String action,
                                  @RestQuery String target, @RestQuery String targetType, @RestQuery String from,
                                  @RestQuery String to, @RestQuery String cursor, @RestQuery String verify) {
        pages.profile(); // first: a person seen for the first time is provisioned by it
        Map<String, String> shown = filters(actor, actorType, action, target, targetType, from, to);
        Map<String, String> apiFilter = apiFilter(shown);
        Map<String, String> query = new LinkedHashMap<>(apiFilter);
        query.put("limit", "50");
        query.put("cursor", cursor == null ? "" : cursor);
        ApiResponse page = api.get(Upstream.AUDIT, "/api/v2/audit" + PersonApi.query(query));
        Map<String, Object> verification = verify == null ? null
                : api.get(Upstream.AUDIT, "/api/v2/audit/verify").object();
        String filterQuery = PersonApi.query(shown);
        return pages.page(audit, "audit")
                .data("items", page.items())
                .data("next", page.nextCursor())
                .data("filter", shown)
                .data("query", filterQuery)
                .data("verification", verification);
    }

    @GET
    @Path("/export")
    public Response export(@RestQuery String format, @RestQuery String actor, @RestQuery String actorType,
                           @RestQuery String action, @RestQuery String target, @RestQuery String targetType,
                           @RestQuery String from, @RestQuery String to) {
        String f = "csv".equals(format) ? "csv" : "ndjson";
        Map<String, String> query = apiFilter(filters(actor, actorType, action, target, targetType, from, to));
        query.put("format", f);
        ApiResponse file = api.get(Upstream.AUDIT, "/api/v2/audit/export" + PersonApi.query(query),
                "csv".equals(f) ? "text/csv" : "application/x-ndjson");
        return Response.ok(file.body(), "csv".equals(f) ? "text/csv; charset=utf-8" : "application/x-ndjson")
                .header("Content-Disposition", "attachment; filename=\"latchkey-audit." + f + "\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    private static Map<String, String> filters(String actor, String actorType, String action, String target,
                                               String targetType, String from, String to) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("actor", nz(actor));
        f.put("actorType", nz(actorType));
        f.put("action", nz(action));
        f.put("target", nz(target));
        f.put("targetType", nz(targetType));
        f.put("from", nz(from));
        f.put("to", nz(to));
        return f;
    }

    /** The page's filters as audit-service wants them: dates ({@code yyyy-mm-dd}) → RFC 3339; {@code to} inclusive. */
    private static Map<String, String> apiFilter(Map<String, String> shown) {
        Map<String, String> out = new LinkedHashMap<>(shown);
        out.put("from", day("from", shown.get("from"), 0));
        out.put("to", day("to", shown.get("to"), 1));
        return out;
    }

    private static String day(String field, String date, int plusDays) {
        if (date == null || date.isBlank()) {
            return "";
        }
        try {
            return LocalDate.parse(date.trim()).plusDays(plusDays).atStartOfDay().atOffset(ZoneOffset.UTC).toInstant().toString();
        } catch (DateTimeParseException e) {
            String message = "'" + date + "' is not a date (yyyy-mm-dd)";
            throw new ApiProblem(400, "about:blank", "Invalid " + field, message, List.of(Map.of("field", field, "message", message)));
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
