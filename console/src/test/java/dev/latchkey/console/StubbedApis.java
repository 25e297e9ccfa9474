package dev.latchkey.console;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.latchkey.console.session.ServerSideTokenStateManager;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WireMock server of quarkus-test-oidc-server as the provider (alice, with the contract's claims) and as the
 * Latchkey APIs (stubs under {@code /auth/api/…}, since the test profile points every base URL at it).
 */
abstract class StubbedApis {
    @OidcWireMock
    WireMockServer provider;

    @Inject
    ServerSideTokenStateManager sessions;

    @BeforeEach
    void stubLatchkeyApis() {
        // QuarkusTest prefixes the root path; these tests spell out the public paths (/console/…) themselves
        io.restassured.RestAssured.basePath = "";
        provider.removeStubsByMetadata(matchingJsonPath("$.latchkey"));
        provider.resetRequests();
        // the provider's code-flow answer with the claims of the upstream-OIDC contract (tenant, e-mail)
        String idToken = OidcWiremockTestResource.getIdToken("alice", "quarkus-web-app",
                Map.of("latchkey_tenant", "SP-000001-01", "email", "alice@example.com", "name", "Alice"));
        provider.stubFor(post(urlPathEqualTo("/auth/realms/quarkus/token"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("authorization_code"))
                .atPriority(1).withMetadata(Map.of("latchkey", true))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"id_token":"%s","access_token":"%s","refresh_token":"refresh-1","expires_in":300,"token_type":"Bearer"}"""
                        .formatted(idToken, OidcWiremockTestResource.getAccessToken("alice", java.util.Set.of("user"))))));
        stub(get(urlPathEqualTo("/auth/api/v1/members/me")), 200, """
                {"id":"m-alice","userName":"alice@example.com","email":"alice@example.com","displayName":"Alice",
                 "role":"global_admin","status":"active"}""");
        stub(get(urlPathEqualTo("/auth/api/v1/token-policy")), 200, """
                {"maxLifetimeDays":60,"allowNoExpiration":true,"maxPersonalTokensPerMember":null}""");
        stub(get(urlPathEqualTo("/auth/api/v1/tokens")), 200, """
                {"items":[{"id":"t1","name":"ci-deploy","scopes":["account:read"],"hint":"lkt_Ab…x9",
                  "expiresAt":"2027-01-01T00:00:00Z","lastUsedAt":null,"useCount":3,"status":"active",
                  "ownerActive":true}],"next":null}""");
    }

    void stub(MappingBuilder request, int status, String body) {
        provider.stubFor(request.withMetadata(Map.of("latchkey", true)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", status >= 400 ? "application/problem+json" : "application/json").withBody(body)));
    }

    static String csrfOf(String html) {
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("a CSRF field on the page").isTrue();
        return m.group(1);
    }
}
