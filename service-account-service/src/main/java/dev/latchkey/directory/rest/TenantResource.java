package dev.latchkey.directory.rest;

import dev.latchkey.directory.rest.model.Page;
import dev.latchkey.directory.rest.model.TenantRequest;
import dev.latchkey.directory.rest.model.TenantUpdate;
import dev.latchkey.directory.rest.model.TenantView;
import dev.latchkey.directory.service.TenantService;
import dev.latchkey.problem.Problem;
import dev.latchkey.problem.ProblemException;
import dev.latchkey.verifier.quarkus.RequiresScope;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.ArrayList;
import java.util.List;

/** Tenants: for the platform operator only (a principal holding {@code admin} in the operator tenant). */
@Path("/api/v1/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequiresScope("admin")
public class TenantResource {
    static final int MAX_NAME = 200;

    private final TenantService service;
    private final CallerContext context;

    TenantResource(TenantService service, CallerContext context) {
        this.service = service;
        this.context = context;
    }

    @POST
    public Uni<Response> create(TenantRequest request, UriInfo uri) {
        if (request == null) {
            throw ProblemException.badRequest("A JSON body with the tenant's serviceId is required.");
        }
        var caller = context.caller();
        service.requireOperator(caller);
        List<Problem.FieldError> errors = new ArrayList<>();
        if (request.serviceId() == null || !TenantService.SERVICE_ID.matcher(request.serviceId()).matches()) {
            errors.add(new Problem.FieldError("serviceId",
                    "must read SP-<account>-<instance>: 1–12 digits, then 2 digits (^SP-[0-9]{1,12}-[0-9]{2}$), e.g. SP-234164-01"));
        }
        validateName(request.name(), errors);
        Integer limit = request.limits() == null ? null : request.limits().oauthApplications();
        validateLimit(limit, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        String name = request.name() == null || request.name().isBlank() ? request.serviceId() : request.name();
        // limits absent: the platform default (explicit {"oauthApplications": null} = no limit)
        Integer effectiveLimit = request.limits() == null ? service.defaultOauthApplications() : limit;
        return service.create(caller, request.serviceId(), name, effectiveLimit).map(DirectoryMapper::view)
                .map(v -> Response.created(uri.getAbsolutePathBuilder().path(v.serviceId()).build()).entity(v).build());
    }

    @GET
    public Uni<Page<TenantView>> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
                                      UriInfo uri) {
        int size = Pages.limit(limit);
        return service.page(context.caller(), Pages.cursor(cursor), size + 1)
                .map(rows -> Pages.of(rows, size, DirectoryMapper::view, DirectoryMapper::position, uri));
    }

    @GET
    @Path("{serviceId}")
    public Uni<TenantView> get(@PathParam("serviceId") String serviceId) {
        return service.get(context.caller(), serviceId).map(DirectoryMapper::view);
    }

    @PATCH
    @Path("{serviceId}")
    public Uni<TenantView> update(@PathParam("serviceId") String serviceId, TenantUpdate update) {
        if (update == null) {
            throw ProblemException.badRequest("A JSON body with the fields to change is required.");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        if (update.name() != null && update.name().isBlank()) {
            errors.add(new Problem.FieldError("name", "must not be blank"));
        }
        validateName(update.name(), errors);
        Integer limit = update.limits() == null ? null : update.limits().oauthApplications();
        validateLimit(limit, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return service.update(context.caller(), serviceId, update.name(), limit, update.limits() != null)
                .map(DirectoryMapper::view);
    }

    @POST
    @Path("{serviceId}/suspend")
    public Uni<TenantView> suspend(@PathParam("serviceId") String serviceId) {
        return service.suspend(context.caller(), serviceId).map(DirectoryMapper::view);
    }

    @POST
    @Path("{serviceId}/reactivate")
    public Uni<TenantView> reactivate(@PathParam("serviceId") String serviceId) {
        return service.reactivate(context.caller(), serviceId).map(DirectoryMapper::view);
    }

    private static void validateName(String name, List<Problem.FieldError> errors) {
        if (name != null && name.length() > MAX_NAME) {
            errors.add(new Problem.FieldError("name", "must be at most " + MAX_NAME + " characters"));
        }
    }

    private static void validateLimit(Integer limit, List<Problem.FieldError> errors) {
        if (limit != null && limit < 0) {
            errors.add(new Problem.FieldError("limits.oauthApplications", "must be 0 or more (absent = no limit)"));
        }
    }
}
