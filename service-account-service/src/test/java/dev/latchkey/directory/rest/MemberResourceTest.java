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

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.latchkey.directory.support.TestCredentials.ADMIN_A;
import static dev.latchkey.directory.support.TestCredentials.ADMIN_B;
import static dev.latchkey.directory.support.TestCredentials.MEMBER_A;
import static dev.latchkey.directory.support.TestCredentials.SCIM_A;
import static dev.latchkey.directory.support.TestCredentials.TENANT_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
@WithTestResource(value = PostgresAndKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "service_account_db"))
class MemberResourceTest extends DirectoryTestBase {

    @Test
    void shouldRefuseToRemoveAMemberWhileLiveTokensRemainSayingHowMany() {
        String id = provisionMember(SCIM_A, unique("leaver-") + "@example.com");
        String t1 = Events.publishToken(TENANT_A, UUID.randomUUID().toString(), "member", id, "active");
        String t2 = Events.publishToken(TENANT_A, UUID.randomUUID().toString(), "member", id, "active");
        Events.awaitProjected(t1, t2);

        await().untilAsserted(() -> as(ADMIN_A).delete("/api/v1/members/" + id)
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("2 live tokens")));

        Events.publishToken(TENANT_A, t1, "member", id, "revoked");
        await().untilAsserted(() -> as(ADMIN_A).delete("/api/v1/members/" + id)
                .then().statusCode(409).body("detail", containsString("1 live token:")));

        // reassigned to a service account: no longer the member's
        Events.publishToken(TENANT_A, t2, "service_account", UUID.randomUUID().toString(), "active");
        await().untilAsserted(() -> as(ADMIN_A).delete("/api/v1/members/" + id).then().statusCode(204));
        as(ADMIN_A).get("/api/v1/members/" + id).then().statusCode(404);

