package dev.latchkey.directory.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.directory.repository.Member;
import dev.latchkey.directory.repository.MemberRepository;
import dev.latchkey.directory.rest.CallerContext;
import dev.latchkey.directory.service.MemberDraft;
import dev.latchkey.directory.service.MemberService;
import dev.latchkey.problem.ProblemException;
import dev.latchkey.verifier.quarkus.RequiresScope;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;
import java.util.List;

/**
 * SCIM 2.0 {@code Users} (RFC 7644 §3) of the caller's tenant, so an upstream identity provider (Okta, Entra ID,
 * Keycloak) provisions and deprovisions people. Needs {@code member:all} (a global admin's or a service account's
 * credential). Deactivating ({@code active=false}) disables the member, which stops their credentials at once.
 */
@Path("/scim/v2/Users")
@Produces({Scim.MEDIA_TYPE, MediaType.APPLICATION_JSON})
@Consumes({Scim.MEDIA_TYPE, MediaType.APPLICATION_JSON})
@RequiresScope("member:all")
public class ScimUserResource {
    static final int DEFAULT_COUNT = 100;
    static final int MAX_COUNT = 200;

    private final MemberService service;
    private final MemberRepository members;
    private final Pool pool;
    private final CallerContext context;

    ScimUserResource(MemberService service, MemberRepository members, Pool pool, CallerContext context) {
        this.service = service;
        this.members = members;
        this.pool = pool;
        this.context = context;
    }

    @POST
    public Uni<Response> create(String body, UriInfo uri) {
        MemberDraft draft = ScimUserMapper.fromScim(Scim.parse(body));
        return service.create(context.caller(), draft).map(m -> {
            URI location = location(uri, m);
            return Response.created(location).type(Scim.MEDIA_TYPE)
                    .entity(ScimUserMapper.toScim(m, location.toString()).toString()).build();
        });
    }

    @GET
    @Path("{id}")
    public Uni<Response> get(@PathParam("id") String id, UriInfo uri) {
        return members.find(pool, context.caller().tenant(), id, false)
                .map(m -> ok(m.orElseThrow(() -> notFound(id)), uri));
    }

    @GET
    public Uni<Response> list(@QueryParam("filter") String filter, @QueryParam("startIndex") Integer startIndex,
                              @QueryParam("count") Integer count, UriInfo uri) {
        List<MemberRepository.Criterion> criteria = ScimFilter.parse(filter);
        int start = startIndex == null || startIndex < 1 ? 1 : startIndex;
        int size = count == null ? DEFAULT_COUNT : Math.max(0, Math.min(count, MAX_COUNT));
        String tenant = context.caller().tenant();
        return members.count(pool, tenant, criteria).chain(total -> (size == 0
                        ? Uni.createFrom().item(List.<Member>of())
                        : members.search(pool, tenant, criteria, start - 1, size))
                .map(page -> {
                    ObjectNode body = Scim.object(Scim.LIST_RESPONSE);
                    body.put("totalResults", total);
                    body.put("startIndex", start);
                    body.put("itemsPerPage", page.size());
                    ArrayNode resources = body.putArray("Resources");
                    page.forEach(m -> resources.add(ScimUserMapper.toScim(m, location(uri, m).toString())));
                    return Response.ok(body.toString(), Scim.MEDIA_TYPE).build();
                }));
    }

    /** Replaces the member's attributes (those absent are cleared; {@code active} absent = unchanged). */
    @PUT
    @Path("{id}")
    public Uni<Response> replace(@PathParam("id") String id, String body, UriInfo uri) {
        MemberDraft d = ScimUserMapper.fromScim(Scim.parse(body));
        return service.change(context.caller(), id, m -> {
            Member changed = m.withProfile(d.userName(), d.email(), d.displayName(), d.givenName(), d.familyName(),
                    d.externalId());
            return d.active() == null ? changed : changed.withStatus(d.active() ? Member.ACTIVE : Member.DISABLED);
        }).map(m -> ok(m, uri));
    }

    @PATCH
    @Path("{id}")
    public Uni<Response> patch(@PathParam("id") String id, String body, UriInfo uri) {
        JsonNode patch = Scim.parse(body);
        ScimPatch.validate(patch);
        return service.change(context.caller(), id, m -> ScimPatch.apply(m, patch)).map(m -> ok(m, uri));
    }

    /**
     * Removes the member. While live tokens of theirs remain the removal is refused (409, saying how many) and the
     * member is disabled instead, so an upstream deletion still stops their credentials at once.
     */
    @DELETE
    @Path("{id}")
    public Uni<Response> delete(@PathParam("id") String id) {
        return service.remove(context.caller(), id, true).map(r -> {
            if (!r.removed()) {
                throw new ScimException(409, null, MemberService.refusal(r.liveTokens())
                        + (r.disabledInstead() ? " The member has been disabled meanwhile." : ""));
            }
            return Response.noContent().build();
        });
    }

    @ServerExceptionMapper
    public Response scimError(ScimException e) {
        return Scim.error(e.status(), e.scimType(), e.getMessage());
    }

    /** The service's problems (404, 409 …) in SCIM's error shape on SCIM endpoints. */
    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        var p = e.problem();
        String scimType = p.status() == 409 && p.detail() != null && p.detail().startsWith("userName ")
                ? "uniqueness" : null;
        if (p.status() >= 500) {
            Log.error("SCIM request failed", e);
        }
        return Scim.error(p.status(), scimType, p.detail());
    }

    private static Response ok(Member m, UriInfo uri) {
        return Response.ok(ScimUserMapper.toScim(m, location(uri, m).toString()).toString(), Scim.MEDIA_TYPE)
                .header("ETag", "W/\"" + m.version() + "\"").build();
    }

    private static URI location(UriInfo uri, Member m) {
        return uri.getBaseUriBuilder().path("scim/v2/Users").path(m.id()).build();
    }

    private static ScimException notFound(String id) {
        return new ScimException(404, null, "User " + id + " not found");
    }
}
