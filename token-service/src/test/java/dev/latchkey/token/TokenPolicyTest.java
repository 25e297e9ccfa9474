package dev.latchkey.token;

import dev.latchkey.testsupport.PostgresAndKafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

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
}
