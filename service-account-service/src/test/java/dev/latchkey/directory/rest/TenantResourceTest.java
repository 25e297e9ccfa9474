package dev.latchkey.directory.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.directory.service.Bootstrap;
import dev.latchkey.directory.support.DirectoryTestBase;
import dev.latchkey.directory.support.Events;
import dev.latchkey.events.Topics;
import dev.latchkey.testsupport.PostgresAndKafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static dev.latchkey.directory.support.TestCredentials.ADMIN_A;
import static dev.latchkey.directory.support.TestCredentials.ADMIN_B;
import static dev.latchkey.directory.support.TestCredentials.MEMBER_A;
import static dev.latchkey.directory.support.TestCredentials.TENANT_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(value = PostgresAndKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "service_account_db"))
class TenantResourceTest extends DirectoryTestBase {
    @Inject
    Bootstrap bootstrap;

    private static String newServiceId() {
        return "SP-" + ThreadLocalRandom.current().nextLong(100_000, 999_999_999L) + "-0"
                + ThreadLocalRandom.current().nextInt(10);
    }

    @Test
    void shouldLetThePlatformOperatorCreateReadAndListTenants() {
        String id = newServiceId();
        as(ADMIN_A).body("{\"serviceId\":\"" + id + "\",\"name\":\"Acme\",\"limits\":{\"oauthApplications\":5}}")
                .post("/api/v1/tenants").then().statusCode(201).body("serviceId", equalTo(id))
                .body("status", equalTo("active")).body("limits.oauthApplications", equalTo(5))
                .header("Location", containsString("/api/v1/tenants/" + id));
        as(ADMIN_A).get("/api/v1/tenants/" + id).then().statusCode(200).body("name", equalTo("Acme"));
        as(ADMIN_A).queryParam("limit", 200).get("/api/v1/tenants").then().statusCode(200)
                .body("items.serviceId", hasItem(id)).body("items.serviceId", hasItem(TENANT_A));

        ConsumerRecord<String, String> created = Events.awaitRecords(Topics.DIRECTORY_EVENTS,
                Events.ofType("latchkey.directory.tenant.created.v1", id), 1).get(0);
        JsonNode data = Events.data(created);
        assertThat(data.path("tenant").asText()).isEqualTo(id);
        assertThat(data.path("tenantInfo").path("limits").path("oauthApplications").asInt()).isEqualTo(5);
    }

    @Test
    void shouldRefuseMalformedAndDuplicateServiceIds() {
        for (String bad : List.of("SP-1234-1", "sp-1234-01", "SP-1234567890123-01", "SP--01", "SP-12a4-01", "SP-1-001")) {
            as(ADMIN_A).body("{\"serviceId\":\"" + bad + "\"}").post("/api/v1/tenants").then().statusCode(400)
                    .body("errors[0].field", equalTo("serviceId"))
                    .body("errors[0].message", containsString("SP-<account>-<instance>"));
        }
        String id = newServiceId();
        // no limits given: the platform default (2 OAuth applications)
        as(ADMIN_A).body("{\"serviceId\":\"" + id + "\"}").post("/api/v1/tenants").then().statusCode(201)
                .body("name", equalTo(id)).body("limits.oauthApplications", equalTo(2));
        // an explicit null: no limit
        String unlimited = newServiceId();
        as(ADMIN_A).body("{\"serviceId\":\"" + unlimited + "\",\"limits\":{\"oauthApplications\":null}}")
                .post("/api/v1/tenants").then().statusCode(201).body("limits.oauthApplications", nullValue());
        as(ADMIN_A).body("{\"serviceId\":\"" + id + "\"}").post("/api/v1/tenants").then().statusCode(409)
                .body("detail", containsString(id));
    }

    @Test
    void shouldRefuseTenantManagementToAnyoneButThePlatformOperator() {
        as(ADMIN_B).body("{\"serviceId\":\"" + newServiceId() + "\"}").post("/api/v1/tenants").then().statusCode(403);
        as(ADMIN_B).get("/api/v1/tenants/" + TENANT_A).then().statusCode(403);
        as(MEMBER_A).get("/api/v1/tenants").then().statusCode(403);
    }

    @Test
    void shouldSuspendWithATenantRevocationAndUpdateLimits() {
        String id = newServiceId();
        as(ADMIN_A).body("{\"serviceId\":\"" + id + "\"}").post("/api/v1/tenants").then().statusCode(201);
        as(ADMIN_A).body("{\"limits\":{\"oauthApplications\":3}}").patch("/api/v1/tenants/" + id)
                .then().statusCode(200).body("limits.oauthApplications", equalTo(3));
        as(ADMIN_A).body("{\"limits\":{\"oauthApplications\":-1}}").patch("/api/v1/tenants/" + id)
                .then().statusCode(400);
        as(ADMIN_A).post("/api/v1/tenants/" + id + "/suspend").then().statusCode(200)
                .body("status", equalTo("suspended"));
        as(ADMIN_A).post("/api/v1/tenants/" + id + "/reactivate").then().statusCode(200)
                .body("status", equalTo("active"));
        as(ADMIN_A).post("/api/v1/tenants/SP-424242424-01/suspend").then().statusCode(404);
        as(ADMIN_A).post("/api/v1/tenants/" + TENANT_A + "/suspend").then().statusCode(409);

        ConsumerRecord<String, String> revocation = Events.awaitRecords(Topics.CREDENTIAL_REVOCATIONS,
                r -> ("tenant:" + id).equals(r.key()), 1).get(0);
        JsonNode data = Events.data(revocation);
        assertThat(data.path("scope").asText()).isEqualTo("tenant");
        assertThat(data.path("value").asText()).isEqualTo(id);
        assertThat(data.path("reason").asText()).isEqualTo("tenant_suspended");
        List<ConsumerRecord<String, String>> events = Events.awaitRecords(Topics.DIRECTORY_EVENTS,
                r -> id.equals(r.key()), 4);
        assertThat(events).extracting(r -> Events.header(r, "ce_type")).containsExactly(
                "latchkey.directory.tenant.created.v1", "latchkey.directory.tenant.updated.v1",
                "latchkey.directory.tenant.suspended.v1", "latchkey.directory.tenant.reactivated.v1");
        assertThat(Events.data(events.get(2)).path("tenantInfo").path("status").asText()).isEqualTo("suspended");
    }

    @Test
    void shouldBootstrapTheFirstTenantAndAdminOnceOnly() {
        bootstrap.run().await().atMost(Duration.ofSeconds(30));
        bootstrap.run().await().atMost(Duration.ofSeconds(30));
        as(ADMIN_A).get("/api/v1/tenants/" + TENANT_A).then().statusCode(200).body("status", equalTo("active"))
                .body("limits.oauthApplications", equalTo(2));
        String adminId = "00000000-0000-4000-8000-000000000001";
        as(ADMIN_A).get("/api/v1/members/" + adminId).then().statusCode(200).body("role", equalTo("global_admin"))
                .body("userName", equalTo("admin"));
        assertThat(Events.awaitRecords(Topics.DIRECTORY_EVENTS,
                Events.ofType("latchkey.directory.member.created.v1", adminId), 1)).hasSize(1);
        assertThat(Events.awaitRecords(Topics.DIRECTORY_EVENTS,
                Events.ofType("latchkey.directory.tenant.created.v1", TENANT_A), 1)).hasSize(1);
    }
}
