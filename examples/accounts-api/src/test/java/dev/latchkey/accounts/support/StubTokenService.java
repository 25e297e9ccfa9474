package dev.latchkey.accounts.support;

import com.sun.net.httpserver.HttpServer;
import dev.latchkey.verifier.IntrospectionResult;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.keys.EllipticCurves;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for token-service's introspection endpoint and oauth-service's JWKS in the library's own tests (the
 * cross-process test with the real services is separate). Answers exactly per the contract in the README.
 */
public final class StubTokenService {
    public static final String INTROSPECTION_CREDENTIAL = "test-introspection-credential";
    private static StubTokenService instance;

    private final HttpServer server;
    private final Map<String, IntrospectionResult> tokens = new ConcurrentHashMap<>();
    private final AtomicInteger introspections = new AtomicInteger();
    private final EllipticCurveJsonWebKey signingKey;

    private StubTokenService() throws Exception {
        signingKey = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        signingKey.setKeyId("k1");
        signingKey.setAlgorithm("ES256");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/tokens/introspect", exchange -> {
            introspections.incrementAndGet();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (!("Bearer " + INTROSPECTION_CREDENTIAL).equals(auth)) {
                send(exchange, 401, "{}");
                return;
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String token = null;
            for (String pair : body.split("&")) {
                if (pair.startsWith("token=")) {
                    token = URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
                }
            }
            IntrospectionResult r = token == null ? null : tokens.get(token);
            send(exchange, 200, (r == null ? IntrospectionResult.inactive() : r).toJson().toString());
        });
        server.createContext("/oauth/jwks", exchange ->
                send(exchange, 200, new JsonWebKeySet(signingKey).toJson()));
        server.start();
    }

    public static synchronized StubTokenService get() {
        if (instance == null) {
            try {
                instance = new StubTokenService();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    private static void send(com.sun.net.httpserver.HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void put(String token, IntrospectionResult result) {
        tokens.put(token, result);
    }

    public void deactivate(String token) {
        tokens.remove(token);
    }

    public int introspections() {
        return introspections.get();
    }

    public EllipticCurveJsonWebKey signingKey() {
        return signingKey;
    }
}
