package dev.latchkey.directory.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The RFC 7643 core schemas as JSON Schemas (src/test/resources/scim-conformance: the attributes Latchkey returns,
 * their types, required attributes, {@code schemas} URNs, meta), and RFC 7644's ListResponse and Error messages.
 */
final class ScimSchemas {
    static final String USER = "user.json";
    static final String GROUP = "group.json";
    static final String LIST = "list-response.json";
    static final String ERROR = "error.json";
    static final String SERVICE_PROVIDER_CONFIG = "service-provider-config.json";
    static final String RESOURCE_TYPE = "resource-type.json";
    static final String SCHEMA = "schema.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            b -> b.schemaMappers(m -> m.mapPrefix("https://latchkey.dev/schemas/scim/", "classpath:scim-conformance/")));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();

    private ScimSchemas() {
    }

    static Set<ValidationMessage> errors(String schema, JsonNode body) {
        JsonSchema s = FACTORY.getSchema(SchemaLocation.of("https://latchkey.dev/schemas/scim/" + schema), CONFIG);
        return s.validate(body);
    }

    /** Asserts the body is valid; answers it parsed. */
    static JsonNode assertValid(String schema, String body) {
        JsonNode n = parse(body);
        assertThat(errors(schema, n)).as("%s against %s", body, schema).isEmpty();
        return n;
    }

    /** A ListResponse whose every resource is valid against {@code resourceSchema}. */
    static JsonNode assertValidList(String resourceSchema, String body) {
        JsonNode n = assertValid(LIST, body);
        n.get("Resources").forEach(r -> assertThat(errors(resourceSchema, r)).as("%s against %s", r, resourceSchema)
                .isEmpty());
        assertThat(n.get("itemsPerPage").asInt()).isEqualTo(n.get("Resources").size());
        return n;
    }

    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
