package dev.latchkey.audit.rest;

import dev.latchkey.audit.service.RetentionService;
import dev.latchkey.audit.support.Events;
import dev.latchkey.audit.support.TestCredentials;
import dev.latchkey.events.EventEnvelope;
import dev.latchkey.testsupport.PostgresAndKafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.latchkey.audit.support.AuditApi.WAIT;
import static dev.latchkey.audit.support.AuditApi.eventIds;
import static dev.latchkey.audit.support.AuditApi.verify;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(value = PostgresAndKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "audit_db"))
class RetentionTest {
    @Inject
    RetentionService retention;

    @Test
    void aTenantWithoutASettingHasTheDefaultAndAnAdminCanChangeIt() {
        String tenant = Events.newTenant();
        given().auth().oauth2(TestCredentials.auditReader(tenant)).get("/api/v2/audit/retention")
                .then().statusCode(200).body("retentionDays", equalTo(365)).body("isDefault", equalTo(true));
        given().auth().oauth2(TestCredentials.token(tenant, "admin")).contentType(ContentType.JSON)
                .body("{\"retentionDays\":90}").put("/api/v2/audit/retention")
                .then().statusCode(200).body("retentionDays", equalTo(90)).body("isDefault", equalTo(false))
                .body("updatedBy", equalTo("member:admin-of-" + tenant));
        given().auth().oauth2(TestCredentials.auditReader(tenant)).get("/api/v2/audit/retention")
                .then().statusCode(200).body("retentionDays", equalTo(90));
        // the other tenant is untouched
        given().auth().oauth2(TestCredentials.auditReader(Events.newTenant())).get("/api/v2/audit/retention")
                .then().statusCode(200).body("retentionDays", equalTo(365));
    }

    @Test
    void changingTheRetentionNeedsAdminAndAPeriodInRange() {
        String tenant = Events.newTenant();
        given().auth().oauth2(TestCredentials.auditReader(tenant)).contentType(ContentType.JSON)
                .body("{\"retentionDays\":90}").put("/api/v2/audit/retention").then().statusCode(403);
        String admin = TestCredentials.token(tenant, "admin");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"retentionDays\":0}")
                .put("/api/v2/audit/retention").then().statusCode(400)
                .body("errors[0].field", equalTo("retentionDays"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{}")
                .put("/api/v2/audit/retention").then().statusCode(400);
    }

    @Test
    void expiredRecordsAreDeletedInBatchesAndVerifyStillPassesFromTheAnchor() {
        String tenant = Events.newTenant();
        given().auth().oauth2(TestCredentials.token(tenant, "admin")).contentType(ContentType.JSON)
                .body("{\"retentionDays\":30}").put("/api/v2/audit/retention").then().statusCode(200);
        List<EventEnvelope> old = events(tenant, 5);
        Events.send(old);
        await().atMost(WAIT).untilAsserted(() -> assertThat(eventIds(tenant, "")).hasSize(5));
        Instant between = Instant.now();
        await().until(() -> Instant.now().isAfter(between.plusMillis(5)));
        List<EventEnvelope> recent = events(tenant, 3);
        Events.send(recent);
        await().atMost(WAIT).untilAsserted(() -> assertThat(eventIds(tenant, "")).hasSize(8));

        // 30 days after "between": the first five have expired, the last three not
        Long deleted = retention.purgeExpired(between.plus(Duration.ofDays(30))).await().atMost(Duration.ofSeconds(60));
        assertThat(deleted).isGreaterThanOrEqualTo(5);
        assertThat(eventIds(tenant, "")).containsExactlyInAnyOrderElementsOf(recent.stream().map(EventEnvelope::id).toList());

        JsonPath result = verify(tenant, "");
        assertThat(result.getBoolean("valid")).isTrue();
        assertThat(result.getLong("checked")).isEqualTo(3);
        assertThat(result.getLong("anchor.seq")).isEqualTo(5);
        assertThat(result.getLong("firstSeq")).isEqualTo(6);

        // the chain goes on from where it was
        EventEnvelope next = Events.tokenEvent(tenant, "revoked", "tok-1", Instant.now());
        Events.send(next);
        await().atMost(WAIT).untilAsserted(() -> assertThat(eventIds(tenant, "")).hasSize(4));
        assertThat(verify(tenant, "").getBoolean("valid")).isTrue();
        assertThat(verify(tenant, "").getLong("checked")).isEqualTo(4);

        // everything expires: the anchor alone still lets verify pass
        retention.purgeExpired(Instant.now().plus(Duration.ofDays(31))).await().atMost(Duration.ofSeconds(60));
        assertThat(eventIds(tenant, "")).isEmpty();
        JsonPath empty = verify(tenant, "");
        assertThat(empty.getBoolean("valid")).isTrue();
        assertThat(empty.getLong("anchor.seq")).isEqualTo(9);
        assertThat(empty.getLong("anchor.deletedCount")).isEqualTo(9);
    }

    static List<EventEnvelope> events(String tenant, int n) {
        List<EventEnvelope> list = new ArrayList<>();
        Instant t0 = Instant.now();
        for (int i = 0; i < n; i++) {
            list.add(Events.tokenEvent(tenant, "updated", "tok-1", t0.plusMillis(i)));
        }
        return list;
    }
}
