package dev.latchkey.oauth.service;

import dev.latchkey.oauth.rest.ApplicationResourceTest;
import dev.latchkey.oauth.rest.AuthorizationCodeTest;
import dev.latchkey.oauth.rest.ClientCredentialsTest;
import dev.latchkey.oauth.support.Apps;
import dev.latchkey.oauth.support.Directory;
import dev.latchkey.testsupport.PostgresAndKafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.latchkey.oauth.support.TestCredentials.ADMIN_A;
import static dev.latchkey.oauth.support.TestCredentials.TENANT_A;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@QuarkusTest
@WithTestResource(value = PostgresAndKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "oauth_db"))
class KeysAndLifecycleTest {
    @Inject
    SigningKeys keys;

    @Inject
    CertificateExpiryJob expiry;

    @BeforeAll
    static void seed() {
        Directory.seedTenantLimit(TENANT_A, 1000);
    }

    static String jwks() {
        return given().when().get("/oauth/jwks").then().statusCode(200).extract().asString();
    }

    @Test
    void es256SignsThroughAwsLcOnLinuxX86() {
        assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"),
                "AWS-LC's native library is shipped for Linux x86-64");
        assertThat(keys.active().alg()).isEqualTo("ES256");
        assertThat(keys.active().signer().provider()).isEqualTo("AmazonCorrettoCryptoProvider");
    }

    @Test
    void rotationPromotesTheNextKeyAndKeepsThePreviousOnePublished() throws Exception {
        String member = UUID.randomUUID().toString();
        Directory.seedMember(TENANT_A, member, "global_admin", "active");
        var app = Apps.clientCredentials(ADMIN_A, member, List.of("account:read"));
        String before = ClientCredentialsTest.basic(app.clientId(), app.secret(), "grant_type", "client_credentials")
                .jsonPath().getString("access_token");
        var kidsBefore = new JsonWebKeySet(jwks()).getJsonWebKeys().stream().map(k -> k.getKeyId()).toList();
        assertThat(kidsBefore).hasSizeGreaterThanOrEqualTo(2); // current and next
        String oldKid = keys.active().kid();

        keys.rotateNow().await().atMost(Duration.ofSeconds(30));

        assertThat(keys.active().kid()).isNotEqualTo(oldKid);
        assertThat(kidsBefore).contains(keys.active().kid()); // the new current key was published ahead as next
        var set = new JsonWebKeySet(jwks());
        assertThat(set.getJsonWebKeys()).hasSize(3);
        assertThat(set.getJsonWebKeys().stream().map(k -> k.getKeyId())).contains(oldKid);
        // a token signed before the rotation still verifies with the published keys
        new JwtConsumerBuilder().setExpectedIssuer("https://latchkey.test").setExpectedAudience("latchkey")
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(set.getJsonWebKeys())).build().process(before);
        String after = ClientCredentialsTest.basic(app.clientId(), app.secret(), "grant_type", "client_credentials")
                .jsonPath().getString("access_token");
        new JwtConsumerBuilder().setExpectedIssuer("https://latchkey.test").setExpectedAudience("latchkey")
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(set.getJsonWebKeys())).build().process(after);
    }

    @Test
    void aDisabledMemberLosesTokensAndConsentsThroughTheDirectoryEvents() {
        String member = UUID.randomUUID().toString();
        Directory.seedMember(TENANT_A, member, "member", "active");
        // the member consents through a web app and holds a refresh token
        var app = Apps.authorizationCode(ADMIN_A, List.of(AuthorizationCodeTest.CALLBACK), List.of("account:read"));
        Directory.sql("INSERT INTO consents (tenant, member_id, application_id, scopes, granted_at) VALUES (?, ?, ?::uuid, '{account:read}', now())",
                TENANT_A, member, app.id());

        Directory.publishMember("disabled", TENANT_A, member, "member", "disabled");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(ApplicationResourceTest.outboxKeys("latchkey.credential.revocations"))
                        .contains("subject:" + TENANT_A + ":" + member));
        assertThat(ApplicationResourceTest.query("SELECT type FROM outbox WHERE type = ? AND data LIKE '%" + member + "%'",
                "latchkey.oauth.consent.revoked.v1")).hasSize(1);
        assertThat(ApplicationResourceTest.query("SELECT member_id FROM consents WHERE member_id = ?", member)).isEmpty();

        // client-credentials applications can no longer be registered to act as them
        given().header("Authorization", "Bearer " + ADMIN_A).contentType("application/json")
                .body(Map.of("name", "x", "grantType", "client_credentials", "actingMemberId", member,
                        "scopes", List.of("account:read")))
                .when().post("/api/v1/oauth-apps").then().statusCode(400);
    }

    @Test
    void announcesCertificatesThatExpireSoonOnce() {
        String member = UUID.randomUUID().toString();
        Directory.seedMember(TENANT_A, member, "global_admin", "active");
        var app = Apps.register(ADMIN_A, Map.of("name", "mtls", "grantType", "client_credentials",
                "actingMemberId", member, "scopes", List.of("account:read"), "mutualTls", true));
        Directory.sql("UPDATE client_certificates SET not_after = now() + interval '10 days' WHERE application_id = ?::uuid", app.id());

        assertThat(expiry.announce().await().atMost(Duration.ofSeconds(30))).isGreaterThanOrEqualTo(1);
        assertThat(expiry.announce().await().atMost(Duration.ofSeconds(30))).isZero();
        assertThat(ApplicationResourceTest.query("SELECT type FROM outbox WHERE type = ? AND data LIKE '%" + app.clientId() + "%'",
                "latchkey.oauth.certificate.expiring.v1")).hasSize(1);
    }

    @Test
    void theSecretNeverAppearsInAnyEvent() {
        String member = UUID.randomUUID().toString();
        Directory.seedMember(TENANT_A, member, "global_admin", "active");
        var app = Apps.clientCredentials(ADMIN_A, member, List.of("account:read"));
        assertThat(ApplicationResourceTest.query("SELECT data FROM outbox WHERE data LIKE ?", "%" + app.secret() + "%")).isEmpty();
        given().header("Authorization", "Bearer " + ADMIN_A).when().get("/api/v1/oauth-apps/" + app.id())
                .then().statusCode(200).body("clientSecretHint", equalTo(app.body().getString("application.clientSecretHint")));
    }
}
