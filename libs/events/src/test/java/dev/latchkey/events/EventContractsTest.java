package dev.latchkey.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.events.authentication.AuthenticationEvents;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every registered event type has a schema, an example that validates against it, a record that reads the
 * example and writes it back valid, and an entry in the AsyncAPI document.
 */
class EventContractsTest {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            b -> b.schemaMappers(m -> m.mapPrefix("https://latchkey.dev/schemas/events/", "classpath:latchkey/events/schemas/")));

    @TestFactory
    Stream<DynamicTest> everyEventTypeHasAValidSchemaAndExample() {
        return EventTypes.ALL.stream().map(type -> DynamicTest.dynamicTest(type.type(), () -> {
            JsonSchema schema = FACTORY.getSchema(SchemaLocation.of("classpath:" + type.schemaResource()));
            JsonNode example = read("latchkey/events/examples/" + type.type() + ".json");
            assertThat(schema.validate(example)).as("example of %s", type.type()).isEmpty();

            EventData data = EventJson.read(example.toString(), type.dataClass());
            JsonNode written = EventJson.mapper().readTree(EventJson.write(data));
            Set<ValidationMessage> errors = schema.validate(written);
            assertThat(errors).as("record %s written back", type.dataClass().getSimpleName()).isEmpty();
            assertThat(written).isEqualTo(example);
        }));
    }

    @Test
    void schemasRejectDataWithoutTheCommonFields() {
        for (EventType<?> type : EventTypes.ALL) {
            JsonSchema schema = FACTORY.getSchema(SchemaLocation.of("classpath:" + type.schemaResource()));
            for (String common : List.of("tenant", "actor", "target", "occurredAt")) {
                if (common.equals("tenant") && type == AuthenticationEvents.CREDENTIAL_REFUSED) {
                    continue;
                }
                JsonNode example = read("latchkey/events/examples/" + type.type() + ".json");
                ((ObjectNode) example).remove(common);
                assertThat(schema.validate(example)).as("%s without %s", type.type(), common).isNotEmpty();
            }
        }
    }

    @Test
    void aFailedAuthenticationNoTenantCanBeNamedForIsValidWithoutOne() {
        EventType<?> type = AuthenticationEvents.CREDENTIAL_REFUSED;
        JsonSchema schema = FACTORY.getSchema(SchemaLocation.of("classpath:" + type.schemaResource()));
        ObjectNode unattributed = (ObjectNode) read("latchkey/events/examples/" + type.type() + ".json");
        unattributed.remove(List.of("tenant", "credentialId"));
        unattributed.putObject("actor").put("type", "anonymous").put("id", "anonymous");
        unattributed.putObject("target").put("type", "credential").put("id", "lkt_Ab…x9");
        unattributed.put("reason", "bad_checksum").put("credentialHint", "lkt_Ab…x9");
        assertThat(schema.validate(unattributed)).isEmpty();

        unattributed.put("credentialHint", "lkt_AbCdEfGh");
        assertThat(schema.validate(unattributed)).as("a hint never longer than 2 + 2 characters").isNotEmpty();
        unattributed.remove("credentialHint");
        unattributed.put("tenant", "not-a-tenant");
        assertThat(schema.validate(unattributed)).as("a tenant, when present, is a service ID").isNotEmpty();
    }

    @Test
    void asyncApiListsEveryTopicAndEventType() {
        JsonNode doc = readYaml("latchkey/events/asyncapi.yaml");
        assertThat(doc.path("asyncapi").asText()).startsWith("3.");
        Set<String> addresses = new HashSet<>();
        doc.path("channels").forEach(c -> addresses.add(c.path("address").asText()));
        assertThat(addresses).containsAll(Topics.ALL);

        JsonNode messages = doc.path("components").path("messages");
        for (EventType<?> type : EventTypes.ALL) {
            JsonNode message = messages.path(type.type());
            assertThat(message.isMissingNode()).as("AsyncAPI message for %s", type.type()).isFalse();
            assertThat(message.path("payload").path("$ref").asText()).isEqualTo("schemas/" + type.type() + ".json");
            boolean onItsChannel = false;
            for (JsonNode channel : doc.path("channels")) {
                if (channel.path("address").asText().equals(type.topic())) {
                    for (Iterator<JsonNode> it = channel.path("messages").elements(); it.hasNext(); ) {
                        onItsChannel |= it.next().path("$ref").asText().endsWith("/" + type.type());
                    }
                }
            }
            assertThat(onItsChannel).as("%s listed on channel %s", type.type(), type.topic()).isTrue();
        }
    }

    @Test
    void asyncApiDocumentsEveryAttributeTheEnvelopeWrites() {
        JsonNode headers = readYaml("latchkey/events/asyncapi.yaml").path("components").path("messageTraits")
                .path("cloudEvent").path("headers");
        EventType<?> any = EventTypes.ALL.get(0);
        EventData example = EventJson.read(read("latchkey/events/examples/" + any.type() + ".json").toString(),
                any.dataClass());
        @SuppressWarnings({"unchecked", "rawtypes"})
        EventEnvelope throughHttp = EventEnvelope.of("/test", (EventType) any, example)
                .withOrigin("203.0.113.7", "latchkey-cli/1.4");

        for (org.apache.kafka.common.header.Header h : throughHttp.headers()) {
            assertThat(headers.path("properties").has(h.key())).as("header %s documented", h.key()).isTrue();
        }
        assertThat(headers.path("properties").path(CloudEventHeaders.USER_AGENT).path("maxLength").asInt())
                .isEqualTo(EventEnvelope.MAX_USER_AGENT);
        Set<String> required = new HashSet<>();
        headers.path("required").forEach(r -> required.add(r.asText()));
        assertThat(required).as("the HTTP origin is optional").doesNotContain(CloudEventHeaders.CLIENT_IP,
                CloudEventHeaders.USER_AGENT);
    }

    @Test
    void eventTypesAreUniqueAndWellFormed() {
        Set<String> seen = new HashSet<>();
        for (EventType<?> type : EventTypes.ALL) {
            assertThat(seen.add(type.type())).as("duplicate %s", type.type()).isTrue();
            assertThat(Topics.ALL).contains(type.topic());
        }
    }

    private static JsonNode read(String resource) {
        return parse(new ObjectMapper(), resource);
    }

    private static JsonNode readYaml(String resource) {
        return parse(new ObjectMapper(new YAMLFactory()), resource);
    }

    private static JsonNode parse(ObjectMapper mapper, String resource) {
        try (InputStream in = EventContractsTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new AssertionError(resource, e);
        }
    }
}
