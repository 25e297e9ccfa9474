package dev.latchkey.bench;

import com.sun.net.httpserver.HttpServer;
import dev.latchkey.verifier.IntrospectionResult;
import dev.latchkey.verifier.OpaqueTokens;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A stand-in for token-service's introspection endpoint for the HTTP benchmark: one active token, printed on
 * stdout (a throw-away benchmark credential). Usage: {@code java -cp benchmarks.jar dev.latchkey.bench.StubTokenServiceMain <port>}.
 */
public final class StubTokenServiceMain {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String token = OpaqueTokens.generate("lkt_");
        byte[] active = IntrospectionResult.active(UUID.randomUUID().toString(), "sa-bench", "service_account",
                "SP-000001-01", Set.of("system_user:read", "account:all"), Instant.now().plusSeconds(86400),
                Instant.now(), "private", List.of()).toJson().toString().getBytes(StandardCharsets.UTF_8);
        byte[] inactive = IntrospectionResult.inactive().toJson().toString().getBytes(StandardCharsets.UTF_8);
        String expectedBody = "token=" + token;
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/api/v1/tokens/introspect", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            byte[] answer = expectedBody.equals(body) ? active : inactive;
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        System.out.println(token);
        System.out.flush();
    }

    private StubTokenServiceMain() {
    }
}
