import com.sun.net.httpserver.HttpServer;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Stands in for token-service's RFC 7662 introspection for the query benchmark: the one token given as argument
 * is an active global admin's token of SP-000001-01 holding audit:read (the verifier caches the answer).
 * Usage: Introspection <port> <token>
 */
public class Introspection {
    public static void main(String[] args) throws Exception {
        String token = args[1];
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 0);
        server.createContext("/api/v1/tokens/introspect", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean active = body.contains("token=" + token);
            String answer = active
                    ? "{\"active\":true,\"token_id\":\"bench\",\"sub\":\"bench-admin\",\"owner_type\":\"member\","
                      + "\"tenant\":\"SP-000001-01\",\"scope\":\"audit:read\",\"iat\":" + (System.currentTimeMillis() / 1000)
                      + ",\"visibility\":\"private\",\"allowed_origins\":[]}"
                    : "{\"active\":false}";
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        System.out.println("introspection stub on " + args[0]);
    }
}
