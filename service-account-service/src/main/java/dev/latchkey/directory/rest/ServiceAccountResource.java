package dev.latchkey.directory.rest;

import dev.latchkey.directory.rest.model.Page;
import dev.latchkey.directory.rest.model.ServiceAccountRequest;
import dev.latchkey.directory.rest.model.ServiceAccountUpdate;
import dev.latchkey.directory.rest.model.ServiceAccountView;
import dev.latchkey.directory.service.ServiceAccountService;
import dev.latchkey.problem.ProblemException;
import dev.latchkey.verifier.quarkus.RequiresScope;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

/** Service accounts of the caller's tenant. Writes need {@code service_account:*} scopes only global admins hold. */
@Path("/api/v1/service-accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ServiceAccountResource {
    private final ServiceAccountService service;
    private final CallerContext context;

    ServiceAccountResource(ServiceAccountService service, CallerContext context) {
        this.service = service;
        this.context = context;
    }

    @POST
    @RequiresScope("service_account:create")
    public Uni<Response> create(ServiceAccountRequest request, UriInfo uri) {
        if (request == null) {
            throw ProblemException.badRequest("A JSON body with the service account's name is required.");
        }
        return service.create(context.caller(), request.name(), request.description(), request.managers())
                .map(DirectoryMapper::view)
                .map(v -> Response.created(uri.getAbsolutePathBuilder().path(v.id()).build()).entity(v).build());
    }

    @GET
    @RequiresScope("service_account:read")
    public Uni<Page<ServiceAccountView>> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
                                              UriInfo uri) {
        int size = Pages.limit(limit);
        return service.page(context.caller(), Pages.cursor(cursor), size + 1)
                .map(rows -> Pages.of(rows, size, DirectoryMapper::view, DirectoryMapper::position, uri));
    }

    @GET
    @Path("{id}")
    @RequiresScope("service_account:read")
    public Uni<ServiceAccountView> get(@PathParam("id") String id) {
        return service.get(context.caller(), id).map(DirectoryMapper::view);
    }

    @PATCH
    @Path("{id}")
    @RequiresScope("service_account:update")
    public Uni<ServiceAccountView> update(@PathParam("id") String id, ServiceAccountUpdate update) {
        if (update == null) {
            throw ProblemException.badRequest("A JSON body with the fields to change is required.");
        }
        return service.update(context.caller(), id, update.name(), update.description(), update.managers())
                .map(DirectoryMapper::view);
    }

    @POST
    @Path("{id}/disable")
    @RequiresScope("service_account:update")
    public Uni<ServiceAccountView> disable(@PathParam("id") String id) {
        return service.disable(context.caller(), id).map(DirectoryMapper::view);
    }

    @POST
    @Path("{id}/enable")
    @RequiresScope("service_account:update")
    public Uni<ServiceAccountView> enable(@PathParam("id") String id) {
        return service.enable(context.caller(), id).map(DirectoryMapper::view);
    }

    @DELETE
    @Path("{id}")
    @RequiresScope("service_account:delete")
    public Uni<Response> delete(@PathParam("id") String id) {
        return service.delete(context.caller(), id).replaceWith(Response.noContent().build());
    }
}