        ConsumerRecord<String, String> deleted = Events.awaitRecords(Topics.DIRECTORY_EVENTS,
                Events.ofType("latchkey.directory.member.deleted.v1", id), 1).get(0);
        assertThat(Events.data(deleted).path("member").path("status").asText()).isEqualTo("deleted");
        Events.awaitRecords(Topics.CREDENTIAL_REVOCATIONS, r -> ("subject:" + TENANT_A + ":" + id).equals(r.key())
                && "owner_deleted".equals(Events.data(r).path("reason").asText()), 1);
    }

    @Test
    void shouldNotCountExpiredTokensAsLive() {
        String id = provisionMember(SCIM_A, unique("expired-") + "@example.com");
        // an active token whose expiry has passed
        var info = new dev.latchkey.events.token.TokenInfo(UUID.randomUUID().toString(), "old", "member", id,
                List.of("account:read"), "private", List.of(), Instant.now().minusSeconds(60), "active");
        Events.publish(dev.latchkey.events.EventEnvelope.of("/token-service", dev.latchkey.events.token.TokenEvents.CREATED,
                new dev.latchkey.events.token.TokenCreated(TENANT_A, new dev.latchkey.events.Actor("member", id),
                        new dev.latchkey.events.Target("token", info.id()), Instant.now(), info)));
        // once the projection holds it, it does not block the removal
        await().until(() -> Events.projectedTokens(info.id()) == 1);
        as(ADMIN_A).delete("/api/v1/members/" + id).then().statusCode(204);
    }

    @Test
    void shouldChangeRolesDisableAndEnableWithEventsAndRevocations() {
        String id = provisionMember(SCIM_A, unique("role-") + "@example.com");
        as(ADMIN_A).body("{\"role\":\"global_admin\"}").put("/api/v1/members/" + id + "/role")
                .then().statusCode(200).body("role", equalTo("global_admin"));
        as(ADMIN_A).body("{\"role\":\"member\"}").put("/api/v1/members/" + id + "/role")
                .then().statusCode(200).body("role", equalTo("member"));
        as(ADMIN_A).body("{\"role\":\"owner\"}").put("/api/v1/members/" + id + "/role")
                .then().statusCode(400).body("errors[0].field", equalTo("role"));
        as(ADMIN_A).post("/api/v1/members/" + id + "/disable").then().statusCode(200).body("status", equalTo("disabled"));
        as(ADMIN_A).post("/api/v1/members/" + id + "/enable").then().statusCode(200).body("status", equalTo("active"));

        List<ConsumerRecord<String, String>> roles = Events.awaitRecords(Topics.DIRECTORY_EVENTS,
                Events.ofType("latchkey.directory.member.role_changed.v1", id), 2);
        JsonNode demotion = Events.data(roles.get(1));
        assertThat(demotion.path("previousRole").asText()).isEqualTo("global_admin");
        assertThat(demotion.path("member").path("role").asText()).isEqualTo("member");
        Events.awaitRecords(Topics.DIRECTORY_EVENTS, Events.ofType("latchkey.directory.member.disabled.v1", id), 1);
        Events.awaitRecords(Topics.DIRECTORY_EVENTS, Events.ofType("latchkey.directory.member.enabled.v1", id), 1);

        List<ConsumerRecord<String, String>> revocations = Events.awaitRecords(Topics.CREDENTIAL_REVOCATIONS,
                r -> ("subject:" + TENANT_A + ":" + id).equals(r.key()), 2);
        assertThat(revocations).extracting(r -> Events.data(r).path("reason").asText())
                .containsExactly("owner_demoted", "owner_disabled");
        JsonNode rev = Events.data(revocations.get(0));
        assertThat(rev.path("scope").asText()).isEqualTo("subject");
        assertThat(rev.path("value").asText()).isEqualTo(TENANT_A + ":" + id);
        assertThat(Instant.parse(rev.path("notBefore").asText())).isBeforeOrEqualTo(Instant.now());
    }

    @Test
    void shouldListMembersAndHideOtherTenants() {
        String id = provisionMember(SCIM_A, unique("listed-") + "@example.com");
        as(MEMBER_A).queryParam("limit", 200).get("/api/v1/members").then().statusCode(200)
                .body("items.id", hasItem(id));
        as(MEMBER_A).get("/api/v1/members/" + id).then().statusCode(200).body("status", equalTo("active"))
                .body("role", equalTo("member"));
        as(ADMIN_B).get("/api/v1/members/" + id).then().statusCode(404);
        as(ADMIN_B).post("/api/v1/members/" + id + "/disable").then().statusCode(404);
        as(ADMIN_B).delete("/api/v1/members/" + id).then().statusCode(404);
        as(ADMIN_A).queryParam("limit", 1).get("/api/v1/members").then().statusCode(200).body("items", hasSize(1))
                .body("next", containsString("cursor="));
    }

    @Test
    void shouldRefuseMemberWritesToAPlainMember() {
        String id = provisionMember(SCIM_A, unique("plain-") + "@example.com");
        as(MEMBER_A).post("/api/v1/members/" + id + "/disable").then().statusCode(403);
        as(MEMBER_A).post("/api/v1/members/" + id + "/enable").then().statusCode(403);
        as(MEMBER_A).body("{\"role\":\"global_admin\"}").put("/api/v1/members/" + id + "/role").then().statusCode(403);
        as(MEMBER_A).delete("/api/v1/members/" + id).then().statusCode(403);
    }

    @Test
    void shouldRefuseARoleThatIsNotOneOfTheTwo() {
        String id = provisionMember(SCIM_A, unique("owner-") + "@example.com");
        for (String body : new String[]{"{\"role\":\"owner\"}", "{}", "{\"role\":\"Global_Admin\"}"}) {
            as(ADMIN_A).body(body).put("/api/v1/members/" + id + "/role").then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("role"))
                    .body("errors[0].message", containsString("global_admin, member"));
        }
        as(ADMIN_A).get("/api/v1/members/" + id).then().statusCode(200).body("role", equalTo("member"));
        as(ADMIN_A).body("{\"role\":\"member\"}").put("/api/v1/members/" + UUID.randomUUID() + "/role")
                .then().statusCode(404);
    }

    @Test
    void shouldKeepTheBootstrapAdminAndRefuseToDemoteTheLastGlobalAdmin() {
        String bootstrap = "00000000-0000-4000-8000-000000000001";
        as(ADMIN_A).get("/api/v1/members/" + bootstrap).then().statusCode(200)
                .body("userName", equalTo("admin")).body("role", equalTo("global_admin"));
        // tenant B has no global admin member in the directory yet: promote one, then try to demote them
        String only = provisionMember(dev.latchkey.directory.support.TestCredentials.SCIM_B, unique("solo-") + "@example.com");
        as(ADMIN_B).body("{\"role\":\"global_admin\"}").put("/api/v1/members/" + only + "/role").then().statusCode(200);
        as(ADMIN_B).body("{\"role\":\"member\"}").put("/api/v1/members/" + only + "/role")
                .then().statusCode(409).body("detail", containsString("last active global admin"));
        as(ADMIN_B).post("/api/v1/members/" + only + "/disable").then().statusCode(409);
    }
}
