package dev.latchkey.directory.scim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.directory.support.DirectoryTestBase;
import dev.latchkey.testsupport.PostgresAndKafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.latchkey.directory.support.TestCredentials.SCIM_A;
import static dev.latchkey.directory.support.TestCredentials.SCIM_B;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SCIM conformance: every response of the Users, Groups and discovery endpoints validates against the RFC 7643 core
 * schemas (src/test/resources/scim-conformance), errors against RFC 7644 §3.12, and lists page correctly.
 */
@QuarkusTest
@WithTestResource(value = PostgresAndKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "service_account_db"))
class ScimConformanceTest extends DirectoryTestBase {

    private static String okta(String userName) {
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s",
                 "name":{"givenName":"Ada","familyName":"Lovelace"},"displayName":"Ada Lovelace",
                 "emails":[{"primary":true,"value":"%s","type":"work"}],"externalId":"00u9",
                 "password":"never-Returned-1","active":true}""".formatted(userName, userName);
    }

    private static JsonNode body(Response r, int status) {
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith(SCIM);
        return ScimSchemas.parse(r.asString());
    }

    @Test
    void shouldAnswerEveryUserOperationWithAValidCoreUser() {
        String userName = unique("conf.") + "@example.com";
        Response created = scim(SCIM_A).body(okta(userName)).post("/scim/v2/Users");
        JsonNode user = ScimSchemas.assertValid(ScimSchemas.USER, body(created, 201).toString());
        String id = user.get("id").asText();
        assertThat(created.header("Location")).isEqualTo(user.at("/meta/location").asText());
        assertThat(user.toString()).doesNotContain("never-Returned-1");

        ScimSchemas.assertValid(ScimSchemas.USER, body(scim(SCIM_A).get("/scim/v2/Users/" + id), 200).toString());
        ScimSchemas.assertValid(ScimSchemas.USER, body(scim(SCIM_A).body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","active":true,
                 "name":{"givenName":"Ada","familyName":"King"}}""".formatted(userName))
                .put("/scim/v2/Users/" + id), 200).toString());
        JsonNode patched = ScimSchemas.assertValid(ScimSchemas.USER, body(scim(SCIM_A).body("""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"Replace","path":"active","value":"False"}]}""")
                .patch("/scim/v2/Users/" + id), 200).toString());
        assertThat(patched.get("active").asBoolean()).isFalse();
        ScimSchemas.assertValidList(ScimSchemas.USER, body(scim(SCIM_A)
                .queryParam("filter", "userName eq \"" + userName + "\"").get("/scim/v2/Users"), 200).toString());
    }

    @Test
    void shouldPageUsersWithStartIndexCountAndTotalResults() {
        String domain = unique("conf-page") + ".example";
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(provisionMember(SCIM_B, "p" + i + "@" + domain));
        }
        JsonNode first = ScimSchemas.assertValidList(ScimSchemas.USER,
                body(scim(SCIM_B).queryParam("count", 0).get("/scim/v2/Users"), 200).toString());
        int total = first.get("totalResults").asInt();
        assertThat(total).isGreaterThanOrEqualTo(5);
        assertThat(first.get("Resources")).isEmpty();

        Set<String> seen = new HashSet<>();
        int pages = 0;
        for (int start = 1; start <= total; start += 3) {
            JsonNode page = ScimSchemas.assertValidList(ScimSchemas.USER, body(scim(SCIM_B).queryParam("startIndex", start)
                    .queryParam("count", 3).get("/scim/v2/Users"), 200).toString());
            assertThat(page.get("startIndex").asInt()).isEqualTo(start);
            assertThat(page.get("totalResults").asInt()).isEqualTo(total);
            assertThat(page.get("Resources").size()).isEqualTo(Math.min(3, total - start + 1));
            page.get("Resources").forEach(r -> assertThat(seen.add(r.get("id").asText())).as("seen twice").isTrue());
            pages++;
        }
        assertThat(pages).isEqualTo((total + 2) / 3);
        assertThat(seen).hasSize(total).containsAll(ids);

        JsonNode beyond = ScimSchemas.assertValidList(ScimSchemas.USER, body(scim(SCIM_B)
                .queryParam("startIndex", total + 1).queryParam("count", 3).get("/scim/v2/Users"), 200).toString());
        assertThat(beyond.get("totalResults").asInt()).isEqualTo(total);
        assertThat(beyond.get("itemsPerPage").asInt()).isZero();
        // RFC 7644 §3.4.2.4: a startIndex below 1 is interpreted as 1
        JsonNode zero = ScimSchemas.assertValidList(ScimSchemas.USER, body(scim(SCIM_B).queryParam("startIndex", 0)
                .queryParam("count", 1).get("/scim/v2/Users"), 200).toString());
        assertThat(zero.get("startIndex").asInt()).isEqualTo(1);
    }

    @Test
    void shouldAnswerErrorsInTheScimErrorShapeWithTheStatusAsAString() {
        String userName = unique("conf-err.") + "@example.com";
        provisionMember(SCIM_A, userName);
        JsonNode conflict = ScimSchemas.assertValid(ScimSchemas.ERROR,
                body(scim(SCIM_A).body(okta(userName.toUpperCase())).post("/scim/v2/Users"), 409).toString());
        assertThat(conflict.get("status").asText()).isEqualTo("409");
        assertThat(conflict.get("scimType").asText()).isEqualTo("uniqueness");

        JsonNode missing = ScimSchemas.assertValid(ScimSchemas.ERROR,
                body(scim(SCIM_A).get("/scim/v2/Users/does-not-exist"), 404).toString());
        assertThat(missing.get("status").asText()).isEqualTo("404");

        JsonNode filter = ScimSchemas.assertValid(ScimSchemas.ERROR, body(scim(SCIM_A)
                .queryParam("filter", "userName co \"x\"").get("/scim/v2/Users"), 400).toString());
        assertThat(filter.get("scimType").asText()).isEqualTo("invalidFilter");

        JsonNode syntax = ScimSchemas.assertValid(ScimSchemas.ERROR,
                body(scim(SCIM_A).body("{not json").post("/scim/v2/Users"), 400).toString());
        assertThat(syntax.get("scimType").asText()).isEqualTo("invalidSyntax");

        JsonNode noName = ScimSchemas.assertValid(ScimSchemas.ERROR, body(scim(SCIM_A).body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"]}""").post("/scim/v2/Groups"), 400).toString());
        assertThat(noName.get("scimType").asText()).isEqualTo("invalidValue");

        ScimSchemas.assertValid(ScimSchemas.ERROR, body(scim(SCIM_A).get("/scim/v2/Groups/does-not-exist"), 404)
                .toString());
    }

    @Test
    void shouldAnswerGroupOperationsWithValidCoreGroups() {
        String member = provisionMember(SCIM_A, unique("conf-g.") + "@example.com");
        Response created = scim(SCIM_A).body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"%s",
                 "members":[{"value":"%s"}]}""".formatted(unique("Conformance "), member)).post("/scim/v2/Groups");
        JsonNode group = ScimSchemas.assertValid(ScimSchemas.GROUP, body(created, 201).toString());
        String id = group.get("id").asText();
        assertThat(group.at("/members/0/value").asText()).isEqualTo(member);
        ScimSchemas.assertValid(ScimSchemas.GROUP, body(scim(SCIM_A).get("/scim/v2/Groups/" + id), 200).toString());
        ScimSchemas.assertValidList(ScimSchemas.GROUP, body(scim(SCIM_A)
                .queryParam("filter", "displayName eq \"" + group.get("displayName").asText() + "\"")
                .get("/scim/v2/Groups"), 200).toString());
    }

    @Test
    void shouldDescribeItselfWithValidDiscoveryResources() {
        ScimSchemas.assertValid(ScimSchemas.SERVICE_PROVIDER_CONFIG,
                body(scim(SCIM_A).get("/scim/v2/ServiceProviderConfig"), 200).toString());
        JsonNode types = ScimSchemas.assertValidList(ScimSchemas.RESOURCE_TYPE,
                body(scim(SCIM_A).get("/scim/v2/ResourceTypes"), 200).toString());
        assertThat(types.findValuesAsText("endpoint")).containsExactlyInAnyOrder("/Users", "/Groups");
        ScimSchemas.assertValid(ScimSchemas.RESOURCE_TYPE,
                body(scim(SCIM_A).get("/scim/v2/ResourceTypes/Group"), 200).toString());
        JsonNode schemas = ScimSchemas.assertValidList(ScimSchemas.SCHEMA,
                body(scim(SCIM_A).get("/scim/v2/Schemas"), 200).toString());
        List<String> ids = new ArrayList<>();
        schemas.get("Resources").forEach(s -> ids.add(s.get("id").asText()));
        assertThat(ids).contains("urn:ietf:params:scim:schemas:core:2.0:User",
                "urn:ietf:params:scim:schemas:core:2.0:Group");
    }
}
