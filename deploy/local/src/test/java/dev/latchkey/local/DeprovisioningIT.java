package dev.latchkey.local;

import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.latchkey.local.RunningPlatform.as;
import static dev.latchkey.local.RunningPlatform.asAdmin;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Across processes: a member deactivated through SCIM at service-account-service loses their tokens at
 * token-service (through latchkey.directory.events), and gets them back when re-activated. The member is the
 * bootstrap admin; a service-account token with {@code member:all} and {@code token:introspect} does the
 * provisioning and the checking, as an identity provider's SCIM client and an API backend would.
 */
class DeprovisioningIT {

    @BeforeAll
    static void start() throws Exception {
        RunningPlatform.get();
    }

    @Test
    void shouldStopAMembersTokenWhenSCIMDeactivatesThemAndRestoreItOnReactivation() throws Exception {
        String adminId = RunningPlatform.get().bootstrapAdminMemberId();
        String serviceAccountId = asAdmin().contentType("application/json")
                .body(Map.of("name", "scim-" + UUID.randomUUID().toString().substring(0, 8), "description", "IdP SCIM client"))
                .post("/api/v1/service-accounts").then().statusCode(201).extract().path("id");
        // token-service learns the service account from the directory events
        Response provisioner = await().atMost(Duration.ofSeconds(30)).until(() -> asAdmin().contentType("application/json")
                .body(Map.of("name", "scim-client", "scopes", List.of("member:all", "token:introspect"), "expiration", "7d",
                        "owner", Map.of("type", "service_account", "id", serviceAccountId)))
                .post("/api/v1/tokens").then().extract().response(), r -> r.statusCode() == 201);
        String scimCredential = provisioner.path("token");
        String memberToken = TokenLifecycleIT.createToken(List.of("system_user:read")).path("token");
        // the last active global admin of a tenant cannot be deactivated: provision a second one first
        String secondAdmin = as(scimCredential).contentType("application/scim+json")
                .body(Map.of("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:User"),
                        "userName", "second-admin-" + UUID.randomUUID() + "@example.com", "active", true))
                .post("/scim/v2/Users").then().statusCode(201).extract().path("id");
        asAdmin().contentType("application/json").body(Map.of("role", "global_admin"))
                .put("/api/v1/members/" + secondAdmin + "/role").then().statusCode(200);
        introspect(scimCredential, memberToken).then().statusCode(200).body("active", equalTo(true));

        try {
            scimActive(scimCredential, adminId, false);
            long deactivated = System.nanoTime();
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
                    introspect(scimCredential, memberToken).then().statusCode(200).body("active", equalTo(false)));
            System.out.printf("SCIM deactivation → token inactive at introspection: %d ms%n",
                    (System.nanoTime() - deactivated) / 1_000_000);
        } finally {
            scimActive(scimCredential, adminId, true);
        }
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                introspect(scimCredential, memberToken).then().statusCode(200).body("active", equalTo(true)));
    }

    private static Response introspect(String credential, String token) {
        return as(credential).formParam("token", token).post("/api/v1/tokens/introspect");
    }

    /** Okta's shape of a deactivation (and reactivation). */
    private static void scimActive(String credential, String memberId, boolean active) {
        as(credential).contentType("application/scim+json")
                .body(Map.of("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:PatchOp"),
                        "Operations", List.of(Map.of("op", "replace", "value", Map.of("active", active)))))
                .patch("/scim/v2/Users/" + memberId).then().statusCode(200);
    }
}
