package dev.latchkey.directory.people;

import dev.latchkey.directory.support.DirectoryTestBase;
import dev.latchkey.directory.support.Events;
import dev.latchkey.events.Topics;
import dev.latchkey.testsupport.PostgresAndKafkaResource;
import dev.latchkey.testsupport.UpstreamOidcProvider;
import dev.latchkey.testsupport.UpstreamTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static dev.latchkey.directory.support.TestCredentials.ADMIN_A;
import static dev.latchkey.directory.support.TestCredentials.SCIM_A;
import static dev.latchkey.directory.support.TestCredentials.TENANT_A;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * People's bearer tokens from the upstream OpenID Connect provider (a WireMock provider, real PostgreSQL and Kafka):
 * mapped to members, provisioned just in time, refused when they should be.
 */
@QuarkusTest
@WithTestResource(value = PostgresAndKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "service_account_db"))
@WithTestResource(UpstreamOidcProvider.class)
class UpstreamPeopleTest extends DirectoryTestBase {

    private static RequestSpecification person(UpstreamTokens token) {
        return given().header("Authorization", token.bearer()).contentType("application/json");
    }

    private static String email(String prefix) {
        return unique(prefix) + "@example.com";
    }

    private static int membersNamed(String userName) {
        return scim(SCIM_A).queryParam("filter", "userName eq \"" + userName + "\"").get("/scim/v2/Users")
                .then().statusCode(200).extract().path("totalResults");
    }

    @Test
    void shouldProvisionAnUnknownPersonOnceOnTheirFirstRequest() {
        String email = email("jit-");
        UpstreamTokens token = UpstreamTokens.person(TENANT_A, email);
        String id = person(token).get("/api/v1/members/me").then().statusCode(200)
                .body("userName", equalTo(email)).body("role", equalTo("member")).body("status", equalTo("active"))
                .extract().path("id");
        // the next request (a fresh token of the same person) finds the same member
        person(UpstreamTokens.person(TENANT_A, email.toUpperCase())).get("/api/v1/members/me").then().statusCode(200)
                .body("id", equalTo(id));
        assertThat(membersNamed(email)).isEqualTo(1);

        ConsumerRecord<String, String> created = Events.awaitRecords(Topics.DIRECTORY_EVENTS,
                Events.ofType("latchkey.directory.member.created.v1", id), 1).get(0);
        assertThat(Events.data(created).path("actor").path("type").asText()).isEqualTo("system");
        assertThat(Events.data(created).path("member").path("userName").asText()).isEqualTo(email);
        assertThat(Events.data(created).path("tenant").asText()).isEqualTo(TENANT_A);
    }

