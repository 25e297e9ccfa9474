package dev.latchkey.audit.people;

import dev.latchkey.audit.support.Events;
import dev.latchkey.events.Topics;
import dev.latchkey.testsupport.PostgresAndKafkaResource;
import dev.latchkey.testsupport.UpstreamOidcProvider;
import dev.latchkey.testsupport.UpstreamTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * People's bearer tokens (WireMock OpenID Connect provider; real PostgreSQL and Kafka) against the audit trail: mapped
 * through this service's own projection of the directory events it stores.
 */
@QuarkusTest
@WithTestResource(value = PostgresAndKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "audit_db"))
@WithTestResource(UpstreamOidcProvider.class)
class UpstreamPeopleTest {

    private static void member(String tenant, String id, String userName, String role, String status) {
        String verb = "active".equals(status) ? "updated" : status;
        Events.send(Events.event(Topics.DIRECTORY_EVENTS, "latchkey.directory.member." + verb + ".v1", tenant,
                "someone", "member", id, Instant.now(), """
                        "member":{"id":"%s","userName":"%s","email":"%s","displayName":"P","role":"%s","status":"%s"}"""
                        .formatted(id, userName, userName, role, status)));
    }

    private static int status(String tenant, String email) {
        return given().header("Authorization", UpstreamTokens.person(tenant, email).bearer())
                .get("/api/v2/audit?limit=5").then().extract().statusCode();
    }

    @Test
    void shouldLetAGlobalAdminReadTheirTenantsTrailAndRefuseEveryoneElse() {
        String tenant = Events.newTenant();
        String admin = "admin-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String adminId = UUID.randomUUID().toString();
        member(tenant, adminId, admin, "global_admin", "active");
        await().atMost(Duration.ofSeconds(60)).until(() -> status(tenant, admin) == 200);
        given().header("Authorization", UpstreamTokens.person(tenant, admin).bearer()).get("/api/v2/audit?limit=5")
                .then().statusCode(200).body("items[0].target.id", equalTo(adminId));

        // a plain member's role never allows audit:* whatever the token claims
        String plain = "plain-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        member(tenant, UUID.randomUUID().toString(), plain, "member", "active");
        await().atMost(Duration.ofSeconds(60)).until(() -> status(tenant, plain) == 403);
        given().header("Authorization", UpstreamTokens.person(tenant, plain).role("global_admin").bearer())
                .get("/api/v2/audit").then().statusCode(403);

        // unknown here yet: not provisioned
        given().header("Authorization", UpstreamTokens.person(tenant, "nobody@example.com").bearer())
                .get("/api/v2/audit").then().statusCode(401)
                .body("type", equalTo("https://latchkey.dev/problems/not-provisioned"));

        // disabled: refused at once the event is in
        member(tenant, adminId, admin, "global_admin", "disabled");
        await().atMost(Duration.ofSeconds(60)).until(() -> status(tenant, admin) == 401);
        given().header("Authorization", UpstreamTokens.person(tenant, admin).bearer()).get("/api/v2/audit")
                .then().statusCode(401).header("WWW-Authenticate", containsString("invalid_token"))
                .body("detail", containsString("disabled"));
    }

    @Test
    void shouldRefuseTheMembersOfASuspendedTenant() {
        String tenant = Events.newTenant();
        String admin = "admin-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        member(tenant, UUID.randomUUID().toString(), admin, "global_admin", "active");
        await().atMost(Duration.ofSeconds(60)).until(() -> status(tenant, admin) == 200);
        Events.send(Events.event(Topics.DIRECTORY_EVENTS, "latchkey.directory.tenant.suspended.v1", tenant,
                "operator", "tenant", tenant, Instant.now(), """
                        "tenantInfo":{"serviceId":"%s","name":"T","status":"suspended"}""".formatted(tenant)));
        await().atMost(Duration.ofSeconds(60)).until(() -> status(tenant, admin) == 401);
        given().header("Authorization", UpstreamTokens.person(tenant, admin).bearer()).get("/api/v2/audit")
                .then().statusCode(401).body("type", equalTo("https://latchkey.dev/problems/tenant-unavailable"));
    }
}
