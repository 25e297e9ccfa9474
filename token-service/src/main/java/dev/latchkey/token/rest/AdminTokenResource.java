package dev.latchkey.token.rest;

import dev.latchkey.problem.Problem.FieldError;
import dev.latchkey.problem.ProblemException;
import dev.latchkey.token.repository.TokenFilter;
import dev.latchkey.token.rest.model.BulkRevokeRequest;
import dev.latchkey.token.rest.model.BulkRevokeResult;
import dev.latchkey.token.rest.model.TokenList;
import dev.latchkey.token.service.BulkRevocationService;
import dev.latchkey.token.service.TokenQueryService;
import dev.latchkey.token.service.TokenRules;
import dev.latchkey.verifier.Scopes;
import dev.latchkey.verifier.quarkus.RequiresScope;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Global admins: every token of the tenant, and bulk revocation. */
@Path("/api/v1/admin/tokens")
@Produces(MediaType.APPLICATION_JSON)
@RequiresScope(Scopes.ADMIN)
public class AdminTokenResource {
    private final TokenQueryService queries;
    private final BulkRevocationService bulk;
    private final CallerContext callers;

    AdminTokenResource(TokenQueryService queries, BulkRevocationService bulk, CallerContext callers) {
        this.queries = queries;
        this.bulk = bulk;
        this.callers = callers;
    }

    @GET
    public Uni<TokenList> inventory(@QueryParam("ownerType") String ownerType, @QueryParam("ownerId") String ownerId,
                                    @QueryParam("status") String status, @QueryParam("name") String name,
                                    @QueryParam("expiringBefore") String expiringBefore,
                                    @QueryParam("lastUsedBefore") String lastUsedBefore,
                                    @QueryParam("unusedSince") String unusedSince,
                                    @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
                                    @Context UriInfo uri) {
        List<FieldError> errors = ListParams.errors();
        TokenFilter filter = new TokenFilter(ListParams.ownerType(ownerType), emptyToNull(ownerId),
                ListParams.status(status), emptyToNull(name), ListParams.time("expiringBefore", expiringBefore, errors),
                ListParams.time("lastUsedBefore", lastUsedBefore, errors),
                ListParams.time("unusedSince", unusedSince, errors), null);
        TokenRules.throwIfAny(errors);
        return queries.inventory(callers.caller(), filter, ListParams.cursor(cursor), ListParams.limit(limit))
                .map(page -> new TokenList(page.items().stream().map(t -> TokenMapper.view(t.token(), t.ownerActive())).toList(),
                        ListParams.next(uri, page.next())));
    }

    @POST
    @Path("revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<BulkRevokeResult> revoke(BulkRevokeRequest request) {
        if (request == null || (request.ids() == null) == (request.filter() == null)) {
            throw ProblemException.badRequest("give either ids or filter (exactly one of them)");
        }
        TokenFilter filter;
        if (request.ids() != null) {
            if (request.ids().isEmpty() || request.ids().size() > BulkRevocationService.MAX) {
                throw ProblemException.invalid("ids", "give 1 to " + BulkRevocationService.MAX + " ids");
            }
            List<UUID> ids = new ArrayList<>();
            for (String id : request.ids()) {
                try {
                    ids.add(UUID.fromString(id));
                } catch (RuntimeException e) {
                    // not an id of ours: matches nothing, like another tenant's
                }
            }
            filter = new TokenFilter(null, null, null, null, null, null, null, ids);
        } else {
            BulkRevokeRequest.Filter f = request.filter();
            if (f.ownerType() == null && f.ownerId() == null && f.status() == null && f.name() == null
                    && f.expiringBefore() == null && f.lastUsedBefore() == null && f.unusedSince() == null) {
                throw ProblemException.invalid("filter", "give at least one criterion (revoking every token is refused)");
            }
            filter = new TokenFilter(ListParams.ownerType(f.ownerType()), f.ownerId(), ListParams.status(f.status()),
                    f.name(), f.expiringBefore(), f.lastUsedBefore(), f.unusedSince(), null);
        }
        return bulk.revoke(callers.caller(), filter)
                .map(revoked -> new BulkRevokeResult(revoked.size(), revoked.stream().map(t -> t.id().toString()).toList()));
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
