package dev.latchkey.local;

import com.sun.net.httpserver.HttpServer;
import dev.latchkey.testsupport.Ports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway routes by the path table and by service name, against real HTTP servers standing in for services. */
class GatewayTest {
    private final List<HttpServer> backends = new ArrayList<>();
    private Gateway gateway;
    private int gatewayPort;

    @BeforeEach
    void start() throws Exception {
        Service tokens = backend("token-service", List.of("/api/v1/tokens", "/api/v1/admin/tokens"));
        Service oauth = backend("oauth-service", List.of("/oauth/", "/.well-known/openid-configuration"));
        Service console = backend("console", List.of("/console"));
        gateway = new Gateway(List.of(tokens, oauth, console));
        gatewayPort = Ports.free();
        gateway.start(gatewayPort);
    }

    @AfterEach
    void stop() {
        gateway.stop();
        backends.forEach(s -> s.stop(0));
    }

    @Test
    void shouldRouteByThePathTable() throws Exception {
        assertThat(get("/api/v1/tokens")).isEqualTo("200 token-service /api/v1/tokens");
        assertThat(get("/api/v1/tokens/abc?status=active")).isEqualTo("200 token-service /api/v1/tokens/abc?status=active");
        assertThat(get("/api/v1/admin/tokens")).isEqualTo("200 token-service /api/v1/admin/tokens");
        assertThat(get("/oauth/token")).isEqualTo("200 oauth-service /oauth/token");
        assertThat(get("/.well-known/openid-configuration")).isEqualTo("200 oauth-service /.well-known/openid-configuration");
    }

    @Test
    void shouldStripTheServiceNamePrefix() throws Exception {
        assertThat(get("/token-service/q/health/ready")).isEqualTo("200 token-service /q/health/ready");
        assertThat(get("/oauth-service/q/metrics")).isEqualTo("200 oauth-service /q/metrics");
    }

    @Test
    void shouldKeepThePrefixOfAServiceServedUnderItsName() throws Exception {
        assertThat(get("/console/integration?status=active")).isEqualTo("200 console /console/integration?status=active");
        assertThat(get("/console")).isEqualTo("200 console /console");
        assertThat(get("/consoles")).startsWith("404 ");
        // the address the client used, for the console's sign-in redirect
        assertThat(get("/console/forwarded-host")).isEqualTo("200 console /console/forwarded-host host=127.0.0.1:" + gatewayPort);
    }

    @Test
    void shouldAnswer404ForAPathNoServiceServes() throws Exception {
        assertThat(get("/api/v1/tokensmith")).startsWith("404 ");
        assertThat(get("/nothing")).contains("no Latchkey service serves this path");
    }

    private Service backend(String name, List<String> routes) throws Exception {
        int port = Ports.free();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> {
            String seen = exchange.getRequestURI().getPath().endsWith("/forwarded-host")
                    ? " host=" + exchange.getRequestHeaders().getFirst("X-Forwarded-Host") : "";
            byte[] body = (name + " " + exchange.getRequestURI() + seen).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        backends.add(server);
        return new Service(name, port, null, routes);
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }
}
