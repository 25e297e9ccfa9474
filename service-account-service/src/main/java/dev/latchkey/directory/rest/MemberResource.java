package dev.latchkey.directory.rest;

import dev.latchkey.directory.repository.Member;
import dev.latchkey.directory.rest.model.MemberView;
import dev.latchkey.directory.rest.model.Page;
import dev.latchkey.directory.rest.model.RoleChange;
import dev.latchkey.directory.service.MemberService;
import dev.latchkey.directory.service.Caller;
import dev.latchkey.problem.Problem;
import dev.latchkey.problem.ProblemException;
import dev.latchkey.verifier.Scopes;
import dev.latchkey.verifier.quarkus.RequiresScope;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.Set;

/**
 * Members of the caller's tenant (people are provisioned through SCIM or just in time): list, read oneself, role
 * change, disable, enable, remove.
 * Writes need {@code member:*} scopes only global admins hold.
 */
@Path("/api/v1/members")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MemberResource {
    private static final Set<String> ROLES = Set.of(Member.ROLE_GLOBAL_ADMIN, Member.ROLE_MEMBER);

    private final MemberService service;
    private final CallerContext context;

    MemberResource(MemberService service, CallerContext context) {
        this.service = service;
        this.context = context;
    }

    @GET
    @RequiresScope("member:read")
    public Uni<Page<MemberView>> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
                                      UriInfo uri) {
        int size = Pages.limit(limit);
        return service.page(context.caller(), Pages.cursor(cursor), size + 1)
                .map(rows -> Pages.of(rows, size, DirectoryMapper::view, DirectoryMapper::position, uri));
    }

    /**
     * The caller's own member. Any authenticated member may read themselves; a person's first request with an
     * upstream token provisions them just in time ({@code PeopleDirectory}), so this is where a sign-in lands.
     */
    @GET
    @Path("me")
    public Uni<MemberView> me() {
        Caller caller = context.caller();
        if (!Scopes.PRINCIPAL_MEMBER.equals(caller.principalType())) {
            throw new ProblemException(Problem.of("not-found", "Not Found", 404,
                    "The caller is a " + caller.principalType() + ", not a member."));
        }
        return service.get(caller, caller.principalId()).map(DirectoryMapper::view);
    }

    @GET
    @Path("{id}")
    @RequiresScope("member:read")
    public Uni<MemberView> get(@PathParam("id") String id) {
        return service.get(context.caller(), id).map(DirectoryMapper::view);
    }

    @PUT
    @Path("{id}/role")
    @RequiresScope("member:update")
    public Uni<MemberView> role(@PathParam("id") String id, RoleChange change) {
        if (change == null || change.role() == null || !ROLES.contains(change.role())) {
            throw ProblemException.invalid("role", "must be one of global_admin, member");
        }
        return service.setRole(context.caller(), id, change.role()).map(DirectoryMapper::view);
    }

    @POST
    @Path("{id}/disable")
    @RequiresScope("member:update")
    public Uni<MemberView> disable(@PathParam("id") String id) {
        return service.disable(context.caller(), id).map(DirectoryMapper::view);
    }

    @POST
    @Path("{id}/enable")
    @RequiresScope("member:update")
    public Uni<MemberView> enable(@PathParam("id") String id) {
        return service.enable(context.caller(), id).map(DirectoryMapper::view);
    }

    /** Refused with 409 while live tokens of the member remain (the detail says how many). */
    @DELETE
    @Path("{id}")
    @RequiresScope("member:delete")
    public Uni<Response> remove(@PathParam("id") String id) {
        return service.remove(context.caller(), id, false).map(r -> {
            if (!r.removed()) {
                throw ProblemException.conflict(MemberService.refusal(r.liveTokens()));
            }
            return Response.noContent().build();
        });
    }
}
