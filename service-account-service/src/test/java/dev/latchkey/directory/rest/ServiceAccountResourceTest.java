package dev.latchkey.directory.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.directory.support.DirectoryTestBase;
import dev.latchkey.directory.support.Events;
import dev.latchkey.events.Topics;
import dev.latchkey.testsupport.PostgresAndKafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.UUID;

import static dev.latchkey.directory.support.TestCredentials.ADMIN_A;
import static dev.latchkey.directory.support.TestCredentials.ADMIN_A_ID;
import static dev.latchkey.directory.support.TestCredentials.ADMIN_B;
import static dev.latchkey.directory.support.TestCredentials.MEMBER_A;
import static dev.latchkey.directory.support.TestCredentials.SCIM_A;
import static dev.latchkey.directory.support.TestCredentials.TENANT_A;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(value = PostgresAndKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "service_account_db"))
class ServiceAccountResourceTest extends DirectoryTestBase {

    private static String create(String token, String name) {
        return as(token).body("{\"name\":\"" + name + "\",\"description\":\"deploys\"}")
                .post("/api/v1/service-accounts").then().statusCode(201).extract().path("id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "a_b-c", "ci-deploy_2", "0ab", "A23"})
    void shouldAcceptNamesOfTheRule(String base) {
        String name = base + UUID.randomUUID().toString().substring(0, 4);
        as(ADMIN_A).body("{\"name\":\"" + name + "\"}").post("/api/v1/service-accounts")
                .then().statusCode(201).body("name", equalTo(name)).body("status", equalTo("active"))
                .body("tokenCount", equalTo(0));
    }

    @Test
    void shouldAcceptExactlyThreeAndSixtyFourCharacters() {
        String three = "x" + UUID.randomUUID().toString().substring(0, 2);
        as(ADMIN_A).body("{\"name\":\"" + three + "\"}").post("/api/v1/service-accounts").then().statusCode(201);
        String sixtyFour = ("s" + UUID.randomUUID().toString().replace("-", "")).repeat(2).substring(0, 64);
        as(ADMIN_A).body("{\"name\":\"" + sixtyFour + "\"}").post("/api/v1/service-accounts").then().statusCode(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "-leading-dash", "_leading", "has space", "ünïcode", "naïve-bot", "dot.name",
            "slash/name", "emoji😀bot", ""})
    void shouldRefuseNamesOutsideTheRuleNamingTheRule(String name) {
        as(ADMIN_A).body("{\"name\":\"" + name + "\"}").post("/api/v1/service-accounts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("name"))
                .body("errors[0].message", containsString("3–64 characters of letters, digits, '-' and '_'"));
    }

    @Test
    void shouldRefuseSixtyFiveCharacters() {
        String sixtyFive = "a".repeat(65);
        as(ADMIN_A).body("{\"name\":\"" + sixtyFive + "\"}").post("/api/v1/service-accounts")
                .then().statusCode(400).body("errors[0].field", equalTo("name"));
    }

    @Test
    void shouldRefuseAMissingName() {
        as(ADMIN_A).body("{\"description\":\"x\"}").post("/api/v1/service-accounts")
                .then().statusCode(400).body("errors[0].field", equalTo("name"));
    }

    @Test
    void shouldRefuseADuplicateNameInTheTenantIgnoringCase() {
        String name = unique("dup-");
        create(ADMIN_A, name);
        as(ADMIN_A).body("{\"name\":\"" + name.toUpperCase() + "\"}").post("/api/v1/service-accounts")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("already exists"));
    }

    @Test
    void shouldAllowTheSameNameInAnotherTenant() {
        String name = unique("shared-");
        create(ADMIN_A, name);
        create(ADMIN_B, name);
    }

    @Test
    void shouldAnswerNotFoundForAnotherTenantsServiceAccount() {
        String id = create(ADMIN_A, unique("iso-"));
        as(ADMIN_B).get("/api/v1/service-accounts/" + id).then().statusCode(404);
        as(ADMIN_B).body("{\"description\":\"mine now\"}").patch("/api/v1/service-accounts/" + id).then().statusCode(404);
        as(ADMIN_B).post("/api/v1/service-accounts/" + id + "/disable").then().statusCode(404);
        as(ADMIN_B).delete("/api/v1/service-accounts/" + id).then().statusCode(404);
        as(ADMIN_A).get("/api/v1/service-accounts/" + id).then().statusCode(200).body("status", equalTo("active"));
    }

    @Test
    void shouldLetAMemberReadButNotCreate() {
        String id = create(ADMIN_A, unique("ro-"));
        as(MEMBER_A).get("/api/v1/service-accounts/" + id).then().statusCode(200);
        as(MEMBER_A).body("{\"name\":\"" + unique("nope-") + "\"}").post("/api/v1/service-accounts")
                .then().statusCode(403);
        given().get("/api/v1/service-accounts").then().statusCode(401);
    }

    @Test
    void shouldUpdateNameDescriptionAndManagersAndRefuseUnknownManagers() {
        String id = create(ADMIN_A, unique("upd-"));
        String manager = provisionMember(SCIM_A, unique("mgr-") + "@example.com");
        String renamed = unique("renamed-");
        as(ADMIN_A).body("{\"name\":\"" + renamed + "\",\"description\":\"\",\"managers\":[\"" + manager + "\"]}")
                .patch("/api/v1/service-accounts/" + id)
                .then().statusCode(200).body("name", equalTo(renamed)).body("description", nullValue())
                .body("managers", equalTo(List.of(manager)));
        as(ADMIN_A).body("{\"managers\":[\"" + UUID.randomUUID() + "\"]}").patch("/api/v1/service-accounts/" + id)
                .then().statusCode(400).body("errors[0].field", equalTo("managers"));
        as(ADMIN_A).body("{\"name\":\"bad name\"}").patch("/api/v1/service-accounts/" + id).then().statusCode(400);

        List<ConsumerRecord<String, String>> updated = Events.awaitRecords(Topics.DIRECTORY_EVENTS,
                Events.ofType("latchkey.directory.service_account.updated.v1", id), 1);
        JsonNode data = Events.data(updated.get(0));
        assertThat(data.path("serviceAccount").path("name").asText()).isEqualTo(renamed);
        assertThat(data.path("changes").toString()).contains("name", "description", "managers");
    }

    @Test
    void shouldListWithTokenCountsAndCursorPagination() {
        String id = create(ADMIN_B, unique("page-"));
        for (int i = 0; i < 3; i++) {
            create(ADMIN_B, unique("page-"));
        }
        Events.publishToken("SP-000002-01", UUID.randomUUID().toString(), "service_account", id, "active");
        Events.publishToken("SP-000002-01", UUID.randomUUID().toString(), "service_account", id, "active");
        await().untilAsserted(() -> as(ADMIN_B).get("/api/v1/service-accounts/" + id)
                .then().statusCode(200).body("tokenCount", equalTo(2)));

        var first = as(ADMIN_B).queryParam("limit", 2).get("/api/v1/service-accounts")
                .then().statusCode(200).body("items", hasSize(2)).body("next", notNullValue()).extract();
        String next = first.path("next");
        List<String> seen = new java.util.ArrayList<>(first.path("items.id"));
        while (next != null) {
            var page = given().header("Authorization", "Bearer " + ADMIN_B).get(next).then().statusCode(200).extract();
            seen.addAll(page.path("items.id"));
            next = page.path("next");
        }
        assertThat(seen).doesNotHaveDuplicates().contains(id).hasSizeGreaterThanOrEqualTo(4);
        as(ADMIN_B).queryParam("limit", 201).get("/api/v1/service-accounts").then().statusCode(400);
        as(ADMIN_B).queryParam("cursor", "garbage").get("/api/v1/service-accounts").then().statusCode(400);
        as(ADMIN_A).queryParam("limit", 200).get("/api/v1/service-accounts")
                .then().statusCode(200).body("items.id", org.hamcrest.Matchers.not(hasItem(id)));
    }

    @Test
    void shouldDisableEnableAndDeleteWithEventsAndASubjectRevocation() {
        String id = create(ADMIN_A, unique("life-"));
        as(ADMIN_A).post("/api/v1/service-accounts/" + id + "/disable").then().statusCode(200)
                .body("status", equalTo("disabled"));
        as(ADMIN_A).post("/api/v1/service-accounts/" + id + "/enable").then().statusCode(200)
                .body("status", equalTo("active"));
        as(ADMIN_A).delete("/api/v1/service-accounts/" + id).then().statusCode(204);
        as(ADMIN_A).get("/api/v1/service-accounts/" + id).then().statusCode(404);

        for (String verb : List.of("created", "disabled", "enabled", "deleted")) {
            ConsumerRecord<String, String> r = Events.awaitRecords(Topics.DIRECTORY_EVENTS,
                    Events.ofType("latchkey.directory.service_account." + verb + ".v1", id), 1).get(0);
            JsonNode data = Events.data(r);
            assertThat(data.path("tenant").asText()).isEqualTo(TENANT_A);
            assertThat(data.path("actor").path("id").asText()).isEqualTo(ADMIN_A_ID);
            assertThat(data.path("target").path("type").asText()).isEqualTo("service_account");
            assertThat(data.path("serviceAccount").path("status").asText())
                    .isEqualTo(verb.equals("created") || verb.equals("enabled") ? "active" : verb);
            assertThat(Events.header(r, "ce_tenant")).isEqualTo(TENANT_A);
        }
        List<ConsumerRecord<String, String>> revocations = Events.awaitRecords(Topics.CREDENTIAL_REVOCATIONS,
                r -> ("subject:" + TENANT_A + ":" + id).equals(r.key()), 2);
        assertThat(revocations).extracting(r -> Events.data(r).path("reason").asText())
                .contains("owner_disabled", "owner_deleted");
        assertThat(Events.data(revocations.get(0)).path("scope").asText()).isEqualTo("subject");
    }

    @Test
    void shouldAllowTheNameAgainAfterDeletion() {
        String name = unique("again-");
        String id = create(ADMIN_A, name);
        as(ADMIN_A).delete("/api/v1/service-accounts/" + id).then().statusCode(204);
        create(ADMIN_A, name);
    }
}
