package dev.latchkey.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.events.Topics;
import dev.latchkey.events.token.TokenEvents;
import dev.latchkey.testsupport.PostgresAndKafkaResource;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Creations that arrive together share a transaction (group commit; the test profile allows one creation
 * transaction at a time, so concurrent requests queue and form groups). Each still gets its own checks and answer.
 */
@QuarkusTest
@WithTestResource(value = PostgresAndKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "token_db"))
class TokenCreationGroupsTest extends TokenServiceTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/api/v1/tokens")
    URI tokens;

    @Inject
    MeterRegistry meters;

    record Answer(int status, JsonNode body) {
    }

    /** All bodies sent at once, each on its own request; the answers in the same order. */
    List<Answer> createAtOnce(String credential, List<Map<String, Object>> bodies) {
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (Map<String, Object> body : bodies) {
            try {
                sent.add(HTTP.sendAsync(HttpRequest.newBuilder(tokens).header("Authorization", "Bearer " + credential)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                        HttpResponse.BodyHandlers.ofString()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return sent.stream().map(f -> {
            try {
                HttpResponse<String> r = f.join();
                return new Answer(r.statusCode(), JSON.readTree(r.body()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** Transactions and the creations they committed so far (none before the first creation of this run). */
    long[] groupsAndCreations() {
        DistributionSummary groups = meters.find("latchkey.token.creation.group.size").summary();
        return groups == null ? new long[]{0, 0} : new long[]{groups.count(), (long) groups.totalAmount()};
    }

    static long count(List<Answer> answers, int status) {
        return answers.stream().filter(a -> a.status() == status).count();
    }

    @Test
    void ofManySimultaneousCreationsWithOneNameExactlyOneWinsAndCreationsShareTransactions() {
        long[] before = groupsAndCreations();
        String name = "same-" + uniqueId();
        List<Answer> answers = createAtOnce(admin(), IntStream.range(0, 24)
                .mapToObj(i -> Map.<String, Object>of("name", i % 2 == 0 ? name : name.toUpperCase(),
                        "scopes", List.of("account:read"))).toList());

        assertThat(count(answers, 201)).as("answers %s", answers).isEqualTo(1);
        assertThat(count(answers, 409)).isEqualTo(23);
        answers.stream().filter(a -> a.status() == 409).forEach(a ->
                assertThat(a.body().path("detail").asText()).contains("already has a live token named"));
        Answer won = answers.stream().filter(a -> a.status() == 201).findFirst().orElseThrow();
        introspect(won.body().path("token").asText()).then().body("active", equalTo(true))
                .body("token_id", equalTo(won.body().path("id").asText()));

        long[] after = groupsAndCreations();
        assertThat(after[1] - before[1]).isEqualTo(24);
        assertThat(after[0] - before[0]).as("transactions for 24 simultaneous creations, one at a time").isLessThan(24);
    }

    @Test
    void thePersonalTokenLimitCountsTheCreationsOfTheSameGroup() {
        String tenant = "SP-" + ThreadLocalRandom.current().nextInt(100_000, 999_999) + "-03";
        String admin = newMemberWithToken(tenant, "global_admin", "admin");
        as(admin).body(Map.of("maxPersonalTokensPerMember", 3))
                .put("/api/v1/token-policy").then().statusCode(200);

        // the admin's own credential is the first of its three
        List<Answer> answers = createAtOnce(admin, IntStream.range(0, 12)
                .mapToObj(i -> Map.<String, Object>of("name", "mine-" + i, "scopes", List.of("account:read"))).toList());

        assertThat(count(answers, 201)).as("answers %s", answers).isEqualTo(2);
        assertThat(count(answers, 422)).isEqualTo(10);
        answers.stream().filter(a -> a.status() == 422).forEach(a ->
                assertThat(a.body().path("type").asText()).endsWith("personal-token-limit"));
    }

    @Test
    void aRefusedCreationFailsAloneAndOnlyTheCreatedOnesHaveEvents() {
        String active = uniqueId();
        String disabled = uniqueId();
        serviceAccount(TENANT, active, "active");
        serviceAccount(TENANT, disabled, "disabled");
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            bodies.add(Map.of("name", "ok-" + i, "scopes", List.of("account:read"),
                    "owner", Map.of("type", "service_account", "id", active)));
            bodies.add(Map.of("name", "unknown-" + i, "scopes", List.of("account:read"),
                    "owner", Map.of("type", "service_account", "id", uniqueId())));
            bodies.add(Map.of("name", "disabled-" + i, "scopes", List.of("account:read"),
                    "owner", Map.of("type", "service_account", "id", disabled)));
        }
        List<Answer> answers = createAtOnce(admin(), bodies);

        for (int i = 0; i < bodies.size(); i += 3) {
            assertThat(answers.get(i).status()).as("answer %s", answers.get(i)).isEqualTo(201);
            assertThat(answers.get(i + 1).status()).isEqualTo(404);
            assertThat(answers.get(i + 2).status()).isEqualTo(422);
            assertThat(answers.get(i + 2).body().path("type").asText()).endsWith("owner-not-active");
            String value = answers.get(i).body().path("token").asText();
            introspect(value).then().body("active", equalTo(true)).body("sub", equalTo(active));
        }
        List<String> created = answers.stream().filter(a -> a.status() == 201).map(a -> a.body().path("id").asText()).toList();
        var events = awaitRecords(Topics.TOKEN_EVENTS, r -> created.contains(r.key())
                && TokenEvents.CREATED.type().equals(header(r, "ce_type")), 6);
        assertThat(events).extracting(r -> r.key()).containsExactlyInAnyOrderElementsOf(created);
        assertThat(events).allSatisfy(r -> assertThat(header(r, "ce_clientip")).isEqualTo("127.0.0.1"));
        Long rows = pool.preparedQuery("SELECT count(*) FROM token WHERE tenant = $1 AND owner_id = $2")
                .execute(Tuple.of(TENANT, disabled)).await().indefinitely()
                .iterator().next().getLong(0);
        assertThat(rows).isZero();
    }
}
