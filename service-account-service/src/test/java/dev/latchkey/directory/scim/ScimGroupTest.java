package dev.latchkey.directory.scim;

import dev.latchkey.directory.support.DirectoryTestBase;
import dev.latchkey.testsupport.PostgresAndKafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.latchkey.directory.support.TestCredentials.MEMBER_A;
import static dev.latchkey.directory.support.TestCredentials.SCIM_A;
import static dev.latchkey.directory.support.TestCredentials.SCIM_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(value = PostgresAndKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "service_account_db"))
class ScimGroupTest extends DirectoryTestBase {
    private static final String PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    private static String createGroup(String token, String displayName, String... memberIds) {
        StringBuilder members = new StringBuilder();
        for (String m : memberIds) {
            members.append(members.isEmpty() ? "" : ",").append("{\"value\":\"").append(m).append("\"}");
        }
        return scim(token).body("""
                        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"%s","members":[%s]}"""
                        .formatted(displayName, members))
                .post("/scim/v2/Groups").then().statusCode(201).extract().path("id");
    }

    private static ExtractableResponse<Response> patch(String token, String groupId, String operations, int status) {
        return scim(token).body("{\"schemas\":[\"" + PATCH + "\"],\"Operations\":[" + operations + "]}")
                .patch("/scim/v2/Groups/" + groupId).then().statusCode(status).extract();
    }

    @Test
    void shouldPushAGroupAndItsMembershipTheWayOktaDoes() {
        String jane = provisionMember(SCIM_A, unique("g-jane.") + "@example.com");
        String joe = provisionMember(SCIM_A, unique("g-joe.") + "@example.com");
        String name = unique("Okta Ops ");
        // Okta looks the group up by name, then creates it with its members
        scim(SCIM_A).queryParam("filter", "displayName eq \"" + name + "\"").get("/scim/v2/Groups").then()
                .statusCode(200).contentType(SCIM).body("totalResults", equalTo(0));
        ExtractableResponse<Response> created = scim(SCIM_A).body("""
                        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"%s",
                         "members":[{"value":"%s","display":"jane"}]}""".formatted(name, jane))
                .post("/scim/v2/Groups").then().statusCode(201).contentType(SCIM)
                .body("displayName", equalTo(name)).body("members.value", containsInAnyOrder(jane))
                .body("members[0].$ref", endsWith("/scim/v2/Users/" + jane)).body("members[0].type", equalTo("User"))
                .body("meta.resourceType", equalTo("Group")).extract();
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/scim/v2/Groups/" + id);

        patch(SCIM_A, id, "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + joe + "\",\"display\":\"joe\"}]}", 200);
        scim(SCIM_A).get("/scim/v2/Groups/" + id).then().body("members.value", containsInAnyOrder(jane, joe));

        patch(SCIM_A, id, "{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + jane + "\\\"]\"}", 200);
        scim(SCIM_A).get("/scim/v2/Groups/" + id).then().body("members.value", containsInAnyOrder(joe));

        String renamed = name + " renamed";
        patch(SCIM_A, id, "{\"op\":\"replace\",\"value\":{\"id\":\"" + id + "\",\"displayName\":\"" + renamed + "\"}}", 200)
                .response().then().body("displayName", equalTo(renamed)).body("members.value", containsInAnyOrder(joe));

        scim(SCIM_A).delete("/scim/v2/Groups/" + id).then().statusCode(204);
        scim(SCIM_A).get("/scim/v2/Groups/" + id).then().statusCode(404).contentType(SCIM)
                .body("status", equalTo("404"));
    }

    @Test
    void shouldPushAGroupAndItsMembershipTheWayEntraIdDoes() {
        String ann = provisionMember(SCIM_A, unique("g-ann.") + "@example.com");
        String bob = provisionMember(SCIM_A, unique("g-bob.") + "@example.com");
        String name = unique("Entra Devs ");
        String id = scim(SCIM_A).body("""
                        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group",
                                    "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
                         "externalId":"8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159","displayName":"%s","members":[]}"""
                        .formatted(name))
                .post("/scim/v2/Groups").then().statusCode(201).body("externalId",
                        equalTo("8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159")).body("members", empty()).extract().path("id");
        // Entra ID asks without members first
        scim(SCIM_A).queryParam("filter", "externalId eq \"8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159\" and displayName eq \""
                        + name.toUpperCase() + "\"").queryParam("excludedAttributes", "members").get("/scim/v2/Groups")
                .then().statusCode(200).body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(id))
                .body("Resources[0].members", nullValue());

        patch(SCIM_A, id, "{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"value\":\"" + ann + "\"},{\"value\":\""
                + bob + "\"}]}", 200);
        scim(SCIM_A).get("/scim/v2/Groups/" + id).then().body("members.value", containsInAnyOrder(ann, bob));
        scim(SCIM_A).queryParam("filter", "members.value eq \"" + bob + "\"").get("/scim/v2/Groups").then()
                .body("Resources.id", hasItem(id));

