package dev.latchkey.verifier;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpIntrospectorTest {
    private HttpServer server;
    private final AtomicReference<String> lastBody = new AtomicReference<>();
    private final AtomicReference<String> lastAuth = new AtomicReference<>();
    private final AtomicReference<String> lastType = new AtomicReference<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicReference<String> answer = new AtomicReference<>("{\"active\":false}");

    @BeforeEach
    void setUp() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/tokens/introspect", ex -> {
            lastBody.set(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            lastAuth.set(ex.getRequestHeaders().getFirst("Authorization"));
            lastType.set(ex.getRequestHeaders().getFirst("Content-Type"));
            byte[] b = answer.get().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status.get(), b.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(b);
            }
        });
        server.start();
    }

    @AfterEach
    void tearDown() {
        server.stop(0);
    }

    private HttpIntrospector introspector() {
        return new HttpIntrospector(URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                + "/api/v1/tokens/introspect"), () -> "lkt_verifier-credential", Duration.ofSeconds(2));
    }

    @Test
    void sendsTheRfc7662FormWithTheBearerCredentialAndReadsTheAnswer() {
        IntrospectionResult expected = IntrospectionResult.active("t1", "m-1", "member", "SP-1-01",
                Set.of("account:read"), Instant.ofEpochSecond(2_000_000_000L), Instant.ofEpochSecond(1_700_000_000L),
                "public", List.of("https://a.example"));
        answer.set(expected.toJson().toString());
        IntrospectionResult r = introspector().introspect("lkt_abc+/=").toCompletableFuture().join();
        assertThat(lastBody.get()).isEqualTo("token=lkt_abc%2B%2F%3D");
        assertThat(lastAuth.get()).isEqualTo("Bearer lkt_verifier-credential");
        assertThat(lastType.get()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(r).isEqualTo(expected);
    }

    @Test
    void inactiveIsExactlyActiveFalse() {
        assertThat(IntrospectionResult.inactive().toJson().toString()).isEqualTo("{\"active\":false}");
        assertThat(IntrospectionResult.inactive().toJsonMap()).containsExactly(java.util.Map.entry("active", false));
        assertThat(introspector().introspect("x").toCompletableFuture().join().active()).isFalse();
    }

    @Test
    void neverExpiringTokensHaveNoExp() {
        IntrospectionResult r = IntrospectionResult.active("t1", "m-1", "member", "SP-1-01", Set.of(), null,
                Instant.now(), "private", List.of());
        assertThat(r.toJsonMap()).doesNotContainKey("exp");
        assertThat(IntrospectionResult.fromJson(r.toJson()).exp()).isNull();
    }

    @Test
    void anActiveAnswerWithoutItsIdentityIsTreatedAsInactive() {
        answer.set("{\"active\":true,\"scope\":\"admin\"}");
        assertThat(introspector().introspect("x").toCompletableFuture().join().active()).isFalse();
    }

    @Test
    void aNon200OrGarbageIsUnavailableNotInactive() {
        status.set(401);
        assertThatThrownBy(() -> introspector().introspect("x").toCompletableFuture().join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(IntrospectionUnavailableException.class)
                .hasMessageNotContaining("lkt_");
        status.set(200);
        answer.set("<html>");
        assertThatThrownBy(() -> introspector().introspect("x").toCompletableFuture().join())
                .hasCauseInstanceOf(IntrospectionUnavailableException.class);
        server.stop(0);
        assertThatThrownBy(() -> introspector().introspect("x").toCompletableFuture().join())
                .hasCauseInstanceOf(IntrospectionUnavailableException.class);
    }
}
