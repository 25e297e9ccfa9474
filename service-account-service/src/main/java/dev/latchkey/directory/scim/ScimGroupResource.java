package dev.latchkey.directory.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.directory.repository.Group;
import dev.latchkey.directory.repository.GroupRepository;
import dev.latchkey.directory.repository.MemberRepository.Criterion;
import dev.latchkey.directory.rest.CallerContext;
import dev.latchkey.directory.service.GroupDraft;
import dev.latchkey.directory.service.GroupService;
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
import java.util.Locale;

/**
 * SCIM 2.0 {@code Groups} (RFC 7644 §3) of the caller's tenant: teams of members, pushed by an identity provider.
 * Needs {@code member:all}, like Users. Members are Users of the same tenant.
 */
@Path("/scim/v2/Groups")
@Produces({Scim.MEDIA_TYPE, MediaType.APPLICATION_JSON})
@Consumes({Scim.MEDIA_TYPE, MediaType.APPLICATION_JSON})
@RequiresScope("member:all")
public class ScimGroupResource {
    static final String SUPPORTED = "supported: <attribute> eq <value> [and …] with displayName, externalId, id, "
            + "members.value";

    private final GroupService service;
    private final GroupRepository groups;
    private final Pool pool;
    private final CallerContext context;

    ScimGroupResource(GroupService service, GroupRepository groups, Pool pool, CallerContext context) {
        this.service = service;
        this.groups = groups;
        this.pool = pool;
        this.context = context;
    }

    @POST
    public Uni<Response> create(String body, UriInfo uri) {
        GroupDraft draft = ScimGroupMapper.fromScim(Scim.parse(body));
        return service.create(context.caller(), draft).map(g -> {
            URI location = location(uri, g);
            return Response.created(location).type(Scim.MEDIA_TYPE)
                    .entity(ScimGroupMapper.toScim(g, location.toString(), usersBase(uri), true).toString()).build();
        });
    }

    @GET
    @Path("{id}")
    public Uni<Response> get(@PathParam("id") String id, @QueryParam("excludedAttributes") String excluded,
                             UriInfo uri) {
        return service.get(context.caller(), id).map(g -> ok(g, uri, withMembers(excluded)));
    }

    @GET
    public Uni<Response> list(@QueryParam("filter") String filter, @QueryParam("startIndex") Integer startIndex,
                              @QueryParam("count") Integer count, @QueryParam("excludedAttributes") String excluded,
                              UriInfo uri) {
        List<Criterion> criteria = ScimFilter.comparisons(filter).stream().map(ScimGroupResource::criterion).toList();
        int start = startIndex == null || startIndex < 1 ? 1 : startIndex;
        int size = count == null ? ScimUserResource.DEFAULT_COUNT
                : Math.max(0, Math.min(count, ScimUserResource.MAX_COUNT));
        boolean members = withMembers(excluded);
        String tenant = context.caller().tenant();
        return groups.count(pool, tenant, criteria).chain(total -> (size == 0
                        ? Uni.createFrom().item(List.<Group>of())
                        : groups.search(pool, tenant, criteria, start - 1, size))
                .map(page -> {
                    ObjectNode body = Scim.object(Scim.LIST_RESPONSE);
                    body.put("totalResults", total);
                    body.put("startIndex", start);
                    body.put("itemsPerPage", page.size());
                    ArrayNode resources = body.putArray("Resources");
                    page.forEach(g -> resources.add(ScimGroupMapper.toScim(g, location(uri, g).toString(),
                            usersBase(uri), members)));
                    return Response.ok(body.toString(), Scim.MEDIA_TYPE).build();
                }));
    }

    /** Replaces name, external id and members (members absent = none). */
    @PUT
    @Path("{id}")
    public Uni<Response> replace(@PathParam("id") String id, String body, UriInfo uri) {
        GroupDraft draft = ScimGroupMapper.fromScim(Scim.parse(body));
        return service.change(context.caller(), id, g -> draft).map(g -> ok(g, uri, true));
    }

    @PATCH
    @Path("{id}")
    public Uni<Response> patch(@PathParam("id") String id, String body, UriInfo uri) {
        JsonNode patch = Scim.parse(body);
        ScimPatch.validate(patch);
        return service.change(context.caller(), id, g -> ScimGroupPatch.apply(g, patch)).map(g -> ok(g, uri, true));
    }

    @DELETE
    @Path("{id}")
    public Uni<Response> delete(@PathParam("id") String id) {
        return service.delete(context.caller(), id).replaceWith(Response.noContent().build());
    }

    @ServerExceptionMapper
    public Response scimError(ScimException e) {
        return Scim.error(e.status(), e.scimType(), e.getMessage());
    }

    /** The service's problems (400, 404, 409 …) in SCIM's error shape. */
    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        var p = e.problem();
        String scimType = switch (p.status()) {
            case 400 -> "invalidValue";
            case 409 -> "uniqueness";
            default -> null;
        };
        if (p.status() >= 500) {
            Log.error("SCIM request failed", e);
        }
        return Scim.error(p.status(), scimType, p.detail());
    }

    private static Criterion criterion(ScimFilter.Comparison c) {
        String value = ScimFilter.string(c.value(), c.original());
        return switch (c.attribute()) {
            case "displayname" -> new Criterion("display_name", value, true);
            case "externalid" -> new Criterion("external_id", value, false);
            case "id" -> new Criterion("id", value, false);
            case "members.value", "members" -> new Criterion(GroupRepository.MEMBER, value, false);
            default -> throw ScimException.invalidFilter("Unsupported attribute '" + c.original() + "': " + SUPPORTED);
        };
    }

    private static boolean withMembers(String excludedAttributes) {
        if (excludedAttributes == null) {
            return true;
        }
        for (String a : excludedAttributes.split(",")) {
            if (a.trim().toLowerCase(Locale.ROOT).equals("members")) {
                return false;
            }
        }
        return true;
    }

    private static Response ok(Group g, UriInfo uri, boolean withMembers) {
        return Response.ok(ScimGroupMapper.toScim(g, location(uri, g).toString(), usersBase(uri), withMembers)
                        .toString(), Scim.MEDIA_TYPE)
                .header("ETag", "W/\"" + g.version() + "\"").build();
    }

    private static URI location(UriInfo uri, Group g) {
        return uri.getBaseUriBuilder().path("scim/v2/Groups").path(g.id()).build();
    }

    private static String usersBase(UriInfo uri) {
        return uri.getBaseUriBuilder().path("scim/v2/Users").build().toString();
    }
}
