package dev.latchkey.testsupport;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;

import java.util.HashMap;
import java.util.Map;

/**
 * The upstream OpenID Connect provider of a {@code @QuarkusTest}: quarkus-test-oidc-server's WireMock provider (on a
 * free port), configured as {@code latchkey.oidc.issuer}, so the service accepts people's bearer tokens minted with
 * {@link UpstreamTokens}. Needs {@code io.quarkus:quarkus-test-oidc-server} in the module's test dependencies.
 * <pre>
 * &#64;WithTestResource(UpstreamOidcProvider.class)
 * </pre>
 */
public class UpstreamOidcProvider extends OidcWiremockTestResource {
    /** The {@code iss} of the provider's discovery document (and of {@link UpstreamTokens}). */
    public static final String ISSUER = "https://server.example.com";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("latchkey.oidc.issuer", config.get("keycloak.url") + "/realms/quarkus");
        return config;
    }
}
