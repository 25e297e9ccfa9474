package dev.latchkey.oauth.support;

import dev.latchkey.testsupport.Ports;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * {@code latchkey.oauth.keys.algorithm=EdDSA}, on a fixed HTTP port so that the verifier of the management API
 * ({@code latchkey.verifier.issuers.self}) fetches this very application's JWKS. The HTTPS (mutual-TLS) port is
 * fixed too: with a fixed HTTP port and a random HTTPS one the HTTP server never finished starting (Quarkus 3.34).
 */
public class EdDsaProfile implements QuarkusTestProfile {
    private static final int PORT = Ports.free();
    private static final int SSL_PORT = Ports.free();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("latchkey.oauth.keys.algorithm", "EdDSA",
                "quarkus.http.test-port", String.valueOf(PORT),
                "quarkus.http.test-ssl-port", String.valueOf(SSL_PORT),
                "latchkey.verifier.issuers.self.jwks-url", "http://localhost:" + PORT + "/oauth/jwks");
    }
}
