package dev.latchkey.audit.rest;

import dev.latchkey.audit.rest.model.AuditPage;
import dev.latchkey.audit.rest.model.VerifyResponse;
import dev.latchkey.audit.service.AuditFilter;
import dev.latchkey.audit.service.AuditQueryService;
import dev.latchkey.audit.service.ChainVerifier;
import dev.latchkey.audit.service.Position;
import dev.latchkey.problem.Problem;
import dev.latchkey.problem.ProblemException;
import dev.latchkey.verifier.quarkus.RequiresScope;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestMulti;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** The audit trail of the caller's tenant (global admins: {@code audit:read}). */
@Path("/api/v2/audit")
@RequiresScope("audit:read")
public class AuditResource {
    static final String NDJSON = "application/x-ndjson";
    static final String CSV = "text/csv";
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 200;

    private final AuditQueryService queries;
    private final ChainVerifier verifier;
    private final AuditMapper mapper;
    private final Caller caller;

    public AuditResource(AuditQueryService queries, ChainVerifier verifier, AuditMapper mapper, Caller caller) {
        this.queries = queries;
        this.verifier = verifier;
        this.mapper = mapper;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Audit events, newest first", description = "Filters combine with AND. Cursor pagination.")
    public Uni<AuditPage> list(@QueryParam("actor") @Parameter(description = "actor id") String actor,
                               @QueryParam("actorType") String actorType,
                               @QueryParam("action") @Parameter(description = "prefix of the event type, e.g. latchkey.token.") String action,
                               @QueryParam("target") @Parameter(description = "target id") String target,
                               @QueryParam("targetType") String targetType,
                               @QueryParam("from") @Parameter(description = "RFC 3339, inclusive (occurredAt)") String from,
                               @QueryParam("to") @Parameter(description = "RFC 3339, exclusive (occurredAt)") String to,
                               @QueryParam("limit") @DefaultValue("50") String limit,
                               @QueryParam("cursor") String cursor,
                               @Context UriInfo uri) {
        List<Problem.FieldError> errors = new ArrayList<>();
        AuditFilter filter = filter(actor, actorType, action, target, targetType, from, to, errors);
        int size = limit(limit, errors);
        Position before = null;
        if (cursor != null && !cursor.isBlank()) {
            before = Position.decode(cursor);
            if (before == null) {
                errors.add(new Problem.FieldError("cursor", "is not a cursor this API returned"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return queries.page(filter, before, size).map(page -> new AuditPage(
                page.items().stream().map(mapper::toApi).toList(),
                page.next() == null ? null
                        : uri.getRequestUriBuilder().replaceQueryParam("cursor", page.next().encode()).build().toString()));
    }

    @GET
    @Path("/export")
    // no @Produces: the type follows ?format=, which Quarkus REST allows for a RestMulti only without one
    @Operation(summary = "Export a time range as NDJSON or CSV, oldest first, streamed")
    @APIResponse(responseCode = "200", description = "One record per line",
            content = {@Content(mediaType = NDJSON), @Content(mediaType = CSV)})
    public RestMulti<byte[]> export(@QueryParam("format") @DefaultValue("ndjson") String format,
                                    @QueryParam("actor") String actor,
                                    @QueryParam("actorType") String actorType,
                                    @QueryParam("action") String action,
                                    @QueryParam("target") String target,
                                    @QueryParam("targetType") String targetType,
                                    @QueryParam("from") String from,
                                    @QueryParam("to") String to) {
        List<Problem.FieldError> errors = new ArrayList<>();
        AuditFilter filter = filter(actor, actorType, action, target, targetType, from, to, errors);
        boolean csv = "csv".equals(format);
        if (!csv && !"ndjson".equals(format)) {
            errors.add(new Problem.FieldError("format", "must be ndjson or csv"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        Multi<String> lines = queries.export(filter).map(csv ? mapper::csvLine : mapper::ndjsonLine);
        if (csv) {
            lines = Multi.createBy().concatenating().streams(Multi.createFrom().item(AuditMapper.CSV_HEADER), lines);
        }
        String name = "audit-" + filter.tenant() + (csv ? ".csv" : ".ndjson");
        return RestMulti.fromMultiData(lines.map(l -> l.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", csv ? CSV + "; charset=utf-8" : NDJSON)
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .build();
    }

    @GET
    @Path("/verify")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Check the hash chain of a range (by reception time) and report the first broken link")
    public Uni<VerifyResponse> verify(@QueryParam("from") String from, @QueryParam("to") String to) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Instant f = time("from", from, errors);
        Instant t = time("to", to, errors);
        if (f != null && t != null && !f.isBefore(t)) {
            errors.add(new Problem.FieldError("to", "must be after from"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return verifier.verify(caller.tenant(), f, t).map(mapper::toApi);
    }

    private AuditFilter filter(String actor, String actorType, String action, String target, String targetType,
                               String from, String to, List<Problem.FieldError> errors) {
        Instant f = time("from", from, errors);
        Instant t = time("to", to, errors);
        if (f != null && t != null && !f.isBefore(t)) {
            errors.add(new Problem.FieldError("to", "must be after from"));
        }
        return new AuditFilter(caller.tenant(), blank(actorType), blank(actor), blank(action), blank(targetType),
                blank(target), f, t);
    }

    private static int limit(String value, List<Problem.FieldError> errors) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new Problem.FieldError("limit", "must be an integer between 1 and " + MAX_LIMIT));
        return DEFAULT_LIMIT;
    }

    private static Instant time(String field, String value, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(field, "must be an RFC 3339 date-time, e.g. 2026-01-31T12:00:00Z"));
            return null;
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