    @Test
    void shouldCreateOneMemberForConcurrentFirstRequests() throws Exception {
        String email = email("race-");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> person(UpstreamTokens.person(TENANT_A, email)).get("/api/v1/members/me")
                        .then().statusCode(200).extract().path("id"));
            }
            Set<String> ids = new HashSet<>();
            for (Future<String> f : pool.invokeAll(calls)) {
                ids.add(f.get());
            }
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(membersNamed(email)).isEqualTo(1);
    }

    @Test
    void shouldMapTheRoleClaimOnlyWhenProvisioning() {
        String adminEmail = email("jit-admin-");
        person(UpstreamTokens.person(TENANT_A, adminEmail).role("global_admin")).get("/api/v1/members/me")
                .then().statusCode(200).body("role", equalTo("global_admin"));
        String memberEmail = email("jit-member-");
        String memberId = person(UpstreamTokens.person(TENANT_A, memberEmail).role("member"))
                .get("/api/v1/members/me").then().statusCode(200).body("role", equalTo("member")).extract().path("id");
        person(UpstreamTokens.person(TENANT_A, email("jit-other-")).role("superuser")).get("/api/v1/members/me")
                .then().statusCode(200).body("role", equalTo("member"));

        // the global admin can administer; the member's scopes stop at their role's ceiling
        person(UpstreamTokens.person(TENANT_A, adminEmail)).body("{\"role\":\"global_admin\"}")
                .put("/api/v1/members/" + memberId + "/role").then().statusCode(200);
        // now the member's CURRENT Latchkey role counts, not the claim that still says member
        person(UpstreamTokens.person(TENANT_A, memberEmail).role("member")).get("/api/v1/members/me")
                .then().statusCode(200).body("role", equalTo("global_admin"));
        person(UpstreamTokens.person(TENANT_A, memberEmail).role("member")).body("{\"name\":\"" + unique("sa-") + "\"}")
                .post("/api/v1/service-accounts").then().statusCode(201);

        String plain = email("jit-plain-");
        person(UpstreamTokens.person(TENANT_A, plain)).get("/api/v1/members").then().statusCode(200);
        person(UpstreamTokens.person(TENANT_A, plain).role("global_admin")).body("{\"role\":\"member\"}")
                .put("/api/v1/members/" + memberId + "/role").then().statusCode(403)
                .header("WWW-Authenticate", containsString("insufficient_scope"));
    }

    @Test
    void shouldRefuseUnknownAndSuspendedTenants() {
        String unknown = "SP-" + ThreadLocalRandom.current().nextLong(100_000, 999_999_999L) + "-07";
        person(UpstreamTokens.person(unknown, email("nowhere-"))).get("/api/v1/members/me").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .contentType("application/problem+json").body("detail", containsString("no active Latchkey tenant"));
        person(UpstreamTokens.person("acme", email("nowhere-"))).get("/api/v1/members/me").then().statusCode(401)
                .body("type", equalTo("https://latchkey.dev/problems/tenant-unavailable"));

        String suspended = "SP-" + ThreadLocalRandom.current().nextLong(100_000, 999_999_999L) + "-08";
        as(ADMIN_A).body("{\"serviceId\":\"" + suspended + "\"}").post("/api/v1/tenants").then().statusCode(201);
        String early = email("early-");
        person(UpstreamTokens.person(suspended, early)).get("/api/v1/members/me").then().statusCode(200);
        as(ADMIN_A).post("/api/v1/tenants/" + suspended + "/suspend").then().statusCode(200);
        person(UpstreamTokens.person(suspended, early)).get("/api/v1/members/me").then().statusCode(401)
                .body("type", equalTo("https://latchkey.dev/problems/tenant-unavailable"));
        String late = email("late-");
        person(UpstreamTokens.person(suspended, late)).get("/api/v1/members/me").then().statusCode(401);
        as(ADMIN_A).post("/api/v1/tenants/" + suspended + "/reactivate").then().statusCode(200);
        person(UpstreamTokens.person(suspended, early)).get("/api/v1/members/me").then().statusCode(200);
    }

    @Test
    void shouldRefuseTokensTheProviderDidNotIssueOrThatExpired() {
        String email = email("forged-");
        List<UpstreamTokens> bad = List.of(
                UpstreamTokens.person(TENANT_A, email).issuer("https://evil.example.com"),
                UpstreamTokens.person(TENANT_A, email).expiredAgo(Duration.ofHours(1)),
                UpstreamTokens.person(TENANT_A, email).signedByStranger(),
                UpstreamTokens.person(TENANT_A, email).audience("someone-else"));
        for (UpstreamTokens token : bad) {
            person(token).get("/api/v1/members/me").then().statusCode(401)
                    .header("WWW-Authenticate", startsWith("Bearer"));
        }
        // a token that is not even a JWT is the Latchkey mechanism's: refused as malformed
        given().header("Authorization", "Bearer not-a-token").get("/api/v1/members/me").then().statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"));
        // nobody was provisioned from them
        assertThat(membersNamed(email)).isZero();
    }

    @Test
    void shouldRefuseATokenWithoutTheClaimsThatNameThePerson() {
        person(UpstreamTokens.person(null, email("no-tenant-"))).get("/api/v1/members/me").then().statusCode(401)
                .body("detail", containsString("latchkey_tenant"));
        person(UpstreamTokens.person(TENANT_A, null)).get("/api/v1/members/me").then().statusCode(401)
                .body("type", equalTo("https://latchkey.dev/problems/missing-claim"));
    }

    @Test
    void shouldRefuseDisabledAndDeletedMembersWithoutProvisioningThemAgain() {
        String email = email("leaver-");
        UpstreamTokens token = UpstreamTokens.person(TENANT_A, email);
        String id = person(token).get("/api/v1/members/me").then().statusCode(200).extract().path("id");

        as(ADMIN_A).post("/api/v1/members/" + id + "/disable").then().statusCode(200);
        person(UpstreamTokens.person(TENANT_A, email)).get("/api/v1/members/me").then().statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"))
                .body("detail", containsString("disabled or deleted"));
        as(ADMIN_A).post("/api/v1/members/" + id + "/enable").then().statusCode(200);
        person(UpstreamTokens.person(TENANT_A, email)).get("/api/v1/members/me").then().statusCode(200)
                .body("id", equalTo(id));

        as(ADMIN_A).delete("/api/v1/members/" + id).then().statusCode(204);
        person(UpstreamTokens.person(TENANT_A, email)).get("/api/v1/members/me").then().statusCode(401)
                .body("type", equalTo("https://latchkey.dev/problems/owner-disabled"));
        assertThat(membersNamed(email)).isZero();
    }

    @Test
    void shouldStillAcceptLatchkeyCredentialsBesideUpstreamTokens() {
        as(ADMIN_A).get("/api/v1/members").then().statusCode(200);
        // an API token's caller has no "me" unless it is a member; a service account is told so
        as(SCIM_A).get("/api/v1/members/me").then().statusCode(404).body("detail", containsString("service_account"));
        as(ADMIN_A).get("/api/v1/members/me").then().statusCode(404);
    }
}
