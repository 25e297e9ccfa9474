package dev.latchkey.directory.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.Response;

/** SCIM 2.0 constants and the error body of RFC 7644 §3.12. */
public final class Scim {
    public static final String MEDIA_TYPE = "application/scim+json";
    public static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    public static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
    public static final ObjectMapper JSON = new ObjectMapper();

    private Scim() {
    }

    public static ObjectNode object(String... schemas) {
        ObjectNode n = JSON.createObjectNode();
        ArrayNode s = n.putArray("schemas");
        for (String schema : schemas) {
            s.add(schema);
        }
        return n;
    }

    public static Response error(int status, String scimType, String detail) {
        ObjectNode body = object(ERROR);
        body.put("status", String.valueOf(status));
        if (scimType != null) {
            body.put("scimType", scimType);
        }
        if (detail != null) {
            body.put("detail", detail);
        }
        return Response.status(status).type(MEDIA_TYPE).entity(body.toString()).build();
    }

    public static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw ScimException.invalidSyntax("A JSON body is required.");
        }
        try {
            JsonNode n = JSON.readTree(body);
            if (n == null || !n.isObject()) {
                throw ScimException.invalidSyntax("The body must be a JSON object.");
            }
            return n;
        } catch (ScimException e) {
            throw e;
        } catch (Exception e) {
            throw ScimException.invalidSyntax("The body is not valid JSON.");
        }
    }
}
