package dev.latchkey.directory.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.verifier.quarkus.RequiresScope;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** RFC 7644 §4: what this service provider supports, its schemas and resource types. */
@Path("/scim/v2")
@Produces({Scim.MEDIA_TYPE, MediaType.APPLICATION_JSON})
@RequiresScope("member:all")
public class ScimDiscoveryResource {
    private static final String SPC = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    private static final String RESOURCE_TYPE = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
    private static final String SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";
    private static final ArrayNode SCHEMAS = loadSchemas();

    @GET
    @Path("ServiceProviderConfig")
    public Response serviceProviderConfig() {
        ObjectNode c = Scim.object(SPC);
        c.put("documentationUri", "https://latchkey.dev/docs/scim");
        c.putObject("patch").put("supported", true);
        c.putObject("bulk").put("supported", false).put("maxOperations", 0).put("maxPayloadSize", 0);
        c.putObject("filter").put("supported", true).put("maxResults", ScimUserResource.MAX_COUNT);
        c.putObject("changePassword").put("supported", false);
        c.putObject("sort").put("supported", false);
        c.putObject("etag").put("supported", false);
        ObjectNode bearer = c.putArray("authenticationSchemes").addObject();
        bearer.put("type", "oauthbearertoken");
        bearer.put("name", "Bearer token");
        bearer.put("description", "A Latchkey API token (or OAuth access token) holding member:all");
        bearer.put("primary", true);
        c.putObject("meta").put("resourceType", "ServiceProviderConfig")
                .put("location", "/scim/v2/ServiceProviderConfig");
        return scim(c);
    }

    @GET
    @Path("ResourceTypes")
    public Response resourceTypes() {
        ObjectNode list = Scim.object(Scim.LIST_RESPONSE);
        list.put("totalResults", 2).put("startIndex", 1).put("itemsPerPage", 2);
        list.putArray("Resources").add(userType()).add(groupType());
        return scim(list);
    }

    @GET
    @Path("ResourceTypes/{name}")
    public Response resourceType(@PathParam("name") String name) {
        return switch (name) {
            case "User" -> scim(userType());
            case "Group" -> scim(groupType());
            default -> throw new ScimException(404, null, "Resource type " + name + " not found");
        };
    }

    @GET
    @Path("Schemas")
    public Response schemas() {
        ObjectNode list = Scim.object(Scim.LIST_RESPONSE);
        list.put("totalResults", SCHEMAS.size()).put("startIndex", 1).put("itemsPerPage", SCHEMAS.size());
        ArrayNode resources = list.putArray("Resources");
        SCHEMAS.forEach(s -> resources.add(withSchema(s)));
        return scim(list);
    }

    @GET
    @Path("Schemas/{id}")
    public Response schema(@PathParam("id") String id) {
        for (JsonNode s : SCHEMAS) {
            if (s.path("id").asText().equals(id)) {
                return scim(withSchema(s));
            }
        }
        throw new ScimException(404, null, "Schema " + id + " not found");
    }

    @ServerExceptionMapper
    public Response scimError(ScimException e) {
        return Scim.error(e.status(), e.scimType(), e.getMessage());
    }

    private static ObjectNode userType() {
        ObjectNode t = Scim.object(RESOURCE_TYPE);
        t.put("id", "User").put("name", "User").put("endpoint", "/Users")
                .put("description", "Members (people) of the tenant").put("schema", Scim.USER_SCHEMA);
        t.putArray("schemaExtensions");
        t.putObject("meta").put("resourceType", "ResourceType").put("location", "/scim/v2/ResourceTypes/User");
        return t;
    }

    private static ObjectNode groupType() {
        ObjectNode t = Scim.object(RESOURCE_TYPE);
        t.put("id", "Group").put("name", "Group").put("endpoint", "/Groups")
                .put("description", "Teams of members of the tenant").put("schema", Scim.GROUP_SCHEMA);
        t.putArray("schemaExtensions");
        t.putObject("meta").put("resourceType", "ResourceType").put("location", "/scim/v2/ResourceTypes/Group");
        return t;
    }

    private static ObjectNode withSchema(JsonNode s) {
        ObjectNode copy = Scim.object(SCHEMA);
        copy.setAll((ObjectNode) s.deepCopy());
        return copy;
    }

    private static Response scim(ObjectNode body) {
        return Response.ok(body.toString(), Scim.MEDIA_TYPE).build();
    }

    private static ArrayNode loadSchemas() {
        try (InputStream in = ScimDiscoveryResource.class.getClassLoader().getResourceAsStream("scim/schemas.json")) {
            return (ArrayNode) Scim.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
