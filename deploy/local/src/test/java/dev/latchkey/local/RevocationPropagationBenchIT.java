package dev.latchkey.local;

import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static dev.latchkey.local.RunningPlatform.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark, not a test (skipped unless {@code -Dlatchkey.bench=true}): how long from "revoke answered" at
 * token-service to the first 401 at accounts-api, over many tokens. accounts-api has each token cached
 * (a first call warms the cache), so what is measured is the revocation event's path: outbox → Kafka →
 * the verifier's revocation consumer → cache eviction.
 * <pre>./mvnw -pl deploy/local verify -Dit.test=RevocationPropagationBenchIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dlatchkey.bench=true</pre>
 */
@EnabledIfSystemProperty(named = "latchkey.bench", matches = "true")
class RevocationPropagationBenchIT {

    @BeforeAll
    static void start() throws Exception {
        RunningPlatform.get();
    }

    @Test
    void measureRevocationPropagation() throws Exception {
        int tokens = Integer.getInteger("latchkey.bench.tokens", 100);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < tokens; i++) {
            Response created = TokenLifecycleIT.createToken(List.of("system_user:read"));
            String value = created.path("token");
            String id = created.path("id");
            HttpRequest whoami = HttpRequest.newBuilder(URI.create(TokenLifecycleIT.ACCOUNTS_API + "/api/v1/users/whoami"))
                    .header("Authorization", "Bearer " + value).build();
            assertThat(http.send(whoami, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);

            asAdmin().delete("/api/v1/tokens/" + id).then().statusCode(204);
            long answered = System.nanoTime();
            long deadline = answered + Duration.ofSeconds(30).toNanos();
            int status = 200;
            while (status != 401 && System.nanoTime() < deadline) {
                status = http.send(whoami, HttpResponse.BodyHandlers.discarding()).statusCode();
            }
            assertThat(status).as("token %d refused within 30 s", i).isEqualTo(401);
            micros.add((System.nanoTime() - answered) / 1000);
        }
        Collections.sort(micros);
        System.out.printf("revocation propagation over %d tokens: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                tokens, pct(micros, 50), pct(micros, 90), pct(micros, 99), micros.get(micros.size() - 1) / 1000.0);
    }

    private static double pct(List<Long> sorted, int p) {
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1000.0;
    }
}
