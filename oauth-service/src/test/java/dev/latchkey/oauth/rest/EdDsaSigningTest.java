package dev.latchkey.oauth.rest;

import dev.latchkey.oauth.service.SigningKeys;
import dev.latchkey.oauth.support.Apps;
import dev.latchkey.oauth.support.Directory;
import dev.latchkey.oauth.support.EdDsaProfile;
import dev.latchkey.oauth.support.Readiness;
import dev.latchkey.testsupport.PostgresAndKafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static dev.latchkey.oauth.support.TestCredentials.ADMIN_A;
import static dev.latchkey.oauth.support.TestCredentials.TENANT_A;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * {@code latchkey.oauth.keys.algorithm=EdDSA} on a database of its own (so every key is Ed25519): the JWKS, the
 * tokens, introspection and revocation, and the verifier of the management API (libs/token-verifier) fetching this
 * application's JWKS like any resource server.
 */
@QuarkusTest
@TestProfile(EdDsaProfile.class)
@WithTestResource(value = PostgresAndKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "oauth_eddsa_db"))
class EdDsaSigningTest {
    static final String ISSUER = "https://latchkey.test";

    @Inject
    SigningKeys keys;

    @BeforeAll
    static void seed() {
        Directory.seedTenantLimit(TENANT_A, 1000);
    }

    @BeforeEach
    void ready() {
        Readiness.awaitReady();
    }

    static Apps.Registered app(List<String> scopes) {
        String member = UUID.randomUUID().toString();
        Directory.seedMember(TENANT_A, member, "global_admin", "active");
        return Apps.clientCredentials(ADMIN_A, member, scopes);
    }

    static String grant(Apps.Registered app) {
        return ClientCredentialsTest.basic(app.clientId(), app.secret(), "grant_type", "client_credentials")
                .then().statusCode(200).extract().path("access_token");
    }

    static JsonPath introspect(Apps.Registered app, String token) {
        return given().auth().preemptive().basic(app.clientId(), app.secret()).contentType("application/x-www-form-urlencoded")
                .formParam("token", token).when().post("/oauth/introspect").then().statusCode(200).extract().jsonPath();
    }

    static String jwks() {
        return given().when().get("/oauth/jwks").then().statusCode(200).extract().asString();
    }

    @Test
    void shouldPublishOkpEd25519KeysWithAlgEdDsa() throws Exception {
        String json = jwks();
        assertThat(json).doesNotContain("\"d\"");
        List<JsonWebKey> published = new JsonWebKeySet(json).getJsonWebKeys();
        assertThat(published).hasSize(2); // current and next
        assertThat(published).extracting(JsonWebKey::getKeyId).contains(keys.active().kid());
        for (JsonWebKey k : published) {
            assertThat(k).isInstanceOf(OctetKeyPairJsonWebKey.class);
            assertThat(k.getKeyType()).isEqualTo("OKP");
            assertThat(((OctetKeyPairJsonWebKey) k).getSubtype()).isEqualTo("Ed25519");
            assertThat(k.getAlgorithm()).isEqualTo("EdDSA");
            assertThat(k.getUse()).isEqualTo("sig");
        }
        given().get("/.well-known/openid-configuration").then().statusCode(200)
                .body("id_token_signing_alg_values_supported", equalTo(List.of("EdDSA")));
    }

    @Test
    void shouldIssueAnEdDsaTokenOfTheCurrentKeyThatVerifiesWithTheJwks() throws Exception {
        String jwt = grant(app(List.of("account:read")));

        JwtContext context = new JwtConsumerBuilder()
                .setExpectedIssuer(ISSUER).setExpectedAudience("latchkey").setExpectedType(true, "at+jwt")
                .setRequireExpirationTime().setRequireJwtId().setRequireSubject()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.EDDSA)
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(jwks()).getJsonWebKeys()))
                .build().process(jwt);
        assertThat(context.getJoseObjects().get(0).getAlgorithmHeaderValue()).isEqualTo("EdDSA");
        assertThat(context.getJoseObjects().get(0).getKeyIdHeaderValue()).isEqualTo(keys.active().kid());
        assertThat(context.getJwtClaims().getClaimValueAsString("scope")).isEqualTo("account:read");
    }

    @Test
    void shouldIntrospectAnEdDsaTokenAsActiveUntilItIsRevoked() {
        var app = app(List.of("account:read"));
        String jwt = grant(app);

        JsonPath active = introspect(app, jwt);
        assertThat(active.getBoolean("active")).isTrue();
        assertThat(active.getString("client_id")).isEqualTo(app.clientId());
        assertThat(active.getString("tenant")).isEqualTo(TENANT_A);

        given().auth().preemptive().basic(app.clientId(), app.secret()).contentType("application/x-www-form-urlencoded")
                .formParam("token", jwt).when().post("/oauth/revoke").then().statusCode(200);
        assertThat(introspect(app, jwt).getBoolean("active")).isFalse();
    }

    @Test
    void shouldIntrospectATamperedEdDsaTokenAsInactive() {
        var app = app(List.of("account:read"));
        String[] parts = grant(app).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"account:read\"", "\"account:all\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(introspect(app, tampered).getBoolean("active")).isFalse();
        // the signature of an EdDSA key presented as ES256
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8).replace("EdDSA", "ES256")
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(introspect(app, header + "." + parts[1] + "." + parts[2]).getBoolean("active")).isFalse();
    }

    @Test
    void shouldBeAcceptedByTheTokenVerifierThroughTheJwks() {
        var app = app(List.of("oauth_app:read"));
        String jwt = grant(app);

        // the management API authenticates with libs/token-verifier: JWKS over HTTP, OKP key, EdDSA signature
        given().auth().oauth2(jwt).get("/api/v1/oauth-apps").then().statusCode(200)
                .body("items.clientId", hasItem(app.clientId()));
        String[] parts = jwt.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[64]);
        given().auth().oauth2(forged).get("/api/v1/oauth-apps").then().statusCode(401);
    }
}
