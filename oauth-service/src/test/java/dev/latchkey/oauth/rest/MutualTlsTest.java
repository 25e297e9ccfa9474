package dev.latchkey.oauth.rest;

import dev.latchkey.oauth.service.ClientRegistry;
import dev.latchkey.oauth.support.Apps;
import dev.latchkey.oauth.support.Directory;
import dev.latchkey.testsupport.PostgresAndKafkaResource;
import dev.latchkey.verifier.quarkus.ClientCertificates;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.latchkey.oauth.support.TestCredentials.ADMIN_A;
import static dev.latchkey.oauth.support.TestCredentials.TENANT_A;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** RFC 8705 with the certificate forwarded by a (test-configured) trusted ingress header. */
@QuarkusTest
@WithTestResource(value = PostgresAndKafkaResource.class, initArgs = @ResourceArg(name = "database", value = "oauth_db"))
class MutualTlsTest {
    static String member;

    @Inject
    ClientRegistry registry;

    @BeforeAll
    static void seed() {
        Directory.seedTenantLimit(TENANT_A, 1000);
        member = UUID.randomUUID().toString();
        Directory.seedMember(TENANT_A, member, "global_admin", "active");
    }

    static Apps.Registered mtlsApp() {
        return Apps.mutualTls(ADMIN_A, member);
    }

    static Response token(Apps.Registered app, String certificatePem, boolean withSecret) {
        var req = given().contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials").formParam("client_id", app.clientId());
        if (withSecret) {
            req = req.formParam("client_secret", app.secret());
        }
        if (certificatePem != null) {
            req = req.header("x-test-client-cert", URLEncoder.encode(certificatePem, StandardCharsets.UTF_8));
        }
        return req.when().post("/oauth/token");
    }

    @Test
    void issuesACertificateAndKeyOnceAndBindsTokensToIt() throws Exception {
        var app = mtlsApp();
        String pem = app.body().getString("certificate.certificatePem");
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(app.body().getString("certificate.privateKeyPem")).contains("PRIVATE KEY");
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        p12.load(new ByteArrayInputStream(Base64.getDecoder().decode(app.body().getString("certificate.pkcs12"))),
                app.body().getString("certificate.pkcs12Password").toCharArray());
        assertThat(p12.isKeyEntry("client")).isTrue();

        given().header("Authorization", "Bearer " + ADMIN_A).when().get("/api/v1/oauth-apps/" + app.id() + "/certificate")
                .then().statusCode(200).body("certificatePem", equalTo(pem)).body("privateKeyPem", nullValue());

        String jwt = token(app, pem, false).then().statusCode(200).extract().jsonPath().getString("access_token");
        JwtClaims claims = new JwtConsumerBuilder().setSkipSignatureVerification().setSkipAllValidators()
                .build().processToClaims(jwt);
        @SuppressWarnings("unchecked")
        Map<String, Object> cnf = (Map<String, Object>) claims.getClaimValue("cnf");
        String expected = ClientCertificates.thumbprintOfForwarded(URLEncoder.encode(pem, StandardCharsets.UTF_8));
        assertThat(cnf).containsEntry("x5t#S256", expected);

        token(app, pem, true).then().statusCode(200);
    }

    @Test
    void refusesATokenRequestWithoutTheCertificate() {
        var app = mtlsApp();
        token(app, null, true).then().statusCode(401).body("error", equalTo("invalid_client"))
                .body("error_description", containsString("certificate"));
    }

    @Test
    void refusesTheCertificateOfAnotherApplication() {
        var app = mtlsApp();
        var other = mtlsApp();
        token(app, other.body().getString("certificate.certificatePem"), false)
                .then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void refusesAnExpiredCertificate() {
        var app = mtlsApp();
        Directory.sql("UPDATE client_certificates SET not_after = now() - interval '1 minute' WHERE application_id = ?::uuid", app.id());
        registry.invalidateClient(app.clientId());
        token(app, app.body().getString("certificate.certificatePem"), false)
                .then().statusCode(401).body("error", equalTo("invalid_client"))
                .body("error_description", containsString("expired"));
    }

    @Test
    void renewalReplacesTheCertificate() {
        var app = mtlsApp();
        String oldPem = app.body().getString("certificate.certificatePem");
        String newPem = given().header("Authorization", "Bearer " + ADMIN_A)
                .when().post("/api/v1/oauth-apps/" + app.id() + "/certificate/renew")
                .then().statusCode(200).header("Cache-Control", "no-store").extract().jsonPath().getString("certificatePem");
        assertThat(newPem).isNotEqualTo(oldPem);
        token(app, newPem, false).then().statusCode(200);
        token(app, oldPem, false).then().statusCode(401);
        assertThat(ApplicationResourceTest.query("SELECT type FROM outbox WHERE type = ? AND data LIKE '%" + app.clientId() + "%'",
                "latchkey.oauth.certificate.renewed.v1")).hasSize(1);
    }

    @Test
    void refusesCertificateAuthenticationForAnApplicationWithoutMutualTls() {
        var plain = Apps.clientCredentials(ADMIN_A, member, List.of("account:read"));
        var mtls = mtlsApp();
        given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .formParam("client_id", plain.clientId())
                .header("x-test-client-cert", URLEncoder.encode(mtls.body().getString("certificate.certificatePem"), StandardCharsets.UTF_8))
                .when().post("/oauth/token").then().statusCode(401).body("error", equalTo("invalid_client"));
    }
}
