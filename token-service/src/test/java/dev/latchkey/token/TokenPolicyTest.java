package dev.latchkey.token;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.events.EventJson;
import dev.latchkey.events.Topics;
import dev.latchkey.testsupport.PostgresAndKafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Each test in a tenant of its own, so that policies do not meet. */
@QuarkusTest
@WithTestResource(value = PostgresAndKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "token_db"))
class TokenPolicyTest extends TokenServiceTestBase {

    static String newTenant() {
        return "SP-" + ThreadLocalRandom.current().nextInt(100_000, 999_999) + "-02";
    }

    String globalAdminOf(String tenant) {
        return newMemberWithToken(tenant, "global_admin", "admin");
    }

    static Map<String, Object> policy(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static io.restassured.response.Response create(String credential, Map<String, Object> body) {
        return as(credential).body(body).post("/api/v1/tokens");
    }

    @Test
    void theDefaultPolicyAllowsEverythingAndNotifies30_7And1DaysAhead() {
        String admin = globalAdminOf(newTenant());
        as(admin).get("/api/v1/token-policy").then().statusCode(200)
                .body("allowNoExpiration", equalTo(true)).body("requireServiceAccountOwner", equalTo(false))
                .body("expiryNoticeDays", equalTo(List.of(30, 7, 1)));
    }

    @Test
    void aTokenBeyondTheMaximumLifetimeIsRefused() {
        String admin = globalAdminOf(newTenant());
        as(admin).body(policy("maxLifetimeDays", 30)).put("/api/v1/token-policy").then().statusCode(200)
                .body("maxLifetimeDays", equalTo(30));
        create(admin, Map.of("name", "long", "scopes", List.of("account:read"), "expiration", "90d"))
                .then().statusCode(422).body("type", endsWith("token-lifetime-exceeds-policy"))
                .body("detail", containsString("30 days"));
        create(admin, Map.of("name", "forever", "scopes", List.of("account:read"), "expiration", "none"))
                .then().statusCode(422).body("type", endsWith("token-lifetime-exceeds-policy"));
        String id = create(admin, Map.of("name", "fine", "scopes", List.of("account:read"), "expiration", "30d"))
                .then().statusCode(201).extract().path("id");
        as(admin).body(Map.of("expiration", "60d")).patch("/api/v1/tokens/" + id).then().statusCode(422);
        create(admin, Map.of("name", "default", "scopes", List.of("account:read"))).then().statusCode(201);
    }

    @Test
    void aTokenWithoutExpirationIsRefusedWhenThePolicySaysSo() {
        String admin = globalAdminOf(newTenant());
        as(admin).body(policy("allowNoExpiration", false)).put("/api/v1/token-policy").then().statusCode(200);
        create(admin, Map.of("name", "forever", "scopes", List.of("account:read"), "expiration", "none"))
                .then().statusCode(422).body("type", endsWith("token-expiration-required"));
    }

    @Test
    void theNumberOfLivePersonalTokensIsLimited() {
        String tenant = newTenant();
        String admin = globalAdminOf(tenant);
        as(admin).body(policy("maxPersonalTokensPerMember", 2)).put("/api/v1/token-policy").then().statusCode(200);
        // the admin's own fixture credential is the first live personal token
        create(admin, Map.of("name", "second", "scopes", List.of("account:read"))).then().statusCode(201);
        create(admin, Map.of("name", "third", "scopes", List.of("account:read"))).then().statusCode(422)
                .body("type", endsWith("personal-token-limit")).body("detail", containsString("at most 2"));
    }

    @Test
    void newTokensMustBeOwnedByAServiceAccountWhenThePolicySaysSo() {
        String tenant = newTenant();
        String admin = globalAdminOf(tenant);
        String sa = uniqueId();
        serviceAccount(tenant, sa, "active");
        as(admin).body(policy("requireServiceAccountOwner", true)).put("/api/v1/token-policy").then().statusCode(200);
        create(admin, Map.of("name", "personal", "scopes", List.of("account:read"))).then().statusCode(422)
                .body("type", endsWith("service-account-owner-required"));
        create(admin, Map.of("name", "ci", "scopes", List.of("account:read"),
                "owner", Map.of("type", "service_account", "id", sa))).then().statusCode(201);
    }

    @Test
    void onlyGlobalAdminsChangeThePolicyAndBadValuesAreRefused() {
        String tenant = newTenant();
        String admin = globalAdminOf(tenant);
        String member = newMemberWithToken(tenant, "member", "admin", "token:read");
        as(member).body(policy("maxLifetimeDays", 1)).put("/api/v1/token-policy").then().statusCode(403);
        as(admin).body(policy("maxLifetimeDays", 0, "expiryNoticeDays", List.of(7, 0))).put("/api/v1/token-policy")
                .then().statusCode(400).body("errors.field", hasItem("maxLifetimeDays"))
                .body("errors.field", hasItem("expiryNoticeDays[1]"));
    }

    @Test
    void aPolicyChangeIsAnEventWithTheOldAndNewValuesAndItsActor() throws Exception {
        String tenant = newTenant();
        String adminId = uniqueId();
        member(tenant, adminId, "global_admin", "active");
        String admin = tokenFor(tenant, "member", adminId, List.of("admin"), null);
        as(admin).body(policy("maxLifetimeDays", 180, "maxPersonalTokensPerMember", 1, "expiryNoticeDays", List.of(1, 14)))
                .put("/api/v1/token-policy").then().statusCode(200);
        // the same policy again changes nothing and is no event
        as(admin).body(policy("maxLifetimeDays", 180, "maxPersonalTokensPerMember", 1, "expiryNoticeDays", List.of(14, 1)))
                .put("/api/v1/token-policy").then().statusCode(200);
        as(admin).body(policy("maxLifetimeDays", 90, "maxPersonalTokensPerMember", 1, "expiryNoticeDays", List.of(14, 1),
                "allowNoExpiration", false)).put("/api/v1/token-policy").then().statusCode(200);

        var records = awaitRecords(Topics.TOKEN_EVENTS, r -> tenant.equals(r.key())
                && "latchkey.token.policy.updated.v1".equals(header(r, "ce_type")), 2);
        // one key, published in order: had the no-op PUT been an event, it would be the second record

        JsonNode first = EventJson.mapper().readTree(records.get(0).value());
        assertThat(first.path("tenant").asText()).isEqualTo(tenant);
        assertThat(first.path("actor").path("type").asText()).isEqualTo("member");
        assertThat(first.path("actor").path("id").asText()).isEqualTo(adminId);
        assertThat(first.path("target").path("type").asText()).isEqualTo("token_policy");
        assertThat(first.path("previous").has("maxLifetimeDays")).isFalse();
        assertThat(first.path("previous").path("expiryNoticeDays").toString()).isEqualTo("[30,7,1]");
        assertThat(first.path("policy").path("maxLifetimeDays").asInt()).isEqualTo(180);
        assertThat(first.path("policy").path("expiryNoticeDays").toString()).isEqualTo("[14,1]");
        assertThat(first.path("changes").toString())
                .isEqualTo("[\"maxLifetimeDays\",\"maxPersonalTokensPerMember\",\"expiryNoticeDays\"]");

        JsonNode second = EventJson.mapper().readTree(records.get(1).value());
        assertThat(second.path("previous").path("maxLifetimeDays").asInt()).isEqualTo(180);
        assertThat(second.path("policy").path("maxLifetimeDays").asInt()).isEqualTo(90);
        assertThat(second.path("policy").path("allowNoExpiration").asBoolean()).isFalse();
        assertThat(second.path("changes").toString()).isEqualTo("[\"maxLifetimeDays\",\"allowNoExpiration\"]");
        assertThat(header(records.get(1), "ce_tenant")).isEqualTo(tenant);
    }
}
