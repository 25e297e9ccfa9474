package dev.latchkey.token.rest;

import dev.latchkey.problem.ProblemException;
import dev.latchkey.token.repository.TokenFilter;
import dev.latchkey.token.rest.model.CreateTokenRequest;
import dev.latchkey.token.rest.model.IssuedTokenView;
import dev.latchkey.token.rest.model.ReassignTokenRequest;
import dev.latchkey.token.rest.model.RegenerateTokenRequest;
import dev.latchkey.token.rest.model.TokenList;
import dev.latchkey.token.rest.model.TokenView;
import dev.latchkey.token.rest.model.UpdateTokenRequest;
import dev.latchkey.token.service.TokenLifecycleService;
import dev.latchkey.token.service.TokenQueryService;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.util.UUID;

/** The caller's API tokens (and, for those who manage them, service accounts' tokens). */
@Path("/api/v1/tokens")
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {
    private final TokenLifecycleService lifecycle;
    private final TokenQueryService queries;
    private final CallerContext callers;

    TokenResource(TokenLifecycleService lifecycle, TokenQueryService queries, CallerContext callers) {
        this.lifecycle = lifecycle;
        this.queries = queries;
        this.callers = callers;
    }

    /** Creates a token; the answer is the only time its value is ever shown. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("token:create")
    public Uni<Response> create(CreateTokenRequest request) {
        return lifecycle.create(callers.caller(), request).map(issued -> Response
                .created(URI.create("/api/v1/tokens/" + issued.token().id()))
                .header("Cache-Control", "no-store")
                .entity(TokenMapper.issued(issued)).build());
    }

    @GET
    @RequiresScope("token:read")
    public Uni<TokenList> list(@QueryParam("ownerType") String ownerType, @QueryParam("ownerId") String ownerId,
                               @QueryParam("status") String status, @QueryParam("name") String name,
                               @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
                               @Context UriInfo uri) {
        TokenFilter filter = new TokenFilter(ListParams.ownerType(ownerType), ownerId, ListParams.status(status),
                name == null || name.isEmpty() ? null : name, null, null, null, null);
        return queries.list(callers.caller(), filter, ListParams.cursor(cursor), ListParams.limit(limit))
                .map(page -> new TokenList(page.items().stream().map(t -> TokenMapper.view(t.token(), t.ownerActive())).toList(),
                        ListParams.next(uri, page.next())));
    }

    @GET
    @Path("{id}")
    @RequiresScope("token:read")
    public Uni<TokenView> get(@PathParam("id") String id) {
        return queries.get(callers.caller(), uuid(id)).map(t -> TokenMapper.view(t.token(), t.ownerActive()));
    }

    /** Edits name, expiration or allowed origins; never the secret. */
    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("token:update")
    public Uni<TokenView> update(@PathParam("id") String id, UpdateTokenRequest request) {
        return lifecycle.update(callers.caller(), uuid(id), request).map(t -> TokenMapper.view(t, null));
    }

    /** A new secret, shown once; the old one stops working at once. */
    @POST
    @Path("{id}/regenerate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("token:update")
    public Uni<Response> regenerate(@PathParam("id") String id, RegenerateTokenRequest request) {
        return lifecycle.regenerate(callers.caller(), uuid(id), request).map(issued -> Response.ok(TokenMapper.issued(issued))
                .header("Cache-Control", "no-store").build());
    }

    /** Revokes, irreversibly. */
    @DELETE
    @Path("{id}")
    @RequiresScope("token:delete")
    public Uni<Response> revoke(@PathParam("id") String id) {
        return lifecycle.revoke(callers.caller(), uuid(id)).replaceWith(Response.noContent().build());
    }

    /** The token keeps its value and keeps working, owned by a service account from now on. */
    @POST
    @Path("{id}/reassign")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope("token:update")
    public Uni<TokenView> reassign(@PathParam("id") String id, ReassignTokenRequest request) {
        return lifecycle.reassign(callers.caller(), uuid(id), request == null ? null : request.serviceAccountId())
                .map(t -> TokenMapper.view(t, true));
    }

    static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            // not one of our ids: the same answer as an id of another tenant
            throw ProblemException.notFound("token", id);
        }
    }
}
