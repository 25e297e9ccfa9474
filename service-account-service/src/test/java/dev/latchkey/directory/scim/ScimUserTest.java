package dev.latchkey.directory.scim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.directory.support.DirectoryTestBase;
import dev.latchkey.directory.support.Events;
import dev.latchkey.events.Topics;
import dev.latchkey.testsupport.PostgresAndKafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.latchkey.directory.support.TestCredentials.ADMIN_A;
import static dev.latchkey.directory.support.TestCredentials.MEMBER_A;
import static dev.latchkey.directory.support.TestCredentials.SCIM_A;
import static dev.latchkey.directory.support.TestCredentials.SCIM_B;
import static dev.latchkey.directory.support.TestCredentials.TENANT_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(value = PostgresAndKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "service_account_db"))
class ScimUserTest extends DirectoryTestBase {
    private static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

    /** What Okta sends when it assigns a person to the app. */
    private static String oktaCreate(String userName) {
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s",
                 "name":{"givenName":"Jane","familyName":"Doe"},
                 "emails":[{"primary":true,"value":"%s","type":"work"}],
                 "displayName":"Jane Doe","locale":"en-US","externalId":"00u1abcd","groups":[],"password":"ignored-Pa55",
                 "active":true}""".formatted(userName, userName);
    }

    /** What Entra ID sends (enterprise extension, string booleans in patches). */
    private static String entraCreate(String userName, String externalId) {
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                 "externalId":"%s","userName":"%s","active":true,
                 "emails":[{"primary":true,"type":"work","value":"%s"}],
                 "meta":{"resourceType":"User"},
                 "name":{"formatted":"John Smith","familyName":"Smith","givenName":"John"},
                 "roles":[],
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Ops"}}"""
                .formatted(externalId, userName, userName);
    }

    @Test
    void shouldProvisionDeactivateAndDeleteTheWayOktaDoes() {
        String userName = unique("okta.") + "@example.com";
        // Okta first looks the user up
        scim(SCIM_A).queryParam("filter", "userName eq \"" + userName + "\"").queryParam("startIndex", 1)
                .queryParam("count", 100).get("/scim/v2/Users")
                .then().statusCode(200).contentType(SCIM).body("totalResults", equalTo(0))
                .body("Resources", hasSize(0));
        ExtractableResponse<Response> created = scim(SCIM_A).body(oktaCreate(userName)).post("/scim/v2/Users")
                .then().statusCode(201).contentType(SCIM)
                .body("schemas", hasItem("urn:ietf:params:scim:schemas:core:2.0:User"))
                .body("userName", equalTo(userName)).body("active", equalTo(true))
                .body("emails[0].value", equalTo(userName)).body("name.givenName", equalTo("Jane"))
                .body("meta.resourceType", equalTo("User")).body("externalId", equalTo("00u1abcd"))
                .extract();
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/scim/v2/Users/" + id);
        assertThat(created.body().asString()).doesNotContain("ignored-Pa55");

        scim(SCIM_A).get("/scim/v2/Users/" + id).then().statusCode(200).body("id", equalTo(id));
        // Okta deactivation
        scim(SCIM_A).body("""
                        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                         "Operations":[{"op":"replace","value":{"active":false}}]}""")
                .patch("/scim/v2/Users/" + id).then().statusCode(200).body("active", equalTo(false));
        as(ADMIN_A).get("/api/v1/members/" + id).then().body("status", equalTo("disabled"));
        // Okta profile push: PUT the full user
        scim(SCIM_A).body(oktaCreate(userName).replace("\"active\":true", "\"active\":false")
                        .replace("Jane Doe", "Jane Q. Doe"))
                .put("/scim/v2/Users/" + id).then().statusCode(200).body("displayName", equalTo("Jane Q. Doe"))
                .body("active", equalTo(false));
        scim(SCIM_A).delete("/scim/v2/Users/" + id).then().statusCode(204);
        scim(SCIM_A).get("/scim/v2/Users/" + id).then().statusCode(404).contentType(SCIM)
                .body("schemas", hasItem(ERROR)).body("status", equalTo("404"));

        for (String verb : List.of("created", "disabled", "updated", "deleted")) {
            Events.awaitRecords(Topics.DIRECTORY_EVENTS, Events.ofType("latchkey.directory.member." + verb + ".v1", id), 1);
        }
        List<ConsumerRecord<String, String>> revocations = Events.awaitRecords(Topics.CREDENTIAL_REVOCATIONS,
                r -> ("subject:" + TENANT_A + ":" + id).equals(r.key()), 2);
        assertThat(revocations).extracting(r -> Events.data(r).path("reason").asText())
                .containsExactly("owner_disabled", "owner_deleted");
    }

    @Test
    void shouldProvisionDeactivateAndDeleteTheWayEntraIdDoes() {
        String userName = unique("entra.") + "@contoso.example";
        String externalId = UUID.randomUUID().toString();
        scim(SCIM_A).queryParam("filter", "externalId eq \"" + externalId + "\"").get("/scim/v2/Users")
                .then().statusCode(200).body("totalResults", equalTo(0));
        String id = scim(SCIM_A).body(entraCreate(userName, externalId)).post("/scim/v2/Users")
                .then().statusCode(201).body("name.familyName", equalTo("Smith")).extract().path("id");
        // Entra: several operations, capitalised op names, string booleans, filtered email path
        scim(SCIM_A).body("""
                        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                         "Operations":[
                           {"op":"Replace","path":"displayName","value":"Johnny Smith"},
                           {"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"%s"},
                           {"op":"Add","path":"title","value":"Engineer"},
                           {"op":"Replace","path":"active","value":"False"}]}""".formatted("new." + userName))
                .patch("/scim/v2/Users/" + id).then().statusCode(200).body("active", equalTo(false))
                .body("displayName", equalTo("Johnny Smith")).body("emails[0].value", equalTo("new." + userName));
        scim(SCIM_A).queryParam("filter", "userName eq \"" + userName.toUpperCase() + "\"").get("/scim/v2/Users")
                .then().statusCode(200).body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(id));
        scim(SCIM_A).body("""
                        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                         "Operations":[{"op":"Replace","path":"active","value":"True"}]}""")
                .patch("/scim/v2/Users/" + id).then().statusCode(200).body("active", equalTo(true));
        scim(SCIM_A).body("""
                        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                         "Operations":[{"op":"Replace","path":"active","value":"False"}]}""")
                .patch("/scim/v2/Users/" + id).then().statusCode(200).body("active", equalTo(false));
        scim(SCIM_A).delete("/scim/v2/Users/" + id).then().statusCode(204);

        List<ConsumerRecord<String, String>> events = Events.awaitRecords(Topics.DIRECTORY_EVENTS,
                r -> id.equals(r.key()), 6);
        assertThat(events).extracting(r -> Events.header(r, "ce_type")).containsSubsequence(
                "latchkey.directory.member.created.v1", "latchkey.directory.member.disabled.v1",
                "latchkey.directory.member.enabled.v1", "latchkey.directory.member.disabled.v1",
                "latchkey.directory.member.deleted.v1");
        JsonNode disabled = Events.data(events.get(2));
        assertThat(disabled.path("member").path("displayName").asText()).isEqualTo("Johnny Smith");
    }

    @Test
    void shouldRefuseADuplicateUserNameIgnoringCaseWithAScimError() {
        String userName = unique("dup.") + "@example.com";
        provisionMember(SCIM_A, userName);
        scim(SCIM_A).body(oktaCreate(userName.toUpperCase())).post("/scim/v2/Users")
                .then().statusCode(409).contentType(SCIM).body("schemas", hasItem(ERROR))
                .body("scimType", equalTo("uniqueness")).body("status", equalTo("409"));
        // another tenant may have the same person
        provisionMember(SCIM_B, userName);
    }

    @Test
    void shouldAnswerScimErrorsForBadRequests() {
        scim(SCIM_A).body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"]}").post("/scim/v2/Users")
                .then().statusCode(400).contentType(SCIM).body("scimType", equalTo("invalidValue"))
                .body("detail", containsString("userName"));
        scim(SCIM_A).body("{not json").post("/scim/v2/Users").then().statusCode(400)
                .body("scimType", equalTo("invalidSyntax"));
        scim(SCIM_A).queryParam("filter", "userName co \"x\"").get("/scim/v2/Users").then().statusCode(400)
                .body("scimType", equalTo("invalidFilter")).body("detail", containsString("eq"));
        scim(SCIM_A).queryParam("filter", "title eq \"x\"").get("/scim/v2/Users").then().statusCode(400)
                .body("scimType", equalTo("invalidFilter"));
        String id = provisionMember(SCIM_A, unique("bad.") + "@example.com");
        scim(SCIM_A).body("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[]}")
                .patch("/scim/v2/Users/" + id).then().statusCode(400).body("scimType", equalTo("invalidSyntax"));
        scim(SCIM_A).body("""
                        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                         "Operations":[{"op":"replace","path":"active","value":"maybe"}]}""")
                .patch("/scim/v2/Users/" + id).then().statusCode(400).body("scimType", equalTo("invalidValue"));
        scim(MEMBER_A).get("/scim/v2/Users").then().statusCode(403);
    }

    @Test
    void shouldKeepTenantsApartOnScim() {
        String id = provisionMember(SCIM_A, unique("iso.") + "@example.com");
        scim(SCIM_B).get("/scim/v2/Users/" + id).then().statusCode(404).contentType(SCIM);
        scim(SCIM_B).body("""
                        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                         "Operations":[{"op":"replace","value":{"active":false}}]}""")
                .patch("/scim/v2/Users/" + id).then().statusCode(404);
        scim(SCIM_B).delete("/scim/v2/Users/" + id).then().statusCode(404);
        scim(SCIM_B).queryParam("filter", "id eq \"" + id + "\"").get("/scim/v2/Users").then()
                .body("totalResults", equalTo(0));
    }

    @Test
    void shouldFilterByEmailAndActiveAndPageWithStartIndexAndCount() {
        String domain = unique("page") + ".example";
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(provisionMember(SCIM_B, "user" + i + "@" + domain));
        }
        scim(SCIM_B).queryParam("filter", "emails.value eq \"USER3@" + domain + "\"").get("/scim/v2/Users")
                .then().statusCode(200).body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(ids.get(3)));
        scim(SCIM_B).queryParam("filter", "emails[type eq \"work\"].value eq \"user2@" + domain + "\"")
                .get("/scim/v2/Users").then().statusCode(200).body("Resources[0].id", equalTo(ids.get(2)));
        scim(SCIM_B).body("""
                        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                         "Operations":[{"op":"replace","value":{"active":false}}]}""")
                .patch("/scim/v2/Users/" + ids.get(0)).then().statusCode(200);
        scim(SCIM_B).queryParam("filter", "active eq false and emails.value eq \"user0@" + domain + "\"")
                .get("/scim/v2/Users").then().body("totalResults", equalTo(1));
        scim(SCIM_B).queryParam("filter", "active eq true and emails.value eq \"user0@" + domain + "\"")
                .get("/scim/v2/Users").then().body("totalResults", equalTo(0));

        int total = scim(SCIM_B).queryParam("count", 0).get("/scim/v2/Users").then().statusCode(200)
                .body("Resources", hasSize(0)).extract().path("totalResults");
        assertThat(total).isGreaterThanOrEqualTo(5);
        Set<String> seen = new HashSet<>();
        for (int start = 1; start <= total; start += 2) {
            ExtractableResponse<Response> page = scim(SCIM_B).queryParam("startIndex", start).queryParam("count", 2)
                    .get("/scim/v2/Users").then().statusCode(200)
                    .body("schemas", hasItem("urn:ietf:params:scim:api:messages:2.0:ListResponse"))
                    .body("startIndex", equalTo(start)).body("totalResults", equalTo(total)).extract();
            List<Map<String, Object>> resources = page.path("Resources");
            assertThat(resources.size()).isEqualTo(Math.min(2, total - start + 1));
            assertThat((Integer) page.path("itemsPerPage")).isEqualTo(resources.size());
            resources.forEach(r -> assertThat(seen.add((String) r.get("id"))).isTrue());
        }
        assertThat(seen).hasSize(total).containsAll(ids);
    }

    @Test
    void shouldDisableInsteadOfDeletingWhileTokensRemain() {
        String id = provisionMember(SCIM_A, unique("keeper.") + "@example.com");
        Events.awaitProjected(Events.publishToken(TENANT_A, UUID.randomUUID().toString(), "member", id, "active"));
        org.awaitility.Awaitility.await().untilAsserted(() -> scim(SCIM_A).delete("/scim/v2/Users/" + id)
                .then().statusCode(409).contentType(SCIM).body("detail", containsString("1 live token")));
        scim(SCIM_A).get("/scim/v2/Users/" + id).then().statusCode(200).body("active", equalTo(false));
    }

    @Test
    void shouldDescribeTheServiceProvider() {
        scim(SCIM_A).get("/scim/v2/ServiceProviderConfig").then().statusCode(200).contentType(SCIM)
                .body("schemas[0]", equalTo("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"))
                .body("patch.supported", equalTo(true)).body("filter.supported", equalTo(true))
                .body("bulk.supported", equalTo(false)).body("authenticationSchemes[0].type", equalTo("oauthbearertoken"));
        scim(SCIM_A).get("/scim/v2/ResourceTypes").then().statusCode(200)
                .body("Resources[0].endpoint", equalTo("/Users"))
                .body("Resources[0].schema", equalTo("urn:ietf:params:scim:schemas:core:2.0:User"));
        scim(SCIM_A).get("/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User").then().statusCode(200)
                .body("attributes.name", hasItem("userName")).body("attributes.name", hasItem("active"))
                .body("meta.location", startsWith("/scim/v2/Schemas/"));
        scim(SCIM_A).get("/scim/v2/Schemas/urn:nope").then().statusCode(404).body("schemas", hasItem(ERROR));
    }
}