        patch(SCIM_A, id, "{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":\"" + ann + "\"}]}", 200);
        patch(SCIM_A, id, "{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\"" + name + "-2\"}", 200);
        scim(SCIM_A).get("/scim/v2/Groups/" + id).then().body("members.value", containsInAnyOrder(bob))
                .body("displayName", equalTo(name + "-2"));

        // PUT replaces everything; members absent = none
        scim(SCIM_A).body("""
                        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"%s-3"}""".formatted(name))
                .put("/scim/v2/Groups/" + id).then().statusCode(200).body("displayName", equalTo(name + "-3"))
                .body("members", empty()).body("externalId", nullValue());
    }

    @Test
    void shouldRefuseADuplicateDisplayNameAndMembersWhoAreNotInTheTenant() {
        String name = unique("Dup ");
        createGroup(SCIM_A, name);
        scim(SCIM_A).body("""
                        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"%s"}"""
                        .formatted(name.toLowerCase()))
                .post("/scim/v2/Groups").then().statusCode(409).contentType(SCIM)
                .body("status", equalTo("409")).body("scimType", equalTo("uniqueness"));

        String otherTenantsMember = provisionMember(SCIM_B, unique("g-other.") + "@example.com");
        scim(SCIM_A).body("""
                        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"%s",
                         "members":[{"value":"%s"}]}""".formatted(unique("Cross "), otherTenantsMember))
                .post("/scim/v2/Groups").then().statusCode(400).body("scimType", equalTo("invalidValue"))
                .body("detail", containsString(otherTenantsMember));
        scim(SCIM_A).body("""
                        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"%s",
                         "members":[{"display":"nobody"}]}""".formatted(unique("NoValue ")))
                .post("/scim/v2/Groups").then().statusCode(400).body("scimType", equalTo("invalidValue"));
        scim(SCIM_A).queryParam("filter", "displayName co \"x\"").get("/scim/v2/Groups").then().statusCode(400)
                .body("scimType", equalTo("invalidFilter"));
    }

    @Test
    void shouldKeepAnotherTenantsGroupsOutOfReach() {
        String id = createGroup(SCIM_A, unique("Private "));
        scim(SCIM_B).get("/scim/v2/Groups/" + id).then().statusCode(404);
        patch(SCIM_B, id, "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"stolen\"}", 404);
        scim(SCIM_B).delete("/scim/v2/Groups/" + id).then().statusCode(404);
        scim(SCIM_B).queryParam("filter", "id eq \"" + id + "\"").get("/scim/v2/Groups").then()
                .body("totalResults", equalTo(0));
        scim(SCIM_A).get("/scim/v2/Groups/" + id).then().statusCode(200).body("displayName", not(equalTo("stolen")));
        // SCIM is for identity providers: a plain member's credential is refused
        scim(MEMBER_A).get("/scim/v2/Groups").then().statusCode(403);
    }

    @Test
    void shouldDropADeletedMemberFromItsGroups() {
        String leaver = provisionMember(SCIM_A, unique("g-leaver.") + "@example.com");
        String stayer = provisionMember(SCIM_A, unique("g-stayer.") + "@example.com");
        String id = createGroup(SCIM_A, unique("Leavers "), leaver, stayer);
        scim(SCIM_A).delete("/scim/v2/Users/" + leaver).then().statusCode(204);
        scim(SCIM_A).get("/scim/v2/Groups/" + id).then().statusCode(200).body("members.value", containsInAnyOrder(stayer));
        scim(SCIM_A).queryParam("filter", "members.value eq \"" + leaver + "\"").get("/scim/v2/Groups").then()
                .body("totalResults", equalTo(0));
    }

    @Test
    void shouldPageGroupsWithStartIndexCountAndTotalResults() {
        for (int i = 0; i < 4; i++) {
            createGroup(SCIM_B, unique("Page "));
        }
        int total = scim(SCIM_B).queryParam("count", 0).get("/scim/v2/Groups").then().statusCode(200)
                .body("Resources", hasSize(0)).extract().path("totalResults");
        assertThat(total).isGreaterThanOrEqualTo(4);
        Set<String> seen = new HashSet<>();
        for (int start = 1; start <= total; start += 3) {
            ExtractableResponse<Response> page = scim(SCIM_B).queryParam("startIndex", start).queryParam("count", 3)
                    .get("/scim/v2/Groups").then().statusCode(200).body("startIndex", equalTo(start))
                    .body("totalResults", equalTo(total)).extract();
            List<Map<String, Object>> resources = page.path("Resources");
            assertThat(resources).hasSize(Math.min(3, total - start + 1));
            resources.forEach(r -> assertThat(seen.add((String) r.get("id"))).isTrue());
        }
        assertThat(seen).hasSize(total);
    }
}
