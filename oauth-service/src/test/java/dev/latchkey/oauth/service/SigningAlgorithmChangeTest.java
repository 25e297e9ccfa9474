package dev.latchkey.oauth.service;

import dev.latchkey.oauth.crypto.SigningAlgorithm;
import dev.latchkey.oauth.repository.SigningKeyRepository;
import dev.latchkey.oauth.repository.SigningKeyRepository.StoredKey;
import dev.latchkey.oauth.rest.ClientCredentialsTest;
import dev.latchkey.oauth.support.Apps;
import dev.latchkey.oauth.support.Directory;
import dev.latchkey.oauth.support.EdDsaProfile;
import dev.latchkey.oauth.support.Readiness;
import dev.latchkey.testsupport.PostgresAndKafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static dev.latchkey.oauth.support.TestCredentials.ADMIN_A;
import static dev.latchkey.oauth.support.TestCredentials.TENANT_A;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deployment that signed with ES256 is configured for EdDSA: the next key is replaced, the ES256 key signs on until
 * the rotation, which waits until the new next key has been published long enough; tokens of either algorithm verify.
 */
@QuarkusTest
@TestProfile(EdDsaProfile.class)
@WithTestResource(value = PostgresAndKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "oauth_algorithm_change_db"))
class SigningAlgorithmChangeTest {
    @Inject
    SigningKeys keys;

    @Inject
    SigningKeyRepository repository;

    @Inject
    Pool pool;

    static Map<String, String> publishedAlgorithms() {
        try {
            String jwks = given().get("/oauth/jwks").then().statusCode(200).extract().asString();
            return new JsonWebKeySet(jwks).getJsonWebKeys().stream()
                    .collect(Collectors.toMap(JsonWebKey::getKeyId, k -> k.getKeyType() + " " + k.getAlgorithm()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String header(String jwt, String name) throws Exception {
        JwtContext c = new JwtConsumerBuilder().setSkipAllValidators().setDisableRequireSignature()
                .setSkipSignatureVerification().build().process(jwt);
        return c.getJoseObjects().get(0).getHeader(name);
    }

    static boolean introspectsActive(Apps.Registered app, String token) {
        return given().auth().preemptive().basic(app.clientId(), app.secret()).contentType("application/x-www-form-urlencoded")
                .formParam("token", token).when().post("/oauth/introspect").then().statusCode(200).extract().path("active");
    }

    private void check() {
        keys.rotateIfDue().chain(keys::reload).await().atMost(Duration.ofSeconds(30));
    }

    @Test
    void shouldReplaceTheNextKeyAndSignWithTheNewAlgorithmFromTheNextRotation() throws Exception {
        Readiness.awaitReady();
        Directory.seedTenantLimit(TENANT_A, 1000);
        String member = UUID.randomUUID().toString();
        Directory.seedMember(TENANT_A, member, "global_admin", "active");
        var app = Apps.clientCredentials(ADMIN_A, member, List.of("account:read"));

        // the keys an ES256 deployment left (under the rotation lock, so the scheduled check cannot interleave)
        Instant now = Instant.now();
        StoredKey esCurrent = keys.generate(SigningAlgorithm.ES256, "current", now);
        StoredKey esNext = keys.generate(SigningAlgorithm.ES256, "next", now);
        pool.withTransaction(tx -> repository.tryLock(tx)
                .invoke(locked -> assertThat(locked).isTrue())
                .chain(() -> tx.query("UPDATE signing_keys SET status = 'retired' WHERE status <> 'retired'").execute())
                .chain(() -> repository.insert(tx, esCurrent))
                .chain(() -> repository.insert(tx, esNext))).await().atMost(Duration.ofSeconds(30));
        keys.reload().await().atMost(Duration.ofSeconds(30));
        String esToken = ClientCredentialsTest.basic(app.clientId(), app.secret(), "grant_type", "client_credentials")
                .then().statusCode(200).extract().path("access_token");
        assertThat(header(esToken, "alg")).isEqualTo("ES256");

        // EdDSA configured: the unused ES256 next key is replaced by an Ed25519 one; the ES256 key signs on
        check();
        assertThat(keys.active().kid()).isEqualTo(esCurrent.kid());
        Map<String, String> published = publishedAlgorithms();
        assertThat(published).hasSize(2).containsEntry(esCurrent.kid(), "EC ES256").doesNotContainKey(esNext.kid())
                .containsValue("OKP EdDSA");
        String edNext = published.entrySet().stream().filter(e -> e.getValue().equals("OKP EdDSA")).findFirst().orElseThrow().getKey();
        assertThat(keys.active().algorithms()).containsExactly("ES256", "EdDSA");
        given().get("/.well-known/openid-configuration").then().statusCode(200)
                .body("id_token_signing_alg_values_supported", org.hamcrest.Matchers.equalTo(List.of("ES256", "EdDSA")));

        // the rotation falls due, but the new next key was published just now: it does not sign yet
        Directory.sql("UPDATE signing_keys SET not_before = now() - interval '31 days' WHERE kid = ?", esCurrent.kid());
        check();
        assertThat(keys.active().kid()).isEqualTo(esCurrent.kid());
        assertThat(publishedAlgorithms()).containsOnlyKeys(esCurrent.kid(), edNext);

        // once it has been published long enough, the scheduled check rotates: EdDSA signs, ES256 tokens still verify
        Directory.sql("UPDATE signing_keys SET created_at = now() - interval '1 hour' WHERE kid = ?", edNext);
        check();
        assertThat(keys.active().kid()).isEqualTo(edNext);
        assertThat(keys.active().alg()).isEqualTo("EdDSA");
        published = publishedAlgorithms();
        assertThat(published).hasSize(3).containsEntry(esCurrent.kid(), "EC ES256").containsEntry(edNext, "OKP EdDSA");
        assertThat(published.values()).containsExactlyInAnyOrder("EC ES256", "OKP EdDSA", "OKP EdDSA");

        String edToken = ClientCredentialsTest.basic(app.clientId(), app.secret(), "grant_type", "client_credentials")
                .then().statusCode(200).extract().path("access_token");
        assertThat(header(edToken, "alg")).isEqualTo("EdDSA");
        assertThat(header(edToken, "kid")).isEqualTo(edNext);
        List<JsonWebKey> set = new JsonWebKeySet(given().get("/oauth/jwks").asString()).getJsonWebKeys();
        for (String token : List.of(esToken, edToken)) {
            new JwtConsumerBuilder().setExpectedIssuer("https://latchkey.test").setExpectedAudience("latchkey")
                    .setVerificationKeyResolver(new JwksVerificationKeyResolver(set)).build().process(token);
            assertThat(introspectsActive(app, token)).isTrue();
        }
    }
}
